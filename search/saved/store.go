// Package saved keeps analysts' standing queries and the history of their runs: each
// run records every result with its content hash, and what was added, dropped or
// changed since the run before. Stored in a bbolt file with one transaction per
// change, so a killed process loses nothing it has acknowledged.
package saved

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/ssgsearch/ssgsearch/search"
)

// ErrNotFound is returned for a saved query or run that does not exist.
var ErrNotFound = errors.New("not found")

// ErrInvalid marks a saved query that cannot be stored as given (an *InvalidError).
var ErrInvalid = errors.New("invalid saved query")

// InvalidError says why a saved query cannot be stored: its message in English
// (Error), by Key with Args for interfaces in other languages; or, when the reason
// is the query or the webhook's address, that error (Err).
type InvalidError struct {
	Key  string
	Args []any
	Err  error
}

func (e *InvalidError) Error() string {
	if e.Err != nil {
		return ErrInvalid.Error() + ": " + e.Err.Error()
	}
	return ErrInvalid.Error() + ": " + fmt.Sprintf(invalidMessages[e.Key], e.Args...)
}

func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }
func (e *InvalidError) Unwrap() error        { return e.Err }

// invalidMessages are the reasons a saved query is refused, in English, by key.
var invalidMessages = map[string]string{
	"name-missing":        "a saved query needs a name",
	"name-long":           "the name may have at most 200 characters",
	"query-missing":       "a saved query needs a query",
	"name-taken":          "a saved query named %q exists (id %s)",
	"year":                "%s: a year is four digits",
	"webhook-unreadable":  "the webhook URL cannot be read",
	"webhook-scheme":      "the webhook URL must start with http:// or https://",
	"webhook-host":        "the webhook URL has no host",
	"webhook-credentials": "the webhook URL may not contain a user name or password; sign deliveries with the secret instead",
	"webhook-numeric":     "the webhook host %q looks like a number: give an address or a name",
}

// Invalid is the InvalidError of key (see InvalidMessages) with its arguments.
func Invalid(key string, args ...any) error { return &InvalidError{Key: key, Args: args} }

// InvalidMessages returns the English message of every reason a saved query is
// refused, by key (fmt verbs where Args go): what a translation must cover.
func InvalidMessages() map[string]string { return maps.Clone(invalidMessages) }

// Query is a saved query.
type Query struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Query       string         `json:"query"`
	Filters     search.Filters `json:"filters,omitzero"`
	Sort        string         `json:"sort,omitempty"`
	XLang       bool           `json:"xlang"`
	Description string         `json:"description,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	// Webhook, when set, receives every run's news as a signed POST.
	Webhook   *Webhook  `json:"webhook,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Webhook is where a saved query's news is posted.
type Webhook struct {
	URL string `json:"url"`
	// Secret signs each delivery (HMAC-SHA256 of the body, header
	// X-Ssgsearch-Signature: sha256=HEX). It is never shown back.
	Secret string `json:"secret,omitempty"`
}

// Request is the search the saved query runs.
func (q *Query) Request() search.Request {
	// A run leaves out documents gone from their publisher's site: the run after
	// one goes reports it dropped.
	f := q.Filters
	f.Removed = search.RemovedHide
	// A run searches the words as saved: a word no document has yet is what the
	// query watches for, not a mistake to correct.
	return search.Request{Query: q.Query, Sort: q.Sort, XLang: q.XLang, Filters: f, Verbatim: true}
}

// check validates a saved query: a name, a query the parser accepts, known sort and
// filters (the webhook is the store's to check: Store.check).
func (q *Query) check() error {
	q.Name, q.Query = strings.TrimSpace(q.Name), strings.TrimSpace(q.Query)
	q.Filters.Removed = "" // a run leaves removed documents out whatever was asked (Request)
	switch {
	case q.Name == "":
		return Invalid("name-missing")
	case utf8.RuneCountInString(q.Name) > 200:
		return Invalid("name-long")
	case q.Query == "":
		return Invalid("query-missing")
	}
	if err := search.Check(q.Request()); err != nil {
		return &InvalidError{Err: err}
	}
	return nil
}

