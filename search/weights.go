package search

import (
	"context"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer"
)

// The ranking's weights, in one place. A page's score is Bleve's BM25 over the
// fields below, each boosted; a document ranks by its best page's score, plus some of
// its next best pages' (evidence), times its prior: what is known of the document
// whatever the query (its kind, its edition, its language against the query's). The
// values were measured with make eval (docs/BENCHMARKS.md): on data/relevance.json,
// and on the evaluation collection's judged and filtered queries, tuned on its dev
// part and reported on the held part too.

// Field weights for words without a field. A page's own text counts; the title (on
// every page of a document) adds a little, for it says what the whole document is
// about, but less than the text: titles are short, and BM25 rewards a short field's
// match so much that a title match outweighed pages about the query (measured on the
// evaluation collection: title 3 → 0.5 raised topic nDCG@10 from 0.50 to 0.60). The
// summary and the authors are searched with title: and author: only; with them
// among the default fields, Bleve's coordination factor (matched fields over fields
// asked) favoured pages whose few words appear in many fields.
type fieldWeight struct {
	name  string
	boost float64
}

var textFields = []fieldWeight{
	{indexer.FieldTitle, 0.5},
	{indexer.FieldBody, 1},
}

// lengthScale is, for each text field, the share of its mean length in words
// (indexer.Lengths) that BM25 divides a record's length by (indexer.
// WithFieldLengths): the scored lengths (scoredLengths) are these shares of the
// means, rounded, at least 1. The ranking was tuned with Bleve's own figure
// (distinct terms per record, summed over segments), which on the evaluation
// collection's two indexes was 9 and 16 for the text, 2 to 5 for the stemmed
// fields and 1 for the title: with pages of about 350 words and titles of about
// 12, these shares give 12, 2 to 3 and 1, the same balance of the fields, but
// from the pages' lengths, whatever the vocabulary, the collection's size or its
// segments. Measured on the collection, dev / held nDCG@10 of the judged queries
// (docs/BENCHMARKS.md): Bleve's figure 0.753 / 0.812; these shares 0.751 / 0.811;
// text and stems 1/38 and 1/175, 0.760 / 0.806; 1/22 and 1/88, 0.743 / 0.812;
// the title 1/6, 0.754 / 0.797; the whole means (plain BM25) 0.737 / 0.725, with
// the other weights as tuned.
var lengthScale = [...]struct {
	field string
	share float64
}{
	{indexer.FieldBody, 1.0 / 30},
	{indexer.FieldStemEN, 1.0 / 120},
	{indexer.FieldStemUK, 1.0 / 120},
	{indexer.FieldStemRU, 1.0 / 120},
	{indexer.FieldTitle, 1.0 / 12},
}

// docLengths is what a document adds to the lengths of the fields of
// lengthScale, in its order: records, words (indexer.Lengths, kept small: the
// facet table holds one per document).
type docLengths [len(lengthScale)][2]int32

// lengthsOf is l as docLengths; false when l counts none of the fields.
func lengthsOf(l indexer.Lengths) (docLengths, bool) {
	var out docLengths
	found := false
	for i, f := range lengthScale {
		if n, ok := l[f.field]; ok {
			out[i], found = [2]int32{int32(n[0]), int32(n[1])}, true
		}
	}
	return out, found
}

// scoredLengths are the mean lengths the ranking scores the text fields with
// (indexer.WithFieldLengths), from the documents' lengths: lengthScale's share of
// each field's mean, rounded, at least 1. Nil when no document has lengths
// (none has a word): Bleve's figure then.
func scoredLengths(docs map[string]docLengths) map[string]float64 {
	if len(docs) == 0 {
		return nil
	}
	var sums [len(lengthScale)][2]int64
	for _, l := range docs {
		for i, n := range l {
			sums[i][0] += int64(n[0])
			sums[i][1] += int64(n[1])
		}
	}
	out := map[string]float64{}
	for i, f := range lengthScale {
		if n := sums[i]; n[0] > 0 {
			out[f.field] = max(1, math.Round(f.share*float64(n[1])/float64(n[0])))
		}
	}
	return out
}

