// Package output writes what ssgsearch hands out as files: search exports (CSV,
// JSON, and BibTeX and RIS through package cite), saved searches' results and
// news (CSV) and their Atom feed. Every CSV is safe to open in a spreadsheet: a
// cell that a spreadsheet would run as a formula is written as text (Cell). The
// API's and the command line's own answers are JSON written where they are
// answered.
package output
