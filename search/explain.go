package search

import (
	"cmp"
	"context"
	"fmt"
	"sort"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// Explanation says how a hit's score was made (Request.Explain): Score is
// (BestPageScore + Evidence) × the product of Priors, times Feedback, times
// Balance.
type Explanation struct {
	Score float64 `json:"score"`
	// BestPage is the number of the page that ranks the document, and
	// BestPageScore its score: BM25 over the page's fields, as Page details.
	BestPage      int     `json:"best_page"`
	BestPageScore float64 `json:"best_page_score"`
	// Evidence is what the document's next best pages added (evidenceWeight of
	// each of their scores, up to indexer.EvidencePages of them).
	Evidence float64 `json:"evidence"`
	// Priors are the weights of what is known of the document whatever the query.
	Priors []Prior `json:"priors"`
	// Feedback is the factor pseudo-relevance feedback applied: the document shares
	// the best documents' topics, or translates one of them (1: none).
	Feedback float64 `json:"feedback"`
	// Balance is the factor a translated query applied to rank each language's
	// documents against its own best (balancePower): the language's weight
	// (otherLangWeight for a language not the query's) over a power of the
	// language's best score (1: none).
	Balance float64 `json:"balance"`
	// Terms are the indexed terms that matched on the best page, by field, with
	// their weights before the index combined the query's clauses (termWeights).
	Terms []TermWeight `json:"terms"`
	// Page is the index's explanation of the best page's score, clause by clause.
	Page *indexer.Explanation `json:"page,omitempty"`
	// Joined, for a hit found as the translation of one of the best results
	// (Hit.TranslationOf), says which and by what weight: its Score is Weight
	// times that document's score, and the parts above are 0.
	Joined *Joined `json:"joined,omitempty"`
	// OtherLanguage says the document was placed where it is, above documents
	// that score more, to show on the first page a language other than the
	// query's, which the query was searched in too (showOtherLanguage).
	OtherLanguage bool `json:"other_language_place,omitempty"`
	// Announces, for a page or an event placed just below a document it links
	// (a news item presenting a report), names that document: a publication
	// ranks above the pages that announce it, though they score more, and Score
	// is that document's (announcementsBelow).
	Announces string `json:"announces,omitempty"`
}

// Joined says how a translation that the query did not match joined the
// results (joinTranslations).
type Joined struct {
	Of     string  `json:"of"`
	Weight float64 `json:"weight"`
}

// Prior is one weight of a document's prior.
type Prior struct {
	// Reason is superseded, page, omnibus, other-language or topic.
	Reason string  `json:"reason"`
	Weight float64 `json:"weight"`
}

// TermWeight is one term that matched on a page.
type TermWeight struct {
	Field  string  `json:"field"`
	Term   string  `json:"term"`
	Weight float64 `json:"weight"`
}

// termWeights lists the terms of an explanation tree, by field: each with the sum
// of its weights in the query's clauses (a word counts in the clause for itself, in
// the all-words clause, in phrases), heaviest first.
func termWeights(e *indexer.Explanation) []TermWeight {
	var out []TermWeight
	at := map[[2]string]int{}
	var walk func(*indexer.Explanation)
	walk = func(e *indexer.Explanation) {
		if e == nil {
			return
		}
		if e.Term != "" {
			k := [2]string{e.Field, e.Term}
			if i, ok := at[k]; ok {
				out[i].Weight += e.Value
			} else {
				at[k] = len(out)
				out = append(out, TermWeight{Field: e.Field, Term: e.Term, Weight: e.Value})
			}
			return // its children explain the same term
		}
		for _, c := range e.Children {
			walk(c)
		}
	}
	walk(e)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
	return out
}

// explain fills in the explanations of hits, ranked in order (whose pages are
// known) for the page query q within rs.
func (s *Searcher) explain(ctx context.Context, q indexer.Query, rs restrictions, order []group, hits []Hit) error {
	tab, err := s.facetTab.table(ctx)
	if err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	var pageIDs []string
	for _, g := range order {
		if n := g.bestPage(); n > 0 {
			pageIDs = append(pageIDs, indexer.PageID(g.ID, n))
		}
	}
	pages := map[string]indexer.Hit{}
	if len(pageIDs) > 0 {
		// Those pages only; q alone scores them.
		hits, err := s.ix.Hits(ctx, q, indexer.HitRequest{Size: len(pageIDs), Explain: true, Only: pageIDs})
		if err != nil {
			return fmt.Errorf("explain: %w", err)
		}
		for _, h := range hits {
			pages[h.ID] = h
		}
	}
	rq := tab.queryOf(rs)
	for i, g := range order {
		e := &Explanation{Score: hits[i].Score, BestPage: g.bestPage(), BestPageScore: g.Best, Evidence: g.Evidence, Feedback: 1,
			Balance: cmp.Or(g.Balance, 1), Priors: append([]Prior{}, tab.priors(g.ID, rq)...), Terms: []TermWeight{}}
		if base, score := (g.Best+g.Evidence)*g.Prior*e.Balance, cmp.Or(g.ranked, g.Score); base > 0 && score > 0 {
			e.Feedback = score / base
		}
		if g.via != "" {
			e.Joined, e.Priors = &Joined{Of: g.via, Weight: joinWeight}, []Prior{}
		}
		e.OtherLanguage, e.Announces = g.placed, g.announces
		if h, ok := pages[indexer.PageID(g.ID, e.BestPage)]; ok {
			e.Page, e.Terms = h.Explanation, append(e.Terms, termWeights(h.Explanation)...)
			if e.BestPageScore == 0 { // ordered by date: no ranking scores
				e.BestPageScore = h.Score
			}
		}
		hits[i].Explain = e
	}
	return nil
}
