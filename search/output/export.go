package output

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/cite"
)

// ExportFormat is a format of a search export: its media type and file
// extension.
type ExportFormat struct{ ContentType, Ext string }

// ErrFormat is returned for a format not in ExportFormats.
var ErrFormat = errors.New("format must be csv, json, bibtex or ris")

// ExportFormats are the formats a search exports to, by name.
var ExportFormats = map[string]ExportFormat{
	"csv":    {"text/csv; charset=utf-8", "csv"},
	"json":   {"application/json; charset=utf-8", "json"},
	"bibtex": {"application/x-bibtex; charset=utf-8", "bib"},
	"ris":    {"application/x-research-info-systems; charset=utf-8", "ris"},
}

// ExportRun says which search an export is of, for the file to record it.
type ExportRun struct {
	Request search.Request
	At      time.Time
	// Base makes links to the server absolute (search.AbsURL).
	Base string
	// Document is a document as the JSON export lists it (the API's form).
	Document func(d *indexer.Document) any
}

// Export writes the documents of a search, one at a time, in one format.
type Export struct {
	w      *bufio.Writer
	write  func(search.ExportHit) error
	finish func(total int) error
}

// NewExport starts an export to w in format (a key of ExportFormats). What it
// writes is buffered: nothing reaches w before the first 64 KiB or Close.
func NewExport(w io.Writer, format string, run ExportRun) (*Export, error) {
	e := &Export{w: bufio.NewWriterSize(w, 64<<10)}
	bw, req, ran := e.w, run.Request, run.At.UTC()
	switch format {
	case "csv":
		cw := NewCSVWriter(bw)
		err := cw.Write([]string{"rank", "id", "title", "authors", "year", "date", "type", "lang", "publisher", "url", "pdf_url", "best_page", "best_page_url", "score", "query", "exported_at", "translation_of"})
		if err != nil {
			return nil, err
		}
		e.write = func(h search.ExportHit) error {
			d := h.Doc
			date := ""
			if !d.Date.IsZero() {
				date = d.Date.Format(time.DateOnly)
			}
			year := ""
			if d.Year != 0 {
				year = strconv.Itoa(d.Year)
			}
			url, pdf := search.AbsURL(run.Base, d.URL), search.AbsURL(run.Base, d.PDFURL)
			return cw.Write([]string{strconv.Itoa(h.Rank), d.ID, d.Title, strings.Join(d.Authors, "; "), year, date, d.Type, d.Lang, d.Publisher,
				url, pdf, strconv.Itoa(h.BestPage), search.PageURL(url, pdf, h.BestPage), strconv.FormatFloat(h.Score, 'f', 4, 64), req.Query, ran.Format(time.RFC3339), h.TranslationOf})
		}
		e.finish = func(int) error { cw.Flush(); return cw.Error() }
	case "json":
		head, err := json.Marshal(map[string]any{"query": req.Query, "filters": req.Filters, "sort": req.Sort, "exported_at": ran})
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(bw, "{\"run\":%s,\"documents\":[", head)
		first := true
		e.write = func(h search.ExportHit) error {
			if !first {
				bw.WriteString(",")
			}
			first = false
			var doc any = h.Doc
			if run.Document != nil {
				doc = run.Document(h.Doc)
			}
			row := map[string]any{"rank": h.Rank, "score": h.Score, "best_page": h.BestPage, "document": doc}
			if h.TranslationOf != "" {
				row["translation_of"] = h.TranslationOf // listed as the translation of a match
			}
			b, err := json.Marshal(row)
			if err != nil {
				return err
			}
			_, err = bw.Write(b)
			return err
		}
		e.finish = func(total int) error { _, err := fmt.Fprintf(bw, "],\"total\":%d}\n", total); return err }
	case "bibtex", "ris":
		if format == "bibtex" {
			fmt.Fprintf(bw, "%% ssgsearch export of %q, %s\n\n", req.Query, ran.Format(time.RFC3339))
		}
		keys := bibKeys{}
		e.write = func(h search.ExportHit) error {
			req := cite.Request{Doc: h.Doc, URL: cite.PublicURL(h.Doc), Accessed: cite.Accessed(h.Doc)}
			if format == "bibtex" {
				req.Key = keys.unique(cite.BibKey(h.Doc))
			}
			text, _, err := cite.Format(format, req)
			if err != nil {
				return err
			}
			_, err = bw.WriteString(text + "\n")
			return err
		}
		e.finish = func(int) error { return nil }
	default:
		return nil, fmt.Errorf("%w, not %q", ErrFormat, format)
	}
	return e, nil
}

// bibKeys are the BibTeX keys an export has given, by key, with the number of
// suffixes tried on it.
type bibKeys map[string]int

// unique returns key the first time, then key with a suffix no key given has:
// "marchenko2019a", "marchenko2019b", … "marchenko2019z", "marchenko2019aa".
func (k bibKeys) unique(key string) string {
	n, ok := k[key]
	if !ok {
		k[key] = 0
		return key
	}
	for ; ; n++ {
		s := key + letters(n)
		if _, taken := k[s]; !taken {
			k[key], k[s] = n+1, 0
			return s
		}
	}
}

// letters numbers from 0 in letters: "a" … "z", "aa", "ab", ….
func letters(n int) string {
	var b []byte
	for n++; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('a' + (n-1)%26)}, b...)
	}
	return string(b)
}

// Write writes one document.
func (e *Export) Write(h search.ExportHit) error { return e.write(h) }

// Close ends the export of total documents and writes out what is buffered.
func (e *Export) Close(total int) error {
	if err := e.finish(total); err != nil {
		return err
	}
	return e.w.Flush()
}
