package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Cleanup steps, as Page.Cleanup names those that changed a page's text.
const (
	CleanNFC         = "nfc"            // characters composed to Unicode NFC
	CleanLigatures   = "ligatures"      // ligature characters (ﬁ, ﬂ) spelt out
	CleanInvisible   = "invisible"      // soft hyphens, zero-width and control characters dropped
	CleanHeader      = "running-header" // running header lines set apart (Page.Header)
	CleanFooter      = "running-footer" // running footer lines or the page number set apart (Page.Footer)
	CleanHyphenation = "hyphenation"    // words broken by a hyphen at a line end rejoined
	CleanPageBreak   = "page-break"     // a word broken over the page break rejoined
	CleanImprint     = "imprint"        // the publisher's imprint line set apart (Page.Footer), by the indexer
)

// steps is a set of cleanup steps, one bit each, in the order cleanupNames lists them.
type steps uint8

const (
	stepNFC steps = 1 << iota
	stepLigatures
	stepInvisible
	stepHeader
	stepFooter
	stepHyphenation
	stepPageBreak
	stepImprint
)

var cleanupNames = [...]string{CleanNFC, CleanLigatures, CleanInvisible, CleanHeader, CleanFooter, CleanHyphenation, CleanPageBreak, CleanImprint}

// names lists the steps in s, nil when there are none.
func (s steps) names() []string {
	var out []string
	for i, n := range cleanupNames {
		if s&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// cleanLine folds a line of extracted text: NFC, ligatures spelt out, invisible
// characters dropped, runs of white space collapsed to one space, ends trimmed. A soft
// hyphen or a Unicode hyphen (U+2010) that ends the line, where a word was broken
// (Chromium prints soft hyphens so), becomes "-", which joinLines rejoins as it
// does a typed one.
func cleanLine(s string) string {
	t, _ := cleanLineSteps(s)
	return t
}

// cleanLineSteps is cleanLine, also saying which steps changed the line.
func cleanLineSteps(s string) (string, steps) {
	var st steps
	if n := norm.NFC.String(s); n != s {
		s, st = n, stepNFC
	}
	if t := strings.TrimRightFunc(s, unicode.IsSpace); strings.HasSuffix(t, "\u00ad") || strings.HasSuffix(t, "\u2010") {
		_, size := utf8.DecodeLastRuneInString(t)
		s = t[:len(t)-size] + "-"
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			st |= stepInvisible
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			space = true
			continue
		case unicode.IsControl(r):
			st |= stepInvisible
			continue
		case r >= 0xFB00 && r <= 0xFB06: // Latin ligatures, as fonts encode them
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(ligatures[r-0xFB00])
			st |= stepLigatures
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String(), st
}

// ligatures spells out U+FB00–U+FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ).
var ligatures = [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

// splitLines splits text into cleaned, non-empty lines.
func splitLines(text string) ([]string, steps) {
	return cleanLines(strings.Split(text, "\n"))
}

// cleanLines cleans each line and drops the empty ones, in place, and says which
// steps changed any.
func cleanLines(raw []string) ([]string, steps) {
	lines := raw[:0]
	var all steps
	for _, l := range raw {
		l, st := cleanLineSteps(l)
		all |= st
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines, all
}

// joinLines joins the lines of one page, rejoining a word that a hyphen broke at a
// line end ("govern-" + "ance"). A break is kept as a hyphen when the document spells
// the joined word with a hyphen elsewhere (compounds is that set, lower-cased, e.g.
// "cross-border"), so real compounds survive. joined reports whether a word was
// rejoined.
func joinLines(lines []string, compounds map[string]bool) (text string, joined bool) {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b := make([]byte, 0, n)
	for i, l := range lines {
		if i > 0 {
			if w, ok := hyphenBreak(lines[i-1], l); ok {
				if !compounds[w] {
					b = b[:len(b)-1] // drop the line-end hyphen
					joined = true
				}
				b = append(b, l...)
				continue
			}
			b = append(b, '\n')
		}
		b = append(b, l...)
	}
	return string(b), joined
}

// hyphenBreak reports whether prev ends in a word broken by a hyphen that next
// continues, and returns the hyphenated word as it would be spelt whole, lower-cased.
func hyphenBreak(prev, next string) (string, bool) {
	if !strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, "--") {
		return "", false
	}
	head := prev[:len(prev)-1]
	start := strings.LastIndexFunc(head, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	word := head[start+1:]
	if word == "" {
		return "", false
	}
	end := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if end < 0 {
		end = len(next)
	}
	tail := next[:end]
	first := []rune(next)[0]
	if tail == "" || !unicode.IsLower(first) {
		return "", false
	}
	return strings.ToLower(word + "-" + tail), true
}

// joinPageBreaks rejoins words that a hyphen broke across a page break: the whole word
// ends the page where it starts, and the next page starts after it, so that each
// page keeps its own words and a phrase over the break still matches. Compounds the
// document spells with a hyphen keep it. The pages on both sides of a rejoined
// break get stepPageBreak in st.
func joinPageBreaks(body [][]string, compounds map[string]bool, st []steps) {
	for i := 0; i+1 < len(body); i++ {
		cur, next := body[i], body[i+1]
		if len(cur) == 0 || len(next) == 0 {
			continue
		}
		last, first := cur[len(cur)-1], next[0]
		w, ok := hyphenBreak(last, first)
		if !ok {
			continue
		}
		end := strings.IndexFunc(first, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		if end < 0 {
			end = len(first)
		}
		// Punctuation right after the word goes with it.
		for end < len(first) && strings.IndexByte(".,;:!?)", first[end]) >= 0 {
			end++
		}
		st[i] |= stepPageBreak
		st[i+1] |= stepPageBreak
		if compounds[w] {
			cur[len(cur)-1] = last + first[:end]
		} else {
			cur[len(cur)-1] = last[:len(last)-1] + first[:end]
		}
		if rest := strings.TrimSpace(first[end:]); rest != "" {
			next[0] = rest
		} else {
			body[i+1] = next[1:]
		}
	}
}

// hyphenated returns the set of lower-cased hyphenated words in the lines
// (a hyphen between letters inside a line), the document's own list of compounds.
func hyphenated(pages [][]string) map[string]bool {
	set := map[string]bool{}
	for _, lines := range pages {
		for _, l := range lines {
			if !strings.Contains(l, "-") {
				continue
			}
			for _, f := range strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
				if i := strings.Index(f, "-"); i > 0 && i < len(f)-1 {
					set[strings.ToLower(f)] = true
				}
			}
		}
	}
	return set
}

// pageNumberLike reports whether a line is only a page number or a "page N of M" marker.
func pageNumberLike(l string) bool {
	t := strings.Trim(strings.ToLower(l), " -–—|·.")
	for _, p := range []string{"page ", "p. ", "стор. ", "сторінка ", "с. "} {
		t = strings.TrimPrefix(t, p)
	}
	if t == "" {
		return false
	}
	if i := strings.Index(t, " of "); i > 0 {
		t = t[:i]
	} else if i := strings.Index(t, " з "); i > 0 {
		t = t[:i]
	} else if i := strings.Index(t, "/"); i > 0 {
		t = t[:i]
	}
	allDigits := true
	for _, r := range t {
		if !unicode.IsDigit(r) {
			allDigits = false
			break
		}
	}
	if allDigits {
		return len(t) <= 5
	}
	return isRoman(t)
}

// isRoman reports whether s is a lower-case Roman numeral below 100, the range of
// front-matter page numbers ("xiv"). Larger numerals are mostly words ("mix", "civil").
func isRoman(s string) bool {
	return s != "" && romanRE.MatchString(s)
}

var romanRE = regexp.MustCompile(`^(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$`)

// shape reduces a line to the form that repeats across pages: runs of digits
// become '#' ("Annual report 2021 · 14"), case is folded. A line without letters
// keeps its digits: rows of figures at the foot of table pages differ only in
// their numbers and are not furniture.
func shape(l string) string {
	l = strings.ToLower(l)
	if !strings.ContainsFunc(l, unicode.IsLetter) {
		return l
	}
	var b strings.Builder
	digits := false
	for _, r := range l {
		if unicode.IsDigit(r) {
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	return b.String()
}

// lineNumber is a number in a line of text.
var lineNumber = regexp.MustCompile(`\d+`)

// maxFurnitureLines is how many lines at the top or bottom of a page may be furniture.
const maxFurnitureLines = 3

// stripFurniture removes running headers and footers from the pages' lines: lines at
// the top or bottom of a page whose shape repeats on at least half of the pages (and
// at least three), and lone page numbers there. The removed lines are returned per page.
func stripFurniture(pages [][]string) (body [][]string, headers, footers []string) {
	n := len(pages)
	body = make([][]string, n)
	headers = make([]string, n)
	footers = make([]string, n)
	counts := map[string]int{}
	// A shape with numbers repeats as furniture when, at some place in the line,
	// the number is the same on every page ("Annual report 2021") or follows the
	// page's ("· 14"): "Article 5" heading page 2 and "Article 7" page 3 is text.
	type numAt struct {
		k     int  // the number's place in the line
		delta bool // value minus page index, else the value
		v     int
	}
	numbers := map[string]map[numAt]int{}
	for i, lines := range pages {
		seen := map[string]bool{}
		for _, l := range edgeLines(lines) {
			s := shape(l)
			if seen[s] {
				continue
			}
			seen[s] = true
			counts[s]++
			digits := lineNumber.FindAllString(l, 8)
			if len(digits) == 0 || !strings.ContainsFunc(l, unicode.IsLetter) {
				continue // no number, or a line of figures alone (its shape keeps them)
			}
			if numbers[s] == nil {
				numbers[s] = map[numAt]int{}
			}
			for k, d := range digits {
				v, _ := strconv.Atoi(d)
				numbers[s][numAt{k, false, v}]++
				numbers[s][numAt{k, true, v - i}]++
			}
		}
	}
	threshold := max(3, (n+1)/2)
	repeated := func(s string) bool {
		if counts[s] < threshold {
			return false
		}
		if numbers[s] == nil { // no numbers ("#ReformUkraine" is a hashtag)
			return true
		}
		for _, c := range numbers[s] {
			if c >= threshold {
				return true
			}
		}
		return false
	}
	furniture := func(l string) bool {
		return pageNumberLike(l) || (n >= 3 && repeated(shape(l)))
	}
	for i, lines := range pages {
		start, end := 0, len(lines)
		var head, foot []string
		for start < end && start < maxFurnitureLines && furniture(lines[start]) {
			head = append(head, lines[start])
			start++
		}
		for end > start && len(lines)-end < maxFurnitureLines && furniture(lines[end-1]) {
			foot = append([]string{lines[end-1]}, foot...)
			end--
		}
		body[i] = lines[start:end]
		headers[i] = strings.Join(head, "\n")
		footers[i] = strings.Join(foot, "\n")
	}
	return body, headers, footers
}

// edgeLines returns the lines that could be furniture: the first and last few.
func edgeLines(lines []string) []string {
	if len(lines) <= 2*maxFurnitureLines {
		return lines
	}
	out := append([]string{}, lines[:maxFurnitureLines]...)
	return append(out, lines[len(lines)-maxFurnitureLines:]...)
}
