package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/ssgsearch/ssgsearch/search"
)

// quoteVerifier is what the quote routes need.
type quoteVerifier interface {
	VerifyQuote(ctx context.Context, quote string) (*search.QuoteResult, error)
}

var _ quoteVerifier = (*search.Searcher)(nil)

// maxQuoteBody bounds the request body of POST /api/v1/quotes/verify.
const maxQuoteBody = 64 << 10

// QuoteJSON is the answer of POST /api/v1/quotes/verify.
type QuoteJSON struct {
	Quote string `json:"quote"`
	// Verdict is "exact", "words" (the words in order, other punctuation) or "not_found".
	Verdict string           `json:"verdict"`
	Places  []QuotePlaceJSON `json:"places"`
	// Near are pages with all the words, not in this order, when the quote was not found.
	Near []QuotePlaceJSON `json:"near,omitempty"`
}

// QuotePlaceJSON is one page where the quote is.
type QuotePlaceJSON struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Page    int    `json:"page"`
	Label   string `json:"label,omitempty"`
	Exact   bool   `json:"exact"`
	Snippet string `json:"snippet"`
	URL     string `json:"url"`
}

func quoteJSON(res *search.QuoteResult, base string) QuoteJSON {
	out := QuoteJSON{Quote: res.Quote, Verdict: res.Verdict, Places: []QuotePlaceJSON{}}
	conv := func(ps []search.QuotePlace) []QuotePlaceJSON {
		var o []QuotePlaceJSON
		for _, p := range ps {
			o = append(o, QuotePlaceJSON{ID: p.Doc.ID, Title: p.Doc.Title, Page: p.Page, Label: p.Label, Exact: p.Exact, Snippet: p.Snippet,
				URL: search.PageURL(search.AbsURL(base, p.Doc.URL), search.AbsURL(base, p.Doc.PDFURL), p.Page)})
		}
		return o
	}
	if ps := conv(res.Places); ps != nil {
		out.Places = ps
	}
	out.Near = conv(res.Near)
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
	res, err := s.quotes.VerifyQuote(ctx, body.Quote)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, quoteJSON(res, baseURL(r)))
}

// quotePage is what the quote template receives.
type quotePage struct {
	pageData
	Text   string
	Result *QuoteJSON
}

func (s *Server) handleQuotePage(w http.ResponseWriter, r *http.Request) {
	m := messages(w, r)
	data := quotePage{pageData: pageData{Title: m.T("quote.title") + " — ssgsearch", Msg: m}, Text: r.URL.Query().Get("text")}
	if data.Text == "" {
		s.renderAny(w, http.StatusOK, "quote", data)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	res, err := s.quotes.VerifyQuote(ctx, data.Text)
	if err != nil {
		code, msg := status(err)
		if code >= 500 {
			s.error(w, r, err)
			return
		}
		data.Error = msg
		s.renderAny(w, code, "quote", data)
		return
	}
	js := quoteJSON(res, "")
	data.Result = &js
	s.renderAny(w, http.StatusOK, "quote", data)
}
