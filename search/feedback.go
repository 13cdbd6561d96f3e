package search

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
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
		docScore[g.ID] = g.Score
		for _, n := range g.Pages[:min(len(g.Pages), feedbackPages)] {
			pageIDs = append(pageIDs, indexer.PageID(g.ID, n))
		}
	}
	hits, err := s.ix.Hits(ctx, indexer.IDs(pageIDs...), indexer.HitRequest{Size: len(pageIDs), Fields: []string{indexer.FieldBody}})
	if err != nil {
		return nil, nil, fmt.Errorf("feedback: %w", err)
	}
	skip := map[langTerm]bool{}
	for lang, name := range analyzerOf {
		if a, err := s.ix.Analyzer(name); err == nil {
			for _, t := range a.Terms(strings.Join(own, " ")) {
				skip[langTerm{lang, t}] = true
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
	var wc wordCounter
	counted := make([]docWords, len(ids))
	total := 0.0
	for i, id := range ids {
		for _, body := range bodies[id] {
			wc.count(body)
		}
		counted[i] = wc.doc()
		total += docScore[id]
	}
	if total == 0 {
		return nil, nil, nil
	}
	// A word of one document only (its authors' names, its own subject) says
	// nothing of what the best documents share; nor does its stem, unless other
	// documents use it in other forms, and those forms count then. Analysing only
	// the shared words, each once, costs a fraction of analysing the pages.
	langs := make([]string, len(ids))
	var shared []langWord
	var sharedNums []int32            // the shared words' numbers (wordCounter)
	stemsOf := map[string][][]int32{} // by language, each word's stems' numbers by its number
	for i, id := range ids {
		langs[i] = tab.lang(tab.of(id))
		if _, err := s.ix.Analyzer(analyzerOf[langs[i]]); err != nil {
			continue
		}
		st, ok := stemsOf[langs[i]]
		if !ok {
			st = make([][]int32, len(wc.words))
			stemsOf[langs[i]] = st
		}
		for _, w := range counted[i].words {
			if wc.in[w] >= 2 && st[w] == nil {
				st[w] = []int32{} // asked for
				shared = append(shared, langWord{langs[i], wc.words[w]})
				sharedNums = append(sharedNums, w)
			}
		}
	}
	// The stems of the shared words, numbered; each may be added unless it is
	// the query's own or no word (feedbackWord).
	st := stemTable{nums: map[langTerm]int32{}, skip: func(k langTerm) bool { return skip[k] || !feedbackWord(k.term) }}
	stemNums := make([][]int32, len(shared)) // each shared word's stems' numbers
	for i, ts := range s.wordTerms(shared) {
		lw := shared[i]
		stemNums[i] = st.numbers(lw.lang, ts)
		stemsOf[lw.lang][sharedNums[i]] = stemNums[i]
	}
	rel := make([]float64, len(st.keys))
	docs := make([]int32, len(st.keys)) // how many of the documents use each stem
	tf := make([]int32, len(st.keys))
	var touched []int32
	for i, id := range ids {
		d := counted[i]
		n := 0
		for _, c := range d.counts {
			n += int(c)
		}
		nums := stemsOf[langs[i]]
		touched = touched[:0]
		for j, w := range d.words {
			if wc.in[w] < 2 || nums == nil {
				continue
			}
			for _, t := range nums[w] {
				if tf[t] == 0 {
					touched = append(touched, t)
				}
				tf[t] += d.counts[j]
			}
		}
		for _, t := range touched {
			if st.ok[t] {
				rel[t] += float64(tf[t]) / float64(n) * docScore[id] / total
				docs[t]++
			}
			tf[t] = 0
		}
	}
	// A form of several dictionary words ("війни": війна, and the verb війнути)
	// says one of them: a stem that only such forms make, each of which makes
	// another stem that weighs more, is not a word of the pages.
	alone := make([]bool, len(st.keys))  // stems some form makes alone
	beaten := make([]bool, len(st.keys)) // stems a form makes beside a heavier one
	for _, nums := range stemNums {
		switch len(nums) {
		case 0:
			continue
		case 1:
			alone[nums[0]] = true
			continue
		}
		best := nums[0]
		for _, t := range nums[1:] {
			if rel[t] > rel[best] {
				best = t
			}
		}
		for _, t := range nums {
			if t != best {
				beaten[t] = true
			}
		}
	}
	type weighed struct {
		langTerm
		w float64
	}
	heavier := func(a, b weighed) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.lang, b.lang), cmp.Compare(a.term, b.term))
	}
	var cands []weighed
	for t, k := range st.keys {
		if docs[t] >= 2 && (alone[t] || !beaten[t]) {
			cands = append(cands, weighed{k, rel[t]})
		}
	}
	slices.SortFunc(cands, heavier)
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
	byLang := map[string][]weighed{}
	for i, c := range cands {
		df := dfs[i]
		if df == 0 || float64(df) > feedbackMaxShare*float64(pages) {
			continue
		}
		c.w *= math.Log(float64(pages) / float64(df))
		byLang[c.lang] = append(byLang[c.lang], c)
	}
	// Each language of the best documents gets as many words, weighed against its
	// own heaviest: a page matches words of its own language only, and Bleve
	// scales a disjunction's score by the share of its clauses that match.
	var terms []FeedbackTerm
	var clauses []indexer.Query
	for _, lang := range slices.Sorted(maps.Keys(byLang)) {
		ks := byLang[lang]
		slices.SortFunc(ks, heavier)
		for _, k := range ks[:min(len(ks), feedbackTerms)] {
			weight := feedbackTermWeight * k.w / ks[0].w
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

// wordCounter counts the words of documents' texts: each word is numbered when
// first met (ids, words), and each document's words are listed with their counts
// (docWords).
type wordCounter struct {
	ids   map[string]int32
	words []string
	in    []int32 // how many of the documents counted use each word
	at    []int32 // each word's place in cur, when cur has it
	cur   docWords
}

// docWords are a document's words (by number) and how often each occurs.
type docWords struct{ words, counts []int32 }

// count adds the words of text to the current document, lower-cased: runs of
// letters, digits and marks, with the apostrophes and hyphens inside them, which
// the analyzer then splits or keeps as it does when indexing. A word is copied
// only when it has a capital to lower.
func (c *wordCounter) count(text string) {
	if c.ids == nil {
		c.ids = make(map[string]int32, 4096) // the words of a few documents' pages
	}
	start, upper := -1, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		if upper {
			w = strings.ToLower(w)
		}
		start, upper = -1, false
		n, ok := c.ids[w]
		if !ok {
			n = int32(len(c.words))
			c.ids[w] = n
			c.words = append(c.words, w)
			c.in = append(c.in, 0)
			c.at = append(c.at, 0)
		}
		if p := c.at[n]; int(p) < len(c.cur.words) && c.cur.words[p] == n {
			c.cur.counts[p]++
			return
		}
		c.at[n] = int32(len(c.cur.words))
		c.cur.words = append(c.cur.words, n)
		c.cur.counts = append(c.cur.counts, 1)
		c.in[n]++
	}
	for i, r := range text {
		switch inWord, capital := wordRune(r); {
		case inWord:
			if start < 0 {
				start = i
			}
			upper = upper || capital
		case start >= 0 && (r == '\'' || r == '’' || r == 'ʼ' || r == '-'):
			// inside a word; a trailing one is dropped by the analyzer
		default:
			flush(i)
		}
	}
	flush(len(text))
}

// wordRune reports whether r is part of a word (a letter, a digit or a mark), and
// whether lower-casing changes it; without a table look-up for ASCII and the
// Russian and Ukrainian alphabets' commonest letters.
func wordRune(r rune) (inWord, capital bool) {
	switch {
	case r < utf8.RuneSelf:
		capital = 'A' <= r && r <= 'Z'
		return capital || 'a' <= r && r <= 'z' || '0' <= r && r <= '9', capital
	case 'а' <= r && r <= 'я':
		return true, false
	case 'А' <= r && r <= 'Я':
		return true, true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
		return true, unicode.ToLower(r) != r
	}
	return false, false
}

// doc ends the current document and returns its words.
func (c *wordCounter) doc() docWords {
	d := docWords{slices.Clone(c.cur.words), slices.Clone(c.cur.counts)}
	c.cur.words, c.cur.counts = c.cur.words[:0], c.cur.counts[:0]
	return d
}

// langWord is a word of a language, and langTerm a term of its analyzer's.
type (
	langWord struct{ lang, word string }
	langTerm struct{ lang, term string }
)

// stemTable numbers the terms of the feedback's words, each once, and says of
// each whether feedback may add it (not skipped).
type stemTable struct {
	nums map[langTerm]int32
	keys []langTerm // by number
	ok   []bool     // by number
	skip func(langTerm) bool
}

// numbers returns the numbers of terms, in lang.
func (t *stemTable) numbers(lang string, terms []string) []int32 {
	out := make([]int32, len(terms))
	for i, term := range terms {
		k := langTerm{lang, term}
		n, found := t.nums[k]
		if !found {
			n = int32(len(t.keys))
			t.nums[k] = n
			t.keys = append(t.keys, k)
			t.ok = append(t.ok, !t.skip(k))
		}
		out[i] = n
	}
	return out
}

// wordTerms are the terms of words, each analysed as its language reads it
// (or found among the words analysed before: s.stems), on the cores other
// searches leave idle.
func (s *Searcher) wordTerms(words []langWord) [][]string {
	terms := make([][]string, len(words))
	var todo []int
	for i, k := range words {
		var ok bool
		if terms[i], ok = s.stems.get(k); !ok {
			todo = append(todo, i)
		}
	}
	parts := idleParts(len(todo), 64)
	inParts(parts, func(part int) {
		for j := part; j < len(todo); j += parts {
			k := words[todo[j]]
			if a, err := s.ix.Analyzer(analyzerOf[k.lang]); err == nil {
				terms[todo[j]] = a.Terms(k.word)
			}
		}
	})
	added := make([]langWord, len(todo))
	addedTerms := make([][]string, len(todo))
	for j, i := range todo {
		added[j], addedTerms[j] = words[i], terms[i]
	}
	s.stems.add(added, addedTerms)
	return terms
}

// wordStems keeps the terms of words analysed for feedback, by language: the
// best pages of one query share most of their common words with another's, and
// a Ukrainian word's dictionary look-up costs more than the map's. It keeps at
// most maxWordStems words and starts afresh when full. An index keeps the
// analyzers it was made with, so a word's terms do not change while it is open.
type wordStems struct {
	mu    sync.RWMutex
	terms map[langWord][]string
}

// maxWordStems bounds the words wordStems keeps (about ten megabytes).
const maxWordStems = 1 << 16

func (w *wordStems) get(k langWord) ([]string, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	ts, ok := w.terms[k]
	return ts, ok
}

// add keeps the terms of words (terms[i] of words[i]).
func (w *wordStems) add(words []langWord, terms [][]string) {
	if len(words) == 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.terms == nil || len(w.terms)+len(words) > maxWordStems {
		w.terms = make(map[langWord][]string, min(maxWordStems, 4*len(words)))
	}
	for i, k := range words[:min(len(words), maxWordStems)] {
		w.terms[k] = terms[i]
	}
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
		for _, tr := range tab.translations[g.ID] {
			f := tab.of(tr)
			if _, ok := at[tr]; ok || !tab.allows(f, rs) || rs.langs != nil && !slices.Contains(rs.langs, tab.lang(f)) {
				continue
			}
			at[tr] = len(joined)
			j := newGroup(tr, joinWeight*g.Score)
			j.via = g.ID
			joined = append(joined, j)
		}
	}
	if len(joined) == 0 {
		return order, 0, nil
	}
	for _, g := range order {
		if i, ok := at[g.ID]; ok {
			joined[i].ID = "" // matched: it ranks by its own score
		}
	}
	joined = slices.DeleteFunc(joined, func(g group) bool { return g.ID == "" })
	if len(joined) == 0 {
		return order, 0, nil
	}
	out := make([]group, 0, len(order)+len(joined))
	i := 0
	for _, j := range joined {
		for i < len(order) && order[i].Score >= j.Score {
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
		l := tab.langAt(indexer.DocRef{ID: g.ID, Ord: g.Ord})
		return l != "" && l != lang
	}
	if slices.ContainsFunc(order[:n], other) {
		return nil
	}
	best := -1
	for i := n; i < len(order); i++ {
		if other(order[i]) && (best < 0 || order[i].Score > order[best].Score) {
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

// announceDepth is how far down a ranking announcementsBelow looks: the ranking
// is asked in order that far, whatever the window shown.
const announceDepth = feedbackRerank

// announceShare is how much of an announcement's score the document it announces
// must score to be placed above it: a search for what the announcement alone
// tells (the launch's venue, a speaker) keeps it first. A short news item that
// says what its report is about in the report's own words outscores the report's
// long pages several times over (a blog post 9.0 against its report's 1.7 in a
// held-out site probe); 0.3 → 0.1 put two announced publications above their
// announcements in 22 probe sites' 352 judged searches (one of them first), and
// left the collection's judged and filtered queries as they were.
const announceShare = 0.1

// announcementsBelow places each page or event among the first announceDepth
// documents of order that links a document ranked below it there (a news item
// presenting a report, an event launching a handbook: facetValues.announcers)
// just below that document, when the document scores at least announceShare of
// it: a publication ranks above the pages that merely announce it, and each
// announcement scores as the document it follows. The documents between move up
// one place. order must be in ranking order as far as announceDepth.
func (s *Searcher) announcementsBelow(ctx context.Context, order []group) error {
	n := min(len(order), announceDepth)
	tab, err := s.facetTab.table(ctx)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	at := map[string]int{}
	for i, g := range order[:n] {
		at[g.ID] = i
	}
	below := map[int]int{} // announcement → the last document it announces
	for i, g := range order[:n] {
		for _, a := range tab.announcers[g.ID] {
			if j, ok := at[a]; ok && j < i && g.Score >= announceShare*order[j].Score {
				below[j] = i
			}
		}
	}
	if len(below) == 0 {
		return nil
	}
	placed := make([]group, 0, n)
	for i, g := range order[:n] {
		if _, ok := below[i]; ok {
			continue
		}
		placed = append(placed, g)
		for j := range i { // its announcements, in their order
			if k, ok := below[j]; ok && k == i {
				a := order[j]
				a.announces, a.ranked, a.Score = g.ID, a.Score, g.Score
				placed = append(placed, a)
			}
		}
	}
	copy(order, placed)
	return nil
}
