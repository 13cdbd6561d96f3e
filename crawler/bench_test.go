package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// treeSite serves a site of n pages: /p/i links to /p/10i+1 … /p/10i+10, and every
// tenth page links a PDF.
func treeSite(n int) *httptest.Server {
	pdf := []byte("%PDF-1.4\n" + strings.Repeat("x", 20000) + "\n%%EOF\n") // whole: a PDF cut short is asked for again
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" || strings.HasSuffix(r.URL.Path, ".xml") {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".pdf") {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(pdf)
			return
		}
		i, _ := strconv.Atoi(strings.TrimPrefix(strings.TrimSuffix(r.URL.Path, "/"), "/p/"))
		var b strings.Builder
		fmt.Fprintf(&b, "<html><head><title>Page %d</title></head><body><main><article><h1>Page %d</h1><p>%s</p>", i, i, strings.Repeat("Oversight of the security sector. ", 60))
		for k := 10*i + 1; k <= 10*i+10 && k < n; k++ {
			fmt.Fprintf(&b, `<a href="/p/%d/">page %d</a> `, k, k)
		}
		if i%10 == 0 {
			fmt.Fprintf(&b, `<a href="/files/doc-%d.pdf">PDF</a>`, i)
		}
		b.WriteString("</article></main></body></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(b.String()))
	}))
}

// BenchmarkCrawl crawls a local 1,000-page site with politeness off (no rate limit;
// still one request at a time per host) and reports pages per second.
func BenchmarkCrawl(b *testing.B) {
	const pages = 1000
	ts := treeSite(pages)
	defer ts.Close()
	for b.Loop() {
		b.StopTimer()
		e := newEnv(b)
		b.StartTimer()
		st, err := OpenState(filepath.Join(e.dir, "state.db"))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := Crawl(context.Background(), Config{Store: e.store, State: st, Rate: -1, MaxChain: 1 << 20, MaxPages: 1 << 20}, []string{ts.URL + "/p/0/"})
		st.Close()
		if err != nil {
			b.Fatal(err)
		}
		if rep.Fetched < pages {
			b.Fatalf("fetched %d of %d+ URLs", rep.Fetched, pages)
		}
		b.ReportMetric(float64(rep.Fetched)/rep.Elapsed.Seconds(), "urls/s")
	}
}

// BenchmarkFrontierMemory queues 100,000 URLs and reports the heap and the state
// file they take, per URL and per million URLs.
func BenchmarkFrontierMemory(b *testing.B) {
	const n = 100000
	for range b.N {
		b.StopTimer()
		e := newEnv(b)
		st, err := OpenState(filepath.Join(e.dir, "state.db"))
		if err != nil {
			b.Fatal(err)
		}
		c, err := newCrawler(Config{Store: e.store, State: st, MaxPagesPerHost: 1 << 30}, []string{"https://example.org/"})
		if err != nil {
			b.Fatal(err)
		}
		c.run_ = 1
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		for i := 0; i < n; i += 1000 {
			cands := make([]URLState, 0, 1000)
			for k := i; k < i+1000; k++ {
				cands = append(cands, URLState{URL: fmt.Sprintf("https://example.org/publication/some-publication-title-%07d/", k), Depth: 2})
			}
			if err := c.enqueue(cands, &URLState{URL: "https://example.org/publication/"}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if c.pending != n {
			b.Fatalf("queued %d, want %d", c.pending, n)
		}
		fi, _ := os.Stat(filepath.Join(e.dir, "state.db"))
		heap := float64(after.HeapAlloc) - float64(before.HeapAlloc)
		b.ReportMetric(heap/n, "heap-B/url")
		b.ReportMetric(heap/n*1e6/(1<<20), "heap-MiB/1M-urls")
		b.ReportMetric(float64(fi.Size())/n, "disk-B/url")
		st.Close()
		b.StartTimer()
	}
}
