package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// TestRetype: the keys of a query read in another layout, capitals kept; a
// character no key of the layout gives, or no letter at all, is no reading.
func TestRetype(t *testing.T) {
	uk, ru, en := layouts[0], layouts[1], layouts[2]
	for _, tt := range []struct {
		in   string
		l    layout
		want string // "": no reading
	}{
		{"gfhkfvtyncmrbq rjynhjkm", uk, "парламентський контроль"},
		{"ghfdf k.lbyb", uk, "права людини"},
		{"Dth[jdyf Hflf", uk, "Верховна Рада"},
		{"pd`zpjr ,f;fyyz", uk, "зв'язок бажання"}, // the apostrophe has a key of its own
		{"`", uk, "'"},
		{"j,jhjyysq ,.l;tn", ru, "оборонный бюджет"},
		{"ds,jhs 2019", ru, "выборы 2019"},
		{"зфкдшфьуте щмукішпре", en, "parliament oversight"},
		{"щмукышпре", en, "oversight"}, // ы (Russian) and і (Ukrainian) are both the s key
		{"ЗФКДШФЬУТЕ-2", en, "PARLIAMENT-2"},
		{"a:b", uk, ""},
		{"hello!", uk, ""},
		{"2019 - 2020", uk, ""}, // no letter
		{"parliament", en, ""},  // Latin letters are not on the Cyrillic keys
	} {
		got, ok := retype(tt.in, tt.l.keys)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("retype(%q, %s) = %q, want %q", tt.in, tt.l.lang, got, tt.want)
		}
	}
}

// TestRelayout: a query typed with the wrong layout switched on is searched as
// meant — Ukrainian and Russian on the US keys, English on the Ukrainian or
// Russian keys — and finds what the query as meant finds, the result saying so;
// a query whose words mean something as typed, one whose keys mean nothing in
// another layout either, and a verbatim one are searched as typed.
func TestRelayout(t *testing.T) {
	filler := "The committee reviewed the annual plan of the ministry and its spending on the armed forces. "
	fsys := htmlSite(map[string][2]string{
		"oversight.html": {"Parliamentary oversight of intelligence", strings.Repeat(filler, 2) + "Parliamentary oversight of intelligence services needs access to classified information."},
		"budget.html":    {"The defence budget explained", strings.Repeat(filler, 2) + "How to read the defence budget line by line."},
	}, "en")
	for name, f := range htmlSite(map[string][2]string{
		"control.html": {"Парламентський контроль над розвідкою", "Посібник пояснює, як парламентський контроль над розвідкою захищає права людини."},
	}, "uk") {
		fsys[name] = f
	}
	for name, f := range htmlSite(map[string][2]string{
		"budget-ru.html": {"Как читать оборонный бюджет", "Учебное пособие о том, как читать оборонный бюджет."},
	}, "ru") {
		fsys[name] = f
	}
	ix, _ := indextest.FS(t, fsys, "file:///srv/")
	s := glossed(t, ix, mustGlossary(t, "", ""))
	ctx := context.Background()
	for _, tt := range []struct {
		query, meant string // meant "": searched as typed
		verbatim     bool
		first        string // a word of the first hit's title
	}{
		{query: "gfhkfvtyncmrbq rjynhjkm", meant: "парламентський контроль", first: "Парламентський"},
		{query: "rjynhjkm yfl hjpdslrj.", meant: "контроль над розвідкою", first: "Парламентський"},
		// Both layouts read words here ("оборонній", "оборонный"): the words both
		// read alike are Russian.
		{query: "rfr xbnfnm j,jhjyysq ,.l;tn", meant: "как читать оборонный бюджет", first: "Как"},
		{query: "зфкдшфьутефкн щмукішпре", meant: "parliamentary oversight", first: "Parliamentary"},
		// "еру" (the) is a form of Ukrainian "ера": the other words decide.
		{query: "еру вуаутсу игвпуе", meant: "the defence budget", first: "budget"},
		{query: "parliamentary oversight", first: "Parliamentary"},
		{query: "парламентський контроль", first: "Парламентський"},
		{query: "qwzx vbnm"}, // nothing either way
		{query: "gfhkfvtyncmrbq rjynhjkm", verbatim: true},
		// Short words and abbreviations mean something in either layout ("від",
		// "та", "СІМ"); operators are the query language's.
		{query: "dsl"},
		{query: "nf"},
		{query: "CSV"},
		{query: "rjynhjkm OR gfhkfvtyncmrbq"},
	} {
		res, err := s.Search(ctx, Request{Query: tt.query, XLang: true, Verbatim: tt.verbatim})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if res.Corrected != tt.meant {
			t.Errorf("%s (verbatim %v): corrected %q, want %q", tt.query, tt.verbatim, res.Corrected, tt.meant)
			continue
		}
		if tt.meant != "" {
			var want []Correction
			for i, w := range strings.Fields(tt.query) {
				want = append(want, Correction{Word: w, As: strings.Fields(tt.meant)[i], Layout: true})
			}
			if !slices.Equal(res.Corrections, want) {
				t.Errorf("%s: corrections %+v, want %+v", tt.query, res.Corrections, want)
			}
			meant, err := s.Search(ctx, Request{Query: tt.meant, XLang: true})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(titles(res), titles(meant)) {
				t.Errorf("%s: hits %q, want those of %q: %q", tt.query, titles(res), tt.meant, titles(meant))
			}
		}
		if tt.first != "" && (len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Doc.Title, tt.first)) {
			t.Errorf("%s: hits %q, want the first titled with %q", tt.query, titles(res), tt.first)
		}
	}
}

// TestRelayoutText: the corrected text keeps the query's spacing, and lists only
// the words retyped; a malformed query is reported as typed.
func TestRelayoutText(t *testing.T) {
	fsys := htmlSite(map[string][2]string{
		"control.html": {"Парламентський контроль 2019", "Звіт про парламентський контроль у 2019 році."},
	}, "uk")
	ix, _ := indextest.FS(t, fsys, "file:///srv/")
	s := glossed(t, ix, mustGlossary(t, "", ""))
	ctx := context.Background()
	res, err := s.Search(ctx, Request{Query: " gfhkfvtyncmrbq  rjynhjkm 2019", XLang: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Correction{{Word: "gfhkfvtyncmrbq", As: "парламентський", Layout: true}, {Word: "rjynhjkm", As: "контроль", Layout: true}}
	if res.Corrected != "парламентський  контроль 2019" || !slices.Equal(res.Corrections, want) {
		t.Errorf("corrected %q, corrections %+v; want %q, %+v", res.Corrected, res.Corrections, "парламентський  контроль 2019", want)
	}
	_, err = s.Search(ctx, Request{Query: "gfhkfvtyncmrbq -", XLang: true})
	_, typed := query.Parse("gfhkfvtyncmrbq -")
	if err == nil || typed == nil || err.Error() != typed.Error() {
		t.Errorf("malformed query: error %v, want %v", err, typed)
	}
}
