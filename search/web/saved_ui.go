package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/saved"
)

// savedPage is what the saved-searches template receives.
type savedPage struct {
	pageData
	Items []savedItem
	// Saved names the search just saved or run, for the notice.
	Notice string
}

// savedItem is one saved search in the list.
type savedItem struct {
	ID, Name, Query, Description string
	Tags                         []string
	SearchURL                    string
	// LastRun is when it last ran ("" never); New counts the documents added or
	// changed in that run, Dropped those that dropped out.
	LastRun      string
	New, Dropped int
	Baseline     bool
	// Filters say in words what the saved search keeps ("Language: Ukrainian").
	Filters []string
	// Query is the saved search itself, for the edit form.
	Saved saved.Query
}

// filterWords says a saved search's filters, sort and language switch in words.
func filterWords(q saved.Query, m msgs) []string {
	var out []string
	for _, f := range search.Facets {
		if f.Chosen == nil || len(*f.Chosen(&q.Filters)) == 0 {
			continue
		}
		values := *f.Chosen(&q.Filters)
		words := make([]string, len(values))
		for i, v := range values {
			words[i] = facetValueLabel(f.Name, v, "", m)
		}
		out = append(out, m.T("facet."+f.Name)+": "+strings.Join(words, ", "))
	}
	if q.Filters.YearFrom != 0 || q.Filters.YearTo != 0 {
		years := ""
		if q.Filters.YearFrom != 0 {
			years = strconv.Itoa(q.Filters.YearFrom)
		}
		years += "–"
		if q.Filters.YearTo != 0 {
			years += strconv.Itoa(q.Filters.YearTo)
		}
		out = append(out, m.T("facet.year")+": "+years)
	}
	if q.Sort != "" && q.Sort != "relevance" {
		out = append(out, m.T("results.sort")+": "+m.T("sort."+q.Sort))
	}
	if !q.XLang {
		out = append(out, m.T("xlang.label")+": "+m.T("xlang.off"))
	}
	return out
}

// savedResult is a result of a saved search's latest run, marked when new.
type savedResult struct {
	Rank      int
	ID, Title string
	Page      int
	New       bool
}

// runChart is the result counts of a saved search's runs, as bars of an SVG.
type runChart struct {
	Width, Height int
	Bars          []runBar
}

// runBar is one run's bar: its place, its height and what it says.
type runBar struct {
	X, Y, W, H int
	Label      string
}

// maxChartRuns is how many runs, the latest, the chart shows.
const maxChartRuns = 30

// chartOf draws the result counts of runs (newest first) as bars, oldest left.
func chartOf(runs []saved.Run, m msgs) *runChart {
	if len(runs) < 2 {
		return nil
	}
	runs = runs[:min(len(runs), maxChartRuns)]
	c := &runChart{Width: 12 * len(runs), Height: 60}
	most := 1
	for _, r := range runs {
		most = max(most, r.Total)
	}
	for i := range runs {
		r := runs[len(runs)-1-i]
		h := max(1, r.Total*(c.Height-2)/most)
		c.Bars = append(c.Bars, runBar{X: 12 * i, Y: c.Height - h, W: 10, H: h,
			Label: m.T("saved.runno") + " " + strconv.FormatInt(r.ID, 10) + ", " + r.RanAt.Format("2006-01-02") + ": " + strconv.Itoa(r.Total)})
	}
	return c
}

