package poppler

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

func find(t *testing.T) *Poppler {
	t.Helper()
	p := Find()
	if p == nil {
		if _, err := exec.LookPath("apt-get"); err == nil {
			t.Fatal("pdftotext missing: `make test` installs poppler-utils")
		}
		t.Skip("pdftotext not installed")
	}
	return p
}

func TestImprove(t *testing.T) {
	p := find(t)
	body, err := fs.ReadFile(data.Sample(), "wp-content/uploads/2020/12/hender-i-sektor-bezpeky.pdf")
	if err != nil {
		t.Fatal(err)
	}
	res, err := extract.PDF(body)
	if err != nil {
		t.Fatal(err)
	}
	// Good pages are left alone.
	if _, used, _ := p.Improve(context.Background(), body, res, nil); used != 0 {
		t.Errorf("poppler replaced %d good pages", used)
	}
	// A page whose Go text is garbage takes poppler's.
	res.Pages[4].Text, res.Pages[4].Suspect = "\uFFFD\uFFFD\uFFFD", "undecodable characters"
	res, used, err := p.Improve(context.Background(), body, res, nil)
	if err != nil || used != 1 {
		t.Fatalf("used %d, %v", used, err)
	}
	pg := res.Pages[4]
	if pg.Extractor != extract.ExtractorPoppler || !strings.Contains(pg.Text, "Терміновий заборонний припис") || pg.Number != 5 {
		t.Errorf("page 5 after the fallback: %+v", pg)
	}
	// A file the Go extractor cannot open is read by poppler alone; an encrypted one is not.
	res, used, err = p.Improve(context.Background(), body, nil, errors.New("pdf: open: broken xref"))
	if err != nil || used != 7 || res.Pages[2].Extractor != extract.ExtractorPoppler {
		t.Errorf("whole-file fallback: used %d, %v", used, err)
	}
	// A file that needs a password stays encrypted.
	if _, _, err := p.Improve(context.Background(), []byte("%PDF-1.4 needs a password"), nil, extract.ErrEncrypted); !errors.Is(err, extract.ErrEncrypted) {
		t.Errorf("encrypted: %v", err)
	}
	if _, err := p.Pages(context.Background(), []byte("not a pdf")); err == nil {
		t.Errorf("pdftotext on garbage: no error")
	}
}

// TestImproveEncrypted: PDFs with an empty user password that the Go reader cannot
// decrypt (AES-256, 40-bit RC4) are read by poppler, with the running header set
// apart as for any page; a file that needs a password stays encrypted.
func TestImproveEncrypted(t *testing.T) {
	p := find(t)
	dir := filepath.Join("..", "extract", "testdata", "encrypted")
	for name, readable := range map[string]bool{"aes-256": true, "rc4-40": true, "user-password": false} {
		body, err := os.ReadFile(filepath.Join(dir, name+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		res, goErr := extract.PDF(body)
		if !errors.Is(goErr, extract.ErrEncrypted) {
			t.Fatalf("%s: the Go reader gave %v, want ErrEncrypted", name, goErr)
		}
		res, _, err = p.Improve(context.Background(), body, res, goErr)
		if !readable {
			if !errors.Is(err, extract.ErrEncrypted) {
				t.Errorf("%s: %v, want ErrEncrypted", name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pg := res.Pages[2]
		if pg.Extractor != extract.ExtractorPoppler || !strings.Contains(pg.Text, "request the documents it needs") ||
			pg.Header != "Parliamentary Oversight of the Security Sector" || strings.Contains(pg.Text, "Parliamentary Oversight") {
			t.Errorf("%s: page 3 %+v", name, pg)
		}
	}
}
