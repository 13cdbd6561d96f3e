package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// Stand-ins from the thesaurus (WordNet): an English word of the query that no
// page has ("draftees", "cop", "gripes") is searched as the thesaurus's other
// words for it that pages do have (conscript, military personnel; policeman,
// police officer; objection), weighted standInBoost; at most maxStandIns of
// them, commonest sense first. The collection chooses among the senses: the
// golfer that WordNet also calls a hacker is on no page, and drops out. The
// synonym list (data/synonyms.tsv) comes first: a word it has a stand-in for is
// not looked up.
const maxStandIns = 5

// standIn is a word or collocation of the query that no page has, as the
// thesaurus spells it, and the other words searched for it.
type standIn struct {
	term   string
	others []string
}

// standIns finds the stand-ins for the English words of text (a query's plain
// words) that no page has; covered says which of the English analyzer's terms of
// text (by place) are already stood in for.
func (x *xlang) standIns(ctx context.Context, ix *indexer.Index, text string, covered func(i int) bool) ([]standIn, error) {
	if x.thesaurus == nil {
		return nil, nil
	}
	toks := x.en.Tokens(text)
	field := stemFieldOf["en"]
	var asked []indexer.FieldTerm
	var at []int // the tokens asked about, by place
	for i, t := range toks {
		if !covered(i) && latin(text[t.Start:t.End]) {
			asked = append(asked, indexer.FieldTerm{Field: field, Term: t.Term})
			at = append(at, i)
		}
	}
	if len(asked) == 0 {
		return nil, nil
	}
	_, dfs, err := ix.DocFreqs(ctx, asked)
	if err != nil {
		return nil, err
	}
	absent := make([]bool, len(toks))
	some := false
	for j, i := range at {
		absent[i] = dfs[j] == 0
		some = some || absent[i]
	}
	if !some {
		return nil, nil
	}
	th, err := x.thesaurus()
	if err != nil {
		return nil, fmt.Errorf("stand-ins: %w", err)
	}
	// The longest collocations first: a span of the query's words (stop words
	// between them kept) with an absent word, none of it covered.
	type found struct {
		entries []standIn // every entry for a form of the span, as typed first
		stems   []string
	}
	coveredIn := func(from, to int) bool {
		for k := from; k < to; k++ {
			if covered(k) {
				return true
			}
		}
		return false
	}
	var spans []found
	for i := 0; i < len(toks); {
		n := 0
		for m := min(thesaurusWords, len(toks)-i); m >= 1 && n == 0; m-- {
			if slices.Contains(absent[i:i+m], true) && !coveredIn(i, i+m) {
				words := strings.Fields(text[toks[i].Start:toks[i+m-1].End])
				for k, w := range words {
					words[k] = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
				}
				var entries []standIn
				for entry, others := range th.Entries(words) {
					entries = append(entries, standIn{entry, others})
				}
				if len(entries) > 0 {
					stems := make([]string, m)
					for k := range m {
						stems[k] = toks[i+k].Term
					}
					spans = append(spans, found{entries, stems})
					n = m
				}
			}
		}
		i += max(n, 1)
	}
	// The others that pages have: every word of them on some page.
	asked = asked[:0]
	stemsOf := map[string][]string{}
	for _, sp := range spans {
		for _, o := range allOthers(sp.entries) {
			if _, ok := stemsOf[o]; ok {
				continue
			}
			st := x.analyze["en"](o)
			stemsOf[o] = st
			for _, t := range st {
				asked = append(asked, indexer.FieldTerm{Field: field, Term: t})
			}
		}
	}
	if len(asked) == 0 {
		return nil, nil
	}
	records, dfs, err := ix.DocFreqs(ctx, asked)
	if err != nil {
		return nil, err
	}
	df := make(map[string]uint64, len(asked))
	for j, t := range asked {
		df[t.Term] = dfs[j]
	}
	// usable says whether o can stand in for sp: every word of it on some page,
	// the rarest on not too many, and one word at least not sp's own.
	usable := func(o string, sp found) bool {
		st := stemsOf[o]
		if len(st) == 0 || !slices.ContainsFunc(st, func(t string) bool { return !slices.Contains(sp.stems, t) }) {
			return false
		}
		rarest := records
		for _, t := range st {
			rarest = min(rarest, df[t])
		}
		return rarest > 0 && float64(rarest) <= maxStandInShare*float64(records)
	}
	// The first entry of a span with usable others stands in for it: a form
	// as typed may be a word of its own whose senses no page has ("gripes",
	// colic), while its base form's have ("gripe", objection).
	var out []standIn
	for _, sp := range spans {
		for _, e := range sp.entries {
			var keep []string
			for _, o := range e.others {
				if !usable(o, sp) || slices.ContainsFunc(keep, func(k string) bool { return slices.Equal(stemsOf[k], stemsOf[o]) }) {
					continue
				}
				if keep = append(keep, o); len(keep) == maxStandIns {
					break
				}
			}
			if len(keep) > 0 {
				out = append(out, standIn{e.term, keep})
				break
			}
		}
	}
	return out, nil
}

// allOthers lists the other words of entries, each once.
func allOthers(entries []standIn) []string {
	var out []string
	for _, e := range entries {
		for _, o := range e.others {
			if !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out
}

// A stand-in made only of the words it stands in for (ceiling, for glass
// ceiling) is dropped: it would match those words more loosely, not other ones.
//
// maxStandInShare bounds the share of the index's records that a stand-in's
// rarest word may be on: a word that common says nothing of what the query is
// about. Measured on the collection's dev queries, 0.1 / 0.3 / 1: vocabulary
// mismatch nDCG@10 0.455 / 0.510 / 0.508 (at 0.1 stemming sinks good ones:
// informant is "inform", the stem of information).
const maxStandInShare = 0.3

// thesaurusWords bounds the words of a collocation looked up in the thesaurus.
const thesaurusWords = 3

// latin reports whether word is written in Latin letters (the thesaurus is
// English): an absent Ukrainian word is not looked up.
func latin(word string) bool {
	for _, r := range word {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
