package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sampleFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(data.Sample(), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPDFSample(t *testing.T) {
	res, err := PDF(sampleFile(t, "wp-content/uploads/2019/05/parliamentary-oversight-handbook.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.PageCount != 25 || len(res.Pages) != 25 {
		t.Fatalf("pages = %d/%d, want 25", res.Meta.PageCount, len(res.Pages))
	}
	if !strings.HasPrefix(res.Meta.Title, "Parliamentary Oversight") || res.Meta.Lang != "en" || res.Meta.Date.Year() != 2019 {
		t.Errorf("meta = %+v", res.Meta)
	}
	if len(res.Meta.Authors) != 2 || res.Meta.Authors[0] != "Olena Marchenko" {
		t.Errorf("authors = %q", res.Meta.Authors)
	}
	for _, p := range res.Pages[1:] {
		if p.Status != StatusOK || p.Lang != "en" {
			t.Errorf("page %d: status %s lang %s", p.Number, p.Status, p.Lang)
		}
		// Running header and numbered footer are set apart, not in the body.
		if p.Header != "Parliamentary Oversight of the Security Sector" {
			t.Errorf("page %d: header %q", p.Number, p.Header)
		}
		if !strings.HasPrefix(p.Footer, "Centre for Security Governance Studies · ") {
			t.Errorf("page %d: footer %q", p.Number, p.Footer)
		}
		if strings.Contains(p.Text, "Centre for Security Governance Studies ·") || strings.HasPrefix(p.Text, "Parliamentary Oversight of the Security Sector\n") {
			t.Errorf("page %d: furniture left in the body", p.Number)
		}
	}
	if !strings.Contains(res.Pages[14].Text, "A closed hearing is not a secret hearing") {
		t.Errorf("page 15 text: %q", res.Pages[14].Text)
	}
	if res.Pages[0].Header != "" || res.Pages[0].Footer != "" {
		t.Errorf("cover page has furniture: %q %q", res.Pages[0].Header, res.Pages[0].Footer)
	}
}

func TestPDFUkrainian(t *testing.T) {
	res, err := PDF(sampleFile(t, "wp-content/uploads/2020/12/hender-i-sektor-bezpeky.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.Lang != "uk" {
		t.Errorf("lang = %q", res.Meta.Lang)
	}
	if !strings.Contains(res.Pages[4].Text, "Терміновий заборонний припис") {
		t.Errorf("page 5: %q", res.Pages[4].Text)
	}
	if !strings.HasPrefix(res.Pages[4].Footer, "5 · ") {
		t.Errorf("page 5 footer %q", res.Pages[4].Footer)
	}
}

func TestPDFBadFiles(t *testing.T) {
	good := sampleFile(t, "wp-content/uploads/2022/10/hromadska-dumka-2022.pdf")
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not a pdf", []byte("<html>this is not a PDF</html>")},
		{"header only", []byte("%PDF-1.7\n")},
		{"truncated", good[:len(good)/2]},
		{"encrypted", encryptedPDF(t)},
	}
	for _, tt := range tests {
		res, err := PDF(tt.data)
		if err == nil {
			// A damaged file may still yield pages, but never silently: every page
			// must say whether it was read.
			for _, p := range res.Pages {
				if p.Status == StatusOK && p.Text == "" {
					t.Errorf("%s: page %d is ok but empty", tt.name, p.Number)
				}
			}
			if len(res.Pages) == 0 {
				t.Errorf("%s: no error and no pages", tt.name)
			}
			continue
		}
		if err.Error() == "" {
			t.Errorf("%s: empty error", tt.name)
		}
	}
	if _, err := PDF(encryptedPDF(t)); err == nil {
		t.Errorf("encrypted PDF opened without its password")
	}
}

// TestPDFRealEncrypted reads a real password-protected PDF from the shared corpus.
func TestPDFRealEncrypted(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "realpdf", "pdfs", "plumber__password-example.pdf"))
	if err != nil {
		t.Skip("shared realpdf corpus not present:", err)
	}
	if _, err := PDF(b); !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
}

