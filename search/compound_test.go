package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

// TestCompounds: a Ukrainian or Russian compound that no page has is searched as
// its two words, marked where a page has them, named among the expansions, and
// read so by the glossary; not a compound that pages have, nor one whose rest no
// page has, nor in a language the filters leave out.
func TestCompounds(t *testing.T) {
	filler := "Комітет розглянув річний план міністерства та його видатки. "
	fsys := htmlSite(map[string][2]string{
		"strategy.html": {"Стратегія національної безпеки", strings.Repeat(filler, 3) + "Рада схвалила стратегію національної безпеки на п'ять років."},
		"budget.html":   {"Державний бюджет на оборону", strings.Repeat(filler, 3) + "Державний бюджет передбачає видатки на армію."},
		"guard.html":    {"Нацгвардія на кордоні", strings.Repeat(filler, 3) + "Нацгвардія охороняє кордон разом із прикордонниками. Гвардія несе службу цілодобово."},
		"staff.html":    {"Штаб і його робота", strings.Repeat(filler, 4)},
	}, "uk")
	// The English page is as long as the Ukrainian ones: the ranking compares
	// languages here, not page lengths.
	for name, f := range htmlSite(map[string][2]string{
		"en.html": {"National security strategy review", strings.Repeat("The committee reviewed the annual plan of the ministry and its expenses. ", 3) +
			"The national security strategy was reviewed by the committee in full."},
	}, "en") {
		fsys[name] = f
	}
	for name, f := range htmlSite(map[string][2]string{
		"ru.html": {"Государственный бюджет", "Государственный бюджет предусматривает расходы на армию и флот."},
	}, "ru") {
		fsys[name] = f
	}
	ix, _ := indextest.FS(t, fsys, "file:///srv/")
	s := glossed(t, ix, mustGlossary(t, "national security strategy\tстратегія національної безпеки\tстратегия национальной безопасности\n", ""))
	ctx := context.Background()
	compounds := func(res *Result) []Expansion { return expansionsFrom(res, "compound") }
	for _, tt := range []struct {
		query string
		langs []string
		want  string // the compound's two words; "" for none
		first string // a word of the first hit's title
		also  string // a word of another hit's title (found through the glossary)
	}{
		{query: "нацбезпеки", want: "національний безпеки", first: "національної"},
		// The glossary reads the spelled-out words: the English strategy is found.
		{query: "стратегія нацбезпеки", want: "національний безпеки", first: "Стратегія", also: "strategy"},
		{query: "держбюджет", want: "державний бюджет", first: "Державний"},
		{query: "госбюджет", want: "государственный бюджет", first: "Государственный"},
		// Pages have it.
		{query: "нацгвардія", first: "Нацгвардія"},
		// No page has the rest (ген + етика).
		{query: "генетика"},
		// Too short a rest (мін + фін).
		{query: "мінфін"},
		// English only: nothing to find in Ukrainian.
		{query: "держбюджет", langs: []string{"en"}},
	} {
		res, err := s.Search(ctx, Request{Query: tt.query, XLang: true, Filters: Filters{Lang: tt.langs}})
		if err != nil {
			t.Fatal(err)
		}
		exps := compounds(res)
		if tt.want == "" {
			if len(exps) > 0 {
				t.Errorf("%s %v: compounds %+v, want none", tt.query, tt.langs, exps)
			}
		} else if len(exps) != 1 || exps[0].Term != strings.ToLower(strings.Fields(tt.query)[len(strings.Fields(tt.query))-1]) || !slices.Equal(exps[0].Terms, []string{tt.want}) || !exps[0].StandsIn {
			t.Errorf("%s: compounds %+v, want %q", tt.query, exps, tt.want)
		} else if len(res.Hits) == 0 || len(res.Hits[0].Pages) == 0 || !strings.Contains(res.Hits[0].Pages[0].Snippet, "<mark>") {
			t.Errorf("%s: first hit %+v, want its words marked", tt.query, res.Hits)
		}
		if tt.first != "" && (len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Doc.Title, tt.first)) {
			t.Errorf("%s: hits %q, want the first titled with %q", tt.query, titles(res), tt.first)
		}
		if tt.also != "" && !slices.ContainsFunc(titles(res), func(ti string) bool { return strings.Contains(ti, tt.also) }) {
			t.Errorf("%s: hits %q, want one titled with %q", tt.query, titles(res), tt.also)
		}
	}
}

// TestSpellOut: each compound is written as its words, wherever it is, whatever
// its case or punctuation.
func TestSpellOut(t *testing.T) {
	comps := []compound{{word: "нацбезпеки", lang: "uk", parts: "національний безпеки"}}
	got := spellOut([]string{"стратегія", "Нацбезпеки,", "нацбезпека"}, comps)
	if want := []string{"стратегія", "національний безпеки", "нацбезпека"}; !slices.Equal(got, want) {
		t.Errorf("spellOut: %q, want %q", got, want)
	}
	if got := spellOut([]string{"a"}, nil); !slices.Equal(got, []string{"a"}) {
		t.Errorf("no compounds: %q", got)
	}
}
