package htmlpage

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
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
		PDFTexts:   map[string]string{"https://example.org/uk/files/a.pdf": "again"}, // the longer of its anchors' words
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
		{"one link naming the page's version", `<main><p><a href="/wp.php?id=8">English version</a></p></main>`, map[string]string{"en": "https://example.org/wp.php?id=8"}},
		{"a version's label", `<main><p>English version: <a href="/wp.php?id=8">English</a></p></main>`, map[string]string{"en": "https://example.org/wp.php?id=8"}},
		{"a version's label over the menu's home in that language", `<header><div class="lang-switch"><a href="/" class="active">UA</a> | <a href="/en/">EN</a></div></header><main><p class="lang-version">English version: <a href="/en/detail.php?ELEMENT_ID=5012">Methodological Recommendations</a></p></main>`, map[string]string{"en": "https://example.org/en/detail.php?ELEMENT_ID=5012", "uk": "https://example.org/"}},
		{"a field of the versions", `<main><aside><dl><dt>Language</dt><dd>English</dd><dt>Other language versions</dt><dd><a href="/record/1843/posibnyk">Ukrainian</a></dd></dl></aside></main>`, map[string]string{"uk": "https://example.org/record/1843/posibnyk"}},
		{"a language's name in another field", `<main><aside><dl><dt>Subjects</dt><dd><a href="/search?fq=subject:english">English</a></dd></dl></aside></main>`, nil},
		{"a version's label before its title", `<main><p><em>English version: <a href="/parliamentary-oversight-martial-law/">Parliamentary Oversight under Martial Law: What Changed after February 2022 and What Did Not</a></em></p></main>`,
			map[string]string{"en": "https://example.org/parliamentary-oversight-martial-law/"}},
		{"a title after other words", `<main><p>See also our earlier paper: <a href="/earlier/">Parliamentary Oversight in Peacetime</a></p></main>`, nil},
		{"a version's label in bold", `<main><p><strong>Українська версія:</strong> <a href="/uk/kontrol/">Парламентський контроль в умовах воєнного стану</a></p></main>`,
			map[string]string{"uk": "https://example.org/uk/kontrol/"}},
		{"a sentence going on into the link", `<main><p>We also published the Ukrainian translation <a href="/law/">of the law on intelligence</a>.</p></main>`, nil},
		{"an interface's language, not followed", `<div class="lang"><a href="?lng=en" rel="nofollow">English</a> <a href="?lng=uk" rel="nofollow">Українська</a></div>`, nil},
		{"a file's version", `<main><p><a href="/f/x-en.pdf">English version</a></p></main>`, nil},
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

