package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/query"
)

var (
	errNotFound = errors.New("not found")
	errMethod   = errors.New("method not allowed")
)

// badRequest is an input error whose message is shown to the user.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

// forbidden is a refusal whose message is shown to the user.
type forbidden struct{ msg string }

func (e *forbidden) Error() string { return e.msg }

// status maps an error to the HTTP status and the message users see. Errors that are
// not the user's fault are logged and shown without internals.
func status(err error) (int, string) {
	var qe *query.Error
	var br *badRequest
	var fb *forbidden
	switch {
	case errors.As(err, &fb):
		return http.StatusForbidden, fb.msg
	case errors.As(err, &qe):
		return http.StatusBadRequest, qe.Error()
	case errors.As(err, &br):
		return http.StatusBadRequest, br.msg
	case errors.Is(err, search.ErrInvalidRequest):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, errNoPictures):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, errNotFound), errors.Is(err, indexer.ErrNotFound), errors.Is(err, search.ErrNoPage):
		return http.StatusNotFound, "not found"
	case errors.Is(err, errMethod):
		return http.StatusMethodNotAllowed, "method not allowed"
	case errors.Is(err, errTooLarge):
		return http.StatusRequestEntityTooLarge, "request body too large"
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized, "missing or wrong admin token"
	case errors.Is(err, errConflict), errors.Is(err, errNoSources), errors.Is(err, errNoFull):
		return http.StatusConflict, err.Error()
	case errors.Is(err, errBusy):
		return http.StatusTooManyRequests, "the server is busy; try again in a moment"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the search took too long; try a narrower query"
	}
	return http.StatusInternalServerError, "internal error"
}

// error writes err as JSON for API paths and as a page for the UI.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := status(err)
	if code >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/healthz" {
		writeJSON(w, code, map[string]string{"error": msg})
		return
	}
	m := messages(w, r)
	title := m.T(fmt.Sprintf("error.%d", code))
	if title == "" {
		title = http.StatusText(code)
	}
	// Fixed messages are said in the interface language, and so are the reasons
	// of bad input that have a key; other reasons are shown as they are.
	if code == http.StatusBadRequest {
		msg = m.RequestError(err)
	}
	if code != http.StatusBadRequest && code != http.StatusConflict {
		if t := m.T(fmt.Sprintf("error.%d.text", code)); t != "" {
			msg = t
		}
	}
	s.render(w, code, "error", pageData{Title: title, Error: msg, Status: code, Msg: m})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
