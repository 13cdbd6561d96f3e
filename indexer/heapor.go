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

// heapOrSearcher is a disjunction of many clauses (as Bleve's
// DisjunctionHeapSearcher, above searcher.DisjunctionHeapTakeover clauses): a
// heap of the clauses by the record each stands at, whose first are popped
// together at each match. Where Bleve's heap compares records as byte strings
// through an interface, this one compares their numbers: a query with many
// translations or synonyms spends most of its first stage there. It sums the
// scores of the clauses matching a record in the order Bleve's disjunction of
// fewer clauses (DisjunctionSliceSearcher) does, to the bit: the clauses by the
// number of records they match, fewest first (searcher.OrderedSearcherList).
// Bleve's heap sums them in the order it pops them, which depends on the order of
// the records, and so on the order Bleve wrote them in: the last bits of a score
// would differ from one build of the same documents to the next.
type heapOrSearcher struct {
	searchers clauses
	heap      []*heapClause
	matching  []*search.DocumentMatch
	popped    []*heapClause // the clauses of matching
	scorer    *scorer.DisjunctionQueryScorer
	min       int
	started   bool
}

// heapClause is clause i of a heapOrSearcher (of its searchers, in the order
// their scores are summed) at the record it stands at (num).
type heapClause struct {
	searcher search.Searcher
	curr     *search.DocumentMatch
	num      uint64
	i        int
}

var heapOrSearcherSize = int(reflect.TypeFor[heapOrSearcher]().Size())

// newHeapOrSearcher is the disjunction of searchers (at least min of them) for
// more clauses than Bleve reads without a heap, scoring as Bleve's disjunction
// of fewer clauses does.
func newHeapOrSearcher(searchers []search.Searcher, min int, opts search.SearcherOptions) *heapOrSearcher {
	ordered := slices.Clone(searchers)
	sort.Sort(searcher.OrderedSearcherList(ordered)) // as DisjunctionSliceSearcher orders them
	s := &heapOrSearcher{
		searchers: ordered,
		heap:      make([]*heapClause, 0, len(searchers)),
		matching:  make([]*search.DocumentMatch, 0, len(searchers)),
		popped:    make([]*heapClause, 0, len(searchers)),
		scorer:    scorer.NewDisjunctionQueryScorer(opts),
		min:       min,
	}
	s.SetQueryNorm(1 / math.Sqrt(s.Weight())) // as Bleve's does (root then sets 1)
	return s
}

// manyOr is the searcher of a disjunction of qs (at least min of them): a
// heapOrSearcher where Bleve's would be its heap searcher (orOf), and Bleve's
// otherwise.
func manyOr(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions, qs []query.Query, min int) (search.Searcher, error) {
	breakdown, _ := ctx.Value(search.IncludeScoreBreakdownKey).(bool)
	if len(qs) <= searcher.DisjunctionHeapTakeover || opts.Score == "none" || breakdown ||
		searcher.DisjunctionMaxClauseCount != 0 && len(qs) > searcher.DisjunctionMaxClauseCount {
		d := query.NewDisjunctionQuery(qs)
		d.SetMin(float64(min))
		return d.Searcher(ctx, r, m, opts)
	}
	ss := make(clauses, 0, len(qs))
	for _, q := range qs {
		s, err := q.Searcher(ctx, r, m, opts)
		if err != nil {
			_ = ss.close()
			return nil, err
		}
		if s != nil {
			ss = append(ss, s)
		}
	}
	s, err := orOf(ctx, r, ss, min, opts)
	if err != nil {
		_ = ss.close()
		return nil, err
	}
	return s, nil
}

// orOf is the disjunction of searchers ss (at least min of them): Bleve's, or a
// heapOrSearcher where Bleve's would read them with a heap and score them (one
// scoring nothing merges their postings instead). Unlike Bleve's, it does not
// check the number of clauses against searcher.DisjunctionMaxClauseCount (0 in
// this project: no limit): its callers do where Bleve's would.
func orOf(ctx context.Context, r index.IndexReader, ss []search.Searcher, min int, opts search.SearcherOptions) (search.Searcher, error) {
	breakdown, _ := ctx.Value(search.IncludeScoreBreakdownKey).(bool)
	if len(ss) <= searcher.DisjunctionHeapTakeover || opts.Score == "none" || breakdown {
		return searcher.NewDisjunctionSearcher(ctx, r, ss, float64(min), opts)
	}
	return newHeapOrSearcher(ss, min, opts), nil
}

func (s *heapOrSearcher) start(ctx *search.SearchContext) error {
	for i, c := range s.searchers {
		curr, err := c.Next(ctx)
		if err != nil {
			return err
		}
		if curr != nil {
			s.push(&heapClause{searcher: c, curr: curr, num: curr.IndexInternalID.Value(), i: i})
		}
	}
	s.update()
	s.started = true
	return nil
}

