package evalgen

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/signintech/gopdf"
)

// pdfStyle is how a producer lays out and labels a PDF: the habits of the programs
// publishers use, as far as they matter to text extraction and metadata.
type pdfStyle struct {
	// Name is recorded in the truth ("word", "reportlab", "indesign", ...).
	Name     string
	Producer string
	Creator  string
	// Words places every word with its own positioning operator and writes no
	// spaces (ReportLab and other libraries); otherwise a line is one string.
	Words bool
	// Columns is 1 or 2 (InDesign-like layouts).
	Columns int
	// Hyphenate breaks long words at line ends with a hyphen.
	Hyphenate bool
	// SoftHyphens puts U+00AD inside long words (Chromium's print-to-PDF keeps them).
	SoftHyphens bool
	// Header is what the running header shows: "title", "publisher" or "".
	Header string
	// Footer formats the page number: "n", "n/N" or "dash".
	Footer string
	// Footnotes puts a footnote at the foot of some pages.
	Footnotes bool
	// StampDate, when set, is the creation date the producer writes into every file
	// whatever the publication's date.
	StampDate string
	// TitleMeta is what the producer writes as the PDF's title: "real", "word"
	// ("Microsoft Word - file.docx"), "untitled", "file", "empty" or "template".
	TitleMeta string
}

var pdfStyles = map[string]pdfStyle{
	"reportlab": {Name: "reportlab", Producer: "ReportLab PDF Library - www.reportlab.com", Creator: "(unspecified)", Words: true, Columns: 1,
		Header: "title", Footer: "n", Footnotes: true, StampDate: "2000-01-01", TitleMeta: "untitled"},
	"word": {Name: "word", Producer: "Microsoft® Word for Microsoft 365", Creator: "Microsoft® Word for Microsoft 365", Columns: 1,
		Hyphenate: false, Header: "title", Footer: "n/N", Footnotes: true, TitleMeta: "word"},
	"indesign": {Name: "indesign", Producer: "Adobe PDF Library 16.0.3", Creator: "Adobe InDesign 17.1 (Windows)", Columns: 2,
		Hyphenate: true, Header: "publisher", Footer: "n", TitleMeta: "file"},
	"libreoffice": {Name: "libreoffice", Producer: "LibreOffice 7.4", Creator: "Writer", Columns: 1,
		Hyphenate: true, Header: "title", Footer: "n", Footnotes: true, TitleMeta: "empty"},
	"chromium": {Name: "chromium", Producer: "Skia/PDF m118", Creator: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/118.0.0.0 Safari/537.36",
		Columns: 1, SoftHyphens: true, Header: "title", Footer: "n/N", TitleMeta: "real"},
	"ghostscript": {Name: "ghostscript", Producer: "GPL Ghostscript 10.00.0", Creator: "PScript5.dll Version 5.2.2", Columns: 1,
		Hyphenate: true, Header: "", Footer: "dash", StampDate: "", TitleMeta: "template"},
}

// pdfJob is one PDF to write.
type pdfJob struct {
	style     pdfStyle
	lang      string
	title     string
	authors   []string
	publisher string
	date      time.Time
	edition   string // the cover's edition line, if any
	file      string // the file name, for producers that write it as the title
	keywords  []string
	text      []pchapter
	// status: "ok", "encrypted", "owner-locked", "truncated", "partial", "not-pdf".
	status string
}

// pchapter is a chapter rendered in the job's language.
type pchapter struct {
	heading string
	paras   [][]string // sentences
}

// sentencePlace says where sentence k of paragraph p of chapter c landed.
type sentencePlace struct {
	c, p, k     int
	first, last int // pages of its first and last word
}

// Page geometry, in points (A4).
const (
	pageW, pageH = 595.28, 841.89
	margin       = 56.0
	bodySize     = 10.5
	lineHeight   = 15.0
	colGap       = 18.0
)

