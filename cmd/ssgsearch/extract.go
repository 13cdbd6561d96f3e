package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

const extractHelp = `Usage: ssgsearch extract [--json] FILE

Print the text of one HTML or PDF file as the indexer sees it, page by page, with
running headers and footers set apart. --json prints
{"pages":[{"page":1,"text":"...","header":"...","footer":"...","lang":"en","status":"ok"}],"meta":{...}}.`

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract", extractHelp)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usagef("extract: give exactly one FILE")
	}
	name := fs.Arg(0)
	body, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	var res *extract.Result
	switch {
	case corpus.IsPDF(body):
		pdf, stop, perr := pdfExtractor(runtime.GOMAXPROCS(0))
		if perr != nil {
			return perr
		}
		res, err = pdf(ctx, body)
		stop()
	case corpus.TypeByName(name) == corpus.TypeHTML:
		abs, _ := filepath.Abs(name)
		res, err = extract.HTML(strings.NewReader(string(body)), "text/html", fileURL(abs))
	default:
		return fmt.Errorf("extract %s: not an HTML or PDF file", name)
	}
	if err != nil {
		return fmt.Errorf("extract %s: %w", name, err)
	}
	if *asJSON {
		return printJSON(e.stdout, res)
	}
	for _, p := range res.Pages {
		fmt.Fprintf(e.stdout, "=== page %d", p.Number)
		if p.Label != "" && p.Label != strconv.Itoa(p.Number) {
			fmt.Fprintf(e.stdout, " [printed %s]", p.Label)
		}
		fmt.Fprintf(e.stdout, " (%s", p.Status)
		if p.Lang != "" {
			fmt.Fprintf(e.stdout, ", %s", p.Lang)
		}
		if p.Extractor != "" {
			fmt.Fprintf(e.stdout, ", %s", p.Extractor)
		}
		if p.OCRConfidence > 0 {
			fmt.Fprintf(e.stdout, " %.0f%%", p.OCRConfidence)
		}
		if p.Status == "empty" {
			fmt.Fprint(e.stdout, ", no text layer")
		}
		if p.Suspect != "" {
			fmt.Fprintf(e.stdout, ", suspect: %s", p.Suspect)
		}
		fmt.Fprintln(e.stdout, ") ===")
		if p.Header != "" {
			fmt.Fprintf(e.stdout, "[header] %s\n", strings.ReplaceAll(p.Header, "\n", " | "))
		}
		fmt.Fprintln(e.stdout, p.Text)
		if p.Footer != "" {
			fmt.Fprintf(e.stdout, "[footer] %s\n", strings.ReplaceAll(p.Footer, "\n", " | "))
		}
		if p.Error != "" {
			fmt.Fprintf(e.stdout, "[error] %s\n", p.Error)
		}
	}
	return nil
}
