package extract

import (
	"encoding/json"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/ssgsearch/ssgsearch/crawler/htmlpage"
	"github.com/ssgsearch/ssgsearch/data/vocab"
)

// Where a metadata field's value came from (Meta.Sources, Document.Provenance).
const (
	FromMeta   = "meta"   // structured metadata: citation_*, Dublin Core, schema.org, OpenGraph
	FromLabel  = "label"  // what the page shows: labelled fields, type labels, <time>, taxonomy links
	FromPDF    = "pdf"    // the PDF's information dictionary or first page
	FromURL    = "url"    // the address (a year in the path, a file name)
	FromConfig = "config" // the source's entry in sources.yaml
	FromWords  = "text"   // the text itself (the language detected from it)
)

// fields is what one place on a page says about a publication. Empty means silent.
type fields struct {
	title, summary, publisher, typ, lang string
	authors, topics                      []string
	date                                 Date
	// posted says date is when the page was posted (a CMS's date for its posts),
	// not the publication's own.
	posted bool
	// event reports a page filed among events ("Category: Events").
	event bool
}

// pageInfo is everything HTML gathers about a page before choosing what to believe.
type pageInfo struct {
	meta    fields // structured metadata, merged in order of trust
	og      fields // OpenGraph: a theme's defaults as often as the publication's
	label   fields // what the page shows
	kind    string // vocab.Event when the page is about an event
	mainPDF []string
	// post is what structured metadata of a generic kind (a CMS's Article or
	// WebPage) says: weighed with OpenGraph, below what the page shows.
	post fields
	// collection reports structured metadata that calls the page a list of items.
	collection bool
	// work reports structured metadata that describes one publication.
	work bool
}

// metaTags reads every <meta> of the document: name or property, lower-cased, to its
// values in order.
func metaTags(doc *goquery.Document) map[string][]string {
	out := map[string][]string{}
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		key := s.AttrOr("name", s.AttrOr("property", s.AttrOr("itemprop", "")))
		if key == "" || s.ParentsFiltered("[itemscope]").Length() > 0 {
			return
		}
		key = strings.ToLower(strings.TrimSpace(key))
		if v := cleanLine(s.AttrOr("content", "")); v != "" {
			out[key] = append(out[key], v)
		}
	})
	return out
}

func first(m map[string][]string, keys ...string) string {
	for _, k := range keys {
		if v := m[k]; len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

func all(m map[string][]string, keys ...string) []string {
	for _, k := range keys {
		if v := m[k]; len(v) > 0 {
			return v
		}
	}
	return nil
}

// citationFields reads the citation_* tags of Google Scholar's inclusion guidelines.
func citationFields(m map[string][]string) fields {
	f := fields{
		title:     first(m, "citation_title"),
		publisher: first(m, "citation_publisher", "citation_technical_report_institution", "citation_dissertation_institution"),
		lang:      vocab.LangOf(first(m, "citation_language")),
		date:      ParseDate(first(m, "citation_publication_date", "citation_date", "citation_online_date", "citation_year")),
		typ:       first(m, "citation_type"),
	}
	for _, a := range all(m, "citation_author") {
		f.authors = append(f.authors, personName(a))
	}
	if len(f.authors) == 0 {
		f.authors = splitAuthors(first(m, "citation_authors"))
	}
	for _, k := range all(m, "citation_keywords") {
		f.topics = append(f.topics, splitList(k)...)
	}
	return f
}

// dublinCore reads Dublin Core tags: DC.* and DCTERMS.* in any case.
func dublinCore(m map[string][]string) fields {
	dc := func(names ...string) []string {
		for _, n := range names {
			for _, p := range []string{"dcterms.", "dc.", "dct."} {
				if v := m[p+n]; len(v) > 0 {
					return v
				}
			}
		}
		return nil
	}
	one := func(names ...string) string {
		if v := dc(names...); len(v) > 0 {
			return v[0]
		}
		return ""
	}
	typ := one("type")
	// An EPrints repository's record says what kind of monograph its "Monograph"
	// is ("technical_report", "working_paper").
	if sub := first(m, "eprints.monograph_type"); sub != "" && strings.EqualFold(typ, "monograph") {
		typ = strings.ReplaceAll(sub, "_", " ")
	}
	f := fields{
		title:     one("title"),
		summary:   one("description", "abstract"),
		publisher: one("publisher"),
		typ:       typ,
		lang:      vocab.LangOf(one("language")),
		date:      ParseDate(one("issued", "date.issued", "date", "created", "date.created")),
	}
	// Each creator tag names one: "Surname, Given" is a person, not two. A CMS
	// fills it with the login of whoever put the page online as often as not:
	// kept only when they read as names.
	for _, a := range dc("creator") {
		if last, _, ok := strings.Cut(a, ","); ok && strings.Count(a, ",") == 1 && len(strings.Fields(last)) == 1 {
			f.authors = append(f.authors, personName(a))
		} else {
			f.authors = append(f.authors, splitAuthors(a)...)
		}
	}
	if !namesOnly(f.authors) {
		f.authors = nil
	}
	for _, s := range dc("subject") {
		f.topics = append(f.topics, splitList(s)...)
	}
	return f
}

// openGraph reads OpenGraph tags, and the article:* tags themes add.
func openGraph(m map[string][]string) fields {
	f := fields{
		title:   first(m, "og:title"),
		summary: first(m, "og:description"),
		lang:    vocab.LangOf(first(m, "og:locale")),
		date:    ParseDate(first(m, "article:published_time")),
	}
	f.topics = all(m, "article:tag")
	for _, sec := range all(m, "article:section") {
		if f.typ = sectionType(sec); f.typ != "" {
			break
		}
	}
	return f
}

// sectionType is the part of a post's sections ("Analytics, Reports") that is a
// type's name, or "".
func sectionType(sections string) string {
	for _, s := range strings.Split(sections, ",") {
		if s = cleanLine(s); s != "" {
			if _, ok := vocab.NameOf(s); ok {
				return s
			}
		}
	}
	return ""
}

// creativeWorks are the schema.org types of a publication's main entity: true for
// the types that describe a publication, false for the generic ones that content
// management systems and SEO plugins put on every post (their dates are the post's,
// their authors the site's users), which count below what the page shows.
var creativeWorks = map[string]bool{
	"creativework": true, "report": true, "book": true, "scholarlyarticle": true, "publicationissue": true,
	"periodical": true, "thesis": true, "digitaldocument": true, "chapter": true, "legislation": true,
	"manuscript": true, "techarticle": true, "guide": true, "dataset": true,
	"article": false, "newsarticle": false, "blogposting": false, "webpage": false, "itempage": false,
}

// jsonLD reads the schema.org JSON-LD of a page: the publication it describes (its
// main entity, or its first creative work), whether it is an event, and whether the
// page calls itself a collection.
func jsonLD(doc *goquery.Document, info *pageInfo) fields {
	var nodes []map[string]any
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			nodes = append(nodes, x)
			if g, ok := x["@graph"]; ok {
				walk(g)
			}
			if me, ok := x["mainEntity"]; ok {
				walk(me)
			}
		}
	}
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) == nil {
			walk(v)
		}
	})
	// Nodes name others by "@id" (Yoast and other plugins: "publisher":
	// {"@id": "…#organization"}): those are read where they are named.
	ids := map[string]map[string]any{}
	for _, n := range nodes {
		if id, ok := n["@id"].(string); ok && len(n) > 1 {
			if _, seen := ids[id]; !seen {
				ids[id] = n
			}
		}
	}
	var work, post map[string]any
	postPage := false // post is a WebPage, which a post's Article describes better
	for _, n := range nodes {
		for _, t := range ldTypes(n) {
			strong, known := creativeWorks[t]
			page := t == "webpage" || t == "itempage"
			switch {
			case strong && work == nil:
				work = n
			case known && !strong && (post == nil || postPage && !page):
				post, postPage = n, page
			case t == "event" || t == "educationevent" || t == "businessevent":
				info.kind = vocab.Event
			case t == "collectionpage" || t == "itemlist" || t == "searchresultspage":
				info.collection = true
			}
		}
	}
	if work == nil {
		if post == nil {
			return fields{}
		}
		info.post = ldFields(withRefs(post, ids), info)
		return fields{}
	}
	info.work = true
	return ldFields(withRefs(work, ids), info)
}

