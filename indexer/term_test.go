package indexer

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// TestTermSearcher: termSearcher finds and scores the records Bleve's term
// searcher finds, to the bit, read from the start or advanced to any record,
// under BM25 and TF-IDF, with or without a query norm; its weight and count are
// Bleve's. With an explanation asked for, termQuery's searcher is Bleve's.
func TestTermSearcher(t *testing.T) {
	ix := wordsIndex(t)
	r, records := readerOf(t, ix)
	read := func(s search.Searcher, from uint64) []string { return readFrom(t, r, s, from, false) }
	for _, model := range []string{index.BM25Scoring, index.TFIDFScoring} {
		ctx := context.WithValue(context.Background(), search.GetScoringModelCallbackKey,
			search.GetScoringModelCallbackFn(func() string { return model }))
		for _, term := range []string{"alpha", "the", "nowhere"} {
			for _, field := range []string{FieldBody, FieldTitle} {
				for _, norm := range []float64{0, 1, 0.7} { // 0: none set
					name := fmt.Sprintf("%s %s:%s norm %v", model, field, term, norm)
					ours := func() search.Searcher {
						s, err := newTermSearcher(ctx, r, []byte(term), field, 1.5)
						if err != nil {
							t.Fatal(err)
						}
						if norm != 0 {
							s.SetQueryNorm(norm)
						}
						return s
					}
					bleves := func() search.Searcher {
						s, err := searcher.NewTermSearcher(ctx, r, term, field, 1.5, search.SearcherOptions{})
						if err != nil {
							t.Fatal(err)
						}
						if norm != 0 {
							s.SetQueryNorm(norm)
						}
						return s
					}
					o, b := ours(), bleves()
					if o.Weight() != b.Weight() || o.Count() != b.Count() {
						t.Errorf("%s: weight %v, count %d; want %v, %d", name, o.Weight(), o.Count(), b.Weight(), b.Count())
					}
					want := read(b, 0)
					if got := read(o, 0); !slices.Equal(got, want) {
						t.Errorf("%s:\n got %v\nwant %v", name, got, want)
					}
					if term != "nowhere" && len(want) == 0 {
						t.Errorf("%s: no matches", name)
					}
					for from := uint64(1); from <= records; from += 3 {
						if got, want := read(ours(), from), read(bleves(), from); !slices.Equal(got, want) {
							t.Errorf("%s, advanced to %d:\n got %v\nwant %v", name, from, got, want)
						}
					}
				}
			}
		}
	}
	explained, err := newTermQuery(FieldBody, "alpha", 1).Searcher(context.Background(), r, ix.b.Mapping(), search.SearcherOptions{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	defer explained.Close()
	if _, ok := explained.(*searcher.TermSearcher); !ok {
		t.Errorf("explained: %T, want Bleve's term searcher", explained)
	}
}

// TestMatchQuery: Match, MatchEvery and Term rank the pages as the same queries
// of Bleve's own leaves (match and term queries) do, to the bit: texts of one
// word, several, none the analyzer keeps, and words in no record.
func TestMatchQuery(t *testing.T) {
	ix := wordsIndex(t)
	ctx := context.Background()
	bleveMatch := func(field, text string) Query {
		q := query.NewMatchQuery(text)
		q.SetField(field)
		return bleveQuery{q}
	}
	bleveTerm := func(field, term string) Query {
		q := query.NewTermQuery(term)
		q.SetField(field)
		return bleveQuery{q}
	}
	for _, c := range []struct {
		name       string
		ours, want Query
	}{
		{"one word", Match(FieldBody, "alpha", 0), bleveMatch(FieldBody, "alpha")},
		{"two words", Match(FieldBody, "alpha gamma", 0), bleveMatch(FieldBody, "alpha gamma")},
		{"boosted", Boost(Match(FieldTitle, "beta delta", 0), 0.3), Boost(bleveMatch(FieldTitle, "beta delta"), 0.3)},
		{"no word kept", Match(FieldBody, "…", 0), bleveMatch(FieldBody, "…")},
		{"in no record", Match(FieldBody, "nowhere", 0), bleveMatch(FieldBody, "nowhere")},
		{"term", Term(FieldBody, "delta"), bleveTerm(FieldBody, "delta")},
		{"or", Or(Match(FieldBody, "alpha", 0), Boost(Match(FieldTitle, "alpha beta", 0), 0.5)),
			Or(bleveMatch(FieldBody, "alpha"), Boost(bleveMatch(FieldTitle, "alpha beta"), 0.5))},
		{"every word", MatchEvery(FieldBody, "alpha beta"), And(bleveTerm(FieldBody, "alpha"), bleveTerm(FieldBody, "beta"))},
	} {
		var got, want *Ranking
		for i, q := range []Query{c.ours, c.want} {
			rk, err := ix.RankDocuments(ctx, q, RankOptions{K: 5, To: 1 << 20, Evidence: 0.3})
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				got = rk
			} else {
				want = rk
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, want)
		}
		if c.name != "in no record" && c.name != "no word kept" && len(want.Docs) == 0 {
			t.Errorf("%s: nothing found", c.name)
		}
	}
}

// TestHeapOrSearcher: a disjunction of more clauses than Bleve reads without a
// heap finds and scores the records Bleve's disjunction does when it reads them
// without one, to the bit (the clauses summed in their order, not in the order a
// heap pops them), read from the start or advanced to any record, with or
// without a least number of clauses, and explained the same; Or ranks with it as
// with Bleve's disjunction.
func TestHeapOrSearcher(t *testing.T) {
	ix := wordsIndex(t)
	r, records := readerOf(t, ix)
	ctx := context.WithValue(context.Background(), search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return index.BM25Scoring }))
	words := []string{"alpha", "beta", "gamma", "delta", "the", "of", "nowhere"}
	takeover := searcher.DisjunctionHeapTakeover // the most clauses Bleve reads without a heap
	explain := false                             // the clauses are Bleve's term searchers, explained with locations, when true
	clauses := func() []search.Searcher {
		var ss []search.Searcher
		for i, w := range words {
			for j, f := range []string{FieldBody, FieldTitle} {
				boost := 0.5 + float64(i+j)/3
				s, err := newTermSearcher(ctx, r, []byte(w), f, boost)
				if explain {
					s, err = searcher.NewTermSearcher(ctx, r, w, f, boost, search.SearcherOptions{Explain: true, IncludeTermVectors: true})
				}
				if err != nil {
					t.Fatal(err)
				}
				ss = append(ss, s)
			}
		}
		if len(ss) <= takeover {
			t.Fatalf("%d clauses: Bleve reads them without a heap", len(ss))
		}
		return ss
	}
	matchedAny := 0
	for _, min := range []int{0, 7} {
		opts := search.SearcherOptions{}
		ours := func() search.Searcher { return newHeapOrSearcher(clauses(), min, opts) }
		bleves := func() search.Searcher {
			var s search.Searcher
			withoutHeap(func() {
				var err error
				if s, err = searcher.NewDisjunctionSearcher(ctx, r, clauses(), float64(min), opts); err != nil {
					t.Fatal(err)
				}
			})
			if _, ok := s.(*searcher.DisjunctionSliceSearcher); !ok {
				t.Fatalf("Bleve's disjunction is a %T", s)
			}
			return s
		}
		want := readFrom(t, r, bleves(), 0, false)
		if got := readFrom(t, r, ours(), 0, false); !slices.Equal(got, want) {
			t.Errorf("min %d:\n got %v\nwant %v", min, got, want)
		}
		explain, opts = true, search.SearcherOptions{Explain: true, IncludeTermVectors: true}
		for from := uint64(0); from <= records; from += 3 {
			if got, want := readFrom(t, r, ours(), from, true), readFrom(t, r, bleves(), from, true); !slices.Equal(got, want) {
				t.Errorf("min %d, explained from %d:\n got %v\nwant %v", min, from, got, want)
			}
		}
		if !hasLocations(t, r, ours()) {
			t.Errorf("min %d, explained: no term locations", min)
		}
		explain, opts = false, search.SearcherOptions{}
		if len(want) == 0 || min > 0 && len(want) >= matchedAny {
			t.Errorf("min %d: %d matches (%d with any clause)", min, len(want), matchedAny)
		}
		if min == 0 {
			matchedAny = len(want)
		}
		for from := uint64(1); from <= records; from += 2 {
			if got, want := readFrom(t, r, ours(), from, false), readFrom(t, r, bleves(), from, false); !slices.Equal(got, want) {
				t.Errorf("min %d, advanced to %d:\n got %v\nwant %v", min, from, got, want)
			}
		}
	}
	var ours, bleves []Query
	for i, w := range words {
		for j, f := range []string{FieldBody, FieldTitle} {
			ours = append(ours, Boost(Match(f, w, 0), 0.5+float64(i+j)/3))
			q := query.NewMatchQuery(w)
			q.SetField(f)
			q.SetBoost(0.5 + float64(i+j)/3)
			bleves = append(bleves, bleveQuery{q})
		}
	}
	got, err := ix.RankDocuments(context.Background(), Or(ours...), RankOptions{K: 5, To: 1 << 20, Evidence: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	var want *Ranking
	withoutHeap(func() {
		want, err = ix.RankDocuments(context.Background(), bleveQuery{query.NewDisjunctionQuery(bleveQueries(bleves))}, RankOptions{K: 5, To: 1 << 20, Evidence: 0.3})
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(want.Docs) == 0 {
		t.Errorf("Or of %d clauses:\n got %+v\nwant %+v", len(ours), got, want)
	}
}

// hasLocations reports whether s, read from the start, returns a match with term
// locations.
func hasLocations(t *testing.T, r index.IndexReader, s search.Searcher) bool {
	t.Helper()
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			t.Fatal(err)
		}
		if dm == nil {
			return false
		}
		if len(dm.FieldTermLocations) > 0 {
			return true
		}
	}
}

// fuzzyMatch is Bleve's match of text in the body within two edits, the first
// prefix bytes (cut at a letter's boundary) as typed.
func fuzzyMatch(text string, prefix int) *query.MatchQuery {
	q := query.NewMatchQuery(text)
	q.SetField(FieldBody)
	q.SetFuzziness(2)
	q.SetPrefix(prefix)
	return q
}

// withoutHeap runs f with Bleve reading disjunctions of up to a thousand clauses
// without a heap (DisjunctionSliceSearcher, which sums the scores of the clauses
// matching a record in their order): the reference for heapOrSearcher. It sets
// a variable of Bleve's: no test that calls it may run in parallel.
func withoutHeap(f func()) {
	defer func(n int) { searcher.DisjunctionHeapTakeover = n }(searcher.DisjunctionHeapTakeover)
	searcher.DisjunctionHeapTakeover = 1000
	f()
}

// readerOf is a reader of ix's current snapshot, closed when the test ends, and
// how many records it has.
func readerOf(t *testing.T, ix *Index) (index.IndexReader, uint64) {
	t.Helper()
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	records, err := r.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	return r, records
}

// TestManySpellings: a fuzzy word and a prefix of more than ten terms each,
// many pages holding several of them, find and score the records Bleve's fuzzy
// match and prefix query do when Bleve reads the terms without a heap, to the
// bit, read from the start or advanced, explained with locations; they rank the
// same, whatever the order of the records.
func TestManySpellings(t *testing.T) {
	ctx := context.Background()
	spellings := []string{"reform", "reforms", "reformed", "reformer", "deform", "reforn", "refore", "preform", "rform", "eform", "reformz", "refxrm", "reforma", "rework", "reflex", "rebuild",
		"реформа", "реформи", "реформу", "реформою", "реформах", "реформам", "реформі", "реформ", "деформа", "реформат", "рефома", "реформаа",
		"раформа", "рерорма"} // within two edits of реформа, but for their first two or three letters
	rng := rand.New(rand.NewPCG(7, 8))
	var docs []*Document
	for i := range 60 {
		d := &Document{ID: fmt.Sprintf("d%02d", i), Title: "Document", Type: TypeReport, Lang: "en"}
		for p := 1; p <= 4; p++ {
			var words []string
			for range 3 + rng.IntN(20) {
				words = append(words, spellings[rng.IntN(len(spellings))], "filler")
			}
			d.Pages = append(d.Pages, Page{Number: p, Text: strings.Join(words, " ")})
		}
		docs = append(docs, d)
	}
	ix := tempIndex(t)
	if _, err := ix.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	reversed := tempIndex(t) // the records in another order
	for i := len(docs) - 1; i >= 0; i-- {
		if _, err := reversed.Put(ctx, docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := reversed.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	m := ix.b.Mapping()
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return index.BM25Scoring }))
	for _, c := range []struct {
		name  string
		ours  Query
		bleve func() query.BoostableQuery
		terms func(r index.IndexReader) ([]string, error)
	}{
		{"reform~2", Match(FieldBody, "reform", 2), func() query.BoostableQuery {
			q := query.NewMatchQuery("reform")
			q.SetField(FieldBody)
			q.SetFuzziness(2)
			return q
		}, func(r index.IndexReader) ([]string, error) {
			terms, _, err := fuzzyCandidates(r.(index.IndexReaderFuzzy), FieldBody, "reform", 2, "")
			return terms, err
		}},
		{"reform~2, boosted", Boost(Match(FieldBody, "reform", 2), 2.5), func() query.BoostableQuery {
			q := fuzzyMatch("reform", 0)
			q.SetBoost(2.5)
			return q
		}, func(r index.IndexReader) ([]string, error) {
			terms, _, err := fuzzyCandidates(r.(index.IndexReaderFuzzy), FieldBody, "reform", 2, "")
			return terms, err
		}},
		{"re*", Prefix(FieldBody, "re"), func() query.BoostableQuery {
			q := query.NewPrefixQuery("re")
			q.SetField(FieldBody)
			return q
		}, func(r index.IndexReader) ([]string, error) { return prefixTerms(r, FieldBody, "re") }},
		// A prefix of 3 bytes kept: "ре" (4 bytes), at a letter's boundary.
		{"реформа~2, prefix 3", bleveQuery{&matchQuery{fuzzyMatch("реформа", 3)}}, func() query.BoostableQuery { return fuzzyMatch("реформа", 3) },
			func(r index.IndexReader) ([]string, error) {
				terms, _, err := fuzzyCandidates(r.(index.IndexReaderFuzzy), FieldBody, "реформа", 2, "ре")
				return terms, err
			}},
	} {
		for _, x := range []*Index{ix, reversed} {
			r, records := readerOf(t, x)
			if terms, err := c.terms(r); err != nil || len(terms) <= searcher.DisjunctionHeapTakeover {
				t.Fatalf("%s: %d terms (%v): Bleve reads them without a heap", c.name, len(terms), err)
			}
			for _, opts := range []search.SearcherOptions{{}, {Explain: true, IncludeTermVectors: true}, {Score: "none"}} {
				for from := uint64(0); from <= records; from += 19 {
					s, err := root(c.ours).Searcher(ctx, r, m, opts)
					if err != nil {
						t.Fatal(err)
					}
					got := readFrom(t, r, s, from, opts.Explain)
					var want []string
					withoutHeap(func() {
						b, err := root(bleveQuery{c.bleve()}).Searcher(ctx, r, m, opts)
						if err != nil {
							t.Fatal(err)
						}
						want = readFrom(t, r, b, from, opts.Explain)
					})
					if !slices.Equal(got, want) || from == 0 && len(want) == 0 {
						t.Errorf("%s %+v, from %d:\n got %v\nwant %v", c.name, opts, from, got, want)
					}
				}
			}
		}
		o := RankOptions{K: 3, To: 1 << 20, Evidence: 0.3}
		got, err := ix.RankDocuments(ctx, c.ours, o)
		if err != nil {
			t.Fatal(err)
		}
		var want *Ranking
		withoutHeap(func() { want, err = ix.RankDocuments(ctx, bleveQuery{c.bleve()}, o) })
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || len(want.Docs) != len(docs) {
			t.Errorf("%s ranked:\n got %+v\nwant %+v", c.name, got, want)
		}
		again, err := reversed.RankDocuments(ctx, c.ours, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []*Ranking{got, again} {
			for i := range r.Docs {
				r.Docs[i].Ord = 0 // the index's own
			}
		}
		if !reflect.DeepEqual(got, again) {
			t.Errorf("%s ranked, the records in another order:\n got %+v\nwant %+v", c.name, again, got)
		}
	}
}
