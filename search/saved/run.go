package saved

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/ssgsearch/ssgsearch/search"
)

// Run is one run of a saved query: when, against which index state, every result,
// and the news since the run before (a first run is the baseline and has none).
type Run struct {
	ID      int64     `json:"run_id"`
	QueryID string    `json:"saved_search_id"`
	RanAt   time.Time `json:"ran_at"`
	// IndexState names the index the run saw (the crawl or ingest that built it).
	IndexState string   `json:"index_state"`
	Total      int      `json:"total"`
	Baseline   bool     `json:"baseline"`
	Results    []Result `json:"results,omitempty"`
	// ResultsGone says the run's results are no longer kept: only the latest
	// keptResults runs keep theirs (their news stays).
	ResultsGone bool     `json:"results_gone,omitempty"`
	Added       []Change `json:"added"`
	Dropped     []Change `json:"dropped"`
	Changed     []Change `json:"changed"`
	// Webhook says how the delivery of the news went, when the query has a webhook.
	Webhook string `json:"webhook,omitempty"`
}

// News reports whether the run found anything added, dropped or changed.
func (r *Run) News() bool { return len(r.Added)+len(r.Dropped)+len(r.Changed) > 0 }

// Result is one document a run found.
type Result struct {
	DocID       string `json:"id"`
	Title       string `json:"title"`
	URL         string `json:"url"`
	ContentHash string `json:"content_hash"`
	Rank        int    `json:"rank"`
	// Page is the document's best page for the query.
	Page int `json:"page"`
}

// ResultOf is the result a run records of an exported hit.
func ResultOf(h search.ExportHit) Result {
	return Result{DocID: h.Doc.ID, Title: h.Doc.Title, URL: h.Doc.SourceURL, ContentHash: h.Doc.ContentHash, Rank: h.Rank, Page: h.BestPage}
}

// Change is a document added, dropped or changed since the previous run.
type Change struct {
	DocID string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
	Page  int    `json:"page,omitempty"`
	Rank  int    `json:"rank,omitempty"`
	// OldHash and NewHash are the content hashes before and after, for a change.
	OldHash string `json:"old_hash,omitempty"`
	NewHash string `json:"new_hash,omitempty"`
	// Snippet is HTML: the best page's text around the match, matches in <mark>
	// (added and changed documents).
	Snippet string `json:"snippet,omitempty"`
}

// Searcher is what running a saved query needs.
type Searcher interface {
	Export(ctx context.Context, req search.Request, emit func(search.ExportHit) error) (int, error)
	InDocument(ctx context.Context, id, q string) ([]search.PageHit, error)
}