// savedUIRoutes adds the saved-search pages.
func (s *Server) savedUIRoutes(r *mux.Router) {
	r.HandleFunc("/saved", s.withSaved(s.handleSavedPage)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/saved", s.withSaved(s.handleSavedSave)).Methods(http.MethodPost)
	r.HandleFunc("/saved/{id}", s.withSaved(s.handleSavedDetail)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/saved/{id}/run", s.withSaved(s.handleSavedRunForm)).Methods(http.MethodPost)
	r.HandleFunc("/saved/{id}/edit", s.withSaved(s.handleSavedEditForm)).Methods(http.MethodPost)
	r.HandleFunc("/saved/{id}/delete", s.withSaved(s.handleSavedDeleteForm)).Methods(http.MethodPost)
}

// savedDetail is what the page of one saved search receives.
type savedDetail struct {
	pageData
	Item savedItem
	Runs []saved.Run
	// Latest is the latest run with its news; Results its results, new ones
	// marked; Chart the result counts of the runs.
	Latest  *saved.Run
	Results []savedResult
	Chart   *runChart
	// Notice says what the form that led here did.
	Notice string
}

// doneNotice is the notice for a saved search page reached after a form.
func doneNotice(done string, m msgs) string {
	switch done {
	case "saved":
		return m.T("saved.saved")
	case "ran":
		return m.T("saved.ran")
	}
	return ""
}

// maxShownResults is how many results of the latest run the page lists.
const maxShownResults = 20

// handleSavedDetail shows one saved search: its definition, its latest news with
// snippets, the history of its runs, and forms to rename, run and delete it.
func (s *Server) handleSavedDetail(w http.ResponseWriter, r *http.Request) {
	m := messages(w, r)
	q, err := s.saved.Get(mux.Vars(r)["id"])
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	runs, err := s.saved.Runs(q.ID)
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	data := savedDetail{pageData: pageData{Title: q.Name + " — ssgsearch", Msg: m}, Notice: doneNotice(r.URL.Query().Get("done"), m),
		Item: savedItem{ID: q.ID, Name: q.Name, Query: q.Query, Description: q.Description, Tags: q.Tags, SearchURL: searchURL(*q),
			Filters: filterWords(*q, m), Saved: *q},
		Runs: runs, Chart: chartOf(runs, m)}
	if len(runs) > 0 {
		data.Latest = &runs[0]
		if full, err := s.saved.Run(q.ID, runs[0].ID); err == nil {
			isNew := map[string]bool{}
			for _, c := range append(full.Added, full.Changed...) {
				isNew[c.DocID] = true
			}
			for _, res := range full.Results[:min(len(full.Results), maxShownResults)] {
				data.Results = append(data.Results, savedResult{Rank: res.Rank, ID: res.DocID, Title: res.Title, Page: res.Page, New: isNew[res.DocID] && !full.Baseline})
			}
		}
	}
	s.renderAny(w, http.StatusOK, "saved-one", data)
}

func (s *Server) handleSavedEditForm(w http.ResponseWriter, r *http.Request) {
	if !s.savedForm(w, r) {
		return
	}
	q, err := s.saved.Get(mux.Vars(r)["id"])
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	f := r.PostForm
	q.Name, q.Description = f.Get("name"), strings.TrimSpace(f.Get("description"))
	if text := strings.TrimSpace(f.Get("q")); text != "" {
		q.Query = text
	}
	list := func(name string) []string {
		var out []string
		for _, v := range strings.Split(f.Get(name), ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	year := func(name string) (int, error) {
		v := strings.TrimSpace(f.Get(name))
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 || n > 9999 {
			return 0, saved.Invalid("year", name)
		}
		return n, nil
	}
	for _, f := range search.Facets {
		if f.Chosen != nil {
			*f.Chosen(&q.Filters) = list(f.Name)
		}
	}
	var yerr error
	if q.Filters.YearFrom, yerr = year("year_from"); yerr == nil {
		q.Filters.YearTo, yerr = year("year_to")
	}
	if yerr != nil {
		s.savedFormError(w, r, yerr)
		return
	}
	q.Sort = f.Get("sort")
	q.XLang = f.Get("xlang") != "off"
	if _, err := s.saved.Update(*q); err != nil {
		s.savedFormError(w, r, err)
		return
	}
	http.Redirect(w, r, "/saved/"+q.ID, http.StatusSeeOther)
}

func (s *Server) handleSavedDeleteForm(w http.ResponseWriter, r *http.Request) {
	m := messages(w, r)
	id := mux.Vars(r)["id"]
	q, err := s.saved.Get(id)
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	if err := s.saved.Delete(id); err != nil {
		s.savedError(w, r, err)
		return
	}
	s.renderSaved(w, r, http.StatusOK, q.Name+": "+m.T("saved.deleted"), "")
}

// searchParams are the UI's search parameters a saved search keeps.
var searchParams = []string{"q", "language", "type", "topic", "publisher", "year_from", "year_to", "sort", "xlang"}

func (s *Server) handleSavedPage(w http.ResponseWriter, r *http.Request) {
	s.renderSaved(w, r, http.StatusOK, "", "")
}

func (s *Server) renderSaved(w http.ResponseWriter, r *http.Request, code int, notice, errMsg string) {
	m := messages(w, r)
	data := savedPage{pageData: pageData{Title: m.T("saved.title") + " — ssgsearch", Msg: m, Error: errMsg}, Notice: notice}
	if s.saved == nil {
		data.Error = m.T("saved.off")
		s.renderAny(w, http.StatusOK, "saved", data)
		return
	}
	qs, err := s.saved.List()
	if err != nil {
		s.error(w, r, err)
		return
	}
	for _, q := range qs {
		it := savedItem{ID: q.ID, Name: q.Name, Query: q.Query, Description: q.Description, Tags: q.Tags, SearchURL: searchURL(q), Filters: filterWords(q, m)}
		if run, err := s.saved.Run(q.ID, 0); err == nil {
			it.LastRun = run.RanAt.Format(time.DateTime) + " UTC"
			it.New, it.Dropped, it.Baseline = len(run.Added)+len(run.Changed), len(run.Dropped), run.Baseline
		}
		data.Items = append(data.Items, it)
	}
	s.renderAny(w, code, "saved", data)
}

// searchURL is the results page of a saved search.
func searchURL(q saved.Query) string {
	v := url.Values{"q": {q.Query}}
	for _, f := range search.Facets {
		if f.Chosen != nil {
			for _, x := range *f.Chosen(&q.Filters) {
				v.Add(filterParam(f.Name, true), x)
			}
		}
	}
	if q.Filters.YearFrom > 0 {
		v.Set("year_from", strconv.Itoa(q.Filters.YearFrom))
	}
	if q.Filters.YearTo > 0 {
		v.Set("year_to", strconv.Itoa(q.Filters.YearTo))
	}
	if q.Sort != "" {
		v.Set("sort", q.Sort)
	}
	if !q.XLang {
		v.Set("xlang", "off")
	}
	return "/?" + v.Encode()
}

// savedForm reads a saved-search form, answering the error itself when it cannot.
func (s *Server) savedForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxSavedBody)
	if err := r.ParseForm(); err != nil {
		s.renderSaved(w, r, http.StatusBadRequest, "", err.Error())
		return false
	}
	return true
}

// savedFormError shows why a saved search from a form was refused: the reason for
// bad input, nothing internal otherwise.
func (s *Server) savedFormError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, saved.ErrInvalid) {
		s.renderSaved(w, r, http.StatusBadRequest, "", messages(w, r).SavedError(err))
		return
	}
	code, msg := status(err)
	if code >= 500 {
		s.log.Error("saved search", "err", err)
	}
	s.renderSaved(w, r, code, "", msg)
}

