package corpus

import (
	"net/url"
	"testing"
)

func TestNormalize(t *testing.T) {
	base, _ := url.Parse("https://example.org/uk/publication/")
	tests := []struct{ in, want string }{
		{"HTTPS://Example.ORG:443/a/", "https://example.org/a/"},
		{"http://example.org:80", "http://example.org/"},
		{"http://example.org:8080/a", "http://example.org:8080/a"},
		{"https://example.org/a/#section", "https://example.org/a/"},
		{"https://example.org/a/?utm_source=x&b=2&a=1&fbclid=y", "https://example.org/a/?a=1&b=2"},
		{"https://example.org/uk/%d0%ba%d0%b8/", "https://example.org/uk/%D0%BA%D0%B8/"},
		{"https://example.org/uk/ки/", "https://example.org/uk/%D0%BA%D0%B8/"},
		{"https://example.org/%7Euser/", "https://example.org/~user/"},
		{"https://example.org/a/../b/./c", "https://example.org/b/c"},
		{"кирилиця/", "https://example.org/uk/publication/%D0%BA%D0%B8%D1%80%D0%B8%D0%BB%D0%B8%D1%86%D1%8F/"},
		{"/wp-content/x.pdf", "https://example.org/wp-content/x.pdf"},
		{"https://user:pw@example.org/", "https://example.org/"},
		{"https://example.org./", "https://example.org/"},
		{"https://example.org/?", "https://example.org/"},
		{"https://ПРИКЛАД.укр/a/", "https://xn--80aikifvh.xn--j1amh/a/"},
		{"https://xn--80aikifvh.xn--j1amh/a/", "https://xn--80aikifvh.xn--j1amh/a/"},
		{"http://приклад.укр:8080/", "http://xn--80aikifvh.xn--j1amh:8080/"},
		{"https://my_host.example/", "https://my_host.example/"},
		{"http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"https://example.org/a%2fb/%d0%ba/", "https://example.org/a%2Fb/%D0%BA/"},
		{"https://example.org/a%2Fb/%D0%BA/", "https://example.org/a%2Fb/%D0%BA/"},
	}
	for _, tt := range tests {
		u, err := Normalize(tt.in, base)
		if err != nil {
			t.Errorf("Normalize(%q): %v", tt.in, err)
			continue
		}
		if u.String() != tt.want {
			t.Errorf("Normalize(%q) = %s, want %s", tt.in, u, tt.want)
		}
	}
	for _, bad := range []string{"mailto:a@example.org", "javascript:alert(1)", "ftp://example.org/", "http://", "http://[::1"} {
		if u, err := Normalize(bad, base); err == nil {
			t.Errorf("Normalize(%q) = %s, want an error", bad, u)
		}
	}
}

func TestNormalizeHost(t *testing.T) {
	for in, want := range map[string]string{
		"Example.ORG.":            "example.org",
		"приклад.укр":             "xn--80aikifvh.xn--j1amh",
		"приклад.укр:8080":        "xn--80aikifvh.xn--j1amh:8080",
		"127.0.0.1:1234":          "127.0.0.1:1234",
		"xn--80aikifvh.xn--j1amh": "xn--80aikifvh.xn--j1amh",
	} {
		if got := NormalizeHost(in); got != want {
			t.Errorf("NormalizeHost(%q) = %q, want %q", in, got, want)
		}
	}
}

// normalizeCases checks Normalize on absolute URLs; a case whose want is its in must
// stay as it is.
func normalizeCases(t *testing.T, tests []struct{ name, in, want string }) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := Normalize(tc.in, nil)
			if err != nil {
				t.Fatalf("Normalize(%q): %v", tc.in, err)
			}
			if u.String() != tc.want {
				t.Errorf("Normalize(%q) = %s, want %s", tc.in, u, tc.want)
			}
		})
	}
}

