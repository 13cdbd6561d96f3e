package indexdir

import (
	"sync"
	"sync/atomic"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// Serving is the index a server answers from, with what it built over it (T, a
// searcher). Every request holds the index current when it started until it
// ends, so that Swap puts a new index in place at once and hands the old one
// back when the last request using it is done: no request waits for a swap and
// none sees a closed index.
type Serving[T any] struct {
	cur atomic.Pointer[Held[T]]
}

// Held is one index of a Serving and its value, counted while requests hold it.
type Held[T any] struct {
	Index *indexer.Index
	Value T
	// refs counts the holders; retired is set when it is no longer current, and
	// drained is closed once it is retired and unheld.
	refs    atomic.Int64
	retired atomic.Bool
	once    sync.Once
	drained chan struct{}
}

// NewServing returns a Serving answering from ix, with v built over it.
func NewServing[T any](ix *indexer.Index, v T) *Serving[T] {
	s := &Serving[T]{}
	s.cur.Store(newHeld(ix, v))
	return s
}

func newHeld[T any](ix *indexer.Index, v T) *Held[T] {
	return &Held[T]{Index: ix, Value: v, drained: make(chan struct{})}
}

// Current returns the current index and value, not held: for a look that
// cannot outlive a swap's drain (a request holds its own with Acquire).
func (s *Serving[T]) Current() *Held[T] { return s.cur.Load() }

// Acquire returns the current index and value, held; give it back with Release.
func (s *Serving[T]) Acquire() *Held[T] {
	for {
		h := s.cur.Load()
		h.refs.Add(1)
		if s.cur.Load() == h {
			return h
		}
		s.Release(h) // swapped meanwhile: take the new one
	}
}

// Release gives back what Acquire returned.
func (s *Serving[T]) Release(h *Held[T]) {
	if h.refs.Add(-1) == 0 && h.retired.Load() {
		h.once.Do(func() { close(h.drained) })
	}
}

// Swap makes ix, with v, current: Acquire returns it from now on, and holders of
// the old index finish with it. The returned channel yields the old index once
// nothing holds it; the caller then owns it (to close it and, typically, delete
// its files).
func (s *Serving[T]) Swap(ix *indexer.Index, v T) <-chan *indexer.Index {
	old := s.cur.Swap(newHeld(ix, v))
	old.retired.Store(true)
	if old.refs.Load() == 0 {
		old.once.Do(func() { close(old.drained) })
	}
	out := make(chan *indexer.Index, 1)
	go func() {
		<-old.drained
		out <- old.Index
	}()
	return out
}
