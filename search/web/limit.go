package web

import (
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// errBusy is the answer when more requests wait than the server will queue.
var errBusy = errors.New("too many requests")

// Defaults of Config's admission limits.
const (
	DefaultMaxInFlight = 16
	DefaultMaxQueued   = 256
	DefaultQueueWait   = 2 * time.Second
)

// limiter admits at most a fixed number of requests to the routes that search, and
// queues a bounded number more for a bounded time; the rest are refused with 429 at
// once, so that a burst slows answers down a little instead of piling up work the
// machine cannot finish (every search holds index readers and memory).
type limiter struct {
	slots  chan struct{}
	queued atomic.Int64
	max    int64
	wait   time.Duration
}

func newLimiter(inFlight, queued int, wait time.Duration) *limiter {
	if inFlight <= 0 {
		inFlight = DefaultMaxInFlight
	}
	if queued < 0 {
		queued = 0
	} else if queued == 0 {
		queued = DefaultMaxQueued
	}
	if wait <= 0 {
		wait = DefaultQueueWait
	}
	return &limiter{slots: make(chan struct{}, inFlight), max: int64(queued), wait: wait}
}

// maxExports is how many exports (which stream every matching document, for up to
// exportTimeout) run at once, apart from the other requests' slots: a few slow
// downloads must not leave searches no room. One more is refused at once.
const maxExports = 4

// limiterOf is the limit on the requests for path: nil for those that do no search
// work (static files, health, metrics, the API description, always answered), the
// exports' own for exports, else the server's.
func (s *Server) limiterOf(path string) *limiter {
	switch {
	case strings.HasPrefix(path, "/static/"), path == "/healthz", path == "/metrics", path == "/api/v1/openapi.json":
		return nil
	case path == "/api/v1/search/export", strings.HasPrefix(path, "/api/v1/saved-searches/") && strings.HasSuffix(path, "/export.csv"):
		return s.exports
	}
	return s.limiter
}

// limit wraps next with the server's admission limits.
func (s *Server) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := s.limiterOf(r.URL.Path)
		if l == nil {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case l.slots <- struct{}{}:
		default:
			if l.queued.Add(1) > l.max {
				l.queued.Add(-1)
				s.busy(w, r)
				return
			}
			t := time.NewTimer(l.wait)
			select {
			case l.slots <- struct{}{}:
				t.Stop()
				l.queued.Add(-1)
			case <-t.C:
				l.queued.Add(-1)
				s.busy(w, r)
				return
			case <-r.Context().Done():
				t.Stop()
				l.queued.Add(-1)
				return
			}
		}
		defer func() { <-l.slots }()
		next.ServeHTTP(w, r)
	})
}

// busy refuses a request the server has no room for, saying when to try again.
func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "1")
	s.error(w, r, errBusy)
}
