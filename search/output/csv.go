package output

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSVWriter is a csv.Writer whose cells are made safe to open in a spreadsheet
// with Cell: every CSV ssgsearch writes goes through one.
type CSVWriter struct {
	*csv.Writer
	buf []string
}

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{Writer: csv.NewWriter(w)} }

// Write writes one record, each cell made safe.
func (w *CSVWriter) Write(record []string) error {
	w.buf = w.buf[:0]
	for _, c := range record {
		w.buf = append(w.buf, Cell(c))
	}
	return w.Writer.Write(w.buf)
}

// formulaStart are the characters with which spreadsheets start a formula (or,
// tab and carriage return, hide one), after OWASP's CSV injection advice; the
// full-width forms are read as the same by some.
const formulaStart = "=+-@\t\r＝＋－＠"

// Cell returns s as a spreadsheet will show it as text: prefixed with an apostrophe
// when it starts (after any spaces) with a character that starts a formula. Other
// cells are returned as they are.
func Cell(s string) string {
	t := strings.TrimLeft(s, " ")
	if t != "" && strings.ContainsRune(formulaStart, []rune(t)[0]) {
		return "'" + s
	}
	return s
}
