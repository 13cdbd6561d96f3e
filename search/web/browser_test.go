package web_test

import (
	"context"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// browser starts headless Chromium for a test, or skips when it is not installed
// on a machine where `make test` could not have installed it.
func browser(t *testing.T) context.Context {
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
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx
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

func (p page) eval(js string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		p.t.Fatal(err)
	}
	return s
}

// TestBrowserJourney walks a journalist's path in a real browser: search from the
// home page with the keyboard, open a document, search inside it, check a quote,
// switch the interface to Ukrainian.
func TestBrowserJourney(t *testing.T) {
	ix, store := indextest.Sample(t)
	srv, err := web.New(web.Config{Index: ix, Corpus: store})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := page{t, browser(t)}

	p.do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`#q`))
	if focused := p.eval(`document.activeElement.id`); focused != "q" {
		t.Errorf("the search box does not have the focus on load (%q)", focused)
	}
	p.do(chromedp.SendKeys(`#q`, "\"closed hearing\"\n"), chromedp.WaitVisible(`.hit`))
	hits := p.eval(`String(document.querySelectorAll('.hit').length)`)
	title := p.text(`.hit h2 a`)
	p.do(chromedp.Click(`.hit h2 a`), chromedp.WaitVisible(`.document h1`), chromedp.WaitVisible(`button.copy`))
	if h1 := p.text(`.document h1`); hits != "1" || !strings.HasPrefix(title, "Parliamentary Oversight") || h1 != title {
		t.Errorf("search: %s hits, first %q, document page %q", hits, title, h1)
	}
	p.do(chromedp.SendKeys(`#dq`, "secret hearing\n"), chromedp.WaitVisible(`.pages .page`),
		chromedp.Click(`.pages .page`), chromedp.WaitVisible(`.page-text mark`))
	if mark := strings.ToLower(p.text(`.page-text mark`)); !strings.HasPrefix(mark, "secret") && !strings.HasPrefix(mark, "hearing") {
		t.Errorf("page view mark %q", mark)
	}
	p.do(chromedp.Navigate(ts.URL+"/quote"), chromedp.SendKeys(`#text`, "An inquiry into everything finds nothing."),
		chromedp.Submit(`#text`), chromedp.WaitVisible(`.verdict`))
	if v := p.text(`.verdict`); !strings.HasPrefix(v, "Found, word for word") {
		t.Errorf("quote verdict %q", v)
	}
	p.do(chromedp.Click(`.lang-switch`), chromedp.WaitVisible(`textarea`))
	if lang := p.eval(`document.documentElement.lang`); lang != "uk" {
		t.Errorf("after the switch, html lang %q", lang)
	}
}

// TestBrowserAccessibility checks, in a real browser, that every form control has a
// label, the page has its landmarks and a language, and a phone-width screen needs no
// sideways scroll.
func TestBrowserAccessibility(t *testing.T) {
	ix, store := indextest.Sample(t)
	srv, _ := web.New(web.Config{Index: ix, Corpus: store})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := page{t, browser(t)}
	const check = `(() => {
		const problems = [];
		for (const el of document.querySelectorAll('input, textarea, select')) {
			if (el.type === 'hidden') continue;
			const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.getAttribute('aria-label') || el.closest('label');
			if (!labelled) problems.push('unlabelled ' + el.tagName + ' ' + (el.name || ''));
		}
		for (const sel of ['header', 'main', 'footer', '[role=search]']) {
			if (!document.querySelector(sel)) problems.push('no ' + sel);
		}
		if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) problems.push('sideways scroll');
		if (!document.documentElement.lang) problems.push('no lang');
		return problems.join('; ');
	})()`
	for _, path := range []string{"/", "/?q=oversight", "/quote", "/?q=%D0%B1%D0%B5%D0%B7%D0%BF%D0%B5%D0%BA%D0%B8&lang=uk"} {
		p.do(chromedp.EmulateViewport(375, 740), chromedp.Navigate(ts.URL+path), chromedp.WaitReady(`body`))
		if problems := p.eval(check); problems != "" {
			t.Errorf("%s: %s", path, problems)
		}
	}
}
