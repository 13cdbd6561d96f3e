package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

// crawlVia crawls as e.crawl does, every host name dialled at addr (a loopback
// server answering for several names).
func (e *env) crawlVia(t *testing.T, addr string, cfg Config, seeds ...string) Report {
	t.Helper()
	st, err := OpenState(filepath.Join(e.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg.Store, cfg.State, cfg.Rate, cfg.RetryBase, cfg.Timeout = e.store, st, -1, 10*time.Millisecond, time.Second
	c, err := newCrawler(cfg, seeds)
	if err != nil {
		t.Fatal(err)
	}
	c.http = &http.Client{
		Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	rep, err := c.run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestCrawlSeedMovedHost: a seed's host that redirects to another host of its
// site (example.org to www.example.org) brings that host in: in a run resumed
// after MaxPages, and in later runs when the old host no longer redirects. One
// that redirects to another site does not, nor does a redirect from a page that
// is no seed, to a host of the same site.
func TestCrawlSeedMovedHost(t *testing.T) {
	var mu sync.Mutex
	var log []string
	gone := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := strings.Cut(r.Host, ":")
		mu.Lock()
		log = append(log, host+r.URL.Path)
		oldGone := gone
		mu.Unlock()
		port := strings.TrimPrefix(r.Host, host)
		switch {
		case host == "example.org" && oldGone:
			http.NotFound(w, r)
		case host == "example.org":
			http.Redirect(w, r, "http://www.example.org"+port+r.URL.RequestURI(), http.StatusMovedPermanently)
		case host == "example.net" && r.URL.Path != "/robots.txt":
			http.Redirect(w, r, "http://login.other.test"+port+"/sso", http.StatusFound)
		case r.URL.Path == "/":
			fmt.Fprint(w, `<html><body><main><a href="/publication/a/">a</a> <a href="/go/">shop</a></main></body></html>`)
		case r.URL.Path == "/node/1":
			fmt.Fprint(w, `<html><body><main><p>A seed's page.</p><a href="/node/2">next</a></main></body></html>`)
		case r.URL.Path == "/go/", r.URL.Path == "/node/2": // a step along a chain keeps its depth
			http.Redirect(w, r, "http://shop.example.org"+port+"/cart/", http.StatusFound)
		case r.URL.Path == "/publication/a/":
			fmt.Fprint(w, `<html><body><main><p>A publication.</p><a href="/publication/b/">b</a></main></body></html>`)
		case r.URL.Path == "/publication/b/":
			fmt.Fprint(w, `<html><body><main><p>Another publication.</p></main></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	e := newEnv(t)
	seeds := []string{"http://example.org:" + port + "/", "http://example.net:" + port + "/", "http://example.org:" + port + "/node/1"}
	// Stopped after three pages, then resumed.
	if rep := e.crawlVia(t, srv.Listener.Addr().String(), Config{NoSitemaps: true, MaxPages: 4}, seeds...); !rep.Truncated {
		t.Fatalf("first part not cut short: %+v", rep)
	}
	e.crawlVia(t, srv.Listener.Addr().String(), Config{NoSitemaps: true}, seeds...)
	for _, p := range []string{"/publication/a/", "/publication/b/"} {
		if _, err := e.store.Get("http://www.example.org:" + port + p); err != nil {
			t.Errorf("%s on the seed's new host not crawled: %v (requests %v)", p, err, log)
		}
	}
	for _, l := range log {
		if strings.HasPrefix(l, "login.other.test") || strings.HasPrefix(l, "shop.example.org") {
			t.Errorf("%s crawled: another site, or a host no seed moved to", l)
		}
	}
	// The next run: the old host answers 404, what was fetched on the new one is
	// still revisited.
	mu.Lock()
	gone, log = true, nil
	mu.Unlock()
	e.crawlVia(t, srv.Listener.Addr().String(), Config{NoSitemaps: true}, seeds...)
	if !strings.Contains(strings.Join(log, " "), "www.example.org/publication/b/") {
		t.Errorf("a later run did not revisit the new host: %v", log)
	}
	for _, l := range log {
		if strings.HasPrefix(l, "shop.example.org") {
			t.Errorf("%s crawled in the later run: a host no seed moved to", l)
		}
	}
}

func TestSameSite(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"example.org", "www.example.org", true},
		{"example.org:80", "example.org:8443", true},
		{"dcaf.ch", "www.dcaf.ch", true},
		{"rada.gov.ua", "zakon.rada.gov.ua", true},
		{"mod.gov.ua", "rada.gov.ua", false}, // gov.ua is a public suffix
		{"example.org", "login.example.net", false},
		{"127.0.0.1:80", "127.0.0.1:8080", true},
		{"127.0.0.1", "127.0.0.2", false},
	} {
		if got := sameSite(tt.a, tt.b); got != tt.want {
			t.Errorf("sameSite(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCrawlSourcesShareHost: two sources of one host (a site's English and
// Ukrainian halves) each keep their exclusions, and each one's includes take paths.
func TestCrawlSourcesShareHost(t *testing.T) {
	srv, n := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><body><main><a href="/publication/x/?replytocom=12">reply</a> <a href="/feed/">feed</a> <a href="/publication/x/">x</a> <a href="/shop/">shop</a></main></body></html>`)
		case "/uk/":
			fmt.Fprint(w, `<html><body><main><a href="/uk/publication/x/">x</a> <a href="/uk/?s=a">search</a></main></body></html>`)
		default:
			fmt.Fprint(w, `<html><body><main><p>A page.</p></main></body></html>`)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Sources: []Source{
		{Name: "en", Seeds: []string{srv.URL + "/"}, Include: []string{`^/$`, `^/publication/`, `^/feed/`, `^/robots\.txt$`}, Exclude: []string{`^/feed/`, `\?replytocom=`}},
		{Name: "uk", Seeds: []string{srv.URL + "/uk/"}, Include: []string{`^/uk/`}, Exclude: []string{`\?s=`}},
	}}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/publication/x/?replytocom=12", "/feed/", "/uk/?s=a", "/shop/"} {
		if n(p) != 0 {
			t.Errorf("%s fetched: a source excludes it, or none includes it", p)
		}
	}
	for _, p := range []string{"/publication/x/", "/uk/publication/x/"} {
		if n(p) != 1 {
			t.Errorf("%s fetched %d times, want once", p, n(p))
		}
	}
}

// TestCrawlSourceSeedOffHosts: a source's seed on a host its hosts list leaves out
// (the bare domain, which moved to www) is still the source's.
func TestCrawlSourceSeedOffHosts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, port, _ := strings.Cut(r.Host, ":")
		switch {
		case host == "dcaf.example":
			http.Redirect(w, r, "http://www.dcaf.example:"+port+r.URL.RequestURI(), http.StatusMovedPermanently)
		case r.URL.Path == "/resources":
			fmt.Fprint(w, `<html><body><main><a href="/resources/a">a</a></main></body></html>`)
		case r.URL.Path == "/resources/a":
			fmt.Fprint(w, `<html><body><main><p>A resource.</p></main></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	e := newEnv(t)
	e.crawlVia(t, srv.Listener.Addr().String(), Config{NoSitemaps: true, Sources: []Source{
		{Name: "dcaf", Seeds: []string{"http://dcaf.example:" + port + "/resources"}, Hosts: []string{"www.dcaf.example:" + port}, Include: []string{`^/resources`, `^/robots\.txt$`}},
	}})
	if _, err := e.store.Get("http://www.dcaf.example:" + port + "/resources/a"); err != nil {
		t.Errorf("the source's seed not crawled: %v", err)
	}
}

// TestMovedSeeds: the hosts seeds moved to are allowed again at a run's start,
// a host moved on from one of them too (in whatever order the state lists them),
// and the URLs the seeds redirected to count as seeds.
func TestMovedSeeds(t *testing.T) {
	e := newEnv(t)
	st, err := OpenState(filepath.Join(e.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, m := range [][2]string{{"www.a.test", "new.a.test"}, {"a.test", "www.a.test"}} {
		if err := st.hostMoved(m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.enqueue(1, []URLState{{URL: "https://a.test/"}}, nil, func(s, _ *URLState) string {
		s.Status, s.RedirectTo = StatusRedirected, "https://www.a.test/"
		return StatusRedirected
	}); err != nil {
		t.Fatal(err)
	}
	c, err := newCrawler(Config{Store: e.store, State: st}, []string{"https://a.test/"})
	if err != nil {
		t.Fatal(err)
	}
	homes, err := c.movedSeeds()
	if err != nil {
		t.Fatal(err)
	}
	if c.rule("www.a.test") == nil || c.rule("new.a.test") == nil {
		t.Errorf("moved hosts not allowed: www %v, new %v", c.rule("www.a.test"), c.rule("new.a.test"))
	}
	if !c.fromSeed("https://www.a.test/", "https://new.a.test/") || len(homes) != 1 || homes[0].Host != "www.a.test" {
		t.Errorf("the seed's redirect is no seed, or homes %v", homes)
	}
}

// TestCrawlPDFsOnOtherHosts: the PDFs a site keeps on another host of its own
// (static.example.org, the bare domain) or that its download link redirects to
// (a storage bucket) are fetched, those hosts for PDFs only; a PDF another site
// hosts, linked directly or through an outbound link's redirector, and the
// files host's pages are not.
func TestCrawlPDFsOnOtherHosts(t *testing.T) {
	pdf := "%PDF-1.4\n" + strings.Repeat("x", 200) + "\n%%EOF\n"
	addr, port, asked := hostsServer(t, func(w http.ResponseWriter, r *http.Request, host, port string) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case host == "www.example.org" && r.URL.Path == "/":
			fmt.Fprintf(w, `<html><body><main><a href="http://static.example.org:%[1]s/files/a.pdf">A</a> <a href="/download/b">B</a> <a href="http://example.org:%[1]s/files/c.pdf">C</a>`+
				` <a href="http://other.test:%[1]s/files/d.pdf">D, another site's</a> <a href="http://static.example.org:%[1]s/about/">static's page</a>`+
				` <a href="/away?to=http%%3A%%2F%%2Fother.test%%3A%[1]s%%2Ffiles%%2Fe.pdf">E, through an outbound link's redirector</a></main></body></html>`, port)
		case host == "www.example.org" && r.URL.Path == "/away":
			http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
		case host == "www.example.org" && r.URL.Path == "/download/b":
			http.Redirect(w, r, "http://bucket.storage.test:"+port+"/b.pdf", http.StatusFound)
		case strings.HasSuffix(r.URL.Path, ".pdf"):
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, pdf)
		default:
			fmt.Fprint(w, `<html><body><main><p>A page.</p></main></body></html>`)
		}
	})
	e := newEnv(t)
	e.crawlVia(t, addr, Config{NoSitemaps: true}, "http://www.example.org:"+port+"/")
	for _, u := range []string{"static.example.org:" + port + "/files/a.pdf", "bucket.storage.test:" + port + "/b.pdf", "example.org:" + port + "/files/c.pdf"} {
		if got, err := e.store.Get("http://" + u); err != nil || got.ContentType != "application/pdf" {
			t.Errorf("%s: %+v, %v; want the site's PDF", u, got, err)
		}
	}
	for _, u := range []string{"other.test/files/d.pdf", "other.test/files/e.pdf", "static.example.org/about/"} {
		if asked(u) > 0 {
			t.Errorf("%s fetched: another site's PDF, or a files host's page", u)
		}
	}
}

