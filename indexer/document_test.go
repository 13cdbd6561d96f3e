package indexer

import (
	"testing"

	"github.com/ssgsearch/ssgsearch/data/vocab"
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

// TestTypesKnown: every document type the code names is one of the vocabulary's,
// so that a rule on a type (Periodical, the priors) meets the documents typed so.
func TestTypesKnown(t *testing.T) {
	for _, typ := range []string{TypeHandbook, TypeToolkit, TypeManual, TypeProceedings, TypePolicyPaper, TypePolicyBrief,
		TypeReport, TypeSurvey, TypeGuide, TypeAnnualReport, TypeNewsletter, TypePublication, TypePage, TypeEvent} {
		if !vocab.Known(typ) {
			t.Errorf("type %q is not in the vocabulary", typ)
		}
	}
}
