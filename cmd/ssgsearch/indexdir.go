package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The index of a data directory is DATA/index. A full re-index builds a new index in
// a directory of its own beside it (DATA/index-STAMP) and then makes DATA/index a
// link to it, in one rename: readers that resolved the link before keep their index
// until they close it, and nothing ever sees half an index.

// liveIndex returns the directory of the index in use under dir: DATA/index, or the
// directory it links to.
func liveIndex(dir string) string {
	p := filepath.Join(dir, "index")
	if target, err := os.Readlink(p); err == nil {
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		return target
	}
	return p
}

// newIndexDir names a fresh directory for an index built aside.
func newIndexDir(dir string) string {
	return filepath.Join(dir, "index-"+time.Now().UTC().Format("20060102T150405.000000000"))
}

// pointIndex makes DATA/index link to next, a directory under dir. When DATA/index is
// itself a directory (an index built before links were used), it is moved aside
// first, and the caller must have closed it; the returned path is then that
// directory's new name, for the caller to delete.
func pointIndex(dir, next string) (aside string, err error) {
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
	tmp := link + ".link"
	os.Remove(tmp)
	if err := os.Symlink(filepath.Base(next), tmp); err != nil {
		return aside, fmt.Errorf("link the new index: %w", err)
	}
	if err := os.Rename(tmp, link); err != nil {
		os.Remove(tmp)
		if aside != "" {
			os.Rename(aside, link) // put the old index back
			aside = ""
		}
		return aside, fmt.Errorf("link the new index: %w", err)
	}
	return aside, nil
}

// removeStaleIndexes deletes index directories under dir that the live index is not
// (left by a re-index that was interrupted or whose old index was in use).
func removeStaleIndexes(dir string, keep ...string) error {
	live := liveIndex(dir)
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
		if p == live || slices.Contains(keep, p) {
			continue
		}
		if err := os.RemoveAll(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
