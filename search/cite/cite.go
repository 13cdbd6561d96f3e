// Package cite formats citations of documents: BibTeX, RIS, CSL-JSON, APA and
// Chicago, with an optional page locator and the publisher's URL.
package cite

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// corporateWords mark an author as an organisation.
var corporateWords = []string{"centre", "center", "institute", "service", "office", "council", "ministry", "agency",
	"organisation", "organization", "foundation", "association", "university", "committee", "group", "network",
	"центр", "інститут", "служба", "рада", "міністерство", "агентство", "фонд", "асоціація", "університет", "комітет", "мережа"}

func split(name string) person {
	name = strings.TrimSpace(name)
	low := strings.ToLower(name)
	for _, w := range corporateWords {
		if strings.Contains(low, w) {
			return person{Literal: name}
		}
	}
	parts := strings.Fields(name)
	if len(parts) < 2 || len(parts) > 4 {
		return person{Literal: name}
	}
	for _, p := range parts {
		if r := []rune(p); !unicode.IsUpper(r[0]) {
			return person{Literal: name}
		}
	}
	return person{Family: parts[len(parts)-1], Given: strings.Join(parts[:len(parts)-1], " ")}
}

func authors(d *indexer.Document) []person {
	out := make([]person, 0, len(d.Authors))
	for _, a := range d.Authors {
		out = append(out, split(a))
	}
	return out
}

// initials turns "Olena Maria" into "O. M.".
func initials(given string) string {
	var parts []string
	for _, g := range strings.Fields(given) {
		parts = append(parts, string([]rune(g)[0])+".")
	}
	return strings.Join(parts, " ")
}

func year(d *indexer.Document) string {
	if d.Year == 0 {
		return "n.d."
	}
	return fmt.Sprint(d.Year)
}

// bibType and risType map our document types.
func bibType(t string) string {
	switch t {
	case indexer.TypeHandbook, indexer.TypeManual, indexer.TypeToolkit, indexer.TypeGuide:
		return "book"
	case indexer.TypeProceedings:
		return "proceedings"
	case indexer.TypePolicyPaper, indexer.TypeReport, indexer.TypeSurvey, indexer.TypePublication:
		return "techreport"
	}
	return "misc"
}

func risType(t string) string {
	switch bibType(t) {
	case "book":
		return "BOOK"
	case "proceedings":
		return "CONF"
	case "techreport":
		return "RPRT"
	}
	return "ELEC"
}

func cslType(t string) string {
	switch bibType(t) {
	case "book":
		return "book"
	case "proceedings":
		return "book"
	case "techreport":
		return "report"
	}
	return "webpage"
}

// bibEscape protects BibTeX's special characters.
func bibEscape(s string) string {
	return strings.NewReplacer(`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`, "$", `\$`, "#", `\#`, "_", `\_`).Replace(s)
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
	key := "ssg" + d.ID
	if ps := authors(d); len(ps) > 0 && ps[0].Family != "" {
		key = strings.ToLower(keyPart(ps[0].Family)) + year(d)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", bibType(d.Type), key)
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
	if bibType(d.Type) == "techreport" {
		field("institution", bibEscape(d.Publisher))
	} else {
		field("publisher", bibEscape(d.Publisher))
	}
	field("pages", bibEscape(r.Page))
	field("language", langName(d.Lang))
	field("url", r.URL)
	if !r.Accessed.IsZero() {
		field("urldate", r.Accessed.Format("2006-01-02"))
	}
	b.WriteString("}\n")
	return b.String()
}

func keyPart(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

func ris(r Request) string {
	d := r.Doc
	var b strings.Builder
	line := func(tag, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s  - %s\n", tag, v)
		}
	}
	line("TY", risType(d.Type))
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
	if !r.Accessed.IsZero() {
		line("Y2", r.Accessed.Format("2006/01/02"))
	}
	b.WriteString("ER  - \n")
	return b.String()
}

func csl(r Request) map[string]any {
	d := r.Doc
	item := map[string]any{"id": d.ID, "type": cslType(d.Type), "title": d.Title}
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
	}
	if !r.Accessed.IsZero() {
		a := r.Accessed
		item["accessed"] = map[string]any{"date-parts": [][]int{{a.Year(), int(a.Month()), a.Day()}}}
	}
	return item
}

// apa is an APA 7 reference list entry, with the page locator after it.
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
	case 1:
		b.WriteString(names[0])
	default:
		b.WriteString(strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1])
	}
	if b.Len() > 0 {
		if !strings.HasSuffix(b.String(), ".") {
			b.WriteString(".")
		}
		b.WriteString(" ")
	}
	fmt.Fprintf(&b, "(%s). %s.", year(d), d.Title)
	if d.Publisher != "" && (len(names) == 0 || names[0] != d.Publisher) {
		fmt.Fprintf(&b, " %s.", d.Publisher)
	}
	if r.URL != "" {
		fmt.Fprintf(&b, " %s", ReadableURL(r.URL))
	}
	if r.Page != "" {
		fmt.Fprintf(&b, " (p. %s)", r.Page)
	}
	return b.String() + "\n"
}

// chicago is a Chicago notes-bibliography bibliography entry, with the page locator.
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
		b.WriteString(names[0] + ". ")
	default:
		b.WriteString(strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1] + ". ")
	}
	b.WriteString(d.Title + ".")
	pub := d.Publisher
	switch {
	case pub != "" && d.Year != 0:
		fmt.Fprintf(&b, " %s, %d.", pub, d.Year)
	case pub != "":
		fmt.Fprintf(&b, " %s.", pub)
	case d.Year != 0:
		fmt.Fprintf(&b, " %d.", d.Year)
	}
	if r.Page != "" {
		fmt.Fprintf(&b, " %s.", r.Page)
	}
	if r.URL != "" {
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
// characters ("%2F", "%20") stay, so the text means what the link does. A URL
// whose escapes do not make valid UTF-8 is returned as it is. The machine formats
// (BibTeX, RIS, CSL-JSON) keep the encoded form.
func ReadableURL(u string) string {
	if !strings.Contains(u, "%") {
		return u
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if u[i] == '%' && i+2 < len(u) {
			if v, err := strconv.ParseUint(u[i+1:i+3], 16, 8); err == nil && v >= 0x80 {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(u[i])
	}
	if d := b.String(); utf8.ValidString(d) {
		return d
	}
	return u
}
