package search_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
)

// doc is a report in lang whose pages have texts, translated by the documents
// translations names.
func doc(id, lang string, year int, translations []string, texts ...string) *indexer.Document {
	d := &indexer.Document{ID: id, Title: id, Type: indexer.TypeReport, Lang: lang, Year: year}
	for i, text := range texts {
		d.Pages = append(d.Pages, indexer.Page{Number: i + 1, Text: text})
	}
	for _, tr := range translations {
		d.Translations = append(d.Translations, indexer.Translation{Lang: "x", URL: "https://example.org/" + tr, ID: tr})
	}
	return d
}

// TestExportAsSearch: an export lists the documents of the result pages, in their
// order, with their scores, best pages and the documents they translate: with
// feedback, translations joined, the other language's place, the retry with
// spelling mistakes allowed, dates and browsing.
func TestExportAsSearch(t *testing.T) {
	var docs []*indexer.Document
	for i := range 14 {
		docs = append(docs, doc(fmt.Sprintf("en%02d", i), "en", 2000+i, nil,
			strings.Repeat("Parliamentary oversight of the security sector. ", 3+i%4)+strings.Repeat("The committee met the ministry. ", 1+i)))
		docs[i].Title = fmt.Sprintf("Oversight report %d", i)
	}
	docs = append(docs, doc("uk", "uk", 2020, nil, "Нагляд за сектором безпеки і роль комітету. "+
		strings.Repeat("Комітет зустрівся з міністерством і обговорив бюджет. ", 6)))
	placed := indextest.Docs(t, docs...)
	joined := indextest.Docs(t,
		doc("en1", "en", 2020, []string{"ru1", "uk1"}, "Defence budget scrutiny: how parliaments read the defence budget line by line."),
		doc("uk1", "uk", 2020, []string{"en1"}, "Контроль за оборонним бюджетом (defence budget): як парламенти читають кошторис."),
		doc("ru1", "ru", 2021, []string{"en1"}, "Парламентский контроль над оборонными расходами: как читать смету строка за строкой."),
		doc("en2", "en", 2020, nil, "Police reform and the budget of the interior ministry, among many other matters of state."))
	sample, _ := indextest.Sample(t)
	g, err := search.ParseGlossary(strings.NewReader("oversight\tнагляд\n"), strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	bundled, err := search.BundledGlossary()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		ix   *indexer.Index
		g    *search.Glossary
		req  search.Request
		// shows says whether the first result page (ten documents) shows what the
		// case is for.
		shows func(*search.Result) bool
	}{
		{"other language placed", placed, g, search.Request{Query: "oversight", XLang: true, Explain: true},
			func(r *search.Result) bool { return len(r.Hits) == 10 && r.Hits[9].Explain.OtherLanguage }},
		{"announcement placed", announceIndex(t), bundled, search.Request{Query: "whistleblower protection", XLang: true, Explain: true},
			func(r *search.Result) bool { return len(r.Hits) > 2 && r.Hits[2].Explain.Announces == "report" }},
		{"feedback", feedbackIndex(t), bundled, search.Request{Query: "police reform", XLang: true},
			func(r *search.Result) bool { return len(r.Feedback) > 0 && r.Total > 20 }},
		{"translations joined", joined, bundled, search.Request{Query: "defence budget", XLang: true},
			func(r *search.Result) bool { return r.Joined > 0 }},
		{"one language", sample, bundled, search.Request{Query: "security"},
			func(r *search.Result) bool { return r.Total > 4 }},
		{"newest", sample, bundled, search.Request{Query: "oversight", XLang: true, Sort: search.SortNewest},
			func(r *search.Result) bool { return r.Total > 4 }},
		{"oldest, filtered", sample, bundled, search.Request{Query: "security", Sort: search.SortOldest, Filters: search.Filters{Lang: []string{"en"}}},
			func(r *search.Result) bool { return r.Total > 1 }},
		{"misspelt", sample, bundled, search.Request{Query: "overnight", XLang: true},
			func(r *search.Result) bool { return r.Rewritten != "" && r.Total > 0 }},
		{"corrected", sample, bundled, search.Request{Query: "parliamentary oversihgt", XLang: true},
			func(r *search.Result) bool { return r.Corrected != "" && r.Total > 4 }},
		{"browsing", sample, bundled, search.Request{Filters: search.Filters{Lang: []string{"uk"}}},
			func(r *search.Result) bool { return r.Total > 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := search.New(tc.ix).WithGlossary(tc.g)
			if err != nil {
				t.Fatal(err)
			}
			first, err := s.Search(ctx, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.shows(first) {
				var got []string
				for _, h := range first.Hits {
					got = append(got, h.Doc.ID)
				}
				t.Fatalf("the case does not show what it is for: %d documents (%v), %d joined, feedback %v", first.Total, got, first.Joined, first.Feedback)
			}
			type row struct {
				id, via string
				score   float64
				page    int
			}
			var pages []row
			req := tc.req
			req.Size, req.PagesPerDoc = 4, 1
			for req.Page = 1; ; req.Page++ {
				res, err := s.Search(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					r := row{id: h.Doc.ID, score: h.Score}
					if h.TranslationOf != nil {
						r.via = h.TranslationOf.ID
					} else if len(h.Pages) > 0 {
						r.page = h.Pages[0].Page
					}
					pages = append(pages, r)
				}
				if len(res.Hits) < req.Size {
					break
				}
			}
			var exported []row
			total, err := s.Export(ctx, tc.req, func(h search.ExportHit) error {
				if h.Rank != len(exported)+1 {
					t.Errorf("rank %d after %d documents", h.Rank, len(exported))
				}
				exported = append(exported, row{id: h.Doc.ID, via: h.TranslationOf, score: h.Score, page: h.BestPage})
				return nil
			})
			if err != nil || total != len(exported) || total != first.Total {
				t.Fatalf("export: %v; %d documents, %d emitted, %d found", err, total, len(exported), first.Total)
			}
			if !slices.Equal(exported, pages) {
				t.Errorf("export:\n%v\nresult pages:\n%v", exported, pages)
			}
		})
	}
}
