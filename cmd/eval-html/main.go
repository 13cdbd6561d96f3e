// Command eval-html measures main-content extraction from HTML: our goquery rule
// set (extract.HTML) against go-shiori/go-readability, on fixture pages whose main
// text was written down by hand (testdata/NAME.html with NAME.txt). It prints word
// recall (how much of the main text is kept) and precision (how much of the output
// is main text, not menus, sidebars, comments or footers) per page and overall.
//
//	go run ./cmd/eval-html [-dir cmd/eval-html/testdata]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	readability "github.com/go-shiori/go-readability"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

func main() {
	dir := flag.String("dir", "cmd/eval-html/testdata", "folder of NAME.html and NAME.txt")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "eval-html:", err)
		os.Exit(1)
	}
}

// extractor returns the main text of a page.
type extractor struct {
	name string
	run  func(body []byte, pageURL string) (string, error)
}

var extractors = []extractor{
	{"goquery rules (extract.HTML)", func(body []byte, pageURL string) (string, error) {
		res, err := extract.HTML(bytes.NewReader(body), "text/html; charset=utf-8", pageURL)
		if err != nil {
			return "", err
		}
		// The title is indexed as its own field; count it as extracted text too, as
		// readability's title is below.
		return res.Meta.Title + "\n" + res.Pages[0].Text, nil
	}},
	{"go-readability", func(body []byte, pageURL string) (string, error) {
		u, _ := url.Parse(pageURL)
		a, err := readability.FromReader(bytes.NewReader(body), u)
		if err != nil {
			return "", err
		}
		return a.Title + "\n" + a.TextContent, nil
	}},
}

func run(dir string) error {
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(pages) == 0 {
		return fmt.Errorf("no pages in %s", dir)
	}
	sort.Strings(pages)
	type total struct{ hit, ref, out int }
	sums := make([]total, len(extractors))
	times := make([]time.Duration, len(extractors))
	fmt.Printf("| page | %s |\n|---|%s\n", strings.Join(names(), " | "), strings.Repeat("---|", len(extractors)))
	for _, p := range pages {
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		want, err := os.ReadFile(strings.TrimSuffix(p, ".html") + ".txt")
		if err != nil {
			return err
		}
		ref := words(string(want))
		row := []string{strings.TrimSuffix(filepath.Base(p), ".html")}
		for i, e := range extractors {
			start := time.Now()
			got, err := e.run(body, "https://example.org/"+row[0]+"/")
			times[i] += time.Since(start)
			if err != nil {
				row = append(row, "error: "+err.Error())
				continue
			}
			out := words(got)
			hit := overlap(ref, out)
			sums[i].hit += hit
			sums[i].ref += len(ref)
			sums[i].out += len(out)
			row = append(row, fmt.Sprintf("R %.2f P %.2f", ratio(hit, len(ref)), ratio(hit, len(out))))
		}
		fmt.Printf("| %s |\n", strings.Join(row, " | "))
	}
	row := []string{"**all (word-weighted)**"}
	for i := range extractors {
		row = append(row, fmt.Sprintf("**R %.3f P %.3f** (%v)", ratio(sums[i].hit, sums[i].ref), ratio(sums[i].hit, sums[i].out), times[i].Round(time.Microsecond)))
	}
	fmt.Printf("| %s |\n", strings.Join(row, " | "))
	return nil
}

func names() []string {
	var n []string
	for _, e := range extractors {
		n = append(n, e.name)
	}
	return n
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// words lower-cases text into its letter-and-digit words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// overlap counts the words two bags share, with multiplicity.
func overlap(a, b []string) int {
	n := map[string]int{}
	for _, w := range a {
		n[w]++
	}
	hit := 0
	for _, w := range b {
		if n[w] > 0 {
			n[w]--
			hit++
		}
	}
	return hit
}
