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

// TestCrawlEmptyCalendarDays: a calendar's months each link their thirty days,
// and each day its neighbours; after maxEmptyDated days in a row that say the
// same (dates aside) and lead nowhere, the shape's other days are not asked for.
// A day that leads somewhere (an event, its PDF) is fetched, and starts the count
// again.
func TestCrawlEmptyCalendarDays(t *testing.T) {
	srv, n := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case p == "/events/month/":
			m, _ := strconv.Atoi(r.URL.Query().Get("m"))
			var b strings.Builder
			fmt.Fprintf(&b, `<html><body><main><h1>Events in month %d</h1><a href="/events/month/?m=2024-%02d">next month</a>`, m, m%12+1)
			for d := 1; d <= 30; d++ {
				fmt.Fprintf(&b, ` <a href="/events/2024-%02d-%02d/">%d</a>`, m, d, d)
			}
			b.WriteString("</main></body></html>")
			fmt.Fprint(w, b.String())
		case p == "/events/2024-01-03/": // the one day with an event
			fmt.Fprint(w, `<html><body><main><h1>Events on 3</h1><a href="/event/launch/">Launch of the handbook</a></main></body></html>`)
		case strings.HasPrefix(p, "/events/"):
			var m, d int
			fmt.Sscanf(p, "/events/2024-%d-%d/", &m, &d)
			fmt.Fprintf(w, `<html><body><main><h1>Events on %d.%d</h1><p>No events.</p><a href="/events/2024-%02d-%02d/">next day</a></main></body></html>`, d, m, m, d%30+1)
		case p == "/event/launch/":
			fmt.Fprint(w, `<html><body><main><h1>Launch</h1><a href="/handbook.pdf">the handbook</a></main></body></html>`)
		case p == "/handbook.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4\n%%EOF\n"))
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	rep, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, MaxChain: 3}, srv.URL+"/events/month/?m=1")
	if err != nil {
		t.Fatal(err)
	}
	if n("/handbook.pdf") != 1 {
		t.Errorf("the event's PDF was not fetched")
	}
	days := 0
	for m := 1; m <= 12; m++ {
		for d := 1; d <= 30; d++ {
			days += n(fmt.Sprintf("/events/2024-%02d-%02d/", m, d))
		}
	}
	// Month 1: its days 1–2, the event's day, then ten empty days; the next
	// months' days are left (their run of empty days goes on).
	if days != 3+maxEmptyDated {
		t.Errorf("%d calendar days fetched, want %d; report %+v", days, 3+maxEmptyDated, rep)
	}
	if st := e.state(t, srv.URL+"/events/2024-01-30/"); st.Status != StatusTrap || rep.Traps == 0 {
		t.Errorf("a day left unasked: state %+v, %d traps reported", st, rep.Traps)
	}
}
