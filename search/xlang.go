package search

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// Glossary pairs English and Ukrainian terms for cross-language search: a query that
// names a term in one language also searches for its translations.
type Glossary struct {
	entries []glossEntry
}

// glossEntry is one concept: its English and its Ukrainian terms (alternatives).
type glossEntry struct {
	en, uk []string
}

// ParseGlossary reads a glossary: one concept per line, English terms, a tab,
// Ukrainian terms, alternatives on either side separated by " / "; blank lines and
// lines starting with # are skipped.
func ParseGlossary(r io.Reader) (*Glossary, error) {
	g := &Glossary{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		en, uk, ok := strings.Cut(line, "\t")
		e := glossEntry{en: alternatives(en), uk: alternatives(uk)}
		if !ok || len(e.en) == 0 || len(e.uk) == 0 {
			return nil, fmt.Errorf("glossary line %d: want English terms, a tab, Ukrainian terms: %q", n, line)
		}
		g.entries = append(g.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	return g, nil
}

// Len returns the number of concepts in the glossary.
func (g *Glossary) Len() int { return len(g.entries) }

func alternatives(s string) []string {
	var out []string
	for _, a := range strings.Split(s, " / ") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// Expansion is a glossary term found in a query and the translations searched for it.
type Expansion struct {
	// Term is the glossary's spelling of what the query named.
	Term string `json:"term"`
	// Lang is the language of Terms.
	Lang  string   `json:"lang"`
	Terms []string `json:"terms"`
}

// xlang is a glossary prepared for one index: every term as the stems its
// language's analyzer makes of it.
type xlang struct {
	terms []xlangTerm
	en    func(string) []string
	uk    func(string) []string
}

// xlangTerm is one spelling of a concept in one language, as stems.
type xlangTerm struct {
	entry int
	lang  string
	text  string
	stems []string
}

// WithGlossary turns on cross-language search (Request.XLang) with g.
func (s *Searcher) WithGlossary(g *Glossary) (*Searcher, error) {
	m := s.ix.Bleve().Mapping()
	analyze := func(name string) (func(string) []string, error) {
		a := m.AnalyzerNamed(name)
		if a == nil {
			return nil, fmt.Errorf("glossary: no analyzer %s in the index mapping", name)
		}
		return func(text string) []string {
			var out []string
			for _, t := range a.Analyze([]byte(text)) {
				out = append(out, string(t.Term))
			}
			return out
		}, nil
	}
	x := &xlang{}
	var err error
	if x.en, err = analyze(indexer.AnalyzerEN); err != nil {
		return nil, err
	}
	if x.uk, err = analyze(indexer.AnalyzerUK); err != nil {
		return nil, err
	}
	for i, e := range g.entries {
		for _, t := range e.en {
			if st := x.en(t); len(st) > 0 {
				x.terms = append(x.terms, xlangTerm{i, "en", t, st})
			}
		}
		for _, t := range e.uk {
			if st := x.uk(t); len(st) > 0 {
				x.terms = append(x.terms, xlangTerm{i, "uk", t, st})
			}
		}
	}
	s2 := *s
	s2.gloss, s2.glossary = x, g
	return &s2, nil
}

// expandableWords returns the words of a query made only of plain words and phrases
// (any of them may match), or nil when the query has fields, exclusions, required
// words or OR: expansions are added only where they cannot loosen what the user
// asked for.
func expandableWords(n Node) []string {
	switch n := n.(type) {
	case *Term:
		if n.Field == "" && !n.Prefix {
			return []string{n.Text}
		}
	case *Group:
		var words []string
		for _, c := range n.Clauses {
			if c.Occur != Should {
				return nil
			}
			switch t := c.Node.(type) {
			case *Term:
				if t.Field != "" || t.Prefix {
					return nil
				}
				words = append(words, t.Text)
			case *Phrase:
				if t.Field != "" {
					return nil
				}
				words = append(words, strings.Fields(t.Text)...)
			default:
				return nil
			}
		}
		return words
	}
	return nil
}

// expand finds the glossary terms a query names (by stems, in either language; a
// term inside a longer one found too is dropped) and returns queries for their
// translations, with what they are.
func (s *Searcher) expand(n Node) ([]query.Query, []Expansion) {
	x := s.gloss
	words := expandableWords(n)
	if x == nil || len(words) == 0 {
		return nil, nil
	}
	text := strings.Join(words, " ")
	seqs := map[string][]string{"en": x.en(text), "uk": x.uk(text)}
	type found struct {
		t          xlangTerm
		start, end int
	}
	var hits []found
	for _, t := range x.terms {
		seq := seqs[t.lang]
		for i := 0; i+len(t.stems) <= len(seq); i++ {
			if slices.Equal(seq[i:i+len(t.stems)], t.stems) {
				hits = append(hits, found{t, i, i + len(t.stems)})
				break
			}
		}
	}
	var qs []query.Query
	var exps []Expansion
	done := map[int]bool{}
	for _, h := range hits {
		if done[h.t.entry] {
			continue
		}
		inside := false
		for _, o := range hits {
			if o.t.lang == h.t.lang && o.t.entry != h.t.entry && o.start <= h.start && h.end <= o.end && o.end-o.start > h.end-h.start {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		done[h.t.entry] = true
		e := s.glossary.entries[h.t.entry]
		targets, lang, field := e.uk, "uk", indexer.FieldStemUK
		if h.t.lang == "uk" {
			targets, lang, field = e.en, "en", indexer.FieldStemEN
		}
		for _, t := range targets {
			// Every word of the translation, in any form (the stemmed field keeps
			// no positions for a phrase).
			q := query.NewMatchQuery(t)
			q.SetField(field)
			q.SetBoost(xlangBoost)
			q.SetOperator(query.MatchQueryOperatorAnd)
			qs = append(qs, q)
			title := query.NewMatchQuery(t)
			title.SetField(indexer.FieldTitle)
			title.SetBoost(xlangBoost)
			title.SetOperator(query.MatchQueryOperatorAnd)
			qs = append(qs, title)
		}
		exps = append(exps, Expansion{Term: h.t.text, Lang: lang, Terms: targets})
	}
	return qs, exps
}
