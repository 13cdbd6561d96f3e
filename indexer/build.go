package indexer

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/crawler/htmlpage"
	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/isolate"
)

// Report counts what Build did.
type Report struct {
	Entries int `json:"entries"`
	// Documents and Pages count what the index holds after the build; Written the
	// documents new or changed (the others were left as they were); Removed those
	// deleted because their source is gone from the corpus or marked gone.
	Documents int `json:"documents"`
	Pages     int `json:"pages"`
	Written   int `json:"written"`
	Removed   int `json:"removed"`
	// Duplicates are entries whose content another URL already has.
	Duplicates int `json:"duplicates"`
	// Gone are entries whose URL disappeared from the web.
	Gone int `json:"gone"`
	// Listings are list pages used for discovery and not indexed as documents.
	Listings int `json:"listings"`
	// NotFound are pages that say their address was not found, though served as
	// found: not indexed.
	NotFound int `json:"not_found"`
	// NoIndex are pages whose publisher asks search engines not to index them
	// (a robots meta tag's "noindex"): not indexed, their links followed.
	NoIndex int `json:"no_index"`
	// Fragments are parts of pages that scripts load into others (a formatted
	// citation, a widget's markup): not indexed.
	Fragments int `json:"fragments"`
	// Failed are entries that could not be extracted; Errors says why, per URL.
	Failed int      `json:"failed"`
	Errors []string `json:"errors,omitempty"`
}

func (r *Report) fail(url string, err error) {
	r.Failed++
	r.Errors = append(r.Errors, fmt.Sprintf("%s: %v", url, err))
}

// putChunk is how many documents are extracted before they are written.
const putChunk = 16

// How far Build's extraction runs ahead of what it takes in order (inOrder):
// HTML pages and PDFs' facts, whatever the workers; documents with their pages
// (in memory until written), per worker.
const (
	extractWindow = 256
	pagesWindow   = 4
)

// Options tune Build.
type Options struct {
	// CacheDir keeps extraction results by content, so unchanged files are not
	// extracted again; "" turns the cache off.
	CacheDir string
	// PDF extracts one PDF; nil means extract.PDF in this process. ssgsearch passes
	// an isolating pool (indexer/isolate), so a file that hangs or crashes the PDF
	// library costs that file only.
	PDF func(ctx context.Context, data []byte) (*extract.Result, error)
	// Sources are what the operator says about each publisher's site.
	Sources []SourceMeta
	Log     *slog.Logger
	// Workers is how many files are extracted at once (0 or less: GOMAXPROCS, a
	// core each); PDF is called from as many goroutines.
	Workers int
}

// Build extracts the given corpus entries, joins each publication page with the PDF it
// presents into one Document, and writes the documents to ix: the index becomes a
// function of the corpus. Content found at several URLs is indexed once (under the
// URL recorded first). An entry marked gone stays indexed from its stored copy, its
// document marked removed. Documents whose content did not change are not
// rewritten; documents no entry produces any more are deleted. Entries that fail to
// extract are reported and skipped; an error means the index could not be written.
func Build(ctx context.Context, store *corpus.Store, entries []corpus.Entry, ix *Index, opts Options) (Report, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pdf := opts.PDF
	if pdf == nil {
		pdf = func(_ context.Context, data []byte) (*extract.Result, error) { return extract.PDF(data) }
	}
	b := builder{ctx: ctx, store: store, log: log, pdfs: map[string]corpus.Entry{}, cache: opts.CacheDir, built: map[string]bool{},
		pdf: pdf, sources: opts.Sources, facts: map[string]pdfFacts{}}
	b.report.Entries = len(entries)
	entries = b.dedupe(entries)
	// Files are extracted on every core (inOrder), and what was extracted is taken
	// in the order of the files, as one loop would take it. A file that takes long
	// (a book of hundreds of pages) holds back what is taken after it, while the
	// other workers go on with the files after it, up to a window: wide, as what
	// is kept of an HTML page or a PDF's facts is small.
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var pages []*htmlPage
	listings := map[string]bool{} // the listings' addresses without their queries
	b.referrers, b.linkTitles = map[string][]string{}, map[string]string{}
	type extracted struct {
		res *extract.Result
		err error
	}
	err := inOrder(ctx, len(entries), workers, extractWindow, func(i int) (x extracted) {
		if e := entries[i]; e.ContentType == corpus.TypeHTML {
			x.res, x.err = b.extractHTML(e)
		}
		return x
	}, func(i int, x extracted) error {
		e := entries[i]
		switch e.ContentType {
		case corpus.TypePDF:
			b.pdfs[e.URL] = e
		case corpus.TypeHTML:
			if x.err != nil {
				b.report.fail(e.URL, x.err)
				return nil
			}
			b.noteLinks(e, x.res.Meta.PDFLinks)
			b.noteLinkTitles(x.res.Meta.PDFTexts)
			b.noteLinks(e, x.res.Meta.Links)
			if x.res.Meta.Listing {
				b.report.Listings++
				listings[pathOf(e.URL)] = true
				return nil
			}
			if x.res.Meta.NotFound {
				b.report.NotFound++
				return nil
			}
			if x.res.Meta.NoIndex {
				b.report.NoIndex++
				return nil
			}
			if x.res.Meta.Fragment {
				b.report.Fragments++
				return nil
			}
			if printView(e.URL) {
				b.report.Duplicates++ // the page it prints is the document
				return nil
			}
			pages = append(pages, &htmlPage{entry: e, res: x.res})
		}
		return nil
	})
	if err != nil {
		return b.report, err
	}
	// A listing's views (the same address filtered, sorted or paged) are
	// listings, whatever a view with one result looks like; not the home
	// page's (/index.php routes its queries to items).
	pages = slices.DeleteFunc(pages, func(p *htmlPage) bool {
		if listingView(p.entry.URL) && listings[pathOf(p.entry.URL)] && !extract.HomePage(pathOf(p.entry.URL)) {
			b.report.Listings++
			return true
		}
		return false
	})
	pages = b.twins(pages)
	// What every PDF says about itself: read once (from the cache when it can be) to
	// decide which page presents which PDF and which metadata values are stamps.
	urls := slices.Sorted(maps.Keys(b.pdfs))
	if err := inOrder(ctx, len(urls), workers, extractWindow, func(i int) pdfFacts {
		return b.pdfFacts(b.pdfs[urls[i]])
	}, func(i int, f pdfFacts) error {
		b.facts[urls[i]] = f
		return nil
	}); err != nil {
		return b.report, err
	}
	b.stamps = findStamps(b.facts)
	owned := b.assignPDFs(pages)
	pages = b.recordViews(pages, owned)
	b.docPages = map[string]bool{}
	for _, p := range pages {
		b.docPages[p.entry.URL] = true
	}
	b.translations = translationGroups(pages, &b)
	// Documents are described first (metadata only, from the pages and the PDFs'
	// facts), so that editions can be linked across them; their pages are read one
	// document at a time as they are written.
	docs := make([]*Document, 0, len(pages)+len(b.pdfs))
	pageDocs := make(map[*htmlPage]*Document, len(pages))
	for _, p := range pages {
		d := b.publication(p)
		pageDocs[p] = d
		docs = append(docs, d)
	}
	files := map[string]*Document{} // by the URL of its PDF
	for p, d := range pageDocs {
		if p.pdf != "" {
			files[p.pdf] = d
		}
	}
	for _, u := range slices.Sorted(maps.Keys(b.pdfs)) {
		if p, ok := owned[u]; ok && p.pdf == u {
			continue
		}
		d := b.standalonePDF(b.pdfs[u])
		files[u] = d
		if p, ok := owned[u]; ok {
			switch pd := pageDocs[p]; {
			case (b.offers(p, u) || langSiblings(p.pdf, u)) && otherVersion(pd, d, b.facts[p.pdf].Pages, b.facts[u].Pages):
				// The publication in another language, offered beside the page's
				// own ("English (PDF)", "Українська (PDF)", "Languages available")
				// or named alike: its translation, found at its own address.
				linkVersions(pd, d)
			case b.offers(p, u):
				// A second PDF of a publication page, offered by its content
				// (an annex): found under that page (one its sidebar or a banner
				// links is found at its own address).
				d.URL = publicURL(p.entry)
				d.Referrers = slices.DeleteFunc(slices.Clone(d.Referrers), func(r string) bool { return r == d.URL })
			}
		}
		docs = append(docs, d)
	}
	linkSiblingFiles(files, func(u string) int { return b.facts[u].Pages })
	backLinks(docs)
	linkEditions(docs)
	sharePublishers(docs)
	slices.SortStableFunc(docs, WriteOrder)
	// Pages are read on every core, a window of documents ahead of the one
	// written (their pages are in memory); the writer has the next documents
	// analysed while it builds a segment of the last (Writer).
	w := ix.NewWriter()
	if err := inOrder(ctx, len(docs), workers, pagesWindow*workers, func(i int) (pdfErr error) {
		pdfErr = b.readPages(docs[i])
		setImprintApart(docs[i])
		return pdfErr
	}, func(i int, pdfErr error) error {
		d := docs[i]
		if pdfErr != nil {
			b.report.fail(d.PDFSourceURL, pdfErr)
		}
		docs[i] = nil // handed over: its pages can go
		return b.add(ctx, w, d)
	}); err != nil {
		return b.report, errors.Join(err, w.Close())
	}
	if err := errors.Join(b.flush(ctx, w), w.Close()); err != nil {
		return b.report, err
	}
	if err := b.prune(ix); err != nil {
		return b.report, err
	}
	// A bulk build (a first ingest, a full re-index, a large crawl) leaves many
	// segments: merge them, as the searches that follow will read them all.
	if b.report.Written > 0 && b.report.Written*4 >= b.report.Documents {
		if err := ix.Compact(ctx); err != nil {
			log.Warn("compact the index", "err", err)
		}
	}
	return b.report, nil
}

