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
	index "github.com/blevesearch/bleve_index_api"
)

// TestPhraseSearcher: phraseSearcher finds and scores the records Bleve's phrase
// searcher finds, to the bit, read from the start or advanced to any record:
// phrases of one word or several, a word twice, positions with two terms, and
// words the analyzer dropped (empty positions) first, amid and last. Phrase
// queries rank the same with it and without.
func TestPhraseSearcher(t *testing.T) {
	ix := tempIndex(t)
	ctx := context.Background()
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
		if _, err := ix.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	records, err := r.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	read := func(s search.Searcher, from uint64) []string {
		defer s.Close()
		sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
		var out []string
		var dm *search.DocumentMatch
		var err error
		if from == 0 {
			dm, err = s.Next(sctx)
		} else {
			dm, err = s.Advance(sctx, index.NewIndexInternalID(nil, from))
		}
		for ; err == nil && dm != nil; dm, err = s.Next(sctx) {
			out = append(out, fmt.Sprintf("%d:%v", dm.IndexInternalID.Value(), dm.Score))
			sctx.DocumentMatchPool.Put(dm)
		}
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
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
