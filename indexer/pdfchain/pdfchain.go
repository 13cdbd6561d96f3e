// Package pdfchain is the PDF extraction ssgsearch ships, in one place for every
// program that extracts (ssgsearch, eval-extract): the Go extractor in child
// processes (indexer/isolate), then poppler's pdftotext, when installed, for files
// it cannot open (a timeout and a crash included) and pages whose text looks wrong,
// then OCR, when installed, for pages still without text.
package pdfchain

import (
	"context"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/isolate"
	"github.com/ssgsearch/ssgsearch/indexer/ocr"
	"github.com/ssgsearch/ssgsearch/indexer/poppler"
)

// Options configure a Chain.
type Options struct {
	// Pool configures the child processes of the Go extractor (its Command is the
	// program re-executed as a worker); OCR recognises as many pages at once as
	// it has children (Pool.Size).
	Pool isolate.Options
	// GoOnly leaves out poppler and OCR: the Go extractor alone, for measuring it.
	GoOnly bool
}

// Chain extracts PDFs.
type Chain struct {
	pool *isolate.Pool
	pop  *poppler.Poppler
	ocr  *ocr.OCR
}

// New starts the chain's worker pool and finds poppler and OCR.
func New(opts Options) (*Chain, error) {
	pool, err := isolate.New(opts.Pool)
	if err != nil {
		return nil, err
	}
	c := &Chain{pool: pool}
	if !opts.GoOnly {
		c.pop, c.ocr = poppler.Find(), ocr.Find(opts.Pool.Size)
	}
	return c, nil
}

// Close stops the worker processes.
func (c *Chain) Close() { c.pool.Close() }

// Report says what each step of one extraction did.
type Report struct {
	// GoErr is why the Go extractor gave no result (nil when it did): a damaged
	// file, isolate.ErrTimeout, isolate.ErrCrashed or isolate.ErrMemory.
	GoErr error
	// PopplerPages and OCRPages count the pages those steps supplied; OCRErr is why
	// OCR stopped short, when it did (the pages it could not read stay empty).
	PopplerPages, OCRPages int
	OCRErr                 error
}

// PDF extracts data through the chain.
func (c *Chain) PDF(ctx context.Context, data []byte) (*extract.Result, error) {
	res, _, err := c.PDFReport(ctx, data)
	return res, err
}

// PDFReport is PDF, saying what each step did.
func (c *Chain) PDFReport(ctx context.Context, data []byte) (*extract.Result, Report, error) {
	var rep Report
	res, err := c.pool.PDF(ctx, data)
	if err != nil {
		rep.GoErr = err
	}
	if c.pop != nil && ctx.Err() == nil {
		// After a timeout or a crash too: the file is poppler's then.
		res, rep.PopplerPages, err = c.pop.Improve(ctx, data, res, err)
	}
	if c.ocr != nil && err == nil && ctx.Err() == nil {
		n, oerr := c.ocr.Improve(ctx, data, res)
		if oerr != nil && ctx.Err() != nil {
			return nil, rep, ctx.Err()
		}
		rep.OCRPages, rep.OCRErr = n, oerr
	}
	return res, rep, err
}
