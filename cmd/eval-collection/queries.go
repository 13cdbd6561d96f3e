package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/relevance"
)

// A filtered query is a topic query narrowed by one facet value, picked from the
// facets the search answers with as a user would pick it (by its label). The rules,
// written before tuning:
//   - the query is a topic's label in one language; the filter is a type, a
//     publisher, a five-year range or a language that some documents on the topic
//     have;
//   - a document passing the filter (by its true metadata; a type label stands for
//     its canonical type, as the facet unites a type's labels across sites and
//     languages) is graded by how much it
//     is about the topic and whether it is in the query's language: 3 when the
//     topic is its focus (first) and it is in the query's language, 2 when the
//     topic is one of its others, or its focus in another language, 1 when it is
//     one of its others in another language; an omnibus (annual report,
//     newsletter, which touches every topic) in the query's language, the topic's
//     explainer page and an event on the topic grade 1;
//   - queries are made for every (topic, facet value) pair with at least two
//     documents of grade 2 or more in one crawl group, then one in three is kept by
//     a hash of its name;
//   - a query belongs to the held part when most of its relevant documents are held.
type filteredQuery struct {
	id, group, lang, query string
	facet, label           string // the facet and the value's label to pick
	yearFrom, yearTo       int
	relevant               map[string]int // truth key → grade
	held                   bool
}

