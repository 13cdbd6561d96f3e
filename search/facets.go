package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unique"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer"
)

// facetTable holds every document's facet values, analysed as the index's tag
// fields are, read once per index generation. Counting the matching documents'
// values in memory costs microseconds per thousand documents, where asking the index
// to facet a query over thousands of document IDs visited each of their records.
type facetTable struct {
	mu  sync.Mutex
	ix  *indexer.Index
	gen uint64
	tab *facetValues // nil until first read
}

// facetValues is the table at one generation: each facet's distinct values, and
// each document's values as indexes into them.
type facetValues struct {
	// gen is the index generation the table is of.
	gen    uint64
	values [len(facetRow{})][]string
	// labels holds, for each value, how often each original form was written
	// ("Anti-corruption", "anti-corruption"): the commonest is shown.
	labels [len(facetRow{})][]map[string]int
	rows   map[string]*facetRow // by document ID
	// byOrd is what the table knows of each document by its ordinal (indexer.DocRef),
	// for the ranking's per-document questions: a slice read, not a map's.
	byOrd []docFacts
	// flat is what the ranking asks of each document, by its ordinal (weigher,
	// topicsAt, langAt, allowsAt, count), with flatValues the facet values it
	// points into.
	flat       []flatDoc
	flatValues []int32
	// typePrior is the prior each type value brings (typePriorOf), by value, and
	// years each year value as a number (noYear: not one).
	typePrior []Prior
	years     []int
	// removed holds the IDs of documents gone from their publisher's site, and
	// superseded those of which a newer edition exists; newest is, for those, the
	// ID of the newest edition their record names (Document.Editions' last), when
	// it names one.
	removed, superseded map[string]bool
	newest              map[string]string
	// pages is each document's number of pages, and lengths what its pages add to
	// the text fields' lengths (indexer.Document.Lengths); fieldLengths are the
	// mean lengths the ranking scores with (scoredLengths), nil when no document
	// says its lengths.
	pages        map[string]int32
	lengths      map[string]docLengths
	fieldLengths map[string]float64
	// translations are the IDs of each document's translations; aligned are, for
	// a topic value, the values its documents' translations carry (alignTopics).
	translations map[string][]string
	aligned      map[int32]map[int32]float64
	// pageURLs are the addresses of the pages and events (indexer.TypePage,
	// indexer.TypeEvent), referrers the pages linking each other document
	// (indexer.Document.Referrers), each address held once however many
	// documents name it (a listing names dozens), and announcers, for such a
	// document, the pages and events among them that link few documents
	// (findAnnouncers).
	pageURLs   map[string]unique.Handle[string]
	referrers  map[string][]unique.Handle[string]
	announcers map[string][]string
	// topicStems are each topic value's words as each language's analyzer makes
	// them, each word's stems apart (topicsNamed), by language.
	topicStems map[string][][][]string
	// index finds a value's index in values (used only by the table's next update,
	// under facetTable.mu); tag is the tag fields' analyzer.
	index [len(facetRow{})]map[string]int32
	tag   indexer.Analyzer
}

// noYear stands for a year value that is not a number (facetValues.years).
const noYear = math.MinInt

// docFacts is what the table knows of one document: its row (nil: a document
// written after the table was read) and whether it is removed or superseded.
type docFacts struct {
	row                 *facetRow
	removed, superseded bool
}

// of is what the table knows of document id.
func (t *facetValues) of(id string) docFacts {
	return docFacts{row: t.rows[id], removed: t.removed[id], superseded: t.superseded[id]}
}

// at is what the table knows of document d, found by its ordinal (by its ID when
// the ordinal is -1: unknown).
func (t *facetValues) at(d indexer.DocRef) docFacts {
	switch {
	case d.Ord < 0:
		return t.of(d.ID)
	case int(d.Ord) < len(t.byOrd):
		return t.byOrd[d.Ord]
	}
	return docFacts{} // written after the table was read
}

// facetRow is one document's values (indexes into facetValues.values), one slice
// per facet of Facets.
type facetRow [len(Facets)][]int32

// facetBatch is how many documents are read from the index per request (a
// variable for tests).
var facetBatch = 2000

