package crawler

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

// httpClient is the part of *http.Client the crawler uses.
type httpClient interface {
	Do(*http.Request) (*http.Response, error)
}

// newHTTPClient returns a client with timeouts on every phase that does not follow
// redirects: the crawler records each hop itself.
func newHTTPClient(cfg Config) *http.Client {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       60 * time.Second,
	}
	// No cookies: a site's language cookie (Polylang's, WPML's) would send a
	// later request for one language's page to the other's. The sessions a site
	// then writes into its links (";jsessionid=") corpus.Normalize takes out.
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// fetchResult is the outcome of fetching one URL, after retries.
type fetchResult struct {
	status   int
	header   http.Header
	body     []byte
	attempts int
	err      error // no usable answer: network, timeout, truncation, oversize
	// unended, with err: a PDF without its end whose length the answer did not
	// say (read to a connection's close, or chunked), which may be the whole file.
	unended []byte
	// cut: the page was longer than the limit; body is its start (bodyLimit).
	cut bool
	// skipped: a type never stored (an image, a video, an archive), its body
	// not read.
	skipped bool
}

// errTruncated marks a body shorter than its Content-Length; errTooLarge one over the
// size limit (not retried: it will not shrink); errTooSlow one still coming at
// maxFetch (not retried: it would take as long again).
var (
	errTruncated = errors.New("truncated body")
	errTooLarge  = errors.New("body too large")
	errTooSlow   = errors.New("body too slow")
)

// fetch GETs u, conditionally when st has validators and a stored body; limit bounds
// the body as for get. Network errors, timeouts, truncated bodies, 5xx and 429 are
// retried with exponential backoff (honouring Retry-After up to a minute); other
// answers are returned as they are.
//
// A PDF without its end whose length the answer did not say (unended: read to
// a connection's close, or chunked) is retried too; the same bytes served
// twice, or once where no retry is asked for, are what the server has (a file
// that was saved so).
func (c *crawler) fetch(ctx context.Context, u *url.URL, st URLState, limit int64) fetchResult {
	var res fetchResult
	var seen [sha256.Size]byte // the last attempt's unended body
	for attempt := 0; ; attempt++ {
		res = c.get(ctx, u, st, limit)
		res.attempts = attempt + 1
		if res.unended != nil {
			sum := sha256.Sum256(res.unended)
			if attempt > 0 && sum == seen || c.cfg.Retries == 0 {
				res.body, res.err = res.unended, nil
			}
			seen, res.unended = sum, nil
		}
		retry := res.err != nil && !errors.Is(res.err, errTooLarge) && !errors.Is(res.err, errTooSlow) || res.status >= 500 || res.status == http.StatusTooManyRequests
		if !retry || attempt >= c.cfg.Retries || ctx.Err() != nil {
			return res
		}
		wait := max(c.cfg.RetryBase<<attempt, retryAfter(res.header.Get("Retry-After"), time.Now()))
		c.cfg.Log.Info("retrying", "url", u.String(), "attempt", attempt+2, "after", wait, "status", res.status, "err", res.err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return res
		case <-t.C:
		}
	}
}

// retryAfter is the wait a Retry-After header asks for, in seconds or until an
// HTTP date, at most a minute; 0 when there is none or it cannot be read.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), time.Minute)
}

// get makes one request. limit bounds the body; 0 chooses by content type.
// Config.Timeout bounds the wait for progress: for the answer's headers, and
// each pause in its body; a large PDF from a slow server arrives whole however
// long it takes while its bytes keep coming, up to maxFetch.
func (c *crawler) get(ctx context.Context, u *url.URL, st URLState, limit int64) fetchResult {
	ctx, cancel := context.WithTimeout(ctx, maxFetch)
	defer cancel()
	var stalled atomic.Bool
	idle := time.AfterFunc(c.cfg.Timeout, func() { stalled.Store(true); cancel() })
	defer idle.Stop()
	res := c.request(ctx, u, st, limit, func() { idle.Reset(c.cfg.Timeout) })
	switch {
	case res.err != nil && stalled.Load():
		res.err = fmt.Errorf("%w (nothing for %v)", res.err, c.cfg.Timeout)
	case res.err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		res.err = fmt.Errorf("%w: still coming after %v", errTooSlow, maxFetch) // not retried: it would take as long again
	}
	return res
}

// maxFetch bounds one request however steadily its body comes.
const maxFetch = 30 * time.Minute

