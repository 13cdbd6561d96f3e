package indexer

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// postingsChunkMode is how zap chunks the postings of the segments this package
// writes: a term on more than 1024 records in chunks of 1024 record numbers each,
// and one on fewer in one chunk (zap's mode 1025). Zap's default (1026) makes
// each chunk 1024 postings long, which for a common term spans many more
// records: a reader advanced to a record walks the postings of its chunk before
// it, and every stage that reads a few scattered records pays that walk (the
// refining pass, the highlighted pages, a conjunction's other clauses). Measured
// at 300,000 pages: the term queries' CPU 2.09 / 2.15 → 1.72 / 1.77 s, the index
// 1,338 → 1,348 MiB, the build time the same within the machine's noise
// (docs/BENCHMARKS.md). Zap reads each segment in the mode it was written in.
const postingsChunkMode = 1025

func init() { zap.DefaultChunkMode = postingsChunkMode }

// seekSnapshot is a scorch snapshot whose term readers skip, when advanced, the
// postings chunks before the record asked for.
//
// Zap keeps a term's record numbers in a bitmap and their frequencies, norms and
// positions in chunks, each covering a fixed range of record numbers. Advanced
// with frequencies on, its iterator steps through every record number of the
// bitmap up to the one asked for, counting those in the last chunk so as to step
// its frequency reader as far; only without frequencies does it seek. For a
// common word that is a walk over most of its postings whenever a few scattered
// records are asked for: a conjunction's pages, feedback at the refined
// documents' pages, the pages a result shows highlighted, a split pass's parts.
// The readers of this snapshot first move the iterator's bitmap to the start of
// the chunk holding the record (the frequency reader is reloaded at a new chunk),
// so that the walk covers that chunk only; where a list is simple enough, a
// chunkDecoder reads it in zap's place, its walk cheaper still. What they read
// is what scorch's own readers read (TestSeekReader, TestChunkDecoder).
//
// Its fuzzy words' terms come from the search's list of them (WithFuzzyTerms),
// when ctx has one.
type seekSnapshot struct {
	*scorch.IndexSnapshot
	fuzzy *fuzzyTerms
}

// seeking returns r with seeking term readers when it is a scorch snapshot, and
// r otherwise.
func seeking(ctx context.Context, r index.IndexReader) index.IndexReader {
	if s, ok := r.(*scorch.IndexSnapshot); ok {
		f, _ := ctx.Value(fuzzyTermsKey{}).(*fuzzyTerms)
		return seekSnapshot{s, f}
	}
	return r
}

// TermFieldReader reads the records that have term in field, as the snapshot's
// own reader does; only those ctx keeps, when it says (withKept, withKeptIDs).
func (s seekSnapshot) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (index.TermFieldReader, error) {
	r, err := s.termReader(ctx, term, field, freq, norm, vectors)
	if err != nil {
		return nil, err
	}
	switch kept := ctx.Value(keptKey{}).(type) {
	case recordSet:
		return &keptReader{TermFieldReader: r, kept: kept}, nil
	case *keptIDs:
		set, err := kept.in(s.IndexSnapshot)
		if err != nil {
			_ = r.Close()
			return nil, err
		}
		return &keptReader{TermFieldReader: r, kept: set}, nil
	}
	return r, nil
}

// termReader is a seekReader, or the snapshot's own reader (which scorch
// recycles) without frequencies, norms or positions, when zap seeks already, and
// for a term of fewer than seekPostings records, which zap keeps in one chunk.
func (s seekSnapshot) termReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (index.TermFieldReader, error) {
	if !freq && !norm && !vectors {
		return s.IndexSnapshot.TermFieldReader(ctx, term, field, freq, norm, vectors)
	}
	segs := s.Segments()
	r := &seekReader{
		lists: make([]segment.PostingsList, len(segs)), its: make([]segment.PostingsIterator, len(segs)),
		offsets: make([]uint64, len(segs)), chunks: make([]uint32, len(segs)),
		freq: freq, norm: norm, vectors: vectors,
	}
	var offset, count uint64
	for i, ss := range segs {
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("read term %q of %s: %w", term, field, err)
		}
		pl, err := dict.PostingsList(term, ss.Deleted(), nil)
		if err != nil {
			return nil, fmt.Errorf("read term %q of %s: %w", term, field, err)
		}
		r.lists[i], r.offsets[i], r.chunks[i] = pl, offset, chunkSize(pl)
		count += pl.Count()
		offset += ss.Segment().Count()
	}
	if count < seekPostings {
		return s.IndexSnapshot.TermFieldReader(ctx, term, field, freq, norm, vectors)
	}
	r.full = make([]*roaring.Bitmap, len(r.lists))
	for i, pl := range r.lists {
		r.its[i] = pl.Iterator(freq, norm, vectors, nil)
		if it, ok := r.its[i].(segment.OptimizablePostingsIterator); ok {
			r.full[i] = it.ActualBitmap()
		}
	}
	r.decSeg = -1
	return r, nil
}

