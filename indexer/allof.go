package indexer

import (
	"context"
	"math"
	"reflect"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// AllOf matches the records that all of qs match, scored as And(qs...) scores
// them. Among the clauses of an Or (or of a Bool's should clauses) that holds
// each of qs as a clause of its own, it reads no postings: it matches where
// those clauses all match, with their scores, and the Or scores as it would with
// And(qs...) in its place. "Pages with all of the words" as a clause beside each
// word then costs a comparison, not a second reading of every word's postings.
// Elsewhere it is And(qs...).
func AllOf(qs ...Query) Query {
	return bleveQuery{&allOfQuery{ConjunctionQuery: query.NewConjunctionQuery(bleveQueries(qs))}}
}

// allOfQuery is AllOf's Bleve query: a conjunction, which disjunction reads from
// its siblings.
type allOfQuery struct{ *query.ConjunctionQuery }

func isAllOf(q query.Query) bool { _, ok := q.(*allOfQuery); return ok }

// orQuery is Or's Bleve query when one of its clauses is an AllOf, or when it
// has more clauses than Bleve reads without a heap: a Bleve disjunction with a
// searcher of our own (disjunction, heapOrSearcher).
type orQuery struct {
	disjuncts []query.Query
	min       int
	boost     float64
}

func (q *orQuery) SetBoost(b float64) { q.boost = b }
func (q *orQuery) Boost() float64     { return q.boost }

func (q *orQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	return disjunction(ctx, r, m, opts, q.disjuncts, q.min)
}

// disjunction is the searcher of Bleve's disjunction of qs (at least min of them),
// scoring as Bleve's does, with any AllOf among qs whose parts are all among qs
// read from them (allOfSearcher).
func disjunction(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions, qs []query.Query, min int) (search.Searcher, error) {
	at := -1 // the AllOf read from its siblings
	var parts []int
	for i, q := range qs {
		a, ok := q.(*allOfQuery)
		if !ok || at >= 0 {
			continue
		}
		parts = parts[:0]
		for _, c := range a.Conjuncts {
			if j := clauseOf(qs, c); j >= 0 && !isAllOf(c) {
				parts = append(parts, j)
			}
		}
		if len(parts) == len(a.Conjuncts) && len(parts) > 0 {
			at = i
		}
	}
	bleveOr := func() (search.Searcher, error) { return manyOr(ctx, r, m, opts, qs, min) }
	if at < 0 || len(qs) > searcher.DisjunctionHeapTakeover || opts.Score == "none" {
		// Bleve's disjunction, or ours of many clauses (manyOr): a disjunction of
		// many clauses is read with a heap, and one scoring nothing reads the
		// postings merged; allOfSearcher does neither.
		return bleveOr()
	}
	all := make([]search.Searcher, len(qs)) // by clause, nil at the AllOf
	closeAll := func() {
		for _, s := range all {
			if s != nil {
				_ = s.Close()
			}
		}
	}
	for i, q := range qs {
		if i == at {
			continue
		}
		s, err := q.Searcher(ctx, r, m, opts)
		if err != nil {
			closeAll()
			return nil, err
		}
		if s == nil { // a clause Bleve's disjunction leaves out
			closeAll()
			return bleveOr()
		}
		all[i] = s
	}
	// The order Bleve's conjunction reads its parts in (by count, its sort), and
	// the order its disjunction reads its clauses in, the AllOf counting as the
	// sum of its parts' counts.
	conj := make(searcher.OrderedSearcherList, len(parts))
	for i, j := range parts {
		conj[i] = all[j]
	}
	sort.Sort(conj)
	placeholder := &countOf{conj}
	sorted := make(searcher.OrderedSearcherList, len(qs))
	for i, s := range all {
		if i == at {
			s = placeholder
		}
		sorted[i] = s
	}
	sort.Sort(sorted)
	s := &allOfSearcher{
		searchers: clauses(sorted),
		virtual:   slices.Index(sorted, search.Searcher(placeholder)),
		currs:     make([]*search.DocumentMatch, len(sorted)),
		matching:  make([]*search.DocumentMatch, 0, len(sorted)),
		idxs:      make([]int, 0, len(sorted)),
		clones:    make([]*search.DocumentMatch, len(conj)),
		scorer:    scorer.NewDisjunctionQueryScorer(opts),
		conj:      scorer.NewConjunctionQueryScorer(opts),
		min:       min,
	}
	for _, p := range conj {
		s.parts = append(s.parts, slices.Index(sorted, p))
	}
	s.SetQueryNorm(1 / math.Sqrt(s.Weight())) // as Bleve's disjunction does (root then sets 1)
	return s, nil
}

// clauseOf is the index of q among qs, the same query (a pointer to it), or -1.
func clauseOf(qs []query.Query, q query.Query) int {
	if reflect.ValueOf(q).Kind() != reflect.Pointer {
		return -1 // no query of ours: a value may not even compare
	}
	return slices.Index(qs, q)
}

// countOf stands for an AllOf's conjunction where the disjunction's clauses are
// ordered: its count is its parts' (as a conjunction counts), its weight theirs.
type countOf struct{ parts []search.Searcher }

func (c *countOf) Count() uint64 {
	var n uint64
	for _, p := range c.parts {
		n += p.Count()
	}
	return n
}

func (c *countOf) Weight() float64 {
	w := 0.0
	for _, p := range c.parts {
		w += p.Weight()
	}
	return w
}

func (c *countOf) Next(*search.SearchContext) (*search.DocumentMatch, error) { return nil, nil }
func (c *countOf) Advance(*search.SearchContext, index.IndexInternalID) (*search.DocumentMatch, error) {
	return nil, nil
}
func (c *countOf) Close() error               { return nil }
func (c *countOf) SetQueryNorm(float64)       {}
func (c *countOf) Min() int                   { return 0 }
func (c *countOf) Size() int                  { return 0 }
func (c *countOf) DocumentMatchPoolSize() int { return 0 }

// allOfSearcher is Bleve's disjunction searcher (DisjunctionSliceSearcher) over
// clauses one of which is an AllOf whose parts are clauses too: that one (virtual)
// has no searcher, and matches where its parts all stand at the record the
// disjunction is at. Its match is scored as Bleve's conjunction scores its parts'
// matches, on copies of them, in the order that conjunction would read them; the
// disjunction then scores its clauses' matches as Bleve's does, in the same
// order. It need not look ahead: the AllOf matches only where all its parts do,
// which are clauses of the disjunction, so it never decides where the
// disjunction goes next.
type allOfSearcher struct {
	searchers clauses // in Bleve's order; a countOf at virtual
	virtual   int
	parts     []int // the AllOf's parts (indexes into searchers), in its conjunction's order
	currs     []*search.DocumentMatch
	matching  []*search.DocumentMatch
	idxs      []int // of matching
	clones    []*search.DocumentMatch
	scorer    *scorer.DisjunctionQueryScorer
	conj      *scorer.ConjunctionQueryScorer
	min       int
	started   bool
}

var allOfSearcherSize = int(reflect.TypeOf(allOfSearcher{}).Size())

func (s *allOfSearcher) start(ctx *search.SearchContext) error {
	for i, c := range s.searchers {
		if i == s.virtual {
			continue
		}
		if s.currs[i] != nil {
			ctx.DocumentMatchPool.Put(s.currs[i])
		}
		var err error
		if s.currs[i], err = c.Next(ctx); err != nil {
			return err
		}
	}
	s.update(ctx)
	s.started = true
	return nil
}

// update finds the clauses standing at the first record any stands at (matching,
// in order), the AllOf among them when its parts all are.
func (s *allOfSearcher) update(ctx *search.SearchContext) {
	if v := s.currs[s.virtual]; v != nil {
		ctx.DocumentMatchPool.Put(v)
		s.currs[s.virtual] = nil
	}
	// Records compared by their numbers: the same order as their IDs' bytes
	// (big-endian), without a call per comparison.
	var first *search.DocumentMatch
	var at uint64
	for i, c := range s.currs {
		if c == nil || i == s.virtual {
			continue
		}
		if n := c.IndexInternalID.Value(); first == nil || n < at {
			first, at = c, n
		}
	}
	s.matching, s.idxs = s.matching[:0], s.idxs[:0]
	if first == nil {
		return
	}
	all := true
	for _, p := range s.parts {
		all = all && s.currs[p] != nil && s.currs[p].IndexInternalID.Value() == at
	}
	if all {
		for i, p := range s.parts {
			s.clones[i] = cloneMatch(ctx, s.currs[p])
		}
		v := s.conj.Score(ctx, s.clones)
		for _, c := range s.clones {
			if c != v {
				ctx.DocumentMatchPool.Put(c)
			}
		}
		s.currs[s.virtual] = v
	}
	for i, c := range s.currs {
		if c != nil && c.IndexInternalID.Value() == at {
			s.matching, s.idxs = append(s.matching, c), append(s.idxs, i)
		}
	}
}

// cloneMatch is a copy of m from the pool, as a searcher of its own would have
// returned it.
func cloneMatch(ctx *search.SearchContext, m *search.DocumentMatch) *search.DocumentMatch {
	c := ctx.DocumentMatchPool.Get()
	c.IndexInternalID = append(c.IndexInternalID[:0], m.IndexInternalID...)
	c.Score, c.Expl = m.Score, m.Expl
	c.FieldTermLocations = append(c.FieldTermLocations[:0], m.FieldTermLocations...)
	return c
}

func (s *allOfSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	var rv *search.DocumentMatch
	for rv == nil && len(s.matching) > 0 {
		if len(s.matching) >= s.min {
			rv = s.scorer.Score(ctx, s.matching, len(s.matching), len(s.searchers))
		}
		for _, i := range s.idxs {
			if s.currs[i] != rv {
				ctx.DocumentMatchPool.Put(s.currs[i])
			}
			s.currs[i] = nil
			if i == s.virtual {
				continue
			}
			var err error
			if s.currs[i], err = s.searchers[i].Next(ctx); err != nil {
				return nil, err
			}
		}
		s.update(ctx)
	}
	return rv, nil
}

func (s *allOfSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	to := id.Value()
	for i, c := range s.searchers {
		if i == s.virtual {
			continue
		}
		if s.currs[i] != nil {
			if s.currs[i].IndexInternalID.Value() >= to {
				continue
			}
			ctx.DocumentMatchPool.Put(s.currs[i])
		}
		var err error
		if s.currs[i], err = c.Advance(ctx, id); err != nil {
			return nil, err
		}
	}
	s.update(ctx)
	return s.Next(ctx)
}

func (s *allOfSearcher) Weight() float64        { return s.searchers.weight() }
func (s *allOfSearcher) SetQueryNorm(n float64) { s.searchers.setQueryNorm(n) }
func (s *allOfSearcher) Count() uint64          { return s.searchers.count() }
func (s *allOfSearcher) Close() error           { return s.searchers.close() }
func (s *allOfSearcher) Min() int               { return s.min }

func (s *allOfSearcher) Size() int {
	return allOfSearcherSize + s.searchers.size()
}

func (s *allOfSearcher) DocumentMatchPoolSize() int {
	return len(s.currs) + len(s.clones) + s.searchers.poolSize()
}