func encryptedPDF(t *testing.T) []byte {
	t.Helper()
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{
		PageSize: *gopdf.PageSizeA4,
		Protection: gopdf.PDFProtectionConfig{
			UseProtection: true, UserPass: []byte("user"), OwnerPass: []byte("owner"),
			Permissions: gopdf.PermissionsPrint,
		},
	})
	p.AddPage()
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHTMLPublicationPage(t *testing.T) {
	body := sampleFile(t, "uk/publication/набір-інструментів-громадського-нагляду/index.html")
	u := "https://example.org/uk/publication/%D0%BD%D0%B0%D0%B1%D1%96%D1%80-%D1%96%D0%BD%D1%81%D1%82%D1%80%D1%83%D0%BC%D0%B5%D0%BD%D1%82%D1%96%D0%B2-%D0%B3%D1%80%D0%BE%D0%BC%D0%B0%D0%B4%D1%81%D1%8C%D0%BA%D0%BE%D0%B3%D0%BE-%D0%BD%D0%B0%D0%B3%D0%BB%D1%8F%D0%B4%D1%83/"
	res, err := HTML(bytes.NewReader(body), "text/html; charset=utf-8", u)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "uk-publication.golden.json", res)
	text := res.Text()
	for _, boiler := range []string{"Flickr", "Усі права захищено", "Kvadrat", "Бібліотека з демократичного"} {
		if strings.Contains(text, boiler) {
			t.Errorf("boilerplate %q in the text", boiler)
		}
	}
}

