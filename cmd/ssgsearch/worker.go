package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/isolate"
	"github.com/ssgsearch/ssgsearch/indexer/pdfchain"
)

// runWorker is the hidden "extract-worker" command: a child process that extracts
// PDFs handed to it on stdin (see indexer/isolate).
func runWorker(_ context.Context, _ *env, args []string) error {
	if len(args) > 0 {
		return usagef("extract-worker takes no arguments; it is started by ssgsearch itself")
	}
	return isolate.Serve(os.Stdin, os.Stdout)
}

// ExtractTimeoutEnv names the environment variable that caps the extraction of one
// PDF (a Go duration; default 2m); within it a file gets 10 s plus 2 s a page
// (isolate.Options).
const ExtractTimeoutEnv = "SSGSEARCH_EXTRACT_TIMEOUT"

// poolOptions are the options of the pool of extraction children: this binary
// re-executed, one per core extraction may use (cores), within
// $SSGSEARCH_EXTRACT_TIMEOUT.
func poolOptions(cores int) (isolate.Options, error) {
	exe, err := os.Executable()
	if err != nil {
		return isolate.Options{}, fmt.Errorf("find own binary for extraction workers: %w", err)
	}
	opts := isolate.Options{Command: []string{exe, "extract-worker"}, Size: max(1, cores)}
	if v := os.Getenv(ExtractTimeoutEnv); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return opts, fmt.Errorf("%s=%q: want a duration such as 90s", ExtractTimeoutEnv, v)
		}
		opts.Timeout = d
	}
	return opts, nil
}

// pdfExtractor returns the PDF extraction ssgsearch uses (indexer/pdfchain: the Go
// extractor in child processes, then poppler, then OCR, where installed), on so
// many cores (a child each, as many pages OCRed at once); stop ends the children.
func pdfExtractor(cores int) (func(context.Context, []byte) (*extract.Result, error), func(), error) {
	opts, err := poolOptions(cores)
	if err != nil {
		return nil, nil, err
	}
	c, err := pdfchain.New(pdfchain.Options{Pool: opts})
	if err != nil {
		return nil, nil, err
	}
	return c.PDF, c.Close, nil
}
