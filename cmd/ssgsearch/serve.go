package main

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indexdir"
	"github.com/ssgsearch/ssgsearch/indexer/poppler"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// AdminTokenEnv names the environment variable that sets the admin token.
const AdminTokenEnv = "SSGSEARCH_ADMIN_TOKEN"

const serveHelp = `Usage: ssgsearch serve [--data DIR] [--addr HOST:PORT] [--sources FILE [--crawl-every D]]

Serve the web UI at / and the JSON API at /api/v1/search?q=... until interrupted
(Ctrl-C). GET /healthz answers once the index is open.

While it runs, the server is the index's only writer: 'ssgsearch ingest', 'crawl'
and 'search' on the same data directory hand their index work to it (through
DATA/server.json, readable by you only). With --sources the server crawls those
publishers every --crawl-every and on POST /api/v1/admin/crawl; POST
/api/v1/admin/reindex re-indexes. Both need "Authorization: Bearer TOKEN", the token
from --admin-token or $` + AdminTokenEnv + ` (else a random one, written to DATA/server.json).
New and changed documents are searchable as soon as they are indexed.

Searching and reading are open to all. Creating, editing, running and deleting saved
searches need the token too when the server listens on an address other than
loopback or has a public name (--public-host), and always with --require-token. Requests must name the server by a
loopback name or one given with --public-host (a listening address of its own
counts as one); others are refused. Webhooks reach public addresses only, and the
networks listed in $` + WebhookAllowEnv + ` (CIDR, comma-separated).`

func runServe(ctx context.Context, e *env, args []string) error {
	web.TuneGC(e.getenv)
	fs := newFlags(e, "serve", serveHelp)
	dir := dataFlag(e, fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	token := fs.String("admin-token", e.getenv(AdminTokenEnv), "token for the admin routes (env "+AdminTokenEnv+")")
	sourcesFile := fs.String("sources", "", "crawl the publishers listed in this file (e.g. data/sources.yaml)")
	every := fs.Duration("crawl-every", 0, "with --sources: crawl this often (e.g. 24h); 0 = only on request")
	rateFlag := fs.Float64("rate", crawler.DefaultRate, "with --sources: requests per second per host unless a source sets its own (0 = no limit)")
	requireToken := fs.Bool("require-token", false, "saved searches are changed with the admin token only, even on loopback")
	publicHosts := fs.String("public-host", "", "the names (comma-separated) clients reach the server by, besides localhost")
	if err := parse(fs, args); err != nil {
		return err
	}
	hosts, loopback, err := serveHosts(*addr, *publicHosts, net.LookupHost)
	if err != nil {
		return err
	}
	rate, err := crawlRate("serve", *rateFlag)
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	if *every < 0 || *every > 0 && *sourcesFile == "" {
		return usagef("serve: --crawl-every needs --sources and a positive duration")
	}
	sources, sourcesData, err := readSources(*sourcesFile)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// Full re-indexes swap a link: an index of the layout before links becomes one.
	if err := indexdir.Link(*dir); err != nil {
		return err
	}
	w, err := openWorkspace(*dir)
	if err != nil {
		return err
	}
	defer w.Close()
	if w.index == nil {
		return fmt.Errorf("another ssgsearch server is serving %s", *dir)
	}
	// Kept only now that this server holds the index: every later build reads it.
	if err := keepSources(*dir, sourcesData); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	n, err := w.index.Count()
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(e.stderr, "warning: the index in %s is empty: run 'ssgsearch ingest --sample' or 'ssgsearch crawl URL'\n", *dir)
	}
	if *token == "" {
		*token = newToken()
	}
	opts, stop, err := buildOptions(w.dir, e.log, besideSearches(runtime.GOMAXPROCS(0)))
	if err != nil {
		return err
	}
	defer stop()
	g, err := search.BundledGlossary()
	if err != nil {
		return err
	}
	sst, err := openSaved(w.dir)
	if err != nil {
		return err
	}
	// Webhook deliveries go out beside the index work, never inside it.
	go sst.DeliverLoop(ctx, func(err error) { e.log.Warn("webhook deliveries", "err", err) })
	// Saved queries re-run after every build; their news goes to the log.
	rerunSaved := func(ctx context.Context, rep indexer.Report) {
		var news strings.Builder
		runAllSaved(ctx, e, &news, w.dir, w.index, rep, sst)
		if news.Len() > 0 {
			e.log.Info(strings.TrimSpace(news.String()))
		}
	}
	var srv *web.Server
	cfg := web.Config{
		Index: w.index, Corpus: w.store, Log: e.log, AdminToken: *token, Glossary: g,
		Saved: sst, IndexState: func() string { return indexState(w.dir) },
		// A public name means a public server, behind a proxy on loopback too.
		RequireToken: *requireToken || !loopback || *publicHosts != "", Hosts: hosts, Poppler: poppler.Find(),
		LimitMemory: e.getenv("GOMEMLIMIT") == "",
		// The server calls Rebuild and FullRebuild one at a time: w.index changes only here.
		Rebuild: func(ctx context.Context) (indexer.Report, error) {
			rep, err := indexer.BuildAll(ctx, w.store, w.index, opts)
			if err == nil {
				rerunSaved(ctx, rep)
			}
			return rep, err
		},
		FullRebuild: func(ctx context.Context) (indexer.Report, error) {
			rep, err := swapInNewIndex(ctx, e, w, srv, opts)
			if err == nil {
				rerunSaved(ctx, rep)
			}
			return rep, err
		},
	}
	if len(sources) > 0 {
		cfg.Crawl = func(ctx context.Context) error {
			state, err := crawler.OpenState(filepath.Join(w.dir, "crawl", "state.db"))
			if err != nil {
				return err
			}
			defer state.Close()
			_, err = crawler.Crawl(ctx, crawler.Config{Store: w.store, State: state, Sources: sources, Rate: rate, Log: e.log}, nil)
			return err
		}
	}
	if srv, err = web.New(cfg); err != nil {
		return err
	}
	defer os.Remove(handoffPath(*dir))
	return srv.ListenAndServe(ctx, *addr, func(a net.Addr) {
		// Other commands reach the server on loopback when it listens everywhere:
		// the address they connect to is also the Host they name.
		if t, ok := a.(*net.TCPAddr); ok && t.IP.IsUnspecified() {
			a = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: t.Port}
		}
		if err := writeHandoff(*dir, handoff{Addr: a.String(), Token: *token, PID: os.Getpid()}); err != nil {
			fmt.Fprintf(e.stderr, "warning: other ssgsearch commands cannot reach this server: %v\n", err)
		}
		fmt.Fprintf(e.stdout, "ssgsearch: serving %d documents from %s\n  UI:  http://%s/\n  API: http://%s/api/v1/search?q=oversight\nPress Ctrl-C to stop.\n", n, *dir, a, a)
		if *every > 0 {
			go schedule(ctx, srv, *every, e)
		}
	})
}

