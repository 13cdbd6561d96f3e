package search

import (
	"context"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

func TestScoredLengths(t *testing.T) {
	for _, tt := range []struct {
		name string
		docs map[string]docLengths
		want map[string]float64
	}{
		{name: "none", docs: nil, want: nil},
		{name: "pages of 350 words", docs: map[string]docLengths{
			"a": {{10, 3500}, {10, 3500}, {}, {}, {10, 120}},
			"b": {{20, 7000}, {}, {20, 7000}, {}, {20, 240}},
		}, want: map[string]float64{indexer.FieldBody: 12, indexer.FieldStemEN: 3, indexer.FieldStemUK: 3, indexer.FieldTitle: 1}},
		{name: "short pages: at least 1", docs: map[string]docLengths{
			"a": {{4, 40}, {}, {}, {4, 40}, {4, 8}},
		}, want: map[string]float64{indexer.FieldBody: 1, indexer.FieldStemRU: 1, indexer.FieldTitle: 1}},
	} {
		if got := scoredLengths(tt.docs); !maps.Equal(got, tt.want) {
			t.Errorf("%s: scoredLengths = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// avgRE reads the mean length BM25 scored a field with from an explanation.
var avgRE = regexp.MustCompile(`fieldNorm\(field=(\w+)\), b=[0-9.]+, fieldLength=[0-9.]+, avgFieldLength=([0-9.]+)\)`)

// TestSearchFieldLengths: searches score the text fields with the mean lengths of
// the documents' pages (scoredLengths), which follow the writes.
func TestSearchFieldLengths(t *testing.T) {
	page := func(words int) string {
		return strings.Repeat("oversight of the security sector budget ", words/6)
	}
	doc := func(id string, words int) *indexer.Document {
		return &indexer.Document{ID: id, Title: "Parliamentary oversight of the budget", Lang: "en", Type: indexer.TypeReport,
			Pages: []indexer.Page{{Number: 1, Text: page(words)}, {Number: 2, Text: page(words)}}}
	}
	ix := indextest.Docs(t, doc("a", 300), doc("b", 420))
	s := New(ix)
	ctx := context.Background()
	explained := func() map[string]string {
		t.Helper()
		res, err := s.Search(ctx, Request{Query: "oversight", Explain: true})
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("search: %v, %v", res, err)
		}
		seen := map[string]string{}
		var walk func(e *indexer.Explanation)
		walk = func(e *indexer.Explanation) {
			if m := avgRE.FindStringSubmatch(e.Message); m != nil {
				seen[m[1]] = m[2]
			}
			for _, c := range e.Children {
				walk(c)
			}
		}
		for _, h := range res.Hits {
			if h.Explain != nil && h.Explain.Page != nil {
				walk(h.Explain.Page)
			}
		}
		return seen
	}
	// Pages of 300 and 420 words: a mean of 360, a share of 12; titles of 5.
	if got := explained(); got[indexer.FieldBody] != "12.000000" || got[indexer.FieldStemEN] != "3.000000" || got[indexer.FieldTitle] != "1.000000" {
		t.Errorf("mean lengths scored %v, want body 12, stem_en 3, title 1", got)
	}
	if _, err := ix.Put(ctx, doc("c", 1200)); err != nil {
		t.Fatal(err)
	}
	if got := explained(); got[indexer.FieldBody] != "21.000000" {
		t.Errorf("after a document of longer pages: body scored with %q, want 21 (a mean of 640 words)", got[indexer.FieldBody])
	}
	if err := ix.Delete("c"); err != nil {
		t.Fatal(err)
	}
	if got := explained(); got[indexer.FieldBody] != "12.000000" {
		t.Errorf("after its deletion: body scored with %q, want 12 again", got[indexer.FieldBody])
	}
}
