package indexer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// TestRankDocuments compares RankDocuments with grouping Bleve's own ranked page
// hits, over an index of many segments, after deletes, rewrites and a merge into one
// segment; with pages of equal scores, so that ties are ordered by page number
// whatever the record order.
func TestRankDocuments(t *testing.T) {
	ix := tempIndex(t)
	ctx := context.Background()
	doc := func(i int, extra string) *Document {
		d := &Document{ID: fmt.Sprintf("d%02d", i), Title: fmt.Sprintf("Document %d", i), Type: TypeReport, Lang: "en"}
		if i%4 == 0 {
			d.Type = TypeHandbook
		}
		for p := 1; p <= 1+i%5; p++ {
			words := []string{"gamma", extra}
			if i%2 == 0 {
				words = append(words, "alpha")
			}
			if p == 2 && i%3 == 0 {
				words = append(words, "beta", "beta")
			}
			if p%2 == 1 {
				words = append(words, "alpha", "filler", "words", "here")
			}
			pg := Page{Number: p, Text: strings.Join(words, " ")}
			if i%3 == 1 && p%2 == 0 {
				pg.Lang = "uk" // a page in another language than its document's
			}
			d.Pages = append(d.Pages, pg)
		}
		return d
	}
	for i := range 30 {
		if _, err := ix.Put(ctx, doc(i, "")); err != nil { // one segment each
			t.Fatal(err)
		}
	}
	body := func(w string) Query { return Match(FieldBody, w, 0) }
	tag := Term(FieldType, TypeHandbook) // matches document records too: they are left out
	queries := map[string]Query{
		"alpha": body("alpha"), "beta": body("beta"), "gamma": body("gamma"), "delta": body("delta"),
		"nothing": body("nowhere"), "type": tag,
		"alpha or beta":         Or(body("alpha"), body("beta")),
		"alpha or beta, + beta": Bool([]Query{Or(body("alpha"), body("beta"))}, []Query{body("beta")}, nil, 0),
		"alpha and beta":        And(body("alpha"), body("beta")),
		"phrase":                Phrase(FieldBody, "filler words"),
		"every record":          MatchAll(), // read without term readers
		// The stemmed text of each language, on its pages only.
		"stems": Or(Match(FieldStemEN, "alpha", 0), Match(FieldStemUK, "alpha", 0), Match(FieldStemRU, "alpha", 0), body("beta")),
	}
	check := func(stage string) {
		t.Helper()
		checkParts(t, stage, func(stage string) {
			checkRanking(t, ix, stage, queries)
			checkRefine(t, ix, stage, queries)
		})
	}
	check("30 segments")
	if got, _ := ix.RankDocuments(ctx, body("beta"), RankOptions{K: 1}); len(got.Docs) != 8 {
		t.Errorf("beta in %d documents, want 8 (every third, with a second page)", len(got.Docs))
	}
	// Deletes and rewrites: new segments, records of old ones deleted.
	if err := ix.Delete("d00", "d01", "d02"); err != nil {
		t.Fatal(err)
	}
	for i := 10; i < 20; i++ {
		if _, err := ix.Put(ctx, doc(i, "delta")); err != nil {
			t.Fatal(err)
		}
	}
	check("after deletes and rewrites")
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	check("compacted")
	if n := len(ix.docs.bySeg); n > 2*segmentCount(t, ix) {
		t.Errorf("%d segment tables kept for %d segments", n, segmentCount(t, ix))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ix.RankDocuments(cancelled, body("gamma"), RankOptions{K: 1, To: 10}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
	for _, k := range []int{0, MaxPagesPerDoc + 1} {
		if _, err := ix.RankDocuments(ctx, body("gamma"), RankOptions{K: k, To: 10}); err == nil {
			t.Errorf("%d pages per document: no error", k)
		}
	}
}

// checkRanking compares RankDocuments with bleveRanking for each query, with
// restrictions by language and by document, and windows of the ranking.
func checkRanking(t *testing.T, ix *Index, stage string, queries map[string]Query) {
	t.Helper()
	ctx := context.Background()
	// The documents asked about are named by their ordinals too.
	oddOrd := func(d DocRef) bool {
		if ord := ix.DocOrdinals([]string{d.ID})[0]; ord != d.Ord {
			t.Errorf("%s asked about as ordinal %d, not %d", d.ID, d.Ord, ord)
		}
		return odd(d)
	}
	for name, q := range queries {
		for _, o := range []RankOptions{{K: 1, To: 1 << 20}, {K: 3, To: 10}, {K: 2, From: 5, To: 7},
			{K: 3, To: 10, Langs: []string{"uk"}}, {K: 3, To: 10, Langs: []string{"en", "ru"}}, {K: 1, To: 10, Langs: []string{}},
			{K: 2, To: 10, Allow: oddOrd}, {K: 2, To: 10, Allow: oddOrd, Langs: []string{"uk"}}} {
			got, err := ix.RankDocuments(ctx, q, o)
			if err != nil {
				t.Fatalf("%s %s: %v", stage, name, err)
			}
			want := bleveRanking(t, ix, q, o)
			got.Docs = settled(got.Docs, o.To) // in order to the window's end
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s %+v:\n got %+v\nwant %+v", stage, name, o, got, want)
			}
		}
	}
}

// checkRefine compares RankDocuments with a Refine query against ranking again,
// with the query as a Bool clause, the documents refined: the same documents,
// scores and pages, followed by the others as they were.
func checkRefine(t *testing.T, ix *Index, stage string, queries map[string]Query) {
	t.Helper()
	ctx := context.Background()
	byDigit := func(d DocRef) float64 { return 1 + float64(d.ID[len(d.ID)-1]-'0')/10 }
	group := func(d DocRef) (string, float64) {
		if odd(d) {
			return "odd", 0.8
		}
		return "even", 1
	}
	// Feedback on documents: the best two gain a tenth.
	favour := func(top []RankedDoc) func(DocRef, float64) float64 {
		return func(doc DocRef, score float64) float64 {
			for _, d := range top[:min(2, len(top))] {
				if d.DocRef == doc {
					return score * 1.1
				}
			}
			return score
		}
	}
	extras := map[string]Query{"beta": Match(FieldBody, "beta", 0), "filler or delta": Or(Match(FieldBody, "filler", 0), Match(FieldBody, "delta", 0)), "nowhere": Match(FieldBody, "nowhere", 0)}
	for name, q := range queries {
		for xname, extra := range extras {
			for _, o := range []RankOptions{{K: 2, To: 10, Evidence: 0.5, RefineDocs: 100}, {K: 1, From: 2, To: 5, Evidence: 0.5, Weight: byDigit, Langs: []string{"en"}, RefineDocs: 4, RefinePages: 3},
				{K: 3, To: 10, Balance: group, BalancePower: 0.5, Feedback: favour, RefineDocs: 6}, {K: 2, To: 8, Allow: odd, Evidence: 0.5, RefineDocs: 1},
				{K: 2, From: 3, To: 4, RefineDocs: 2, RefinePages: 6}} {
				first, err := ix.RankDocuments(ctx, q, o)
				if err != nil {
					t.Fatal(err)
				}
				first.Docs = settled(first.Docs, o.To)
				// Refine is shown the first RefinePages documents' pages too.
				wide := o
				wide.From, wide.To = 0, max(o.To, o.RefinePages)
				whole, err := ix.RankDocuments(ctx, q, wide)
				if err != nil {
					t.Fatal(err)
				}
				whole.Docs = settled(whole.Docs, wide.To)
				toShow := &Ranking{Docs: slices.Clone(first.Docs), Pages: first.Pages}
				for i := range min(o.RefinePages, len(toShow.Docs)) {
					toShow.Docs[i].Pages, toShow.Docs[i].PageScores = whole.Docs[i].Pages, whole.Docs[i].PageScores
				}
				var shown *Ranking
				ro := o
				ro.Refine = func(r *Ranking) (Query, error) { // a copy: r is reused
					shown = &Ranking{Docs: slices.Clone(r.Docs), Pages: r.Pages}
					return extra, nil
				}
				got, err := ix.RankDocuments(ctx, q, ro)
				if err != nil {
					t.Fatalf("%s %s + %s: %v", stage, name, xname, err)
				}
				// in order to the window's end, the pages shown and the documents refined
				if shown != nil {
					shown.Docs = settled(shown.Docs, max(o.To, o.RefinePages, o.RefineDocs))
				}
				if len(first.Docs) > 0 && !reflect.DeepEqual(shown, toShow) {
					t.Errorf("%s %s + %s: Refine was shown\n%+v\nwant\n%+v", stage, name, xname, shown, toShow)
				}
				n := min(o.RefineDocs, len(first.Docs))
				in := map[string]bool{}
				for _, d := range first.Docs[:n] {
					in[d.ID] = true
				}
				wo := o
				wo.Allow = func(d DocRef) bool { return in[d.ID] }
				want, err := ix.RankDocuments(ctx, Bool([]Query{q}, []Query{extra}, nil, 0), wo)
				if err != nil {
					t.Fatal(err)
				}
				want.Docs = append(settled(want.Docs, o.To), first.Docs[n:]...)
				want.Pages = first.Pages
				// The documents refined come first, in order; then the others,
				// in order to the window's end.
				got.Docs = append(got.Docs[:n:n], settled(got.Docs[n:], max(0, o.To-n))...)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s + %s %+v:\n got %+v\nwant %+v", stage, name, xname, o, got, want)
				}
			}
		}
	}
	none, err := ix.RankDocuments(ctx, queries["alpha"], RankOptions{K: 1, To: 10, RefineDocs: 5, Refine: func(*Ranking) (Query, error) { return nil, nil }})
	if err != nil {
		t.Fatal(err)
	}
	none.Docs = settled(none.Docs, 10)
	if plain, _ := ix.RankDocuments(ctx, queries["alpha"], RankOptions{K: 1, To: 10}); !reflect.DeepEqual(none, &Ranking{Docs: settled(plain.Docs, 10), Pages: plain.Pages}) {
		t.Errorf("%s: Refine without a query changed the ranking", stage)
	}
	failed := errors.New("no refining today")
	if _, err := ix.RankDocuments(ctx, queries["alpha"], RankOptions{K: 1, To: 10, RefineDocs: 5, Refine: func(*Ranking) (Query, error) { return nil, failed }}); !errors.Is(err, failed) {
		t.Errorf("%s: Refine's error: %v", stage, err)
	}
}

