package main

import (
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"

	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/search/relevance"
)

// The judged queries of data/evalgen/content/queries.yaml are graded by these rules,
// written before tuning, over the documents of the main crawl group (the archive
// mirror repeats the library's works):
//
// For a topic, vocabulary or cross-language query about topics [t1, t2]:
//   - 3: a publication whose focus (first topic) is t1, in the query's language —
//     for a cross-language query, in English or Ukrainian;
//   - 2: a publication whose focus is t2, or that has t1 among its other topics,
//     in those languages; a publication whose focus is t1 in another language;
//   - 1: a publication that has t2 among its other topics; a publication focused on
//     t1 or t2 in another language than the above; an omnibus (annual report,
//     newsletter) in the query's language; t1's explainer page and events on t1 in
//     the query's language;
//   - an edition superseded by a later one gets one grade less (at least 1): the
//     current edition is the answer.
//
// For a known-item query for a work: 3 its version in the query's language (the
// query says "second edition" when it asks for one); 1 its other language versions.
//
// A query is held (kept aside while tuning) when a hash of its id says so: a third.
func judgedSet(c *evalgen.Content, truth evalgen.Truth) (*relevance.Set, map[string]bool) {
	main := mainSites(truth)
	set := &relevance.Set{Corpus: "the evaluation collection (data/evalgen), main crawl group"}
	held := map[string]bool{}
	for _, q := range c.Queries {
		rq := relevance.Query{ID: q.ID, Kind: q.Kind, Lang: q.Lang, Query: q.Query, Relevant: map[string]int{}}
		switch q.Kind {
		case "known-item":
			rq.Kind = relevance.KindKnownItem
			for _, d := range truth.Docs {
				if !main[d.Site] || d.Work != q.Work {
					continue
				}
				if d.Lang == q.Lang {
					rq.Relevant[evalgen.NormalKey(d.Key)] = 3
				} else {
					rq.Relevant[evalgen.NormalKey(d.Key)] = 1
				}
			}
		default:
			if q.Kind == "vocabulary" {
				rq.Kind = relevance.KindTopic // judged as topic queries; reported apart by id
			}
			langs := []string{q.Lang}
			if q.Kind == relevance.KindXLang {
				langs = []string{"en", "uk"}
			}
			t1, t2 := q.Topics[0], ""
			if len(q.Topics) > 1 {
				t2 = q.Topics[1]
			}
			for _, d := range truth.Docs {
				if !main[d.Site] {
					continue
				}
				in := slices.Contains(langs, d.Lang)
				focus, others := "", []string{}
				if len(d.Topics) > 0 {
					focus, others = d.Topics[0], d.Topics[1:]
				}
				grade := 0
				switch {
				case in && focus == t1:
					grade = 3
				case in && (focus == t2 && t2 != "" || slices.Contains(others, t1)), !in && focus == t1:
					grade = 2
				case in && t2 != "" && slices.Contains(others, t2), !in && t2 != "" && focus == t2, d.Omnibus && d.Lang == q.Lang:
					grade = 1
				}
				if grade > 1 && len(d.LaterEditions) > 0 {
					grade--
				}
				if grade > 0 {
					rq.Relevant[evalgen.NormalKey(d.Key)] = grade
				}
			}
			for _, p := range truth.Pages {
				site, _, _ := strings.Cut(p.Key, "/")
				if main[site] && p.Lang == q.Lang && p.Kind != "about" && slices.Contains(p.Topics, t1) {
					rq.Relevant[evalgen.NormalKey(p.Key)] = 1
				}
			}
		}
		if len(rq.Relevant) == 0 {
			continue
		}
		h := fnv.New32a()
		h.Write([]byte("held/" + q.ID))
		held[q.ID] = h.Sum32()%3 == 0
		set.Queries = append(set.Queries, rq)
	}
	return set, held
}

// judgedRow is one line of the judged-queries table.
type judgedRow struct {
	group, part string
	n           int
	ndcg, mrr   float64
	// both is, for cross-language queries, the share with documents in both
	// languages among the first ten.
	both float64
}

// mainSites are the names of the sites of the main crawl group, whose documents
// the judged queries are about.
func mainSites(truth evalgen.Truth) map[string]bool {
	main := map[string]bool{}
	for _, s := range truth.Sites {
		if s.Group == "main" {
			main[s.Name] = true
		}
	}
	return main
}

// summariseJudged groups scores by part, kind and language.
func summariseJudged(scores []relevance.Score, held map[string]bool, langOf func(key string) string) []judgedRow {
	type acc struct {
		n, known, xl, both int
		ndcg, rr           float64
	}
	groups := map[string]*acc{}
	var order []string
	add := func(g string, s relevance.Score) {
		a := groups[g]
		if a == nil {
			a = &acc{}
			groups[g] = a
			order = append(order, g)
		}
		a.n++
		a.ndcg += s.NDCG10
		if s.Query.Kind == relevance.KindKnownItem {
			a.known++
			a.rr += s.RR
		}
		if s.Query.Kind == relevance.KindXLang {
			a.xl++
			langs := map[string]bool{}
			for _, k := range s.Ranked[:min(10, len(s.Ranked))] {
				langs[langOf(k)] = true
			}
			if langs["en"] && langs["uk"] {
				a.both++
			}
		}
	}
	for _, part := range []string{"dev", "held"} {
		for _, s := range scores {
			if held[s.Query.ID] != (part == "held") {
				continue
			}
			kind := s.Query.Kind
			if strings.HasPrefix(s.Query.ID, "vm-") {
				kind = "vocabulary"
			}
			add(part+" all", s)
			add(part+" "+kind, s)
			add(part+" "+kind+"/"+s.Query.Lang, s)
			add(part+" lang/"+s.Query.Lang, s)
		}
	}
	var out []judgedRow
	for _, g := range order {
		a := groups[g]
		part, name, _ := strings.Cut(g, " ")
		r := judgedRow{group: name, part: part, n: a.n, ndcg: a.ndcg / float64(a.n), mrr: -1, both: -1}
		if a.known > 0 {
			r.mrr = a.rr / float64(a.known)
		}
		if a.xl > 0 {
			r.both = float64(a.both) / float64(a.xl)
		}
		out = append(out, r)
	}
	return out
}

func printJudged(w io.Writer, ours, base []judgedRow) {
	fmt.Fprintf(w, "\nJudged queries (ours / FTS5): nDCG@10, MRR of the known item, both languages among the first ten\n\n")
	fmt.Fprintf(w, "| part | group | queries | nDCG@10 | MRR | both languages |\n| --- | --- | --- | --- | --- | --- |\n")
	for i, o := range ours {
		pair := func(x, y float64) string {
			if x < 0 {
				return "–"
			}
			if base == nil {
				return fmt.Sprintf("%.3f", x)
			}
			return fmt.Sprintf("%.3f / %.3f", x, y)
		}
		var b judgedRow
		if base != nil {
			b = base[i]
		}
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s |\n", o.part, o.group, o.n, pair(o.ndcg, b.ndcg), pair(o.mrr, b.mrr), pair(o.both, b.both))
	}
}