// stemBoost weights a match in a stemmed field (another form of the word, by its
// lemma or stem): as much as an exact one, which matches there too, so exact forms
// still rank first.
const stemBoost = 1.0

// The extra clause that rewards pages matching every plain word of a group adds
// the words' scores once more, unweighted: Bleve applies no boost to a
// conjunction (an allWordsBoost of 2 was written here and never applied). Its
// parts' weights scaled by 0.5, 2 and 3 gave the collection's dev judged queries
// nDCG@10 0.722, 0.724 and 0.724, against 0.725 as it is.
//
// phraseBoost weights the clause that rewards those words side by side.
const (
	phraseBoost = 2.0
	pairBoost   = 0.5
)

// titlePhraseBoost weights the clause that rewards pages whose document's title has
// the query's words side by side: a query that names a publication. It brought the
// collection's failed-PDF publications (one page or none of text, so no evidence)
// first by their exact title (MRR 0.975 → 1.000) at a cost of 0.002 nDCG@10 on the
// judged queries.
const titlePhraseBoost = 1.0

// xlangBoost weights a match on a translated term against one on the words typed.
// Measured on data/relevance.json (make eval): 0.15 ranks best over all query kinds;
// 0.5 and more put other-language documents above known items, 0.1 finds fewer
// translations first. The set is small and the value was tuned on it.
const xlangBoost = 0.15

// synonymBoost weights a match on another way of saying a term the query names
// (data/synonyms.tsv) against one on the words typed. Measured on the collection's
// dev queries: 0 → 0.1 raised vocabulary-mismatch nDCG@10 from 0.33 to 0.47 and all
// queries from 0.65 to 0.69; 0.2 and more cost known items (a title's words have
// synonyms that match other documents).
const synonymBoost = 0.1

// standInBoost weights the synonyms of a term that no page of its language has
// (Expansion.StandsIn): "graft" in a collection that says "corruption". At
// synonymBoost, the query's other words decided the ranking alone. Measured on the
// collection's dev queries (0.1 / 0.3 / 0.5 / 1.0): vocabulary mismatch nDCG@10
// 0.429 / 0.464 / 0.488 / 0.488, all judged 0.718 / 0.723 / 0.726 / 0.726; the held
// part 0.778 at 0.5 (vocabulary 0.587 → 0.590), 0.775 at 1.0. The thesaurus's
// stand-ins (standIns: WordNet's words for an English word no page has) are
// weighted the same: measured at 0.3 / 0.5 / 1.0 with them, vocabulary mismatch
// dev nDCG@10 0.503 / 0.510 / 0.442 (0.485 without them).
const standInBoost = 0.5

// evidenceWeight is the share of each of a document's next best pages' scores added
// to its best page's (indexer.RankOptions.Evidence): 0.5 ranked best of 0.15–0.6.
const evidenceWeight = 0.5

// Priors on a document's score (facetValues.prior).
const (
	// supersededWeight: a newer edition of the publication exists. For the same
	// evidence the current edition ranks first, and with somewhat less it still does.
	supersededWeight = 0.8
	// pageWeight: a web page without a PDF of its own (a topic explainer, an event,
	// an about page): it introduces or announces; the publications are the sources.
	pageWeight = 0.65
	// omnibusWeight: an annual report or a newsletter, which touches every topic
	// and is about none in particular; not when the query asks for a report or a
	// periodical (rankQuery.periodical). Measured on the collection (dev / held
	// nDCG@10 of the judged queries): 0.8 → 0.750 / 0.811, 0.65 → 0.751 / 0.818,
	// 0.5 → 0.752 / 0.822, 0.4 → 0.752 / 0.823 with a known item typed on the
	// wrong keyboard layout no longer first; 0.3 → held known items MRR 0.969.
	omnibusWeight = 0.5
	// otherLangWeight: the document is not in the query's language. A match found
	// through translation, or on shared names, ranks below the same evidence in the
	// language the user wrote in; the first page still shows the other language
	// (otherLangPlace). Measured with that place kept, 0.85 / 0.8 / 0.75 / 0.7: the
	// collection's dev judged queries nDCG@10 0.726 / 0.728 / 0.733 / 0.733 (topic
	// 0.725 / 0.730 / 0.734 / 0.739); data/relevance.json's cross-language queries,
	// whose answers are in the other language only, 0.822 / 0.822 / 0.770 / 0.770.
	// 0.8 is the strongest preference that keeps those.
	otherLangWeight = 0.8
)

