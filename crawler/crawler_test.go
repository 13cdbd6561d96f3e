package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data"
)

// fixture is a publisher site with every difficulty the crawler meets: the sample
// corpus, plus a page of traps and faults, served on 127.0.0.1 with a request log.
type fixture struct {
	*httptest.Server
	other *httptest.Server // an off-site host

	mu       sync.Mutex
	log      []string        // paths requested, in order
	cond     map[string]bool // paths requested with validators
	flaky    int             // requests to /extra/flaky/ so far
	pages    map[string]string
	removed  map[string]bool
	moved    map[string]string // path → new location (301)
	slowWait time.Duration
}

const extraPage = `<html><body><main><article><h1>Extras</h1>
<p><a href="/calendar/?month=1">calendar</a>
<a href="/loop-a/">loop</a> <a href="/missing/">missing</a> <a href="/extra/slow/">slow</a>
<a href="/extra/flaky/">flaky</a> <a href="/extra/trunc.pdf">truncated pdf</a>
<a href="/extra/dup-a/">dup a</a> <a href="/extra/dup-b/">dup b</a>
<a href="/extra/changing/">changing</a> <a href="/extra/removed/">removed</a> <a href="/extra/relocating/">relocating</a>
<a href="/private/secret/">private</a> <a href="/uk/%D1%82%D0%B0%D1%94%D0%BC%D0%BD%D0%B5/">таємне</a>
<a href="/?utm_source=newsletter">home again</a> <a href="/extra/#top">self</a>
<a href="/extra/moved/">moved</a> <a href="OTHER/">off-site</a>
<a href="mailto:info@example.org">mail</a>
<a href="/wp-content/uploads/2019/05/parliamentary-oversight-handbook.pdf">the handbook again</a></p></article></main></body></html>`

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{cond: map[string]bool{}, removed: map[string]bool{}, moved: map[string]string{}, slowWait: 2 * time.Second}
	f.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.log = append(f.log, "OTHER"+r.URL.Path)
		f.mu.Unlock()
	}))
	t.Cleanup(f.other.Close)
	f.pages = map[string]string{
		"/extra/":            strings.ReplaceAll(extraPage, "OTHER", f.other.URL),
		"/extra/dup-a/":      "<html><body><main><p>Same text at two addresses.</p></main></body></html>",
		"/extra/dup-b/":      "<html><body><main><p>Same text at two addresses.</p></main></body></html>",
		"/extra/changing/":   "<html><body><main><p>First version.</p></main></body></html>",
		"/extra/removed/":    "<html><body><main><p>Soon gone.</p></main></body></html>",
		"/extra/relocating/": "<html><body><main><p>Soon elsewhere.</p></main></body></html>",
		"/orphan/":           "<html><body><main><p>Only the sitemap links here.</p></main></body></html>",
	}
	site := data.Sample()
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		p := r.URL.EscapedPath()
		if r.URL.RawQuery != "" {
			p += "?" + r.URL.RawQuery
		}
		f.log = append(f.log, p)
		if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
			f.cond[r.URL.Path] = true
		}
		body, known := f.pages[r.URL.Path]
		removed := f.removed[r.URL.Path]
		movedTo := f.moved[r.URL.Path]
		f.flaky += map[bool]int{true: 1}[r.URL.Path == "/extra/flaky/"]
		flaky := f.flaky
		f.mu.Unlock()
		base := "http://" + r.Host
		switch {
		case removed:
			http.NotFound(w, r)
		case movedTo != "":
			http.Redirect(w, r, movedTo, http.StatusMovedPermanently)
		case r.URL.Path == "/robots.txt":
			fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\nDisallow: /uk/%%D1%%82%%D0%%B0%%D1%%94%%D0%%BC%%D0%%BD%%D0%%B5/\nCrawl-delay: 0.01\nSitemap: %s/sitemap_index.xml\n", base)
		case r.URL.Path == "/sitemap_index.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/sitemap-1.xml</loc></sitemap></sitemapindex>`, base)
		case r.URL.Path == "/sitemap-1.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/orphan/</loc></url><url><loc>%s/publication/police-integrity-training-manual/</loc></url></urlset>`, base, base)
		case r.URL.Path == "/calendar/":
			m, _ := strconv.Atoi(r.URL.Query().Get("month"))
			fmt.Fprintf(w, `<html><body><main><p>Month %d</p><a href="/calendar/?month=%d">next</a></main></body></html>`, m, m+1)
		case r.URL.Path == "/loop-a/":
			http.Redirect(w, r, "/loop-b/", http.StatusFound)
		case r.URL.Path == "/loop-b/":
			http.Redirect(w, r, "/loop-a/", http.StatusFound)
		case r.URL.Path == "/extra/moved/":
			http.Redirect(w, r, "/extra/dup-a/", http.StatusMovedPermanently)
		case r.URL.Path == "/extra/slow/":
			select {
			case <-time.After(f.slowWait):
			case <-r.Context().Done():
			}
			fmt.Fprint(w, "<p>late</p>")
		case r.URL.Path == "/extra/flaky/" && flaky == 1:
			http.Error(w, "try later", http.StatusServiceUnavailable)
		case r.URL.Path == "/extra/flaky/":
			fmt.Fprint(w, "<html><body><main><p>Recovered after a 503.</p></main></body></html>")
		case r.URL.Path == "/extra/trunc.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Length", "1000")
			w.Write([]byte("%PDF-1.4 only the start"))
		case known:
			serveETag(w, r, []byte(body), "text/html; charset=utf-8")
		default:
			name := strings.TrimPrefix(r.URL.Path, "/")
			if name == "" || strings.HasSuffix(name, "/") {
				name += "index.html"
			}
			b, err := fs.ReadFile(site, path.Clean(name))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			ct := "text/html; charset=utf-8"
			if strings.HasSuffix(name, ".pdf") {
				ct = "application/pdf"
			}
			serveETag(w, r, b, ct)
		}
	}))
	t.Cleanup(f.Server.Close)
	return f
}

