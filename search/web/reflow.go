package web

import (
	"html"
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// paragraphBreaks says, for each line break of a page's text, whether it ends a
// paragraph (or a heading) or only a line of the PDF's narrow column: a line
// clearly shorter than the page's full lines ends a paragraph, and so does one
// before a list item. Pages of a few lines keep their breaks.
func paragraphBreaks(lines []string) []bool {
	breaks := make([]bool, max(0, len(lines)-1))
	if len(lines) < 4 {
		for i := range breaks {
			breaks[i] = true
		}
		return breaks
	}
	lens := make([]int, len(lines))
	for i, l := range lines {
		lens[i] = utf8.RuneCountInString(strings.TrimSpace(l))
	}
	sorted := slices.Clone(lens)
	slices.Sort(sorted)
	full := sorted[len(sorted)*9/10] // the length of a full line
	for i := range breaks {
		next := strings.TrimSpace(lines[i+1])
		breaks[i] = lens[i] < full*3/4 || listItem(next)
	}
	return breaks
}

// listItem reports whether a line starts a list item: a bullet, a dash or "1." / "a)".
func listItem(l string) bool {
	r, size := utf8.DecodeRuneInString(l)
	if strings.ContainsRune("•◦▪–—-*·", r) {
		return true
	}
	if unicode.IsDigit(r) || unicode.IsLetter(r) && unicode.IsLower(r) {
		rest := l[size:]
		for rest != "" && unicode.IsDigit(rune(rest[0])) {
			rest = rest[1:]
		}
		return strings.HasPrefix(rest, ". ") || strings.HasPrefix(rest, ") ")
	}
	return false
}

// reflow renders a page for reading: lines of one paragraph joined, paragraphs
// apart. text is the page's text; marked, when not empty, is the same text as
// HTML with matches in <mark> (one line for each of text's).
func reflow(text, marked string) template.HTML {
	src := marked
	if src == "" {
		src = html.EscapeString(text)
	}
	lines, out := strings.Split(text, "\n"), strings.Split(src, "\n")
	if len(lines) != len(out) {
		return template.HTML(src) // cannot tell the lines apart: as it is
	}
	breaks := paragraphBreaks(lines)
	var b strings.Builder
	for i, l := range out {
		if i > 0 {
			if breaks[i-1] {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return template.HTML(b.String())
}
