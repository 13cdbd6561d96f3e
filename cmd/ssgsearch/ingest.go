package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
)

const ingestHelp = `Usage: ssgsearch ingest [--data DIR] [PATH...]

Index local HTML and PDF files. A folder is read recursively, like a mirrored
website: a publication page and the PDF it links are joined into one document.
Without a PATH (or with --sample) it indexes the sample corpus bundled in the
binary. Running ingest again updates documents in place.`

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", ingestHelp)
	dir := dataFlag(e, fs)
	sample := fs.Bool("sample", false, "index the bundled sample corpus")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		*sample = true // no path: the bundled sample, as the help says
	}
	// Check every path before writing anything.
	paths := make([]string, 0, fs.NArg())
	for _, p := range fs.Args() {
		abs, err := filepath.Abs(p)
		if err != nil {
			return fmt.Errorf("ingest %s: %w", p, err)
		}
		st, err := os.Stat(abs)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		if !st.IsDir() && corpus.TypeByName(abs) == "" && !isPDF(abs) {
			return fmt.Errorf("ingest %s: not an HTML or PDF file", p)
		}
		paths = append(paths, abs)
	}
	w, err := openWorkspaceForWrite(ctx, e, *dir)
	if err != nil {
		return err
	}
	defer w.Close()
	var imported []string // the URLs of the files recorded
	if *sample {
		es, err := w.store.ImportFS(data.Sample(), data.SampleBaseURL)
		if err != nil {
			return fmt.Errorf("ingest sample: %w", err)
		}
		for _, en := range es {
			imported = append(imported, en.URL)
		}
	}
	for _, p := range paths {
		urls, err := importPath(w.store, p)
		if err != nil {
			return err
		}
		if len(urls) == 0 {
			fmt.Fprintf(e.stderr, "warning: %s holds no HTML or PDF files\n", p)
		}
		imported = append(imported, urls...)
	}
	if len(imported) == 0 {
		return errors.New("ingest: no HTML or PDF file to index")
	}
	fmt.Fprintf(e.stdout, "imported %d files\n", len(imported))
	rep, err := w.reindex(ctx, e)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	// The build reports each file it could not read (reportBuild); when none of
	// those given could be, the command failed.
	if failed := failedOf(rep, imported); failed == len(imported) {
		return fmt.Errorf("ingest: none of the %d files could be indexed", failed)
	}
	return nil
}

// failedOf counts the files of urls that the build could not extract.
func failedOf(rep indexer.Report, urls []string) int {
	n := 0
	for _, u := range urls {
		if slices.ContainsFunc(rep.Errors, func(msg string) bool { return strings.HasPrefix(msg, u+": ") }) {
			n++
		}
	}
	return n
}

// importPath records a file or a folder tree in the corpus under file:// URLs, and
// returns the URLs recorded.
func importPath(store *corpus.Store, abs string) ([]string, error) {
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	if st.IsDir() {
		es, err := store.ImportFS(os.DirFS(abs), folderBase(abs))
		urls := make([]string, len(es))
		for i, en := range es {
			urls[i] = en.URL
		}
		if err != nil {
			return urls, fmt.Errorf("ingest %s: %w", abs, err)
		}
		return urls, nil
	}
	body, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	ct := corpus.TypeByName(abs)
	if corpus.IsPDF(body) {
		ct = corpus.TypePDF
	}
	en, err := store.Put(corpus.Entry{URL: fileURL(abs), ContentType: ct}, body)
	if err != nil {
		return nil, fmt.Errorf("ingest %s: %w", abs, err)
	}
	return []string{en.URL}, nil
}

// folderBase is the base URL a folder is recorded under. The folder is taken as the
// root of a site, local://<name>-<hash>/, so that the root-relative links of a
// mirrored website ("/wp-content/uploads/…") resolve inside it; the hash of the
// absolute path keeps two folders of the same name apart.
func folderBase(abs string) string {
	sum := sha256.Sum256([]byte(abs))
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'a'
		}
		return '-'
	}, filepath.Base(abs))
	name = strings.Trim(name, "-")
	if len(name) > 40 {
		name = name[:40]
	}
	if name == "" {
		name = "folder"
	}
	return "local://" + name + "-" + hex.EncodeToString(sum[:3]) + "/"
}

// fileURL is the URL a single file is recorded under.
func fileURL(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// isPDF reports whether the file at name starts like a PDF.
func isPDF(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return corpus.IsPDF(head[:n])
}
