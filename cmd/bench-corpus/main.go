// Command bench-corpus writes a reproducible synthetic corpus for the performance
// harness (make bench-corpus): documents of SSG-like text in English and Ukrainian,
// as the indexer receives them after extraction (PDF extraction is measured on its
// own by make eval-extract), and the fixed query set make bench runs against it.
//
//	go run ./cmd/bench-corpus -pages 100000 -out bench-data
//
// The vocabulary is Zipf-distributed over function words, the glossary's SSG terms
// and made-up words; every page has its document's running header; the seed is fixed,
// so the same flags give the same files.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
)

func main() {
	pages := flag.Int("pages", 100000, "pages to generate")
	out := flag.String("out", "bench-data", "output folder")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*pages, *out, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "bench-corpus:", err)
		os.Exit(1)
	}
}

// Record is one line of corpus.jsonl: a document and its pages.
type Record struct {
	Doc   *indexer.Document `json:"doc"`
	Pages []indexer.Page    `json:"pages"`
}

// Queries is queries.json: the query set, by kind.
type Queries struct {
	Term, Phrase, Fuzzy, Filtered []string
}

var (
	enFunction = strings.Fields(`the of and to in a is that for on with as by be are this it from at or an which
		their should can not have has its was will may also all must other were more they these such than into
		been when who each under only any about between both before after where how what there them those`)
	ukFunction = strings.Fields(`і в на з що до не як за та у це від про для по а але або його їх вони був
		була було має мають може можуть також щодо між після перед тому які який яка яке цього цих своїх
		свого усіх всіх коли де чи ще вже лише дуже більш менш через під над без ж би`)
	types      = []string{"handbook", "toolkit", "policy-paper", "proceedings", "survey", "manual", "report"}
	topics     = []string{"parliamentary-oversight", "defence-budget", "police-reform", "intelligence", "ombuds-institutions", "gender", "anti-corruption", "civil-society", "border-management", "justice"}
	publishers = []string{"Centre for Security Governance Studies", "Institute for Defence Integrity", "Razumkov Centre", "Security Sector Observatory", "Центр досліджень врядування у сфері безпеки"}
)

// language is a vocabulary with its Zipf sampler.
type language struct {
	code  string
	words []string
	zipf  *rand.Zipf
	terms [][]string // multi-word SSG terms, inserted as phrases
}

func newLanguage(r *rand.Rand, code string, function, terms []string, syllables []string, size int) *language {
	l := &language{code: code}
	seen := map[string]bool{}
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			l.words = append(l.words, w)
		}
	}
	for _, w := range function {
		add(w)
	}
	for _, t := range terms {
		f := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' })
		for _, w := range f {
			add(w)
		}
		if len(f) >= 2 && len(f) <= 4 {
			l.terms = append(l.terms, f)
		}
	}
	for len(l.words) < size {
		n := 2 + r.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		add(b.String())
	}
	l.zipf = rand.NewZipf(r, 1.07, 2, uint64(len(l.words)-1))
	return l
}

func (l *language) word() string { return l.words[l.zipf.Uint64()] }

// sentence is 8–20 words, now and then with an SSG term in it.
func (l *language) sentence(r *rand.Rand) string {
	n := 8 + r.IntN(13)
	words := make([]string, 0, n+4)
	for len(words) < n {
		if r.IntN(12) == 0 && len(l.terms) > 0 {
			words = append(words, l.terms[r.IntN(len(l.terms))]...)
			continue
		}
		words = append(words, l.word())
	}
	s := strings.Join(words, " ")
	rs := []rune(s)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs) + "."
}

