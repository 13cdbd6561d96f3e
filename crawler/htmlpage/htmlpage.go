// Package htmlpage reads what a crawler needs of an HTML page — its canonical name,
// its language versions, the PDFs and pages it links, its visible text — and hands
// the parsed page on to those who read more of it (indexer/extract).
package htmlpage

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data/vocab"
)

// Page is a parsed HTML page and the URL its links resolve against.
type Page struct {
	Doc  *goquery.Document
	base *url.URL
}

// Parse reads an HTML page: r is its body, contentType the HTTP Content-Type (it
// may name the charset; else the page says, or its bytes do: see pageCharset),
// pageURL where it was found, which its relative links resolve against (or the
// page's <base href>).
func Parse(r io.Reader, contentType, pageURL string) (*Page, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("html: page URL %q: %w", pageURL, err)
	}
	utf8, err := decode(r, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(utf8)
	if err != nil {
		return nil, fmt.Errorf("html: parse: %w", err)
	}
	if href, ok := doc.Find("base[href]").Attr("href"); ok {
		if b, err := base.Parse(corpus.TrimURL(href)); err == nil {
			base = b
		}
	}
	return &Page{Doc: doc, base: base}, nil
}

// Abs resolves a link of the page to an absolute URL without its fragment: http or
// https, or the page's own scheme; "" for an empty link, a fragment alone or
// another scheme (mailto:, javascript:).
func (p *Page) Abs(href string) string {
	return p.resolve(p.base, href)
}

// resolve is Abs against base.
func (p *Page) resolve(base *url.URL, href string) string {
	href = corpus.TrimURL(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != p.base.Scheme) {
		return ""
	}
	u.Fragment = ""
	if d := driveDownload(u); d != "" {
		return d
	}
	if d := docsExport(u); d != "" {
		return d
	}
	if d := dropboxDownload(u); d != "" {
		return d
	}
	return u.String()
}

// docsExport is the address that downloads a Google Docs document as a PDF
// ("docs.google.com/document/d/ID/edit", "…/view"), or "" for another link (a
// document published to the web, "…/d/e/ID/pub", has no export): the editor
// is a script's page, the document is what the site links.
func docsExport(u *url.URL) string {
	if !strings.EqualFold(u.Hostname(), "docs.google.com") {
		return ""
	}
	rest, ok := strings.CutPrefix(u.Path, "/document/d/")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "/")
	if id == "" || id == "e" || strings.ContainsAny(id, "?&") {
		return "" // "/document/d/e/2PACX-…/pub": published to the web, no export
	}
	return u.Scheme + "://" + u.Host + "/document/d/" + id + "/export?format=pdf"
}

// DocsExport reports whether an address downloads a Google Docs document as a
// PDF (docsExport's address).
func DocsExport(u *url.URL) bool {
	return strings.EqualFold(u.Hostname(), "docs.google.com") && strings.HasPrefix(u.Path, "/document/d/") &&
		strings.HasSuffix(u.Path, "/export") && u.Query().Get("format") == "pdf"
}

// dropboxDownload is the address that downloads a PDF a Dropbox link shows in
// its viewer ("www.dropbox.com/s/ID/name.pdf?dl=0", "…/scl/fi/ID/name.pdf?rlkey=…&dl=0"):
// the same with dl=1; "" for another link.
func dropboxDownload(u *url.URL) string {
	h := strings.ToLower(u.Hostname())
	if h != "www.dropbox.com" && h != "dropbox.com" || !strings.HasSuffix(strings.ToLower(u.Path), ".pdf") {
		return ""
	}
	q := u.Query()
	if q.Get("dl") == "1" || q.Get("raw") == "1" {
		return ""
	}
	q.Set("dl", "1")
	d := *u
	d.RawQuery = q.Encode()
	return d.String()
}

