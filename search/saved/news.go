package saved

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/ssgsearch/ssgsearch/search"
)

// feedRuns is how many recent runs a feed draws its entries from.
const feedRuns = 50

// Feed is the news of a saved query for a feed (output.WriteAtom): one entry per
// document added or changed in its recent runs, newest first.
type Feed struct {
	ID, Title string
	Updated   time.Time
	// Self is the feed's own URL ("" when it has none, as a file written by the
	// command line).
	Self    string
	Entries []FeedEntry
}

// FeedEntry is one document of a Feed.
type FeedEntry struct {
	ID, Title string
	Updated   time.Time
	Link      string
	// Summary is HTML: the page-level snippet.
	Summary string
}

// Feed returns the feed of saved query id's news. base makes document links
// absolute; self is the feed's own URL, or "".
func (st *Store) Feed(id, base, self string) (*Feed, error) {
	q, err := st.Get(id)
	if err != nil {
		return nil, err
	}
	runs, err := st.recentRuns(id, feedRuns)
	if err != nil {
		return nil, err
	}
	f := &Feed{ID: "urn:ssgsearch:saved-search:" + id, Title: "ssgsearch: " + q.Name, Updated: q.UpdatedAt, Self: self}
	for _, r := range runs {
		if r.RanAt.After(f.Updated) {
			f.Updated = r.RanAt
		}
		for _, group := range []struct {
			what string
			list []Change
		}{{"new", r.Added}, {"changed", r.Changed}} {
			for _, c := range group.list {
				f.Entries = append(f.Entries, FeedEntry{
					ID:      fmt.Sprintf("urn:ssgsearch:saved-search:%s:run:%d:%s:%s", id, r.ID, group.what, c.DocID),
					Title:   fmt.Sprintf("[%s] %s", group.what, c.Title),
					Updated: r.RanAt,
					Link:    search.AbsURL(base, c.URL),
					Summary: c.Snippet,
				})
			}
		}
	}
	return f, nil
}

// recentRuns returns up to n runs of a saved query with their news, newest first.
func (st *Store) recentRuns(id string, n int) ([]Run, error) {
	var out []Run
	err := st.view(func(tx *bolt.Tx) error {
		var err error
		out, err = runHeads(tx, id, n)
		return err
	})
	return out, err
}

// Export is the JSON form of a run for export: the saved query and the run.
type Export struct {
	SavedSearch *Query `json:"saved_search"`
	Run         *Run   `json:"run"`
}

// Public returns the query as shown to users: the webhook's secret left out.
func (q Query) Public() Query {
	if q.Webhook != nil {
		w := *q.Webhook
		w.Secret = ""
		q.Webhook = &w
	}
	return q
}

// SignatureHeader carries the HMAC-SHA256 of a webhook delivery's body.
const SignatureHeader = "X-Ssgsearch-Signature"

// Sign returns the signature header value of body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Notifier posts runs' news to saved queries' webhooks.
type Notifier struct {
	Client *http.Client
	// Delays are the waits before each retry; a delivery is tried len(Delays)+1 times.
	Delays []time.Duration
	// Allow are networks webhooks may reach although they are not public (an
	// operator's own receivers); see ErrForbiddenAddress.
	Allow []netip.Prefix
}

// DefaultNotifier reaches public addresses only (see NewNotifier).
var DefaultNotifier = NewNotifier(nil)

// send makes one attempt at posting the run's news (not its full results) to q's
// webhook, signed, with the delivery's ID.
func (n Notifier) send(ctx context.Context, q *Query, r *Run, id string) error {
	news := *r
	news.Results = nil
	body, err := json.Marshal(struct {
		SavedSearch Query `json:"saved_search"`
		Run
	}{q.Public(), news})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, q.Webhook.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "ssgsearch-webhook")
	req.Header.Set(DeliveryHeader, id)
	if q.Webhook.Secret != "" {
		req.Header.Set(SignatureHeader, Sign(q.Webhook.Secret, body))
	}
	resp, err := n.Client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return &statusError{resp.StatusCode}
	}
	return nil
}
