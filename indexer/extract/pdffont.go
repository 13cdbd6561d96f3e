package extract

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// Limits on what one font may cost: a damaged or hostile CMap can declare ranges
// over millions of codes.
const (
	maxCMapEntries  = 1 << 18 // code → text pairs kept from one CMap
	maxExpandRange  = 256     // bfrange entries expanded into the map; larger ones are searched
	maxWidthEntries = 1 << 16 // CIDs given a width by one /W array
)

// pdfFont is a font decoded once for text extraction: how to split a string into
// character codes, the text of each code and its advance width.
type pdfFont struct {
	// simple fonts use one byte per code; composite (Type0) fonts use the codespace.
	simple bool
	// byteText is the text of each single-byte code (simple fonts).
	byteText [256]string
	// byteWidth is the advance of each single-byte code in text space units per unit of
	// font size (glyph units / 1000, or scaled by a Type 3 font's matrix).
	byteWidth [256]float64

	// composite fonts:
	space  *cmap // codespace ranges of the encoding (nil: two bytes per code)
	toCID  *cmap // code → CID of an embedded encoding CMap (nil: identity)
	uni    *cmap // /ToUnicode
	widths map[uint32]float64
	dw     float64 // default width of a CID
	libEnc pdf.TextEncoding
}

// glyph is one character code shown by a text operator.
type glyphCode struct {
	text  string
	width float64 // advance in text space per unit font size
	space bool    // the single-byte code 32, to which word spacing (Tw) applies
}

// decode splits raw into character codes and returns each with its text and width.
func (f *pdfFont) decode(raw string, out []glyphCode) []glyphCode {
	if f.simple {
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			out = append(out, glyphCode{text: f.byteText[c], width: f.byteWidth[c], space: c == ' '})
		}
		return out
	}
	for len(raw) > 0 {
		n := 2
		if f.space != nil {
			n = f.space.codeLen(raw)
		}
		if n > len(raw) {
			n = len(raw)
		}
		code := bytesCode(raw[:n])
		cid := code
		if f.toCID != nil {
			if c, ok := f.toCID.lookup(n, code); ok {
				cid = codeOf(c)
			}
		}
		w, ok := f.widths[cid]
		if !ok {
			w = f.dw
		}
		var text string
		if f.uni != nil {
			text, ok = f.uni.lookup(n, code)
		}
		if !ok && f.libEnc != nil {
			text = f.libEnc.Decode(raw[:n])
		}
		out = append(out, glyphCode{text: text, width: w, space: n == 1 && code == 32})
		raw = raw[n:]
	}
	return out
}

// codeOf reads a CID stored as a decimal string in a CMap's value.
func codeOf(s string) uint32 {
	n, _ := strconv.ParseUint(s, 10, 32)
	return uint32(n)
}

// bytesCode is the big-endian value of up to four bytes.
func bytesCode(b string) uint32 {
	var c uint32
	for i := 0; i < len(b) && i < 4; i++ {
		c = c<<8 | uint32(b[i])
	}
	return c
}

// fontCache builds each font of a document once. Fonts are keyed by the object that
// holds them and the name they are used under, since the library resolves a direct
// dictionary to its parent's object.
type fontCache map[fontKey]*pdfFont

type fontKey struct {
	id   uint32
	gen  uint16
	name string
}

// objectID returns the number of the PDF object v was read from. The library keeps it
// unexported; it is read (never written) through reflection.
func objectID(v pdf.Value) (uint32, uint16) {
	ptr := reflect.ValueOf(v).FieldByName("ptr")
	if !ptr.IsValid() || ptr.NumField() < 2 {
		return 0, 0
	}
	return uint32(ptr.Field(0).Uint()), uint16(ptr.Field(1).Uint())
}

// get returns the font named name in the resource dictionary res.
func (c fontCache) get(res pdf.Value, name string) *pdfFont {
	v := res.Key("Font").Key(name)
	id, gen := objectID(v)
	k := fontKey{id, gen, name}
	if f, ok := c[k]; ok {
		return f
	}
	f := newFont(v)
	c[k] = f
	return f
}