// serveETag answers with an ETag and honours If-None-Match.
func serveETag(w http.ResponseWriter, r *http.Request, body []byte, ct string) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

func (f *fixture) requests() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := map[string]int{}
	for _, p := range f.log {
		n[p]++
	}
	return n
}

func (f *fixture) resetLog() {
	f.mu.Lock()
	f.log, f.cond = nil, map[string]bool{}
	f.mu.Unlock()
}

// env is a data directory: corpus and crawl state.
type env struct {
	store *corpus.Store
	dir   string
}

func newEnv(t testing.TB) *env {
	dir := t.TempDir()
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	return &env{store: store, dir: dir}
}

func (e *env) crawl(t *testing.T, ctx context.Context, cfg Config, seeds ...string) (Report, error) {
	t.Helper()
	st, err := OpenState(filepath.Join(e.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg.Store, cfg.State = e.store, st
	if cfg.Rate == 0 {
		cfg.Rate = -1
	}
	if cfg.RetryBase == 0 {
		cfg.RetryBase = 10 * time.Millisecond
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 300 * time.Millisecond
	}
	return Crawl(ctx, cfg, seeds)
}

func (e *env) state(t *testing.T, u string) URLState {
	t.Helper()
	st, err := OpenState(filepath.Join(e.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, ok, err := st.Get(u)
	if err != nil || !ok {
		t.Fatalf("state of %s: %v %v", u, ok, err)
	}
	return s
}

func TestCrawlFixture(t *testing.T) {
	f := newFixture(t)
	e := newEnv(t)
	rep, err := e.crawl(t, context.Background(), Config{}, f.URL+"/", f.URL+"/extra/")
	if err != nil {
		t.Fatal(err)
	}
	req := f.requests()
	entries, err := e.store.Entries()
	if err != nil {
		t.Fatal(err)
	}
	pdfs := 0
	stored := map[string]bool{}
	for _, en := range entries {
		stored[strings.TrimPrefix(en.URL, f.URL)] = true
		if en.ContentType == corpus.TypePDF {
			pdfs++
		}
	}
	if pdfs != 9 {
		t.Errorf("stored %d PDFs, want the sample's 9 (the truncated one must not be stored)", pdfs)
	}
	// Every in-scope page and PDF is fetched exactly once; retried faults a bounded number of times.
	retried := map[string]int{"/extra/flaky/": 2, "/extra/slow/": 1 + DefaultRetries, "/extra/trunc.pdf": 1 + DefaultRetries}
	for p, n := range req {
		want := 1
		if r, ok := retried[p]; ok {
			want = r
		}
		if n != want && !strings.HasPrefix(p, "OTHER") {
			t.Errorf("%s requested %d times, want %d", p, n, want)
		}
	}
	for _, p := range []string{"/orphan/", "/extra/flaky/", "/publication/parliamentary-oversight-handbook/", "/wp-content/uploads/2019/05/parliamentary-oversight-handbook.pdf",
		"/uk/publication/%D0%B3%D0%B5%D0%BD%D0%B4%D0%B5%D1%80-%D1%96-%D1%81%D0%B5%D0%BA%D1%82%D0%BE%D1%80-%D0%B1%D0%B5%D0%B7%D0%BF%D0%B5%D0%BA%D0%B8-%D0%BF%D0%BE%D1%81%D1%96%D0%B1%D0%BD%D0%B8%D0%BA/"} {
		if !stored[p] {
			t.Errorf("%s not stored", p)
		}
	}
	// Nothing excluded or off-site was requested.
	for p := range req {
		if strings.HasPrefix(p, "/private/") || strings.HasPrefix(p, "/uk/%D1%82") || strings.HasPrefix(p, "OTHER") || strings.Contains(p, "utm_") {
			t.Errorf("requested %s, which is excluded, off-site or a tracking variant", p)
		}
	}
	// The calendar trap stops within its limit.
	cal := 0
	for p := range req {
		if strings.HasPrefix(p, "/calendar/") {
			cal++
		}
	}
	if cal == 0 || cal > DefaultMaxRepeats+2 {
		t.Errorf("calendar fetched %d times, want 1..%d: its months repeat each other", cal, DefaultMaxRepeats+2)
	}
	if rep.Traps == 0 || rep.Excluded < 2 || rep.Offsite == 0 || rep.Failed != 2 || rep.Missing == 0 || rep.Redirects < 3 {
		t.Errorf("report %+v", rep)
	}
	// Identical content at two URLs: both recorded, stored once.
	a, errA := e.store.Get(f.URL + "/extra/dup-a/")
	b, errB := e.store.Get(f.URL + "/extra/dup-b/")
	if errA != nil || errB != nil || a.SHA256 != b.SHA256 {
		t.Errorf("duplicate pages: %v %v %s %s", errA, errB, a.SHA256, b.SHA256)
	}
	if s := e.state(t, f.URL+"/loop-b/"); s.Status != StatusRedirected || s.RedirectTo != f.URL+"/loop-a/" {
		t.Errorf("redirect loop state %+v", s)
	}
	if s := e.state(t, f.URL+"/extra/trunc.pdf"); s.Status != StatusFailed || !strings.Contains(s.Error, "truncated") {
		t.Errorf("truncated PDF state %+v", s)
	}
	if s := e.state(t, f.URL+"/publication/parliamentary-oversight-handbook/"); len(s.Referrers) == 0 || s.ETag == "" {
		t.Errorf("publication state %+v: want referrers and an ETag", s)
	}
	toolkit := e.state(t, f.URL+"/publication/civil-society-oversight-toolkit/")
	if uk := toolkit.Translations["uk"]; !strings.HasPrefix(uk, f.URL+"/uk/publication/%D0%BD%D0%B0%D0%B1%D1%96%D1%80") {
		t.Errorf("toolkit translations %v: want its Ukrainian version", toolkit.Translations)
	}
	if s := e.state(t, f.URL+"/wp-content/uploads/2019/05/parliamentary-oversight-handbook.pdf"); len(s.Referrers) < 2 {
		t.Errorf("handbook PDF referrers %v: it is linked from its page and from /extra/", s.Referrers)
	}
}

func TestCrawlIncremental(t *testing.T) {
	f := newFixture(t)
	f.slowWait = 0
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{}, f.URL+"/", f.URL+"/extra/"); err != nil {
		t.Fatal(err)
	}
	f.resetLog()
	f.mu.Lock()
	f.pages["/extra/changing/"] = "<html><body><main><p>Second version.</p></main></body></html>"
	f.removed["/extra/removed/"] = true
	f.moved["/extra/relocating/"] = "/orphan/"
	f.mu.Unlock()

	rep, err := e.crawl(t, context.Background(), Config{}, f.URL+"/", f.URL+"/extra/")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Resumed || rep.Run != 2 {
		t.Errorf("second crawl: run %d resumed %v, want a new run 2", rep.Run, rep.Resumed)
	}
	if rep.Changed != 1 || rep.Gone != 1 || rep.Unchanged < 50 {
		t.Errorf("second crawl: changed %d gone %d unchanged %d, want 1, 1 and the rest unchanged", rep.Changed, rep.Gone, rep.Unchanged)
	}
	f.mu.Lock()
	conditional := len(f.cond)
	f.mu.Unlock()
	if conditional < 50 {
		t.Errorf("only %d conditional requests on the second run", conditional)
	}
	gone, err := e.store.Get(f.URL + "/extra/removed/")
	if err != nil || gone.GoneAt.IsZero() {
		t.Errorf("removed page: entry %+v, %v: want it kept and marked gone", gone, err)
	}
	if s := e.state(t, f.URL+"/extra/removed/"); s.Status != StatusGone || s.SHA256 == "" {
		t.Errorf("removed page state %+v", s)
	}
	if moved, err := e.store.Get(f.URL + "/extra/relocating/"); err != nil || moved.GoneAt.IsZero() {
		t.Errorf("permanently moved page: %+v, %v: want its old entry marked gone", moved, err)
	}
}

// TestCrawlResume stops a crawl part way (by MaxPages, then by cancelling) and checks
// that the next runs finish the work without fetching anything twice.
func TestCrawlResume(t *testing.T) {
	f := newFixture(t)
	f.slowWait = 0
	e := newEnv(t)
	rep, err := e.crawl(t, context.Background(), Config{MaxPages: 10}, f.URL+"/", f.URL+"/extra/")
	if err != nil || !rep.Truncated {
		t.Fatalf("first part: %v, truncated %v", err, rep.Truncated)
	}
	ctx, cancel := context.WithCancel(context.Background())
	visited := 0
	rep, err = e.crawl(t, ctx, Config{Workers: 1, Progress: func(Progress) {
		visited++
		if visited == 15 {
			cancel()
		}
	}}, f.URL+"/", f.URL+"/extra/")
	if err == nil || !rep.Resumed {
		t.Fatalf("second part: err %v resumed %v, want cancelled and resumed", err, rep.Resumed)
	}
	rep, err = e.crawl(t, context.Background(), Config{}, f.URL+"/", f.URL+"/extra/")
	if err != nil || !rep.Resumed || rep.Truncated {
		t.Fatalf("last part: %v resumed %v truncated %v", err, rep.Resumed, rep.Truncated)
	}
	retried := map[string]bool{"/extra/flaky/": true, "/extra/trunc.pdf": true, "/robots.txt": true}
	for p, n := range f.requests() {
		if n > 1 && !retried[p] {
			t.Errorf("%s requested %d times across the resumed runs", p, n)
		}
	}
	entries, _ := e.store.Entries()
	pdfs := 0
	for _, en := range entries {
		if en.ContentType == corpus.TypePDF {
			pdfs++
		}
	}
	if pdfs != 9 {
		t.Errorf("after resuming, %d PDFs stored, want 9", pdfs)
	}
}

// TestCrawlRobotsUnavailable checks that a robots.txt failing after its retries
// leaves the host's URLs as they were, in the frontier for the next invocation, and
// that one failure is retried.
func TestCrawlRobotsUnavailable(t *testing.T) {
	var failures, robotsHits, pageHits atomic.Int64 // failures: robots.txt answers 503 while > 0
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			robotsHits.Add(1)
			if failures.Add(-1) >= 0 {
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/":
			pageHits.Add(1)
			fmt.Fprint(w, `<html><body><main><a href="/a/">a</a></main></body></html>`)
		default:
			pageHits.Add(1)
			fmt.Fprint(w, `<html><body><main><p>A</p></main></body></html>`)
		}
	}))
	defer s.Close()
	e := newEnv(t)
	cfg := Config{NoSitemaps: true}
	if _, err := e.crawl(t, context.Background(), cfg, s.URL+"/"); err != nil {
		t.Fatal(err)
	}

	failures.Store(100)
	robotsHits.Store(0)
	pageHits.Store(0)
	down := cfg
	down.Retries = 1
	rep, err := e.crawl(t, context.Background(), down, s.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if robotsHits.Load() != 2 || pageHits.Load() != 0 {
		t.Errorf("robots.txt down: %d robots.txt and %d page requests, want 2 (one retry) and none", robotsHits.Load(), pageHits.Load())
	}
	// The run ends (a host that stays down must not hold back the others' next
	// crawl); its URLs keep their last outcomes and wait for the next run.
	if rep.Truncated || rep.Postponed != 2 || rep.Excluded != 0 || len(rep.Errors) == 0 {
		t.Errorf("robots.txt down: report %+v, want 2 postponed, nothing excluded, the error listed, the run finished", rep)
	}
	if st := e.state(t, s.URL+"/a/"); st.Status != StatusFetched {
		t.Errorf("robots.txt down: /a/ now %q, want its last outcome kept", st.Status)
	}

	failures.Store(1) // one more 503: retried
	pageHits.Store(0)
	rep, err = e.crawl(t, context.Background(), cfg, s.URL+"/")
	if err != nil || rep.Resumed || rep.Truncated || rep.Postponed != 0 {
		t.Fatalf("robots.txt back: %v, report %+v; want a new run that visits the host", err, rep)
	}
	if pageHits.Load() != 2 || rep.Retries == 0 {
		t.Errorf("robots.txt back: %d page requests, %d retries; want both pages after a retried robots.txt", pageHits.Load(), rep.Retries)
	}
}

func TestCrawlPoliteness(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.2\n")
			return
		}
		fmt.Fprint(w, `<html><body><main><a href="/a/">a</a><a href="/b/">b</a></main></body></html>`)
	}))
	defer s.Close()
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{Rate: 100, Workers: 4, NoSitemaps: true}, s.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if len(times) != 4 {
		t.Fatalf("%d requests, want robots.txt and 3 pages", len(times))
	}
	for i := 2; i < len(times); i++ { // the Crawl-delay applies from the first page on
		if gap := times[i].Sub(times[i-1]); gap < 180*time.Millisecond {
			t.Errorf("request %d came %v after the previous one: Crawl-delay 0.2s not honoured", i, gap)
		}
	}
}

