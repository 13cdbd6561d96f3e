package indexer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// Ranking is the outcome of RankDocuments.
type Ranking struct {
	// Docs are the matching documents, best first up to the window's end
	// (RankOptions.To) and, when refined, as far as the RefineDocs and RefinePages
	// first go; those after come in no set order: they are counted, not shown.
	Docs []RankedDoc
	// Pages counts the matching page records.
	Pages int
}

// RankedDoc is one document of a Ranking.
type RankedDoc struct {
	DocRef
	// Score is the document's score: its best page's, plus its evidence, times its
	// prior, as feedback changed it.
	Score float64
	// Best is its best page's score, Evidence what its next best pages added, and
	// Prior the weight of its prior (RankOptions); Score is (Best+Evidence)×Prior
	// unless feedback changed it, times Balance (1 without RankOptions.Balance).
	Best, Evidence, Prior, Balance float64
	// Pages are its best page numbers, best first, for the documents of the window
	// asked for; nil for the others. PageScores are their scores, as ranked.
	Pages      []int
	PageScores []float64
}

// DocRef names a document of the index: its ID and its ordinal, a number the
// Index gives each document ID for as long as it is open (DocOrdinals), counting
// from 0, by which a caller may keep what it knows of each document in a slice
// rather than a map keyed by ID.
type DocRef struct {
	ID  string
	Ord int32
}

// DocOrdinals returns the ordinal of each document ID of ids (DocRef.Ord), the
// same as its rankings give, whether or not the index holds the document yet.
func (ix *Index) DocOrdinals(ids []string) []int32 { return ix.docs.ordinals(ids) }

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
	// Allow, when not nil, keeps only the documents it allows (asked once for
	// each document of the index, before the pass).
	Allow func(doc DocRef) bool
	// AllowKey, when not nil, names what Allow allows (a comparable value): the
	// records kept for one key and Langs are found once for the index's segments
	// and kept for the next rankings with the same (keptCache). Allow must then
	// answer the same for a document whenever the key is the same.
	AllowKey any
	// Weight, when not nil, scales a document's score (asked once per matching
	// document and search): a prior on the document, whatever the query.
	Weight func(doc DocRef) float64
	// Evidence, when not zero, adds to a document's score that share of the scores
	// of its next best pages (up to EvidencePages of them): a document that
	// matches on several pages says more than one that matches on one.
	Evidence float64
	// Feedback, when not nil, is shown the best documents of the ranking (up to
	// FeedbackDocs, best first, with their scores) and returns how to score every
	// document again (the document and its score → new score); the documents are
	// then ranked again (pseudo-relevance feedback). A nil function leaves the
	// ranking as it is.
	Feedback func(top []RankedDoc) func(doc DocRef, score float64) float64
	// Balance, when not nil, puts each document in a group (its language: groups
	// are few) with a weight, and ranks the groups' documents together by their
	// scores divided by their group's best score to the power BalancePower, times
	// the weight (after Feedback): power 1 merges normalised rankings, each
	// group's best document scoring its weight; power 0 changes nothing but the
	// weights. A group's best counts as at least BalanceFloor times the best score
	// of all, so that a group whose best document hardly matches is not lifted to
	// the top.
	Balance      func(doc DocRef) (group string, weight float64)
	BalancePower float64
	BalanceFloor float64
	// Refine, when not nil, is shown the ranking made (to read, not to keep: it is
	// reused), with the pages of its window and of its first RefinePages
	// documents, and returns a query (or nil: the ranking stays) whose score is
	// added to the scores of the pages of the first RefineDocs documents that it
	// matches (as a clause Bool(q, it) does not require). Those documents are
	// ranked again, as above, and come first, followed by the others as they
	// were: pseudo-relevance feedback without reading q again.
	Refine     func(first *Ranking) (Query, error)
	RefineDocs int
	// RefinePages is how many of the first documents of the ranking Refine is
	// shown have their pages there, besides those of the window: the pages
	// feedback reads, when the window is further down.
	RefinePages int
}

