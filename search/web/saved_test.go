package web_test

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search/saved"
	"github.com/ssgsearch/ssgsearch/search/web"
)

// savedServer serves the sample index with a saved-search store.
func savedServer(t *testing.T) *httptest.Server {
	t.Helper()
	ix, store := indextest.Sample(t)
	st, err := saved.Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	// The tests' webhooks listen on loopback, which an operator must allow.
	st.SetNotifier(saved.NewNotifier([]netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}))
	_, ts := serve(t, web.Config{Index: ix, Corpus: store, Saved: st, IndexState: func() string { return "test index" }})
	return ts
}

func do(t *testing.T, method, u, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return fetch(t, req)
}

func TestSavedSearchAPI(t *testing.T) {
	ts := savedServer(t)
	api := ts.URL + "/api/v1/saved-searches"
	code, body := do(t, "POST", api, `{"name": "Oversight", "query": "parliamentary oversight", "filters": {"lang": ["en"]}, "xlang": false, "tags": ["watch"], "webhook": {"url": "http://127.0.0.1:1/hook", "secret": "s3cret"}}`)
	var q saved.Query
	if err := json.Unmarshal([]byte(body), &q); code != 201 || err != nil || q.ID == "" || q.Webhook == nil || q.Webhook.Secret != "" {
		t.Fatalf("create: %d %s", code, body)
	}
	one := api + "/" + q.ID
	for _, tt := range []struct {
		method, url, body string
		code              int
		want              string
	}{
		{"POST", api, `{"name": "Bad", "query": "(oversight"}`, 400, "unbalanced"},
		{"POST", api, `{"name": "", "query": "x"}`, 400, "needs a name"},
		{"POST", api, `{"name": "Meta", "query": "x", "webhook": {"url": "http://169.254.169.254/latest"}}`, 400, "may not reach"},
		{"POST", api, `{"name": "Creds", "query": "x", "webhook": {"url": "https://u:p@hooks.example.org/"}}`, 400, "user name or password"},
		{"POST", api, `{"name": "X", "query": "x", "colour": "red"}`, 400, "unknown field"},
		{"POST", api, `{"name": "X", "query": "` + strings.Repeat("x", 70<<10) + `"}`, 413, "too large"},
		{"GET", api + "/99", "", 404, "not found"},
		{"PUT", api + "/99", `{"name": "Y", "query": "y"}`, 404, "not found"},
		{"GET", one + "/runs/latest", "", 404, "not found"}, // no run yet
		{"GET", one + "/runs/abc", "", 400, "run number"},
		{"GET", one + "/compare?from=1&to=x", "", 400, "run number"},
		{"GET", api, "", 200, `"Oversight"`},
		{"GET", one, "", 200, `"parliamentary oversight"`},
		{"POST", api, `{"name": "Default xlang", "query": "audit"}`, 201, `"xlang":true`},
	} {
		code, body := do(t, tt.method, tt.url, tt.body)
		if code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("%s %s: %d %.200s, want %d with %q", tt.method, tt.url, code, body, tt.code, tt.want)
		}
	}
	// Rename; the secret stays (and stays hidden).
	if code, body := do(t, "PUT", one, `{"name": "Oversight (en)", "query": "parliamentary oversight", "filters": {"lang": ["en"]}, "webhook": {"url": "http://127.0.0.1:1/hook"}}`); code != 200 || !strings.Contains(body, "Oversight (en)") || strings.Contains(body, "s3cret") {
		t.Errorf("update: %d %s", code, body)
	}
	// Run twice: a baseline, then nothing new.
	var run saved.Run
	code, body = do(t, "POST", one+"/runs", "")
	if err := json.Unmarshal([]byte(body), &run); code != 200 || err != nil || !run.Baseline || run.Total == 0 || run.IndexState != "test index" {
		t.Fatalf("first run: %d %s", code, body)
	}
	code, body = do(t, "POST", one+"/runs", "")
	if err := json.Unmarshal([]byte(body), &run); code != 200 || err != nil || run.Baseline || run.News() || run.ID != 2 {
		t.Fatalf("second run: %d %s", code, body)
	}
	if code, body := do(t, "GET", one+"/runs", ""); code != 200 || strings.Count(body, `"run_id"`) != 2 {
		t.Errorf("runs: %d %s", code, body)
	}
	if code, body := do(t, "GET", one+"/runs/1", ""); code != 200 || !strings.Contains(body, `"content_hash"`) {
		t.Errorf("run 1: %d %.300s", code, body)
	}
	if code, body := do(t, "GET", one+"/compare?from=1&to=2", ""); code != 200 || !strings.Contains(body, `"added":[]`) {
		t.Errorf("compare: %d %s", code, body)
	}
	code, body = do(t, "GET", one+"/feed.atom", "")
	if code != 200 || xml.Unmarshal([]byte(body), new(struct{})) != nil {
		t.Errorf("feed: %d %s", code, body)
	}
	code, body = do(t, "GET", one+"/export.csv", "")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if code != 200 || err != nil || len(rows) != run.Total+1 || rows[1][2] != "2" {
		t.Errorf("export.csv: %d rows for %d results: %v", len(rows), run.Total, err)
	}
	if code, body := do(t, "GET", one+"/export.json", ""); code != 200 || !strings.Contains(body, `"saved_search"`) || !strings.Contains(body, `"results"`) {
		t.Errorf("export.json: %d %.200s", code, body)
	}
	if code, body := do(t, "GET", one+"/runs/2/diff.csv", ""); code != 200 || !strings.HasPrefix(body, "saved_search,query,run_id") {
		t.Errorf("diff.csv: %d %s", code, body)
	}
	if code, _ := do(t, "DELETE", one, ""); code != 204 {
		t.Errorf("delete: %d", code)
	}
	if code, _ := do(t, "GET", one+"/runs", ""); code != 404 {
		t.Errorf("runs of a deleted search: %d", code)
	}
}

