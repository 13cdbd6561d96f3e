package htmlpage

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestCharset: a page is read in the charset its HTTP header, byte order mark or a
// <meta> anywhere in its head declares; one that declares none in UTF-8 when it
// is, else in the single-byte charset its text reads best in.
func TestCharset(t *testing.T) {
	enc := func(cm *charmap.Charmap, s string) string {
		b, err := cm.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const (
		uk = "Звіт про демократичний цивільний контроль над сектором безпеки і оборони України. Громадська рада при Міністерстві оборони провела моніторинг реформи."
		ru = "Доклад о демократическом гражданском контроле над сектором безопасности. Общественный совет провёл мониторинг реформы."
		fr = "Réforme du secteur de la sécurité : l’état des lieux, février 2019. Contrôle démocratique des forces armées et de la police."
		de = "Die Reform des Sicherheitssektors in der Ukraine – ein Überblick über Gesetzgebung und parlamentarische Aufsicht für die Öffentlichkeit."
	)
	// pad pushes what follows it past the first 1024 bytes.
	pad := "<script>var settings = '" + strings.Repeat("a", 1200) + "';</script>"
	// page is a publication's page, with text and a link to its PDF named file.
	page := func(head, text, file string) string {
		return "<!DOCTYPE html><html><head><title>Library</title>" + head + "</head><body><main><p>" + text + `</p><a href="/files/` + file + `">PDF</a></main></body></html>`
	}
	const (
		ukPDF    = "https://example.org/files/%D0%97%D0%B2%D1%96%D1%82-2019.pdf"             // Звіт-2019.pdf
		ruPDF    = "https://example.org/files/%D0%94%D0%BE%D0%BA%D0%BB%D0%B0%D0%B4-2019.pdf" // Доклад-2019.pdf
		latinPDF = "https://example.org/files/R%C3%A9forme-2019.pdf"                         // Réforme-2019.pdf
	)
	ukPage := func(head string) string { return page(head, uk, "Звіт-2019.pdf") }
	for _, tt := range []struct {
		name, body, contentType string
		charset, text, pdf      string
	}{
		{"meta charset after 1024 bytes", enc(charmap.Windows1251, ukPage(pad+`<meta charset="windows-1251">`)), "text/html",
			"windows-1251", uk, ukPDF},
		{"meta http-equiv after 1024 bytes", enc(charmap.Windows1251, ukPage(pad+`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; Charset=Windows-1251">`)), "text/html",
			"windows-1251", uk, ukPDF},
		{"meta naming a charset no guess would", enc(charmap.ISO8859_5, page(pad+`<meta charset=iso-8859-5>`, ru, "Доклад-2019.pdf")), "",
			"iso-8859-5", ru, ruPDF},
		{"meta in a script declares nothing", enc(charmap.Windows1251, ukPage(`<script>document.write('<meta charset="koi8-u">')</script>`)), "text/html",
			"windows-1251", uk, ukPDF},
		{"meta naming utf-16 means utf-8", ukPage(pad + `<meta charset="utf-16le">`), "text/html", "utf-8", uk, ukPDF},
		{"header wins over meta", enc(charmap.Windows1251, ukPage(`<meta charset="utf-8">`)), "text/html; charset=windows-1251",
			"windows-1251", uk, ukPDF},
		{"byte order mark wins over meta", "\xef\xbb\xbf" + ukPage(pad+`<meta charset="windows-1251">`), "text/html",
			"utf-8", uk, ukPDF},
		{"undeclared UTF-8 after 1024 bytes of ASCII", ukPage(pad), "text/html", "utf-8", uk, ukPDF},
		{"undeclared UTF-8 with a stray byte", page(pad, uk+" \xe9 "+ru, "Звіт-2019.pdf"), "text/html", "utf-8", uk + " \ufffd " + ru, ukPDF},
		{"undeclared windows-1251, Ukrainian", enc(charmap.Windows1251, page(pad, uk+" «Що змінилося?»", "Звіт-2019.pdf")), "text/html", "windows-1251", uk + " «Що змінилося?»", ukPDF},
		{"undeclared windows-1251, Russian", enc(charmap.Windows1251, page("", ru, "Доклад-2019.pdf")), "", "windows-1251", ru, ruPDF},
		{"undeclared koi8-u, Ukrainian", enc(charmap.KOI8U, ukPage("")), "", "koi8-u", uk, ukPDF},
		{"undeclared koi8-r, Russian", enc(charmap.KOI8R, page("", ru, "Доклад-2019.pdf")), "", "koi8-u", ru, ruPDF},
		{"undeclared windows-1252, French", enc(charmap.Windows1252, page("", fr, "Réforme-2019.pdf")), "", "windows-1252", fr, latinPDF},
		{"undeclared windows-1252, German", enc(charmap.Windows1252, page("", de, "Réforme-2019.pdf")), "text/html", "windows-1252", de, latinPDF},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, name := pageCharset([]byte(tt.body), tt.contentType); name != tt.charset {
				t.Errorf("charset %s, want %s", name, tt.charset)
			}
			p, err := Parse(strings.NewReader(tt.body), tt.contentType, "https://example.org/publication/x/")
			if err != nil {
				t.Fatal(err)
			}
			if text := p.Text(); !strings.Contains(text, tt.text) {
				t.Errorf("text %q\nwant it to hold %q", text, tt.text)
			}
			if pdfs := p.Links().PDFLinks; len(pdfs) != 1 || pdfs[0] != tt.pdf {
				t.Errorf("PDFLinks %q, want %q", pdfs, tt.pdf)
			}
		})
	}
}

// TestGuessShortText: a single word or two, the least a guess has to go on.
func TestGuessShortText(t *testing.T) {
	for _, tt := range []struct {
		text string
		cm   *charmap.Charmap
		want string
	}{
		{"Звіт", charmap.Windows1251, "windows-1251"},
		{"звіт", charmap.Windows1251, "windows-1251"},
		{"Отчёт 2019", charmap.KOI8R, "koi8-u"},
		{"café", charmap.Windows1252, "windows-1252"},
		{"Straße", charmap.Windows1252, "windows-1252"},
		{"“quoted” – dash", charmap.Windows1252, "windows-1252"},
	} {
		b, err := tt.cm.NewEncoder().Bytes([]byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		if _, got := guess(b); got != tt.want {
			t.Errorf("guess(%q in %s) = %s, want %s", tt.text, tt.cm, got, tt.want)
		}
	}
}

// TestParseReadError: a body that cannot be read is an error, not a page.
func TestParseReadError(t *testing.T) {
	if _, err := Parse(errReader{}, "", "https://example.org/"); err == nil || !strings.Contains(err.Error(), "html: read") {
		t.Errorf("err %v, want a read error", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, bytes.ErrTooLarge }
