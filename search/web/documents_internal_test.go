package web

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

// TestStoredTitleCached: a stored page's title is read once; later views take it
// from the cache, so they no longer need the stored body.
func TestStoredTitleCached(t *testing.T) {
	dir := t.TempDir()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	const u = "https://publisher.example/events/roundtable"
	e, err := st.Put(corpus.Entry{URL: u, ContentType: corpus.TypeHTML}, []byte("<html><head><title>Roundtable on oversight</title></head><body><p>Text</p></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{store: st}
	if got := s.storedTitle(u); got != "Roundtable on oversight" {
		t.Fatalf("title %q", got)
	}
	// The body gone, the title is still known by the page's digest.
	if err := os.RemoveAll(filepath.Join(dir, "objects")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Body(e.SHA256); err == nil {
		t.Fatal("the body is still readable: the test proves nothing")
	}
	if got := s.storedTitle(u); got != "Roundtable on oversight" {
		t.Errorf("second view: title %q, want it from the cache", got)
	}
	// The cache stays bounded.
	for i := range maxCachedTitles + 10 {
		s.titles.put(fmt.Sprint(i), "t")
	}
	if n := len(s.titles.m); n > maxCachedTitles {
		t.Errorf("%d titles cached, bound %d", n, maxCachedTitles)
	}
}
