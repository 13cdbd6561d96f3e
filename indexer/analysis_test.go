package indexer

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// TestStemFiltersRemember: the English and Ukrainian filters, which remember what
// they made of each word, make what Bleve's English stemmer and ukRoots make, for
// words seen once or many times, from goroutines at once (run with -race); and the
// memory they keep stays bounded.
func TestStemFiltersRemember(t *testing.T) {
	words := strings.Fields("oversight overseeing oversaw governance governing governments police policing " +
		"procurement procurements procuring budget budgets budgetary ombudsman ombudsmen " +
		"розвідка розвідці розвідки закупівля закупівель омбудсман омбудсманові звіт звіті " +
		"невідомословоякогонемає кібербезпека кібербезпеки")
	stream := func(ws []string) analysis.TokenStream {
		var ts analysis.TokenStream
		for i, w := range ws {
			ts = append(ts, &analysis.Token{Term: []byte(w), Position: i + 1})
		}
		return ts
	}
	terms := func(ts analysis.TokenStream) []string {
		var out []string
		for _, tok := range ts {
			out = append(out, fmt.Sprintf("%d:%s", tok.Position, tok.Term))
		}
		return out
	}
	wantEN := terms(en.NewEnglishStemmerFilter().Filter(stream(words)))
	var wantUK []string
	for i, w := range words {
		for _, r := range ukRoots(w) {
			wantUK = append(wantUK, fmt.Sprintf("%d:%s", i+1, r))
		}
	}
	enF, ukF := enStemFilter{newWordMemo()}, ukLemmaFilter{newWordMemo()}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				if got := terms(enF.Filter(stream(words))); strings.Join(got, " ") != strings.Join(wantEN, " ") {
					t.Errorf("goroutine %d, round %d: English %v, want %v", g, round, got, wantEN)
				}
				if got := terms(ukF.Filter(stream(words))); strings.Join(got, " ") != strings.Join(wantUK, " ") {
					t.Errorf("goroutine %d, round %d: Ukrainian %v, want %v", g, round, got, wantUK)
				}
			}
		}()
	}
	wg.Wait()

	m := newWordMemo()
	calls := 0
	count := func(w string) []string { calls++; return []string{w} }
	for i := range memoShards * memoShardWords * 3 {
		m.get([]byte(fmt.Sprintf("w%d", i)), count)
	}
	m.get([]byte("w0x"), count)
	m.get([]byte("w0x"), count)
	if calls != memoShards*memoShardWords*3+1 {
		t.Errorf("%d calls, want one per distinct word", calls)
	}
	for i := range m.shards {
		if n := len(m.shards[i].m); n > memoShardWords {
			t.Errorf("shard %d holds %d words, more than %d", i, n, memoShardWords)
		}
	}
}

// TestApostropheFilter: every apostrophe form becomes U+0027, wherever it is in the
// term and however many there are; other terms stay as they are, other
// multi-byte letters sharing a form's first byte included (… and ʻ start as ’ and
// ʼ do).
func TestApostropheFilter(t *testing.T) {
	for in, want := range map[string]string{
		"з’ясувати":  "з'ясувати",
		"з‘ясувати":  "з'ясувати",
		"зʼясувати":  "з'ясувати",
		"зʹясувати":  "з'ясувати",
		"з`ясувати":  "з'ясувати",
		"з´ясувати":  "з'ясувати",
		"п’ять’ʼ":    "п'ять''",
		"з'ясувати":  "з'ясувати",
		"oversight":  "oversight",
		"розвідка":   "розвідка",
		"a…bʻc€":     "a…bʻc€",
		"":           "",
		"ukraine’s":  "ukraine's",
		"ʼ":          "'",
		"naïve´s`x’": "naïve's'x'",
	} {
		ts := apostropheFilter{}.Filter(analysis.TokenStream{{Term: []byte(in)}})
		if got := string(ts[0].Term); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
