package ocr

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
)

func find(t *testing.T) *OCR {
	t.Helper()
	o := Find(0)
	if o == nil {
		if _, err := exec.LookPath("apt-get"); err == nil {
			t.Fatal("tesseract or pdftoppm missing: `make test` installs tesseract-ocr and poppler-utils")
		}
		t.Skip("tesseract or pdftoppm not installed")
	}
	return o
}

// scannedPDF makes an image-only PDF: page 3 of the sample survey rendered to an image
// and placed on a page with no text layer, as a scanner would.
func scannedPDF(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "survey.pdf")
	b, err := fs.ReadFile(data.Sample(), "wp-content/uploads/2022/10/hromadska-dumka-2022.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, b, 0o644); err != nil {
		t.Fatal(err)
	}
	img := filepath.Join(dir, "scan")
	if out, err := exec.Command("pdftoppm", "-f", "3", "-l", "3", "-r", "200", "-gray", "-png", "-singlefile", src, img).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	scan, err := pdftest.Scanned(img + ".png")
	if err != nil {
		t.Fatal(err)
	}
	return scan
}

func TestOCRScannedPage(t *testing.T) {
	o := find(t)
	scan := scannedPDF(t)
	res, err := extract.PDF(scan)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || res.Pages[0].Status != extract.StatusEmpty {
		t.Fatalf("scanned page before OCR: %+v", res.Pages)
	}
	n, err := o.Improve(context.Background(), scan, res)
	if err != nil || n != 1 {
		t.Fatalf("Improve = %d, %v", n, err)
	}
	p := res.Pages[0]
	if p.Extractor != extract.ExtractorOCR || p.Status != extract.StatusOK || p.OCRConfidence < 60 || p.Lang != "uk" {
		t.Errorf("page after OCR: extractor %s status %s confidence %.0f lang %s", p.Extractor, p.Status, p.OCRConfidence, p.Lang)
	}
	for _, w := range []string{"довіряють", "відсотки", "поліції"} {
		if !strings.Contains(strings.ToLower(p.Text), w) {
			t.Errorf("OCR text lacks %q:\n%s", w, p.Text)
		}
	}
}

func TestParseTSV(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tДовіра\n" +
		"5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t80\tдо\n" +
		"5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t70\tполіції\n"
	text, conf, err := parseTSV(strings.NewReader(tsv))
	if err != nil || text != "Довіра до\nполіції\n" || conf != 80 {
		t.Errorf("parseTSV = %q, %v, %v", text, conf, err)
	}
}

// TestImproveScanRunningHeaders: on a scan without a text layer, every page comes
// from OCR, and the running header and page number are set apart from the
// recognised text as on a born-digital PDF, so a quote over a page break is whole.
func TestImproveScanRunningHeaders(t *testing.T) {
	o := find(t)
	body, err := os.ReadFile(filepath.Join("..", "extract", "testdata", "scanned", "scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := extract.PDF(body)
	if err != nil {
		t.Fatal(err)
	}
	n, err := o.Improve(context.Background(), body, res)
	if err != nil || n != 5 {
		t.Fatalf("recognised %d pages, %v", n, err)
	}
	for _, p := range res.Pages[1:] {
		if p.Extractor != extract.ExtractorOCR || !strings.Contains(p.Header, "Oversight of the Security Sector") ||
			strings.Contains(p.Text, "Parliamentary Oversight of the Security Sector\n") || !slices.Contains(p.Cleanup, extract.CleanHeader) {
			t.Errorf("page %d: header %q, cleanup %v, text %.80q", p.Number, p.Header, p.Cleanup, p.Text)
		}
	}
	if first := res.Pages[2].Text; !strings.HasPrefix(first, "request the documents it needs") {
		t.Errorf("page 3 starts %.60q, want the body", first)
	}
}

// TestImprovePagesAtOnce: a scan's pages are recognised at once, as many as the
// slots allow, and the result is the same as one page at a time. tesseract is
// run through a script that counts the runs under way when each starts.
func TestImprovePagesAtOnce(t *testing.T) {
	o := find(t)
	body, err := os.ReadFile(filepath.Join("..", "extract", "testdata", "scanned", "scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	runs := t.TempDir()
	script := filepath.Join(runs, "tesseract")
	if err := os.WriteFile(script, []byte(`#!/bin/sh
d=$(mktemp -d "`+runs+`/run.XXXXXX")
ls -d "`+runs+`"/run.* | wc -l >> "`+runs+`/counts"
"`+o.tesseract+`" "$@"
rc=$?
rmdir "$d"
exit $rc
`), 0o755); err != nil {
		t.Fatal(err)
	}
	improve := func(slots int) ([]extract.Page, int) {
		t.Helper()
		os.Remove(filepath.Join(runs, "counts"))
		counted := *o
		// Three of its five pages: enough to run at once.
		counted.tesseract, counted.slots, counted.maxPages = script, make(chan struct{}, slots), 3
		res, err := extract.PDF(body)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := counted.Improve(context.Background(), body, res); err != nil || n != 3 {
			t.Fatalf("%d slots: recognised %d pages, %v", slots, n, err)
		}
		b, err := os.ReadFile(filepath.Join(runs, "counts"))
		if err != nil {
			t.Fatal(err)
		}
		most := 0
		for _, f := range strings.Fields(string(b)) {
			n, _ := strconv.Atoi(f)
			most = max(most, n)
		}
		return res.Pages, most
	}
	one, mostOne := improve(1)
	pages, most := improve(4)
	if mostOne != 1 || most < 2 {
		t.Errorf("at most %d tesseracts at once with one slot, %d with four", mostOne, most)
	}
	if !reflect.DeepEqual(pages, one) {
		t.Errorf("pages recognised at once differ from one at a time:\n%+v\n%+v", pages, one)
	}
}
