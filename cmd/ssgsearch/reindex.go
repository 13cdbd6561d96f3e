package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indexdir"
)

const reindexHelp = `Usage: ssgsearch reindex [--data DIR] [--full]

Rebuild the index from the files already fetched or imported into the data
directory, without touching the network. By default only what changed is
re-extracted and rewritten; --full re-extracts everything into a new index and
swaps it in when it is complete (use it after upgrading ssgsearch). Beside a
running server, the server does the work and swaps the new index in while it
keeps answering searches.`

func runReindex(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "reindex", reindexHelp)
	dir := dataFlag(e, fs)
	full := fs.Bool("full", false, "re-extract everything into a fresh index")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("reindex: unexpected argument %q", fs.Arg(0))
	}
	if *dir == "" {
		return usagef("--data must not be empty")
	}
	if _, err := os.Stat(filepath.Join(*dir, "corpus")); err != nil {
		return fmt.Errorf("reindex: no corpus in %s: run 'ssgsearch ingest' or 'ssgsearch crawl' first", *dir)
	}
	if !*full {
		w, err := openWorkspaceForWrite(ctx, e, *dir)
		if err != nil {
			return err
		}
		defer w.Close()
		_, err = w.reindex(ctx, e)
		return err
	}
	return fullReindex(ctx, e, *dir)
}

// fullReindex re-extracts everything (no extraction cache) into a new index built
// beside the current one, and makes it the live index only once it is complete: a
// failure leaves the old index, and the old extraction cache, in place. The live
// index stays open (locked) meanwhile, so that another command writing the index
// is refused rather than writing documents the new index lacks. While a server
// holds the index, the server does it and swaps the new index in without stopping.
func fullReindex(ctx context.Context, e *env, dir string) error {
	live := indexdir.Live(dir)
	var held *indexer.Index // the live index, kept open until the swap
	defer func() {
		if held != nil {
			held.Close()
		}
	}()
	if _, err := os.Stat(live); err == nil {
		ix, err := indexer.Open(live)
		switch {
		case errors.Is(err, indexer.ErrOldIndex):
			// An index of another version: this rebuild replaces it.
		case errors.Is(err, indexer.ErrLocked):
			if _, herr := readHandoff(dir); herr != nil {
				return err
			}
			rep, addr, err := handoffReindex(ctx, dir, true)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "the server at %s holds the index: it re-indexed everything into a new index and swapped it in\n", addr)
			return reportBuild(e, e.stdout, rep)
		case err != nil:
			return err
		default:
			held = ix
		}
	}
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		return err
	}
	cache, err := freshCache(dir)
	if err != nil {
		return err
	}
	ix, err := indexdir.Rebuild(dir, nil, func(ix *indexer.Index) error {
		_, err := (&workspace{dir: dir, index: ix, store: store, cache: cache}).reindex(ctx, e)
		return err
	})
	if err != nil {
		os.RemoveAll(cache)
		return fmt.Errorf("reindex: %w", err)
	}
	next := ix.Dir()
	if err := ix.Close(); err != nil {
		return err
	}
	// An index that is a directory itself is moved aside: closed first. A linked
	// one stays open, locked, until the link is swapped.
	if st, err := os.Lstat(filepath.Join(dir, "index")); held != nil && (err != nil || st.Mode()&fs.ModeSymlink == 0) {
		held.Close()
		held = nil
	}
	aside, err := indexdir.Point(dir, next)
	if err != nil {
		if indexdir.Live(dir) != next {
			os.RemoveAll(next)
		}
		os.RemoveAll(cache)
		return fmt.Errorf("reindex: swap: %w", err)
	}
	if held != nil { // the old index, now unlinked: closed, to be removed below
		held.Close()
		held = nil
	}
	if aside != "" {
		os.RemoveAll(aside)
	}
	if err := adoptCache(dir, cache); err != nil {
		fmt.Fprintf(e.stderr, "warning: the new extraction cache was not kept: %v\n", err)
	}
	return indexdir.RemoveStale(dir)
}

// extractCache is the data directory's extraction cache.
func extractCache(dir string) string { return filepath.Join(dir, "cache", "extract") }

// freshCache makes an empty extraction cache beside the data directory's for a full
// re-index, which reads no cached result but keeps what it extracts; those of
// re-indexes that did not finish go.
func freshCache(dir string) (string, error) {
	old, _ := filepath.Glob(extractCache(dir) + "-*")
	for _, o := range old {
		os.RemoveAll(o)
	}
	fresh := extractCache(dir) + "-" + time.Now().UTC().Format("20060102T150405.000000000")
	if err := os.MkdirAll(fresh, 0o755); err != nil {
		return "", fmt.Errorf("extraction cache: %w", err)
	}
	return fresh, nil
}

// adoptCache makes fresh the data directory's extraction cache, once the index
// built with it is live; the old cache goes.
func adoptCache(dir, fresh string) error {
	cur := extractCache(dir)
	old := cur + ".old"
	os.RemoveAll(old)
	if err := os.Rename(cur, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(fresh, cur); err != nil {
		os.Rename(old, cur)
		return err
	}
	return os.RemoveAll(old)
}
