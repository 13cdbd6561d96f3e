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

// limited reports whether a request's path does search work. Static files, health,
// metrics and the API description are always answered.
func limited(path string) bool {
	switch {
	case strings.HasPrefix(path, "/static/"), path == "/healthz", path == "/metrics", path == "/api/v1/openapi.json":
		return false
	}
	return true
}

// limit wraps next with the server's admission limit.
func (s *Server) limit(next http.Handler) http.Handler {
	l := s.limiter
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !limited(r.URL.Path) {
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