// driveDownload is the address that downloads the file a Google Drive link
// shows in its viewer ("drive.google.com/file/d/ID/view", "…/open?id=ID";
// docs.google.com's old links too, downloaded from drive.google.com), or
// "" for another link: the viewer is a script's page, the file is what the
// site links.
func driveDownload(u *url.URL) string {
	if !strings.EqualFold(u.Hostname(), "drive.google.com") && !strings.EqualFold(u.Hostname(), "docs.google.com") {
		return ""
	}
	id := ""
	if rest, ok := strings.CutPrefix(u.Path, "/file/d/"); ok {
		id, _, _ = strings.Cut(rest, "/")
	} else if u.Path == "/open" || u.Path == "/uc" {
		id = u.Query().Get("id")
	}
	if id == "" || strings.ContainsAny(id, "/?&") {
		return ""
	}
	host := u.Host
	if strings.EqualFold(u.Hostname(), "docs.google.com") {
		host = "drive.google.com"
	}
	return u.Scheme + "://" + host + "/uc?export=download&id=" + url.QueryEscape(id)
}

// Links is what a page says of its place on the web.
type Links struct {
	// Lang is the primary subtag of the page's lang attribute ("uk" for "uk-UA").
	Lang string
	// Canonical is the page's rel=canonical URL, absolute.
	Canonical string
	// Alternates maps a language code to the URL of this page in that language.
	Alternates map[string]string
	// PDFLinks are the absolute URLs of PDFs the page links to, and Links those of
	// the other pages it links, each once, in document order: anchors and image map
	// areas, the rel=next/prev pagination it declares in its head, what it embeds
	// (iframe, frame, embed, object), the document a viewer link shows (see
	// viewed) and its refresh target.
	PDFLinks, Links []string
	// PDFTexts are, by the address of a PDF an anchor links, the anchor's words
	// (the longest of its anchors'; its title attribute when it has no words): how
	// the page names the file.
	PDFTexts map[string]string
	// Refresh is where the page's <meta http-equiv="refresh"> sends its reader,
	// absolute, after RefreshDelay: with a short delay, a redirect. "" when it
	// has none, or one that names no URL (a reload).
	Refresh      string
	RefreshDelay time.Duration
}

// linkAttr names the attribute of each element that links another document.
var linkAttr = map[string]string{
	"a": "href", "area": "href", "link": "href", "iframe": "src", "frame": "src", "embed": "src", "object": "data",
}

