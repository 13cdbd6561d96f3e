package crawler

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

// maxCrawlDelay bounds the Crawl-delay taken from a robots.txt: a day between
// requests would hold a worker for the whole crawl.
const maxCrawlDelay = time.Minute

// robots is what a host's robots.txt says for our user agent.
type robots struct {
	rules []robotsRule
	delay time.Duration // Crawl-delay
	// sitemaps are the Sitemap: lines.
	sitemaps []string
	err      error // robots.txt could not be read: nothing may be fetched for now
}

// robotsRule is one Allow or Disallow line, its path normalised by robotsPath.
type robotsRule struct {
	allow bool
	path  string
}

// allowed reports whether u may be fetched (RFC 9309 §2.2.2): the longest rule that
// matches its path and query decides, and Allow wins a tie. Rules and URL are
// compared in one spelling (see robotsPath), so a rule written with raw or with
// percent-encoded non-ASCII characters, in either case of hex digit, applies.
//
// A URL's query parameters are in the order corpus.Normalize sorts them, not the
// order the site links them in: a rule naming a parameter in first place
// ("Disallow: /*?sort=") is asked of that parameter put first too.
func (r *robots) allowed(u *url.URL) bool {
	if r.err != nil {
		return false
	}
	if allow, _ := r.decide(u.EscapedPath(), u.RawQuery); !allow {
		return false
	}
	params := strings.Split(u.RawQuery, "&")
	for i := 1; i < len(params) && i < maxRobotsParams; i++ {
		key, _, _ := strings.Cut(params[i], "=")
		first := slices.Concat(params[i:i+1], params[:i], params[i+1:])
		k := "?" + robotsPath(key)
		if allow, rule := r.decide(u.EscapedPath(), strings.Join(first, "&")); !allow && (strings.Contains(rule, k+"=") || strings.HasSuffix(strings.TrimSuffix(rule, "$"), k)) {
			return false
		}
	}
	return true
}

// maxRobotsParams bounds the parameters tried first (allowed).
const maxRobotsParams = 16

// decide applies the rules to a path and query: the longest matching rule
// decides, Allow winning a tie. It returns the verdict and the deciding rule's
// path ("" when none matched).
func (r *robots) decide(path, query string) (allow bool, rule string) {
	p := path
	if query != "" {
		p += "?" + query
	}
	p = robotsPath(p)
	allow, best := true, -1
	for _, rl := range r.rules {
		if n := len(rl.path); (n > best || n == best && rl.allow) && robotsMatch(rl.path, p) {
			allow, best, rule = rl.allow, n, rl.path
		}
	}
	return allow, rule
}

// robotsMatch reports whether a rule path matches path: as a prefix, where '*' stands
// for any characters and a final '$' for the end of the path.
func robotsMatch(rule, path string) bool {
	end := strings.HasSuffix(rule, "$")
	rule = strings.TrimSuffix(rule, "$")
	parts := strings.Split(rule, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	if len(parts) == 1 {
		return !end || rest == ""
	}
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	last := parts[len(parts)-1]
	if end {
		return strings.HasSuffix(rest, last)
	}
	return strings.Contains(rest, last)
}

// robotsPath writes a path (with query) the one way rules and URLs are compared:
// bytes outside printable ASCII percent-encoded, escapes in upper case, and escaped
// unreserved characters ("%7E") and "!'()" decoded.
func robotsPath(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]):
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			// Unreserved characters, and those Go escapes in paths though they
			// need not be ("!", "'", "(", ")"), are written as themselves; "*"
			// stays escaped, a rule's own "*" being a wildcard.
			if 'a' <= v && v <= 'z' || 'A' <= v && v <= 'Z' || '0' <= v && v <= '9' || strings.IndexByte("-._~!'()", v) >= 0 {
				b.WriteByte(v)
			} else {
				b.WriteByte('%')
				b.WriteByte(hex[v>>4])
				b.WriteByte(hex[v&15])
			}
			i += 2
		case c <= ' ' || c >= 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// parseRobots reads a robots.txt for the user agent, leniently as RFC 9309 asks:
