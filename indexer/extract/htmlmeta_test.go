package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/ssgsearch/ssgsearch/data/vocab"
)

// page wraps head and body markup in a minimal page.
func page(lang, head, body string) string {
	return `<!DOCTYPE html><html lang="` + lang + `"><head><meta charset="utf-8"><title>Title tag – Some Site</title>` + head +
		`</head><body><header class="site-header"><p class="site-title"><a href="/">Some Site</a></p><nav><a href="/">Home</a></nav></header>` +
		body + `<footer class="site-footer"><p>© 2021 Some Site. Published by Nobody Centre.</p></footer></body></html>`
}

// TestHTMLMetadataSources checks each place a publisher puts a field, and where
// the field is said to come from.
func TestHTMLMetadataSources(t *testing.T) {
	article := func(inner string) string {
		return `<main><article><h1>The Heading Title</h1>` + inner +
			`<p>A paragraph long enough to be the publication's summary on its own page, which a reader sees first and which says what it covers.</p>` +
			`<p><a class="download" href="/files/report.pdf">Download (PDF)</a></p></article></main>`
	}
	tests := []struct {
		name       string
		html       string
		field      string
		want       string
		wantSource string
	}{
		// Structured metadata.
		{"citation title", page("en", `<meta name="citation_title" content="Citation Title">`, article("")), "title", "Citation Title", FromMeta},
		{"citation date", page("en", `<meta name="citation_publication_date" content="2019/05/14">`, article(`<p>Published: 1 June 2020</p>`)), "date", "2019-05-14", FromMeta},
		{"citation authors", page("en", `<meta name="citation_author" content="Keller, Thomas"><meta name="citation_author" content="Olena Marchenko">`, article("")), "authors", "Thomas Keller; Olena Marchenko", FromMeta},
		{"dublin core", page("en", `<meta name="DC.publisher" content="DC Institute"><meta name="DCTERMS.issued" content="2018-02-03">`, article("")), "publisher", "DC Institute", FromMeta},
		{"dcterms date", page("en", `<meta name="dcterms.issued" content="2018-02-03">`, article("")), "date", "2018-02-03", FromMeta},
		{"dc subject", page("en", `<meta name="DC.subject" content="Border management"><meta name="DC.subject" content="Police reform">`, article("")), "topics", "Border management; Police reform", FromMeta},
		{"json-ld report", page("uk", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"Report","name":"LD Title","datePublished":"2021-03-04","inLanguage":"ru","publisher":{"@type":"Organization","name":"LD Publisher"},"author":[{"@type":"Person","name":"Ann Lee"}],"about":[{"@type":"Thing","name":"Defence budget"}]}]}</script>`, article("")), "lang", "ru", FromMeta},
		{"json-ld publisher", page("en", `<script type="application/ld+json">{"@type":"Book","name":"LD Title","publisher":{"name":"LD Publisher"}}</script>`, article("")), "publisher", "LD Publisher", FromMeta},
		{"json-ld publisher by @id", page("en", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"https://example.org/#org","name":"Razumkov Centre"},{"@type":"Report","@id":"https://example.org/r#report","name":"LD Title","publisher":{"@id":"https://example.org/#org"},"author":[{"@id":"https://example.org/#ann"}]},{"@type":"Person","@id":"https://example.org/#ann","name":"Ann Lee"}]}</script>`, article("")), "publisher", "Razumkov Centre", FromMeta},
		{"json-ld author by @id", page("en", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Report","@id":"https://example.org/r#report","name":"LD Title","author":[{"@id":"https://example.org/#ann"}]},{"@type":"Person","@id":"https://example.org/#ann","name":"Ann Lee"}]}</script>`, article("")), "authors", "Ann Lee", FromMeta},
		{"json-ld about", page("en", `<script type="application/ld+json">{"@type":"Report","name":"T","about":[{"name":"Defence budget"},"Audit"]}</script>`, article("")), "topics", "Defence budget; Audit", FromMeta},
		{"microdata", page("en", "", `<main><div itemscope itemtype="https://schema.org/Report"><h1 itemprop="name">Micro Title</h1><meta itemprop="datePublished" content="2017-07-07"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ivan Petrenko</span></span></div></main>`), "authors", "Ivan Petrenko", FromMeta},
		{"microdata date", page("en", "", `<main><div itemscope itemtype="https://schema.org/CreativeWork"><h1 itemprop="name">Micro Title</h1><time itemprop="datePublished" datetime="2017-07-07">7 July</time></div></main>`), "date", "2017-07-07", FromMeta},
		// What the page shows.
		{"labelled line", page("en", "", article(`<p>Publisher: Line Publisher</p>`)), "publisher", "Line Publisher", FromLabel},
		{"label in strong", page("en", "", article(`<p><strong>Published by</strong> Strong Publisher</p>`)), "publisher", "Strong Publisher", FromLabel},
		{"definition list", page("en", "", article(`<dl><dt>Document type</dt><dd>Policy brief</dd><dt>Published</dt><dd>12 March 2021</dd></dl>`)), "type", "Policy brief", FromLabel},
		{"definition list date", page("en", "", article(`<dl><dt>Date of publication</dt><dd>12 March 2021</dd></dl>`)), "date", "2021-03-12", FromLabel},
		{"table header cell", page("en", "", article(`<table><tr><th>Publication type</th><td>Toolkit</td></tr></table>`)), "type", "Toolkit", FromLabel},
		{"table label cell", page("en", "", article(`<table class="pubdata"><tr><td>Publisher:</td><td>Table Publisher</td></tr></table>`)), "publisher", "Table Publisher", FromLabel},
		{"dublin core record", page("en", "", article(`<table><tr><td>dc.date.accessioned</td><td>2021-01-15T10:22:33Z</td></tr><tr><td>dc.date.issued</td><td>2017-06</td></tr><tr><td>dc.type</td><td>Working Paper</td></tr></table>`)), "date", "2017-06-01", FromLabel},
		{"dublin core record type", page("en", "", article(`<table><tr><td>dc.date.issued</td><td>2017-06</td></tr><tr><td>dc.type</td><td>Working Paper</td></tr></table>`)), "type", "Working Paper", FromLabel},
		{"ukrainian labels", page("uk", "", article(`<p>Видавець: Центр досліджень</p><p>Автори: Олена Марченко та Іван Петренко</p>`)), "authors", "Олена Марченко; Іван Петренко", FromLabel},
		{"by and a year is no author", page("en", "", article(`<p>By 2030, the Ministry of Defence plans to meet NATO standards.</p><p>Authors: Olena Marchenko, Taras Kuzio</p>`)), "authors", "Olena Marchenko; Taras Kuzio", FromLabel},
		{"written by", page("en", "", article(`<dl><dd class="createdby">Written by Ann Lee, Bo Chan</dd></dl>`)), "authors", "Ann Lee; Bo Chan", FromLabel},
		{"publisher sentence", page("en", "", article(`<p>This publication was prepared by the Kyiv Institute for Defence Policy.</p>`)), "publisher", "Kyiv Institute for Defence Policy", FromLabel},
		{"publisher sentence uk", page("uk", "", article(`<p>Видавець цієї публікації — Мережа «Гендер і безпека».</p>`)), "publisher", "Мережа «Гендер і безпека»", FromLabel},
		{"publisher before its funder", page("en", "", article(`<p>This publication was produced by the UCSS with the support of the European Union.</p>`)), "publisher", "UCSS", FromLabel},
		{"publisher before a long funder", page("en", "", article(`<p>The study was prepared by the Razumkov Centre with the financial support of the Embassy of the Kingdom of the Netherlands in Ukraine and of the Ministry of Foreign Affairs of Finland.</p>`)), "publisher", "Razumkov Centre", FromLabel},
		{"publisher sentence uk without a dash", page("uk", "", article(`<p>Видання підготовлено науково-дослідним центром «Безпека» за підтримки Міжнародного фонду «Відродження».</p>`)), "publisher", "науково-дослідний центр «Безпека»", FromLabel},
		{"author is no publisher", page("en", "", article(`<p>This report was prepared by Olena Marchenko.</p>`)), "publisher", "", ""},
		{"type badge by class", page("en", "", `<main><article><span class="pub-type">Annual report</span><h1>Title</h1></article></main>`), "type", "Annual report", FromLabel},
		{"type badge by name", page("en", "", `<main><article><div class="meta"><span class="kicker-x">Toolkit</span></div><h1>Title</h1></article></main>`), "type", "Toolkit", FromLabel},
		{"drupal field label and item", page("en", "", `<main><article><h1>Title</h1><div class="field field--name-field-publication-type field--type-entity-reference field--label-inline"><div class="field__label">Publication type</div><div class="field__item">Toolkit</div></div></article></main>`), "type", "Toolkit", FromLabel},
		{"drupal field kinds name no type", page("en", "", `<main><article><h1>Title</h1><div class="field field-name-field-date field-type-datetime field-label-inline"><div class="field-label">Date of publication:&nbsp;</div><div class="field-items"><div class="field-item even">12.03.2019</div></div></div></article></main>`), "type", "", ""},
		{"drupal date field", page("en", "", `<main><article><h1>Title</h1><div class="field field-name-field-date field-type-datetime field-label-inline"><div class="field-label">Date of publication:&nbsp;</div><div class="field-items"><div class="field-item even">12.03.2019</div></div></div></article></main>`), "date", "2019-03-12", FromLabel},
		{"drupal authors field", page("en", "", `<main><article><h1>Title</h1><div class="field field--name-field-authors field--type-string field--label-above"><div class="field__label">Authors</div><div class="field__items"><div class="field__item">Olena Marchenko</div><div class="field__item">Taras Kuzio</div></div></div></article></main>`), "authors", "Olena Marchenko; Taras Kuzio", FromLabel},
		{"grid label and value", page("uk", "", article(`<div class="row"><div class="col-4">Дата:</div><div class="col-8">15.03.2021 р.</div></div>`)), "date", "2021-03-15", FromLabel},
		{"a related item's title is no badge", page("en", "", `<main><article><header><span class="entry__category">Analysis</span><h1>Civilian Control of Territorial Defence</h1></header><div class="matrix"><p>Text of the page.</p><div class="related"><h3>Read also</h3><ul><li><a href="/en/publications/guide">Reporting on the Security Sector</a></li><li><a href="/en/publications/annual-report-2023">Annual Report 2023</a></li></ul></div></div></article></main>`), "type", "", ""},
		{"no badge for other words", page("en", "", `<main><article><span class="label">Featured</span><h1>Title</h1></article></main>`), "type", "", ""},
		{"breadcrumb section", page("en", "", `<main><nav class="breadcrumbs"><a href="/">Home</a> › <a href="/publications/">Publications</a> › <a href="/publications/handbooks/">Handbooks</a></nav><article><h1>Title</h1><p>Text of the page that is long enough.</p></article></main>`), "type", "Handbooks", FromLabel},
		{"type archive link", page("en", "", `<main><nav class="breadcrumb"><a href="/en/publication-type/handbook">Handbook</a></nav><article><h1>Title</h1><p>Text of the page that is long enough.</p></article></main>`), "type", "Handbook", FromLabel},
		{"category names the type", page("en", "", article(`<dl><dd>Category: <a href="/index.php?view=category&id=13">Handbooks</a></dd></dl>`)), "type", "Handbooks", FromLabel},
		{"time beside the title", page("en", "", `<main><article><div><time datetime="2016-10-01">1 October</time></div><h1>Title</h1></article></main>`), "date", "2016-10-01", FromLabel},
		{"rel tag topics", page("en", `<meta name="citation_keywords" content="ssr; seo words">`, article(`<a rel="tag" href="/topic/anti-corruption/">Anti-corruption</a> <a rel="tag" href="/topic/police/">Police reform</a>`)), "topics", "Anti-corruption; Police reform", FromLabel},
		{"a tag naming a type is no topic", page("en", "", article(`<a rel="tag" href="/tag/handbook/">Handbook</a> <a rel="tag" href="/tag/police/">Police reform</a>`)), "topics", "Police reform", FromLabel},
		{"a tag naming a type gives it", page("en", "", article(`<a rel="tag" href="/tag/handbook/">Handbook</a> <a rel="tag" href="/tag/police/">Police reform</a>`)), "type", "Handbook", FromLabel},
		{"a labelled tag naming a type is no topic", page("en", "", article(`<p class="tags-links">Tags: <a href="/tag/handbook/" rel="tag">Handbook</a>, <a href="/tag/police/" rel="tag">Police reform</a></p>`)), "topics", "Police reform", FromLabel},
		{"topic archive links", page("en", "", article(`<p>Themes: <a href="/en/themes/gender">Gender and security</a></p>`)), "topics", "Gender and security", FromLabel},
		{"visible language", page("uk", "", article(`<dl><dt>Language</dt><dd>Русский</dd></dl>`)), "lang", "ru", FromLabel},
		{"the versions name the page, its title in another script", page("uk", `<link rel="alternate" hreflang="en" href="https://example.org/publication/x/"><link rel="alternate" hreflang="uk" href="https://example.org/en/publication/x/">`, `<main><article><h1>Toolkit for Civil Society Monitoring of Police Reform</h1><p>`+strings.Repeat("The toolkit helps civil society organisations monitor the police reform in their communities and report on it. ", 4)+`</p></article></main>`), "lang", "en", FromWords},
		{"the versions name the page", page("en", `<link rel="alternate" hreflang="uk" href="https://example.org/publikatsii/tro"><link rel="alternate" hreflang="en" href="https://example.org/en/publication/x/">`, article(`<p>`+strings.Repeat("Підрозділи територіальної оборони сформовано в кожній громаді у 2022 році, але місцеві ради не мають впливу на їх застосування. ", 4)+`</p>`)), "lang", "en", FromMeta},
		{"a list of the versions is no language", page("uk", "", article(`<dl><dt>Мови</dt><dd><a href="/en/x">English</a> | <a href="/en/x?sc_lang=uk">Українська</a></dd></dl><p>`+strings.Repeat("Інтеграція гендерних підходів у діяльність поліції означає аналіз того, як поліцейська діяльність по-різному впливає на жінок і чоловіків. ", 4)+`</p>`)), "lang", "uk", FromWords},
		// Weaker sources.
		{"visible date over the post date", page("en", `<meta property="article:published_time" content="2023-01-01T10:00:00+00:00">`, article(`<p>Published: <time datetime="2012-04-05">5 April 2012</time></p>`)), "date", "2012-04-05", FromLabel},
		{"post date when nothing else", page("en", `<meta property="article:published_time" content="2023-01-01T10:00:00+00:00">`, `<main><article><h1>T</h1><p>Text.</p></article></main>`), "date", "2023-01-01", FromMeta},
		{"generic CMS article below the page", page("en", `<script type="application/ld+json">{"@type":"Article","headline":"T","datePublished":"2024-09-09","author":{"name":"admin"}}</script>`, article(`<p>Date: 3 May 2010</p>`)), "date", "2010-05-03", FromLabel},
		{"a CMS login is no author", page("en", `<meta name="author" content="webeditor"><script type="application/ld+json">{"@type":"Article","headline":"T","author":{"name":"admin"}}</script>`, article("")), "authors", "", ""},
		{"a post's author who is a person", page("en", `<script type="application/ld+json">{"@type":"Article","headline":"T","author":{"name":"Olena Marchenko"}}</script>`, article("")), "authors", "Olena Marchenko", FromMeta},
		{"a heading over a paragraph is no label", page("en", "", article(`<p><strong>Format</strong></p><p>The handbook is available in print and as a PDF for download.</p><p><a href="/publication-type/handbook/">Handbook</a></p>`)), "type", "Handbook", FromLabel},
		{"a bio is no author", page("en", "", article(`<div><div class="box-title">Author</div><div class="bio"><p>Olena Marchenko is a senior researcher at the centre, working on oversight.</p></div></div>`)), "authors", "", ""},
		{"a language menu is no language", page("en", "", `<main><article><h1>Title</h1><p>`+strings.Repeat("The committee held hearings on the defence budget and on procurement. ", 5)+`</p></article><aside><div class="widget-title">Language</div><div><a href="/uk/">Українська</a></div></aside></main>`), "lang", "en", FromWords},
		{"initials without a space", page("uk", "", article(`<p>By О.Марченко, І.Петренко</p>`)), "authors", "О.Марченко; І.Петренко", FromLabel},
		{"an organisation as author", page("en", `<meta name="author" content="DCAF">`, article("")), "authors", "DCAF", FromLabel},
		{"a funder clause is no publisher", page("uk", "", article(`<p>Видання підготовлено за підтримки Міжнародного фонду «Відродження».</p>`)), "publisher", "", ""},
		{"a page about its own organisation has no such topic", page("en", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"https://example.org/#org","name":"Razumkov Centre"},{"@type":"Report","name":"LD Title","about":{"@id":"https://example.org/#org"}}]}</script>`, article("")), "topics", "", ""},
		{"h1 as title", page("en", "", article("")), "title", "The Heading Title", FromLabel},
		{"infobox list of authors", page("en", "", article(`<table class="infobox"><tr><th>Authors</th><td><div class="plainlist"><ul><li>Hanna Shelest</li><li>Oleksiy Melnyk</li></ul></div></td></tr></table>`)), "authors", "Hanna Shelest; Oleksiy Melnyk", FromLabel},
		{"definition list of authors", page("en", "", article(`<dl><dt>Authors</dt><dd>Hanna Shelest<br>Oleksiy Melnyk</dd></dl>`)), "authors", "Hanna Shelest; Oleksiy Melnyk", FromLabel},
		{"blog post's date heading", `<html><head><title>Police Watch: Community Policing: Five Cities Compared</title></head><body><div class="widget Blog"><div class="date-outer"><h2 class="date-header"><span>Tuesday, 14 May 2019</span></h2><div class="date-posts"><div class="post-outer"><div class="post"><h3 class="post-title">Community Policing: Five Cities Compared</h3><div class="post-body">Text of the post that is long enough to read as the prose of a page on its own, and longer still.</div></div></div></div></div></div></body></html>`, "date", "2019-05-14", FromLabel},
		{"blog post's title after the blog's", `<html><head><title>Police Watch: Community Policing: Five Cities Compared</title></head><body><div class="widget Blog"><div class="post"><h3 class="post-title">Community Policing: Five Cities Compared</h3><div class="post-body">Text of the post that is long enough to read as the prose of a page on its own, and longer still.</div></div></div></body></html>`, "title", "Community Policing: Five Cities Compared", FromLabel},
		{"a site builder's kicker above its title", `<html><head><title>ITT report</title></head><body><div class="t-cover"><div class="t001__uptitle t-uptitle" field="subtitle">REPORT · NOVEMBER 2023</div><div class="t001__title t-title t-title_xl" field="title">Human Rights in Temporary Detention Facilities</div></div><div class="t-text">In 2023 our monitoring group made unannounced visits to police temporary detention facilities in twelve regions.</div></body></html>`, "title", "Human Rights in Temporary Detention Facilities", FromLabel},
		{"a cover's title classed so is no kicker", `<html><head><title>ITT report</title></head><body><div class="t-cover"><div class="cover-title">Human Rights in Temporary Detention Facilities</div></div><div class="t-text">In 2023 our monitoring group made unannounced visits to police temporary detention facilities in twelve regions.</div></body></html>`, "title", "Human Rights in Temporary Detention Facilities", FromLabel},
		{"a kicker of a type and an edition is no title", `<html><head><title>Посібник</title></head><body><div class="cover"><div class="lead-title">ПОСІБНИК · ДРУГЕ ВИДАННЯ · 2024</div><div class="big-title">Поліція під час мирних зібрань</div></div><p>Друге видання посібника враховує особливості проведення зібрань в умовах воєнного стану, а також нові правила.</p></body></html>`, "title", "Поліція під час мирних зібрань", FromLabel},
		{"blog post's labels in its footer", `<html><head><title>Police Watch: Community Policing</title></head><body><div class="widget Blog"><div class="post"><h3 class="post-title">Community Policing</h3><div class="post-body">Text of the post that is long enough to read as the prose of a page on its own, and longer still.</div><div class="post-footer"><span class="post-labels">Labels: <a href="/search/label/reports" rel="tag">reports</a>, <a href="/search/label/police" rel="tag">police</a></span></div></div></div></body></html>`, "topics", "police", FromLabel},
		{"a CMS account in a labelled line is no author", page("uk", "", article(`<dl class="article-info"><dd class="createdby"><span class="icon-user"></span> Автор: <span>Super User</span></dd></dl>`)), "authors", "", ""},
		{"a CMS account in microdata is no author", page("uk", "", `<main><div itemscope itemtype="https://schema.org/Article"><h2 itemprop="headline">Посібник</h2><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Super User</span></span><p>Текст.</p></div></main>`), "authors", "", ""},
		{"a login in a byline is no author", page("en", "", article(`<div class="entry-meta"><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/admin/">admin</a></span></span></div>`)), "authors", "", ""},
		{"author cards with roles", page("en", "", article(`<ul class="authors"><li class="author"><a class="author__name" href="/experts/olena-ivanova">Olena Ivanova</a><span class="author__role">Senior Research Fellow, Security Programme</span></li><li class="author"><a class="author__name" href="/experts/taras-melnyk">Taras Melnyk</a><span class="author__role">Associate Fellow, King’s College London</span></li></ul>`)), "authors", "Olena Ivanova; Taras Melnyk", FromLabel},
		{"authors with a particle in Cyrillic", page("uk", "", article(`<p>Автори: Лариса Бойко, Ян де Фріс</p>`)), "authors", "Лариса Бойко; Ян де Фріс", FromLabel},
		{"authors with their roles", page("uk", "", article(`<p>Автори: Олена Іваненко, старша аналітикиня Фонду; Петро Сидоренко, експерт з питань безпеки</p>`)), "authors", "Олена Іваненко; Петро Сидоренко", FromLabel},
		{"a date label by its words", page("en", "", article(`<div class="field field--name-field-year-published field--type-integer field--label-inline"><div class="field__label">Year published</div><div class="field__item">2019</div></div>`)), "date", "2019-01-01", FromLabel},
		{"a date label by its words in Ukrainian", page("uk", "", article(`<dl><dt>Дата випуску</dt><dd>12.III.2019</dd></dl>`)), "date", "2019-03-12", FromLabel},
		{"a label line with its date is no label", page("uk", "", article(`<ul class="meta"><li>Тип: Аналітична записка</li><li>Дата: 15.03.2021 р.</li></ul>`)), "date", "2021-03-15", FromLabel},
		{"an update's date label is no publication date", page("en", "", article(`<dl><dt>Date last updated</dt><dd>3 May 2023</dd></dl>`)), "date", "", ""},
		{"a section's h1 over the element's heading", `<html><head><title>Стан демократичного цивільного контролю</title></head><body><div class="content"><h1 id="pagetitle">Аналітичні доповіді</h1><div class="news-detail"><span class="news-date-time">07.12.2021 11:30</span><h3>Стан демократичного цивільного контролю</h3><div class="news-detail-text"><p>Текст доповіді.</p></div></div></div></body></html>`, "title", "Стан демократичного цивільного контролю", FromLabel},
		{"a heading the title tag shortens", `<html><head><title>Police Reform Monitoring 2020 | Kharkiv Hub</title><meta property="og:site_name" content="Kharkiv Hub"></head><body><main><div class="rich-text"><h2 class="font_2">Police Reform Monitoring: Annual Report 2020</h2></div><p>Text of the report's page.</p></main></body></html>`, "title", "Police Reform Monitoring: Annual Report 2020", FromLabel},
		{"authors and et al.", page("en", "", article(`<p>Authors: Olena Marchenko, Ivan Petrenko, et al.</p>`)), "authors", "Olena Marchenko; Ivan Petrenko", FromLabel},
		{"an author and a role in capitals", page("en", "", article(`<p>Author: John Smith, Head of Research</p>`)), "authors", "John Smith", FromLabel},
		{"authors and their roles by and", page("en", "", article(`<p>Authors: Olena Ivanenko, senior analyst and Petro Sydorenko, expert</p>`)), "authors", "Olena Ivanenko; Petro Sydorenko", FromLabel},
		{"et before a name is no et al.", page("fr", "", article(`<p>Authors: Pierre Dupont et Alexandre Martin</p>`)), "authors", "", ""},
		{"a date label with of", page("en", "", article(`<dl><dt>Date of issue</dt><dd>3 May 2021</dd></dl>`)), "date", "2021-05-03", FromLabel},
		{"an h-card's organisation is no author", page("en", "", article(`<div class="author"><span class="fn">Ann Lee</span>, <span class="fn org">Razumkov Centre</span></div>`)), "authors", "Ann Lee", FromLabel},
		{"authors with particles", page("en", "", article(`<p>Authors: Ann Lee, Maria dos Santos and Ahmed al-Hassan</p>`)), "authors", "Ann Lee; Maria dos Santos; Ahmed al-Hassan", FromLabel},
		{"an event's date label is no publication date", page("uk", "", article(`<dl><dt>Дата проведення</dt><dd>12.03.2021</dd></dl>`)), "date", "", ""},
		{"a review's date label is no publication date", page("en", "", article(`<dl><dt>Next review date</dt><dd>1 March 2025</dd></dl>`)), "date", "", ""},
		{"a publisher's location is no publisher", page("en", "", article(`<dl><dt>Publisher location</dt><dd>Kyiv</dd><dt>Publisher</dt><dd>Razumkov Centre</dd></dl>`)), "publisher", "Razumkov Centre", FromLabel},
		{"an EPrints monograph's kind", `<html><head><title>Assessment</title><meta name="DC.type" content="Monograph"><meta name="eprints.type" content="monograph"><meta name="eprints.monograph_type" content="technical_report"></head><body><main><h1>Assessment</h1><p>Text of the record, long enough.</p></main></body></html>`, "type", "technical report", FromMeta},
		{"an h-card's name in parts", page("en", "", article(`<div class="author h-card"><span class="p-given-name">Ann</span> <span class="p-family-name">Lee</span></div>`)), "authors", "Ann Lee", FromLabel},
		{"an author's organisation beside the name", page("en", "", article(`<div class="author"><span class="author-name">Ann Lee</span>, <span class="org-name">Razumkov Centre</span></div>`)), "authors", "Ann Lee", FromLabel},
		{"the edition the <title> names, not an earlier one's heading", `<html><head><title>Police Reform Monitoring 2020 | Kharkiv Hub</title></head><body><main><aside><h3>Police Reform Monitoring 2019</h3></aside><h2>Police Reform Monitoring 2020: Annual Report</h2><p>Only text, long enough to be a page of its own.</p></main></body></html>`, "title", "Police Reform Monitoring 2020: Annual Report", FromLabel},
		{"open graph title without the site", `<html><head><title>Police Reform Monitoring 2020 | Kharkiv Hub</title><meta property="og:title" content="Police Reform Monitoring 2020 | Kharkiv Hub"><meta property="og:site_name" content="Kharkiv Hub"></head><body><main><p>Only text, no heading, long enough to be a page.</p></main></body></html>`, "title", "Police Reform Monitoring 2020", FromMeta},
		{"a catalogue's heading completed by its title field", `<html><head><title>Record</title></head><body><div id="main"><h1 class="record-title">Strengthening national ownership of security sector reform :</h1><div class="metadata-row"><span class="title">Title</span><span class="value">Strengthening national ownership of security sector reform : report of the Secretary-General</span></div><p>Text.</p></div></body></html>`, "title", "Strengthening national ownership of security sector reform: report of the Secretary-General", FromLabel},
		{"a catalogue's heading without its trailing colon", page("en", "", `<main><article><h1>Security sector reform in Ukraine :</h1><p>Text.</p></article></main>`), "title", "Security sector reform in Ukraine", FromLabel},
		{"a type kicker heading above the title", page("en", "", `<main><div class="sqs-html-content"><h3>Research Report</h3><h1>Women in the Armed Forces</h1><p>June 2021</p><p>Text.</p></div></main>`), "type", "Research Report", FromLabel},
		{"a post's section naming its type", page("uk", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","@id":"https://example.org/p#webpage","name":"Оборонна реформа"},{"@type":"BlogPosting","headline":"Оборонна реформа","articleSection":"Аналітика, Звіти","author":{"name":"Оксана Редактор"}}]}</script>`, `<main><article><h1>Оборонна реформа</h1><p>Текст.</p></article></main>`), "type", "Звіти", FromMeta},
		{"article:section naming the type", page("en", `<meta property="article:section" content="Policy Briefs">`, `<main><article><h1>Title</h1><p>Text.</p></article></main>`), "type", "Policy Briefs", FromMeta},
		{"a label with what it is of", page("uk", "", article(`<p>Автори звіту: Олександр Ковальчук та Марія Шевченко.</p>`)), "authors", "Олександр Ковальчук; Марія Шевченко", FromLabel},
		{"a format label is no type", page("en", "", `<main><article><h1>Appeals to the police</h1><ul><li><a href="/r/1">Annual figures <span class="format-label">PDF</span></a></li></ul><p>Text.</p></article></main>`), "type", "", ""},
		// Site shapes the rules were not written for (a probe of 19 pages of other
		// CMSs, repositories and catalogues).
		{"a logo h1 is no title", `<html><head><title>Razumkov Centre</title></head><body><div id="header"><h1 id="logo"><a href="/">Razumkov Centre</a></h1></div><div id="content"><h2 class="contentheading">Civil-Military Relations in Ukraine</h2><p>Text.</p></div></body></html>`, "title", "Civil-Military Relations in Ukraine", FromLabel},
		{"an h1 linking a listing is no title", `<html><head><title>Publications - White Book 2020</title></head><body><div id="titlerow"><h1><a href="/Publications/Forms/AllItems.aspx">Publications</a></h1></div><table><tr><td><h3>Title</h3></td><td>White Book 2020: Defence Policy of Ukraine</td></tr><tr><td><h3>Issuing Body</h3></td><td>Ministry of Defence of Ukraine</td></tr></table></body></html>`, "title", "White Book 2020: Defence Policy of Ukraine", FromLabel},
		{"an h1 linking the page itself however spelt", `<html><head><title>News – Centre</title></head><body><main><article><h1><a href="http://EXAMPLE.org/en/publication/x">Annual report of the committee</a></h1><p>Text.</p></article></main></body></html>`, "title", "Annual report of the committee", FromLabel},
		{"an h1 linking the page with other escapes", `<html><head><title>News – Centre</title></head><body><main><article><h1><a href="https://example.org/en/publication/%78/">Звіт про діяльність</a></h1><p>Текст.</p></article></main></body></html>`, "title", "Звіт про діяльність", FromLabel},
		{"an h1 linking its file", `<html><head><title>Library – Centre</title></head><body><main><article><h1><a href="/files/annual-report-2021.pdf">Annual report of the committee</a></h1><p>Text.</p></article></main></body></html>`, "title", "Annual report of the committee", FromLabel},
		{"the site's name in a heading is no title", `<html><head><title>Civil-Military Relations in Ukraine - Razumkov Centre</title></head><body><div id="header"><h2 class="sitename"><a href="/">Razumkov Centre</a></h2></div><div id="content"><h2 class="contentheading">Civil-Military Relations in Ukraine</h2><p>Text.</p></div></body></html>`, "title", "Civil-Military Relations in Ukraine", FromLabel},
		{"a section's heading is no title", `<html><head><title>Publications: Oversight of Intelligence Services in Europe</title></head><body><div id="content"><h2>Publications</h2><p>Text.</p></div></body></html>`, "title", "Publications: Oversight of Intelligence Services in Europe", FromLabel},
		{"posted on", page("en", "", `<main><article><h1>Annual report</h1><div class="entry-meta"><span class="posted-on">3 March 2021</span></div></article></main>`), "date", "2021-03-03", FromLabel},
		{"a title in two languages", page("uk", "", `<main><article><h1>Україна / НАТО</h1><p>Текст.</p></article></main>`), "title", "Україна / НАТО", FromLabel},
		{"a list of references is no description of the page", page("uk", "", `<main><article><h1>Парламентський контроль</h1><h2>Список використаних джерел</h2><ol><li>Демократичний цивільний контроль : навч. посіб. / за ред. О. Марченко. — Київ : Фенікс, 2009. — 212 с.</li><li>Безпека в регіоні / Г. Шелест. — Одеса : Астропринт, 2015. — 180 с.</li></ol></article></main>`), "publisher", "", ""},
		{"a section's heading over paragraphs is no label", page("en", "", `<main><article><h1>Training course</h1><p>Text.</p><h3>Format</h3><p>Three-day residential course</p><h3>Audience</h3><p>Members of parliament.</p></article></main>`), "type", "", ""},
		{"site | title", `<html><head><title>Geneva Centre for Security Sector Governance | Annual Report 2021</title></head><body><div id="content"><h2>Annual Report 2021</h2><p>Text.</p></div></body></html>`, "title", "Annual Report 2021", FromLabel},
		{"a catalogue's heading with its authors", page("en", "", `<main><article><h1>Parliamentary oversight / Olena Marchenko, Ivan Petrenko</h1></article></main>`), "title", "Parliamentary oversight", FromLabel},
		{"field headings one after another", page("en", "", `<main><article><h1>Defence procurement</h1><div><h4>Publisher</h4><p>Razumkov Centre</p><h4>Authors</h4><p>Olena Marchenko</p></div></article></main>`), "authors", "Olena Marchenko", FromLabel},
		{"field headings one after another, first", page("en", "", `<main><article><h1>Defence procurement</h1><div><h4>Publisher</h4><p>Razumkov Centre</p><h4>Authors</h4><p>Olena Marchenko</p></div></article></main>`), "publisher", "Razumkov Centre", FromLabel},
		{"a labelled description in its own element", page("uk", "", `<main><article><h1>Контроль</h1><p><strong>Бібліографічний опис:</strong> <span>Контроль : навч. посіб. / за ред. О. Марченко. — Київ : Фенікс, 2019. — 212 с.</span></p></article></main>`), "publisher", "Фенікс", FromLabel},
		{"an organisation with a slash", page("en", "", article(`<p>This publication was prepared by the OSCE/ODIHR.</p>`)), "publisher", "OSCE/ODIHR", FromLabel},
		{"issuing body", `<html><head><title>Publications - White Book 2020</title></head><body><table><tr><td><h3>Issuing Body</h3></td><td>Ministry of Defence of Ukraine</td></tr></table></body></html>`, "publisher", "Ministry of Defence of Ukraine", FromLabel},
		{"site: title", `<html><head><title>Centre for European Security: Integrity in Defence Procurement</title></head><body><div class="news-single-item"><div class="news-single-timedata">12.10.18 14:35</div><h2>Integrity in Defence Procurement</h2><p>Text.</p></div></body></html>`, "title", "Integrity in Defence Procurement", FromLabel},
		{"two-digit year and time", `<html><head><title>Centre for European Security: Integrity in Defence Procurement</title></head><body><div class="news-single-item"><div class="news-single-timedata">12.10.18 14:35</div><h2>Integrity in Defence Procurement</h2><p>Text.</p></div></body></html>`, "date", "2018-10-12", FromLabel},
		{"subtitle", page("en", "", `<main><article><h1>Civilian Control of the Armed Forces</h1><p class="subtitle">Lessons from Five Years of Reform</p></article></main>`), "title", "Civilian Control of the Armed Forces: Lessons from Five Years of Reform", FromLabel},
		{"a subtitle that is a sentence describing the post", page("en", "", `<main><article><h1>Who audits the drones? Our new report is out</h1><h3 class="subtitle">A ten-month look at how unmanned aerial vehicles are bought for the army and who checks the contracts.</h3></article></main>`), "title", "Who audits the drones? Our new report is out", FromLabel},
		{"a series' number after its type", page("en", "", `<main><article><header><p class="kicker">Policy Brief No. 12</p><h1>Civilian Control</h1></header></article></main>`), "type", "Policy Brief", FromLabel},
		{"season", page("en", "", `<main><article><header><h1>Civilian Control</h1><ul class="meta"><li><span class="date">Spring 2019</span></li></ul></header></article></main>`), "date", "2019-01-01", FromLabel},
		{"the first of two dates", page("en", "", article(`<p class="post-meta">Published: 3 March 2021 | Updated: 12 January 2023</p>`)), "date", "2021-03-03", FromLabel},
		{"heading labels", page("en", "", article(`<div class="element"><h3>Creator</h3><div class="element-text">Shelest, Hanna</div><div class="element-text">Gerasymchuk, Serhiy</div></div><div class="element"><h3>Publisher</h3><div class="element-text">Foreign Policy Council</div></div>`)), "authors", "Hanna Shelest; Serhiy Gerasymchuk", FromLabel},
		{"heading label type", page("en", "", article(`<div><h5>Type</h5><div>Working Paper</div></div>`)), "type", "Working Paper", FromLabel},
		{"ukrainian compilers", page("uk", "", article(`<p>Упорядники: О. Резнікова, Д. Бобро</p>`)), "authors", "О. Резнікова; Д. Бобро", FromLabel},
		{"a login in DC.creator is no author", page("en", `<meta name="DC.creator" content="okrasnova">`, article("")), "authors", "", ""},
		{"DC.creator surname first", page("en", `<meta name="DC.creator" content="Bielieskov, Mykola">`, article("")), "authors", "Mykola Bielieskov", FromMeta},
		{"a name's full stop", page("en", "", article(`<p>Authors: Hanna Shelest.</p>`)), "authors", "Hanna Shelest", FromLabel},
		{"an initial's full stop", page("uk", "", article(`<p>Автори: Бондар І. П.</p>`)), "authors", "Бондар І. П.", FromLabel},
		{"joint publication", page("en", "", article(`<p>A joint publication of the Geneva Centre for Security Sector Governance (DCAF) and the Razumkov Centre.</p>`)), "publisher", "Geneva Centre for Security Sector Governance (DCAF) and the Razumkov Centre", FromLabel},
		{"bibliographic description", page("uk", "", article(`<p><strong>Бібліографічний опис:</strong> Демократичний контроль : навч. посіб. / за ред. О. Марченко. — Київ : Фенікс, 2019. — 212 с.</p>`)), "publisher", "Фенікс", FromLabel},
		{"bibliographic description's type", page("uk", "", article(`<p>Демократичний контроль : навч. посіб. / за ред. О. Марченко. — Київ : Фенікс, 2019. — 212 с.</p>`)), "type", "Навчальний посібник", FromLabel},
		{"bibliographic description's editor", page("uk", "", article(`<p>Демократичний контроль : навч. посіб. / за ред. О. Марченко. — Київ : Фенікс, 2019. — 212 с.</p>`)), "authors", "О. Марченко", FromLabel},
		{"publication details", page("en", "", article(`<p><span class="label">Publication details: </span>Kyiv : Razumkov Centre, 2016.</p>`)), "publisher", "Razumkov Centre", FromLabel},
		{"a statement of responsibility is no title", page("en", "", `<main><article><h1>Security sector reform in Ukraine : challenges and prospects / <span>edited by Hanna Shelest.</span></h1></article></main>`), "title", "Security sector reform in Ukraine: challenges and prospects", FromLabel},
		{"title tag without the site", page("en", "", `<main><div><p>Only text, no heading, long enough to be a page.</p></div></main>`), "title", "Title tag", FromLabel},
		{"text language over the theme's", page("uk", "", `<main><article><h1>Title</h1><p>`+strings.Repeat("The committee held hearings on the defence budget and on procurement. ", 5)+`</p></article></main>`), "lang", "en", FromWords},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := HTML(strings.NewReader(tt.html), "text/html", "https://example.org/en/publication/x/")
			if err != nil {
				t.Fatal(err)
			}
			m := res.Meta
			var got string
			switch tt.field {
			case "title":
				got = m.Title
			case "date":
				if !m.Date.IsZero() {
					got = m.Date.Format("2006-01-02")
				}
			case "publisher":
				got = m.Publisher
			case "type":
				got = m.Type
			case "lang":
				got = m.Lang
			case "authors":
				got = strings.Join(m.Authors, "; ")
			case "topics":
				got = strings.Join(m.Topics, "; ")
			}
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.field, got, tt.want)
			}
			if tt.want != "" && m.Sources[tt.field] != tt.wantSource {
				t.Errorf("%s came from %q, want %q", tt.field, m.Sources[tt.field], tt.wantSource)
			}
		})
	}
}