// table returns the facet values of every document at the index's current
// generation: after a write, it reads again only the documents the write touched
// (indexer.Index.ChangedSince), or all of them when the index no longer remembers.
// A table handed out is never changed: an update makes a new one.
func (t *facetTable) table(ctx context.Context) (*facetValues, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	gen := t.ix.Generation()
	if t.tab != nil && t.gen == gen {
		return t.tab, nil
	}
	tag, err := t.ix.Analyzer(indexer.AnalyzerTag)
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	tab := &facetValues{tag: tag}
	ids, err := []string(nil), error(nil)
	changed, now, incremental := t.ix.ChangedSince(t.gen)
	incremental = incremental && t.tab != nil
	if incremental {
		*tab = *t.tab
		tab.rows = maps.Clone(t.tab.rows)
		tab.removed, tab.superseded, tab.newest = maps.Clone(t.tab.removed), maps.Clone(t.tab.superseded), maps.Clone(t.tab.newest)
		tab.translations = maps.Clone(t.tab.translations)
		tab.pageURLs, tab.referrers = maps.Clone(t.tab.pageURLs), maps.Clone(t.tab.referrers)
		tab.pages, tab.lengths = maps.Clone(t.tab.pages), maps.Clone(t.tab.lengths)
		for i := range tab.labels {
			tab.labels[i] = slices.Clone(tab.labels[i])
		}
		ids, gen = changed, now
	} else {
		if ids, err = t.ix.DocumentIDs(); err != nil {
			return nil, fmt.Errorf("facets: %w", err)
		}
		tab.rows = make(map[string]*facetRow, len(ids))
		tab.removed, tab.superseded, tab.newest = map[string]bool{}, map[string]bool{}, map[string]string{}
		tab.translations = map[string][]string{}
		tab.pageURLs, tab.referrers = map[string]unique.Handle[string]{}, map[string][]unique.Handle[string]{}
		tab.pages, tab.lengths = make(map[string]int32, len(ids)), make(map[string]docLengths, len(ids))
		for i := range tab.index {
			tab.index[i] = map[string]int32{}
		}
	}
	// The batches are read on the cores searches leave idle, a round of them at a
	// time, and put in the table in order.
	batches := (len(ids) + facetBatch - 1) / facetBatch
	parts := idleParts(batches, 1)
	for round := 0; round < batches; round += parts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n := min(parts, batches-round)
		read := make([]map[string]*indexer.Document, n)
		errs := make([]error, n)
		inParts(n, func(i int) {
			from := (round + i) * facetBatch
			if read[i], errs[i] = t.ix.GetMany(ids[from:min(len(ids), from+facetBatch)]); errs[i] != nil || incremental {
				return
			}
			// Reading every stored document maps in most of the index files'
			// pages, as the documents lie between their pages' text, and the
			// searches will not read most of them again: they leave this
			// process's memory after each batch, so that it never holds them all.
			errs[i] = t.ix.ReleaseMapped()
		})
		if err := errors.Join(errs...); err != nil {
			return nil, fmt.Errorf("facets: %w", err)
		}
		for i, docs := range read {
			from := (round + i) * facetBatch
			for _, id := range ids[from:min(len(ids), from+facetBatch)] {
				if d := docs[id]; d != nil {
					tab.put(d)
				} else {
					delete(tab.rows, id) // deleted
					delete(tab.removed, id)
					delete(tab.superseded, id)
					delete(tab.newest, id)
					delete(tab.translations, id)
					delete(tab.pageURLs, id)
					delete(tab.referrers, id)
					delete(tab.pages, id)
					delete(tab.lengths, id)
				}
			}
		}
	}
	all := slices.Collect(maps.Keys(tab.rows))
	ords := t.ix.DocOrdinals(all)
	n := 0
	for _, o := range ords {
		n = max(n, int(o)+1)
	}
	tab.typePrior = make([]Prior, len(tab.values[facetType]))
	for v, val := range tab.values[facetType] {
		tab.typePrior[v] = typePriorOf(val)
	}
	tab.years = make([]int, len(tab.values[facetYear]))
	for v, val := range tab.values[facetYear] {
		y, err := strconv.Atoi(val)
		if err != nil {
			y = noYear
		}
		tab.years[v] = y
	}
	tab.byOrd = make([]docFacts, n)
	for i, id := range all {
		tab.byOrd[ords[i]] = tab.of(id)
	}
	tab.flatten()
	tab.fieldLengths = scoredLengths(tab.lengths)
	tab.aligned = tab.alignTopics()
	tab.announcers = tab.findAnnouncers()
	tab.topicStems = map[string][][][]string{}
	for lang, a := range stopAnalyzers() {
		st := make([][][]string, len(tab.values[facetTopic]))
		for v, label := range tab.values[facetTopic] {
			st[v] = a.Positions(label)
		}
		tab.topicStems[lang] = st
	}
	tab.gen = gen
	t.tab, t.gen = tab, gen
	return tab, nil
}

