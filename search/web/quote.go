package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/ssgsearch/ssgsearch/search/quote"
)

// maxQuoteBody bounds the request body of POST /api/v1/quotes/verify.
const maxQuoteBody = 64 << 10

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
	res, err := quote.Verify(ctx, s.cur(r).Value, body.Quote)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, quote.NewJSON(res, baseURL(r)))
}

// quotePage is what the quote template receives.
type quotePage struct {
	pageData
	Text   string
	Result *quote.JSON
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
	res, err := quote.Verify(ctx, s.cur(r).Value, data.Text)
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
	js := quote.NewJSON(res, "")
	data.Result = &js
	s.renderAny(w, http.StatusOK, "quote", data)
}
