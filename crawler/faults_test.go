package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestCrawlSlowPDF: a PDF whose bytes keep coming, however slowly, arrives whole
// (Timeout bounds a pause, not the whole body); one that stalls fails.
func TestCrawlSlowPDF(t *testing.T) {
	pdf := []byte("%PDF-1.4\n" + strings.Repeat("x", 8000) + "\n%%EOF\n")
	srv, _ := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><body><main><a href="/slow.pdf">slow</a> <a href="/stalled.pdf">stalled</a></main></body></html>`)
		case "/slow.pdf", "/stalled.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Length", fmt.Sprint(len(pdf)))
			chunks := 8
			for i := range chunks {
				w.Write(pdf[i*len(pdf)/chunks : (i+1)*len(pdf)/chunks])
				w.(http.Flusher).Flush()
				pause := 60 * time.Millisecond // 8 × 60 ms: longer than the timeout in all
				if r.URL.Path == "/stalled.pdf" && i == 3 {
					pause = time.Second
				}
				select {
				case <-r.Context().Done():
					return
				case <-time.After(pause):
				}
			}
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Timeout: 300 * time.Millisecond, Retries: -1}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if got, err := e.store.Get(srv.URL + "/slow.pdf"); err != nil || got.Size != int64(len(pdf)) {
		t.Errorf("a slow PDF: %+v, %v; want it whole", got, err)
	}
	if st := e.state(t, srv.URL+"/stalled.pdf"); st.Status != StatusFailed || !strings.Contains(st.Error, "nothing for") {
		t.Errorf("a stalled PDF: state %+v, want failed for its pause", st)
	}
}

// TestCrawlStoredPDFKept: a PDF stored by one crawl, answered by the next with a
// page or an error message in its place (a theme's "not found" page with 200,
// "file not found" typed as a PDF or as text) or refused (403 for a run), keeps
// its stored copy (a page's links followed); a refused URL is asked again by the run after, though no page links it
// any more, and found gone.
func TestCrawlStoredPDFKept(t *testing.T) {
	pdf := []byte("%PDF-1.4\n" + strings.Repeat("x", 500) + "\n%%EOF\n")
	var run atomic.Int32
	srv, asked := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		first := run.Load() == 1
		switch r.URL.Path {
		case "/":
			if run.Load() == 3 { // c.pdf no longer linked
				fmt.Fprint(w, `<html><body><main><a href="/a.pdf">a</a> <a href="/b.pdf">b</a> <a href="/d.pdf">d</a></main></body></html>`)
				return
			}
			fmt.Fprint(w, `<html><body><main><a href="/a.pdf">a</a> <a href="/b.pdf">b</a> <a href="/c.pdf">c</a> <a href="/d.pdf">d</a></main></body></html>`)
		case "/d.pdf": // a message as text, then a page presenting a new edition
			switch run.Load() {
			case 1:
				w.Header().Set("Content-Type", "application/pdf")
				w.Write(pdf)
			case 2:
				w.Header().Set("Content-Type", "text/plain")
				fmt.Fprint(w, "File not found.")
			default:
				fmt.Fprint(w, `<html><body><main><h1>Report</h1><a href="/d-v2.pdf">The second edition</a></main></body></html>`)
			}
		case "/d-v2.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(pdf)
		case "/a.pdf", "/b.pdf", "/c.pdf":
			switch {
			case first:
				w.Header().Set("Content-Type", "application/pdf")
				w.Write(pdf)
			case r.URL.Path == "/a.pdf":
				fmt.Fprint(w, `<html><body><main><h1>Page not found</h1></main></body></html>`)
			case r.URL.Path == "/b.pdf":
				w.Header().Set("Content-Type", "application/pdf")
				fmt.Fprint(w, "Error: file not found.")
			case run.Load() == 2:
				http.Error(w, "forbidden", http.StatusForbidden)
			default: // removed by the third run
				http.NotFound(w, r)
			}
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	for i := int32(1); i <= 3; i++ {
		run.Store(i)
		if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Retries: -1}, srv.URL+"/"); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/a.pdf", "/b.pdf", "/c.pdf", "/d.pdf"} {
			if got, err := e.store.Get(srv.URL + p); err != nil || got.ContentType != "application/pdf" || got.Size != int64(len(pdf)) {
				t.Errorf("run %d: %s: %+v, %v; want the stored PDF kept", i, p, got, err)
			}
		}
	}
	if asked("/d-v2.pdf") != 1 {
		t.Errorf("the page now at a stored PDF's address: its link was not followed")
	}
	if got, err := e.store.Get(srv.URL + "/c.pdf"); err != nil || got.GoneAt.IsZero() || asked("/c.pdf") != 3 {
		t.Errorf("a PDF refused for one run, then removed and no longer linked: %+v, %v, asked %d times; want it asked again and marked gone", got, err, asked("/c.pdf"))
	}
}

// TestCrawlCompressedPDF: a PDF compressed by a server that does not say so in a
// way the transport undoes ("x-gzip", a second "gzip", no Content-Encoding at
// all) is stored as the PDF; a compressed file offered as one (a .gz download)
// is stored as it came, and a compressed PDF cut short is no PDF stored.
func TestCrawlCompressedPDF(t *testing.T) {
	pdf := []byte("%PDF-1.4\n" + strings.Repeat("compressible ", 400) + "\n%%EOF\n")
	srv, _ := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><body><main><a href="/x.pdf">x</a> <a href="/twice.pdf">twice</a> <a href="/bare.pdf">bare</a> <a href="/cut.pdf">cut</a> <a href="/named-twice.pdf">two</a></main></body></html>`)
		case "/x.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Encoding", "x-gzip")
			w.Write(gzipped(pdf))
		case "/twice.pdf": // the transport undoes one gzip, the server made two
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(gzipped(pdf)))
		case "/named-twice.pdf": // two layers named, which the transport leaves both
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Encoding", "gzip, gzip")
			w.Write(gzipped(gzipped(pdf)))
		case "/bare.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(gzipped(pdf))
		case "/cut.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Encoding", "x-gzip")
			w.Write(gzipped(pdf)[:60])
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Retries: -1}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/x.pdf", "/twice.pdf", "/bare.pdf", "/named-twice.pdf"} {
		got, err := e.store.Get(srv.URL + p)
		if err != nil || got.ContentType != "application/pdf" || got.Size != int64(len(pdf)) {
			t.Errorf("%s: %+v, %v; want the PDF, %d bytes", p, got, err, len(pdf))
		}
	}
	if st := e.state(t, srv.URL+"/cut.pdf"); st.Status != StatusFailed {
		t.Errorf("a compressed PDF cut short: state %+v, want failed", st)
	}
}

