package pdfchain

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/isolate"
)

// The test binary doubles as the extraction worker.
const workerArg = "__pdfchain_worker__"

func TestMain(m *testing.M) {
	if len(os.Args) == 2 && os.Args[1] == workerArg {
		if err := isolate.Serve(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func chain(t *testing.T, goOnly bool) *Chain {
	t.Helper()
	c, err := New(Options{Pool: isolate.Options{Command: []string{os.Args[0], workerArg}, Size: 1, Timeout: time.Minute}, GoOnly: goOnly})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func fixture(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "extract", "testdata", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestChain: the chain reads what the Go extractor alone cannot — an AES-256 file
// with an empty user password (poppler) and a scan (OCR, its running header set
// apart) — and says which step did; the Go extractor alone gives the errors.
func TestChain(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if _, aerr := exec.LookPath("apt-get"); aerr == nil {
			t.Fatal("pdftotext missing: `make test` installs poppler-utils")
		}
		t.Skip("poppler-utils not installed")
	}
	ctx := context.Background()
	full, goOnly := chain(t, false), chain(t, true)
	aes := fixture(t, "encrypted", "aes-256.pdf")
	if _, err := goOnly.PDF(ctx, aes); err == nil {
		t.Errorf("the Go extractor alone read an AES-256 file")
	}
	res, rep, err := full.PDFReport(ctx, aes)
	if err != nil || rep.GoErr == nil || rep.PopplerPages != 5 || !strings.Contains(res.Pages[2].Text, "request the documents") {
		t.Errorf("AES-256 through the chain: %v, report %+v", err, rep)
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		return
	}
	scan := fixture(t, "scanned", "scan.pdf")
	res, rep, err = full.PDFReport(ctx, scan)
	if err != nil || rep.OCRPages != 5 || res.Pages[1].Extractor != extract.ExtractorOCR || res.Pages[1].Header == "" {
		t.Errorf("scan through the chain: %v, report %+v", err, rep)
	}
}
