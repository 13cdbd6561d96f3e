package search

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/thesaurus"
)

// Glossary pairs English, Ukrainian and Russian terms for cross-language search: a
// query that names a term in one language also searches for its translations
// (translateInto). It may also hold synonyms within a language (AddSynonyms): a query
// that names a term also searches for the other ways of saying it.
type Glossary struct {
	entries  []glossEntry
	synonyms []synEntry
	// thesaurus, when not nil, reads the thesaurus that gives English stand-ins
	// for query words no page has (standIns), when first needed.
	thesaurus func() (*thesaurus.Thesaurus, error)
}

// synEntry is one concept's terms in one language.
type synEntry struct {
	lang  string
	terms []string
}

// glossEntry is one concept: its terms (alternatives) in each language of
// glossLangs, in that order; Russian may have none.
type glossEntry [len(glossLangs)][]string

// glossLangs are the glossary's languages, in the order of its columns.
var glossLangs = [...]string{"en", "uk", "ru"}

// translateInto lists the languages a query's glossary terms are searched in,
// by the language they were found in. English and Ukrainian, the collection's
// languages, are searched in each other; Russian in English only, as Ukrainian
// pages already match the many words the two languages spell alike and took the
// first places from Russian documents when searched in translation too; nothing is
// searched in Russian but what a Russian query names, as Russian documents then
// took places from the other two. Measured on the evaluation collection (dev,
// docs/BENCHMARKS.md): Russian into both, filtered nDCG@10 0.915, judged 0.706;
// into English, 0.907 and 0.714; English and Ukrainian into Russian too, 0.931
// and 0.700 with both languages among the first ten for 89 % of the
// cross-language queries instead of 96 %.
var translateInto = map[string][]string{"en": {"uk"}, "uk": {"en"}, "ru": {"en"}}

// Translate returns the first term in language to of the glossary concept that
// has term in another language, case aside, or false: how a label written in one
// language (a topic tag) reads in another.
func (g *Glossary) Translate(term, to string) (string, bool) {
	if g == nil {
		return "", false
	}
	into := slices.Index(glossLangs[:], to)
	if into < 0 {
		return "", false
	}
	for _, e := range g.entries {
		if len(e[into]) == 0 {
			continue
		}
		for i, terms := range e {
			if i == into {
				continue
			}
			for _, t := range terms {
				if strings.EqualFold(t, term) {
					return e[into][0], true
				}
			}
		}
	}
	return "", false
}

// ParseGlossary reads a glossary: its translations, one concept per line, English
// terms, a tab, Ukrainian terms, optionally a tab and Russian terms, alternatives
// in a column separated by " / " (blank lines and lines starting with # are
// skipped); and, unless synonyms is nil, its synonyms (see AddSynonyms).
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
		cols := strings.Split(line, "\t")
		var e glossEntry
		for i, c := range cols {
			if i < len(e) {
				e[i] = alternatives(c)
			}
		}
		if len(cols) < 2 || len(cols) > len(e) || len(e[0]) == 0 || len(e[1]) == 0 || len(cols) == 3 && len(e[2]) == 0 {
			return nil, fmt.Errorf("glossary line %d: want English terms, a tab, Ukrainian terms, optionally a tab and Russian terms: %q", n, line)
		}
		g.entries = append(g.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	return g, nil
}

// BundledGlossary parses the glossary and synonyms that ship with ssgsearch
// (data/glossary.tsv, data/synonyms.tsv), with the bundled thesaurus (read when
// a query first needs it): what the server, the CLI, the evaluations and the
// benchmark search with.
func BundledGlossary() (*Glossary, error) {
	g, err := ParseGlossary(bytes.NewReader(data.Glossary), bytes.NewReader(data.Synonyms))
	if err != nil {
		return nil, err
	}
	g.thesaurus = thesaurus.Bundled
	return g, nil
}

