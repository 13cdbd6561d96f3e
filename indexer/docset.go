package indexer

import (
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

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
