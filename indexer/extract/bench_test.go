package extract

import (
	"bytes"
	"io/fs"
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