// Links reads the page's links. Call it before changing Doc.
func (p *Page) Links() Links {
	doc := p.Doc
	var m Links
	m.Lang = vocab.PrimaryTag(doc.Find("html").AttrOr("lang", ""))
	m.Canonical = p.Abs(doc.Find("link[rel=canonical]").AttrOr("href", ""))
	// Language versions: hreflang alternates, and language switches that name a
	// language (by lang attribute, on the link or inside it as WPML writes it, or by
	// the link's text), in a language menu or as two or more links side by side
	// ("Also available in: English | Українська").
	switches := doc.Find("link[rel=alternate][hreflang], a[hreflang], a[lang][href], [class*=lang] a[href], a[href]:has([lang])").AddSelection(languageRow(doc)).
		AddSelection(doc.Find("a[href]").FilterFunction(func(_ int, a *goquery.Selection) bool { return versionLink(a) != "" }))
	// A version's link named so (hreflang, a version's label) outweighs a
	// language menu's, which may lead to the site's home in that language only.
	strength := map[string]int{}
	switches.Each(func(_ int, s *goquery.Selection) {
		lang := vocab.PrimaryTag(s.AttrOr("hreflang", s.AttrOr("lang", "")))
		version := versionLink(s)
		named := 2
		switch {
		case s.AttrOr("hreflang", "") != "":
			named = 0
		case version != "":
			named = 1
		}
		if lang == "" {
			lang = vocab.PrimaryTag(s.Find("[lang]").First().AttrOr("lang", ""))
		}
		if lang == "" {
			lang = cmp.Or(switchLang(s.Text()), version)
		}
		if lang == "" {
			// A flag: the language is the image's alternative text or title.
			img := s.Find("img").First()
			lang = switchLang(cmp.Or(s.AttrOr("title", ""), img.AttrOr("alt", ""), img.AttrOr("title", "")))
		}
		u := p.Abs(s.AttrOr("href", ""))
		if lang == "" || lang == "x" || u == "" || HasRel(s.AttrOr("rel", ""), "nofollow") {
			return // a nofollow switch: the same page in the interface's other language
		}
		if m.Alternates == nil {
			m.Alternates = map[string]string{}
		}
		if _, ok := m.Alternates[lang]; !ok || named < strength[lang] {
			m.Alternates[lang], strength[lang] = u, named
		}
	})
	seen := map[string]bool{}
	add := func(u string) {
		if u == "" || seen[u] {
			return
		}
		seen[u] = true
		if IsPDFURL(u) {
			m.PDFLinks = append(m.PDFLinks, u)
		} else {
			m.Links = append(m.Links, u)
		}
	}
	refreshed := false
	doc.Find("a[href], area[href], link[href], iframe[src], frame[src], embed[src], object[data], meta[http-equiv][content]").Each(func(_ int, s *goquery.Selection) {
		name := goquery.NodeName(s)
		switch {
		case name == "link" && isFeedLink(s):
			// A news feed of the site's or a section's items (not of a post's
			// comments): read for the items' addresses.
		case name == "link" && !HasRel(s.AttrOr("rel", ""), "next", "prev"):
			return
		case name == "meta":
			// The first refresh is the one a browser follows.
			if refreshed || !strings.EqualFold(strings.TrimSpace(s.AttrOr("http-equiv", "")), "refresh") {
				return
			}
			delay, target, ok := ParseRefresh(s.AttrOr("content", ""))
			if !ok {
				return
			}
			refreshed = true
			if m.Refresh = p.Abs(target); m.Refresh != "" {
				m.RefreshDelay = delay
				add(m.Refresh)
			}
			return
		}
		u := p.Abs(s.AttrOr(linkAttr[name], ""))
		if name == "a" && HasRel(s.AttrOr("rel", ""), "nofollow") && !fileLink(s, u) && !pageLink(s, u) {
			// A link the publisher asks robots not to follow: a record's "cite",
			// "email" and "save", its copy in the interface's other language, a
			// comment's reply, a login (not a download that says so, nor a
			// listing's next page, which some themes mark so too).
			return
		}
		add(u)
		viewed := p.viewed(u)
		for _, v := range viewed {
			add(v)
		}
		if name == "a" {
			text := "" // read once, for a link to a PDF only
			for _, v := range append(viewed, u) {
				if !IsPDFURL(v) {
					continue
				}
				if text == "" {
					text = strings.Join(strings.Fields(cmp.Or(strings.TrimSpace(s.Text()), s.AttrOr("title", ""))), " ")
				}
				if text != "" && len(text) > len(m.PDFTexts[v]) {
					if m.PDFTexts == nil {
						m.PDFTexts = map[string]string{}
					}
					m.PDFTexts[v] = text
				}
			}
		}
	})
	// Links a script follows: a clickable card's data-href, an onclick that sets
	// the location or opens a window, a jump menu's options written as addresses.
	doc.Find("[data-href], [data-url], [data-link], [onclick], option[value]").Each(func(_ int, s *goquery.Selection) {
		for _, v := range scriptedLinks(s) {
			add(p.Abs(v))
		}
	})
	// A flipbook's or a viewer's file, named in an attribute or in its options'
	// JSON rather than linked: dFlip's <div class="_df_book" source="….pdf"> and
	// its window.option_df_1 = {"source": "…"}, Real3D's
	// data-flipbook-options='{"pdfUrl": "…"}', a viewer's data-pdf.
	doc.Find("[source], [data-source], [data-pdf], [data-pdf-url], [data-file], [data-flipbook-options], [data-options]").Each(func(_ int, s *goquery.Selection) {
		for _, a := range []string{"source", "data-source", "data-pdf", "data-pdf-url", "data-file", "data-flipbook-options", "data-options"} {
			for _, u := range pdfsIn(s.AttrOr(a, "")) {
				add(p.Abs(u))
			}
		}
	})
	doc.Find("script:not([src])").Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(strings.ToLower(s.AttrOr("type", "")), "json") {
			return // data (a framework's state, JSON-LD), not a viewer's options
		}
		for _, m := range viewerFile.FindAllStringSubmatch(strings.ReplaceAll(s.Text(), `\/`, "/"), 20) {
			add(p.Abs(m[1]))
		}
	})
	// The PDF a page's head names as the work's, whatever its address looks
	// like: Highwire Press's citation_pdf_url (journals' and repositories'
	// pages: OJS, DSpace, EPrints), a PDF alternate.
	doc.Find(`meta[name][content], link[rel][type][href]`).Each(func(_ int, s *goquery.Selection) {
		name := strings.ToLower(s.AttrOr("name", ""))
		declared := name == "citation_pdf_url" || name == "bepress_citation_pdf_url" ||
			HasRel(s.AttrOr("rel", ""), "alternate") && strings.EqualFold(strings.TrimSpace(s.AttrOr("type", "")), "application/pdf")
		if u := p.Abs(cmp.Or(s.AttrOr("content", ""), s.AttrOr("href", ""))); declared && u != "" && !seen[u] {
			seen[u] = true
			m.PDFLinks = append(m.PDFLinks, u)
		}
	})
	return m
}