// noteLinks records that page e links to each of links.
func (b *builder) noteLinks(e corpus.Entry, links []string) {
	from := publicURL(e)
	for _, l := range links {
		l = b.resolve(l)
		if r := b.referrers[l]; l != e.URL && len(r) < maxReferrers && !slices.Contains(r, from) {
			b.referrers[l] = append(r, from)
		}
	}
}

// noteLinkTitles keeps, for each PDF of texts (a page's anchors' words, by the
// file's URL), the longest that reads as a title (linkTitle).
func (b *builder) noteLinkTitles(texts map[string]string) {
	for u, t := range texts {
		if t, ok := linkTitle(t); ok {
			if u = b.resolve(u); len(t) > len(b.linkTitles[u]) {
				b.linkTitles[u] = t
			}
		}
	}
}

// untitled titles d, which names no title of its own, by the anchors linking its
// file at pdf (linkTitles), else by the name of the file at addr, else by addr.
func (b *builder) untitled(d *Document, pdf, addr string) {
	if t := b.linkTitles[b.resolve(pdf)]; t != "" {
		d.Title, d.Provenance["title"] = t, extract.FromLabel
		return
	}
	d.Title, d.Provenance["title"] = cmp.Or(fileTitle(addr), addr), extract.FromURL
}

// maxReferrers bounds the referring pages kept per document.
const maxReferrers = 20

// BuildAll builds the index from every entry of the store (see Build).
func BuildAll(ctx context.Context, store *corpus.Store, ix *Index, opts Options) (Report, error) {
	entries, err := store.Entries()
	if err != nil {
		return Report{}, err
	}
	return Build(ctx, store, entries, ix, opts)
}

