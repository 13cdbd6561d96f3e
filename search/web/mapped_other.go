//go:build !linux

package web

// residentMapped says nothing where the system has no /proc/self/statm.
func residentMapped() (int64, bool) { return 0, false }