// TestSavedSearchOffWithoutStore: a server without a store says so.
func TestSavedSearchOffWithoutStore(t *testing.T) {
	ts := sampleServer(t)
	if code, body := do(t, "GET", ts.URL+"/api/v1/saved-searches", ""); code != 400 || !strings.Contains(body, "keeps no saved searches") {
		t.Errorf("%d %s", code, body)
	}
}

// TestSavedSearchUI: save a search from its results page, see it listed with its
// "new since the run before" count, run it again.
func TestSavedSearchUI(t *testing.T) {
	ts := savedServer(t)
	_, _, page := get(t, ts.URL+"/?q=oversight&language=en")
	if !strings.Contains(page, `action="/saved"`) || !strings.Contains(page, `name="language" value="en"`) {
		t.Fatalf("results page has no save form")
	}
	form := url.Values{"name": {"<b>Oversight</b>"}, "q": {"oversight"}, "language": {"en"}}
	// The form is answered with a redirect (a reload does not post it again).
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.PostForm(ts.URL+"/saved", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/saved/1?done=saved") {
		t.Fatalf("saving: %d to %q, want 303 to the saved search", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, _, page = get(t, ts.URL+resp.Header.Get("Location"))
	if !strings.Contains(page, "&lt;b&gt;Oversight&lt;/b&gt;") || strings.Contains(page, "<b>Oversight</b>") ||
		!strings.Contains(page, `class="notice"`) || !strings.Contains(page, "language=en") {
		t.Fatalf("after saving:\n%s", page)
	}
	resp, err = http.PostForm(ts.URL+"/saved/1/run", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if _, _, list := get(t, ts.URL+"/saved"); !strings.Contains(list, `<strong class="new-count">0</strong>`) {
		t.Errorf("after a second run: %s", list)
	}
	// Its page: the latest run, the history, rename, delete.
	_, _, page = get(t, ts.URL+"/saved/1")
	if !strings.Contains(page, "History of runs") || !strings.Contains(page, "Nothing new since the run before") || !strings.Contains(page, "/runs/2/diff.csv") {
		t.Errorf("saved search page:\n%s", page)
	}
	resp, err = http.PostForm(ts.URL+"/saved/1/edit", url.Values{"name": {"Oversight (en)"}, "description": {"weekly"}, "q": {"parliamentary oversight"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "Oversight (en)") || !strings.Contains(string(b), "weekly") || !strings.Contains(string(b), `value="parliamentary oversight"`) {
		t.Errorf("after renaming: %d %s", resp.StatusCode, b)
	}
	resp, err = http.PostForm(ts.URL+"/saved/1/delete", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code, _, _ := get(t, ts.URL+"/saved/1"); code != 404 {
		t.Errorf("deleted saved search: %d", code)
	}
	// A bad query is refused with the reason, on the page.
	resp, err = http.PostForm(ts.URL+"/saved", url.Values{"name": {"Bad"}, "q": {"(oversight"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(b), "unbalanced") {
		t.Errorf("bad query: %d %s", resp.StatusCode, b)
	}
}

// TestCrossSiteFormRefused: another site's page cannot make the browser delete or
// create saved searches.
func TestCrossSiteFormRefused(t *testing.T) {
	ts := savedServer(t)
	req, _ := http.NewRequest("POST", ts.URL+"/saved", strings.NewReader("name=x&q=oversight"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", resp.StatusCode)
	}
	if code, body := do(t, "GET", ts.URL+"/api/v1/saved-searches", ""); code != 200 || strings.Contains(body, `"x"`) {
		t.Errorf("a cross-site POST saved a search: %s", body)
	}
}

// TestHostsAndToken: requests naming a host the server does not answer to are
// refused (a DNS-rebinding page names its own); with RequireToken, changing saved
// searches needs the admin token while reading and searching stay open.
func TestHostsAndToken(t *testing.T) {
	ix, store := indextest.Sample(t)
	st, err := saved.Open(filepath.Join(t.TempDir(), "saved.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, ts := serve(t, web.Config{Index: ix, Corpus: store, Saved: st, AdminToken: "s3cret", RequireToken: true,
		Hosts: []string{"search.example.org"}, IndexState: func() string { return "test index" }})
	send := func(method, path, host, token, body string) (int, string) {
		req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return fetch(t, req)
	}
	create := `{"name": "Audits", "query": "audit"}`
	for _, tt := range []struct {
		method, path, host, token, body string
		code                            int
	}{
		{"GET", "/api/v1/search?q=oversight", "rebound.example.net", "", "", 400},
		{"POST", "/api/v1/saved-searches", "rebound.example.net:8080", "s3cret", create, 400},
		{"GET", "/api/v1/search?q=oversight", "search.example.org", "", "", 200},
		{"GET", "/api/v1/search?q=oversight", "SEARCH.example.org.:443", "", "", 200},
		{"GET", "/api/v1/search?q=oversight", "[::1]:8080", "", "", 200},
		{"POST", "/api/v1/saved-searches", "localhost", "", create, 401},
		{"POST", "/api/v1/saved-searches", "localhost", "wrong", create, 401},
		{"POST", "/saved", "localhost", "", "name=Audits&q=audit", 401},
		{"POST", "/api/v1/saved-searches", "localhost", "s3cret", create, 201},
		{"GET", "/api/v1/saved-searches", "localhost", "", "", 200},
		{"POST", "/api/v1/saved-searches/1/runs", "localhost", "", "", 401},
		{"DELETE", "/api/v1/saved-searches/1", "localhost", "", "", 401},
		{"DELETE", "/api/v1/saved-searches/1", "localhost", "s3cret", "", 204},
	} {
		if code, body := send(tt.method, tt.path, tt.host, tt.token, tt.body); code != tt.code {
			t.Errorf("%s %s (Host %s, token %q): %d %.120s, want %d", tt.method, tt.path, tt.host, tt.token, code, body, tt.code)
		}
	}

	// A webhook's address often holds its receiver's password (in its path or
	// query): readers without the token see its scheme and host only.
	hook := `{"name": "Hooked", "query": "audit", "webhook": {"url": "https://hooks.example.com/services/T0/B0/CAPABILITY?token=KEY", "secret": "x"}}`
	if code, body := send("POST", "/api/v1/saved-searches", "localhost", "s3cret", hook); code != 201 || !strings.Contains(body, "CAPABILITY") {
		t.Fatalf("create with a webhook, with the token: %d %.200s", code, body)
	}
	if code, body := send("POST", "/api/v1/saved-searches/2/runs", "localhost", "s3cret", ""); code != 200 {
		t.Fatalf("run: %d %.200s", code, body)
	}
	for _, path := range []string{"/api/v1/saved-searches", "/api/v1/saved-searches/2", "/api/v1/saved-searches/2/export.json"} {
		for _, token := range []string{"", "wrong", "s3cret"} {
			code, body := send("GET", path, "localhost", token, "")
			full := strings.Contains(body, "CAPABILITY") || strings.Contains(body, "KEY")
			if code != 200 || full != (token == "s3cret") || !strings.Contains(body, `"https://hooks.example.com`) || strings.Contains(body, `"secret"`) {
				t.Errorf("GET %s, token %q: %d %.300s; want the webhook's whole address with the token only, its secret never", path, token, code, body)
			}
		}
	}
}

// TestSavedSearchPages: a saved search's page shows its filters, the results of
// its latest run and a chart of its runs, and its filters can be edited there.
func TestSavedSearchPages(t *testing.T) {
	ts := savedServer(t)
	api := ts.URL + "/api/v1/saved-searches"
	if code, body := do(t, "POST", api, `{"name": "Oversight", "query": "oversight", "filters": {"lang": ["en"], "year_from": 2015}, "sort": "newest", "xlang": false}`); code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	for range 2 {
		if code, body := do(t, "POST", api+"/1/runs", ""); code != 200 {
			t.Fatalf("run: %d %s", code, body)
		}
	}
	_, _, list := get(t, ts.URL+"/saved")
	_, _, page := get(t, ts.URL+"/saved/1")
	for _, want := range []string{"Language: English", "Year: 2015–", "Sort by: newest", "Both languages: off"} {
		if !strings.Contains(list, want) || !strings.Contains(page, want) {
			t.Errorf("filters not shown: %q", want)
		}
	}
	if !strings.Contains(page, `class="saved-results"`) || !strings.Contains(page, `href="/documents/`) || !strings.Contains(page, "<svg") {
		t.Errorf("detail page lacks the latest results or the chart of runs")
	}
	form := url.Values{"name": {"Oversight"}, "q": {"oversight"}, "lang": {"uk"}, "year_from": {""}, "year_to": {"2022"}, "sort": {"relevance"}, "xlang": {"on"}}
	resp, err := http.PostForm(ts.URL+"/saved/1/edit", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_, _, page = get(t, ts.URL+"/saved/1")
	if !strings.Contains(page, "Language: Українська") || !strings.Contains(page, "Year: –2022") || strings.Contains(page, "Both languages: off") {
		t.Errorf("edited filters not saved")
	}
	form.Set("year_to", "twenty")
	if resp, err = http.PostForm(ts.URL+"/saved/1/edit", form); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("a bad year: %d, want 400", resp.StatusCode)
	}
}

// TestSavedErrorInUkrainian: the Ukrainian interface says why a saved search was
// refused in Ukrainian: its own reasons and the query's.
func TestSavedErrorInUkrainian(t *testing.T) {
	ts := savedServer(t)
	for form, want := range map[string]string{
		"name=&q=oversight":     "збереженому пошуку потрібна назва",
		"name=X&q=%28oversight": "незакрита «(»",
	} {
		req, _ := http.NewRequest("POST", ts.URL+"/saved", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept-Language", "uk")
		if code, b := fetch(t, req); code != 400 || !strings.Contains(b, want) {
			t.Errorf("%s: %d, no %q", form, code, want)
		}
	}
}