// newFont decodes a font dictionary: /ToUnicode first, then the encoding; widths from
// /Widths or the descendant font's /W.
func newFont(v pdf.Value) *pdfFont {
	f := &pdfFont{}
	uni := readCMap(v.Key("ToUnicode"), v)
	if v.Key("Subtype").Name() == "Type0" {
		f.uni = uni
		desc := v.Key("DescendantFonts").Index(0)
		f.dw = 1
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64() / 1000
		}
		f.widths = cidWidths(desc.Key("W"))
		enc := v.Key("Encoding")
		if enc.Kind() == pdf.Stream {
			f.toCID = readCMap(enc, v)
			f.space = f.toCID
		} else if uni != nil && uni.hasSpace() && !strings.HasPrefix(enc.Name(), "Identity") {
			f.space = uni
		}
		if f.space != nil && !f.space.hasSpace() {
			f.space = nil
		}
		if uni == nil {
			lib := pdf.Font{V: v}
			f.libEnc = lib.Encoder()
		}
		return f
	}
	f.simple = true
	lib := pdf.Font{V: v}
	enc := lib.Encoder()
	var buf [1]byte
	for c := 0; c < 256; c++ {
		buf[0] = byte(c)
		f.byteText[c] = enc.Decode(string(buf[:]))
	}
	encoding := v.Key("Encoding")
	standard, builtIn := standardBase(v, encoding), builtInEncoding(v, encoding)
	switch {
	case encoding.Kind() == pdf.Dict:
		applyEncodingDict(f, encoding, standard, builtIn)
	case standard:
		applyStandard(f, nil)
	case builtIn != nil:
		applyBuiltIn(f, builtIn, nil)
	}
	if uni != nil {
		for c := 0; c < 256; c++ {
			// Some producers write a simple font's one-byte codes as two bytes.
			if t, ok := uni.lookup(1, uint32(c)); ok {
				f.byteText[c] = t
			} else if t, ok := uni.lookup(2, uint32(c)); ok {
				f.byteText[c] = t
			}
		}
	}
	for c := 0; c < 256; c++ {
		f.byteText[c] = cleanGlyphText(f.byteText[c])
	}
	simpleWidths(f, v)
	return f
}

// applyEncodingDict fixes what the library's reading of an /Encoding dictionary
// leaves out: the base encoding for codes the /Differences do not name (WinAnsi, or
// StandardEncoding when standard is set, or the font's built-in encoding when
// builtIn is not nil), and glyph names of the uniXXXX and uXXXX[XX] forms.
func applyEncodingDict(f *pdfFont, enc pdf.Value, standard bool, builtIn map[byte]rune) {
	named := map[int]bool{}
	diffs := enc.Key("Differences")
	code := -1
	for i := 0; i < diffs.Len(); i++ {
		x := diffs.Index(i)
		switch x.Kind() {
		case pdf.Integer:
			code = int(x.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				named[code] = true
				if r, ok := glyphNameRune(x.Name()); ok {
					f.byteText[code] = string(r)
				}
			}
			code++
		}
	}
	switch {
	case enc.Key("BaseEncoding").Name() == "WinAnsiEncoding":
		for c, r := range winAnsiHigh {
			if !named[0x80+c] && r != 0 {
				f.byteText[0x80+c] = string(r)
			}
		}
	case standard:
		applyStandard(f, named)
	case builtIn != nil:
		applyBuiltIn(f, builtIn, named)
	}
}

// noBaseEncoding reports whether v is a Type 1 font whose /Encoding names no base
// encoding (none at all, or a dictionary of /Differences alone): its other codes
// then follow the font's own encoding, StandardEncoding for a text font.
func noBaseEncoding(v, enc pdf.Value) bool {
	if st := v.Key("Subtype").Name(); st != "Type1" && st != "MMType1" {
		return false
	}
	switch enc.Kind() {
	case pdf.Null:
		return true
	case pdf.Dict:
		return enc.Key("BaseEncoding").IsNull()
	}
	return false
}

