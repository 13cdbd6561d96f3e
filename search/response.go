package search

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// Response is the JSON form of a Result, as the API and `ssgsearch search --json` give it.
type Response struct {
	Query  string `json:"query"`
	Parsed string `json:"parsed"`
	// Rewritten is the query run instead when the given one matched nothing.
	Rewritten string `json:"rewritten,omitempty"`
	// Suggestion is the rewritten query as words the index has ("police integrity"
	// for "polise intgrity"), for "did you mean"; empty when it cannot be said so.
	Suggestion string `json:"suggestion,omitempty"`
	// Corrections are the words searched as others because no page has them
	// (spelling correction; none with verbatim=true), and Corrected the query with
	// those words replaced: "Showing results for …".
	Corrections []Correction `json:"corrections,omitempty"`
	Corrected   string       `json:"corrected,omitempty"`
	// XLang says whether cross-language search was on; Expansions are the
	// translations it searched too.
	XLang      bool        `json:"xlang"`
	Expansions []Expansion `json:"expansions,omitempty"`
	// Feedback are the words pseudo-relevance feedback ranked by too (with
	// explain=true only).
	Feedback []FeedbackTerm `json:"feedback,omitempty"`
	// Total counts the documents found: the matching ones, and Joined
	// translations of the best of them that the query did not match (their hits
	// name the document they translate: translation_of). MatchedPages counts
	// the matching pages of documents (total_pages), not pages of results.
	Total        int       `json:"total"`
	Joined       int       `json:"joined,omitempty"`
	MatchedPages int       `json:"total_pages"`
	Page         int       `json:"page"`
	Size         int       `json:"size"`
	Sort         string    `json:"sort"`
	TookMS       float64   `json:"took_ms"`
	Hits         []HitJSON `json:"hits"`
	// Facets counts the matching documents by lang, type, year, topic and publisher.
	Facets map[string][]FacetValue `json:"facets,omitempty"`
}

// HitJSON is one document hit.
type HitJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	URL    string `json:"url"`
	PDFURL string `json:"pdf_url,omitempty"`
	// ArchiveURL is the stored copy that was indexed (see indexer.ArchiveRef).
	ArchiveURL string `json:"archive_url,omitempty"`
	Lang       string `json:"lang,omitempty"`
	// Type is the type's key; TypeLabel how the publisher labels it.
	Type      string `json:"type"`
	TypeLabel string `json:"type_label,omitempty"`
	// Date is the publication date when the day is known; Year its year (also
	// when only the year is).
	Date      string   `json:"date,omitempty"`
	Year      int      `json:"year,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Topics    []string `json:"topics,omitempty"`
	PageCount int      `json:"page_count"`
	// Removed is the day the publisher's site stopped offering the document, which
	// is served from its stored copy; LastSeen the day it was last found there.
	Removed  string `json:"removed,omitempty"`
	LastSeen string `json:"last_seen,omitempty"`
	// Editions are the publication's other editions; Superseded says a newer one
	// exists.
	Editions   []indexer.Edition `json:"editions,omitempty"`
	Superseded bool              `json:"superseded,omitempty"`
	// Status is "partial", "failed" or "encrypted" when the PDF was not (wholly)
	// readable; StatusReason says why.
	Status       string            `json:"status,omitempty"`
	StatusReason string            `json:"status_reason,omitempty"`
	Score        float64           `json:"score"`
	Translations []TranslationJSON `json:"translations,omitempty"`
	// TranslationOf is the document this one translates when it was found as
	// such: one of the best results, though the query matched nothing in this
	// one (it has no pages then).
	TranslationOf *TranslationJSON `json:"translation_of,omitempty"`
	Pages         []PageJSON       `json:"pages"`
	// Explain says how Score was made, when the request asked (explain=true).
	Explain *Explanation `json:"explain,omitempty"`
}

// TranslationJSON points to a translation of a hit (or to the document a hit
// translates: HitJSON.TranslationOf, with its title).
type TranslationJSON struct {
	Lang  string `json:"lang"`
	URL   string `json:"url"`
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"`
}

// PageJSON is one matching page of a hit.
type PageJSON struct {
	Page int `json:"page"`
	// Label is the printed page number, when the PDF declares one.
	Label string `json:"label,omitempty"`
	// Snippet is HTML: escaped page text with matches in <mark>.
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
	// URL opens the PDF at this page (or the landing page for HTML documents).
	URL string `json:"url"`
}

