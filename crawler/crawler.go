package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// DefaultUserAgent names the crawler and where to learn about it.
const DefaultUserAgent = "ssgsearch/0.1 (+https://github.com/ssgsearch/ssgsearch)"

// Defaults for Config fields left zero.
const (
	DefaultMaxPages = 1000
	DefaultDelay    = time.Second
	DefaultMaxBytes = 100 << 20
	defaultTimeout  = 60 * time.Second
)

// Config says how to crawl.
type Config struct {
	// Store receives every fetched HTML page and PDF.
	Store *corpus.Store
	// Client makes the requests; nil means a client with a timeout.
	Client *http.Client
	// UserAgent is sent with every request and matched against robots.txt.
	UserAgent string
	// MaxPages bounds the number of fetches (robots.txt files not counted).
	MaxPages int
	// Delay is the pause between two requests to the same host; negative means none.
	Delay time.Duration
	// MaxBytes bounds the size of one response body.
	MaxBytes int64
	Log      *slog.Logger
}

// Report says what a crawl did.
type Report struct {
	Fetched  int `json:"fetched"`
	Excluded int `json:"excluded_by_robots"`
	Failed   int `json:"failed"`
	// Errors lists failed URLs with the reason.
	Errors []string `json:"errors,omitempty"`
	// Entries are the corpus entries written, in fetch order.
	Entries []corpus.Entry `json:"-"`
	// Truncated reports that MaxPages stopped the crawl with URLs left to fetch.
	Truncated bool `json:"truncated,omitempty"`
}

// Crawl fetches the seeds and everything reachable from them by links on the seeds'
// hosts, breadth first, and stores HTML pages and PDFs in cfg.Store. Failing URLs are
// reported, not fatal; the error is for a cancelled context or a store that cannot be
// written.
func Crawl(ctx context.Context, cfg Config, seeds []string) (Report, error) {
	c, err := newCrawler(cfg)
	if err != nil {
		return Report{}, err
	}
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Report{}, fmt.Errorf("seed %q: not an http(s) URL", s)
		}
		c.hosts[strings.ToLower(u.Host)] = true
		c.enqueue(u)
	}
	for len(c.queue) > 0 {
		if err := ctx.Err(); err != nil {
			return c.report, err
		}
		if c.report.Fetched+c.report.Failed >= c.cfg.MaxPages {
			c.report.Truncated = true
			break
		}
		u := c.queue[0]
		c.queue = c.queue[1:]
		if err := c.visit(ctx, u); err != nil {
			return c.report, err
		}
	}
	return c.report, nil
}

type crawler struct {
	cfg    Config
	hosts  map[string]bool
	seen   map[string]bool
	queue  []*url.URL
	robots map[string]*robotstxt.Group
	last   map[string]time.Time
	report Report
}

