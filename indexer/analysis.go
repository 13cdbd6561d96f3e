package indexer

import (
	"bytes"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/ssgsearch/ssgsearch/indexer/ukdict"
)

// FilterApostrophe is the token filter that writes every apostrophe form as U+0027.
const FilterApostrophe = "ssg_apostrophe"

// FilterStemUK stems Ukrainian tokens with StemUK.
const FilterStemUK = "ssg_stem_uk"

// FilterLemmaUK turns Ukrainian tokens into their dictionary words (package
// ukdict), all of them for a form of several, at the token's position; a word the
// dictionary lacks is stemmed with StemUK.
const FilterLemmaUK = "ssg_lemma_uk"

// apostrophes are the forms Ukrainian text writes its apostrophe in: right single
// quotation mark, left single quotation mark, modifier letter apostrophe, modifier
// letter prime, grave and acute accents.
var apostrophes = [][]byte{
	[]byte("\u2019"), []byte("\u2018"), []byte("\u02bc"), []byte("\u02b9"), []byte("`"), []byte("\u00b4"),
}

// apostropheFilter folds apostrophe forms in terms. It works on tokens, not on the
// raw text, so term offsets (and so highlighting) stay those of the original text.
type apostropheFilter struct{}

func (apostropheFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		for _, a := range apostrophes {
			if bytes.Contains(tok.Term, a) {
				tok.Term = bytes.ReplaceAll(tok.Term, a, []byte("'"))
			}
		}
	}
	return in
}

// ukStemFilter applies StemUK to every token.
type ukStemFilter struct{}

func (ukStemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = []byte(StemUK(string(tok.Term)))
	}
	return in
}

// ukLemmaFilter applies ukdict.Lemmas, falling back to StemUK.
type ukLemmaFilter struct{}

func (ukLemmaFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0:0]
	for _, tok := range in {
		lemmas := ukdict.Lemmas(string(tok.Term))
		if len(lemmas) == 0 {
			tok.Term = []byte(StemUK(string(tok.Term)))
			out = append(out, tok)
			continue
		}
		for i, l := range lemmas {
			t := tok
			if i > 0 {
				c := *tok
				t = &c
			}
			t.Term = []byte(l)
			out = append(out, t)
		}
	}
	return out
}

// UkrainianRoots returns what the Ukrainian analysis makes of a word: its
// dictionary words, or its stem when the dictionary lacks it. Two forms of one word
// share a root.
func UkrainianRoots(w string) []string {
	if l := ukdict.Lemmas(w); len(l) > 0 {
		return l
	}
	return []string{StemUK(ukdict.Normalize(w))}
}

func init() {
	if err := registry.RegisterTokenFilter(FilterApostrophe, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return apostropheFilter{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(FilterStemUK, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return ukStemFilter{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(FilterLemmaUK, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return ukLemmaFilter{}, nil
	}); err != nil {
		panic(err)
	}
}
