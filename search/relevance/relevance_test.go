package relevance

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
)

func TestMetrics(t *testing.T) {
	rel := map[string]int{"a": 3, "b": 1}
	tests := []struct {
		ranked         []string
		ndcg, recall20 float64
	}{
		{[]string{"a", "b"}, 1, 1},
		{[]string{"b", "a"}, (1 + 7/math.Log2(3)) / (7 + 1/math.Log2(3)), 1},
		{[]string{"x", "a"}, (7 / math.Log2(3)) / (7 + 1/math.Log2(3)), 0.5},
		{nil, 0, 0},
	}
	for _, tt := range tests {
		if got := NDCG(tt.ranked, rel, 10); math.Abs(got-tt.ndcg) > 1e-9 {
			t.Errorf("NDCG(%v) = %v, want %v", tt.ranked, got, tt.ndcg)
		}
		if got := recall(tt.ranked, rel, 20); got != tt.recall20 {
			t.Errorf("recall(%v) = %v, want %v", tt.ranked, got, tt.recall20)
		}
	}
	if Key("sample:///uk/publication/%D0%B3%D0%B5%D0%BD%D0%B4%D0%B5%D1%80/") != "uk/publication/гендер" {
		t.Errorf("Key does not unescape the path")
	}
}

func TestLoadRejectsBadJudgments(t *testing.T) {
	for _, bad := range []string{
		`{"queries": [{"id": "a", "kind": "topic", "query": "x", "relevant": {}}]}`,
		`{"queries": [{"id": "a", "kind": "weird", "query": "x", "relevant": {"d": 1}}]}`,
		`{"queries": [{"id": "a", "kind": "quote", "query": "x", "relevant": {"d": 3}}]}`,
		`{"queries": [{"id": "a", "kind": "topic", "query": "x", "relevant": {"d": 5}}]}`,
		`{"queries": [{"id": "a", "kind": "topic", "query": "x", "relevant": {"d": 1}}, {"id": "a", "kind": "topic", "query": "y", "relevant": {"d": 1}}]}`,
		`{"queries": [], "extra": 1}`,
	} {
		if _, err := Load(strings.NewReader(bad)); err == nil {
			t.Errorf("Load accepted %s", bad)
		}
	}
}

// floors are the levels the engine reached on data/relevance.json when they were
// recorded (docs/BENCHMARKS.md); a change that ranks worse fails here.
// Cross-language search is on, as it is by default. The cross-language floor was
// lowered from 0.87 when documents in the query's language began to rank above
// other-language documents with the same evidence (the sample's seven
// cross-language queries want the other-language document first), and from 0.83
// when the glossary grew from 380 to 1,167 concepts (more of an English query's
// words have translations, which find more English documents too; the evaluation
// collection's cross-language queries gained, 0.55 → 0.57 nDCG@10). The MRR of
// all queries was lowered from 0.93 to 0.92 when translated queries began to rank
// each language against its own best (balancePower): one English topic query of
// the sample finds its first relevant document second (0.93 → 0.923); on the
// evaluation collection both languages reach the first ten for 93 % of
// cross-language queries instead of 85 %. The topic MRR floor was lowered from
// 0.90 to 0.89 with the topic-name prior and stop words left out of word clauses
// (0.900 → 0.892, as one query of twenty whose first relevant document moves from
// second to third would make it; the collection's filtered queries rose from 0.81
// to 0.89).
var floors = map[string]struct{ ndcg, mrr, quote float64 }{
	"topic":          {0.92, 0.89, -1},
	"known-item":     {1.00, 1.00, -1},
	"quote":          {1.00, 1.00, 1.00},
	"cross-language": {0.79, 0.73, -1},
	"filtered":       {0.91, 0.91, -1},
	"all":            {0.94, 0.92, 1.00},
}

func TestSampleRelevance(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "data", "relevance.json"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := Load(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Queries) < 50 {
		t.Fatalf("%d judged queries, want at least 50", len(set.Queries))
	}
	ix, _ := indextest.Sample(t)
	g, err := search.BundledGlossary() // as the server searches
	if err != nil {
		t.Fatal(err)
	}
	s, err := search.New(ix).WithGlossary(g)
	if err != nil {
		t.Fatal(err)
	}
	scores, err := Evaluate(context.Background(), set, Engine{Searcher: s, XLang: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Summarise(scores) {
		fl, ok := floors[s.Group]
		if !ok {
			continue
		}
		const eps = 0.005
		if s.NDCG10 < fl.ndcg-eps || s.MRR < fl.mrr-eps || s.QuoteAccuracy < fl.quote-eps {
			t.Errorf("%s: nDCG@10 %.3f (floor %.2f), MRR %.3f (%.2f), quote accuracy %.3f (%.2f)",
				s.Group, s.NDCG10, fl.ndcg, s.MRR, fl.mrr, s.QuoteAccuracy, fl.quote)
		}
	}
}