// check validates q for storing: the query (Query.check) and its webhook, which
// must be one this store's notifier may call.
func (s *Store) check(q *Query) error {
	if err := q.check(); err != nil {
		return err
	}
	if q.Webhook != nil {
		return s.notifier.CheckURL(q.Webhook.URL)
	}
	return nil
}

// Store is the saved queries and their runs in one bbolt file. Every call opens the
// file for its transaction and closes it, so that the server and the command line
// can share it.
type Store struct {
	path     string
	now      func() time.Time
	notifier Notifier
	wake     chan struct{} // a delivery was queued (see DeliverLoop)
}

// SetNotifier replaces how webhooks are called (DefaultNotifier otherwise).
func (s *Store) SetNotifier(n Notifier) { s.notifier = n }

var (
	bucketQueries = []byte("queries")
	// bucketRuns holds a bucket for each saved query: its runs by number, without
	// their results, which bucketResults holds in a bucket for each query, by run
	// number, for the latest keptResults runs: the runs listed, the feed and the
	// deliveries read the news, not every result of every run.
	bucketRuns    = []byte("runs")
	bucketResults = []byte("results")
)

// keptResults is how many of a saved query's latest runs keep their results (to
// compare with, export, or see again); the news of every run is kept. A query run
// after every crawl would otherwise grow the file by its results each time.
const keptResults = 30

// lockWait is how long a call waits for another process holding the file.
const lockWait = 10 * time.Second

// Open returns the store in the file at path, creating it if need be.
func Open(path string) (*Store, error) {
	s := &Store{path: path, now: time.Now, notifier: DefaultNotifier, wake: make(chan struct{}, 1)}
	err := s.update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketQueries, bucketRuns, bucketResults} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Store) open(readOnly bool) (*bolt.DB, error) {
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: lockWait, ReadOnly: readOnly})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("saved queries %s: the file stayed locked by another process for %v", s.path, lockWait)
	}
	if err != nil {
		return nil, fmt.Errorf("saved queries %s: %w", s.path, err)
	}
	return db, nil
}

func (s *Store) update(fn func(*bolt.Tx) error) error {
	db, err := s.open(false)
	if err != nil {
		return err
	}
	if err := db.Update(fn); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}

func (s *Store) view(fn func(*bolt.Tx) error) error {
	db, err := s.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(fn)
}

// Create stores a new saved query and returns it with its ID and times.
func (s *Store) Create(q Query) (*Query, error) {
	if err := s.check(&q); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	q.CreatedAt, q.UpdatedAt = now, now
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQueries)
		if dup, err := findByName(b, q.Name); err != nil || dup != "" {
			if err == nil {
				err = Invalid("name-taken", q.Name, dup)
			}
			return err
		}
		n, err := b.NextSequence()
		if err != nil {
			return err
		}
		q.ID = strconv.FormatUint(n, 10)
		return putJSON(b, []byte(q.ID), q)
	})
	if err != nil {
		return nil, err
	}
	return &q, nil
}

// findByName returns the ID of the saved query with this name (case aside), or "".
func findByName(b *bolt.Bucket, name string) (string, error) {
	var id string
	err := b.ForEach(func(k, v []byte) error {
		var q Query
		if err := json.Unmarshal(v, &q); err != nil {
			return fmt.Errorf("saved query %s: %w", k, err)
		}
		if strings.EqualFold(q.Name, name) {
			id = q.ID
		}
		return nil
	})
	return id, err
}

// Update replaces a saved query's definition, keeping its ID, creation time and
// runs; a webhook given without a secret keeps the stored secret.
func (s *Store) Update(q Query) (*Query, error) {
	if err := s.check(&q); err != nil {
		return nil, err
	}
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQueries)
		var old Query
		if err := getJSON(b, []byte(q.ID), &old); err != nil {
			return err
		}
		if dup, err := findByName(b, q.Name); err != nil || (dup != "" && dup != q.ID) {
			if err == nil {
				err = Invalid("name-taken", q.Name, dup)
			}
			return err
		}
		q.CreatedAt, q.UpdatedAt = old.CreatedAt, s.now().UTC()
		if q.Webhook != nil && q.Webhook.Secret == "" && old.Webhook != nil {
			q.Webhook.Secret = old.Webhook.Secret
		}
		return putJSON(b, []byte(q.ID), q)
	})
	if err != nil {
		return nil, err
	}
	return &q, nil
}

