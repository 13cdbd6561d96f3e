package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/search/relevance"
)

// showDepth is how deep -show lists a query's ranking.
const showDepth = 50

// show prints, for each judged query named in ids, its ranking as the judged
// queries are run: the first 15 documents with their grades, languages, titles
// and topics (as the truth has them), then every relevant document of grade 3 that
// ranks lower, with its place (or "–" beyond showDepth). It is for tuning: what
// ranks above the answers, and why.
func show(ctx context.Context, w io.Writer, set *relevance.Set, sys relevance.System, truth evalgen.Truth, ids []string) error {
	type fact struct{ lang, title, topics string }
	facts := map[string]fact{}
	for _, d := range truth.Docs {
		facts[d.Key] = fact{d.Lang, d.Title, strings.Join(d.Topics, ",")}
	}
	for _, p := range truth.Pages {
		facts[p.Key] = fact{p.Lang, p.Kind + ": " + p.Title, strings.Join(p.Topics, ",")}
	}
	line := func(place int, key string, q relevance.Query) {
		f, ok := facts[key]
		if !ok {
			f.title, _ = url.PathUnescape(key)
		}
		fmt.Fprintf(w, "  %3s %d %-2s %-60.60s %s\n", place1(place), q.Relevant[key], f.lang, f.title, f.topics)
	}
	for _, id := range ids {
		i := slices.IndexFunc(set.Queries, func(q relevance.Query) bool { return q.ID == id })
		if i < 0 {
			return fmt.Errorf("-show: no judged query %q", id)
		}
		q := set.Queries[i]
		ranked, err := sys.Rank(ctx, q, showDepth)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n%s %s (%s) %q: nDCG@10 %.3f\n", q.ID, q.Kind, q.Lang, q.Query, relevance.NDCG(ranked, q.Relevant, 10))
		for i, k := range ranked[:min(15, len(ranked))] {
			line(i, k, q)
		}
		var missed []string
		for k, g := range q.Relevant {
			if g == 3 && slices.Index(ranked[:min(15, len(ranked))], k) < 0 {
				missed = append(missed, k)
			}
		}
		slices.SortFunc(missed, func(a, b string) int { return rankOf(ranked, a) - rankOf(ranked, b) })
		for _, k := range missed {
			line(slices.Index(ranked, k), k, q)
		}
	}
	return nil
}

// rankOf is key's place in ranked, or len(ranked) when absent.
func rankOf(ranked []string, key string) int {
	if i := slices.Index(ranked, key); i >= 0 {
		return i
	}
	return len(ranked)
}

// place1 writes a 0-based place as 1-based, or "–" for none.
func place1(i int) string {
	if i < 0 {
		return "–"
	}
	return fmt.Sprint(i + 1)
}
