package indexer

import (
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// docMap maps page records to documents, languages and page numbers, segment by
// segment.
type docMap struct {
	mu sync.Mutex
	// bySeg holds the columns of each segment seen.
	bySeg map[segment.Segment]segColumns
	// ids and ords intern document IDs as ordinals; langs and langOrds intern
	// page languages (ordinal 0: none).
	ids      []string
	ords     map[string]int32
	langs    []string
	langOrds map[string]uint8
}

// segColumns are one segment's page records: the document ordinal of each record
// (-1 for a record that is not a page), its language ordinal and its page number
// (0 for a record that is not a page).
type segColumns struct {
	docOf  []int32
	langOf []uint8
	pageOf []int32
}

// segTable is one segment of a snapshot: where its record numbers start, and its
// columns.
type segTable struct {
	offset uint64
	segColumns
}

// snapshotTables are the tables of one snapshot, with the document IDs and
// languages by ordinal (later appends leave these slices as they are).
type snapshotTables struct {
	segs  []segTable
	ids   []string
	langs []string
}

// segments returns the tables of the snapshot's segments, in order, reading the
// segments not seen before; tables of segments no longer in the snapshot are
// dropped.
func (m *docMap) segments(snap *scorch.IndexSnapshot) (*snapshotTables, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	ss := snap.Segments()
	out := make([]segTable, len(ss))
	var offset uint64
	fresh := false
	for i, s := range ss {
		seg := s.Segment()
		c, ok := m.bySeg[seg]
		if !ok {
			var err error
			if c, err = m.read(seg); err != nil {
				return nil, err
			}
			m.bySeg[seg], fresh = c, true
		}
		out[i] = segTable{offset: offset, segColumns: c}
		offset += seg.Count()
	}
	if fresh && len(m.bySeg) > 2*len(ss) {
		keep := make(map[segment.Segment]segColumns, len(ss))
		for _, s := range ss {
			keep[s.Segment()] = m.bySeg[s.Segment()]
		}
		m.bySeg = keep
	}
	return &snapshotTables{segs: out, ids: m.ids, langs: m.langs}, nil
}

// init makes the maps of a new docMap; the caller holds mu.
func (m *docMap) init() {
	if m.bySeg == nil {
		m.bySeg, m.ords = map[segment.Segment]segColumns{}, map[string]int32{}
		m.langs, m.langOrds = []string{""}, map[string]uint8{"": 0}
	}
}

// ordinals returns the ordinal of each document ID of ids, giving one to those
// that have none yet.
func (m *docMap) ordinals(ids []string) []int32 {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	out := make([]int32, len(ids))
	for i, id := range ids {
		out[i] = m.ordinal(id)
	}
	return out
}

// ordinal returns the ordinal of document ID id, giving it one when it has none
// yet; the caller holds mu.
func (m *docMap) ordinal(id string) int32 {
	ord, ok := m.ords[id]
	if !ok {
		ord = int32(len(m.ids))
		m.ids = append(m.ids, id)
		m.ords[id] = ord
	}
	return ord
}

// read builds the columns of one segment from its postings: the page records
// (kind page), for each document ID and each language the records that carry it,
// and each page record's number, from its record ID (PageID).
func (m *docMap) read(seg segment.Segment) (segColumns, error) {
	c := segColumns{docOf: make([]int32, seg.Count()), langOf: make([]uint8, seg.Count()), pageOf: make([]int32, seg.Count())}
	for i := range c.docOf {
		c.docOf[i] = -1
	}
	isPage := make([]bool, len(c.docOf))
	kinds, err := seg.Dictionary(FieldKind)
	if err != nil {
		return c, err
	}
	if err := visitPostings(kinds, []byte(KindPage), func(n uint64) { isPage[n] = true }); err != nil {
		return c, err
	}
	err = visitTerms(seg, FieldDocID, func(term string) (func(uint64), error) {
		ord := m.ordinal(term)
		return func(n uint64) {
			if isPage[n] {
				c.docOf[n] = ord
			}
		}, nil
	})
	if err != nil {
		return c, err
	}
	var bad error // the first page record whose ID is not a page of its document's
	err = visitIDs(seg, func(id string, n uint64) {
		if !isPage[n] || bad != nil {
			return
		}
		doc, page, ok := SplitPageID(id)
		if !ok || page < 0 || page > math.MaxInt32 || c.docOf[n] < 0 || m.ids[c.docOf[n]] != doc {
			bad = fmt.Errorf("page record %q: not a page of its document (%s)", id, FieldDocID)
			return
		}
		c.pageOf[n] = int32(page)
	})
	if err == nil {
		err = bad
	}
	if err != nil {
		return c, err
	}
	err = visitTerms(seg, FieldLang, func(term string) (func(uint64), error) {
		ord, ok := m.langOrds[term]
		if !ok {
			if len(m.langs) > 255 {
				return nil, fmt.Errorf("more than 255 page languages in the index")
			}
			ord = uint8(len(m.langs))
			m.langs = append(m.langs, term)
			m.langOrds[term] = ord
		}
		return func(n uint64) {
			if isPage[n] {
				c.langOf[n] = ord
			}
		}, nil
	})
	return c, err
}

// visitTerms calls each for every term of field in seg, and the function it
// returns with the number of every record holding the term. Where zap keeps a
// term's one record in its dictionary entry (oneHitOf: in a merged segment, a
// term of one record such as a record ID), the number is read there rather than
// by looking the term up again.
func visitTerms(seg segment.Segment, field string, each func(term string) (func(uint64), error)) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return err
	}
	it := dict.AutomatonIterator(nil, nil, nil)
	for {
		e, err := it.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		f, err := each(e.Term)
		if err != nil {
			return err
		}
		if n, ok := oneHitOf(it); ok {
			f(n)
			continue
		}
		if err := visitPostings(dict, []byte(e.Term), f); err != nil {
			return err
		}
	}
}

// visitIDs calls f with the ID and number of every record of seg.
func visitIDs(seg segment.Segment, f func(id string, n uint64)) error {
	return visitTerms(seg, "_id", func(id string) (func(uint64), error) {
		return func(n uint64) { f(id, n) }, nil
	})
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
