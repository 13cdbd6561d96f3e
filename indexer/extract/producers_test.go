package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// producerSpec is testdata/producers/spec.json: the content every producer fixture
// lays out (see generate.py there).
type producerSpec struct {
	Title string `json:"title"`
	Pages []struct {
		Header     bool     `json:"header"`
		Heading    string   `json:"heading"`
		Caption    string   `json:"caption"`
		Paragraphs []string `json:"paragraphs"`
		Footnotes  []string `json:"footnotes"`
	} `json:"pages"`
}

// producers are the fixtures testdata/producers/generate.py makes, one per program.
var producers = []string{"reportlab", "libreoffice", "chromium", "groff", "ghostscript", "ocr"}

func loadProducerSpec(t *testing.T) producerSpec {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "producers", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec producerSpec
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	return spec
}

// TestProducers reads the fixture of every producer and checks, page by page, that
// the running header and the page number are set apart from the text, that the
// body has every paragraph's words in order (over page breaks too), and that the
// text recalls poppler's words; the whole result is kept as a golden file.
func TestProducers(t *testing.T) {
	spec := loadProducerSpec(t)
	for _, name := range producers {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "producers")
			data, err := os.ReadFile(filepath.Join(dir, name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := PDF(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != len(spec.Pages) {
				t.Fatalf("%d pages, want %d", len(res.Pages), len(spec.Pages))
			}
			title := foldWords(spec.Title)
			for i, p := range res.Pages {
				for _, l := range strings.Split(p.Text, "\n") {
					if foldWords(l) == title {
						t.Errorf("page %d: the running header %q is in the text", p.Number, l)
					}
					if strings.TrimSpace(l) == strconv.Itoa(p.Number) {
						t.Errorf("page %d: the page number is in the text", p.Number)
					}
				}
				if spec.Pages[i].Header && !strings.Contains(foldWords(p.Header), title) {
					t.Errorf("page %d: header %q, want the title", p.Number, p.Header)
				}
				if p.Extractor != ExtractorGo {
					t.Errorf("page %d: extractor %q", p.Number, p.Extractor)
				}
			}
			body := foldWords(res.Text())
			for i, pg := range spec.Pages {
				for _, para := range pg.Paragraphs {
					if !strings.Contains(body, foldWords(para)) {
						t.Errorf("page %d: paragraph not in the text in order: %.60q…", i+1, para)
					}
				}
			}
			ref, err := os.ReadFile(filepath.Join(dir, name+".poppler.txt"))
			if err != nil {
				t.Fatal(err)
			}
			refPages := strings.Split(string(ref), "\f")
			for i, p := range res.Pages {
				if i >= len(refPages) {
					break
				}
				whole := strings.Join([]string{p.Header, p.Text, p.Footer}, "\n")
				if r := wordRecall(refPages[i], whole); r < 0.95 {
					t.Errorf("page %d: word recall %.3f against poppler", p.Number, r)
				}
			}
			golden(t, filepath.Join("producers", name+".golden.json"), res.Pages)
		})
	}
}

// foldWords is s as lower-case words joined by single spaces, punctuation and soft
// hyphens (invisible; poppler keeps them) dropped.
func foldWords(s string) string {
	s = strings.ReplaceAll(s, "\u00ad", "")
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// wordRecall is the share of ref's words (as a multiset) that got has.
func wordRecall(ref, got string) float64 {
	have := map[string]int{}
	for _, w := range strings.Fields(foldWords(got)) {
		have[w]++
	}
	n, hit := 0, 0
	for _, w := range strings.Fields(foldWords(ref)) {
		n++
		if have[w] > 0 {
			have[w]--
			hit++
		}
	}
	if n == 0 {
		return 1
	}
	return float64(hit) / float64(n)
}