// PrepareRanking reads the tables RankDocuments reads of the index's segments
// (each page record's document, language and page number; about a quarter of a
// second at a million pages) where it has not yet, so that the first ranking does
// not wait for them.
func (ix *Index) PrepareRanking(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("prepare ranking: %w", err)
	}
	snap, err := ix.snapshot()
	if err != nil {
		return fmt.Errorf("prepare ranking: %w", err)
	}
	defer snap.Close()
	if _, err := ix.docs.segments(snap); err != nil {
		return fmt.Errorf("prepare ranking: %w", err)
	}
	return nil
}

// FeedbackDocs is how many of the best documents RankOptions.Feedback is shown.
const FeedbackDocs = 10

// EvidencePages is how many of a document's pages after its best add to its score
// (RankOptions.Evidence).
const EvidencePages = 2

// RankDocuments scores the page records q matches and ranks their documents by
// their best page; records of other kinds that q matches are left out, as are the
// pages opts rule out. Documents whose best pages score the same are ordered by ID,
// and a document's pages that score the same by page number: the ranking depends
// on the index's content, not on the order Bleve wrote its records in (which
// differs from one build of the same documents to the next) nor on its merges.
//
// It reads the matches once, in record order, keeping each document's k best pages:
// no top-N heap of pages, no second pass to count documents, and no deeper request
// for deep result pages or exports. A match costs its score and array lookups (its
// document, language and page number): no record's ID is read. Restrictions by
// page language and by document (opts) are applied where q's term readers read
// the postings (keptReader): the records they leave out are skipped there, before
// any of q's searchers scores, intersects or checks a phrase at them. On a large
// index, while cores are idle, the pass is split by record number into parts read
// on goroutines of their own (rankParts) and merged as one pass would have kept
// them: the same ranking, in less time. With opts.Refine, the pass also keeps
// every match (20 bytes each: record number, score, document ordinal), so that the
// refining query is read at the refined documents' pages only, on the same
// snapshot, in the same parts. Scores are q's without Bleve's query normalisation
// (root), with the field lengths ctx gives (WithFieldLengths).
func (ix *Index) RankDocuments(ctx context.Context, q Query, opts RankOptions) (*Ranking, error) {
	shown := opts.K
	if shown < 1 || shown > MaxPagesPerDoc {
		return nil, fmt.Errorf("rank documents: %d pages per document (1 to %d)", shown, MaxPagesPerDoc)
	}
	k := shown // pages kept per document: those shown, and those that add evidence
	if opts.Evidence > 0 {
		k = max(k, 1+EvidencePages)
	}
	snap, err := ix.snapshot()
	if err != nil {
		return nil, fmt.Errorf("rank documents: %w", err)
	}
	defer snap.Close()
	var r index.IndexReader = snap
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
	m := ix.b.Mapping()
	model := index.DefaultScoringModel
	if im, ok := m.(*mapping.IndexMappingImpl); ok && im.ScoringModel == index.BM25Scoring {
		model = index.BM25Scoring
	}
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return model }))
	if ctx, err = scoring(ctx, r); err != nil {
		return nil, fmt.Errorf("rank documents: %w", err)
	}
	sc := &scan{segs: segs, docIDs: docIDs, k: k, all: opts.Refine != nil}
	var records uint64
	if len(segs) > 0 {
		last := segs[len(segs)-1]
		records = last.offset + uint64(len(last.docOf))
	}
	if langOK != nil || opts.Allow != nil {
		find := func() recordSet { return keptRecords(segs, records, docIDs, langOK, opts.Allow) }
		if opts.AllowKey != nil || opts.Allow == nil {
			langs := "\x00any"
			if opts.Langs != nil {
				langs = strings.Join(opts.Langs, "\x00")
			}
			sc.kept = ix.kept.get(snap, keptCacheKey{opts.AllowKey, langs}, find)
		} else {
			sc.kept = find()
		}
	}
	ranking.Add(1)
	defer ranking.Add(-1)
	work := records
	if sc.kept != nil {
		work = sc.kept.count()
	}
	bounds := split(segs, records, rankParts(work), sc.kept)
	parts, err := inParts(len(bounds)-1, func(i int) (*scanPart, error) { return sc.run(ctx, q, r, m, bounds[i], bounds[i+1]) })
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("rank documents: %w", err)
	}
	blocks := make([]int, len(parts)+1) // where each part's matches start and end once merged
	for i, p := range parts {
		blocks[i+1] = blocks[i] + len(p.matches.blocks)
	}
	found := mergeParts(parts, len(docIDs), k)
	defer func() {
		found.matches.recycle() // read by the refining pass, then by none
		found.recycle()
	}()
	first := 0 // the first documents that have their pages, whatever the window
	if opts.Refine != nil {
		first = opts.RefinePages
	}
	docs, order := rankSlots(found, docIDs, k, opts, first)
	out := &Ranking{Docs: docs, Pages: found.pages}
	if opts.Refine == nil || len(docs) == 0 {
		return out, nil
	}
	extra, err := opts.Refine(out)
	if err != nil {
		return nil, err
	}
	// Pages outside the window were for Refine only.
	outside := func(docs []RankedDoc, from int) {
		for i := from; i < min(first, len(docs)); i++ {
			if i < opts.From || i >= opts.To {
				docs[i].Pages, docs[i].PageScores = nil, nil
			}
		}
	}
	if extra == nil {
		outside(out.Docs, 0)
		return out, nil
	}
	n := min(opts.RefineDocs, len(docs))
	refined, err := inParts(len(parts), func(i int) (*scanPart, error) {
		return sc.refine(ctx, extra, r, m, found.matches.blocks[blocks[i]:blocks[i+1]], found.ords, order[:n])
	})
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("rank documents: refine: %w", err)
	}
	again := mergeParts(refined, len(docIDs), k)
	defer again.recycle()
	again.pages = found.pages
	docs, _ = rankSlots(again, docIDs, k, opts, 0)
	// The refined documents take the first places of the ranking shown to Refine,
	// which is not kept (RankOptions.Refine): no second array of every document.
	if len(docs) == n {
		copy(out.Docs, docs)
		docs = out.Docs
	} else {
		docs = append(docs, out.Docs[n:]...)
	}
	outside(docs, n)
	return &Ranking{Docs: docs, Pages: out.Pages}, nil
}

