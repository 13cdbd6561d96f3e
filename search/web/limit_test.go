package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

// TestLimiter: with one slot and one place in the queue, a third request at once is
// refused with 429, Retry-After and the JSON error; the queued one is served when the
// slot frees; one that waits too long is refused; health checks always pass.
func TestLimiter(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s, err := New(Config{Index: ix, MaxInFlight: 1, MaxQueued: 1, QueueWait: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	started := make(chan struct{}, 4)
	h := s.limit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
		w.WriteHeader(http.StatusOK)
	}))
	serve := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		return w
	}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	wg.Add(1)
	go func() { defer wg.Done(); codes[0] = serve("/api/v1/search?q=a").Code }()
	<-started // the slot is taken
	wg.Add(1)
	go func() { defer wg.Done(); codes[1] = serve("/api/v1/search?q=b").Code }()
	waitFor(t, func() bool { return s.limiter.queued.Load() == 1 })

	w := serve("/?q=c")
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Errorf("third request: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	w = serve("/api/v1/search?q=d")
	var body struct{ Error string }
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || w.Code != 429 || body.Error == "" {
		t.Errorf("API refusal: %d %q", w.Code, w.Body.String())
	}
	health := false
	s.limit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { health = true })).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/healthz", nil))
	if !health {
		t.Error("/healthz was held back by the limit")
	}

	close(release)
	wg.Wait()
	if codes[0] != 200 || codes[1] != 200 {
		t.Errorf("the running and the queued request: %v", codes)
	}

	// One slot held, the queued request times out.
	hold := make(chan struct{})
	h = s.limit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hold }))
	go serve("/api/v1/search?q=e")
	waitFor(t, func() bool { return len(s.limiter.slots) == 1 })
	start := time.Now()
	if w := serve("/api/v1/search?q=f"); w.Code != 429 || time.Since(start) < 250*time.Millisecond {
		t.Errorf("timed-out wait: %d after %v", w.Code, time.Since(start))
	}
	close(hold)
	if s.limiter.queued.Load() != 0 {
		t.Errorf("queue count left at %d", s.limiter.queued.Load())
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not reached")
}

// TestExportsLimitedApart: exports, which may stream for minutes, have their own
// few slots: with them all taken, one more export is refused at once and searches
// are still served.
func TestExportsLimitedApart(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s, err := New(Config{Index: ix, MaxInFlight: 2})
	if err != nil {
		t.Fatal(err)
	}
	hold := make(chan struct{})
	h := s.limit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/search" {
			<-hold
		}
	}))
	serve := func(path string) int {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		return w.Code
	}
	var wg sync.WaitGroup
	for i := range maxExports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/api/v1/search/export?q=x"
			if i%2 == 1 {
				path = "/api/v1/saved-searches/1/export.csv"
			}
			serve(path)
		}()
	}
	waitFor(t, func() bool { return len(s.exports.slots) == maxExports })
	if code := serve("/api/v1/search/export?q=y"); code != http.StatusTooManyRequests {
		t.Errorf("one export more than its slots: %d, want 429", code)
	}
	if code := serve("/api/v1/search?q=y"); code != http.StatusOK {
		t.Errorf("a search while the exports' slots are taken: %d", code)
	}
	close(hold)
	wg.Wait()
}
