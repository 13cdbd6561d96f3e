package indexer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// TestBoolAdvance: a searcher advanced to a record, before reading anything,
// finds what reading every match finds from that record on, scores included
// (Bleve's boolean searcher lost its should clauses' next match there).
func TestBoolAdvance(t *testing.T) {
	ix := tempIndex(t)
	ctx := context.Background()
	for i := range 30 {
		d := &Document{ID: fmt.Sprintf("d%02d", i), Title: "T", Type: TypeReport, Lang: "en"}
		for p := 1; p <= 1+i%5; p++ {
			words := []string{"gamma"}
			if i%2 == 0 {
				words = append(words, "alpha")
			}
			if p == 2 && i%3 == 0 {
				words = append(words, "beta", "beta")
			}
			if p%2 == 1 {
				words = append(words, "alpha", "filler")
			}
			d.Pages = append(d.Pages, Page{Number: p, Text: strings.Join(words, " ")})
		}
		if _, err := ix.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	body := func(w string) Query { return Match(FieldBody, w, 0) }
	queries := map[string]Query{
		"alpha or beta, + beta":    Bool([]Query{Or(body("alpha"), body("beta"))}, []Query{body("beta")}, nil, 0),
		"gamma + beta":             Bool([]Query{body("gamma")}, []Query{body("beta")}, nil, 0),
		"gamma + beta, not filler": Bool([]Query{body("gamma")}, []Query{body("beta")}, []Query{body("filler")}, 0),
		"gamma with beta":          Bool([]Query{body("gamma")}, []Query{body("beta")}, nil, 1),
		"beta or filler":           Bool(nil, []Query{body("beta"), body("filler")}, nil, 1),
		"not alpha":                Bool(nil, nil, []Query{body("alpha")}, 0),
		"in and":                   And(Bool([]Query{body("gamma")}, []Query{body("beta")}, nil, 0), body("gamma")),
	}
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// read lists the matches from record from on: "number:score".
	read := func(q Query, from uint64) []string {
		s, err := root(q).Searcher(ctx, r, ix.b.Mapping(), search.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
		var out []string
		dm, err := s.Advance(sctx, index.NewIndexInternalID(nil, from))
		for ; err == nil && dm != nil; dm, err = s.Next(sctx) {
			out = append(out, fmt.Sprintf("%d:%.6f", dm.IndexInternalID.Value(), dm.Score))
			sctx.DocumentMatchPool.Put(dm)
		}
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	records, err := r.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	for name, q := range queries {
		all := read(q, 0)
		if len(all) == 0 {
			t.Fatalf("%s: no matches", name)
		}
		for from := uint64(1); from <= records; from++ {
			want := slices.DeleteFunc(slices.Clone(all), func(m string) bool {
				var n uint64
				fmt.Sscanf(m, "%d:", &n)
				return n < from
			})
			if got := read(q, from); !slices.Equal(got, want) {
				t.Errorf("%s, advanced to %d:\n got %v\nwant %v", name, from, got, want)
			}
		}
	}
}
