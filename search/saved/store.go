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
	case len(q.Name) > 200:
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
	bucketRuns    = []byte("runs")
)

// lockWait is how long a call waits for another process holding the file.
const lockWait = 10 * time.Second

// Open returns the store in the file at path, creating it if need be.
func Open(path string) (*Store, error) {
	s := &Store{path: path, now: time.Now, notifier: DefaultNotifier, wake: make(chan struct{}, 1)}
	err := s.update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketQueries, bucketRuns} {
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
		if tx.Bucket(bucketRuns).Bucket([]byte(id)) != nil {
			return tx.Bucket(bucketRuns).DeleteBucket([]byte(id))
		}
		return nil
	})
}

// addRun stores a run of query id, giving it the next run number, and when deliver
// is set queues its webhook delivery in the same transaction.
func (s *Store) addRun(id string, r *Run, deliver bool) error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketQueries).Get([]byte(id)) == nil {
			return fmt.Errorf("saved query %s: %w", id, ErrNotFound)
		}
		b, err := tx.Bucket(bucketRuns).CreateBucketIfNotExists([]byte(id))
		if err != nil {
			return err
		}
		n, err := b.NextSequence()
		if err != nil {
			return err
		}
		r.ID = int64(n)
		if err := putJSON(b, runKey(r.ID), r); err != nil {
			return err
		}
		if deliver {
			return queueDelivery(tx, id, r, s.now())
		}
		return nil
	})
}

// putRunTx stores a run of query id again, in tx (after a delivery attempt).
func putRunTx(tx *bolt.Tx, id string, r *Run) error {
	b := tx.Bucket(bucketRuns).Bucket([]byte(id))
	if b == nil {
		return fmt.Errorf("saved query %s: %w", id, ErrNotFound)
	}
	return putJSON(b, runKey(r.ID), r)
}

func runKey(n int64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], uint64(n))
	return k[:]
}

// Runs returns the runs of a saved query, newest first, without their result lists.
func (s *Store) Runs(id string) ([]Run, error) {
	var out []Run
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketQueries).Get([]byte(id)) == nil {
			return fmt.Errorf("saved query %s: %w", id, ErrNotFound)
		}
		b := tx.Bucket(bucketRuns).Bucket([]byte(id))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run %x of saved query %s: %w", k, id, err)
			}
			r.Results = nil
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// Run returns one run of a saved query with its results; run 0 is the latest.
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
		var v []byte
		if run == 0 {
			_, v = b.Cursor().Last()
		} else {
			v = b.Get(runKey(run))
		}
		if v == nil {
			return fmt.Errorf("run %d of saved query %s: %w", run, id, ErrNotFound)
		}
		r = &Run{}
		return json.Unmarshal(v, r)
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