func TestCrawlBadConfig(t *testing.T) {
	e := newEnv(t)
	for _, seeds := range [][]string{nil, {""}, {"ftp://example.org/"}, {"not a url"}, {"/relative"}} {
		if _, err := e.crawl(t, context.Background(), Config{}, seeds...); err == nil {
			t.Errorf("seeds %q accepted", seeds)
		}
	}
	if _, err := Crawl(context.Background(), Config{}, []string{"https://example.org/"}); err == nil {
		t.Errorf("crawl without a store accepted")
	}
}

func TestSourcesFile(t *testing.T) {
	srcs, err := LoadSources(filepath.Join("..", "data", "sources.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var uk bool
	for _, s := range srcs {
		uk = uk || strings.Contains(s.Name, "ukrainesecuritysector-uk")
	}
	if len(srcs) < 2 || !uk {
		t.Errorf("sources: %+v, want the Ukraine SSG portal in English and Ukrainian", srcs)
	}
	// The portal's two halves share a host: between them they take its pages
	// and publications, not its searches, feeds and replies.
	r, err := rules(Config{Sources: srcs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	portal := r["ukrainesecuritysector.com"]
	for path, want := range map[string]bool{
		"/publication/x/": true, "/uk/publication/x/": true, "/uk/": true,
		"/publication/?s=police": false, "/uk/page/2/?s=x": false, "/uk/publication/x/?replytocom=3": false, "/feed/": false, "/uk/feed/": false,
	} {
		if got := portal != nil && portal.included(path); got != want {
			t.Errorf("the portal's %s crawled: %v, want %v", path, got, want)
		}
	}
	for _, bad := range []string{
		"sources: []",
		"sources:\n  - name: a\n",
		"sources:\n  - name: a\n    seeds: [ftp://x/]\n",
		"sources:\n  - name: a\n    seeds: [http://x/]\n    include: ['(']\n",
		"sources:\n  - name: a\n    seeds: [http://x/]\n  - name: a\n    seeds: [http://y/]\n",
		"sources:\n  - name: a\n    seeds: [http://x/]\n    rates: 1\n",
	} {
		if _, err := ParseSources([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

// TestCrawlSources crawls two hosts as two sources with their own path rules.
func TestCrawlSources(t *testing.T) {
	f := newFixture(t)
	f.slowWait = 0
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt", "/sitemap.xml", "/wp-sitemap.xml":
			http.NotFound(w, r)
		case "/library/":
			fmt.Fprint(w, `<html><body><main><a href="/library/a/">a</a> <a href="/shop/">shop</a></main></body></html>`)
		case "/library/a/":
			fmt.Fprint(w, `<html><body><main><p>A library page.</p></main></body></html>`)
		default:
			t.Errorf("other host: requested %s outside its include rule", r.URL.Path)
		}
	}))
	defer other.Close()
	e := newEnv(t)
	rep, err := e.crawl(t, context.Background(), Config{Sources: []Source{
		{Name: "main", Seeds: []string{f.URL + "/publication/"}, Exclude: []string{`^/uk/`, `^/calendar/`}},
		{Name: "other", Seeds: []string{other.URL + "/library/"}, Include: []string{`^/library/`, `^/robots\.txt$`}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for p := range f.requests() {
		if strings.HasPrefix(p, "/uk/") {
			t.Errorf("requested %s, excluded by its source", p)
		}
	}
	if _, err := e.store.Get(other.URL + "/library/a/"); err != nil {
		t.Errorf("second source not crawled: %v", err)
	}
	if rep.Excluded == 0 {
		t.Errorf("nothing excluded: %+v", rep)
	}
}

func TestCrawlRobotsRedirect(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			http.Redirect(w, r, "/real-robots.txt", http.StatusMovedPermanently)
		case "/real-robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /no/\n")
		case "/":
			fmt.Fprint(w, `<html><body><main><a href="/no/">no</a><a href="/yes/">yes</a></main></body></html>`)
		default:
			fmt.Fprint(w, `<html><body><main><p>page</p></main></body></html>`)
		}
	}))
	defer s.Close()
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true}, s.URL+"/"); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(seen, " ")
	if strings.Contains(got, "/no/") || !strings.Contains(got, "/yes/") {
		t.Errorf("requests %s: the redirected robots.txt must apply", got)
	}
}

// linkSite serves a home page linking n pages /p/a/, /p/b/, … and off off-site
// hosts, and counts the requests for pages.
func linkSite(t *testing.T, n, off int) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			hits.Add(1)
			var b strings.Builder
			b.WriteString("<html><body><main>")
			for i := range n {
				fmt.Fprintf(&b, `<a href="/p/%c/">p</a>`, 'a'+i)
			}
			for i := range off {
				fmt.Fprintf(&b, `<a href="https://elsewhere-%d.example/">x</a>`, i)
			}
			b.WriteString("</main></body></html>")
			fmt.Fprint(w, b.String())
		default:
			hits.Add(1)
			fmt.Fprintf(w, "<html><body><main><p>page %s</p></main></body></html>", r.URL.Path)
		}
	}))
	t.Cleanup(s.Close)
	return s, &hits
}

