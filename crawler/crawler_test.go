package crawler

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data"
)

// site serves fsys like a web server, with robots.txt from robots, and records the
// paths requested.
type site struct {
	*httptest.Server
	mu        sync.Mutex
	requested map[string]int
	agents    map[string]bool
}

func newSite(t *testing.T, fsys fs.FS, robots string) *site {
	t.Helper()
	s := &site{requested: map[string]int{}, agents: map[string]bool{}}
	files := http.FileServerFS(fsys)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requested[r.URL.Path]++
		s.agents[r.UserAgent()] = true
		s.mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			if robots == "" {
				http.NotFound(w, r)
				return
			}
			w.Write([]byte(robots))
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func crawl(t *testing.T, seeds []string, cfg Config) (Report, *corpus.Store) {
	t.Helper()
	store, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store = store
	if cfg.Delay == 0 {
		cfg.Delay = -1
	}
	rep, err := Crawl(context.Background(), cfg, seeds)
	if err != nil {
		t.Fatal(err)
	}
	return rep, store
}

func TestCrawlSampleSite(t *testing.T) {
	s := newSite(t, data.Sample(), "User-agent: *\nDisallow: /topic/\n")
	rep, store := crawl(t, []string{s.URL + "/"}, Config{})
	if rep.Failed != 0 {
		t.Errorf("failures: %v", rep.Errors)
	}
	entries, err := store.Entries()
	if err != nil {
		t.Fatal(err)
	}
	pdfs, ukPages := 0, 0
	for _, e := range entries {
		u, _ := url.Parse(e.URL)
		if strings.HasPrefix(u.Path, "/topic/") {
			t.Errorf("fetched %s, disallowed by robots.txt", e.URL)
		}
		if e.ContentType == corpus.TypePDF {
			pdfs++
		}
		if strings.HasPrefix(u.Path, "/uk/publication/") && strings.Contains(e.URL, "%D0") {
			ukPages++
		}
	}
	if pdfs != 9 {
		t.Errorf("fetched %d PDFs, want all 9", pdfs)
	}
	if ukPages < 4 {
		t.Errorf("fetched %d Ukrainian publication pages (percent-encoded Cyrillic), want 5", ukPages)
	}
	if rep.Excluded == 0 {
		t.Errorf("no URL excluded by robots.txt")
	}
	for p, n := range s.requested {
		if n > 1 && p != "/robots.txt" {
			t.Errorf("%s fetched %d times", p, n)
		}
	}
	if !s.agents[DefaultUserAgent] || len(s.agents) != 1 {
		t.Errorf("user agents %v, want only %q", s.agents, DefaultUserAgent)
	}
}

func TestCrawlStaysOnHostAndRecordsFailures(t *testing.T) {
	other := newSite(t, fstest.MapFS{"index.html": {Data: []byte("<p>elsewhere</p>")}}, "")
	fsys := fstest.MapFS{
		"index.html": {Data: []byte(`<html><body><main>
			<a href="/a/">a</a> <a href="/missing/">missing</a>
			<a href="` + other.URL + `/">other host</a> <a href="mailto:x@example.org">mail</a>
			<a href="/a/#section">same page</a></main></body></html>`)},
		"a/index.html": {Data: []byte(`<html><body><main><p>Page a</p><a href="/">home</a></main></body></html>`)},
	}
	s := newSite(t, fsys, "")
	rep, _ := crawl(t, []string{s.URL + "/"}, Config{})
	if rep.Fetched != 2 {
		t.Errorf("fetched %d, want 2 (home, /a/)", rep.Fetched)
	}
	if rep.Failed != 1 || !strings.Contains(strings.Join(rep.Errors, " "), "404") {
		t.Errorf("failures %d %v, want the 404 recorded", rep.Failed, rep.Errors)
	}
	if len(other.requested) != 0 {
		t.Errorf("crawled another host: %v", other.requested)
	}
}

func TestCrawlMaxPages(t *testing.T) {
	s := newSite(t, data.Sample(), "")
	rep, _ := crawl(t, []string{s.URL + "/"}, Config{MaxPages: 3})
	if rep.Fetched+rep.Failed != 3 || !rep.Truncated {
		t.Errorf("fetched %d, failed %d, truncated %v: want 3 requests and truncated", rep.Fetched, rep.Failed, rep.Truncated)
	}
}

func TestCrawlRobotsUnavailable(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("<p>page</p>"))
	}))
	defer s.Close()
	rep, _ := crawl(t, []string{s.URL + "/"}, Config{})
	if rep.Fetched != 0 || rep.Excluded != 1 {
		t.Errorf("fetched %d excluded %d: a failing robots.txt must stop the crawl of its host", rep.Fetched, rep.Excluded)
	}
}

func TestCrawlCyrillicRobotsRule(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":             {Data: []byte(`<html><body><main><a href="/uk/%d1%82%d0%b0%d1%94%d0%bc%d0%bd%d0%b5/">a</a><a href="/uk/відкрите/">b</a></main></body></html>`)},
		"uk/таємне/index.html":   {Data: []byte("<p>secret</p>")},
		"uk/відкрите/index.html": {Data: []byte("<p>open</p>")},
	}
	s := newSite(t, fsys, "User-agent: *\nDisallow: /uk/%D1%82%D0%B0%D1%94%D0%BC%D0%BD%D0%B5/\n")
	rep, _ := crawl(t, []string{s.URL + "/"}, Config{})
	if s.requested["/uk/таємне/"] != 0 {
		t.Errorf("fetched a page disallowed by a percent-encoded Cyrillic rule")
	}
	if s.requested["/uk/відкрите/"] != 1 || rep.Excluded != 1 {
		t.Errorf("requests %v excluded %d", s.requested, rep.Excluded)
	}
}

func TestCrawlBadSeeds(t *testing.T) {
	store, _ := corpus.Open(t.TempDir())
	for _, seed := range []string{"", "ftp://example.org/", "not a url", "/relative"} {
		if _, err := Crawl(context.Background(), Config{Store: store}, []string{seed}); err == nil {
			t.Errorf("seed %q accepted", seed)
		}
	}
}