// writePDF lays out job and returns the file and where each sentence landed.
func writePDF(job *pdfJob, fonts string) ([]byte, []sentencePlace, int, error) {
	if job.status == "not-pdf" {
		return []byte("<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Access denied</h1><p>Please log in to download " + job.file + ".</p></body></html>"), nil, 0, nil
	}
	cfg := gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT}
	switch job.status {
	case "encrypted":
		cfg.Protection = gopdf.PDFProtectionConfig{UseProtection: true, UserPass: []byte("reader-2024"), OwnerPass: []byte("owner-2024"), Permissions: gopdf.PermissionsPrint}
	case "owner-locked":
		cfg.Protection = gopdf.PDFProtectionConfig{UseProtection: true, OwnerPass: []byte("owner-2024"), Permissions: gopdf.PermissionsPrint}
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(cfg)
	created := job.date.AddDate(0, 0, -12)
	if job.style.StampDate != "" {
		created, _ = time.Parse("2006-01-02", job.style.StampDate)
	}
	pdf.SetInfo(gopdf.PdfInfo{
		Title:        job.metaTitle(),
		Author:       strings.Join(job.authors, "; "),
		Creator:      job.style.Creator,
		Producer:     job.style.Producer,
		CreationDate: created,
	})
	for _, f := range [][2]string{{"serif", "DejaVuSerif.ttf"}, {"bold", "DejaVuSans-Bold.ttf"}, {"sans", "DejaVuSans.ttf"}} {
		if err := pdf.AddTTFFont(f[0], filepath.Join(fonts, f[1])); err != nil {
			return nil, nil, 0, fmt.Errorf("font %s (install fonts-dejavu-core): %w", f[1], err)
		}
	}
	l := &layout{pdf: pdf, job: job, widths: map[string]float64{}}
	if err := l.run(); err != nil {
		return nil, nil, 0, err
	}
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		return nil, nil, 0, err
	}
	out := buf.Bytes()
	if len(job.keywords) > 0 && job.status == "ok" {
		// gopdf writes no keywords: add them to the information dictionary, which it
		// writes inside the trailer (after every object, so no offset moves).
		kw := "/Keywords " + pdfText(strings.Join(job.keywords, "; ")) + "\n"
		if i := bytes.LastIndex(out, []byte("/Info <<\n")); i > 0 {
			i += len("/Info <<\n")
			out = append(out[:i:i], append([]byte(kw), out[i:]...)...)
		}
	}
	switch job.status {
	case "truncated":
		// Beyond repair: cut inside the first page's content, which makes each cut
		// file differ from the others.
		cut := len(out) * 6 / 100
		if i := bytes.Index(out, []byte("stream")); i > 0 && i+120 > cut {
			cut = i + 120
		}
		out = out[:min(cut, len(out))]
	case "partial":
		out = out[:len(out)*65/100]
	}
	return out, l.places, l.page, nil
}

// pdfText encodes s as a PDF text string (UTF-16BE with a byte order mark).
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// metaTitle is the title the producer writes into the file.
func (job *pdfJob) metaTitle() string {
	switch job.style.TitleMeta {
	case "real":
		return job.title
	case "word":
		return "Microsoft Word - " + strings.TrimSuffix(job.file, ".pdf") + ".docx"
	case "untitled":
		return "Untitled"
	case "file":
		return strings.TrimSuffix(job.file, ".pdf") + ".indd"
	case "template":
		return "Report template v3"
	}
	return ""
}

// layout places a job's text on pages.
type layout struct {
	pdf    *gopdf.GoPdf
	job    *pdfJob
	widths map[string]float64
	page   int
	col    int
	y      float64
	places []sentencePlace
	// footnote is the footnote of the current page, written when it ends.
	footnote string
}

func (l *layout) colWidth() float64 {
	w := pageW - 2*margin
	if l.job.style.Columns == 2 {
		return (w - colGap) / 2
	}
	return w
}

func (l *layout) colX() float64 {
	return margin + float64(l.col)*(l.colWidth()+colGap)
}

func (l *layout) bottom() float64 {
	b := pageH - margin - 10
	if l.footnote != "" {
		b -= 22
	}
	return b
}

