package main

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/query"
)

const searchHelp = `Usage: ssgsearch search [--data DIR] [--json] [--page N] [--size N] QUERY

Search the index. Hits are documents with their best pages: title, page number,
snippet and the URL that opens the PDF at that page.

Query syntax:
  words               pages with any of the words, those with all of them first
  "exact phrase"      the words in this order (curly quotes work too)
  -word, NOT word     exclude
  a OR b, (a b)       alternatives, grouping; AND requires both sides
  field:value         ` + query.FieldNames + `
  year:2015..2018     a range of years (year:2015.. and year:..2018 too)
  word~               fuzzy: also near spellings
  pref*               words starting with pref`

// newSearcher returns a searcher over ix with the bundled glossary for
// cross-language search.
func newSearcher(ix *indexer.Index) (*search.Searcher, error) {
	g, err := search.BundledGlossary()
	if err != nil {
		return nil, err
	}
	return search.New(ix).WithGlossary(g)
}

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search", searchHelp)
	dir := dataFlag(e, fs)
	asJSON := fs.Bool("json", false, "print the API's JSON answer")
	page := fs.Int("page", 1, "result page")
	size := fs.Int("size", search.DefaultSize, "documents per page")
	xlang := fs.String("xlang", "on", "cross-language search: on (also search the glossary's translations of the terms) or off")
	explain := fs.Bool("explain", false, "with --json: say how each hit's score was made")
	verbatim := fs.Bool("verbatim", false, "search the words as typed: no spelling correction of words no document has")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *xlang != "on" && *xlang != "off" {
		return usagef("search: --xlang must be on or off, not %q", *xlang)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usagef("search: give a QUERY")
	}
	q := strings.Join(fs.Args(), " ")
	w, err := openWorkspaceForRead(*dir)
	if err != nil {
		return err
	}
	defer w.Close()
	req := search.Request{Query: q, Page: *page, Size: *size, XLang: *xlang == "on", Explain: *explain, Verbatim: *verbatim}
	var resp search.Response
	if w.index == nil {
		// A server holds the index: ask it.
		r, err := handoffSearch(ctx, *dir, req)
		if err != nil {
			return err
		}
		resp = *r
	} else {
		s, err := newSearcher(w.index)
		if err != nil {
			return err
		}
		res, err := s.Search(ctx, req)
		if err != nil {
			return err
		}
		resp = search.NewResponse(res, req, "")
	}
	if *asJSON {
		return printJSON(e.stdout, resp)
	}
	if resp.Total == 0 && w.index != nil {
		n, err := w.index.Count()
		if err == nil && n == 0 {
			return fmt.Errorf("the index in %s is empty: run 'ssgsearch ingest --sample' or 'ssgsearch crawl URL' first", *dir)
		}
	}
	if resp.Total == 0 {
		fmt.Fprintf(e.stdout, "No documents match %s.\n", q)
		return nil
	}
	if len(resp.Corrections) > 0 {
		typed := make([]string, len(resp.Corrections))
		layout := false
		for i, c := range resp.Corrections {
			typed[i], layout = c.Word, layout || c.Layout
		}
		if layout {
			fmt.Fprintf(e.stdout, "Typed with another keyboard layout? Showing results for: %s (--verbatim searches the words as typed)\n", resp.Corrected)
		} else {
			fmt.Fprintf(e.stdout, "No document has %s; showing results for: %s (--verbatim searches the words as typed)\n", strings.Join(typed, ", "), resp.Corrected)
		}
	}
	switch {
	case resp.Suggestion != "":
		fmt.Fprintf(e.stdout, "Nothing matched %s exactly; showing results for: %s\n", q, resp.Suggestion)
	case resp.Rewritten != "":
		fmt.Fprintf(e.stdout, "Nothing matched %s exactly; showing results with spelling variants\n", q)
	}
	fmt.Fprintf(e.stdout, "%d documents (%d pages) match %s\n", resp.Total, resp.MatchedPages, q)
	for _, x := range resp.Expansions {
		note := ""
		if x.StandsIn {
			note = " (in no document)"
			switch x.Source {
			case "wordnet":
				note = " (in no document; from WordNet)"
			case "compound":
				note = " (in no document; its two words)"
			}
		}
		fmt.Fprintf(e.stdout, "searched also: %s%s → %s\n", x.Term, note, strings.Join(x.Terms, " / "))
	}
	fmt.Fprintln(e.stdout)
	for i, h := range resp.Hits {
		meta := []string{h.Type}
		if h.Lang != "" {
			meta = append(meta, h.Lang)
		}
		if h.Date != "" {
			meta = append(meta, h.Date)
		} else if h.Year != 0 {
			meta = append(meta, strconv.Itoa(h.Year))
		}
		fmt.Fprintf(e.stdout, "%d. %s (%s)\n   %s\n", (resp.Page-1)*resp.Size+i+1, h.Title, strings.Join(meta, ", "), h.URL)
		if h.Removed != "" {
			fmt.Fprintf(e.stdout, "   removed from the publisher's site on %s (last seen %s): the archived copy is indexed\n", h.Removed, cmp.Or(h.LastSeen, "before"))
		}
		if h.Superseded && len(h.Editions) > 0 {
			fmt.Fprintf(e.stdout, "   a newer edition exists: %s\n", h.Editions[len(h.Editions)-1].Title)
		}
		if o := h.TranslationOf; o != nil {
			fmt.Fprintf(e.stdout, "   its own text does not match; found as the translation of: %s\n", o.Title)
		}
		for _, p := range h.Pages {
			fmt.Fprintf(e.stdout, "   p. %d: %s\n        %s\n", p.Page, plainSnippet(p.Snippet), p.URL)
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}

var tagRE = regexp.MustCompile(`</?mark>`)

// plainSnippet turns an HTML snippet into terminal text, matches in [brackets].
func plainSnippet(s string) string {
	s = tagRE.ReplaceAllStringFunc(s, func(t string) string {
		if t == "<mark>" {
			return "["
		}
		return "]"
	})
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}
