package evalgen

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The archive is another organisation's older Joomla site that publishes the
// library's works again, in English, Ukrainian and Russian. Every page is /index.php
// with a query: articles at ?option=com_content&view=article&id=N&catid=C&lang=L
// (linked also with catid before id, or with &Itemid=101 added: the same page at
// each), category blogs paged with &start=10, the front page at ?lang=L (/ redirects
// to the English one) and tags at ?option=com_tags&view=tag&id=N&lang=L. An article
// states its metadata the Joomla way: an "article-info" list (written by, category,
// published), where the category is the publication type's section, named in the
// plural; its tags at the end, as plain text or links; its publisher in a sentence
// of the text or in a small table. The head holds the site's generic keywords and
// description on every page and the authors on about half; no Dublin Core, citation
// tags, JSON-LD or hreflang. The site's name is every page's <h1>, the language
// switch is flag images, and a third of the PDFs come from com_docman downloads
// whose URLs have no extension (the others are files under /images/docs/).

var archiveText = map[string]map[string]string{
	"en": {"site": "Archive of Security Sector Reform Documents", "tagline": "Publications on security sector reform in Ukraine and Eastern Europe",
		"home": "Home", "pubs": "Publications", "events": "Events", "about": "About us", "here": "You are here:",
		"details": "Details", "writtenBy": "Written by", "category": "Category:", "published": "Published:",
		"readMore": "Read more: %s", "tags": "Tags:", "download": "Download the publication (PDF, %s)",
		"eventDownload": "Download the publication (PDF)", "preparedBy": "This publication was prepared by the %s.",
		"publisher": "Publisher:", "isbn": "ISBN:", "pages": "Pages:", "language": "Language:", "latest": "Latest news",
		"login": "Login Form", "username": "User Name", "password": "Password", "remember": "Remember Me", "logIn": "Log in",
		"search": "Search", "searchBox": "Search...", "pageOf": "Page %d of %d", "start": "Start", "prev": "Prev",
		"next": "Next", "end": "End", "subcats": "Subcategories", "flag": "English (UK)",
		"copyright": "Copyright © 2009–%d %s. All Rights Reserved.", "powered": "Powered by",
		"pubsDesc":  "Handbooks, reports, policy papers and training materials on security sector reform, published here with the kind permission of the Security Governance Library.",
		"aboutText": "The Archive of Security Sector Reform Documents was set up in 2009 by a group of Ukrainian civil society organisations to keep the key publications on security sector reform available in English, Ukrainian and Russian.\nWe publish again the handbooks, reports and policy papers of partner organisations, with their permission, and announce the events at which they are presented. The archive is maintained by volunteers."},
	"uk": {"site": "Архів документів з реформи сектору безпеки", "tagline": "Публікації з реформи сектору безпеки в Україні та Східній Європі",
		"home": "Головна", "pubs": "Публікації", "events": "Події", "about": "Про нас", "here": "Ви тут:",
		"details": "Подробиці", "writtenBy": "Автор:", "category": "Категорія:", "published": "Опубліковано:",
		"readMore": "Детальніше: %s", "tags": "Теги:", "download": "Завантажити публікацію (PDF, %s)",
		"eventDownload": "Завантажити публікацію (PDF)", "preparedBy": "Видавець цієї публікації — %s.",
		"publisher": "Видавець:", "isbn": "ISBN:", "pages": "Сторінок:", "language": "Мова:", "latest": "Останні новини",
		"login": "Форма входу", "username": "Логін", "password": "Пароль", "remember": "Запам’ятати мене", "logIn": "Увійти",
		"search": "Пошук", "searchBox": "Пошук...", "pageOf": "Сторінка %d з %d", "start": "Початок", "prev": "Попередня",
		"next": "Наступна", "end": "Кінець", "subcats": "Підкатегорії", "flag": "Українська",
		"copyright": "© 2009–%d %s. Усі права захищено.", "powered": "Працює на",
		"pubsDesc":  "Посібники, звіти, аналітичні документи та навчальні матеріали з реформи сектору безпеки, які ми публікуємо з люб’язного дозволу Бібліотеки безпекового врядування.",
		"aboutText": "Архів документів з реформи сектору безпеки створили 2009 року кілька українських громадських організацій, щоб ключові публікації з реформи сектору безпеки залишалися доступними англійською, українською та російською мовами.\nМи повторно публікуємо посібники, звіти й аналітичні документи партнерських організацій з їхнього дозволу та повідомляємо про заходи, на яких їх представляють. Архів підтримують волонтери."},
	"ru": {"site": "Архив документов по реформе сектора безопасности", "tagline": "Публикации по реформе сектора безопасности в Украине и Восточной Европе",
		"home": "Главная", "pubs": "Публикации", "events": "Мероприятия", "about": "О нас", "here": "Вы здесь:",
		"details": "Подробности", "writtenBy": "Автор:", "category": "Категория:", "published": "Опубликовано:",
		"readMore": "Подробнее: %s", "tags": "Теги:", "download": "Скачать публикацию (PDF, %s)",
		"eventDownload": "Скачать публикацию (PDF)", "preparedBy": "Издатель этой публикации — %s.",
		"publisher": "Издатель:", "isbn": "ISBN:", "pages": "Страниц:", "language": "Язык:", "latest": "Последние новости",
		"login": "Форма входа", "username": "Логин", "password": "Пароль", "remember": "Запомнить меня", "logIn": "Войти",
		"search": "Поиск", "searchBox": "Поиск...", "pageOf": "Страница %d из %d", "start": "В начало", "prev": "Назад",
		"next": "Вперёд", "end": "В конец", "subcats": "Подкатегории", "flag": "Русский",
		"copyright": "© 2009–%d %s. Все права защищены.", "powered": "Работает на",
		"pubsDesc":  "Пособия, отчёты, аналитические документы и учебные материалы по реформе сектора безопасности, которые мы публикуем с любезного разрешения Библиотеки управления безопасностью.",
		"aboutText": "Архив документов по реформе сектора безопасности создали в 2009 году несколько украинских общественных организаций, чтобы ключевые публикации по реформе сектора безопасности оставались доступными на английском, украинском и русском языках.\nМы повторно публикуем пособия, отчёты и аналитические документы партнёрских организаций с их разрешения и сообщаем о мероприятиях, на которых их представляют. Архив поддерживают волонтёры."},
}

