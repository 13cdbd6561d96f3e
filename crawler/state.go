package crawler

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// URL statuses recorded in the crawl state.
const (
	StatusQueued     = "queued"     // in the frontier
	StatusFetched    = "fetched"    // 200: stored in the corpus
	StatusUnchanged  = "unchanged"  // 304 on a conditional request
	StatusRedirected = "redirected" // 3xx: see RedirectTo
	StatusGone       = "gone"       // 404/410 for a URL once fetched: dropped from the index, copy kept
	StatusMissing    = "missing"    // 4xx for a URL never fetched
	StatusFailed     = "failed"     // 5xx, timeouts, truncated bodies after all retries; a stored URL refused (401, 403) or a stored PDF answered by something else: asked again next run
	StatusExcluded   = "excluded"   // robots.txt or an exclude pattern
	StatusOffsite    = "offsite"    // not on an allowed host: recorded, not fetched
	StatusTrap       = "trap"       // too deep, too many of one shape, or a suspicious URL
	StatusSkipped    = "skipped"    // a content type we do not index
)

// URLState is what the crawler knows about one URL.
type URLState struct {
	URL    string `json:"url"`
	Status string `json:"status"`
	// Run is the crawl run that last queued or visited the URL; Visited is the run
	// that last took it off the frontier and recorded an outcome, which is what the
	// per-host page limit counts when a run is resumed.
	Run     uint64 `json:"run"`
	Visited uint64 `json:"visited,omitempty"`
	Depth   int    `json:"depth"`
	// Hops counts redirects that led here.
	Hops int `json:"hops,omitempty"`
	// Parent is the page that queued the URL in this run; Chain counts the links
	// between URLs of one shape that led here, Repeats how many pages in a row of
	// that chain repeated their parent's text, whose digest is TextSig.
	Parent  string `json:"parent,omitempty"`
	Chain   int    `json:"chain,omitempty"`
	Repeats int    `json:"repeats,omitempty"`
	TextSig string `json:"text_sig,omitempty"`
	// TextSum is the digest of the page's text, digits and all: a page that
	// repeats its parent's exactly under a longer address is its echo.
	TextSum string `json:"text_sum,omitempty"`
	// Referrers are pages that link here (the first few).
	Referrers    []string  `json:"referrers,omitempty"`
	HTTPStatus   int       `json:"http_status,omitempty"`
	ContentType  string    `json:"content_type,omitempty"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	SHA256       string    `json:"sha256,omitempty"`
	FetchedAt    time.Time `json:"fetched_at,omitzero"`
	CheckedAt    time.Time `json:"checked_at,omitzero"`
	GoneAt       time.Time `json:"gone_at,omitzero"`
	RedirectTo   string    `json:"redirect_to,omitempty"`
	// Aliases are pages stored under this URL because they name it as canonical
	// (the first few).
	Aliases []string `json:"aliases,omitempty"`
	// Translations maps a language to the URL of this page in it (hreflang
	// alternates and the language switch), for HTML pages.
	Translations map[string]string `json:"translations,omitempty"`
	Attempts     int               `json:"attempts,omitempty"`
	Error        string            `json:"error,omitempty"`
	// Sitemap marks a URL found as a sitemap, read for links and not stored.
	Sitemap bool `json:"sitemap,omitempty"`
}

// maxReferrers bounds the referrers kept per URL.
const maxReferrers = 20

var (
	bucketURLs     = []byte("urls")
	bucketFrontier = []byte("frontier")
	bucketMeta     = []byte("meta")
	keyRun         = []byte("run")
	keyOpen        = []byte("open")
	keySeq         = []byte("seq")
	keyMoved       = []byte("moved")
)

// ErrStateLocked is returned when another crawl holds the state database.
var ErrStateLocked = errors.New("crawl state is in use by another crawl")

// State is the persistent crawl state: per-URL records and the frontier, in a bbolt
// database. Every change is a transaction, so a crawl killed at any moment resumes
// from what was last committed.
type State struct {
	db *bolt.DB
}

// OpenState opens (creating) the state database at path.
func OpenState(path string) (*State, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("crawl state %s: %w", path, err)
	}
	// NoSync: a killed process loses nothing bbolt has written (the OS holds it); only
	// a machine crash can lose the last transactions, which costs a few refetches.
	// Close syncs.
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: 2 * time.Second, NoSync: true})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("crawl state %s: %w", path, ErrStateLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("crawl state %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketURLs, bucketFrontier, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("crawl state %s: %w", path, err)
	}
	return &State{db: db}, nil
}

// Close writes everything to disk and closes the database.
func (s *State) Close() error {
	if err := s.db.Sync(); err != nil {
		s.db.Close()
		return err
	}
	return s.db.Close()
}

// Get returns the state of url, or false when the URL is unknown.
func (s *State) Get(url string) (URLState, bool, error) {
	var st URLState
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		st, ok, err = getURL(tx, url)
		return err
	})
	return st, ok, err
}

// All calls fn for every URL state, in URL order, until fn returns false.
func (s *State) All(fn func(URLState) bool) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketURLs).ForEach(func(k, v []byte) error {
			var st URLState
			if err := json.Unmarshal(v, &st); err != nil {
				return fmt.Errorf("crawl state: decode %s: %w", k, err)
			}
			if !fn(st) {
				return errStop
			}
			return nil
		})
	})
}

var errStop = errors.New("stop")

func getURL(tx *bolt.Tx, url string) (URLState, bool, error) {
	v := tx.Bucket(bucketURLs).Get([]byte(url))
	if v == nil {
		return URLState{}, false, nil
	}
	var st URLState
	if err := json.Unmarshal(v, &st); err != nil {
		return URLState{}, false, fmt.Errorf("crawl state: decode %s: %w", url, err)
	}
	return st, true, nil
}

func putURL(tx *bolt.Tx, st URLState) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketURLs).Put([]byte(st.URL), b)
}

// frontierItem is one queued URL with its frontier key.
type frontierItem struct {
	seq  uint64
	url  string
	host string
}

// begin starts a run, or resumes the one a killed crawl left open. It returns the run
// number, whether it resumed, and the frontier to work through.
func (s *State) begin() (run uint64, resumed bool, items []frontierItem, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		run = u64(meta.Get(keyRun))
		if meta.Get(keyOpen) != nil {
			resumed = true
		} else {
			run++
			if err := meta.Put(keyRun, b64(run)); err != nil {
				return err
			}
			if err := meta.Put(keyOpen, []byte{1}); err != nil {
				return err
			}
			// What the last run left (the URLs of hosts whose robots.txt could not
			// be read) is seeded again, from the URLs' states (crawler.seed).
			if err := tx.DeleteBucket(bucketFrontier); err != nil {
				return err
			}
			_, err := tx.CreateBucket(bucketFrontier)
			return err
		}
		return tx.Bucket(bucketFrontier).ForEach(func(k, v []byte) error {
			items = append(items, frontierItem{seq: u64(k), url: string(v)})
			return nil
		})
	})
	return run, resumed, items, err
}

// movedHosts returns the hosts seeds have moved to (see hostMoved): each host and
// the one it moved to.
func (s *State) movedHosts() (map[string]string, error) {
	moved := map[string]string{}
	err := s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta).Get(keyMoved); b != nil {
			return json.Unmarshal(b, &moved)
		}
		return nil
	})
	return moved, err
}

// hostMoved records that a seed's host redirected it to another host of its
// site, for every later run (and a resumed one) to crawl that host too.
func (s *State) hostMoved(from, to string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		moved := map[string]string{}
		if b := meta.Get(keyMoved); b != nil {
			if err := json.Unmarshal(b, &moved); err != nil {
				return err
			}
		}
		moved[from] = to
		b, err := json.Marshal(moved)
		if err != nil {
			return err
		}
		return meta.Put(keyMoved, b)
	})
}

// finish closes the current run: the next crawl starts a new one.
func (s *State) finish() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Delete(keyOpen)
	})
}

// enqueue records candidate URLs found on the page whose current state is ref (nil
// for seeds) in one transaction. A URL not yet queued or visited in this run is
// queued; one seen in this run only gains the referrer. decide is called for the
// other candidates, with their state updated for this run, and returns the status to
// record: StatusQueued to fetch it, or a status saying why not.
func (s *State) enqueue(run uint64, cands []URLState, ref *URLState, decide func(st, ref *URLState) string) ([]frontierItem, error) {
	var out []frontierItem
	referrer := ""
	if ref != nil {
		referrer = ref.URL
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		seq := u64(meta.Get(keySeq))
		front := tx.Bucket(bucketFrontier)
		for _, c := range cands {
			st, known, err := getURL(tx, c.URL)
			if err != nil {
				return err
			}
			if referrer != "" && len(st.Referrers) < maxReferrers && !contains(st.Referrers, referrer) {
				st.Referrers = append(st.Referrers, referrer)
			}
			if known && st.Run == run {
				if err := putURL(tx, st); err != nil {
					return err
				}
				continue
			}
			st.URL = c.URL
			st.Run = run
			st.Depth = c.Depth
			st.Hops = c.Hops
			st.Sitemap = st.Sitemap || c.Sitemap
			status := decide(&st, ref)
			if status != StatusQueued {
				st.Status, st.Error = status, ""
				if err := putURL(tx, st); err != nil {
					return err
				}
				continue
			}
			if !known {
				st.Status = StatusQueued // a known URL keeps its last outcome until revisited
			}
			seq++
			if err := front.Put(b64(seq), []byte(c.URL)); err != nil {
				return err
			}
			if err := putURL(tx, st); err != nil {
				return err
			}
			out = append(out, frontierItem{seq: seq, url: c.URL})
		}
		return meta.Put(keySeq, b64(seq))
	})
	return out, err
}

// aliased records that from's page is stored under canonical, the URL it names as
// canonical: canonical keeps from's URL among its aliases and, when this run has not
// queued it, counts as fetched in the run, so it is not fetched again.
func (s *State) aliased(run uint64, canonical string, from URLState) error {
	return s.update(canonical, func(st *URLState) {
		if st.Run != run {
			st.Run, st.Status, st.Depth, st.Error = run, StatusFetched, from.Depth, ""
		}
		if len(st.Referrers) < maxReferrers && !contains(st.Referrers, from.URL) {
			st.Referrers = append(st.Referrers, from.URL)
		}
		if len(st.Aliases) < maxReferrers && !contains(st.Aliases, from.URL) {
			st.Aliases = append(st.Aliases, from.URL)
		}
	})
}

// update changes the state of url (new or known) with fn, in one transaction.
func (s *State) update(url string, fn func(st *URLState)) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		st, _, err := getURL(tx, url)
		if err != nil {
			return err
		}
		st.URL = url
		fn(&st)
		return putURL(tx, st)
	})
}

// done records the outcome for a URL and takes it off the frontier, in one transaction.
func (s *State) done(item frontierItem, st URLState) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := putURL(tx, st); err != nil {
			return err
		}
		return tx.Bucket(bucketFrontier).Delete(b64(item.seq))
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func b64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

func u64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}