// parseAt parses an HTML page found at https://example.org/publication/x/.
func parseAt(t *testing.T, page string) *Page {
	t.Helper()
	p, err := Parse(strings.NewReader(page), "text/html; charset=utf-8", "https://example.org/publication/x/")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEmbeddedLinks: a page links what it embeds (iframe, frame, embed, object) and
// its image maps' areas, and a viewer link also the document it shows.
func TestEmbeddedLinks(t *testing.T) {
	const site = "https://example.org"
	for _, tt := range []struct {
		name, page      string
		pdfs, pageLinks []string
	}{
		{"iframe", `<html><body><main><iframe src="/wp-content/uploads/2020/01/a.pdf" width="100%" height="600"></iframe></main></body></html>`,
			[]string{site + "/wp-content/uploads/2020/01/a.pdf"}, nil},
		{"object", `<html><body><object data="/wp-content/uploads/2020/01/b.pdf" type="application/pdf"><p>Your browser cannot show PDFs. <a href="/wp-content/uploads/2020/01/b.pdf">Download</a></p></object></body></html>`,
			[]string{site + "/wp-content/uploads/2020/01/b.pdf"}, nil},
		{"embed", `<html><body><embed src="../../files/c.pdf" type="application/pdf"></body></html>`,
			[]string{site + "/files/c.pdf"}, nil},
		{"frameset", `<html><head><title>Library</title></head><frameset cols="20%,80%"><frame src="/menu.html"><frame src="/library/report-2019.html"></frameset></html>`,
			nil, []string{site + "/menu.html", site + "/library/report-2019.html"}},
		{"image map", `<html><body><img src="/map.png" usemap="#regions"><map name="regions"><area shape="rect" coords="0,0,10,10" href="/regions/kyiv/" alt="Kyiv"><area shape="rect" coords="10,0,20,10" href="/files/odesa.pdf" alt="Odesa"><area shape="default" nohref></map></body></html>`,
			[]string{site + "/files/odesa.pdf"}, []string{site + "/regions/kyiv/"}},
		{"pdf.js viewer in an iframe", `<html><body><iframe src="/wp-content/plugins/pdfjs-viewer-shortcode/pdfjs/web/viewer.php?file=/wp-content/uploads/2020/01/d.pdf&amp;download=true"></iframe></body></html>`,
			[]string{site + "/wp-content/uploads/2020/01/d.pdf"}, []string{site + "/wp-content/plugins/pdfjs-viewer-shortcode/pdfjs/web/viewer.php?file=/wp-content/uploads/2020/01/d.pdf&download=true"}},
		{"viewer link, escaped file relative to the viewer", `<html><body><a href="/pdfjs/web/viewer.html?file=..%2F..%2Ffiles%2Fe.pdf#page=2">Read online</a></body></html>`,
			[]string{site + "/files/e.pdf"}, []string{site + "/pdfjs/web/viewer.html?file=..%2F..%2Ffiles%2Fe.pdf"}},
		{"google viewer of an off-site PDF", `<html><body><iframe src="https://docs.google.com/viewer?url=https%3A%2F%2Fcdn.example.net%2Ff.pdf&amp;embedded=true"></iframe></body></html>`,
			[]string{"https://cdn.example.net/f.pdf"}, []string{"https://docs.google.com/viewer?url=https%3A%2F%2Fcdn.example.net%2Ff.pdf&embedded=true"}},
		{"Google Drive viewers", `<html><body><a href="https://drive.google.com/file/d/1AbC-dEf_123/view?usp=sharing">Brief</a> <a href="https://drive.google.com/open?id=9ZyX">Report</a>` +
			` <a href="https://docs.google.com/file/d/0B7x/edit">Old link</a> <a href="https://drive.google.com/drive/folders/1Qw">Folder</a></body></html>`,
			[]string{"https://drive.google.com/uc?export=download&id=1AbC-dEf_123", "https://drive.google.com/uc?export=download&id=9ZyX", "https://drive.google.com/uc?export=download&id=0B7x"},
			[]string{"https://drive.google.com/drive/folders/1Qw"}},
		{"viewer of a page of the site", `<html><body><a href="/viewer.html?DOC=/publications/report-2019/">View</a></body></html>`,
			nil, []string{site + "/viewer.html?DOC=/publications/report-2019/", site + "/publications/report-2019/"}},
		{"parameters that are no addresses", `<html><body><a href="/news/?src=homepage">News</a> <a href="/download.php?file=123">Get</a> <a href="/view.php?doc=4711">View</a></body></html>`,
			nil, []string{site + "/news/?src=homepage", site + "/download.php?file=123", site + "/view.php?doc=4711"}},
		{"share link naming another site's page", `<html><body><a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fnews.example.com%2Fa%2F">Tweet</a></body></html>`,
			nil, []string{"https://twitter.com/intent/tweet?url=https%3A%2F%2Fnews.example.com%2Fa%2F"}},
		// The PDF a journal's or a repository's page names in its head, whatever
		// its address looks like (OJS's /article/download/12/34).
		{"citation_pdf_url", `<html><head><meta name="citation_pdf_url" content="/index.php/journal/article/download/12/34"></head><body><p>An article.</p></body></html>`,
			[]string{site + "/index.php/journal/article/download/12/34"}, nil},
		{"PDF alternate", `<html><head><link rel="alternate" type="application/pdf" href="/bitstream/handle/123/4/report?sequence=1"></head><body><p>A record.</p></body></html>`,
			[]string{site + "/bitstream/handle/123/4/report?sequence=1"}, nil},
		{"PDF alternate, capitals", `<html><head><link rel="Alternate" type="Application/PDF" href="/files/g"><meta name="Citation_PDF_URL" content="/files/h"></head><body><p>A record.</p></body></html>`,
			[]string{site + "/files/g", site + "/files/h"}, nil},
		// Links a script follows.
		{"clickable card", `<html><body><div class="card" data-href="/publications/report-2019/"><h3>Report</h3></div><div data-url="files/r.pdf">PDF</div><div data-url="12345">no address</div>` +
			`<div data-url="/wp-admin/admin-ajax.php">x</div><div data-url="/uploads/photo.jpg">x</div><div data-href="https://www.facebook.com/sharer/sharer.php?u=x">x</div></body></html>`,
			[]string{site + "/publication/x/files/r.pdf"}, []string{site + "/publications/report-2019/"}},
		{"onclick", `<html><body><table><tr onclick="window.location.href='/docs/a/'"><td>A</td></tr></table><button onclick="window.open('/files/b.pdf', '_blank')">B</button><span onclick="toggle(this)">C</span></body></html>`,
			[]string{site + "/files/b.pdf"}, []string{site + "/docs/a/"}},
		{"jump menu", `<html><body><select onchange="location=this.value"><option value="">Year</option><option value="/archive/2019/">2019</option><option value="2020">2020</option></select></body></html>`,
			nil, []string{site + "/archive/2019/"}},
		{"garbage skipped", `<html><body><iframe src="/viewer.html?file=%zz.pdf"></iframe><iframe src="http://[::1"></iframe><embed src="javascript:void(0)"><object data=""></object><iframe srcdoc="<p>x</p>"></iframe><a href="/v.html?url=mailto:x@example.org&file=">x</a></body></html>`,
			nil, []string{site + "/viewer.html?file=%zz.pdf", site + "/v.html?url=mailto:x@example.org&file="}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := parseAt(t, tt.page).Links()
			if !reflect.DeepEqual(got.PDFLinks, tt.pdfs) || !reflect.DeepEqual(got.Links, tt.pageLinks) {
				t.Errorf("PDFLinks %q, Links %q\nwant %q, %q", got.PDFLinks, got.Links, tt.pdfs, tt.pageLinks)
			}
		})
	}
}

