package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/quote"
)

// feedbackIndex is an index of feedbackDocs.
func feedbackIndex(t *testing.T) *indexer.Index {
	t.Helper()
	return indextest.Docs(t, feedbackDocs()...)
}

// feedbackDocs are documents on two subjects that share the word "reform":
// policing (some name the police, most do not) and budgets; plus documents with
// policing's words but not the query's, and many on other subjects. Many of their
// pages are alike, and score alike.
func feedbackDocs() []*indexer.Document {
	policing := "patrol constables walk the precinct and neighbourhood patrols build local confidence in constables"
	budgets := "appropriation hearings audit expenditure and the treasury publishes fiscal tables each quarter"
	var docs []*indexer.Document
	add := func(id, title string, texts ...string) {
		d := &indexer.Document{ID: id, Title: title, Type: indexer.TypeReport, Lang: "en"}
		for i, text := range texts {
			d.Pages = append(d.Pages, indexer.Page{Number: i + 1, Text: text})
		}
		docs = append(docs, d)
	}
	for i := range 12 {
		first := "reform of " + policing
		if i < 3 {
			first = "police reform: " + policing // the top: they name the police
		}
		add(fmt.Sprintf("pol%02d", i), fmt.Sprintf("Report %d", i), first, policing+" "+policing)
	}
	docs[0].Pages[0].Text += " written by Quetzalcoatl" // a name on one document only
	for i := range 12 {
		add(fmt.Sprintf("bud%02d", i), fmt.Sprintf("Paper %d", i), "reform of "+budgets, budgets+" "+budgets)
	}
	for i := range 4 {
		add(fmt.Sprintf("only%02d", i), fmt.Sprintf("Notes %d", i), policing, policing)
	}
	// The rest of the collection, on other subjects, for words to be rare in.
	for i := range 40 {
		add(fmt.Sprintf("sea%02d", i), fmt.Sprintf("Study %d", i), "harbour pilots guide cargo vessels", "maritime law of the sea")
	}
	return docs
}

// indexedAt is when a document was indexed, in its JSON: not an answer's.
var indexedAt = regexp.MustCompile(`"indexed_at":"[^"]*"`)

// TestAnswersWhateverRecordOrder: the same documents written in another order
// (in one batch, and one by one in reverse, then merged) give the same answers, byte for byte: hits, pages, snippets, scores and
// their explanations, feedback words, facets, a deep page, a search inside a
// document, related documents and a quote's places. Bleve numbers the records in
// the order it writes them, and the documents' many pages of equal score tie.
func TestAnswersWhateverRecordOrder(t *testing.T) {
	ctx := context.Background()
	docs := feedbackDocs()
	first := indextest.Docs(t, docs...)
	second, err := indexer.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Close() })
	for i := len(docs) - 1; i >= 0; i-- {
		if _, err := second.Put(ctx, docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := second.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	answers := func(ix *indexer.Index) []string {
		s := search.New(ix)
		var out []string
		add := func(what string, v any, err error) {
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if r, ok := v.(*search.Result); ok {
				r.Took = 0
			}
			js, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, what+": "+indexedAt.ReplaceAllString(string(js), ""))
		}
		for _, q := range []string{"reform", "police reform", "patrol constables", `"fiscal tables"`, "constabls~", "reform -budgets", "pa*"} {
			for _, page := range []int{1, 3} {
				r, err := s.Search(ctx, search.Request{Query: q, Page: page, Size: 5, PagesPerDoc: 2, Facets: true, Explain: true})
				add(fmt.Sprintf("%s, page %d", q, page), r, err)
			}
			r, err := s.InDocument(ctx, "pol05", q)
			add(q+" in pol05", r, err)
		}
		r, err := s.Related(ctx, "pol01", 10)
		add("related", r, err)
		v, err := quote.Verify(ctx, s, "walk the precinct and neighbourhood patrols")
		add("quote", v, err)
		return out
	}
	a, b := answers(first), answers(second)
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("written in one batch:\n%s\nin reverse:\n%s", a[i], b[i])
		}
	}
}

// TestFeedbackInParts: feedback's words analysed in parts on
// goroutines of their own give what one part gives: the same feedback words and
// weights, and the same results; so does a searcher that analysed the words
// before, for another search, and kept their terms.
func TestFeedbackInParts(t *testing.T) {
	ix := feedbackIndex(t)
	s := search.New(ix)
	search := func(parts int) string {
		t.Helper()
		defer search.SetParts(parts)()
		res, err := s.Search(context.Background(), search.Request{Query: "police reform", Size: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Feedback) == 0 {
			t.Fatal("no feedback words")
		}
		res.Took = 0
		out, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	one := search(1) // the words analysed; the searches below find their terms kept
	for _, parts := range []int{2, 3, 7} {
		if got := search(parts); got != one {
			t.Errorf("in %d parts:\n%s\nwant\n%s", parts, got, one)
		}
	}
}

// TestFeedbackConcurrent: searches running at once on one searcher, which keeps
// the terms of the words they analyse for all of them, each find what one alone
// finds.
func TestFeedbackConcurrent(t *testing.T) {
	ix := feedbackIndex(t)
	run := func(s *search.Searcher, q string) string {
		res, err := s.Search(context.Background(), search.Request{Query: q, Size: 20})
		if err != nil {
			return err.Error()
		}
		res.Took = 0
		out, _ := json.Marshal(res)
		return string(out)
	}
	queries := []string{"police reform", "reform", "budget reform", "patrol constables"}
	want := map[string]string{}
	for _, q := range queries {
		want[q] = run(search.New(ix), q) // each on a searcher of its own
	}
	s := search.New(ix)
	got := make([]string, 4*len(queries))
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = run(s, queries[i%len(queries)])
		}()
	}
	wg.Wait()
	for i, g := range got {
		if q := queries[i%len(queries)]; g != want[q] {
			t.Errorf("%s, run with others:\n%s\nwant\n%s", q, g, want[q])
		}
	}
}

