package indexer

import (
	"bytes"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
)

// A page's text is indexed twice: exactly (FieldBody, AnalyzerText) and in its
// language's stemmed field (AnalyzerEN, …), whose analyzers run the text
// analyzer's tokenizer and filters first (textFilters). sharedText lets the two
// fields of one page record share that work: the body's tokens go on
// through the stemmed analyzer's remaining filters. The index's terms are the
// same as the mapping's analyzers make (TestSharedText); a third of a build's
// analysis time is saved. An index whose stored analyzers do not start alike (made
// before they did) is analysed field by field, as its mapping says.
type sharedText struct {
	text analysis.Analyzer
	// rest are, by stemmed field, the filters that its analyzer runs after the
	// text analyzer's; none when the analyzers do not share their start.
	rest map[string][]analysis.TokenFilter
}

// newSharedText prepares the sharing for the analyzers of mapping m.
func newSharedText(m mapping.IndexMapping) sharedText {
	st := sharedText{text: m.AnalyzerNamed(AnalyzerText), rest: map[string][]analysis.TokenFilter{}}
	text, ok := st.text.(*analysis.DefaultAnalyzer)
	if !ok || len(text.CharFilters) > 0 {
		return st
	}
	for lang, field := range StemFields {
		a, ok := m.AnalyzerNamed(analyzerOfLang[lang]).(*analysis.DefaultAnalyzer)
		if !ok || len(a.CharFilters) > 0 || a.Tokenizer != text.Tokenizer || len(a.TokenFilters) < len(text.TokenFilters) ||
			!slices.Equal(a.TokenFilters[:len(text.TokenFilters)], text.TokenFilters) {
			continue
		}
		st.rest[field] = a.TokenFilters[len(text.TokenFilters):]
	}
	return st
}

// analyzerOfLang names the analyzer of each language's stemmed field.
var analyzerOfLang = map[string]string{"en": AnalyzerEN, "uk": AnalyzerUK, "ru": AnalyzerRU}

// share makes doc's body and the stemmed field that holds the same text (when
// they may share) analyse it once.
func (st sharedText) share(doc *document.Document) {
	body := slices.IndexFunc(doc.Fields, func(f document.Field) bool { return f.Name() == FieldBody })
	if body < 0 {
		return
	}
	b, ok := doc.Fields[body].(*document.TextField)
	if !ok || len(b.Value()) == 0 {
		return
	}
	for i, f := range doc.Fields {
		s, ok := f.(*document.TextField)
		if !ok || st.rest[f.Name()] == nil || !bytes.Equal(s.Value(), b.Value()) {
			continue
		}
		run := &textRun{text: st.text}
		doc.Fields[body] = document.NewTextFieldCustom(b.Name(), b.ArrayPositions(), b.Value(), b.Options(), textFirst{run})
		doc.Fields[i] = document.NewTextFieldCustom(s.Name(), s.ArrayPositions(), s.Value(), s.Options(), textThen{run, s.Analyzer(), st.rest[s.Name()]})
		return
	}
}

// textRun is one page's text analysed by the text analyzer, once (done).
type textRun struct {
	text   analysis.Analyzer
	tokens analysis.TokenStream
	done   bool
}

// textFirst analyses the body, and keeps what it made for textThen.
type textFirst struct{ run *textRun }

func (a textFirst) Analyze(input []byte) analysis.TokenStream {
	a.run.tokens, a.run.done = a.run.text.Analyze(input), true
	return a.run.tokens
}

// textThen analyses the stemmed field: the body's tokens (share saw
// that the two fields hold the same text) through the filters rest, or, when the
// body was not analysed first, with the field's own analyzer. (Its input cannot
// be compared with the body's: analysis writes terms over the text it reads.)
type textThen struct {
	run  *textRun
	own  analysis.Analyzer
	rest []analysis.TokenFilter
}

func (a textThen) Analyze(input []byte) analysis.TokenStream {
	if !a.run.done {
		return a.own.Analyze(input)
	}
	// The body's analysis is over (its terms counted) when the stemmed field's
	// begins: its tokens are the stemmed field's to change.
	ts := a.run.tokens
	a.run.tokens, a.run.done = nil, false // once
	for _, f := range a.rest {
		ts = f.Filter(ts)
	}
	return ts
}