// TestParseRefresh: a refresh's content is read as browsers read it.
func TestParseRefresh(t *testing.T) {
	for _, tt := range []struct {
		content string
		delay   time.Duration
		target  string
		ok      bool
	}{
		{"0; url=/target/", 0, "/target/", true},
		{"0; URL='/new-report/'", 0, "/new-report/", true},
		{`0;url="/target/"`, 0, "/target/", true},
		{"5;/target/", 5 * time.Second, "/target/", true},
		{"  3 ; Url = /target/ ", 3 * time.Second, "/target/", true},
		{"0,url=/target/", 0, "/target/", true},
		{"1.5; url=/target/", time.Second, "/target/", true},
		{".5; url=/target/", 0, "/target/", true},
		{"0; url='/target/", 0, "/target/", true}, // unterminated quote
		{"0; url=/wrapped/long-\nname/", 0, "/wrapped/long-name/", true},
		{"0; urgent.html", 0, "urgent.html", true},
		{"0; url /target/\n", 0, "url /target/", true}, // no "=": all of it is the URL
		{"300", 300 * time.Second, "", true},           // a reload
		{"0; url=", 0, "", true},
		{"99999999999; url=/later/", (1<<31 - 1) * time.Second, "/later/", true},
		{"", 0, "", false},
		{"url=/target/", 0, "", false},
		{"-1; url=/target/", 0, "", false},
		{"5x; url=/target/", 0, "", false},
	} {
		delay, target, ok := ParseRefresh(tt.content)
		if delay != tt.delay || target != tt.target || ok != tt.ok {
			t.Errorf("ParseRefresh(%q) = %v, %q, %v; want %v, %q, %v", tt.content, delay, target, ok, tt.delay, tt.target, tt.ok)
		}
	}
}

