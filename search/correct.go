package search

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/ukdict"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/thesaurus"
)

// Spelling correction: a word of the query that no page or title has in any form,
// that no dictionary knows (known), that is not in capitals and that nothing else
// stands in for (a synonym, WordNet, a compound, a translation) is most likely
// mistyped: it is searched as the closest word the index has ("Boroer" as border,
// "посіник" as посібник), and the result says so (Result.Corrections). Unlike the
// retry with spelling mistakes allowed, which runs only when nothing matched, it
// runs whatever the other words match: a known item's title typed with one mistake
// then still matches as a whole, its phrase and all its words, rather than losing
// to every document that has its common words. Request.Verbatim turns it off.

// Correction is a word of the query searched as another (Result.Corrections).
type Correction struct {
	// Word is the word as typed, As the word searched instead; Layout says As is
	// what Word's keys give in another keyboard layout (relayout).
	Word   string `json:"word"`
	As     string `json:"as"`
	Layout bool   `json:"layout,omitempty"`
}

// Bounds of spelling correction: words of fewer than minCorrectRunes letters are
// too often abbreviations and names to correct (and too many words are one edit
// from them); at most maxCorrections words of a query are looked up.
const (
	minCorrectRunes = 4
	maxCorrections  = 4
)

// textAnalyzer is the analyzer of the default text fields, which spelling
// correction asks whether pages have a word.
var textAnalyzer = sync.OnceValues(func() (indexer.Analyzer, error) { return indexer.AnalyzerNamed(indexer.AnalyzerText) })

// correct returns n (the parse of q) with its mistyped words (see above) replaced
// by the closest words of the index, and the corrections made; n itself when there
// are none.
// Words that exps (the query's expansions) search another way are left alone, as
// are excluded words, words of a field other than the title, prefixes, fuzzy
// words, words with digits and words in capitals.
func (s *Searcher) correct(ctx context.Context, q string, n query.Node, exps []Expansion) (query.Node, []Correction, error) {
	a, err := textAnalyzer()
	if err != nil {
		return nil, nil, fmt.Errorf("spelling correction: %w", err)
	}
	typed := typedForms(a, q)
	var words []string // candidates, as the index would have them, each once
	collect := func(text string) {
		for _, t := range a.Tokens(text) {
			w := cmp.Or(typed[t.Term], text[t.Start:t.End])
			if correctable(t.Term) && !isAbbreviation(w) && !slices.Contains(words, t.Term) && !stopWord("", w) {
				words = append(words, t.Term)
				typed[t.Term] = w
			}
		}
	}
	rewrite(n, func(text string, phrase bool) string {
		if phrase || len(a.Terms(text)) == 1 { // a word the analyzer splits is left as typed
			collect(text)
		}
		return text
	})
	if len(words) == 0 {
		return n, nil, nil
	}
	// A word is on no page when neither its form nor, in any language, its stem is:
	// the forms first (most words are on pages as typed), then the stems of those
	// that are not.
	absent, err := s.absent(ctx, words, onPages)
	if err == nil && len(absent) > 0 {
		absent, err = s.absent(ctx, absent, func(w string) []indexer.FieldTerm {
			var ts []indexer.FieldTerm
			for _, lang := range slices.Sorted(maps.Keys(stopAnalyzers())) {
				if st := stopAnalyzers()[lang].Terms(typed[w]); len(st) == 1 {
					ts = append(ts, indexer.FieldTerm{Field: stemFieldOf[lang], Term: st[0]})
				}
			}
			return ts
		})
	}
	if err != nil {
		return nil, nil, fmt.Errorf("spelling correction: %w", err)
	}
	as := map[string]string{}
	var out []Correction
	for _, w := range absent {
		if expanded(typed[w], exps) || known(typed[w]) || len(out) == maxCorrections {
			continue
		}
		fuzz := 1
		if utf8.RuneCountInString(w) > 5 {
			fuzz = 2
		}
		best, err := s.ix.Closest(ctx, indexer.FieldBody, w, fuzz)
		if err != nil {
			return nil, nil, fmt.Errorf("spelling correction: %w", err)
		}
		// A word of the glossary or the synonym list closer than any of the
		// index's: a term people use that pages do not ("hackesr" is hacker, which
		// the synonym list searches as other words).
		if s.gloss != nil {
			dist := fuzz + 1
			if best != "" {
				dist = indexer.EditDistance(w, best, fuzz)
			}
			if v, d := s.gloss.vocabularyWord(w, fuzz); v != "" && d < dist {
				best = v
			}
		}
		if best != "" && best != w {
			as[w] = best
			out = append(out, Correction{Word: typed[w], As: best})
		}
	}
	if len(out) == 0 {
		return n, nil, nil
	}
	return rewrite(n, func(text string, _ bool) string {
		toks := a.Tokens(text)
		for i := len(toks) - 1; i >= 0; i-- { // from the end: the spans before stay put
			if c, ok := as[toks[i].Term]; ok {
				text = text[:toks[i].Start] + c + text[toks[i].End:]
			}
		}
		return text
	}), out, nil
}

