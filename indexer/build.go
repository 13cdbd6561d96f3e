package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
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

// Options tune Build.
type Options struct {
	// CacheDir keeps extraction results by content, so unchanged files are not
	// extracted again; "" turns the cache off.
	CacheDir string
	// PDF extracts one PDF; nil means extract.PDF in this process. ssgsearch passes
	// an isolating pool (indexer/isolate), so a file that hangs or crashes the PDF
	// library costs that file only.
	PDF func(ctx context.Context, data []byte) (*extract.Result, error)
	Log *slog.Logger
}

// Build extracts the given corpus entries, joins each publication page with the PDF it
// offers into one Document, and writes the documents to ix: the index becomes a
// function of the corpus. Entries marked gone are left out, and content found at
// several URLs is indexed once (under the URL recorded first). Documents whose content did
// not change are not rewritten; documents no entry produces any more are deleted.
// Entries that fail to extract are reported and skipped; an error means the index
// could not be written.
func Build(ctx context.Context, store *corpus.Store, entries []corpus.Entry, ix *Index, opts Options) (Report, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pdf := opts.PDF
	if pdf == nil {
		pdf = func(_ context.Context, data []byte) (*extract.Result, error) { return extract.PDF(data) }
	}
	b := builder{ctx: ctx, store: store, log: log, pdfs: map[string]corpus.Entry{}, cache: opts.CacheDir, built: map[string]bool{}, pdf: pdf}
	b.report.Entries = len(entries)
	entries = b.dedupe(entries)
	var pages []htmlPage
	b.referrers = map[string][]string{}
	for _, e := range entries {
		switch e.ContentType {
		case corpus.TypePDF:
			b.pdfs[e.URL] = e
		case corpus.TypeHTML:
			res, err := b.extractHTML(e)
			if err != nil {
				b.report.fail(e.URL, err)
				continue
			}
			b.noteLinks(e, res.Meta.PDFLinks)
			b.noteLinks(e, res.Meta.Links)
			if res.Meta.Listing {
				b.report.Listings++
				continue
			}
			pages = append(pages, htmlPage{entry: e, res: res})
		}
	}
	// A PDF belongs to the page that links it with the fewest other PDFs: the
	// publication's own page rather than a page that links many.
	sort.SliceStable(pages, func(i, j int) bool {
		return len(pages[i].res.Meta.PDFLinks) < len(pages[j].res.Meta.PDFLinks)
	})
	owner := map[string]int{}
	for i, p := range pages {
		for _, l := range p.res.Meta.PDFLinks {
			if a, ok := b.alias[l]; ok {
				l = a
			}
			if _, ok := b.pdfs[l]; !ok {
				continue
			}
			if _, taken := owner[l]; !taken {
				owner[l] = i
				if pages[i].pdf == "" {
					pages[i].pdf = l
				}
			}
		}
	}
	b.docPages = map[string]bool{}
	for _, p := range pages {
		b.docPages[p.entry.URL] = true
	}
	for _, p := range pages {
		if err := b.add(ctx, ix, b.publication(p)); err != nil {
			return b.report, err
		}
	}
	var alone []string
	for u := range b.pdfs {
		if _, ok := owner[u]; !ok || pages[owner[u]].pdf != u {
			alone = append(alone, u)
		}
	}
	sort.Strings(alone)
	for _, u := range alone {
		d := b.standalonePDF(b.pdfs[u])
		if d == nil {
			continue
		}
		if i, ok := owner[u]; ok {
			d.URL = publicURL(pages[i].entry)
			d.Referrers = slices.DeleteFunc(slices.Clone(d.Referrers), func(r string) bool { return r == d.URL })
		}
		if err := b.add(ctx, ix, d); err != nil {
			return b.report, err
		}
	}
	if err := b.flush(ctx, ix); err != nil {
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
		if a, ok := b.alias[l]; ok {
			l = a
		}
		if r := b.referrers[l]; l != e.URL && len(r) < maxReferrers && !slices.Contains(r, from) {
			b.referrers[l] = append(r, from)
		}
	}
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

// dedupe drops entries marked gone and entries whose content another entry has: the
// one recorded first (then the shorter URL) is kept, so a copy found later does not
// displace the original. alias maps a dropped duplicate's URL to the URL kept.
func (b *builder) dedupe(entries []corpus.Entry) []corpus.Entry {
	sorted := append([]corpus.Entry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if !a.FetchedAt.Equal(b.FetchedAt) {
			return a.FetchedAt.Before(b.FetchedAt)
		}
		if len(a.URL) != len(b.URL) {
			return len(a.URL) < len(b.URL)
		}
		return a.URL < b.URL
	})
	kept := map[string]string{}
	b.alias = map[string]string{}
	out := sorted[:0]
	for _, e := range sorted {
		if !e.GoneAt.IsZero() {
			b.report.Gone++
			continue
		}
		if k, ok := kept[e.SHA256]; ok {
			b.alias[e.URL] = k
			b.report.Duplicates++
			continue
		}
		kept[e.SHA256] = e.URL
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
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
	ctx   context.Context
	store *corpus.Store
	cache string
	pdf   func(ctx context.Context, data []byte) (*extract.Result, error)
	// alias maps the URL of a duplicate entry to the URL of the entry kept.
	alias map[string]string
	// built are the IDs of the documents this build produced.
	built map[string]bool
	// docPages are the URLs of HTML pages that become documents (not listings).
	docPages map[string]bool
	log      *slog.Logger
	pdfs     map[string]corpus.Entry
	// referrers maps a URL to the pages that link it (public URLs, the first
	// maxReferrers in corpus order).
	referrers map[string][]string
	pending   []*Document
	report    Report
}

func (b *builder) add(ctx context.Context, ix *Index, d *Document) error {
	b.pending = append(b.pending, d)
	if len(b.pending) >= putChunk {
		return b.flush(ctx, ix)
	}
	return nil
}

func (b *builder) flush(ctx context.Context, ix *Index) error {
	n, err := ix.Put(ctx, b.pending...)
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
	return b.cached(key, e, func(body []byte) (*extract.Result, error) {
		ct := e.ContentType
		if e.Charset != "" {
			ct += "; charset=" + e.Charset
		}
		return extract.HTML(bytes.NewReader(body), ct, e.URL)
	})
}

func (b *builder) extractPDF(e corpus.Entry) (*extract.Result, error) {
	return b.cached(e.SHA256, e, func(data []byte) (*extract.Result, error) { return b.pdf(b.ctx, data) })
}

// cacheEntry is a cached extraction: a result, or the error it ended with (a file
// that hangs the extractor is not retried on every build).
type cacheEntry struct {
	Result    *extract.Result `json:"result,omitempty"`
	Error     string          `json:"error,omitempty"`
	Encrypted bool            `json:"encrypted,omitempty"`
}

// cached returns the extraction result for key from the cache, or runs extract on
// the entry's body and caches its result or its error. The cache is keyed by
// extract.Version too, so a better extractor is not served stale results; a damaged
// cache file is redone; a cancelled extraction is not cached.
func (b *builder) cached(key string, e corpus.Entry, run func([]byte) (*extract.Result, error)) (*extract.Result, error) {
	var file string
	if b.cache != "" {
		file = filepath.Join(b.cache, extract.Version, key[:2], key+".json")
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
	if file == "" || b.ctx.Err() != nil {
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

// publication builds the document for an HTML page and the PDF it presents.
func (b *builder) publication(p htmlPage) *Document {
	m := p.res.Meta
	d := &Document{
		ID:          DocumentID(p.entry.URL),
		Title:       m.Title,
		Summary:     m.Summary,
		Authors:     m.Authors,
		Date:        m.Date,
		Lang:        m.Lang,
		Topics:      m.Topics,
		Publisher:   m.Publisher,
		URL:         publicURL(p.entry),
		SourceURL:   p.entry.URL,
		ContentHash: p.entry.SHA256,
		FetchedAt:   p.entry.FetchedAt,
	}
	d.Pages = pagesFrom(p.res)
	d.Referrers = slices.Clone(b.referrers[p.entry.URL])
	fallback := TypePage
	if p.pdf != "" {
		fallback = TypePublication
		pe := b.pdfs[p.pdf]
		d.PDFURL = publicURL(pe)
		d.PDFSourceURL = pe.URL
		d.FetchedAt = pe.FetchedAt
		for _, r := range b.referrers[pe.URL] {
			if r != d.URL && !slices.Contains(d.Referrers, r) && len(d.Referrers) < maxReferrers {
				d.Referrers = append(d.Referrers, r)
			}
		}
		res, err := b.extractPDF(pe)
		if err != nil {
			// Keep the page's own text so the publication stays findable, and say
			// that its PDF could not be read.
			b.report.fail(pe.URL, err)
			d.Status, d.Error = failStatus(err), err.Error()
		} else {
			d.Pages = pagesFrom(res)
			d.ContentHash = pe.SHA256
			fill(d, res.Meta)
			partial(d, res)
		}
	}
	d.Type = InferType(m.Type, d.Title, fallback)
	for lang, u := range m.Alternates {
		if a, ok := b.alias[u]; ok {
			u = a
		}
		if lang == d.Lang || u == p.entry.URL || !b.translation(u) {
			continue
		}
		t := Translation{Lang: lang, URL: u, ID: DocumentID(u)}
		if e, err := b.store.Get(u); err == nil {
			t.URL = publicURL(e)
		}
		d.Translations = append(d.Translations, t)
	}
	sort.Slice(d.Translations, func(i, j int) bool { return d.Translations[i].Lang < d.Translations[j].Lang })
	finish(d)
	return d
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

// standalonePDF builds the document for a PDF no publication page presents.
func (b *builder) standalonePDF(e corpus.Entry) *Document {
	res, err := b.extractPDF(e)
	if err != nil {
		// The file stays findable by its name, with the reason it has no text.
		b.report.fail(e.URL, err)
		d := &Document{
			ID: DocumentID(e.URL), URL: publicURL(e), PDFURL: publicURL(e), SourceURL: e.URL,
			PDFSourceURL: e.URL, ContentHash: e.SHA256, Title: fileTitle(e.URL),
			FetchedAt: e.FetchedAt, Referrers: b.referrers[e.URL],
			Type: TypePublication, Status: failStatus(err), Error: err.Error(),
			Pages: []Page{{Number: 1, Status: extract.StatusFailed, Error: err.Error()}},
		}
		finish(d)
		return d
	}
	d := &Document{
		ID:           DocumentID(e.URL),
		URL:          publicURL(e),
		PDFURL:       publicURL(e),
		SourceURL:    e.URL,
		PDFSourceURL: e.URL,
		ContentHash:  e.SHA256,
		FetchedAt:    e.FetchedAt,
		Referrers:    b.referrers[e.URL],
		Pages:        pagesFrom(res),
	}
	fill(d, res.Meta)
	partial(d, res)
	if d.Title == "" {
		d.Title = firstLine(d.Pages)
	}
	if d.Title == "" {
		d.Title = fileTitle(e.URL)
	}
	d.Type = InferType("", d.Title, TypePublication)
	finish(d)
	return d
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

// fill completes d with what a PDF says about itself, keeping what d already has.
func fill(d *Document, m extract.Meta) {
	if d.Title == "" {
		d.Title = m.Title
	}
	if d.Summary == "" {
		d.Summary = m.Summary
	}
	if len(d.Authors) == 0 {
		d.Authors = m.Authors
	}
	if d.Date.IsZero() {
		d.Date = m.Date
	}
	if d.Lang == "" {
		d.Lang = m.Lang
	}
	if len(d.Topics) == 0 {
		d.Topics = m.Keywords
	}
}

// finish derives the fields that follow from the others.
func finish(d *Document) {
	if !d.Date.IsZero() {
		d.Year = d.Date.Year()
	}
	if d.Lang == "" {
		for _, p := range d.Pages {
			if p.Lang != "" {
				d.Lang = p.Lang
				break
			}
		}
	}
}

func pagesFrom(res *extract.Result) []Page { return res.Pages }

func firstLine(pages []Page) string {
	for _, p := range pages {
		if l, _, _ := strings.Cut(strings.TrimSpace(p.Text), "\n"); l != "" {
			if r := []rune(l); len(r) > 200 {
				l = string(r[:200])
			}
			return l
		}
	}
	return ""
}

// fileTitle makes a title from a URL's file name: "ssr-handbook_2021.pdf" → "ssr handbook 2021".
func fileTitle(u string) string {
	name := u
	if p, err := url.Parse(u); err == nil {
		name = p.Path
	}
	name = strings.TrimSuffix(path.Base(name), path.Ext(name))
	return strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' }), " ")
}

// publicURL is the address users open for a corpus entry: the URL itself when it is
// on the web, else the path under which the server offers the stored copy.
func publicURL(e corpus.Entry) string {
	if strings.HasPrefix(e.URL, "http://") || strings.HasPrefix(e.URL, "https://") {
		return e.URL
	}
	ext := ".html"
	if e.ContentType == corpus.TypePDF {
		ext = ".pdf"
	}
	return FilesPath + e.SHA256 + ext
}

// FilesPath is the URL path under which the server offers stored copies by digest.
const FilesPath = "/files/"
