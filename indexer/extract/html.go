package extract

import (
	"cmp"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/crawler/htmlpage"
	"github.com/ssgsearch/ssgsearch/data/vocab"
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
	hp, err := htmlpage.Parse(r, contentType, pageURL)
	if err != nil {
		return nil, err
	}
	doc, abs := hp.Doc, hp.Abs
	links := hp.Links()
	m := Meta{Lang: links.Lang, Canonical: links.Canonical, Alternates: links.Alternates, PDFLinks: links.PDFLinks, PDFTexts: links.PDFTexts, Links: links.Links}

	tags := metaTags(doc)
	var info pageInfo
	cit, dc := citationFields(tags), dublinCore(tags)
	ld := jsonLD(doc, &info)
	md := microdata(doc, &info)
	info.meta = structured(cit, dc, ld, md)
	info.og = openGraph(tags)
	siteName := first(tags, "og:site_name", "application-name")
	if siteName != "" {
		// "Title | Site", as a <title> is written (see pageTitle).
		for _, sep := range siteSeparators {
			if t, ok := strings.CutSuffix(info.og.title, sep+siteName); ok && strings.TrimSpace(t) != "" {
				info.og.title = strings.TrimSpace(t)
				break
			}
		}
	}
	if u := abs(first(tags, "citation_pdf_url")); u != "" {
		info.mainPDF = append(info.mainPDF, u)
		m.DeclaredPDF = u
	}
	if cit.title != "" || dc.title != "" {
		info.work = true
	}
	htmlLang := m.Lang

	body := doc.Find("body")
	if body.Length() == 0 {
		// A frameset: its frames are pages of their own, whose addresses are
		// its links; it shows nothing itself.
		m.Listing, m.PageCount = true, 1
		return &Result{Pages: []Page{{Number: 1, Lang: m.Lang, Status: StatusEmpty}}, Meta: m}, nil
	}
	m.SiteOrganisation = siteOrganisation(first(tags, "og:site_name", "application-name"), copyrightHolder(body))
	// What the page shows is read from its content: the body without the site's
	// chrome (menus, site header and footer, cookie banners, sidebars).
	removeSiteChrome(body)
	lists := itemLists(body, pageURL, abs, 3)
	var inLists []*html.Node
	listText := 0
	for _, l := range lists {
		inLists = append(inLists, l...)
		for _, n := range l {
			listText += textLen(n)
		}
	}
	outside := func(s *goquery.Selection) bool { return !containsNode(inLists, s.Nodes[0]) }
	verdict := listingVerdict{listText: listText, work: info.work, collection: info.collection}
	for _, l := range lists {
		verdict.items += len(l)
	}
	verdict.ownText = textLen(body.Nodes[0]) - listText
	for _, l := range itemLists(body, pageURL, abs, 1) {
		if len(l) < 3 && !containsNode(inLists, l[0]) {
			for _, n := range l {
				if isTeaser(goquery.NewDocumentFromNode(n).Selection) {
					verdict.loose++
					verdict.looseText += textLen(n)
				}
			}
		}
	}
	verdict.paginated = pagination(doc.Selection, pageURL, abs)
	body.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if readMore.MatchString(cleanLine(a.Text())) {
			verdict.readMore++
		}
		if !outside(a) {
			return
		}
		if u := abs(a.AttrOr("href", "")); u != "" && (htmlpage.IsPDFURL(u) || downloadLink(a)) && !teaserFile(a, pageURL, abs) {
			verdict.ownPDF = true
			info.mainPDF = appendUnique(info.mainPDF, u)
		}
	})
	verdict.search = searchResults(pageURL)
	verdict.home = HomePage(pageURL)
	verdict.archive = dateArchive(pageURL, m.Links) || libraryView(pageURL) || taxonomyArchive(pageURL) || directoryIndex(doc.Selection)
	docTitle := pageTitle(doc, body, siteName, pageURL, abs)
	h1 := titleHeading(body, pageURL, abs, docTitle, siteTitle(doc, body, siteName, abs))
	if h1.Length() > 0 {
		verdict.heading = textLen(h1.Nodes[0])
	}
	verdict.empty = emptyView(body)
	verdict.register = documentTable(body, abs, cmp.Or(cleanLine(h1.Text()), docTitle))
	m.Listing = verdict.listing()
	m.NoIndex = noIndex(doc)
	m.Fragment = fragment(doc) && len(links.PDFLinks) == 0
	m.NotFound = !verdict.ownPDF && !info.work && verdict.ownText < notFoundText &&
		(notFoundHeading(cleanLine(h1.Text())) || notFoundHeading(docTitle))
	// The items of lists are other pages' teasers: neither this page's metadata nor
	// its text.
	for _, n := range inLists {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	// What the page shows about itself is looked for first in the article or main
	// element holding its heading, then in the rest of the page.
	region := h1.Closest("article, main, [role=main]")
	if region.Length() == 0 {
		region = body
	}
	info.label, _ = merge([]fields{visibleFields(region, h1, abs), visibleFields(body, h1, abs)}, []string{FromLabel, FromLabel})
	// The heading is the title; a "Title:" field only stands in for a page without
	// one, or completes it (a catalogue's heading shows the title proper alone).
	if t := isbdTrailer.ReplaceAllString(withoutResponsibility(cleanLine(h1.Text())), ""); t != "" || info.label.title == "" {
		if full := strings.ReplaceAll(isbdTrailer.ReplaceAllString(info.label.title, ""), " : ", ": "); t == "" || len(full) <= len(t) ||
			!strings.HasPrefix(strings.ToLower(full), strings.ToLower(strings.TrimSuffix(t, ":"))) {
			info.label.title = t
		} else {
			info.label.title = full
		}
	}
	if sub := subtitle(h1); sub != "" && !strings.ContainsAny(info.label.title, ":—") {
		info.label.title += ": " + sub
	}
	info.post.lang = "" // a plugin's site-wide setting as often as the page's
	if info.kind == "" && (eventPath(pageURL) || info.label.event || announced(region) ||
		body.Find(`a[rel~=category]`).FilterFunction(func(_ int, a *goquery.Selection) bool { return EventSection(a.Text()) }).Length() > 0) {
		info.kind = vocab.Event
	}
	head := fields{title: docTitle, summary: first(tags, "description")}
	for _, a := range all(tags, "author") {
		head.authors = append(head.authors, splitAuthors(a)...)
	}
	// A CMS's author of a post or a page is whoever put it online ("admin",
	// "webeditor") as often as a writer: kept only when they read as people.
	for _, l := range []*fields{&head, &info.post} {
		if !namesOnly(l.authors) {
			l.authors = nil
		}
	}
	ogLang := info.og.lang
	info.og.lang = "" // a theme's default as often as not: weighed below
	// Precedence: structured metadata, then what the page shows, then the theme's
	// OpenGraph defaults and the <title>; topics prefer the taxonomy the page links
	// (free keyword fields are often written for search engines).
	merged, sources := merge([]fields{info.meta, info.label, info.post, info.og, head}, []string{FromMeta, FromLabel, FromMeta, FromMeta, FromLabel})
	if len(info.label.topics) > 0 {
		merged.topics, sources["topics"] = info.label.topics, FromLabel
	}
	m.Title, m.Summary, m.Publisher, m.Type = merged.title, merged.summary, merged.publisher, merged.typ
	if t := yearLabel.ReplaceAllString(m.Title, ""); len(strings.Fields(t)) >= 2 && unicode.IsUpper([]rune(t)[0]) {
		m.Title = t // "2019 - Ukraine's Defence Reform": a site's year label before the title, not a period's start or a sentence's subject ("2022 — рік …")
	}
	m.Authors, m.Topics, m.Lang = merged.authors, merged.topics, merged.lang
	m.Date, m.DatePrecision = merged.date.Time, merged.date.Precision
	// A generic post's date (a CMS's Article, OpenGraph's article:published_time)
	// or one among the post's details says when the page was posted.
	m.DatePosted = merged.posted || sources["date"] != "" && info.meta.date.IsZero() && info.label.date.IsZero()
	m.Kind = info.kind
	m.MainPDFs = info.mainPDF
	m.Sources = sources

	main := pickMain(body, body.Find("article").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.ParentsFiltered("article").Length() == 0
	}))
	main.Find(boilerplate).Remove()
	removeChrome(main)
	lines, _ := splitLines(blockText(main))
	text, _ := joinLines(lines, nil)
	if !m.Listing && sources["summary"] != FromMeta {
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
				m.Sources["summary"] = FromLabel
			}
			return false
		})
	}
	if l := selfVersion(m.Alternates, pageURL, m.Canonical); m.Lang == "" && l != "" && scriptOf(m.Title, l) {
		// The versions the page lists name it as the one in l, and its title is
		// written in l's script: the publisher's word for this page, though its
		// blocks may show another language's text (a field left untranslated
		// falls back to the site's first language). Not a page whose title is
		// another's too: a locale's copy of a page never translated.
		m.Lang, m.Sources["lang"] = l, FromMeta
	}
	if l := queryLanguage(pageURL); m.Lang == "" && l != "" && m.Alternates[l] != "" && len(m.Alternates) >= 2 && scriptOf(m.Title, l) {
		// A site that serves its versions by a query parameter ("view.asp?id=12&
		// lang=en") names the page's language in its address, though its menus
		// and footer, untranslated, outweigh a short text's words.
		m.Lang, m.Sources["lang"] = l, FromURL
	}
	if m.Lang == "" {
		// No statement of the page's language: its own words outweigh the theme's
		// lang attribute and og:locale, which themes often set site-wide.
		switch detected := DetectLang(text); {
		case detected != "" && (len([]rune(text)) > 200 || htmlLang == "" && ogLang == ""):
			m.Lang, m.Sources["lang"] = detected, FromWords
		case htmlLang != "":
			m.Lang, m.Sources["lang"] = htmlLang, FromMeta
		case ogLang != "":
			m.Lang, m.Sources["lang"] = ogLang, FromMeta
		default:
			m.Lang, m.Sources["lang"] = detected, FromWords
		}
	}
	m.PageCount = 1
	page := Page{Number: 1, Text: text, Lang: m.Lang, Status: StatusOK}
	if text == "" {
		page.Status = StatusEmpty
	}
	return &Result{Pages: []Page{page}, Meta: m}, nil
}

