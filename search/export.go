package search

import (
	"context"
	"math"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// ExportHit is one document of an export: the document and its best page.
type ExportHit struct {
	Rank     int
	Doc      *indexer.Document
	Score    float64
	BestPage int
}

// Check reports what is wrong with a request's query, filters or sort, without
// running it: for callers that must answer an error before they start streaming.
func Check(req Request) error {
	if _, err := query.Parse(req.Query); err != nil {
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
// and calls emit for each in order, loading documents a chunk at a time. It stops at
// the first error emit returns.
func (s *Searcher) Export(ctx context.Context, req Request, emit func(ExportHit) error) (total int, err error) {
	node, err := query.Parse(req.Query)
	if err != nil {
		return 0, err
	}
	alts, _, err := s.expand(ctx, node, req.XLang, req.Filters.Lang)
	if err != nil {
		return 0, err
	}
	_, q, rs, err := plan(node, alts, req.Filters)
	if err != nil {
		return 0, err
	}
	if err := checkSort(req.Sort); err != nil {
		return 0, err
	}
	order, _, err := s.groups(ctx, q, rs, 0, math.MaxInt, 1)
	if err != nil {
		return 0, err
	}
	ids := idsOf(order)
	if req.Sort == SortNewest || req.Sort == SortOldest {
		best := make(map[string]group, len(order))
		for _, g := range order {
			best[g.id] = g
		}
		dated, err := s.byDate(ctx, ids, req.Sort == SortNewest, len(ids))
		if err != nil {
			return 0, err
		}
		for i := range dated {
			dated[i] = best[dated[i].id]
		}
		order = dated
	}
	rank := 0
	for start := 0; start < len(order); start += exportChunk {
		if err := ctx.Err(); err != nil {
			return rank, err
		}
		chunk := order[start:min(len(order), start+exportChunk)]
		cids := make([]string, len(chunk))
		for i, g := range chunk {
			cids[i] = g.id
		}
		docs, err := s.ix.GetMany(cids)
		if err != nil {
			return rank, err
		}
		for _, g := range chunk {
			d := docs[g.id]
			if d == nil {
				continue
			}
			rank++
			if err := emit(ExportHit{Rank: rank, Doc: d, Score: g.score, BestPage: g.bestPage()}); err != nil {
				return rank, err
			}
		}
	}
	return rank, nil
}
