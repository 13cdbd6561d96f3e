package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/snippet"
)

// ErrInvalidRequest marks a request with bad parameters (a *RequestError).
var ErrInvalidRequest = errors.New("invalid request")

// RequestError says what is wrong with a request's parameters: its message in
// English (Error), by Key with Args for interfaces in other languages.
type RequestError struct {
	Key  string
	Args []any
}

func (e *RequestError) Error() string {
	return ErrInvalidRequest.Error() + ": " + fmt.Sprintf(requestErrors[e.Key], e.Args...)
}

func (e *RequestError) Is(target error) bool { return target == ErrInvalidRequest }

// InvalidRequest returns the RequestError of key with args.
func InvalidRequest(key string, args ...any) error { return &RequestError{Key: key, Args: args} }

// requestErrors are the reasons a request is refused, in English, by key.
var requestErrors = map[string]string{
	"page":          "page must be 1 or more",
	"page-number":   "page must be a whole number from 1, not %q",
	"size":          "size must be between 1 and %d",
	"deep":          "page × size may be at most %d",
	"pages-per-doc": "pages per document must be between 1 and %d",
	"sort":          "sort must be relevance, newest or oldest",
	"empty-filter":  "empty %s filter",
	"language":      "unknown language %q (use en, uk or ru)",
	"removed":       "removed=%q: use hide or only",
	"year-order":    "year_from %d is after year_to %d",
	"not-number":    "%s must be a whole number, got %q",
	"too-small":     "%s must be %d or more",
	"xlang":         "xlang must be on or off, not %q",
	"explain":       "explain must be true or false, not %q",
	"verbatim":      "verbatim must be true or false, not %q",
	"quote-empty":   "the quote has no words",
	"prefix-many":   "%q stands for too many words (a query's prefixes may stand for %d in all): give more letters",
	"quote-short":   "a quote needs at least %d words; search finds shorter phrases",
	"quote-long":    "a quote may have at most %d characters",
}

// RequestErrorMessages returns the English message of every reason a request is
// refused, by key (fmt verbs where Args go): what a translation must cover.
func RequestErrorMessages() map[string]string { return maps.Clone(requestErrors) }

// Limits on a request.
const (
	DefaultSize = 10
	MaxSize     = 100
	// MaxResults bounds how deep results can be paged (page × size).
	MaxResults = 10000
	// DefaultPagesPerDoc is how many of a document's best pages a hit shows.
	DefaultPagesPerDoc = 3
)

// Request is one search.
type Request struct {
	// Query is the user's query string (see Parse).
	Query string
	// Page is the 1-based result page and Size the number of documents per page.
	Page, Size int
	// PagesPerDoc is how many pages each document hit shows.
	PagesPerDoc int
	// Filters restrict the search; Facets asks for document counts by facet.
	Filters Filters
	Facets  bool
	// Sort is SortRelevance (""), SortNewest or SortOldest.
	Sort string
	// XLang also searches the other language's terms for glossary terms the query
	// names (Result.Expansions says which); it needs a Searcher WithGlossary.
	XLang bool
	// Explain asks for each hit's Explanation.
	Explain bool
	// Verbatim searches the words as typed: no spelling correction
	// (Result.Corrections), and no retry with spelling mistakes allowed when
	// nothing matched (Result.Rewritten).
	Verbatim bool
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortOldest    = "oldest"
)

// Filters restrict a search to documents with one of the values of each list given,
// and to a range of years (0: open).
type Filters struct {
	Lang      []string `json:"lang,omitempty"`
	Type      []string `json:"type,omitempty"`
	Topic     []string `json:"topic,omitempty"`
	Publisher []string `json:"publisher,omitempty"`
	YearFrom  int      `json:"year_from,omitempty"`
	YearTo    int      `json:"year_to,omitempty"`
	// Removed is RemovedHide to leave out documents gone from their publisher's
	// site (indexed from their stored copy), RemovedOnly to keep only those, or ""
	// for both.
	Removed string `json:"removed,omitempty"`
}

// Any reports whether the filters keep only some documents (Removed aside).
func (f Filters) Any() bool {
	for _, fc := range Facets {
		if fc.Chosen != nil && len(*fc.Chosen(&f)) > 0 {
			return true
		}
	}
	return f.YearFrom != 0 || f.YearTo != 0
}

// Values of Filters.Removed.
const (
	RemovedHide = "hide"
	RemovedOnly = "only"
)

