package crawler

import (
	"net/url"
	"sort"
	"strings"
)

// shapeOf reduces a URL to the shape its endless variants share: digits become '#',
// query values are dropped. Calendars and ever-growing query strings produce
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
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("?" + strings.Join(keys, "&"))
	}
	return b.String()
}

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
