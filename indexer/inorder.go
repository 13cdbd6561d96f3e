package indexer

import (
	"context"
	"sync"
)

// inOrder runs prepare(i) for i from 0 to n-1 on up to workers goroutines, at
// most window ahead of the last i consumed, and consume(i) on the caller's
// goroutine in order, once prepare(i) has returned: the files of a build are
// extracted on every core and written one after the other, as they were listed,
// with at most window of them in memory. It stops at consume's first error or
// when ctx is done (returning ctx's error), after the prepares under way return;
// a prepare's panic is raised again on the caller's goroutine, in turn, as a
// loop on that goroutine would have raised it. prepare must not touch what
// another prepare or consume does.
func inOrder(ctx context.Context, n, workers, window int, prepare func(i int), consume func(i int) error) error {
	workers = max(1, min(workers, n))
	window = max(window, workers)
	type job struct {
		i     int
		done  chan struct{}
		panic *any // what prepare(i) panicked with, if it did
	}
	jobs := make(chan job, window) // never full: at most window are handed out and not consumed
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				func() {
					defer func() {
						if v := recover(); v != nil {
							*j.panic = v
						}
						close(j.done)
					}()
					if ctx.Err() == nil {
						prepare(j.i)
					}
				}()
			}
		}()
	}
	defer wg.Wait()
	defer close(jobs)
	ahead := make([]job, window) // the jobs handed out, by i % window
	next := 0                    // the next i to hand out
	for i := range n {
		for ; next < n && next < i+window; next++ {
			ahead[next%window] = job{next, make(chan struct{}), new(any)}
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
		if err := consume(i); err != nil {
			return err
		}
	}
	return nil
}
