package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// facetTable holds every document's facet values, analysed as the index's tag
// fields are, read once per index generation. Counting the matching documents'
// values in memory costs microseconds per thousand documents, where asking the index
// to facet a query over thousands of document IDs visited each of their records.
type facetTable struct {
	mu   sync.Mutex
	ix   *indexer.Index
	gen  uint64
	rows map[string]*facetRow // by document ID; nil until first read
}

// facetRow is one document's values, one slice per name of FacetNames.
type facetRow [5][]string

// facetBatch is how many documents are read from the index per request.
const facetBatch = 2000

// table returns the facet values of every document at the index's current
// generation, reading them when it has changed.
func (t *facetTable) table(ctx context.Context) (map[string]*facetRow, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	gen := t.ix.Generation()
	if t.rows != nil && t.gen == gen {
		return t.rows, nil
	}
	tag := t.ix.Bleve().Mapping().AnalyzerNamed(indexer.AnalyzerTag)
	if tag == nil {
		return nil, fmt.Errorf("facets: no analyzer %s in the index mapping", indexer.AnalyzerTag)
	}
	norm := func(vals ...string) []string {
		var out []string
		for _, v := range vals {
			for _, tok := range tag.Analyze([]byte(v)) {
				if term := string(tok.Term); !slices.Contains(out, term) {
					out = append(out, term)
				}
			}
		}
		return out
	}
	ids, err := t.ix.DocumentIDs()
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	rows := make(map[string]*facetRow, len(ids))
	for from := 0; from < len(ids); from += facetBatch {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		docs, err := t.ix.GetMany(ids[from:min(len(ids), from+facetBatch)])
		if err != nil {
			return nil, fmt.Errorf("facets: %w", err)
		}
		for id, d := range docs {
			r := &facetRow{norm(d.Lang), norm(d.Type), nil, norm(d.Topics...), norm(d.Publisher)}
			if d.Year != 0 {
				r[2] = []string{fmt.Sprint(d.Year)}
			}
			rows[id] = r
		}
	}
	t.rows, t.gen = rows, gen
	return rows, nil
}

// count counts the documents ids by facet value: for each facet the maxFacetValues
// most frequent values (ties in value order), years newest first.
func (t *facetTable) count(ctx context.Context, ids []string) (map[string][]FacetValue, error) {
	out := map[string][]FacetValue{}
	for _, name := range FacetNames {
		out[name] = []FacetValue{}
	}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := t.table(ctx)
	if err != nil {
		return nil, err
	}
	var counts [len(facetRow{})]map[string]int
	for i := range counts {
		counts[i] = map[string]int{}
	}
	for _, id := range ids {
		r := rows[id]
		if r == nil {
			continue // written after the table was read: counted from the next generation
		}
		for i, vals := range r {
			for _, v := range vals {
				counts[i][v]++
			}
		}
	}
	for i, name := range FacetNames {
		vals := make([]FacetValue, 0, len(counts[i]))
		for v, n := range counts[i] {
			vals = append(vals, FacetValue{Value: v, Count: n})
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
