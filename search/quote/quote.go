// Package quote verifies quotations against the index: whether and where a quote
// is, page by page, exactly or once spellings are folded, over a page break, or
// nearly (a few words differ); and the API's answer for it (JSON).
package quote

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/snippet"
)

// Quote verdicts.
const (
	// Exact: the quote is on the page as given (line breaks of the page's layout
	// and the quotation marks around the quote aside).
	Exact = "exact"
	// Normalized: the quote is on the page once some spellings are folded; the
	// place's Folded says which (see the Fold* names).
	Normalized = "normalized"
	// Near: a passage differs from the quote in a few words; the place's Diff
	// shows how.
	Near = "near"
	// NotFound: no page has the quote or a passage close to it; Near lists the
	// closest passages.
	NotFound = "not_found"
)

// Foldings a normalized match may need.
const (
	FoldCase        = "case"
	FoldQuotes      = "quotes"      // typographic quotation marks and apostrophes
	FoldDashes      = "dashes"      // en and em dashes, minus, non-breaking hyphens
	FoldHyphenation = "hyphenation" // a word broken at a line end
	FoldLigatures   = "ligatures"   // ﬁ, ﬂ and the like, and other compatibility forms
	FoldLookalikes  = "lookalikes"  // Latin letters in a Cyrillic word, or the reverse ("вiйськовi")
	FoldPunctuation = "punctuation" // other punctuation differs; the words are the same
)

// MaxRunes bounds the length of a quote to verify; MinWords is the
// fewest words that make one (a word or two are everywhere: that is a search).
const (
	MaxRunes = 2000
	MinWords = 3
)

// maxPlaces bounds the places reported.
const maxPlaces = 50

// Place is a page where a quote was found.
type Place struct {
	Doc   *indexer.Document
	Page  int
	Label string
	// Exact reports that the quote is on this page as given (see Exact).
	Exact bool
	// Start and End are the byte offsets of the passage in the page's text (End
	// past it); EndPage is the page it ends on when it runs over a page break (0
	// otherwise; End is then an offset in that page's text).
	Start, End int
	EndPage    int
	// Context is the passage with some text around it, plain.
	Context string
	// Folded names the foldings the match needed (a normalized match).
	Folded []string
	// Diff is, for a near match, the quote against the passage word by word.
	Diff []WordDiff
	// Omitted is, for a quote with words left out ("…", "[...]"), the page's text
	// each elision stands for, in order: what a reader checks the quote's sense
	// against.
	Omitted []Omission
	// Snippet is HTML: the page's text around the quote, escaped, the quote in <mark>.
	Snippet string
}

// WordDiff is one step of a word diff: Op is "=" (the same), "-" (in the quote, not
// in the document), "+" (in the document, not in the quote), "~" (Quote written
// as Doc) or "…" (Doc is the document's words a quote's elision stands for).
type WordDiff struct {
	Op    string `json:"op"`
	Quote string `json:"quote,omitempty"`
	Doc   string `json:"doc,omitempty"`
}

// Result is the outcome of verifying a quote.
type Result struct {
	Quote   string
	Verdict string
	Places  []Place
	// Near are pages that have all the words but not in this order, when the quote
	// was not found: the places a misquote may come from.
	Near []Place
}

