package evalgen

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"strings"
)

// The library is a static site (no WordPress) in English, Ukrainian and Russian that
// describes each publication in schema.org JSON-LD, with citation_* meta tags on about
// half of its pages and a <dl> of facts on all. Publications live at
// /LANG/resources/YEAR/SLUG (no trailing slash), PDFs under /media/docs/; listings are
// Bootstrap-like cards (no <article>) paginated with ?page=N. Its theme writes
// <html lang="uk"> on Russian pages, and its language switch has no hreflang.

var libraryText = map[string]map[string]string{
	"en": {"site": "Security Governance Library", "home": "Home", "resources": "Resources", "themes": "Themes", "events": "Events",
		"about": "About", "date": "Date of publication", "type": "Document type", "publisher": "Published by", "lang": "Language",
		"themesOf": "Themes", "authors": "Author(s)", "download": "Download", "details": "Details", "langName": "English",
		"more": "Load more", "other": "Other languages", "materials": "Materials", "intro": "Browse the library's resources on %s.",
		"featured": "Featured resources", "aboutText": "The Security Governance Library is an open collection of research and training materials on the democratic governance of the security sector. It is run by a foundation.",
		"footer": "Security Governance Library · Terms of use · Privacy", "pdfIn": "PDF in %s", "page": "Page %d"},
	"uk": {"site": "Бібліотека безпекового врядування", "home": "Головна", "resources": "Ресурси", "themes": "Теми", "events": "Заходи",
		"about": "Про бібліотеку", "date": "Дата публікації", "type": "Тип документа", "publisher": "Видавець", "lang": "Мова",
		"themesOf": "Теми", "authors": "Автор(и)", "download": "Завантажити", "details": "Детальніше", "langName": "Українська",
		"more": "Показати ще", "other": "Іншими мовами", "materials": "Матеріали", "intro": "Ресурси бібліотеки за темою «%s».",
		"featured": "Рекомендовані ресурси", "aboutText": "Бібліотека безпекового врядування — відкрита колекція досліджень і навчальних матеріалів з демократичного врядування сектором безпеки. Її веде фонд.",
		"footer": "Бібліотека безпекового врядування · Умови використання · Конфіденційність", "pdfIn": "PDF, %s", "page": "Сторінка %d"},
	"ru": {"site": "Библиотека управления безопасностью", "home": "Главная", "resources": "Ресурсы", "themes": "Темы", "events": "Мероприятия",
		"about": "О библиотеке", "date": "Дата публикации", "type": "Тип документа", "publisher": "Издатель", "lang": "Язык",
		"themesOf": "Темы", "authors": "Автор(ы)", "download": "Скачать", "details": "Подробнее", "langName": "Русский",
		"more": "Показать ещё", "other": "На других языках", "materials": "Материалы", "intro": "Ресурсы библиотеки по теме «%s».",
		"featured": "Избранные ресурсы", "aboutText": "Библиотека управления безопасностью — открытая коллекция исследований и учебных материалов по демократическому управлению сектором безопасности. Её ведёт фонд.",
		"footer": "Библиотека управления безопасностью · Условия использования · Конфиденциальность", "pdfIn": "PDF, %s", "page": "Страница %d"},
}

var langNames = map[string]map[string]string{
	"en": {"en": "English", "uk": "Ukrainian", "ru": "Russian"},
	"uk": {"en": "англійська", "uk": "українська", "ru": "російська"},
	"ru": {"en": "английский", "uk": "украинский", "ru": "русский"},
}

