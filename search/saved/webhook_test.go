package saved

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
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
	strict.Delays = nil
	_, err := strict.Notify(context.Background(), q, run)
	if !errors.Is(err, ErrForbiddenAddress) || hits.Load() != 0 || strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("delivery to loopback: %v, %d calls", err, hits.Load())
	}
	lenient := NewNotifier(loopback)
	lenient.Delays = nil
	_, err = lenient.Notify(context.Background(), q, run)
	if err == nil || err.Error() != "not accepted: the receiver answered 307" || redirected.Load() != 0 || hits.Load() != 1 {
		t.Errorf("redirect: %v; receiver %d, redirect target %d", err, hits.Load(), redirected.Load())
	}
	target.Close()
	q.Webhook.URL = target.URL
	if _, err := lenient.Notify(context.Background(), q, run); err == nil || err.Error() != "not delivered: connection refused" {
		t.Errorf("closed port: %v", err)
	}
}
