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

func TestSplit(t *testing.T) {
	for in, want := range map[string]person{
		"Olena Marchenko":                        {Family: "Marchenko", Given: "Olena"},
		"Ірина Бондар":                           {Family: "Бондар", Given: "Ірина"},
		"Centre for Security Governance Studies": {Literal: "Centre for Security Governance Studies"},
		"UNDP":                                   {Literal: "UNDP"},
		"de la Cruz":                             {Literal: "de la Cruz"},
	} {
		if got := split(in); got != want {
			t.Errorf("split(%q) = %+v, want %+v", in, got, want)
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
