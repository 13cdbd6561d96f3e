package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

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
	// Latest is the latest run with its news.
	Latest *saved.Run
}

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
	data := savedDetail{pageData: pageData{Title: q.Name + " — ssgsearch", Msg: m},
		Item: savedItem{ID: q.ID, Name: q.Name, Query: q.Query, Description: q.Description, Tags: q.Tags, SearchURL: searchURL(*q)},
		Runs: runs}
	if len(runs) > 0 {
		data.Latest = &runs[0]
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
	q.Name, q.Description = r.PostForm.Get("name"), strings.TrimSpace(r.PostForm.Get("description"))
	if text := strings.TrimSpace(r.PostForm.Get("q")); text != "" {
		q.Query = text
	}
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
		it := savedItem{ID: q.ID, Name: q.Name, Query: q.Query, Description: q.Description, Tags: q.Tags, SearchURL: searchURL(q)}
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
	for _, l := range q.Filters.Lang {
		v.Add("language", l)
	}
	for _, t := range q.Filters.Type {
		v.Add("type", t)
	}
	for _, t := range q.Filters.Topic {
		v.Add("topic", t)
	}
	for _, p := range q.Filters.Publisher {
		v.Add("publisher", p)
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
		s.renderSaved(w, r, http.StatusBadRequest, "", strings.TrimPrefix(err.Error(), saved.ErrInvalid.Error()+": "))
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
	m := messages(w, r)
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
		Description: strings.TrimSpace(r.PostForm.Get("description")),
		Filters: saved.Filters{Lang: req.Filters.Lang, Type: req.Filters.Type, Topic: req.Filters.Topic,
			Publisher: req.Filters.Publisher, YearFrom: req.Filters.YearFrom, YearTo: req.Filters.YearTo}}
	created, err := s.saved.Create(q)
	if err != nil {
		s.savedFormError(w, r, err)
		return
	}
	s.runAndShow(w, r, created.ID, m.T("saved.saved"))
}

func (s *Server) handleSavedRunForm(w http.ResponseWriter, r *http.Request) {
	s.runAndShow(w, r, mux.Vars(r)["id"], messages(w, r).T("saved.ran"))
}

// runAndShow runs a saved search and shows the list with a notice.
func (s *Server) runAndShow(w http.ResponseWriter, r *http.Request, id, notice string) {
	ss := s.cur(r).sr
	ctx, cancel := context.WithTimeout(r.Context(), runTimeout)
	defer cancel()
	run, err := s.saved.Execute(ctx, ss, id, s.indexState())
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	q, err := s.saved.Get(id)
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	s.renderSaved(w, r, http.StatusOK, q.Name+": "+notice+" ("+strconv.Itoa(run.Total)+")", "")
}