// withRefs is node with the nodes its publisher and authors name by "@id" in their
// place.
func withRefs(node map[string]any, ids map[string]map[string]any) map[string]any {
	var deref func(v any) any
	deref = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["@id"].(string); ok && x["name"] == nil {
				if n, ok := ids[id]; ok {
					return n
				}
			}
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = deref(e)
			}
			return out
		}
		return v
	}
	out := maps.Clone(node)
	// Not "about": a page is often "about" its site's own organisation, no topic.
	for _, k := range []string{"publisher", "author", "creator"} {
		if v, ok := out[k]; ok {
			out[k] = deref(v)
		}
	}
	return out
}

// ldFields reads the fields of a JSON-LD creative work.
func ldFields(work map[string]any, info *pageInfo) fields {
	f := fields{
		title:     ldText(work["name"]),
		summary:   ldText(work["description"]),
		publisher: ldText(work["publisher"]),
		lang:      vocab.LangOf(ldText(work["inLanguage"])),
		typ:       ldText(work["genre"]),
		date:      ParseDate(ldText(work["datePublished"])),
	}
	if f.title == "" {
		f.title = ldText(work["headline"])
	}
	if f.typ == "" {
		for _, sec := range ldNames(work["articleSection"]) {
			if f.typ = sectionType(sec); f.typ != "" {
				break
			}
		}
	}
	if f.date.IsZero() {
		f.date = ParseDate(ldText(work["dateCreated"]))
	}
	f.authors = ldNames(work["author"])
	f.topics = ldNames(work["about"])
	if len(f.topics) == 0 {
		for _, k := range ldNames(work["keywords"]) {
			f.topics = append(f.topics, splitList(k)...)
		}
	}
	for _, key := range []string{"encoding", "associatedMedia", "distribution"} {
		for _, m := range ldObjects(work[key]) {
			if u := ldText(m["contentUrl"]); u != "" {
				info.mainPDF = append(info.mainPDF, u)
			}
		}
	}
	return f
}

func ldTypes(n map[string]any) []string {
	var out []string
	switch t := n["@type"].(type) {
	case string:
		out = append(out, strings.ToLower(t))
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, strings.ToLower(s))
			}
		}
	}
	for i, t := range out {
		out[i] = strings.TrimPrefix(strings.TrimPrefix(t, "https://schema.org/"), "http://schema.org/")
	}
	return out
}

// ldText is a JSON-LD value as text: a string, a number, the name of an object, the
// first of a list.
func ldText(v any) string {
	switch x := v.(type) {
	case string:
		return cleanLine(x)
	case float64:
		return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(jsonNumber(x), "0"), "."), ".")
	case map[string]any:
		for _, k := range []string{"name", "@value", "alternateName", "legalName"} {
			if s := ldText(x[k]); s != "" {
				return s
			}
		}
	case []any:
		for _, e := range x {
			if s := ldText(e); s != "" {
				return s
			}
		}
	}
	return ""
}

func jsonNumber(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

// ldNames lists the names of a JSON-LD value that may be one thing or several.
func ldNames(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
	default:
		if s := ldText(x); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func ldObjects(v any) []map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return []map[string]any{x}
	case []any:
		var out []map[string]any
		for _, e := range x {
			out = append(out, ldObjects(e)...)
		}
		return out
	}
	return nil
}

// microdata reads a schema.org item marked up with itemscope/itemprop: the first
// creative work of the page.
func microdata(doc *goquery.Document, info *pageInfo) fields {
	var f fields
	doc.Find("[itemscope][itemtype]").EachWithBreak(func(_ int, item *goquery.Selection) bool {
		t := strings.ToLower(item.AttrOr("itemtype", ""))
		t = t[strings.LastIndexByte(t, '/')+1:]
		if t == "event" {
			info.kind = vocab.Event
		}
		strong, known := creativeWorks[t]
		if !known || item.AttrOr("itemprop", "") != "" {
			return true
		}
		if strong {
			info.work = true
		}
		props := itemProps(item)
		f = fields{
			title:     cleanLine(first(props, "name", "headline")),
			summary:   cleanLine(first(props, "description")),
			publisher: cleanLine(first(props, "publisher")),
			lang:      vocab.LangOf(first(props, "inlanguage")),
			typ:       cleanLine(first(props, "genre")),
			date:      ParseDate(first(props, "datepublished", "datecreated")),
		}
		for _, a := range props["author"] {
			f.authors = append(f.authors, splitAuthors(a)...)
		}
		f.topics = props["about"]
		if len(f.topics) == 0 {
			for _, k := range props["keywords"] {
				f.topics = append(f.topics, splitList(k)...)
			}
		}
		if !strong {
			info.post, f = f, fields{}
			return true // a generic post: look on for a publication
		}
		return false
	})
	return f
}

// itemProps returns the properties of a microdata item (not of the items nested in
// it): a nested item's value is its name.
func itemProps(item *goquery.Selection) map[string][]string {
	out := map[string][]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			s := goquery.NewDocumentFromNode(c).Selection
			prop := strings.ToLower(s.AttrOr("itemprop", ""))
			_, scoped := s.Attr("itemscope")
			if prop != "" {
				var v string
				switch {
				case scoped:
					v = cleanLine(first(itemProps(s), "name", "legalname"))
					if v == "" {
						v = cleanLine(s.Text())
					}
				case s.Is("meta"):
					v = s.AttrOr("content", "")
				case s.Is("time"):
					v = s.AttrOr("datetime", s.Text())
				case s.Is("a, link") && s.Text() == "":
					v = s.AttrOr("href", "")
				default:
					v = s.AttrOr("content", s.Text())
				}
				if v = cleanLine(v); v != "" {
					for _, p := range strings.Fields(prop) {
						out[p] = append(out[p], v)
					}
				}
			}
			if !scoped {
				walk(c)
			}
		}
	}
	for _, n := range item.Nodes {
		walk(n)
	}
	return out
}

// labelFields maps the labels pages write before a value, lower-case and without
// the colon, to the field they name.
var labelFields = map[string]string{}

func init() {
	for field, labels := range map[string][]string{
		"publisher": {"publisher", "publishers", "published by", "publishing house", "issued by", "issuing body", "issuing authority", "organisation", "organization",
			"видавець", "видавці", "видавництво", "видано", "видає", "издатель", "издательство", "издано", "издает", "организация", "організація"},
		"authors": {"author", "authors", "author(s)", "authored by", "by", "written by", "editor", "editors", "editor(s)", "edited by", "contributors",
			"creator", "creators", "compiled by", "compiler", "compilers",
			"автор", "автори", "автор(и)", "авторка", "укладач", "укладачі", "укладачка", "укладено", "упорядник", "упорядники", "упорядниця", "редактор",
			"автор(ы)", "авторы", "составитель", "составители"},
		"date": {"date", "published", "published on", "publication date", "date of publication", "date published", "release date", "issued",
			"year", "year of publication", "publication year", "дата", "опубліковано", "дата публікації", "дата видання", "дата оприлюднення",
			"рік", "рік видання", "дата публикации", "опубликовано", "дата издания", "год", "год издания"},
		"type": {"type", "document type", "publication type", "resource type", "type of publication", "type of document", "format", "genre",
			"тип", "тип документа", "тип публікації", "тип видання", "вид", "вид документа", "вид публікації", "вид видання", "жанр",
			"тип публикации", "вид публикации", "тип издания", "вид издания"},
		"topics": {"topic", "topics", "theme", "themes", "tags", "tag", "subject", "subjects", "keywords", "categories", "areas of work",
			"тема", "теми", "теги", "тег", "ключові слова", "темы", "ключевые слова"},
		"lang": {"language", "languages", "мова", "мови", "язык", "языки"},
		"title": {"title", "назва", "название", "document title", "publication title", "назва документа", "назва публікації", "назва видання",
			"название документа", "название публикации", "название издания"},
		// A section's name: the type when it names one ("Category: Handbooks").
		"section": {"category", "section", "collection", "series", "категорія", "розділ", "рубрика", "серія", "категория", "раздел", "серия"},
	} {
		for _, l := range labels {
			labelFields[l] = field
		}
	}
	// A repository's full record names its fields by Dublin Core's elements
	// (DSpace: "dc.date.issued", not "dc.date.accessioned").
	for l, field := range map[string]string{"dc.title": "title", "dc.type": "type", "dc.publisher": "publisher",
		"dc.contributor.author": "authors", "dc.creator": "authors", "dc.contributor.editor": "authors", "dc.date.issued": "date",
		"dc.language": "lang", "dc.language.iso": "lang", "dc.subject": "topics"} {
		labelFields[l] = field
	}
}