// FacetValue is a value of a facet and how many matching documents have it.
type FacetValue struct {
	// Value is what a filter takes; Label how the value is shown: a type's key and
	// its English label, a topic or publisher as the publishers write it.
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Facet is one facet of the documents: counted in Result.Facets, narrowed by
// Filters and by field:value in a query. Facets lists every facet once; parsing,
// restriction, compilation, counting, the UI and the API all read it.
type Facet struct {
	// Name names the facet in Result.Facets, in a query (lang:uk) and in the API's
	// filter parameters; Help says what it is, in a few English words.
	Name, Help string
	// field is the index field the facet's values are tags of; "" for the year,
	// which is filtered as a range (Filters.YearFrom, YearTo).
	field string
	// Chosen points to the values a request's filters give for the facet; nil for
	// the year.
	Chosen func(*Filters) *[]string
}

// Indexes into Facets (and facetRow).
const (
	facetLang = iota
	facetType
	facetYear
	facetTopic
	facetPublisher
)

// Facets are the facets of the documents, in the order they are shown.
var Facets = [...]Facet{
	facetLang:      {Name: "lang", Help: "document language", field: indexer.FieldLang, Chosen: func(f *Filters) *[]string { return &f.Lang }},
	facetType:      {Name: "type", Help: "document type", field: indexer.FieldType, Chosen: func(f *Filters) *[]string { return &f.Type }},
	facetYear:      {Name: "year", Help: "publication year"},
	facetTopic:     {Name: "topic", Help: "topic", field: indexer.FieldTopic, Chosen: func(f *Filters) *[]string { return &f.Topic }},
	facetPublisher: {Name: "publisher", Help: "publisher", field: indexer.FieldPublisher, Chosen: func(f *Filters) *[]string { return &f.Publisher }},
}

// FacetNames are the names of Facets, in order.
var FacetNames = func() []string {
	out := make([]string, len(Facets))
	for i, f := range Facets {
		out[i] = f.Name
	}
	return out
}()

// tagFacet returns the index into Facets of the tag facet (not the year) named
// name, or false.
func tagFacet(name string) (int, bool) {
	for i, f := range Facets {
		if f.Name == name && f.field != "" {
			return i, true
		}
	}
	return 0, false
}

// Result is one page of document hits.
type Result struct {
	// Query is the query as given; Parsed is how it was read. Rewritten is the query
	// that was run instead when the given one matched nothing (spelling mistakes
	// allowed); empty otherwise.
	Query     string
	Parsed    string
	Rewritten string
	// Suggestion is Rewritten in words the index has, when it is plain words.
	Suggestion string
	// Corrections are the words searched as others because no page has them
	// (spelling correction; none with Request.Verbatim), and Corrected the query
	// with those words replaced.
	Corrections []Correction
	Corrected   string
	// Sort is the order the hits are in (a browse without a query is newest first).
	Sort string
	// Total counts the documents found: those matching, and Joined translations
	// of the best of them that the query did not match (Hit.TranslationOf), which
	// the facets leave out. MatchedPages counts the pages (of PDFs and web
	// pages) that match, not pages of results.
	Total        int
	Joined       int
	MatchedPages int
	Took         time.Duration
	// Expansions are the translations searched too (Request.XLang).
	Expansions []Expansion
	// Feedback are the words pseudo-relevance feedback added to rank by.
	Feedback []FeedbackTerm
	Hits     []Hit
	// Facets counts matching documents by lang, type, year, topic and publisher
	// (when the request asks for them).
	Facets map[string][]FacetValue
}

// Hit is one document with its best-matching pages.
type Hit struct {
	Doc   *indexer.Document
	Score float64
	Pages []PageHit
	// TranslationOf, when not nil, is the document this one translates: one of
	// the best found, whose translation joined the results though the query
	// matched nothing in it (no pages then); it scores joinWeight times that
	// document's score.
	TranslationOf *indexer.Document
	// Explain says how Score was made (Request.Explain); nil unless asked for.
	Explain *Explanation
}

// PageHit is one matching page of a document.
type PageHit struct {
	Page int
	// Label is the printed page number ("iv", "37") when the PDF declares labels.
	Label string
	Score float64
	// Snippet is HTML: the page text escaped, with matches in <mark>.
	Snippet string
}

// Searcher runs queries against an index.
type Searcher struct {
	ix *indexer.Index
	// gloss and glossary serve cross-language search (see WithGlossary).
	gloss    *xlang
	glossary *Glossary
	// facetTab counts facets, and stems keeps the terms of words analysed for
	// feedback (both shared by the copies WithGlossary makes).
	facetTab *facetTable
	stems    *wordStems
}

// New returns a Searcher over ix.
func New(ix *indexer.Index) *Searcher {
	return &Searcher{ix: ix, facetTab: &facetTable{ix: ix}, stems: &wordStems{}}
}

// Prepare reads what every search needs of the index and keeps (the facet table:
// every stored document, about a second at a million pages; the ranking's tables
// of the page records), so that the first search does not wait for it; a search
// reads it itself when it is not ready.
func (s *Searcher) Prepare(ctx context.Context) error {
	if err := s.ix.PrepareRanking(ctx); err != nil {
		return err
	}
	_, err := s.facetTab.table(ctx)
	return err
}

// Search runs req and returns document hits grouped from page hits: a document ranks
// by its best page, and shows up to PagesPerDoc pages with highlighted snippets.
func (s *Searcher) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	searching.Add(1)
	defer searching.Add(-1)
	ctx = indexer.WithFuzzyTerms(ctx) // its stages share its fuzzy words' terms
	if req.Page == 0 {
		req.Page = 1
	}
	if req.Size == 0 {
		req.Size = DefaultSize
	}
	if req.PagesPerDoc == 0 {
		req.PagesPerDoc = DefaultPagesPerDoc
	}
	switch {
	case req.Page < 1:
		return nil, InvalidRequest("page")
	case req.Size < 1 || req.Size > MaxSize:
		return nil, InvalidRequest("size", MaxSize)
	case req.Page > MaxResults/req.Size: // page × size > MaxResults, without overflow
		return nil, InvalidRequest("deep", MaxResults)
	case req.PagesPerDoc < 1 || req.PagesPerDoc > 20:
		return nil, InvalidRequest("pages-per-doc", 20)
	}
	if err := checkSort(req.Sort); err != nil {
		return nil, err
	}
	ctx, err := s.scoring(ctx)
	if err != nil {
		return nil, err
	}
	node, alts, exps, corrs, err := s.prepare(ctx, &req)
	if err != nil {
		return nil, err
	}
	res, err := s.search(ctx, start, node, alts, expandedWords(exps), translated(exps), req)
	if res != nil {
		res.Expansions, res.Sort, res.Corrections = exps, req.Sort, corrs
		if len(corrs) > 0 {
			res.Corrected = correctedText(req.Query, corrs)
		}
	}
	if err != nil || res.Total > 0 {
		return res, err
	}
	// Nothing matched (a word no page has that a dictionary knows is not corrected:
	// "overnight"): try the words with spelling mistakes allowed, and say so —
	// within the same deadline; not when asked for the words as typed.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if fuzzy, ok := misspelt(node); ok && !req.Verbatim {
		fres, err := s.search(ctx, start, fuzzy, alts, expandedWords(exps), translated(exps), req)
		if err != nil {
			return nil, err
		}
		if fres.Total > 0 {
			fres.Query, fres.Rewritten, fres.Expansions, fres.Corrections = req.Query, query.String(fuzzy), exps, corrs
			fres.Suggestion = s.suggest(ctx, fuzzy)
			return fres, nil
		}
	}
	return res, nil
}

