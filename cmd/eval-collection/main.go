// Command eval-collection measures ssgsearch on the generated evaluation collection
// (data/evalgen): publisher sites of several shapes are served on loopback, crawled
// with the ssgsearch binary as a user would crawl them, and the documents it builds
// are compared with the collection's truth, field by field: title, date, year, type,
// publisher, topics, language, authors, translation and edition links, the PDF each
// publication page presents, and the PDF's status. The third of the works kept aside
// while tuning is reported apart from the rest.
//
//	go run ./cmd/eval-collection [-bin bin/ssgsearch] [-work DIR] [-v]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/relevance"
)

func main() {
	bin := flag.String("bin", "bin/ssgsearch", "the ssgsearch binary to crawl with")
	content := flag.String("content", "data/evalgen/content", "the collection's content files")
	fonts := flag.String("fonts", evalgen.DefaultFonts, "directory of the DejaVu fonts the PDFs embed")
	work := flag.String("work", "", "data directory for the crawl (default: a temporary one, removed after)")
	verbose := flag.Bool("v", false, "list every mismatch")
	reuse := flag.Bool("reuse", false, "with -work: search the indexes a previous run left there instead of crawling again")
	showIDs := flag.String("show", "", "judged query ids, comma-separated: print each one's ranking with grades and titles, and only that")
	flag.Parse()
	if *reuse && *work == "" {
		fmt.Fprintln(os.Stderr, "eval-collection: -reuse needs -work")
		os.Exit(2)
	}
	if err := run(*bin, *content, *fonts, *work, *verbose, *reuse, *showIDs); err != nil {
		fmt.Fprintln(os.Stderr, "eval-collection:", err)
		os.Exit(1)
	}
}

