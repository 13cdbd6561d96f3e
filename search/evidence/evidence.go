// Package evidence draws the proof of a quote: the PDF page as it prints, the
// quoted passage outlined on it, and beneath it what to cite it by.
package evidence

import (
	"image"
	"image/color"
	"image/draw"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"github.com/ssgsearch/ssgsearch/indexer/poppler"
)

// Box is a rectangle on a page, in points from its top left corner.
type Box struct{ XMin, YMin, XMax, YMax float64 }

// Match is the passage of a page that makes a quote.
type Match struct {
	// Boxes outline it, one per line of each part; none when the page has not
	// the quote.
	Boxes []Box
	// Words is how many of the quote's words the passage has, from the first; Of
	// is how many the quote has. Fewer is a quote that runs on to the next page,
	// or one that differs from the page after them: a picture says which.
	Words, Of int
	// FromEnd says the Words are the quote's last (FindEnd): it begins on the
	// page before.
	FromEnd bool
}

// Find returns the passage of words that makes the quote, given as its parts in
// order (one, or those a quote's elisions split it into): for each part the
// longest run of the page's words, after the part before, that follows the
// part's words in order (words broken by a hyphen at a line end count as one). A
// part that is not there whole ends the passage. It has no boxes when fewer than
// half of the quote's words are outlined.
func Find(words []poppler.Word, parts ...string) Match {
	page := pageTokens(words)
	qs, of := quoteTokens(parts)
	if of == 0 {
		return Match{}
	}
	var runs [][]tok
	matched, after := 0, 0
	for _, q := range qs {
		bestFrom, bestLen := 0, 0
		for i := after; i < len(page); i++ {
			n := 0
			for n < len(q) && i+n < len(page) && page[i+n].text == q[n] {
				n++
			}
			if n > bestLen {
				bestFrom, bestLen = i, n
			}
		}
		if bestLen == 0 {
			break
		}
		runs = append(runs, page[bestFrom:bestFrom+bestLen])
		matched, after = matched+bestLen, bestFrom+bestLen
		if bestLen < len(q) {
			break
		}
	}
	if matched*2 < of {
		return Match{Of: of}
	}
	return Match{Boxes: boxesOf(runs), Words: matched, Of: of}
}

// FindEnd returns the end of a quote that runs over a page break, on the page it
// ends on: the longest run of the page's first words (a running heading or a
// caption may come first) that ends the quote. FromEnd is set.
func FindEnd(words []poppler.Word, quote string) Match {
	page := pageTokens(words)
	qs, of := quoteTokens([]string{quote})
	if of == 0 {
		return Match{FromEnd: true}
	}
	q := qs[0]
	bestFrom, bestLen := 0, 0
	for j := range page[:min(len(page), maxBefore+len(q))] {
		// Back from a copy of the quote's last word, as far as the words agree.
		k := 0
		for k < len(q) && j-k >= 0 && page[j-k].text == q[len(q)-1-k] {
			k++
		}
		if k > bestLen && j-k+1 <= maxBefore {
			bestFrom, bestLen = j-k+1, k
		}
	}
	if bestLen == 0 {
		return Match{Of: of, FromEnd: true}
	}
	return Match{Boxes: boxesOf([][]tok{page[bestFrom : bestFrom+bestLen]}), Words: bestLen, Of: of, FromEnd: true}
}

// tok is a word of a page, folded, with its boxes (two for a word broken at a
// line end).
type tok struct {
	text  string
	boxes []Box
}

// pageTokens are a page's words as quotes compare them, a word broken by a hyphen
// at a line end ("govern-" + "ance") one.
func pageTokens(words []poppler.Word) []tok {
	var page []tok
	for i := 0; i < len(words); i++ {
		w := words[i]
		t := tok{fold(w.Text), []Box{{w.XMin, w.YMin, w.XMax, w.YMax}}}
		for (strings.HasSuffix(w.Text, "-") || strings.HasSuffix(w.Text, "\u00ad") || strings.HasSuffix(w.Text, "\u2010")) && i+1 < len(words) && startsLower(words[i+1].Text) {
			i++
			w = words[i]
			t.text += fold(w.Text)
			t.boxes = append(t.boxes, Box{w.XMin, w.YMin, w.XMax, w.YMax})
		}
		if t.text != "" {
			page = append(page, t)
		}
	}
	return page
}

// quoteTokens are the folded words of each part with words, and how many in all;
// a word broken at a line end, or so and pasted on one line ("se- cret"), is one,
// as pageTokens reads a page's.
func quoteTokens(parts []string) (qs [][]string, of int) {
	for _, p := range parts {
		var q []string
		for _, w := range strings.Fields(brokenAt.ReplaceAllString(p, "$1$2")) {
			if f := fold(w); f != "" {
				q = append(q, f)
			}
		}
		if len(q) > 0 {
			qs, of = append(qs, q), of+len(q)
		}
	}
	return qs, of
}

// brokenAt is a word broken by a hyphen, the rest after spaces or a line break
// and beginning in lower case.
var brokenAt = regexp.MustCompile(`(\pL)[-\x{00ad}\x{2010}]\s+(\p{Ll})`)

