package indexer

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// hitsIndex is an index of three English documents for the tests of Hits and the
// term look-ups: d1 dated 2020, d2 2023, d3 undated.
func hitsIndex(t *testing.T) *Index {
	t.Helper()
	ix := tempIndex(t)
	docs := []*Document{
		{ID: "d1", Title: "Police oversight", Type: TypeReport, Lang: "en", Date: time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC), Pages: []Page{
			{Number: 1, Text: "Parliamentary oversight of the police.", Label: "i"},
			{Number: 2, Text: "Budgets of the police and of the courts."},
		}},
		{ID: "d2", Title: "Defence budgets", Type: TypeReport, Lang: "en", Date: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC), Pages: []Page{
			{Number: 1, Text: "Defence budgets and procurement; budget oversight."},
		}},
		{ID: "d3", Title: "Courts", Type: TypeHandbook, Lang: "en", Pages: []Page{
			{Number: 1, Text: "Courts and judges."},
		}},
	}
	if _, err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestHits(t *testing.T) {
	ix := hitsIndex(t)
	ctx := context.Background()
	hits, err := ix.Hits(ctx, And(Match(FieldBody, "oversight", 0), Filter(FieldKind, KindPage)), HitRequest{
		Size: 10, Fields: []string{FieldBody, FieldLabel}, Highlight: []string{FieldBody}, Spans: true, Explain: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	slices.Sort(ids)
	if want := []string{PageID("d1", 1), PageID("d2", 1)}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("pages with oversight: %v, want %v", ids, want)
	}
	for _, h := range hits {
		text := h.Text[FieldBody]
		if h.Score <= 0 || !strings.Contains(text, "oversight") {
			t.Errorf("%s: score %g, text %q", h.ID, h.Score, text)
		}
		if h.ID == PageID("d1", 1) && h.Text[FieldLabel] != "i" {
			t.Errorf("%s: label %q, want i", h.ID, h.Text[FieldLabel])
		}
		if f := h.Fragments[FieldBody]; len(f) == 0 || !strings.Contains(f[0], "<mark>oversight</mark>") {
			t.Errorf("%s: fragments %q, want oversight marked", h.ID, f)
		}
		spans := h.Spans[FieldBody]
		if len(spans) != 1 || text[spans[0].Start:spans[0].End] != "oversight" {
			t.Errorf("%s: spans %v in %q, want the one oversight", h.ID, spans, text)
		}
		if h.Explanation == nil || h.Explanation.Value <= 0 || !hasTerm(h.Explanation, FieldBody, "oversight") {
			t.Errorf("%s: explanation %+v names no body:oversight", h.ID, h.Explanation)
		}
		// The record is named by its ID, not by Bleve's internal number.
		named := false
		var visit func(e *Explanation)
		visit = func(e *Explanation) {
			if strings.ContainsFunc(e.Message, func(r rune) bool { return r < ' ' || r == utf8.RuneError }) {
				t.Errorf("%s: explanation message %q has control bytes", h.ID, e.Message)
			}
			named = named || strings.Contains(e.Message, " in "+h.ID+")")
			for _, c := range e.Children {
				visit(c)
			}
		}
		if visit(h.Explanation); !named {
			t.Errorf("%s: no explanation message names the record", h.ID)
		}
	}
	// Nothing asked, nothing returned but IDs and scores.
	hits, err = ix.Hits(ctx, Match(FieldBody, "oversight", 0), HitRequest{Size: 1})
	if err != nil || len(hits) != 1 {
		t.Fatalf("size 1: %v, %d hits", err, len(hits))
	}
	if h := hits[0]; h.Text != nil || h.Fragments != nil || h.Spans != nil || h.Explanation != nil {
		t.Errorf("nothing asked: %+v", h)
	}
	// By date: newest or oldest first, the undated document last either way.
	for _, newest := range []bool{true, false} {
		hits, err := ix.Hits(ctx, Filter(FieldKind, KindDoc), HitRequest{Size: 10, ByDate: true, Newest: newest})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.ID)
		}
		want := []string{"d1", "d2", "d3"}
		if newest {
			want = []string{"d2", "d1", "d3"}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("by date, newest %v: %v, want %v", newest, got, want)
		}
	}
	if hits, err := ix.Hits(ctx, MatchAll(), HitRequest{}); err != nil || hits != nil {
		t.Errorf("no records asked for: %v, %v", hits, err)
	}
	if _, err := ix.Hits(ctx, MatchAll(), HitRequest{Size: -1}); err == nil {
		t.Error("a negative size: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ix.Hits(cancelled, MatchAll(), HitRequest{Size: 10}); err == nil {
		t.Error("cancelled: no error")
	}
}

