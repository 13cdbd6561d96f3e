package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"net/url"

	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/cite"
	"strconv"
	"strings"
)

// pageData is what the page templates receive.
type pageData struct {
	Title  string
	Query  string
	Error  string
	Status int
	Result *search.Response
	Prev   string
	Next   string
}

var funcs = template.FuncMap{
	// snippet marks a snippet as HTML: search snippets are escaped page text with <mark>.
	"snippet": func(s string) template.HTML { return template.HTML(s) },
	"langName": func(code string) string {
		switch code {
		case "en":
			return "English"
		case "uk":
			return "Українська"
		case "ru":
			return "Русский"
		}
		return code
	},
	"typeName":    func(t string) string { return strings.ReplaceAll(t, "-", " ") },
	"citeFormats": func() []string { return cite.Formats },
	// pages lists 1..n.
	"pages": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	},
	// first is the rank of the first hit on result page p of size n.
	"first": func(p, n int) int { return (p-1)*n + 1 },
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	data := pageData{Title: "ssgsearch"}
	req, err := searchRequest(r)
	data.Query = req.Query
	if err == nil && strings.TrimSpace(req.Query) == "" {
		s.render(w, http.StatusOK, "search", data)
		return
	}
	if err == nil {
		ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
		defer cancel()
		res, serr := s.searcher.Search(ctx, req)
		if serr == nil {
			js := search.NewResponse(res, req, "")
			data.Result = &js
			data.Title = req.Query + " — ssgsearch"
			data.Prev, data.Next = pageLinks(r.URL.Query(), req.Page, req.Size, res.Total)
			s.render(w, http.StatusOK, "search", data)
			return
		}
		err = serr
	}
	code, msg := status(err)
	if code >= 500 {
		s.error(w, r, err)
		return
	}
	data.Error, data.Status = msg, code
	s.render(w, code, "search", data)
}

// pageLinks returns the URLs of the previous and next result pages, or "".
func pageLinks(q url.Values, page, size, total int) (prev, next string) {
	link := func(p int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(p))
		return "/?" + v.Encode()
	}
	if page > 1 {
		prev = link(page - 1)
	}
	if page*size < total {
		next = link(page + 1)
	}
	return prev, next
}

// renderDoc renders a document template.
func (s *Server) renderDoc(w http.ResponseWriter, code int, name string, data documentPage) {
	s.renderAny(w, code, name, data)
}

// render executes a page template into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, code int, name string, data pageData) {
	s.renderAny(w, code, name, data)
}

func (s *Server) renderAny(w http.ResponseWriter, code int, name string, data any) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("render template", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
	w.WriteHeader(code)
	_, _ = buf.WriteTo(w)
}
