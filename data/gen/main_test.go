package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestSampleUpToDate regenerates the sample corpus and compares it with the committed
// one: the generator is reproducible and data/sample matches data/gen/content.
func TestSampleUpToDate(t *testing.T) {
	if _, err := os.Stat(filepath.Join(DefaultFonts, "DejaVuSerif.ttf")); err != nil {
		if os.Getenv("SSGSEARCH_REQUIRE_FONTS") != "" {
			t.Fatalf("fonts missing (Debian package fonts-dejavu-core): %v", err)
		}
		t.Skip("fonts-dejavu-core not installed; `make test` installs it")
	}
	out := t.TempDir()
	if err := generate("content", out, DefaultFonts); err != nil {
		t.Fatal(err)
	}
	committed := os.DirFS(filepath.Join("..", "sample"))
	fresh := os.DirFS(out)
	seen := map[string]bool{}
	err := fs.WalkDir(fresh, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		seen[p] = true
		a, _ := fs.ReadFile(fresh, p)
		b, err := fs.ReadFile(committed, p)
		if err != nil {
			t.Errorf("%s generated but not committed (run make sample)", p)
			return nil
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the generator's output (run make sample)", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(committed, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !seen[p] {
			t.Errorf("%s is committed but no longer generated", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestParseContentErrors(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"no-front.md":     "# Title\n\ntext",
		"unterminated.md": "---\nslug: x\n",
		"bad-date.md":     "---\nslug: x\nlang: en\ntitle: T\ndate: 2020-13-45\npdf: x.pdf\n---\ntext",
		"no-pdf.md":       "---\nslug: x\nlang: en\ntitle: T\ndate: 2020-01-02\n---\ntext",
		"bad-lang.md":     "---\nslug: x\nlang: de\ntitle: T\ndate: 2020-01-02\npdf: x.pdf\n---\ntext",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := parse(p); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}
