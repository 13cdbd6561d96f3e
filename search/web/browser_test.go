package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/indexer/poppler"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/saved"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// startBrowser starts headless Chromium for a test, or skips when it is not installed
// on a machine where `make test` could not have installed it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if _, aptErr := exec.LookPath("apt-get"); aptErr == nil {
			t.Fatal("chromium missing: `make test` installs it")
		}
		t.Skip("chromium not installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true))
	// Start it now, trying again when it does not come up: on a loaded machine a
	// start sometimes times out, which says nothing about the page under test.
	for try := 1; ; try++ {
		actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel2 := chromedp.NewContext(actx)
		err := chromedp.Do(ctx)
		if err == nil {
			t.Cleanup(cancel)
			t.Cleanup(cancel2)
			ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
			t.Cleanup(cancel3)
			return ctx
		}
		cancel2()
		cancel()
		if try == 3 {
			t.Fatalf("chromium did not start in %d tries: %v", try, err)
		}
		t.Logf("chromium did not start (try %d): %v", try, err)
	}
}

// page drives one browser tab in a test.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

func (p page) text(sel string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Text(sel))
	if err != nil {
		p.t.Fatal(err)
	}
	return s
}

// shot saves a full-page screenshot as NAME.png in the screenshot folder:
// $SSG_SCREENSHOTS, or build/screenshots at the top of the repository.
func (p page) shot(name string) {
	p.t.Helper()
	dir := os.Getenv("SSG_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "build", "screenshots")
	}
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p page) eval(js string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		p.t.Fatal(err)
	}
	return s
}

// TestBrowserJourney walks a researcher's and a journalist's path in a real browser:
// search from the home page with the keyboard, narrow by a facet, open a document,
// copy its citation, search inside it, check a quote, switch the interface to
// Ukrainian. Screenshots of each step go to the screenshot folder (see shot).
func TestBrowserJourney(t *testing.T) {
	ix, store := indextest.Sample(t)
	st, err := saved.Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, ts := serve(t, web.Config{Index: ix, Corpus: store, Poppler: poppler.Find(), Saved: st, IndexState: func() string { return "sample" }})
	// A saved search with two runs, for its page.
	q, err := st.Create(saved.Query{Name: "Parliamentary oversight (en)", Query: "parliamentary oversight", Filters: search.Filters{Lang: []string{"en"}}, XLang: true})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := st.Execute(context.Background(), search.New(ix), q.ID, "sample"); err != nil {
			t.Fatal(err)
		}
	}
	p := page{t, startBrowser(t)}
	p.do(chromedp.EmulateViewport(1280, 900))

	p.do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`#q`), chromedp.WaitVisible(`.home`))
	if focused := p.eval(`document.activeElement.id`); focused != "q" {
		t.Errorf("the search box does not have the focus on load (%q)", focused)
	}
	p.shot("home")
	p.do(chromedp.SendKeys(`#q`, "oversight\n"), chromedp.WaitVisible(`.hit`), chromedp.WaitVisible(`.facets`))
	p.shot("search")
	all := p.eval(`String(document.querySelectorAll('.hit').length)`)

	// A facet narrows the results, shows as an active filter, and lives in the URL.
	p.do(chromedp.Click(`.facet a[href*="type=handbook"]`), chromedp.WaitVisible(`.active-filters .filter`))
	loc, err := chromedp.Run(p.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(loc)
	narrowed := p.eval(`String(document.querySelectorAll('.hit').length)`)
	types := p.eval(`[...document.querySelectorAll('.hit .type')].map(e => e.textContent).join(',')`)
	if u.Query().Get("type") != "handbook" || narrowed == "0" || narrowed == all || strings.Trim(strings.ReplaceAll(strings.ToLower(types), "handbook", ""), ",") != "" {
		t.Errorf("facet: url %s, %s of %s hits, types %q", loc, narrowed, all, types)
	}
	p.shot("search-facet")

	p.do(chromedp.Navigate(ts.URL+"/?q="+url.QueryEscape(`"closed hearing"`)), chromedp.WaitVisible(`.hit`))
	hits := p.eval(`String(document.querySelectorAll('.hit').length)`)
	title := p.text(`.hit h2 a`)
	p.do(chromedp.Click(`.hit h2 a`), chromedp.WaitVisible(`.document h1`), chromedp.WaitVisible(`button.copy`))
	if h1 := p.text(`.document h1`); hits != "1" || !strings.HasPrefix(title, "Parliamentary Oversight") || h1 != title {
		t.Errorf("search: %s hits, first %q, document page %q", hits, title, h1)
	}
	p.shot("document")

	// Copy the citation: the clipboard holds the text of the citation box.
	origin := ts.URL
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(p.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: origin}); err != nil {
			t.Fatal(err)
		}
	}
	p.do(chromedp.Click(`button.copy`), chromedp.WaitVisible(`.copy-status:not(:empty)`))
	clip, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if box := p.eval(`document.getElementById('citation').value`); clip != box || !strings.Contains(clip, "Parliamentary Oversight") {
		t.Errorf("clipboard %q, citation box %q", clip, box)
	}

	p.do(chromedp.SendKeys(`#dq`, "secret hearing\n"), chromedp.WaitVisible(`.pages .page`),
		chromedp.Click(`.pages .page`), chromedp.WaitVisible(`.page-text mark`))
	if mark := strings.ToLower(p.text(`.page-text mark`)); !strings.HasPrefix(mark, "secret") && !strings.HasPrefix(mark, "hearing") {
		t.Errorf("page view mark %q", mark)
	}
	p.shot("page")
	p.do(chromedp.Navigate(ts.URL+"/quote"), chromedp.SendKeys(`#text`, "An inquiry into everything finds nothing."),
		chromedp.Submit(`#text`), chromedp.WaitVisible(`.verdict`))
	if v := p.text(`.verdict`); !strings.HasPrefix(v, "Found, word for word") {
		t.Errorf("quote verdict %q", v)
	}
	if poppler.Find() != nil {
		// The picture of the page with the passage outlined has loaded.
		p.do(chromedp.WaitVisible(`figure.evidence img`), chromedp.Poll[chromedp.Void](`document.querySelector("figure.evidence img").naturalWidth > 0`))
	}
	p.shot("quote")
	p.do(chromedp.Navigate(ts.URL+"/saved/"+q.ID), chromedp.WaitVisible(`.saved-results`))
	p.shot("saved")
	p.do(chromedp.Click(`.lang-switch`), chromedp.WaitVisible(`.saved-results`))
	if lang := p.eval(`document.documentElement.lang`); lang != "uk" {
		t.Errorf("after the switch, html lang %q", lang)
	}
	p.shot("saved-uk")
	p.do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`.home`))
	p.shot("home-uk")
	p.do(chromedp.Navigate(ts.URL+"/quote?text="+url.QueryEscape("Судам довіряють лише 24 відсотки респондентів.")), chromedp.WaitVisible(`.verdict`))
	if poppler.Find() != nil {
		p.do(chromedp.WaitVisible(`figure.evidence img`), chromedp.Poll[chromedp.Void](`document.querySelector("figure.evidence img").naturalWidth > 0`))
	}
	p.shot("quote-uk")
	p.do(chromedp.Navigate(ts.URL+"/?q=%D0%BD%D0%B0%D0%B3%D0%BB%D1%8F%D0%B4"), chromedp.WaitVisible(`.hit`))
	if h := p.text(`.summary`); !strings.Contains(h, "Знайдено") && !strings.Contains(h, "документ") {
		t.Errorf("Ukrainian results summary %q", h)
	}
	p.shot("search-uk")
	// A document page in Ukrainian: its labels are the interface's.
	p.do(chromedp.Click(`.hit h2 a`), chromedp.WaitVisible(`.document h1`))
	if page := p.eval(`document.querySelector('.document').innerText`); !strings.Contains(page, "Джерело") || strings.Contains(page, "Source") {
		t.Errorf("Ukrainian document page without its labels in Ukrainian: %.300q", page)
	}
	if src := p.text(`.source code`); strings.Contains(src, "%D0") {
		t.Errorf("source address shown percent-encoded: %q", src)
	}
	p.shot("document-uk")
	p.do(chromedp.EmulateViewport(375, 740), chromedp.Navigate(ts.URL+"/?q=oversight&lang=en"), chromedp.WaitVisible(`.hit`))
	p.shot("search-phone")
}

