package indexer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	index "github.com/blevesearch/bleve_index_api"
)

// HitRequest says which records Hits returns and what of each.
type HitRequest struct {
	// Size is how many records to return, best first, those scoring the same by
	// ID (0: none).
	Size int
	// Fields are the stored text fields to return (Hit.Text).
	Fields []string
	// Highlight are the fields whose matches to return as excerpts (Hit.Fragments).
	Highlight []string
	// Spans asks for where the matched terms are in each field (Hit.Spans).
	Spans bool
	// Explain asks for how each record's score was made (Hit.Explanation).
	Explain bool
	// ByDate orders the records by their date (FieldDate), oldest first or, with
	// Newest, newest first, records without a date last, then by ID, instead of
	// by score.
	ByDate, Newest bool
	// Only, when not nil, are the IDs of the records to search: the query's
	// postings are read at those records only (they score as they would among
	// all), not at every record its terms are on.
	Only []string
}

// Hit is one record a query matched.
type Hit struct {
	ID    string
	Score float64
	// Text holds the stored fields asked for, by name.
	Text map[string]string
	// Fragments are the excerpts of the fields asked for, by name, the matches
	// marked with <mark>; a field without matches gets its opening, unmarked.
	Fragments map[string][]string
	// Spans are the byte spans of the matched terms, by field.
	Spans map[string][]Span
	// Explanation is how the score was made, clause by clause.
	Explanation *Explanation
}

// Span is a byte range of a field's text.
type Span struct{ Start, End int }

// Explanation is how a score was made: a value, what it is, and the values it
// was made of.
type Explanation struct {
	Value   float64 `json:"value"`
	Message string  `json:"message"`
	// Field and Term name the indexed term whose weight in one record Value is,
	// for the explanation of a term's weight; its children explain the same term.
	Field    string         `json:"field,omitempty"`
	Term     string         `json:"term,omitempty"`
	Children []*Explanation `json:"children,omitempty"`
}

// termWeightRE reads the field and term of a term scorer's explanation; Bleve
// writes "weight(field:term^boost in id)" for a boosted term and
// "fieldWeight(field:term in id)" otherwise.
var termWeightRE = regexp.MustCompile(`^(?:weight|fieldWeight)\(([^:()]+):(.+?)(?:\^[0-9.]+)? in `)

// Hits returns the best records q matches, as r asks. Unlike RankDocuments it
// sees every kind of record and ranks records, not documents: it serves small
// result sets (the pages of a few documents, one page, the records of some IDs).
// Scores, as RankDocuments', take the field lengths ctx gives (WithFieldLengths).
func (ix *Index) Hits(ctx context.Context, q Query, r HitRequest) ([]Hit, error) {
	switch {
	case r.Size < 0:
		return nil, fmt.Errorf("search the index: %d records asked for", r.Size)
	case r.Size == 0:
		return nil, nil
	}
	if r.Only != nil {
		q = And(q, Boost(IDs(r.Only...), 0))
		ctx = withKeptIDs(ctx, r.Only)
	}
	sr := bleve.NewSearchRequestOptions(root(q), r.Size, 0, r.Explain)
	sr.Fields = r.Fields
	sr.IncludeLocations = r.Spans
	if len(r.Highlight) > 0 {
		sr.Highlight = bleve.NewHighlightWithStyle(html.Name)
		for _, f := range r.Highlight {
			sr.Highlight.AddField(f)
		}
	}
	// Ties by ID: Bleve's own order after the sort's is the records' numbers,
	// which differ from one build of the same documents to the next.
	if r.ByDate {
		sr.SortByCustom(search.SortOrder{
			&search.SortField{Field: FieldDate, Desc: r.Newest, Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast},
			&search.SortDocID{},
		})
	} else {
		sr.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
	}
	ctx, err := ix.scoring(ctx)
	if err != nil {
		return nil, fmt.Errorf("search the index: %w", err)
	}
	res, err := ix.b.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search the index: %w", err)
	}
	out := make([]Hit, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = Hit{ID: h.ID, Score: h.Score, Fragments: h.Fragments, Explanation: explanation(h.Expl, string(h.IndexInternalID), h.ID)}
		if len(r.Fields) > 0 {
			out[i].Text = make(map[string]string, len(r.Fields))
			for _, f := range r.Fields {
				if v, ok := h.Fields[f].(string); ok {
					out[i].Text[f] = v
				}
			}
		}
		if r.Spans {
			out[i].Spans = map[string][]Span{}
			for field, terms := range h.Locations {
				for _, locs := range terms {
					for _, l := range locs {
						out[i].Spans[field] = append(out[i].Spans[field], Span{Start: int(l.Start), End: int(l.End)})
					}
				}
			}
		}
	}
	return out, nil
}

// explanation is Bleve's explanation of record internal (its number, as Bleve
// writes it into its messages: raw bytes, which differ from build to build) as
// ours, the record named by its ID.
func explanation(e *search.Explanation, internal, id string) *Explanation {
	if e == nil {
		return nil
	}
	msg := e.Message
	if internal != "" {
		msg = strings.ReplaceAll(msg, " in "+internal+")", " in "+id+")")
	}
	out := &Explanation{Value: e.Value, Message: msg}
	if m := termWeightRE.FindStringSubmatch(msg); m != nil {
		out.Field, out.Term = m[1], m[2]
	}
	for _, c := range e.Children {
		out.Children = append(out.Children, explanation(c, internal, id))
	}
	return out
}

// Analyzer reads text as one of the index's fields does.
type Analyzer struct{ a analysis.Analyzer }

// Token is a term an Analyzer made, and the byte span of text it came from.
type Token struct {
	Term       string
	Start, End int
}