// alignTopics finds, for each topic value, the topic values the translations of
// the documents that have it carry in their own language, and how often (the
// share of those translations): "Anti-corruption" on an English document and
// "Антикорупція" on its Ukrainian translation. Publishers label topics in each
// language; this tells which labels name the same topic, from the collection's
// own translation links.
func (t *facetValues) alignTopics() map[int32]map[int32]float64 {
	co := map[int32]map[int32]float64{}
	seen := map[int32]float64{}
	for id, trs := range t.translations {
		row := t.rows[id]
		if row == nil {
			continue
		}
		for _, tr := range trs {
			other := t.rows[tr]
			if other == nil || slices.Equal(other[facetLang], row[facetLang]) {
				continue
			}
			for _, v := range row[facetTopic] {
				seen[v]++
				for _, u := range other[facetTopic] {
					if co[v] == nil {
						co[v] = map[int32]float64{}
					}
					co[v][u]++
				}
			}
		}
	}
	for v, us := range co {
		for u := range us {
			us[u] /= seen[v]
		}
	}
	return co
}

// maxAnnounced is how many documents a page or an event links at most to be their
// announcement: a news item presenting a report, an event launching a handbook
// and its translation; not a topic's page listing a section's publications.
const maxAnnounced = 3

// siteWideRefs is how many referring pages make a document one a site links
// from everywhere (a sidebar's "Recent posts"): a page's link to it does not
// count among the documents the page links (findAnnouncers).
const siteWideRefs = 10

// findAnnouncers finds, for each document that is not a page or an event, the
// pages and events linking it that link at most maxAnnounced documents, and
// their translations, by ID. A page's links are counted from the documents'
// referrers (Document.Referrers, the first of them only: a page linking a
// document many pages link may go uncounted there).
func (t *facetValues) findAnnouncers() map[string][]string {
	byURL := make(map[unique.Handle[string]]string, len(t.pageURLs))
	for id, u := range t.pageURLs {
		byURL[u] = id
	}
	links := map[string]int{} // by page: the documents it links
	for _, refs := range t.referrers {
		if len(refs) >= siteWideRefs {
			continue // a document a site's sidebar links from every page ("Recent posts")
		}
		for _, r := range refs {
			if a, ok := byURL[r]; ok {
				links[a]++
			}
		}
	}
	out := map[string][]string{}
	for id, refs := range t.referrers {
		var as []string
		for _, r := range refs {
			if a, ok := byURL[r]; ok && links[a] <= maxAnnounced {
				as = append(as, a)
				// Its translations announce it too, though they link no file
				// (an English news item whose Ukrainian one hands out the PDF).
				for _, tr := range t.translations[a] {
					if _, page := t.pageURLs[tr]; page && links[tr] <= maxAnnounced {
						as = append(as, tr)
					}
				}
			}
		}
		if len(as) > 0 {
			slices.Sort(as)
			out[id] = slices.Compact(as)
		}
	}
	return out
}

// put sets the row of document d.
func (t *facetValues) put(d *indexer.Document) {
	var year []string
	if d.Year != 0 {
		year = []string{fmt.Sprint(d.Year)}
	}
	setFlag(t.removed, d.ID, !d.Removed.IsZero())
	setFlag(t.superseded, d.ID, d.Superseded)
	delete(t.newest, d.ID)
	if d.Superseded && len(d.Editions) > 0 {
		if e := d.Editions[len(d.Editions)-1]; e.ID != "" { // oldest first
			t.newest[d.ID] = e.ID
		}
	}
	t.pages[d.ID] = int32(d.PageCount)
	setLengths(t.lengths, d.ID, d.Lengths)
	delete(t.translations, d.ID)
	for _, tr := range d.Translations {
		if tr.ID != "" {
			t.translations[d.ID] = append(t.translations[d.ID], tr.ID)
		}
	}
	delete(t.pageURLs, d.ID)
	delete(t.referrers, d.ID)
	switch {
	case d.Type == indexer.TypePage || d.Type == indexer.TypeEvent:
		t.pageURLs[d.ID] = unique.Make(d.URL)
	case len(d.Referrers) > 0:
		refs := make([]unique.Handle[string], len(d.Referrers))
		for i, r := range d.Referrers {
			refs[i] = unique.Make(r)
		}
		t.referrers[d.ID] = refs
	}
	typeLabel := cmp.Or(vocab.Label(d.Type, "en"), d.TypeLabel, d.Type) // a type of the publisher's own: its label
	t.rows[d.ID] = &facetRow{t.internAll(facetLang, d.Lang), t.intern(facetType, typeLabel, t.norm(d.Type)),
		t.internAll(facetYear, year...), t.internAll(facetTopic, d.Topics...), t.internAll(facetPublisher, d.Publisher)}
}

