package indexer_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/signintech/gopdf"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
)

// coverPDF is a PDF whose first page shows the cover lines, with info made in
// created (a date no stamp marks).
func coverPDF(t *testing.T, title string, created time.Time, cover ...string) []byte {
	t.Helper()
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "Adobe InDesign 16.0", Producer: "Adobe PDF Library 15.0", CreationDate: created})
	if err := pdf.AddTTFFont("sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); err != nil {
		t.Skip("DejaVu fonts:", err)
	}
	pdf.AddPage()
	if err := pdf.SetFont("sans", "", 14); err != nil {
		t.Fatal(err)
	}
	for i, l := range cover {
		pdf.SetXY(60, 120+float64(i)*30)
		if err := pdf.Cell(nil, l); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// siteFile is a file of a site, as the crawler stores it.
type siteFile struct {
	url, ct string
	body    []byte
}

// buildSite stores the files (fetched in January 2026) and builds an index of them.
func buildSite(t *testing.T, files ...siteFile) *indexer.Index {
	t.Helper()
	dir := t.TempDir()
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, err := store.Put(corpus.Entry{URL: f.url, ContentType: f.ct, FetchedAt: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)}, f.body); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := indexer.BuildAll(context.Background(), store, ix, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestPostedPageAndItsPDF: a page whose only date is when it was posted (a CMS's
// post date) dates its publication by the PDF when the PDF's year is two or more
// years earlier (an old report put online); a year apart, the page's date stands
// (a report printed in December, presented in January).
func TestPostedPageAndItsPDF(t *testing.T) {
	page := func(title, posted, pdf string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>` + title + `</title><meta property="og:type" content="article"><meta property="article:published_time" content="` + posted + `T09:00:00+00:00"></head>` +
			`<body><main><article><h1>` + title + `</h1><div class="entry-meta">Posted on <time datetime="` + posted + `">` + posted + `</time></div>` +
			`<p>A paragraph long enough to be the summary of the publication, which the page presents to its readers with a link.</p>` +
			`<p><a href="` + pdf + `">Download the PDF</a></p></article></main></body></html>`)
	}
	for _, tt := range []struct {
		name, posted string
		cover        []string
		created      time.Time
		want         int
	}{
		{"an old report put online", "2023-05-10", []string{"Parliamentary Oversight of Defence Procurement", "© DCAF 2017"}, time.Date(2017, 3, 2, 0, 0, 0, 0, time.UTC), 2017},
		{"a year's lag", "2021-03-03", []string{"Defence Procurement through Business Eyes", "Kyiv 2020"}, time.Date(2020, 12, 21, 0, 0, 0, 0, time.UTC), 2021},
		{"a year the title names", "2023-05-10", []string{"Police Reform in Ukraine since 2014 and What Comes Next"}, time.Time{}, 2023},
	} {
		t.Run(tt.name, func(t *testing.T) {
			const pageURL, pdfURL = "https://example.org/2023/05/report/", "https://example.org/wp-content/uploads/report.pdf"
			ix := buildSite(t,
				siteFile{pageURL, corpus.TypeHTML, page(tt.cover[0], tt.posted, pdfURL)},
				siteFile{pdfURL, corpus.TypePDF, coverPDF(t, tt.cover[0], tt.created, tt.cover...)},
			)
			q := query.NewTermQuery(indexer.KindDoc)
			q.SetField(indexer.FieldKind)
			res, err := ix.Bleve().Search(bleve.NewSearchRequestOptions(q, 10, 0, false))
			if err != nil || len(res.Hits) != 1 {
				t.Fatalf("documents: %v, %v", res, err)
			}
			d, err := ix.Get(res.Hits[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if d.Year != tt.want || d.PDFSourceURL != pdfURL {
				t.Errorf("year %d (from %q), PDF %q; want %d", d.Year, d.Provenance["date"], d.PDFSourceURL, tt.want)
			}
		})
	}
}

// TestPublicationPageOwnsItsPDF: of two pages that link a PDF, the one that
// presents it (its heading the PDF's title, its type said) owns it, not an
// announcement whose heading holds the title among other words, whatever the
// order of their addresses.
func TestPublicationPageOwnsItsPDF(t *testing.T) {
	const (
		pdfURL = "https://example.org/wp-content/uploads/2019/11/ombuds-handbook.pdf"
		pubURL = "https://example.org/publications/ombuds-handbook/"
		annURL = "https://example.org/2024/02/05/presentation-ombuds-handbook/"
	)
	page := func(h1, extra string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>` + h1 + `</title></head><body><main><article><h1>` + h1 + `</h1>` + extra +
			`<p>A paragraph long enough to be read as the page's own text, about ombuds institutions and the armed forces.</p>` +
			`<p><a href="` + pdfURL + `">Download the handbook (PDF)</a></p></article></main></body></html>`)
	}
	ix := buildSite(t,
		siteFile{annURL, corpus.TypeHTML, page("Presentation: Ombuds Institutions and the Armed Forces", `<p>The handbook was presented in Kyiv on 5 February 2024.</p>`)},
		siteFile{pubURL, corpus.TypeHTML, page("Ombuds Institutions and the Armed Forces", `<p>Type: Handbook</p>`)},
		siteFile{pdfURL, corpus.TypePDF, coverPDF(t, "Ombuds Institutions and the Armed Forces", time.Date(2019, 11, 1, 0, 0, 0, 0, time.UTC), "Ombuds Institutions and the Armed Forces")},
	)
	d, err := ix.Get(indexer.DocumentID(pubURL))
	if err != nil || d.PDFSourceURL != pdfURL || d.Type != "handbook" {
		t.Errorf("the publication page: %+v, %v; want it to own the PDF", d, err)
	}
	if a, err := ix.Get(indexer.DocumentID(annURL)); err != nil || a.PDFSourceURL != "" {
		t.Errorf("the announcement: PDF %q, %v; want none", a.PDFSourceURL, err)
	}
}

// TestDeclaredPDFAmongDownloads: of a record page's download links, the file its
// citation_pdf_url names is its PDF, though the links add a query the
// metadata's address lacks ("?download=1") and another file is listed first.
func TestDeclaredPDFAmongDownloads(t *testing.T) {
	const (
		pageURL = "https://example.org/records/41"
		final   = "https://example.org/records/41/files/report_final.pdf?download=1"
		annex   = "https://example.org/records/41/files/report_annex.pdf?download=1"
	)
	html := `<!DOCTYPE html><html lang="en"><head><title>Security of the Black Sea Region</title>
<meta name="citation_title" content="Security of the Black Sea Region"><meta name="citation_pdf_url" content="https://example.org/records/41/files/report_final.pdf"></head>
<body><main><h1>Security of the Black Sea Region</h1><p>A paragraph long enough to be read as the page's own text, about the security of the Black Sea region.</p>
<table><tr><td><a href="` + annex + `">report_annex.pdf</a></td><td><a class="button" href="` + annex + `">Download</a></td></tr>
<tr><td><a href="` + final + `">report_final.pdf</a></td><td><a class="button" href="` + final + `">Download</a></td></tr></table></main></body></html>`
	ix := buildSite(t,
		siteFile{pageURL, corpus.TypeHTML, []byte(html)},
		siteFile{final, corpus.TypePDF, coverPDF(t, "Security of the Black Sea Region", time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), "Security of the Black Sea Region")},
		siteFile{annex, corpus.TypePDF, coverPDF(t, "Annex", time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), "Annex", "Security of the Black Sea Region")},
	)
	if d, err := ix.Get(indexer.DocumentID(pageURL)); err != nil || d.PDFSourceURL != final {
		t.Errorf("the record's PDF: %q, %v; want %q", d.PDFSourceURL, err, final)
	}
}

// TestYearFromPageAddress: a page with no date and an undated PDF whose address
// has no year takes the year its own address names ("/2019/05/slug/").
func TestYearFromPageAddress(t *testing.T) {
	const pageURL, pdfURL = "https://example.org/2019/05/police-reform-scorecard/", "https://example.org/files/police-reform-scorecard.pdf"
	html := `<!DOCTYPE html><html lang="en"><head><title>Police Reform Scorecard</title></head><body><main><article><h1>Police Reform Scorecard</h1>` +
		`<p>A paragraph long enough to be read as the page's own text, about the reform of the police and its oversight.</p>` +
		`<p><a href="/files/police-reform-scorecard.pdf">Download the scorecard (PDF)</a></p></article></main></body></html>`
	ix := buildSite(t,
		siteFile{pageURL, corpus.TypeHTML, []byte(html)},
		siteFile{pdfURL, corpus.TypePDF, coverPDF(t, "", time.Time{}, "Police Reform Scorecard")},
	)
	d, err := ix.Get(indexer.DocumentID(pageURL))
	if err != nil || d.PDFSourceURL != pdfURL || d.Year != 2019 {
		t.Errorf("year %d (from %q), PDF %q, %v; want 2019 from the page's address", d.Year, d.Provenance["date"], d.PDFSourceURL, err)
	}
	// A year among a slug's words is the subject's, no date of the page's.
	const slugURL, slugPDF = "https://example.org/publication/lessons-from-2014/", "https://example.org/files/lessons.pdf"
	ix = buildSite(t,
		siteFile{slugURL, corpus.TypeHTML, []byte(strings.ReplaceAll(html, "police-reform-scorecard.pdf", "lessons.pdf"))},
		siteFile{slugPDF, corpus.TypePDF, coverPDF(t, "", time.Time{}, "Lessons")},
	)
	if d, err := ix.Get(indexer.DocumentID(slugURL)); err != nil || d.Year != 0 {
		t.Errorf("year %d (from %q), %v; want none from a slug's words", d.Year, d.Provenance["date"], err)
	}
}

// TestTitleNarrowsDeclaredType: a record that declares a "Report" whose title
// names an annual report is an annual report.
func TestTitleNarrowsDeclaredType(t *testing.T) {
	const pageURL, pdfURL = "https://example.org/documents/412345", "https://example.org/files/412345.pdf"
	html := `<!DOCTYPE html><html lang="en"><head><title>Annual Report on Police-Related Activities in 2018</title></head><body><main><article><h1>Annual Report on Police-Related Activities in 2018</h1>` +
		`<dl><dt>Document type</dt><dd>Report</dd><dt>Date</dt><dd>30 January 2019</dd></dl>` +
		`<p>A paragraph long enough to be read as the page's own text, about the police-related activities of the year.</p>` +
		`<p><a href="/files/412345.pdf">Annual Report on Police-Related Activities in 2018 (PDF)</a></p></article></main></body></html>`
	ix := buildSite(t,
		siteFile{pageURL, corpus.TypeHTML, []byte(html)},
		siteFile{pdfURL, corpus.TypePDF, coverPDF(t, "", time.Time{}, "Annual Report on Police-Related Activities in 2018")},
	)
	d, err := ix.Get(indexer.DocumentID(pageURL))
	if err != nil || d.Type != "annual-report" {
		t.Errorf("type %q (from %q), %v; want annual-report", d.Type, d.Provenance["type"], err)
	}
}

