package main

import (
	"html/template"
	"strings"
	"unicode"
)

// topicLabel is how the site shows a topic tag: its slug as words, capitalised
// ("parliamentary-oversight" → "Parliamentary oversight").
func topicLabel(slug string) string {
	r := []rune(strings.ReplaceAll(slug, "-", " "))
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// labels are the interface strings of the sample site, per language.
var labels = map[string]map[string]string{
	"en": {
		"Site":        "Security Sector Governance Library",
		"Tagline":     "Publications on democratic oversight of the security sector",
		"Home":        "Home",
		"Pubs":        "Publications",
		"Topics":      "Topics",
		"About":       "About",
		"Latest":      "Latest publications",
		"ReadMore":    "read more",
		"Download":    "Download PDF",
		"Authors":     "Authors",
		"Published":   "Published",
		"Type":        "Type",
		"Translation": "Also available in Ukrainian",
		"Related":     "Related publications",
		"Next":        "Older publications",
		"Photo":       "Photo: Parliament building at dusk, Flickr / CC BY 2.0",
		"Copyright":   "All rights reserved",
		"Dev":         "Web development by Kvadrat Studio",
		"Switch":      "uk",
		"SwitchLabel": "Українська",
		"Search":      "Search",
		"Events":      "Events",
		"AboutText":   "The library collects handbooks, toolkits, training manuals, conference proceedings and policy papers on the democratic governance of the security sector, in English and Ukrainian. It is maintained by a network of research centres and is free to use.",
	},
	"uk": {
		"Site":        "Бібліотека з демократичного врядування сектором безпеки",
		"Tagline":     "Публікації про демократичний контроль над сектором безпеки",
		"Home":        "Головна",
		"Pubs":        "Публікації",
		"Topics":      "Теми",
		"About":       "Про нас",
		"Latest":      "Нові публікації",
		"ReadMore":    "детальніше",
		"Download":    "Завантажити PDF",
		"Authors":     "Автори",
		"Published":   "Опубліковано",
		"Type":        "Тип",
		"Translation": "Також доступно англійською",
		"Related":     "Пов’язані публікації",
		"Next":        "Попередні публікації",
		"Photo":       "Фото: будівля парламенту ввечері, Flickr / CC BY 2.0",
		"Copyright":   "Усі права захищено",
		"Dev":         "Веб-розробка: Kvadrat Studio",
		"Switch":      "en",
		"SwitchLabel": "English",
		"Search":      "Пошук",
		"Events":      "Події",
		"AboutText":   "Бібліотека збирає посібники, набори інструментів, навчальні матеріали, матеріали конференцій та аналітичні записки з демократичного врядування сектором безпеки англійською та українською мовами. Її підтримує мережа дослідницьких центрів, користування безкоштовне.",
	},
}

var pages = template.Must(template.New("").Funcs(template.FuncMap{"topicLabel": topicLabel}).Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{block "title" .}}{{.L.Site}}{{end}}</title>
<meta property="og:site_name" content="{{.L.Site}}">
<link rel="stylesheet" href="/wp-content/themes/ssg/style.css">
<script src="/wp-includes/js/jquery/jquery.min.js"></script>
{{end}}
{{define "header"}}</head>
<body class="{{.Kind}}">
<header id="masthead" class="site-header">
  <p class="site-title"><a href="{{if eq .Lang "uk"}}/uk/{{else}}/{{end}}">{{.L.Site}}</a></p>
  <p class="site-description">{{.L.Tagline}}</p>
  <nav class="main-navigation"><ul>
    <li><a href="{{if eq .Lang "uk"}}/uk/{{else}}/{{end}}">{{.L.Home}}</a></li>
    <li><a href="{{if eq .Lang "uk"}}/uk{{end}}/publication/">{{.L.Pubs}}</a></li>
    <li><a href="{{if eq .Lang "uk"}}/uk{{end}}/about/">{{.L.About}}</a></li>
  </ul></nav>
  <ul class="lang-switch">{{template "pairswitch" .}}</ul>
  <form role="search" action="/"><label>{{.L.Search}} <input name="s"></label></form>
</header>
<div class="hero-credit">{{.L.Photo}}</div>
<main id="content" class="site-main">
{{end}}
{{define "footer"}}</main>
<footer class="site-footer">
  <p class="copyright">© {{.Year}} {{.L.Site}}. {{.L.Copyright}}.</p>
  <p class="credits">{{.L.Dev}}</p>
</footer>
</body>
</html>
{{end}}
{{define "home"}}{{template "head" .}}{{template "header" .}}
<section class="latest"><h2>{{.L.Latest}}</h2>
{{$l := .L}}{{range .Items}}<article class="post-item">
  <h3><a href="{{.Href}}">{{.Title}}</a></h3>
  <p>{{.Teaser}} … <a class="more-link" href="{{.Href}}">{{$l.ReadMore}}</a></p>
</article>
{{end}}</section>
{{if .Events}}<section class="events"><h2>{{.L.Events}}</h2>
{{range .Events}}<article class="event-item"><h3><a href="{{.Href}}">{{.Title}}</a></h3><p><time datetime="{{.Date}}">{{.Date}}</time></p></article>
{{end}}</section>{{end}}
{{template "footer" .}}{{end}}
{{define "listing"}}{{template "head" .}}{{if .Next}}<link rel="next" href="{{.Next}}">{{end}}{{template "header" .}}
<h1>{{if .Heading}}{{.Heading}}{{else}}{{.L.Pubs}}{{end}}</h1>
{{$l := .L}}{{range .Items}}<article class="post-item">
  <h2><a href="{{.Href}}">{{.Title}}</a></h2>
  <p>{{.Teaser}} … <a class="more-link" href="{{.Href}}">{{$l.ReadMore}}</a></p>
</article>
{{end}}{{if .Next}}<nav class="pagination"><a rel="next" href="{{.Next}}">{{.L.Next}}</a></nav>{{end}}
{{template "footer" .}}{{end}}
{{define "alternates"}}<link rel="alternate" hreflang="{{.Item.Lang}}" href="{{.Item.Href}}">
{{if .Pair}}<link rel="alternate" hreflang="{{.Pair.Lang}}" href="{{.Pair.Href}}">{{end}}
<link rel="canonical" href="{{.Item.Href}}">
<meta name="description" content="{{.Item.Teaser}}">
<meta property="article:published_time" content="{{.Item.Date}}T09:00:00+00:00">
{{end}}
{{define "pairswitch"}}{{if .Pair}}<li><a hreflang="{{.Pair.Lang}}" href="{{.Pair.Href}}">{{.L.SwitchLabel}}</a></li>{{else}}<li><a hreflang="{{.L.Switch}}" href="{{if eq .Lang "uk"}}/{{else}}/uk/{{end}}">{{.L.SwitchLabel}}</a></li>{{end}}{{end}}
{{define "publication"}}{{template "head" .}}{{template "alternates" .}}
<meta name="citation_publisher" content="{{.Item.Publisher}}">
{{range .Item.Authors}}<meta name="citation_author" content="{{.}}">
{{end}}{{template "header" .}}
<article class="publication">
  <h1 class="entry-title">{{.Item.Title}}</h1>
  <div class="entry-meta">
    <p class="authors">{{.L.Authors}}: {{range $i, $a := .Item.Authors}}{{if $i}}, {{end}}{{$a}}{{end}}</p>
    <p>{{.L.Published}}: <time datetime="{{.Item.Date}}">{{.Item.Date}}</time></p>
    <p>{{.L.Type}}: <a rel="tag" href="{{.Item.TypeHref}}">{{.Item.Type}}</a></p>
  </div>
  <div class="entry-content">
    {{range .Item.Paragraphs}}<p>{{.}}</p>
    {{end}}
    <p><a class="download" href="{{.Item.PDFPath}}">{{.L.Download}}</a></p>
    {{if .Pair}}<p class="translation"><a href="{{.Pair.Href}}" hreflang="{{.Pair.Lang}}">{{.L.Translation}}: {{.Pair.Title}}</a></p>{{end}}
  </div>
  <footer class="entry-footer">{{$it := .Item}}{{range .Item.Topics}}<a rel="tag" href="{{$it.TopicHref .}}">{{topicLabel .}}</a> {{end}}</footer>
</article>
{{template "footer" .}}{{end}}
{{define "explainer"}}{{template "head" .}}{{template "alternates" .}}{{template "header" .}}
<article class="explainer">
  <h1 class="entry-title">{{.Item.Title}}</h1>
  <div class="entry-content">
    {{range .Item.Paragraphs}}<p>{{.}}</p>
    {{end}}
  </div>
  <section class="related-publications"><h2>{{.L.Related}}</h2>
  {{$l := .L}}{{range .Related}}<div class="related-item"><h3><a href="{{.Href}}">{{.Title}}</a></h3>
  <p>{{.Teaser}} … <a class="more-link" href="{{.Href}}">{{$l.ReadMore}}</a></p></div>
  {{end}}</section>
</article>
{{template "footer" .}}{{end}}
{{define "about"}}{{template "head" .}}{{template "header" .}}
<article class="page">
  <h1 class="entry-title">{{.L.About}}</h1>
  <div class="entry-content"><p>{{.L.AboutText}}</p></div>
</article>
{{template "footer" .}}{{end}}
{{define "event"}}{{template "head" .}}{{template "alternates" .}}{{template "header" .}}
<article class="event">
  <h1 class="entry-title">{{.Item.Title}}</h1>
  <p><time datetime="{{.Item.Date}}">{{.Item.Date}}</time></p>
  <div class="entry-content">
    {{range .Item.Paragraphs}}<p>{{.}}</p>
    {{end}}
    {{range .Related}}<p>{{$.L.Related}}: <a href="{{.Href}}">{{.Title}}</a></p>{{end}}
  </div>
</article>
{{template "footer" .}}{{end}}
`))
