package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/term"

	"github.com/ssgsearch/ssgsearch/crawler"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

const crawlHelp = `Usage: ssgsearch crawl [--data DIR] [flags] URL...
       ssgsearch crawl [--data DIR] [flags] --sources FILE

Crawl websites from the seed URLs, or the publishers listed in a sources file (see
data/sources.yaml: seeds, hosts, include/exclude patterns and a rate per source):
pages and PDFs on the seeds' hosts, found by links,
language alternates, pagination and sitemaps; robots.txt (and its Crawl-delay)
respected; at most --rate requests per second per host. What was fetched is stored
under the data directory and indexed.

The crawl state (frontier, validators, what is gone) is kept under the data
directory: a crawl that is interrupted (Ctrl-C, a crash, --max-pages) resumes where
it stopped on the next run, and a later crawl revisits known pages with conditional
requests, re-indexes only what changed and drops what has disappeared.`

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "crawl", crawlHelp)
	dir := dataFlag(e, fs)
	maxPages := fs.Int("max-pages", crawler.DefaultMaxPages, "stop after visiting this many URLs (the next run resumes)")
	maxDepth := fs.Int("max-depth", crawler.DefaultMaxDepth, "follow links at most this far from the seeds")
	rateFlag := fs.Float64("rate", crawler.DefaultRate, "requests per second per host (0 = no limit; a slower robots.txt Crawl-delay wins)")
	workers := fs.Int("workers", crawler.DefaultWorkers, "concurrent requests (one per host at a time)")
	ua := fs.String("user-agent", crawler.DefaultUserAgent, "User-Agent header, matched against robots.txt")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	sourcesFile := fs.String("sources", "", "crawl the publishers listed in this YAML file")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 && *sourcesFile == "" {
		fs.Usage()
		return usagef("crawl: give at least one seed URL, or --sources FILE")
	}
	switch {
	case *maxPages < 1:
		return usagef("crawl: --max-pages must be 1 or more")
	case *maxDepth < 1:
		return usagef("crawl: --max-depth must be 1 or more")
	case *workers < 1:
		return usagef("crawl: --workers must be 1 or more")
	}
	for _, s := range fs.Args() {
		if _, err := corpus.Normalize(s, nil); err != nil {
			return fmt.Errorf("crawl: seed %q: %w", s, err)
		}
	}
	sources, sourcesData, err := readSources(*sourcesFile)
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	w, err := openWorkspaceForWrite(ctx, e, *dir)
	if err != nil {
		return err
	}
	defer w.Close()
	// Kept only now that the command is sound: every later build reads it.
	if err := keepSources(*dir, sourcesData); err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	state, err := crawler.OpenState(filepath.Join(*dir, "crawl", "state.db"))
	if err != nil {
		return err
	}
	defer state.Close()
	r, err := crawlRate("crawl", *rateFlag)
	if err != nil {
		return err
	}
	cfg := crawler.Config{
		Store: w.store, State: state, UserAgent: *ua, MaxPages: *maxPages, MaxDepth: *maxDepth,
		Rate: r, Workers: *workers, Sources: sources, Log: e.log,
	}
	cfg.Progress = progressPrinter(e)
	rep, err := crawler.Crawl(ctx, cfg, fs.Args())
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintln(e.stderr) // end the live line
	}
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("crawl: %w", err)
	}
	for _, msg := range rep.Errors {
		fmt.Fprintln(e.stderr, "warning: could not fetch", msg)
	}
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "crawl interrupted: run the same command again to resume")
	}
	out := e.stdout
	if *asJSON {
		out = e.stderr // the JSON summary owns stdout
	}
	fmt.Fprintf(out, "crawl run %d%s: fetched %d (%d new or changed), %d unchanged, %d redirects, %d gone, %d missing, %d failed, %d excluded, %d off-site, %d traps, %.1f MB in %s\n",
		rep.Run, map[bool]string{true: " (resumed)"}[rep.Resumed], rep.Fetched, rep.Changed, rep.Unchanged, rep.Redirects,
		rep.Gone, rep.Missing, rep.Failed, rep.Excluded, rep.Offsite, rep.Traps, float64(rep.Bytes)/1e6, rep.Elapsed.Round(time.Millisecond))
	if rep.Truncated {
		fmt.Fprintf(out, "stopped at --max-pages %d with URLs left: run again to continue\n", *maxPages)
	}
	if rep.Postponed > 0 {
		fmt.Fprintf(out, "%d URLs not visited: their host's robots.txt could not be read; the next crawl visits them\n", rep.Postponed)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	ir, err := w.reindexTo(ctx, e, out)
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"crawl": rep, "index": ir}); err != nil {
			return err
		}
	}
	if rep.Fetched+rep.Unchanged == 0 {
		return fmt.Errorf("crawl: nothing could be fetched")
	}
	return nil
}

// progressPrinter returns a live progress line for a terminal, and plain progress
// lines (one every 10 seconds) elsewhere, on stderr.
func progressPrinter(e *env) func(crawler.Progress) {
	var last time.Time
	line := func(p crawler.Progress) string {
		r := float64(p.Visited) / max(p.Elapsed.Seconds(), 0.001)
		return fmt.Sprintf("visited %d, queued %d, errors %d, %.1f MB, %.1f URLs/s", p.Visited, p.Queued, p.Errors, float64(p.Bytes)/1e6, r)
	}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return func(p crawler.Progress) {
			if time.Since(last) < 200*time.Millisecond {
				return
			}
			last = time.Now()
			fmt.Fprintf(f, "\r\033[K%s", line(p))
		}
	}
	last = time.Now()
	return func(p crawler.Progress) {
		if time.Since(last) < 10*time.Second {
			return
		}
		last = time.Now()
		fmt.Fprintf(e.stderr, "crawl: %s\n", line(p))
	}
}

// crawlRate turns a --rate flag into the crawler's rate: 0 means no limit (the
// crawler's own zero means its default), a negative rate is a usage error. crawl
// and serve read --rate the same way.
func crawlRate(cmd string, flag float64) (float64, error) {
	switch {
	case flag < 0:
		return 0, usagef("%s: --rate must not be negative", cmd)
	case flag == 0:
		return -1, nil // no limit
	}
	return flag, nil
}
