package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// Document is one publication or web page as users find it: a publication page with
// the PDF it offers, a PDF found on its own, or an HTML page without a PDF. It is the
// only definition of a document in ssgsearch.
type Document struct {
	// ID is stable for a location: derived from the landing page URL (or the PDF URL
	// for a PDF found on its own), so a re-crawl updates the same document.
	ID string `json:"id"`
	// Title is the publication's title.
	Title string `json:"title"`
	// Summary is the publisher's description (from the publication page or PDF metadata).
	Summary string `json:"summary,omitempty"`
	// Authors are personal or corporate authors, in the order given.
	Authors []string `json:"authors,omitempty"`
	// Date is the publication date; zero when unknown. Year is its year.
	Date time.Time `json:"date,omitzero"`
	Year int       `json:"year,omitempty"`
	// Lang is the document's language: "en", "uk", "ru" or "" when unknown.
	Lang string `json:"lang,omitempty"`
	// Type is a type key: one of vocab.Types, vocab.Publication, vocab.Page or
	// vocab.Event, or the slug of a publisher's label the vocabulary lacks.
	Type string `json:"type"`
	// TypeLabel is the type as the publisher labels it ("Policy brief", "Посібник"),
	// when it did.
	TypeLabel string `json:"type_label,omitempty"`
	// Topics are the publisher's subject tags, as the publisher writes them.
	Topics []string `json:"topics,omitempty"`
	// Publisher is the organisation that published it, when stated.
	Publisher string `json:"publisher,omitempty"`
	// Provenance says where each metadata field came from, by field name (title,
	// date, type, publisher, authors, topics, lang, summary): extract.FromMeta,
	// FromLabel, FromPDF, FromURL, FromConfig or FromWords.
	Provenance map[string]string `json:"provenance,omitempty"`

	// URL is the landing page users open: the publication page, the PDF itself for a
	// PDF found alone, or for imported files a reference to the stored copy
	// ("stored:…", StoredRef), which the edge makes a link (search.AbsURL).
	URL string `json:"url"`
	// PDFURL is where the PDF opens, in the same form as URL; empty for HTML-only documents.
	PDFURL string `json:"pdf_url,omitempty"`
	// SourceURL and PDFSourceURL are the corpus URLs the document was built from.
	SourceURL    string `json:"source_url"`
	PDFSourceURL string `json:"pdf_source_url,omitempty"`
	// ContentHash is the SHA-256 of the text source (the PDF if any, else the page).
	ContentHash string `json:"content_hash"`
	// FetchedAt is when the text source was first fetched (or imported) in its
	// current version.
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	// Referrers are pages that link to the document or its PDF, other than its
	// landing page (public URLs, at most 20).
	Referrers []string `json:"referrers,omitempty"`
	// Translations link this document to its versions in other languages.
	Translations []Translation `json:"translations,omitempty"`
	// Editions are the other editions of the same publication in the same language,
	// oldest first; Superseded reports that one of them is newer than this one.
	Editions   []Edition `json:"editions,omitempty"`
	Superseded bool      `json:"superseded,omitempty"`
	// Removed is when the publisher's site stopped offering the document (its page
	// or PDF answered 404 or 410); the stored copy stays indexed. LastSeen is when
	// it was last fetched before that.
	Removed  time.Time `json:"removed,omitzero"`
	LastSeen time.Time `json:"last_seen,omitzero"`
	// PageCount is the number of pages; HTML-only documents have one.
	PageCount int `json:"page_count"`
	// PageStatus counts pages by extraction status ("ok", "empty", "failed").
	PageStatus map[string]int `json:"page_status,omitempty"`
	// PageSources has one letter per page saying where its text came from (see
	// PageSource): kept this compact because it is stored on every document.
	PageSources string `json:"page_sources,omitempty"`
	// Lengths are the words its page records add to the index's text fields
	// (Lengths): written with its pages, not part of its fingerprint.
	Lengths Lengths `json:"lengths,omitempty"`
	// Status is "" when the text was read, StatusFailed or StatusEncrypted when the
	// PDF could not be (Error says why; an HTML landing page's text stands in), and
	// StatusPartial for a truncated PDF whose readable pages are indexed.
	Status string `json:"status,omitempty"`
	Error  string `json:"error,omitempty"`
	// IndexedAt is when this version was written to the index.
	IndexedAt time.Time `json:"indexed_at"`
	// Fingerprint is a digest of everything indexed for the document (metadata and
	// page texts): a document whose fingerprint has not changed is not rewritten.
	Fingerprint string `json:"fingerprint,omitempty"`

	// Pages is the text of each page, in order. It is written to page records and not
	// kept on the stored document.
	Pages []Page `json:"-"`
}

// Page is the text of one page of a Document: number, body text, the running header
// and footer kept out of it, detected language and extraction status.
type Page = extract.Page

// Translation points to the same publication in another language.
type Translation struct {
	Lang string `json:"lang"`
	URL  string `json:"url"`
	// ID is the translated document's ID when it is in the index.
	ID string `json:"id,omitempty"`
}

// Edition points to another edition of a document's publication.
type Edition struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	Title string `json:"title"`
	Year  int    `json:"year,omitempty"`
}

