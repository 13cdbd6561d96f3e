package search

import (
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

// allWordsBoost weights the extra clause that rewards pages matching every plain word
// of a group, and phraseBoost the one that rewards those words side by side.
var (
	allWordsBoost = 2.0
	phraseBoost   = 2.0
	pairBoost     = 0.5
)

// xlangBoost weights a match on a translated term against one on the words typed.
// Measured on data/relevance.json (make eval): 0.15 ranks best over all query kinds;
// 0.5 and more put other-language documents above known items, 0.1 finds fewer
// translations first. The set is small and the value was tuned on it.
var xlangBoost = 0.15

// evidenceWeight is the share of each of a document's next best pages' scores added
// to its best page's (indexer.RankOptions.Evidence): 0.5 ranked best of 0.15–0.6.
var evidenceWeight = 0.5

// Priors on a document's score (facetValues.prior).
var (
	// supersededWeight: a newer edition of the publication exists. For the same
	// evidence the current edition ranks first, and with somewhat less it still does.
	supersededWeight = 0.8
	// pageWeight: a web page without a PDF of its own (a topic explainer, an event,
	// an about page): it introduces or announces; the publications are the sources.
	pageWeight = 0.65
	// omnibusWeight: an annual report or a newsletter, which touches every topic
	// and is about none in particular.
	omnibusWeight = 0.8
	// otherLangWeight: the document is not in the query's language. A match found
	// through translation, or on shared names, ranks below the same evidence in the
	// language the user wrote in.
	otherLangWeight = 0.85
)

// prior is the weight of document id's score for a query written in queryLang.
func (t *facetValues) prior(id, queryLang string) float64 {
	w := 1.0
	if t.superseded[id] {
		w *= supersededWeight
	}
	row := t.rows[id]
	if row == nil {
		return w
	}
	for _, v := range row[facetType] {
		switch t.values[facetType][v] {
		case indexer.TypePage, indexer.TypeEvent:
			w *= pageWeight
		case "annual-report", "newsletter":
			w *= omnibusWeight
		}
	}
	if queryLang != "" {
		for _, v := range row[facetLang] {
			if t.values[facetLang][v] != queryLang {
				w *= otherLangWeight
			}
		}
	}
	return w
}

// feedbackWeight scales how much a document gains for sharing the topics of the
// best documents (pseudo-relevance feedback on the publishers' topic tags): the
// best documents' topics say what the query is about, whatever words it used.
// Measured on the collection's dev queries: 0 → 4 raised topic nDCG@10 from 0.61 to
// 0.65 and cross-language from 0.49 to 0.54; 8 cost known items.
var feedbackWeight = 4.0

// topicFeedback weighs every document by how much of the best documents' topic
// mass its topics carry: each of the best documents gives its topics its score,
// shared among them; a document gains feedbackWeight times the share of that mass
// on its own topics.
func (t *facetValues) topicFeedback(top []indexer.RankedDoc) func(string) float64 {
	mass := map[int32]float64{}
	total := 0.0
	for _, d := range top {
		row := t.rows[d.ID]
		if row == nil || len(row[facetTopic]) == 0 {
			continue
		}
		share := d.Score / float64(len(row[facetTopic]))
		for _, v := range row[facetTopic] {
			mass[v] += share
		}
		total += d.Score
	}
	if total == 0 {
		return nil
	}
	return func(id string) float64 {
		row := t.rows[id]
		if row == nil {
			return 1
		}
		m := 0.0
		for _, v := range row[facetTopic] {
			m += mass[v]
		}
		return 1 + feedbackWeight*m/total
	}
}
