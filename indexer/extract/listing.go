package extract

import (
	"github.com/ssgsearch/ssgsearch/crawler/htmlpage"
	"github.com/ssgsearch/ssgsearch/data/vocab"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// itemLists finds the lists of items a page repeats: groups of at least min
// elements of the same kind under parents of one kind (tag and classes, numbers aside), each holding one link
// to another page under a heading or as a long title. Teasers in an archive, cards
// in a grid, rows of a view, "related publications" under an article all are such
// lists, whatever the theme calls them. It returns the items' nodes.
func itemLists(body *goquery.Selection, self string, abs func(string) string, min int) [][]*html.Node {
	// Items group by their kind and their parent's kind, so that a grid's rows
	// (each a parent of two or three items) make one list.
	type group struct {
		parent, sig string
	}
	members := map[group][]*html.Node{}
	var order []group
	files := map[group]bool{} // groups of rows offering files
	total := textLen(body.Nodes[0])
	// A card may be a link holding its blocks (a picture, a heading, a date).
	body.Find("article, li, div, section, tr, dl, p, a[href]:has(h2, h3, h4, h5, h6, div, p)").Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		if n.Parent == nil {
			return
		}
		item, file := isItem(s, self, abs)
		if !item {
			return
		}
		// An element holding nearly all of the page's text is the page's content,
		// no teaser of another page.
		if l := textLen(n); l > 600 && 10*l > 9*total {
			return
		}
		g := group{signature(n.Parent), signature(n)}
		if _, ok := members[g]; !ok {
			order = append(order, g)
			files[g] = true
		}
		files[g] = files[g] && file
		members[g] = append(members[g], n)
	})
	var out [][]*html.Node
	for _, g := range order {
		items := members[g]
		// A register of documents is longer than a publication's parts (the
		// report, its summary, its annex).
		if len(items) < min || files[g] && len(items) < minRegister {
			continue
		}
		// Keep the outermost list: an item list inside an item of another is part of it.
		if slices.ContainsFunc(out, func(l []*html.Node) bool { return containsNode(l, items[0]) }) {
			continue
		}
		out = append(out, items)
	}
	return out
}

// containsNode reports whether one of nodes is n or holds it.
func containsNode(nodes []*html.Node, n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if slices.Contains(nodes, p) {
			return true
		}
	}
	return false
}

// signature names an element's kind for grouping: its tag and its class names
// without the numbers themes put in them (post-123).
func signature(n *html.Node) string {
	var class string
	for _, a := range n.Attr {
		if a.Key == "class" {
			class = a.Val
		}
	}
	var parts []string
	for _, c := range strings.Fields(class) {
		if strings.IndexFunc(c, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			continue
		}
		parts = append(parts, c)
	}
	slices.Sort(parts)
	return n.Data + "." + strings.Join(parts, ".")
}

// isItem reports whether s looks like one item of a list: some text, and exactly
// one distinct link to another page that reads as a title; or a table's row
// offering one file under a title of its own (file: a register's row).
func isItem(s *goquery.Selection, self string, abs func(string) string) (item, file bool) {
	text := len([]rune(strings.TrimSpace(s.Text())))
	if text < 15 || text > 2500 || s.Find("h1").Length() > 0 {
		return false, false // an item never holds the page's own heading
	}
	targets, files := map[string]bool{}, map[string]bool{}
	linkText := 0
	s.Find("a[href]").AddSelection(s.Filter("a[href]")).Each(func(_ int, a *goquery.Selection) {
		u := abs(a.AttrOr("href", ""))
		linkText += len([]rune(strings.TrimSpace(a.Text())))
		if u != "" && htmlpage.IsPDFURL(u) {
			files[u] = true
		}
		if u == "" || htmlpage.IsPDFURL(u) || sameURL(u, self) || readMore.MatchString(cleanLine(a.Text())) {
			return // a "read more" link repeats the title's, often with other parameters
		}
		if titleLink(a) || a.Find("h2, h3, h4, h5, h6").Length() > 0 ||
			strings.Contains(a.AttrOr("class", ""), "title") || len(strings.Fields(a.Text())) >= 4 {
			targets[strings.TrimRight(u, "/")] = true
		}
	})
	// A table's row offering one file under a title of its own (a register of
	// documents: date | title | PDF) is an item too.
	if len(targets) == 1 {
		return true, false
	}
	fileRow := len(targets) == 0 && len(files) == 1 && s.Is("tr") && text-linkText >= 15
	return fileRow, fileRow
}

