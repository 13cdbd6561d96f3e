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
type Omission struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Words int    `json:"words"`
	Text  string `json:"text"`
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
// the one before.
func elided(ctx context.Context, s *search.Searcher, parts []string) ([]Place, error) {
	variants := [][]string{parts}
	if plain := unmixAll(parts); !slices.Equal(plain, parts) {
		variants = append(variants, plain)
	}
	last := variants[len(variants)-1]
	joinedText := make([]string, len(last))
	for i, p := range last {
		joinedText[i] = joinedBreaks(p)
	}
	if !slices.Equal(joinedText, last) {
		variants = append(variants, joinedText)
	}
	var qs []indexer.Query
	for _, v := range variants {
		var must []indexer.Query
		for _, p := range v {
			q, err := phraseOf(s, joinBroken(p))
			if err != nil {
				return nil, err
			}
			must = append(must, q)
		}
		qs = append(qs, indexer.Bool(must, nil, nil, 0))
	}
	hits, err := pages(ctx, s, indexer.Or(qs...))
	if err != nil {
		return nil, err
	}
	// The parts' words, and with words broken at a line end and pasted on one
	// line joined ("se- cret"), when there are such.
	words, joined := make([][]string, len(parts)), make([][]string, len(parts))
	for i, p := range parts {
		words[i] = unmixAll(quoteWords(p))
		joined[i] = unmixAll(quoteWords(joinedText[i]))
	}
	pasted := !slices.Equal(joinedText, last)
	var out []Place
	for _, h := range hits {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, ok := partsIn(h, parts, words)
		if !ok && pasted {
			p, ok = partsIn(h, parts, joined)
		}
		if ok {
			out = append(out, p)
		}
	}
	return out, nil
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
// the page as given; the words between the parts are its Omitted.
func partsIn(h matchedPage, parts []string, words [][]string) (Place, bool) {
	pw := pageWords(h.text, -1)
	keys := make([]string, len(pw))
	for i, w := range pw {
		keys[i] = unmix(w.w)
	}
	type run struct{ from, to int } // page word indexes [from, to)
	var runs []run
	work := 0 // words compared, bounded by maxPartsWork
	at := func(q []string, j int) (int, bool) {
		work += len(q)
		return runAt(q, keys, pw, h.text, j)
	}
	// follow places parts k… after page word end, each within maxOmitted words
	// of the one before, trying a later copy of a part when the rest does not
	// follow the first (a part the page repeats).
	var follow func(k, end int) bool
	follow = func(k, end int) bool {
		if k == len(words) {
			return true
		}
		for j := end; j <= end+maxOmitted && j < len(keys) && work <= maxPartsWork; j++ {
			if e, ok := at(words[k], j); ok {
				runs = append(runs, run{j, e})
				if follow(k+1, e) {
					return true
				}
				runs = runs[:len(runs)-1]
			}
		}
		return false
	}
	found := false
	for i := range keys {
		if work > maxPartsWork {
			return Place{}, false
		}
		if end, ok := at(words[0], i); ok {
			runs = append(runs[:0], run{i, end})
			if found = follow(1, end); found {
				break
			}
		}
	}
	if !found {
		return Place{}, false
	}
	p := Place{Doc: h.doc, Page: h.page, Label: h.label, Start: pw[runs[0].from].start, End: pw[runs[len(runs)-1].to-1].end}
	var spans []snippet.Span
	for k, r := range runs {
		sp := edges(h.text, parts[k], snippet.Span{Start: pw[r.from].start, End: pw[r.to-1].end})
		if k > 0 { // two parts side by side may both reach over the mark between them
			sp.Start = max(sp.Start, spans[k-1].End)
		}
		spans = append(spans, sp)
		for _, f := range foldings(parts[k], h.text[sp.Start:sp.End]) {
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
	p.Snippet, p.Context = snippet.MarkEach(h.text, spans), contextOf(h.text, p.Start, p.End)
	return p, true
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
// past the last page word matched.
func runAt(q, keys []string, pw []pageWord, text string, j int) (int, bool) {
	for _, w := range q {
		switch {
		case j < len(keys) && keys[j] == w:
			j++
		case j+1 < len(keys) && keys[j]+keys[j+1] == w && lineBreakHyphen.MatchString(text[pw[j].end:pw[j+1].start]):
			j += 2
		default:
			return 0, false
		}
	}
	return j, true
}

// lineBreakHyphen is what stands between the halves of a word broken at a line end.
var lineBreakHyphen = regexp.MustCompile(`^[-\x{00ad}\x{2010}][ \t]*\r?\n[ \t]*$`)