// TestNormalizeSessionIDs checks that session identifiers in paths and queries are
// dropped and that parameters selecting content are kept.
func TestNormalizeSessionIDs(t *testing.T) {
	normalizeCases(t, []struct{ name, in, want string }{
		{"DSpace JSPUI item", "https://dspace.example.org/handle/123456789/42;jsessionid=0A1B2C3D4E5F60718293A4B5C6D7E8F9", "https://dspace.example.org/handle/123456789/42"},
		{"DSpace bitstream", "https://dspace.example.org/bitstream/handle/123456789/42/report.pdf;jsessionid=0A1B2C3D4E5F60718293A4B5C6D7E8F9?sequence=1", "https://dspace.example.org/bitstream/handle/123456789/42/report.pdf?sequence=1"},
		{"jsessionid upper case, jvmRoute", "https://repo.example.org/;JSESSIONID=5F2A9C0D41B7E3.node1", "https://repo.example.org/"},
		{"jsessionid mid-path, other parameter kept", "https://example.org/app;jsessionid=AB12CD34EF56AB12;v=2/view", "https://example.org/app;v=2/view"},
		{"phpsessid path parameter", "https://example.org/docs/a.pdf;phpsessid=9f8e7d6c5b4a39281706f5e4d3c2b1a0", "https://example.org/docs/a.pdf"},
		{"sid path parameter", "https://example.org/list;sid=1e4b77c0a9f3d2e61e4b77c0", "https://example.org/list"},
		{"PHP trans_sid", "https://example.org/pub.php?id=2&PHPSESSID=k3j4h5g6f7d8s9a0q1w2e3r4t5", "https://example.org/pub.php?id=2"},
		{"osCommerce", "https://shop.example.org/product_info.php?products_id=28&osCsid=6f2b0c1f3e4d5a6b7c8d9e0f1a2b3c4d", "https://shop.example.org/product_info.php?products_id=28"},
		{"Zen Cart", "https://shop.example.org/index.php?main_page=product_info&products_id=7&zenid=a1b2c3d4e5f6a7b8c9d0e1f2a3", "https://shop.example.org/index.php?main_page=product_info&products_id=7"},
		{"xt:Commerce", "https://shop.example.org/product_info.php?info=p12_report.html&XTCsid=b7f0e1d2c3a4958677a6b5c4d3e2f1a0", "https://shop.example.org/product_info.php?info=p12_report.html"},
		{"ColdFusion", "https://example.org/index.cfm?fuseaction=publications.detail&id=9&CFID=1234567&CFTOKEN=89012345", "https://example.org/index.cfm?fuseaction=publications.detail&id=9"},
		{"ASP.NET", "https://example.org/Report.aspx?ASP.NET_SessionId=lit3py55t21z5v55vlm25s55&rid=4", "https://example.org/Report.aspx?rid=4"},
		{"sid token", "https://forum.example.org/viewtopic.php?t=81&sid=2c8a0f5e3b9d71f4a6c2e8b0d3f5a719", "https://forum.example.org/viewtopic.php?t=81"},
		{"sessionid token", "https://example.org/search?q=police&sessionid=A7F3B9C1D5E2F8A4", "https://example.org/search?q=police"},
		{"sid item id kept", "https://example.org/publication.php?sid=3", "https://example.org/publication.php?sid=3"},
		{"sid word kept", "https://example.org/series?sid=annualreportsarchive", "https://example.org/series?sid=annualreportsarchive"},
		{"conference session kept", "https://example.org/programme?session_id=12", "https://example.org/programme?session_id=12"},
		{"s kept", "https://example.org/?s=police", "https://example.org/?s=police"},
		{"matrix parameter kept", "https://example.org/cars;color=red/list", "https://example.org/cars;color=red/list"},
		{"semicolon in a name kept", "https://example.org/a;b", "https://example.org/a;b"},
	})
}

