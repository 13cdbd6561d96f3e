package indexer

import (
	"bytes"
	"hash/maphash"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/ssgsearch/ssgsearch/indexer/ukdict"
)

// FilterApostrophe is the token filter that writes every apostrophe form as U+0027.
const FilterApostrophe = "ssg_apostrophe"

// FilterStemUK stems Ukrainian tokens with StemUK.
const FilterStemUK = "ssg_stem_uk"

// FilterStemEN stems English tokens as Bleve's stemmer_en_snowball does, faster
// (it remembers the words it stemmed).
const FilterStemEN = "ssg_stem_en"

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
		if !mayHaveApostrophe(tok.Term) {
			continue
		}
		for _, a := range apostrophes {
			if bytes.Contains(tok.Term, a) {
				tok.Term = bytes.ReplaceAll(tok.Term, a, []byte("'"))
			}
		}
	}
	return in
}

// apostropheLead marks the bytes that start one of apostrophes.
var apostropheLead = func() (lead [256]bool) {
	for _, a := range apostrophes {
		lead[a[0]] = true
	}
	return lead
}()

// mayHaveApostrophe reports whether term has a byte that starts one of
// apostrophes: most terms have none, and one pass over them is all they cost.
func mayHaveApostrophe(term []byte) bool {
	for _, b := range term {
		if apostropheLead[b] {
			return true
		}
	}
	return false
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
type ukLemmaFilter struct{ memo *wordMemo }

func (f ukLemmaFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0:0]
	for _, tok := range in {
		lemmas := f.memo.get(tok.Term, ukRoots)
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

// ukRoots is what ukLemmaFilter makes of a token, already normalised by the
// analyzer's filters before it: its dictionary words, or its stem.
func ukRoots(w string) []string {
	if l := ukdict.Lemmas(w); len(l) > 0 {
		return l
	}
	return []string{StemUK(w)}
}

// enStemFilter stems English tokens with Snowball's English (Porter2) stemmer, as
// Bleve's stemmer_en_snowball does, remembering the stems of the words it saw.
type enStemFilter struct{ memo *wordMemo }

func (f enStemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = []byte(f.memo.get(tok.Term, enStem)[0])
	}
	return in
}

func enStem(w string) []string {
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	return []string{env.Current()}
}

// wordMemo remembers what an analysis step made of each word it was given: text
// repeats its words (a few thousand make most of any text), and a stemmer or a
// dictionary lookup costs several times a map lookup. It is safe for concurrent
// use and bounded: a shard that reaches memoShardWords words is emptied.
type wordMemo struct {
	seed   maphash.Seed
	shards [memoShards]struct {
		mu sync.RWMutex
		m  map[string][]string
	}
}

const (
	memoShards     = 32
	memoShardWords = 1 << 11
)

func newWordMemo() *wordMemo { return &wordMemo{seed: maphash.MakeSeed()} }

// get returns f(word), from memory when word was seen; the result is shared and
// must not be changed.
func (c *wordMemo) get(word []byte, f func(string) []string) []string {
	sh := &c.shards[maphash.Bytes(c.seed, word)%memoShards]
	sh.mu.RLock()
	v, ok := sh.m[string(word)]
	sh.mu.RUnlock()
	if ok {
		return v
	}
	w := string(word)
	v = f(w)
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= memoShardWords {
		sh.m = make(map[string][]string, 256)
	}
	sh.m[w] = v
	sh.mu.Unlock()
	return v
}

// UkrainianRoots returns what the Ukrainian analysis makes of a word: its
// dictionary words, or its stem when the dictionary lacks it. Two forms of one word
// share a root.
func UkrainianRoots(w string) []string { return ukRoots(ukdict.Normalize(w)) }

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
		return ukLemmaFilter{newWordMemo()}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(FilterStemEN, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return enStemFilter{newWordMemo()}, nil
	}); err != nil {
		panic(err)
	}
}
