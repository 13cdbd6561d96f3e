package crawler

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
	"golang.org/x/time/rate"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/crawler/htmlpage"
)

// DefaultUserAgent names the crawler and where to learn about it.
const DefaultUserAgent = "ssgsearch/0.1 (+https://github.com/ssgsearch/ssgsearch)"

// Defaults for Config fields left zero.
const (
	DefaultRate            = 1.0 // requests per second per host
	DefaultWorkers         = 4
	DefaultMaxPages        = 10000
	DefaultMaxPagesPerHost = 5000
	DefaultMaxDepth        = 20
	DefaultMaxChain        = 50
	DefaultMaxRepeats      = 3
	DefaultMaxRedirects    = 5
	DefaultRetries         = 3
	DefaultRetryBase       = time.Second
	DefaultTimeout         = 2 * time.Minute
	DefaultMaxHTMLBytes    = 10 << 20
	DefaultMaxPDFBytes     = 200 << 20
	maxSitemapBytes        = 50 << 20
	// maxRobotsBytes is how much of a robots.txt is read for rules (RFC 9309 §2.5
	// asks for at least 500 KiB); a longer one is fetched up to maxRobotsFetch and
	// the rest left.
	maxRobotsBytes = 512 << 10
	maxRobotsFetch = 8 << 20
)

// Config says what to crawl and how politely.
type Config struct {
	// Store receives every fetched HTML page and PDF; State keeps the frontier and
	// what is known of each URL across runs.
	Store *corpus.Store
	State *State
	// UserAgent is sent with every request and matched against robots.txt.
	UserAgent string
	// Rate is requests per second per host; a slower robots.txt Crawl-delay wins.
	// Negative means no limit (tests, local mirrors).
	Rate float64
	// Workers bounds concurrent requests; each host has at most one in flight.
	Workers int
	// MaxPages bounds the URLs visited in one invocation; a run cut short is resumed
	// by the next invocation, which may visit MaxPages more.
	MaxPages int
	// MaxPagesPerHost bounds the URLs visited on one host in one run, across the
	// invocations that resume it: a trap bound, not a pace.
	MaxPagesPerHost int
	// MaxDepth bounds the link distance from the seeds.
	MaxDepth int
	// MaxChain bounds a chain of links between URLs of one shape (digits and query
	// values aside), like pagination or a calendar's "next month"; MaxRepeats ends a
	// chain sooner when its pages repeat each other's text (digits aside): the empty
	// months of an endless calendar.
	MaxChain     int
	MaxRepeats   int
	MaxRedirects int
	// Retries is how often a 5xx, a timeout or a truncated body is retried, after
	// RetryBase, then twice as long each time.
	Retries   int
	RetryBase time.Duration
	// Timeout bounds the wait for a request's progress: its headers, and each
	// pause in its body (a body that keeps coming may take up to maxFetch).
	Timeout time.Duration
	// MaxHTMLBytes and MaxPDFBytes bound a response body by type.
	MaxHTMLBytes, MaxPDFBytes int64
	// Hosts are the hosts that may be fetched; empty means the seeds' hosts.
	Hosts []string
	// Include and Exclude filter URL paths (with query) on allowed hosts: when Include
	// is set a path must match one of them, and it must match no Exclude.
	Include, Exclude []*regexp.Regexp
	// Sources are publishers to crawl, each with its own seeds, hosts, path patterns
	// and rate; they add to the seeds given to Crawl.
	Sources []Source
	// NoSitemaps turns off reading /wp-sitemap.xml, /sitemap.xml and robots.txt Sitemap: lines.
	NoSitemaps bool
	// Progress, when set, is called after every URL visited.
	Progress func(Progress)
	Log      *slog.Logger
}

// Progress is a snapshot of a running crawl.
type Progress struct {
	Visited, Queued, Errors int
	Bytes                   int64
	Elapsed                 time.Duration
	URL                     string
}

