package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/cite"
)

// DocumentJSON is the answer of GET /api/v1/documents/{id}: the stored document with
// links made absolute, and where each page's text came from.
type DocumentJSON struct {
	indexer.Document
	PageList []PageSourceJSON `json:"pages"`
	// ArchiveURL is the stored copy that was indexed (indexer.ArchiveRef).
	ArchiveURL string `json:"archive_url,omitempty"`
}

// PageSourceJSON says where the text of one page came from: indexer.SourceText,
// SourceOCR, SourceNoText, SourceFailed, or "" when the index does not say (built
// before this was recorded).
type PageSourceJSON struct {
	Page   int    `json:"page"`
	Source string `json:"source"`
}

// PageTextJSON is the answer of GET /api/v1/documents/{id}/pages/{n}.
type PageTextJSON struct {
	ID    string `json:"id"`
	Page  int    `json:"page"`
	Label string `json:"label,omitempty"`
	Text  string `json:"text"`
	// HTML is the text escaped, with the matches of q in <mark> (q given).
	HTML    string `json:"html,omitempty"`
	Matches int    `json:"matches"`
	URL     string `json:"url"`
}

// InDocumentJSON is the answer of GET /api/v1/documents/{id}/search.
type InDocumentJSON struct {
	ID    string            `json:"id"`
	Query string            `json:"query"`
	Total int               `json:"total"`
	Pages []search.PageJSON `json:"pages"`
}

func (s *Server) document(r *http.Request) (*indexer.Document, error) {
	d, err := s.cur(r).Value.Document(mux.Vars(r)["id"])
	if errors.Is(err, indexer.ErrNotFound) {
		return nil, errNotFound
	}
	return d, err
}

// absDocument returns d with its links made absolute.
func absDocument(d *indexer.Document, base string) DocumentJSON {
	c := *d
	c.URL, c.PDFURL = search.AbsURL(base, c.URL), search.AbsURL(base, c.PDFURL)
	c.Translations = append([]indexer.Translation(nil), d.Translations...)
	for i := range c.Translations {
		c.Translations[i].URL = search.AbsURL(base, c.Translations[i].URL)
	}
	c.Referrers = make([]string, len(d.Referrers))
	for i, u := range d.Referrers {
		c.Referrers[i] = search.AbsURL(base, u)
	}
	pages := make([]PageSourceJSON, d.PageCount)
	for i := range pages {
		pages[i] = PageSourceJSON{Page: i + 1, Source: d.PageSource(i + 1)}
	}
	c.PageSources = "" // said by pages
	return DocumentJSON{Document: c, PageList: pages, ArchiveURL: search.AbsURL(base, indexer.ArchiveRef(&c))}
}

// sourceCount counts the pages of d whose text came from src.
func (d DocumentJSON) sourceCount(src string) int {
	n := 0
	for _, p := range d.PageList {
		if p.Source == src {
			n++
		}
	}
	return n
}

// OCRPages and NoTextPages count the pages read by OCR and those with no text.
func (d DocumentJSON) OCRPages() int { return d.sourceCount(indexer.SourceOCR) }
func (d DocumentJSON) NoTextPages() int {
	return d.sourceCount(indexer.SourceNoText) + d.sourceCount(indexer.SourceFailed)
}

func (s *Server) handleAPIDocument(w http.ResponseWriter, r *http.Request) {
	d, err := s.document(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, absDocument(d, baseURL(r)))
}

// pageNumber reads the {n} route variable.
func pageNumber(r *http.Request) (int, error) {
	v := mux.Vars(r)["n"]
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, search.InvalidRequest("page-number", v)
	}
	return n, nil
}

func (s *Server) pageText(r *http.Request) (*search.PageText, *indexer.Document, error) {
	d, err := s.document(r)
	if err != nil {
		return nil, nil, err
	}
	n, err := pageNumber(r)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	p, err := s.cur(r).Value.Page(ctx, d.ID, n, r.URL.Query().Get("q"))
	if errors.Is(err, search.ErrNoPage) {
		err = errNotFound
	}
	return p, d, err
}

