package indexer

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// Query selects records of the index and scores them: what RankDocuments ranks
// and Hits lists. The functions below build one; a nil Query is no query.
type Query interface {
	// bleve is the Bleve query it stands for.
	bleve() query.Query
}

// bleveQuery is the one kind of Query: one of Bleve's, all of which take a boost.
type bleveQuery struct{ q query.BoostableQuery }

func (b bleveQuery) bleve() query.Query { return b.q }

// BleveQuery is the Bleve query q is searched as (root), for the indexer's own
// tests and test helpers (indextest), which check the index against Bleve itself.
func BleveQuery(q Query) query.Query { return root(q) }

// root is the Bleve query that q is searched as: q scored without Bleve's query
// normalisation, which scales every score of a query by one factor that depends on
// all its terms (1/√ of the sum of their squared weights). Without it, a page's
// score for q and another query together, as Bool scores them, is its score for q
// plus its score for the other (RankOptions.Refine); the order of q's matches is
// the same either way.
func root(q Query) query.Query { return unnormalised{q.bleve()} }

// unnormalised is a Bleve query whose searcher scores with query norm 1, reading
// a scorch snapshot with seeking term readers (seekSnapshot).
type unnormalised struct{ query.Query }

func (u unnormalised) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	s, err := u.Query.Searcher(ctx, seeking(ctx, r), m, opts)
	if err != nil {
		return nil, err
	}
	s.SetQueryNorm(1)
	return s, nil
}

// MatchAll matches every record.
func MatchAll() Query { return bleveQuery{query.NewMatchAllQuery()} }

// Term matches the records whose field holds term as it is, not analysed (a tag,
// a kind, a document ID).
func Term(field, term string) Query { return bleveQuery{newTermQuery(field, term, 1)} }

// Filter is Term scoring nothing: a record scores the same whichever filters
// select it.
func Filter(field, value string) Query { return Boost(Term(field, value), 0) }

// Match matches the records whose field holds any of the words of text, as the
// field's analyzer reads them, within fuzziness edits of them (0: exactly).
func Match(field, text string, fuzziness int) Query {
	q := query.NewMatchQuery(text)
	q.SetField(field)
	q.SetFuzziness(fuzziness)
	return bleveQuery{&matchQuery{q}}
}

// MatchEvery matches the records whose field holds every word of text, as the
// field's analyzer reads them, in any order; a word the analyzer reads as several
// terms at one place (a Ukrainian form of two dictionary words: "прав" of право,
// "права" of право and правий) is there when one of them is.
func MatchEvery(field, text string) Query {
	return bleveQuery{&everyWordQuery{field: field, text: text, boost: 1}}
}

// everyWordQuery is MatchEvery's Bleve query. Bleve's match query with the AND
// operator would ask for every term the analyzer makes, those at one place too.
// Scored as that query scores a text whose words have one term each: the
// conjunction of each word's term, boosted; a word of several terms scores as
// their disjunction.
type everyWordQuery struct {
	field, text string
	boost       float64
}

func (q *everyWordQuery) SetBoost(b float64) { q.boost = b }
func (q *everyWordQuery) Boost() float64     { return q.boost }

func (q *everyWordQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	name := m.AnalyzerNameForPath(q.field)
	a := m.AnalyzerNamed(name)
	if a == nil {
		return nil, fmt.Errorf("no analyzer %q for field %s", name, q.field)
	}
	term := func(t []byte) query.Query { return newTermQuery(q.field, string(t), q.boost) }
	var words []query.Query
	var place []query.Query // the terms of the word read now
	last := -1
	flush := func() {
		switch len(place) {
		case 0:
		case 1:
			words = append(words, place[0])
		default:
			words = append(words, &orQuery{disjuncts: place})
		}
		place = nil
	}
	for _, t := range a.Analyze([]byte(q.text)) {
		if t.Position != last {
			flush()
			last = t.Position
		}
		place = append(place, term(t.Term))
	}
	flush()
	if len(words) == 0 {
		return query.NewMatchNoneQuery().Searcher(ctx, r, m, opts)
	}
	return query.NewConjunctionQuery(words).Searcher(ctx, r, m, opts)
}

