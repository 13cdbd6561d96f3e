package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/quote"
)

// quoteScore counts the collection's quotes (sentences unique in it, some over a
// page break) verified on the right document and page, by the producer of the PDF.
type quoteScore struct {
	total, found, exact int
	breaks, breaksFound int
	// elided, elidedFound, elidedExact count the quotes of at least
	// minElidedWords words asked again with their middle third left out;
	// elidedBreaks, elidedBreaksFound those over a page break.
	elided, elidedFound, elidedExact int
	elidedBreaks, elidedBreaksFound  int
	byProducer                       map[string][2]int // producer → found, total
	misses                           []string
}

// scoreQuotes verifies every quote of the truth with the searcher of its site's
// group: found when a place is on the quote's document, starting on its page (and,
// over a break, ending on the next).
func scoreQuotes(ctx context.Context, truth evalgen.Truth, searchers map[string]*search.Searcher, srv *evalgen.Servers) (quoteScore, error) {
	truth = normalKeys(truth)
	group := map[string]string{}
	for _, s := range truth.Sites {
		group[s.Name] = s.Group
	}
	sc := quoteScore{byProducer: map[string][2]int{}}
	for _, d := range truth.Docs {
		s := searchers[group[d.Site]]
		if s == nil || d.PDFStatus != "ok" {
			continue
		}
		for _, q := range d.Quotes {
			res, err := quote.Verify(ctx, s, q.Text)
			if err != nil {
				return sc, fmt.Errorf("quote %q: %w", q.Text, err)
			}
			ok, exact := false, false
			for _, p := range res.Places {
				end := 0
				if q.Break {
					end = q.Page + 1
				}
				if srv.Key(p.Doc.SourceURL) == d.Key && p.Page == q.Page && p.EndPage == end {
					ok, exact = true, p.Exact
					break
				}
			}
			sc.total++
			pr := sc.byProducer[d.Producer]
			pr[1]++
			if q.Break {
				sc.breaks++
			}
			if ok {
				sc.found++
				pr[0]++
				if exact {
					sc.exact++
				}
				if q.Break {
					sc.breaksFound++
				}
			} else {
				sc.misses = append(sc.misses, fmt.Sprintf("%s p.%d (%s, verdict %s): %q", d.Key, q.Page, d.Producer, res.Verdict, q.Text))
			}
			sc.byProducer[d.Producer] = pr
			if words := strings.Fields(q.Text); len(words) >= minElidedWords {
				k := len(words) / 3
				text := strings.Join(words[:k], " ") + " " + elisions[sc.elided%len(elisions)] + " " + strings.Join(words[len(words)-k:], " ")
				res, err := quote.Verify(ctx, s, text)
				if err != nil {
					return sc, fmt.Errorf("quote %q: %w", text, err)
				}
				sc.elided++
				end := 0
				if q.Break {
					sc.elidedBreaks++
					end = q.Page + 1
				}
				found := false
				for _, p := range res.Places {
					if srv.Key(p.Doc.SourceURL) == d.Key && p.Page == q.Page && p.EndPage == end && len(p.Omitted) == 1 {
						sc.elidedFound++
						if p.Exact {
							sc.elidedExact++
						}
						if q.Break {
							sc.elidedBreaksFound++
						}
						found = true
						break
					}
				}
				if !found {
					sc.misses = append(sc.misses, fmt.Sprintf("%s p.%d (%s, verdict %s, elided): %q", d.Key, q.Page, d.Producer, res.Verdict, text))
				}
			}
		}
	}
	return sc, nil
}

// minElidedWords is the fewest words of a quote asked again with words left out;
// elisions are the marks it is asked with, in turn.
const minElidedWords = 9

var elisions = []string{"…", "[...]", "(…)", ". . ."}

func (sc quoteScore) print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "\nQuotes on the right document and page: %d of %d (%.3f; exact %d); over a page break: %d of %d\n",
		sc.found, sc.total, float64(sc.found)/float64(max(1, sc.total)), sc.exact, sc.breaksFound, sc.breaks)
	fmt.Fprintf(w, "Quotes of %d words or more, their middle third left out (\"…\", \"[...]\"): %d of %d on the right page (exact %d); over a page break: %d of %d\n",
		minElidedWords, sc.elidedFound, sc.elided, sc.elidedExact, sc.elidedBreaksFound, sc.elidedBreaks)
	var names []string
	for p := range sc.byProducer {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		n := sc.byProducer[p]
		fmt.Fprintf(w, "  %-12s %d of %d\n", p, n[0], n[1])
	}
	for i, m := range sc.misses {
		if i == 10 && !verbose {
			fmt.Fprintf(w, "  … %d more (-v lists them)\n", len(sc.misses)-i)
			break
		}
		fmt.Fprintln(w, "  missed:", m)
	}
}