// labelField returns the field a label names, or "".
func labelField(label string) string {
	l := strings.ToLower(cleanLine(label))
	l = strings.TrimSpace(strings.TrimRight(l, " :：*"))
	if f := labelFields[l]; f != "" {
		return f
	}
	if dateLabel(l) {
		return "date"
	}
	// A label and a word or two saying of what ("Автори звіту", "Authors of
	// the study").
	words := strings.Fields(l)
	for n := 1; n <= 2 && n < len(words); n++ {
		if len(words)-n > 2 || words[0] == "by" {
			continue
		}
		switch f := labelFields[strings.Join(words[:n], " ")]; f {
		case "authors", "lang": // not "Publisher location", "Organisation type"
			return f
		}
	}
	return ""
}

// dateLabelWords say a label names a publication's date ("Year published", "Дата
// випуску"); notDateLabelWords that it names another date (an update's, an
// event's) or another field ("Published by", "Published in").
var (
	dateLabelWords    = []string{"date", "year", "published", "issued", "released", "дата", "рік", "опубліковано", "оприлюднено", "год", "опубликовано"}
	notDateLabelWords = []string{"by", "in", "at", "updated", "modified", "changed", "revised", "review", "next", "accessed", "viewed", "created",
		"submitted", "received", "accepted", "accessioned", "available", "added", "event", "deadline", "closing", "due", "start", "end", "expiry",
		"birth", "death", "оновлено", "оновлення", "змінено", "зміни", "створено", "події", "заходу", "проведення", "початку", "закінчення",
		"народження", "смерті", "обновлено", "обновления", "изменено", "создано", "события", "мероприятия", "проведения", "начала", "окончания",
		"рождения", "смерти"}
)

// dateLabel reports whether a label of a few words, lower-case, names a
// publication's date by its words; a line with figures or a colon in it is a
// label with its value ("Дата: 15.03.2021"), no label.
func dateLabel(l string) bool {
	if strings.ContainsFunc(l, func(r rune) bool { return unicode.IsDigit(r) || r == ':' }) {
		return false
	}
	words := strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 || len(words) > 4 || slices.ContainsFunc(words, func(w string) bool { return slices.Contains(notDateLabelWords, w) }) {
		return false
	}
	return slices.ContainsFunc(words, func(w string) bool { return slices.Contains(dateLabelWords, w) })
}

