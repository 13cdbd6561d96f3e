package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ssgsearch/ssgsearch/search/thesaurus"
)

// TestGenerate regenerates the thesaurus from the installed WordNet and compares it
// with the embedded one: the output is deterministic, and the file in the tree is
// what `make thesaurus` makes. Without WordNet (Debian's wordnet-base) it is
// skipped, unless SSGSEARCH_REQUIRE_WORDNET is set (make test sets it when the
// package is installed).
func TestGenerate(t *testing.T) {
	const dir = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(dir, "data.noun")); err != nil {
		if os.Getenv("SSGSEARCH_REQUIRE_WORDNET") != "" {
			t.Fatalf("WordNet required: %v", err)
		}
		t.Skip("no WordNet in", dir)
	}
	out := t.TempDir()
	if err := run(dir, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, thesaurus.DataFile))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", thesaurus.DataFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generated %d bytes differ from the %d embedded: run make thesaurus", len(got), len(want))
	}
	if err := run(filepath.Join(out, "missing"), out); err == nil {
		t.Error("a directory without WordNet: no error")
	}
}
