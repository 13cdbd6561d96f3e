package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// LoadSecondsEnv sets how long TestAbuseUnderLoad runs (make bench: 60 s with 16
// clients of each kind; make test: a few seconds).
const LoadSecondsEnv = "SSGSEARCH_LOAD_SECONDS"

// abusive are requests built to cost the server memory or time: each must be
// refused as the user's mistake, fast.
var abusive = []string{
	"/api/v1/search?q=" + strings.Repeat("x", 40000),
	"/api/v1/search?q=" + url.QueryEscape(strings.Repeat("oversight ", 5000)),
	"/api/v1/search?q=" + url.QueryEscape(strings.Repeat("qzxw", 16)+"q "+strings.Repeat("kvjp", 16)),
	"/api/v1/search?q=oversight&page=4611686018427387904&size=4",
	"/?q=" + strings.Repeat("y", 3000),
	"/api/v1/search?q=" + url.QueryEscape(`"`+strings.Repeat("budget ", 500)+`"`),
}

// normal are searches users make on the sample.
var normal = []string{
	"/api/v1/search?q=parliamentary+oversight",
	"/api/v1/search?q=" + url.QueryEscape("безпеки"),
	"/api/v1/search?q=police+integrity&xlang=on",
	// Words of the longest length allowed that match nothing: no spelling retry.
	"/api/v1/search?q=" + url.QueryEscape(strings.Repeat("qzxw", 16)+" "+strings.Repeat("kvjp", 16)),
	"/api/v1/search?q=polise+intgrity",
	"/api/v1/search?q=" + url.QueryEscape(`"closed hearing"`),
	"/?q=oversight",
}

// TestAbuseUnderLoad: while clients send the worst queries known, others search as
// usual. Every abusive request gets its 400 quickly; normal searches get no 429 and
// no 5xx, and (without the race detector) keep p99 under a second; the heap stays
// under 1 GiB.
func TestAbuseUnderLoad(t *testing.T) {
	seconds, clients := 3, 4
	if v := os.Getenv(LoadSecondsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a number of seconds", LoadSecondsEnv, v)
		}
		seconds, clients = n, 16
	}
	ts := sampleServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds)*time.Second)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * clients}}
	type sample struct {
		d    time.Duration
		code int
	}
	var mu sync.Mutex
	var good, bad []sample
	var peak atomic.Uint64
	go func() { // the heap, sampled
		var ms runtime.MemStats
		for ctx.Err() == nil {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	var wg sync.WaitGroup
	for c := range 2 * clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			list, out := normal, &good
			if c%2 == 1 {
				list, out = abusive, &bad
			}
			for i := c; ctx.Err() == nil; i++ {
				start := time.Now()
				resp, err := client.Get(ts.URL + list[i%len(list)])
				if err != nil {
					if ctx.Err() == nil {
						t.Error(err)
					}
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mu.Lock()
				*out = append(*out, sample{time.Since(start), resp.StatusCode})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	p := func(ss []sample, q float64) time.Duration {
		ds := make([]time.Duration, len(ss))
		for i, s := range ss {
			ds[i] = s.d
		}
		slices.Sort(ds)
		return ds[min(len(ds)-1, int(q*float64(len(ds))))]
	}
	if len(good) == 0 || len(bad) == 0 {
		t.Fatalf("no requests measured (%d normal, %d abusive)", len(good), len(bad))
	}
	codes := func(ss []sample) map[int]int {
		m := map[int]int{}
		for _, s := range ss {
			m[s.code]++
		}
		return m
	}
	gc, bc := codes(good), codes(bad)
	if gc[200] != len(good) {
		t.Errorf("normal searches answered %v, want 200 only", gc)
	}
	if bc[400] != len(bad) {
		t.Errorf("abusive requests answered %v, want 400 only", bc)
	}
	if d := p(bad, 0.99); d > 100*time.Millisecond && !raceDetector {
		t.Errorf("abusive requests: p99 %v, want their 400 within 100 ms", d)
	}
	if d := p(good, 0.99); d > time.Second && !raceDetector {
		t.Errorf("normal searches: p99 %v, want under 1 s", d)
	}
	if peak.Load() > 1<<30 {
		t.Errorf("peak heap %d MiB, want under 1 GiB", peak.Load()>>20)
	}
	rss := peakRSS()
	if rss > 1<<30 {
		t.Errorf("peak resident memory of the process (server and clients) %d MiB, want under 1 GiB", rss>>20)
	}
	msg := fmt.Sprintf("%d s, %d+%d clients: normal %d requests, p50 %v p99 %v; abusive %d, p50 %v p99 %v; peak heap %d MiB, peak RSS %d MiB",
		seconds, clients, clients, len(good), p(good, 0.5), p(good, 0.99), len(bad), p(bad, 0.5), p(bad, 0.99), peak.Load()>>20, rss>>20)
	t.Log(msg)
	if os.Getenv(LoadSecondsEnv) != "" {
		fmt.Println(msg) // make bench prints it for docs/BENCHMARKS.md
	}
}

// peakRSS is the process's peak resident memory (VmHWM), 0 where /proc does not say.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