// visibleFields reads what the page shows in content: labelled values in lists
// (<dl>), tables and lines ("Publisher: …"), a type label beside the title, a
// <time>, and taxonomy links (rel=tag, links into topic and type archives).
func visibleFields(content *goquery.Selection, h1 *goquery.Selection, abs func(string) string) fields {
	var f fields
	var section string          // a section named in a "Category:" field
	var described []description // the lines that are bibliographic descriptions
	var descTexts []string
	set := func(field string, value *goquery.Selection, text string) {
		text = strings.TrimSpace(strings.TrimLeft(cleanLine(text), ":：-–— "))
		if text == "" {
			return
		}
		switch field {
		case "publisher":
			if f.publisher == "" {
				f.publisher = strings.TrimSuffix(text, ".")
			}
		case "authors":
			if names := splitAuthors(text); len(f.authors) == 0 && namesOnly(names) {
				f.authors = names
			}
		case "date":
			if f.date.IsZero() {
				f.date = leadingDate(strings.TrimSuffix(text, "."))
				if f.date.IsZero() && value != nil {
					f.date = ParseDate(value.Find("time[datetime]").AttrOr("datetime", ""))
				}
			}
		case "type":
			if f.typ == "" {
				f.typ = text
			}
		case "topics":
			if len(f.topics) == 0 {
				var list []string
				if value != nil && value.Find("a").Length() > 0 {
					value.Find("a").Each(func(_ int, a *goquery.Selection) { list = appendUnique(list, cleanLine(a.Text())) })
				} else {
					list = splitList(text)
				}
				// A tag that is a type's name ("Handbook") says the type.
				for _, v := range list {
					if _, ok := vocab.NameOf(v); ok {
						if f.typ == "" {
							f.typ = v
						}
						continue
					}
					f.topics = append(f.topics, v)
				}
			}
		case "title":
			if f.title == "" && len(text) < 300 {
				f.title = text
			}
		case "lang":
			if f.lang == "" && !severalLanguages(text) {
				f.lang = vocab.LangOf(text) // not a list of the versions ("Мови: English | Українська")
			}
		case "section":
			if _, ok := vocab.TypeOf(text); ok && section == "" {
				section = text
			}
			f.event = f.event || EventSection(text)
		}
	}
	// Definition lists: a term and the descriptions after it.
	content.Find("dt").Each(func(_ int, dt *goquery.Selection) {
		if field := labelField(dt.Text()); field != "" {
			dd := dt.NextUntil("dt").Filter("dd")
			set(field, dd, valueText(dd))
		}
	})
	// Tables: a header cell and the cell beside it.
	content.Find("th").Each(func(_ int, th *goquery.Selection) {
		if field := labelField(th.Text()); field != "" {
			td := th.NextAllFiltered("td").First()
			set(field, td, valueText(td))
		}
	})
	// Two-column tables without header cells: a label cell and the cell beside it.
	content.Find("td").Each(func(_ int, td *goquery.Selection) {
		if field := labelField(td.Text()); field != "" {
			if v := td.NextAllFiltered("td").First(); v.Length() > 0 {
				set(field, v, valueText(v))
			}
		}
	})
	// Headings that are labels ("<h3>Creator</h3>"), the values in the blocks
	// after them up to the next heading: one name a block.
	content.Find("h2, h3, h4, h5, h6").Each(func(_ int, h *goquery.Selection) {
		text := cleanLine(h.Text())
		field := labelField(text)
		if field == "" || field == "title" {
			return
		}
		var values []string
		h.NextUntil("h1, h2, h3, h4, h5, h6").Each(func(_ int, v *goquery.Selection) {
			if t := valueText(v); t != "" && len(values) < 20 {
				if field == "authors" {
					t = personName(t)
				}
				values = append(values, t)
			}
		})
		if len(values) == 0 {
			return
		}
		v := values[0]
		if field == "authors" || field == "topics" {
			v = strings.Join(values, "; ")
		}
		// A type under a heading is a type's name: "<h3>Format</h3>" over a
		// course's description is a section.
		if _, ok := vocab.TypeOf(v); field == "type" && !ok {
			return
		}
		if plausibleValue(field, v, h.Next()) {
			set(field, h.Next(), v)
		}
	})
	// Lines: "Label: value", or a label in its own element followed by the value.
	content.Find("p, li, div, span, td, dd, small, section").Each(func(_ int, s *goquery.Selection) {
		if s.Find("p, li, div, dt, dd, tr, h1, h2, h3").Length() > 0 {
			return // not a line: its lines are looked at themselves
		}
		text := cleanLine(s.Text())
		if text == "" || len(text) > 400 {
			return
		}
		// A label in a block of its own, the value in the next: Drupal's
		// field__label and field__item(s), a grid's two columns.
		if field := labelField(text); field != "" && s.Is("div, p, li, section, dd") && fieldLabel(s, text) {
			if next := s.Next(); next.Length() > 0 {
				if v := valueText(next); plausibleValue(field, v, next) {
					set(field, next, v)
				}
			}
			return
		}
		if lab := s.Children().First(); lab.Length() > 0 && lab.Is("strong, b, span, label, em, dfn") {
			if field := labelField(lab.Text()); field != "" {
				set(field, s, strings.TrimPrefix(text, cleanLine(lab.Text())))
				return
			}
		}
		if label, value, ok := strings.Cut(text, ":"); ok && len(label) < 40 {
			if field := labelField(label); field != "" {
				set(field, s, value)
				return
			}
		}
		// A bibliographic description ("Title : навч. посіб. / за ред. О. Марченко.
		// — Київ : Фенікс, 2019. — 212 с."), alone or after its label: read
		// below, when it is the page's only one.
		if d, ok := describedAs(text); ok {
			// An element and one inside it (a label's line and the value's span).
			if !slices.ContainsFunc(descTexts, func(o string) bool { return strings.Contains(o, text) || strings.Contains(text, o) }) {
				described, descTexts = append(described, d), append(descTexts, text)
			}
			return
		}
		lower := strings.ToLower(text)
		// "Written by A and B", "By A".
		for _, p := range []string{"written by ", "authored by ", "edited by ", "by "} {
			if strings.HasPrefix(lower, p) && len(text) < 200 && namesOnly(splitAuthors(text[len(p):])) {
				set("authors", s, text[len(p):])
				return
			}
		}
		// "Published by the X", "Видано X".
		for _, p := range []string{"published by ", "publisher ", "видано ", "видавець ", "издано ", "издатель "} {
			if strings.HasPrefix(lower, p) && len(text) < 300 {
				v := text[len(p):]
				// "Видавець цієї публікації — X": the name follows the dash.
				if i := strings.IndexAny(v, "—–:"); i >= 0 && i < 60 {
					v = v[i:]
				}
				v = strings.TrimPrefix(strings.TrimPrefix(strings.TrimLeft(v, "—–: "), "the "), "The ")
				set("publisher", s, v)
				return
			}
		}
	})
	// Of several, a list of references: no one of them is the page's.
	if len(described) == 1 {
		d := described[0]
		if k, ok := vocab.TypeOf(d.other); ok && d.other != "" {
			lang := "en"
			if strings.IndexFunc(d.other, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0 {
				lang = "uk"
			}
			set("type", nil, vocab.Label(k, lang))
		}
		if names := responsible(d.resp); len(names) > 0 && namesOnly(names) {
			set("authors", nil, strings.Join(names, "; "))
		}
		set("publisher", nil, d.publisher)
		set("date", nil, d.year)
	}
	// A type label beside the title: an element named for it near the heading.
	if f.typ == "" && h1 != nil && h1.Length() > 0 {
		f.typ = typeBadge(h1)
	}
	// A breadcrumb's section that is a type's name ("Publications › Handbooks ›
	// …"), the nearest first.
	if f.typ == "" {
		crumbs := content.Find(`[class*="breadcrumb"] a, nav[aria-label*="readcrumb"] a, [class*="crumbs"] a`)
		for i := crumbs.Length() - 1; i >= 0 && f.typ == ""; i-- {
			text := cleanLine(crumbs.Eq(i).Text())
			if _, ok := vocab.NameOf(text); ok {
				f.typ = text
			}
		}
	}
	if f.typ == "" {
		f.typ = section
	}
	// A sentence of the text naming the publisher: "This publication was prepared
	// by the X Centre.", «Видавець цієї публікації — X.».
	if f.publisher == "" {
		content.Find("p").EachWithBreak(func(_ int, p *goquery.Selection) bool {
			f.publisher = publisherSentence(cleanLine(p.Text()))
			return f.publisher == ""
		})
	}
	// The date a <time> beside the title shows: the post's, when it is among the
	// post's details ("Posted on …", .entry-meta).
	if f.date.IsZero() && h1 != nil && h1.Length() > 0 {
		for p, up := h1.Parent(), 0; p.Length() > 0 && up < 3; p, up = p.Parent(), up+1 {
			if t := p.Find("time").First(); t.Length() > 0 {
				f.date, f.posted = ParseDate(t.AttrOr("datetime", t.Text())), postMeta(t)
				break
			}
		}
	}
	if f.date.IsZero() {
		if t := content.Find("time").First(); t.Length() > 0 {
			f.date, f.posted = ParseDate(t.AttrOr("datetime", t.Text())), postMeta(t)
		}
	}
	// A short element of a date's class whose whole text is a date: "15 березня
	// 2021 р." in a <span class="date">.
	const dateClassed = `[class*="date"], [class*="Date"], [class*="time"], [class*="posted"], [class*="published"]`
	shortDate := func(s *goquery.Selection) bool {
		if text := cleanLine(s.Text()); len([]rune(text)) <= 40 && s.Find("h1").Length() == 0 {
			f.date, f.posted = ParseDate(text), postMeta(s)
		}
		return f.date.IsZero()
	}
	if f.date.IsZero() && h1 != nil && h1.Length() > 0 {
		for p, up := h1.Parent(), 0; p.Length() > 0 && up < 2 && f.date.IsZero(); p, up = p.Parent(), up+1 {
			p.Find(dateClassed).EachWithBreak(func(_ int, s *goquery.Selection) bool { return shortDate(s) })
		}
	}
	// A date heading over the posts of a day (Blogger's h2.date-header): the
	// element right before one of the heading's near ancestors.
	if f.date.IsZero() && h1 != nil && h1.Length() > 0 {
		for p, up := h1, 0; p.Length() > 0 && up < 4 && f.date.IsZero(); p, up = p.Parent(), up+1 {
			prev := p.PrevAll().First()
			prev.Filter(dateClassed).AddSelection(prev.Find(dateClassed)).EachWithBreak(func(_ int, s *goquery.Selection) bool { return shortDate(s) })
		}
	}
	// Taxonomy links.
	var topics []string
	content.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		kind := taxonomy(a, abs)
		text := cleanLine(a.Text())
		if text == "" || len(text) > 80 {
			return
		}
		if kind == "topic" {
			// A tag that is a type's name ("Handbook") says the type, not a topic.
			if _, ok := vocab.NameOf(text); ok {
				kind = "type"
			}
		}
		switch kind {
		case "type":
			if f.typ == "" {
				f.typ = text
			}
		case "topic":
			topics = appendUnique(topics, text)
		}
	})
	if len(f.topics) == 0 {
		f.topics = topics
	}
	if len(f.authors) == 0 {
		content.Find(`[rel=author], .author, .authors, .byline`).First().Each(func(_ int, s *goquery.Selection) {
			if names := containerAuthors(s); namesOnly(names) {
				f.authors = names
			}
		})
	}
	return f
}

// announced reports whether content says when and where, as an announcement
// does: a line that begins with a label of the time ("When: 5 February 2024")
// and, on it after a sentence or on one of the next lines, one of the place
// ("Where: Kyiv"). A formula's "where:" or a rule's "only when:" is no label.
func announced(content *goquery.Selection) bool {
	lines, _ := splitLines(blockText(content))
	for i, l := range lines {
		if !eventWhen.MatchString(l) {
			continue
		}
		if eventWhereInLine.MatchString(l) {
			return true
		}
		for _, next := range lines[i+1 : min(len(lines), i+4)] {
			if eventWhere.MatchString(next) {
				return true
			}
		}
	}
	return false
}

