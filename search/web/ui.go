package web

import (
	"bytes"
	"cmp"
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/cite"
)

// pageData is what the page templates receive.
type pageData struct {
	// Msg translates the interface into the request's language.
	Msg    msgs
	Title  string
	Query  string
	Error  string
	Status int
	Result *search.Response
	Prev   string
	Next   string
	// Facets are the refinements offered; Active the filters in force, each with
	// the link that removes it.
	Facets []facetView
	Active []link
	// Sorts are the sort orders, each with its link; the current one has no URL.
	Sorts []link
	// XLang switches cross-language search on and off, the same way.
	XLang []link
	// Verbatim is the link that searches the query's words as typed, when
	// spelling correction changed some (Result.Corrected).
	Verbatim string
	// SaveParams are the search's parameters for the "save this search" form (nil
	// when the server keeps no saved searches).
	SaveParams []param
	// Home is the start page's view of the collection (no query, no filter).
	Home *homeView
	// OwnFocus says the page focuses a field of its own (the quote box), not the
	// header's search box.
	OwnFocus bool
}

// homeView is the start page: what the collection holds, browsable by facet
// (Facets of the page), the latest documents and example queries.
type homeView struct {
	Documents, Pages int
	Latest           []search.HitJSON
	Examples         []link
}

// param is one URL parameter.
type param struct{ Name, Value string }

// facetView is one facet in the results page.
type facetView struct {
	Name, Label string
	Values      []facetValueView
}

// facetValueView is one value of a facet: its count and the link that toggles it.
type facetValueView struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

type link struct{ Label, URL string }

// refinements builds the facet links and the active filters for a results page.
func refinements(q url.Values, facets map[string][]search.FacetValue, m msgs) ([]facetView, []link) {
	with := func(edit func(v url.Values)) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "page" {
				v[k] = append([]string(nil), vs...)
			}
		}
		edit(v)
		return "/?" + v.Encode()
	}
	var views []facetView
	for _, name := range search.FacetNames {
		values := facets[name]
		if len(values) == 0 {
			continue
		}
		fv := facetView{Name: name, Label: m.T("facet." + name)}
		for _, val := range values {
			vv := facetValueView{Label: facetValueLabel(name, val.Value, val.Label, m), Count: val.Count}
			if name == "year" {
				y := val.Value
				vv.Active = q.Get("year_from") == y && q.Get("year_to") == y
				vv.URL = with(func(v url.Values) { v.Set("year_from", y); v.Set("year_to", y) })
			} else {
				param := filterParam(name, true)
				for _, cur := range q[param] {
					if strings.EqualFold(cur, val.Value) {
						vv.Active = true
					}
				}
				if !vv.Active {
					vv.URL = with(func(v url.Values) { v.Add(param, val.Value) })
				}
			}
			fv.Values = append(fv.Values, vv)
		}
		views = append(views, fv)
	}
	var active []link
	for _, f := range search.Facets {
		if f.Chosen == nil {
			continue // the year: its own links
		}
		name, param := f.Name, filterParam(f.Name, true)
		for _, cur := range q[param] {
			shown := ""
			for _, val := range facets[name] {
				if strings.EqualFold(val.Value, cur) {
					shown = val.Label
				}
			}
			active = append(active, link{Label: m.T("facet."+name) + ": " + facetValueLabel(name, cur, shown, m), URL: with(func(v url.Values) {
				var keep []string
				for _, x := range v[param] {
					if x != cur {
						keep = append(keep, x)
					}
				}
				v[param] = keep
			})})
		}
	}
	if from, to := q.Get("year_from"), q.Get("year_to"); from != "" || to != "" {
		label := m.T("facet.year") + ": " + from + "–" + to
		if from == to {
			label = m.T("facet.year") + ": " + from
		}
		active = append(active, link{Label: label, URL: with(func(v url.Values) { v.Del("year_from"); v.Del("year_to") })})
	}
	return views, active
}

