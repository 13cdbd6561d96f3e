package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/isolate"
	"github.com/ssgsearch/ssgsearch/indexer/ocr"
	"github.com/ssgsearch/ssgsearch/indexer/poppler"
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

// newPDFPool returns the pool of extraction children: this binary re-executed.
func newPDFPool() (*isolate.Pool, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find own binary for extraction workers: %w", err)
	}
	opts := isolate.Options{Command: []string{exe, "extract-worker"}, Size: max(1, runtime.NumCPU())}
	if v := os.Getenv(ExtractTimeoutEnv); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("%s=%q: want a duration such as 90s", ExtractTimeoutEnv, v)
		}
		opts.Timeout = d
	}
	return isolate.New(opts)
}

// pdfExtractor returns the PDF extraction ssgsearch uses: the Go extractor in child
// processes, then poppler's pdftotext (when installed) for files the Go extractor
// cannot open and pages whose text looks wrong, then OCR (pdftoppm and tesseract,
// when installed) for pages that still have no text. stop ends the children.
func pdfExtractor() (func(context.Context, []byte) (*extract.Result, error), func(), error) {
	pool, err := newPDFPool()
	if err != nil {
		return nil, nil, err
	}
	pop, rec := poppler.Find(), ocr.Find()
	pdf := func(ctx context.Context, data []byte) (*extract.Result, error) {
		res, err := pool.PDF(ctx, data)
		if pop != nil && ctx.Err() == nil {
			res, _, err = pop.Improve(ctx, data, res, err)
		}
		if rec != nil && err == nil && ctx.Err() == nil {
			if _, oerr := rec.Improve(ctx, data, res); oerr != nil && ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
		return res, err
	}
	return pdf, func() { pool.Close() }, nil
}
