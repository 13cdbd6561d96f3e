package indexer

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	zap "github.com/blevesearch/zapx/v17"
)

// TestReleaseMapped: after ReleaseMapped, the pages of an index file that were
// read no longer count in the process's resident memory, and the index reads as
// before.
func TestReleaseMapped(t *testing.T) {
	ix := tempIndex(t)
	ctx := context.Background()
	w := ix.NewWriter()
	for i := range 300 {
		var pages []Page
		for p := 1; p <= 4; p++ {
			pages = append(pages, Page{Number: p, Text: strings.Repeat(fmt.Sprintf("oversight of record%d page%d budget ", i, p), 60)})
		}
		if _, err := w.Put(ctx, &Document{ID: fmt.Sprintf("d%03d", i), Title: "Report", Type: TypeReport, Pages: pages}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	rank := func() *Ranking {
		t.Helper()
		r, err := ix.RankDocuments(ctx, Match(FieldBody, "record7 budget", 0), RankOptions{K: 2, To: 20})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	want := rank()

	snap, done := snapshotOf(t, ix.b) // keeps the segment open
	var seg *zap.Segment
	var path string
	var sum byte
	for _, s := range snap.Segments() {
		if zs, ok := s.Segment().(*zap.Segment); ok {
			seg, path = zs, zs.Path()
			for _, c := range zs.Data() { // every page read
				sum += c
			}
		}
	}
	readSink = sum
	if seg == nil {
		done()
		t.Fatal("no segment on disk after compaction")
	}
	before := mappedKB(t, path)
	if size := fileKB(t, path); before < size/2 {
		t.Fatalf("%d kB of the %d kB file resident after reading all of it: the measure is wrong", before, size)
	}
	if err := ix.ReleaseMapped(); err != nil {
		t.Fatal(err)
	}
	if after := mappedKB(t, path); after > before/4 {
		t.Errorf("%d kB of the file resident after ReleaseMapped, %d kB before", after, before)
	}
	if got := rank(); !reflect.DeepEqual(got, want) {
		t.Errorf("after ReleaseMapped the ranking is\n%+v\nwant\n%+v", got, want)
	}

	// While writing, the pages read leave memory every releaseInterval; the loop
	// stops with the first error (here: the index closed).
	defer func(d time.Duration) { releaseInterval = d }(releaseInterval)
	releaseInterval = 5 * time.Millisecond
	stop := ix.releasing()
	for range 2 {
		for _, c := range seg.Data() {
			sum += c
		}
		readSink = sum
		time.Sleep(100 * time.Millisecond)
		if after := mappedKB(t, path); after > before/4 {
			t.Errorf("%d kB of the file resident while releasing, %d kB after reading it", after, before)
		}
	}
	if err := stop(); err != nil {
		t.Errorf("releasing: %v", err)
	}
	stop = ix.releasing()
	done()
	ix.Close()
	time.Sleep(50 * time.Millisecond)
	if err := stop(); err == nil {
		t.Error("releasing a closed index: no error")
	}
}

// readSink keeps the test's reading of a segment from being optimised away.
var readSink byte

// mappedKB is how much of the file at path is mapped into this process and
// resident, in kB (/proc/self/smaps).
func mappedKB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) > 0 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = fields[len(fields)-1] == path // a mapping's first line
		case in && len(fields) == 3 && fields[0] == "Rss:":
			n, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatal(err)
			}
			total += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

func fileKB(t *testing.T, path string) int {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return int(fi.Size() / 1024)
}