// setLengths records the lengths of document id, or that it has none.
func setLengths(m map[string]docLengths, id string, l indexer.Lengths) {
	if dl, ok := lengthsOf(l); ok {
		m[id] = dl
	} else {
		delete(m, id)
	}
}

// setFlag records whether id has a flag.
func setFlag(m map[string]bool, id string, on bool) {
	if on {
		m[id] = true
	} else {
		delete(m, id)
	}
}

// internAll interns each of vals, analysed as the tag fields are, with the value as
// written (trimmed) as its label: each value once, however often vals name it.
func (t *facetValues) internAll(i int, vals ...string) []int32 {
	var out []int32
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			for _, id := range t.intern(i, v, t.norm(v)) {
				if !slices.Contains(out, id) { // "Accountability" and "accountability": counted once
					out = append(out, id)
				}
			}
		}
	}
	return out
}

// norm analyses values as the index's tag fields are.
func (t *facetValues) norm(vals ...string) []string {
	var out []string
	for _, v := range vals {
		for _, term := range t.tag.Terms(v) {
			if !slices.Contains(out, term) {
				out = append(out, term)
			}
		}
	}
	return out
}

// intern turns facet i's values into indexes into t.values[i], counting label as
// a way of writing each. Values are only appended and label counts copied before
// they change, so older tables sharing the slices still read theirs.
func (t *facetValues) intern(i int, label string, vals []string) []int32 {
	var out []int32
	for _, v := range vals {
		n, ok := t.index[i][v]
		if !ok {
			n = int32(len(t.values[i]))
			t.values[i] = append(t.values[i], v)
			t.labels[i] = append(t.labels[i], map[string]int{})
			t.index[i][v] = n
		}
		// Copied before counting: tables handed out earlier share the maps.
		m := maps.Clone(t.labels[i][n])
		m[strings.TrimSpace(label)]++
		t.labels[i][n] = m
		out = append(out, n)
	}
	return out
}

// label is the commonest way of writing value v of facet i.
func (t *facetValues) label(i int, v int32) string {
	best, n := "", 0
	for l, c := range t.labels[i][v] {
		if c > n || c == n && l < best {
			best, n = l, c
		}
	}
	return best
}

// count counts the documents of a ranking by facet value: for each facet the
// maxFacetValues most frequent values (ties in value order), years newest first.
// docs lists each document once, as a ranking does.
func (t *facetTable) count(ctx context.Context, docs []indexer.DocRef) (map[string][]FacetValue, error) {
	out := map[string][]FacetValue{}
	for _, name := range FacetNames {
		out[name] = []FacetValue{}
	}
	if len(docs) == 0 {
		return out, nil
	}
	tab, err := t.table(ctx)
	if err != nil {
		return nil, err
	}
	var counts [len(facetRow{})][]int
	for i := range counts {
		counts[i] = make([]int, len(tab.values[i]))
	}
	// The documents the flat copy has are marked by ordinal, then counted in
	// ordinal order: a ranking lists them by score, and the flat copy read in its
	// own order rather than at random took a term query's counting at a million
	// pages from 5.9 % of its CPU to 0.9 %.
	in := make([]uint64, (len(tab.flat)+63)/64)
	for _, d := range docs {
		if d.Ord >= 0 && int(d.Ord) < len(tab.flat) {
			in[d.Ord/64] |= 1 << (d.Ord % 64)
			continue
		}
		r := tab.at(d).row
		if r == nil {
			continue // written after the table was read: counted from the next generation
		}
		for i, vals := range r {
			for _, v := range vals {
				counts[i][v]++
			}
		}
	}
	for w, word := range in {
		for word != 0 {
			f := &tab.flat[w*64+bits.TrailingZeros64(word)]
			word &= word - 1
			if !f.known {
				continue
			}
			for i := range counts {
				for _, v := range tab.flatValues[f.at[i]:f.at[i+1]] {
					counts[i][v]++
				}
			}
		}
	}
	for i, name := range FacetNames {
		vals := []FacetValue{}
		for v, n := range counts[i] {
			if n > 0 {
				vals = append(vals, FacetValue{Value: tab.values[i][v], Label: tab.label(i, int32(v)), Count: n})
			}
		}
		slices.SortFunc(vals, func(a, b FacetValue) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		vals = vals[:min(len(vals), maxFacetValues)]
		if name == "year" {
			slices.SortFunc(vals, func(a, b FacetValue) int { return cmp.Compare(b.Value, a.Value) })
		}
		out[name] = vals
	}
	return out, nil
}

// lang is the language of a document ("" when unknown).
func (t *facetValues) lang(f docFacts) string {
	if row := f.row; row != nil && len(row[facetLang]) > 0 {
		return t.values[facetLang][row[facetLang][0]]
	}
	return ""
}
