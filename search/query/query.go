// Package query is the search language users type: words, "phrases", -exclusions,
// OR, (groups), field:value, year ranges, prefix* and fuzzy~ words. Parse reads a
// query into a syntax tree (Node) and String prints one; a malformed query is an
// *Error with its position. It knows nothing of the index: package search
// compiles the tree to Bleve.
package query

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ssgsearch/ssgsearch/data/vocab"
)

// Error reports a malformed query and where the problem is.
type Error struct {
	// Pos is the byte offset in the query where the problem starts.
	Pos int
	// Msg says what is wrong, in English.
	Msg string
	// Key names the kind of error (see ErrorMessages) and Args are the values its
	// message names, for saying it in another language.
	Key  string
	Args []any
}

func (e *Error) Error() string {
	return fmt.Sprintf("query error at character %d: %s", e.Pos+1, e.Msg)
}

// errorMessages are the parser's error messages in English, by key; interfaces in
// other languages say them by the key (Error.Key, with Args).
var errorMessages = map[string]string{
	"minus-alone":    "'-' must be followed by a word or phrase to exclude",
	"minus-space":    "'-' must be followed directly by a word or phrase to exclude (no space)",
	"field-empty":    "%s: needs a value",
	"field-space":    "%s: needs a value right after the colon",
	"phrase-open":    "unterminated phrase: add a closing quote",
	"phrase-empty":   "empty phrase",
	"expected-word":  "expected a word or phrase",
	"word-long":      "a word has %d characters; at most %d are allowed",
	"too-many-words": "the query has more than %d words",
	"empty":          "empty query: type one or more words",
	"query-long":     "the query has %d characters; at most %d are allowed",
	"close-paren":    "unbalanced ')': no matching '('",
	"unexpected":     "unexpected token",
	"only-excludes":  "the query only excludes: add a word to search for",
	"or-right":       "OR must be followed by a word or phrase",
	"and-right":      "AND must be followed by a word or phrase",
	"or-left":        "OR needs a word or phrase on its left",
	"empty-parens":   "empty parentheses or unbalanced ')'",
	"and-left":       "AND needs a word or phrase on its left",
	"not-right":      "NOT must be followed by a word, phrase or group",
	"open-paren":     "unbalanced '(': add a closing ')'",
	"year-phrase":    "year: takes a year or a range like 2015..2018, not a phrase",
	"operator-place": "operator in an unexpected place",
	"lang-unknown":   "lang:%s: unknown language (use en, uk or ru)",
	"suffix-place":   "%q: '*' and '~' only go at the end of a word",
	"suffix-alone":   "%q: '*' and '~' need a word before them",
	"no-letters":     "%q has no letters or digits to search for",
	"prefix-short":   "a prefix search needs at least 2 letters before '*'",
	"year-form":      "year:%s: a year is four digits, a range is 2015..2018",
	"year-empty":     "year:.. needs at least one year",
	"year-order":     "year:%s: the first year is after the second",
}

// queryError is the error at byte pos of the query: the message of key, with args.
func queryError(pos int, key string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(errorMessages[key], args...), Key: key, Args: args}
}

// ErrorMessages returns the English message of every error the parser can
// give, by key (fmt verbs where Args go): what a translation must cover.
func ErrorMessages() map[string]string { return maps.Clone(errorMessages) }

// Occur says how a clause takes part in its group.
type Occur int

// Clause occurrences: Should clauses rank (at least one must match when a group has
// no Must clause), Must clauses are required, MustNot clauses exclude.
const (
	Should Occur = iota
	Must
	MustNot
)

// Node is a parsed query: a Term, Phrase, Range, Group or Or.
type Node interface{ node() }

// Term is one word, optionally restricted to a field, fuzzy or a prefix.
type Term struct {
	Field  string // "" for the default text fields
	Text   string
	Fuzzy  int // edit distance for "term~" (1 or 2), 0 otherwise
	Prefix bool
}

// Phrase is an exact sequence of words.
type Phrase struct {
	Field string
	Text  string
}

// Range is a numeric range on a field (year:2015..2018); a zero bound is open.
type Range struct {
	Field    string
	From, To int
}

// Clause is a node with its occurrence in a group.
type Clause struct {
	Occur Occur
	Node  Node
}

// All matches every document: the query of browsing by filters alone.
type All struct{}

// Group is a sequence of clauses (words side by side, AND, -exclusions).
type Group struct{ Clauses []Clause }

// Or matches any of its alternatives.
type Or struct{ Nodes []Node }

func (*Term) node()   {}
func (*Phrase) node() {}
func (*Range) node()  {}
func (*Group) node()  {}
func (*Or) node()     {}
func (*All) node()    {}

