package saved

import (
	"context"
	"errors"
	"fmt"
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
	Added      []Change `json:"added"`
	Dropped    []Change `json:"dropped"`
	Changed    []Change `json:"changed"`
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
	run := &Run{QueryID: id, RanAt: st.now().UTC(), IndexState: indexState,
		Added: []Change{}, Dropped: []Change{}, Changed: []Change{}}
	total, err := s.Export(ctx, q.Request(), func(h search.ExportHit) error {
		run.Results = append(run.Results, ResultOf(h))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("run saved query %s (%s): %w", id, q.Name, err)
	}
	run.Total = total
	prev, err := st.Run(id, 0)
	switch {
	case err == nil:
		run.Added, run.Dropped, run.Changed = diff(prev.Results, run.Results)
	case isNotFound(err):
		run.Baseline = true
	default:
		return nil, err
	}
	// The page-level snippet of what is new, for feeds and webhooks.
	for _, list := range [][]Change{run.Added, run.Changed} {
		for i := range list {
			if hits, err := s.InDocument(ctx, list[i].DocID, q.Query); err == nil && len(hits) > 0 {
				list[i].Snippet = hits[0].Snippet
				for _, h := range hits {
					if h.Page == list[i].Page {
						list[i].Snippet = h.Snippet
					}
				}
			}
		}
	}
	deliver := q.Webhook != nil && run.News()
	if deliver {
		run.Webhook = "pending"
	}
	// The news goes out later (Deliver), not while the caller holds its index.
	if err := st.addRun(id, run, deliver); err != nil {
		return nil, err
	}
	if deliver {
		st.woken()
	}
	return run, nil
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
