package search

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// Compound words: Ukrainian and Russian make words of a shortened first word and a
// whole second one (нацбезпека, держбюджет, соцзахист, Генштаб; госзакупки). Pages
// often spell them out, and a query's compound that no page of its language has is
// searched as its two words (національний безпеки), weighted standInBoost; the
// glossary reads it so too, and "стратегія нацбезпеки" is translated as "national
// security strategy".

// combiningForm is a shortened first word and the word it shortens.
type combiningForm struct{ short, full string }

// combiningForms lists each language's common shortened first words, longest
// first where one begins another.
var combiningForms = map[string][]combiningForm{
	"uk": {
		{"прикордон", "прикордонний"}, {"міжнар", "міжнародний"}, {"військ", "військовий"}, {"кібер", "кібербезпека"},
		{"держ", "державний"}, {"нац", "національний"}, {"спец", "спеціальний"}, {"соц", "соціальний"},
		{"проф", "професійний"}, {"мін", "міністерство"}, {"ген", "генеральний"}, {"обл", "обласний"},
	},
	"ru": {
		{"междунар", "международный"}, {"погран", "пограничный"}, {"кибер", "кибербезопасность"}, {"воен", "военный"},
		{"гос", "государственный"}, {"нац", "национальный"}, {"спец", "специальный"}, {"соц", "социальный"},
		{"проф", "профессиональный"}, {"мин", "министерство"}, {"ген", "генеральный"}, {"обл", "областной"},
	},
}

// minCompoundRest is the fewest letters the whole second word of a compound has.
const minCompoundRest = 4

// compound is a query word that no page of its language has, and the two words it
// is made of, spelled out.
type compound struct {
	word, lang, parts string
}

// compounds finds the compounds among words (a query's plain words): a word that
// begins with a shortened first word of its language and that no page has, where
// pages have the rest of it. lang is the query's language, tried first.
func (x *xlang) compounds(ctx context.Context, ix *indexer.Index, words []string, lang string) ([]compound, error) {
	langs := []string{"uk", "ru"}
	if lang == "ru" {
		langs = []string{"ru", "uk"}
	}
	type candidate struct {
		compound
		whole, rest int // how many stems the word and its rest have (asked, in turn)
	}
	var cands []candidate
	var asked []indexer.FieldTerm
	for _, w := range words {
		w = bare(w)
		if !cyrillicWord(w) {
			continue
		}
		for _, l := range langs {
			for _, f := range combiningForms[l] {
				rest, ok := strings.CutPrefix(w, f.short)
				if !ok || utf8.RuneCountInString(rest) < minCompoundRest {
					continue
				}
				whole, parts := x.analyze[l](w), x.analyze[l](rest)
				if len(whole) == 0 || len(parts) == 0 {
					continue
				}
				cands = append(cands, candidate{compound{w, l, f.full + " " + rest}, len(whole), len(parts)})
				for _, t := range append(whole, parts...) {
					asked = append(asked, indexer.FieldTerm{Field: stemFieldOf[l], Term: t})
				}
				break // the longest form of the language only
			}
		}
	}
	if len(cands) == 0 {
		return nil, nil
	}
	_, dfs, err := ix.DocFreqs(ctx, asked)
	if err != nil {
		return nil, err
	}
	// A word is absent when none of its stems is on a page (an ambiguous form has
	// several); its rest is there when one of them is.
	var out []compound
	done := map[string]bool{}
	for _, c := range cands {
		whole, rest := dfs[:c.whole], dfs[c.whole:c.whole+c.rest]
		dfs = dfs[c.whole+c.rest:]
		if !done[c.word] && !slices.ContainsFunc(whole, func(df uint64) bool { return df > 0 }) && slices.ContainsFunc(rest, func(df uint64) bool { return df > 0 }) {
			out = append(out, c.compound)
			done[c.word] = true
		}
	}
	return out, nil
}

// bare is a query word lower-cased, without the punctuation around it.
func bare(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
}

// cyrillicWord reports whether w is made of Cyrillic letters (and apostrophes).
func cyrillicWord(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Cyrillic, r) && r != '\'' && r != '’' {
			return false
		}
	}
	return w != ""
}

// spellOut is words with each of comps written as its two words.
func spellOut(words []string, comps []compound) []string {
	if len(comps) == 0 {
		return words
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		lw := bare(w)
		for _, c := range comps {
			if c.word == lw {
				out[i] = c.parts
			}
		}
	}
	return out
}