// eventWhen and eventWhere are an announcement's labels of its time and place at
// a line's start; eventWhereInLine the place's after a sentence.
var (
	eventWhen        = regexp.MustCompile(`(?i)^\s*(?:when|коли|когда|дата і час|дата и время|дата проведення|дата проведения)\s*:`)
	eventWhere       = regexp.MustCompile(`(?i)^\s*(?:where|venue|де|місце проведення|где|место проведения)\s*:`)
	eventWhereInLine = regexp.MustCompile(`(?i)[.;]\s+(?:where|venue|де|місце проведення|где|место проведения)\s*:`)
)

// containerAuthors reads the names an author element shows: each one's name
// element (a class naming it a name, a link to the person's page) when it has
// them, not the roles and affiliations beside them; else its text as a line.
func containerAuthors(s *goquery.Selection) []string {
	var names []string
	add := func(_ int, e *goquery.Selection) {
		if t := cleanLine(e.Text()); t != "" && len(t) < 80 {
			names = appendUnique(names, t)
		}
	}
	s.Find("[class]").FilterFunction(func(_ int, e *goquery.Selection) bool {
		return nameElement(e) && e.Find("[class]").FilterFunction(func(_ int, c *goquery.Selection) bool { return nameElement(c) }).Length() == 0
	}).Each(add)
	if len(names) == 0 && s.Find("a[href]").Length() > 1 {
		s.Find("a[href]").Each(add)
	}
	if len(names) == 0 {
		return splitAuthors(valueText(s))
	}
	return names
}

// nameElement reports whether an element's class names it a person's whole name
// ("name", "fn", "p-name", "author__name"), not an organisation's nor a part of
// a name (hCard's given and family names, which their parent holds together).
func nameElement(e *goquery.Selection) bool {
	for _, c := range strings.Fields(strings.ToLower(e.AttrOr("class", ""))) {
		if (c == "fn" || c == "name" || strings.HasSuffix(c, "-name") || strings.HasSuffix(c, "_name")) &&
			!slices.ContainsFunc(notPersonName, func(w string) bool { return strings.Contains(c, w) }) {
			// hCard's "fn org" is an organisation's name.
			return !slices.Contains(strings.Fields(strings.ToLower(e.AttrOr("class", ""))), "org")
		}
	}
	return false
}

// notPersonName are parts of a name class that say it is no person's whole name.
var notPersonName = []string{"org", "company", "affil", "institution", "given", "family", "first", "last", "middle", "additional", "honorific", "nick", "user", "file", "site"}

// publisherPhrase finds a sentence that names who published or prepared a
// publication, and orgWords the words an organisation's name has (whole words, a
// plural's s or a case's ending of up to three letters: "центру", not
// "центральних").
var (
	publisherPhrase = regexp.MustCompile(`(?i)(?:^|[.!?]\s+)(?:(?:this|the) (?:publication|report|handbook|study|paper|document|guide|toolkit|manual|brief|book|volume)\s+(?:was|is|has been)\s+)?(?:(?:(?:co-?|jointly\s+)?published(?:\s+jointly)?|prepared|produced|issued|edited)\s+by|(?:an?\s+)?(?:joint\s+|co-?)publication\s+(?:of|by))\s+(?:the\s+)?([^.;!?]{4,120})[.;!?]?|(?:видавець|видавцем|видання підготовлен[оа]|видано|опубліковано|издатель|издание подготовлено|издано|опубликовано)[^—–:]{0,40}?(?:\s[-—–]|[—–:])\s*([^.;!?]{4,120})|(?:видання|публікацію|звіт|посібник|издание|публикацию|доклад|пособие)\s+(?:підготовлено|підготовлений|підготувал[аи]|подготовлено|подготовлен|подготовил[аи])\s+([^.;!?—–:]{4,120})`)
	// notAName is how a clause begins that names no one: a preposition.
	notAName = regexp.MustCompile(`(?i)^(за|в|у|при|для|на|з|із|зі|від|по|в рамках|у рамках|у межах|в межах|во|с|со|от|в ходе)\s`)
	// acronym is a name of capitals alone ("UCSS", "OSCE ODIHR"): an organisation's.
	acronym = regexp.MustCompile(`^\p{Lu}{2,}(?:[\s/]\p{Lu}{2,})*$`)
	// publisherHelp is where a publisher's name ends and those who helped it begin:
	// "X with the support of Y", «X за підтримки Y».
	publisherHelp = regexp.MustCompile(`(?i)\s*,?\s+(?:with(?: the)?(?: financial| generous| kind)? (?:support|assistance|help|funding) (?:of|from)|funded by|supported by|in (?:cooperation|partnership|collaboration) with|за (?:фінансової |фінансовою )?(?:підтримки|підтримкою|сприяння)|у співпраці з|у партнерстві з|спільно з|при (?:финансовой )?(?:поддержке|содействии)|в сотрудничестве с|совместно с)\s.*$`)
	orgWords      = regexp.MustCompile(`(?i)(?:^|[\s(«"'“‘/-])(centre|center|institute|network|foundation|stiftung|initiative|forum|programme|program|coalition|hub|organi[sz]ation|agency|office|ministry|committee|council|rada|association|union|university|group|service|commission|academy|secretariat|department|coordinator|mission|alliance|fund|administration|assembly|bureau|inspectorate|chamber|facility|lab|laboratory|observatory|ngo|dcaf|nato|osce|undp|oecd|адміністрац|асамбле|парламент|бюро|інспекці|лабораторі|лаборатори|обсерваторі|служб|управлін|администрац|ассамбле|инспекци|управлени|палат|департамент|секретаріат|секретариат|координатор|група|группа|центр|інститут|мережа|фонд|фундаці|ініціатива|форум|програма|коаліція|хаб|організація|агентство|міністерство|комітет|рада|асоціація|університет|академія|місія|институт|сеть|инициатива|программа|коалиция|организация|министерство|комитет|совет|ассоциация|университет|академия|миссия)(?:s|\p{Cyrillic}{1,3})?(?:$|[\s,.;:)»"'’”/-])`)
)

// publisherSentence returns the organisation a sentence names as a publication's
// publisher or preparer, when what it names reads as an organisation ("prepared by
// Olena Marchenko" names an author).
func publisherSentence(s string) string {
	if len([]rune(s)) > 1500 {
		return ""
	}
	for _, m := range publisherPhrase.FindAllStringSubmatch(s, -1) {
		if m[3] != "" && notAName.MatchString(m[3]) {
			continue // "підготовлено за підтримки …", "… в рамках проєкту": no name follows
		}
		name := strings.TrimSpace(publisherHelp.ReplaceAllString(m[1]+m[2]+m[3], ""))
		name = strings.TrimSuffix(strings.TrimPrefix(name, "the "), ".")
		if m[3] != "" {
			name = nominative(name) // "підготовлено Центром …": by the Centre
		}
		if Organisation(name) {
			return name
		}
	}
	return ""
}