// prepare parses req's query (queryOf), reads it as the keys meant where it was
// typed with the wrong keyboard layout (relayout) and corrects its spelling,
// unless req asks for it verbatim, and finds its expansions (translations,
// synonyms, stand-ins): what Search and Export run.
func (s *Searcher) prepare(ctx context.Context, req *Request) (query.Node, []indexer.Query, []Expansion, []Correction, error) {
	node, err := queryOf(req)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	text, keyed := req.Query, []Correction(nil)
	if !req.Verbatim {
		meant, corrs, ok, err := s.relayout(ctx, req.Query)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if ok {
			if n, err := query.Parse(meant); err == nil {
				node, text, keyed = n, meant, corrs
			}
		}
	}
	if err := s.checkPrefixes(ctx, node); err != nil {
		return nil, nil, nil, nil, err
	}
	alts, exps, err := s.expandUnrestricted(ctx, text, node, req)
	if err != nil || req.Verbatim {
		return node, alts, exps, nil, err
	}
	fixed, corrs, err := s.correct(ctx, text, node, exps)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if len(corrs) == 0 {
		return node, alts, exps, keyed, nil
	}
	// The words searched now may have translations and synonyms of their own.
	if alts, exps, err = s.expandUnrestricted(ctx, text, fixed, req); err != nil {
		return nil, nil, nil, nil, err
	}
	return fixed, alts, exps, append(keyed, corrs...), nil
}

// expandUnrestricted is expand of what node searches for once its restrictions
// (lang:, type:, year: …) are lifted, as plan lifts them: "oversight lang:uk"
// finds what "oversight" with the Ukrainian filter does, its translations
// included.
func (s *Searcher) expandUnrestricted(ctx context.Context, text string, node query.Node, req *Request) ([]indexer.Query, []Expansion, error) {
	rest, rs := liftRestrictions(node)
	langs := req.Filters.Lang
	if rs.langs != nil {
		langs = rs.langs
	}
	return s.expand(ctx, text, rest, req.XLang, langs)
}

// queryOf parses req's query; a request of filters alone browses every document
// they keep, newest first unless req.Sort says otherwise (which it then sets).
func queryOf(req *Request) (query.Node, error) {
	if strings.TrimSpace(req.Query) == "" && (req.Filters.Any() || req.Filters.Removed != "") {
		if req.Sort == "" || req.Sort == SortRelevance {
			req.Sort = SortNewest
		}
		return &query.All{}, nil
	}
	return query.Parse(req.Query)
}

// misspelt is node with its words allowed spelling mistakes, to run when node
// matched nothing; false when it has no word to make fuzzy, or too many.
func misspelt(node query.Node) (query.Node, bool) {
	fuzzy, ok := fuzzify(node)
	return fuzzy, ok && fuzzyTerms(fuzzy) <= maxFuzzyWords
}

// withAlternatives is q, or a query that q or any of alts (translations and
// synonyms of its terms) may match.
func withAlternatives(q indexer.Query, alts []indexer.Query) indexer.Query {
	if len(alts) == 0 {
		return q
	}
	return indexer.Or(append([]indexer.Query{q}, alts...)...)
}

// Spelling-tolerant retry bounds: misspellings are fixed in queries of a few
// words, each of ordinary length; a long query that matches nothing is not a typo,
// and the edit automaton of a long word costs memory for nothing.
const (
	maxFuzzyWords = 8
	maxFuzzyRunes = 30
)

// fuzzyTerms counts the fuzzy words of n.
func fuzzyTerms(n query.Node) int {
	c := 0
	eachTerm(n, func(t *query.Term) {
		if t.Fuzzy > 0 {
			c++
		}
	})
	return c
}