// TestCrawlMaxPagesResumes reruns one command with MaxPages: each invocation goes on
// where the last stopped, until the run is done.
func TestCrawlMaxPagesResumes(t *testing.T) {
	s, hits := linkSite(t, 20, 0)
	e := newEnv(t)
	cfg := Config{MaxPages: 5, NoSitemaps: true, Workers: 1}
	for i := 1; ; i++ {
		before := hits.Load()
		rep, err := e.crawl(t, context.Background(), cfg, s.URL+"/")
		if err != nil {
			t.Fatal(err)
		}
		if got := hits.Load() - before; got == 0 || got > 5 {
			t.Fatalf("invocation %d fetched %d pages, want 1..5", i, got)
		}
		if !rep.Truncated {
			break
		}
		if i == 5 {
			t.Fatalf("still truncated after %d invocations of 5 pages", i)
		}
	}
	if got := hits.Load(); got != 21 {
		t.Errorf("%d pages fetched in all, want the 21 once each", got)
	}
}

// TestCrawlResumeCountsVisitsOnly interrupts a run and checks that its resumption
// counts only the URLs visited, not those recorded as off-site or re-queued.
func TestCrawlResumeCountsVisitsOnly(t *testing.T) {
	tests := []struct {
		name     string
		off      int
		fullRun  bool // a complete run first, so that the interrupted one re-queues known URLs
		maxPages int
	}{
		{name: "off-site links", off: 60, maxPages: 50},
		{name: "re-crawl of known URLs", fullRun: true, maxPages: 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, hits := linkSite(t, 10, tc.off)
			e := newEnv(t)
			cfg := Config{NoSitemaps: true, Workers: 1}
			if tc.fullRun {
				if _, err := e.crawl(t, context.Background(), cfg, s.URL+"/"); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			n := 0
			stop := cfg
			stop.Progress = func(Progress) {
				if n++; n == 2 {
					cancel()
				}
			}
			e.crawl(t, ctx, stop, s.URL+"/")
			before := hits.Load()
			cfg.MaxPages = tc.maxPages
			rep, err := e.crawl(t, context.Background(), cfg, s.URL+"/")
			if err != nil || !rep.Resumed || rep.Truncated {
				t.Fatalf("resumed run: %v resumed %v truncated %v", err, rep.Resumed, rep.Truncated)
			}
			if got := hits.Load() - before; got != 9 {
				t.Errorf("resumed run fetched %d pages, want the 9 left", got)
			}
		})
	}
}

