package crawler

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
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

// TestCrawlEchoes: a page that a server answers with its own text under longer
// addresses, which its links lengthen again (relative "print/" links answered at
// any path below the page, "?print=1" added to the query each time, a
// "?return=" of the address itself), is asked for one step further, not on and
// on; a listing's pages, whose text differs, are followed.
func TestCrawlEchoes(t *testing.T) {
	const summary = "The report reviews how parliament oversees the security sector: the committees, their powers of inquiry, their access to classified information, and the budget hearings that it holds with the ministries each year."
	var mu sync.Mutex
	prefixes := map[string]int{}
	srv, n := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if len(p) >= 7 {
			mu.Lock()
			prefixes[p[:7]]++
			mu.Unlock()
		}
		switch {
		case p == "/":
			fmt.Fprint(w, `<html><body><nav>Home About Publications</nav><main><a href="/pub/a/?print=1">A</a> <a href="/pub/b/">B</a> <a href="/pub/c/">C</a> <a href="/list/page/1/">List</a> <a href="/covers/"><img src="/c.png"></a></main></body></html>`)
		case p == "/covers/": // the home page's text alone, images of covers that lead on
			fmt.Fprint(w, `<html><body><nav>Home About Publications</nav><main><a href="/covers/report-2019/"><img src="/r.png"></a></main></body></html>`)
		case p == "/covers/report-2019/":
			fmt.Fprint(w, `<html><body><nav>Home About Publications</nav><main><a href="/files/report-2019.pdf"><img src="/r.png"></a></main></body></html>`)
		case p == "/files/report-2019.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.4\n%%EOF\n")
		case p == "/pub/a/":
			fmt.Fprintf(w, `<html><body><main><p>Report A. %[2]s</p><a href="/pub/a/?%[1]s&amp;print=1">Print</a></main></body></html>`, strings.ReplaceAll(r.URL.RawQuery, "&", "&amp;"), summary)
		case strings.HasPrefix(p, "/pub/b/"):
			fmt.Fprint(w, `<html><body><main><p>Report B. `+summary+`</p><a href="print/">Print</a> <a href="share/">Share</a> <a href="email/">E-mail</a></main></body></html>`)
		case p == "/pub/c/":
			fmt.Fprintf(w, `<html><body><main><p>Report C. %s</p><a href="/pub/c/?return=%s">Subscribe</a></main></body></html>`, summary, url.QueryEscape(r.URL.RequestURI()))
		case strings.HasPrefix(p, "/list/page/"):
			k, _ := strconv.Atoi(strings.Trim(strings.TrimPrefix(p, "/list/page/"), "/"))
			if k < 6 {
				fmt.Fprintf(w, `<html><body><main><p>The %s report.</p><a href="/list/page/%d/">Next</a></main></body></html>`, []string{"", "first", "second", "third", "fourth", "fifth"}[k], k+1)
			} else {
				fmt.Fprint(w, `<html><body><main><p>The last items.</p></main></body></html>`)
			}
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	for prefix, most := range map[string]int{"/pub/a/": 2, "/pub/b/": 4, "/pub/c/": 2} {
		if got := prefixes[prefix]; got > most {
			t.Errorf("%s… asked for %d times, want at most %d", prefix, got, most)
		}
	}
	if n("/list/page/6/") != 1 {
		t.Errorf("a listing's last page not reached")
	}
	if n("/files/report-2019.pdf") != 1 {
		t.Errorf("pages of images alone, which read as the home page does, taken for its echoes")
	}
}

// TestCrawlDatedFiles: a journal's files named by issue ("2023_2_03.pdf") are
// fetched however many there are: a file is no calendar's empty day.
func TestCrawlDatedFiles(t *testing.T) {
	const files = maxEmptyDated + 5
	srv, n := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/archive/2023/2/":
			var b strings.Builder
			b.WriteString(`<html><body><main><h1>Issue 2 (2023)</h1><table>`)
			for i := 1; i <= files; i++ {
				fmt.Fprintf(&b, `<tr><td>Article %d</td><td><a href="/files/articles/2023_2_%02d.pdf">PDF</a></td></tr>`, i, i)
			}
			b.WriteString("</table></main></body></html>")
			fmt.Fprint(w, b.String())
		case strings.HasPrefix(p, "/files/articles/"):
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4\n%%EOF\n"))
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	rep, err := e.crawl(t, context.Background(), Config{NoSitemaps: true}, srv.URL+"/archive/2023/2/")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= files; i++ {
		if p := fmt.Sprintf("/files/articles/2023_2_%02d.pdf", i); n(p) != 1 {
			t.Errorf("%s fetched %d times, want once; report %+v", p, n(p), rep)
		}
	}
}
