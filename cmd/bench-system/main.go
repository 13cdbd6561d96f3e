// Command bench-system is the whole-system part of make bench: on the corpus that
// bench-corpus wrote, it measures index build time, peak memory and size, then
// query latency in process and over HTTP with concurrent clients, throughput and
// the server's memory — and the same page texts in SQLite FTS5 (bm25, through
// Debian's sqlite3), side by side.
//
//	go run ./cmd/bench-system build -data bench-data    # index + FTS5 database
//	go run ./cmd/bench-system query -data bench-data    # latencies, in a fresh process
//	go run ./cmd/bench-system reindex -data bench-data  # a full re-index beside a serving server
//	go run ./cmd/bench-system extract -pdfs DIR -bin bin/ssgsearch  # PDFs read again, on one core and all, beside pdftotext
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
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indexdir"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/web"
)

func main() {
	if len(os.Args) < 2 || !slices.Contains([]string{"build", "query", "reindex", "extract"}, os.Args[1]) {
		fmt.Fprintln(os.Stderr, "usage: bench-system build|query|reindex|extract [-data DIR] [flags]")
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dir := flags.String("data", "bench-data", "folder with corpus.jsonl and queries.json (bench-corpus)")
	clients := flags.Int("clients", 16, "query, reindex: concurrent HTTP clients")
	dur := flags.Duration("duration", 10*time.Second, "query: how long each HTTP load runs")
	reps := flags.Int("reps", 20, "query: in-process repetitions of each query")
	cpuprofile := flags.String("cpuprofile", "", "write a CPU profile of the run to this file")
	pdfs := flags.String("pdfs", "../shared/realpdf/pdfs", "extract: folder of PDFs")
	bin := flags.String("bin", "bin/ssgsearch", "extract: the ssgsearch binary")
	flags.Parse(os.Args[2:])
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	var err error
	switch os.Args[1] {
	case "build":
		err = build(*dir)
	case "query":
		err = query(*dir, *clients, *dur, *reps)
	case "extract":
		err = extractBench(*pdfs, *bin)
	default:
		err = reindex(*dir, *clients)
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

// cpuSeconds is the CPU time (user and system) the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// anonPeak samples the process's anonymous resident memory (RssAnon: its own, not
// the mapped index files that VmHWM also counts) every interval; the function it
// returns stops the sampling and says the largest sample, in MiB.
func anonPeak(interval time.Duration) (stop func() float64) {
	quit, done := make(chan struct{}), make(chan float64)
	go func() {
		peak := 0.0
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			peak = max(peak, status("RssAnon:"))
			select {
			case <-quit:
				done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 { close(quit); return <-done }
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
	// Not timed: indexer.Build has its documents' metadata before it writes.
	lines, err := corpusLines(f)
	if err != nil {
		return err
	}
	csvPath := filepath.Join(dir, "pages.csv")
	cf, err := os.Create(csvPath)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(bufio.NewWriterSize(cf, 1<<20))
	start, cpuStart, stopAnon := time.Now(), cpuSeconds(), anonPeak(100*time.Millisecond)
	ix, err := indexer.Open(idxDir)
	if err != nil {
		return err
	}
	var csvTime time.Duration
	docs, pages, err := ingest(ix, f, lines, func(d *indexer.Document) {
		t := time.Now()
		for _, p := range d.Pages {
			cw.Write([]string{d.ID, strconv.Itoa(p.Number), d.Lang, strconv.Itoa(d.Year), d.Title, p.Text})
		}
		csvTime += time.Since(t)
	})
	if err := errors.Join(err, ix.Close()); err != nil {
		return err
	}
	ours := time.Since(start) - csvTime
	// (The CPU time includes writing FTS5's CSV, which is left out of the wall time:
	// a few percent of the build's.)
	cpu := cpuSeconds() - cpuStart
	peak, anon := peakRSS(), stopAnon()
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
		"build_cpu_s": cpu, "peak_rss_mib": peak, "peak_anon_mib": anon, "index_mib": mib(idxDir)}
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
	fmt.Printf("| CPU ÷ wall while building (GOMAXPROCS %d) | %.2f | – | |\n", runtime.GOMAXPROCS(0), res["build_cpu_s"]/res["build_s"])
	fmt.Printf("| peak RSS while building | %.0f MiB | – | |\n", res["peak_rss_mib"])
	fmt.Printf("| of which the process's own (peak RssAnon; the rest is mapped index files) | %.0f MiB | – | |\n", res["peak_anon_mib"])
	return nil
}

// ingest writes the documents of the corpus (corpus.jsonl, its lines at lines)
// into ix through the indexer's own write path, in the order indexer.Build writes
// them (indexer.WriteOrder), calling each for every document, and compacts the
// index, as indexer.Build does after a bulk build.
func ingest(ix *indexer.Index, f io.ReaderAt, lines []corpusLine, each func(*indexer.Document)) (docs, pages int, err error) {
	var batch []*indexer.Document
	w := ix.NewWriter() // as indexer.Build writes
	flush := func() error {
		_, err := w.Put(context.Background(), batch...)
		batch = nil // the writer may still hold the documents
		return err
	}
	var buf []byte
	for _, l := range lines {
		buf = slices.Grow(buf[:0], l.size)[:l.size]
		if _, err := f.ReadAt(buf, l.at); err != nil {
			return docs, pages, errors.Join(err, w.Close())
		}
		var r record
		if err := json.Unmarshal(buf, &r); err != nil {
			return docs, pages, errors.Join(err, w.Close())
		}
		r.Doc.Pages = r.Pages
		batch = append(batch, r.Doc)
		docs++
		pages += len(r.Pages)
		if each != nil {
			each(r.Doc)
		}
		if len(batch) >= 20 {
			if err := flush(); err != nil {
				return docs, pages, errors.Join(err, w.Close())
			}
		}
	}
	if err := errors.Join(flush(), w.Close()); err != nil {
		return docs, pages, err
	}
	return docs, pages, ix.Compact(context.Background())
}

// corpusLine is where a document's line of corpus.jsonl is, with the document's
// language and year (doc).
type corpusLine struct {
	at   int64
	size int
	doc  *indexer.Document
}

// corpusLines reads the corpus r (corpus.jsonl) for where each document is and
// what indexer.WriteOrder orders by, and returns its lines in that order:
// indexer.Build knows its documents' metadata before it reads their pages, and
// writes them in that order.
func corpusLines(r io.Reader) ([]corpusLine, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var lines []corpusLine
	var at int64
	for sc.Scan() {
		var head struct {
			Doc struct {
				Lang string `json:"lang"`
				Year int    `json:"year"`
			} `json:"doc"`
		}
		if err := json.Unmarshal(sc.Bytes(), &head); err != nil {
			return nil, fmt.Errorf("corpus line %d: %w", len(lines)+1, err)
		}
		lines = append(lines, corpusLine{at: at, size: len(sc.Bytes()), doc: &indexer.Document{Lang: head.Doc.Lang, Year: head.Doc.Year}})
		at += int64(len(sc.Bytes())) + 1
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(lines, func(a, b corpusLine) int { return indexer.WriteOrder(a.doc, b.doc) })
	return lines, nil
}

// reindex measures a full re-index beside a serving server, as 'ssgsearch serve'
// does one: the index is built aside from the corpus while clients keep searching
// the old one, then swapped in (web.Server.SwapIndex); the old one is closed when
// its last request ends. It reports the server's memory before and at its peak
// during the re-index, the searches answered and failed, and their latency during
// the re-index.
func reindex(dir string, clients int) error {
	qs, err := readQueries(dir)
	if err != nil {
		return err
	}
	web.TuneGC(os.Getenv)
	old, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		return err
	}
	g, err := search.BundledGlossary()
	if err != nil {
		return err
	}
	// The new index is built beside the live one as the server builds it
	// (indexdir.Rebuild), through the server's own full re-index (RebuildFull);
	// unlike the server's, the benchmark deletes it afterwards rather than linking
	// it as DATA/index, so that its data stay those of build.
	var srv *web.Server
	var f *os.File
	var lines []corpusLine
	var nix *indexer.Index
	var docs, pages int
	var start time.Time
	var built, swapped time.Duration
	full := func(context.Context) (indexer.Report, error) {
		var err error
		nix, err = indexdir.Rebuild(dir, []string{old.Dir()}, func(ix *indexer.Index) (err error) {
			docs, pages, err = ingest(ix, f, lines, nil)
			return err
		})
		if err != nil {
			return indexer.Report{}, err
		}
		built = time.Since(start)
		drained, err := srv.SwapIndex(nix)
		if err != nil {
			return indexer.Report{}, err
		}
		gone := <-drained
		swapped = time.Since(start)
		return indexer.Report{}, gone.Close()
	}
	srv, err = web.New(web.Config{Index: old, Glossary: g, LimitMemory: os.Getenv("GOMEMLIMIT") == "", FullRebuild: full})
	if err != nil {
		return err
	}
	base, client, stopServer, err := serveLocal(srv, clients)
	if err != nil {
		return err
	}
	defer stopServer()
	// Serving alone first: the memory to compare with.
	if _, _, err := load(client, base, qs.Term, clients, 5*time.Second); err != nil {
		return err
	}
	serving, servingPeak, servingAnon := rss(), peakRSS(), status("RssAnon:")

	if f, err = os.Open(filepath.Join(dir, "corpus.jsonl")); err != nil {
		return err
	}
	defer f.Close()
	if lines, err = corpusLines(f); err != nil {
		return err
	}
	// Clients search without pause through the re-index and the swap.
	stop := make(chan struct{})
	type outcome struct {
		lat    []time.Duration
		failed int
		first  error
	}
	results := make(chan outcome, clients)
	for i := range clients {
		go func(i int) {
			var o outcome
			for n := i; ; n++ {
				select {
				case <-stop:
					results <- o
					return
				default:
				}
				t := time.Now()
				if err := get(client, base+url.QueryEscape(qs.Term[n%len(qs.Term)])); err != nil {
					o.failed++
					if o.first == nil {
						o.first = err
					}
					continue
				}
				o.lat = append(o.lat, time.Since(t))
			}
		}(i)
	}
	// The peak's parts, sampled: anonymous memory (the Go heap, Bleve's batches)
	// and pages of mapped index files (the kernel's page cache, which it can drop).
	var maxAnon, maxFile float64
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
				maxAnon, maxFile = max(maxAnon, status("RssAnon:")), max(maxFile, status("RssFile:"))
			}
		}
	}()
	start = time.Now()
	_, err = srv.RebuildFull(context.Background())
	if nix != nil {
		defer os.RemoveAll(nix.Dir())
	}
	if err != nil {
		return err
	}
	time.Sleep(2 * time.Second) // searches on the new index
	close(stop)
	<-sampled
	var lat []time.Duration
	failed := 0
	var first error
	for range clients {
		o := <-results
		lat, failed = append(lat, o.lat...), failed+o.failed
		if first == nil {
			first = o.first
		}
	}
	peak := peakRSS()
	if err := nix.Close(); err != nil {
		return err
	}
	fmt.Printf("re-index beside the server: %d documents, %d pages built in %.1f s, swapped in at %.1f s, %d clients searching throughout\n",
		docs, pages, built.Seconds(), swapped.Seconds(), clients)
	fmt.Printf("| server RSS serving (after 5 s of load) | peak serving | peak during the re-index | of which anonymous / mapped files (sampled peaks) |\n|---|---|---|---|\n")
	fmt.Printf("| %.0f MiB (%.0f anonymous) | %.0f MiB | %.0f MiB (%.2f× serving) | %.0f / %.0f MiB |\n",
		serving, servingAnon, servingPeak, peak, peak/serving, maxAnon, maxFile)
	fmt.Printf("\nsearches during the re-index: %d answered (%s), %d failed", len(lat), summary(lat), failed)
	if first != nil {
		fmt.Printf(" (first: %v)", first)
	}
	fmt.Println()
	if failed > 0 {
		return fmt.Errorf("%d searches failed during the re-index", failed)
	}
	return nil
}

// readQueries reads DIR/queries.json.
func readQueries(dir string) (queries, error) {
	var qs queries
	b, err := os.ReadFile(filepath.Join(dir, "queries.json"))
	if err != nil {
		return qs, err
	}
	return qs, json.Unmarshal(b, &qs)
}

// serveLocal serves srv on a loopback port, as ssgsearch serve does (ListenAndServe,
// which also has the index release the pages searches read); it returns the search
// API's URL (a query string to append), a client for that many concurrent clients,
// and the function that stops the server.
func serveLocal(srv *web.Server, clients int) (string, *http.Client, func(), error) {
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addr <- a }) }()
	var a net.Addr
	select {
	case a = <-addr:
	case err := <-done:
		cancel()
		return "", nil, nil, err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	stop := func() {
		cancel()
		<-done
	}
	return "http://" + a.String() + "/api/v1/search?q=", client, stop, nil
}