func hasTerm(e *Explanation, field, term string) bool {
	if e.Field == field && e.Term == term {
		return true
	}
	return slices.ContainsFunc(e.Children, func(c *Explanation) bool { return hasTerm(c, field, term) })
}

// TestExplanationTerms: the term a Bleve term scorer explains is read from its
// message, boosted or not; other messages name none.
func TestExplanationTerms(t *testing.T) {
	e := explanation(&search.Explanation{Value: 1, Message: "sum of:", Children: []*search.Explanation{
		{Value: 0.5, Message: "weight(body:oversight^2.000000 in p1), product of:", Children: []*search.Explanation{
			{Value: 0.25, Message: "fieldWeight(body:oversight in p1), as per bm25 model, product of:"},
		}},
		{Value: 0.2, Message: "fieldWeight(stem_uk:контроль in p1), as per bm25 model, product of:"},
		{Value: 1, Message: "coord(2/3)"},
	}}, "", "p1")
	got := [][2]string{{e.Field, e.Term}}
	for _, c := range e.Children {
		got = append(got, [2]string{c.Field, c.Term})
	}
	got = append(got, [2]string{e.Children[0].Children[0].Field, e.Children[0].Children[0].Term})
	want := [][2]string{{"", ""}, {"body", "oversight"}, {"stem_uk", "контроль"}, {"", ""}, {"body", "oversight"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("terms %q, want %q", got, want)
	}
	if explanation(nil, "", "") != nil {
		t.Error("no explanation made one")
	}
}

// TestClosestLongWords: words of more than 32 bytes (18 Cyrillic letters), which
// zap's automaton misses, find their closest term, a swap counting as one edit, in
// Closest and in fuzzy queries.
func TestClosestLongWords(t *testing.T) {
	ix := tempIndex(t)
	if _, err := ix.Put(context.Background(), &Document{ID: "u1", Title: "Права військовослужбовців", Type: TypeReport, Lang: "uk", Pages: []Page{
		{Number: 1, Text: "Соціальні гарантії військовослужбовців і членів їхніх сімей. Військовослужбовці мають право на житло."},
	}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		word string
		fuzz int
		want string
	}{
		{"військовослужбовців", 1, "військовослужбовців"}, // itself
		{"військовослужбовцівв", 1, "військовослужбовців"},
		{"військовослужобвців", 1, "військовослужбовців"}, // a swap
		{"вйськовослужбовців", 2, "військовослужбовців"},
		{"військоволсужбовцівх", 1, ""}, // a swap and a changed letter: two edits
		{"військоволсужбовцівх", 2, "військовослужбовців"},
	} {
		got, err := ix.Closest(context.Background(), FieldBody, c.word, c.fuzz)
		if err != nil || got != c.want {
			t.Errorf("Closest(%q, %d) = %q, %v; want %q", c.word, c.fuzz, got, err, c.want)
		}
	}
	// A fuzzy query finds it too (Bleve's fuzzy searcher reads the same list).
	for _, w := range []string{"військовослужобвців", "військовослужбовців"} {
		hits, err := ix.Hits(context.Background(), And(Match(FieldBody, w, 1), Filter(FieldKind, KindPage)), HitRequest{Size: 10})
		if err != nil || len(hits) != 1 {
			t.Errorf("%s~1: %d hits, %v; want the page", w, len(hits), err)
		}
	}
	for _, c := range []struct {
		a, b      string
		max, want int
	}{
		{"oversight", "oversight", 2, 0},
		{"oversihgt", "oversight", 2, 1},
		{"overight", "oversight", 2, 1},
		{"ovresihgt", "oversight", 2, 2},
		{"ovresihgt", "oversight", 1, 2}, // past max: max+1
		{"abc", "abcdef", 2, 3},
	} {
		if got := editDistance([]rune(c.a), []rune(c.b), c.max); got != c.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.want)
		}
	}
}

