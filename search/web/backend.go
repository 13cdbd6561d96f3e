package web

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
)

// backend is an index the server answers from, with its searcher. Every request
// holds the backend current when it started until it ends, so that SwapIndex can put
// a new index in place at once and hand the old one back when the last request using
// it is done: no request waits for a swap and none sees a closed index.
type backend struct {
	ix *indexer.Index
	sr *search.Searcher
	// refs counts the requests holding it; retired is set when it is no longer
	// current, and drained is closed once it is retired and unheld.
	refs    atomic.Int64
	retired atomic.Bool
	once    sync.Once
	drained chan struct{}
}

// newBackend returns a backend over ix, with cross-language search when the server
// has a glossary.
func (s *Server) newBackend(ix *indexer.Index) (*backend, error) {
	sr := search.New(ix)
	if s.glossary != nil {
		var err error
		if sr, err = sr.WithGlossary(s.glossary); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
	}
	return &backend{ix: ix, sr: sr, drained: make(chan struct{})}, nil
}

// acquire returns the current backend, held; give it back with release.
func (s *Server) acquire() *backend {
	for {
		b := s.back.Load()
		b.refs.Add(1)
		if s.back.Load() == b {
			return b
		}
		s.release(b) // swapped meanwhile: take the new one
	}
}

// release gives back a backend taken with acquire.
func (s *Server) release(b *backend) {
	if b.refs.Add(-1) == 0 && b.retired.Load() {
		b.once.Do(func() { close(b.drained) })
	}
}

type backendKey struct{}

// hold gives each request the current backend for its whole duration.
func (s *Server) hold(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.acquire()
		defer s.release(b)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), backendKey{}, b)))
	})
}

// cur is the backend request r holds.
func (s *Server) cur(r *http.Request) *backend {
	if b, ok := r.Context().Value(backendKey{}).(*backend); ok {
		return b
	}
	return s.back.Load()
}

// Index returns the index the server answers from now.
func (s *Server) Index() *indexer.Index { return s.back.Load().ix }

// SwapIndex makes the server answer from ix from now on: requests that start after
// it returns use ix, requests already running finish on the index they started
// with. The returned channel yields that old index once no request uses it; the
// caller then owns it (to close it and, typically, delete its files).
func (s *Server) SwapIndex(ix *indexer.Index) (<-chan *indexer.Index, error) {
	nb, err := s.newBackend(ix)
	if err != nil {
		return nil, err
	}
	old := s.back.Swap(nb)
	old.retired.Store(true)
	if old.refs.Load() == 0 {
		old.once.Do(func() { close(old.drained) })
	}
	out := make(chan *indexer.Index, 1)
	go func() {
		<-old.drained
		out <- old.ix
	}()
	return out, nil
}