// eachTerm calls fn with each word of n, exclusions included.
func eachTerm(n query.Node, fn func(*query.Term)) {
	switch n := n.(type) {
	case *query.Term:
		fn(n)
	case *query.Group:
		for _, cl := range n.Clauses {
			eachTerm(cl.Node, fn)
		}
	case *query.Or:
		for _, alt := range n.Nodes {
			eachTerm(alt, fn)
		}
	}
}

// maxPrefixTerms bounds the words a query's prefixes ("secur*") stand for, in all
// the fields they are searched in: each is read as a word of its own, at about 20
// KB and 0.2 ms a word on a million pages (measured: "co*" stood for 2,546 words
// there, took 650 ms and 90 MB; five such prefixes, 5 s and 700 MB). A prefix of a
// few letters in a large collection stands for thousands of words: the query is
// refused, asking for more letters, rather than left to exhaust the server.
var maxPrefixTerms = 1000 // a variable for tests

// checkPrefixes refuses a query whose prefixes stand for more than maxPrefixTerms
// words of the index (the fields they search: the text fields for a bare word,
// else the one named; tag fields have few values).
func (s *Searcher) checkPrefixes(ctx context.Context, node query.Node) error {
	left := maxPrefixTerms
	var err error
	eachTerm(node, func(t *query.Term) {
		if err != nil || !t.Prefix {
			return
		}
		var fields []string
		switch t.Field {
		case "":
			for _, f := range textFields {
				fields = append(fields, f.name)
			}
		case "title":
			fields = []string{indexer.FieldTitle}
		case "author":
			fields = []string{indexer.FieldAuthors}
		}
		for _, f := range fields {
			n, e := s.ix.PrefixTerms(ctx, f, t.Text, left)
			if left -= n; e != nil || left < 0 {
				err = cmp.Or(e, InvalidRequest("prefix-many", t.Text+"*", maxPrefixTerms))
				return
			}
		}
	})
	return err
}

// fuzzify returns the query with its plain words made fuzzy (one edit for words of
// up to five letters, two for longer ones, none past maxFuzzyRunes), or false when
// it has none. Phrases, fields and exclusions stay as they are.
func fuzzify(n query.Node) (query.Node, bool) {
	switch n := n.(type) {
	case *query.Term:
		if l := utf8.RuneCountInString(n.Text); n.Field != "" || n.Prefix || n.Fuzzy > 0 || l < 4 || l > maxFuzzyRunes {
			return n, false
		}
		c := *n
		c.Fuzzy = 1
		if len([]rune(n.Text)) > 5 {
			c.Fuzzy = 2
		}
		return &c, true
	case *query.Group:
		g := &query.Group{}
		changed := false
		for _, cl := range n.Clauses {
			if cl.Occur != query.MustNot {
				if f, ok := fuzzify(cl.Node); ok {
					cl.Node, changed = f, true
				}
			}
			g.Clauses = append(g.Clauses, cl)
		}
		return g, changed
	case *query.Or:
		o := &query.Or{}
		changed := false
		for _, alt := range n.Nodes {
			f, ok := fuzzify(alt)
			changed = changed || ok
			o.Nodes = append(o.Nodes, f)
		}
		return o, changed
	}
	return n, false
}

// matchingPages keeps the pages that show a match of their own: a page is listed
// for its text, not for the document's title that every page carries. When none
// does (the document matched by its title), the best page is kept with its title as
// the snippet, the words marked.
func matchingPages(pages []PageHit, d *indexer.Document, words []string) []PageHit {
	var out []PageHit
	for _, p := range pages {
		if strings.Contains(p.Snippet, "<mark>") {
			out = append(out, p)
		}
	}
	if len(out) > 0 || len(pages) == 0 {
		return out
	}
	p := pages[0]
	if d != nil {
		var spans []snippet.Span
		lower := strings.ToLower(d.Title)
		for _, w := range words {
			w = strings.ToLower(w)
			for i := 0; w != "" && i < len(lower); {
				j := strings.Index(lower[i:], w)
				if j < 0 {
					break
				}
				// Marked where a word starts with it: "for" is not marked in
				// "information".
				if r, _ := utf8.DecodeLastRuneInString(lower[:i+j]); i+j == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					spans = append(spans, snippet.Span{Start: i + j, End: i + j + len(w)})
				}
				i += j + len(w)
			}
		}
		if len(spans) > 0 && len(lower) == len(d.Title) {
			p.Snippet = snippet.MarkAll(d.Title, spans)
		}
	}
	return []PageHit{p}
}

// translated reports whether exps hold a translation (not only synonyms).
func translated(exps []Expansion) bool {
	return slices.ContainsFunc(exps, func(e Expansion) bool { return !e.Synonym })
}

// expandedWords are the words of the terms expansions searched: marked where a page
// has them, as the query's own words are.
func expandedWords(exps []Expansion) []string {
	var out []string
	for _, e := range exps {
		for _, t := range e.Terms {
			out = append(out, strings.Fields(t)...)
		}
	}
	return out
}

