// Command bench-system is the whole-system part of make bench: on the corpus that
// bench-corpus wrote, it measures index build time, peak memory and size, then
// query latency in process and over HTTP with concurrent clients, throughput and
// the server's memory — and the same page texts in SQLite FTS5 (bm25, through
// Debian's sqlite3), side by side.
//
//	go run ./cmd/bench-system build -data bench-data   # index + FTS5 database
//	go run ./cmd/bench-system query -data bench-data   # latencies, in a fresh process
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/web"
)

func main() {
	if len(os.Args) < 2 || (os.Args[1] != "build" && os.Args[1] != "query") {
		fmt.Fprintln(os.Stderr, "usage: bench-system build|query [-data DIR] [flags]")
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dir := flags.String("data", "bench-data", "folder with corpus.jsonl and queries.json (bench-corpus)")
	clients := flags.Int("clients", 16, "query: concurrent HTTP clients")
	dur := flags.Duration("duration", 10*time.Second, "query: how long each HTTP load runs")
	reps := flags.Int("reps", 20, "query: in-process repetitions of each query")
	cpuprofile := flags.String("cpuprofile", "", "write a CPU profile of the run to this file")
	flags.Parse(os.Args[2:])
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	var err error
	if os.Args[1] == "build" {
		err = build(*dir)
	} else {
		err = query(*dir, *clients, *dur, *reps)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-system:", err)
		os.Exit(1)
	}
}

// record is one line of corpus.jsonl.
type record struct {
	Doc   *indexer.Document `json:"doc"`
	Pages []indexer.Page    `json:"pages"`
}

// peakRSS is the process's peak resident memory in MiB.
func peakRSS() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024
}

// rss is the process's resident memory now, in MiB.
func rss() float64 { return status("VmRSS:") }

// status is a memory figure of /proc/self/status (a line "Name: N kB"), in MiB.
func status(name string) float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, name) {
			kb, _ := strconv.Atoi(strings.Fields(l)[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

// mib is the size on disk of dir in MiB.
func mib(dir string) float64 { return float64(indexer.DirSize(dir)) / (1 << 20) }

// build indexes corpus.jsonl into DIR/index (from scratch) through the indexer's own
// write path, and the same pages into DIR/fts5.db, timing both.
func build(dir string) error {
	idxDir := filepath.Join(dir, "index")
	os.RemoveAll(idxDir)
	f, err := os.Open(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		return fmt.Errorf("%w (run make bench-corpus first)", err)
	}
	defer f.Close()
	csvPath := filepath.Join(dir, "pages.csv")
	cf, err := os.Create(csvPath)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(bufio.NewWriterSize(cf, 1<<20))
	start := time.Now()
	ix, err := indexer.Open(idxDir)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var batch []*indexer.Document
	docs, pages := 0, 0
	var csvTime time.Duration
	flush := func() error {
		if _, err := ix.Put(context.Background(), batch...); err != nil {
			return err
		}
		batch = batch[:0]
		return nil
	}
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return err
		}
		r.Doc.Pages = r.Pages
		batch = append(batch, r.Doc)
		docs++
		pages += len(r.Pages)
		t := time.Now()
		for _, p := range r.Pages {
			cw.Write([]string{r.Doc.ID, strconv.Itoa(p.Number), r.Doc.Lang, strconv.Itoa(r.Doc.Year), r.Doc.Title, p.Text})
		}
		csvTime += time.Since(t)
		if len(batch) >= 20 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	// As indexer.Build does after a bulk build.
	if err := errors.Join(sc.Err(), flush(), ix.Compact(context.Background()), ix.Close()); err != nil {
		return err
	}
	ours := time.Since(start) - csvTime
	peak := peakRSS()
	// Segments merged away are deleted when the index is next opened: measure the
	// size after that, as users would see it.
	if ix, err = indexer.Open(idxDir); err != nil {
		return err
	}
	if err := ix.Close(); err != nil {
		return err
	}
	cw.Flush()
	if err := errors.Join(cw.Error(), cf.Close()); err != nil {
		return err
	}
	res := map[string]float64{"docs": float64(docs), "pages": float64(pages), "build_s": ours.Seconds(),
		"peak_rss_mib": peak, "index_mib": mib(idxDir)}
	// FTS5 over the same page texts.
	dbPath := filepath.Join(dir, "fts5.db")
	os.Remove(dbPath)
	if _, err := exec.LookPath("sqlite3"); err == nil {
		script := `CREATE VIRTUAL TABLE pages USING fts5(doc UNINDEXED, page UNINDEXED, lang UNINDEXED, year UNINDEXED, title, text, tokenize='porter unicode61');
.mode csv
.import '` + csvPath + `' pages
`
		t := time.Now()
		cmd := exec.Command("sqlite3", "-batch", dbPath)
		cmd.Stdin = strings.NewReader(script)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("sqlite3: %v: %s", err, out)
		}
		res["fts5_build_s"] = time.Since(t).Seconds()
		st, _ := os.Stat(dbPath)
		res["fts5_mib"] = float64(st.Size()) / (1 << 20)
	}
	os.Remove(csvPath)
	js, _ := json.MarshalIndent(res, "", "  ")
	os.WriteFile(filepath.Join(dir, "build.json"), js, 0o644)
	fmt.Printf("build: %d documents, %d pages\n", docs, pages)
	fmt.Printf("| | ssgsearch (Bleve) | SQLite FTS5 | ratio |\n|---|---|---|---|\n")
	fmt.Printf("| build time | %.1f s | %.1f s | %.2f× |\n", res["build_s"], res["fts5_build_s"], res["build_s"]/res["fts5_build_s"])
	fmt.Printf("| size on disk | %.0f MiB | %.0f MiB | %.2f× |\n", res["index_mib"], res["fts5_mib"], res["index_mib"]/res["fts5_mib"])
	// (sqlite3's own peak is not measured: a child's ru_maxrss counts the parent's
	// pages from before exec.)
	fmt.Printf("| peak RSS while building | %.0f MiB | – | |\n", res["peak_rss_mib"])
	return nil
}

// queries is queries.json.
type queries struct {
	Term, Phrase, Fuzzy, Filtered []string
}

// percentile of sorted durations, in milliseconds.
func percentile(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return 0
	}
	i := int(float64(len(d)-1) * p)
	return float64(d[i].Microseconds()) / 1000
}

