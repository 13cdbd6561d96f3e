package web

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/mux"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indexdir"
	"github.com/ssgsearch/ssgsearch/indexer/poppler"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/saved"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Config is what a Server needs.
type Config struct {
	Index  *indexer.Index
	Corpus *corpus.Store // serves stored copies under /files/; may be nil
	Log    *slog.Logger
	// AdminToken authorises the admin routes (Authorization: Bearer TOKEN); empty
	// turns them off.
	AdminToken string
	// Rebuild re-indexes the corpus into Index: POST /api/v1/admin/reindex, and after
	// every crawl. Crawl crawls the configured sources: POST /api/v1/admin/crawl; nil
	// when there are none.
	Rebuild func(ctx context.Context) (indexer.Report, error)
	Crawl   func(ctx context.Context) error
	// FullRebuild re-indexes everything into a new index and hands it to the server
	// with SwapIndex: POST /api/v1/admin/reindex?full=true; nil turns that off.
	FullRebuild func(ctx context.Context) (indexer.Report, error)
	// Glossary serves cross-language search (the xlang parameter); nil turns it off.
	Glossary *search.Glossary
	// Saved keeps saved searches (/api/v1/saved-searches); nil turns them off.
	// IndexState names the index for their runs.
	Saved      *saved.Store
	IndexState func() string
	// MaxInFlight requests that search are served at once, MaxQueued more wait up
	// to QueueWait for a turn, and the rest are answered 429 (zero: the Default*
	// values; MaxQueued < 0: none wait).
	MaxInFlight int
	MaxQueued   int
	QueueWait   time.Duration
	// Poppler, when not nil, draws quote pictures: the PDF page with the passage
	// outlined (pdftoppm and pdftotext's word boxes).
	Poppler *poppler.Poppler
	// RequireToken makes creating, editing, running and deleting saved searches
	// (API and UI) need the admin token, as the admin routes do; reading and
	// searching stay open. ssgsearch serve sets it unless it listens on loopback.
	RequireToken bool
	// Hosts are the names, besides the loopback ones (localhost, 127.0.0.1, ::1),
	// that requests may give in their Host header: the server's public name. A
	// request naming any other host is refused, so that a page on another site
	// whose name was made to point here (DNS rebinding) cannot use the server.
	Hosts []string
	// ReleaseEvery is how often ListenAndServe looks at how much of the files
	// mapped into the server's memory is resident, and MappedBudget the most it
	// lets be: above it, the index releases the pages of its files that searches
	// read (indexer.Index.ReleaseMapped). The files are mapped, and without it
	// every page ever read stays counted in the server's resident memory, which
	// grows towards the index's size. ReleaseEvery zero means DefaultReleaseEvery,
	// below zero never; MappedBudget zero means DefaultMappedBudget, below zero
	// no budget: released at every look (so too where the system does not say).
	ReleaseEvery time.Duration
	MappedBudget int64
	// LimitMemory has the server set the process's soft memory limit
	// (runtime/debug.SetMemoryLimit) each time it has prepared an index to answer
	// from: MemoryHeadroom times the heap then live, at least MinMemoryLimit.
	// ssgsearch serve sets it unless $GOMEMLIMIT is set.
	LimitMemory bool
}

// DefaultReleaseEvery and DefaultMappedBudget are Config.ReleaseEvery's and
// Config.MappedBudget's defaults. At a million pages, searches read about 100 MiB
// of the index files a second, and keep using about 200 MiB of them: a budget
// below that has them read the released pages again, which cost a quarter more
// time at 128 MiB. A search that reads new parts of the files reads tens of MiB
// within 100 ms: looked at every 250 ms, the files passed the budget by up to
// 140 MiB; every 50 ms, the serving peak measured 527–581 MiB against 585–591, for
// a read of /proc/self/statm 20 times a second (docs/BENCHMARKS.md).
const (
	DefaultReleaseEvery = 50 * time.Millisecond
	DefaultMappedBudget = 256 << 20
)

