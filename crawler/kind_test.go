package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

func TestKindOf(t *testing.T) {
	pdf := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
	page := []byte("<!DOCTYPE html><html><head><title>A</title></head><body><p>x</p></body></html>")
	for _, tt := range []struct {
		mediaType string
		body      []byte
		want      string
	}{
		{"application/pdf", pdf, corpus.TypePDF},
		{"text/html", pdf, corpus.TypePDF}, // a download script's header
		{"application/force-download", pdf, corpus.TypePDF},
		{"", pdf, corpus.TypePDF},
		{"text/html", page, corpus.TypeHTML},
		{"", page, corpus.TypeHTML}, // no Content-Type
		{"application/octet-stream", page, corpus.TypeHTML},
		{"text/html", []byte("<html><body><p>About the %PDF- format</p></body></html>"), corpus.TypeHTML},
		{"image/png", []byte("\x89PNG\r\n"), ""},
		{"", []byte("plain words"), ""},
	} {
		if got := kindOf(tt.mediaType, tt.body); got != tt.want {
			t.Errorf("kindOf(%q, %.20q) = %q, want %q", tt.mediaType, tt.body, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		v    string
		want time.Duration
	}{
		{"", 0},
		{"7", 7 * time.Second},
		{"600", time.Minute},
		{"Mon, 07 Dec 2026 10:00:20 GMT", 20 * time.Second},
		{"Mon, 07 Dec 2026 09:00:00 GMT", 0}, // past
		{"soon", 0},
	} {
		if got := retryAfter(tt.v, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// TestCrawlServedOddly: PDFs from download scripts whatever their Content-Type
// (larger than a page may be, too), a page without a Content-Type, and a
// robots.txt "Sitemap:" naming a site map for people (an HTML page) are stored
// and followed.
func TestCrawlServedOddly(t *testing.T) {
	pdf := []byte("%PDF-1.4\n" + strings.Repeat("x", 5000) + "\n%%EOF\n")
	srv, _ := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.RequestURI() {
		case "/robots.txt":
			fmt.Fprintf(w, "User-agent: *\nDisallow:\nSitemap: http://%s/sitemap/\n", r.Host)
		case "/":
			fmt.Fprint(w, `<html><body><main><a href="/download.php?id=1">one</a> <a href="/download.php?id=2">two</a> <a href="/bare/">bare</a> <a href="/clip.mp4">clip</a></main></body></html>`)
		case "/clip.mp4": // larger than a page may be, and never stored
			w.Header().Set("Content-Type", "video/mp4")
			w.Write(pdf[9:])
		case "/download.php?id=1":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(pdf)
		case "/download.php?id=2":
			w.Header().Set("Content-Type", "application/force-download")
			w.Header().Set("Content-Disposition", `attachment; filename="report.pdf"`)
			w.Write(pdf)
		case "/bare/":
			w.Header()["Content-Type"] = nil // no Content-Type at all
			w.Write([]byte(`<!DOCTYPE html><html><body><main><a href="/from-bare/">on</a></main></body></html>`))
		case "/sitemap/":
			fmt.Fprint(w, `<html><body><main><h1>Site map</h1><a href="/only-here/">only here</a></main></body></html>`)
		case "/sitemap.xml": // a "not found" page with 200
			fmt.Fprint(w, `<html><body><main><h1>Page not found</h1></main></body></html>`)
		case "/only-here/", "/from-bare/":
			fmt.Fprint(w, `<html><body><main><p>A page.</p></main></body></html>`)
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{MaxHTMLBytes: 1000}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if st := e.state(t, srv.URL+"/clip.mp4"); st.Status != StatusSkipped {
		t.Errorf("a video: state %+v, want skipped", st)
	}
	if _, err := e.store.Get(srv.URL + "/sitemap.xml"); err == nil {
		t.Errorf("a guessed /sitemap.xml answered by a page is stored as a page")
	}
	for u, kind := range map[string]string{
		"/download.php?id=1": corpus.TypePDF, "/download.php?id=2": corpus.TypePDF,
		"/bare/": corpus.TypeHTML, "/from-bare/": corpus.TypeHTML, "/sitemap/": corpus.TypeHTML, "/only-here/": corpus.TypeHTML,
	} {
		if e, err := e.store.Get(srv.URL + u); err != nil || e.ContentType != kind {
			t.Errorf("%s: %+v, %v; want stored as %s", u, e, err, kind)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	c := &crawler{cfg: Config{MaxHTMLBytes: 10, MaxPDFBytes: 200}}
	pdf := []byte("%PDF-1.7\n")
	for _, tt := range []struct {
		ctype, disp string
		sitemap     bool
		head        []byte
		want        int64
		cut         bool // a longer body is cut at the limit, not refused
	}{
		{"application/pdf", "", false, nil, 200, false},
		{"text/html", "", false, pdf, 200, false},
		{"application/force-download", "", false, nil, 200, false},
		{"application/x-download", "", false, nil, 200, false},
		{"", "", false, nil, 200, false},
		{"text/plain", `attachment; filename="Report.PDF"`, false, nil, 200, false},
		{"text/html; charset=utf-8", "", false, []byte("<html>"), 10, true},
		{"video/mp4", "", false, []byte("\x00\x00\x00 ftyp"), 10, false},
		{"application/zip", "", false, []byte("PK"), 10, false},
		{"text/xml", "", false, nil, maxSitemapBytes, false},
		{"text/html", "", true, nil, maxSitemapBytes, false},
	} {
		h := http.Header{"Content-Type": {tt.ctype}, "Content-Disposition": {tt.disp}}
		if got, cut := c.bodyLimit(h, URLState{Sitemap: tt.sitemap}, tt.head); got != tt.want || cut != tt.cut {
			t.Errorf("bodyLimit(%q, %q, sitemap %v) = %d, %v; want %d, %v", tt.ctype, tt.disp, tt.sitemap, got, cut, tt.want, tt.cut)
		}
	}
}

// A PDF read to a connection's close, without a Content-Length, may be cut
// short: one without its end ("%%EOF") is asked for again, and stored when whole;
// one that comes the same twice is the file the server has, and stored so.
func TestCrawlUnendedPDF(t *testing.T) {
	whole := []byte("%PDF-1.4\n" + strings.Repeat("x", 5000) + "\n%%EOF\n")
	unended := []byte("%PDF-1.4\n" + strings.Repeat("y", 5000)) // a file saved so
	var mu sync.Mutex
	asked := map[string]int{}
	closeDelimited := func(w http.ResponseWriter, body []byte) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nConnection: close\r\n\r\n")
		buf.Write(body)
		buf.Flush()
		conn.Close()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Path]++
		n := asked[r.URL.Path]
		mu.Unlock()
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><body><main><a href="/cut.pdf">cut</a> <a href="/unended.pdf">unended</a> <a href="/flaky.pdf">flaky</a></main></body></html>`)
		case "/cut.pdf": // the connection closed a third of the way through, once
			if n == 1 {
				closeDelimited(w, whole[:len(whole)/3])
				return
			}
			closeDelimited(w, whole)
		case "/unended.pdf":
			closeDelimited(w, unended)
		case "/flaky.pdf": // cut at another place each time: never the file
			closeDelimited(w, whole[:len(whole)/(n+1)])
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][]byte{"/cut.pdf": whole, "/unended.pdf": unended} {
		got, err := e.store.Get(srv.URL + path)
		if err != nil {
			t.Errorf("%s not stored: %v", path, err)
			continue
		}
		if got.Size != int64(len(want)) {
			t.Errorf("%s stored with %d bytes, want %d", path, got.Size, len(want))
		}
		if asked[path] != 2 {
			t.Errorf("%s asked for %d times, want 2", path, asked[path])
		}
	}
	if _, err := e.store.Get(srv.URL + "/flaky.pdf"); err == nil {
		t.Errorf("a PDF cut at another place on every request was stored")
	}
	if st := e.state(t, srv.URL+"/flaky.pdf"); st.Status != StatusFailed || asked["/flaky.pdf"] != 1+DefaultRetries {
		t.Errorf("a PDF cut on every request: state %+v after %d requests, want failed after %d", st, asked["/flaky.pdf"], 1+DefaultRetries)
	}
}

// A page longer than the limit keeps its start, with the links there, rather
// than nothing.
func TestCrawlPageOverLimit(t *testing.T) {
	srv, asked := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><body><main><a href="/long/">long</a></main></body></html>`)
		case "/long/": // a head, a first link, then inline images past the limit, its length said
			page := `<html><head><title>Annual report</title></head><body><main><h1>Annual report</h1><a href="/report.pdf">PDF</a><img src="data:image/png;base64,` + strings.Repeat("A", 4000) + `"></main></body></html>`
			w.Header().Set("Content-Length", fmt.Sprint(len(page)))
			fmt.Fprint(w, page)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4\n%%EOF\n"))
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, MaxHTMLBytes: 1000}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	got, err := e.store.Get(srv.URL + "/long/")
	if err != nil || got.Size != 1000 {
		t.Errorf("the long page: %+v, %v; want its first 1,000 bytes stored", got, err)
	}
	if asked("/report.pdf") != 1 {
		t.Errorf("the long page's link was not followed")
	}
}