// minRegister is how many rows offering files make a register of documents.
const minRegister = 5

// titleLink reports whether a link is in a heading (or an element named for a
// title) as its title, not as a side link (MediaWiki's "[edit]", an anchor's
// "¶": see sideLink).
func titleLink(a *goquery.Selection) bool {
	h := a.ParentsFiltered("h2, h3, h4, h5, h6, [class*=title]").First()
	return h.Length() > 0 && !sideLink(a, h)
}

// sideLink reports whether a heading's (h) link is a tool beside it: an edit
// section's, a permalink, an anchor's mark.
func sideLink(a, h *goquery.Selection) bool {
	const tools = "[class*=editsection], [class*=headerlink], [class*=anchor]"
	if a.Is(tools) || a.ParentsUntilSelection(h).Filter(tools).Length() > 0 {
		return true
	}
	return sideLinkText.MatchString(cleanLine(a.Text()))
}

// sideLinkText is what a heading's side link says.
var sideLinkText = regexp.MustCompile(`(?i)^\[?\s*(edit|edit source|редагувати|ред\.?|править|правка|permalink|link|¶|#|§)\s*\]?$`)

// sameHost reports whether two absolute URLs are of one host.
func sameHost(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && strings.EqualFold(ua.Host, ub.Host)
}

// sameURL reports whether two absolute URLs name one page: scheme and host aside,
// with or without a trailing slash, query parameters in any order.
func sameURL(a, b string) bool {
	key := func(s string) string {
		u, err := url.Parse(s)
		if err != nil {
			return s
		}
		params := strings.Split(u.RawQuery, "&")
		slices.Sort(params)
		return strings.ToLower(u.Host) + strings.TrimRight(u.EscapedPath(), "/") + "?" + strings.Join(params, "&")
	}
	return key(a) == key(b)
}

// emptyClass and emptyText mark the message a list shows when it has no items.
var (
	emptyClass = regexp.MustCompile(`(?i)(^|[-_ ])(view-empty|no-results|no-posts|not-found|nothing-found|empty)([-_ ]|$)`)
	emptyText  = regexp.MustCompile(`(?i)(no (items|posts|results|documents|publications|events)( were)? found|nothing (was )?found|no results|there (is|are) (currently )?no (content|items|posts|publications|documents)|нічого не знайдено|матеріал(и|ів) не знайдено|(наразі )?немає (жодного )?(вмісту|матеріалів|публікацій|документів)|ничего не найдено|материалы не найдены|записей не найдено|(в настоящее время )?нет (материалов|содержимого|публикаций))`)
)

// notFound matches a heading or title that says the address asked for was not
// found: a site's error page served as a page found (a "soft 404"). notFoundText
// bounds the text of such a page (a publication may be named so; a page that
// says so and little else is the error).
var notFound = regexp.MustCompile(`(?i)^(error\s*)?404(\s*(error|помилка|ошибка))?(\s+(page\s+)?not\s+found|\s+не\s+знайдено|\s+не\s+найдено)?([^\p{L}\p{N}]*$|\s*[-–—|:.]\s*)|` +
	`(^|[^\p{L}])(page|file|document|content|resource|сторінк[аиу]|файл|документ|страниц[аыу])[^.!?]{0,24}` +
	`(not (be )?found|can.?t be found|cannot be found|could not be found|doesn.?t exist|does not exist|no longer exists|` +
	`не знайден[оаи]?|не існує|не найден[аоы]?|не существует)|` +
	`^(not found|не знайдено|не найдено)([^\p{L}]|$)`)

