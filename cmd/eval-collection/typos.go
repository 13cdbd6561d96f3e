package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/search/relevance"
)

// typoWords is how many words of a title a generated known-item query keeps: a
// user types the start of a title, not all of it.
const typoWords = 6

// typoSet is the known items typed with a mistake, generated rather than written:
// for each publication of the main crawl group that no later edition replaces, the
// first typoWords words of its title with one word of five letters or more mistyped
// — a letter dropped, two swapped, a letter doubled or one replaced by another of
// the word, where a hash of the document's key says. Grade 3 is the document, 1
// the work's other versions. It is the same every run, and held as its document
// is (DocTruth.Held). It stands for the hidden site's "known items with typos",
// whose mistakes no rule was written for.
func typoSet(truth evalgen.Truth) (*relevance.Set, map[string]bool) {
	return titleSet(truth, "ty-", "titles typed with a mistake", func(d evalgen.DocTruth) (string, bool) {
		return mistyped(d.Title, d.Key, typoWords)
	})
}

// titleSet is a known-item query for each publication of the main crawl group
// that no later edition replaces, made from its title by query (none where it
// says false), with id prefix: grade 3 the document, 1 the work's other versions,
// held as the document is (DocTruth.Held).
func titleSet(truth evalgen.Truth, prefix, what string, query func(evalgen.DocTruth) (string, bool)) (*relevance.Set, map[string]bool) {
	main := mainSites(truth)
	set := &relevance.Set{Corpus: "the evaluation collection (data/evalgen), main crawl group: " + what}
	held := map[string]bool{}
	for _, d := range truth.Docs {
		if !main[d.Site] || len(d.LaterEditions) > 0 {
			continue
		}
		q, ok := query(d)
		if !ok {
			continue
		}
		rq := relevance.Query{ID: prefix + d.Key, Kind: relevance.KindKnownItem, Lang: d.Lang, Query: q, Relevant: map[string]int{evalgen.NormalKey(d.Key): 3}}
		for _, o := range truth.Docs {
			if main[o.Site] && o.Work == d.Work && o.Key != d.Key {
				rq.Relevant[evalgen.NormalKey(o.Key)] = 1
			}
		}
		set.Queries = append(set.Queries, rq)
		held[rq.ID] = d.Held
	}
	return set, held
}

