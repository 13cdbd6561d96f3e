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
