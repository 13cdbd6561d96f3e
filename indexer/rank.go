package indexer

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// Ranking is the outcome of RankDocuments.
type Ranking struct {
	// Docs are the matching documents, best first.
	Docs []RankedDoc
	// Pages counts the matching page records.
	Pages int
}

// RankedDoc is one document of a Ranking.
type RankedDoc struct {
	ID string
	// Score is the document's score: its best page's, plus its evidence, times its
	// prior, as feedback changed it.
	Score float64
	// Best is its best page's score, Evidence what its next best pages added, and
	// Prior the weight of its prior (RankOptions); Score is (Best+Evidence)×Prior
	// unless feedback changed it, times Balance (1 without RankOptions.Balance).
	Best, Evidence, Prior, Balance float64
	// Pages are its best page numbers, best first, for the documents of the window
	// asked for; nil for the others.
	Pages []int
}

// MaxPagesPerDoc bounds the pages per document RankDocuments keeps.
const MaxPagesPerDoc = 20

// RankOptions say what RankDocuments returns and which matches it keeps.
type RankOptions struct {
	// K is how many best pages to return for each document ranked From to To
	// (exclusive).
	K, From, To int
	// Langs, when not nil, keeps only the pages in one of these languages (as
	// indexed: "en", "uk", …); an empty list keeps none.
	Langs []string
	// Allow, when not nil, keeps only the documents it allows (asked once per
	// document and search).
	Allow func(docID string) bool
	// Weight, when not nil, scales a document's score (asked once per matching
	// document and search): a prior on the document, whatever the query.
	Weight func(docID string) float64
	// Evidence, when not zero, adds to a document's score that share of the scores
	// of its next best pages (up to EvidencePages of them): a document that
	// matches on several pages says more than one that matches on one.
	Evidence float64
	// Feedback, when not nil, is shown the best documents of the ranking (up to
	// FeedbackDocs, best first, with their scores) and returns how to score every
	// document again (its ID and score → new score); the documents are then ranked
	// again (pseudo-relevance feedback). A nil function leaves the ranking as it is.
	Feedback func(top []RankedDoc) func(docID string, score float64) float64
	// Balance, when not nil, puts each document in a group (its language) with a
	// weight, and ranks the groups' documents together by their scores divided by
	// their group's best score to the power BalancePower, times the weight (after
	// Feedback): power 1 merges normalised rankings, each group's best document
	// scoring its weight; power 0 changes nothing but the weights. A group's best
	// counts as at least BalanceFloor times the best score of all, so that a group
	// whose best document hardly matches is not lifted to the top.
	Balance      func(docID string) (group string, weight float64)
	BalancePower float64
	BalanceFloor float64
}

// FeedbackDocs is how many of the best documents RankOptions.Feedback is shown.
const FeedbackDocs = 10

// EvidencePages is how many of a document's pages after its best add to its score
// (RankOptions.Evidence).
const EvidencePages = 2