const notFoundText = 3000

// notFoundHeading reports whether a heading says the address was not found, and
// little else: a short line, no title with a colon ("Not Found: Enforced
// Disappearances in Crimea").
func notFoundHeading(h string) bool {
	return len(strings.Fields(h)) <= 8 && !strings.Contains(h, ": ") && notFound.MatchString(h)
}

// emptyView reports whether the page says its list has nothing to show.
func emptyView(body *goquery.Selection) bool {
	found := false
	body.Find("div, p, span, li, section").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if emptyClass.MatchString(s.AttrOr("class", "")) || s.Children().Length() == 0 && emptyText.MatchString(cleanLine(s.Text())) {
			found = true
		}
		return !found
	})
	return found
}

// isTeaser reports whether an item reads as a teaser: its title link under a
// heading or in an element named for a title, or a "read more" link beside it.
func isTeaser(s *goquery.Selection) bool {
	if s.Find("h2 a[href], h3 a[href], h4 a[href], h5 a[href], h6 a[href], [class*=title] a[href], a[class*=title]").Length() > 0 {
		return true
	}
	return s.Find("a[href]").FilterFunction(func(_ int, a *goquery.Selection) bool { return readMore.MatchString(cleanLine(a.Text())) }).Length() > 0
}

// readMore matches the links that lead from a teaser to its item.
var readMore = regexp.MustCompile(`(?i)^(read more|more|details|learn more|continue reading|view|see more|детальніше|читати далі|читати більше|більше|докладніше|подробнее|читать далее|далее|подробности)([^\p{L}]|$)`)

// pagination reports whether the page links other pages of itself: rel=next/prev,
// a pager, or links that differ from its address by a page number.
func pagination(body *goquery.Selection, self string, abs func(string) string) bool {
	if body.Find(`link[rel~=next], a[rel~=next], link[rel~=prev], a[rel~=prev], .pagination a, .pager a, .page-numbers, nav.navigation a`).Length() > 0 {
		return true
	}
	base := pageless(self)
	n := 0
	body.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		u := abs(a.AttrOr("href", ""))
		if u != "" && u != self && pageless(u) == base && pageNumber.MatchString(u) {
			n++
		}
	})
	return n >= 1
}

var pageNumber = regexp.MustCompile(`([?&](page|p|pg|start|offset)=\d+)|(/page/\d+/?)`)

// pageless is a URL without its page number.
func pageless(u string) string {
	p, err := url.Parse(pageNumber.ReplaceAllString(u, ""))
	if err != nil {
		return u
	}
	return strings.TrimRight(p.Path, "/")
}

// listingVerdict decides whether a page lists items rather than presenting one: its
// repeated items hold most of its text, or it is paginated like an archive, and
// nothing on it outside the items is a publication's own (a download of its own, or
// structured metadata describing one work).
type listingVerdict struct {
	items      int
	listText   int
	ownText    int
	paginated  bool
	readMore   int
	ownPDF     bool
	work       bool
	collection bool
	// loose counts teasers outside lists; looseText their text.
	loose, looseText int
	// heading is the length of the page's heading; empty reports a message that a
	// list has nothing to show ("No items found").
	heading int
	empty   bool
	// search reports a search's results (see searchResults); home a site's home
	// page (see HomePage); archive a blog's archive by date (dateArchive), a
	// document library's view (libraryView) or a tag's or category's archive
	// (taxonomyArchive), a web server's listing of a folder (directoryIndex),
	// whose posts and files are the documents.
	search, home, archive bool
	// register reports a table of documents that is most of the page (see
	// documentTable).
	register bool
}

