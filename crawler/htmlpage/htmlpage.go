// Package htmlpage reads what a crawler needs of an HTML page — its canonical name,
// its language versions, the PDFs and pages it links, its visible text — and hands
// the parsed page on to those who read more of it (indexer/extract).
package htmlpage

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/ssgsearch/ssgsearch/data/vocab"
)

// Page is a parsed HTML page and the URL its links resolve against.
type Page struct {
	Doc  *goquery.Document
	base *url.URL
}

// Parse reads an HTML page: r is its body, contentType the HTTP Content-Type (it
// may name the charset; "" lets the page say), pageURL where it was found, which
// its relative links resolve against (or the page's <base href>).
func Parse(r io.Reader, contentType, pageURL string) (*Page, error) {
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
	return &Page{Doc: doc, base: base}, nil
}

// Abs resolves a link of the page to an absolute URL without its fragment: http or
// https, or the page's own scheme; "" for an empty link, a fragment alone or
// another scheme (mailto:, javascript:).
func (p *Page) Abs(href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := p.base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != p.base.Scheme) {
		return ""
	}
	u.Fragment = ""
	return u.String()
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
	// the other pages it links (anchors, and the rel=next/prev pagination it declares
	// in its head), each once, in document order.
	PDFLinks, Links []string
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
	switches := doc.Find("link[rel=alternate][hreflang], a[hreflang], a[lang][href], [class*=lang] a[href], a[href]:has([lang])").AddSelection(languageRow(doc))
	switches.Each(func(_ int, s *goquery.Selection) {
		lang := vocab.PrimaryTag(s.AttrOr("hreflang", s.AttrOr("lang", "")))
		if lang == "" {
			lang = vocab.PrimaryTag(s.Find("[lang]").First().AttrOr("lang", ""))
		}
		if lang == "" {
			lang = switchLang(s.Text())
		}
		if lang == "" {
			// A flag: the language is the image's alternative text or title.
			img := s.Find("img").First()
			lang = switchLang(cmp.Or(s.AttrOr("title", ""), img.AttrOr("alt", ""), img.AttrOr("title", "")))
		}
		u := p.Abs(s.AttrOr("href", ""))
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
	doc.Find("a[href], link[href]").Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "link" && !HasRel(s.AttrOr("rel", ""), "next", "prev") {
			return
		}
		u := p.Abs(s.AttrOr("href", ""))
		if u == "" || seen[u] {
			return
		}
		seen[u] = true
		if IsPDFURL(u) {
			m.PDFLinks = append(m.PDFLinks, u)
		} else {
			m.Links = append(m.Links, u)
		}
	})
	return m
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

// IsPDFURL reports whether a URL's path names a PDF.
func IsPDFURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	return strings.HasSuffix(strings.ToLower(p.Path), ".pdf")
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
