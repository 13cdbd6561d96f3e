package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
	"github.com/ssgsearch/ssgsearch/search"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ssgsearch-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "ssgsearch")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// ssg runs the binary and returns stdout, stderr and the exit code.
func ssg(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), DataEnv+"=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func TestIngestAndSearch(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := ssg(t, "ingest", "--data", dir) // no path: the bundled sample
	if code != 0 || !strings.Contains(out, "indexed 13 documents") {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = ssg(t, "search", "--data", dir, `"closed hearing is not a secret hearing"`)
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errs)
	}
	for _, want := range []string{"Parliamentary Oversight of the Security Sector", "p. 15:", "[closed]", ".pdf#page=15"} {
		if !strings.Contains(out, want) {
			t.Errorf("search output lacks %q:\n%s", want, out)
		}
	}
	// Stand-ins for words no document has: the synonym list's, WordNet's, a
	// compound's two words.
	out, _, _ = ssg(t, "search", "--data", dir, "graft", "draftees", "держбюджет")
	for _, want := range []string{"searched also: graft (in no document) → corruption", "searched also: draftee (in no document; from WordNet) → conscript",
		"searched also: держбюджет (in no document; its two words) → державний бюджет"} {
		if !strings.Contains(out, want) {
			t.Errorf("search output lacks %q:\n%s", want, out)
		}
	}
	// Spelling corrections, and a query typed with the wrong keyboard layout.
	for q, want := range map[string]string{
		"polise intgrity":  "No document has polise, intgrity; showing results for: police integrity",
		"зщдшсу штеупкшен": "Typed with another keyboard layout? Showing results for: police integrity",
	} {
		if out, _, _ = ssg(t, "search", "--data", dir, q); !strings.Contains(out, want) {
			t.Errorf("search %q: output lacks %q:\n%s", q, want, out)
		}
	}
	out, _, code = ssg(t, "search", "--data", dir, "--json", "громадський", "нагляд")
	if code != 0 {
		t.Fatalf("search --json: exit %d", code)
	}
	var res search.Response
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json output: %v\n%s", err, out)
	}
	if len(res.Hits) == 0 || res.Hits[0].Lang != "uk" || len(res.Hits[0].Pages) == 0 {
		t.Fatalf("Ukrainian query: %+v", res.Hits)
	}
	// Quotes: a near one shows its word diff and exits 1 (a misquote is no match);
	// the JSON answer is the API's.
	out, _, code = ssg(t, "quote", "--data", dir, "A closed hearing is a secret hearing")
	if code != 1 || !strings.HasPrefix(out, "near\n") || !strings.Contains(out, "{+not+}") || !strings.Contains(out, "p. 15") {
		t.Errorf("quote: exit %d\n%s", code, out)
	}
	out, _, code = ssg(t, "quote", "--data", dir, "--json", "Судам довіряють лише 24 відсотки респондентів.")
	if code != 0 || !strings.Contains(out, `"verdict": "exact"`) || !strings.Contains(out, `"page": 3`) {
		t.Errorf("quote --json:\n%s", out)
	}
	if _, errs, code := ssg(t, "quote", "--data", dir); code != 2 || !strings.Contains(errs, "give the TEXT") {
		t.Errorf("quote without text: exit %d, %s", code, errs)
	}
	// Not found: said on stdout, exit status 1 (as grep); a word or two is no quote.
	if out, errs, code := ssg(t, "quote", "--data", dir, "Committees never meet on the moon"); code != 1 || !strings.HasPrefix(out, "not_found") || errs != "" {
		t.Errorf("quote not found: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if _, errs, code := ssg(t, "quote", "--data", dir, "the"); code != 1 || !strings.Contains(errs, "at least 3 words") {
		t.Errorf("one-word quote: exit %d, %s", code, errs)
	}
	// Read-only commands create nothing where --data points wrong.
	typo := filepath.Join(t.TempDir(), "typo")
	if _, errs, code := ssg(t, "search", "--data", typo, "oversight"); code != 1 || !strings.Contains(errs, "no index in") {
		t.Errorf("search in a missing data directory: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(typo); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("search created %s", typo)
	}
	if out, _, code := ssg(t, "--version"); code != 0 || !strings.HasPrefix(out, "ssgsearch ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	// A malformed query fails with the reason on stderr.
	out, errs, code = ssg(t, "search", "--data", dir, "(oversight")
	if code == 0 || !strings.Contains(errs, "unbalanced '('") || out != "" {
		t.Errorf("bad query: exit %d, stderr %q, stdout %q", code, errs, out)
	}
	// Ingesting again changes nothing.
	out, _, code = ssg(t, "ingest", "--data", dir, "--sample")
	if code != 0 || !strings.Contains(out, "indexed 13 documents (79 pages; 0 new or changed, 0 removed)") {
		t.Errorf("second ingest: %s", out)
	}
}

func TestIngestFolder(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, data.Sample()); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out, errs, code := ssg(t, "ingest", "--data", dir, site)
	if code != 0 || !strings.Contains(out, "indexed 13 documents") {
		t.Fatalf("ingest folder: exit %d\n%s%s", code, out, errs)
	}
	pdf := filepath.Join(site, "wp-content", "uploads", "2023", "02", "kontrol-nad-rozvidkoiu.pdf")
	single := t.TempDir()
	out, errs, code = ssg(t, "ingest", "--data", single, pdf)
	if code != 0 || !strings.Contains(out, "indexed 1 documents (6 pages;") {
		t.Fatalf("ingest one PDF: exit %d\n%s%s", code, out, errs)
	}
	out, _, _ = ssg(t, "search", "--data", single, "незалежний наглядовий орган")
	if !strings.Contains(out, "Демократичний контроль над розвідувальними органами") {
		t.Errorf("standalone PDF not found:\n%s", out)
	}
}

func TestCrawl(t *testing.T) {
	ts := httptest.NewServer(http.FileServerFS(data.Sample()))
	defer ts.Close()
	dir := t.TempDir()
	sources := filepath.Join(dir, "sources.yaml")
	if err := os.WriteFile(sources, []byte("sources:\n  - name: sample\n    seeds: ["+ts.URL+"/]\n    exclude: ['^/uk/about/']\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := ssg(t, "crawl", "--data", dir, "--rate", "0", "--sources", sources)
	if code != 0 {
		t.Fatalf("crawl: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "indexed 12 documents") {
		t.Errorf("crawl output (13 documents, one excluded by the source):\n%s%s", out, errs)
	}
	out, _, _ = ssg(t, "search", "--data", dir, "--json", "oversight")
	if !strings.Contains(out, ts.URL+"/wp-content/uploads/") {
		t.Errorf("crawled documents should link to the site's PDFs:\n%s", out)
	}
}

func TestExtract(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, data.Sample()); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(site, "wp-content", "uploads", "2022", "10", "hromadska-dumka-2022.pdf")
	out, errs, code := ssg(t, "extract", "--json", pdf)
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errs)
	}
	var res struct {
		Pages []struct {
			Page int    `json:"page"`
			Text string `json:"text"`
		} `json:"pages"`
		Meta map[string]any `json:"meta"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 5 || res.Pages[2].Page != 3 || !strings.Contains(res.Pages[2].Text, "Збройним силам довіряють 92 відсотки") {
		t.Errorf("extract --json: %d pages: %+v", len(res.Pages), res.Pages)
	}
	if res.Meta["lang"] != "uk" {
		t.Errorf("meta: %v", res.Meta)
	}
	out, _, code = ssg(t, "extract", filepath.Join(site, "publication", "police-integrity-training-manual", "index.html"))
	if code != 0 || !strings.Contains(out, "=== page 1 (ok, en) ===") || strings.Contains(out, "Kvadrat") {
		t.Errorf("extract html:\n%s", out)
	}
}

func TestUsageAndErrors(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stream string // where the message goes
		want   string
	}{
		{nil, 2, "stderr", "Commands:"},
		{[]string{"--help"}, 0, "stdout", "Commands:"},
		{[]string{"bogus"}, 2, "stderr", `unknown command "bogus"`},
		{[]string{"ingest", "--help"}, 0, "stderr", "Usage: ssgsearch ingest"},
		{[]string{"crawl", "--help"}, 0, "stderr", "Usage: ssgsearch crawl"},
		{[]string{"search", "--help"}, 0, "stderr", "year:2015..2018"},
		{[]string{"serve", "--help"}, 0, "stderr", "--addr"},
		{[]string{"extract", "--help"}, 0, "stderr", "Usage: ssgsearch extract"},
		{[]string{"reindex", "--help"}, 0, "stderr", "Usage: ssgsearch reindex"},
		{[]string{"reindex"}, 1, "stderr", "no corpus"},
		{[]string{"crawl", "--rate", "-1", "http://127.0.0.1:1/"}, 2, "stderr", "--rate must not be negative"},
		{[]string{"crawl", "--sources", "/nonexistent.yaml"}, 1, "stderr", "no such file"},
		{[]string{"crawl"}, 2, "stderr", "or --sources FILE"},
		{[]string{"ingest", "--bogus"}, 2, "stderr", "flag provided but not defined"},
		{[]string{"ingest", "--data", "", "--sample"}, 1, "stderr", "--data must not be empty"},
		{[]string{"ingest", "/nonexistent/file.pdf"}, 1, "stderr", "no such file"},
		{[]string{"search", "--bogus-flag", "x"}, 2, "stderr", "flag provided but not defined"},
		{[]string{"search", "oversight", "--json"}, 2, "stderr", "put flags first"},
		{[]string{"crawl", "ftp://example.org/"}, 1, "stderr", "not an http(s) URL"},
		{[]string{"extract", "main.go"}, 1, "stderr", "not an HTML or PDF file"},
		{[]string{"extract"}, 2, "stderr", "exactly one FILE"},
	}
	for _, tt := range tests {
		args := tt.args
		if len(args) > 0 && args[0] != "--help" && args[0] != "extract" && !strings.Contains(strings.Join(args, " "), "--data") && !strings.Contains(strings.Join(args, " "), "--help") {
			args = append([]string{args[0], "--data", t.TempDir()}, args[1:]...)
		}
		out, errs, code := ssg(t, args...)
		got := errs
		if tt.stream == "stdout" {
			got = out
		}
		if code != tt.code || !strings.Contains(got, tt.want) {
			t.Errorf("ssgsearch %q: exit %d, %s %q; want exit %d and %q", tt.args, code, tt.stream, got, tt.code, tt.want)
		}
	}
}

// TestCrawlAgainAndReindex crawls a site, changes and removes pages, crawls again
// and checks that the index follows; then rebuilds it from the stored files alone.
func TestCrawlAgainAndReindex(t *testing.T) {
	var mu sync.Mutex
	pages := map[string]string{
		"/":   `<html><body><main><article><h1>Home</h1><p><a href="/a/">a</a> <a href="/b/">b</a></p></article></main></body></html>`,
		"/a/": `<html><head><title>Alpha report</title></head><body><main><article><h1>Alpha report</h1><p>The ombudsman received complaints about barracks.</p></article></main></body></html>`,
		"/b/": `<html><head><title>Bravo report</title></head><body><main><article><h1>Bravo report</h1><p>Procurement audit findings.</p></article></main></body></html>`,
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		body, ok := pages[r.URL.Path]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}))
	defer ts.Close()
	dir := t.TempDir()
	if out, errs, code := ssg(t, "crawl", "--data", dir, "--rate", "0", ts.URL+"/"); code != 0 {
		t.Fatalf("crawl: %s%s", out, errs)
	}
	out, _, _ := ssg(t, "search", "--data", dir, "barracks")
	if !strings.Contains(out, "Alpha report") {
		t.Fatalf("first crawl: %s", out)
	}
	mu.Lock()
	pages["/a/"] = strings.Replace(pages["/a/"], "barracks", "garrisons", 1)
	delete(pages, "/b/")
	mu.Unlock()
	out, errs, code := ssg(t, "crawl", "--data", dir, "--rate", "0", "--json", ts.URL+"/")
	if code != 0 {
		t.Fatalf("second crawl: %s%s", out, errs)
	}
	var sum struct {
		Crawl struct{ Changed, Gone int }
		Index struct{ Written, Removed int }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("--json summary: %v\n%s", err, out)
	}
	// The gone page's document stays, marked removed: rewritten, not deleted.
	if sum.Crawl.Changed != 1 || sum.Crawl.Gone != 1 || sum.Index.Written != 2 || sum.Index.Removed != 0 {
		t.Errorf("second crawl summary %+v, want 1 changed, 1 gone, 2 written, 0 removed", sum)
	}
	for q, want := range map[string]string{"garrisons": "Alpha report", "barracks": "No documents match", "procurement": "removed from the publisher's site on"} {
		if out, _, _ := ssg(t, "search", "--data", dir, q); !strings.Contains(out, want) {
			t.Errorf("after the second crawl, %q: %s", q, out)
		}
	}
	ts.Close()    // no network from here on
	for range 2 { // from a plain index directory, then from a link
		if out, errs, code := ssg(t, "reindex", "--data", dir, "--full"); code != 0 || !strings.Contains(out, "indexed 2 documents") {
			t.Fatalf("reindex --full: exit %d\n%s%s", code, out, errs)
		}
		if out, _, _ := ssg(t, "search", "--data", dir, "garrisons"); !strings.Contains(out, "Alpha report") {
			t.Errorf("after reindex: %s", out)
		}
		target, err := os.Readlink(filepath.Join(dir, "index"))
		dirs, _ := filepath.Glob(filepath.Join(dir, "index-2*"))
		if err != nil || len(dirs) != 1 || filepath.Base(dirs[0]) != target {
			t.Errorf("after reindex --full: index links to %q (%v); index directories %v", target, err, dirs)
		}
	}
}

// startServer runs `ssgsearch serve --data dir args...` until the test ends and
// returns its handoff record once it serves.
func startServer(t *testing.T, dir string, args ...string) handoff {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--data", dir}, args...)...)
	cmd.Env = append(os.Environ(), DataEnv+"=", AdminTokenEnv+"=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if h, err := readHandoff(dir); err == nil {
			return h
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", out.String())
		}
	}
}

// TestBesideTheServer runs ingest, search and crawl while a server holds the index:
// they hand their index work to the server, and new documents are searchable at once.
func TestBesideTheServer(t *testing.T) {
	dir := t.TempDir()
	h := startServer(t, dir, "--addr", "127.0.0.1:0")
	o, errs, code := ssg(t, "ingest", "--data", dir, "--sample")
	if code != 0 || !strings.Contains(o, "the server at "+h.Addr+" holds the index") || !strings.Contains(o, "indexed 13 documents") {
		t.Fatalf("ingest beside the server: exit %d\n%s%s", code, o, errs)
	}
	resp, err := http.Get("http://" + h.Addr + "/api/v1/search?q=oversight")
	if err != nil {
		t.Fatal(err)
	}
	var res search.Response
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if res.Total == 0 {
		t.Errorf("the server does not find what was ingested beside it")
	}
	o, errs, code = ssg(t, "search", "--data", dir, "oversight")
	if code != 0 || !strings.Contains(o, "Parliamentary Oversight") {
		t.Errorf("search beside the server: exit %d\n%s%s", code, o, errs)
	}
	o, errs, code = ssg(t, "quote", "--data", dir, "An inquiry into everything finds nothing.")
	if code != 0 || !strings.HasPrefix(o, "exact\n") {
		t.Errorf("quote beside the server: exit %d\n%s%s", code, o, errs)
	}
	// Saved queries run beside the server: the server runs them.
	if o, errs, code = ssg(t, "saved", "add", "--data", dir, "--name", "Inquiries", "inquiry"); code != 0 {
		t.Fatalf("saved add beside the server: exit %d\n%s%s", code, o, errs)
	}
	o, errs, code = ssg(t, "saved", "run", "--data", dir, "1")
	if code != 0 || !strings.Contains(o, "Inquiries (1): run 1") || !strings.Contains(o, "baseline") {
		t.Errorf("saved run beside the server: exit %d\n%s%s", code, o, errs)
	}
	// A full re-index beside the server: the server builds a new index aside and
	// swaps it in while clients keep searching; none of their searches fails. The
	// first replaces a plain index directory, the second the index a link names.
	for round := 1; round <= 2; round++ {
		var stop atomic.Bool
		var failed atomic.Int64
		var searches sync.WaitGroup
		for range 3 {
			searches.Add(1)
			go func() {
				defer searches.Done()
				for !stop.Load() {
					resp, err := http.Get("http://" + h.Addr + "/api/v1/search?q=oversight")
					if err != nil || resp.StatusCode != 200 {
						failed.Add(1)
					}
					if err == nil {
						var res search.Response
						if json.NewDecoder(resp.Body).Decode(&res) != nil || res.Total == 0 {
							failed.Add(1)
						}
						resp.Body.Close()
					}
				}
			}()
		}
		o, errs, code = ssg(t, "reindex", "--full", "--data", dir)
		stop.Store(true)
		searches.Wait()
		if code != 0 || !strings.Contains(o, "swapped it in") || !strings.Contains(o, "indexed 13 documents") {
			t.Errorf("reindex --full beside the server, round %d: exit %d\n%s%s", round, code, o, errs)
		}
		if n := failed.Load(); n > 0 {
			t.Errorf("%d searches failed during the full re-index", n)
		}
		target, err := os.Readlink(filepath.Join(dir, "index"))
		if err != nil || !strings.HasPrefix(target, "index-") {
			t.Errorf("DATA/index is not a link to the new index: %q, %v", target, err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			var left []string // index directories
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.IsDir() && strings.HasPrefix(e.Name(), "index") {
					left = append(left, e.Name())
				}
			}
			if len(left) == 1 && left[0] == target { // only the one the link names
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("old index not deleted after the swap: %v", left)
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if o, errs, code = ssg(t, "search", "--data", dir, "oversight"); code != 0 || !strings.Contains(o, "Parliamentary Oversight") {
		t.Errorf("search after the full re-index: exit %d\n%s%s", code, o, errs)
	}
	// The admin routes want the token.
	resp, err = http.Post("http://"+h.Addr+"/api/v1/admin/reindex", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("reindex without a token: %d", resp.StatusCode)
	}
	if st, err := os.Stat(handoffPath(dir)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("server.json: %v, mode %v; want readable by the owner only", err, st.Mode())
	}
}

// TestCrawlKilled kills a crawl with SIGKILL part way and runs it again: the second
// run resumes, and nothing whose answer was recorded is requested again (only the
// request in flight at the kill can be repeated).
func TestCrawlKilled(t *testing.T) {
	var mu sync.Mutex
	requests := map[string]int{}
	total := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests[r.URL.Path]++
		total++
		mu.Unlock()
		if r.URL.Path == "/robots.txt" || strings.HasSuffix(r.URL.Path, ".xml") {
			http.NotFound(w, r)
			return
		}
		time.Sleep(15 * time.Millisecond)
		var i int
		fmt.Sscanf(r.URL.Path, "/p/%d/", &i)
		var b strings.Builder
		word := string(rune('a'+i%26)) + string(rune('a'+i/26)) // pages differ in more than numbers
		fmt.Fprintf(&b, "<html><head><title>Page %d</title></head><body><main><article><h1>Page %d</h1><p>Text of page %s about oversight.</p>", i, i, word)
		for k := 3*i + 1; k <= 3*i+3 && k < 80; k++ {
			fmt.Fprintf(&b, `<a href="/p/%d/">%d</a> `, k, k)
		}
		b.WriteString("</article></main></body></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(b.String()))
	}))
	defer ts.Close()
	dir := t.TempDir()
	cmd := exec.Command(binary, "crawl", "--data", dir, "--rate", "0", ts.URL+"/p/0/")
	cmd.Env = append(os.Environ(), DataEnv+"=")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for {
		mu.Lock()
		n := total
		mu.Unlock()
		if n >= 30 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	out, errs, code := ssg(t, "crawl", "--data", dir, "--rate", "0", ts.URL+"/p/0/")
	if code != 0 || !strings.Contains(out, "(resumed)") {
		t.Fatalf("resumed crawl: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "indexed 80 documents") {
		t.Errorf("after the resumed crawl: %s", out)
	}
	repeated := 0
	for p, n := range requests {
		if p != "/robots.txt" && !strings.HasSuffix(p, ".xml") && n > 1 {
			repeated++
		}
	}
	if repeated > 1 {
		t.Errorf("%d URLs requested twice across the kill: %v", repeated, requests)
	}
}

// TestIngestSurvivesBadPDFs ingests a folder where one PDF hangs the PDF library (a
// cyclic page tree) and one is not a PDF inside: ingest finishes, indexes the rest,
// and records the bad files as documents that say why they have no text.
func TestIngestSurvivesBadPDFs(t *testing.T) {
	site := t.TempDir()
	good, _ := fs.ReadFile(data.Sample(), "wp-content/uploads/2022/10/hromadska-dumka-2022.pdf")
	files := map[string][]byte{
		"survey.pdf":           good,
		"cyclic-page-tree.pdf": pdftest.Cyclic(),
		"truncated-report.pdf": good[:len(good)/3],
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(site, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	cmd := exec.Command(binary, "ingest", "--data", dir, site)
	cmd.Env = append(os.Environ(), DataEnv+"=", ExtractTimeoutEnv+"=3s")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("ingest: %v\n%s%s", err, out.String(), errb.String())
	}
	if time.Since(start) > 30*time.Second {
		t.Errorf("ingest took %v", time.Since(start))
	}
	// The hanging file is reported, unless poppler (when installed) rescued it.
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if !strings.Contains(errb.String(), "cyclic-page-tree.pdf") || !strings.Contains(errb.String(), "timed out") {
			t.Errorf("the hanging file is not reported:\n%s", errb.String())
		}
	}
	if !strings.Contains(errb.String(), "truncated-report.pdf") {
		t.Errorf("the damaged file is not reported:\n%s", errb.String())
	}
	for _, name := range []string{"cyclic", "truncated"} {
		o, _, _ := ssg(t, "search", "--data", dir, "--json", name)
		var res search.Response
		if err := json.Unmarshal([]byte(o), &res); err != nil || len(res.Hits) != 1 {
			t.Errorf("%s: a file that could not be read should be findable by its name: %v %s", name, err, o)
		}
	}
	if o, _, _ := ssg(t, "search", "--data", dir, "довіряють"); !strings.Contains(o, "Громадська думка") {
		t.Errorf("the good PDF is not indexed: %s", o)
	}
	// With poppler, the truncated file's readable pages are indexed, marked partial.
	if _, err := exec.LookPath("pdftotext"); err == nil {
		o, _, _ := ssg(t, "search", "--data", dir, "--json", "truncated")
		if !strings.Contains(o, `"status": "partial"`) && !strings.Contains(o, `"status": "failed"`) {
			t.Errorf("truncated file: want status partial (or failed when nothing was readable): %s", o)
		}
	}
}

// TestIngestScan ingests an image-only PDF: when OCR tools are installed its words are
// searchable and the page says it was recognised.
func TestIngestScan(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract not installed (make test installs it)")
	}
	site := t.TempDir()
	src := filepath.Join(site, "source.pdf")
	b, _ := fs.ReadFile(data.Sample(), "wp-content/uploads/2022/10/hromadska-dumka-2022.pdf")
	if err := os.WriteFile(src, b, 0o644); err != nil {
		t.Fatal(err)
	}
	img := filepath.Join(site, "scan")
	if out, err := exec.Command("pdftoppm", "-f", "3", "-l", "3", "-r", "200", "-gray", "-png", "-singlefile", src, img).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	scan, err := pdftest.Scanned(img + ".png")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "scanned-survey.pdf")
	if err := os.WriteFile(file, scan, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if out, errs, code := ssg(t, "ingest", "--data", dir, file); code != 0 {
		t.Fatalf("ingest: %s%s", out, errs)
	}
	out, _, _ := ssg(t, "search", "--data", dir, "довіряють")
	if !strings.Contains(out, "1 documents (1 pages) match") || !strings.Contains(out, "p. 1:") {
		t.Errorf("OCR text not searchable:\n%s", out)
	}
	out, _, _ = ssg(t, "extract", file)
	if !strings.Contains(out, "ocr") {
		t.Errorf("extract does not say the page was OCRed:\n%s", out)
	}
}

// TestOldIndex: an index written by another version is refused with the way out, and
// `reindex --full` rebuilds it from the stored files.
func TestOldIndex(t *testing.T) {
	dir := t.TempDir()
	if out, errs, code := ssg(t, "ingest", "--data", dir, "--sample"); code != 0 {
		t.Fatalf("ingest: %s%s", out, errs)
	}
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	ix.Bleve().SetInternal([]byte("ssgsearch_record_version"), []byte("records-0"))
	ix.Close()
	if _, errs, code := ssg(t, "search", "--data", dir, "oversight"); code == 0 || !strings.Contains(errs, "reindex --full") {
		t.Errorf("search on an old index: exit %d, %s", code, errs)
	}
	// The full re-index fills a fresh extraction cache, which replaces the old one
	// once the new index is live; a leftover of one that did not finish goes.
	stale := filepath.Join(dir, "cache", "extract-20200101T000000.000000000")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, errs, code := ssg(t, "reindex", "--data", dir, "--full"); code != 0 || !strings.Contains(out, "indexed 13 documents") {
		t.Fatalf("reindex --full: %s%s", out, errs)
	}
	caches, _ := filepath.Glob(filepath.Join(dir, "cache", "extract*"))
	if files, _ := os.ReadDir(filepath.Join(dir, "cache", "extract")); len(caches) != 1 || len(files) == 0 {
		t.Errorf("after reindex --full: caches %q, %d cached results; want the one, filled", caches, len(files))
	}
	// Commands that write the index rebuild an old one by themselves.
	ix, err = indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	ix.Bleve().SetInternal([]byte("ssgsearch_record_version"), []byte("records-0"))
	ix.Close()
	if out, errs, code := ssg(t, "ingest", "--data", dir, "--sample"); code != 0 || !strings.Contains(errs, "rebuilding it from the stored files") || !strings.Contains(out, "indexed 13 documents") {
		t.Errorf("ingest on an old index: exit %d\n%s%s", code, out, errs)
	}
	if out, _, code := ssg(t, "search", "--data", dir, "oversight"); code != 0 || !strings.Contains(out, "Parliamentary Oversight") {
		t.Errorf("after reindex --full: %s", out)
	}
}

// TestSavedQueries drives saved queries from the command line: add, run (baseline),
// re-run after an ingest, show, results, feed, export and import, batch, remove.
func TestSavedQueries(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := ssg(t, "ingest", "--data", dir, "--sample"); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := ssg(t, "saved", "add", "--data", dir, "--name", "Ukrainian oversight", "--lang", "uk", "--tag", "watch", "oversight")
	if code != 0 || !strings.Contains(out, "saved query 1") {
		t.Fatalf("add: exit %d %s%s", code, out, errs)
	}
	if _, errs, code := ssg(t, "saved", "add", "--data", dir, "--name", "Bad", "(oversight"); code != 1 || !strings.Contains(errs, "unbalanced") {
		t.Errorf("add with a bad query: exit %d %s", code, errs)
	}
	if _, errs, code := ssg(t, "saved", "add", "--data", dir, "oversight"); code != 1 || !strings.Contains(errs, "needs a name") {
		t.Errorf("add without a name: exit %d %s", code, errs)
	}
	out, _, _ = ssg(t, "saved", "run", "--data", dir, "1")
	if !strings.Contains(out, "run 1") || !strings.Contains(out, "baseline") {
		t.Errorf("first run: %s", out)
	}
	// Every build re-runs the saved queries and says which have news.
	out, _, _ = ssg(t, "ingest", "--data", dir, "--sample")
	if !strings.Contains(out, "saved queries re-run: 1, none with news") {
		t.Errorf("ingest does not re-run the saved queries: %s", out)
	}
	out, _, _ = ssg(t, "saved", "show", "--data", dir, "1")
	if !strings.Contains(out, "run 2") || !strings.Contains(out, "nothing new") {
		t.Errorf("show: %s", out)
	}
	out, _, _ = ssg(t, "saved", "results", "--data", dir, "1")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || rows[1][2] != "2" {
		t.Errorf("results CSV: %v\n%s", err, out)
	}
	out, _, _ = ssg(t, "saved", "feed", "--data", dir, "1")
	if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil || !strings.Contains(out, "http://www.w3.org/2005/Atom") || strings.Contains(out, `href=""`) {
		t.Errorf("feed: %v\n%s", err, out)
	}
	// Export, import elsewhere.
	export := filepath.Join(t.TempDir(), "saved.json")
	if _, errs, code := ssg(t, "saved", "export", "--data", dir, "--out", export); code != 0 {
		t.Fatal(errs)
	}
	other := t.TempDir()
	out, _, code = ssg(t, "saved", "import", "--data", other, export)
	if code != 0 || !strings.Contains(out, "imported 1 of 1") {
		t.Errorf("import: %s", out)
	}
	out, _, _ = ssg(t, "saved", "list", "--data", other)
	if !strings.Contains(out, "Ukrainian oversight") {
		t.Errorf("list after import: %s", out)
	}
	// A watch list: one combined CSV.
	list := filepath.Join(t.TempDir(), "queries.txt")
	os.WriteFile(list, []byte("Procurement,procurement audit\nombuds*\n"), 0o644)
	out, errs, code = ssg(t, "saved", "run", "--data", dir, "--file", list)
	if code != 0 || !strings.HasPrefix(out, "saved_search,query,run_id,ran_at,index_state,rank,") ||
		!strings.Contains(out, "Procurement,procurement audit,,") || !strings.Contains(out, "line 2,ombuds*,,") {
		t.Errorf("batch: exit %d %s%s", code, out, errs)
	}
	// A flag that a subcommand does not take is refused, not ignored.
	if _, errs, code := ssg(t, "saved", "rm", "--data", dir, "--json", "1"); code != 2 || !strings.Contains(errs, "-json") {
		t.Errorf("rm --json: exit %d %s", code, errs)
	}
	if _, _, code := ssg(t, "saved", "rm", "--data", dir, "1"); code != 0 {
		t.Errorf("rm: exit %d", code)
	}
	if _, errs, code := ssg(t, "saved", "show", "--data", dir, "1"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("show after rm: exit %d %s", code, errs)
	}
	if _, _, code := ssg(t, "saved", "frobnicate", "--data", dir); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}

// TestSavedKilledDuringImport kills an import of many saved queries part way: the
// store still opens, the queries saved before are intact, and what was imported is
// a whole prefix of the file.
func TestSavedKilledDuringImport(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"First", "Second"} {
		if _, errs, code := ssg(t, "saved", "add", "--data", dir, "--name", name, "--desc", "kept", "oversight "+name); code != 0 {
			t.Fatal(errs)
		}
	}
	var b strings.Builder
	b.WriteString(`{"saved_searches": [`)
	const n = 3000
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name": "q%04d", "query": "audit %d"}`, i, i)
	}
	b.WriteString("]}")
	file := filepath.Join(t.TempDir(), "many.json")
	os.WriteFile(file, []byte(b.String()), 0o644)
	cmd := exec.Command(binary, "saved", "import", "--data", dir, file)
	cmd.Env = append(os.Environ(), DataEnv+"=")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	cmd.Process.Kill()
	cmd.Wait()
	out, errs, code := ssg(t, "saved", "list", "--data", dir, "--json")
	if code != 0 {
		t.Fatalf("the store does not open after the kill: %s", errs)
	}
	var qs []struct{ ID, Name, Query, Description string }
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	if len(qs) < 2 || qs[0].Name != "First" || qs[1].Name != "Second" || qs[1].Description != "kept" || qs[1].Query != "oversight Second" {
		t.Fatalf("earlier queries: %+v", qs[:min(2, len(qs))])
	}
	for i, q := range qs[2:] {
		if q.Name != fmt.Sprintf("q%04d", i) || q.Query != fmt.Sprintf("audit %d", i) {
			t.Fatalf("imported query %d is %+v: not a whole prefix of the file", i, q)
		}
	}
	if len(qs)-2 == n {
		t.Logf("the import finished before the kill (%d queries)", n)
	}
}

// TestLeftoverIndexDirs: an index directory a killed `reindex --full` left behind
// is removed by the next command that writes the index; one another process holds
// (a full re-index in progress) is left alone.
func TestLeftoverIndexDirs(t *testing.T) {
	dir := t.TempDir()
	if out, errs, code := ssg(t, "ingest", "--data", dir, "--sample"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	// Half built: an index opened and abandoned, as a kill leaves it.
	leftover := filepath.Join(dir, "index-20200101T000000.000000000")
	ix, err := indexer.Open(leftover)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	// In progress: held open by this process while the command runs.
	building := filepath.Join(dir, "index-20200102T000000.000000000")
	held, err := indexer.Open(building)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if out, errs, code := ssg(t, "reindex", "--data", dir); code != 0 {
		t.Fatalf("reindex: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the leftover %s is still there (%v)", leftover, err)
	}
	if _, err := os.Stat(building); err != nil {
		t.Errorf("the index being built was removed: %v", err)
	}
	if out, _, _ := ssg(t, "search", "--data", dir, "oversight"); !strings.Contains(out, "Parliamentary Oversight") {
		t.Errorf("search after the cleanup: %s", out)
	}
}

func TestServeHosts(t *testing.T) {
	for _, tt := range []struct {
		addr, public string
		hosts        []string
		loopback     bool
		err          bool
	}{
		{"127.0.0.1:8080", "", nil, true, false},
		{"localhost:8080", "search.example.org", []string{"search.example.org"}, true, false},
		{"[::1]:8080", "", nil, true, false},
		{"10.1.2.3:80", "", []string{"10.1.2.3"}, false, false},
		{"search.example.org:80", "", []string{"search.example.org", "192.0.2.7"}, false, false},
		{"0.0.0.0:80", "search.example.org, ssg.example.org", []string{"search.example.org", "ssg.example.org"}, false, false},
		{":80", "", nil, false, true},
		{"0.0.0.0:80", "", nil, false, true},
		{"nonsense", "", nil, false, true},
	} {
		lookup := func(name string) ([]string, error) {
			if name == "search.example.org" {
				return []string{"192.0.2.7"}, nil
			}
			return nil, errors.New("no such host")
		}
		hosts, loopback, err := serveHosts(tt.addr, tt.public, lookup)
		if (err != nil) != tt.err || loopback != tt.loopback || !slices.Equal(hosts, tt.hosts) {
			t.Errorf("serveHosts(%q, %q) = %v, %v, %v", tt.addr, tt.public, hosts, loopback, err)
		}
	}
}

// TestSavedWebhookAfterCommand: a build with news for a saved query posts it to the
// query's webhook once the command's index work is done; a webhook to a private
// address is refused unless $SSGSEARCH_WEBHOOK_ALLOW allows its network.
func TestSavedWebhookAfterCommand(t *testing.T) {
	var calls atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	defer hook.Close()
	dir := t.TempDir()
	docs := t.TempDir()
	run := func(allow string, args ...string) (string, string, int) {
		cmd := exec.Command(binary, args...)
		cmd.Env = append(os.Environ(), DataEnv+"=", WebhookAllowEnv+"="+allow)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return out.String(), errb.String(), ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), 0
	}
	write := func(name, text string) {
		page := "<html><head><title>" + text + "</title></head><body><main><h1>" + text + "</h1><p>" + text + " of the defence budget.</p></main></body></html>"
		if err := os.WriteFile(filepath.Join(docs, name), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.html", "Audit of procurement")
	if _, errs, code := run("", "ingest", "--data", dir, docs); code != 0 {
		t.Fatal(errs)
	}
	if _, errs, code := run("", "saved", "add", "--data", dir, "--name", "Audits", "--webhook", hook.URL, "audit"); code != 1 || !strings.Contains(errs, "may not reach") {
		t.Fatalf("a loopback webhook without the operator's allowance: exit %d %s", code, errs)
	}
	if out, errs, code := run("127.0.0.0/8", "saved", "add", "--data", dir, "--name", "Audits", "--webhook", hook.URL, "audit"); code != 0 {
		t.Fatalf("add: exit %d %s%s", code, out, errs)
	}
	run("127.0.0.0/8", "saved", "run", "--data", dir, "1") // the baseline: no news
	write("b.html", "Audit handbook")
	if out, errs, code := run("127.0.0.0/8", "ingest", "--data", dir, docs); code != 0 || !strings.Contains(out, "with news") {
		t.Fatalf("ingest: exit %d %s%s", code, out, errs)
	}
	if calls.Load() != 1 {
		t.Errorf("the news was posted %d times, want once", calls.Load())
	}
	if out, _, _ := run("127.0.0.0/8", "saved", "show", "--data", dir, "--json", "1"); !strings.Contains(out, "delivered (1 attempts)") {
		t.Errorf("the run does not record the delivery: %s", out)
	}

	// A new secret replaces the old; the export that holds it is the owner's only.
	if _, errs, code := run("127.0.0.0/8", "saved", "edit", "--data", dir, "--webhook-secret", "NEWSECRET", "1"); code != 0 {
		t.Fatalf("edit --webhook-secret: exit %d %s", code, errs)
	}
	export := filepath.Join(t.TempDir(), "saved.json")
	if _, errs, code := run("127.0.0.0/8", "saved", "export", "--data", dir, "--out", export); code != 0 {
		t.Fatalf("export: exit %d %s", code, errs)
	}
	if b, err := os.ReadFile(export); err != nil || !strings.Contains(string(b), `"secret": "NEWSECRET"`) {
		t.Errorf("the export after a new secret: %s, %v", b, err)
	}
	if fi, err := os.Stat(export); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("the export with the webhooks' secrets is readable by others: %v, %v", fi.Mode(), err)
	}
	// What is no file is written where it leads.
	if out, errs, code := run("127.0.0.0/8", "saved", "export", "--data", dir, "--out", "/dev/stdout"); code != 0 || !strings.Contains(out, `"saved_searches"`) {
		t.Errorf("export --out /dev/stdout: exit %d %s%.100s", code, errs, out)
	}
	for _, args := range [][]string{
		{"edit", "--data", dir, "--webhook-secret", "", "1"},
		{"add", "--data", dir, "--name", "No hook", "--webhook-secret", "S", "audit"},
	} {
		if _, errs, code := run("127.0.0.0/8", append([]string{"saved"}, args...)...); code != 2 || !strings.Contains(errs, "--webhook-secret") {
			t.Errorf("saved %q: exit %d %s; want a usage error", args, code, errs)
		}
	}
}

// TestCrawlRate: crawl and serve read --rate alike: 0 is no limit, negative is a
// usage error.
func TestCrawlRate(t *testing.T) {
	for _, tt := range []struct {
		flag, want float64
		err        bool
	}{{0, -1, false}, {2.5, 2.5, false}, {-1, 0, true}} {
		for _, cmd := range []string{"crawl", "serve"} {
			got, err := crawlRate(cmd, tt.flag)
			if (err != nil) != tt.err || !tt.err && got != tt.want || tt.err && !errors.Is(err, errUsage) {
				t.Errorf("%s --rate %v: %v, %v", cmd, tt.flag, got, err)
			}
		}
	}
	if _, errs, code := ssg(t, "serve", "--data", t.TempDir(), "--rate", "-1"); code != 2 || !strings.Contains(errs, "--rate must not be negative") {
		t.Errorf("serve --rate -1: exit %d, %s", code, errs)
	}
}

// TestBesideAServerOnEveryAddress: a server listening on every address, under a
// public name, still takes the index work of commands beside it (they reach it on
// loopback, a name it answers to); and changing saved searches needs its token.
func TestBesideAServerOnEveryAddress(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := ssg(t, "ingest", "--data", dir); code != 0 {
		t.Fatal(errs)
	}
	h := startServer(t, dir, "--addr", "0.0.0.0:0", "--public-host", "search.example.org")
	if !strings.HasPrefix(h.Addr, "127.0.0.1:") {
		t.Errorf("handoff address %q, want loopback", h.Addr)
	}
	if o, errs, code := ssg(t, "search", "--data", dir, "oversight"); code != 0 || !strings.Contains(o, "Parliamentary Oversight") {
		t.Errorf("search beside the server: exit %d\n%s%s", code, o, errs)
	}
	resp, err := http.Post("http://"+h.Addr+"/api/v1/saved-searches", "application/json", strings.NewReader(`{"name": "x", "query": "oversight"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("creating a saved search on a public server without the token: %d", resp.StatusCode)
	}
}

// TestBesideSearches: a server's builds extract on half the cores, at least one,
// so that its searches keep the rest.
func TestBesideSearches(t *testing.T) {
	for cores, want := range map[int]int{1: 1, 2: 1, 3: 1, 4: 2, 16: 8} {
		if got := besideSearches(cores); got != want {
			t.Errorf("besideSearches(%d) = %d, want %d", cores, got, want)
		}
	}
}

// TestFailedCommandsChangeNothing: a command that fails says so by its exit code
// and leaves the data directory and the files it was to write as they were.
func TestFailedCommandsChangeNothing(t *testing.T) {
	dir := t.TempDir()
	// A crawl refused for its flags keeps no sources file.
	if _, _, code := ssg(t, "crawl", "--data", dir, "--sources", "../../data/sources.yaml", "--max-pages", "0"); code != 2 {
		t.Errorf("crawl --max-pages 0: exit %d, want 2", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "sources.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused crawl kept the sources file: %v", err)
	}
	// A crawl that fetches nothing fails, with --json too (its summary printed).
	if out, _, code := ssg(t, "crawl", "--data", dir, "--json", "http://127.0.0.1:1/"); code != 1 || !strings.Contains(out, `"crawl"`) {
		t.Errorf("crawl --json of nothing: exit %d, %.100s; want 1 and the summary", code, out)
	}
	// A watch list that cannot run leaves the file it was to write as it was.
	queries := filepath.Join(t.TempDir(), "q.txt")
	prev := filepath.Join(t.TempDir(), "prev.csv")
	for f, text := range map[string]string{queries: "oversight\n", prev: "earlier results\n"} {
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, code := ssg(t, "saved", "run", "--data", t.TempDir(), "--file", queries, "--out", prev); code == 0 {
		t.Error("saved run --file without an index: exit 0")
	}
	if b, err := os.ReadFile(prev); err != nil || string(b) != "earlier results\n" {
		t.Errorf("the output file after a failed run: %q, %v; want it as it was", b, err)
	}
	if m, _ := filepath.Glob(prev + "*"); len(m) != 1 {
		t.Errorf("files left beside the output: %q", m)
	}
}

// TestIngestNothingIndexed: an ingest of which no file could be indexed, or of a
// folder without any, fails.
func TestIngestNothingIndexed(t *testing.T) {
	files := t.TempDir()
	bad := filepath.Join(files, "bad.pdf")
	if err := os.WriteFile(bad, []byte("%PDF-1.7 but nothing else"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	for _, tt := range []struct {
		path, want string
	}{
		{bad, "none of the 1 files could be indexed"},
		{empty, "no HTML or PDF file"},
	} {
		if _, errs, code := ssg(t, "ingest", "--data", t.TempDir(), tt.path); code != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("ingest %s: exit %d, %s; want 1 and %q", tt.path, code, errs, tt.want)
		}
	}
}
