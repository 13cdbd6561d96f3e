// Package poppler uses poppler's pdftotext (Debian poppler-utils), when installed, as a
// second extractor: for PDFs the Go extractor cannot open, and for pages whose Go text
// fails the quality signals (extract.Suspect) or is empty.
package poppler

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// DefaultTimeout bounds one pdftotext run.
const DefaultTimeout = time.Minute

// Poppler runs pdftotext.
type Poppler struct {
	path    string
	timeout time.Duration
}

// Find returns a Poppler when pdftotext is on the PATH, or nil.
func Find() *Poppler {
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil
	}
	return &Poppler{path: p, timeout: DefaultTimeout}
}

// Pages returns pdftotext's text of every page.
func (p *Poppler) Pages(ctx context.Context, data []byte) ([]string, error) {
	f, err := os.CreateTemp("", "ssgsearch-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, p.path, "-enc", "UTF-8", "-q", f.Name(), "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdftotext: timed out after %s", p.timeout)
		}
		return nil, fmt.Errorf("pdftotext: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	pages := strings.Split(out.String(), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1] // pdftotext ends every page with a form feed
	}
	return pages, nil
}

// badness ranks what is wrong with a page's text: nothing, too few common words (it
// may be another language), words run together, undecodable characters, no text.
func badness(p extract.Page) int {
	if p.Status != extract.StatusOK {
		return 4
	}
	switch p.Suspect {
	case "":
		return 0
	case extract.SuspectFewWords:
		return 1
	case extract.SuspectRunTogether:
		return 2
	}
	return 3
}

// Improve completes a Go extraction with poppler's: when goErr says the Go extractor
// could not open the file (or could not decrypt it), poppler's text becomes the
// result if poppler can read it; otherwise each page that is empty or suspect takes poppler's text when that
// text is less wrong (see badness). It returns the result, how many pages poppler supplied,
// and goErr when poppler could not help.
func (p *Poppler) Improve(ctx context.Context, data []byte, res *extract.Result, goErr error) (*extract.Result, int, error) {
	if goErr != nil {
		// Poppler also opens encryptions the Go library cannot (AES with an empty
		// user password); a file that needs a password stays encrypted.
		pages, err := p.Pages(ctx, data)
		if err != nil || len(pages) == 0 {
			return nil, 0, goErr
		}
		out := extract.FromText(pages, extract.ExtractorPoppler)
		out.Meta.Truncated = extract.Truncated(data)
		for i := range out.Pages {
			out.Pages[i].Suspect = "go: " + goErr.Error()
		}
		return out, len(pages), nil
	}
	need := false
	for _, pg := range res.Pages {
		if pg.Status != extract.StatusOK || pg.Suspect != "" {
			need = true
			break
		}
	}
	if !need {
		return res, 0, nil
	}
	pages, err := p.Pages(ctx, data)
	if err != nil || len(pages) != len(res.Pages) {
		return res, 0, nil // poppler cannot help: keep ours
	}
	alt := extract.FromText(pages, extract.ExtractorPoppler)
	used := 0
	for i := range res.Pages {
		ours, theirs := &res.Pages[i], alt.Pages[i]
		if theirs.Status != extract.StatusOK || badness(*ours) <= badness(theirs) {
			continue
		}
		why := ours.Suspect
		if why == "" {
			why = "no text"
		}
		*ours = theirs
		ours.Number = i + 1
		ours.Suspect = "go: " + why
		used++
	}
	return res, used, nil
}
