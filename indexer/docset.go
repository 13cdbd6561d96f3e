package indexer

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// MatchingDocuments runs q without scoring and returns the IDs of the documents
// that have a matching page record (in no particular order) and the number of
// matching page records; other records q matches are not counted.
//
// Asking Bleve for this (a terms facet on the document ID) reads the document ID's
// doc value for every matching page, which cost a search more than ranking the
// pages did. Here each index segment's page records are mapped to documents once,
// when the segment is first seen (segments never change), and a match costs an
// array lookup.
func (ix *Index) MatchingDocuments(ctx context.Context, q query.Query) ([]string, int, error) {
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil, 0, fmt.Errorf("matching documents: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, 0, fmt.Errorf("matching documents: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return ix.matchingByFacet(ctx, q)
	}
	segs, docIDs, err := ix.docs.segments(snap)
	if err != nil {
		return nil, 0, fmt.Errorf("matching documents: %w", err)
	}
	s, err := q.Searcher(ctx, r, ix.b.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, 0, fmt.Errorf("matching documents: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
	seen := make([]bool, len(docIDs))
	var ids []string
	pages := 0
	cur := 0 // hits come in document number order: the segment only moves forward
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, 0, fmt.Errorf("matching documents: %w", err)
		}
		if dm == nil {
			break
		}
		num := dm.IndexInternalID.Value()
		sctx.DocumentMatchPool.Put(dm)
		for cur+1 < len(segs) && segs[cur+1].offset <= num {
			cur++
		}
		if len(segs) == 0 || num-segs[cur].offset >= uint64(len(segs[cur].docOf)) {
			return nil, 0, fmt.Errorf("matching documents: record number %d outside the snapshot", num)
		}
		ord := segs[cur].docOf[num-segs[cur].offset]
		if ord < 0 {
			continue // not a page record
		}
		pages++
		if !seen[ord] {
			seen[ord] = true
			ids = append(ids, docIDs[ord])
		}
	}
	return ids, pages, nil
}

// matchingByFacet is MatchingDocuments through a Bleve terms facet, for index
// types other than scorch.
func (ix *Index) matchingByFacet(ctx context.Context, q query.Query) ([]string, int, error) {
	q = query.NewConjunctionQuery([]query.Query{q, kindQuery(KindPage)})
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sr.Score = "none"
	sr.AddFacet("docs", bleve.NewFacetRequest(FieldDocID, 1<<30))
	res, err := ix.b.SearchInContext(ctx, sr)
	if err != nil {
		return nil, 0, fmt.Errorf("matching documents: %w", err)
	}
	var ids []string
	if f := res.Facets["docs"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			ids = append(ids, t.Term)
		}
	}
	return ids, int(res.Total), nil
}

// kindQuery matches the records of one kind.
func kindQuery(kind string) query.Query {
	t := query.NewTermQuery(kind)
	t.SetField(FieldKind)
	t.SetBoost(0)
	return t
}

// docMap maps page records to documents, segment by segment.
type docMap struct {
	mu sync.Mutex
	// bySeg holds a table per segment: its page records' document ordinals.
	bySeg map[segment.Segment][]int32
	// ids and ords intern document IDs as ordinals.
	ids  []string
	ords map[string]int32
}

// segTable is one segment of a snapshot: where its record numbers start, and the
// document ordinal of each of its records (-1 for a record that is not a page).
type segTable struct {
	offset uint64
	docOf  []int32
}

// segments returns the tables of the snapshot's segments, in order, reading the
// segments not seen before, and the document IDs by ordinal (later appends leave
// the slice returned as it is); tables of segments no longer in the snapshot are
// dropped.
func (m *docMap) segments(snap *scorch.IndexSnapshot) ([]segTable, []string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.bySeg == nil {
		m.bySeg, m.ords = map[segment.Segment][]int32{}, map[string]int32{}
	}
	ss := snap.Segments()
	out := make([]segTable, len(ss))
	var offset uint64
	fresh := false
	for i, s := range ss {
		seg := s.Segment()
		t, ok := m.bySeg[seg]
		if !ok {
			var err error
			if t, err = m.read(seg); err != nil {
				return nil, nil, err
			}
			m.bySeg[seg], fresh = t, true
		}
		out[i] = segTable{offset: offset, docOf: t}
		offset += seg.Count()
	}
	if fresh && len(m.bySeg) > 2*len(ss) {
		keep := make(map[segment.Segment][]int32, len(ss))
		for _, s := range ss {
			keep[s.Segment()] = m.bySeg[s.Segment()]
		}
		m.bySeg = keep
	}
	return out, m.ids, nil
}

// read builds the table of one segment from its postings: the page records (kind
// page), and for each document ID the records that carry it.
func (m *docMap) read(seg segment.Segment) ([]int32, error) {
	t := make([]int32, seg.Count())
	for i := range t {
		t[i] = -1
	}
	isPage := make([]bool, len(t))
	kinds, err := seg.Dictionary(FieldKind)
	if err != nil {
		return nil, err
	}
	if err := visitPostings(kinds, []byte(KindPage), func(n uint64) { isPage[n] = true }); err != nil {
		return nil, err
	}
	dict, err := seg.Dictionary(FieldDocID)
	if err != nil {
		return nil, err
	}
	it := dict.AutomatonIterator(nil, nil, nil)
	for {
		e, err := it.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		ord, ok := m.ords[e.Term]
		if !ok {
			ord = int32(len(m.ids))
			m.ids = append(m.ids, e.Term)
			m.ords[e.Term] = ord
		}
		if err := visitPostings(dict, []byte(e.Term), func(n uint64) {
			if isPage[n] {
				t[n] = ord
			}
		}); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// visitPostings calls f with the number of every record holding term in dict.
func visitPostings(dict segment.TermDictionary, term []byte, f func(uint64)) error {
	pl, err := dict.PostingsList(term, nil, nil)
	if err != nil {
		return err
	}
	it := pl.Iterator(false, false, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return err
		}
		if p == nil {
			return nil
		}
		f(p.Number())
	}
}
