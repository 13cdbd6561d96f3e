package indexdir

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// TestServing: holders keep the index they acquired across a swap; the old index
// is handed back once, when its last holder releases it, and at once when none
// holds it; many goroutines acquiring and releasing while indexes are swapped
// always get a current or retired-but-held index, never a handed-back one.
func TestServing(t *testing.T) {
	open := func(name string) *indexer.Index {
		ix, err := indexer.Open(filepath.Join(t.TempDir(), name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		return ix
	}
	a, b, c := open("a"), open("b"), open("c")
	s := NewServing(a, "over a")
	h1, h2 := s.Acquire(), s.Acquire()
	if h1.Index != a || h1.Value != "over a" || s.Current() != h1 {
		t.Fatalf("acquired %p %q, want a", h1.Index, h1.Value)
	}
	back := s.Swap(b, "over b")
	if h := s.Acquire(); h.Index != b || h.Value != "over b" {
		t.Errorf("after the swap, acquired %q", h.Value)
	} else {
		s.Release(h)
	}
	s.Release(h1)
	select {
	case <-back:
		t.Fatal("handed back while a holder remains")
	case <-time.After(50 * time.Millisecond):
	}
	s.Release(h2)
	select {
	case ix := <-back:
		if ix != a {
			t.Error("handed back another index")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("not handed back after the last holder")
	}
	// Unheld: handed back at once.
	select {
	case ix := <-s.Swap(c, "over c"):
		if ix != b {
			t.Error("handed back another index than b")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("an unheld index was not handed back")
	}

	// Concurrent holders across swaps: an index is handed back only after every
	// holder of it released it.
	var mu sync.Mutex
	holders := map[*indexer.Index]int{}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				h := s.Acquire()
				mu.Lock()
				holders[h.Index]++
				mu.Unlock()
				time.Sleep(time.Microsecond)
				mu.Lock()
				holders[h.Index]--
				mu.Unlock()
				s.Release(h)
			}
		}()
	}
	var checks sync.WaitGroup
	for i := range 20 {
		old := s.Swap(open(fmt.Sprint("i", i)), "")
		checks.Add(1)
		go func() {
			defer checks.Done()
			ix := <-old
			mu.Lock()
			if holders[ix] != 0 {
				t.Errorf("handed back with %d holders", holders[ix])
			}
			mu.Unlock()
		}()
		time.Sleep(time.Millisecond)
	}
	close(stop)
	wg.Wait()
	checks.Wait()
}