// TestRefreshLink: a page's meta refresh is its Refresh, and a link of the page.
func TestRefreshLink(t *testing.T) {
	for _, tt := range []struct {
		name, head string
		refresh    string
		delay      time.Duration
		pdfs, more []string
	}{
		{"redirect", `<meta http-equiv="refresh" content="0; URL='/new-report/'">`,
			"https://example.org/new-report/", 0, nil, []string{"https://example.org/new-report/"}},
		{"upper case, no url=, to a PDF", `<META HTTP-EQUIV="Refresh" CONTENT="5;/files/report.pdf">`,
			"https://example.org/files/report.pdf", 5 * time.Second, []string{"https://example.org/files/report.pdf"}, nil},
		{"the first valid one counts", `<meta http-equiv="refresh" content="soon"><meta http-equiv=" refresh " content="2; url=../a/"><meta http-equiv="refresh" content="0; url=/b/">`,
			"https://example.org/publication/a/", 2 * time.Second, nil, []string{"https://example.org/publication/a/"}},
		{"reload", `<meta http-equiv="refresh" content="600">`, "", 0, nil, nil},
		{"another scheme", `<meta http-equiv="refresh" content="0; url=mailto:x@example.org">`, "", 0, nil, nil},
		{"garbage", `<meta http-equiv="refresh" content="0; url=http://[::1"><meta http-equiv="refresh"><meta http-equiv="content-type" content="text/html; charset=utf-8">`, "", 0, nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := parseAt(t, `<!DOCTYPE html><html><head>`+tt.head+`</head><body><p>Redirecting…</p></body></html>`).Links()
			if got.Refresh != tt.refresh || got.RefreshDelay != tt.delay || !reflect.DeepEqual(got.PDFLinks, tt.pdfs) || !reflect.DeepEqual(got.Links, tt.more) {
				t.Errorf("Refresh %q after %v, PDFLinks %q, Links %q\nwant %q after %v, %q, %q", got.Refresh, got.RefreshDelay, got.PDFLinks, got.Links, tt.refresh, tt.delay, tt.pdfs, tt.more)
			}
		})
	}
}

// TestAbsWhitespace: tabs and newlines inside a link, control characters and
// spaces around it, are dropped as browsers drop them.
func TestAbsWhitespace(t *testing.T) {
	p := parseAt(t, `<html><head><base href="
	/docs/
"></head><body></body></html>`)
	for _, tt := range []struct{ href, want string }{
		{"/publications/\nreport-2019/", "https://example.org/publications/report-2019/"},
		{"/publications/\r\n  report-2019/", "https://example.org/publications/%20%20report-2019/"}, // spaces stay, as in browsers
		{"/wrapped2/tab\tname/", "https://example.org/wrapped2/tabname/"},
		{"\t\r\n  a.pdf \n", "https://example.org/docs/a.pdf"},
		{"\x00\x1f/x/\x0c", "https://example.org/x/"},
		{"ht\ttp://example.com/y/", "http://example.com/y/"},
		{"java\nscript:alert(1)", ""},
		{"\n#top", ""},
		{"/uk/звіт/", "https://example.org/uk/%D0%B7%D0%B2%D1%96%D1%82/"},
	} {
		if got := p.Abs(tt.href); got != tt.want {
			t.Errorf("Abs(%q) = %q, want %q", tt.href, got, tt.want)
		}
	}
}

