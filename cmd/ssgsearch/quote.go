package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/quote"
)

const quoteHelp = `Usage: ssgsearch quote [--json] [--data DIR] TEXT

Checks whether a quote is in the indexed documents, and where: the verdict is exact
(word for word), normalized (found once case, quotation marks, dashes, hyphenation,
ligatures or punctuation are folded: it says which), near (a passage differs in a few
words: it shows the word diff) or not_found (with the closest passages). Words left
out with "…" or "[...]" are allowed: each match shows what they stand for. Each match
gives the document, the page (and its printed label) and the link that opens the PDF
at that page. A quote has at least three words. The exit status is 0 when the quote
was found (exactly, normalized or near) and 1 when it was not, as grep's.`

func runQuote(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "quote", quoteHelp)
	dir := dataFlag(e, fs)
	asJSON := fs.Bool("json", false, "print the API's JSON answer")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usagef("quote: give the TEXT of the quote")
	}
	text := strings.Join(fs.Args(), " ")
	w, err := openWorkspaceForRead(*dir)
	if err != nil {
		return err
	}
	defer w.Close()
	var out quote.JSON
	if w.index == nil {
		// A server holds the index: ask it.
		h, err := readHandoff(*dir)
		if err != nil {
			return err
		}
		body, _ := json.Marshal(map[string]string{"quote": text})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+h.Addr+"/api/v1/quotes/verify", strings.NewReader(string(body)))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		if err := call(req, &out); err != nil {
			return err
		}
	} else {
		res, err := quote.Verify(ctx, search.New(w.index), text)
		if err != nil {
			return err
		}
		out = quote.NewJSON(res, "")
	}
	if *asJSON {
		if err := printJSON(e.stdout, out); err != nil || found(out.Verdict) {
			return err
		}
		return errNoMatch
	}
	fmt.Fprintf(e.stdout, "%s\n", out.Verdict)
	for _, m := range out.Matches {
		printMatch(e, m)
	}
	if len(out.Closest) > 0 {
		fmt.Fprintln(e.stdout, "closest passages:")
		for _, m := range out.Closest {
			printMatch(e, m)
		}
	}
	if !found(out.Verdict) {
		return errNoMatch
	}
	return nil
}

// found reports whether a verdict finds the quote (as given, or once spellings
// are folded): the command's exit status is 0 then only, as grep's, so that a
// script does not take a misquote (near) for the quote.
func found(verdict string) bool { return verdict == quote.Exact || verdict == quote.Normalized }

func printMatch(e *env, m quote.MatchJSON) {
	page := fmt.Sprint(m.Page)
	if m.PageLabel != "" && m.PageLabel != page {
		page += " (printed " + m.PageLabel + ")"
	}
	if m.EndPage > 0 {
		page += fmt.Sprintf("–%d", m.EndPage)
	}
	fmt.Fprintf(e.stdout, "\n%s, p. %s\n  %s\n  %s\n", m.Title, page, m.Context, m.URL)
	if len(m.Folded) > 0 {
		fmt.Fprintf(e.stdout, "  folded: %s\n", strings.Join(m.Folded, ", "))
	}
	for _, o := range m.Omitted {
		if o.Words > 0 {
			fmt.Fprintf(e.stdout, "  left out (%d words): %s\n", o.Words, o.Text)
		}
	}
	if len(m.Diff) > 0 {
		var b strings.Builder
		for _, d := range m.Diff {
			switch d.Op {
			case "=":
				b.WriteString(d.Doc)
			case "-":
				b.WriteString("[-" + d.Quote + "-]")
			case "+":
				b.WriteString("{+" + d.Doc + "+}")
			case "…":
				b.WriteString("[… " + d.Doc + " …]")
			default:
				b.WriteString("[-" + d.Quote + "-]{+" + d.Doc + "+}")
			}
			b.WriteByte(' ')
		}
		fmt.Fprintf(e.stdout, "  diff: %s\n", strings.TrimSpace(b.String()))
	}
}
