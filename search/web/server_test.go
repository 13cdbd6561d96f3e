package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gorilla/mux"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/indexer/poppler"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/quote"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// serve starts the server of cfg on loopback for the test.
func serve(t *testing.T, cfg web.Config) (*web.Server, *httptest.Server) {
	t.Helper()
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts
}

func sampleServer(t *testing.T) *httptest.Server {
	t.Helper()
	ix, store := indextest.Sample(t)
	g, err := search.BundledGlossary() // as the server searches
	if err != nil {
		t.Fatal(err)
	}
	_, ts := serve(t, web.Config{Index: ix, Corpus: store, Glossary: g})
	return ts
}

// TestCrossLanguageAPIAndUI: an English query finds a Ukrainian document, says what
// it searched, and the UI offers to turn that off.
func TestCrossLanguageAPIAndUI(t *testing.T) {
	ts := sampleServer(t)
	var on, off search.Response
	for _, c := range []struct {
		param string
		into  *search.Response
	}{{"", &on}, {"&xlang=off", &off}} {
		code, _, body := get(t, ts.URL+"/api/v1/search?q=domestic+violence"+c.param)
		if code != 200 {
			t.Fatalf("status %d: %s", code, body)
		}
		if err := json.Unmarshal([]byte(body), c.into); err != nil {
			t.Fatal(err)
		}
	}
	if !on.XLang || on.Total == 0 || len(on.Expansions) == 0 || on.Hits[0].Lang != "uk" {
		t.Errorf("xlang on: %+v", on)
	}
	if off.XLang || off.Total != 0 {
		t.Errorf("xlang off: total %d, expansions %v", off.Total, off.Expansions)
	}
	for _, e := range off.Expansions {
		if !e.Synonym {
			t.Errorf("xlang off: translation searched: %+v", e)
		}
	}
	// Synonyms are searched either way, and the page says which.
	_, _, offPage := get(t, ts.URL+"/?q=domestic+violence&xlang=off")
	for _, want := range []string{"other ways of saying it", "domestic abuse"} {
		if !strings.Contains(offPage, want) {
			t.Errorf("results page with xlang off lacks %q", want)
		}
	}
	// A word no document has is searched as its synonyms, and the page says so.
	_, _, graft := get(t, ts.URL+"/?q=graft")
	for _, want := range []string{"graft</em> (in no document) →", "corruption"} {
		if !strings.Contains(graft, want) {
			i := strings.Index(graft, `class="expansions"`)
			t.Errorf("results page for a word in no document lacks %q: %s", want, graft[max(0, i):min(len(graft), i+300)])
		}
	}
	// One that the synonym list does not know is searched as WordNet's words for
	// it that documents have, and the page names WordNet.
	_, _, draftees := get(t, ts.URL+"/?q=draftees")
	for _, want := range []string{"draftee</em> (in no document; from WordNet) →", "conscript"} {
		if !strings.Contains(draftees, want) {
			i := strings.Index(draftees, `class="expansions"`)
			t.Errorf("results page for a word in no document nor the synonym list lacks %q: %s", want, draftees[max(0, i):min(len(draftees), i+300)])
		}
	}
	// A compound no document has is searched as its two words.
	_, _, compound := get(t, ts.URL+"/?q=%D0%B4%D0%B5%D1%80%D0%B6%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82") // держбюджет
	for _, want := range []string{"держбюджет</em> (in no document; its two words) →", "державний бюджет"} {
		if !strings.Contains(compound, want) {
			i := strings.Index(compound, `class="expansions"`)
			t.Errorf("results page for a compound in no document lacks %q: %s", want, compound[max(0, i):min(len(compound), i+300)])
		}
	}
	_, _, page := get(t, ts.URL+"/?q=domestic+violence")
	for _, want := range []string{"домашнє насильство", `href="/?q=domestic&#43;violence&amp;xlang=off"`} {
		if !strings.Contains(page, want) {
			i := strings.Index(page, `class="xlang"`)
			t.Errorf("results page lacks %q: %s", want, page[max(0, i):min(len(page), i+300)])
		}
	}
}

// listening serves srv as ssgsearch serve does (ListenAndServe, with its
// upkeep) on a loopback port until the test ends or stop is called, which says
// how serving ended; it returns the server's base URL.
func listening(t *testing.T, srv *web.Server) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addr <- a }) }()
	select {
	case a := <-addr:
		base = "http://" + a.String()
	case err := <-done:
		cancel()
		t.Fatal(err)
	}
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-done })
		return err
	}
	t.Cleanup(func() { _ = stop() })
	return base, stop
}

func get(t *testing.T, u string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

func TestAPISearch(t *testing.T) {
	ts := sampleServer(t)
	code, hdr, body := get(t, ts.URL+"/api/v1/search?q="+url.QueryEscape(`"closed hearing is not a secret hearing"`))
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, type %s: %s", code, hdr.Get("Content-Type"), body)
	}
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("want 1 hit, got %d: %s", res.Total, body)
	}
	h := res.Hits[0]
	if h.ID == "" || h.Title == "" || h.Type != "handbook" || h.Lang != "en" || h.Date != "2019-05-14" {
		t.Errorf("hit metadata incomplete: %+v", h)
	}
	// The publisher's address (the sample has one of its own), and the archived copy.
	if h.PDFURL != data.SampleBaseURL+"wp-content/uploads/2019/05/parliamentary-oversight-handbook.pdf" {
		t.Errorf("pdf_url %q is not the publisher's address of the PDF", h.PDFURL)
	}
	if !strings.HasPrefix(h.ArchiveURL, ts.URL+"/files/") || !strings.HasSuffix(h.ArchiveURL, ".pdf") {
		t.Errorf("archive_url %q is not an absolute link to the stored PDF", h.ArchiveURL)
	}
	if len(h.Pages) != 1 || h.Pages[0].Page != 15 || h.Pages[0].URL != h.PDFURL+"#page=15" {
		t.Fatalf("pages = %+v, want page 15 opening at #page=15", h.Pages)
	}
	if !strings.Contains(h.Pages[0].Snippet, "<mark>closed</mark>") {
		t.Errorf("snippet not highlighted: %q", h.Pages[0].Snippet)
	}
	// The archived copy serves the PDF.
	code, hdr, pdf := get(t, h.ArchiveURL)
	if code != http.StatusOK || hdr.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("GET pdf_url: %d %s", code, hdr.Get("Content-Type"))
	}
}

func TestAPIErrors(t *testing.T) {
	ts := sampleServer(t)
	tests := []struct {
		path    string
		code    int
		message string
	}{
		{"/api/v1/search?q=" + url.QueryEscape(`"closed hearing`), 400, "unterminated phrase"},
		{"/api/v1/search?q=" + url.QueryEscape(`(oversight`), 400, "unbalanced"},
		{"/api/v1/search?q=", 400, "empty query"},
		{"/api/v1/search?q=oversight&page=x", 400, "page must be a whole number"},
		{"/api/v1/search?q=oversight&size=1000", 400, "size must be between"},
		{"/api/v1/search?q=oversight&size=0", 400, "size must be 1 or more"},
		{"/api/v1/search?q=oversight&page=0", 400, "page must be 1 or more"},
		{"/api/v1/search?q=oversight&xlang=maybe", 400, "xlang must be on or off"},
		{"/api/v1/nothing", 404, "not found"},
		{"/files/abc.pdf", 404, "not found"},
		{"/files/" + strings.Repeat("0", 64) + ".pdf", 404, "not found"},
	}
	for _, tt := range tests {
		code, hdr, body := get(t, ts.URL+tt.path)
		if code != tt.code {
			t.Errorf("%s: status %d, want %d (%s)", tt.path, code, tt.code, body)
			continue
		}
		if strings.HasPrefix(tt.path, "/api/") {
			var e struct{ Error string }
			if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, tt.message) {
				t.Errorf("%s: body %s, want an error containing %q (%s)", tt.path, body, tt.message, hdr.Get("Content-Type"))
			}
		}
	}
}

