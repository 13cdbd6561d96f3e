package crawler

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

// Source is one publisher to crawl: where to start, which hosts and paths belong to
// it, and how fast it may be asked.
type Source struct {
	Name  string   `yaml:"name"`
	Seeds []string `yaml:"seeds"`
	// Hosts that may be fetched; empty means the seeds' hosts.
	Hosts []string `yaml:"hosts"`
	// Include and Exclude are regular expressions on the URL path with its query.
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	// Rate is requests per second for this source's hosts; 0 means the crawl's rate.
	Rate float64 `yaml:"rate"`
	// Publisher, when set, names the publisher of everything on the source's
	// hosts, whatever its pages say.
	Publisher string `yaml:"publisher"`
	// Types maps the source's own type labels to type keys ("Brief": policy-brief).
	Types map[string]string `yaml:"types"`
}

// HostNames returns the hosts that belong to the source, as corpus.Normalize writes
// them: its hosts, else its seeds' hosts.
func (s Source) HostNames() []string {
	var out []string
	if len(s.Hosts) > 0 {
		for _, h := range s.Hosts {
			if h = corpus.NormalizeHost(h); !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
		return out
	}
	for _, seed := range s.Seeds {
		if u, err := corpus.Normalize(seed, nil); err == nil && !slices.Contains(out, u.Host) {
			out = append(out, u.Host)
		}
	}
	return out
}

// Sources is the file format of data/sources.yaml.
type Sources struct {
	Sources []Source `yaml:"sources"`
}

// LoadSources reads and checks a sources file.
func LoadSources(path string) ([]Source, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	return ParseSources(b)
}

// ParseSources parses and checks the YAML of a sources file.
func ParseSources(b []byte) ([]Source, error) {
	var f Sources
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	if len(f.Sources) == 0 {
		return nil, errors.New("sources: no sources listed")
	}
	names := map[string]bool{}
	for i, s := range f.Sources {
		if s.Name == "" {
			return nil, fmt.Errorf("sources: source %d has no name", i+1)
		}
		if names[s.Name] {
			return nil, fmt.Errorf("sources: %s listed twice", s.Name)
		}
		names[s.Name] = true
		if len(s.Seeds) == 0 {
			return nil, fmt.Errorf("sources: %s has no seeds", s.Name)
		}
		for _, seed := range s.Seeds {
			if _, err := corpus.Normalize(seed, nil); err != nil {
				return nil, fmt.Errorf("sources: %s: seed %q: %w", s.Name, seed, err)
			}
		}
		if _, _, err := compileAll(s.Include, s.Exclude); err != nil {
			return nil, fmt.Errorf("sources: %s: %w", s.Name, err)
		}
		if s.Rate < 0 {
			return nil, fmt.Errorf("sources: %s: rate must not be negative", s.Name)
		}
		for label, key := range s.Types {
			if key == "" || strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
				return nil, fmt.Errorf("sources: %s: type label %q maps to %q: a type key is lower-case letters, digits and hyphens (handbook, policy-brief)", s.Name, label, key)
			}
		}
	}
	return f.Sources, nil
}

func compileAll(include, exclude []string) (inc, exc []*regexp.Regexp, err error) {
	for _, p := range include {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, nil, fmt.Errorf("include %q: %w", p, err)
		}
		inc = append(inc, re)
	}
	for _, p := range exclude {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, nil, fmt.Errorf("exclude %q: %w", p, err)
		}
		exc = append(exc, re)
	}
	return inc, exc, nil
}

// hostRule is how one host is crawled: the path patterns of each source (or of
// the Config) it belongs to, and its rate.
type hostRule struct {
	paths []pathRule
	rate  float64
	// filesOnly marks another host adopted for a site's PDFs (adoptFiles):
	// nothing else it answers is stored (a file store's page, an interstitial).
	filesOnly bool
}

// pathRule is one source's path patterns (see Config.Include).
type pathRule struct {
	include, exclude []*regexp.Regexp
}

// rules returns the host rules of a crawl: the sources' and, for the seeds given
// directly, the Config's own Hosts, Include, Exclude and Rate. A host of several
// sources (a site's English and Ukrainian halves) has each one's patterns (a path
// one of them takes is crawled, under its own exclusions: see included) and the
// slower rate.
func rules(cfg Config, seeds []*url.URL) (map[string]*hostRule, error) {
	out := map[string]*hostRule{}
	add := func(h string, paths pathRule, rate float64) {
		r := out[h]
		if r == nil {
			out[h] = &hostRule{paths: []pathRule{paths}, rate: rate}
			return
		}
		r.paths = append(r.paths, paths)
		if r.rate < 0 || rate > 0 && rate < r.rate {
			r.rate = rate // a limit is politer than none, a slower one than a faster
		}
	}
	def := pathRule{include: cfg.Include, exclude: cfg.Exclude}
	if len(cfg.Hosts) == 0 {
		seen := map[string]bool{}
		for _, u := range seeds {
			if !seen[u.Host] {
				seen[u.Host] = true
				add(u.Host, def, cfg.Rate)
			}
		}
	}
	for _, h := range cfg.Hosts {
		add(corpus.NormalizeHost(h), def, cfg.Rate)
	}
	for _, s := range cfg.Sources {
		inc, exc, err := compileAll(s.Include, s.Exclude)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", s.Name, err)
		}
		rate := cfg.Rate
		if s.Rate > 0 {
			rate = s.Rate
		}
		// The seeds' hosts too, where the source names others ("dcaf.ch", which
		// moved to "www.dcaf.ch"): a seed is always the source's.
		hosts := s.HostNames()
		for _, seed := range s.Seeds {
			if u, err := corpus.Normalize(seed, nil); err == nil && !slices.Contains(hosts, u.Host) {
				hosts = append(hosts, u.Host)
			}
		}
		for _, h := range hosts {
			add(h, pathRule{include: inc, exclude: exc}, rate)
		}
	}
	return out, nil
}

// included reports whether a path (with query) is crawled: one of the rule's
// sources takes it, under that source's own exclusions.
func (r *hostRule) included(path string) bool {
	for _, pr := range r.paths {
		if pr.included(path) {
			return true
		}
	}
	return false
}

// included reports whether a path (with query) passes the patterns: one Include
// when there are any, and no Exclude.
func (r pathRule) included(path string) bool {
	matches := func(res []*regexp.Regexp) bool {
		return slices.ContainsFunc(res, func(re *regexp.Regexp) bool { return re.MatchString(path) })
	}
	return (len(r.include) == 0 || matches(r.include)) && !matches(r.exclude)
}
