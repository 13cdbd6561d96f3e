package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/query"
)

// unlabelled returns facets without their labels (Bleve's facets have none).
func unlabelled(f map[string][]FacetValue) map[string][]FacetValue {
	out := map[string][]FacetValue{}
	for name, vals := range f {
		out[name] = []FacetValue{}
		for _, v := range vals {
			out[name] = append(out[name], FacetValue{Value: v.Value, Count: v.Count})
		}
	}
	return out
}

// bleveFacets is the reference: the index's own facets over the documents' records.
func bleveFacets(t *testing.T, ix *indexer.Index, ids []string) map[string][]FacetValue {
	t.Helper()
	fields := map[string]string{"lang": indexer.FieldLang, "type": indexer.FieldType, "year": indexer.FieldYearFacet,
		"topic": indexer.FieldTopic, "publisher": indexer.FieldPublisher}
	q := indexer.And(indexer.IDs(ids...), indexer.Filter(indexer.FieldKind, indexer.KindDoc))
	out := map[string][]FacetValue{}
	for name, counts := range indextest.BleveFacets(t, ix, q, fields, maxFacetValues) {
		out[name] = []FacetValue{}
		for _, tf := range counts {
			if tf.Term == "" {
				continue // a record without the value (the index facets it as ""; users are shown none)
			}
			out[name] = append(out[name], FacetValue{Value: tf.Term, Count: tf.Count})
		}
		if name == "year" {
			sort.Slice(out[name], func(i, j int) bool { return out[name][i].Value > out[name][j].Value })
		}
	}
	return out
}

