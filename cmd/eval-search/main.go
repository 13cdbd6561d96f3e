// Command eval-search measures ranking on the judged queries of data/relevance.json
// over the bundled sample corpus: our engine, and SQLite FTS5 (bm25, porter
// tokenizer, through Debian's sqlite3 command) over the same page texts as a
// baseline. It prints nDCG@10, MRR of known items, recall@20 and quote page accuracy
// by query kind and language, side by side.
//
//	go run ./cmd/eval-search [-judgments data/relevance.json] [-v]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	g, err := search.BundledGlossary()
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
	fts, err := relevance.NewFTS5(ctx, s, ix, filepath.Join(tmp, "fts.db"), nil)
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
