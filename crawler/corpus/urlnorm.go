package corpus

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// trackingParams are query parameters that only track visitors; they never change
// what a page shows, so they are dropped from URLs.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "igshid": true,
	"ref_src": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
}

// Normalize resolves ref against base (nil for an absolute URL) and returns the URL in
// the one form the corpus records a page under (the crawler fetches it so, the
// indexer matches links to entries so): http or https only; scheme and host in
// lower case without a default port, an internationalised host in its ASCII
// (punycode) form; path re-encoded (upper-case percent-escapes, no
// needless ones, "" → "/"); no fragment; tracking parameters (utm_*, fbclid, …)
// dropped and the others sorted.
func Normalize(ref string, base *url.URL) (*url.URL, error) {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
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

// normQuery drops tracking parameters and sorts the rest by key, keeping the order of
// repeated keys.
func normQuery(q string) string {
	if q == "" {
		return ""
	}
	vals, err := url.ParseQuery(q)
	if err != nil {
		return q // leave what we cannot parse as it is
	}
	for k := range vals {
		if trackingParams[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
			delete(vals, k)
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