// rankSlots ranks the documents a pass found (its slots) by their best pages'
// scores, evidence and priors, then feedback and balance, as opts say; it returns
// them best first with the pages of the window opts ask for and of the first
// documents (first of them), and the slots in that order.
func rankSlots(found *scanPart, docIDs []string, k int, opts RankOptions, first int) ([]RankedDoc, []int32) {
	ords, counts, scores, pageNums := found.ords, found.counts, found.scores, found.pageNums
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
			prior[slot] = opts.Weight(DocRef{docIDs[ord], ord})
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
	// One sort, by the final scores; feedback is shown the best before it.
	if opts.Feedback != nil && len(order) > 1 {
		top := make([]RankedDoc, 0, FeedbackDocs)
		for _, slot := range bestSlots(order, FeedbackDocs, byScore) {
			top = append(top, RankedDoc{DocRef: DocRef{docIDs[ords[slot]], ords[slot]}, Score: docScore[slot]})
		}
		if again := opts.Feedback(top); again != nil {
			for slot, ord := range ords {
				docScore[slot] = again(DocRef{docIDs[ord], ord}, docScore[slot])
			}
		}
	}
	var balance []float64 // nil: 1 for every slot
	if opts.Balance != nil && len(order) > 1 {
		balance = balanceFactors(opts, ords, docIDs, docScore)
		for slot := range ords {
			docScore[slot] *= balance[slot]
		}
	}
	// Only the documents up to the window's end, and those Refine reads, are put in
	// order: the others are counted, not shown.
	ordered := max(opts.To, first)
	if opts.Refine != nil {
		ordered = max(ordered, opts.RefineDocs)
	}
	order = orderFirst(order, ordered, byScore)
	docs := make([]RankedDoc, len(order))
	for rank, slot := range order {
		d := RankedDoc{DocRef: DocRef{docIDs[ords[slot]], ords[slot]}, Score: docScore[slot], Best: scores[int(slot)*k], Evidence: evidence[slot], Prior: prior[slot], Balance: 1}
		if balance != nil {
			d.Balance = balance[slot]
		}
		if rank >= opts.From && rank < opts.To || rank < first {
			base := int(slot) * k
			for j, page := range pageNums[base : base+min(counts[slot], opts.K)] {
				d.Pages = append(d.Pages, int(page))
				d.PageScores = append(d.PageScores, scores[base+j])
			}
		}
		docs[rank] = d
	}
	return docs, order
}

