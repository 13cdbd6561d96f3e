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
	// Cover is the first lines of the first page with text.
	Cover []string `json:"cover,omitempty"`
	Pages int      `json:"pages,omitempty"`
	// Err is why the file could not be read; Encrypted that it needs a password.
	Err       string `json:"err,omitempty"`
	Encrypted bool   `json:"encrypted,omitempty"`
}

// factsOf summarises an extraction result.
func factsOf(res *extract.Result) pdfFacts {
	f := pdfFacts{Title: res.Meta.Title, Summary: res.Meta.Summary, Authors: res.Meta.Authors, Keywords: res.Meta.Keywords,
		Date: res.Meta.Date, Producer: res.Meta.Producer, Lang: res.Meta.Lang, Pages: len(res.Pages)}
	for _, p := range res.Pages {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		for _, l := range strings.Split(p.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				f.Cover = append(f.Cover, l)
			}
			if len(f.Cover) == 6 {
				break
			}
		}
		break
	}
	return f
}

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
	// A single token with underscores or hyphens and no spaces is a file name.
	return strings.ContainsRune(t, ' ') || !strings.ContainsAny(t, "_-.")
}

// foldTitle lower-cases a title and keeps its letters and digits, one space apart.
func foldTitle(t string) string {
	return strings.Join(vocab.Words(t), " ")
}

// coverPublisher is the organisation a PDF's cover names with its imprint: on
// the imprint's line ("© DCAF 2019") or the line before it ("Centre for Defence
// Strategies" over "Kyiv 2020"), not a line of the title; else "".
func coverPublisher(cover []string, title string, fetched time.Time) string {
	inTitle := func(l string) bool {
		t := vocab.Words(title)
		for _, w := range vocab.Words(l) {
			if !slices.Contains(t, w) {
				return false
			}
		}
		return true
	}
	for i, l := range cover {
		if _, imprint := coverYears([]string{l}, fetched); !imprint {
			continue
		}
		rest := strings.Trim(coverYearRe.ReplaceAllString(strings.NewReplacer("©", " ", "(c)", " ", "(C)", " ").Replace(l), " "), " ,.-–—·|")
		if rest != "" && coverOrganisation(rest) && !inTitle(rest) {
			return rest
		}
		if i > 0 {
			if prev := strings.TrimSpace(cover[i-1]); coverOrganisation(prev) && !inTitle(prev) && !strings.ContainsAny(prev, "0123456789") {
				return prev
			}
		}
	}
	return ""
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
	if _, ok := vocab.TypeOf(line); ok {
		return false
	}
	return !strings.Contains(line, ",") || extract.Organisation(strings.Trim(words[0], ","))
}

// coverYear finds the year printed on a PDF's first lines, or 0: the imprint's
// ("Publisher · 2019", "Kyiv 2021", "© 2018"), a year that ends a short line or
// follows ©, the last such; else the first year standing alone. Identifiers (ISBN,
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
		if coverNumbered.MatchString(l) {
			continue
		}
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
			if strings.HasSuffix(before, "©") || strings.HasSuffix(strings.ToLower(before), "(c)") ||
				strings.Trim(l[m[3]:], " .") == "" && len(words) <= 4 {
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
	// coverYearRe is a four-digit number standing alone: not joined to another
	// number by a dash, slash, point or colon.
	coverYearRe = regexp.MustCompile(`(?:^|[^\d\-–—/.:])(\d{4})(?:$|\.$|[^\d\-–—/.:])`)
	// coverNumbered is a line that names an identifier, whose numbers are no year.
	coverNumbered = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(isbn|issn|doi|udc|удк|ббк|resolution|резолюц|no\.)|№`)
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
// one, and the line after it when it continues it (a title set over two lines).
func coverTitle(cover []string) string {
	for i, l := range cover {
		if !plausibleTitle(l, "") || len([]rune(l)) > 200 {
			continue
		}
		if i+1 < len(cover) {
			next := cover[i+1]
			if r := []rune(next); len(r) > 0 && len(r) < 120 && (unicode.IsLower(r[0]) || strings.HasSuffix(l, ":")) {
				return l + " " + next
			}
		}
		return l
	}
	return ""
}

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
// types ("Text", "Collection"), a repository's review status.
func genericType(label string) bool {
	// A DCMI type refined after a dot ("Text.Serial.Journal", OJS's) is as generic.
	if head, _, ok := strings.Cut(label, "."); ok && head != "" && genericType(head) {
		return true
	}
	switch strings.ToLower(strings.Join(strings.Fields(label), " ")) {
	case "page", "web page", "webpage", "text", "item", "news item", "post", "folder", "link", "file", "image", "still image", "moving image",
		"sound", "dataset", "collection", "interactive resource", "physical object", "service", "software",
		"stillimage", "movingimage", "interactiveresource", "physicalobject", "peerreviewed", "nonpeerreviewed",
		"текст", "сторінка", "матеріал", "новина", "страница", "материал", "новость":
		return true
	}
	return false
}

// fileTitle makes a title from a URL's file name: "ssr-handbook_2021.pdf" → "ssr handbook 2021".
func fileTitle(u string) string {
	name := u
	if p, err := url.Parse(u); err == nil {
		name = p.Path
	}
	name = strings.TrimSuffix(path.Base(name), path.Ext(name))
	return strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == '.' }), " ")
}
