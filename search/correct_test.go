package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

// TestCorrect: a word that no page has in any form, that no dictionary knows and
// that nothing stands in for is searched as the closest word of the index, in a
// plain word and in a phrase, and the result says so; a title typed with a mistake
// then finds its document first. Words pages have, words a dictionary knows, words
// a synonym stands in for, excluded, fielded, prefix and fuzzy words, short words,
// words with digits and words in capitals are left as typed, and so is everything
// with Verbatim.
func TestCorrect(t *testing.T) {
	filler := "The committee reviewed the annual plan of the ministry and its spending on the armed forces. "
	fsys := htmlSite(map[string][2]string{
		"target.html":    {"Budget transparency in the defence sector", strings.Repeat(filler, 2) + "Budget transparency lets parliament follow defence spending."},
		"sector.html":    {"The defence sector and its budget", strings.Repeat(filler, 2) + "The defence sector budget grew; the sector budget of the defence ministry and the defence sector were debated in the budget committee."},
		"oversight.html": {"Parliamentary oversight of intelligence", strings.Repeat(filler, 2) + "Parliamentary oversight of intelligence services needs access to classified information."},
		"bloggers.html":  {"Military bloggers and video bloggers", strings.Repeat(filler, 2) + "Bloggers and video bloggers report on the war."},
		"issue.html":     {"Newsletter issue 36", strings.Repeat(filler, 2) + "This issue of the newsletter covers the network's spring meeting."},
	}, "en")
	for name, f := range htmlSite(map[string][2]string{
		"guide.html": {"Практичний посібник для журналістів", "Цей посібник пояснює журналістам, як отримати інформацію про оборонні закупівлі."},
	}, "uk") {
		fsys[name] = f
	}
	ix, _ := indextest.FS(t, fsys, "file:///srv/")
	// "vloggers" is one letter from "bloggers"; the synonym list says what it means.
	s := glossed(t, ix, mustGlossary(t, "", "en\tvideo bloggers / vloggers\n"))
	ctx := context.Background()
	for _, tt := range []struct {
		query    string
		verbatim bool
		want     []Correction // none: the query searched as typed
		first    string       // a word of the first hit's title ("" no check)
	}{
		{query: "parliamentary oversigth of intelligence", want: []Correction{{Word: "oversigth", As: "oversight"}}, first: "Parliamentary"},
		// A title with a mistake: its document first, not the one with more of its common words.
		{query: "Budget transparensy in the defence sector", want: []Correction{{Word: "transparensy", As: "transparency"}}, first: "transparency"},
		// A mistake the English stemmer forgives (transparancy and transparency are
		// both "transpar") is on pages already.
		{query: "budget transparancy"},
		{query: `"parliamentary oversigth"`, want: []Correction{{Word: "oversigth", As: "oversight"}}, first: "Parliamentary"},
		{query: "практичний посіник для журналістів", want: []Correction{{Word: "посіник", As: "посібник"}}, first: "посібник"},
		{query: "newsletter isue 36", want: []Correction{{Word: "isue", As: "issue"}}, first: "Newsletter"},
		// A word of the synonym list that no page has, mistyped: closer to it than
		// to any word of the index (bloggers is two edits away), and its synonym
		// finds the pages.
		{query: "vlogegrs", want: []Correction{{Word: "vlogegrs", As: "vloggers"}}, first: "bloggers"},
		// Two mistakes, each corrected.
		{query: "parlamentary oversigth", want: []Correction{{Word: "parlamentary", As: "parliamentary"}, {Word: "oversigth", As: "oversight"}}, first: "Parliamentary"},
		// As typed: pages have it (another form), a dictionary knows it, a synonym stands in.
		{query: "transparent budget", first: ""},
		{query: "rebuild the defence sector"},
		{query: "vloggers"},
		{query: "оборонних закупівель"},
		// Not searched as typed text: excluded, fielded, prefix, fuzzy; too short; digits.
		{query: "intelligence -oversigth"},
		{query: "type:handbok oversight"},
		{query: "oversigt* intelligence"},
		{query: "oversigth~"},
		{query: "wrk defence"},
		{query: "bu2get defence"},
		// In capitals: an abbreviation.
		{query: "newsletter ISUE 36"},
		{query: "parliamentary oversigth of intelligence", verbatim: true},
	} {
		res, err := s.Search(ctx, Request{Query: tt.query, XLang: true, Verbatim: tt.verbatim})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if !slices.Equal(res.Corrections, tt.want) {
			t.Errorf("%s (verbatim %v): corrections %+v, want %+v", tt.query, tt.verbatim, res.Corrections, tt.want)
			continue
		}
		if len(tt.want) > 0 {
			want := tt.query
			for _, c := range tt.want {
				want = strings.Replace(want, c.Word, c.As, 1)
			}
			if res.Corrected != want {
				t.Errorf("%s: corrected %q, want %q", tt.query, res.Corrected, want)
			}
		} else if res.Corrected != "" {
			t.Errorf("%s: corrected %q, want none", tt.query, res.Corrected)
		}
		if tt.first != "" && (len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Doc.Title, tt.first)) {
			t.Errorf("%s: hits %q, want the first titled with %q", tt.query, titles(res), tt.first)
		}
	}
	// As typed, the title with its mistake loses to the document with more of its
	// common words: what the correction is for.
	res, err := s.Search(ctx, Request{Query: "Budget transparensy in the defence sector", XLang: true, Verbatim: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || strings.Contains(res.Hits[0].Doc.Title, "transparency") {
		t.Errorf("verbatim title with a mistake: hits %q, want another document first", titles(res))
	}
	// Verbatim, the phrase with its mistake matches nothing.
	if res, err = s.Search(ctx, Request{Query: `"parliamentary oversigth"`, XLang: true, Verbatim: true}); err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Errorf("verbatim phrase with a mistake: %d documents, want none", res.Total)
	}
	// Without the synonym, "vloggers" is a mistake for "bloggers".
	plain := glossed(t, ix, mustGlossary(t, "", ""))
	if res, err = plain.Search(ctx, Request{Query: "vloggers", XLang: true}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Corrections, []Correction{{Word: "vloggers", As: "bloggers"}}) {
		t.Errorf("vloggers without the synonym: corrections %+v, want bloggers", res.Corrections)
	}
	// An export lists what the result pages list.
	q := Request{Query: "Budget transparensy in the defence sector", XLang: true}
	res, err = s.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var exported []string
	if _, err := s.Export(ctx, q, func(h ExportHit) error { exported = append(exported, h.Doc.Title); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(exported, titles(res)) {
		t.Errorf("export %q, want the result page's %q", exported, titles(res))
	}
}