// archiveSections name the category of each publication type: a section of the
// site, in the plural.
var archiveSections = map[string]map[string]string{
	"handbook":               {"en": "Handbooks", "uk": "Посібники", "ru": "Пособия"},
	"toolkit":                {"en": "Toolkits", "uk": "Набори інструментів", "ru": "Наборы инструментов"},
	"training-manual":        {"en": "Training manuals", "uk": "Навчальні посібники", "ru": "Учебные пособия"},
	"conference-proceedings": {"en": "Conference proceedings", "uk": "Матеріали конференцій", "ru": "Материалы конференций"},
	"policy-paper":           {"en": "Policy papers", "uk": "Аналітичні документи", "ru": "Аналитические документы"},
	"policy-brief":           {"en": "Policy briefs", "uk": "Аналітичні записки", "ru": "Аналитические записки"},
	"report":                 {"en": "Reports", "uk": "Звіти", "ru": "Отчёты"},
	"annual-report":          {"en": "Annual reports", "uk": "Річні звіти", "ru": "Годовые отчёты"},
	"newsletter":             {"en": "Newsletters", "uk": "Інформаційні бюлетені", "ru": "Информационные бюллетени"},
	"survey":                 {"en": "Surveys", "uk": "Опитування", "ru": "Опросы"},
	"guide":                  {"en": "Guides", "uk": "Настанови", "ru": "Руководства"},
	"study":                  {"en": "Studies", "uk": "Дослідження", "ru": "Исследования"},
}

// archiveWeekdays are the days of the week, from Sunday, as Joomla's long date
// format writes them.
var archiveWeekdays = map[string][]string{
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	"uk": {"Неділя", "Понеділок", "Вівторок", "Середа", "Четвер", "П’ятниця", "Субота"},
	"ru": {"Воскресенье", "Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота"},
}

// archiveHTMLLang is each language's tag as Joomla writes it in <html lang>.
var archiveHTMLLang = map[string]string{"en": "en-gb", "uk": "uk-ua", "ru": "ru-ru"}

// The site's global metadata, which Joomla writes on every page.
const (
	archiveKeywords    = "security sector reform, SSR, defence reform, police reform, parliamentary oversight, documents, archive, Ukraine, реформа сектору безпеки, документи"
	archiveDescription = "Archive of Security Sector Reform Documents: handbooks, reports and policy papers on security sector reform in Ukraine and Eastern Europe."
)