// TestHTMLListings: pages that list items are recognised whatever their markup,
// and pages that present one item are not, even with a list of related items.
func TestHTMLListings(t *testing.T) {
	teasers := func(n int, item string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.ReplaceAll(item, "N", string(rune('a'+i))))
		}
		return b.String()
	}
	article := `<article class="post-N"><h2><a href="/publication/N/">Publication N on defence oversight and budgets</a></h2><p>A summary of publication N cut off after a few lines … <a href="/publication/N/">read more</a></p></article>`
	card := `<div class="col-md-4"><div class="card"><h3 class="card-title"><a href="/en/resources/N">Resource N on security sector governance</a></h3><p class="card-text">A teaser of resource N …</p><a href="/en/resources/N">Details</a></div></div>`
	row := `<div class="views-row"><div class="views-field-title"><a href="/en/publications/N">Views row N on border management reform</a></div><div class="views-field-body">Body of row N, cut.</div></div>`
	blog := `<div class="items-row cols-2"><div class="item column-1"><h2><a href="/index.php?id=N1&view=article">Blog item N1 on police reform and accountability</a></h2><p>Intro N1.</p><p class="readmore"><a href="/index.php?id=N1&view=article&Itemid=101">Read more: Blog item N1</a></p></div>` +
		`<div class="item column-2"><h2><a href="/index.php?id=N2&view=article">Blog item N2 on police reform and accountability</a></h2><p>Intro N2.</p><p class="readmore"><a href="/index.php?id=N2&view=article&Itemid=101">Read more: Blog item N2</a></p></div></div>`
	long := strings.Repeat("Parliamentary committees scrutinise the defence budget and hold hearings with the ministry. ", 12)
	tests := []struct {
		name    string
		body    string
		listing bool
	}{
		{"archive of articles", `<main><h1>Publications</h1>` + teasers(6, article) + `<nav class="pagination"><a href="/publication/page/2/">2</a></nav></main>`, true},
		{"grid of cards", `<div class="container"><h1>Resources</h1><div class="row">` + teasers(6, card) + `</div><ul class="pagination"><li><a href="?page=2">2</a></li></ul></div>`, true},
		{"views rows", `<main><h1>Handbook</h1>` + teasers(4, row) + `</main>`, true},
		{"blog rows of two", `<div id="main"><h1>Handbooks</h1><div class="blog">` + teasers(3, blog) + `</div></div>`, true},
		{"last page of an archive", `<main><h1>Publications</h1>` + teasers(1, article) + `</main>`, true},
		{"a single views row", `<main><h1>Guide</h1>` + teasers(1, row) + `</main>`, true},
		{"short titles on a page whose body class names anchors", `<main class="has-anchor-nav"><h1>Briefs</h1>` + teasers(5, `<div class="brief"><h3><a href="/briefs/N/">Budget N</a> <span>Policy brief, 12 March 2021</span></h3><p>Summary N.</p></div>`) + `</main>`, true},
		{"short titles beside their details in the headings", `<main><h1>Briefs</h1>` + teasers(5, `<div class="brief"><h3><a href="/briefs/N/">Budget N</a> <span>Policy brief, 12 March 2021, PDF 2 MB</span></h3><p>Summary N.</p></div>`) + `</main>`, true},
		{"empty archive", `<main><h1>Events</h1></main>`, true},
		{"empty view beside a cookie banner", `<main><h1>Мероприятия</h1><div class="view"><div class="view-empty">Материалы не найдены.</div></div></main><div class="eu-cookie-compliance-banner"><div class="popup-content eu-cookie-compliance-content"><p>Мы используем файлы cookie, чтобы сделать работу с сайтом удобнее. Нажимая кнопку «Принять», вы соглашаетесь на их использование.</p></div></div>`, true},
		{"empty view", `<main><h1>Мероприятия</h1><div class="view"><div class="view-empty">Материалы не найдены.</div></div></main>`, true},
		{"no posts found", `<main><h1>Topic: Budgets</h1><p>Sorry, no posts were found.</p></main>`, true},
		{"an empty taxonomy term", `<main><h1>Survey</h1><p>There is currently no content classified with this term.</p><a href="/taxonomy/term/10/feed">Subscribe to Survey</a></main>`, true},
		{"an empty taxonomy term, uk", `<main><h1>Опитування</h1><p>Наразі немає вмісту, класифікованого цим терміном.</p></main>`, true},
		{"register of documents in a table", `<div class="content"><h1>Документи Комітету</h1><table><tr><th>Дата</th><th>Назва документа</th><th>Файл</th></tr>` +
			teasers(5, `<tr><td>22.02.2022</td><td>Звіт Комітету N про діяльність</td><td><a href="/uploads/N.pdf">PDF, 45 КБ</a></td></tr>`) + `</table></div>`, true},
		{"catalogue with a featured item's file", `<main><h1>Catalogue</h1><div class="featured"><b>Featured:</b> <a href="/items/x">Gender and Security Toolkit</a> — <a href="/files/x.pdf">PDF</a></div><ol>` +
			teasers(4, `<li class="record"><a href="/items/N">Record N on the governance of the security sector</a><br>Koval, Olena · 2021 · Guide</li>`) + `</ol></main>`, true},
		// Pages of one item whose parts look like teasers.
		{"wiki article with section edit links", `<main><h1>Overseeing the Security Services</h1><div class="mw-parser-output"><p>` + long + `</p><h2><span class="mw-headline">Reception</span><span class="mw-editsection">[<a href="/index.php?title=Overseeing&action=edit&section=1">edit</a>]</span></h2><p>` + long + `</p></div></main>`, false},
		{"page whose one heading links elsewhere", `<div class="content"><h2>About <a href="/about/">the Defence Oversight Project</a></h2><p>` + long + `</p></div>`, false},
		{"blog post in widget wrappers", `<div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="date-outer"><h2 class="date-header"><span>Tuesday, 14 May 2019</span></h2><div class="post hentry"><h3 class="post-title">Community Policing in Five Cities</h3><div class="post-body">` + long + `<br><a href="/docs/report.pdf">Download the report (PDF)</a></div><div class="post-footer"><span class="post-labels">Labels: <a href="/search/label/reports" rel="tag">reports</a></span></div></div></div></div></div>`, false},
		{"publication with related items", `<main><article><h1>A handbook</h1><p>` + long + `</p><p><a class="download" href="/files/h.pdf">Download PDF</a></p></article><section class="related"><h2>Related</h2>` + teasers(3, article) + `</section></main>`, false},
		{"publication with few words and related cards", `<main><article><h1>A brief</h1><p>Short summary.</p><p><a href="/files/b.pdf">Download</a></p></article>` + teasers(4, card) + `</main>`, false},
		{"explainer above a list", `<main><article><h1>Parliamentary oversight</h1><p>` + long + long + `</p></article><section><h2>Publications on this topic</h2>` + teasers(4, article) + `</section></main>`, false},
		{"publication with its author linked beside its file", `<main><h1>Police reform in practice</h1><p>A short summary of the brief.</p><p>Author: <a href="/experts/olena-koval">Olena Petrivna Koval</a> · <a href="/files/brief.pdf">PDF</a></p>` +
			teasers(3, `<div class="related-item"><h3><a href="/publication/N/">Related publication N on police reform</a></h3></div>`) + `</main>`, false},
		{"annual report's parts in a short table", `<main><h1>Annual Report 2019</h1><p>Short.</p><table>` +
			teasers(3, `<tr><td>Full report, version N</td><td><a href="/files/r-N.pdf">Download</a></td></tr>`) + `</table></main>`, false},
		{"publication with its parts in a table", `<main><article><h1>Defence procurement in wartime</h1><p>` + long + `</p><table>` +
			teasers(3, `<tr><td>Part N of the report</td><td><a href="/files/part-N.pdf">PDF, 2 MB</a></td></tr>`) + `</table></article></main>`, false},
		{"event linking one publication", `<main><article><h1>Launch of the handbook</h1><p>` + long + `</p><p>Related publications: <a href="/publication/h/">The handbook on parliamentary oversight</a></p></article></main>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := HTML(strings.NewReader(page("en", "", tt.body)), "text/html", "https://example.org/publication/")
			if err != nil {
				t.Fatal(err)
			}
			if res.Meta.Listing != tt.listing {
				t.Errorf("listing = %v, want %v", res.Meta.Listing, tt.listing)
			}
		})
	}
}

// TestHTMLLanguageVersions: translations are found from hreflang, from a language
// switch's lang attribute or link text, and from flag images.
func TestHTMLLanguageVersions(t *testing.T) {
	body := `<div class="lang-inline"><a href="/uk/x"><img src="uk.gif" alt="Українська"></a><a href="/ru/x" title="Русский (RU)"><img src="ru.gif"></a></div>` +
		`<div class="langs"><a lang="de" href="/de/x">Deutsch</a></div><main><article><h1>T</h1><p>Text.</p></article></main>`
	res, err := HTML(strings.NewReader(page("en", `<link rel="alternate" hreflang="fr" href="/fr/x">`, body)), "text/html", "https://example.org/en/x")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for l, u := range res.Meta.Alternates {
		got = append(got, l+"="+u)
	}
	slices.Sort(got)
	want := []string{"de=https://example.org/de/x", "fr=https://example.org/fr/x", "ru=https://example.org/ru/x", "uk=https://example.org/uk/x"}
	if !slices.Equal(got, want) {
		t.Errorf("alternates %v, want %v", got, want)
	}
}

// TestDatePosted: a date that says when the page was posted (a generic post's
// structured date, OpenGraph's, a <time> among the post's details) is marked so,
// for a PDF's earlier year to win; a labelled publication date is not.
func TestDatePosted(t *testing.T) {
	body := func(inner string) string {
		return `<main><article><h1>Guide to Police Oversight</h1>` + inner + `<p>Text of the page that is long enough to read as a page of its own.</p></article></main>`
	}
	for _, tt := range []struct {
		name, head, body string
		date             string
		posted           bool
	}{
		{"post meta time", "", body(`<div class="entry-meta">Posted on <time datetime="2024-02-01">1 February 2024</time> by admin</div>`), "2024-02-01", true},
		{"posted on words", "", body(`<p><span>Posted on</span> <time datetime="2024-02-01">1 February 2024</time></p>`), "2024-02-01", true},
		{"open graph", `<meta property="article:published_time" content="2023-01-01T10:00:00+00:00">`, body(""), "2023-01-01", true},
		{"labelled publication date", `<meta property="article:published_time" content="2023-01-01T10:00:00+00:00">`, body(`<p>Date of publication: 12.03.2019</p>`), "2019-03-12", false},
		{"time beside the title", "", body(`<time datetime="2016-10-01">1 October 2016</time>`), "2016-10-01", false},
		{"date class in Ukrainian", "", body(`<span class="pub-date">15 березня 2021 р.</span>`), "2021-03-15", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := HTML(strings.NewReader(page("en", tt.head, tt.body)), "text/html", "https://example.org/publications/guide/")
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Meta.Date.Format("2006-01-02"); got != tt.date || res.Meta.DatePosted != tt.posted {
				t.Errorf("date %s, posted %v; want %s, %v", got, res.Meta.DatePosted, tt.date, tt.posted)
			}
		})
	}
}

// TestChromeNamed: class and id names of site chrome, whole words or within
// them; not a content element's own footer or share line, nor a post whose
// taxonomy classes name chrome words.
func TestChromeNamed(t *testing.T) {
	for _, tt := range []struct {
		class string
		want  bool
	}{
		{"main-menu", true},
		{"footerLinks", true},
		{"site-header", true},
		{"widget", true},
		{"cookieconsent", true},
		{"CybotCookiebotDialog", true},
		{"sharedaddy sd-sharing-enabled", true},
		{"language-switcher-language-url block block-language", true},
		{"sidebar-content", false},
		{"sidebar sidebar-content", true},
		{"post-footer", false},
		{"entry-share", false},
		{"widget Blog", true}, // the name "widget" is chrome; the prose guard keeps the posts
		{"post-a post type-post hentry category-comment tag-social-media", false},
	} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<div class="` + tt.class + `">x</div>`))
		if err != nil {
			t.Fatal(err)
		}
		if got := chromeNamed(doc.Find("div")); got != tt.want {
			t.Errorf("chromeNamed(%q) = %v, want %v", tt.class, got, tt.want)
		}
	}
}

