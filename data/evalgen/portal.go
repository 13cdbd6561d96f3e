package evalgen

import (
	"fmt"
	"html/template"
	"strings"
)

// The portal is a WordPress site in English and Ukrainian that puts its metadata only
// where a reader sees it: a type label and a <time> beside the title, "Publisher:"
// and "Authors:" lines, topic tags. Publications live under /publication/SLUG/ (the
// Ukrainian ones under /uk/ with Cyrillic slugs), PDFs under /wp-content/uploads/,
// events at the root; listings are paginated /page/N/ archives of <article> teasers.
// Its PDFs mostly come from a library that stamps every file 2000-01-01.

var portalText = map[string]map[string]string{
	"en": {"site": "Security Sector Governance Portal", "tagline": "Democratic governance of the security sector: publications, events, explainers",
		"home": "Home", "pubs": "Publications", "events": "Events", "about": "About us", "topics": "Topics", "publisher": "Publisher:",
		"authors": "Authors:", "download": "Download the publication", "more": "read more", "related": "Related publications",
		"next": "Next »", "prev": "« Previous", "latest": "Latest publications", "latestEvents": "Latest events", "switch": "Українська",
		"prevEdition": "Previous edition:", "materials": "Download the materials (PDF)", "aboutPub": "About the publication:",
		"aboutText": "The portal collects publications, events and explainers on democratic security sector governance from research centres and international organisations. It is maintained by a consortium of civil society organisations.",
		"copyright": "© %d Security Sector Governance Portal. Photo: Flickr / CC BY 2.0", "credit": "Web development by Kvadrat Studio",
		"typeArchive": "Publication type: %s", "topicArchive": "Topic: %s", "pubsOnTopic": "Publications on this topic"},
	"uk": {"site": "Портал з врядування у сфері безпеки", "tagline": "Демократичне врядування сектором безпеки: публікації, події, роз'яснення",
		"home": "Головна", "pubs": "Публікації", "events": "Події", "about": "Про нас", "topics": "Теми", "publisher": "Видавець:",
		"authors": "Автори:", "download": "Завантажити публікацію", "more": "детальніше", "related": "Пов'язані публікації",
		"next": "Наступна »", "prev": "« Попередня", "latest": "Нові публікації", "latestEvents": "Останні події", "switch": "English",
		"prevEdition": "Попереднє видання:", "materials": "Завантажити матеріали (PDF)", "aboutPub": "Про публікацію:",
		"aboutText": "Портал збирає публікації, події та роз'яснення з демократичного врядування сектором безпеки від дослідницьких центрів і міжнародних організацій. Його підтримує консорціум організацій громадянського суспільства.",
		"copyright": "© %d Портал з врядування у сфері безпеки. Фото: Flickr / CC BY 2.0", "credit": "Веб-розробка: Kvadrat Studio",
		"typeArchive": "Тип публікації: %s", "topicArchive": "Тема: %s", "pubsOnTopic": "Публікації за темою"},
}