func run(bin, content, fonts, work string, verbose, reuse bool, showIDs string) error {
	start := time.Now()
	c, err := evalgen.LoadContent(os.DirFS(content))
	if err != nil {
		return err
	}
	col, err := evalgen.Generate(c, evalgen.Options{Fonts: fonts})
	if err != nil {
		return err
	}
	fmt.Printf("Collection: %d sites, %d publication documents, %d other pages, %d listings (generated in %.1f s)\n",
		len(col.Sites), len(col.Truth.Docs), len(col.Truth.Pages), len(col.Truth.Listings), time.Since(start).Seconds())
	if work == "" {
		if work, err = os.MkdirTemp("", "eval-collection"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	// A reused work directory is served where its crawl found the sites.
	hostsFile := filepath.Join(work, "sites.json")
	at := map[string]string{}
	if reuse {
		b, err := os.ReadFile(hostsFile)
		if err != nil {
			return fmt.Errorf("-reuse: %w", err)
		}
		if err := json.Unmarshal(b, &at); err != nil {
			return fmt.Errorf("-reuse: %s: %w", hostsFile, err)
		}
	}
	srv, err := col.Serve(at)
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	if b, err := json.Marshal(srv.Base); err == nil {
		if err := os.WriteFile(hostsFile, b, 0o644); err != nil {
			return err
		}
	}
	// Sites are crawled in groups, each into its own data directory: the main sites
	// together, and each mirror (the same publications in another shape) alone.
	var groups []string
	for _, s := range col.Truth.Sites {
		if !slices.Contains(groups, s.Group) {
			groups = append(groups, s.Group)
		}
	}
	var docs []*indexer.Document
	searchers := map[string]*search.Searcher{}
	indexes := map[string]*indexer.Index{}
	g, err := search.BundledGlossary()
	if err != nil {
		return err
	}
	for _, group := range groups {
		dir := filepath.Join(work, group)
		if !reuse {
			if err := crawl(bin, dir, group, col, srv); err != nil {
				return err
			}
		}
		ix, err := indexer.Open(filepath.Join(dir, "index"))
		if err != nil {
			return err
		}
		defer ix.Close()
		ds, err := allDocuments(ix)
		if err != nil {
			return err
		}
		docs = append(docs, ds...)
		indexes[group] = ix
		if searchers[group], err = search.New(ix).WithGlossary(g); err != nil {
			return err
		}
	}
	if showIDs != "" {
		set, _ := judgedSet(c, col.Truth)
		keyOf := func(d *indexer.Document) string { return srv.Key(d.SourceURL) }
		return show(context.Background(), os.Stdout, set, relevance.Engine{Searcher: searchers["main"], XLang: true, KeyOf: keyOf},
			normalKeys(col.Truth), strings.Split(showIDs, ","))
	}
	fmt.Println()
	sc := scoreMetadata(col.Truth, docs, srv)
	sc.print(os.Stdout, verbose)
	topics := map[string]evalgen.Topic{}
	for _, t := range c.Topics {
		topics[t.Key] = t
	}
	quotes, err := scoreQuotes(context.Background(), col.Truth, searchers, srv)
	if err != nil {
		return err
	}
	quotes.print(os.Stdout, verbose)
	qs, err := runQueries(context.Background(), col.Truth, filteredQueries(col.Truth, topics), searchers, srv)
	if err != nil {
		return err
	}
	qs.print(os.Stdout, verbose)
	return judged(c, col, searchers["main"], indexes["main"], srv, work, verbose)
}

// judged runs the judged queries on the main group, ours and FTS5 over the same
// pages, and prints them by part, kind and language.
func judged(c *evalgen.Content, col *evalgen.Collection, s *search.Searcher, ix *indexer.Index, srv *evalgen.Servers, work string, verbose bool) error {
	set, held := judgedSet(c, col.Truth)
	ctx := context.Background()
	keyOf := func(d *indexer.Document) string { return srv.Key(d.SourceURL) }
	ours, err := relevance.Evaluate(ctx, set, relevance.Engine{Searcher: s, XLang: true, KeyOf: keyOf})
	if err != nil {
		return err
	}
	lang := map[string]string{}
	for _, d := range normalKeys(col.Truth).Docs {
		lang[d.Key] = d.Lang
	}
	for _, p := range normalKeys(col.Truth).Pages {
		lang[p.Key] = p.Lang
	}
	langOf := func(k string) string { return lang[k] }
	var base []judgedRow
	var bs []relevance.Score
	os.Remove(filepath.Join(work, "fts.db"))
	fts, err := relevance.NewFTS5(ctx, s, ix, filepath.Join(work, "fts.db"), keyOf)
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval-collection: no FTS5 baseline:", err)
	} else {
		if bs, err = relevance.Evaluate(ctx, set, fts); err != nil {
			return err
		}
		base = summariseJudged(bs, held, langOf)
	}
	printJudged(os.Stdout, summariseJudged(ours, held, langOf), base)
	var ftsSys relevance.System
	if fts != nil {
		ftsSys = fts
	}
	tset, theld := typoSet(col.Truth)
	if err := knownItemCheck(ctx, os.Stdout, fmt.Sprintf("Known items typed with a mistake (generated: the first %d words of each title, one word mistyped)", typoWords),
		tset, theld, relevance.Engine{Searcher: s, XLang: true, KeyOf: keyOf}, ftsSys, verbose); err != nil {
		return err
	}
	lset, lheld := layoutSet(col.Truth)
	if err := knownItemCheck(ctx, os.Stdout, fmt.Sprintf("Known items typed with the wrong keyboard layout (generated: the first %d words of each title, Ukrainian and Russian on the US keys, English on the Ukrainian ones)", typoWords),
		lset, lheld, relevance.Engine{Searcher: s, XLang: true, KeyOf: keyOf}, ftsSys, verbose); err != nil {
		return err
	}
	if err := mistypedCheck(ctx, os.Stdout, set, held, relevance.Engine{Searcher: s, XLang: true, KeyOf: keyOf}); err != nil {
		return err
	}
	// Every page a hit lists should show why it is listed: a match marked.
	listed, unmarked := 0, 0
	for _, q := range set.Queries {
		res, err := s.Search(ctx, search.Request{Query: q.Query, Page: 1, Size: 10, PagesPerDoc: 3, XLang: true})
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			for _, p := range h.Pages {
				listed++
				if !strings.Contains(p.Snippet, "<mark>") {
					unmarked++
					if verbose {
						fmt.Printf("  unmarked: %s p.%d for %q\n", keyOf(h.Doc), p.Page, q.Query)
					}
				}
			}
		}
	}
	fmt.Printf("\nListed pages with a match marked: %d of %d (%.3f)\n", listed-unmarked, listed, float64(listed-unmarked)/float64(max(1, listed)))
	if verbose {
		grades := func(sc relevance.Score) string {
			var top []string
			for _, k := range sc.Ranked[:min(10, len(sc.Ranked))] {
				top = append(top, fmt.Sprint(sc.Query.Relevant[k]))
			}
			return strings.Join(top, " ")
		}
		for i, sc := range ours {
			if sc.NDCG10 < 0.8 {
				if bs != nil {
					fmt.Printf("  %s fts5 nDCG %.2f [%s]\n", sc.Query.ID, bs[i].NDCG10, grades(bs[i]))
				}
				var top []string
				for _, k := range sc.Ranked[:min(10, len(sc.Ranked))] {
					top = append(top, fmt.Sprint(sc.Query.Relevant[k]))
				}
				n3 := 0
				for _, g := range sc.Query.Relevant {
					if g == 3 {
						n3++
					}
				}
				fmt.Printf("  %s %-14s nDCG %.2f RR %.2f %q grades [%s] (%d of grade 3, %d relevant) → %s\n", sc.Query.ID, sc.Query.Kind, sc.NDCG10, sc.RR, sc.Query.Query,
					strings.Join(top, " "), n3, len(sc.Query.Relevant), strings.Join(sc.Ranked[:min(3, len(sc.Ranked))], ", "))
			}
		}
	}
	return nil
}

// seedURLs are the crawl's start URLs by crawl group, on the servers srv.
func seedURLs(col *evalgen.Collection, srv *evalgen.Servers) map[string][]string {
	out := map[string][]string{}
	for _, s := range col.Truth.Sites {
		for _, seed := range s.Seeds {
			out[s.Group] = append(out[s.Group], srv.Base[s.Name]+seed)
		}
	}
	return out
}

// crawl runs `ssgsearch crawl` over the sites of one group into work.
func crawl(bin, work, group string, col *evalgen.Collection, srv *evalgen.Servers) error {
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%s: %w (build it with make build)", bin, err)
	}
	args := []string{"crawl", "--data", work, "--rate", "0", "--workers", "4", "--max-pages", "100000"}
	args = append(args, seedURLs(col, srv)[group]...)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("ssgsearch crawl: %w\n%s", err, out)
		}
		return err
	}
	fmt.Printf("Crawled and indexed %s in %.1f s\n", group, time.Since(start).Seconds())
	return nil
}

// allDocuments returns every document of the index.
func allDocuments(ix *indexer.Index) ([]*indexer.Document, error) {
	ids, err := ix.DocumentIDs()
	if err != nil {
		return nil, err
	}
	byID, err := ix.GetMany(ids)
	if err != nil {
		return nil, err
	}
	out := make([]*indexer.Document, 0, len(ids))
	for _, id := range ids {
		if d := byID[id]; d != nil {
			out = append(out, d)
		}
	}
	return out, nil
}