// search runs node (or any of alts, translations and synonyms of its terms) for one
// result page; also are more words to mark in snippets (those of alts). balance
// ranks each language's documents against its own best (the query was
// translated: restrictions.balance).
func (s *Searcher) search(ctx context.Context, start time.Time, node query.Node, alts []indexer.Query, also []string, balance bool, req Request, extra ...indexer.Query) (*Result, error) {
	from, to := (req.Page-1)*req.Size, req.Page*req.Size
	o, err := s.order(ctx, node, alts, also, balance, req, from, to, extra...)
	if err != nil {
		return nil, err
	}
	q, rs, order := o.q, o.rs, o.order
	res := &Result{Query: req.Query, Parsed: query.String(node), Feedback: o.feedback, Joined: o.joined,
		Total: o.total, MatchedPages: o.pages}
	if req.Facets {
		if res.Facets, err = s.facets(ctx, o.matched); err != nil {
			return nil, err
		}
	}
	if from >= len(order) {
		res.Took = time.Since(start)
		return res, nil
	}
	order = order[from:min(len(order), from+req.Size)]
	ids := idsOf(order)
	fetch := ids
	for _, g := range order {
		if g.via != "" && !slices.Contains(fetch, g.via) {
			fetch = append(slices.Clip(fetch), g.via)
		}
	}
	docs, err := s.ix.GetMany(fetch)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, len(order))
	words := append(plainWords(node), also...)
	langs := map[string]string{}
	// Documents ordered by date come without their best pages: they get them from
	// one search over those documents; then every shown page is highlighted in one
	// more.
	var partial []string
	for i, g := range order {
		hits[i] = Hit{Doc: docs[g.ID], Score: g.Score}
		if g.via != "" {
			hits[i].TranslationOf = docs[g.via]
		}
		if d := docs[g.ID]; d != nil {
			langs[g.ID] = d.Lang
		}
		if g.Pages == nil {
			partial = append(partial, g.ID)
		}
	}
	more, err := s.bestPagesOf(ctx, q, rs, partial, req.PagesPerDoc)
	if err != nil {
		return nil, err
	}
	var shown []string
	for i := range order {
		if p, ok := more[order[i].ID]; ok {
			order[i].Pages, order[i].PageScores = p.Pages, p.PageScores
		}
		for _, n := range order[i].Pages {
			shown = append(shown, indexer.PageID(order[i].ID, n))
		}
	}
	byPage, err := s.highlightPages(ctx, indexer.Or(o.marks, indexer.Boost(indexer.IDs(shown...), 0)), shown, langs, words)
	if err != nil {
		return nil, err
	}
	for i, g := range order {
		for j, n := range g.Pages {
			if ph, ok := byPage[indexer.PageID(g.ID, n)]; ok {
				if j < len(g.PageScores) { // as ranked: every ranking gives them
					ph.Score = g.PageScores[j]
				}
				hits[i].Pages = append(hits[i].Pages, ph)
			}
		}
		hits[i].Pages = matchingPages(hits[i].Pages, hits[i].Doc, words)
	}
	for i, h := range hits {
		if h.Score == 0 && len(h.Pages) > 0 {
			hits[i].Score = h.Pages[0].Score // unranked (browsing): score by the best page
		}
		if h.Doc == nil {
			// A page without its document record: the index is inconsistent.
			return nil, fmt.Errorf("search: document record missing for %s", ids[i])
		}
	}
	if req.Explain {
		if err := s.explain(ctx, q, rs, order, hits); err != nil {
			return nil, err
		}
	}
	res.Hits = hits
	res.Took = time.Since(start)
	return res, nil
}

// ordering is a query's documents in the order its result pages show them.
type ordering struct {
	// marks is the query of the words as typed, whose matches snippets mark
	// (alternatives and feedback words are in stemmed fields, which keep no
	// positions to mark); q the page query that ranked, the feedback words
	// included; rs the restrictions it ran within.
	marks, q indexer.Query
	rs       restrictions
	// order is the documents, best first; ordered by date, only the first to (the
	// argument of Searcher.order).
	order []group
	// total counts the documents (those joined too); matched are those the query
	// matched (the facets count them), listed when req.Facets asks for facets.
	total   int
	matched []indexer.DocRef
	// pages counts the matching pages.
	pages    int
	feedback []FeedbackTerm
	joined   int
}