// Server handles the UI and API routes.
type Server struct {
	// back is the index answering now, with its searcher (see SwapIndex).
	back     *indexdir.Serving[*search.Searcher]
	glossary *search.Glossary
	store    *corpus.Store
	log      *slog.Logger
	csrf     *http.CrossOriginProtection
	// saved keeps saved searches (nil: none); indexState names the index.
	saved      *saved.Store
	indexState func() string
	tmpl       *template.Template
	router     *mux.Router
	admin      admin
	// requireToken and hosts: see Config.
	requireToken bool
	hosts        []string
	// home caches the start page's overview (see overview), titles the titles of
	// stored pages (storedTitle).
	home   atomic.Pointer[overviewCache]
	titles titleCache
	// poppler draws quote pictures (nil: none).
	poppler *poppler.Poppler
	metrics *metrics
	limiter *limiter
	// exports limits the exports apart (maxExports).
	exports *limiter
	// baseCtx lives as long as the server: background crawls run in it.
	baseCtx context.Context
	// releaseEvery, mappedBudget and limitMemory: see Config.
	releaseEvery time.Duration
	mappedBudget int64
	limitMemory  bool
	// writers counts the indexes being written beside the server (writing).
	writers struct {
		sync.Mutex
		n int
	}
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Index == nil {
		return nil, errors.New("web: no index")
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tmpl, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse templates: %w", err)
	}
	s := &Server{
		glossary: cfg.Glossary, store: cfg.Corpus,
		log: log, tmpl: tmpl, router: mux.NewRouter(), baseCtx: context.Background(),
		admin: admin{token: cfg.AdminToken, rebuild: cfg.Rebuild, fullRebuild: cfg.FullRebuild, crawl: cfg.Crawl},
		saved: cfg.Saved, indexState: cfg.IndexState, csrf: http.NewCrossOriginProtection(),
		requireToken: cfg.RequireToken, hosts: cfg.Hosts, poppler: cfg.Poppler,
		limiter:      newLimiter(cfg.MaxInFlight, cfg.MaxQueued, cfg.QueueWait),
		exports:      newLimiter(maxExports, -1, cfg.QueueWait),
		releaseEvery: cmp.Or(cfg.ReleaseEvery, DefaultReleaseEvery),
		mappedBudget: cmp.Or(cfg.MappedBudget, DefaultMappedBudget),
		limitMemory:  cfg.LimitMemory,
	}
	if s.indexState == nil {
		s.indexState = func() string { return "unknown" }
	}
	sr, err := s.searcherOver(cfg.Index)
	if err != nil {
		return nil, err
	}
	s.back = indexdir.NewServing(cfg.Index, sr)
	s.metrics = s.newMetrics()
	s.routes()
	return s, nil
}

// routes is the route table.
func (s *Server) routes() {
	r := s.router
	r.HandleFunc("/", s.handleSearchPage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/healthz", s.handleHealth).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/openapi.json", s.handleOpenAPI).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/metrics", s.metrics.handler()).Methods(http.MethodGet, http.MethodHead)
	r.Use(s.metrics.middleware, s.limit, s.hold)
	r.HandleFunc("/api/v1/search", s.handleAPISearch).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/search/export", s.handleExport).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/documents/{id}", s.handleAPIDocument).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/documents/{id}/pages/{n}", s.handleAPIPage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/documents/{id}/search", s.handleAPIInDocument).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/documents/{id}/cite", s.handleAPICite).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/documents/{id}/related", s.handleAPIRelated).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/documents/{id}", s.handleDocumentPage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/documents/{id}/pages/{n}", s.handlePageView).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/quotes/verify", s.handleAPIQuote).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/documents/{id}/pages/{n}/evidence.png", s.handleEvidence).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/documents/{id}/pages/{n}/evidence.png", s.handleEvidence).Methods(http.MethodGet, http.MethodHead)
	s.savedRoutes(r)
	s.savedUIRoutes(r)
	r.HandleFunc("/quote", s.handleQuotePage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/admin/reindex", s.handleAdminReindex).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/admin/crawl", s.handleAdminCrawl).Methods(http.MethodGet, http.MethodPost)
	r.HandleFunc(search.FilesPath+"{name}", s.handleFile).Methods(http.MethodGet, http.MethodHead)
	static, _ := fs.Sub(staticFS, "static")
	r.PathPrefix("/static/").Handler(http.StripPrefix("/static/", http.FileServerFS(static)))
	// Unmatched requests bypass r.Use: count them too.
	r.NotFoundHandler = s.metrics.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.error(w, r, errNotFound)
	}))
	r.MethodNotAllowedHandler = s.metrics.middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", s.allowed(r))
		s.error(w, r, errMethod)
	}))
}