// request is get's request, progress called whenever body bytes arrive.
func (c *crawler) request(ctx context.Context, u *url.URL, st URLState, limit int64, progress func()) fetchResult {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fetchResult{err: err}
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,application/xml;q=0.8,*/*;q=0.1")
	if st.SHA256 != "" && st.Status != StatusGone {
		if _, err := c.cfg.Store.Body(st.SHA256); err == nil {
			if st.ETag != "" {
				req.Header.Set("If-None-Match", st.ETag)
			}
			if st.LastModified != "" {
				req.Header.Set("If-Modified-Since", st.LastModified)
			}
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fetchResult{err: err}
	}
	defer resp.Body.Close()
	res := fetchResult{status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return res
	}
	br := bufio.NewReaderSize(progressReader{resp.Body, progress}, sniffBytes)
	cut := false // a page longer than limit keeps its start (bodyLimit)
	if limit == 0 {
		head, _ := br.Peek(sniffBytes) // a short or failing body: its error comes with the read below
		if neverStored(resp.Header.Get("Content-Type"), head) {
			res.skipped = true
			return res
		}
		limit, cut = c.bodyLimit(resp.Header, st, head)
	}
	if resp.ContentLength > limit && !cut {
		return fetchResult{status: resp.StatusCode, header: resp.Header, err: fmt.Errorf("%w: %d bytes, the limit is %d", errTooLarge, resp.ContentLength, limit)}
	}
	body, err := io.ReadAll(io.LimitReader(br, limit+1))
	if int64(len(body)) > limit && cut {
		// A page over the limit (inline images, a listing of everything) keeps
		// its start: its head and first links, rather than nothing.
		res.body, res.cut = body[:limit], true
		return res
	}
	if err != nil {
		res.err = fmt.Errorf("read body: %w", err)
		if resp.ContentLength > 0 && int64(len(body)) < resp.ContentLength {
			res.err = fmt.Errorf("%w: %d of %d bytes (%v)", errTruncated, len(body), resp.ContentLength, err)
		}
		return res
	}
	if int64(len(body)) > limit {
		res.err = fmt.Errorf("%w: over the limit of %d bytes", errTooLarge, limit)
		return res
	}
	if resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		res.err = fmt.Errorf("%w: %d of %d bytes", errTruncated, len(body), resp.ContentLength)
		return res
	}
	if body, err = gunzipped(resp.Header, body, limit); err != nil {
		res.err = err
		return res
	}
	if resp.ContentLength < 0 && !pdfEnded(body) {
		res.unended = body
		res.err = fmt.Errorf("%w: a PDF without its end (%%%%EOF), %d bytes and no length said", errTruncated, len(body))
		return res
	}
	res.body = body
	return res
}

// gunzipped undoes the gzip compressions left on a body: those its
// Content-Encoding names that the transport does not undo ("x-gzip", "gzip,
// gzip"), or a PDF compressed and served as the PDF (a second layer under one
// the transport undid). A compressed file (a sitemap's .gz) is returned as it
// came, as is a body no gzip stream begins; one that begins as gzip and breaks
// off is cut short.
func gunzipped(h http.Header, body []byte, limit int64) ([]byte, error) {
	named := strings.Count(strings.ToLower(h.Get("Content-Encoding")), "gzip") // the layers the header names
	for layer := 0; layer < 3 && bytes.HasPrefix(body, []byte{0x1f, 0x8b}); layer++ {
		if layer >= named {
			// Not named: undone only when a PDF is inside (its first bytes tell).
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				return body, nil
			}
			head, _ := io.ReadAll(io.LimitReader(zr, sniffBytes))
			if !corpus.IsPDF(head) && !bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
				return body, nil
			}
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return body, nil
		}
		out, err := io.ReadAll(io.LimitReader(zr, limit+1))
		switch {
		case int64(len(out)) > limit:
			return nil, fmt.Errorf("%w: over the limit of %d bytes once decompressed", errTooLarge, limit)
		case err != nil:
			return nil, fmt.Errorf("%w: its gzip stream broken (%v)", errTruncated, err)
		}
		body = out
	}
	return body, nil
}

// progressReader reads r and calls progress whenever bytes arrive.
type progressReader struct {
	r        io.Reader
	progress func()
}

func (p progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.progress()
	}
	return n, err
}

// pdfTail is how near its end a whole PDF says "%%EOF" (as PDF readers look
// for it: in its last 1,024 bytes).
const pdfTail = 1024

// pdfEnded reports whether body, when a PDF, has its end: false for a PDF cut
// short; true for anything else.
func pdfEnded(body []byte) bool {
	return !corpus.IsPDF(body) || bytes.Contains(body[max(0, len(body)-pdfTail):], []byte("%%EOF"))
}

// sniffBytes is how much of a body is looked at for what it is.
const sniffBytes = 1024

// neverStored reports whether a body of this Content-Type is of a kind the
// corpus never stores (an image, a video, an archive, a word processor's file):
// none of a page's, a PDF's, a sitemap's or a type that says nothing.
func neverStored(contentType string, head []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case corpus.IsPDF(head), corpus.MediaType(mt) != "", untyped(mt), mt == "text/plain",
		strings.Contains(mt, "xml"), strings.Contains(mt, "gzip"):
		return false
	}
	return true
}

// bodyLimit bounds a body by what it is: a PDF however served (its header or
// first bytes, a download's file name, or a type that says nothing of the body:
// none, "octet-stream", "force-download"), a sitemap, else a page. cut says
// that a longer body is cut at the limit rather than refused: an HTML page's
// start holds its metadata and first links (a PDF, a sitemap or a feed cut
// short holds nothing whole).
func (c *crawler) bodyLimit(h http.Header, st URLState, head []byte) (limit int64, cut bool) {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	_, disp, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	switch {
	case corpus.MediaType(mt) == corpus.TypePDF || corpus.IsPDF(head) || strings.HasSuffix(strings.ToLower(disp["filename"]), ".pdf"):
		return c.cfg.MaxPDFBytes, false
	case st.Sitemap || mt == "application/xml" || mt == "text/xml" || mt == "application/x-gzip" || mt == "application/gzip":
		return maxSitemapBytes, false
	case untyped(mt):
		return c.cfg.MaxPDFBytes, false
	}
	return c.cfg.MaxHTMLBytes, corpus.MediaType(mt) == corpus.TypeHTML
}

// untyped reports whether a media type says nothing of the body: none,
// "octet-stream", a download script's "force-download" or "x-download".
func untyped(mt string) bool {
	return mt == "" || mt == "application/octet-stream" || mt == "binary/octet-stream" || strings.HasSuffix(mt, "download")
}