// Verify reports whether and where a quote appears, page by page: pages whose
// text has the quote's words in order, each marked exact when the punctuation matches
// too.
func Verify(ctx context.Context, s *search.Searcher, quote string) (*Result, error) {
	// Quotation marks around the quote are the user's, not the document's; so are
	// the carriage returns a browser sends lines with.
	quote = strings.ReplaceAll(quote, "\r\n", "\n")
	quote = strings.TrimFunc(strings.TrimSpace(quote), func(r rune) bool {
		return query.IsQuote(r) || r == '\'' || r == '‘' || r == '’' || unicode.IsSpace(r)
	})
	// Words left out ("…", "[...]") split the quote into parts found in order; an
	// elision at either end is no difference.
	parts := Parts(quote)
	var words []string
	counted := 0 // the words of parts of two or more: "the … of … and" quotes nothing
	for _, p := range parts {
		w := quoteWords(p)
		words = append(words, w...)
		if len(w) > 1 || len(parts) == 1 {
			counted += len(w)
		}
	}
	switch {
	case len(words) == 0:
		return nil, search.InvalidRequest("quote-empty")
	case counted < MinWords:
		return nil, search.InvalidRequest("quote-short", MinWords)
	case len([]rune(quote)) > MaxRunes:
		return nil, search.InvalidRequest("quote-long", MaxRunes)
	}
	res := &Result{Quote: quote, Verdict: NotFound}
	if len(parts) > 1 {
		return res, verifyElided(ctx, s, res, parts)
	}
	quote = parts[0]
	given := formOf(quote)
	// A word typed with letters of the other alphabet is searched as typed (a page
	// may have it so: a PDF whose font maps glyphs so) and as the alphabet of most
	// of its letters writes it (foldings names that).
	forms := []quoteForm{given}
	if plain := unmix(quote); plain != quote {
		forms = append(forms, formOf(plain))
	}
	plain := forms[len(forms)-1]
	// A word broken at a line end and pasted on one line ("infor- mation", as a
	// viewer copies lines joined by spaces), then one whose hyphen the line break
	// left ("infor-mation"): searched joined too (but over a page break and nearly,
	// as written: "short- and long-term" is a page's own; the quote's compounds
	// stay whole in the first).
	for _, re := range []*regexp.Regexp{pastedBreak, keptBreak} {
		last := forms[len(forms)-1].text
		if joined := re.ReplaceAllString(last, "$1$2"); joined != last {
			forms = append(forms, formOf(joined))
		}
	}
	words = plain.words
	var qs []indexer.Query
	for _, f := range forms {
		q, err := phraseOf(s, joinBroken(f.text))
		if err != nil {
			return nil, err
		}
		qs = append(qs, q)
	}
	hits, err := pages(ctx, s, indexer.Or(qs...))
	if err != nil {
		return nil, err
	}
	want := plain.want
	for _, h := range hits {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p, ok := placeIn(h, quote, forms); ok {
			res.Places = append(res.Places, p)
		}
	}
	if len(res.Places) == 0 && len(words) >= 4 {
		if res.Places, err = acrossPages(ctx, s, quote, words, want); err != nil {
			return nil, err
		}
	}
	if err := settle(ctx, s, res, words, nil); err != nil {
		return nil, err
	}
	return res, nil
}

// verifyElided verifies a quote with words left out: its parts in order on a page
// (elided), else nearly so.
func verifyElided(ctx context.Context, s *search.Searcher, res *Result, parts []string) error {
	var err error
	if res.Places, err = elided(ctx, s, parts); err != nil {
		return err
	}
	var words []string
	var ends []int
	for _, p := range unmixAll(parts) {
		words = append(words, quoteWords(p)...)
		ends = append(ends, len(words))
	}
	gaps := make([]bool, len(words)+1) // gaps[i]: an elision after the quote's first i words
	for _, e := range ends[:len(ends)-1] {
		gaps[e] = true
	}
	return settle(ctx, s, res, words, gaps)
}

// settle gives the verdict of the places found (exact ones first), or looks for
// near places when there are none (gaps as alignWords takes them).
func settle(ctx context.Context, s *search.Searcher, res *Result, words []string, gaps []bool) error {
	if len(res.Places) > 0 {
		sort.SliceStable(res.Places, func(i, j int) bool { return res.Places[i].Exact && !res.Places[j].Exact })
		res.Verdict = Normalized
		if res.Places[0].Exact {
			res.Verdict = Exact
		}
		return nil
	}
	near, closest, err := nearPlaces(ctx, s, words, gaps)
	if err != nil {
		return err
	}
	if len(near) > 0 {
		res.Verdict, res.Places = Near, near
	} else {
		res.Near = closest
	}
	return nil
}

// quoteForm is a way of writing the quote (as given, unmixed) with what comparing
// it needs, found once: its folded text (normQuote) and its words (quoteWords).
type quoteForm struct {
	text, want string
	words      []string
}

func formOf(q string) quoteForm { return quoteForm{q, normQuote(q), quoteWords(q)} }

// placeIn finds the quote, in one of its forms, on a page: as it is once spellings
// are folded (placeOf), else its words in this order with other punctuation
// between them.
func placeIn(h matchedPage, quote string, forms []quoteForm) (Place, bool) {
	var best Place
	found := false
	for _, f := range forms {
		if p, ok := placeOf(h, quote, f.want); ok && (!found || len(p.Folded) < len(best.Folded)) {
			best, found = p, true
		}
	}
	if found {
		return best, true
	}
	pw := pageWords(h.text, -1)
	for _, f := range forms {
		words := f.words
		if at := wordsAt(words, pw); at >= 0 {
			p := Place{Doc: h.doc, Page: h.page, Label: h.label, Folded: []string{FoldPunctuation}}
			p.Start, p.End = pw[at].start, pw[at+len(words)-1].end
			p.Snippet, p.Context = snippet.Mark(h.text, p.Start, p.End), contextOf(h.text, p.Start, p.End)
			return p, true
		}
	}
	return Place{}, false
}