var portalTmpl = template.Must(template.New("").Funcs(template.FuncMap{"t": func(m map[string]string, k string) string { return m[k] }}).Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="{{.Lang}}-{{if eq .Lang "uk"}}UA{{else}}GB{{end}}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – {{t .T "site"}}</title>
<link rel="stylesheet" id="ssg-style-css" href="/wp-content/themes/ssg-portal/style.css?ver=2.3" media="all">
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<link rel="canonical" href="{{.Canonical}}">
{{range .Alternates}}<link rel="alternate" hreflang="{{.Lang}}" href="{{.Href}}">
{{end}}<meta property="og:site_name" content="{{t .T "site"}}">
<meta property="og:locale" content="{{if eq .Lang "uk"}}uk_UA{{else}}en_GB{{end}}">
<meta property="og:title" content="{{.Title}}">
{{if .Description}}<meta name="description" content="{{.Description}}">{{end}}
</head>
<body class="{{.BodyClass}}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
  <div class="site-branding"><p class="site-title"><a href="{{.Home}}" rel="home">{{t .T "site"}}</a></p>
  <p class="site-description">{{t .T "tagline"}}</p></div>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
    <li class="menu-item"><a href="{{.Home}}">{{t .T "home"}}</a></li>
    <li class="menu-item"><a href="{{.Prefix}}/publication/">{{t .T "pubs"}}</a></li>
    <li class="menu-item"><a href="{{.Prefix}}/category/events/">{{t .T "events"}}</a></li>
    <li class="menu-item"><a href="{{.Prefix}}/about/">{{t .T "about"}}</a></li>
  </ul></nav>
  <div class="lang-switcher"><a href="{{.Switch}}">{{t .T "switch"}}</a></div>
</header>
<div id="content" class="site-content">
{{end}}

{{define "foot"}}</div>
<footer id="colophon" class="site-footer">
  <div class="site-info"><p>{{.Copyright}}</p><p class="credit">{{t .T "credit"}}</p></div>
</footer>
</div>
</body>
</html>{{end}}

{{define "teaser"}}<article id="post-{{.ID}}" class="post-{{.ID}} publication type-publication status-publish hentry">
  <header class="entry-header"><span class="pub-type">{{.Type}}</span>
  <h2 class="entry-title"><a href="{{.Href}}" rel="bookmark">{{.Title}}</a></h2></header>
  <div class="entry-summary"><p>{{.Teaser}}… <a class="more-link" href="{{.Href}}">{{.More}}</a></p></div>
</article>
{{end}}

{{define "publication"}}{{template "head" .}}
<main id="main" class="site-main">
<nav class="breadcrumbs"><a href="{{.Home}}">{{t .T "home"}}</a> › <a href="{{.Prefix}}/publication/">{{t .T "pubs"}}</a> › <span>{{.Title}}</span></nav>
<article id="post-{{.V.ID}}" class="post-{{.V.ID}} publication type-publication status-publish hentry">
  <header class="entry-header">
    <div class="pub-meta"><span class="pub-type">{{.V.Type}}</span> <span class="sep">|</span> <time class="entry-date published" datetime="{{.V.Datetime}}">{{.V.DateShown}}</time></div>
    <h1 class="entry-title">{{.Title}}</h1>
  </header>
  <div class="entry-content">
    {{range .V.Summary}}<p>{{.}}</p>
    {{end}}
    <ul class="pub-details">
      <li>{{t .T "publisher"}} <strong>{{.V.Publisher}}</strong></li>
      {{if .V.Authors}}<li>{{t .T "authors"}} {{.V.Authors}}</li>{{end}}
      {{if .V.Earlier}}<li>{{t .T "prevEdition"}} <a href="{{.V.Earlier.Href}}">{{.V.Earlier.Title}}</a></li>{{end}}
    </ul>
    <p><a class="button pub-download" href="{{.V.PDF}}">{{t .T "download"}} (PDF, {{.V.Size}})</a></p>
  </div>
  {{if .V.Topics}}<footer class="entry-footer"><span class="tags-links">{{t .T "topics"}}: {{range $i, $t := .V.Topics}}{{if $i}}, {{end}}<a href="{{$t.Href}}" rel="tag">{{$t.Label}}</a>{{end}}</span></footer>{{end}}
</article>
{{if .Related}}<section class="related-publications"><h2>{{t .T "related"}}</h2>
{{range .Related}}{{template "teaser" .}}{{end}}</section>{{end}}
</main>
{{template "foot" .}}{{end}}

{{define "listing"}}{{template "head" .}}
<main id="main" class="site-main">
<header class="page-header"><h1 class="page-title">{{.Heading}}</h1>{{if .Intro}}<div class="archive-description"><p>{{.Intro}}</p></div>{{end}}</header>
{{range .Items}}{{template "teaser" .}}{{end}}
<nav class="navigation pagination" aria-label="Posts"><div class="nav-links">{{if .Prev}}<a class="prev page-numbers" href="{{.Prev}}">{{t .T "prev"}}</a>{{end}}
{{range .Numbers}}{{if .Current}}<span aria-current="page" class="page-numbers current">{{.N}}</span>{{else}}<a class="page-numbers" href="{{.Href}}">{{.N}}</a>{{end}} {{end}}
{{if .Next}}<a class="next page-numbers" href="{{.Next}}">{{t .T "next"}}</a>{{end}}</div></nav>
</main>
{{template "foot" .}}{{end}}

{{define "home"}}{{template "head" .}}
<main id="main" class="site-main">
<section class="latest"><h2>{{t .T "latest"}}</h2>
{{range .Items}}{{template "teaser" .}}{{end}}
<p><a href="{{.Prefix}}/publication/">{{t .T "pubs"}} →</a></p></section>
<section class="latest-events"><h2>{{t .T "latestEvents"}}</h2><ul>
{{range .Events}}<li><a href="{{.Href}}">{{.Title}}</a> <time datetime="{{.Datetime}}">{{.DateShown}}</time></li>{{end}}
</ul></section>
</main>
{{template "foot" .}}{{end}}

{{define "event"}}{{template "head" .}}
<main id="main" class="site-main">
<article id="post-{{.E.ID}}" class="post-{{.E.ID}} post type-post status-publish format-standard hentry category-events">
  <header class="entry-header"><h1 class="entry-title">{{.Title}}</h1>
  <div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{{.E.Datetime}}">{{.E.DateShown}}</time></span>
  <span class="cat-links"><a href="{{.Prefix}}/category/events/" rel="category tag">{{t .T "events"}}</a></span></div></header>
  <div class="entry-content">
    <p>{{.E.Summary}}</p>
    <p>{{t .T "aboutPub"}} <a href="{{.E.PubHref}}">{{.E.PubTitle}}</a></p>
    <p><a href="{{.E.PDF}}">{{t .T "materials"}}</a></p>
  </div>
</article>
</main>
{{template "foot" .}}{{end}}

{{define "explainer"}}{{template "head" .}}
<main id="main" class="site-main">
<article class="page type-page topic-explainer">
  <header class="entry-header"><h1 class="entry-title">{{.Title}}</h1></header>
  <div class="entry-content">{{range .Paras}}<p>{{.}}</p>
  {{end}}</div>
</article>
<section class="topic-publications"><h2>{{t .T "pubsOnTopic"}}</h2>
{{range .Items}}{{template "teaser" .}}{{end}}
<p><a href="{{.More}}">{{t .T "pubs"}} →</a></p></section>
</main>
{{template "foot" .}}{{end}}

{{define "about"}}{{template "head" .}}
<main id="main" class="site-main"><article class="page type-page"><h1 class="entry-title">{{.Title}}</h1>
<div class="entry-content"><p>{{t .T "aboutText"}}</p></div></article></main>
{{template "foot" .}}{{end}}
`))

// portalPage is the data of one portal page.
type portalPage struct {
	Lang, Title, Description, BodyClass string
	Canonical, Home, Prefix, Switch     string
	Alternates                          []alternate
	T                                   map[string]string
	Copyright                           string
	// Page kinds' own data.
	V       *portalPub
	E       *portalEvent
	Items   []portalTeaser
	Events  []portalEvent
	Related []portalTeaser
	Heading string
	Intro   string
	Paras   []string
	More    string
	Prev    string
	Next    string
	Numbers []pageNumber
}

type alternate struct{ Lang, Href string }

type pageNumber struct {
	N       int
	Href    string
	Current bool
}

type portalPub struct {
	ID                 int
	Type, Datetime     string
	DateShown          string
	Summary            []string
	Publisher, Authors string
	PDF, Size          string
	Topics             []topicLink
	Earlier            *portalTeaser
}

type topicLink struct{ Href, Label string }

type portalTeaser struct {
	ID                        int
	Href, Title, Type, Teaser string
	More                      string
}

type portalEvent struct {
	ID                     int
	Href, Title, Summary   string
	Datetime, DateShown    string
	PubHref, PubTitle, PDF string
}

func buildPortal(b *siteBuilder) error {
	s := b.site
	prefix := func(lang string) string {
		if lang == "uk" {
			return "/uk"
		}
		return ""
	}
	// Paths first: pages link each other.
	for _, v := range b.versions {
		sl := slug(v.title, 7)
		v.page = escapePath(prefix(v.lang) + "/publication/" + sl + "/")
		d := v.date().AddDate(0, 0, 9) // uploaded a few days after
		v.pdf = fmt.Sprintf("/wp-content/uploads/%04d/%02d/%s", d.Year(), d.Month(), v.file)
		v.typeLabel = TypeLabels[v.work.Type][v.lang][0]
		v.topicLabel = nil
		for _, k := range b.topicKeys(v) {
			v.topicLabel = append(v.topicLabel, b.g.c.topic[k].Label(v.lang))
		}
	}
	topicHref := func(lang, key string) string {
		if lang == "uk" {
			return escapePath("/uk/topic/" + slug(b.g.c.topic[key].UK, 5) + "/")
		}
		return "/topic/" + key + "/"
	}
	ids := map[*version]int{}
	for i, v := range b.versions {
		ids[v] = 1000 + 7*i
	}
	teaserOf := func(v *version) portalTeaser {
		return portalTeaser{ID: ids[v], Href: v.page, Title: v.title, Type: v.typeLabel, Teaser: teaser(v.summary, 22), More: portalText[v.lang]["more"]}
	}
	base := func(lang, title, path, class string) portalPage {
		t := portalText[lang]
		other := "/uk/"
		if lang == "uk" {
			other = "/"
		}
		return portalPage{Lang: lang, Title: title, BodyClass: class, Canonical: hostToken + path, Home: prefix(lang) + "/",
			Prefix: prefix(lang), Switch: other, T: t, Copyright: fmt.Sprintf(t["copyright"], 2019+len(path)%6)}
	}
	var sitemap []string
	for _, v := range b.versions {
		t := portalText[v.lang]
		p := base(v.lang, v.title, v.page, "publication-template-default single single-publication postid-"+fmt.Sprint(ids[v]))
		p.Description = teaser(v.summary, 25)
		pub := &portalPub{ID: ids[v], Type: v.typeLabel, Datetime: v.date().Format("2006-01-02T15:04:05+02:00"),
			Summary: strings.Split(v.summary, "\n"), Publisher: v.pub, Authors: strings.Join(v.authors, ", "),
			PDF: v.pdf, Size: v.sizeLabel()}
		if v.lang == "uk" {
			pub.DateShown = v.date().Format("02.01.2006")
		} else {
			pub.DateShown = dateIn(v.date(), "en")
		}
		for i, k := range b.topicKeys(v) {
			pub.Topics = append(pub.Topics, topicLink{Href: topicHref(v.lang, k), Label: v.topicLabel[i]})
		}
		if e := b.earlier(v); e != nil && ids[v]%2 == 0 {
			tt := teaserOf(e)
			pub.Earlier = &tt
		}
		p.V = pub
		for _, o := range b.translations(v) {
			p.Alternates = append(p.Alternates, alternate{Lang: o.lang, Href: hostToken + o.page})
			p.Switch = o.page
		}
		if len(p.Alternates) > 0 {
			p.Alternates = append([]alternate{{Lang: v.lang, Href: hostToken + v.page}}, p.Alternates...)
		}
		// Related: three other publications on the same focus topic.
		for _, o := range b.inLang(v.lang) {
			if o != v && len(p.Related) < 3 && len(b.topicKeys(o)) > 0 && len(b.topicKeys(v)) > 0 && b.topicKeys(o)[0] == b.topicKeys(v)[0] {
				p.Related = append(p.Related, teaserOf(o))
			}
		}
		_ = t
		if err := b.page(portalTmpl, v.page, "publication", p); err != nil {
			return err
		}
		sitemap = append(sitemap, hostToken+v.page)
	}
	b.pdfs()
	// Events, at the root of the site, offer the PDF of the publication they present.
	var events = map[string][]portalEvent{}
	for i, e := range b.events {
		v := b.g.presented(e)
		path := escapePath(prefix(e.Lang) + "/" + slug(e.Title, 8) + "/")
		b.g.eventPage[e.ID] = path
		pe := portalEvent{ID: 5000 + i, Href: path, Title: e.Title, Summary: e.Summary, Datetime: e.date.Format("2006-01-02T10:00:00+02:00"),
			DateShown: dateIn(e.date, e.Lang), PubHref: v.page, PubTitle: v.title, PDF: v.pdf}
		p := base(e.Lang, e.Title, path, "post-template-default single single-post")
		p.E = &pe
		if err := b.page(portalTmpl, path, "event", p); err != nil {
			return err
		}
		b.document(path, "event", e.Title, e.Lang, e.Topics, v.key())
		events[e.Lang] = append(events[e.Lang], pe)
		sitemap = append(sitemap, hostToken+path)
	}
	for _, lang := range []string{"en", "uk"} {
		t := portalText[lang]
		pubs := b.inLang(lang)
		teasers := make([]portalTeaser, len(pubs))
		for i, v := range pubs {
			teasers[i] = teaserOf(v)
		}
		home := base(lang, t["site"], prefix(lang)+"/", "home blog")
		home.Items = teasers[:min(5, len(teasers))]
		home.Events = events[lang]
		if err := b.page(portalTmpl, home.Home, "home", home); err != nil {
			return err
		}
		b.listing(home.Home)
		b.paginate(lang, prefix(lang)+"/publication/", t["pubs"], "", teasers, func(n int) string {
			return prefix(lang) + fmt.Sprintf("/publication/page/%d/", n)
		}, base)
		// Event archive.
		ev := base(lang, t["events"], prefix(lang)+"/category/events/", "archive category")
		ev.Heading = t["events"]
		for _, e := range events[lang] {
			ev.Items = append(ev.Items, portalTeaser{ID: e.ID, Href: e.Href, Title: e.Title, Teaser: teaser(e.Summary, 20), More: t["more"]})
		}
		if err := b.page(portalTmpl, ev.Prefix+"/category/events/", "listing", ev); err != nil {
			return err
		}
		b.listing(ev.Prefix + "/category/events/")
		// Topic explainers, with the topic's publications below, and the topic's
		// archive of publications.
		for _, tp := range b.topicsWith(lang) {
			var items []portalTeaser
			for _, v := range pubs {
				if len(b.topicKeys(v)) > 0 && strings.Contains(strings.Join(b.topicKeys(v), " "), tp.Key) {
					items = append(items, teaserOf(v))
				}
			}
			path := topicHref(lang, tp.Key)
			ex := base(lang, tp.Label(lang), path, "page-template topic")
			ex.Paras = b.explainerText(tp.Key, lang)
			ex.Items = items[:min(4, len(items))]
			ex.More = path + "?post_type=publication"
			if err := b.page(portalTmpl, path, "explainer", ex); err != nil {
				return err
			}
			b.document(path, "explainer", tp.Label(lang), lang, []string{tp.Key}, "")
			sitemap = append(sitemap, hostToken+path)
			b.paginate(lang, path+"?post_type=publication", fmt.Sprintf(t["topicArchive"], tp.Label(lang)), "", items, func(n int) string {
				return path + fmt.Sprintf("page/%d/?post_type=publication", n)
			}, base)
		}
		// Type archives (the pages link none, but the sitemap lists them).
		for key, labels := range TypeLabels {
			var items []portalTeaser
			for _, v := range pubs {
				if v.work.Type == key {
					items = append(items, teaserOf(v))
				}
			}
			if len(items) == 0 {
				continue
			}
			path := prefix(lang) + "/type/" + key + "/"
			b.paginate(lang, path, fmt.Sprintf(t["typeArchive"], labels[lang][0]), "", items, func(n int) string {
				return path + fmt.Sprintf("page/%d/", n)
			}, base)
			sitemap = append(sitemap, hostToken+path)
		}
		about := base(lang, t["about"], prefix(lang)+"/about/", "page")
		if err := b.page(portalTmpl, about.Home+"about/", "about", about); err != nil {
			return err
		}
		b.document(about.Home+"about/", "about", t["about"], lang, nil, "")
	}
	b.sitemap("/wp-sitemap-posts-publication-1.xml", sitemap)
	s.Add("/wp-sitemap.xml", "application/xml", []byte(`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>`+hostToken+`/wp-sitemap-posts-publication-1.xml</loc></sitemap></sitemapindex>
`))
	s.Add("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: "+hostToken+"/wp-sitemap.xml\n"))
	s.Seeds = []string{"/", "/uk/"}
	return nil
}

// paginate writes a listing of items, ten a page, at first and then at page(n).
func (b *siteBuilder) paginate(lang, first, heading, intro string, items []portalTeaser, page func(n int) string,
	base func(lang, title, path, class string) portalPage) error {
	const per = 10
	pages := max(1, (len(items)+per-1)/per)
	href := func(n int) string {
		if n == 1 {
			return first
		}
		return page(n)
	}
	for n := 1; n <= pages; n++ {
		p := base(lang, heading, href(n), "archive paged")
		p.Heading, p.Intro = heading, intro
		p.Items = items[(n-1)*per : min(len(items), n*per)]
		if n > 1 {
			p.Prev = href(n - 1)
		}
		if n < pages {
			p.Next = href(n + 1)
		}
		if pages > 1 {
			for k := 1; k <= pages; k++ {
				p.Numbers = append(p.Numbers, pageNumber{N: k, Href: href(k), Current: k == n})
			}
		}
		if err := b.page(portalTmpl, href(n), "listing", p); err != nil {
			return err
		}
		b.listing(href(n))
	}
	return nil
}
