package search

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

func TestParseGlossary(t *testing.T) {
	g, err := ParseGlossary(bytes.NewReader(data.Glossary))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() < 300 {
		t.Errorf("bundled glossary has %d concepts, want at least 300", g.Len())
	}
	for _, bad := range []string{"oversight нагляд\n", "oversight\t\n", "\tнагляд\n"} {
		if _, err := ParseGlossary(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("ParseGlossary(%q) = %v, want an error naming line 1", bad, err)
		}
	}
	g, err = ParseGlossary(strings.NewReader("# comment\n\nombudsperson / ombudsman\tомбудсман / Уповноважений з прав людини\n"))
	if err != nil || g.Len() != 1 || len(g.entries[0].en) != 2 || len(g.entries[0].uk) != 2 {
		t.Fatalf("ParseGlossary: %+v, %v", g, err)
	}
}

func TestCrossLanguageSearch(t *testing.T) {
	ix, _ := indextest.Sample(t)
	g, err := ParseGlossary(bytes.NewReader(data.Glossary))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ix).WithGlossary(g)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		query     string
		xlang     bool
		wantFirst string // a word of the first hit's title; "" for no hit
		wantExp   string // a translation Expansions must name; "" for none
	}{
		// Only Ukrainian documents speak of domestic violence.
		{"domestic violence", true, "Гендер", "домашнє насильство"},
		{"domestic violence", false, "", ""},
		// A Ukrainian query finds the English manual on police integrity.
		{"доброчесність поліції", true, "Police", "police integrity"},
		// The longest term wins: "parliamentary oversight", not "oversight" alone.
		{"parliamentary oversight", true, "Parliamentary", "парламентський контроль"},
		// Fields, exclusions and required words are not loosened by translations.
		{"title:violence", true, "", ""},
		{"domestic -violence", true, "", ""},
	}
	for _, tt := range tests {
		res, err := s.Search(ctx, Request{Query: tt.query, XLang: tt.xlang})
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		switch {
		case tt.wantFirst == "" && res.Total > 0:
			t.Errorf("%q (xlang %v): %d hits, want none", tt.query, tt.xlang, res.Total)
		case tt.wantFirst != "" && (res.Total == 0 || !strings.Contains(res.Hits[0].Doc.Title, tt.wantFirst)):
			t.Errorf("%q (xlang %v): first hit %v, want a title with %q", tt.query, tt.xlang, titles(res), tt.wantFirst)
		}
		var exps []string
		for _, e := range res.Expansions {
			exps = append(exps, strings.Join(e.Terms, " / "))
		}
		got := strings.Join(exps, "; ")
		if tt.wantExp == "" && got != "" || !strings.Contains(got, tt.wantExp) {
			t.Errorf("%q (xlang %v): expansions %q, want %q", tt.query, tt.xlang, got, tt.wantExp)
		}
		if tt.query == "parliamentary oversight" && strings.Contains(got, "нагляд / контроль") {
			t.Errorf("%q: the shorter term inside the longer one was expanded too: %q", tt.query, got)
		}
	}
}

func titles(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Doc.Title)
	}
	return out
}
