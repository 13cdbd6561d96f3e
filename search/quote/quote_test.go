package quote_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/quote"
)

func TestVerifyQuote(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := search.New(ix)
	ctx := context.Background()
	tests := []struct {
		quote, verdict string
		page           int
		folded         string // the foldings a normalized match names
		diff           string // a step the word diff of a near match must have
	}{
		{"An inquiry into everything finds nothing.", quote.Exact, 16, "", ""},
		// Quotation marks around the quote and the page's line breaks are no difference.
		{"\u201cA closed hearing is not a secret hearing: the fact that it took place\u201d", quote.Exact, 15, "", ""},
		{"A closed hearing is not a secret hearing, the fact that it took place", quote.Normalized, 15, "punctuation", ""},
		{"a closed hearing is not a secret hearing", quote.Normalized, 15, "case", ""},
		{"з\u2019ясовувати причини розбіжностей", quote.Exact, 3, "", ""},
		{"з\u02bcясовувати причини розбіжностей", quote.Normalized, 3, "quotes", ""},
		{"A closed hearing is a secret hearing", quote.Near, 15, "", "+ not"},
		{"A closed hearing is not a private hearing", quote.Near, 15, "", "~ private secret"},
		{"Committees never hold any meeting in the basement of the moon", quote.NotFound, 0, "", ""},
	}
	for _, tt := range tests {
		res, err := quote.Verify(ctx, s, tt.quote)
		if err != nil {
			t.Fatalf("%q: %v", tt.quote, err)
		}
		if res.Verdict != tt.verdict {
			t.Errorf("%q: verdict %s, want %s (%+v)", tt.quote, res.Verdict, tt.verdict, res.Places)
			continue
		}
		if tt.verdict == quote.NotFound {
			if len(res.Places) != 0 {
				t.Errorf("%q: not found, yet places %+v", tt.quote, res.Places)
			}
			continue
		}
		if len(res.Places) == 0 || res.Places[0].Page != tt.page {
			t.Errorf("%q: places %+v, want page %d first", tt.quote, res.Places, tt.page)
			continue
		}
		p := res.Places[0]
		if !strings.Contains(p.Snippet, "<mark>") || p.Context == "" || p.End <= p.Start {
			t.Errorf("%q: place without its mark, context or span: %+v", tt.quote, p)
		}
		if (tt.verdict == quote.Exact) != p.Exact {
			t.Errorf("%q: Exact = %v", tt.quote, p.Exact)
		}
		if got := strings.Join(p.Folded, ","); got != tt.folded {
			t.Errorf("%q: folded %q, want %q", tt.quote, got, tt.folded)
		}
		if steps := diffSteps(p); tt.diff != "" && !slices.Contains(steps, tt.diff) {
			t.Errorf("%q: diff %v lacks %q", tt.quote, steps, tt.diff)
		}
	}
	for _, bad := range []string{"", "  ", "…!?", strings.Repeat("word ", 500)} {
		if _, err := quote.Verify(ctx, s, bad); !errors.Is(err, search.ErrInvalidRequest) {
			t.Errorf("%.20q: %v, want ErrInvalidRequest", bad, err)
		}
	}
}

// TestVerifyQuoteAcrossPageBreak: a sentence that runs from the foot of one page to
// the top of the next is found, starting on the first.
func TestVerifyQuoteAcrossPageBreak(t *testing.T) {
	s := pdfSearcher(t,
		[]pdftest.Line{line(740, "Oversight needs regular contact."), line(726, "Committees must be able to question the")},
		[]pdftest.Line{line(740, "minister in public at least once a year."), line(726, "Written answers are not enough.")},
	)
	res, err := quote.Verify(context.Background(), s, "must be able to question the minister in public")
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != quote.Exact || len(res.Places) != 1 || res.Places[0].Page != 1 || res.Places[0].EndPage != 2 {
		t.Fatalf("verdict %s, places %+v", res.Verdict, res.Places)
	}
	if !strings.Contains(res.Places[0].Context, "question the minister in public") {
		t.Errorf("context %q", res.Places[0].Context)
	}
}

