package web_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// docServer serves an index of these documents.
func docServer(t *testing.T, docs ...*indexer.Document) string {
	t.Helper()
	_, ts := serve(t, web.Config{Index: indextest.Docs(t, docs...)})
	return ts.URL
}

// twoPageReport is a two-page English report.
func twoPageReport(id, title string) *indexer.Document {
	return &indexer.Document{ID: id, Title: title, Type: indexer.TypeReport, Lang: "en", Year: 2020,
		URL: "https://example.org/" + id, SourceURL: "https://example.org/" + id, PDFURL: "https://example.org/" + id + ".pdf", PDFSourceURL: "https://example.org/" + id + ".pdf",
		Pages: []indexer.Page{{Number: 1, Text: "Defence budget oversight by parliament.", Lang: "en", Status: "ok"}, {Number: 2, Text: "More on the budget.", Lang: "en", Status: "ok"}}}
}

// TestDocumentPageDetails: a removed document's citation was accessed when it
// was last seen, not when the index last wrote its record; the Ukrainian
// interface says in Ukrainian what a bad citation format, a page view's title and
// an unreadable PDF are; a related document with a year alone shows it; the
// citation formats keep the search inside the document.
func TestDocumentPageDetails(t *testing.T) {
	gone := twoPageReport("gone", "Reading the Defence Budget")
	gone.FetchedAt = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	gone.LastSeen = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	gone.Removed = time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	locked := twoPageReport("locked", "Defence budget oversight")
	locked.Status, locked.Error = indexer.StatusEncrypted, "pdf: encrypted"
	yearOnly := twoPageReport("year", "Defence budget oversight in parliament")
	yearOnly.Year = 2017
	base := docServer(t, gone, locked, yearOnly)

	if code, _, body := get(t, base+"/api/v1/documents/gone/cite?format=ris"); code != 200 || !strings.Contains(body, "Y2  - 2024/12/01") {
		t.Errorf("a removed document's access date: %d\n%s", code, body)
	}
	if code, body := getIn(t, base+"/documents/locked?cite=mla", "uk"); code != 400 || !strings.Contains(body, "Немає формату цитування") {
		t.Errorf("a bad citation format in Ukrainian: %d %s", code, regexp.MustCompile(`(?s)<p class="error"[^>]*>.*?</p>`).FindString(body))
	}
	if _, body := getIn(t, base+"/documents/locked/pages/2", "uk"); !strings.Contains(body, "— с. 2</title>") {
		t.Errorf("a page view's title in Ukrainian: %s", regexp.MustCompile(`<title>.*?</title>`).FindString(body))
	}
	_, body := getIn(t, base+"/documents/locked?q=budget", "uk")
	if !strings.Contains(body, "PDF зашифровано") {
		t.Errorf("an encrypted PDF in Ukrainian: %s", regexp.MustCompile(`<p class="error" role="status">.*?</p>`).FindString(body))
	}
	if !strings.Contains(body, "cite=bibtex&amp;q=budget") {
		t.Errorf("the citation formats drop the search inside the document")
	}
	if sec := regexp.MustCompile(`(?s)<section class="related">.*?</section>`).FindString(body); !strings.Contains(sec, "2017") {
		t.Errorf("a related document with a year alone: %s", sec)
	}
}
