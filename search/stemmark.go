package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
// matched in a stemmed field and the highlighter cannot see. Only the runs of text
// between spaces that may hold such a word (stemKeys) are analysed, each alone:
// words never span a space, and the analyzers' filters read one word at a time.
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
	keys, ok := stemKeys(want)
	switch {
	case ok && len(keys) == 0:
		return nil
	case !ok || !norm.NFKC.IsNormalString(text):
		return spansOf(a, text, 0, want, nil)
	}
	var out []snippet.Span
	for i := 0; i < len(text); {
		from := i // a run of text between spaces: [from, i)
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i > from && hasKey(strings.ToLower(text[from:i]), keys) {
			out = spansOf(a, text[from:i], from, want, out)
		}
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
	}
	return out
}

// spansOf appends to out the spans of the words of text whose terms (as a
// analyses them) are among want, moved by offset.
func spansOf(a indexer.Analyzer, text string, offset int, want map[string]bool, out []snippet.Span) []snippet.Span {
	for _, t := range a.Tokens(text) {
		if want[t.Term] {
			out = append(out, snippet.Span{Start: offset + t.Start, End: offset + t.End})
		}
	}
	return out
}

// stemKeys returns what a word with one of the stems holds, once normalised: the
// stem's first three letters. The stemmers only strip or rewrite endings, so a
// word with a stem of four letters or more starts with them; text that NFKC
// leaves as it is is normalised by lower-casing, except for apostrophes. It
// returns false when a stem is shorter, or has an apostrophe among them: then any
// word may have it.
func stemKeys(stems map[string]bool) ([]string, bool) {
	var keys []string
	for stem := range stems {
		r := []rune(stem)
		if len(r) < 4 || strings.ContainsAny(string(r[:3]), "'’ʼ`´‘") {
			return nil, false
		}
		keys = append(keys, string(r[:3]))
	}
	return keys, true
}

// hasKey reports whether lower holds one of keys.
func hasKey(lower string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}
