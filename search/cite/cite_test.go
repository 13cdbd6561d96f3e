package cite

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer"
)

var update = flag.Bool("update", false, "rewrite golden files")

var docs = map[string]*indexer.Document{
	"handbook": {
		ID: "89f9f6a201f059b7", Title: "Parliamentary Oversight of the Security Sector: A Handbook for Committee Members & Staff",
		Authors: []string{"Olena Marchenko", "Thomas Keller"}, Year: 2019, Date: time.Date(2019, 5, 14, 0, 0, 0, 0, time.UTC),
		Lang: "en", Type: indexer.TypeHandbook, Publisher: "Centre for Security Governance Studies",
	},
	"survey": {
		ID: "a1b2c3d4e5f60718", Title: "Громадська думка про сектор безпеки України: результати опитування 2022 року",
		Authors: []string{"Соціологічна служба Центру досліджень врядування у сфері безпеки"}, Year: 2022,
		Lang: "uk", Type: indexer.TypeSurvey, Publisher: "Центр досліджень врядування у сфері безпеки",
	},
	"page": {ID: "0011223344556677", Title: "Parliamentary oversight", Type: indexer.TypePage, Lang: "en"},
	"brief": {
		ID: "5e6f7a8b9c0d1e2f", Title: "Хто наглядає за наглядачами?", Authors: []string{"Бондар І. П.", "Jean-Pierre Dupont", "Transparency International Ukraine"},
		Year: 2021, Lang: "uk", Type: indexer.TypePolicyBrief, Publisher: "Кабінет Міністрів України",
	},
}

