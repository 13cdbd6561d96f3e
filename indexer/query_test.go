package indexer

import (
	"context"
	"slices"
	"testing"
)

// TestMatchEveryWordForms: MatchEvery asks for each word of its text in one of
// the terms the analyzer makes of it, not for all of them: "Верховна Рада" is
// верховний and рада (or радий, рад) and "Верховної Ради" верховний and рад or
// рада; Bleve's match query with the AND operator asked for радий too, and the
// commonest forms of many glossary terms found nothing.
func TestMatchEveryWordForms(t *testing.T) {
	ix := tempIndex(t)
	for id, text := range map[string]string{
		"rada":   "Комітет Верховної Ради з питань оборони",
		"rights": "Захист прав людини в армії",
		"right":  "Правий берег річки",
		"none":   "Звіт про закупівлі",
	} {
		d := &Document{ID: id, Title: "Документ", Type: TypeReport, Lang: "uk", Pages: []Page{{Number: 1, Text: text}}}
		if _, err := ix.Put(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		field, text string
		want        []string
	}{
		{FieldStemUK, "Верховна Рада", []string{"rada"}},
		{FieldStemUK, "права людини", []string{"rights"}},
		{FieldStemUK, "правий берег", []string{"right"}},
		{FieldBody, "прав людини", []string{"rights"}},
		{FieldStemUK, "права людини Рада", nil},
		{FieldStemUK, "і", nil}, // no term: nothing
	} {
		r, err := ix.RankDocuments(context.Background(), MatchEvery(tt.field, tt.text), RankOptions{K: 1, To: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range r.Docs {
			got = append(got, d.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("MatchEvery(%s, %q) matches %v, want %v", tt.field, tt.text, got, tt.want)
		}
	}
}