var libraryTmpl = template.Must(template.New("").Funcs(template.FuncMap{"t": func(m map[string]string, k string) string { return m[k] }}).Parse(`
{{define "head"}}<!doctype html>
<html lang="{{.HTMLLang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} | {{t .T "site"}}</title>
<link href="/assets/css/bootstrap.min.css" rel="stylesheet">
<link rel="canonical" href="{{.Canonical}}">
{{if .Citation}}<meta name="citation_title" content="{{.Citation.Title}}">
{{range .Citation.Authors}}<meta name="citation_author" content="{{.}}">
{{end}}<meta name="citation_publication_date" content="{{.Citation.Date}}">
<meta name="citation_publisher" content="{{.Citation.Publisher}}">
<meta name="citation_language" content="{{.Citation.Lang}}">
<meta name="citation_pdf_url" content="{{.Citation.PDF}}">
{{end}}{{if .JSONLD}}<script type="application/ld+json">{{.JSONLD}}</script>
{{end}}</head>
<body>
<div class="topbar"><div class="container d-flex"><a class="brand" href="/{{.Lang}}/">{{t .T "site"}}</a>
<ul class="nav"><li class="nav-item"><a class="nav-link" href="/{{.Lang}}/resources">{{t .T "resources"}}</a></li>
<li class="nav-item"><a class="nav-link" href="/{{.Lang}}/events">{{t .T "events"}}</a></li>
<li class="nav-item"><a class="nav-link" href="/{{.Lang}}/about">{{t .T "about"}}</a></li></ul>
<div class="langs">{{range .Switch}}<a class="lang-link" lang="{{.Lang}}" href="{{.Href}}">{{.Name}}</a> {{end}}</div></div></div>
<div class="container py-4" id="main-content">
{{end}}

{{define "foot"}}</div>
<div class="bottom"><div class="container"><small>{{t .T "footer"}}</small></div></div>
<script src="/assets/js/bootstrap.bundle.min.js"></script>
</body>
</html>{{end}}

{{define "card"}}<div class="col-md-6 col-lg-4"><div class="card h-100"><div class="card-body">
<span class="badge bg-secondary">{{.Badge}}</span>
<h3 class="card-title h5"><a href="{{.Href}}">{{.Title}}</a></h3>
<p class="card-text">{{.Teaser}}…</p>
<a href="{{.Href}}" class="btn btn-link">{{.Details}}</a></div></div></div>
{{end}}

{{define "resource"}}{{template "head" .}}
<ol class="breadcrumb"><li class="breadcrumb-item"><a href="/{{.Lang}}/">{{t .T "home"}}</a></li><li class="breadcrumb-item"><a href="/{{.Lang}}/resources">{{t .T "resources"}}</a></li></ol>
<div class="row"><div class="col-lg-8">
<h1 class="display-6">{{.Title}}</h1>
<div class="lead">{{range .R.Summary}}<p>{{.}}</p>{{end}}</div>
<a class="btn btn-primary" href="{{.R.PDF}}"><i class="bi bi-download"></i> {{t .T "download"}} ({{.R.Size}})</a>
{{if .R.Other}}<div class="mt-3"><h2 class="h6">{{t .T "other"}}</h2><ul class="list-unstyled">{{range .R.Other}}<li><a href="{{.Href}}">{{.Name}}</a></li>{{end}}</ul></div>{{end}}
</div><div class="col-lg-4">
<dl class="facts">
<dt>{{t .T "date"}}</dt><dd>{{.R.Date}}</dd>
<dt>{{t .T "type"}}</dt><dd>{{.R.Type}}</dd>
{{if .R.Authors}}<dt>{{t .T "authors"}}</dt><dd>{{.R.Authors}}</dd>{{end}}
<dt>{{t .T "publisher"}}</dt><dd>{{.R.Publisher}}</dd>
<dt>{{t .T "lang"}}</dt><dd>{{.R.LangName}}</dd>
{{if .R.Topics}}<dt>{{t .T "themesOf"}}</dt><dd>{{range $i, $t := .R.Topics}}{{if $i}}, {{end}}<a href="{{$t.Href}}">{{$t.Label}}</a>{{end}}</dd>{{end}}
</dl></div></div>
{{template "foot" .}}{{end}}

{{define "cards"}}{{template "head" .}}
<h1>{{.Heading}}</h1>
{{if .Intro}}<p class="intro">{{.Intro}}</p>{{end}}
<div class="row g-4">{{range .Cards}}{{template "card" .}}{{end}}</div>
{{if .Pages}}<ul class="pagination">{{range .Pages}}<li class="page-item{{if .Current}} active{{end}}"><a class="page-link" href="{{.Href}}">{{.N}}</a></li>{{end}}</ul>{{end}}
{{template "foot" .}}{{end}}

{{define "event"}}{{template "head" .}}
<h1>{{.Title}}</h1>
<p class="text-muted">{{.Ev.Date}}</p>
<p>{{.Ev.Summary}}</p>
<h2 class="h5">{{t .T "materials"}}</h2>
<ul><li><a href="{{.Ev.PDF}}">{{.Ev.PubTitle}} (PDF)</a></li></ul>
{{template "foot" .}}{{end}}

{{define "about"}}{{template "head" .}}<h1>{{.Title}}</h1><p>{{t .T "aboutText"}}</p>{{template "foot" .}}{{end}}
`))

type libraryPage struct {
	Lang, HTMLLang, Title, Canonical string
	T                                map[string]string
	Switch                           []langLink
	Citation                         *citation
	JSONLD                           template.JS
	R                                *libraryRes
	Ev                               *libraryEvent
	Heading, Intro                   string
	Cards                            []libraryCard
	Pages                            []pageNumber
}

type langLink struct{ Lang, Href, Name string }

type citation struct {
	Title, Date, Publisher, Lang, PDF string
	Authors                           []string
}

type libraryRes struct {
	Summary                                   []string
	PDF, Size, Date, Type, Authors, Publisher string
	LangName                                  string
	Topics                                    []topicLink
	Other                                     []langLink
}

