package extract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
)

// MaxPDFPages bounds how many pages are read from one PDF: a page count read from a
// damaged file can be absurd.
const MaxPDFPages = 5000

// PDF extracts the text of a PDF page by page, with running headers and footers moved
// out of the body and words broken at line ends rejoined. A page that cannot be read
// is recorded as failed and the others are still returned. An error means the file
// could not be opened at all (ErrEncrypted for one that needs a password).
//
// The underlying library can hang or exhaust memory on hostile files; callers that
// read untrusted PDFs should run this in a process they can kill.
func PDF(data []byte) (res *Result, err error) {
	defer func() {
		if x := recover(); x != nil {
			res, err = nil, fmt.Errorf("pdf: malformed file: %v", x)
		}
	}()
	r, err := openPDF(data)
	if err != nil {
		return nil, err
	}
	n := min(r.NumPage(), MaxPDFPages)
	res = &Result{Meta: pdfMeta(r.Trailer().Key("Info"))}
	raw := make([][]string, 0, n)
	pr := &pageReader{fonts: fontCache{}}
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			break
		}
		page := Page{Number: i, Status: StatusOK}
		lines, err := pr.pageLines(p)
		if err != nil && len(lines) == 0 {
			page.Status, page.Error = StatusFailed, err.Error()
		}
		res.Pages = append(res.Pages, page)
		raw = append(raw, cleanLines(lines))
	}
	res.Meta.PageCount = len(res.Pages)
	res.Meta.Truncated = Truncated(data)
	if len(res.Pages) == 0 {
		if res.Meta.Truncated {
			return nil, errors.New("pdf: no readable page (the file is truncated)")
		}
		return nil, errors.New("pdf: no readable page")
	}
	if labels := pageLabels(r.Trailer().Key("Root"), len(res.Pages)); labels != nil {
		for i := range res.Pages {
			res.Pages[i].Label = labels[i]
		}
	}
	assemble(res, raw, ExtractorGo)
	return res, nil
}

// openPDF opens data with the library, and when it refuses the file, a copy with its
// header fixed and then one with a rebuilt cross-reference table (see fixHeader and
// rebuildXref). The error is the library's first.
func openPDF(data []byte) (*pdf.Reader, error) {
	open := func(b []byte) (*pdf.Reader, error) {
		r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil && (errors.Is(err, pdf.ErrInvalidPassword) || bytes.Contains(b[max(0, len(b)-4096):], []byte("/Encrypt"))) {
			return nil, ErrEncrypted
		}
		return r, err
	}
	r, first := open(data)
	if first == nil || errors.Is(first, ErrEncrypted) {
		return r, first
	}
	if fixed, ok := fixHeader(data); ok {
		if r, err := open(fixed); err == nil || errors.Is(err, ErrEncrypted) {
			return r, err
		}
		data = fixed
	}
	if fixed, ok := rebuildXref(data); ok {
		if r, err := open(fixed); err == nil || errors.Is(err, ErrEncrypted) {
			return r, err
		}
	}
	return nil, fmt.Errorf("pdf: open: %w", first)
}

// Truncated reports whether a PDF lacks the %%EOF marker near its end: a download
// cut short.
func Truncated(data []byte) bool {
	return !bytes.Contains(data[max(0, len(data)-2048):], []byte("%%EOF"))
}

// FromText builds a Result from the plain text of each page (e.g. another
// extractor's output), with the same running-header, hyphenation and language
// processing as PDF.
func FromText(pages []string, extractor string) *Result {
	res := &Result{Meta: Meta{PageCount: len(pages)}}
	raw := make([][]string, len(pages))
	for i, t := range pages {
		res.Pages = append(res.Pages, Page{Number: i + 1, Status: StatusOK})
		raw[i] = splitLines(t)
	}
	assemble(res, raw, extractor)
	return res
}

// assemble turns the raw lines of each page into page texts: furniture set apart,
// hyphenation joined, language detected, quality assessed.
func assemble(res *Result, raw [][]string, extractor string) {
	compounds := hyphenated(raw)
	body, headers, footers := stripFurniture(raw)
	joinPageBreaks(body, compounds)
	var all strings.Builder
	for i := range res.Pages {
		p := &res.Pages[i]
		p.Text = joinLines(body[i], compounds)
		p.Header, p.Footer = headers[i], footers[i]
		p.Lang = DetectLang(p.Text)
		p.Extractor = extractor
		if p.Text == "" && p.Status == StatusOK {
			p.Status = StatusEmpty
		}
		if p.Status == StatusOK {
			p.Suspect = Suspect(p.Text, p.Lang)
		}
		if all.Len() < 20000 {
			all.WriteString(p.Text)
			all.WriteByte('\n')
		}
	}
	if res.Meta.Lang == "" {
		res.Meta.Lang = DetectLang(all.String())
	}
}

// pageLines returns the lines of one page in reading order. On a fault in the page's
// content it returns the lines read before it with the error.
func (pr *pageReader) pageLines(p pdf.Page) ([]string, error) {
	glyphs, err := pr.readPage(p)
	return layoutLines(glyphs), err
}

// pdfMeta reads the document information dictionary.
func pdfMeta(info pdf.Value) Meta {
	m := Meta{
		Title:    cleanLine(info.Key("Title").Text()),
		Summary:  cleanLine(info.Key("Subject").Text()),
		Producer: cleanLine(info.Key("Producer").Text()),
		Date:     pdfDate(info.Key("CreationDate").Text()),
		Modified: pdfDate(info.Key("ModDate").Text()),
	}
	if a := cleanLine(info.Key("Author").Text()); a != "" {
		m.Authors = splitList(a)
	}
	if k := cleanLine(info.Key("Keywords").Text()); k != "" {
		m.Keywords = splitList(k)
	}
	return m
}

// splitList splits a metadata list on semicolons, or on commas when there are none.
func splitList(s string) []string {
	sep := ";"
	if !strings.Contains(s, ";") {
		sep = ","
	}
	var out []string
	for _, f := range strings.Split(s, sep) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// pdfDate parses a PDF date string such as "D:20210315120000+02'00'". It returns
// the zero time for anything it cannot read.
func pdfDate(s string) time.Time {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 4 {
		return time.Time{}
	}
	s = strings.ReplaceAll(s, "'", "")
	layouts := []string{"20060102150405-0700", "20060102150405Z0700", "20060102150405Z", "20060102150405", "200601021504", "2006010215", "20060102", "200601", "2006"}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
		if len(s) > len(l) && !strings.ContainsAny(l, "Z-") {
			if t, err := time.Parse(l, s[:len(l)]); err == nil {
				return t.UTC()
			}
		}
	}
	return time.Time{}
}