// handleSavedSave saves the search whose parameters the form carries, under the
// name given, and runs it once (the baseline).
func (s *Server) handleSavedSave(w http.ResponseWriter, r *http.Request) {
	if !s.savedForm(w, r) {
		return
	}
	form := url.Values{}
	for _, k := range searchParams {
		if vs := r.PostForm[k]; len(vs) > 0 {
			form[k] = vs
		}
	}
	req, err := searchRequest(&http.Request{URL: &url.URL{RawQuery: form.Encode()}}, true)
	if err != nil {
		s.renderSaved(w, r, http.StatusBadRequest, "", err.Error())
		return
	}
	q := saved.Query{Name: r.PostForm.Get("name"), Query: req.Query, Sort: req.Sort, XLang: req.XLang,
		Description: strings.TrimSpace(r.PostForm.Get("description")), Filters: req.Filters}
	created, err := s.saved.Create(q)
	if err != nil {
		s.savedFormError(w, r, err)
		return
	}
	s.runAndShow(w, r, created.ID, "saved")
}

func (s *Server) handleSavedRunForm(w http.ResponseWriter, r *http.Request) {
	s.runAndShow(w, r, mux.Vars(r)["id"], "ran")
}

// runAndShow runs a saved search and sends the browser to its page, which says
// done ("saved" or "ran"): a reload there shows the page again instead of posting
// the form a second time.
func (s *Server) runAndShow(w http.ResponseWriter, r *http.Request, id, done string) {
	if _, err := s.runSaved(w, r, id); err != nil {
		s.savedError(w, r, err)
		return
	}
	http.Redirect(w, r, "/saved/"+url.PathEscape(id)+"?done="+done, http.StatusSeeOther)
}