func (s *Server) handleAPIPage(w http.ResponseWriter, r *http.Request) {
	p, d, err := s.pageText(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := PageTextJSON{ID: d.ID, Page: p.Page, Label: p.Label, Text: p.Text, Matches: p.Matches,
		URL: search.PageURL(search.AbsURL(baseURL(r), d.URL), search.AbsURL(baseURL(r), d.PDFURL), p.Page)}
	if r.URL.Query().Get("q") != "" {
		out.HTML = p.HTML
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) inDocument(r *http.Request) (*indexer.Document, []search.PageHit, error) {
	d, err := s.document(r)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	hits, err := s.cur(r).Value.InDocument(ctx, d.ID, r.URL.Query().Get("q"))
	return d, hits, err
}

func (s *Server) handleAPIInDocument(w http.ResponseWriter, r *http.Request) {
	d, hits, err := s.inDocument(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	base := baseURL(r)
	out := InDocumentJSON{ID: d.ID, Query: r.URL.Query().Get("q"), Total: len(hits), Pages: make([]search.PageJSON, 0, len(hits))}
	for _, h := range hits {
		out.Pages = append(out.Pages, search.PageJSON{Page: h.Page, Label: h.Label, Snippet: h.Snippet, Score: h.Score,
			URL: search.PageURL(search.AbsURL(base, d.URL), search.AbsURL(base, d.PDFURL), h.Page)})
	}
	writeJSON(w, http.StatusOK, out)
}

// handleAPIRelated answers GET /api/v1/documents/{id}/related?size=N: more like this,
// translations first.
func (s *Server) handleAPIRelated(w http.ResponseWriter, r *http.Request) {
	d, err := s.document(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	n, err := intParam(r.URL.Query(), "size", 5, 1)
	if err == nil && n > 20 {
		err = search.InvalidRequest("size", 20)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	res, err := s.cur(r).Value.Related(ctx, d.ID, n)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, search.NewResponse(res, search.Request{Page: 1, Size: n}, baseURL(r)))
}

// documentPage is what the document templates receive.
type documentPage struct {
	pageData
	// DocQuery is the search inside the document.
	DocQuery string
	Doc      DocumentJSON
	Hits     []search.PageHit
	Page     *search.PageText
	PageURL  string
	Prev     int
	Next     int
	Updated  string
	Related  []search.HitJSON
	// Referrers are the first pages linking to the document, by title.
	Referrers []link
	// Citation is the document cited in CiteFormat, shown in the citation box.
	Citation, CiteFormat string
}

func (s *Server) handleDocumentPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.document(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	data := documentPage{pageData: pageData{Title: d.Title + " — ssgsearch", Msg: messages(w, r)}, DocQuery: r.URL.Query().Get("q"), Doc: absDocument(d, "")}
	if !d.IndexedAt.IsZero() {
		data.Updated = d.IndexedAt.Format(time.DateOnly)
	}
	data.CiteFormat = r.URL.Query().Get("cite")
	if data.CiteFormat == "" {
		data.CiteFormat = "apa"
	}
	text, _, err := cite.Format(data.CiteFormat, cite.Request{Doc: d, URL: cite.PublicURL(d), Accessed: cite.Accessed(d)})
	switch {
	case errors.Is(err, cite.ErrFormat):
		s.error(w, r, &badRequest{data.Msg.T("doc.citeformat", data.CiteFormat, strings.Join(cite.Formats, ", "))})
		return
	case err != nil:
		s.error(w, r, err)
		return
	}
	data.Citation = text
	data.Referrers = s.referrers(r, d, maxReferrersShown)
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	if rel, err := s.cur(r).Value.Related(ctx, d.ID, 5); err == nil {
		data.Related = search.NewResponse(rel, search.Request{Page: 1, Size: 5}, "").Hits
	} else {
		s.log.Warn("related documents", "id", d.ID, "err", err)
	}
	if data.DocQuery != "" {
		_, hits, err := s.inDocument(r)
		if err != nil {
			if code, msg := status(err); code < 500 {
				data.Error = msg
				s.renderAny(w, code, "document", data)
				return
			}
			s.error(w, r, err)
			return
		}
		data.Hits = hits
	}
	s.renderAny(w, http.StatusOK, "document", data)
}

// maxReferrersShown is how many referring pages a document page names.
const maxReferrersShown = 5

// referrers names the first n pages linking to d by their titles: the document
// each is, or the title of its stored copy (a listing, an event page), else its
// address.
func (s *Server) referrers(r *http.Request, d *indexer.Document, n int) []link {
	var out []link
	for _, u := range d.Referrers[:min(n, len(d.Referrers))] {
		l := link{Label: u, URL: u}
		if doc, err := s.cur(r).Value.Document(indexer.DocumentID(u)); err == nil && doc.Title != "" {
			l = link{Label: doc.Title, URL: "/documents/" + doc.ID}
		} else if t := s.storedTitle(u); t != "" {
			l.Label = t
		}
		out = append(out, l)
	}
	return out
}

// storedTitle is the title of the stored HTML page at url, or "". Titles are kept
// by the page's digest (titles), so a document page does not parse its referrers'
// pages again on every view.
func (s *Server) storedTitle(url string) string {
	if s.store == nil {
		return ""
	}
	e, err := s.store.Get(url)
	if err != nil || e.ContentType != corpus.TypeHTML {
		return ""
	}
	if t, ok := s.titles.get(e.SHA256); ok {
		return t
	}
	body, err := s.store.Body(e.SHA256)
	if err != nil {
		return ""
	}
	res, err := extract.HTML(bytes.NewReader(body), e.ContentType, url)
	if err != nil {
		return ""
	}
	s.titles.put(e.SHA256, res.Meta.Title)
	return res.Meta.Title
}

// titleCache holds the titles of stored pages by digest (content that never
// changes under its digest), up to maxCachedTitles; when full it starts again.
type titleCache struct {
	mu sync.Mutex
	m  map[string]string
}

// maxCachedTitles bounds titleCache: a few hundred kilobytes.
const maxCachedTitles = 4096

func (c *titleCache) get(digest string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.m[digest]
	return t, ok
}

func (c *titleCache) put(digest, title string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedTitles {
		c.m = make(map[string]string)
	}
	c.m[digest] = title
}

func (s *Server) handlePageView(w http.ResponseWriter, r *http.Request) {
	p, d, err := s.pageText(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	m := messages(w, r)
	data := documentPage{pageData: pageData{Title: d.Title + " — " + m.T("hit.page") + " " + strconv.Itoa(p.Page), Msg: m}, DocQuery: r.URL.Query().Get("q"),
		Doc: absDocument(d, ""), Page: p, PageURL: search.PageURL(search.AbsURL("", d.URL), search.AbsURL("", d.PDFURL), p.Page)}
	if p.Page > 1 {
		data.Prev = p.Page - 1
	}
	if p.Page < d.PageCount {
		data.Next = p.Page + 1
	}
	s.renderAny(w, http.StatusOK, "page", data)
}

// handleAPICite answers GET /api/v1/documents/{id}/cite?format=…&page=N: a citation
// with the page locator (the printed page label when the PDF has one) and the URL of
// the original publisher.
func (s *Server) handleAPICite(w http.ResponseWriter, r *http.Request) {
	d, err := s.document(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "bibtex"
	}
	req := cite.Request{Doc: d, URL: cite.PublicURL(d), Accessed: cite.Accessed(d)}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.error(w, r, search.InvalidRequest("page-number", v))
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
		defer cancel()
		p, err := s.cur(r).Value.Page(ctx, d.ID, n, "")
		if err != nil {
			if errors.Is(err, search.ErrNoPage) {
				err = &badRequest{err.Error()}
			}
			s.error(w, r, err)
			return
		}
		req.Page = strconv.Itoa(n)
		if p.Label != "" {
			req.Page = p.Label
		}
	}
	text, ctype, err := cite.Format(format, req)
	if errors.Is(err, cite.ErrFormat) {
		err = &badRequest{err.Error()}
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write([]byte(text))
}
