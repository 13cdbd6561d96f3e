// Package vocab holds ssgsearch's controlled vocabularies: the publication types,
// each a stable key with a label in every interface language and the words
// publishers use for it in English, Ukrainian and Russian; and language names. It is
// the one place that knows that "Посібник", "Handbook" and "Пособие" are one type.
package vocab

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Type is one publication type.
type Type struct {
	// Key is the stable value stored on documents and used in filters.
	Key string
	// Labels are the display labels by interface language (en, uk, ru).
	Labels map[string]string
	// Names are the labels and variants publishers write for the type, lower-case.
	Names []string
}

// Types is the vocabulary of publication types. A label that names none of them
// becomes a type of its own (see Key).
var Types = []Type{
	{"handbook", tr("Handbook", "Посібник", "Пособие"), []string{"handbook", "handbooks", "sourcebook", "посібник", "довідник", "пособие", "справочник", "посіб", "довід"}},
	{"toolkit", tr("Toolkit", "Набір інструментів", "Набор инструментов"), []string{"toolkit", "tool kit", "tool-kit", "toolbox", "набір інструментів", "інструментарій", "набор инструментов", "инструментарий"}},
	{"training-manual", tr("Training manual", "Навчальний посібник", "Учебное пособие"), []string{"training manual", "training material", "training materials", "training module", "training kit", "manual", "curriculum", "handout", "syllabus", "course syllabus", "навчальний посібник", "навчальні матеріали", "навчальний модуль", "навчальна програма", "роздатковий матеріал", "підручник", "учебное пособие", "учебные материалы", "учебный модуль", "учебник", "навч посіб", "навч посібник", "учеб пособие", "textbook", "learning object"}},
	{"conference-proceedings", tr("Conference proceedings", "Матеріали конференції", "Материалы конференции"), []string{"conference proceedings", "conference proceeding", "proceedings", "proceedings of the conference", "матеріали конференції", "збірник матеріалів конференції", "збірник матеріалів", "матеріали форуму", "материалы конференции", "сборник материалов конференции", "сборник материалов", "зб матеріалів", "матеріали конф", "материалы конф",
		// the conference named with its adjectives between
		"матеріали міжнародної конференції", "матеріали науково практичної конференції", "матеріали міжнародної науково практичної конференції",
		"матеріали всеукраїнської науково практичної конференції", "збірник тез", "тези доповідей",
		"материалы международной конференции", "материалы научно практической конференции", "материалы международной научно практической конференции",
		"сборник тезисов", "тезисы докладов", "proceedings of the international conference",
		// a meeting's abstracts, bound
		"book of abstracts", "collection of abstracts", "збірник тез доповідей", "сборник тезисов докладов",
		// a parliament's hearings, their papers bound
		"proceedings of the hearings", "hearings materials", "матеріали слухань", "матеріали парламентських слухань",
		"материалы слушаний", "материалы парламентских слушаний"}},
	{"policy-paper", tr("Policy paper", "Аналітичний документ", "Аналитический документ"), []string{"policy paper", "position paper", "discussion paper", "white paper", "analytical paper", "аналітичний документ", "позиційний документ", "аналитический документ", "позиционный документ"}},
	{"policy-brief", tr("Policy brief", "Аналітична записка", "Аналитическая записка"), []string{"policy brief", "brief", "briefing paper", "briefing note", "policy note", "аналітична записка", "стислий аналіз", "аналитическая записка", "краткий обзор"}},
	{"report", tr("Report", "Звіт", "Отчёт"), []string{"report", "research report", "monitoring report", "analytical report", "звіт", "доповідь", "аналітичний звіт", "аналітична доповідь", "отчёт", "доклад", "аналитический отчёт", "аналитический доклад"}},
	{"annual-report", tr("Annual report", "Річний звіт", "Годовой отчёт"), []string{"annual report", "річний звіт", "щорічний звіт", "щорічна доповідь", "годовой отчёт", "ежегодный отчёт", "ежегодный доклад",
		// a body's report of its work, over a year as a rule
		"activity report", "report on activities", "звіт про діяльність", "отчёт о деятельности", "отчет о деятельности"}},
	{"newsletter", tr("Newsletter", "Інформаційний бюлетень", "Информационный бюллетень"), []string{"newsletter", "bulletin", "digest", "інформаційний бюлетень", "бюлетень", "дайджест", "информационный бюллетень", "бюллетень"}},
	{"survey", tr("Survey", "Опитування", "Опрос"), []string{"survey", "opinion survey", "opinion poll", "poll", "опитування", "соціологічне опитування", "опрос", "социологический опрос"}},
	{"guide", tr("Guide", "Настанови", "Руководство"), []string{"guide", "guidebook", "guidance", "guidance note", "guidelines", "practical guide", "настанови", "практичний посібник", "керівництво", "методичні рекомендації", "руководство", "практическое руководство", "методические рекомендации", "метод рек", "метод рекомендації", "порадник", "путівник", "памятка", "пам ятка"}},
	{"study", tr("Study", "Дослідження", "Исследование"), []string{"study", "research study", "research paper", "case study", "дослідження", "аналітичне дослідження", "исследование", "аналитическое исследование"}},
	{"working-paper", tr("Working paper", "Робочий документ", "Рабочий документ"), []string{"working paper", "occasional paper", "робочий документ", "рабочий документ", "робочі матеріали", "рабочие материалы"}},
	{"book", tr("Book", "Книга", "Книга"), []string{"book", "monograph", "книга", "монографія", "монография"}},
	{"factsheet", tr("Factsheet", "Інформаційна довідка", "Информационная справка"), []string{"factsheet", "fact sheet", "backgrounder", "infographic", "info sheet", "information sheet", "інформаційна довідка", "довідка", "інфографіка", "інформаційний листок", "информационная справка", "инфографика", "информационный листок"}},
	{"commentary", tr("Commentary", "Коментар", "Комментарий"), []string{"commentary", "comment", "legal commentary", "book review", "коментар", "рецензія", "комментарий", "рецензия"}},
}

