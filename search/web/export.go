package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/output"
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
	ran := time.Now().UTC()
	base := baseURL(r)
	// The export buffers what it writes: nothing reaches w before the headers.
	sent := &sentWriter{w: w}
	exp, err := output.NewExport(sent, format, output.ExportRun{Request: req, At: ran, Base: base,
		Document: func(d *indexer.Document) any { return absDocument(d, base) }})
	if errors.Is(err, output.ErrFormat) {
		err = &badRequest{err.Error()}
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	// Check the request before anything is written, so a bad one is a clean 400.
	if err := search.Check(req); err != nil {
		s.error(w, r, err)
		return
	}
	// The server's write timeout is for ordinary answers; an export may take longer.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportTimeout))
	f := output.ExportFormats[format]
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="ssgsearch-%s.%s"`, ran.Format("20060102-150405"), f.Ext))
	ctx, cancel := context.WithTimeout(r.Context(), exportTimeout)
	defer cancel()
	total, err := s.cur(r).Value.Export(ctx, req, exp.Write)
	if err == nil {
		err = exp.Close(total)
	}
	switch {
	case err == nil:
	case !sent.any:
		// Nothing is sent yet: an error rather than an empty file.
		w.Header().Del("Content-Disposition")
		s.error(w, r, err)
	default:
		// Part of the file is sent: the connection is cut, so that the client sees
		// a broken transfer rather than a file that ends early as if complete.
		s.log.Error("export ended early", "query", req.Query, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// sentWriter is an export's response body: it notes whether any of it was sent.
type sentWriter struct {
	w   http.ResponseWriter
	any bool
}

func (s *sentWriter) Write(p []byte) (int, error) {
	s.any = s.any || len(p) > 0
	return s.w.Write(p)
}
