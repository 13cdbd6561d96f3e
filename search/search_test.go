package search_test

import (
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/query"
)

func sampleSearcher(t *testing.T) *search.Searcher {
	t.Helper()
	ix, _ := indextest.Sample(t)
	return search.New(ix)
}

func TestSearchPageLevel(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	// Each phrase is known to be on one page of one sample PDF.
	tests := []struct {
		name, query, title string
		page               int
	}{
		{"phrase", `"closed hearing is not a secret hearing"`, "Parliamentary Oversight of the Security Sector", 15},
		{"curly quotes", "\u201cclosed hearing is not a secret hearing\u201d", "Parliamentary Oversight of the Security Sector", 15},
		{"phrase across a line break", `"an inquiry into everything finds nothing"`, "Parliamentary Oversight of the Security Sector", 16},
		{"words", "whistle-blowers source consent", "Parliamentary Oversight of the Security Sector", 23},
		{"ukrainian phrase", `"терміновий заборонний припис"`, "Гендер і сектор безпеки", 5},
		{"ukrainian apostrophe", `"з'ясовувати причини"`, "Гендер і сектор безпеки", 3},
		{"ukrainian modifier apostrophe", "\"з\u02bcясовувати причини\"", "Гендер і сектор безпеки", 3},
		{"ukrainian words", "довіра поліції прифронтових", "Громадська думка про сектор безпеки", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.Search(ctx, search.Request{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				t.Fatalf("no hits for %s", tt.query)
			}
			h := res.Hits[0]
			if !strings.HasPrefix(h.Doc.Title, tt.title) {
				t.Fatalf("first hit %q, want %q", h.Doc.Title, tt.title)
			}
			if len(h.Pages) == 0 || h.Pages[0].Page != tt.page {
				t.Fatalf("best page = %+v, want page %d", h.Pages, tt.page)
			}
			if !strings.Contains(h.Pages[0].Snippet, "<mark>") {
				t.Errorf("snippet without highlight: %q", h.Pages[0].Snippet)
			}
		})
	}
}