// boxesOf is the boxes of runs of words: one per line of each run.
func boxesOf(runs [][]tok) []Box {
	var boxes []Box
	for _, run := range runs {
		joinable := len(boxes) // words of one part join; a part's first box starts anew
		for _, t := range run {
			for _, b := range t.boxes {
				// Words of one line join into one box.
				if n := len(boxes); n > joinable && sameLine(boxes[n-1], b) {
					last := &boxes[n-1]
					last.XMin, last.XMax = min(last.XMin, b.XMin), max(last.XMax, b.XMax)
					last.YMin, last.YMax = min(last.YMin, b.YMin), max(last.YMax, b.YMax)
					continue
				}
				boxes = append(boxes, b)
			}
		}
	}
	return boxes
}

// maxBefore bounds the words before a quote's end that opens a page: a running
// heading, a figure's caption, the notes of the page before.
const maxBefore = 150

func sameLine(a, b Box) bool {
	h := min(a.YMax-a.YMin, b.YMax-b.YMin)
	return min(a.YMax, b.YMax)-max(a.YMin, b.YMin) > h/2
}

// fold is a word as quotes compare: its compatibility form (ligatures spelt out),
// lower case, letters and digits only (apostrophes, of any form, left out).
func fold(w string) string {
	return strings.Map(func(r rune) rune {
		if r != '\u02bc' && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return unicode.ToLower(r)
		}
		return -1
	}, norm.NFKC.String(w))
}

func startsLower(w string) bool {
	for _, r := range w {
		return unicode.IsLower(r)
	}
	return false
}

// Colours of the picture.
var (
	outline   = color.RGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	highlight = color.NRGBA{R: 0xff, G: 0xeb, B: 0x3b, A: 0x60} // translucent yellow
	ink       = color.RGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xff}
)

// Draw returns the page image with the boxes outlined (the page measuring width ×
// height points) and the caption's lines beneath it, wrapped to the page's width.
func Draw(page image.Image, width, height float64, boxes []Box, caption []string) (*image.RGBA, error) {
	face, err := captionFace()
	if err != nil {
		return nil, err
	}
	pb := page.Bounds()
	sx, sy := float64(pb.Dx())/width, float64(pb.Dy())/height
	margin := pb.Dx() / 40
	lineH := face.Metrics().Height.Ceil() + 4
	var lines []string
	for _, c := range caption {
		lines = append(lines, wrap(face, c, max(minCaptionWidth, pb.Dx()-2*margin))...)
	}
	out := image.NewRGBA(image.Rect(0, 0, pb.Dx(), pb.Dy()+2*margin+len(lines)*lineH))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(out, image.Rect(0, 0, pb.Dx(), pb.Dy()), page, pb.Min, draw.Over)
	pad := 3
	for _, b := range boxes {
		r := image.Rect(int(b.XMin*sx)-pad, int(b.YMin*sy)-pad, int(b.XMax*sx)+pad, int(b.YMax*sy)+pad).Intersect(out.Bounds())
		draw.Draw(out, r, image.NewUniform(highlight), image.Point{}, draw.Over)
		for t := 0; t < 2; t++ { // a two-pixel frame
			frame(out, r.Inset(-t), outline)
		}
	}
	// The caption strip: a rule, then the lines.
	y := pb.Dy() + margin/2
	draw.Draw(out, image.Rect(margin, y, pb.Dx()-margin, y+1), image.NewUniform(ink), image.Point{}, draw.Src)
	d := font.Drawer{Dst: out, Src: image.NewUniform(ink), Face: face}
	for i, l := range lines {
		d.Dot = fixed.P(margin, pb.Dy()+margin+(i+1)*lineH-4)
		d.DrawString(l)
	}
	return out, nil
}

// frame draws the outline of r.
func frame(img *image.RGBA, r image.Rectangle, c color.Color) {
	u := image.NewUniform(c)
	draw.Draw(img, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), u, image.Point{}, draw.Src)
}

// minCaptionWidth is the narrowest the caption is wrapped to, in pixels, however
// small the page: lines then run past a tiny page's edge rather than one letter each.
const minCaptionWidth = 200

// captionFace is Go Regular at 14 px: Latin and Cyrillic, with the binary.
func captionFace() (font.Face, error) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: 14, DPI: 72, Hinting: font.HintingFull})
}

// wrap breaks s into lines no wider than w pixels; a word wider than a line (an
// address) is broken where it must.
func wrap(face font.Face, s string, w int) []string {
	var lines []string
	cur := ""
	var words []string
	for _, word := range strings.Fields(s) {
		for word != "" && font.MeasureString(face, word).Ceil() > w {
			cut := len(word)
			for cut > 0 && font.MeasureString(face, word[:cut]).Ceil() > w {
				_, size := utf8.DecodeLastRuneInString(word[:cut])
				cut -= size
			}
			if cut == 0 { // not even one character fits: one a line
				_, cut = utf8.DecodeRuneInString(word)
			}
			words, word = append(words, word[:cut]), word[cut:]
		}
		if word == "" {
			continue
		}
		words = append(words, word)
	}
	for _, word := range words {
		next := strings.TrimSpace(cur + " " + word)
		if cur != "" && font.MeasureString(face, next).Ceil() > w {
			lines = append(lines, cur)
			next = word
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
