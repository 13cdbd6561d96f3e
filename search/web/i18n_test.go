package web

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/saved"
)

// TestCatalogueComplete checks that both languages have every string, and that every
// key the templates use exists.
func TestCatalogueComplete(t *testing.T) {
	for lang, other := range map[string]string{"en": "uk", "uk": "en"} {
		for k := range catalogue[lang] {
			// Ukrainian has a "few" plural English lacks; English query errors are
			// the parser's own (search.QueryErrorMessages), English request errors
			// the search's, which name parameters as the URL does.
			if _, ok := catalogue[other][k]; !ok && !(lang == "uk" && (strings.HasSuffix(k, ".few") || strings.HasPrefix(k, "qerr.") && k != "qerr.at" ||
				strings.HasPrefix(k, "saverr.") && k != "saverr.webhook-forbidden" || strings.HasPrefix(k, "reqerr.") || strings.HasPrefix(k, "param."))) {
				t.Errorf("%s lacks %q", other, k)
			}
		}
	}
	// Every field and source a document's provenance can name has words in both
	// languages.
	for _, lang := range []string{"en", "uk"} {
		for _, k := range []string{"title", "date", "type", "publisher", "authors", "topics", "lang", "summary"} {
			if catalogue[lang]["field."+k] == "" {
				t.Errorf("%s lacks field.%s", lang, k)
			}
		}
		for _, k := range []string{extract.FromMeta, extract.FromLabel, extract.FromPDF, extract.FromURL, extract.FromConfig, extract.FromWords} {
			if catalogue[lang]["from."+k] == "" {
				t.Errorf("%s lacks from.%s", lang, k)
			}
		}
	}
	files, _ := filepath.Glob("templates/*.html")
	keyRE := regexp.MustCompile(`\.(T|N) (?:\(?[^"]*)?"([a-z.\-]+)"`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(b), -1) {
			key := m[2]
			if m[1] == "N" {
				key += ".one"
			}
			if _, ok := catalogue["en"][key]; !ok {
				t.Errorf("%s uses %q, which the catalogue lacks", f, key)
			}
		}
	}
	// Every visible word outside {{ }} (and outside <code>, which shows syntax) would
	// escape translation; only names of formats and of the product may be there.
	names := map[string]bool{"PDF": true, "API": true, "OpenAPI": true, "ssgsearch": true, "Atom": true, "CSV": true, "JSON": true, "UTC": true}
	strip := regexp.MustCompile(`(?s)<code>.*?</code>|\{\{.*?\}\}|<[^>]*>`)
	word := regexp.MustCompile(`\p{L}{2,}`)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, w := range word.FindAllString(strip.ReplaceAllString(string(b), " "), -1) {
			if !names[w] {
				t.Errorf("%s has the untranslated word %q", f, w)
			}
		}
	}
}

func TestPlural(t *testing.T) {
	uk := msgs{Lang: "uk"}
	en := msgs{Lang: "en"}
	for n, want := range map[int]string{1: "1 документ", 2: "2 документи", 4: "4 документи", 5: "5 документів", 11: "11 документів", 12: "12 документів", 21: "21 документ", 22: "22 документи", 111: "111 документів"} {
		if got := uk.N(n, "doc"); got != want {
			t.Errorf("uk %d: %q, want %q", n, got, want)
		}
	}
	if en.N(1, "doc") != "1 document" || en.N(3, "doc") != "3 documents" {
		t.Errorf("en plurals")
	}
}

func TestLanguageChoice(t *testing.T) {
	tests := []struct {
		url, cookie, accept, want string
	}{
		{"/?q=x", "", "", "en"},
		{"/?q=x&lang=uk", "", "", "uk"},
		{"/?q=x", "uk", "", "uk"},
		{"/?q=x&lang=en", "uk", "uk", "en"},
		{"/?q=x", "", "uk-UA,uk;q=0.9,en;q=0.8", "uk"},
		{"/?q=x", "", "de-DE,de;q=0.9", "en"},
		{"/?q=x&lang=fr", "", "", "en"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", tt.url, nil)
		if tt.cookie != "" {
			r.Header.Set("Cookie", langCookie+"="+tt.cookie)
		}
		if tt.accept != "" {
			r.Header.Set("Accept-Language", tt.accept)
		}
		w := httptest.NewRecorder()
		m := messages(w, r)
		if m.Lang != tt.want {
			t.Errorf("%+v: %s", tt, m.Lang)
		}
		if !strings.Contains(m.SwitchURL, "lang="+m.Other) || !strings.Contains(m.SwitchURL, "q=x") {
			t.Errorf("switch URL %s", m.SwitchURL)
		}
	}
}

// TestQueryErrorsTranslated: every error the query parser can give has Ukrainian
// words with the same arguments.
func TestQueryErrorsTranslated(t *testing.T) {
	translatedAll(t, "qerr.", query.ErrorMessages())
}

// translatedAll checks that every English message of messages has Ukrainian words
// in the catalogue, under prefix and its key, with the same arguments.
func translatedAll(t *testing.T, prefix string, messages map[string]string) {
	t.Helper()
	verbs := regexp.MustCompile(`%[a-z]`)
	for k, en := range messages {
		uk, ok := catalogue["uk"][prefix+k]
		if !ok {
			t.Errorf("uk lacks %s%s", prefix, k)
			continue
		}
		if got, want := verbs.FindAllString(uk, -1), verbs.FindAllString(en, -1); !slices.Equal(got, want) {
			t.Errorf("%s%s: arguments %v in Ukrainian, %v in English", prefix, k, got, want)
		}
	}
}

// TestRequestErrorsTranslated: every reason a request's parameters are refused has
// Ukrainian words with the same arguments, and says the parameter in Ukrainian.
func TestRequestErrorsTranslated(t *testing.T) {
	translatedAll(t, "reqerr.", search.RequestErrorMessages())
	uk, en := msgs{Lang: "uk"}, msgs{Lang: "en"}
	err := search.InvalidRequest("not-number", "page", "two")
	if got := uk.RequestError(err); got != `номер сторінки: потрібне ціле число, а не "two"` {
		t.Errorf("Ukrainian request error %q", got)
	}
	if got := en.RequestError(err); got != `invalid request: page must be a whole number, got "two"` {
		t.Errorf("English request error %q", got)
	}
	if got := uk.RequestError(search.InvalidRequest("language", "page")); got != `невідома мова "page" (en, uk або ru)` {
		t.Errorf("a value is not a parameter's name: %q", got)
	}
}

// TestSavedErrorsTranslated: every reason a saved search is refused has Ukrainian
// words with the same arguments.
func TestSavedErrorsTranslated(t *testing.T) {
	translatedAll(t, "saverr.", saved.InvalidMessages())
	m := msgs{Lang: "uk"}
	if got := m.SavedError(saved.Invalid("name-missing")); got != "збереженому пошуку потрібна назва" {
		t.Errorf("Ukrainian saved error %q", got)
	}
	if got := (msgs{Lang: "en"}).SavedError(saved.Invalid("name-taken", "Audits", "3")); got != `a saved query named "Audits" exists (id 3)` {
		t.Errorf("English saved error %q", got)
	}
}