// Fields users may name in field:value, mapped to what they search.
var Fields = map[string]string{
	"title":     "title",
	"author":    "author",
	"authors":   "author",
	"type":      "type",
	"lang":      "lang",
	"language":  "lang",
	"topic":     "topic",
	"year":      "year",
	"publisher": "publisher",
}

// LangCode is the language code ("en", "uk", "ru") of a language name or code
// users type ("english", "ua", "українська", "uk-UA"), or false.
func LangCode(name string) (string, bool) {
	code := vocab.LangOf(name)
	return code, code != ""
}

// FieldNames lists the field names accepted in field:value, for help texts.
const FieldNames = "title, author, type, lang, topic, year, publisher"

type tokKind int

const (
	tokWord tokKind = iota
	tokPhrase
	tokLParen
	tokRParen
	tokOr
	tokAnd
	tokNot
	tokEOF
)

type token struct {
	kind  tokKind
	pos   int
	text  string // word or phrase text
	field string // for field:value
	neg   bool   // leading '-'
}

// quoteRunes are the quotation marks that open or close a phrase: straight, curly,
// low-9 and guillemets all work alike.
func IsQuote(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
		return true
	}
	return false
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// lex splits a query into tokens.
func lex(q string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(q) {
		r, w := utf8.DecodeRuneInString(q[i:])
		switch {
		case isSpace(r):
			i += w
			continue
		case r == '(':
			toks = append(toks, token{kind: tokLParen, pos: i})
			i += w
			continue
		case r == ')':
			toks = append(toks, token{kind: tokRParen, pos: i})
			i += w
			continue
		}
		start := i
		t := token{kind: tokWord, pos: start}
		if r == '-' || r == '\u2212' {
			if i+w >= len(q) {
				return nil, queryError(start, "minus-alone")
			}
			next, _ := utf8.DecodeRuneInString(q[i+w:])
			if isSpace(next) {
				return nil, queryError(start, "minus-space")
			}
			t.neg = true
			i += w
			r, w = utf8.DecodeRuneInString(q[i:])
		}
		// field:value
		if j := fieldEnd(q[i:]); j > 0 {
			name := strings.ToLower(q[i : i+j])
			if f, ok := Fields[name]; ok {
				after := i + j + 1
				if after >= len(q) {
					return nil, queryError(i, "field-empty", name)
				}
				nr, _ := utf8.DecodeRuneInString(q[after:])
				if isSpace(nr) {
					return nil, queryError(i, "field-space", name)
				}
				t.field = f
				i = after
				r, w = utf8.DecodeRuneInString(q[i:])
			}
		}
		if IsQuote(r) {
			end := -1
			for k := i + w; k < len(q); {
				rr, ww := utf8.DecodeRuneInString(q[k:])
				if IsQuote(rr) {
					end = k
					break
				}
				k += ww
			}
			if end < 0 {
				return nil, queryError(i, "phrase-open")
			}
			t.kind = tokPhrase
			t.text = q[i+w : end]
			_, ew := utf8.DecodeRuneInString(q[end:])
			i = end + ew
			if strings.TrimSpace(t.text) == "" {
				return nil, queryError(start, "phrase-empty")
			}
			toks = append(toks, t)
			continue
		}
		k := i
		for k < len(q) {
			rr, ww := utf8.DecodeRuneInString(q[k:])
			if isSpace(rr) || rr == '(' || rr == ')' || IsQuote(rr) {
				break
			}
			k += ww
		}
		t.text = q[i:k]
		i = k
		if t.text == "" {
			return nil, queryError(start, "expected-word")
		}
		if !t.neg && t.field == "" {
			switch t.text {
			case "OR", "|", "||":
				t.kind = tokOr
			case "AND", "&&", "+":
				t.kind = tokAnd
			case "NOT":
				t.kind = tokNot
			}
		}
		toks = append(toks, t)
	}
	toks = append(toks, token{kind: tokEOF, pos: len(q)})
	return toks, nil
}

// Limits on one query, so that no request can take the server's memory or time
// (a fuzzy automaton grows with its word; every word adds searchers).
const (
	MaxQueryRunes = 1000 // characters in a query
	MaxQueryWords = 64   // words, those of phrases included
	MaxWordRunes  = 64   // characters in one word
)

// checkWords enforces MaxQueryWords and MaxWordRunes on the lexed query.
func checkWords(toks []token) error {
	n := 0
	for _, t := range toks {
		if t.kind != tokWord && t.kind != tokPhrase {
			continue
		}
		for _, w := range strings.Fields(t.text) {
			n++
			if l := utf8.RuneCountInString(w); l > MaxWordRunes {
				return queryError(t.pos, "word-long", l, MaxWordRunes)
			}
		}
		if n > MaxQueryWords {
			return queryError(t.pos, "too-many-words", MaxQueryWords)
		}
	}
	return nil
}