// mistyped is the start of text (n words, punctuation dropped) with one word of
// five letters or more mistyped as seed's hash says; false when it has no such
// word.
func mistyped(text, seed string, n int) (string, bool) {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' })
	words = words[:min(len(words), n)]
	var long []int
	for i, w := range words {
		if len([]rune(w)) >= 5 && !strings.ContainsAny(w, "-'") {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return "", false
	}
	h := fnv.New64a()
	io.WriteString(h, seed)
	x := h.Sum64()
	i := long[x%uint64(len(long))]
	r := []rune(words[i])
	at := 1 + int(x>>8%uint64(len(r)-2)) // neither the first letter nor the last
	switch x >> 16 % 4 {
	case 0: // dropped
		r = append(r[:at:at], r[at+1:]...)
	case 1: // swapped with the next
		r[at], r[at+1] = r[at+1], r[at]
	case 2: // doubled
		r = append(r[:at+1:at+1], r[at:]...)
	default: // replaced by another letter of the word
		for k := range r {
			if c := r[(at+1+k)%len(r)]; unicode.ToLower(c) != unicode.ToLower(r[at]) {
				r[at] = unicode.ToLower(c)
				break
			}
		}
	}
	words[i] = string(r)
	return strings.Join(words, " "), true
}

// mistypedSet is the judged queries other than known items (topic, cross-language,
// vocabulary) with one word mistyped (mistyped, seeded by the query's ID), judged
// as the query: how much a mistake costs a topic search.
func mistypedSet(set *relevance.Set) *relevance.Set {
	out := &relevance.Set{Corpus: set.Corpus + ", one word of each query mistyped"}
	for _, q := range set.Queries {
		if q.Kind == relevance.KindKnownItem {
			continue
		}
		if text, ok := mistyped(q.Query, q.ID, 64); ok {
			q.Query = text
			out.Queries = append(out.Queries, q)
		}
	}
	return out
}

// mistypedCheck runs the judged queries other than known items as written and with
// one word mistyped (mistypedSet) on sys, and prints nDCG@10 by part, both ways.
func mistypedCheck(ctx context.Context, w io.Writer, set *relevance.Set, held map[string]bool, sys relevance.System) error {
	sums, err := mistypedScores(ctx, set, held, sys)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nJudged topic, cross-language and vocabulary queries with one word mistyped (generated), nDCG@10 as written / mistyped\n\n")
	fmt.Fprintf(w, "| part | queries | nDCG@10 |\n| --- | --- | --- |\n")
	for _, p := range []string{"dev", "held"} {
		if v := sums[p]; v[2] > 0 {
			fmt.Fprintf(w, "| %s | %d | %.3f / %.3f |\n", p, int(v[2]), v[0]/v[2], v[1]/v[2])
		}
	}
	return nil
}

// mistypedScores are, by part, the sums of nDCG@10 of the judged queries other
// than known items as written and with one word mistyped, and how many there are.
func mistypedScores(ctx context.Context, set *relevance.Set, held map[string]bool, sys relevance.System) (map[string][3]float64, error) {
	typed := mistypedSet(set)
	byID := map[string]relevance.Query{}
	for _, q := range set.Queries {
		byID[q.ID] = q
	}
	written := &relevance.Set{Corpus: set.Corpus}
	for _, q := range typed.Queries {
		written.Queries = append(written.Queries, byID[q.ID])
	}
	as, err := relevance.Evaluate(ctx, written, sys)
	if err != nil {
		return nil, err
	}
	ts, err := relevance.Evaluate(ctx, typed, sys)
	if err != nil {
		return nil, err
	}
	sums := map[string][3]float64{} // part → written, mistyped, queries
	for i := range as {
		part := "dev"
		if held[as[i].Query.ID] {
			part = "held"
		}
		v := sums[part]
		v[0] += as[i].NDCG10
		v[1] += ts[i].NDCG10
		v[2]++
		sums[part] = v
	}
	return sums, nil
}

// typoScores is the mean reciprocal rank of the known item, by part and in all.
func typoScores(scores []relevance.Score, held map[string]bool) map[string][2]float64 {
	out := map[string][2]float64{} // part → sum of RR, queries
	for _, sc := range scores {
		part := "dev"
		if held[sc.Query.ID] {
			part = "held"
		}
		for _, p := range []string{part, part + "/" + sc.Query.Lang} {
			v := out[p]
			v[0] += sc.RR
			v[1]++
			out[p] = v
		}
	}
	return out
}

// printMRR prints a table of MRR by part (typoScores), ours beside FTS5's (nil:
// none).
func printMRR(w io.Writer, ours, base map[string][2]float64) {
	fmt.Fprintf(w, "| part | queries | MRR |\n| --- | --- | --- |\n")
	for _, p := range []string{"dev", "dev/en", "dev/uk", "dev/ru", "held", "held/en", "held/uk", "held/ru"} {
		o := ours[p]
		if o[1] == 0 {
			continue
		}
		b := "–"
		if v := base[p]; v[1] > 0 {
			b = fmt.Sprintf("%.3f", v[0]/v[1])
		}
		fmt.Fprintf(w, "| %s | %d | %.3f / %s |\n", p, int(o[1]), o[0]/o[1], b)
	}
}

// knownItemCheck runs a generated known-item set (typoSet, layoutSet) on ours and
// on FTS5 (nil: none) and prints its MRR by part under heading; with verbose, the
// queries whose known item is not first.
func knownItemCheck(ctx context.Context, w io.Writer, heading string, set *relevance.Set, held map[string]bool, ours, fts relevance.System, verbose bool) error {
	scores, err := relevance.Evaluate(ctx, set, ours)
	if err != nil {
		return err
	}
	var base map[string][2]float64
	if fts != nil {
		bs, err := relevance.Evaluate(ctx, set, fts)
		if err != nil {
			return err
		}
		base = typoScores(bs, held)
	}
	fmt.Fprintf(w, "\n%s, MRR ours / FTS5\n\n", heading)
	printMRR(w, typoScores(scores, held), base)
	if verbose {
		for _, sc := range scores {
			if sc.RR < 1 {
				fmt.Fprintf(w, "  %s RR %.2f %q → %s\n", sc.Query.ID, sc.RR, sc.Query.Query, strings.Join(sc.Ranked[:min(2, len(sc.Ranked))], ", "))
			}
		}
	}
	return nil
}

// keyboardRows are the letter keys of the US layout and, key for key, the letters
// the Ukrainian and the Russian layouts put there: what a title typed with the
// wrong layout switched on turns into (layoutSet). Written here apart from the
// search's own table (search/layout.go), which they check.
var keyboardRows = struct{ us, uk, ru string }{
	us: "qwertyuiop[]asdfghjkl;'zxcvbnm,.",
	uk: "йцукенгшщзхїфівапролджєячсмитьбю",
	ru: "йцукенгшщзхъфывапролджэячсмитьбю",
}

// wrongLayout is text typed on the keys where the wrong layout has its letters:
// Ukrainian and Russian on the US keys, English on the Ukrainian keys; false when
// a character has no key there (ґ, a digit).
func wrongLayout(text, lang string) (string, bool) {
	from, to := []rune(keyboardRows.us), []rune(keyboardRows.uk)
	switch lang {
	case "uk":
		from, to = []rune(keyboardRows.uk), []rune(keyboardRows.us)
	case "ru":
		from, to = []rune(keyboardRows.ru), []rune(keyboardRows.us)
	}
	var b strings.Builder
	for _, r := range text {
		if r == ' ' {
			b.WriteRune(r)
			continue
		}
		i := slices.Index(from, unicode.ToLower(r))
		if i < 0 {
			return "", false
		}
		b.WriteRune(to[i])
	}
	return b.String(), true
}

// layoutSet is the known items typed with the wrong keyboard layout, generated
// (titleSet): the first typoWords words of each title, split at every character
// that is no letter and those of one letter left out, typed on the wrong layout's
// keys (wrongLayout).
func layoutSet(truth evalgen.Truth) (*relevance.Set, map[string]bool) {
	return titleSet(truth, "kl-", "titles typed with the wrong keyboard layout", func(d evalgen.DocTruth) (string, bool) {
		words := strings.FieldsFunc(d.Title, func(r rune) bool { return !unicode.IsLetter(r) })
		words = slices.DeleteFunc(words[:min(len(words), typoWords)], func(w string) bool { return len([]rune(w)) < 2 })
		q, ok := wrongLayout(strings.Join(words, " "), d.Lang)
		return q, ok && q != ""
	})
}
