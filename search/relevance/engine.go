package relevance

import (
	"context"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/quote"
)

// Engine evaluates our search engine.
type Engine struct {
	Searcher *search.Searcher
	// XLang turns cross-language search on for every query.
	XLang bool
	// KeyOf names a document as judgments do (nil: Key of its source URL).
	KeyOf func(*indexer.Document) string
}

func (e Engine) key(d *indexer.Document) string {
	if e.KeyOf != nil {
		return e.KeyOf(d)
	}
	return Key(d.SourceURL)
}

// Rank runs q as the API would, documents ranked by relevance.
func (e Engine) Rank(ctx context.Context, q Query, n int) ([]string, error) {
	res, err := e.Searcher.Search(ctx, search.Request{
		Query: q.Query, Page: 1, Size: n, PagesPerDoc: 1, XLang: e.XLang,
		Filters: q.Filters,
	})
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		keys[i] = e.key(h.Doc)
	}
	return keys, nil
}

// QuotePage verifies q as a quote and returns its first place.
func (e Engine) QuotePage(ctx context.Context, q Query) (string, int, error) {
	res, err := quote.Verify(ctx, e.Searcher, q.Query)
	if err != nil {
		return "", 0, err
	}
	if len(res.Places) == 0 {
		return "", 0, nil
	}
	return e.key(res.Places[0].Doc), res.Places[0].Page, nil
}
