package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestJoinLines(t *testing.T) {
	compounds := map[string]bool{"cross-border": true}
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{"democratic govern-", "ance of the sector"}, "democratic governance of the sector"},
		{[]string{"контроль над розвід-", "кою"}, "контроль над розвідкою"},
		{[]string{"a cross-", "border operation"}, "a cross-border operation"},
		{[]string{"the Ministry of Defence -", "not the parliament"}, "the Ministry of Defence -\nnot the parliament"},
		{[]string{"pages 12-", "15 of the report"}, "pages 12-\n15 of the report"},
		{[]string{"North Atlantic Treaty-", "Organization"}, "North Atlantic Treaty-\nOrganization"},
		{[]string{"one line"}, "one line"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got, _ := joinLines(tt.lines, compounds); got != tt.want {
			t.Errorf("joinLines(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}

func TestPageNumberLike(t *testing.T) {
	for l, want := range map[string]bool{
		"12": true, "- 12 -": true, "Page 3": true, "page 3 of 40": true, "стор. 7": true,
		"7 з 20": true, "xiv": true, "IV": true, "12/40": true,
		"2019":      true, // a lone number at a page edge is treated as furniture
		"Chapter 2": false, "Introduction": false, "123456": false, "": false, "mix": false,
		"Civil": false, "dim": false, "mcmxc": false,
	} {
		if got := pageNumberLike(l); got != want {
			t.Errorf("pageNumberLike(%q) = %v, want %v", l, got, want)
		}
	}
}

func TestStripFurniture(t *testing.T) {
	var pages [][]string
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"}
	for i := 1; i <= 6; i++ {
		n := string(rune('0' + i))
		w := words[i-1]
		pages = append(pages, []string{"Annual Report 2021", "Body line one about " + w, w + " continues here", "Centre for Studies · " + n})
	}
	body, headers, footers := stripFurniture(pages)
	for i := range pages {
		if len(body[i]) != 2 || !strings.HasPrefix(body[i][0], "Body line one") {
			t.Errorf("page %d body = %q", i+1, body[i])
		}
		if headers[i] != "Annual Report 2021" || !strings.HasPrefix(footers[i], "Centre for Studies · ") {
			t.Errorf("page %d header %q footer %q", i+1, headers[i], footers[i])
		}
	}
	// With two pages nothing repeats often enough to be called furniture.
	body, headers, _ = stripFurniture(pages[:2])
	if headers[0] != "" || len(body[0]) != 4 {
		t.Errorf("two pages: header %q body %q", headers[0], body[0])
	}
	// A heading of the same shape whose number follows no page's ("Article 5"
	// on one page, "Article 9" on the next) is text; a running header whose
	// number is the page's ("Chapter 3 · 12") is not.
	pages = nil
	for i, article := range []int{1, 3, 4, 8, 9, 12} {
		pages = append(pages, []string{"Article " + strconv.Itoa(article), words[i] + " is a word of the body", "Convention · " + strconv.Itoa(i+11)})
	}
	body, headers, footers = stripFurniture(pages)
	for i := range pages {
		if headers[i] != "" || len(body[i]) != 2 || !strings.HasPrefix(footers[i], "Convention · ") {
			t.Errorf("page %d: header %q body %q footer %q", i+1, headers[i], body[i], footers[i])
		}
	}
	// A repeated line without a number is furniture whatever its signs (a
	// hashtag); a scanner's stamp on every page of a scan too, which leaves its
	// pages empty for OCR.
	pages = nil
	for i := range 6 {
		pages = append(pages, []string{words[i] + " starts the body", "and goes on " + words[i], "#ReformUkraine"})
	}
	if _, _, footers = stripFurniture(pages); footers[2] != "#ReformUkraine" {
		t.Errorf("a hashtag footer: %q", footers[2])
	}
	pages = [][]string{{"Downloaded from the library"}, {"Downloaded from the library"}, {"Downloaded from the library"}, {"Downloaded from the library"}}
	if body, _, _ = stripFurniture(pages); len(body[1]) != 0 {
		t.Errorf("a scan's stamp: body %q", body[1])
	}
}

func TestCleanLine(t *testing.T) {
	for in, want := range map[string]string{
		"  a \t b  ":            "a b",
		"soft\u00adhyphen":      "softhyphen",
		"a broken gover\u00ad":  "a broken gover-",
		"a broken gover\u2010 ": "a broken gover-",
		"zero\u200bwidth":       "zerowidth",
		"non\u00a0breaking":     "non breaking",
		"e\u0301":               "é",
	} {
		if got := cleanLine(in); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSoftHyphenLineBreak: a word Chromium broke at a soft hyphen is whole again.
func TestSoftHyphenLineBreak(t *testing.T) {
	lines, st := cleanLines([]string{"the demo\u00adcratic gover\u00ad", "nance of the sector", "cross\u2010", "border work"})
	got, joined := joinLines(lines, map[string]bool{"cross-border": true})
	if want := "the democratic governance of the sector\ncross-border work"; got != want || !joined {
		t.Errorf("joined %q (%v), want %q", got, joined, want)
	}
	if st != stepInvisible {
		t.Errorf("cleanup steps %v, want %v", st.names(), steps(stepInvisible).names())
	}
}

func TestDetectLang(t *testing.T) {
	for text, want := range map[string]string{
		"Parliamentary oversight of the security sector":   "en",
		"Парламентський контроль над сектором безпеки":     "uk",
		"Парламентский контроль над сектором безопасности": "ru",
		"Збройні сили та її підрозділи":                    "uk",
		"Это объём работы, съезд":                          "ru",
		"Контроль и надзор, что это":                       "ru",
		"Контроль та нагляд, що це":                        "uk",
		// Short queries without a distinguishing letter: endings, then the dictionary.
		"Реформа полиции":     "ru",
		"Надзор за разведкой": "ru",
		"Антикоррупция":       "ru",
		"оборонний бюджет":    "uk",
		"Оборонные закупки":   "ru",
		"права людини":        "uk",
		"закупки вооружения":  "ru",
		"12 34":               "",
		"":                    "",
	} {
		if got := DetectLang(text); got != want {
			t.Errorf("DetectLang(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestSuspect(t *testing.T) {
	english := strings.Repeat("The committee may ask the minister to explain the budget of the armed forces. ", 5)
	ukrainian := strings.Repeat("Комітет може запитати міністра про бюджет збройних сил та його виконання. ", 5)
	tests := []struct {
		text, lang, want string
	}{
		{english, "en", ""},
		{ukrainian, "uk", ""},
		{strings.Repeat("Thecommitteemayasktheministertoexplainthebudget ", 20), "en", "words run together"},
		{strings.Repeat("Text \uFFFD\uFFFD\uFFFD broken ", 20), "en", "undecodable characters"},
		{strings.Repeat("Qxv zzkt plorb vremt skaal ", 20), "en", "few common words"},
		{"Short title", "en", ""},
		{"", "en", ""},
	}
	for _, tt := range tests {
		if got := Suspect(tt.text, tt.lang); got != tt.want {
			t.Errorf("Suspect(%.40q, %s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

// TestRefurnish: a page recognised alone (OCR) keeps its running header in its text
// until the whole document is looked at again.
func TestRefurnish(t *testing.T) {
	res := &Result{}
	bodies := []string{"Oversight begins with the budget.\nCommittees read it.", "Audits follow the money.", "", "Ombuds institutions hear complaints.\nThey report yearly."}
	for i := 1; i <= 4; i++ {
		p := Page{Number: i, Status: StatusOK, Header: "Security Sector Reform Handbook", Text: bodies[i-1], Footer: fmt.Sprint(i),
			Cleanup: []string{CleanHeader, CleanFooter}}
		res.Pages = append(res.Pages, p)
	}
	res.Pages[2] = Page{Number: 3, Status: StatusOK, Text: "Security Sector Reform Handbook\nRecognised text of page three.\n3", Cleanup: []string{CleanFooter, CleanHyphenation}}
	Refurnish(res)
	p := res.Pages[2]
	if p.Header != "Security Sector Reform Handbook" || p.Text != "Recognised text of page three." || p.Footer != "3" {
		t.Errorf("page 3 after Refurnish: %+v", p)
	}
	if !slices.Equal(p.Cleanup, []string{CleanHeader, CleanFooter, CleanHyphenation}) {
		t.Errorf("cleanup %v", p.Cleanup)
	}
	if q := res.Pages[0]; q.Text != bodies[0] || q.Header == "" {
		t.Errorf("page 1 changed: %+v", q)
	}
}
