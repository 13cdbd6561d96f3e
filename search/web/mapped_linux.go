package web

import (
	"bytes"
	"os"
	"strconv"
)

// residentMapped returns how many bytes of files mapped into this process's
// memory are resident (the shared pages of /proc/self/statm: the index files,
// the program's own), and whether the system said.
func residentMapped() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b) // size resident shared text lib data dt, in pages
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
