// Package indexdir keeps a data directory's index through its life: where the
// live one is, a new one built beside it and swapped in by a link in one rename,
// the leftovers of interrupted rebuilds cleared, and (Serving) the index a server
// answers from, swapped in memory while requests hold the old one. The CLI, the
// server and the benchmarks share it.
package indexdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// The index of a data directory is DATA/index. A full re-index builds a new index in
// a directory of its own beside it (DATA/index-STAMP) and then makes DATA/index a
// link to it, in one rename: readers that resolved the link before keep their index
// until they close it, and nothing ever sees half an index.

// Live returns the directory of the index in use under dir: DATA/index, or the
// directory it links to.
func Live(dir string) string {
	p := filepath.Join(dir, "index")
	if target, err := os.Readlink(p); err == nil {
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		return target
	}
	return p
}

// NewDir names a fresh directory for an index built aside.
func NewDir(dir string) string {
	return filepath.Join(dir, "index-"+time.Now().UTC().Format("20060102T150405.000000000"))
}

// Point makes DATA/index link to next, a directory under dir. When DATA/index is
// itself a directory (an index built before links were used), it is moved aside
// first, and the caller must have closed it; the returned path is then that
// directory's new name, for the caller to delete.
func Point(dir, next string) (aside string, err error) {
	link := filepath.Join(dir, "index")
	if st, err := os.Lstat(link); err == nil && st.IsDir() {
		aside = filepath.Join(dir, "index.old")
		if err := os.RemoveAll(aside); err != nil {
			return "", err
		}
		if err := os.Rename(link, aside); err != nil {
			return "", fmt.Errorf("move the old index aside: %w", err)
		}
	}
	// The link is made under a name of its own (two calls at once must not take
	// each other's) and renamed over DATA/index; on failure the old index goes back.
	undo := func(err error) (string, error) {
		if aside != "" {
			os.Rename(aside, link)
		}
		return "", fmt.Errorf("link the new index: %w", err)
	}
	tmp := link + ".link-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatUint(linkSeq.Add(1), 10)
	os.Remove(tmp)
	if err := os.Symlink(filepath.Base(next), tmp); err != nil {
		return undo(err)
	}
	if err := os.Rename(tmp, link); err != nil {
		os.Remove(tmp)
		return undo(err)
	}
	return aside, nil
}

// linkSeq numbers the links Point makes in this process.
var linkSeq atomic.Uint64

// RemoveStale deletes index directories under dir that the live index is not
// (left by a re-index that was interrupted or whose old index was in use), except
// those in keep and those another process holds (a full re-index building one).
func RemoveStale(dir string, keep ...string) error {
	live := Live(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !(strings.HasPrefix(name, "index-") || name == "index.old" || name == "index.new") {
			continue
		}
		p := filepath.Join(dir, name)
		if p == live || slices.Contains(keep, p) || held(p) {
			continue
		}
		if err := os.RemoveAll(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// held reports whether another process has the index in directory p open.
func held(p string) bool {
	ix, err := indexer.Open(p)
	if err == nil {
		ix.Close()
	}
	return errors.Is(err, indexer.ErrLocked)
}

// Link turns DATA/index, when it is a directory, into a link to that directory
// under a new name, so that a full re-index can later swap the link while the old
// index is still open. It does nothing while another process holds the index.
func Link(dir string) error {
	link := filepath.Join(dir, "index")
	st, err := os.Lstat(link)
	if err != nil || !st.IsDir() {
		return nil // no index yet, or a link already
	}
	ix, err := indexer.Open(link)
	if err != nil {
		return nil // held by another process, or of another version: leave it
	}
	if err := ix.Close(); err != nil {
		return err
	}
	next := NewDir(dir)
	if err := os.Rename(link, next); err != nil {
		return fmt.Errorf("move the index to %s: %w", next, err)
	}
	if err := os.Symlink(filepath.Base(next), link); err != nil {
		os.Rename(next, link)
		return fmt.Errorf("link the index: %w", err)
	}
	return nil
}

// OpenLive opens the live index of dir; a data directory without one gets a new
// index in a directory of its own, linked as DATA/index.
func OpenLive(dir string) (*indexer.Index, error) {
	if _, err := os.Lstat(filepath.Join(dir, "index")); errors.Is(err, fs.ErrNotExist) {
		next := NewDir(dir)
		ix, err := indexer.Open(next)
		if err != nil {
			return nil, err
		}
		if _, err := Point(dir, next); err != nil {
			ix.Close()
			os.RemoveAll(next)
			return nil, err
		}
		return ix, nil
	}
	return indexer.Open(Live(dir))
}

// Rebuild opens a new index beside the live one of dir (stale ones cleared first,
// but those in keep) and fills it with build. On failure the new index is closed
// and deleted; on success it is returned open, for the caller to swap in (Point).
func Rebuild(dir string, keep []string, build func(*indexer.Index) error) (*indexer.Index, error) {
	if err := RemoveStale(dir, keep...); err != nil {
		return nil, err
	}
	next := NewDir(dir)
	ix, err := indexer.Open(next)
	if err != nil {
		return nil, err
	}
	if err := build(ix); err != nil {
		ix.Close()
		os.RemoveAll(next)
		return nil, err
	}
	return ix, nil
}
