package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

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
// failure leaves the old index in place. While a server holds the index, the server
// does it and swaps the new index in without stopping.
func fullReindex(ctx context.Context, e *env, dir string) error {
	live := indexdir.Live(dir)
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
			ix.Close()
		}
	}
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(dir, "cache", "extract")); err != nil {
		return err
	}
	ix, err := indexdir.Rebuild(dir, nil, func(ix *indexer.Index) error {
		_, err := (&workspace{dir: dir, index: ix, store: store}).reindex(ctx, e)
		return err
	})
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	next := ix.Dir()
	if err := ix.Close(); err != nil {
		return err
	}
	aside, err := indexdir.Point(dir, next)
	if err != nil {
		os.RemoveAll(next)
		return fmt.Errorf("reindex: swap: %w", err)
	}
	if aside != "" {
		os.RemoveAll(aside)
	}
	return indexdir.RemoveStale(dir)
}
