// Package ocr recognises the text of PDF pages that have no text layer (scans), with
// poppler's pdftoppm and tesseract (Debian poppler-utils, tesseract-ocr and its
// language packs), when they are installed.
package ocr

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// Limits of one document's OCR.
const (
	DefaultPageTimeout = time.Minute
	DefaultMaxPages    = 200
	resolution         = "300"
)

// OCR runs pdftoppm and tesseract.
type OCR struct {
	pdftoppm, tesseract string
	langs               string
	pageTimeout         time.Duration
	maxPages            int
	// slots bound the pages recognised at once, of every document Improve is
	// given (Find): a scan of a hundred pages takes the cores it may use, and
	// files read at once share them.
	slots chan struct{}
}

// Find returns an OCR when pdftoppm and tesseract are on the PATH, or nil. It uses
// the installed languages among Ukrainian, English and Russian, and recognises up
// to slots pages at once (0: GOMAXPROCS, a core each).
func Find(slots int) *OCR {
	ppm, err1 := exec.LookPath("pdftoppm")
	tess, err2 := exec.LookPath("tesseract")
	if err1 != nil || err2 != nil {
		return nil
	}
	out, _ := exec.Command(tess, "--list-langs").CombinedOutput()
	var langs []string
	for _, l := range []string{"ukr", "eng", "rus"} {
		if bytes.Contains(out, []byte("\n"+l+"\n")) || bytes.HasSuffix(bytes.TrimSpace(out), []byte("\n"+l)) {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		langs = []string{"eng"}
	}
	return &OCR{pdftoppm: ppm, tesseract: tess, langs: strings.Join(langs, "+"), pageTimeout: DefaultPageTimeout, maxPages: DefaultMaxPages,
		slots: make(chan struct{}, max(1, cmp.Or(slots, runtime.GOMAXPROCS(0))))}
}

// Improve recognises the pages of res that have no text (status empty), at most
// DefaultMaxPages of them, and returns how many it filled; running headers and
// footers are then set apart over the whole document (extract.Refurnish). A page
// OCR cannot read stays empty.
func (o *OCR) Improve(ctx context.Context, data []byte, res *extract.Result) (int, error) {
	var empty []int
	for i, p := range res.Pages {
		if p.Status == extract.StatusEmpty {
			empty = append(empty, i)
		}
	}
	if len(empty) == 0 {
		return 0, nil
	}
	dir, err := os.MkdirTemp("", "ssgsearch-ocr-*")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	pdf := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(pdf, data, 0o600); err != nil {
		return 0, err
	}
	done := 0
	// Recognised pages join the document's: its running headers and footers are
	// set apart on them as on the others.
	defer func() {
		if done > 0 {
			extract.Refurnish(res)
		}
	}()
	// The pages are recognised at once, as the slots allow, and put in place in
	// page order once all are done.
	empty = empty[:min(len(empty), o.maxPages)]
	recognised := make([]*extract.Page, len(empty))
	var wg sync.WaitGroup
	acquire := func() bool {
		select {
		case o.slots <- struct{}{}:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for j, i := range empty {
		if !acquire() {
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-o.slots; wg.Done() }()
			text, conf, err := o.page(ctx, pdf, res.Pages[i].Number, dir)
			if err != nil || strings.TrimSpace(text) == "" {
				return
			}
			page := extract.FromText([]string{text}, extract.ExtractorOCR).Pages[0]
			page.Number, page.Label = res.Pages[i].Number, res.Pages[i].Label
			page.OCRConfidence = conf
			page.Suspect = "" // recognised text: confidence says how much to trust it
			recognised[j] = &page
		}()
	}
	wg.Wait()
	for j, i := range empty {
		if recognised[j] != nil {
			res.Pages[i] = *recognised[j]
			done++
		}
	}
	return done, ctx.Err()
}

// page renders one page and recognises it, returning its text and mean confidence.
func (o *OCR) page(ctx context.Context, pdf string, n int, dir string) (string, float64, error) {
	ctx, cancel := context.WithTimeout(ctx, o.pageTimeout)
	defer cancel()
	img := filepath.Join(dir, fmt.Sprintf("p%d", n))
	num := strconv.Itoa(n)
	render := exec.CommandContext(ctx, o.pdftoppm, "-f", num, "-l", num, "-r", resolution, "-gray", "-png", "-singlefile", pdf, img)
	if out, err := render.CombinedOutput(); err != nil {
		return "", 0, fmt.Errorf("pdftoppm page %d: %w: %s", n, err, bytes.TrimSpace(out))
	}
	defer os.Remove(img + ".png")
	var out, stderr bytes.Buffer
	rec := exec.CommandContext(ctx, o.tesseract, img+".png", "stdout", "-l", o.langs, "tsv")
	// One thread each: pages are recognised at once, a core each (slots).
	rec.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	rec.Stdout, rec.Stderr = &out, &stderr
	if err := rec.Run(); err != nil {
		return "", 0, fmt.Errorf("tesseract page %d: %w: %s", n, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return parseTSV(&out)
}

// parseTSV turns tesseract's TSV output into lines of words and their mean confidence.
func parseTSV(r io.Reader) (string, float64, error) {
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	rows, err := cr.ReadAll()
	if err != nil {
		return "", 0, err
	}
	type key struct{ block, par, line int }
	lines := map[key][]string{}
	var keys []key
	var sum float64
	var words int
	for i, row := range rows {
		if i == 0 || len(row) < 12 || row[0] != "5" { // level 5: a word
			continue
		}
		text := strings.TrimSpace(row[11])
		conf, err := strconv.ParseFloat(row[10], 64)
		if text == "" || err != nil || conf < 0 {
			continue
		}
		b, _ := strconv.Atoi(row[2])
		p, _ := strconv.Atoi(row[3])
		l, _ := strconv.Atoi(row[4])
		k := key{b, p, l}
		if _, ok := lines[k]; !ok {
			keys = append(keys, k)
		}
		lines[k] = append(lines[k], text)
		sum += conf
		words++
	}
	if words == 0 {
		return "", 0, nil
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.block != b.block {
			return a.block < b.block
		}
		if a.par != b.par {
			return a.par < b.par
		}
		return a.line < b.line
	})
	var sb strings.Builder
	for _, k := range keys {
		sb.WriteString(strings.Join(lines[k], " "))
		sb.WriteByte('\n')
	}
	return sb.String(), sum / float64(words), nil
}
