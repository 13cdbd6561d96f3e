package extract

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// boilerplate selects elements that are never content: site chrome, navigation,
// language switches, sharing widgets, credits.
const boilerplate = `script, style, noscript, template, svg, iframe, form, nav, aside, button,
[role=navigation], [role=banner], [role=contentinfo], [role=search], [aria-hidden=true]`

// boilerplateWords mark an element as chrome when they appear in its class or id.
var boilerplateWords = []string{
	"menu", "navbar", "breadcrumb", "lang-switch", "language-switch", "languages", "share",
	"social", "cookie", "copyright", "credit", "sidebar", "widget", "skip-link", "site-header",
	"site-footer", "site-title", "related", "comment", "footer", "pagination", "pager",
	"newsletter", "subscribe", "region-header",
}

// blockTags end a line of text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "tr": true, "td": true,
	"th": true, "table": true, "section": true, "article": true, "header": true,
	"footer": true, "blockquote": true, "pre": true, "dd": true, "dt": true, "dl": true,
	"figure": true, "figcaption": true, "main": true, "hr": true, "address": true, "time": false,
}

// HTML extracts the main content of a web page as one page of text, and its metadata.
// contentType is the HTTP Content-Type (it may name the charset; "" lets the page say);
// pageURL is where the page was found and resolves its relative links.
func HTML(r io.Reader, contentType, pageURL string) (*Result, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("html: page URL %q: %w", pageURL, err)
	}
	utf8, err := charset.NewReader(r, contentType)
	if err != nil {
		return nil, fmt.Errorf("html: charset: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(utf8)
	if err != nil {
		return nil, fmt.Errorf("html: parse: %w", err)
	}
	if href, ok := doc.Find("base[href]").Attr("href"); ok {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}
	abs := func(href string) string {
		href = strings.TrimSpace(href)
		if href == "" || strings.HasPrefix(href, "#") {
			return ""
		}
		u, err := base.Parse(href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != base.Scheme) {
			return ""
		}
		u.Fragment = ""
		return u.String()
	}

	var m Meta
	m.Lang = normLang(doc.Find("html").AttrOr("lang", ""))
	m.Canonical = abs(doc.Find("link[rel=canonical]").AttrOr("href", ""))
	doc.Find("link[rel=alternate][hreflang], a[hreflang]").Each(func(_ int, s *goquery.Selection) {
		lang := normLang(s.AttrOr("hreflang", ""))
		u := abs(s.AttrOr("href", ""))
		if lang == "" || lang == "x" || u == "" {
			return
		}
		if m.Alternates == nil {
			m.Alternates = map[string]string{}
		}
		if _, ok := m.Alternates[lang]; !ok {
			m.Alternates[lang] = u
		}
	})
	seen := map[string]bool{}
	// Links: anchors, and the pagination a page declares in its head.
	doc.Find("a[href], link[href]").Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "link" && !hasRel(s.AttrOr("rel", ""), "next", "prev") {
			return
		}
		u := abs(s.AttrOr("href", ""))
		if u == "" || seen[u] {
			return
		}
		seen[u] = true
		if isPDFURL(u) {
			m.PDFLinks = append(m.PDFLinks, u)
		} else {
			m.Links = append(m.Links, u)
		}
	})

	m.Title = firstText(doc, `meta[property="og:title"]`, `meta[name="citation_title"]`)
	m.Summary = firstText(doc, `meta[name=description]`, `meta[property="og:description"]`)
	m.Publisher = firstText(doc, `meta[name=citation_publisher]`, `meta[name="dc.publisher"]`, `meta[property="og:site_name"]`)
	m.Type = strings.ToLower(firstText(doc, `meta[name="dc.type"]`, `meta[name=citation_type]`))
	m.Date = parseDate(firstText(doc, `meta[property="article:published_time"]`, `meta[name=citation_publication_date]`, `meta[name="dc.date"]`))
	doc.Find(`meta[name=author], meta[name=citation_author]`).Each(func(_ int, s *goquery.Selection) {
		m.Authors = append(m.Authors, splitAuthors(s.AttrOr("content", ""))...)
	})
	doc.Find(`meta[property="article:tag"]`).Each(func(_ int, s *goquery.Selection) {
		m.Topics = appendUnique(m.Topics, cleanLine(s.AttrOr("content", "")))
	})

	body := doc.Find("body")
	// Articles not nested in another article: more than one is a list of items.
	items := body.Find("article").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.ParentsFiltered("article").Length() == 0
	})
	readMore := body.Find("a").FilterFunction(func(_ int, s *goquery.Selection) bool {
		t := strings.ToLower(s.Text())
		return strings.Contains(t, "read more") || strings.Contains(t, "детальніше") || strings.Contains(t, "читати далі")
	})
	// A teaser is an article whose heading links to another page: the item lives
	// elsewhere. A page whose only articles are teasers lists items (e.g. the last
	// page of an archive, with a single item left).
	self := strings.TrimRight(pageURL, "/")
	teasers := items.FilterFunction(func(_ int, s *goquery.Selection) bool {
		href, ok := s.Find("h1, h2, h3").First().Find("a[href]").Attr("href")
		return ok && strings.TrimRight(abs(href), "/") != self
	})
	m.Listing = items.Length() >= 2 || readMore.Length() >= 3 ||
		items.Length() > 0 && teasers.Length() == items.Length() ||
		body.Find("link[rel=next], a[rel=next]").Length() > 0 && items.Length() != 1

	main := pickMain(body, items)
	// Dates, authors, topics and type named inside the content.
	if m.Date.IsZero() {
		m.Date = parseDate(main.Find("time[datetime]").First().AttrOr("datetime", ""))
	}
	if len(m.Authors) == 0 {
		main.Find(`[rel=author], .author, .authors, [itemprop=author]`).First().Each(func(_ int, s *goquery.Selection) {
			m.Authors = splitAuthors(s.Text())
		})
	}
	main.Find(`a[rel~=tag]`).Each(func(_ int, s *goquery.Selection) {
		href := s.AttrOr("href", "")
		t := cleanLine(s.Text())
		if m.Type == "" && (strings.Contains(href, "type/") || strings.Contains(href, "/kind/")) {
			m.Type = strings.ToLower(t)
			return
		}
		m.Topics = appendUnique(m.Topics, t)
	})
	if h1 := cleanLine(main.Find("h1").First().Text()); h1 != "" && m.Title == "" {
		m.Title = h1
	}
	if m.Title == "" {
		m.Title = cleanLine(body.Find("h1").First().Text())
	}
	if m.Title == "" {
		m.Title = trimSiteName(cleanLine(doc.Find("title").First().Text()))
	}

	main.Find(boilerplate).Remove()
	removeChrome(main)
	text := joinLines(splitLines(blockText(main)), nil)
	if !m.Listing {
		// The first substantial paragraph, unless the page describes itself; a
		// description that the paragraph continues was cut short: take the paragraph.
		desc := strings.TrimRight(strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(m.Summary, "…"), "...")), " ")
		main.Find("p").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			t := cleanLine(s.Text())
			if len([]rune(t)) < 80 {
				return true
			}
			if desc == "" || strings.HasPrefix(t, desc) && len(t) > len(desc) {
				m.Summary = t
			}
			return false
		})
	}
	if m.Lang == "" {
		m.Lang = DetectLang(text)
	}
	m.PageCount = 1
	page := Page{Number: 1, Text: text, Lang: m.Lang, Status: StatusOK}
	if text == "" {
		page.Status = StatusEmpty
	}
	return &Result{Pages: []Page{page}, Meta: m}, nil
}

