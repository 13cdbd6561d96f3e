package quote_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/quote"
)

func TestVerifyQuote(t *testing.T) {
	ix, _ := indextest.Sample(t)
	s := search.New(ix)
	ctx := context.Background()
	tests := []struct {
		quote, verdict string
		page           int
		folded         string // the foldings a normalized match names
		diff           string // a step the word diff of a near match must have
	}{
		{"An inquiry into everything finds nothing.", quote.Exact, 16, "", ""},
		// Quotation marks around the quote and the page's line breaks are no difference.
		{"\u201cA closed hearing is not a secret hearing: the fact that it took place\u201d", quote.Exact, 15, "", ""},
		{"A closed hearing is not a secret hearing, the fact that it took place", quote.Normalized, 15, "punctuation", ""},
		{"a closed hearing is not a secret hearing", quote.Normalized, 15, "case", ""},
		{"з\u2019ясовувати причини розбіжностей", quote.Exact, 3, "", ""},
		{"з\u02bcясовувати причини розбіжностей", quote.Normalized, 3, "quotes", ""},
		{"A closed hearing is a secret hearing", quote.Near, 15, "", "+ not"},
		{"A closed hearing is not a private hearing", quote.Near, 15, "", "~ private secret"},
		{"Committees never hold any meeting in the basement of the moon", quote.NotFound, 0, "", ""},
	}
	for _, tt := range tests {
		res, err := quote.Verify(ctx, s, tt.quote)
		if err != nil {
			t.Fatalf("%q: %v", tt.quote, err)
		}
		if res.Verdict != tt.verdict {
			t.Errorf("%q: verdict %s, want %s (%+v)", tt.quote, res.Verdict, tt.verdict, res.Places)
			continue
		}
		if tt.verdict == quote.NotFound {
			if len(res.Places) != 0 {
				t.Errorf("%q: not found, yet places %+v", tt.quote, res.Places)
			}
			continue
		}
		if len(res.Places) == 0 || res.Places[0].Page != tt.page {
			t.Errorf("%q: places %+v, want page %d first", tt.quote, res.Places, tt.page)
			continue
		}
		p := res.Places[0]
		if !strings.Contains(p.Snippet, "<mark>") || p.Context == "" || p.End <= p.Start {
			t.Errorf("%q: place without its mark, context or span: %+v", tt.quote, p)
		}
		if (tt.verdict == quote.Exact) != p.Exact {
			t.Errorf("%q: Exact = %v", tt.quote, p.Exact)
		}
		if got := strings.Join(p.Folded, ","); got != tt.folded {
			t.Errorf("%q: folded %q, want %q", tt.quote, got, tt.folded)
		}
		if tt.diff != "" {
			var steps []string
			for _, d := range p.Diff {
				steps = append(steps, strings.Join(strings.Fields(d.Op+" "+d.Quote+" "+d.Doc), " "))
			}
			if !slices.Contains(steps, tt.diff) {
				t.Errorf("%q: diff %v lacks %q", tt.quote, steps, tt.diff)
			}
		}
	}
	for _, bad := range []string{"", "  ", "…!?", strings.Repeat("word ", 500)} {
		if _, err := quote.Verify(ctx, s, bad); !errors.Is(err, search.ErrInvalidRequest) {
			t.Errorf("%.20q: %v, want ErrInvalidRequest", bad, err)
		}
	}
}

// TestVerifyQuoteAcrossPageBreak: a sentence that runs from the foot of one page to
// the top of the next is found, starting on the first.
func TestVerifyQuoteAcrossPageBreak(t *testing.T) {
	s := pdfSearcher(t,
		[]pdftest.Line{line(740, "Oversight needs regular contact."), line(726, "Committees must be able to question the")},
		[]pdftest.Line{line(740, "minister in public at least once a year."), line(726, "Written answers are not enough.")},
	)
	res, err := quote.Verify(context.Background(), s, "must be able to question the minister in public")
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != quote.Exact || len(res.Places) != 1 || res.Places[0].Page != 1 || res.Places[0].EndPage != 2 {
		t.Fatalf("verdict %s, places %+v", res.Verdict, res.Places)
	}
	if !strings.Contains(res.Places[0].Context, "question the minister in public") {
		t.Errorf("context %q", res.Places[0].Context)
	}
}

// BenchmarkVerifyQuote measures quote verification: an exact quote and a near one.
func BenchmarkVerifyQuote(b *testing.B) {
	ix, _ := indextest.Sample(b)
	s := search.New(ix)
	for _, q := range []string{"A closed hearing is not a secret hearing", "A closed hearing is a secret hearing"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := quote.Verify(context.Background(), s, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// line is a line of 11-point text at height y of a test page.
func line(y float64, text string) pdftest.Line {
	return pdftest.Line{X: 72, Y: y, Size: 11, Text: text}
}

// pdfSearcher searches an index of one PDF with these pages.
func pdfSearcher(t *testing.T, pages ...[]pdftest.Line) *search.Searcher {
	t.Helper()
	ix, _ := indextest.FS(t, fstest.MapFS{"report.pdf": {Data: pdftest.Pages(pages...)}}, "https://example.org/")
	return search.New(ix)
}
