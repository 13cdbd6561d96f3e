package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// TestLinkIndex: an index directory of the layout before links becomes a link to
// the same index under a new name, but not while another process holds it.
func TestLinkIndex(t *testing.T) {
	dir := t.TempDir()
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	d := &indexer.Document{ID: "d1", Title: "Kept", Type: indexer.TypeReport, Pages: []indexer.Page{{Number: 1, Text: "kept"}}}
	if _, err := ix.Put(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := linkIndex(dir); err != nil { // held: left alone
		t.Fatal(err)
	}
	if st, err := os.Lstat(filepath.Join(dir, "index")); err != nil || !st.IsDir() {
		t.Fatalf("a held index was moved: %v", err)
	}
	ix.Close()
	if err := linkIndex(dir); err != nil {
		t.Fatal(err)
	}
	target, err := os.Readlink(filepath.Join(dir, "index"))
	if err != nil || !strings.HasPrefix(target, "index-") {
		t.Fatalf("DATA/index is not a link: %q %v", target, err)
	}
	ix, err = openLiveIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got, err := ix.Get("d1"); err != nil || got.Title != "Kept" || ix.Dir() != filepath.Join(dir, target) {
		t.Errorf("after linking: %v, %v, dir %s", got, err, ix.Dir())
	}
	if err := linkIndex(dir); err != nil { // a link already: nothing to do
		t.Fatal(err)
	}
}
