package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/thesaurus"
)

// htmlSite is a site of one page per entry (file name → title and text), each in
// language lang.
func htmlSite(pages map[string][2]string, lang string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, p := range pages {
		fsys[name] = &fstest.MapFile{Data: fmt.Appendf(nil, `<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>
<body><main><article><h1>%s</h1><p>%s</p></article></main></body></html>`, lang, p[0], p[0], p[1])}
	}
	return fsys
}

// TestThesaurusStandIns: an English word that no page has is searched as the
// thesaurus's words for it that pages have, marked in the snippets and named
// among the expansions; not those on too many pages, nor those made of the
// query's own words, nor for a word that pages have or that the synonym list
// stands in for; a base form's entry when the form as typed has one with no
// word on any page.
func TestThesaurusStandIns(t *testing.T) {
	filler := "Every man on the committee read the annual plan of the ministry and its budget lines. "
	ix, _ := indextest.FS(t, htmlSite(map[string][2]string{
		"conscripts.html": {"Rights of conscripts", strings.Repeat(filler, 3) + "Conscripts serving their term have the right to complain about hazing in the barracks."},
		"children.html":   {"Children and armed groups", strings.Repeat(filler, 3) + "No child may be recruited; the ceiling of the age limit is eighteen."},
		"budget.html":     {"Defence budget hearings", strings.Repeat(filler, 4)},
		"police.html":     {"Police reform", strings.Repeat(filler, 3) + "The police reform changed the patrol service."},
		"appeals.html":    {"Appeals procedure", strings.Repeat(filler, 3) + "An objection lodged by a soldier is heard within ten days."},
	}, "en"), "file:///srv/")
	th, err := thesaurus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	g := mustGlossary(t, "", "en\tkids / youngsters\n")
	with, without := glossed(t, ix, g.WithThesaurus(th)), glossed(t, ix, g)
	ctx := context.Background()
	wordnet := func(res *Result) []Expansion { return expansionsFrom(res, "wordnet") }
	for _, tt := range []struct {
		query, term string // term: the stand-in's entry; "" for none
		want, not   []string
		first       string // a word of the first hit's title
	}{
		// draftee → conscript, …, man: man is on every page, too common to say anything.
		{query: "draftees", term: "draftee", want: []string{"conscript"}, not: []string{"man"}, first: "conscripts"},
		// buster → …, man, adult male, child, kid: child is on one page.
		{query: "buster", term: "buster", want: []string{"child"}, not: []string{"man"}, first: "Children"},
		// gripes, as typed, is colic, which no page has; its base form gripe
		// is an objection.
		{query: "gripes", term: "gripe", want: []string{"objection"}, first: "Appeals"},
		// glass ceiling → ceiling (the query's own word), roof, cap (on no page): none.
		{query: "glass ceiling", first: "Children"},
		// Pages have the word.
		{query: "conscripts", first: "conscripts"},
		// The synonym list stands in for it (with a word on no page), not the
		// thesaurus (kid → child).
		{query: "kids"},
		// Not English.
		{query: "призовники"},
	} {
		res, err := with.Search(ctx, Request{Query: tt.query, XLang: true})
		if err != nil {
			t.Fatal(err)
		}
		exps := wordnet(res)
		if tt.term == "" {
			if len(exps) > 0 {
				t.Errorf("%s: stand-ins %+v, want none", tt.query, exps)
			}
		} else if len(exps) != 1 || exps[0].Term != tt.term || !exps[0].StandsIn || exps[0].Lang != "en" {
			t.Errorf("%s: stand-ins %+v, want those for %q", tt.query, exps, tt.term)
		} else {
			for _, w := range tt.want {
				if !slices.Contains(exps[0].Terms, w) {
					t.Errorf("%s: stand-ins %q, want %q among them", tt.query, exps[0].Terms, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(exps[0].Terms, w) {
					t.Errorf("%s: stand-ins %q, want no %q", tt.query, exps[0].Terms, w)
				}
			}
			if len(res.Hits) == 0 || len(res.Hits[0].Pages) == 0 || !strings.Contains(strings.ToLower(res.Hits[0].Pages[0].Snippet), "<mark>"+tt.want[0]) {
				t.Errorf("%s: first hit %+v, want %q marked", tt.query, res.Hits, tt.want[0])
			}
			// Without the thesaurus, nothing stands in.
			plain, err := without.Search(ctx, Request{Query: tt.query, XLang: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(wordnet(plain)) > 0 {
				t.Errorf("%s without the thesaurus: stand-ins %+v", tt.query, wordnet(plain))
			}
		}
		if tt.first != "" && (len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Doc.Title, tt.first)) {
			t.Errorf("%s: first hits %v, want one titled with %q", tt.query, titles(res), tt.first)
		}
	}
	// A language filter that leaves English out leaves the stand-ins out.
	res, err := with.Search(ctx, Request{Query: "draftees", XLang: true, Filters: Filters{Lang: []string{"uk"}}})
	if err != nil {
		t.Fatal(err)
	}
	if exps := wordnet(res); len(exps) > 0 {
		t.Errorf("draftees, Ukrainian only: stand-ins %+v", exps)
	}
}

// expansionsFrom are the expansions of res that came from source (Expansion.Source).
func expansionsFrom(res *Result, source string) []Expansion {
	var out []Expansion
	for _, e := range res.Expansions {
		if e.Source == source {
			out = append(out, e)
		}
	}
	return out
}