// seekPostings is how many records a term has at least for seekSnapshot to read
// it with a seekReader: zap keeps the postings of a segment's term on fewer in one
// chunk (postingsChunkMode, and its default mode too).
const seekPostings = 1024

// seekReader reads a term's records in record order, segment by segment, as
// scorch's IndexSnapshotTermFieldReader does, skipping postings chunks when
// advanced (seekSnapshot).
type seekReader struct {
	lists []segment.PostingsList
	its   []segment.PostingsIterator
	// offsets are the first record number of each segment; chunks the chunk size
	// of the term's postings in each (0: unknown, no skipping).
	offsets []uint64
	chunks  []uint32
	// narrow holds, by segment, the records of a conjunction the reader is part of
	// (seekConjunction), where it reads the term's records among them only; nil
	// where it reads them all.
	narrow []*roaring.Bitmap
	seekID index.IndexInternalID // the record nextKept seeks
	// dec reads segment decSeg's postings where it can (a chunkDecoder, faster
	// than zap's iterator); nil where zap's iterator reads them: a list the
	// decoder does not read (decodablePostings).
	dec     *chunkDecoder
	decSeg  int
	spare   *chunkDecoder     // a decoder whose memory the next one reuses
	full    []*roaring.Bitmap // by segment, the term's records there (before narrowing)
	seg     int               // the segment read now
	last    uint64            // the record returned last, when read
	read    bool
	freq    bool
	norm    bool
	vectors bool
}

func (r *seekReader) Next(pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	for r.seg < len(r.its) {
		d, err := r.decoder(r.seg)
		if err != nil {
			return nil, err
		}
		if d != nil {
			ok, err := d.read()
			if err != nil {
				return nil, err
			}
			if ok {
				return r.decoded(d, pre), nil
			}
		} else {
			p, err := r.its[r.seg].Next()
			if err != nil {
				return nil, err
			}
			if p != nil {
				return r.doc(p, pre), nil
			}
		}
		r.seg++
	}
	return nil, nil
}

// decoder returns the chunkDecoder of segment seg, or nil where its zap
// iterator reads it (seekReader.dec).
func (r *seekReader) decoder(seg int) (*chunkDecoder, error) {
	if seg == r.decSeg {
		return r.dec, nil
	}
	var want *roaring.Bitmap
	if r.narrow != nil {
		want = r.narrow[seg]
	}
	d, err := newChunkDecoder(r.lists[seg], r.full[seg], want, r.vectors, r.spare)
	if err != nil { // asked again, it fails again: zap's iterator never takes over midway
		r.spare = nil
		return nil, fmt.Errorf("read postings: %w", err)
	}
	r.decSeg, r.dec = seg, d
	if d != nil {
		r.spare = d
	}
	return d, nil
}

// nextKept returns the next record of kept: it reads on past the others, or seeks
// past them (Advance) when the next record kept lies in a later postings chunk.
// Those it reads past are not returned: only a keptReader, which asks for none
// of them, calls it.
func (r *seekReader) nextKept(kept recordSet, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	for r.seg < len(r.its) {
		d, err := r.decoder(r.seg)
		if err != nil {
			return nil, err
		}
		var p segment.Posting
		var local uint64
		ok := false
		if d != nil {
			if ok, err = d.read(); err != nil {
				return nil, err
			}
			local = uint64(d.num)
		} else {
			if p, err = r.its[r.seg].Next(); err != nil {
				return nil, err
			}
			if ok = p != nil; ok {
				local = p.Number()
			}
		}
		if !ok {
			r.seg++
			continue
		}
		num := local + r.offsets[r.seg]
		if kept.has(num) {
			if d != nil {
				return r.decoded(d, pre), nil
			}
			return r.doc(p, pre), nil
		}
		next, ok := kept.next(num + 1)
		if !ok {
			r.seg = len(r.its)
			return nil, nil
		}
		if c := uint64(r.chunks[r.seg]); c == 0 || (next-r.offsets[r.seg])/c != local/c {
			r.seekID = index.NewIndexInternalID(r.seekID, next)
			d, err := r.Advance(r.seekID, pre)
			if err != nil || d == nil || kept.has(d.ID.Value()) {
				return d, err
			}
		}
	}
	return nil, nil
}