var archiveTmpl = template.Must(template.New("").Funcs(template.FuncMap{
	"t":      func(m map[string]string, k string) string { return m[k] },
	"inc":    func(i int) int { return i + 1 },
	"parity": func(i int) int { return i % 2 },
}).Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="{{.HTMLLang}}" dir="ltr">
<head>
<base href="{{.URL}}" />
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="keywords" content="{{.Keywords}}" />
{{with .Author}}<meta name="author" content="{{.}}" />
{{end}}<meta name="description" content="{{.Description}}" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{{.Title}}</title>
<link href="{{.URL}}" rel="canonical" />
<link href="/templates/beez3/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
<link rel="stylesheet" href="/templates/system/css/system.css" type="text/css" />
<link rel="stylesheet" href="/templates/beez3/css/position.css" type="text/css" media="screen,projection" />
<link rel="stylesheet" href="/templates/beez3/css/layout.css" type="text/css" media="screen,projection" />
<link rel="stylesheet" href="/media/mod_languages/css/template.css" type="text/css" />
<script src="/media/system/js/mootools-core.js" type="text/javascript"></script>
<script src="/media/system/js/core.js" type="text/javascript"></script>
<script src="/templates/beez3/javascript/md_stylechanger.js" type="text/javascript"></script>
</head>
<body id="shadow">
<div id="all">
<div id="back">
<header id="header">
<div class="logoheader">
<h1 id="logo"><a href="{{.Home}}">{{t .T "site"}}</a> <span class="header1">{{t .T "tagline"}}</span></h1>
</div>
<div id="line">
<div class="mod-languages">
<ul class="lang-inline">{{range .Flags}}
<li class="{{if eq .Lang $.Lang}}lang-active{{end}}" dir="ltr"><a href="{{.Href}}"><img src="/media/mod_languages/images/{{.Lang}}.gif" alt="{{.Name}}" title="{{.Name}}" /></a></li>{{end}}
</ul>
</div>
</div>
<div class="moduletable_menu">
<ul class="menu-nav">{{range .Menu}}
<li class="item-{{.Item}}{{if .Active}} current active{{end}}"><a href="{{.Href}}">{{.Label}}</a></li>{{end}}
</ul>
</div>
</header>
<div id="contentarea">
<div id="breadcrumbs">
<div class="breadcrumbs">
<span class="showHere">{{t .T "here"}} </span>{{range $i, $c := .Crumbs}}{{if $i}} » {{end}}{{if $c.Href}}<a href="{{$c.Href}}" class="pathway">{{$c.Label}}</a>{{else}}<span>{{$c.Label}}</span>{{end}}{{end}}
</div>
</div>
<div class="left1 leftbigger" id="nav">
<div class="moduletable">
<h3>{{t .T "login"}}</h3>
<form action="{{.Home}}" method="post" id="login-form">
<fieldset class="userdata">
<p id="form-login-username"><label for="modlgn-username">{{t .T "username"}}</label> <input id="modlgn-username" type="text" name="username" class="inputbox" size="18" /></p>
<p id="form-login-password"><label for="modlgn-passwd">{{t .T "password"}}</label> <input id="modlgn-passwd" type="password" name="password" class="inputbox" size="18" /></p>
<p id="form-login-remember"><label for="modlgn-remember">{{t .T "remember"}}</label> <input id="modlgn-remember" type="checkbox" name="remember" class="inputbox" value="yes" /></p>
<input type="submit" name="Submit" class="button" value="{{t .T "logIn"}}" />
<input type="hidden" name="option" value="com_users" />
<input type="hidden" name="task" value="user.login" />
</fieldset>
</form>
</div>
<div class="moduletable">
<h3>{{t .T "search"}}</h3>
<form action="{{.Home}}" method="post">
<div class="search">
<label for="mod-search-searchword">{{t .T "searchBox"}}</label><input name="searchword" id="mod-search-searchword" maxlength="20" class="inputbox" type="text" size="20" value="{{t .T "searchBox"}}" />
<input type="hidden" name="task" value="search" />
<input type="hidden" name="option" value="com_search" />
<input type="hidden" name="Itemid" value="101" />
</div>
</form>
</div>
</div>
<div id="wrapper2">
<div id="main">
<div id="system-message-container"></div>
{{end}}

{{define "foot"}}</div>
</div>
<div id="right">
<div class="moduletable">
<h3>{{t .T "latest"}}</h3>
<ul class="latestnews">{{range .Latest}}
<li><a href="{{.Href}}">{{.Label}}</a></li>{{end}}
</ul>
</div>
</div>
</div>
<div id="footer-outer">
<div id="footer-sub">
<footer id="footer">
<p>{{.Copyright}}</p>
<p>{{t .T "powered"}} <a href="http://www.joomla.org">Joomla!&#174;</a></p>
</footer>
</div>
</div>
</div>
</div>
</body>
</html>{{end}}

{{define "article"}}{{template "head" .}}{{with .Art}}<div class="item-page">
<h2><a href="{{.Href}}">{{$.Title}}</a></h2>
{{if .Category.Href}}<dl class="article-info">
<dt class="article-info-term">{{t $.T "details"}}</dt>
{{with .Authors}}<dd class="createdby">{{t $.T "writtenBy"}} {{.}}</dd>
{{end}}<dd class="category-name">{{t $.T "category"}} <a href="{{.Category.Href}}">{{.Category.Label}}</a></dd>
<dd class="published">{{t $.T "published"}} {{.Published}}</dd>
</dl>
{{end}}{{range .Paras}}<p>{{.}}</p>
{{end}}{{with .Pubdata}}<table class="pubdata">
<tbody>{{range .}}
<tr><td class="pubdata-label">{{.Label}}</td><td>{{.Value}}</td></tr>{{end}}
</tbody>
</table>
{{end}}{{with .Download}}<p class="download"><a href="{{.Href}}">{{.Label}}</a></p>
{{end}}{{if .Tags}}{{if .TagsLinked}}<div class="tags"><span class="tags-label">{{t $.T "tags"}}</span> {{range $i, $g := .Tags}}{{if $i}}, {{end}}<a href="{{$g.Href}}" class="tag-link">{{$g.Label}}</a>{{end}}</div>
{{else}}<p>{{t $.T "tags"}} {{range $i, $g := .Tags}}{{if $i}}, {{end}}{{$g.Label}}{{end}}</p>
{{end}}{{end}}</div>
{{end}}{{template "foot" .}}{{end}}

{{define "item"}}<h2><a href="{{.Href}}">{{.Title}}</a></h2>
<dl class="article-info">
<dt class="article-info-term">{{t .T "details"}}</dt>
<dd class="category-name">{{t .T "category"}} <a href="{{.Category.Href}}">{{.Category.Label}}</a></dd>
<dd class="published">{{t .T "published"}} {{.Published}}</dd>
</dl>
<p>{{.Intro}}</p>
<p class="readmore"><a href="{{.More}}">{{.ReadMore}}</a></p>
<div class="item-separator"></div>
{{end}}

{{define "pagenav"}}{{if .Href}}<a title="{{.Label}}" href="{{.Href}}" class="pagenav">{{.Label}}</a>{{else}}<span class="pagenav">{{.Label}}</span>{{end}}{{end}}

{{define "pager"}}<div class="pagination">
<p class="counter">{{.Counter}}</p>
<ul><li class="pagination-start">{{template "pagenav" .Start}}</li><li class="pagination-prev">{{template "pagenav" .Prev}}</li>{{range .Numbers}}<li>{{template "pagenav" .}}</li>{{end}}<li class="pagination-next">{{template "pagenav" .Next}}</li><li class="pagination-end">{{template "pagenav" .End}}</li></ul>
</div>
{{end}}

{{define "blog"}}{{template "head" .}}{{with .Blog}}<div class="{{.Class}}">
{{with .Heading}}<h2><span class="subheading-category">{{.}}</span></h2>
{{end}}{{with .Desc}}<div class="category-desc"><p>{{.}}</p></div>
{{end}}{{with .Leading}}<div class="items-leading">
<div class="leading-0">
{{template "item" .}}</div>
<span class="row-separator"></span>
</div>
{{end}}{{range $r, $row := .Rows}}<div class="items-row cols-2 row-{{$r}}">
{{range $c, $it := $row}}<div class="item column-{{inc $c}}">
{{template "item" $it}}</div>
{{end}}<span class="row-separator"></span>
</div>
{{end}}{{with .Children}}<div class="cat-children">
<h3>{{t $.T "subcats"}}</h3>
<ul>{{range .}}
<li><span class="item-title"><a href="{{.Href}}">{{.Label}}</a></span></li>{{end}}
</ul>
</div>
{{end}}{{with .Pager}}{{template "pager" .}}{{end}}</div>
{{end}}{{template "foot" .}}{{end}}

{{define "tag"}}{{template "head" .}}{{with .Blog}}<div class="tag-category">
<h2>{{.Heading}}</h2>
<ul class="category list-striped">{{range $i, $it := .Items}}
<li class="cat-list-row{{parity $i}} clearfix"><h3><a href="{{$it.More}}">{{$it.Title}}</a></h3>
<span class="tag-body">{{$it.Intro}}</span></li>{{end}}
</ul>
{{with .Pager}}{{template "pager" .}}{{end}}</div>
{{end}}{{template "foot" .}}{{end}}
`))

// archivePage is the data of one archive page.
type archivePage struct {
	Lang, HTMLLang, Title string
	// URL is the page's absolute address: its base and canonical link.
	URL, Home                     string
	Keywords, Description, Author string
	T                             map[string]string
	Flags                         []langLink
	Menu                          []archiveMenu
	// Crumbs are the breadcrumb, the last one without a link.
	Crumbs    []topicLink
	Latest    []topicLink
	Copyright string
	// Page kinds' own data.
	Art  *archiveArticle
	Blog *archiveBlog
}

// archiveMenu is an item of the main menu: its menu item ID, link and label.
type archiveMenu struct {
	Item        int
	Href, Label string
	Active      bool
}

// archiveArticle is what an article page shows.
type archiveArticle struct {
	Href string
	// Category links the article's category; without it the page has no info block.
	Category           topicLink
	Authors, Published string
	Paras              []string
	Pubdata            []archiveFact
	Download           *topicLink
	// Tags are shown as links when TagsLinked, else as text.
	Tags       []topicLink
	TagsLinked bool
}

// archiveFact is a row of an article's table of publication data.
type archiveFact struct{ Label, Value string }

// archiveBlog is a listing: a category blog (a leading item and rows of two), the
// front page's featured items, or a tag's list of Items.
type archiveBlog struct {
	Class, Heading, Desc string
	Leading              *archiveItem
	Rows                 [][]archiveItem
	Items                []archiveItem
	Children             []topicLink
	Pager                *archivePager
}

// archiveItem is an article as a listing shows it.
type archiveItem struct {
	T map[string]string
	// Href links the article by its canonical path, More by its menu path.
	Href, More, Title, Intro, Published, ReadMore string
	Category                                      topicLink
}

// archivePager is Joomla's pagination: links without Href are the current page's.
type archivePager struct {
	Counter                string
	Start, Prev, Next, End topicLink
	Numbers                []topicLink
}

// archiveArt is an article's address: its ID, category and language.
type archiveArt struct {
	id, cat int
	lang    string
}

// path is the article's canonical path.
func (r archiveArt) path() string {
	return fmt.Sprintf("/index.php?option=com_content&view=article&id=%d&catid=%d&lang=%s", r.id, r.cat, r.lang)
}

// reordered is the article's path with the category before the ID, as modules
// link it.
func (r archiveArt) reordered() string {
	return fmt.Sprintf("/index.php?option=com_content&view=article&catid=%d&id=%d&lang=%s", r.cat, r.id, r.lang)
}

// menu is the article's path with the menu item that shows it, as blogs link it.
func (r archiveArt) menu() string { return r.path() + "&Itemid=101" }

// archiveUncategorised is the ID of Joomla's "Uncategorised" category.
const archiveUncategorised = 2

// archiveCat is the ID of a category in lang: "events", "publications" or a
// publication type's section (each language has its own categories).
func archiveCat(lang, key string) int {
	base := 8 + 20*slices.Index(Langs, lang)
	switch key {
	case "events":
		return base
	case "publications":
		return base + 1
	}
	return base + 2 + slices.Index(slices.Sorted(maps.Keys(TypeLabels)), key)
}

// archiveCatPath is the path of a category's blog from its item start.
func archiveCatPath(id int, lang string, start int) string {
	p := fmt.Sprintf("/index.php?option=com_content&view=category&layout=blog&id=%d&lang=%s", id, lang)
	if start > 0 {
		p += fmt.Sprintf("&start=%d", start)
	}
	return p
}

// archiveTagPath is the path of a tag's list in lang from its item start.
func archiveTagPath(id int, lang string, start int) string {
	p := fmt.Sprintf("/index.php?option=com_tags&view=tag&id=%d&lang=%s", id, lang)
	if start > 0 {
		p += fmt.Sprintf("&start=%d", start)
	}
	return p
}

// archiveFront is the path of the front page in lang.
func archiveFront(lang string) string { return "/index.php?lang=" + lang }

// archiveDate writes a date in Joomla's long format in lang: "Tuesday, 02 March 2021".
func archiveDate(t time.Time, lang string) string {
	zero := ""
	if t.Day() < 10 {
		zero = "0"
	}
	return archiveWeekdays[lang][t.Weekday()] + ", " + zero + dateIn(t, lang)
}

// archiveReadMore is a "Read more" link's text, the title cut to 100 characters at a
// word as Joomla's readmore limit does.
func archiveReadMore(lang, title string) string {
	if r := []rune(title); len(r) > 100 {
		cut := string(r[:100])
		if i := strings.LastIndex(cut, " "); i > 0 {
			cut = cut[:i]
		}
		title = cut + "..."
	}
	return fmt.Sprintf(archiveText[lang]["readMore"], title)
}

// archiveISBN makes up an ISBN-13 in Ukraine's group (978-966) from seed.
func archiveISBN(seed string) string {
	h := hashOf("isbn/" + seed)
	body := fmt.Sprintf("978966%02d%04d", h%100, h/100%10000)
	sum := 0
	for i, c := range body {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return fmt.Sprintf("%s-%s-%s-%s-%d", body[:3], body[3:6], body[6:8], body[8:], (10-sum%10)%10)
}

// claimNumber returns lo plus a hash of seed below lo+span, or the next number up
// that is not taken, and marks it taken.
func claimNumber(used map[int]bool, seed string, lo, span int) int {
	n := lo + int(hashOf(seed)%uint32(span))
	for used[n] {
		n++
	}
	used[n] = true
	return n
}

// archive builds the archive site.
type archive struct {
	b     *siteBuilder
	langs []string
	// pub, event and about are the articles' addresses: each version's, each
	// event's by ID and each language's about page.
	pub   map[*version]archiveArt
	event map[string]archiveArt
	about map[string]archiveArt
	// tag maps a topic key to its tag ID; tagged marks the tags some article of a
	// language links ("lang/key"), whose lists the site has.
	tag    map[string]int
	tagged map[string]bool
	// latest are each language's newest articles, for the "Latest news" module.
	latest map[string][]topicLink
	// year is the last year of the copyright line.
	year int
}

// archivePerPage is how many articles a page of a category blog shows: one leading
// and nine in two columns.
const archivePerPage = 10

// buildArchive builds the archive: articles for publications, events and about
// pages, the PDFs, each language's front page, category blogs and tag lists,
// robots.txt and a redirect from / to the first language's front page.
func buildArchive(b *siteBuilder) error {
	a := &archive{b: b, langs: b.langs(), pub: map[*version]archiveArt{}, event: map[string]archiveArt{},
		about: map[string]archiveArt{}, tag: map[string]int{}, tagged: map[string]bool{}, latest: map[string][]topicLink{}}
	if len(a.langs) == 0 {
		return nil
	}
	for i, t := range b.g.c.Topics {
		a.tag[t.Key] = 2 + i
	}
	// Addresses first: pages link each other.
	ids, gids, files := map[int]bool{}, map[int]bool{}, map[string]bool{}
	for _, v := range b.versions {
		art := archiveArt{id: claimNumber(ids, "pub/"+v.work.ID+"/"+v.lang, 100, 1900), cat: archiveCat(v.lang, v.work.Type), lang: v.lang}
		a.pub[v] = art
		v.page = art.path()
		if hashOf("archive-docman/"+v.work.ID+"/"+v.lang)%3 == 0 {
			v.pdf = fmt.Sprintf("/index.php?option=com_docman&task=doc_download&gid=%d", claimNumber(gids, "gid/"+v.work.ID+"/"+v.lang, 1, 600))
		} else {
			v.pdf = escapePath(claim(files, "/images/docs/"+strings.TrimSuffix(v.file, ".pdf"), "_", ".pdf"))
		}
		v.typeLabel = TypeLabels[v.work.Type][v.lang][0]
		v.topicLabel = nil
		for _, k := range b.topicKeys(v) {
			v.topicLabel = append(v.topicLabel, b.g.c.topic[k].Label(v.lang))
		}
		a.year = max(a.year, v.date().Year())
	}
	for _, e := range b.events {
		art := archiveArt{id: claimNumber(ids, "event/"+e.ID, 100, 1900), cat: archiveCat(e.Lang, "events"), lang: e.Lang}
		a.event[e.ID] = art
		b.g.eventPage[e.ID] = art.path()
		a.year = max(a.year, e.date.Year())
	}
	for _, l := range a.langs {
		a.about[l] = archiveArt{id: claimNumber(ids, "about/"+l, 1, 20), cat: archiveUncategorised, lang: l}
		a.latest[l] = a.newest(l, 3)
	}
	for _, v := range b.versions {
		if err := a.publication(v); err != nil {
			return err
		}
	}
	b.pdfs()
	for _, e := range b.events {
		if err := a.eventPage(e); err != nil {
			return err
		}
	}
	for _, l := range a.langs {
		if err := a.aboutPage(l); err != nil {
			return err
		}
		if err := a.listings(l); err != nil {
			return err
		}
	}
	b.site.Add("/robots.txt", "text/plain", []byte(archiveRobots))
	// Joomla's language filter sends / to the front page of the default language.
	b.site.files["/"] = &File{Path: "/", Status: 303, Location: archiveFront(a.langs[0])}
	b.site.order = append(b.site.order, "/")
	b.site.Seeds = []string{"/"}
	for _, l := range a.langs {
		b.site.Seeds = append(b.site.Seeds, archiveFront(l))
	}
	return nil
}

// archiveRobots is Joomla 3's robots.txt.
const archiveRobots = `# If the Joomla site is installed within a folder such as at
# e.g. www.example.com/joomla/ the robots.txt file MUST be
# moved to the site root at e.g. www.example.com/robots.txt
# AND the joomla folder name MUST be prefixed to the disallowed
# path, e.g. the Disallow rule for the /administrator/ folder
# MUST be changed to read Disallow: /joomla/administrator/
#
# For more information about the robots.txt standard, see:
# http://www.robotstxt.org/orig.html
#
# For syntax checking, see:
# http://tool.motoricerca.info/robots-checker.phtml

User-agent: *
Disallow: /administrator/
Disallow: /bin/
Disallow: /cache/
Disallow: /cli/
Disallow: /components/
Disallow: /includes/
Disallow: /installation/
Disallow: /language/
Disallow: /layouts/
Disallow: /libraries/
Disallow: /logs/
Disallow: /modules/
Disallow: /plugins/
Disallow: /tmp/
`

// render renders template name with p into an HTML page served at each of paths.
func (a *archive) render(name string, p archivePage, paths ...string) error {
	var buf bytes.Buffer
	if err := archiveTmpl.ExecuteTemplate(&buf, name, p); err != nil {
		return fmt.Errorf("render %s: %w", paths[0], err)
	}
	for _, path := range paths {
		a.b.html(path, buf.Bytes())
	}
	return nil
}

// base is the page at path in lang, in the main menu's section menu, with the
// flags of the language switch leading to its counterparts in other languages
// (others, by language), or where there is none to that language's front page.
func (a *archive) base(lang, title, path, menu string, others map[string]string) archivePage {
	t := archiveText[lang]
	p := archivePage{Lang: lang, HTMLLang: archiveHTMLLang[lang], Title: title, URL: hostToken + path, Home: archiveFront(lang),
		Keywords: archiveKeywords, Description: archiveDescription, T: t, Latest: a.latest[lang],
		Copyright: fmt.Sprintf(t["copyright"], a.year, t["site"])}
	for _, l := range a.langs {
		href, ok := others[l]
		switch {
		case l == lang:
			href = path
		case !ok:
			href = archiveFront(l)
		}
		p.Flags = append(p.Flags, langLink{Lang: l, Href: href, Name: archiveText[l]["flag"]})
	}
	for _, m := range []struct{ key, href string }{
		{"home", archiveFront(lang)},
		{"pubs", archiveCatPath(archiveCat(lang, "publications"), lang, 0)},
		{"events", archiveCatPath(archiveCat(lang, "events"), lang, 0)},
		{"about", a.about[lang].path()},
	} {
		p.Menu = append(p.Menu, archiveMenu{Item: 101 + len(p.Menu), Href: m.href, Label: t[m.key], Active: m.key == menu})
	}
	return p
}

// section links the category blog of a version's type.
func (a *archive) section(v *version) topicLink {
	return topicLink{Href: archiveCatPath(archiveCat(v.lang, v.work.Type), v.lang, 0), Label: archiveSections[v.work.Type][v.lang]}
}

// eventsIn returns the site's events in lang, newest first.
func (a *archive) eventsIn(lang string) []*Event {
	var out []*Event
	for _, e := range a.b.events {
		if e.Lang == lang {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(x, y *Event) int { return y.date.Compare(x.date) })
	return out
}

// newest links the n newest articles in lang, publications and events, by their
// paths with the category first.
func (a *archive) newest(lang string, n int) []topicLink {
	type entry struct {
		date time.Time
		link topicLink
	}
	var all []entry
	for _, v := range a.b.inLang(lang) {
		all = append(all, entry{v.date(), topicLink{Href: a.pub[v].reordered(), Label: v.title}})
	}
	for _, e := range a.eventsIn(lang) {
		all = append(all, entry{e.date, topicLink{Href: a.event[e.ID].reordered(), Label: e.Title}})
	}
	slices.SortStableFunc(all, func(x, y entry) int { return y.date.Compare(x.date) })
	var out []topicLink
	for _, e := range all[:min(n, len(all))] {
		out = append(out, e.link)
	}
	return out
}

// publication writes a version's article, served at each of its paths.
func (a *archive) publication(v *version) error {
	b := a.b
	t := archiveText[v.lang]
	art := a.pub[v]
	others := map[string]string{}
	for _, o := range b.translations(v) {
		others[o.lang] = o.page
	}
	p := a.base(v.lang, v.title, v.page, "pubs", others)
	cat := a.section(v)
	p.Crumbs = []topicLink{{Href: archiveFront(v.lang), Label: t["home"]}, cat, {Label: v.title}}
	r := rng("archive", v.work.ID, v.lang)
	linked, sentence, first, metaAuthor := r.IntN(2) == 0, r.IntN(3) > 0, r.IntN(2) == 0, r.IntN(2) == 0
	authors := strings.Join(v.authors, ", ")
	if metaAuthor {
		p.Author = authors
	}
	x := &archiveArticle{Href: v.page, Category: cat, Authors: authors, Published: archiveDate(v.date(), v.lang),
		Paras: strings.Split(v.summary, "\n"), TagsLinked: linked,
		Download: &topicLink{Href: v.pdf, Label: fmt.Sprintf(t["download"], v.sizeLabel())}}
	// The publisher: a sentence at the end of the first paragraph or one of its
	// own at the end, or a row of the table of publication data.
	switch s := fmt.Sprintf(t["preparedBy"], v.pub); {
	case sentence && first:
		x.Paras[0] += " " + s
	case sentence:
		x.Paras = append(x.Paras, s)
	default:
		x.Pubdata = []archiveFact{{t["publisher"], v.pub}}
		if schemaType(v.work.Type) == "Book" {
			x.Pubdata = append(x.Pubdata, archiveFact{t["isbn"], archiveISBN(v.work.ID + "/" + v.lang)})
		}
		if v.pages > 0 {
			x.Pubdata = append(x.Pubdata, archiveFact{t["pages"], strconv.Itoa(v.pages)})
		}
		x.Pubdata = append(x.Pubdata, archiveFact{t["language"], hubLangName[v.lang][v.lang]})
	}
	for i, k := range b.topicKeys(v) {
		tg := topicLink{Label: v.topicLabel[i]}
		if linked {
			tg.Href = archiveTagPath(a.tag[k], v.lang, 0)
			a.tagged[v.lang+"/"+k] = true
		}
		x.Tags = append(x.Tags, tg)
	}
	p.Art = x
	return a.render("article", p, art.path(), art.reordered(), art.menu())
}

// eventPage writes an event's article, which offers the PDF of the publication it
// presents.
func (a *archive) eventPage(e *Event) error {
	v := a.b.g.presented(e)
	t := archiveText[e.Lang]
	art := a.event[e.ID]
	p := a.base(e.Lang, e.Title, art.path(), "events", nil)
	cat := topicLink{Href: archiveCatPath(art.cat, e.Lang, 0), Label: t["events"]}
	p.Crumbs = []topicLink{{Href: archiveFront(e.Lang), Label: t["home"]}, cat, {Label: e.Title}}
	p.Art = &archiveArticle{Href: art.path(), Category: cat, Published: archiveDate(e.date, e.Lang),
		Paras: strings.Split(strings.TrimSpace(e.Summary), "\n"), Download: &topicLink{Href: v.pdf, Label: t["eventDownload"]}}
	if err := a.render("article", p, art.path(), art.reordered(), art.menu()); err != nil {
		return err
	}
	a.b.document(art.path(), "event", e.Title, e.Lang, e.Topics, v.key())
	return nil
}

// aboutPage writes the "About us" article in lang.
func (a *archive) aboutPage(lang string) error {
	t := archiveText[lang]
	path := a.about[lang].path()
	others := map[string]string{}
	for _, l := range a.langs {
		others[l] = a.about[l].path()
	}
	p := a.base(lang, t["about"], path, "about", others)
	p.Crumbs = []topicLink{{Href: archiveFront(lang), Label: t["home"]}, {Label: t["about"]}}
	p.Art = &archiveArticle{Href: path, Paras: strings.Split(t["aboutText"], "\n")}
	if err := a.render("article", p, path); err != nil {
		return err
	}
	a.b.document(path, "about", t["about"], lang, nil, "")
	return nil
}

// item is an article as listings show it.
func (a *archive) item(lang string, art archiveArt, title, intro string, date time.Time, cat topicLink) archiveItem {
	return archiveItem{T: archiveText[lang], Href: art.path(), More: art.menu(), Title: title, Intro: trimmed(intro, 40),
		Published: archiveDate(date, lang), ReadMore: archiveReadMore(lang, title), Category: cat}
}

// pubItem is a version as listings show it.
func (a *archive) pubItem(v *version) archiveItem {
	return a.item(v.lang, a.pub[v], v.title, v.summary, v.date(), a.section(v))
}

// archiveList is a listing to write: its items, paged per a page at path(0),
// path(per), …, with template tmpl ("blog" or "tag").
type archiveList struct {
	lang, tmpl, class, heading, desc, menu string
	per                                    int
	path                                   func(start int) string
	crumbs, children                       []topicLink
	items                                  []archiveItem
	// others are the listing's counterparts in other languages, by language.
	others map[string]string
}

// list writes a listing's pages and records each as a listing.
func (a *archive) list(l archiveList) error {
	t := archiveText[l.lang]
	pages := max(1, (len(l.items)+l.per-1)/l.per)
	for k := range pages {
		path := l.path(k * l.per)
		p := a.base(l.lang, cmp.Or(l.heading, t["site"]), path, l.menu, l.others)
		p.Crumbs = l.crumbs
		bl := &archiveBlog{Class: l.class, Heading: l.heading, Items: l.items[k*l.per : min(len(l.items), (k+1)*l.per)]}
		if k == 0 {
			bl.Desc, bl.Children = l.desc, l.children
		}
		if l.tmpl == "blog" && len(bl.Items) > 0 {
			// Joomla's blog layout: one leading article, the others in rows of two.
			bl.Leading = &bl.Items[0]
			for rest := bl.Items[1:]; len(rest) > 0; rest = rest[min(2, len(rest)):] {
				bl.Rows = append(bl.Rows, rest[:min(2, len(rest))])
			}
		}
		if pages > 1 {
			bl.Pager = archivePaging(t, pages, k, func(n int) string { return l.path(n * l.per) })
		}
		p.Blog = bl
		if err := a.render(l.tmpl, p, path); err != nil {
			return err
		}
		a.b.listing(path)
	}
	return nil
}

// archivePaging is the pagination of page k of pages, each at path(n).
func archivePaging(t map[string]string, pages, k int, path func(n int) string) *archivePager {
	link := func(n int, label string) topicLink {
		if n == k {
			return topicLink{Label: label}
		}
		return topicLink{Href: path(n), Label: label}
	}
	pg := &archivePager{Counter: fmt.Sprintf(t["pageOf"], k+1, pages), Start: link(0, t["start"]), Prev: link(max(k-1, 0), t["prev"]),
		Next: link(min(k+1, pages-1), t["next"]), End: link(pages-1, t["end"])}
	for n := range pages {
		pg.Numbers = append(pg.Numbers, link(n, strconv.Itoa(n+1)))
	}
	return pg
}

// listings writes the listings of lang: the front page, the blogs of all
// publications, of each type's section and of the events, and the lists of the
// tags its articles link.
func (a *archive) listings(lang string) error {
	b := a.b
	t := archiveText[lang]
	pubs := b.inLang(lang)
	var items []archiveItem
	for _, v := range pubs {
		items = append(items, a.pubItem(v))
	}
	home := topicLink{Href: archiveFront(lang), Label: t["home"]}
	every := func(path func(l string) string) map[string]string {
		m := map[string]string{}
		for _, l := range a.langs {
			m[l] = path(l)
		}
		return m
	}
	front := archiveList{lang: lang, tmpl: "blog", class: "blog-featured", menu: "home", per: 5,
		path:   func(int) string { return archiveFront(lang) },
		crumbs: []topicLink{{Label: t["home"]}}, items: items[:min(5, len(items))], others: every(archiveFront)}
	if err := a.list(front); err != nil {
		return err
	}
	// The publication types' sections, in the order of their category IDs.
	var children []topicLink
	for _, typ := range slices.Sorted(maps.Keys(TypeLabels)) {
		var tr []archiveItem
		for _, v := range pubs {
			if v.work.Type == typ {
				tr = append(tr, a.pubItem(v))
			}
		}
		if len(tr) == 0 {
			continue
		}
		id := archiveCat(lang, typ)
		children = append(children, topicLink{Href: archiveCatPath(id, lang, 0), Label: archiveSections[typ][lang]})
		others := map[string]string{}
		for _, l := range a.langs {
			if slices.ContainsFunc(b.inLang(l), func(o *version) bool { return o.work.Type == typ }) {
				others[l] = archiveCatPath(archiveCat(l, typ), l, 0)
			}
		}
		crumbs := []topicLink{home, {Href: archiveCatPath(archiveCat(lang, "publications"), lang, 0), Label: t["pubs"]}, {Label: archiveSections[typ][lang]}}
		if err := a.list(archiveList{lang: lang, tmpl: "blog", class: "blog", heading: archiveSections[typ][lang], menu: "pubs",
			per: archivePerPage, path: func(start int) string { return archiveCatPath(id, lang, start) },
			crumbs: crumbs, items: tr, others: others}); err != nil {
			return err
		}
	}
	all := func(l string) string { return archiveCatPath(archiveCat(l, "publications"), l, 0) }
	if err := a.list(archiveList{lang: lang, tmpl: "blog", class: "blog", heading: t["pubs"], desc: t["pubsDesc"], menu: "pubs",
		per: archivePerPage, path: func(start int) string { return archiveCatPath(archiveCat(lang, "publications"), lang, start) },
		crumbs: []topicLink{home, {Label: t["pubs"]}}, children: children, items: items, others: every(all)}); err != nil {
		return err
	}
	var evItems []archiveItem
	for _, e := range a.eventsIn(lang) {
		art := a.event[e.ID]
		evItems = append(evItems, a.item(lang, art, e.Title, e.Summary, e.date, topicLink{Href: archiveCatPath(art.cat, lang, 0), Label: t["events"]}))
	}
	events := func(l string) string { return archiveCatPath(archiveCat(l, "events"), l, 0) }
	if err := a.list(archiveList{lang: lang, tmpl: "blog", class: "blog", heading: t["events"], menu: "events",
		per: archivePerPage, path: func(start int) string { return archiveCatPath(archiveCat(lang, "events"), lang, start) },
		crumbs: []topicLink{home, {Label: t["events"]}}, items: evItems, others: every(events)}); err != nil {
		return err
	}
	for _, tp := range b.topicsWith(lang) {
		if !a.tagged[lang+"/"+tp.Key] {
			continue
		}
		var tr []archiveItem
		for _, v := range pubs {
			if slices.Contains(b.topicKeys(v), tp.Key) {
				tr = append(tr, a.pubItem(v))
			}
		}
		others := map[string]string{}
		for _, l := range a.langs {
			if a.tagged[l+"/"+tp.Key] {
				others[l] = archiveTagPath(a.tag[tp.Key], l, 0)
			}
		}
		id := a.tag[tp.Key]
		if err := a.list(archiveList{lang: lang, tmpl: "tag", heading: tp.Label(lang), per: 20,
			path:   func(start int) string { return archiveTagPath(id, lang, start) },
			crumbs: []topicLink{home, {Label: tp.Label(lang)}}, items: tr, others: others}); err != nil {
			return err
		}
	}
	return nil
}