// Keys of types that are no publication types but kinds of web page.
const (
	// Publication is a PDF whose type nothing names.
	Publication = "publication"
	// Page is a web page without a PDF.
	Page = "page"
	// Event is a page announcing or reporting an event.
	Event = "event"
)

func tr(en, uk, ru string) map[string]string { return map[string]string{"en": en, "uk": uk, "ru": ru} }

// pageKinds label the kinds of web page that are no publications.
var pageKinds = map[string]map[string]string{
	Publication: tr("Publication", "Публікація", "Публикация"),
	Page:        tr("Web page", "Вебсторінка", "Веб-страница"),
	Event:       tr("Event", "Подія", "Мероприятие"),
}

// byKey indexes Types.
var byKey = func() map[string]*Type {
	m := map[string]*Type{}
	for i := range Types {
		m[Types[i].Key] = &Types[i]
	}
	return m
}()

// Known reports whether key is a type of the vocabulary or a kind of web page.
func Known(key string) bool {
	_, ok := byKey[key]
	_, page := pageKinds[key]
	return ok || page
}

// Label returns the display label of a type key in lang ("en", "uk" or "ru"): the
// vocabulary's, else "" (the caller shows what the publisher wrote).
func Label(key, lang string) string {
	if t := byKey[key]; t != nil {
		return t.Labels[lang]
	}
	if l := pageKinds[key]; l != nil {
		return l[lang]
	}
	return ""
}

// PageKindOf returns the kind of web page (Publication, Page, Event) whose label,
// in any interface language, label is ("Web page", "Вебсторінка"), case aside.
func PageKindOf(label string) (string, bool) {
	label = strings.TrimSpace(label)
	for key, labels := range pageKinds {
		for _, l := range labels {
			if strings.EqualFold(l, label) {
				return key, true
			}
		}
	}
	return "", false
}

// TypeOf returns the type a publisher's label names: the type whose name it is,
// or, for a longer label ("Research report on X"), the type whose longest name it
// contains as whole words (Ukrainian and Russian words may carry a case ending).
func TypeOf(label string) (string, bool) {
	words := Words(label)
	if len(words) == 0 {
		return "", false
	}
	if proceedingsNamed(label) {
		return "conference-proceedings", true
	}
	key, n := longestName(words, !briefNoun.MatchString(label))
	if key != "" && n < len(words) && len(words) > 6 {
		return "", false // a sentence, not a label
	}
	return key, key != ""
}