// update pops the clauses standing at the first record any stands at, and puts
// them in the order of the clauses.
func (s *heapOrSearcher) update() {
	s.matching, s.popped = s.matching[:0], s.popped[:0]
	if len(s.heap) == 0 {
		return
	}
	num := s.heap[0].num
	for len(s.heap) > 0 && s.heap[0].num == num {
		c := s.pop()
		j := len(s.popped) // few: an insertion sort
		s.popped = append(s.popped, c)
		for ; j > 0 && s.popped[j-1].i > c.i; j-- {
			s.popped[j] = s.popped[j-1]
		}
		s.popped[j] = c
	}
	for _, c := range s.popped {
		s.matching = append(s.matching, c.curr)
	}
}

func (s *heapOrSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
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
		for _, c := range s.popped {
			if c.curr != rv {
				ctx.DocumentMatchPool.Put(c.curr)
			}
			curr, err := c.searcher.Next(ctx)
			if err != nil {
				return nil, err
			}
			if curr != nil {
				c.curr, c.num = curr, curr.IndexInternalID.Value()
				s.push(c)
			}
		}
		s.update()
	}
	return rv, nil
}

func (s *heapOrSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	for _, c := range s.popped {
		s.push(c)
	}
	s.matching, s.popped = s.matching[:0], s.popped[:0]
	num := id.Value()
	for len(s.heap) > 0 && s.heap[0].num < num {
		c := s.pop()
		ctx.DocumentMatchPool.Put(c.curr)
		curr, err := c.searcher.Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		if curr != nil {
			c.curr, c.num = curr, curr.IndexInternalID.Value()
			s.popped = append(s.popped, c)
		}
	}
	for _, c := range s.popped {
		s.push(c)
	}
	s.popped = s.popped[:0]
	s.update()
	return s.Next(ctx)
}

// push and pop are container/heap's Push and Pop on s.heap, by record number.
func (s *heapOrSearcher) push(c *heapClause) {
	s.heap = append(s.heap, c)
	s.up(len(s.heap) - 1)
}

func (s *heapOrSearcher) pop() *heapClause {
	n := len(s.heap) - 1
	s.heap[0], s.heap[n] = s.heap[n], s.heap[0]
	s.down(0, n)
	c := s.heap[n]
	s.heap = s.heap[:n]
	return c
}

func (s *heapOrSearcher) up(j int) {
	for {
		i := (j - 1) / 2 // parent
		if i == j || !(s.heap[j].num < s.heap[i].num) {
			break
		}
		s.heap[i], s.heap[j] = s.heap[j], s.heap[i]
		j = i
	}
}

func (s *heapOrSearcher) down(i0, n int) {
	i := i0
	for {
		j1 := 2*i + 1
		if j1 >= n || j1 < 0 { // j1 < 0 after int overflow
			break
		}
		j := j1 // left child
		if j2 := j1 + 1; j2 < n && s.heap[j2].num < s.heap[j1].num {
			j = j2 // right child
		}
		if !(s.heap[j].num < s.heap[i].num) {
			break
		}
		s.heap[i], s.heap[j] = s.heap[j], s.heap[i]
		i = j
	}
}

func (s *heapOrSearcher) Weight() float64        { return s.searchers.weight() }
func (s *heapOrSearcher) SetQueryNorm(n float64) { s.searchers.setQueryNorm(n) }
func (s *heapOrSearcher) Count() uint64          { return s.searchers.count() }
func (s *heapOrSearcher) Close() error           { return s.searchers.close() }
func (s *heapOrSearcher) Min() int               { return s.min }

func (s *heapOrSearcher) Size() int {
	return heapOrSearcherSize + s.searchers.size()
}

func (s *heapOrSearcher) DocumentMatchPoolSize() int {
	return len(s.searchers) + s.searchers.poolSize()
}

// clauses are the searchers of a disjunction of our own (allOfSearcher,
// heapOrSearcher), which weighs, counts and closes as Bleve's do: as its clauses
// together.
type clauses []search.Searcher

func (cs clauses) weight() float64 {
	w := 0.0
	for _, c := range cs {
		w += c.Weight()
	}
	return w
}

func (cs clauses) setQueryNorm(norm float64) {
	for _, c := range cs {
		c.SetQueryNorm(norm)
	}
}

func (cs clauses) count() uint64 {
	var n uint64
	for _, c := range cs {
		n += c.Count()
	}
	return n
}

func (cs clauses) close() (err error) {
	for _, c := range cs {
		if e := c.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

func (cs clauses) size() (n int) {
	for _, c := range cs {
		n += c.Size()
	}
	return n
}

func (cs clauses) poolSize() (n int) {
	for _, c := range cs {
		n += c.DocumentMatchPoolSize()
	}
	return n
}