func run(pages int, out string, seed uint64) error {
	if pages < 1 {
		return fmt.Errorf("-pages must be 1 or more")
	}
	r := rand.New(rand.NewPCG(seed, 0x55a))
	var enTerms, ukTerms []string
	for _, line := range strings.Split(string(data.Glossary), "\n") {
		en, uk, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		enTerms = append(enTerms, strings.Split(en, " / ")...)
		ukTerms = append(ukTerms, strings.Split(uk, " / ")...)
	}
	en := newLanguage(r, "en", enFunction, enTerms, strings.Fields("ba co de fi go ha ke li mo nu pa re si to vu wa ex in on al er an st th pr tr"), 40000)
	uk := newLanguage(r, "uk", ukFunction, ukTerms, strings.Fields("ба ве ги да ко лі ми но пу ро си та ук фе хо чи ша ор ан ен ти ня ць ст пр ва"), 40000)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(out, "corpus.jsonl"))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	written, docs := 0, 0
	base := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	for written < pages {
		lang := en
		if r.IntN(10) < 4 {
			lang = uk
		}
		n := 1 // an HTML page
		typ := "page"
		if r.IntN(10) > 0 {
			n = 5 + r.IntN(56) // a PDF of 5–60 pages
			typ = types[r.IntN(len(types))]
		}
		n = min(n, pages-written)
		title := lang.sentence(r)
		title = strings.TrimSuffix(title[:min(len(title), 90)], ".")
		date := base.AddDate(0, 0, r.IntN(20*365))
		d := &indexer.Document{
			ID: fmt.Sprintf("bench%07d", docs), Title: title, Lang: lang.code, Type: typ,
			Date: date, Year: date.Year(), Topics: []string{topics[r.IntN(len(topics))]},
			Publisher: publishers[r.IntN(len(publishers))],
			URL:       fmt.Sprintf("https://bench.example.org/doc/%d/", docs), SourceURL: fmt.Sprintf("https://bench.example.org/doc/%d/", docs),
			ContentHash: fmt.Sprintf("%064x", docs),
		}
		rec := Record{Doc: d}
		for p := 1; p <= n; p++ {
			var b bytes.Buffer
			for b.Len() < 1500+r.IntN(600) { // ~250 words
				b.WriteString(lang.sentence(r))
				if r.IntN(5) == 0 {
					b.WriteByte('\n')
				} else {
					b.WriteByte(' ')
				}
			}
			rec.Pages = append(rec.Pages, indexer.Page{Number: p, Text: strings.TrimSpace(b.String()), Lang: lang.code,
				Header: title + " · " + d.Publisher, Footer: fmt.Sprint(p), Status: "ok", Extractor: "go"})
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
		written += n
		docs++
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	// The query set: words of middling frequency, SSG terms as phrases, misspellings,
	// and filtered queries.
	q := Queries{}
	for i := 0; len(q.Term) < 20; i++ {
		l := []*language{en, uk}[i%2]
		q.Term = append(q.Term, l.words[len(enFunction)+50+r.IntN(2000)])
	}
	for i := 0; len(q.Phrase) < 10; i++ {
		l := []*language{en, uk}[i%2]
		q.Phrase = append(q.Phrase, `"`+strings.Join(l.terms[r.IntN(len(l.terms))], " ")+`"`)
	}
	for i := 0; len(q.Fuzzy) < 10; i++ {
		l := []*language{en, uk}[i%2]
		w := []rune(l.words[len(enFunction)+50+r.IntN(500)])
		if len(w) < 5 {
			continue
		}
		w[len(w)/2] = w[len(w)/2-1] // one edit
		q.Fuzzy = append(q.Fuzzy, string(w)+"~")
	}
	for i := 0; len(q.Filtered) < 10; i++ {
		l := []*language{en, uk}[i%2]
		q.Filtered = append(q.Filtered, fmt.Sprintf("%s %s lang:%s year:2010..2018", l.words[len(enFunction)+10+r.IntN(300)], l.words[len(enFunction)+10+r.IntN(300)], l.code))
	}
	js, err := json.MarshalIndent(q, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "queries.json"), js, 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %d documents, %d pages to %s (corpus.jsonl, queries.json)\n", docs, written, out)
	return nil
}
