package indexer

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// TestSeekReader: a seeking term reader, advanced and read on in any order, finds
// what scorch's own reader finds reading every record (number, frequency, norm,
// positions), on segments with and without deleted records, for terms of one
// record, of one postings chunk and of several; and it does skip chunks.
func TestSeekReader(t *testing.T) {
	for _, deletions := range []bool{true, false} {
		// With deleted records zap's iterators read the segments; without,
		// chunkDecoders do.
		t.Run(fmt.Sprintf("deletions %v", deletions), func(t *testing.T) { testSeekReader(t, deletions) })
	}
}

func testSeekReader(t *testing.T, deletions bool) {
	b, err := bleve.New(filepath.Join(t.TempDir(), "index"), bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rnd := rand.New(rand.NewPCG(1, 2))
	// Words by rank: "w0" on most records, "w40" on few; "solo" on one record.
	text := func() string {
		var ws []string
		for w := range 40 {
			if rnd.Float64() < 0.9/float64(w+1) {
				for range 1 + rnd.IntN(3) {
					ws = append(ws, fmt.Sprintf("w%d", w))
				}
			}
		}
		rnd.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
		return strings.Join(ws, " ")
	}
	const records = 6000
	for start := 0; start < records; start += 1500 { // batches: segments
		putBodies(t, b, start, start+1500, func(i int) any {
			if i == 4321 {
				return text() + " solo"
			}
			return text()
		})
	}
	batch := b.NewBatch() // deleted and replaced records
	for i := 0; deletions && i < records; i += 7 {
		if i%2 == 0 {
			batch.Delete(fmt.Sprintf("r%05d", i))
		} else if err := batch.Index(fmt.Sprintf("r%05d", i), map[string]any{"body": text()}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Batch(batch); err != nil {
		t.Fatal(err)
	}
	snap, done := snapshotOf(t, b)
	defer done()
	ctx := context.Background()
	deleted, skipping := false, false
	for _, ss := range snap.Segments() {
		deleted = deleted || ss.Deleted() != nil && !ss.Deleted().IsEmpty()
		dict, err := ss.Segment().Dictionary("body")
		if err != nil {
			t.Fatal(err)
		}
		pl, err := dict.PostingsList([]byte("w0"), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c := chunkSize(pl); c > 0 && uint64(c) < ss.Segment().Count() {
			skipping = true
		}
	}
	if deleted != deletions {
		t.Errorf("a segment has deleted records: %v, want %v", deleted, deletions)
	}
	if !skipping {
		t.Error("no postings of w0 in several chunks of known size: nothing is skipped (a new zap version?)")
	}

	type rec struct {
		num       uint64
		freq      uint64
		norm      float64
		positions string
	}
	recOf := func(d *index.TermFieldDoc) rec {
		out := rec{num: d.ID.Value(), freq: d.Freq, norm: d.Norm}
		for _, v := range d.Vectors {
			out.positions += fmt.Sprintf("%s %v %d %d-%d;", v.Field, v.ArrayPositions, v.Pos, v.Start, v.End)
		}
		return out
	}
	// firstAt is the index in want of its first record at or after target
	// (len(want): none).
	firstAt := func(want []rec, target uint64) int {
		for i, w := range want {
			if w.num >= target {
				return i
			}
		}
		return len(want)
	}
	// check fails the test unless d, which step read, is want[next] (none when
	// next is past want's end).
	check := func(step string, d *index.TermFieldDoc, want []rec, next int) {
		t.Helper()
		switch {
		case next >= len(want) && d != nil:
			t.Fatalf("%s: record %d, want none", step, d.ID.Value())
		case next < len(want) && d == nil:
			t.Fatalf("%s: none, want %+v", step, want[next])
		case d != nil && !reflect.DeepEqual(recOf(d), want[next]):
			t.Fatalf("%s:\n got %+v\nwant %+v", step, recOf(d), want[next])
		}
	}
	// scorchReads is what scorch's own reader reads of term, record by record:
	// the records keep keeps (nil: all).
	scorchReads := func(term string, vectors bool, keep func(uint64) bool) []rec {
		t.Helper()
		all, err := snap.TermFieldReader(ctx, []byte(term), "body", true, true, vectors)
		if err != nil {
			t.Fatal(err)
		}
		defer all.Close()
		var out []rec
		for {
			d, err := all.Next(nil)
			if err != nil {
				t.Fatal(err)
			}
			if d == nil {
				return out
			}
			if keep == nil || keep(d.ID.Value()) {
				out = append(out, recOf(d))
			}
		}
	}
	seek := seekSnapshot{IndexSnapshot: snap}
	for _, term := range []string{"w0", "w1", "w3", "w9", "w30", "solo"} {
		for _, vectors := range []bool{false, true} {
			want := scorchReads(term, vectors, nil) // what scorch's reader reads, record by record
			if len(want) == 0 {
				t.Fatalf("%s: no records", term)
			}
			last := want[len(want)-1].num
			for run := range 20 {
				tfr, err := seek.TermFieldReader(ctx, []byte(term), "body", true, true, vectors)
				if err != nil {
					t.Fatal(err)
				}
				if got := tfr.Count(); got != uint64(len(want)) {
					t.Errorf("%s: Count %d, want %d", term, got, len(want))
				}
				at := -1 // index in want of the record returned last
				var pre index.TermFieldDoc
				for step := 0; step < 200 && at < len(want); step++ {
					var d *index.TermFieldDoc
					var op string
					var next int // index in want of the record expected
					switch x := rnd.IntN(10); {
					case x < 3:
						op, d, err = "next", nil, nil
						d, err = tfr.Next(&pre)
						next = at + 1
					default:
						target := uint64(rnd.Int64N(int64(last) + 2))
						if x < 8 && at >= 0 { // forward, near or far
							target = want[at].num + 1 + uint64(rnd.Int64N(int64(1+(last-want[at].num)/uint64(1+run%5*50))))
						}
						op = fmt.Sprintf("advance %d", target)
						d, err = tfr.Advance(index.NewIndexInternalID(nil, target), &pre)
						next = firstAt(want, target)
					}
					name := fmt.Sprintf("%s vectors %v run %d step %d %s", term, vectors, run, step, op)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					check(name, d, want, next)
					at = next
				}
				tfr.Close()
			}
		}
	}

	// Restricted to some records (keptReader, which reads on past the others or
	// seeks past them), the same records among those kept, by Next and Advance.
	for _, share := range []float64{0.9, 0.3, 0.02} {
		kept := newRecordSet(records * 2)
		for n := range uint64(records * 2) {
			if rnd.Float64() < share {
				kept.add(n)
			}
		}
		for _, term := range []string{"w0", "w1", "w3"} {
			want := scorchReads(term, false, kept.has)
			tfr, err := seek.TermFieldReader(ctx, []byte(term), "body", true, true, false)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := tfr.(*seekReader); !ok {
				t.Fatalf("%s: read by %T, not a seekReader", term, tfr)
			}
			kr := &keptReader{TermFieldReader: tfr, kept: kept}
			at := -1
			for step := 0; step < 400 && at < len(want); step++ {
				var d *index.TermFieldDoc
				next := at + 1
				op := "next"
				if rnd.IntN(4) == 0 && len(want) > 0 {
					target := want[max(at, 0)].num + uint64(rnd.IntN(300))
					op = fmt.Sprintf("advance %d", target)
					d, err = kr.Advance(index.NewIndexInternalID(nil, target), nil)
					next = firstAt(want, target)
				} else {
					d, err = kr.Next(nil)
				}
				if err != nil {
					t.Fatal(err)
				}
				check(fmt.Sprintf("%s kept %v step %d %s", term, share, step, op), d, want, next)
				at = next
			}
			tfr.Close()
		}
	}

	// Conjunctions: seekReaders narrowed to the records their terms all have
	// (seekConjunction) read those, as scorch's readers find and score them.
	narrowed := 0
	everyRecord := newRecordSet(records * 2)
	for n := range uint64(records * 2) {
		everyRecord.add(n)
	}
	for _, terms := range [][]string{{"w0", "w1"}, {"w0", "w1", "w3"}, {"w3", "w9", "w0"}, {"w0", "solo"}} {
		conj := func(r index.IndexReader, terms ...string) search.Searcher {
			var parts []search.Searcher
			for _, term := range terms {
				ts, err := searcher.NewTermSearcher(ctx, r, term, "body", 1, search.SearcherOptions{})
				if err != nil {
					t.Fatal(err)
				}
				parts = append(parts, ts)
			}
			s, err := searcher.NewConjunctionSearcher(ctx, r, parts, search.SearcherOptions{})
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		for _, from := range []uint64{0, 1, 700, 2500, 4321, 5999} {
			got, want := readFrom(t, seek, conj(seek, terms...), from, false), readFrom(t, snap, conj(snap, terms...), from, false)
			if !slices.Equal(got, want) {
				t.Errorf("%v from %d:\n got %v\nwant %v", terms, from, got, want)
			}
			if from == 0 && len(want) == 0 && terms[1] != "solo" {
				t.Errorf("%v: no records", terms)
			}
		}
		var readers []*seekReader
		var seeking []string // their terms
		var octx index.OptimizableContext
		for _, term := range terms {
			tfr, err := seek.TermFieldReader(ctx, []byte(term), "body", true, true, false)
			if err != nil {
				t.Fatal(err)
			}
			defer tfr.Close()
			if r, ok := tfr.(*seekReader); ok {
				readers, seeking = append(readers, r), append(seeking, term)
				// Joined through a keptReader (a restricted search's) as directly.
				var o index.Optimizable = r
				if len(readers)%2 == 0 {
					o = &keptReader{TermFieldReader: r, kept: everyRecord}
				}
				if octx, err = o.Optimize("conjunction", octx); err != nil {
					t.Fatal(err)
				}
			}
		}
		if len(readers) < 2 {
			continue
		}
		narrowed++
		if _, err := octx.Finish(); err != nil {
			t.Fatal(err)
		}
		// Each reads the records of their conjunction only.
		var want []string
		for _, m := range readFrom(t, snap, conj(snap, seeking...), 0, false) {
			want = append(want, m[:strings.Index(m, ":")])
		}
		for _, r := range readers {
			var got []string
			for {
				d, err := r.Next(nil)
				if err != nil {
					t.Fatal(err)
				}
				if d == nil {
					break
				}
				got = append(got, fmt.Sprint(d.ID.Value()))
			}
			if !slices.Equal(got, want) {
				t.Errorf("%v: a narrowed reader read %d records, want their conjunction's %d", seeking, len(got), len(want))
			}
			// Advanced back to the start, it reads them again, still narrowed.
			again := []string{}
			for d, err := r.Advance(index.NewIndexInternalID(nil, 0), nil); d != nil || err != nil; d, err = r.Next(nil) {
				if err != nil {
					t.Fatal(err)
				}
				again = append(again, fmt.Sprint(d.ID.Value()))
			}
			if !slices.Equal(again, want) {
				t.Errorf("%v: read again from the start, a narrowed reader read %d records, want %d", seeking, len(again), len(want))
			}
		}
	}
	if narrowed == 0 {
		t.Error("no conjunction of seekReaders: nothing narrowed")
	}
}

// TestPostingsChunks: the segments the index writes chunk a common term's
// postings by 1024 record numbers, and keep a rare term's in one chunk
// (postingsChunkMode); zap's default mode chunks by 1024 postings.
func TestPostingsChunks(t *testing.T) {
	b, err := bleve.New(filepath.Join(t.TempDir(), "index"), bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	const records = 3000
	putBodies(t, b, 0, records, func(i int) any {
		if i%300 == 0 {
			return "common rare"
		}
		return "common"
	})
	snap, done := snapshotOf(t, b)
	defer done()
	segs := snap.Segments()
	if len(segs) != 1 || segs[0].Segment().Count() != records {
		t.Fatalf("%d segments, want one of %d records", len(segs), records)
	}
	dict, err := segs[0].Segment().Dictionary("body")
	if err != nil {
		t.Fatal(err)
	}
	for term, want := range map[string]uint32{"common": 1024, "rare": records} {
		pl, err := dict.PostingsList([]byte(term), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := chunkSize(pl); got != want {
			t.Errorf("%s: chunks of %d record numbers, want %d", term, got, want)
		}
	}
}

// putBodies indexes into b, in one batch (a segment), records r<i> for i in
// [from, to), each with field body body(i).
func putBodies(t *testing.T, b bleve.Index, from, to int, body func(i int) any) {
	t.Helper()
	batch := b.NewBatch()
	for i := from; i < to; i++ {
		if err := batch.Index(fmt.Sprintf("r%05d", i), map[string]any{"body": body(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Batch(batch); err != nil {
		t.Fatal(err)
	}
}