// standardBase reports whether a simple font's codes outside any /Differences
// follow StandardEncoding: a Type 1 font that names no base encoding and is not
// symbolic (the standard Symbol and ZapfDingbats fonts, or the symbolic flag of its
// descriptor). Its codes then differ from Latin-1 in the quotes (0x27 is ’, 0x60 is
// ‘) and most of the upper half (0xD0 is an em dash, not Ð).
func standardBase(v, enc pdf.Value) bool {
	if !noBaseEncoding(v, enc) {
		return false
	}
	base := v.Key("BaseFont").Name()
	if strings.Contains(base, "Symbol") || strings.Contains(base, "Dingbats") {
		return false
	}
	const symbolic = 1 << 2
	return v.Key("FontDescriptor").Key("Flags").Int64()&symbolic == 0
}

// applyStandard sets the codes where StandardEncoding differs from Latin-1, except
// those named (by /Differences).
func applyStandard(f *pdfFont, named map[int]bool) {
	for c := 0x80; c < 0x100; c++ {
		if !named[c] {
			f.byteText[c] = ""
		}
	}
	for c, r := range standardEncoding {
		if !named[int(c)] {
			f.byteText[c] = string(r)
		}
	}
}

// standardEncoding is Adobe StandardEncoding where it differs from ASCII; codes of
// the upper half it leaves out are undefined (ISO 32000-1, annex D.2).
var standardEncoding = map[byte]rune{
	0x27: '’', 0x60: '‘',
	0xA1: '¡', 0xA2: '¢', 0xA3: '£', 0xA4: '⁄', 0xA5: '¥', 0xA6: 'ƒ', 0xA7: '§', 0xA8: '¤',
	0xA9: '\'', 0xAA: '“', 0xAB: '«', 0xAC: '‹', 0xAD: '›', 0xAE: 'ﬁ', 0xAF: 'ﬂ',
	0xB1: '–', 0xB2: '†', 0xB3: '‡', 0xB4: '·', 0xB6: '¶', 0xB7: '•', 0xB8: '‚', 0xB9: '„',
	0xBA: '”', 0xBB: '»', 0xBC: '…', 0xBD: '‰', 0xBF: '¿',
	0xC1: '`', 0xC2: '´', 0xC3: 'ˆ', 0xC4: '˜', 0xC5: '¯', 0xC6: '˘', 0xC7: '˙', 0xC8: '¨',
	0xCA: '˚', 0xCB: '¸', 0xCD: '˝', 0xCE: '˛', 0xCF: 'ˇ', 0xD0: '—',
	0xE1: 'Æ', 0xE3: 'ª', 0xE8: 'Ł', 0xE9: 'Ø', 0xEA: 'Œ', 0xEB: 'º',
	0xF1: 'æ', 0xF5: 'ı', 0xF8: 'ł', 0xF9: 'ø', 0xFA: 'œ', 0xFB: 'ß',
}

// glyphNameRune reads glyph names that encode their code point: uni0435, u1F600.
func glyphNameRune(name string) (rune, bool) {
	var hex string
	switch {
	case strings.HasPrefix(name, "uni") && len(name) == 7:
		hex = name[3:]
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		hex = name[1:]
	default:
		return 0, false
	}
	n, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || n == 0 || n > 0x10FFFF {
		return 0, false
	}
	return rune(n), true
}

// winAnsiHigh is WinAnsiEncoding for codes 0x80–0x9F, where it differs from Latin-1
// (0: undefined).
var winAnsiHigh = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// cleanGlyphText drops what a code's text should not contribute: control
// characters from unmapped codes and NULs.
func cleanGlyphText(s string) string {
	for _, r := range s {
		if r < 0x20 && r != '\t' || r == 0xFFFD {
			return strings.Map(func(r rune) rune {
				if r < 0x20 && r != '\t' {
					return -1
				}
				return r
			}, s)
		}
	}
	return s
}

