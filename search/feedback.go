package search

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// FeedbackTerm is a word that pseudo-relevance feedback added to a query: a stem
// the best pages of the best documents use often and the index seldom, in the
// stemmed field of its language.
type FeedbackTerm struct {
	Lang   string  `json:"lang"`
	Term   string  `json:"term"`
	Weight float64 `json:"weight"`
}

// termFeedback is pseudo-relevance feedback on words (in the manner of RM3): it
// reads the best pages of the best documents of a ranking (top, with their pages
// best first), weighs each stem by how much of those pages it makes (a better
// document's pages counting more) and by how rare it is in the index, and returns
// a query for the heaviest stems (withFeedback adds it to a query), or nil when
// fewer than feedbackMinDocs documents matched: then there is nothing to
// generalise to, and the words alone should order what they found (a title, a
// name). The query's own words (own) are not added again.
func (s *Searcher) termFeedback(ctx context.Context, top []group, own []string) (indexer.Query, []FeedbackTerm, error) {
	if len(top) < feedbackMinDocs {
		return nil, nil, nil
	}
	top = top[:feedbackDocs]
	tab, err := s.facetTab.table(ctx)
	if err != nil {
		return nil, nil, err
	}
	var pageIDs []string
	docScore := map[string]float64{}
	for _, g := range top {
		docScore[g.id] = g.score
		for _, n := range g.pages[:min(len(g.pages), feedbackPages)] {
			pageIDs = append(pageIDs, indexer.PageID(g.id, n))
		}
	}
	hits, err := s.ix.Hits(ctx, indexer.IDs(pageIDs...), indexer.HitRequest{Size: len(pageIDs), Fields: []string{indexer.FieldBody}})
	if err != nil {
		return nil, nil, fmt.Errorf("feedback: %w", err)
	}
	type key struct{ lang, term string }
	skip := map[key]bool{}
	for lang, name := range analyzerOf {
		if a, err := s.ix.Analyzer(name); err == nil {
			for _, t := range a.Terms(strings.Join(own, " ")) {
				skip[key{lang, t}] = true
			}
		}
	}
	// P(w|R): each document's pages as one text, its stems' shares of it, summed
	// over the documents weighed by their scores.
	bodies := map[string][]string{} // by document
	for _, h := range hits {
		if id, _, ok := indexer.SplitPageID(h.ID); ok {
			if body, ok := h.Text[indexer.FieldBody]; ok {
				bodies[id] = append(bodies[id], body)
			}
		}
	}
	// Sums run over the documents in one order, so that a query scores the same
	// on every result page.
	ids := slices.Sorted(maps.Keys(bodies))
	counted := make([]map[string]int, len(ids)) // each word, how often, by document
	parts := idleParts(len(ids), 1)
	inParts(parts, func(part int) {
		for i := part; i < len(ids); i += parts {
			counted[i] = map[string]int{}
			for _, body := range bodies[ids[i]] {
				countWords(body, counted[i])
			}
		}
	})
	words := make(map[string]map[string]int, len(ids))
	for i, id := range ids {
		words[id] = counted[i]
	}
	total := 0.0
	in := map[string]int{} // how many of the documents use each word
	for _, id := range ids {
		total += docScore[id]
		for w := range words[id] {
			in[w]++
		}
	}
	if total == 0 {
		return nil, nil, nil
	}
	// A word of one document only (its authors' names, its own subject) says
	// nothing of what the best documents share; nor does its stem, unless other
	// documents use it in other forms, and those forms count then. Analysing only
	// the shared words, each once, costs a fraction of analysing the pages.
	stems := s.sharedStems(tab, ids, words, in)
	rel := map[key]float64{}
	docs := map[key]int{} // how many of the documents use the stem
	for _, id := range ids {
		ws := words[id]
		lang := tab.lang(tab.of(id))
		n := 0
		for _, c := range ws {
			n += c
		}
		tf := map[string]int{}
		for w, c := range ws {
			if in[w] < 2 {
				continue
			}
			for _, t := range stems[langWord{lang, w}] {
				tf[t] += c
			}
		}
		for term, c := range tf {
			k := key{lang, term}
			if !skip[k] && feedbackWord(term) {
				rel[k] += float64(c) / float64(n) * docScore[id] / total
				docs[k]++
			}
		}
	}
	// A form of several dictionary words ("війни": війна, and the verb війнути)
	// says one of them: a stem that only such forms make, each of which makes
	// another stem that weighs more, is not a word of the pages.
	alone := map[key]bool{}  // stems some form makes alone
	beaten := map[key]bool{} // stems a form makes beside a heavier one
	for lw, st := range stems {
		switch len(st) {
		case 0:
			continue
		case 1:
			alone[key{lw.lang, st[0]}] = true
			continue
		}
		best := key{lw.lang, st[0]}
		for _, t := range st[1:] {
			if k := (key{lw.lang, t}); rel[k] > rel[best] {
				best = k
			}
		}
		for _, t := range st {
			if k := (key{lw.lang, t}); k != best {
				beaten[k] = true
			}
		}
	}
	cands := make([]key, 0, len(rel))
	for k := range rel {
		if beaten[k] && !alone[k] {
			continue
		}
		if docs[k] >= 2 {
			cands = append(cands, k)
		}
	}
	byWeight := func(w map[key]float64) func(a, b key) int {
		return func(a, b key) int {
			if c := cmp.Compare(w[b], w[a]); c != 0 {
				return c
			}
			return cmp.Or(cmp.Compare(a.lang, b.lang), cmp.Compare(a.term, b.term))
		}
	}
	slices.SortFunc(cands, byWeight(rel))
	cands = cands[:min(len(cands), feedbackCandidates)]
	// Weigh by rarity: a word on most pages says nothing of the topic.
	asked := make([]indexer.FieldTerm, len(cands))
	for i, k := range cands {
		asked[i] = indexer.FieldTerm{Field: stemFieldOf[k.lang], Term: k.term}
	}
	pages, dfs, err := s.ix.DocFreqs(ctx, asked)
	if err != nil {
		return nil, nil, fmt.Errorf("feedback: %w", err)
	}
	w := map[key]float64{}
	for i, k := range cands {
		df := dfs[i]
		if df == 0 {
			continue
		}
		if float64(df) > feedbackMaxShare*float64(pages) {
			continue
		}
		w[k] = rel[k] * math.Log(float64(pages)/float64(df))
	}
	// Each language of the best documents gets as many words, weighed against its
	// own heaviest: a page matches words of its own language only, and Bleve
	// scales a disjunction's score by the share of its clauses that match.
	byLang := map[string][]key{}
	for k := range w {
		byLang[k.lang] = append(byLang[k.lang], k)
	}
	var terms []FeedbackTerm
	var clauses []indexer.Query
	for _, lang := range slices.Sorted(maps.Keys(byLang)) {
		ks := byLang[lang]
		slices.SortFunc(ks, byWeight(w))
		for _, k := range ks[:min(len(ks), feedbackTerms)] {
			weight := feedbackTermWeight * w[k] / w[ks[0]]
			terms = append(terms, FeedbackTerm{Lang: k.lang, Term: k.term, Weight: weight})
			clauses = append(clauses, indexer.Boost(indexer.Term(stemFieldOf[k.lang], k.term), weight))
		}
	}
	if len(clauses) == 0 {
		return nil, nil, nil
	}
	return indexer.Or(clauses...), terms, nil
}