// TestNewsItemPresentsNoPublication: a news item whose headline is about more than
// the PDF it links (its presentation somewhere) presents no publication: the PDF
// is a document of its own, titled and dated by itself; a news item whose headline
// is the PDF's title (a subtitle aside), or whose PDF names no title, presents it.
func TestNewsItemPresentsNoPublication(t *testing.T) {
	const newsURL, pdfURL = "https://example.org/news/new-toolkit-on-police-integrity/", "https://example.org/wp-content/uploads/2020/03/police-integrity-toolkit.pdf"
	news := func(headline string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>` + headline + `</title><meta property="article:published_time" content="2023-11-02T08:00:00+00:00"></head>` +
			`<body><main><article><h1>` + headline + `</h1><p><time datetime="2023-11-02">2 November 2023</time></p>` +
			`<p>Police officers and civil society activists met to discuss the toolkit, first published in 2020, and how it can support the reform of the police.</p>` +
			`<p><a href="/wp-content/uploads/2020/03/police-integrity-toolkit.pdf">Download the toolkit</a></p></article></main></body></html>`)
	}
	pdf := coverPDF(t, "Police Integrity Toolkit", time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC), "Police Integrity Toolkit", "Kyiv 2020")
	ix := buildSite(t, siteFile{newsURL, corpus.TypeHTML, news("New toolkit on police integrity presented in Odesa")}, siteFile{pdfURL, corpus.TypePDF, pdf})
	d, err := ix.Get(indexer.DocumentID(pdfURL))
	if err != nil || d.Title != "Police Integrity Toolkit" || d.Year != 2020 || d.Type != "toolkit" {
		t.Errorf("the PDF a news item links: %+v, %v; want its own title, year and type", d, err)
	}
	if n, err := ix.Get(indexer.DocumentID(newsURL)); err != nil || n.Type != indexer.TypePage || n.PDFSourceURL != "" {
		t.Errorf("the news item: %+v, %v; want a page", n, err)
	}
	for _, tt := range []struct {
		name, headline string
		pdf            []byte
	}{
		{"titled as its PDF", "Police Integrity Toolkit", pdf},
		{"titled as its PDF, with a subtitle", "Police Integrity Toolkit: A Guide for Trainers in the Regions", pdf},
		{"linking a PDF that names no title", "Парламентський контроль над сектором безпеки", coverPDF(t, "", time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC), "УДК 351.74", "Київ 2020")},
	} {
		ix = buildSite(t, siteFile{newsURL, corpus.TypeHTML, news(tt.headline)}, siteFile{pdfURL, corpus.TypePDF, tt.pdf})
		if n, err := ix.Get(indexer.DocumentID(newsURL)); err != nil || n.PDFSourceURL != pdfURL {
			t.Errorf("a news item %s: %+v, %v; want it to present the PDF", tt.name, n, err)
		}
	}
}

// TestPublisherFromSite: nothing but the site names the publisher: its own
// organisation is; a PDF's imprint, where it names one, wins.
func TestPublisherFromSite(t *testing.T) {
	const pageURL, pdfURL = "https://cdr.example.org/resources/security-service-reform/", "https://cdr.example.org/files/ssu-reform.pdf"
	html := []byte(`<!DOCTYPE html><html lang="en"><head><title>Reforming the Security Service | Centre for Defence Reforms</title>` +
		`<meta property="og:site_name" content="Centre for Defence Reforms"></head><body><main><article><h1>Reforming the Security Service</h1>` +
		`<p>A paragraph long enough to be read as the page's own text, about the reform of the security service and its oversight.</p>` +
		`<p><a href="/files/ssu-reform.pdf">Download</a></p></article></main><footer>© 2022 Centre for Defence Reforms</footer></body></html>`)
	for _, tt := range []struct {
		cover []string
		want  string
	}{
		{[]string{"Reforming the Security Service"}, "Centre for Defence Reforms"},
		{[]string{"Reforming the Security Service", "Razumkov Centre", "Kyiv 2022"}, "Razumkov Centre"},
	} {
		ix := buildSite(t, siteFile{pageURL, corpus.TypeHTML, html}, siteFile{pdfURL, corpus.TypePDF, coverPDF(t, "", time.Time{}, tt.cover...)})
		if d, err := ix.Get(indexer.DocumentID(pageURL)); err != nil || d.Publisher != tt.want {
			t.Errorf("cover %q: publisher %q (from %q), %v; want %q", tt.cover, d.Publisher, d.Provenance["publisher"], err, tt.want)
		}
	}
}

// TestBareListOfPDFs: a page that lists several PDFs by their file names, offers
// none as its own and names none presents none: each PDF is a document of its
// own, titled by its cover, not by the list's heading; so does a page headed by
// a type's name in the plural or by a section's name over several files. A
// landing page whose title is only its site's organisation takes its PDF's
// title.
func TestBareListOfPDFs(t *testing.T) {
	const listURL = "https://cacds.example.org.ua/monitoring/"
	list := `<!DOCTYPE html><html lang="uk"><head><title>Моніторинг</title></head><body><h1>Моніторинг</h1><ul>`
	files := []siteFile{}
	titles := []string{"Defence Reform Monitor", "Police Reform Monitor"}
	for i, title := range titles {
		u := fmt.Sprintf("https://cacds.example.org.ua/files/monitor-%d.pdf", 2016+i)
		list += fmt.Sprintf(`<li><a href="%s">monitor-%d.pdf</a></li>`, u, 2016+i)
		files = append(files, siteFile{u, corpus.TypePDF, coverPDF(t, "", time.Time{}, "Centre for Army, Conversion and Disarmament Studies", title, fmt.Sprintf("Kyiv %d", 2016+i))})
	}
	files = append(files, siteFile{listURL, corpus.TypeHTML, []byte(list + `</ul></body></html>`)})
	ix := buildSite(t, files...)
	for i, title := range titles {
		u := fmt.Sprintf("https://cacds.example.org.ua/files/monitor-%d.pdf", 2016+i)
		if d, err := ix.Get(indexer.DocumentID(u)); err != nil || d.Title != title || d.Year != 2016+i {
			t.Errorf("%s: %+v, %v; want %q of %d", u, d, err, title, 2016+i)
		}
	}
	// A page headed by a type's name in the plural over each year's report.
	reports := `<!DOCTYPE html><html lang="en"><head><title>Annual reports | Defence Policy Centre</title></head><body><main><h1>Annual reports</h1>` +
		`<p>Every year we report on our work and finances.</p><ul><li><a href="/media/documents/DPC_AR_2022.pdf">Annual Report 2022</a></li><li><a href="/media/documents/DPC_AR_2023.pdf">Annual Report 2023</a></li></ul></main></body></html>`
	ix = buildSite(t, siteFile{"https://dpc.example.org.ua/en/about/annual-reports/", corpus.TypeHTML, []byte(reports)},
		siteFile{"https://dpc.example.org.ua/media/documents/DPC_AR_2022.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Defence Policy Centre", "Annual Report 2022", "Kyiv 2023")},
		siteFile{"https://dpc.example.org.ua/media/documents/DPC_AR_2023.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Defence Policy Centre", "Annual Report 2023", "Kyiv 2024")})
	for _, y := range []string{"2022", "2023"} {
		u := "https://dpc.example.org.ua/media/documents/DPC_AR_" + y + ".pdf"
		if d, err := ix.Get(indexer.DocumentID(u)); err != nil || d.Title != "Annual Report "+y {
			t.Errorf("%s: %+v, %v; want a document of its own", u, d, err)
		}
	}
	// A section's page of covers, each with its button (a site builder's gallery).
	gallery := `<!DOCTYPE html><html lang="uk"><head><title>Публікації | Ветеранська платформа реформ</title></head><body><main><h1>Публікації</h1>` +
		`<p>Дослідження, посібники та звіти нашої організації для ветеранів і їхніх родин, органів влади і громадськості.</p>` +
		`<div><img src="/c1.png" alt=""><a href="https://1a2b3c-4d5e.filesusr.com/ugd/1a2b3c_01.pdf">Завантажити</a></div>` +
		`<div><img src="/c2.png" alt=""><a href="https://1a2b3c-4d5e.filesusr.com/ugd/1a2b3c_02.pdf">Завантажити</a></div></main></body></html>`
	ix = buildSite(t, siteFile{"https://www.example-veterans-ngo.org.ua/publikatsii", corpus.TypeHTML, []byte(gallery)},
		siteFile{"https://1a2b3c-4d5e.filesusr.com/ugd/1a2b3c_01.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Ветеранська платформа реформ", "Реінтеграція ветеранів після демобілізації", "Київ – 2023")},
		siteFile{"https://1a2b3c-4d5e.filesusr.com/ugd/1a2b3c_02.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Ветеранська платформа реформ", "Соціальний захист сімей військовослужбовців", "Київ – 2024")})
	for _, n := range []string{"01", "02"} {
		u := "https://1a2b3c-4d5e.filesusr.com/ugd/1a2b3c_" + n + ".pdf"
		if _, err := ix.Get(indexer.DocumentID(u)); err != nil {
			t.Errorf("%s: %v; want a document of its own", u, err)
		}
	}
	const pageURL, pdfURL = "https://uifuture.example.org/en/publication/hybrid-threats-energy", "https://uifuture.example.org/uploads/hybrid-threats-energy.pdf"
	landing := []byte(`<!DOCTYPE html><html lang="en"><head><title>Ukrainian Institute for the Future</title></head><body><main><p><a href="/uploads/hybrid-threats-energy.pdf">Download the report</a></p></main></body></html>`)
	ix = buildSite(t, siteFile{pageURL, corpus.TypeHTML, landing},
		siteFile{pdfURL, corpus.TypePDF, coverPDF(t, "", time.Time{}, "Hybrid Threats to Ukraine's Energy Security", "Ukrainian Institute for the Future, 2022")})
	if d, err := ix.Get(indexer.DocumentID(pageURL)); err != nil || d.Title != "Hybrid Threats to Ukraine's Energy Security" || d.Publisher != "Ukrainian Institute for the Future" {
		t.Errorf("a landing page titled with its site's name: title %q, publisher %q, %v", d.Title, d.Publisher, err)
	}
}

// TestScannedFileTitledByItsLink: a PDF that names no title of its own (a scan
// with an office's stamp) is titled by the longest anchor linking it that reads
// as a title, its note of format and size aside (linkTitle); a file only linked
// by a download's label is named by its file name.
func TestScannedFileTitledByItsLink(t *testing.T) {
	const site = "https://rada.example-city.gov.ua"
	reports := `<!DOCTYPE html><html lang="uk"><head><title>Звіти</title></head><body><main><h1>Звіти</h1><ul>` +
		`<li><a href="/uploads/zvit-2023-scan.pdf">Звіт про виконання Програми громадської безпеки за 2023 рік (PDF, 1,2 МБ)</a></li>` +
		`<li><a href="/uploads/scan_0931.pdf">Завантажити</a></li></ul></main></body></html>`
	ix := buildSite(t, siteFile{site + "/zvity/", corpus.TypeHTML, []byte(reports)},
		siteFile{site + "/uploads/zvit-2023-scan.pdf", corpus.TypePDF, coverPDF(t, "Scan_20240212_0931", time.Time{}, "вх. № 02-14/311 від 12.02.2024")},
		siteFile{site + "/uploads/scan_0931.pdf", corpus.TypePDF, coverPDF(t, "Scan_20240301_1002", time.Time{}, "вх. № 02-14/402 від 01.03.2024")})
	for u, want := range map[string]string{
		site + "/uploads/zvit-2023-scan.pdf": "Звіт про виконання Програми громадської безпеки за 2023 рік",
		site + "/uploads/scan_0931.pdf":      "scan 0931",
	} {
		if d, err := ix.Get(indexer.DocumentID(u)); err != nil {
			t.Errorf("%s: %v", u, err)
		} else if d.Title != want {
			t.Errorf("%s: title %q, want %q", u, d.Title, want)
		}
	}
}