// HomePage reports whether an address is a site's home page, or a language's
// home ("/", "/index.html", "/en/", "/uk/index.php"), in any of its display
// modes ("/?special=1", a version for the visually impaired; "/?lang=en"): a
// site's front, no publication, whatever it features. An item a query routes
// to ("/?p=123", "/index.php?page=police") is none.
func HomePage(pageURL string) bool {
	u, err := url.Parse(pageURL)
	if err != nil || !displayMode(u.Query()) {
		return false
	}
	parts := strings.Split(strings.Trim(strings.ToLower(u.Path), "/"), "/")
	if last := parts[len(parts)-1]; indexFile.MatchString(last) || last == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 0 && len(parts) <= 3 && homeNames[parts[len(parts)-1]] {
		return true // a site builder's "/home", Google Sites' "/view/ngo/home"
	}
	if strings.EqualFold(u.Hostname(), "sites.google.com") && len(parts) == 2 && parts[0] == "view" {
		return true // a Google Site's root: "/view/ngo"
	}
	return len(parts) == 0 || len(parts) == 1 && PathLanguage(parts[0]) != ""
}

// homeNames are a home page's names as a path's last part.
var homeNames = map[string]bool{"home": true, "homepage": true, "home-page": true, "головна": true, "golovna": true, "главная": true, "glavnaya": true}

// displayMode reports whether a query only switches how a page shows (a display
// flag: "special=1", "print=0", "contrast=on"; a language: "lang=en"), or is
// empty; not an item's number ("p=1", "page_id=1").
func displayMode(q url.Values) bool {
	for k := range q {
		if !slices.Contains(displayParams, strings.ToLower(k)) {
			return false
		}
	}
	return true
}

// displayParams are the query parameters that switch how a page shows: a
// version for the visually impaired, a print or mobile view, a language.
var displayParams = []string{"special", "print", "mobile", "contrast", "accessible", "accessibility", "a11y", "lowvision", "blind",
	"lang", "lng", "hl", "locale", "language"}

// PathLanguage is the language a part of a path names ("en", "uk", "ua",
// "ukr", "en-gb" → "en", "uk", "uk", "uk", "en"), or "": the exact codes sites
// put in their addresses, not a word that starts like one ("ukraine").
func PathLanguage(seg string) string {
	m := langSegment.FindStringSubmatch(strings.ToLower(seg))
	if m == nil {
		return ""
	}
	if l, ok := map[string]string{"eng": "en", "ukr": "uk", "rus": "ru"}[m[1]]; ok {
		return l
	}
	return vocab.PrimaryTag(m[1])
}

var (
	// indexFile is a directory's index page's name.
	indexFile = regexp.MustCompile(`^(index|default|home)\.(html?|php|aspx?|jsp)$`)
	// langSegment is a language's part of a path: "en", "uk", "ua", "en-gb".
	langSegment = regexp.MustCompile(`^(en|uk|ua|ru|de|fr|pl|eng|ukr|rus)([-_][a-z]{2})?$`)
)

// searchResults reports whether an address is a site search's results: a
// query's words (?q=, ?s=, ?search=, ?query=, ?keys=, ?text=) asked of the home
// page or of a search page ("/search", "/poshuk", "/пошук"); not a path in ?q=
// (Drupal's addresses without clean URLs: ?q=node/758).
func searchResults(pageURL string) bool {
	u, err := url.Parse(pageURL)
	if err != nil {
		return false
	}
	q := u.Query()
	asked := slices.ContainsFunc([]string{"q", "s", "search", "query", "keys", "keyword", "keywords", "text"}, q.Has)
	if !asked || strings.Contains(q.Get("q"), "/") {
		return false // Drupal's address without clean URLs: ?q=node/758
	}
	if strings.Trim(u.Path, "/") == "" {
		return true
	}
	for _, seg := range strings.Split(strings.ToLower(u.Path), "/") {
		for _, w := range []string{"search", "poshuk", "пошук", "poisk", "поиск"} {
			if strings.HasPrefix(seg, w) { // "search", "search.php", not "research"
				return true
			}
		}
	}
	return false
}