// orderFirst puts the first n of slots (numbered 0 to len(slots)-1) in the order
// cmp says (a total order), followed by the others in no set order; it returns the
// slots so ordered. When n is a small share of the slots, they are picked
// (bestSlots) rather than all sorted.
func orderFirst(slots []int32, n int, cmp func(a, b int32) int) []int32 {
	if n >= len(slots)/pickShare {
		slices.SortFunc(slots, cmp)
		return slots
	}
	top := bestSlots(slots, n, cmp)
	in := make([]bool, len(slots)) // by slot
	for _, s := range top {
		in[s] = true
	}
	out := append(make([]int32, 0, len(slots)), top...)
	for _, s := range slots {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}

// pickShare is the share of the slots (one in so many) below which orderFirst
// picks the first rather than sorting all: picking compares each slot with the
// last picked once, and moves the few that go in; sorting compares each about
// log2(len) times. (A variable for tests.)
var pickShare = 16

// bestSlots returns the first n of slots in the order cmp says (a total order),
// without sorting them all.
func bestSlots(slots []int32, n int, cmp func(a, b int32) int) []int32 {
	if n <= 0 {
		return nil
	}
	top := make([]int32, 0, n+1)
	for _, s := range slots {
		if len(top) == n && cmp(s, top[n-1]) >= 0 {
			continue
		}
		// After those it does not precede: a binary search, the slots a total order.
		i, _ := slices.BinarySearchFunc(top, s, cmp)
		top = slices.Insert(top, i, s)
		top = top[:min(len(top), n)]
	}
	return top
}

// balanceFactors are the factors opts.Balance puts on each slot's score: its
// weight over its group's best score to the power opts.BalancePower, a group's
// best counting as at least opts.BalanceFloor times the best of all.
func balanceFactors(opts RankOptions, ords []int32, docIDs []string, docScore []float64) []float64 {
	balance := make([]float64, len(ords))
	group := make([]int, len(ords)) // index into names and best
	var names []string              // few: the groups are languages
	var best []float64
	for slot, ord := range ords {
		name, w := opts.Balance(DocRef{docIDs[ord], ord})
		g := slices.Index(names, name)
		if g < 0 {
			g, names, best = len(names), append(names, name), append(best, 0)
		}
		group[slot], balance[slot] = g, w
		best[g] = max(best[g], docScore[slot])
	}
	top := 0.0
	for _, b := range best {
		top = max(top, b)
	}
	div := make([]float64, len(best)) // by group; 0: none
	for g, b := range best {
		if b = max(b, top*opts.BalanceFloor); b > 0 {
			div[g] = math.Pow(b, opts.BalancePower)
		}
	}
	for slot, g := range group {
		if div[g] > 0 {
			balance[slot] /= div[g]
		}
	}
	return balance
}

// scan is what each part of RankDocuments' one pass over the matches reads.
type scan struct {
	segs   []segTable
	docIDs []string
	// kept, when not nil, are the page records the pass keeps (of the languages
	// and documents asked for); nil: every page record.
	kept recordSet
	k    int  // pages kept per document
	all  bool // keep every match too (scanPart.matches), for refine
}

// keptRecords are the page records of the snapshot (segs, of so many records)
// that are in a language langOK allows (by language ordinal; nil: any) and of a
// document allow allows (nil: any; asked once for each document ordinal of
// docIDs, before the pass).
func keptRecords(segs []segTable, records uint64, docIDs []string, langOK []bool, allow func(DocRef) bool) recordSet {
	kept := newRecordSet(records)
	// 1 where kept, 0 where not: by document ordinal + 1 (0: not a page record)
	// and by language ordinal, for a pass without branches.
	docKept := make([]uint8, len(docIDs)+1)
	for ord, id := range docIDs {
		if allow == nil || allow(DocRef{id, int32(ord)}) {
			docKept[ord+1] = 1
		}
	}
	var langKept [256]uint8
	for l := range langKept {
		if langOK == nil || l < len(langOK) && langOK[l] {
			langKept[l] = 1
		}
	}
	for _, seg := range segs {
		langOf := seg.langOf[:len(seg.docOf)]
		for local, ord := range seg.docOf {
			n := seg.offset + uint64(local)
			kept[n/64] |= uint64(docKept[ord+1]&langKept[langOf[local]]) << (n % 64)
		}
	}
	return kept
}

// scanPart is what one part of the pass found: each matching document has a slot
// (ords gives its ordinal); a slot's best pages are at [slot*k, slot*k+counts[slot])
// of scores and pageNums (page numbers), best first (by score, then page number),
// and pages counts the matching pages.
type scanPart struct {
	ords     []int32
	counts   []int
	scores   []float64
	pageNums []int32
	pages    int
	// matches are every matching page in record order, when scan.all says so.
	matches matches
}

// matches are pages that matched, in the order added: document ordinal, record
// number and score, in blocks, so that neither adding nor joining copies them.
type matches struct{ blocks []*matchBlock }

// matchBlock holds matches, up to its capacity: the first block of a list holds
// 64, each next twice as many as the one before, up to matchBlockSize.
type matchBlock struct {
	ords   []int32
	nums   []uint64
	scores []float64
}

var matchBlockSize = 4096 // a variable for tests

// add adds a match.
func (m *matches) add(ord int32, num uint64, score float64) {
	n := len(m.blocks)
	if n == 0 || len(m.blocks[n-1].ords) == cap(m.blocks[n-1].ords) {
		size := min(64, matchBlockSize)
		if n > 0 {
			size = min(2*cap(m.blocks[n-1].ords), matchBlockSize)
		}
		var b *matchBlock
		if size == matchBlockSize {
			b, _ = blockPool.Get().(*matchBlock)
		}
		if b == nil {
			b = &matchBlock{make([]int32, 0, size), make([]uint64, 0, size), make([]float64, 0, size)}
		}
		m.blocks = append(m.blocks, b)
	}
	b := m.blocks[len(m.blocks)-1]
	b.ords, b.nums, b.scores = append(b.ords, ord), append(b.nums, num), append(b.scores, score)
}

// blockPool keeps full-sized match blocks (matchBlockSize) for the next
// rankings: a refined term query at a million pages keeps hundreds of
// thousands of matches, whose blocks each ranking would otherwise allocate
// anew and the collector sweep.
var blockPool sync.Pool

// recycle empties m's full-sized blocks, which nothing reads any more, into
// blockPool.
func (m *matches) recycle() {
	for _, b := range m.blocks {
		if cap(b.ords) == matchBlockSize {
			b.ords, b.nums, b.scores = b.ords[:0], b.nums[:0], b.scores[:0]
			blockPool.Put(b)
		}
	}
	m.blocks = nil
}

// slot returns the slot of document ordinal ord in p, given slotOf (by ordinal, -1:
// none yet), adding it when it has none.
func (p *scanPart) slot(slotOf []int32, ord int32, k int) int32 {
	slot := slotOf[ord]
	if slot < 0 {
		slot = int32(len(p.ords))
		slotOf[ord] = slot
		p.ords = append(p.ords, ord)
		p.counts = append(p.counts, 0)
		p.scores = append(p.scores, make([]float64, k)...)
		p.pageNums = append(p.pageNums, make([]int32, k)...)
	}
	return slot
}

// keep puts page number page with its score among slot's k best: after those
// scoring more, and those scoring as much with a lower page number.
func (p *scanPart) keep(slot int32, k int, page int32, score float64) {
	base, c := int(slot)*k, p.counts[slot]
	i := c
	for i > 0 && before(score, page, p.scores[base+i-1], p.pageNums[base+i-1]) {
		i--
	}
	if i == k {
		return
	}
	if c < k {
		p.counts[slot]++
		c++
	}
	copy(p.scores[base+i+1:base+c], p.scores[base+i:base+c-1])
	copy(p.pageNums[base+i+1:base+c], p.pageNums[base+i:base+c-1])
	p.scores[base+i], p.pageNums[base+i] = score, page
}

// before reports whether a page of a document scoring score with page number
// page ranks before one scoring score2 with page2: a higher score first, then
// the lower page number.
func before(score float64, page int32, score2 float64, page2 int32) bool {
	return score > score2 || score == score2 && page < page2
}

// run scores the page records q matches among record numbers [from, to), keeping
// each document's k best pages.
func (sc *scan) run(ctx context.Context, q Query, r index.IndexReader, m mapping.IndexMapping, from, to uint64) (*scanPart, error) {
	if sc.kept != nil {
		ctx = withKept(ctx, sc.kept) // the term readers skip the records left out
	}
	s, err := root(q).Searcher(ctx, r, m, search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	sctx := searchContext(s, r)
	segs, k := sc.segs, sc.k
	slotOf := slotsFor(len(sc.docIDs))
	out := newPart()
	defer func() { releaseSlots(slotOf, out.ords) }()
	at := segCursor{segs: segs} // matches come in record order
	var buf []byte
	skip := from // when not 0, the record to read on from: the searcher is advanced to it
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var dm *search.DocumentMatch
		if skip > 0 {
			buf = index.NewIndexInternalID(buf, skip)
			dm, err = s.Advance(sctx, buf)
			skip = 0
		} else {
			dm, err = s.Next(sctx)
		}
		if err != nil {
			return nil, err
		}
		if dm == nil {
			break
		}
		num, score := dm.IndexInternalID.Value(), dm.Score
		sctx.DocumentMatchPool.Put(dm)
		if num >= to {
			break
		}
		seg, local, err := at.find(num)
		if err != nil {
			return nil, err
		}
		ord := seg.docOf[local]
		if sc.kept != nil && !sc.kept.has(num) {
			// A match not read through term readers (every record, for browsing):
			// on to the next record kept.
			next, ok := sc.kept.next(num + 1)
			if !ok {
				break
			}
			skip = next
			continue
		}
		if ord < 0 {
			continue // not a page record
		}
		out.pages++
		if sc.all {
			out.matches.add(ord, num, score)
		}
		out.keep(out.slot(slotOf, ord, k), k, seg.pageOf[local], score)
	}
	return out, nil
}

// segCursor finds the segments of record numbers asked for in increasing
// order: it only moves forward.
type segCursor struct {
	segs []segTable
	cur  int
}

// find returns the segment of record number num and num's number within it.
func (c *segCursor) find(num uint64) (*segTable, uint64, error) {
	for c.cur+1 < len(c.segs) && c.segs[c.cur+1].offset <= num {
		c.cur++
	}
	if len(c.segs) == 0 || num < c.segs[c.cur].offset || num-c.segs[c.cur].offset >= uint64(len(c.segs[c.cur].docOf)) {
		return nil, 0, fmt.Errorf("record number %d outside the snapshot", num)
	}
	return &c.segs[c.cur], num - c.segs[c.cur].offset, nil
}

// refine ranks again the documents in slots (their ordinals in ords): each of
// their pages among matches scores what it scored plus what extra scores it, and
// they keep their k best pages by that score. It reads extra's matches at those
// pages only, and counts no pages.
func (sc *scan) refine(ctx context.Context, extra Query, r index.IndexReader, m mapping.IndexMapping, matches []*matchBlock, ords, slots []int32) (*scanPart, error) {
	s, err := root(extra).Searcher(ctx, r, m, search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	sctx := searchContext(s, r)
	slotOf := slotsFor(len(sc.docIDs))
	out := newPart()
	defer func() { releaseSlots(slotOf, out.ords) }()
	for _, slot := range slots { // the slots in the order given, whatever pages say
		out.slot(slotOf, ords[slot], sc.k)
	}
	var next *search.DocumentMatch // extra's first match at or after the page asked last
	done := false
	var buf []byte
	at := segCursor{segs: sc.segs} // the matches are in record order
	for _, b := range matches {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for i, ord := range b.ords {
			if slotOf[ord] < 0 {
				continue // not a document refined
			}
			num, score := b.nums[i], b.scores[i]
			if !done && (next == nil || next.IndexInternalID.Value() < num) {
				if next != nil {
					sctx.DocumentMatchPool.Put(next)
				}
				buf = index.NewIndexInternalID(buf, num)
				if next, err = s.Advance(sctx, buf); err != nil {
					return nil, err
				}
				done = next == nil
			}
			if next != nil && next.IndexInternalID.Value() == num {
				score += next.Score
			}
			seg, local, err := at.find(num)
			if err != nil {
				return nil, err
			}
			out.keep(slotOf[ord], sc.k, seg.pageOf[local], score)
		}
	}
	return out, nil
}

// inParts runs part(0) to part(n-1), on goroutines of their own when n > 1, and
// returns what they found, in order.
func inParts(n int, part func(i int) (*scanPart, error)) ([]*scanPart, error) {
	parts := make([]*scanPart, n)
	errs := make([]error, n)
	if n == 1 {
		parts[0], errs[0] = part(0)
	} else {
		var wg sync.WaitGroup
		for i := range parts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				parts[i], errs[i] = part(i)
			}()
		}
		wg.Wait()
	}
	return parts, errors.Join(errs...)
}

