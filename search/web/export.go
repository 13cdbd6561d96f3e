package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/cite"
	"github.com/ssgsearch/ssgsearch/search/csvout"
)

// exportTimeout bounds an export, which streams every matching document.
const exportTimeout = 10 * time.Minute

// handleExport answers GET /api/v1/search/export?format=csv|json|bibtex|ris&q=…: the
// whole result list, streamed, recording the query and the time of the run.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	req, err := searchRequest(r, false)
	if err != nil {
		s.error(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	var ctype, ext string
	switch format {
	case "csv":
		ctype, ext = "text/csv; charset=utf-8", "csv"
	case "json":
		ctype, ext = "application/json; charset=utf-8", "json"
	case "bibtex":
		ctype, ext = "application/x-bibtex; charset=utf-8", "bib"
	case "ris":
		ctype, ext = "application/x-research-info-systems; charset=utf-8", "ris"
	default:
		s.error(w, r, &badRequest{fmt.Sprintf("format must be csv, json, bibtex or ris, not %q", format)})
		return
	}
	// Check the request before anything is written, so a bad one is a clean 400.
	if err := search.Check(req); err != nil {
		s.error(w, r, err)
		return
	}
	// The server's write timeout is for ordinary answers; an export may take longer.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportTimeout))
	ran := time.Now().UTC()
	base := baseURL(r)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="ssgsearch-%s.%s"`, ran.Format("20060102-150405"), ext))
	bw := bufio.NewWriterSize(w, 64<<10)
	defer bw.Flush()
	ctx, cancel := context.WithTimeout(r.Context(), exportTimeout)
	defer cancel()

	var emit func(search.ExportHit) error
	var finish func(total int) error
	switch format {
	case "csv":
		cw := csvout.NewWriter(bw)
		cw.Write([]string{"rank", "id", "title", "authors", "year", "date", "type", "lang", "publisher", "url", "pdf_url", "best_page", "best_page_url", "score", "query", "exported_at"})
		emit = func(h search.ExportHit) error {
			d := h.Doc
			date := ""
			if !d.Date.IsZero() {
				date = d.Date.Format(time.DateOnly)
			}
			year := ""
			if d.Year != 0 {
				year = strconv.Itoa(d.Year)
			}
			url, pdf := search.AbsURL(base, d.URL), search.AbsURL(base, d.PDFURL)
			cw.Write([]string{strconv.Itoa(h.Rank), d.ID, d.Title, strings.Join(d.Authors, "; "), year, date, d.Type, d.Lang, d.Publisher,
				url, pdf, strconv.Itoa(h.BestPage), search.PageURL(url, pdf, h.BestPage), strconv.FormatFloat(h.Score, 'f', 4, 64), req.Query, ran.Format(time.RFC3339)})
			return cw.Error()
		}
		finish = func(int) error { cw.Flush(); return cw.Error() }
	case "json":
		head, _ := json.Marshal(map[string]any{"query": req.Query, "filters": req.Filters, "sort": req.Sort, "exported_at": ran})
		fmt.Fprintf(bw, "{\"run\":%s,\"documents\":[", head)
		first := true
		emit = func(h search.ExportHit) error {
			if !first {
				bw.WriteString(",")
			}
			first = false
			doc := absDocument(h.Doc, base)
			b, err := json.Marshal(map[string]any{"rank": h.Rank, "score": h.Score, "best_page": h.BestPage, "document": doc})
			if err != nil {
				return err
			}
			_, err = bw.Write(b)
			return err
		}
		finish = func(total int) error { _, err := fmt.Fprintf(bw, "],\"total\":%d}\n", total); return err }
	case "bibtex", "ris":
		if format == "bibtex" {
			fmt.Fprintf(bw, "%% ssgsearch export of %q, %s\n\n", req.Query, ran.Format(time.RFC3339))
		}
		emit = func(h search.ExportHit) error {
			text, _, err := cite.Format(format, cite.Request{Doc: h.Doc, URL: originalURL(h.Doc), Accessed: h.Doc.IndexedAt})
			if err != nil {
				return err
			}
			_, err = bw.WriteString(text + "\n")
			return err
		}
		finish = func(int) error { return nil }
	}
	total, err := s.cur(r).Value.Export(ctx, req, emit)
	if err == nil {
		err = finish(total)
	}
	if err != nil {
		// Headers are sent: the body ends short; log why.
		s.log.Error("export ended early", "query", req.Query, "err", err)
	}
}