// order ranks node (or any of alts, translations and synonyms of its terms) as a
// search's result pages show it: by relevance, with the best documents' words fed
// back, translations joined and the other language given its place; or by date when
// req.Sort asks. Ranked by relevance, the documents ranked from to to (exclusive)
// come with their best pages (those below feedbackRerank may not: bestPagesOf);
// ordered by date, only the first to come, without pages. also and balance are as
// for search.
func (s *Searcher) order(ctx context.Context, node query.Node, alts []indexer.Query, also []string, balance bool, req Request, from, to int, extra ...indexer.Query) (*ordering, error) {
	marks, q, rs, err := plan(node, alts, req.Filters, extra...)
	if err != nil {
		return nil, err
	}
	rs.balance = balance
	o := &ordering{rs: rs}
	byDate := req.Sort == SortNewest || req.Sort == SortOldest
	dated := to
	if byDate {
		to = 0 // the order comes from the documents' dates
	} else {
		to = max(to, announceDepth) // in order that far, whatever the window (announcementsBelow)
	}
	ranked := false
	// Within restrictions (filters, or lang:, type:, year: typed, alike) no
	// feedback: the documents the words find among those kept are ranked as the
	// words find them, their translations joined (measured on the evaluation
	// collection, dev / held filtered nDCG@10: with feedback 0.929 / 0.934, without
	// 0.925 / 0.927, without joined translations too 0.905 / 0.897; the bench's
	// filtered queries 2.5 times as slow with feedback).
	restricted := rs.langs != nil || len(rs.tags) > 0 || rs.year
	if rest, _ := liftRestrictions(node); !byDate && len(expandableWords(rest)) > 0 && fuzzyTerms(node) == 0 {
		// Pseudo-relevance feedback: the best documents' words rank again the
		// documents ranked first. One pass serves both: it keeps enough pages for
		// feedback and for the result page, and every match, so that the feedback
		// words are looked up at the first feedbackRerank documents' pages and
		// added to their scores without reading the query again
		// (indexer.RankOptions.Refine).
		k := max(req.PagesPerDoc, feedbackPages)
		own := append(plainWords(node), also...)
		var exp indexer.Query
		refine := func(first []group) (indexer.Query, error) {
			var err error
			exp, o.feedback, err = s.termFeedback(ctx, first, own)
			return exp, err
		}
		if restricted {
			refine = nil
		}
		if o.order, o.pages, err = s.rank(ctx, q, rs, from, to, k, refine); err != nil {
			return nil, err
		}
		ranked = true
		if exp != nil {
			q = withFeedback(q, exp)
			for i := feedbackRerank; i < len(o.order); i++ {
				o.order[i].Pages, o.order[i].PageScores = nil, nil // ranked without the feedback words: asked for, by bestPagesOf
			}
		}
		for i := range o.order {
			n := min(len(o.order[i].Pages), req.PagesPerDoc)
			o.order[i].Pages, o.order[i].PageScores = o.order[i].Pages[:n], o.order[i].PageScores[:n]
		}
	}
	if !ranked {
		if o.order, o.pages, err = s.groups(ctx, q, rs, from, to, req.PagesPerDoc); err != nil {
			return nil, err
		}
	}
	if !byDate {
		if err := s.announcementsBelow(ctx, o.order); err != nil {
			return nil, err
		}
	}
	if ranked && req.XLang {
		if o.order, o.joined, err = s.joinTranslations(ctx, o.order, rs); err != nil {
			return nil, err
		}
		if rs.balance && rs.queryLang != "" {
			if err := s.showOtherLanguage(ctx, o.order, rs.queryLang); err != nil {
				return nil, err
			}
		}
	}
	o.marks, o.q, o.total = marks, q, len(o.order)
	if req.Facets {
		o.matched = make([]indexer.DocRef, 0, len(o.order)-o.joined)
		for _, g := range o.order {
			if g.via == "" {
				o.matched = append(o.matched, indexer.DocRef{ID: g.ID, Ord: g.Ord})
			}
		}
	}
	if byDate {
		ranked := make(map[string]group, len(o.order))
		for _, g := range o.order {
			ranked[g.ID] = g
		}
		if o.order, err = s.byDate(ctx, idsOf(o.order), req.Sort == SortNewest, min(dated, len(o.order))); err != nil {
			return nil, err
		}
		for i, g := range o.order {
			if r, ok := ranked[g.ID]; ok {
				o.order[i] = r // its score, whatever the order
			}
		}
	}
	return o, nil
}

// plan readies node (with the alternatives alts, the filters f and the must-clauses
// extra) for ranking: the restrictions it and the filters make, checked while
// ranking; the query of its words as typed (marks: the matches snippets mark),
// and the page query q that ranks, which matches those words or any of alts.
func plan(node query.Node, alts []indexer.Query, f Filters, extra ...indexer.Query) (marks, q indexer.Query, rs restrictions, err error) {
	text, rs := liftRestrictions(node)
	fr, err := filterRestrictions(f)
	if err != nil {
		return nil, nil, rs, err
	}
	if marks, err = compile(text); err != nil {
		return nil, nil, rs, err
	}
	rs = rs.and(fr)
	rs.queryLang, rs.words = queryLang(text), plainWords(text)
	return marks, pageQuery(text, withAlternatives(marks, alts), extra...), rs, nil
}

// group is a matching document with its best pages, best first (nil when they
// were not asked for).
type group struct {
	// The document as ranked: its ID and ordinal (-1 when it does not come from
	// a ranking), score, best pages and the parts of its score. A pointer into
	// the ranking's list, which the search then owns: a list of every matching
	// document is not copied again (at a million pages, tens of thousands of
	// them per search).
	*indexer.RankedDoc
	// via is the document this one translates, when it joined the ranking as
	// such (joinTranslations).
	via string
	// placed says it was put where it is to show another language than the
	// query's on the first page (showOtherLanguage), above documents scoring more;
	// announces names the document it was put below, which it announces
	// (announcementsBelow), scoring as that one does rather than its own score,
	// ranked.
	placed    bool
	announces string
	ranked    float64
}

// newGroup is a group of a document that no ranking lists (ordinal -1).
func newGroup(id string, score float64) group {
	return group{RankedDoc: &indexer.RankedDoc{DocRef: indexer.DocRef{ID: id, Ord: -1}, Score: score}}
}

