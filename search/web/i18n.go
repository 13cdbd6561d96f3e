package web

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/saved"
)

// UI languages, and the cookie that remembers the one chosen.
const (
	langCookie  = "ssgsearch_lang"
	defaultLang = "en"
)

// catalogue holds every interface string, per language. A key missing in one
// language falls back to English; a test checks that none is missing.
var catalogue = map[string]map[string]string{
	"en": {
		"lang.name":                "English",
		"nav.quote":                "Check a quote",
		"nav.skip":                 "Skip to content",
		"nav.label":                "Site",
		"search.results":           "Search results",
		"nav.saved":                "Saved searches",
		"saved.title":              "Saved searches",
		"saved.off":                "This server keeps no saved searches.",
		"saved.none":               "No saved searches yet: search, then save the search from the results page.",
		"saved.name":               "Name and query",
		"saved.lastrun":            "Last run",
		"saved.new":                "New since the run before",
		"saved.resultsof":          "Results of the latest run",
		"saved.newmark":            "new",
		"saved.chart":              "Results of each run",
		"saved.filters":            "Filters",
		"saved.yearfrom":           "From the year",
		"saved.yearto":             "To the year",
		"saved.outputs":            "Feed and exports",
		"saved.run":                "Run now",
		"saved.never":              "never",
		"saved.baseline":           "first run",
		"saved.dropped":            "dropped",
		"saved.saved":              "saved and run",
		"saved.ran":                "run",
		"saved.latest":             "Latest run",
		"saved.runno":              "run",
		"saved.nothing":            "Nothing new since the run before.",
		"saved.added":              "New",
		"saved.changed":            "Changed (new content)",
		"saved.droppedout":         "No longer found",
		"saved.history":            "History of runs",
		"saved.results":            "results",
		"saved.edit":               "Edit",
		"saved.query":              "Query",
		"saved.description":        "Description",
		"saved.delete":             "Delete this saved search",
		"saved.deleted":            "deleted",
		"save.label":               "Save this search as",
		"save.button":              "Save",
		"search.label":             "Search publications",
		"search.placeholder":       "Search handbooks, toolkits, policy papers…",
		"search.button":            "Search",
		"footer.syntax":            "Syntax",
		"footer.words":             "words",
		"results.summary":          "%s (%s) for",
		"results.none":             "No documents match",
		"results.hint":             "Try fewer words, another spelling (word~) or the other language.",
		"results.rewritten":        "Nothing matched exactly; showing results with spelling variants",
		"results.didyoumean":       "Nothing matched exactly; showing results for",
		"results.corrected":        "No document has %s; showing results for",
		"results.layout":           "Typed with another keyboard layout? Showing results for",
		"results.verbatim":         "Search for the words as typed instead:",
		"results.filters":          "Filters",
		"results.remove":           "Remove filter",
		"results.refine":           "Refine the results",
		"results.sort":             "Sort by",
		"results.expansions":       "Searched also (the other language)",
		"results.synonyms":         "Searched also (other ways of saying it)",
		"results.standsin":         "in no document",
		"results.wordnet":          "in no document; from WordNet",
		"results.compound":         "in no document; its two words",
		"xlang.label":              "Both languages",
		"xlang.on":                 "on",
		"xlang.off":                "off",
		"sort.relevance":           "relevance",
		"sort.newest":              "newest",
		"sort.oldest":              "oldest",
		"facet.lang":               "Language",
		"facet.type":               "Type",
		"facet.year":               "Year",
		"facet.topic":              "Topic",
		"facet.publisher":          "Publisher",
		"doc.one":                  "document",
		"doc.many":                 "documents",
		"matchpage.one":            "matching page",
		"matchpage.many":           "matching pages",
		"page.one":                 "page",
		"page.many":                "pages",
		"hit.original":             "original",
		"hit.translation":          "Translation",
		"hit.joined":               "Its own text does not match; found as the translation of",
		"hit.page":                 "p.",
		"pager.prev":               "← Previous",
		"pager.next":               "Next →",
		"pager.results":            "Result pages",
		"doc.pubpage":              "Publication page",
		"doc.source":               "Source",
		"doc.hash":                 "content SHA-256",
		"doc.cite":                 "Cite",
		"doc.copy":                 "Copy",
		"doc.copied":               "Copied to the clipboard",
		"doc.download":             "download",
		"doc.searchin":             "Search in this document",
		"doc.nomatch":              "No page of this document matches.",
		"doc.matching":             "matching",
		"doc.related":              "Related documents",
		"doc.pages":                "Pages",
		"doc.fetched":              "fetched",
		"doc.archived":             "archived copy",
		"home.holds":               "The collection holds %s with %s.",
		"saverr.webhook-forbidden": "webhooks may not reach this address (the server's own networks)",
		"evidence.archived":        "Archived copy: %s (fetched %s)",
		"evidence.notfound":        "The passage could not be outlined on this page's words.",
		"evidence.partial":         "Outlined: the first %d of the quote's %d words; the rest is not on this page as quoted (it may go on over the page).",
		"evidence.end":             "Outlined: the last %d of the quote's %d words; it begins on the page before.",
		"evidence.alt":             "The page with the passage outlined",
		"evidence.download":        "Download the picture",
		"home.browse":              "Browse by language, type, topic, publisher or year",
		"home.try":                 "Try",
		"home.latest":              "Latest publications",
		"home.examples":            "parliamentary oversight|\"defence procurement\"|police integrity|ombudsperson|контроль над розвідкою",
		"qerr.at":                  "query error at character %d: %s",
		"doc.referrers":            "Linked from",
		"doc.removed":              "Removed from the publisher's site on %s (last seen there %s): this is the archived copy.",
		"doc.citeformat":           "No citation format %q: choose %s.",
		"doc.status.failed":        "The PDF could not be read",
		"doc.status.encrypted":     "The PDF is encrypted",
		"doc.status.partial":       "The PDF is truncated: its readable pages are indexed",
		"doc.editions":             "Other editions",
		"doc.superseded":           "A newer edition exists",
		"doc.provenance":           "Where this information comes from",
		"field.title":              "Title",
		"field.date":               "Date",
		"field.type":               "Type",
		"field.publisher":          "Publisher",
		"field.authors":            "Authors",
		"field.topics":             "Topics",
		"field.lang":               "Language",
		"field.summary":            "Summary",
		"from.meta":                "the page's structured metadata",
		"from.label":               "what the page shows",
		"from.pdf":                 "the PDF",
		"from.url":                 "the address",
		"from.config":              "the source's configuration",
		"from.text":                "the text's language",
		"referrer.one":             "page in all (the API lists them)",
		"referrer.many":            "pages in all (the API lists them)",
		"ocrpage.one":              "page read from its image (OCR)",
		"ocrpage.many":             "pages read from their images (OCR)",
		"notextpage.one":           "page without searchable text",
		"notextpage.many":          "pages without searchable text",
		"source.ocr":               "OCR",
		"source.notext":            "no text",
		"source.failed":            "unreadable",
		"page.title":               "Page",
		"page.of":                  "of",
		"page.printed":             "printed",
		"page.openpdf":             "Open the PDF at this page",
		"page.openoriginal":        "Open the original",
		"page.matches.one":         "match for",
		"page.matches.many":        "matches for",
		"quote.title":              "Check a quote",
		"quote.help":               "Paste the quote: line breaks, hyphenation, curly quotes and apostrophes do not matter.",
		"quote.button":             "Check",
		"quote.exact":              "Found, word for word, on %d %s.",
		"quote.normalized":         "Found once spellings are folded, on %d %s.",
		"quote.nearly":             "Not word for word: a passage differs in a few words, on %d %s.",
		"quote.notfound":           "Not found: no page has these words in this order, or nearly.",
		"quote.closest":            "Closest passages",
		"quote.folded":             "folded",
		"quote.diff":               "The quote against the document: struck words are the quote's, underlined words the document's",
		"fold.case":                "upper and lower case",
		"fold.quotes":              "quotation marks and apostrophes",
		"fold.dashes":              "dashes",
		"fold.hyphenation":         "a word broken at a line end",
		"fold.ligatures":           "ligatures",
		"fold.lookalikes":          "letters of the other alphabet",
		"fold.punctuation":         "other punctuation",
		"quote.exactmark":          "exact",
		"quote.omitted":            "Left out by the quote's “…”, %d words:",
		"quote.elision":            "the document's words the quote's “…” leaves out",
		"error.back":               "Back to search",
		"error.400":                "Bad request",
		"error.403":                "Refused",
		"error.403.text":           "This form was sent from another site's page and was refused.",
		"error.404":                "Not found",
		"error.404.text":           "There is no such page or document here.",
		"error.405":                "Method not allowed",
		"error.405.text":           "This address does not take that kind of request.",
		"error.409":                "Conflict",
		"error.413":                "Too large",
		"error.413.text":           "What was sent is too large.",
		"error.429":                "Too many requests",
		"error.429.text":           "The server is busy: try again in a moment.",
		"error.500":                "Something went wrong",
		"error.500.text":           "The server could not answer. Try again; if it keeps failing, tell whoever runs it.",
		"error.503":                "Took too long",
		"error.503.text":           "The search took too long: try a narrower query.",
		"status.pdf":               "PDF",
	},
	"uk": {
		"lang.name":                  "Українська",
		"nav.quote":                  "Перевірити цитату",
		"nav.skip":                   "Перейти до змісту",
		"nav.label":                  "Сайт",
		"search.results":             "Результати пошуку",
		"nav.saved":                  "Збережені пошуки",
		"saved.title":                "Збережені пошуки",
		"saved.off":                  "Цей сервер не зберігає пошуки.",
		"saved.none":                 "Збережених пошуків ще немає: виконайте пошук і збережіть його зі сторінки результатів.",
		"saved.name":                 "Назва і запит",
		"saved.lastrun":              "Останній запуск",
		"saved.new":                  "Нове з попереднього запуску",
		"saved.resultsof":            "Результати останнього запуску",
		"saved.newmark":              "нове",
		"saved.chart":                "Кількість результатів кожного запуску",
		"saved.filters":              "Фільтри",
		"saved.yearfrom":             "Від року",
		"saved.yearto":               "До року",
		"saved.outputs":              "Стрічка й експорт",
		"saved.run":                  "Запустити",
		"saved.never":                "ще не запускався",
		"saved.baseline":             "перший запуск",
		"saved.dropped":              "вибуло",
		"saved.saved":                "збережено й запущено",
		"saved.ran":                  "запущено",
		"saved.latest":               "Останній запуск",
		"saved.runno":                "запуск",
		"saved.nothing":              "Нічого нового з попереднього запуску.",
		"saved.added":                "Нове",
		"saved.changed":              "Змінене (новий вміст)",
		"saved.droppedout":           "Більше не знаходиться",
		"saved.history":              "Історія запусків",
		"saved.results":              "результати",
		"saved.edit":                 "Змінити",
		"saved.query":                "Запит",
		"saved.description":          "Опис",
		"saved.delete":               "Видалити цей збережений пошук",
		"saved.deleted":              "видалено",
		"save.label":                 "Зберегти цей пошук як",
		"save.button":                "Зберегти",
		"search.label":               "Пошук публікацій",
		"search.placeholder":         "Пошук посібників, наборів інструментів, аналітичних записок…",
		"search.button":              "Шукати",
		"footer.syntax":              "Синтаксис",
		"footer.words":               "слова",
		"results.summary":            "%s (%s) за запитом",
		"results.none":               "Жоден документ не відповідає запиту",
		"results.hint":               "Спробуйте менше слів, інше написання (слово~) або іншу мову.",
		"results.rewritten":          "Точних збігів немає; показано результати з варіантами написання",
		"results.didyoumean":         "Точних збігів немає; показано результати для",
		"results.corrected":          "Жоден документ не містить %s; показано результати для",
		"results.layout":             "Набрано в іншій розкладці клавіатури? Показано результати для",
		"results.verbatim":           "Шукати слова так, як їх написано:",
		"results.filters":            "Фільтри",
		"results.remove":             "Зняти фільтр",
		"results.refine":             "Уточнити результати",
		"results.sort":               "Сортувати",
		"results.expansions":         "Шукали також (іншою мовою)",
		"results.synonyms":           "Шукали також (інші назви)",
		"results.standsin":           "немає в жодному документі",
		"results.wordnet":            "немає в жодному документі; з WordNet",
		"results.compound":           "немає в жодному документі; його два слова",
		"xlang.label":                "Обидві мови",
		"xlang.on":                   "увімкнено",
		"xlang.off":                  "вимкнено",
		"sort.relevance":             "за релевантністю",
		"sort.newest":                "спершу нові",
		"sort.oldest":                "спершу старі",
		"facet.lang":                 "Мова",
		"facet.type":                 "Тип",
		"facet.year":                 "Рік",
		"facet.topic":                "Тема",
		"facet.publisher":            "Видавець",
		"doc.one":                    "документ",
		"doc.few":                    "документи",
		"doc.many":                   "документів",
		"matchpage.one":              "сторінка",
		"matchpage.few":              "сторінки",
		"matchpage.many":             "сторінок",
		"page.one":                   "сторінка",
		"page.few":                   "сторінки",
		"page.many":                  "сторінок",
		"hit.original":               "оригінал",
		"hit.translation":            "Переклад",
		"hit.joined":                 "Його власний текст не збігається з запитом; знайдено як переклад документа",
		"hit.page":                   "с.",
		"pager.prev":                 "← Попередня",
		"pager.next":                 "Наступна →",
		"pager.results":              "Сторінки результатів",
		"doc.pubpage":                "Сторінка публікації",
		"doc.source":                 "Джерело",
		"doc.hash":                   "SHA-256 вмісту",
		"doc.cite":                   "Цитувати",
		"doc.copy":                   "Копіювати",
		"doc.copied":                 "Скопійовано в буфер обміну",
		"doc.download":               "завантажити",
		"doc.searchin":               "Пошук у цьому документі",
		"doc.nomatch":                "Жодна сторінка цього документа не відповідає запиту.",
		"doc.matching":               "відповідають",
		"doc.related":                "Пов’язані документи",
		"doc.pages":                  "Сторінки",
		"doc.fetched":                "завантажено",
		"doc.archived":               "архівна копія",
		"home.holds":                 "У зібранні %s, у них %s.",
		"saverr.name-missing":        "збереженому пошуку потрібна назва",
		"saverr.name-long":           "назва може мати щонайбільше 200 символів",
		"saverr.query-missing":       "збереженому пошуку потрібен запит",
		"saverr.name-taken":          "збережений пошук із назвою %q уже є (id %s)",
		"saverr.year":                "%s: рік — чотири цифри",
		"saverr.webhook-unreadable":  "адресу вебхука не вдалося прочитати",
		"saverr.webhook-scheme":      "адреса вебхука має починатися з http:// або https://",
		"saverr.webhook-host":        "в адресі вебхука немає хоста",
		"saverr.webhook-credentials": "адреса вебхука не може містити ім'я користувача чи пароль; підписуйте доставки секретом",
		"saverr.webhook-numeric":     "хост вебхука %q схожий на число: дайте адресу або назву",
		"saverr.webhook-forbidden":   "вебхуки не можуть звертатися до цієї адреси (мережа сервера)",
		"evidence.archived":          "Архівна копія: %s (завантажено %s)",
		"evidence.notfound":          "Уривок не вдалося позначити серед слів цієї сторінки.",
		"evidence.partial":           "Позначено перші %d з %d слів цитати; решти на цій сторінці в такому вигляді немає (можливо, цитата продовжується на наступній).",
		"evidence.end":               "Позначено останні %d з %d слів цитати; вона починається на попередній сторінці.",
		"evidence.alt":               "Сторінка з позначеним уривком",
		"evidence.download":          "Завантажити зображення",
		"home.browse":                "Переглянути за мовою, типом, темою, видавцем чи роком",
		"home.try":                   "Спробуйте",
		"home.latest":                "Нові публікації",
		"home.examples":              "парламентський контроль|оборонні закупівлі|доброчесність поліції|омбудсман|intelligence oversight",
		"qerr.at":                    "помилка в запиті (символ %d): %s",
		"reqerr.page":                "номер сторінки має бути 1 або більше",
		"reqerr.page-number":         "номер сторінки має бути цілим числом від 1, а не %q",
		"reqerr.size":                "кількість результатів на сторінці має бути від 1 до %d",
		"reqerr.deep":                "сторінка × кількість на сторінці може бути щонайбільше %d: уточніть запит",
		"reqerr.pages-per-doc":       "кількість сторінок документа має бути від 1 до %d",
		"reqerr.sort":                "сортування: relevance, newest або oldest",
		"reqerr.empty-filter":        "порожній фільтр %s",
		"reqerr.language":            "невідома мова %q (en, uk або ru)",
		"reqerr.removed":             "removed=%q: допустимі значення hide або only",
		"reqerr.year-order":          "рік «від» (%d) пізніший за рік «до» (%d)",
		"reqerr.not-number":          "%s: потрібне ціле число, а не %q",
		"reqerr.too-small":           "%s: щонайменше %d",
		"reqerr.xlang":               "xlang: on або off, а не %q",
		"reqerr.explain":             "explain: true або false, а не %q",
		"reqerr.verbatim":            "verbatim: true або false, а не %q",
		"reqerr.quote-empty":         "у цитаті немає слів",
		"reqerr.prefix-many":         "%q відповідає забагато слів (усі початки слів у запиті разом — щонайбільше %d): допишіть літери",
		"reqerr.quote-short":         "цитата має містити щонайменше %d слова; коротші фрази знаходить пошук",
		"reqerr.quote-long":          "цитата може мати щонайбільше %d символів",
		"param.page":                 "номер сторінки",
		"param.size":                 "кількість на сторінці",
		"param.year_from":            "рік від",
		"param.year_to":              "рік до",
		"qerr.minus-alone":           "«-» має стояти перед словом або фразою, які слід виключити",
		"qerr.minus-space":           "«-» має стояти безпосередньо перед словом або фразою, які слід виключити (без пробілу)",
		"qerr.field-empty":           "%s: потрібне значення",
		"qerr.field-space":           "%s: значення має йти одразу після двокрапки",
		"qerr.phrase-open":           "фразу не закрито: додайте закривні лапки",
		"qerr.phrase-empty":          "порожня фраза",
		"qerr.expected-word":         "очікувалося слово або фраза",
		"qerr.word-long":             "слово має %d символів; дозволено щонайбільше %d",
		"qerr.too-many-words":        "у запиті понад %d слів",
		"qerr.empty":                 "порожній запит: введіть одне чи кілька слів",
		"qerr.query-long":            "запит має %d символів; дозволено щонайбільше %d",
		"qerr.close-paren":           "зайва «)»: немає відповідної «(»",
		"qerr.unexpected":            "несподіваний елемент запиту",
		"qerr.only-excludes":         "запит лише виключає: додайте слово для пошуку",
		"qerr.or-right":              "після OR має бути слово або фраза",
		"qerr.and-right":             "після AND має бути слово або фраза",
		"qerr.or-left":               "перед OR має бути слово або фраза",
		"qerr.empty-parens":          "порожні дужки або зайва «)»",
		"qerr.and-left":              "перед AND має бути слово або фраза",
		"qerr.not-right":             "після NOT має бути слово, фраза або група",
		"qerr.open-paren":            "незакрита «(»: додайте «)»",
		"qerr.year-phrase":           "year: приймає рік або проміжок на кшталт 2015..2018, а не фразу",
		"qerr.operator-place":        "оператор у несподіваному місці",
		"qerr.lang-unknown":          "lang:%s: невідома мова (en, uk або ru)",
		"qerr.suffix-place":          "%q: «*» і «~» ставлять лише в кінці слова",
		"qerr.suffix-alone":          "%q: перед «*» і «~» має бути слово",
		"qerr.no-letters":            "%q не має літер чи цифр для пошуку",
		"qerr.prefix-short":          "для пошуку за початком слова потрібно щонайменше 2 літери перед «*»",
		"qerr.year-form":             "year:%s: рік — чотири цифри, проміжок — 2015..2018",
		"qerr.year-empty":            "year:.. потребує щонайменше одного року",
		"qerr.year-order":            "year:%s: перший рік пізніший за другий",
		"doc.referrers":              "Посилання зі сторінок",
		"doc.removed":                "Видалено з сайту видавця %s (востаннє бачили там %s): це архівна копія.",
		"doc.citeformat":             "Немає формату цитування %q: виберіть %s.",
		"doc.status.failed":          "PDF не вдалося прочитати",
		"doc.status.encrypted":       "PDF зашифровано",
		"doc.status.partial":         "PDF обрізаний: проіндексовано сторінки, які вдалося прочитати",
		"doc.editions":               "Інші видання",
		"doc.superseded":             "Є новіше видання",
		"doc.provenance":             "Звідки ці відомості",
		"field.title":                "Назва",
		"field.date":                 "Дата",
		"field.type":                 "Тип",
		"field.publisher":            "Видавець",
		"field.authors":              "Автори",
		"field.topics":               "Теми",
		"field.lang":                 "Мова",
		"field.summary":              "Анотація",
		"from.meta":                  "структуровані метадані сторінки",
		"from.label":                 "те, що показує сторінка",
		"from.pdf":                   "PDF",
		"from.url":                   "адреса",
		"from.config":                "налаштування джерела",
		"from.text":                  "мова тексту",
		"referrer.one":               "сторінка загалом (усі — в API)",
		"referrer.few":               "сторінки загалом (усі — в API)",
		"referrer.many":              "сторінок загалом (усі — в API)",
		"ocrpage.one":                "сторінка розпізнана із зображення (OCR)",
		"ocrpage.few":                "сторінки розпізнано із зображень (OCR)",
		"ocrpage.many":               "сторінок розпізнано із зображень (OCR)",
		"notextpage.one":             "сторінка без тексту для пошуку",
		"notextpage.few":             "сторінки без тексту для пошуку",
		"notextpage.many":            "сторінок без тексту для пошуку",
		"source.ocr":                 "OCR",
		"source.notext":              "без тексту",
		"source.failed":              "не прочитано",
		"page.title":                 "Сторінка",
		"page.of":                    "з",
		"page.printed":               "друкована",
		"page.openpdf":               "Відкрити PDF на цій сторінці",
		"page.openoriginal":          "Відкрити оригінал",
		"page.matches.one":           "збіг для",
		"page.matches.few":           "збіги для",
		"page.matches.many":          "збігів для",
		"quote.title":                "Перевірити цитату",
		"quote.help":                 "Вставте цитату: переноси рядків, дефіси, лапки й апострофи не мають значення.",
		"quote.button":               "Перевірити",
		"quote.exact":                "Знайдено дослівно: %d %s.",
		"quote.normalized":           "Знайдено після вирівнювання написання: %d %s.",
		"quote.nearly":               "Не дослівно: уривок відрізняється кількома словами: %d %s.",
		"quote.notfound":             "Не знайдено: на жодній сторінці немає цих слів у такому порядку чи майже такому.",
		"quote.closest":              "Найближчі уривки",
		"quote.folded":               "вирівняно",
		"quote.diff":                 "Цитата проти документа: закреслено слова цитати, підкреслено слова документа",
		"fold.case":                  "великі й малі літери",
		"fold.quotes":                "лапки й апострофи",
		"fold.dashes":                "тире",
		"fold.hyphenation":           "перенос слова в кінці рядка",
		"fold.ligatures":             "лігатури",
		"fold.lookalikes":            "літери іншої абетки",
		"fold.punctuation":           "інші розділові знаки",
		"quote.exactmark":            "дослівно",
		"quote.omitted":              "Пропущено цитатою на місці «…» (слів: %d):",
		"quote.elision":              "слова документа, пропущені цитатою на місці «…»",
		"error.back":                 "Повернутися до пошуку",
		"error.400":                  "Некоректний запит",
		"error.403":                  "Відмовлено",
		"error.403.text":             "Цю форму надіслано зі сторінки іншого сайту, тому її відхилено.",
		"error.404":                  "Не знайдено",
		"error.404.text":             "Тут немає такої сторінки чи документа.",
		"error.405":                  "Метод не дозволено",
		"error.405.text":             "Ця адреса не приймає такого запиту.",
		"error.409":                  "Конфлікт",
		"error.413":                  "Завеликий запит",
		"error.413.text":             "Надіслане завелике.",
		"error.429":                  "Забагато запитів",
		"error.429.text":             "Сервер зайнятий: спробуйте ще раз за мить.",
		"error.500":                  "Щось пішло не так",
		"error.500.text":             "Сервер не зміг відповісти. Спробуйте ще раз; якщо помилка повторюється, повідомте адміністратора.",
		"error.503":                  "Задовго",
		"error.503.text":             "Пошук тривав задовго: уточніть запит.",
		"status.pdf":                 "PDF",
	},
}

