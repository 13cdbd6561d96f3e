package indexer

import (
	"context"
	"fmt"
	"math"
	"reflect"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// termQuery is Bleve's term query read by a termSearcher: the leaf of every
// query of words (Match, MatchEvery, Term, a fuzzy word's and a prefix's terms).
// It scores as Bleve's own; where Bleve's searcher does more than score (an
// explanation, term vectors for highlighting, synonyms, no scores at all), it is
// Bleve's.
type termQuery struct{ *query.TermQuery }

func newTermQuery(field, term string, boost float64) *termQuery {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return &termQuery{q}
}

func (q *termQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if opts.Explain || opts.IncludeTermVectors || opts.Score == "none" || ctx.Value(search.FieldTermSynonymMapKey) != nil {
		return q.TermQuery.Searcher(ctx, r, m, opts)
	}
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	return newTermSearcher(ctx, r, []byte(q.Term), field, q.BoostVal.Value())
}

// matchQuery is Bleve's match query (any of the words of a text, as the field's
// analyzer reads them, or of the terms within its fuzziness of them) with
// termQuery and fuzzyQuery leaves, their disjunction read by manyOr; a text of
// one term is searched as that term alone rather than as a disjunction of one
// clause, which scores the same (its sum times 1/1) at the cost of a searcher
// more for every record, but where explained (an explanation shows the
// disjunction) or fuzzy. Its operator is Or (Match); its fuzziness is not
// automatic (Match never asks for it).
type matchQuery struct{ *query.MatchQuery }

func (q *matchQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if q.Operator != query.MatchQueryOperatorOr {
		return q.MatchQuery.Searcher(ctx, r, m, opts)
	}
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	name := q.Analyzer
	if name == "" {
		name = m.AnalyzerNameForPath(field)
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		return nil, fmt.Errorf("no analyzer %q for field %s", name, field)
	}
	tokens := a.Analyze([]byte(q.Match))
	boost := q.BoostVal.Value()
	if len(tokens) == 0 {
		return query.NewMatchNoneQuery().Searcher(ctx, r, m, opts)
	}
	if len(tokens) == 1 && q.Fuzziness == 0 && !opts.Explain {
		return newTermQuery(field, string(tokens[0].Term), boost).Searcher(ctx, r, m, opts)
	}
	tqs := make([]query.Query, len(tokens))
	for i, t := range tokens {
		if q.Fuzziness != 0 {
			fq := query.NewFuzzyQuery(string(t.Term))
			fq.SetFuzziness(q.Fuzziness)
			fq.SetPrefix(q.Prefix)
			fq.SetField(field)
			fq.SetBoost(boost)
			tqs[i] = &fuzzyQuery{fq}
		} else {
			tqs[i] = newTermQuery(field, string(t.Term), boost)
		}
	}
	return manyOr(ctx, r, m, opts, tqs, 1)
}

// termSearcher is Bleve's term searcher (searcher.TermSearcher) scoring the
// same, with the parts of the score that depend on a record's field length
// kept for the lengths met last (saturation) rather than computed for every
// record: a square root and two divisions less per match, on the readers of
// every word of a query.
type termSearcher struct {
	reader index.TermFieldReader
	tfd    index.TermFieldDoc
	// The score's parts, as Bleve's TermQueryScorer has them.
	idf, avgDocLength, boost, queryWeight float64
	norms                                 [normSlots]normSlot
}

// normSlots is how many field lengths (by norm) a termSearcher keeps the
// length's part of the score of, each in the slot its norm's bits select.
const normSlots = 256

type normSlot struct {
	norm, part float64
	set        bool
}

func newTermSearcher(ctx context.Context, r index.IndexReader, term []byte, field string, boost float64) (search.Searcher, error) {
	reader, err := r.TermFieldReader(ctx, term, field, true, true, false)
	if err != nil {
		return nil, err
	}
	if err := search.RecordTermSearcher(ctx); err != nil {
		_ = reader.Close()
		return nil, err
	}
	bm25 := false
	if f, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); ok {
		bm25 = f() == index.BM25Scoring
	}
	var total uint64
	var avg float64
	if bm25 {
		total, avg, err = bm25Stats(ctx, field, r)
	} else {
		total, err = r.DocCount()
	}
	if err != nil {
		_ = reader.Close()
		return nil, err
	}
	s := &termSearcher{reader: reader, avgDocLength: avg, boost: boost}
	// As scorer.TermQueryScorer computes them.
	docTerm := reader.Count()
	if avg > 0 {
		s.idf = math.Log(1 + (float64(total)-float64(docTerm)+0.5)/(float64(docTerm)+0.5))
	} else {
		s.idf = 1.0 + math.Log(float64(total)/float64(docTerm+1.0))
	}
	s.queryWeight = 1
	return s, nil
}