// allowed lists the methods the routes answer at r's path (the Allow header of a
// 405).
func (s *Server) allowed(r *http.Request) string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete} {
		try := r.Clone(r.Context())
		try.Method = m
		var match mux.RouteMatch
		if s.router.Match(try, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "same-origin")
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic serving request", "path", r.URL.Path, "panic", v)
			s.error(w, r, fmt.Errorf("panic: %v", v))
		}
	}()
	if !s.knownHost(r.Host) {
		s.error(w, r, &badRequest{fmt.Sprintf("unknown host %q: this server answers to %s", r.Host, strings.Join(s.hostNames(), ", "))})
		return
	}
	// Forms and API calls that change state are refused from other sites' pages
	// (cross-site request forgery): browsers say where a request comes from.
	if err := s.csrf.Check(r); err != nil {
		s.error(w, r, &forbidden{"cross-origin request refused"})
		return
	}
	if s.requireToken && changesSaved(r) && !s.admin.authorized(r) {
		s.error(w, r, errUnauthorized)
		return
	}
	s.router.ServeHTTP(w, r)
}

// loopbackHosts are the names a server on this machine is always reached by.
var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// hostNames lists the host names the server answers to.
func (s *Server) hostNames() []string { return append(slices.Clone(loopbackHosts), s.hosts...) }

// knownHost reports whether a Host header names this server (its port aside).
func (s *Server) knownHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	for _, n := range s.hostNames() {
		if strings.EqualFold(host, n) {
			return true
		}
	}
	return false
}

// changesSaved reports whether r creates, edits, runs or deletes saved searches.
func changesSaved(r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return false
	}
	p := r.URL.Path
	return p == "/saved" || strings.HasPrefix(p, "/saved/") || strings.HasPrefix(p, "/api/v1/saved-searches")
}

// ListenAndServe serves on addr until ctx is cancelled, then shuts down gracefully.
// ready, when not nil, is called with the listening address once requests are accepted.
// Meanwhile, in the background, the searcher reads what every search needs
// (prepare), and the index releases the pages searches read (Config.MappedBudget).
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	s.baseCtx = ctx
	go s.prepare(ctx)
	if s.releaseEvery > 0 {
		go s.releaseMapped(ctx, s.releaseEvery)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// releaseMapped has the index answering release the pages of its files read so
// far whenever more than the budget of mapped files is resident, looking every
// interval until ctx is done (Config.ReleaseEvery, Config.MappedBudget).
func (s *Server) releaseMapped(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if n, ok := residentMapped(); ok && s.mappedBudget >= 0 && n <= s.mappedBudget {
			continue
		}
		b := s.back.Acquire() // not closed by a swap meanwhile
		err := b.Index.ReleaseMapped()
		s.back.Release(b)
		if err != nil {
			s.log.Warn("release the index's mapped pages", "err", err)
		}
	}
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	b, err := staticFS.ReadFile("static/openapi.json")
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
}

// Router returns the route table, for checking it against the API description.
func (s *Server) Router() *mux.Router { return s.router }

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	n, err := s.cur(r).Index.Count()
	if err != nil {
		// Unavailable, whatever the cause: a load balancer takes the server out.
		s.log.Error("health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "the index cannot be read"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "documents": n})
}

// handleFile serves a stored copy of a corpus object: /files/<sha256>.pdf|.html.
func (s *Server) handleFile(w http.ResponseWriter, r *http.Request) {
	if s.store == nil {
		s.error(w, r, errNotFound)
		return
	}
	name := mux.Vars(r)["name"]
	var sha, ctype string
	switch {
	case len(name) == 68 && name[64:] == ".pdf":
		sha, ctype = name[:64], "application/pdf"
	case len(name) == 69 && name[64:] == ".html":
		sha, ctype = name[:64], "text/html; charset=utf-8" // sandboxed below: no scripts run on our origin
	default:
		s.error(w, r, errNotFound)
		return
	}
	body, err := s.store.Body(sha)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, corpus.ErrNotFound) {
			err = errNotFound
		}
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		// Stored pages are untrusted: no scripts, no forms, no same-origin access.
		// (PDFs are left alone: a sandbox would stop the browser's PDF viewer.)
		w.Header().Set("Content-Security-Policy", "sandbox")
	}
	w.Header().Set("Cache-Control", "public, max-age=86400, immutable")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}
