package crawler

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

func TestShapeAndSuspicious(t *testing.T) {
	a, _ := url.Parse("https://example.org/events/2024-05/?view=month&page=3")
	b, _ := url.Parse("https://example.org/events/1999-12/?page=9&view=day")
	if shapeOf(a) != shapeOf(b) {
		t.Errorf("calendar URLs differ in shape: %s vs %s", shapeOf(a), shapeOf(b))
	}
	for raw, want := range map[string]bool{
		"https://example.org/a/b/c/":                                                            false,
		"https://example.org/page/2/page/3/page/4/":                                             true,
		"https://example.org/?" + string(make([]byte, 0)):                                       false,
		"https://example.org/x?a=1&b=1&c=1&d=1&e=1&f=1&g=1&h=1&i=1&j=1&k=1&l=1&m=1&n=1&o=1&p=1": true,
	} {
		u, _ := url.Parse(raw)
		if got := suspicious(u) != ""; got != want {
			t.Errorf("suspicious(%s) = %v, want %v", raw, got, want)
		}
	}
}

func TestParseSitemap(t *testing.T) {
	index := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.org/wp-sitemap-posts-1.xml</loc></sitemap>
  <sitemap><loc> https://example.org/wp-sitemap-pages-1.xml </loc></sitemap>
</sitemapindex>`)
	pages, maps, err := parseSitemap(index)
	if err != nil || len(pages) != 0 || len(maps) != 2 || maps[1] != "https://example.org/wp-sitemap-pages-1.xml" {
		t.Fatalf("index: %v %v %v", pages, maps, err)
	}
	set := []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/a/</loc><lastmod>2024-01-01</lastmod></url><url><loc>https://example.org/b/</loc></url></urlset>`)
	pages, maps, err = parseSitemap(set)
	if err != nil || len(pages) != 2 || len(maps) != 0 {
		t.Fatalf("urlset: %v %v %v", pages, maps, err)
	}
	if !isSitemap(set) || !isSitemap(index) || isSitemap([]byte("<html>")) {
		t.Errorf("isSitemap")
	}
	if _, _, err := parseSitemap([]byte("<urlset><url><loc>unterminated")); err == nil {
		t.Errorf("broken sitemap parsed without error")
	}
}

// TestParseSitemapPages checks which <loc> elements name pages, and that declared
// charsets are read.
func TestParseSitemapPages(t *testing.T) {
	const a = "https://example.org/a/"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"image extension", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"><url><loc>` + a + `</loc><image:image><image:loc>https://example.org/a.jpg</image:loc></image:image></url></urlset>`, []string{a}},
		{"undeclared prefix", `<urlset><url><loc>` + a + `</loc><image:image><image:loc>https://example.org/a.jpg</image:loc></image:image></url></urlset>`, []string{a}},
		{"extension loc straight in url", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:x="urn:x"><url><loc>` + a + `</loc><x:loc>https://example.org/b/</x:loc></url></urlset>`, []string{a}},
		{"loc outside url", `<urlset><loc>https://example.org/b/</loc><url><loc>` + a + `</loc></url></urlset>`, []string{a}},
		{"ISO-8859-1", `<?xml version="1.0" encoding="ISO-8859-1"?><urlset><url><loc>https://example.org/caf` + "\xe9" + `/</loc></url></urlset>`, []string{"https://example.org/café/"}},
		{"windows-1251", `<?xml version="1.0" encoding="windows-1251"?><urlset><url><loc>https://example.org/` + "\xea" + `/</loc></url></urlset>`, []string{"https://example.org/к/"}},
		{"UTF-8 with a byte order mark", "\xef\xbb\xbf" + `<?xml version="1.0" encoding="UTF-8"?><urlset><url><loc>` + a + `</loc></url></urlset>`, []string{a}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pages, maps, err := parseSitemap([]byte(tc.body))
			if err != nil || !slices.Equal(pages, tc.want) || len(maps) != 0 {
				t.Errorf("pages %q, sitemaps %q, %v; want pages %q", pages, maps, err, tc.want)
			}
		})
	}
}

func TestRobotsCyrillicRules(t *testing.T) {
	u, _ := corpus.Normalize("https://example.org/uk/таємне/документ/", nil)
	open, _ := corpus.Normalize("https://example.org/uk/відкрите/", nil)
	for _, rule := range []string{
		"/uk/таємне/",
		"/uk/%D1%82%D0%B0%D1%94%D0%BC%D0%BD%D0%B5/",
		"/uk/%d1%82%d0%b0%d1%94%d0%bc%d0%bd%d0%b5/",
	} {
		r := parseRobots([]byte("User-agent: *\nDisallow: "+rule+"\n"), DefaultUserAgent)
		if r.allowed(u) {
			t.Errorf("rule %s does not exclude %s", rule, u)
		}
		if !r.allowed(open) {
			t.Errorf("rule %s excludes %s", rule, open)
		}
	}
}

