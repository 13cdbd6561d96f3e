package quote

import "github.com/ssgsearch/ssgsearch/search"

// JSON is a verified quote as the API answers it (POST /api/v1/quotes/verify)
// and the CLI prints it.
type JSON struct {
	Quote string `json:"quote"`
	// Verdict is "exact", "normalized" (after folding: each match's "folded" says
	// which), "near" (a few words differ: each match's "diff") or "not_found".
	Verdict string      `json:"verdict"`
	Matches []MatchJSON `json:"matches"`
	// Closest are the passages closest to a quote that was not found.
	Closest []MatchJSON `json:"closest,omitempty"`
}

// MatchJSON is one place a quote is (or nearly is).
type MatchJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// URL opens the page: the PDF at the page, or the HTML page.
	URL       string `json:"url"`
	PDFURL    string `json:"pdf_url,omitempty"`
	Page      int    `json:"page"`
	PageLabel string `json:"page_label,omitempty"`
	// Start and End are byte offsets in the page's text (see /pages/{n}); EndPage is
	// the page a passage over a page break ends on, End an offset in it.
	Start   int        `json:"start"`
	End     int        `json:"end"`
	EndPage int        `json:"end_page,omitempty"`
	Context string     `json:"context"`
	Exact   bool       `json:"exact"`
	Folded  []string   `json:"folded,omitempty"`
	Diff    []WordDiff `json:"diff,omitempty"`
	// Omitted is the page's text each of the quote's elisions ("…", "[...]")
	// stands for.
	Omitted []Omission `json:"omitted,omitempty"`
	// Snippet is HTML: the context escaped, the passage in <mark>.
	Snippet string `json:"snippet"`
}

// NewJSON is the API answer for a verified quote; base makes links absolute
// ("" keeps them relative).
func NewJSON(res *Result, base string) JSON {
	out := JSON{Quote: res.Quote, Verdict: res.Verdict, Matches: []MatchJSON{}}
	conv := func(ps []Place) []MatchJSON {
		var o []MatchJSON
		for _, p := range ps {
			pdf := search.AbsURL(base, p.Doc.PDFURL)
			o = append(o, MatchJSON{ID: p.Doc.ID, Title: p.Doc.Title, PDFURL: pdf, Page: p.Page, PageLabel: p.Label,
				Start: p.Start, End: p.End, EndPage: p.EndPage, Context: p.Context, Exact: p.Exact, Folded: p.Folded,
				Diff: p.Diff, Omitted: p.Omitted, Snippet: p.Snippet, URL: search.PageURL(search.AbsURL(base, p.Doc.URL), pdf, p.Page)})
		}
		return o
	}
	if ms := conv(res.Places); ms != nil {
		out.Matches = ms
	}
	out.Closest = conv(res.Near)
	return out
}
