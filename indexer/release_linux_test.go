package indexer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	zap "github.com/blevesearch/zapx/v17"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

// TestReleaseMapped: after ReleaseMapped, the pages of an index file that were
// read no longer count in the process's resident memory, and the index reads as
// before; while releasing runs, pages read leave memory every releaseInterval.
func TestReleaseMapped(t *testing.T) {
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	w := ix.NewWriter()
	for i := range 300 {
		var pages []indexer.Page
		for p := 1; p <= 4; p++ {
			pages = append(pages, indexer.Page{Number: p, Text: strings.Repeat(fmt.Sprintf("oversight of record%d page%d budget ", i, p), 60)})
		}
		if _, err := w.Put(ctx, &indexer.Document{ID: fmt.Sprintf("d%03d", i), Title: "Report", Type: indexer.TypeReport, Pages: pages}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	rank := func() *indexer.Ranking {
		t.Helper()
		r, err := ix.RankDocuments(ctx, indexer.Match(indexer.FieldBody, "record7 budget", 0), indexer.RankOptions{K: 2, To: 20})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	want := rank()

	adv, err := ix.Bleve().Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader() // keeps the segment open
	if err != nil {
		t.Fatal(err)
	}
	var seg *zap.Segment
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		if zs, ok := s.Segment().(*zap.Segment); ok {
			seg = zs
		}
	}
	if seg == nil {
		r.Close()
		t.Fatal("no segment on disk after compaction")
	}
	mapped := func() int { return indextest.MappedKB(t, func(p string) bool { return p == seg.Path() }) }
	readAll(seg)
	before := mapped()
	fi, err := os.Stat(seg.Path())
	if err != nil {
		t.Fatal(err)
	}
	if size := int(fi.Size() / 1024); before < size/2 {
		t.Fatalf("%d kB of the %d kB file resident after reading all of it: the measure is wrong", before, size)
	}
	if err := ix.ReleaseMapped(); err != nil {
		t.Fatal(err)
	}
	if after := mapped(); after > before/4 {
		t.Errorf("%d kB of the file resident after ReleaseMapped, %d kB before", after, before)
	}
	if got := rank(); !reflect.DeepEqual(got, want) {
		t.Errorf("after ReleaseMapped the ranking is\n%+v\nwant\n%+v", got, want)
	}

	defer indexer.SetReleaseInterval(5 * time.Millisecond)()
	stop := ix.Releasing()
	for range 2 {
		readAll(seg)
		time.Sleep(100 * time.Millisecond)
		if after := mapped(); after > before/4 {
			t.Errorf("%d kB of the file resident while releasing, %d kB after reading it", after, before)
		}
	}
	if err := stop(); err != nil {
		t.Errorf("releasing: %v", err)
	}
	// The loop stops with the first error: here, the index closed.
	stop = ix.Releasing()
	r.Close()
	ix.Close()
	time.Sleep(50 * time.Millisecond)
	if err := stop(); err == nil {
		t.Error("releasing a closed index: no error")
	}
}

// readAll reads every byte of seg's file, through its mapping.
func readAll(seg *zap.Segment) {
	var sum byte
	for _, c := range seg.Data() {
		sum += c
	}
	readSink = sum
}

// readSink keeps readAll from being optimised away.
var readSink byte
