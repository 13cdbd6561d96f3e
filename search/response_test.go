package search

import "testing"

func TestAbsURL(t *testing.T) {
	for _, c := range []struct{ base, u, want string }{
		{"http://127.0.0.1:8080", "stored:abc.pdf", "http://127.0.0.1:8080/files/abc.pdf"},
		{"", "stored:abc.html", "/files/abc.html"},
		{"http://127.0.0.1:8080", "/documents/x", "http://127.0.0.1:8080/documents/x"},
		{"http://127.0.0.1:8080", "https://example.org/a.pdf", "https://example.org/a.pdf"},
		{"http://127.0.0.1:8080", "//example.org/a", "//example.org/a"},
		{"http://127.0.0.1:8080", "", ""},
	} {
		if got := AbsURL(c.base, c.u); got != c.want {
			t.Errorf("AbsURL(%q, %q) = %q, want %q", c.base, c.u, got, c.want)
		}
	}
}