// Execute runs saved query id now against s, compares it with its last run, stores
// the run and returns it. indexState names the index it ran against.
func (st *Store) Execute(ctx context.Context, s Searcher, id, indexState string) (*Run, error) {
	q, err := st.Get(id)
	if err != nil {
		return nil, err
	}
	run := &Run{QueryID: id, RanAt: st.now().UTC(), IndexState: indexState}
	total, err := s.Export(ctx, q.Request(), func(h search.ExportHit) error {
		run.Results = append(run.Results, ResultOf(h))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("run saved query %s (%s): %w", id, q.Name, err)
	}
	run.Total = total
	snippets := map[string]string{} // by document, found once however often the news is
	for tries := 0; ; tries++ {
		base, err := st.news(ctx, s, q, run, snippets)
		if err != nil {
			return nil, err
		}
		deliver := q.Webhook != nil && run.News()
		run.Webhook = ""
		if deliver {
			run.Webhook = "pending"
		}
		// The news goes out later (Deliver), not while the caller holds its index.
		newer, err := st.addRun(id, run, base, deliver)
		switch {
		case errors.Is(err, errRaced) && tries < maxRaces:
			continue // another run was stored since base: the news is since that one
		case err != nil:
			return nil, err
		case newer != nil:
			return newer, nil // one that began after this one was stored first
		}
		if deliver {
			st.woken()
		}
		return run, nil
	}
}

// maxRaces is how many times Execute finds a run's news again because other runs
// of the same query were stored meanwhile, before it gives up.
const maxRaces = 5

// news finds what run has that the query's latest stored run had not (none when
// there is none: run is the baseline), with the page-level snippets of what is
// new, for feeds and webhooks (from snippets, and kept there); it returns the
// number of the run compared with (0: none).
func (st *Store) news(ctx context.Context, s Searcher, q *Query, run *Run, snippets map[string]string) (int64, error) {
	run.Added, run.Dropped, run.Changed, run.Baseline = []Change{}, []Change{}, []Change{}, false
	prev, err := st.Run(q.ID, 0)
	switch {
	case err == nil && prev.ResultsGone:
		// Nothing to compare with (a file whose latest run lost its results): this
		// run starts again from a baseline.
		run.Baseline = true
		return prev.ID, nil
	case err == nil:
		run.Added, run.Dropped, run.Changed = diff(prev.Results, run.Results)
	case isNotFound(err):
		run.Baseline = true
		return 0, nil
	default:
		return 0, err
	}
	for _, list := range [][]Change{run.Added, run.Changed} {
		for i := range list {
			c := &list[i]
			key := c.DocID + "\x00" + strconv.Itoa(c.Page)
			snippet, ok := snippets[key]
			if !ok {
				snippet = pageSnippet(ctx, s, c.DocID, c.Page, q.Query)
				snippets[key] = snippet
			}
			c.Snippet = snippet
		}
	}
	return prev.ID, nil
}

// pageSnippet is the snippet of page (or else of the best page) of document id
// for query, or "" when it has none.
func pageSnippet(ctx context.Context, s Searcher, id string, page int, query string) string {
	hits, err := s.InDocument(ctx, id, query)
	if err != nil || len(hits) == 0 {
		return ""
	}
	for _, h := range hits {
		if h.Page == page {
			return h.Snippet
		}
	}
	return hits[0].Snippet
}

// diff compares two runs' results by document: added, dropped, and changed (the same
// document with another content hash: a replaced PDF, a new edition).
func diff(before, after []Result) (added, dropped, changed []Change) {
	added, dropped, changed = []Change{}, []Change{}, []Change{}
	old := make(map[string]Result, len(before))
	for _, r := range before {
		old[r.DocID] = r
	}
	seen := make(map[string]bool, len(after))
	for _, r := range after {
		seen[r.DocID] = true
		o, ok := old[r.DocID]
		c := Change{DocID: r.DocID, Title: r.Title, URL: r.URL, Page: r.Page, Rank: r.Rank}
		switch {
		case !ok:
			added = append(added, c)
		case o.ContentHash != r.ContentHash:
			c.OldHash, c.NewHash = o.ContentHash, r.ContentHash
			changed = append(changed, c)
		}
	}
	for _, r := range before {
		if !seen[r.DocID] {
			dropped = append(dropped, Change{DocID: r.DocID, Title: r.Title, URL: r.URL, Page: r.Page})
		}
	}
	return added, dropped, changed
}

// Compare returns what changed between two stored runs of a saved query.
func (st *Store) Compare(id string, from, to int64) (added, dropped, changed []Change, err error) {
	a, err := st.Run(id, from)
	if err != nil {
		return nil, nil, nil, err
	}
	b, err := st.Run(id, to)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, r := range []*Run{a, b} {
		if r.ResultsGone {
			return nil, nil, nil, fmt.Errorf("run %d of saved query %s: its results are no longer kept (the latest %d runs keep theirs): %w", r.ID, id, keptResults, ErrNotFound)
		}
	}
	added, dropped, changed = diff(a.Results, b.Results)
	return added, dropped, changed, nil
}

// Outcome is one saved query's run in a batch.
type Outcome struct {
	Query Query
	Run   *Run
	Err   error
}

// ExecuteAll runs every saved query (after a crawl or an ingest) and returns each
// outcome; one query's failure does not stop the others.
func (st *Store) ExecuteAll(ctx context.Context, s Searcher, indexState string) ([]Outcome, error) {
	qs, err := st.List()
	if err != nil {
		return nil, err
	}
	out := make([]Outcome, 0, len(qs))
	for _, q := range qs {
		r, err := st.Execute(ctx, s, q.ID, indexState)
		out = append(out, Outcome{Query: q, Run: r, Err: err})
	}
	return out, nil
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