// placeOf finds the quote in a page's text after folding (see normWithOffsets),
// whole words only, and says which foldings it needed: of its copies on the page,
// one as given first.
func placeOf(h matchedPage, quote, want string) (Place, bool) {
	if want == "" {
		return Place{}, false
	}
	norm, offsets := normWithOffsets(h.text)
	var best Place
	found := false
	for from := 0; from < len(norm); {
		i := strings.Index(norm[from:], want)
		if i < 0 {
			break
		}
		i += from
		from = i + 1
		if !wordStart(norm, i) || !wordEnd(norm, i+len(want)) {
			continue
		}
		start, end := offsets[i], runeEnd(h.text, offsets[i+len(want)-1])
		folded := foldings(quote, h.text[start:end])
		if found && len(folded) >= len(best.Folded) {
			continue
		}
		best = Place{Doc: h.doc, Page: h.page, Label: h.label, Start: start, End: end, Folded: folded, Exact: len(folded) == 0}
		found = true
		if best.Exact {
			break
		}
	}
	if !found {
		return Place{}, false
	}
	best.Snippet, best.Context = snippet.Mark(h.text, best.Start, best.End), contextOf(h.text, best.Start, best.End)
	return best, true
}

// maxPhraseWords bounds the words of each phrase a quote is searched by: the
// quote's words in runs of at most so many, all required (the pages found are
// then read for the whole quote: placeIn). A phrase of every word of a long quote
// cost its length times its words' copies on a page to check (a quote of 300
// "0"s on a table of thousands took seconds).
const maxPhraseWords = 16

// phraseOf is the query a quote is searched by: the phrases of its words as the
// page text's analyzer reads them ("3.5" one word, as indexed), in runs of at most
// maxPhraseWords, each once, all required.
func phraseOf(s *search.Searcher, quote string) (indexer.Query, error) {
	a, err := s.Index().Analyzer(indexer.AnalyzerText)
	if err != nil {
		return nil, fmt.Errorf("verify quote: %w", err)
	}
	toks := a.Tokens(quote)
	if len(toks) <= maxPhraseWords {
		return indexer.Phrase(indexer.FieldBody, quote), nil
	}
	var must []indexer.Query
	seen := map[string]bool{}
	for i := 0; i < len(toks); i += maxPhraseWords {
		from, to := i, min(i+maxPhraseWords, len(toks))
		if to-from < maxPhraseWords { // the last run, as long as the others: overlapping the one before
			from = len(toks) - maxPhraseWords
		}
		chunk := quote[toks[from].Start:toks[to-1].End]
		if !seen[chunk] {
			seen[chunk] = true
			must = append(must, indexer.Phrase(indexer.FieldBody, chunk))
		}
	}
	return indexer.Bool(must, nil, nil, 0), nil
}

// wordsAt returns where words stand in a row among a page's words, or -1.
func wordsAt(words []string, pw []pageWord) int {
	for i := 0; i+len(words) <= len(pw); i++ {
		j := 0
		for j < len(words) && pw[i+j].w == words[j] {
			j++
		}
		if j == len(words) {
			return i
		}
	}
	return -1
}