// sortLinks offers the sort orders; the one in force has no URL.
func sortLinks(q url.Values, m msgs) []link {
	cur := q.Get("sort")
	if cur == "" {
		cur = search.SortRelevance
	}
	var out []link
	for _, s := range []struct{ key, label string }{{search.SortRelevance, m.T("sort.relevance")}, {search.SortNewest, m.T("sort.newest")}, {search.SortOldest, m.T("sort.oldest")}} {
		l := link{Label: s.label}
		if s.key != cur {
			value := s.key
			if value == search.SortRelevance {
				value = ""
			}
			l.URL = withParam(q, "sort", value)
		}
		out = append(out, l)
	}
	return out
}

// withParam is the search URL for q with key set to value (left out when "") and
// the result page back to the first.
func withParam(q url.Values, key, value string) string {
	v := url.Values{}
	for k, vs := range q {
		if k != "page" && k != key {
			v[k] = vs
		}
	}
	if value != "" {
		v.Set(key, value)
	}
	return "/?" + v.Encode()
}

// xlangLinks offers cross-language search on and off; the current state has no URL.
func xlangLinks(q url.Values, on bool, m msgs) []link {
	var out []link
	for _, st := range []struct {
		on    bool
		label string
	}{{true, m.T("xlang.on")}, {false, m.T("xlang.off")}} {
		l := link{Label: st.label}
		if st.on != on {
			value := ""
			if !st.on {
				value = "off"
			}
			l.URL = withParam(q, "xlang", value)
		}
		out = append(out, l)
	}
	return out
}

// facetValueLabel is how a facet value is shown: a language by its name, a type in
// the interface language (or as its publisher labels a type of its own), topics and
// publishers as publishers write them.
func facetValueLabel(name, value, label string, m msgs) string {
	switch name {
	case "lang":
		return langName(value)
	case "type":
		if t := m.Type(value); vocab.Known(value) || label == "" {
			return t
		}
	}
	return cmp.Or(label, value)
}

func langName(code string) string {
	switch code {
	case "en":
		return "English"
	case "uk":
		return "Українська"
	case "ru":
		return "Русский"
	}
	return code
}

var funcs = template.FuncMap{
	// snippet marks a snippet as HTML: search snippets are escaped page text with <mark>.
	"snippet":     func(s string) template.HTML { return template.HTML(s) },
	"langName":    langName,
	"typeName":    func(t string) string { return strings.ReplaceAll(t, "-", " ") },
	"citeFormats": func() []string { return cite.Formats },
	"join":        func(vs []string) string { return strings.Join(vs, ", ") },
	// quoted lists the words as typed of spelling corrections, quoted.
	"quoted": func(cs []search.Correction) string {
		ws := make([]string, len(cs))
		for i, c := range cs {
			ws[i] = "“" + c.Word + "”"
		}
		return strings.Join(ws, ", ")
	},
	// relayout says whether corrections read the query in another keyboard layout.
	"relayout": func(cs []search.Correction) bool {
		return slices.ContainsFunc(cs, func(c search.Correction) bool { return c.Layout })
	},
	"reflow":      reflow,
	"readableURL": cite.ReadableURL,
	// spanned lists the pages a passage is on: its first, and the one it ends on
	// over a page break (end 0: none).
	"spanned": func(first, end int) []int {
		if end > first {
			return []int{first, end}
		}
		return []int{first}
	},
	// first is the rank of the first hit on result page p of size n.
	"first": func(p, n int) int { return (p-1)*n + 1 },
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	data := pageData{Title: "ssgsearch", Msg: messages(w, r)}
	req, err := searchRequest(r, true)
	data.Query = req.Query
	if err == nil && strings.TrimSpace(req.Query) == "" && !req.Filters.Any() && req.Filters.Removed == "" {
		ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
		defer cancel()
		if ov, oerr := s.overview(ctx, s.cur(r)); oerr == nil {
			data.Home = &homeView{Documents: ov.Documents, Pages: ov.Pages}
			js := search.NewResponse(&search.Result{Hits: ov.Latest}, search.Request{}, "")
			data.Home.Latest = js.Hits
			data.Facets, _ = refinements(url.Values{}, ov.Facets, data.Msg)
			s.translateTopics(data.Facets, data.Msg)
			for _, q := range strings.Split(data.Msg.T("home.examples"), "|") {
				data.Home.Examples = append(data.Home.Examples, link{q, "/?q=" + url.QueryEscape(q)})
			}
		} else {
			s.log.Warn("start page overview", "err", oerr)
		}
		s.render(w, http.StatusOK, "search", data)
		return
	}
	if err == nil {
		ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
		defer cancel()
		res, serr := s.cur(r).Value.Search(ctx, req)
		if serr == nil {
			s.otherValues(ctx, r, req, res)
			js := search.NewResponse(res, req, "")
			data.Result = &js
			data.Title = req.Query + " — ssgsearch"
			data.Prev, data.Next = pageLinks(r.URL.Query(), req.Page, req.Size, res.Total)
			data.Facets, data.Active = refinements(r.URL.Query(), res.Facets, data.Msg)
			s.translateTopics(data.Facets, data.Msg)
			data.Sorts = sortLinks(r.URL.Query(), data.Msg)
			data.XLang = xlangLinks(r.URL.Query(), req.XLang, data.Msg)
			if len(res.Corrections) > 0 {
				data.Verbatim = withParam(r.URL.Query(), "verbatim", "true")
			}
			if s.saved != nil {
				q := r.URL.Query()
				for _, k := range searchParams {
					for _, v := range q[k] {
						data.SaveParams = append(data.SaveParams, param{k, v})
					}
				}
			}
			s.render(w, http.StatusOK, "search", data)
			return
		}
		err = serr
	}
	code, _ := status(err)
	if code >= 500 {
		s.error(w, r, err)
		return
	}
	data.Error, data.Status = data.Msg.RequestError(err), code
	s.render(w, code, "search", data)
}

