package evalgen

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
)

// File is one resource a site serves.
type File struct {
	// Path is the URL path with its query, as the site links it (escaped).
	Path        string
	ContentType string
	// Status is the HTTP status (200 when zero); Location the target of a redirect.
	Status   int
	Location string
	Body     []byte
}

// Site is one publisher website of the collection.
type Site struct {
	Name  string
	Shape string
	// Seeds are the paths a crawl starts from.
	Seeds []string
	files map[string]*File
	order []string
	// byQuery finds a file by its path with the query's parameters sorted.
	byQuery map[string]*File
}

// Add serves body at path (an escaped URL path, possibly with a query).
func (s *Site) Add(path, contentType string, body []byte) {
	if _, ok := s.files[path]; !ok {
		s.order = append(s.order, path)
	}
	s.files[path] = &File{Path: path, ContentType: contentType, Body: body}
	if s.byQuery == nil {
		s.byQuery = map[string]*File{}
	}
	s.byQuery[sortedQuery(path)] = s.files[path]
}

// sortedQuery is a path whose query parameters are sorted.
func sortedQuery(p string) string {
	path, q, ok := strings.Cut(p, "?")
	if !ok {
		return p
	}
	if up, err := url.PathUnescape(path); err == nil {
		path = up
	}
	params := strings.Split(q, "&")
	slices.Sort(params)
	return path + "?" + strings.Join(params, "&")
}

// Files returns the site's files in the order they were added.
func (s *Site) Files() []*File {
	out := make([]*File, 0, len(s.order))
	for _, p := range s.order {
		out = append(out, s.files[p])
	}
	return out
}

