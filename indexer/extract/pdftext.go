package extract

import (
	"fmt"
	"math"

	"github.com/ledongthuc/pdf"
)

// maxFormDepth bounds how deeply Form XObjects drawn inside forms are followed (a
// form that draws itself would otherwise never end).
const maxFormDepth = 8

// maxGlyphs bounds the characters kept from one page.
const maxGlyphs = 1 << 20

// glyph is one shown character code placed on the page, in device space (points,
// y up), rotated so that the page's text runs left to right.
type glyph struct {
	text   string
	x, y   float64 // origin on the baseline
	x1     float64 // end of the glyph's width along the baseline (spacing not included)
	size   float64 // font size in device space
	dir    int     // writing direction: 0 →, 1 ↑, 2 ←, 3 ↓; plus 4 when mirrored
	spaced bool    // a space character (or Tw-widened code 32)
}

// mat is an affine matrix [a b c d e f] as PDF writes it.
type mat [6]float64

var identity = mat{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// textState is the part of the graphics state that text extraction needs.
type textState struct {
	ctm        mat
	tc, tw, th float64 // character and word spacing, horizontal scale (1 = 100 %)
	tl, rise   float64
	font       *pdfFont
	size       float64
}

// pageReader runs a page's content stream and collects its glyphs.
type pageReader struct {
	fonts  fontCache
	crop   [4]float64 // the media box: glyphs outside it are not read
	glyphs []glyph
	codes  []glyphCode
}

// readPage returns the glyphs a page shows, its own content and that of the forms it
// draws. A fault in the content stream ends reading there; what was read is kept.
func (pr *pageReader) readPage(p pdf.Page) (gs []glyph, err error) {
	pr.glyphs = pr.glyphs[:0]
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("pdf: page content: %v", x)
		}
		gs = pr.glyphs
	}()
	pr.crop = pageBox(p)
	res := inherited(p, "Resources") // not p.Resources(): it follows a looping /Parent forever
	if contents := p.V.Key("Contents"); !contents.IsNull() {
		pr.run(contents, res, textState{ctm: identity, th: 1}, 0)
	}
	pr.annotations(p, res)
	return pr.glyphs, nil
}

// maxAnnots bounds the annotations read on one page.
const maxAnnots = 1000