// pdfsIn returns the addresses of PDFs that a value names: a URL, or JSON
// holding some (its slashes escaped or not).
func pdfsIn(v string) []string {
	if !strings.Contains(strings.ToLower(v), ".pdf") {
		return nil
	}
	return pdfInText.FindAllString(strings.ReplaceAll(v, `\/`, "/"), 20)
}

var (
	// pdfInText is a PDF's address in a value: no quote, space or JSON
	// punctuation in it, ".pdf" at its path's end, a query perhaps after.
	pdfInText = regexp.MustCompile(`(?i)[^"'\s<>{}\[\],;()]+\.pdf(?:\?[^"'\s<>{}\[\],;()]*)?`)
	// viewerFile is a flipbook's or a PDF viewer's option naming its file, in a
	// script setting them: "source": "….pdf" (dFlip), "pdfUrl" (Real3D).
	viewerFile = regexp.MustCompile(`(?i)["']?(?:source|pdfurl|pdf_url)["']?\s*:\s*["']([^"'\s]+\.pdf(?:\?[^"'\s]*)?)["']`)
)

// isFeedLink reports whether a <link> names a news feed (RSS, Atom) of items,
// not of a post's comments (WordPress's "… Comments Feed", "Стрічка коментарів
// до «…»", an address with /comments/).
func isFeedLink(s *goquery.Selection) bool {
	t := strings.ToLower(s.AttrOr("type", ""))
	return HasRel(s.AttrOr("rel", ""), "alternate") && (strings.Contains(t, "rss") || strings.Contains(t, "atom")) &&
		!commentsFeed.MatchString(s.AttrOr("title", "")) && !strings.Contains(strings.ToLower(s.AttrOr("href", "")), "/comments/")
}

// commentsFeed matches the title of a feed of comments.
var commentsFeed = regexp.MustCompile(`(?i)comments\s+feed|feed\s+of\s+comments|коментар\p{L}*\s+до|комментари\p{L}*\s+к`)

// scriptedLinks are the addresses an element's script attributes lead to (see
// Links): a value that reads as an address (with a scheme, from "/", "./" or
// "../", or a file's name ending in .pdf or .html), or the string an onclick
// sets the location to or opens.
func scriptedLinks(s *goquery.Selection) []string {
	var out []string
	for _, attr := range []string{"data-href", "data-url", "data-link"} {
		if v, ok := s.Attr(attr); ok && addressLike(v) && !scriptResource.MatchString(v) {
			out = append(out, v)
		}
	}
	if goquery.NodeName(s) == "option" {
		if v := s.AttrOr("value", ""); addressLike(v) {
			out = append(out, v)
		}
	}
	for _, m := range scriptLocation.FindAllStringSubmatch(s.AttrOr("onclick", ""), -1) {
		out = append(out, m[1])
	}
	return out
}

