package search

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

// TestJoinTranslations: the translation of a best document that the query did not
// match joins the results below it, naming it, when cross-language search is on,
// the results are ranked by relevance for plain words, and the filters allow the
// translation; the facets count the matching documents only.
func TestJoinTranslations(t *testing.T) {
	doc := func(id, lang string, year int, text string, tr ...string) *indexer.Document {
		d := &indexer.Document{ID: id, Title: id, Type: indexer.TypeReport, Lang: lang, Year: year,
			Pages: []indexer.Page{{Number: 1, Text: text}}}
		for _, o := range tr {
			d.Translations = append(d.Translations, indexer.Translation{Lang: "x", URL: "https://example.org/" + o, ID: o})
		}
		return d
	}
	docs := []*indexer.Document{
		doc("en1", "en", 2020, "Defence budget scrutiny: how parliaments read the defence budget line by line.", "ru1", "uk1"),
		doc("uk1", "uk", 2020, "Контроль за оборонним бюджетом (defence budget): як парламенти читають кошторис.", "en1"),
		doc("ru1", "ru", 2021, "Парламентский контроль над оборонными расходами: как читать смету строка за строкой.", "en1"),
		doc("en2", "en", 2020, "Police reform and the budget of the interior ministry, among many other matters of state."),
		doc("uk2", "uk", 2020, "Реформа поліції та кошторис міністерства внутрішніх справ."),
	}
	s := New(indextest.Docs(t, docs...))
	ctx := context.Background()
	run := func(req Request) *Result {
		t.Helper()
		res, err := s.Search(ctx, req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		return res
	}
	ids := func(res *Result) []string {
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Doc.ID)
		}
		return out
	}

	res := run(Request{Query: "defence budget", XLang: true, Facets: true, Explain: true})
	// uk1, a translation the query matched, ranks by its own score, once.
	got := ids(res)
	if len(got) != 4 || got[0] != "en1" || !slices.Contains(got, "uk1") || !slices.Contains(got, "en2") || got[1] != "ru1" && got[2] != "ru1" {
		t.Fatalf("hits %v, want en1, its translation ru1 next but for uk1, then en2", got)
	}
	if res.Total != 4 || res.Joined != 1 {
		t.Errorf("total %d, joined %d; want 4 and 1", res.Total, res.Joined)
	}
	ru := res.Hits[slices.Index(got, "ru1")]
	if uk := res.Hits[slices.Index(got, "uk1")]; uk.TranslationOf != nil || len(uk.Pages) == 0 {
		t.Errorf("uk1 matched, but is said to have joined as a translation, or shows no page")
	}
	if ru.TranslationOf == nil || ru.TranslationOf.ID != "en1" || len(ru.Pages) != 0 {
		t.Errorf("ru1: translation of %v, %d pages; want en1 and none", ru.TranslationOf, len(ru.Pages))
	}
	if want := joinWeight * res.Hits[0].Score; math.Abs(ru.Score-want) > 1e-9*want {
		t.Errorf("ru1 scores %g, want %g × en1's %g", ru.Score, joinWeight, res.Hits[0].Score)
	}
	if e := ru.Explain; e == nil || e.Joined == nil || e.Joined.Of != "en1" || e.Joined.Weight != joinWeight {
		t.Errorf("ru1's explanation %+v: want it joined as en1's translation", e)
	}
	if res.Hits[0].TranslationOf != nil || res.Hits[0].Explain.Joined != nil {
		t.Errorf("en1 matched, but is said to have joined as a translation")
	}
	for _, v := range res.Facets["lang"] {
		if v.Value == "ru" {
			t.Errorf("the language facet counts the joined translation: %+v", res.Facets["lang"])
		}
	}

	for _, tt := range []struct {
		name string
		req  Request
	}{
		{"cross-language search off", Request{Query: "defence budget"}},
		{"English only", Request{Query: "defence budget", XLang: true, Filters: Filters{Lang: []string{"en"}}}},
		{"a year the translation is not of", Request{Query: "defence budget", XLang: true, Filters: Filters{YearFrom: 2020, YearTo: 2020}}},
		{"newest first", Request{Query: "defence budget", XLang: true, Sort: SortNewest}},
		{"a phrase", Request{Query: `"defence budget"`, XLang: true}},
	} {
		if got := ids(run(tt.req)); slices.Contains(got, "ru1") {
			t.Errorf("%s: hits %v, want no ru1", tt.name, got)
		}
	}
	// A filter the translation passes keeps it, typed or given.
	for _, req := range []Request{
		{Query: "defence budget", XLang: true, Filters: Filters{YearFrom: 2020, YearTo: 2021}},
		{Query: "defence budget year:2020..2021", XLang: true},
	} {
		if got := ids(run(req)); !slices.Contains(got, "ru1") {
			t.Errorf("%q, years %d–%d: hits %v, want ru1 too", req.Query, req.Filters.YearFrom, req.Filters.YearTo, got)
		}
	}
}