// fieldEnd returns the length of a "name" before a ':' at the start of s, or 0.
func fieldEnd(s string) int {
	for k, r := range s {
		if r == ':' {
			return k
		}
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return 0
		}
	}
	return 0
}

// Parse parses a query in the ssgsearch syntax: words, "exact phrase", -exclude,
// NOT, OR, AND, parentheses, field:value (see FieldNames), year:2015..2018, term~
// (fuzzy) and prefix*.
func Parse(q string) (Node, error) {
	if strings.TrimSpace(q) == "" {
		return nil, queryError(0, "empty")
	}
	if n := utf8.RuneCountInString(q); n > MaxQueryRunes {
		return nil, queryError(0, "query-long", n, MaxQueryRunes)
	}
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	if err := checkWords(toks); err != nil {
		return nil, err
	}
	p := parser{toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		if t.kind == tokRParen {
			return nil, queryError(t.pos, "close-paren")
		}
		return nil, queryError(t.pos, "unexpected")
	}
	if !hasPositive(n) {
		return nil, queryError(0, "only-excludes")
	}
	return n, nil
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) or() (Node, error) {
	first, err := p.group()
	if err != nil {
		return nil, err
	}
	alts := []Node{first}
	for p.peek().kind == tokOr {
		op := p.next()
		if k := p.peek().kind; k == tokEOF || k == tokRParen || k == tokOr {
			return nil, queryError(op.pos, "or-right")
		}
		n, err := p.group()
		if err != nil {
			return nil, err
		}
		alts = append(alts, n)
	}
	if len(alts) == 1 {
		return first, nil
	}
	return &Or{Nodes: alts}, nil
}

func (p *parser) group() (Node, error) {
	g := &Group{}
	andNext := false
	for {
		t := p.peek()
		switch t.kind {
		case tokEOF, tokRParen, tokOr:
			if andNext {
				return nil, queryError(t.pos, "and-right")
			}
			if len(g.Clauses) == 0 {
				if t.kind == tokOr {
					return nil, queryError(t.pos, "or-left")
				}
				if t.kind == tokRParen {
					return nil, queryError(t.pos, "empty-parens")
				}
				return nil, queryError(t.pos, "expected-word")
			}
			if len(g.Clauses) == 1 && g.Clauses[0].Occur != MustNot {
				return g.Clauses[0].Node, nil
			}
			return g, nil
		case tokAnd:
			p.next()
			if len(g.Clauses) == 0 {
				return nil, queryError(t.pos, "and-left")
			}
			last := &g.Clauses[len(g.Clauses)-1]
			if last.Occur == Should {
				last.Occur = Must
			}
			andNext = true
			continue
		}
		if t.kind == tokWord && t.field == "" && !t.neg && !strings.ContainsAny(t.text, "*~") && !hasLetterOrDigit(Fold(t.text)) && p.more(t) {
			p.next() // punctuation between words ("Title — subtitle"): nothing to search for
			continue
		}
		c, err := p.clause()
		if err != nil {
			return nil, err
		}
		if andNext && c.Occur == Should {
			c.Occur = Must
		}
		andNext = false
		g.Clauses = append(g.Clauses, c)
	}
}

// more reports whether the query has a word or phrase besides token t: a query of
// punctuation alone is an error to report, not an empty search.
func (p *parser) more(t token) bool {
	for _, o := range p.toks {
		if o != t && (o.kind == tokWord || o.kind == tokPhrase) && hasLetterOrDigit(Fold(o.text)) {
			return true
		}
	}
	return false
}

func (p *parser) clause() (Clause, error) {
	t := p.next()
	occur := Should
	if t.kind == tokNot {
		nt := p.peek()
		if nt.kind != tokWord && nt.kind != tokPhrase && nt.kind != tokLParen {
			return Clause{}, queryError(t.pos, "not-right")
		}
		occur = MustNot
		t = p.next()
	}
	switch t.kind {
	case tokLParen:
		n, err := p.or()
		if err != nil {
			return Clause{}, err
		}
		if p.peek().kind != tokRParen {
			return Clause{}, queryError(t.pos, "open-paren")
		}
		p.next()
		if occur == Should {
			occur = Must // a parenthesised group is a requirement
		}
		return Clause{occur, n}, nil
	case tokPhrase:
		if t.neg {
			occur = MustNot
		} else if occur == Should {
			occur = Must // an exact phrase is what the user asked for
		}
		if t.field == "year" {
			return Clause{}, queryError(t.pos, "year-phrase")
		}
		return Clause{occur, &Phrase{Field: t.field, Text: Fold(t.text)}}, nil
	case tokWord:
		if t.neg {
			occur = MustNot
		}
		n, err := wordNode(t)
		if err != nil {
			return Clause{}, err
		}
		if occur == Should && t.field != "" {
			occur = Must // field:value restricts
		}
		return Clause{occur, n}, nil
	case tokOr, tokAnd, tokNot:
		return Clause{}, queryError(t.pos, "operator-place")
	case tokRParen:
		return Clause{}, queryError(t.pos, "close-paren")
	}
	return Clause{}, queryError(t.pos, "expected-word")
}