// pickMain returns the element that holds the page's content: its one article, else
// main, else the body with the site's header and footer removed.
func pickMain(body, items *goquery.Selection) *goquery.Selection {
	if items.Length() == 1 {
		return items.First()
	}
	for _, sel := range []string{"main", "[role=main]", "#content", ".entry-content"} {
		if s := body.Find(sel).First(); s.Length() > 0 {
			return s
		}
	}
	body.ChildrenFiltered("header, footer").Remove()
	if s := densest(body); s != nil {
		return s
	}
	return body
}

// densest returns the element that holds most of the page's paragraph text, for pages
// that mark no article or main element (old table layouts, CMS themes built of
// divs): each paragraph of some length counts fully for its parent and half for its
// grandparent, as readability scores candidates. It returns nil when no element
// holds enough text to choose.
func densest(body *goquery.Selection) *goquery.Selection {
	const minParagraph, minTotal = 40, 100
	score := map[*html.Node]int{}
	body.Find("p, pre, blockquote, td").Each(func(_ int, p *goquery.Selection) {
		if p.Is("td") && p.Find("p").Length() > 0 {
			return // a layout cell: its paragraphs count
		}
		n := len([]rune(strings.TrimSpace(p.Text())))
		if n < minParagraph {
			return
		}
		if parent := p.Nodes[0].Parent; parent != nil {
			score[parent] += n
			if gp := parent.Parent; gp != nil {
				score[gp] += n / 2
			}
		}
	})
	var best *html.Node
	for n, sc := range score {
		if best == nil || sc > score[best] {
			best = n
		}
	}
	if best == nil || score[best] < minTotal || best == body.Nodes[0] {
		return nil
	}
	// Keep the heading above the text when the chosen element's parent holds it.
	sel := goquery.NewDocumentFromNode(best).Selection
	if sel.Find("h1, h2").Length() == 0 && best.Parent != nil && best.Parent != body.Nodes[0] {
		if parent := goquery.NewDocumentFromNode(best.Parent).Selection; parent.ChildrenFiltered("h1, h2").Length() > 0 {
			return parent
		}
	}
	return sel
}