func summary(d []time.Duration) string {
	slices.Sort(d)
	return fmt.Sprintf("%.2f / %.2f / %.2f ms", percentile(d, 0.5), percentile(d, 0.95), percentile(d, 0.99))
}

// query measures a fresh process on the built index: time to ready, latency in
// process by kind, HTTP load with concurrent clients, server memory; and FTS5.
func query(dir string, clients int, dur time.Duration, reps int) error {
	b, err := os.ReadFile(filepath.Join(dir, "queries.json"))
	if err != nil {
		return err
	}
	var qs queries
	if err := json.Unmarshal(b, &qs); err != nil {
		return err
	}
	web.TuneGC(os.Getenv) // as ssgsearch serve does
	start := time.Now()
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		return err
	}
	defer ix.Close()
	srv, err := web.New(web.Config{Index: ix})
	if err != nil {
		return err
	}
	ready := time.Since(start)
	s := search.New(ix)
	ctx := context.Background()
	kinds := []struct {
		name string
		qs   []string
		req  func(q string) search.Request
	}{
		{"term", qs.Term, func(q string) search.Request { return search.Request{Query: q} }},
		{"phrase", qs.Phrase, func(q string) search.Request { return search.Request{Query: q} }},
		{"fuzzy", qs.Fuzzy, func(q string) search.Request { return search.Request{Query: q} }},
		{"filtered + facets", qs.Filtered, func(q string) search.Request { return search.Request{Query: q, Facets: true} }},
		{"deep page (page 50)", qs.Term, func(q string) search.Request { return search.Request{Query: q, Page: 50, Size: 10} }},
	}
	fmt.Printf("ready on the existing index in %v\n\n", ready.Round(time.Millisecond))
	fmt.Printf("| in process, one at a time, snippets on | p50 / p95 / p99 |\n|---|---|\n")
	for _, k := range kinds {
		var lat []time.Duration
		for range reps {
			for _, q := range k.qs {
				t := time.Now()
				if _, err := s.Search(ctx, k.req(q)); err != nil && !errors.Is(err, search.ErrInvalidRequest) {
					return fmt.Errorf("%s %q: %w", k.name, q, err)
				}
				lat = append(lat, time.Since(t))
			}
		}
		fmt.Printf("| %s | %s |\n", k.name, summary(lat))
	}
	// Over HTTP.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String() + "/api/v1/search?q="
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	fmt.Printf("\n| over HTTP, %d clients, %v each, snippets and facets on | p50 / p95 / p99 | queries/s |\n|---|---|---|\n", clients, dur)
	for _, k := range kinds[:4] {
		lat, qps, err := load(client, base, k.qs, clients, dur)
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %s | %.0f |\n", k.name, summary(lat), qps)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("\nserver RSS after the load: %.0f MiB (peak %.0f MiB): %.0f MiB anonymous (Go heap in use %.0f MiB), %.0f MiB of mapped index files\n",
		rss(), peakRSS(), status("RssAnon:"), float64(ms.HeapInuse)/(1<<20), status("RssFile:"))
	return fts5(dir, qs, reps)
}