func newCrawler(cfg Config) (*crawler, error) {
	if cfg.Store == nil {
		return nil, errors.New("crawler: no corpus store")
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: defaultTimeout}
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	if cfg.Delay == 0 {
		cfg.Delay = DefaultDelay
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &crawler{
		cfg: cfg, hosts: map[string]bool{}, seen: map[string]bool{},
		robots: map[string]*robotstxt.Group{}, last: map[string]time.Time{},
	}, nil
}

// normalize drops the fragment, lower-cases scheme and host and writes percent-escapes
// one way, so one page is one URL.
func normalize(u *url.URL) *url.URL {
	n := *u
	n.Fragment, n.RawFragment = "", ""
	if !strings.Contains(strings.ToLower(n.RawPath), "%2f") {
		n.RawPath = "" // re-encoded from Path: upper-case escapes, no needless ones
	}
	n.Scheme = strings.ToLower(n.Scheme)
	n.Host = strings.ToLower(n.Host)
	if n.Path == "" {
		n.Path = "/"
	}
	return &n
}

func (c *crawler) enqueue(u *url.URL) {
	u = normalize(u)
	if (u.Scheme != "http" && u.Scheme != "https") || !c.hosts[u.Host] {
		return
	}
	k := u.String()
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	c.queue = append(c.queue, u)
}

func (c *crawler) fail(u string, err error) {
	c.report.Failed++
	c.report.Errors = append(c.report.Errors, fmt.Sprintf("%s: %v", u, err))
	c.cfg.Log.Warn("fetch failed", "url", u, "err", err)
}

func (c *crawler) visit(ctx context.Context, u *url.URL) error {
	ok, err := c.allowed(ctx, u)
	if err != nil {
		return err
	}
	if !ok {
		c.report.Excluded++
		c.cfg.Log.Info("excluded by robots.txt", "url", u.String())
		return nil
	}
	resp, body, err := c.get(ctx, u)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.fail(u.String(), err)
		return nil
	}
	final := normalize(resp.Request.URL)
	if final.String() != u.String() {
		if !c.hosts[final.Host] {
			c.fail(u.String(), fmt.Errorf("redirected off the crawled hosts to %s", final))
			return nil
		}
		c.seen[final.String()] = true
	}
	ctype, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	kind := corpus.MediaType(ctype)
	if kind == "" && strings.HasPrefix(string(body), "%PDF-") {
		kind = corpus.TypePDF
	}
	if kind == "" {
		c.cfg.Log.Debug("skipped content type", "url", final.String(), "type", ctype)
		return nil
	}
	e, err := c.cfg.Store.Put(corpus.Entry{
		URL: final.String(), ContentType: kind, Charset: params["charset"],
		FetchedAt: time.Now().UTC(), ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}, body)
	if err != nil {
		return fmt.Errorf("store %s: %w", final, err)
	}
	c.report.Fetched++
	c.report.Entries = append(c.report.Entries, e)
	c.cfg.Log.Info("fetched", "url", final.String(), "type", kind, "bytes", len(body))
	if kind != corpus.TypeHTML {
		return nil
	}
	res, err := extract.HTML(strings.NewReader(string(body)), resp.Header.Get("Content-Type"), final.String())
	if err != nil {
		c.cfg.Log.Warn("links not read", "url", final.String(), "err", err)
		return nil
	}
	links := append(append([]string{}, res.Meta.PDFLinks...), res.Meta.Links...)
	for _, alt := range res.Meta.Alternates {
		links = append(links, alt)
	}
	for _, l := range links {
		if lu, err := url.Parse(l); err == nil {
			c.enqueue(lu)
		}
	}
	return nil
}

// get fetches u after the per-host delay. Non-200 answers and oversized bodies are errors.
func (c *crawler) get(ctx context.Context, u *url.URL) (*http.Response, []byte, error) {
	if err := c.wait(ctx, u.Host); err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1")
	resp, err := c.cfg.Client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > c.cfg.MaxBytes {
		return nil, nil, fmt.Errorf("body larger than %d bytes", c.cfg.MaxBytes)
	}
	if resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		return nil, nil, fmt.Errorf("truncated body: %d of %d bytes", len(body), resp.ContentLength)
	}
	return resp, body, nil
}

// wait sleeps until the host may be asked again.
func (c *crawler) wait(ctx context.Context, host string) error {
	if c.cfg.Delay > 0 {
		if d := time.Until(c.last[host].Add(c.cfg.Delay)); d > 0 {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
			}
		}
	}
	c.last[host] = time.Now()
	return nil
}

// allowed reports whether robots.txt of u's host lets us fetch u. A missing robots.txt
// (4xx) allows everything; one that cannot be fetched (5xx, network error) allows
// nothing, as the robots.txt standard (RFC 9309) asks.
func (c *crawler) allowed(ctx context.Context, u *url.URL) (bool, error) {
	g, ok := c.robots[u.Host]
	if !ok {
		var err error
		g, err = c.fetchRobots(ctx, u)
		if err != nil {
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			c.fail(u.Scheme+"://"+u.Host+"/robots.txt", err)
			g = nil
		}
		c.robots[u.Host] = g
	}
	if g == nil {
		return false, nil
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	// Rules may be written with raw or percent-encoded non-ASCII characters: test both.
	return g.Test(p) && g.Test(upperEscapes(p)) && g.Test(u.Path), nil
}

func (c *crawler) fetchRobots(ctx context.Context, u *url.URL) (*robotstxt.Group, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	if err := c.wait(ctx, u.Host); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.cfg.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 {
		return nil, fmt.Errorf("robots.txt: HTTP %s", resp.Status)
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil, fmt.Errorf("robots.txt: %w", err)
	}
	return data.FindGroup(c.cfg.UserAgent), nil
}

// upperEscapes writes percent-escapes in upper case ("%d0" → "%D0").
func upperEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1] = upperHex(b[i+1])
			b[i+2] = upperHex(b[i+2])
		}
	}
	return string(b)
}

func upperHex(c byte) byte {
	if c >= 'a' && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}
