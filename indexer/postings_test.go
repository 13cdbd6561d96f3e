package indexer

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// TestChunkDecoder reads every term of several segments' field with a
// chunkDecoder and with zap's own iterator, record by record, read on and
// sought at random, all records and narrowed to some (as a conjunction's
// readers are), with locations and without: both must read the same records,
// frequencies, norms and locations. A zap version whose postings lists the
// decoder no longer reads fails it.
func TestChunkDecoder(t *testing.T) {
	b, err := bleve.New(filepath.Join(t.TempDir(), "index"), bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rnd := rand.New(rand.NewPCG(3, 4))
	// Words by rank, "w0" on most records; some records long, one longer than
	// the norms table (16,384 words).
	text := func(i int) string {
		var ws []string
		for w := range 30 {
			if rnd.Float64() < 0.9/float64(w+1) {
				for range 1 + rnd.IntN(4) {
					ws = append(ws, fmt.Sprintf("w%d", w))
				}
			}
		}
		if i%97 == 0 {
			ws = append(ws, strings.Repeat("filler ", 300+rnd.IntN(3000)))
		}
		if i == 2500 {
			ws = append(ws, strings.Repeat("filler ", 20000))
		}
		if i%1000 < 300 && i/1000%3 != 1 { // chunks of a list without a record of it
			ws = append(ws, "gapped")
		}
		return strings.Join(ws, " ")
	}
	for _, r := range [][2]int{{0, 5000}, {5000, 6000}, {6000, 7000}} { // batches: segments, one of several chunks
		putBodies(t, b, r[0], r[1], func(i int) any {
			if i%5 == 0 { // several values: locations with array positions
				return []string{text(i), text(i + 1)}
			}
			return text(i)
		})
	}
	snap, done := snapshotOf(t, b)
	defer done()

	type rec struct {
		num, freq uint64
		norm      float64
		locations string
	}
	// zapReads is what zap's iterator reads of pl, narrowed to want (nil: all),
	// with the records' locations when locations says.
	zapReads := func(pl segment.PostingsList, want *roaring.Bitmap, locations bool) []rec {
		it := pl.Iterator(true, true, locations, nil)
		if want != nil {
			it.(segment.OptimizablePostingsIterator).ReplaceActual(want)
		}
		var out []rec
		for {
			p, err := it.Next()
			if err != nil {
				t.Fatal(err)
			}
			if p == nil {
				return out
			}
			var b strings.Builder
			for _, l := range p.Locations() {
				fmt.Fprintf(&b, "%s %d %d-%d %v;", l.Field(), l.Pos(), l.Start(), l.End(), l.ArrayPositions())
			}
			out = append(out, rec{num: p.Number(), freq: p.Frequency(), norm: p.Norm(), locations: b.String()})
		}
	}
	lists, long, arrays, chunked := 0, false, false, false
	var prev *chunkDecoder // reused by the next
	for s, ss := range snap.Segments() {
		dict, err := ss.Segment().Dictionary("body")
		if err != nil {
			t.Fatal(err)
		}
		terms := dict.AutomatonIterator(nil, nil, nil)
		for e, err := terms.Next(); e != nil || err != nil; e, err = terms.Next() {
			if err != nil {
				t.Fatal(err)
			}
			pl, err := dict.PostingsList([]byte(e.Term), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			all := zapReads(pl, nil, false)
			if len(all) < 2 {
				continue // zap keeps a list of one record in its dictionary: zap's iterator reads it
			}
			if _, ok := decodablePostings(pl, true); !ok {
				t.Fatalf("segment %d, %q: the decoder does not read the postings list (a new zap version?)", s, e.Term)
			}
			lists++
			bm := roaring.New()
			for _, r := range all {
				bm.Add(uint32(r.num))
				long = long || r.norm < 1/128.0
			}
			for _, r := range zapReads(pl, nil, true) {
				arrays = arrays || strings.Contains(r.locations, "[1]")
			}
			z, _ := decodablePostings(pl, false)
			chunked = chunked || all[len(all)-1].num/z.chunkSize >= 3
			for run := range 8 {
				locations := run >= 4
				var want *roaring.Bitmap
				if run%2 == 1 { // narrowed to some of the records
					want = roaring.New()
					for _, r := range all {
						if rnd.IntN(3) == 0 {
							want.Add(uint32(r.num))
						}
					}
				}
				exp := zapReads(pl, want, locations)
				d, err := newChunkDecoder(pl, bm, want, locations, prev)
				if err != nil || d == nil {
					t.Fatalf("segment %d, %q: decoder %v, %v", s, e.Term, d, err)
				}
				prev = d
				at := -1 // index in exp of the record read last
				for step := 0; at < len(exp); step++ {
					name := fmt.Sprintf("segment %d, %q, run %d, step %d", s, e.Term, run, step)
					var ok bool
					next := at + 1
					if run%4 < 2 || rnd.IntN(3) == 0 {
						name += ": read"
						ok, err = d.read()
					} else {
						target := uint64(rnd.Int64N(int64(all[len(all)-1].num) + 2))
						if at >= 0 {
							target = exp[at].num + 1 + uint64(rnd.Int64N(1+int64(target)/int64(1+run%4)))
						}
						name += fmt.Sprintf(": seek %d", target)
						ok, err = d.seek(target)
						for next < len(exp) && exp[next].num < target {
							next++
						}
					}
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if ok != (next < len(exp)) {
						t.Fatalf("%s: found %v, want %v", name, ok, next < len(exp))
					}
					if ok {
						var b strings.Builder
						for _, l := range d.at {
							if locations {
								fmt.Fprintf(&b, "%s %d %d-%d %v;", l.field, l.pos, l.start, l.end, l.array)
							}
						}
						if got := (rec{uint64(d.num), d.freq, normOfLength(d.length), b.String()}); got != exp[next] {
							t.Fatalf("%s:\n got %+v\nwant %+v", name, got, exp[next])
						}
					}
					at = next
				}
			}
		}
	}
	if lists < 30 || !long || !arrays || !chunked {
		t.Fatalf("%d lists read, a field longer than the norms table: %v, array positions: %v, four chunks: %v; the test covers too little",
			lists, long, arrays, chunked)
	}
	if ok, err := prev.seek(1 << 33); ok || err != nil { // past every record number of a segment
		t.Errorf("seek past the record numbers: %v, %v", ok, err)
	}

	// Chunks that do not decode are errors, not panics.
	for name, d := range map[string]*chunkDecoder{
		"varint cut short":   {mem: []byte{0x80}, freqs: chunks{ends: []uint64{1}}, chunk: 1024, all: roaring.BitmapOf(1, 2).Iterator(), cur: -1},
		"records past bytes": {mem: []byte{2, 7}, freqs: chunks{ends: []uint64{2}}, chunk: 1024, all: roaring.BitmapOf(1, 2).Iterator(), cur: -1},
		"chunk past ends":    {mem: []byte{2, 7}, freqs: chunks{ends: []uint64{2}}, chunk: 1024, all: roaring.BitmapOf(5000).Iterator(), cur: -1},
		"end past bytes":     {mem: []byte{2, 7}, freqs: chunks{ends: []uint64{9}}, chunk: 1024, all: roaring.BitmapOf(1).Iterator(), cur: -1},
		"locations past bytes": {mem: []byte{3, 7, 9, 0}, freqs: chunks{ends: []uint64{2}}, locs: chunks{data: 2, ends: []uint64{2}},
			chunk: 1024, all: roaring.BitmapOf(1).Iterator(), cur: -1, locating: true, fields: []string{"body"}},
		"location of no field": {mem: []byte{3, 7, 6, 4, 0, 0, 1, 0}, freqs: chunks{ends: []uint64{2}}, locs: chunks{data: 2, ends: []uint64{6}},
			chunk: 1024, all: roaring.BitmapOf(1).Iterator(), cur: -1, locating: true, fields: []string{"body"}},
	} {
		t.Run(name, func(t *testing.T) {
			var err error
			for ok := true; ok && err == nil; ok, err = d.read() {
			}
			if !errors.Is(err, errPostings) {
				t.Errorf("%v, want %v", err, errPostings)
			}
		})
	}

	// A segment with deleted records is read by zap's iterator.
	if err := b.Delete("r00001"); err != nil {
		t.Fatal(err)
	}
	snap2, done2 := snapshotOf(t, b)
	defer done2()
	for _, ss := range snap2.Segments() {
		if ss.Deleted() == nil || ss.Deleted().IsEmpty() {
			continue
		}
		dict, err := ss.Segment().Dictionary("body")
		if err != nil {
			t.Fatal(err)
		}
		pl, err := dict.PostingsList([]byte("w0"), ss.Deleted(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := decodablePostings(pl, false); ok {
			t.Error("a postings list with deleted records is to be read by zap's iterator")
		}
	}
	// The seekReaders of a snapshot without deleted records read with decoders.
	r, err := seekSnapshot{IndexSnapshot: snap}.TermFieldReader(context.Background(), []byte("w0"), "body", true, true, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Next(nil); err != nil {
		t.Fatal(err)
	}
	if sr, ok := r.(*seekReader); !ok || sr.dec == nil {
		t.Errorf("w0 read by %T without a chunk decoder", r)
	}
}

// TestVisitIDs: visitIDs visits every record of every segment once, with its
// ID, over segments with deleted records and one merged; the numbers it reads
// from the dictionary (oneHitOf) are those zap's postings give, and a merged
// segment's are all read there. A zap version that moves what oneHitOf reads
// fails it.
func TestVisitIDs(t *testing.T) {
	ix := tempIndex(t)
	ctx := context.Background()
	doc := func(i int) *Document {
		d := &Document{ID: fmt.Sprintf("d%02d", i), Title: "Document", Type: TypeReport, Lang: "en"}
		for p := 1; p <= 1+i%4; p++ {
			d.Pages = append(d.Pages, Page{Number: p, Text: "some words"})
		}
		return d
	}
	// Zap keeps a record in the dictionary where it merges segments; in a segment
	// it has just written, the record is in the postings (visitIDs reads them).
	// The merged stage requires the dictionary's reading: a zap whose Next no
	// longer read the entry's postings (so that oneHitOf read nothing, or an
	// earlier entry's) fails there, rather than visitIDs reading wrong numbers
	// unseen.
	check := func(stage string, merged bool) {
		snap, done := snapshotOf(t, ix.b)
		defer done()
		var offset uint64
		for _, s := range snap.Segments() {
			seg := s.Segment()
			seen := make([]bool, seg.Count())
			err := visitIDs(seg, func(id string, n uint64) {
				if n >= uint64(len(seen)) || seen[n] {
					t.Errorf("%s: record %d (%s) out of the segment or seen twice", stage, n, id)
					return
				}
				seen[n] = true
				if want, err := snap.ExternalID(index.NewIndexInternalID(nil, offset+n)); err != nil || want != id {
					t.Errorf("%s: record %d is %q, want %q (%v)", stage, n, id, want, err)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if i := slices.Index(seen, false); i >= 0 {
				t.Errorf("%s: record %d of %d not visited", stage, i, len(seen))
			}
			dict, err := seg.Dictionary("_id")
			if err != nil {
				t.Fatal(err)
			}
			it := dict.AutomatonIterator(nil, nil, nil)
			for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
				if err != nil {
					t.Fatal(err)
				}
				n, ok := oneHitOf(it)
				var want []uint64
				if err := visitPostings(dict, []byte(e.Term), func(n uint64) { want = append(want, n) }); err != nil {
					t.Fatal(err)
				}
				if ok && (len(want) != 1 || want[0] != n) || merged && !ok {
					t.Errorf("%s: %s read as record %d (%v), zap's postings %v", stage, e.Term, n, ok, want)
				}
			}
			offset += seg.Count()
		}
	}
	for i := range 12 {
		if _, err := ix.Put(ctx, doc(i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ix.Put(ctx, doc(3), doc(5), doc(12)); err != nil { // records of earlier segments deleted
		t.Fatal(err)
	}
	check("segments with deleted records", false)
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	check("merged", true)
}
