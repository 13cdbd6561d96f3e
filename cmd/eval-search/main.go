// Command eval-search measures ranking on the judged queries of data/relevance.json
// over the bundled sample corpus: our engine, and SQLite FTS5 (bm25, porter
// tokenizer, through Debian's sqlite3 command) over the same page texts as a
// baseline. It prints nDCG@10, MRR of known items, recall@20 and quote page accuracy
// by query kind and language, side by side.
//
//	go run ./cmd/eval-search [-judgments data/relevance.json] [-v]
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/relevance"
)

func main() {
	judgments := flag.String("judgments", "data/relevance.json", "judged queries")
	verbose := flag.Bool("v", false, "print every query's ranking")
	flag.Parse()
	if err := run(*judgments, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "eval-search:", err)
		os.Exit(1)
	}
}

func run(judgments string, verbose bool) error {
	f, err := os.Open(judgments)
	if err != nil {
		return err
	}
	set, err := relevance.Load(f)
	f.Close()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "eval-search")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ix, err := sampleIndex(tmp)
	if err != nil {
		return err
	}
	defer ix.Close()
	ctx := context.Background()
	g, err := search.ParseGlossary(bytes.NewReader(data.Glossary))
	if err != nil {
		return err
	}
	s, err := search.New(ix).WithGlossary(g)
	if err != nil {
		return err
	}
	mono, err := relevance.Evaluate(ctx, set, relevance.Engine{Searcher: s})
	if err != nil {
		return err
	}
	ours, err := relevance.Evaluate(ctx, set, relevance.Engine{Searcher: s, XLang: true})
	if err != nil {
		return err
	}
	// The alternative default: every word required.
	allWords, err := relevance.Evaluate(ctx, requireAll(set), relevance.Engine{Searcher: s, XLang: true})
	if err != nil {
		return err
	}
	var base []relevance.Score
	fts, err := newFTS5(ctx, s, ix, filepath.Join(tmp, "fts.db"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval-search: no FTS5 baseline:", err)
	} else if base, err = relevance.Evaluate(ctx, set, fts); err != nil {
		return err
	}
	if verbose {
		for i, sc := range ours {
			fmt.Printf("%s %-14s nDCG %.2f RR %.2f %q → %s\n", sc.Query.ID, sc.Query.Kind, sc.NDCG10, sc.RR, sc.Query.Query, strings.Join(sc.Ranked[:min(5, len(sc.Ranked))], ", "))
			if base != nil && base[i].NDCG10 != sc.NDCG10 {
				b := base[i]
				fmt.Printf("    fts5: nDCG %.2f → %s\n", b.NDCG10, strings.Join(b.Ranked[:min(5, len(b.Ranked))], ", "))
			}
			if sc.Query.Kind == relevance.KindQuote {
				fmt.Printf("    quote: ours %s", sc.QuoteGot)
				if base != nil {
					fmt.Printf(", fts5 %s", base[i].QuoteGot)
				}
				fmt.Printf(" (want p.%d)\n", sc.Query.Page)
			}
		}
	}
	fmt.Printf("Cross-language search on (xlang=on, %d glossary concepts), against FTS5:\n\n", g.Len())
	printTable(relevance.Summarise(ours), summariseOrNil(base))
	fmt.Printf("\nCross-language search off (xlang=off), against FTS5:\n\n")
	printTable(relevance.Summarise(mono), summariseOrNil(base))
	fmt.Printf("\nEvery word required (words joined by AND; quotes as given), xlang on, against FTS5:\n\n")
	printTable(relevance.Summarise(allWords), summariseOrNil(base))
	return nil
}

// requireAll returns the set with every plain query's words joined by AND: the
// default matching we did not choose, measured beside the one we did.
func requireAll(set *relevance.Set) *relevance.Set {
	out := *set
	out.Queries = slices.Clone(set.Queries)
	for i, q := range out.Queries {
		if q.Kind != relevance.KindQuote {
			out.Queries[i].Query = strings.Join(strings.Fields(q.Query), " AND ")
		}
	}
	return &out
}

func summariseOrNil(s []relevance.Score) []relevance.Summary {
	if s == nil {
		return nil
	}
	return relevance.Summarise(s)
}

func printTable(ours, base []relevance.Summary) {
	fmt.Println("| group | queries | nDCG@10 ours / FTS5 | MRR ours / FTS5 | recall@20 ours / FTS5 | quote page accuracy ours / FTS5 |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	for i, o := range ours {
		var b relevance.Summary
		if base != nil {
			b = base[i]
		}
		pair := func(x, y float64) string {
			if base == nil {
				return fmt.Sprintf("%.3f / –", x)
			}
			return fmt.Sprintf("%.3f / %.3f", x, y)
		}
		quote := "–"
		if o.QuoteAccuracy >= 0 {
			quote = pair(o.QuoteAccuracy, b.QuoteAccuracy)
		}
		fmt.Printf("| %s | %d | %s | %s | %s | %s |\n", o.Group, o.Queries, pair(o.NDCG10, b.NDCG10), pair(o.MRR, b.MRR), pair(o.Recall20, b.Recall20), quote)
	}
}

