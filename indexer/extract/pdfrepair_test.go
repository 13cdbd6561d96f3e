package extract

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
)

// TestPDFRepairs opens files the PDF library refuses as they are: each must give
// back the page's text.
func TestPDFRepairs(t *testing.T) {
	good := pdftest.Pages([]pdftest.Line{{X: 72, Y: 700, Size: 12, Text: "Oversight of the security sector"}})
	startxref := regexp.MustCompile(`startxref\n\d+`)
	tests := []struct {
		name string
		data []byte
	}{
		{"junk before the header", append([]byte("GPL Ghostscript 10.02.0 (2023-09-13)\nCopyright\n"), good...)},
		{"PDF 2.0 header", bytes.Replace(good, []byte("%PDF-1.4\n"), []byte("%PDF-2.0\n"), 1)},
		{"trailing space in the header", bytes.Replace(good, []byte("%PDF-1.4\n"), []byte("%PDF-1.4 \n"), 1)},
		{"wrong startxref", startxref.ReplaceAll(good, []byte("startxref\n99"))},
		{"no xref table", append(good[:bytes.Index(good, []byte("xref\n"))], []byte("trailer\n<< /Root 1 0 R >>\n")...)},
		{"xref offsets shifted", bytes.Replace(good, []byte("1 0 obj"), []byte("\n\n\n1 0 obj"), 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := PDF(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != 1 || !strings.Contains(res.Pages[0].Text, "Oversight of the security sector") {
				t.Fatalf("pages = %+v", res.Pages)
			}
		})
	}
}

func TestDeclaredPages(t *testing.T) {
	three := pdftest.Pages([]pdftest.Line{{X: 72, Y: 700, Size: 10, Text: "one"}}, []pdftest.Line{{X: 72, Y: 700, Size: 10, Text: "two"}}, []pdftest.Line{{X: 72, Y: 700, Size: 10, Text: "three"}})
	for name, tt := range map[string]struct {
		data []byte
		want int
	}{
		"three pages":                {three, 3},
		"a tree that counts more":    {[]byte("%PDF-1.7\n1 0 obj << /Type /Pages /Count 40 >> endobj\n2 0 obj << /Type /Page >> endobj"), 40},
		"pages hidden in streams":    {[]byte("%PDF-1.7\n1 0 obj << /Type /ObjStm /N 3 >> stream\nxx\nendstream endobj"), 0},
		"an absurd count is bounded": {[]byte("/Type /Pages /Count 9999999"), MaxPDFPages},
		"not a pdf":                  {[]byte("hello"), 0},
	} {
		if got := DeclaredPages(tt.data); got != tt.want {
			t.Errorf("%s: DeclaredPages = %d, want %d", name, got, tt.want)
		}
	}
}
