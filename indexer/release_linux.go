package indexer

import "syscall"

// releasePages drops mem, a read-only shared mapping of a file, from the
// process's resident memory (madvise MADV_DONTNEED: for a file mapping the pages
// are unmapped, not discarded; the next read maps them again from the page cache
// or the file).
func releasePages(mem []byte) error {
	if len(mem) == 0 {
		return nil
	}
	return syscall.Madvise(mem, syscall.MADV_DONTNEED)
}
