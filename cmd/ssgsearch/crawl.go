package main

import (
	"context"
	"fmt"

	"github.com/ssgsearch/ssgsearch/crawler"
)

const crawlHelp = `Usage: ssgsearch crawl [--data DIR] [--max-pages N] [--delay D] URL...

Crawl websites from the seed URLs: pages and PDFs on the seeds' hosts, following
links, respecting robots.txt, one request at a time per host. What was fetched is
stored under the data directory and indexed.`

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "crawl", crawlHelp)
	dir := dataFlag(e, fs)
	maxPages := fs.Int("max-pages", crawler.DefaultMaxPages, "stop after this many fetches")
	delay := fs.Duration("delay", crawler.DefaultDelay, "pause between requests to one host")
	ua := fs.String("user-agent", crawler.DefaultUserAgent, "User-Agent header, matched against robots.txt")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usagef("crawl: give at least one seed URL")
	}
	if *maxPages < 1 {
		return fmt.Errorf("crawl: --max-pages must be 1 or more")
	}
	if *delay < 0 {
		return fmt.Errorf("crawl: --delay must not be negative")
	}
	w, err := openWorkspace(*dir)
	if err != nil {
		return err
	}
	defer w.Close()
	d := *delay
	if d == 0 {
		d = -1 // no pause
	}
	rep, err := crawler.Crawl(ctx, crawler.Config{
		Store: w.store, UserAgent: *ua, MaxPages: *maxPages, Delay: d, Log: e.log,
	}, fs.Args())
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	for _, msg := range rep.Errors {
		fmt.Fprintln(e.stderr, "warning: could not fetch", msg)
	}
	fmt.Fprintf(e.stdout, "fetched %d URLs; %d excluded by robots.txt; %d failed", rep.Fetched, rep.Excluded, rep.Failed)
	if rep.Truncated {
		fmt.Fprintf(e.stdout, "; stopped at --max-pages %d", *maxPages)
	}
	fmt.Fprintln(e.stdout)
	if _, err := w.reindex(ctx, e); err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	if rep.Fetched == 0 {
		return fmt.Errorf("crawl: nothing could be fetched")
	}
	return nil
}