// partPool and slotPool keep what the passes of a ranking allocate by matching
// document (a scanPart's slices) and by document of the index (slot tables) for
// the next rankings: at a million pages a term query's come to megabytes, which
// each ranking would otherwise allocate anew and the collector sweep.
var partPool, slotPool sync.Pool

// newPart is an empty scanPart, one recycled when there is one.
func newPart() *scanPart {
	if p, ok := partPool.Get().(*scanPart); ok {
		return p
	}
	return &scanPart{}
}

// recycle empties p, which nothing reads any more, for another pass. Its matches
// are not its to recycle: mergeParts moves them to the whole, whose full-sized
// blocks RankDocuments recycles once the refining pass has read them
// (matches.recycle).
func (p *scanPart) recycle() {
	*p = scanPart{ords: p.ords[:0], counts: p.counts[:0], scores: p.scores[:0], pageNums: p.pageNums[:0]}
	partPool.Put(p)
}

// slotsFor is a slot for each of so many document ordinals: none yet (-1).
func slotsFor(docs int) []int32 {
	if s, ok := slotPool.Get().(*[]int32); ok && cap(*s) >= docs {
		return (*s)[:docs]
	}
	slotOf := make([]int32, docs)
	for i := range slotOf {
		slotOf[i] = -1
	}
	return slotOf
}

