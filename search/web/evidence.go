package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/cite"
	"github.com/ssgsearch/ssgsearch/search/evidence"
	"github.com/ssgsearch/ssgsearch/search/quote"
)

// evidenceDPI is the resolution of quote pictures: legible, and light enough to
// send (an A4 page is 827 × 1169 pixels).
const evidenceDPI = 100

// maxPicturePixels bounds a quote picture, whatever the page's size (a poster-sized
// page at evidenceDPI would take gigabytes): about an A3 page at 100 dpi.
const maxPicturePixels = 3_000_000

// pictureDPI is evidenceDPI, or less for a page (in points) so large that the
// picture would pass maxPicturePixels.
func pictureDPI(width, height float64) int {
	sq := width / 72 * height / 72 // square inches
	if sq <= 0 {
		return evidenceDPI
	}
	return max(1, min(evidenceDPI, int(math.Sqrt(maxPicturePixels/sq))))
}

// errNoPictures answers a page picture asked of a server without poppler.
var errNoPictures = errors.New("page pictures need poppler-utils (pdftoppm) on the server")

// handleEvidence answers GET /documents/{id}/pages/{n}/evidence.png?q=QUOTE (and
// the same under /api/v1): the PDF page as it prints, the quoted passage outlined,
// and beneath it the document, page, publisher's address and archived copy.
func (s *Server) handleEvidence(w http.ResponseWriter, r *http.Request) {
	if s.poppler == nil || s.store == nil {
		s.error(w, r, errNoPictures)
		return
	}
	v := mux.Vars(r)
	n, err := strconv.Atoi(v["n"])
	if err != nil || n < 1 {
		s.error(w, r, search.InvalidRequest("page-number", v["n"]))
		return
	}
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	if text == "" || utf8.RuneCountInString(text) > quote.MaxRunes {
		s.error(w, r, &badRequest{fmt.Sprintf("q: give the quote to outline (at most %d characters)", quote.MaxRunes)})
		return
	}
	d, err := s.cur(r).Value.Document(v["id"])
	if err != nil {
		s.error(w, r, err)
		return
	}
	archive := indexer.ArchiveRef(d)
	if n < 1 || n > d.PageCount || !strings.HasSuffix(archive, ".pdf") {
		s.error(w, r, errNotFound)
		return
	}
	data, err := s.store.Body(d.ContentHash)
	if err != nil {
		s.error(w, r, errNotFound)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 20*time.Second)
	defer cancel()
	layout, err := s.poppler.PageLayout(ctx, data, n)
	if err != nil {
		s.error(w, r, fmt.Errorf("page layout %d of %s: %w", n, d.ID, err))
		return
	}
	page, err := s.poppler.RenderPage(ctx, data, n, pictureDPI(layout.Width, layout.Height))
	if err != nil {
		s.error(w, r, fmt.Errorf("render page %d of %s: %w", n, d.ID, err))
		return
	}
	m := messages(w, r)
	match := evidence.Find(layout.Words, quote.Parts(text)...)
	if r.URL.Query().Get("end") == "1" { // the page a quote over a page break ends on
		match = evidence.FindEnd(layout.Words, text)
	}
	caption := []string{d.Title + ", " + m.T("hit.page") + " " + strconv.Itoa(n)}
	if strings.HasPrefix(d.PDFSourceURL, "http://") || strings.HasPrefix(d.PDFSourceURL, "https://") {
		caption = append(caption, search.PageURL("", d.PDFSourceURL, n))
	} else if u := cite.PublicURL(d); u != "" {
		caption = append(caption, u)
	}
	caption = append(caption, m.T("evidence.archived", search.AbsURL(baseURL(r), archive)+"#page="+strconv.Itoa(n), d.FetchedAt.Format("2006-01-02")),
		"SHA-256 "+d.ContentHash)
	switch {
	case len(match.Boxes) == 0:
		caption = append(caption, m.T("evidence.notfound"))
	case match.FromEnd:
		caption = append(caption, m.T("evidence.end", match.Words, match.Of))
	case match.Words < match.Of:
		// The rest runs on to the next page, or differs: the picture must not pass
		// for the whole quote.
		caption = append(caption, m.T("evidence.partial", match.Words, match.Of))
	}
	img, err := evidence.Draw(page, layout.Width, layout.Height, match.Boxes, caption)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="quote-%s-p%d.png"`, d.ID, n))
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(buf.Bytes())
}
