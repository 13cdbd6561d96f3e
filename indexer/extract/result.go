package extract

import (
	"errors"
	"time"
)

// Page is the text of one page. HTML documents have a single page, number 1.
type Page struct {
	// Number is the physical page index, from 1.
	Number int `json:"page"`
	// Label is the printed page number from the PDF's /PageLabels ("iv", "37"), if any.
	Label string `json:"label,omitempty"`
	// Text is the body text in reading order, without running headers and footers.
	Text string `json:"text"`
	// Header and Footer hold the running header and footer lines removed from Text.
	Header string `json:"header,omitempty"`
	Footer string `json:"footer,omitempty"`
	// Lang is the detected language of this page ("en", "uk", "ru"; "" when unknown).
	Lang string `json:"lang,omitempty"`
	// Status is "ok", "empty" (no text layer, and no OCR) or "failed" (the page could
	// not be read).
	Status string `json:"status"`
	// Error says why Status is "failed".
	Error string `json:"error,omitempty"`
	// Extractor names what produced Text: ExtractorGo or ExtractorPoppler.
	Extractor string `json:"extractor,omitempty"`
	// Suspect says why the text looks wrong (see Suspect), or is empty. On a page
	// whose text came from a fallback, it is what was wrong with the first attempt.
	Suspect string `json:"suspect,omitempty"`
	// Cleanup names the cleanup steps that changed this page's text (the Clean*
	// names), whatever extractor produced it.
	Cleanup []string `json:"cleanup,omitempty"`
	// OCRConfidence is the OCR engine's mean word confidence (0–100) for a page whose
	// text was recognised from its image.
	OCRConfidence float64 `json:"ocr_confidence,omitempty"`
}

// Extractors that can produce a page's text.
const (
	ExtractorGo      = "go"
	ExtractorPoppler = "poppler"
	ExtractorOCR     = "ocr"
)

// Meta is what a file says about itself. Fields a format lacks stay empty.
type Meta struct {
	Title    string    `json:"title,omitempty"`
	Authors  []string  `json:"authors,omitempty"`
	Summary  string    `json:"summary,omitempty"`
	Keywords []string  `json:"keywords,omitempty"`
	Date     time.Time `json:"date,omitzero"`
	// DatePrecision says how much of Date the source stated: "day", "month" or
	// "year" ("" when Date is zero or came from a PDF's own timestamp).
	DatePrecision string `json:"date_precision,omitempty"`
	// DatePosted says Date is when the page was posted (a CMS's date for its
	// posts), which may be long after the publication it presents appeared.
	DatePosted bool      `json:"date_posted,omitempty"`
	Modified   time.Time `json:"modified,omitzero"`
	// Lang is the declared language, or the detected one when none is declared.
	Lang string `json:"lang,omitempty"`
	// Type is the publication type as the page names it ("Policy brief",
	// "Посібник"), if it does.
	Type      string   `json:"type,omitempty"`
	Topics    []string `json:"topics,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Producer  string   `json:"producer,omitempty"`
	PageCount int      `json:"page_count"`
	// Truncated reports a PDF cut short (no %%EOF at its end): its pages are what
	// could be read.
	Truncated bool `json:"truncated,omitempty"`
	// Display holds, for each of a PDF's first pages (up to three), the lines
	// set in its largest type when that is display type, larger than the text
	// (a cover's title); nil for a page set in one size.
	Display [][]string `json:"display,omitempty"`

	// Canonical is the page's rel=canonical URL, absolute.
	Canonical string `json:"canonical,omitempty"`
	// Alternates maps a language code to the URL of this page in that language.
	Alternates map[string]string `json:"alternates,omitempty"`
	// PDFLinks are the absolute URLs of PDFs the page links to, in document order.
	PDFLinks []string `json:"pdf_links,omitempty"`
	// PDFTexts are, by the address of a PDF the page links, the words of its
	// longest anchor: how the page names the file.
	PDFTexts map[string]string `json:"pdf_texts,omitempty"`
	// Links are the absolute URLs of all other links on the page (anchors and
	// rel=next/prev pagination), in document order.
	Links []string `json:"links,omitempty"`
	// Listing reports whether the page lists many items (an archive, a search page)
	// rather than presenting one publication.
	Listing bool `json:"listing,omitempty"`
	// NotFound reports a page that says its address was not found, though served
	// as found (a "soft 404"): no document.
	NotFound bool `json:"not_found,omitempty"`
	// NoIndex reports a page whose publisher asks search engines not to index it
	// (<meta name="robots" content="noindex">: a print view, a login, a draft):
	// no document, though its links are followed.
	NoIndex bool `json:"no_index,omitempty"`
	// Fragment reports a part of a page that a script loads into another (no
	// head, no heading, a few lines: a formatted citation, a widget): no
	// document.
	Fragment bool `json:"fragment,omitempty"`
	// Kind is vocab.Event for a page about an event, else "".
	Kind string `json:"kind,omitempty"`
	// MainPDFs are the files the page offers as its own: its download links outside
	// any list, citation_pdf_url, a schema.org encoding's contentUrl.
	MainPDFs []string `json:"main_pdfs,omitempty"`
	// DeclaredPDF is the file the page's structured metadata names as the work's
	// (citation_pdf_url): of its download links, that one.
	DeclaredPDF string `json:"declared_pdf,omitempty"`
	// SiteOrganisation is the organisation the site names itself for (its
	// og:site_name, when an organisation's): a publication's publisher when
	// nothing else names one.
	SiteOrganisation string `json:"site_organisation,omitempty"`
	// Sources says where each field's value came from (FromMeta, FromLabel, ...),
	// by field name (title, date, type, publisher, authors, topics, lang, summary).
	Sources map[string]string `json:"sources,omitempty"`
}

// Result is the extracted text and metadata of one file.
type Result struct {
	Pages []Page `json:"pages"`
	Meta  Meta   `json:"meta"`
}

// Text returns the text of all pages joined by blank lines.
func (r *Result) Text() string {
	n := 0
	for _, p := range r.Pages {
		n += len(p.Text) + 2
	}
	b := make([]byte, 0, n)
	for i, p := range r.Pages {
		if i > 0 {
			b = append(b, "\n\n"...)
		}
		b = append(b, p.Text...)
	}
	return string(b)
}

// Version names the PDF extractor's output format and rules, HTMLVersion the
// HTML extractor's. Change one whenever a change would extract any file of its
// kind differently: cached results of other versions are ignored (an HTML rule
// changed costs no PDF its extraction again).
const (
	Version     = "14"
	HTMLVersion = "34"
)

// Page statuses.
const (
	StatusOK     = "ok"
	StatusEmpty  = "empty"
	StatusFailed = "failed"
)

// ErrUnsupported is returned for content types that have no extractor.
var ErrUnsupported = errors.New("unsupported content type")

// ErrEncrypted is returned for PDFs that cannot be opened without a password.
var ErrEncrypted = errors.New("encrypted PDF")
