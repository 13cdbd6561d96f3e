// Command eval-extract measures PDF extraction against poppler's text of the shared
// real-world corpus (../shared/realpdf): it extracts every PDF in an isolated child
// process, writes the text page by page in the layout score.py reads, runs the scorer
// and prints its summary with throughput beside poppler's. Run it with `make eval-extract`.
package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/isolate"
	"github.com/ssgsearch/ssgsearch/indexer/pdfchain"
	"github.com/ssgsearch/ssgsearch/indexer/poppler"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "worker" {
		if err := isolate.Serve(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	corpus := flag.String("corpus", "../shared/realpdf", "the realpdf folder (pdfs/, ref/, score.py)")
	out := flag.String("out", "eval-out", "folder for the candidate text and the scorer's reports")
	timeout := flag.Duration("timeout", 30*time.Second, "limit per PDF")
	fallback := flag.Bool("fallback", false, "the whole chain ssgsearch ships (indexer/pdfchain): poppler's pdftotext and OCR after the Go extractor")
	flag.Parse()
	if *fallback && poppler.Find() == nil {
		log.Fatal("--fallback: pdftotext not installed (Debian poppler-utils)")
	}
	if err := run(*corpus, *out, *timeout, *fallback); err != nil {
		log.Fatal(err)
	}
}

func run(corpus, out string, timeout time.Duration, fallback bool) error {
	files, err := filepath.Glob(filepath.Join(corpus, "pdfs", "*.pdf"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no PDFs under %s/pdfs (is ../shared beside the project?)", corpus)
	}
	sort.Strings(files)
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	chain, err := pdfchain.New(pdfchain.Options{Pool: isolate.Options{Command: []string{exe, "worker"}, Size: 1, Timeout: timeout}, GoOnly: !fallback})
	if err != nil {
		return err
	}
	defer chain.Close()
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	rf, err := os.Create(filepath.Join(out, "results.tsv"))
	if err != nil {
		return err
	}
	defer rf.Close()
	w := csv.NewWriter(rf)
	w.Comma = '\t'
	w.Write([]string{"file", "pages", "status", "ms", "chars", "pages_ok", "page_errors", "page_panics", "max_rss_kb", "wall_ms", "detail"})
	var ourMS, ourPages, popMS float64
	goFailed := map[string]int{} // Go extractor timeouts and crashes, by kind
	pdftotext, _ := exec.LookPath("pdftotext")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		body, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		start := time.Now()
		res, rep, err := chain.PDFReport(context.Background(), body)
		goErr := ""
		switch {
		case errors.Is(rep.GoErr, isolate.ErrTimeout):
			goErr = "timeout"
		case errors.Is(rep.GoErr, isolate.ErrCrashed), errors.Is(rep.GoErr, isolate.ErrMemory):
			goErr = "crash"
		}
		if goErr != "" {
			goFailed[goErr]++
		}
		ms := float64(time.Since(start).Microseconds()) / 1000
		status, detail := "ok", ""
		if goErr != "" && err == nil {
			detail = "go extractor: " + goErr + "; read by the fallback"
		}
		pages, chars, ok, perr := 0, 0, 0, 0
		switch {
		case errors.Is(err, isolate.ErrTimeout):
			status, detail = "timeout", err.Error()
		case errors.Is(err, isolate.ErrCrashed), errors.Is(err, isolate.ErrMemory):
			status, detail = "crash", err.Error()
		case err != nil:
			status, detail = "error", err.Error()
		default:
			pages = len(res.Pages)
			dir := filepath.Join(out, name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			for _, p := range res.Pages {
				// The reference is the whole page: running headers and footers included.
				text := strings.Join(nonEmpty(p.Header, p.Text, p.Footer), "\n")
				chars += len([]rune(text))
				if p.Status == extract.StatusFailed {
					perr++
				} else {
					ok++
				}
				if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(p.Number)+".txt"), []byte(text), 0o644); err != nil {
					return err
				}
			}
			if pages >= 10 && pdftotext != "" {
				// pdftotext on the same file in the same run: the reference speed.
				t0 := time.Now()
				if exec.Command(pdftotext, "-q", f, os.DevNull).Run() == nil {
					popMS += float64(time.Since(t0).Microseconds()) / 1000
					ourMS += ms
					ourPages += float64(pages)
				}
			}
		}
		w.Write([]string{filepath.Base(f), strconv.Itoa(pages), status, fmt.Sprintf("%.1f", ms), strconv.Itoa(chars),
			strconv.Itoa(ok), strconv.Itoa(perr), "0", "0", fmt.Sprintf("%.1f", ms), detail})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	cmd := exec.Command("python3", filepath.Join(corpus, "score.py"), "--cand", out,
		"--out", filepath.Join(out, "scores.tsv"), "--examples", filepath.Join(out, "examples.md"))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("score.py: %w", err)
	}
	fmt.Printf("\ngo extractor: %d timeouts, %d crashes\n", goFailed["timeout"], goFailed["crash"])
	fmt.Printf("throughput on documents of 10+ pages: ours %.0f pages/s (in a child process, one at a time); pdftotext %.0f pages/s (the same files, this run)\n",
		ourPages/(ourMS/1000), ourPages/(popMS/1000))
	return nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
