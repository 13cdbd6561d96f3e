package search

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// relatedTerms bounds the words taken from a document to find related ones.
const relatedTerms = 30

// stopWords are words too common to say what a document is about (English and
// Ukrainian), left out of "more like this" queries.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for with from that this these those into over under about their which
		what when where who how are was were been have has had will would should could may might must can not
		its our your they them his her also such than then there here some more most other only very each
		security sector governance handbook toolkit manual report paper policy guide
		та що для від про які який яка або але так його її вони цей ця ці ще також при під через між після
		безпеки сектору сектор врядування посібник`) {
		stopWords[w] = true
	}
}

// Related returns the documents most like document id: those sharing the most
// distinctive words of its title and summary (its editions, site pages and events
// aside), and its translations first, whether or not it has such words.
func (s *Searcher) Related(ctx context.Context, id string, n int) (*Result, error) {
	d, err := s.ix.Get(id)
	if err != nil {
		return nil, err
	}
	if ctx, err = s.scoring(ctx); err != nil {
		return nil, err
	}
	g := &query.Group{}
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(d.Title+" "+d.Summary), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		w = query.Fold(w)
		if len([]rune(w)) < 4 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		g.Clauses = append(g.Clauses, query.Clause{Occur: query.Should, Node: &query.Term{Text: w}})
		if len(g.Clauses) == relatedTerms {
			break
		}
	}
	res := &Result{}
	if len(g.Clauses) > 0 {
		var node query.Node = g
		if len(g.Clauses) == 1 {
			node = g.Clauses[0].Node
		}
		// Not the document itself nor its other editions (listed with it), nor
		// the site's own pages (about, explainers) and events (a publication's
		// launch shares its words): related means other publications.
		not := []indexer.Query{indexer.Filter(indexer.FieldDocID, id),
			indexer.Filter(indexer.FieldType, indexer.TypePage), indexer.Filter(indexer.FieldType, indexer.TypeEvent)}
		for _, e := range d.Editions {
			if e.ID != "" {
				not = append(not, indexer.Filter(indexer.FieldDocID, e.ID))
			}
		}
		self := indexer.Bool(nil, nil, not, 0)
		if res, err = s.search(ctx, time.Now(), node, nil, nil, false, Request{Page: 1, Size: n, PagesPerDoc: 1}, self); err != nil {
			return nil, err
		}
	}
	// Translations of the document are the most related of all: they come first,
	// whether or not they share its words.
	var tids []string
	for _, t := range d.Translations {
		if t.ID != "" {
			tids = append(tids, t.ID)
		}
	}
	tdocs, err := s.ix.GetMany(tids)
	if err != nil {
		return nil, err
	}
	var hits []Hit
	added := 0 // translations the search did not find
	for _, tid := range tids {
		if td := tdocs[tid]; td != nil {
			hits = append(hits, Hit{Doc: td})
			added++
		}
	}
	for _, h := range res.Hits {
		if tdocs[h.Doc.ID] == nil {
			hits = append(hits, h)
		} else {
			added--
		}
	}
	res.Hits = hits[:min(len(hits), n)]
	res.Total = max(res.Total+max(0, added), len(res.Hits))
	res.Query = "related:" + id
	return res, nil
}
