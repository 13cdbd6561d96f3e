package evalgen

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"time"
)

// The hub is the Drupal site of an international organisation in English, Russian
// and Ukrainian. It states a publication's metadata in Dublin Core meta tags (DC.* on
// most pages, DCTERMS.* on about a third), OpenGraph on some pages, schema.org
// microdata on about half, and a field table of labelled facts with dates written
// dd/mm/yyyy or dd.mm.yyyy; on some pages the publisher is a sentence under the
// title instead of a table row. Publications live at /LANG/publications/SLUG, their
// type is a breadcrumb link into /LANG/publication-type/SLUG and their topics plain
// links into /LANG/taxonomy/term/N. Two thirds of the PDFs are files under
// /sites/default/files/YYYY-MM/, a third come from /LANG/file/download/N, a URL with
// no extension. Listings are Drupal views paged with 0-based ?page=N links, and every
// page carries the theme's boilerplate: menus, a cookie banner, a sidebar of other
// publications and a footer.

var hubText = map[string]map[string]string{
	"en": {"site": "Hub for Security Sector Governance", "home": "Home", "pubs": "Publications", "events": "Events",
		"about": "About us", "aboutPath": "about-us", "search": "Search", "login": "Log in", "skip": "Skip to main content",
		"menu": "Main navigation", "breadcrumb": "Breadcrumb", "date": "Publication date", "type": "Publication type",
		"authors": "Author(s)", "publisher": "Publisher", "lang": "Language", "topics": "Topics",
		"publishedBy": "Published by the", "download": "Download", "more": "Read more", "related": "Related content",
		"latest": "Latest publications", "latestEvents": "Latest events", "allPubs": "All publications",
		"allEvents": "All events", "documents": "Documents", "eventDate": "Date", "pubDetails": "Publication details",
		"empty": "No content found.", "pagination": "Pagination", "current": "Current page", "first": "« First",
		"prev": "‹ Previous", "next": "Next ›", "last": "Last »",
		"cookie": "We use cookies on this site to enhance your user experience. By clicking the Accept button, you agree to us doing so.",
		"accept": "Accept", "decline": "No, thanks", "moreInfo": "More info", "contact": "Contact",
		"address": "Schottenring 14, 1010 Vienna, Austria", "follow": "Follow us",
		"copyright": "© Hub for Security Sector Governance. All rights reserved.",
		"intro":     "The Hub collects handbooks, reports and training materials on the democratic governance of the security sector from partner organisations in Eastern Europe, the South Caucasus and Central Asia.",
		"aboutText": "The Hub for Security Sector Governance is a resource centre of participating states and partner institutions that supports parliaments, ministries, oversight bodies and civil society in making the security sector accountable.\nIt publishes and translates handbooks, policy papers and training materials, organises workshops and keeps a library of its partners' publications in English, Russian and Ukrainian."},
	"ru": {"site": "Хаб по управлению сектором безопасности", "home": "Главная", "pubs": "Публикации", "events": "Мероприятия",
		"about": "О нас", "aboutPath": "o-nas", "search": "Поиск", "login": "Войти", "skip": "Перейти к основному содержанию",
		"menu": "Основная навигация", "breadcrumb": "Навигационная цепочка", "date": "Дата публикации", "type": "Тип публикации",
		"authors": "Автор(ы)", "publisher": "Издатель", "lang": "Язык", "topics": "Темы",
		"publishedBy": "Издано:", "download": "Скачать", "more": "Подробнее", "related": "Похожие материалы",
		"latest": "Последние публикации", "latestEvents": "Последние мероприятия", "allPubs": "Все публикации",
		"allEvents": "Все мероприятия", "documents": "Документы", "eventDate": "Дата", "pubDetails": "О публикации",
		"empty": "Материалы не найдены.", "pagination": "Постраничная навигация", "current": "Текущая страница",
		"first": "« Первая", "prev": "‹ Предыдущая", "next": "Следующая ›", "last": "Последняя »",
		"cookie": "Мы используем файлы cookie, чтобы сделать работу с сайтом удобнее. Нажимая кнопку «Принять», вы соглашаетесь на их использование.",
		"accept": "Принять", "decline": "Нет, спасибо", "moreInfo": "Подробнее", "contact": "Контакты",
		"address": "Шоттенринг 14, 1010 Вена, Австрия", "follow": "Мы в социальных сетях",
		"copyright": "© Хаб по управлению сектором безопасности. Все права защищены.",
		"intro":     "Хаб собирает пособия, доклады и учебные материалы по демократическому управлению сектором безопасности, подготовленные партнёрскими организациями Восточной Европы, Южного Кавказа и Центральной Азии.",
		"aboutText": "Хаб по управлению сектором безопасности — ресурсный центр государств-участников и партнёрских учреждений, который помогает парламентам, министерствам, надзорным органам и гражданскому обществу добиваться подотчётности сектора безопасности.\nМы издаём и переводим пособия, аналитические документы и учебные материалы, проводим семинары и ведём библиотеку публикаций наших партнёров на английском, русском и украинском языках."},
	"uk": {"site": "Хаб з врядування сектором безпеки", "home": "Головна", "pubs": "Публікації", "events": "Заходи",
		"about": "Про нас", "aboutPath": "pro-nas", "search": "Пошук", "login": "Увійти", "skip": "Перейти до основного вмісту",
		"menu": "Основна навігація", "breadcrumb": "Навігаційний ланцюжок", "date": "Дата публікації", "type": "Тип публікації",
		"authors": "Автор(и)", "publisher": "Видавець", "lang": "Мова", "topics": "Теми",
		"publishedBy": "Видано:", "download": "Завантажити", "more": "Детальніше", "related": "Схожі матеріали",
		"latest": "Останні публікації", "latestEvents": "Останні заходи", "allPubs": "Усі публікації",
		"allEvents": "Усі заходи", "documents": "Документи", "eventDate": "Дата", "pubDetails": "Про публікацію",
		"empty": "Матеріалів не знайдено.", "pagination": "Посторінкова навігація", "current": "Поточна сторінка",
		"first": "« Перша", "prev": "‹ Попередня", "next": "Наступна ›", "last": "Остання »",
		"cookie": "Ми використовуємо файли cookie, щоб зробити роботу із сайтом зручнішою. Натискаючи кнопку «Прийняти», ви погоджуєтеся на їх використання.",
		"accept": "Прийняти", "decline": "Ні, дякую", "moreInfo": "Докладніше", "contact": "Контакти",
		"address": "Шоттенрінг 14, 1010 Відень, Австрія", "follow": "Ми в соціальних мережах",
		"copyright": "© Хаб з врядування сектором безпеки. Усі права захищені.",
		"intro":     "Хаб збирає посібники, доповіді та навчальні матеріали з демократичного врядування сектором безпеки, підготовлені партнерськими організаціями Східної Європи, Південного Кавказу та Центральної Азії.",
		"aboutText": "Хаб з врядування сектором безпеки — ресурсний центр держав-учасниць і партнерських установ, що допомагає парламентам, міністерствам, наглядовим органам і громадянському суспільству домагатися підзвітності сектору безпеки.\nМи видаємо й перекладаємо посібники, аналітичні документи та навчальні матеріали, проводимо семінари й ведемо бібліотеку публікацій наших партнерів англійською, російською та українською мовами."},
}

