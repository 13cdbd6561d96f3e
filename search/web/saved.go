package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/output"
	"github.com/ssgsearch/ssgsearch/search/saved"
)

// maxSavedBody bounds the body of a saved-search create or update.
const maxSavedBody = 64 << 10

// runTimeout bounds one run of a saved query (it lists every matching document).
const runTimeout = 2 * time.Minute

// savedRoutes adds the saved-search API.
func (s *Server) savedRoutes(r *mux.Router) {
	r.HandleFunc("/api/v1/saved-searches", s.withSaved(s.handleSavedList)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/saved-searches", s.withSaved(s.handleSavedCreate)).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/saved-searches/{id}", s.withSaved(s.handleSavedGet)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/saved-searches/{id}", s.withSaved(s.handleSavedUpdate)).Methods(http.MethodPut)
	r.HandleFunc("/api/v1/saved-searches/{id}", s.withSaved(s.handleSavedDelete)).Methods(http.MethodDelete)
	r.HandleFunc("/api/v1/saved-searches/{id}/runs", s.withSaved(s.handleSavedRuns)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/saved-searches/{id}/runs", s.withSaved(s.handleSavedRunNow)).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/saved-searches/{id}/runs/{run}", s.withSaved(s.handleSavedRun)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/saved-searches/{id}/runs/{run}/diff.csv", s.withSaved(s.handleSavedDiffCSV)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/saved-searches/{id}/compare", s.withSaved(s.handleSavedCompare)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/saved-searches/{id}/feed.atom", s.withSaved(s.handleSavedFeed)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/saved-searches/{id}/export.csv", s.withSaved(s.handleSavedExportCSV)).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api/v1/saved-searches/{id}/export.json", s.withSaved(s.handleSavedExportJSON)).Methods(http.MethodGet, http.MethodHead)
}

// errNoSaved answers saved-search requests on a server without a store.
var errNoSaved = errors.New("this server keeps no saved searches")

// savedError maps the store's errors to the API's.
func (s *Server) savedError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, saved.ErrNotFound):
		err = errNotFound
	case errors.Is(err, saved.ErrInvalid):
		err = &badRequest{err.Error()}
	case errors.Is(err, errNoSaved):
		err = &badRequest{err.Error()}
	}
	s.error(w, r, err)
}