// withFeedback returns q with the feedback query exp as an optional clause: it
// scores again the pages q matches and adds no match, so every page listed still
// contains what the user asked for.
func withFeedback(q, exp indexer.Query) indexer.Query {
	return indexer.Bool([]indexer.Query{q}, []indexer.Query{exp}, nil, 0)
}

// feedbackWord reports whether a stem may be added by feedback: a word of at least
// three letters, not a number.
func feedbackWord(term string) bool {
	if utf8.RuneCountInString(term) < 3 {
		return false
	}
	for _, r := range term {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// countWords adds the words of text to counts, lower-cased: runs of letters,
// digits and marks, with the apostrophes and hyphens inside them, which the
// analyzer then splits or keeps as it does when indexing.
func countWords(text string, counts map[string]int) {
	text = strings.ToLower(text) // once, not once a word
	start := -1
	flush := func(end int) {
		if start >= 0 {
			counts[text[start:end]]++
			start = -1
		}
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && (r == '\'' || r == '’' || r == 'ʼ' || r == '-'):
			// inside a word; a trailing one is dropped by the analyzer
		default:
			flush(i)
		}
	}
	flush(len(text))
}

// langWord is a word of a language.
type langWord struct{ lang, word string }

// sharedStems are the terms of the words that two documents or more of ids use
// (in: how many use each word), each analysed once as its documents' language
// reads it; on the cores other searches leave idle. Documents in a language
// without an analyzer have none.
func (s *Searcher) sharedStems(tab *facetValues, ids []string, words map[string]map[string]int, in map[string]int) map[langWord][]string {
	var todo []langWord
	seen := map[langWord]bool{}
	for _, id := range ids {
		lang := tab.lang(tab.of(id))
		if _, err := s.ix.Analyzer(analyzerOf[lang]); err != nil {
			continue
		}
		for w := range words[id] {
			if k := (langWord{lang, w}); in[w] >= 2 && !seen[k] {
				seen[k] = true
				todo = append(todo, k)
			}
		}
	}
	terms := make([][]string, len(todo))
	parts := idleParts(len(todo), 64)
	inParts(parts, func(part int) {
		for i := part; i < len(todo); i += parts {
			if a, err := s.ix.Analyzer(analyzerOf[todo[i].lang]); err == nil {
				terms[i] = a.Terms(todo[i].word)
			}
		}
	})
	out := make(map[langWord][]string, len(todo))
	for i, k := range todo {
		out[k] = terms[i]
	}
	return out
}

// joinTranslations adds to order (ranked best first, by relevance) the
// translations of its first feedbackDocs documents that the query did not match,
// where the restrictions rs allow them: each scores joinWeight times the document
// it translates (which it names: group.via). It returns the new order and how many
// it added.
func (s *Searcher) joinTranslations(ctx context.Context, order []group, rs restrictions) ([]group, int, error) {
	if rs.none() {
		return order, 0, nil
	}
	tab, err := s.facetTab.table(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	// The candidates: few, so that one pass over order (no set of all its IDs)
	// drops those the query matched.
	var joined []group // best first, as their documents
	at := map[string]int{}
	for _, g := range order[:min(len(order), feedbackDocs)] {
		for _, tr := range tab.translations[g.id] {
			f := tab.of(tr)
			if _, ok := at[tr]; ok || !tab.allows(f, rs) || rs.langs != nil && !slices.Contains(rs.langs, tab.lang(f)) {
				continue
			}
			at[tr] = len(joined)
			joined = append(joined, group{id: tr, ord: -1, score: joinWeight * g.score, via: g.id})
		}
	}
	if len(joined) == 0 {
		return order, 0, nil
	}
	for _, g := range order {
		if i, ok := at[g.id]; ok {
			joined[i].id = "" // matched: it ranks by its own score
		}
	}
	joined = slices.DeleteFunc(joined, func(g group) bool { return g.id == "" })
	if len(joined) == 0 {
		return order, 0, nil
	}
	out := make([]group, 0, len(order)+len(joined))
	i := 0
	for _, j := range joined {
		for i < len(order) && order[i].score >= j.score {
			out = append(out, order[i])
			i++
		}
		out = append(out, j)
	}
	return append(out, order[i:]...), len(joined), nil
}

// otherLangPlace is the place (1-based) on the first result page that a query
// searched in both languages keeps for a document in another language than its
// own (showOtherLanguage).
const otherLangPlace = 10

// showOtherLanguage puts the best document of order in another language than lang
// at otherLangPlace when none ranks that high: the user asked for both languages
// and sees the other one on the first page, while the documents in the query's
// own language rank above it on the same evidence (otherLangWeight). Documents
// from there down move one place. order must be in ranking order; the documents
// beyond the first feedbackRerank may not be, so the best of them is found by
// score.
func (s *Searcher) showOtherLanguage(ctx context.Context, order []group, lang string) error {
	n := min(len(order), otherLangPlace)
	if n == len(order) {
		return nil // every match is on the first page already
	}
	tab, err := s.facetTab.table(ctx)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	other := func(g group) bool {
		l := tab.langAt(indexer.DocRef{ID: g.id, Ord: g.ord})
		return l != "" && l != lang
	}
	if slices.ContainsFunc(order[:n], other) {
		return nil
	}
	best := -1
	for i := n; i < len(order); i++ {
		if other(order[i]) && (best < 0 || order[i].score > order[best].score) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	g := order[best]
	g.placed = true
	copy(order[n:best+1], order[n-1:best])
	order[n-1] = g
	return nil
}