// bestPage is the number of the group's best page (0 when its pages are unknown).
func (g group) bestPage() int {
	if len(g.Pages) == 0 {
		return 0
	}
	return g.Pages[0]
}

// idsOf lists the document IDs of groups, in order.
func idsOf(groups []group) []string {
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	return ids
}

// groups ranks the documents of the page records q matches within rs by their best
// page (indexer.RankDocuments), and returns them in that order with, for those
// ranked from to to (exclusive), their k best pages; and the number of matching
// pages.
func (s *Searcher) groups(ctx context.Context, q indexer.Query, rs restrictions, from, to, k int) ([]group, int, error) {
	return s.rank(ctx, q, rs, from, to, k, nil)
}

// rank is groups, with the ranking refined when refine is not nil: shown the
// ranking's first documents (those feedback reads and counts: feedbackDocs,
// feedbackMinDocs), it returns a query (or nil) whose matches add to the scores
// of the pages of the first feedbackRerank documents, which are then ranked
// again (indexer.RankOptions.Refine).
func (s *Searcher) rank(ctx context.Context, q indexer.Query, rs restrictions, from, to, k int, refine func([]group) (indexer.Query, error)) ([]group, int, error) {
	opts, err := s.rankOptions(ctx, rs, k, from, to)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	if refine != nil {
		opts.RefineDocs, opts.RefinePages = feedbackRerank, feedbackDocs
		opts.Refine = func(r *indexer.Ranking) (indexer.Query, error) {
			// Feedback reads the first documents, and asks whether there are enough.
			return refine(groupsOf(r.Docs[:min(len(r.Docs), max(feedbackDocs, feedbackMinDocs))]))
		}
	}
	r, err := s.ix.RankDocuments(ctx, q, opts)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	return groupsOf(r.Docs), r.Pages, nil
}

// groupsOf are the documents of a ranking, in its order.
func groupsOf(docs []indexer.RankedDoc) []group {
	order := make([]group, len(docs))
	for i := range docs {
		order[i] = group{RankedDoc: &docs[i]}
	}
	return order
}

// byDate returns the first n of the documents ids ordered by publication date (newest
// or oldest first; undated documents last, then by ID).
func (s *Searcher) byDate(ctx context.Context, ids []string, newest bool, n int) ([]group, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	q := indexer.And(indexer.IDs(ids...), indexer.Filter(indexer.FieldKind, indexer.KindDoc))
	hits, err := s.ix.Hits(ctx, q, indexer.HitRequest{Size: n, ByDate: true, Newest: newest})
	if err != nil {
		return nil, fmt.Errorf("sort by date: %w", err)
	}
	out := make([]group, 0, len(hits))
	for _, h := range hits {
		out = append(out, newGroup(h.ID, 0))
	}
	return out, nil
}

// maxFacetValues bounds the values listed per facet.
const maxFacetValues = 30

// facets counts the documents of a ranking by facet values.
func (s *Searcher) facets(ctx context.Context, docs []indexer.DocRef) (map[string][]FacetValue, error) {
	return s.facetTab.count(ctx, docs)
}

// inDocuments is q on the records of the documents ids only, scored as q scores
// them: the words' postings are then read where those documents' pages are, not at
// every page they occur on.
func inDocuments(q indexer.Query, ids []string) indexer.Query {
	in := make([]indexer.Query, len(ids))
	for i, id := range ids {
		in[i] = indexer.Filter(indexer.FieldDocID, id)
	}
	return indexer.And(q, indexer.Or(in...)) // filters: they add nothing to the score
}