// wordNode turns a word token into a Term or Range.
func wordNode(t token) (Node, error) {
	text := t.text
	if t.field == "year" {
		return yearRange(t)
	}
	if t.field == "lang" {
		code, ok := LangCode(Fold(text))
		if !ok {
			return nil, queryError(t.pos, "lang-unknown", text)
		}
		text = code
	}
	n := &Term{Field: t.field}
	switch {
	case strings.HasSuffix(text, "~1"), strings.HasSuffix(text, "~2"):
		n.Fuzzy = int(text[len(text)-1] - '0')
		text = text[:len(text)-2]
	case strings.HasSuffix(text, "~"):
		text = text[:len(text)-1]
		// Short words get one edit: two would match too much.
		n.Fuzzy = 2
		if utf8.RuneCountInString(text) <= 5 {
			n.Fuzzy = 1
		}
	case strings.HasSuffix(text, "*"):
		n.Prefix = true
		text = strings.TrimRight(text, "*")
	}
	if strings.ContainsAny(text, "*~") {
		return nil, queryError(t.pos, "suffix-place", t.text)
	}
	text = Fold(text)
	if !hasLetterOrDigit(text) {
		if n.Prefix || n.Fuzzy > 0 {
			return nil, queryError(t.pos, "suffix-alone", t.text)
		}
		return nil, queryError(t.pos, "no-letters", t.text)
	}
	if n.Prefix && utf8.RuneCountInString(text) < 2 {
		return nil, queryError(t.pos, "prefix-short")
	}
	n.Text = text
	return n, nil
}

func yearRange(t token) (Node, error) {
	v := t.text
	from, to, isRange := strings.Cut(v, "..")
	parse := func(s string) (int, error) {
		if s == "" && isRange {
			return 0, nil
		}
		y, err := strconv.Atoi(s)
		if err != nil || y < 1000 || y > 9999 {
			return 0, queryError(t.pos, "year-form", v)
		}
		return y, nil
	}
	a, err := parse(from)
	if err != nil {
		return nil, err
	}
	if !isRange {
		return &Range{Field: "year", From: a, To: a}, nil
	}
	b, err := parse(to)
	if err != nil {
		return nil, err
	}
	if a == 0 && b == 0 {
		return nil, queryError(t.pos, "year-empty")
	}
	if a != 0 && b != 0 && a > b {
		return nil, queryError(t.pos, "year-order", v)
	}
	return &Range{Field: "year", From: a, To: b}, nil
}

// fold normalises query text the way indexed text is normalised: NFKC, lower case,
// and typographic apostrophes and dashes to their ASCII forms.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u2019', '\u2018', '\u02bc', '\u02b9', '`', '\u00b4':
			return '\''
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			return '-'
		}
		return r
	}, s)
	return strings.ToLower(s)
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// hasPositive reports whether n matches anything on its own, rather than only excluding.
func hasPositive(n Node) bool {
	g, ok := n.(*Group)
	if !ok {
		return true
	}
	for _, c := range g.Clauses {
		if c.Occur != MustNot {
			return true
		}
	}
	return false
}

// String renders a parsed query in a normalised form, for showing how a query was read.
func String(n Node) string {
	switch n := n.(type) {
	case *All:
		return "*"
	case *Term:
		s := n.Text
		if n.Field != "" {
			s = n.Field + ":" + s
		}
		if n.Prefix {
			s += "*"
		}
		if n.Fuzzy > 0 {
			s += "~" + strconv.Itoa(n.Fuzzy)
		}
		return s
	case *Phrase:
		s := strconv.Quote(n.Text)
		if n.Field != "" {
			s = n.Field + ":" + s
		}
		return s
	case *Range:
		switch {
		case n.From == n.To:
			return fmt.Sprintf("%s:%d", n.Field, n.From)
		case n.From == 0:
			return fmt.Sprintf("%s:..%d", n.Field, n.To)
		case n.To == 0:
			return fmt.Sprintf("%s:%d..", n.Field, n.From)
		}
		return fmt.Sprintf("%s:%d..%d", n.Field, n.From, n.To)
	case *Or:
		parts := make([]string, len(n.Nodes))
		for i, c := range n.Nodes {
			parts[i] = String(c)
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	case *Group:
		parts := make([]string, len(n.Clauses))
		for i, c := range n.Clauses {
			s := String(c.Node)
			switch c.Occur {
			case Must:
				s = "+" + s
			case MustNot:
				s = "-" + s
			}
			parts[i] = s
		}
		return "(" + strings.Join(parts, " ") + ")"
	}
	return ""
}