// scriptResource matches what a script fetches rather than goes to: an image,
// a style or script, an AJAX endpoint, a share button's service.
var scriptResource = regexp.MustCompile(`(?i)\.(jpe?g|png|gif|svg|webp|css|js|json)(\?|$)|admin-ajax|wp-json|wp-admin|/api/|sharer|share\?|intent/tweet`)

// scriptLocation matches a script's move to an address: location.href = '…',
// location.assign('…'), window.open('…').
var scriptLocation = regexp.MustCompile(`(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\s*\(|window\.open\s*\()\s*['"]([^'"]+)['"]`)

// addressLike reports whether a script's value is written as an address.
func addressLike(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	for _, p := range []string{"http://", "https://", "/", "./", "../"} {
		if strings.HasPrefix(v, p) && !strings.HasPrefix(v, "//#") {
			return true
		}
	}
	return v != "" && !strings.ContainsAny(v, " ()") && (strings.HasSuffix(v, ".pdf") || strings.HasSuffix(v, ".html") || strings.HasSuffix(v, ".htm"))
}

// viewerParams are the query parameters through which a document viewer is given
// the document it shows: pdf.js's web/viewer.html?file=, Google's viewer?url=.
var viewerParams = []string{"file", "url", "src", "doc"}

// viewed returns the documents a link u shows when it is a viewer's: the values of
// its viewerParams written as addresses (with a scheme, or a path from "/", "./"
// or "../"; not "?src=homepage" nor "?file=123") that resolve, as the viewer
// resolves them (against u), to a PDF or to a page on the page's own host.
func (p *Page) viewed(u string) []string {
	vu, err := url.Parse(u)
	if err != nil || vu.RawQuery == "" {
		return nil
	}
	var docs []string
	for _, kv := range strings.Split(vu.RawQuery, "&") {
		rawKey, rawValue, _ := strings.Cut(kv, "=")
		key, err1 := url.QueryUnescape(rawKey)
		value, err2 := url.QueryUnescape(rawValue)
		if err1 != nil || err2 != nil || !slices.ContainsFunc(viewerParams, func(name string) bool { return strings.EqualFold(key, name) }) {
			continue
		}
		if v := strings.ToLower(value); !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") &&
			!strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "./") && !strings.HasPrefix(v, "../") && !IsPDFURL(v) {
			continue // an identifier, a word: the script's, not an address
		}
		d := p.resolve(vu, value)
		if d == "" {
			continue
		}
		if du, err := url.Parse(d); err == nil && (IsPDFURL(d) || strings.EqualFold(du.Host, p.base.Host)) {
			docs = append(docs, d)
		}
	}
	return docs
}