// Get returns a saved query.
func (s *Store) Get(id string) (*Query, error) {
	var q Query
	err := s.view(func(tx *bolt.Tx) error { return getJSON(tx.Bucket(bucketQueries), []byte(id), &q) })
	if err != nil {
		return nil, err
	}
	return &q, nil
}

// List returns every saved query, oldest first.
func (s *Store) List() ([]Query, error) {
	var out []Query
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketQueries).ForEach(func(k, v []byte) error {
			var q Query
			if err := json.Unmarshal(v, &q); err != nil {
				return fmt.Errorf("saved query %s: %w", k, err)
			}
			out = append(out, q)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b Query) int {
		x, _ := strconv.Atoi(a.ID)
		y, _ := strconv.Atoi(b.ID)
		return x - y
	})
	return out, err
}

// Delete removes a saved query and its runs.
func (s *Store) Delete(id string) error {
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQueries)
		if b.Get([]byte(id)) == nil {
			return fmt.Errorf("saved query %s: %w", id, ErrNotFound)
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		for _, name := range [][]byte{bucketRuns, bucketResults} {
			if tx.Bucket(name).Bucket([]byte(id)) != nil {
				if err := tx.Bucket(name).DeleteBucket([]byte(id)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// errRaced says another run of the same query was stored after the one a run was
// compared with (Store.addRun): its news must be found again.
var errRaced = errors.New("another run was stored meanwhile")

// addRun stores a run of query id, giving it the next run number, and when deliver
// is set queues its webhook delivery in the same transaction. base is the number of
// the run its news was found against (0: none, a baseline). It stores nothing when
// the latest run began after this one (its results are the index's newer state:
// it returns that run) or is not base (errRaced: the news is to be found again
// against it).
func (s *Store) addRun(id string, r *Run, base int64, deliver bool) (newer *Run, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketQueries).Get([]byte(id)) == nil {
			return fmt.Errorf("saved query %s: %w", id, ErrNotFound)
		}
		b, err := tx.Bucket(bucketRuns).CreateBucketIfNotExists([]byte(id))
		if err != nil {
			return err
		}
		if k, v := b.Cursor().Last(); k != nil {
			latest, err := runHead(id, k, v)
			switch {
			case err != nil:
				return err
			case latest.RanAt.After(r.RanAt):
				newer = latest
				return nil
			case latest.ID != base:
				return errRaced
			}
		}
		n, err := b.NextSequence()
		if err != nil {
			return err
		}
		r.ID = int64(n)
		if err := putResultsTx(tx, id, r); err != nil {
			return err
		}
		if err := putRunTx(tx, id, r); err != nil {
			return err
		}
		if deliver {
			return queueDelivery(tx, id, r, s.now())
		}
		return nil
	})
	if err != nil || newer == nil {
		return nil, err
	}
	newer, err = s.Run(id, newer.ID)
	return newer, err
}

// putResultsTx stores the results of run r of query id, in tx, and lets go of
// those of the runs before the latest keptResults.
func putResultsTx(tx *bolt.Tx, id string, r *Run) error {
	b, err := tx.Bucket(bucketResults).CreateBucketIfNotExists([]byte(id))
	if err != nil {
		return err
	}
	results := r.Results
	if results == nil {
		results = []Result{}
	}
	if err := putJSON(b, runKey(r.ID), results); err != nil {
		return err
	}
	c := b.Cursor()
	for k, _ := c.First(); k != nil && int64(binary.BigEndian.Uint64(k)) <= r.ID-keptResults; k, _ = c.First() {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// putRunTx stores run r of query id, without its results, in tx (when added, and
// again after a delivery attempt). The results of a run stored before runs and
// their results were kept apart, read with it (Store.Run), move to bucketResults.
func putRunTx(tx *bolt.Tx, id string, r *Run) error {
	b := tx.Bucket(bucketRuns).Bucket([]byte(id))
	if b == nil {
		return fmt.Errorf("saved query %s: %w", id, ErrNotFound)
	}
	if r.Results != nil {
		rb, err := tx.Bucket(bucketResults).CreateBucketIfNotExists([]byte(id))
		if err != nil {
			return err
		}
		if rb.Get(runKey(r.ID)) == nil {
			if err := putJSON(rb, runKey(r.ID), r.Results); err != nil {
				return err
			}
		}
	}
	head := *r
	head.Results, head.ResultsGone = nil, false
	return putJSON(b, runKey(r.ID), head)
}

func runKey(n int64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], uint64(n))
	return k[:]
}

// storedRun is a run as stored, read without its results: those of a run stored
// before runs and their results were kept apart are passed over, not decoded.
type storedRun struct {
	Run
	Results skipped `json:"results"`
}

// skipped is a JSON value read and left.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// runHead decodes the stored run at key k of query id without its results.
func runHead(id string, k, v []byte) (*Run, error) {
	var sr storedRun
	if err := json.Unmarshal(v, &sr); err != nil {
		return nil, fmt.Errorf("run %d of saved query %s: %w", binary.BigEndian.Uint64(k), id, err)
	}
	return &sr.Run, nil
}

// Runs returns the runs of a saved query, newest first, without their result lists.
func (s *Store) Runs(id string) ([]Run, error) {
	var out []Run
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketQueries).Get([]byte(id)) == nil {
			return fmt.Errorf("saved query %s: %w", id, ErrNotFound)
		}
		var err error
		out, err = runHeads(tx, id, -1)
		return err
	})
	return out, err
}