// get requests u and reads the answer, which must be 200 OK.
func get(c *http.Client, u string) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
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
	qs, err := readQueries(dir)
	if err != nil {
		return err
	}
	web.TuneGC(os.Getenv) // as ssgsearch serve does
	start := time.Now()
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		return err
	}
	defer ix.Close()
	g, err := search.BundledGlossary()
	if err != nil {
		return err
	}
	srv, err := web.New(web.Config{Index: ix, Glossary: g, LimitMemory: os.Getenv("GOMEMLIMIT") == ""}) // as ssgsearch serve: cross-language search on
	if err != nil {
		return err
	}
	ready := time.Since(start)
	// Served from the start, as ssgsearch serve is: the server's upkeep (its
	// release of the index's mapped pages) runs while the searches in process do.
	base, client, stopServer, err := serveLocal(srv, clients)
	if err != nil {
		return err
	}
	defer stopServer()
	if len(qs.Term) > 0 { // the server's first search waits for what it prepares
		if err := get(client, base+url.QueryEscape(qs.Term[0])); err != nil {
			return err
		}
	}
	s, err := search.New(ix).WithGlossary(g)
	if err != nil {
		return err
	}
	ctx := context.Background()
	kinds := []struct {
		name string
		qs   []string
		req  func(q string) search.Request
	}{
		{"term", qs.Term, func(q string) search.Request { return search.Request{Query: q, XLang: true} }},
		{"phrase", qs.Phrase, func(q string) search.Request { return search.Request{Query: q, XLang: true} }},
		{"fuzzy", qs.Fuzzy, func(q string) search.Request { return search.Request{Query: q, XLang: true} }},
		{"filtered + facets", qs.Filtered, func(q string) search.Request { return search.Request{Query: q, XLang: true, Facets: true} }},
		{"deep page (page 50)", qs.Term, func(q string) search.Request { return search.Request{Query: q, XLang: true, Page: 50, Size: 10} }},
	}
	fmt.Printf("GOMAXPROCS %d; ready on the existing index in %v\n\n", runtime.GOMAXPROCS(0), ready.Round(time.Millisecond))
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
	fmt.Printf("\nserver RSS after the load: %.0f MiB (peak %.0f MiB): %.0f MiB anonymous (Go heap in use %.0f MiB; soft limit %s), %.0f MiB of mapped index files\n",
		rss(), peakRSS(), status("RssAnon:"), float64(ms.HeapInuse)/(1<<20), memoryLimit(), status("RssFile:"))
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
				if err := get(c, base+url.QueryEscape(qs[n%len(qs)])); err != nil {
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

// memoryLimit is the process's soft memory limit (web.Config.LimitMemory), in
// words.
func memoryLimit() string {
	if n := debug.SetMemoryLimit(-1); n < math.MaxInt64 {
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	}
	return "none"
}
