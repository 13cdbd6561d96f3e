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
	"github.com/blevesearch/bleve/v2/search/searcher"
)

// TestPhraseSearcher: phraseSearcher finds and scores the records Bleve's phrase
// searcher finds, to the bit, read from the start or advanced to any record:
// phrases of one word or several, a word twice, positions with two terms, and
// words the analyzer dropped (empty positions) first, amid and last. Phrase
// queries rank the same with it and without.
func TestPhraseSearcher(t *testing.T) {
	ix := wordsIndex(t)
	ctx := context.Background()
	r, records := readerOf(t, ix)
	read := func(s search.Searcher, from uint64) []string { return readFrom(t, r, s, from, false) }
	for _, terms := range [][][]string{
		{{"alpha"}, {"beta"}}, {{"beta"}, {"beta"}}, {{"alpha"}, {"beta"}, {"gamma"}}, {{"alpha"}},
		{{"alpha"}, {}, {"gamma"}}, {{""}, {"alpha"}, {"beta"}}, {{"alpha"}, {"beta"}, {}}, {{"the"}, {}, {}, {"of"}},
		{{"alpha", "gamma"}, {"beta"}}, {{"alpha"}, {"beta", "delta", ""}, {"alpha"}}, {{"nowhere"}, {"alpha"}},
	} {
		for _, field := range []string{FieldBody, FieldTitle} {
			name := fmt.Sprintf("%v in %s", terms, field)
			ours := func() search.Searcher {
				s, err := newPhraseSearcher(ctx, r, terms, field, 1.5, search.SearcherOptions{})
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			bleves := func() search.Searcher {
				s, err := searcher.NewMultiPhraseSearcher(ctx, r, terms, 0, false, field, 1.5, search.SearcherOptions{})
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			want := read(bleves(), 0)
			if got := read(ours(), 0); !slices.Equal(got, want) {
				t.Errorf("%s:\n got %v\nwant %v", name, got, want)
			}
			if field == FieldBody && !slices.Contains([]string{"[[nowhere] [alpha]]"}, fmt.Sprint(terms)) && len(want) == 0 {
				t.Errorf("%s: no matches", name)
			}
			for from := uint64(1); from <= records; from++ {
				if got, want := read(ours(), from), read(bleves(), from); !slices.Equal(got, want) {
					t.Errorf("%s, advanced to %d:\n got %v\nwant %v", name, from, got, want)
				}
			}
		}
	}
	defer func(fast bool) { fastPhrases = fast }(fastPhrases)
	checkParts(t, "phrases", func(stage string) {
		for _, p := range []string{"alpha beta", "beta beta", "the alpha of", "gamma", "delta the delta"} {
			for _, q := range []Query{Phrase(FieldBody, p), Or(Phrase(FieldBody, p), Boost(Phrase(FieldTitle, p), 0.5))} {
				var got, want *Ranking
				for _, fast := range []bool{true, false} {
					fastPhrases = fast
					rk, err := ix.RankDocuments(ctx, q, RankOptions{K: 3, To: 1 << 20, Langs: []string{"en"}})
					if err != nil {
						t.Fatal(err)
					}
					got, want = rk, got
				}
				if len(want.Docs) == 0 || !reflect.DeepEqual(got, want) {
					t.Errorf("%s, %q:\n got %+v\nwant %+v", stage, p, got, want)
				}
			}
		}
	})
}

// wordsIndex is an index of 30 documents (each written on its own: 30 segments)
// whose titles and pages are strings of a few words, drawn at random, some twice
// in a row.
func wordsIndex(t *testing.T) *Index {
	t.Helper()
	ix := tempIndex(t)
	rng := rand.New(rand.NewPCG(5, 6))
	vocab := []string{"alpha", "beta", "gamma", "delta", "the", "of"}
	text := func(n int) string {
		words := make([]string, n)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(words, " ")
	}
	for i := range 30 {
		d := &Document{ID: fmt.Sprintf("d%02d", i), Title: text(2 + i%4), Type: TypeReport, Lang: "en"}
		for p := 1; p <= 1+i%4; p++ {
			d.Pages = append(d.Pages, Page{Number: p, Text: text(5 + rng.IntN(40))})
		}
		if _, err := ix.Put(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// TestHitsOnly: Hits on some records only (HitRequest.Only) finds, scores,
// explains and highlights them as the same query restricted to those IDs does,
// the postings read at those records alone; IDs of no record are none. After
// deletes and a compaction (other record numbers), the same.
func TestHitsOnly(t *testing.T) {
	ix := wordsIndex(t)
	ctx := context.Background()
	body := func(w string) Query { return Or(Match(FieldBody, w, 0), Boost(Match(FieldTitle, w, 0), 0.5)) }
	a, b := body("alpha"), body("beta")
	queries := map[string]Query{
		"word":    body("gamma"),
		"words":   Or(a, b, AllOf(a, b), Boost(Phrase(FieldBody, "alpha beta"), 2)),
		"phrase":  Phrase(FieldBody, "beta of the"),
		"and":     And(body("delta"), body("the")),
		"nothing": body("nowhere"),
	}
	check := func(stage string) {
		for _, only := range [][]string{{"d03/1", "d07/2", "d11/1", "d12/4", "d29/2", "d19/3"}, {"d00/1"}, {"d99/1", "d05/9"}, {}} {
			for name, q := range queries {
				req := HitRequest{Size: 10, Fields: []string{FieldBody}, Highlight: []string{FieldBody}, Spans: true, Explain: true}
				want, err := ix.Hits(ctx, And(q, Boost(IDs(only...), 0)), req)
				if err != nil {
					t.Fatal(err)
				}
				req.Only = only
				got, err := ix.Hits(ctx, q, req)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := settledHits(got), settledHits(want); g != w {
					t.Errorf("%s, %s on %v:\n got %s\nwant %s", stage, name, only, g, w)
				}
				if name == "words" && len(only) > 2 && len(want) < 3 {
					t.Errorf("%s, %s on %v: %d hits, want more", stage, name, only, len(want))
				}
			}
		}
	}
	check("30 segments")
	if err := ix.Delete("d05", "d06"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	check("compacted")
}