// TestAnnouncement: a page that says when and where is an event's, and one filed
// among events (by a category, or by its address in the site's language:
// "/veranstaltungen/", "/zakhody/"); one that says where it was published is
// not.
func TestAnnouncement(t *testing.T) {
	for _, tt := range []struct {
		body  string
		event bool
	}{
		{`<p>When: 5 February 2024, 10:00–13:00. Where: Ukraine Crisis Media Centre, Kyiv.</p><p>Join us for the presentation of the handbook.</p>`, true},
		{`<ul><li>Коли: 5 лютого 2024</li><li>Де: Київ, Український кризовий медіа-центр</li></ul><p>Запрошуємо на презентацію посібника.</p>`, true},
		{`<p>Category: Events</p><p>The presentation of the handbook.</p>`, true},
		{`<p>Category: News, Publications</p><p>A handbook on parliamentary oversight.</p>`, false},
		{`<p>Категорія: Новинки</p><p>Посібник з парламентського контролю.</p>`, false},
		{`<p>The index is I = A / B, where: A is the number of complaints. An officer may use force only when: (a) it is necessary.</p>`, false},
		{`<p>Показник обчислюють за формулою I = A / B, де: A — кількість скарг. Показник застосовується, коли: є дані.</p>`, false},
		{`<p>Місце видання: Київ. Рік: 2019.</p><p>A handbook on the ombudsman and the armed forces.</p>`, false},
		{`<p>When the parliament meets: the rules of procedure.</p><p>Where oversight fails, and why.</p>`, false},
		// A post filed under events by its category link; not one filed under news.
		{`<p class="post-meta">by CSSI | Jan 10, 2024 | <a href="/category/events/" rel="category tag">Events</a></p><p>The presentation of the handbook.</p>`, true},
		{`<p class="post-meta">by CSSI | Jan 10, 2024 | <a href="/category/news/" rel="category tag">News</a></p><p>CSSI is looking for a Programme Officer to join its Kyiv team.</p>`, false},
		{`<p class="post-meta"><a href="/category/novyny/" rel="category tag">Новини</a></p><p>Ми шукаємо координатора проєктів.</p>`, false},
	} {
		page := `<!DOCTYPE html><html><head><title>Presentation of the handbook</title></head><body><main><article><h1>Presentation of the handbook</h1>` + tt.body + `</article></main></body></html>`
		r, err := HTML(strings.NewReader(page), "text/html; charset=utf-8", "https://example.org/2024/02/05/presentation/")
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Meta.Kind == vocab.Event; got != tt.event {
			t.Errorf("%.40q: event %v, want %v", tt.body, got, tt.event)
		}
	}
	// Filed among events by its address, in the site's language.
	for u, event := range map[string]bool{
		"https://www.example-stiftung.org.ua/veranstaltungen/detail/?tx_news_pi1[news]=301": true,
		"https://oda.example.gov.ua/zakhody/kruhlyi-stil/":                                  true,
		"https://example.org.ua/події/kruhlyi-stil/":                                        true,
		"https://example.org/publications/round-table-report/":                              false,
	} {
		page := `<!DOCTYPE html><html><head><title>Round table</title></head><body><main><article><h1>Round table</h1><p>The round table discussed the handbook.</p></article></main></body></html>`
		r, err := HTML(strings.NewReader(page), "text/html; charset=utf-8", u)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Meta.Kind == vocab.Event; got != event {
			t.Errorf("%s: event %v, want %v", u, got, event)
		}
	}
}

