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
// names a term in one language also searches for its translations. It may also hold
// synonyms within a language (AddSynonyms): a query that names a term also searches
// for the other ways of saying it.
type Glossary struct {
	entries  []glossEntry
	synonyms []synEntry
}

// synEntry is one concept's terms in one language.
type synEntry struct {
	lang  string
	terms []string
}

// glossEntry is one concept: its English and its Ukrainian terms (alternatives).
type glossEntry struct {
	en, uk []string
}

// Translate returns the first term of the other language ("en" or "uk", to) of
// the glossary concept that has term, case aside, or false: how a label written in
// one language (a topic tag) reads in the other.
func (g *Glossary) Translate(term, to string) (string, bool) {
	if g == nil {
		return "", false
	}
	for _, e := range g.entries {
		from, into := e.en, e.uk
		if to == "en" {
			from, into = e.uk, e.en
		}
		if len(into) == 0 {
			continue
		}
		for _, t := range from {
			if strings.EqualFold(t, term) {
				return into[0], true
			}
		}
	}
	return "", false
}

// ParseGlossary reads a glossary: its translations, one concept per line, English
// terms, a tab, Ukrainian terms, alternatives on either side separated by " / "
// (blank lines and lines starting with # are skipped); and, unless synonyms is nil,
// its synonyms (see AddSynonyms).
func ParseGlossary(translations, synonyms io.Reader) (*Glossary, error) {
	g := &Glossary{}
	if synonyms != nil {
		if err := g.AddSynonyms(synonyms); err != nil {
			return nil, err
		}
	}
	sc := bufio.NewScanner(translations)
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

// Synonyms returns the number of synonym concepts in the glossary.
func (g *Glossary) Synonyms() int { return len(g.synonyms) }

// AddSynonyms reads synonyms into the glossary: one concept per line, a language
// code (en, uk, ru), a tab, its terms separated by " / "; blank lines and lines
// starting with # are skipped.
func (g *Glossary) AddSynonyms(r io.Reader) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, terms, ok := strings.Cut(line, "\t")
		e := synEntry{lang: strings.TrimSpace(lang), terms: alternatives(terms)}
		if !ok || (e.lang != "en" && e.lang != "uk" && e.lang != "ru") || len(e.terms) < 2 {
			return fmt.Errorf("synonyms line %d: want a language (en, uk, ru), a tab, two terms or more: %q", n, line)
		}
		g.synonyms = append(g.synonyms, e)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("synonyms: %w", err)
	}
	return nil
}