// msgs translates interface strings for one request.
type msgs struct {
	// Lang is the interface language; Other the one the switch offers, at SwitchURL.
	Lang, Other, SwitchURL, OtherName string
}

// T returns the string for key, formatted with args when given.
func (m msgs) T(key string, args ...any) string {
	s, ok := catalogue[m.Lang][key]
	if !ok {
		s = catalogue[defaultLang][key]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// QueryError says a query's error in the interface language (English when the
// catalogue lacks its key).
func (m msgs) QueryError(qe *query.Error) string {
	t, ok := catalogue[m.Lang]["qerr."+qe.Key]
	if !ok {
		return qe.Error()
	}
	return m.T("qerr.at", qe.Pos+1, fmt.Sprintf(t, qe.Args...))
}

// RequestError says a refused request's reason in the interface language: a
// query's error, or a parameter's (English when the catalogue lacks its key); a
// parameter is named as the interface names it.
func (m msgs) RequestError(err error) string {
	var qe *query.Error
	if errors.As(err, &qe) {
		return m.QueryError(qe)
	}
	var re *search.RequestError
	if errors.As(err, &re) {
		if t, ok := catalogue[m.Lang]["reqerr."+re.Key]; ok {
			args := slices.Clone(re.Args)
			if re.Key == "not-number" || re.Key == "too-small" { // the first names the parameter
				if label, ok := catalogue[m.Lang][fmt.Sprint("param.", args[0])]; ok {
					args[0] = label
				}
			}
			return fmt.Sprintf(t, args...)
		}
	}
	_, msg := status(err)
	return msg
}

// SavedError says why a saved search was refused in the interface language: the
// query's error as the query page says it, the other reasons from the catalogue
// (in English when it lacks them).
func (m msgs) SavedError(err error) string {
	var qe *query.Error
	if errors.As(err, &qe) {
		return m.QueryError(qe)
	}
	if errors.Is(err, saved.ErrForbiddenAddress) {
		return m.T("saverr.webhook-forbidden")
	}
	var ie *saved.InvalidError
	if errors.As(err, &ie) {
		if t, ok := catalogue[m.Lang]["saverr."+ie.Key]; ok {
			return fmt.Sprintf(t, ie.Args...)
		}
	}
	return strings.TrimPrefix(err.Error(), saved.ErrInvalid.Error()+": ")
}

// Type names a document type ("policy-paper") in the interface language.
func (m msgs) Type(t string) string {
	if s := vocab.Label(t, m.Lang); s != "" {
		return s
	}
	return strings.ReplaceAll(t, "-", " ")
}

// DocType names a document's type in the interface language: a type of the
// vocabulary by its label, a publisher's own type as the publisher labels it.
func (m msgs) DocType(typ, label string) string {
	if !vocab.Known(typ) && label != "" {
		return label
	}
	return m.Type(typ)
}

// Field names a metadata field (Document.Provenance's keys).
func (m msgs) Field(name string) string { return cmp.Or(m.T("field."+name), name) }

// From names where a metadata field came from (Document.Provenance's values).
func (m msgs) From(source string) string { return cmp.Or(m.T("from."+source), source) }

// N returns "n word" with the plural form of word (key.one, key.few, key.many) that n
// takes in the interface language.
func (m msgs) N(n int, key string) string {
	return fmt.Sprintf("%d %s", n, m.T(key+"."+m.Form(n)))
}

// Form is the plural category of n: English one/many; Ukrainian one/few/many.
func (m msgs) Form(n int) string {
	if m.Lang != "uk" {
		if n == 1 {
			return "one"
		}
		return "many"
	}
	switch n10, n100 := n%10, n%100; {
	case n10 == 1 && n100 != 11:
		return "one"
	case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
		return "few"
	}
	return "many"
}

// messages picks the interface language of a request — the lang parameter (which
// also sets a cookie), the cookie, then Accept-Language — and the switch to the other.
func messages(w http.ResponseWriter, r *http.Request) msgs {
	lang := ""
	if v := r.URL.Query().Get("lang"); catalogue[v] != nil {
		lang = v
		if w != nil {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: v, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()), SameSite: http.SameSiteLaxMode})
		}
	}
	if lang == "" {
		if c, err := r.Cookie(langCookie); err == nil && catalogue[c.Value] != nil {
			lang = c.Value
		}
	}
	if lang == "" {
		lang = acceptLanguage(r.Header.Get("Accept-Language"))
	}
	m := msgs{Lang: lang, Other: "uk"}
	if lang == "uk" {
		m.Other = "en"
	}
	m.OtherName = catalogue[m.Other]["lang.name"]
	v := url.Values{}
	for k, vs := range r.URL.Query() {
		v[k] = vs
	}
	v.Set("lang", m.Other)
	m.SwitchURL = r.URL.Path + "?" + v.Encode()
	return m
}

// acceptLanguage returns the first of our languages an Accept-Language header names
// (quality values aside: browsers list them in order), or the default.
func acceptLanguage(h string) string {
	for _, part := range strings.Split(h, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(tag)
		if i := strings.IndexByte(tag, '-'); i > 0 {
			tag = tag[:i]
		}
		if catalogue[tag] != nil {
			return tag
		}
	}
	return defaultLang
}
