package web

import (
	"net/url"
	"testing"

	"github.com/ssgsearch/ssgsearch/search"
)

// TestPageLinks: the links to the previous and next result pages lead to pages the
// server answers: none past the last result, none past search.MaxResults.
func TestPageLinks(t *testing.T) {
	q := url.Values{"q": {"x"}}
	last := search.MaxResults / 10
	for _, tt := range []struct {
		page, total int
		prev, next  string
	}{
		{1, 25, "", "/?page=2&q=x"},
		{3, 25, "/?page=2&q=x", ""},
		{9, 25, "/?page=3&q=x", ""}, // past the last page: back to it
		{last - 1, 2 * search.MaxResults, "/?page=998&q=x", "/?page=1000&q=x"},
		{last, 2 * search.MaxResults, "/?page=999&q=x", ""},
	} {
		prev, next := pageLinks(q, tt.page, 10, tt.total)
		if prev != tt.prev || next != tt.next {
			t.Errorf("page %d of %d results: %q, %q; want %q, %q", tt.page, tt.total, prev, next, tt.prev, tt.next)
		}
	}
}
