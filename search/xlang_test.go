package search

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

func TestParseGlossary(t *testing.T) {
	g, err := ParseGlossary(bytes.NewReader(data.Glossary), bytes.NewReader(data.Synonyms))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() < 300 {
		t.Errorf("bundled glossary has %d concepts, want at least 300", g.Len())
	}
	for _, bad := range []string{"oversight нагляд\n", "oversight\t\n", "\tнагляд\n", "oversight\t\tнадзор\n", "oversight\tнагляд\tнадзор\tx\n"} {
		if _, err := ParseGlossary(strings.NewReader(bad), nil); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("ParseGlossary(%q) = %v, want an error naming line 1", bad, err)
		}
	}
	if g.Synonyms() < 300 {
		t.Errorf("bundled synonyms have %d concepts, want at least 300", g.Synonyms())
	}
	for _, bad := range []string{"secret services / intelligence services\n", "de\tGeheimdienst / Nachrichtendienst\n", "en\tintelligence services\n"} {
		if _, err := ParseGlossary(strings.NewReader(""), strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "synonyms line 1") {
			t.Errorf("synonyms %q: %v, want an error naming line 1", bad, err)
		}
	}
	g, err = ParseGlossary(strings.NewReader("# comment\n\nombudsperson / ombudsman\tомбудсман / Уповноважений з прав людини\n"),
		strings.NewReader("# comment\nen\tintelligence services / secret services\n"))
	if err != nil || g.Len() != 1 || len(g.entries[0][0]) != 2 || len(g.entries[0][1]) != 2 || g.Synonyms() != 1 {
		t.Fatalf("ParseGlossary: %+v, %v", g, err)
	}
	g, err = ParseGlossary(strings.NewReader("anti-corruption\tантикорупція\tантикоррупция / противодействие коррупции\nombudsman\tомбудсман\n"), nil)
	if err != nil || g.Len() != 2 || len(g.entries[0][2]) != 2 || len(g.entries[1][2]) != 0 {
		t.Fatalf("ParseGlossary with a Russian column: %+v, %v", g, err)
	}
	for _, tt := range []struct{ term, to, want string }{
		{"Антикоррупция", "en", "anti-corruption"},
		{"антикорупція", "ru", "антикоррупция"},
		{"Anti-corruption", "uk", "антикорупція"},
		{"ombudsman", "ru", ""}, // no Russian term
	} {
		if got, ok := g.Translate(tt.term, tt.to); got != tt.want || ok != (tt.want != "") {
			t.Errorf("Translate(%q, %q) = %q, %v; want %q", tt.term, tt.to, got, ok, tt.want)
		}
	}
}