// releaseSlots empties the slots of ords, the only ones slotOf has, and keeps it
// for another pass.
func releaseSlots(slotOf, ords []int32) {
	for _, ord := range ords {
		slotOf[ord] = -1
	}
	slotOf = slotOf[:cap(slotOf)]
	slotPool.Put(&slotOf)
}

// searchContext is what searcher s is read with, on reader r.
func searchContext(s search.Searcher, r index.IndexReader) *search.SearchContext {
	return &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
}

// mergeParts joins the parts of a pass, in record order, into one: a document found
// by two parts (its pages on both sides of a boundary) keeps its k best pages of
// both, as one pass would.
// The first part becomes the whole.
func mergeParts(parts []*scanPart, docs, k int) *scanPart {
	out := parts[0] // the first part's slots come first: extended, not copied
	slotOf := slotsFor(docs)
	defer func() { releaseSlots(slotOf, out.ords) }()
	for slot, ord := range out.ords {
		slotOf[ord] = int32(slot)
	}
	for _, p := range parts[1:] {
		out.pages += p.pages
		out.matches.blocks = append(out.matches.blocks, p.matches.blocks...)
		for ps, ord := range p.ords {
			from, to := ps*k, ps*k+p.counts[ps]
			slot := slotOf[ord]
			if slot < 0 {
				slotOf[ord] = int32(len(out.ords))
				out.ords = append(out.ords, ord)
				out.counts = append(out.counts, p.counts[ps])
				out.scores = append(out.scores, p.scores[from:from+k]...)
				out.pageNums = append(out.pageNums, p.pageNums[from:from+k]...)
				continue
			}
			base := int(slot) * k
			a := bestPages{out.scores[base : base+out.counts[slot]], out.pageNums[base : base+out.counts[slot]]}
			m := mergeBest(a, bestPages{p.scores[from:to], p.pageNums[from:to]}, k)
			out.counts[slot] = len(m.scores)
			copy(out.scores[base:base+k], m.scores)
			copy(out.pageNums[base:base+k], m.pageNums)
		}
		p.recycle() // its matches are out's now
	}
	return out
}