// pickMain returns the element that holds the page's content: its one article
// (unless that is another page's teaser, a related post under the content), else
// main, else the body with the site's header and footer removed.
func pickMain(body, items *goquery.Selection) *goquery.Selection {
	if items.Length() == 1 && !(isTeaser(items) && textLen(items.Nodes[0]) < maxTeaserText) {
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

// sentence reports whether a subtitle reads as a sentence describing the page
// (a newsletter post's "A ten-month look at how … checks the contracts."):
// more than a dozen words, ending in a full stop.
func sentence(t string) bool {
	return len(strings.Fields(t)) > 12 && strings.HasSuffix(t, ".")
}

// byline matches a line that names authors: "By Olena Koval", "Автор: …".
var byline = regexp.MustCompile(`(?i)^(by|from|автор\p{L}*|упорядн\p{L}*|укладач\p{L}*|редактор\p{L}*)([\s:]|$)`)

// sectionHeadingText matches the heading of a block of other pages' items
// ("Latest news from the Centre", "Related publications", "Останні новини").
var sectionHeadingText = regexp.MustCompile(`(?i)^(latest|recent|related|more|other|popular|see also|read also|останні|схожі|інші|читайте також|популярні|последние|похожие|другие|читайте также)([^\p{L}]|$)`)

// hasYearDate reports whether a line states a date with its year ("12 March
// 2021, Kyiv"): a dateline, no title.
func hasYearDate(t string) bool { return !ParseDate(t).IsZero() }

// yearLabel is a year a site sets before its titles: "2019 - ", "2021 | ".
var yearLabel = regexp.MustCompile(`^(?:19|20)\d{2}\s+[-–—|]\s+`)

// maxTeaserText bounds the letters of an article read as a teaser.
const maxTeaserText = 500

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

// titleHeading is the page's heading: its first <h1> that is not the site's (see
// siteHeading), unless that names a section the <title> does not and another
// heading is the <title> (docTitle: see pageTitle); without one, the <h2> or
// <h3> that the <title> names, else the one that holds most of its words, or
// when the <title> is only the site's name (siteOnly), the first <h2>; else the
// heading a template shows before its prose (leadingHeading).
func titleHeading(body *goquery.Selection, pageURL string, abs func(string) string, docTitle string, siteOnly bool) *goquery.Selection {
	own := func(h *goquery.Selection) bool { return cleanLine(h.Text()) != "" && !siteHeading(h, pageURL, abs) }
	named := func(sel string) *goquery.Selection {
		return body.Find(sel).FilterFunction(func(_ int, h *goquery.Selection) bool {
			return strings.EqualFold(cleanLine(h.Text()), docTitle) && own(h)
		}).First()
	}
	h := body.Find("h1").FilterFunction(func(_ int, h *goquery.Selection) bool { return own(h) }).First()
	// A template's <h1> naming the section ("Analytical reports") over the
	// element's own heading, which the <title> names.
	if t := strings.ToLower(cleanLine(h.Text())); h.Length() > 0 && docTitle != "" && !strings.Contains(strings.ToLower(docTitle), t) && !strings.Contains(t, strings.ToLower(docTitle)) {
		if other := named("h2, h3, h4, h5, h6"); other.Length() > 0 {
			h = other
		}
	}
	if h.Length() == 0 && docTitle != "" {
		h = named("h2, h3")
	}
	if h.Length() == 0 && docTitle != "" {
		best := 0
		body.Find("h2, h3").Each(func(_ int, c *goquery.Selection) {
			if n := sharedWords(docTitle, cleanLine(c.Text())); n > best && own(c) {
				h, best = c, n
			}
		})
	}
	if h.Length() == 0 && siteOnly {
		h = body.Find("h2").FilterFunction(func(_ int, h *goquery.Selection) bool { return !siteHeading(h, pageURL, abs) }).First()
	}
	if h.Length() == 0 {
		h = leadingHeading(body, pageURL, abs)
	}
	return h
}

// leadingHeading is, on a page without a heading its <title> names, the first
// heading or element its class names a title ("title-news", "t-title",
// "doc-title") before the page's first prose, when it reads as a title (three
// words or more, not a sentence): how a template without an <h1> shows its
// title. None when prose comes first.
func leadingHeading(body *goquery.Selection, pageURL string, abs func(string) string) *goquery.Selection {
	order := map[*html.Node]int{}
	prose := -1 // where the first prose is
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		order[n] = len(order)
		if t := strings.TrimSpace(n.Data); prose < 0 && n.Type == html.TextNode && utf8.RuneCountInString(t) >= 80 &&
			(strings.ContainsAny(t, ".!?") || len(strings.Fields(t)) >= 20) { // a sentence, not a long name
			prose = order[n]
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(body.Nodes[0])
	return body.Find(`h2, h3, h4, [class*=title], [id*=title], [id*=Title]`).FilterFunction(func(_ int, c *goquery.Selection) bool {
		if prose >= 0 && order[c.Nodes[0]] > prose {
			return false
		}
		name := strings.ToLower(c.AttrOr("class", "") + " " + c.AttrOr("id", ""))
		if strings.Contains(name, "subtitle") || strings.Contains(name, "site-title") || strings.Contains(name, "date") || kickerClass.MatchString(name) ||
			c.Closest(`aside, [class*=sidebar], [class*=widget], [class*=col-md-3], [class*=col-lg-3]`).Length() > 0 {
			return false
		}
		t := cleanLine(c.Text())
		n := len(strings.Fields(t))
		return n >= 3 && n <= 30 && !strings.HasSuffix(t, ".") && !hasYearDate(t) && !kicker(t) && !sectionHeadingText.MatchString(t) && !siteHeading(c, pageURL, abs)
	}).First()
}

// kickerClass is a class naming the line a template sets above a title: its
// "uptitle", "pretitle", "kicker", "eyebrow", "overline" or "supertitle".
var kickerClass = regexp.MustCompile(`(?:^|[\s_-])(?:up|pre|super|over)[-_]?title|kicker|eyebrow|overline`)

// kicker reports whether a line says only what a publication is and when
// ("REPORT · NOVEMBER 2023", "ПОСІБНИК · ДРУГЕ ВИДАННЯ · 2024"): a type's name,
// with dates and an edition set apart by separators — a line set above a title,
// never a title.
func kicker(t string) bool {
	parts := kickerSeparator.Split(t, -1)
	if len(parts) < 2 {
		return false // "Annual Report 2023" may be a title
	}
	typed := false
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if _, ok := vocab.NameOf(seriesNumber.ReplaceAllString(p, "")); ok {
			typed = true
			continue
		}
		if p != "" && ParseDate(p).IsZero() && !editionLabel.MatchString(p) {
			return false
		}
	}
	return typed
}

var (
	kickerSeparator = regexp.MustCompile(`\s*[·•|/—–]\s*|\s+-\s+|,\s+`)
	// editionLabel is an edition's label: "Second edition", "2nd ed.", "Друге видання".
	editionLabel = regexp.MustCompile(`(?i)^(?:\p{L}+|\d+(?:st|nd|rd|th|-?е|-?ге)?)\s+(?:edition|ed\.|видання|издание)$|^(?:edition|видання|издание)\s+\d+$`)
)

// sharedWords is how many of a title's words text holds when it holds most of
// them (three in four, of two or more) and every number ("Police Reform
// Monitoring 2020" for "Police Reform Monitoring: Annual Report 2020", not the
// 2019 edition's heading), else 0.
func sharedWords(title, text string) int {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	tw, have := words(title), words(text)
	if len(tw) < 2 {
		return 0
	}
	n := 0
	for _, w := range tw {
		switch {
		case slices.Contains(have, w):
			n++
		case strings.ContainsFunc(w, unicode.IsDigit):
			return 0
		}
	}
	if 4*n < 3*len(tw) {
		return 0
	}
	return n
}

// siteHeading reports whether a heading is the site's, not the page's: a logo, a
// brand or the site's name by its class or its parents', or wholly a link to
// another page (the home page; the listing a library's name links to on every
// item's page) — not to the page itself however spelt, nor to a file.
func siteHeading(h *goquery.Selection, pageURL string, abs func(string) string) bool {
	for s, up := h, 0; s.Length() > 0 && up < 3; s, up = s.Parent(), up+1 {
		name := strings.ToLower(s.AttrOr("class", "") + " " + s.AttrOr("id", ""))
		for _, w := range []string{"logo", "brand", "site-title", "sitename", "site-name", "site_name"} {
			if strings.Contains(name, w) {
				return true
			}
		}
	}
	links := h.Find("a[href]")
	if links.Length() != 1 || cleanLine(links.Text()) != cleanLine(h.Text()) {
		return false
	}
	u := abs(links.AttrOr("href", ""))
	if u == "" || htmlpage.IsPDFURL(u) || fileLink.MatchString(u) {
		return false
	}
	return samePage(u) != samePage(pageURL)
}

// isbdTrailer is the punctuation a catalogue leaves after a title proper whose
// rest it does not show ("Title :", "Title /").
var isbdTrailer = regexp.MustCompile(`\s+[:/;=]$`)

// fileLink is an address of a document file other than a PDF.
var fileLink = regexp.MustCompile(`(?i)\.(docx?|odt|rtf|zip|epub|pptx?|xlsx?)(?:$|[?#])`)

// samePage is an address written one way for every spelling of it: as the corpus
// records it (corpus.Normalize), then without its scheme, a "www." and a final
// slash, which a site's links to itself vary in.
func samePage(u string) string {
	n, err := corpus.Normalize(u, nil)
	if err != nil {
		return u
	}
	return strings.TrimPrefix(n.Host, "www.") + strings.TrimSuffix(n.EscapedPath(), "/") + "?" + n.RawQuery
}

// siteTitle reports whether a page's <title> is only the site's name: its
// OpenGraph site name, or the text of a link to the site's home.
func siteTitle(doc *goquery.Document, body *goquery.Selection, siteName string, abs func(string) string) bool {
	t := cleanLine(doc.Find("title").First().Text())
	if t == "" {
		return false
	}
	if strings.EqualFold(t, siteName) {
		return true
	}
	home := abs("/")
	return body.Find("a[href]").FilterFunction(func(_ int, a *goquery.Selection) bool {
		return strings.EqualFold(cleanLine(a.Text()), t) && samePage(abs(a.AttrOr("href", ""))) == samePage(home)
	}).Length() > 0
}

// subtitle is the text of the element right after the heading that its class
// names a subtitle ("Title" then "Lessons from Five Years of Reform"), or of
// the first field of the element after it so named (Drupal's
// "field-name-field-subtitle" atop the node), or of a lead after it that reads
// as a subtitle, not a sentence ("Посібник для громадських організацій").
func subtitle(h1 *goquery.Selection) string {
	next := h1.Next()
	if next.Length() == 0 || !next.Is("p, div, span, h2, h3, h4, h5, h6") {
		return ""
	}
	for e, depth := next, 0; e.Length() > 0 && depth < 4; e, depth = e.Children().First(), depth+1 {
		name := strings.ToLower(e.AttrOr("class", ""))
		for _, w := range []string{"subtitle", "sub-title", "subheading", "sub-heading", "strapline"} {
			if strings.Contains(name, w) {
				if t := cleanLine(e.Text()); len(t) < 200 && !sentence(t) {
					return t // not a description run as a sentence (a newsletter's post)
				}
			}
		}
		if depth == 0 && slices.Contains(strings.Fields(name), "lead") {
			t := cleanLine(e.Text())
			last, _ := utf8.DecodeLastRuneInString(t)
			if t != "" && len(strings.Fields(t)) <= 12 && !strings.ContainsRune(".!?…", last) && !byline.MatchString(t) && !hasYearDate(t) {
				return t
			}
		}
	}
	return ""
}

// siteSeparators join a <title> and the site's name after it ("Title – Site");
// titleSeparators, those and others, a <title>'s parts: the site's or a section's
// name and the page's title, either way round.
var (
	siteSeparators  = []string{" | ", " – ", " — ", " - "}
	titleSeparators = append(slices.Clone(siteSeparators), ": ", " :: ", " » ", " / ")
)

// pageTitle is the <title> without the site's name: a part the page shows as a
// heading is the title ("Site: Title", "Section - Title"); else a suffix after a
// separator ("Title – Site") is dropped, unless the page shows the whole title as
// a heading or link ("Policy Brief: X — Y") and the suffix is not the site's name.
func pageTitle(doc *goquery.Document, body *goquery.Selection, siteName, pageURL string, abs func(string) string) string {
	t := cleanLine(doc.Find("title").First().Text())
	var headings, h1s []string // the page's own headings, read once, and its h1s among them
	body.Find("h1, h2, h3").Each(func(_ int, h *goquery.Selection) {
		if !siteHeading(h, pageURL, abs) {
			headings = append(headings, cleanLine(h.Text()))
			if h.Is("h1") {
				h1s = append(h1s, cleanLine(h.Text()))
			}
		}
	})
	in := func(list []string, s string) bool {
		return s != "" && slices.ContainsFunc(list, func(h string) bool { return strings.EqualFold(h, s) })
	}
	heading := func(s string) bool { return in(headings, s) }
	if !heading(t) {
		// Of two parts, the one the page shows as its heading; before a colon,
		// only if it is the longer or the other is the site's name: a section's
		// heading ("Publications: …") is no page's title.
		for _, sep := range titleSeparators {
			a, b, ok := strings.Cut(t, sep)
			if a, b = strings.TrimSpace(a), strings.TrimSpace(b); !ok {
				continue
			}
			if heading(b) && !(in(h1s, a) && !in(h1s, b)) {
				return b // "Blog: Title: Subtitle" too; not a site's name in a header's h2 after an h1's title
			}
			if strings.Contains(b, sep) {
				continue
			}
			if heading(a) && (sep != ": " || utf8.RuneCountInString(a) >= utf8.RuneCountInString(b) || strings.EqualFold(b, siteName)) {
				return a
			}
		}
	}
	trimmed := TrimSiteName(t)
	if trimmed == t {
		return t
	}
	suffix := strings.TrimLeft(strings.TrimPrefix(t, trimmed), " |–—-")
	if siteName != "" && strings.EqualFold(strings.TrimSpace(suffix), siteName) {
		return trimmed
	}
	whole := body.Find("h1, h2, h3, a").FilterFunction(func(_ int, s *goquery.Selection) bool { return cleanLine(s.Text()) == t }).Length() > 0
	if whole {
		return t
	}
	return trimmed
}

// TrimSiteName drops a " – Site Name" suffix from a <title>.
func TrimSiteName(t string) string {
	for _, sep := range siteSeparators {
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
	// "et al." and an editors' mark say no name.
	s = etAl.ReplaceAllString(s, "")
	// Names part at semicolons; commas part them too unless what follows a name
	// is their role ("Olena Ivanenko, senior analyst; Petro Sydorenko, expert").
	var out []string
	for _, part := range strings.Split(s, ";") {
		for _, sep := range []string{" and ", " та ", " і ", " и ", " & "} {
			part = strings.ReplaceAll(part, sep, ",")
		}
		var names []string
		for _, f := range strings.Split(part, ",") {
			f = strings.TrimSpace(f)
			// A sentence's full stop ("Hanna Shelest."), not an initial's ("Бондар І. П.").
			if w := strings.Fields(f); len(w) > 1 && strings.HasSuffix(f, ".") && utf8.RuneCountInString(w[len(w)-1]) > 2 {
				f = strings.TrimSuffix(f, ".")
			}
			if f != "" {
				names = append(names, f)
			}
		}
		// Commas part a name from its role too ("John Smith, Head of Research";
		// "Olena Ivanenko, senior analyst, Petro Sydorenko, expert"): the names
		// are the parts that read as names.
		if len(names) > 1 && namesOnly(names[:1]) && !Organisation(names[0]) && !namesOnly(names) {
			names = slices.DeleteFunc(names, func(n string) bool { return !namesOnly([]string{n}) })
		}
		for _, n := range names {
			out = appendUnique(out, n)
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

// downloadLink reports whether a link offers a file for download: by its text
// ("Download", "Завантажити", "PDF"), its class or a download attribute.
func downloadLink(a *goquery.Selection) bool {
	if _, ok := a.Attr("download"); ok || strings.Contains(a.AttrOr("type", ""), "pdf") {
		return true
	}
	class := strings.ToLower(a.AttrOr("class", ""))
	if strings.Contains(class, "download") {
		return true
	}
	t := strings.ToLower(cleanLine(a.Text()))
	for _, w := range []string{"download", "завантаж", "скачат", "скачай", "pdf"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// eventPath reports whether a URL's path puts the page among events.
func eventPath(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	for _, s := range strings.Split(strings.ToLower(p.Path), "/") {
		switch s {
		case "event", "events", "conference", "conferences", "workshop", "workshops", "podii", "podiyi", "zakhody", "zahody",
			"заходи", "події", "meropriyatiya", "meropriyatia", "мероприятия", "sobytiya", "события", "veranstaltungen", "veranstaltung":
			return true
		}
	}
	return false
}

// etAl is "et al." or an editors' mark after a list of names: "(eds.)", "(ред.)".
var etAl = regexp.MustCompile(`(?i)(?:,?\s*\bet\s+al\b\.?|,?\s*\((?:eds?|ред|упор|ed\.\s*by)\.?\))`)

// siteOrganisation is the organisation a site names itself for: its name
// (og:site_name, application-name), else its footer's copyright holder (see
// copyrightHolder), when that is an organisation's ("Razumkov Centre",
// "Friedrich-Ebert-Stiftung"), not a portal's, a library's or a section's
// ("Democratic Security Sector Governance", "NEWS").
func siteOrganisation(siteName, holder string) string {
	for _, name := range []string{cleanLine(siteName), holder} {
		if namedOrganisation(name) {
			return name
		}
	}
	return ""
}

// copyrightHolder is whom the site's footer names after "©" or "Copyright",
// years aside ("© 2007–2024 Інститут Горшеніна. Усі права захищені.", "©
// Friedrich-Ebert-Stiftung 2024", "© 2024 Transparency International UK |
// Registered charity"): the site's owner; "" when no footer says.
func copyrightHolder(body *goquery.Selection) string {
	holder := ""
	body.Find(`footer, [role=contentinfo], [class*=footer], [id*=footer], [class*=copyright], [id*=copyright]`).Each(func(_ int, f *goquery.Selection) {
		name := strings.ToLower(f.AttrOr("class", "") + " " + f.AttrOr("id", ""))
		if f.ParentsFiltered(contentSelector+", "+postSelector).Length() > 0 || strings.Contains(name, "photo") ||
			strings.Contains(name, "image") || strings.Contains(name, "caption") {
			return // an article's footer, a photograph's credit
		}
		if h := holderIn(blockText(f)); h != "" {
			holder = h // the last: the site's own footer, after the content's
		}
	})
	return holder
}

// holderIn reads the name after a copyright sign in a footer's text, up to a
// separator or the rights reserved.
func holderIn(text string) string {
	loc := copyrightSign.FindStringIndex(text)
	if loc == nil {
		return ""
	}
	rest := holderEnd.Split(copyrightYears.ReplaceAllString(text[loc[1]:], ""), 2)[0]
	name := cleanLine(strings.TrimRight(copyrightYears.ReplaceAllString(" "+rest, ""), " ,-–—"))
	if n := len(strings.Fields(name)); n == 0 || n > 10 || !unicode.IsLetter([]rune(name)[0]) {
		return ""
	}
	return name
}

var (
	copyrightSign  = regexp.MustCompile(`(?i)©|\(c\)|copyright\s*(?:©)?`)
	copyrightYears = regexp.MustCompile(`^[\s\d–—-]+|[\s,]+(?:\d{4}\s*[–—-]\s*)?\d{4}\s*$`)
	holderEnd      = regexp.MustCompile(`(?i)[|·•;\n]|\.(?:\s|$)|\s(?:all rights|усі права|всі права|все права|powered by|made (?:on|with|by)|registered|розробка|developed by)`)
)

// removeSiteChrome removes what every page of a site repeats around its content:
// scripts, form controls and forms (but one that wraps the page), navigation
// (but breadcrumbs), the site's header and footer (a header or footer inside the
// content belongs to it), and elements that a class or id names as chrome
// outside the content.
func removeSiteChrome(body *goquery.Selection) {
	body.Find(`script, style, noscript, template, svg, iframe, select, textarea`).Remove()
	// A form that holds half or more of the page's text wraps the page (as
	// ASP.NET WebForms wraps every page in one): its content stays; the others
	// are controls (a search box, a login, a newsletter's sign-up).
	all := textLen(body.Nodes[0])
	body.Find("form").Each(func(_ int, f *goquery.Selection) {
		if n := textLen(f.Nodes[0]); n > 0 && 2*n >= all {
			f.Contents().Unwrap()
		}
	})
	body.Find(`form, button, [role=banner], [role=contentinfo], [role=search], [aria-hidden=true]`).Remove()
	body.Find("nav, [role=navigation]").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return !strings.Contains(strings.ToLower(s.AttrOr("class", "")+s.AttrOr("aria-label", "")), "breadcrumb") && !isPager(s)
	}).Remove()
	// The content: an article, the main element, or a post as WordPress marks
	// one ("hentry", "type-post", "type-publication"), whatever the page builder
	// calls its blocks inside ("elementor-widget").
	inContent := func(s *goquery.Selection) bool { return s.ParentsFiltered(contentSelector).Length() > 0 }
	body.Find("header, footer, aside").FilterFunction(func(_ int, s *goquery.Selection) bool { return !inContent(s) }).Remove()
	// A theme may call the content's own wrapper a widget (Blogger's "widget
	// Blog"): what holds posts, or most of the page's prose, a post's worth of
	// it, is never chrome (a cookie banner's sentence on a page of a title alone
	// is).
	prose := proseLen(body.Nodes[0])
	text := textLen(body.Nodes[0])
	body.Find("[class], [id]").FilterFunction(func(_ int, e *goquery.Selection) bool {
		if inContent(e) || e.Is("main, article") || !chromeNamed(e) || e.Find(postSelector).Length() > 0 {
			return false
		}
		if 10*textLen(e.Nodes[0]) >= 9*text {
			return false // the page's wrapper, whatever its layout's class says ("showSidebar", "has-sidebar")
		}
		own := proseLen(e.Nodes[0])
		return own < minPostProse || 2*own <= prose
	}).Remove()
}

// siteChromeWords mark an element outside the content as site chrome when one of
// its class or id names holds the word ("main-menu", "language-switcher",
// "cookieconsent"), unless the name also has a word of the content's (see
// contentNameWords: "post-footer", "entry-share").
var siteChromeWords = []string{"menu", "navbar", "topbar", "lang-switch", "language-switch", "languages", "langs", "share", "social",
	"cookie", "sliding-popup", "copyright", "credit", "sidebar", "widget", "skip-link", "site-header", "site-footer", "site-title",
	"comment", "footer", "newsletter", "subscribe", "region-header", "masthead", "colophon", "bottom"}

// contentNameWords are words of class names that make a chrome word the
// content's own: a post's footer, an entry's share line.
var contentNameWords = []string{"post", "entry", "article", "node", "story", "content", "item", "blog", "body", "publication"}

// chromeNamed reports whether an element's class or id names it as site chrome
// (see siteChromeWords). A post's taxonomy as classes ("category-comment",
// "tag-social-media") names its subject, not the element.
func chromeNamed(e *goquery.Selection) bool {
	for _, name := range strings.Fields(e.AttrOr("class", "") + " " + e.AttrOr("id", "")) {
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, "category-") || strings.HasPrefix(lower, "tag-") || strings.HasPrefix(lower, "format-") ||
			slices.ContainsFunc(nameParts(name), func(p string) bool { return slices.Contains(contentNameWords, p) }) {
			continue
		}
		for _, w := range siteChromeWords {
			if strings.Contains(lower, w) {
				return true
			}
		}
	}
	return false
}

// nameParts splits a class or id name into its lower-case words: at hyphens,
// underscores, digits and camel case ("mainMenu_2" → main, menu).
func nameParts(name string) []string {
	var parts []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	prevLower := false
	for _, r := range name {
		switch {
		case !unicode.IsLetter(r):
			flush()
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			flush()
		}
		cur = append(cur, r)
		prevLower = unicode.IsLower(r)
	}
	flush()
	return parts
}

// postSelector finds a post or an entry by its markup (microformats' hentry,
// WordPress's and Blogger's post classes).
const contentSelector = `article, main, [role=main], .hentry, .type-post, .type-page, .type-publication, .type-report, .type-document, .type-resource`

const postSelector = `article, .post, .hentry, .entry, .type-post, [class^="post-"], [class*=" post-"], [class^="entry-"], [class*=" entry-"]`

// minPostProse is the prose (see proseLen) an element holds at the least to be
// taken for a post however its classes name it.
const minPostProse = 400

// proseLen is the number of letters under n in text runs of a sentence's length:
// a page's prose, not its menus' and labels' short words.
func proseLen(n *html.Node) int {
	c := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			if t := strings.TrimSpace(n.Data); utf8.RuneCountInString(t) >= 80 {
				c += utf8.RuneCountInString(t)
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return c
}

// isPager reports whether a navigation element is a list's pager.
func isPager(s *goquery.Selection) bool {
	c := strings.ToLower(s.AttrOr("class", "") + " " + s.AttrOr("aria-label", ""))
	return strings.Contains(c, "pagination") || strings.Contains(c, "pager") || strings.Contains(c, "posts")
}

// textLen is the number of letters and digits under n.
func textLen(n *html.Node) int {
	c := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			for _, r := range n.Data {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					c++
				}
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return c
}

// scriptOf reports whether a title is written in the script of language l:
// most of its letters Cyrillic for Ukrainian and Russian, Latin for the others.
func scriptOf(title, l string) bool {
	return strings.ContainsFunc(title, unicode.IsLetter) && (l == "uk" || l == "ru") == Cyrillic(title)
}

// Cyrillic reports whether most of a text's letters are Cyrillic.
func Cyrillic(s string) bool {
	n, c := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
			if unicode.Is(unicode.Cyrillic, r) {
				c++
			}
		}
	}
	return c*2 > n
}

// queryLanguage is the language a page's address selects by a query parameter
// ("lang=en", "ln=uk", "sc_lang=uk-UA"), or "".
func queryLanguage(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	q := u.Query()
	for _, k := range []string{"lang", "ln", "lng", "language", "locale", "sc_lang", "hl"} {
		if v := q.Get(k); v != "" {
			return PathLanguage(v)
		}
	}
	return ""
}

// selfVersion is the language in which a page's list of its versions
// (alternates, two or more) names the page itself, by its address or its
// canonical one; "" when none or several do.
func selfVersion(alternates map[string]string, pageURL, canonical string) string {
	if len(alternates) < 2 {
		return ""
	}
	self := ""
	for l, u := range alternates {
		if l != htmlpage.Undetermined && (u == pageURL || canonical != "" && u == canonical) {
			if self != "" {
				return ""
			}
			self = l
		}
	}
	return self
}

// fragment reports whether a response is a part of a page that a script loads
// into another, not a page: no head (no title, no meta, no style), no heading,
// a few lines (OJS's formatted citation, a widget's markup).
func fragment(doc *goquery.Document) bool {
	return doc.Find("head").Children().Length() == 0 && doc.Find("h1, h2, h3, h4, h5, h6").Length() == 0 &&
		len(strings.TrimSpace(doc.Find("body").Text())) < maxFragmentText
}

// maxFragmentText bounds the text of a fragment (see fragment), in bytes.
const maxFragmentText = 600

// noIndex reports whether a page's robots meta tag (for every robot, or
// Google's, which publishers write for all) asks that it not be indexed:
// "noindex" or "none".
func noIndex(doc *goquery.Document) bool {
	found := false
	doc.Find("meta[name]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if name := strings.ToLower(strings.TrimSpace(s.AttrOr("name", ""))); name != "robots" && name != "googlebot" {
			return true
		}
		for _, d := range strings.FieldsFunc(strings.ToLower(s.AttrOr("content", "")), func(r rune) bool { return r == ',' || r == ' ' }) {
			if d == "noindex" || d == "none" {
				found = true
				return false
			}
		}
		return true
	})
	return found
}