// TestSiblingFilesInAFolder: a folder's files whose names differ only by a
// language's code, that no page presents, are one publication's versions; a
// file of another name beside them is none of theirs.
func TestSiblingFilesInAFolder(t *testing.T) {
	const dir = "https://docs.example.org/docs/2023/"
	index := `<html><head><title>Index of /docs/2023</title></head><body><h1>Index of /docs/2023</h1><pre><a href="/docs/">Parent Directory</a>` + "\n" +
		`<a href="2023_army_trust_survey_ua.pdf">2023_army_trust_survey_ua.pdf</a>` + "\n" + `<a href="2023_army_trust_survey_en.pdf">2023_army_trust_survey_en.pdf</a>` + "\n" +
		`<a href="2023_energy_brief_en.pdf">2023_energy_brief_en.pdf</a></pre></body></html>`
	ix := buildSite(t, siteFile{dir, corpus.TypeHTML, []byte(index)},
		siteFile{dir + "2023_army_trust_survey_ua.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Інститут досліджень безпеки", "Довіра до армії: опитування громадської думки", "Київ – 2023",
			"Опитування показало, що довіра громадян до Збройних Сил залишається високою у всіх регіонах країни.")},
		siteFile{dir + "2023_army_trust_survey_en.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Institute for Security Studies", "Trust in the Army: A Public Opinion Survey", "Kyiv 2023",
			"The survey found that citizens' trust in the Armed Forces remains high in every region of the country.")},
		siteFile{dir + "2023_energy_brief_en.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Institute for Security Studies", "Energy Security after the Winter", "Kyiv 2023",
			"The brief looks at how the energy system of the country came through the winter of attacks.")})
	ua, en, brief := indexer.DocumentID(dir+"2023_army_trust_survey_ua.pdf"), indexer.DocumentID(dir+"2023_army_trust_survey_en.pdf"), indexer.DocumentID(dir+"2023_energy_brief_en.pdf")
	for id, want := range map[string][]string{ua: {en}, en: {ua}, brief: nil} {
		d, err := ix.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tr := range d.Translations {
			got = append(got, tr.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s (%s): translations %q, want %q", d.Title, d.Lang, got, want)
		}
	}
}

// TestIssuesOfAPeriodical: a periodical's page listing its issues, titled alike
// on their covers but for their numbers, presents none of them: each issue is a
// document of its own.
func TestIssuesOfAPeriodical(t *testing.T) {
	const site = "https://centre.example.org"
	page := `<!DOCTYPE html><html lang="en"><head><title>Newsletter | Centre</title></head><body><main><h1>Security Governance Monitor</h1>` +
		`<p>Our quarterly newsletter brings news of the Centre's research and events. Subscribe below or read past issues.</p><h2>Past issues</h2><ul>` +
		`<li><a href="/docs/newsletter/sgm-issue-12.pdf">Issue 12 – Spring 2024</a> (PDF)</li><li><a href="/docs/newsletter/sgm-issue-11.pdf">Issue 11 – Winter 2023</a> (PDF)</li></ul></main></body></html>`
	ix := buildSite(t, siteFile{site + "/newsletter", corpus.TypeHTML, []byte(page)},
		siteFile{site + "/docs/newsletter/sgm-issue-12.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "NEWSLETTER", "Security Governance Monitor", "Issue 12 · Spring 2024",
			"In this issue: our new working paper on intelligence oversight and a round table on cybersecurity in communities.")},
		siteFile{site + "/docs/newsletter/sgm-issue-11.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "NEWSLETTER", "Security Governance Monitor", "Issue 11 · Winter 2023",
			"In this issue: our survey on public trust in the security sector and the forum's proceedings.")})
	for _, n := range []string{"11", "12"} {
		u := site + "/docs/newsletter/sgm-issue-" + n + ".pdf"
		if d, err := ix.Get(indexer.DocumentID(u)); err != nil || d.Type != indexer.TypeNewsletter {
			t.Errorf("%s: %+v, %v; want a newsletter of its own", u, d, err)
		}
	}
	if d, err := ix.Get(indexer.DocumentID(site + "/newsletter")); err == nil && d.PDFURL != "" {
		t.Errorf("the newsletter's page presents %s", d.PDFURL)
	}
}

// TestPageInOtherScriptPresentsPDF: a publication's page (dated, with a summary)
// that offers two PDFs under opaque file names, their covers in another
// language than its title, still presents one: only a bare list of PDFs
// presents none (TestBareListOfPDFs).
func TestPageInOtherScriptPresentsPDF(t *testing.T) {
	const pageURL = "https://razumkov.example.org.ua/uk/publikatsii/pidsumky-2020"
	pdfs := [][2]string{
		{"https://razumkov.example.org.ua/upload/iblock/a1b/a1b2c3d4.pdf", "Public Opinion on Elections and Reforms"},
		{"https://razumkov.example.org.ua/upload/iblock/d4e/d4e5f6a7.pdf", "Annex: Public Opinion Survey Tables"},
	}
	page := `<!DOCTYPE html><html lang="uk"><head><title>Громадська думка про вибори та реформи</title><meta property="article:published_time" content="2021-02-10T09:00:00+00:00"></head>` +
		`<body><main><article><h1>Громадська думка про вибори та реформи</h1><p><time datetime="2021-02-10">10 лютого 2021</time></p>` +
		`<p>Центр Разумкова представив аналітичну доповідь про громадську думку щодо виборів і реформ, разом з додатком, що містить таблиці опитування.</p>` +
		`<p><a href="` + pdfs[0][0] + `">Завантажити доповідь</a></p><p><a href="` + pdfs[1][0] + `">Завантажити додаток</a></p></article></main></body></html>`
	files := []siteFile{{pageURL, corpus.TypeHTML, []byte(page)}}
	for _, p := range pdfs {
		files = append(files, siteFile{p[0], corpus.TypePDF, coverPDF(t, "", time.Time{}, "Razumkov Centre", p[1], "Kyiv 2021")})
	}
	ix := buildSite(t, files...)
	if d, err := ix.Get(indexer.DocumentID(pageURL)); err != nil || d.PDFSourceURL == "" {
		t.Errorf("the publication's page presents no PDF: %+v, %v", d, err)
	}
}

// TestPageTwinsAndErrorPages: a publication's page at several addresses, each
// copy's bytes its own (a directory and its index.html, a server blind to its
// paths' case, a share link naming the address), is one document; pages that
// share a title but not their text (or their years alone), or say little, stay
// apart; a site's "not found" page served as found is no document, nor is a
// part of a page that a script loads (a journal's formatted citation).
func TestPageTwinsAndErrorPages(t *testing.T) {
	const site = "https://ssr.example.org"
	body := "<p>The report reviews how parliament oversees the intelligence services: the committees, their powers of inquiry, access to classified information and the budget.</p><p>It closes with recommendations.</p>"
	page := func(addr, title, text, pdf string) siteFile {
		h := `<!DOCTYPE html><html lang="en"><head><title>` + title + ` | SSR Centre</title></head><body><main><article><h1>` + title + `</h1>` + text
		if pdf != "" {
			h += `<p><a href="` + pdf + `">Download the PDF</a></p>`
		}
		h += `</article><p class="share"><a href="https://twitter.com/share?url=` + site + addr + `">Share</a></p></main></body></html>`
		return siteFile{site + addr, corpus.TypeHTML, []byte(h)}
	}
	ix := buildSite(t,
		page("/oversight/", "Intelligence oversight in Ukraine", body, ""),
		page("/oversight/index.html", "Intelligence oversight in Ukraine", body, ""),
		page("/Reports/Police-2023.aspx", "Police reform in 2023", body+"<p>Police.</p>", "/Files/Police-2023.pdf"),
		page("/reports/police-2023.aspx", "Police reform in 2023", body+"<p>Police.</p>", "/files/police-2023.pdf"),
		siteFile{site + "/Files/Police-2023.pdf", corpus.TypePDF, coverPDF(t, "Police reform in 2023", time.Time{}, "Police reform in 2023")},
		siteFile{site + "/files/police-2023.pdf", corpus.TypePDF, coverPDF(t, "Police reform in 2023", time.Time{}, "Police reform in 2023")},
		page("/events/roundtable-1/", "Roundtable", "<p>Kyiv, 12 May.</p>", ""),
		page("/events/roundtable-2/", "Roundtable", "<p>Kyiv, 12 May.</p>", ""),
		page("/monitoring/2019/", "Monitoring report", "<p>The monitoring of the security sector reform in 2019: parliament's oversight, the budget, the procurement and the services, as every year.</p>", ""),
		page("/monitoring/2020/", "Monitoring report", "<p>The monitoring of the security sector reform in 2020: parliament's oversight, the budget, the procurement and the services, as every year.</p>", ""),
		page("/news/a/", "Annual report", body, ""),
		page("/news/b/", "Annual report", body+"<p>A second edition, revised.</p>", ""),
		page("/missing/", "Page not found", "<p>Sorry, the page you are looking for does not exist. Try the search.</p>", ""),
		page("/uk/missing/", "404 — Сторінку не знайдено", "<p>На жаль, сторінки не існує.</p>", ""),
		page("/reports/not-found/", "Not Found: Missing Persons in the Conflict in Eastern Ukraine", body, "/files/missing-persons.pdf"),
		siteFile{site + "/files/missing-persons.pdf", corpus.TypePDF, coverPDF(t, "Not Found: Missing Persons", time.Time{}, "Not Found: Missing Persons")},
		siteFile{site + "/index.php/sd/citationstylelanguage/get/apa?submissionId=103", corpus.TypeHTML,
			[]byte(`<div class="csl-bib-body"><div class="csl-entry">Marchenko, O. (2024). Intelligence oversight in Ukraine. <i>Strategy and Defence</i>.</div></div>`)},
	)
	var got []string
	for _, d := range allDocuments(t, ix) {
		got = append(got, strings.TrimPrefix(d.URL, site))
	}
	slices.Sort(got)
	want := []string{"/Reports/Police-2023.aspx", "/events/roundtable-1/", "/events/roundtable-2/", "/monitoring/2019/", "/monitoring/2020/", "/news/a/", "/news/b/", "/oversight/", "/reports/not-found/"}
	if !slices.Equal(got, want) {
		t.Errorf("documents at %q, want %q", got, want)
	}
}

// TestSecondPDFsOfAPage: a PDF that a publication's page offers besides its own
// (an annex in its content) is found under the page; one that only the page's
// sidebar or its cookie banner links (a related report, the privacy policy) is
// a document at its own address.
func TestSecondPDFsOfAPage(t *testing.T) {
	const site = "https://icds.example.org.ua"
	page := `<!DOCTYPE html><html lang="en"><head><title>Border Guard Reform 2021 | ICDS</title></head><body>` +
		`<div class="cookie-banner">We use cookies. <a href="/files/privacy-policy.pdf">Privacy policy</a></div>` +
		`<main><article><h1>Border Guard Reform 2021</h1><p>Published 12 March 2021. A report on the reform of the State Border Guard Service, its integrity and its oversight by parliament.</p>` +
		`<p><a href="/files/border-guard-reform-2021.pdf">Download the report</a> · <a href="/files/border-guard-annex.pdf">Annex: the survey's tables</a></p></article></main>` +
		`<aside class="sidebar"><h3>Related</h3><p><a href="/files/customs-reform-2020.pdf">Customs Reform 2020</a></p></aside></body></html>`
	pdf := func(name, title string) siteFile {
		return siteFile{site + "/files/" + name, corpus.TypePDF, coverPDF(t, title, time.Time{}, title, "Kyiv 2021")}
	}
	ix := buildSite(t, siteFile{site + "/en/research/border-guard-reform/", corpus.TypeHTML, []byte(page)},
		pdf("border-guard-reform-2021.pdf", "Border Guard Reform 2021"),
		pdf("border-guard-annex.pdf", "Border Guard Reform 2021: Annex"),
		pdf("customs-reform-2020.pdf", "Customs Reform 2020"),
		pdf("privacy-policy.pdf", "Privacy Policy"))
	for file, want := range map[string]string{
		"border-guard-annex.pdf":  site + "/en/research/border-guard-reform/",
		"customs-reform-2020.pdf": site + "/files/customs-reform-2020.pdf",
		"privacy-policy.pdf":      site + "/files/privacy-policy.pdf",
	} {
		d, err := ix.Get(indexer.DocumentID(site + "/files/" + file))
		if err != nil || d.URL != want {
			t.Errorf("%s: found at %q (%v), want %q", file, d.URL, err, want)
		}
	}
}

