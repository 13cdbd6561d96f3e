package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// TestJoinedTranslation: a translation of the best result that the query does not
// match is listed after it, and the API and the results page say which document
// it translates; the language facet counts only the matching documents.
func TestJoinedTranslation(t *testing.T) {
	ix, err := indexer.Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	en := &indexer.Document{ID: "en1", Title: "Defence Budget Scrutiny", Type: indexer.TypeReport, Lang: "en", URL: "https://example.org/en/a",
		Pages:        []indexer.Page{{Number: 1, Text: "How parliaments read the defence budget line by line."}},
		Translations: []indexer.Translation{{Lang: "ru", URL: "https://example.org/ru/a", ID: "ru1"}}}
	ru := &indexer.Document{ID: "ru1", Title: "Контроль над оборонными расходами", Type: indexer.TypeReport, Lang: "ru", URL: "https://example.org/ru/a",
		Pages:        []indexer.Page{{Number: 1, Text: "Как парламенты читают смету строка за строкой."}},
		Translations: []indexer.Translation{{Lang: "en", URL: "https://example.org/en/a", ID: "en1"}}}
	if _, err := ix.Put(context.Background(), en, ru); err != nil {
		t.Fatal(err)
	}
	_, ts := serve(t, web.Config{Index: ix})

	code, _, body := get(t, ts.URL+"/api/v1/search?q="+url.QueryEscape("defence budget"))
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || res.Joined != 1 || len(res.Hits) != 2 {
		t.Fatalf("total %d, joined %d, hits %d: want 2, 1, 2", res.Total, res.Joined, len(res.Hits))
	}
	h := res.Hits[1]
	if h.ID != "ru1" || h.TranslationOf == nil || h.TranslationOf.ID != "en1" || h.TranslationOf.Title != en.Title || len(h.Pages) != 0 {
		t.Errorf("second hit %+v: want ru1, the translation of en1, without pages", h)
	}
	if !strings.Contains(body, `"translation_of":{"lang":"en"`) {
		t.Errorf("the API answer lacks translation_of: %s", body)
	}
	code, _, body = get(t, ts.URL+"/api/v1/search?facets=true&q="+url.QueryEscape("defence budget"))
	var faceted search.Response
	if err := json.Unmarshal([]byte(body), &faceted); code != 200 || err != nil {
		t.Fatalf("status %d, %v: %s", code, err, body)
	}
	if langs := faceted.Facets["lang"]; len(langs) != 1 || langs[0].Value != "en" || langs[0].Count != 1 {
		t.Errorf("language facet %+v: want en 1 alone, the matching document", langs)
	}
	_, _, page := get(t, ts.URL+"/?q="+url.QueryEscape("defence budget"))
	if !strings.Contains(page, `<p class="joined">`) || !strings.Contains(page, `found as the translation of <a href="/documents/en1" hreflang="en">Defence Budget Scrutiny</a>`) {
		i := strings.Index(page, "ru1")
		t.Errorf("the results page does not say what the Russian document translates: %s", page[max(0, i-200):min(len(page), i+600)])
	}
}
