package indexdir

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// TestLink: an index directory of the layout before links becomes a link to
// the same index under a new name, but not while another process holds it.
func TestLink(t *testing.T) {
	dir := t.TempDir()
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	d := &indexer.Document{ID: "d1", Title: "Kept", Type: indexer.TypeReport, Pages: []indexer.Page{{Number: 1, Text: "kept"}}}
	if _, err := ix.Put(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := Link(dir); err != nil { // held: left alone
		t.Fatal(err)
	}
	if st, err := os.Lstat(filepath.Join(dir, "index")); err != nil || !st.IsDir() {
		t.Fatalf("a held index was moved: %v", err)
	}
	ix.Close()
	if err := Link(dir); err != nil {
		t.Fatal(err)
	}
	target, err := os.Readlink(filepath.Join(dir, "index"))
	if err != nil || !strings.HasPrefix(target, "index-") {
		t.Fatalf("DATA/index is not a link: %q %v", target, err)
	}
	ix, err = OpenLive(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got, err := ix.Get("d1"); err != nil || got.Title != "Kept" || ix.Dir() != filepath.Join(dir, target) {
		t.Errorf("after linking: %v, %v, dir %s", got, err, ix.Dir())
	}
	if err := Link(dir); err != nil { // a link already: nothing to do
		t.Fatal(err)
	}
}

// TestRebuild: a rebuild that fails leaves nothing behind; one that succeeds gives
// the new index open beside the live one, which Point then makes live, and a
// stale leftover of an interrupted rebuild is cleared, but not one kept.
func TestRebuild(t *testing.T) {
	dir := t.TempDir()
	live, err := OpenLive(dir)
	if err != nil {
		t.Fatal(err)
	}
	live.Close()
	stale, kept := filepath.Join(dir, "index-stale"), filepath.Join(dir, "index-kept")
	for _, p := range []string{stale, kept} {
		ix, err := indexer.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
	}
	failed := errors.New("build failed")
	var tried string
	if _, err := Rebuild(dir, []string{kept}, func(ix *indexer.Index) error { tried = ix.Dir(); return failed }); !errors.Is(err, failed) {
		t.Fatalf("Rebuild with a failing build: %v", err)
	}
	if _, err := os.Stat(tried); !os.IsNotExist(err) {
		t.Errorf("the failed index %s is left behind: %v", tried, err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale index is left: %v", err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the kept index is gone: %v", err)
	}
	d := &indexer.Document{ID: "d2", Title: "Rebuilt", Type: indexer.TypeReport, Pages: []indexer.Page{{Number: 1, Text: "rebuilt"}}}
	ix, err := Rebuild(dir, []string{kept}, func(ix *indexer.Index) error { _, err := ix.Put(context.Background(), d); return err })
	if err != nil {
		t.Fatal(err)
	}
	next := ix.Dir()
	if next == Live(dir) {
		t.Fatal("the rebuild wrote into the live index")
	}
	ix.Close()
	if _, err := Point(dir, next); err != nil {
		t.Fatal(err)
	}
	ix, err = OpenLive(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got, err := ix.Get("d2"); err != nil || got.Title != "Rebuilt" {
		t.Errorf("the live index after Point: %v, %v", got, err)
	}
}

// TestPoint: Point calls at once each link their own index (the last rename wins,
// none fails or leaves DATA/index at a directory its caller deletes), and one that
// cannot link puts an index of the layout before links back where it was.
func TestPoint(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "index-a"), filepath.Join(dir, "index-b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for range 500 {
		errs := make(chan error, 2)
		for _, next := range []string{a, b} {
			go func() { _, err := Point(dir, next); errs <- err }()
		}
		if err := errors.Join(<-errs, <-errs); err != nil {
			t.Fatalf("Point at once: %v", err)
		}
		if live := Live(dir); live != a && live != b {
			t.Fatalf("DATA/index links %s", live)
		}
	}

	// The layout before links: DATA/index a directory, moved aside, and back when
	// the link cannot be made (its name taken by a directory here).
	old := t.TempDir()
	if err := os.Mkdir(filepath.Join(old, "index"), 0o755); err != nil {
		t.Fatal(err)
	}
	taken := filepath.Join(old, "index.link-"+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(linkSeq.Load()+1, 10))
	if err := os.MkdirAll(filepath.Join(taken, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Point(old, filepath.Join(old, "index-new")); err == nil {
		t.Fatal("Point over a taken link name: no error")
	}
	if st, err := os.Lstat(filepath.Join(old, "index")); err != nil || !st.IsDir() {
		t.Errorf("after a failed Point, DATA/index: %v, %v; want the old directory back", st, err)
	}
}