func (l *layout) run() error {
	job := l.job
	// The cover.
	l.pdf.AddPage()
	l.page = 1
	l.y = pageH / 4
	if err := l.block("bold", 20, 27, job.title, pageW-2*margin); err != nil {
		return err
	}
	l.y += 20
	if job.edition != "" {
		if err := l.block("serif", 13, 18, job.edition, pageW-2*margin); err != nil {
			return err
		}
	}
	if len(job.authors) > 0 {
		if err := l.block("serif", 12, 18, strings.Join(job.authors, ", "), pageW-2*margin); err != nil {
			return err
		}
	}
	l.y += 10
	if err := l.block("serif", 12, 18, fmt.Sprintf("%s · %d", job.publisher, job.date.Year()), pageW-2*margin); err != nil {
		return err
	}
	l.newPage()
	for ci, ch := range job.text {
		if ci > 0 && l.y > margin+40 {
			l.y += 10
		}
		if l.y+60 > l.bottom() {
			l.nextColumn()
		}
		if err := l.lines("bold", 13, 19, []string{ch.heading}, nil); err != nil {
			return err
		}
		l.y += 4
		for pi, para := range ch.paras {
			if err := l.lines("serif", bodySize, lineHeight, para, func(k, first, last int) {
				l.places = append(l.places, sentencePlace{c: ci, p: pi, k: k, first: first, last: last})
			}); err != nil {
				return err
			}
			l.y += lineHeight / 2
		}
	}
	l.endPage()
	return nil
}

// block writes a centred-free wrapped block on the cover.
func (l *layout) block(font string, size, lh float64, s string, width float64) error {
	if err := l.pdf.SetFont(font, "", size); err != nil {
		return err
	}
	lines, err := l.pdf.SplitTextWithWordWrap(s, width)
	if err != nil {
		return err
	}
	for _, ln := range lines {
		l.pdf.SetXY(margin, l.y)
		if err := l.pdf.Cell(nil, ln); err != nil {
			return err
		}
		l.y += lh
	}
	return nil
}

// word is one word of a paragraph and the sentence it belongs to.
type word struct {
	text string
	sent int
}

// lines writes sentences as one wrapped paragraph; placed reports, for each
// sentence, the pages of its first and last word.
func (l *layout) lines(font string, size, lh float64, sentences []string, placed func(k, first, last int)) error {
	if err := l.pdf.SetFont(font, "", size); err != nil {
		return err
	}
	var words []word
	for k, s := range sentences {
		for _, w := range strings.Fields(s) {
			if l.job.style.SoftHyphens {
				w = softHyphenate(w)
			}
			words = append(words, word{w, k})
		}
	}
	first := make([]int, len(sentences))
	last := make([]int, len(sentences))
	space := l.width(font, size, " ")
	width := l.colWidth()
	for len(words) > 0 {
		if l.y+lh > l.bottom() {
			l.nextColumn()
			if err := l.pdf.SetFont(font, "", size); err != nil {
				return err
			}
		}
		var line []word
		w := 0.0
		for len(words) > 0 {
			ww := l.width(font, size, words[0].text)
			add := ww
			if len(line) > 0 {
				add += space
			}
			if w+add <= width || len(line) == 0 && ww > width {
				line = append(line, words[0])
				w += add
				words = words[1:]
				continue
			}
			if l.job.style.Hyphenate {
				if head, tail, ok := l.hyphenate(font, size, words[0].text, width-w-space); ok && len(line) > 0 {
					line = append(line, word{head, words[0].sent})
					words[0].text = tail
				}
			}
			break
		}
		for _, wd := range line {
			if first[wd.sent] == 0 {
				first[wd.sent] = l.page
			}
			last[wd.sent] = l.page
		}
		if err := l.writeLine(font, size, line, space); err != nil {
			return err
		}
		l.y += lh
	}
	if placed != nil {
		for k := range sentences {
			placed(k, first[k], last[k])
		}
	}
	return nil
}

// writeLine draws one line: word by word for producers that position every word,
// else as one string.
func (l *layout) writeLine(font string, size float64, line []word, space float64) error {
	x := l.colX()
	if !l.job.style.Words {
		texts := make([]string, len(line))
		for i, w := range line {
			texts[i] = w.text
		}
		l.pdf.SetXY(x, l.y)
		return l.pdf.Cell(nil, strings.Join(texts, " "))
	}
	for _, w := range line {
		l.pdf.SetXY(x, l.y)
		if err := l.pdf.Cell(nil, w.text); err != nil {
			return err
		}
		x += l.width(font, size, w.text) + space
	}
	return nil
}

