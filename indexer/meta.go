package indexer

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// Metadata precedence, for a publication page and the PDF it presents (README,
// "Where metadata comes from"):
//
//  1. the source's entry in sources.yaml (publisher, label mappings);
//  2. structured page metadata: citation_*, Dublin Core, schema.org JSON-LD and
//     microdata, OpenGraph article:* (extract.HTML merges them in that order);
//  3. what the page shows: labelled fields, a type label beside the title, <time>,
//     taxonomy links (topics prefer these to free keyword fields);
//  4. the PDF's information dictionary and first page, as a fallback only, and only
//     values that pass the plausibility checks below;
//  5. the address: a year in the path, the file name as a last-resort title.
//
// Every value is checked: dates must fall between 1945 and the fetch, and must not
// be a program's stamp (an epoch, ReportLab's 2000-01-01, or a creation date shared
// by many PDFs of one producer); titles must not be a file name, "Microsoft Word -
// x.docx", "Untitled" or a template's title shared by several files.

// pdfFacts is what a PDF says about itself, kept small so that every PDF's can be
// held in memory while documents are built.
type pdfFacts struct {
	Title    string    `json:"title,omitempty"`
	Summary  string    `json:"summary,omitempty"`
	Authors  []string  `json:"authors,omitempty"`
	Keywords []string  `json:"keywords,omitempty"`
	Date     time.Time `json:"date,omitzero"`
	Producer string    `json:"producer,omitempty"`
	Lang     string    `json:"lang,omitempty"`
	// Speaks says Lang is the language of most of the pages with text, read and
	// not suspect (extract.Page.Suspect): the file's own words, which outweigh
	// the language a page presenting it declares (a Ukrainian interface offering
	// an English paper).
	Speaks bool `json:"speaks,omitempty"`
	// Cover is the first lines of the first page with text that is a cover
	// (coverPage); Imprint the lines of the next pages that state an imprint
	// (imprintStatement: "© …", "Published by …", "Підписано до друку …").
	Cover   []string `json:"cover,omitempty"`
	Imprint []string `json:"imprint,omitempty"`
	// Display is the cover's lines set in display type, its largest
	// (extract.Meta.Display): where its title is, mostly.
	Display []string `json:"display,omitempty"`
	Pages   int      `json:"pages,omitempty"`
	// Err is why the file could not be read; Encrypted that it needs a password.
	Err       string `json:"err,omitempty"`
	Encrypted bool   `json:"encrypted,omitempty"`
}

