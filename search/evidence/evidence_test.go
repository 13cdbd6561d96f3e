package evidence

import (
	"context"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font"

	"github.com/ssgsearch/ssgsearch/indexer/poppler"
)

func TestFind(t *testing.T) {
	w := func(text string, x0, y0 float64) poppler.Word {
		return poppler.Word{Text: text, XMin: x0, YMin: y0, XMax: x0 + 30, YMax: y0 + 10}
	}
	words := []poppler.Word{
		w("The", 10, 10), w("committee", 45, 10), w("may", 80, 10), w("summon", 115, 10),
		w("the", 10, 25), w("minister", 45, 25), w("and", 80, 25), w("govern-", 115, 25),
		w("ance", 10, 40), w("matters.", 45, 40),
	}
	m := Find(words, "“the committee may summon the minister”")
	if boxes := m.Boxes; len(boxes) != 2 || boxes[0].XMin != 10 || boxes[0].XMax != 145 || boxes[1].XMax != 75 || m.Words != 6 || m.Of != 6 {
		t.Errorf("two lines: %+v", m)
	}
	if m := Find(words, "and governance matters"); len(m.Boxes) != 2 {
		t.Errorf("a word broken at the line end: %+v", m)
	}
	if m := Find(words, "nothing of the sort is said here"); m.Boxes != nil {
		t.Errorf("a quote not on the page: %+v", m)
	}
	// A quote that differs after its first words: what is outlined says so.
	if m := Find(words, "The committee may summon the army and the police"); m.Words != 5 || m.Of != 9 || len(m.Boxes) == 0 {
		t.Errorf("a quote the page has the first words of: %+v", m)
	}
	// A quote whose beginning is on the page before: its end outlined, and said
	// to be its end.
	if m := FindEnd(words, "the previous page ends here and The committee may summon"); !m.FromEnd || m.Words != 4 || m.Of != 10 || len(m.Boxes) != 1 || m.Boxes[0].XMin != 10 {
		t.Errorf("a quote's end: %+v", m)
	}
	// Asked for its beginning, a quote whose first word the page lacks is not
	// outlined from its second.
	if m := Find(words, "A previous page's words: committee may summon the minister and"); len(m.Boxes) != 0 {
		t.Errorf("a quote's end asked as its beginning: %+v", m)
	}
	// A quote with words left out: its parts outlined, each in boxes of its own,
	// the words between them not.
	if m := Find(words, "The committee", "the minister"); m.Words != 4 || m.Of != 4 || len(m.Boxes) != 2 || m.Boxes[0].XMax != 75 || m.Boxes[1].XMin != 10 || m.Boxes[1].XMax != 75 {
		t.Errorf("parts: %+v", m)
	}
	// Parts in another order: the first outlined, the rest not.
	if m := Find(words, "the minister and", "The committee may"); m.Words != 3 || m.Of != 6 || len(m.Boxes) != 1 {
		t.Errorf("parts out of order: %+v", m)
	}
	// The page's and the quote's spellings: ligatures, apostrophes, soft hyphens.
	other := []poppler.Word{
		w("The", 10, 10), w("\ufb01nancial", 45, 10), w("oversight", 80, 10), w("з\u02bcясовує", 115, 10),
		w("причини,", 10, 25), w("and", 45, 25), w("govern\u00ad", 80, 25), w("ance", 10, 40), w("matters", 45, 40),
	}
	for _, q := range []string{"The financial oversight з'ясовує причини", "причини, and governance matters"} {
		if m := Find(other, q); m.Words != m.Of || len(m.Boxes) == 0 {
			t.Errorf("%q: %+v; want every word outlined", q, m)
		}
	}
}

// TestDraw renders a real page with poppler and outlines a quote on it, with the
// caption beneath.
func TestDraw(t *testing.T) {
	p := poppler.Find()
	if p == nil {
		if _, err := exec.LookPath("apt-get"); err == nil {
			t.Fatal("pdftotext missing: `make test` installs poppler-utils")
		}
		t.Skip("poppler-utils not installed")
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "indexer", "extract", "testdata", "producers", "libreoffice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	page, err := p.RenderPage(ctx, data, 2, 72)
	if err != nil {
		t.Fatal(err)
	}
	layout, err := p.PageLayout(ctx, data, 2)
	if err != nil {
		t.Fatal(err)
	}
	boxes := Find(layout.Words, "the committee may summon the minister and").Boxes
	if len(boxes) == 0 {
		t.Fatal("the quote was not found on the page's words")
	}
	img, err := Draw(page, layout.Width, layout.Height, boxes, []string{"Parliamentary Oversight of the Security Sector, p. 2", "Парламентський контроль — архівна копія"})
	if err != nil {
		t.Fatal(err)
	}
	pb := page.Bounds()
	if img.Bounds().Dy() <= pb.Dy() || img.Bounds().Dx() != pb.Dx() {
		t.Fatalf("image %v for a page of %v: no caption strip", img.Bounds(), pb)
	}
	// The frame is drawn just outside the first box.
	sx := float64(pb.Dx()) / layout.Width
	x, y := int(boxes[0].XMin*sx)-3, int(boxes[0].YMin*sx)
	if got := img.RGBAAt(x, y+2); got != (color.RGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}) {
		t.Errorf("no outline at the passage (%d,%d): %v", x, y+2, got)
	}
}

func TestWrapLongWord(t *testing.T) {
	face, err := captionFace()
	if err != nil {
		t.Fatal(err)
	}
	lines := wrap(face, "Archived copy: http://127.0.0.1:8080/files/"+strings.Repeat("c9630faf", 8)+".pdf#page=16 (fetched 2026-12-04)", 300)
	for _, l := range lines {
		if w := font.MeasureString(face, l).Ceil(); w > 300 {
			t.Errorf("line %q is %d px wide, more than 300", l, w)
		}
	}
	if got := strings.Join(lines, ""); !strings.Contains(strings.ReplaceAll(got, " ", ""), strings.Repeat("c9630faf", 8)) {
		t.Errorf("the address lost characters: %q", lines)
	}
}

// TestWrapNarrow: a width narrower than one letter still ends, one letter a line.
func TestWrapNarrow(t *testing.T) {
	face, err := captionFace()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{0, 1, 5} {
		lines := wrap(face, "сторінка page", w)
		if strings.Join(lines, "") != "сторінкаpage" {
			t.Errorf("width %d: %q", w, lines)
		}
	}
}

// TestFindPastedBreak: a quote copied with a word broken at a line end, pasted
// on one line or not, is outlined whole on a page that has the word whole.
func TestFindPastedBreak(t *testing.T) {
	words := []poppler.Word{{Text: "a", XMin: 10, YMin: 10, XMax: 20, YMax: 20}, {Text: "secret", XMin: 25, YMin: 10, XMax: 60, YMax: 20},
		{Text: "hearing", XMin: 65, YMin: 10, XMax: 100, YMax: 20}, {Text: "is", XMin: 105, YMin: 10, XMax: 115, YMax: 20}}
	for _, q := range []string{"a se- cret hearing is", "a se-\ncret hearing is"} {
		if m := Find(words, q); m.Words != 4 || m.Of != 4 {
			t.Errorf("%q: %+v", q, m)
		}
	}
}
