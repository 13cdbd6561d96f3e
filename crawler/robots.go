package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

// robots is what a host's robots.txt says for our user agent.
type robots struct {
	group *robotstxt.Group // nil: nothing may be fetched
	delay time.Duration    // Crawl-delay
	// sitemaps are the Sitemap: lines.
	sitemaps []string
	err      error
}

// allowed reports whether u may be fetched. Rules may be written with raw or with
// percent-encoded non-ASCII characters, in either case of hex digit: a URL is allowed
// only when every spelling is.
func (r *robots) allowed(u *url.URL) bool {
	if r.group == nil {
		return false
	}
	p := u.EscapedPath()
	q := ""
	if u.RawQuery != "" {
		q = "?" + u.RawQuery
	}
	return r.group.Test(p+q) && r.group.Test(lowerEscapes(p)+q) && r.group.Test(u.Path+q)
}

// fetchRobots reads robots.txt of u's host. 4xx means no rules; 5xx or a network
// failure means nothing may be fetched for now (RFC 9309 §2.3.1).
func (c *crawler) fetchRobots(ctx context.Context, u *url.URL) *robots {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	res := c.get(ctx, ru, URLState{}, maxRobotsBytes)
	// Follow up to five redirects (RFC 9309 §2.3.1.2), e.g. http → https.
	for hops := 0; res.err == nil && res.status >= 300 && res.status < 400 && hops < 5; hops++ {
		next, err := corpus.Normalize(res.header.Get("Location"), ru)
		if err != nil {
			break
		}
		ru = next
		res = c.get(ctx, ru, URLState{}, maxRobotsBytes)
	}
	if res.err == nil && res.status >= 300 && res.status < 400 {
		res.status = http.StatusNotFound // a redirect going nowhere: no rules (RFC 9309)
	}
	if res.err != nil {
		return &robots{err: fmt.Errorf("robots.txt: %w", res.err)}
	}
	if res.status >= 500 || res.status == http.StatusTooManyRequests {
		return &robots{err: fmt.Errorf("robots.txt: HTTP %d", res.status)}
	}
	data, err := robotstxt.FromStatusAndBytes(res.status, res.body)
	if err != nil {
		return &robots{err: fmt.Errorf("robots.txt: %w", err)}
	}
	g := data.FindGroup(c.cfg.UserAgent)
	return &robots{group: g, delay: g.CrawlDelay, sitemaps: data.Sitemaps}
}

// lowerEscapes writes percent-escapes in lower case ("%D0" → "%d0").
func lowerEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			for j := i + 1; j <= i+2; j++ {
				if b[j] >= 'A' && b[j] <= 'F' {
					b[j] += 'a' - 'A'
				}
			}
		}
	}
	return string(b)
}