func TestSearchGroupsPagesByDocument(t *testing.T) {
	s := sampleSearcher(t)
	res, err := s.Search(context.Background(), search.Request{Query: "oversight", Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != len(res.Hits) || res.Total < 3 {
		t.Fatalf("total %d, hits %d: want one hit per matching document, at least 3", res.Total, len(res.Hits))
	}
	if res.MatchedPages <= res.Total {
		t.Errorf("matching pages %d should exceed documents %d", res.MatchedPages, res.Total)
	}
	seen := map[string]bool{}
	for i, h := range res.Hits {
		if seen[h.Doc.ID] {
			t.Errorf("document %s listed twice", h.Doc.ID)
		}
		seen[h.Doc.ID] = true
		if len(h.Pages) == 0 || len(h.Pages) > search.DefaultPagesPerDoc {
			t.Errorf("%s: %d pages, want 1..%d", h.Doc.Title, len(h.Pages), search.DefaultPagesPerDoc)
		}
		if i > 0 && h.Score > res.Hits[i-1].Score {
			t.Errorf("hit %d scores above hit %d", i, i-1)
		}
		for j := 1; j < len(h.Pages); j++ {
			if h.Pages[j].Score > h.Pages[j-1].Score {
				t.Errorf("%s: pages not in score order", h.Doc.Title)
			}
		}
		if h.Doc.Type == "page" && strings.Contains(h.Doc.Title, "Publications") {
			t.Errorf("a listing page was indexed as a document: %q", h.Doc.Title)
		}
	}
	// Paging walks the same list.
	p2, err := s.Search(context.Background(), search.Request{Query: "oversight", Size: 2, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Hits) == 0 || p2.Hits[0].Doc.ID != res.Hits[2].Doc.ID {
		t.Errorf("page 2 of size 2 does not start with hit 3")
	}
}

func TestSearchFiltersAndLanguages(t *testing.T) {
	s := sampleSearcher(t)
	tests := []struct {
		query string
		check func(h search.Hit) bool
		what  string
	}{
		{"розвідка контроль", func(h search.Hit) bool { return h.Doc.Lang == "uk" }, "Ukrainian documents"},
		{"lang:uk безпеки", func(h search.Hit) bool { return h.Doc.Lang == "uk" }, "Ukrainian documents"},
		{"lang:en security", func(h search.Hit) bool { return h.Doc.Lang == "en" }, "English documents"},
		{"type:toolkit", func(h search.Hit) bool { return h.Doc.Type == "toolkit" }, "toolkits"},
		{"year:2021..2022 security", func(h search.Hit) bool { return h.Doc.Year >= 2021 && h.Doc.Year <= 2022 }, "documents of 2021-2022"},
		{"author:marchenko", func(h search.Hit) bool { return strings.Contains(strings.Join(h.Doc.Authors, ","), "Marchenko") }, "documents by Marchenko"},
		{"police -integrity", func(h search.Hit) bool { return !strings.Contains(strings.ToLower(h.Pages[0].Snippet), "integrity") }, "pages without 'integrity'"},
		{"polise~ integrty~", func(h search.Hit) bool { return true }, "fuzzy matches"},
		{"ombud*", func(h search.Hit) bool { return true }, "prefix matches"},
	}
	for _, tt := range tests {
		res, err := s.Search(context.Background(), search.Request{Query: tt.query, Size: 50})
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		if len(res.Hits) == 0 {
			t.Errorf("%s: no hits", tt.query)
		}
		for _, h := range res.Hits {
			if !tt.check(h) {
				t.Errorf("%s: hit %q (%s, %s, %d) is not among %s", tt.query, h.Doc.Title, h.Doc.Lang, h.Doc.Type, h.Doc.Year, tt.what)
			}
		}
	}
}

// TestRestrictionsNarrow: a restriction in the query (lang:, type:, topic:,
// publisher:, year:) or a filter keeps only some of what the words find; it never
// brings in pages without the words.
func TestRestrictionsNarrow(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	docs := func(q string, f search.Filters) map[string]bool {
		t.Helper()
		res, err := s.Search(ctx, search.Request{Query: q, Size: 100, Filters: f})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out := map[string]bool{}
		for _, h := range res.Hits {
			out[h.Doc.ID] = true
		}
		if len(out) != res.Total {
			t.Fatalf("%s: %d hits of %d", q, len(out), res.Total)
		}
		return out
	}
	for _, words := range []string{"budget", "ombudsman complaints", "безпеки"} {
		all := docs(words, search.Filters{})
		if len(all) == 0 {
			t.Fatalf("%s: no hits", words)
		}
		for _, r := range []string{"lang:en", "lang:uk", "type:handbook", "year:2015..2022", "type:handbook year:2010..2030"} {
			some := docs(words+" "+r, search.Filters{})
			if len(some) == 0 && !strings.Contains(r, "lang") {
				t.Errorf("%s %s: no hits", words, r)
			}
			for id := range some {
				if !all[id] {
					t.Errorf("%s %s: %s found, but not by the words alone", words, r, id)
				}
			}
		}
		for id := range docs(words, search.Filters{Lang: []string{"en"}, YearFrom: 2015}) {
			if !all[id] {
				t.Errorf("%s with filters: %s found, but not by the words alone", words, id)
			}
		}
	}
}

func TestSearchFuzzyFindsMisspelledTitle(t *testing.T) {
	s := sampleSearcher(t)
	res, err := s.Search(context.Background(), search.Request{Query: "polise~ integrty~"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || !strings.HasPrefix(res.Hits[0].Doc.Title, "Police Integrity") {
		t.Fatalf("misspelled title: first hit is not the police integrity manual: %+v", res.Hits)
	}
}

func TestSearchBadRequests(t *testing.T) {
	s := sampleSearcher(t)
	tests := []search.Request{
		{Query: `"unterminated`},
		{Query: "oversight", Page: -1},
		{Query: "oversight", Size: search.MaxSize + 1},
		{Query: "oversight", Page: search.MaxResults, Size: 10},
	}
	for _, req := range tests {
		_, err := s.Search(context.Background(), req)
		var qe *query.Error
		if !errors.As(err, &qe) && !errors.Is(err, search.ErrInvalidRequest) {
			t.Errorf("%+v: error %v, want a query or request error", req, err)
		}
	}
}

func TestSearchNoMatchIsEmptyNotError(t *testing.T) {
	s := sampleSearcher(t)
	res, err := s.Search(context.Background(), search.Request{Query: "zzyzxqwv"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || len(res.Hits) != 0 {
		t.Fatalf("got %d hits for a word in no document", res.Total)
	}
}

func TestDocumentAndPages(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	res, err := s.Search(ctx, search.Request{Query: `"closed hearing"`})
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(err)
	}
	id := res.Hits[0].Doc.ID
	d, err := s.Document(id)
	if err != nil || d.PageCount != 25 {
		t.Fatalf("Document = %+v, %v", d, err)
	}
	p, err := s.Page(ctx, id, 15, "closed hearing")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "A closed hearing is not a secret hearing") || p.Matches < 4 ||
		!strings.Contains(p.HTML, "<mark>closed</mark> <mark>hearing</mark>") {
		t.Errorf("page 15: %d matches\n%s", p.Matches, p.HTML)
	}
	if p, err := s.Page(ctx, id, 2, "closed hearing"); err != nil || p.Matches != 0 || p.Text == "" {
		t.Errorf("a page the query does not match is shown unmarked: %+v %v", p, err)
	}
	hits, err := s.InDocument(ctx, id, "hearing")
	if err != nil || len(hits) < 2 {
		t.Fatalf("InDocument: %v %v", hits, err)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Page <= hits[i-1].Page {
			t.Errorf("in-document hits not in page order: %v", hits)
		}
	}
	for _, bad := range []int{0, 26, -1} {
		if _, err := s.Page(ctx, id, bad, ""); !errors.Is(err, search.ErrNoPage) {
			t.Errorf("page %d: %v, want ErrNoPage", bad, err)
		}
	}
	if _, err := s.Document("nope"); !errors.Is(err, indexer.ErrNotFound) {
		t.Errorf("unknown document: %v", err)
	}
}

func TestFiltersAndFacets(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	all, err := s.Search(ctx, search.Request{Query: "security OR безпеки", Size: 100, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	count := func(facet, value string) int {
		for _, v := range all.Facets[facet] {
			if v.Value == value {
				return v.Count
			}
		}
		return 0
	}
	var en, uk, toolkits int
	for _, h := range all.Hits {
		switch h.Doc.Lang {
		case "en":
			en++
		case "uk":
			uk++
		}
		if h.Doc.Type == "toolkit" {
			toolkits++
		}
	}
	// Facets count documents, not pages.
	if count("lang", "en") != en || count("lang", "uk") != uk || count("type", "toolkit") != toolkits || en == 0 || uk == 0 {
		t.Errorf("facets %v do not count the hits (en %d, uk %d, toolkits %d)", all.Facets, en, uk, toolkits)
	}
	if ys := all.Facets["year"]; len(ys) < 2 || ys[0].Value < ys[1].Value {
		t.Errorf("year facet %v: want newest first", ys)
	}
	tests := []struct {
		f     search.Filters
		check func(h search.Hit) bool
	}{
		{search.Filters{Lang: []string{"uk"}}, func(h search.Hit) bool { return h.Doc.Lang == "uk" }},
		{search.Filters{Lang: []string{"Ukrainian", "en"}}, func(h search.Hit) bool { return true }},
		{search.Filters{Type: []string{"toolkit", "handbook"}}, func(h search.Hit) bool { return h.Doc.Type == "toolkit" || h.Doc.Type == "handbook" }},
		{search.Filters{YearFrom: 2021, YearTo: 2022}, func(h search.Hit) bool { return h.Doc.Year >= 2021 && h.Doc.Year <= 2022 }},
		{search.Filters{Publisher: []string{"Centre for Security Governance Studies"}}, func(h search.Hit) bool { return h.Doc.Publisher == "Centre for Security Governance Studies" }},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, search.Request{Query: "security OR безпеки", Size: 100, Filters: tt.f, Facets: true})
		if err != nil {
			t.Fatalf("%+v: %v", tt.f, err)
		}
		if len(res.Hits) == 0 || len(res.Hits) >= len(all.Hits) && len(tt.f.Lang) != 2 {
			t.Errorf("%+v: %d hits of %d", tt.f, len(res.Hits), len(all.Hits))
		}
		for _, h := range res.Hits {
			if !tt.check(h) {
				t.Errorf("%+v: hit %s (%s %s %d)", tt.f, h.Doc.Title, h.Doc.Lang, h.Doc.Type, h.Doc.Year)
			}
		}
	}
	for _, bad := range []search.Filters{{Lang: []string{"klingon"}}, {Type: []string{""}}, {YearFrom: 2022, YearTo: 2020}} {
		if _, err := s.Search(ctx, search.Request{Query: "security", Filters: bad}); !errors.Is(err, search.ErrInvalidRequest) {
			t.Errorf("%+v: %v, want ErrInvalidRequest", bad, err)
		}
	}
}

func TestSortByDate(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	for _, tt := range []struct {
		sort  string
		after func(a, b search.Hit) bool // a before b is wrong when after(a, b)
	}{
		{search.SortNewest, func(a, b search.Hit) bool { return !b.Doc.Date.IsZero() && a.Doc.Date.Before(b.Doc.Date) }},
		{search.SortOldest, func(a, b search.Hit) bool { return !b.Doc.Date.IsZero() && a.Doc.Date.After(b.Doc.Date) }},
	} {
		res, err := s.Search(ctx, search.Request{Query: "security OR безпеки", Size: 50, Sort: tt.sort})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) < 5 {
			t.Fatalf("%s: %d hits", tt.sort, len(res.Hits))
		}
		for i := 1; i < len(res.Hits); i++ {
			a, b := res.Hits[i-1], res.Hits[i]
			if tt.after(a, b) || a.Doc.Date.IsZero() && !b.Doc.Date.IsZero() {
				t.Errorf("%s: %s (%v) before %s (%v)", tt.sort, a.Doc.Title, a.Doc.Date, b.Doc.Title, b.Doc.Date)
			}
			if len(b.Pages) == 0 || b.Score == 0 {
				t.Errorf("%s: hit without pages or score", tt.sort)
			}
		}
		// Paging follows the same order.
		p2, err := s.Search(ctx, search.Request{Query: "security OR безпеки", Size: 2, Page: 2, Sort: tt.sort})
		if err != nil || p2.Hits[0].Doc.ID != res.Hits[2].Doc.ID {
			t.Errorf("%s: page 2 does not continue page 1", tt.sort)
		}
	}
	if _, err := s.Search(ctx, search.Request{Query: "x", Sort: "random"}); !errors.Is(err, search.ErrInvalidRequest) {
		t.Errorf("bad sort: %v", err)
	}
}

func TestRelated(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	find := func(q string) *indexer.Document {
		res, err := s.Search(ctx, search.Request{Query: q})
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Hits[0].Doc
	}
	toolkit := find(`title:"civil society oversight"`)
	res, err := s.Related(ctx, toolkit.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) < 2 || res.Hits[0].Doc.Lang != "uk" || res.Hits[0].Doc.Type != "toolkit" {
		t.Fatalf("related to the toolkit: want its Ukrainian translation first, got %v", titles(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Doc.ID == toolkit.ID {
			t.Errorf("a document is not related to itself")
		}
	}
	manual := find(`title:"police integrity"`)
	res, err = s.Related(ctx, manual.ID, 5)
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("related to the manual: %v %v", err, res)
	}
	if _, err := s.Related(ctx, "nope", 5); !errors.Is(err, indexer.ErrNotFound) {
		t.Errorf("unknown document: %v", err)
	}
	// The site's own pages (about, explainers) are no related publications.
	handbook := find(`title:"parliamentary oversight of the security sector"`)
	if res, err = s.Related(ctx, handbook.ID, 20); err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.Doc.Type == "page" {
			t.Errorf("related to the handbook: the site page %q", h.Doc.Title)
		}
	}
}

// TestRelatedKinds: a document's translation is related though its title has no
// distinctive word, and counted; events and the document's other editions are
// not listed (the editions are shown apart).
func TestRelatedKinds(t *testing.T) {
	doc := func(id, title, lang, typ, text string) *indexer.Document {
		return &indexer.Document{ID: id, Title: title, Lang: lang, Type: typ, Year: 2020, URL: "https://example.org/" + id,
			SourceURL: "https://example.org/" + id, Pages: []indexer.Page{{Number: 1, Text: text, Lang: lang, Status: "ok"}}}
	}
	en := doc("en", "Security Sector Governance", "en", indexer.TypeReport, "Democratic control of armed forces and police.")
	uk := doc("uk", "Врядування сектором безпеки", "uk", indexer.TypeReport, "Демократичний контроль над збройними силами.")
	en.Translations = []indexer.Translation{{Lang: "uk", URL: uk.URL, ID: "uk"}}
	uk.Translations = []indexer.Translation{{Lang: "en", URL: en.URL, ID: "en"}}
	const title = "Parliamentary Oversight of Defence Procurement"
	cur := doc("cur", title, "en", indexer.TypeHandbook, "Committees examine procurement contracts.")
	old := doc("old", title, "en", indexer.TypeHandbook, "Committees examine procurement contracts.")
	cur.Editions = []indexer.Edition{{ID: "old", URL: old.URL, Title: title, Year: 2015}}
	old.Editions, old.Superseded = []indexer.Edition{{ID: "cur", URL: cur.URL, Title: title, Year: 2020}}, true
	ev := doc("ev", "Launch of the handbook "+title, "en", indexer.TypeEvent, "Launch of the handbook on parliamentary oversight of defence procurement.")
	other := doc("other", "Defence procurement audits", "en", indexer.TypeReport, "Audits of defence procurement by parliament.")
	s := search.New(indextest.Docs(t, en, uk, cur, old, ev, other))
	ctx := context.Background()
	res, err := s.Related(ctx, "en", 5)
	if err != nil || len(res.Hits) != 1 || res.Hits[0].Doc.ID != "uk" || res.Total != 1 {
		t.Errorf("related to a title without distinctive words: %v (total %d), %v; want its translation", titles(res.Hits), res.Total, err)
	}
	if res, err = s.Related(ctx, "cur", 5); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Errorf("related to the handbook: none")
	}
	for _, h := range res.Hits {
		if h.Doc.ID == "ev" || h.Doc.ID == "old" {
			t.Errorf("related to the handbook: %q (%s)", h.Doc.Title, h.Doc.ID)
		}
	}
}

func titles(hits []search.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Doc.Title)
	}
	return out
}

func TestFieldPhrases(t *testing.T) {
	s := sampleSearcher(t)
	for q, want := range map[string]string{
		`title:"police integrity"`:   "Police Integrity: A Training Manual for Trainers",
		`author:"thomas keller"`:     "Parliamentary Oversight of the Security Sector: A Handbook for Committee Members and Staff",
		`title:"набір інструментів"`: "Громадський нагляд за сектором безпеки: набір інструментів",
	} {
		res, err := s.Search(context.Background(), search.Request{Query: q})
		if err != nil || len(res.Hits) != 1 || res.Hits[0].Doc.Title != want {
			t.Errorf("%s: %v %v", q, err, titles(res.Hits))
		}
	}
}

func TestMisspelledQueryFallsBackToFuzzy(t *testing.T) {
	s := sampleSearcher(t)
	for q, want := range map[string]string{
		"polise intgrity":        "Police Integrity: A Training Manual for Trainers",
		"police intgrity manual": "Police Integrity: A Training Manual for Trainers",
		"парламентськй контрол":  "",
	} {
		res, err := s.Search(context.Background(), search.Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if want == "" {
			continue
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc.Title != want {
			t.Errorf("%q: first hit %v, want %q", q, titles(res.Hits), want)
		}
	}
	// A word a dictionary knows is not corrected; when nothing matches it, the
	// retry runs, and says so.
	res, _ := s.Search(context.Background(), search.Request{Query: "overnight"})
	if res.Rewritten == "" || res.Query != "overnight" || res.Suggestion != "oversight" || len(res.Corrections) > 0 {
		t.Errorf("a rewritten query must say so, in words: rewritten %q, suggestion %q, corrections %+v", res.Rewritten, res.Suggestion, res.Corrections)
	}
	// Verbatim: the words as typed, neither corrected nor retried.
	for _, q := range []string{"overnight", "polise intgrity"} {
		if res, _ = s.Search(context.Background(), search.Request{Query: q, Verbatim: true}); res.Total != 0 || res.Rewritten != "" || len(res.Corrections) > 0 {
			t.Errorf("%s verbatim: %d documents, rewritten %q, corrections %+v; want none", q, res.Total, res.Rewritten, res.Corrections)
		}
	}
	res, _ = s.Search(context.Background(), search.Request{Query: "oversight"})
	if res.Rewritten != "" {
		t.Errorf("a query with results is not rewritten")
	}
	res, _ = s.Search(context.Background(), search.Request{Query: "zzqqxx"})
	if res.Total != 0 {
		t.Errorf("nonsense found %d documents", res.Total)
	}
}

// TestStemming: other forms of a word match, in English and Ukrainian, with the form
// marked in the snippet; exact forms rank first.
func TestStemming(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	for q, want := range map[string]string{
		"hearings":         "Parliamentary Oversight of the Security Sector",
		"довіру":           "Громадська думка про сектор безпеки України",
		"відповідальністю": "",
		"закупівлями":      "",
	} {
		res, err := s.Search(ctx, search.Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if want == "" {
			continue
		}
		if len(res.Hits) == 0 || !strings.HasPrefix(res.Hits[0].Doc.Title, want) {
			t.Errorf("%q: %v, want %q first", q, titles(res.Hits), want)
			continue
		}
		if !strings.Contains(res.Hits[0].Pages[0].Snippet, "<mark>") {
			t.Errorf("%q: snippet without a mark: %s", q, res.Hits[0].Pages[0].Snippet)
		}
	}
	// The survey says "довіра", "довіри", "довіряють": the accusative finds it.
	res, _ := s.Search(ctx, search.Request{Query: "довіру поліції"})
	if len(res.Hits) == 0 || res.Hits[0].Doc.Lang != "uk" {
		t.Errorf("довіру поліції: %v", titles(res.Hits))
	}
	// An exact form outranks another form: page 15 says "hearing" three times.
	res, _ = s.Search(ctx, search.Request{Query: "hearing"})
	if len(res.Hits) == 0 || res.Hits[0].Pages[0].Page != 15 {
		t.Errorf("hearing: best page %v, want 15", res.Hits[0].Pages)
	}
}

func TestExplain(t *testing.T) {
	s := sampleSearcher(t)
	res, err := s.Search(context.Background(), search.Request{Query: "oversight budget", Size: 100, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) < 3 {
		t.Fatalf("%d hits, want at least 3", len(res.Hits))
	}
	reasons := map[string]bool{}
	for _, h := range res.Hits {
		e := h.Explain
		if e == nil {
			t.Fatalf("%s: no explanation", h.Doc.ID)
		}
		w := 1.0
		for _, p := range e.Priors {
			w *= p.Weight
			reasons[p.Reason] = true
		}
		if got := (e.BestPageScore + e.Evidence) * w * e.Feedback; !near(got, h.Score) {
			t.Errorf("%s: parts make %g, score is %g (%+v)", h.Doc.ID, got, h.Score, *e)
		}
		if e.Feedback < 1-1e-9 {
			t.Errorf("%s: feedback %g lowers the score", h.Doc.ID, e.Feedback)
		}
		if e.BestPage < 1 || e.Page == nil || !near(e.Page.Value, e.BestPageScore) {
			t.Errorf("%s: best page %d explained as %v, scored %g", h.Doc.ID, e.BestPage, e.Page, e.BestPageScore)
		}
		matched := false
		for _, tw := range e.Terms {
			matched = matched || strings.HasPrefix(tw.Term, "oversight") || strings.HasPrefix(tw.Term, "budget")
		}
		if !matched {
			t.Errorf("%s: no query term among the matched terms %+v", h.Doc.ID, e.Terms)
		}
	}
	if res.Hits[0].Explain.Page.Message == "" {
		t.Error("Bleve's explanation has no message")
	}
	// Without Explain, no explanation is made.
	plain, err := s.Search(context.Background(), search.Request{Query: "oversight budget"})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Hits[0].Explain != nil {
		t.Error("explanation made unasked")
	}
	if !reasons["page"] {
		t.Errorf("no web page's prior explained: reasons met %v", reasons)
	}
}

// near reports whether a and b agree to a millionth of their size.
func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-6*max(a, b, 1e-9)
}

// TestQueryLimits: a query too long, with too many words or too long a word, and
// page arithmetic past the limits are refused as the user's mistake (400), before
// any work; a long word that matches nothing is not retried as a misspelling.
func TestQueryLimits(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for name, q := range map[string]string{
		"40,000-character word": strings.Repeat("x", 40000),
		"1,001 characters":      strings.Repeat("ab ", 333) + "abcd",
		"65 words":              strings.Repeat("oversight ", 65),
		"65-character word":     strings.Repeat("y", query.MaxWordRunes+1),
		"phrase of 65 words":    `"` + strings.Repeat("budget ", 65) + `"`,
	} {
		_, err := s.Search(ctx, search.Request{Query: q})
		var qe *query.Error
		if !errors.As(err, &qe) {
			t.Errorf("%s: err = %v, want a QueryError", name, err)
		}
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("refusing the limits allocated %d MB", grew>>20)
	}
	for _, q := range []string{strings.Repeat("oversight ", query.MaxQueryWords), strings.Repeat("z", query.MaxWordRunes)} {
		if _, err := s.Search(ctx, search.Request{Query: q}); err != nil {
			t.Errorf("%.20q… within the limits: %v", q, err)
		}
	}
	// 64 letters matching nothing: no spelling-tolerant retry (no rewritten query).
	res, err := s.Search(ctx, search.Request{Query: strings.Repeat("qz", 32)})
	if err != nil || res.Total != 0 || res.Rewritten != "" {
		t.Errorf("long unknown word: %v, %+v", err, res)
	}
	for _, req := range []search.Request{{Query: "oversight", Page: 1 << 62, Size: 4}, {Query: "oversight", Page: math.MaxInt, Size: 100}} {
		if _, err := s.Search(ctx, req); !errors.Is(err, search.ErrInvalidRequest) {
			t.Errorf("page %d × size %d: %v, want ErrInvalidRequest", req.Page, req.Size, err)
		}
	}
	// A cancelled search does not go on to the spelling-tolerant retry.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Search(cctx, search.Request{Query: "polise intgrity"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: %v", err)
	}
}

// TestOverview: the start page's numbers are the collection's, and the latest
// documents come newest first.
func TestOverview(t *testing.T) {
	s := sampleSearcher(t)
	ov, err := s.Overview(context.Background(), 3)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Search(context.Background(), search.Request{Filters: search.Filters{YearFrom: 1900}, Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if ov.Documents < all.Total || ov.Pages == 0 || len(ov.Latest) != 3 || len(ov.Facets["lang"]) < 2 || len(ov.Facets["type"]) == 0 {
		t.Fatalf("overview: %d documents (dated: %d), %d pages, %d latest, facets %v", ov.Documents, all.Total, ov.Pages, len(ov.Latest), ov.Facets)
	}
	for i := 1; i < len(ov.Latest); i++ {
		if a, b := ov.Latest[i-1].Doc.Date, ov.Latest[i].Doc.Date; !b.IsZero() && a.Before(b) {
			t.Errorf("latest not newest first: %v before %v", a, b)
		}
	}
}

// TestStopWords checks that the stop words of a query with other words do not make
// pages match: "how to handle a hearing" finds what "handle hearing" finds, ranked
// the same; a query of stop words only still finds them.
func TestStopWords(t *testing.T) {
	s := sampleSearcher(t)
	ctx := context.Background()
	ids := func(q string) []string {
		t.Helper()
		res, err := s.Search(ctx, search.Request{Query: q, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Doc.ID)
		}
		return out
	}
	for _, tc := range []struct{ verbose, content string }{
		{"how to handle a hearing", "handle hearing"},
		{"як працює омбудсман", "працює омбудсман"},
	} {
		got, want := ids(tc.verbose), ids(tc.content)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v as for %q", tc.verbose, got, want, tc.content)
		}
	}
	if len(ids("the")) == 0 {
		t.Error(`"the" alone finds nothing`)
	}
}

// TestLanguageFilterByDocument: the language filter keeps documents of a language,
// as the language facet counts them: a Ukrainian report found by its English
// summary page is Ukrainian, counted and kept as such, not among English documents.
func TestLanguageFilterByDocument(t *testing.T) {
	ix := indextest.Docs(t,
		&indexer.Document{ID: "bil", Title: "Звіт про нагляд", Type: indexer.TypeReport, Lang: "uk", Pages: []indexer.Page{
			{Number: 1, Lang: "uk", Text: "Парламентський контроль над сектором безпеки і звітність міністерства."},
			{Number: 2, Lang: "en", Text: "Summary: parliamentary oversight of the security sector and the ministry's reporting."},
		}},
		&indexer.Document{ID: "en", Title: "Oversight report", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
			{Number: 1, Lang: "en", Text: "Parliamentary oversight of the defence budget."},
		}},
	)
	s := search.New(ix)
	ctx := context.Background()
	res, err := s.Search(ctx, search.Request{Query: "oversight", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, v := range res.Facets["lang"] {
		counts[v.Value] = v.Count
	}
	for lang, want := range map[string]string{"uk": "bil", "en": "en"} {
		r, err := s.Search(ctx, search.Request{Query: "oversight", Filters: search.Filters{Lang: []string{lang}}, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range r.Hits {
			ids = append(ids, h.Doc.ID)
		}
		if len(ids) != 1 || ids[0] != want || r.Total != counts[lang] {
			t.Errorf("lang=%s: %v (total %d); want [%s], as the facet counts it (%d)", lang, ids, r.Total, want, counts[lang])
		}
	}
}

// TestBrowseRemovedAndDuplicateTopics: the documents gone from their publishers'
// sites can be listed by that filter alone; a topic a document names twice, in two
// spellings, counts it once.
func TestBrowseRemovedAndDuplicateTopics(t *testing.T) {
	ix := indextest.Docs(t,
		&indexer.Document{ID: "gone", Title: "Gone report", Type: indexer.TypeReport, Lang: "en", Removed: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			Topics: []string{"Accountability", "accountability"}, Pages: []indexer.Page{{Number: 1, Text: "Oversight of the police."}}},
		&indexer.Document{ID: "here", Title: "Current report", Type: indexer.TypeReport, Lang: "en",
			Topics: []string{"Accountability"}, Pages: []indexer.Page{{Number: 1, Text: "Oversight of the army."}}},
	)
	s := search.New(ix)
	ctx := context.Background()
	res, err := s.Search(ctx, search.Request{Filters: search.Filters{Removed: search.RemovedOnly}})
	if err != nil || res.Total != 1 || res.Hits[0].Doc.ID != "gone" {
		t.Errorf("removed=only alone: %+v, %v; want the one gone", res, err)
	}
	res, err = s.Search(ctx, search.Request{Query: "oversight", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range res.Facets["topic"] {
		if v.Count > res.Total {
			t.Errorf("topic %q counts %d of %d documents", v.Label, v.Count, res.Total)
		}
	}
}

// TestRestrictionsInQueryAsFilters: a restriction typed in the query (lang:, type:,
// year:) finds what the same filter does, translations and feedback included.
func TestRestrictionsInQueryAsFilters(t *testing.T) {
	ix, _ := indextest.Sample(t)
	g, err := search.BundledGlossary()
	if err != nil {
		t.Fatal(err)
	}
	s, err := search.New(ix).WithGlossary(g)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tt := range []struct {
		typed string
		f     search.Filters
	}{
		{"oversight lang:uk", search.Filters{Lang: []string{"uk"}}},
		{"oversight type:toolkit", search.Filters{Type: []string{"toolkit"}}},
		{"oversight year:2020..2022", search.Filters{YearFrom: 2020, YearTo: 2022}},
		{"security year:2021", search.Filters{YearFrom: 2021, YearTo: 2021}},
	} {
		typed, err := s.Search(ctx, search.Request{Query: tt.typed, XLang: true, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		filtered, err := s.Search(ctx, search.Request{Query: strings.Fields(tt.typed)[0], XLang: true, Filters: tt.f, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		ids := func(r *search.Result) []string {
			var out []string
			for _, h := range r.Hits {
				out = append(out, h.Doc.ID)
			}
			return out
		}
		if got, want := ids(typed), ids(filtered); !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%q: %v; with the filter: %v", tt.typed, got, want)
		}
	}
}

// TestFilterByPageKindLabel: a kind of web page is filtered by its label as shown
// ("Web page", "Вебсторінка") as by its key.
func TestFilterByPageKindLabel(t *testing.T) {
	ix := indextest.Docs(t,
		&indexer.Document{ID: "pg", Title: "About oversight", Type: indexer.TypePage, Lang: "en", Pages: []indexer.Page{{Number: 1, Text: "Oversight of the police, a page of the site."}}},
		&indexer.Document{ID: "rep", Title: "Oversight report", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{{Number: 1, Text: "Oversight of the army."}}},
	)
	s := search.New(ix)
	for _, v := range []string{"page", "Web page", "вебсторінка"} {
		res, err := s.Search(context.Background(), search.Request{Query: "oversight", Filters: search.Filters{Type: []string{v}}})
		if err != nil || res.Total != 1 || res.Hits[0].Doc.ID != "pg" {
			t.Errorf("type=%q: %+v, %v; want the web page", v, res, err)
		}
	}
}
