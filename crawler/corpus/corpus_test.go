package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestPutGetBody(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Put(Entry{URL: "https://example.org/a/", ContentType: TypeHTML}, []byte("<p>a</p>"))
	if err != nil {
		t.Fatal(err)
	}
	if e.SHA256 != Digest([]byte("<p>a</p>")) || e.Size != 8 {
		t.Errorf("entry = %+v", e)
	}
	got, err := s.Get("https://example.org/a/")
	if err != nil || got.SHA256 != e.SHA256 {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	body, err := s.Body(e.SHA256)
	if err != nil || string(body) != "<p>a</p>" {
		t.Fatalf("Body = %q, %v", body, err)
	}
	// Same content at a second URL is stored once.
	if _, err := s.Put(Entry{URL: "https://example.org/b/", ContentType: TypeHTML}, []byte("<p>a</p>")); err != nil {
		t.Fatal(err)
	}
	objs, _ := filepath.Glob(filepath.Join(s.dir, "objects", "*", "*"))
	if len(objs) != 1 {
		t.Errorf("%d objects for identical content, want 1", len(objs))
	}
	if _, err := s.Get("https://example.org/missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get missing: %v", err)
	}
	for _, bad := range []string{"", "../../etc/passwd", "zz"} {
		if _, err := s.Body(bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("Body(%q): %v, want ErrNotFound", bad, err)
		}
	}
}

func TestImportFS(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"index.html":                       {Data: []byte("home")},
		"uk/публікація/index.html":         {Data: []byte("uk page")},
		"wp-content/uploads/2020/01/x.pdf": {Data: []byte("%PDF-1.4")},
		"style.css":                        {Data: []byte("body{}")},
		".git/config":                      {Data: []byte("x")},
	}
	es, err := s.ImportFS(fsys, "sample:///")
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]string{}
	for _, e := range es {
		urls[e.URL] = e.ContentType
	}
	want := map[string]string{
		"sample:///": TypeHTML,
		"sample:///uk/%D0%BF%D1%83%D0%B1%D0%BB%D1%96%D0%BA%D0%B0%D1%86%D1%96%D1%8F/": TypeHTML,
		"sample:///wp-content/uploads/2020/01/x.pdf":                                 TypePDF,
	}
	if len(urls) != len(want) {
		t.Fatalf("imported %v, want %v", urls, want)
	}
	for u, ct := range want {
		if urls[u] != ct {
			t.Errorf("%s: type %q, want %q (got %v)", u, urls[u], ct, urls)
		}
	}
	all, err := s.Entries()
	if err != nil || len(all) != 3 {
		t.Fatalf("Entries = %d, %v", len(all), err)
	}
}

// A damaged record is reported by name, not skipped silently. (Writes are atomic,
// so only outside damage produces one.)
func TestEntriesReportsDamagedRecords(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(Entry{URL: "https://example.org/", ContentType: TypeHTML}, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "entries", "broken.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Entries(); err == nil || !strings.Contains(err.Error(), "broken.json") {
		t.Fatalf("Entries error = %v, want one naming broken.json", err)
	}
}

func TestMediaType(t *testing.T) {
	for ct, want := range map[string]string{
		"text/html; charset=UTF-8": TypeHTML,
		"application/pdf":          TypePDF,
		"APPLICATION/PDF":          TypePDF,
		"image/png":                "",
		"":                         "",
	} {
		if got := MediaType(ct); got != want {
			t.Errorf("MediaType(%q) = %q, want %q", ct, got, want)
		}
	}
}

func TestIsPDF(t *testing.T) {
	for _, tt := range []struct {
		data string
		want bool
	}{
		{"%PDF-1.7\n", true},
		{"junk before it\r\n%PDF-1.4\n", true},
		{"<html>" + strings.Repeat(" ", 2000) + "%PDF- beyond the first kilobyte", false},
		{"<html>", false},
		{"", false},
	} {
		if got := IsPDF([]byte(tt.data)); got != tt.want {
			t.Errorf("IsPDF(%.20q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}
