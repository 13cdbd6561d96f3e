package indexer

import (
	"context"
	"math"
	"reflect"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// Phrase matches the records whose field has the words of text side by side, in
// order, as the field's analyzer reads them.
func Phrase(field, text string) Query {
	q := query.NewMatchPhraseQuery(text)
	q.SetField(field)
	return bleveQuery{&phraseQuery{q}}
}

// phraseQuery is Phrase's Bleve query: Bleve's phrase query, with a searcher of
// our own where it is only asked which records match and what they score
// (phraseSearcher); where term locations are asked for (highlighting), Bleve's.
type phraseQuery struct{ *query.MatchPhraseQuery }

// fastPhrases says whether phrases are checked by phraseSearcher where they may
// be (a variable for tests, which compare it with Bleve's).
var fastPhrases = true

func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	_, synonyms := ctx.Value(search.FieldTermSynonymMapKey).(search.FieldTermSynonymMap)
	if !fastPhrases || opts.IncludeTermVectors || q.Fuzziness != 0 || q.FieldVal == "" || q.FieldVal == FieldAuthors || synonyms {
		// Term locations are returned, words may be fuzzy or have synonyms, or
		// a field holds several values (a phrase must lie within one): Bleve's.
		return q.MatchPhraseQuery.Searcher(ctx, r, m, opts)
	}
	name := q.Analyzer
	if name == "" {
		name = m.AnalyzerNameForPath(q.FieldVal)
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		return q.MatchPhraseQuery.Searcher(ctx, r, m, opts) // which says what is wrong
	}
	terms := phraseTerms(a.Analyze([]byte(q.MatchPhrase)))
	if len(terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	return newPhraseSearcher(ctx, r, terms, q.FieldVal, q.BoostVal.Value(), opts)
}

// phraseTerms are the terms of an analysed phrase by position from the first
// (none where the analyzer dropped a word), as Bleve's phrase query makes them.
func phraseTerms(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := math.MaxInt, 0
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	out := make([][]string, last-first+1)
	for _, t := range tokens {
		out[t.Position-first] = append(out[t.Position-first], string(t.Term))
	}
	return out
}

// phraseSearcher is Bleve's phrase searcher (PhraseSearcher) without fuzziness,
// synonyms or term locations returned: the same conjunction of the terms' readers
// (a disjunction where a position has several terms), scored the same, and the
// same records kept. Bleve's builds, for every record that has all the terms,
// maps of each term's locations and then every path of the phrase through them;
// this one only asks whether a path exists, from the locations as read.
type phraseSearcher struct {
	must  search.Searcher
	terms [][]string
	curr  *search.DocumentMatch
	// at holds, for each position of the phrase, the positions in the field of
	// its terms at the record checked.
	at [][]uint64
	// first is the first position with a term (-1: none).
	first   int
	started bool
}

var phraseSearcherSize = int(reflect.TypeOf(phraseSearcher{}).Size())

// newPhraseSearcher builds the searcher as Bleve's NewMultiPhraseSearcher builds
// its own, without fuzziness.
func newPhraseSearcher(ctx context.Context, r index.IndexReader, terms [][]string, field string, boost float64, opts search.SearcherOptions) (search.Searcher, error) {
	opts.IncludeTermVectors = true // the locations are read, not returned
	var parts []search.Searcher
	fail := func(err error) (search.Searcher, error) {
		for _, s := range parts {
			_ = s.Close()
		}
		return nil, err
	}
	for _, pos := range terms {
		switch {
		case len(pos) == 1 && pos[0] != "":
			ts, err := searcher.NewTermSearcher(ctx, r, pos[0], field, boost, opts)
			if err != nil {
				return fail(err)
			}
			parts = append(parts, ts)
		case len(pos) > 1:
			var alts []search.Searcher
			for _, t := range pos {
				if t == "" {
					continue
				}
				ts, err := searcher.NewTermSearcher(ctx, r, t, field, boost, opts)
				if err != nil {
					_ = clauses(alts).close()
					return fail(err)
				}
				alts = append(alts, ts)
			}
			d, err := orOf(ctx, r, alts, 1, opts)
			if err != nil {
				_ = clauses(alts).close()
				return fail(err)
			}
			parts = append(parts, d)
		}
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, parts, opts)
	if err != nil {
		return fail(err)
	}
	s := &phraseSearcher{must: must, terms: terms, at: make([][]uint64, len(terms)), first: -1}
	for i, pos := range terms {
		if !emptyPosition(pos) {
			s.first = i
			break
		}
	}
	s.SetQueryNorm(1 / math.Sqrt(must.Weight())) // as Bleve's does (root then sets 1)
	return s, nil
}

// matches reports whether the record m (which has every term) has the phrase: a
// place for its first term with each next position's term one further on (an
// empty position, a word the analyzer dropped, counting as one). A path through
// the same locations is what Bleve's phrase searcher finds.
func (s *phraseSearcher) matches(m *search.DocumentMatch) bool {
	for i := range s.at {
		s.at[i] = s.at[i][:0]
	}
	for _, l := range m.FieldTermLocations {
		for i, pos := range s.terms {
			for _, t := range pos {
				if t == l.Term && t != "" {
					s.at[i] = append(s.at[i], l.Location.Pos)
					break
				}
			}
		}
	}
	first := s.first
	if first < 0 {
		return false
	}
next:
	for _, p := range s.at[first] {
		for i := first + 1; i < len(s.terms); i++ {
			if emptyPosition(s.terms[i]) {
				continue
			}
			want := p + uint64(i-first)
			found := false
			for _, q := range s.at[i] {
				found = found || q == want
			}
			if !found {
				continue next
			}
		}
		return true
	}
	return false
}

// emptyPosition reports whether a phrase position has no term (a word dropped).
func emptyPosition(pos []string) bool { return len(pos) == 0 || len(pos) == 1 && pos[0] == "" }

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		s.started = true
	}
	for s.curr != nil {
		var rv *search.DocumentMatch
		if s.matches(s.curr) {
			rv, s.curr = s.curr, nil
			rv.FieldTermLocations = rv.FieldTermLocations[:0] // not returned
		}
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		if rv != nil {
			return rv, nil
		}
	}
	return nil, nil
}

// advance reads the conjunction's next record.
func (s *phraseSearcher) advance(ctx *search.SearchContext) error {
	if s.curr != nil {
		ctx.DocumentMatchPool.Put(s.curr)
	}
	var err error
	s.curr, err = s.must.Next(ctx)
	return err
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		s.started = true
	}
	if s.curr == nil {
		return nil, nil
	}
	if s.curr.IndexInternalID.Value() >= id.Value() {
		return s.Next(ctx)
	}
	ctx.DocumentMatchPool.Put(s.curr)
	var err error
	if s.curr, err = s.must.Advance(ctx, id); err != nil {
		return nil, err
	}
	return s.Next(ctx)
}

func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(norm float64)  { s.must.SetQueryNorm(norm) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() }
func (s *phraseSearcher) Close() error               { return s.must.Close() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return phraseSearcherSize + s.must.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }
