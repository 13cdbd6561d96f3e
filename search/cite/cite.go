// Package cite formats citations of documents: BibTeX, RIS, CSL-JSON, APA and
// Chicago, with an optional page locator and the publisher's URL.
package cite

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ssgsearch/ssgsearch/indexer"
)

// Formats lists the supported formats.
var Formats = []string{"bibtex", "ris", "csl-json", "apa", "chicago"}

// ErrFormat is returned for an unknown format.
var ErrFormat = errors.New("unknown citation format (use bibtex, ris, csl-json, apa or chicago)")

// Request says what to cite.
type Request struct {
	Doc *indexer.Document
	// Page is the page locator: a printed label or a page number; "" for none.
	Page string
	// URL is the address to cite (the original publisher's); Accessed is when it was read.
	URL      string
	Accessed time.Time
	// Key is the BibTeX key; "" for BibKey(Doc).
	Key string
}

// Accessed is the date a citation says the publisher's copy of d was read: when
// the index last took it from the site, or, for a document the site has removed,
// when it was last seen there (not a later write of the index's record).
func Accessed(d *indexer.Document) time.Time {
	if !d.Removed.IsZero() {
		return cmp.Or(d.LastSeen, d.FetchedAt)
	}
	return d.IndexedAt
}

// PublicURL is the address to cite for d: the publisher's, of its page or else
// of its PDF; "" for an imported file, which has no public address.
func PublicURL(d *indexer.Document) string {
	for _, u := range []string{d.SourceURL, d.PDFSourceURL} {
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			return u
		}
	}
	return ""
}

// Format returns the citation in format and its media type.
func Format(format string, r Request) (string, string, error) {
	switch format {
	case "bibtex":
		return bibtex(r), "application/x-bibtex; charset=utf-8", nil
	case "ris":
		return ris(r), "application/x-research-info-systems; charset=utf-8", nil
	case "csl-json":
		b, err := json.MarshalIndent([]any{csl(r)}, "", "  ")
		return string(b) + "\n", "application/vnd.citationstyles.csl+json; charset=utf-8", err
	case "apa":
		return apa(r), "text/plain; charset=utf-8", nil
	case "chicago":
		return chicago(r), "text/plain; charset=utf-8", nil
	}
	return "", "", fmt.Errorf("%w: %q", ErrFormat, format)
}

// person is an author split into family and given names; a corporate author has only
// Literal.
type person struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

var (
	// orgWord matches a word, lower-case, that marks a name as an organisation's:
	// an English one, or a Ukrainian or Russian stem with a case ending ("міністрів",
	// "україни", "національна"). Words that are also people's names are left out:
	// "Service", "Bank", "Court", "Рада" (a given name; "Верховна Рада" has
	// "верховна").
	orgWord = regexp.MustCompile(`^(?:(?:` +
		`centre|center|institute|office|council|ministry|ministries|agency|agencies|organi[sz]ation|foundation|association|` +
		`university|committee|group|network|commission|parliament|parliamentary|assembly|international|government|cabinet|` +
		`department|directorate|bureau|secretariat|mission|alliance|initiative|forum|programme|program|coalition|academy|union|` +
		`fund|authority|society|project|partnership|federation|republic|nations|embassy|delegation|ombudsman|observatory|survey|` +
		`corporation|company|house|world|europe|european|ukraine|ukrainian|russia|verkhovna|national|security|defence|defense|intelligence|rights` +
		`)s?|(?:` +
		`центр|інститут|институт|служб|совет|міністерств|министерств|міністр|министр|кабінет|кабинет|агентств|фонд|асоціаці|` +
		`ассоциаци|університет|университет|комітет|комитет|мереж|ініціатив|инициатив|форум|програм|программ|коаліці|коалици|` +
		`організаці|организаци|академі|академи|місі|мисси|комісі|комисси|парламент|асамбле|ассамбле|спілк|союз|уряд|` +
		`правительств|управлінн|управлени|департамент|бюро|секретаріат|секретариат|прокуратур|поліці|полици|гварді|гварди|` +
		`омбудсман|товариств|обществ|партнерств|проєкт|проект|компані|корпораці|корпораци|україн|украин|європ|европ|росі` +
		`)(?:а|я|и|і|ї|у|ю|е|є|о|ы|ом|ем|ою|ею|єю|ой|ові|еві|ів|їв|ей|ам|ям|ами|ями|ах|ях)?|(?:` +
		`національн|национальн|державн|государственн|верховн|міжнародн|международн|громадськ|общественн|українськ|украинск|` +
		`європейськ|европейск|збройн|вооруженн|прикордонн|пограничн|парламентськ|парламентск` +
		`)(?:ий|ій|а|я|е|є|і|у|ого|ому|им|ої|ою|их|ими|ая|ое|ые|ой|ых|ым|ыми|ую)|россия|россии|россию|россией)$`)
	// initial is a word of initials: "О.", "І.П.", "J.-P.", "Yu.".
	initial = regexp.MustCompile(`^(?:\p{Lu}\p{Ll}?\.-?)+$`)
	// initialDot is an initial run into the next word: "О.Марченко", "І.П.".
	initialDot = regexp.MustCompile(`(\p{Lu}\.)(\p{L})`)
)

// organisation reports whether the words of a name make an organisation's: one
// is an acronym ("UNDP Ukraine", "NATO Parliamentary Assembly") or an
// organisation's word ("European Commission", "Кабінет Міністрів України").
func organisation(words []string) bool {
	for _, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if acronym(w) || orgWord.MatchString(strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// acronym reports whether w is two or more capitals and no full stop ("UNDP",
// "ЦДВБ"; not the initials "J.-P.").
func acronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r == '.' || unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2
}

// split reads an author's name: a person's of two to four capitalised words
// ("Olena Marchenko", "Marchenko, Olena", "Бондар І. П.", "І. П. Бондар") is
// split into family and given names; anything else is an organisation's, kept
// whole.
func split(name string) person {
	name = strings.Join(strings.Fields(name), " ")
	literal := person{Literal: name}
	words := strings.Fields(initialDot.ReplaceAllString(name, "$1 $2"))
	if len(words) < 2 || len(words) > 4 || organisation(words) {
		return literal
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return literal
		}
	}
	if family, given, ok := strings.Cut(name, ", "); ok { // "Marchenko, Olena"
		if strings.Contains(given, ",") || strings.Contains(family, ",") {
			return literal
		}
		return person{Family: family, Given: given}
	}
	if strings.Contains(name, ",") {
		return literal
	}
	n := 0 // initials at the end
	for n < len(words) && initial.MatchString(words[len(words)-1-n]) {
		n++
	}
	switch {
	case n == len(words):
		return literal
	case n > 0 && n == len(words)-1: // "Бондар І. П.": the family name first
		return person{Family: words[0], Given: strings.Join(words[1:], " ")}
	}
	return person{Family: words[len(words)-1], Given: strings.Join(words[:len(words)-1], " ")}
}

func authors(d *indexer.Document) []person {
	out := make([]person, 0, len(d.Authors))
	for _, a := range d.Authors {
		out = append(out, split(a))
	}
	return out
}

// initials turns given names into APA's initials: "Olena Maria" into "O. M.",
// "Jean-Pierre" into "J.-P."; initials stay ("І.П." becomes "І. П.", "Yu." stays).
func initials(given string) string {
	var parts []string
	for _, g := range strings.Fields(given) {
		if initial.MatchString(g) {
			parts = append(parts, initialDot.ReplaceAllString(g, "$1 $2"))
			continue
		}
		var b strings.Builder
		start := true
		for _, r := range g {
			switch {
			case r == '-':
				start = true
				if b.Len() > 0 {
					b.WriteByte('-')
				}
			case start && unicode.IsLetter(r):
				b.WriteRune(r)
				b.WriteByte('.')
				start = false
			}
		}
		if b.Len() > 0 {
			parts = append(parts, strings.Trim(b.String(), "-"))
		}
	}
	return strings.Join(parts, " ")
}

// sentence ends s with a full stop unless it ends with one, "?" or "!".
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func year(d *indexer.Document) string {
	if d.Year == 0 {
		return "n.d."
	}
	return fmt.Sprint(d.Year)
}

// kind is how each format types a document: a BibTeX entry type, a RIS type and a
// CSL type.
type kind struct{ bib, ris, csl string }

var (
	bookKind        = kind{"book", "BOOK", "book"}
	proceedingsKind = kind{"proceedings", "CONF", "book"}
	reportKind      = kind{"techreport", "RPRT", "report"}
	pamphletKind    = kind{"booklet", "PAMP", "pamphlet"}
	articleKind     = kind{"misc", "GEN", "article"}
	webKind         = kind{"misc", "ELEC", "webpage"}
)

// kinds types the keys of data/vocab: its publication types and kinds of web page.
var kinds = func() map[string]kind {
	m := map[string]kind{}
	for k, types := range map[kind][]string{
		bookKind:        {indexer.TypeHandbook, indexer.TypeToolkit, indexer.TypeManual, indexer.TypeGuide, "book"},
		proceedingsKind: {indexer.TypeProceedings},
		reportKind: {indexer.TypePolicyPaper, indexer.TypePolicyBrief, indexer.TypeReport, indexer.TypeAnnualReport, indexer.TypeSurvey,
			"study", "working-paper", indexer.TypePublication},
		pamphletKind: {indexer.TypeNewsletter, "factsheet"},
		articleKind:  {"commentary"},
		webKind:      {indexer.TypePage, indexer.TypeEvent},
	} {
		for _, t := range types {
			m[t] = k
		}
	}
	return m
}()

// kindOf types d; a type of its own (a publisher's label no vocabulary type
// names) is a report's when d has a PDF, else a web page's.
func kindOf(d *indexer.Document) kind {
	if k, ok := kinds[d.Type]; ok {
		return k
	}
	if d.PDFURL != "" || d.PDFSourceURL != "" {
		return reportKind
	}
	return webKind
}

// bibEscape protects BibTeX's special characters.
var bibEscape = strings.NewReplacer(`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`, "$", `\$`, "#", `\#`, "_", `\_`,
	"~", `\textasciitilde{}`, "^", `\textasciicircum{}`).Replace

// BibKey is the BibTeX key of d: its first author's family name in ASCII letters
// and its year ("bondar2022", "marchenko" undated), else "ssg" and its ID. Two
// documents may share it: an export of several makes them unique.
func BibKey(d *indexer.Document) string {
	if ps := authors(d); len(ps) > 0 && ps[0].Family != "" {
		if k := asciiKey(ps[0].Family); k != "" {
			if d.Year != 0 {
				k += strconv.Itoa(d.Year)
			}
			return k
		}
	}
	return "ssg" + asciiKey(d.ID)
}

// translit spells Ukrainian and Russian letters in ASCII (Ukraine's national
// transliteration, with Russia's own letters added), and the Latin letters that
// decomposition leaves non-ASCII ("ß", "ł").
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ie", 'ж': "zh", 'з': "z", 'и': "y",
	'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s",
	'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ю': "iu", 'я': "ia",
	'ё': "e", 'ы': "y", 'э': "e", 'ъ': "", 'ь': "",
	'ß': "ss", 'ł': "l", 'ø': "o", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// asciiKey is s lower-case in ASCII letters and digits: transliterated, marks
// dropped ("Бондар" → "bondar", "Müller" → "muller"), anything else left out.
func asciiKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if t, ok := translit[r]; ok {
			b.WriteString(t)
			continue
		}
		for _, c := range norm.NFD.String(string(r)) {
			if c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

func bibtex(r Request) string {
	d := r.Doc
	var names []string
	for _, p := range authors(d) {
		if p.Literal != "" {
			names = append(names, "{"+bibEscape(p.Literal)+"}")
		} else {
			names = append(names, bibEscape(p.Family)+", "+bibEscape(p.Given))
		}
	}
	key := r.Key
	if key == "" {
		key = BibKey(d)
	}
	k := kindOf(d)
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", k.bib, key)
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %s = {%s},\n", k, v)
		}
	}
	field("title", "{"+bibEscape(d.Title)+"}")
	field("author", strings.Join(names, " and "))
	if d.Year != 0 {
		field("year", fmt.Sprint(d.Year))
	}
	switch k.bib { // the field each entry type has for who issued it
	case "techreport":
		field("institution", bibEscape(d.Publisher))
	case "book", "proceedings":
		field("publisher", bibEscape(d.Publisher))
	default:
		field("howpublished", bibEscape(d.Publisher))
	}
	field("pages", bibEscape(r.Page))
	field("language", langName(d.Lang))
	field("url", r.URL)
	if r.URL != "" && !r.Accessed.IsZero() {
		field("urldate", r.Accessed.Format("2006-01-02"))
	}
	b.WriteString("}\n")
	return b.String()
}

func ris(r Request) string {
	d := r.Doc
	var b strings.Builder
	line := func(tag, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s  - %s\n", tag, v)
		}
	}
	line("TY", kindOf(d).ris)
	line("TI", d.Title)
	for _, p := range authors(d) {
		if p.Literal != "" {
			line("AU", p.Literal)
		} else {
			line("AU", p.Family+", "+p.Given)
		}
	}
	if d.Year != 0 {
		line("PY", fmt.Sprint(d.Year))
	}
	if !d.Date.IsZero() {
		line("DA", d.Date.Format("2006/01/02"))
	}
	line("PB", d.Publisher)
	line("SP", r.Page)
	line("LA", langName(d.Lang))
	line("UR", r.URL)
	if r.URL != "" && !r.Accessed.IsZero() {
		line("Y2", r.Accessed.Format("2006/01/02"))
	}
	b.WriteString("ER  - \n")
	return b.String()
}

func csl(r Request) map[string]any {
	d := r.Doc
	item := map[string]any{"id": d.ID, "type": kindOf(d).csl, "title": d.Title}
	if ps := authors(d); len(ps) > 0 {
		item["author"] = ps
	}
	if !d.Date.IsZero() {
		item["issued"] = map[string]any{"date-parts": [][]int{{d.Date.Year(), int(d.Date.Month()), d.Date.Day()}}}
	} else if d.Year != 0 {
		item["issued"] = map[string]any{"date-parts": [][]int{{d.Year}}}
	}
	if d.Publisher != "" {
		item["publisher"] = d.Publisher
	}
	if r.Page != "" {
		item["page"] = r.Page
	}
	if d.Lang != "" {
		item["language"] = d.Lang
	}
	if r.URL != "" {
		item["URL"] = r.URL
		if a := r.Accessed; !a.IsZero() {
			item["accessed"] = map[string]any{"date-parts": [][]int{{a.Year(), int(a.Month()), a.Day()}}}
		}
	}
	return item
}

// apa is an APA 7 reference list entry, with the page locator after it. Without
// an author the title takes the author's place.
func apa(r Request) string {
	d := r.Doc
	var names []string
	for _, p := range authors(d) {
		if p.Literal != "" {
			names = append(names, p.Literal)
		} else {
			names = append(names, p.Family+", "+initials(p.Given))
		}
	}
	var b strings.Builder
	switch len(names) {
	case 0:
		fmt.Fprintf(&b, "%s (%s).", sentence(d.Title), year(d))
	case 1:
		fmt.Fprintf(&b, "%s (%s). %s", sentence(names[0]), year(d), sentence(d.Title))
	default:
		all := strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1]
		fmt.Fprintf(&b, "%s (%s). %s", sentence(all), year(d), sentence(d.Title))
	}
	if d.Publisher != "" && (len(names) == 0 || names[0] != d.Publisher) {
		fmt.Fprintf(&b, " %s", sentence(d.Publisher))
	}
	if r.URL != "" {
		fmt.Fprintf(&b, " %s", ReadableURL(r.URL))
	}
	if r.Page != "" {
		fmt.Fprintf(&b, " (p. %s)", r.Page)
	}
	return b.String() + "\n"
}

