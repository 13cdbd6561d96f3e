package extract

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ssgsearch/ssgsearch/data"
)

// BenchmarkPDF extracts the 25-page sample handbook.
func BenchmarkPDF(b *testing.B) {
	body, err := fs.ReadFile(data.Sample(), "wp-content/uploads/2019/05/parliamentary-oversight-handbook.pdf")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := PDF(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHTML extracts a publication page.
func BenchmarkHTML(b *testing.B) {
	body, err := fs.ReadFile(data.Sample(), "publication/parliamentary-oversight-handbook/index.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := HTML(bytes.NewReader(body), "text/html", "https://example.org/publication/x/"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRealPDF extracts real multi-page documents from ../shared/realpdf (a
// 352-page book, a 14-page paper, a 16-page report), when that corpus is present.
func BenchmarkRealPDF(b *testing.B) {
	for _, name := range []string{"pdfjs__freeculture", "pdfjs__tracemonkey", "plumber__ca-warn-report"} {
		body, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "realpdf", "pdfs", name+".pdf"))
		if err != nil {
			b.Skip("shared realpdf corpus not present:", err)
		}
		b.Run(name, func(b *testing.B) {
			pages := 0
			for b.Loop() {
				res, err := PDF(body)
				if err != nil {
					b.Fatal(err)
				}
				pages = len(res.Pages)
			}
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