// BenchmarkVerifyQuote measures quote verification: an exact quote and a near one.
func BenchmarkVerifyQuote(b *testing.B) {
	ix, _ := indextest.Sample(b)
	s := search.New(ix)
	for _, q := range []string{"A closed hearing is not a secret hearing", "A closed hearing is a secret hearing"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := quote.Verify(context.Background(), s, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// diffSteps writes a near match's word diff as "op quote doc" steps.
func diffSteps(p quote.Place) []string {
	var steps []string
	for _, d := range p.Diff {
		steps = append(steps, strings.Join(strings.Fields(d.Op+" "+d.Quote+" "+d.Doc), " "))
	}
	return steps
}

// line is a line of 11-point text at height y of a test page.
func line(y float64, text string) pdftest.Line {
	return pdftest.Line{X: 72, Y: y, Size: 11, Text: text}
}

// pdfSearcher searches an index of one PDF with these pages.
func pdfSearcher(t *testing.T, pages ...[]pdftest.Line) *search.Searcher {
	t.Helper()
	ix, _ := indextest.FS(t, fstest.MapFS{"report.pdf": {Data: pdftest.Pages(pages...)}}, "https://example.org/")
	return search.New(ix)
}

// TestVerifyQuoteFigures: figures and the signs that say what they are count: a
// quote with "3.5", "5,000" or "U.S." is there as given; one with another currency,
// or without the %, is a misquote, not a difference of punctuation. A quote copied
// from a PDF with a word broken at a line end is found, the break folded (its
// hyphen kept on one line too, where the page has the word whole); of two
// copies on a page, one as given makes the quote exact; a word the page has in place
// of the quote's last is shown; a footnote's call after the first half of a quote
// does not hide it over a page break.
func TestVerifyQuoteFigures(t *testing.T) {
	doc := func(id, text string) *indexer.Document {
		return &indexer.Document{ID: id, Title: id, Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{{Number: 1, Text: text}}}
	}
	ix := indextest.Docs(t,
		doc("budget", "In the year under review the ministry spent 3.5 million hryvnias on 5,000 new helmets for the U.S. trained brigades.\nThe budget rose by 40% in 2023 and spent £5 million on drones."),
		doc("governance", "The democratic governance of the security sector needs parliaments that ask questions."),
		doc("twice", "A Closed Hearing is not a secret hearing, said the chair.\nLater she asked the minister whether a closed hearing is not a secret hearing."),
		doc("weak", "Parliamentary oversight of the security sector is weak, the report found."),
		doc("compound", "The plan sets long-term goals for the armed forces."),
		doc("shock", "Шок виникає внаслідок втрати тонусу симпатичної нервової системи."),
	)
	s := search.New(ix)
	ctx := context.Background()
	for _, tt := range []struct {
		quote, verdict, doc, folded, diff string
	}{
		{"the ministry spent 3.5 million hryvnias", quote.Exact, "budget", "", ""},
		{"on 5,000 new helmets for the U.S. trained brigades", quote.Exact, "budget", "", ""},
		{"and spent £5 million on drones", quote.Exact, "budget", "", ""},
		{"and spent $5 million on drones", quote.Near, "budget", "", "~ $ £"},
		{"The budget rose by 40 in 2023", quote.Near, "budget", "", "+ %"},
		{"The budget rose by 40 % in 2023", quote.Normalized, "budget", "punctuation", ""},
		{"The democratic govern-\nance of the security sector", quote.Normalized, "governance", "hyphenation", ""},
		{"The democratic govern-\r\nance of the security sector", quote.Normalized, "governance", "hyphenation", ""},
		{"The democratic govern- ance of the security sector", quote.Normalized, "governance", "hyphenation", ""},
		{"The democratic govern-ance of the security sector", quote.Normalized, "governance", "hyphenation", ""},
		{"втрати тонусу симпатичної нерв-ової системи", quote.Normalized, "shock", "hyphenation", ""},
		{"The plan sets long-term goals", quote.Exact, "compound", "", ""},
		{"sets long-term goals for the ar- med forces", quote.Normalized, "compound", "hyphenation", ""},
		{"The plan sets long–term goals", quote.Normalized, "compound", "dashes", ""},
		{"The plan sets long‑term goals", quote.Normalized, "compound", "dashes", ""},
		{"a closed hearing is not a secret hearing", quote.Exact, "twice", "", ""},
		{"Parliamentary oversight of the security sector is strong", quote.Near, "weak", "", "~ strong weak"},
	} {
		res, err := quote.Verify(ctx, s, tt.quote)
		if err != nil {
			t.Fatalf("%q: %v", tt.quote, err)
		}
		if res.Verdict != tt.verdict || len(res.Places) == 0 || res.Places[0].Doc.ID != tt.doc {
			t.Errorf("%q: verdict %s, places %+v; want %s in %s", tt.quote, res.Verdict, res.Places, tt.verdict, tt.doc)
			continue
		}
		p := res.Places[0]
		if got := strings.Join(p.Folded, ","); got != tt.folded {
			t.Errorf("%q: folded %q, want %q", tt.quote, got, tt.folded)
		}
		if steps := diffSteps(p); tt.diff != "" && !slices.Contains(steps, tt.diff) {
			t.Errorf("%q: diff %v lacks %q", tt.quote, steps, tt.diff)
		}
	}

	// Over a page break, after a footnote's call.
	ps := search.New(indextest.Docs(t, &indexer.Document{ID: "notes", Title: "notes", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
		{Number: 1, Text: "Oversight needs regular contact.\nCommittees must be able to question the¹\n¹ See the annual report."},
		{Number: 2, Text: "minister in private at least once a year.\nWritten answers are not enough."},
	}}))
	res, err := quote.Verify(ctx, ps, "must be able to question the minister in private")
	if err != nil || res.Verdict == quote.NotFound || len(res.Places) == 0 || res.Places[0].EndPage != 2 {
		t.Errorf("over a page break after a footnote's call: %+v, %v", res, err)
	}
}

// TestVerifyLongQuote: a quote longer than the phrase it is searched by is found
// whole, and a page with only part of it is no place of it.
func TestVerifyLongQuote(t *testing.T) {
	words := strings.Fields("Parliaments oversee the security sector through committees that hear ministers, read budgets, visit barracks and prisons, question the heads of the services in closed session when secrets are at stake, and report to the plenary what they found and what they recommend.")
	whole := strings.Join(words, " ")
	part := strings.Join(words[:20], " ") + " and nothing more is said of it here."
	ix := indextest.Docs(t,
		&indexer.Document{ID: "whole", Title: "whole", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{{Number: 1, Text: "Foreword. " + whole + " The end."}}},
		&indexer.Document{ID: "part", Title: "part", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{{Number: 1, Text: part}}},
	)
	res, err := quote.Verify(context.Background(), search.New(ix), whole)
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != quote.Exact || len(res.Places) != 1 || res.Places[0].Doc.ID != "whole" {
		t.Errorf("a long quote: %s, %+v; want it exact in one place", res.Verdict, res.Places)
	}

	// A long quote that opens with words more pages have than are listed (a
	// disclaimer every report carries) is still found.
	disclaimer := "The views expressed in this publication are those of the authors and do not necessarily reflect the official position of the donors"
	var docs []*indexer.Document
	for i := range 60 {
		docs = append(docs, &indexer.Document{ID: fmt.Sprint("d", i), Title: "d", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{{Number: 1, Text: disclaimer + ", nor of anyone else."}}})
	}
	docs = append(docs, &indexer.Document{ID: "target", Title: "t", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{{Number: 1, Text: disclaimer + " who funded the survey of border guards in Odesa."}}})
	q := disclaimer + " who funded the survey of border guards in Odesa"
	res, err = quote.Verify(context.Background(), search.New(indextest.Docs(t, docs...)), q)
	if err != nil || res.Verdict != quote.Exact || len(res.Places) != 1 || res.Places[0].Doc.ID != "target" {
		t.Errorf("a quote opening with a common disclaimer: %v, %+v, %v", res.Verdict, res.Places, err)
	}
}

// TestVerifyLookalikes: a Ukrainian word typed with a Latin letter ("вiйськовi")
// is found, the folding named; a quote in the page's own letters is exact, also
// where the page has them mixed (a PDF whose font maps glyphs so).
func TestVerifyLookalikes(t *testing.T) {
	ix := indextest.Docs(t,
		&indexer.Document{ID: "uk", Title: "uk", Type: indexer.TypeReport, Lang: "uk", Pages: []indexer.Page{{Number: 1,
			Text: "Військові частини звітують парламентському комітету щороку."}}},
		&indexer.Document{ID: "mixed", Title: "mixed", Type: indexer.TypeReport, Lang: "uk", Pages: []indexer.Page{{Number: 1,
			Text: "Прикордоннi загони звiтують мiнiстерству щомiсяця."}}},
	)
	s := search.New(ix)
	for q, want := range map[string]string{
		"Військові частини звітують парламентському комітету": "",
		"Вiйськовi частини звiтують парламентському комiтету": "lookalikes",
		"Прикордоннi загони звiтують мiнiстерству щомiсяця":   "",
	} {
		res, err := quote.Verify(context.Background(), s, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Places) == 0 || strings.Join(res.Places[0].Folded, ",") != want || res.Verdict == quote.Near {
			t.Errorf("%q: %s, %+v; want found, folded %q", q, res.Verdict, res.Places, want)
		}
	}
}

// TestVerifyElidedQuote: a quote with words left out ("…", "...", "[…]", ". . .")
// is found when its parts stand on a page in order, close enough, and says what
// was left out; parts in another order, too far apart or on no one page are not
// found, and a part misquoted makes a near match whose diff shows the elision.
func TestVerifyElidedQuote(t *testing.T) {
	hearing := "A closed hearing is not a secret hearing: the fact that it took place,\nwho attended and what was decided are published, as the committee's rules require,\nwithin a week.\nThe minister must answer in writing."
	far := strings.Repeat("filler words here and there ", 70) // 350 words
	ix := indextest.Docs(t,
		&indexer.Document{ID: "hearing", Title: "hearing", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
			{Number: 1, Text: "Introduction."}, {Number: 2, Text: hearing},
		}},
		&indexer.Document{ID: "far", Title: "far", Type: indexer.TypeReport, Lang: "uk", Pages: []indexer.Page{
			{Number: 1, Text: "Комітет заслуховує міністра оборони щороку. " + far + " Звіт комітету оприлюднюється негайно."},
		}},
		&indexer.Document{ID: "library", Title: "library", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
			{Number: 1, Text: "Members may use the library and/or the reading room of the parliament."},
		}},
	)
	s := search.New(ix)
	ctx := context.Background()
	// Parts side by side, both reaching over the mark between them; an elision
	// the page has nothing for still has its entry; parts of one word alone
	// quote nothing.
	if res, err := quote.Verify(ctx, s, "Members may use the library and/ … /or the reading room"); err != nil || res.Verdict == quote.NotFound {
		t.Errorf("parts side by side: %+v, %v", res, err)
	}
	if res, err := quote.Verify(ctx, s, "A closed hearing is not a secret hearing: … the fact that it took place"); err != nil || len(res.Places) == 0 ||
		len(res.Places[0].Omitted) != 1 || res.Places[0].Omitted[0].Words != 0 {
		t.Errorf("an elision of nothing: %+v, %v", res, err)
	}
	if _, err := quote.Verify(ctx, s, "the … of … and"); !errors.Is(err, search.ErrInvalidRequest) {
		t.Errorf("parts of one word: %v, want ErrInvalidRequest", err)
	}
	for _, tt := range []struct {
		quote, verdict string
		omitted        []string // the texts the elisions stand for
		diff           string   // a step the word diff of a near match must have
	}{
		{"A closed hearing is not a secret hearing … who attended and what was decided are published", quote.Exact,
			[]string{"the fact that it took place"}, ""},
		{"“the fact that it took place [...] are published [...] within a week”", quote.Exact,
			[]string{"who attended and what was decided", "as the committee's rules require"}, ""},
		// Words left out without an elision: a misquote.
		{"the fact that it took place [...] are published within a week", quote.Near, nil, "~ are rules"},
		{"the fact that it took place, ... are published, as the committee's rules require", quote.Exact,
			[]string{"who attended and what was decided"}, ""},
		{"A closed hearing . . . took place (…) within a week", quote.Exact,
			[]string{"is not a secret hearing: the fact that it", "who attended and what was decided are published, as the committee's rules require"}, ""},
		// The punctuation at a part's ends is compared with the page's.
		{"“A closed hearing is not a secret hearing: … within a week.”", quote.Exact,
			[]string{"the fact that it took place, who attended and what was decided are published, as the committee's rules require"}, ""},
		{"A closed hearing is not a secret hearing … within a week!", quote.Normalized,
			[]string{"the fact that it took place, who attended and what was decided are published, as the committee's rules require"}, ""},
		// An elision at either end is no difference.
		{"… a closed hearing is not a secret hearing…", quote.Normalized, nil, ""},
		// A word of a part misquoted: near, the elision shown in the diff.
		{"A closed hearing is not a private hearing … who attended and what was decided are published", quote.Near, nil,
			"… the fact that it took place"},
		// Parts in another order, or further apart than an elision may stand for.
		{"who attended and what was decided … A closed hearing is not a secret hearing", quote.NotFound, nil, ""},
		{"Комітет заслуховує міністра оборони … Звіт комітету оприлюднюється негайно", quote.NotFound, nil, ""},
		{"A closed hearing is not a secret hearing … Комітет заслуховує міністра", quote.NotFound, nil, ""},
	} {
		res, err := quote.Verify(ctx, s, tt.quote)
		if err != nil {
			t.Fatalf("%q: %v", tt.quote, err)
		}
		if res.Verdict != tt.verdict {
			t.Errorf("%q: verdict %s, want %s (%+v)", tt.quote, res.Verdict, tt.verdict, res.Places)
			continue
		}
		if tt.verdict == quote.NotFound {
			continue
		}
		p := res.Places[0]
		var omitted []string
		for _, o := range p.Omitted {
			omitted = append(omitted, o.Text)
			if got := strings.Join(strings.Fields(hearing[o.Start:o.End]), " "); got != o.Text || o.Words != len(strings.Fields(o.Text)) {
				t.Errorf("%q: omission %+v, its span reads %q", tt.quote, o, got)
			}
		}
		if !slices.Equal(omitted, tt.omitted) {
			t.Errorf("%q: omitted %q, want %q", tt.quote, omitted, tt.omitted)
		}
		if n := strings.Count(p.Snippet, "<mark>"); tt.verdict != quote.Near && n != max(1, len(tt.omitted)+1) {
			t.Errorf("%q: snippet %q marks %d parts", tt.quote, p.Snippet, n)
		}
		if steps := diffSteps(p); tt.diff != "" && !slices.Contains(steps, tt.diff) {
			t.Errorf("%q: diff %v lacks %q", tt.quote, steps, tt.diff)
		}
	}
}

