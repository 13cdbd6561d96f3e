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
	"time"
)

// TestCrawlLongPagination: a listing paged by "next" links only, whose pages
// differ in their numbers alone (a numbered series), is followed to its end
// however deep, each page keeping its first page's depth; its items are new on
// every page, so its pages are no repeats. An empty calendar's months still end
// within MaxRepeats (TestCrawlFixture).
func TestCrawlLongPagination(t *testing.T) {
	const pages = 12
	var mu sync.Mutex
	n := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n[r.URL.RequestURI()]++
		mu.Unlock()
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
	}))
	defer srv.Close()
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, MaxDepth: 4}, srv.URL+"/bulletins/"); err != nil {
		t.Fatal(err)
	}
	for i := range pages * 2 {
		if p := fmt.Sprintf("/bulletin-%d/", i); n[p] != 1 {
			t.Errorf("%s fetched %d times, want once", p, n[p])
		}
	}
}

// TestCrawlCalendarDays: a calendar whose months link every day, each day empty,
// stops once MaxChain of its days have led to nothing; the publications beside it
// are all fetched.
func TestCrawlCalendarDays(t *testing.T) {
	const maxChain = 10
	var mu sync.Mutex
	days, months := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		menu := `<nav><a href="/">Home</a> <a href="/events/month/">Events</a> <a href="/publication/">Publications</a></nav>`
		p := r.URL.Path
		switch {
		case p == "/":
			fmt.Fprint(w, "<html><body>"+menu+"</body></html>")
		case p == "/events/month/":
			mu.Lock()
			months++
			mu.Unlock()
			m, err := time.Parse("2006-01", r.URL.Query().Get("date"))
			if err != nil {
				m = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
			}
			var b strings.Builder
			fmt.Fprintf(&b, `<html><body>%s<h2>Events for %s</h2><a href="/events/month/?date=%s">prev</a> <a href="/events/month/?date=%s">next</a>`,
				menu, m.Format("January 2006"), m.AddDate(0, -1, 0).Format("2006-01"), m.AddDate(0, 1, 0).Format("2006-01"))
			for d := m; d.Month() == m.Month(); d = d.AddDate(0, 0, 1) {
				fmt.Fprintf(&b, `<a href="/events/%s/">%d</a> `, d.Format("2006-01-02"), d.Day())
			}
			fmt.Fprint(w, b.String()+"</body></html>")
		case strings.HasPrefix(p, "/events/"):
			mu.Lock()
			days++
			mu.Unlock()
			fmt.Fprint(w, "<html><body>"+menu+"<p>No events scheduled.</p></body></html>")
		case p == "/publication/":
			fmt.Fprint(w, "<html><body>"+menu+`<a href="/publication/a/">a</a> <a href="/publication/b/">b</a></body></html>`)
		default:
			fmt.Fprint(w, "<html><body>"+menu+"<p>A publication.</p></body></html>")
		}
	}))
	defer srv.Close()
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, MaxChain: maxChain}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/publication/a/", "/publication/b/"} {
		if _, err := e.store.Get(srv.URL + p); err != nil {
			t.Errorf("%s not fetched: %v", p, err)
		}
	}
	if days > maxChain+1 || months > 2*(maxChain+2) {
		t.Errorf("calendar: %d days and %d months fetched, want at most %d and %d", days, months, maxChain+1, 2*(maxChain+2))
	}
}
