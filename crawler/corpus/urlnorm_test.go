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