// TestCrawlNot200 checks that a 2xx answer other than 200, or a 200 without a body,
// keeps the page stored before.
func TestCrawlNot200(t *testing.T) {
	const page = `<html><body><main><p>The real handbook page.</p></main></body></html>`
	for _, status := range []int{http.StatusAccepted, http.StatusNonAuthoritativeInfo, http.StatusNoContent, http.StatusOK} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			var other atomic.Bool
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.URL.Path == "/robots.txt":
					http.NotFound(w, r)
				case other.Load() && status == http.StatusOK:
					w.Header().Set("Content-Type", "text/html")
				case other.Load():
					w.Header().Set("Content-Type", "text/html")
					w.WriteHeader(status)
					fmt.Fprint(w, "<html>checking your browser</html>")
				default:
					fmt.Fprint(w, page)
				}
			}))
			defer s.Close()
			e := newEnv(t)
			cfg := Config{NoSitemaps: true}
			if _, err := e.crawl(t, context.Background(), cfg, s.URL+"/"); err != nil {
				t.Fatal(err)
			}
			before, err := e.store.Get(s.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			other.Store(true)
			rep, err := e.crawl(t, context.Background(), cfg, s.URL+"/")
			if err != nil {
				t.Fatal(err)
			}
			after, err := e.store.Get(s.URL + "/")
			if err != nil || after.SHA256 != before.SHA256 || rep.Changed != 0 || rep.Failed != 1 {
				t.Errorf("entry %+v, %v, report %+v: want the stored page kept and the answer counted failed", after, err, rep)
			}
			if st := e.state(t, s.URL+"/"); st.Status != StatusFailed || st.SHA256 != before.SHA256 {
				t.Errorf("state %+v: want failed, with the stored page's digest", st)
			}
		})
	}
}

