package search

import (
	"context"
	"math"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// ExportHit is one document of an export: the document and its best page.
type ExportHit struct {
	Rank     int
	Doc      *indexer.Document
	Score    float64
	BestPage int
	// TranslationOf is the ID of the matching document this one translates, when
	// it is listed as such (the query did not match it).
	TranslationOf string
}

// Check reports what is wrong with a request's query, filters or sort, without
// running it: for callers that must answer an error before they start streaming.
func Check(req Request) error {
	if _, err := queryOf(&req); err != nil {
		return err
	}
	if _, err := filterRestrictions(req.Filters); err != nil {
		return err
	}
	return checkSort(req.Sort)
}

// checkSort reports a sort order Search does not know.
func checkSort(sort string) error {
	switch sort {
	case "", SortRelevance, SortNewest, SortOldest:
		return nil
	}
	return InvalidRequest("sort")
}

// exportChunk is how many documents are loaded at a time while exporting.
const exportChunk = 200

// Export runs req over every matching document (req.Page and req.Size are ignored)
// and calls emit for each in the order of the search's result pages, loading
// documents a chunk at a time: the same documents, ranked the same way, with the
// same spelling correction, and the same retry with spelling mistakes allowed when
// nothing matched (neither with req.Verbatim). It stops at the first error emit
// returns.
func (s *Searcher) Export(ctx context.Context, req Request, emit func(ExportHit) error) (total int, err error) {
	if err := checkSort(req.Sort); err != nil {
		return 0, err
	}
	ctx = indexer.WithFuzzyTerms(ctx) // its stages share its fuzzy words' terms
	if ctx, err = s.scoring(ctx); err != nil {
		return 0, err
	}
	req.PagesPerDoc = 1
	node, alts, exps, _, err := s.prepare(ctx, &req)
	if err != nil {
		return 0, err
	}
	also, balance := expandedWords(exps), translated(exps)
	o, err := s.order(ctx, node, alts, also, balance, req, 0, math.MaxInt)
	if err != nil {
		return 0, err
	}
	if o.total == 0 && !req.Verbatim {
		if fuzzy, ok := misspelt(node); ok {
			if o, err = s.order(ctx, fuzzy, alts, also, balance, req, 0, math.MaxInt); err != nil {
				return 0, err
			}
		}
	}
	// The documents without their best page (ranked below the feedback's reach, or
	// by date) get it as the result pages do, in one search.
	var partial []string
	for _, g := range o.order {
		if g.Pages == nil && g.via == "" {
			partial = append(partial, g.ID)
		}
	}
	more, err := s.bestPagesOf(ctx, o.q, o.rs, partial, 1)
	if err != nil {
		return 0, err
	}
	rank := 0
	for start := 0; start < len(o.order); start += exportChunk {
		if err := ctx.Err(); err != nil {
			return rank, err
		}
		chunk := o.order[start:min(len(o.order), start+exportChunk)]
		cids := make([]string, len(chunk))
		for i, g := range chunk {
			cids[i] = g.ID
		}
		docs, err := s.ix.GetMany(cids)
		if err != nil {
			return rank, err
		}
		for _, g := range chunk {
			d := docs[g.ID]
			if d == nil {
				continue
			}
			best := g.bestPage()
			if p, ok := more[g.ID]; ok {
				best = p.bestPage()
			}
			rank++
			if err := emit(ExportHit{Rank: rank, Doc: d, Score: g.Score, BestPage: best, TranslationOf: g.via}); err != nil {
				return rank, err
			}
		}
	}
	return rank, nil
}