// nominative puts a Ukrainian name that a sentence gives in the instrumental
// case ("підготовлено Полтавською обласною державною адміністрацією", "Центром
// політико-правових реформ", "Міністерством оборони") in the nominative, as the
// body names itself: its first words, up to its first noun (the words after
// are in the case the name has them in: "… реформ"). A name in another case,
// one it reaches no noun of, and a Russian one (whose adjectives' endings it
// would need to tell apart) are left as they are.
func nominative(name string) string {
	if strings.ContainsAny(strings.ToLower(name), "ыэъё") {
		return name
	}
	words := strings.Fields(name)
	neuter := false // the noun is neuter: its adjectives end in -е, not -ий
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, "«»\"“”"))
		if strings.HasSuffix(lw, "ством") || strings.HasSuffix(lw, "цтвом") || strings.HasSuffix(lw, "ням") || strings.HasSuffix(lw, "ттям") {
			neuter = true
			break
		}
		if !strings.HasSuffix(lw, "им") && !strings.HasSuffix(lw, "ою") {
			break
		}
	}
	out := slices.Clone(words)
	for i, w := range words {
		r := []rune(w)
		if len(r) < 4 {
			return name
		}
		end := strings.ToLower(string(r[len(r)-2:]))
		stem := string(r[:len(r)-2])
		noun := true
		switch {
		case end == "им" && neuter:
			out[i], noun = stem+"е", false // "Головним управлінням": Головне
		case end == "им":
			out[i], noun = stem+"ий", false // "Національним інститутом": Національний
		case end == "ою":
			out[i] = stem + "а" // "Полтавською обласною", "Службою"
			noun = i+1 >= len(words) || !instrumental(words[i+1])
		case end == "ею":
			out[i] = stem + "а" // "Мережею"
		case end == "єю":
			out[i] = stem + "я" // "Асоціацією", "адміністрацією"
		case end == "ям":
			out[i] = string(r[:len(r)-1]) // "Управлінням": Управління
		case end == "ом" && (strings.HasSuffix(strings.ToLower(stem), "ств") || strings.HasSuffix(strings.ToLower(stem), "цтв")):
			out[i] = stem + "о" // "Міністерством": Міністерство
		case end == "ом":
			out[i] = stem // "Центром": Центр
		default:
			return name // not in the instrumental
		}
		if noun {
			return strings.Join(out, " ")
		}
	}
	return name // no noun reached
}

// instrumental reports whether a Ukrainian word may be in the instrumental
// case: an adjective's or a noun's ending (nominative).
func instrumental(w string) bool {
	lw := strings.ToLower(w)
	for _, e := range []string{"ою", "им", "ом", "ям", "ею", "єю"} {
		if strings.HasSuffix(lw, e) {
			return true
		}
	}
	return false
}

// description is what a bibliographic description says (see describedAs).
type description struct{ other, resp, publisher, year string }

var (
	// isbd is a bibliographic description as catalogues and Ukrainian publishers
	// write it (ISBD, ДСТУ 8302): "Title : other title / responsibility. — Place
	// : Publisher, Year"; imprintValue its publication area alone ("Kyiv :
	// Razumkov Centre, 2016.").
	isbd         = regexp.MustCompile(`^(?:[^:]{0,39}[^:\s]:\s)?.+?(?:\s:\s([^/]+?))?\s/\s(.+?)\.\s+[—–-]\s+([^:—–]{2,40}?)\s:\s([^,—–:]{2,120}?),\s(?:c|©)?(\d{4})\b`)
	imprintValue = regexp.MustCompile(`^(?:[^:]{0,39}[^:\s]:\s)?([^:,]{2,40}?)\s:\s([^,:]{2,120}?),\s(?:c|©)?(\d{4})\.?$`)
	// responsibility begins a statement of responsibility: who wrote or edited.
	responsibility = regexp.MustCompile(`(?i)^(?:за\s+(?:заг\.\s+|загальною\s+)?ред(?:\.|акцією)|под\s+ред(?:\.|акцией)|уклад(?:\.|ачі|ач)|упоряд(?:\.|ники|ник)|авт(?:\.|ори)|edited\s+by|ed\.\s+by|compiled\s+by|by)\s*:?\s*`)
)

// describedAs reads a line that is a bibliographic description, or its
// publication area after a label ("Publication details: Kyiv : Razumkov Centre,
// 2016.").
func describedAs(line string) (description, bool) {
	if len(line) > 600 {
		return description{}, false
	}
	if m := isbd.FindStringSubmatch(line); m != nil {
		return description{other: strings.TrimSpace(m[1]), resp: m[2], publisher: strings.TrimSpace(m[4]), year: m[5]}, true
	}
	if m := imprintValue.FindStringSubmatch(line); m != nil && !strings.ContainsAny(m[2], "0123456789") {
		return description{publisher: strings.TrimSpace(m[2]), year: m[3]}, true
	}
	return description{}, false
}

// responsible returns the names a statement of responsibility gives ("за ред.
// О. Марченко", "edited by Hanna Shelest"), or none when it names no one.
func responsible(resp string) []string {
	resp = strings.TrimSpace(resp)
	for resp != "" {
		r := responsibility.ReplaceAllString(resp, "")
		if r == resp {
			break
		}
		resp = r
	}
	var names []string
	for _, part := range strings.Split(resp, ";") {
		names = append(names, splitAuthors(strings.TrimSpace(responsibility.ReplaceAllString(strings.TrimSpace(part), "")))...)
	}
	return names
}

// withoutResponsibility is a catalogue's title without its statement of
// responsibility ("Security sector reform in Ukraine : challenges and prospects
// / edited by Hanna Shelest." → "Security sector reform in Ukraine: challenges and
// prospects").
func withoutResponsibility(title string) string {
	head, resp, ok := strings.Cut(title, " / ")
	if !ok || !responsibility.MatchString(strings.TrimSpace(resp)) && !people(splitAuthors(resp)) {
		return title // "Україна / НАТО", "Annual Review / Річний Огляд": a title in two languages
	}
	return strings.TrimSpace(strings.ReplaceAll(head, " : ", ": "))
}

// people reports whether names are people's, told apart from the words of a
// title: names, none an organisation's, two or more or with an initial.
func people(names []string) bool {
	if !namesOnly(names) || slices.ContainsFunc(names, Organisation) {
		return false
	}
	return len(names) > 1 || slices.ContainsFunc(names, func(n string) bool { return initialWord.MatchString(n) })
}

// initialWord is a name's initial: "О.", "J.-P.".
var initialWord = regexp.MustCompile(`(?:^|\s)\p{Lu}\.`)

// Organisation reports whether a name reads as an organisation's: capitals alone
// ("DCAF", "OSCE ODIHR") or a word organisations' names have ("Razumkov Centre"),
// in at most 12 words.
func Organisation(name string) bool {
	return namedOrganisation(name) || acronym.MatchString(name) && len(strings.Fields(name)) <= 12
}

// namedOrganisation reports whether a name reads as an organisation's by its
// words (orgWords) or its legal form (legalForm), not an acronym alone.
func namedOrganisation(name string) bool {
	return (orgWords.MatchString(name) || legalForm.MatchString(name) || quotedBody.MatchString(name) || SpelledAcronym(name)) && len(strings.Fields(name)) <= 12
}

// SpelledAcronym reports whether a name ends with its acronym of four letters or
// more in brackets, the initials of its words, joining words aside, and starts
// with a collective body's word: a body's name and its short form
// ("Partnership for Security Sector Governance (PSSG)", "Центр досліджень
// армії, конверсії та роззброєння (ЦДАКР)"); not a topic's ("Security Sector
// Reform (SSR)", "Small Arms and Light Weapons (SALW)").
func SpelledAcronym(name string) bool {
	m := bracketAcronym.FindStringSubmatch(strings.TrimSpace(name))
	if m == nil || !slices.Contains(collectiveBodies, strings.ToLower(strings.Fields(m[1])[0])) {
		return false
	}
	var initials []rune
	for _, w := range strings.FieldsFunc(m[1], func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		if !slices.Contains(joiningWords, strings.ToLower(w)) {
			initials = append(initials, unicode.ToUpper([]rune(w)[0]))
		}
	}
	return string(initials) == strings.ToUpper(m[2])
}

// bracketAcronym is a name and, in brackets at its end, four to eight letters
// (capitals, or in a name set in lower case).
var bracketAcronym = regexp.MustCompile(`^(.+?)\s*\((\pL{4,8})\)$`)

// collectiveBodies are the words a body's name with its acronym starts with
// that titles use too, which orgWords therefore lack: "Partnership for Security
// Sector Governance (PSSG)"; not a topic's name ("Small Arms and Light Weapons
// (SALW)").
var collectiveBodies = []string{"partnership", "network", "initiative", "programme", "program", "project", "platform", "alliance", "coalition",
	"consortium", "forum", "mission", "group", "union", "association", "centre", "center", "institute", "council", "office",
	"партнерство", "мережа", "ініціатива", "програма", "проєкт", "проект", "платформа", "альянс", "коаліція", "консорціум", "форум", "місія",
	"група", "спілка", "асоціація", "центр", "інститут", "рада", "сеть", "институт", "совет"}

