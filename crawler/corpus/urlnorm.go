package corpus

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// trackingParams are query parameters that only track visitors (analytics
// campaigns, ad clicks, newsletters); they never change what a page shows, so they
// are dropped, as are those that begin with a trackingPrefixes entry. Keys are
// matched in lower case. Generic names (ref, source, s) are kept: they may select
// content.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"gad_source": true, "msclkid": true, "yclid": true, "twclid": true, "ttclid": true,
	"igshid": true, "srsltid": true, "_openstat": true, "hsctatracking": true,
	"mc_cid": true, "mc_eid": true, "mkt_tok": true, "_ga": true, "_gl": true, "ref_src": true,
	"pk_campaign": true, "pk_kwd": true, "pk_keyword": true, "pk_source": true, "pk_medium": true, "pk_content": true,
	"pk_cid": true, "pk_vid": true,
}

// trackingPrefixes begin tracking parameters: Google Analytics (utm_, __utm),
// Matomo/Piwik (mtm_, matomo_, piwik_; its pk_ keys are listed, pk_id may be a
// record's), HubSpot (_hs, hsa_), Omeda (oly_).
var trackingPrefixes = []string{"utm_", "__utm", "mtm_", "matomo_", "piwik_", "_hs", "hsa_", "oly_"}

// sessionParams are query parameters and path parameters (";jsessionid=…") that
// carry a server session: each visit spells every link anew. Keys are matched in
// lower case; those marked false only when the value looks like a session token
// (see sessionToken), since "sid=3" may well select a record.
var sessionParams = map[string]bool{
	"jsessionid":        true, // Java servlets (Tomcat, DSpace JSPUI)
	"phpsessid":         true, // PHP session.use_trans_sid
	"asp.net_sessionid": true,
	"oscsid":            true, // osCommerce
	"zenid":             true, // Zen Cart
	"xtcsid":            true, // xt:Commerce
	"cfid":              true, // ColdFusion
	"cftoken":           true,
	"wosid":             true, // WebObjects
	"sid":               false,
	"sessionid":         false,
	"session_id":        false,
}

// Normalize resolves ref against base (nil for an absolute URL) and returns the URL in
// the one form the corpus records a page under (the crawler fetches it so, the
// indexer matches links to entries so): http or https only; scheme and host in
// lower case without a default port, an internationalised host in its ASCII
// (punycode) form; path re-encoded (upper-case percent-escapes, no
// needless ones, "" → "/"); no fragment; tracking parameters (utm_*, fbclid, …)
// and session identifiers (;jsessionid=…, PHPSESSID, …) dropped, indexed keys
// renumbered (see normQuery) and the others sorted. ref is cleaned first by
// TrimURL.
func Normalize(ref string, base *url.URL) (*url.URL, error) {
	u, err := url.Parse(TrimURL(ref))
	if err != nil {
		return nil, err
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("not an http(s) URL")
	}
	if u.Host == "" {
		return nil, errors.New("no host")
	}
	u.User = nil
	host, port := u.Hostname(), u.Port()
	host, err = asciiHost(host)
	if err != nil {
		return nil, err
	}
	if port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	if port != "" {
		u.Host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		u.Host = "[" + host + "]"
	} else {
		u.Host = host
	}
	u.Fragment, u.RawFragment = "", ""
	u.Path, u.RawPath = dropPathSessions(u.Path), dropPathSessions(u.RawPath)
	if !strings.Contains(strings.ToLower(u.RawPath), "%2f") {
		u.RawPath = "" // re-encoded from Path
	} else {
		u.RawPath = upperEscapes(u.RawPath) // kept for its "%2F"s: one spelling still
	}
	if u.Path == "" {
		u.Path = "/"
	}
	u.RawQuery = normQuery(u.RawQuery)
	u.ForceQuery = false
	u.Opaque = ""
	return u, nil
}

// TrimURL takes tabs and newlines out of a URL string, and spaces and control
// characters from around it, as browsers do (WHATWG URL): wrapped hrefs and sitemap
// locs then parse.
func TrimURL(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' || unicode.IsSpace(r) })
}

// NormalizeHost returns a host name (with or without a port) as Normalize writes it:
// lower case, no final dot, internationalised names in their ASCII (punycode) form.
// A name that is not a valid internationalised one is returned lower-cased.
func NormalizeHost(h string) string {
	name, port, err := net.SplitHostPort(h)
	if err != nil {
		name, port = h, ""
	}
	if a, err := asciiHost(name); err == nil {
		name = a
	} else {
		name = strings.ToLower(name)
	}
	if port != "" {
		return net.JoinHostPort(name, port)
	}
	return name
}