// runeEnd returns the offset just past the rune that starts at i.
func runeEnd(text string, i int) int {
	i++
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

// contextOf is the passage [start, end) of text with some text around it, on one line.
func contextOf(text string, start, end int) string {
	const around = 80
	from, to := max(0, start-around), min(len(text), end+around)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	return strings.Join(strings.Fields(text[from:to]), " ")
}

// foldings names what had to be folded for the quote to match the passage: none
// when it is there as given (line breaks aside).
func foldings(quote, passage string) []string {
	need := foldsOf(quote, passage)
	// A word whose line break went and left its hyphen ("infor-mation") where
	// the page has it whole: hyphenation, and what else differs.
	if joined := keptBreak.ReplaceAllString(quote, "$1$2"); joined != quote && len(need) > 1 {
		if alt := foldsOf(joined, passage); len(alt)+1 < len(need) && !slices.Contains(alt, FoldHyphenation) {
			need = append([]string{FoldHyphenation}, alt...)
			slices.SortStableFunc(need, func(a, b string) int { return foldOrder(a) - foldOrder(b) })
		}
	}
	return need
}

// foldNames are the foldings foldExcept applies one by one, in the order
// foldings names them (FoldPunctuation, what is left, after them).
var foldNames = []string{FoldCase, FoldQuotes, FoldDashes, FoldHyphenation, FoldLigatures, FoldLookalikes}

// foldOrder is a folding's place in the order foldings names them.
func foldOrder(f string) int {
	if f == FoldPunctuation {
		return len(foldNames)
	}
	return slices.Index(foldNames, f)
}

// foldsOf is foldings but for the hyphen a line break left (keptBreak).
func foldsOf(quote, passage string) []string {
	var need []string
	for _, f := range foldNames {
		if foldExcept(quote, f) != foldExcept(passage, f) {
			need = append(need, f)
		}
	}
	if len(need) == 0 && foldExcept(quote, "all") != foldExcept(passage, "all") {
		need = append(need, FoldPunctuation)
	}
	return need
}

// foldExcept applies every quote folding but skip to s ("all" skips them all), and
// always folds white space, line breaks included, to single spaces.
func foldExcept(s, skip string) string {
	all := skip == "all"
	if skip != FoldHyphenation && !all {
		s = pastedBreak.ReplaceAllString(brokenWord.ReplaceAllString(s, "$1$2"), "$1$2")
	}
	if skip != FoldLigatures && !all {
		s = norm.NFKC.String(s)
	}
	if skip != FoldLookalikes && !all {
		s = unmix(s)
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case skip != FoldQuotes && !all && strings.ContainsRune("\u2019\u2018\u02bc\u02b9`\u00b4", r):
			return '\''
		case skip != FoldQuotes && !all && quoteFold(r) != r:
			return quoteFold(r)
		case skip != FoldDashes && !all && strings.ContainsRune("\u2010\u2011\u2012\u2013\u2014\u2212", r):
			return '-'
		case r == '\u00ad':
			return -1
		}
		return r
	}, s)
	if skip != FoldCase && !all {
		s = strings.ToLower(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// maxBetween bounds the words that may stand between the two halves of a quote
// that runs over a page break: footnotes at the foot of the first page, a figure
// caption or a heading at the top of the next. Running headers and page numbers are
// already out of the page text.
const maxBetween = 150

// maxBreakCandidates bounds the pages, per half of a quote, tried as one side of a
// page break (each try aligns the quote with two pages).
const maxBreakCandidates = 10

// acrossPages finds a quote that runs over a page break: a page with a line that
// ends with the quote's beginning, followed by at most maxBetween words, and the
// next page of the same document with a line that starts with the rest, preceded by
// at most maxBetween words. Candidates are the pages with the first half of the quote
// and those before the pages with its second half, the best maxBreakCandidates of
// each.
func acrossPages(ctx context.Context, s *search.Searcher, quote string, words []string, want string) ([]Place, error) {
	var halves [2]indexer.Query
	for i, half := range [][]string{words[:(len(words)+1)/2], words[len(words)/2:]} {
		// The half's words nearest the break (at most maxPhraseWords) find its pages.
		if len(half) > maxPhraseWords {
			if i == 0 {
				half = half[len(half)-maxPhraseWords:]
			} else {
				half = half[:maxPhraseWords]
			}
		}
		halves[i] = indexer.Phrase(indexer.FieldBody, strings.Join(half, " "))
	}
	var out []Place
	err := breakPairs(ctx, s, halves, func(pr pagePair) bool {
		start, headEnd, tailStart, end, ok := splitAt(ctx, pr.first.Text, pr.next.Text, want)
		if !ok {
			return true
		}
		first, next := pr.first.Text, pr.next.Text
		passage := first[start:] + "\n" + next[:end]
		p := Place{Doc: pr.doc, Page: pr.page, Label: pr.first.Label, Start: start, End: end, EndPage: pr.page + 1,
			Snippet: snippet.Mark(first, start, len(first)) + " ⁋ " + snippet.Mark(next, 0, end),
			Context: strings.Join(strings.Fields(passage), " ")}
		// What stands between the halves is the pages', not the quote's: compare
		// the halves alone.
		p.Folded = foldings(quote, first[start:headEnd]+"\n"+next[tailStart:end])
		p.Exact = len(p.Folded) == 0
		out = append(out, p)
		return true
	})
	return out, err
}

// pagePair is a page of a document and the next, read.
type pagePair struct {
	doc         *indexer.Document
	page        int
	first, next *search.PageText
}

// breakPairs calls try, until it returns false, with each pair of pages a
// passage over a page break may be on: each of the best maxBreakCandidates pages
// ends[0] finds (where it starts) and the page before each of the best that
// ends[1] finds (where it ends), once each.
func breakPairs(ctx context.Context, s *search.Searcher, ends [2]indexer.Query, try func(pagePair) bool) error {
	type pair struct {
		doc  *indexer.Document
		page int
	}
	var pairs []pair
	seen := map[string]bool{}
	for i, q := range ends {
		hits, err := pages(ctx, s, q)
		if err != nil {
			return err
		}
		for _, h := range hits[:min(len(hits), maxBreakCandidates)] {
			pr := pair{h.doc, h.page - i} // the end's page follows the break
			if key := fmt.Sprint(h.doc.ID, "#", pr.page); pr.page >= 1 && !seen[key] {
				seen[key] = true
				pairs = append(pairs, pr)
			}
		}
	}
	for _, pr := range pairs {
		first, err := s.Page(ctx, pr.doc.ID, pr.page, "")
		if err != nil {
			continue
		}
		next, err := s.Page(ctx, pr.doc.ID, pr.page+1, "")
		if err != nil {
			continue // the last page, or a page that cannot be read
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !try(pagePair{pr.doc, pr.page, first, next}) {
			break
		}
	}
	return ctx.Err()
}

// splitAt finds want (folded as normWithOffsets folds) split over two pages: the
// longest beginning of it, cut between words, that ends a line of a (followed by at
// most maxBetween words), and the rest starting a line of b (after at most
// maxBetween words). It returns the byte offsets in a where the quote starts and
// its beginning ends, and in b where the rest starts and ends; nothing once ctx
// ends.
func splitAt(ctx context.Context, a, b, want string) (start, headEnd, tailStart, end int, ok bool) {
	na, oa := normWithOffsets(a)
	nb, ob := normWithOffsets(b)
	for k := len(want) - 1; k > 0; k-- {
		if want[k] != ' ' {
			continue
		}
		if ctx.Err() != nil {
			return 0, 0, 0, 0, false
		}
		head, rest := want[:k], want[k+1:]
		// The beginning: the last copy on the page that starts a word, ends a line
		// and has no more than maxBetween words after it (earlier copies have more).
		i, headEnd := -1, 0
		for at := strings.LastIndex(na, head); at >= 0; at = strings.LastIndex(na[:at+len(head)-1], head) {
			if len(strings.Fields(na[at+len(head):])) > maxBetween {
				break
			}
			end := runeEnd(a, oa[at+len(head)-1])
			if wordStart(na, at) && endsLine(a[end:]) && footnotes(a[end:]) {
				i, headEnd = at, end
				break
			}
		}
		if i < 0 {
			continue
		}
		// The rest: the first copy that starts a line and ends a word.
		j := -1
		for at := strings.Index(nb, rest); at >= 0 && len(strings.Fields(nb[:at])) <= maxBetween; {
			if startsLine(b[:ob[at]]) && wordEnd(nb, at+len(rest)) {
				j = at
				break
			}
			n := strings.Index(nb[at+1:], rest)
			if n < 0 {
				break
			}
			at += 1 + n
		}
		if j < 0 {
			continue
		}
		return oa[i], headEnd, ob[j], runeEnd(b, ob[j+len(rest)-1]), true
	}
	return 0, 0, 0, 0, false
}

// wordStart reports whether s[i:] starts a word: no letter or digit right before.
func wordStart(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// wordEnd reports whether s[:i] ends a word: no letter or digit right after.
func wordEnd(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i == len(s) || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// endsLine reports whether what follows a passage on its page ends its line:
// closing punctuation or a footnote's call at most, then a line break or the end
// of the page.
func endsLine(after string) bool {
	t := strings.TrimLeftFunc(after, func(r rune) bool {
		return unicode.IsPunct(r) || r == ' ' || r == '\t' || strings.ContainsRune(noteMarks, r)
	})
	return t == "" || t[0] == '\n'
}

// noteMarks are the marks of a footnote's call: superscript digits, *, †, ‡.
const noteMarks = "¹²³⁴⁵⁶⁷⁸⁹⁰*†‡"

// footnotes reports whether the lines after the first half of a quote on its page
// (the line it ends is checked by endsLine) can stand between the halves: nothing,
// or footnotes (text that starts with a note marker: a number, a superscript, *,
// †, ‡). Body text there means the quote's halves are not consecutive.
func footnotes(after string) bool {
	nl := strings.IndexByte(after, '\n')
	if nl < 0 {
		return true
	}
	t := strings.TrimSpace(after[nl+1:])
	if t == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsDigit(r) || strings.ContainsRune(noteMarks+"§", r)
}

// startsLine reports whether what precedes a passage on its page starts a line:
// opening punctuation at most, after a line break or the start of the page.
func startsLine(before string) bool {
	t := strings.TrimRightFunc(before, func(r rune) bool { return unicode.IsPunct(r) || r == ' ' || r == '\t' })
	return t == "" || t[len(t)-1] == '\n'
}

// Near matches: at most a quarter of the quote's words (at least one) differ.
const (
	nearCandidates = 10
	maxNearWords   = 5000 // words of a page aligned against the quote
)

// nearPlaces aligns the quote, word by word, with the pages that share most of its
// words, and returns the passages within the near-match distance (best first) and,
// when there is none, the closest passages.
func nearPlaces(ctx context.Context, s *search.Searcher, words []string, gaps []bool) (near, closest []Place, err error) {
	if len(words) < 2 {
		return nil, nil, nil
	}
	var should []indexer.Query
	seen := map[string]bool{}
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			should = append(should, indexer.Match(indexer.FieldBody, w, 0))
		}
	}
	hits, err := pages(ctx, s, indexer.Bool(nil, should, nil, max(1, (len(should)*6+9)/10)))
	if err != nil {
		return nil, nil, err
	}
	type scored struct {
		p    Place
		dist int
	}
	var all []scored
	for _, h := range hits[:min(len(hits), nearCandidates)] {
		pw := pageWords(h.text, maxNearWords)
		if len(pw) == 0 {
			continue
		}
		dist, from, to, diff := alignWords(words, gaps, pw)
		start, end := pw[from].start, pw[to-1].end
		all = append(all, scored{Place{Doc: h.doc, Page: h.page, Label: h.label, Start: start, End: end,
			Diff: diff, Snippet: snippet.Mark(h.text, start, end), Context: contextOf(h.text, start, end)}, dist})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].dist < all[j].dist })
	limit := max(1, len(words)/4)
	for _, a := range all {
		if a.dist <= limit {
			near = append(near, a.p)
		} else if len(closest) < 5 {
			a.p.Diff = nil
			closest = append(closest, a.p)
		}
	}
	if len(near) > 0 {
		closest = nil
	}
	return near, closest, nil
}

// pageWord is a word of a page's text, folded, with its byte span.
type pageWord struct {
	w          string
	start, end int
}

// pageWords splits text into folded words as quoteWords does, keeping their spans:
// the first limit of them (every one for a limit of 0 or less).
func pageWords(text string, limit int) []pageWord {
	var out []pageWord
	start := -1
	for i, r := range text + " " {
		if !wordRune(r) && start >= 0 {
			out = append(out, pageWord{query.Fold(text[start:i]), start, i})
			start = -1
			if limit > 0 && len(out) >= limit {
				return out
			}
		}
		switch {
		case signRune(r):
			out = append(out, pageWord{string(r), i, i + utf8.RuneLen(r)})
			if limit > 0 && len(out) >= limit {
				return out
			}
		case wordRune(r) && start < 0:
			start = i
		}
	}
	return out
}

// alignWords finds the passage of the page closest to the quote (fewest words
// added, dropped or changed; the passage may start and end anywhere) and returns
// that distance, the passage as page word indexes [from, to) and the word diff.
// Where gaps[i] (gaps may be nil), after the quote's first i words, an elision
// stands for up to maxOmitted page words at no cost (beyond them, one a word).
func alignWords(q []string, gaps []bool, pw []pageWord) (dist, from, to int, diff []WordDiff) {
	n, m := len(q), len(pw)
	// back[i*(m+1)+j]: 0 match/substitute, 1 quote word dropped, 2 page word added.
	back := make([]uint8, (n+1)*(m+1))
	prev, cur := make([]int, m+1), make([]int, m+1)
	for i := 1; i <= n; i++ {
		cur[0] = i
		back[i*(m+1)] = 1
		add := 1
		if i < len(gaps) && gaps[i] {
			add = 0
		}
		for j := 1; j <= m; j++ {
			c := prev[j-1]
			if q[i-1] != pw[j-1].w {
				c++
			}
			op := uint8(0)
			if d := prev[j] + 1; d < c {
				c, op = d, 1
			}
			if a := cur[j-1] + add; a < c {
				c, op = a, 2
			}
			cur[j], back[i*(m+1)+j] = c, op
		}
		prev, cur = cur, prev
	}
	to = 1
	for j := 1; j <= m; j++ {
		// Of ends as close, the page's word in place of the quote's last ("is
		// weak" for "is strong") rather than the quote's last dropped.
		if prev[j] < prev[to] || prev[j] == prev[to] && j == to+1 && back[n*(m+1)+j] == 0 {
			to = j
		}
	}
	dist = prev[to]
	i, j := n, to
	for i > 0 {
		switch back[i*(m+1)+j] {
		case 0:
			if q[i-1] == pw[j-1].w {
				diff = append(diff, WordDiff{Op: "=", Quote: q[i-1], Doc: pw[j-1].w})
			} else {
				diff = append(diff, WordDiff{Op: "~", Quote: q[i-1], Doc: pw[j-1].w})
			}
			i, j = i-1, j-1
		case 1:
			diff = append(diff, WordDiff{Op: "-", Quote: q[i-1]})
			i--
		default:
			switch k := len(diff) - 1; {
			case i >= len(gaps) || !gaps[i]:
				diff = append(diff, WordDiff{Op: "+", Doc: pw[j-1].w})
			case k >= 0 && diff[k].Op == "…":
				diff[k].Doc = pw[j-1].w + " " + diff[k].Doc
			default:
				diff = append(diff, WordDiff{Op: "…", Doc: pw[j-1].w})
			}
			j--
		}
	}
	slices.Reverse(diff)
	for _, d := range diff {
		if d.Op == "…" { // words past what an elision may stand for
			dist += max(0, len(strings.Fields(d.Doc))-maxOmitted)
		}
	}
	from = j
	if from >= to { // every quote word was dropped: point at the end word
		from = to - 1
	}
	return dist, from, to, diff
}

// matchedPage is a page a quote search matched: its document, number, printed
// label and text.
type matchedPage struct {
	doc   *indexer.Document
	page  int
	label string
	text  string
}

// pages returns the pages matching q, best first, with their text.
// q searches page text (which only page records have), so it needs no kind filter.
func pages(ctx context.Context, s *search.Searcher, q indexer.Query) ([]matchedPage, error) {
	// No highlighting: Bleve's would check the phrase again, path by path; the
	// passage is marked from the text (placeOf).
	hits, err := s.Index().Hits(ctx, q, indexer.HitRequest{
		Size: maxPlaces, Fields: []string{indexer.FieldBody, indexer.FieldLabel},
	})
	if err != nil {
		return nil, fmt.Errorf("verify quote: %w", err)
	}
	var ids []string
	for _, h := range hits {
		if id, _, ok := indexer.SplitPageID(h.ID); ok {
			ids = append(ids, id)
		}
	}
	docs, err := s.Index().GetMany(ids)
	if err != nil {
		return nil, err
	}
	var out []matchedPage
	for _, h := range hits {
		id, n, ok := indexer.SplitPageID(h.ID)
		if !ok || docs[id] == nil {
			continue
		}
		out = append(out, matchedPage{doc: docs[id], page: n, text: h.Text[indexer.FieldBody], label: h.Text[indexer.FieldLabel]})
	}
	return out, nil
}

// quoteWords returns the quote's words, folded, its words broken at line ends
// joined (joinBroken), as pageWords reads a page's.
func quoteWords(q string) []string {
	var out []string
	for _, w := range pageWords(query.Fold(joinBroken(q)), -1) {
		out = append(out, w.w)
	}
	return out
}

// unmix writes a word that mixes Cyrillic and Latin letters in the alphabet most
// of its letters are in, its look-alike letters changed ("вiйськовi" typed with a
// Latin i is "військові"): how a Ukrainian word is often typed on a keyboard
// switched mid-word, or copied from a PDF whose font maps glyphs so.
func unmix(s string) string {
	return mixedWord.ReplaceAllStringFunc(s, func(w string) string {
		cyr, lat := 0, 0
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Latin, r):
				lat++
			}
		}
		if cyr == 0 || lat == 0 {
			return w
		}
		to := latinToCyrillic
		if lat > cyr {
			to = cyrillicToLatin
		}
		return strings.Map(func(r rune) rune {
			if c, ok := to[r]; ok {
				return c
			}
			return r
		}, w)
	})
}