type libraryEvent struct{ Date, Summary, PDF, PubTitle string }

type libraryCard struct{ Href, Title, Badge, Teaser, Details string }

// schemaType is the schema.org type a library page gives a publication type.
func schemaType(t string) string {
	switch t {
	case "handbook", "toolkit", "training-manual", "guide", "conference-proceedings":
		return "Book"
	case "newsletter":
		return "PublicationIssue"
	case "study":
		return "ScholarlyArticle"
	}
	return "Report"
}

func hashOf(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

func buildLibrary(b *siteBuilder) error {
	s := b.site
	themeHref := func(lang, key string) string {
		return "/" + lang + "/themes/" + slug(translit(b.g.c.topic[key].Label(lang)), 5)
	}
	for _, v := range b.versions {
		v.page = fmt.Sprintf("/%s/resources/%d/%s", v.lang, v.date().Year(), slug(translit(v.title), 8))
		v.pdf = fmt.Sprintf("/media/docs/%08x/%s", hashOf(v.work.ID+v.lang), v.file)
		v.typeLabel = TypeLabels[v.work.Type][v.lang][1]
		v.topicLabel = nil
		for _, k := range b.topicKeys(v) {
			v.topicLabel = append(v.topicLabel, b.g.c.topic[k].Label(v.lang))
		}
	}
	htmlLang := func(lang string) string {
		if lang == "ru" {
			return "uk" // the theme's default for every non-English page
		}
		return lang
	}
	base := func(lang, title, path string) libraryPage {
		p := libraryPage{Lang: lang, HTMLLang: htmlLang(lang), Title: title, Canonical: hostToken + path, T: libraryText[lang]}
		for _, l := range b.langs() {
			if l != lang {
				p.Switch = append(p.Switch, langLink{Lang: l, Href: "/" + l + "/", Name: libraryText[l]["langName"]})
			}
		}
		return p
	}
	cardOf := func(v *version) libraryCard {
		return libraryCard{Href: v.page, Title: v.title, Badge: v.typeLabel, Teaser: teaser(v.summary, 18), Details: libraryText[v.lang]["details"]}
	}
	var sitemap []string
	for _, v := range b.versions {
		t := libraryText[v.lang]
		p := base(v.lang, v.title, v.page)
		for i := range p.Switch {
			for _, o := range b.translations(v) {
				if o.lang == p.Switch[i].Lang {
					p.Switch[i].Href = o.page
				}
			}
		}
		res := &libraryRes{Summary: strings.Split(v.summary, "\n"), PDF: v.pdf, Size: v.sizeLabel(), Date: dateIn(v.date(), v.lang),
			Type: v.typeLabel, Authors: strings.Join(v.authors, "; "), Publisher: v.pub, LangName: langNames[v.lang][v.lang]}
		for i, k := range b.topicKeys(v) {
			res.Topics = append(res.Topics, topicLink{Href: themeHref(v.lang, k), Label: v.topicLabel[i]})
		}
		// Some pages offer the translations' PDFs, not their pages.
		if hashOf(v.page)%3 == 0 {
			for _, o := range b.translations(v) {
				res.Other = append(res.Other, langLink{Lang: o.lang, Href: o.pdf, Name: fmt.Sprintf(t["pdfIn"], langNames[v.lang][o.lang])})
			}
		}
		p.R = res
		if hashOf("citation"+v.page)%2 == 0 {
			p.Citation = &citation{Title: v.title, Authors: v.authors, Date: v.date().Format("2006/01/02"), Publisher: v.pub, Lang: v.lang, PDF: hostToken + v.pdf}
		}
		ld := map[string]any{
			"@context":      "https://schema.org",
			"@type":         schemaType(v.work.Type),
			"name":          v.title,
			"description":   v.summary,
			"datePublished": v.date().Format("2006-01-02"),
			"inLanguage":    v.lang,
			"publisher":     map[string]any{"@type": "Organization", "name": v.pub},
			"url":           hostToken + v.page,
			"encoding":      map[string]any{"@type": "MediaObject", "contentUrl": hostToken + v.pdf, "encodingFormat": "application/pdf"},
		}
		var authors []any
		for _, a := range v.authors {
			authors = append(authors, map[string]any{"@type": "Person", "name": a})
		}
		if authors != nil {
			ld["author"] = authors
		}
		if len(v.topicLabel) > 0 {
			ld["keywords"] = strings.Join(v.topicLabel, ", ")
			var about []any
			for _, l := range v.topicLabel {
				about = append(about, map[string]any{"@type": "Thing", "name": l})
			}
			ld["about"] = about
		}
		graph := map[string]any{"@context": "https://schema.org", "@graph": []any{
			map[string]any{"@type": "WebSite", "name": t["site"], "url": hostToken + "/" + v.lang + "/"},
			map[string]any{"@type": "BreadcrumbList", "itemListElement": []any{
				map[string]any{"@type": "ListItem", "position": 1, "name": t["home"], "item": hostToken + "/" + v.lang + "/"},
				map[string]any{"@type": "ListItem", "position": 2, "name": t["resources"], "item": hostToken + "/" + v.lang + "/resources"}}},
			ld}}
		delete(ld, "@context")
		js, err := json.Marshal(graph)
		if err != nil {
			return err
		}
		p.JSONLD = template.JS(js)
		if err := b.page(libraryTmpl, v.page, "resource", p); err != nil {
			return err
		}
		sitemap = append(sitemap, hostToken+v.page)
	}
	b.pdfs()
	for _, e := range b.events {
		v := b.g.presented(e)
		path := fmt.Sprintf("/%s/events/%d/%s", e.Lang, e.date.Year(), slug(translit(e.Title), 7))
		b.g.eventPage[e.ID] = path
		p := base(e.Lang, e.Title, path)
		p.Ev = &libraryEvent{Date: dateIn(e.date, e.Lang), Summary: e.Summary, PDF: v.pdf, PubTitle: v.title}
		ld, _ := json.Marshal(map[string]any{"@context": "https://schema.org", "@type": "Event", "name": e.Title,
			"startDate": e.date.Format("2006-01-02"), "description": e.Summary, "inLanguage": e.Lang})
		p.JSONLD = template.JS(ld)
		if err := b.page(libraryTmpl, path, "event", p); err != nil {
			return err
		}
		b.document(path, "event", e.Title, e.Lang, e.Topics, v.key())
		sitemap = append(sitemap, hostToken+path)
	}
	for _, lang := range b.langs() {
		t := libraryText[lang]
		pubs := b.inLang(lang)
		var cards []libraryCard
		for _, v := range pubs {
			cards = append(cards, cardOf(v))
		}
		home := base(lang, t["site"], "/"+lang+"/")
		home.Heading = t["featured"]
		home.Cards = cards[:min(6, len(cards))]
		if err := b.page(libraryTmpl, "/"+lang+"/", "cards", home); err != nil {
			return err
		}
		b.listing("/" + lang + "/")
		if err := b.cardPages(lang, "/"+lang+"/resources", t["resources"], "", cards, base); err != nil {
			return err
		}
		var evCards []libraryCard
		for _, e := range b.events {
			if e.Lang == lang {
				evCards = append(evCards, libraryCard{Href: b.g.eventPage[e.ID], Title: e.Title, Badge: t["events"], Teaser: teaser(e.Summary, 18), Details: t["details"]})
			}
		}
		if err := b.cardPages(lang, "/"+lang+"/events", t["events"], "", evCards, base); err != nil {
			return err
		}
		for _, tp := range b.topicsWith(lang) {
			var tc []libraryCard
			for _, v := range pubs {
				for _, k := range b.topicKeys(v) {
					if k == tp.Key {
						tc = append(tc, cardOf(v))
					}
				}
			}
			if err := b.cardPages(lang, themeHref(lang, tp.Key), tp.Label(lang), fmt.Sprintf(t["intro"], tp.Label(lang)), tc, base); err != nil {
				return err
			}
		}
		about := base(lang, t["about"], "/"+lang+"/about")
		if err := b.page(libraryTmpl, "/"+lang+"/about", "about", about); err != nil {
			return err
		}
		b.document("/"+lang+"/about", "about", t["about"], lang, nil, "")
	}
	b.sitemap("/sitemap.xml", sitemap)
	s.Add("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /search\n\nSitemap: "+hostToken+"/sitemap.xml\n"))
	s.files["/"] = &File{Path: "/", Status: 302, Location: "/en/"}
	s.order = append(s.order, "/")
	s.Seeds = []string{"/"}
	return nil
}

// cardPages writes a listing of cards, twelve a page, at first and first?page=N.
func (b *siteBuilder) cardPages(lang, first, heading, intro string, cards []libraryCard, base func(lang, title, path string) libraryPage) error {
	const per = 12
	pages := max(1, (len(cards)+per-1)/per)
	href := func(n int) string {
		if n == 1 {
			return first
		}
		return fmt.Sprintf("%s?page=%d", first, n)
	}
	for n := 1; n <= pages; n++ {
		p := base(lang, heading, href(n))
		p.Heading, p.Intro = heading, intro
		p.Cards = cards[(n-1)*per : min(len(cards), n*per)]
		if pages > 1 {
			for k := 1; k <= pages; k++ {
				p.Pages = append(p.Pages, pageNumber{N: k, Href: href(k), Current: k == n})
			}
		}
		if err := b.page(libraryTmpl, href(n), "cards", p); err != nil {
			return err
		}
		b.listing(href(n))
	}
	return nil
}
