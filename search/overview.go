package search

import (
	"context"
	"time"

	"github.com/ssgsearch/ssgsearch/search/query"
)

// Overview is what the collection holds: its documents and pages, the documents
// counted by each facet's values, and the latest documents.
type Overview struct {
	Documents, Pages int
	Facets           map[string][]FacetValue
	Latest           []Hit
}

// Overview describes the whole collection for a start page, with the latest n
// documents (newest publication date first).
func (s *Searcher) Overview(ctx context.Context, n int) (*Overview, error) {
	req := Request{Page: 1, Size: max(1, min(n, MaxSize)), PagesPerDoc: 1, Sort: SortNewest, Facets: true}
	res, err := s.search(ctx, time.Now(), &query.All{}, nil, nil, false, req)
	if err != nil {
		return nil, err
	}
	return &Overview{Documents: res.Total, Pages: res.MatchedPages, Facets: res.Facets, Latest: res.Hits}, nil
}
