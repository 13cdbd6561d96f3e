package saved

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"regexp"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/ssgsearch/ssgsearch/search/csvout"
)

// feedRuns is how many recent runs the Atom feed draws its entries from.
const feedRuns = 50

// atom* are the Atom 1.0 (RFC 4287) elements the feed uses.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Summary atomContent `xml:"summary"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// WriteFeed writes an Atom feed of a saved query's news: one entry per document
// added or changed in its recent runs (newest first), with the page-level snippet.
// base makes document links absolute; self is the feed's own URL ("" when it has
// none, as a file written by the command line: no self link then).
func (st *Store) WriteFeed(w io.Writer, id, base, self string) error {
	q, err := st.Get(id)
	if err != nil {
		return err
	}
	runs, err := st.recentRuns(id, feedRuns)
	if err != nil {
		return err
	}
	f := atomFeed{
		ID:      "urn:ssgsearch:saved-search:" + id,
		Title:   "ssgsearch: " + q.Name,
		Updated: q.UpdatedAt.Format(time.RFC3339),
		Author:  atomPerson{Name: "ssgsearch"},
	}
	if self != "" {
		f.Link = []atomLink{{Href: self, Rel: "self"}}
	}
	for _, r := range runs {
		if r.RanAt.After(q.UpdatedAt) && f.Updated < r.RanAt.Format(time.RFC3339) {
			f.Updated = r.RanAt.Format(time.RFC3339)
		}
		for _, group := range []struct {
			what string
			list []Change
		}{{"new", r.Added}, {"changed", r.Changed}} {
			for _, c := range group.list {
				link := absolute(base, c.URL)
				f.Entries = append(f.Entries, atomEntry{
					ID:      fmt.Sprintf("urn:ssgsearch:saved-search:%s:run:%d:%s:%s", id, r.ID, group.what, c.DocID),
					Title:   fmt.Sprintf("[%s] %s", group.what, c.Title),
					Updated: r.RanAt.Format(time.RFC3339),
					Link:    []atomLink{{Href: link, Rel: "alternate"}},
					Summary: atomContent{Type: "html", Text: c.Snippet},
				})
			}
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	return enc.Close()
}

// recentRuns returns up to n runs of a saved query with their news, newest first.
func (st *Store) recentRuns(id string, n int) ([]Run, error) {
	var out []Run
	err := st.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns).Bucket([]byte(id))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil && len(out) < n; k, v = c.Prev() {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return err
			}
			r.Results = nil
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// absolute makes a stored URL absolute against base when it is a path.
func absolute(base, u string) string {
	if base == "" || scheme.MatchString(u) {
		return u
	}
	return base + u
}

// ResultsCSV writes runs' results as CSV, one row per document, each with its
// query's name and text and its run: the one layout of saved searches' results
// and of the CLI's batch of queries.
type ResultsCSV struct{ cw *csvout.Writer }

// NewResultsCSV writes the header to w and returns the writer of the rows.
func NewResultsCSV(w io.Writer) (*ResultsCSV, error) {
	cw := csvout.NewWriter(w)
	if err := cw.Write([]string{"saved_search", "query", "run_id", "ran_at", "index_state", "rank", "id", "title", "url", "page", "content_hash"}); err != nil {
		return nil, err
	}
	return &ResultsCSV{cw}, nil
}

// Write writes one result of run r of the query named name (r.ID 0: a run not
// stored, which leaves run_id empty).
func (c *ResultsCSV) Write(name, query string, r *Run, res Result) error {
	id := ""
	if r.ID != 0 {
		id = strconv.FormatInt(r.ID, 10)
	}
	return c.cw.Write([]string{name, query, id, r.RanAt.Format(time.RFC3339), r.IndexState,
		strconv.Itoa(res.Rank), res.DocID, res.Title, res.URL, strconv.Itoa(res.Page), res.ContentHash})
}

// Flush writes out what is buffered and reports any error of the writes.
func (c *ResultsCSV) Flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

// WriteResultsCSV writes a run's results (ResultsCSV).
func WriteResultsCSV(w io.Writer, q *Query, r *Run) error {
	c, err := NewResultsCSV(w)
	if err != nil {
		return err
	}
	for _, res := range r.Results {
		if err := c.Write(q.Name, q.Query, r, res); err != nil {
			return err
		}
	}
	return c.Flush()
}

// WriteDiffCSV writes a run's news, one row per added, dropped or changed document.
func WriteDiffCSV(w io.Writer, q *Query, r *Run) error {
	cw := csvout.NewWriter(w)
	cw.Write([]string{"saved_search", "query", "run_id", "ran_at", "change", "id", "title", "url", "page", "old_hash", "new_hash"})
	for _, group := range []struct {
		what string
		list []Change
	}{{"added", r.Added}, {"dropped", r.Dropped}, {"changed", r.Changed}} {
		for _, c := range group.list {
			if err := cw.Write([]string{q.Name, q.Query, strconv.FormatInt(r.ID, 10), r.RanAt.Format(time.RFC3339),
				group.what, c.DocID, c.Title, c.URL, strconv.Itoa(c.Page), c.OldHash, c.NewHash}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
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
