package extract

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
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
	pages, _ := documentPages(r, MaxPDFPages) // not r.NumPage/r.Page: they loop on a cyclic tree
	res = &Result{Meta: pdfMeta(r.Trailer().Key("Info"))}
	raw := make([][]string, 0, len(pages))
	cleaned := make([]steps, 0, len(pages))
	pr := &pageReader{fonts: fontCache{}}
	var first [][]textLine       // the first pages' lines, for their display type
	letters := map[float64]int{} // the document's letters by size (sizeOf)
	for i, p := range pages {
		page := Page{Number: i + 1, Status: StatusOK}
		sized, err := pr.pageLines(p)
		if err != nil && len(sized) == 0 {
			page.Status, page.Error = StatusFailed, err.Error()
		}
		lines := make([]string, len(sized))
		for j, l := range sized {
			lines[j] = l.text
		}
		if i < displayPages {
			first = append(first, sized)
		}
		countSizes(letters, sized)
		res.Pages = append(res.Pages, page)
		lines, st := cleanLines(lines)
		raw, cleaned = append(raw, lines), append(cleaned, st)
	}
	for _, sized := range first {
		d, _ := cleanLines(displayLines(sized, mostLetters(letters)))
		res.Meta.Display = append(res.Meta.Display, d)
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
	assemble(res, raw, cleaned, ExtractorGo)
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
		if err == nil && shortRC4Key(r.Trailer().Key("Encrypt")) {
			return nil, fmt.Errorf("%w: RC4 with a key under 88 bits, which the Go reader decrypts wrongly", ErrEncrypted)
		}
		return r, err
	}
	r, first := open(data)
	if first == nil && r.Trailer().Key("Root").Key("Pages").IsNull() {
		// The table opened but does not reach the catalog: a trailer whose /Size is
		// short of the table (pdfunite writes one) hides the objects past it.
		if fixed, ok := rebuildXref(data); ok {
			if r2, err := open(fixed); err == nil && !r2.Trailer().Key("Root").Key("Pages").IsNull() {
				return r2, nil
			}
		}
	}
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

// shortRC4Key reports whether an encryption dictionary uses RC4 (V 1 or 2) with a
// key shorter than 88 bits (40-bit keys are the default). The library derives each
// object's key without cutting it to the key length plus five bytes, as the
// standard says (ISO 32000-1, 7.6.2, algorithm 1), so it only decrypts keys of 88
// bits or more: shorter ones would yield garbage, not text.
func shortRC4Key(enc pdf.Value) bool {
	if enc.IsNull() {
		return false
	}
	v, bits := enc.Key("V").Int64(), enc.Key("Length").Int64()
	if bits == 0 {
		bits = 40
	}
	return (v == 1 || v == 2) && bits < 88
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
	cleaned := make([]steps, len(pages))
	for i, t := range pages {
		res.Pages = append(res.Pages, Page{Number: i + 1, Status: StatusOK})
		raw[i], cleaned[i] = splitLines(t)
	}
	assemble(res, raw, cleaned, extractor)
	return res
}

// assemble turns the cleaned lines of each page into page texts: furniture set
// apart, hyphenation joined, language detected, quality assessed. cleaned holds the
// steps that cleaning the lines took on each page; the page records them with its
// own (Page.Cleanup).
func assemble(res *Result, raw [][]string, cleaned []steps, extractor string) {
	compounds := hyphenated(raw)
	body, headers, footers := stripFurniture(raw)
	joinPageBreaks(body, compounds, cleaned)
	var all strings.Builder
	for i := range res.Pages {
		p := &res.Pages[i]
		text, joined := joinLines(body[i], compounds)
		p.Text = text
		p.Header, p.Footer = headers[i], footers[i]
		st := cleaned[i]
		if joined {
			st |= stepHyphenation
		}
		if p.Header != "" {
			st |= stepHeader
		}
		if p.Footer != "" {
			st |= stepFooter
		}
		p.Cleanup = st.names()
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

// Refurnish sets running headers and footers apart again over the whole document,
// after some pages were replaced by text another extractor read alone: OCR
// recognises one page at a time, and a page alone cannot tell its running header
// from its first line. Each page's cleanup steps are brought up to date.
func Refurnish(res *Result) {
	raw := make([][]string, len(res.Pages))
	for i, p := range res.Pages {
		for _, part := range []string{p.Header, p.Text, p.Footer} {
			if part != "" {
				raw[i] = append(raw[i], strings.Split(part, "\n")...)
			}
		}
	}
	body, headers, footers := stripFurniture(raw)
	for i := range res.Pages {
		p := &res.Pages[i]
		p.Text, p.Header, p.Footer = strings.Join(body[i], "\n"), headers[i], footers[i]
		var st steps
		for _, name := range p.Cleanup {
			if j := slices.Index(cleanupNames[:], name); j >= 0 {
				st |= 1 << j
			}
		}
		st &^= stepHeader | stepFooter
		if p.Header != "" {
			st |= stepHeader
		}
		if p.Footer != "" {
			st |= stepFooter
		}
		p.Cleanup = st.names()
		if p.Text == "" && p.Status == StatusOK {
			p.Status = StatusEmpty
		}
	}
}

// displayPages is how many of a PDF's first pages have their display type's
// lines kept (Meta.Display): a cover, and the title page after an image's.
const displayPages = 3

// pageLines returns the lines of one page in reading order. On a fault in the page's
// content it returns the lines read before it with the error.
func (pr *pageReader) pageLines(p pdf.Page) ([]textLine, error) {
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