// chicago is a Chicago notes-bibliography bibliography entry, with the page
// locator; an undated online source says when it was accessed.
func chicago(r Request) string {
	d := r.Doc
	var names []string
	for i, p := range authors(d) {
		switch {
		case p.Literal != "":
			names = append(names, p.Literal)
		case i == 0:
			names = append(names, p.Family+", "+p.Given)
		default:
			names = append(names, p.Given+" "+p.Family)
		}
	}
	var b strings.Builder
	switch len(names) {
	case 0:
	case 1:
		b.WriteString(sentence(names[0]) + " ")
	default:
		b.WriteString(sentence(strings.Join(names[:len(names)-1], ", ")+", and "+names[len(names)-1]) + " ")
	}
	b.WriteString(sentence(d.Title))
	pub := d.Publisher
	switch {
	case pub != "" && d.Year != 0:
		fmt.Fprintf(&b, " %s, %d.", pub, d.Year)
	case pub != "":
		fmt.Fprintf(&b, " %s", sentence(pub))
	case d.Year != 0:
		fmt.Fprintf(&b, " %d.", d.Year)
	}
	if r.Page != "" {
		fmt.Fprintf(&b, " %s.", r.Page)
	}
	if r.URL != "" {
		if d.Year == 0 && !r.Accessed.IsZero() {
			fmt.Fprintf(&b, " Accessed %s.", r.Accessed.Format("January 2, 2006"))
		}
		fmt.Fprintf(&b, " %s.", ReadableURL(r.URL))
	}
	return b.String() + "\n"
}

func langName(code string) string {
	switch code {
	case "en":
		return "English"
	case "uk":
		return "Ukrainian"
	case "ru":
		return "Russian"
	}
	return ""
}

// ReadableURL shows a URL as people read it, as browsers show it and the text
// styles (APA, Chicago) print it: the percent-encoded UTF-8 of its non-ASCII
// letters decoded ("/uk/publication/громадський-нагляд/"); escapes of ASCII
// characters ("%2F", "%20") stay, so the text means what the link does, and so do
// those of characters that show nothing or reorder what follows (controls, format
// characters such as bidirectional overrides and zero-width spaces, spaces,
// other invisible ones), which are encoded where the URL has them raw. Escapes
// that do not make valid UTF-8 stay as they are. The machine formats (BibTeX,
// RIS, CSL-JSON) keep the encoded form.
func ReadableURL(u string) string {
	if s, ok := readable(u, true); ok {
		return s
	}
	s, _ := readable(u, false)
	return s
}

// readable is ReadableURL, decoding escapes or not; false when they do not make
// valid UTF-8.
func readable(u string, decode bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(u); {
		var raw []byte // the non-ASCII bytes escaped from i on
		j := i
		for decode && u[j] == '%' && j+2 < len(u) {
			v, err := strconv.ParseUint(u[j+1:j+3], 16, 8)
			if err != nil || v < 0x80 {
				break
			}
			raw = append(raw, byte(v))
			if j += 3; j == len(u) {
				break
			}
		}
		if len(raw) > 0 {
			for k := 0; k < len(raw); {
				r, n := utf8.DecodeRune(raw[k:])
				if r == utf8.RuneError && n <= 1 {
					return u, false
				}
				if shown(r) {
					b.WriteRune(r)
				} else {
					b.WriteString(u[i+3*k : i+3*(k+n)])
				}
				k += n
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(u[i:])
		if r >= utf8.RuneSelf && n > 1 && !shown(r) {
			for _, c := range []byte(u[i : i+n]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		} else {
			b.WriteString(u[i : i+n])
		}
		i += n
	}
	return b.String(), true
}

// shown reports whether r may be printed as it is in a URL: a graphic character
// that is neither a space nor one that shows nothing.
func shown(r rune) bool {
	return unicode.IsGraphic(r) && !unicode.Is(unicode.Zs, r) &&
		!unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}