// simpleWidths fills the width of each code of a simple font from /FirstChar and
// /Widths, with /MissingWidth (or half an em) for the rest.
func simpleWidths(f *pdfFont, v pdf.Value) {
	scale := 0.001
	if v.Key("Subtype").Name() == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() == 6 {
			scale = m.Index(0).Float64()
		}
	}
	missing := v.Key("FontDescriptor").Key("MissingWidth").Float64()
	if missing == 0 {
		missing = 500
	}
	for c := range f.byteWidth {
		f.byteWidth[c] = missing * scale
	}
	first := int(v.Key("FirstChar").Int64())
	widths := v.Key("Widths")
	for i := 0; i < widths.Len() && first+i < 256; i++ {
		if first+i < 0 {
			continue
		}
		f.byteWidth[first+i] = widths.Index(i).Float64() * scale
	}
}

// cidWidths reads a CIDFont's /W array: "c [w1 w2 ...]" and "cfirst clast w".
func cidWidths(w pdf.Value) map[uint32]float64 {
	out := map[uint32]float64{}
	for i := 0; i < w.Len() && len(out) < maxWidthEntries; {
		first := w.Index(i)
		if first.Kind() != pdf.Integer {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for j := 0; j < next.Len() && len(out) < maxWidthEntries; j++ {
				out[c+uint32(j)] = next.Index(j).Float64() / 1000
			}
			i += 2
			continue
		}
		last, width := next.Int64(), w.Index(i+2).Float64()/1000
		for c := first.Int64(); c <= last && len(out) < maxWidthEntries; c++ {
			out[uint32(c)] = width
		}
		i += 3
	}
	return out
}

// cmap is a parsed CMap: codespace ranges by code length and code → value maps,
// where the value is Unicode text for /ToUnicode and a decimal CID for an encoding.
type cmap struct {
	space  [4][][2]uint32
	single map[uint32]string
	ranges []cmapRange
}

// cmapRange is a range too large to expand: codes lo..hi map to dst with its last
// UTF-16 unit (or CID) incremented.
type cmapRange struct {
	n      int
	lo, hi uint32
	dst    string // UTF-16BE text, or a decimal CID when cid is set
	cid    bool
}

func cmapKey(n int, code uint32) uint32 { return code | uint32(n-1)<<30 }

// hasSpace reports whether the CMap declared any codespace range.
func (m *cmap) hasSpace() bool {
	for _, s := range m.space {
		if len(s) > 0 {
			return true
		}
	}
	return false
}

// codeLen returns how many bytes of raw form the next code: the shortest length
// whose codespace ranges contain it, or one.
func (m *cmap) codeLen(raw string) int {
	for n := 1; n <= 4 && n <= len(raw); n++ {
		c := bytesCode(raw[:n])
		for _, r := range m.space[n-1] {
			if c >= r[0] && c <= r[1] {
				return n
			}
		}
	}
	return 1
}

// lookup returns the value of an n-byte code.
func (m *cmap) lookup(n int, code uint32) (string, bool) {
	if s, ok := m.single[cmapKey(n, code)]; ok {
		return s, true
	}
	for _, r := range m.ranges {
		if r.n == n && code >= r.lo && code <= r.hi {
			return rangeValue(r.dst, code-r.lo, r.cid), true
		}
	}
	return "", false
}

// rangeValue is the value of the code off places into a range starting at dst.
func rangeValue(dst string, off uint32, cid bool) string {
	if cid {
		return strconv.FormatUint(uint64(codeOf(dst)+off), 10)
	}
	u := utf16FromBytes(dst)
	if len(u) == 0 {
		return ""
	}
	u[len(u)-1] += uint16(off)
	return cleanGlyphText(string(utf16.Decode(u)))
}