// load runs clients goroutines requesting the queries round robin for dur.
func load(c *http.Client, base string, qs []string, clients int, dur time.Duration) ([]time.Duration, float64, error) {
	var mu sync.Mutex
	var all []time.Duration
	var firstErr error
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range clients {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var mine []time.Duration
			for n := i; time.Now().Before(deadline); n++ {
				t := time.Now()
				resp, err := c.Get(base + url.QueryEscape(qs[n%len(qs)]))
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	return all, float64(len(all)) / time.Since(start).Seconds(), firstErr
}

var runTime = regexp.MustCompile(`Run Time: real ([0-9.]+)`)

// fts5 runs the same queries in one sqlite3 process with .timer on: the ten best
// pages by bm25 with a snippet, as our results carry snippets.
func fts5(dir string, qs queries, reps int) error {
	db := filepath.Join(dir, "fts5.db")
	if _, err := os.Stat(db); err != nil {
		fmt.Println("\n(no FTS5 database: sqlite3 was not installed at build time)")
		return nil
	}
	word := regexp.MustCompile(`[\pL\pN]+`)
	match := func(q string, phrase bool) string {
		w := word.FindAllString(strings.Split(q, " lang:")[0], -1)
		if phrase {
			return `"` + strings.Join(w, " ") + `"`
		}
		for i := range w {
			w[i] = `"` + w[i] + `"`
		}
		return strings.Join(w, " OR ")
	}
	fmt.Printf("\n| SQLite FTS5, one process, ten best pages with snippet() | p50 / p95 / p99 |\n|---|---|\n")
	for _, k := range []struct {
		name   string
		qs     []string
		phrase bool
		where  func(q string) string
	}{
		{"term", qs.Term, false, nil},
		{"phrase", qs.Phrase, true, nil},
		{"filtered", qs.Filtered, false, func(q string) string {
			lang := strings.Fields(strings.Split(q, "lang:")[1])[0]
			return " AND lang = '" + lang + "' AND CAST(year AS INTEGER) BETWEEN 2010 AND 2018"
		}},
	} {
		var script strings.Builder
		script.WriteString(".timer on\n.output /dev/null\n")
		for range reps {
			for _, q := range k.qs {
				extra := ""
				if k.where != nil {
					extra = k.where(q)
				}
				fmt.Fprintf(&script, "SELECT doc, page, snippet(pages, 5, '<mark>', '</mark>', '…', 24) FROM pages WHERE pages MATCH '%s'%s ORDER BY bm25(pages) LIMIT 10;\n",
					strings.ReplaceAll(match(q, k.phrase), "'", "''"), extra)
			}
		}
		cmd := exec.Command("sqlite3", "-batch", db)
		cmd.Stdin = strings.NewReader(script.String())
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("sqlite3: %v: %.300s", err, out)
		}
		var lat []time.Duration
		for _, m := range runTime.FindAllStringSubmatch(string(out), -1) {
			f, _ := strconv.ParseFloat(m[1], 64)
			lat = append(lat, time.Duration(f*float64(time.Second)))
		}
		fmt.Printf("| %s | %s |\n", k.name, summary(lat))
	}
	fmt.Println("| fuzzy | not offered by FTS5 |")
	return nil
}
