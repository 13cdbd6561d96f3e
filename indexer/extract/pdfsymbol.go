package extract

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// builtInEncoding is the encoding of a standard symbolic font (Symbol, ZapfDingbats)
// whose dictionary names no base encoding: the font's own, which maps its codes to
// Greek letters, mathematical signs and dingbats, not to the Latin letters of the
// same codes. Nil for any other font.
func builtInEncoding(v, enc pdf.Value) map[byte]rune {
	if !noBaseEncoding(v, enc) {
		return nil
	}
	base := v.Key("BaseFont").Name()
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[i+1:] // a subset's tag
	}
	switch {
	case strings.Contains(base, "Dingbats"):
		return zapfDingbatsEncoding
	case base == "Symbol" || strings.HasPrefix(base, "Symbol,") || strings.HasPrefix(base, "Symbol-"):
		return symbolEncoding
	}
	return nil
}

// applyBuiltIn sets every code of f from a built-in encoding, except those named
// (by /Differences); codes the encoding leaves undefined show nothing.
func applyBuiltIn(f *pdfFont, enc map[byte]rune, named map[int]bool) {
	for c := 0; c < 256; c++ {
		if named[c] {
			continue
		}
		if r, ok := enc[byte(c)]; ok {
			f.byteText[c] = string(r)
		} else {
			f.byteText[c] = ""
		}
	}
}

// zapfDingbatsEncoding is the ZapfDingbats font's built-in encoding (ISO 32000-1,
// annex D.6), as Unicode.
var zapfDingbatsEncoding = func() map[byte]rune {
	m := map[byte]rune{0x20: ' ',
		0x25: '☎', 0x2A: '☛', 0x2B: '☞', 0x6C: '●', 0x6E: '■', 0x73: '▲', 0x74: '▼', 0x75: '◆', 0x77: '◗',
		0xA8: '♣', 0xA9: '♦', 0xAA: '♥', 0xAB: '♠', 0xD5: '→', 0xD6: '↔', 0xD7: '↕'}
	span := func(from, to byte, r rune) {
		for c := from; c <= to; c++ {
			if _, ok := m[c]; !ok {
				m[c] = r + rune(c-from)
			}
		}
	}
	span(0x21, 0x7E, 0x2701) // ✁ … ❞, but for the codes set above
	span(0xA1, 0xA7, 0x2761) // ❡ … ❧
	span(0xAC, 0xB5, 0x2460) // ① … ⑩
	span(0xB6, 0xD4, 0x2776) // ❶ … ➔
	span(0xD8, 0xEF, 0x2798) // ➘ … ➯
	span(0xF1, 0xFE, 0x27B1) // ➱ … ➾
	return m
}()

// symbolEncoding is the Symbol font's built-in encoding (ISO 32000-1, annex D.5),
// as Unicode; the pieces of large brackets and the extenders are left out.
var symbolEncoding = func() map[byte]rune {
	m := map[byte]rune{}
	for c, r := range []rune(" !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_") {
		m[byte(0x20+c)] = r
	}
	for c, r := range []rune("αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼") {
		m[byte(0x61+c)] = r
	}
	for c, r := range []rune("€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…") {
		m[byte(0xA0+c)] = r
	}
	for c, r := range []rune("↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑") {
		m[byte(0xBF+c)] = r
	}
	m[0xF1], m[0xF2], m[0xF3], m[0xF5] = '〉', '∫', '⌠', '⌡'
	return m
}()
