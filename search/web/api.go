package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/search"
)

// searchTimeout bounds the work of one search request.
const searchTimeout = 15 * time.Second

// filterParam names the URL parameter that filters by a facet: its name, but for
// the document language in the UI, where ?lang= chooses the interface language:
// "language".
func filterParam(facet string, ui bool) string {
	if ui && facet == "lang" {
		return "language"
	}
	return facet
}

// searchRequest reads the search parameters of r.
func searchRequest(r *http.Request, ui bool) (search.Request, error) {
	q := r.URL.Query()
	req := search.Request{Query: q.Get("q")}
	var err error
	if req.Page, err = intParam(q, "page", 1, 1); err != nil {
		return req, err
	}
	if req.Size, err = intParam(q, "size", search.DefaultSize, 1); err != nil {
		return req, err
	}
	for _, f := range search.Facets {
		if f.Chosen != nil {
			*f.Chosen(&req.Filters) = q[filterParam(f.Name, ui)]
		}
	}
	req.Filters.Removed = q.Get("removed")
	if req.Filters.YearFrom, err = intParam(q, "year_from", 0, 1000); err != nil {
		return req, err
	}
	if req.Filters.YearTo, err = intParam(q, "year_to", 0, 1000); err != nil {
		return req, err
	}
	req.Facets = true
	req.Sort = q.Get("sort")
	switch v := q.Get("xlang"); v {
	case "", "on":
		req.XLang = true // on unless turned off: it ranks better on every query kind (docs/BENCHMARKS.md)
	case "off":
	default:
		return req, search.InvalidRequest("xlang", v)
	}
	if req.Explain, err = boolParam(q, "explain"); err != nil {
		return req, err
	}
	if req.Verbatim, err = boolParam(q, "verbatim"); err != nil {
		return req, err
	}
	return req, nil
}

// boolParam reads a true/false parameter: false when absent, an error (named by
// the parameter) when neither.
func boolParam(q url.Values, name string) (bool, error) {
	switch v := q.Get(name); v {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	default:
		return false, search.InvalidRequest(name, v)
	}
}

// intParam reads a whole-number parameter: def when absent, an error when not a
// number or below min.
func intParam(q url.Values, name string, def, min int) (int, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, search.InvalidRequest("not-number", name, v)
	}
	if n < min {
		return 0, search.InvalidRequest("too-small", name, min)
	}
	return n, nil
}

func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) {
	req, err := searchRequest(r, false)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	res, err := s.cur(r).Value.Search(ctx, req)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, search.NewResponse(res, req, baseURL(r)))
}

// baseURL is the scheme and host the request came to, for making our own paths absolute.
func baseURL(r *http.Request) string {
	scheme := "http"
	// Behind a reverse proxy that ends TLS (serve --public-host), the proxy says
	// how the client asked; either way only the scheme can change.
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