// TestNormalizeTracking checks that tracking parameters are dropped and that
// parameters selecting content are kept.
func TestNormalizeTracking(t *testing.T) {
	normalizeCases(t, []struct{ name, in, want string }{
		{"Matomo campaign", "https://example.org/news/report/?pk_campaign=newsletter&pk_kwd=june", "https://example.org/news/report/"},
		{"a record's pk_id stays", "https://example.org/record/?pk_id=7", "https://example.org/record/?pk_id=7"},
		{"Matomo Tag Manager", "https://example.org/a/?mtm_campaign=x&mtm_source=y", "https://example.org/a/"},
		{"Matomo and Piwik long names", "https://example.org/a/?matomo_campaign=x&piwik_kwd=y", "https://example.org/a/"},
		{"Google Search result", "https://example.org/a/?srsltid=AfmBOoqW3xYz", "https://example.org/a/"},
		{"Google Ads", "https://example.org/a/?gad_source=1&gbraid=0AAAAA&wbraid=Cj4KCQ&gclsrc=aw.ds", "https://example.org/a/"},
		{"Google Analytics linker", "https://example.org/a/?__utma=1.2.3&__utmz=4.5", "https://example.org/a/"},
		{"Yandex", "https://example.org/a/?_openstat=ZGlyZWN0&yclid=123", "https://example.org/a/"},
		{"HubSpot", "https://example.org/a/?hsCtaTracking=abc%7Cdef&_hsenc=p2ANqtz&_hsmi=123&hsa_acc=1&hsa_cam=2", "https://example.org/a/"},
		{"Omeda", "https://example.org/a/?oly_enc_id=1234A&oly_anon_id=5", "https://example.org/a/"},
		{"Twitter, TikTok", "https://example.org/a/?twclid=2-abc&ttclid=E.C.P&ref_src=twsrc%5Etfw", "https://example.org/a/"},
		{"Mailchimp", "https://example.org/a/?mc_cid=abc123&mc_eid=def456&page=2", "https://example.org/a/?page=2"},
		{"content parameters kept", "https://example.org/a/?ref=rss&source=ombudsman&lang=uk&page=2&id=7", "https://example.org/a/?id=7&lang=uk&page=2&ref=rss&source=ombudsman"},
	})
}

// TestNormalizeControls checks that tabs and newlines inside a URL and spaces and
// control characters around it are taken out, as browsers do.
func TestNormalizeControls(t *testing.T) {
	normalizeCases(t, []struct{ name, in, want string }{
		{"wrapped href", "https://example.org/wrapped/long-\nname/", "https://example.org/wrapped/long-name/"},
		{"CR LF in a sitemap loc", "\r\n  https://example.org/a/\r\nb/\r\n  ", "https://example.org/a/b/"},
		{"tab", "https://example.org/tab\tname/", "https://example.org/tabname/"},
		{"newline in a query", "https://example.org/list/?a=1&\nb=2", "https://example.org/list/?a=1&b=2"},
		{"controls around", "\x00\x1f https://example.org/a/\x0c\x00", "https://example.org/a/"},
		{"inner space kept", "https://example.org/a b/", "https://example.org/a%20b/"},
	})
}

// TestNormalizeIndexedKeys checks that lists of indexed keys (Drupal facets) are
// one URL in any order and numbering.
func TestNormalizeIndexedKeys(t *testing.T) {
	const want = "https://example.org/library?f%5B0%5D=type%3Areport&f%5B1%5D=year%3A2019"
	normalizeCases(t, []struct{ name, in, want string }{
		{"in order", "https://example.org/library?f[0]=type:report&f[1]=year:2019", want},
		{"keys out of order", "https://example.org/library?f[1]=year:2019&f[0]=type:report", want},
		{"values swapped", "https://example.org/library?f[0]=year:2019&f[1]=type:report", want},
		{"gaps", "https://example.org/library?f[3]=year:2019&f[7]=type:report", want},
		{"escaped brackets", "https://example.org/library?f%5B1%5D=type%3Areport&f%5B0%5D=year%3A2019", want},
		{"with other keys", "https://example.org/library?page=1&f[0]=year:2019&f[1]=type:report&search=police",
			"https://example.org/library?f%5B0%5D=type%3Areport&f%5B1%5D=year%3A2019&page=1&search=police"},
		{"two lists paired by index stay paired", "https://example.org/s?sort[0]=title&dir[0]=asc&sort[1]=date&dir[1]=desc", "https://example.org/s?dir%5B0%5D=asc&dir%5B1%5D=desc&sort%5B0%5D=title&sort%5B1%5D=date"},
		{"repeated index kept", "https://example.org/s?f[0]=b&f[0]=a", "https://example.org/s?f%5B0%5D=b&f%5B0%5D=a"},
		{"not a number kept", "https://example.org/s?f[b]=2&f[a]=1", "https://example.org/s?f%5Ba%5D=1&f%5Bb%5D=2"},
	})
}
