package web

import (
	"runtime"
	"runtime/debug"
)

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

// MemoryHeadroom and MinMemoryLimit make the soft memory limit a server sets
// (Config.LimitMemory): so many times the heap live once it has prepared its
// index, at least MinMemoryLimit. What concurrent searches allocate beyond it is
// collected sooner, rather than the heap growing by GCPercent of its peak: at a
// million pages with 16 searches at once, the heap grew to three times the 100 MiB
// live (docs/BENCHMARKS.md).
const (
	MemoryHeadroom = 4
	MinMemoryLimit = 256 << 20
)

// limitMemory sets the process's soft memory limit (Config.LimitMemory) from the
// heap live now, after a collection, and returns it.
func limitMemory() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	limit := max(MinMemoryLimit, MemoryHeadroom*int64(ms.HeapAlloc))
	debug.SetMemoryLimit(limit)
	return limit
}