// WithThesaurus returns a copy of g that finds stand-ins in t for the English
// words of a query that no page has (nil: none).
func (g *Glossary) WithThesaurus(t *thesaurus.Thesaurus) *Glossary {
	g2 := *g
	g2.thesaurus = nil
	if t != nil {
		g2.thesaurus = func() (*thesaurus.Thesaurus, error) { return t, nil }
	}
	return &g2
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
	// StandsIn, for synonyms, reports that no page in the term's language has the
	// term (a word of it is on none): the synonyms stand in for it, weighted
	// nearly as the words typed (standInBoost) rather than as another way of
	// saying them.
	StandsIn bool `json:"stands_in,omitempty"`
	// Source names where synonyms that are not the bundled list's came from:
	// "wordnet" (the thesaurus), "compound" (a compound's two words: compounds).
	Source string `json:"source,omitempty"`
}

// xlang is a glossary prepared for one index: every term as the stems its
// language's analyzer makes of it.
type xlang struct {
	terms []xlangTerm
	// analyze gives the stems each language's analyzer makes of a text; en is
	// the English analyzer.
	analyze map[string]func(string) []string
	// positions gives them by word (indexer.Analyzer.Positions).
	positions map[string]func(string) [][]string
	en        indexer.Analyzer
	// thesaurus reads the thesaurus of stand-ins for English words (standIns);
	// nil: none.
	thesaurus func() (*thesaurus.Thesaurus, error)
	// words are the words of the glossary's and the synonym list's terms, lower
	// case, each once: what spelling correction may take a word for besides the
	// index's words (vocabularyWord).
	words []string
}

// xlangTerm is one spelling of a concept in one language, as stems: of a glossary
// entry, or (synonym) of a synonym entry.
type xlangTerm struct {
	entry   int
	synonym bool
	lang    string
	text    string
	// words are its stems, by word (indexer.Analyzer.Positions).
	words [][]string
	// abbrev: the term is one word in capitals (isAbbreviation).
	abbrev bool
}

// WithGlossary turns on cross-language search (Request.XLang) with g.
func (s *Searcher) WithGlossary(g *Glossary) (*Searcher, error) {
	x := &xlang{analyze: map[string]func(string) []string{}, positions: map[string]func(string) [][]string{}, thesaurus: g.thesaurus}
	for lang, name := range analyzerOf {
		a, err := s.ix.Analyzer(name)
		if err != nil {
			return nil, fmt.Errorf("glossary: %w", err)
		}
		x.analyze[lang], x.positions[lang] = a.Terms, a.Positions
		if lang == "en" {
			x.en = a
		}
	}
	add := func(entry int, synonym bool, lang string, terms []string) {
		for _, t := range terms {
			if words := x.positions[lang](t); len(words) > 0 && x.keepsEnds(lang, t) {
				x.terms = append(x.terms, xlangTerm{entry, synonym, lang, t, words, isAbbreviation(t)})
			}
		}
	}
	for i, e := range g.entries {
		for l, terms := range e {
			add(i, false, glossLangs[l], terms)
		}
	}
	for i, e := range g.synonyms {
		add(i, true, e.lang, e.terms)
	}
	if ta, err := textAnalyzer(); err == nil {
		seen := map[string]bool{}
		for _, t := range x.terms {
			for _, w := range ta.Terms(t.text) {
				if !seen[w] && correctable(w) {
					seen[w] = true
					x.words = append(x.words, w)
				}
			}
		}
		slices.Sort(x.words)
	}
	s2 := *s
	s2.gloss, s2.glossary = x, g
	return &s2, nil
}

