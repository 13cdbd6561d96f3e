package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/saved"
)

// handoff is what a running server leaves in its data directory so that other
// ssgsearch processes can hand it the index work: the index has one writer, the
// server, while it runs.
type handoff struct {
	Addr  string `json:"addr"`
	Token string `json:"token"`
	PID   int    `json:"pid"`
}

func handoffPath(dir string) string { return filepath.Join(dir, "server.json") }

// writeHandoff records the server's address and admin token, readable by the owner only.
func writeHandoff(dir string, h handoff) error {
	b, err := json.Marshal(h)
	if err != nil {
		return err
	}
	return corpus.WriteAtomic(handoffPath(dir), b) // a temporary file of the owner's only, renamed
}

func readHandoff(dir string) (handoff, error) {
	var h handoff
	b, err := os.ReadFile(handoffPath(dir))
	if err != nil {
		return h, err
	}
	if err := json.Unmarshal(b, &h); err != nil || h.Addr == "" {
		return h, fmt.Errorf("%s is damaged", handoffPath(dir))
	}
	return h, nil
}

// serverAnswers reports whether the server announced in dir's handoff file is
// alive (its process runs) and accepts connections: it holds the index, and
// commands hand it their work at once instead of waiting for the index's lock to
// time out. A file a crashed server left is not trusted with the work.
func serverAnswers(dir string) bool {
	h, err := readHandoff(dir)
	if err != nil || h.PID <= 0 {
		return false
	}
	if err := syscall.Kill(h.PID, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	c, err := net.DialTimeout("tcp", h.Addr, 300*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// newToken returns a random admin token.
func newToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// handoffReindex asks the server holding the index to re-index the corpus: what
// changed, or with full everything into a new index that it then swaps in.
func handoffReindex(ctx context.Context, dir string, full bool) (indexer.Report, string, error) {
	var rep indexer.Report
	h, err := readHandoff(dir)
	if err != nil {
		return rep, "", fmt.Errorf("the index is in use and no server to hand the work to: %w", err)
	}
	u := "http://" + h.Addr + "/api/v1/admin/reindex"
	if full {
		u += "?full=true"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, nil)
	if err != nil {
		return rep, h.Addr, err
	}
	req.Header.Set("Authorization", "Bearer "+h.Token)
	if err := call(req, &rep); err != nil {
		return rep, h.Addr, fmt.Errorf("hand re-indexing to the server at %s: %w", h.Addr, err)
	}
	return rep, h.Addr, nil
}

// handoffSearch runs a search on the server holding the index.
func handoffSearch(ctx context.Context, dir string, req search.Request) (*search.Response, error) {
	h, err := readHandoff(dir)
	if err != nil {
		return nil, err
	}
	q := url.Values{"q": {req.Query}, "page": {fmt.Sprint(req.Page)}, "size": {fmt.Sprint(req.Size)}, "xlang": {onOff(req.XLang)}, "explain": {fmt.Sprint(req.Explain)}, "verbatim": {fmt.Sprint(req.Verbatim)}}
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+h.Addr+"/api/v1/search?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	var resp search.Response
	if err := call(hr, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// handoffSavedRun asks the server holding the index to run saved query id: its
// run is stored and its webhook delivered by the server.
func handoffSavedRun(ctx context.Context, dir, id string) (*saved.Run, error) {
	h, err := readHandoff(dir)
	if err != nil {
		return nil, err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+h.Addr+"/api/v1/saved-searches/"+url.PathEscape(id)+"/runs", nil)
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Authorization", "Bearer "+h.Token)
	var run saved.Run
	if err := call(hr, &run); err != nil {
		return nil, err
	}
	return &run, nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// call makes an API request and decodes its JSON answer into v; an error answer
// becomes an error carrying the server's message.
func call(req *http.Request, v any) error {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return fmt.Errorf("%s", e.Error)
		}
		return fmt.Errorf("HTTP %s", resp.Status)
	}
	return json.NewDecoder(bytes.NewReader(body)).Decode(v)
}
