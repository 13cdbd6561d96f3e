package saved

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
)

// page is a publication page about procurement audits.
func page(title, body string) []byte {
	return []byte(fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><title>%s</title></head><body><main><article>
<h1>%s</h1><p>%s</p></article></main></body></html>`, title, title, body))
}

// site is a real corpus and index on disk that a test can change and rebuild.
type site struct {
	t     *testing.T
	store *corpus.Store
	ix    *indexer.Index
}

func newSite(t *testing.T) *site {
	dir := t.TempDir()
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return &site{t, store, ix}
}

func (s *site) put(path, title, body string) {
	if _, err := s.store.Put(corpus.Entry{URL: "https://example.org/" + path, ContentType: corpus.TypeHTML}, page(title, body)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) gone(path string) {
	e, err := s.store.Get("https://example.org/" + path)
	if err != nil {
		s.t.Fatal(err)
	}
	e.GoneAt = time.Now()
	if err := s.store.Record(e); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) build() *search.Searcher {
	if _, err := indexer.BuildAll(context.Background(), s.store, s.ix, indexer.Options{}); err != nil {
		s.t.Fatal(err)
	}
	return search.New(s.ix)
}

func ids(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Title)
	}
	return out
}

// TestLifecycle: save a query, run it (baseline), add a matching document and change
// an existing one, run again (one added, one changed), remove a document (one
// dropped); the feed, the exports and the history say so.
func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	s.put("a/", "Audit of defence procurement", "The audit office reviewed procurement contracts of the ministry.")
	s.put("b/", "Procurement oversight in parliament", "Committees oversee procurement and audit reports every year.")
	s.put("c/", "Police training", "A manual on ethics for police trainers.")
	sr := s.build()

	st, err := Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := st.Create(Query{Name: "Procurement audits", Query: "procurement audit", XLang: true, Tags: []string{"watch"}})
	if err != nil {
		t.Fatal(err)
	}
	base, err := st.Execute(ctx, sr, q.ID, "ingest-1")
	if err != nil {
		t.Fatal(err)
	}
	if !base.Baseline || base.Total != 2 || base.News() || base.ID != 1 {
		t.Fatalf("baseline: %+v", base)
	}

	s.put("d/", "Procurement audit handbook", "How to audit defence procurement, step by step.")
	s.put("a/", "Audit of defence procurement", "The audit office reviewed procurement contracts of the ministry, second edition with new annexes.")
	sr = s.build()
	second, err := st.Execute(ctx, sr, q.ID, "ingest-2")
	if err != nil {
		t.Fatal(err)
	}
	if second.Baseline || len(second.Added) != 1 || len(second.Changed) != 1 || len(second.Dropped) != 0 {
		t.Fatalf("second run: added %v changed %v dropped %v", ids(second.Added), ids(second.Changed), ids(second.Dropped))
	}
	if second.Added[0].Title != "Procurement audit handbook" || second.Changed[0].Title != "Audit of defence procurement" ||
		second.Changed[0].OldHash == second.Changed[0].NewHash || !strings.Contains(second.Added[0].Snippet, "<mark>") {
		t.Errorf("second run: %+v", second)
	}

	s.gone("b/")
	sr = s.build()
	third, err := st.Execute(ctx, sr, q.ID, "crawl-3")
	if err != nil {
		t.Fatal(err)
	}
	if len(third.Added)+len(third.Changed) != 0 || len(third.Dropped) != 1 || third.Dropped[0].Title != "Procurement oversight in parliament" {
		t.Fatalf("third run: added %v changed %v dropped %v", ids(third.Added), ids(third.Changed), ids(third.Dropped))
	}

	// History: newest first; any two runs compare.
	runs, err := st.Runs(q.ID)
	if err != nil || len(runs) != 3 || runs[0].ID != 3 || runs[2].IndexState != "ingest-1" {
		t.Fatalf("runs: %+v, %v", runs, err)
	}
	added, dropped, changed, err := st.Compare(q.ID, 1, 3)
	if err != nil || len(added) != 1 || len(dropped) != 1 || len(changed) != 1 {
		t.Errorf("compare 1 → 3: %v %v %v %v", ids(added), ids(dropped), ids(changed), err)
	}

	// The feed: one entry per new or changed document of the recent runs, linked
	// (output.WriteAtom writes it as Atom).
	self := "http://127.0.0.1/api/v1/saved-searches/1/feed.atom"
	f, err := st.Feed(q.ID, "", self)
	if err != nil {
		t.Fatal(err)
	}
	titles := []string{}
	for _, e := range f.Entries {
		titles = append(titles, e.Title)
		if e.Link == "" || e.Updated.IsZero() || !strings.HasPrefix(e.ID, "urn:ssgsearch:saved-search:"+q.ID+":run:") {
			t.Errorf("feed entry incomplete: %+v", e)
		}
	}
	if len(f.Entries) != 2 || !strings.Contains(strings.Join(titles, "|"), "Procurement audit handbook") || f.Self != self {
		t.Errorf("feed: %q, self %q", titles, f.Self)
	}
	if _, err := st.Feed("no-such-query", "", ""); err == nil {
		t.Error("the feed of a query that does not exist: no error")
	}

	// Deleting the query deletes its runs.
	if err := st.Delete(q.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Runs(q.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("runs of a deleted query: %v", err)
	}
}

func TestCreateRejectsBadQueries(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Create(Query{Name: "Watch", Query: "oversight"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []Query{
		{Name: "", Query: "oversight"},
		{Name: "x", Query: ""},
		{Name: "x", Query: "(oversight"},
		{Name: "x", Query: "oversight", Sort: "sideways"},
		{Name: "x", Query: "oversight", Webhook: &Webhook{URL: "ftp://example.org"}},
		{Name: "watch", Query: "audit"}, // the name is taken
		{Name: strings.Repeat("ж", 201), Query: "audit"},
	} {
		if _, err := st.Create(q); !errors.Is(err, ErrInvalid) {
			t.Errorf("Create(%+v) = %v, want ErrInvalid", q, err)
		}
	}
	// The name's limit is in characters, not bytes.
	if _, err := st.Create(Query{Name: strings.Repeat("ж", 200), Query: "audit"}); err != nil {
		t.Errorf("a name of 200 Cyrillic letters: %v", err)
	}
	if _, err := st.Get("99"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(99) = %v", err)
	}
	// A run always leaves out documents gone from their publisher's site: a
	// removed filter given is not kept.
	q, err := st.Create(Query{Name: "Removed", Query: "audit", Filters: search.Filters{Lang: []string{"en"}, Removed: search.RemovedOnly}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.Get(q.ID); err != nil || got.Filters.Removed != "" || got.Request().Filters.Removed != search.RemovedHide || len(got.Filters.Lang) != 1 {
		t.Errorf("stored filters %+v, %v; want the language kept and removed documents hidden", got.Filters, err)
	}
}

// TestWatchedWordNotCorrected: a saved query runs its words as saved: a name no
// document has yet is what it watches for, not a mistake for the word one edit
// away that the result pages would search instead.
func TestWatchedWordNotCorrected(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	s.put("a/", "Audit of defence procurement", "The audit office reviewed procurement contracts of the ministry.")
	sr := s.build()
	if res, err := sr.Search(ctx, search.Request{Query: "Audix"}); err != nil || len(res.Corrections) != 1 || res.Total != 1 {
		t.Fatalf("the result pages: %v, corrections %+v, %d documents; want Audix searched as audit", err, res.Corrections, res.Total)
	}
	st, err := Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := st.Create(Query{Name: "Audix", Query: "Audix"})
	if err != nil {
		t.Fatal(err)
	}
	base, err := st.Execute(ctx, sr, q.ID, "ingest-1")
	if err != nil {
		t.Fatal(err)
	}
	if base.Total != 0 {
		t.Fatalf("baseline: %d documents, want none (Audix searched as typed)", base.Total)
	}
	s.put("b/", "Contractors under review", "The ministry hired Audix to review its contracts.")
	second, err := st.Execute(ctx, s.build(), q.ID, "ingest-2")
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Added) != 1 || second.Added[0].Title != "Contractors under review" {
		t.Errorf("second run: added %v, want the document naming Audix", ids(second.Added))
	}
}

// TestWebhookRetried: a receiver that fails once gets the news on the second try,
// signed.
func TestWebhookRetried(t *testing.T) {
	var calls atomic.Int32
	var body []byte
	var sig string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		body, _ = io.ReadAll(r.Body)
		sig = r.Header.Get(SignatureHeader)
	}))
	defer srv.Close()

	ctx := context.Background()
	s := newSite(t)
	s.put("a/", "Audit of defence procurement", "The audit office reviewed procurement contracts.")
	sr := s.build()
	st, err := Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.SetNotifier(Notifier{Client: srv.Client(), Delays: []time.Duration{10 * time.Millisecond, 10 * time.Millisecond}, Allow: loopback})
	q, err := st.Create(Query{Name: "Audits", Query: "audit", Webhook: &Webhook{URL: srv.URL, Secret: "s3cret"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Execute(ctx, sr, q.ID, "1"); err != nil { // the baseline: no news, no call
		t.Fatal(err)
	}
	if calls.Load() != 0 {
		t.Fatalf("the baseline was posted")
	}
	s.put("b/", "Audit handbook", "How to audit.")
	r, err := st.Execute(ctx, s.build(), q.ID, "2")
	if err != nil {
		t.Fatal(err)
	}
	// The run is stored with its delivery pending; Deliver sends it, and retries.
	if calls.Load() != 0 || r.Webhook != "pending" {
		t.Fatalf("the run posted at once (%d calls, %q)", calls.Load(), r.Webhook)
	}
	for range 100 {
		pending, _, err := st.Deliver(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if pending == 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	r, _ = st.Run(q.ID, r.ID)
	if calls.Load() != 2 || !strings.HasPrefix(r.Webhook, "delivered (2") {
		t.Fatalf("calls %d, webhook %q", calls.Load(), r.Webhook)
	}
	if sig != Sign("s3cret", body) || !strings.Contains(string(body), `"Audit handbook"`) || strings.Contains(string(body), "s3cret") {
		t.Errorf("delivery: signature %q, body %s", sig, body)
	}
	stored, _ := st.Run(q.ID, r.ID)
	if stored.Webhook != r.Webhook {
		t.Errorf("stored run does not record the delivery: %q", stored.Webhook)
	}
	// The secret is never shown back.
	got, _ := st.Get(q.ID)
	if got.Public().Webhook.Secret != "" {
		t.Errorf("Public shows the secret")
	}
}

// watchStore is a new store with one saved query, "Watch".
func watchStore(t *testing.T) (*Store, *Query) {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := st.Create(Query{Name: "Watch", Query: "audit"})
	if err != nil {
		t.Fatal(err)
	}
	return st, q
}

// listSearcher is a Searcher whose results are a list of document IDs, each with
// content hash "h"; Export waits at wait (when set) once it has them, so that
// tests can run several at once.
type listSearcher struct {
	mu   sync.Mutex
	docs []string
	wait *sync.WaitGroup
}

func (l *listSearcher) Export(_ context.Context, _ search.Request, emit func(search.ExportHit) error) (int, error) {
	l.mu.Lock()
	docs, wait := l.docs, l.wait
	l.mu.Unlock()
	if wait != nil {
		wait.Done()
		wait.Wait()
	}
	for i, id := range docs {
		if err := emit(search.ExportHit{Rank: i + 1, Doc: &indexer.Document{ID: id, Title: id, ContentHash: "h"}, BestPage: 1}); err != nil {
			return 0, err
		}
	}
	return len(docs), nil
}

func (l *listSearcher) InDocument(context.Context, string, string) ([]search.PageHit, error) {
	return []search.PageHit{{Page: 1, Snippet: "<mark>x</mark>"}}, nil
}

func (l *listSearcher) set(docs []string, wait *sync.WaitGroup) {
	l.mu.Lock()
	l.docs, l.wait = docs, wait
	l.mu.Unlock()
}

// TestConcurrentRuns: two runs of a query at once (a double click, a run asked
// for while the runs after a crawl go on) report what is new once, not twice;
// and a run that began before another but ends after it is not stored over it.
func TestConcurrentRuns(t *testing.T) {
	ctx := context.Background()
	st, q := watchStore(t)
	ls := &listSearcher{docs: []string{"A"}}
	if _, err := st.Execute(ctx, ls, q.ID, "state-1"); err != nil {
		t.Fatal(err)
	}
	var wait sync.WaitGroup
	wait.Add(2)
	ls.set([]string{"A", "B"}, &wait)
	var runs sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		runs.Add(1)
		go func() {
			defer runs.Done()
			_, errs[i] = st.Execute(ctx, ls, q.ID, "state-2")
		}()
	}
	runs.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Runs(q.ID)
	if err != nil {
		t.Fatal(err)
	}
	var added []string
	for _, r := range stored {
		added = append(added, ids(r.Added)...)
	}
	if len(added) != 1 || added[0] != "B" {
		t.Errorf("two runs at once reported as added %q over %d runs; want B once", added, len(stored))
	}

	// A run that began before the latest stored one is not stored after it: its
	// results are older.
	latest := stored[0]
	ls.set([]string{"A"}, nil)
	st.now = func() time.Time { return latest.RanAt.Add(-time.Second) }
	got, err := st.Execute(ctx, ls, q.ID, "state-1")
	if err != nil {
		t.Fatal(err)
	}
	after, err := st.Runs(q.ID)
	if err != nil || len(after) != len(stored) || got.ID != latest.ID || len(got.Dropped) != 0 {
		t.Errorf("a run older than the latest: got run %d (dropped %q), %d runs stored (before %d), %v; want the latest, %d, and none stored",
			got.ID, ids(got.Dropped), len(after), len(stored), err, latest.ID)
	}
}

// TestResultsKept: every run keeps its news, only the latest keptResults runs
// their results; a comparison with a run whose results are gone says so.
func TestResultsKept(t *testing.T) {
	ctx := context.Background()
	st, q := watchStore(t)
	ls := &listSearcher{}
	n := keptResults + 3
	for i := range n {
		ls.set([]string{fmt.Sprint("doc-", i)}, nil)
		if _, err := st.Execute(ctx, ls, q.ID, "state"); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := st.Runs(q.ID)
	if err != nil || len(runs) != n {
		t.Fatalf("runs: %d, %v; want %d", len(runs), err, n)
	}
	for _, r := range runs {
		if r.Results != nil || (r.ID > 1 && (len(r.Added) != 1 || len(r.Dropped) != 1)) {
			t.Errorf("run %d listed: %d results, added %q, dropped %q; want no results and its news", r.ID, len(r.Results), ids(r.Added), ids(r.Dropped))
		}
	}
	for id := int64(1); id <= int64(n); id++ {
		r, err := st.Run(q.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		kept := id > int64(n-keptResults)
		if r.ResultsGone == kept || kept != (len(r.Results) == 1) {
			t.Errorf("run %d: results gone %v, %d results; want them kept: %v", id, r.ResultsGone, len(r.Results), kept)
		}
	}
	if _, _, _, err := st.Compare(q.ID, 1, int64(n)); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no longer kept") {
		t.Errorf("compare with a run whose results are gone: %v", err)
	}
	if added, dropped, _, err := st.Compare(q.ID, int64(n-1), int64(n)); err != nil || len(added) != 1 || len(dropped) != 1 {
		t.Errorf("compare the last two runs: %v %v %v", ids(added), ids(dropped), err)
	}
	f, err := st.Feed(q.ID, "", "")
	if err != nil || len(f.Entries) != min(feedRuns, n-1) {
		t.Errorf("feed: %d entries, %v; want %d", len(f.Entries), err, min(feedRuns, n-1))
	}
}

// TestRunsStoredWithResults: a file whose runs hold their results inline (as stored
// before runs and results were kept apart) reads the same, keeps them when a run is
// written again (a delivery's outcome), and a latest run without results starts a
// new baseline rather than failing every run after.
func TestRunsStoredWithResults(t *testing.T) {
	ctx := context.Background()
	st, q := watchStore(t)
	ls := &listSearcher{docs: []string{"A"}}
	for _, docs := range [][]string{{"A"}, {"A", "B"}} {
		ls.set(docs, nil)
		if _, err := st.Execute(ctx, ls, q.ID, "state"); err != nil {
			t.Fatal(err)
		}
	}
	// The older layout: results inline, none in their bucket.
	err := st.update(func(tx *bolt.Tx) error {
		runs, results := tx.Bucket(bucketRuns).Bucket([]byte(q.ID)), tx.Bucket(bucketResults).Bucket([]byte(q.ID))
		for n := int64(1); n <= 2; n++ {
			var r Run
			if err := json.Unmarshal(runs.Get(runKey(n)), &r); err != nil {
				return err
			}
			if err := json.Unmarshal(results.Get(runKey(n)), &r.Results); err != nil {
				return err
			}
			if err := putJSON(runs, runKey(n), r); err != nil {
				return err
			}
			if err := results.Delete(runKey(n)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Run(q.ID, 2)
	if err != nil || len(r.Results) != 2 || r.ResultsGone {
		t.Fatalf("a run stored with its results: %+v, %v", r, err)
	}
	// A delivery's outcome writes the run again.
	r.Webhook = "delivered (1 attempts)"
	if err := st.update(func(tx *bolt.Tx) error { return putRunTx(tx, q.ID, r) }); err != nil {
		t.Fatal(err)
	}
	if again, err := st.Run(q.ID, 2); err != nil || len(again.Results) != 2 || again.Webhook != r.Webhook {
		t.Errorf("after writing the run again: %+v, %v; want its 2 results kept", again, err)
	}
	// A latest run without results (lost) is no reason to fail: a new baseline.
	err = st.update(func(tx *bolt.Tx) error {
		var r Run
		runs := tx.Bucket(bucketRuns).Bucket([]byte(q.ID))
		if err := json.Unmarshal(runs.Get(runKey(2)), &r); err != nil {
			return err
		}
		r.Results = nil
		if err := putJSON(runs, runKey(2), r); err != nil {
			return err
		}
		return tx.Bucket(bucketResults).Bucket([]byte(q.ID)).Delete(runKey(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	if run, err := st.Execute(ctx, ls, q.ID, "state"); err != nil || !run.Baseline || run.News() {
		t.Errorf("a run after one whose results are gone: %+v, %v; want a baseline", run, err)
	}
}