// a11yCheck runs in the page and returns its accessibility problems, one per line:
// unlabelled controls, missing landmarks, not exactly one h1, skipped heading levels,
// links and buttons without a name, duplicate ids, text whose contrast with its
// background is under 4.5:1 (3:1 for large text), text under 12 px, controls
// smaller than 24 by 24 px, sideways scrolling, and no page language.
const a11yCheck = `(() => {
	const problems = [];
	const name = el => (el.getAttribute('aria-label') || el.textContent || el.value || el.title || '').trim();
	for (const el of document.querySelectorAll('input, textarea, select')) {
		if (el.type === 'hidden') continue;
		const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.getAttribute('aria-label') || el.closest('label');
		if (!labelled) problems.push('unlabelled ' + el.tagName + ' ' + (el.name || ''));
	}
	for (const sel of ['header', 'main', 'footer', '[role=search]']) {
		if (!document.querySelector(sel)) problems.push('no ' + sel);
	}
	const h1s = document.querySelectorAll('h1').length;
	if (h1s !== 1) problems.push(h1s + ' h1 elements');
	let level = 0;
	for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
		const l = +h.tagName[1];
		if (l > level + 1) problems.push('heading ' + h.tagName + ' "' + h.textContent.trim() + '" skips a level');
		level = l;
	}
	for (const el of document.querySelectorAll('a[href], button')) {
		if (el.hidden || el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
		if (!name(el)) problems.push(el.tagName + ' without a name: ' + el.outerHTML.slice(0, 80));
	}
	const ids = {};
	for (const el of document.querySelectorAll('[id]')) {
		if (ids[el.id]) problems.push('duplicate id ' + el.id);
		ids[el.id] = true;
	}
	const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
	const lum = c => {
		const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const background = el => {
		for (let e = el; e; e = e.parentElement) {
			const c = rgb(getComputedStyle(e).backgroundColor);
			if (c.length === 3 || c.length === 4 && c[3] > 0.5) return c;
		}
		return [255, 255, 255];
	};
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	const seen = new Set();
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || seen.has(el) || !el.getClientRects().length) continue;
		seen.add(el);
		const st = getComputedStyle(el);
		if (st.visibility === 'hidden' || el.closest('.visually-hidden, .skip')) continue;
		const fg = rgb(st.color), bg = background(el);
		const a = lum(fg) + 0.05, b = lum(bg) + 0.05;
		const ratio = Math.max(a, b) / Math.min(a, b);
		const size = parseFloat(st.fontSize), bold = +st.fontWeight >= 700;
		const need = size >= 24 || bold && size >= 18.66 ? 3 : 4.5;
		if (ratio < need) problems.push('contrast ' + ratio.toFixed(2) + ' of "' + n.textContent.trim().slice(0, 30) + '"');
		if (size < 12) problems.push('text of ' + size + 'px: "' + n.textContent.trim().slice(0, 30) + '"');
	}
	for (const el of document.querySelectorAll('button, input:not([type=hidden]), select, textarea, .pager a, .facet a, .page-list a, .sort a, .lang-switch, .site a, .filter')) {
		const r = el.getBoundingClientRect();
		if (el.offsetParent !== null && (r.width < 24 || r.height < 24)) problems.push('small target ' + el.tagName + ' "' + name(el).slice(0, 20) + '" ' + Math.round(r.width) + 'x' + Math.round(r.height));
	}
	const width = document.documentElement.clientWidth;
	if (document.documentElement.scrollWidth > width + 1) {
		const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1 && !(e.parentElement && e.parentElement.closest('.table-wrap')) && !e.closest('.visually-hidden'));
		problems.push('sideways scroll: ' + wide.slice(-1).map(e => e.outerHTML.slice(0, 100)).join(''));
	}
	if (!document.documentElement.lang) problems.push('no lang');
	return problems.join('\n');
})()`

