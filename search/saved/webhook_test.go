package saved

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// TestCheckWebhookURL: only http(s) URLs with a host, no credentials, and no
// address of the server's own networks unless the operator allows it.
func TestCheckWebhookURL(t *testing.T) {
	strict, lenient := NewNotifier(nil), NewNotifier(loopback)
	for _, tt := range []struct {
		url            string
		strict, loopOK bool
	}{
		{"https://hooks.example.org/ssgsearch", true, true},
		{"http://93.184.216.34:8080/in", true, true},
		{"https://cafe.be/x", true, true},
		{"http://169.254.169.254/latest/meta-data", false, false},
		{"http://10.0.0.1/", false, false},
		{"http://192.168.1.1/", false, false},
		{"http://100.64.0.1/", false, false},
		{"http://[fd00::1]/", false, false},
		{"http://[fe80::1]/", false, false},
		{"http://224.0.0.1/", false, false},
		{"http://0.0.0.0/", false, false},
		{"http://0.1.2.3/", false, false},
		{"http://198.18.0.1/", false, false},
		{"http://240.0.0.1/", false, false},
		{"http://[64:ff9b::a00:1]/", false, false},
		{"http://[2002:a00:1::1]/", false, false},
		{"http://[::ffff:127.0.0.1]/", false, true},
		{"http://127.0.0.1:9/", false, true},
		{"http://[::1]/", false, true},
		{"http://localhost:8080/", false, true},
		{"http://0x7f000001/", false, false},
		{"http://2130706433/", false, false},
		{"http://127.1/", false, false},
		{"http://", false, false},
		{"ftp://hooks.example.org/", false, false},
		{"https://user:pw@hooks.example.org/", false, false},
		{"hooks.example.org/x", false, false},
	} {
		if err := strict.CheckURL(tt.url); (err == nil) != tt.strict || err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want allowed %v", tt.url, err, tt.strict)
		}
		if err := lenient.CheckURL(tt.url); (err == nil) != tt.loopOK {
			t.Errorf("%s with loopback allowed: %v, want allowed %v", tt.url, err, tt.loopOK)
		}
	}
	st, err := Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Create(Query{Name: "Meta", Query: "audit", Webhook: &Webhook{URL: "http://169.254.169.254/"}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("creating a webhook to the metadata service: %v", err)
	}
}

// TestWebhookDeliveryGuard: the address is checked again when connecting (a name
// that resolved elsewhere at creation cannot reach a forbidden address), redirects
// are not followed, and failures are summarised without network details.
func TestWebhookDeliveryGuard(t *testing.T) {
	var hits, redirected atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { redirected.Add(1) }))
	defer target.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, target.URL, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	q := &Query{Name: "Audits", Query: "audit", Webhook: &Webhook{URL: srv.URL, Secret: "s"}}
	run := &Run{ID: 1, RanAt: time.Now()}

	strict := NewNotifier(nil)
	err := strict.send(context.Background(), q, run, "1-1")
	if !errors.Is(err, ErrForbiddenAddress) || hits.Load() != 0 || strings.Contains(deliveryError(err), "127.0.0.1") || retryable(err) {
		t.Errorf("delivery to loopback: %v, %d calls", err, hits.Load())
	}
	lenient := NewNotifier(loopback)
	err = lenient.send(context.Background(), q, run, "1-1")
	if err == nil || deliveryError(err) != "not accepted: the receiver answered 307" || redirected.Load() != 0 || hits.Load() != 1 || retryable(err) {
		t.Errorf("redirect: %v; receiver %d, redirect target %d", err, hits.Load(), redirected.Load())
	}
	target.Close()
	q.Webhook.URL = target.URL
	if err := lenient.send(context.Background(), q, run, "1-1"); err == nil || deliveryError(err) != "not delivered: connection refused" || !retryable(err) {
		t.Errorf("closed port: %v", err)
	}
}

// TestOutbox: a run's delivery waits in the store's file until sent (a new process
// finds it), is sent once even when two senders run at once, carries its ID, and
// a refusal (4xx) ends it without retries.
func TestOutbox(t *testing.T) {
	var calls atomic.Int32
	var ids sync.Map
	status := atomic.Int32{}
	status.Store(http.StatusOK)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		ids.Store(r.Header.Get(DeliveryHeader), true)
		time.Sleep(20 * time.Millisecond) // both senders are in flight
		w.WriteHeader(int(status.Load()))
	}))
	defer srv.Close()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "saved.db")
	open := func() *Store {
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		n := NewNotifier(loopback)
		n.Delays = []time.Duration{time.Millisecond}
		st.SetNotifier(n)
		return st
	}
	st := open()
	s := newSite(t)
	s.put("a/", "Audit of defence procurement", "The audit office reviewed procurement contracts.")
	q, err := st.Create(Query{Name: "Audits", Query: "audit", Webhook: &Webhook{URL: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Execute(ctx, s.build(), q.ID, "1"); err != nil {
		t.Fatal(err)
	}
	s.put("b/", "Audit handbook", "How to audit.")
	r, err := st.Execute(ctx, s.build(), q.ID, "2")
	if err != nil {
		t.Fatal(err)
	}
	// "Crash": the process ends before delivering; two new ones deliver at once.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := open().Deliver(ctx); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, _ := st.Run(q.ID, r.ID)
	if _, ok := ids.Load(fmt.Sprintf("%s-%d", q.ID, r.ID)); calls.Load() != 1 || !ok || got.Webhook != "delivered (1 attempts)" {
		t.Errorf("calls %d, delivery ID seen %v, status %q", calls.Load(), ok, got.Webhook)
	}
	// A refusal is final.
	status.Store(http.StatusNotFound)
	s.put("c/", "Audit manual", "Audit steps.")
	if r, err = st.Execute(ctx, s.build(), q.ID, "3"); err != nil {
		t.Fatal(err)
	}
	pending, _, err := st.Deliver(ctx)
	got, _ = st.Run(q.ID, r.ID)
	if err != nil || pending != 0 || calls.Load() != 2 || got.Webhook != "failed after 1 attempts: not accepted: the receiver answered 404" {
		t.Errorf("refused: %v, %d pending, %d calls, %q", err, pending, calls.Load(), got.Webhook)
	}
}
