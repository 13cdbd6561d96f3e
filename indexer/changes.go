package indexer

import "sync"

// maxLoggedIDs bounds the document IDs the change log keeps (a variable so that a
// test can make it small).
var maxLoggedIDs = 20000

// changeLog remembers which documents the latest writes touched, so that what is
// derived from the index (the facet table of package search) can be brought up to
// date by reading those documents instead of all of them.
type changeLog struct {
	mu      sync.Mutex
	entries []change // oldest first
	ids     int
}

// change is one write: the generation it made and the documents it touched.
type change struct {
	gen uint64
	ids []string
}

// wrote bumps the index's generation for a write touching ids, and logs it; both
// under the log's lock, so that ChangedSince sees a generation with its change.
func (ix *Index) wrote(ids []string) {
	l := &ix.changes
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, change{ix.gen.Add(1), ids})
	l.ids += len(ids)
	for len(l.entries) > 1 && l.ids > maxLoggedIDs {
		l.ids -= len(l.entries[0].ids)
		l.entries = l.entries[1:]
	}
}

// ChangedSince returns the IDs of the documents written or deleted through this
// Index after generation gen, and the generation they bring a reader to; ok is false
// when the log no longer reaches back to gen (the reader must read everything).
func (ix *Index) ChangedSince(gen uint64) (ids []string, now uint64, ok bool) {
	l := &ix.changes
	l.mu.Lock()
	defer l.mu.Unlock()
	now = ix.gen.Load()
	if gen > now {
		return nil, now, false
	}
	if gen == now {
		return nil, now, true
	}
	if len(l.entries) == 0 || l.entries[0].gen > gen+1 {
		return nil, now, false
	}
	seen := map[string]bool{}
	for _, c := range l.entries {
		if c.gen <= gen {
			continue
		}
		for _, id := range c.ids {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids, now, true
}