func TestTermLookups(t *testing.T) {
	ix := hitsIndex(t)
	ctx := context.Background()
	records, freqs, err := ix.DocFreqs(ctx, []FieldTerm{{FieldBody, "oversight"}, {FieldBody, "courts"}, {FieldBody, "nowhere"}, {FieldTitle, "police"}})
	if err != nil {
		t.Fatal(err)
	}
	// 3 document records and 4 page records; a title on the document's record
	// and its first page's.
	if records != 7 || !reflect.DeepEqual(freqs, []uint64{2, 2, 0, 2}) {
		t.Errorf("DocFreqs: %d records, %v; want 7, [2 2 0 2]", records, freqs)
	}
	for _, c := range []struct {
		word string
		fuzz int
		want string
	}{
		{"oversigth", 2, "oversight"},
		{"budge", 2, "budget"},    // one edit from budget (one page), two from budgets (two)
		{"budgetr", 1, "budgets"}, // one from either: budgets is on more pages
		{"polise", 1, "police"},
		{"xyzzyq", 1, ""},
		// Two neighbours swapped: one edit.
		{"oversihgt", 1, "oversight"},
	} {
		got, err := ix.Closest(ctx, FieldBody, c.word, c.fuzz)
		if err != nil || got != c.want {
			t.Errorf("Closest(%q, %d) = %q, %v; want %q", c.word, c.fuzz, got, err, c.want)
		}
	}
	a, err := ix.Analyzer(AnalyzerEN)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Terms("The budgets of police"); !reflect.DeepEqual(got, []string{"budget", "polic"}) {
		t.Errorf("English terms: %q", got)
	}
	if toks := a.Tokens("oversight bodies"); len(toks) != 2 || toks[1].Start != 10 || toks[1].End != 16 {
		t.Errorf("English tokens: %+v", toks)
	}
	if got := a.Positions("The budgets of police"); !reflect.DeepEqual(got, [][]string{{"budget"}, {"polic"}}) {
		t.Errorf("English terms by word: %q", got)
	}
	uk, err := ix.Analyzer(AnalyzerUK)
	if err != nil {
		t.Fatal(err)
	}
	// "запити" is a form of запит and the infinitive of запитати: two stems, one word.
	if got := uk.Positions("інформаційні запити"); len(got) != 2 || !reflect.DeepEqual(got[0], []string{"інформаційний"}) || !slices.Contains(got[1], "запит") || len(got[1]) < 2 {
		t.Errorf("Ukrainian terms by word: %q", got)
	}
	if _, err := ix.Analyzer("no-such-analyzer"); err == nil {
		t.Error("an unknown analyzer: no error")
	}
	if _, err := AnalyzerNamed(AnalyzerUK); err != nil {
		t.Errorf("AnalyzerNamed(%s): %v", AnalyzerUK, err)
	}
}

// TestFuzzyTermsKept: the queries run with one WithFuzzyTerms context look a
// fuzzy word's terms up once and read them from what it kept after; they find
// what queries without it find.
func TestFuzzyTermsKept(t *testing.T) {
	ix := hitsIndex(t)
	q := And(Match(FieldBody, "oversihgt", 1), Filter(FieldKind, KindPage))
	ids := func(ctx context.Context) []string {
		t.Helper()
		hits, err := ix.Hits(ctx, q, HitRequest{Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.ID)
		}
		slices.Sort(out)
		return out
	}
	want := ids(context.Background())
	if len(want) == 0 {
		t.Fatal("oversihgt~1 found nothing")
	}
	ctx := WithFuzzyTerms(context.Background())
	kept := ctx.Value(fuzzyTermsKey{}).(*fuzzyTerms)
	for range 2 {
		if got := ids(ctx); !slices.Equal(got, want) {
			t.Errorf("with the terms kept: %v, want %v", got, want)
		}
		if len(kept.lists) != 1 {
			t.Fatalf("%d lists kept, want the word's one", len(kept.lists))
		}
	}
	// What is kept is what is read: emptied, the word matches nothing.
	for k, l := range kept.lists {
		kept.lists[k] = fuzzyList{auto: l.auto}
	}
	if got := ids(ctx); len(got) != 0 {
		t.Errorf("with no terms kept: %v, want none", got)
	}
}