// bestPages are a document's best pages, best first (before): their scores and
// page numbers.
type bestPages struct {
	scores   []float64
	pageNums []int32
}

// mergeBest merges two lists of a document's pages, best first, into the k
// best.
func mergeBest(a, b bestPages, k int) bestPages {
	out := bestPages{make([]float64, 0, k), make([]int32, 0, k)}
	i, j := 0, 0
	for len(out.scores) < k && (i < len(a.scores) || j < len(b.scores)) {
		from, at := &a, i
		if j < len(b.scores) && (i == len(a.scores) || before(b.scores[j], b.pageNums[j], a.scores[i], a.pageNums[i])) {
			from, at = &b, j
			j++
		} else {
			i++
		}
		out.scores = append(out.scores, from.scores[at])
		out.pageNums = append(out.pageNums, from.pageNums[at])
	}
	return out
}

// rankMinRecords is how many records each part of RankDocuments' pass reads at
// least: below that, a second goroutine and searcher cost more than they save.
const rankMinRecords = 1 << 13

// ranking counts the RankDocuments calls under way, of every index.
var ranking atomic.Int64

// rankParts is how many parts RankDocuments' pass over so many records (those
// its restrictions keep, when they keep some) is split into, each read on its
// own goroutine: the cores left to each of the passes under way (when many
// searches run at once, each has one part: splitting would only add work), each
// part of at least rankMinRecords records. (A variable for tests.)
var rankParts = func(records uint64) int {
	cores := uint64(runtime.GOMAXPROCS(0)) / uint64(max(1, ranking.Load()))
	return int(max(1, min(cores, records/rankMinRecords)))
}

