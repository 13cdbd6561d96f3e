package indexer

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
)

// inOrder runs prepare(i) for i from 0 to n-1 on up to workers goroutines, at
// most window ahead of the item consumed last, and consume(i, prepare(i)) on the
// caller's goroutine, in order: files extracted on every core, and taken as one
// loop would take them. It stops at consume's first error or when ctx is done
// (returning ctx's error); prepares not started by then are not run, and those
// under way are waited for. A prepare's panic is raised again on the caller's
// goroutine, in its turn.
func inOrder[T any](ctx context.Context, n, workers, window int, prepare func(i int) T, consume func(i int, v T) error) error {
	workers = max(1, min(workers, n))
	window = max(window, workers)
	type job struct {
		i     int
		done  chan struct{}
		v     *T
		panic *any // what prepare(i) panicked with, and where, if it did
	}
	jobs := make(chan job, window) // never full: at most window are handed out and not consumed
	stop := make(chan struct{})    // closed when the caller returns
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				func() {
					defer func() {
						if v := recover(); v != nil {
							*j.panic = fmt.Sprintf("%v\n\n%s", v, debug.Stack())
						}
						close(j.done)
					}()
					select {
					case <-stop:
					default:
						if ctx.Err() == nil {
							*j.v = prepare(j.i)
						}
					}
				}()
			}
		}()
	}
	defer wg.Wait()
	defer close(jobs)
	defer close(stop)
	ahead := make([]job, window) // the jobs handed out, by i % window
	next := 0                    // the next i to hand out
	for i := range n {
		for ; next < n && next < i+window; next++ {
			ahead[next%window] = job{next, make(chan struct{}), new(T), new(any)}
			jobs <- ahead[next%window]
		}
		j := ahead[i%window]
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if *j.panic != nil {
			panic(*j.panic)
		}
		if err := ctx.Err(); err != nil {
			return err // prepare(i) may have been skipped
		}
		if err := consume(i, *j.v); err != nil {
			return err
		}
		ahead[i%window] = job{} // its value can go
	}
	return nil
}