// Advance returns the first record at or after id. Asked for a record at or
// before the one it returned last, it reads again from the start, as scorch's
// reader does.
func (r *seekReader) Advance(id index.IndexInternalID, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	num := id.Value()
	if r.read && num <= r.last {
		for i, pl := range r.lists {
			r.its[i] = pl.Iterator(r.freq, r.norm, r.vectors, nil)
		}
		r.narrowTo(r.narrow)
		r.seg, r.read, r.decSeg = 0, false, -1
	}
	if r.seg >= len(r.its) {
		return nil, nil // every segment read to its end
	}
	// A segment is left only once read to its end, so the record returned last is
	// in segment r.seg, and num in it or after it.
	seg := max(r.seg, sort.Search(len(r.offsets), func(i int) bool { return r.offsets[i] > num })-1)
	r.seg = seg
	local := num - r.offsets[seg]
	d, err := r.decoder(seg)
	if err != nil {
		return nil, err
	}
	if d != nil {
		ok, err := d.seek(local)
		if err != nil {
			return nil, err
		}
		if !ok {
			r.seg++
			return r.Next(pre)
		}
		return r.decoded(d, pre), nil
	}
	it := r.its[seg]
	if z, ok := it.(*zap.PostingsIterator); ok && z.Actual != nil && r.chunks[seg] > 0 && local <= math.MaxUint32 {
		c := r.chunks[seg]
		z.Actual.AdvanceIfNeeded(uint32(local) / c * c)
	}
	p, err := it.Advance(local)
	if err != nil {
		return nil, err
	}
	if p == nil {
		r.seg++
		return r.Next(pre)
	}
	return r.doc(p, pre), nil
}

// decoded fills pre (or a new TermFieldDoc) with the record d, the decoder of
// the segment read now, read last. Its vectors' array positions are d's, valid
// until the next record is read, as zap's locations are.
func (r *seekReader) decoded(d *chunkDecoder, pre *index.TermFieldDoc) *index.TermFieldDoc {
	if pre == nil {
		pre = &index.TermFieldDoc{}
	}
	r.last, r.read = uint64(d.num)+r.offsets[r.seg], true
	pre.ID = index.NewIndexInternalID(pre.ID, r.last)
	if r.freq {
		pre.Freq = d.freq
	}
	if r.norm {
		pre.Norm = normOfLength(d.length)
	}
	if r.vectors {
		pre.Vectors = vectors(pre.Vectors, len(d.at))
		for i, l := range d.at {
			*pre.Vectors[i] = index.TermFieldVector{Field: l.field, ArrayPositions: l.array, Pos: l.pos, Start: l.start, End: l.end}
		}
	}
	return pre
}

// vectors returns v with n vectors, reusing those it has.
func vectors(v []*index.TermFieldVector, n int) []*index.TermFieldVector {
	if cap(v) < n {
		v = make([]*index.TermFieldVector, n)
		backing := make([]index.TermFieldVector, n)
		for i := range backing {
			v[i] = &backing[i]
		}
	}
	return v[:n]
}

// doc fills pre (or a new TermFieldDoc) with the posting p of the segment read now.
func (r *seekReader) doc(p segment.Posting, pre *index.TermFieldDoc) *index.TermFieldDoc {
	if pre == nil {
		pre = &index.TermFieldDoc{}
	}
	r.last, r.read = p.Number()+r.offsets[r.seg], true
	pre.ID = index.NewIndexInternalID(pre.ID, r.last)
	if r.freq {
		pre.Freq = p.Frequency()
	}
	if r.norm {
		pre.Norm = normOf(p)
	}
	if r.vectors {
		locs := p.Locations()
		pre.Vectors = vectors(pre.Vectors, len(locs))
		for i, l := range locs {
			*pre.Vectors[i] = index.TermFieldVector{Field: l.Field(), ArrayPositions: l.ArrayPositions(), Pos: l.Pos(), Start: l.Start(), End: l.End()}
		}
	}
	return pre
}