// TestCookieBanner: a consent banner outside the content is chrome even when its
// sentence is the page's only prose (an empty listing's page): the page is a
// listing, its text the heading and the message.
func TestCookieBanner(t *testing.T) {
	page := `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Мероприятия | Хаб</title></head><body>` +
		`<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation"><h2 class="visually-hidden">Навигационная цепочка</h2><ol><li><a href="/ru">Главная</a></li></ol></nav></div>` +
		`<main><h1>Мероприятия</h1><div class="view"><div class="view-empty">Материалы не найдены.</div></div></main>` +
		`<div class="eu-cookie-compliance-banner"><div class="popup-content eu-cookie-compliance-content"><p>Мы используем файлы cookie, чтобы сделать работу с сайтом удобнее. Нажимая кнопку «Принять», вы соглашаетесь на их использование.</p></div></div></body></html>`
	r, err := HTML(strings.NewReader(page), "text/html; charset=utf-8", "https://hub.example.org/ru/events")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Meta.Listing || len(r.Pages) == 0 || strings.Contains(r.Pages[0].Text, "cookie") {
		t.Errorf("listing %v, pages %+v; want a listing without the banner", r.Meta.Listing, r.Pages)
	}
}

// TestSiteOrganisation: the organisation a site names itself for, by its name
// or its footer's copyright holder; a portal's, a library's or a section's name
// is none, and so is a photograph's credit in an article's footer.
func TestSiteOrganisation(t *testing.T) {
	for _, tt := range []struct{ name, footer, want string }{
		{"Razumkov Centre", "", "Razumkov Centre"},
		{"Фонд «Демократичні ініціативи»", "", "Фонд «Демократичні ініціативи»"},
		{"Democratic Security Sector Governance", "", ""},
		{"NEWS", "", ""},
		{"", "", ""},
		{"Бібліотека з демократичного врядування сектором безпеки", "© 2021 Бібліотека з демократичного врядування сектором безпеки. Усі права захищено.", ""},
		{"", "© 2007–2024 Інститут Горшеніна. Усі права захищені. Київ", "Інститут Горшеніна"},
		{"Security Sector Reform Blog", "<p>© Friedrich-Ebert-Stiftung 2024</p><p><a href=/imprint>Imprint</a> | Data protection</p>", "Friedrich-Ebert-Stiftung"},
		{"", "Copyright © 2019-2023 Razumkov Centre, all rights reserved", "Razumkov Centre"},
		{"", "NATO Defense College · Via Giorgio Pelosi 1, Rome · © 2024 NDC", ""},
		{"", "© 2024 Фундація «Безпека і право». Made on Tilda", "Фундація «Безпека і право»"},
		// A state body: an administration, an assembly, a service.
		{"", "© 2008–2024 Полтавська обласна державна адміністрація. Усі права захищено.", "Полтавська обласна державна адміністрація"},
		{"Parliamentary Assembly for Security Cooperation", "", "Parliamentary Assembly for Security Cooperation"},
		{"", "© 2024 Державна прикордонна служба України", "Державна прикордонна служба України"},
		{"ГО «Громадський щит»", "", "ГО «Громадський щит»"},
		{"", "© 2023 NGO Veterans Reform Platform", "NGO Veterans Reform Platform"},
		{"", "<p>© 2024 Black Sea Governance Lab. All rights reserved.</p>", "Black Sea Governance Lab"},
		{"ГО «Лабораторія безпекових реформ»", "", "ГО «Лабораторія безпекових реформ»"},
		{"Ветеранська платформа реформ", "", ""}, // a platform's name alone, as a title's words
		{"Платформа для діалогу між поліцією і громадою", "", ""},
		{"Платформа «Безпека громад»", "", "Платформа «Безпека громад»"},
		{"", "© 2024 Комунальне підприємство «Муніципальна варта»", "Комунальне підприємство «Муніципальна варта»"},
		{"Громадський щит", "", ""}, // a name alone says no organisation
		{"БОРОТЬБА з корупцією", "", ""},
		{"", `<div class="post"><div class="photo-copyright">© UNDP Ukraine</div></div>`, ""},
	} {
		footer := tt.footer
		if !strings.HasPrefix(footer, `<div class="post">`) {
			footer = `<div class="site-footer">` + footer + `</div>`
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><body><main><article><p>Text.</p><footer>Photo © UNDP Ukraine</footer></article></main>` + footer + `</body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		if got := siteOrganisation(tt.name, copyrightHolder(doc.Find("body"))); got != tt.want {
			t.Errorf("siteOrganisation(%q, footer %q) = %q, want %q", tt.name, tt.footer, got, tt.want)
		}
	}
}

// TestPageWrappedInForm: a page wrapped in one form (ASP.NET WebForms wraps
// every page so) keeps its content; a search box's form does not add to it.
func TestPageWrappedInForm(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Committee on National Security</title></head><body>` +
		`<div class="search"><form action="/search"><label>Search the site</label><input name="q"></form></div>` +
		`<form name="aspnetForm" method="post" action="./ViewDoc.aspx?id=2071" id="aspnetForm">` +
		`<input type="hidden" name="__VIEWSTATE" value="x"><div class="header">Committee on National Security</div>` +
		`<table><tr><td><h2>Annual report of the Committee for 2020</h2></td></tr><tr><td>The committee held 48 meetings in 2020, considered 112 bills and heard the reports of the heads of the security and defence agencies.</td></tr>` +
		`<tr><td><a href="/Files/GetFile.aspx?id=2071&amp;type=pdf">The report (PDF)</a></td></tr></table></form></body></html>`
	r, err := HTML(strings.NewReader(page), "text/html", "https://committee.example.gov.ua/ViewDoc.aspx?id=2071")
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Listing || !strings.Contains(r.Text(), "held 48 meetings") || strings.Contains(r.Text(), "Search the site") {
		t.Errorf("listing %v, text %q; want the page's content without the search box", r.Meta.Listing, r.Text())
	}
}

// TestPageBuilderPost: a post built of a page builder's widgets (Elementor
// names every block "elementor-widget") keeps its heading, text and download,
// and a related post's teaser under it, the page's one article, is not taken
// for its content.
func TestPageBuilderPost(t *testing.T) {
	const pdf = "https://prism.example.org.ua/wp-content/uploads/2022/02/Pidsumky_2021_UA.pdf"
	page := `<!DOCTYPE html><html lang="uk"><head><title>Зовнішньополітичні підсумки 2021 року - Українська призма</title></head>` +
		`<body class="single single-post elementor-default"><div data-elementor-type="header" class="elementor elementor-location-header"><nav class="elementor-nav-menu"><a href="/">Головна</a> <a href="/about/">Про нас</a></nav></div>` +
		`<div class="elementor elementor-210 elementor-location-single post-8812 post type-post category-doslidzhennia">` +
		`<div class="elementor-element elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h1 class="elementor-heading-title">Зовнішньополітичні підсумки 2021 року</h1></div></div>` +
		`<div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><p>Аналітики «Української призми» оцінили зовнішньополітичні досягнення та провали України у 2021 році за п’ятьма напрямами.</p></div></div>` +
		`<div class="elementor-element elementor-widget elementor-widget-button"><div class="elementor-widget-container"><a href="` + pdf + `" class="elementor-button-link elementor-button">Завантажити</a></div></div>` +
		`<div class="elementor-element elementor-widget elementor-widget-posts"><h2>Схожі публікації</h2><article class="elementor-post"><h3 class="elementor-post__title"><a href="/zovnishnopolitychni-pidsumky-2020/">Зовнішньополітичні підсумки 2020 року</a></h3><span class="elementor-post-date">15.02.2021</span></article></div>` +
		`</div><footer class="elementor-location-footer"><p>© 2024 Українська призма.</p></footer></body></html>`
	r, err := HTML(strings.NewReader(page), "text/html", "https://prism.example.org.ua/zovnishnopolitychni-pidsumky-2021/")
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Listing || r.Meta.Title != "Зовнішньополітичні підсумки 2021 року" || !strings.Contains(r.Text(), "Аналітики «Української призми»") ||
		strings.Contains(r.Text(), "2020 року") || !slices.Contains(r.Meta.MainPDFs, pdf) {
		t.Errorf("listing %v, title %q, PDFs %q, text %q; want the post's", r.Meta.Listing, r.Meta.Title, r.Meta.MainPDFs, r.Text())
	}
}

// TestTitlesOfTemplates: the title as templates show it: a subtitle in the
// node's first field (Drupal) or a lead that reads as one joins the heading, a
// lead that is a sentence does not; without an <h1>, the heading or title
// element before the prose is the title (a long name above it is no prose), and
// a heading after the prose is not; a site's year label before a title goes; an
// h1's title wins over a site's name its header sets as a heading.
func TestTitlesOfTemplates(t *testing.T) {
	const prose = "<p>The toolkit explains how members of parliament can oversee the intelligence services, their budgets and their use of special powers.</p>"
	for _, tt := range []struct{ name, title, body, want string }{
		{"Drupal subtitle field", "Parliamentary Oversight of Intelligence | DCAF",
			`<h1 id="page-title">Parliamentary Oversight of Intelligence</h1><div class="node node-publication"><div class="field field-name-field-subtitle"><div class="field-items"><div class="field-item">A Toolkit for Members of the Verkhovna Rada</div></div></div>` + prose + `</div>`,
			"Parliamentary Oversight of Intelligence: A Toolkit for Members of the Verkhovna Rada"},
		{"lead as subtitle", "Громадський контроль над сектором безпеки",
			`<main><h1>Громадський контроль над сектором безпеки</h1><p class="lead">Посібник для громадських організацій</p>` + prose + `</main>`,
			"Громадський контроль над сектором безпеки: Посібник для громадських організацій"},
		{"lead as a sentence", "Security Sector Oversight",
			`<main><h1>Security Sector Oversight</h1><p class="lead">A toolkit for civil society.</p>` + prose + `</main>`,
			"Security Sector Oversight"},
		{"no h1: a heading before the prose", "NATO Defense College - Research - Policy Brief No. 12",
			`<div id="content"><div class="news-cat">Policy Brief</div><h2 class="title-news">Resilience and Deterrence: Lessons from Ukraine's Territorial Defence</h2>` + prose + `</div>`,
			"Resilience and Deterrence: Lessons from Ukraine's Territorial Defence"},
		{"no h1: a title element under a long name", "Committee on National Security, Defence and Intelligence",
			`<div class="header"><span>Committee of the Verkhovna Rada of Ukraine on National Security, Defence and Intelligence</span></div><table><tr><td><span id="ctl00_lblTitle">Report on the Committee's Work in 2020</span></td></tr><tr><td>` + prose + `</td></tr></table>`,
			"Report on the Committee's Work in 2020"},
		{"a journal's name in the header after an article's title", "Civil Control of the Police - Journal of Security Studies",
			`<div class="header"><a href="/"><img src="/logo.png" alt="Logo"></a><div class="journal-name"><h2>Journal of Security Studies</h2></div></div><div class="col-md-9"><h1 class="art-title">Civil Control of the Police</h1>` + prose + `</div>`,
			"Civil Control of the Police"},
		{"a year label", "2019 - Ukraine's Defence Reform | NATO PA", `<main><h1>2019 - Ukraine's Defence Reform</h1>` + prose + `</main>`, "Ukraine's Defence Reform"},
		{"a period", "2014 – 2024: Ten Years of Reform", `<main><h1>2014 – 2024: Ten Years of Reform</h1>` + prose + `</main>`, "2014 – 2024: Ten Years of Reform"},
		{"no h1: a sidebar's block and a dateline before the prose", "Parliamentary oversight toolkit",
			`<div class="row"><div class="col-md-3"><div class="block-title">Latest news from the Centre</div></div><div class="col-md-9"><div class="date-title">12 March 2021, Kyiv, Ukraine</div>` + prose + `</div></div>`,
			"Parliamentary oversight toolkit"},
		{"lead as a byline", "Security Sector Oversight",
			`<main><h1>Security Sector Oversight</h1><p class="lead">By Olena Koval and Ivan Petrenko</p>` + prose + `</main>`,
			"Security Sector Oversight"},
		{"a year as the subject", "2022 — рік повномасштабної війни: виклики для сектору безпеки",
			`<main><h1>2022 — рік повномасштабної війни: виклики для сектору безпеки</h1>` + prose + `</main>`,
			"2022 — рік повномасштабної війни: виклики для сектору безпеки"},
		{"no h1: a heading after the prose", "Parliamentary Oversight of Intelligence",
			`<div id="content">` + prose + `<h2>Other publications in the series</h2></div>`,
			"Parliamentary Oversight of Intelligence"},
	} {
		page := `<!DOCTYPE html><html lang="en"><head><title>` + tt.title + `</title></head><body>` + tt.body + `</body></html>`
		r, err := HTML(strings.NewReader(page), "text/html", "https://example.org/publications/x/")
		if err != nil {
			t.Fatal(err)
		}
		if r.Meta.Title != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, r.Meta.Title, tt.want)
		}
	}
}