// TestRobotsRules checks RFC 9309: lenient parsing, group choice, longest match with
// Allow winning ties, wildcards and one spelling for non-ASCII rules.
func TestRobotsRules(t *testing.T) {
	tests := []struct {
		name, txt, path string
		want            bool
	}{
		{"no rules", "", "/a/", true},
		{"disallow", "User-agent: *\nDisallow: /private/\n", "/private/x", false},
		{"rule before User-agent skipped", "Disallow: /tmp/\nUser-agent: *\nDisallow: /private/\n", "/tmp/x", true},
		{"rules after a skipped line apply", "Disallow: /tmp/\nUser-agent: *\nDisallow: /private/\n", "/private/x", false},
		{"bad Crawl-delay skipped", "User-agent: *\nCrawl-delay: 5s\nDisallow: /private/\n", "/a/", true},
		{"rules after a bad Crawl-delay apply", "User-agent: *\nCrawl-delay: 5s\nDisallow: /private/\n", "/private/", false},
		{"longer Allow wins", "User-agent: *\nDisallow: /uk/\nAllow: /uk/публікації/\n", "/uk/публікації/x/", true},
		{"longer encoded Allow wins", "User-agent: *\nDisallow: /uk/\nAllow: /uk/%D0%BF%D1%83%D0%B1%D0%BB%D1%96%D0%BA%D0%B0%D1%86%D1%96%D1%97/\n", "/uk/публікації/x/", true},
		{"longer Disallow wins", "User-agent: *\nAllow: /uk/\nDisallow: /uk/таємне/\n", "/uk/таємне/x", false},
		{"Allow wins a tie", "User-agent: *\nDisallow: /page\nAllow: /page\n", "/page", true},
		{"Allow wins a tie in either order", "User-agent: *\nAllow: /page\nDisallow: /page\n", "/page", true},
		{"longer literal Allow beats a wildcard", "User-agent: *\nDisallow: /*.pdf\nAllow: /a.pdf\n", "/a.pdf", true},
		{"wildcard", "User-agent: *\nDisallow: /*.pdf$\n", "/x/a.pdf", false},
		{"end anchor", "User-agent: *\nDisallow: /*.pdf$\n", "/x/a.pdf?download=1", true},
		{"query", "User-agent: *\nDisallow: /*?s=\n", "/?s=police", false},
		{"a parameter first, as linked, though sorted later", "User-agent: *\nDisallow: /*?sort=\n", "/list/?sort=date&page=2", false},
		{"a parameter first, not further on", "User-agent: *\nDisallow: /*?sort=\n", "/list/?page=2", true},
		{"a rule on another parameter's name's start", "User-agent: *\nDisallow: /*?sort=\n", "/list/?page=2&s=1", true},
		{"a parameter first only as a rule names it", "User-agent: *\nDisallow: /*?\nAllow: /*?ID=\n", "/news/detail.php?ID=123&SECTION_ID=5", true},
		{"our group, not *", "User-agent: *\nDisallow: /\n\nUser-agent: SSGsearch\nDisallow: /private/\n", "/a/", true},
		{"our groups combine", "User-agent: ssgsearch\nDisallow: /a/\nUser-agent: other\nDisallow: /\nUser-agent: ssgsearch\nDisallow: /b/\n", "/b/", false},
		{"shared group", "User-agent: other\nUser-agent: *\nDisallow: /x/\n", "/x/", false},
		{"empty Disallow", "User-agent: *\nDisallow:\n", "/a/", true},
		{"parentheses", "User-agent: *\nDisallow: /wiki/Foo_(bar)\n", "/wiki/Foo_(bar)", false},
		{"apostrophe and bang", "User-agent: *\nDisallow: /it's!\n", "/it's!", false},
		{"escaped parentheses", "User-agent: *\nDisallow: /wiki/Foo_%28bar%29\n", "/wiki/Foo_(bar)", false},
		{"our token with a version", "User-agent: *\nAllow: /\n\nUser-agent: ssgsearch/0.1\nDisallow: /\n", "/a/", false},
		{"CR line endings", "User-agent: *\rDisallow: /\r", "/a/", false},
		{"CR LF line endings", "User-agent: *\r\nDisallow: /x/\r\n", "/x/", false},
		{"our group without rules allows all", "User-agent: *\nDisallow: /\n\nUser-agent: ssgsearch\nDisallow:\n", "/a/", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := corpus.Normalize("https://example.org"+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := parseRobots([]byte(tc.txt), DefaultUserAgent).allowed(u); got != tc.want {
				t.Errorf("%q: allowed(%s) = %v, want %v", tc.txt, u, got, tc.want)
			}
		})
	}
	r := parseRobots([]byte("User-agent: *\nCrawl-delay: 0.5\nSitemap: https://example.org/s.xml\n"), DefaultUserAgent)
	if r.delay != 500*time.Millisecond || len(r.sitemaps) != 1 {
		t.Errorf("delay %v sitemaps %v", r.delay, r.sitemaps)
	}
	// A robots.txt longer than maxRobotsBytes: its first part is read.
	long := "User-agent: *\nDisallow: /private/\n" + strings.Repeat("# padding\n", maxRobotsBytes/10+1) + "Disallow: /\n"
	if r := parseRobots([]byte(long), DefaultUserAgent); len(r.rules) != 1 {
		t.Errorf("a long robots.txt: rules %v, want the first part's one", r.rules)
	}
	if r := parseRobots([]byte("User-agent: *\nCrawl-delay: 86400\n"), DefaultUserAgent); r.delay != maxCrawlDelay {
		t.Errorf("a day's Crawl-delay: %v, want it bounded at %v", r.delay, maxCrawlDelay)
	}
}