func alternatives(s string) []string {
	var out []string
	for _, a := range strings.Split(s, " / ") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// Expansion is a glossary term found in a query and the translations or synonyms
// searched for it.
type Expansion struct {
	// Term is the glossary's spelling of what the query named.
	Term string `json:"term"`
	// Lang is the language of Terms.
	Lang  string   `json:"lang"`
	Terms []string `json:"terms"`
	// Synonym reports other ways of saying the term in its language, not
	// translations.
	Synonym bool `json:"synonym,omitempty"`
}

// xlang is a glossary prepared for one index: every term as the stems its
// language's analyzer makes of it.
type xlang struct {
	terms []xlangTerm
	// analyze gives the stems each language's analyzer makes of a text.
	analyze map[string]func(string) []string
}

// xlangTerm is one spelling of a concept in one language, as stems: of a glossary
// entry, or (synonym) of a synonym entry.
type xlangTerm struct {
	entry   int
	synonym bool
	lang    string
	text    string
	stems   []string
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
	x := &xlang{analyze: map[string]func(string) []string{}}
	for lang, name := range analyzerOf {
		f, err := analyze(name)
		if err != nil {
			return nil, err
		}
		x.analyze[lang] = f
	}
	add := func(entry int, synonym bool, lang string, terms []string) {
		for _, t := range terms {
			if st := x.analyze[lang](t); len(st) > 0 && x.keepsEnds(lang, t) {
				x.terms = append(x.terms, xlangTerm{entry, synonym, lang, t, st})
			}
		}
	}
	for i, e := range g.entries {
		add(i, false, "en", e.en)
		add(i, false, "uk", e.uk)
	}
	for i, e := range g.synonyms {
		add(i, true, e.lang, e.terms)
	}
	s2 := *s
	s2.gloss, s2.glossary = x, g
	return &s2, nil
}

// keepsEnds reports whether the analyzer of lang keeps the first and the last word
// of term. A term whose end is a stop word ("IT security" → "secur") would be
// found wherever its other words are, and is left out.
func (x *xlang) keepsEnds(lang, term string) bool {
	words := strings.Fields(term)
	return len(x.analyze[lang](words[0])) > 0 && len(x.analyze[lang](words[len(words)-1])) > 0
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

// expand finds the glossary terms a query names (by stems, in any language; a term
// inside a longer one found too is dropped) and returns queries for their
// translations (when xlang) and their synonyms, with what they are; none into a
// language langs (the language filter, when set) leaves out.
func (s *Searcher) expand(n Node, xlang bool, langs []string) ([]query.Query, []Expansion) {
	x := s.gloss
	words := expandableWords(n)
	if x == nil || len(words) == 0 {
		return nil, nil
	}
	text := strings.Join(words, " ")
	seqs := map[string][]string{}
	for lang, f := range x.analyze {
		seqs[lang] = f(text)
	}
	type found struct {
		t          xlangTerm
		start, end int
	}
	var hits []found
	for _, t := range x.terms {
		if !t.synonym && !xlang {
			continue
		}
		seq := seqs[t.lang]
		for i := 0; i+len(t.stems) <= len(seq); i++ {
			if slices.Equal(seq[i:i+len(t.stems)], t.stems) {
				hits = append(hits, found{t, i, i + len(t.stems)})
				break
			}
		}
	}
	// A term inside a longer one found too is dropped. Terms found on the same
	// words (two entries for one concept, a singular and a plural entry) are
	// searched as one: the union of their translations or synonyms.
	type span struct {
		lang       string
		synonym    bool
		start, end int
	}
	var spans []span
	targetsOf := map[span][]string{}
	termOf := map[span]string{}
	seen := map[span]map[int]bool{}
	for _, h := range hits {
		inside := false
		for _, o := range hits {
			if o.t.lang == h.t.lang && o.t.synonym == h.t.synonym && o.start <= h.start && h.end <= o.end && o.end-o.start > h.end-h.start {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		sp := span{h.t.lang, h.t.synonym, h.start, h.end}
		if seen[sp][h.t.entry] {
			continue
		}
		if seen[sp] == nil {
			seen[sp] = map[int]bool{}
			spans = append(spans, sp)
			termOf[sp] = h.t.text
		}
		seen[sp][h.t.entry] = true
		var targets []string
		if h.t.synonym {
			targets = s.glossary.synonyms[h.t.entry].terms
		} else if e := s.glossary.entries[h.t.entry]; h.t.lang == "uk" {
			targets = e.en
		} else {
			targets = e.uk
		}
		for _, t := range targets {
			if !slices.Contains(targetsOf[sp], t) && !(h.t.synonym && slices.Equal(x.analyze[h.t.lang](t), h.t.stems)) {
				targetsOf[sp] = append(targetsOf[sp], t)
			}
		}
	}
	var qs []query.Query
	var exps []Expansion
	for _, sp := range spans {
		targets := targetsOf[sp]
		if len(targets) == 0 {
			continue
		}
		lang, boost := sp.lang, synonymBoost
		if !sp.synonym {
			lang, boost = "uk", xlangBoost
			if sp.lang == "uk" {
				lang = "en"
			}
		}
		if len(langs) > 0 && !slices.Contains(langs, lang) {
			continue // a language the filters leave out: nothing to find there
		}
		field := stemFieldOf[lang]
		for _, t := range targets {
			// Every word of the term, in any form (the stemmed field keeps no
			// positions for a phrase).
			q := query.NewMatchQuery(t)
			q.SetField(field)
			q.SetBoost(boost)
			q.SetOperator(query.MatchQueryOperatorAnd)
			qs = append(qs, q)
			title := query.NewMatchQuery(t)
			title.SetField(indexer.FieldTitle)
			title.SetBoost(boost)
			title.SetOperator(query.MatchQueryOperatorAnd)
			qs = append(qs, title)
		}
		exps = append(exps, Expansion{Term: termOf[sp], Lang: lang, Terms: targets, Synonym: sp.synonym})
	}
	return qs, exps
}
