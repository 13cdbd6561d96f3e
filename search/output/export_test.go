package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
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

// TestExportBibTeXKeys: documents of one first author and year get keys of their
// own in one export, suffixed in turn; RIS has no keys to change.
func TestExportBibTeXKeys(t *testing.T) {
	doc := func(id string, year int) *indexer.Document {
		return &indexer.Document{ID: id, Title: "T " + id, Authors: []string{"Olena Marchenko"}, Year: year, Type: indexer.TypeReport}
	}
	var b bytes.Buffer
	e, err := NewExport(&b, "bibtex", ExportRun{Request: search.Request{Query: "q"}, At: ranAt})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range []*indexer.Document{doc("a", 2019), doc("b", 2019), doc("c", 2020), doc("d", 2019), doc("e", 2019)} {
		if err := e.Write(search.ExportHit{Rank: i + 1, Doc: d}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Close(5); err != nil {
		t.Fatal(err)
	}
	keys := regexp.MustCompile(`(?m)^@\w+\{([^,]*),`).FindAllStringSubmatch(b.String(), -1)
	var got []string
	for _, k := range keys {
		got = append(got, k[1])
	}
	if want := []string{"marchenko2019", "marchenko2019a", "marchenko2020", "marchenko2019b", "marchenko2019c"}; !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
}

func TestBibKeysUnique(t *testing.T) {
	k := bibKeys{}
	var got []string
	for _, key := range []string{"x2019", "x2019a", "x2019", "x2019", "x"} {
		got = append(got, k.unique(key))
	}
	if want := []string{"x2019", "x2019a", "x2019b", "x2019c", "x"}; !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	for n, want := range map[int]string{0: "a", 25: "z", 26: "aa", 27: "ab", 701: "zz", 702: "aaa"} {
		if got := letters(n); got != want {
			t.Errorf("letters(%d) = %q, want %q", n, got, want)
		}
	}
}