// joiningWords join a name's words and give its acronym no letter.
var joiningWords = []string{"for", "of", "and", "the", "on", "in", "та", "і", "й", "з", "із", "в", "у", "на", "для", "по", "и"}

// quotedBody is a body's kind, in the nominative, before its name in quotes: a
// municipal or state enterprise or institution, a platform, a partnership
// ("Комунальне підприємство «Муніципальна варта»", "Платформа «Безпека
// громад»"); not those words in a title ("Платформа для діалогу").
var quotedBody = regexp.MustCompile(`(?i)^(?:(?:комунальне|державне|казенне|приватне)\s+підприємство|(?:державна|комунальна|бюджетна)\s+установа|платформа|партнерство|підприємство|установа)\s*[«"“„]`)

// legalForm is an organisation's legal form before its name: "ГО «Громадський
// щит»" (a civic organisation), "БФ «…»", "NGO …"; not a word it starts
// ("БОРОТЬБА з корупцією").
var legalForm = regexp.MustCompile(`^(ГО|ГС|БО|БФ|МБФ|МГО|ВГО|ВБО|ОО|НГО|КП|ДП|ДУ|КЗ|КУ|NGO|CSO)(\s+[«"“„]?|\s*[«"“„])\p{Lu}`)

// typeClass matches a class name that marks a type label: one that ends with the
// word ("type", "pub-type", "field--name-field-publication-type"), or with it and
// a word for a label ("type-label"). "type" followed by other words names a kind
// of field, not a publication's type: Drupal's "field--type-string",
// "field-type-datetime".
var typeClass = regexp.MustCompile(`(?i)^([a-z0-9]+[-_]+)*(type|genre|format)([-_]+(label|badge|tag|name|value|item))?$`)

// typeClassed reports whether one of an element's classes marks a type label.
func typeClassed(s *goquery.Selection) bool {
	return slices.ContainsFunc(strings.Fields(s.AttrOr("class", "")), typeClass.MatchString)
}

// withoutLabel is an element's text without that of a label inside it (Drupal's
// field__label, a <label>, a "Type:" prefix): the value alone.
func withoutLabel(s *goquery.Selection) string {
	c := s.Clone()
	c.Find(`label, [class*="label"], [class*="Label"]`).Remove()
	text := cleanLine(blockText(c))
	if label, value, ok := strings.Cut(text, ":"); ok && labelField(label) != "" {
		text = strings.TrimSpace(value)
	}
	return text
}

// postMeta reports whether an element showing a date is among a post's details
// (when it was posted, by whom: WordPress's .entry-meta and .posted-on, "Posted on
// …"), whose date is the post's rather than the publication's.
func postMeta(s *goquery.Selection) bool {
	for p, up := s, 0; p.Length() > 0 && up < 3; p, up = p.Parent(), up+1 {
		if postMetaClass.MatchString(p.AttrOr("class", "")) {
			return true
		}
		if t := strings.ToLower(cleanLine(p.Text())); len(t) < 120 && postedWords.MatchString(t) {
			return true
		}
	}
	return false
}

var (
	postMetaClass = regexp.MustCompile(`(?i)(^|[-_ ])(entry-meta|post-meta|posted-on|entry-date|post-date|byline|article-meta|meta-date|published-date|updated)([-_ ]|$)`)
	postedWords   = regexp.MustCompile(`^(posted|додано|розміщено|размещено|добавлено)(\s|:|$)|\bposted (on|by)\b`)
)

// namesOnly reports whether every one of names reads as a person's name (two to
// five words, initials counting as words, no digits, each capitalised but for
// particles: "van", "de") or an organisation's (an acronym, a name with an
// organisation's word). "By 2030, the Ministry plans…" names no one, nor does a
// CMS login ("webeditor").
func namesOnly(names []string) bool {
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		if strings.ContainsAny(n, "0123456789") || Account(n) {
			return false
		}
		// An organisation as author: "DCAF", "Razumkov Centre"; not a role that
		// names one ("senior analyst of the Foundation").
		if r, _ := utf8.DecodeRuneInString(n); acronym.MatchString(n) || orgWords.MatchString(n) && len(strings.Fields(n)) <= 12 && !unicode.IsLower(r) {
			continue
		}
		words := strings.Fields(initialDot.ReplaceAllString(n, "$1 $2")) // "О.Марченко": two words
		if len(words) < 2 || len(words) > 5 {
			return false
		}
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) && !slices.Contains(nameParticles, w) && !particled(w) {
				return false
			}
		}
	}
	return true
}

// accounts are the names content management systems give the accounts that put
// pages online ("Super User", "admin"), lower-case: never a publication's authors.
var accounts = []string{"admin", "administrator", "super user", "superuser", "site admin", "site administrator", "webmaster", "web master",
	"editor", "site editor", "web editor", "webeditor", "root", "guest", "owner", "author", "unknown", "user", "moderator",
	"адміністратор", "адмін", "адміністратор сайту", "редактор", "редактор сайту", "модератор",
	"администратор", "админ", "администратор сайта", "редактор сайта",
	// what an office PC's owner is called when nobody named it
	"windows user", "користувач", "користувач windows", "пользователь", "пользователь windows", "valued customer", "licensed user"}

// Account reports whether a name is a CMS's or a system's account rather than a
// person's or an organisation's (see accounts).
func Account(name string) bool {
	return slices.Contains(accounts, strings.ToLower(strings.Join(strings.Fields(name), " ")))
}

// particled reports whether a word is a surname joined to its particle
// ("al-Hassan", "d'Alembert", "аль-Хасан").
func particled(w string) bool {
	for _, sep := range []string{"-", "'", "’"} {
		if p, rest, ok := strings.Cut(w, sep); ok && rest != "" && (slices.Contains(nameParticles, p) || p == "d" || p == "el" || p == "ibn") {
			r, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsUpper(r)
		}
	}
	return false
}

// initialDot is an initial's dot with a letter right after it ("О.Марченко").
var initialDot = regexp.MustCompile(`(\p{Lu}\.)(\pL)`)

// nameParticles are the lower-case words of people's names.
var nameParticles = []string{"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "bin", "al", "dos", "das", "do",
	"ван", "фон", "де", "дер", "ден", "да", "ді", "ди", "дю", "ла", "ле", "дель", "делла", "бін", "бен", "аль", "ель"}

// fieldLabel reports whether a block whose text is a field's label is one: marked
// so by its class, ending with a colon, or alone with its value in its parent. A
// heading "Format" over a paragraph is not.
func fieldLabel(s *goquery.Selection, text string) bool {
	return strings.Contains(strings.ToLower(s.AttrOr("class", "")), "label") || strings.HasSuffix(strings.TrimSpace(text), ":") ||
		s.Parent().Children().Length() == 2
}

// plausibleValue reports whether v, the text of value, can be field's value: a
// type is a few words, not a sentence; authors read as people; a language is a
// name, not a menu of links; topics and a publisher are short.
func plausibleValue(field, v string, value *goquery.Selection) bool {
	words := len(strings.Fields(v))
	switch field {
	case "type":
		return words <= 5 && !strings.ContainsAny(v, ".!?")
	case "authors":
		return namesOnly(splitAuthors(v))
	case "lang":
		return len([]rune(v)) <= 20 && value.Find("a").Length() == 0
	case "publisher":
		return words <= 12 && !strings.Contains(v, ". ")
	case "topics":
		return len([]rune(v)) <= 300 && !strings.Contains(v, ". ")
	}
	return true
}

// severalLanguages reports whether a language field's value names more than one
// language: the versions a publication has, not the page's language.
func severalLanguages(v string) bool {
	seen := ""
	for _, part := range languageList.Split(v, -1) {
		if l := vocab.LangOf(strings.TrimSpace(part)); l != "" && seen != "" && l != seen {
			return true
		} else if l != "" {
			seen = l
		}
	}
	return false
}