// NewsPath reports whether an address is a news item's or a blog post's by a
// segment of its path ("/news/…", "/uk/novyny/…", "/press-releases/…"), a
// script's name ("/news.php?id=41", "/Pages/uk/NewsDetail.aspx?nid=2260"), or
// by a blog's dated address (postPath).
func NewsPath(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	return newsSegment(p.Path) || postPath(p.Path)
}

// NewsSection reports whether an address is in a site's news or blog by a
// segment of its path or a script's name (NewsPath), not by its date alone: a
// section's items tell of what happened, where a dated address alone may be a
// publication's own page's.
func NewsSection(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	return newsSegment(p.Path)
}

// newsSegment reports whether a path is a news item's by a segment of it or a
// script's name; a Moodle course's forum's (its news forum's posts) too.
func newsSegment(p string) bool {
	p = strings.ToLower(p)
	if strings.Contains(p, "/mod/forum/") {
		return true
	}
	for _, seg := range strings.Split(p, "/") {
		name := strings.TrimSuffix(seg, path.Ext(seg))
		if slices.Contains(newsSegments, seg) || slices.Contains(newsSegments, name) ||
			strings.HasPrefix(name, "news") && !strings.HasPrefix(name, "newsletter") && strings.Contains(seg, ".") {
			return true // "news.php", "NewsDetail.aspx"; not "newsletters"
		}
	}
	return false
}

// postPath reports whether an address's path is a blog post's, dated: a year
// and a month, then the post's name ("/2024/02/16/slug/", "/2024/02/slug.html"),
// the year first or after a language's code or a blog's section (not
// "/publications/2023/05/annual-report/").
func postPath(p string) bool {
	segs := strings.Split(strings.ToLower(p), "/")
	for i, seg := range segs {
		if i+2 < len(segs) && postYear.MatchString(seg) && postMonth.MatchString(segs[i+1]) && segs[i+2] != "" {
			return !slices.ContainsFunc(segs[:i], func(s string) bool {
				return s != "" && PathLanguage(s) == "" && !slices.Contains(newsSegments, s)
			})
		}
	}
	return false
}

// postYear and postMonth are a blog's dated address's year and month segments.
var (
	postYear  = regexp.MustCompile(`^(19|20)\d\d$`)
	postMonth = regexp.MustCompile(`^(0[1-9]|1[0-2])$`)
)

// newsSegments are the path segments of news sections, in the site languages and
// their Latin spellings.
var newsSegments = []string{"news", "press-releases", "press-release", "pressreleases", "blog", "post", "posts", "novyny", "novyni", "новини", "новина",
	"novosti", "новости", "press-centre", "press-center", "prescentr", "pres-tsentr", "прес-центр", "пресс-центр",
	"announcements", "оголошення", "ogoloshennia"} // SharePoint's news: /Lists/Announcements/DispForm.aspx?ID=11

// dateArchive reports whether a page (at pageURL, linking links) is a blog's
// archive of a year, a month or a day: its address's path ends in the date (a
// page's number may follow:
// "/2023/05/", "/blog/2023/", "/2023/05/page/2/"), and it links a dated post of
// that date (postPath: "/2023/05/slug.html" under "/2023/05/", though it be the
// month's only post; not only a sidebar's recent posts, under
// "/annual-report/2023/").
func dateArchive(pageURL string, links []string) bool {
	u, segs, ok := archivePath(pageURL)
	if !ok {
		return false
	}
	dated := 0
	for i := len(segs) - 1; i >= 0 && dated < 3 && datePart.MatchString(segs[i]); i-- {
		dated++
	}
	if dated == 0 || !postYear.MatchString(segs[len(segs)-dated]) {
		return false
	}
	archive := "/" + strings.Join(segs, "/") + "/"
	for _, l := range links {
		if v, err := url.Parse(l); err == nil && v.Host == u.Host && postPath(v.Path) && strings.HasPrefix(strings.ToLower(v.Path), archive) {
			return true
		}
	}
	return false
}

