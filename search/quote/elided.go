package quote

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/snippet"
)

// maxOmitted bounds the words an elision may stand for: a clause, a sentence or
// two, a short paragraph. Parts of a quote further apart than that are not one
// quotation of the page. maxPartsWork bounds the words compared on one page
// looking for the parts (a table of one repeated figure would make it quadratic).
const (
	maxOmitted   = 250
	maxPartsWork = 2_000_000
)

// elision marks words left out of a quote: an ellipsis ("…", "...", ". . ."),
// alone or in brackets ("[…]", "(...)").
var elision = regexp.MustCompile(`[\[(]\s*(?:…|\.(?:\s?\.){2,})\s*[\])]|…|\.(?:\s?\.){2,}`)

// Omission is text of the page that a quote's elision stands for: its byte span
// in the page's text, its words and the text itself on one line (none, at the
// end of the part before, for an elision the page has nothing for: a place has
// one Omission for each elision, in order).
// Over a page break, Page is the page an omission starts on when it is not the
// place's first, and EndPage the page it ends on when it runs over the break (End
// is then an offset in that page's text).
type Omission struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Page    int    `json:"page,omitempty"`
	EndPage int    `json:"end_page,omitempty"`
	Words   int    `json:"words"`
	Text    string `json:"text"`
}

// Parts splits a quote at its elisions into the passages it quotes, in order,
// without the punctuation next to each elision (the quoter's, joining the parts).
// An elision at either end only says the quote starts or ends mid-sentence: it
// makes no part. Text without a word makes none either.
func Parts(quote string) []string {
	split := elision.Split(quote, -1)
	var parts []string
	for i, p := range split {
		edge := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:.-–—", r) }
		if i > 0 {
			p = strings.TrimLeftFunc(p, edge)
		}
		if i < len(split)-1 {
			p = strings.TrimRightFunc(p, edge)
		}
		if len(quoteWords(p)) > 0 {
			parts = append(parts, strings.TrimSpace(p))
		}
	}
	return parts
}

// elided finds a quote with words left out (its parts, as written and as unmix
// writes them): pages with every part, in order, each within maxOmitted words of
// the one before, and pages and the next with them so (elidedAcross).
func elided(ctx context.Context, s *search.Searcher, parts []string) ([]Place, error) {
	variants := [][]string{parts}
	if plain := unmixAll(parts); !slices.Equal(plain, parts) {
		variants = append(variants, plain)
	}
	// With words broken at a line end and pasted on one line joined ("se- cret"),
	// and then those whose hyphen the line break left ("se-cret"), when there are
	// such: a quote's own compounds ("long-term") stay in the first.
	last := variants[len(variants)-1]
	for _, re := range []*regexp.Regexp{pastedBreak, keptBreak} {
		joined := make([]string, len(last))
		for i, p := range last {
			joined[i] = re.ReplaceAllString(p, "$1$2")
		}
		if !slices.Equal(joined, last) {
			variants = append(variants, joined)
			last = joined
		}
	}
	// partQuery finds pages with part i of the quote in one of its forms.
	partQuery := func(i int) (indexer.Query, error) {
		var qs []indexer.Query
		for _, v := range variants {
			q, err := phraseOf(s, joinBroken(v[i]))
			if err != nil {
				return nil, err
			}
			qs = append(qs, q)
		}
		return indexer.Or(qs...), nil
	}
	var must []indexer.Query
	for i := range parts {
		q, err := partQuery(i)
		if err != nil {
			return nil, err
		}
		must = append(must, q)
	}
	hits, err := pages(ctx, s, indexer.Bool(must, nil, nil, 0))
	if err != nil {
		return nil, err
	}
	// The parts' words as given, then as each joined variant has them.
	var wordings [][][]string
	for _, v := range variants {
		ws := make([][]string, len(v))
		for i, p := range v {
			ws[i] = unmixAll(quoteWords(p))
		}
		if !slices.ContainsFunc(wordings, func(o [][]string) bool { return slices.EqualFunc(o, ws, slices.Equal) }) {
			wordings = append(wordings, ws)
		}
	}
	find := func(h matchedPage, brk int) (Place, bool) {
		for _, ws := range wordings {
			if p, ok := partsIn(h, parts, ws, brk); ok {
				return p, true
			}
		}
		return Place{}, false
	}
	var out []Place
	for _, h := range hits {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p, ok := find(h, 0); ok {
			out = append(out, p)
		}
	}
	// Over a page break too, even where a page has the parts: left-out words make a
	// quote less particular, and each place it may come from is the answer.
	across, err := elidedAcross(ctx, s, partQuery, len(parts), find)
	out = append(out, across...)
	return out[:min(len(out), maxPlaces)], err
}

