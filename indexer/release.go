package indexer

import (
	"errors"
	"fmt"
	"sync"
	"time"

	zap "github.com/blevesearch/zapx/v17"
)

// ReleaseMapped tells the system that the pages of the index files this process
// has read so far are not needed for now. The files are mapped into memory, and
// every page read stays counted in the process's resident memory until the file
// is closed, though searches may never read it again. Released pages leave the
// process's resident memory at once, stay in the page cache while memory allows,
// and come back at the next read for the cost of a minor fault; nothing is lost.
// It is for after a scan that read much of the index once: the facet table reads
// every stored document when a server starts, which on a million-page index
// touched 1.2 GB of its files where searches then read about 0.2 GB.
func (ix *Index) ReleaseMapped() error {
	snap, err := ix.snapshot()
	if err != nil {
		return fmt.Errorf("release mapped index: %w", err)
	}
	// The segments are held open (mapped) by a reference of their own, and the
	// snapshot let go of at once: a snapshot still held when a merge replaces it
	// keeps its files on disk until Bleve next cleans up, which after the last
	// merge of a build may be the next time the index is opened.
	var segs []*zap.Segment
	for _, s := range snap.Segments() {
		// Segments on disk are zap's, mapped read-only (Data); those still in
		// memory are not Segments, and no other memory may be given this advice:
		// anonymous memory would be zeroed.
		if zs, ok := s.Segment().(*zap.Segment); ok {
			zs.AddRef()
			segs = append(segs, zs)
		}
	}
	if err := snap.Close(); err != nil {
		for _, zs := range segs {
			zs.DecRef()
		}
		return fmt.Errorf("release mapped index: %w", err)
	}
	var errs []error
	for _, zs := range segs {
		errs = append(errs, releasePages(zs.Data()), zs.DecRef())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("release mapped index: %w", err)
	}
	return nil
}

// releaseInterval is how often ReleaseMapped runs while an index is written
// (releasing); a variable for tests. A merge reads its segments as fast as it
// copies them: at 250 ms the last compaction of a 300,000-page build had 244 MiB
// of them resident at once, and million-page builds peaked at 1,085 and 1,175 MiB
// resident; at 50 ms that compaction stayed below the writing's peak, and the
// million-page build peaked at 822 MiB, in 674 s against 723 and 740 (one run
// each; bench-system build, docs/BENCHMARKS.md).
var releaseInterval = 50 * time.Millisecond

// releasing runs ReleaseMapped every releaseInterval until stop is called, for as
// long as documents are written: Bleve merges the segments written in the
// background, reading each segment merged once, through its mapping, so that a
// bulk build's resident memory grew by about the size of the index (4.7 GB at a
// million pages, of which 0.65 GB the process's own). stop returns the first error
// ReleaseMapped met, after which it ran no more.
func (ix *Index) releasing() (stop func() error) {
	done := make(chan struct{})
	var err error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(releaseInterval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if err = ix.ReleaseMapped(); err != nil {
					return
				}
			}
		}
	}()
	var once sync.Once
	return func() error {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
		return err
	}
}
