package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestCrawlLongPagination: a listing paged by "next" links only, whose pages
// differ in their numbers alone (a numbered series), is followed to its end
// however deep, each page keeping its first page's depth; its items are new on
// every page, so its pages are no repeats. An empty calendar's months still end
// within MaxRepeats (TestCrawlFixture).
func TestCrawlLongPagination(t *testing.T) {
	const pages = 12
	srv, n := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/bulletins/":
			p, _ := strconv.Atoi(r.URL.Query().Get("start"))
			var b strings.Builder
			b.WriteString("<html><body><main><h1>Bulletins</h1>")
			for i := p * 2; i < p*2+2; i++ {
				fmt.Fprintf(&b, `<h2><a href="/bulletin-%d/">Bulletin No. %d</a></h2><p>Monitoring bulletin No. %d.</p>`, i, i, i)
			}
			if p+1 < pages {
				fmt.Fprintf(&b, `<a href="/bulletins/?start=%d">Next</a>`, p+1)
			}
			b.WriteString("</main></body></html>")
			fmt.Fprint(w, b.String())
		case strings.HasPrefix(r.URL.Path, "/bulletin-"):
			fmt.Fprint(w, `<html><body><main><p>A bulletin.</p></main></body></html>`)
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, MaxDepth: 4}, srv.URL+"/bulletins/"); err != nil {
		t.Fatal(err)
	}
	for i := range pages * 2 {
		if p := fmt.Sprintf("/bulletin-%d/", i); n(p) != 1 {
			t.Errorf("%s fetched %d times, want once", p, n(p))
		}
	}
}

// countedServer serves handler on loopback for the test and counts the requests
// of each path with its query.
func countedServer(t *testing.T, handler http.HandlerFunc) (*httptest.Server, func(uri string) int) {
	t.Helper()
	var mu sync.Mutex
	n := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n[r.URL.RequestURI()]++
		mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func(uri string) int {
		mu.Lock()
		defer mu.Unlock()
		return n[uri]
	}
}