// sampleIndex builds the index of the bundled sample corpus under dir.
func sampleIndex(dir string) (*indexer.Index, error) {
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		return nil, err
	}
	entries, err := store.ImportFS(data.Sample(), data.SampleBaseURL)
	if err != nil {
		return nil, err
	}
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		return nil, err
	}
	if _, err := indexer.Build(context.Background(), store, entries, ix, indexer.Options{}); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// fts5 is the baseline: every page of the index in an FTS5 table (porter stemmer over
// unicode61 tokens), queried through the sqlite3 command; pages grouped into
// documents by their best bm25, as our engine groups them.
type fts5 struct {
	db string
}

func newFTS5(ctx context.Context, s *search.Searcher, ix *indexer.Index, db string) (*fts5, error) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return nil, errors.New("sqlite3 is not installed (Debian package sqlite3; make eval installs it)")
	}
	ids, err := ix.DocumentIDs()
	if err != nil {
		return nil, err
	}
	csvPath := db + ".csv"
	f, err := os.Create(csvPath)
	if err != nil {
		return nil, err
	}
	w := csv.NewWriter(f)
	for _, id := range ids {
		d, err := ix.Get(id)
		if err != nil {
			f.Close()
			return nil, err
		}
		for n := 1; n <= max(1, d.PageCount); n++ {
			p, err := s.Page(ctx, id, n, "")
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("page %d of %s: %w", n, id, err)
			}
			w.Write([]string{relevance.Key(d.SourceURL), strconv.Itoa(n), d.Lang, d.Type, strconv.Itoa(d.Year),
				"|" + strings.Join(d.Topics, "|") + "|", d.Title, p.Text})
		}
	}
	w.Flush()
	if err := errors.Join(w.Error(), f.Close()); err != nil {
		return nil, err
	}
	script := `CREATE VIRTUAL TABLE pages USING fts5(key UNINDEXED, page UNINDEXED, lang UNINDEXED, type UNINDEXED, year UNINDEXED, topics UNINDEXED, title, text, tokenize='porter unicode61');
.mode csv
.import '` + csvPath + `' pages
`
	if out, err := sqlite(ctx, db, script); err != nil {
		return nil, fmt.Errorf("load FTS5: %v: %s", err, out)
	}
	return &fts5{db: db}, nil
}

func sqlite(ctx context.Context, db, script string) (string, error) {
	cmd := exec.CommandContext(ctx, "sqlite3", "-batch", db)
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// match turns a query into an FTS5 expression: its words, any of them (or, for a
// phrase, all in order), each quoted so that FTS5 reads no syntax into them.
func match(q string, phrase bool) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if phrase {
		return `"` + strings.Join(words, " ") + `"`
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " OR ")
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func (f *fts5) where(q relevance.Query, phrase bool) string {
	conds := []string{"pages MATCH " + sqlString(match(q.Query, phrase))}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		quoted := make([]string, len(vals))
		for i, v := range vals {
			quoted[i] = sqlString(v)
		}
		conds = append(conds, col+" IN ("+strings.Join(quoted, ",")+")")
	}
	in("lang", q.Filters.Lang)
	in("type", q.Filters.Type)
	if len(q.Filters.Topic) > 0 {
		var or []string
		for _, t := range q.Filters.Topic {
			or = append(or, "topics LIKE "+sqlString("%|"+t+"|%"))
		}
		conds = append(conds, "("+strings.Join(or, " OR ")+")")
	}
	if q.Filters.YearFrom > 0 {
		conds = append(conds, fmt.Sprintf("CAST(year AS INTEGER) >= %d", q.Filters.YearFrom))
	}
	if q.Filters.YearTo > 0 {
		conds = append(conds, fmt.Sprintf("CAST(year AS INTEGER) BETWEEN 1 AND %d", q.Filters.YearTo))
	}
	return strings.Join(conds, " AND ")
}

// Rank returns documents by their best page's bm25 (pages come best first; a
// document takes the rank of its first page).
func (f *fts5) Rank(ctx context.Context, q relevance.Query, n int) ([]string, error) {
	sql := fmt.Sprintf("SELECT key FROM pages WHERE %s ORDER BY bm25(pages) LIMIT 1000;\n", f.where(q, q.Kind == relevance.KindQuote))
	out, err := sqlite(ctx, f.db, sql)
	if err != nil {
		return nil, fmt.Errorf("sqlite3: %v: %s", err, out)
	}
	var keys []string
	seen := map[string]bool{}
	for _, k := range lines(out) {
		if !seen[k] && len(keys) < n {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// QuotePage returns the best page matching the quote as a phrase.
func (f *fts5) QuotePage(ctx context.Context, q relevance.Query) (string, int, error) {
	out, err := sqlite(ctx, f.db, fmt.Sprintf(".mode tabs\nSELECT key, page FROM pages WHERE %s ORDER BY bm25(pages) LIMIT 1;\n", f.where(q, true)))
	if err != nil {
		return "", 0, fmt.Errorf("sqlite3: %v: %s", err, out)
	}
	l := lines(out)
	if len(l) == 0 {
		return "", 0, nil
	}
	key, page, _ := strings.Cut(l[0], "\t")
	n, _ := strconv.Atoi(page)
	return key, n, nil
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