// Report says what a crawl run did.
type Report struct {
	Run     uint64 `json:"run"`
	Resumed bool   `json:"resumed"`
	// Fetched counts 200 answers stored (Changed of them new or different);
	// Unchanged counts 304 answers to conditional requests.
	Fetched   int `json:"fetched"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Redirects int `json:"redirects"`
	Gone      int `json:"gone"`
	Missing   int `json:"missing"`
	Failed    int `json:"failed"`
	Excluded  int `json:"excluded"`
	Offsite   int `json:"offsite"`
	Traps     int `json:"traps"`
	Skipped   int `json:"skipped"`
	// Retries counts repeated requests.
	Retries int   `json:"retries"`
	Bytes   int64 `json:"bytes"`
	// Truncated reports that MaxPages stopped the run with URLs left in the
	// frontier: the next call resumes them.
	Truncated bool `json:"truncated,omitempty"`
	// Postponed counts the URLs not visited because their host's robots.txt could
	// not be read: they keep their last outcome, and the next run visits them (a run
	// waiting on them would hold back every other host's next crawl).
	Postponed int `json:"postponed,omitempty"`
	// Errors lists failed URLs with the reason.
	Errors  []string      `json:"errors,omitempty"`
	Elapsed time.Duration `json:"elapsed_ns"`
}

// Crawl runs (or resumes) a crawl from the seeds: pages and PDFs on the allowed hosts,
// found by links, alternates, pagination and sitemaps, fetched politely. Failing
// URLs are recorded, not fatal; the error is for a cancelled context or a store that
// cannot be written. A run ends when its frontier is empty; a crawl cut short (a
// signal, MaxPages, a crash) leaves the run open and the next call resumes it.
func Crawl(ctx context.Context, cfg Config, seeds []string) (Report, error) {
	c, err := newCrawler(cfg, seeds)
	if err != nil {
		return Report{}, err
	}
	return c.run(ctx)
}

type crawler struct {
	cfg   Config
	seeds []*url.URL
	// hosts are the allowed hosts' rules: the sources' and the seeds', and the
	// hosts a seed redirects to (adopt); seedURLs the seeds and the URLs they
	// redirect to. Both guarded by hostsMu.
	hostsMu  sync.RWMutex
	hosts    map[string]*hostRule
	seedURLs map[string]bool
	http     httpClient
	run_     uint64
	start    time.Time

	mu      sync.Mutex
	cond    *sync.Cond
	queues  map[string]*hostQueue
	order   []string
	next    int // round-robin position in order
	pending int // queued items
	active  int // items being visited
	parked  int // items not visited: their host's robots.txt could not be read
	visited int // URLs visited in this invocation
	report  Report
	err     error // first fatal error
	// empty counts, by URL shape, the dated pages in a row that said the same
	// (digits aside) and led to nothing new: a calendar's empty days (emptyDated).
	empty map[string]emptyRun
}

// emptyRun is a run of empty dated pages of one URL shape: their text signature
// and how many.
type emptyRun struct {
	sig string
	n   int
}

// maxEmptyDated is how many dated pages of one URL shape in a row may say the
// same (digits aside) and lead to nothing new before the shape's other pages
// are left unfetched: a calendar's days (or weeks) without events, each page
// one more step of an endless chain, queued thirty at a time from its months'.
const maxEmptyDated = 10

// hostQueue is the frontier of one host.
type hostQueue struct {
	items []frontierItem
	busy  bool
	// parked: robots.txt could not be read, so the host's URLs are left, with
	// their last outcomes, for the next run.
	parked  bool
	visited int // URLs visited in this run
	limiter *rate.Limiter
	robots  *robots
}

func newCrawler(cfg Config, seeds []string) (*crawler, error) {
	if cfg.Store == nil || cfg.State == nil {
		return nil, errors.New("crawler: a corpus store and a crawl state are required")
	}
	direct := len(seeds) // the seeds given, before the sources'
	for _, src := range cfg.Sources {
		seeds = append(seeds, src.Seeds...)
	}
	if len(seeds) == 0 {
		return nil, errors.New("crawler: no seed URLs")
	}
	setDefaults(&cfg)
	c := &crawler{cfg: cfg, queues: map[string]*hostQueue{}, seedURLs: map[string]bool{}}
	c.cond = sync.NewCond(&c.mu)
	for _, s := range seeds {
		u, err := corpus.Normalize(s, nil)
		if err != nil {
			return nil, fmt.Errorf("seed %q: %w", s, err)
		}
		c.seeds = append(c.seeds, u)
		c.seedURLs[u.String()] = true
	}
	var err error
	if c.hosts, err = rules(cfg, c.seeds[:direct]); err != nil {
		return nil, err
	}
	c.http = newHTTPClient(cfg)
	return c, nil
}

func setDefaults(cfg *Config) {
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.Rate == 0 {
		cfg.Rate = DefaultRate
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	if cfg.MaxPagesPerHost <= 0 {
		cfg.MaxPagesPerHost = DefaultMaxPagesPerHost
	}
	if cfg.MaxDepth <= 0 {
		cfg.MaxDepth = DefaultMaxDepth
	}
	if cfg.MaxChain <= 0 {
		cfg.MaxChain = DefaultMaxChain
	}
	if cfg.MaxRepeats <= 0 {
		cfg.MaxRepeats = DefaultMaxRepeats
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.Retries < 0 {
		cfg.Retries = 0
	} else if cfg.Retries == 0 {
		cfg.Retries = DefaultRetries
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = DefaultRetryBase
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxHTMLBytes <= 0 {
		cfg.MaxHTMLBytes = DefaultMaxHTMLBytes
	}
	if cfg.MaxPDFBytes <= 0 {
		cfg.MaxPDFBytes = DefaultMaxPDFBytes
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
}

func (c *crawler) run(ctx context.Context) (Report, error) {
	c.start = time.Now()
	run, resumed, items, err := c.cfg.State.begin()
	if err != nil {
		return Report{}, fmt.Errorf("crawl: %w", err)
	}
	c.run_ = run
	c.report.Run, c.report.Resumed = run, resumed
	// The hosts the seeds moved to in earlier runs (and in this one, resumed).
	homes, err := c.movedSeeds()
	if err != nil {
		return Report{}, err
	}
	if resumed {
		if err := c.restoreCounts(); err != nil {
			return c.report, err
		}
		c.cfg.Log.Info("resuming crawl", "run", run, "queued", len(items))
		c.add(items)
	} else {
		if err := c.seed(homes); err != nil {
			return c.report, err
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		<-ctx.Done()
		c.mu.Lock()
		c.cond.Broadcast()
		c.mu.Unlock()
	}()
	var wg sync.WaitGroup
	for range c.cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.work(ctx)
		}()
	}
	wg.Wait()
	c.report.Elapsed, c.report.Postponed = time.Since(c.start), c.parked
	if c.err != nil {
		return c.report, c.err
	}
	if err := ctx.Err(); err != nil {
		return c.report, err
	}
	if c.pending > 0 {
		c.report.Truncated = true
		return c.report, nil
	}
	if err := c.cfg.State.finish(); err != nil {
		return c.report, fmt.Errorf("crawl: %w", err)
	}
	return c.report, nil
}

// seed queues the seeds, the sitemaps of their hosts and of the hosts they moved
// to (homes), and every URL an earlier run fetched on an allowed host, so that a
// re-crawl revisits (conditionally) what it knows and notices what is gone.
func (c *crawler) seed(homes []*url.URL) error {
	var cands []URLState
	for _, u := range c.seeds {
		cands = append(cands, URLState{URL: u.String()})
	}
	if !c.cfg.NoSitemaps {
		seen := map[string]bool{}
		for _, u := range c.seeds {
			if !seen[u.Host] {
				seen[u.Host] = true
				cands = append(cands, sitemaps(u.Scheme, u.Host)...)
			}
		}
		for _, u := range homes {
			if !seen[u.Host] {
				seen[u.Host] = true
				cands = append(cands, sitemaps(u.Scheme, u.Host)...)
			}
		}
	}
	err := c.cfg.State.All(func(st URLState) bool {
		switch st.Status {
		case StatusFetched, StatusUnchanged, StatusGone, StatusFailed, StatusQueued:
			if u, err := url.Parse(st.URL); err == nil && c.rule(u.Host) != nil {
				cands = append(cands, URLState{URL: st.URL, Depth: st.Depth, Sitemap: st.Sitemap})
			}
		}
		return true
	})
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	return c.enqueue(cands, nil)
}

// movedSeeds allows again the hosts the seeds moved to in earlier runs (and in
// this one, resumed: State.movedHosts), a host moved on from one so allowed too,
// and takes the URLs the seeds redirected to for seeds (fromSeed). It returns the
// hosts so allowed, each as a URL of its scheme.
func (c *crawler) movedSeeds() ([]*url.URL, error) {
	moved, err := c.cfg.State.movedHosts()
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	for more := true; more; {
		more = false
		for from, to := range moved {
			more = c.adopt(from, to) || more
		}
	}
	movedTo := map[string]bool{}
	for _, to := range moved {
		movedTo[to] = true
	}
	var homes []*url.URL
	for _, seed := range c.seeds {
		cur := seed.String()
		for range c.cfg.MaxRedirects {
			st, ok, err := c.cfg.State.Get(cur)
			if err != nil {
				return nil, fmt.Errorf("crawl: %w", err)
			}
			if !ok || st.RedirectTo == "" {
				break
			}
			c.fromSeed(cur, st.RedirectTo)
			if next, err := url.Parse(st.RedirectTo); err == nil && movedTo[next.Host] {
				homes = append(homes, next)
			}
			cur = st.RedirectTo
		}
	}
	return homes, nil
}

// restoreCounts recomputes, after a resume, the per-host counts of URLs visited in
// the run by the invocations before: MaxPagesPerHost bounds a run, MaxPages only one
// invocation, so c.visited starts at zero.
func (c *crawler) restoreCounts() error {
	return c.cfg.State.All(func(st URLState) bool {
		if st.Visited != c.run_ {
			return true
		}
		if u, err := url.Parse(st.URL); err == nil && c.rule(u.Host) != nil {
			c.queue(u.Host).visited++
		}
		return true
	})
}

// queue returns the host's queue, creating it. The caller holds c.mu or is alone.
func (c *crawler) queue(host string) *hostQueue {
	q, ok := c.queues[host]
	if !ok {
		lim := rate.Inf
		if r := c.rate(host); r > 0 {
			lim = rate.Limit(r)
		}
		q = &hostQueue{limiter: rate.NewLimiter(lim, 1)}
		c.queues[host] = q
		c.order = append(c.order, host)
	}
	return q
}

// rate is the request rate for host: its source's, else the crawl's.
func (c *crawler) rate(host string) float64 {
	if r := c.rule(host); r != nil {
		return r.rate
	}
	return c.cfg.Rate
}

// rule is the rule of an allowed host; nil for another host.
func (c *crawler) rule(host string) *hostRule {
	c.hostsMu.RLock()
	defer c.hostsMu.RUnlock()
	return c.hosts[host]
}

// adopt allows the host that an allowed one redirects a seed to, under the same
// rule, when it is the same site (example.org and www.example.org, another port:
// sameSite), and reports whether it was new. Another site (a login service, a
// domain's new owner) is not crawled unless configured.
func (c *crawler) adopt(from, to string) bool {
	c.hostsMu.Lock()
	defer c.hostsMu.Unlock()
	if c.hosts[to] != nil || c.hosts[from] == nil {
		return false
	}
	if !sameSite(from, to) {
		c.cfg.Log.Warn("seed redirects to another site, not crawled: name its host to crawl it", "from", from, "to", to)
		return false
	}
	c.hosts[to] = c.hosts[from]
	c.cfg.Log.Info("seed redirects to another host of its site: host allowed", "from", from, "to", to)
	return true
}

// adoptFiles allows another host for the PDFs a crawled site keeps there, and
// returns its rule, or nil: a PDF (an address ending in .pdf) that an allowed
// page links on a host of the same site (static.example.org, the bare domain)
// or on a file store or CDN (fileStore: a storage bucket, a site builder's
// uploads), or that an allowed URL redirects to wherever it is (not an
// outbound link's redirector, which names its target in its query), as is
// where a PDF's download redirects, whatever its address. The host
// is allowed for PDFs only, at the linking host's rate: its pages are another
// site's. Its robots.txt is read and obeyed as any host's.
func (c *crawler) adoptFiles(u *url.URL, st, ref *URLState) *hostRule {
	redirected := st.Hops > ref.Hops
	// A PDF's address, or where a PDF's download leads, whatever its address
	// (a Google Docs export's content host).
	if !htmlpage.IsPDFURL(st.URL) && !(redirected && htmlpage.IsPDFURL(ref.URL)) {
		return nil
	}
	r, err := url.Parse(ref.URL)
	if err != nil {
		return nil
	}
	c.hostsMu.Lock()
	defer c.hostsMu.Unlock()
	from := c.hosts[r.Host]
	service := fileServices[strings.ToLower(hostname(u.Host))]
	adopt := sameSite(r.Host, u.Host) ||
		redirected && !outbound(r) || // where the site's download leads
		!redirected && (fileStore(u.Host) || service != nil && service.MatchString(u.RequestURI())) // a file store or service the site links
	if from == nil || !adopt {
		return c.hosts[u.Host]
	}
	include := pdfPath
	switch {
	case driveHost(u.Host):
		include = driveFilePath
	case service != nil:
		include = service
	case !pdfPath.MatchString(u.RequestURI()):
		// Where a download leads under no file's name (a Docs export's,
		// Dropbox's, Figshare's content hosts): that folder of the host only,
		// not its other pages (a login's).
		first, _, _ := strings.Cut(strings.TrimPrefix(u.EscapedPath(), "/"), "/")
		include = regexp.MustCompile("^/" + regexp.QuoteMeta(first) + "([/?]|$)")
	}
	if rule := c.hosts[u.Host]; rule != nil {
		// A host adopted for other files before: this one's too, in a new rule
		// (the old one may be read without the lock meanwhile).
		if rule.filesOnly && !rule.included(u.RequestURI()) {
			wider := *rule
			wider.paths = append(slices.Clip(rule.paths), pathRule{include: []*regexp.Regexp{include}})
			c.hosts[u.Host] = &wider
		}
		return c.hosts[u.Host]
	}
	c.hosts[u.Host] = &hostRule{paths: []pathRule{{include: []*regexp.Regexp{include}}}, rate: from.rate, filesOnly: true}
	c.cfg.Log.Info("PDFs of a crawled site on another host: host allowed for PDFs", "host", u.Host, "from", r.Host)
	return c.hosts[u.Host]
}

// fileServices are services, by host, whose files under a path a site links
// are its own (not their other pages): Google Docs' PDF exports
// (htmlpage.DocsExport), Figshare's downloads (htmlpage.FigshareFile), the
// Internet Archive's items' files, a GitHub project's release assets.
var fileServices = map[string]*regexp.Regexp{
	"docs.google.com":          docsExportPath,
	"ndownloader.figshare.com": regexp.MustCompile(`^/files/\d+([?]|$)`),
	"archive.org":              regexp.MustCompile(`(?i)^/download/[^/?]+/[^?]+\.pdf([?]|$)`),
	"github.com":               regexp.MustCompile(`(?i)^/[^/?]+/[^/?]+/releases/download/[^?]+\.pdf([?]|$)`),
}

// outbound reports whether an address carries another in its query: an
// outbound link's redirector ("/away?to=https://…"), not a site's download.
func outbound(u *url.URL) bool {
	q, err := url.QueryUnescape(u.RawQuery)
	return err != nil || strings.Contains(q, "://")
}

// pdfPath matches the path (and query) of a PDF's URL; driveFilePath, on Google
// Drive's hosts, a file's download's too (htmlpage.DriveFile).
var (
	pdfPath       = regexp.MustCompile(`(?i)\.pdf(\?|$)`)
	driveFilePath = regexp.MustCompile(`(?i)\.pdf(\?|$)|^/(uc|download)\?(.*&)?id=`)
	// docsExportPath is a Google Docs document's export as a PDF
	// (htmlpage.DocsExport).
	docsExportPath = regexp.MustCompile(`^/document/d/[^/?]+/export\?(.*&)?format=pdf(&|$)`)
)

// driveHost reports whether a host (with its port) is one of Google Drive's.
func driveHost(host string) bool {
	h := strings.ToLower(hostname(host))
	return h == "drive.google.com" || h == "drive.usercontent.google.com"
}

// sameSite reports whether two hosts (with ports) are one site: the same name, or
// names under the same registered domain (publicsuffix's eTLD+1).
func sameSite(a, b string) bool {
	a, b = hostname(a), hostname(b)
	if a == b {
		return true
	}
	da, err := publicsuffix.EffectiveTLDPlusOne(a)
	if err != nil {
		return false
	}
	db, err := publicsuffix.EffectiveTLDPlusOne(b)
	return err == nil && da == db
}

// fileStore reports whether host (with its port) is a file store or CDN, where a
// site that links a PDF keeps its own files: a host of a provider in
// storeProviders, or one whose name says it serves files (fileMarked: its
// registered domain's name, "example-cdn.net", or the leftmost label of the
// provider's public suffix it is under, like s3.eu-west-1.amazonaws.com). An
// organisation's own hosts (www.un.org, files.un.org, docs.example.org) and a
// hosting platform's sites (example.github.io, example.netlify.app) are not.
func fileStore(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(hostname(host)), ".")
	if net.ParseIP(h) != nil || !strings.Contains(h, ".") {
		return false
	}
	for d := h; d != ""; {
		for _, p := range storeProviders {
			if ok, _ := path.Match(p, d); ok && strings.Count(p, ".") == strings.Count(d, ".") {
				return true
			}
		}
		_, d, _ = strings.Cut(d, ".")
	}
	first, _, _ := strings.Cut(h, ".")
	site, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err == nil {
		// The registered domain's name says so ("example-cdn.net"); a marked
		// host of an unmarked domain is an organisation's own ("files.un.org").
		name, _, _ := strings.Cut(site, ".")
		if fileMarked(name, true) {
			return true
		}
	} else if fileMarked(first, false) { // a provider's public suffix itself: s3-eu-west-1.amazonaws.com
		return true
	}
	suffix, icann := publicsuffix.PublicSuffix(h)
	label, _, _ := strings.Cut(suffix, ".")
	return !icann && strings.Contains(suffix, ".") && fileMarked(label, false)
}

// storeProviders are the domains of file stores and CDNs that sites keep their
// files on, each with the hosts under it (path.Match patterns, a * within one
// label). Only hosts that serve customers' files belong here, not a provider's
// own site nor hosting for whole sites (github.io, netlify.app, weebly.com).
var storeProviders = []string{
	"s3.amazonaws.com",               // AWS S3, virtual-hosted and path-style (bucket.s3.amazonaws.com); regional endpoints by their s3 label
	"cloudfront.net",                 // AWS CloudFront distributions (d1234abcd.cloudfront.net)
	"storage.googleapis.com",         // Google Cloud Storage (storage.googleapis.com/bucket, bucket.storage.googleapis.com)
	"firebasestorage.googleapis.com", // Firebase Storage downloads
	"blob.core.windows.net",          // Azure Blob Storage accounts
	"azureedge.net",                  // Azure CDN endpoints
	"digitaloceanspaces.com",         // DigitalOcean Spaces (bucket.nyc3.digitaloceanspaces.com) and their CDN
	"r2.dev",                         // Cloudflare R2 public buckets (pub-….r2.dev)
	"b-cdn.net",                      // Bunny CDN pull zones
	"backblazeb2.com",                // Backblaze B2 downloads (f000.backblazeb2.com/file/…)
	"wasabisys.com",                  // Wasabi object storage
	"linodeobjects.com",              // Akamai (Linode) Object Storage
	"uploads-ssl.webflow.com",        // Webflow's former asset host
	"website-files.com",              // Webflow assets (cdn.prod.website-files.com, assets.website-files.com)
	"static1.squarespace.com",        // Squarespace uploads
	"squarespace-cdn.com",            // Squarespace uploads (images.squarespace-cdn.com)
	"filesusr.com",                   // Wix user files (<id>.filesusr.com/ugd/…)
	"usrfiles.com",                   // Wix user files, newer host
	"wixstatic.com",                  // Wix media and documents (static.wixstatic.com, docs.wixstatic.com)
	"tildacdn.com",                   // Tilda uploads (static.tildacdn.com)
	"editmysite.com",                 // Weebly and Square Online uploads and assets
	"jimcdn.com",                     // Jimdo uploads (u.jimcdn.com/cms/o/…/userlayout/files/…)
	"files.wordpress.com",            // WordPress.com uploads (<site>.files.wordpress.com)
	"ctfassets.net",                  // Contentful assets (assets.ctfassets.net, downloads.ctfassets.net)
	"hubspotusercontent*.net",        // HubSpot file manager (f.hubspotusercontent20.net/hubfs/…, -na1, -eu1)
	"hubspot.net",                    // HubSpot's former file CDN (cdn2.hubspot.net/hubfs/…)
	"mcusercontent.com",              // Mailchimp content studio files
	"res.cloudinary.com",             // Cloudinary media, PDFs among them
	"dropboxusercontent.com",         // Dropbox direct downloads (dl.dropboxusercontent.com)
	"githubusercontent.com",          // GitHub raw files (raw.githubusercontent.com)
	"zenodo.org",                     // Zenodo deposits: a network's or a project's own papers (records/ID/files/Name.pdf)
	"drive.google.com",               // Google Drive downloads (htmlpage.DriveFile; its viewer's links are read as them)
	"drive.usercontent.google.com",   // … where they redirect
	"dropbox.com",                    // Dropbox shared files (www.dropbox.com/s/ID/name.pdf, read with dl=1)
	// Services whose files a site links under some paths only: fileServices.
}

// fileMarked reports whether a host's label marks a file host: the label, or
// one of its hyphenated parts (digits after it aside: cdn2, static1), is one of
// fileMarkers; a registered domain's name only by its last part ("example-cdn",
// not "cdn-example").
func fileMarked(label string, domain bool) bool {
	parts := strings.Split(label, "-")
	if domain {
		parts = parts[len(parts)-1:]
	}
	for _, p := range parts {
		if fileMarkers[p] || fileMarkers[strings.TrimRight(p, "0123456789")] {
			return true
		}
	}
	return false
}

// fileMarkers are the words that name a file host. Words that name a subject or
// a section as well (media, content, download) are left out.
var fileMarkers = map[string]bool{"cdn": true, "static": true, "assets": true, "files": true, "uploads": true, "storage": true, "s3": true}

// hostname is host without its port.
func hostname(host string) string {
	return (&url.URL{Host: host}).Hostname()
}

// sitemaps are the usual sitemaps of a host, to queue with the seeds.
func sitemaps(scheme, host string) []URLState {
	var out []URLState
	for _, p := range []string{"/wp-sitemap.xml", "/sitemap.xml"} {
		out = append(out, URLState{URL: (&url.URL{Scheme: scheme, Host: host, Path: p}).String(), Depth: 1, Sitemap: true})
	}
	return out
}

// fromSeed reports whether u is a seed or a URL a seed redirected to, and if so
// marks target (a redirect's) as one too.
func (c *crawler) fromSeed(u, target string) bool {
	c.hostsMu.Lock()
	defer c.hostsMu.Unlock()
	if !c.seedURLs[u] {
		return false
	}
	c.seedURLs[target] = true
	return true
}

func (c *crawler) add(items []frontierItem) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, it := range items {
		if u, err := url.Parse(it.url); err == nil {
			it.host = u.Host
		}
		q := c.queue(it.host)
		if q.parked {
			c.parked++
			continue
		}
		q.items = append(q.items, it)
		c.pending++
	}
	c.cond.Broadcast()
}

// take returns the next URL of a host with nothing in flight, waiting while all hosts
// with queued URLs are busy; false when the run is over or stopped.
func (c *crawler) take(ctx context.Context) (frontierItem, *hostQueue, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		if ctx.Err() != nil || c.err != nil {
			return frontierItem{}, nil, false
		}
		if c.visited >= c.cfg.MaxPages {
			return frontierItem{}, nil, false
		}
		for i := range c.order {
			h := c.order[(c.next+i)%len(c.order)]
			q := c.queues[h]
			if q.busy || len(q.items) == 0 {
				continue
			}
			c.next = (c.next + i + 1) % len(c.order)
			it := q.items[0]
			q.items = q.items[1:]
			q.busy = true
			c.pending--
			c.active++
			c.visited++
			q.visited++
			return it, q, true
		}
		if c.pending == 0 && c.active == 0 {
			return frontierItem{}, nil, false
		}
		c.cond.Wait()
	}
}

// park leaves the host's URLs, it among them, for the next run (Report.Postponed)
// and takes back the visit counted for it.
func (c *crawler) park(q *hostQueue) {
	c.mu.Lock()
	defer c.mu.Unlock()
	q.parked = true
	c.parked += 1 + len(q.items)
	c.pending -= len(q.items)
	q.items = nil
	c.visited--
	q.visited--
	c.cond.Broadcast()
}

func (c *crawler) release(q *hostQueue) {
	c.mu.Lock()
	q.busy = false
	c.active--
	c.cond.Broadcast()
	c.mu.Unlock()
}

func (c *crawler) fatal(err error) {
	c.mu.Lock()
	if c.err == nil {
		c.err = err
	}
	c.cond.Broadcast()
	c.mu.Unlock()
}

func (c *crawler) work(ctx context.Context) {
	for {
		it, q, ok := c.take(ctx)
		if !ok {
			return
		}
		err := c.visit(ctx, it, q)
		c.release(q)
		if err != nil {
			if ctx.Err() == nil {
				c.fatal(err)
			}
			return
		}
		if c.cfg.Progress != nil {
			c.mu.Lock()
			p := Progress{Visited: c.visited, Queued: c.pending, Errors: c.report.Failed, Bytes: c.report.Bytes, Elapsed: time.Since(c.start), URL: it.url}
			c.mu.Unlock()
			c.cfg.Progress(p)
		}
	}
}

// count updates the report under the lock.
func (c *crawler) count(f func(r *Report)) {
	c.mu.Lock()
	f(&c.report)
	c.mu.Unlock()
}

// visit fetches one URL and records the outcome. Its error is fatal to the crawl.
func (c *crawler) visit(ctx context.Context, it frontierItem, q *hostQueue) error {
	u, err := url.Parse(it.url)
	if err != nil {
		return c.cfg.State.done(it, URLState{URL: it.url, Status: StatusTrap, Run: c.run_, Visited: c.run_, Error: err.Error()})
	}
	st, _, err := c.cfg.State.Get(it.url)
	if err != nil {
		return err
	}
	st.URL, st.Run, st.Visited = it.url, c.run_, c.run_
	if q.robots == nil {
		if err := q.limiter.Wait(ctx); err != nil {
			return err
		}
		q.robots = c.fetchRobots(ctx, u)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if q.robots.err != nil {
			c.cfg.Log.Warn("robots.txt unavailable: host left for the next run", "host", u.Host, "err", q.robots.err)
			c.count(func(r *Report) { r.Errors = append(r.Errors, u.Host+": "+q.robots.err.Error()) })
		}
		if r := c.rate(u.Host); q.robots.delay > 0 && (r <= 0 || q.robots.delay > time.Duration(float64(time.Second)/r)) {
			q.limiter.SetLimit(rate.Every(q.robots.delay))
		}
		if !c.cfg.NoSitemaps && len(q.robots.sitemaps) > 0 {
			var cands []URLState
			for _, s := range q.robots.sitemaps {
				if su, err := corpus.Normalize(s, u); err == nil {
					cands = append(cands, URLState{URL: su.String(), Depth: 1, Sitemap: true})
				}
			}
			if err := c.enqueue(cands, nil); err != nil {
				return err
			}
		}
	}
	if q.robots.err != nil {
		// Not excluded: the URL keeps its last outcome and its place in the frontier.
		c.park(q)
		return nil
	}
	if !q.robots.allowed(u) {
		c.count(func(r *Report) { r.Excluded++ })
		st.Status = StatusExcluded
		return c.cfg.State.done(it, st)
	}
	if st.SHA256 == "" && c.emptyDated(u) { // never fetched: a stored page keeps its state
		c.count(func(r *Report) { r.Traps++ })
		st.Status, st.Error = StatusTrap, "a calendar's empty pages: the last ones of this shape said the same and led nowhere"
		return c.cfg.State.done(it, st)
	}
	if err := q.limiter.Wait(ctx); err != nil {
		return err
	}
	res := c.fetch(ctx, u, st, 0)
	if raw := selfRedirect(u, res); raw != nil && ctx.Err() == nil {
		// The Location is this URL spelt otherwise ("%d0" for "%D0"): some servers
		// answer only to their own spelling, so ask once in it.
		if err := q.limiter.Wait(ctx); err != nil {
			return err
		}
		n := res.attempts
		res = c.fetch(ctx, raw, st, 0)
		res.attempts += n
	}
	if ctx.Err() != nil {
		return ctx.Err() // stopped mid-request: the URL stays in the frontier
	}
	c.count(func(r *Report) { r.Retries += res.attempts - 1; r.Bytes += int64(len(res.body)) })
	if res.cut {
		c.cfg.Log.Warn("page longer than the limit: its start kept", "url", u.String(), "bytes", len(res.body))
	}
	return c.record(it, u, st, res)
}

// selfRedirect returns the Location of a redirect, unnormalised, when it normalises
// to u itself but is spelt otherwise; nil for any other answer.
func selfRedirect(u *url.URL, res fetchResult) *url.URL {
	if res.err != nil || res.status < 300 || res.status >= 400 {
		return nil
	}
	loc := res.header.Get("Location")
	ref, err := url.Parse(loc)
	if err != nil || loc == "" {
		return nil
	}
	raw := u.ResolveReference(ref)
	raw.Fragment, raw.RawFragment = "", ""
	if target, err := corpus.Normalize(loc, u); err != nil || target.String() != u.String() || raw.String() == u.String() {
		return nil
	}
	return raw
}

// record turns a fetch result into a URL state, stores bodies and queues links.
func (c *crawler) record(it frontierItem, u *url.URL, st URLState, res fetchResult) error {
	now := time.Now().UTC()
	lastSeen := st.CheckedAt
	st.CheckedAt = now
	st.Attempts = res.attempts
	st.HTTPStatus = res.status
	st.Error = ""
	switch {
	case res.err != nil:
		st.Status, st.Error = StatusFailed, res.err.Error()
		c.count(func(r *Report) { r.Failed++; r.Errors = append(r.Errors, it.url+": "+res.err.Error()) })
		c.cfg.Log.Warn("fetch failed", "url", it.url, "err", res.err)
	case res.status == 304:
		st.Status = StatusUnchanged
		c.count(func(r *Report) { r.Unchanged++ })
		// Its links are queued as for a 200: a URL once excluded, failed or not
		// re-seeded is found again.
		if st.ContentType == corpus.TypeHTML {
			body, err := c.cfg.Store.Body(st.SHA256)
			if err != nil {
				c.cfg.Log.Warn("stored page not read", "url", it.url, "err", err)
				break
			}
			ctype := "text/html"
			if e, err := c.cfg.Store.Get(it.url); err == nil && e.Charset != "" {
				ctype += "; charset=" + e.Charset // as the server named it
			}
			links, _, err := c.readPage(it, &st, body, ctype)
			if err != nil {
				return err
			}
			if err := c.enqueueLinks(links, &st); err != nil {
				return err
			}
		}
	case res.status >= 300 && res.status < 400:
		loc := res.header.Get("Location")
		target, err := corpus.Normalize(loc, u)
		if err != nil || loc == "" {
			st.Status, st.Error = StatusFailed, fmt.Sprintf("redirect without a usable Location %q", loc)
			c.count(func(r *Report) { r.Failed++; r.Errors = append(r.Errors, it.url+": "+st.Error) })
			break
		}
		if target.String() == it.url {
			st.Status, st.Error = StatusFailed, fmt.Sprintf("redirects to itself (%q)", loc)
			c.count(func(r *Report) { r.Failed++; r.Errors = append(r.Errors, it.url+": "+st.Error) })
			break
		}
		st.Status, st.RedirectTo = StatusRedirected, target.String()
		c.count(func(r *Report) { r.Redirects++ })
		// A seed (or a redirect of one) that moved to another host of its site
		// brings that host in, for this run and the next: the site is there now.
		if c.fromSeed(it.url, target.String()) && c.adopt(u.Host, target.Host) {
			if err := c.cfg.State.hostMoved(u.Host, target.Host); err != nil {
				return fmt.Errorf("crawl: %w", err)
			}
			if !c.cfg.NoSitemaps {
				if err := c.enqueue(sitemaps(target.Scheme, target.Host), nil); err != nil {
					return err
				}
			}
		}
		if res.status == 301 || res.status == 308 {
			// Moved for good: the copy stored under the old URL leaves the index.
			if err := c.markGone(it.url, now, lastSeen); err != nil {
				return err
			}
		}
		if st.Hops+1 > c.cfg.MaxRedirects {
			st.Error = "redirect limit reached"
			break
		}
		if te, err := c.cfg.Store.Get(target.String()); err == nil {
			if err := c.redirectAlias(it.url, te); err != nil { // the target stored before
				return err
			}
		} else if err := c.staleRedirect(it.url, target.String(), now); err != nil {
			return err
		}
		if err := c.enqueue([]URLState{{URL: target.String(), Depth: st.Depth, Hops: st.Hops + 1, Sitemap: st.Sitemap}}, &st); err != nil {
			return err
		}
	case res.status == 404 || res.status == 410:
		if st.SHA256 != "" {
			st.Status, st.GoneAt = StatusGone, now
			c.count(func(r *Report) { r.Gone++ })
			if err := c.markGone(it.url, now, lastSeen); err != nil {
				return err
			}
		} else {
			st.Status = StatusMissing
			c.count(func(r *Report) { r.Missing++ })
		}
	case res.status >= 400:
		st.Status, st.Error = StatusMissing, fmt.Sprintf("HTTP %d", res.status)
		// A URL stored before that now refuses (a firewall's 403 for a run, a
		// login wall: 401, 403) is asked again next run, as a failure is: what it
		// answers then says whether its copy is gone.
		if res.status >= 500 || res.status == 429 || st.SHA256 != "" && (res.status == 401 || res.status == 403) {
			st.Status = StatusFailed
			c.count(func(r *Report) { r.Failed++; r.Errors = append(r.Errors, it.url+": "+st.Error) })
		} else {
			c.count(func(r *Report) { r.Missing++ })
		}
	case res.status == http.StatusOK && st.ContentType == corpus.TypePDF && st.SHA256 != "" && !corpus.IsPDF(res.body):
		// A PDF stored before, now answered by a page or a message in its place
		// (a theme's "not found" page with 200, "file not found" typed as a PDF or
		// as text, a placeholder image): the stored PDF stays, and the URL is
		// asked again next run; a page's links are followed (the PDF's address
		// may now present its new edition).
		st.Status, st.Error = StatusFailed, "no PDF in the answer (a page or a message in its place): the stored copy is kept"
		c.count(func(r *Report) { r.Failed++; r.Errors = append(r.Errors, it.url+": "+st.Error) })
		if ctype := res.header.Get("Content-Type"); len(res.body) > 0 && kindOf(strings.SplitN(ctype, ";", 2)[0], res.body) == corpus.TypeHTML {
			links, _, err := c.readPage(it, &st, res.body, ctype)
			if err != nil {
				return err
			}
			if err := c.enqueueLinks(links, &st); err != nil {
				return err
			}
		}
	case res.skipped:
		mt, _, _ := mime.ParseMediaType(res.header.Get("Content-Type"))
		st.Status, st.ContentType = StatusSkipped, mt
		c.count(func(r *Report) { r.Skipped++ })
	case res.status != http.StatusOK || len(res.body) == 0:
		// A bot challenge (202), a proxy's copy (203), no content (204): not the page.
		st.Status, st.Error = StatusFailed, fmt.Sprintf("HTTP %d without the page", res.status)
		c.count(func(r *Report) { r.Failed++; r.Errors = append(r.Errors, it.url+": "+st.Error) })
	default:
		if err := c.store(it, u, &st, res); err != nil {
			return err
		}
	}
	return c.cfg.State.done(it, st)
}

// markGone marks the corpus entry of u, if any, as gone since t, last found at
// seen: its document stays indexed from the stored copy, marked removed.
func (c *crawler) markGone(u string, t, seen time.Time) error {
	e, err := c.cfg.Store.Get(u)
	if err != nil || !e.GoneAt.IsZero() {
		return nil // nothing stored under u, or already marked
	}
	e.GoneAt, e.LastSeen = t, seen
	return c.cfg.Store.Record(e)
}

// store handles a 200 answer: sitemaps are read for links, HTML and PDF bodies are
// stored in the corpus (under the canonical URL when the page names one), and HTML
// links are queued.
func (c *crawler) store(it frontierItem, u *url.URL, st *URLState, res fetchResult) error {
	ctype, params, _ := mime.ParseMediaType(res.header.Get("Content-Type"))
	kind := kindOf(ctype, res.body)
	if r := c.rule(u.Host); r != nil && r.filesOnly && kind != corpus.TypePDF {
		// A host adopted for a site's PDFs answered with something else (Drive's
		// warning page, a file of another kind): nothing to keep.
		st.Status = StatusExcluded
		c.count(func(r *Report) { r.Excluded++ })
		return nil
	}
	// A URL named as a sitemap (in robots.txt) that answers with a page is a
	// page: a CMS's "site map" for people. Not one named like an XML file: a
	// guessed /sitemap.xml answered by a site's "not found" page.
	if st.Sitemap && kind == corpus.TypeHTML && !isSitemap(res.body) && !xmlPath.MatchString(u.Path) {
		st.Sitemap = false
	}
	if st.Sitemap || (kind == "" || strings.Contains(ctype, "xml")) && isSitemap(res.body) {
		pages, maps, err := parseSitemap(res.body)
		if err != nil && len(pages)+len(maps) == 0 {
			st.Status, st.Error = StatusFailed, "sitemap: "+err.Error()
			c.count(func(r *Report) { r.Failed++; r.Errors = append(r.Errors, it.url+": "+st.Error) })
			return nil
		}
		st.Status, st.Sitemap = StatusFetched, true
		var cands []URLState
		for _, p := range pages {
			if pu, err := corpus.Normalize(p, u); err == nil {
				cands = append(cands, URLState{URL: pu.String(), Depth: st.Depth + 1})
			}
		}
		for _, m := range maps {
			if mu, err := corpus.Normalize(m, u); err == nil {
				cands = append(cands, URLState{URL: mu.String(), Depth: st.Depth, Sitemap: true})
			}
		}
		c.count(func(r *Report) { r.Fetched++ })
		return c.enqueue(cands, st)
	}
	if kind != corpus.TypeHTML && (kind == "" || strings.Contains(ctype, "xml")) && isFeed(res.body) {
		// A news feed: its items' pages and files are queued, as a page's links
		// (the items a postback pager or a "load more" button hides).
		items, err := parseFeed(res.body)
		if err != nil && len(items) == 0 {
			st.Status, st.Error = StatusFailed, "feed: "+err.Error()
			c.count(func(r *Report) { r.Failed++; r.Errors = append(r.Errors, it.url+": "+st.Error) })
			return nil
		}
		st.Status = StatusFetched
		var cands []URLState
		for _, i := range items {
			if iu, err := corpus.Normalize(i, u); err == nil {
				cands = append(cands, URLState{URL: iu.String(), Depth: st.Depth + 1})
			}
		}
		c.count(func(r *Report) { r.Fetched++ })
		return c.enqueue(cands, st)
	}
	if kind == "" {
		st.Status, st.ContentType = StatusSkipped, ctype
		c.count(func(r *Report) { r.Skipped++ })
		return nil
	}
	var links []URLState
	canonical := ""
	if kind == corpus.TypeHTML {
		var err error
		if links, canonical, err = c.readPage(it, st, res.body, res.header.Get("Content-Type")); err != nil {
			return err
		}
		// A Refresh header sends the reader on as a page's <meta> refresh does
		// (whose target is among its links): a redirect, the same distance away.
		if _, target, ok := htmlpage.ParseRefresh(res.header.Get("Refresh")); ok && target != "" {
			if ru, err := corpus.Normalize(target, u); err == nil && ru.String() != it.url {
				links = append(links, URLState{URL: ru.String(), Depth: st.Depth})
			}
		}
	}
	entryURL := it.url
	if canonical != "" {
		ok, err := c.mayStoreUnder(canonical, it.url, corpus.Digest(res.body))
		if err != nil {
			return err
		}
		if ok {
			entryURL = canonical // the page's own name for itself wins
		}
	}
	e, err := c.cfg.Store.Put(corpus.Entry{
		URL: entryURL, ContentType: kind, Charset: params["charset"], FetchedAt: time.Now().UTC(),
		ETag: res.header.Get("ETag"), LastModified: res.header.Get("Last-Modified"),
	}, res.body)
	if err != nil {
		return err
	}
	changed := e.SHA256 != st.SHA256
	st.Status, st.ContentType, st.SHA256 = StatusFetched, kind, e.SHA256
	st.ETag, st.LastModified, st.FetchedAt, st.GoneAt = e.ETag, e.LastModified, e.FetchedAt, time.Time{}
	st.RedirectTo = ""
	if entryURL != it.url {
		st.RedirectTo = entryURL
		if err := c.cfg.State.aliased(c.run_, entryURL, *st); err != nil {
			return fmt.Errorf("crawl: %w", err)
		}
		// Other pages link the URL fetched: record where its page is stored.
		alias := corpus.Entry{URL: it.url, ContentType: kind, SHA256: e.SHA256, Size: e.Size, FetchedAt: e.FetchedAt, AliasOf: entryURL}
		if err := c.cfg.Store.Record(alias); err != nil {
			return err
		}
	} else if err := c.rehome(st, e); err != nil {
		return err
	}
	// The URLs that redirected here (a download link's /download/5/) lead to
	// this entry: the chain that queued it, and those among the URLs that link
	// it (a redirect that came when the URL was queued already, from a page
	// that links the file directly).
	if err := c.redirectsHere(*st, e); err != nil {
		return err
	}
	c.count(func(r *Report) {
		r.Fetched++
		if changed {
			r.Changed++
		}
	})
	c.cfg.Log.Info("fetched", "url", it.url, "type", kind, "bytes", len(res.body), "changed", changed)
	return c.enqueueLinks(links, st)
}

// xmlPath is a path named like an XML file, compressed or not.
var xmlPath = regexp.MustCompile(`(?i)\.xml(\.gz)?$`)

// kindOf is what a body stored under a Content-Type's media type is: a PDF
// whatever the type says (a download script's "text/html" or "force-download"),
// a page by its type, or by its first bytes when the type says nothing; "" for
// anything else.
func kindOf(mediaType string, body []byte) string {
	head := bytes.TrimLeft(body[:min(len(body), sniffBytes)], "\ufeff \t\r\n\x00")
	kind := corpus.MediaType(mediaType)
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")) || kind == "" && corpus.IsPDF(body):
		return corpus.TypePDF
	case kind != "":
		return kind
	case mediaType == "" || mediaType == "application/octet-stream" || mediaType == "text/plain":
		if strings.HasPrefix(http.DetectContentType(head), "text/html") {
			return corpus.TypeHTML
		}
	}
	return ""
}

// redirectsHere records the URLs that redirect to st's as aliases of its entry
// e (redirectAlias): the chain of redirects that queued it, and the redirects
// among the URLs that link it.
func (c *crawler) redirectsHere(st URLState, e corpus.Entry) error {
	from := append([]string(nil), st.Referrers...)
	for cur, i := st, 0; cur.Hops > 0 && cur.Parent != "" && i < c.cfg.MaxRedirects; i++ {
		parent, ok, err := c.cfg.State.Get(cur.Parent)
		if err != nil {
			return err
		}
		if !ok || parent.Status != StatusRedirected || parent.RedirectTo != cur.URL {
			break
		}
		if err := c.redirectAlias(parent.URL, e); err != nil {
			return err
		}
		cur = parent
	}
	for _, r := range from {
		rs, ok, err := c.cfg.State.Get(r)
		if err != nil {
			return err
		}
		if ok && rs.Status == StatusRedirected && rs.RedirectTo == st.URL {
			if err := c.redirectAlias(r, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// redirectAlias records that the URL from, which redirects, leads to the entry
// to (a page's download link, /download/5/, to the file it serves), so that the
// index finds the file a page links that way. A URL with a copy of its own
// stored (a page moved), or recorded as the alias of the canonical page it
// names, keeps its entry.
func (c *crawler) redirectAlias(from string, to corpus.Entry) error {
	if to.AliasOf != "" {
		to.URL = to.AliasOf
	}
	if to.URL == from {
		return nil
	}
	e, err := c.cfg.Store.Get(from)
	switch {
	case err == nil && (e.AliasOf == "" || !e.Redirect):
		return nil // a copy of its own, or a page's canonical alias
	case err != nil && !errors.Is(err, corpus.ErrNotFound):
		return fmt.Errorf("crawl: %w", err)
	}
	return c.cfg.Store.Record(corpus.Entry{URL: from, ContentType: to.ContentType, SHA256: to.SHA256, Size: to.Size,
		FetchedAt: to.FetchedAt, AliasOf: to.URL, Redirect: true})
}

// staleRedirect marks gone the redirect alias of from when from now redirects
// to another target, not stored (yet): the file it led to is no longer where it
// leads. The target's storing records the alias anew.
func (c *crawler) staleRedirect(from, target string, now time.Time) error {
	e, err := c.cfg.Store.Get(from)
	if err != nil || !e.Redirect || e.AliasOf == target || !e.GoneAt.IsZero() {
		return nil
	}
	e.GoneAt = now
	return c.cfg.Store.Record(e)
}

// readPage parses an HTML page for the links to queue and the canonical URL it
// names, when that is another URL on an allowed host, and sets the state's
// translations and text signature. Its error is the state's.
func (c *crawler) readPage(it frontierItem, st *URLState, body []byte, contentType string) (links []URLState, canonical string, err error) {
	page, err := htmlpage.Parse(bytes.NewReader(body), contentType, it.url)
	if err != nil {
		c.cfg.Log.Warn("links not read", "url", it.url, "err", err)
		return nil, "", nil
	}
	pl := page.Links()
	if cu, err := corpus.Normalize(pl.Canonical, nil); err == nil && cu.String() != it.url && c.rule(cu.Host) != nil {
		canonical = cu.String()
	}
	st.Translations = pl.Alternates
	echo, err := c.repeats(st, page.Text())
	if err != nil {
		return nil, "", err
	}
	if echo {
		c.cfg.Log.Info("a page's echo under a longer address: its links not followed", "url", it.url, "parent", st.Parent)
		return nil, canonical, nil
	}
	return c.links(pl, st.Depth), canonical, nil
}

// mayStoreUnder reports whether the page at url, with the given digest, may be
// stored under the canonical URL it names: when nothing is stored there yet, the
// same content is, or what is stored there is this page's own earlier content (url
// is stored as its alias, with the same digest: the page changed). A canonical
// naming another page (a theme that names the home page everywhere) must not
// replace that page's own content.
func (c *crawler) mayStoreUnder(canonical, url, digest string) (bool, error) {
	e, err := c.cfg.Store.Get(canonical)
	if errors.Is(err, corpus.ErrNotFound) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	if e.AliasOf != "" {
		return false, nil
	}
	if e.SHA256 == digest {
		return true, nil
	}
	own, err := c.cfg.Store.Get(url)
	switch {
	case errors.Is(err, corpus.ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	return own.AliasOf == canonical && !own.Redirect && own.SHA256 == e.SHA256, nil
}

// rehome stores under their own URLs the pages stored under st's URL before, because
// they named it as canonical, whose content differs from what the URL itself has
// now answered (e).
func (c *crawler) rehome(st *URLState, e corpus.Entry) error {
	cur, _, err := c.cfg.State.Get(st.URL)
	if err != nil {
		return err
	}
	var keep []string
	for _, a := range cur.Aliases {
		ae, err := c.cfg.Store.Get(a)
		if err != nil || ae.AliasOf != st.URL {
			continue // gone, or stored otherwise since
		}
		if ae.SHA256 == e.SHA256 {
			keep = append(keep, a)
			continue
		}
		body, err := c.cfg.Store.Body(ae.SHA256)
		if err != nil {
			return err
		}
		ae.AliasOf = ""
		if _, err := c.cfg.Store.Put(ae, body); err != nil {
			return err
		}
		err = c.cfg.State.update(a, func(as *URLState) {
			if as.RedirectTo == st.URL {
				as.RedirectTo = ""
			}
		})
		if err != nil {
			return fmt.Errorf("crawl: %w", err)
		}
		c.cfg.Log.Info("canonical differs: page stored under its own URL", "url", a, "canonical", st.URL)
	}
	st.Aliases = keep
	return nil
}

// repeats sets the page's text signature (digits aside) and, in a chain of
// same-shape links, how many pages in a row have repeated their parent's text.
// It reports an echo: the parent's text under an address that only lengthens
// the parent's (see echoes).
func (c *crawler) repeats(st *URLState, text string) (echo bool, err error) {
	st.TextSig, st.TextSum = textSig(text), corpus.Digest([]byte(text))
	st.Repeats = 0
	if st.Parent == "" {
		return false, nil
	}
	parent, ok, err := c.cfg.State.Get(st.Parent)
	if err != nil || !ok || parent.TextSig != st.TextSig {
		return false, err
	}
	if st.Chain > 0 {
		st.Repeats = parent.Repeats + 1
	}
	pu, err1 := url.Parse(parent.URL)
	su, err2 := url.Parse(st.URL)
	return parent.TextSum == st.TextSum && utf8.RuneCountInString(text) >= minEchoText && err1 == nil && err2 == nil && echoes(pu, su), nil
}

// minEchoText is the text a page must have to be taken for its parent's echo:
// pages of a menu and images alone all read alike.
const minEchoText = 200

// echoes reports whether the address u only lengthens its parent's p: a path
// under it (a relative "print/" on a page a server answers at any path below
// it) or the same path with the parent's query and more ("?print=1&print=1",
// "?return=" the parent's address). A page there with the parent's text links
// what the parent links, lengthened again: its links are not followed.
func echoes(p, u *url.URL) bool {
	if p.Host != u.Host || *p == *u {
		return false
	}
	if dir := strings.TrimSuffix(p.Path, "/") + "/"; dir != "/" && strings.HasPrefix(u.Path, dir) && len(u.Path) > len(dir) {
		return true // not under the home page: every address is
	}
	if u.Path != p.Path || len(u.RawQuery) <= len(p.RawQuery) {
		return false
	}
	q, err1 := url.QueryUnescape(u.RawQuery)
	pq, err2 := url.QueryUnescape(p.RawQuery)
	return err1 == nil && err2 == nil && (pq != "" && strings.Contains(q, pq) || strings.Contains(q, p.Path))
}

// textSig is a digest of text with digits taken out: pages that differ only in
// dates and numbers share it.
func textSig(text string) string {
	h := sha256.New()
	for _, f := range strings.Fields(text) {
		io.WriteString(h, strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, f))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// links returns the URLs a page leads to: PDFs first, then translations, then links.
func (c *crawler) links(pl htmlpage.Links, depth int) []URLState {
	var raw []string
	raw = append(raw, pl.PDFLinks...)
	langs := make([]string, 0, len(pl.Alternates))
	for l := range pl.Alternates {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		raw = append(raw, pl.Alternates[l])
	}
	raw = append(raw, pl.Links...)
	out := make([]URLState, 0, len(raw))
	seen := map[string]bool{}
	for _, l := range raw {
		u, err := corpus.Normalize(l, nil)
		if err != nil || seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		out = append(out, URLState{URL: u.String(), Depth: depth + 1})
	}
	return out
}

// enqueue records candidates found on the page whose current state is ref (nil for
// seeds and sitemaps of robots.txt) and queues those to fetch.
func (c *crawler) enqueue(cands []URLState, ref *URLState) error {
	_, err := c.enqueueCount(cands, ref)
	return err
}

// enqueueCount is enqueue, and says how many candidates were queued: new to the run.
func (c *crawler) enqueueCount(cands []URLState, ref *URLState) (int, error) {
	if len(cands) == 0 {
		return 0, nil
	}
	items, err := c.cfg.State.enqueue(c.run_, cands, ref, func(st *URLState, ref *URLState) string {
		return c.decide(st, ref)
	})
	if err != nil {
		return 0, fmt.Errorf("crawl: %w", err)
	}
	c.add(items)
	return len(items), nil
}

// enqueueLinks queues a page's links (st its state): first those to pages of
// other shapes, then the next pages of its own chain (pagination, a calendar's
// next month). A page that led to a page new to the run is no repeat, however
// like its parent its text (a series' listing pages differ in their numbers
// alone): only the empty pages of an endless chain end it (decide).
func (c *crawler) enqueueLinks(links []URLState, st *URLState) error {
	pu, err := url.Parse(st.URL)
	if err != nil {
		return c.enqueue(links, st)
	}
	shape := shapeOf(pu)
	var same, other []URLState
	for _, l := range links {
		if lu, err := url.Parse(l.URL); err == nil && shapeOf(lu) == shape {
			same = append(same, l)
		} else {
			other = append(other, l)
		}
	}
	n, err := c.enqueueCount(other, st)
	if err != nil {
		return err
	}
	if n > 0 {
		st.Repeats = 0
	}
	if dated(pu) && !fileAddress(pu) && st.ContentType == corpus.TypeHTML { // a file leads nowhere, whatever its name's date
		c.noteDated(shape, st.TextSig, n == 0)
	}
	return c.enqueue(same, st)
}

// noteDated counts a dated page of a URL shape into the shape's run of empty
// pages (emptyRun): one that led to nothing new extends the run when it says
// what the run's pages said, else starts one; a page that led somewhere ends it.
func (c *crawler) noteDated(shape, sig string, empty bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.empty[shape]
	switch {
	case !empty:
		r = emptyRun{}
	case r.sig == sig:
		r.n++
	default:
		r = emptyRun{sig, 1}
	}
	if c.empty == nil {
		c.empty = map[string]emptyRun{}
	}
	c.empty[shape] = r
}

// emptyDated reports whether u is a dated page of a shape whose last
// maxEmptyDated pages were empty alike (noteDated): not worth a request. A
// file's address (fileAddress) is none, whatever date its name seems to have (a
// journal's "/files/articles/2023_2_03.pdf").
func (c *crawler) emptyDated(u *url.URL) bool {
	if !dated(u) || fileAddress(u) {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.empty[shapeOf(u)].n >= maxEmptyDated
}

// fileAddress reports whether an address names a file by its extension (".pdf",
// ".docx"), not a page (".html", ".php", none).
func fileAddress(u *url.URL) bool {
	ext := strings.ToLower(path.Ext(u.Path))
	return ext != "" && !slices.Contains([]string{".html", ".htm", ".php", ".asp", ".aspx", ".jsp", ".shtml", ".cfm"}, ext)
}

// decide says whether a URL new to this run is fetched (StatusQueued) or why not,
// and sets its place in a chain of same-shape links. ref is the state of the page
// that links it, if any. It runs inside the state transaction: it must not touch
// the state.
func (c *crawler) decide(st *URLState, ref *URLState) string {
	u, err := url.Parse(st.URL)
	if err != nil {
		return StatusTrap
	}
	rule := c.rule(u.Host)
	if ref != nil && (rule == nil || rule.filesOnly) {
		if r := c.adoptFiles(u, st, ref); r != nil {
			rule = r // a host adopted for a site's files, for this file too
		}
	}
	if rule == nil {
		c.count(func(r *Report) { r.Offsite++ })
		return StatusOffsite
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !rule.included(path) {
		c.count(func(r *Report) { r.Excluded++ })
		return StatusExcluded
	}
	// A URL queued again from the state (no referrer) keeps its place in its chain,
	// so that re-crawls do not walk a calendar a few months further each time.
	// A step along a listing's pages keeps its depth: the hundredth page is as
	// near the seeds as the first (MaxChain bounds the chain). A calendar's next
	// month is a step further: its chain has no end to reach.
	if ref != nil {
		st.Chain, st.Parent = 0, ref.URL
		if ru, err := url.Parse(ref.URL); err == nil && shapeOf(ru) == shapeOf(u) {
			st.Chain = ref.Chain + 1
			if !dated(u) {
				st.Depth = min(st.Depth, ref.Depth)
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	trap := st.Depth > c.cfg.MaxDepth || suspicious(u) != "" || st.Chain > c.cfg.MaxChain ||
		st.Chain > 0 && ref != nil && ref.Repeats >= c.cfg.MaxRepeats
	if !trap {
		q := c.queue(u.Host)
		trap = q.visited+len(q.items) >= c.cfg.MaxPagesPerHost
	}
	if trap {
		c.report.Traps++
		return StatusTrap
	}
	return StatusQueued
}