// runHeads reads up to n of query id's runs (all when n < 0), newest first,
// without their results.
func runHeads(tx *bolt.Tx, id string, n int) ([]Run, error) {
	b := tx.Bucket(bucketRuns).Bucket([]byte(id))
	if b == nil {
		return nil, nil
	}
	var out []Run
	c := b.Cursor()
	for k, v := c.Last(); k != nil && (n < 0 || len(out) < n); k, v = c.Prev() {
		r, err := runHead(id, k, v)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, nil
}

// Run returns one run of a saved query with its results; run 0 is the latest. A
// run older than the latest keptResults has none (Run.ResultsGone).
func (s *Store) Run(id string, run int64) (*Run, error) {
	var r *Run
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketQueries).Get([]byte(id)) == nil {
			return fmt.Errorf("saved query %s: %w", id, ErrNotFound)
		}
		b := tx.Bucket(bucketRuns).Bucket([]byte(id))
		if b == nil {
			return fmt.Errorf("saved query %s has no runs yet: %w", id, ErrNotFound)
		}
		k, v := runKey(run), []byte(nil)
		if run == 0 {
			k, v = b.Cursor().Last()
		} else {
			v = b.Get(k)
		}
		if v == nil {
			return fmt.Errorf("run %d of saved query %s: %w", run, id, ErrNotFound)
		}
		r = &Run{}
		if err := json.Unmarshal(v, r); err != nil { // results and all, when stored together
			return fmt.Errorf("run %d of saved query %s: %w", binary.BigEndian.Uint64(k), id, err)
		}
		var results []byte
		if rb := tx.Bucket(bucketResults).Bucket([]byte(id)); rb != nil {
			results = rb.Get(k)
		}
		switch {
		case results != nil:
			return json.Unmarshal(results, &r.Results)
		case r.Results == nil && r.Total > 0:
			r.ResultsGone = true
		}
		return nil
	})
	return r, err
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}

func getJSON(b *bolt.Bucket, k []byte, v any) error {
	data := b.Get(k)
	if data == nil {
		return fmt.Errorf("saved query %s: %w", k, ErrNotFound)
	}
	return json.Unmarshal(data, v)
}
