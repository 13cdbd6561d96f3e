// Package corpus is the on-disk contract between fetching and indexing: every fetched
// or imported file is kept content-addressed, with one entry per URL that says where it
// came from. The crawler and the local importer write it; the indexer reads it.
package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Entry describes one resource in the corpus.
type Entry struct {
	// URL is where the resource was found: http(s) for fetched files, file:// for
	// imported ones; the bundled sample has its own https address (data.SampleBaseURL).
	URL string `json:"url"`
	// ContentType is the media type without parameters ("text/html", "application/pdf").
	ContentType string `json:"content_type"`
	// Charset is the charset named by the server, if any.
	Charset string `json:"charset,omitempty"`
	// SHA256 is the hex digest of the body, which is stored under that name.
	SHA256 string `json:"sha256"`
	// Size is the body length in bytes.
	Size int64 `json:"size"`
	// FetchedAt is when this content was first fetched or imported at this URL.
	FetchedAt time.Time `json:"fetched_at"`
	// ETag and LastModified are the validators the server sent.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// GoneAt is when the URL answered 404 or 410 after having been fetched. The body
	// stays stored (a removed source is still evidence) and stays indexed, marked
	// removed. LastSeen is when the URL was last found before that.
	GoneAt   time.Time `json:"gone_at,omitzero"`
	LastSeen time.Time `json:"last_seen,omitzero"`
	// AliasOf, when set, says this URL's page is stored under another URL, the
	// one the page names as canonical: links to this URL lead to that entry. The
	// entry repeats the other's digest.
	AliasOf string `json:"alias_of,omitempty"`
	// Redirect reports an AliasOf recorded because the URL redirects there (a
	// download link to its file), not because its page names the other as
	// canonical.
	Redirect bool `json:"redirect,omitempty"`
}

// Media types the corpus recognises.
const (
	TypeHTML = "text/html"
	TypePDF  = "application/pdf"
)

// ErrNotFound is returned for a URL or digest the corpus does not hold.
var ErrNotFound = errors.New("corpus: not found")

// Store is a corpus directory: objects/ holds bodies by digest, entries/ one JSON
// file per URL. Writes go to a temporary file first and are renamed into place, so a
// killed process never leaves a half-written entry or body.
type Store struct {
	dir string
}

// Open opens the corpus in dir, creating it if needed.
func Open(dir string) (*Store, error) {
	for _, sub := range []string{"objects", "entries"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("corpus: create %s: %w", dir, err)
		}
	}
	return &Store{dir: dir}, nil
}

// Digest returns the hex SHA-256 of b.
func Digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Put stores body and records e for e.URL, filling in SHA256 and Size.
func (s *Store) Put(e Entry, body []byte) (Entry, error) {
	e.SHA256 = Digest(body)
	e.Size = int64(len(body))
	if e.FetchedAt.IsZero() {
		e.FetchedAt = time.Now().UTC()
	}
	if old, err := s.Get(e.URL); err == nil && old.SHA256 == e.SHA256 && !old.FetchedAt.IsZero() {
		e.FetchedAt = old.FetchedAt // the same content: keep when it was first seen
	}
	obj := s.objectPath(e.SHA256)
	if _, err := os.Stat(obj); errors.Is(err, fs.ErrNotExist) {
		if err := WriteAtomic(obj, body); err != nil {
			return e, fmt.Errorf("corpus: store %s: %w", e.URL, err)
		}
	}
	return e, s.Record(e)
}

// Record writes e for e.URL without storing a body: for updating an entry's record
// (validators, GoneAt) when its body is already stored.
func (s *Store) Record(e Entry) error {
	if !validDigest(e.SHA256) {
		return fmt.Errorf("corpus: record %s: bad digest %q", e.URL, e.SHA256)
	}
	meta, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("corpus: encode entry %s: %w", e.URL, err)
	}
	if err := WriteAtomic(s.entryPath(e.URL), meta); err != nil {
		return fmt.Errorf("corpus: record %s: %w", e.URL, err)
	}
	return nil
}

// Get returns the entry for url.
func (s *Store) Get(url string) (Entry, error) {
	var e Entry
	b, err := os.ReadFile(s.entryPath(url))
	if errors.Is(err, fs.ErrNotExist) {
		return e, fmt.Errorf("%w: %s", ErrNotFound, url)
	}
	if err != nil {
		return e, fmt.Errorf("corpus: read entry %s: %w", url, err)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return e, fmt.Errorf("corpus: decode entry %s: %w", url, err)
	}
	return e, nil
}

// Entries returns every entry, sorted by URL.
func (s *Store) Entries() ([]Entry, error) {
	dir := filepath.Join(s.dir, "entries")
	files, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: list %s: %w", dir, err)
	}
	out := make([]Entry, 0, len(files))
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			return nil, fmt.Errorf("corpus: read entry: %w", err)
		}
		var e Entry
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("corpus: decode entry %s: %w", f.Name(), err)
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out, nil
}

// Body returns the stored bytes with the given digest.
func (s *Store) Body(sha string) ([]byte, error) {
	if !validDigest(sha) {
		return nil, fmt.Errorf("%w: bad digest %q", ErrNotFound, sha)
	}
	b, err := os.ReadFile(s.objectPath(sha))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, sha)
	}
	if err != nil {
		return nil, fmt.Errorf("corpus: read object %s: %w", sha, err)
	}
	return b, nil
}

// ImportFS records every HTML and PDF file under fsys in the corpus, with URLs under
// baseURL (e.g. "file:///srv/mirror/"); a directory's index.html gets the directory's
// URL ("…/dir/"), as on a web server. It returns the entries it recorded.
func (s *Store) ImportFS(fsys fs.FS, baseURL string) ([]Entry, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("corpus: import base URL %q: %w", baseURL, err)
	}
	var out []Entry
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		ct := TypeByName(p)
		if ct == "" {
			return nil
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		u := *base
		u.Path = path.Join("/", base.Path, p)
		// A web server answers a directory URL with its index.html; record that URL,
		// which is the one pages link to.
		if path.Base(p) == "index.html" {
			u.Path = strings.TrimSuffix(u.Path, "index.html")
		}
		e, err := s.Put(Entry{URL: u.String(), ContentType: ct}, body)
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("corpus: import %s: %w", baseURL, err)
	}
	return out, nil
}

// TypeByName returns the corpus media type for a file name, or "" for other files.
func TypeByName(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return TypeHTML
	case ".pdf":
		return TypePDF
	}
	return ""
}

// pdfWindow is how far into a file the "%PDF-" marker is looked for, as readers do.
const pdfWindow = 1024

// IsPDF reports whether data starts as a PDF does: a "%PDF-" marker in its first
// kilobyte (readers accept junk before it).
func IsPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), pdfWindow)], []byte("%PDF-"))
}

// MediaType reduces a Content-Type header to the corpus media type, or "".
func MediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return TypeHTML
	case "application/pdf", "application/x-pdf":
		return TypePDF
	}
	return ""
}

func (s *Store) objectPath(sha string) string {
	return filepath.Join(s.dir, "objects", sha[:2], sha)
}

func (s *Store) entryPath(url string) string {
	return filepath.Join(s.dir, "entries", Digest([]byte(url))[:32]+".json")
}

func validDigest(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// WriteAtomic writes b to name through a synced temporary file in the same
// directory, so a reader (or a crash) sees the old content or the new, never part.
func WriteAtomic(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