// TestCrawlCanonical checks where pages naming a canonical URL are stored: under it
// when it holds the same content, under their own URL when it holds another page.
func TestCrawlCanonical(t *testing.T) {
	page := func(canonical, text, links string) string {
		return `<html><head><link rel="canonical" href="` + canonical + `"></head><body><main><p>` + text + `</p>` + links + `</main></body></html>`
	}
	home := page("/", "home", `<a href="/a/">a</a><a href="/b/">b</a>`)
	x := page("/x/", "x", "")
	type want struct {
		text    string // the stored body holds it
		aliasOf string
	}
	tests := []struct {
		name    string
		pages   map[string]string // request URI → body
		seeds   []string
		want    map[string]want
		notSent []string // request URIs never sent
	}{
		{
			name:  "every page names the home page",
			pages: map[string]string{"/": home, "/a/": page("/", "page a", ""), "/b/": page("/", "page b", "")},
			seeds: []string{"/"},
			want:  map[string]want{"/": {text: "home"}, "/a/": {text: "page a"}, "/b/": {text: "page b"}},
		},
		{
			name:  "a page fetched before the home page it names",
			pages: map[string]string{"/": home, "/a/": page("/", "page a", ""), "/b/": page("/", "page b", "")},
			seeds: []string{"/a/", "/"},
			want:  map[string]want{"/": {text: "home"}, "/a/": {text: "page a"}, "/b/": {text: "page b"}},
		},
		{
			name:    "a variant naming its page, not linked",
			pages:   map[string]string{"/x/": x, "/x/?replytocom=1": x},
			seeds:   []string{"/x/?replytocom=1"},
			want:    map[string]want{"/x/": {text: "x"}, "/x/?replytocom=1": {text: "x", aliasOf: "/x/"}},
			notSent: []string{"/x/"},
		},
		{
			name:  "a variant naming its page, fetched after it",
			pages: map[string]string{"/x/": strings.Replace(x, "</main>", `<a href="/x/?v=1">v</a></main>`, 1), "/x/?v=1": strings.Replace(x, "</main>", `<a href="/x/?v=1">v</a></main>`, 1)},
			seeds: []string{"/x/"},
			want:  map[string]want{"/x/": {text: "x"}, "/x/?v=1": {text: "x", aliasOf: "/x/"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			sent := map[string]bool{}
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				sent[r.RequestURI] = true
				mu.Unlock()
				body, ok := tc.pages[r.RequestURI]
				if !ok {
					http.NotFound(w, r)
					return
				}
				fmt.Fprint(w, body)
			}))
			defer s.Close()
			e := newEnv(t)
			var seeds []string
			for _, p := range tc.seeds {
				seeds = append(seeds, s.URL+p)
			}
			if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Workers: 1}, seeds...); err != nil {
				t.Fatal(err)
			}
			for p, w := range tc.want {
				en, err := e.store.Get(s.URL + p)
				if err != nil {
					t.Errorf("%s: %v", p, err)
					continue
				}
				body, err := e.store.Body(en.SHA256)
				if err != nil || !strings.Contains(string(body), "<p>"+w.text+"</p>") {
					t.Errorf("%s holds %.80q (%v), want %q", p, body, err, w.text)
				}
				if wa := strings.TrimPrefix(en.AliasOf, s.URL); wa != w.aliasOf {
					t.Errorf("%s is an alias of %q, want %q", p, wa, w.aliasOf)
				}
			}
			for _, p := range tc.notSent {
				if sent[p] {
					t.Errorf("%s requested: its content was fetched under another URL", p)
				}
			}
		})
	}
}