// dedupe drops entries whose content another entry has: the one recorded first (then
// the shorter URL; an entry still on the web before a gone one) is kept, so a copy
// found later does not displace the original. alias maps a dropped duplicate's URL,
// and a URL whose page named another as canonical, to the URL kept. Entries marked
// gone are kept (and counted).
func (b *builder) dedupe(entries []corpus.Entry) []corpus.Entry {
	sorted := append([]corpus.Entry(nil), entries...)
	slices.SortStableFunc(sorted, keptFirst)
	kept := map[string]string{}
	b.alias = map[string]string{}
	out := sorted[:0]
	for _, e := range sorted {
		if e.AliasOf != "" {
			if e.GoneAt.IsZero() { // a redirect that leads elsewhere now
				b.alias[e.URL] = e.AliasOf
			}
			continue
		}
		if k, ok := kept[e.SHA256]; ok && !b.errorPage(e) {
			b.alias[e.URL] = k
			b.report.Duplicates++
			continue
		}
		kept[e.SHA256] = e.URL
		if !e.GoneAt.IsZero() {
			b.report.Gone++
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// recordViews merges a record's page with the page that presents its file
// under the file's name, when each links the other (a digital library's item
// and its media page: Omeka S's /item/346 and /media/679): the record, which
// describes the publication, presents the file, and the file's page is its
// view, a duplicate. A news item or an event is no record; pages titled alike
// that link each other are as often a page's language versions.
func (b *builder) recordViews(pages []*htmlPage, owned map[string]*htmlPage) []*htmlPage {
	byURL := make(map[string]*htmlPage, len(pages))
	for _, p := range pages {
		byURL[p.entry.URL] = p
	}
	links := func(p, q *htmlPage) bool {
		return slices.ContainsFunc(p.res.Meta.Links, func(l string) bool { return b.resolve(l) == q.entry.URL })
	}
	viewed := map[*htmlPage]bool{}
	for _, p := range pages {
		title := foldTitle(p.res.Meta.Title)
		if p.pdf != "" || viewed[p] || title == "" || announces(p) {
			continue
		}
		var views []*htmlPage
		for _, l := range p.res.Meta.Links {
			q := byURL[b.resolve(l)]
			if q != nil && q != p && q.pdf != "" && !viewed[q] && !slices.Contains(views, q) && links(q, p) && fileName.MatchString(q.res.Meta.Title) {
				views = append(views, q)
			}
		}
		if len(views) != 1 {
			continue
		}
		q := views[0]
		p.pdf, owned[q.pdf] = q.pdf, p
		viewed[q] = true
		b.alias[q.entry.URL] = p.entry.URL
		b.report.Duplicates++
	}
	// A record's other view (its address with a path or a query added: DSpace's
	// "/full", a catalogue's "/Details"), titled as it, in its language and
	// presenting no file, is a copy of it; so is a page's copy under another
	// interface language's address ("/uk/…" showing the English page, never
	// translated), which keeps the page whose address names its language.
	for _, q := range pages {
		if q.pdf != "" || viewed[q] {
			continue
		}
		for _, l := range q.res.Meta.Links {
			p := byURL[b.resolve(l)]
			if p == nil || p == q || viewed[p] || p.res.Meta.Lang != q.res.Meta.Lang || foldTitle(p.res.Meta.Title) != foldTitle(q.res.Meta.Title) {
				continue
			}
			if len(p.entry.URL) < len(q.entry.URL) && view(p.entry.URL, q.entry.URL) || interfaceCopy(p.entry.URL, q.entry.URL) && !ownLanguage(q) {
				viewed[q] = true
				b.alias[q.entry.URL] = p.entry.URL
				b.report.Duplicates++
				break
			}
		}
	}
	return slices.DeleteFunc(pages, func(p *htmlPage) bool { return viewed[p] })
}

// interfaceCopy reports whether two addresses of a site differ only by a
// language's part of their paths ("/en/x" and "/uk/x", "/x" and "/uk/x").
func interfaceCopy(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil || !strings.EqualFold(ua.Host, ub.Host) || ua.RawQuery != ub.RawQuery {
		return false
	}
	strip := func(p string) (string, bool) {
		var out []string
		lang := false
		for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
			if extract.PathLanguage(seg) != "" {
				lang = true
				continue
			}
			out = append(out, seg)
		}
		return strings.Join(out, "/"), lang
	}
	pa, la := strip(ua.Path)
	pb, lb := strip(ub.Path)
	return pa == pb && pa != "" && (la || lb) && strings.Trim(ua.Path, "/") != strings.Trim(ub.Path, "/")
}

// fileName is a title that is a file's name, a site's name perhaps after it:
// "Oversight_Handbook_EN.pdf", "report-2019.pdf · Digital Library".
var fileName = regexp.MustCompile(`(?i)^\s*[^\s/]+\.(pdf|docx?|odt|rtf)(\s+[·|–—-]\s.*)?$`)

// printView reports whether an address is a page's print version: a script or
// folder named so ("print.php?id=47", "/node/12/print", "printpage.asp") or a
// query asking for it ("?print=1", "&printable=yes", "?format=print").
func printView(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	segs := strings.Split(strings.Trim(strings.ToLower(p.Path), "/"), "/")
	for i, seg := range segs {
		if printSegment.MatchString(seg) && (i == len(segs)-1 || strings.Contains(seg, ".")) {
			return true // "/node/12/print", "print.php"; not a section named so ("/print/…")
		}
	}
	q := p.Query()
	for _, k := range []string{"print", "printable", "printer", "print_version"} {
		switch strings.ToLower(q.Get(k)) {
		case "1", "y", "yes", "true", "on":
			return true
		}
	}
	for _, k := range []string{"format", "view", "mode", "output", "layout"} {
		if strings.EqualFold(q.Get(k), "print") {
			return true
		}
	}
	return false
}

// printSegment is a path's part naming a print version.
var printSegment = regexp.MustCompile(`^(print|printable|printer-friendly|print[-_]?(version|page|view|friendly)?\.(php|aspx?|html?|jsp))$`)

// listingView reports whether an address has a query and every parameter of it
// filters, sorts or pages a list ("?lang=en&type=guide", "?sort=year&page=2"),
// none names an item ("?option=com_content&view=article&id=758").
func listingView(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.RawQuery == "" {
		return false
	}
	for raw, vs := range p.Query() {
		k := htmlpage.ParamName(raw)
		switch raw = strings.ToLower(raw); {
		case slices.Contains(htmlpage.PageParams, k):
			// A page's number, not a page's name ("?page=report-2019" routes to an item).
			if slices.ContainsFunc(vs, func(v string) bool { _, err := strconv.Atoi(v); return err != nil }) {
				return false
			}
		case !slices.Contains(viewParams, k) && !strings.HasPrefix(raw, "f[") && !strings.HasPrefix(raw, "filter"):
			return false
		}
	}
	return true
}

// viewParams are the query parameters with which a listing filters, sorts and
// pages its items.
var viewParams = []string{"type", "types", "lang", "language", "year", "years", "from", "to", "date", "sort", "sort_by", "sortby", "order",
	"orderby", "dir", "category", "categories", "cat", "tag", "tags", "topic", "topics", "subject", "theme", "region", "country",
	"author", "series", "collection", "format", "q", "s", "search", "query", "keys", "view_mode",
	"chash"} // TYPO3's hash of the others

// pathOf is an address without its query and fragment.
func pathOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.RawQuery, p.Fragment = "", ""
	return p.String()
}

// keptFirst orders entries of the same content by which is kept: one still on
// the web, then the one recorded first, then the shorter URL.
func keptFirst(a, b corpus.Entry) int {
	if a.GoneAt.IsZero() != b.GoneAt.IsZero() {
		if a.GoneAt.IsZero() {
			return -1
		}
		return 1
	}
	return cmp.Or(a.FetchedAt.Compare(b.FetchedAt), cmp.Compare(len(a.URL), len(b.URL)), strings.Compare(a.URL, b.URL))
}

// twins keeps one of the HTML pages that show the same publication at several
// addresses with other bytes (a directory and its index.html, a server blind to
// the case of its paths, a print view, a share link that names the address):
// the same language and title, the same numbers, and the same files with much
// of their words alike, or, where one offers none, nearly the same words (a
// print view leaves the page's tools out). The one kept is the better (see
// better); the others become its aliases. A page of little text offering no
// file is never a twin: its title alone says too little.
func (b *builder) twins(pages []*htmlPage) []*htmlPage {
	type shown struct {
		p     *htmlPage
		words map[string]bool
		files []string
	}
	order := slices.Clone(pages)
	slices.SortStableFunc(order, func(x, y *htmlPage) int { return keptFirst(x.entry, y.entry) })
	// Pages are compared within their language and title only: the words of
	// those that share one with another page are read.
	byTitle := map[string][]*htmlPage{}
	var titles []string
	for _, p := range order {
		key := p.res.Meta.Lang + "\x00" + p.res.Meta.Title
		if byTitle[key] == nil {
			titles = append(titles, key)
		}
		byTitle[key] = append(byTitle[key], p)
	}
	// The page kept of two twins offers the files (not a print view), then is
	// the page of which the other is a view (an item's page, not its full
	// record's), then has the address that names its language, then says more
	// (not an attachment's page); else the first (keptFirst).
	better := func(a, b *shown) bool {
		switch {
		case (len(a.files) > 0) != (len(b.files) > 0):
			return len(a.files) > 0
		case view(a.p.entry.URL, b.p.entry.URL):
			return len(a.p.entry.URL) < len(b.p.entry.URL)
		case ownLanguage(a.p) != ownLanguage(b.p):
			return ownLanguage(a.p)
		}
		return len(a.words) > len(b.words)+len(b.words)/4
	}
	twin := map[string]bool{}
	for _, key := range titles {
		group := byTitle[key]
		if len(group) < 2 {
			continue
		}
		var kept []*shown
		for _, p := range group {
			m := p.res.Meta
			words := strings.Fields(strings.ToLower(p.res.Text()))
			if len(strings.Join(words, " ")) < minTwinText && len(m.MainPDFs) == 0 {
				continue
			}
			s := &shown{p: p, words: map[string]bool{}}
			for _, w := range words {
				s.words[w] = true
			}
			for _, u := range m.MainPDFs {
				s.files = append(s.files, b.resolve(u))
			}
			slices.Sort(s.files)
			i := slices.IndexFunc(kept, func(k *shown) bool {
				same := maps.Equal(numbers(k.words), numbers(s.words))
				// A view of the same address (?print=1, /print/; a repository's
				// full record, "/items/<id>/full"; a catalogue record's tab)
				// shows the page's words, less its tools' or with more of its
				// metadata.
				viewed := view(k.p.entry.URL, s.p.entry.URL) && contained(k.words, s.words) >= twinView
				if len(k.files) > 0 && len(s.files) > 0 {
					// Pages offering the same files under the same title, with
					// the same numbers and much of their text alike, are one
					// publication's, whatever their interfaces say around it
					// (Drupal's node shown under another language's prefix).
					return slices.Equal(k.files, s.files) && (same && jaccard(k.words, s.words) >= twinFiles || viewed)
				}
				if viewed {
					return true
				}
				// Else the same numbers too: a series' pages differ in their years.
				return jaccard(k.words, s.words) >= twinWords && same
			})
			if i < 0 {
				if len(kept) < maxTwinsKept { // a title many pages share (a site's name) is compared so far
					kept = append(kept, s)
				}
				continue
			}
			drop, keep := s, kept[i]
			if better(s, keep) {
				drop, keep = keep, s
				kept[i] = s
			}
			b.alias[drop.p.entry.URL] = keep.p.entry.URL
			b.report.Duplicates++
			twin[drop.p.entry.URL] = true
		}
	}
	return slices.DeleteFunc(pages, func(p *htmlPage) bool { return twin[p.entry.URL] })
}

// ownLanguage reports whether a page's address, when a part of its path names a
// language ("/en/", "/uk/"), names the page's own: not Drupal's Ukrainian node
// shown under /en/.
func ownLanguage(p *htmlPage) bool {
	u, err := url.Parse(p.entry.URL)
	if err != nil {
		return true
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if l := extract.PathLanguage(seg); l != "" {
			return p.res.Meta.Lang == "" || l == p.res.Meta.Lang
		}
	}
	return true
}

// view reports whether one address is the other's with a query or a path
// added: a view of the same page.
func view(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasPrefix(b, a) && strings.ContainsAny(b[len(a):len(a)+1], "?/&")
}

// contained is the share of the smaller set's members that the other has (1
// when the smaller is empty); jaccard the share of the two sets' members that
// both have.
func contained(a, b map[string]bool) float64 {
	if min(len(a), len(b)) == 0 {
		return 1
	}
	return float64(shared(a, b)) / float64(min(len(a), len(b)))
}

func jaccard(a, b map[string]bool) float64 {
	n := shared(a, b)
	if all := len(a) + len(b) - n; all > 0 {
		return float64(n) / float64(all)
	}
	return 1
}

// shared counts the members two sets both have.
func shared(a, b map[string]bool) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return n
}