// TestListingAddresses: a site search's results and a site's or a language's
// home page (in a display mode too: "?special=1") are listings by their
// addresses.
func TestListingAddresses(t *testing.T) {
	for u, want := range map[string][2]bool{ // search, home
		"https://example.org/?s=police":                            {true, false},
		"https://example.org/search?q=звіт":                        {true, false},
		"https://example.org/uk/poshuk/?query=budget":              {true, false},
		"https://example.org/":                                     {false, true},
		"https://example.org/index.html":                           {false, true},
		"https://example.org/uk/":                                  {false, true},
		"https://example.org/en-gb/index.php":                      {false, true},
		"https://example.org/publications/":                        {false, false},
		"https://example.org/index.php?option=com_content":         {false, false},
		"https://example.org/research/?q=1&id=5":                   {false, false},
		"https://example.org/?q=node/758":                          {false, false},
		"https://oda.example.gov.ua/en/?special=1":                 {false, true},
		"https://example.org/?lang=uk":                             {false, true},
		"https://example.org/?p=123":                               {false, false},
		"https://example.org/?p=1":                                 {false, false},
		"https://example.org/?page_id=1":                           {false, false},
		"https://example.org/index.php?page=police":                {false, false},
		"https://ngo.example.org/home":                             {false, true},
		"https://sites.google.com/view/vartovi-hromady/home":       {false, true},
		"https://sites.google.com/view/vartovi-hromady":            {false, true},
		"https://sites.google.com/view/vartovi-hromady/публікації": {false, false},
		"https://example.org/news/home-front-volunteers/":          {false, false},
	} {
		if got := [2]bool{searchResults(u), HomePage(u)}; got != want {
			t.Errorf("%s: search, home = %v, want %v", u, got, want)
		}
	}
}