// NewResponse returns the JSON form of res for req. Links to our own server (stored
// copies) are made absolute with base (e.g. "http://127.0.0.1:8080"); an empty
// base leaves them as paths (AbsURL).
func NewResponse(res *Result, req Request, base string) Response {
	out := Response{
		Query: res.Query, Parsed: res.Parsed, Rewritten: res.Rewritten, Suggestion: res.Suggestion,
		Corrections: res.Corrections, Corrected: res.Corrected, XLang: req.XLang, Expansions: res.Expansions,
		Total: res.Total, Joined: res.Joined, MatchedPages: res.MatchedPages,
		Page: req.Page, Size: req.Size, Sort: sortName(cmp.Or(res.Sort, req.Sort)), TookMS: float64(res.Took.Microseconds()) / 1000,
		Hits: make([]HitJSON, 0, len(res.Hits)), Facets: res.Facets,
	}
	if req.Explain {
		out.Feedback = res.Feedback
	}
	for _, h := range res.Hits {
		d := h.Doc
		hj := HitJSON{
			ID: d.ID, Title: d.Title, URL: AbsURL(base, d.URL), PDFURL: AbsURL(base, d.PDFURL), ArchiveURL: AbsURL(base, indexer.ArchiveRef(d)),
			Lang: d.Lang, Type: d.Type, TypeLabel: d.TypeLabel, Year: d.Year, Authors: d.Authors, Publisher: d.Publisher, Topics: d.Topics,
			PageCount: d.PageCount, Status: d.Status, StatusReason: d.Error, Score: h.Score, Pages: make([]PageJSON, 0, len(h.Pages)),
			Superseded: d.Superseded, Explain: h.Explain,
		}
		if !d.Date.IsZero() {
			hj.Date = d.Date.Format("2006-01-02")
		}
		if !d.Removed.IsZero() {
			hj.Removed = d.Removed.Format("2006-01-02")
			if !d.LastSeen.IsZero() {
				hj.LastSeen = d.LastSeen.Format("2006-01-02")
			}
		}
		for _, e := range d.Editions {
			e.URL = AbsURL(base, e.URL)
			hj.Editions = append(hj.Editions, e)
		}
		for _, t := range d.Translations {
			hj.Translations = append(hj.Translations, TranslationJSON{Lang: t.Lang, URL: AbsURL(base, t.URL), ID: t.ID})
		}
		if o := h.TranslationOf; o != nil {
			hj.TranslationOf = &TranslationJSON{Lang: o.Lang, URL: AbsURL(base, o.URL), ID: o.ID, Title: o.Title}
		}
		for _, p := range h.Pages {
			hj.Pages = append(hj.Pages, PageJSON{Page: p.Page, Label: p.Label, Snippet: p.Snippet, Score: p.Score, URL: PageURL(hj.URL, hj.PDFURL, p.Page)})
		}
		out.Hits = append(out.Hits, hj)
	}
	return out
}

func sortName(s string) string {
	if s == "" {
		return SortRelevance
	}
	return s
}

// PageURL opens a PDF at page n; HTML-only documents open at their URL.
func PageURL(docURL, pdfURL string, n int) string {
	if pdfURL == "" {
		return docURL
	}
	return pdfURL + "#page=" + strconv.Itoa(n)
}

// FilesPath is the URL path under which the server offers stored copies of corpus
// objects by digest (FilesPath + SHA256 + ".pdf" or ".html").
const FilesPath = "/files/"

// AbsURL is the link to u, a URL a Document keeps: a reference to a stored copy
// (indexer.StoredRef) becomes its path on the server (FilesPath), and server paths
// are made absolute with base (e.g. "http://127.0.0.1:8080"; "" leaves them paths);
// other URLs are returned as they are.
func AbsURL(base, u string) string {
	if ref, ok := strings.CutPrefix(u, indexer.StoredScheme); ok {
		u = FilesPath + ref
	}
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return base + u
	}
	return u
}

// Translations are the expansions that searched the other language.
func (r Response) Translations() []Expansion {
	var out []Expansion
	for _, e := range r.Expansions {
		if !e.Synonym {
			out = append(out, e)
		}
	}
	return out
}

// Synonyms are the expansions that searched other ways of saying a term.
func (r Response) Synonyms() []Expansion {
	var out []Expansion
	for _, e := range r.Expansions {
		if e.Synonym {
			out = append(out, e)
		}
	}
	return out
}
