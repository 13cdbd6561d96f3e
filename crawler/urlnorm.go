package crawler

import (
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
)

// shapeOf reduces a URL to the shape its endless variants share: digits in the path
// become '#', query values are dropped and indexed keys (f[0], f[1], …) become one
// key f[]. Calendars, ever-growing query strings and faceted searches produce
// unboundedly many URLs of one shape.
func shapeOf(u *url.URL) string {
	var b strings.Builder
	b.WriteString(u.Host)
	digits := false
	for _, r := range u.EscapedPath() {
		if r >= '0' && r <= '9' {
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	if u.RawQuery != "" {
		vals, _ := url.ParseQuery(u.RawQuery)
		keys := make([]string, 0, len(vals))
		for k := range vals {
			if name, ok := corpus.IndexedKey(k); ok {
				k = name + "[]"
			}
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		b.WriteString("?" + strings.Join(keys, "&"))
	}
	return b.String()
}

// dated reports whether a URL names a month or a day ("2024-05", "2024/05/01",
// "?date=2024-05-01"): a calendar's page, or an archive's by date, whose chain
// of "next month" links has no end.
func dated(u *url.URL) bool {
	return datePattern.MatchString(u.Path) || datePattern.MatchString(u.RawQuery)
}

var datePattern = regexp.MustCompile(`(?:^|[^0-9])(?:19|20)[0-9]{2}(?:[-/._]|%2[fF])(?:0?[1-9]|1[0-2])(?:[^0-9]|$)`)

// suspicious reports why a URL looks like a crawler trap on its own: very long,
// deeply nested, or a path segment repeating.
func suspicious(u *url.URL) string {
	s := u.String()
	if len(s) > 1024 {
		return "URL longer than 1024 bytes"
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(segs) > 20 {
		return "path deeper than 20 segments"
	}
	count := map[string]int{}
	for _, seg := range segs {
		if seg == "" {
			continue
		}
		count[seg]++
		if count[seg] >= 3 {
			return "path segment " + seg + " repeats"
		}
	}
	if strings.Count(u.RawQuery, "&") >= 15 {
		return "more than 15 query parameters"
	}
	return ""
}
