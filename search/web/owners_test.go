package web

import (
	"net/http/httptest"
	"testing"

	"github.com/ssgsearch/ssgsearch/search/saved"
)

// TestDeliveryOutcomeOwnersOnly: on a server that needs the token to change saved
// searches, how a webhook delivery went is shown with the token only; elsewhere
// to all.
func TestDeliveryOutcomeOwnersOnly(t *testing.T) {
	for _, tt := range []struct {
		require bool
		token   string
		shown   bool
	}{
		{true, "", false},
		{true, "wrong", false},
		{true, "s3cret", true},
		{false, "", true},
	} {
		s := &Server{requireToken: tt.require, admin: admin{token: "s3cret"}}
		r := httptest.NewRequest("GET", "/api/v1/saved-searches/1/runs/latest", nil)
		if tt.token != "" {
			r.Header.Set("Authorization", "Bearer "+tt.token)
		}
		run := &saved.Run{Webhook: "not delivered: connection refused"}
		s.ownersOnly(r, run)
		if (run.Webhook != "") != tt.shown {
			t.Errorf("require token %v, token %q: outcome %q, want shown %v", tt.require, tt.token, run.Webhook, tt.shown)
		}
	}
}
