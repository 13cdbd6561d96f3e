package indexer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestRecordSet(t *testing.T) {
	s := newRecordSet(300)
	for _, n := range []uint64{0, 5, 63, 64, 200, 299} {
		s.add(n)
	}
	for _, c := range []struct {
		from, want uint64
		ok         bool
	}{
		{0, 0, true}, {1, 5, true}, {6, 63, true}, {63, 63, true}, {64, 64, true}, {65, 200, true},
		{201, 299, true}, {299, 299, true}, {300, 0, false}, {1 << 40, 0, false},
	} {
		if got, ok := s.next(c.from); got != c.want || ok != c.ok {
			t.Errorf("next(%d) = %d, %v; want %d, %v", c.from, got, ok, c.want, c.ok)
		}
	}
	if !s.has(63) || s.has(62) || s.has(1<<40) {
		t.Error("has: wrong")
	}
	if _, ok := newRecordSet(0).next(0); ok {
		t.Error("next of an empty set: found one")
	}
	if n := s.count(); n != 6 {
		t.Errorf("count = %d, want 6", n)
	}
	for k, want := range []uint64{0, 5, 63, 64, 200, 299} {
		if got, ok := s.nth(uint64(k)); got != want || !ok {
			t.Errorf("nth(%d) = %d, %v; want %d", k, got, ok, want)
		}
	}
	if _, ok := s.nth(6); ok {
		t.Error("nth(6) of 6 records: found one")
	}
}

// TestSplitRecords: a pass is split into parts of as many records, or of as many
// records kept when a restriction keeps a run of them.
func TestSplitRecords(t *testing.T) {
	const records = 1000
	segs := []segTable{{offset: 0, segColumns: segColumns{docOf: make([]int32, 600)}}, {offset: 600, segColumns: segColumns{docOf: make([]int32, 400)}}}
	for _, s := range segs {
		for i := range s.docOf {
			s.docOf[i] = -1 // no page of a document: nothing to keep together
		}
	}
	if got, want := splitRecords(segs, records, 4, nil), []uint64{0, 250, 500, 750, 1000}; !slices.Equal(got, want) {
		t.Errorf("no restriction: bounds %v, want %v", got, want)
	}
	kept := newRecordSet(records)
	for n := uint64(800); n < 1000; n++ {
		kept.add(n)
	}
	if got, want := splitRecords(segs, records, 4, kept), []uint64{0, 850, 900, 950, 1000}; !slices.Equal(got, want) {
		t.Errorf("the last 200 records kept: bounds %v, want %v", got, want)
	}
	if got, want := splitRecords(segs, records, 2, newRecordSet(records)), []uint64{0, 1000}; !slices.Equal(got, want) {
		t.Errorf("none kept: bounds %v, want %v", got, want)
	}
}

// TestKeptCache: rankings restricted by one AllowKey and languages find the
// records they keep once while the index's segments stay, and again after a
// write; another key, other languages or no key find their own.
func TestKeptCache(t *testing.T) {
	ix := wordsIndex(t)
	ctx := context.Background()
	// One segment, which no background merge replaces between the rankings.
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	asked := 0
	even := func(d DocRef) bool { asked++; return d.ID[len(d.ID)-1]%2 == 0 }
	odd := func(d DocRef) bool { asked++; return d.ID[len(d.ID)-1]%2 == 1 }
	rank := func(allow func(DocRef) bool, key any, langs []string) []string {
		t.Helper()
		asked = 0
		rk, err := ix.RankDocuments(ctx, Match(FieldBody, "alpha", 0), RankOptions{K: 1, To: 100, Allow: allow, AllowKey: key, Langs: langs})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, d := range rk.Docs {
			ids = append(ids, d.ID)
		}
		return ids
	}
	evens := rank(even, "even", nil)
	if asked == 0 || len(evens) == 0 {
		t.Fatalf("first ranking: Allow asked %d times, %d documents", asked, len(evens))
	}
	for _, id := range evens {
		if id[len(id)-1]%2 != 0 {
			t.Errorf("kept %s", id)
		}
	}
	if got := rank(even, "even", nil); asked != 0 || !slices.Equal(got, evens) {
		t.Errorf("same key again: Allow asked %d times, %v; want 0, %v", asked, got, evens)
	}
	if got := rank(odd, "odd", nil); asked == 0 || slices.Equal(got, evens) || len(got) == 0 {
		t.Errorf("another key: Allow asked %d times, %v", asked, got)
	}
	if got := rank(even, "even", []string{"uk"}); asked == 0 || len(got) != 0 {
		t.Errorf("other languages: Allow asked %d times, %v", asked, got)
	}
	if got := rank(even, nil, nil); asked == 0 || !slices.Equal(got, evens) {
		t.Errorf("no key: Allow asked %d times, %v", asked, got)
	}
	d := &Document{ID: "d98", Title: "alpha", Type: TypeReport, Lang: "en", Pages: []Page{{Number: 1, Text: "alpha alpha alpha"}}}
	if _, err := ix.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	if got := rank(even, "even", nil); asked == 0 || !slices.Contains(got, "d98") {
		t.Errorf("after a write: Allow asked %d times, %v", asked, got)
	}
}

// TestRankRecycles: rankings on goroutines at once, each reusing what earlier
// ones recycled (partPool, slotPool, blockPool), rank as each did alone.
func TestRankRecycles(t *testing.T) {
	ix := wordsIndex(t)
	ctx := context.Background()
	defer func(size int) { matchBlockSize = size }(matchBlockSize)
	matchBlockSize = 8 // the blocks of every match that refining reads are recycled too
	queries := []Query{Match(FieldBody, "alpha", 0), Match(FieldBody, "beta gamma", 0), Or(Match(FieldBody, "delta", 0), Phrase(FieldBody, "alpha beta")), Match(FieldBody, "the of", 0)}
	rank := func(q Query) string {
		opts := RankOptions{K: 3, To: 1 << 20, Evidence: 0.3}
		if q == queries[3] {
			opts.Refine = func(*Ranking) (Query, error) { return Match(FieldBody, "gamma", 0), nil }
			opts.RefineDocs, opts.RefinePages = 20, 5
		}
		rk, err := ix.RankDocuments(ctx, q, opts)
		if err != nil {
			t.Error(err)
			return ""
		}
		return fmt.Sprintf("%+v", rk)
	}
	want := make([]string, len(queries))
	for i, q := range queries {
		if want[i] = rank(q); !strings.Contains(want[i], "d0") {
			t.Fatalf("%d: nothing ranked: %s", i, want[i])
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 30 {
				i := (g + n) % len(queries)
				if got := rank(queries[i]); got != want[i] {
					t.Errorf("goroutine %d, ranking %d of query %d:\n got %s\nwant %s", g, n, i, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}