// vocabularyWord is the word of the glossary's and the synonym list's terms
// closest to w within fuzziness edits (of those equally close, one with w's first
// letter, then the first in order), and its distance; "" when there is none.
func (x *xlang) vocabularyWord(w string, fuzziness int) (string, int) {
	first, _ := utf8.DecodeRuneInString(w)
	n := utf8.RuneCountInString(w)
	best, bestDist, bestFirst := "", fuzziness+1, false
	for _, v := range x.words {
		if m := utf8.RuneCountInString(v); m < n-fuzziness || m > n+fuzziness {
			continue
		}
		d := indexer.EditDistance(w, v, fuzziness)
		same := strings.HasPrefix(v, string(first))
		if d < bestDist || d == bestDist && same && !bestFirst {
			best, bestDist, bestFirst = v, d, same
		}
	}
	return best, bestDist
}

// typedForms are the words of q as typed, by their term (the first of each): the
// parsed query has them in lower case.
func typedForms(a indexer.Analyzer, q string) map[string]string {
	typed := map[string]string{}
	for _, t := range a.Tokens(q) {
		if _, ok := typed[t.Term]; !ok {
			typed[t.Term] = q[t.Start:t.End]
		}
	}
	return typed
}

// onPages are the fields where a page or its title has term as typed.
func onPages(term string) []indexer.FieldTerm {
	return []indexer.FieldTerm{{Field: indexer.FieldBody, Term: term}, {Field: indexer.FieldTitle, Term: term}}
}

// absent returns the words of which the index has none of the terms terms gives.
func (s *Searcher) absent(ctx context.Context, words []string, terms func(w string) []indexer.FieldTerm) ([]string, error) {
	var asked []indexer.FieldTerm
	at := make([]int, len(words)+1) // words[i]'s terms are asked[at[i]:at[i+1]]
	for i, w := range words {
		at[i] = len(asked)
		asked = append(asked, terms(w)...)
	}
	at[len(words)] = len(asked)
	if len(asked) == 0 {
		return words, nil
	}
	_, dfs, err := s.ix.DocFreqs(ctx, asked)
	if err != nil {
		return nil, err
	}
	var out []string
	for i, w := range words {
		if !slices.ContainsFunc(dfs[at[i]:at[i+1]], func(df uint64) bool { return df > 0 }) {
			out = append(out, w)
		}
	}
	return out, nil
}

// correctable reports whether a term may be corrected: letters (and apostrophes)
// only, at least minCorrectRunes of them, at most maxFuzzyRunes.
func correctable(term string) bool {
	n := utf8.RuneCountInString(term)
	if n < minCorrectRunes || n > maxFuzzyRunes {
		return false
	}
	for _, r := range term {
		if !unicode.IsLetter(r) && r != '\'' {
			return false
		}
	}
	return true
}

