// Package snippet makes the excerpts of page text that results show: HTML, the
// text escaped, the matches in <mark>, the page's line breaks as spaces.
package snippet

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"
)

// Runes is the length of a snippet made without a highlight.
const Runes = 240

// markContext is how much text Mark shows on each side of its span, in bytes.
const markContext = 120

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// oneLine turns the line breaks of page text into spaces.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// OneLine writes the line breaks of page text as spaces.
func OneLine(s string) string { return oneLine.Replace(s) }

// Truncate shortens s to about n runes at a word boundary, white space collapsed.
func Truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}

// Plain is the snippet of a text without a match to mark: its start, escaped.
func Plain(text string) string { return html.EscapeString(Truncate(text, Runes)) }

// Merge sorts spans and drops those overlapping an earlier one.
func Merge(spans []Span) []Span {
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	out := spans[:0]
	end := -1
	for _, sp := range spans {
		if sp.Start >= end {
			out = append(out, sp)
			end = sp.End
		}
	}
	return out
}

// MarkAll returns text escaped with the spans in <mark>.
func MarkAll(text string, spans []Span) string {
	var b strings.Builder
	pos := 0
	for _, sp := range Merge(spans) {
		b.WriteString(html.EscapeString(text[pos:sp.Start]))
		b.WriteString("<mark>" + html.EscapeString(text[sp.Start:sp.End]) + "</mark>")
		pos = sp.End
	}
	b.WriteString(html.EscapeString(text[pos:]))
	return b.String()
}

// Around is a snippet of about Runes around the first of spans, with the spans in
// it marked (Plain when there are none).
func Around(text string, spans []Span) string {
	spans = Merge(spans)
	if len(spans) == 0 {
		return Plain(text)
	}
	from := runeStartBefore(text, max(0, spans[0].Start-Runes/3))
	to := runeStartAfter(text, min(len(text), from+Runes))
	var in []Span
	for _, sp := range spans {
		if sp.Start >= from && sp.End <= to {
			in = append(in, Span{sp.Start - from, sp.End - from})
		}
	}
	out := MarkAll(text[from:to], in)
	if from > 0 {
		out = "…" + out
	}
	if to < len(text) {
		out += "…"
	}
	return out
}

// Mark returns text around [start, end) on one line, escaped, whole words at both
// ends, with that span in <mark>.
func Mark(text string, start, end int) string { return MarkEach(text, []Span{{start, end}}) }

// MarkEach returns text from before the first span to after the last on one line,
// escaped, whole words at both ends, each span in <mark> (spans in order, not
// overlapping): the parts of a passage, the text between them unmarked.
func MarkEach(text string, spans []Span) string {
	if len(spans) == 0 {
		return Plain(text)
	}
	start, end := spans[0].Start, spans[len(spans)-1].End
	from := runeStartBefore(text, max(0, start-markContext))
	to := runeStartAfter(text, min(len(text), end+markContext))
	// Whole words at both ends: from the word after the cut, to the word before.
	if from > 0 {
		if i := strings.IndexAny(text[from:start], " \n"); i >= 0 {
			from += i + 1
		}
	}
	if to < len(text) {
		if i := strings.LastIndexAny(text[end:to], " \n"); i >= 0 {
			to = end + i
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for _, sp := range spans {
		sp.Start, sp.End = max(sp.Start, pos), max(sp.End, sp.Start, pos) // overlapping spans: marked once
		b.WriteString(html.EscapeString(OneLine(text[pos:sp.Start])))
		b.WriteString("<mark>" + html.EscapeString(OneLine(text[sp.Start:sp.End])) + "</mark>")
		pos = sp.End
	}
	b.WriteString(html.EscapeString(OneLine(text[pos:to])))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// runeStartBefore moves i back to the start of the rune it is in.
func runeStartBefore(text string, i int) int {
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// runeStartAfter moves i on to the start of the next rune (or the end).
func runeStartAfter(text string, i int) int {
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}
