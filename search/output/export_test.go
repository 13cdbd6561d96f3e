package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
)

// TestExport: each format writes the run and the documents, links made
// absolute; nothing reaches the writer before Close; an unknown format is refused.
func TestExport(t *testing.T) {
	d := &indexer.Document{ID: "d1", Title: "=Defence budgets", Authors: []string{"A. Author", "B. Author"}, Year: 2021, Type: "report", Lang: "en",
		URL: indexer.StoredRef("abc", ".pdf"), PDFURL: indexer.StoredRef("abc", ".pdf"), SourceURL: "https://example.org/d1"}
	hit := search.ExportHit{Rank: 1, Score: 1.5, BestPage: 3, Doc: d, TranslationOf: "d0"}
	run := ExportRun{Request: search.Request{Query: "budget"}, At: ranAt, Base: "http://127.0.0.1:8080"}
	for format, want := range map[string][]string{
		"csv":    {"rank,id,title,authors", "1,d1,'=Defence budgets,A. Author; B. Author,2021", "http://127.0.0.1:8080/files/abc.pdf#page=3", ",budget,2026-12-04T10:00:00Z,d0"},
		"json":   {`"query":"budget"`, `"best_page":3`, `"translation_of":"d0"`, `"total":1}`},
		"bibtex": {"% ssgsearch export of \"budget\"", "=Defence budgets", "url = {https://example.org/d1}"},
		"ris":    {"TY  - ", "UR  - https://example.org/d1"},
	} {
		var b bytes.Buffer
		e, err := NewExport(&b, format, run)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Write(hit); err != nil {
			t.Fatal(err)
		}
		if b.Len() != 0 {
			t.Errorf("%s: %d bytes written before Close", format, b.Len())
		}
		if err := e.Close(1); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: no %q in\n%s", format, w, b.String())
			}
		}
		if format == "json" && !json.Valid(b.Bytes()) {
			t.Errorf("json: not JSON:\n%s", b.String())
		}
	}
	if _, err := NewExport(&bytes.Buffer{}, "xml", run); !errors.Is(err, ErrFormat) {
		t.Errorf("format xml: %v, want ErrFormat", err)
	}
}