// balancePower is how far a translated query ranks each language's documents
// against their own language's best (indexer.RankOptions.BalancePower), the
// query's language weighing 1 and the others otherLangWeight. Without it the
// best documents' language took the first ten: feedback reinforces what ranks
// first, and a language matched through a few translated terms scores less for
// the same topic. Measured on the collection's dev queries (with feedback): 0 →
// both languages among the first ten for 63 % of the cross-language queries,
// nDCG@10 0.723; 0.3 → 85 %, 0.720; 0.5 → 96 %, 0.717; 1 (a merge of normalised
// rankings) → 100 %, 0.659.
const balancePower = 0.5

// balanceFloor is the least share of the best score of all that a language's
// best counts as when balancing (indexer.RankOptions.BalanceFloor): a language
// whose best document hardly matches (a few feedback words, one shared name) is
// lifted at most 1/√0.05 ≈ 4.5 times as far as the best language. Without it a
// filter that left a language few real matches put its junk first (a factor of
// 12). Measured on the collection (dev / held): 0 → filtered nDCG@10 0.885 /
// 0.881, all judged 0.713 / 0.768; 0.05 → 0.887 / 0.882, 0.714 / 0.774; 0.1 →
// 0.887 / 0.876, 0.715 / 0.773; 0.2 → both languages among the first ten for
// 93 % of the cross-language queries instead of 96 %.
const balanceFloor = 0.05

// topicWeight weighs a document that the publisher tagged with a topic the query
// names ("anti-corruption" for a document tagged Anti-corruption, or the label
// its translations carry): the publisher says what the document is about.
// Measured on the collection's dev queries: filtered queries (a topic's name and a
// facet value) nDCG@10 0.813 → 2: 0.843, 3: 0.850, 5: 0.856 (but 5 put other
// documents above known items: held MRR 1.000 → 0.953); judged queries 0.716 →
// 0.714 (their words seldom are a topic's whole name).
const topicWeight = 3.0

// Reasons for a prior weight (Prior.Reason).
const (
	priorSuperseded = "superseded"
	priorPage       = "page"
	priorOmnibus    = "omnibus"
	priorOtherLang  = "other-language"
	priorTopic      = "topic"
)

// rankQuery is what the priors know of a query: its language ("" unknown), the
// topic values it names (topicsNamed), and whether it asks for a report or a
// periodical (asksPeriodical): then an annual report or a newsletter is what it
// asks for, and has no omnibus prior.
type rankQuery struct {
	lang       string
	topics     map[int32]bool
	periodical bool
}

// asksPeriodical reports whether the query words name a report, an annual report
// or a newsletter as a type ("звіт муніципальної варти", "annual report 2022",
// "security sector newsletter").
func asksPeriodical(words []string) bool {
	typ, ok := vocab.InTitle(strings.Join(words, " "))
	return ok && (typ == indexer.TypeReport || indexer.Periodical(typ))
}

// prior is the weight of a document's score (f) for the query q: the product of
// its priors' weights, found without making their list (it is asked for every
// matching document).
func (t *facetValues) prior(f docFacts, q rankQuery) float64 {
	w := 1.0
	t.eachPrior(f, q, func(p Prior) { w *= p.Weight })
	return w
}