func utf16FromBytes(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // a one-byte destination: read it as a code point
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

// readCMap parses a CMap stream (/ToUnicode or an embedded encoding). It returns nil
// when v is not a stream or declares nothing usable. A malformed stream yields what
// was read before the fault.
//
// scratch is any dictionary of the document: the CMap prelude's "findresource" must
// leave a dictionary for "begin", and the interpreter offers no way to make one.
func readCMap(v, scratch pdf.Value) (m *cmap) {
	if v.Kind() != pdf.Stream {
		return nil
	}
	m = &cmap{single: map[uint32]string{}}
	defer func() {
		if recover() != nil && len(m.single) == 0 && len(m.ranges) == 0 && !m.hasSpace() {
			m = nil
		}
	}()
	pdf.Interpret(v, func(stk *pdf.Stack, op string) {
		switch op {
		case "endcodespacerange":
			args := popAll(stk)
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i].RawString(), args[i+1].RawString()
				if n := len(lo); n >= 1 && n <= 4 && len(hi) == n {
					m.space[n-1] = append(m.space[n-1], [2]uint32{bytesCode(lo), bytesCode(hi)})
				}
			}
		case "endbfchar", "endcidchar":
			args := popAll(stk)
			for i := 0; i+1 < len(args) && len(m.single) < maxCMapEntries; i += 2 {
				src := args[i].RawString()
				if n := len(src); n >= 1 && n <= 4 {
					m.single[cmapKey(n, bytesCode(src))] = cmapValue(args[i+1], op == "endcidchar")
				}
			}
		case "endbfrange", "endcidrange":
			args := popAll(stk)
			for i := 0; i+2 < len(args); i += 3 {
				m.addRange(args[i].RawString(), args[i+1].RawString(), args[i+2], op == "endcidrange")
			}
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
		default:
			// begin… operators leave their count on the stack; the end… operator takes
			// every operand pushed since, so the count is dropped here.
			if strings.HasPrefix(op, "begin") {
				popAll(stk)
			}
		}
	})
	if len(m.single) == 0 && len(m.ranges) == 0 && !m.hasSpace() {
		return nil
	}
	return m
}

// popAll empties the stack and returns its values bottom first.
func popAll(stk *pdf.Stack) []pdf.Value {
	return popInto(stk, nil)
}

// popInto empties the stack into buf (reused), bottom first.
func popInto(stk *pdf.Stack, buf []pdf.Value) []pdf.Value {
	n := stk.Len()
	buf = slices.Grow(buf[:0], n)[:n]
	for i := n - 1; i >= 0; i-- {
		buf[i] = stk.Pop()
	}
	return buf
}

// cmapValue is the value of a bfchar/cidchar entry: text decoded from UTF-16BE, or a
// CID as a decimal string.
func cmapValue(v pdf.Value, cid bool) string {
	if cid {
		return strconv.FormatInt(v.Int64(), 10)
	}
	if v.Kind() == pdf.Name { // a glyph name, as some producers write
		if r, ok := glyphNameRune(v.Name()); ok {
			return string(r)
		}
		return ""
	}
	return cleanGlyphText(string(utf16.Decode(utf16FromBytes(v.RawString()))))
}

// addRange records codes lo..hi: small ranges expanded into the map, large ones kept
// as ranges.
func (m *cmap) addRange(loS, hiS string, dst pdf.Value, cid bool) {
	n := len(loS)
	if n < 1 || n > 4 || len(hiS) != n {
		return
	}
	lo, hi := bytesCode(loS), bytesCode(hiS)
	if hi < lo {
		return
	}
	if dst.Kind() == pdf.Array { // one destination per code
		for i := 0; i < dst.Len() && lo+uint32(i) <= hi && len(m.single) < maxCMapEntries; i++ {
			m.single[cmapKey(n, lo+uint32(i))] = cmapValue(dst.Index(i), false)
		}
		return
	}
	d := dst.RawString()
	if cid {
		d = strconv.FormatInt(dst.Int64(), 10)
	}
	if hi-lo >= maxExpandRange || len(m.single)+int(hi-lo) >= maxCMapEntries {
		m.ranges = append(m.ranges, cmapRange{n: n, lo: lo, hi: hi, dst: d, cid: cid})
		return
	}
	for c := lo; c <= hi; c++ {
		m.single[cmapKey(n, c)] = rangeValue(d, c-lo, cid)
	}
}