// TestCrawlPDFsOnFileStores: the PDFs a site's pages link on a file store or CDN
// of another domain (uploads.example-cdn.net) are fetched as the site's, within
// that host's robots.txt, the host for PDFs only; another organisation's PDF,
// linked directly or through an outbound link's redirector to a file store, is
// not.
func TestCrawlPDFsOnFileStores(t *testing.T) {
	pdf := "%PDF-1.4\n" + strings.Repeat("x", 200) + "\n%%EOF\n"
	addr, port, asked := hostsServer(t, func(w http.ResponseWriter, r *http.Request, host, port string) {
		switch {
		case host == "uploads.example-cdn.net" && r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case host == "www.publisher.example" && r.URL.Path == "/":
			fmt.Fprintf(w, `<html><body><main><a href="http://uploads.example-cdn.net:%[1]s/site/a.pdf">A</a> <a href="/publications/">more</a>`+
				` <a href="http://www.other-org.example.org:%[1]s/report.pdf">another organisation's report</a>`+
				` <a href="http://uploads.example-cdn.net:%[1]s/private/p.pdf">robots.txt forbids</a> <a href="http://uploads.example-cdn.net:%[1]s/about/">the CDN's page</a>`+
				` <a href="/away?to=http%%3A%%2F%%2Fcdn.other-org.example.org%%3A%[1]s%%2Fe.pdf">E, through an outbound link's redirector</a></main></body></html>`, port)
		case host == "www.publisher.example" && r.URL.Path == "/publications/":
			fmt.Fprintf(w, `<html><body><main><a href="http://uploads.example-cdn.net:%s/site/b.pdf">B</a></main></body></html>`, port)
		case host == "www.publisher.example" && r.URL.Path == "/away":
			http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
		case strings.HasSuffix(r.URL.Path, ".pdf"):
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, pdf+r.URL.Path)
		default:
			fmt.Fprint(w, `<html><body><main><p>A page.</p></main></body></html>`)
		}
	})
	e := newEnv(t)
	home := "http://www.publisher.example:" + port + "/"
	e.crawlVia(t, addr, Config{NoSitemaps: true}, home)
	st, err := OpenState(filepath.Join(e.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for u, from := range map[string]string{"/site/a.pdf": home, "/site/b.pdf": home + "publications/"} {
		u = "http://uploads.example-cdn.net:" + port + u
		if got, err := e.store.Get(u); err != nil || got.ContentType != corpus.TypePDF {
			t.Errorf("%s: %+v, %v; want the site's PDF", u, got, err)
		}
		if s, _, err := st.Get(u); err != nil || s.Parent != from {
			t.Errorf("%s: linked from %q (%v), want %s", u, s.Parent, err, from)
		}
	}
	for _, u := range []string{"www.other-org.example.org/report.pdf", "cdn.other-org.example.org/e.pdf", "uploads.example-cdn.net/private/p.pdf", "uploads.example-cdn.net/about/"} {
		if asked(u) > 0 {
			t.Errorf("%s fetched: another organisation's PDF, one robots.txt forbids, or a files host's page", u)
		}
	}
	if n := asked("uploads.example-cdn.net/robots.txt"); n != 1 {
		t.Errorf("the file store's robots.txt asked %d times, want once", n)
	}
}

// TestCrawlPDFsOnGoogleDrive: a site's link to a file's viewer on Google Drive
// is read as the file's download, which is fetched, through Drive's redirect to
// its content host, as the site's PDF; what Drive answers that is no PDF (its
// warning page) is not kept.
func TestCrawlPDFsOnGoogleDrive(t *testing.T) {
	pdf := "%PDF-1.4\n" + strings.Repeat("x", 200) + "\n%%EOF\n"
	addr, port, asked := hostsServer(t, func(w http.ResponseWriter, r *http.Request, host, port string) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case host == "www.publisher.example" && r.URL.Path == "/":
			fmt.Fprintf(w, `<html><body><main><p>Our new policy brief: <a href="http://drive.google.com:%[1]s/file/d/1AbC-dEf_123/view?usp=sharing">download the PDF</a>.</p>`+
				`<p>The annual report: <a href="http://drive.google.com:%[1]s/open?id=9ZyX">PDF</a></p>`+
				`<p>Our video: <a href="http://drive.google.com:%[1]s/file/d/BIG42/view">watch</a></p></main></body></html>`, port)
		case host == "drive.google.com" && r.URL.Path == "/uc" && r.URL.Query().Get("id") == "BIG42":
			fmt.Fprint(w, `<html><head><title>Google Drive - Virus scan warning</title></head><body><p>Google Drive can't scan this file for viruses.</p><form action="/uc"><input type="submit" value="Download anyway"></form></body></html>`)
		case host == "drive.google.com" && r.URL.Path == "/uc":
			http.Redirect(w, r, fmt.Sprintf("http://drive.usercontent.google.com:%s/download?id=%s&export=download", port, r.URL.Query().Get("id")), http.StatusSeeOther)
		case host == "drive.usercontent.google.com" && r.URL.Path == "/download":
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Disposition", `attachment; filename="brief.pdf"`)
			fmt.Fprint(w, pdf+r.URL.Query().Get("id"))
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	e.crawlVia(t, addr, Config{NoSitemaps: true}, "http://www.publisher.example:"+port+"/")
	for _, id := range []string{"1AbC-dEf_123", "9ZyX"} {
		u := "http://drive.google.com:" + port + "/uc?export=download&id=" + id
		if got, err := e.store.Get(u); err != nil || got.ContentType != corpus.TypePDF {
			t.Errorf("%s: %+v, %v; want the site's PDF", u, got, err)
		}
	}
	if u := "http://drive.google.com:" + port + "/uc?export=download&id=BIG42"; asked("drive.google.com/uc") == 0 {
		t.Errorf("%s never asked", u)
	} else if got, err := e.store.Get(u); err == nil {
		t.Errorf("%s stored (%s): Drive's warning page, no PDF", u, got.ContentType)
	}
}

// TestCrawlFilesOnServices: a site's PDFs kept on file services are fetched,
// through the redirects to the services' content hosts (some under no file's
// name), as the site's PDFs: a link to a Google Docs document's editor is read as
// its export as a PDF; a Dropbox link to a PDF's viewer (dl=0) as its download
// (dl=1); Figshare's downloader (its addresses name no file), the Internet
// Archive's items' files and a GitHub project's release assets as they are;
// not the services' other pages (a repository's file viewer, the Wayback
// Machine's copy of another site's PDF).
func TestCrawlFilesOnServices(t *testing.T) {
	pdf := "%PDF-1.4\n" + strings.Repeat("x", 200) + "\n%%EOF\n"
	addr, port, asked := hostsServer(t, func(w http.ResponseWriter, r *http.Request, host, port string) {
		to := func(u string) { http.Redirect(w, r, fmt.Sprintf(u, port), http.StatusFound) }
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case host == "www.foundation.example" && r.URL.Path == "/":
			fmt.Fprintf(w, `<html><body><main><p>Our paper: <a href="http://docs.google.com:%[1]s/document/d/1DoC-Id_9/edit?usp=sharing">read it</a>.</p>`+
				`<p>The brief: <a href="http://www.dropbox.com:%[1]s/s/8k2j3h4/brief_UA.pdf?dl=0">PDF</a></p>`+
				`<p><a href="http://ndownloader.figshare.com:%[1]s/files/19044310">Download the report</a></p>`+
				`<p><a href="http://archive.org:%[1]s/download/ssg-handbook-2016/handbook.pdf">Handbook (2016)</a></p>`+
				`<p><a href="http://github.com:%[1]s/example-org/ssg-reports/releases/download/v2.1/baseline.pdf">Baseline study</a></p>`+
				`<p><a href="http://github.com:%[1]s/other-org/papers/blob/main/draft.pdf">a repository's file viewer</a> `+
				`<a href="http://web.archive.org:%[1]s/web/2019/https://other.test/x.pdf">another site's PDF, archived</a></p></main></body></html>`, port)
		case host == "docs.google.com" && r.URL.Path == "/document/d/1DoC-Id_9/export" && r.URL.Query().Get("format") == "pdf":
			http.Redirect(w, r, fmt.Sprintf("http://doc-0g-6k-docs.googleusercontent.com:%s/export/abc123/xyz?id=1DoC-Id_9&exportFormat=pdf", port), http.StatusTemporaryRedirect)
		case host == "www.dropbox.com" && r.URL.Query().Get("dl") == "1":
			to("http://uc8k2j3h4.dl.dropboxusercontent.com:%s/cd/0/get/AbCdEf/file") // no file's name
		case host == "www.dropbox.com":
			fmt.Fprint(w, `<html><head><title>Dropbox - brief_UA.pdf</title></head><body><div id="viewer"></div></body></html>`)
		case host == "ndownloader.figshare.com":
			to("http://s3-eu-west-1.amazonaws.com:%s/pstorage-eb/34567?X-Amz-Expires=10&filename=report.pdf")
		case host == "archive.org":
			to("http://ia800300.us.archive.org:%s/12/items/ssg-handbook-2016/handbook.pdf")
		case host == "github.com":
			to("http://objects.githubusercontent.com:%s/github-production-release-asset-2e65be/123/abc?response-content-disposition=attachment")
		case strings.HasPrefix(r.URL.Path, "/export/") || slices.Contains([]string{"uc8k2j3h4.dl.dropboxusercontent.com", "s3-eu-west-1.amazonaws.com",
			"ia800300.us.archive.org", "objects.githubusercontent.com"}, host):
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, pdf+host+r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	e.crawlVia(t, addr, Config{NoSitemaps: true}, "http://www.foundation.example:"+port+"/")
	for _, u := range []string{"docs.google.com:%s/document/d/1DoC-Id_9/export?format=pdf", "www.dropbox.com:%s/s/8k2j3h4/brief_UA.pdf?dl=1",
		"ndownloader.figshare.com:%s/files/19044310", "archive.org:%s/download/ssg-handbook-2016/handbook.pdf",
		"github.com:%s/example-org/ssg-reports/releases/download/v2.1/baseline.pdf"} {
		u = "http://" + fmt.Sprintf(u, port)
		if got, err := e.store.Get(u); err != nil || got.ContentType != corpus.TypePDF {
			t.Errorf("%s: %+v, %v; want the site's PDF", u, got, err)
		}
	}
	for _, u := range []string{"github.com/other-org/papers/blob/main/draft.pdf", "web.archive.org/web/2019"} {
		if asked(u) > 0 {
			t.Errorf("%s fetched: a service's page, or another site's PDF", u)
		}
	}
}

// TestFileStore: the hosts of file stores and CDNs, by provider or by a name
// that says so, and hosts that are an organisation's own or a platform's sites.
func TestFileStore(t *testing.T) {
	for _, tt := range []struct {
		host string
		want bool
	}{
		// Providers.
		{"uploads-ssl.webflow.com", true},
		{"cdn.prod.website-files.com", true},
		{"assets.website-files.com", true},
		{"static1.squarespace.com", true},
		{"images.squarespace-cdn.com", true},
		{"0f1e2d_3c4b.filesusr.com", true},
		{"static.wixstatic.com", true},
		{"docs.wixstatic.com", true},
		{"static.tildacdn.com", true},
		{"assets.ctfassets.net", true},
		{"downloads.ctfassets.net", true},
		{"f.hubspotusercontent20.net", true},
		{"2.hubspotusercontent-na1.net", true},
		{"cdn2.hubspot.net", true},
		{"mybucket.s3.amazonaws.com", true},
		{"s3.amazonaws.com", true},
		{"mybucket.s3.eu-west-1.amazonaws.com", true},
		{"s3.eu-west-1.amazonaws.com", true},
		{"mybucket.s3-eu-west-1.amazonaws.com", true},
		{"s3-eu-west-1.amazonaws.com", true},
		{"mybucket.s3.dualstack.us-east-1.amazonaws.com", true},
		{"d111111abcdef8.cloudfront.net", true},
		{"storage.googleapis.com", true},
		{"mybucket.storage.googleapis.com", true},
		{"firebasestorage.googleapis.com", true},
		{"account.blob.core.windows.net", true},
		{"example.azureedge.net", true},
		{"bucket.nyc3.digitaloceanspaces.com", true},
		{"bucket.ams3.cdn.digitaloceanspaces.com", true},
		{"pub-0123456789abcdef.r2.dev", true},
		{"example.b-cdn.net", true},
		{"example.files.wordpress.com", true},
		{"cdn11.editmysite.com", true},
		{"u.jimcdn.com", true},
		{"dl.dropboxusercontent.com", true},
		{"raw.githubusercontent.com", true},
		{"drive.google.com", true}, // its downloads only (htmlpage.DriveFile): its viewer's links are read as them
		{"zenodo.org", true},
		{"drive.usercontent.google.com", true},
		{"www.dropbox.com", true}, // its shared files (dl=1): the hosts adopted for a site's files keep its PDFs only
		{"github.com", false},     // a service whose files under some paths only are a site's (fileServices)
		{"web.archive.org", false},
		{"f000.backblazeb2.com", true},
		{"res.cloudinary.com", true},
		{"mcusercontent.com", true},
		{"bucket.s3.fr-par.scw.cloud", true},     // a provider's public suffix named s3
		{"bucket.storage.yandexcloud.net", true}, // … named storage
		{"uploads.example-cdn.net", true},        // a name that says so
		{"assets.example-webflow-cdn.com", true},
		{"static.example-cdn.com:8443", true},
		// A marked host of an unmarked domain: an organisation's own.
		{"cdn.example.net", false},
		{"files.example-host.com", false},
		{"media2.example.org", false},
		{"download.example.org", false},
		{"www.example-static.com", true},
		{"example-cdn.net", true},
		{"UPLOADS.Example-CDN.net.", true},
		// Not file stores.
		{"www.un.org", false},
		{"files.un.org", false}, // an organisation's own file host
		{"static.rusi.org", false},
		{"www.osce.org", false},
		{"docs.example.org", false},
		{"un.org", false},
		{"www.other-org.example.org", false},
		{"www.social-media-institute.org", false}, // media: a subject, in a domain's name
		{"media.net", false},
		{"www.cdn-example.org", false},     // the marker not last in the domain's name
		{"staticfiles.example.org", false}, // not a whole label nor a hyphenated part
		{"www.webflow.com", false},         // providers' own sites
		{"www.squarespace.com", false},
		{"www.wix.com", false},
		{"example.wixsite.com", false},
		{"example.github.io", false},
		{"example.netlify.app", false},
		{"example.vercel.app", false},
		{"example.weebly.com", false},
		{"fonts.googleapis.com", false},
		{"www.amazonaws.com", false},
		{"ec2-1-2-3-4.compute-1.amazonaws.com", false},
		{"api.execute-api.us-east-1.amazonaws.com", false},
		{"hubspotusercontent.evil.net", false},
		{"www.hubspot.com", false},
		{"localhost", false},
		{"127.0.0.1:8080", false},
		{"[::1]:443", false},
		{"", false},
	} {
		if got := fileStore(tt.host); got != tt.want {
			t.Errorf("fileStore(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

// TestCrawlDownloadRedirects: a page's download link that redirects to the file
// (WordPress's Download Monitor: /download/5/ → the upload) is recorded as an
// alias of the file's entry, whether the file was fetched through it or before
// it; an alias whose link now leads to a gone file is marked gone; a page that
// redirected, then names its target as canonical, does not overwrite it.
func TestCrawlDownloadRedirects(t *testing.T) {
	pdf := "%PDF-1.4\n" + strings.Repeat("x", 200) + "\n%%EOF\n"
	var second atomic.Bool
	srv, _ := countedServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><body><main><a href="/files/b.pdf">B</a> <a href="/publication/a/">A</a> <a href="/publication/b/">B's page</a> <a href="/old/">Old</a></main></body></html>`)
		case "/publication/a/":
			fmt.Fprint(w, `<html><body><main><h1>A</h1><a href="/download/5/">Download</a></main></body></html>`)
		case "/publication/b/":
			fmt.Fprint(w, `<html><body><main><h1>B</h1><a href="/download/6/">Download</a></main></body></html>`)
		case "/old/": // redirected, then a page of its own naming the other as canonical
			if !second.Load() {
				http.Redirect(w, r, "/new/", http.StatusFound)
				return
			}
			fmt.Fprint(w, `<html><head><link rel="canonical" href="/new/"></head><body><main><p>The old page's own text.</p></main></body></html>`)
		case "/new/":
			fmt.Fprint(w, `<html><body><main><p>The new page.</p></main></body></html>`)
		case "/download/5/":
			if second.Load() { // now to a file that is gone
				http.Redirect(w, r, "/files/moved.pdf", http.StatusFound)
				return
			}
			http.Redirect(w, r, "/wp-content/uploads/dlm_uploads/a.pdf", http.StatusFound)
		case "/download/6/":
			http.Redirect(w, r, "/files/b.pdf", http.StatusFound)
		case "/wp-content/uploads/dlm_uploads/a.pdf", "/files/b.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, pdf+r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	})
	e := newEnv(t)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Retries: -1, Workers: 1}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{"/download/5/": "/wp-content/uploads/dlm_uploads/a.pdf", "/download/6/": "/files/b.pdf"} {
		if got, err := e.store.Get(srv.URL + from); err != nil || got.AliasOf != srv.URL+to || got.ContentType != "application/pdf" || !got.Redirect {
			t.Errorf("%s: %+v, %v; want a redirect's alias of %s", from, got, err, to)
		}
	}
	second.Store(true)
	if _, err := e.crawl(t, context.Background(), Config{NoSitemaps: true, Retries: -1, Workers: 1}, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if got, err := e.store.Get(srv.URL + "/download/5/"); err != nil || got.GoneAt.IsZero() {
		t.Errorf("a download link that now leads to a gone file: %+v, %v; want its alias gone", got, err)
	}
	if body, err := e.store.Get(srv.URL + "/new/"); err != nil || body.AliasOf != "" {
		t.Errorf("/new/: %+v, %v", body, err)
	} else if b, _ := e.store.Body(body.SHA256); !strings.Contains(string(b), "The new page.") {
		t.Errorf("/new/ holds %q: a redirect's alias taken for the page's own earlier copy", b)
	}
}

// TestRedirectsHere: a file stored after a redirect reached it when it was queued
// already (from a page linking it directly) has that redirect among the URLs that
// link it, and the redirect becomes its alias; a referrer that does not redirect
// there does not.
func TestRedirectsHere(t *testing.T) {
	e := newEnv(t)
	st, err := OpenState(filepath.Join(e.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := newCrawler(Config{Store: e.store, State: st}, []string{"https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	const file = "https://example.org/files/c.pdf"
	for u, to := range map[string]string{"https://example.org/download/7/": file, "https://example.org/download/8/": "https://example.org/files/d.pdf"} {
		if err := st.update(u, func(s *URLState) { s.Status, s.RedirectTo = StatusRedirected, to }); err != nil {
			t.Fatal(err)
		}
	}
	entry, err := e.store.Put(corpus.Entry{URL: file, ContentType: corpus.TypePDF, FetchedAt: time.Now()}, []byte("%PDF-1.4\n%%EOF\n"))
	if err != nil {
		t.Fatal(err)
	}
	here := URLState{URL: file, Referrers: []string{"https://example.org/", "https://example.org/download/7/", "https://example.org/download/8/"}}
	if err := c.redirectsHere(here, entry); err != nil {
		t.Fatal(err)
	}
	if got, err := e.store.Get("https://example.org/download/7/"); err != nil || got.AliasOf != file || !got.Redirect {
		t.Errorf("the redirect among the referrers: %+v, %v; want an alias of %s", got, err, file)
	}
	for _, u := range []string{"https://example.org/", "https://example.org/download/8/"} {
		if _, err := e.store.Get(u); err == nil {
			t.Errorf("%s recorded: no redirect to the file", u)
		}
	}
}

// hostsServer serves handle on loopback for every host a crawl asks there, and
// returns its address, its port and how often each host and path (the port
// aside: "static.example.org/files/a.pdf") was asked.
func hostsServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, host, port string)) (addr, port string, asked func(string) int) {
	t.Helper()
	var mu sync.Mutex
	counts := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, port, _ := strings.Cut(r.Host, ":")
		mu.Lock()
		counts[host+r.URL.Path]++
		mu.Unlock()
		handle(w, r, host, port)
	}))
	t.Cleanup(srv.Close)
	addr = srv.Listener.Addr().String()
	_, port, _ = net.SplitHostPort(addr)
	return addr, port, func(u string) int {
		mu.Lock()
		defer mu.Unlock()
		return counts[u]
	}
}