// ParseRefresh reads a refresh's content, of a <meta http-equiv="refresh"> or an
// HTTP Refresh header ("0; url=/target/", "5;URL='/target/'", "5;/target/"), as
// browsers do (HTML's shared declarative refresh steps): its delay, and its URL as
// written, to resolve; "" when it names none (a reload). ok is false when content
// is no refresh.
func ParseRefresh(content string) (delay time.Duration, target string, ok bool) {
	const ws = "\t\n\f\r "
	s := strings.TrimLeft(content, ws)
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == 0 && (s == "" || s[0] != '.') {
		return 0, "", false
	}
	secs := int64(0)
	if i > 0 {
		n, err := strconv.ParseInt(s[:i], 10, 32)
		if err != nil {
			n = 1<<31 - 1 // too long to wait for: never
		}
		secs = n
	}
	// Fractions of a second are ignored.
	for i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '.') {
		i++
	}
	s = s[i:]
	if s != "" {
		if c := s[0]; c != ';' && c != ',' && !strings.ContainsRune(ws, rune(c)) {
			return 0, "", false
		}
		s = strings.TrimLeft(s, ws)
		if s != "" && (s[0] == ';' || s[0] == ',') {
			s = s[1:]
		}
		s = strings.TrimLeft(s, ws)
	}
	delay = time.Duration(secs) * time.Second
	if s == "" {
		return delay, "", true
	}
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		rest := strings.TrimLeft(s[3:], ws)
		if !strings.HasPrefix(rest, "=") {
			return delay, corpus.TrimURL(s), true // "urgent.html"
		}
		s = strings.TrimLeft(rest[1:], ws)
	}
	if s != "" && (s[0] == '\'' || s[0] == '"') {
		q := s[0]
		s = s[1:]
		if end := strings.IndexByte(s, q); end >= 0 {
			s = s[:end]
		}
	}
	return delay, corpus.TrimURL(s), true
}

// languageRow is the links of rows of links that each name a language (exactly:
// languageNames), two or more languages side by side under one parent: a language
// switch whatever its class.
// Links to files are left out: "Download: English | Українська" offers a PDF in
// each language, no version of the page.
func languageRow(doc *goquery.Document) *goquery.Selection {
	named := func(a *goquery.Selection) string {
		if IsPDFURL(a.AttrOr("href", "")) {
			return ""
		}
		return languageNames[strings.ToLower(strings.TrimSpace(a.Text()))]
	}
	return doc.Find("a[href]").FilterFunction(func(_ int, a *goquery.Selection) bool {
		if named(a) == "" {
			return false
		}
		langs := map[string]bool{}
		a.Parent().ChildrenFiltered("a[href]").Each(func(_ int, b *goquery.Selection) {
			if l := named(b); l != "" {
				langs[l] = true
			}
		})
		return len(langs) >= 2
	})
}

// fileLink reports whether a link leads to a file, by its address (".pdf", a
// "download" or "files" folder: WordPress's Download Monitor marks its links
// nofollow), its class or its text ("Download", "Завантажити", "PDF").
func fileLink(a *goquery.Selection, u string) bool {
	if IsPDFURL(u) || fileWords.MatchString(u) || fileWords.MatchString(a.AttrOr("class", "")) {
		return true
	}
	return fileWords.MatchString(a.Text())
}

// pageLink reports whether a link leads to a listing's next or previous page:
// by its rel, or a page's number in its address ("?page=2", "?PAGEN_1=2",
// "/page/2/").
func pageLink(a *goquery.Selection, u string) bool {
	if HasRel(a.AttrOr("rel", ""), "next", "prev") || pagePath.MatchString(u) {
		return true
	}
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	for k, vs := range pu.Query() {
		k = ParamName(k)
		if _, err := strconv.Atoi(strings.Join(vs, "")); err == nil && (slices.Contains(PageParams, k) || bitrixPage.MatchString(k)) {
			return true
		}
	}
	return false
}

// PageParams are the query parameters with which a listing pages its items, by
// number (ParamName).
var PageParams = []string{"page", "pg", "paged", "start", "offset", "limit", "per_page", "perpage", "currentpage"}

// ParamName is a query parameter's name as a listing means it, lower case: the
// last of its bracketed names where it has them, as a plugin's parameters do
// (TYPO3's "tx_news_pi1[currentPage]": "currentpage";
// "tx_news_pi1[overwriteDemand][categories]": "categories"), not a number
// (Drupal's facets, "f[0]").
func ParamName(k string) string {
	k = strings.ToLower(k)
	if m := bracketName.FindStringSubmatch(k); m != nil {
		return m[1]
	}
	return k
}

// bracketName is the last bracketed name of a query parameter's.
var bracketName = regexp.MustCompile(`\[([a-z_]+)\]$`)

