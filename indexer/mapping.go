package indexer

import (
	"slices"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Analyzer names registered in the mapping.
const (
	// AnalyzerText splits on Unicode word boundaries, folds case and applies NFKC
	// (which also expands ligatures). It serves both languages.
	AnalyzerText = "ssg_text"
	// AnalyzerTag keeps a value whole and folds its case: for filters and facets.
	AnalyzerTag = "ssg_tag"
	// AnalyzerEN, AnalyzerUK and AnalyzerRU add stop words and stemming for one
	// language: the stemmed fields, beside the exact ones.
	AnalyzerEN = "ssg_en"
	AnalyzerUK = "ssg_uk"
	AnalyzerRU = "ssg_ru"
)

// NewMapping returns the index mapping: page records carry the searchable text and the
// document's filterable metadata; document records carry the stored Document as JSON.
func NewMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.ScoringModel = "bm25"
	im.DefaultAnalyzer = AnalyzerText
	if err := im.AddCustomTokenFilter("ssg_nfkc", map[string]any{
		"type": unicodenorm.Name,
		"form": unicodenorm.NFKC,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(AnalyzerText, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": textFilters,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenMap("ssg_uk_stop_words", map[string]any{"type": tokenmap.Name, "tokens": toAny(ukStopWords)}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter("ssg_uk_stop", map[string]any{"type": stop.Name, "stop_token_map": "ssg_uk_stop_words"}); err != nil {
		return nil, err
	}
	// The language analyzers run the text analyzer's filters first: a page's text
	// is then tokenised once for its exact and its stemmed field (sharedText).
	for name, filters := range map[string][]string{
		AnalyzerEN: {en.PossessiveName, en.StopName, FilterStemEN},
		AnalyzerUK: {"ssg_uk_stop", FilterLemmaUK},
		AnalyzerRU: {ru.StopName, ru.SnowballStemmerName},
	} {
		filters = slices.Concat(textFilters, filters)
		if err := im.AddCustomAnalyzer(name, map[string]any{"type": custom.Name, "tokenizer": unicode.Name, "token_filters": filters}); err != nil {
			return nil, err
		}
	}
	if err := im.AddCustomAnalyzer(AnalyzerTag, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}

	// Every text field keeps term positions (phrase queries need them); stored
	// fields are also highlighted. No field but the date keeps doc values (each
	// record's terms again, uninverted, for sorting and Bleve's facets): nothing
	// sorts by text, the facets come from the stored documents, and on text they
	// took a quarter of the index (185 → 141 MiB at 30,000 pages).
	text := func(store bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = AnalyzerText
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	tag := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = AnalyzerTag
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false // filters only; facets come from the stored documents
		return f
	}
	// keywordField keeps a value whole, for selecting records; no doc values:
	// documents are counted from the postings (RankDocuments), not by facets.
	keywordField := func() *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	id, kind := keywordField(), keywordField()

	page := mapping.NewDocumentStaticMapping()
	page.AddFieldMappingsAt(FieldKind, kind)
	page.AddFieldMappingsAt(FieldDocID, id)
	// The page number is in the record ID (PageID): not indexed again.
	label := mapping.NewTextFieldMapping()
	label.Index = false
	label.Store = true
	label.IncludeInAll = false
	label.IncludeTermVectors = false
	label.DocValues = false
	page.AddFieldMappingsAt(FieldLabel, label)
	page.AddFieldMappingsAt(FieldTitle, text(false))
	page.AddFieldMappingsAt(FieldSummary, text(true))
	page.AddFieldMappingsAt(FieldBody, text(true))
	page.AddFieldMappingsAt(FieldAuthors, text(false))
	// Stemmed text of the page in its language's field.
	for field, analyzer := range map[string]string{FieldStemEN: AnalyzerEN, FieldStemUK: AnalyzerUK, FieldStemRU: AnalyzerRU} {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		page.AddFieldMappingsAt(field, f)
	}
	page.AddFieldMappingsAt(FieldLang, tag())
	page.AddFieldMappingsAt(FieldType, tag())
	page.AddFieldMappingsAt(FieldTopic, tag())
	page.AddFieldMappingsAt(FieldPublisher, tag())
	year := mapping.NewNumericFieldMapping()
	year.Store = false
	year.IncludeInAll = false
	year.DocValues = false // range filters only
	page.AddFieldMappingsAt(FieldYear, year)
	im.AddDocumentMapping(KindPage, page)

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldKind, kind)
	doc.AddFieldMappingsAt(FieldDocID, id)
	js := mapping.NewTextFieldMapping()
	js.Index = false
	js.Store = true
	js.IncludeInAll = false
	js.IncludeTermVectors = false
	js.DocValues = false
	doc.AddFieldMappingsAt(FieldJSON, js)
	for _, f := range []string{FieldLang, FieldType, FieldTopic, FieldPublisher, FieldYearFacet} {
		doc.AddFieldMappingsAt(f, tag())
	}
	docDate := mapping.NewDateTimeFieldMapping()
	docDate.Store = false
	docDate.IncludeInAll = false
	docDate.DocValues = true
	doc.AddFieldMappingsAt(FieldDate, docDate)
	im.AddDocumentMapping(KindDoc, doc)

	im.DefaultMapping = mapping.NewDocumentDisabledMapping()
	return im, nil
}

// textFilters are the token filters of AnalyzerText, the first of every
// language analyzer's.
var textFilters = []string{"ssg_nfkc", lowercase.Name, FilterApostrophe}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