// TestRulesHosts checks that hosts named in a config or a source match the URLs'
// hosts whichever way they are spelt.
func TestRulesHosts(t *testing.T) {
	const puny = "xn--80aikifvh.xn--j1amh" // приклад.укр
	seed, err := corpus.Normalize("https://приклад.укр/", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  Config
	}{
		{"seeds", Config{}},
		{"config hosts", Config{Hosts: []string{"ПРИКЛАД.укр"}}},
		{"source hosts", Config{Sources: []Source{{Name: "a", Seeds: []string{"https://example.org/"}, Hosts: []string{"приклад.укр."}}}}},
		{"source seeds", Config{Sources: []Source{{Name: "a", Seeds: []string{"https://приклад.укр/a/"}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := rules(tc.cfg, []*url.URL{seed})
			if err != nil || r[puny] == nil || seed.Host != puny {
				t.Errorf("rules %v, %v: want a rule for %s (seed host %s)", r, err, puny, seed.Host)
			}
		})
	}
}

// TestShapeIndexedKeys checks that adding a facet (f[N]) to a faceted search keeps
// its shape, and that other keys still tell shapes apart.
func TestShapeIndexedKeys(t *testing.T) {
	shape := func(raw string) string {
		u, err := corpus.Normalize(raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		return shapeOf(u)
	}
	one := shape("https://example.org/library?f[0]=topic:police")
	for _, raw := range []string{
		"https://example.org/library?f[0]=topic:police&f[1]=year:2021",
		"https://example.org/library?f[0]=topic:police&f[1]=year:2021&f[2]=type:handbook",
	} {
		if got := shape(raw); got != one {
			t.Errorf("shapeOf(%s) = %s, want %s", raw, got, one)
		}
	}
	for _, raw := range []string{
		"https://example.org/library",
		"https://example.org/library?f[0]=topic:police&page=1",
		"https://example.org/library?g[0]=topic:police",
	} {
		if got := shape(raw); got == one {
			t.Errorf("shapeOf(%s) = %s, the shape of a list of facets", raw, got)
		}
	}
}

func TestDated(t *testing.T) {
	for _, tt := range []struct {
		u    string
		want bool
	}{
		{"https://example.org/events/month/?tribe-bar-date=2024-05", true},
		{"https://example.org/events/2024-05-01/", true},
		{"https://example.org/2019/05/", true},
		{"https://example.org/calendar/?date=2024%2F05%2F01", true},
		{"https://example.org/publication/page/2/", false},
		{"https://example.org/bulletins/?start=2019", false},
		{"https://example.org/report-2019-final/", false},
		{"https://example.org/index.php?option=com_content&id=2019&limitstart=10", false},
	} {
		u, err := url.Parse(tt.u)
		if err != nil {
			t.Fatal(err)
		}
		if got := dated(u); got != tt.want {
			t.Errorf("dated(%s) = %v, want %v", tt.u, got, tt.want)
		}
	}
}
