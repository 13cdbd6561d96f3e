package indexer

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

// TestBoolAdvance: a searcher advanced to a record, before reading anything,
// finds what reading every match finds from that record on, scores included
// (Bleve's boolean searcher lost its should clauses' next match there).
func TestBoolAdvance(t *testing.T) {
	ix := patternIndex(t)
	ctx := context.Background()
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
		return readFrom(t, r, s, from, false)
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

// TestBoostCompound: Boost scales a word's score, and leaves an Or's and an And's
// as they are (Bleve applies no boost to them): a weight meant for one of those
// goes on its parts.
func TestBoostCompound(t *testing.T) {
	ix := tempIndex(t)
	ctx := context.Background()
	d := &Document{ID: "d1", Title: "T", Type: TypeReport, Lang: "en", Pages: []Page{{Number: 1, Text: "alpha beta"}, {Number: 2, Text: "gamma"}}}
	if _, err := ix.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	body := func(w string) Query { return Match(FieldBody, w, 0) }
	best := func(q Query) float64 {
		t.Helper()
		r, err := ix.RankDocuments(ctx, q, RankOptions{K: 1, To: 1})
		if err != nil || len(r.Docs) != 1 {
			t.Fatalf("%v, %+v", err, r)
		}
		return r.Docs[0].Best
	}
	if plain, boosted := best(body("alpha")), best(Boost(body("alpha"), 3)); math.Abs(boosted-3*plain) > 1e-12 {
		t.Errorf("a word boosted 3 times scores %g, unboosted %g", boosted, plain)
	}
	for name, q := range map[string]func() Query{
		"or":  func() Query { return Or(body("alpha"), body("gamma")) },
		"and": func() Query { return And(body("alpha"), body("beta")) },
	} {
		if plain, boosted := best(q()), best(Boost(q(), 3)); boosted != plain {
			t.Errorf("%s boosted 3 times scores %g, unboosted %g: Bleve applies the boost now", name, boosted, plain)
		}
	}
}
