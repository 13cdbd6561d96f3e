package indexer

import (
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// TestPageSources: each page's letter says where its text came from.
func TestPageSources(t *testing.T) {
	pages := []Page{
		{Number: 1, Status: extract.StatusOK, Extractor: extract.ExtractorGo},
		{Number: 2, Status: extract.StatusOK, Extractor: extract.ExtractorOCR},
		{Number: 3, Status: extract.StatusEmpty},
		{Number: 4, Status: extract.StatusFailed},
		{Number: 5, Status: extract.StatusOK, Extractor: extract.ExtractorPoppler},
	}
	_, src := pageSummary(pages)
	d := &Document{PageSources: src}
	want := []string{"", SourceText, SourceOCR, SourceNoText, SourceFailed, SourceText, ""}
	for n, w := range want {
		if got := d.PageSource(n); got != w {
			t.Errorf("page %d: %q, want %q", n, got, w)
		}
	}
}
