package search

import (
	"context"
	"strings"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// suggest writes a spelling-tolerant query (see fuzzify) as the words the index
// has: each fuzzy word becomes the closest term of the index, of those equally
// close the one most pages contain ("polise intgrity" → "police integrity"). Only a query of plain words,
// fuzzy or not, gets a suggestion; "" otherwise, or when the index cannot be read.
func (s *Searcher) suggest(ctx context.Context, n query.Node) string {
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
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = t.Text
		if t.Fuzzy == 0 {
			continue
		}
		best, err := s.ix.Closest(ctx, indexer.FieldBody, strings.ToLower(t.Text), t.Fuzzy)
		if err != nil || best == "" {
			return ""
		}
		words[i] = best
	}
	return strings.Join(words, " ")
}