// TestCrawlFeeds: the items a site's news feeds list (RSS with its enclosures,
// Atom, a section's "Commentary Feed") are crawled, those a postback pager hides
// included; a post's comments feed is not asked for.
func TestCrawlFeeds(t *testing.T) {
	pdf := "%PDF-1.4\n" + strings.Repeat("x", 200) + "\n%%EOF\n"
	srv, asked := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case p == "/news/default.aspx":
			fmt.Fprint(w, `<html><head><link rel="alternate" type="application/rss+xml" title="News" href="/news/rss.xml">`+
				`<link rel="alternate" type="application/atom+xml" title="Publications" href="/publications/atom.xml">`+
				`<link rel="alternate" type="application/rss+xml" title="Item 1 Comments Feed" href="/news/item-1/feed/">`+
				`<link rel="alternate" type="application/rss+xml" title="Site » Commentary Feed" href="/commentary/feed/"></head>`+
				`<body><form method="post" id="aspnetForm"><main><a href="/news/item-1.aspx">Item 1</a> <a href="/xhtml/">XHTML</a></main>`+
				`<div class="pager"><a href="javascript:__doPostBack('ctl00$pager','Page$2')">2</a></div></form></body></html>`)
		case p == "/news/rss.xml":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>News</title><link>/news/channel-home/</link><atom:link href="/news/rss.xml" rel="self"/>`)
			for k := 1; k <= 3; k++ {
				fmt.Fprintf(w, `<item><title>Item %d</title><link>/news/item-%d.aspx</link><enclosure url="/files/item-%d.pdf" type="application/pdf" length="200"/></item>`, k, k, k)
			}
			fmt.Fprint(w, `</channel></rss>`)
		case p == "/xhtml/": // an XHTML page whose licence block reads like RDF
			w.Header().Set("Content-Type", "application/xhtml+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>A page</title></head><body><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF><p>A page.</p></body></html>`)
		case p == "/commentary/feed/":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Commentary</title><item><title>On budgets</title><link>/commentary/budgets/</link></item></channel></rss>`)
		case p == "/publications/atom.xml":
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Publications</title><link href="/publications/" rel="alternate"/>`+
				`<entry><title>Report</title><link href="/publications/report/"/><link rel="replies" href="/publications/report/comments/"/></entry></feed>`)
		case strings.HasPrefix(p, "/files/"):
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, pdf)
		default:
			fmt.Fprint(w, `<html><body><main><p>A page.</p></main></body></html>`)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Retries: -1}, srv.URL+"/news/default.aspx"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/news/item-2.aspx", "/news/item-3.aspx", "/files/item-3.pdf", "/publications/report/", "/commentary/budgets/"} {
		if _, err := e.store.Get(srv.URL + p); err != nil {
			t.Errorf("%s, a feed's item: %v", p, err)
		}
	}
	if got, err := e.store.Get(srv.URL + "/xhtml/"); err != nil || got.ContentType != "text/html" {
		t.Errorf("an XHTML page: %+v, %v; want it stored as a page", got, err)
	}
	for _, p := range []string{"/news/item-1/feed/", "/publications/report/comments/", "/news/channel-home/"} {
		if asked(p) > 0 {
			t.Errorf("%s asked for: a comments feed, an entry's replies or the channel's page", p)
		}
	}
}

// TestGunzipped: the layers a Content-Encoding names are undone, and a PDF's
// under them; a compressed file's own compression stays.
func TestGunzipped(t *testing.T) {
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	archive := gzipped([]byte("an archive's bytes"))
	for _, tt := range []struct {
		name     string
		encoding string
		body     []byte
		want     []byte
	}{
		{"a compressed file in transit", "x-gzip", gzipped(archive), archive},
		{"a compressed file", "", archive, archive},
		{"two layers named", "gzip, gzip", gzipped(gzipped(pdf)), pdf},
		{"a PDF compressed, unnamed", "", gzipped(pdf), pdf},
		{"plain", "", pdf, pdf},
	} {
		got, err := gunzipped(http.Header{"Content-Encoding": {tt.encoding}}, tt.body, 1<<20)
		if err != nil || !bytes.Equal(got, tt.want) {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

// gzipped is b compressed with gzip.
func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
