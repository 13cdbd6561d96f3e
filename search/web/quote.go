package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/ssgsearch/ssgsearch/search"
)

// maxQuoteBody bounds the request body of POST /api/v1/quotes/verify.
const maxQuoteBody = 64 << 10

// QuoteJSON is the answer of POST /api/v1/quotes/verify.
type QuoteJSON struct {
	Quote string `json:"quote"`
	// Verdict is "exact", "normalized" (after folding: each match's "folded" says
	// which), "near" (a few words differ: each match's "diff") or "not_found".
	Verdict string      `json:"verdict"`
	Matches []MatchJSON `json:"matches"`
	// Closest are the passages closest to a quote that was not found.
	Closest []MatchJSON `json:"closest,omitempty"`
}

// MatchJSON is one place a quote is (or nearly is).
type MatchJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// URL opens the page: the PDF at the page, or the HTML page.
	URL       string `json:"url"`
	PDFURL    string `json:"pdf_url,omitempty"`
	Page      int    `json:"page"`
	PageLabel string `json:"page_label,omitempty"`
	// Start and End are byte offsets in the page's text (see /pages/{n}); EndPage is
	// the page a passage over a page break ends on, End an offset in it.
	Start   int               `json:"start"`
	End     int               `json:"end"`
	EndPage int               `json:"end_page,omitempty"`
	Context string            `json:"context"`
	Exact   bool              `json:"exact"`
	Folded  []string          `json:"folded,omitempty"`
	Diff    []search.WordDiff `json:"diff,omitempty"`
	// Snippet is HTML: the context escaped, the passage in <mark>.
	Snippet string `json:"snippet"`
}

// NewQuoteJSON is the API answer for a verified quote; base makes links absolute
// ("" keeps them relative).
func NewQuoteJSON(res *search.QuoteResult, base string) QuoteJSON {
	out := QuoteJSON{Quote: res.Quote, Verdict: res.Verdict, Matches: []MatchJSON{}}
	conv := func(ps []search.QuotePlace) []MatchJSON {
		var o []MatchJSON
		for _, p := range ps {
			pdf := search.AbsURL(base, p.Doc.PDFURL)
			o = append(o, MatchJSON{ID: p.Doc.ID, Title: p.Doc.Title, PDFURL: pdf, Page: p.Page, PageLabel: p.Label,
				Start: p.Start, End: p.End, EndPage: p.EndPage, Context: p.Context, Exact: p.Exact, Folded: p.Folded,
				Diff: p.Diff, Snippet: p.Snippet, URL: search.PageURL(search.AbsURL(base, p.Doc.URL), pdf, p.Page)})
		}
		return o
	}
	if ms := conv(res.Places); ms != nil {
		out.Matches = ms
	}
	out.Closest = conv(res.Near)
	return out
}

var errTooLarge = errors.New("request body too large")

func (s *Server) handleAPIQuote(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Quote string `json:"quote"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxQuoteBody))
	if err := dec.Decode(&body); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.error(w, r, errTooLarge)
			return
		}
		s.error(w, r, &badRequest{"the body must be JSON: {\"quote\": \"…\"}"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	res, err := s.cur(r).sr.VerifyQuote(ctx, body.Quote)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, NewQuoteJSON(res, baseURL(r)))
}

// quotePage is what the quote template receives.
type quotePage struct {
	pageData
	Text   string
	Result *QuoteJSON
	// Pictures says the server draws quote pictures (see handleEvidence).
	Pictures bool
}

func (s *Server) handleQuotePage(w http.ResponseWriter, r *http.Request) {
	m := messages(w, r)
	data := quotePage{pageData: pageData{Title: m.T("quote.title") + " — ssgsearch", Msg: m, OwnFocus: true}, Text: r.URL.Query().Get("text"),
		Pictures: s.poppler != nil && s.store != nil}
	if data.Text == "" {
		s.renderAny(w, http.StatusOK, "quote", data)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	res, err := s.cur(r).sr.VerifyQuote(ctx, data.Text)
	if err != nil {
		code, _ := status(err)
		if code >= 500 {
			s.error(w, r, err)
			return
		}
		data.Error = m.RequestError(err)
		s.renderAny(w, code, "quote", data)
		return
	}
	js := NewQuoteJSON(res, "")
	data.Result = &js
	s.renderAny(w, http.StatusOK, "quote", data)
}