func (r *seekReader) Count() uint64 {
	var n uint64
	for _, pl := range r.lists {
		n += pl.Count()
	}
	return n
}

func (r *seekReader) Close() error { return nil }

// Optimize joins r to the conjunction of its search's other seekReaders (kind
// "conjunction"; seekConjunction), as scorch's readers join theirs.
func (r *seekReader) Optimize(kind string, octx index.OptimizableContext) (index.OptimizableContext, error) {
	if kind != "conjunction" {
		return nil, nil
	}
	if octx == nil {
		octx = &seekConjunction{}
	}
	if o, ok := octx.(*seekConjunction); ok {
		o.readers = append(o.readers, r)
	}
	return octx, nil
}

// seekConjunction is a conjunction of seekReaders: in each segment, each reads
// only the records they all have, found once by intersecting their postings
// bitmaps, rather than every record of its term that the others then seek past.
// The records it reads are read as before, and scored the same (zap's iterator
// steps over the others as over deleted ones). Scorch does the same for its own
// readers (its OptimizeTFRConjunction), which a conjunction of a rare term and a
// common one mixes with these: each kind narrows its own.
type seekConjunction struct{ readers []*seekReader }

func (o *seekConjunction) Finish() (index.Optimized, error) {
	if len(o.readers) < 2 {
		return nil, nil
	}
	segs := len(o.readers[0].its)
	narrow := make([]*roaring.Bitmap, segs)
	for i := range narrow {
		for _, r := range o.readers {
			it, ok := r.its[i].(segment.OptimizablePostingsIterator)
			if !ok || it.ActualBitmap() == nil {
				continue
			}
			if narrow[i] == nil {
				narrow[i] = it.ActualBitmap().Clone()
			} else {
				narrow[i].And(it.ActualBitmap())
			}
		}
	}
	for _, r := range o.readers {
		r.narrow = narrow
		r.narrowTo(narrow)
	}
	return nil, nil
}

// narrowTo narrows the iterators of r, still at their start, to the records of
// narrow in each segment (nil: all).
func (r *seekReader) narrowTo(narrow []*roaring.Bitmap) {
	for i, bm := range narrow {
		if it, ok := r.its[i].(segment.OptimizablePostingsIterator); ok && bm != nil && it.ActualBitmap() != nil {
			it.ReplaceActual(bm)
		}
	}
}

func (r *seekReader) Size() int {
	n := int(reflect.TypeFor[seekReader]().Size())
	if d := r.spare; d != nil {
		n += int(reflect.TypeFor[chunkDecoder]().Size()) + (cap(d.freqs.ends)+cap(d.locs.ends))*8 +
			cap(d.at)*int(reflect.TypeFor[location]().Size()) + len(d.fields)*16
	}
	for i := range r.lists {
		n += r.lists[i].Size() + r.its[i].Size()
	}
	return n
}

// chunkSize is the number of record numbers each postings chunk of pl covers,
// or 0 when pl is not a zap v17 postings list (zapListOf). Zap computes it when
// it opens the list but keeps it to itself.
func chunkSize(pl segment.PostingsList) uint32 {
	z, ok := zapListOf(pl, false)
	if !ok || z.chunkSize > math.MaxUint32 {
		return 0
	}
	return uint32(z.chunkSize)
}

// norms holds zap's norm (1/√ of a field's length, as a float32) of the field
// lengths below len(norms), computed as zap.Posting.Norm computes it: a
// seekReader reads them here rather than take a square root for every record.
var norms = func() []float64 {
	t := make([]float64, 1<<14)
	for n := range t {
		t[n] = float64(float32(1.0 / math.Sqrt(float64(n))))
	}
	return t
}()

// normOf is p's Norm.
func normOf(p interface{ Norm() float64 }) float64 {
	if z, ok := p.(*zap.Posting); ok {
		return normOfLength(uint32(z.NormUint64())) // the bits of a float32
	}
	return p.Norm()
}