// Prefix matches the records whose field holds a term starting with prefix.
func Prefix(field, prefix string) Query {
	q := query.NewPrefixQuery(prefix)
	q.SetField(field)
	return bleveQuery{&prefixQuery{q}}
}

// prefixQuery is Bleve's prefix query whose terms' disjunction is read by termsOr:
// a prefix of more than ten terms is summed in the order of Bleve's disjunction
// of fewer clauses, not in the order Bleve's heap pops them, which depends on the
// records' numbers (heapOrSearcher). With synonyms, or more terms than Bleve
// allows, it is Bleve's.
type prefixQuery struct{ *query.PrefixQuery }

func (q *prefixQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if ctx.Value(search.FieldTermSynonymMapKey) != nil {
		return q.PrefixQuery.Searcher(ctx, r, m, opts)
	}
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	terms, err := prefixTerms(r, field, q.Prefix)
	if err != nil {
		return nil, err
	}
	if searcher.DisjunctionMaxClauseCount != 0 && len(terms) > searcher.DisjunctionMaxClauseCount {
		return q.PrefixQuery.Searcher(ctx, r, m, opts) // Bleve's error
	}
	boost := q.BoostVal.Value()
	if len(terms) == 0 || len(terms) == 1 && terms[0] == q.Prefix {
		return newTermQuery(field, q.Prefix, boost).Searcher(ctx, r, m, opts)
	}
	return termsOr(ctx, r, m, opts, field, terms, func(int) float64 { return boost })
}

// prefixTerms are the terms of field that begin with prefix, in the dictionary's
// order.
func prefixTerms(r index.IndexReader, field, prefix string) (terms []string, err error) {
	dict, err := r.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, err
	}
	err = eachEntry(dict, func(e index.DictEntry) { terms = append(terms, e.Term) })
	if cerr := dict.Close(); err == nil {
		err = cerr
	}
	return terms, err
}

// Range matches the records whose numeric field lies between min and max,
// inclusive; a nil bound is open.
func Range(field string, min, max *float64) Query {
	yes := true
	q := query.NewNumericRangeInclusiveQuery(min, max, &yes, &yes)
	q.SetField(field)
	return bleveQuery{q}
}

// IDs matches the records with these IDs (documents' or pages', PageID).
func IDs(ids ...string) Query { return bleveQuery{query.NewDocIDQuery(ids)} }

// Or matches the records that any of qs matches; a record matching more of them
// scores more.
func Or(qs ...Query) Query {
	bq := bleveQueries(qs)
	if !slices.ContainsFunc(bq, isAllOf) && len(bq) <= searcher.DisjunctionHeapTakeover {
		return bleveQuery{query.NewDisjunctionQuery(bq)}
	}
	return bleveQuery{&orQuery{disjuncts: bq}}
}

// And matches the records that all of qs match.
func And(qs ...Query) Query { return bleveQuery{query.NewConjunctionQuery(bleveQueries(qs))} }

// Bool matches the records that every query of must matches, at least minShould
// of should, and none of not; the queries of should a record matches add to its
// score.
func Bool(must, should, not []Query, minShould int) Query {
	return bleveQuery{&boolQuery{must: bleveQueries(must), should: bleveQueries(should), not: bleveQueries(not), minShould: minShould, boost: 1}}
}

// Boost scales what q adds to a record's score by boost (0: nothing, a filter)
// and returns it. It changes q: boost a query once, before using it. Bleve
// applies no boost to Or and And (a disjunction, a conjunction): boost their
// parts.
func Boost(q Query, boost float64) Query {
	if b, ok := q.(bleveQuery); ok {
		b.q.SetBoost(boost)
	}
	return q
}

func bleveQueries(qs []Query) []query.Query {
	if qs == nil {
		return nil
	}
	out := make([]query.Query, len(qs))
	for i, q := range qs {
		out[i] = q.bleve()
	}
	return out
}