func TestFormatGolden(t *testing.T) {
	accessed := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for name, d := range docs {
		for _, f := range Formats {
			got, ctype, err := Format(f, Request{Doc: d, Page: "15", URL: "https://example.org/publication/" + name + "/", Accessed: accessed})
			if err != nil || ctype == "" {
				t.Fatalf("%s %s: %v", name, f, err)
			}
			if f == "csl-json" {
				var v []map[string]any
				if err := json.Unmarshal([]byte(got), &v); err != nil || len(v) != 1 {
					t.Errorf("%s: CSL-JSON does not parse: %v", name, err)
				}
			}
			path := filepath.Join("testdata", name+"."+f+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(want) != got {
				t.Errorf("%s differs from the golden file:\n%s", path, got)
			}
		}
	}
}

func TestFormatUnknown(t *testing.T) {
	if _, _, err := Format("mla", Request{Doc: docs["page"]}); !errors.Is(err, ErrFormat) {
		t.Errorf("err = %v", err)
	}
}

// TestSplit: people's names, given or family name first, split; organisations'
// names, with an acronym or an organisation's word, kept whole.
func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want person
	}{
		{"Olena Marchenko", person{Family: "Marchenko", Given: "Olena"}},
		{"Thomas Keller", person{Family: "Keller", Given: "Thomas"}},
		{"Jean-Pierre Dupont", person{Family: "Dupont", Given: "Jean-Pierre"}},
		{"Ірина Бондар", person{Family: "Бондар", Given: "Ірина"}},
		{"Ганна Шелест", person{Family: "Шелест", Given: "Ганна"}},
		{"Robert Service", person{Family: "Service", Given: "Robert"}},
		{"Olena M. Marchenko", person{Family: "Marchenko", Given: "Olena M."}},
		{"Бондар І. П.", person{Family: "Бондар", Given: "І. П."}},
		{"Бондар І.П.", person{Family: "Бондар", Given: "І. П."}},
		{"Bondar I. P.", person{Family: "Bondar", Given: "I. P."}},
		{"І. П. Бондар", person{Family: "Бондар", Given: "І. П."}},
		{"О.Марченко", person{Family: "Марченко", Given: "О."}},
		{"Marchenko, Olena", person{Family: "Marchenko", Given: "Olena"}},
		{"  Thomas   Keller ", person{Family: "Keller", Given: "Thomas"}},
		{"Кабінет Міністрів України", person{Literal: "Кабінет Міністрів України"}},
		{"UNDP Ukraine", person{Literal: "UNDP Ukraine"}},
		{"European Commission", person{Literal: "European Commission"}},
		{"Transparency International Ukraine", person{Literal: "Transparency International Ukraine"}},
		{"NATO Parliamentary Assembly", person{Literal: "NATO Parliamentary Assembly"}},
		{"Razumkov Centre", person{Literal: "Razumkov Centre"}},
		{"Верховна Рада України", person{Literal: "Верховна Рада України"}},
		{"Національний Інститут Стратегічних Досліджень", person{Literal: "Національний Інститут Стратегічних Досліджень"}},
		{"Центр Разумкова", person{Literal: "Центр Разумкова"}},
		{"Small Arms Survey", person{Literal: "Small Arms Survey"}},
		{"Chatham House", person{Literal: "Chatham House"}},
		{"Centre for Security Governance Studies", person{Literal: "Centre for Security Governance Studies"}},
		{"UNDP", person{Literal: "UNDP"}},
		{"de la Cruz", person{Literal: "de la Cruz"}},
		{"І. П.", person{Literal: "І. П."}},
		{"Marchenko, Olena, Keller", person{Literal: "Marchenko, Olena, Keller"}},
	} {
		if got := split(tc.in); got != tc.want {
			t.Errorf("split(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestInitials(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Olena Maria", "O. M."},
		{"Jean-Pierre", "J.-P."},
		{"Ірина", "І."},
		{"І. П.", "І. П."},
		{"І.П.", "І. П."},
		{"J.-P.", "J.-P."},
		{"Yu.", "Yu."},
		{"Olena M.", "O. M."},
	} {
		if got := initials(tc.in); got != tc.want {
			t.Errorf("initials(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestKinds: every type of the vocabulary and kind of web page is typed in each
// format, with the field each BibTeX entry type has for its publisher; a type of
// its own is a report with a PDF, a web page without.
func TestKinds(t *testing.T) {
	tests := []struct {
		typ           string
		pdf           bool
		bib, ris, csl string
		publisher     string
	}{
		{"handbook", false, "book", "BOOK", "book", "publisher"},
		{"toolkit", false, "book", "BOOK", "book", "publisher"},
		{"training-manual", false, "book", "BOOK", "book", "publisher"},
		{"guide", false, "book", "BOOK", "book", "publisher"},
		{"book", false, "book", "BOOK", "book", "publisher"},
		{"conference-proceedings", false, "proceedings", "CONF", "book", "publisher"},
		{"policy-paper", false, "techreport", "RPRT", "report", "institution"},
		{"policy-brief", false, "techreport", "RPRT", "report", "institution"},
		{"report", false, "techreport", "RPRT", "report", "institution"},
		{"annual-report", false, "techreport", "RPRT", "report", "institution"},
		{"survey", false, "techreport", "RPRT", "report", "institution"},
		{"study", false, "techreport", "RPRT", "report", "institution"},
		{"working-paper", false, "techreport", "RPRT", "report", "institution"},
		{"publication", true, "techreport", "RPRT", "report", "institution"},
		{"newsletter", false, "booklet", "PAMP", "pamphlet", "howpublished"},
		{"factsheet", false, "booklet", "PAMP", "pamphlet", "howpublished"},
		{"commentary", false, "misc", "GEN", "article", "howpublished"},
		{"page", false, "misc", "ELEC", "webpage", "howpublished"},
		{"event", false, "misc", "ELEC", "webpage", "howpublished"},
		{"position statement", true, "techreport", "RPRT", "report", "institution"},
		{"position statement", false, "misc", "ELEC", "webpage", "howpublished"},
	}
	tested := map[string]bool{}
	for _, tc := range tests {
		tested[tc.typ] = true
		d := &indexer.Document{ID: "t", Title: "T", Type: tc.typ, Year: 2020, Publisher: "DCAF"}
		if tc.pdf {
			d.PDFURL = "https://example.org/t.pdf"
		}
		bib := format(t, "bibtex", Request{Doc: d})
		if !strings.HasPrefix(bib, "@"+tc.bib+"{") || !strings.Contains(bib, "  "+tc.publisher+" = {DCAF},") {
			t.Errorf("%s (PDF %v): BibTeX %s, want @%s with %s", tc.typ, tc.pdf, bib, tc.bib, tc.publisher)
		}
		if ris := format(t, "ris", Request{Doc: d}); !strings.HasPrefix(ris, "TY  - "+tc.ris+"\n") {
			t.Errorf("%s (PDF %v): RIS %s, want %s", tc.typ, tc.pdf, ris, tc.ris)
		}
		var v []struct{ Type string }
		if err := json.Unmarshal([]byte(format(t, "csl-json", Request{Doc: d})), &v); err != nil || len(v) != 1 || v[0].Type != tc.csl {
			t.Errorf("%s (PDF %v): CSL type %+v %v, want %s", tc.typ, tc.pdf, v, err, tc.csl)
		}
	}
	for _, ty := range vocab.Types {
		if !tested[ty.Key] {
			t.Errorf("vocabulary type %q not tested", ty.Key)
		}
	}
}

func format(t *testing.T, f string, r Request) string {
	t.Helper()
	s, _, err := Format(f, r)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTextStyles: APA and Chicago add no full stop to a name or title that ends
// with one, "?" or "!"; APA puts the title first without an author; Chicago gives
// an undated online source's access date.
func TestTextStyles(t *testing.T) {
	accessed := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	guards := &indexer.Document{ID: "q", Title: "Who Guards the Guards?", Authors: []string{"O. Marchenko"}, Year: 2019, Type: indexer.TypeReport, Publisher: "DCAF"}
	page := &indexer.Document{ID: "p", Title: "Parliamentary oversight", Type: indexer.TypePage}
	for _, tc := range []struct {
		name, format string
		r            Request
		want         string
	}{
		{"initial and question", "apa", Request{Doc: guards}, "Marchenko, O. (2019). Who Guards the Guards? DCAF.\n"},
		{"initial and question", "chicago", Request{Doc: guards}, "Marchenko, O. Who Guards the Guards? DCAF, 2019.\n"},
		{"exclamation", "apa", Request{Doc: &indexer.Document{Title: "Reform now!", Authors: []string{"Olena Marchenko"}, Year: 2020}}, "Marchenko, O. (2020). Reform now!\n"},
		{"family name first", "apa", Request{Doc: &indexer.Document{Title: "Т", Authors: []string{"Бондар І. П."}, Year: 2021}}, "Бондар, І. П. (2021). Т.\n"},
		{"family name first", "chicago", Request{Doc: &indexer.Document{Title: "Т", Authors: []string{"Бондар І. П.", "Ганна Шелест"}, Year: 2021}}, "Бондар, І. П., and Ганна Шелест. Т. 2021.\n"},
		{"hyphenated", "apa", Request{Doc: &indexer.Document{Title: "T", Authors: []string{"Jean-Pierre Dupont"}, Year: 2021}}, "Dupont, J.-P. (2021). T.\n"},
		{"organisation", "apa", Request{Doc: &indexer.Document{Title: "T", Authors: []string{"Кабінет Міністрів України"}, Year: 2021}}, "Кабінет Міністрів України. (2021). T.\n"},
		{"no author", "apa", Request{Doc: page, URL: "https://example.org/p"}, "Parliamentary oversight. (n.d.). https://example.org/p\n"},
		{"no author, dated", "apa", Request{Doc: &indexer.Document{Title: "Oversight?", Year: 2021, Publisher: "DCAF"}}, "Oversight? (2021). DCAF.\n"},
		{"undated online", "chicago", Request{Doc: page, URL: "https://example.org/p", Accessed: accessed}, "Parliamentary oversight. Accessed November 23, 2026. https://example.org/p.\n"},
		{"dated online", "chicago", Request{Doc: guards, URL: "https://example.org/q", Accessed: accessed}, "Marchenko, O. Who Guards the Guards? DCAF, 2019. https://example.org/q.\n"},
		{"undated offline", "chicago", Request{Doc: page, Accessed: accessed}, "Parliamentary oversight.\n"},
	} {
		if got := format(t, tc.format, tc.r); got != tc.want {
			t.Errorf("%s, %s: %q, want %q", tc.name, tc.format, got, tc.want)
		}
	}
}

// TestBibTeX: keys are ASCII, with no "n.d."; special characters are escaped.
func TestBibTeX(t *testing.T) {
	for _, tc := range []struct {
		authors []string
		year    int
		want    string
	}{
		{[]string{"Olena Marchenko"}, 2019, "marchenko2019"},
		{[]string{"Ірина Бондар"}, 2022, "bondar2022"},
		{[]string{"Щербак Й. Ю."}, 2022, "shcherbak2022"},
		{[]string{"Олексій Чорнобай", "Ганна Шелест"}, 2021, "chornobai2021"},
		{[]string{"Jürgen Müller"}, 2018, "muller2018"},
		{[]string{"Olena Marchenko"}, 0, "marchenko"},
		{[]string{"UNDP Ukraine"}, 2020, "ssgk1"},
		{nil, 2020, "ssgk1"},
	} {
		d := &indexer.Document{ID: "k1", Title: "T", Authors: tc.authors, Year: tc.year, Type: indexer.TypeReport}
		if got := BibKey(d); got != tc.want {
			t.Errorf("BibKey(%v, %d) = %q, want %q", tc.authors, tc.year, got, tc.want)
		}
		if b := format(t, "bibtex", Request{Doc: d}); !strings.HasPrefix(b, "@techreport{"+tc.want+",\n") {
			t.Errorf("BibTeX of %v, %d: %s", tc.authors, tc.year, b)
		}
	}
	d := &indexer.Document{ID: "e", Title: "Budget ~5% up: x^2 & {more}_1", Type: indexer.TypeReport}
	if b, want := format(t, "bibtex", Request{Doc: d, Key: "given"}), "@techreport{given,\n  title = {{Budget \\textasciitilde{}5\\% up: x\\textasciicircum{}2 \\& \\{more\\}\\_1}},\n}\n"; b != want {
		t.Errorf("BibTeX:\n%s\nwant\n%s", b, want)
	}
}

// TestAccessDate: the machine formats give an access date with a URL only.
func TestAccessDate(t *testing.T) {
	d := &indexer.Document{ID: "imp", Title: "Imported", Type: indexer.TypeReport, Year: 2020, SourceURL: "file:///srv/x.pdf"}
	accessed := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for _, url := range []string{"", "https://example.org/x.pdf"} {
		for f, tag := range map[string]string{"bibtex": "urldate = {2026-11-23}", "ris": "Y2  - 2026/11/23", "csl-json": `"accessed"`} {
			if got := format(t, f, Request{Doc: d, URL: url, Accessed: accessed}); strings.Contains(got, tag) != (url != "") {
				t.Errorf("%s with URL %q: access date %v:\n%s", f, url, !strings.Contains(got, tag), got)
			}
		}
	}
}

func TestReadableURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://ssg-sample.example/uk/publication/%D0%B3%D1%80%D0%BE%D0%BC%D0%B0%D0%B4%D0%B0/", "https://ssg-sample.example/uk/publication/громада/"},
		{"https://example.org/a%20b%2Fc?q=%D0%B0", "https://example.org/a%20b%2Fc?q=а"}, // ASCII escapes stay
		{"https://example.org/%D0", "https://example.org/%D0"},                          // half a letter: as it is
		{"https://example.org/%FF%FE", "https://example.org/%FF%FE"},                    // not UTF-8
		{"https://example.org/plain", "https://example.org/plain"},
		{"https://example.org/%", "https://example.org/%"},
		{"https://example.org/%d0%b0", "https://example.org/а"},
		// what shows nothing or reorders what follows stays encoded, or is encoded
		{"https://example.org/a%E2%80%AEfdp.exe", "https://example.org/a%E2%80%AEfdp.exe"},
		{"https://example.org/%D0%B0%E2%80%8B%D0%B1", "https://example.org/а%E2%80%8Bб"},
		{"https://example.org/%E2%80%8F%E2%81%A6%EF%BB%BF%C2%AD%C2%A0%E3%85%A4", "https://example.org/%E2%80%8F%E2%81%A6%EF%BB%BF%C2%AD%C2%A0%E3%85%A4"},
		{"https://example.org/%C2%85%EE%80%80", "https://example.org/%C2%85%EE%80%80"}, // a C1 control, a private-use character
		{"https://example.org/a\u202Eb\u200Bc", "https://example.org/a%E2%80%AEb%E2%80%8Bc"},
		{"https://example.org/\u202E%FF", "https://example.org/%E2%80%AE%FF"},
		{"https://example.org/%D0%B5%CC%81", "https://example.org/е́"}, // a stress mark shows
	} {
		if got := ReadableURL(tc.in); got != tc.want {
			t.Errorf("ReadableURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestReadableURLInCitations: the text styles print a Ukrainian address as people
// read it; the machine formats keep it encoded.
func TestReadableURLInCitations(t *testing.T) {
	const u = "https://example.org/uk/publication/%D0%BE%D0%BF%D0%B8%D1%82%D1%83%D0%B2%D0%B0%D0%BD%D0%BD%D1%8F/"
	for _, f := range Formats {
		got, _, err := Format(f, Request{Doc: docs["survey"], URL: u})
		if err != nil {
			t.Fatal(err)
		}
		readable := f == "apa" || f == "chicago"
		if has := strings.Contains(got, "/publication/опитування/"); has != readable {
			t.Errorf("%s: readable address %v, want %v:\n%s", f, has, readable, got)
		}
	}
}

// TestAccessed: a citation's access date is the index's last reading of the
// document, or, once the publisher has removed it, when it was last seen there.
func TestAccessed(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 6, d, 0, 0, 0, 0, time.UTC) }
	live := &indexer.Document{FetchedAt: day(1), IndexedAt: day(20)}
	gone := &indexer.Document{FetchedAt: day(1), LastSeen: day(10), Removed: day(12), IndexedAt: day(20)}
	goneUnseen := &indexer.Document{FetchedAt: day(1), Removed: day(12), IndexedAt: day(20)}
	for _, tt := range []struct {
		d    *indexer.Document
		want time.Time
	}{{live, day(20)}, {gone, day(10)}, {goneUnseen, day(1)}} {
		if got := Accessed(tt.d); !got.Equal(tt.want) {
			t.Errorf("Accessed = %s, want %s", got, tt.want)
		}
	}
}