func TestParts(t *testing.T) {
	for _, tt := range []struct {
		quote string
		want  []string
	}{
		{"no elision here", []string{"no elision here"}},
		{"first part … second part", []string{"first part", "second part"}},
		{"first part, [...] second; (…) third.", []string{"first part", "second", "third."}},
		{"… starts mid-sentence and ends so ...", []string{"starts mid-sentence and ends so"}},
		{"one . . . two....three", []string{"one", "two", "three"}},
		{"… ! …", nil},
	} {
		if got := quote.Parts(tt.quote); !slices.Equal(got, tt.want) {
			t.Errorf("Parts(%q) = %q, want %q", tt.quote, got, tt.want)
		}
	}
}

// TestVerifyQuoteHyphens: a suspended hyphen ("short- and long-term") is the
// page's own, over a page break too; a word broken and pasted on one line ("se-
// cret") folds as hyphenation with words left out too; a part the page repeats
// is placed at the copy the rest follows.
func TestVerifyQuoteHyphens(t *testing.T) {
	filler := strings.TrimSpace(strings.Repeat("lorem ", 240))
	ix := indextest.Docs(t,
		&indexer.Document{ID: "repeat", Title: "repeat", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{{Number: 1,
			Text: "The committee may summon the minister in a closed session of the committee. " + filler +
				" in a closed session the committee shall hear the minister and publish its findings within a week."}}},
		&indexer.Document{ID: "break", Title: "break", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
			{Number: 1, Text: "Introduction to the plan.\nThe plan of the ministry covers short- and"},
			{Number: 2, Text: "long-term procurement of the armed forces.\nIt was adopted in 2021."},
		}},
		&indexer.Document{ID: "hearing", Title: "hearing", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
			{Number: 1, Text: "A closed hearing is not a secret hearing: the fact that it took place,\nwho attended and what was decided are published."},
		}},
	)
	s := search.New(ix)
	for _, tt := range []struct{ quote, verdict, doc string }{
		{"The plan of the ministry covers short- and long-term procurement of the armed forces", quote.Exact, "break"},
		{"A closed hearing is not a se- cret hearing", quote.Normalized, "hearing"},
		{"A closed hearing is not a se- cret hearing … who attended and what was decided", quote.Normalized, "hearing"},
		{"The committee may summon the minister … in a closed session … and publish its findings within a week", quote.Exact, "repeat"},
	} {
		res, err := quote.Verify(context.Background(), s, tt.quote)
		if err != nil {
			t.Fatalf("%q: %v", tt.quote, err)
		}
		if res.Verdict != tt.verdict || len(res.Places) == 0 || res.Places[0].Doc.ID != tt.doc {
			t.Errorf("%q: verdict %s, places %+v; want %s in %s", tt.quote, res.Verdict, res.Places, tt.verdict, tt.doc)
		}
	}
}