// lines it cannot use (rules before any User-agent line, a Crawl-delay that is not a
// number, unknown fields) are skipped. The groups naming the agent's product token
// apply, all of them; failing those, the groups for "*".
func parseRobots(body []byte, userAgent string) *robots {
	token := agentToken(userAgent)
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	inRules := false // the current group has had a line other than User-agent
	r := &robots{}
	body = body[:min(len(body), maxRobotsBytes)]
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
	sc.Buffer(make([]byte, 0, 4096), maxRobotsBytes)
	sc.Split(robotsLines)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "user-agent", "useragent":
			if cur == nil || inRules {
				cur = &group{}
				groups = append(groups, cur)
				inRules = false
			}
			cur.agents = append(cur.agents, agentToken(val))
		case "allow", "disallow":
			if cur == nil {
				continue
			}
			inRules = true
			if val != "" {
				cur.rules = append(cur.rules, robotsRule{allow: key == "allow", path: robotsPath(val)})
			}
		case "crawl-delay", "crawldelay":
			if cur == nil {
				continue
			}
			inRules = true
			if d, err := strconv.ParseFloat(val, 64); err == nil && d >= 0 && !math.IsInf(d, 0) && !math.IsNaN(d) {
				cur.delay = time.Duration(d * float64(time.Second))
			}
		case "sitemap":
			if val != "" {
				r.sitemaps = append(r.sitemaps, val)
			}
		}
	}
	for _, want := range []string{token, "*"} {
		found := false
		for _, g := range groups {
			if slices.Contains(g.agents, want) {
				found = true
				r.rules = append(r.rules, g.rules...)
				r.delay = max(r.delay, g.delay)
			}
		}
		if found { // a group of our own, even with no rules, replaces those for "*"
			break
		}
	}
	r.delay = min(r.delay, maxCrawlDelay)
	return r
}

// agentToken is the product token of a user agent or a User-agent line, lower
// case: its letters, "_" and "-" up to the first other character ("ssgsearch" of
// "SSGsearch/0.1 (+https://…)"), as RFC 9309 §2.2.1 matches them; "*" stays "*".
func agentToken(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "*" {
		return s
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r == '_' || r == '-') })
	if end >= 0 {
		s = s[:end]
	}
	return s
}

// robotsLines splits a robots.txt into lines ended by LF, CR or CR LF (RFC 9309
// §2.2: bufio.ScanLines knows LF alone).
func robotsLines(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		switch {
		case data[i] == '\n':
			return i + 1, data[:i], nil
		case i+1 < len(data):
			if data[i+1] == '\n' {
				return i + 2, data[:i], nil
			}
			return i + 1, data[:i], nil
		case atEOF:
			return i + 1, data[:i], nil
		}
		return 0, nil, nil // a CR at the end: wait for what follows
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// fetchRobots reads robots.txt of u's host, with the retries of any fetch. 4xx means
// no rules; 5xx or a network failure after the retries means nothing may be fetched
// for now (RFC 9309 §2.3.1).
func (c *crawler) fetchRobots(ctx context.Context, u *url.URL) *robots {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	retries := 0
	res := c.fetch(ctx, ru, URLState{}, maxRobotsFetch)
	retries += res.attempts - 1
	// Follow up to five redirects (RFC 9309 §2.3.1.2), e.g. http → https.
	for hops := 0; res.err == nil && res.status >= 300 && res.status < 400 && hops < 5; hops++ {
		next, err := corpus.Normalize(res.header.Get("Location"), ru)
		if err != nil {
			break
		}
		ru = next
		res = c.fetch(ctx, ru, URLState{}, maxRobotsFetch)
		retries += res.attempts - 1
	}
	c.count(func(r *Report) { r.Retries += retries })
	if res.err == nil && res.status >= 300 && res.status < 400 {
		res.status = http.StatusNotFound // a redirect going nowhere: no rules (RFC 9309)
	}
	switch {
	case res.err != nil:
		return &robots{err: fmt.Errorf("robots.txt: %w", res.err)}
	case res.status >= 500 || res.status == http.StatusTooManyRequests:
		return &robots{err: fmt.Errorf("robots.txt: HTTP %d", res.status)}
	case res.status >= 400:
		return &robots{}
	}
	return parseRobots(res.body, c.cfg.UserAgent)
}