// keepsEnds reports whether the analyzer of lang keeps the first and the last word
// of term, the parts of a hyphenated word counting as words. A term whose end is
// a stop word ("IT security" → "secur", "call-up" → "call") would be found
// wherever its other words are, and is left out.
func (x *xlang) keepsEnds(lang, term string) bool {
	words := strings.FieldsFunc(term, func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
	return len(words) > 0 && len(x.analyze[lang](words[0])) > 0 && len(x.analyze[lang](words[len(words)-1])) > 0
}

// expandableWords returns the words of a query made only of plain words and phrases
// (any of them may match), or nil when the query has fields, exclusions, required
// words or OR: expansions are added only where they cannot loosen what the user
// asked for.
func expandableWords(n query.Node) []string {
	switch n := n.(type) {
	case *query.Term:
		if n.Field == "" && !n.Prefix {
			return []string{n.Text}
		}
	case *query.Group:
		var words []string
		for _, c := range n.Clauses {
			if c.Occur != query.Should {
				return nil
			}
			switch t := c.Node.(type) {
			case *query.Term:
				if t.Field != "" || t.Prefix {
					return nil
				}
				words = append(words, t.Text)
			case *query.Phrase:
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
func (s *Searcher) expand(ctx context.Context, raw string, n query.Node, xlang bool, langs []string) ([]indexer.Query, []Expansion, error) {
	x := s.gloss
	words := expandableWords(n)
	if x == nil || len(words) == 0 {
		return nil, nil, nil
	}
	comps, err := x.compounds(ctx, s.ix, words, extract.DetectLang(strings.Join(words, " ")))
	if err != nil {
		return nil, nil, err
	}
	words = spellOut(words, comps)
	text := strings.Join(words, " ")
	// The query's stems by word in each language: a glossary term matches where
	// each of its words shares a stem with the query's word at its place, so that
	// a form with several dictionary words ("запити": запит, запитати) still
	// matches a term that has one of them ("інформаційний запит"). wordAt gives
	// the word (of typed) each place is of.
	typed := strings.Fields(text)
	seqs, wordAt := map[string][][]string{}, map[string][]int{}
	for lang, f := range x.positions {
		for i, w := range typed {
			for _, p := range f(w) {
				seqs[lang], wordAt[lang] = append(seqs[lang], p), append(wordAt[lang], i)
			}
		}
	}
	// An abbreviation names its own thing: a term in capitals, or a word typed in
	// capitals, is found as itself only, not by a word that stems alike (АРМА,
	// the asset recovery agency, and армия).
	abbrev, err := typedAbbreviations(raw, typed)
	if err != nil {
		return nil, nil, err
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
		seq, at := seqs[t.lang], wordAt[t.lang]
		for i := 0; i+len(t.words) <= len(seq); i++ {
			if sharesStems(seq[i:i+len(t.words)], t.words) && literal(t, typed, at[i:i+len(t.words)], abbrev) {
				hits = append(hits, found{t, i, i + len(t.words)})
				break
			}
		}
	}
	// A Ukrainian query read as Russian keeps only the cognates: a Russian term
	// whose entry's Ukrainian term the query names too (оборона, in "оборони"),
	// not a false friend ("питань", questions, read as питание, food). Only a
	// letter of Ukrainian's own tells a Ukrainian query (і, ї, є, ґ, and none of
	// Russian's ы, э, ъ, ё); a Russian query keeps its Ukrainian readings, which
	// find the terms that Russian's stemmer misses (омбудсмену and омбудсмен stem
	// apart).
	if spelledIn(text) == "uk" {
		named := map[int]bool{} // the glossary entries of the query's Ukrainian terms
		for _, h := range hits {
			if h.t.lang == "uk" && !h.t.synonym {
				named[h.t.entry] = true
			}
		}
		hits = slices.DeleteFunc(hits, func(h found) bool { return h.t.lang == "ru" && !h.t.synonym && !named[h.t.entry] })
	}
	// A term inside a longer one found too is dropped. Terms found on the same
	// words (two entries for one concept, a singular and a plural entry) are
	// searched as one: the union of their translations or synonyms.
	type span struct {
		lang       string
		synonym    bool
		start, end int
	}
	// A target is what a span is searched as in one language.
	type target struct {
		span
		into string
	}
	var order []target
	termsOf := map[target][]string{}
	termOf := map[span]string{}
	seen := map[span]map[int]bool{}
	add := func(tg target, terms []string, same []string) {
		for _, t := range terms {
			if slices.Contains(termsOf[tg], t) || same != nil && slices.Equal(x.analyze[tg.into](t), same) {
				continue
			}
			if termsOf[tg] == nil {
				order = append(order, tg)
			}
			termsOf[tg] = append(termsOf[tg], t)
		}
	}
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
			termOf[sp] = h.t.text
		}
		seen[sp][h.t.entry] = true
		if h.t.synonym {
			add(target{sp, sp.lang}, s.glossary.synonyms[h.t.entry].terms, slices.Concat(h.t.words...))
			continue
		}
		for _, into := range translateInto[sp.lang] {
			add(target{sp, into}, s.glossary.entries[h.t.entry][slices.Index(glossLangs[:], into)], nil)
		}
	}
	// A term that no page of its language has (a word of it is on none: slang, a
	// coinage) is found through its synonyms only: they stand in for it.
	// (One look-up for the words of every such term; a word is on a page when one
	// of its stems is.)
	var asked []indexer.FieldTerm
	for _, tg := range order {
		if tg.synonym {
			for _, w := range seqs[tg.lang][tg.start:tg.end] {
				for _, st := range w {
					asked = append(asked, indexer.FieldTerm{Field: stemFieldOf[tg.lang], Term: st})
				}
			}
		}
	}
	absent := map[span]bool{}
	if len(asked) > 0 {
		_, dfs, err := s.ix.DocFreqs(ctx, asked)
		if err != nil {
			return nil, nil, err
		}
		for _, tg := range order {
			if !tg.synonym {
				continue
			}
			for _, w := range seqs[tg.lang][tg.start:tg.end] {
				if !slices.ContainsFunc(dfs[:len(w)], func(df uint64) bool { return df > 0 }) {
					absent[tg.span] = true
				}
				dfs = dfs[len(w):]
			}
		}
	}
	var qs []indexer.Query
	var exps []Expansion
	if len(langs) == 0 || slices.Contains(langs, "en") {
		covered := func(i int) bool {
			return slices.ContainsFunc(order, func(tg target) bool { return tg.synonym && tg.lang == "en" && tg.start <= i && i < tg.end })
		}
		ins, err := x.standIns(ctx, s.ix, text, covered)
		if err != nil {
			return nil, nil, err
		}
		for _, in := range ins {
			for _, t := range in.others {
				qs = append(qs, alternative("en", t, standInBoost)...)
			}
			exps = append(exps, Expansion{Term: in.term, Lang: "en", Terms: in.others, Synonym: true, StandsIn: true, Source: "wordnet"})
		}
	}
	for _, c := range comps {
		if len(langs) == 0 || slices.Contains(langs, c.lang) {
			qs = append(qs, alternative(c.lang, c.parts, standInBoost)...)
			exps = append(exps, Expansion{Term: c.word, Lang: c.lang, Terms: []string{c.parts}, Synonym: true, StandsIn: true, Source: "compound"})
		}
	}
	searched := map[[2]string]bool{} // a language and a term, searched once
	for _, tg := range order {
		boost := synonymBoost
		if !tg.synonym {
			boost = xlangBoost
		} else if absent[tg.span] {
			boost = standInBoost
		}
		if len(langs) > 0 && !slices.Contains(langs, tg.into) {
			continue // a language the filters leave out: nothing to find there
		}
		var terms []string
		for _, t := range termsOf[tg] {
			if searched[[2]string{tg.into, strings.ToLower(t)}] {
				continue
			}
			searched[[2]string{tg.into, strings.ToLower(t)}] = true
			terms = append(terms, t)
			qs = append(qs, alternative(tg.into, t, boost)...)
		}
		if len(terms) > 0 {
			exps = append(exps, Expansion{Term: termOf[tg.span], Lang: tg.into, Terms: terms, Synonym: tg.synonym, StandsIn: tg.synonym && absent[tg.span]})
		}
	}
	return qs, exps, nil
}

// spelledIn is "uk" or "ru" when text has a letter of that language's alphabet
// and none of the other's (і, ї, є, ґ; ы, э, ъ, ё), and "" otherwise.
func spelledIn(text string) string {
	uk := strings.ContainsAny(text, "іїєґІЇЄҐ")
	ru := strings.ContainsAny(text, "ыэъёЫЭЪЁ")
	switch {
	case uk && !ru:
		return "uk"
	case ru && !uk:
		return "ru"
	}
	return ""
}

// isAbbreviation reports whether term is one word of two letters or more, all
// capitals (digits and hyphens aside): NATO, АРМА, CERT-UA. Typed so, a word
// names its own thing: spelling correction leaves it (the index may lack it
// without its being a mistake), and the glossary finds only terms in capitals
// for it (expand).
func isAbbreviation(term string) bool {
	if strings.ContainsRune(term, ' ') {
		return false
	}
	letters := 0
	for _, r := range term {
		switch {
		case unicode.IsLetter(r) && !unicode.IsUpper(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2
}

// literal reports whether term t, found on the query's words at (indexes into
// typed, a word once per place it has), has as itself each of those words typed
// as abbreviations (abbrev), and, itself an abbreviation, is one of them.
func literal(t xlangTerm, typed []string, at []int, abbrev []bool) bool {
	words := strings.Fields(t.text)
	for _, w := range at {
		if abbrev[w] && !slices.ContainsFunc(words, func(tw string) bool { return isAbbreviationOf(bare(typed[w]), tw) }) {
			return false
		}
	}
	return !t.abbrev || slices.ContainsFunc(at, func(w int) bool { return isAbbreviationOf(bare(typed[w]), t.text) })
}

// typedAbbreviations says which of a query's words (as parsed, in lower case)
// raw, the query as typed, has in capitals (isAbbreviation), in English also
// with a plural or possessive ending (NGOs, NATO's); none when every word is, the
// query typed in capitals.
func typedAbbreviations(raw string, words []string) ([]bool, error) {
	a, err := textAnalyzer()
	if err != nil {
		return nil, fmt.Errorf("expand: %w", err)
	}
	typed := typedForms(a, raw)
	out := make([]bool, len(words))
	n := 0
	for i, w := range words {
		if tw, ok := typed[bare(w)]; ok && (isAbbreviation(tw) || isAbbreviation(singular(tw))) {
			out[i] = true
			n++
		}
	}
	if n == len(words) && n > 1 {
		clear(out)
	}
	return out, nil
}

// isAbbreviationOf reports whether the query word w (bare) is the abbreviation
// abbr, in English in the singular or the plural, possessive or not (NGO, NGOs,
// NATO's).
func isAbbreviationOf(w, abbr string) bool {
	return singular(w) == singular(bare(abbr))
}

// singular is an English abbreviation without a plural or possessive ending
// (NGOs, NATO's); a word in another script as it is.
func singular(w string) string {
	if w == "" || w[0] >= utf8.RuneSelf {
		return w
	}
	for _, end := range []string{"'s", "’s", "s"} {
		if rest, ok := strings.CutSuffix(w, end); ok && len(rest) >= 2 {
			return rest
		}
	}
	return w
}

// sharesStems reports whether each word of query (its stems) shares a stem with
// the word of term at its place.
func sharesStems(query, term [][]string) bool {
	for i, w := range term {
		if !slices.ContainsFunc(w, func(st string) bool { return slices.Contains(query[i], st) }) {
			return false
		}
	}
	return true
}

// alternative is how another way of saying a query's term (a translation, a
// synonym, a stand-in) t in language lang is searched, weighted boost: every word
// of it, in any form, on a page (the stemmed field keeps no positions for a
// phrase) or in its document's title.
func alternative(lang, t string, boost float64) []indexer.Query {
	return []indexer.Query{indexer.Boost(indexer.MatchEvery(stemFieldOf[lang], t), boost),
		indexer.Boost(indexer.MatchEvery(indexer.FieldTitle, t), boost)}
}