// TestSiteShapesOfListings: a catalogue's views (filtered, sorted, paged by
// number: its address with a query of those, a plugin's bracketed ones too) are
// listings however few results they show, while items addressed by their query (Joomla's ?option=…&id=…, a
// PHP site's ?page=police-oversight under its home page) are publications; a
// PDF that a banner on many pages links is presented by none of them; an item's
// print view, without its download, is the item.
func TestSiteShapesOfListings(t *testing.T) {
	const site = "https://library.example.org"
	banner := `<div id="cookie-consent" class="cookie-banner">We use cookies. See our <a href="/docs/privacy.pdf">privacy policy</a>.</div>`
	record := func(id, title string) string {
		return `<li class="record"><a href="/items/` + id + `">` + title + `</a><br>Koval, Olena · 2021 · Guide</li>`
	}
	catalogue := func(records ...string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>Catalogue | Library</title></head><body>` + banner +
			`<main><h1>Catalogue</h1><ol>` + strings.Join(records, "") + `</ol></main></body></html>`)
	}
	item := func(title, pdf string, print bool) []byte {
		h := `<!DOCTYPE html><html lang="en"><head><title>` + title + ` | Library</title></head><body>` + banner +
			`<main><h1>` + title + `</h1><p>The guide explains how practitioners assess integrity risks in defence institutions, how they report them to parliament, and how ombuds institutions and audit offices follow them up.</p>` +
			`<table><tr><th>Year</th><td>2021</td></tr><tr><th>Type</th><td>Guide</td></tr></table>`
		if !print {
			h += `<p><a href="` + pdf + `">Download (PDF)</a></p><p><a href="?print=1">Print</a> · <a href="/share">Share</a></p>`
		}
		return []byte(h + `</main></body></html>`)
	}
	titles := []string{"Defence Integrity Pathways: A Guide", "Border Security and Human Rights", "Ombuds Institutions for the Armed Forces"}
	files := []siteFile{
		{site + "/catalogue", corpus.TypeHTML, catalogue(record("a", titles[0]+" for Practitioners"), record("b", titles[1]+" in Eastern Europe"), record("c", titles[2]+": A Handbook"))},
		{site + "/catalogue?lang=en&type=guide", corpus.TypeHTML, catalogue(record("a", titles[0]+" for Practitioners"))},
		{site + "/catalogue?sort=year", corpus.TypeHTML, catalogue(record("c", titles[2]+": A Handbook"))},
		{site + "/items/a?print=1", corpus.TypeHTML, item(titles[0], "/files/a.pdf", true)},
		{site + "/docs/privacy.pdf", corpus.TypePDF, coverPDF(t, "Privacy Policy", time.Time{}, "Privacy Policy", "2023")},
		{site + "/index.php?option=com_content&view=article&id=758", corpus.TypeHTML, item("Police Reform in Practice", "/files/p.pdf", false)},
		{site + "/index.php", corpus.TypeHTML, catalogue(record("a", titles[0]+" for Practitioners"), record("b", titles[1]+" in Eastern Europe"), record("c", titles[2]+": A Handbook"))},
		{site + "/index.php?page=police-oversight", corpus.TypeHTML, item("Police Oversight in Practice", "/files/o.pdf", false)},
		{site + "/catalogue?page=2", corpus.TypeHTML, catalogue(record("c", titles[2]+": A Handbook"))},
		// A plugin's parameters, bracketed, with its checksum (TYPO3's news).
		{site + "/catalogue?tx_news_pi1%5BcurrentPage%5D=2&cHash=9f2c4e", corpus.TypeHTML, catalogue(record("c", titles[2]+": A Handbook"))},
		{site + "/catalogue?tx_news_pi1%5BoverwriteDemand%5D%5Bcategories%5D=5&cHash=1ab3", corpus.TypeHTML, catalogue(record("b", titles[1]+" in Eastern Europe"))},
		{site + "/catalogue?filter%5Bfield_year%5D=2023&page=2", corpus.TypeHTML, catalogue(record("a", titles[0]+" for Practitioners"))},
	}
	for i, id := range []string{"a", "b", "c"} {
		files = append(files, siteFile{site + "/items/" + id, corpus.TypeHTML, item(titles[i], "/files/"+id+".pdf", false)},
			siteFile{site + "/files/" + id + ".pdf", corpus.TypePDF, coverPDF(t, titles[i], time.Time{}, titles[i], "Geneva 2021")})
	}
	ix := buildSite(t, files...)
	got := map[string]string{} // the document's address: its PDF
	for _, d := range allDocuments(t, ix) {
		got[strings.TrimPrefix(d.URL, site)] = strings.TrimPrefix(d.PDFSourceURL, site)
	}
	want := map[string]string{"/items/a": "/files/a.pdf", "/items/b": "/files/b.pdf", "/items/c": "/files/c.pdf",
		"/index.php?option=com_content&view=article&id=758": "", "/index.php?page=police-oversight": "", "/docs/privacy.pdf": "/docs/privacy.pdf"}
	if !maps.Equal(got, want) {
		t.Errorf("documents (address: PDF) %v\nwant %v", got, want)
	}
}

// TestPagesWithoutFiles: a page that presents no file is an event when it is an
// event's, whatever it announces, and a page when undated, whatever type a link
// on it names; a dated one keeps the type it shows.
func TestPagesWithoutFiles(t *testing.T) {
	const site = "https://isss.example.org.ua"
	page := func(addr, title, inner string) siteFile {
		return siteFile{site + addr, corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="en"><head><title>` + title + `</title></head><body><main><article><h1>` + title + `</h1>` + inner +
			`<p>A paragraph long enough to say what the page is about, which a reader sees first, with a few more words.</p></article></main></body></html>`)}
	}
	ix := buildSite(t,
		page("/en/events/2022/annual-report-launch", "Launch of the Annual Report 2021", `<p class="type">Annual Report</p><p>12 May 2022, Kyiv.</p>`),
		page("/en/about", "About us", `<p><a href="/en/annual-reports">Annual reports</a></p>`),
		page("/en/commentary/police-budget", "The police budget in 2022", `<p>Published: 12 March 2022</p><p>Type: Policy brief</p>`),
	)
	for addr, want := range map[string]string{"/en/events/2022/annual-report-launch": indexer.TypeEvent, "/en/about": indexer.TypePage, "/en/commentary/police-budget": "policy-brief"} {
		if d, err := ix.Get(indexer.DocumentID(site + addr)); err != nil || d.Type != want {
			t.Errorf("%s: type %q (%v), want %q", addr, d.Type, err, want)
		}
	}
}

// TestDownloadLinkThroughRedirect: a page whose download link redirects to the
// file (the crawler records the link as the file's alias) presents the file.
func TestDownloadLinkThroughRedirect(t *testing.T) {
	const site = "https://secwatch.example.org.ua"
	dir := t.TempDir()
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	fetched := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	page := `<!DOCTYPE html><html lang="uk"><head><title>Тіньовий звіт 2020</title></head><body><main><article><h1>Тіньовий звіт 2020</h1>` +
		`<p>Опубліковано 12 березня 2021. Звіт про виконання рекомендацій щодо реформи сектору безпеки, підготовлений коаліцією громадських організацій.</p>` +
		`<p><a href="/download/123/">Завантажити звіт</a></p></article></main></body></html>`
	if _, err := store.Put(corpus.Entry{URL: site + "/publications/shadow-report-2020/", ContentType: corpus.TypeHTML, FetchedAt: fetched}, []byte(page)); err != nil {
		t.Fatal(err)
	}
	file, err := store.Put(corpus.Entry{URL: site + "/wp-content/uploads/dlm_uploads/2021/03/report.pdf", ContentType: corpus.TypePDF, FetchedAt: fetched},
		coverPDF(t, "Тіньовий звіт 2020", time.Time{}, "Тіньовий звіт 2020", "Київ 2021"))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Record(corpus.Entry{URL: site + "/download/123/", ContentType: corpus.TypePDF, SHA256: file.SHA256, Size: file.Size, FetchedAt: fetched, AliasOf: file.URL}); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := indexer.BuildAll(context.Background(), store, ix, indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	if d, err := ix.Get(indexer.DocumentID(site + "/publications/shadow-report-2020/")); err != nil || d.PDFSourceURL != file.URL {
		t.Errorf("the page presents %q (%v), want %s", d.PDFSourceURL, err, file.URL)
	}
}

// TestNodeUnderAnotherLanguage: a Ukrainian publication's page that the site
// also shows under its English prefix (Drupal's untranslated node, labels in
// English around it) is one document, at the address that names its language.
func TestNodeUnderAnotherLanguage(t *testing.T) {
	const site = "https://psi.example.org.ua"
	body := `<p>Порівняльний аналіз законопроєктів про Службу безпеки України: повноваження, контроль парламенту, досудове розслідування.</p>` +
		`<p><a href="/sites/default/files/2020-10/SBU%20reform.pdf">PDF</a></p>`
	page := func(addr, lang, labels string) siteFile {
		return siteFile{site + addr, corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="` + lang + `"><head><title>Реформа Служби безпеки України</title></head><body><main><article>` +
			`<h1>Реформа Служби безпеки України</h1><p>` + labels + `</p>` + body + `</article></main></body></html>`)}
	}
	ix := buildSite(t,
		page("/en/node/298", "en", "Authors: Олег Петренко. Published: 12.10.2020. Download the full text."),
		page("/uk/publikatsii/reforma-sbu", "uk", "Автори: Олег Петренко. Опубліковано: 12.10.2020. Завантажити повний текст."),
		siteFile{site + "/sites/default/files/2020-10/SBU%20reform.pdf", corpus.TypePDF, coverPDF(t, "Реформа Служби безпеки України", time.Time{}, "Реформа Служби безпеки України", "Київ 2020")},
	)
	var got []string
	for _, d := range allDocuments(t, ix) {
		got = append(got, strings.TrimPrefix(d.URL, site))
	}
	if !slices.Equal(got, []string{"/uk/publikatsii/reforma-sbu"}) {
		t.Errorf("documents at %q, want the Ukrainian address alone", got)
	}
}

// TestSharedFileNoTwins: pages of one title that share a file (a working
// group's meetings, each with the terms of reference) but not their text or
// their dates stay apart.
func TestSharedFileNoTwins(t *testing.T) {
	const site = "https://wg.example.org"
	meeting := func(n, date, text string) siteFile {
		return siteFile{site + "/events/wg-" + n + "/", corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="en"><head><title>Working group meeting</title></head><body><main><article>` +
			`<h1>Working group meeting</h1><p>` + date + `</p><p>` + text + `</p><p><a href="/files/terms-of-reference.pdf">Terms of reference (PDF)</a></p></article></main></body></html>`)}
	}
	ix := buildSite(t,
		meeting("1", "12 March 2021", "The group discussed the draft law on the Security Service, its oversight by parliament and the powers of its investigators, with experts from three ministries."),
		meeting("2", "9 June 2021", "The group heard the ombudsman's office on complaints against the police and agreed on a questionnaire for the regional offices, to be sent in September."),
		siteFile{site + "/files/terms-of-reference.pdf", corpus.TypePDF, coverPDF(t, "Terms of Reference", time.Time{}, "Terms of Reference", "2021")},
	)
	for _, n := range []string{"1", "2"} {
		if _, err := ix.Get(indexer.DocumentID(site + "/events/wg-" + n + "/")); err != nil {
			t.Errorf("meeting %s: %v; want a document of its own", n, err)
		}
	}
}