// TestFacetTable: the in-memory counts equal the index's own facets for the
// documents of several searches, and a write to the index is seen at once.
func TestFacetTable(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := New(ix)
	ctx := context.Background()
	for _, q := range []string{"oversight", "безпеки", "security", "budget OR police", "the"} {
		res, err := s.Search(ctx, Request{Query: q, Page: 1, Size: 10, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		node, _ := query.Parse(q)
		uq, _ := compile(node)
		order, _, err := s.groups(ctx, indexer.And(uq, indexer.Filter(indexer.FieldKind, indexer.KindPage)), restrictions{}, 0, 0, 1)
		ids := idsOf(order)
		if err != nil || len(ids) == 0 {
			t.Fatalf("%s: %v, %d documents", q, err, len(ids))
		}
		if want := bleveFacets(t, ix, ids); !reflect.DeepEqual(unlabelled(res.Facets), want) {
			t.Errorf("%s: facets\n%v\nwant\n%v", q, res.Facets, want)
		}
	}

	d := &indexer.Document{ID: "new-doc", Title: "Oversight in Moldova", Type: indexer.TypeReport, Lang: "en",
		Publisher: "New Institute", Topics: []string{"Oversight", "Budget"}, Date: time.Date(2031, 1, 2, 0, 0, 0, 0, time.UTC), Year: 2031,
		URL: "https://example.org/new", SourceURL: "https://example.org/new",
		Pages: []indexer.Page{{Number: 1, Text: "Parliamentary oversight in Moldova.", Lang: "en", Status: "ok"}}}
	if _, err := ix.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, Request{Query: "oversight", Page: 1, Size: 10, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range res.Facets["publisher"] {
		found = found || v.Value == "new institute" && v.Count == 1
	}
	if !found || res.Facets["year"][0] != (FacetValue{Value: "2031", Label: "2031", Count: 1}) {
		t.Errorf("after a write, facets %v", res.Facets)
	}
	// Values are shown as publishers write them; a type by its label.
	labels := map[string]string{}
	for _, name := range []string{"publisher", "topic", "type"} {
		for _, v := range res.Facets[name] {
			labels[v.Value] = v.Label
		}
	}
	for value, label := range map[string]string{"new institute": "New Institute", "oversight": "Oversight", "report": "Report", "training-manual": "Training manual"} {
		if labels[value] != label {
			t.Errorf("facet value %q labelled %q, want %q", value, labels[value], label)
		}
	}
	// The table was updated from the write's documents, not read again: it equals
	// one read whole, and so it does after a rewrite and a delete.
	same := func(stage string) {
		t.Helper()
		inc, err := s.facetTab.table(ctx)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := (&facetTable{ix: ix}).table(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := facetStrings(inc), facetStrings(whole); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the updated table differs from one read whole:\n%v\n%v", stage, got, want)
		}
	}
	same("after a write")
	d.Publisher, d.Year = "Other Institute", 2030
	if _, err := ix.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	same("after a rewrite")
	if err := ix.Delete(d.ID); err != nil {
		t.Fatal(err)
	}
	same("after a delete")
	res, err = s.Search(ctx, Request{Query: "oversight", Page: 1, Size: 10, Facets: true, Filters: Filters{YearFrom: 2030}})
	if err != nil || res.Total != 0 {
		t.Errorf("after the delete, a filter on its year finds %d documents (%v)", res.Total, err)
	}
}

// facetStrings is a facet table as each document's values.
func facetStrings(t *facetValues) map[string][len(Facets)][]string {
	out := map[string][len(Facets)][]string{}
	for id, r := range t.rows {
		var vals [len(Facets)][]string
		for i, vs := range r {
			for _, v := range vs {
				vals[i] = append(vals[i], t.values[i][v])
			}
		}
		out[id] = vals
	}
	return out
}

// TestPaging: result pages read one by one give the documents, scores and pages of
// one long result page, ranked best first, each with its best pages first.
func TestPaging(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := New(ix)
	ctx := context.Background()
	for _, q := range []string{"security", "oversight OR безпеки", "the"} {
		all, err := s.Search(ctx, Request{Query: q, Page: 1, Size: 30})
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Hits) < 7 {
			t.Fatalf("%s: %d hits; the case needs more", q, len(all.Hits))
		}
		var paged []Hit
		for page := 1; page <= 3; page++ {
			r, err := s.Search(ctx, Request{Query: q, Page: page, Size: 3})
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != all.Total || r.MatchedPages != all.MatchedPages {
				t.Errorf("%s page %d: totals %d/%d, want %d/%d", q, page, r.Total, r.MatchedPages, all.Total, all.MatchedPages)
			}
			paged = append(paged, r.Hits...)
		}
		for i, h := range paged {
			w := all.Hits[i]
			if h.Doc.ID != w.Doc.ID || h.Score != w.Score || !reflect.DeepEqual(h.Pages, w.Pages) {
				t.Errorf("%s hit %d: paged %s %v %v, at once %s %v %v", q, i, h.Doc.ID, h.Score, h.Pages, w.Doc.ID, w.Score, w.Pages)
			}
		}
		for i, h := range all.Hits {
			if i > 0 && h.Score > all.Hits[i-1].Score {
				t.Errorf("%s: hit %d scores %v, more than the one before it", q, i, h.Score)
			}
			// A document scores by its best page, the evidence of its next best, its
			// prior (at most 1) and the topic feedback.
			if len(h.Pages) == 0 || h.Score <= 0 || h.Score > h.Pages[0].Score*(1+float64(indexer.EvidencePages)*evidenceWeight)*(1+feedbackWeight)+1e-9 {
				t.Errorf("%s: hit %d (%v) does not show its best page first: %v", q, i, h.Score, h.Pages)
			}
			for j := 1; j < len(h.Pages); j++ {
				if h.Pages[j].Score > h.Pages[j-1].Score {
					t.Errorf("%s: hit %d pages out of order: %v", q, i, h.Pages)
				}
			}
		}
	}
}

// TestPagesOnly checks which queries may leave out the kind=page filter, and that
// those that do match no other record in the sample index.
func TestPagesOnly(t *testing.T) {
	ix, _ := indextest.Sample(t)
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"oversight", true},
		{`"closed hearing"`, true},
		{"integrty~", true},
		{"ombud*", true},
		{"title:oversight", true},
		{"year:2015..2020", true},
		{"type:toolkit", false},
		{"lang:uk", false},
		{"type:toolkit oversight", true}, // a restriction keeps the word required
		{"type:toolkit (oversight OR lang:uk)", false},
		{"+type:toolkit +oversight", true},
		{"type:toolkit AND oversight", true},
		{"oversight -type:toolkit", true},
		{"oversight OR lang:uk", false},
		{"(oversight OR control) year:2015..2020", true},
	} {
		node, err := query.Parse(tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		if got := pagesOnly(node); got != tc.want {
			t.Errorf("pagesOnly(%s) = %v, want %v (parsed %s)", tc.q, got, tc.want, query.String(node))
		}
		uq, err := compile(node)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Hits(context.Background(), uq, indexer.HitRequest{Size: 10000})
		if err != nil {
			t.Fatal(err)
		}
		others := 0
		for _, h := range hits {
			if _, _, ok := indexer.SplitPageID(h.ID); !ok {
				others++
			}
		}
		if tc.want && others > 0 {
			t.Errorf("%s: said pages only, but matches %d other records", tc.q, others)
		}
		if !tc.want && others == 0 {
			t.Errorf("%s: matches no other record; the case says nothing", tc.q)
		}
	}
}

// TestStemSpans: the spans of other forms of the query's words, found by
// analysing only the runs of text between spaces that may hold one (stemKeys),
// are those of analysing the whole text; and some texts certainly hold none. It
// runs on every page of the sample index and on texts made to trip it.
func TestStemSpans(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := New(ix)
	hits, err := ix.Hits(context.Background(), indexer.Filter(indexer.FieldKind, indexer.KindPage), indexer.HitRequest{Size: 1000, Fields: []string{indexer.FieldBody}})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"The ﬁnancial oversight of the FINANCE committee", // a ligature: NFKC changes the text
		"He was dying; they were lying and tying knots. Hoping for policy changes.",
		"Контроль над розвідкою та скарзі громадян; парламентского контроля",
		"Об’єднання і об'єднаний",
		"policy-making\tpolicies\n\nPOLICIES,(policies)  hearing's hearings' committee—committees",
		"  leading and trailing spaces, Контролю\u00a0розвідки\u2003безпеки  ",
	}
	for _, h := range hits {
		texts = append(texts, h.Text[indexer.FieldBody])
	}
	words := []string{"policies", "hoping", "dying", "lies", "finance", "oversight", "committees", "hearings",
		"контролю", "розвідки", "безпеки", "скарга", "об’єднання", "парламентский", "контроль", "ukraine"}
	skipped, found := 0, 0
	for _, lang := range []string{"en", "uk", "ru"} {
		a, err := ix.Analyzer(analyzerFor(lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			stems := map[string]bool{}
			for _, term := range a.Terms(w) {
				stems[term] = true
			}
			for _, text := range texts {
				want := spansOf(a, text, 0, stems, nil)
				got := s.stemSpans(text, lang, []string{w})
				if !slices.Equal(got, want) {
					t.Errorf("%s %q in %.80q:\n got %v\nwant %v", lang, w, text, got, want)
				}
				found += len(want)
				if keys, ok := stemKeys(stems); ok && norm.NFKC.IsNormalString(text) && !hasKey(strings.ToLower(text), keys) {
					skipped++ // nothing to analyse
				}
			}
		}
	}
	if skipped == 0 || found == 0 {
		t.Errorf("%d texts certainly without the words, %d forms found: want some of each", skipped, found)
	}
}

// TestRestrictionsMatchClauses: restrictions checked while ranking select the same
// documents and pages as the same restrictions as Bleve clauses would.
func TestRestrictionsMatchClauses(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := New(ix)
	ctx := context.Background()
	for _, tc := range []struct {
		q     string
		f     Filters
		empty bool
	}{
		{q: "безпеки lang:uk"}, {q: "security lang:en"}, {q: "oversight type:handbook"},
		{q: "budget year:2015..2020"}, {q: "police year:..2021"}, {q: `oversight publisher:"Centre for Security Governance Studies"`},
		{q: "security topic:accountability"}, {q: "security type:toolkit lang:en year:2015..2030"},
		{q: "безпеки", f: Filters{Lang: []string{"uk"}, Type: []string{"handbook", "toolkit"}}},
		{q: "oversight lang:en", f: Filters{Lang: []string{"uk"}}, empty: true}, // contradictory
		{q: "security", f: Filters{YearFrom: 2015, YearTo: 2030, Topic: []string{"Accountability"}}},
		{q: "security year:2015..2020", f: Filters{YearFrom: 2019}},
	} {
		node, err := query.Parse(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Search(ctx, Request{Query: tc.q, Filters: tc.f, Size: 100, PagesPerDoc: 20})
		if err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		// The reference: every restriction a clause of the page query.
		text, rs := liftRestrictions(node)
		if query.String(text) == query.String(node) && reflect.DeepEqual(tc.f, Filters{}) {
			t.Fatalf("%s: nothing lifted", tc.q)
		}
		rs = rs.and(mustFilters(t, tc.f))
		uq, _ := compile(text)
		clauses := []indexer.Query{uq, indexer.Filter(indexer.FieldKind, indexer.KindPage)}
		if rs.langs != nil {
			clauses = append(clauses, langQuery(rs.langs))
		}
		for _, c := range rs.tags {
			var alts []indexer.Query
			for _, v := range c.values {
				alts = append(alts, indexer.Filter(Facets[c.facet].field, v))
			}
			clauses = append(clauses, indexer.Or(alts...))
		}
		if rs.year {
			yq, _ := compile(&query.Range{Field: "year", From: rs.yearFrom, To: rs.yearTo})
			clauses = append(clauses, yq)
		}
		hits, err := ix.Hits(ctx, indexer.And(clauses...), indexer.HitRequest{Size: 10000})
		if err != nil {
			t.Fatal(err)
		}
		wantPages, wantDocs := map[string]bool{}, map[string]bool{}
		for _, h := range hits {
			wantPages[h.ID] = true
			id, _, _ := indexer.SplitPageID(h.ID)
			wantDocs[id] = true
		}
		gotDocs := map[string]bool{}
		for _, h := range res.Hits {
			gotDocs[h.Doc.ID] = true
			for _, p := range h.Pages {
				if id := indexer.PageID(h.Doc.ID, p.Page); !wantPages[id] {
					t.Errorf("%s %+v: page %s shown, which the clauses do not match", tc.q, tc.f, id)
				}
			}
		}
		if (len(wantDocs) == 0) != tc.empty {
			t.Errorf("%s %+v: %d documents: the case says nothing", tc.q, tc.f, len(wantDocs))
		}
		if res.MatchedPages != len(wantPages) || !reflect.DeepEqual(gotDocs, wantDocs) {
			t.Errorf("%s %+v: %d pages of %v, as clauses %d pages of %v", tc.q, tc.f, res.MatchedPages, keys(gotDocs), len(wantPages), keys(wantDocs))
		}
		// Ordered by date, the documents' best pages come from another ranking of
		// their pages: the same restrictions hold there.
		dated, err := s.Search(ctx, Request{Query: tc.q, Filters: tc.f, Size: 100, PagesPerDoc: 20, Sort: SortNewest})
		if err != nil {
			t.Fatal(err)
		}
		if dated.Total != res.Total {
			t.Errorf("%s %+v, newest first: %d documents, %d by relevance", tc.q, tc.f, dated.Total, res.Total)
		}
		for _, h := range dated.Hits {
			if len(h.Pages) == 0 {
				t.Errorf("%s %+v, newest first: %s shows no page", tc.q, tc.f, h.Doc.ID)
			}
			for _, p := range h.Pages {
				if id := indexer.PageID(h.Doc.ID, p.Page); !wantPages[id] {
					t.Errorf("%s %+v, newest first: page %s shown, which the clauses do not match", tc.q, tc.f, id)
				}
			}
		}
	}
}

func mustFilters(t *testing.T, f Filters) restrictions {
	t.Helper()
	rs, err := filterRestrictions(f)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// langQuery matches pages in one of langs, without adding to the score.
func langQuery(langs []string) indexer.Query {
	alts := make([]indexer.Query, len(langs))
	for i, l := range langs {
		alts[i] = indexer.Filter(indexer.FieldLang, l)
	}
	return indexer.Boost(indexer.Or(alts...), 0)
}

func TestTermWeights(t *testing.T) {
	e := &indexer.Explanation{Value: 1, Message: "sum of:", Children: []*indexer.Explanation{
		{Value: 0.5, Field: "body", Term: "oversight", Children: []*indexer.Explanation{
			{Value: 0.25, Field: "body", Term: "oversight"}, // the same term, explained further: not counted again
		}},
		{Value: 0.2, Field: "stem_uk", Term: "контроль"},
		{Value: 0.3, Field: "body", Term: "oversight"},
		{Value: 1, Message: "coord(2/3)"},
	}}
	got := termWeights(e)
	want := []TermWeight{{"body", "oversight", 0.8}, {"stem_uk", "контроль", 0.2}}
	if len(got) != len(want) {
		t.Fatalf("termWeights = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Field != want[i].Field || got[i].Term != want[i].Term || math.Abs(got[i].Weight-want[i].Weight) > 1e-9 {
			t.Errorf("termWeights[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestMatchingPages(t *testing.T) {
	d := &indexer.Document{Title: "Access to Information for Oversight Bodies"}
	marked := PageHit{Page: 3, Snippet: "the <mark>oversight</mark> bodies"}
	plain := PageHit{Page: 1, Snippet: "an opening without the words"}
	if got := matchingPages([]PageHit{plain, marked}, d, []string{"oversight"}); len(got) != 1 || got[0].Page != 3 {
		t.Errorf("with a marked page: %+v, want page 3 alone", got)
	}
	// Matched by its title only: the best page is listed, its snippet the title
	// with the words marked where words start with them.
	got := matchingPages([]PageHit{plain, {Page: 2, Snippet: "another"}}, d, []string{"for", "oversight"})
	want := "Access to Information <mark>for</mark> <mark>Oversight</mark> Bodies"
	if len(got) != 1 || got[0].Page != 1 || got[0].Snippet != want {
		t.Errorf("title only: %+v, want page 1 with %q", got, want)
	}
	if got := matchingPages(nil, d, []string{"oversight"}); len(got) != 0 {
		t.Errorf("no pages: %+v", got)
	}
}

func TestWholeWords(t *testing.T) {
	for in, want := range map[string]string{
		"…tutions responsible for <mark>oversight</mark> of the sect…": "… responsible for <mark>oversight</mark> of the …",
		"…<mark>oversight</mark> of the sector…":                       "…<mark>oversight</mark> of the …",
		"The <mark>committee</mark> met":                               "The <mark>committee</mark> met",
		"… of the <mark>budget</mark> …":                               "… of the <mark>budget</mark> …",
		"…ності <mark>безпеки</mark> України…":                         "… <mark>безпеки</mark> …",
	} {
		if got := wholeWords(in); got != want {
			t.Errorf("wholeWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFeedbackAcrossLanguages checks that topic feedback reaches the other
// language: the topics of the best documents count also under the labels their
// translations carry.
func TestFeedbackAcrossLanguages(t *testing.T) {
	tab, ref := translatedTopics(t)
	best := []indexer.RankedDoc{{DocRef: ref("en1"), Score: 2}, {DocRef: ref("en2"), Score: 1}}
	again := tab.feedback(best, nil)
	gain := func(id string) float64 { return again(ref(id), 1) }
	// uk3 shares the best documents' topic under its Ukrainian label; uk4 shares
	// only en2's second topic; uk5 none.
	if !(gain("uk3") > gain("uk4") && gain("uk4") > gain("uk5")) {
		t.Errorf("gains uk3 %g, uk4 %g, uk5 %g: want them falling", gain("uk3"), gain("uk4"), gain("uk5"))
	}
	if gain("uk5") != 1 {
		t.Errorf("a document sharing no topic gains %g, want 1", gain("uk5"))
	}
	// Translations of the best documents score at least translationWeight of theirs.
	if got := again(ref("uk1"), 0.1); got < translationWeight*2 {
		t.Errorf("uk1, en1's translation, scores %g, want at least %g", got, translationWeight*2)
	}
	// A topic the query names gains as if the best document had it: uk5's police
	// reform, which no best document has.
	named := tab.feedback(best, tab.topicsNamed([]string{"реформа", "поліції"}))
	if got := named(ref("uk5"), 1); got <= 1 || got <= named(ref("uk4"), 1) {
		t.Errorf("with police reform named, uk5 gains %g (uk4 %g), want more than 1 and than uk4", got, named(ref("uk4"), 1))
	}
}

// TestTopicsNamed checks which topics a query names: a label all of whose words
// it has (in any form), and the labels of the same topic on translations.
func TestTopicsNamed(t *testing.T) {
	tab, ref := translatedTopics(t)
	named := func(words ...string) []string {
		var out []string
		for v := range tab.topicsNamed(words) {
			out = append(out, tab.values[facetTopic][v])
		}
		sort.Strings(out)
		return out
	}
	for _, tc := range []struct {
		words []string
		want  []string
	}{
		{[]string{"anti-corruption"}, []string{"anti-corruption", "антикорупція"}},
		{[]string{"Антикорупції"}, []string{"anti-corruption", "антикорупція"}}, // another form
		{[]string{"defence", "budgets", "audit"}, []string{"defence budget", "оборонний бюджет"}},
		{[]string{"budget", "of", "defence"}, []string{"defence budget", "оборонний бюджет"}}, // any order, a stop word between
		{[]string{"defence", "audit", "budgets"}, nil},                                        // another word between: not the label
		{[]string{"anti-corruption", "defence", "budget"}, []string{"anti-corruption", "defence budget", "антикорупція", "оборонний бюджет"}},
		{[]string{"corruption"}, nil},       // one word of a label is not the label
		{[]string{"police", "reform"}, nil}, // only a Ukrainian document has it, untranslated
		// A label's word with two stems is named by a form with one of them, and
		// counts as one word between others.
		{[]string{"запит", "громадян"}, []string{"запити громадян"}},
		{[]string{"громадян", "запитів"}, []string{"запити громадян"}},
		{[]string{"запити", "громадян", "бюджет", "оборонний"}, []string{"defence budget", "запити громадян", "оборонний бюджет"}},
	} {
		got := named(tc.words...)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v names %v, want %v", tc.words, got, tc.want)
		}
	}
	// A document tagged with a named topic weighs topicWeight more.
	q := rankQuery{topics: tab.topicsNamed([]string{"anti-corruption"})}
	if got := tab.prior(tab.at(ref("uk3")), q); got != topicWeight {
		t.Errorf("uk3's prior %g, want %g", got, topicWeight)
	}
	if got := tab.prior(tab.at(ref("uk5")), q); got != 1 {
		t.Errorf("uk5's prior %g, want 1", got)
	}
}

// translatedTopics is the facet table of a few documents whose topics are
// labelled in English and Ukrainian, some translations of each other, and how to
// name one of them by ID as a ranking does.
func translatedTopics(t *testing.T) (*facetValues, func(id string) indexer.DocRef) {
	t.Helper()
	ix, err := indexer.Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	doc := func(id, lang string, topics []string, tr ...string) *indexer.Document {
		d := &indexer.Document{ID: id, Title: id, Type: indexer.TypeReport, Lang: lang, Topics: topics,
			Pages: []indexer.Page{{Number: 1, Text: "text"}}}
		for _, o := range tr {
			d.Translations = append(d.Translations, indexer.Translation{Lang: "x", URL: "https://example.org/" + o, ID: o})
		}
		return d
	}
	docs := []*indexer.Document{
		doc("en1", "en", []string{"Anti-corruption"}, "uk1"),
		doc("uk1", "uk", []string{"Антикорупція"}, "en1"),
		doc("en2", "en", []string{"Anti-corruption", "Defence budget"}, "uk2"),
		doc("uk2", "uk", []string{"Антикорупція", "Оборонний бюджет"}, "en2"),
		doc("uk3", "uk", []string{"Антикорупція"}),     // no translation
		doc("uk4", "uk", []string{"Оборонний бюджет"}), // another topic
		doc("uk5", "uk", []string{"Реформа поліції"}),  // a topic no best document has
		doc("en6", "en", []string{"Defence budget"}, "uk6"),
		doc("uk6", "uk", []string{"Оборонний бюджет"}, "en6"),
		// "запити" is a form of запит and of запитати: one word with two stems.
		doc("uk7", "uk", []string{"Запити громадян"}),
	}
	if _, err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	tab, err := (&facetTable{ix: ix}).table(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tab, func(id string) indexer.DocRef { return indexer.DocRef{ID: id, Ord: ix.DocOrdinals([]string{id})[0]} }
}

// TestFacetDefinitions: every facet but the year is a filter with its own field of
// Filters, restricts its own facet and is a field of the query language.
func TestFacetDefinitions(t *testing.T) {
	var all Filters
	seen := map[*[]string]bool{}
	for i, fc := range Facets {
		if FacetNames[i] != fc.Name {
			t.Errorf("FacetNames[%d] = %q, want %q", i, FacetNames[i], fc.Name)
		}
		if fc.Chosen == nil {
			if i != facetYear || fc.field != "" {
				t.Errorf("%s: no filter values", fc.Name)
			}
			continue
		}
		if p := fc.Chosen(&all); seen[p] {
			t.Errorf("%s: shares a field of Filters", fc.Name)
		} else {
			seen[p] = true
		}
		var f Filters
		*fc.Chosen(&f) = []string{"en"}
		if !f.Any() {
			t.Errorf("%s: a value chosen, but Filters.Any is false", fc.Name)
		}
		rs, err := filterRestrictions(f)
		switch {
		case err != nil:
			t.Errorf("%s: %v", fc.Name, err)
		case i == facetLang && (len(rs.langs) != 1 || rs.langs[0] != "en"),
			i != facetLang && (len(rs.tags) != 1 || rs.tags[0].facet != i):
			t.Errorf("%s: restrictions %+v", fc.Name, rs)
		}
		if query.Fields[fc.Name] != fc.Name {
			t.Errorf("%s: not a field of the query language", fc.Name)
		}
	}
}

// FuzzCompile: every query that parses compiles.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{`"a b" -c (d OR e) title:x year:2015..2018 f~ g*`, "«ab»", "lang:ua type:handbook", `-"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := query.Parse(q)
		if err != nil {
			return
		}
		if _, err := compile(n); err != nil {
			t.Fatalf("compile(Parse(%q)): %v", q, err)
		}
	})
}

// TestDocFactsUnknown: a document the facet table does not have, found by an
// ordinal beyond the table's or one the table has no document for, has no prior,
// no language and no row, and passes no restriction.
func TestDocFactsUnknown(t *testing.T) {
	ix, err := indexer.Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ghost := indexer.DocRef{ID: "ghost", Ord: ix.DocOrdinals([]string{"ghost"})[0]} // an ordinal, no document
	d := &indexer.Document{ID: "d1", Title: "d1", Type: "newsletter", Lang: "uk", Topics: []string{"Антикорупція"},
		Pages: []indexer.Page{{Number: 1, Text: "text"}}}
	if _, err := ix.Put(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	tab, err := (&facetTable{ix: ix}).table(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	q := rankQuery{lang: "en", topics: tab.topicsNamed([]string{"антикорупція"})}
	known := indexer.DocRef{ID: "d1", Ord: ix.DocOrdinals([]string{"d1"})[0]}
	if got, want := tab.prior(tab.at(known), q), omnibusWeight*topicWeight*otherLangWeight; math.Abs(got-want) > 1e-12 {
		t.Errorf("d1's prior %g, want %g", got, want)
	}
	for _, ref := range []indexer.DocRef{ghost, {ID: "later", Ord: 1 << 20}} {
		f := tab.at(ref)
		if p := tab.prior(f, q); p != 1 {
			t.Errorf("%s: prior %g, want 1", ref.ID, p)
		}
		if l := tab.lang(f); l != "" || f.row != nil || tab.allows(f, restrictions{}) {
			t.Errorf("%s: language %q, row %v, allowed %v", ref.ID, l, f.row, tab.allows(f, restrictions{}))
		}
	}
}

// TestFlatDocs: what the ranking reads of each document from the table's flat
// copy (weigher, topicsAt, langAt, allowsAt) is what its row says, to the bit,
// whether the document has one language or several, topic values below 64 or
// beyond, and for documents the table does not have.
func TestFlatDocs(t *testing.T) {
	ix, err := indexer.Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	types := []string{indexer.TypeReport, "newsletter", indexer.TypeEvent, "annual-report"}
	langs := []string{"en", "uk", "ru", ""}
	var docs []*indexer.Document
	for i := range 80 {
		d := &indexer.Document{ID: fmt.Sprintf("d%02d", i), Title: "t", Type: types[i%len(types)], Lang: langs[i%len(langs)],
			Topics:     []string{fmt.Sprintf("topic %d", i), fmt.Sprintf("topic %d", i/2), fmt.Sprintf("topic %d", i%5)},
			Superseded: i%3 == 0, Year: 2000 + i%20, Pages: []indexer.Page{{Number: 1, Text: "text"}}}
		if i%7 == 0 {
			d.Removed = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		if i%9 == 0 {
			d.Year = 0 // none
		}
		docs = append(docs, d)
	}
	ghost := indexer.DocRef{ID: "ghost", Ord: ix.DocOrdinals([]string{"ghost"})[0]} // an ordinal among theirs, no document
	if _, err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	tab, err := (&facetTable{ix: ix}).table(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tab.values[facetTopic]); n < 70 {
		t.Fatalf("%d topic values, want more than 64", n)
	}
	// A document is written with one language; a row with two is made here.
	row := tab.rows["d06"]
	row[facetLang] = append(row[facetLang], tab.rows["d00"][facetLang]...)
	tab.flatten()
	all := map[int32]bool{}
	for v := range tab.values[facetTopic] {
		all[int32(v)] = true
	}
	queries := []rankQuery{{}, {lang: "en"}, {lang: "uk", topics: map[int32]bool{3: true}}, {lang: "xx", topics: map[int32]bool{70: true}}, {topics: all}, {lang: "uk", periodical: true}}
	refs := []indexer.DocRef{ghost, {ID: "later", Ord: 1 << 20}, {ID: "d05", Ord: -1}}
	for _, d := range docs {
		refs = append(refs, indexer.DocRef{ID: d.ID, Ord: ix.DocOrdinals([]string{d.ID})[0]})
	}
	slow, fast := 0, 0
	for _, q := range queries {
		w := tab.weigher(q)
		for _, ref := range refs {
			f := tab.at(ref)
			if got, want := w(ref), tab.prior(f, q); got != want {
				t.Errorf("%+v, %s: prior %v, want %v", q, ref.ID, got, want)
			}
		}
	}
	for _, rs := range []restrictions{{}, {year: true, yearFrom: 2005}, {year: true, yearTo: 2010}, {year: true, yearFrom: 2003, yearTo: 2003},
		{removed: RemovedHide}, {removed: RemovedOnly, year: true, yearFrom: 2010}, {tags: []tagCond{{facetType, []string{"newsletter"}}}, year: true, yearTo: 2012}} {
		allowed := 0
		for _, ref := range refs {
			got, want := tab.allowsAt(ref, rs), tab.allows(tab.at(ref), rs)
			if got != want {
				t.Errorf("%+v, %s: allowed %v, want %v", rs, ref.ID, got, want)
			}
			if got {
				allowed++
			}
		}
		if allowed == 0 || allowed == len(refs) {
			t.Errorf("%+v: %d of %d documents allowed", rs, allowed, len(refs))
		}
	}
	for _, ref := range refs {
		f := tab.at(ref)
		var topics []int32
		if f.row != nil {
			topics = f.row[facetTopic]
		}
		if got := tab.topicsAt(ref); !slices.Equal(got, topics) {
			t.Errorf("%s: topics %v, want %v", ref.ID, got, topics)
		}
		if got, want := tab.langAt(ref), tab.lang(f); got != want {
			t.Errorf("%s: language %q, want %q", ref.ID, got, want)
		}
		if ref.Ord >= 0 && int(ref.Ord) < len(tab.flat) {
			if tab.flat[ref.Ord].slow {
				slow++
			} else {
				fast++
			}
		}
	}
	if slow == 0 || fast == 0 {
		t.Errorf("%d documents read from their rows, %d from the flat copy: want some of each", slow, fast)
	}
	// Facets counted from the flat copy are those counted from the rows.
	ft := &facetTable{ix: ix, tab: tab, gen: ix.Generation()}
	got, err := ft.count(context.Background(), refs)
	if err != nil {
		t.Fatal(err)
	}
	flat := tab.flat
	tab.flat = nil
	want, err := ft.count(context.Background(), refs)
	tab.flat = flat
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(want["topic"]) < 10 || len(want["year"]) < 10 {
		t.Errorf("facets from the flat copy:\n%v\nfrom the rows:\n%v", got, want)
	}
}

// TestHighlightInParts: pages highlighted in parts on goroutines of their own are
// those highlighted in one request, snippets and scores included.
func TestHighlightInParts(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := New(ix)
	ctx := context.Background()
	search := func(parts int, q string) string {
		t.Helper()
		defer SetParts(parts)() // the sample's 9 documents split too
		res, err := s.Search(ctx, Request{Query: q, Size: 10, PagesPerDoc: 3})
		if err != nil {
			t.Fatal(err)
		}
		res.Took = 0
		out, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for _, q := range []string{"oversight", "parliamentary oversight of the budget", "\"security sector\"", "розвідка", "budget lang:en"} {
		one := search(1, q)
		if !strings.Contains(one, `\u003cmark\u003e`) { // JSON escapes "<mark>"
			t.Fatalf("%s: nothing marked: %s", q, one)
		}
		for _, parts := range []int{2, 3, 7} {
			if got := search(parts, q); got != one {
				t.Errorf("%s in %d parts:\n%s\nwant\n%s", q, parts, got, one)
			}
		}
	}
}

// TestBestPagesOf: the best pages of some documents, and their scores, are those
// a ranking of every document gives them, with and without restrictions.
func TestBestPagesOf(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := New(ix)
	ctx := context.Background()
	for _, c := range []struct {
		q string
		f Filters
	}{{"oversight", Filters{}}, {"parliamentary budget", Filters{}}, {"\"security sector\" police", Filters{Lang: []string{"en"}}}, {"контроль", Filters{}}} {
		node, err := query.Parse(c.q)
		if err != nil {
			t.Fatal(err)
		}
		_, q, rs, err := plan(node, nil, c.f)
		if err != nil {
			t.Fatal(err)
		}
		all, _, err := s.groups(ctx, q, rs, 0, 1<<20, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) < 2 {
			t.Fatalf("%s: %d documents", c.q, len(all))
		}
		type pages struct {
			nums   []int
			scores []float64
		}
		var ids []string
		want := map[string]pages{}
		for i, g := range all {
			if i%2 == 1 || i == 0 {
				ids = append(ids, g.ID)
				want[g.ID] = pages{g.Pages, g.PageScores}
			}
		}
		more, err := s.bestPagesOf(ctx, q, rs, append(ids, "no-such-document"), 3)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]pages{}
		for id, g := range more {
			got[id] = pages{g.Pages, g.PageScores}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", c.q, got, want)
		}
	}
}

// TestFacetTableInParts: the facet table read in many batches, several at a time
// on goroutines of their own, is the table read in one.
func TestFacetTableInParts(t *testing.T) {
	ix, _ := indextest.Sample(t)
	ctx := context.Background()
	one, err := (&facetTable{ix: ix}).table(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { facetBatch = n }(facetBatch)
	facetBatch = 2
	defer SetParts(3)()
	parts, err := (&facetTable{ix: ix}).table(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(one.rows) < 10 || !reflect.DeepEqual(parts, one) {
		t.Errorf("in parts:\n%+v\nin one:\n%+v", parts, one)
	}
}

// TestPrepare: Prepare reads the facet table before any search, the table a search
// then uses; on a closed index it says why it cannot.
func TestPrepare(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := New(ix)
	ctx := context.Background()
	if err := s.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	tab := s.facetTab.tab
	if tab == nil || len(tab.rows) == 0 {
		t.Fatalf("no facet table after Prepare: %+v", tab)
	}
	if _, err := s.Search(ctx, Request{Query: "oversight", Facets: true}); err != nil {
		t.Fatal(err)
	}
	if s.facetTab.tab != tab {
		t.Error("the first search read the facet table again")
	}
	closed := New(ix)
	ix.Close()
	if err := closed.Prepare(ctx); err == nil {
		t.Error("Prepare on a closed index: no error")
	}
}

// TestPrefixBound: a query whose prefixes stand for more words than maxPrefixTerms
// is refused, saying which prefix to lengthen, in search, export, a document's pages
// and a page; within the bound it is answered.
func TestPrefixBound(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := New(ix)
	ctx := context.Background()
	defer func(n int) { maxPrefixTerms = n }(maxPrefixTerms)
	count := func(prefix string) int {
		n := 0
		for _, f := range textFields {
			c, err := ix.PrefixTerms(ctx, f.name, prefix, 1000)
			if err != nil {
				t.Fatal(err)
			}
			n += c
		}
		return n
	}
	co, sec := count("co"), count("secur")
	if co < 10 || sec < 1 || sec >= co {
		t.Fatalf("the sample's words: co* %d, secur* %d", co, sec)
	}
	maxPrefixTerms = co - 1
	refused := func(what string, err error) {
		t.Helper()
		var re *RequestError
		if !errors.As(err, &re) || re.Key != "prefix-many" || !strings.Contains(err.Error(), `"co*"`) {
			t.Errorf("%s: %v; want co* refused", what, err)
		}
	}
	_, err := s.Search(ctx, Request{Query: "security co*", Page: 1, Size: 10})
	refused("search", err)
	_, err = s.Export(ctx, Request{Query: "co*"}, func(ExportHit) error { return nil })
	refused("export", err)
	res, err := s.Search(ctx, Request{Query: "secur*", Page: 1, Size: 10})
	if err != nil || res.Total == 0 {
		t.Fatalf("secur*: %v, %v", res, err)
	}
	id := res.Hits[0].Doc.ID
	_, err = s.InDocument(ctx, id, "co*")
	refused("in a document", err)
	_, err = s.Page(ctx, id, 1, "co*")
	refused("a page", err)
	// Two prefixes count together.
	maxPrefixTerms = co + sec - 1
	if _, err := s.Search(ctx, Request{Query: "co*", Page: 1, Size: 10}); err != nil {
		t.Errorf("co* within the bound: %v", err)
	}
	_, err = s.Search(ctx, Request{Query: "secur* co*", Page: 1, Size: 10})
	refused("two prefixes", err)
}

// TestOmnibusPrior: an annual report or a newsletter weighs omnibusWeight, unless
// the query asks for a report or a periodical (asksPeriodical); other types never.
func TestOmnibusPrior(t *testing.T) {
	for _, tc := range []struct {
		words []string
		want  bool
	}{
		{[]string{"звіт", "муніципальної", "варти"}, true},
		{[]string{"щорічний", "звіт", "місії", "2022"}, true},
		{[]string{"annual", "report", "2023"}, true},
		{[]string{"security", "sector", "newsletter"}, true},
		{[]string{"бюлетень"}, true},
		{[]string{"civic", "oversight", "of", "defence", "procurement"}, false},
		{[]string{"police", "handbook"}, false}, // a type, but no report
		{nil, false},
	} {
		if got := asksPeriodical(tc.words); got != tc.want {
			t.Errorf("asksPeriodical(%q) = %v, want %v", tc.words, got, tc.want)
		}
	}
	ix, err := indexer.Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	var docs []*indexer.Document
	for _, typ := range []string{indexer.TypeAnnualReport, indexer.TypeNewsletter, indexer.TypeReport, indexer.TypeHandbook} {
		docs = append(docs, &indexer.Document{ID: typ, Title: "t", Type: typ, Lang: "en", Pages: []indexer.Page{{Number: 1, Text: "text"}}})
	}
	if _, err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	tab, err := (&facetTable{ix: ix}).table(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		ref := indexer.DocRef{ID: d.ID, Ord: ix.DocOrdinals([]string{d.ID})[0]}
		want := 1.0
		if indexer.Periodical(d.Type) {
			want = omnibusWeight
		}
		for _, q := range []rankQuery{{lang: "en"}, {lang: "en", periodical: true}} {
			if q.periodical {
				want = 1
			}
			if got := tab.weigher(q)(ref); got != want {
				t.Errorf("%s, periodical asked %v: prior %g, want %g", d.ID, q.periodical, got, want)
			}
		}
	}
}