// factsOf summarises an extraction result.
func factsOf(res *extract.Result) pdfFacts {
	f := pdfFacts{Title: res.Meta.Title, Summary: res.Meta.Summary, Authors: res.Meta.Authors, Keywords: res.Meta.Keywords,
		Date: res.Meta.Date, Producer: res.Meta.Producer, Lang: res.Meta.Lang, Pages: len(res.Pages)}
	read, inLang := 0, 0 // pages with text, and those in Lang
	for _, p := range res.Pages {
		if p.Status == extract.StatusOK && p.Suspect == "" && len(p.Text) >= speakingPage {
			read++
			if p.Lang == f.Lang {
				inLang++
			}
		}
	}
	f.Speaks = f.Lang != "" && 2*inLang > read
	cover := -1 // the cover's page
	for i, p := range res.Pages {
		var lines []string
		for _, l := range strings.Split(p.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		if cover < 0 {
			if f.Cover == nil || coverPage(lines) {
				f.Cover, f.Display = lines[:min(len(lines), coverLines)], nil
				if i < len(res.Meta.Display) {
					f.Display = res.Meta.Display[i]
				}
			}
			if coverPage(lines) || i >= 2 {
				cover = i
			}
			continue
		}
		for _, l := range lines {
			if imprintStatement.MatchString(l) && len(strings.Fields(l)) <= imprintMaxWords && len(f.Imprint) < imprintLines {
				f.Imprint = append(f.Imprint, l)
			}
		}
		if i >= cover+2 {
			break
		}
	}
	return f
}

// speakingPage is how long a page's text is, in bytes, for its language to count
// towards the file's (pdfFacts.Speaks): a paragraph, not a cover's few lines.
const speakingPage = 400

// coverLines is how many of its cover's first lines a PDF's facts keep;
// imprintLines how many imprint lines of the pages after it.
// An imprint's line has at most imprintMaxWords words: a body's sentence that
// starts alike ("Published in 2015, the report…") is none.
const (
	coverLines      = 12
	imprintLines    = 8
	imprintMaxWords = 14
)

// coverPage reports whether a page's lines can be a cover or title page: two
// words or more besides addresses, and not a table of contents (an image cover may have
// only its publisher's address as text; the title page follows).
func coverPage(lines []string) bool {
	if len(lines) > 0 && contentsHeading.MatchString(lines[0]) {
		return false
	}
	words := 0
	for _, l := range lines {
		if !webAddress.MatchString(l) {
			words += len(vocab.Words(l))
		}
	}
	return words >= 2
}

var (
	// contentsHeading is a table of contents' heading.
	contentsHeading = regexp.MustCompile(`(?i)^(contents|table of contents|зміст|содержание|оглавление)\s*:?$`)
	// webAddress is a line that is a web or mail address.
	webAddress = regexp.MustCompile(`(?i)^\S*(www\.|https?://|@)\S*$`)
	// imprintStatement is a line of an imprint (a title page's back, a colophon),
	// by how it starts: its publisher and year.
	imprintStatement = regexp.MustCompile(`(?i)^\s*(©|\(c\)\s*\d{4}|copyright\b|(first )?published (by|in)\b|printed (in|by)\b|publisher:|видавець|видавництво|видано |підписано до друку|надруковано|друк:|издатель|издательство|подписано в печать|отпечатано)`)
)

// stamps finds the metadata values that many PDFs share and that therefore say
// nothing about any one of them: creation dates (to the day) repeated by one
// producer in at least three files that make up half or more of its files, and
// titles repeated by files of different content.
type stamps struct {
	dates  map[string]bool // producer + "\x00" + day
	titles map[string]bool // folded title
}

func findStamps(facts map[string]pdfFacts) stamps {
	byProducer := map[string]int{}
	byDate := map[string]int{}
	titles := map[string]int{}
	for _, f := range facts {
		if f.Err != "" {
			continue
		}
		byProducer[f.Producer]++
		if !f.Date.IsZero() {
			byDate[f.Producer+"\x00"+f.Date.Format("2006-01-02")]++
		}
		if t := foldTitle(f.Title); t != "" {
			titles[t]++
		}
	}
	s := stamps{dates: map[string]bool{}, titles: map[string]bool{}}
	for k, n := range byDate {
		producer, _, _ := strings.Cut(k, "\x00")
		if n >= 3 && n*2 >= byProducer[producer] {
			s.dates[k] = true
		}
	}
	for t, n := range titles {
		if n >= 2 {
			s.titles[t] = true
		}
	}
	return s
}

// date returns the PDF's creation date when it can be the publication's.
func (s stamps) date(f pdfFacts, fetched time.Time) (time.Time, bool) {
	if f.Date.IsZero() || !extract.PlausibleDate(f.Date, fetched) || extract.StampedDate(f.Date) ||
		s.dates[f.Producer+"\x00"+f.Date.Format("2006-01-02")] {
		return time.Time{}, false
	}
	return f.Date, true
}

// title returns the PDF's title when it is one.
func (s stamps) title(f pdfFacts, fileURL string) (string, bool) {
	t := strings.TrimSpace(f.Title)
	if !plausibleTitle(t, fileURL) || s.titles[foldTitle(t)] {
		return "", false
	}
	return t, true
}

// junkTitle matches what programs write as a title when the author gave none.
var junkTitle = regexp.MustCompile(`(?i)^(untitled|без назви|без названия|document\d*|документ\d*|title|presentation|powerpoint presentation|slide \d+|layout \d+|print|new document|noname|\(anonymous\))$|^microsoft (word|powerpoint|excel) - |\.(docx?|pdf|indd|ps|qxd|qxp|rtf|odt|pptx?|xlsx?|tex|dvi|txt|html?)$|^untitled\b`)

// plausibleTitle reports whether t can be a publication's title: not empty or a
// program's default, not the file's name, and made of words.
func plausibleTitle(t, fileURL string) bool {
	t = strings.TrimSpace(t)
	if len([]rune(t)) < 4 || junkTitle.MatchString(t) {
		return false
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 4 {
		return false
	}
	if fileURL != "" && foldTitle(t) == foldTitle(fileTitle(fileURL)) {
		return false
	}
	// A single token with underscores or hyphens and no spaces is a file name;
	// a token with an underscore, a file's ("ЗВІТ 2019_web").
	if !strings.ContainsRune(t, ' ') && strings.ContainsAny(t, "_-.") || strings.ContainsRune(t, '_') {
		return false
	}
	// A type's name alone ("Аналітична записка", "Proceedings") is a template's
	// or a kicker's, no title.
	_, typeName := vocab.NameOf(t)
	return !typeName
}

// titleSaysNothing reports whether a page's title names no publication: a
// section of a site ("Publications", "Публікації", "Документи"), a form's
// thank-you ("Thank you!", "Дякуємо!"), or the name
// of one of orgs (the site's organisation, the publisher the PDF's cover names:
// a bare landing page's <title>).
func titleSaysNothing(t string, orgs ...string) bool {
	ft := foldTitle(t)
	return sectionTitle(ft) || thanks.MatchString(ft) || ft != "" && slices.ContainsFunc(orgs, func(o string) bool { return foldTitle(o) == ft })
}

// thanks is a form's thank-you page's title, folded: "Thank you!", "Дякуємо!",
// "Thank you for downloading" (a gated download's page that links the file).
var thanks = regexp.MustCompile(`^(thank you|thanks|дякуємо|дякую|спасибо|благодарим)( for (downloading|your (interest|request|submission|registration)|subscribing|registering|submitting|contacting)( \S+){0,3}| за (завантаження|інтерес|підписку|реєстрацію|звернення|заявку|скачивание|интерес|подписку|регистрацию|обращение)( \S+){0,3})?$`)

// sectionTitle reports whether a folded title names a section of a site: its
// name ("Публікації"), or its archive, of some years too ("Архів публікацій
// 2008–2015", "Publications archive").
func sectionTitle(ft string) bool {
	if slices.Contains(sectionNames, ft) || languageTitles[ft] {
		return true // a section's name, or a language's: a site's "English" page
	}
	var rest []string
	archive := false
	for _, w := range strings.Fields(ft) {
		switch {
		case archiveWords[w]:
			archive = true
		case strings.Trim(w, "0123456789") != "":
			rest = append(rest, w)
		}
	}
	name := strings.Join(rest, " ")
	return archive && (name == "" || slices.Contains(sectionNames, name) || slices.Contains(sectionsOf, name))
}

var (
	// languageTitles are a language version's section's titles, folded.
	languageTitles = map[string]bool{"english": true, "english version": true, "in english": true, "українська": true, "українською": true,
		"українська версія": true, "англійська": true, "англійською": true, "русский": true, "русская версия": true, "на русском": true,
		"en": true, "eng": true, "ua": true, "ukr": true, "укр": true, "ru": true, "rus": true, "рус": true}
	// archiveWords name a section's archive.
	archiveWords = map[string]bool{"archive": true, "archives": true, "архів": true, "архив": true}
	// sectionsOf are sections' names in the genitive, as an archive names them.
	sectionsOf = []string{"публікацій", "документів", "матеріалів", "видань", "звітів", "новин", "публикаций", "документов", "материалов", "изданий", "отчетов", "новостей"}
)

// sectionNames are the names of a site's sections of publications, folded
// (foldTitle), in English, Ukrainian and Russian.
var sectionNames = []string{"publications", "publication", "documents", "resources", "downloads", "download", "library",
	"reports", "research", "analytics", "materials", "news", "our publications", "publications and reports", "reporting",
	"звітність", "отчетность", "отчётность",
	"публікації", "документи", "матеріали", "видання", "бібліотека", "аналітика", "дослідження", "новини", "звіти", "ресурси",
	"наші публікації", "завантажити",
	"публикации", "документы", "материалы", "издания", "библиотека", "аналитика", "исследования", "новости", "отчеты", "отчёты",
	"наши публикации", "скачать"}

// aboutNames are the titles, folded, of an organisation's standing pages: who
// it is, its people, its contacts.
var aboutNames = []string{"about", "about us", "who we are", "our team", "team", "contacts", "contact", "contact us", "mission", "our mission",
	"partners", "our partners", "donors", "history",
	"про нас", "хто ми", "наша команда", "команда", "контакти", "місія", "партнери", "наші партнери", "донори", "історія", "про центр", "про організацію",
	"о нас", "кто мы", "контакты", "миссия", "партнеры", "история", "о центре", "об организации"}

// foldTitle lower-cases a title and keeps its letters and digits, one space apart.
func foldTitle(t string) string {
	return strings.Join(vocab.Words(t), " ")
}

// coverPublisher is the organisation a PDF's cover names with its imprint: on
// the imprint's line ("© DCAF 2019") or the line before it ("Centre for Defence
// Strategies" over "Kyiv 2020"), not a line of the title; then on the imprint
// page (imprint: "Published by …"); then on a line of its own; else "".
func coverPublisher(cover, imprint []string, title string, fetched time.Time) string {
	inTitle := func(l string) bool {
		t := vocab.Words(title)
		for _, w := range vocab.Words(l) {
			if !slices.Contains(t, w) {
				return false
			}
		}
		return true
	}
	lines := slices.Concat(cover, slices.DeleteFunc(slices.Clone(imprint), creditLine))
	for i, l := range lines {
		if _, imprint := coverYears([]string{l}, fetched); !imprint {
			continue
		}
		rest := strings.Trim(coverYearRe.ReplaceAllString(strings.NewReplacer("©", " ", "(c)", " ", "(C)", " ").Replace(l), " "), " ,.-–—·|")
		for _, part := range strings.FieldsFunc(rest, func(r rune) bool { return r == '·' || r == '|' || r == '•' }) {
			if name := imprintName(part); name != "" && coverOrganisation(name) && !inTitle(name) {
				if full := spelledOut(name, cover); full != "" {
					return full // "© ЦМСБ, 2021" under "Центр моніторингу сектору безпеки"
				}
				return name // "Centre · Vilnius · 2019": the part that is an organisation
			}
		}
		holder, _, _ := strings.Cut(rest, ",")
		holder, _, _ = strings.Cut(holder, ". ")
		if name := imprintName(holder); copyrightMark.MatchString(l) && !creditLine(l) && properName(name) && !inTitle(name) && !funder.MatchString(name) {
			return name // "© Security Governance Partnership International, 2023. All rights reserved.": a holder that is no person
		}
		if i > 0 {
			if prev := strings.TrimSpace(lines[i-1]); coverOrganisation(prev) && !inTitle(prev) && !strings.ContainsAny(prev, "0123456789") {
				return prev
			}
		}
	}
	// Else the imprint's ("Published by …", "Видавець: …"), else the
	// organisation the cover names on a line of its own (a logo's line), the
	// first; when that is a state's body and the line under it names another,
	// that one: the body within it that publishes (a parliament's committee, a
	// ministry's university), not a donor under a centre.
	for _, l := range imprint {
		if publishedBy.MatchString(l) && !creditLine(l) {
			if name := imprintName(l); coverOrganisation(name) {
				return name
			}
		}
	}
	named := func(l string) bool { return orgName(l) && !inTitle(l) && !strings.ContainsAny(l, "0123456789") }
	for i, l := range cover {
		for _, part := range strings.FieldsFunc(l, func(r rune) bool { return r == '·' || r == '|' || r == '•' }) {
			if part = strings.TrimSpace(part); named(part) {
				if i+1 < len(cover) && parentBody.MatchString(part) && named(strings.TrimSpace(cover[i+1])) {
					return nameGoesOn(cover, i+1)
				}
				if part == strings.TrimSpace(l) {
					return nameGoesOn(cover, i)
				}
				return part // "Eastern Europe Studies Centre · Vilnius": the part that is a name
			}
		}
	}
	return ""
}

// properName reports whether a copyright's holder names a body, though no word
// of an organisation's says so: four to eight words in Latin letters, each
// capitalised but its joining words ("Security Governance Partnership
// International"); not a person's name, not a sentence.
func properName(name string) bool {
	words := strings.Fields(name)
	if len(words) < 4 || len(words) > 8 || extract.Cyrillic(name) || strings.ContainsAny(name, ".:;") {
		return false
	}
	for _, w := range words {
		if r := []rune(w); !unicode.IsUpper(r[0]) && !slices.Contains(functionWords, w) {
			return false
		}
	}
	return true
}

// nameGoesOn is the organisation's name on cover line i, with the lines that
// carry it on when it breaks after a comma or a function word ("КОМІТЕТ З
// ПИТАНЬ НАЦІОНАЛЬНОЇ БЕЗПЕКИ," / "ОБОРОНИ ТА РОЗВІДКИ"), set alike.
func nameGoesOn(cover []string, i int) string {
	name := strings.TrimSpace(cover[i])
	for j := i + 1; j < len(cover) && j <= i+2 && nameBreaks(name) && capitalsOnly(name) == capitalsOnly(cover[j]) &&
		!strings.ContainsAny(cover[j], "0123456789") && len(strings.Fields(cover[j])) <= 8; j++ {
		name += " " + strings.TrimSpace(cover[j])
	}
	return strings.TrimSuffix(name, ",")
}

// nameBreaks reports whether a line breaks a name it goes on with: it ends
// with a comma or a function word.
func nameBreaks(l string) bool {
	return strings.HasSuffix(strings.TrimSpace(l), ",") || endsWithFunctionWord(l)
}

// bareName reports whether a cover's line is a name standing alone, not a
// sentence that has an organisation's word ("Committees must be able to
// question the"): it ends as a name does (no function word, no sentence's
// stop), at most eight words, and in Latin letters every word but the
// connectors capitalised (Cyrillic names are written in sentence case: their
// length and end must do).
func bareName(l string) bool {
	words := strings.Fields(l)
	if len(words) == 0 || len(words) > 8 || endsWithFunctionWord(l) || strings.HasSuffix(l, ".") && !acronymEnd.MatchString(l) {
		return false
	}
	if extract.Cyrillic(l) {
		return true
	}
	for _, w := range words {
		r := []rune(strings.Trim(w, "«»\"“”'’()"))
		if len(r) > 0 && unicode.IsLower(r[0]) && !slices.Contains(functionWords, strings.ToLower(string(r))) {
			return false
		}
	}
	return true
}

// orgName reports whether a line that stands alone names an organisation,
// not a title with an organisation's word ("Police Service Reform",
// "Деятельность комитета по вопросам обороны") or a funder's logo ("European
// Union"): an acronym ("DCAF", "OSCE ODIHR"); in Latin letters, an
// organisation's word among its first three that ends the line or is followed
// by "for", "of", "on", "in" or a parenthesis ("Centre for Defence Strategies",
// "Razumkov Centre", "Kyiv International Institute of Sociology"); in Cyrillic,
// an institution's word in its nominative among the first three or last
// ("Центр оборонних стратегій", "Харківська правозахисна група").
func orgName(l string) bool {
	if parliament.MatchString(strings.TrimSpace(l)) {
		return true
	}
	for _, sep := range []string{" · ", " • ", " | "} {
		if parts := strings.Split(l, sep); len(parts) > 1 {
			// Bodies side by side: "ВЕРХОВНА РАДА УКРАЇНИ · Комітет з питань …".
			return !slices.ContainsFunc(parts, func(p string) bool { return !orgName(p) })
		}
	}
	if w := strings.Fields(strings.ToLower(l)); len(w) > 8 && len(w) <= 14 && !strings.ContainsAny(l, ":;.") && !endsWithFunctionWord(l) &&
		!coverYearRe.MatchString(l) && !slices.ContainsFunc(w, func(x string) bool { return slices.Contains(titlePrepositions, x) }) {
		if _, typed := vocab.InTitle(l); typed {
			return false // "Office of the Ombudsman Annual Report on …"
		}
		// A body's full name, longer than a bare name's: "Секретаріат Комітету з
		// питань національної безпеки, оборони та розвідки", "Geneva Centre for
		// the Democratic Control of Armed Forces".
		if extract.Cyrillic(l) && slices.Contains(institutions, w[0]) {
			return true
		}
		for i := 0; i < 3 && !extract.Cyrillic(l); i++ {
			if extract.Organisation(w[i]) && slices.Contains([]string{"for", "of"}, w[i+1]) && unicode.IsUpper([]rune(strings.Fields(l)[i])[0]) {
				return true
			}
		}
	}
	if !bareName(l) || !coverOrganisation(l) || funder.MatchString(l) {
		return false
	}
	if extract.SpelledAcronym(l) {
		return true // "Partnership for Security Sector Governance (PSSG)"
	}
	raw := strings.Fields(l)
	if len(raw) <= 2 && !slices.ContainsFunc(raw, func(w string) bool { return !acronymWord.MatchString(w) }) {
		return true // "DCAF", "OSCE ODIHR"; not "HYBRID WARFARE"
	}
	words := strings.Fields(strings.ToLower(strings.Trim(strings.TrimPrefix(strings.TrimPrefix(l, "The "), "the "), " .,")))
	inParens := false // an affiliation after a name: "Mark Ellison (University of Bergen) and …"
	for i, w := range words {
		opens, closes := strings.HasPrefix(w, "("), strings.HasSuffix(strings.TrimRight(w, ",.;"), ")")
		if opens && i > 0 {
			inParens = true
		}
		if inParens {
			inParens = !closes
			continue
		}
		w = strings.Trim(w, ",.«»\"“”()")
		if extract.Cyrillic(w) {
			if (i < 3 || i == len(words)-1) && slices.Contains(institutions, w) {
				return true
			}
			continue
		}
		if !extract.Organisation(w) {
			continue
		}
		if i == len(words)-1 && len(words) <= 6 && !slices.ContainsFunc(words, func(w string) bool { return slices.Contains(functionWords, w) }) {
			return true // "Ukrainian Helsinki Human Rights Union"; not "Reforming the Security Service"
		}
		if i < 3 && i+1 < len(words) && (slices.Contains([]string{"for", "of", "on", "in"}, words[i+1]) || strings.HasPrefix(words[i+1], "(")) {
			return true
		}
	}
	return false
}

var (
	// acronymWord is an acronym: two to five capitals ("DCAF", "OSCE", "НІСД").
	acronymWord = regexp.MustCompile(`^\p{Lu}{2,5}[,.]?$`)
	// funder is a funder's or a state's logo line, no publisher: "European Union",
	// "Embassy of Canada", "UK aid".
	funder = regexp.MustCompile(`(?i)european union|європейський союз|европейский союз|embassy|посольств|usaid|uk aid|government of|уряд |правительств|kingdom of|confederation|foreign office|ministry of foreign affairs|міністерство закордонних справ|министерство иностранных дел`)
)

// titlePrepositions are words that put a title's subject in its setting ("…
// on Parliamentary Oversight", "… в умовах війни"): no body's long name has them.
var titlePrepositions = []string{"on", "in", "under", "during", "towards", "в", "у", "на", "під", "щодо", "про", "во", "по"}

// ownerLine reports whether a line names, in the genitive, the body an
// organisation on the line above belongs to ("НОВОБОРІВСЬКОЇ МІСЬКОЇ РАДИ",
// "Київської міської державної адміністрації"): a few words, no function word,
// the last an institution's.
func ownerLine(l string) bool {
	w := vocab.Words(l)
	return len(w) > 0 && len(w) <= 5 && slices.Contains(institutionsOf, w[len(w)-1]) &&
		!slices.ContainsFunc(w, func(x string) bool { return slices.Contains(functionWords, x) })
}

// institutionsOf are institutions' words in the genitive (ownerLine).
var institutionsOf = []string{"ради", "адміністрації", "міністерства", "комітету", "управління", "департаменту", "служби", "агентства", "академії",
	"університету", "інституту", "совета", "администрации", "министерства", "комитета", "управления", "департамента", "службы", "агентства", "академии",
	"университета", "института"}

// institutions are the words, in their nominative, with which a Ukrainian or
// Russian organisation names itself (orgName): not those a title uses as well
// ("програма", "ініціатива", "форум", "рада").
var institutions = []string{"центр", "інститут", "фонд", "фундація", "коаліція", "організація", "агентство", "міністерство", "комітет",
	"асоціація", "університет", "академія", "місія", "група", "служба", "мережа", "палата", "департамент", "секретаріат", "координатор",
	"адміністрація", "асамблея", "управління", "інспекція", "бюро", "підприємство", "установа", "лабораторія", "платформа",
	"институт", "коалиция", "организация", "министерство", "комитет", "ассоциация", "университет", "академия", "миссия", "группа", "сеть", "секретариат",
	"администрация", "ассамблея", "управление", "инспекция", "предприятие", "учреждение", "лаборатория", "платформа"}

// spelledOut is the name on a cover's line that an abbreviation of three
// letters or more stands for, by its words' initials, from the line's first
// word or after a legal form to its end ("ЦМСБ": "Центр моніторингу сектору
// безпеки", also in "Громадська організація «Центр моніторингу сектору
// безпеки»"; "OSCE": "Organization for Security and Co-operation in Europe"), or
// "". The name is the line's own text, its small words included.
func spelledOut(abbr string, cover []string) string {
	abbr = strings.Trim(abbr, ",.")
	if !acronymWord.MatchString(abbr) || utf8.RuneCountInString(abbr) < 3 {
		return ""
	}
	for _, l := range cover {
		if !orgName(l) {
			continue
		}
		type word struct {
			start   int
			initial rune
		}
		var words []word
		for _, m := range wordSpan.FindAllStringIndex(l, -1) {
			w := l[m[0]:m[1]]
			if !slices.Contains(functionWords, strings.ToLower(w)) {
				r, _ := utf8.DecodeRuneInString(w)
				words = append(words, word{m[0], unicode.ToUpper(r)})
			}
		}
		n := utf8.RuneCountInString(abbr)
		if len(words) < n {
			continue
		}
		tail := words[len(words)-n:] // to the line's end
		initials := make([]rune, n)
		for i, w := range tail {
			initials[i] = w.initial
		}
		lead := len(words) - n // the words before: none, or a legal form's
		if string(initials) == abbr && (lead == 0 || legalForm.MatchString(l[:tail[0].start])) {
			return strings.Trim(l[tail[0].start:], " «»\"“”()")
		}
	}
	return ""
}

var (
	// wordSpan is a word of a line, with its hyphens ("Co-operation").
	wordSpan = regexp.MustCompile(`[\pL\pN][\pL\pN'’-]*`)
	// legalForm is what a name may follow: an organisation's legal form.
	legalForm = regexp.MustCompile(`(?i)^\s*(громадська організація|благодійний фонд|благодійна організація|общественная организация|ngo|ngo «)\s*[«"“]?\s*$`)
)

// parentBody matches a state's body that names the body within it on the line
// under it: a parliament, a ministry, a government, an academy of sciences.
var parentBody = regexp.MustCompile(`(?i)^(верховна рада|verkhovna rada|міністерство|министерство|ministry|кабінет міністрів|cabinet of ministers|парламент|parliament|національна академія|national academy)(\s|$)`)

// parliament matches a parliament's or a council's name on a line of its own,
// which a title may start with too ("Верховна Рада і контроль над …"): the
// whole line is the name.
var parliament = regexp.MustCompile(`(?i)^(верховна рада україни|verkhovna rada of ukraine|рада національної безпеки і оборони україни|верховный совет украины|\p{L}+ (міська|обласна|районна) рада)$`)

// acronymEnd is a line ending in an abbreviation's stop ("Ltd.", "Inc.").
var acronymEnd = regexp.MustCompile(`(?i)\b(ltd|inc|co|corp)\.$`)

// publishedBy is the label of an imprint's line naming its publisher.
var publishedBy = regexp.MustCompile(`(?i)^\s*(published by:?|publisher:|видавець:|видавництво:|издатель:|издательство:)\s*`)

// copyrightMark is a copyright's sign or word: "©", "(c)", "Copyright".
var copyrightMark = regexp.MustCompile(`(?i)©|\(c\)|\bcopyright\b`)

// supportedBy is where an imprint's line goes on to name who supported the work,
// not its publisher: "… with the support of the Embassy of Canada".
var supportedBy = regexp.MustCompile(`(?i)\s+(with the (financial )?support|in (co-?operation|partnership) with|supported by|funded by|за (фінансової )?підтримки|у співпраці з|при (финансовой )?поддержке|в сотрудничестве с)(\s.*)?$`)

// imprintName is the organisation an imprint's line names: without its label
// ("Published by"), a leading "the", quotes, a year, or a place after a comma
// (", Kyiv").
func imprintName(l string) string {
	if i := strings.Index(l, ". "); i > 0 && !acronymEnd.MatchString(l[:i+1]) {
		l = l[:i] // its first sentence: "… (DCAF). All rights reserved."
	}
	l = copyrightMark.ReplaceAllString(l, " ")
	name := coverYearRe.ReplaceAllString(supportedBy.ReplaceAllString(publishedBy.ReplaceAllString(strings.TrimSpace(l), ""), ""), " ")
	name = strings.Trim(name, " ,.«»\"“”-–—")
	for _, lead := range []string{"by the ", "by ", "the ", "The "} {
		name = strings.TrimPrefix(name, lead)
	}
	if i := strings.LastIndex(name, ","); i > 0 && len(strings.Fields(name[i+1:])) <= 2 {
		name = strings.TrimSpace(name[:i]) // its place: ", Kyiv"
	}
	return name
}

// coverOrganisation reports whether a cover's line reads as an organisation's
// name, not a subtitle that has such a word ("A Handbook for Committee Staff",
// "State Programmes, Practices and Prospects"): at most ten words, no type's name,
// and a list (a comma) only after an organisation's word that leads it ("Centre
// for Army, Conversion and Disarmament Studies").
func coverOrganisation(line string) bool {
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 10 || strings.ContainsAny(line, ";:") || !extract.Organisation(line) {
		return false
	}
	if len(words) > 3 && !extract.Organisation(strings.ToLower(line)) {
		return false // capitals alone, but a title set in capitals: no acronym has four words
	}
	if _, ok := vocab.TypeOf(line); ok {
		return false
	}
	return !strings.Contains(line, ",") || extract.Organisation(strings.Trim(words[0], ","))
}

// imprintYear is the year an imprint's lines state ("First published in March
// 2017", "Підписано до друку 12.10.2016"), the first; 0 for none. Identifiers'
// numbers (ISBN) are none.
func imprintYear(imprint []string, fetched time.Time) int {
	for _, l := range imprint {
		if coverIdentifier.MatchString(l) || creditLine(l) {
			continue
		}
		if m := dottedDate.FindStringSubmatch(l); m != nil {
			if y := plausibleYear(m[1], fetched); y != 0 {
				return y
			}
		}
		if y, _ := coverYears([]string{l}, fetched); y != 0 {
			return y
		}
	}
	return 0
}

// creditLine reports whether an imprint's line credits a photograph or a
// translation, whose year and name are not the publication's: by its words, or
// an agency and a person's name ("© Reuters/Gleb Garanich, 2014"), not two
// places or an organisation's two names ("Kyiv/Київ 2019", "Razumkov Centre /
// Центр Разумкова").
func creditLine(l string) bool {
	if creditWords.MatchString(l) {
		return true
	}
	m := slashName.FindStringSubmatch(l)
	return m != nil && !extract.Organisation(m[1])
}

var (
	creditWords = regexp.MustCompile(`(?i)photo|фото|cover (photo|image|design|picture)|обкладинк|обложк|translat|переклад|перевод|original`)
	// slashName is a name of two capitalised words after a slash.
	slashName = regexp.MustCompile(`\p{Ll}\s*/\s*(\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+)`)
)

// dottedDate is a date written day, month, year: "12.10.2016", "25.11.2019.".
var dottedDate = regexp.MustCompile(`(?:^|[^\d.])\d{1,2}\.\d{1,2}\.(\d{4})(?:$|[^\d.]|\.(?:\s|$))`)

// printedYear is the year a cover prints as its imprint's, surely: after ©
// ("© DCAF 2018"), a date ("December 2019"), or a place and year alone ("Kyiv
// 2018", "Київ – 2020"); not a year a title or a kicker names ("Annual Report
// 2019"), a period or a meeting's days ("Kyiv, 12–13 May 2019"); 0 for none.
func printedYear(cover []string, fetched time.Time) int {
	for _, l := range cover {
		y, sure := coverYears([]string{l}, fetched)
		if y == 0 || !sure || coverIdentifier.MatchString(l) || creditLine(l) {
			continue
		}
		words := vocab.Words(l)
		if strings.Contains(l, "©") || dateLine(l) || len(words) <= 3 && digits(l) == 4 {
			if _, typed := vocab.TypeOf(l); !typed {
				return y
			}
		}
	}
	return 0
}

// digits counts a string's digits.
func digits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// fullerTitle is a PDF's own title (info), or the one its cover shows when that
// says more: info cut short ("Women in the Armed Forces" for "… of Ukraine"), or
// followed by a site's name ("… – Kharkiv Human Rights Protection Group", a
// page printed to PDF).
func fullerTitle(info, cover string) string {
	fi, fc := foldTitle(info), foldTitle(cover)
	switch {
	case fc == "" || fi == fc:
		return info
	case strings.HasPrefix(fc, fi+" "):
		return cover
	}
	for _, sep := range []string{" – ", " — ", " - ", " | "} {
		if head, site, ok := cutLast(info, sep); ok && foldTitle(head) == fc && extract.Organisation(site) {
			return cover
		}
	}
	return info
}

// cutLast is strings.Cut at sep's last place.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// coverYear finds the year printed on a PDF's first lines, or 0: the imprint's
// ("Publisher · 2019", "Kyiv 2021", "© 2018"), a year that ends a short line or
// an organisation's ("Ukrainian Institute for the Future, 2022") or follows ©,
// the last such; else the first year standing alone. Identifiers (ISBN,
// ISSN, УДК, a resolution's or a document's number) and years joined to other
// numbers ("1991–2021", "2005/12", "978-966-2016-49-1") are no publication's year.
func coverYear(cover []string, fetched time.Time) int {
	y, _ := coverYears(cover, fetched)
	return y
}

// coverYears is coverYear, also saying whether the year is an imprint's (else it is
// the first year standing alone, which may be one a title names).
func coverYears(cover []string, fetched time.Time) (int, bool) {
	first, imprint := 0, 0
	for _, l := range cover {
		if coverIdentifier.MatchString(l) {
			continue
		}
		if d := extract.ParseDate(l); !d.IsZero() {
			if y := plausibleYear(strconv.Itoa(d.Year()), fetched); y != 0 {
				imprint = y // a date standing alone: "12.05.2019", "December 2019"
				continue
			}
		}
		if m := placeDate.FindStringSubmatch(l); m != nil {
			if y := plausibleYear(m[1], fetched); y != 0 {
				imprint = y // a place and a date: "м. Київ, 12.05.2021 р."
				continue
			}
		}
		l = seriesNumberValue.ReplaceAllString(l, "$1")
		words := strings.Fields(l)
		for _, m := range coverYearRe.FindAllStringSubmatchIndex(l, -1) {
			y, _ := strconv.Atoi(l[m[2]:m[3]])
			if t := time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC); y == 0 || !extract.PlausibleDate(t, fetched) {
				continue
			}
			if first == 0 {
				first = y
			}
			before := strings.TrimSpace(l[:m[2]])
			if yearPreposition.MatchString(before) {
				continue // a title's words broken over lines: "Defence Procurement Transparency" / "after 2022"
			}
			if strings.HasSuffix(before, "©") || strings.HasSuffix(strings.ToLower(before), "(c)") || strings.HasPrefix(before, "©") ||
				strings.Trim(l[m[3]:], " .") == "" && (len(words) <= 4 || coverOrganisation(strings.Trim(before, " ,·-–—|"))) {
				imprint = y
			}
		}
	}
	if imprint != 0 {
		return imprint, true
	}
	return first, false
}

var (
	// yearPreposition ends a title's words that put a year in their subject:
	// "after 2022", "since 2014", "до 2030 року", "після 2022".
	yearPreposition = regexp.MustCompile(`(?i)(?:^|\s)(after|since|before|until|beyond|towards|до|після|з|із|від|после)$`)
	// coverYearRe is a four-digit number standing alone: not joined to another
	// number by a dash, slash, point or colon (a sentence's stop after it may
	// follow: "© DCAF 2019. All rights reserved.").
	coverYearRe = regexp.MustCompile(`(?:^|[^\d\-–—/.:])(\d{4})(?:$|\.$|\.\s|[^\d\-–—/.:])`)
	// coverIdentifier is a line that names an identifier, whose numbers are no
	// year.
	coverIdentifier = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(isbn|issn|doi|udc|удк|ббк|resolution|резолюц)`)
	// seriesNumberValue is a series' or an issue's number, with what names it
	// (kept): the number is no year ("No. 2019"), the line's other numbers may be.
	seriesNumberValue = regexp.MustCompile(`(?i)((?:^|[^\pL])(?:no\.|№|issue|vol\.|випуск|вип\.|выпуск)\s*)\d+`)
)

// urlYear finds a year in an address's path (/wp-content/uploads/2019/05/,
// /resources/2021/, report_2017_final.pdf), or 0.
func urlYear(u string, fetched time.Time) int {
	p, err := url.Parse(u)
	if err != nil {
		return 0
	}
	plausible := func(s string) int { return plausibleYear(s, fetched) }
	if y := pathYear(u, fetched); y != 0 {
		return y
	}
	// The file's name: one year among its words ("report_2017_final.pdf"), not
	// two ("review-2015-2020.pdf").
	var years []int
	for _, w := range strings.FieldsFunc(path.Base(p.Path), func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		if y := plausible(w); y != 0 {
			years = append(years, y)
		}
	}
	if len(years) == 1 {
		return years[0]
	}
	return 0
}

// pathYear finds a year that is a whole segment of an address's path
// (/2019/05/slug/, /resources/2021/), not a word of a name ("lessons-from-2014"),
// or 0.
func pathYear(u string, fetched time.Time) int {
	p, err := url.Parse(u)
	if err != nil {
		return 0
	}
	for _, s := range strings.Split(p.Path, "/") {
		if y := plausibleYear(s, fetched); y != 0 {
			return y
		}
	}
	return 0
}

// plausibleYear is s when it is four digits naming a year a document fetched
// then may have, else 0.
func plausibleYear(s string, fetched time.Time) int {
	if len(s) != 4 {
		return 0
	}
	if y, err := strconv.Atoi(s); err == nil && extract.PlausibleDate(time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC), fetched) {
		return y
	}
	return 0
}

// coverTitle takes a title from a PDF's first lines: the first line that reads as
// one — not its publisher's name (a logo's line), a kicker (a type, a series
// and number: "Policy Paper No. 7", "Інформаційна довідка"), a date, an address
// or an imprint — with the lines that continue it (a title set over several
// lines) and a subtitle; a kicker only when the cover has nothing else ("Annual
// Report 2019" under its publisher's name).
// The cover's display type (its largest, display) marks where the title starts
// when it sets a line that may be one: not a logo's or a series' line above it
// in smaller type.
func coverTitle(cover, display []string, fetched time.Time) string {
	t, _ := displayedTitle(cover, display, fetched)
	return t
}

// displayedTitle is coverTitle, and whether the cover's display type set the
// title's start.
func displayedTitle(cover, display []string, fetched time.Time) (string, bool) {
	kind := make([]lineKind, len(cover))
	for i, l := range cover {
		kind[i] = coverLineKind(l, fetched)
		if i > 0 && kind[i-1] == lineOrganisation && kind[i] == lineTitle && (ownerLine(l) || nameBreaks(cover[i-1]) && capitalsOnly(cover[i-1]) == capitalsOnly(l)) {
			// "КОМУНАЛЬНЕ ПІДПРИЄМСТВО «…»" / "НОВОБОРІВСЬКОЇ МІСЬКОЇ РАДИ";
			// "КОМІТЕТ З ПИТАНЬ НАЦІОНАЛЬНОЇ БЕЗПЕКИ," / "ОБОРОНИ ТА РОЗВІДКИ"
			kind[i] = lineOrganisation
		}
	}
	at := slices.Index(kind, lineTitle)
	shown := displayAt(cover, display, kind)
	if shown >= 0 {
		at = shown
	}
	if at < 0 {
		// A kicker with more than a type's name ("Annual Report 2019"), or a
		// type's name over its year ("РІЧНИЙ ЗВІТ" / "2022").
		if at = slices.Index(kind, lineKicker); at >= 0 && at+1 < len(cover) && yearOnly.MatchString(cover[at+1]) {
			if _, typeOnly := vocab.NameOf(cover[at]); typeOnly {
				return cover[at] + " " + cover[at+1], false
			}
		}
		if at < 0 || !plausibleTitle(cover[at], "") {
			return "", false
		}
		return cover[at], false
	}
	title := cover[at]
	if first, _, _ := strings.Cut(title, " "); at > 0 && kind[at-1] == lineKicker && unicode.IsLower([]rune(title)[0]) && !strings.ContainsFunc(first, unicode.IsUpper) {
		// A kicker that the title goes on from in lower case is its start
		// ("Методичні рекомендації" over "щодо взаємодії поліції з
		// громадськістю", "Інструментарій громадського" over "моніторингу
		// бюджетів …"); not one over a title written so ("e-Government and …").
		title = cover[at-1] + " " + title
	}
	for i := at + 1; i < len(cover) && i <= at+titleLines; i++ {
		sep, ok := titleGoesOn(title, cover[i], kind[i])
		if !ok && shown >= 0 && (kind[i] == lineTitle || kind[i] == lineKicker) && displayed(cover[i], display) && !personNames(cover[i]) {
			sep, ok = " ", true // the title's next line, in its type
		}
		if _, typeOnly := vocab.NameOf(title); !ok && typeOnly && shown >= 0 && yearOnly.MatchString(cover[i]) && displayed(cover[i], display) {
			sep, ok = " ", true // "ANNUAL REPORT" / "2023", in one type
		}
		if !ok {
			break
		}
		title += sep + cover[i]
	}
	return title, shown >= 0
}

// yearOnly is a line that is a year alone.
var yearOnly = regexp.MustCompile(`^(19|20)\d\d$`)

// displayAt is the cover's line where its display type starts, when that may
// be a title: a title's line, or one read as an organisation's or people's
// names that other lines in display type follow ("SECURITY SECTOR REFORM" / "IN
// UKRAINE AFTER 2014", "Territorial Defence Forces" / "and Civilian Control"),
// not a kicker or a date; else -1 (a logo's name alone, a series' name, an
// author's name alone in the largest type).
func displayAt(cover, display []string, kind []lineKind) int {
	if len(display) == 0 {
		return -1
	}
	for i, l := range cover {
		if !displayed(l, display[:1]) || kind[i] == lineKicker && foldTitle(l) != foldTitle(display[0]) {
			continue // not a kicker that only starts as the title does ("ПОРАДНИК" over "Порадник для …")
		}
		if len(display) > 1 && (kind[i] == lineTitle || kind[i] == lineOrganisation) || kind[i] == lineTitle && !personNames(l) {
			return i
		}
		if kind[i] == lineTitle && i+1 < len(cover) && subtitleLine(cover[i+1]) {
			return i // "Community Safety" over "A Handbook for …": a title, though it reads as a name
		}
		return -1
	}
	return -1
}

// subtitleLine reports whether a cover's line reads as a subtitle: it starts
// with an article and names a type ("A Handbook for Local Self-Government
// Bodies").
func subtitleLine(l string) bool {
	_, typed := vocab.InTitle(l)
	return typed && leadingArticle.MatchString(l)
}

// displayed reports whether a cover's line is one of the lines in display type
// (the line as read, or its start: a word broken at its end was joined).
func displayed(l string, display []string) bool {
	fl := foldTitle(l)
	return fl != "" && slices.ContainsFunc(display, func(d string) bool {
		fd := foldTitle(d)
		return fd != "" && (fl == fd || strings.HasPrefix(fl, fd+" ") || strings.HasPrefix(fd, fl+" "))
	})
}

// offCover reports whether most of a title's words are not on the cover: a
// name the file was given at its office ("Training manual DFTH EN", "PB Ombuds
// UA"), not the title the cover shows.
func offCover(title string, cover []string) bool {
	on := map[string]bool{}
	for _, l := range cover {
		for _, w := range vocab.Words(l) {
			on[w] = true
		}
	}
	words := vocab.Words(title)
	n := 0
	for _, w := range words {
		if on[w] {
			n++
		}
	}
	return len(words) > 0 && float64(n) < offCoverShare*float64(len(words))
}

// offCoverShare is the share of a title's words the cover must show for the
// title to be the cover's (offCover).
const offCoverShare = 0.6

// titleGoesOn reports whether a cover's next line (of kind) is the title's so
// far, and the separator that joins them: " " where the title goes on (a line
// ending in "of the", "over" or a colon; one starting in lower case; a Title Case
// line broken mid-phrase), ": " before a subtitle that names a type or starts
// with an article ("A Handbook for …"). Not a sentence (the text has begun),
// people's names, an organisation's, a kicker's or another kind's line, the
// title's translation (another script), a funder's line or a meeting's date.
func titleGoesOn(title, next string, kind lineKind) (sep string, ok bool) {
	r := []rune(next)
	if len(r) == 0 || len(r) > maxSubtitle || strings.HasSuffix(next, ".") ||
		extract.Cyrillic(next) != extract.Cyrillic(title) || supportedBy.MatchString(" "+next) {
		return "", false
	}
	if endsWithFunctionWord(title) {
		// The title goes on, whatever the line looks like ("… after" / "2014:
		// First Assessments").
		return " ", !webAddress.MatchString(next)
	}
	if kind == lineOther {
		return "", false
	}
	if w := vocab.Words(next); unicode.IsLower(r[0]) && capitalsOnly(title) && len(w) > 0 && !slices.Contains(functionWords, w[0]) {
		return ": ", true // a subtitle under a title in capitals; not its words going on ("за сектором безпеки")
	}
	if unicode.IsLower(r[0]) || strings.HasSuffix(title, ":") {
		return " ", true // the title goes on
	}
	// A title set in capitals goes on in capitals ("ПАРЛАМЕНТСЬКИЙ КОНТРОЛЬ" /
	// "НАД СПЕЦСЛУЖБАМИ"): every word of such a line starts with a capital, as
	// people's names do, and none starts in lower case; a line with a function
	// word is the title's ("КОНТРОЛЬ НАД СЕКТОРОМ"), one of two or three words
	// without one may be an author's ("ОЛЕНА КОВАЛЬ").
	capitals := capitalsOnly(title) && capitalsOnly(next)
	words := vocab.Words(next)
	if capitals && len(words) > 0 && slices.Contains(functionWords, words[0]) && !leadingArticle.MatchString(next) {
		return " ", true // "ТА СТІЙКІСТЬ ГРОМАД", "OF INTELLIGENCE SERVICES"
	}
	withFunctionWord := slices.ContainsFunc(words, func(w string) bool { return slices.Contains(functionWords, w) })
	names := joinedPersonNames(next) || personNames(next) && !strings.ContainsAny(next, ",&") && !joinWord.MatchString(next) && !(capitals && withFunctionWord)
	_, typed := vocab.TypeOf(next)
	// A subtitle names a type or starts with an article, or has no list or
	// initial (not "Dr. J. Smith, Geneva Centre").
	subtitle := typed || leadingArticle.MatchString(next) || !strings.ContainsAny(next, ",;") && !initialWord.MatchString(next)
	if kind != lineTitle || names || !subtitle || hasDate(next) {
		return "", false
	}
	if !strings.HasSuffix(title, ".") && !strings.HasSuffix(title, "?") && !strings.Contains(next, ":") && (typed || leadingArticle.MatchString(next)) {
		return ": ", true // not a line with its own colon: the title's words go on to it ("Defence" / "Procurement: A Handbook")
	}
	return " ", true
}

// capitalsOnly reports whether a line has letters and none in lower case.
func capitalsOnly(l string) bool {
	return strings.ContainsFunc(l, unicode.IsLetter) && !strings.ContainsFunc(l, unicode.IsLower)
}

// dateLine reports whether a line is a date (extract.ParseDate): "12 March
// 2020", "March 2018", "12.05.2019", "грудень 2022".
func dateLine(l string) bool { return !extract.ParseDate(l).IsZero() }

// hasDate reports whether a line has a day or a month and its year among its
// words: when and where a meeting was ("Kyiv, 12–13 May 2019"), when a page was
// written ("12.05.2019 | Yevhen Zakharov"), no subtitle.
func hasDate(l string) bool {
	words := strings.Fields(l)
	for i := range words {
		for n := 1; n <= 3 && i+n <= len(words); n++ {
			p := extract.ParseDate(strings.Trim(strings.Join(words[i:i+n], " "), " ,;|–—-")).Precision
			if p == "day" || p == "month" {
				return true
			}
		}
	}
	return false
}

// leadingArticle is an article starting a line: a subtitle's ("A Guide for …").
var leadingArticle = regexp.MustCompile(`^(A|An|The)\s`)

// titleLines is how many lines after its first a cover's title may take, each
// of at most maxSubtitle letters.
const (
	titleLines  = 2
	maxSubtitle = 120
)

// lineKind is what a cover's line is.
type lineKind int

const (
	lineOther        lineKind = iota // no title: too short or long, an address, an imprint, a date
	lineTitle                        // may be a title
	lineKicker                       // a type or a series named, perhaps with a number
	lineOrganisation                 // an organisation's name
)

// lineType is the type a cover's line names as a whole, its number and
// punctuation aside ("HANDBOOK", "Policy Brief No. 7", "Навчальний посібник").
func lineType(l string) (string, bool) {
	return vocab.NameOf(strings.TrimFunc(l, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsSpace(r) || unicode.IsPunct(r) }))
}

// coverLineKind tells what a cover's line is (coverTitle).
func coverLineKind(l string, fetched time.Time) lineKind {
	words := vocab.Words(l)
	if _, ok := lineType(l); ok {
		return lineKicker // a type's name is no title (plausibleTitle), but a kicker
	}
	switch {
	case !plausibleTitle(l, "") || len([]rune(l)) > 200 || strings.HasSuffix(l, ",") && !capitalsOnly(l) && personNames(strings.TrimSuffix(l, ",")) ||
		webAddress.MatchString(l) || contentsHeading.MatchString(l) ||
		sectionHeading.MatchString(l) || sectionStart.MatchString(l) || imprintStatement.MatchString(l) || dateLine(l) || joinedPersonNames(l) || roleLabel.MatchString(l) ||
		postalAddress.MatchString(l) || registryStamp.MatchString(l) ||
		strings.HasSuffix(l, ".") && len(words) >= 8: // a sentence: the text's
		return lineOther
	case orgName(l) || orgName(trailingYear.ReplaceAllString(l, "")):
		return lineOrganisation // "Centre for Security Governance Studies · 2010" too
	}
	if _, ok := vocab.TypeOf(l); ok && !strings.HasSuffix(l, ":") && (len(words) <= 2 || len(words) <= 6 && strings.ContainsFunc(l, unicode.IsDigit) || seriesNumber.MatchString(l)) {
		return lineKicker
	}
	if seriesNumber.MatchString(l) && len(words) <= 8 && !strings.HasSuffix(l, ":") {
		return lineKicker // a journal's issue: "Наука і оборона, 2019, № 2"; not a title's first part going on after its colon
	}
	if len(words) > 0 && len(words) <= 6 && (words[len(words)-1] == "series" || slices.Contains([]string{"серія", "серия"}, words[0])) {
		return lineKicker // a series named: "SSR Backgrounder Series", "Серія «Реформи»"
	}
	if _, imprint := coverYears([]string{l}, fetched); imprint && len(words) <= 3 && placeAndYear(l) {
		return lineOther // "Kyiv 2018", "Київ – 2020"
	}
	return lineTitle
}

var (
	// sectionHeading is the heading of a section that opens a body, no title:
	// the page read as a cover is the text's first.
	sectionHeading = regexp.MustCompile(`(?i)^(\d+\.?\s*)?(introduction|foreword|preface|executive summary|summary|abstract|acknowledg(e)?ments|вступ|передмова|резюме|анотація|подяки|введение|предисловие|аннотация)\s*:?$`)
	// sectionStart is a paragraph run in after its section's name: a paper's
	// abstract or keywords under its title ("Анотація. Досліджено …",
	// "Keywords: …").
	sectionStart = regexp.MustCompile(`(?i)^(abstract|summary|keywords|key words|анотація|резюме|ключові слова|аннотация|ключевые слова)\s*[.:—–]\s*\S`)
	// postalAddress is a letterhead's address or telephone: a postcode first,
	// a street, a telephone's label.
	postalAddress = regexp.MustCompile(`(?i)^\d{5}\b|(^|[\s,])(вул|ул|пр|просп|str)\.\s*\S|(^|[\s,])(тел|tel|факс|fax)\.?\s*:?\s*[+(\d]|(^|[\s,])(phone|телефон)\s*:\s*[+(\d]`)
	// registryStamp is a letter's registration in an office's books, incoming or
	// outgoing ("вх. № 02-14/311 від 12.02.2024", "Вих. №123", "Ref. No. 4/2023"):
	// a stamp on a letterhead, no title.
	registryStamp = regexp.MustCompile(`(?i)^(вх|вхід|вих|вихід|вход|исх|ref|our ref|your ref)\.?\s*(№|no\.?|nr\.?)\s*\d`)
	// roleLabel starts a line that names who did the work ("Виконавець: відділ
	// …", "Prepared by: …", "Укладачі: …"): no title's line.
	roleLabel = regexp.MustCompile(`(?i)^(prepared by|compiled by|edited by|written by|commissioned by|authors?|editors?|compilers?|contractor|executor|customer|` +
		`виконавці|виконавець|відповідальний виконавець|замовник|розробники|розробник|автори|автор|укладачі|укладач|упорядники|упорядник|редактори|редактор|рецензенти|рецензент|` +
		`исполнители|исполнитель|заказчик|разработчики|разработчик|авторы|составители|составитель|редакторы|редактор|рецензенты|рецензент)\s*:`)
	// seriesNumber is a series' or an issue's number: "No. 7", "№ 12", "Issue 3".
	seriesNumber = regexp.MustCompile(`(?i)(^|[^\pL])(no\.|№|issue|vol\.|випуск|вип\.|выпуск)\s*\d`)
)

// placeDate is a place and a dotted date: "м. Київ, 12.05.2021 р.", "Kyiv,
// 12.05.2021"; not an act's date ("Постанова від 12.05.2021").
var placeDate = regexp.MustCompile(`^(?:м\.|г\.)?\s*\p{Lu}[\p{L}'’-]*(?:-\d+)?,\s*\d{1,2}\.\d{1,2}\.(\d{4})(?:\s*(?:р|г)\.?)?$`)

// trailingYear is a year set apart at a line's end: " · 2010", ", 2021".
var trailingYear = regexp.MustCompile(`\s*[·•|,–—-]\s*(19|20)\d\d\s*$`)

// placeAndYear reports whether a short line ending in a year reads as an
// imprint's place and year: one word before the year ("Kyiv 2018"), or words
// set apart from it ("Київ – 2020", "Kyiv, 2018", "Київ: Фенікс, 2019"); not a
// title's words with its year ("Defence Review 2023").
func placeAndYear(l string) bool {
	m := coverYearRe.FindAllStringSubmatchIndex(l, -1)
	if len(m) == 0 {
		return false
	}
	before := strings.TrimSpace(l[:m[len(m)-1][2]])
	return len(strings.Fields(before)) <= 1 || strings.ContainsAny(before, ",:–—-") || strings.HasPrefix(before, "©")
}

// endsWithFunctionWord reports whether a line ends with a word that a title does
// not end with ("Parliamentary Oversight of the"): it goes on on the next line.
func endsWithFunctionWord(l string) bool {
	w := vocab.Words(l)
	return len(w) > 0 && slices.Contains(functionWords, w[len(w)-1])
}

// functionWords are the words a title's line may end with only when the title
// goes on.
var functionWords = []string{"of", "the", "and", "for", "in", "on", "to", "a", "an", "with", "from", "by", "at",
	"over", "under", "against", "between", "after", "before", "beyond", "through", "within", "without", "towards",
	"і", "й", "та", "в", "у", "з", "із", "до", "на", "над", "під", "щодо", "для", "про", "за", "між", "після", "проти", "через", "без",
	"и", "с", "к", "о", "об", "по", "при", "между", "после", "против", "через", "без"}

// joinedPersonNames reports whether a line is people's names joined ("Oleksii Melnyk
// and Mykola Sunhurovskyi", "O. Melnyk, M. Sunhurovskyi", their affiliations in
// parentheses aside): no title, whatever else the cover has.
func joinedPersonNames(l string) bool {
	l = strings.Join(strings.Fields(affiliation.ReplaceAllString(l, " ")), " ") // "Mark Ellison (University of Bergen)": the name
	if !personNames(l) {
		return false
	}
	parts := strings.FieldsFunc(strings.NewReplacer(" and ", ",", " та ", ",", " і ", ",", " и ", ",", "&", ",").Replace(l), func(r rune) bool { return r == ',' })
	if len(parts) < 2 {
		return initialWord.MatchString(l)
	}
	for _, p := range parts {
		if n := len(strings.Fields(p)); n < 2 || n > 4 {
			return false // "Challenges and Opportunities": words, not names
		}
	}
	return true
}

// affiliation is a person's institution in parentheses after their name.
var affiliation = regexp.MustCompile(`\s\([^()]{2,80}\)`)

// joinWord is a word joining names or terms: "and", "та".
var joinWord = regexp.MustCompile(`(?i)\s(and|та|і|и)\s`)

// initialWord is a name's initial: "О.", "J.".
var initialWord = regexp.MustCompile(`(?:^|\s)\p{Lu}\.`)

// personNames reports whether a cover's line reads as people's names, not a
// subtitle: every word capitalised and names joined ("Oleksii Melnyk and Mykola
// Sunhurovskyi", "O. Melnyk, M. Sunhurovskyi"), or two or three capitalised
// words alone.
func personNames(l string) bool {
	words := strings.Fields(strings.NewReplacer(",", " , ", "&", " & ").Replace(l))
	joined, n := false, 0
	for _, w := range words {
		switch strings.ToLower(w) {
		case ",", "&", "and", "та", "і", "и":
			joined = true
			continue
		}
		r := []rune(w)
		if !unicode.IsUpper(r[0]) || strings.HasSuffix(w, ":") || leadingArticle.MatchString(w+" ") {
			return false // "Procurement: A Handbook": a title's words
		}
		n++
	}
	if n == 3 && !joined && extract.Cyrillic(l) && !patronymic.MatchString(words[1]) && !patronymic.MatchString(words[len(words)-1]) {
		return false // "ЗАБЕЗПЕЧЕННЯ НАЦІОНАЛЬНОЇ БЕЗПЕКИ"; three names are a given name, a patronymic and a surname
	}
	return n >= 2 && (joined || n <= 3)
}

// patronymic is a Ukrainian or Russian patronymic: "Петрович", "Олегівна".
var patronymic = regexp.MustCompile(`(?i)^\p{L}{3,}(ович|евич|євич|йович|івна|ївна|овна|евна)[,.]?$`)

// junkAuthor matches what programs write as a PDF's author: a login (one word) or
// a program. An account of two words ("Super User") is extract.Account's.
var junkAuthor = regexp.MustCompile(`(?i)^(user\d*|microsoft.*|adobe.*|[a-z0-9._-]+@[a-z0-9.-]+|[a-z0-9_.-]+)$`)

// plausibleAuthors drops the authors a PDF names that are logins or programs.
func plausibleAuthors(a []string) []string {
	var out []string
	for _, x := range a {
		if x = strings.TrimSpace(x); x != "" && !junkAuthor.MatchString(x) && !extract.Account(x) {
			out = append(out, x)
		}
	}
	return out
}

// naturalKeywords keeps the keywords a PDF names that read as topics ("Defence
// procurement"), not a publisher's internal slugs ("anticorr", "parl-ovs").
func naturalKeywords(k []string) []string {
	var out []string
	for _, x := range k {
		x = strings.TrimSpace(x)
		if strings.ContainsRune(x, ' ') || len([]rune(x)) > 3 && unicode.IsUpper([]rune(x)[0]) && !strings.ContainsAny(x, "-_") {
			out = append(out, x)
		}
	}
	return out
}

// typeOf maps a publisher's type label to a type key: the source's own mapping
// first, then the vocabulary; a label the vocabulary lacks becomes a type of its own
// when explicit says the page named it as the type (a "Type:" field, a type
// archive, structured metadata), unless it names a file format.
func typeOf(label string, explicit bool, src *SourceMeta) (key, shown string) {
	label = strings.TrimSpace(label)
	if label == "" {
		return "", ""
	}
	if src != nil {
		if k, ok := src.Types[strings.ToLower(label)]; ok {
			return k, label
		}
	}
	if genericType(label) {
		return "", ""
	}
	if k, ok := vocab.TypeOf(label); ok {
		return k, label
	}
	switch strings.ToLower(label) {
	case "pdf", "doc", "docx", "html", "file", "document", "документ", "файл", "publication", "publications", "публікація", "публикация":
		return "", ""
	}
	// A type of its own is a name: not a date or a field with its label
	// ("Date of publication: 12.03.2019"), which a page's markup may mislead a
	// rule into reading.
	if explicit && len(strings.Fields(label)) <= 4 && !strings.ContainsAny(label, ":0123456789") {
		return vocab.Slug(label), label
	}
	return "", ""
}

// narrowerType reports whether a title names, at its start, a narrower type
// (key) than a declared label: a name of key's, in the label's alphabet, that
// holds a name of the label's type and more ("Annual Report on …" for a declared
// "Report"). A title that names a type further on ("Comments on the Annual
// Report of …") names its subject.
func narrowerType(key, declared, title string) bool {
	broad, ok := vocab.NameOf(declared)
	if !ok || broad == key {
		return false
	}
	cyrillic := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
	}
	words := vocab.Words(title)
	starts := func(name []string) bool {
		if len(words) < len(name) {
			return false
		}
		for i, w := range name {
			if words[i] != w && words[i] != w+"s" && words[i] != w+"es" {
				return false
			}
		}
		return true
	}
	for _, t := range vocab.Types {
		if t.Key != key {
			continue
		}
		for _, n := range t.Names {
			if cyrillic(n) != cyrillic(declared) || !starts(strings.Fields(n)) {
				continue
			}
			for _, b := range vocab.Types {
				if b.Key == broad && slices.ContainsFunc(b.Names, func(bn string) bool { return strings.Contains(" "+n+" ", " "+bn+" ") }) {
					return true
				}
			}
		}
	}
	return false
}

// genericType reports whether a declared type is a system's, which says nothing
// of what a publication is: a CMS's content types ("Page", "News Item"), DCMI's
// types ("Text", "Collection"), a repository's review status, a file's format
// ("application/pdf", "PDF", "DOCX").
func genericType(label string) bool {
	// A DCMI type refined after a dot ("Text.Serial.Journal", OJS's) is as generic.
	if head, _, ok := strings.Cut(label, "."); ok && head != "" && genericType(head) {
		return true
	}
	if mimeType.MatchString(strings.TrimSpace(label)) {
		return true
	}
	switch strings.ToLower(strings.Join(strings.Fields(label), " ")) {
	case "pdf", "doc", "docx", "odt", "rtf", "html", "epub", "pdf document", "adobe pdf", "pdf file", "файл pdf":
		return true
	case "page", "web page", "webpage", "text", "item", "news item", "post", "folder", "link", "file", "image", "still image", "moving image",
		"sound", "dataset", "collection", "interactive resource", "physical object", "service", "software", "serial", "serials", "periodical",
		"серійне видання", "періодичне видання", "периодическое издание",
		"analytical materials", "аналітичні матеріали", "інформаційно-аналітичні матеріали", "аналитические материалы", "информационно-аналитические материалы",
		"stillimage", "movingimage", "interactiveresource", "physicalobject", "peerreviewed", "nonpeerreviewed",
		"текст", "сторінка", "матеріал", "новина", "страница", "материал", "новость",
		"other", "misc", "miscellaneous", "інше", "інші", "другое", "прочее":
		return true
	}
	return false
}

// mimeType is a media type ("application/pdf", "text/html; charset=utf-8").
var mimeType = regexp.MustCompile(`(?i)^(application|text|image|audio|video)/[a-z0-9.+-]+(\s*;.*)?$`)

// linkTitle returns the words of an anchor linking a file as a title, when they
// read as one: three words or more, from a capital letter or a digit on, the
// file's format and size it gives set apart ("Звіт про виконання Програми … за
// 2023 рік (PDF, 1,2 МБ)"); not a download's label ("Завантажити", "Read the
// report (PDF)") nor a fragment of a sentence's list ("за 2023 рік").
func linkTitle(text string) (string, bool) {
	text = strings.TrimSpace(linkFileNote.ReplaceAllString(text, ""))
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(text, "«\"“„'"))
	words := vocab.Words(text)
	if len(words) < 3 || len([]rune(text)) > 200 || !unicode.IsUpper(first) && !unicode.IsDigit(first) ||
		downloadLabel.MatchString(text) || !plausibleTitle(text, "") {
		return "", false
	}
	return text, true
}

// linkFileNote is a link's note of its file's format or size: "(PDF, 1.2 MB)",
// "[pdf]", "- 350 KB", "PDF".
var linkFileNote = regexp.MustCompile(`(?i)\s*[\[(]\s*(pdf|docx?)?[\s,;|·-]*(\d+([.,]\d+)?\s*(kb|mb|кб|мб|кбайт|мбайт))?\s*[\])]\s*$|\s*[-–—|·,]?\s*(\d+([.,]\d+)?\s*(kb|mb|кб|мб))\s*$|\s*[-–—|·,]?\s*\bpdf\s*$`)

// downloadLabel is a link's label that says what to do, not what the file is.
var downloadLabel = regexp.MustCompile(`(?i)^(download|read|click|завантажити|завантаж|скачати|читати|переглянути|відкрити|ознайомитися|скачать|читать|открыть|просмотреть)(\P{L}|$)`)

// fileTitle makes a title from a URL's file name: "ssr-handbook_2021.pdf" → "ssr handbook 2021".
func fileTitle(u string) string {
	name := u
	if p, err := url.Parse(u); err == nil {
		name = p.Path
	}
	name = strings.TrimSuffix(path.Base(name), path.Ext(name))
	return strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' }), " ")
}