var (
	// mixedWord is a run of letters (and apostrophes): a word to unmix.
	mixedWord = regexp.MustCompile(`[\pL'’ʼ]+`)
	// latinToCyrillic are the Latin letters that look like Cyrillic ones.
	latinToCyrillic = map[rune]rune{
		'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'k': 'к',
		'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'I': 'І', 'K': 'К', 'M': 'М', 'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х',
	}
	// cyrillicToLatin is the reverse.
	cyrillicToLatin = func() map[rune]rune {
		m := map[rune]rune{}
		for l, c := range latinToCyrillic {
			m[c] = l
		}
		return m
	}()
)

// wordRune reports whether r belongs to a word when a quote and a page are compared
// word by word: letters, digits, marks, apostrophes.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\'' || r == '\u2019' || r == '\u02bc'
}

// signRune reports whether r is a sign that changes what a figure says (currency,
// %, ‰, °): a word of its own, however it is spaced ("24 %" is "24%"), so that "$5"
// is not "£5" nor "40%" "40".
func signRune(r rune) bool {
	return unicode.Is(unicode.Sc, r) || r == '%' || r == '‰' || r == '°'
}

// joinBroken joins the words a quote copied from a PDF breaks at line ends
// ("govern-\nance", with a soft hyphen too, "\r\n" as browsers send lines) and
// drops soft hyphens and zero-width characters: the words as the page has them.
func joinBroken(q string) string {
	q = strings.ReplaceAll(q, "\r\n", "\n")
	q = brokenWord.ReplaceAllString(q, "$1$2")
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			return -1
		}
		return r
	}, q)
}

