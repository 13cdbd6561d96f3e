package output

import (
	"io"
	"strconv"
	"time"

	"github.com/ssgsearch/ssgsearch/search/saved"
)

// ResultsCSV writes runs' results as CSV, one row per document, each with its
// query's name and text and its run: the one layout of saved searches' results
// and of the CLI's batch of queries.
type ResultsCSV struct{ cw *CSVWriter }

// NewResultsCSV writes the header to w and returns the writer of the rows.
func NewResultsCSV(w io.Writer) (*ResultsCSV, error) {
	cw := NewCSVWriter(w)
	if err := cw.Write([]string{"saved_search", "query", "run_id", "ran_at", "index_state", "rank", "id", "title", "url", "page", "content_hash"}); err != nil {
		return nil, err
	}
	return &ResultsCSV{cw}, nil
}

// Write writes one result of run r of the query named name (r.ID 0: a run not
// stored, which leaves run_id empty).
func (c *ResultsCSV) Write(name, query string, r *saved.Run, res saved.Result) error {
	id := ""
	if r.ID != 0 {
		id = strconv.FormatInt(r.ID, 10)
	}
	return c.cw.Write([]string{name, query, id, r.RanAt.Format(time.RFC3339), r.IndexState,
		strconv.Itoa(res.Rank), res.DocID, res.Title, res.URL, strconv.Itoa(res.Page), res.ContentHash})
}

// Flush writes out what is buffered and reports any error of the writes.
func (c *ResultsCSV) Flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

// WriteResultsCSV writes a run's results (ResultsCSV).
func WriteResultsCSV(w io.Writer, q *saved.Query, r *saved.Run) error {
	c, err := NewResultsCSV(w)
	if err != nil {
		return err
	}
	for _, res := range r.Results {
		if err := c.Write(q.Name, q.Query, r, res); err != nil {
			return err
		}
	}
	return c.Flush()
}

// WriteDiffCSV writes a run's news, one row per added, dropped or changed document.
func WriteDiffCSV(w io.Writer, q *saved.Query, r *saved.Run) error {
	cw := NewCSVWriter(w)
	cw.Write([]string{"saved_search", "query", "run_id", "ran_at", "change", "id", "title", "url", "page", "old_hash", "new_hash"})
	for _, group := range []struct {
		what string
		list []saved.Change
	}{{"added", r.Added}, {"dropped", r.Dropped}, {"changed", r.Changed}} {
		for _, c := range group.list {
			if err := cw.Write([]string{q.Name, q.Query, strconv.FormatInt(r.ID, 10), r.RanAt.Format(time.RFC3339),
				group.what, c.DocID, c.Title, c.URL, strconv.Itoa(c.Page), c.OldHash, c.NewHash}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
