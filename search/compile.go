package search

import (
	"fmt"
	"strings"
	"sync"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// compiler turns parsed queries into index queries (indexer.Query) over a set of
// text fields, and the stemmed fields of some languages.
type compiler struct {
	fields []fieldWeight
	stems  []string
	// lang is the query's language ("" unknown), whose stop words stopWord knows.
	lang string
}

// bodyCompiler searches page text only: for searching inside one document, where
// the title and summary on every page would match every page.
var bodyCompiler = compiler{fields: []fieldWeight{{indexer.FieldBody, 1}}, stems: stemFields}

// compilerFor searches the default text fields, and the stemmed field of lang (of
// every language when it is ""): other forms of an English word are looked for in
// English text only.
func compilerFor(lang string) compiler {
	if f, ok := stemFieldOf[lang]; ok {
		return compiler{fields: textFields, stems: []string{f}, lang: lang}
	}
	return compiler{fields: textFields, stems: stemFields}
}

// compile turns a parsed query into an index query over page records, looking for
// other forms of its words in the language they are written in.
func compile(n query.Node) (indexer.Query, error) { return compilerFor(queryLang(n)).compile(n) }

// queryLang is the language a query's words are written in, or "".
func queryLang(n query.Node) string { return extract.DetectLang(strings.Join(plainWords(n), " ")) }

func (c compiler) compile(n query.Node) (indexer.Query, error) {
	switch n := n.(type) {
	case *query.All:
		return indexer.MatchAll(), nil
	case *query.Term:
		return c.compileTerm(n)
	case *query.Phrase:
		return c.compilePhrase(n)
	case *query.Range:
		lo, hi := float64(n.From), float64(n.To)
		var min, max *float64
		if n.From != 0 {
			min = &lo
		}
		if n.To != 0 {
			max = &hi
		}
		return indexer.Range(indexer.FieldYear, min, max), nil
	case *query.Or:
		alts := make([]indexer.Query, 0, len(n.Nodes))
		for _, cn := range n.Nodes {
			q, err := c.compile(cn)
			if err != nil {
				return nil, err
			}
			alts = append(alts, q)
		}
		return indexer.Or(alts...), nil
	case *query.Group:
		return c.compileGroup(n)
	}
	return nil, fmt.Errorf("unknown query node %T", n)
}

func (c compiler) compileGroup(g *query.Group) (indexer.Query, error) {
	var must, should, mustNot []indexer.Query
	var plain []string
	// Optional plain words that are stop words ("how to rebuild trust in the
	// police") are searched only in the phrase clauses below, when the group has
	// other words: alone they match every page, and a page matching more of a
	// query's clauses scores more, so pages full of "the" and "in" ranked first.
	content, stop := 0, map[string]bool{} // each plain word asked once
	for _, cl := range g.Clauses {
		if w, ok := plainWord(cl); ok {
			if stop[w] = stopWord(c.lang, w); !stop[w] {
				content++
			}
		}
	}
	// restrictOnly says every required clause is a restriction (a tag or a year):
	// those narrow what the words find, they do not make the words optional.
	restrictOnly := true
	var words []indexer.Query // the plain words' clauses (stop words aside, unless all are)
	for _, cl := range g.Clauses {
		w, isWord := plainWord(cl)
		if isWord {
			plain = append(plain, w)
			if content > 0 && stop[w] {
				continue
			}
		}
		q, err := c.compile(cl.Node)
		if err != nil {
			return nil, err
		}
		if isWord {
			words = append(words, q)
		}
		switch cl.Occur {
		case query.Must:
			must = append(must, q)
			restrictOnly = restrictOnly && isRestriction(cl.Node)
		case query.MustNot:
			mustNot = append(mustNot, q)
		default:
			should = append(should, q)
		}
	}
	if content >= 2 || len(plain) >= 2 && content == 0 {
		// Every word, unweighted (see phraseBoost): read where the words' own
		// clauses match, not from their postings again.
		should = append(should, indexer.AllOf(words...),
			indexer.Boost(indexer.Phrase(indexer.FieldBody, strings.Join(plain, " ")), phraseBoost),
			// The words as the title has them: the query names the publication.
			indexer.Boost(indexer.Phrase(indexer.FieldTitle, strings.Join(plain, " ")), titlePhraseBoost))
	}
	if len(plain) >= 3 {
		// Words of the query side by side in the text ("public information" in
		// "requesting public information from security institutions") say more than
		// the same words apart: each adjacent pair counts as a small phrase (a
		// pair with a stop word, "in the", says nothing).
		for i := 0; i+1 < len(plain); i++ {
			if content > 0 && (stop[plain[i]] || stop[plain[i+1]]) {
				continue
			}
			should = append(should, indexer.Boost(indexer.Phrase(indexer.FieldBody, plain[i]+" "+plain[i+1]), pairBoost))
		}
	}
	if len(should) > 0 && len(must) > 0 && restrictOnly {
		// "budget lang:en" finds English pages about budgets, not every English
		// page with those about budgets first; and as a conjunction, the words'
		// pages (fewer) drive the search, not every page the restrictions select.
		must, should = append(must, indexer.Or(should...)), nil
	}
	minShould := 0
	if len(should) > 0 && len(must) == 0 {
		minShould = 1
	}
	return indexer.Bool(must, should, mustNot, minShould), nil
}

// isRestriction reports whether n restricts by a tag (type, lang, topic,
// publisher) or a year range rather than searching text.
func isRestriction(n query.Node) bool {
	switch n := n.(type) {
	case *query.Term:
		return !searchesText(n.Field)
	case *query.Phrase:
		return !searchesText(n.Field)
	case *query.Range:
		return true
	}
	return false
}

// searchesText reports whether a field name of the query (none, title:, author:)
// searches text fields, which only page records have.
func searchesText(field string) bool { return field == "" || field == "title" || field == "author" }

// stemFields are the stemmed fields, one per language; a match there (another form
// of the word) counts for less than an exact one, which matches there too.
var stemFields = []string{indexer.FieldStemEN, indexer.FieldStemUK, indexer.FieldStemRU}

// stemFieldOf is the stemmed field of each language, and analyzerOf its analyzer.
var (
	stemFieldOf = indexer.StemFields
	analyzerOf  = map[string]string{"en": indexer.AnalyzerEN, "uk": indexer.AnalyzerUK, "ru": indexer.AnalyzerRU}
)

// textMatch matches word in the default text fields, weighted, and (unless fuzzy) in
// the stemmed fields, so that other forms of the word match too.
func (c compiler) textMatch(word string, fuzzy int) indexer.Query {
	alts := make([]indexer.Query, 0, len(c.fields)+len(c.stems))
	for _, f := range c.fields {
		alts = append(alts, fieldMatch(f.name, word, fuzzy, f.boost))
	}
	if fuzzy == 0 {
		for _, f := range c.stems {
			alts = append(alts, fieldMatch(f, word, 0, stemBoost))
		}
	}
	return indexer.Or(alts...)
}

func fieldMatch(field, word string, fuzzy int, boost float64) indexer.Query {
	return indexer.Boost(indexer.Match(field, word, fuzzy), boost)
}

func fieldPrefix(field, prefix string, boost float64) indexer.Query {
	return indexer.Boost(indexer.Prefix(field, prefix), boost)
}

func (c compiler) compileTerm(t *query.Term) (indexer.Query, error) {
	switch t.Field {
	case "":
		if t.Prefix {
			alts := make([]indexer.Query, 0, len(c.fields))
			for _, f := range c.fields {
				alts = append(alts, fieldPrefix(f.name, t.Text, f.boost))
			}
			return indexer.Or(alts...), nil
		}
		return c.textMatch(t.Text, t.Fuzzy), nil
	case "title", "author":
		field := indexer.FieldTitle
		if t.Field == "author" {
			field = indexer.FieldAuthors
		}
		if t.Prefix {
			return fieldPrefix(field, t.Text, 1), nil
		}
		return fieldMatch(field, t.Text, t.Fuzzy, 1), nil
	default:
		return tagQuery(t.Field, t.Text, t.Prefix)
	}
}

func (c compiler) compilePhrase(p *query.Phrase) (indexer.Query, error) {
	switch p.Field {
	case "":
		alts := make([]indexer.Query, 0, 3)
		for _, f := range c.fields {
			if f.name == indexer.FieldAuthors {
				continue
			}
			alts = append(alts, indexer.Boost(indexer.Phrase(f.name, p.Text), f.boost))
		}
		return indexer.Or(alts...), nil
	case "title", "author":
		field := indexer.FieldTitle
		if p.Field == "author" {
			field = indexer.FieldAuthors
		}
		return indexer.Phrase(field, p.Text), nil
	default:
		return tagQuery(p.Field, p.Text, false)
	}
}

// tagQuery matches a whole tag value (type, lang, topic, publisher).
func tagQuery(field, value string, prefix bool) (indexer.Query, error) {
	facet, v, err := tagValue(field, value)
	if err != nil {
		return nil, err
	}
	name := Facets[facet].field
	if prefix {
		return fieldPrefix(name, v, 1), nil
	}
	return indexer.Term(name, v), nil
}

// tagValue is the facet a field name of the query searches and the value as the
// index has it.
func tagValue(field, value string) (int, string, error) {
	facet, ok := tagFacet(field)
	if !ok {
		return 0, "", fmt.Errorf("unknown field %q", field)
	}
	value = strings.TrimSpace(value)
	if facet == facetLang {
		if code, ok := query.LangCode(value); ok {
			value = code
		}
	}
	if facet == facetType {
		// A type's key, or any of its names ("Policy brief", "посібник"), or a
		// kind of web page's label ("Web page", "Подія").
		if key, ok := vocab.NameOf(value); ok {
			value = key
		} else if key, ok := vocab.PageKindOf(value); ok {
			value = key
		} else {
			value = strings.ReplaceAll(strings.ReplaceAll(value, "_", "-"), " ", "-")
		}
	}
	return facet, value, nil
}

// pagesOnly reports whether every record n matches is a page record: whether each
// match needs a field that only pages have (the text fields and the year range).
// Only then can a search leave out the kind=page filter, which costs more than
// the rest of a one-word search: a conjunction with a term every page has.
func pagesOnly(n query.Node) bool {
	switch n := n.(type) {
	case *query.Term:
		return searchesText(n.Field)
	case *query.Phrase:
		return searchesText(n.Field)
	case *query.Range:
		return true // the year is indexed on pages only
	case *query.Or:
		for _, alt := range n.Nodes {
			if !pagesOnly(alt) {
				return false
			}
		}
		return len(n.Nodes) > 0
	case *query.Group:
		var should []query.Node
		hasMust, restrictOnly := false, true
		for _, cl := range n.Clauses {
			switch cl.Occur {
			case query.Must:
				if pagesOnly(cl.Node) {
					return true
				}
				hasMust = true
				restrictOnly = restrictOnly && isRestriction(cl.Node)
			case query.MustNot:
			default:
				should = append(should, cl.Node)
			}
		}
		if hasMust && !restrictOnly {
			return false // the required clauses may match other records, the rest is optional
		}
		// Restrictions keep the words required (compileGroup).
		return len(should) > 0 && pagesOnly(&query.Or{Nodes: should})
	}
	return false
}

// pageQuery is the query over page records for node, compiled as uq, restricted by
// the further queries more.
func pageQuery(node query.Node, uq indexer.Query, more ...indexer.Query) indexer.Query {
	qs := []indexer.Query{uq}
	if !pagesOnly(node) {
		qs = append(qs, indexer.Filter(indexer.FieldKind, indexer.KindPage))
	}
	if qs = append(qs, more...); len(qs) == 1 {
		return uq
	}
	return indexer.And(qs...)
}

// plainWord returns the word of an optional clause that is a plain word (no field,
// no fuzziness, no prefix).
func plainWord(cl query.Clause) (string, bool) {
	if t, ok := cl.Node.(*query.Term); ok && cl.Occur == query.Should && t.Field == "" && t.Fuzzy == 0 && !t.Prefix {
		return t.Text, true
	}
	return "", false
}

// stopAnalyzers are the stemmed fields' analyzers by language, which drop stop
// words: stopWord asks them, so that queries and the index agree on what a stop
// word is.
var stopAnalyzers = sync.OnceValue(func() map[string]indexer.Analyzer {
	out := map[string]indexer.Analyzer{}
	for lang, name := range analyzerOf {
		// The mapping the index opens with: without it, no index either.
		if a, err := indexer.AnalyzerNamed(name); err == nil {
			out[lang] = a
		}
	}
	return out
})

// stopWord reports whether word is a stop word of lang (of any of the index's
// languages when lang is "").
func stopWord(lang, word string) bool {
	for l, a := range stopAnalyzers() {
		if (lang == "" || l == lang) && len(a.Terms(word)) == 0 {
			return true
		}
	}
	return false
}