// TestRussianExpansion: a Russian query names a glossary term and is searched in
// English too (translateInto); a language filter that leaves English out leaves
// the translation out; an English query is not searched in Russian.
func TestRussianExpansion(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := glossaryOn(t, ix, "parliamentary oversight\tпарламентський контроль\tпарламентский контроль\n")
	for _, tt := range []struct {
		query string
		langs []string
		want  string
	}{
		{"парламентского контроля", nil, "en:parliamentary oversight"},
		{"парламентского контроля", []string{"uk", "ru"}, ""},
		{"parliamentary oversight", nil, "uk:парламентський контроль"},
	} {
		res, err := s.Search(context.Background(), Request{Query: tt.query, XLang: true, Filters: Filters{Lang: tt.langs}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range res.Expansions {
			got = append(got, e.Lang+":"+strings.Join(e.Terms, " / "))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q, langs %v: expansions %q, want %q", tt.query, tt.langs, got, tt.want)
		}
		if len(tt.langs) == 0 && res.Total == 0 {
			t.Errorf("%q: no hits, want the sample's documents on parliamentary oversight", tt.query)
		}
	}
}

// glossaryOn is a searcher of ix with a glossary of these translations.
func glossaryOn(t *testing.T, ix *indexer.Index, translations string) *Searcher {
	t.Helper()
	g, err := ParseGlossary(strings.NewReader(translations), nil)
	return withGlossary(t, ix, g, err)
}

// withGlossary is a searcher of ix with g, made without error (err).
func withGlossary(t *testing.T, ix *indexer.Index, g *Glossary, err error) *Searcher {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ix).WithGlossary(g)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// expansionsOf searches req (across languages) and lists its expansions, each as
// "lang:term / term", into the languages langs (all when none).
func expansionsOf(t *testing.T, s *Searcher, req Request, langs ...string) []string {
	t.Helper()
	req.XLang = true
	res, err := s.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Expansions {
		if len(langs) == 0 || slices.Contains(langs, e.Lang) {
			got = append(got, e.Lang+":"+strings.Join(e.Terms, " / "))
		}
	}
	return got
}

// TestExpansionOfAmbiguousForms: a Ukrainian form with several dictionary words
// ("запити": запит, and the verb запитати's infinitive) names a glossary term that
// has one of them; it was missed while the query's stems were matched as one
// sequence.
func TestExpansionOfAmbiguousForms(t *testing.T) {
	ix, _ := indextest.Sample(t)
	a, err := ix.Analyzer(indexer.AnalyzerUK)
	if err != nil {
		t.Fatal(err)
	}
	if words := a.Positions("інформаційні запити"); len(words) != 2 || len(words[1]) < 2 {
		t.Fatalf("Positions(інформаційні запити) = %q, want a second word with several stems (the test's premise)", words)
	}
	s := glossaryOn(t, ix, "information request\tінформаційний запит\tинформационный запрос\n")
	for _, q := range []string{"інформаційні запити", "інформаційний запит", "як відповідають на інформаційні запити"} {
		if got := expansionsOf(t, s, Request{Query: q}); !slices.Contains(got, "en:information request") {
			t.Errorf("%q: expansions %q, want en:information request", q, got)
		}
	}
}

// TestAbbreviationsMatchThemselves: a glossary term in capitals is found as
// itself (in English also its plural and possessive), not by a word that stems
// alike: Russian "армией" stems as АРМА, the asset recovery agency, does.
func TestAbbreviationsMatchThemselves(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := glossaryOn(t, ix, "army\tармія\tармия\n"+
		"asset recovery agency / ARMA\tАРМА\tАРМА\n"+
		"non-governmental organisation / NGO / NGOs\tНУО\tНКО\n"+
		"LGBT+\tЛГБТ+\tЛГБТ+\n"+
		"cert / csirt\tCERT-UA\tCERT-UA\n")
	for _, tt := range []struct{ query, want string }{
		{"контроль за армией", "en:army"},
		{"повноваження АРМА", "en:asset recovery agency / ARMA"},
		{"NGOs in oversight", "uk:НУО"},
		{"the NGO's report", "uk:НУО"},
		{"LGBT+ soldiers", "uk:ЛГБТ+"},
		{"ngoing", ""},
		{"national CERT mandate", "uk:CERT-UA"},                     // in capitals, a term as itself in lower case
		{"КОНТРОЛЬ ЗА АРМИЕЙ", "en:army"},                           // a query typed in capitals has no abbreviation
		{"АРМА и армия", "en:army en:asset recovery agency / ARMA"}, // each word its own term
	} {
		if got := expansionsOf(t, s, Request{Query: tt.query}); strings.Join(got, " ") != tt.want {
			t.Errorf("%q: expansions %q, want %q", tt.query, got, tt.want)
		}
	}
	for w, want := range map[string]bool{"NATO": true, "NGO": true, "АРМА": true, "CERT-UA": true, "LGBT+": true, "P/CVE": true, "Nato": false, "A": false, "NATO members": false} {
		if got := isAbbreviation(w); got != want {
			t.Errorf("isAbbreviation(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestFalseFriends: a Ukrainian query is read as Russian for the cognates only,
// a Russian term whose entry's Ukrainian term the query names too; "питань"
// (questions) stems as Russian питание (food) does. A query without a letter of
// Ukrainian's own is read both ways.
func TestFalseFriends(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := glossaryOn(t, ix, "nutrition\tхарчування\tпитание\ndefence\tоборона\tоборона\n")
	for _, tt := range []struct{ query, want string }{
		{"комітет з питань оборони", "en:defence"},
		{"вопросы питания и обороны", "en:nutrition en:defence"},
		{"питання харчування", "en:nutrition"},
	} {
		if got := expansionsOf(t, s, Request{Query: tt.query}, "en"); strings.Join(got, " ") != tt.want {
			t.Errorf("%q: expansions into English %q, want %q", tt.query, got, tt.want)
		}
	}
}

// glossarySearcher is a searcher of the sample with the bundled glossary.
func glossarySearcher(t *testing.T) *Searcher {
	t.Helper()
	ix, _ := indextest.Sample(t)
	g, err := BundledGlossary()
	return withGlossary(t, ix, g, err)
}

func TestCrossLanguageSearch(t *testing.T) {
	s := glossarySearcher(t)
	ctx := context.Background()
	tests := []struct {
		query     string
		xlang     bool
		wantFirst string // a word of the first hit's title; "" for no hit
		wantExp   string // a translation Expansions must name; "" for none
	}{
		// Only Ukrainian documents speak of domestic violence.
		{"domestic violence", true, "Гендер", "домашнє насильство"},
		{"domestic violence", false, "", ""},
		// A Ukrainian query finds the English manual on police integrity.
		{"доброчесність поліції", true, "Police", "police integrity"},
		// The longest term wins: "parliamentary oversight", not "oversight" alone.
		{"parliamentary oversight", true, "Parliamentary", "парламентський контроль"},
		// Fields, exclusions and required words are not loosened by translations.
		{"title:violence", true, "", ""},
		{"domestic -violence", true, "", ""},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, Request{Query: tt.query, XLang: tt.xlang})
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		switch {
		case tt.wantFirst == "" && res.Total > 0:
			t.Errorf("%q (xlang %v): %d hits, want none", tt.query, tt.xlang, res.Total)
		case tt.wantFirst != "" && (res.Total == 0 || !strings.Contains(res.Hits[0].Doc.Title, tt.wantFirst)):
			t.Errorf("%q (xlang %v): first hit %v, want a title with %q", tt.query, tt.xlang, titles(res), tt.wantFirst)
		}
		var exps []string
		for _, e := range res.Expansions {
			if !e.Synonym {
				exps = append(exps, strings.Join(e.Terms, " / "))
			}
		}
		got := strings.Join(exps, "; ")
		if tt.wantExp == "" && got != "" || !strings.Contains(got, tt.wantExp) {
			t.Errorf("%q (xlang %v): expansions %q, want %q", tt.query, tt.xlang, got, tt.wantExp)
		}
		if tt.query == "parliamentary oversight" && strings.Contains(got, "нагляд / контроль") {
			t.Errorf("%q: the shorter term inside the longer one was expanded too: %q", tt.query, got)
		}
	}
}

// TestSynonyms: a query names a term in other words than the documents use; the
// synonyms are searched with or without cross-language search, and said.
func TestSynonyms(t *testing.T) {
	ix, _ := indextest.Sample(t)
	g, err := ParseGlossary(strings.NewReader(""), strings.NewReader(
		"en\tpublic trust / public confidence\n"+
			"en\tIT security / information security\n"+
			"en\tmobilisation / call-up\n"+
			"en\twhistle-blowers / leakers\n"+
			"en\tparliamentary control / parliamentary oversight\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ix).WithGlossary(g)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, xl := range []bool{false, true} {
		res, err := s.Search(ctx, Request{Query: "public confidence", XLang: xl})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Expansions) != 1 || !res.Expansions[0].Synonym || res.Expansions[0].Terms[0] != "public trust" {
			t.Errorf("xlang %v: expansions %+v, want the synonym public trust", xl, res.Expansions)
		}
	}
	// A term whose first or last word is a stop word ("IT", the "up" of
	// "call-up") would be found wherever its other word is: it is not used.
	for _, q := range []string{"security", "call"} {
		res, err := s.Search(ctx, Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Expansions) != 0 {
			t.Errorf("%s: expansions %+v, want none", q, res.Expansions)
		}
	}
	// A synonym finds what the words typed do not: the sample speaks of
	// whistle-blowers, never of leakers; and the page lists it marked.
	plain, err := New(ix).Search(ctx, Request{Query: "leakers"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, Request{Query: "leakers"})
	if err != nil {
		t.Fatal(err)
	}
	// (Without them, only the spelling-mistake fallback finds anything.)
	if plain.Rewritten == "" && plain.Total != 0 || res.Rewritten != "" || res.Total == 0 || !strings.Contains(res.Hits[0].Doc.Title, "Parliamentary Oversight") {
		t.Fatalf("leakers: %v with synonyms, %v without; want the oversight guide that speaks of whistle-blowers with them only", titles(res), titles(plain))
	}
	if p := res.Hits[0].Pages; len(p) == 0 || !strings.Contains(strings.ToLower(p[0].Snippet), "<mark>whistle") {
		t.Errorf("leakers: pages %+v, want whistle-blowers marked", p)
	}
	// No page says "leakers": its synonym stands in for it, weighted standInBoost;
	// the sample has both words of "parliamentary control", so its synonym is
	// weighted synonymBoost.
	for query, boost := range map[string]float64{"leakers": standInBoost, "parliamentary control": synonymBoost} {
		res, err := s.Search(ctx, Request{Query: query, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Expansions) != 1 || res.Expansions[0].StandsIn != (boost == standInBoost) {
			t.Errorf("%s: expansions %+v, want one synonym, standing in: %v", query, res.Expansions, boost == standInBoost)
		}
		want := fmt.Sprintf("^%f ", boost)
		var synonymWeighted func(e *indexer.Explanation) bool
		synonymWeighted = func(e *indexer.Explanation) bool {
			if e == nil {
				return false
			}
			if e.Term != "" && e.Field == indexer.FieldStemEN && strings.Contains(e.Message, want) {
				return true
			}
			return slices.ContainsFunc(e.Children, synonymWeighted)
		}
		if !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.Explain != nil && synonymWeighted(h.Explain.Page) }) {
			t.Errorf("%s: no hit's explanation has its synonym weighted %s", query, want)
		}
	}
}

func titles(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Doc.Title)
	}
	return out
}

// TestNoTranslationIntoFilteredOutLanguage: with a language filter, translations
// into languages it leaves out are neither searched nor shown; into the filtered
// language they still find documents.
func TestNoTranslationIntoFilteredOutLanguage(t *testing.T) {
	s := glossarySearcher(t)
	ctx := context.Background()
	res, err := s.Search(ctx, Request{Query: "parliamentary oversight", XLang: true, Filters: Filters{Lang: []string{"en"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Expansions {
		if e.Lang == "uk" {
			t.Errorf("English only, yet searched also in Ukrainian: %+v", e)
		}
	}
	res, err = s.Search(ctx, Request{Query: "domestic violence", XLang: true, Filters: Filters{Lang: []string{"uk"}}})
	if err != nil || res.Total == 0 || len(res.Expansions) == 0 {
		t.Errorf("Ukrainian only, an English query: %v, %d hits, expansions %+v", err, res.Total, res.Expansions)
	}
}

// TestShowOtherLanguage: searched in both languages, the first result page shows
// the best document in the other language, at otherLangPlace, when none ranks
// that high; the explanation says why it is there, and the next page goes on
// where the first stopped.
func TestShowOtherLanguage(t *testing.T) {
	en := map[string][2]string{}
	for i := range 14 {
		en[fmt.Sprintf("en%02d.html", i)] = [2]string{fmt.Sprintf("Oversight report %d", i),
			strings.Repeat("Parliamentary oversight of the security sector. ", 3+i%4) + strings.Repeat("The committee met the ministry. ", 1+i)}
	}
	fsys := htmlSite(en, "en")
	for name, f := range htmlSite(map[string][2]string{"uk.html": {"Звіт про безпеку", "Нагляд за сектором безпеки і роль комітету. " +
		strings.Repeat("Комітет зустрівся з міністерством і обговорив бюджет. ", 6)}}, "uk") {
		fsys[name] = f
	}
	ix, _ := indextest.FS(t, fsys, "file:///srv/")
	s := glossed(t, ix, mustGlossary(t, "oversight\tнагляд\n", ""))
	ctx := context.Background()
	langs := func(res *Result) string {
		var b strings.Builder
		for _, h := range res.Hits {
			b.WriteString(h.Doc.Lang[:1])
		}
		return b.String()
	}
	first, err := s.Search(ctx, Request{Query: "oversight", XLang: true, Page: 1, Size: 10, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := langs(first); got != "eeeeeeeeeu" {
		t.Fatalf("oversight, both languages: languages %q, want the Ukrainian document tenth", got)
	}
	for i, h := range first.Hits {
		if h.Explain == nil || h.Explain.OtherLanguage != (i == 9) {
			t.Errorf("hit %d (%s): explanation %+v, want the other-language place said of the tenth only", i+1, h.Doc.Title, h.Explain)
		}
	}
	second, err := s.Search(ctx, Request{Query: "oversight", XLang: true, Page: 2, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Search(ctx, Request{Query: "oversight", XLang: true, Page: 1, Size: 20})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := append(titles(first), titles(second)...), titles(all); !slices.Equal(got, want) || len(want) != 15 {
		t.Errorf("pages 1 and 2: %q, want %q, all 15", got, want)
	}
	// Searched in English only, the Ukrainian document is not found; a Ukrainian
	// query ranks English documents among its first ten by itself.
	res, err := s.Search(ctx, Request{Query: "oversight", Size: 20})
	if err != nil || strings.Contains(langs(res), "u") {
		t.Errorf("oversight, English only: %v, languages %q", err, langs(res))
	}
	res, err = s.Search(ctx, Request{Query: "нагляд", XLang: true, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := langs(res); !strings.HasPrefix(got, "u") || !strings.Contains(got, "e") {
		t.Errorf("нагляд: languages %q, want the Ukrainian document first and English ones after", got)
	}
	for _, h := range res.Hits {
		if h.Explain.OtherLanguage {
			t.Errorf("нагляд: %s placed, with the other language among the first ten by itself", h.Doc.Title)
		}
	}
}

// mustGlossary parses a glossary of these translations and synonyms (as
// ParseGlossary reads them).
func mustGlossary(t *testing.T, translations, synonyms string) *Glossary {
	t.Helper()
	g, err := ParseGlossary(strings.NewReader(translations), strings.NewReader(synonyms))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// glossed is a searcher of ix with the glossary g.
func glossed(t *testing.T, ix *indexer.Index, g *Glossary) *Searcher {
	t.Helper()
	s, err := New(ix).WithGlossary(g)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
