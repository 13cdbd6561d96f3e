package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// restrictions are the conditions a search checks while ranking pages
// (indexer.RankOptions) rather than as clauses of the index query, where each would
// be a searcher advanced alongside the words' at every match: the page language,
// and the document's type, topics, publisher and year. They come from the request's
// filters and from the restrictions required in the query (lang:uk, year:2015..2020).
type restrictions struct {
	// langs are the document languages allowed; nil allows any, empty none.
	langs []string
	// tags must all hold.
	tags []tagCond
	// yearFrom and yearTo bound the document's year (0: open); year says there is
	// a bound, and a document without a year is then left out.
	yearFrom, yearTo int
	year             bool
	// removed is RemovedHide or RemovedOnly to leave out, or keep only, documents
	// gone from their publisher's site; "" keeps both.
	removed string
	// queryLang is the language the query's words are written in ("" unknown): no
	// restriction, but documents in other languages rank below (see prior);
	// words are its plain words, which may name a topic (topicsNamed).
	queryLang string
	words     []string
	// balance ranks each language's documents by their share of its best
	// document's score (indexer.RankOptions.Balance): the query was translated.
	balance bool
}

// tagCond holds for a document with one of values (as indexed: lower case) in the
// facet at index facet of facetRow.
type tagCond struct {
	facet  int
	values []string
}

// none reports whether nothing can pass.
func (r restrictions) none() bool {
	return r.langs != nil && len(r.langs) == 0 || r.year && r.yearFrom != 0 && r.yearTo != 0 && r.yearFrom > r.yearTo
}

// and returns the restrictions of both r and o.
func (r restrictions) and(o restrictions) restrictions {
	out := restrictions{langs: r.langs, tags: append(slices.Clip(r.tags), o.tags...), year: r.year || o.year,
		yearFrom: max(r.yearFrom, o.yearFrom), yearTo: r.yearTo, removed: cmp.Or(r.removed, o.removed), queryLang: cmp.Or(r.queryLang, o.queryLang), words: slices.Concat(r.words, o.words), balance: r.balance || o.balance}
	if o.yearTo != 0 && (out.yearTo == 0 || o.yearTo < out.yearTo) {
		out.yearTo = o.yearTo
	}
	if o.langs != nil {
		if out.langs == nil {
			out.langs = o.langs
		} else {
			// Never nil: an empty list allows no language.
			out.langs = slices.DeleteFunc(slices.Clone(out.langs), func(l string) bool { return !slices.Contains(o.langs, l) })
		}
	}
	return out
}

// liftRestrictions takes the required restrictions (lang:, type:, topic:,
// publisher: values and year ranges) out of a query's top group. It returns the
// query without them and the restrictions; a query that would have nothing left to
// search for is returned whole, with none.
func liftRestrictions(n query.Node) (query.Node, restrictions) {
	g, ok := n.(*query.Group)
	if !ok {
		return n, restrictions{}
	}
	var rs restrictions
	var kept []query.Clause
	for _, cl := range g.Clauses {
		if cl.Occur == query.Must {
			if r, ok := restriction(cl.Node); ok {
				rs = rs.and(r)
				continue
			}
		}
		kept = append(kept, cl)
	}
	positive := 0
	for _, cl := range kept {
		if cl.Occur != query.MustNot {
			positive++
		}
	}
	switch {
	case len(kept) == len(g.Clauses) || positive == 0:
		return n, restrictions{}
	case len(kept) == 1:
		return kept[0].Node, rs
	}
	return &query.Group{Clauses: kept}, rs
}

// restriction is the restriction a required query clause makes, if it is one.
func restriction(n query.Node) (restrictions, bool) {
	var field, value string
	switch n := n.(type) {
	case *query.Range:
		return restrictions{year: true, yearFrom: n.From, yearTo: n.To}, true
	case *query.Term:
		if n.Prefix {
			return restrictions{}, false
		}
		field, value = n.Field, n.Text
	case *query.Phrase:
		field, value = n.Field, n.Text
	default:
		return restrictions{}, false
	}
	facet, v, err := tagValue(field, value)
	if err != nil {
		return restrictions{}, false
	}
	if facet == facetLang {
		return restrictions{langs: []string{v}}, true
	}
	return restrictions{tags: []tagCond{{facet, []string{v}}}}, true
}

// filterRestrictions turns a request's filters into restrictions, or says what is
// wrong with them.
func filterRestrictions(f Filters) (restrictions, error) {
	var rs restrictions
	for facet, fc := range Facets {
		if fc.Chosen == nil || len(*fc.Chosen(&f)) == 0 {
			continue
		}
		var vals []string
		for _, v := range *fc.Chosen(&f) {
			v = strings.ToLower(strings.TrimSpace(v))
			if v == "" {
				return rs, InvalidRequest("empty-filter", fc.Name)
			}
			if facet == facetLang {
				if _, ok := query.LangCode(v); !ok {
					return rs, InvalidRequest("language", v)
				}
			}
			_, v, _ = tagValue(fc.Name, v) // the same reading as a query's lang: and type:
			vals = append(vals, strings.ToLower(v))
		}
		if facet == facetLang {
			rs = rs.and(restrictions{langs: vals})
		} else {
			rs.tags = append(rs.tags, tagCond{facet, vals})
		}
	}
	switch f.Removed {
	case "", RemovedHide, RemovedOnly:
		rs.removed = f.Removed
	default:
		return rs, InvalidRequest("removed", f.Removed)
	}
	if f.YearFrom != 0 || f.YearTo != 0 {
		if f.YearFrom != 0 && f.YearTo != 0 && f.YearFrom > f.YearTo {
			return rs, InvalidRequest("year-order", f.YearFrom, f.YearTo)
		}
		rs = rs.and(restrictions{year: true, yearFrom: f.YearFrom, yearTo: f.YearTo})
	}
	return rs, nil
}

