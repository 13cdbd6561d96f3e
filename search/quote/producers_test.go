package quote_test

import (
	"context"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/quote"
)

// producersDir holds one PDF per producing program, all laying out the same pages
// (see its spec.json and generate.py).
const producersDir = "../../indexer/extract/testdata/producers"

// TestVerifyQuoteProducers: in the PDF of every producer, a sentence that runs over
// a page break, with the running header, the page number and a footnote (and on the
// second break a figure caption) standing between its halves, is found word for
// word, from the page it starts on to the page it ends on.
func TestVerifyQuoteProducers(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(producersDir, "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Quotes []struct {
			Text    string `json:"text"`
			Page    int    `json:"page"`
			EndPage int    `json:"end_page"`
		} `json:"quotes"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	pdfs, err := filepath.Glob(filepath.Join(producersDir, "*.pdf"))
	if err != nil || len(pdfs) < 5 {
		t.Fatalf("want the fixtures of at least five producers, have %v (%v)", pdfs, err)
	}
	ix, _ := indextest.FS(t, os.DirFS(producersDir), "https://example.org/")
	s := search.New(ix)
	for _, q := range spec.Quotes {
		res, err := quote.Verify(context.Background(), s, q.Text)
		if err != nil {
			t.Fatal(err)
		}
		if res.Verdict != quote.Exact {
			t.Errorf("%q: verdict %s", q.Text, res.Verdict)
		}
		found := map[string]quote.Place{}
		for _, p := range res.Places {
			found[strings.TrimSuffix(path.Base(p.Doc.SourceURL), ".pdf")] = p
		}
		for _, f := range pdfs {
			name := strings.TrimSuffix(filepath.Base(f), ".pdf")
			p, ok := found[name]
			switch {
			case !ok:
				t.Errorf("%s: %q not found", name, q.Text)
			case p.Page != q.Page || p.EndPage != q.EndPage:
				t.Errorf("%s: %q on pages %d–%d, want %d–%d", name, q.Text, p.Page, p.EndPage, q.Page, q.EndPage)
			case !p.Exact:
				t.Errorf("%s: %q found only after folding %v", name, q.Text, p.Folded)
			}
		}
	}
}

// TestVerifyQuoteNotAcrossBody: the halves of a quote over a page break may have
// footnotes between them, not body text: a "quote" joining the end of a paragraph
// to the top of the next page is not found.
func TestVerifyQuoteNotAcrossBody(t *testing.T) {
	s := pdfSearcher(t,
		[]pdftest.Line{line(740, "Committees must be able to question the"), line(726, "Written answers are not enough."), line(100, "1 See the annual report.")},
		[]pdftest.Line{line(740, "minister in public at least once a year."), line(726, "Hearings should be broadcast.")},
	)
	res, err := quote.Verify(context.Background(), s, "must be able to question the minister in public at least once")
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict == quote.Exact || res.Verdict == quote.Normalized {
		t.Errorf("halves with body text between: verdict %s, places %+v", res.Verdict, res.Places)
	}
	res, err = quote.Verify(context.Background(), s, "written answers are not enough. Minister in public at least once")
	if err != nil || len(res.Places) != 1 || res.Places[0].EndPage != 2 {
		t.Fatalf("halves with a footnote between: %v %+v", err, res)
	}
}

// TestVerifyQuoteAcrossBreakWholeWords: the halves of a quote over a page break
// are whole words: "he asked" is not found in "she asked".
func TestVerifyQuoteAcrossBreakWholeWords(t *testing.T) {
	s := pdfSearcher(t,
		[]pdftest.Line{line(740, "The chair opened the hearing."), line(726, "Then she asked the minister")},
		[]pdftest.Line{line(740, "whether the budget was audited."), line(726, "He did not answer.")},
	)
	res, err := quote.Verify(context.Background(), s, "he asked the minister whether the budget was audited")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Places {
		if p.EndPage == 2 && (res.Verdict == quote.Exact || res.Verdict == quote.Normalized) {
			t.Errorf("found across the break inside another word: %+v", p)
		}
	}
	res, err = quote.Verify(context.Background(), s, "she asked the minister whether the budget was audited")
	if err != nil || res.Verdict != quote.Exact || len(res.Places) != 1 || res.Places[0].EndPage != 2 {
		t.Errorf("the whole words: %v %+v", err, res)
	}
}
