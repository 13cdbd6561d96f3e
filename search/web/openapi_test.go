package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/ssgsearch/ssgsearch/search"
)

// TestOpenAPIConformance validates openapi.json as OpenAPI 3, then sends the API real
// requests, good and bad, and checks every request and answer against the spec: the
// status is one the operation declares and the body has the declared shape.
func TestOpenAPIConformance(t *testing.T) {
	ts := sampleServer(t)
	_, _, body := get(t, ts.URL+"/api/v1/openapi.json")
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData([]byte(body))
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI 3: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: ts.URL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}

	_, _, body = get(t, ts.URL+"/api/v1/search?q="+url.QueryEscape(`"closed hearing"`))
	var res search.Response
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) == 0 {
		t.Fatalf("search: %v %s", err, body)
	}
	id := res.Hits[0].ID
	type call struct {
		method, path, body string
		want               int
	}
	calls := []call{
		{"GET", "/api/v1/search?q=oversight&size=5", "", 200},
		{"GET", "/api/v1/search?q=oversight&lang=en&sort=newest&xlang=off", "", 200},
		{"GET", "/api/v1/search?q=oversight&explain=true", "", 200},
		{"GET", "/api/v1/search?q=oversight&explain=yes", "", 400},
		{"GET", "/api/v1/search?q=%22unclosed", "", 400},
		{"GET", "/api/v1/search?q=oversight&size=1000", "", 400},
		{"GET", "/api/v1/search/export?q=oversight&format=json", "", 200},
		{"GET", "/api/v1/search/export?q=oversight&format=csv", "", 200},
		{"GET", "/api/v1/search/export?q=oversight&format=docx", "", 400},
		{"GET", "/api/v1/documents/" + id, "", 200},
		{"GET", "/api/v1/documents/nosuchdocument", "", 404},
		{"GET", "/api/v1/documents/" + id + "/pages/15?q=closed", "", 200},
		{"GET", "/api/v1/documents/" + id + "/pages/999", "", 404},
		{"GET", "/api/v1/documents/" + id + "/search?q=hearing", "", 200},
		{"GET", "/api/v1/documents/" + id + "/related", "", 200},
		{"GET", "/api/v1/documents/" + id + "/cite?format=csl-json&page=3", "", 200},
		{"GET", "/api/v1/documents/" + id + "/cite?format=bibtex", "", 200},
		{"GET", "/api/v1/documents/" + id + "/cite?format=mla", "", 400},
		{"POST", "/api/v1/quotes/verify", `{"quote":"An inquiry into everything finds nothing."}`, 200},
		{"POST", "/api/v1/quotes/verify", `{"quote":""}`, 400},
		{"GET", "/healthz", "", 200},
	}
	for _, c := range calls {
		req, err := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		if c.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Errorf("%s %s: not in the spec: %v", c.method, c.path, err)
			continue
		}
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
		if c.want < 400 {
			if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
				t.Errorf("%s %s: request against the spec: %v", c.method, c.path, err)
			}
		}
		// ValidateRequest read the body: send it afresh.
		req.Body = io.NopCloser(strings.NewReader(c.body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s %s: status %d, want %d: %s", c.method, c.path, resp.StatusCode, c.want, b)
		}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
			Header: resp.Header, Options: &openapi3filter.Options{IncludeResponseStatus: true}}
		out.SetBodyBytes(b)
		if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
			t.Errorf("%s %s: answer against the spec: %v", c.method, c.path, firstLines(err.Error(), 6))
		}
		if !bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) && strings.Contains(resp.Header.Get("Content-Type"), "json") && resp.StatusCode >= 400 {
			t.Errorf("%s %s: error is not a JSON object: %s", c.method, c.path, b)
		}
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
