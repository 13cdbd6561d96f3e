package search

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/snippet"
)

// analyzerFor names the stemming analyzer of a language (English when unknown).
func analyzerFor(lang string) string {
	if name, ok := analyzerOf[lang]; ok {
		return name
	}
	return indexer.AnalyzerEN
}

// plainWords returns the words of a parsed query that can match in another form:
// words without a field, fuzziness or prefix, and the words of phrases; not the
// excluded ones.
func plainWords(n query.Node) []string {
	var out []string
	var walk func(query.Node, bool)
	walk = func(n query.Node, excluded bool) {
		if excluded {
			return
		}
		switch n := n.(type) {
		case *query.Term:
			if n.Field == "" && n.Fuzzy == 0 && !n.Prefix {
				out = append(out, n.Text)
			}
		case *query.Phrase:
			if n.Field == "" {
				out = append(out, strings.Fields(n.Text)...)
			}
		case *query.Group:
			for _, c := range n.Clauses {
				walk(c.Node, c.Occur == query.MustNot)
			}
		case *query.Or:
			for _, a := range n.Nodes {
				walk(a, false)
			}
		}
	}
	walk(n, false)
	return out
}

// stemSpans returns the spans of the words of text that share a stem with one of
// words, both analysed as lang: other forms of the query's words, which the index
// matched in a stemmed field and the highlighter cannot see.
func (s *Searcher) stemSpans(text, lang string, words []string) []snippet.Span {
	if len(words) == 0 || text == "" {
		return nil
	}
	a, err := s.ix.Analyzer(analyzerFor(lang))
	if err != nil {
		return nil
	}
	want := map[string]bool{}
	for _, t := range a.Terms(strings.Join(words, " ")) {
		want[t] = true
	}
	if !mayHaveStems(text, want) {
		return nil
	}
	var out []snippet.Span
	for _, t := range a.Tokens(text) {
		if want[t.Term] {
			out = append(out, snippet.Span{Start: t.Start, End: t.End})
		}
	}
	return out
}

// mayHaveStems reports whether text may have a word with one of the stems: false
// only when it certainly has none, which a page matched by its title alone shows,
// and then analysing the whole page is wasted. The stemmers only strip or rewrite
// endings, so a word with a stem of four letters or more starts with the stem's
// first three letters once normalised; text that NFKC leaves as it is is
// normalised by lower-casing, except for apostrophes.
func mayHaveStems(text string, stems map[string]bool) bool {
	var keys []string
	for stem := range stems {
		r := []rune(stem)
		if len(r) < 4 || strings.ContainsAny(string(r[:3]), "'’ʼ`´‘") {
			return true
		}
		keys = append(keys, string(r[:3]))
	}
	if len(keys) == 0 {
		return false
	}
	if !norm.NFKC.IsNormalString(text) {
		return true
	}
	lower := strings.ToLower(text)
	for _, k := range keys {
		if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}