// known reports whether a dictionary knows word: WordNet an English word, or
// hunspell-uk a Ukrainian one (in any of its forms). A word of the language that
// no page has ("rebuild", "gripes") is then not mistyped, only absent, and is
// not searched as another ("build", "crimes"). Russian has no dictionary here:
// its words are corrected whenever no page has them.
func known(word string) bool {
	if latin(word) {
		th, err := thesaurus.Bundled()
		if err != nil {
			return true // unsure: leave it
		}
		entry, _ := th.Lookup([]string{word})
		return entry != ""
	}
	return ukdict.Lemmas(word) != nil
}

// expanded reports whether one of exps searches word another way: a stand-in, a
// synonym or a translation of a term with that word, in any of its forms.
func expanded(word string, exps []Expansion) bool {
	for _, a := range stopAnalyzers() {
		st := a.Terms(word)
		if len(st) != 1 {
			continue
		}
		for _, e := range exps {
			if slices.Contains(a.Terms(e.Term), st[0]) {
				return true
			}
		}
	}
	return false
}

// correctsText reports whether spelling correction may change the words of field
// field: the default text fields and the title.
func correctsText(field string) bool { return field == "" || field == "title" }

// correctsTerm reports whether spelling correction may change a word: of the text
// fields, neither a prefix nor fuzzy.
func correctsTerm(t *query.Term) bool { return correctsText(t.Field) && !t.Prefix && t.Fuzzy == 0 }

// rewrite returns a copy of n with the text of each word and phrase that spelling
// correction may change (of the text fields, not excluded, neither a prefix nor
// fuzzy) changed by fix (told whether it is a phrase's); n is left as it is.
func rewrite(n query.Node, fix func(text string, phrase bool) string) query.Node {
	switch n := n.(type) {
	case *query.Term:
		if correctsTerm(n) {
			c := *n
			c.Text = fix(n.Text, false)
			return &c
		}
	case *query.Phrase:
		if correctsText(n.Field) {
			c := *n
			c.Text = fix(n.Text, true)
			return &c
		}
	case *query.Group:
		g := &query.Group{Clauses: make([]query.Clause, len(n.Clauses))}
		for i, cl := range n.Clauses {
			if cl.Occur != query.MustNot {
				cl.Node = rewrite(cl.Node, fix)
			}
			g.Clauses[i] = cl
		}
		return g
	case *query.Or:
		o := &query.Or{Nodes: make([]query.Node, len(n.Nodes))}
		for i, alt := range n.Nodes {
			o.Nodes[i] = rewrite(alt, fix)
		}
		return o
	}
	return n
}

// correctedText is the query text with the corrections made, for showing: each
// word corrected replaced wherever it stands, whatever its case (a word retyped in
// another keyboard layout, where it stands between spaces).
func correctedText(q string, corrs []Correction) string {
	a, err := textAnalyzer()
	if err != nil || len(corrs) == 0 {
		return q
	}
	// Words typed with the wrong keyboard layout first (relayout: each is a word
	// of q, between spaces, which its punctuation may split into several terms);
	// then the spelling corrections, of those words too.
	whole := map[string]string{}
	for _, c := range corrs {
		whole[c.Word] = c.As
	}
	for end := len(q); end > 0; { // from the end: the spans before stay put
		start := 0
		if i := strings.LastIndexFunc(q[:end], unicode.IsSpace); i >= 0 {
			_, size := utf8.DecodeRuneInString(q[i:])
			start = i + size
		}
		if c, ok := whole[q[start:end]]; ok {
			q = q[:start] + c + q[end:]
		}
		end = strings.LastIndexFunc(q[:start], func(r rune) bool { return !unicode.IsSpace(r) })
		if end >= 0 {
			_, size := utf8.DecodeRuneInString(q[end:])
			end += size
		}
	}
	as := map[string]string{} // the corrections by the term of the word typed
	for _, c := range corrs {
		if ts := a.Terms(c.Word); len(ts) == 1 {
			as[ts[0]] = c.As
		}
	}
	toks := a.Tokens(q)
	for i := len(toks) - 1; i >= 0; i-- { // from the end: the spans before stay put
		if c, ok := as[toks[i].Term]; ok {
			q = q[:toks[i].Start] + c + q[toks[i].End:]
		}
	}
	return strings.TrimSpace(q)
}