// filteredQueries derives the filtered queries from the truth.
func filteredQueries(truth evalgen.Truth, topics map[string]evalgen.Topic) []filteredQuery {
	group := map[string]string{}
	for _, s := range truth.Sites {
		group[s.Name] = s.Group
	}
	type key struct{ group, lang, topic, facet, label string }
	// The candidate queries: a topic in a language, filtered by a value that a
	// document on the topic in that language has.
	cands := map[key]*filteredQuery{}
	for _, d := range truth.Docs {
		g := group[d.Site]
		for _, t := range d.Topics {
			for _, f := range [][2]string{{"type", d.TypeLabel}, {"publisher", d.Publisher}, {"year", fmt.Sprint(d.Year / 5 * 5)}, {"lang", d.Lang}} {
				k := key{g, d.Lang, t, f[0], f[1]}
				if cands[k] == nil {
					cands[k] = &filteredQuery{group: g, lang: d.Lang, facet: f[0], label: f[1], relevant: map[string]int{}, query: topics[t].Label(d.Lang)}
				}
			}
		}
	}
	passes := func(k key, typ, publisher, lang string, year int) bool {
		switch k.facet {
		case "type":
			return typeLabelOf(typ, k.label)
		case "publisher":
			return fold(publisher) == fold(k.label)
		case "lang":
			return lang == k.label
		case "year":
			var from int
			fmt.Sscan(k.label, &from)
			return year >= from && year <= from+4
		}
		return false
	}
	var out []filteredQuery
	for k, q := range cands {
		strong := 0
		for _, d := range truth.Docs {
			if group[d.Site] != k.group || !passes(k, d.Type, d.Publisher, d.Lang, d.Year) {
				continue
			}
			grade := 0
			switch i := slices.Index(d.Topics, k.topic); {
			case i == 0 && d.Lang == k.lang:
				grade = 3
			case i > 0 && d.Lang == k.lang, i == 0:
				grade = 2
			case i > 0, d.Omnibus && d.Lang == k.lang:
				grade = 1
			}
			if grade > 0 {
				q.relevant[evalgen.NormalKey(d.Key)] = grade
			}
			if grade >= 2 {
				strong++
			}
		}
		if k.facet == "lang" {
			for _, p := range truth.Pages {
				if group[strings.Split(p.Key, "/")[0]] == k.group && p.Lang == k.lang && slices.Contains(p.Topics, k.topic) && p.Kind != "about" {
					q.relevant[evalgen.NormalKey(p.Key)] = 1
				}
			}
		}
		if strong < 2 || q.query == "" {
			continue
		}
		if k.facet == "year" {
			fmt.Sscan(k.label, &q.yearFrom)
			q.yearTo = q.yearFrom + 4
		}
		q.id = fmt.Sprintf("%s/%s/%s/%s=%s", k.group, k.lang, k.topic, k.facet, k.label)
		held := 0
		for key := range q.relevant {
			if heldKey(normalKeys(truth), key) {
				held++
			}
		}
		q.held = held*2 > len(q.relevant)
		out = append(out, *q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	// Keep about one in three, by a hash of the id: enough queries, every facet.
	var kept []filteredQuery
	for _, q := range out {
		h := fnv.New32a()
		h.Write([]byte(q.id))
		if h.Sum32()%3 == 0 {
			kept = append(kept, q)
		}
	}
	return kept
}

func heldKey(truth evalgen.Truth, key string) bool {
	for _, d := range truth.Docs {
		if d.Key == key {
			return d.Held
		}
	}
	return false
}

// queryScores are the outcomes of the filtered and known-item queries.
type queryScores struct {
	filtered map[string][]float64 // part → nDCG@10
	missing  map[string]int       // part → queries whose filter value the facets lacked
	known    map[string][]float64 // part → reciprocal rank of failed-PDF publications by title
	fails    []string
}

// runQueries runs the filtered queries and the known-item queries of the
// publications whose PDF could not be read, against each group's searcher.
func runQueries(ctx context.Context, truth evalgen.Truth, qs []filteredQuery, searchers map[string]*search.Searcher, srv *evalgen.Servers) (*queryScores, error) {
	truth = normalKeys(truth)
	sc := &queryScores{filtered: map[string][]float64{}, missing: map[string]int{}, known: map[string][]float64{}}
	part := func(held bool) string {
		if held {
			return "held"
		}
		return "dev"
	}
	for _, q := range qs {
		s := searchers[q.group]
		if s == nil {
			return nil, fmt.Errorf("%s: group %s not searched", q.id, q.group)
		}
		req := search.Request{Query: q.query, Page: 1, Size: 10, PagesPerDoc: 1, XLang: true, Facets: true}
		f, err := pick(ctx, s, req, q)
		if err != nil {
			return nil, err
		}
		if f == nil {
			sc.missing[part(q.held)]++
			sc.filtered[part(q.held)] = append(sc.filtered[part(q.held)], 0)
			sc.fails = append(sc.fails, fmt.Sprintf("%s: no facet value labelled %q", q.id, q.label))
			continue
		}
		req.Filters, req.Facets = *f, false
		res, err := s.Search(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q.id, err)
		}
		var ranked []string
		for _, h := range res.Hits {
			ranked = append(ranked, srv.Key(h.Doc.SourceURL))
		}
		n := relevance.NDCG(ranked, q.relevant, 10)
		sc.filtered[part(q.held)] = append(sc.filtered[part(q.held)], n)
		if n < 0.9 {
			grades := make([]string, len(ranked))
			for i, k := range ranked {
				grades[i] = fmt.Sprint(q.relevant[k])
			}
			var missed []string // the strong documents not among the first ten
			for _, k := range slices.Sorted(maps.Keys(q.relevant)) {
				if q.relevant[k] >= 2 && !slices.Contains(ranked[:min(10, len(ranked))], k) {
					missed = append(missed, fmt.Sprintf("%s (%d)", k, q.relevant[k]))
				}
			}
			sc.fails = append(sc.fails, fmt.Sprintf("%s (%s): nDCG %.2f %q grades [%s] → %s; missed %s", q.id, part(q.held), n, q.query, strings.Join(grades, " "), strings.Join(ranked[:min(5, len(ranked))], ", "), strings.Join(missed, ", ")))
		}
	}
	group := map[string]string{}
	for _, s := range truth.Sites {
		group[s.Name] = s.Group
	}
	for _, d := range truth.Docs {
		s := searchers[group[d.Site]]
		if d.PDFStatus == "ok" || d.PDFStatus == "owner-locked" || s == nil { // a test crawls some groups only
			continue
		}
		res, err := s.Search(ctx, search.Request{Query: d.Title, Page: 1, Size: 20, PagesPerDoc: 1, XLang: true})
		if err != nil {
			return nil, err
		}
		// A superseded edition's title finds the current edition first, which lists
		// it among its editions: that counts as finding it.
		rr := 0.0
		for i, h := range res.Hits {
			if k := srv.Key(h.Doc.SourceURL); k == d.Key || slices.Contains(d.LaterEditions, k) {
				rr = 1 / float64(i+1)
				break
			}
		}
		sc.known[part(d.Held)] = append(sc.known[part(d.Held)], rr)
		if rr < 1 {
			sc.fails = append(sc.fails, fmt.Sprintf("known item %s (%s PDF): reciprocal rank %.2f", d.Key, d.PDFStatus, rr))
		}
	}
	return sc, nil
}

// pick finds the filter a user would apply: the facet value whose label is the
// truth's (a year range stands as typed).
func pick(ctx context.Context, s *search.Searcher, req search.Request, q filteredQuery) (*search.Filters, error) {
	if q.facet == "year" {
		return &search.Filters{YearFrom: q.yearFrom, YearTo: q.yearTo}, nil
	}
	res, err := s.Search(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", q.id, err)
	}
	for _, v := range res.Facets[q.facet] {
		label := v.Label
		if q.facet == "lang" {
			label = v.Value
		}
		if fold(label) != fold(q.label) && !(q.facet == "type" && typeLabelOf(v.Value, q.label)) {
			continue
		}
		f := search.Filters{}
		switch q.facet {
		case "type":
			f.Type = []string{v.Value}
		case "publisher":
			f.Publisher = []string{v.Value}
		case "lang":
			f.Lang = []string{v.Value}
		}
		return &f, nil
	}
	return nil, nil
}

// typeLabelOf reports whether a type facet's value is the type a publisher's label
// names, shown in another interface language or under its canonical label.
func typeLabelOf(value, label string) bool {
	for _, t := range evalgen.TypeLabels[value] {
		if slices.ContainsFunc(t, func(l string) bool { return fold(l) == fold(label) }) {
			return true
		}
	}
	return false
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func (sc *queryScores) print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "\nQueries\n\n| part | filtered queries | nDCG@10 | filter value missing from the facets | failed-PDF publications | MRR by exact title |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, p := range []string{"dev", "held"} {
		fmt.Fprintf(w, "| %s | %d | %.3f | %d | %d | %.3f |\n", p, len(sc.filtered[p]), mean(sc.filtered[p]), sc.missing[p], len(sc.known[p]), mean(sc.known[p]))
	}
	if verbose {
		for _, f := range sc.fails {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
}