// weigher returns prior for the query q as a function of the document, for the
// ranking, which asks it for every matching document: the same weights, read
// from t.flat rather than from each document's row.
func (t *facetValues) weigher(q rankQuery) func(indexer.DocRef) float64 {
	var topics uint64
	for v := range q.topics {
		if v >= 0 && v < 64 {
			topics |= 1 << v
		}
	}
	lang := int32(slices.Index(t.values[facetLang], q.lang)) // -1: none has it
	return func(d indexer.DocRef) float64 {
		if d.Ord < 0 || int(d.Ord) >= len(t.flat) || t.flat[d.Ord].slow {
			return t.prior(t.at(d), q)
		}
		f := &t.flat[d.Ord]
		w := f.static // the weights multiplied in eachPrior's order: the same product
		if f.omnibus && !q.periodical {
			w *= omnibusWeight
		}
		if f.topics&topics != 0 {
			w *= topicWeight
		}
		if q.lang != "" && f.lang >= 0 && f.lang != lang {
			w *= otherLangWeight
		}
		return w
	}
}

// flatDoc is what the ranking asks of one document for its priors, feedback,
// balance and restrictions (facetValues.flat), in one small struct: a row's
// values lie apart in memory, and the ranking asks for every matching document.
type flatDoc struct {
	// static is the product of its superseded and type priors' weights, the
	// omnibus prior's aside (omnibus: it has one; rankQuery.periodical).
	static float64
	// topics has bit v set for each of its topic values v below 64.
	topics uint64
	// at says where its values are in facetValues.flatValues: those of facet i
	// (an index of facetRow) at [at[i], at[i+1]), in its row's order.
	at [len(facetRow{}) + 1]int32
	// lang is its (first) language value; -1: none.
	lang int32
	// year is its (first) year value as a number, noYear when it has none or it
	// is not a number.
	year int
	// slow says it has several languages or a topic value of 64 or more: eachPrior
	// answers for it.
	slow bool
	// known says the table has its row; removed that it is removed (docFacts).
	known, removed bool
	omnibus        bool
}

// flatten makes t.flat and t.flatValues from t.byOrd; the type priors
// (t.typePrior) and years (t.years) must be known.
func (t *facetValues) flatten() {
	t.flat, t.flatValues = make([]flatDoc, len(t.byOrd)), nil
	for ord, d := range t.byOrd {
		p := flatDoc{static: 1, lang: -1, year: noYear, removed: d.removed}
		if d.superseded {
			p.static *= supersededWeight
		}
		if row := d.row; row != nil {
			p.known = true
			if years := row[facetYear]; len(years) > 0 {
				p.year = t.years[years[0]]
			}
			for _, v := range row[facetType] {
				switch tp := t.typePrior[v]; {
				case tp.Reason == priorOmnibus:
					p.omnibus = true
				case tp.Reason != "":
					p.static *= tp.Weight
				}
			}
			for i, vals := range row {
				p.at[i] = int32(len(t.flatValues))
				t.flatValues = append(t.flatValues, vals...)
			}
			p.at[len(row)] = int32(len(t.flatValues))
			for _, v := range row[facetTopic] {
				if v >= 64 {
					p.slow = true
				} else {
					p.topics |= 1 << v
				}
			}
			if langs := row[facetLang]; len(langs) > 0 {
				p.lang, p.slow = langs[0], p.slow || len(langs) > 1
			}
		}
		t.flat[ord] = p
	}
}

// topicsAt are the topic values of document d.
func (t *facetValues) topicsAt(d indexer.DocRef) []int32 {
	if d.Ord >= 0 && int(d.Ord) < len(t.flat) {
		f := &t.flat[d.Ord]
		return t.flatValues[f.at[facetTopic]:f.at[facetTopic+1]]
	}
	if row := t.at(d).row; row != nil {
		return row[facetTopic]
	}
	return nil
}

// langAt is the (first) language of document d ("" when it has none).
func (t *facetValues) langAt(d indexer.DocRef) string {
	if d.Ord >= 0 && int(d.Ord) < len(t.flat) {
		if l := t.flat[d.Ord].lang; l >= 0 {
			return t.values[facetLang][l]
		}
		return ""
	}
	return t.lang(t.at(d))
}