// NameOf returns the type whose name label is, as a whole ("Handbooks",
// "Аналітична записка"), not only one it contains: a label that says a type and
// nothing more.
func NameOf(label string) (string, bool) {
	if key, ok := TypeOf(label); ok && IsName(label, key) {
		return key, true
	}
	return "", false
}

// IsName reports whether label, as a whole, is one of the names of type key (not a
// longer text containing one).
func IsName(label, key string) bool {
	words := Words(label)
	t := byKey[key]
	if t == nil {
		return false
	}
	for _, n := range typeNames {
		if n.key == key && len(n.words) == len(words) && wordsMatch(words, n.words) {
			return true
		}
	}
	return false
}

// InTitle returns the type a title names ("Annual Report 2019", "A Handbook for
// Committee Staff"), preferring the longest name it contains.
func InTitle(title string) (string, bool) {
	if proceedingsNamed(title) {
		return "conference-proceedings", true
	}
	key, _ := longestName(Words(title), !briefNoun.MatchString(title))
	return key, key != ""
}

// conferenceMaterials matches a meeting's papers named with the meeting's
// adjectives between, as a label or a title's part after a colon ("Матеріали
// Київської безпекової конференції", "…: матеріали Київської конференції"), not
// a sentence's or a handout's words ("Методичні матеріали для учасників
// семінару").
var conferenceMaterials = regexp.MustCompile(`(?i)(?:^|[:«"]\s*)(?:матеріали|материалы|збірник тез|сборник тезисов)(?:\s+[\pL'’-]+){0,4}?\s+(?:конференції|конференции|форуму|форума|симпозіуму|симпозиума|семінару|семинара|круглого столу|круглого стола|слухань|слушаний)(?:$|[^\pL])`)

// conferenceBetween are words that, between "матеріали" and the meeting, make
// them a handout's, not the meeting's papers.
var conferenceBetween = regexp.MustCompile(`(?i)\s(для|до|учасник\p{L}*|підготовлен\p{L}*|for|участник\p{L}*|подготовлен\p{L}*)\s`)

// proceedingsNamed reports whether a label names a meeting's papers (see
// conferenceMaterials).
func proceedingsNamed(label string) bool {
	m := conferenceMaterials.FindString(label)
	return m != "" && !conferenceBetween.MatchString(m)
}

// briefNoun is a title whose "brief" is followed by punctuation, a noun then
// ("Brief: …", "Brief — …").
var briefNoun = regexp.MustCompile(`(?i)\bbriefs?\s*[:—–|(-]`)

// longestName finds the longest type name within words: its type and length.
// "brief" alone names a type only where nothing follows it but a number ("Brief
// 12"): before a noun it is an adjective ("A Brief Guide", "A Brief History").
// Of names as many words long, one the words spell as they are wins, then the
// longest ("довідка" and "довідки" are a factsheet's, not "довід." with an
// ending: a handbook's).
func longestName(words []string, briefAdjective bool) (string, int) {
	best, bestLen, bestExact, bestRunes := "", 0, false, 0
	for _, n := range typeNames {
		if len(n.words) < bestLen || len(n.words) == bestLen && bestExact {
			continue
		}
		for i := 0; i+len(n.words) <= len(words); i++ {
			at := words[i : i+len(n.words)]
			if wordsMatch(at, n.words) && !(briefAdjective && adjective(n.name, words[i], words[i+len(n.words):])) {
				exact, runes := strings.Join(at, " ") == n.name, utf8.RuneCountInString(n.name)
				if len(n.words) > bestLen || exact || runes > bestRunes {
					best, bestLen, bestExact, bestRunes = n.key, len(n.words), exact, runes
				}
				break
			}
		}
	}
	return best, bestLen
}

// adjective reports whether a type's name, as the title writes it (word), followed
// by the words after, is an adjective: "brief" (not "briefs") before a word that is
// no number, preposition or conjunction ("A Brief Guide", not "Brief for MPs").
func adjective(name, word string, after []string) bool {
	return name == "brief" && word == "brief" && len(after) > 0 && !isNumber(after[0]) && !slices.Contains(briefFollowers, after[0])
}