// asciiHost lower-cases a host name without its port and writes an
// internationalised one in its ASCII form ("приклад.укр" → "xn--80aikifvh.xn--j1amh").
func asciiHost(host string) (string, error) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for i := 0; i < len(host); i++ {
		if host[i] >= utf8.RuneSelf {
			a, err := idna.Lookup.ToASCII(host)
			if err != nil {
				return "", fmt.Errorf("host %q: %w", host, err)
			}
			return a, nil
		}
	}
	return host, nil
}

// upperEscapes writes percent-escapes in upper case ("%d0" → "%D0").
func upperEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			for j := i + 1; j <= i+2; j++ {
				if b[j] >= 'a' && b[j] <= 'f' {
					b[j] -= 'a' - 'A'
				}
			}
		}
	}
	return string(b)
}

// dropPathSessions takes session parameters (";jsessionid=…") out of a path's
// segments, keeping other path parameters.
func dropPathSessions(p string) string {
	if !strings.Contains(p, ";") {
		return p
	}
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		name, params, ok := strings.Cut(seg, ";")
		if !ok {
			continue
		}
		for _, prm := range strings.Split(params, ";") {
			if k, v, _ := strings.Cut(prm, "="); !isSession(k, v) {
				name += ";" + prm
			}
		}
		segs[i] = name
	}
	return strings.Join(segs, "/")
}

// isSession reports whether a parameter carries a session identifier.
func isSession(key, value string) bool {
	always, ok := sessionParams[strings.ToLower(key)]
	return ok && (always || sessionToken(value))
}

// sessionToken reports whether a value looks like a session token: at least 16
// letters and digits, both present ("a3f9c2…", not "3" or "annualreports").
func sessionToken(v string) bool {
	var letter, digit bool
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letter = true
		default:
			return false
		}
	}
	return len(v) >= 16 && letter && digit
}

// isTracking reports whether a query key is a tracking parameter.
func isTracking(key string) bool {
	k := strings.ToLower(key)
	if trackingParams[k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// IndexedKey returns name for a query key of the form name[N], N a number, as PHP
// applications write lists (Drupal's facets f[0]=type:report&f[1]=year:2019).
func IndexedKey(key string) (name string, ok bool) {
	i := strings.LastIndexByte(key, '[')
	if i <= 0 || !strings.HasSuffix(key, "]") || i+2 >= len(key) {
		return "", false
	}
	for _, c := range key[i+1 : len(key)-1] {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return key[:i], true
}

// normQuery drops tracking parameters and session identifiers, renumbers a list
// of indexed keys (name[N]) 0, 1, … in the order of their sorted values, so that
// one set of facets is one URL in whatever order it was chosen, and sorts the rest
// by key, keeping the order of repeated keys. A list with a repeated index, or
// lists of several names (paired by index: sort[0] and dir[0]), are left as they
// are.
func normQuery(q string) string {
	if q == "" {
		return ""
	}
	vals, err := url.ParseQuery(q)
	if err != nil {
		return q // leave what we cannot parse as it is
	}
	lists := map[string][]string{} // name → its keys name[N]
	for k, vs := range vals {
		if isTracking(k) {
			delete(vals, k)
			continue
		}
		keep := vs[:0]
		for _, v := range vs {
			if !isSession(k, v) {
				keep = append(keep, v)
			}
		}
		if len(keep) == 0 {
			delete(vals, k)
			continue
		}
		vals[k] = keep
		if name, ok := IndexedKey(k); ok {
			lists[name] = append(lists[name], k)
		}
	}
	// Lists paired by index (sort[0] with dir[0]) are left as they are.
	if len(lists) > 1 {
		lists = nil
	}
	for name, keys := range lists {
		var list []string
		for _, k := range keys {
			list = append(list, vals[k]...)
		}
		if len(list) != len(keys) {
			continue // a repeated index: which value counts is the application's business
		}
		sort.Strings(list)
		for _, k := range keys {
			delete(vals, k)
		}
		for i, v := range list {
			vals.Set(fmt.Sprintf("%s[%d]", name, i), v)
		}
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range vals[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			if v != "" {
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
	}
	return b.String()
}