// hubLangName names each language in each page language, capitalised as the
// field table and the language switcher show them.
var hubLangName = map[string]map[string]string{
	"en": {"en": "English", "ru": "Russian", "uk": "Ukrainian"},
	"ru": {"en": "Английский", "ru": "Русский", "uk": "Украинский"},
	"uk": {"en": "Англійська", "ru": "Російська", "uk": "Українська"},
}

// hubLocale is each language's OpenGraph locale.
var hubLocale = map[string]string{"en": "en_GB", "ru": "ru_RU", "uk": "uk_UA"}

var hubTmpl = template.Must(template.New("").Funcs(template.FuncMap{"t": func(m map[string]string, k string) string { return m[k] }}).Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="{{.Lang}}" dir="ltr" prefix="content: http://purl.org/rss/1.0/modules/content/  dc: http://purl.org/dc/terms/  foaf: http://xmlns.com/foaf/0.1/  og: http://ogp.me/ns#  rdfs: http://www.w3.org/2000/01/rdf-schema#  schema: http://schema.org/  sioc: http://rdfs.org/sioc/ns#  skos: http://www.w3.org/2004/02/skos/core#  xsd: http://www.w3.org/2001/XMLSchema# ">
<head>
<meta charset="utf-8">
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
<meta name="MobileOptimized" content="width">
<meta name="HandheldFriendly" content="true">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
{{if .SchemaDC}}<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">
{{end}}{{if .SchemaDCTerms}}<link rel="schema.DCTERMS" href="http://purl.org/dc/terms/">
{{end}}{{range .Names}}<meta name="{{.Key}}" content="{{.Content}}"{{if .Scheme}} scheme="{{.Scheme}}"{{end}}>
{{end}}{{range .Props}}<meta property="{{.Key}}" content="{{.Content}}">
{{end}}<link rel="canonical" href="{{.Canonical}}">
{{range .Alternates}}<link rel="alternate" hreflang="{{.Lang}}" href="{{.Href}}">
{{end}}<link rel="icon" href="/themes/custom/ssghub/favicon.ico" type="image/vnd.microsoft.icon">
<title>{{.Title}} | {{t .T "site"}}</title>
<link rel="stylesheet" media="all" href="/sites/default/files/css/css_Hq0bYk2rTzW1oVd8aN4pLmXcE5sJ.css">
</head>
<body class="{{.BodyClass}}">
<a href="#main-content" class="visually-hidden focusable skip-link">{{t .T "skip"}}</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div id="page-wrapper"><div id="page">
<header id="header" class="header" role="banner">
<div class="region region-header">
  <div id="block-ssghub-branding" class="block block-system block-system-branding-block">
    <a href="/{{.Lang}}" rel="home" class="site-logo"><img src="/themes/custom/ssghub/logo.svg" alt="{{t .T "home"}}"></a>
    <div class="site-name"><a href="/{{.Lang}}" rel="home">{{t .T "site"}}</a></div>
  </div>
  <div class="language-switcher-language-url block block-language" id="block-languageswitcher" role="navigation">
    <ul class="links language-switcher-language-url">{{range .Switch}}
      <li hreflang="{{.Lang}}" class="{{.Lang}}{{if eq .Lang $.Lang}} is-active{{end}}"><a href="{{.Href}}" class="language-link{{if eq .Lang $.Lang}} is-active{{end}}" hreflang="{{.Lang}}">{{.Name}}</a></li>{{end}}
    </ul>
  </div>
  <div class="search-block-form block block-search" role="search">
    <form action="/{{.Lang}}/search/node" method="get" id="search-block-form" accept-charset="UTF-8">
      <input title="{{t .T "search"}}" type="search" name="keys" size="15" maxlength="128" class="form-search">
      <input type="submit" value="{{t .T "search"}}" class="button form-submit">
    </form>
  </div>
  <div class="block block-user"><a href="/user/login">{{t .T "login"}}</a></div>
</div>
<div class="region region-primary-menu">
  <nav role="navigation" aria-labelledby="block-ssghub-main-menu-menu" id="block-ssghub-main-menu">
    <h2 class="visually-hidden" id="block-ssghub-main-menu-menu">{{t .T "menu"}}</h2>
    <ul class="menu menu--main">
      <li class="menu-item"><a href="/{{.Lang}}" data-drupal-link-system-path="&lt;front&gt;">{{t .T "home"}}</a></li>
      <li class="menu-item"><a href="/{{.Lang}}/publications" data-drupal-link-system-path="publications">{{t .T "pubs"}}</a></li>
      <li class="menu-item"><a href="/{{.Lang}}/events" data-drupal-link-system-path="events">{{t .T "events"}}</a></li>
      <li class="menu-item"><a href="{{.AboutHref}}">{{t .T "about"}}</a></li>
    </ul>
  </nav>
</div>
</header>
<div id="main-wrapper" class="layout-main-wrapper layout-container clearfix">
<div id="main" class="layout-main clearfix">
{{if .Crumbs}}<div class="region region-breadcrumb">
  <nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb">
    <h2 id="system-breadcrumb" class="visually-hidden">{{t .T "breadcrumb"}}</h2>
    <ol>{{range .Crumbs}}<li><a href="{{.Href}}">{{.Label}}</a></li>{{end}}</ol>
  </nav>
</div>
{{end}}<main id="content" class="column main-content" role="main">
<section class="section">
<a id="main-content" tabindex="-1"></a>
<div class="region region-content">
{{end}}

{{define "foot"}}</div>
</section>
</main>
<aside class="layout-sidebar-first" role="complementary">
<div class="region region-sidebar-first">
  <div class="views-element-container block block-views" id="block-views-block-related-content">
    <h2>{{.SideTitle}}</h2>
    <div class="view view-related-content"><div class="view-content"><div class="item-list"><ul>{{range .Side}}
      <li><a href="{{.Href}}" hreflang="{{$.Lang}}">{{.Label}}</a></li>{{end}}
    </ul></div></div></div>
  </div>
</div>
</aside>
</div>
</div>
<footer class="site-footer" role="contentinfo">
<div class="region region-footer">
  <div id="block-contact" class="block block-block-content">
    <h2>{{t .T "contact"}}</h2>
    <p>{{t .T "site"}}<br>{{t .T "address"}}<br>Tel. +43 1 234 56 70<br><a href="mailto:info@ssg-hub.example">info@ssg-hub.example</a></p>
  </div>
  <div id="block-social" class="block block-block-content">
    <h2>{{t .T "follow"}}</h2>
    <ul class="social-links">
      <li><a href="https://x.com/SSGHub" class="social-x">X</a></li>
      <li><a href="https://www.facebook.com/SSGHub" class="social-facebook">Facebook</a></li>
      <li><a href="https://www.linkedin.com/company/ssghub" class="social-linkedin">LinkedIn</a></li>
      <li><a href="https://www.youtube.com/@SSGHub" class="social-youtube">YouTube</a></li>
    </ul>
  </div>
  <div id="block-copyright" class="block"><p>{{t .T "copyright"}}</p></div>
</div>
</footer>
</div></div>
</div>
<div id="sliding-popup" class="sliding-popup-bottom" role="alertdialog" aria-describedby="popup-text">
  <div class="eu-cookie-compliance-banner eu-cookie-compliance-banner-info">
    <div class="popup-content info eu-cookie-compliance-content">
      <div id="popup-text" class="eu-cookie-compliance-message"><p>{{t .T "cookie"}}</p>
        <button type="button" class="find-more-button eu-cookie-compliance-more-button">{{t .T "moreInfo"}}</button></div>
      <div id="popup-buttons" class="eu-cookie-compliance-buttons">
        <button type="button" class="agree-button eu-cookie-compliance-default-button">{{t .T "accept"}}</button>
        <button type="button" class="decline-button eu-cookie-compliance-default-button">{{t .T "decline"}}</button>
      </div>
    </div>
  </div>
</div>
<script type="application/json" data-drupal-selector="drupal-settings-json">{"path":{"baseUrl":"\/","pathPrefix":"{{.Lang}}\/","currentLanguage":"{{.Lang}}"},"eu_cookie_compliance":{"popup_position":false}}</script>
<script src="/sites/default/files/js/js_a7Qk0Zp3RvU2dW9xH5mLcN1bT.js"></script>
</body>
</html>{{end}}

{{define "view"}}<div class="views-element-container"><div class="view {{.Class}} view-display-id-page_1 js-view-dom-id-{{.DomID}}">
{{if .Heading}}<div class="view-header"><h2>{{.Heading}}</h2></div>
{{end}}{{if .Rows}}<div class="view-content">
{{range .Rows}}<div class="views-row">
  <div class="views-field views-field-title"><span class="field-content"><a href="{{.Href}}" hreflang="{{.Lang}}">{{.Title}}</a></span></div>
  {{if .Type}}<div class="views-field views-field-field-publication-type"><div class="field-content">{{.Type}}</div></div>
  {{end}}<div class="views-field views-field-field-date"><div class="field-content"><time datetime="{{.ISO}}T12:00:00Z" class="datetime">{{.Date}}</time></div></div>
  <div class="views-field views-field-body"><div class="field-content">{{.Teaser}}</div></div>
  <div class="views-field views-field-view-node"><span class="field-content"><a href="{{.Href}}" hreflang="{{.Lang}}">{{.More}}</a></span></div>
</div>
{{end}}</div>
{{else}}<div class="view-empty">{{.Empty}}</div>
{{end}}{{with .Pager}}<nav class="pager" role="navigation" aria-labelledby="pagination-heading">
  <h4 id="pagination-heading" class="visually-hidden">{{t .T "pagination"}}</h4>
  <ul class="pager__items js-pager__items">
    {{if .Prev}}<li class="pager__item pager__item--first"><a href="{{.First}}" title="{{t .T "first"}}">{{t .T "first"}}</a></li>
    <li class="pager__item pager__item--previous"><a href="{{.Prev}}" rel="prev">{{t .T "prev"}}</a></li>
    {{end}}{{range .Numbers}}<li class="pager__item{{if .Current}} is-active{{end}}">{{if .Current}}<a href="{{.Href}}" title="{{t $.Pager.T "current"}}"><span class="visually-hidden">{{t $.Pager.T "current"}}</span>{{.N}}</a>{{else}}<a href="{{.Href}}">{{.N}}</a>{{end}}</li>
    {{end}}{{if .Next}}<li class="pager__item pager__item--next"><a href="{{.Next}}" rel="next">{{t .T "next"}}</a></li>
    <li class="pager__item pager__item--last"><a href="{{.Last}}">{{t .T "last"}}</a></li>
  {{end}}</ul>
</nav>
{{end}}{{with .More}}<div class="more-link"><a href="{{.Href}}">{{.Label}}</a></div>
{{end}}</div></div>
{{end}}

{{define "publisher"}}<span class="field field--name-field-publisher"{{if .Micro}} itemprop="publisher" itemscope itemtype="https://schema.org/Organization"{{end}}><span{{if .Micro}} itemprop="name"{{end}}>{{.Publisher}}</span></span>{{end}}

{{define "publication"}}{{template "head" .}}{{with .Pub}}
<article role="article" class="node node--type-publication node--view-mode-full"{{if .Micro}} itemscope itemtype="{{.ItemType}}"{{end}}>
<h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden"{{if .Micro}} itemprop="name"{{end}}>{{$.Title}}</span></h1>
{{if .Micro}}{{if .MetaDate}}<meta itemprop="datePublished" content="{{.ISO}}">
{{end}}<meta itemprop="inLanguage" content="{{.LangCode}}">
{{with .Keywords}}<meta itemprop="keywords" content="{{.}}">
{{end}}{{end}}{{if .Byline}}<div class="field field--name-field-publisher-note"><p>{{t $.T "publishedBy"}} {{template "publisher" .}}</p></div>
{{end}}<div class="node__content">
<table class="field-table">
<tbody>
<tr><th>{{t $.T "date"}}</th><td>{{if and .Micro (not .MetaDate)}}<time itemprop="datePublished" datetime="{{.ISO}}">{{.Date}}</time>{{else}}{{.Date}}{{end}}</td></tr>
<tr><th>{{t $.T "type"}}</th><td><a href="{{.Type.Href}}" hreflang="{{$.Lang}}">{{.Type.Label}}</a></td></tr>
{{if .Authors}}<tr><th>{{t $.T "authors"}}</th><td>{{range .Authors}}<div class="field__item"{{if $.Pub.Micro}} itemprop="author" itemscope itemtype="https://schema.org/Person"{{end}}><span{{if $.Pub.Micro}} itemprop="name"{{end}}>{{.}}</span></div>{{end}}</td></tr>
{{end}}{{if not .Byline}}<tr><th>{{t $.T "publisher"}}</th><td>{{template "publisher" .}}</td></tr>
{{end}}<tr><th>{{t $.T "lang"}}</th><td>{{.LangName}}</td></tr>
{{if .Topics}}<tr><th>{{t $.T "topics"}}</th><td>{{range .Topics}}<div class="field__item"><a href="{{.Href}}" hreflang="{{$.Lang}}">{{if $.Pub.Micro}}<span itemprop="about">{{.Label}}</span>{{else}}{{.Label}}{{end}}</a></div>{{end}}</td></tr>
{{end}}</tbody>
</table>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item"{{if .Micro}} itemprop="description"{{end}}>
{{range .Summary}}<p>{{.}}</p>
{{end}}</div>
<div class="field field--name-field-document field--type-file field--label-above">
<div class="field__label">{{t $.T "download"}}</div>
<div class="field__item">{{if .Direct}}<span class="file file--mime-application-pdf file--application-pdf"><a href="{{.PDF}}" type="application/pdf">{{.File}}</a></span> <span class="file-size">({{.Size}})</span>{{else}}<a class="button button--primary" href="{{.PDF}}">{{t $.T "download"}}</a> <span class="file-size">(PDF, {{.Size}})</span>{{end}}</div>
</div>
</div>
</article>
{{end}}{{template "foot" .}}{{end}}

{{define "listing"}}{{template "head" .}}
{{if .Heading}}<h1 class="page-title">{{.Heading}}</h1>
{{end}}{{range .Intro}}<p>{{.}}</p>
{{end}}{{range .Views}}{{template "view" .}}{{end}}
{{template "foot" .}}{{end}}

{{define "event"}}{{template "head" .}}{{with .Ev}}
<article role="article" class="node node--type-event node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">{{$.Title}}</span></h1>
<div class="node__content">
<div class="field field--name-field-event-date field--label-inline"><div class="field__label">{{t $.T "eventDate"}}</div><div class="field__item"><time datetime="{{.ISO}}T09:00:00Z" class="datetime">{{.Date}}</time></div></div>
<div class="clearfix text-formatted field field--name-body field--label-hidden field__item">
{{range .Summary}}<p>{{.}}</p>
{{end}}</div>
<div class="field field--name-field-documents field--label-above">
<div class="field__label">{{t $.T "documents"}}</div>
<div class="field__item"><span class="file file--mime-application-pdf file--application-pdf"><a href="{{.PDF}}"{{if .Direct}} type="application/pdf"{{end}}>{{.PubTitle}}</a></span> <span class="file-size">(PDF, {{.Size}})</span> · <a href="{{.PubHref}}" hreflang="{{.PubLang}}">{{t $.T "pubDetails"}}</a></div>
</div>
</div>
</article>
{{end}}{{template "foot" .}}{{end}}

{{define "about"}}{{template "head" .}}
<article role="article" class="node node--type-page node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{{.Title}}</span></h1>
<div class="clearfix text-formatted field field--name-body field__item">
{{range .Intro}}<p>{{.}}</p>
{{end}}</div>
</article>
{{template "foot" .}}{{end}}
`))

// hubPage is the data of one hub page.
type hubPage struct {
	Lang, Title, Canonical, BodyClass, AboutHref string
	T                                            map[string]string
	Switch                                       []langLink
	Alternates                                   []alternate
	// Head metadata: Dublin Core names and the schemas they use, OpenGraph properties.
	SchemaDC, SchemaDCTerms bool
	Names, Props            []hubMeta
	Crumbs                  []topicLink
	SideTitle               string
	Side                    []topicLink
	// Page kinds' own data.
	Pub     *hubPub
	Ev      *hubEvent
	Heading string
	Intro   []string
	Views   []hubView
}

// hubMeta is a meta tag: a name (or property), its content and its scheme, if any.
type hubMeta struct{ Key, Content, Scheme string }

// hubPub is what a publication page shows of the publication.
type hubPub struct {
	// Micro marks the facts with schema.org microdata of ItemType; MetaDate puts its
	// datePublished in a <meta> (else the table's date is a <time>).
	Micro, MetaDate    bool
	ItemType, Keywords string
	// Byline states the publisher in a sentence under the title, not in the table.
	Byline             bool
	ISO, Date          string
	Type               topicLink
	Authors            []string
	Publisher          string
	LangCode, LangName string
	Topics             []topicLink
	Summary            []string
	// Direct links the PDF as a file (under /sites/default/files), named File.
	Direct          bool
	PDF, File, Size string
}

// hubEvent is what an event page shows.
type hubEvent struct {
	ISO, Date                             string
	Summary                               []string
	PubHref, PubLang, PubTitle, PDF, Size string
	// Direct links the PDF as a file (under /sites/default/files).
	Direct bool
}

// hubView is a Drupal view: rows, or its empty text, and a pager or a "more" link.
type hubView struct {
	Class, DomID, Heading, Empty string
	Rows                         []hubRow
	Pager                        *hubPager
	More                         *topicLink
}

// hubRow is a row of a view: a publication or an event.
type hubRow struct{ Lang, Href, Title, Type, ISO, Date, Teaser, More string }

// hubPager is a Drupal full pager; First and Prev are empty on the first page,
// Next and Last on the last.
type hubPager struct {
	T                       map[string]string
	First, Prev, Next, Last string
	Numbers                 []pageNumber
}

// hub builds the hub site.
type hub struct {
	b *siteBuilder
	// langs are the site's languages in the order of its navigation.
	langs []string
	// term maps a topic key to its taxonomy term ID.
	term map[string]int
}

// hubRowsPerPage is how many rows a page of a view shows.
const hubRowsPerPage = 15

// buildHub builds the hub: publication and event pages, the PDFs, each language's
// views and about page, the sitemap, robots.txt and a redirect from / to the first
// language.
func buildHub(b *siteBuilder) error {
	h := &hub{b: b, term: map[string]int{}}
	for _, l := range []string{"en", "ru", "uk"} {
		if slices.Contains(b.langs(), l) {
			h.langs = append(h.langs, l)
		}
	}
	if len(h.langs) == 0 {
		return nil
	}
	for i, t := range b.g.c.Topics {
		h.term[t.Key] = 41 + i
	}
	// Paths first: pages link each other.
	used := map[string]bool{}
	for i, v := range b.versions {
		v.page = escapePath(claim(used, fmt.Sprintf("/%s/publications/%s", v.lang, slug(translit(v.title), 8)), "-", ""))
		if hashOf("hub-download/"+v.work.ID+"/"+v.lang)%3 == 0 {
			v.pdf = fmt.Sprintf("/%s/file/download/%d", v.lang, 1000+3*i+int(hashOf(v.file)%3))
		} else {
			up := v.date().AddDate(0, 0, int(hashOf(v.file)%20)) // uploaded a few days later
			stem := "/sites/default/files/" + up.Format("2006-01") + "/" + strings.TrimSuffix(v.file, ".pdf")
			v.pdf = escapePath(claim(used, stem, "_", ".pdf"))
		}
		v.typeLabel = TypeLabels[v.work.Type][v.lang][0]
		v.topicLabel = nil
		for _, k := range b.topicKeys(v) {
			v.topicLabel = append(v.topicLabel, b.g.c.topic[k].Label(v.lang))
		}
	}
	for _, e := range b.events {
		b.g.eventPage[e.ID] = escapePath(claim(used, fmt.Sprintf("/%s/events/%s", e.Lang, slug(translit(e.Title), 8)), "-", ""))
	}
	var sitemap []string
	for _, v := range b.versions {
		if err := h.publication(v); err != nil {
			return err
		}
		sitemap = append(sitemap, hostToken+v.page)
	}
	b.pdfs()
	for _, e := range b.events {
		if err := h.event(e); err != nil {
			return err
		}
		sitemap = append(sitemap, hostToken+b.g.eventPage[e.ID])
	}
	for _, lang := range h.langs {
		if err := h.listings(lang); err != nil {
			return err
		}
		t := hubText[lang]
		path := h.aboutPath(lang)
		p := h.base(lang, t["about"], path, "path-node page-node-type-page", h.everywhere(h.aboutPath))
		p.Crumbs = homeCrumb(lang)
		p.Intro = strings.Split(t["aboutText"], "\n")
		if err := b.page(hubTmpl, path, "about", p); err != nil {
			return err
		}
		b.document(path, "about", t["about"], lang, nil, "")
	}
	b.sitemap("/sitemap.xml", sitemap)
	b.site.Add("/robots.txt", "text/plain", []byte(hubRobots))
	b.site.files["/"] = &File{Path: "/", Status: 302, Location: "/" + h.langs[0]}
	b.site.order = append(b.site.order, "/")
	for _, l := range h.langs {
		b.site.Seeds = append(b.site.Seeds, "/"+l)
	}
	return nil
}

// hubRobots is Drupal's robots.txt, shortened.
const hubRobots = `#
# robots.txt
#
# This file is to prevent the crawling and indexing of certain parts
# of your site by web crawlers and spiders run by sites like Yahoo!
# and Google.
#
User-agent: *
# CSS, JS, Images
Allow: /core/*.css$
Allow: /core/*.css?
Allow: /core/*.js$
Allow: /core/*.js?
# Directories
Disallow: /core/
Disallow: /profiles/
# Files
Disallow: /README.md
Disallow: /web.config
# Paths (clean URLs)
Disallow: /admin/
Disallow: /comment/reply/
Disallow: /filter/tips
Disallow: /node/add/
Disallow: /search/
Disallow: /user/
# Paths (no clean URLs)
Disallow: /index.php/admin/
Disallow: /index.php/search/
Disallow: /index.php/user/

Sitemap: ` + hostToken + `/sitemap.xml
`

// claim returns stem+ext, or when that is taken stem with sep and 0, 1, … before
// ext, as Drupal renames a clashing path alias or upload, and marks it taken.
func claim(used map[string]bool, stem, sep, ext string) string {
	p := stem + ext
	for n := 0; used[p]; n++ {
		p = fmt.Sprintf("%s%s%d%s", stem, sep, n, ext)
	}
	used[p] = true
	return p
}

// hubDirect reports whether a version's PDF is a file under /sites/default/files
// (else it comes from /LANG/file/download/N).
func hubDirect(v *version) bool { return strings.HasPrefix(v.pdf, "/sites/") }

// hubDate writes a date as the hub's pages show it: 12/03/2021 in English,
// 12.03.2021 in Russian and Ukrainian.
func hubDate(t time.Time, lang string) string {
	if lang == "en" {
		return t.Format("02/01/2006")
	}
	return t.Format("02.01.2006")
}

// trimmed cuts a text to about n words as Drupal's trimmed formatter does, marking
// the cut.
func trimmed(s string, n int) string {
	if t := teaser(s, n); t != s {
		return strings.TrimRight(t, ",;:") + "…"
	}
	return s
}

// aboutPath is the path of the about page in lang.
func (h *hub) aboutPath(lang string) string { return "/" + lang + "/" + hubText[lang]["aboutPath"] }

// termPath is the path of a topic's taxonomy term page in lang.
func (h *hub) termPath(lang, topic string) string {
	return fmt.Sprintf("/%s/taxonomy/term/%d", lang, h.term[topic])
}

// typePath is the path of a publication type's archive in lang.
func (h *hub) typePath(lang, typ string) string {
	return "/" + lang + "/publication-type/" + slug(translit(TypeLabels[typ][lang][0]), 6)
}

// everywhere maps each of the site's languages to path(lang): the counterparts of
// a page every language has.
func (h *hub) everywhere(path func(lang string) string) map[string]string {
	m := map[string]string{}
	for _, l := range h.langs {
		m[l] = path(l)
	}
	return m
}

// base is the page at path in lang, with the language switch and hreflang
// alternates leading to its counterparts in other languages (others, by language;
// the switch leads to a language's front page where there is none), and the newest
// publications in the sidebar.
func (h *hub) base(lang, title, path, class string, others map[string]string) hubPage {
	p := hubPage{Lang: lang, Title: title, Canonical: hostToken + path, BodyClass: class, AboutHref: h.aboutPath(lang), T: hubText[lang]}
	var alts []alternate
	for _, l := range h.langs {
		href, ok := others[l]
		switch {
		case l == lang:
			href, ok = path, true
		case !ok:
			href = "/" + l
		}
		p.Switch = append(p.Switch, langLink{Lang: l, Href: href, Name: hubLangName[l][l]})
		if ok {
			alts = append(alts, alternate{Lang: l, Href: hostToken + href})
		}
	}
	if len(alts) > 1 {
		p.Alternates = alts
	}
	h.sidebar(&p, "", nil)
	return p
}

// sidebar lists three publications in the page's language in its sidebar: under
// "Related content", three that match picked by seed; else, or when none match,
// the newest.
func (h *hub) sidebar(p *hubPage, seed string, match func(*version) bool) {
	var pool []*version
	if match != nil {
		for _, o := range h.b.inLang(p.Lang) {
			if match(o) {
				pool = append(pool, o)
			}
		}
		r := rng("hub-related", seed)
		r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	}
	p.SideTitle = p.T["related"]
	if len(pool) == 0 {
		pool = h.b.inLang(p.Lang)
		p.SideTitle = p.T["latest"]
	}
	p.Side = nil
	for _, o := range pool[:min(3, len(pool))] {
		p.Side = append(p.Side, topicLink{Href: o.page, Label: o.title})
	}
}

// publication writes a version's page.
func (h *hub) publication(v *version) error {
	b := h.b
	t := hubText[v.lang]
	others := map[string]string{}
	for _, o := range b.translations(v) {
		others[o.lang] = o.page
	}
	p := h.base(v.lang, v.title, v.page, "path-node page-node-type-publication", others)
	typ := topicLink{Href: h.typePath(v.lang, v.work.Type), Label: v.typeLabel}
	p.Crumbs = []topicLink{{Href: "/" + v.lang, Label: t["home"]}, {Href: "/" + v.lang + "/publications", Label: t["pubs"]}, typ}
	// Related content: other publications on the focus topic, or for an omnibus of
	// its type.
	keys := b.topicKeys(v)
	h.sidebar(&p, v.key(), func(o *version) bool {
		if o == v {
			return false
		}
		if len(keys) == 0 {
			return o.work.Type == v.work.Type
		}
		return slices.Contains(b.topicKeys(o), keys[0])
	})

	r := rng("hub", v.work.ID, v.lang)
	dcterms, issued, scheme := r.IntN(3) == 0, r.IntN(3) == 0, r.IntN(2) == 0
	og, micro, metaDate, byline := r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(4) == 0
	iso := v.date().Format("2006-01-02")

	dc := "DC."
	if dcterms {
		dc = "DCTERMS."
	}
	p.Names = []hubMeta{{Key: dc + "title", Content: v.title}}
	for _, a := range v.authors {
		p.Names = append(p.Names, hubMeta{Key: dc + "creator", Content: a})
	}
	date := hubMeta{Key: "DC.date", Content: iso}
	if dcterms || issued {
		date.Key = "DCTERMS.issued"
	}
	if scheme {
		date.Scheme = "DCTERMS.W3CDTF"
	}
	p.Names = append(p.Names, date, hubMeta{Key: dc + "publisher", Content: v.pub}, hubMeta{Key: dc + "language", Content: v.lang})
	for _, l := range v.topicLabel {
		p.Names = append(p.Names, hubMeta{Key: dc + "subject", Content: l})
	}
	p.Names = append(p.Names, hubMeta{Key: dc + "type", Content: v.typeLabel},
		hubMeta{Key: dc + "description", Content: strings.Join(strings.Fields(v.summary), " ")})
	for _, m := range p.Names {
		p.SchemaDC = p.SchemaDC || strings.HasPrefix(m.Key, "DC.")
		p.SchemaDCTerms = p.SchemaDCTerms || strings.HasPrefix(m.Key, "DCTERMS.")
	}
	if og {
		p.Props = []hubMeta{{Key: "og:site_name", Content: t["site"]}, {Key: "og:type", Content: "article"},
			{Key: "og:url", Content: hostToken + v.page}, {Key: "og:title", Content: v.title},
			{Key: "og:locale", Content: hubLocale[v.lang]}, {Key: "article:published_time", Content: iso + "T09:30:00+01:00"}}
	}

	pub := &hubPub{Micro: micro, MetaDate: metaDate, ItemType: "https://schema.org/CreativeWork", Byline: byline,
		ISO: iso, Date: hubDate(v.date(), v.lang), Type: typ, Authors: v.authors, Publisher: v.pub,
		LangCode: v.lang, LangName: hubLangName[v.lang][v.lang], Summary: strings.Split(v.summary, "\n"),
		Direct: hubDirect(v), PDF: v.pdf, File: v.file, Size: v.sizeLabel()}
	switch v.work.Type {
	case "report", "annual-report", "policy-paper", "policy-brief":
		pub.ItemType = "https://schema.org/Report"
	}
	pub.Keywords = strings.Join(v.topicLabel, ", ")
	for i, k := range keys {
		pub.Topics = append(pub.Topics, topicLink{Href: h.termPath(v.lang, k), Label: v.topicLabel[i]})
	}
	p.Pub = pub
	return b.page(hubTmpl, v.page, "publication", p)
}

// event writes an event's page, which offers the PDF of the publication it presents.
func (h *hub) event(e *Event) error {
	b := h.b
	v := b.g.presented(e)
	path := b.g.eventPage[e.ID]
	t := hubText[e.Lang]
	p := h.base(e.Lang, e.Title, path, "path-node page-node-type-event", nil)
	p.Crumbs = []topicLink{{Href: "/" + e.Lang, Label: t["home"]}, {Href: "/" + e.Lang + "/events", Label: t["events"]}}
	if len(e.Topics) > 0 {
		h.sidebar(&p, e.ID, func(o *version) bool { return slices.Contains(b.topicKeys(o), e.Topics[0]) })
	}
	p.Ev = &hubEvent{ISO: e.date.Format("2006-01-02"), Date: hubDate(e.date, e.Lang), Summary: strings.Split(strings.TrimSpace(e.Summary), "\n"),
		PubHref: v.page, PubLang: v.lang, PubTitle: v.title, PDF: v.pdf, Size: v.sizeLabel(), Direct: hubDirect(v)}
	if err := b.page(hubTmpl, path, "event", p); err != nil {
		return err
	}
	b.document(path, "event", e.Title, e.Lang, e.Topics, v.key())
	return nil
}

// listings writes the views of lang: the front page, all publications, each type's
// and each topic's publications, and the events.
func (h *hub) listings(lang string) error {
	b := h.b
	t := hubText[lang]
	pubs := b.inLang(lang)
	rowOf := func(v *version) hubRow {
		return hubRow{Lang: lang, Href: v.page, Title: v.title, Type: v.typeLabel, ISO: v.date().Format("2006-01-02"),
			Date: hubDate(v.date(), lang), Teaser: trimmed(v.summary, 30), More: t["more"]}
	}
	var rows []hubRow
	for _, v := range pubs {
		rows = append(rows, rowOf(v))
	}
	var events []*Event
	for _, e := range b.events {
		if e.Lang == lang {
			events = append(events, e)
		}
	}
	slices.SortStableFunc(events, func(x, y *Event) int { return y.date.Compare(x.date) })
	var evRows []hubRow
	for _, e := range events {
		evRows = append(evRows, hubRow{Lang: lang, Href: b.g.eventPage[e.ID], Title: e.Title, ISO: e.date.Format("2006-01-02"),
			Date: hubDate(e.date, lang), Teaser: trimmed(e.Summary, 30), More: t["more"]})
	}
	home := homeCrumb(lang)

	front := "/" + lang
	p := h.base(lang, t["home"], front, "path-frontpage", h.everywhere(func(l string) string { return "/" + l }))
	p.Intro = []string{t["intro"]}
	p.Views = []hubView{{Class: "view-frontpage", DomID: fmt.Sprintf("%x", hashOf(front)), Heading: t["latest"],
		Rows: rows[:min(5, len(rows))], Empty: t["empty"], More: &topicLink{Href: "/" + lang + "/publications", Label: t["allPubs"]}}}
	if len(evRows) > 0 {
		p.Views = append(p.Views, hubView{Class: "view-events", DomID: fmt.Sprintf("%x", hashOf(front+"/events")), Heading: t["latestEvents"],
			Rows: evRows[:min(3, len(evRows))], More: &topicLink{Href: "/" + lang + "/events", Label: t["allEvents"]}})
	}
	if err := b.page(hubTmpl, front, "listing", p); err != nil {
		return err
	}
	b.listing(front)

	all := func(l string) string { return "/" + l + "/publications" }
	if err := h.view(lang, all(lang), t["pubs"], "view-publications", home, rows, h.everywhere(all)); err != nil {
		return err
	}
	evs := func(l string) string { return "/" + l + "/events" }
	if err := h.view(lang, evs(lang), t["events"], "view-events", home, evRows, h.everywhere(evs)); err != nil {
		return err
	}
	inPubs := append(homeCrumb(lang), topicLink{Href: all(lang), Label: t["pubs"]})
	for _, typ := range slices.Sorted(maps.Keys(TypeLabels)) {
		var tr []hubRow
		for _, v := range pubs {
			if v.work.Type == typ {
				tr = append(tr, rowOf(v))
			}
		}
		if len(tr) == 0 {
			continue
		}
		others := map[string]string{}
		for _, l := range h.langs {
			if slices.ContainsFunc(b.inLang(l), func(o *version) bool { return o.work.Type == typ }) {
				others[l] = h.typePath(l, typ)
			}
		}
		if err := h.view(lang, h.typePath(lang, typ), TypeLabels[typ][lang][0], "view-taxonomy-term", inPubs, tr, others); err != nil {
			return err
		}
	}
	for _, tp := range b.topicsWith(lang) {
		var tr []hubRow
		for _, v := range pubs {
			if slices.Contains(b.topicKeys(v), tp.Key) {
				tr = append(tr, rowOf(v))
			}
		}
		others := map[string]string{}
		for _, l := range h.langs {
			if slices.ContainsFunc(b.topicsWith(l), func(o Topic) bool { return o.Key == tp.Key }) {
				others[l] = h.termPath(l, tp.Key)
			}
		}
		if err := h.view(lang, h.termPath(lang, tp.Key), tp.Label(lang), "view-taxonomy-term", inPubs, tr, others); err != nil {
			return err
		}
	}
	return nil
}

// homeCrumb is the breadcrumb of a page one level under lang's front page.
func homeCrumb(lang string) []topicLink {
	return []topicLink{{Href: "/" + lang, Label: hubText[lang]["home"]}}
}

// view writes rows as a Drupal view titled heading, paged at first, first?page=1, …
// with hubRowsPerPage rows a page, and records each page as a listing. others are
// the view's counterparts in other languages.
func (h *hub) view(lang, first, heading, class string, crumbs []topicLink, rows []hubRow, others map[string]string) error {
	t := hubText[lang]
	pages := max(1, (len(rows)+hubRowsPerPage-1)/hubRowsPerPage)
	// Pages are stored at path(k); their pager links them as Drupal does, by query.
	path := func(k int) string {
		if k == 0 {
			return first
		}
		return fmt.Sprintf("%s?page=%d", first, k)
	}
	link := func(k int) string {
		if k == 0 {
			return first
		}
		return fmt.Sprintf("?page=%d", k)
	}
	for k := range pages {
		p := h.base(lang, heading, path(k), "path-"+strings.TrimPrefix(class, "view-"), others)
		p.Heading, p.Crumbs = heading, crumbs
		vw := hubView{Class: class, DomID: fmt.Sprintf("%x", hashOf(first)), Empty: t["empty"],
			Rows: rows[k*hubRowsPerPage : min(len(rows), (k+1)*hubRowsPerPage)]}
		if pages > 1 {
			pg := &hubPager{T: t}
			if k > 0 {
				pg.First, pg.Prev = link(0), link(k-1)
			}
			if k < pages-1 {
				pg.Next, pg.Last = link(k+1), link(pages-1)
			}
			for n := range pages {
				pg.Numbers = append(pg.Numbers, pageNumber{N: n + 1, Href: link(n), Current: n == k})
			}
			vw.Pager = pg
		}
		p.Views = []hubView{vw}
		if err := h.b.page(hubTmpl, path(k), "listing", p); err != nil {
			return err
		}
		h.b.listing(path(k))
	}
	return nil
}
