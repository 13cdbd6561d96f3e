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
	if !IsPDF(tests[0].data) || IsPDF([]byte("<html>")) {
		t.Error("IsPDF does not find a marker after junk, or finds one in HTML")
	}
}