// annotations reads the appearance of the page's annotations that show on screen:
// form fields with their values, free-text notes, stamps. Viewers draw them over
// the page, and pdftotext reads them.
func (pr *pageReader) annotations(p pdf.Page, res pdf.Value) {
	annots := p.V.Key("Annots")
	for i := 0; i < annots.Len() && i < maxAnnots; i++ {
		a := annots.Index(i)
		const hidden, noView = 1 << 1, 1 << 5
		if a.Key("F").Int64()&(hidden|noView) != 0 || a.Key("Subtype").Name() == "Popup" {
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict { // one appearance per state: the current one
			ap = ap.Key(a.Key("AS").Name())
		}
		if ap.Kind() != pdf.Stream {
			continue
		}
		ctm, ok := appearanceMatrix(a.Key("Rect"), ap.Key("BBox"), ap.Key("Matrix"))
		if !ok {
			continue
		}
		apRes := ap.Key("Resources")
		if apRes.IsNull() {
			apRes = res
		}
		pr.run(ap, apRes, textState{ctm: ctm, th: 1}, 1)
	}
}

// appearanceMatrix maps an annotation's appearance stream onto its rectangle on
// the page: the form's matrix, then what fits its transformed bounding box to the
// rectangle (ISO 32000-1, 12.5.5).
func appearanceMatrix(rect, bbox, matrix pdf.Value) (mat, bool) {
	if rect.Len() != 4 || bbox.Len() != 4 {
		return mat{}, false
	}
	m := identity
	if matrix.Len() == 6 {
		for i := range m {
			m[i] = matrix.Index(i).Float64()
		}
	}
	bx0, by0 := math.Inf(1), math.Inf(1)
	bx1, by1 := math.Inf(-1), math.Inf(-1)
	for _, c := range [4][2]int{{0, 1}, {2, 1}, {0, 3}, {2, 3}} {
		x, y := bbox.Index(c[0]).Float64(), bbox.Index(c[1]).Float64()
		tx, ty := x*m[0]+y*m[2]+m[4], x*m[1]+y*m[3]+m[5]
		bx0, by0, bx1, by1 = math.Min(bx0, tx), math.Min(by0, ty), math.Max(bx1, tx), math.Max(by1, ty)
	}
	r := [4]float64{rect.Index(0).Float64(), rect.Index(1).Float64(), rect.Index(2).Float64(), rect.Index(3).Float64()}
	rx0, ry0, rx1, ry1 := math.Min(r[0], r[2]), math.Min(r[1], r[3]), math.Max(r[0], r[2]), math.Max(r[1], r[3])
	if bx1-bx0 <= 0 || by1-by0 <= 0 {
		return mat{}, false
	}
	sx, sy := (rx1-rx0)/(bx1-bx0), (ry1-ry0)/(by1-by0)
	return m.mul(mat{sx, 0, 0, sy, rx0 - bx0*sx, ry0 - by0*sy}), true
}

// pageBox returns the page's media box as x0, y0, x1, y1, or an unbounded box when
// it has none. Text off the media box is not on the page; text outside the crop box
// but on the media box (printers' marks, slugs) is kept, as pdftotext keeps it.
func pageBox(p pdf.Page) [4]float64 {
	box := inherited(p, "MediaBox")
	if box.Len() != 4 {
		return [4]float64{math.Inf(-1), math.Inf(-1), math.Inf(1), math.Inf(1)}
	}
	x0, y0, x1, y1 := box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
	return [4]float64{math.Min(x0, x1), math.Min(y0, y1), math.Max(x0, x1), math.Max(y0, y1)}
}

// inherited returns a page attribute, from the page or the nearest ancestor in the
// page tree that sets it (the walk is bounded: a damaged tree may loop).
func inherited(p pdf.Page, key string) pdf.Value {
	v := p.V
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// run interprets one content stream with its resources.
func (pr *pageReader) run(strm, res pdf.Value, st textState, depth int) {
	var stack []textState
	var tm, tlm mat
	fonts := map[string]*pdfFont{}
	show := func(s string) {
		if st.font == nil {
			st.font = &pdfFont{simple: true}
		}
		pr.codes = st.font.decode(s, pr.codes[:0])
		for _, c := range pr.codes {
			adv := c.width*st.size + st.tc
			if c.space {
				adv += st.tw
			}
			adv *= st.th
			if len(pr.glyphs) < maxGlyphs && c.text != "" {
				// The glyph ends where its own width does: character and word
				// spacing widen the gap after it, which is where a producer that
				// writes no spaces (ghostscript sets them with Tc) puts a word break.
				own := c.width * st.size * st.th
				if own <= 0 || own > adv {
					own = adv
				}
				pr.place(c, own, tm, st)
			}
			tm = mat{1, 0, 0, 1, adv, 0}.mul(tm)
		}
	}
	newline := func() {
		tlm = mat{1, 0, 0, 1, 0, -st.tl}.mul(tlm)
		tm = tlm
	}
	var args []pdf.Value
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		args = popInto(stk, args[:0])
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < 1000 {
				stack = append(stack, st)
			}
		case "Q":
			if n := len(stack); n > 0 {
				st, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				st.ctm = mat{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(st.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			st.tc = num(0)
		case "Tw":
			st.tw = num(0)
		case "Tz":
			st.th = num(0) / 100
		case "TL":
			st.tl = num(0)
		case "Ts":
			st.rise = num(0)
		case "Tf":
			if len(args) == 2 {
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = pr.fonts.get(res, name)
					fonts[name] = f
				}
				st.font, st.size = f, num(1)
			}
		case "Td", "TD":
			if op == "TD" {
				st.tl = -num(1)
			}
			tlm = mat{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = mat{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			newline()
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			newline()
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				st.tw, st.tc = num(0), num(1)
				newline()
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
					continue
				}
				tx := -x.Float64() / 1000 * st.size * st.th
				tm = mat{1, 0, 0, 1, tx, 0}.mul(tm)
			}
		case "Do":
			if len(args) == 1 && depth < maxFormDepth {
				xo := res.Key("XObject").Key(args[0].Name())
				if xo.Key("Subtype").Name() != "Form" {
					return
				}
				inner := st
				if m := xo.Key("Matrix"); m.Len() == 6 {
					inner.ctm = mat{m.Index(0).Float64(), m.Index(1).Float64(), m.Index(2).Float64(),
						m.Index(3).Float64(), m.Index(4).Float64(), m.Index(5).Float64()}.mul(st.ctm)
				}
				formRes := xo.Key("Resources")
				if formRes.IsNull() {
					formRes = res
				}
				pr.run(xo, formRes, inner, depth+1)
			}
		}
	})
}

// place records one glyph with its position in device space.
func (pr *pageReader) place(c glyphCode, width float64, tm mat, st textState) {
	// The text rendering matrix [Tfs·Th 0 0 Tfs 0 Trise] × Tm × CTM, written out.
	full := tm.mul(st.ctm)
	sx, sy := st.size*st.th, st.size
	trm := mat{sx * full[0], sx * full[1], sy * full[2], sy * full[3],
		st.rise*full[2] + full[4], st.rise*full[3] + full[5]}
	// The glyph's width along the baseline, in device space.
	ax, ay := width*full[0], width*full[1]
	size := math.Hypot(trm[2], trm[3])
	if size == 0 {
		size = math.Hypot(trm[0], trm[1])
	}
	const margin = 1.0 // points of tolerance around the crop box
	if trm[4] < pr.crop[0]-margin || trm[4] > pr.crop[2]+margin ||
		trm[5] < pr.crop[1]-margin || trm[5] > pr.crop[3]+margin {
		return
	}
	dir := direction(trm[0], trm[1])
	if trm[0]*trm[3]-trm[1]*trm[2] < 0 {
		dir += 4 // mirrored: glyphs' up is to the right of the baseline
	}
	x, y := rotateTo(dir, trm[4], trm[5])
	x1, _ := rotateTo(dir, trm[4]+ax, trm[5]+ay)
	pr.glyphs = append(pr.glyphs, glyph{
		text: c.text, x: x, y: y, x1: x1, size: size, dir: dir,
		spaced: c.text == " " || c.text == "\u00a0",
	})
}

// direction classifies a baseline vector into one of four writing directions.
func direction(dx, dy float64) int {
	if math.Abs(dx) >= math.Abs(dy) {
		if dx >= 0 {
			return 0
		}
		return 2
	}
	if dy > 0 {
		return 1
	}
	return 3
}

// rotateTo maps a point into the frame where direction dir runs left to right and
// lines follow each other downwards.
func rotateTo(dir int, x, y float64) (float64, float64) {
	if dir >= 4 {
		x, y = rotateTo(dir-4, x, y)
		return x, -y
	}
	switch dir {
	case 1:
		return y, -x
	case 2:
		return -x, -y
	case 3:
		return -y, x
	}
	return x, y
}