// archivePath is an archive's address parsed, and its path's segments in lower
// case without a page's number after them ("/2023/05/page/2/": 2023, 05).
func archivePath(pageURL string) (*url.URL, []string, bool) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, nil, false
	}
	segs := strings.FieldsFunc(strings.ToLower(u.Path), func(r rune) bool { return r == '/' })
	if n := len(segs); n >= 2 && segs[n-2] == "page" {
		segs = segs[:n-2]
	}
	return u, segs, true
}

// taxonomyArchive reports whether an address is a taxonomy's archive: a tag's
// or a category's page listing what is filed under it ("/tag/police/",
// "/category/reports/page/2/", "/blog/tags/announcements", Drupal's
// "/taxonomy/term/14"), not a topic's own page ("/topics/police-reform/").
func taxonomyArchive(pageURL string) bool {
	_, segs, ok := archivePath(pageURL)
	if !ok {
		return false
	}
	n := len(segs)
	switch {
	case n >= 3 && segs[n-3] == "taxonomy" && segs[n-2] == "term":
		return true
	case n >= 2 && slices.Contains([]string{"tag", "tags", "category", "categories"}, segs[n-2]):
		return true
	}
	return false
}

// libraryView reports whether an address is a view of a SharePoint document
// library: a page of its "Forms" folder ("/Documents/Forms/AllItems.aspx"), not
// one item's form (DispForm.aspx, EditForm.aspx, NewForm.aspx, Upload.aspx).
func libraryView(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	dir, page := path.Split(strings.ToLower(p.Path))
	return strings.HasSuffix(dir, "/forms/") && strings.HasSuffix(page, ".aspx") &&
		!slices.Contains([]string{"dispform.aspx", "editform.aspx", "newform.aspx", "upload.aspx"}, page)
}

// directoryIndex reports whether a page is a web server's listing of a folder
// (Apache's and nginx's "Index of /docs/2019", IIS's "[To Parent Directory]"):
// its files are the documents.
func directoryIndex(doc *goquery.Selection) bool {
	if strings.HasPrefix(cleanLine(doc.Find("title").First().Text()), "Index of /") ||
		strings.HasPrefix(cleanLine(doc.Find("h1").First().Text()), "Index of /") {
		return true
	}
	parent := false
	doc.Find("a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		t := strings.Trim(cleanLine(a.Text()), "[] ")
		parent = strings.EqualFold(t, "Parent Directory") || strings.EqualFold(t, "To Parent Directory")
		return !parent
	})
	return parent
}

// datePart is a segment of a dated address: a year, a month or a day.
var datePart = regexp.MustCompile(`^\d{2}(\d{2})?$`)

// teaserFile reports whether a file's link belongs to a teaser of another page:
// the block it is in also links a page of the site under a title of its own, of
// four words or more ("Featured: Gender and Security Toolkit — PDF"; not an
// author's name, not a licence), so the file is that page's.
func teaserFile(a *goquery.Selection, self string, abs func(string) string) bool {
	block := a.Closest("p, li, div, td, section, article")
	if block.Length() == 0 {
		return false
	}
	teaser := false
	block.Find("a[href]").EachWithBreak(func(_ int, b *goquery.Selection) bool {
		u := abs(b.AttrOr("href", ""))
		if u == "" || htmlpage.IsPDFURL(u) || sameURL(u, self) || downloadLink(b) || readMore.MatchString(cleanLine(b.Text())) {
			return true
		}
		rel := strings.ToLower(b.AttrOr("rel", ""))
		teaser = len(strings.Fields(b.Text())) >= 4 && !strings.Contains(u, "#") && sameHost(u, self) &&
			!strings.Contains(rel, "license") && !strings.Contains(rel, "author")
		return !teaser
	})
	return teaser
}

func (v listingVerdict) listing() bool {
	switch {
	case v.collection, v.search:
		return true
	case v.work:
		return false // structured metadata describes one work (a microsite's home)
	case v.home, v.archive, v.register:
		return true
	case v.ownPDF:
		return false
	case v.items >= 3 && v.listText >= v.ownText:
		return true
	case v.paginated && v.items >= 1 && v.listText*2 >= v.ownText:
		return true
	case v.readMore >= 3 && v.ownText < 1500:
		return true
	case v.loose >= 1 && v.ownText-v.looseText < 250:
		return true // the last page of an archive: a teaser or two, nothing else
	case v.ownText-v.heading < 10, v.empty && v.ownText-v.heading < 150:
		return true // an empty archive: a heading and nothing, or a message, under it
	}
	return false
}

