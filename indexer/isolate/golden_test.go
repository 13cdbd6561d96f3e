package isolate

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/signintech/gopdf"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.pdf and *.golden")

// goldenDir holds the extraction fixtures: testdata/golden/NAME.pdf, made by
// goldenFixtures (go test ./indexer/isolate -run TestGolden -update), and
// NAME.golden, what extraction through the pool gives for it.
const goldenDir = "testdata/golden"

// TestGolden extracts every fixture the way ingest does (in a child process of the
// pool) and compares the pages' text, header, footer, label and status, the
// metadata and the error with the golden file.
func TestGolden(t *testing.T) {
	if *update {
		fixtures, err := goldenFixtures(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range fixtures {
			if err := os.WriteFile(filepath.Join(goldenDir, name+".pdf"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*.pdf"))
	if len(files) < 11 {
		t.Fatalf("%d fixtures in %s; regenerate them with -update", len(files), goldenDir)
	}
	p := newPool(t, 3*time.Second)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.PDF(context.Background(), body)
			got := renderResult(res, err)
			golden := filepath.Join(goldenDir, name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("extraction differs from %s:\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}

// renderResult writes an extraction result as stable text.
func renderResult(res *extract.Result, err error) string {
	var b strings.Builder
	if err != nil {
		// The pool's error names the kind of failure first; details after a colon
		// (an address, a signal) may vary.
		msg := err.Error()
		switch {
		case strings.Contains(msg, ErrTimeout.Error()) || strings.Contains(msg, ErrCrashed.Error()):
			msg = "the child process was stopped (hang or crash); the parent carries on"
		}
		fmt.Fprintf(&b, "error: %s\n", msg)
		return b.String()
	}
	m := res.Meta
	fmt.Fprintf(&b, "pages: %d  truncated: %v  lang: %s\n", m.PageCount, m.Truncated, m.Lang)
	for _, pg := range res.Pages {
		fmt.Fprintf(&b, "=== page %d", pg.Number)
		if pg.Label != "" {
			fmt.Fprintf(&b, " (label %s)", pg.Label)
		}
		fmt.Fprintf(&b, " status=%s extractor=%s lang=%s\n", pg.Status, pg.Extractor, pg.Lang)
		if pg.Header != "" {
			fmt.Fprintf(&b, "[header] %s\n", pg.Header)
		}
		if pg.Text != "" {
			fmt.Fprintf(&b, "%s\n", pg.Text)
		}
		if pg.Footer != "" {
			fmt.Fprintf(&b, "[footer] %s\n", pg.Footer)
		}
		if pg.Error != "" {
			fmt.Fprintf(&b, "[error] %s\n", pg.Error)
		}
	}
	return b.String()
}

// goldenFixtures makes the fixture PDFs. The Ukrainian one embeds a subset of
// DejaVu Sans (Debian's fonts-dejavu-core); the scan draws a PNG made here.
func goldenFixtures(tmp string) (map[string][]byte, error) {
	f := map[string][]byte{
		"two-columns": pdftest.TwoColumns("Parliamentary Oversight of Intelligence Services", []string{
			"The left column opens the argument:",
			"committees need access to classified",
			"material, cleared staff and the power",
			"to summon the heads of the services.",
		}, []string{
			"The right column continues it: budget",
			"scrutiny follows the money, and the",
			"inspector general reports to the",
			"committee twice a year.",
		}),
		"kerning-only": pdftest.KerningOnly([]string{
			"Democratic control of armed forces",
			"requires civilian ministers and parliament",
			"Ombudsperson institutions receive complaints",
		}),
		"form-xobject": pdftest.FormXObject(
			"Text drawn on the page itself.",
			"Text drawn inside a form.",
			"Text drawn inside a form inside a form."),
		"ligatures": pdftest.Ligatures([]string{
			"The \x01nancial audit of e\x03cient \x02ows",
			"of o\x03cial funds.",
		}),
		"page-labels": pdftest.Labelled([5]string{
			"Foreword to the handbook", "Contents of the handbook", "Chapter one begins here",
			"Chapter one continues here", "Annex with the glossary"}),
		"cyclic-page-tree": pdftest.Cyclic(),
	}
	header := func(n int) []pdftest.Line {
		return []pdftest.Line{
			{X: 72, Y: 800, Size: 9, Text: "Security Sector Governance: A Handbook"},
			{X: 280, Y: 40, Size: 9, Text: fmt.Sprintf("Page %d", n)},
		}
	}
	body := func(lines ...string) []pdftest.Line {
		var out []pdftest.Line
		for i, l := range lines {
			out = append(out, pdftest.Line{X: 72, Y: 740 - 14*float64(i), Size: 11, Text: l})
		}
		return out
	}
	running := pdftest.Pages(
		append(header(1), body(
			"Good govern-",
			"ance of the security sector rests on cross-border",
			"cooperation and on cross-",
			"border information exchange with full account-")...),
		append(header(2), body(
			"ability of the services to parliament.",
			"Oversight bodies publish their findings.")...),
		append(header(3), body(
			"Civil society monitors the budget.",
			"Journalists check the quotes.")...),
	)
	f["running-headers"] = running
	// A download cut off after the second page: the file's end, its page tree's
	// last page and its cross-reference table are missing.
	f["truncated"] = running[:bytes.Index(running, []byte("8 0 obj"))]

	uk, err := ukrainianPDF()
	if err != nil {
		return nil, err
	}
	f["ukrainian-subset"] = uk
	enc, err := encryptedFixture()
	if err != nil {
		return nil, err
	}
	f["encrypted"] = enc
	img := image.NewGray(image.Rect(0, 0, 400, 300))
	for x := 40; x < 360; x++ {
		for y := 100; y < 110; y++ {
			img.Set(x, y, color.Gray{Y: 255})
		}
	}
	pngPath := filepath.Join(tmp, "scan.png")
	var pb bytes.Buffer
	if err := png.Encode(&pb, img); err != nil {
		return nil, err
	}
	if err := os.WriteFile(pngPath, pb.Bytes(), 0o644); err != nil {
		return nil, err
	}
	scan, err := pdftest.Scanned(pngPath)
	if err != nil {
		return nil, err
	}
	f["image-only"] = scan
	return f, nil
}

const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

// ukrainianPDF is a Ukrainian page set in a subset of DejaVu Sans (Type0, Identity-H,
// /ToUnicode), as gopdf and most office suites write Cyrillic.
func ukrainianPDF() ([]byte, error) {
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	if err := p.AddTTFFont("dejavu", dejavu); err != nil {
		return nil, fmt.Errorf("font %s (install fonts-dejavu-core): %w", dejavu, err)
	}
	p.AddPage()
	if err := p.SetFont("dejavu", "", 12); err != nil {
		return nil, err
	}
	for i, l := range []string{
		"Парламентський контроль над сектором безпеки",
		"Омбудсман отримує скарги громадян, а комітет",
		"Верховної Ради заслуховує звіти міністра оборони.",
	} {
		p.SetXY(72, 80+float64(i)*18)
		if err := p.Cell(nil, l); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	_, err := p.WriteTo(&b)
	return b.Bytes(), err
}

// encryptedFixture is a PDF that needs a user password.
func encryptedFixture() ([]byte, error) {
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{
		PageSize: *gopdf.PageSizeA4,
		Protection: gopdf.PDFProtectionConfig{
			UseProtection: true, UserPass: []byte("secret"), OwnerPass: []byte("owner"),
			Permissions: gopdf.PermissionsPrint,
		},
	})
	if err := p.AddTTFFont("dejavu", dejavu); err != nil {
		return nil, err
	}
	p.AddPage()
	if err := p.SetFont("dejavu", "", 12); err != nil {
		return nil, err
	}
	if err := p.Cell(nil, "Confidential annex"); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	_, err := p.WriteTo(&b)
	return b.Bytes(), err
}