// RankDocuments scores the page records q matches and ranks their documents by
// their best page; records of other kinds that q matches are left out, as are the
// pages opts rule out. Documents whose best pages score the same are ordered by ID,
// and a document's pages that score the same by record order (its pages are
// written together, and merges keep their order): the ranking does not change when
// the index merges its segments in the background.
//
// It reads the matches once, in record order, keeping each document's k best pages:
// no top-N heap of pages, no second pass to count documents, and no deeper request
// for deep result pages or exports. A match costs its score and array lookups; only
// the pages returned have their IDs read. Restrictions by page language and by
// document (opts) are checked here rather than in q, where they would be searchers
// advanced alongside the words' at every match.
func (ix *Index) RankDocuments(ctx context.Context, q Query, opts RankOptions) (*Ranking, error) {
	shown, from, to := opts.K, opts.From, opts.To
	if shown < 1 || shown > MaxPagesPerDoc {
		return nil, fmt.Errorf("rank documents: %d pages per document (1 to %d)", shown, MaxPagesPerDoc)
	}
	k := shown // pages kept per document: those shown, and those that add evidence
	if opts.Evidence > 0 {
		k = max(k, 1+EvidencePages)
	}
	r, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("rank documents: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("rank documents: index reader %T is not scorch's", r)
	}
	tabs, err := ix.docs.segments(snap)
	if err != nil {
		return nil, fmt.Errorf("rank documents: %w", err)
	}
	segs, docIDs := tabs.segs, tabs.ids
	var langOK []bool // by language ordinal
	if opts.Langs != nil {
		langOK = make([]bool, len(tabs.langs))
		for i, l := range tabs.langs {
			langOK[i] = i > 0 && slices.Contains(opts.Langs, l)
		}
	}
	var allowed []int8 // by document ordinal: 0 not asked yet, 1 allowed, -1 not
	if opts.Allow != nil {
		allowed = make([]int8, len(docIDs))
	}
	m := ix.b.Mapping()
	model := index.DefaultScoringModel
	if im, ok := m.(*mapping.IndexMappingImpl); ok && im.ScoringModel == index.BM25Scoring {
		model = index.BM25Scoring
	}
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return model }))
	s, err := q.bleve().Searcher(ctx, r, m, search.SearcherOptions{})
	if err != nil {
		return nil, fmt.Errorf("rank documents: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}

	// Each matching document has a slot; a slot's k best pages are at [slot*k,
	// slot*k+n) of scores and nums, best first.
	slotOf := make([]int32, len(docIDs))
	for i := range slotOf {
		slotOf[i] = -1
	}
	var ords []int32
	var counts []int
	var scores []float64
	var nums []uint64
	pages := 0
	cur := 0 // matches come in record order: the segment only moves forward
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("rank documents: %w", err)
		}
		if dm == nil {
			break
		}
		num, score := dm.IndexInternalID.Value(), dm.Score
		sctx.DocumentMatchPool.Put(dm)
		for cur+1 < len(segs) && segs[cur+1].offset <= num {
			cur++
		}
		if len(segs) == 0 || num-segs[cur].offset >= uint64(len(segs[cur].docOf)) {
			return nil, fmt.Errorf("rank documents: record number %d outside the snapshot", num)
		}
		local := num - segs[cur].offset
		ord := segs[cur].docOf[local]
		if ord < 0 {
			continue // not a page record
		}
		if langOK != nil && !langOK[segs[cur].langOf[local]] {
			continue
		}
		if allowed != nil {
			if allowed[ord] == 0 {
				allowed[ord] = -1
				if opts.Allow(docIDs[ord]) {
					allowed[ord] = 1
				}
			}
			if allowed[ord] < 0 {
				continue
			}
		}
		pages++
		slot := slotOf[ord]
		if slot < 0 {
			slot = int32(len(ords))
			slotOf[ord] = slot
			ords = append(ords, ord)
			counts = append(counts, 0)
			scores = append(scores, make([]float64, k)...)
			nums = append(nums, make([]uint64, k)...)
		}
		// Insert the page among the slot's best, after those scoring as much (they
		// came first).
		base, c := int(slot)*k, counts[slot]
		i := c
		for i > 0 && scores[base+i-1] < score {
			i--
		}
		if i == k {
			continue
		}
		if c < k {
			counts[slot]++
			c++
		}
		copy(scores[base+i+1:base+c], scores[base+i:base+c-1])
		copy(nums[base+i+1:base+c], nums[base+i:base+c-1])
		scores[base+i], nums[base+i] = score, num
	}

	order := make([]int32, len(ords))
	for i := range order {
		order[i] = int32(i)
	}
	docScore := make([]float64, len(ords)) // by slot
	evidence, prior := make([]float64, len(ords)), make([]float64, len(ords))
	for slot, ord := range ords {
		for i := 1; opts.Evidence > 0 && i <= EvidencePages && i < counts[slot]; i++ {
			evidence[slot] += opts.Evidence * scores[slot*k+i]
		}
		prior[slot] = 1
		if opts.Weight != nil {
			prior[slot] = opts.Weight(docIDs[ord])
		}
		docScore[slot] = (scores[slot*k] + evidence[slot]) * prior[slot]
	}
	byScore := func(a, b int32) int {
		sa, sb := docScore[a], docScore[b]
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return strings.Compare(docIDs[ords[a]], docIDs[ords[b]])
	}
	slices.SortFunc(order, byScore)
	if opts.Feedback != nil && len(order) > 1 {
		top := make([]RankedDoc, 0, FeedbackDocs)
		for _, slot := range order[:min(FeedbackDocs, len(order))] {
			top = append(top, RankedDoc{ID: docIDs[ords[slot]], Score: docScore[slot]})
		}
		if again := opts.Feedback(top); again != nil {
			for slot, ord := range ords {
				docScore[slot] = again(docIDs[ord], docScore[slot])
			}
			slices.SortFunc(order, byScore)
		}
	}
	var balance []float64 // nil: 1 for every slot
	if opts.Balance != nil && len(order) > 1 {
		balance = balanceFactors(opts, ords, docIDs, docScore)
		for slot := range ords {
			docScore[slot] *= balance[slot]
		}
		slices.SortFunc(order, byScore)
	}
	out := &Ranking{Docs: make([]RankedDoc, len(order)), Pages: pages}
	var buf []byte
	for rank, slot := range order {
		d := RankedDoc{ID: docIDs[ords[slot]], Score: docScore[slot], Best: scores[int(slot)*k], Evidence: evidence[slot], Prior: prior[slot], Balance: 1}
		if balance != nil {
			d.Balance = balance[slot]
		}
		if rank >= from && rank < to {
			base := int(slot) * k
			for _, num := range nums[base : base+min(counts[slot], shown)] {
				buf = index.NewIndexInternalID(buf, num)
				id, err := snap.ExternalID(buf)
				if err != nil {
					return nil, fmt.Errorf("rank documents: %w", err)
				}
				doc, page, ok := SplitPageID(id)
				if !ok || doc != d.ID {
					return nil, fmt.Errorf("rank documents: record %q is not a page of %s", id, d.ID)
				}
				d.Pages = append(d.Pages, page)
			}
		}
		out.Docs[rank] = d
	}
	return out, nil
}

// balanceFactors are the factors opts.Balance puts on each slot's score: its
// weight over its group's best score to the power opts.BalancePower, a group's
// best counting as at least opts.BalanceFloor times the best of all.
func balanceFactors(opts RankOptions, ords []int32, docIDs []string, docScore []float64) []float64 {
	balance := make([]float64, len(ords))
	group := make([]string, len(ords))
	best := map[string]float64{}
	for slot, ord := range ords {
		group[slot], balance[slot] = opts.Balance(docIDs[ord])
		best[group[slot]] = max(best[group[slot]], docScore[slot])
	}
	top := 0.0
	for _, b := range best {
		top = max(top, b)
	}
	for slot := range ords {
		if b := max(best[group[slot]], top*opts.BalanceFloor); b > 0 {
			balance[slot] /= math.Pow(b, opts.BalancePower)
		}
	}
	return balance
}
