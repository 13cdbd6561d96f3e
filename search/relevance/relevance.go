// Package relevance measures ranking against judged queries: nDCG@10, reciprocal
// rank of the known item, recall@20 and quote page accuracy, by query kind and
// language, for our engine or any other System given the same queries.
package relevance

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/ssgsearch/ssgsearch/search"
)

// Query kinds.
const (
	KindTopic     = "topic"
	KindKnownItem = "known-item"
	KindQuote     = "quote"
	KindXLang     = "cross-language"
	KindFiltered  = "filtered"
)

var kinds = []string{KindTopic, KindKnownItem, KindQuote, KindXLang, KindFiltered}

// Query is one judged query.
type Query struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Lang  string `json:"lang"` // the language the query is written in
	Query string `json:"query"`
	// Filters, as the API takes them.
	Filters search.Filters `json:"filters,omitzero"`
	// Relevant grades documents by key (see Key): 3 the answer (the known item, the
	// document holding the quote), 2 highly relevant, 1 relevant.
	Relevant map[string]int `json:"relevant"`
	// Page is, for a quote, the physical page (from 1) of the grade-3 document it
	// is on.
	Page int `json:"page,omitempty"`
	// Note says why the judgments are what they are.
	Note string `json:"note,omitempty"`
}

// Set is a file of judged queries.
type Set struct {
	// Corpus names what the judgments are about.
	Corpus  string  `json:"corpus"`
	Queries []Query `json:"queries"`
}

// Load reads and checks a set of judged queries.
func Load(r io.Reader) (*Set, error) {
	var s Set
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("relevance: %w", err)
	}
	seen := map[string]bool{}
	for i, q := range s.Queries {
		switch {
		case q.ID == "" || seen[q.ID]:
			return nil, fmt.Errorf("relevance: query %d: missing or repeated id %q", i+1, q.ID)
		case !slices.Contains(kinds, q.Kind):
			return nil, fmt.Errorf("relevance: query %s: kind %q is not one of %s", q.ID, q.Kind, strings.Join(kinds, ", "))
		case strings.TrimSpace(q.Query) == "":
			return nil, fmt.Errorf("relevance: query %s: empty query", q.ID)
		case len(q.Relevant) == 0:
			return nil, fmt.Errorf("relevance: query %s: no relevant documents", q.ID)
		case (q.Kind == KindQuote || q.Kind == KindKnownItem) && q.answer() == "":
			return nil, fmt.Errorf("relevance: query %s: a %s query needs one document of grade 3", q.ID, q.Kind)
		case q.Kind == KindQuote && q.Page < 1:
			return nil, fmt.Errorf("relevance: query %s: a quote needs its page", q.ID)
		}
		for k, g := range q.Relevant {
			if g < 1 || g > 3 {
				return nil, fmt.Errorf("relevance: query %s: grade %d of %s is not 1–3", q.ID, g, k)
			}
		}
		seen[q.ID] = true
	}
	return &s, nil
}

// answer returns the key of the query's grade-3 document when there is exactly one.
func (q Query) answer() string {
	var a []string
	for k, g := range q.Relevant {
		if g == 3 {
			a = append(a, k)
		}
	}
	if len(a) != 1 {
		return ""
	}
	return a[0]
}

// Key names a document in judgments: the path of its source URL, unescaped, without
// the slashes around it ("publication/police-integrity-training-manual",
// "uk/publication/гендер-і-сектор-безпеки-посібник").
func Key(sourceURL string) string {
	u, err := url.Parse(sourceURL)
	if err != nil {
		return sourceURL
	}
	return strings.Trim(u.Path, "/")
}

// System is a search engine under evaluation.
type System interface {
	// Rank returns the keys of the first n documents for q, best first.
	Rank(ctx context.Context, q Query, n int) ([]string, error)
	// QuotePage returns where the system finds a quote first: document key and page.
	QuotePage(ctx context.Context, q Query) (key string, page int, err error)
}

// Score is one query's outcome.
type Score struct {
	Query    Query
	Ranked   []string
	NDCG10   float64
	RR       float64 // reciprocal rank of the grade-3 document (0 when absent from 20)
	Recall20 float64
	// QuoteOK reports, for a quote, that the first place found is the right page of
	// the right document.
	QuoteOK  bool
	QuoteGot string
}

