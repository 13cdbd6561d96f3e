package indexer

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
)

// sharedTexts are texts to analyse both ways: tricky tokens, and the real PDFs'
// pages (../shared/realpdf, when it is there: many producers and scripts).
func sharedTexts(t *testing.T) []string {
	texts := []string{
		"Ukraine's army, UKRAINE’S ARMY, Ukraineʼs army, Ukraine‘s army, Ukraine`s army, Ukraine´s army, Ukraine＇s army.",
		"З’ясувати, зʼясувати, з'ясувати, п`ять, п´ять; обʼєкт’s. Розвідці й закупівель омбудсманові у звіті.",
		"Комитет по обороне и безопасности рассмотрел закупки вооружений; объём — 3,5 млрд грн.",
		"ﬁnance ﬂow Ⅳ ½ ＡＢＣ naïve café 12.5% e-mail user@example.org U.S. 1,000,000 don't can't",
		"",
		"a",
		"the of and",
		"中文 日本語のテキスト 한국어 العربية עברית हिन्दी 🇺🇦 👩‍⚕️",
	}
	dirs, err := filepath.Glob(filepath.Join("..", "..", "shared", "realpdf", "ref", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		pages, _ := filepath.Glob(filepath.Join(d, "*.txt"))
		for _, p := range pages[:min(len(pages), 5)] {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	return texts
}

// TestSharedText: a page record's fields, its text analysed once for the body and
// its stemmed field (sharedText), have the terms, frequencies and positions the
// mapping's analyzers make of each field alone, in every language; and the
// sharing is in use where the analyzers allow it.
func TestSharedText(t *testing.T) {
	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	st := newSharedText(m)
	if len(st.rest) != len(StemFields) {
		t.Fatalf("sharing for %d stemmed fields, want all %d", len(st.rest), len(StemFields))
	}
	analysed := func(doc *document.Document) map[string]any {
		out := map[string]any{}
		for _, f := range doc.Fields {
			f.Analyze()
			out[f.Name()] = []any{f.AnalyzedLength(), f.AnalyzedTokenFrequencies()}
		}
		return out
	}
	texts := sharedTexts(t)
	for _, lang := range []string{"en", "uk", "ru", "de"} {
		for i, text := range texts {
			rec := pageRecord{Kind: KindPage, DocID: "d", Page: 1, Title: "Oversight", Body: text, Lang: lang, Type: "report"}
			rec.setStem()
			alone, shared := document.NewDocument("p"), document.NewDocument("p")
			if err := m.MapDocument(alone, rec); err != nil {
				t.Fatal(err)
			}
			if err := m.MapDocument(shared, rec); err != nil {
				t.Fatal(err)
			}
			st.share(shared)
			if stem, ok := StemFields[lang]; ok && text != "" {
				f := fieldNamed(shared, stem)
				if _, ok := f.Analyzer().(textThen); !ok {
					t.Fatalf("%s: the stemmed field analyses with %T, not the shared text", lang, f.Analyzer())
				}
			}
			if a, s := analysed(alone), analysed(shared); !reflect.DeepEqual(a, s) {
				for name := range a {
					if !reflect.DeepEqual(a[name], s[name]) {
						t.Errorf("%s, text %d (%.60q): field %s differs analysed once", lang, i, text, name)
					}
				}
			}
		}
	}
	// A mapping whose analyzers do not start alike shares nothing: one without
	// ours, and one made before (English's possessive filter first, Russian
	// without apostrophes) for those two languages.
	if st := newSharedText(mapping.NewIndexMapping()); len(st.rest) != 0 {
		t.Errorf("a mapping without ours: sharing %v", st.rest)
	}
	old := mapping.NewIndexMapping()
	if err := old.AddCustomTokenFilter("ssg_nfkc", map[string]any{"type": unicodenorm.Name, "form": unicodenorm.NFKC}); err != nil {
		t.Fatal(err)
	}
	if err := old.AddCustomTokenFilter("ssg_uk_stop", map[string]any{"type": stop.Name, "stop_token_map": en.StopName}); err != nil {
		t.Fatal(err)
	}
	for name, filters := range map[string][]string{
		AnalyzerText: {"ssg_nfkc", lowercase.Name, FilterApostrophe},
		AnalyzerEN:   {"ssg_nfkc", en.PossessiveName, lowercase.Name, FilterApostrophe, en.StopName, FilterStemEN},
		AnalyzerUK:   {"ssg_nfkc", lowercase.Name, FilterApostrophe, "ssg_uk_stop", FilterLemmaUK},
		AnalyzerRU:   {"ssg_nfkc", lowercase.Name, ru.StopName, ru.SnowballStemmerName},
	} {
		if err := old.AddCustomAnalyzer(name, map[string]any{"type": custom.Name, "tokenizer": unicode.Name, "token_filters": filters}); err != nil {
			t.Fatal(err)
		}
	}
	if st := newSharedText(old); len(st.rest) != 1 || st.rest[FieldStemUK] == nil {
		t.Errorf("the analyzers of an index made before: sharing %v, want Ukrainian only", st.rest)
	}
	// The stemmed field analysed before the body, or on another text, uses its
	// own analyzer.
	rec := pageRecord{Kind: KindPage, DocID: "d", Page: 1, Body: "Ukraine's budgets", Lang: "en"}
	rec.setStem()
	doc := document.NewDocument("p")
	if err := m.MapDocument(doc, rec); err != nil {
		t.Fatal(err)
	}
	st.share(doc)
	stem := fieldNamed(doc, FieldStemEN)
	stem.Analyze()
	if got := strings.Join(termsOf(stem), " "); got != "budget ukrain" {
		t.Errorf("stemmed field analysed first: %q", got)
	}
}

func fieldNamed(doc *document.Document, name string) *document.TextField {
	for _, f := range doc.Fields {
		if f.Name() == name {
			return f.(*document.TextField)
		}
	}
	return nil
}

// termsOf are the terms a field's analysis made, sorted.
func termsOf(f *document.TextField) []string {
	var out []string
	for term := range f.AnalyzedTokenFrequencies() {
		out = append(out, term)
	}
	slices.Sort(out)
	return out
}