// split is how RankDocuments splits its pass (a variable for tests, which also
// cut documents).
var split = splitRecords

// splitRecords splits record numbers [0, records) into n parts of about the same
// size, returning the n+1 bounds: as many records each, or as many of those kept
// when kept is not nil (a bulk build writes the records of a language and a year
// side by side, WriteOrder, so that a restriction's records are a few long runs:
// parts of as many record numbers would leave one part all the work). A bound is
// moved forward past the pages of the document it would cut, so that a
// document's pages are read by one part where they lie together (Bleve numbers
// a batch's records in no set order: the parts' merge joins a document's pages
// wherever they are).
func splitRecords(segs []segTable, records uint64, n int, kept recordSet) []uint64 {
	var total uint64
	if kept != nil {
		total = kept.count()
	}
	bounds := []uint64{0}
	at := segCursor{segs: segs} // the bounds only move forward
	for i := 1; i < n; i++ {
		b := records * uint64(i) / uint64(n)
		if kept != nil {
			b = records
			if nth, ok := kept.nth(total * uint64(i) / uint64(n)); ok {
				b = nth
			}
		}
		b = max(b, bounds[len(bounds)-1])
		if s, local, err := at.find(b); err == nil {
			for local > 0 && local < uint64(len(s.docOf)) && s.docOf[local] >= 0 && s.docOf[local] == s.docOf[local-1] {
				local++
			}
			b = s.offset + local
		}
		if b > bounds[len(bounds)-1] && b < records {
			bounds = append(bounds, b)
		}
	}
	return append(bounds, records)
}