// TestNofollowLinks: links the publisher asks robots not to follow are left,
// unless they lead to a file (a download plugin marks its links so) or to a
// listing's next page.
func TestNofollowLinks(t *testing.T) {
	p := parseAt(t, `<!DOCTYPE html><html><body><main>
<a href="/Record/000123/Cite" rel="nofollow">Cite this</a>
<a href="/wp-login.php" rel="nofollow noopener">Log in</a>
<a href="/download/5/" rel="nofollow">Download the report</a>
<a href="/get?id=7" class="btn-download" rel="nofollow">Get it</a>
<a href="/files/report.pdf" rel="nofollow">Report</a>
<a href="/Record/000123/Holdings">Holdings</a>
<a href="/activity/publications/?PAGEN_1=2" rel="nofollow">2</a>
<a href="/news/page/3/" rel="nofollow">3</a>
</main></body></html>`)
	l := p.Links()
	want := []string{"https://example.org/download/5/", "https://example.org/get?id=7", "https://example.org/Record/000123/Holdings",
		"https://example.org/activity/publications/?PAGEN_1=2", "https://example.org/news/page/3/"}
	if !reflect.DeepEqual(l.Links, want) || !reflect.DeepEqual(l.PDFLinks, []string{"https://example.org/files/report.pdf"}) {
		t.Errorf("links %q and PDFs %q, want %q and the report", l.Links, l.PDFLinks, want)
	}
}

// TestFlipbookFiles: a flipbook's or a viewer's file, named in an attribute or
// its options' JSON rather than linked, is one of the page's PDFs; a script
// that sets no viewer's options names none.
func TestFlipbookFiles(t *testing.T) {
	page := `<html><body><div class="_df_book" source="/wp-content/uploads/2023/05/report.pdf"></div>` +
		`<div class="real3dflipbook" data-flipbook-options='{"pdfUrl":"https:\/\/ngo.example.org\/wp-content\/uploads\/2023\/06\/guide.pdf","lightBox":true}'></div>` +
		`<script>var option_df_77 = {"source":"http:\/\/ngo.example.org\/wp-content\/uploads\/2022\/01\/brief.pdf","height":600};</script>` +
		`<script>var related = ["https://ngo.example.org/wp-content/uploads/other.pdf"];</script></body></html>`
	p, err := Parse(strings.NewReader(page), "text/html", "https://ngo.example.org/2023/05/report/")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://ngo.example.org/wp-content/uploads/2023/05/report.pdf", "https://ngo.example.org/wp-content/uploads/2023/06/guide.pdf",
		"http://ngo.example.org/wp-content/uploads/2022/01/brief.pdf"}
	if got := p.Links().PDFLinks; !slices.Equal(got, want) {
		t.Errorf("PDFLinks %q, want %q", got, want)
	}
}

// TestDocsLinks: a Google Docs document's editor link is read as its PDF export;
// a document published to the web ("/d/e/…/pub") has none and stays a page.
func TestDocsLinks(t *testing.T) {
	page := `<html><body><a href="https://docs.google.com/document/d/1DoC-Id_9/edit?usp=sharing">paper</a>` +
		`<a href="https://docs.google.com/document/d/e/2PACX-1vQabc/pub">published</a></body></html>`
	p, err := Parse(strings.NewReader(page), "text/html", "https://ngo.example.org/")
	if err != nil {
		t.Fatal(err)
	}
	l := p.Links()
	if want := []string{"https://docs.google.com/document/d/1DoC-Id_9/export?format=pdf"}; !slices.Equal(l.PDFLinks, want) {
		t.Errorf("PDFLinks %q, want %q", l.PDFLinks, want)
	}
	if want := []string{"https://docs.google.com/document/d/e/2PACX-1vQabc/pub"}; !slices.Equal(l.Links, want) {
		t.Errorf("Links %q, want %q", l.Links, want)
	}
}