// minTwinText is the text, in bytes, that two pages offering no file must both
// show to be taken for one; twinWords the share of their words they must share,
// twinView the share of the smaller's words a view of a page must have (a
// record's tab repeats its header, title and description, and shows a table of
// its own: "/Record/000123/Holdings"), twinFiles the share two pages offering
// the same files must (see twins).
const (
	minTwinText  = 200
	twinWords    = 0.9
	twinView     = 0.7
	twinFiles    = 0.5
	maxTwinsKept = 50
)

// numbers are the members of a set of words that are numbers ("2019", "№12").
func numbers(words map[string]bool) map[string]bool {
	out := map[string]bool{}
	for w := range words {
		if strings.ContainsFunc(w, unicode.IsDigit) {
			out[w] = true
		}
	}
	return out
}

// errorPage reports whether a PDF entry's body is no PDF at all (a site's error or
// login page served in its place): the same error page at many addresses is no
// duplicate of one file, and each address keeps its own entry.
func (b *builder) errorPage(e corpus.Entry) bool {
	if e.ContentType != corpus.TypePDF {
		return false
	}
	body, err := b.store.Body(e.SHA256)
	return err == nil && !corpus.IsPDF(body)
}

// prune deletes the documents of the index that this build did not produce.
func (b *builder) prune(ix *Index) error {
	ids, err := ix.DocumentIDs()
	if err != nil {
		return err
	}
	var stale []string
	for _, id := range ids {
		if !b.built[id] {
			stale = append(stale, id)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	if err := ix.Delete(stale...); err != nil {
		return err
	}
	b.report.Removed = len(stale)
	b.log.Info("removed documents whose source is gone", "count", len(stale))
	return nil
}

type htmlPage struct {
	entry corpus.Entry
	res   *extract.Result
	pdf   string // URL of the PDF this page presents, if any
}

type builder struct {
	ctx     context.Context
	store   *corpus.Store
	cache   string
	pdf     func(ctx context.Context, data []byte) (*extract.Result, error)
	sources []SourceMeta
	// alias maps the URL of a duplicate entry to the URL of the entry kept.
	alias map[string]string
	// built are the IDs of the documents this build produced.
	built map[string]bool
	// docPages are the URLs of HTML pages that become documents (not listings).
	docPages map[string]bool
	log      *slog.Logger
	pdfs     map[string]corpus.Entry
	// facts are what each PDF says about itself, by URL; stamps the values many
	// of them share.
	facts  map[string]pdfFacts
	stamps stamps
	// translations maps a document page's URL to the pages of its translations.
	translations map[string][]string
	// referrers maps a URL to the pages that link it (public URLs, the first
	// maxReferrers in corpus order).
	referrers map[string][]string
	// linkTitles maps a PDF's URL to the longest of the anchors' words that name
	// it as a title would (linkTitle): its title when the file gives none.
	linkTitles map[string]string
	pending    []*Document
	report     Report
}

func (b *builder) add(ctx context.Context, w *Writer, d *Document) error {
	b.pending = append(b.pending, d)
	if len(b.pending) >= putChunk {
		return b.flush(ctx, w)
	}
	return nil
}

func (b *builder) flush(ctx context.Context, w *Writer) error {
	n, err := w.Put(ctx, b.pending...)
	b.report.Written += n
	if err != nil {
		return err
	}
	for _, d := range b.pending {
		b.built[d.ID] = true
		b.report.Documents++
		b.report.Pages += len(d.Pages)
		b.log.Debug("indexed", "id", d.ID, "title", d.Title, "pages", len(d.Pages), "fingerprint", d.Fingerprint)
	}
	b.pending = b.pending[:0]
	return nil
}

func (b *builder) extractHTML(e corpus.Entry) (*extract.Result, error) {
	// Links resolve against the page URL: the URL is part of the cache key.
	key := e.SHA256 + "-" + corpus.Digest([]byte(e.URL + "\x00" + e.Charset))[:16]
	return b.cached("html-"+extract.HTMLVersion, key, e, func(body []byte) (*extract.Result, error) {
		ct := e.ContentType
		if e.Charset != "" {
			ct += "; charset=" + e.Charset
		}
		return extract.HTML(bytes.NewReader(body), ct, e.URL)
	})
}

func (b *builder) extractPDF(e corpus.Entry) (*extract.Result, error) {
	return b.cached(extract.Version, e.SHA256, e, func(data []byte) (*extract.Result, error) { return b.pdf(b.ctx, data) })
}

// cacheEntry is a cached extraction: a result, or the error it ended with (a file
// that hangs the extractor is not retried on every build).
type cacheEntry struct {
	Result    *extract.Result `json:"result,omitempty"`
	Error     string          `json:"error,omitempty"`
	Encrypted bool            `json:"encrypted,omitempty"`
}

// transient reports whether an extraction failed for a reason of the moment (the
// machine busy past the time allowed, the child killed): not cached, so that the
// next build tries the file again rather than keep an empty document.
func transient(err error) bool {
	return errors.Is(err, isolate.ErrTimeout) || errors.Is(err, isolate.ErrCrashed)
}

// cached returns the extraction result for key from the cache, or runs extract on
// the entry's body and caches its result or its error. The cache is kept by
// version (the extractor's, extract.Version or HTMLVersion), so a better
// extractor is not served stale results; a damaged cache file is redone; a
// cancelled or transient failure is not cached.
func (b *builder) cached(version, key string, e corpus.Entry, run func([]byte) (*extract.Result, error)) (*extract.Result, error) {
	var file string
	if b.cache != "" {
		file = filepath.Join(b.cache, version, key[:2], key+".json")
		if js, err := os.ReadFile(file); err == nil {
			var ce cacheEntry
			if json.Unmarshal(js, &ce) == nil {
				switch {
				case ce.Encrypted:
					return nil, extract.ErrEncrypted
				case ce.Error != "":
					return nil, errors.New(ce.Error)
				case ce.Result != nil:
					return ce.Result, nil
				}
			}
		}
	}
	body, err := b.store.Body(e.SHA256)
	if err != nil {
		return nil, err
	}
	res, err := run(body)
	if file == "" || b.ctx.Err() != nil || transient(err) {
		return res, err
	}
	ce := cacheEntry{Result: res}
	if err != nil {
		ce = cacheEntry{Error: err.Error(), Encrypted: errors.Is(err, extract.ErrEncrypted)}
	}
	if js, jerr := json.Marshal(ce); jerr == nil {
		if werr := corpus.WriteAtomic(file, js); werr != nil {
			b.log.Warn("extraction cache not written", "file", file, "err", werr)
		}
	}
	return res, err
}

// publication describes the document of an HTML page and the PDF it presents: its
// metadata from the page, completed by the PDF's facts (see meta.go for the
// precedence); its pages are read later (readPages).
func (b *builder) publication(p *htmlPage) *Document {
	m := p.res.Meta
	src := b.sourceOf(p.entry.URL)
	d := &Document{
		ID:          DocumentID(p.entry.URL),
		Title:       m.Title,
		Summary:     m.Summary,
		Authors:     m.Authors,
		Lang:        m.Lang,
		Topics:      m.Topics,
		Publisher:   m.Publisher,
		URL:         publicURL(p.entry),
		SourceURL:   p.entry.URL,
		ContentHash: p.entry.SHA256,
		FetchedAt:   p.entry.FetchedAt,
		Provenance:  maps.Clone(m.Sources),
	}
	if d.Provenance == nil {
		d.Provenance = map[string]string{}
	}
	if extract.PlausibleDate(m.Date, p.entry.FetchedAt) {
		d.Date = m.Date
		if m.DatePrecision == "year" {
			d.Date, d.Year = time.Time{}, m.Date.Year()
		}
	} else {
		delete(d.Provenance, "date")
	}
	d.Referrers = slices.Clone(b.referrers[p.entry.URL])
	b.markRemoved(d, p.entry)
	fallback := TypePage
	if m.Kind == TypeEvent {
		fallback = TypeEvent
	}
	var facts pdfFacts
	if p.pdf != "" {
		fallback = TypePublication
		pe := b.pdfs[p.pdf]
		facts = b.facts[pe.URL]
		d.PDFURL = publicURL(pe)
		d.PDFSourceURL = pe.URL
		d.FetchedAt = pe.FetchedAt
		b.markRemoved(d, pe)
		for _, r := range b.referrers[pe.URL] {
			if r != d.URL && !slices.Contains(d.Referrers, r) && len(d.Referrers) < maxReferrers {
				d.Referrers = append(d.Referrers, r)
			}
		}
		if facts.Err != "" {
			// The page's own text and metadata keep the publication findable; the
			// document says its PDF could not be read.
			b.report.fail(pe.URL, errors.New(facts.Err))
			d.Status, d.Error = StatusFailed, facts.Err
			if facts.Encrypted {
				d.Status = StatusEncrypted
			}
		} else {
			d.ContentHash = pe.SHA256
			if titleSaysNothing(d.Title, m.SiteOrganisation, coverPublisher(facts.Cover, facts.Imprint, "", pe.FetchedAt)) {
				// A landing page that names its section ("Публікації"), its
				// site's organisation or the one the PDF's cover names, not the
				// publication: the PDF names it.
				d.Title = ""
			}
			if t := b.pdfTitle(facts, pe); (announces(p) || m.DatePosted && m.Type == "") && t != "" && tellsOf(d.Title, t, facts.Cover) {
				// A news item, a blog's post (a dated post labelling no type)
				// or an event that hands out the publication is its landing page, and its headline may tell what
				// happened to it or what it says ("MoD publishes White Book 2023",
				// "Круглий стіл «…»", "Coming home: what Ukraine's veterans policy
				// gets wrong"): then the PDF's own title is the publication's.
				d.Title = ""
			}
			b.complete(d, facts, pe, false)
			// A page posted long after its PDF appeared (an old report put online,
			// a site moved to a new CMS) says when it was posted: the PDF's earlier
			// year is the publication's. A year apart is a release's usual lag (a
			// report printed in December, presented in January): the page's date
			// stands.
			if t, y, sure := b.pdfDate(facts, pe.FetchedAt); m.DatePosted && sure && y <= cmp.Or(d.Year, d.Date.Year())-postedLag {
				setDate(d, t, y)
				d.Provenance["date"] = extract.FromPDF
			}
		}
	}
	if !plausibleTitle(d.Title, "") {
		b.untitled(d, cmp.Or(p.pdf, p.entry.URL), p.entry.URL)
	}
	if d.Year == 0 && d.Date.IsZero() {
		// The PDF's address, then the page's date path ("/2019/05/slug/"; not a
		// slug's words, "lessons-from-2014", which a page without a PDF has only).
		y := urlYear(p.entry.URL, p.entry.FetchedAt)
		if d.PDFSourceURL != "" {
			y = cmp.Or(urlYear(d.PDFSourceURL, p.entry.FetchedAt), pathYear(p.entry.URL, p.entry.FetchedAt))
		}
		if y != 0 {
			d.Year, d.Provenance["date"] = y, extract.FromURL
		}
	}
	b.settleType(d, m.Type, m.Sources["type"], facts, fallback, src)
	if d.Publisher == "" && m.SiteOrganisation != "" && (p.pdf != "" || d.Type != TypePage && d.Type != TypeEvent) {
		// Nothing names a publication's publisher but the site: its own
		// organisation's (a publication's page whose file is kept elsewhere
		// too).
		d.Publisher, d.Provenance["publisher"] = m.SiteOrganisation, extract.FromMeta
	}
	if src != nil && src.Publisher != "" {
		d.Publisher, d.Provenance["publisher"] = src.Publisher, extract.FromConfig
	}
	for _, u := range b.translations[p.entry.URL] {
		t := Translation{Lang: b.langOf(u), URL: u, ID: DocumentID(u)}
		if e, err := b.store.Get(u); err == nil {
			t.URL = publicURL(e)
		}
		d.Translations = append(d.Translations, t)
	}
	sortTranslations(d)
	finish(d)
	return d
}

// pdfDate is the date a PDF's facts give, when plausible: its own date (unless a
// program stamped it), else the year its cover prints (t zero); y is 0 for none.
// sure says it is the file's date or its imprint's, not a year its title names.
//
// A year its cover or imprint prints is the publication's where the file's own
// date says another: a file saved again later (compressed, printed to PDF,
// scanned) or made before the year its imprint names.
func (b *builder) pdfDate(f pdfFacts, fetched time.Time) (t time.Time, y int, sure bool) {
	y, sure = coverYears(f.Cover, fetched)
	printed := printedYear(f.Cover, fetched)
	if printed == 0 {
		printed = imprintYear(f.Imprint, fetched)
	}
	if !sure && printed != 0 {
		y, sure = printed, true
	}
	// Not a year ahead of the file's but the next (printed in December for
	// January): "Vision 2020", "Україна – 2020" name a strategy's horizon.
	if t, ok := b.stamps.date(f, fetched); ok && (printed == 0 || printed == t.Year() || printed > t.Year()+1) {
		return t, t.Year(), true
	}
	if printed != 0 {
		return time.Time{}, printed, true
	}
	return time.Time{}, y, sure
}

// postedLag is how many years before a page's posted date a PDF's year must be to
// be taken as the publication's instead (Extract's Meta.DatePosted).
const postedLag = 2

// setDate sets d's date to t, or when t is zero to the year y alone.
func setDate(d *Document, t time.Time, y int) {
	if t.IsZero() {
		d.Date, d.Year = time.Time{}, y
		return
	}
	d.Date, d.Year = t, 0
}

// pdfTitle is a PDF's own title: its information's (unless a stamp), made
// fuller by its cover's, else its cover's; "" when it has none. A cover whose
// display type sets its title outweighs information whose words are mostly off
// the cover (a name given at the office: "PB Ombuds UA").
func (b *builder) pdfTitle(f pdfFacts, e corpus.Entry) string {
	cover, shown := displayedTitle(f.Cover, f.Display, e.FetchedAt)
	if t, ok := b.stamps.title(f, e.URL); ok && !(cover != "" && shown && (offCover(t, f.Cover) || shortName(t, cover))) {
		return fullerTitle(t, cover)
	}
	return cover
}

// shortName reports whether a file's own title is a short name it was given
// ("Training manual gender", "Community Safety Handbook", "Порадник 2
// видання": a few words, no subtitle) beside the longer title its cover
// displays, neither holding the other.
func shortName(info, cover string) bool {
	fi, fc := foldTitle(info), foldTitle(cover)
	n := len(strings.Fields(fi))
	return n <= shortNameWords && !strings.ContainsAny(info, ":.") && !strings.Contains(fc, fi) && !strings.Contains(fi, fc) && n < len(strings.Fields(fc))
}

// shortNameWords is the most words of a file's short name (shortName): a title
// of more, or one with a subtitle, is the publisher's own short title.
const shortNameWords = 4

// complete fills what d lacks from a PDF's facts, when they pass the plausibility
// checks; alone says the PDF is the whole document (no page describes it).
func (b *builder) complete(d *Document, f pdfFacts, e corpus.Entry, alone bool) {
	from := func(field string) { d.Provenance[field] = extract.FromPDF }
	if d.Title == "" || !plausibleTitle(d.Title, "") {
		if t := b.pdfTitle(f, e); t != "" {
			d.Title = t
			from("title")
		}
	}
	if d.Summary == "" && len([]rune(f.Summary)) > 20 && f.Summary != f.Title {
		d.Summary = f.Summary
		from("summary")
	}
	if len(d.Authors) == 0 {
		if a := plausibleAuthors(f.Authors); len(a) > 0 {
			d.Authors = a
			from("authors")
		}
	}
	if d.Publisher == "" {
		if p := coverPublisher(f.Cover, f.Imprint, d.Title, e.FetchedAt); p != "" {
			d.Publisher = p
			from("publisher")
		}
	}
	if d.Date.IsZero() && d.Year == 0 {
		if t, y, _ := b.pdfDate(f, e.FetchedAt); y != 0 {
			setDate(d, t, y)
			from("date")
		}
	}
	// The file's words say its language, over the page's when most of its pages
	// are read in one (an English paper on a Ukrainian interface); a few cover
	// lines, or text read wrong, do not outweigh the page's.
	if f.Lang != "" && (d.Lang == "" || f.Speaks && f.Lang != d.Lang) {
		d.Lang = f.Lang
		d.Provenance["lang"] = extract.FromWords
	}
	if len(d.Topics) == 0 && alone {
		if k := naturalKeywords(f.Keywords); len(k) > 0 {
			d.Topics = k
			from("topics")
		}
	}
}

// settleType sets d's type: the label the page gives (declared, from source
// "meta" or "label"), mapped by the source's config or the vocabulary; else a type
// the title names; else one the PDF's title or cover names; else fallback.
func (b *builder) settleType(d *Document, declared, source string, f pdfFacts, fallback string, src *SourceMeta) {
	explicit := source == extract.FromMeta || source == extract.FromLabel
	// A page that presents no file: an event's is an event, whatever it
	// announces ("Launch of the Annual Report 2021"); an undated one is a page,
	// whatever type a link on it names ("Річні звіти" on "About us"); so is a
	// news item's, a blog post's or a press release's, dated as they are,
	// whatever its headline or label names ("Що показало опитування…", "Press
	// release"), unless the label names a genre published as posts (a
	// commentary). Structured metadata saying otherwise wins.
	if fallback == TypeEvent || fallback == TypePage && (d.Date.IsZero() && d.Year == 0 || extract.NewsPath(d.SourceURL) && !webGenre(declared)) && source != extract.FromMeta {
		delete(d.Provenance, "type")
		d.Type = fallback
		return
	}
	if fallback == TypePage && extract.EventSection(declared) {
		// A page its type field says is an event's ("Тип: Подія", a resource
		// library's property).
		d.Type, d.Provenance["type"] = TypeEvent, source
		return
	}
	if key, shown := typeOf(declared, explicit, src); key != "" {
		d.Type, d.TypeLabel = key, shown
		d.Provenance["type"] = source
		if src != nil && src.Types[strings.ToLower(strings.TrimSpace(declared))] != "" {
			d.Provenance["type"] = extract.FromConfig
			return
		}
		// A title naming a narrower type than the declared one ("Annual Report on
		// …" declared a "Report") says it more precisely; so does any type a
		// title or its cover's kicker names under a catalogue's "Book" or
		// "Monograph", a format rather than a genre ("Gender and Security Sector
		// Reform Toolkit"; "HANDBOOK" over a title), and any type a cover's
		// kicker names under a declared "Report", a broad type (a repository's
		// record type; "POLICY BRIEF" on the cover).
		if t, ok := vocab.InTitle(d.Title); ok && t != key && (narrowerType(t, declared, d.Title) || key == "book") {
			d.Type, d.TypeLabel = t, ""
		} else if t := kickerType(f.Cover); (key == "book" || key == "report") && !ok && t != "" && t != key {
			d.Type, d.TypeLabel = t, ""
		}
		return
	}
	delete(d.Provenance, "type")
	if fallback == TypePage || fallback == TypeEvent {
		d.Type = fallback
		return
	}
	texts := []struct{ text, from string }{{d.Title, d.Provenance["title"]}, {f.Title, extract.FromPDF}}
	for _, l := range f.Cover { // line by line: a kicker's words are its own ("Інформаційна довідка")
		texts = append(texts, struct{ text, from string }{l, extract.FromPDF})
	}
	for _, t := range texts {
		if key, ok := vocab.InTitle(t.text); ok {
			d.Type, d.Provenance["type"] = key, t.from
			return
		}
	}
	if key := pathType(d.SourceURL); key != "" {
		d.Type, d.Provenance["type"] = key, extract.FromURL
		return
	}
	d.Type = fallback
}

// kickerType is the type a cover's line names as a whole ("HANDBOOK",
// "Навчальний посібник"), the first such line; "" when none does.
func kickerType(cover []string) string {
	for _, l := range cover {
		if key, ok := lineType(l); ok {
			return key
		}
	}
	return ""
}

// webGenre reports whether a declared type is one published on the web as a
// post ("Commentary", "Коментар"): a blog's post so labelled keeps it.
func webGenre(declared string) bool {
	key, ok := vocab.NameOf(strings.TrimSpace(declared))
	return ok && key == "commentary"
}

// pathType is the type a folder of a page's address names, the nearest first
// ("/publications/policy-briefs/security-service-reform/" → policy-brief), or "".
func pathType(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	segs := strings.FieldsFunc(p.Path, func(r rune) bool { return r == '/' })
	for i := len(segs) - 2; i >= 0; i-- { // the last is the page's own name
		seg, err := url.PathUnescape(segs[i])
		if err != nil {
			continue
		}
		seg = strings.NewReplacer("-", " ", "_", " ").Replace(seg)
		if key, ok := vocab.NameOf(seg); ok {
			return key
		}
	}
	return ""
}

// readPages reads the text of d's pages: its PDF's, else its page's own. It
// returns why its PDF could not be read, when it could not (d says so too), and
// touches nothing but d: readPages of several documents run at once.
func (b *builder) readPages(d *Document) (pdfErr error) {
	if d.PDFSourceURL != "" && d.Status != StatusFailed && d.Status != StatusEncrypted {
		res, err := b.extractPDF(b.pdfs[d.PDFSourceURL])
		if err == nil {
			d.Pages = res.Pages
			partial(d, res)
			return nil
		}
		pdfErr = err
		d.Status, d.Error = failStatus(err), err.Error()
	}
	if d.SourceURL != d.PDFSourceURL {
		if e, err := b.store.Get(d.SourceURL); err == nil {
			if res, err := b.extractHTML(e); err == nil {
				d.Pages = res.Pages
				return pdfErr
			}
		}
	}
	if d.Status != "" {
		d.Pages = []Page{{Number: 1, Status: extract.StatusFailed, Error: d.Error}}
	}
	return pdfErr
}

// translation reports whether an alternate-language link points to a translation of
// a document rather than to a home page or a listing, where language switches lead
// when a page has no translation.
func (b *builder) translation(u string) bool {
	if b.docPages[u] {
		return true
	}
	if _, err := b.store.Get(u); err == nil {
		return false // fetched, and a listing or not HTML
	}
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	segs := strings.FieldsFunc(pu.Path, func(r rune) bool { return r == '/' })
	return len(segs) > 1 || len(segs) == 1 && len(segs[0]) > 3 // not "/" or "/uk/"
}

// langOf is the language of the document page at u, or "".
func (b *builder) langOf(u string) string {
	if e, err := b.store.Get(u); err == nil && e.ContentType == corpus.TypeHTML {
		if res, err := b.extractHTML(e); err == nil {
			return res.Meta.Lang
		}
	}
	return ""
}

// standalonePDF describes the document of a PDF no publication page presents.
func (b *builder) standalonePDF(e corpus.Entry) *Document {
	f := b.facts[e.URL]
	d := &Document{
		ID: DocumentID(e.URL), URL: publicURL(e), PDFURL: publicURL(e), SourceURL: e.URL, PDFSourceURL: e.URL,
		ContentHash: e.SHA256, FetchedAt: e.FetchedAt, Referrers: b.referrers[e.URL], Provenance: map[string]string{},
	}
	b.markRemoved(d, e)
	if f.Err != "" {
		// The file stays findable by its name, with the reason it has no text.
		b.report.fail(e.URL, errors.New(f.Err))
		d.Status, d.Error = StatusFailed, f.Err
		if f.Encrypted {
			d.Status = StatusEncrypted
		}
	} else {
		b.complete(d, f, e, true)
	}
	if d.Title == "" {
		b.untitled(d, e.URL, e.URL)
	}
	if d.Date.IsZero() && d.Year == 0 {
		if y := urlYear(e.URL, e.FetchedAt); y != 0 {
			d.Year, d.Provenance["date"] = y, extract.FromURL
		}
	}
	src := b.sourceOf(e.URL)
	b.settleType(d, "", "", f, TypePublication, src)
	if src != nil && src.Publisher != "" {
		d.Publisher, d.Provenance["publisher"] = src.Publisher, extract.FromConfig
	}
	finish(d)
	return d
}

// markRemoved marks d removed when entry e, its page or its PDF, is gone from the web.
func (b *builder) markRemoved(d *Document, e corpus.Entry) {
	if e.GoneAt.IsZero() {
		return
	}
	if d.Removed.IsZero() || e.GoneAt.Before(d.Removed) {
		d.Removed = e.GoneAt
		d.LastSeen = cmp.Or(e.LastSeen, e.FetchedAt)
	}
}

// factsVersion names the facts cached beside an extraction (pdfFacts): raised
// when factsOf keeps other facts, so that they are made again from the cached
// extraction rather than read stale.
const factsVersion = "5"

// pdfFacts returns what a PDF says about itself: from the facts cached beside its
// extraction, else by extracting it.
func (b *builder) pdfFacts(e corpus.Entry) pdfFacts {
	var file string
	if b.cache != "" {
		file = filepath.Join(b.cache, extract.Version, e.SHA256[:2], e.SHA256+".facts"+factsVersion+".json")
		if js, err := os.ReadFile(file); err == nil {
			var f pdfFacts
			if json.Unmarshal(js, &f) == nil {
				return f
			}
		}
	}
	var f pdfFacts
	res, err := b.extractPDF(e)
	if err != nil {
		f = pdfFacts{Err: err.Error(), Encrypted: errors.Is(err, extract.ErrEncrypted)}
	} else {
		f = factsOf(res)
	}
	if file != "" && b.ctx.Err() == nil && !transient(err) {
		if js, err := json.Marshal(f); err == nil {
			if err := corpus.WriteAtomic(file, js); err != nil {
				b.log.Warn("PDF facts not cached", "file", file, "err", err)
			}
		}
	}
	return f
}

// partial marks a document whose PDF was truncated.
func partial(d *Document, res *extract.Result) {
	if res.Meta.Truncated {
		d.Status, d.Error = StatusPartial, "the PDF is truncated: the pages that could be read are indexed"
	}
}

// failStatus is the Document.Status for a PDF that could not be read.
func failStatus(err error) string {
	if errors.Is(err, extract.ErrEncrypted) {
		return StatusEncrypted
	}
	return StatusFailed
}

// finish derives the fields that follow from the others.
func finish(d *Document) {
	if !d.Date.IsZero() {
		d.Year = d.Date.Year()
	}
	if len(d.Provenance) == 0 {
		d.Provenance = nil
	}
}

// publicURL is the address users open for a corpus entry: the URL itself when it is
// on the web, else its stored copy (StoredRef).
func publicURL(e corpus.Entry) string {
	if strings.HasPrefix(e.URL, "http://") || strings.HasPrefix(e.URL, "https://") {
		return e.URL
	}
	ext := ".html"
	if e.ContentType == corpus.TypePDF {
		ext = ".pdf"
	}
	return StoredRef(e.SHA256, ext)
}

// WriteOrder is the order a bulk build writes documents in: by year, then by
// language, otherwise as they came (a stable sort). A batch is written as one
// segment, and merges keep each segment's records side by side, so the pages of
// a year and a language lie together in the index. A search restricted to some
// languages or years then skips whole postings chunks of the records it leaves
// out (seekReader.nextKept) instead of reading past their postings: the bench's
// filtered queries (two words, a language and a range of years) used 22 % less
// CPU at 300,000 pages, 14–20 % at a million (docs/BENCHMARKS.md). Year comes
// first: a word's pages are mostly in one language, and a pass split into parts
// by record numbers (splitRecords) would give one part all of them. Within a
// batch, records are in Bleve's order (its batches are maps).
func WriteOrder(a, b *Document) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), strings.Compare(a.Lang, b.Lang))
}

// StoredScheme starts the references to stored copies of corpus objects that a
// Document keeps where a file has no address on the web ("stored:SHA256.pdf"):
// the edge turns one into a link to wherever the server offers stored copies
// (search.AbsURL), so that no route of the server is written into the index.
const StoredScheme = "stored:"

// StoredRef is the reference to the stored copy of the corpus object with this
// digest, ext (".pdf", ".html") saying what it is.
func StoredRef(sha256, ext string) string { return StoredScheme + sha256 + ext }

// ArchiveRef is the reference (StoredRef) to the stored copy the document's text
// was read from (its PDF, else its page): the archived copy, by content hash, that
// stays what was indexed whatever the publisher's site does later.
func ArchiveRef(d *Document) string {
	if d.ContentHash == "" {
		return ""
	}
	ext := ".html"
	if d.PDFSourceURL != "" || d.PDFURL != "" {
		ext = ".pdf"
	}
	return StoredRef(d.ContentHash, ext)
}