// TestVerifyElidedOverPageBreak: a quote with words left out runs over a page
// break — at an elision or inside a part — and is found from its first page to
// the next, each omission on the page it starts on; parts out of order over the
// break are no quote.
func TestVerifyElidedOverPageBreak(t *testing.T) {
	s := search.New(indextest.Docs(t, &indexer.Document{ID: "plan", Title: "plan", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
		{Number: 1, Text: "Introduction to the plan.\nThe plan of the ministry covers the procurement of helmets, radios and"},
		{Number: 2, Text: "armoured vehicles for the territorial defence forces.\nIt was adopted in 2021 after a public consultation."},
	}}))
	for _, tt := range []struct {
		quote   string
		omitted []quote.Omission // Start, End, Page, EndPage and Words compared
	}{
		// The elision over the break.
		{"The plan of the ministry covers … vehicles for the territorial defence forces",
			[]quote.Omission{{Start: 58, End: 8, EndPage: 2, Words: 7}}},
		// A part over the break; the omission on the second page.
		{"covers the procurement of helmets, radios and armoured vehicles … adopted in 2021",
			[]quote.Omission{{Start: 18, End: 60, Page: 2, Words: 7}}},
		// The elision on the first page, the last part over the break.
		{"Introduction to the plan … helmets, radios and armoured vehicles",
			[]quote.Omission{{Start: 26, End: 76, Words: 9}}},
	} {
		res, err := quote.Verify(context.Background(), s, tt.quote)
		if err != nil {
			t.Fatalf("%q: %v", tt.quote, err)
		}
		if res.Verdict != quote.Exact || len(res.Places) != 1 {
			t.Errorf("%q: verdict %s, places %+v; want one exact", tt.quote, res.Verdict, res.Places)
			continue
		}
		p := res.Places[0]
		if p.Page != 1 || p.EndPage != 2 || !strings.Contains(p.Snippet, " ⁋ ") {
			t.Errorf("%q: pages %d–%d, snippet %q; want 1–2 with the break shown", tt.quote, p.Page, p.EndPage, p.Snippet)
		}
		var got []quote.Omission
		for _, o := range p.Omitted {
			got = append(got, quote.Omission{Start: o.Start, End: o.End, Page: o.Page, EndPage: o.EndPage, Words: o.Words})
		}
		if !slices.Equal(got, tt.omitted) {
			t.Errorf("%q: omitted %+v, want %+v", tt.quote, p.Omitted, tt.omitted)
		}
	}
	res, err := quote.Verify(context.Background(), s, "armoured vehicles for the territorial … the plan of the ministry covers")
	if err != nil || res.Verdict == quote.Exact || res.Verdict == quote.Normalized {
		t.Errorf("parts out of order over the break: %+v, %v", res, err)
	}

	// A part over the break steps over the first page's footnote, which the
	// snippet does not mark.
	ns := search.New(indextest.Docs(t, &indexer.Document{ID: "notes", Title: "notes", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
		{Number: 1, Text: "Oversight needs regular contact with the services.\nCommittees must be able to question the¹\n¹ See the annual report of the committee."},
		{Number: 2, Text: "minister in private at least once a year.\nWritten answers are not enough."},
	}}))
	res, err = quote.Verify(context.Background(), ns, "Oversight needs regular contact … able to question the minister in private at least once a year")
	if err != nil || res.Verdict != quote.Exact || len(res.Places) != 1 || res.Places[0].EndPage != 2 || strings.Contains(res.Places[0].Snippet, "<mark>¹ See") {
		t.Errorf("a part over a footnote: %+v, %v", res, err)
	}

	// Body text at the first page's foot is no footnote: a part does not step
	// over it.
	bs := search.New(indextest.Docs(t, &indexer.Document{ID: "survey", Title: "survey", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
		{Number: 1, Text: "Introduction to the survey.\nThe report says that the economy\ngrew slowly in the first half while exports fell sharply.\nImports rose in the spring."},
		{Number: 2, Text: "expanded by five percent in 2021.\nThe outlook is stable."},
	}}))
	res, err = quote.Verify(context.Background(), bs, "Introduction to the survey … the economy expanded by five percent in 2021")
	if err != nil || res.Verdict == quote.Exact || res.Verdict == quote.Normalized {
		t.Errorf("a part over body text at a page's foot: %+v, %v", res, err)
	}

	// A next page without words.
	es := search.New(indextest.Docs(t, &indexer.Document{ID: "short", Title: "short", Type: indexer.TypeReport, Lang: "en", Pages: []indexer.Page{
		{Number: 1, Text: "Introduction to the survey.\nThe report says that the economy\ngrew slowly in the first half."},
		{Number: 2, Text: "—"},
	}}))
	if _, err := quote.Verify(context.Background(), es, "Introduction to the survey … the economy shrank"); err != nil {
		t.Errorf("a next page without words: %v", err)
	}
}
