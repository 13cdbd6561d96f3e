package search_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/query"
)

func BenchmarkParse(b *testing.B) {
	q := `parliamentary oversight "closed hearing" -police (budget OR procurement) year:2015..2022 integrty~ ombud*`
	for b.Loop() {
		if _, err := query.Parse(q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch runs whole searches (grouping, document load, highlighting) on the
// sample index.
func BenchmarkSearch(b *testing.B) {
	ix, _ := indextest.Sample(b)
	s := search.New(ix)
	for _, q := range []string{"oversight", "parliamentary oversight committee", `"closed hearing is not a secret hearing"`, "integrty~", "контроль розвідка"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(context.Background(), search.Request{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFacets measures the facet computation: the same search with and without
// document-level facets.
func BenchmarkFacets(b *testing.B) {
	ix, _ := indextest.Sample(b)
	s := search.New(ix)
	for _, facets := range []bool{false, true} {
		b.Run(fmt.Sprintf("facets=%v", facets), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(context.Background(), search.Request{Query: "oversight OR контроль", Facets: facets}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
