//go:build !linux

package indexer

// releasePages does nothing where the system has no advice that leaves a file
// mapping's contents in place (MADV_DONTNEED discards them on some systems).
func releasePages(mem []byte) error { return nil }