// priors lists the weights of document id's prior for the query q, and why each
// applies.
func (t *facetValues) priors(id string, q rankQuery) []Prior {
	var out []Prior
	t.eachPrior(t.of(id), q, func(p Prior) { out = append(out, p) })
	return out
}

// omnibus reports whether document d is of a type that touches every topic (an
// annual report, a newsletter: typePriorOf).
func (t *facetValues) omnibus(d indexer.DocRef) bool {
	if row := t.at(d).row; row != nil {
		for _, v := range row[facetType] {
			if t.typePrior[v].Reason == priorOmnibus {
				return true
			}
		}
	}
	return false
}

// typePriorOf is the prior a document of type value typ has (Reason "": none).
func typePriorOf(typ string) Prior {
	switch {
	case typ == indexer.TypePage || typ == indexer.TypeEvent:
		return Prior{priorPage, pageWeight}
	case indexer.Periodical(typ):
		return Prior{priorOmnibus, omnibusWeight}
	}
	return Prior{}
}

// eachPrior calls f with each prior that applies to a document (d) for the query q.
func (t *facetValues) eachPrior(d docFacts, q rankQuery, f func(Prior)) {
	if d.superseded {
		f(Prior{priorSuperseded, supersededWeight})
	}
	row := d.row
	if row == nil {
		return
	}
	omnibus := false
	for _, v := range row[facetType] {
		switch p := t.typePrior[v]; {
		case p.Reason == priorOmnibus:
			omnibus = true
		case p.Reason != "":
			f(p)
		}
	}
	if omnibus && !q.periodical {
		f(Prior{priorOmnibus, omnibusWeight})
	}
	for _, v := range row[facetTopic] {
		if q.topics[v] {
			f(Prior{priorTopic, topicWeight})
			break
		}
	}
	if q.lang != "" {
		for _, v := range row[facetLang] {
			if t.values[facetLang][v] != q.lang {
				f(Prior{priorOtherLang, otherLangWeight})
			}
		}
	}
}

// feedbackWeight scales how much a document gains for sharing the topics of the
// best documents (pseudo-relevance feedback on the publishers' topic tags): the
// best documents' topics say what the query is about, whatever words it used.
// Measured on the collection's dev queries: 0 → 4 raised topic nDCG@10 from 0.61 to
// 0.65 and cross-language from 0.49 to 0.54; 8 cost known items.
const feedbackWeight = 6.0

// translationWeight is the share of a best document's score that its translations
// get at least: a document whose translation matches the query strongly is a
// strong candidate in its own language, though its own words matched less (or only
// through the glossary).
const translationWeight = 0.7

// editionShare is how much of a superseded best document's score (before
// feedback) its newest edition must score for the query to lift it to that
// document's place (feedback): a query that hardly matches the newest edition
// (a word or two on one page) is about what the older one says. In the
// collection, a current edition whose PDF gave its title in an image only scored
// 0.49 of its predecessor; in TestNewestEditionFirst, one with a cover page and
// the title alone, 0.08.
const editionShare = 0.05

// joinWeight is the share of a best document's score that its translations get
// when the query matched nothing in them (joinTranslations): searched in two
// languages, a query leaves a third unsearched (translateInto), and a filter may
// leave a language only weak matches; the translation of a document that matched
// strongly is a better source than either. Measured on the collection (dev /
// held): 0 → filtered nDCG@10 0.907 / 0.898; 0.1 → 0.927 / 0.930; 0.2 → 0.929 /
// 0.931; 0.3 → 0.928 / 0.932; 0.4 → 0.928 / 0.932 with vocabulary-mismatch dev
// 0.429 → 0.426; the judged queries unchanged at 0.2 (all 0.714 / 0.778, both
// languages among the first ten for 96 % / 92 % of the cross-language queries).
const joinWeight = 0.2

