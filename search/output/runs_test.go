package output

import (
	"encoding/csv"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/search/saved"
)

var (
	ranAt = time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	query = &saved.Query{ID: "q1", Name: "Procurement", Query: "procurement audit"}
	run   = &saved.Run{ID: 3, QueryID: "q1", RanAt: ranAt, IndexState: "crawl-3", Total: 2,
		Results: []saved.Result{
			{DocID: "a", Title: "=Procurement audit handbook", URL: "https://example.org/a", ContentHash: "h1", Rank: 1, Page: 4},
			{DocID: "b", Title: "Audits", URL: "https://example.org/b", ContentHash: "h2", Rank: 2, Page: 1},
		},
		Added:   []saved.Change{{DocID: "a", Title: "Procurement audit handbook", URL: "https://example.org/a", Page: 4, NewHash: "h1"}},
		Dropped: []saved.Change{{DocID: "c", Title: "Old", URL: "https://example.org/c", OldHash: "h0"}},
	}
)

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, s)
	}
	return rows
}

// TestResultsCSV: one row per result with the query and the run on each; a
// run not stored (the CLI's watch list) leaves run_id empty; cells that would
// run as formulas are text.
func TestResultsCSV(t *testing.T) {
	var b strings.Builder
	if err := WriteResultsCSV(&b, query, run); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.String())
	want := []string{"saved_search", "query", "run_id", "ran_at", "index_state", "rank", "id", "title", "url", "page", "content_hash"}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(want, ",") {
		t.Fatalf("rows %q", rows)
	}
	if got := strings.Join(rows[1], ","); got != "Procurement,procurement audit,3,2026-12-04T10:00:00Z,crawl-3,1,a,'=Procurement audit handbook,https://example.org/a,4,h1" {
		t.Errorf("row: %s", got)
	}
	b.Reset()
	c, err := NewResultsCSV(&b)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Write("line 1", "audit", &saved.Run{RanAt: ranAt}, run.Results[1]); err != nil || c.Flush() != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, b.String()); len(rows) != 2 || rows[1][2] != "" || rows[1][0] != "line 1" {
		t.Errorf("a run not stored: %q", rows)
	}
}

func TestDiffCSV(t *testing.T) {
	var b strings.Builder
	if err := WriteDiffCSV(&b, query, run); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.String())
	if len(rows) != 3 || rows[0][4] != "change" || rows[1][4] != "added" || rows[2][4] != "dropped" || rows[2][9] != "h0" || rows[1][10] != "h1" {
		t.Errorf("diff rows %q", rows)
	}
}

// TestWriteAtom: valid Atom with the feed's own link, and one entry per news
// item, its summary HTML carried as text.
func TestWriteAtom(t *testing.T) {
	f := &saved.Feed{ID: "urn:ssgsearch:saved-search:q1", Title: "ssgsearch: Procurement", Updated: ranAt, Self: "http://127.0.0.1/feed.atom",
		Entries: []saved.FeedEntry{{ID: "urn:e1", Title: "[new] Handbook", Updated: ranAt, Link: "https://example.org/a", Summary: "the <mark>audit</mark> & more"}}}
	var b strings.Builder
	if err := WriteAtom(&b, f); err != nil {
		t.Fatal(err)
	}
	var parsed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Updated string   `xml:"updated"`
		Links   []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(b.String()), &parsed); err != nil {
		t.Fatalf("not Atom XML: %v\n%s", err, b.String())
	}
	if parsed.Updated != "2026-12-04T10:00:00Z" || len(parsed.Links) != 1 || parsed.Links[0].Rel != "self" || len(parsed.Entries) != 1 {
		t.Fatalf("feed %+v", parsed)
	}
	if e := parsed.Entries[0]; e.Summary != "the <mark>audit</mark> & more" || e.Link.Href != "https://example.org/a" || e.ID != "urn:e1" {
		t.Errorf("entry %+v", e)
	}
	b.Reset()
	f.Self = ""
	if err := WriteAtom(&b, f); err != nil || strings.Contains(b.String(), `rel="self"`) {
		t.Errorf("a feed without its own URL: %v\n%s", err, b.String())
	}
}
