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

// chunkDecoder reads a zap postings list's records with their frequencies,
// field lengths and, when asked, locations, as zap's iterator does, without the
// general path that iterator takes for every record (deleted records, the bytes
// read counted, an interface call a step): a common term of a million pages
// read through a seekReader at 18 ns a record against 28 with zap's iterator (9
// against 22 for the decoding alone). It reads what zap's iterator reads
// (TestChunkDecoder), and only where zap's reading is that simple: a list in
// its general encoding, without deleted records, no reader hook transforming
// the segment's bytes (decodablePostings).
//
// Zap keeps the frequencies and lengths, and the locations, in chunks, each of
// the records of a range of record numbers, in record order: the record about to
// be read starts its chunk's bytes whenever it is in another chunk than the one
// read last.
type chunkDecoder struct {
	mem   []byte // the segment's bytes
	freqs chunks // the list's frequencies and lengths
	locs  chunks // its locations, when they are read (locating)
	chunk uint64 // record numbers per chunk
	// all reads the list's records, in the order of its chunks' bytes; want,
	// when not nil, those of them to return (a narrowed reader's:
	// seekReader.narrow), the others being stepped over.
	all, want roaring.IntPeekable
	cur       int64  // the chunk read now (-1: none)
	fb, lb    []byte // what is left of its frequencies and locations
	locating  bool
	fields    []string // the segment's field names, by number (locating)
	// The record read last: its number, frequency, field length (zap's norm
	// bits) and locations (locating).
	num    uint32
	freq   uint64
	length uint32
	at     []location
}

// location is one place of a term in a record, as zap keeps it.
type location struct {
	field           string
	pos, start, end uint64
	array           []uint64
}

// chunks are where a list's chunks of one kind (frequencies and lengths, or
// locations) lie in the segment's bytes: from data, each ending at its end.
type chunks struct {
	data uint64
	ends []uint64
}

// readChunks reads the header of a list's chunks at off in mem (zap's
// chunkedIntDecoder's), reusing ends.
func readChunks(mem []byte, off uint64, ends []uint64) (chunks, error) {
	if off >= uint64(len(mem)) {
		return chunks{}, fmt.Errorf("postings at %d of %d bytes: %w", off, len(mem), errPostings)
	}
	n, k := binary.Uvarint(mem[off:])
	if k <= 0 || n > uint64(len(mem))-off { // each end takes a byte at least
		return chunks{}, fmt.Errorf("postings chunk count at %d: %w", off, errPostings)
	}
	off += uint64(k)
	ends = slices.Grow(ends[:0], int(n))[:n]
	for i := range ends {
		if off >= uint64(len(mem)) {
			return chunks{}, fmt.Errorf("postings chunk ends at %d: %w", off, errPostings)
		}
		if ends[i], k = binary.Uvarint(mem[off:]); k <= 0 {
			return chunks{}, fmt.Errorf("postings chunk ends at %d: %w", off, errPostings)
		}
		off += uint64(k)
	}
	return chunks{data: off, ends: ends}, nil
}

// bytes are chunk c's bytes in mem.
func (cs chunks) bytes(mem []byte, c int64) ([]byte, error) {
	if c < 0 || c >= int64(len(cs.ends)) {
		return nil, fmt.Errorf("postings chunk %d of %d: %w", c, len(cs.ends), errPostings)
	}
	var start uint64
	if c > 0 {
		start = cs.ends[c-1]
	}
	end := cs.ends[c]
	if start > end || end > uint64(len(mem))-cs.data { // readChunks: data ≤ len(mem)
		return nil, fmt.Errorf("postings chunk %d at [%d, %d): %w", c, start, end, errPostings)
	}
	return mem[cs.data+start : cs.data+end], nil
}

// errPostings marks a postings chunk that does not decode.
var errPostings = errors.New("corrupt postings chunk")