// feedback scores every document again from the best documents: it gains
// feedbackWeight times the share of their topic mass its topic tags carry (each of
// the best documents gives its topics its score, shared among them), a
// translation of one of them scores at least translationWeight times its score,
// and the newest edition of one that is superseded, when the query matches it
// (editionShare) and it is no periodical, at least what that one scores without
// its superseded prior (the current edition is the answer, though a PDF that
// gave less text gives it less evidence: the collection's known items typed with
// a mistake, dev MRR 0.996 → 1.000; judged queries dev 0.751 → 0.750, held 0.811
// unchanged). A document without topic tags, about which feedback knows
// nothing, gains what the best documents gained on average, so that it neither
// gains nor loses against them.
// The topics the query names (named, topicsNamed) count as if the best document
// had them alone: the user said what the query is about, which the best documents
// may not (a publisher named "Gender and Security Network" on every cover page
// made its budget manuals the best documents for "gender and security"; filtered
// queries of the collection, dev nDCG@10 0.881 → 0.889, held 0.885 → 0.893).
func (t *facetValues) feedback(top []indexer.RankedDoc, named map[int32]bool) func(indexer.DocRef, float64) float64 {
	mass := map[int32]float64{}
	total := 0.0
	if len(top) > 0 {
		for v := range named {
			mass[v] += top[0].Score / float64(len(named))
		}
		if len(named) > 0 {
			total += top[0].Score
		}
	}
	translated := map[string]float64{}
	for _, d := range top {
		for _, tr := range t.translations[d.ID] {
			translated[tr] = max(translated[tr], d.Score)
		}
		topics := t.topicsAt(d.DocRef)
		if len(topics) == 0 {
			continue
		}
		share := d.Score / float64(len(topics))
		for _, v := range topics {
			mass[v] += share
		}
		total += d.Score
	}
	// A topic's mass goes also to the labels its translations carry: the best
	// documents in one language say what the query is about in the other too.
	spread := maps.Clone(mass)
	for _, v := range slices.Sorted(maps.Keys(mass)) { // one order: the same sums on every result page
		for u, share := range t.aligned[v] {
			spread[u] += mass[v] * share
		}
	}
	massOf := make([]float64, len(t.values[facetTopic])) // by topic value
	for v, m := range spread {
		massOf[v] = m
	}
	gain := func(topics []int32) float64 {
		m := 0.0
		for _, v := range topics {
			m += massOf[v]
		}
		return 1 + feedbackWeight*m/total
	}
	// The average gain of the best documents that have topic tags, by score.
	neutral, weight := 0.0, 0.0
	for _, d := range top {
		if topics := t.topicsAt(d.DocRef); len(topics) > 0 {
			neutral += d.Score * gain(topics)
			weight += d.Score
		}
	}
	if weight > 0 {
		neutral /= weight
	}
	// A document's gain: that of its topics, or the neutral one.
	gainOf := func(d indexer.DocRef) float64 {
		if total == 0 {
			return 1
		}
		if topics := t.topicsAt(d); len(topics) > 0 {
			return gain(topics)
		}
		return neutral
	}
	// The newest edition of one of the best documents scores at least what that
	// document does without its superseded prior, when the query matched it with
	// at least editionShare of that document's score: the current edition is the
	// answer, though a failed or shorter PDF gives it less evidence, but one the
	// query hardly matches is not. Periodicals (an omnibus: a newsletter, an
	// annual report) are left out: a later issue is not the answer to an earlier
	// one's content, whatever their titles share.
	type floor struct{ score, old float64 }
	newer := map[string]floor{}
	for _, d := range top {
		if id := t.newest[d.ID]; id != "" && !t.omnibus(d.DocRef) {
			if f := d.Score * gainOf(d.DocRef) / supersededWeight; f > newer[id].score {
				newer[id] = floor{f, d.Score}
			}
		}
	}
	return func(d indexer.DocRef, score float64) float64 {
		f, ok := newer[d.ID]
		lift := ok && score >= editionShare*f.old
		score *= gainOf(d)
		if lift {
			score = max(score, f.score)
		}
		if len(translated) == 0 {
			return score
		}
		return max(score, translationWeight*translated[d.ID])
	}
}