func TestHTMLListing(t *testing.T) {
	for _, name := range []string{"publication/index.html", "publication/page/2/index.html", "index.html", "uk/index.html"} {
		res, err := HTML(bytes.NewReader(sampleFile(t, name)), "text/html", "https://example.org/"+strings.TrimSuffix(name, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Meta.Listing {
			t.Errorf("%s: not recognised as a listing", name)
		}
	}
	for _, name := range []string{"topic/parliamentary-oversight/index.html", "publication/parliamentary-oversight-handbook/index.html"} {
		res, err := HTML(bytes.NewReader(sampleFile(t, name)), "text/html", "https://example.org/"+strings.TrimSuffix(name, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if res.Meta.Listing {
			t.Errorf("%s: taken for a listing", name)
		}
	}
}

// TestDirectoryIndex: a web server's listing of a folder is a listing, though it
// links a single PDF (its files are the documents); a page that only says
// "index of" in its words is none.
func TestDirectoryIndex(t *testing.T) {
	for _, tc := range []struct {
		page    string
		listing bool
	}{
		{`<html><head><title>Index of /docs/2019</title></head><body><h1>Index of /docs/2019</h1><table><tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th></tr>` +
			`<tr><td><a href="/docs/">Parent Directory</a></td><td>&nbsp;</td><td>-</td></tr><tr><td><a href="2019_SSR_handbook_ua.pdf">2019_SSR_handbook_ua.pdf</a></td><td>2019-11-04 10:12</td><td>1.2M</td></tr></table>` +
			`<address>Apache/2.4.57 (Debian) Server at docs.example.org Port 443</address></body></html>`, true},
		{`<html><head><title>Files</title></head><body><h2>Reports</h2><pre><a href="../">../</a>` + "\n" + `<a href="[To Parent Directory]">[To Parent Directory]</a>` + "\n" +
			`<a href="report_2020.pdf">report_2020.pdf</a>   12-Mar-2021 10:01   812345</pre></body></html>`, true},
		{`<html><head><title>Security Sector Reform Handbook</title></head><body><h1>Security Sector Reform Handbook</h1><p>The handbook explains how oversight works, with an index of terms and a glossary for practitioners, trainers and students of the security sector.</p>` +
			`<p><a href="/docs/ssr_handbook.pdf">Download the handbook (PDF)</a></p></body></html>`, false},
	} {
		res, err := HTML(strings.NewReader(tc.page), "text/html", "https://docs.example.org/docs/2019/")
		if err != nil {
			t.Fatal(err)
		}
		if res.Meta.Listing != tc.listing {
			t.Errorf("listing %v, want %v: %.80s", res.Meta.Listing, tc.listing, tc.page)
		}
	}
}

// TestHTMLFrameset: a page of frames has no body: a listing of its frames,
// read without a panic.
func TestHTMLFrameset(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Archive</title></head><frameset cols="20%,80%"><frame src="menu.html"><frame src="reports.html"></frameset></html>`
	res, err := HTML(strings.NewReader(page), "text/html", "https://example.org/archive/")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Meta.Listing || !slices.Contains(res.Meta.Links, "https://example.org/archive/reports.html") {
		t.Errorf("frameset: listing %v, links %q; want a listing linking its frames", res.Meta.Listing, res.Meta.Links)
	}
}

func TestHTMLCharset(t *testing.T) {
	// windows-1251 "Контроль" declared only in a meta tag.
	page := append([]byte(`<html><head><meta charset="windows-1251"><title>t</title></head><body><main><p>`),
		0xca, 0xee, 0xed, 0xf2, 0xf0, 0xee, 0xeb, 0xfc)
	page = append(page, []byte(`</p></main></body></html>`)...)
	res, err := HTML(bytes.NewReader(page), "text/html", "https://example.org/")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text(), "Контроль") {
		t.Fatalf("text = %q", res.Text())
	}
}

func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(bytes.TrimSpace(want)) != string(got) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff.\ngot:\n%s", name, got)
	}
}

// FuzzHTML checks that any input yields one valid UTF-8 page without a panic.
func FuzzHTML(f *testing.F) {
	f.Add([]byte(`<html><head><meta charset="windows-1251"><base href="x"></head><body><article><h1><a href="/a">t</a></h1></article></body></html>`))
	f.Add([]byte(`<main><p>` + strings.Repeat("<div>", 100) + `text`))
	f.Add([]byte{0xff, 0xfe, '<', 0, 'p', 0})
	f.Fuzz(func(t *testing.T, page []byte) {
		res, err := HTML(bytes.NewReader(page), "text/html", "https://example.org/a/b/")
		if err != nil {
			return
		}
		if len(res.Pages) != 1 || !utf8.ValidString(res.Pages[0].Text) || !utf8.ValidString(res.Meta.Title) {
			t.Fatalf("bad result for %q: %+v", page, res)
		}
	})
}

// labelledPDF is a 5-page PDF whose pages are labelled i, ii, 1, 2, A-1.
func labelledPDF() []byte {
	return pdftest.Labelled([5]string{"Foreword by the editors", "Contents of the report", "Oversight starts here", "Budgets and audits", "Annex on procurement"})
}

func TestPDFPageLabels(t *testing.T) {
	// testdata/labelled.pdf is this file, kept for other packages' tests.
	path := filepath.Join("testdata", "labelled.pdf")
	if *update {
		if err := os.WriteFile(path, labelledPDF(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, labelledPDF()) {
		t.Errorf("%s is missing or stale: run go test -update", path)
	}
	res, err := PDF(labelledPDF())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range res.Pages {
		got = append(got, p.Label)
	}
	if strings.Join(got, ",") != "i,ii,1,2,A-1" {
		t.Errorf("labels = %v, want i,ii,1,2,A-1", got)
	}
	if !strings.Contains(res.Pages[2].Text, "Oversight starts here") {
		t.Errorf("page 3 text %q", res.Pages[2].Text)
	}
	// The sample PDFs have no labels.
	res, _ = PDF(sampleFile(t, "wp-content/uploads/2022/10/hromadska-dumka-2022.pdf"))
	if res.Pages[0].Label != "" {
		t.Errorf("label without /PageLabels: %q", res.Pages[0].Label)
	}
}

func TestFormatLabel(t *testing.T) {
	for _, tt := range []struct {
		style string
		n     int
		want  string
	}{{"D", 37, "37"}, {"r", 4, "iv"}, {"R", 1994, "MCMXCIV"}, {"a", 1, "a"}, {"A", 28, "BB"}, {"", 3, ""}} {
		if got := formatLabel(tt.style, tt.n); got != tt.want {
			t.Errorf("formatLabel(%q, %d) = %q, want %q", tt.style, tt.n, got, tt.want)
		}
	}
}

// TestHTMLWithoutMainElement: pages that mark no article or main element (table
// layouts, div themes) keep the paragraphs and lose the navigation column, the
// comments and the footer.
func TestHTMLWithoutMainElement(t *testing.T) {
	page := `<html><body><table><tr><td><a href="/">Home</a><br><a href="/reports">Reports archive</a><br>Last updated 2010</td>
<td><h2>Annual Report 2009</h2><p>The Inspector General reviewed forty-two complaints against the intelligence services.</p>
<p>Eleven complaints were upheld, and the data kept too long were destroyed.</p></td></tr></table>
<div id="comments"><div class="comment"><p>Buy cheap watches online at our store, best prices guaranteed here!</p></div></div>
<div class="footer">Copyright 2010 Office of the Inspector General</div></body></html>`
	res, err := HTML(strings.NewReader(page), "text/html", "https://example.org/report/")
	if err != nil {
		t.Fatal(err)
	}
	text := res.Pages[0].Text
	for _, want := range []string{"Annual Report 2009", "forty-two complaints", "Eleven complaints"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"Reports archive", "watches", "Copyright"} {
		if strings.Contains(text, bad) {
			t.Errorf("text keeps %q:\n%s", bad, text)
		}
	}
}

// TestStandardEncoding: a standard font with no /Encoding reads its codes as
// StandardEncoding, not Latin-1: typographic quotes and dashes, not Ð.
func TestStandardEncoding(t *testing.T) {
	res, err := PDF(pdftest.StandardEncoded([]pdftest.Line{{X: 72, Y: 740, Size: 11, Text: "the ``committee's'' mandate \xd0 oversight"}}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Pages[0].Text, "the ‘‘committee’s’’ mandate — oversight"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

// TestSymbolicFonts: the standard Symbol and ZapfDingbats fonts without an
// /Encoding read their codes in their own encodings: a check mark and a bullet,
// Greek letters and signs, not the Latin letters of the same codes.
func TestSymbolicFonts(t *testing.T) {
	res, err := PDF(pdftest.Symbolic("Checklist for the committee", "4l", "approved", "a\xb3b", "ratio"))
	if err != nil {
		t.Fatal(err)
	}
	text := res.Pages[0].Text
	for _, want := range []string{"✔●", "approved", "α≥β", "ratio"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
	for _, not := range []string{"4l", "a³b"} {
		if strings.Contains(text, not) {
			t.Errorf("text %q has %q: codes read as Latin", text, not)
		}
	}
}

// TestAnnotationAppearances: text that annotations show (a free-text note, a form
// field's value) is read below the body, in its place; hidden annotations are not.
func TestAnnotationAppearances(t *testing.T) {
	res, err := PDF(pdftest.Annotated("Report of the defence committee", "Reviewed by the clerk", "Draft comment"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Pages[0].Text, "Report of the defence committee\nReviewed by the clerk"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

// TestPDFMarginBands: a page number or running line in the margin is read first
// (top) or last (bottom) whatever column it lies over: on a two-column page a
// centred or outer page number under the left column used to fall between the
// columns, in the middle of a sentence running from one to the other. Lines of a
// column clear of the rest by a paragraph's space stay where they are.
func TestPDFMarginBands(t *testing.T) {
	left := []string{"The committee held closed hearings", "with the heads of the services and", "reported that the minimum standards"}
	right := []string{"of heating and sanitation were not", "met in a third of the barracks it", "visited in the year under review."}
	page := func(extra ...pdftest.Line) []pdftest.Line {
		var ls []pdftest.Line
		for i, t := range left {
			ls = append(ls, pdftest.Line{X: 72, Y: 720 - 14*float64(i), Size: 10, Text: t})
		}
		for i, t := range right {
			ls = append(ls, pdftest.Line{X: 310, Y: 720 - 14*float64(i), Size: 10, Text: t})
		}
		return append(ls, extra...)
	}
	body := strings.Join(append(append([]string{}, left...), right...), "\n")
	for _, tt := range []struct {
		name  string
		lines []pdftest.Line
		want  string
	}{
		{"page number under the left column", page(pdftest.Line{X: 200, Y: 40, Size: 9, Text: "9"}), body + "\n9"},
		{"running header over the left column", page(pdftest.Line{X: 150, Y: 800, Size: 9, Text: "Annual report 2021"}), "Annual report 2021\n" + body},
		// A paragraph of the left column below the right column's end, a
		// paragraph's space below the lines before it: still the left column's.
		{"a column's last paragraph", page(pdftest.Line{X: 72, Y: 660, Size: 10, Text: "A last short paragraph."}),
			strings.Join(left, "\n") + "\nA last short paragraph.\n" + strings.Join(right, "\n")},
		// A footer of the report's name and the page number, at either margin.
		{"a footer at both margins", page(pdftest.Line{X: 72, Y: 40, Size: 9, Text: "Annual report 2021"}, pdftest.Line{X: 515, Y: 40, Size: 9, Text: "14"}),
			body + "\nAnnual report 2021 14"},
		// A page number under the left column of a page with a full-width title.
		{"a page number on a page with a title", append([]pdftest.Line{{X: 72, Y: 800, Size: 16, Text: "Oversight of the Security Sector in Ukraine"}},
			page(pdftest.Line{X: 72, Y: 640, Size: 9, Text: "7"})...), "Oversight of the Security Sector in Ukraine\n" + body + "\n7"},
		// Both columns ending with a line a paragraph's space down: each its
		// column's.
		{"columns ending together", page(pdftest.Line{X: 72, Y: 664, Size: 10, Text: "Left column ends here now."}, pdftest.Line{X: 310, Y: 664, Size: 10, Text: "Right column ends here."}),
			strings.Join(left, "\n") + "\nLeft column ends here now.\n" + strings.Join(right, "\n") + "\nRight column ends here."},
	} {
		res, err := PDF(pdftest.Pages(tt.lines))
		if err != nil {
			t.Fatal(err)
		}
		// The header, the text and the footer, in this order (furniture is set
		// apart from the text: it is still the page's reading order).
		got := strings.Join(strings.Fields(strings.Join([]string{res.Pages[0].Header, res.Pages[0].Text, res.Pages[0].Footer}, " ")), " ")
		if want := strings.Join(strings.Fields(tt.want), " "); got != want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, want)
		}
	}
	// A table under a centred caption, its rows padded: read row by row, as
	// before there were bands.
	caption := "Table 3. Hearings of the parliamentary committee on the defence budget, 2019 to 2021"
	lines := []pdftest.Line{{X: (595 - pdftest.Width(caption, 10)) / 2, Y: 760, Size: 10, Text: caption}}
	want := caption
	for i, row := range [][2]string{{"Procurement", "closed session in March with the minister of defence"}, {"Budget hearing", "open session in April with the minister"},
		{"Intelligence", "closed session in May with the chief of staff"}, {"Border guard", "open session in June with the chief of staff"},
		{"Police reform", "open session in July with the border guard service"}, {"Ombudsman", "open session in September with the ombudsman"}} {
		y := 730 - 30*float64(i)
		lines = append(lines, pdftest.Line{X: 72, Y: y, Size: 10, Text: row[0]}, pdftest.Line{X: 250, Y: y, Size: 10, Text: row[1]})
		want += " " + row[0] + " " + row[1]
	}
	res, err := PDF(pdftest.Pages(lines))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(strings.Join([]string{res.Pages[0].Header, res.Pages[0].Text, res.Pages[0].Footer}, " ")), " "); got != want {
		t.Errorf("a table under its caption:\n got %q\nwant %q", got, want)
	}
}

// TestPDFLineNumbers: the numbers a transcript or a book prints beside its lines
// are set apart, in either margin; a table's row numbers and a contents' chapter
// numbers are kept.
func TestPDFLineNumbers(t *testing.T) {
	prose := []string{"Committees must be able to question", "the minister in public at least once", "a year, and written answers are not", "enough: the hearing is where the", "minister explains what was done and", "why, before the members and the press."}
	read := func(lines []pdftest.Line) string {
		res, err := PDF(pdftest.Pages(lines))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(res.Pages[0].Text+" "+res.Pages[0].Footer), " ")
	}
	for _, x := range []float64{40, 330} { // left margin, right margin
		var lines []pdftest.Line
		for i, l := range prose {
			y := 700 - 14*float64(i)
			lines = append(lines, pdftest.Line{X: 72, Y: y, Size: 10, Text: l}, pdftest.Line{X: x, Y: y, Size: 8, Text: strconv.Itoa(i + 1)})
		}
		// An empty line keeps its number.
		lines = append(lines, pdftest.Line{X: x, Y: 700 - 14*float64(len(prose)), Size: 8, Text: strconv.Itoa(len(prose) + 1)})
		if got, want := read(lines), strings.Join(strings.Fields(strings.Join(prose, " ")), " "); got != want {
			t.Errorf("line numbers at %.0f:\n got %q\nwant %q", x, got, want)
		}
	}
	var table, toc []pdftest.Line
	wantTable, wantTOC := "", ""
	for i, row := range []string{"Ministry of Defence", "Ministry of Internal Affairs", "Security Service", "State Border Guard Service", "National Guard", "Foreign Intelligence"} {
		y, n := 700-16*float64(i), strconv.Itoa(i+1)
		table = append(table, pdftest.Line{X: 72, Y: y, Size: 10, Text: n}, pdftest.Line{X: 110, Y: y, Size: 10, Text: row}, pdftest.Line{X: 400, Y: y, Size: 10, Text: strconv.Itoa(100 * (i + 2))})
		wantTable += " " + n + " " + row + " " + strconv.Itoa(100*(i+2))
		toc = append(toc, pdftest.Line{X: 72, Y: y, Size: 11, Text: n}, pdftest.Line{X: 100, Y: y, Size: 11, Text: row}, pdftest.Line{X: 500, Y: y, Size: 11, Text: strconv.Itoa(5 + 9*i)})
		wantTOC += " " + n + " " + row + " " + strconv.Itoa(5+9*i)
	}
	if got := read(table); got != strings.TrimSpace(wantTable) {
		t.Errorf("a table's row numbers:\n got %q\nwant %q", got, strings.TrimSpace(wantTable))
	}
	if got := read(toc); got != strings.TrimSpace(wantTOC) {
		t.Errorf("a contents' chapter numbers:\n got %q\nwant %q", got, strings.TrimSpace(wantTOC))
	}
}

// TestPDFNarrowGutters: two columns of justified text whose gutter is as wide
// as the font's size (LaTeX's default: 10 pt at 10 pt), and columns whose lines
// end with a space that reaches into the gutter (the Federal Register's), are
// read column by column, not line by line across the page.
func TestPDFNarrowGutters(t *testing.T) {
	left := []string{"The committee held closed hearings with", "the heads of the services and reported", "that the minimum standards of housing"}
	right := []string{"were not met in a third of the barracks", "it visited in the year under review and", "asked the ministry for a plan of repairs"}
	for _, tt := range []struct {
		name     string
		gutter   float64 // between the left column's widest line and the right column
		trailing string  // after each line
	}{
		{"a gutter of 0.95 em", 9.5, ""},
		{"a gutter of 0.85 em", 8.5, ""},
		{"lines ending with a space", 10, " "},
	} {
		var ls []pdftest.Line
		widest := 0.0
		for _, l := range left {
			widest = max(widest, pdftest.Width(l+tt.trailing, 10))
		}
		if tt.trailing != "" {
			widest -= pdftest.Width(tt.trailing, 10) // the gutter from the ink
		}
		for i, l := range left {
			ls = append(ls, pdftest.Line{X: 72, Y: 720 - 12*float64(i), Size: 10, Text: l + tt.trailing})
		}
		for i, l := range right {
			ls = append(ls, pdftest.Line{X: 72 + widest + tt.gutter, Y: 720 - 12*float64(i), Size: 10, Text: l + tt.trailing})
		}
		res, err := PDF(pdftest.Pages(ls))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(res.Pages[0].Text), " ")
		if want := strings.Join(strings.Fields(strings.Join(append(append([]string{}, left...), right...), " ")), " "); got != want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, want)
		}
	}
}

// TestPDFTableNotColumns: a table of labels and right-aligned numbers whose
// strip between the widest label and the widest number is under one em (0.9)
// is read row by row: the narrower gutter is for columns of running text only.
func TestPDFTableNotColumns(t *testing.T) {
	labels := []string{"Personnel costs of the armed forces", "Procurement", "Maintenance and repairs", "Housing of service members"}
	nums := [][2]string{{"1", "12"}, {"1,234,567.89", "2,345,678.90"}, {"23", "45,678"}, {"9", "8"}}
	widest, widestNum := 0.0, 0.0
	for i, l := range labels {
		widest = max(widest, pdftest.Width(l, 10))
		widestNum = max(widestNum, pdftest.Width(nums[i][0], 10))
	}
	col1 := 72 + widest + 9 + widestNum // the first number column's right edge
	col2 := col1 + 12 + widestNum
	var ls []pdftest.Line
	for i, l := range labels {
		y := 720 - 12*float64(i)
		ls = append(ls, pdftest.Line{X: 72, Y: y, Size: 10, Text: l},
			pdftest.Line{X: col1 - pdftest.Width(nums[i][0], 10), Y: y, Size: 10, Text: nums[i][0]},
			pdftest.Line{X: col2 - pdftest.Width(nums[i][1], 10), Y: y, Size: 10, Text: nums[i][1]})
	}
	res, err := PDF(pdftest.Pages(ls))
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Pages[0].Text; !strings.Contains(got, "Procurement 1,234,567.89 2,345,678.90") {
		t.Errorf("a table's rows not read as rows:\n%s", got)
	}
}

// TestPDFDisplay: the lines a page sets in its largest type, when that is larger
// than its text, are kept for the first pages (a cover's title over a project's
// name in small type); a page in one size, or with a heading hardly larger than
// its text, has none.
func TestPDFDisplay(t *testing.T) {
	cover := []pdftest.Line{
		{X: 60, Y: 780, Size: 11, Text: "Security Sector Governance under Martial Law"},
		{X: 60, Y: 765, Size: 11, Text: "Kyiv School of Public Policy"},
		{X: 60, Y: 650, Size: 22, Text: "Territorial Defence Forces"},
		{X: 60, Y: 622, Size: 22, Text: "and Civilian Control"},
		{X: 60, Y: 580, Size: 14, Text: "Andrii Melnyk"},
		{X: 60, Y: 100, Size: 11, Text: "Kyiv, December 2022"},
	}
	plain := []pdftest.Line{{X: 60, Y: 700, Size: 10, Text: "Parliamentary oversight of the security sector"}, {X: 60, Y: 686, Size: 10, Text: "in the year under review, and its committees."}}
	heading := append([]pdftest.Line{{X: 60, Y: 740, Size: 12, Text: "1. Introduction"}}, plain...)
	small := []pdftest.Line{{X: 60, Y: 700, Size: 9, Text: "The note reviews the draft law on the military ombudsman and its powers."}, {X: 60, Y: 686, Size: 9, Text: "It recommends changes to the appointment procedure and the budget."}}
	for _, tt := range []struct {
		name  string
		pages [][]pdftest.Line
		want  [][]string
	}{
		{"a cover", [][]pdftest.Line{cover, plain}, [][]string{{"Territorial Defence Forces", "and Civilian Control"}, nil}},
		{"one size", [][]pdftest.Line{plain}, [][]string{nil}},
		{"a heading hardly larger", [][]pdftest.Line{heading}, [][]string{nil}},
		// A cover whose title has most of its letters: larger than the text
		// of the document.
		{"a title of most of the cover's letters", [][]pdftest.Line{{
			{X: 60, Y: 780, Size: 12, Text: "VARTA SECURITY ANALYTICS"},
			{X: 60, Y: 650, Size: 22, Text: "Private Military and Security"},
			{X: 60, Y: 622, Size: 22, Text: "Companies: Does Ukraine Need"},
			{X: 60, Y: 594, Size: 22, Text: "Regulation"},
			{X: 60, Y: 500, Size: 13, Text: "POLICY BRIEF"},
			{X: 60, Y: 100, Size: 12, Text: "Kyiv – 2023"},
		}, plain, plain}, [][]string{{"Private Military and Security", "Companies: Does Ukraine Need", "Regulation"}, nil, nil}},
		// A cover set in one size over smaller text has no display type.
		{"a cover in one size", [][]pdftest.Line{{
			{X: 60, Y: 780, Size: 13, Text: "Ministry of Defence of Ukraine"},
			{X: 60, Y: 650, Size: 13, Text: "Information note on the draft law"},
			{X: 60, Y: 622, Size: 13, Text: "on military ombudsman"},
		}, small, small}, [][]string{nil, nil, nil}},
	} {
		res, err := PDF(pdftest.Pages(tt.pages...))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(res.Meta.Display, tt.want, slices.Equal) {
			t.Errorf("%s: display %q, want %q", tt.name, res.Meta.Display, tt.want)
		}
	}
}
