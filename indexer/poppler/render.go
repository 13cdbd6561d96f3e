package poppler

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Word is a word of a page with its box, in points from the page's top left.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Layout is a page's size in points and its words in reading order.
type Layout struct {
	Width, Height float64
	Words         []Word
}

// MaxRenderDPI bounds the resolution of a rendered page (an A4 page at 150 dpi is
// 1240 × 1754 pixels).
const MaxRenderDPI = 150

// RenderPage renders page n (from 1) of the PDF as an image at dpi, with pdftoppm
// (poppler-utils, beside pdftotext).
func (p *Poppler) RenderPage(ctx context.Context, data []byte, n, dpi int) (image.Image, error) {
	ppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, fmt.Errorf("pdftoppm not installed (Debian poppler-utils)")
	}
	dpi = max(1, min(dpi, MaxRenderDPI))
	var img image.Image
	err = p.withFile(data, func(path string) error {
		out := filepath.Join(filepath.Dir(path), "page")
		if _, err := p.run(ctx, ppm, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-r", strconv.Itoa(dpi), "-png", "-singlefile", path, out); err != nil {
			return err
		}
		b, err := os.ReadFile(out + ".png")
		if err != nil {
			return fmt.Errorf("pdftoppm: page %d: %w", n, err)
		}
		img, err = png.Decode(bytes.NewReader(b))
		return err
	})
	return img, err
}

// PageLayout returns the words of page n with their boxes (pdftotext -bbox-layout).
func (p *Poppler) PageLayout(ctx context.Context, data []byte, n int) (*Layout, error) {
	var out []byte
	err := p.withFile(data, func(path string) error {
		var err error
		out, err = p.run(ctx, p.path, "-bbox-layout", "-enc", "UTF-8", "-q", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path, "-")
		return err
	})
	if err != nil {
		return nil, err
	}
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"flow>block>line>word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("pdftotext -bbox-layout: %w", err)
	}
	if len(doc.Pages) == 0 {
		return nil, fmt.Errorf("pdftotext -bbox-layout: no page %d", n)
	}
	pg := doc.Pages[0]
	l := &Layout{Width: pg.Width, Height: pg.Height}
	for _, w := range pg.Words {
		l.Words = append(l.Words, Word{Text: strings.TrimSpace(w.Text), XMin: w.XMin, YMin: w.YMin, XMax: w.XMax, YMax: w.YMax})
	}
	return l, nil
}

// withFile writes data to a file in a temporary directory of its own for fn.
func (p *Poppler) withFile(data []byte, fn func(path string) error) error {
	dir, err := os.MkdirTemp("", "ssgsearch-poppler-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	return fn(path)
}

// run runs a poppler tool within the timeout and returns its output.
func (p *Poppler) run(ctx context.Context, tool string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: timed out after %s", filepath.Base(tool), p.timeout)
		}
		return nil, fmt.Errorf("%s: %w: %s", filepath.Base(tool), err, strings.TrimSpace(stderr.String()))
	}
	return out.Bytes(), nil
}