var (
	// pagePath is a page's number in a listing's path ("/page/2/").
	pagePath = regexp.MustCompile(`/page/\d+/?$`)
	// bitrixPage is 1C-Bitrix's page parameter ("PAGEN_1").
	bitrixPage = regexp.MustCompile(`^pagen_\d+$`)
)

// fileWords are the words of a link to a file.
var fileWords = regexp.MustCompile(`(?i)download|attachment|/files?/|\bpdf\b|завантаж|скача`)

// versionLink is the language a link names as the page's version in it, by its
// whole text ("English version", "Українська версія"), by its language's name
// after such a label ("English version: English"), or by such a label just
// before it, whatever it says ("English version: <a>Parliamentary Oversight
// under Martial Law</a>", a post's line to its translation): alone too, not as
// a language switch's link only; "" for another link or a file's.
func versionLink(a *goquery.Selection) string {
	if IsPDFURL(a.AttrOr("href", "")) {
		return ""
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	if label, ok := labelBefore(a.Nodes[0]); ok {
		label = norm(label)
		for _, name := range slices.Sorted(maps.Keys(versionNames)) {
			if label == name || strings.HasSuffix(label, " "+name) || strings.HasSuffix(label, "("+name) {
				return versionNames[name]
			}
		}
	}
	raw := a.Text()
	if len(raw) > maxVersionText {
		return "" // a title's link: no version's name is so long
	}
	text := norm(raw)
	if l := versionNames[text]; l != "" {
		return l
	}
	if l := languageNames[text]; l != "" {
		if label, rest, ok := strings.Cut(norm(a.Parent().Text()), ":"); ok && versionNames[label] != "" && strings.TrimSpace(rest) == text {
			return l
		}
		// A field of the versions, its label in the term or cell before
		// ("<dt>Other language versions</dt><dd><a>Ukrainian</a></dd>").
		if field := a.Closest("dd, td"); field.Length() > 0 && versionsLabel[strings.TrimRight(norm(field.Prev().Text()), ": ")] {
			return l
		}
	}
	return ""
}

// versionsLabel are the labels of a field listing a publication's versions in
// other languages, lower-case, without a colon.
var versionsLabel = map[string]bool{
	"other language versions": true, "language versions": true, "other languages": true, "also available in": true, "available in": true,
	"translations": true, "інші мовні версії": true, "мовні версії": true, "інші мови": true, "також доступно": true,
	"переклади": true, "другие языковые версии": true, "языковые версии": true, "другие языки": true, "переводы": true,
}

// labelBefore is the label a link follows, its colon or dash aside: the text
// just before it that ends in one ("English version: <a>", "<strong>English
// version:</strong> <a>"); false for a sentence going on into the link ("the
// Ukrainian translation <a>of the law</a>").
func labelBefore(n *html.Node) (string, bool) {
	prev := n.PrevSibling
	text := ""
	for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
		text, prev = prev.Data+text, prev.PrevSibling
	}
	switch {
	case prev == nil:
		return "", false
	case prev.Type == html.TextNode:
		text = prev.Data + text
	case prev.Type == html.ElementNode:
		text = goquery.NewDocumentFromNode(prev).Text() + text
	}
	text = strings.TrimSpace(text)
	trimmed := strings.TrimRight(text, ":—–- ")
	return strings.TrimSpace(trimmed), trimmed != text && strings.ContainsAny(text[len(trimmed):], ":—–")
}

// maxVersionText is the most bytes a version link's text has (versionNames,
// with spaces about it).
const maxVersionText = 80

// Undetermined is the language of a version a page names without saying in
// which language (Links.Alternates): "Other language version: <a>…</a>"; the
// version's own page says.
const Undetermined = "und"

