package indexer

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

// TestAllOf: a disjunction holding AllOf of some of its clauses finds, scores and
// explains every record as it does with Bleve's conjunction of copies of those
// clauses in its place, to the bit: read from the start or advanced to any
// record, ranked in parts, with pages left out, and highlighted. Where AllOf's
// parts are not all clauses, or the clauses are many, it is Bleve's own.
func TestAllOf(t *testing.T) {
	ix := patternIndex(t)
	ctx := context.Background()
	// word is a word's clause as the search compiles it: in the body, and in the
	// title at half the weight.
	word := func(w string) Query {
		return Or(Boost(Match(FieldBody, w, 0), 1), Boost(Match(FieldTitle, w, 0), 0.5))
	}
	type pair struct{ got, want Query }
	shapes := map[string]func(all func(...Query) Query) Query{
		"two words": func(all func(...Query) Query) Query {
			a, b := word("alpha"), word("beta")
			return Or(a, b, all(a, b))
		},
		"first, amid others": func(all func(...Query) Query) Query {
			a, b, g := word("alpha"), word("beta"), word("gamma")
			return Or(all(a, g), a, Boost(Phrase(FieldBody, "alpha filler"), 2), g, b)
		},
		"should clauses": func(all func(...Query) Query) Query {
			a, b, g := word("alpha"), word("beta"), word("gamma")
			return Bool(nil, []Query{a, b, g, all(a, b, g), Boost(Phrase(FieldBody, "filler beta"), 2), Boost(Phrase(FieldTitle, "beta gamma"), 1)}, nil, 1)
		},
		"two of the should clauses": func(all func(...Query) Query) Query {
			a, b, f := word("alpha"), word("beta"), word("filler")
			return Bool(nil, []Query{a, b, f, all(b, f)}, nil, 2)
		},
		"under a filter": func(all func(...Query) Query) Query {
			a, b := word("alpha"), word("beta")
			return Bool([]Query{Filter(FieldKind, KindPage), Or(a, b, all(a, b))}, nil, nil, 0)
		},
		"a part twice": func(all func(...Query) Query) Query {
			a, g := word("alpha"), word("gamma")
			return Or(a, g, all(a, a, g))
		},
		"a word nowhere": func(all func(...Query) Query) Query {
			a, n := word("alpha"), word("nowhere")
			return Or(a, n, all(a, n))
		},
		"a part not a clause": func(all func(...Query) Query) Query {
			a, b := word("alpha"), word("beta")
			return Or(a, all(a, b))
		},
		"many clauses": func(all func(...Query) Query) Query {
			qs := []Query{word("alpha"), word("beta"), word("gamma"), word("filler")}
			for _, p := range []string{"alpha filler", "filler beta", "gamma alpha", "beta beta", "alpha report", "beta gamma"} {
				qs = append(qs, Phrase(FieldBody, p))
			}
			return Or(append(qs, all(qs[0], qs[1]))...)
		},
	}
	plain := func(qs ...Query) Query { // Bleve's conjunction of the clauses' copies
		return And(qs...)
	}
	pairs := map[string]pair{}
	for name, shape := range shapes {
		// The same shape built twice: the second's conjunction reads its own
		// copies of the clauses, as Bleve would.
		pairs[name] = pair{shape(AllOf), shape(plain)}
	}
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	read := func(q Query, from uint64, explain bool) []string {
		s, err := root(q).Searcher(ctx, r, ix.b.Mapping(), search.SearcherOptions{Explain: explain, IncludeTermVectors: explain})
		if err != nil {
			t.Fatal(err)
		}
		return readFrom(t, r, s, from, explain)
	}
	records, err := r.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range pairs {
		want := read(p.want, 0, true)
		if len(want) == 0 {
			t.Fatalf("%s: no matches", name)
		}
		if got := read(p.got, 0, true); !slices.Equal(got, want) {
			t.Errorf("%s, explained:\n got %v\nwant %v", name, got, want)
		}
		for from := uint64(1); from <= records; from++ {
			if got, want := read(p.got, from, false), read(p.want, from, false); !slices.Equal(got, want) {
				t.Errorf("%s, advanced to %d:\n got %v\nwant %v", name, from, got, want)
			}
		}
	}
	checkParts(t, "AllOf", func(stage string) {
		for name, p := range pairs {
			for _, o := range []RankOptions{{K: 3, To: 1 << 20}, {K: 2, To: 1 << 20, Langs: []string{"en"}}, {K: 1, To: 1 << 20, Allow: odd}} {
				got, err := ix.RankDocuments(ctx, p.got, o)
				if err != nil {
					t.Fatal(err)
				}
				want, err := ix.RankDocuments(ctx, p.want, o)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, %s %+v:\n got %+v\nwant %+v", stage, name, o, got, want)
				}
			}
		}
	})
	for name, p := range pairs {
		req := HitRequest{Size: 200, Fields: []string{FieldBody}, Highlight: []string{FieldBody, FieldTitle}, Spans: true, Explain: true}
		got, err := ix.Hits(ctx, p.got, req)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ix.Hits(ctx, p.want, req)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := settledHits(got), settledHits(want); g != w {
			t.Errorf("%s, hits:\n got %s\nwant %s", name, g, w)
		}
	}
}

// settledHits prints hits with their explanations, and each field's spans in
// order (the highlighter lists them in no set order).
func settledHits(hits []Hit) string {
	var b strings.Builder
	for _, h := range hits {
		for _, spans := range h.Spans {
			slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
		}
		expl, err := json.Marshal(withoutRecords(h.Explanation))
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(&b, "%s %v %v %v %v %s\n", h.ID, h.Score, h.Text, h.Fragments, h.Spans, expl)
	}
	return b.String()
}

// withoutRecords is e without the record numbers Bleve writes in its term weights'
// messages ("weight(body:alpha in <record>), product of:"), which another
// snapshot of the same records (merged in the background) numbers otherwise.
func withoutRecords(e *Explanation) *Explanation {
	if e == nil {
		return nil
	}
	out := *e
	if i, j := strings.Index(out.Message, " in "), strings.LastIndex(out.Message, "), "); i > 0 && j > i {
		out.Message = out.Message[:i] + out.Message[j:]
	}
	out.Children = nil
	for _, c := range e.Children {
		out.Children = append(out.Children, withoutRecords(c))
	}
	return &out
}

// patternIndex is an index of 30 documents (each written on its own: 30
// segments) of one to five pages whose words (alpha, beta, gamma, filler) follow
// the document's and page's numbers, some pages in Ukrainian, and two titles.
func patternIndex(t *testing.T) *Index {
	t.Helper()
	ix := tempIndex(t)
	for i := range 30 {
		d := &Document{ID: fmt.Sprintf("d%02d", i), Title: "Alpha report", Type: TypeReport, Lang: "en"}
		if i%4 == 0 {
			d.Title = "Beta gamma"
		}
		for p := 1; p <= 1+i%5; p++ {
			words := []string{"gamma"}
			if i%2 == 0 {
				words = append(words, "alpha")
			}
			if p == 2 && i%3 == 0 {
				words = append(words, "beta", "beta")
			}
			if p%2 == 1 {
				words = append(words, "alpha", "filler", "beta")
			}
			pg := Page{Number: p, Text: strings.Join(words, " ")}
			if i%3 == 1 && p%2 == 0 {
				pg.Lang = "uk"
			}
			d.Pages = append(d.Pages, pg)
		}
		if _, err := ix.Put(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}