// Evaluate runs every query of set against sys.
func Evaluate(ctx context.Context, set *Set, sys System) ([]Score, error) {
	var out []Score
	for _, q := range set.Queries {
		ranked, err := sys.Rank(ctx, q, 20)
		if err != nil {
			return nil, fmt.Errorf("query %s (%q): %w", q.ID, q.Query, err)
		}
		s := Score{Query: q, Ranked: ranked, NDCG10: NDCG(ranked, q.Relevant, 10), Recall20: recall(ranked, q.Relevant, 20)}
		if a := q.answer(); a != "" {
			if i := slices.Index(ranked, a); i >= 0 {
				s.RR = 1 / float64(i+1)
			}
		}
		if q.Kind == KindQuote {
			key, page, err := sys.QuotePage(ctx, q)
			if err != nil {
				return nil, fmt.Errorf("quote %s: %w", q.ID, err)
			}
			s.QuoteOK = key == q.answer() && page == q.Page
			s.QuoteGot = fmt.Sprintf("%s p.%d", key, page)
		}
		out = append(out, s)
	}
	return out, nil
}

// NDCG is the normalised discounted cumulative gain of the first k documents of
// ranked, graded by rel, with gain 2^grade − 1.
func NDCG(ranked []string, rel map[string]int, k int) float64 {
	dcg := 0.0
	for i, key := range ranked[:min(k, len(ranked))] {
		dcg += (math.Pow(2, float64(rel[key])) - 1) / math.Log2(float64(i+2))
	}
	grades := make([]int, 0, len(rel))
	for _, g := range rel {
		grades = append(grades, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	ideal := 0.0
	for i, g := range grades[:min(k, len(grades))] {
		ideal += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
	}
	if ideal == 0 {
		return 0
	}
	return dcg / ideal
}

// recall is the share of relevant documents among the first k.
func recall(ranked []string, rel map[string]int, k int) float64 {
	hit := 0
	for _, key := range ranked[:min(k, len(ranked))] {
		if rel[key] > 0 {
			hit++
		}
	}
	return float64(hit) / float64(len(rel))
}

// Summary is the mean of each measure over a group of queries.
type Summary struct {
	Group    string  `json:"group"`
	Queries  int     `json:"queries"`
	NDCG10   float64 `json:"ndcg10"`
	MRR      float64 `json:"mrr"` // over queries with one grade-3 document
	Recall20 float64 `json:"recall20"`
	// QuoteAccuracy is the share of quotes found first on the right page (-1 when
	// the group has none).
	QuoteAccuracy float64 `json:"quote_accuracy"`
}

// Summarise groups scores by kind, by kind and language, and over all queries.
func Summarise(scores []Score) []Summary {
	groups := map[string][]Score{}
	var order []string
	add := func(g string, s Score) {
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], s)
	}
	for _, k := range kinds {
		for _, s := range scores {
			if s.Query.Kind == k {
				add(k, s)
			}
		}
		for _, lang := range []string{"en", "uk"} {
			for _, s := range scores {
				if s.Query.Kind == k && s.Query.Lang == lang {
					add(k+"/"+lang, s)
				}
			}
		}
	}
	for _, s := range scores {
		add("all", s)
	}
	var out []Summary
	for _, g := range order {
		ss := groups[g]
		sum := Summary{Group: g, Queries: len(ss), QuoteAccuracy: -1}
		known, quotes, ok := 0, 0, 0
		for _, s := range ss {
			sum.NDCG10 += s.NDCG10
			sum.Recall20 += s.Recall20
			if s.Query.answer() != "" {
				sum.MRR += s.RR
				known++
			}
			if s.Query.Kind == KindQuote {
				quotes++
				if s.QuoteOK {
					ok++
				}
			}
		}
		sum.NDCG10 /= float64(len(ss))
		sum.Recall20 /= float64(len(ss))
		if known > 0 {
			sum.MRR /= float64(known)
		}
		if quotes > 0 {
			sum.QuoteAccuracy = float64(ok) / float64(quotes)
		}
		out = append(out, sum)
	}
	return out
}