// versionNames are what a link to a page's version in a language says when it
// says so.
var versionNames = map[string]string{
	"english version": "en", "ukrainian version": "uk", "russian version": "ru", "read in english": "en", "read in ukrainian": "uk",
	"english translation": "en", "ukrainian translation": "uk", "читати англійською": "en", "читати українською": "uk",
	"українська версія": "uk", "версія українською": "uk", "англійська версія": "en", "версія англійською": "en", "російська версія": "ru",
	"русская версия": "ru", "версия на русском": "ru", "английская версия": "en", "версия на английском": "en", "украинская версия": "uk",
	// A version in another language, which its page names: "und", undetermined.
	"other version": Undetermined, "other language version": Undetermined, "інша мовна версія": Undetermined, "версія іншою мовою": Undetermined,
	"другая языковая версия": Undetermined, "версия на другом языке": Undetermined,
	"in english": "en", "in ukrainian": "uk", "in russian": "ru", "англійською мовою": "en", "українською мовою": "uk", "російською мовою": "ru",
	"на английском языке": "en", "на украинском языке": "uk", "на русском языке": "ru",
}

// languageNames are what a link to a page's version in a language says, exactly: a
// row of links that name countries ("Ukraine", "Russia") is no language switch.
var languageNames = map[string]string{
	"en": "en", "eng": "en", "english": "en", "англійська": "en", "английский": "en", "english version": "en",
	"uk": "uk", "ua": "uk", "укр": "uk", "українська": "uk", "українською": "uk", "ukrainian": "uk", "украинский": "uk", "українська версія": "uk",
	"ru": "ru", "рус": "ru", "русский": "ru", "російська": "ru", "russian": "ru", "русская версия": "ru",
}

// invisible are the elements whose text a reader does not see.
var invisible = map[string]bool{"script": true, "style": true, "noscript": true, "template": true}

// Text is the visible text of the page's body, its words separated by single spaces.
func (p *Page) Text() string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			for _, w := range strings.Fields(n.Data) {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(w)
			}
			return
		case html.ElementNode:
			if invisible[n.Data] {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range p.Doc.Find("body").Nodes {
		walk(n)
	}
	return b.String()
}

// HasRel reports whether a rel attribute holds one of values.
func HasRel(rel string, values ...string) bool {
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		for _, v := range values {
			if r == v {
				return true
			}
		}
	}
	return false
}

// IsPDFURL reports whether a URL's path names a PDF, or the URL downloads a file
// kept on Google Drive (DriveFile) or Figshare (FigshareFile), or a Google Docs
// document as a PDF (DocsExport).
func IsPDFURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	return strings.HasSuffix(strings.ToLower(p.Path), ".pdf") || DriveFile(p) || DocsExport(p) || FigshareFile(p)
}

// FigshareFile reports whether an address downloads a file of a Figshare item
// ("ndownloader.figshare.com/files/12345678"): a repository's PDF most often,
// which its Content-Type tells.
func FigshareFile(u *url.URL) bool {
	h := strings.ToLower(u.Hostname())
	rest, ok := strings.CutPrefix(u.Path, "/files/")
	return ok && strings.HasPrefix(h, "ndownloader.figshare.") && rest != "" && strings.Trim(rest, "0123456789") == ""
}

// DriveFile reports whether an address downloads a file kept on Google Drive
// (driveDownload's address, and the one it redirects to): a file a site links,
// most often a PDF, which its Content-Type tells.
func DriveFile(u *url.URL) bool {
	h := strings.ToLower(u.Hostname())
	return (h == "drive.google.com" && u.Path == "/uc" || h == "drive.usercontent.google.com" && u.Path == "/download") && u.Query().Get("id") != ""
}

// switchLang returns the language a language switch's link names by its text
// ("English", "Українська", "RU", "UA"), or "".
func switchLang(text string) string {
	t, _, _ := strings.Cut(text, "(") // "English (UK)"
	t = strings.TrimSpace(t)
	switch strings.ToLower(t) {
	case "en", "eng":
		return "en"
	case "ua", "uk", "укр":
		return "uk"
	case "ru", "рус":
		return "ru"
	}
	if len([]rune(t)) > 12 || strings.Contains(t, " ") {
		return ""
	}
	return vocab.LangOf(t)
}
