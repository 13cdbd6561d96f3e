package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
)

var (
	errUnauthorized = errors.New("unauthorized")
	errConflict     = errors.New("a crawl is already running")
	errNoSources    = errors.New("no sources configured: start the server with --sources")
	errNoFull       = errors.New("this server cannot re-index into a new index")
)

// admin serialises the work that writes the index: re-indexing after an ingest or a
// crawl, and crawls of the configured sources. The server is the index's only writer;
// other processes hand it their work through these routes.
type admin struct {
	token       string
	rebuild     func(ctx context.Context) (indexer.Report, error)
	fullRebuild func(ctx context.Context) (indexer.Report, error)
	crawl       func(ctx context.Context) error

	writeMu sync.Mutex // one rebuild at a time

	mu     sync.Mutex
	status CrawlStatus
}

// CrawlStatus says what the server's crawler is doing.
type CrawlStatus struct {
	Running    bool      `json:"running"`
	StartedAt  time.Time `json:"started_at,omitzero"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
	Error      string    `json:"error,omitempty"`
	// Index is the report of the re-indexing that followed the last crawl.
	Index *indexer.Report `json:"index,omitempty"`
}

// authorized reports whether r carries the admin token.
func (a *admin) authorized(r *http.Request) bool {
	if a.token == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(a.token)) == 1
}

// Rebuild re-indexes the corpus, one rebuild at a time.
func (s *Server) Rebuild(ctx context.Context) (indexer.Report, error) {
	if s.admin.rebuild == nil {
		return indexer.Report{}, errors.New("web: no rebuild function configured")
	}
	s.admin.writeMu.Lock()
	defer s.admin.writeMu.Unlock()
	defer s.writing()()
	return s.admin.rebuild(ctx)
}

// StartCrawl starts a crawl of the configured sources in the background, followed by
// a rebuild; errConflict when one is running.
func (s *Server) StartCrawl(ctx context.Context) error {
	a := &s.admin
	if a.crawl == nil {
		return errNoSources
	}
	a.mu.Lock()
	if a.status.Running {
		a.mu.Unlock()
		return errConflict
	}
	a.status = CrawlStatus{Running: true, StartedAt: time.Now().UTC()}
	a.mu.Unlock()
	go func() {
		err := a.crawl(ctx)
		var rep *indexer.Report
		if err == nil {
			r, rerr := s.Rebuild(ctx)
			rep, err = &r, rerr
		}
		a.mu.Lock()
		a.status.Running, a.status.FinishedAt, a.status.Index = false, time.Now().UTC(), rep
		if err != nil {
			a.status.Error = err.Error()
			s.log.Error("scheduled crawl failed", "err", err)
		}
		a.mu.Unlock()
	}()
	return nil
}

// CrawlStatus returns what the server's crawler is doing.
func (s *Server) CrawlStatus() CrawlStatus {
	s.admin.mu.Lock()
	defer s.admin.mu.Unlock()
	return s.admin.status
}

// RebuildFull re-indexes everything into a new index and swaps it in (see
// Config.FullRebuild), one rebuild at a time.
func (s *Server) RebuildFull(ctx context.Context) (indexer.Report, error) {
	if s.admin.fullRebuild == nil {
		return indexer.Report{}, errNoFull
	}
	s.admin.writeMu.Lock()
	defer s.admin.writeMu.Unlock()
	defer s.writing()()
	return s.admin.fullRebuild(ctx)
}

// handleAdminReindex answers POST /api/v1/admin/reindex[?full=true].
func (s *Server) handleAdminReindex(w http.ResponseWriter, r *http.Request) {
	if !s.admin.authorized(r) {
		s.error(w, r, errUnauthorized)
		return
	}
	rebuild := s.Rebuild
	switch r.URL.Query().Get("full") {
	case "", "false", "0":
	case "true", "1":
		rebuild = s.RebuildFull
	default:
		s.error(w, r, &badRequest{"full must be true or false"})
		return
	}
	// A re-index takes as long as it takes: the answer comes at its end.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	rep, err := rebuild(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

func (s *Server) handleAdminCrawl(w http.ResponseWriter, r *http.Request) {
	if !s.admin.authorized(r) {
		s.error(w, r, errUnauthorized)
		return
	}
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, s.CrawlStatus())
		return
	}
	if err := s.StartCrawl(s.baseCtx); err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, s.CrawlStatus())
}
