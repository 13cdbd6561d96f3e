// Package indextest builds real on-disk indexes for tests in other packages.
package indextest

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"

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

// Docs builds an index of docs, written as given (Index.Put), in a temporary
// directory and closes it when the test ends.
func Docs(t testing.TB, docs ...*indexer.Document) *indexer.Index {
	t.Helper()
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TermCount is a value of a field and how many records have it.
type TermCount struct {
	Term  string
	Count int
}

// BleveFacets is Bleve's own count of the values of each field (by name) over
// the records q matches, up to n values per field, most frequent first: the
// reference that faster counts are checked against.
func BleveFacets(t testing.TB, ix *indexer.Index, q indexer.Query, fields map[string]string, n int) map[string][]TermCount {
	t.Helper()
	sr := bleve.NewSearchRequestOptions(indexer.BleveQuery(q), 0, 0, false)
	for name, f := range fields {
		sr.AddFacet(name, bleve.NewFacetRequest(f, n))
	}
	r, err := ix.Bleve().Search(sr)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]TermCount{}
	for name := range fields {
		out[name] = []TermCount{}
		if f := r.Facets[name]; f != nil && f.Terms != nil {
			for _, tf := range f.Terms.Terms() {
				out[name] = append(out[name], TermCount{Term: tf.Term, Count: tf.Count})
			}
		}
	}
	return out
}
