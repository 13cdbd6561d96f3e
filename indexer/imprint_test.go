package indexer

import (
	"slices"
	"testing"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

func TestImprintLine(t *testing.T) {
	name := vocab.Words("Gender and Security Network")
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"Gender and Security Network · 2017", true},
		{"© Gender and Security Network 2019. All rights reserved.", true},
		{"Published by the Gender and Security Network", true},
		{"Published by Gender and Security Network, Kyiv 2020", false},
		{"GENDER AND SECURITY NETWORK", true},
		{"The Gender and Security Network recommends that parliament review the budget.", false},
		{"Gender and security in the armed forces", false},
		{"Peter Hoffmann, Svitlana Pavlenko", false},
	} {
		if got := imprintLine(tt.line, name); got != tt.want {
			t.Errorf("imprintLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
	uk := vocab.Words("Мережа «Гендер і безпека»")
	if !imprintLine("Мережа «Гендер і безпека» · 2017", uk) || imprintLine("Гендер і безпека в секторі оборони", uk) {
		t.Errorf("Ukrainian imprint lines are not told from text")
	}
}

// TestSetImprintApart: a cover's imprint line moves to the page's footer, with the
// cleanup step recorded; a page that is all imprint, and a document without a
// publisher, keep their text.
func TestSetImprintApart(t *testing.T) {
	d := &Document{Publisher: "Gender and Security Network", Pages: []Page{
		{Number: 1, Text: "Reading the Defence Budget\nPeter Hoffmann\nGender and Security Network · 2017"},
		{Number: 2, Text: "Gender-responsive budgeting in the security sector.", Footer: "2"},
		{Number: 3, Text: "Gender and Security Network"},
	}}
	setImprintApart(d)
	want := []Page{
		{Number: 1, Text: "Reading the Defence Budget\nPeter Hoffmann", Footer: "Gender and Security Network · 2017", Cleanup: []string{extract.CleanImprint}},
		{Number: 2, Text: "Gender-responsive budgeting in the security sector.", Footer: "2"},
		{Number: 3, Text: "Gender and Security Network"},
	}
	for i, p := range d.Pages {
		if p.Text != want[i].Text || p.Footer != want[i].Footer || !slices.Equal(p.Cleanup, want[i].Cleanup) {
			t.Errorf("page %d: %+v, want %+v", p.Number, p, want[i])
		}
	}
	guessed := &Document{Publisher: "Gender and Security Network", Provenance: map[string]string{"publisher": extract.FromPDF},
		Pages: []Page{{Number: 1, Text: "Title\nGender and Security Network · 2017"}}}
	setImprintApart(guessed)
	if guessed.Pages[0].Footer != "" {
		t.Errorf("a publisher read from the cover took its line away: %+v", guessed.Pages[0])
	}
	none := &Document{Pages: []Page{{Number: 1, Text: "Title\nGender and Security Network · 2017"}}}
	setImprintApart(none)
	if none.Pages[0].Footer != "" {
		t.Errorf("a document without a publisher lost its line: %+v", none.Pages[0])
	}
}