// languageList parts the languages of a list: "English | Українська", "EN, UK",
// "англійська та українська".
var languageList = regexp.MustCompile(`\s*[|,;/•·]\s*|\s+(?:and|та|і|и)\s+`)

// valueText is a field's value as an element shows it: the texts of its blocks
// (several field__items) joined by "; ".
func valueText(s *goquery.Selection) string {
	var parts []string
	for _, l := range strings.Split(blockText(s), "\n") {
		if l = cleanLine(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "; ")
}

// seriesNumber is an issue's number after a series' name: "No. 12", "#3",
// "3/2021", "Vol. 2", "№ 5", "Вип. 4".
var seriesNumber = regexp.MustCompile(`(?i)\s+(?:(?:no\.?|nr\.?|number|vol\.?|volume|issue|№|#|вип\.?|випуск|номер)\s*)?\d+(?:[/.-]\d+)?$`)

// typeBadge returns the text of the short element beside a heading that names the
// publication's type: one whose class says so, else one whose whole text is the
// name of a type of the vocabulary.
func typeBadge(h1 *goquery.Selection) string {
	var named, badge string
	for p, up := h1.Parent(), 0; p.Length() > 0 && up < 2 && named == ""; p, up = p.Parent(), up+1 {
		p.Find("span, div, p, a, small, strong, em, li").Each(func(_ int, s *goquery.Selection) {
			if named != "" || s.Find("h1").Length() > 0 {
				return
			}
			text := cleanLine(s.Text())
			classed := typeClassed(s)
			if classed {
				text = withoutLabel(s)
			}
			if text == "" || len([]rune(text)) > 40 || len(strings.Fields(text)) > 5 || !ParseDate(text).IsZero() || fileFormat.MatchString(text) {
				return
			}
			if a := s.Closest("a"); a.Length() > 0 && len(cleanLine(a.Text())) > len(cleanLine(s.Text())) {
				return // part of a card that links another item: its type ("Policy brief" over its title)
			}
			switch {
			case classed:
				named = text
			case badge == "" && s.Children().Length() == 0 && !listedLink(s):
				// A short element whose whole text is a type's name, whatever its
				// class: "Toolkit", "Annual report", "Посібник"; a series' number
				// may follow it ("Policy Brief No. 12"); not another item's link
				// in a list ("Read also: … Annual Report 2023").
				name := seriesNumber.ReplaceAllString(text, "")
				if _, ok := vocab.NameOf(name); ok {
					badge = name
				}
			}
		})
	}
	if named != "" {
		return named
	}
	// A kicker set as a heading right above or below the title ("<h3>Research
	// Report</h3><h1>…</h1>"), its whole text a type's name.
	for _, h := range []*goquery.Selection{h1.Prev(), h1.Next()} {
		if text := cleanLine(h.Text()); badge == "" && h.Is("h2, h3, h4, h5, h6") && len([]rune(text)) <= 40 {
			if _, ok := vocab.NameOf(text); ok {
				badge = text
			}
		}
	}
	return badge
}

// listedLink reports whether an element is, or is in, a link that is an item
// of a list of two or more: another page's title in a list of related items.
func listedLink(s *goquery.Selection) bool {
	if s.Closest("a").Length() == 0 {
		return false
	}
	item := s.Closest("li")
	return item.Length() > 0 && item.Parent().Children().Length() >= 2
}

// fileFormat is a file format's name, which a format label shows ("PDF", "XLSX"):
// no publication's type.
var fileFormat = regexp.MustCompile(`(?i)^(pdf|csv|xlsx?|docx?|odt|ods|rtf|txt|json|xml|zip|html?|epub|pptx?)$`)

// Path segments of archive pages: of types, and of topics.
var (
	typeArchive  = regexp.MustCompile(`(?i)^(types?|kinds?|genres?|formats?|(publication|document|resource|content)[-_]?types?|doc[-_]?types?)$`)
	topicArchive = regexp.MustCompile(`(?i)^(topics?|themes?|tags?|subjects?|categor(y|ies)|taxonomy|keywords?|issues|focus|areas?|thematic[-_]?areas?|теми|тема)$`)
)

// taxonomy says what archive a link leads to: "type" (a publication type's
// archive), "topic" (a topic's or tag's), or "" for other links. A rel=tag link is
// a topic unless its path names a type archive.
func taxonomy(a *goquery.Selection, abs func(string) string) string {
	u, err := url.Parse(abs(a.AttrOr("href", "")))
	if err != nil || u.Path == "" {
		return ""
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	for i, s := range segs {
		if i == len(segs)-1 && !htmlpage.HasRel(a.AttrOr("rel", ""), "tag") {
			break // the archive's name needs a value after it
		}
		if seg, err := url.PathUnescape(s); err == nil {
			s = seg
		}
		switch {
		case typeArchive.MatchString(s):
			return "type"
		case topicArchive.MatchString(s):
			if s == "category" || s == "categories" {
				if eventWord(a.Text()) {
					return ""
				}
			}
			return "topic"
		}
	}
	if htmlpage.HasRel(a.AttrOr("rel", ""), "tag") {
		return "topic"
	}
	return ""
}

// EventSection reports whether a labelled category or type names events, its
// first value whole ("Events", "Події", "Тип: Подія"; not "News, Publications"
// nor "Newsletters").
func EventSection(s string) bool {
	first, _, _ := strings.Cut(strings.ToLower(cleanLine(s)), ",")
	return slices.Contains(eventSections, strings.TrimSpace(first))
}

// eventSections are the names of an events category, and of an event as a type.
var eventSections = []string{"events", "event", "upcoming events", "past events", "announcements", "webinar", "webinars", "round table", "roundtable",
	"події", "подія", "заходи", "захід", "анонси", "вебінар", "вебінари", "круглий стіл",
	"мероприятия", "мероприятие", "события", "событие", "анонсы", "вебинар", "вебинары", "круглый стол"}

// eventWord reports whether a category's name says "events" or "news".
func eventWord(s string) bool {
	s = strings.ToLower(cleanLine(s))
	for _, w := range []string{"event", "news", "поді", "новин", "заход", "мероприят", "событи", "новост"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// personName turns "Keller, Thomas" into "Thomas Keller".
func personName(s string) string {
	s = cleanLine(s)
	if last, given, ok := strings.Cut(s, ","); ok && !strings.Contains(given, ",") && len(strings.Fields(last)) <= 2 && strings.TrimSpace(given) != "" {
		return strings.TrimSpace(given) + " " + strings.TrimSpace(last)
	}
	return s
}

// merge takes each field from the first layer that has it, and reports which.
func merge(layers []fields, sources []string) (fields, map[string]string) {
	var out fields
	src := map[string]string{}
	for i, l := range layers {
		s := sources[i]
		pick := func(field string, have bool, take func()) {
			if !have {
				return
			}
			if _, done := src[field]; !done {
				take()
				src[field] = s
			}
		}
		pick("title", l.title != "", func() { out.title = l.title })
		pick("summary", l.summary != "", func() { out.summary = l.summary })
		pick("publisher", l.publisher != "", func() { out.publisher = l.publisher })
		pick("type", l.typ != "", func() { out.typ = l.typ })
		pick("lang", l.lang != "", func() { out.lang = l.lang })
		pick("authors", len(l.authors) > 0, func() { out.authors = l.authors })
		pick("topics", len(l.topics) > 0, func() { out.topics = l.topics })
		pick("date", !l.date.IsZero(), func() { out.date, out.posted = l.date, l.posted })
		out.event = out.event || l.event
	}
	return out, src
}

// structured merges the structured metadata of a page, most trusted first:
// citation_* tags (written for indexers), Dublin Core, JSON-LD, microdata.
func structured(layers ...fields) fields {
	f, _ := merge(layers, slices.Repeat([]string{FromMeta}, len(layers)))
	return f
}