// Analyzer returns the analyzer of the index's mapping with this name (AnalyzerEN, …).
func (ix *Index) Analyzer(name string) (Analyzer, error) {
	return analyzerOf(ix.b.Mapping(), name)
}

// AnalyzerNamed returns the analyzer with this name that a new index has, for
// reading text without an index.
func AnalyzerNamed(name string) (Analyzer, error) {
	m, err := NewMapping()
	if err != nil {
		return Analyzer{}, err
	}
	return analyzerOf(m, name)
}

func analyzerOf(m interface {
	AnalyzerNamed(string) analysis.Analyzer
}, name string) (Analyzer, error) {
	a := m.AnalyzerNamed(name)
	if a == nil {
		return Analyzer{}, fmt.Errorf("no analyzer %s in the index mapping", name)
	}
	return Analyzer{a}, nil
}

// Terms returns the terms of text, in order.
func (a Analyzer) Terms(text string) []string {
	ts := a.a.Analyze([]byte(text))
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

// Positions returns the terms of text by position, in order: the terms an analyzer
// puts at one word's place (a Ukrainian form's several dictionary words: "запити"
// is a form of запит and of запитати) together.
func (a Analyzer) Positions(text string) [][]string {
	var out [][]string
	last := -1
	for _, t := range a.a.Analyze([]byte(text)) {
		if len(out) == 0 || t.Position != last {
			out = append(out, nil)
			last = t.Position
		}
		out[len(out)-1] = append(out[len(out)-1], string(t.Term))
	}
	return out
}

// Tokens returns the terms of text, in order, with where they came from.
func (a Analyzer) Tokens(text string) []Token {
	ts := a.a.Analyze([]byte(text))
	out := make([]Token, len(ts))
	for i, t := range ts {
		out[i] = Token{Term: string(t.Term), Start: t.Start, End: t.End}
	}
	return out
}

// FieldTerm is a term of one field.
type FieldTerm struct{ Field, Term string }

// DocFreqs returns how many records the index has, and how many of them have each
// of terms.
func (ix *Index) DocFreqs(ctx context.Context, terms []FieldTerm) (records uint64, freqs []uint64, err error) {
	r, err := ix.reader()
	if err != nil {
		return 0, nil, err
	}
	defer r.Close()
	if records, err = r.DocCount(); err != nil {
		return 0, nil, fmt.Errorf("count records: %w", err)
	}
	freqs = make([]uint64, len(terms))
	for i, t := range terms {
		if freqs[i], err = docFreq(ctx, r, t.Field, t.Term); err != nil {
			return 0, nil, err
		}
	}
	return records, freqs, nil
}

// PrefixTerms counts the terms of field that begin with prefix, up to limit+1: how
// many words a prefix search would search for (each one read as a term of its own).
func (ix *Index) PrefixTerms(ctx context.Context, field, prefix string, limit int) (int, error) {
	r, err := ix.reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	dict, err := r.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return 0, fmt.Errorf("prefix terms: %w", err)
	}
	defer dict.Close()
	n := 0
	for n <= limit {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		e, err := dict.Next()
		if err != nil {
			return n, fmt.Errorf("prefix terms: %w", err)
		}
		if e == nil {
			break
		}
		n++
	}
	return n, nil
}

// Closest returns the term of field closest to word within fuzziness edits (as the
// seeking snapshot's fuzzy dictionary lists them) and, of those equally close,
// one that begins with the word's first letter (mistakes there are the rarest:
// "zoes" is zones, not does), then the one most records have; "" when there is none.
func (ix *Index) Closest(ctx context.Context, field, word string, fuzziness int) (string, error) {
	snap, err := ix.snapshot()
	if err != nil {
		return "", fmt.Errorf("closest term: %w", err)
	}
	defer snap.Close()
	dict, _, err := seekSnapshot{IndexSnapshot: snap}.FieldDictFuzzyAutomaton(field, word, fuzziness, "")
	if err != nil {
		return "", fmt.Errorf("closest term: %w", err)
	}
	defer dict.Close()
	first, _ := utf8.DecodeRuneInString(word)
	var best string
	bestDist, bestFirst := fuzziness+1, false
	var most uint64
	for {
		e, err := dict.Next()
		if err != nil {
			return "", fmt.Errorf("closest term: %w", err)
		}
		if e == nil {
			return best, nil
		}
		dist, same := int(e.EditDistance), strings.HasPrefix(e.Term, string(first))
		if dist > bestDist || dist == bestDist && bestFirst && !same {
			continue
		}
		n, err := docFreq(ctx, snap, field, e.Term)
		if err != nil {
			return "", err
		}
		if dist < bestDist || same && !bestFirst || n > most || n == most && e.Term < best {
			best, bestDist, bestFirst, most = e.Term, dist, same, n
		}
	}
}

// reader opens a reader of the index's current snapshot; the caller closes it.
func (ix *Index) reader() (index.IndexReader, error) {
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil, fmt.Errorf("read the index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("read the index: %w", err)
	}
	if snap, ok := r.(*scorch.IndexSnapshot); ok && snap == nil {
		return nil, errors.New("read the index: it is closed") // scorch's answer then
	}
	return r, nil
}

// snapshot opens a reader of the index's current snapshot, scorch's; the caller
// closes it.
func (ix *Index) snapshot() (*scorch.IndexSnapshot, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, fmt.Errorf("read the index: index reader %T is not scorch's", r)
	}
	return snap, nil
}

// docFreq is how many records have term in field.
func docFreq(ctx context.Context, r index.IndexReader, field, term string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("read term %q of %s: %w", term, field, err)
	}
	defer tfr.Close()
	return tfr.Count(), nil
}