// elidedAcross finds a quote with words left out that runs over a page break:
// its parts in order over a page and the next, read as one text (find, as
// elided's partsIn), beginning on the first and ending on the second. The page
// after a page with the first part, and the page before one with the last, are
// tried (one of them is whole on a page: a part may itself run over the break),
// the best maxBreakCandidates of each. A part that runs over the break may step
// over the first page's footnotes (runAt), nothing else. The places are at most
// maxPlaces.
func elidedAcross(ctx context.Context, s *search.Searcher, partQuery func(int) (indexer.Query, error), n int, find func(matchedPage, int) (Place, bool)) ([]Place, error) {
	var ends [2]indexer.Query
	for i, k := range []int{0, n - 1} {
		q, err := partQuery(k)
		if err != nil {
			return nil, err
		}
		ends[i] = q
	}
	var out []Place
	err := breakPairs(ctx, s, ends, func(pr pagePair) bool {
		brk := len(pr.first.Text) + 1
		p, ok := find(matchedPage{pr.doc, pr.page, pr.first.Label, pr.first.Text + "\n" + pr.next.Text}, brk)
		if !ok || p.Start >= brk-1 || p.End <= brk {
			return true // on one page of the two: not over the break
		}
		p.End, p.EndPage = p.End-brk, pr.page+1
		for i, o := range p.Omitted {
			switch {
			case o.Start >= brk:
				o.Start, o.End, o.Page = o.Start-brk, o.End-brk, pr.page+1
			case o.End > brk:
				o.End, o.EndPage = o.End-brk, pr.page+1
			}
			p.Omitted[i] = o
		}
		out = append(out, p)
		return len(out) < maxPlaces
	})
	return out, err
}

func unmixAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = unmix(s)
	}
	return out
}

// partsIn finds a quote's parts (their words, unmixed) on a page in order, each
// within maxOmitted words of the one before, starting at the first place the
// first part is where the rest follows. The place is exact when every part is on
// the page as given; the words between the parts are its Omitted. brk, when not
// 0, is where a second page starts in h.text (two pages read as one, joined by a
// line break): the snippet shows each page's part of the passage.
func partsIn(h matchedPage, parts []string, words [][]string, brk int) (Place, bool) {
	pw := pageWords(h.text, -1)
	keys := make([]string, len(pw))
	for i, w := range pw {
		keys[i] = unmix(w.w)
	}
	// A part over the break may step over the first page's last lines (its
	// footnotes): brkWord is the second page's first word.
	brkWord := 0
	if brk > 0 {
		brkWord, _ = slices.BinarySearchFunc(pw, brk, func(w pageWord, b int) int { return w.start - b })
	}
	// run is a part's page words [from, to), less [skip, brkWord) when it steps
	// over the first page's foot (skip 0: it does not).
	type run struct{ from, to, skip int }
	var runs []run
	work := 0 // words compared, bounded by maxPartsWork
	at := func(q []string, j int) (run, bool) {
		work += len(q)
		end, skip, ok := runAt(q, keys, pw, h.text, j, brkWord, brk)
		return run{j, end, skip}, ok
	}
	// follow places parts k… after page word end, each within maxOmitted words
	// of the one before, trying a later copy of a part when the rest does not
	// follow the first (a part the page repeats).
	var follow func(k, end int) bool
	follow = func(k, end int) bool {
		if k == len(words) {
			return brk == 0 || end > brkWord // over the break, when reading two pages
		}
		for j := end; j <= end+maxOmitted && j < len(keys) && work <= maxPartsWork; j++ {
			if r, ok := at(words[k], j); ok {
				runs = append(runs, r)
				if follow(k+1, r.to) {
					return true
				}
				runs = runs[:len(runs)-1]
			}
		}
		return false
	}
	// Over a break, the first part starts near enough the first page's end for
	// the rest to reach the second.
	from := 0
	if brk > 0 {
		quoted := 0
		for _, w := range words {
			quoted += len(w)
		}
		from = max(0, brkWord-len(words)*maxOmitted-quoted)
	}
	found := false
	for i := from; i < len(keys); i++ {
		if work > maxPartsWork {
			return Place{}, false
		}
		if r, ok := at(words[0], i); ok {
			runs = append(runs[:0], r)
			if found = follow(1, r.to); found {
				break
			}
		}
	}
	if !found {
		return Place{}, false
	}
	p := Place{Doc: h.doc, Page: h.page, Label: h.label, Start: pw[runs[0].from].start, End: pw[runs[len(runs)-1].to-1].end}
	var spans, marks []snippet.Span // each part's; what the snippet marks
	for k, r := range runs {
		sp := edges(h.text, parts[k], snippet.Span{Start: pw[r.from].start, End: pw[r.to-1].end})
		if k > 0 { // two parts side by side may both reach over the mark between them
			sp.Start = max(sp.Start, spans[k-1].End)
		}
		spans = append(spans, sp)
		passage := h.text[sp.Start:sp.End]
		if r.skip > 0 { // the first page's foot is not the quote's
			head, tail := snippet.Span{Start: sp.Start, End: pw[r.skip-1].end}, snippet.Span{Start: pw[brkWord].start, End: sp.End}
			passage = h.text[head.Start:head.End] + "\n" + h.text[tail.Start:tail.End]
			marks = append(marks, head, tail)
		} else {
			marks = append(marks, sp)
		}
		for _, f := range foldings(parts[k], passage) {
			if !slices.Contains(p.Folded, f) {
				p.Folded = append(p.Folded, f)
			}
		}
		switch {
		case k > 0 && r.from > runs[k-1].to:
			o := Omission{Start: pw[runs[k-1].to].start, End: pw[r.from-1].end, Words: r.from - runs[k-1].to}
			o.Text = strings.Join(strings.Fields(h.text[o.Start:o.End]), " ")
			p.Omitted = append(p.Omitted, o)
		case k > 0: // an elision the page has nothing for
			p.Omitted = append(p.Omitted, Omission{Start: spans[k-1].End, End: spans[k-1].End})
		}
	}
	p.Exact = len(p.Folded) == 0
	p.Snippet, p.Context = snippet.MarkEach(h.text, marks), contextOf(h.text, p.Start, p.End)
	if brk > 0 {
		p.Snippet = snippet.MarkEach(h.text[:brk-1], clip(marks, 0, brk-1)) + " ⁋ " + snippet.MarkEach(h.text[brk:], clip(marks, brk, len(h.text)))
	}
	return p, true
}

