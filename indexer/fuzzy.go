package indexer

import (
	"context"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// FieldDictFuzzyAutomaton lists the terms of field within fuzziness edits of term
// (and beginning with prefix), as the snapshot's own does, with the terms its
// automaton misses.
//
// Zap's Levenshtein automaton (vellum's) finds no term at all for a word of more
// than about 34 bytes: a Cyrillic word of 18 letters finds none, not even itself
// ("військовослужбовців~" matched nothing; on the evaluation collection's terms of
// 4 to 17 Cyrillic letters it missed none, of 18 and 19 every one). For a word
// longer than longFuzzyBytes, the terms that begin with its first letter (or with
// prefix) are compared with it here, a swap of two neighbouring letters counting
// as one edit (optimal string alignment). Fuzzy queries (fuzzyCandidates, asking
// a search's reader, seeking) and Closest read it.
//
// A search's stages each read its fuzzy words' terms (the ranking, the pages
// highlighted), and walking the dictionary with a word's automaton, built anew each
// time, is most of what a fuzzy query costs: the terms found are kept for the
// search when its ctx has a place for them (WithFuzzyTerms).
func (s seekSnapshot) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	if s.fuzzy == nil {
		return s.fuzzyDict(field, term, fuzziness, prefix)
	}
	k := fuzzyKey{s.IndexSnapshot, field, term, prefix, fuzziness}
	if l, ok := s.fuzzy.get(k); ok {
		return &fuzzyDict{entries: l.entries}, l.auto, nil
	}
	dict, auto, err := s.fuzzyDict(field, term, fuzziness, prefix)
	if err != nil {
		return nil, nil, err
	}
	defer dict.Close()
	var entries []index.DictEntry
	if err := eachEntry(dict, func(e index.DictEntry) { entries = append(entries, e) }); err != nil {
		return nil, nil, err
	}
	s.fuzzy.put(k, fuzzyList{entries, auto})
	return &fuzzyDict{entries: entries}, auto, nil
}

// fuzzyDict is FieldDictFuzzyAutomaton without the search's list.
func (s seekSnapshot) fuzzyDict(field, term string, fuzziness int, prefix string) (index.FieldDict, index.FuzzyAutomaton, error) {
	dict, auto, err := s.IndexSnapshot.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	if err != nil || len(term) <= longFuzzyBytes {
		return dict, auto, err
	}
	defer dict.Close()
	fd := &fuzzyDict{at: map[string]int{}}
	if err := eachEntry(dict, fd.add); err != nil {
		return nil, nil, err
	}
	if prefix == "" || !strings.HasPrefix(term, prefix) {
		r, _ := utf8.DecodeRuneInString(term)
		prefix = string(r)
	}
	pd, err := s.IndexSnapshot.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, nil, err
	}
	defer pd.Close()
	w := []rune(term)
	err = eachEntry(pd, func(e index.DictEntry) {
		if n := utf8.RuneCountInString(e.Term); n < len(w)-fuzziness || n > len(w)+fuzziness {
			return // too long or too short to be close
		}
		if d := editDistance(w, []rune(e.Term), fuzziness); d <= fuzziness {
			e.EditDistance = uint8(d)
			fd.add(e)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return fd, fuzzyAutomaton{auto, w, fuzziness}, nil
}

// eachEntry calls f with each entry of dict, in its order.
func eachEntry(dict index.FieldDict, f func(index.DictEntry)) error {
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return err
		}
		f(*e)
	}
}

// longFuzzyBytes is the length, in bytes, past which the automaton is not trusted
// (see FieldDictFuzzyAutomaton): below its first failure, as comparing every term
// of the dictionary's first letter costs a fuzzy query of a short word more than
// the automaton (3.1 → 5.6 ms in process at 30,000 pages when done for every word).
const longFuzzyBytes = 32

// fuzzyTerms are the terms a search's fuzzy words matched, by snapshot (a search
// reads one, but a merge may bring a new one between two of its stages): one per
// search (WithFuzzyTerms), its stages running on goroutines of their own.
type fuzzyTerms struct {
	mu    sync.Mutex
	lists map[fuzzyKey]fuzzyList
}

// fuzzyKey names a fuzzy word's terms: in a snapshot's field, within fuzziness
// edits, beginning with prefix.
type fuzzyKey struct {
	snap                *scorch.IndexSnapshot
	field, term, prefix string
	fuzziness           int
}

// fuzzyList is a fuzzy word's terms (dictionary entries) and its automaton.
type fuzzyList struct {
	entries []index.DictEntry
	auto    index.FuzzyAutomaton
}

func (f *fuzzyTerms) get(k fuzzyKey) (fuzzyList, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.lists[k]
	return l, ok
}

func (f *fuzzyTerms) put(k fuzzyKey, l fuzzyList) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists[k] = l
}

// fuzzyTermsKey is the context key of a search's fuzzyTerms.
type fuzzyTermsKey struct{}

// WithFuzzyTerms returns ctx with a place for the terms that the fuzzy words of
// the queries run with it match, so that each is looked up once in each snapshot
// they read: for one search, whose stages run the same words. (What it keeps only
// grows: a ctx that outlives a search should not have one.)
func WithFuzzyTerms(ctx context.Context) context.Context {
	return context.WithValue(ctx, fuzzyTermsKey{}, &fuzzyTerms{lists: map[fuzzyKey]fuzzyList{}})
}

// FieldDictFuzzy is FieldDictFuzzyAutomaton's list.
func (s seekSnapshot) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (index.FieldDict, error) {
	fd, _, err := s.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	return fd, err
}

