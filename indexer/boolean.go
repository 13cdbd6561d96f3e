package indexer

import (
	"context"
	"errors"
	"reflect"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// boolQuery is Bool's Bleve query: Bleve's boolean query, scored as Bleve scores
// it (the must clauses' score plus the should clauses', as a disjunction scores
// them), with a searcher of our own. Bleve's boolean searcher, advanced before
// it has read anything (the first record of one part of RankDocuments' pass) or
// inside a conjunction, advances its should clauses even when they already
// stand at or after the record asked for: their next match is lost, and a page
// loses the should clauses' score (TestBoolAdvance). Like Bleve's, it takes a
// boost and does not apply it.
type boolQuery struct {
	must, should, not []query.Query
	minShould         int
	boost             float64
}

func (q *boolQuery) SetBoost(b float64) { q.boost = b }
func (q *boolQuery) Boost() float64     { return q.boost }

// Searcher returns the searcher of q, or of its only part when that is all (as
// Bleve's does).
func (q *boolQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	var made []search.Searcher
	fail := func(err error) (search.Searcher, error) {
		for _, s := range made {
			_ = s.Close()
		}
		return nil, err
	}
	part := func(bq query.Query) (search.Searcher, error) {
		s, err := bq.Searcher(ctx, r, m, opts)
		if err != nil {
			return nil, err
		}
		if _, none := s.(*searcher.MatchNoneSearcher); none {
			_ = s.Close()
			return nil, nil
		}
		made = append(made, s)
		return s, nil
	}
	var must, should, not search.Searcher
	var err error
	if len(q.not) > 0 {
		if not, err = part(query.NewDisjunctionQuery(q.not)); err != nil {
			return fail(err)
		}
	}
	if len(q.must) > 0 {
		if must, err = part(query.NewConjunctionQuery(q.must)); err != nil {
			return fail(err)
		}
	}
	if len(q.should) > 0 {
		if should, err = part(&orQuery{disjuncts: q.should, min: q.minShould}); err != nil {
			return fail(err)
		}
	}
	switch {
	case must == nil && should == nil && not == nil:
		return searcher.NewMatchNoneSearcher(r)
	case should == nil && not == nil:
		return must, nil
	case must == nil && not == nil:
		return should, nil
	case must == nil && should == nil:
		if must, err = searcher.NewMatchAllSearcher(ctx, r, 1, opts); err != nil {
			return fail(err)
		}
	case must == nil:
		// The should clauses are the matches (Bleve's boolean searcher drives by
		// them when there is no must clause).
		must, should = should, nil
	}
	return &boolSearcher{must: must, should: should, not: not, required: should != nil && q.minShould > 0,
		scorer: scorer.NewConjunctionQueryScorer(opts), matches: make([]*search.DocumentMatch, 0, 2)}, nil
}

// boolSearcher reads its must searcher and, at each of its matches, the should
// searcher (adding its score) and the must-not one (skipping the match), each
// advanced only when it stands before the match.
type boolSearcher struct {
	must, should, not   search.Searcher
	required            bool // a match needs the should searcher's too
	currShould, currNot *search.DocumentMatch
	shouldDone, notDone bool
	scorer              *scorer.ConjunctionQueryScorer
	matches             []*search.DocumentMatch
}

var boolSearcherSize = int(reflect.TypeOf(boolSearcher{}).Size())

func (s *boolSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	m, err := s.must.Next(ctx)
	if err != nil || m == nil {
		return nil, err
	}
	return s.settle(ctx, m)
}

func (s *boolSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	m, err := s.must.Advance(ctx, id)
	if err != nil || m == nil {
		return nil, err
	}
	return s.settle(ctx, m)
}

// settle returns m, the must searcher's match, scored with the should searcher's
// match on the same record, or the next match that the must-not searcher does not
// exclude (and the should searcher matches, when required).
func (s *boolSearcher) settle(ctx *search.SearchContext, m *search.DocumentMatch) (*search.DocumentMatch, error) {
	var matched bool
	for {
		excluded, err := s.at(ctx, s.not, &s.currNot, &s.notDone, m.IndexInternalID)
		if err != nil {
			return nil, err
		}
		if !excluded {
			if matched, err = s.at(ctx, s.should, &s.currShould, &s.shouldDone, m.IndexInternalID); err != nil {
				return nil, err
			}
			if matched || !s.required {
				break
			}
		}
		ctx.DocumentMatchPool.Put(m)
		if m, err = s.must.Next(ctx); err != nil || m == nil {
			return nil, err
		}
	}
	s.matches = append(s.matches[:0], m)
	if matched {
		s.matches = append(s.matches, s.currShould)
	}
	return s.scorer.Score(ctx, s.matches), nil
}

// at reports whether searcher sub (nil: none) matches record id, advancing it
// there only when its current match (*curr) stands before id.
func (s *boolSearcher) at(ctx *search.SearchContext, sub search.Searcher, curr **search.DocumentMatch, done *bool, id index.IndexInternalID) (bool, error) {
	if sub == nil {
		return false, nil
	}
	to := id.Value()
	if !*done && (*curr == nil || (*curr).IndexInternalID.Value() < to) {
		if *curr != nil {
			ctx.DocumentMatchPool.Put(*curr)
		}
		var err error
		if *curr, err = sub.Advance(ctx, id); err != nil {
			return false, err
		}
		*done = *curr == nil
	}
	return *curr != nil && (*curr).IndexInternalID.Value() == to, nil
}

func (s *boolSearcher) searchers() []search.Searcher {
	out := []search.Searcher{s.must}
	if s.should != nil {
		out = append(out, s.should)
	}
	if s.not != nil {
		out = append(out, s.not)
	}
	return out
}

func (s *boolSearcher) Close() error {
	var errs []error
	for _, sub := range s.searchers() {
		errs = append(errs, sub.Close())
	}
	return errors.Join(errs...)
}

// Weight is the must and should clauses' (not the must-not ones'), as Bleve's.
func (s *boolSearcher) Weight() float64 {
	w := s.must.Weight()
	if s.should != nil {
		w += s.should.Weight()
	}
	return w
}

func (s *boolSearcher) SetQueryNorm(norm float64) {
	s.must.SetQueryNorm(norm)
	if s.should != nil {
		s.should.SetQueryNorm(norm)
	}
}

func (s *boolSearcher) Count() uint64 {
	n := s.must.Count()
	if s.should != nil {
		n += s.should.Count()
	}
	return n
}

func (s *boolSearcher) Min() int { return 0 }

func (s *boolSearcher) Size() int {
	n := boolSearcherSize
	for _, sub := range s.searchers() {
		n += sub.Size()
	}
	return n
}

func (s *boolSearcher) DocumentMatchPoolSize() int {
	n := 3
	for _, sub := range s.searchers() {
		n += sub.DocumentMatchPoolSize()
	}
	return n
}
