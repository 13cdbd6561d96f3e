package search

import (
	"context"
	"strings"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// suggest writes a spelling-tolerant query (see fuzzify) as the words the index
// has: each fuzzy word becomes the closest term of the index, of those equally
// close the one most pages contain ("polise intgrity" → "police integrity"). Only a query of plain words,
// fuzzy or not, gets a suggestion; "" otherwise, or when the index cannot be read.
func (s *Searcher) suggest(n query.Node) string {
	var terms []*query.Term
	switch n := n.(type) {
	case *query.Term:
		terms = []*query.Term{n}
	case *query.Group:
		for _, cl := range n.Clauses {
			t, ok := cl.Node.(*query.Term)
			if !ok || cl.Occur == query.MustNot || t.Field != "" || t.Prefix {
				return ""
			}
			terms = append(terms, t)
		}
	default:
		return ""
	}
	r, err := s.ix.Bleve().Advanced()
	if err != nil {
		return ""
	}
	ir, err := r.Reader()
	if err != nil {
		return ""
	}
	defer ir.Close()
	fz, ok := ir.(index.IndexReaderFuzzy)
	if !ok {
		return ""
	}
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = t.Text
		if t.Fuzzy == 0 {
			continue
		}
		dict, auto, err := fz.FieldDictFuzzyAutomaton(indexer.FieldBody, strings.ToLower(t.Text), t.Fuzzy, "")
		if err != nil {
			return ""
		}
		// The closest term first, then the one most pages have.
		var best string
		var bestDist uint8
		var most uint64
		for e, err := dict.Next(); err == nil && e != nil; e, err = dict.Next() {
			_, dist := auto.MatchAndDistance(e.Term)
			n := docFreq(ir, e.Term)
			if best == "" || dist < bestDist || dist == bestDist && n > most {
				best, bestDist, most = e.Term, dist, n
			}
		}
		dict.Close()
		if best == "" {
			return ""
		}
		words[i] = best
	}
	return strings.Join(words, " ")
}

// docFreq is how many pages have term in their body (0 when it cannot be read).
func docFreq(ir index.IndexReader, term string) uint64 {
	tfr, err := ir.TermFieldReader(context.Background(), []byte(term), indexer.FieldBody, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}