// briefFollowers are the words after which "brief" is a noun.
var briefFollowers = []string{"no", "nr", "number", "series", "on", "for", "to", "of", "about", "and", "in", "from", "with", "by"}

// isNumber reports whether a word is all digits.
func isNumber(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// typeName is one of a type's names (folded), in words prepared for wordsMatch.
type typeName struct {
	key, name string
	words     []nameWord
}

// nameWord is a word of a type's name. A Cyrillic word has its stem (the word
// without the ending declension changes: see trimEnding) and its length in letters.
type nameWord struct {
	word, stem string
	cyrillic   bool
	runes      int
}

// typeNames are the names of Types, in their order, prepared once (init).
var typeNames []typeName

// wordsMatch reports whether text words equal name words, an English word allowing
// a plural ending, a Cyrillic word a case ending of up to three letters (посібника,
// звіту, посібники).
func wordsMatch(text []string, name []nameWord) bool {
	for i, n := range name {
		w := text[i]
		if w == n.word {
			continue
		}
		if !n.cyrillic {
			// An English plural: "handbooks", "policy briefs", "proceedings".
			if end, ok := strings.CutPrefix(w, n.word); !ok || end != "s" && end != "es" {
				return false
			}
			continue
		}
		if !strings.HasPrefix(w, n.stem) { // the stem is a prefix of the word
			return false
		}
		if d := utf8.RuneCountInString(w) - n.runes; d < -1 || d > 3 {
			return false
		}
	}
	return true
}

// trimEnding drops the ending of a Cyrillic adjective or noun that declension
// changes (навчальний → навчальн, записка → записк).
func trimEnding(w string) string {
	r := []rune(w)
	for _, e := range []string{"ий", "ій", "ой", "ая", "ое", "ые", "ія", "ії", "ия", "ии", "і", "ї", "а", "я", "е", "о", "и", "ь", "й", "у", "ю"} {
		er := []rune(e)
		if len(r) > len(er)+3 && string(r[len(r)-len(er):]) == e {
			return string(r[:len(r)-len(er)])
		}
	}
	return w
}

func cyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// Words splits s into its runs of letters and digits, lower case, ё as е: how
// names and titles are compared whatever their case and punctuation.
func Words(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "ё", "е")
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func init() {
	// Names are matched folded: fold them once.
	for i := range Types {
		for j, n := range Types[i].Names {
			Types[i].Names[j] = strings.Join(Words(n), " ")
			tn := typeName{key: Types[i].Key, name: Types[i].Names[j]}
			for _, w := range strings.Fields(Types[i].Names[j]) {
				nw := nameWord{word: w}
				if cyrillic(w) {
					nw.cyrillic, nw.stem, nw.runes = true, trimEnding(w), utf8.RuneCountInString(w)
				}
				tn.words = append(tn.words, nw)
			}
			typeNames = append(typeNames, tn)
		}
	}
}

// Slug makes a type key of a label no type of the vocabulary names: lower-case
// words joined by hyphens ("Country profile" → "country-profile").
func Slug(label string) string {
	return strings.Join(Words(label), "-")
}

// PrimaryTag reduces a language tag such as "uk-UA" or "en_GB" to its primary
// subtag, lower case ("ua", a common mistake for Ukrainian, to "uk"); other
// languages' tags are kept ("fr").
func PrimaryTag(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if tag == "ua" {
		tag = "uk"
	}
	return tag
}

// LangOf returns the language code a language's name or code stands for, in
// English, Ukrainian or Russian ("Русский", "англійська", "uk-UA", "English", "ua"
// → "ru", "en", "uk", "en", "uk"), or "".
func LangOf(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if i := strings.IndexAny(n, "-_"); i > 0 {
		n = n[:i]
	}
	if n == "ua" { // the country's code, a common mistake for Ukrainian
		return "uk"
	}
	for code, names := range langNames {
		if n == code {
			return code
		}
		for _, x := range names {
			if strings.HasPrefix(n, x) {
				return code
			}
		}
	}
	return ""
}

// langNames are the stems of each language's names.
var langNames = map[string][]string{
	"en": {"english", "англійськ", "английск", "eng"},
	"uk": {"ukrainian", "українськ", "украинск", "ukr", "укр"},
	"ru": {"russian", "російськ", "русск", "rus", "рус"},
}