// newChunkDecoder returns a decoder of pl, or nil when pl is not one it reads
// (decodablePostings). all is pl's records (its iterator's bitmap before any
// narrowing), want those to return (nil: all); locations says whether their
// locations are read too. The decoder reuses the memory of reuse, when not nil,
// which is then no longer read.
func newChunkDecoder(pl segment.PostingsList, all, want *roaring.Bitmap, locations bool, reuse *chunkDecoder) (*chunkDecoder, error) {
	z, ok := decodablePostings(pl, locations)
	if !ok || all == nil {
		return nil, nil
	}
	d := reuse
	if d == nil {
		d = &chunkDecoder{}
	}
	*d = chunkDecoder{mem: z.mem, chunk: z.chunkSize, all: all.Iterator(), cur: -1, locating: locations, fields: z.fields,
		freqs: chunks{ends: d.freqs.ends}, locs: chunks{ends: d.locs.ends}, at: d.at[:0]}
	if want != nil {
		d.want = want.Iterator()
	}
	var err error
	if d.freqs, err = readChunks(z.mem, z.freqOffset, d.freqs.ends); err != nil {
		return nil, err
	}
	if locations {
		if d.locs, err = readChunks(z.mem, z.locOffset, d.locs.ends); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// read reads the next record (num, freq, length, at); false at the list's end.
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

// step reads the list's next record, and its frequency, length and locations
// into the decoder's when decode says.
func (d *chunkDecoder) step(decode bool) error {
	num := d.all.Next()
	if c := int64(uint64(num) / d.chunk); c != d.cur {
		if err := d.enter(c); err != nil {
			return err
		}
	}
	fh, k := uvarint(d.fb)
	if k <= 0 {
		return fmt.Errorf("postings chunk %d, record %d: %w", d.cur, num, errPostings)
	}
	d.fb = d.fb[k:]
	freq, length := fh>>1, uint64(0)
	if freq != 0 {
		if length, k = uvarint(d.fb); k <= 0 {
			return fmt.Errorf("postings chunk %d, record %d: %w", d.cur, num, errPostings)
		}
		d.fb = d.fb[k:]
	}
	var locs []byte
	if d.locating && fh&1 != 0 { // the lowest bit says whether it has locations
		n, k := uvarint(d.lb)
		if k <= 0 || n > uint64(len(d.lb)-k) {
			return fmt.Errorf("postings chunk %d, record %d: locations: %w", d.cur, num, errPostings)
		}
		locs, d.lb = d.lb[k:k+int(n)], d.lb[k+int(n):]
	}
	if decode {
		d.num, d.freq, d.length = num, freq, uint32(length) // as zap keeps it: a float32's bits
		if d.locating {
			return d.locate(locs)
		}
	}
	return nil
}

// locate reads the record's locations from b, as zap's readLocation does.
func (d *chunkDecoder) locate(b []byte) error {
	at := d.at[:0]
	for len(b) > 0 {
		var v [5]uint64 // field, pos, start, end, array positions
		for i := range v {
			n, k := uvarint(b)
			if k <= 0 {
				return fmt.Errorf("postings chunk %d, record %d: location: %w", d.cur, d.num, errPostings)
			}
			v[i], b = n, b[k:]
		}
		if v[0] >= uint64(len(d.fields)) || v[4] > uint64(len(b)) {
			return fmt.Errorf("postings chunk %d, record %d: location: %w", d.cur, d.num, errPostings)
		}
		if len(at) < cap(at) {
			at = at[:len(at)+1]
		} else {
			at = append(at, location{})
		}
		l := &at[len(at)-1]
		l.field, l.pos, l.start, l.end, l.array = d.fields[v[0]], v[1], v[2], v[3], l.array[:0]
		for range v[4] {
			n, k := uvarint(b)
			if k <= 0 {
				return fmt.Errorf("postings chunk %d, record %d: location: %w", d.cur, d.num, errPostings)
			}
			l.array, b = append(l.array, n), b[k:]
		}
	}
	d.at = at
	return nil
}

// enter starts reading chunk c, at its first record.
func (d *chunkDecoder) enter(c int64) error {
	fb, err := d.freqs.bytes(d.mem, c)
	if err != nil {
		return err
	}
	if d.locating {
		if d.lb, err = d.locs.bytes(d.mem, c); err != nil {
			return err
		}
	}
	d.cur, d.fb = c, fb
	return nil
}

// uvarint is binary.Uvarint with the cases of one byte (most frequencies) and
// two (most page lengths) first.
func uvarint(b []byte) (uint64, int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	if len(b) > 1 && b[1] < 0x80 {
		return uint64(b[0]&0x7f) | uint64(b[1])<<7, 2
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

// zapList is what this package reads of a zap postings list, which zap keeps
// to itself.
type zapList struct {
	mem                              []byte
	freqOffset, locOffset, chunkSize uint64
	deleted, oneHit                  bool     // records left out (except); one record, kept in the dictionary
	fields                           []string // the segment's field names, when asked for
}

// zapFields are the positions of the zap v17 fields zapListOf and oneHitOf
// read, found by name and kind once: a zap version that renames one leaves them
// unset (zapFields.ok false, entryOffset nil), and TestSeekReader,
// TestChunkDecoder and TestVisitIDs fail.
var zapFields = func() (f struct {
	freqOffset, locOffset, chunkSize, oneHit, except, sb, mem, names []int
	ok                                                               bool
	// entryOffset is the path to the postings offset of the entry a
	// DictionaryIterator read last (oneHitOf); nil when not found.
	entryOffset []int
}) {
	find := func(t reflect.Type, name string, kind reflect.Kind, elem reflect.Kind) []int {
		sf, found := t.FieldByName(name)
		if !found || sf.Type.Kind() != kind || elem != reflect.Invalid && sf.Type.Elem().Kind() != elem {
			return nil
		}
		return sf.Index
	}
	pl, sb := reflect.TypeFor[zap.PostingsList](), reflect.TypeFor[zap.SegmentBase]()
	f.freqOffset = find(pl, "freqOffset", reflect.Uint64, reflect.Invalid)
	f.locOffset = find(pl, "locOffset", reflect.Uint64, reflect.Invalid)
	f.chunkSize = find(pl, "chunkSize", reflect.Uint64, reflect.Invalid)
	f.oneHit = find(pl, "normBits1Hit", reflect.Uint64, reflect.Invalid)
	f.except = find(pl, "except", reflect.Pointer, reflect.Invalid)
	f.sb = find(pl, "sb", reflect.Pointer, reflect.Struct)
	f.mem = find(sb, "mem", reflect.Slice, reflect.Uint8)
	f.names = find(sb, "fieldsInv", reflect.Slice, reflect.String)
	f.ok = f.freqOffset != nil && f.locOffset != nil && f.chunkSize != nil && f.oneHit != nil &&
		f.except != nil && f.sb != nil && f.mem != nil && f.names != nil
	if tmp := find(reflect.TypeFor[zap.DictionaryIterator](), "tmp", reflect.Struct, reflect.Invalid); tmp != nil {
		if off := find(pl, "postingsOffset", reflect.Uint64, reflect.Invalid); off != nil {
			f.entryOffset = append(tmp, off...)
		}
	}
	return f
}()

// oneHitOf returns the record number of the entry it.Next returned last when
// the dictionary keeps it in the entry itself (zap's one-hit encoding: a term
// of one record, such as a record ID), read from what zap's iterator read for
// the entry's count; false when it does not, or it is not a zap v17 iterator
// this package can read. The caller then looks the term up.
func oneHitOf(it segment.DictionaryIterator) (uint64, bool) {
	zi, ok := it.(*zap.DictionaryIterator)
	if !ok || zi == nil || zapFields.entryOffset == nil {
		return 0, false
	}
	off := reflect.ValueOf(zi).Elem().FieldByIndex(zapFields.entryOffset).Uint()
	if off&zap.FSTValEncodingMask != zap.FSTValEncoding1Hit {
		return 0, false
	}
	num, _ := zap.FSTValDecode1Hit(off)
	return num, true
}

// zapListOf returns what zapList says of pl, with the segment's field names
// when names says, or false when pl is not a zap v17 postings list this
// package can read.
func zapListOf(pl segment.PostingsList, names bool) (zapList, bool) {
	p, ok := pl.(*zap.PostingsList)
	if !ok || p == nil || !zapFields.ok {
		return zapList{}, false
	}
	v := reflect.ValueOf(p).Elem()
	sb := v.FieldByIndex(zapFields.sb)
	if sb.IsNil() {
		return zapList{}, false
	}
	z := zapList{
		mem:        sb.Elem().FieldByIndex(zapFields.mem).Bytes(),
		freqOffset: v.FieldByIndex(zapFields.freqOffset).Uint(),
		locOffset:  v.FieldByIndex(zapFields.locOffset).Uint(),
		chunkSize:  v.FieldByIndex(zapFields.chunkSize).Uint(),
		deleted:    !v.FieldByIndex(zapFields.except).IsNil(),
		oneHit:     v.FieldByIndex(zapFields.oneHit).Uint() != 0,
	}
	if names {
		inv := sb.Elem().FieldByIndex(zapFields.names)
		z.fields = make([]string, inv.Len())
		for i := range z.fields {
			z.fields[i] = inv.Index(i).String()
		}
	}
	return z, true
}

// decodablePostings returns what a chunkDecoder reads of pl when it can read
// it: a zap v17 list in its general encoding (not one record kept in the
// dictionary), with frequencies and norms (and locations, when asked for), no
// deleted records, no reader hook (index.ReaderHook, which may transform the
// bytes zap reads). The list's records are those of its iterator's bitmap
// (newChunkDecoder).
func decodablePostings(pl segment.PostingsList, locations bool) (zapList, bool) {
	if index.ReaderHook != nil {
		return zapList{}, false
	}
	z, ok := zapListOf(pl, locations)
	if !ok || z.deleted || z.oneHit || z.chunkSize == 0 || z.freqOffset == 0 || locations && z.locOffset == 0 {
		return zapList{}, false
	}
	return z, true
}
