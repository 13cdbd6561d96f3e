package pdftest

import (
	"fmt"
	"strings"
)

// helvetica is the advance width of each printable ASCII character (32–126) in
// Helvetica, from its AFM metrics, in thousandths of the font size.
var helvetica = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

// helveticaFont is a Helvetica font dictionary with its widths, as producers write it.
func helveticaFont() string {
	w := make([]string, len(helvetica))
	for i, x := range helvetica {
		w[i] = fmt.Sprint(x)
	}
	return "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" +
		strings.Join(w, " ") + "] >>"
}

// Width returns the width of s set in Helvetica at size points.
func Width(s string, size float64) float64 {
	w := 0
	for _, c := range []byte(s) {
		if c >= 32 && c <= 126 {
			w += helvetica[c-32]
		}
	}
	return float64(w) * size / 1000
}

// pdfString escapes s as a PDF literal string.
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

// stream is a stream object with the given dictionary entries and content.
func stream(dict, content string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(content), content)
}

// Line is one line of text drawn at X, Y in Helvetica of Size points.
type Line struct {
	X, Y, Size float64
	Text       string
}

// content draws lines with Tj, one text object per line.
func content(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "BT /F1 %g Tf %g %g Td %s Tj ET\n", l.Size, l.X, l.Y, pdfString(l.Text))
	}
	return b.String()
}

// Pages is a PDF of A4 pages, each drawing its lines in Helvetica (font /F1).
func Pages(pages ...[]Line) []byte {
	streams := make([]string, len(pages))
	for i, p := range pages {
		streams[i] = content(p)
	}
	return pagesWith(helveticaFont(), "", streams)
}

// pagesWith is a PDF whose pages show the given content streams with font /F1 and
// optional extra resources (object 4 on, numbered after the pages).
func pagesWith(font, extraRes string, streams []string, extra ...string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", font}
	kids := make([]string, len(streams))
	base := 4 + len(extra)
	for i := range streams {
		kids[i] = fmt.Sprintf("%d 0 R", base+2*i)
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(streams))
	objs = append(objs, extra...)
	for i, s := range streams {
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> %s >> /Contents %d 0 R >>", extraRes, base+2*i+1),
			stream("", s))
	}
	return Build(objs)
}

// TwoColumns is a page with a full-width title over two columns of lines whose
// baselines line up, as in a report: reading order must finish the left column first.
func TwoColumns(title string, left, right []string) []byte {
	lines := []Line{{X: 72, Y: 770, Size: 16, Text: title}}
	for i, t := range left {
		lines = append(lines, Line{X: 72, Y: 720 - 14*float64(i), Size: 10, Text: t})
	}
	for i, t := range right {
		lines = append(lines, Line{X: 310, Y: 720 - 14*float64(i), Size: 10, Text: t})
	}
	return Pages(lines)
}

// KerningOnly is a page whose words are separated only by TJ displacements and
// text-matrix moves, never by a space character, as pdfTeX writes.
func KerningOnly(sentences []string) []byte {
	var b strings.Builder
	y := 760.0
	for i, s := range sentences {
		words := strings.Fields(s)
		if i%2 == 0 { // words apart by TJ kerning (a quarter of an em and more)
			parts := make([]string, 0, 2*len(words))
			for j, w := range words {
				if j > 0 {
					parts = append(parts, "-300")
				}
				// Small kerns inside a word must not split it.
				parts = append(parts, pdfString(w[:len(w)/2]), "-15", pdfString(w[len(w)/2:]))
			}
			fmt.Fprintf(&b, "BT /F1 10 Tf 72 %g Td [%s] TJ ET\n", y, strings.Join(parts, " "))
		} else { // each word placed by its own Td
			fmt.Fprintf(&b, "BT /F1 10 Tf 72 %g Td", y)
			for j, w := range words {
				if j > 0 {
					fmt.Fprintf(&b, " %g 0 Td", Width(words[j-1], 10)+3)
				}
				fmt.Fprintf(&b, " %s Tj", pdfString(w))
			}
			b.WriteString(" ET\n")
		}
		y -= 14
	}
	return pagesWith(helveticaFont(), "", []string{b.String()})
}

