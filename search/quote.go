package search

import (
	"context"
	"fmt"
	"html"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// Quote verdicts.
const (
	// QuoteExact: the quote is on the page as given (case, spacing, line breaks,
	// hyphenation, quotation marks, apostrophes and dashes aside).
	QuoteExact = "exact"
	// QuoteWords: the words are on the page in this order, with other punctuation.
	QuoteWords = "words"
	// QuoteNotFound: no page has the words in this order.
	QuoteNotFound = "not_found"
)

// MaxQuoteRunes bounds the length of a quote to verify.
const MaxQuoteRunes = 2000

// maxQuotePlaces bounds the places reported.
const maxQuotePlaces = 50

// QuotePlace is a page where a quote was found.
type QuotePlace struct {
	Doc   *indexer.Document
	Page  int
	Label string
	// Exact reports that the quote is on this page as given (see QuoteExact).
	Exact bool
	// Snippet is HTML: the page's text around the quote, escaped, the quote in <mark>.
	Snippet string
}

// QuoteResult is the outcome of verifying a quote.
type QuoteResult struct {
	Quote   string
	Verdict string
	Places  []QuotePlace
	// Near are pages that have all the words but not in this order, when the quote
	// was not found: the places a misquote may come from.
	Near []QuotePlace
}

// VerifyQuote reports whether and where a quote appears, page by page: pages whose
// text has the quote's words in order, each marked exact when the punctuation matches
// too.
func (s *Searcher) VerifyQuote(ctx context.Context, quote string) (*QuoteResult, error) {
	// Quotation marks around the quote are the user's, not the document's.
	quote = strings.TrimFunc(strings.TrimSpace(quote), func(r rune) bool {
		return isQuote(r) || r == '\'' || r == '‘' || r == '’' || unicode.IsSpace(r)
	})
	words := quoteWords(quote)
	switch {
	case len(words) == 0:
		return nil, fmt.Errorf("%w: the quote has no words", ErrInvalidRequest)
	case len([]rune(quote)) > MaxQuoteRunes:
		return nil, fmt.Errorf("%w: a quote may have at most %d characters", ErrInvalidRequest, MaxQuoteRunes)
	}
	res := &QuoteResult{Quote: quote, Verdict: QuoteNotFound}
	phrase := query.NewMatchPhraseQuery(strings.Join(words, " "))
	phrase.SetField(indexer.FieldBody)
	hits, err := s.pages(ctx, phrase)
	if err != nil {
		return nil, err
	}
	want := normQuote(quote)
	for _, h := range hits {
		p := QuotePlace{Doc: h.doc, Page: h.page, Label: h.label}
		norm, offsets := normWithOffsets(h.text)
		if i := strings.Index(norm, want); i >= 0 {
			p.Exact = true
			p.Snippet = markSpan(h.text, offsets[i], offsets[i+len(want)-1]+1)
			res.Verdict = QuoteExact
		} else {
			p.Snippet = h.snippet
			if res.Verdict != QuoteExact {
				res.Verdict = QuoteWords
			}
		}
		res.Places = append(res.Places, p)
	}
	// Exact places first.
	exact := res.Places[:0:0]
	var other []QuotePlace
	for _, p := range res.Places {
		if p.Exact {
			exact = append(exact, p)
		} else {
			other = append(other, p)
		}
	}
	res.Places = append(exact, other...)
	if res.Verdict == QuoteNotFound && len(words) > 1 {
		all := make([]query.Query, 0, len(words))
		for _, w := range words {
			m := query.NewMatchQuery(w)
			m.SetField(indexer.FieldBody)
			all = append(all, m)
		}
		near, err := s.pages(ctx, query.NewConjunctionQuery(all))
		if err != nil {
			return nil, err
		}
		for _, h := range near[:min(len(near), 5)] {
			res.Near = append(res.Near, QuotePlace{Doc: h.doc, Page: h.page, Label: h.label, Snippet: h.snippet})
		}
	}
	return res, nil
}

type pageHit struct {
	doc     *indexer.Document
	page    int
	label   string
	text    string
	snippet string
}

// pages returns the pages matching q, best first, with their text and a snippet.
func (s *Searcher) pages(ctx context.Context, q query.Query) ([]pageHit, error) {
	sr := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{q, filter(indexer.FieldKind, indexer.KindPage)}), maxQuotePlaces, 0, false)
	sr.Fields = []string{indexer.FieldBody, indexer.FieldLabel}
	sr.Highlight = bleve.NewHighlightWithStyle("html")
	sr.Highlight.AddField(indexer.FieldBody)
	r, err := s.ix.Bleve().SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("verify quote: %w", err)
	}
	var ids []string
	for _, h := range r.Hits {
		if id, _, ok := indexer.SplitPageID(h.ID); ok {
			ids = append(ids, id)
		}
	}
	docs, err := s.ix.GetMany(ids)
	if err != nil {
		return nil, err
	}
	var out []pageHit
	for _, h := range r.Hits {
		id, n, ok := indexer.SplitPageID(h.ID)
		if !ok || docs[id] == nil {
			continue
		}
		ph := pageHit{doc: docs[id], page: n}
		ph.text, _ = h.Fields[indexer.FieldBody].(string)
		ph.label, _ = h.Fields[indexer.FieldLabel].(string)
		if f := h.Fragments[indexer.FieldBody]; len(f) > 0 {
			ph.snippet = oneLine.Replace(strings.Join(f, " … "))
		} else {
			ph.snippet = html.EscapeString(truncate(ph.text, snippetRunes))
		}
		out = append(out, ph)
	}
	return out, nil
}

// quoteWords returns the quote's words, folded.
func quoteWords(q string) []string {
	return strings.FieldsFunc(fold(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != '\''
	})
}

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
		for _, fr := range fold(string(quoteFold(r))) {
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

// markSpan returns text around [start, end) escaped, with that span in <mark>.
func markSpan(text string, start, end int) string {
	const context = 120
	from := max(0, start-context)
	to := min(len(text), end+context)
	for from > 0 && !isRuneStart(text[from]) {
		from--
	}
	for to < len(text) && !isRuneStart(text[to]) {
		to++
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	b.WriteString(html.EscapeString(oneLine.Replace(text[from:start])))
	b.WriteString("<mark>" + html.EscapeString(oneLine.Replace(text[start:end])) + "</mark>")
	b.WriteString(html.EscapeString(oneLine.Replace(text[end:to])))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