// Document types that code names (the whole vocabulary is vocab.Types).
const (
	TypeHandbook     = "handbook"
	TypeToolkit      = "toolkit"
	TypeManual       = "training-manual"
	TypeProceedings  = "conference-proceedings"
	TypePolicyPaper  = "policy-paper"
	TypePolicyBrief  = "policy-brief"
	TypeReport       = "report"
	TypeSurvey       = "survey"
	TypeGuide        = "guide"
	TypeAnnualReport = "annual-report"
	TypeNewsletter   = "newsletter"
	TypePublication  = vocab.Publication // a PDF of no recognised type
	TypePage         = vocab.Page        // a web page without a PDF
	TypeEvent        = vocab.Event       // a page about an event
)

// Periodical reports whether documents of type typ are issues of a series (the
// vocabulary's newsletters and annual reports): omnibus documents, which touch
// every topic, and no edition of one another.
func Periodical(typ string) bool { return typ == TypeNewsletter || typ == TypeAnnualReport }

// Document statuses for a PDF that could not be read, or not all of it.
const (
	StatusFailed    = "failed"
	StatusEncrypted = "encrypted"
	StatusPartial   = "partial"
)

// Names of indexed fields, shared by the mapping and the query builder.
const (
	FieldKind    = "kind"
	FieldDocID   = "doc_id"
	FieldLabel   = "label"
	FieldTitle   = "title"
	FieldSummary = "summary"
	FieldBody    = "body"
	FieldAuthors = "authors"
	// Stemmed text, one field per language: a page fills its language's.
	FieldStemEN    = "stem_en"
	FieldStemUK    = "stem_uk"
	FieldStemRU    = "stem_ru"
	FieldLang      = "lang"
	FieldType      = "type"
	FieldTopic     = "topic"
	FieldPublisher = "publisher"
	FieldYear      = "year"
	FieldYearFacet = "year_facet" // the year as a tag, on document records
	FieldDate      = "date"
	FieldJSON      = "json"
)

// StemFields are the stemmed-text fields by page language: a page's text fills its
// language's (pageRecord.setStem), and only pages in that language have it.
var StemFields = map[string]string{"en": FieldStemEN, "uk": FieldStemUK, "ru": FieldStemRU}

// Record kinds stored in FieldKind.
const (
	KindPage = "page"
	KindDoc  = "doc"
)

// recordVersion names the layout of the index records: part of every fingerprint, so
// that a change of layout rewrites every document on the next build. Change it with
// any change to pageRecord, docRecord or the mapping's fields. A change to the
// analyzers alone needs none: an index keeps the analyzers it was made with (its
// stored mapping) for its writes and its queries alike.
const recordVersion = "records-11"

// fingerprint returns the digest of d's indexed content: its metadata apart from
// IndexedAt and Fingerprint, and every page.
func fingerprint(d *Document) (string, error) {
	c := *d
	c.IndexedAt, c.Fingerprint, c.Lengths = time.Time{}, "", nil
	c.PageCount = len(d.Pages)
	h := sha256.New()
	h.Write([]byte(recordVersion))
	enc := json.NewEncoder(h)
	if err := enc.Encode(&c); err != nil {
		return "", err
	}
	if err := enc.Encode(d.Pages); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// DocumentID returns the ID of the document whose landing location is key.
func DocumentID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// PageID returns the index ID of page n of document id.
func PageID(id string, n int) string {
	return id + "/" + strconv.Itoa(n)
}

// SplitPageID splits a page record ID into document ID and page number.
func SplitPageID(pid string) (id string, n int, ok bool) {
	i := strings.LastIndexByte(pid, '/')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(pid[i+1:])
	if err != nil {
		return "", 0, false
	}
	return pid[:i], n, true
}

// Where a page's text came from, as PageSource names it.
const (
	SourceText   = "text"    // the PDF's text layer (or the HTML page)
	SourceOCR    = "ocr"     // recognised from the page's image
	SourceNoText = "no_text" // neither text layer nor OCR gave any
	SourceFailed = "failed"  // the page could not be read
)

// pageSourceLetters maps the letters of Document.PageSources to sources.
var pageSourceLetters = map[byte]string{'t': SourceText, 'o': SourceOCR, 'n': SourceNoText, 'f': SourceFailed}

// pageSourceLetter is the letter of Document.PageSources for p.
func pageSourceLetter(p Page) byte {
	switch {
	case p.Status == "failed":
		return 'f'
	case p.Status == "empty":
		return 'n'
	case p.Extractor == extract.ExtractorOCR:
		return 'o'
	}
	return 't'
}

// pageSummary is Document.PageStatus and Document.PageSources for pages.
func pageSummary(pages []Page) (map[string]int, string) {
	status := map[string]int{}
	b := make([]byte, len(pages))
	for i, p := range pages {
		status[p.Status]++
		b[i] = pageSourceLetter(p)
	}
	return status, string(b)
}

// PageSource says where the text of page n (from 1) came from: SourceText, SourceOCR,
// SourceNoText or SourceFailed; "" for a page the document does not have.
func (d *Document) PageSource(n int) string {
	if n < 1 || n > len(d.PageSources) {
		return ""
	}
	return pageSourceLetters[d.PageSources[n-1]]
}