// FormXObject is a page that shows its first line directly, its second inside a Form
// XObject, and its third inside a form drawn by that form, placed by the form's
// /Matrix.
func FormXObject(direct, inForm, nested string) []byte {
	page := fmt.Sprintf("BT /F1 12 Tf 72 760 Td %s Tj ET\nq 1 0 0 1 0 -40 cm /Fm1 Do Q\n", pdfString(direct))
	inner := fmt.Sprintf("BT /F1 12 Tf 72 700 Td %s Tj ET", pdfString(nested))
	outer := fmt.Sprintf("BT /F1 12 Tf 72 760 Td %s Tj ET\n/Fm2 Do", pdfString(inForm))
	return pagesWith(helveticaFont(), "/XObject << /Fm1 4 0 R >>", []string{page},
		stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Fm2 5 0 R >> >>", outer),
		stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -20] /Resources << /Font << /F1 3 0 R >> >>", inner),
	)
}

// Ligatures is a page in a font whose codes 1–3 draw the ligature glyphs ﬁ, ﬂ and ﬃ:
// /Differences names them and /ToUnicode maps them to U+FB01, U+FB02 and U+FB03.
// In lines, the bytes 1, 2 and 3 stand for those ligatures.
func Ligatures(lines []string) []byte {
	cmap := `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Ligatures def
1 begincodespacerange
<00> <FF>
endcodespacerange
3 beginbfchar
<01> <FB01>
<02> <FB02>
<03> <FB03>
endbfchar
1 beginbfrange
<20> <7E> <0020>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`
	w := make([]string, 0, 127)
	for c := 1; c <= 126; c++ {
		switch {
		case c <= 3:
			w = append(w, []string{"500", "500", "778"}[c-1])
		case c < 32:
			w = append(w, "0")
		default:
			w = append(w, fmt.Sprint(helvetica[c-32]))
		}
	}
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar 126 /Widths [" +
		strings.Join(w, " ") + "] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl /ffi] >> /ToUnicode 4 0 R >>"
	var b strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&b, "BT /F1 11 Tf 72 %d Td %s Tj ET\n", 760-16*i, pdfString(l))
	}
	return pagesWith(font, "", []string{b.String()}, stream("", cmap))
}

// StandardEncoded is a page of lines in Helvetica with no /Encoding, as old
// producers write a standard font: its codes follow StandardEncoding, so the bytes
// 0x27, 0x60 and 0xD0 in lines are ’, ‘ and an em dash.
func StandardEncoded(lines []Line) []byte {
	font := strings.Replace(helveticaFont(), "/Encoding /WinAnsiEncoding ", "", 1)
	return pagesWith(font, "", []string{content(lines)})
}

// Symbolic is a page that draws a line in Helvetica, then the bytes dingbats in
// ZapfDingbats and symbols in Symbol, neither font naming an encoding (as
// producers write the standard symbolic fonts), each followed by a word in
// Helvetica on the same line.
func Symbolic(line, dingbats, dingbatsWord, symbols, symbolsWord string) []byte {
	c := fmt.Sprintf("BT /F1 11 Tf 72 760 Td %s Tj ET\n", pdfString(line)) +
		fmt.Sprintf("BT /F2 11 Tf 72 740 Td %s Tj ET BT /F1 11 Tf 90 740 Td %s Tj ET\n", pdfString(dingbats), pdfString(dingbatsWord)) +
		fmt.Sprintf("BT /F3 11 Tf 72 720 Td %s Tj ET BT /F1 11 Tf 130 720 Td %s Tj ET\n", pdfString(symbols), pdfString(symbolsWord))
	return Build([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
		helveticaFont(),
		"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents 7 0 R >>",
		stream("", c),
	})
}

// Annotated is a page that draws body in Helvetica and carries two annotations
// whose appearance streams show text: a free-text note showing note (its
// appearance scaled into its rectangle by a matrix and a bounding box twice the
// rectangle's size), and a hidden one showing hidden.
func Annotated(body, note, hidden string) []byte {
	appearance := func(text string) string {
		return stream("/Type /XObject /Subtype /Form /BBox [0 0 400 40] /Resources << /Font << /F1 3 0 R >> >>",
			fmt.Sprintf("BT /F1 20 Tf 4 12 Td %s Tj ET", pdfString(text)))
	}
	return Build([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		helveticaFont(),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R /Annots [6 0 R 8 0 R] >>",
		stream("", content([]Line{{X: 72, Y: 740, Size: 11, Text: body}})),
		"<< /Type /Annot /Subtype /FreeText /Rect [72 600 272 620] /AP << /N 7 0 R >> >>",
		appearance(note),
		"<< /Type /Annot /Subtype /FreeText /F 2 /Rect [72 500 272 520] /AP << /N 9 0 R >> >>",
		appearance(hidden),
	})
}
