package indexer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// chunkDecoder reads a zap postings list's records with their frequencies and
// field lengths, as zap's iterator does, without the general path that
// iterator takes for every record (deleted records, locations, the bytes read
// counted, an interface call a step): a common term of a million pages read
// through a seekReader at 18 ns a record against 28 with zap's iterator (9
// against 22 for the decoding alone). It reads what zap's iterator reads
// (TestChunkDecoder), and only where zap's reading is that simple: a list in
// its general encoding, without deleted records, no locations, no reader hook
// transforming the segment's bytes (decodablePostings).
//
// Zap keeps the frequencies and lengths in chunks, each of the records of a
// range of record numbers, in record order: the record about to be read starts
// its chunk's bytes whenever it is in another chunk than the one read last.
type chunkDecoder struct {
	mem   []byte   // the segment's bytes
	data  uint64   // where the list's chunks of frequencies and norms start in mem
	ends  []uint64 // the end of each chunk, from data
	chunk uint64   // record numbers per chunk
	// all reads the list's records, in the order of its chunks' bytes; want,
	// when not nil, those of them to return (a narrowed reader's:
	// seekReader.narrow), the others being stepped over.
	all, want roaring.IntPeekable
	cur       int64  // the chunk read now (-1: none)
	b         []byte // what is left of it
	// The record read last: its number, frequency and field length (zap's norm
	// bits).
	num  uint32
	freq uint64
	len  uint32
}

// errPostings marks a postings chunk that does not decode.
var errPostings = errors.New("corrupt postings chunk")

// newChunkDecoder returns a decoder of pl, or nil when pl is not one it reads
// (decodablePostings). all is pl's records (its iterator's bitmap before any
// narrowing), want those to return (nil: all). The decoder reuses the memory of
// reuse, when not nil, which is then no longer read.
func newChunkDecoder(pl segment.PostingsList, all, want *roaring.Bitmap, reuse *chunkDecoder) (*chunkDecoder, error) {
	z, ok := decodablePostings(pl)
	if !ok || all == nil {
		return nil, nil
	}
	mem, off := z.mem, z.freqOffset
	if off >= uint64(len(mem)) {
		return nil, fmt.Errorf("postings at %d of %d bytes: %w", off, len(mem), errPostings)
	}
	n, k := binary.Uvarint(mem[off:])
	if k <= 0 || n > uint64(len(mem)) {
		return nil, fmt.Errorf("postings chunk count at %d: %w", off, errPostings)
	}
	off += uint64(k)
	d := reuse
	if d == nil {
		d = &chunkDecoder{}
	}
	*d = chunkDecoder{mem: mem, ends: slices.Grow(d.ends[:0], int(n))[:n], chunk: z.chunkSize, all: all.Iterator(), cur: -1}
	if want != nil {
		d.want = want.Iterator()
	}
	for i := range d.ends {
		if off >= uint64(len(mem)) {
			return nil, fmt.Errorf("postings chunk ends at %d: %w", off, errPostings)
		}
		if d.ends[i], k = binary.Uvarint(mem[off:]); k <= 0 {
			return nil, fmt.Errorf("postings chunk ends at %d: %w", off, errPostings)
		}
		off += uint64(k)
	}
	d.data = off
	return d, nil
}

// read reads the next record (num, freq, len); false at the list's end.
func (d *chunkDecoder) read() (bool, error) {
	if d.want != nil {
		if !d.want.HasNext() {
			return false, nil
		}
		return d.walk(d.want.Next())
	}
	if !d.all.HasNext() {
		return false, nil
	}
	return true, d.step(true)
}

// seek reads the first record at or after target of those not read yet; false
// when there is none. The chunks wholly before target's are not read.
func (d *chunkDecoder) seek(target uint64) (bool, error) {
	if target > math.MaxUint32 { // past every record number of a segment
		for d.all.HasNext() {
			d.all.Next()
		}
		if d.want != nil {
			for d.want.HasNext() {
				d.want.Next()
			}
		}
		return false, nil
	}
	if d.want == nil {
		return d.walk(uint32(target))
	}
	d.want.AdvanceIfNeeded(uint32(target))
	if !d.want.HasNext() {
		return false, nil
	}
	return d.walk(d.want.Next())
}

