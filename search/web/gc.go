package web

import "runtime/debug"

// GCPercent is the garbage collector's target for a serving process unless $GOGC
// says otherwise: searches allocate briefly and heavily, and collecting when the heap
// has grown by twice the live data rather than once spends less CPU on collection
// for a few MiB more (see docs/BENCHMARKS.md).
const GCPercent = 200

// TuneGC sets GCPercent when getenv("GOGC") is empty.
func TuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}
