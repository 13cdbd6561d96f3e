package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// TestReleaseEvery: pages of the index files that searches read stay counted in
// the server's resident memory without Config.ReleaseEvery, and while fewer than
// Config.MappedBudget are resident; they leave it above the budget.
func TestReleaseEvery(t *testing.T) {
	ix, _ := indextest.Sample(t)
	if err := ix.Compact(context.Background()); err != nil { // segments on disk, mapped
		t.Fatal(err)
	}
	never := 0 // kB resident when never released
	for _, c := range []struct {
		every    time.Duration
		budget   int64
		released bool
	}{
		{-1, 0, false},
		{20 * time.Millisecond, -1, true},       // no budget: released at every look
		{20 * time.Millisecond, 1 << 40, false}, // within the budget
		{20 * time.Millisecond, 1, true},        // above it
	} {
		srv, err := web.New(web.Config{Index: ix, ReleaseEvery: c.every, MappedBudget: c.budget})
		if err != nil {
			t.Fatal(err)
		}
		base, stop := listening(t, srv)
		for _, q := range []string{"oversight", "security+sector", "безпеки", "parliament~"} {
			if code, _, body := get(t, base+"/api/v1/search?q="+q); code != 200 {
				t.Fatalf("status %d: %s", code, body)
			}
		}
		time.Sleep(200 * time.Millisecond)
		kb := indextest.MappedKB(t, func(p string) bool { return strings.HasPrefix(p, ix.Dir()+"/") && strings.HasSuffix(p, ".zap") })
		switch {
		case !c.released && kb == 0:
			t.Fatal("never released: no page of the index files resident after searching (the measure is wrong)")
		case !c.released && c.every < 0:
			never = kb
		case !c.released && kb < never/2:
			t.Errorf("looked every %v, budget %d bytes: %d kB of the index files resident, %d kB when never released", c.every, c.budget, kb, never)
		case c.released && kb > never/4:
			t.Errorf("looked every %v, budget %d bytes: %d kB of the index files resident, %d kB when never released", c.every, c.budget, kb, never)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	}
}
