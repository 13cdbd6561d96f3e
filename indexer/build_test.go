package indexer_test

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/indexer/isolate"
)

// docsByTitle returns every document of the index by title.
func docsByTitle(t *testing.T, ix *indexer.Index) map[string]*indexer.Document {
	t.Helper()
	out := map[string]*indexer.Document{}
	for _, d := range allDocuments(t, ix) {
		out[d.Title] = d
	}
	return out
}

// allDocuments returns every document of the index (its records of kind
// document, not its pages).
func allDocuments(t *testing.T, ix *indexer.Index) []*indexer.Document {
	t.Helper()
	q := query.NewTermQuery(indexer.KindDoc)
	q.SetField(indexer.FieldKind)
	res, err := ix.Bleve().Search(bleve.NewSearchRequestOptions(q, 1000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	docs, err := ix.GetMany(ids)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*indexer.Document, 0, len(docs))
	for _, id := range ids {
		if d := docs[id]; d != nil {
			out = append(out, d)
		}
	}
	return out
}

func TestBuildSample(t *testing.T) {
	ix, _ := indextest.Sample(t)
	docs := docsByTitle(t, ix)
	type want struct {
		typ, lang string
		pages     int
		year      int
	}
	wants := map[string]want{
		"Parliamentary Oversight of the Security Sector: A Handbook for Committee Members and Staff": {"handbook", "en", 25, 2019},
		"Civil Society Oversight of the Security Sector: A Toolkit":                                  {"toolkit", "en", 6, 2021},
		"Громадський нагляд за сектором безпеки: набір інструментів":                                 {"toolkit", "uk", 6, 2021},
		"The Role of Ombuds Institutions in Security Sector Governance: Conference Proceedings":      {"conference-proceedings", "en", 6, 2021},
		"Closing the Gaps: Integrity in Defence Procurement. Policy Paper":                           {"policy-paper", "en", 8, 2022},
		"Police Integrity: A Training Manual for Trainers":                                           {"training-manual", "en", 6, 2020},
		"Демократичний контроль над розвідувальними органами: аналітична записка":                    {"policy-brief", "uk", 6, 2023},
		"Гендер і сектор безпеки: посібник для практиків":                                            {"handbook", "uk", 7, 2020},
		"Громадська думка про сектор безпеки України: результати опитування 2022 року":               {"survey", "uk", 5, 2022},
		"Parliamentary oversight": {"page", "en", 1, 2018},
		"Conference: The Role of Ombuds Institutions in Security Sector Governance": {"page", "en", 1, 2021},
		"About":   {"page", "en", 1, 0},
		"Про нас": {"page", "uk", 1, 0},
	}
	if len(docs) != len(wants) {
		for title := range docs {
			if _, ok := wants[title]; !ok {
				t.Errorf("unexpected document %q", title)
			}
		}
		t.Fatalf("%d documents, want %d (listings must not become documents)", len(docs), len(wants))
	}
	for title, w := range wants {
		d, ok := docs[title]
		if !ok {
			t.Errorf("missing document %q", title)
			continue
		}
		if d.Type != w.typ || d.Lang != w.lang || d.PageCount != w.pages || d.Year != w.year {
			t.Errorf("%s: type %s lang %s pages %d year %d, want %+v", title, d.Type, d.Lang, d.PageCount, d.Year, w)
		}
		if w.typ != "page" && (d.PDFURL == "" || !strings.HasSuffix(d.PDFSourceURL, ".pdf") || d.PageStatus["ok"] != w.pages) {
			t.Errorf("%s: pdf %q, page status %v", title, d.PDFSourceURL, d.PageStatus)
		}
		if d.PageSources != strings.Repeat("t", w.pages) || d.PageSource(1) != indexer.SourceText || d.PageSource(w.pages+1) != "" {
			t.Errorf("%s: page sources %q", title, d.PageSources)
		}
		if d.FetchedAt.IsZero() || slices.Contains(d.Referrers, d.URL) {
			t.Errorf("%s: fetched %v, referrers %v (its own page among them?)", title, d.FetchedAt, d.Referrers)
		}
		if d.Summary == "" || d.Publisher == "" && w.typ != "page" {
			t.Errorf("%s: summary %q publisher %q", title, d.Summary, d.Publisher)
		}
	}
	// The publications listing links every publication page: it refers to them.
	if refs := docs["Police Integrity: A Training Manual for Trainers"].Referrers; len(refs) == 0 {
		t.Errorf("police manual has no referrers; the publications listing links it")
	}
	// The translation pair points both ways; documents without a translation have none.
	en := docs["Civil Society Oversight of the Security Sector: A Toolkit"]
	uk := docs["Громадський нагляд за сектором безпеки: набір інструментів"]
	if len(en.Translations) != 1 || en.Translations[0].ID != uk.ID || en.Translations[0].Lang != "uk" {
		t.Errorf("en toolkit translations = %+v, want the uk toolkit %s", en.Translations, uk.ID)
	}
	if len(uk.Translations) != 1 || uk.Translations[0].ID != en.ID {
		t.Errorf("uk toolkit translations = %+v, want the en toolkit %s", uk.Translations, en.ID)
	}
	if tr := docs["Police Integrity: A Training Manual for Trainers"].Translations; len(tr) != 0 {
		t.Errorf("police manual has translations %+v: a language switch to the home page is not one", tr)
	}
}

// TestBuildWritesInWriteOrder checks that a bulk build writes its documents by
// year and language (indexer.WriteOrder), whatever order the crawl found them in:
// each is stamped when handed to the writer.
func TestBuildWritesInWriteOrder(t *testing.T) {
	ix, _ := indextest.Sample(t)
	var docs []*indexer.Document
	for _, d := range docsByTitle(t, ix) {
		docs = append(docs, d)
	}
	// Documents stamped alike (a coarse clock) may have been written either way.
	slices.SortFunc(docs, func(a, b *indexer.Document) int {
		return cmp.Or(a.IndexedAt.Compare(b.IndexedAt), indexer.WriteOrder(a, b))
	})
	langs := map[string]bool{}
	for i, d := range docs {
		if i > 0 && indexer.WriteOrder(docs[i-1], d) > 0 {
			t.Errorf("%s (%s, %d) written before %s (%s, %d)", docs[i-1].Title, docs[i-1].Lang, docs[i-1].Year, d.Title, d.Lang, d.Year)
		}
		langs[d.Lang] = true
	}
	if len(langs) < 2 {
		t.Fatalf("the sample has documents in %d language: nothing to order", len(langs))
	}
}

func TestWriteOrder(t *testing.T) {
	for _, c := range []struct {
		a, b indexer.Document
		want int
	}{
		{indexer.Document{Lang: "en", Year: 2020}, indexer.Document{Lang: "uk", Year: 2010}, 1},
		{indexer.Document{Lang: "uk", Year: 2010}, indexer.Document{Lang: "en", Year: 2020}, -1},
		{indexer.Document{Lang: "uk", Year: 2020}, indexer.Document{Lang: "en", Year: 2020}, 1},
		{indexer.Document{Lang: "uk"}, indexer.Document{Lang: "en", Year: 2020}, -1},
		{indexer.Document{ID: "a", Lang: "uk", Year: 2020}, indexer.Document{ID: "b", Lang: "uk", Year: 2020}, 0},
	} {
		if got := indexer.WriteOrder(&c.a, &c.b); got != c.want {
			t.Errorf("WriteOrder(%s %d, %s %d) = %d, want %d", c.a.Lang, c.a.Year, c.b.Lang, c.b.Year, got, c.want)
		}
	}
}

func TestBuildKeepsBoilerplateOut(t *testing.T) {
	ix, _ := indextest.Sample(t)
	for _, word := range []string{"flickr", "kvadrat", "reserved", "захищено"} {
		q := query.NewMatchQuery(word)
		q.SetField(indexer.FieldBody)
		res, err := ix.Bleve().Search(bleve.NewSearchRequest(q))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 {
			t.Errorf("boilerplate word %q indexed on %d pages", word, res.Total)
		}
	}
}

// sampleCorpus is a corpus of the bundled sample in a test's folder (dir), and
// its entries.
func sampleCorpus(t *testing.T) (dir string, store *corpus.Store, entries []corpus.Entry) {
	t.Helper()
	dir = t.TempDir()
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if entries, err = store.ImportFS(data.Sample(), data.SampleBaseURL); err != nil {
		t.Fatal(err)
	}
	return dir, store, entries
}

func TestBuildIsIdempotent(t *testing.T) {
	dir, store, entries := sampleCorpus(t)
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var counts []uint64
	for range 2 {
		if _, err := indexer.Build(context.Background(), store, entries, ix, indexer.Options{}); err != nil {
			t.Fatal(err)
		}
		n, err := ix.Bleve().DocCount()
		if err != nil {
			t.Fatal(err)
		}
		counts = append(counts, n)
	}
	if counts[0] != counts[1] || counts[0] == 0 {
		t.Fatalf("records after two builds: %v, want the same non-zero count", counts)
	}
}

// TestBuildFollowsTheCorpus checks that the index tracks its corpus: unchanged
// documents are not rewritten, a gone entry's document is removed, content at two
// URLs is indexed once, and extraction results are cached.
func TestBuildFollowsTheCorpus(t *testing.T) {
	dir := t.TempDir()
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.ImportFS(data.Sample(), data.SampleBaseURL); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	opts := indexer.Options{CacheDir: filepath.Join(dir, "cache")}
	build := func() indexer.Report {
		t.Helper()
		entries, err := store.Entries()
		if err != nil {
			t.Fatal(err)
		}
		rep, err := indexer.Build(context.Background(), store, entries, ix, opts)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	first := build()
	if first.Written != first.Documents || first.Documents != 13 {
		t.Fatalf("first build: %+v", first)
	}
	if again := build(); again.Written != 0 || again.Documents != 13 || again.Removed != 0 {
		t.Errorf("unchanged corpus: %+v, want nothing written", again)
	}
	cached, _ := filepath.Glob(filepath.Join(dir, "cache", "*", "*", "*.json"))
	if len(cached) < 13 {
		t.Errorf("%d extraction results cached", len(cached))
	}

	// The police manual's page disappears from the web; its PDF turns up at a second URL.
	page, err := store.Get(data.SampleBaseURL + "publication/police-integrity-training-manual/")
	if err != nil {
		t.Fatal(err)
	}
	page.GoneAt = time.Now()
	if err := store.Record(page); err != nil {
		t.Fatal(err)
	}
	pdf, err := store.Get(data.SampleBaseURL + "wp-content/uploads/2022/10/hromadska-dumka-2022.pdf")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := store.Body(pdf.SHA256)
	if _, err := store.Put(corpus.Entry{URL: data.SampleBaseURL + "mirror/copy-of-the-survey.pdf", ContentType: corpus.TypePDF}, body); err != nil {
		t.Fatal(err)
	}
	rep := build()
	if rep.Gone != 1 || rep.Duplicates != 1 {
		t.Errorf("gone %d duplicates %d, want 1 and 1", rep.Gone, rep.Duplicates)
	}
	docs := docsByTitle(t, ix)
	manual := docs["Police Integrity: A Training Manual for Trainers"]
	// A publication gone from its publisher's site stays findable from its stored
	// copy, with its page's metadata, marked removed since the date it went.
	if manual == nil || manual.Removed.IsZero() || manual.LastSeen.IsZero() || manual.URL == manual.PDFURL || manual.Type != indexer.TypeManual {
		t.Errorf("with its page gone, the manual should stay, marked removed: %+v", manual)
	}
	if len(docs) != 13 {
		t.Errorf("%d documents, want 13 (the removed one kept, the copy not indexed)", len(docs))
	}
	// Written: the manual's document (now marked removed); nothing removed.
	if rep.Removed != 0 || rep.Written != 1 {
		t.Errorf("removed %d written %d, want only the manual rewritten", rep.Removed, rep.Written)
	}
}

// TestBuildOnEveryCore: files are extracted on several goroutines at once
// (Options.Workers), and the build is the same as on one: the report, its
// errors in the same order, and every document as stored, with PDFs that fail
// when their facts are read and others when their pages are, with the
// extraction cache and without.
func TestBuildOnEveryCore(t *testing.T) {
	dir, store, entries := sampleCorpus(t)
	build := func(workers int, cache bool) (indexer.Report, map[string]*indexer.Document, int64) {
		t.Helper()
		name := fmt.Sprint(workers, cache)
		ix, err := indexer.Open(filepath.Join(dir, "index-"+name))
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		var inFlight, most atomic.Int64
		var mu sync.Mutex
		calls := map[string]int{} // by content
		pdf := func(ctx context.Context, data []byte) (*extract.Result, error) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			mu.Lock()
			calls[string(data)]++
			call := calls[string(data)]
			mu.Unlock()
			// Wait a little for another call: one file at a time, every call
			// would wait.
			for deadline := time.Now().Add(time.Second); workers > 1 && inFlight.Load() < 2 && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			// Some files fail, the same whatever the workers: when their facts
			// are read (the first call), or their pages (the second, without
			// the cache).
			if len(data)%3 == 1 && call == 1 || len(data)%3 == 0 && call == 2 {
				return nil, fmt.Errorf("refused %d bytes, call %d", len(data), call)
			}
			return extract.PDF(data)
		}
		opts := indexer.Options{PDF: pdf, Workers: workers}
		if cache {
			opts.CacheDir = filepath.Join(dir, "cache-"+name)
		}
		rep, err := indexer.Build(context.Background(), store, entries, ix, opts)
		if err != nil {
			t.Fatal(err)
		}
		docs := docsByTitle(t, ix)
		for _, d := range docs {
			d.IndexedAt = time.Time{}
		}
		return rep, docs, most.Load()
	}
	for _, cache := range []bool{false, true} {
		oneRep, oneDocs, _ := build(1, cache)
		rep, docs, most := build(4, cache)
		if most < 2 {
			t.Errorf("cache %v: at most %d PDFs extracted at once on 4 workers", cache, most)
		}
		if !reflect.DeepEqual(rep, oneRep) {
			t.Errorf("cache %v: report on 4 workers:\n%+v\non one:\n%+v", cache, rep, oneRep)
		}
		errs := strings.Join(oneRep.Errors, "\n")
		if oneRep.Documents < 10 || !strings.Contains(errs, "call 1") || !cache && !strings.Contains(errs, "call 2") {
			t.Errorf("cache %v: report on one worker: %+v, want PDFs failed on their facts and, without the cache, on their pages", cache, oneRep)
		}
		if !reflect.DeepEqual(docs, oneDocs) {
			for title, d := range docs {
				if !reflect.DeepEqual(d, oneDocs[title]) {
					t.Errorf("cache %v: %q on 4 workers:\n%+v\non one:\n%+v", cache, title, d, oneDocs[title])
				}
			}
			t.Errorf("cache %v: documents on 4 workers: %d, on one: %d", cache, len(docs), len(oneDocs))
		}
	}
}

// TestTransientFailureNotCached: a PDF whose extraction timed out (or whose
// extractor crashed) is tried again by the next build, which indexes its text.
func TestTransientFailureNotCached(t *testing.T) {
	dir, store, entries := sampleCorpus(t)
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var calls atomic.Int32
	var fail atomic.Bool
	fail.Store(true)
	pdf := func(ctx context.Context, data []byte) (*extract.Result, error) {
		calls.Add(1)
		if fail.Load() {
			return nil, fmt.Errorf("worker: %w", isolate.ErrTimeout)
		}
		return extract.PDF(data)
	}
	opts := indexer.Options{CacheDir: filepath.Join(dir, "cache"), PDF: pdf}
	rep, err := indexer.Build(context.Background(), store, entries, ix, opts)
	if err != nil || rep.Failed == 0 {
		t.Fatalf("a build whose PDFs time out: %+v, %v", rep, err)
	}
	first := calls.Load()
	fail.Store(false)
	rep, err = indexer.Build(context.Background(), store, entries, ix, opts)
	if err != nil || rep.Failed != 0 || calls.Load() == first {
		t.Fatalf("the next build: %+v, %v, %d extractions; want the PDFs extracted again, none failed", rep, err, calls.Load()-first)
	}
	q := bleve.NewMatchPhraseQuery("closed hearing is not a secret hearing")
	q.SetField(indexer.FieldBody)
	hits, err := ix.Bleve().Search(bleve.NewSearchRequest(q))
	if err != nil || hits.Total == 0 {
		t.Errorf("the text of a PDF extracted on the second try: %v, %v", hits, err)
	}
}
