package indexer

import (
	"context"
	"errors"
	"strings"
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
		prepare := func(i int) int {
			mu.Lock()
			ahead = max(ahead, i-(consumed+1))
			mu.Unlock()
			raise(&most, inFlight.Add(1))
			for deadline := time.Now().Add(50 * time.Millisecond); c.workers > 1 && inFlight.Load() < 2 && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
			done[i].Store(true)
			prepared.Add(1)
			inFlight.Add(-1)
			return 10 * i
		}
		err := inOrder(context.Background(), c.n, c.workers, c.window, prepare, func(i, v int) error {
			mu.Lock()
			defer mu.Unlock()
			if i != consumed+1 || !done[i].Load() || v != 10*i {
				t.Errorf("%+v: consumed %d (prepared %v, value %d) after %d", c, i, done[i].Load(), v, consumed)
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
	// once it returns, and those handed out but not started are not run.
	stop := errors.New("stop")
	var running, started atomic.Int64
	var last int
	err := inOrder(context.Background(), 100, 2, 64, func(int) int {
		started.Add(1)
		running.Add(1)
		time.Sleep(5 * time.Millisecond)
		running.Add(-1)
		return 0
	}, func(i, _ int) error {
		last = i
		if i == 1 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || last != 1 || running.Load() != 0 || started.Load() > 8 {
		t.Errorf("consumer's error: %v, last consumed %d, %d prepares running, %d started of 64 handed out", err, last, running.Load(), started.Load())
	}

	// A prepare's panic is raised on the caller's goroutine, after the items
	// before it are consumed, with no prepare left running.
	running.Store(0)
	consumedBefore := -1
	func() {
		defer func() {
			v, _ := recover().(string)
			if !strings.HasPrefix(v, "page 7\n") || !strings.Contains(v, "inorder_test.go") || consumedBefore != 6 || running.Load() != 0 {
				t.Errorf("prepare's panic: recovered %q after consuming up to %d, %d prepares running", v, consumedBefore, running.Load())
			}
		}()
		_ = inOrder(context.Background(), 100, 4, 8, func(i int) int {
			running.Add(1)
			defer running.Add(-1)
			if i == 7 {
				panic("page 7")
			}
			time.Sleep(time.Millisecond)
			return i
		}, func(i, _ int) error {
			consumedBefore = i
			return nil
		})
		t.Error("prepare's panic: inOrder returned")
	}()

	// A cancelled context stops it with the context's error.
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int64
	err = inOrder(ctx, 1000, 2, 4, func(i int) int {
		if calls.Add(1) == 5 {
			cancel()
		}
		return i
	}, func(int, int) error { return nil })
	if !errors.Is(err, context.Canceled) || calls.Load() > 5+4 {
		t.Errorf("cancelled: %v after %d prepares", err, calls.Load())
	}
}

// raise sets most to n when n is more, whatever other goroutines set meanwhile.
func raise(most *atomic.Int64, n int64) {
	for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
	}
}