// fuzzyDict is a list of dictionary entries, each term once, at its least
// distance.
type fuzzyDict struct {
	entries []index.DictEntry
	at      map[string]int // a term's entry
	next    int
}

// add adds e, or lowers the distance of the entry of its term.
func (d *fuzzyDict) add(e index.DictEntry) {
	if i, ok := d.at[e.Term]; ok {
		d.entries[i].EditDistance = min(d.entries[i].EditDistance, e.EditDistance)
		return
	}
	d.at[e.Term] = len(d.entries)
	d.entries = append(d.entries, e)
}

func (d *fuzzyDict) Next() (*index.DictEntry, error) {
	if d.next == len(d.entries) {
		return nil, nil
	}
	d.next++
	return &d.entries[d.next-1], nil
}

func (d *fuzzyDict) Close() error      { return nil }
func (d *fuzzyDict) Cardinality() int  { return len(d.entries) }
func (d *fuzzyDict) BytesRead() uint64 { return 0 }

// fuzzyAutomaton is the snapshot's automaton, which the terms it misses match too
// (see FieldDictFuzzyAutomaton).
type fuzzyAutomaton struct {
	index.FuzzyAutomaton
	term      []rune
	fuzziness int
}

func (a fuzzyAutomaton) MatchAndDistance(term string) (bool, uint8) {
	if a.FuzzyAutomaton != nil {
		if ok, d := a.FuzzyAutomaton.MatchAndDistance(term); ok {
			return ok, d
		}
	}
	d := editDistance(a.term, []rune(term), a.fuzziness)
	return d <= a.fuzziness, uint8(min(d, 255))
}

// EditDistance is the optimal string alignment distance of a and b, in letters
// (see editDistance), or max+1 when it is more than max.
func EditDistance(a, b string, max int) int { return editDistance([]rune(a), []rune(b), max) }

// editDistance is the optimal string alignment distance of a and b (insertions,
// deletions, substitutions, and swaps of neighbours, each one edit), or max+1 when
// it is more than max.
func editDistance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	// Three rows of the table: the one before the last, the last, this one.
	prev2, prev, cur := make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max+1)
}

// fuzzyQuery is Bleve's fuzzy query (the terms of a field within so many edits
// of a term, each weighing 1/(edits+1)) whose terms' disjunction is read by
// termsOr: a word of more than ten spellings is summed in the order of Bleve's
// disjunction of fewer clauses, not in the order Bleve's heap pops them, which
// depends on the records' numbers (heapOrSearcher). Where it would not find the
// terms as Bleve's does (a reader that does not walk a fuzzy automaton,
// synonyms, out of range fuzziness, more terms than Bleve allows), it is
// Bleve's. It must not wrap a query of automatic fuzziness, which it cannot see
// (Match never asks for one).
type fuzzyQuery struct{ *query.FuzzyQuery }

func (q *fuzzyQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok || q.Fuzziness < 1 || q.Fuzziness > searcher.MaxFuzziness || ctx.Value(search.FieldTermSynonymMapKey) != nil {
		return q.FuzzyQuery.Searcher(ctx, r, m, opts)
	}
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	// As Bleve's NewFuzzySearcher: the prefix cut at a letter's boundary.
	prefix := q.Term
	for i := range q.Term {
		if i >= q.Prefix {
			prefix = q.Term[:i]
			break
		}
	}
	terms, edits, err := fuzzyCandidates(fr, field, q.Term, q.Fuzziness, prefix)
	if err != nil {
		return nil, err
	}
	if searcher.DisjunctionMaxClauseCount != 0 && len(terms) > searcher.DisjunctionMaxClauseCount {
		return q.FuzzyQuery.Searcher(ctx, r, m, opts) // Bleve's error
	}
	one := len(terms) == 0 || len(terms) == 1 && terms[0] == q.Term // the word itself
	if matches, ok := ctx.Value(search.FuzzyMatchPhraseKey).(map[string][]string); ok && matches != nil {
		matches[q.Term] = terms // as Bleve's: for a phrase's highlighting
		if one {
			matches[q.Term] = []string{q.Term}
		}
	}
	boost := q.BoostVal.Value()
	if one {
		return newTermQuery(field, q.Term, boost).Searcher(ctx, r, m, opts)
	}
	// As Bleve's: the boost times the edits' multiplier, which rounds otherwise
	// than a division.
	return termsOr(ctx, r, m, opts, field, terms, func(i int) float64 { return boost * (1 / float64(edits[i]+1)) })
}

// termsOr is the disjunction of terms of field, term i weighing boost(i), read by
// manyOr: as Bleve's multi-term searcher (of fuzzy words, prefixes), summed in
// one order.
func termsOr(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions, field string, terms []string, boost func(i int) float64) (search.Searcher, error) {
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = newTermQuery(field, t, boost(i))
	}
	return manyOr(ctx, r, m, opts, qs, 0)
}

// fuzzyCandidates are the terms of field within fuzziness edits of term that
// begin with prefix, and their edits, in the dictionary's order: Bleve's fuzzy
// searcher's candidates.
func fuzzyCandidates(r index.IndexReaderFuzzy, field, term string, fuzziness int, prefix string) (terms []string, edits []uint8, err error) {
	dict, _, err := r.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	if err != nil {
		return nil, nil, err
	}
	err = eachEntry(dict, func(e index.DictEntry) { terms, edits = append(terms, e.Term), append(edits, e.EditDistance) })
	if cerr := dict.Close(); err == nil {
		err = cerr
	}
	return terms, edits, err
}
