package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/crawler"
	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/relevance"
)

// collection generates the evaluation collection, or a part of it (every nth work,
// and the works they refer to), or skips when the fonts its PDFs embed are missing.
func collection(t *testing.T, every int) (*evalgen.Content, *evalgen.Collection) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(evalgen.DefaultFonts, "DejaVuSerif.ttf")); err != nil {
		if os.Getenv("SSGSEARCH_REQUIRE_FONTS") != "" {
			t.Fatalf("fonts-dejavu-core is required: %v", err)
		}
		t.Skip("fonts-dejavu-core not installed")
	}
	c, err := evalgen.LoadContent(os.DirFS("../../data/evalgen/content"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	col, err := evalgen.Generate(c, evalgen.Options{Works: func(string) bool { n++; return n%every == 0 }})
	if err != nil {
		t.Fatal(err)
	}
	return c, col
}

// crawlGroup crawls seeds over loopback and builds their index as ssgsearch does
// (the extraction in this process), in a temporary directory.
func crawlGroup(t *testing.T, seeds []string) *indexer.Index {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	state, err := crawler.OpenState(filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer state.Close()
	if _, err := crawler.Crawl(ctx, crawler.Config{Store: store, State: state, Rate: -1, Workers: 4, MaxPages: 100000}, seeds); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := indexer.BuildAll(ctx, store, ix, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestCollectionMetadata crawls part of the evaluation collection, every site shape,
// over loopback and builds its index as ssgsearch does (the extraction in this
// process), and requires every metadata field to be right for 97 % of the
// publication documents of each site, and one document per publication page; and
// every quote of the collection is found on its document and page.
func TestCollectionMetadata(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a generated collection")
	}
	_, col := collection(t, 3)
	srv, err := col.Serve(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var docs []*indexer.Document
	searchers := map[string]*search.Searcher{}
	for group, seeds := range seedURLs(col, srv) {
		ix := crawlGroup(t, seeds)
		ds, err := allDocuments(ix)
		if err != nil {
			t.Fatalf("%s: %v", group, err)
		}
		docs = append(docs, ds...)
		searchers[group] = search.New(ix)
	}
	// Every quote of the collection (a sentence unique in it; some run over a page
	// break, past the running header and footnotes) is found on its document and page.
	quotes, err := scoreQuotes(context.Background(), col.Truth, searchers, srv)
	if err != nil {
		t.Fatal(err)
	}
	if quotes.total == 0 || quotes.breaks == 0 || quotes.found < quotes.total {
		t.Errorf("quotes on the right document and page: %d of %d (over a page break: %d of %d)", quotes.found, quotes.total, quotes.breaksFound, quotes.breaks)
		for _, m := range quotes.misses {
			t.Log("missed:", m)
		}
	}
	sc := scoreMetadata(col.Truth, docs, srv)
	for _, s := range col.Truth.Sites {
		for _, f := range fields {
			tl := sc.by["site "+s.Name][f]
			if tl == nil || tl.total == 0 {
				t.Errorf("site %s: no documents scored", s.Name)
				break
			}
			if acc := float64(tl.right) / float64(tl.total); acc < 0.97 {
				t.Errorf("site %s (%s): %s right for %d of %d documents", s.Name, s.Shape, f, tl.right, tl.total)
			}
		}
	}
	if len(sc.extra) > 0 || len(sc.missingPages) > 0 {
		t.Errorf("documents that are no publication or page of the collection: %v; pages not indexed: %v", sc.extra, sc.missingPages)
	}
	if t.Failed() {
		for _, m := range sc.mismatches {
			t.Logf("%s %s: got %q, want %q", m.field, m.key, m.got, m.want)
		}
	}
}

// TestCollectionListings: on every site shape, each page that lists items is
// recognised as a listing and no publication, event, explainer or about page is.
func TestCollectionListings(t *testing.T) {
	_, col := collection(t, 3)
	want := map[string]bool{}
	for _, k := range col.Truth.Listings {
		want[evalgen.NormalKey(k)] = true
	}
	notListing := map[string]bool{}
	for _, d := range col.Truth.Docs {
		notListing[evalgen.NormalKey(d.Key)] = true
	}
	for _, p := range col.Truth.Pages {
		notListing[evalgen.NormalKey(p.Key)] = true
	}
	checked := map[string]int{}
	for _, site := range col.Sites {
		for _, f := range site.Files() {
			key := evalgen.NormalKey(site.Name + f.Path)
			if !want[key] && !notListing[key] {
				continue
			}
			res, err := extract.HTML(bytes.NewReader(f.Served("127.0.0.1:1")), f.ContentType, "http://127.0.0.1:1"+f.Path)
			if err != nil {
				t.Fatal(err)
			}
			if res.Meta.Listing != want[key] {
				t.Errorf("%s: listing %v, want %v", key, res.Meta.Listing, want[key])
			}
			checked[site.Shape]++
		}
	}
	if len(checked) < 4 {
		t.Errorf("pages checked by shape: %v", checked)
	}
}

// rankingFloors are the levels the judged queries reached (make eval, the
// collection's main sites crawled in this process), by part and group: nDCG@10, the
// known item's MRR, and for cross-language queries the share with both languages
// among the first ten (-1: not measured for the group), less a margin: the crawl
// here orders the index otherwise than make eval's, which moves the held part's
// figures by up to 0.03. Both languages are among the first ten of every
// cross-language query: the first page keeps a place for the other language
// (search's otherLangPlace). A change that ranks worse than these fails; one that
// ranks better should raise them.
var rankingFloors = []judgedRow{
	{part: "dev", group: "all", ndcg: 0.72, mrr: 0.99, both: 0.99},
	{part: "dev", group: "topic", ndcg: 0.70, mrr: -1, both: -1},
	{part: "dev", group: "cross-language", ndcg: 0.57, mrr: -1, both: 0.99},
	{part: "dev", group: "vocabulary", ndcg: 0.46, mrr: -1, both: -1},
	{part: "dev", group: "known-item", ndcg: 0.98, mrr: 0.99, both: -1},
	{part: "dev", group: "lang/uk", ndcg: 0.67, mrr: 0.99, both: 0.99},
	{part: "held", group: "all", ndcg: 0.78, mrr: 1, both: 0.99},
	{part: "held", group: "topic", ndcg: 0.72, mrr: -1, both: -1},
	{part: "held", group: "cross-language", ndcg: 0.64, mrr: -1, both: 0.99},
	{part: "held", group: "vocabulary", ndcg: 0.70, mrr: -1, both: -1},
	{part: "held", group: "known-item", ndcg: 0.98, mrr: 1, both: -1},
	{part: "held", group: "lang/uk", ndcg: 0.75, mrr: 1, both: 0.99},
}

// filteredFloors are the levels the main sites' filtered queries reached
// (nDCG@10 by part, crawled in this process: dev 0.917, held 0.907), less a
// margin; without the translations of the best results joined (joinWeight) they
// reach 0.895 and 0.875.
var filteredFloors = map[string]float64{"dev": 0.90, "held": 0.88}

// mistypedLoss is how much nDCG@10 the judged topic queries may lose, in each
// part, with one word mistyped (mistypedSet).
const mistypedLoss = 0.06

// typoFloor is the MRR the generated known items typed with a mistake (typoSet)
// must reach in each part.
const typoFloor = 0.97

// layoutFloor is the MRR the generated known items typed with the wrong keyboard
// layout (layoutSet) must reach in each part.
const layoutFloor = 0.97

// TestCollectionRanking crawls the collection's main sites and runs the judged
// queries (data/evalgen/content/queries.yaml) through the search as the API does:
// each part and group must reach its floor, and every page a hit lists must show a
// match.
func TestCollectionRanking(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the generated collection")
	}
	if raceDetector {
		t.Skip("measures ranking, not concurrency: make test runs it without -race")
	}
	c, col := collection(t, 1)
	srv, err := col.Serve(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ix := crawlGroup(t, seedURLs(col, srv)["main"])
	g, err := search.BundledGlossary() // as make eval and the server search
	if err != nil {
		t.Fatal(err)
	}
	s, err := search.New(ix).WithGlossary(g)
	if err != nil {
		t.Fatal(err)
	}
	set, held := judgedSet(c, col.Truth)
	ctx := context.Background()
	keyOf := func(d *indexer.Document) string { return srv.Key(d.SourceURL) }
	scores, err := relevance.Evaluate(ctx, set, relevance.Engine{Searcher: s, XLang: true, KeyOf: keyOf})
	if err != nil {
		t.Fatal(err)
	}
	lang := map[string]string{}
	for _, d := range normalKeys(col.Truth).Docs {
		lang[d.Key] = d.Lang
	}
	rows := map[string]judgedRow{}
	for _, r := range summariseJudged(scores, held, func(k string) string { return lang[k] }) {
		rows[r.part+" "+r.group] = r
	}
	for _, f := range rankingFloors {
		r, ok := rows[f.part+" "+f.group]
		switch {
		case !ok:
			t.Errorf("%s %s: no queries", f.part, f.group)
		case r.ndcg < f.ndcg || r.mrr < f.mrr || r.both < f.both:
			t.Errorf("%s %s: nDCG@10 %.3f (floor %.3f), MRR %.3f (%.3f), both languages %.3f (%.3f)", f.part, f.group, r.ndcg, f.ndcg, r.mrr, f.mrr, r.both, f.both)
		default:
			t.Logf("%s %s: nDCG@10 %.3f, MRR %.3f, both languages %.3f", f.part, f.group, r.ndcg, r.mrr, r.both)
		}
	}
	// The filtered queries of the main sites: a topic's name and a facet value.
	topics := map[string]evalgen.Topic{}
	for _, tp := range c.Topics {
		topics[tp.Key] = tp
	}
	var fqs []filteredQuery
	for _, q := range filteredQueries(col.Truth, topics) {
		if q.group == "main" {
			fqs = append(fqs, q)
		}
	}
	fsc, err := runQueries(ctx, col.Truth, fqs, map[string]*search.Searcher{"main": s}, srv)
	if err != nil {
		t.Fatal(err)
	}
	for part, floor := range filteredFloors {
		n := fsc.filtered[part]
		if m := mean(n); len(n) == 0 || m < floor {
			t.Errorf("%s filtered queries: nDCG@10 %.3f over %d (floor %.3f)", part, m, len(n), floor)
			for _, f := range fsc.fails {
				t.Log(f)
			}
		} else {
			t.Logf("%s filtered queries: nDCG@10 %.3f over %d", part, m, len(n))
		}
	}
	// Known items typed with a mistake (generated): the MRR reached (make eval,
	// dev 0.993 and held 1.000; 0.915 and 0.934 without spelling correction), less
	// a margin.
	engine := relevance.Engine{Searcher: s, XLang: true, KeyOf: keyOf}
	tset, theld := typoSet(col.Truth)
	knownItemFloor(ctx, t, "typed with a mistake", typoFloor, engine, tset, theld)
	// Known items typed with the wrong keyboard layout (generated): the MRR reached
	// (make eval, dev and held 1.000; 0.000 as typed), less a margin.
	lset, lheld := layoutSet(col.Truth)
	knownItemFloor(ctx, t, "typed with the wrong layout", layoutFloor, engine, lset, lheld)
	// The topic queries with one word mistyped rank almost as written (make eval:
	// 0.001 less on dev, 0.014 on held; 0.083 and 0.123 without spelling correction).
	msc, err := mistypedScores(ctx, set, held, relevance.Engine{Searcher: s, XLang: true, KeyOf: keyOf})
	if err != nil {
		t.Fatal(err)
	}
	for part, v := range msc {
		if loss := (v[0] - v[1]) / v[2]; loss > mistypedLoss {
			t.Errorf("%s judged queries with one word mistyped: nDCG@10 %.3f less than as written (at most %.2f)", part, loss, mistypedLoss)
		} else {
			t.Logf("%s judged queries with one word mistyped: nDCG@10 %.3f less than as written", part, loss)
		}
	}
	for _, q := range set.Queries {
		res, err := s.Search(ctx, search.Request{Query: q.Query, XLang: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			for _, p := range h.Pages {
				if !strings.Contains(p.Snippet, "<mark>") {
					t.Errorf("%q: page %d of %s listed without a match marked", q.Query, p.Page, keyOf(h.Doc))
				}
			}
		}
	}
}

// knownItemFloor checks that a generated known-item set (typoSet, layoutSet)
// reaches floor in each part on sys.
func knownItemFloor(ctx context.Context, t *testing.T, what string, floor float64, sys relevance.System, set *relevance.Set, held map[string]bool) {
	t.Helper()
	scores, err := relevance.Evaluate(ctx, set, sys)
	if err != nil {
		t.Fatal(err)
	}
	for part, sum := range typoScores(scores, held) {
		switch mrr := sum[0] / sum[1]; {
		case strings.Contains(part, "/"):
		case mrr < floor:
			t.Errorf("%s known items %s: MRR %.3f over %d (floor %.2f)", part, what, mrr, int(sum[1]), floor)
		default:
			t.Logf("%s known items %s: MRR %.3f over %d", part, what, mrr, int(sum[1]))
		}
	}
}
