package evalgen

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"
	"time"
)

// shape is one way of building a publisher website: its URL scheme, markup and
// where it puts each piece of metadata.
type shape struct {
	name string // what kind of site it is
	site string // the site it builds (works name it in their "site" field)
	// mirror, when set, names the site whose works this one publishes again: a
	// site shape to measure on the very same publications, crawled on its own.
	mirror string
	build  func(b *siteBuilder) error
}

// shapes are the collection's sites, one shape each.
var shapes = []shape{
	{name: "wordpress-labels", site: "portal", build: buildPortal},
	{name: "static-jsonld", site: "library", build: buildLibrary},
	{name: "drupal-dc", site: "hub", build: buildHub},
	{name: "joomla-legacy", site: "archive", mirror: "library", build: buildArchive},
}

// siteBuilder is what a shape builds a site from and records its truth in.
type siteBuilder struct {
	g        *generator
	site     *Site
	versions []*version
	events   []*Event
	pages    []PageTruth
	listings []string
}

// html adds an HTML page.
func (b *siteBuilder) html(path string, body []byte) {
	b.site.Add(path, "text/html; charset=utf-8", body)
}

// page renders template name of t into an HTML page at path.
func (b *siteBuilder) page(t *template.Template, path, name string, data any) error {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("render %s: %w", path, err)
	}
	b.html(path, buf.Bytes())
	return nil
}

// listing records a page as a listing.
func (b *siteBuilder) listing(path string) { b.listings = append(b.listings, b.site.Name+path) }

// document records a page that is a document but no publication.
func (b *siteBuilder) document(path, kind, title, lang string, topics []string, presents string) {
	b.pages = append(b.pages, PageTruth{Key: b.site.Name + path, Kind: kind, Title: title, Lang: lang, Topics: topics, Presents: presents})
}

// pdfs adds every version's PDF at its path (set by the shape).
func (b *siteBuilder) pdfs() {
	for _, v := range b.versions {
		ct := "application/pdf"
		b.site.Add(v.pdf, ct, v.body)
	}
}

// inLang returns the site's versions in lang, newest first.
func (b *siteBuilder) inLang(lang string) []*version {
	var out []*version
	for _, v := range b.versions {
		if v.lang == lang {
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].work.date.After(out[j].work.date) })
	return out
}

// langs returns the languages the site has versions in, English first.
func (b *siteBuilder) langs() []string {
	var out []string
	for _, l := range Langs {
		if len(b.inLang(l)) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// translations returns the other language versions of v.
func (b *siteBuilder) translations(v *version) []*version {
	var out []*version
	for _, o := range b.g.versionsOf(v.site, v.work.ID) {
		if o != v {
			out = append(out, o)
		}
	}
	return out
}

// earlier returns the earlier edition of v in its language, if any.
func (b *siteBuilder) earlier(v *version) *version {
	for _, o := range b.g.editions(v.site, v.work, v.lang) {
		if o.work.date.Before(v.work.date) {
			return o
		}
	}
	return nil
}

// topicKeys are the topics a version's page tags: its work's, or for an omnibus
// none (annual reports and newsletters are tagged by their type only).
func (b *siteBuilder) topicKeys(v *version) []string {
	if v.work.Omnibus() {
		return nil
	}
	return v.work.Topics
}

// topicsWith returns the topic keys any version of the site in lang is tagged with,
// in the content's order.
func (b *siteBuilder) topicsWith(lang string) []Topic {
	var out []Topic
	for _, t := range b.g.c.Topics {
		for _, v := range b.inLang(lang) {
			if slices.Contains(b.topicKeys(v), t.Key) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// teaser cuts a summary to about n words, as listings show it.
func teaser(s string, n int) string {
	w := strings.Fields(s)
	if len(w) <= n {
		return s
	}
	return strings.Join(w[:n], " ")
}

// explainerText is the text of a topic's explainer page: paragraphs of its bank.
func (b *siteBuilder) explainerText(topic, lang string) []string {
	bank := b.g.c.Banks[topic]
	r := rng("explainer", b.site.Name, topic)
	var paras []string
	for p := 0; p < 5; p++ {
		var ss []string
		for k := 0; k < 4; k++ {
			ss = append(ss, strings.TrimSpace(bank.Sentences[r.IntN(len(bank.Sentences))][lang]))
		}
		paras = append(paras, strings.Join(ss, " "))
	}
	return paras
}

// sitemap writes a sitemap of the given paths at path.
func (b *siteBuilder) sitemap(path string, paths []string) {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range paths {
		fmt.Fprintf(&buf, "<url><loc>%s</loc></url>\n", template.HTMLEscapeString(p))
	}
	buf.WriteString("</urlset>\n")
	b.site.Add(path, "application/xml", buf.Bytes())
}

// pageDate is a version's publication date.
func (v *version) date() time.Time { return v.work.date }

// sizeLabel is the PDF's size as a download link shows it.
func (v *version) sizeLabel() string {
	return fmt.Sprintf("%.1f MB", float64(len(v.body))/1e6+0.1)
}