// documentTable reports whether a page's content is mostly a table of documents:
// a header naming a column of titles ("Назва документа", "Title") over rows
// offering files, however few (a committee's "Аналітичні матеріали" with two
// notes, each row's file its own document), most of them titled (a cell of
// three words or more), none naming the page's heading, with little text
// besides. Not a publication's page that tables its own files: rows that name
// its heading ("Звіт за 2023 рік | PDF | Завантажити"), or are labelled rather
// than titled ("Full report | English | PDF") or name files
// ("Metodychni_rekomendatsii.pdf | 1.2 МБ").
func documentTable(body *goquery.Selection, abs func(string) string, heading string) bool {
	if body.Length() == 0 {
		return false
	}
	total := textLen(body.Nodes[0])
	found := false
	body.Find("table").EachWithBreak(func(_ int, t *goquery.Selection) bool {
		rows := t.Find("tr")
		if rows.Length() < 2 || total-textLen(t.Nodes[0]) > maxBesideRegister {
			return true
		}
		titled := false
		rows.First().Find("th, td").Each(func(_ int, c *goquery.Selection) {
			titled = titled || titleHeads[strings.ToLower(cleanLine(c.Text()))]
		})
		files, titledRows, own := 0, 0, false
		rows.Slice(1, goquery.ToEnd).Each(func(_ int, r *goquery.Selection) {
			if r.Find("a[href]").FilterFunction(func(_ int, a *goquery.Selection) bool {
				return htmlpage.IsPDFURL(abs(a.AttrOr("href", ""))) || downloadLink(a)
			}).Length() == 0 {
				return
			}
			files++
			r.Find("td, th").EachWithBreak(func(_ int, c *goquery.Selection) bool {
				if text := cleanLine(c.Text()); len(strings.Fields(text)) >= 3 && len(headingWords(text)) >= 3 {
					titledRows++
					return false
				}
				return true
			})
			own = own || namesHeading(cleanLine(r.Text()), heading)
		})
		found = titled && files > 0 && 2*titledRows > files && !own
		return !found
	})
	return found
}

// headingWords are a heading's words of four letters or digits or more, in
// lower case.
func headingWords(heading string) []string {
	words := strings.FieldsFunc(strings.ToLower(heading), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return slices.DeleteFunc(words, func(w string) bool { return len([]rune(w)) < 4 })
}

// namesHeading reports whether a text names a heading: has most of its words
// (of four letters or more), or all of them when it has fewer than three ("Звіт
// за 2023 рік"). A section's name is not named by a title that shares one of
// its words ("Видання Комітету" over "… для членів Комітету").
func namesHeading(text, heading string) bool {
	words := headingWords(heading)
	if len(words) == 0 {
		return false
	}
	text = strings.ToLower(text)
	n := 0
	for _, w := range words {
		if strings.Contains(text, w) {
			n++
		}
	}
	if len(words) < 3 {
		return n == len(words)
	}
	return 10*n >= 6*len(words)
}

// maxBesideRegister is how much text (in letters) a page may have besides its
// table of documents for the table to be the page.
const maxBesideRegister = 600

// titleHeads are the headings of a table's column of documents' titles.
var titleHeads = map[string]bool{
	"назва": true, "назва документа": true, "назва документу": true, "найменування": true, "найменування документа": true, "документ": true,
	"title": true, "document": true, "document title": true, "name of document": true, "name": true, "file name": true,
	"ім'я": true, "ім’я": true, "назва файлу": true, "имя": true, "имя файла": true,
	"название": true, "название документа": true, "наименование": true, "наименование документа": true,
}
