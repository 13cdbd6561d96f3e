package search

import (
	"context"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// BenchmarkHighlight measures the snippets of one result page: the three best pages
// of the ten best documents for a word, highlighted in one request.
func BenchmarkHighlight(b *testing.B) {
	ix, _ := indextest.Sample(b)
	s := New(ix)
	ctx := context.Background()
	node, err := query.Parse("oversight")
	if err != nil {
		b.Fatal(err)
	}
	uq, q, rs, err := plan(node, nil, Filters{})
	if err != nil {
		b.Fatal(err)
	}
	order, _, err := s.groups(ctx, q, rs, 0, 10, 3)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	langs := map[string]string{}
	for _, g := range order[:min(10, len(order))] {
		for _, p := range g.Pages {
			ids = append(ids, indexer.PageID(g.ID, p))
		}
	}
	for b.Loop() {
		out, err := s.highlightPages(ctx, uq, ids, langs, plainWords(node))
		if err != nil || len(out) != len(ids) {
			b.Fatalf("%d of %d pages: %v", len(out), len(ids), err)
		}
	}
}
