package web_test

import (
	"context"
	"math"
	"runtime/debug"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// TestLimitMemory: a server told to limit the process's memory sets the soft limit
// once it has prepared its index, at least MinMemoryLimit, and lifts it while it
// re-indexes; one not told leaves it.
func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	ix, _ := indextest.Sample(t)
	for _, limit := range []bool{false, true} {
		debug.SetMemoryLimit(math.MaxInt64)
		var during int64 // the limit while the server re-indexes
		full := func(context.Context) (indexer.Report, error) {
			during = debug.SetMemoryLimit(-1)
			return indexer.Report{}, nil
		}
		srv, err := web.New(web.Config{Index: ix, LimitMemory: limit, ReleaseEvery: -1, FullRebuild: full})
		if err != nil {
			t.Fatal(err)
		}
		base, stop := listening(t, srv)
		if code, _, body := get(t, base+"/api/v1/search?q=oversight"); code != 200 { // after what the server prepares
			t.Fatalf("status %d: %s", code, body)
		}
		got := debug.SetMemoryLimit(-1)
		for deadline := time.Now().Add(10 * time.Second); limit && got == math.MaxInt64 && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
			got = debug.SetMemoryLimit(-1)
		}
		switch {
		case !limit && got != math.MaxInt64:
			t.Errorf("LimitMemory false: the limit was set to %d", got)
		case limit && (got == math.MaxInt64 || got < web.MinMemoryLimit):
			t.Errorf("LimitMemory true: limit %d, want at least %d", got, web.MinMemoryLimit)
		}
		// While the server re-indexes, no limit; then one again.
		if _, err := srv.RebuildFull(context.Background()); err != nil {
			t.Fatal(err)
		}
		if during != math.MaxInt64 {
			t.Errorf("LimitMemory %v, while re-indexing: limit %d", limit, during)
		}
		if n := debug.SetMemoryLimit(-1); (n != math.MaxInt64) != limit || limit && n < web.MinMemoryLimit {
			t.Errorf("LimitMemory %v, after re-indexing: limit %d", limit, n)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	}
}
