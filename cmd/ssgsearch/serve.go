package main

import (
	"context"
	"fmt"
	"net"

	"github.com/ssgsearch/ssgsearch/search/web"
)

const serveHelp = `Usage: ssgsearch serve [--data DIR] [--addr HOST:PORT]

Serve the web UI at / and the JSON API at /api/v1/search?q=... until interrupted
(Ctrl-C). GET /healthz answers once the index is open.`

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", serveHelp)
	dir := dataFlag(e, fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	w, err := openWorkspace(*dir)
	if err != nil {
		return err
	}
	defer w.Close()
	n, err := w.index.Count()
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(e.stderr, "warning: the index in %s is empty: run 'ssgsearch ingest --sample' or 'ssgsearch crawl URL'\n", *dir)
	}
	srv, err := web.New(web.Config{Index: w.index, Corpus: w.store, Log: e.log})
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx, *addr, func(a net.Addr) {
		fmt.Fprintf(e.stdout, "ssgsearch: serving %d documents from %s\n  UI:  http://%s/\n  API: http://%s/api/v1/search?q=oversight\nPress Ctrl-C to stop.\n", n, *dir, a, a)
	})
}
