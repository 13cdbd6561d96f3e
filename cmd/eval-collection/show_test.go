package main

import (
	"context"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/search/relevance"
)

// ranked is a relevance.System that ranks every query the same.
type ranked []string

func (r ranked) Rank(_ context.Context, _ relevance.Query, n int) ([]string, error) {
	return r[:min(n, len(r))], nil
}

func (ranked) QuotePage(context.Context, relevance.Query) (string, int, error) { return "", 0, nil }

func TestShow(t *testing.T) {
	set := &relevance.Set{Queries: []relevance.Query{{ID: "q1", Kind: "topic", Lang: "en", Query: "police",
		Relevant: map[string]int{"s/a": 3, "s/b": 1, "s/far": 3, "s/gone": 3}}}}
	sys := make(ranked, 0, 30)
	sys = append(sys, "s/b", "s/x", "s/a")
	for range 20 {
		sys = append(sys, "s/x")
	}
	sys = append(sys, "s/far")
	truth := evalgen.Truth{
		Docs:  []evalgen.DocTruth{{Key: "s/a", Lang: "en", Title: "Police reform", Topics: []string{"police-reform"}}},
		Pages: []evalgen.PageTruth{{Key: "s/b", Kind: "event", Lang: "uk", Title: "Дискусія"}},
	}
	var b strings.Builder
	if err := show(context.Background(), &b, set, sys, truth, []string{"q1"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`q1 topic (en) "police"`,
		"    1 1 uk event: Дискусія",
		"    3 3 en Police reform",
		"   24 3", // s/far: a grade 3 below the first 15, at its place
		"    – 3", // s/gone: not ranked
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "   24 3") > strings.Index(out, "    – 3") {
		t.Errorf("show lists the missing grade-3 documents out of order:\n%s", out)
	}
	if err := show(context.Background(), &b, set, sys, truth, []string{"nope"}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("an unknown query id: %v", err)
	}
}