// TestBrowserAccessibility checks every kind of page, in both interface languages, on
// a phone-sized and a desktop screen, with a11yCheck; and that the keyboard alone
// reaches the results through the skip link, with a visible focus.
func TestBrowserAccessibility(t *testing.T) {
	ts := savedServer(t)
	_, _, body := get(t, ts.URL+"/api/v1/search?q="+url.QueryEscape(`"closed hearing"`))
	var res struct{ Hits []struct{ ID string } }
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) == 0 {
		t.Fatalf("search: %v %s", err, body)
	}
	doc := "/documents/" + res.Hits[0].ID
	if code, _ := do(t, "POST", ts.URL+"/api/v1/saved-searches", `{"name":"Oversight","query":"oversight"}`); code != 201 {
		t.Fatalf("saving a search: %d", code)
	}
	p := page{t, startBrowser(t)}
	paths := []string{"/", "/?q=oversight", "/?q=oversight&type=handbook&sort=newest", "/?q=zzzqqxx", "/?q=%22unclosed",
		"/quote", doc, doc + "?q=hearing", doc + "/pages/3?q=hearing", "/saved", "/saved/1", "/no/such/page"}
	for _, size := range [][2]int64{{375, 740}, {1280, 900}} {
		p.do(chromedp.EmulateViewport(size[0], size[1]))
		for _, lang := range []string{"en", "uk"} {
			for _, path := range paths {
				sep := "?"
				if strings.Contains(path, "?") {
					sep = "&"
				}
				p.do(chromedp.Navigate(ts.URL+path+sep+"lang="+lang), chromedp.WaitReady(`body`))
				if problems := p.eval(a11yCheck); problems != "" {
					t.Errorf("%s at %dpx, %s:\n%s", path, size[0], lang, problems)
				}
			}
		}
	}

	// The keyboard: the first Tab shows the skip link, Enter moves to the content, and
	// Tabs from there reach the first result with a visible focus ring.
	p.do(chromedp.Navigate(ts.URL+"/?q=oversight"), chromedp.WaitVisible(`.hit`),
		chromedp.KeyEvent("\t"))
	if got := p.eval(`document.activeElement.className + ' ' + (document.activeElement.getBoundingClientRect().top >= 0)`); got != "skip true" {
		t.Errorf("first Tab focuses %q, want the visible skip link", got)
	}
	p.do(chromedp.KeyEvent("\r"))
	if got := p.eval(`document.activeElement.id`); got != "main" {
		t.Errorf("after the skip link, focus on %q, want main", got)
	}
	reached := false
	for range 60 {
		p.do(chromedp.KeyEvent("\t"))
		if p.eval(`String(!!document.activeElement.closest('.hit h2'))`) == "true" {
			reached = true
			if ring := p.eval(`getComputedStyle(document.activeElement).outlineStyle`); ring == "none" {
				t.Error("the focused result link shows no focus ring")
			}
			break
		}
	}
	if !reached {
		t.Error("Tab never reached the first result")
	}
}
