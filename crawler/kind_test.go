package crawler

import (
	"context"
	"fmt"
	"net/http"
	"strings"
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
	}{
		{"application/pdf", "", false, nil, 200},
		{"text/html", "", false, pdf, 200},
		{"application/force-download", "", false, nil, 200},
		{"application/x-download", "", false, nil, 200},
		{"", "", false, nil, 200},
		{"text/plain", `attachment; filename="Report.PDF"`, false, nil, 200},
		{"text/html; charset=utf-8", "", false, []byte("<html>"), 10},
		{"video/mp4", "", false, []byte("\x00\x00\x00 ftyp"), 10},
		{"application/zip", "", false, []byte("PK"), 10},
		{"text/xml", "", false, nil, maxSitemapBytes},
		{"text/html", "", true, nil, maxSitemapBytes},
	} {
		h := http.Header{"Content-Type": {tt.ctype}, "Content-Disposition": {tt.disp}}
		if got := c.bodyLimit(h, URLState{Sitemap: tt.sitemap}, tt.head); got != tt.want {
			t.Errorf("bodyLimit(%q, %q, sitemap %v) = %d, want %d", tt.ctype, tt.disp, tt.sitemap, got, tt.want)
		}
	}
}