// ServeHTTP serves the site: each file at its path (query included), 404 otherwise.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	f, ok := s.files[key]
	if !ok {
		// Links may escape Cyrillic in either case, and a query's parameters come in
		// any order (as PHP reads them): try the canonical forms.
		if p, err := url.PathUnescape(r.URL.EscapedPath()); err == nil {
			key = (&url.URL{Path: p, RawQuery: r.URL.RawQuery}).String()
			f, ok = s.files[key]
			if !ok {
				f, ok = s.byQuery[sortedQuery(key)]
			}
		}
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	if f.Location != "" {
		http.Redirect(w, r, f.Location, cmp.Or(f.Status, http.StatusMovedPermanently))
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.WriteHeader(cmp.Or(f.Status, http.StatusOK))
	w.Write(f.Served(r.Host))
}

// Served is the file's body as served from host: absolute links of pages point to
// it.
func (f *File) Served(host string) []byte {
	if strings.HasPrefix(f.ContentType, "application/pdf") {
		return f.Body
	}
	return bytes.ReplaceAll(f.Body, []byte(hostToken), []byte("http://"+host))
}

// hostToken stands for the scheme and host a site is served at, in the absolute
// URLs of its pages (canonical links, sitemaps, structured data): a site knows its
// address only when it is served.
const hostToken = "http://site.invalid"

// Collection is the generated evaluation collection: its sites and its truth.
type Collection struct {
	Sites []*Site
	Truth Truth
}

// Site returns the named site, or nil.
func (c *Collection) Site(name string) *Site {
	for _, s := range c.Sites {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Write stores the collection under dir: each site's files under dir/SITE/ (a
// directory's page as index.html, a query as part of the name) and truth.json.
func (c *Collection) Write(dir string) error {
	for _, s := range c.Sites {
		for _, f := range s.Files() {
			p, q, _ := strings.Cut(f.Path, "?")
			if up, err := url.PathUnescape(p); err == nil {
				p = up
			}
			switch {
			case strings.HasSuffix(p, "/"):
				p += "index.html"
			case path.Ext(p) == "":
				p += ".html" // a page whose path is also a directory's
			}
			if q != "" {
				p += "@" + strings.NewReplacer("/", "_", "&", "_").Replace(q)
			}
			name := filepath.Join(dir, s.Name, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(name, f.Body, 0o644); err != nil {
				return err
			}
		}
	}
	js, err := json.MarshalIndent(c.Truth, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "truth.json"), js, 0o644)
}

// Options configure Generate.
type Options struct {
	// Fonts is the directory with the DejaVu fonts the PDFs embed.
	Fonts string
	// Works, when not nil, keeps only the works it reports (smaller collections for
	// tests); the works they refer to are kept too.
	Works func(id string) bool
}

// DefaultFonts is where Debian's fonts-dejavu-core puts its fonts.
const DefaultFonts = "/usr/share/fonts/truetype/dejavu"

// version is one language version of a work: a publication document to generate.
type version struct {
	work    *Work
	site    string // the site it is published on (a mirror's, for its copies)
	lang    string
	title   string
	summary string
	authors []string
	pub     string // the publisher's name in lang
	style   pdfStyle
	status  string
	text    []pchapter
	file    string // the PDF's file name

	// Set by the site's shape.
	page       string   // the publication page's path
	pdf        string   // the PDF's path
	typeLabel  string   // the type label the page shows
	topicLabel []string // the topic labels the page shows

	// Set once the PDF is written.
	body   []byte
	pages  int
	places []sentencePlace
}

// key is the version's truth key.
func (v *version) key() string { return v.site + v.page }

// Generate builds the collection from content.
func Generate(c *Content, opts Options) (*Collection, error) {
	if opts.Fonts == "" {
		opts.Fonts = DefaultFonts
	}
	keep := map[string]bool{}
	var mark func(id string)
	mark = func(id string) {
		if keep[id] {
			return
		}
		keep[id] = true
		w := c.work[id]
		for _, ref := range []string{w.EditionOf, w.DerivedFrom} {
			if ref != "" {
				mark(ref)
			}
		}
	}
	for _, w := range c.Works {
		if opts.Works == nil || opts.Works(w.ID) {
			mark(w.ID)
		}
	}
	g := &generator{c: c, opts: opts, byWork: map[string][]*version{}, eventPage: map[string]string{}}
	for _, w := range c.Works {
		if !keep[w.ID] {
			continue
		}
		ms := c.compose(w)
		for _, lang := range w.Langs {
			v := &version{work: w, site: w.Site, lang: lang, title: w.Title[lang], summary: strings.TrimSpace(w.Summary[lang]),
				authors: w.Authors[lang], pub: c.publisher[w.Publisher].Label(lang)}
			v.style, v.status = g.pdfKind(w, lang)
			v.file = fileName(w, lang)
			for _, ch := range ms.chapters {
				pc := pchapter{heading: ch.heading.render(c, lang)}
				for _, para := range ch.paras {
					var ss []string
					for _, s := range para {
						ss = append(ss, s.render(c, lang))
					}
					pc.paras = append(pc.paras, ss)
				}
				v.text = append(v.text, pc)
			}
			g.add(v)
		}
	}
	for _, e := range c.Events {
		if keep[e.Presents] {
			g.events = append(g.events, e)
		}
	}
	if err := g.writePDFs(); err != nil {
		return nil, err
	}
	// A mirror publishes another site's works again, in its own shape: copies of
	// their versions and events, with the same texts and files.
	for _, sh := range shapes {
		if sh.mirror == "" {
			continue
		}
		for _, v := range slices.Clone(g.versions) {
			if v.site == sh.mirror {
				c := *v
				c.site, c.page, c.pdf = sh.site, "", ""
				g.add(&c)
			}
		}
		for _, e := range slices.Clone(g.events) {
			if e.Site == sh.mirror {
				c := *e
				c.ID, c.Site = sh.site+":"+e.ID, sh.site
				g.events = append(g.events, &c)
			}
		}
	}
	col := &Collection{}
	for _, sh := range shapes {
		s := &Site{Name: sh.site, Shape: sh.name, files: map[string]*File{}}
		b := &siteBuilder{g: g, site: s}
		for _, v := range g.versions {
			if v.site == sh.site {
				b.versions = append(b.versions, v)
			}
		}
		for _, e := range g.events {
			if e.Site == sh.site {
				b.events = append(b.events, e)
			}
		}
		if err := sh.build(b); err != nil {
			return nil, fmt.Errorf("site %s: %w", sh.site, err)
		}
		col.Sites = append(col.Sites, s)
		group := "main"
		if sh.mirror != "" {
			group = s.Name
		}
		col.Truth.Sites = append(col.Truth.Sites, SiteTruth{Name: s.Name, Shape: s.Shape, Seeds: s.Seeds, Group: group, Mirrors: sh.mirror})
		col.Truth.Pages = append(col.Truth.Pages, b.pages...)
		col.Truth.Listings = append(col.Truth.Listings, b.listings...)
	}
	col.Truth.Docs = g.truth()
	return col, nil
}

// add records a version.
func (g *generator) add(v *version) {
	g.versions = append(g.versions, v)
	k := v.site + "/" + v.work.ID
	g.byWork[k] = append(g.byWork[k], v)
}

// versionsOf returns the versions of a work on a site.
func (g *generator) versionsOf(site, work string) []*version { return g.byWork[site+"/"+work] }

// generator holds what Generate works on.
type generator struct {
	c        *Content
	opts     Options
	versions []*version
	byWork   map[string][]*version
	events   []*Event
	// eventPage maps an event's ID to its page's path (set by the shapes).
	eventPage map[string]string
}

// pdfKind picks, by site and a hash of the work, the producer style of a version's
// PDF and what happened to the file.
func (g *generator) pdfKind(w *Work, lang string) (pdfStyle, string) {
	r := rng("pdf", w.ID, lang)
	weights := map[string][]string{
		// The portal's PDFs mostly come from one library that stamps a fixed date.
		"portal":  {"reportlab", "reportlab", "reportlab", "reportlab", "word", "word", "indesign", "libreoffice"},
		"library": {"libreoffice", "libreoffice", "chromium", "chromium", "word", "ghostscript", "indesign", "reportlab"},
		"hub":     {"word", "word", "ghostscript", "ghostscript", "indesign", "libreoffice", "chromium", "reportlab"},
	}[w.Site]
	style := pdfStyles[weights[r.IntN(len(weights))]]
	status := "ok"
	switch x := r.IntN(100); {
	case x < 3:
		status = "encrypted"
	case x < 5:
		status = "truncated"
	case x < 7:
		status = "not-pdf"
	case x < 10:
		status = "owner-locked"
	case x < 12:
		status = "partial"
	}
	return style, status
}

// fileName is the PDF's file name: the English slug of the title, or a
// transliterated one, sometimes with the language or year added.
func fileName(w *Work, lang string) string {
	s := slug(translit(w.Title[lang]), 6)
	switch rng("file", w.ID, lang).IntN(3) {
	case 0:
		s += "-" + lang
	case 1:
		s += "_" + w.Date[:4]
	}
	return s + ".pdf"
}

// writePDFs lays out every version's PDF, two at a time.
func (g *generator) writePDFs() error {
	var wg sync.WaitGroup
	errs := make([]error, len(g.versions))
	sem := make(chan struct{}, 2)
	for i, v := range g.versions {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			job := &pdfJob{style: v.style, lang: v.lang, title: v.title, authors: v.authors, publisher: v.pub,
				date: v.work.date, file: v.file, keywords: v.work.Keywords, text: v.text, status: v.status}
			if v.work.Edition > 1 {
				job.edition = editionLine[v.lang]
			}
			body, places, pages, err := writePDF(job, g.opts.Fonts)
			if err != nil {
				errs[i] = fmt.Errorf("%s/%s: %w", v.work.ID, v.lang, err)
				return
			}
			v.body, v.places, v.pages = body, places, pages
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

var editionLine = map[string]string{"en": "Second edition", "uk": "Друге видання", "ru": "Второе издание"}

// held reports whether a work is kept aside while tuning: a third of the works,
// by a hash of their ID (a later edition goes with its first).
func (g *generator) held(w *Work) bool {
	for w.EditionOf != "" {
		w = g.c.work[w.EditionOf]
	}
	h := fnv.New32a()
	h.Write([]byte("held/" + w.ID))
	return h.Sum32()%3 == 0
}

// truth records every publication document.
func (g *generator) truth() []DocTruth {
	// Sentences and where they are, to find those found once in the collection.
	type at struct {
		v    *version
		page int
		brk  bool
	}
	// Sentences are unique within what is crawled together: a mirror site alone.
	where := map[string][]at{}
	group := func(v *version) string {
		for _, sh := range shapes {
			if sh.site == v.site && sh.mirror != "" {
				return v.site
			}
		}
		return "main"
	}
	for _, v := range g.versions {
		if v.status != "ok" && v.status != "owner-locked" {
			continue
		}
		for _, p := range v.places {
			s := group(v) + "\x00" + v.text[p.c].paras[p.p][p.k]
			where[s] = append(where[s], at{v, p.first, p.last != p.first})
		}
	}
	var out []DocTruth
	for _, v := range g.versions {
		w := v.work
		d := DocTruth{Key: v.key(), Work: w.ID, Site: v.site, URL: v.page, PDF: v.pdf, Title: v.title, Summary: v.summary,
			Authors: v.authors, Publisher: v.pub, Date: w.Date, Year: w.date.Year(), Lang: v.lang, Type: w.Type,
			TypeLabel: v.typeLabel, TopicLabels: v.topicLabel, PDFStatus: v.status, Producer: v.style.Name,
			Omnibus: w.Omnibus(), PageCount: v.pages, Held: g.held(w)}
		if d.Authors == nil {
			d.Authors = []string{}
		}
		if w.Omnibus() {
			d.Topics = []string{}
		} else {
			d.Topics = w.Topics
		}
		if v.status == "ok" {
			d.PDFTitle = (&pdfJob{style: v.style, title: v.title, file: v.file}).metaTitle()
			d.PDFDate = cmp.Or(v.style.StampDate, w.date.AddDate(0, 0, -12).Format("2006-01-02"))
		}
		for _, o := range g.versionsOf(v.site, w.ID) {
			if o != v {
				d.Translations = append(d.Translations, o.key())
			}
		}
		for _, o := range g.editions(v.site, w, v.lang) {
			switch {
			case o.work.date.Before(w.date):
				d.EarlierEditions = append(d.EarlierEditions, o.key())
			case o.work.date.After(w.date):
				d.LaterEditions = append(d.LaterEditions, o.key())
			}
		}
		for _, e := range g.events {
			if e.Presents == w.ID && e.Site == v.site && g.presented(e) == v {
				d.Referrers = append(d.Referrers, v.site+g.eventPage[e.ID])
			}
		}
		// Up to four quotes: sentences found on one page of this document only.
		r := rng("quotes", w.ID, v.lang)
		places := slices.Clone(v.places)
		r.Shuffle(len(places), func(i, j int) { places[i], places[j] = places[j], places[i] })
		breaks := 0
		for _, p := range places {
			s := v.text[p.c].paras[p.p][p.k]
			if len(where[group(v)+"\x00"+s]) != 1 || len(strings.Fields(s)) < 8 || len(d.Quotes) >= 4 {
				continue
			}
			brk := p.last != p.first
			if brk && breaks >= 1 {
				continue
			}
			if brk {
				breaks++
			}
			d.Quotes = append(d.Quotes, Quote{Text: s, Page: p.first, Break: brk})
		}
		out = append(out, d)
	}
	return out
}

// editions returns the other editions of w on a site in lang: the works w is an
// edition of, and those that are editions of it.
func (g *generator) editions(site string, w *Work, lang string) []*version {
	root := w
	for root.EditionOf != "" {
		root = g.c.work[root.EditionOf]
	}
	var out []*version
	for _, v := range g.versions {
		if v.lang != lang || v.work == w || v.site != site {
			continue
		}
		r := v.work
		for r.EditionOf != "" {
			r = g.c.work[r.EditionOf]
		}
		if r == root {
			out = append(out, v)
		}
	}
	return out
}

// presented returns the version whose PDF an event offers: the one in the event's
// language, else the first.
func (g *generator) presented(e *Event) *version {
	vs := g.versionsOf(e.Site, e.Presents)
	for _, v := range vs {
		if v.lang == e.Lang {
			return v
		}
	}
	return vs[0]
}

// slug makes a URL slug of at most n words from s.
func slug(s string, n int) string {
	var words []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words = append(words, f)
		if len(words) == n {
			break
		}
	}
	return strings.Join(words, "-")
}

// translit writes Ukrainian and Russian letters in Latin ones (roughly the Ukrainian
// national system, and for text with Russian letters a Russian one), as sites do for
// file names and slugs.
func translit(s string) string {
	table := latin
	if strings.ContainsAny(s, "ыэъёЫЭЪЁ") || !strings.ContainsAny(s, "іїєґІЇЄҐ") && strings.ContainsAny(s, "иИ") && russianWords.MatchString(s) {
		table = latinRU
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if t, ok := table[r]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var latin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ie", 'ж': "zh", 'з': "z",
	'и': "y", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ь': "", 'ю': "iu", 'я': "ia", 'ы': "y", 'э': "e", 'ъ': "", 'ё': "e", '\'': "", '’': "", 'ʼ': "",
}

// latinRU is the Russian variant of latin.
var latinRU = func() map[rune]string {
	m := maps.Clone(latin)
	for r, t := range map[rune]string{'г': "g", 'и': "i", 'й': "y", 'х': "kh", 'ы': "y", 'э': "e", 'ю': "yu", 'я': "ya", 'е': "e", 'ё': "yo", 'ъ': "", 'щ': "shch"} {
		m[r] = t
	}
	return m
}()

// russianWords matches common Russian words, to tell Russian text without the
// letters only Russian has.
var russianWords = regexp.MustCompile(`(?i)(^|\s)(и|в|на|по|для|как|что|или|о)(\s|$)`)

// escapePath percent-encodes a path as browsers and WordPress write links.
func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// dateIn writes a date as a page in lang shows it.
func dateIn(t time.Time, lang string) string {
	months := map[string][]string{
		"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		"uk": {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
		"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	}[lang]
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// Servers serve a collection's sites on loopback, one port each.
type Servers struct {
	// Base maps a site's name to its base URL ("http://127.0.0.1:PORT").
	Base  map[string]string
	hosts map[string]string // host:port → site name
	srv   []*http.Server
}

// Serve starts a loopback HTTP server for every site of the collection, on the
// address at[site] when given (to serve again where a crawl found the sites), else
// on a free port.
func (c *Collection) Serve(at map[string]string) (*Servers, error) {
	s := &Servers{Base: map[string]string{}, hosts: map[string]string{}}
	for _, site := range c.Sites {
		addr := strings.TrimPrefix(at[site.Name], "http://")
		if addr == "" {
			addr = "127.0.0.1:0"
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("serve %s: %w", site.Name, err)
		}
		srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		s.srv = append(s.srv, srv)
		s.Base[site.Name] = "http://" + ln.Addr().String()
		s.hosts[ln.Addr().String()] = site.Name
	}
	return s, nil
}

// Key returns the truth key of a served URL ("portal/publication/x/"), or "" for a
// URL no site serves.
func (s *Servers) Key(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	name, ok := s.hosts[u.Host]
	if !ok {
		return ""
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return NormalKey(name + p)
}

// NormalKey writes a truth key as Servers.Key does: a crawler may sort a query's
// parameters, and a path may be escaped either way, so keys are compared with the
// path escaped canonically and the query sorted.
func NormalKey(key string) string {
	site, p, ok := strings.Cut(key, "/")
	if !ok {
		return key
	}
	path, q, _ := strings.Cut(sortedQuery("/"+p), "?")
	out := site + escapePath(path)
	if q != "" {
		out += "?" + q
	}
	return out
}

// Close stops the servers.
func (s *Servers) Close() {
	for _, srv := range s.srv {
		srv.Close()
	}
}
