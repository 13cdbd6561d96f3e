package main

import (
	"strings"
	"testing"
)

// TestMistyped: a generated query keeps the first words of the title, mistypes
// exactly one of its long words by one or two edits (a swap), the same way for the
// same seed, and is not made from a title without a long word.
func TestMistyped(t *testing.T) {
	title := "Budget Transparency in the Defence Sector: A Toolkit for Civil Society"
	seen := map[string]bool{}
	for _, seed := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		q, ok := mistyped(title, seed, typoWords)
		if !ok {
			t.Fatalf("%s: no query", seed)
		}
		if again, _ := mistyped(title, seed, typoWords); again != q {
			t.Errorf("%s: %q then %q", seed, q, again)
		}
		seen[q] = true
		got, want := strings.Fields(q), strings.Fields("Budget Transparency in the Defence Sector")
		if len(got) != len(want) {
			t.Fatalf("%s: %q, want the first %d words", seed, q, typoWords)
		}
		changed := 0
		for i := range want {
			if got[i] != want[i] {
				changed++
				if len([]rune(want[i])) < 5 || d(got[i], want[i]) > 2 || got[i][0] != want[i][0] {
					t.Errorf("%s: %q mistyped as %q", seed, want[i], got[i])
				}
			}
		}
		if changed != 1 {
			t.Errorf("%s: %q changes %d words, want one", seed, q, changed)
		}
	}
	if len(seen) < 4 {
		t.Errorf("eight seeds made %d queries: the mistakes do not vary", len(seen))
	}
	if q, ok := mistyped("SSG News, No. 7", "a", typoWords); ok {
		t.Errorf("a title without a long word made %q", q)
	}
}

// d is the edit distance of a and b (insertions, deletions, substitutions).
func d(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// TestWrongLayout: a title's words typed on the other layout's keys, word for
// word; a letter with no key there is no query.
func TestWrongLayout(t *testing.T) {
	for _, tt := range []struct{ text, lang, want string }{
		{"Парламентський контроль", "uk", "gfhkfvtyncmrbq rjynhjkm"},
		{"Как читать оборонный бюджет", "ru", "rfr xbnfnm j,jhjyysq ,.l;tn"},
		{"Parliamentary oversight", "en", "зфкдшфьутефкн щмукішпре"},
		{"Ґрунт", "uk", ""},
		{"Covid 19", "en", ""},
	} {
		got, ok := wrongLayout(tt.text, tt.lang)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("wrongLayout(%q, %s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}