// translateTopics shows topic tags written in the other language in the
// interface's, where the glossary knows them ("Accountability" reads
// "Підзвітність" in the Ukrainian interface); the link keeps the tag as indexed.
func (s *Server) translateTopics(views []facetView, m msgs) {
	for i := range views {
		if views[i].Name != "topic" {
			continue
		}
		for j, v := range views[i].Values {
			if t, ok := s.glossary.Translate(v.Label, m.Lang); ok && !strings.EqualFold(t, v.Label) {
				r, size := utf8.DecodeRuneInString(t)
				views[i].Values[j].Label = string(unicode.ToUpper(r)) + t[size:]
			}
		}
	}
}

// otherValues makes each facet with a chosen value offer its other values too, so
// that choices combine (two types, two languages): a facet's counts come from the
// search without its own filter, the others' filters kept.
func (s *Server) otherValues(ctx context.Context, r *http.Request, req search.Request, res *search.Result) {
	for _, f := range search.Facets {
		if f.Chosen == nil || len(*f.Chosen(&req.Filters)) == 0 {
			continue
		}
		other := req
		other.Page, other.Size, other.Explain = 1, 1, false
		*f.Chosen(&other.Filters) = nil
		if o, err := s.cur(r).Value.Search(ctx, other); err == nil {
			res.Facets[f.Name] = o.Facets[f.Name]
		}
	}
}

// pageLinks returns the URLs of the previous and next result pages, or "". Past
// the last page, "previous" leads to the last page; past search.MaxResults there is
// no next page.
func pageLinks(q url.Values, page, size, total int) (prev, next string) {
	link := func(p int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(p))
		return "/?" + v.Encode()
	}
	last := max(1, (total+size-1)/size)
	if page > 1 {
		prev = link(min(page-1, last))
	}
	if page*size < total && page < search.MaxResults/size { // the next page may be asked for
		next = link(page + 1)
	}
	return prev, next
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

// homeLatest is how many of the latest documents the start page lists.
const homeLatest = 5

// overviewCache keeps the start page's overview of one index until it changes.
type overviewCache struct {
	ix  *indexer.Index
	gen uint64
	ov  *search.Overview
}

// overview returns the overview of b's index, computed once per index generation.
func (s *Server) overview(ctx context.Context, b *backend) (*search.Overview, error) {
	gen := b.Index.Generation()
	if c := s.home.Load(); c != nil && c.ix == b.Index && c.gen == gen {
		return c.ov, nil
	}
	ov, err := b.Value.Overview(ctx, homeLatest)
	if err != nil {
		return nil, err
	}
	s.home.Store(&overviewCache{ix: b.Index, gen: gen, ov: ov})
	return ov, nil
}
