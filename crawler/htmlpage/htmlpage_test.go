package htmlpage

import (
	"reflect"
	"strings"
	"testing"
)

const page = `<!doctype html>
<html lang="uk-UA"><head>
<base href="https://example.org/uk/">
<link rel="canonical" href="/uk/publication/a/#top">
<link rel="alternate" hreflang="en" href="https://example.org/en/publication/a/">
<link rel="next" href="?page=2">
<link rel="stylesheet" href="/style.css">
<script>var x = "not text";</script>
</head><body>
<ul class="lang-switch"><li><a href="/ru/publication/a/">Рус</a></li><li><a href="/en/other/">English</a></li>
<li><a href="/uk/publication/a/"><img alt="Українська" src="uk.png"></a></li><li><a href="/de/a/"><img alt="Deutsch" src="de.png"></a></li></ul>
<h1>Посібник</h1>
<p>Текст <b>сторінки</b>.</p>
<a href="files/a.pdf">PDF</a> <a href="files/a.pdf#page=2">again</a>
<a href="related/">Related</a> <a href="#top">top</a> <a href="mailto:x@example.org">mail</a>
<style>p { color: red }</style><noscript>enable scripts</noscript>
</body></html>`

func TestLinks(t *testing.T) {
	p, err := Parse(strings.NewReader(page), "text/html; charset=utf-8", "https://example.org/uk/publication/a/")
	if err != nil {
		t.Fatal(err)
	}
	got := p.Links()
	want := Links{
		Lang:      "uk",
		Canonical: "https://example.org/uk/publication/a/",
		// hreflang first; a switch's text or its flag's alternative text names
		// the others; a language already named keeps its first link; a name
		// of no language known (Deutsch) names none.
		Alternates: map[string]string{"en": "https://example.org/en/publication/a/", "ru": "https://example.org/ru/publication/a/", "uk": "https://example.org/uk/publication/a/"},
		PDFLinks:   []string{"https://example.org/uk/files/a.pdf"},
		Links: []string{"https://example.org/uk/?page=2", "https://example.org/ru/publication/a/", "https://example.org/en/other/",
			"https://example.org/uk/publication/a/", "https://example.org/de/a/", "https://example.org/uk/related/"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Links() =\n%+v\nwant\n%+v", got, want)
	}
	if text := p.Text(); text != "Рус English Посібник Текст сторінки . PDF again Related top mail" {
		t.Errorf("Text() = %q: want the visible words only", text)
	}
}

func TestParseBadURL(t *testing.T) {
	if _, err := Parse(strings.NewReader("<p>x"), "text/html", "://bad"); err == nil {
		t.Error("a bad page URL: no error")
	}
}

// TestLanguageSwitches: a language switch is read wherever a page puts it: WPML's
// lang attribute inside the link, two or more links side by side whose texts name
// languages; links to files in each language name no version of the page.
func TestLanguageSwitches(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       map[string]string
	}{
		{"wpml", `<div class="wpml-ls"><ul><li><a href="/uk/x/"><span class="wpml-ls-native" lang="uk">Українська</span></a></li></ul></div>`,
			map[string]string{"uk": "https://example.org/uk/x/"}},
		{"links side by side", `<main><p>Also available in: <a href="/en/x/">English</a> | <a href="/uk/x/">Українська</a></p></main>`,
			map[string]string{"en": "https://example.org/en/x/", "uk": "https://example.org/uk/x/"}},
		{"links naming countries", `<main><p>Countries: <a href="/country/ukraine/">Ukraine</a>, <a href="/country/russia/">Russia</a>, <a href="/country/moldova/">Moldova</a></p></main>`, nil},
		{"one link naming a language", `<main><p>Read it in <a href="/en/x/">English</a>.</p></main>`, nil},
		{"files in each language", `<main><p>Download: <a href="/f/x-en.pdf">English</a> | <a href="/f/x-uk.pdf">Українська</a></p></main>`, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(strings.NewReader(`<!DOCTYPE html><html lang="en"><head><title>X</title></head><body>`+tt.body+`</body></html>`), "text/html", "https://example.org/en/x/")
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Links().Alternates; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("alternates %v, want %v", got, tt.want)
			}
		})
	}
}