// walk reads the list's records up to the first at or after target, which it
// decodes; false when there is none. The chunks wholly before target's are
// not read.
func (d *chunkDecoder) walk(target uint32) (bool, error) {
	if c := int64(uint64(target) / d.chunk); c > d.cur {
		d.all.AdvanceIfNeeded(uint32(uint64(c) * d.chunk))
	}
	for d.all.HasNext() {
		if d.all.PeekNext() >= target {
			return true, d.step(true)
		}
		if err := d.step(false); err != nil {
			return false, err
		}
	}
	return false, nil
}

// step reads the list's next record, and its frequency and length into the
// decoder's when decode says.
func (d *chunkDecoder) step(decode bool) error {
	num := d.all.Next()
	if c := int64(uint64(num) / d.chunk); c != d.cur {
		if err := d.enter(c); err != nil {
			return err
		}
	}
	fh, k := uvarint(d.b)
	if k <= 0 {
		return fmt.Errorf("postings chunk %d, record %d: %w", d.cur, num, errPostings)
	}
	d.b = d.b[k:]
	freq, length := fh>>1, uint64(0) // the lowest bit says whether it has locations
	if freq != 0 {
		if length, k = uvarint(d.b); k <= 0 {
			return fmt.Errorf("postings chunk %d, record %d: %w", d.cur, num, errPostings)
		}
		d.b = d.b[k:]
	}
	if decode {
		d.num, d.freq, d.len = num, freq, uint32(length) // as zap keeps it: a float32's bits
	}
	return nil
}

// enter starts reading chunk c, at its first record.
func (d *chunkDecoder) enter(c int64) error {
	if c < 0 || c >= int64(len(d.ends)) {
		return fmt.Errorf("postings chunk %d of %d: %w", c, len(d.ends), errPostings)
	}
	var start uint64
	if c > 0 {
		start = d.ends[c-1]
	}
	end := d.ends[c]
	if start > end || d.data+end > uint64(len(d.mem)) {
		return fmt.Errorf("postings chunk %d at [%d, %d): %w", c, start, end, errPostings)
	}
	d.cur, d.b = c, d.mem[d.data+start:d.data+end]
	return nil
}

// uvarint is binary.Uvarint with the one-byte case, most frequencies and many
// lengths, first.
func uvarint(b []byte) (uint64, int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	return binary.Uvarint(b)
}

// normOfLength is zap's norm of a field length as its postings keep it (zap's
// norm bits): Posting.Norm's value.
func normOfLength(n uint32) float64 {
	if n < uint32(len(norms)) {
		return norms[n]
	}
	return float64(float32(1.0 / math.Sqrt(float64(n))))
}

// zapList is what a chunkDecoder reads of a zap postings list, which zap keeps
// to itself.
type zapList struct {
	mem                   []byte
	freqOffset, chunkSize uint64
}

// decodablePostings returns what a chunkDecoder reads of pl when pl is a zap
// v17 postings list it can read: in its general encoding (not one record kept
// in the dictionary), with frequencies and norms, no deleted records, no reader
// hook (index.ReaderHook, which may transform the bytes zap reads). The list's
// records are those of its iterator's bitmap (newChunkDecoder). Its fields
// are read by name; a zap version that renames them turns the decoder off, and
// TestChunkDecoder fails.
func decodablePostings(pl segment.PostingsList) (zapList, bool) {
	p, ok := pl.(*zap.PostingsList)
	if !ok || p == nil || index.ReaderHook != nil {
		return zapList{}, false
	}
	v := reflect.ValueOf(p).Elem()
	field := func(name string, kind reflect.Kind) (reflect.Value, bool) {
		f := v.FieldByName(name)
		return f, f.IsValid() && f.Kind() == kind
	}
	freqOffset, ok1 := field("freqOffset", reflect.Uint64)
	chunkSize, ok2 := field("chunkSize", reflect.Uint64)
	oneHit, ok3 := field("normBits1Hit", reflect.Uint64)
	except, ok4 := field("except", reflect.Pointer)
	sb, ok5 := field("sb", reflect.Pointer)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || sb.IsNil() || !except.IsNil() ||
		oneHit.Uint() != 0 || chunkSize.Uint() == 0 || freqOffset.Uint() == 0 {
		return zapList{}, false
	}
	mem := sb.Elem().FieldByName("mem")
	if !mem.IsValid() || mem.Kind() != reflect.Slice || mem.Type().Elem().Kind() != reflect.Uint8 {
		return zapList{}, false
	}
	return zapList{mem: mem.Bytes(), freqOffset: freqOffset.Uint(), chunkSize: chunkSize.Uint()}, true
}
