package crawler

import (
	"net/url"
	"testing"

	"github.com/temoto/robotstxt"

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

func TestRobotsCyrillicRules(t *testing.T) {
	u, _ := corpus.Normalize("https://example.org/uk/таємне/документ/", nil)
	open, _ := corpus.Normalize("https://example.org/uk/відкрите/", nil)
	for _, rule := range []string{
		"/uk/таємне/",
		"/uk/%D1%82%D0%B0%D1%94%D0%BC%D0%BD%D0%B5/",
		"/uk/%d1%82%d0%b0%d1%94%d0%bc%d0%bd%d0%b5/",
	} {
		data, err := robotstxt.FromString("User-agent: *\nDisallow: " + rule + "\n")
		if err != nil {
			t.Fatal(err)
		}
		r := &robots{group: data.FindGroup(DefaultUserAgent)}
		if r.allowed(u) {
			t.Errorf("rule %s does not exclude %s", rule, u)
		}
		if !r.allowed(open) {
			t.Errorf("rule %s excludes %s", rule, open)
		}
	}
}