func TestTermFeedback(t *testing.T) {
	ix := feedbackIndex(t)
	s := search.New(ix)
	ctx := context.Background()
	res, err := s.Search(ctx, search.Request{Query: "police reform", Size: 100, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	var terms []string
	for _, f := range res.Feedback {
		terms = append(terms, f.Term)
		if f.Lang != "en" || f.Weight <= 0 {
			t.Errorf("feedback term %+v", f)
		}
	}
	// Policing's words, shared by the best documents; not the query's own, nor a
	// name on one document's page.
	for _, want := range []string{"patrol", "constabl", "precinct"} {
		if !slices.Contains(terms, want) {
			t.Errorf("feedback terms %v, want %q among them", terms, want)
		}
	}
	for _, not := range []string{"polic", "reform", "quetzalcoatl"} {
		if slices.Contains(terms, not) {
			t.Errorf("feedback terms %v hold %q", terms, not)
		}
	}
	// Feedback adds no match: the documents without the query's words stay out.
	if res.Total != 24 {
		t.Errorf("%d documents, want the 24 with police or reform", res.Total)
	}
	// The documents on policing that do not name the police rank above the
	// budget documents, which match "reform" as much.
	rank := map[string]int{}
	for i, h := range res.Hits {
		rank[h.Doc.ID] = i
		if strings.HasPrefix(h.Doc.ID, "only") {
			t.Errorf("%s listed: it has none of the query's words", h.Doc.ID)
		}
		for _, p := range h.Pages {
			if !strings.Contains(p.Snippet, "<mark>") {
				t.Errorf("%s page %d listed without a match", h.Doc.ID, p.Page)
			}
		}
		e := h.Explain
		w := e.Feedback * e.Balance
		for _, p := range e.Priors {
			w *= p.Weight
		}
		if got := (e.BestPageScore + e.Evidence) * w; !near(got, h.Score) {
			t.Errorf("%s: parts make %g, score is %g (%+v)", h.Doc.ID, got, h.Score, *e)
		}
	}
	for i := 3; i < 12; i++ {
		if p, b := rank[fmt.Sprintf("pol%02d", i)], rank["bud00"]; p > b {
			t.Errorf("pol%02d ranks %d, below the first budget document (%d)", i, p, b)
		}
	}
	// A query matching fewer documents than feedback needs is ranked by its words.
	few, err := s.Search(ctx, search.Request{Query: "police", Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if few.Total != 3 || len(few.Feedback) != 0 {
		t.Errorf("police: %d documents, feedback %v; want 3 and none", few.Total, few.Feedback)
	}
	// Sorted by date, the order is not the ranking's: no feedback either.
	byDate, err := s.Search(ctx, search.Request{Query: "police reform", Sort: search.SortNewest})
	if err != nil {
		t.Fatal(err)
	}
	if byDate.Total != 24 || len(byDate.Feedback) != 0 {
		t.Errorf("newest first: %d documents, feedback %v; want 24 and none", byDate.Total, byDate.Feedback)
	}
}

// TestFeedbackAmbiguousForms: a Ukrainian form of two dictionary words ("війни":
// війна, and the verb війнути) gives feedback the word its other forms make too,
// not the other one, which no form makes alone.
func TestFeedbackAmbiguousForms(t *testing.T) {
	var docs []*indexer.Document
	add := func(id, text string) {
		docs = append(docs, &indexer.Document{ID: id, Title: "Звіт", Type: indexer.TypeReport, Lang: "uk",
			Pages: []indexer.Page{{Number: 1, Text: text}}})
	}
	for i := range 24 { // feedback needs feedbackMinDocs
		add(fmt.Sprintf("war%02d", i), "охорона кордонів під час війни: прикордонники і війни на сході, війна триває, наслідки війни")
	}
	for i := range 150 { // for the war's words to be rare in
		add(fmt.Sprintf("sea%03d", i), "морські порти і судноплавство")
	}
	s := search.New(indextest.Docs(t, docs...))
	res, err := s.Search(context.Background(), search.Request{Query: "охорона кордонів", Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	var terms []string
	for _, f := range res.Feedback {
		terms = append(terms, f.Term)
	}
	if !slices.Contains(terms, "війна") || slices.Contains(terms, "війнути") {
		t.Errorf("feedback terms %v, want війна and not війнути", terms)
	}
}
