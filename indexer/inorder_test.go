package indexer

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestInOrder: inOrder consumes every item once, in order, each after its
// prepare; runs prepares at once on its workers, never more than its window
// ahead of the consumer; and stops at a consumer's error or a cancelled context
// with no prepare left running; a prepare's panic is raised on the caller's
// goroutine.
func TestInOrder(t *testing.T) {
	for _, c := range []struct{ n, workers, window int }{
		{0, 4, 8}, {1, 4, 8}, {50, 1, 2}, {50, 3, 6}, {50, 8, 4}, {7, 16, 32},
	} {
		var inFlight, most, prepared atomic.Int64
		var mu sync.Mutex
		consumed := -1 // the last consumed
		ahead := 0     // the most a prepare started ahead of the next consumed
		done := make([]atomic.Bool, c.n)
		// Each prepare on several workers waits, a little, for another: run one
		// at a time, they would all wait.
		prepare := func(i int) {
			mu.Lock()
			ahead = max(ahead, i-(consumed+1))
			mu.Unlock()
			most.Store(max(most.Load(), inFlight.Add(1)))
			for deadline := time.Now().Add(50 * time.Millisecond); c.workers > 1 && inFlight.Load() < 2 && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			done[i].Store(true)
			prepared.Add(1)
			inFlight.Add(-1)
		}
		err := inOrder(context.Background(), c.n, c.workers, c.window, prepare, func(i int) error {
			mu.Lock()
			defer mu.Unlock()
			if i != consumed+1 || !done[i].Load() {
				t.Errorf("%+v: consumed %d after %d, prepared %v", c, i, consumed, done[i].Load())
			}
			consumed = i
			return nil
		})
		if err != nil || consumed != c.n-1 || prepared.Load() != int64(c.n) {
			t.Errorf("%+v: error %v, consumed up to %d, %d prepared", c, err, consumed, prepared.Load())
		}
		window := max(c.window, min(c.workers, c.n))
		if ahead >= window {
			t.Errorf("%+v: a prepare started %d ahead of the consumer, window %d", c, ahead, window)
		}
		if c.workers > 1 && c.n > 1 && most.Load() < 2 {
			t.Errorf("%+v: at most %d prepares at once", c, most.Load())
		}
		if c.workers == 1 && most.Load() > 1 {
			t.Errorf("%+v: %d prepares at once on one worker", c, most.Load())
		}
	}

	// A consumer's error stops it: no further item consumed, no prepare running
	// once it returns.
	stop := errors.New("stop")
	var running atomic.Int64
	var last int
	err := inOrder(context.Background(), 100, 4, 8, func(int) {
		running.Add(1)
		time.Sleep(time.Millisecond)
		running.Add(-1)
	}, func(i int) error {
		last = i
		if i == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || last != 10 || running.Load() != 0 {
		t.Errorf("consumer's error: %v, last consumed %d, %d prepares running", err, last, running.Load())
	}

	// A prepare's panic is raised on the caller's goroutine, after the items
	// before it are consumed, with no prepare left running.
	running.Store(0)
	consumedBefore := -1
	func() {
		defer func() {
			if v := recover(); v != "page 7" || consumedBefore != 6 || running.Load() != 0 {
				t.Errorf("prepare's panic: recovered %v after consuming up to %d, %d prepares running", v, consumedBefore, running.Load())
			}
		}()
		_ = inOrder(context.Background(), 100, 4, 8, func(i int) {
			running.Add(1)
			defer running.Add(-1)
			if i == 7 {
				panic("page 7")
			}
			time.Sleep(time.Millisecond)
		}, func(i int) error {
			consumedBefore = i
			return nil
		})
		t.Error("prepare's panic: inOrder returned")
	}()

	// A cancelled context stops it with the context's error.
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int64
	err = inOrder(ctx, 1000, 2, 4, func(i int) {
		if calls.Add(1) == 5 {
			cancel()
		}
	}, func(int) error { return nil })
	if !errors.Is(err, context.Canceled) || calls.Load() > 5+4 {
		t.Errorf("cancelled: %v after %d prepares", err, calls.Load())
	}
}
