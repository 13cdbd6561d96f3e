package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"runtime/debug"
	"sync"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indexdir"
	"github.com/ssgsearch/ssgsearch/search"
)

// backend is an index the server answers from (Index), with its searcher
// (Value), held by each request for its whole duration (indexdir.Serving).
type backend = indexdir.Held[*search.Searcher]

// searcherOver returns the searcher over ix, with cross-language search when the
// server has a glossary.
func (s *Server) searcherOver(ix *indexer.Index) (*search.Searcher, error) {
	sr := search.New(ix)
	if s.glossary != nil {
		var err error
		if sr, err = sr.WithGlossary(s.glossary); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
	}
	return sr, nil
}

type backendKey struct{}

// hold gives each request the current backend for its whole duration.
func (s *Server) hold(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.back.Acquire()
		defer s.back.Release(b)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), backendKey{}, b)))
	})
}

// cur is the backend request r holds.
func (s *Server) cur(r *http.Request) *backend {
	if b, ok := r.Context().Value(backendKey{}).(*backend); ok {
		return b
	}
	return s.back.Current()
}

// Index returns the index the server answers from now.
func (s *Server) Index() *indexer.Index { return s.back.Current().Index }

// SwapIndex makes the server answer from ix from now on: requests that start after
// it returns use ix, requests already running finish on the index they started
// with. It first has ix read what every search needs (search.Searcher.Prepare;
// about a second at a million pages), so that the first searches on ix do not
// wait for it. The returned channel yields that old index once no request uses
// it; the caller then owns it (to close it and, typically, delete its files).
func (s *Server) SwapIndex(ix *indexer.Index) (<-chan *indexer.Index, error) {
	sr, err := s.searcherOver(ix)
	if err != nil {
		return nil, err
	}
	if err := sr.Prepare(context.Background()); err != nil {
		return nil, fmt.Errorf("web: new index: %w", err)
	}
	old := s.back.Swap(ix, sr)
	s.prepared()
	return old, nil
}

// prepare has the searcher answering now read what every search needs
// (search.Searcher.Prepare), so that the first requests do not wait for it.
func (s *Server) prepare(ctx context.Context) {
	b := s.back.Acquire()
	defer s.back.Release(b)
	if err := b.Value.Prepare(ctx); err != nil {
		if ctx.Err() == nil {
			s.log.Warn("prepare the index for searching", "err", err)
		}
		return
	}
	s.prepared()
}

// prepared sets the process's memory limit from what the server holds with an
// index prepared (Config.LimitMemory), unless an index is being written (writing).
// After a swap the old index may still be held by the requests it answers: the
// limit is then the larger.
func (s *Server) prepared() {
	if !s.limitMemory {
		return
	}
	s.writers.Lock()
	defer s.writers.Unlock()
	if s.writers.n == 0 {
		s.log.Info("memory limit set", "bytes", limitMemory())
	}
}

// writing tells the server that an index is being written in its process until
// done is called: the memory limit it sets for searching (Config.LimitMemory) is
// lifted meanwhile, since a build needs more and bounds its own memory by its
// batches, and set again from the heap then live once the last writer is done.
// Rebuild and RebuildFull call it: the server's indexes are written there.
func (s *Server) writing() (done func()) {
	if !s.limitMemory {
		return func() {}
	}
	s.writers.Lock()
	if s.writers.n++; s.writers.n == 1 {
		debug.SetMemoryLimit(math.MaxInt64)
	}
	s.writers.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.writers.Lock()
			s.writers.n--
			s.writers.Unlock()
			s.prepared()
		})
	}
}