// savedBody decodes a saved search from the request body; "xlang" left out means
// on, as in searches.
func (s *Server) savedBody(w http.ResponseWriter, r *http.Request) (saved.Query, bool) {
	var in struct {
		saved.Query
		XLang *bool `json:"xlang"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxSavedBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.error(w, r, errTooLarge)
		} else {
			s.error(w, r, &badRequest{"the body must be a saved search as JSON: " + err.Error()})
		}
		return saved.Query{}, false
	}
	q := in.Query
	q.XLang = in.XLang == nil || *in.XLang
	return q, true
}

// withSaved guards a saved-search route: a server without a store answers that it
// keeps none (the API with a JSON error, the UI with its page saying so).
func (s *Server) withSaved(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.saved != nil {
			h(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.savedError(w, r, errNoSaved)
			return
		}
		s.renderSaved(w, r, http.StatusNotFound, "", messages(w, r).T("saved.off"))
	}
}

func (s *Server) handleSavedList(w http.ResponseWriter, r *http.Request) {
	qs, err := s.saved.List()
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	out := make([]saved.Query, len(qs))
	for i, q := range qs {
		out[i] = s.shown(r, q)
	}
	writeJSON(w, http.StatusOK, map[string]any{"saved_searches": out})
}

func (s *Server) handleSavedCreate(w http.ResponseWriter, r *http.Request) {
	q, ok := s.savedBody(w, r)
	if !ok {
		return
	}
	created, err := s.saved.Create(q)
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/saved-searches/"+created.ID)
	writeJSON(w, http.StatusCreated, created.Public())
}

func (s *Server) handleSavedGet(w http.ResponseWriter, r *http.Request) {
	q, err := s.saved.Get(mux.Vars(r)["id"])
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.shown(r, *q))
}

// shown is saved query q as the request may see it: never the webhook's secret,
// and on a server that needs the token to change saved searches, only the scheme
// and host of the webhook's address unless the request has the token (many
// receivers take the address's path or query as their password).
func (s *Server) shown(r *http.Request, q saved.Query) saved.Query {
	q = q.Public()
	if q.Webhook != nil && s.requireToken && !s.admin.authorized(r) {
		w := *q.Webhook
		w.URL = "" // an address that cannot be read is not shown at all
		if u, err := url.Parse(q.Webhook.URL); err == nil {
			w.URL = (&url.URL{Scheme: u.Scheme, Host: u.Host}).String()
		}
		q.Webhook = &w
	}
	return q
}

func (s *Server) handleSavedUpdate(w http.ResponseWriter, r *http.Request) {
	q, ok := s.savedBody(w, r)
	if !ok {
		return
	}
	q.ID = mux.Vars(r)["id"]
	updated, err := s.saved.Update(q)
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, updated.Public())
}

func (s *Server) handleSavedDelete(w http.ResponseWriter, r *http.Request) {
	if err := s.saved.Delete(mux.Vars(r)["id"]); err != nil {
		s.savedError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleSavedRuns(w http.ResponseWriter, r *http.Request) {
	runs, err := s.saved.Runs(mux.Vars(r)["id"])
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	if runs == nil {
		runs = []saved.Run{}
	}
	for i := range runs {
		s.ownersOnly(r, &runs[i])
	}
	writeJSON(w, http.StatusOK, map[string]any{"runs": runs})
}

// ownersOnly leaves out how a run's webhook delivery went unless the request may
// change saved searches: on a server that needs the token for that, delivery
// outcomes are the owner's business (they would tell others about the networks
// the server reaches).
func (s *Server) ownersOnly(r *http.Request, run *saved.Run) {
	if s.requireToken && !s.admin.authorized(r) {
		run.Webhook = ""
	}
}

// runSaved runs saved search id now, for up to runTimeout, which the answer's
// write deadline is moved past (the server's is for ordinary answers).
func (s *Server) runSaved(w http.ResponseWriter, r *http.Request, id string) (*saved.Run, error) {
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(runTimeout + 10*time.Second))
	ctx, cancel := context.WithTimeout(r.Context(), runTimeout)
	defer cancel()
	return s.saved.Execute(ctx, s.cur(r).Value, id, s.indexState())
}

func (s *Server) handleSavedRunNow(w http.ResponseWriter, r *http.Request) {
	run, err := s.runSaved(w, r, mux.Vars(r)["id"])
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	run.Results = nil // GET .../runs/{run} has them
	writeJSON(w, http.StatusOK, run)
}

// runParam reads the {run} path variable: a run number, or "latest".
func runParam(r *http.Request, name string) (int64, error) {
	v := mux.Vars(r)[name]
	if v == "" {
		v = r.URL.Query().Get(name)
	}
	if v == "latest" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, &badRequest{name + " must be a run number or latest, not " + strconv.Quote(v)}
	}
	return n, nil
}

// savedRun reads the saved search {id} and its run {run} (the latest without one),
// answering the error itself when it cannot.
func (s *Server) savedRun(w http.ResponseWriter, r *http.Request) (*saved.Query, *saved.Run, bool) {
	q, err := s.saved.Get(mux.Vars(r)["id"])
	if err != nil {
		s.savedError(w, r, err)
		return nil, nil, false
	}
	n := int64(0)
	if mux.Vars(r)["run"] != "" {
		if n, err = runParam(r, "run"); err != nil {
			s.error(w, r, err)
			return nil, nil, false
		}
	}
	run, err := s.saved.Run(q.ID, n)
	if err != nil {
		s.savedError(w, r, err)
		return nil, nil, false
	}
	return q, run, true
}

func (s *Server) handleSavedRun(w http.ResponseWriter, r *http.Request) {
	if _, run, ok := s.savedRun(w, r); ok {
		s.ownersOnly(r, run)
		writeJSON(w, http.StatusOK, run)
	}
}

func (s *Server) handleSavedDiffCSV(w http.ResponseWriter, r *http.Request) {
	s.savedCSV(w, r, "-diff", output.WriteDiffCSV)
}

// savedCSV streams a CSV of a saved search's run (the latest, or {run}).
func (s *Server) savedCSV(w http.ResponseWriter, r *http.Request, suffix string, write func(io.Writer, *saved.Query, *saved.Run) error) {
	q, run, ok := s.savedRun(w, r)
	if !ok {
		return
	}
	attachment(w, "text/csv; charset=utf-8", "saved-search-"+q.ID+"-run-"+strconv.FormatInt(run.ID, 10)+suffix+".csv")
	if err := write(w, q, run); err != nil {
		s.log.Warn("saved search export cut short", "err", err)
	}
}

func (s *Server) handleSavedCompare(w http.ResponseWriter, r *http.Request) {
	from, err := runParam(r, "from")
	if err != nil {
		s.error(w, r, err)
		return
	}
	to, err := runParam(r, "to")
	if err != nil {
		s.error(w, r, err)
		return
	}
	added, dropped, changed, err := s.saved.Compare(mux.Vars(r)["id"], from, to)
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": from, "to": to, "added": added, "dropped": dropped, "changed": changed})
}

func (s *Server) handleSavedFeed(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	f, err := s.saved.Feed(mux.Vars(r)["id"], base, base+r.URL.Path)
	if err != nil {
		s.savedError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	if err := output.WriteAtom(w, f); err != nil {
		s.log.Warn("feed cut short", "err", err)
	}
}

func (s *Server) handleSavedExportCSV(w http.ResponseWriter, r *http.Request) {
	s.savedCSV(w, r, "", output.WriteResultsCSV)
}

func (s *Server) handleSavedExportJSON(w http.ResponseWriter, r *http.Request) {
	q, run, ok := s.savedRun(w, r)
	if !ok {
		return
	}
	p := s.shown(r, *q)
	s.ownersOnly(r, run)
	writeJSON(w, http.StatusOK, saved.Export{SavedSearch: &p, Run: run})
}

// attachment sets the headers of a file download.
func attachment(w http.ResponseWriter, contentType, name string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
}

var _ saved.Searcher = (*search.Searcher)(nil)