// removeChrome drops descendants whose class or id names them as site chrome.
func removeChrome(s *goquery.Selection) {
	s.Find("[class], [id]").Each(func(_ int, e *goquery.Selection) {
		name := strings.ToLower(e.AttrOr("class", "") + " " + e.AttrOr("id", ""))
		for _, w := range boilerplateWords {
			if strings.Contains(name, w) {
				e.Remove()
				return
			}
		}
	})
}

// blockText renders the text of a selection with a line break after every block element.
func blockText(s *goquery.Selection) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode, html.DocumentNode:
			block := blockTags[n.Data]
			if block {
				b.WriteByte('\n')
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			if block {
				b.WriteByte('\n')
			}
		}
	}
	for _, n := range s.Nodes {
		walk(n)
	}
	return b.String()
}

func firstText(doc *goquery.Document, selectors ...string) string {
	for _, sel := range selectors {
		if t := cleanLine(doc.Find(sel).First().AttrOr("content", "")); t != "" {
			return t
		}
	}
	return ""
}

// trimSiteName drops a " – Site Name" suffix from a <title>.
func trimSiteName(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// splitAuthors splits an authors line ("By A, B and C") into names.
func splitAuthors(s string) []string {
	s = cleanLine(s)
	for _, p := range []string{"Authors:", "Author:", "Автори:", "Автор:", "By ", "by "} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	for _, sep := range []string{" and ", " та ", " і ", " & ", ";"} {
		s = strings.ReplaceAll(s, sep, ",")
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = appendUnique(out, f)
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}

// hasRel reports whether a rel attribute lists one of the values.
func hasRel(rel string, values ...string) bool {
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		for _, v := range values {
			if r == v {
				return true
			}
		}
	}
	return false
}

// parseDate reads the date formats found in page metadata; the zero time if none fits.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", "2006/01/02", "02.01.2006", "2006-01", "2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// isPDFURL reports whether a URL's path names a PDF file.
func isPDFURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	return strings.HasSuffix(strings.ToLower(p.Path), ".pdf")
}
