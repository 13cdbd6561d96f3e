package search

import (
	"fmt"
	"maps"
	"testing"
	"unicode"
)

// TestWordRune: the fast paths say of every rune what Unicode's tables say.
func TestWordRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		inWord, capital := wordRune(r)
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if inWord != want || inWord && capital != (unicode.ToLower(r) != r) {
			t.Fatalf("wordRune(%U) = %v, %v; want %v, %v", r, inWord, capital, want, unicode.ToLower(r) != r)
		}
	}
}

// TestWordCounter: words lower-cased, apostrophes and hyphens inside them kept,
// counted by document; how many documents use each.
func TestWordCounter(t *testing.T) {
	var c wordCounter
	c.count("The Police and the police: state-of-the-art, П'ять ПОЛІЦІЙ.")
	c.count("поліцій")
	a := c.doc()
	c.count("police п'ять")
	b := c.doc()
	counts := func(d docWords) map[string]int32 {
		m := map[string]int32{}
		for i, w := range d.words {
			m[c.words[w]] += d.counts[i]
		}
		return m
	}
	wantA := map[string]int32{"the": 2, "police": 2, "and": 1, "state-of-the-art": 1, "п'ять": 1, "поліцій": 2}
	if got := counts(a); !maps.Equal(got, wantA) {
		t.Errorf("first document: %v, want %v", got, wantA)
	}
	if got, want := counts(b), map[string]int32{"police": 1, "п'ять": 1}; !maps.Equal(got, want) {
		t.Errorf("second document: %v, want %v", got, want)
	}
	in := map[string]int32{}
	for n, w := range c.words {
		in[w] = c.in[n]
	}
	wantIn := map[string]int32{"the": 1, "police": 2, "and": 1, "state-of-the-art": 1, "п'ять": 2, "поліцій": 1}
	if !maps.Equal(in, wantIn) {
		t.Errorf("documents using each word: %v, want %v", in, wantIn)
	}
}

// TestWordStemsBounded: the kept words' terms are returned as kept, and no more
// than maxWordStems words are kept.
func TestWordStemsBounded(t *testing.T) {
	var w wordStems
	w.add([]langWord{{"en", "police"}}, [][]string{{"polic"}})
	if ts, ok := w.get(langWord{"en", "police"}); !ok || len(ts) != 1 || ts[0] != "polic" {
		t.Errorf("police: %q, %v", ts, ok)
	}
	if _, ok := w.get(langWord{"uk", "police"}); ok {
		t.Error("police kept in Ukrainian too")
	}
	words := make([]langWord, 1000)
	terms := make([][]string, len(words))
	for i := 0; i < maxWordStems+10*len(words); i += len(words) {
		for j := range words {
			words[j] = langWord{"en", fmt.Sprint(i + j)}
			terms[j] = []string{words[j].word}
		}
		w.add(words, terms)
		if len(w.terms) > maxWordStems {
			t.Fatalf("%d words kept, want at most %d", len(w.terms), maxWordStems)
		}
		if ts, ok := w.get(words[len(words)-1]); !ok || ts[0] != words[len(words)-1].word {
			t.Fatalf("the last word added: %q, %v", ts, ok)
		}
	}
}
