// Package indextest builds real on-disk indexes for tests in other packages.
package indextest

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
)

// Sample builds an index of the bundled sample corpus in a temporary directory and
// closes it when the test ends.
func Sample(t testing.TB) (*indexer.Index, *corpus.Store) {
	t.Helper()
	return FS(t, data.Sample(), data.SampleBaseURL)
}

// FS builds an index of the HTML and PDF files in fsys, recorded under baseURL.
func FS(t testing.TB, fsys fs.FS, baseURL string) (*indexer.Index, *corpus.Store) {
	t.Helper()
	dir := t.TempDir()
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := store.ImportFS(fsys, baseURL)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	rep, err := indexer.Build(context.Background(), store, entries, ix, indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed > 0 {
		t.Fatalf("building test index: %d entries failed: %v", rep.Failed, rep.Errors)
	}
	return ix, store
}
