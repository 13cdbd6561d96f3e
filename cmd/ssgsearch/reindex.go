package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
)

const reindexHelp = `Usage: ssgsearch reindex [--data DIR] [--full]

Rebuild the index from the files already fetched or imported into the data
directory, without touching the network. By default only what changed is
re-extracted and rewritten; --full re-extracts everything into a new index and
swaps it in when it is complete (use it after upgrading ssgsearch).`

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

// fullReindex builds a new index next to the current one, with no extraction cache,
// and swaps it in only once it is complete: a failure leaves the old index serving.
func fullReindex(ctx context.Context, e *env, dir string) error {
	live := filepath.Join(dir, "index")
	// Refuse while a server holds the live index: the swap would pull it from under it.
	if _, err := os.Stat(live); err == nil {
		ix, err := indexer.Open(live)
		switch {
		case errors.Is(err, indexer.ErrOldIndex):
			// An index of another version: this rebuild replaces it.
		case err != nil:
			return err
		default:
			ix.Close()
		}
	}
	next := filepath.Join(dir, "index.new")
	if err := os.RemoveAll(next); err != nil {
		return err
	}
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		return err
	}
	ix, err := indexer.Open(next)
	if err != nil {
		return err
	}
	w := &workspace{dir: dir, index: ix, store: store}
	cache := filepath.Join(dir, "cache", "extract")
	if err := os.RemoveAll(cache); err != nil {
		ix.Close()
		return err
	}
	if _, err := w.reindex(ctx, e); err != nil {
		ix.Close()
		os.RemoveAll(next)
		return err
	}
	if err := ix.Close(); err != nil {
		return err
	}
	old := filepath.Join(dir, "index.old")
	os.RemoveAll(old)
	if err := os.Rename(live, old); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("reindex: swap: %w", err)
	}
	if err := os.Rename(next, live); err != nil {
		os.Rename(old, live) // put the old index back
		return fmt.Errorf("reindex: swap: %w", err)
	}
	return os.RemoveAll(old)
}