// bestPagesOf returns up to k best page numbers of each of the documents ids for q
// within rs, best first: a ranking of the pages of those documents only.
func (s *Searcher) bestPagesOf(ctx context.Context, q indexer.Query, rs restrictions, ids []string, k int) (map[string]group, error) {
	out := make(map[string]group, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	order, _, err := s.groups(ctx, inDocuments(q, ids), rs, 0, len(ids), k)
	if err != nil {
		return nil, fmt.Errorf("best pages: %w", err)
	}
	for _, g := range order {
		out[g.ID] = g
	}
	return out, nil
}

// bestPages returns the n best pages of document id for q, with snippets.
// words are the query's words that may have matched in another form, in a document
// of language lang: snippets without a highlight mark those forms.
func (s *Searcher) bestPages(ctx context.Context, q indexer.Query, id string, n int, lang string, words []string) ([]PageHit, error) {
	hits, err := s.highlighted(ctx, indexer.And(q, indexer.Filter(indexer.FieldKind, indexer.KindPage), indexer.Filter(indexer.FieldDocID, id)), n, nil)
	if err != nil {
		return nil, fmt.Errorf("search pages of %s: %w", id, err)
	}
	out := make([]PageHit, 0, len(hits))
	for _, h := range hits {
		if ph, ok := s.snippetOf(h, lang, words); ok {
			out = append(out, ph)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out, nil
}

// highlightPages searches the pages named (page record IDs) with q, highlighted,
// and returns them by page ID, scored by q (which should match every one of them;
// the result pages show the scores they ranked by): in one request, or, in an index of
// highlightMinDocs documents or more, in parts on goroutines of their own while
// cores are idle (idleParts).
func (s *Searcher) highlightPages(ctx context.Context, q indexer.Query, pageIDs []string, langs map[string]string, words []string) (map[string]PageHit, error) {
	n := 1
	if tab, err := s.facetTab.table(ctx); err != nil {
		return nil, err
	} else if len(tab.byOrd) >= highlightMinDocs {
		n = idleParts(len(pageIDs), highlightMinPages)
	}
	found := make([]map[string]PageHit, n) // by part, by page ID
	errs := make([]error, n)
	part := func(i int) {
		ids := pageIDs[i*len(pageIDs)/n : (i+1)*len(pageIDs)/n]
		hits, err := s.highlighted(ctx, q, len(ids), ids)
		if err != nil {
			errs[i] = fmt.Errorf("highlight pages: %w", err)
			return
		}
		found[i] = make(map[string]PageHit, len(hits))
		for _, h := range hits {
			id, _, _ := indexer.SplitPageID(h.ID)
			if ph, ok := s.snippetOf(h, langs[id], words); ok {
				found[i][h.ID] = ph
			}
		}
	}
	inParts(n, part)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make(map[string]PageHit, len(pageIDs))
	for _, hits := range found {
		maps.Copy(out, hits)
	}
	return out, nil
}

// searching counts the searches under way, of every Searcher.
var searching atomic.Int64

// highlightMinPages is how many pages each part of highlightPages' work has at
// least, and highlightMinDocs how many documents an index has for it to split its
// work at all: below that, a goroutine and a request of its own cost more than
// they save (on the 9 documents of the sample, 300 µs searches took 30 µs more;
// at 30,000 pages, 1,022 documents, term searches' p50 fell from 5.5 to 5.1 ms).
// (highlightMinDocs is a variable for tests.)
const highlightMinPages = 8

var highlightMinDocs = 100

// idleParts is how many parts work on n items (at least least each) is split into,
// each done on a goroutine of its own: the cores left to each of the searches
// under way (when many run at once, each does its work in one part: splitting
// would only add work). (A variable for tests.)
var idleParts = func(n, least int) int {
	cores := runtime.GOMAXPROCS(0) / int(max(1, searching.Load()))
	return max(1, min(cores, n/least))
}

// inParts runs part(0) to part(n-1), each but the first on a goroutine of its own,
// and returns when all have.
func inParts(n int, part func(i int)) {
	var wg sync.WaitGroup
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part(i)
		}()
	}
	if n > 0 {
		part(0)
	}
	wg.Wait()
}

// highlighted runs q (on the records of the IDs only, when not nil) for its first n
// page hits with their text, label, and body and summary highlighted.
func (s *Searcher) highlighted(ctx context.Context, q indexer.Query, n int, only []string) ([]indexer.Hit, error) {
	return s.ix.Hits(ctx, q, indexer.HitRequest{
		Size: n, Fields: []string{indexer.FieldBody, indexer.FieldLabel}, Highlight: []string{indexer.FieldBody, indexer.FieldSummary}, Only: only,
	})
}

// snippetOf turns a highlighted match of a page into a PageHit with its snippet.
func (s *Searcher) snippetOf(h indexer.Hit, lang string, words []string) (PageHit, bool) {
	_, num, ok := indexer.SplitPageID(h.ID)
	if !ok {
		return PageHit{}, false
	}
	// The highlighter answers a field without matches with its opening, unmarked:
	// use a fragment only when it marks something.
	snip := ""
	if f := h.Fragments[indexer.FieldBody]; marked(f) {
		for i := range f {
			f[i] = wholeWords(f[i])
		}
		snip = strings.Join(f, " … ")
	} else if f := h.Fragments[indexer.FieldSummary]; marked(f) {
		snip = f[0]
	} else {
		body := h.Text[indexer.FieldBody]
		snip = snippet.Around(body, s.stemSpans(body, lang, words))
	}
	return PageHit{Page: num, Label: h.Text[indexer.FieldLabel], Score: h.Score, Snippet: snippet.OneLine(snip)}, true
}

// wholeWords drops the piece of a word that a fragment's cut left at either end
// ("…tutions of oversight …" → "… of oversight …"). Marked words are kept whole.
func wholeWords(frag string) string {
	const ell = "…"
	if rest, ok := strings.CutPrefix(frag, ell); ok {
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) || unicode.IsDigit(r) {
			if i := strings.IndexByte(rest, ' '); i > 0 && !strings.Contains(rest[:i], "<") {
				frag = ell + rest[i:]
			}
		}
	}
	if rest, ok := strings.CutSuffix(frag, ell); ok {
		if r, _ := utf8.DecodeLastRuneInString(rest); unicode.IsLetter(r) || unicode.IsDigit(r) {
			if i := strings.LastIndexByte(rest, ' '); i > 0 && !strings.Contains(rest[i:], ">") {
				frag = rest[:i+1] + ell
			}
		}
	}
	return frag
}

// marked reports whether a highlighter's fragments mark a match.
func marked(frags []string) bool {
	for _, f := range frags {
		if strings.Contains(f, "<mark>") {
			return true
		}
	}
	return false
}

// Index is the index s searches.
func (s *Searcher) Index() *indexer.Index { return s.ix }