// brokenWord is a word broken by a hyphen at a line end; pastedBreak one whose
// line break became a space ("infor- mation"; a page's own "pre- and post-war"
// folds alike, and a quote is searched as given first); keptBreak one whose line
// break went and left the hyphen ("infor-mation", as a one-line field pastes
// lines, or another copy's line end): folded only where the page has the word
// whole, a compound of the page's own ("long-term") being there as given.
var (
	brokenWord  = regexp.MustCompile(`(\pL)[-\x{00ad}\x{2010}][ \t]*\n[ \t]*(\pL)`)
	pastedBreak = regexp.MustCompile(`(\pL)[-\x{00ad}\x{2010}] +(\p{Ll})`)
	keptBreak   = regexp.MustCompile(`(\pL)[-\x{00ad}\x{2010}](\p{Ll})`)
)

// normQuote folds a quote for comparison with page text (see normWithOffsets).
func normQuote(q string) string {
	n, _ := normWithOffsets(q)
	return strings.Trim(n, " ")
}

// normWithOffsets folds text for quote comparison — lower case, typographic quotes,
// apostrophes and dashes to ASCII, every run of white space to one space, a hyphen
// at a line end joined — and returns, for each byte of the result, the byte offset
// in text it came from.
func normWithOffsets(text string) (string, []int) {
	var b strings.Builder
	offsets := make([]int, 0, len(text))
	space := false
	rs := []rune(text)
	byteAt := make([]int, len(rs)+1)
	for i, off := 0, 0; i < len(rs); i++ {
		byteAt[i] = off
		off += len(string(rs[i]))
		byteAt[i+1] = off
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		// "govern-\nance": the hyphen and the line break go.
		if (r == '-' || r == '\u00ad') && i+1 < len(rs) && rs[i+1] == '\n' && i > 0 && unicode.IsLetter(rs[i-1]) {
			i++
			continue
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			offsets = append(offsets, byteAt[i])
		}
		space = false
		for _, fr := range query.Fold(string(quoteFold(r))) {
			n := b.Len()
			b.WriteRune(fr)
			for k := n; k < b.Len(); k++ {
				offsets = append(offsets, byteAt[i])
			}
		}
	}
	return b.String(), offsets
}

// quoteFold writes typographic quotation marks as ASCII ones.
func quoteFold(r rune) rune {
	switch r {
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
		return '"'
	case '\u2039', '\u203a':
		return '\''
	}
	return r
}
