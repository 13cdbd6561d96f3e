package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// Keyboard layouts: a query typed with the wrong layout switched on
// ("gfhkfvtyncmrbq rjynhjkm" for "парламентський контроль", "зфкдшфьуте" for
// "parliament") is searched as the keys meant, and the result says so as it says a
// spelling correction (Result.Corrections, Result.Corrected). It is read so only
// when some of its words as typed are on no page and in no dictionary and every
// word as meant is (one may be missing from three or more), more of them than as
// typed: short words often mean something either way (English "the" on the
// Ukrainian keys is "еру", a form of "ера"). Queries of short words only (under
// minLayoutRunes letters: "dsl" reads "від"), with a word in capitals (an
// abbreviation: "CSV" reads "СІМ") or with an operator (OR, AND, NOT) are left as
// typed, as is everything with Request.Verbatim.

// ukKeys are the Ukrainian layout's letters on the keys of the US layout (its
// apostrophe on the key left of 1, ґ on the backslash, as the Enhanced layout
// has them); ruKeys the Russian layout's where it differs.
var (
	ukKeys = layoutKeys("`qwertyuiop[]\\asdfghjkl;'zxcvbnm,.", "'йцукенгшщзхїґфівапролджєячсмитьбю")
	ruKeys = layoutKeys("`s]'", "ёыъэ")
)

// layoutKeys pairs the keys of latin with the letters of cyrillic, in order.
func layoutKeys(latin, cyrillic string) map[rune]rune {
	l, c := []rune(latin), []rune(cyrillic)
	if len(l) != len(c) {
		panic(fmt.Sprintf("layoutKeys: %d keys, %d letters", len(l), len(c)))
	}
	m := make(map[rune]rune, len(l))
	for i := range l {
		m[l[i]] = c[i]
	}
	return m
}

// layouts are the ways a query may have been typed with the wrong layout: the
// US keys read as Ukrainian or Russian letters, and those letters read back as
// the US keys; each with the language it reads the query in.
var layouts = func() []layout {
	ru := map[rune]rune{}
	for k, v := range ukKeys {
		ru[k] = v
	}
	for k, v := range ruKeys {
		ru[k] = v
	}
	delete(ru, '\\') // ґ is Ukrainian only
	back := map[rune]rune{}
	for _, m := range []map[rune]rune{ukKeys, ru} {
		for k, v := range m {
			back[v] = k
		}
	}
	return []layout{{"uk", ukKeys}, {"ru", ru}, {"en", back}}
}()

// layout is a keyboard layout a query may have been meant for: what each key
// typed gives there, and the language it is for.
type layout struct {
	lang string
	keys map[rune]rune
}

// retype returns q as typed on the keys that give keys' letters, keeping capitals,
// digits, spaces and hyphens; false when q has any other character, or none that
// keys maps. The shifted punctuation keys are not read ("<" for Б, ":" for Ж):
// some are the query language's.
func retype(q string, keys map[rune]rune) (string, bool) {
	var b strings.Builder
	mapped := false
	for _, r := range q {
		lower := unicode.ToLower(r)
		switch to, ok := keys[lower]; {
		case ok:
			if lower != r {
				to = unicode.ToUpper(to)
			}
			b.WriteRune(to)
			mapped = true
		case r == ' ' || r == '-' || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return b.String(), mapped
}

// relayout returns the query q means when typed with the wrong layout (see
// above), with the corrections that say so, word by word; false when q means
// what it says. Words of one letter ("s" for "і") are not asked about.
func (s *Searcher) relayout(ctx context.Context, q string) (string, []Correction, bool, error) {
	typed := strings.Fields(q)
	if len(typed) == 0 || len(typed) > maxLayoutWords || !layoutCandidate(typed) {
		return "", nil, false, nil
	}
	type reading struct{ meant, lang string }
	var readings []reading
	for _, l := range layouts {
		if meant, ok := retype(q, l.keys); ok && len(strings.Fields(meant)) == len(typed) {
			readings = append(readings, reading{meant, l.lang})
		}
	}
	if len(readings) == 0 {
		return "", nil, false, nil
	}
	typedFound, asked, err := s.wordsFound(ctx, typed)
	if err != nil || typedFound == asked {
		return "", nil, false, err // most queries: every word as typed is found
	}
	var best string
	bestFound, bestLang := typedFound, ""
	for _, r := range readings {
		found, asked, err := s.wordsFound(ctx, strings.Fields(r.meant))
		if err != nil {
			return "", nil, false, err
		}
		if found < asked && (asked < 3 || found < asked-1) {
			continue
		}
		// The Ukrainian and the Russian reading differ in four keys' letters only
		// ("оборонній", "оборонный"); where both are words, the words they share
		// say which language the query is in (Ukrainian when they share none).
		if found > bestFound || found == bestFound && bestLang == "uk" && r.lang == "ru" && extract.DetectLang(sharedWords(best, r.meant)) == "ru" {
			best, bestFound, bestLang = r.meant, found, r.lang
		}
	}
	if best == "" {
		return "", nil, false, nil
	}
	var corrs []Correction
	for i, w := range strings.Fields(best) {
		if w != typed[i] {
			corrs = append(corrs, Correction{Word: typed[i], As: w, Layout: true})
		}
	}
	return best, corrs, true, nil
}

// layoutCandidate reports whether the words of a query may have been typed with
// the wrong layout (see above): one of four letters or more, none an abbreviation
// (in capitals, as the operators OR, AND and NOT are).
func layoutCandidate(words []string) bool {
	long := false
	for _, w := range words {
		if isAbbreviation(w) {
			return false
		}
		long = long || letters(w) >= minLayoutRunes
	}
	return long
}

// minLayoutRunes is the fewest letters a query's longest word has for the query
// to be read in another layout: two- and three-letter words are words in either.
const minLayoutRunes = 4

// sharedWords are the words that a and b have in the same place, joined.
func sharedWords(a, b string) string {
	wa, wb := strings.Fields(a), strings.Fields(b)
	var out []string
	for i := range min(len(wa), len(wb)) {
		if wa[i] == wb[i] {
			out = append(out, wa[i])
		}
	}
	return strings.Join(out, " ")
}

// maxLayoutWords bounds the queries looked at for a wrong layout: each word is
// looked up in the index and the dictionaries, in each layout.
const maxLayoutWords = 12

// wordsFound counts the words of two letters or more (asked) and those of them
// (found) that a dictionary knows, or every term of which (as the text fields read
// the word) some page or title has.
func (s *Searcher) wordsFound(ctx context.Context, words []string) (found, asked int, err error) {
	a, err := textAnalyzer()
	if err != nil {
		return 0, 0, fmt.Errorf("keyboard layout: %w", err)
	}
	var unknown [][]string // the terms of each word no dictionary knows
	var terms []string
	for _, w := range words {
		if letters(w) < 2 {
			continue
		}
		asked++
		if known(strings.ToLower(w)) {
			found++
			continue
		}
		ts := a.Terms(w)
		unknown = append(unknown, ts)
		terms = append(terms, ts...)
	}
	if len(terms) == 0 {
		return found, asked, nil
	}
	absent, err := s.absent(ctx, terms, onPages)
	if err != nil {
		return 0, 0, fmt.Errorf("keyboard layout: %w", err)
	}
	for _, ts := range unknown {
		if len(ts) > 0 && !slices.ContainsFunc(ts, func(t string) bool { return slices.Contains(absent, t) }) {
			found++
		}
	}
	return found, asked, nil
}

// letters counts the letters of w.
func letters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