// bm25Stats are the number of records and the mean length of field, rounded
// up, that BM25 scores with, as Bleve's term searcher finds them.
func bm25Stats(ctx context.Context, field string, r index.IndexReader) (uint64, float64, error) {
	var count uint64
	var cardinality int
	if stats, ok := ctx.Value(search.BM25StatsKey).(*search.BM25Stats); ok {
		count = uint64(stats.DocCount)
		if cardinality, ok = stats.FieldCardinality[field]; !ok {
			return 0, 0, fmt.Errorf("field stat for bm25 not present %s", field)
		}
	} else {
		var err error
		if count, err = r.DocCount(); err != nil {
			return 0, 0, err
		}
		if br, ok := r.(index.BM25Reader); ok {
			if cardinality, err = br.FieldCardinality(field); err != nil {
				return 0, 0, err
			}
		}
	}
	if count == 0 && cardinality == 0 {
		return 0, 0, nil
	}
	return count, math.Ceil(float64(cardinality) / float64(count)), nil
}

func (s *termSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.reader.Next(s.tfd.Reset())
	if err != nil || d == nil {
		return nil, err
	}
	return s.match(ctx, d), nil
}

func (s *termSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.reader.Advance(id, s.tfd.Reset())
	if err != nil || d == nil {
		return nil, err
	}
	return s.match(ctx, d), nil
}

// match is the record d, scored as scorer.TermQueryScorer scores it.
func (s *termSearcher) match(ctx *search.SearchContext, d *index.TermFieldDoc) *search.DocumentMatch {
	var tf float64
	if d.Freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(d.Freq)]
	} else {
		tf = math.Sqrt(float64(d.Freq))
	}
	var score float64
	if s.avgDocLength > 0 {
		score = s.idf * (tf * search.BM25_k1) / (tf + search.BM25_k1*s.saturation(d.Norm))
	} else {
		score = tf * d.Norm * s.idf
	}
	if s.queryWeight != 1.0 {
		score = score * s.queryWeight
	}
	dm := ctx.DocumentMatchPool.Get()
	dm.Score = score
	dm.IndexInternalID = index.NewIndexInternalIDFrom(dm.IndexInternalID, d.ID)
	return dm
}

// saturation is the part of BM25's denominator a record's field length (by its
// norm) makes, k1 aside: 1 - b + b·length/mean length.
func (s *termSearcher) saturation(norm float64) float64 {
	slot := &s.norms[math.Float64bits(norm)>>32%normSlots]
	if !slot.set || slot.norm != norm {
		fieldLength := 1 / (norm * norm)
		*slot = normSlot{norm: norm, part: (1 - search.BM25_b + (search.BM25_b * fieldLength / s.avgDocLength)), set: true}
	}
	return slot.part
}

func (s *termSearcher) Weight() float64 {
	w := s.boost * s.idf
	return w * w
}

func (s *termSearcher) SetQueryNorm(qnorm float64) { s.queryWeight = s.boost * s.idf * qnorm }

func (s *termSearcher) Count() uint64 { return s.reader.Count() }

func (s *termSearcher) Min() int { return 0 }

func (s *termSearcher) DocumentMatchPoolSize() int { return 1 }

func (s *termSearcher) Close() error { return s.reader.Close() }

func (s *termSearcher) Size() int {
	return int(reflect.TypeFor[termSearcher]().Size()) + s.reader.Size() + s.tfd.Size()
}

func (s *termSearcher) Optimize(kind string, octx index.OptimizableContext) (index.OptimizableContext, error) {
	if o, ok := s.reader.(index.Optimizable); ok {
		return o.Optimize(kind, octx)
	}
	return nil, nil
}