// settled is docs with those from index from on (those RankDocuments leaves in no
// set order) put in the ranking's order, best score first, then by ID.
func settled(docs []RankedDoc, from int) []RankedDoc {
	out := slices.Clone(docs)
	slices.SortStableFunc(out[min(from, len(out)):], func(a, b RankedDoc) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// odd allows the documents whose IDs end in an odd digit.
func odd(d DocRef) bool { return d.ID[len(d.ID)-1]%2 == 1 }

// checkParts runs check with RankDocuments' pass in one part, and split into 2,
// 3 and 7 parts on goroutines of their own: at documents' bounds, and anywhere
// (a document's pages read by two parts); and with the documents ranked first
// picked rather than all sorted (orderFirst), as on a large index.
func checkParts(t *testing.T, stage string, check func(stage string)) {
	t.Helper()
	defer func(parts func(uint64) int, s func([]segTable, uint64, int, recordSet) []uint64, share int) {
		rankParts, split, pickShare = parts, s, share
	}(rankParts, split, pickShare)
	pickShare = 1
	check(stage + ", the first picked")
	pickShare = 1 << 30
	anywhere := func(_ []segTable, records uint64, n int, _ recordSet) []uint64 {
		var bounds []uint64
		for i := range n {
			bounds = append(bounds, records*uint64(i)/uint64(n))
		}
		return append(bounds, records)
	}
	for _, n := range []int{1, 2, 3, 7} {
		rankParts = func(uint64) int { return n }
		split = splitRecords
		check(fmt.Sprintf("%s, %d parts", stage, n))
		if n > 1 {
			split = anywhere
			check(fmt.Sprintf("%s, %d parts cutting documents", stage, n))
		}
	}
}

// bleveRanking is the reference for RankDocuments: every page hit from Bleve, best
// first, grouped by document; the languages kept are those Bleve finds with a term
// query on the page language.
func bleveRanking(t *testing.T, ix *Index, q Query, o RankOptions) *Ranking {
	t.Helper()
	k, from, to := o.K, o.From, o.To
	r, err := ix.b.Search(bleve.NewSearchRequestOptions(root(q), 100000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	// A document's pages of equal scores by page number (Bleve orders them by
	// record number).
	pageOf := func(id string) int { _, n, _ := SplitPageID(id); return n }
	sort.SliceStable(r.Hits, func(i, j int) bool {
		a, b := r.Hits[i], r.Hits[j]
		return a.Score > b.Score || a.Score == b.Score && pageOf(a.ID) < pageOf(b.ID)
	})
	inLang := map[string]bool{}
	for _, l := range o.Langs {
		lr, err := ix.b.Search(bleve.NewSearchRequestOptions(root(And(q, Term(FieldLang, l))), 100000, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range lr.Hits {
			inLang[h.ID] = true
		}
	}
	out := &Ranking{Docs: []RankedDoc{}}
	at := map[string]int{}
	for _, h := range r.Hits {
		doc, page, ok := SplitPageID(h.ID)
		if !ok || o.Langs != nil && !inLang[h.ID] {
			continue // a document record, or ruled out
		}
		ref := DocRef{doc, ix.DocOrdinals([]string{doc})[0]}
		if o.Allow != nil && !o.Allow(ref) {
			continue
		}
		out.Pages++
		i, ok := at[doc]
		if !ok {
			i = len(out.Docs)
			at[doc] = i
			out.Docs = append(out.Docs, RankedDoc{DocRef: ref, Score: h.Score, Best: h.Score, Prior: 1, Balance: 1})
		}
		if len(out.Docs[i].Pages) < k {
			out.Docs[i].Pages = append(out.Docs[i].Pages, page)
			out.Docs[i].PageScores = append(out.Docs[i].PageScores, h.Score)
		}
	}
	// Documents of equal best scores by ID.
	sort.SliceStable(out.Docs, func(i, j int) bool {
		a, b := out.Docs[i], out.Docs[j]
		return a.Score > b.Score || a.Score == b.Score && a.ID < b.ID
	})
	for i := range out.Docs {
		if i < from || i >= to {
			out.Docs[i].Pages, out.Docs[i].PageScores = nil, nil
		}
	}
	return out
}

func segmentCount(t *testing.T, ix *Index) int {
	t.Helper()
	snap, done := snapshotOf(t, ix.b)
	defer done()
	return len(snap.Segments())
}

// tempIndex is a new index in the test's temporary folder, closed when the test ends.
// readFrom lists what s (a searcher on r) matches, read from the start (from 0)
// or advanced to record from first, as "number:score", with each match's
// explanation and term locations when explain says; it closes s.
func readFrom(t *testing.T, r index.IndexReader, s search.Searcher, from uint64, explain bool) []string {
	t.Helper()
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
	var out []string
	var dm *search.DocumentMatch
	var err error
	if from == 0 {
		dm, err = s.Next(sctx)
	} else {
		dm, err = s.Advance(sctx, index.NewIndexInternalID(nil, from))
	}
	for ; err == nil && dm != nil; dm, err = s.Next(sctx) {
		m := fmt.Sprintf("%d:%v", dm.IndexInternalID.Value(), dm.Score)
		if explain {
			m += fmt.Sprintf(" %s %v", dm.Expl, dm.FieldTermLocations)
		}
		out = append(out, m)
		sctx.DocumentMatchPool.Put(dm)
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tempIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// snapshotOf opens a reader of b's current snapshot, and returns it with what
// closes it.
func snapshotOf(t *testing.T, b bleve.Index) (*scorch.IndexSnapshot, func()) {
	t.Helper()
	adv, err := b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		t.Fatalf("index reader %T is not scorch's", r)
	}
	return snap, func() { r.Close() }
}

// BenchmarkRankDocuments measures page-to-document ranking (one pass over the
// matching pages) on an index of 6,000 pages in 200 documents, for a common word
// (on every page), a rarer one (a page in ten), a phrase, and a common word
// restricted to a language and to half the documents.
func BenchmarkRankDocuments(b *testing.B) {
	ix, err := Open(filepath.Join(b.TempDir(), "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	words := strings.Fields("parliament budget oversight committee hearing procurement defence police intelligence ombudsman reform audit")
	var docs []*Document
	for i := range 200 {
		d := &Document{ID: fmt.Sprintf("d%03d", i), Title: "Report " + words[i%len(words)], Type: TypeReport, Lang: "en"}
		for p := 1; p <= 30; p++ {
			var text []string
			for w := range 300 {
				text = append(text, words[(i*7+p*3+w*w)%len(words)])
			}
			if p%10 == 0 {
				text = append(text, "whistleblower protection")
			}
			d.Pages = append(d.Pages, Page{Number: p, Text: strings.Join(text, " ")})
		}
		docs = append(docs, d)
	}
	if _, err := ix.Put(ctx, docs...); err != nil {
		b.Fatal(err)
	}
	if err := ix.Compact(ctx); err != nil {
		b.Fatal(err)
	}
	body := func(w string) Query { return Match(FieldBody, w, 0) }
	phrase := Phrase(FieldBody, "whistleblower protection")
	even := func(d DocRef) bool { return d.ID[len(d.ID)-1]%2 == 0 }
	for _, c := range []struct {
		name string
		q    Query
		o    RankOptions
	}{
		{"common", body("budget"), RankOptions{K: 3, To: 10}},
		{"rare", body("whistleblower"), RankOptions{K: 3, To: 10}},
		{"phrase", phrase, RankOptions{K: 3, To: 10}},
		{"restricted", body("budget"), RankOptions{K: 3, To: 10, Langs: []string{"en"}, Allow: even}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				r, err := ix.RankDocuments(ctx, c.q, c.o)
				if err != nil || len(r.Docs) == 0 {
					b.Fatal(err, "no documents")
				}
			}
		})
	}
}

// TestChangedSince: the change log names the documents of every write since a
// generation, and says when it no longer reaches back that far.
func TestChangedSince(t *testing.T) {
	defer func(n int) { maxLoggedIDs = n }(maxLoggedIDs)
	maxLoggedIDs = 5
	ix := tempIndex(t)
	ctx := context.Background()
	doc := func(id, text string) *Document {
		return &Document{ID: id, Title: id, Type: TypeReport, Pages: []Page{{Number: 1, Text: text}}}
	}
	start := ix.Generation()
	if _, err := ix.Put(ctx, doc("a", "one"), doc("b", "two")); err != nil {
		t.Fatal(err)
	}
	ids, now, ok := ix.ChangedSince(start)
	slices.Sort(ids)
	if !ok || !slices.Equal(ids, []string{"a", "b"}) || now != ix.Generation() {
		t.Errorf("after writing a and b: %v, %d, %v (generation %d)", ids, now, ok, ix.Generation())
	}
	if _, err := ix.Put(ctx, doc("a", "one")); err != nil { // unchanged: not written
		t.Fatal(err)
	}
	if ids, _, ok := ix.ChangedSince(now); !ok || len(ids) != 0 {
		t.Errorf("after an unchanged put: %v, %v", ids, ok)
	}
	if err := ix.Delete("a", "nonexistent"); err != nil {
		t.Fatal(err)
	}
	if ids, _, ok := ix.ChangedSince(now); !ok || !slices.Equal(ids, []string{"a"}) {
		t.Errorf("after deleting a: %v, %v", ids, ok)
	}
	if _, _, ok := ix.ChangedSince(ix.Generation() + 1); ok {
		t.Error("a generation from the future: ok")
	}
	for i := range 6 { // more documents than the log keeps
		if _, err := ix.Put(ctx, doc(fmt.Sprint("c", i), "three")); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, ok := ix.ChangedSince(start); ok {
		t.Error("the log reaches back past its bound")
	}
	if ids, _, ok := ix.ChangedSince(ix.Generation() - 1); !ok || !slices.Equal(ids, []string{"c5"}) {
		t.Errorf("the last write: %v, %v", ids, ok)
	}
}

// TestRankBalance checks RankOptions.Balance: each group's documents are scored
// against their group's best, to the power asked, times the group's weight.
func TestRankBalance(t *testing.T) {
	ix := tempIndex(t)
	ctx := context.Background()
	var docs []*Document
	for i := range 8 {
		// Even documents say "alpha" more often than odd ones: without balance,
		// the even group ranks first.
		text := "alpha filler words and more words here"
		if i%2 == 0 {
			text = "alpha alpha alpha alpha"
		}
		docs = append(docs, &Document{ID: fmt.Sprintf("d%d", i), Title: "T", Type: TypeReport, Lang: "en", Pages: []Page{{Number: 1, Text: text}}})
	}
	if _, err := ix.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	q := Match(FieldBody, "alpha", 0)
	group := func(d DocRef) (string, float64) {
		if (d.ID[1]-'0')%2 == 0 {
			return "even", 1
		}
		return "odd", 0.8
	}
	plain, err := ix.RankDocuments(ctx, q, RankOptions{K: 1, To: 8})
	if err != nil {
		t.Fatal(err)
	}
	scoreOf := map[string]float64{}
	best := map[string]float64{}
	for _, d := range plain.Docs {
		scoreOf[d.ID] = d.Score
		g, _ := group(d.DocRef)
		best[g] = max(best[g], d.Score)
		if d.Balance != 1 {
			t.Errorf("%s: balance %g without Balance", d.ID, d.Balance)
		}
	}
	if g, _ := group(plain.Docs[4].DocRef); g != "odd" {
		t.Fatalf("without balance, the fifth document is %s: the test needs the odd group second", plain.Docs[4].ID)
	}
	top := max(best["even"], best["odd"])
	for _, power := range []float64{0, 0.5, 1} {
		for _, floor := range []float64{0, 0.9} {
			r, err := ix.RankDocuments(ctx, q, RankOptions{K: 1, To: 8, Balance: group, BalancePower: power, BalanceFloor: floor})
			if err != nil {
				t.Fatal(err)
			}
			for i, d := range r.Docs {
				// A group's best counts as at least floor times the best of all.
				g, w := group(d.DocRef)
				want := w * scoreOf[d.ID] / math.Pow(max(best[g], floor*top), power)
				if math.Abs(d.Score-want) > 1e-9*want || math.Abs(d.Score-scoreOf[d.ID]*d.Balance) > 1e-9*want {
					t.Errorf("power %g, floor %g: %s scores %g (balance %g), want %g", power, floor, d.ID, d.Score, d.Balance, want)
				}
				if i > 0 && r.Docs[i-1].Score < d.Score {
					t.Errorf("power %g, floor %g: %s after a lower score", power, floor, d.ID)
				}
			}
		}
		r, err := ix.RankDocuments(ctx, q, RankOptions{K: 1, To: 8, Balance: group, BalancePower: power})
		if err != nil {
			t.Fatal(err)
		}
		if power == 1 {
			// Each group's best scores its weight.
			for _, d := range r.Docs {
				if g, w := group(d.DocRef); d.ID == firstOf(r, group, g) && math.Abs(d.Score-w) > 1e-9 {
					t.Errorf("power 1: %s, the %s group's best, scores %g, want %g", d.ID, g, d.Score, w)
				}
			}
		}
	}
}

// firstOf is the ID of the first document of r in group g.
func firstOf(r *Ranking, group func(DocRef) (string, float64), g string) string {
	for _, d := range r.Docs {
		if dg, _ := group(d.DocRef); dg == g {
			return d.ID
		}
	}
	return ""
}

// TestBestSlots: the first n slots without a sort are those of a sort, in its order.
func TestBestSlots(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for run := range 200 {
		scores := make([]int, rng.IntN(40))
		slots := make([]int32, len(scores))
		for i := range scores {
			scores[i], slots[i] = rng.IntN(6), int32(i) // many ties
		}
		cmp := func(a, b int32) int {
			if c := scores[b] - scores[a]; c != 0 {
				return c
			}
			return int(a - b)
		}
		sorted := slices.SortedFunc(slices.Values(slots), cmp)
		for _, n := range []int{0, 1, 3, 10, 50} {
			if got, want := bestSlots(slots, n, cmp), sorted[:min(n, len(sorted))]; !slices.Equal(got, want) {
				t.Fatalf("run %d, n %d: %v, want %v", run, n, got, want)
			}
		}
	}
}

// TestOrderFirst: the first n slots are those of a sort, in its order, and the
// others follow, each once.
func TestOrderFirst(t *testing.T) {
	defer func(share int) { pickShare = share }(pickShare)
	rng := rand.New(rand.NewPCG(3, 4))
	for run := range 200 {
		scores := make([]int, rng.IntN(300))
		for i := range scores {
			scores[i] = rng.IntN(20) // many ties
		}
		cmp := func(a, b int32) int {
			if c := scores[b] - scores[a]; c != 0 {
				return c
			}
			return int(a - b)
		}
		var sorted []int32
		for i := range scores {
			sorted = append(sorted, int32(i))
		}
		slices.SortFunc(sorted, cmp)
		for _, share := range []int{1, 16} {
			pickShare = share
			for _, n := range []int{0, 1, 3, 10, 50, 1000} {
				slots := make([]int32, len(scores))
				for i := range slots {
					slots[i] = int32(i)
				}
				got := orderFirst(slots, n, cmp)
				m := min(n, len(sorted))
				if !slices.Equal(got[:m], sorted[:m]) {
					t.Fatalf("run %d, share %d, n %d: first %v, want %v", run, share, n, got[:m], sorted[:m])
				}
				if slices.Sort(got); !slices.Equal(got, slices.Sorted(slices.Values(sorted))) {
					t.Fatalf("run %d, share %d, n %d: slots %v", run, share, n, got)
				}
			}
		}
	}
}

// TestMatches: matches added over several blocks, and the blocks of two lists
// joined, read back in the order added; after the blocks are recycled, a list
// that reuses them reads back its own.
func TestMatches(t *testing.T) {
	var a, b matches
	n := 2*matchBlockSize + 7
	for i := range n {
		a.add(int32(i%97), uint64(i), float64(i)/2)
		b.add(int32(i%89), uint64(n+i), float64(n+i)/2)
	}
	a.blocks = append(a.blocks, b.blocks...)
	i := 0
	for _, bl := range a.blocks {
		if len(bl.ords) > matchBlockSize || len(bl.nums) != len(bl.ords) || len(bl.scores) != len(bl.ords) {
			t.Fatalf("a block of %d, %d and %d matches", len(bl.ords), len(bl.nums), len(bl.scores))
		}
		for j := range bl.ords {
			want := int32(i % 97)
			if i >= n {
				want = int32((i - n) % 89)
			}
			if bl.ords[j] != want || bl.nums[j] != uint64(i) || bl.scores[j] != float64(i)/2 {
				t.Fatalf("match %d: %d %d %g", i, bl.ords[j], bl.nums[j], bl.scores[j])
			}
			i++
		}
	}
	if i != 2*n {
		t.Errorf("%d matches read, want %d", i, 2*n)
	}
	a.recycle()
	if a.blocks != nil {
		t.Errorf("%d blocks after recycling", len(a.blocks))
	}
	var c matches
	for i := range n {
		c.add(int32(i), uint64(i), 1)
	}
	i = 0
	for _, bl := range c.blocks {
		for j := range bl.ords {
			if bl.ords[j] != int32(i) || bl.nums[j] != uint64(i) || bl.scores[j] != 1 {
				t.Fatalf("after recycling, match %d: %d %d %g", i, bl.ords[j], bl.nums[j], bl.scores[j])
			}
			i++
		}
	}
	if i != n {
		t.Errorf("after recycling, %d matches read, want %d", i, n)
	}
}

// TestRankingRecordOrder: the same documents rank the same, to the bit, with
// the same pages in the same order, whatever order Bleve wrote their records
// in: put in one batch (Bleve numbers its records in the order their analysis
// ends) or one by one in reverse and merged. Their pages tie in score, so do
// documents, and a disjunction of many clauses sums scores.
func TestRankingRecordOrder(t *testing.T) {
	words := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"}
	var docs []*Document
	for i := range 24 {
		d := &Document{ID: fmt.Sprintf("d%02d", i), Title: fmt.Sprintf("Document %d", i%6), Type: TypeReport, Lang: "en"}
		for p := 1; p <= 8; p++ {
			text := strings.Join(words[i%3:i%3+4], " ") // the same on many pages, of many documents
			if p%3 == 0 {
				text += " " + words[4+i%5]
			}
			d.Pages = append(d.Pages, Page{Number: p, Text: text})
		}
		docs = append(docs, d)
	}
	ctx := context.Background()
	batch := tempIndex(t)
	if _, err := batch.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	reversed := tempIndex(t) // the documents in reverse, and their pages
	for i := len(docs) - 1; i >= 0; i-- {
		d := *docs[i]
		d.Pages = slices.Clone(d.Pages)
		slices.Reverse(d.Pages)
		if _, err := reversed.Put(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	if err := reversed.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	// The test means something only where a document's pages are written out of
	// their order.
	if !pagesOutOfOrder(t, batch) && !pagesOutOfOrder(t, reversed) {
		t.Fatal("every document's pages written in page order in both indexes")
	}
	var many []Query
	for _, w := range words {
		many = append(many, Match(FieldBody, w, 0))
	}
	// Refine reads the pages of the first documents, as feedback does: another
	// page, another query.
	refine := func(first *Ranking) (Query, error) {
		return Match(FieldBody, words[first.Docs[0].Pages[len(first.Docs[0].Pages)-1]%len(words)], 0), nil
	}
	for name, q := range map[string]Query{"alpha": Match(FieldBody, "alpha", 0), "beta or zeta": Or(Match(FieldBody, "beta", 0), Match(FieldBody, "zeta", 0)), "many": Or(many...)} {
		for _, o := range []RankOptions{
			{K: 3, To: 10},
			{K: 2, From: 5, To: 15, Evidence: 0.3},
			{K: 3, To: 10, Evidence: 0.3, Refine: refine, RefineDocs: 10, RefinePages: 3},
		} {
			checkParts(t, name, func(stage string) {
				want, err := batch.RankDocuments(ctx, q, o)
				if err != nil {
					t.Fatal(err)
				}
				got, err := reversed.RankDocuments(ctx, q, o)
				if err != nil {
					t.Fatal(err)
				}
				// Ordinals are the index's own: compared by ID. The documents after
				// the window (and after those refined) come in no set order.
				for _, r := range []*Ranking{want, got} {
					for i := range r.Docs {
						r.Docs[i].Ord = 0
					}
					r.Docs = settled(r.Docs, max(o.To, o.RefineDocs))
				}
				if !reflect.DeepEqual(got, want) || len(want.Docs) < 8 {
					t.Errorf("%s %+v:\n got %+v\nwant %+v", stage, o, got, want)
				}
			})
		}
	}
}

// pagesOutOfOrder reports whether some document of ix (without deleted records)
// has a page record before one of a lower page number.
func pagesOutOfOrder(t *testing.T, ix *Index) bool {
	t.Helper()
	snap, done := snapshotOf(t, ix.b)
	defer done()
	var records uint64
	for _, s := range snap.Segments() {
		records += s.Segment().Count()
	}
	last := map[string]int{} // by document, the page number of its page record read last
	for num := range records {
		id, err := snap.ExternalID(index.NewIndexInternalID(nil, num))
		if err != nil {
			t.Fatal(err)
		}
		if doc, page, ok := SplitPageID(id); ok {
			if page < last[doc] {
				return true
			}
			last[doc] = page
		}
	}
	return false
}

// TestPageRecordIDs: a page record whose ID is not a page of its document (an
// index written by something else, or damaged) is an error of the ranking that
// names it, not a page numbered 0.
func TestPageRecordIDs(t *testing.T) {
	for _, c := range []struct{ id, doc string }{
		{"d01/x", "d01"},   // no page number
		{"d01/3", "other"}, // another document's
		{"d01", "d01"},     // a document's ID
		{"d01/-2", "d01"},  // a negative page number
	} {
		ix := tempIndex(t)
		ctx := context.Background()
		if _, err := ix.Put(ctx, &Document{ID: "d00", Title: "Fine", Type: TypeReport, Lang: "en", Pages: []Page{{Number: 1, Text: "alpha"}}}); err != nil {
			t.Fatal(err)
		}
		if err := ix.b.Index(c.id, pageRecord{Kind: KindPage, DocID: c.doc, Body: "alpha", Lang: "en", Type: TypeReport}); err != nil {
			t.Fatal(err)
		}
		_, err := ix.RankDocuments(ctx, Match(FieldBody, "alpha", 0), RankOptions{K: 1, To: 10})
		if err == nil || !strings.Contains(err.Error(), strconv.Quote(c.id)) {
			t.Errorf("page record %q of %s: %v, want an error naming it", c.id, c.doc, err)
		}
	}
}

// TestPrepareRanking: PrepareRanking reads the tables of every segment of the
// index (the next ranking finds them read), page numbers included; on a closed
// index it fails.
func TestPrepareRanking(t *testing.T) {
	ix := tempIndex(t)
	ctx := context.Background()
	for i := range 3 {
		if _, err := ix.Put(ctx, &Document{ID: fmt.Sprintf("d%d", i), Title: "Doc", Type: TypeReport, Lang: "en", Pages: []Page{{Number: 1, Text: "alpha"}, {Number: 2, Text: "beta"}}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Compact(ctx); err != nil { // no merge between the two snapshots below
		t.Fatal(err)
	}
	if err := ix.PrepareRanking(ctx); err != nil {
		t.Fatal(err)
	}
	snap, done := snapshotOf(t, ix.b)
	var pages []int32
	for _, s := range snap.Segments() {
		c, ok := ix.docs.bySeg[s.Segment()]
		if !ok {
			t.Fatalf("segment of %d records not read", s.Segment().Count())
		}
		for _, p := range c.pageOf {
			if p > 0 {
				pages = append(pages, p)
			}
		}
	}
	done()
	if slices.Sort(pages); !slices.Equal(pages, []int32{1, 1, 1, 2, 2, 2}) {
		t.Errorf("page numbers %v, want three of 1 and of 2", pages)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := ix.PrepareRanking(cancelled); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
	ix.Close()
	if err := ix.PrepareRanking(ctx); err == nil {
		t.Error("a closed index: no error")
	}
}