// TestCrawlCanonicalChanged: a variant stored under the page it names as
// canonical stays its alias when the page changes: the new content is stored
// under the canonical URL once, not under both.
func TestCrawlCanonicalChanged(t *testing.T) {
	var text atomic.Value
	text.Store("x1")
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/x/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<html><head><link rel="canonical" href="/x/"></head><body><main><p>%s</p></main></body></html>`, text.Load())
	}))
	defer s.Close()
	e := newEnv(t)
	for _, v := range []string{"x1", "x2"} {
		text.Store(v)
		if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Workers: 1}, s.URL+"/x/?replytocom=1"); err != nil {
			t.Fatal(err)
		}
		c, err := e.store.Get(s.URL + "/x/")
		if err != nil {
			t.Fatal(err)
		}
		variant, err := e.store.Get(s.URL + "/x/?replytocom=1")
		if err != nil {
			t.Fatal(err)
		}
		body, err := e.store.Body(c.SHA256)
		if err != nil || !strings.Contains(string(body), "<p>"+v+"</p>") || variant.AliasOf != s.URL+"/x/" {
			t.Errorf("after the page says %s: canonical holds %.80q (%v), the variant is an alias of %q; want the new text under the canonical URL, the variant its alias",
				v, body, err, variant.AliasOf)
		}
	}
}

// TestCrawlSelfRedirect checks a redirect whose Location normalises to the URL
// itself: the URL is asked once in the Location's spelling, and is never marked gone.
func TestCrawlSelfRedirect(t *testing.T) {
	tests := []struct {
		name       string
		path, loc  string // the second run's redirect: request URI → Location
		wantStatus string
	}{
		{"escapes in lower case", "/uk/%D0%BA/", "/uk/%d0%ba/", StatusFetched},
		{"a tracking parameter", "/a/", "/a/?utm_source=x", StatusFailed},
		{"itself", "/a/", "/a/", StatusFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var redirect atomic.Bool
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.URL.Path == "/robots.txt":
					http.NotFound(w, r)
				case redirect.Load() && (r.RequestURI == tc.path || tc.loc == tc.path || strings.Contains(r.RequestURI, "utm_")):
					w.Header().Set("Location", tc.loc)
					w.WriteHeader(http.StatusMovedPermanently)
				default:
					fmt.Fprint(w, `<html><body><main><p>The page.</p></main></body></html>`)
				}
			}))
			defer s.Close()
			e := newEnv(t)
			cfg := Config{NoSitemaps: true}
			if _, err := e.crawl(t, context.Background(), cfg, s.URL+tc.path); err != nil {
				t.Fatal(err)
			}
			redirect.Store(true)
			if _, err := e.crawl(t, context.Background(), cfg, s.URL+tc.path); err != nil {
				t.Fatal(err)
			}
			if en, err := e.store.Get(s.URL + tc.path); err != nil || !en.GoneAt.IsZero() {
				t.Errorf("entry %+v, %v: want it kept, not gone", en, err)
			}
			if st := e.state(t, s.URL+tc.path); st.Status != tc.wantStatus || st.RedirectTo != "" {
				t.Errorf("state %s → %q (%s), want %s", st.Status, st.RedirectTo, st.Error, tc.wantStatus)
			}
		})
	}
}

// TestCrawlUnchangedPageLinks checks that the links of a page answering 304 are
// queued: a URL excluded by robots.txt in one run is fetched once it is allowed.
func TestCrawlUnchangedPageLinks(t *testing.T) {
	var relaxed atomic.Bool
	var aHits atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			if relaxed.Load() {
				fmt.Fprint(w, "User-agent: *\nDisallow:\n")
			} else {
				fmt.Fprint(w, "User-agent: *\nDisallow: /a/\n")
			}
		case "/":
			serveETag(w, r, []byte(`<html><body><main><a href="/a/">a</a></main></body></html>`), "text/html")
		default:
			aHits.Add(1)
			fmt.Fprint(w, `<html><body><main><p>A</p></main></body></html>`)
		}
	}))
	defer s.Close()
	e := newEnv(t)
	cfg := Config{NoSitemaps: true}
	if _, err := e.crawl(t, context.Background(), cfg, s.URL+"/"); err != nil {
		t.Fatal(err)
	}
	relaxed.Store(true)
	rep, err := e.crawl(t, context.Background(), cfg, s.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged != 1 || aHits.Load() != 1 {
		t.Errorf("second run: %d unchanged, /a/ fetched %d times; want the home page unchanged and /a/ fetched", rep.Unchanged, aHits.Load())
	}
	if st := e.state(t, s.URL+"/a/"); st.Status != StatusFetched || len(st.Referrers) == 0 {
		t.Errorf("/a/ state %+v", st)
	}
}
