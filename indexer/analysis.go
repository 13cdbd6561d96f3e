package indexer

import (
	"bytes"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// FilterApostrophe is the token filter that writes every apostrophe form as U+0027.
const FilterApostrophe = "ssg_apostrophe"

// FilterStemUK stems Ukrainian tokens with StemUK.
const FilterStemUK = "ssg_stem_uk"

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
}