// rankOptions are the options ranking needs for rs, k best pages per document, and
// the documents ranked from to to.
func (s *Searcher) rankOptions(ctx context.Context, rs restrictions, k, from, to int) (indexer.RankOptions, error) {
	// Languages are the documents' (as the language facet counts them), not their
	// pages': a Ukrainian report with an English summary page is a Ukrainian
	// document, found by the summary too.
	o := indexer.RankOptions{K: k, From: from, To: to, Evidence: evidenceWeight}
	if rs.none() {
		o.Allow = func(indexer.DocRef) bool { return false }
		return o, nil
	}
	tab, err := s.facetTab.table(ctx)
	if err != nil {
		return o, err
	}
	if len(rs.tags) > 0 || rs.year || rs.removed != "" || rs.langs != nil {
		o.Allow = func(d indexer.DocRef) bool { return tab.allowsAt(d, rs) }
		o.AllowKey = allowKey{gen: tab.gen, tags: fmt.Sprint(rs.tags), yearFrom: rs.yearFrom, yearTo: rs.yearTo, year: rs.year, removed: rs.removed,
			langs: fmt.Sprint(rs.langs)}
	}
	rq := tab.queryOf(rs)
	o.Weight = tab.weigher(rq)
	if rs.balance && rs.queryLang != "" {
		o.BalancePower, o.BalanceFloor = balancePower, balanceFloor
		o.Balance = func(d indexer.DocRef) (string, float64) {
			if lang := tab.langAt(d); lang != rs.queryLang {
				return lang, otherLangWeight
			}
			return rs.queryLang, 1
		}
	}
	o.Feedback = func(top []indexer.RankedDoc) func(indexer.DocRef, float64) float64 {
		return tab.feedback(top, rq.topics)
	}
	return o, nil
}

// allowKey names what a ranking's Allow allows (indexer.RankOptions.AllowKey):
// the tag and year restrictions, on the facet table of one index generation.
type allowKey struct {
	gen              uint64
	tags, langs      string
	yearFrom, yearTo int
	year             bool
	removed          string
}

// allowsAt is allows for document d, read from the table's flat copy (the
// ranking asks it for every document).
func (t *facetValues) allowsAt(d indexer.DocRef, rs restrictions) bool {
	if d.Ord < 0 || int(d.Ord) >= len(t.flat) {
		return t.allows(t.at(d), rs)
	}
	f := &t.flat[d.Ord]
	return t.passes(rs, f.known, f.removed, f.year, func(facet int) []int32 { return t.flatValues[f.at[facet]:f.at[facet+1]] })
}

// allows reports whether a document (d) passes the tag and year restrictions of
// rs. A document written after the table was read passes none: it is counted from
// the next generation on.
func (t *facetValues) allows(d docFacts, rs restrictions) bool {
	year := noYear
	if d.row != nil && len(d.row[facetYear]) > 0 {
		year = t.years[d.row[facetYear][0]]
	}
	return t.passes(rs, d.row != nil, d.removed, year, func(facet int) []int32 { return d.row[facet] })
}

// passes is the rule of allows, for a document the table knows or not, removed or
// not, of a year (noYear: none, or not a number) and with these values of each
// facet.
func (t *facetValues) passes(rs restrictions, known, removed bool, year int, values func(facet int) []int32) bool {
	if !known {
		return false
	}
	if rs.langs != nil && !slices.ContainsFunc(values(facetLang), func(v int32) bool { return slices.Contains(rs.langs, t.values[facetLang][v]) }) {
		return false
	}
	for _, c := range rs.tags {
		if !slices.ContainsFunc(values(c.facet), func(v int32) bool { return slices.Contains(c.values, t.values[c.facet][v]) }) {
			return false
		}
	}
	switch {
	case rs.removed != "" && removed != (rs.removed == RemovedOnly):
		return false
	case rs.year:
		return year != noYear && (rs.yearFrom == 0 || year >= rs.yearFrom) && (rs.yearTo == 0 || year <= rs.yearTo)
	}
	return true
}

// queryOf is what the priors know of the query of rs: its language, unless
// the languages are balanced (then the language's weight is part of the balance),
// the topics it names, and whether it asks for a report or a periodical.
func (t *facetValues) queryOf(rs restrictions) rankQuery {
	q := rankQuery{lang: rs.queryLang, topics: t.topicsNamed(rs.words), periodical: asksPeriodical(rs.words)}
	if rs.balance {
		q.lang = ""
	}
	return q
}
