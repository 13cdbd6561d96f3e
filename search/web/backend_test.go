package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
)

// TestSwapIndex: while clients search without pause, the server is given a new index.
// No request fails; requests after the swap answer from the new index; the old one is
// handed back only when the last request holding it is done.
func TestSwapIndex(t *testing.T) {
	oldIx, store := indextest.Sample(t)
	pdf := pdftest.Pages([]pdftest.Line{{X: 72, Y: 700, Size: 12, Text: "Procurement audits in Moldova."}})
	newIx, _ := indextest.FS(t, fstest.MapFS{"moldova.pdf": {Data: pdf}}, "file:///srv/")
	s, err := New(Config{Index: oldIx, Corpus: store})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	total := func(q string) int {
		resp, err := http.Get(ts.URL + "/api/v1/search?q=" + url.QueryEscape(q))
		if err != nil {
			t.Error(err)
			return -1
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("search %q during the swap: %d", q, resp.StatusCode)
			return -1
		}
		var res search.Response
		json.NewDecoder(resp.Body).Decode(&res)
		return res.Total
	}
	if total("oversight") == 0 || total("moldova") != 0 {
		t.Fatal("the sample index should find oversight and not moldova")
	}

	var stop atomic.Bool
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				total("oversight OR moldova")
			}
		}()
	}
	held := s.back.Acquire() // a request still running on the old index, e.g. a long export
	time.Sleep(50 * time.Millisecond)
	back, err := s.SwapIndex(newIx)
	if err != nil {
		t.Fatal(err)
	}
	if total("moldova") != 1 || total("oversight") != 0 {
		t.Error("after the swap, searches do not answer from the new index")
	}
	if s.Index() != newIx {
		t.Error("Index() is not the new index")
	}
	select {
	case <-back:
		t.Fatal("the old index was handed back while a request held it")
	case <-time.After(100 * time.Millisecond):
	}
	if n, err := held.Index.Count(); err != nil || n == 0 {
		t.Errorf("the request holding the old index can no longer read it: %d, %v", n, err)
	}
	s.back.Release(held)
	select {
	case ix := <-back:
		if ix != oldIx {
			t.Error("handed back another index than the old one")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the old index was not handed back after its last request")
	}
	stop.Store(true)
	wg.Wait()
}