// clip is the spans' parts within [from, to), as offsets from from.
func clip(spans []snippet.Span, from, to int) []snippet.Span {
	var out []snippet.Span
	for _, sp := range spans {
		if sp.End > from && sp.Start < to {
			out = append(out, snippet.Span{Start: max(sp.Start, from) - from, End: min(sp.End, to) - from})
		}
	}
	return out
}

// edges widens a part's span of page words over the page's punctuation next to
// it, as many characters as the part has before its first word and after its
// last ("minister." against "minister." or "minister;"), for foldings to compare.
func edges(text, part string, sp snippet.Span) snippet.Span {
	punct := func(r rune) bool { return !wordRune(r) && !signRune(r) && !unicode.IsSpace(r) }
	lead := utf8.RuneCountInString(part) - utf8.RuneCountInString(strings.TrimLeftFunc(part, punct))
	for ; lead > 0 && sp.Start > 0; lead-- {
		r, n := utf8.DecodeLastRuneInString(text[:sp.Start])
		if !punct(r) {
			break
		}
		sp.Start -= n
	}
	trail := utf8.RuneCountInString(part) - utf8.RuneCountInString(strings.TrimRightFunc(part, punct))
	for ; trail > 0 && sp.End < len(text); trail-- {
		r, n := utf8.DecodeRuneInString(text[sp.End:])
		if !punct(r) {
			break
		}
		sp.End += n
	}
	return sp
}

// runAt matches the words q with the page's words (keys) from index j, a word
// broken at a line end ("govern-" "ance") counting as one, and returns the index
// past the last page word matched. With brk (not 0: the index of a second page's
// first word; brkByte where that page's text starts), the words may go on there
// from the end of a line followed only by footnotes, at most maxBetween words (see
// footnotes): skip is then where they stopped.
func runAt(q, keys []string, pw []pageWord, text string, j, brk, brkByte int) (end, skip int, ok bool) {
	for i := 0; i < len(q); {
		w := q[i]
		switch {
		case j < len(keys) && keys[j] == w:
			j++
		case j+1 < len(keys) && keys[j]+keys[j+1] == w && lineBreakHyphen.MatchString(text[pw[j].end:pw[j+1].start]):
			j += 2
		case i > 0 && skip == 0 && j < brk && brk < len(pw) && brk-j <= maxBetween && strings.Contains(text[pw[j-1].end:pw[j].start], "\n") &&
			footnotes(text[pw[j-1].end:brkByte]):
			skip, j = j, brk
			continue // the same word, on the second page
		default:
			return 0, 0, false
		}
		i++
	}
	return j, skip, true
}

// lineBreakHyphen is what stands between the halves of a word broken at a line end.
var lineBreakHyphen = regexp.MustCompile(`^[-\x{00ad}\x{2010}][ \t]*\r?\n[ \t]*$`)