// Pseudo-relevance feedback on words (termFeedback): the feedbackPages best pages
// of the first feedbackDocs documents are read (when at least feedbackMinDocs
// match), their feedbackCandidates commonest stems weighed by rarity (none on more
// than feedbackMaxShare of the index's records), and the feedbackTerms heaviest of
// each language added to the query, the heaviest with feedbackTermWeight, to rank
// again the first feedbackRerank documents. Reading the feedback words at fewer
// documents' pages costs less (at a million pages, a term query's CPU time 10–15 %
// less from 100 to 50); on the collection (dev / held, nDCG@10 of the judged
// queries) 100 gave all 0.726 / 0.778, topic 0.732 / 0.740, cross-language 0.596 /
// 0.654; 70: 0.726 / 0.779, 0.731 / 0.740, 0.599 / 0.658; 50: 0.725 / 0.780, 0.728
// / 0.740, 0.601 / 0.660, both languages among the first ten for 100 % of the dev
// cross-language queries (96 %); 30: 0.725 / 0.776; 20: 0.722 / 0.773. The filtered
// queries 0.930 / 0.936 throughout.
const (
	feedbackDocs       = 10
	feedbackMinDocs    = 2 * feedbackDocs
	feedbackRerank     = 50
	feedbackPages      = 3
	feedbackCandidates = 100
	feedbackTerms      = 10
	feedbackTermWeight = 0.5
	feedbackMaxShare   = 0.2
)

// topicsNamed returns the topic values the query's words name: those all of
// whose words (as a language's analyzer makes them) stand together among the
// query's, in any order ("budget of defence" names Defence budget; "access to
// classified information" does not name Access to information: measured on the
// collection's dev queries, judged nDCG@10 0.714 → 0.718, topic 0.722 → 0.733,
// the held part and the filtered queries unchanged), and
// the value that the translations of documents tagged with one carry most often
// (alignTopics), when at least half of them carry it.
func (t *facetValues) topicsNamed(words []string) map[int32]bool {
	if len(words) == 0 {
		return nil
	}
	text := strings.Join(words, " ")
	out := map[int32]bool{}
	for lang, a := range stopAnalyzers() {
		have := map[string][]int{} // a stem's places among the query's words (stop words aside)
		for i, stems := range a.Positions(text) {
			for _, st := range stems {
				have[st] = append(have[st], i)
			}
		}
		for v, words := range t.topicStems[lang] {
			if len(words) > 0 && together(words, have) {
				out[int32(v)] = true
			}
		}
	}
	for v := range maps.Clone(out) {
		best := 0.5
		for _, share := range t.aligned[v] {
			best = max(best, share)
		}
		for u, share := range t.aligned[v] {
			if share == best {
				out[u] = true
			}
		}
	}
	return out
}

// together reports whether words (each its stems) stand next to each other among
// the query's words, have giving each stem's places there: a label named as a
// phrase, in any order, with no other words between but stop words; a word is
// there when one of its stems is.
func together(words [][]string, have map[string][]int) bool {
	span := len(words)
	for _, starts := range have {
		for _, from := range starts {
			in := func(st string) bool {
				return slices.ContainsFunc(have[st], func(p int) bool { return p >= from && p < from+span })
			}
			if !slices.ContainsFunc(words, func(w []string) bool { return !slices.ContainsFunc(w, in) }) {
				return true
			}
		}
	}
	return false
}

// scoring returns ctx with the mean field lengths the index's documents give
// (scoredLengths), for every ranking and hit asked for with it: the searches'
// entry points (Search, Export, Related, InDocument, Page) take it once; Overview
// browses every document, which no length changes.
func (s *Searcher) scoring(ctx context.Context) (context.Context, error) {
	tab, err := s.facetTab.table(ctx)
	if err != nil {
		return nil, err
	}
	if tab.fieldLengths == nil {
		return ctx, nil
	}
	return indexer.WithFieldLengths(ctx, tab.fieldLengths), nil
}