// TestNominative: a Ukrainian name a sentence gives in the instrumental
// ("підготовлено X") is put in the nominative up to its first noun; one in
// another case, one reaching no noun, a Russian one or one in Latin letters is
// left as it is.
func TestNominative(t *testing.T) {
	for in, want := range map[string]string{
		"Полтавською обласною державною адміністрацією":                          "Полтавська обласна державна адміністрація",
		"Управлінням з питань цивільного захисту населення облдержадміністрації": "Управління з питань цивільного захисту населення облдержадміністрації",
		"Центром політико-правових реформ":                                       "Центр політико-правових реформ",
		"Національним інститутом стратегічних досліджень":                        "Національний інститут стратегічних досліджень",
		"Міністерством оборони України":                                          "Міністерство оборони України",
		"Головним управлінням Національної поліції":                              "Головне управління Національної поліції",
		"Службою безпеки України":                                                "Служба безпеки України",
		"Асоціацією правників України":                                           "Асоціація правників України",
		"Громадською організацією «Центр моніторингу»":                           "Громадська організація «Центр моніторингу»",
		"Центром Разумкова":                                                      "Центр Разумкова",
		"Министерством обороны":                                                  "Министерством обороны", // Russian: left
		"Полтавской областной государственной администрацией":                    "Полтавской областной государственной администрацией",
		"Головним": "Головним", // no noun reached
		"Центр політико-правових реформ": "Центр політико-правових реформ",
		"ГО «Центр протидії корупції»":   "ГО «Центр протидії корупції»",
		"Razumkov Centre": "Razumkov Centre",
	} {
		if got := nominative(in); got != want {
			t.Errorf("nominative(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestQueryLanguage: a site that serves its versions by a query parameter names
// the page's language in its address, though its untranslated menus and footer
// outweigh the words of a short text; not a site with no versions.
func TestQueryLanguage(t *testing.T) {
	body := page("uk", "", `<table><tr><td><a href="/default.asp?lang=uk">Укр</a> | <a href="/default.asp?lang=ru">Рус</a> | <a href="/default.asp?lang=en">Eng</a></td></tr><tr><td>Головна · Документи · Новини · Засідання · Контакти · Про комітет · Склад комітету · Секретаріат</td></tr></table>`+
		`<table><tr><td>Title:</td><td>Proceedings of the Parliamentary Hearings</td></tr><tr><td>Other language versions:</td><td><a href="/view.asp?id=1802&amp;lang=uk">Українською мовою</a></td></tr></table>`+
		`<p>Комітет Верховної Ради України з питань національної безпеки, оборони та розвідки. Усі права захищено. Адреса: Київ, вул. Грушевського, 5. Телефон приймальні комітету.</p>`)
	for _, tt := range []struct{ url, body, want string }{
		{"https://rada.example.org/view.asp?id=1802&lang=en", body, "en"},
		{"https://rada.example.org/view.asp?id=1802", body, "uk"},
		{"https://rada.example.org/view.asp?id=1802&lang=en", page("uk", "", `<p>Комітет Верховної Ради України з питань національної безпеки, оборони та розвідки. Усі права захищено. Адреса: Київ, вул. Грушевського, 5. Телефон приймальні комітету.</p>`), "uk"},
	} {
		res, err := HTML(strings.NewReader(tt.body), "text/html", tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if res.Meta.Lang != tt.want {
			t.Errorf("%s: lang %q, want %q", tt.url, res.Meta.Lang, tt.want)
		}
	}
}

// TestLayoutClassIsNoChrome: a wrapper of the whole page whose layout class
// names a sidebar ("showSidebar", DokuWiki's) is no chrome: a page of little
// prose keeps its content and is no listing.
func TestLayoutClassIsNoChrome(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>handbook_2022 [Knowledge Base]</title></head><body><div id="dokuwiki__site"><div id="dokuwiki__top" class="site dokuwiki mode_show showSidebar hasSidebar">` +
		`<div id="dokuwiki__aside"><div class="pad aside"><ul><li><a href="/doku.php?id=start">Home</a></li><li><a href="/doku.php?id=publications:start">Publications</a></li></ul></div></div>` +
		`<div id="dokuwiki__content"><div class="page"><h1>Parliamentary Oversight of Intelligence: A Handbook</h1><table><tr><td>Year</td><td>2022</td></tr><tr><td>Type</td><td>Handbook</td></tr></table>` +
		`<p><a href="/lib/exe/fetch.php?media=publications:handbook_2022.pdf" class="media mediafile">handbook_2022.pdf</a></p></div></div></div></div></body></html>`
	res, err := HTML(strings.NewReader(page), "text/html", "https://wiki.example.org/doku.php?id=publications:handbook_2022")
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.Listing || res.Meta.Title != "Parliamentary Oversight of Intelligence: A Handbook" || res.Meta.Type != "Handbook" {
		t.Errorf("listing %v, title %q, type %q; want the handbook's page", res.Meta.Listing, res.Meta.Title, res.Meta.Type)
	}
}

// TestFragment: a part of a page a script loads (no head, no heading, a few
// lines) is a fragment; a headless old page offering a file is not.
func TestFragment(t *testing.T) {
	for body, want := range map[string]bool{
		`<div class="csl-bib-body"><div class="csl-entry">Marchenko, O. (2024). Intelligence oversight in Ukraine. <i>Strategy and Defence</i>.</div></div>`: true,
		`<b>Handbook on parliamentary oversight</b><br><a href="/files/handbook.pdf">Download (PDF)</a>`:                                                     false,
	} {
		res, err := HTML(strings.NewReader(body), "text/html", "https://journal.example.org/x")
		if err != nil {
			t.Fatal(err)
		}
		if res.Meta.Fragment != want {
			t.Errorf("%.40q: fragment %v, want %v", body, res.Meta.Fragment, want)
		}
	}
}

func TestSpelledAcronym(t *testing.T) {
	for name, want := range map[string]bool{
		"Partnership for Security Sector Governance (PSSG)":        true,
		"Центр досліджень армії, конверсії та роззброєння (ЦДАКР)": true,
		"partnership for security sector governance (pssg)":        true, // a name set in lower case
		"Security Sector Reform (SSR)":                             false,
		"Women in the Armed Forces (WAFS)":                         false, // not its initials
		"Partnership for Security Sector Governance":               false,
		"Small Arms and Light Weapons (SALW)":                      false, // a topic's name
		"Conflict-Related Sexual Violence (CRSV)":                  false,
	} {
		if got := SpelledAcronym(name); got != want {
			t.Errorf("SpelledAcronym(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestCardTypeIsNotThePages: a type label inside a card that links another
// item (a person's page listing their two papers) is that item's; a badge that
// is a link of its own (to its type's listing) is the page's.
func TestCardTypeIsNotThePages(t *testing.T) {
	card := func(slug, typ, title string) string {
		return `<article class="card card--research"><a class="card__link" href="/en/research/` + slug + `/"><img src="/media/` + slug + `.jpg" alt=""><span class="card__type">` + typ + `</span><h3 class="card__title">` + title + `</h3></a><p class="card__date">12 March 2023</p></article>`
	}
	for _, tc := range []struct{ body, want string }{
		{`<article class="person-page"><h1>Olena Hrytsenko</h1><p class="role">Senior researcher</p><p>Has more than ten years of experience in security and defence research.</p><h2>Publications</h2><div class="card-grid">` +
			card("budget-toolkit", "Toolkit", "Monitoring Security Budgets") + card("ombuds", "Policy brief", "A Military Ombudsman for Ukraine") + `</div></article>`, ""},
		{`<article><p><a class="pub-type" href="/en/research/?type=toolkit">Toolkit</a></p><h1>Monitoring Security Budgets</h1><p>A toolkit for journalists and civil society organisations who follow the defence budget.</p></article>`, "Toolkit"},
	} {
		res, err := HTML(strings.NewReader(`<!DOCTYPE html><html lang="en"><head><title>KCSP</title></head><body><main>`+tc.body+`</main></body></html>`), "text/html", "https://tt.example.org/en/team/olena-hrytsenko/")
		if err != nil {
			t.Fatal(err)
		}
		if res.Meta.Type != tc.want {
			t.Errorf("type %q, want %q: %.60s", res.Meta.Type, tc.want, tc.body)
		}
	}
}
