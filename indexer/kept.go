package indexer

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// recordSet is a set of a snapshot's record numbers, one bit each.
type recordSet []uint64

func newRecordSet(records uint64) recordSet { return make(recordSet, (records+63)/64) }

func (s recordSet) add(n uint64) { s[n/64] |= 1 << (n % 64) }

func (s recordSet) has(n uint64) bool {
	i := n / 64
	return i < uint64(len(s)) && s[i]&(1<<(n%64)) != 0
}

// next returns the first record of s at or after n, or false when there is none.
func (s recordSet) next(n uint64) (uint64, bool) {
	i := n / 64
	if i >= uint64(len(s)) {
		return 0, false
	}
	if w := s[i] >> (n % 64); w != 0 {
		return n + uint64(bits.TrailingZeros64(w)), true
	}
	for i++; i < uint64(len(s)); i++ {
		if s[i] != 0 {
			return i*64 + uint64(bits.TrailingZeros64(s[i])), true
		}
	}
	return 0, false
}

// count is how many records s holds.
func (s recordSet) count() uint64 {
	var n int
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return uint64(n)
}

// nth returns the record of s that k others come before, or false when s holds
// k records or fewer.
func (s recordSet) nth(k uint64) (uint64, bool) {
	for i, w := range s {
		c := uint64(bits.OnesCount64(w))
		if k >= c {
			k -= c
			continue
		}
		for ; k > 0; k-- {
			w &= w - 1 // the lowest record off
		}
		return uint64(i)*64 + uint64(bits.TrailingZeros64(w)), true
	}
	return 0, false
}

// keptCache holds the records recent rankings kept (keptRecords) on the
// snapshot's segments they read, by what kept them (RankOptions.AllowKey and
// Langs), for the next ranking with the same restrictions: a filter chosen once
// and searched with many times (a facet clicked, a saved query re-run) is found
// once per index state, as Lucene's query cache does. Finding them reads every
// record's document and language: about 3 ms at a million pages.
type keptCache struct {
	mu   sync.Mutex
	segs []segment.Segment // the segments the sets are of
	sets map[keptCacheKey]recordSet
}

// keptCacheKey names a restriction: Allow's key and the languages kept.
type keptCacheKey struct {
	allow any
	langs string
}

// keptCacheSize bounds the restrictions a keptCache holds (each a bit per
// record: 128 KiB at a million pages); it is emptied when full.
const keptCacheSize = 16

// get returns the records key keeps on the segments of snap, from the cache or
// found by find (and kept).
func (c *keptCache) get(snap *scorch.IndexSnapshot, key keptCacheKey, find func() recordSet) recordSet {
	ss := snap.Segments()
	c.mu.Lock()
	same := len(ss) == len(c.segs)
	for i := 0; same && i < len(ss); i++ {
		same = ss[i].Segment() == c.segs[i]
	}
	if !same {
		c.segs, c.sets = make([]segment.Segment, len(ss)), nil
		for i, s := range ss {
			c.segs[i] = s.Segment()
		}
	}
	segs := c.segs
	set, ok := c.sets[key]
	c.mu.Unlock()
	if ok {
		return set
	}
	set = find()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !slices.Equal(c.segs, segs) {
		return set // the index changed meanwhile: kept for this ranking only
	}
	if c.sets == nil || len(c.sets) >= keptCacheSize {
		c.sets = map[keptCacheKey]recordSet{}
	}
	c.sets[key] = set
	return set
}

// keptKey is the context key of the records a search keeps (withKept).
type keptKey struct{}

// withKept returns ctx saying that the term readers of a seekSnapshot opened with
// it read the records of kept only.
func withKept(ctx context.Context, kept recordSet) context.Context {
	return context.WithValue(ctx, keptKey{}, kept)
}

// keptIDs are the records of some record IDs, as a recordSet of the snapshot a
// term reader reads (withKeptIDs): found once per snapshot, when its first term
// reader opens.
type keptIDs struct {
	ids  []string
	mu   sync.Mutex
	snap *scorch.IndexSnapshot
	set  recordSet
}

// withKeptIDs returns ctx saying that the term readers of a seekSnapshot opened
// with it read the records of these IDs only.
func withKeptIDs(ctx context.Context, ids []string) context.Context {
	return context.WithValue(ctx, keptKey{}, &keptIDs{ids: ids})
}

// in returns the records of k's IDs in snap.
func (k *keptIDs) in(snap *scorch.IndexSnapshot) (recordSet, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.snap == snap {
		return k.set, nil
	}
	var records uint64
	for _, seg := range snap.Segments() {
		records += seg.Segment().Count()
	}
	set := newRecordSet(records)
	for _, id := range k.ids {
		n, err := snap.InternalID(id)
		if err != nil {
			return nil, fmt.Errorf("record %q: %w", id, err)
		}
		if len(n) > 0 { // no such record: none to read
			set.add(n.Value())
		}
	}
	k.snap, k.set = snap, set
	return set, nil
}

// keptReader reads the records of a term reader that are in a recordSet, skipping
// the others: a restriction to some documents and page languages applied where
// the postings are read, before any searcher scores, intersects or verifies a
// phrase at a record it would leave out. The records it returns are read as the
// reader reads them, and its Count is the reader's, so that they score the same.
type keptReader struct {
	index.TermFieldReader
	kept recordSet
	id   index.IndexInternalID // the record asked for, when skipping
}

func (r *keptReader) Next(pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	if s, ok := r.TermFieldReader.(*seekReader); ok {
		return s.nextKept(r.kept, pre)
	}
	d, err := r.TermFieldReader.Next(pre)
	return r.settle(d, err, pre)
}

func (r *keptReader) Advance(id index.IndexInternalID, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	n, ok := r.kept.next(id.Value())
	if !ok {
		return nil, nil
	}
	r.id = index.NewIndexInternalID(r.id, n)
	d, err := r.TermFieldReader.Advance(r.id, pre)
	return r.settle(d, err, pre)
}

// settle returns d when it is kept, or else the first kept record after it.
func (r *keptReader) settle(d *index.TermFieldDoc, err error, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	if s, ok := r.TermFieldReader.(*seekReader); ok && err == nil && d != nil && !r.kept.has(d.ID.Value()) {
		return s.nextKept(r.kept, pre)
	}
	for err == nil && d != nil {
		num := d.ID.Value()
		if r.kept.has(num) {
			return d, nil
		}
		n, ok := r.kept.next(num + 1)
		if !ok {
			return nil, nil
		}
		r.id = index.NewIndexInternalID(r.id, n)
		d, err = r.TermFieldReader.Advance(r.id, pre)
	}
	return d, err
}

// Optimize joins the reader r reads to a conjunction as that reader would
// (seekConjunction): the records they all have, of which r then keeps its own.
func (r *keptReader) Optimize(kind string, octx index.OptimizableContext) (index.OptimizableContext, error) {
	if o, ok := r.TermFieldReader.(index.Optimizable); ok {
		return o.Optimize(kind, octx)
	}
	return nil, nil
}