// TestAnnouncements: a news item or an event that hands out a publication tells
// what happened to it: a news section's item that says more than the PDF's
// title presents none (the PDF is a document of its own); a dated post whose
// headline is about the PDF presents it under the PDF's own title (a short word
// may tell: "New working paper: …"); an event about more than the PDF presents
// none; a blog post without a file (a WordPress dated address) is a page,
// whatever its headline names; a page asking robots not to index it (a print
// view) is no document.
func TestAnnouncements(t *testing.T) {
	const site = "https://mod.example.gov.ua"
	page := func(addr, title, text, pdf, head string) siteFile {
		h := `<!DOCTYPE html><html lang="en"><head><title>` + title + ` | Ministry of Defence</title>` + head + `</head><body><main><article><h1>` + title + `</h1>` +
			`<p class="date">12.03.2024 14:35</p>` + text
		if pdf != "" {
			h += `<p><a href="` + pdf + `">Download (PDF)</a></p>`
		}
		return siteFile{site + addr, corpus.TypeHTML, []byte(h + `</article></main></body></html>`)}
	}
	text := "<p>The ministry presented the document to journalists and experts, who discussed its findings on defence policy, the reform of the armed forces and their oversight by parliament.</p>"
	pdf := func(name string, cover ...string) siteFile {
		return siteFile{site + "/files/" + name, corpus.TypePDF, coverPDF(t, "", time.Time{}, cover...)}
	}
	ix := buildSite(t,
		page("/en/news/2024/03/12/ministry-publishes-defence-review/", "Ministry of Defence publishes Defence Policy Review 2023", text, "/files/defence-review-2023.pdf", ""),
		pdf("defence-review-2023.pdf", "Ministry of Defence of Ukraine", "Defence Policy Review of Ukraine 2023", "Kyiv 2024"),
		page("/events/round-table-gender/", "Round table on gender equality in the armed forces held in Kyiv", text+`<p>Venue: Kyiv, Hotel Rus. Start: 14 March 2024, 10:00.</p>`,
			"/files/gender-handbook.pdf", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Event","name":"Round table","startDate":"2024-03-14T10:00"}</script>`),
		pdf("gender-handbook.pdf", "Gender Equality in the Armed Forces", "A Handbook for Commanders", "Kyiv 2024"),
		page("/2024/02/16/what-the-integrity-survey-showed/", "What the police integrity survey showed: five findings", text, "", ""),
		page("/items/review?tmpl=component&print=1", "Defence Review 2023", text, "", `<meta name="robots" content="noindex, nofollow">`),
		// A short word tells what happened ("New working paper: …").
		page("/2022/09/21/new-working-paper-emergency-powers.html", "New working paper: Emergency powers and parliamentary control", text, "/files/wp1.pdf", ""),
		pdf("wp1.pdf", "Working Paper No. 1", "Emergency Powers and Parliamentary Control under Martial Law", "Kyiv 2022"),
	)
	byURL := map[string]*indexer.Document{}
	for _, d := range allDocuments(t, ix) {
		byURL[strings.TrimPrefix(d.URL, site)] = d
	}
	// A news section's item telling of the review in words the review has not
	// ("publishes") announces it: the PDF is a document of its own.
	if d := byURL["/en/news/2024/03/12/ministry-publishes-defence-review/"]; d == nil || d.Type != indexer.TypePage || d.PDFURL != "" {
		t.Errorf("the news item publishing the review: %+v, want a page without the PDF", d)
	}
	if d := byURL["/files/defence-review-2023.pdf"]; d == nil || d.Title != "Defence Policy Review of Ukraine 2023" {
		t.Errorf("the review a news item hands out: %+v, want a document of its own titled as the PDF is", d)
	}
	if d := byURL["/files/gender-handbook.pdf"]; d == nil || d.Type != "handbook" {
		t.Errorf("the handbook an event handed out: %+v, want a document of its own typed handbook", d)
	}
	if d := byURL["/2022/09/21/new-working-paper-emergency-powers.html"]; d == nil || d.Title != "Emergency Powers and Parliamentary Control under Martial Law" {
		t.Errorf("the post presenting the working paper: %+v, want it titled as the PDF is", d)
	}
	if d := byURL["/events/round-table-gender/"]; d == nil || d.Type != indexer.TypeEvent || d.PDFURL != "" {
		t.Errorf("the event: %+v, want an event without the handbook", d)
	}
	if d := byURL["/2024/02/16/what-the-integrity-survey-showed/"]; d == nil || d.Type != indexer.TypePage {
		t.Errorf("the blog post: %+v, want a page", d)
	}
	if d := byURL["/items/review?tmpl=component&print=1"]; d != nil {
		t.Errorf("the print view asking not to be indexed is a document: %+v", d)
	}
}

// TestLanguageVersionsOfAPage: a publication's page that offers the PDF in
// several languages presents its own language's, and the others are its
// translations at their own addresses, each linked to all; so is a file a
// repository's page links beside its content whose name differs from its own's
// by a language's code; a press release handing out the page's PDF loses it to
// the page.
func TestLanguageVersionsOfAPage(t *testing.T) {
	const site = "https://docs.example-osce.org"
	en := []string{"Thematic Report: Parliamentary Oversight of the Security Sector in Ukraine",
		"The report reviews how the committees of parliament oversee the security and defence sector, their powers of inquiry and their access to information."}
	uk := []string{"Тематичний звіт: Парламентський контроль над сектором безпеки в Україні",
		"У звіті розглянуто, як комітети парламенту здійснюють контроль над сектором безпеки і оборони, їхні повноваження та доступ до інформації."}
	ru := []string{"Тематический доклад: Парламентский контроль над сектором безопасности в Украине",
		"В докладе рассмотрено, как комитеты парламента осуществляют контроль над сектором безопасности и обороны, их полномочия и доступ к информации."}
	pdf := func(name string, cover []string) siteFile {
		return siteFile{site + "/files/" + name, corpus.TypePDF, coverPDF(t, "", time.Time{}, cover...)}
	}
	page := `<!DOCTYPE html><html lang="en"><head><title>` + en[0] + ` | OSCE</title></head><body><main><article><h1>` + en[0] + `</h1>` +
		`<p>Published 14 June 2021.</p><p>` + en[1] + `</p><div class="languages"><h3>Languages available</h3>` +
		`<a href="/files/512345.pdf">English</a> · <a href="/files/512346.pdf">Українська</a> · <a href="/files/512347.pdf">Русский</a></div></article></main></body></html>`
	release := `<!DOCTYPE html><html lang="en"><head><title>Thematic report on parliamentary oversight of the security sector published | OSCE</title></head><body><main><article>` +
		`<h1>Thematic report on parliamentary oversight of the security sector published</h1><p>14 June 2021</p><p>` + en[1] + `</p><p><a href="/files/512345.pdf">Read the report</a></p></article></main></body></html>`
	ix := buildSite(t,
		siteFile{site + "/documents/512345", corpus.TypeHTML, []byte(page)},
		siteFile{site + "/press-release/512400", corpus.TypeHTML, []byte(release)},
		pdf("512345.pdf", en), pdf("512346.pdf", uk), pdf("512347.pdf", ru))
	docs := map[string]*indexer.Document{} // the publication's versions, by language
	for _, d := range allDocuments(t, ix) {
		if d.URL != site+"/press-release/512400" {
			docs[d.Lang] = d
		}
	}
	if d := docs["en"]; d == nil || d.URL != site+"/documents/512345" || d.PDFURL != site+"/files/512345.pdf" {
		t.Fatalf("the English document: %+v, want the page with its English PDF", d)
	}
	for _, lang := range []string{"uk", "ru"} {
		if d := docs[lang]; d == nil || d.URL != d.PDFURL {
			t.Errorf("the %s version: %+v, want a document at its PDF's address", lang, d)
		}
	}
	for lang, d := range docs {
		var got []string
		for _, tr := range d.Translations {
			got = append(got, tr.Lang)
		}
		want := slices.DeleteFunc([]string{"en", "ru", "uk"}, func(l string) bool { return l == lang })
		if !slices.Equal(got, want) {
			t.Errorf("%s version's translations %q, want %q", lang, got, want)
		}
	}

	// A repository's page offering its Ukrainian file, and linking the English
	// one beside its content: the files' names differ by a language's code.
	const repo = "https://eprints.example.edu.ua"
	item := `<!DOCTYPE html><html lang="uk"><head><title>` + uk[0] + `</title></head><body><main><h1>` + uk[0] + `</h1><p>` + uk[1] + `</p>` +
		`<p><a href="/id/eprint/1301/1/Report_UA.pdf">Report_UA.pdf</a></p></main>` +
		`<aside><p>Other files: <a href="/id/eprint/1301/2/Report_EN.pdf">Report_EN.pdf</a></p></aside></body></html>`
	ix = buildSite(t, siteFile{repo + "/id/eprint/1301/", corpus.TypeHTML, []byte(item)},
		siteFile{repo + "/id/eprint/1301/1/Report_UA.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, uk...)},
		siteFile{repo + "/id/eprint/1301/2/Report_EN.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, en...)})
	enDoc, err := ix.Get(indexer.DocumentID(repo + "/id/eprint/1301/2/Report_EN.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if enDoc.URL != enDoc.PDFURL || len(enDoc.Translations) != 1 || enDoc.Translations[0].ID != indexer.DocumentID(repo+"/id/eprint/1301/") {
		t.Errorf("the English file: %+v, want it at its own address, the item's translation", enDoc)
	}
}

// TestDocumentTables: a section's table of documents (a header naming their
// titles, a row per file) lists them however few its rows, each file a document
// of its own; a publication's page that tables its own file presents it.
func TestDocumentTables(t *testing.T) {
	const site = "https://kom.example.rada.gov.ua"
	row := func(n int, title, file string) string {
		return fmt.Sprintf(`<tr><td>%d</td><td>12.03.2023</td><td>%s</td><td><a href="%s">завантажити</a></td></tr>`, n, title, file)
	}
	table := func(rows ...string) string {
		return `<table class="doc_table"><tr><th>№ з/п</th><th>Дата</th><th>Назва документа</th><th>Файл</th></tr>` + strings.Join(rows, "") + `</table>`
	}
	page := func(h1, body string) []byte {
		return []byte(`<!DOCTYPE html><html lang="uk"><head><title>` + h1 + `</title></head><body><main><h1>` + h1 + `</h1>` + body + `</main></body></html>`)
	}
	notes := [][2]string{
		{"Аналітична записка Комітету щодо стану розвитку територіальної оборони", "/uploads/70101.pdf"},
		{"Аналітична записка Комітету щодо регулювання приватних охоронних компаній", "/uploads/70102.pdf"},
	}
	own := "Оборонний бюджет: довідник народного депутата України"
	whistle := "Посібник для викривачів корупції"
	files := []siteFile{
		{site + "/documents/analytics/", corpus.TypeHTML, page("Аналітичні матеріали Комітету", `<p class="date">Оновлено 12.03.2023</p>`+table(row(1, notes[0][0], notes[0][1]), row(2, notes[1][0], notes[1][1])))},
		{site + "/documents/budget-handbook/", corpus.TypeHTML, page(own, `<p>Довідник пояснює, як Комітет розглядає оборонний бюджет.</p><h3>Документи</h3>`+
			`<table><tr><th>Назва</th><th>Формат</th><th>Файл</th></tr><tr><td>`+own+`</td><td>PDF</td><td><a href="/uploads/71233.pdf">Завантажити</a></td></tr></table>`)},
		{site + "/uploads/71233.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Оборонний бюджет", "довідник народного депутата України", "Київ – 2022")},
		// A Bitrix item whose files table names its files, under a short title.
		{site + "/activity/publications/detail.php?ELEMENT_ID=3520", corpus.TypeHTML, page(whistle, `<p>Дата публікації: 12.05.2021</p>`+
			`<p>Посібник пояснює, як повідомити про корупцію, які гарантії захисту має викривач і куди звертатися по допомогу.</p>`+
			`<table><tr><th>Назва</th><th>Розмір</th><th>Дата</th></tr><tr><td><a href="/upload/iblock/d53/Posibnyk_vykryvachiv.pdf">Posibnyk_vykryvachiv.pdf</a></td><td>1.2 МБ</td><td>12.05.2021</td></tr></table>`)},
		{site + "/upload/iblock/d53/Posibnyk_vykryvachiv.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, whistle, "Київ – 2021")},
	}
	for _, n := range notes {
		files = append(files, siteFile{site + n[1], corpus.TypePDF, coverPDF(t, "", time.Time{}, n[0], "Київ – 2023")})
	}
	ix := buildSite(t, files...)
	got := map[string]string{} // by PDF: the document's address
	for _, d := range allDocuments(t, ix) {
		got[strings.TrimPrefix(d.PDFURL, site)] = strings.TrimPrefix(d.URL, site)
	}
	for pdf, want := range map[string]string{"/uploads/70101.pdf": "/uploads/70101.pdf", "/uploads/70102.pdf": "/uploads/70102.pdf", "/uploads/71233.pdf": "/documents/budget-handbook/",
		"/upload/iblock/d53/Posibnyk_vykryvachiv.pdf": "/activity/publications/detail.php?ELEMENT_ID=3520"} {
		if got[pdf] != want {
			t.Errorf("%s found at %q, want %q", pdf, got[pdf], want)
		}
	}
}

// TestBlogArchivesAndLibraries: a blog's archives by month and year show its
// posts whole (one post, in a month with one), and a SharePoint library's view tables its files by name: they
// are listings, and the post presents its paper, the file is a document of its
// own.
func TestBlogArchivesAndLibraries(t *testing.T) {
	const blog = "https://analytics.example.blogspot.com"
	const gov = "https://mvs.example.gov.ua"
	post := `<h3 class="post-title"><a href="` + blog + `/2023/05/sbu-reform.html">SBU Reform: The Unfinished Agenda</a></h3><div class="post-body"><p>My new paper on the reform of the Security Service of Ukraine: what the draft laws change and what they leave undone, with recommendations for parliament.</p>` +
		`<p><a href="/files/Koval_SBU_Reform_2023.pdf">Download the paper (PDF)</a></p></div>`
	other := `<h3 class="post-title"><a href="` + blog + `/2023/05/intelligence-law.html">The Intelligence Law, a Year On</a></h3><div class="post-body"><p>Notes on how the law on intelligence has been applied.</p></div>`
	page := func(title, body string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>` + title + `</title></head><body><main>` + body + `</main></body></html>`)
	}
	library := `<h1>Документи</h1><table><tr><th>Тип</th><th>Ім'я</th><th>Змінено</th><th>Розмір файлу</th></tr>` +
		`<tr><td>pdf</td><td><a href="/Documents/Biuleten/2023/Visnyk_MVS_2023_04.pdf">Visnyk_MVS_2023_04</a></td><td>12.05.2023</td><td>2 МБ</td></tr></table>`
	ix := buildSite(t,
		siteFile{blog + "/2023/05/", corpus.TypeHTML, page("Security Sector Analytics: May 2023", post+other)},
		siteFile{blog + "/2023/", corpus.TypeHTML, page("Security Sector Analytics: 2023", post+other)},
		// A month with one post.
		siteFile{blog + "/2023/04/", corpus.TypeHTML, page("Security Sector Analytics: April 2023", `<h3 class="post-title"><a href="`+blog+`/2023/04/tcc-control.html">Territorial Recruitment Centres and Civilian Control</a></h3>`+
			`<div class="post-body"><p>Who oversees the territorial recruitment centres, and what the ombudsman's reports on them show about complaints, checks at the border and the courts.</p></div>`)},
		siteFile{blog + "/2023/05/sbu-reform.html", corpus.TypeHTML, page("Security Sector Analytics: SBU Reform: The Unfinished Agenda", `<p class="date-header">Tuesday, May 16, 2023</p>`+post)},
		siteFile{blog + "/files/Koval_SBU_Reform_2023.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "SBU Reform: The Unfinished Agenda", "Olena Koval", "Kyiv, 2023")},
		// A publication's page whose address ends in a year, with a sidebar of
		// recent posts: no archive.
		siteFile{blog + "/annual-report/2023/", corpus.TypeHTML, page("Annual Report 2023", `<h1>Annual Report 2023</h1><p>What the network did in 2023: research on the security services, parliamentary oversight and police reform, events and publications.</p>`+
			`<aside><a href="/2024/02/police-ten-years.html">Police ten years on</a> <a href="/2024/01/tcc-control.html">TCC and civilian control</a></aside>`)},
		siteFile{gov + "/Documents/Forms/AllItems.aspx?RootFolder=%2FDocuments%2FBiuleten%2F2023", corpus.TypeHTML, page("Документи", library)},
		siteFile{gov + "/Documents/Biuleten/2023/Visnyk_MVS_2023_04.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "ВІСНИК МВС", "Інформаційний бюлетень № 4", "Київ – 2023")},
	)
	got := map[string]string{} // by PDF: the document's address
	var urls []string
	for _, d := range allDocuments(t, ix) {
		got[d.PDFURL] = d.URL
		urls = append(urls, d.URL)
	}
	for pdf, want := range map[string]string{
		blog + "/files/Koval_SBU_Reform_2023.pdf":               blog + "/2023/05/sbu-reform.html",
		gov + "/Documents/Biuleten/2023/Visnyk_MVS_2023_04.pdf": gov + "/Documents/Biuleten/2023/Visnyk_MVS_2023_04.pdf",
	} {
		if got[pdf] != want {
			t.Errorf("%s found at %q, want %q (documents %q)", pdf, got[pdf], want, urls)
		}
	}
	for _, u := range urls {
		if strings.HasSuffix(u, ".com/2023/05/") || strings.HasSuffix(u, ".com/2023/04/") || strings.HasSuffix(u, ".com/2023/") || strings.Contains(u, "AllItems.aspx") {
			t.Errorf("the listing %s is a document", u)
		}
	}
	if !slices.Contains(urls, blog+"/annual-report/2023/") {
		t.Errorf("the annual report's page is no document: %q", urls)
	}
}

// TestRecordViews: a repository item's full record ("/items/<id>/full": its
// metadata table, with more numbers) offering the same file as the item's page
// is a view of it, and so is a catalogue record's tab: one document, at the
// item's or record's page.
func TestRecordViews(t *testing.T) {
	const site = "https://dspace.example.edu.ua"
	title := "Цивільно-військове співробітництво: навчальний посібник"
	abstract := "<p>Посібник розглядає принципи цивільно-військового співробітництва, взаємодію військових частин з органами місцевого самоврядування та гуманітарними організаціями.</p>"
	file := `<p><a href="/bitstreams/9f1c/download">CIMIC_posibnyk.pdf (2.1 MB)</a></p>`
	page := func(body string) []byte {
		return []byte(`<!DOCTYPE html><html lang="uk"><head><title>` + title + `</title></head><body><main><h1>` + title + `</h1>` + body + `</main></body></html>`)
	}
	full := `<table><tr><td>dc.contributor.author</td><td>Коваль, Олена</td></tr><tr><td>dc.date.accessioned</td><td>2022-03-14T10:21:05Z</td></tr>` +
		`<tr><td>dc.date.issued</td><td>2021</td></tr><tr><td>dc.identifier.uri</td><td>https://dspace.example.edu.ua/handle/123456789/4521</td></tr>` +
		`<tr><td>dc.description.abstract</td><td>` + abstract + `</td></tr></table>`
	ix := buildSite(t,
		siteFile{site + "/items/9f1c", corpus.TypeHTML, page(`<p>Коваль, Олена</p><p>2021</p>` + abstract + file)},
		siteFile{site + "/items/9f1c/full", corpus.TypeHTML, page(full + file + `<p>license.txt 1.71 KB</p>`)},
		siteFile{site + "/bitstreams/9f1c/download", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Цивільно-військове співробітництво", "навчальний посібник", "Київ – 2021")},
	)
	var urls []string
	for _, d := range allDocuments(t, ix) {
		urls = append(urls, strings.TrimPrefix(d.URL, site))
	}
	if !slices.Equal(urls, []string{"/items/9f1c"}) {
		t.Errorf("documents at %q, want the item's page alone", urls)
	}

	// A catalogue record and its holdings tab: the record's header and
	// description again, and a table of copies instead of the link to the text.
	const catalog = "https://catalog.example-library.org.ua"
	header := `<p>Коваль, Олена. Київ : НУОУ, 2021. 148 с. Формат: Книга. Мова: українська.</p>` + abstract
	ix = buildSite(t,
		siteFile{catalog + "/Record/000124", corpus.TypeHTML, page(header + `<p>Зміст: принципи співробітництва; взаємодія з громадами; висновки.</p>` +
			`<p><a href="/files/fulltext/000124.pdf">Повний текст (PDF)</a></p>`)},
		siteFile{catalog + "/Record/000124/Holdings", corpus.TypeHTML, page(header + `<table><tr><th>Шифр</th><th>Примірник</th><th>Статус</th></tr>` +
			`<tr><td>355.4 К56</td><td>1</td><td>На полиці</td></tr><tr><td>355.4 К56</td><td>2</td><td>Видано</td></tr></table>`)},
		siteFile{catalog + "/files/fulltext/000124.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Цивільно-військове співробітництво", "навчальний посібник", "Київ – 2021")},
	)
	urls = nil
	for _, d := range allDocuments(t, ix) {
		urls = append(urls, strings.TrimPrefix(d.URL, catalog))
	}
	if !slices.Equal(urls, []string{"/Record/000124"}) {
		t.Errorf("documents at %q, want the record alone", urls)
	}
}

// TestCatalogueFormat: a catalogue's "Book", "Monograph" or "Serial" is a
// format rather than a genre, as a repository's "Report" is a broad one: the
// type a title or the cover's kicker names says more.
func TestCatalogueFormat(t *testing.T) {
	const site = "https://catalog.example-library.org.ua"
	page := func(title, typ string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>` + title + `</title><meta name="DC.type" content="` + typ + `"><meta name="DC.title" content="` + title + `"></head>` +
			`<body><main><h1>` + title + `</h1><p>Published 2008. A collection of tools on how to integrate gender into security sector reform, for practitioners in ministries, parliaments and civil society.</p></main></body></html>`)
	}
	labelled := func(title, typ, pdf string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>` + title + ` | E-Library</title></head>` +
			`<body><main><h1>` + title + `</h1><dl><dt>Document type</dt><dd>` + typ + `</dd><dt>Year</dt><dd>2021</dd></dl>` +
			`<p>A publication on the oversight of the security sector by parliaments, ministries and civil society.</p><p><a href="` + pdf + `">Full text (PDF)</a></p></main></body></html>`)
	}
	ix := buildSite(t,
		siteFile{site + "/Record/000120", corpus.TypeHTML, page("Gender and Security Sector Reform Toolkit", "Book")},
		siteFile{site + "/Record/000121", corpus.TypeHTML, page("Democratic Control of Armed Forces", "Book")},
		siteFile{site + "/record/1842", corpus.TypeHTML, labelled("Integrity in Defence Procurement", "Monograph", "/files/1842.pdf")},
		siteFile{site + "/files/1842.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "HANDBOOK", "Integrity in Defence Procurement", "Brussels 2021")},
		siteFile{site + "/record/1900", corpus.TypeHTML, labelled("Security Sector Monitor No. 12", "Serial", "/files/1900.pdf")},
		siteFile{site + "/files/1900.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Security Sector Monitor No. 12", "Newsletter", "March 2021")},
		siteFile{site + "/record/1951", corpus.TypeHTML, labelled("Regulating Private Security Companies", "Report", "/files/1951.pdf")},
		siteFile{site + "/files/1951.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "POLICY BRIEF", "Regulating Private Security Companies", "Kyiv 2021")})
	for id, want := range map[string]string{"/Record/000120": "toolkit", "/Record/000121": "book", "/record/1842": "handbook", "/record/1900": "newsletter",
		"/record/1951": "policy-brief"} {
		d, err := ix.Get(indexer.DocumentID(site + id))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if d.Type != want {
			t.Errorf("%s: type %q, want %q", id, d.Type, want)
		}
	}
}

// TestFileLanguageOverPage: a paper in English that a page stating Ukrainian
// presents (a conference's contribution, its event's structured data in
// Ukrainian) is in English when its pages are read in English; a file of a few
// cover lines says too little to outweigh the page.
func TestFileLanguageOverPage(t *testing.T) {
	const site = "https://indico.example.edu.ua"
	page := func(id, title, pdf string) siteFile {
		return siteFile{site + "/event/15/contributions/" + id + "/", corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="uk"><head><title>` + title + ` · Безпека і врядування 2023 (12-13 жовтня 2023)</title>` +
			`<script type="application/ld+json">{"@context":"https://schema.org","@type":"Event","name":"Безпека і врядування 2023","inLanguage":"uk","startDate":"2023-10-12"}</script></head>` +
			`<body><main><h1>` + title + `</h1><dl><dt>Доповідач</dt><dd>Марк Еллісон</dd><dt>Дата</dt><dd>12.10.2023</dd></dl>` +
			`<p>Анотація доповіді. Доповідь розглядає, як парламенти здійснюють контроль над сектором безпеки в умовах воєнного стану.</p>` +
			`<p>Матеріали: <a href="` + pdf + `">paper.pdf</a></p></main></body></html>`)}
	}
	body := []string{"Parliamentary Oversight under Martial Law", "Mark Ellison, University of Bergen"}
	for range 10 {
		body = append(body, "Parliaments keep their oversight powers when martial law is declared.")
	}
	ix := buildSite(t,
		page("345", "Parliamentary Oversight under Martial Law", "/event/15/contributions/345/attachments/678/901/paper.pdf"),
		siteFile{site + "/event/15/contributions/345/attachments/678/901/paper.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, body...)},
		page("346", "Civil Control of the Armed Forces", "/event/15/contributions/346/attachments/679/902/paper.pdf"),
		siteFile{site + "/event/15/contributions/346/attachments/679/902/paper.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Civil Control of the Armed Forces", "Kyiv 2023")},
	)
	for id, want := range map[string]string{"345": "en", "346": "uk"} {
		d, err := ix.Get(indexer.DocumentID(site + "/event/15/contributions/" + id + "/"))
		if err != nil || d.PDFURL == "" {
			t.Fatalf("contribution %s: %+v, %v", id, d, err)
		}
		if d.Lang != want {
			t.Errorf("contribution %s is in %q, want %q", id, d.Lang, want)
		}
	}
}

// TestVersionsThroughTheirFiles: a page whose language versions are named by
// their files' addresses (a Plone file item serves its PDF at its own address;
// its page is ".../view") is linked to the pages presenting those files.
func TestVersionsThroughTheirFiles(t *testing.T) {
	const site = "https://www.example-pa.int"
	en := []string{"Defence Procurement in Wartime", "General Report of the Defence and Security Committee", "Brussels 2022"}
	uk := []string{"Оборонні закупівлі в умовах війни", "Загальна доповідь Комітету з питань оборони та безпеки", "Брюссель 2022"}
	view := func(lang, base, title, other, otherLang string) siteFile {
		return siteFile{site + base + "/view", corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="` + lang + `"><head><title>` + title + ` — PASC</title>` +
			`<link rel="alternate" hreflang="` + otherLang + `" href="` + site + other + `"></head><body><main><article><h1 class="documentFirstHeading">` + title + `</h1>` +
			`<div class="documentDescription">` + title + `.</div><p>Publication date: 08.10.2022</p>` +
			`<p><a href="` + site + base + `/@@download/file/report.pdf">Download</a></p></article></main></body></html>`)}
	}
	enPDF, ukPDF := coverPDF(t, "", time.Time{}, en...), coverPDF(t, "", time.Time{}, uk...)
	ix := buildSite(t,
		view("en", "/en/documents/2022/defence-procurement", en[0], "/uk/dokumenty/2022/oboronni-zakupivli", "uk"),
		view("uk", "/uk/dokumenty/2022/oboronni-zakupivli", uk[0], "/en/documents/2022/defence-procurement", "en"),
		siteFile{site + "/en/documents/2022/defence-procurement", corpus.TypePDF, enPDF},
		siteFile{site + "/en/documents/2022/defence-procurement/@@download/file/report.pdf", corpus.TypePDF, enPDF},
		siteFile{site + "/uk/dokumenty/2022/oboronni-zakupivli", corpus.TypePDF, ukPDF},
		siteFile{site + "/uk/dokumenty/2022/oboronni-zakupivli/@@download/file/report.pdf", corpus.TypePDF, ukPDF},
	)
	for _, pair := range [][2]string{{"/en/documents/2022/defence-procurement/view", "/uk/dokumenty/2022/oboronni-zakupivli/view"}, {"/uk/dokumenty/2022/oboronni-zakupivli/view", "/en/documents/2022/defence-procurement/view"}} {
		d, err := ix.Get(indexer.DocumentID(site + pair[0]))
		if err != nil {
			t.Fatalf("%s: %v", pair[0], err)
		}
		if !slices.ContainsFunc(d.Translations, func(tr indexer.Translation) bool { return tr.URL == site+pair[1] }) {
			t.Errorf("%s: translations %+v, want %s", pair[0], d.Translations, pair[1])
		}
	}
}

// TestVersionOfUnnamedLanguage: a record naming its other version without
// saying in which language ("Other version: <a>…</a>", a library's related
// item) is translated by that version's page, in the language that page is in;
// one in its own language (an edition) is no translation.
func TestVersionOfUnnamedLanguage(t *testing.T) {
	const site = "https://library.example.org.ua"
	record := func(id, title, label, other, otherTitle, text string) siteFile {
		// The address as the crawler stores it (normalised); the links escape it.
		return siteFile{site + "/islandora/object/ssg:" + id, corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="en"><head><title>` + title + ` | Library</title></head>` +
			`<body><main><h1>` + title + `</h1><table><tr><th>Date issued</th><td>2021</td></tr><tr><th>Related item</th><td>` + label + `: <a href="/islandora/object/ssg%3A` + other + `">` + otherTitle + `</a></td></tr></table>` +
			`<p>` + text + `</p></main></body></html>`)}
	}
	en := "Parliamentary Oversight of the Security Sector"
	uk := "Парламентський контроль над сектором безпеки"
	enText := strings.Repeat("The handbook explains how parliament oversees the security sector, its committees and their powers of inquiry. ", 3)
	ix := buildSite(t,
		record("101", en, "Other version", "102", uk, enText),
		record("102", uk, "Інша мовна версія", "101", en, strings.Repeat("Посібник пояснює, як парламент здійснює контроль над сектором безпеки, його комітети та їхні повноваження. ", 3)),
		record("103", en+" (2nd edition)", "Other version", "101", en, enText+"The second edition adds a chapter on martial law."))
	for id, want := range map[string]string{"101": "102", "102": "101", "103": ""} {
		d, err := ix.Get(indexer.DocumentID(site + "/islandora/object/ssg:" + id))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		var got []string
		for _, tr := range d.Translations {
			got = append(got, strings.TrimPrefix(tr.URL, site+"/islandora/object/ssg:"))
		}
		if want == "" && len(got) > 0 || want != "" && !slices.Contains(got, want) {
			t.Errorf("%s: translations %q, want %q", id, got, want)
		}
	}
}

// TestStandingPageOffersNone: an organisation's "About us" page linking its
// annual report presents no publication, nor does a section's archive linking
// a report among items it does not offer as its own: each report is a
// document at its own address, titled by its cover.
func TestStandingPageOffersNone(t *testing.T) {
	const site = "https://analytics.example.org.ua"
	about := `<!DOCTYPE html><html lang="uk"><head><title>Про нас | Центр безпекових студій</title></head><body><main><h1>Про нас</h1>` +
		`<p>Центр безпекових студій — незалежний аналітичний центр, що з 2015 року досліджує сектор безпеки і оборони України.</p>` +
		`<p>Наш <a href="/uploads/annual_report_2023.pdf">річний звіт за 2023 рік</a> розповідає про дослідження, заходи та фінанси.</p></main></body></html>`
	archive := `<!DOCTYPE html><html lang="uk"><head><title>Архів | Центр безпекових студій</title></head><body><main><h1>Архів публікацій 2008–2015</h1>` +
		`<p>Публікації, видані до запуску нового сайту. Файли доступні для завантаження у форматі PDF.</p><ul><li>2015 – Щорічник «Безпека і оборона України» (друкована версія)</li>` +
		`<li>2014 – <a href="/download.php?id=7">Демократичний контроль над Національною гвардією України</a> (аналітична доповідь, PDF, 0,9 Мб)</li>` +
		`<li>2012 – Громадський моніторинг реформи міліції (PDF недоступний)</li></ul></main></body></html>`
	ix := buildSite(t, siteFile{site + "/about", corpus.TypeHTML, []byte(about)},
		siteFile{site + "/uploads/annual_report_2023.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Центр безпекових студій", "Річний звіт 2023", "Київ 2024")},
		siteFile{site + "/stari-publikatsii.html", corpus.TypeHTML, []byte(archive)},
		siteFile{site + "/download.php?id=7", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Центр безпекових студій", "Демократичний контроль над Національною гвардією України", "Київ 2014")})
	for file, title := range map[string]string{"/uploads/annual_report_2023.pdf": "Річний звіт 2023", "/download.php?id=7": "Демократичний контроль над Національною гвардією України"} {
		d, err := ix.Get(indexer.DocumentID(site + file))
		if err != nil {
			t.Fatal(err)
		}
		if d.URL != site+file || d.Title != title {
			t.Errorf("%s at %s titled %q, want its own address and its cover's title", file, d.URL, d.Title)
		}
	}
}

// TestPostHeadlineOverItsPublication: a blog's post handing out a publication
// under a headline of its own ("Coming home: what … gets wrong", the same words
// in other forms too) lands the publication titled by its cover; a post titled
// as its publication keeps its title.
func TestPostHeadlineOverItsPublication(t *testing.T) {
	const site = "https://medium.example.com"
	post := func(slug, headline, pdf string) siteFile {
		return siteFile{site + "/@varta/" + slug, corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="uk"><head><title>` + headline + ` | Varta</title>` +
			`<meta property="og:type" content="article"><meta property="article:published_time" content="2024-02-12T09:00:00Z"></head>` +
			`<body><main><article><h1>` + headline + `</h1><p>Ми підготували аналітичний документ про політику реінтеграції ветеранів: що держава робить і чого бракує громадам.</p>` +
			`<p><a href="` + pdf + `">Завантажити документ (PDF)</a></p></article></main></body></html>`)}
	}
	cover := []string{"АНАЛІТИЧНИЙ ЦЕНТР «ВАРТА»", "Політика реінтеграції ветеранів в Україні: прогалини та пріоритети", "Київ – 2024"}
	ix := buildSite(t,
		post("povernennia-dodomu-3f2a", "Повернення додому: що не так із ветеранською політикою", "/files/veterans.pdf"),
		siteFile{site + "/files/veterans.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, cover...)},
		post("hromadski-rady-1b2c", "Громадські ради в секторі безпеки", "/files/rady.pdf"),
		siteFile{site + "/files/rady.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "АНАЛІТИЧНИЙ ЦЕНТР «ВАРТА»", "Громадські ради в секторі безпеки: практичний посібник", "Київ – 2024")})
	for u, want := range map[string]string{"/@varta/povernennia-dodomu-3f2a": cover[1], "/@varta/hromadski-rady-1b2c": "Громадські ради в секторі безпеки"} {
		d, err := ix.Get(indexer.DocumentID(site + u))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if d.Title != want {
			t.Errorf("%s: title %q, want %q", u, d.Title, want)
		}
	}
}

// TestRecordAndItsFileView: a digital library's item page and its media page
// (titled by the file's name), each linking the other, are one publication: the
// item, which describes it, with the file the media page presents; a record's
// full view is a copy of it. A news item titled as a publication's page, each
// linking the other, is no record of it.
func TestRecordAndItsFileView(t *testing.T) {
	const site = "https://library.example-archive.org.ua"
	title := "Parliamentary Oversight of the Security Sector: A Handbook for Parliamentarians"
	item := `<!DOCTYPE html><html lang="en"><head><title>` + title + ` · Digital Library</title></head><body><main><h2>` + title + `</h2>` +
		`<dl><dt>Creator</dt><dd>Hans Born</dd><dt>Date</dt><dd>2015</dd><dt>Type</dt><dd>Handbook</dd></dl>` +
		`<div class="media-list"><a class="resource-link" href="/s/ssg/media/679"><span class="resource-name">Oversight_Handbook_EN.pdf</span></a></div></main></body></html>`
	media := `<!DOCTYPE html><html lang="en"><head><title>Oversight_Handbook_EN.pdf · Digital Library</title></head><body><main><h2>Oversight_Handbook_EN.pdf</h2>` +
		`<div class="media-render file"><a href="/files/original/9f8e7d.pdf">Oversight_Handbook_EN.pdf</a></div>` +
		`<dl><dt>Belongs to item</dt><dd><a href="/s/ssg/item/346">` + title + `</a></dd></dl></main></body></html>`
	ix := buildSite(t,
		siteFile{site + "/s/ssg/item/346", corpus.TypeHTML, []byte(item)},
		siteFile{site + "/s/ssg/media/679", corpus.TypeHTML, []byte(media)},
		siteFile{site + "/files/original/9f8e7d.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Parliamentary Oversight of the Security Sector", "A Handbook for Parliamentarians", "Geneva 2015")})
	docs := allDocuments(t, ix)
	if len(docs) != 1 || docs[0].URL != site+"/s/ssg/item/346" || docs[0].PDFURL != site+"/files/original/9f8e7d.pdf" || docs[0].Type != "handbook" {
		for _, d := range docs {
			t.Logf("%s pdf=%s type=%s %q", d.URL, d.PDFURL, d.Type, d.Title)
		}
		t.Errorf("%d documents, want the item page with the file", len(docs))
	}

	const centre = "https://ssr.example.org"
	news := `<!DOCTYPE html><html lang="en"><head><title>` + title + ` | SSR Centre</title></head><body><main><article><h1>` + title + `</h1>` +
		`<p>12 May 2015. The centre presented its new handbook to the members of the defence committee.</p><p><a href="/publications/oversight-handbook/">The handbook</a></p></article></main></body></html>`
	pub := `<!DOCTYPE html><html lang="en"><head><title>` + title + ` | SSR Centre</title></head><body><main><article><h1>` + title + `</h1>` +
		`<p>Published 2015. A handbook on how parliaments oversee the security sector.</p><p><a href="/files/oversight-handbook.pdf">Download the handbook</a></p>` +
		`<p>Related news: <a href="/news/2015/oversight-handbook-presented/">presentation</a></p></article></main></body></html>`
	ix = buildSite(t,
		siteFile{centre + "/news/2015/oversight-handbook-presented/", corpus.TypeHTML, []byte(news)},
		siteFile{centre + "/publications/oversight-handbook/", corpus.TypeHTML, []byte(pub)},
		siteFile{centre + "/files/oversight-handbook.pdf", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Parliamentary Oversight of the Security Sector", "A Handbook for Parliamentarians", "Geneva 2015")})
	d, err := ix.Get(indexer.DocumentID(centre + "/news/2015/oversight-handbook-presented/"))
	if err != nil || d.PDFURL != "" {
		t.Errorf("the news item: %+v, %v; want a page of its own", d, err)
	}

	// A repository item's full record ("/full"), titled as the item and
	// linking it, is a view of it.
	const repo = "https://dspace.example.edu.ua"
	record := func(full bool) string {
		h := `<!DOCTYPE html><html lang="en"><head><title>` + title + ` | Repository</title></head><body><main><h1>` + title + `</h1>`
		if full {
			return h + `<table><tr><td>dc.contributor.author</td><td>Born, Hans</td></tr><tr><td>dc.date.issued</td><td>2015</td></tr><tr><td>dc.type</td><td>Book</td></tr></table>` +
				`<p><a href="/items/3f2b36ab">Simple item page</a></p></main></body></html>`
		}
		return h + `<p>Date: 2015. Author: Hans Born.</p><p><a href="/bitstreams/9f8e/download">Oversight_Handbook_EN.pdf</a></p><p><a href="/items/3f2b36ab/full">Full item page</a></p></main></body></html>`
	}
	ix = buildSite(t,
		siteFile{repo + "/items/3f2b36ab", corpus.TypeHTML, []byte(record(false))},
		siteFile{repo + "/items/3f2b36ab/full", corpus.TypeHTML, []byte(record(true))},
		siteFile{repo + "/bitstreams/9f8e/download", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Parliamentary Oversight of the Security Sector", "A Handbook for Parliamentarians", "Geneva 2015")})
	if docs := allDocuments(t, ix); len(docs) != 1 || docs[0].URL != repo+"/items/3f2b36ab" {
		for _, d := range docs {
			t.Logf("%s pdf=%s %q", d.URL, d.PDFURL, d.Title)
		}
		t.Errorf("%d documents, want the item alone", len(docs))
	}

	// A page's copy under the other interface language's address, never
	// translated, is a copy of it; the page whose address names its language
	// stays.
	const network = "https://network.example.eu"
	localised := func(lang, other string) siteFile {
		return siteFile{network + "/" + lang + "/publications/oversight-handbook", corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="` + lang + `"><head><title>` + title + `</title></head><body>` +
			`<header><a href="/` + other + `/publications/oversight-handbook">` + strings.ToUpper(other) + `</a></header><main><h1>` + title + `</h1>` +
			`<p>Published 2015. A handbook on how parliaments oversee the security sector: committees, inquiries, budgets and the services.</p>` +
			map[string]string{"en": `<p>Our network's members wrote it together.</p>`, "uk": `<p>Published by the network.</p>`}[lang] + `</main></body></html>`)}
	}
	ix = buildSite(t, localised("en", "uk"), localised("uk", "en"))
	if docs := allDocuments(t, ix); len(docs) != 1 || docs[0].URL != network+"/en/publications/oversight-handbook" {
		for _, d := range docs {
			t.Logf("%s %s %q", d.URL, d.Lang, d.Title)
		}
		t.Errorf("%d documents, want the English page alone", len(docs))
	}
}

// TestEventByItsTypeField: a page whose type field names an event ("Тип:
// Подія", a resource library's property) is an event, not a type of its own.
func TestEventByItsTypeField(t *testing.T) {
	const site = "https://library-notion.example.org"
	page := `<!DOCTYPE html><html lang="uk"><head><title>Презентація дослідження про довіру до поліції</title></head><body><main><article><h1>Презентація дослідження про довіру до поліції</h1>` +
		`<table><tr><td>Тип</td><td>Подія</td></tr><tr><td>Дата</td><td>14 березня 2024</td></tr></table>` +
		`<p>Запрошуємо на презентацію результатів дослідження про довіру до поліції в громадах.</p></article></main></body></html>`
	ix := buildSite(t, siteFile{site + "/Prezentatsiia-doslidzhennia-3f2a9c1d", corpus.TypeHTML, []byte(page)})
	d, err := ix.Get(indexer.DocumentID(site + "/Prezentatsiia-doslidzhennia-3f2a9c1d"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Type != indexer.TypeEvent {
		t.Errorf("type %q, want %q", d.Type, indexer.TypeEvent)
	}
}

// TestFileEveryPageOffers: a documentation site's "Export as PDF" on every
// chapter offers the whole handbook alike: no chapter presents it, the file is
// a document of its own.
func TestFileEveryPageOffers(t *testing.T) {
	const site = "https://handbook.example.org"
	chapter := func(slug, title, text string) siteFile {
		return siteFile{site + "/" + slug, corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="en"><head><title>` + title + ` | PSC Handbook</title></head><body>` +
			`<main><div class="page-actions"><a href="/~gitbook/pdf?limit=100">Export as PDF</a></div><h1>` + title + `</h1><p>` + strings.Repeat(text+" ", 4) + `</p>` +
			`<p>Last updated 3 months ago</p></main></body></html>`)}
	}
	ix := buildSite(t,
		chapter("part-1/licensing", "Chapter 1: Licensing and registration", "A private security company needs a licence from the Ministry of Internal Affairs."),
		chapter("part-1/oversight", "Chapter 2: Inspections of licensees", "Inspections check that licensees keep the licence conditions."),
		chapter("part-2/complaints", "Chapter 3: Complaints by citizens", "Citizens may complain about a guard's conduct to the licensing authority."),
		chapter("annex-model-law", "Annex: Model law provisions", "The annex sets out model provisions for a law on private security."),
		siteFile{site + "/~gitbook/pdf?limit=100", corpus.TypePDF, coverPDF(t, "", time.Time{}, "Private Security Companies", "An Open Handbook for Regulators", "2024")})
	d, err := ix.Get(indexer.DocumentID(site + "/~gitbook/pdf?limit=100"))
	if err != nil {
		t.Fatal(err)
	}
	if d.URL != site+"/~gitbook/pdf?limit=100" {
		t.Errorf("the handbook presented by %s, want a document of its own", d.URL)
	}
}

// TestSitePublisherOfAPageOnlyPublication: a publication's page whose file is
// kept elsewhere (a repository's deposit) is published by the site's
// organisation when nothing else names one; a news item is not.
func TestSitePublisherOfAPageOnlyPublication(t *testing.T) {
	const site = "https://network.example.eu"
	page := func(path, title, typ string) siteFile {
		return siteFile{site + path, corpus.TypeHTML, []byte(`<!DOCTYPE html><html lang="en"><head><title>` + title + ` – EaP Security Governance Network</title>` +
			`<meta property="og:site_name" content="Eastern Partnership Security Governance Network"></head><body><main><article><h1>` + title + `</h1>` +
			`<dl><dt>Type</dt><dd>` + typ + `</dd><dt>Date</dt><dd>12 March 2023</dd></dl><p>The paper maps the bodies that oversee the security sector in the region and the gaps in their mandates.</p>` +
			`<p><a href="https://zenodo.org/records/7654321">Read on Zenodo</a></p></article></main></body></html>`)}
	}
	ix := buildSite(t, page("/publications/mapping-oversight-bodies/", "Mapping Oversight Bodies in the Eastern Partnership", "Working paper"),
		page("/news/2023/network-meets-in-chisinau/", "The network meets in Chișinău", "News"))
	for path, want := range map[string]string{"/publications/mapping-oversight-bodies/": "Eastern Partnership Security Governance Network", "/news/2023/network-meets-in-chisinau/": ""} {
		d, err := ix.Get(indexer.DocumentID(site + path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if d.Publisher != want {
			t.Errorf("%s (%s): publisher %q, want %q", path, d.Type, d.Publisher, want)
		}
	}
}