// schedule crawls the configured sources now and then every period.
func schedule(ctx context.Context, srv *web.Server, period time.Duration, e *env) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		if err := srv.StartCrawl(ctx); err != nil {
			e.log.Warn("scheduled crawl not started", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// swapInNewIndex re-extracts everything into a new index beside the live one, hands
// it to the running server, which answers from it at once, and links DATA/index to
// it; the old index is closed and deleted once the last request using it is done.
// A failure leaves the old index serving.
func swapInNewIndex(ctx context.Context, e *env, w *workspace, srv *web.Server, opts indexer.Options) (indexer.Report, error) {
	// A fresh extraction cache, which replaces the old one once the new index serves:
	// a rebuild that fails keeps the old.
	var fresh string
	if opts.CacheDir != "" {
		var err error
		if fresh, err = freshCache(w.dir); err != nil {
			return indexer.Report{}, fmt.Errorf("full re-index: %w", err)
		}
		opts.CacheDir = fresh
	}
	var rep indexer.Report
	ix, err := indexdir.Rebuild(w.dir, []string{w.index.Dir()}, func(ix *indexer.Index) (err error) {
		rep, err = indexer.BuildAll(ctx, w.store, ix, opts)
		return err
	})
	if err != nil {
		if fresh != "" {
			os.RemoveAll(fresh)
		}
		return indexer.Report{}, fmt.Errorf("full re-index: %w", err)
	}
	next := ix.Dir()
	back, err := srv.SwapIndex(ix)
	if err != nil {
		ix.Close()
		os.RemoveAll(next)
		if fresh != "" {
			os.RemoveAll(fresh)
		}
		return indexer.Report{}, fmt.Errorf("full re-index: %w", err)
	}
	w.index = ix
	if _, err := indexdir.Point(w.dir, next); err != nil {
		e.log.Error("the new index serves, but the next start would open the old one", "err", err)
	}
	if fresh != "" {
		if err := adoptCache(w.dir, fresh); err != nil {
			e.log.Warn("the new extraction cache was not kept", "err", err)
		}
	}
	go func() {
		old := <-back
		dir := old.Dir()
		if err := old.Close(); err != nil {
			e.log.Warn("close the old index", "dir", dir, "err", err)
		}
		if dir != indexdir.Live(w.dir) {
			if err := os.RemoveAll(dir); err != nil {
				e.log.Warn("delete the old index", "dir", dir, "err", err)
			}
		}
	}()
	return rep, nil
}

// serveHosts returns the host names a server listening on addr answers to besides
// the loopback ones (those of --public-host, and the listening address when it is
// a specific one, with the addresses lookup resolves a name to), and whether addr is
// a loopback address. A server listening on every address needs --public-host: it
// cannot tell its own name.
func serveHosts(addr, public string, lookup func(string) ([]string, error)) (hosts []string, loopback bool, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, false, usagef("serve: --addr %q: want HOST:PORT", addr)
	}
	for _, h := range strings.Split(public, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	ip, perr := netip.ParseAddr(host)
	switch {
	case host == "localhost" || perr == nil && ip.IsLoopback():
		return hosts, true, nil
	case perr == nil && !ip.IsUnspecified():
		hosts = append(hosts, ip.String())
	case host != "" && perr != nil:
		// A name: the addresses it resolves to name the server too (other
		// commands connect to the address the server listens on).
		hosts = append(hosts, host)
		if ips, err := lookup(host); err == nil {
			hosts = append(hosts, ips...)
		}
	case len(hosts) == 0:
		return nil, false, usagef("serve: listening on every address (%s): give --public-host with the name clients use", addr)
	}
	return hosts, false, nil
}

// besideSearches is how many files a server's builds extract at once, on a
// machine with so many cores: half of them, at least one, so that the searches
// the server answers meanwhile keep the other half (a build alone, from the
// command line, extracts on every core).
func besideSearches(cores int) int { return max(1, cores/2) }