// hyphenate splits w so that its head and a hyphen fit in room.
func (l *layout) hyphenate(font string, size float64, w string, room float64) (string, string, bool) {
	r := []rune(w)
	if len(r) < 9 || strings.ContainsAny(w, "-\u00ad0123456789") {
		return "", "", false
	}
	for cut := len(r) - 4; cut >= 4; cut-- {
		head := string(r[:cut]) + "-"
		if l.width(font, size, head) <= room {
			return head, string(r[cut:]), true
		}
	}
	return "", "", false
}

// softHyphenate puts soft hyphens between the syllable-sized parts of a long word.
func softHyphenate(w string) string {
	r := []rune(w)
	if len(r) < 11 {
		return w
	}
	var b strings.Builder
	for i, c := range r {
		if i > 0 && i%5 == 0 && i < len(r)-3 && isLetter(r[i-1]) && isLetter(c) {
			b.WriteRune('\u00ad')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x400 && r <= 0x4ff
}

func (l *layout) width(font string, size float64, s string) float64 {
	key := fmt.Sprintf("%s/%g/%s", font, size, s)
	if w, ok := l.widths[key]; ok {
		return w
	}
	w, err := l.pdf.MeasureTextWidth(s)
	if err != nil {
		w = float64(len([]rune(s))) * size / 2
	}
	l.widths[key] = w
	return w
}

// nextColumn moves to the next column, or to a new page after the last.
func (l *layout) nextColumn() {
	if l.job.style.Columns == 2 && l.col == 0 && l.page > 1 {
		l.col = 1
		l.y = margin + 28
		return
	}
	l.newPage()
}

// newPage ends the current page and starts the next with its running header.
func (l *layout) newPage() {
	l.endPage()
	l.pdf.AddPage()
	l.page++
	l.col = 0
	l.y = margin + 28
	l.footnote = ""
	if l.job.style.Footnotes && l.page%3 == 0 {
		l.footnote = footnotes[l.job.lang][l.page%len(footnotes[l.job.lang])]
	}
	header := ""
	switch l.job.style.Header {
	case "title":
		header = l.job.title
	case "publisher":
		header = l.job.publisher
	}
	if header != "" {
		l.pdf.SetFont("sans", "", 8)
		if r := []rune(header); len(r) > 95 {
			header = string(r[:95])
		}
		l.pdf.SetXY(margin, margin-14)
		l.pdf.Cell(nil, header)
	}
}

// endPage writes the footnote and the page number of the current page (not on the
// cover).
func (l *layout) endPage() {
	if l.page < 2 {
		return
	}
	l.pdf.SetFont("serif", "", 8)
	if l.footnote != "" {
		l.pdf.SetXY(margin, pageH-margin-22)
		l.pdf.Cell(nil, l.footnote)
	}
	var n string
	switch l.job.style.Footer {
	case "n/N":
		n = fmt.Sprintf(pageOf[l.job.lang], l.page)
	case "dash":
		n = fmt.Sprintf("— %d —", l.page)
	default:
		n = fmt.Sprint(l.page)
	}
	l.pdf.SetXY(pageW/2-10, pageH-margin+8)
	l.pdf.Cell(nil, n)
}

// pageOf is the "Page N" footer in each language.
var pageOf = map[string]string{"en": "Page %d", "uk": "Сторінка %d", "ru": "Страница %d"}

// footnotes are the notes some producers put at the foot of a page.
var footnotes = map[string][]string{
	"en": {"1 See the national legislation in force at the time of writing.", "2 Interviews were conducted under the Chatham House rule.", "3 Figures are rounded to the nearest whole number."},
	"uk": {"1 Див. національне законодавство, чинне на момент написання.", "2 Інтерв'ю проводилися за правилом Чатем-Хаус.", "3 Дані округлено до цілого числа."},
	"ru": {"1 См. национальное законодательство, действовавшее на момент написания.", "2 Интервью проводились по правилу Чатем-хауса.", "3 Данные округлены до целого числа."},
}