func TestHealthz(t *testing.T) {
	ts := sampleServer(t)
	code, _, body := get(t, ts.URL+"/healthz")
	if code != 200 || !strings.Contains(body, `"status":"ok"`) {
		t.Fatalf("healthz: %d %s", code, body)
	}
}

func TestUISearch(t *testing.T) {
	ts := sampleServer(t)
	code, _, body := get(t, ts.URL+"/?q="+url.QueryEscape("розвідувальні органи"))
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, want := range []string{
		"Демократичний контроль над розвідувальними органами",
		`<mark>`, `#page=`, "Українська", "policy paper",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	code, _, body = get(t, ts.URL+"/?q="+url.QueryEscape(`"closed`))
	if code != 400 || !strings.Contains(body, "unterminated phrase") {
		t.Errorf("bad query: status %d, want 400 with the reason", code)
	}
	code, _, body = get(t, ts.URL+"/")
	if code != 200 || !strings.Contains(body, `name="q"`) {
		t.Errorf("home page: status %d", code)
	}
	// Paging links carry the query; page 2 starts where page 1 ended.
	_, _, body = get(t, ts.URL+"/?q=security&size=2")
	if !strings.Contains(body, `rel="next" href="/?page=2&amp;q=security&amp;size=2"`) || strings.Contains(body, `rel="prev"`) {
		t.Errorf("page 1 paging links wrong")
	}
	_, _, body = get(t, ts.URL+"/?q=security&size=2&page=2")
	if !strings.Contains(body, `<ol class="hits" start="3">`) || !strings.Contains(body, `rel="prev"`) {
		t.Errorf("page 2 numbering or links wrong")
	}
	code, _, body = get(t, ts.URL+"/no/such/page")
	if code != 404 || !strings.Contains(body, "<h1>404 Not found</h1>") || !strings.Contains(body, "There is no such page") {
		t.Errorf("unknown page: status %d: %s", code, body)
	}
	code, _, body = get(t, ts.URL+"/no/such/page?lang=uk")
	if code != 404 || !strings.Contains(body, "<h1>404 Не знайдено</h1>") || !strings.Contains(body, "Тут немає такої сторінки") {
		t.Errorf("unknown page in Ukrainian: status %d: %s", code, body)
	}
	resp, err := http.Post(ts.URL+"/api/v1/search?q=x", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/v1/search: status %d, want 405", resp.StatusCode)
	}
}

// TestEscaping indexes a page whose text contains markup and checks that neither the
// API snippets nor the UI let it through as markup.
func TestEscaping(t *testing.T) {
	ix, store := indextest.FS(t, os.DirFS("testdata/hostile"), "file:///srv/hostile/")
	_, ts := serve(t, web.Config{Index: ix, Corpus: store})

	_, _, body := get(t, ts.URL+"/api/v1/search?q=alert")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) != 1 {
		t.Fatalf("want 1 hit: %v %s", err, body)
	}
	snip := res.Hits[0].Pages[0].Snippet
	if strings.Contains(snip, "<script") || strings.Contains(snip, "<img") || !strings.Contains(snip, "&lt;script&gt;") {
		t.Errorf("API snippet not escaped: %q", snip)
	}
	_, _, page := get(t, ts.URL+"/?q=alert")
	for _, bad := range []string{"<script>alert", "<img src=x", `<script>alert("title")`} {
		if strings.Contains(page, bad) {
			t.Errorf("UI contains raw %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;") {
		t.Errorf("UI lost the escaped text")
	}
	// Stored copies of crawled pages are served sandboxed.
	u := res.Hits[0].URL
	_, hdr, _ := get(t, u)
	if hdr.Get("Content-Security-Policy") != "sandbox" {
		t.Errorf("stored HTML served without sandbox: %q", hdr.Get("Content-Security-Policy"))
	}
}

func TestAdminRoutes(t *testing.T) {
	ix, store := indextest.Sample(t)
	release := make(chan struct{})
	crawled := 0
	_, ts := serve(t, web.Config{
		Index: ix, Corpus: store, AdminToken: "s3cret",
		Rebuild: func(ctx context.Context) (indexer.Report, error) {
			return indexer.BuildAll(ctx, store, ix, indexer.Options{})
		},
		Crawl: func(ctx context.Context) error {
			<-release
			crawled++
			return nil
		},
	})
	do := func(method, path, token string) (int, string) {
		req, _ := http.NewRequest(method, ts.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return fetch(t, req)
	}
	for _, tok := range []string{"", "wrong", "s3cre"} {
		if code, _ := do("POST", "/api/v1/admin/reindex", tok); code != http.StatusUnauthorized {
			t.Errorf("token %q: status %d, want 401", tok, code)
		}
	}
	code, body := do("POST", "/api/v1/admin/reindex", "s3cret")
	if code != 200 || !strings.Contains(body, `"documents":13`) || !strings.Contains(body, `"written":0`) {
		t.Errorf("reindex: %d %s", code, body)
	}
	if code, body = do("POST", "/api/v1/admin/crawl", "s3cret"); code != http.StatusAccepted || !strings.Contains(body, `"running":true`) {
		t.Errorf("start crawl: %d %s", code, body)
	}
	if code, _ = do("POST", "/api/v1/admin/crawl", "s3cret"); code != http.StatusConflict {
		t.Errorf("second crawl while one runs: %d, want 409", code)
	}
	close(release)
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body = do("GET", "/api/v1/admin/crawl", "s3cret")
		if strings.Contains(body, `"running":false`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("crawl did not finish: %s", body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if crawled != 1 || !strings.Contains(body, `"index":{`) {
		t.Errorf("after the crawl: crawled %d, status %s; want one crawl followed by a re-index", crawled, body)
	}
}

func TestAdminRoutesOff(t *testing.T) {
	ix, store := indextest.Sample(t)
	_, ts := serve(t, web.Config{Index: ix, Corpus: store})
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/admin/reindex", nil)
	req.Header.Set("Authorization", "Bearer ")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("admin route without a configured token: %d, want 401", resp.StatusCode)
	}
}

// TestPageLabels checks that a PDF's printed page numbers reach the API and the UI.
func TestPageLabels(t *testing.T) {
	pdf, err := os.ReadFile(filepath.Join("..", "..", "indexer", "extract", "testdata", "labelled.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ix, store := indextest.FS(t, fstest.MapFS{"report.pdf": {Data: pdf}}, "file:///srv/")
	_, ts := serve(t, web.Config{Index: ix, Corpus: store})
	_, _, body := get(t, ts.URL+"/api/v1/search?q=budgets")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v %s", err, body)
	}
	if p := res.Hits[0].Pages[0]; p.Page != 4 || p.Label != "2" || !strings.HasSuffix(p.URL, "#page=4") {
		t.Errorf("page hit %+v, want physical page 4 labelled 2", p)
	}
	if _, _, page := get(t, ts.URL+"/?q=budgets"); !strings.Contains(page, "p. 4 (2)") {
		t.Errorf("UI does not show the printed page number")
	}
}

// TestPageSourcesShown: a page without text is marked in the document's page list,
// in the API and the UI, so users know it cannot match.
func TestPageSourcesShown(t *testing.T) {
	pdf := pdftest.Pages(
		[]pdftest.Line{{X: 72, Y: 700, Size: 12, Text: "Budget oversight by parliament."}},
		nil,
		[]pdftest.Line{{X: 72, Y: 700, Size: 12, Text: "Audit of defence procurement."}},
	)
	ix, store := indextest.FS(t, fstest.MapFS{"budget.pdf": {Data: pdf}}, "file:///srv/")
	_, ts := serve(t, web.Config{Index: ix, Corpus: store})
	_, _, body := get(t, ts.URL+"/api/v1/search?q=procurement")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v %s", err, body)
	}
	_, _, body = get(t, ts.URL+"/api/v1/documents/"+res.Hits[0].ID)
	var doc struct{ Pages []web.PageSourceJSON }
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	want := []web.PageSourceJSON{{Page: 1, Source: "text"}, {Page: 2, Source: "no_text"}, {Page: 3, Source: "text"}}
	if !slices.Equal(doc.Pages, want) {
		t.Errorf("pages %+v, want %+v", doc.Pages, want)
	}
	_, _, page := get(t, ts.URL+"/documents/"+res.Hits[0].ID)
	if !strings.Contains(page, "1 page without searchable text") || !regexp.MustCompile(`>2 <span class="src">no text</span>`).MatchString(page) {
		t.Errorf("document page does not mark the page without text")
	}
	_, _, page = get(t, ts.URL+"/documents/"+res.Hits[0].ID+"?lang=uk")
	if !strings.Contains(page, "1 сторінка без тексту для пошуку") {
		t.Errorf("Ukrainian document page does not say so")
	}
}

func TestDocumentRoutes(t *testing.T) {
	ts := sampleServer(t)
	_, _, body := get(t, ts.URL+"/api/v1/search?q="+url.QueryEscape(`"closed hearing"`))
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) == 0 {
		t.Fatal(err)
	}
	id := res.Hits[0].ID

	code, _, body := get(t, ts.URL+"/api/v1/documents/"+id)
	var doc struct {
		PDFURL      string    `json:"pdf_url"`
		ArchiveURL  string    `json:"archive_url"`
		PageCount   int       `json:"page_count"`
		ContentHash string    `json:"content_hash"`
		FetchedAt   time.Time `json:"fetched_at"`
		Referrers   []string  `json:"referrers"`
		Pages       []web.PageSourceJSON
		Sources     string `json:"page_sources"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || code != 200 || doc.PageCount != 25 || doc.ContentHash == "" || !strings.HasPrefix(doc.PDFURL, data.SampleBaseURL) ||
		doc.ArchiveURL != ts.URL+"/files/"+doc.ContentHash+".pdf" ||
		doc.FetchedAt.IsZero() || len(doc.Referrers) == 0 || !strings.HasPrefix(doc.Referrers[0], data.SampleBaseURL) || doc.Sources != "" {
		t.Errorf("document: %d %s", code, body)
	}
	if len(doc.Pages) != 25 || doc.Pages[24] != (web.PageSourceJSON{Page: 25, Source: indexer.SourceText}) {
		t.Errorf("document pages: %+v", doc.Pages)
	}
	// A page number edited by hand: refused, in the interface's language.
	if code, b := getIn(t, ts.URL+"/documents/"+id+"/pages/x", "uk"); code != 400 || !strings.Contains(b, "номер сторінки має бути цілим числом від 1") {
		t.Errorf("Ukrainian page view of page x: %d", code)
	}
	if code, _, b := get(t, ts.URL+"/api/v1/documents/"+id+"/pages/0"); code != 400 || !strings.Contains(b, "page must be a whole number from 1") {
		t.Errorf("API page 0: %d %s", code, b)
	}
	code, _, body = get(t, ts.URL+"/api/v1/documents/"+id+"/pages/15?q=closed")
	var page PageTextAnswer
	if err := json.Unmarshal([]byte(body), &page); err != nil || code != 200 || page.Page != 15 || page.Matches == 0 ||
		!strings.Contains(page.HTML, "<mark>closed</mark>") || !strings.HasSuffix(page.URL, "#page=15") {
		t.Errorf("page 15: %d %s", code, body)
	}
	code, _, body = get(t, ts.URL+"/api/v1/documents/"+id+"/search?q=hearing")
	var in struct {
		Total int
		Pages []search.PageJSON
	}
	if err := json.Unmarshal([]byte(body), &in); err != nil || code != 200 || in.Total < 2 || in.Pages[0].Page >= in.Pages[1].Page {
		t.Errorf("search in document: %d %s", code, body)
	}
	for path, want := range map[string]int{
		"/api/v1/documents/nope":                        404,
		"/api/v1/documents/" + id + "/pages/26":         404,
		"/api/v1/documents/" + id + "/pages/zero":       400,
		"/api/v1/documents/" + id + "/search?q=%22open": 400,
		"/api/v1/documents/" + id + "/search?q=":        400,
		"/documents/nope":                               404,
		"/documents/" + id:                              200,
		"/documents/" + id + "?q=hearing":               200,
		"/documents/" + id + "/pages/15?q=closed":       200,
		"/documents/" + id + "/pages/99":                404,
	} {
		if code, _, _ := get(t, ts.URL+path); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
	code, hdr, body := get(t, ts.URL+"/api/v1/documents/"+id+"/cite?format=ris&page=15")
	if code != 200 || !strings.Contains(body, "SP  - 15") || !strings.Contains(body, "TI  - Parliamentary Oversight") || !strings.Contains(hdr.Get("Content-Type"), "research-info-systems") {
		t.Errorf("cite: %d %s", code, body)
	}
	for path, want := range map[string]int{
		"/api/v1/documents/" + id + "/cite":            200,
		"/api/v1/documents/" + id + "/cite?format=mla": 400,
		"/api/v1/documents/" + id + "/cite?page=99":    400,
		"/api/v1/documents/" + id + "/cite?page=x":     400,
		"/api/v1/documents/nope/cite":                  404,
	} {
		if code, _, _ := get(t, ts.URL+path); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
	code, _, body = get(t, ts.URL+"/api/v1/documents/"+id+"/related?size=3")
	var rel search.Response
	if err := json.Unmarshal([]byte(body), &rel); err != nil || code != 200 || len(rel.Hits) == 0 || len(rel.Hits) > 3 {
		t.Errorf("related: %d %s", code, body)
	}
	for path, want := range map[string]int{"/api/v1/documents/" + id + "/related?size=50": 400, "/api/v1/documents/nope/related": 404} {
		if code, _, _ := get(t, ts.URL+path); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
	_, _, docPage := get(t, ts.URL+"/documents/"+id)
	if !strings.Contains(docPage, "Related documents") || !strings.Contains(docPage, "Marchenko, O., &amp; Keller, T. (2019).") {
		t.Errorf("document page lacks related documents or the APA citation")
	}
	// Referring pages: the first five linked, the rest counted.
	refs := regexp.MustCompile(`(?s)<p class="referrers">.*?</p>`).FindString(docPage)
	shown := strings.Count(refs, "<a ")
	if shown == 0 || shown > 5 || shown != min(5, len(doc.Referrers)) ||
		len(doc.Referrers) > 5 && !strings.Contains(refs, fmt.Sprintf("%d pages in all", len(doc.Referrers))) {
		t.Errorf("referrers on the page: %d links of %d: %s", shown, len(doc.Referrers), refs)
	}
	if _, _, page := get(t, ts.URL+"/documents/"+id+"?cite=bibtex"); !strings.Contains(page, "@book{marchenko2019") {
		t.Errorf("document page does not switch the citation format")
	}
	if code, _, _ := get(t, ts.URL+"/documents/"+id+"?cite=mla"); code != 400 {
		t.Errorf("unknown citation format: %d", code)
	}
	_, _, html := get(t, ts.URL+"/documents/"+id+"/pages/15?q=closed")
	if !strings.Contains(html, "<mark>closed</mark>") || !strings.Contains(html, `rel="next" href="/documents/`+id+`/pages/16?q=closed"`) {
		t.Errorf("page view lacks marks or paging")
	}
	if !regexp.MustCompile(`<h1>Page 15 of \d+`).MatchString(html) {
		t.Errorf("page view does not say how many pages the document has")
	}
}

// PageTextAnswer mirrors web.PageTextJSON for decoding.
type PageTextAnswer = web.PageTextJSON

func TestDocumentPageEscapes(t *testing.T) {
	ix, store := indextest.FS(t, os.DirFS("testdata/hostile"), "file:///srv/hostile/")
	_, ts := serve(t, web.Config{Index: ix, Corpus: store})
	_, _, body := get(t, ts.URL+"/api/v1/search?q=alert")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) != 1 {
		t.Fatal(err)
	}
	for _, path := range []string{"/documents/" + res.Hits[0].ID, "/documents/" + res.Hits[0].ID + "/pages/1", "/documents/" + res.Hits[0].ID + "/pages/1?q=alert"} {
		_, _, page := get(t, ts.URL+path)
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") || !strings.Contains(page, "&lt;script&gt;") {
			t.Errorf("%s: crawled text not escaped", path)
		}
	}
}

func TestFacetsAndFilters(t *testing.T) {
	ts := sampleServer(t)
	_, _, body := get(t, ts.URL+"/api/v1/search?q=security+OR+безпеки&size=50")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Facets["lang"]) != 2 || len(res.Facets["type"]) < 3 || len(res.Facets["year"]) < 3 {
		t.Fatalf("facets: %v", res.Facets)
	}
	_, _, body = get(t, ts.URL+"/api/v1/search?q=security+OR+безпеки&size=50&lang=uk&year_from=2021")
	var uk search.Response
	if err := json.Unmarshal([]byte(body), &uk); err != nil || uk.Total == 0 || uk.Total >= res.Total {
		t.Fatalf("filtered: %v %s", err, body)
	}
	for _, h := range uk.Hits {
		if h.Lang != "uk" || h.Date < "2021" {
			t.Errorf("filtered hit %s %s %s", h.Title, h.Lang, h.Date)
		}
	}
	for path, want := range map[string]int{
		"/api/v1/search?q=x&lang=klingon":                400,
		"/api/v1/search?q=x&year_from=2022&year_to=2020": 400,
		"/api/v1/search?q=x&year_from=twenty":            400,
	} {
		if code, _, _ := get(t, ts.URL+path); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
	_, _, page := get(t, ts.URL+"/?q=security+OR+безпеки&language=uk")
	for _, want := range []string{`aria-label="Refine the results"`, `<strong>Українська</strong>`, `aria-label="Remove filter Language: Українська"`, `href="/?q=security&#43;OR&#43;%D0%B1%D0%B5%D0%B7%D0%BF%D0%B5%D0%BA%D0%B8"`} {
		if !strings.Contains(page, want) {
			t.Errorf("results page lacks %s", want)
		}
	}
}

func TestSortParam(t *testing.T) {
	ts := sampleServer(t)
	if code, _, _ := get(t, ts.URL+"/api/v1/search?q=security&sort=random"); code != 400 {
		t.Errorf("bad sort: %d", code)
	}
	_, _, body := get(t, ts.URL+"/api/v1/search?q=security+OR+безпеки&sort=newest&size=50")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || res.Sort != "newest" || len(res.Hits) < 2 || res.Hits[0].Date < res.Hits[1].Date {
		t.Errorf("newest: %v %s", err, body)
	}
	_, _, page := get(t, ts.URL+"/?q=security&sort=newest")
	if !strings.Contains(page, "<strong>newest</strong>") || !strings.Contains(page, `<a href="/?q=security">relevance</a>`) {
		t.Errorf("sort links missing")
	}
}

func TestExport(t *testing.T) {
	ts := sampleServer(t)
	code, hdr, body := get(t, ts.URL+"/api/v1/search/export?q=security+OR+безпеки&format=csv")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") || !strings.Contains(hdr.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: %d %v", code, hdr)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	_, _, sbody := get(t, ts.URL+"/api/v1/search?q=security+OR+безпеки&size=1")
	var res search.Response
	json.Unmarshal([]byte(sbody), &res)
	if len(rows) != res.Total+1 || rows[0][0] != "rank" || rows[1][14] != "security OR безпеки" || rows[1][2] != res.Hits[0].Title {
		t.Errorf("csv: %d rows for %d documents; first %v", len(rows), res.Total, rows[:2])
	}
	// A cell a spreadsheet would run as a formula is written as text.
	_, _, body = get(t, ts.URL+"/api/v1/search/export?q=%40oversight&format=csv")
	if rows, err := csv.NewReader(strings.NewReader(body)).ReadAll(); err != nil || len(rows) < 2 || rows[1][14] != "'@oversight" {
		t.Errorf("csv of a query starting with @: %v %q", err, rows)
	}
	_, _, body = get(t, ts.URL+"/api/v1/search/export?q=oversight&format=json&sort=newest")
	var js struct {
		Run       struct{ Query string }
		Total     int
		Documents []struct {
			Rank     int
			BestPage int `json:"best_page"`
		}
	}
	if err := json.Unmarshal([]byte(body), &js); err != nil || js.Run.Query != "oversight" || js.Total != len(js.Documents) || js.Total == 0 || js.Documents[0].BestPage == 0 {
		t.Errorf("json export: %v %s", err, body)
	}
	// A filter alone exports what it keeps, as it lists it.
	code, _, body = get(t, ts.URL+"/api/v1/search/export?lang=uk&format=csv")
	_, _, sbody = get(t, ts.URL+"/api/v1/search?lang=uk")
	res = search.Response{}
	json.Unmarshal([]byte(sbody), &res)
	if rows, err := csv.NewReader(strings.NewReader(body)).ReadAll(); code != 200 || err != nil || res.Total < 2 || len(rows) != res.Total+1 || rows[1][2] != res.Hits[0].Title {
		t.Errorf("export of lang=uk: %d %v, %d rows for %d documents", code, err, len(rows), res.Total)
	}
	for _, f := range []string{"bibtex", "ris"} {
		if code, _, body := get(t, ts.URL+"/api/v1/search/export?q=oversight&format="+f); code != 200 || (!strings.Contains(body, "@book{") && !strings.Contains(body, "TY  - ")) {
			t.Errorf("%s export: %d %s", f, code, body)
		}
	}
	for path, want := range map[string]int{
		"/api/v1/search/export?q=%22x&format=csv": 400,
		"/api/v1/search/export?q=x&format=xlsx":   400,
		"/api/v1/search/export?q=x&lang=klingon":  400,
		"/api/v1/search/export?q=x&sort=random":   400,
		"/api/v1/search/export?format=csv":        400,
	} {
		if code, _, _ := get(t, ts.URL+path); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
}

// TestIndexUnreadable: when the index cannot be read, an export answers an error,
// not an empty file, and the health check says the server is unavailable.
func TestIndexUnreadable(t *testing.T) {
	ix, store := indextest.Sample(t)
	_, ts := serve(t, web.Config{Index: ix, Corpus: store})
	if code, _, _ := get(t, ts.URL+"/healthz"); code != 200 {
		t.Fatalf("healthz: %d", code)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"csv", "json", "ris"} {
		code, hdr, body := get(t, ts.URL+"/api/v1/search/export?q=oversight&format="+f)
		if code != 500 || hdr.Get("Content-Disposition") != "" || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") || !strings.Contains(body, `"error"`) {
			t.Errorf("%s export of an unreadable index: %d %v %.100s; want a 500 with the error", f, code, hdr, body)
		}
	}
	if code, _, body := get(t, ts.URL+"/healthz"); code != 503 || !strings.Contains(body, `"error"`) {
		t.Errorf("healthz of an unreadable index: %d %s; want 503", code, body)
	}
}

// TestOpenAPI checks that the served description is valid JSON and documents every
// API route and method.
func TestOpenAPI(t *testing.T) {
	ix, store := indextest.Sample(t)
	srv, ts := serve(t, web.Config{Index: ix, Corpus: store})
	_, _, body := get(t, ts.URL+"/api/v1/openapi.json")
	var spec struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &spec); err != nil || !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Fatalf("openapi.json: %v", err)
	}
	routed := map[string]bool{}
	err := srv.Router().Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := route.GetPathTemplate()
		if err != nil || !(strings.HasPrefix(path, "/api/") || path == "/healthz" || path == "/metrics") {
			return nil
		}
		methods, _ := route.GetMethods()
		for _, m := range methods {
			if m == http.MethodHead {
				continue
			}
			routed[strings.ToLower(m)+" "+path] = true
			if _, ok := spec.Paths[path][strings.ToLower(m)]; !ok {
				t.Errorf("%s %s is not in openapi.json", m, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for path, ops := range spec.Paths {
		for m := range ops {
			if m != "parameters" && !routed[m+" "+path] {
				t.Errorf("openapi.json has %s %s, which no route serves", strings.ToUpper(m), path)
			}
		}
	}
}

func TestMetrics(t *testing.T) {
	ts := sampleServer(t)
	get(t, ts.URL+"/api/v1/search?q=oversight")
	get(t, ts.URL+"/api/v1/search?q=%22bad")
	get(t, ts.URL+"/no/such")
	// Methods a client makes up are counted together, not a series each.
	for _, m := range []string{"X000001", "X000002", "PATCH"} {
		req, err := http.NewRequest(m, ts.URL+"/api/v1/search?q=x", nil)
		if err != nil {
			t.Fatal(err)
		}
		fetch(t, req)
	}
	// A 405 says which methods the path answers.
	req, err := http.NewRequest("PUT", ts.URL+"/api/v1/saved-searches/1/runs", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD, POST" {
		t.Errorf("PUT on a GET and POST route: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	_, _, body := get(t, ts.URL+"/metrics")
	if strings.Contains(body, "X00000") {
		t.Errorf("/metrics names the methods a client made up")
	}
	for _, want := range []string{
		`ssgsearch_http_requests_total{code="405",method="other",route="unmatched"} 3`,
		`ssgsearch_http_requests_total{code="200",method="GET",route="/api/v1/search"} 1`,
		`ssgsearch_http_requests_total{code="400",method="GET",route="/api/v1/search"} 1`,
		`ssgsearch_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`ssgsearch_http_request_duration_seconds_bucket{route="/api/v1/search"`,
		"ssgsearch_documents 13",
		"ssgsearch_index_bytes ",
		"ssgsearch_last_crawl_timestamp_seconds 0",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestQuoteRoutes(t *testing.T) {
	ts := sampleServer(t)
	post := func(body string) (int, string) {
		resp, err := http.Post(ts.URL+"/api/v1/quotes/verify", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := post(`{"quote": "An inquiry into everything\nfinds nothing."}`)
	var res quote.JSON
	if err := json.Unmarshal([]byte(body), &res); err != nil || code != 200 || res.Verdict != "exact" || len(res.Matches) == 0 || res.Matches[0].Page != 16 ||
		!strings.HasSuffix(res.Matches[0].URL, "#page=16") || res.Matches[0].PDFURL == "" || res.Matches[0].End <= res.Matches[0].Start ||
		!strings.Contains(res.Matches[0].Context, "An inquiry into everything finds nothing") {
		t.Errorf("verify: %d %s", code, body)
	}
	for in, want := range map[string]int{
		`not json`:      400,
		`{"quote": ""}`: 400,
		`{"quote": "` + strings.Repeat("x", 70<<10) + `"}`: 413,
	} {
		if code, body := post(in); code != want {
			t.Errorf("%.20q: %d %s, want %d", in, code, body, want)
		}
	}
	code, _, page := get(t, ts.URL+"/quote?text="+url.QueryEscape("A closed hearing is a secret hearing"))
	if code != 200 || !strings.Contains(page, "Not word for word") || !strings.Contains(page, "<ins>not</ins>") {
		t.Errorf("quote page (near): %d", code)
	}
	code, _, page = get(t, ts.URL+"/quote?text="+url.QueryEscape("a closed hearing is not a secret hearing"))
	if code != 200 || !strings.Contains(page, "upper and lower case") {
		t.Errorf("quote page (normalized): %d", code)
	}
	if code, _, page := get(t, ts.URL+"/quote"); code != 200 || !strings.Contains(page, `<textarea id="text"`) {
		t.Errorf("empty quote page: %d", code)
	}
}

func TestUkrainianInterface(t *testing.T) {
	ts := sampleServer(t)
	resp, err := http.Get(ts.URL + "/?q=oversight&lang=uk")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	for _, want := range []string{`<html lang="uk">`, "Шукати", "документ", "Уточнити результати", "посібник", `hreflang="en"`, "Перевірити цитату"} {
		if !strings.Contains(page, want) {
			t.Errorf("Ukrainian page lacks %q", want)
		}
	}
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "ssgsearch_lang" {
			cookie = c.Value
		}
	}
	if cookie != "uk" {
		t.Errorf("language cookie %q", cookie)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/quote", nil)
	req.Header.Set("Accept-Language", "uk-UA,uk;q=0.9")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "Вставте цитату") {
		t.Errorf("Accept-Language uk not honoured")
	}
}

func TestRewrittenQueryShown(t *testing.T) {
	ts := sampleServer(t)
	// A word a dictionary knows is not corrected: nothing matches it, and the
	// retry says so.
	_, _, body := get(t, ts.URL+"/api/v1/search?q=overnight")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || res.Rewritten == "" || res.Total == 0 || len(res.Corrections) > 0 {
		t.Errorf("API: %v %s", err, body)
	}
	if _, _, page := get(t, ts.URL+"/?q=overnight"); !strings.Contains(page, "showing results for") {
		t.Errorf("UI does not say the query was rewritten")
	}
}

// TestCorrectionShown: words no document has are searched as the closest words of
// the index, which the API lists and the page says, with a link that searches the
// words as typed; a bad verbatim value is refused.
func TestCorrectionShown(t *testing.T) {
	ts := sampleServer(t)
	_, _, body := get(t, ts.URL+"/api/v1/search?q=polise+intgrity")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	want := []search.Correction{{Word: "polise", As: "police"}, {Word: "intgrity", As: "integrity"}}
	if !slices.Equal(res.Corrections, want) || res.Corrected != "police integrity" || res.Total == 0 || res.Rewritten != "" {
		t.Errorf("API: corrections %+v, corrected %q, %d documents, rewritten %q", res.Corrections, res.Corrected, res.Total, res.Rewritten)
	}
	_, _, page := get(t, ts.URL+"/?q=polise+intgrity")
	for _, want := range []string{"No document has “polise”, “intgrity”; showing results for <strong>police integrity</strong>", `class="verbatim" href="/?q=polise&#43;intgrity&amp;verbatim=true"`} {
		if !strings.Contains(page, want) {
			i := strings.Index(page, "corrected")
			t.Errorf("results page lacks %q: %s", want, page[max(0, i-50):min(len(page), i+400)])
		}
	}
	_, _, uk := get(t, ts.URL+"/?q=polise+intgrity&lang=uk")
	if !strings.Contains(uk, "Жоден документ не містить “polise”, “intgrity”") {
		t.Errorf("Ukrainian results page does not say what was corrected")
	}
	if code, _, _ := get(t, ts.URL+"/api/v1/search?q=polise&verbatim=yes"); code != http.StatusBadRequest {
		t.Errorf("verbatim=yes: status %d, want 400", code)
	}
}

// TestLayoutShown: a query typed with the wrong keyboard layout is searched as
// meant, which the API lists and the page says in both languages.
func TestLayoutShown(t *testing.T) {
	ts := sampleServer(t)
	q := url.QueryEscape("зщдшсу штеупкшен") // "police integrity" on the Ukrainian keys
	_, _, body := get(t, ts.URL+"/api/v1/search?q="+q)
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	want := []search.Correction{{Word: "зщдшсу", As: "police", Layout: true}, {Word: "штеупкшен", As: "integrity", Layout: true}}
	if !slices.Equal(res.Corrections, want) || res.Corrected != "police integrity" || res.Total == 0 {
		t.Errorf("API: corrections %+v, corrected %q, %d documents", res.Corrections, res.Corrected, res.Total)
	}
	for lang, want := range map[string]string{"en": "Typed with another keyboard layout? Showing results for <strong>police integrity</strong>", "uk": "Набрано в іншій розкладці клавіатури? Показано результати для <strong>police integrity</strong>"} {
		if _, _, page := get(t, ts.URL+"/?q="+q+"&lang="+lang); !strings.Contains(page, want) {
			i := strings.Index(page, "corrected")
			t.Errorf("results page (%s) lacks %q: %s", lang, want, page[max(0, i-50):min(len(page), i+400)])
		}
	}
}

// TestRemovedAndEditions: a document gone from its publisher's site says so on its
// page and in the API, the removed filter hides or keeps it, and editions link each
// other with the newer one named; the provenance of each field is shown.
func TestRemovedAndEditions(t *testing.T) {
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	page := func(text string) []indexer.Page {
		return []indexer.Page{{Number: 1, Text: text, Lang: "en", Status: "ok"}}
	}
	old := &indexer.Document{ID: "old", Title: "Reading the Defence Budget", Type: indexer.TypeManual, Lang: "en", Date: day("2014-03-01"), Year: 2014,
		URL: "https://example.org/a", SourceURL: "https://example.org/a", Superseded: true, Removed: day("2026-11-02"), LastSeen: day("2026-10-01"),
		Editions:   []indexer.Edition{{ID: "new", URL: "https://example.org/b", Title: "Reading the Defence Budget — 2nd edition", Year: 2017}},
		Provenance: map[string]string{"title": "label", "date": "pdf"}, Pages: page("The defence budget explained to parliamentary staff.")}
	cur := &indexer.Document{ID: "new", Title: "Reading the Defence Budget — 2nd edition", Type: indexer.TypeManual, Lang: "en", Date: day("2017-05-01"), Year: 2017,
		URL: "https://example.org/b", SourceURL: "https://example.org/b",
		Editions: []indexer.Edition{{ID: "old", URL: "https://example.org/a", Title: "Reading the Defence Budget", Year: 2014}},
		Pages:    page("The defence budget explained to parliamentary staff, updated.")}
	if _, err := ix.Put(context.Background(), old, cur); err != nil {
		t.Fatal(err)
	}
	_, ts := serve(t, web.Config{Index: ix})
	_, _, body := get(t, ts.URL+"/documents/old")
	for _, want := range []string{"Removed from the publisher&#39;s site on 2026-11-02 (last seen there 2026-10-01)", "A newer edition exists", `href="/documents/new"`, "Where this information comes from", "the PDF"} {
		if !strings.Contains(body, want) {
			t.Errorf("document page lacks %q", want)
		}
	}
	for q, want := range map[string][]string{"": {"new", "old"}, "&removed=hide": {"new"}, "&removed=only": {"old"}} {
		_, _, body := get(t, ts.URL+"/api/v1/search?q=defence+budget"+q)
		var res search.Response
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("removed filter %q: hits %v, want %v (the current edition first)", q, got, want)
		}
		if q == "" && (res.Hits[1].Removed != "2026-11-02" || !res.Hits[1].Superseded || len(res.Hits[0].Editions) != 1) {
			t.Errorf("hit fields: %+v", res.Hits[1])
		}
	}
	if code, _, _ := get(t, ts.URL+"/api/v1/search?q=budget&removed=maybe"); code != http.StatusBadRequest {
		t.Errorf("removed=maybe: %d, want 400", code)
	}
}

// TestDidYouMean: a misspelled query shows the words it was read as, not syntax.
func TestDidYouMean(t *testing.T) {
	ts := sampleServer(t)
	code, _, page := get(t, ts.URL+"/?q=overnight")
	if code != 200 || !strings.Contains(page, "<strong>oversight</strong>") || strings.Contains(page, "~2") {
		t.Errorf("did you mean: %d, %s", code, page[max(0, strings.Index(page, "rewritten")-50):min(len(page), strings.Index(page, "rewritten")+300)])
	}
	_, _, body := get(t, ts.URL+"/api/v1/search?q=overnight")
	if !strings.Contains(body, `"suggestion":"oversight"`) {
		t.Errorf("API: no suggestion in %.300s", body)
	}
}

// TestArchivedCopyLinked: results and the document page link the archived copy
// that was indexed, beside the publisher's address.
func TestArchivedCopyLinked(t *testing.T) {
	ts := sampleServer(t)
	_, _, page := get(t, ts.URL+"/?q=oversight")
	if !strings.Contains(page, `class="archive" href="/files/`) || !strings.Contains(page, `href="`+data.SampleBaseURL) {
		t.Errorf("results page: no archived copy beside the publisher's link")
	}
	_, _, body := get(t, ts.URL+"/api/v1/search?q=oversight&size=1")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) == 0 {
		t.Fatalf("search: %v", err)
	}
	_, _, doc := get(t, ts.URL+"/documents/"+res.Hits[0].ID)
	if !strings.Contains(doc, `class="archive" href="`+strings.TrimPrefix(res.Hits[0].ArchiveURL, ts.URL)+`"`) || strings.Contains(doc, "sample:") {
		t.Errorf("document page: no archived copy, or an internal address")
	}
}

// TestBrowseByFilters: filters without a query list every document they keep,
// newest first, in the API and the UI; no query and no filter is still an error
// in the API and the start page in the UI.
func TestBrowseByFilters(t *testing.T) {
	ts := sampleServer(t)
	code, _, body := get(t, ts.URL+"/api/v1/search?type=handbook")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || code != 200 || res.Total == 0 || res.Sort != "newest" {
		t.Fatalf("browse by type: %d %.300s", code, body)
	}
	last := "9999"
	for _, h := range res.Hits {
		if h.Type != "handbook" {
			t.Errorf("browse by type: a %s among the handbooks", h.Type)
		}
		if h.Date != "" && h.Date > last {
			t.Errorf("browse: not newest first (%s after %s)", h.Date, last)
		}
		if h.Date != "" {
			last = h.Date
		}
	}
	if code, _, page := get(t, ts.URL+"/?type=handbook"); code != 200 || !strings.Contains(page, `class="hit"`) && !strings.Contains(page, "<article") {
		t.Errorf("UI browse: %d, no results listed", code)
	}
	if code, _, _ := get(t, ts.URL+"/api/v1/search"); code != 400 {
		t.Errorf("API without query or filter: %d, want 400", code)
	}
}

// TestPastTheLastPage: a result page past the end leads back to the last page.
func TestPastTheLastPage(t *testing.T) {
	ts := sampleServer(t)
	_, _, page := get(t, ts.URL+"/?q=oversight&page=99")
	if !regexp.MustCompile(`rel="prev" href="[^"]*[?&;]page=1(&|")`).MatchString(page) || strings.Contains(page, "page=98") {
		t.Errorf("page 99: the previous link does not lead to the last page")
	}
}

// TestQueryErrorInUkrainian: the Ukrainian search page says a query's error in
// Ukrainian.
func TestQueryErrorInUkrainian(t *testing.T) {
	ts := sampleServer(t)
	code, b := getIn(t, ts.URL+`/?q=%22unterminated`, "uk")
	if code != 400 || !strings.Contains(b, "фразу не закрито") || strings.Contains(b, "unterminated phrase") {
		t.Errorf("Ukrainian page of a bad query: %d", code)
	}
	// A quote too short to check, in Ukrainian.
	if code, b := getIn(t, ts.URL+"/quote?text="+url.QueryEscape("контроль"), "uk"); code != 400 || !strings.Contains(b, "цитата має містити щонайменше 3 слова") {
		t.Errorf("Ukrainian quote page of a one-word quote: %d", code)
	}
	// Parameters edited by hand in the address are refused in Ukrainian too.
	for _, tc := range []struct{ params, want string }{
		{"q=oversight&page=two", "номер сторінки: потрібне ціле число"},
		{"q=oversight&page=0", "номер сторінки: щонайменше 1"},
		{"q=oversight&size=500", "кількість результатів на сторінці має бути від 1 до 100"},
		{"q=oversight&year_from=2020&year_to=2010", "рік «від» (2020) пізніший за рік «до» (2010)"},
		{"q=oversight&sort=best", "сортування: relevance, newest або oldest"},
	} {
		code, b := getIn(t, ts.URL+"/?"+tc.params, "uk")
		if code != 400 || !strings.Contains(b, tc.want) || strings.Contains(b, "invalid request") {
			t.Errorf("%s in Ukrainian: %d, want 400 saying %q", tc.params, code, tc.want)
		}
	}
}

// TestStartPage: the start page says what the collection holds, offers browsing by
// facet without a query, lists the latest publications and example queries, in
// the interface's language.
func TestStartPage(t *testing.T) {
	ts := sampleServer(t)
	code, _, page := get(t, ts.URL+"/")
	for _, want := range []string{"The collection holds", `href="/?type=`, `href="/?lang=`, "<meter", `class="latest"`, `href="/documents/`, `href="/?q=parliamentary&#43;oversight"`} {
		if code != 200 || !strings.Contains(page, want) {
			t.Errorf("start page: %d, lacks %q", code, want)
		}
	}
	if _, b := getIn(t, ts.URL+"/", "uk"); !strings.Contains(b, "У зібранні") || strings.Contains(b, "The collection holds") {
		t.Errorf("Ukrainian start page not in Ukrainian")
	}
	// A facet link browses without a query.
	if code, _, page := get(t, ts.URL+"/?lang=uk"); code != 200 || !strings.Contains(page, `lang="uk"`) {
		t.Errorf("browse by language: %d", code)
	}
}

// TestExampleQueriesFind: every example query of the start page, in both
// languages, finds something in the sample.
func TestExampleQueriesFind(t *testing.T) {
	ts := sampleServer(t)
	for _, lang := range []string{"en", "uk"} {
		_, b := getIn(t, ts.URL+"/", lang)
		examples := regexp.MustCompile(`<p class="examples">.*?</p>`).FindString(b)
		links := regexp.MustCompile(`href="/\?q=([^"]+)"`).FindAllStringSubmatch(examples, -1)
		if len(links) < 3 {
			t.Fatalf("%s: %d example queries", lang, len(links))
		}
		for _, l := range links {
			q, _ := url.QueryUnescape(html.UnescapeString(l[1]))
			_, _, body := get(t, ts.URL+"/api/v1/search?q="+url.QueryEscape(q))
			var res search.Response
			if err := json.Unmarshal([]byte(body), &res); err != nil || res.Total == 0 {
				t.Errorf("%s example %q finds nothing", lang, q)
			}
		}
	}
}

// TestFacetsCombine: with one type chosen, the type facet still offers the
// others (counted without the type filter), so two types can be combined; the
// other facets count within the choice.
func TestFacetsCombine(t *testing.T) {
	ts := sampleServer(t)
	_, _, page := get(t, ts.URL+"/?q=oversight&type=handbook")
	facet := regexp.MustCompile(`(?s)<section class="facet"><h2>Type</h2>.*?</section>`).FindString(page)
	if !strings.Contains(facet, "<strong>") || !regexp.MustCompile(`href="[^"]*type=handbook[^"]*type=[a-z-]+`).MatchString(facet) {
		t.Errorf("type facet with a type chosen: %s", facet)
	}
	_, _, both := get(t, ts.URL+"/?q=oversight&type=handbook&type=toolkit")
	if strings.Count(regexp.MustCompile(`(?s)<section class="facet"><h2>Type</h2>.*?</section>`).FindString(both), "<strong>") != 2 {
		t.Errorf("two types chosen are not both shown as chosen")
	}
}

// TestQuoteEvidence: with poppler, the quote page shows the PDF page with the
// passage outlined, as a picture to download with its citation beneath; bad
// requests get 400 and 404, and a server without poppler says what it lacks.
func TestQuoteEvidence(t *testing.T) {
	pop := poppler.Find()
	if pop == nil {
		t.Skip("poppler-utils not installed")
	}
	ix, store := indextest.Sample(t)
	_, ts := serve(t, web.Config{Index: ix, Corpus: store, Poppler: pop})
	quote := "An inquiry into everything finds nothing."
	_, _, page := get(t, ts.URL+"/quote?text="+url.QueryEscape(quote))
	src := regexp.MustCompile(`<img src="([^"]+evidence\.png[^"]*)"`).FindStringSubmatch(page)
	if src == nil {
		t.Fatalf("quote page shows no picture")
	}
	code, hdr, body := get(t, ts.URL+html.UnescapeString(src[1]))
	if code != 200 || hdr.Get("Content-Type") != "image/png" {
		t.Fatalf("picture: %d %s", code, hdr.Get("Content-Type"))
	}
	img, err := png.Decode(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	// The outline's colour is on the picture.
	red := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r>>8 == 0xc6 && g>>8 == 0x28 && bl>>8 == 0x28 {
				red++
			}
		}
	}
	if red == 0 {
		t.Errorf("picture %v without the passage outlined (%d outline pixels)", b, red)
	}
	// A quote with words left out: the page shows what they are, and the picture
	// outlines its parts.
	_, _, page = get(t, ts.URL+"/quote?text="+url.QueryEscape("The terms of reference […] finds nothing."))
	if !strings.Contains(page, `<q>of an inquiry should be precise. An inquiry into everything</q>`) || strings.Count(page, "<mark>") != 2 {
		t.Errorf("elided quote: the words left out not shown, or its parts not marked:\n%s", page)
	}
	if src := regexp.MustCompile(`<img src="([^"]+evidence\.png[^"]*)"`).FindStringSubmatch(page); src == nil {
		t.Errorf("elided quote: no picture")
	} else if code, _, body := get(t, ts.URL+html.UnescapeString(src[1])); code != 200 || len(body) == 0 {
		t.Errorf("elided quote's picture: %d", code)
	}
	// A quote over a page break: a picture of each page, the second with the
	// quote's end outlined.
	breakIx, breakStore := indextest.FS(t, fstest.MapFS{"report.pdf": {Data: pdftest.Pages(
		[]pdftest.Line{{X: 72, Y: 740, Size: 11, Text: "Oversight needs regular contact."}, {X: 72, Y: 726, Size: 11, Text: "Committees must be able to question the"}},
		[]pdftest.Line{{X: 72, Y: 740, Size: 11, Text: "minister in public at least once a year."}, {X: 72, Y: 726, Size: 11, Text: "Written answers are not enough."}},
	)}}, "https://example.org/")
	_, breakTS := serve(t, web.Config{Index: breakIx, Corpus: breakStore, Poppler: pop})
	_, _, page = get(t, breakTS.URL+"/quote?text="+url.QueryEscape("must be able to question the minister in public"))
	pics := regexp.MustCompile(`<img src="([^"]+/pages/(\d+)/evidence\.png[^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(pics) != 2 || pics[0][2] != "1" || pics[1][2] != "2" || strings.Contains(pics[0][1], "end=1") || !strings.Contains(pics[1][1], "end=1") {
		t.Errorf("a quote over a page break: pictures %v", pics)
	} else {
		// The second page's picture outlines the quote's end: asked as a quote
		// that begins there, the same page has nothing to outline.
		end := html.UnescapeString(pics[1][1])
		code, _, withEnd := get(t, breakTS.URL+end)
		_, _, asBeginning := get(t, breakTS.URL+strings.Replace(end, "&end=1", "", 1))
		if code != 200 || withEnd == asBeginning {
			t.Errorf("the second page's picture: %d, the same as without end=1: %v", code, withEnd == asBeginning)
		}
	}
	id := regexp.MustCompile(`/documents/([0-9a-f]+)/pages/`).FindStringSubmatch(src[1])[1]
	for path, want := range map[string]int{
		"/documents/" + id + "/pages/16/evidence.png":              400, // no quote
		"/documents/" + id + "/pages/999/evidence.png?q=oversight": 404,
		"/documents/nosuchdoc/pages/1/evidence.png?q=oversight":    404,
		"/documents/" + id + "/pages/x/evidence.png?q=oversight":   400,
		"/documents/" + id + "/pages/0/evidence.png?q=oversight":   400,
		"/documents/" + id + "/pages/-1/evidence.png?q=oversight":  400,
	} {
		if code, _, _ := get(t, ts.URL+path); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
	// Without poppler: no picture offered, and the route says why.
	_, plain := serve(t, web.Config{Index: ix, Corpus: store})
	if _, _, page := get(t, plain.URL+"/quote?text="+url.QueryEscape(quote)); strings.Contains(page, "evidence.png") {
		t.Errorf("a server without poppler offers pictures")
	}
	if code, _, body := get(t, plain.URL+"/api/v1/documents/"+id+"/pages/16/evidence.png?q=x"); code != 404 || !strings.Contains(body, "poppler") {
		t.Errorf("without poppler: %d %s", code, body)
	}
}

// TestQuotePageFocus: the quote page puts the cursor in the quote box, not in the
// header's search box; the start page keeps it in the search box.
func TestQuotePageFocus(t *testing.T) {
	ts := sampleServer(t)
	_, _, page := get(t, ts.URL+"/quote")
	if !regexp.MustCompile(`<textarea id="text"[^>]*autofocus`).MatchString(page) || regexp.MustCompile(`<input id="q"[^>]*autofocus`).MatchString(page) {
		t.Errorf("quote page: the focus is not in the quote box")
	}
	_, _, home := get(t, ts.URL+"/")
	if !regexp.MustCompile(`<input id="q"[^>]*autofocus`).MatchString(home) {
		t.Errorf("start page: the focus is not in the search box")
	}
}

// TestTopicsInInterfaceLanguage: a topic tag the publisher wrote in English reads
// in Ukrainian in the Ukrainian interface, where the glossary knows it; its link
// keeps the tag as indexed.
func TestTopicsInInterfaceLanguage(t *testing.T) {
	ts := sampleServer(t)
	_, b := getIn(t, ts.URL+"/?q=oversight", "uk")
	topics := regexp.MustCompile(`(?s)<section class="facet"><h2>Тема</h2>.*?</section>`).FindString(b)
	if !strings.Contains(topics, `topic=accountability">Підзвітність</a>`) {
		t.Errorf("Ukrainian interface, topic facet: %s", topics)
	}
	_, _, en := get(t, ts.URL+"/?q=oversight")
	if !strings.Contains(en, `topic=accountability">Accountability</a>`) {
		t.Errorf("English interface: the English tag changed")
	}
}

// TestReferrersByTitle: the pages linking to a document are named by their titles.
func TestReferrersByTitle(t *testing.T) {
	ts := sampleServer(t)
	_, _, body := get(t, ts.URL+"/api/v1/search?q=%22closed+hearing%22")
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) == 0 {
		t.Fatalf("search: %v", err)
	}
	_, _, page := get(t, ts.URL+"/documents/"+res.Hits[0].ID)
	refs := regexp.MustCompile(`(?s)<p class="referrers">.*?</p>`).FindString(page)
	labels := regexp.MustCompile(`<a href="[^"]*">([^<]*)</a>`).FindAllStringSubmatch(refs, -1)
	if len(labels) == 0 {
		t.Fatalf("no referrers listed")
	}
	for _, l := range labels {
		if strings.Contains(l[1], "://") || strings.TrimSpace(l[1]) == "" {
			t.Errorf("a referrer named by its address: %q", l[1])
		}
	}
}

// fetch sends req and returns the answer's status and body.
func fetch(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// getIn GETs u asking for the interface language lang (Accept-Language).
func getIn(t *testing.T, u, lang string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Language", lang)
	return fetch(t, req)
}

// TestImportedFileLinks: a file imported from disk has no address on the web; the
// index keeps a reference to its stored copy, not a route of the server, and the
// answer turns that into a link that serves the file.
func TestImportedFileLinks(t *testing.T) {
	pdf := pdftest.Pages([]pdftest.Line{{X: 72, Y: 700, Size: 12, Text: "Procurement audits in Moldova."}})
	ix, store := indextest.FS(t, fstest.MapFS{"moldova.pdf": {Data: pdf}}, "file:///srv/")
	ids, err := ix.DocumentIDs()
	if err != nil || len(ids) != 1 {
		t.Fatalf("documents: %v, %v", ids, err)
	}
	d, err := ix.Get(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.URL, indexer.StoredScheme) || !strings.HasPrefix(d.PDFURL, indexer.StoredScheme) {
		t.Errorf("stored URL %q, PDF URL %q: want references to the stored copy", d.URL, d.PDFURL)
	}
	s, err := web.New(web.Config{Index: ix, Corpus: store})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/api/v1/search?q=moldova")
	if err != nil {
		t.Fatal(err)
	}
	var res search.Response
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v, %+v", err, res)
	}
	h := res.Hits[0]
	want := ts.URL + search.FilesPath + d.ContentHash + ".pdf"
	if h.URL != want || h.PDFURL != want || h.ArchiveURL != want {
		t.Errorf("url %q, pdf_url %q, archive_url %q; want %q", h.URL, h.PDFURL, h.ArchiveURL, want)
	}
	// Behind a reverse proxy that ends TLS, the links are https.
	req, err := http.NewRequest("GET", ts.URL+"/api/v1/search?q=moldova", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Forwarded-Proto", "https")
	if _, body := fetch(t, req); !strings.Contains(body, `"archive_url":"https://`+strings.TrimPrefix(ts.URL, "http://")) {
		t.Errorf("behind a TLS proxy: %.300s; want https links", body)
	}
	got, err := http.Get(h.PDFURL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(got.Body)
	got.Body.Close()
	if got.StatusCode != 200 || !bytes.Equal(body, pdf) {
		t.Errorf("GET %s: %d, %d bytes; want the PDF", h.PDFURL, got.StatusCode, len(body))
	}
}
