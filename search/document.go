package search

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/snippet"
)

// ErrNoPage is returned for a page number a document does not have.
var ErrNoPage = errors.New("no such page")

// PageText is the indexed text of one page.
type PageText struct {
	DocID string
	Page  int
	Label string
	Text  string
	// HTML is Text escaped, with the matches of the query that asked for it in <mark>.
	HTML string
	// Matches counts the marked matches.
	Matches int
}

// Document returns the stored document with the given ID (indexer.ErrNotFound if none).
func (s *Searcher) Document(id string) (*indexer.Document, error) {
	return s.ix.Get(id)
}

// Page returns the text of page n of document id, with the matches of q marked when
// q is not empty.
func (s *Searcher) Page(ctx context.Context, id string, n int, q string) (*PageText, error) {
	d, err := s.ix.Get(id)
	if err != nil {
		return nil, err
	}
	if n < 1 || n > d.PageCount {
		return nil, fmt.Errorf("%w: %s has pages 1 to %d, not %d", ErrNoPage, id, d.PageCount, n)
	}
	if ctx, err = s.scoring(ctx); err != nil {
		return nil, err
	}
	uq := indexer.MatchAll()
	var words []string
	if strings.TrimSpace(q) != "" {
		node, err := query.Parse(q)
		if err != nil {
			return nil, err
		}
		if err := s.checkPrefixes(ctx, node); err != nil {
			return nil, err
		}
		if uq, err = compile(node); err != nil {
			return nil, err
		}
		words = plainWords(node)
	}
	pid := indexer.PageID(id, n)
	get := func(qq indexer.Query) ([]indexer.Hit, error) {
		return s.ix.Hits(ctx, indexer.And(indexer.IDs(pid), qq), indexer.HitRequest{
			Size: 1, Fields: []string{indexer.FieldBody, indexer.FieldLabel}, Spans: true,
		})
	}
	hits, err := get(uq)
	if err != nil {
		return nil, fmt.Errorf("read page %d of %s: %w", n, id, err)
	}
	if len(hits) == 0 {
		// The query does not match this page: show it unmarked.
		if hits, err = get(indexer.MatchAll()); err != nil {
			return nil, fmt.Errorf("read page %d of %s: %w", n, id, err)
		}
		if len(hits) == 0 {
			return nil, fmt.Errorf("%w: page %d of %s is not in the index", ErrNoPage, n, id)
		}
	}
	h := hits[0]
	pt := &PageText{DocID: id, Page: n, Text: h.Text[indexer.FieldBody], Label: h.Text[indexer.FieldLabel]}
	var spans []snippet.Span
	for _, l := range h.Spans[indexer.FieldBody] {
		if l.End <= len(pt.Text) && l.Start < l.End {
			spans = append(spans, snippet.Span{Start: l.Start, End: l.End})
		}
	}
	// Other forms of the query's words, matched through the stemmed field.
	spans = snippet.Merge(append(spans, s.stemSpans(pt.Text, d.Lang, words)...))
	pt.Matches = len(spans)
	var b strings.Builder
	b.WriteString(snippet.MarkAll(pt.Text, spans))
	pt.HTML = b.String()
	return pt, nil
}

// InDocument searches the pages of one document and returns the matching pages in
// page order, with snippets.
func (s *Searcher) InDocument(ctx context.Context, id, q string) ([]PageHit, error) {
	d, err := s.ix.Get(id)
	if err != nil {
		return nil, err
	}
	if ctx, err = s.scoring(ctx); err != nil {
		return nil, err
	}
	node, err := query.Parse(q)
	if err != nil {
		return nil, err
	}
	if err := s.checkPrefixes(ctx, node); err != nil {
		return nil, err
	}
	uq, err := bodyCompiler.compile(node)
	if err != nil {
		return nil, err
	}
	hits, err := s.bestPages(ctx, uq, id, max(1, d.PageCount), d.Lang, plainWords(node))
	if err != nil {
		return nil, err
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Page < hits[j].Page })
	return hits, nil
}
