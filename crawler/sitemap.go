package crawler

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"strings"
)

// maxSitemapURLs bounds the URLs taken from one sitemap file (the protocol's limit).
const maxSitemapURLs = 50000

// isSitemap reports whether body looks like a sitemap or sitemap index.
func isSitemap(body []byte) bool {
	head := body[:min(len(body), 512)]
	return bytes.Contains(head, []byte("<urlset")) || bytes.Contains(head, []byte("<sitemapindex")) ||
		len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b
}

// parseSitemap returns the page URLs and the child sitemap URLs of a sitemap or a
// sitemap index, gzip-compressed or not.
func parseSitemap(body []byte) (pages, sitemaps []string, err error) {
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, nil, err
		}
		body, err = io.ReadAll(io.LimitReader(zr, maxSitemapBytes))
		if err != nil {
			return nil, nil, err
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	inIndex := false
	for len(pages)+len(sitemaps) < maxSitemapURLs {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return pages, sitemaps, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "sitemapindex":
			inIndex = true
		case "loc":
			var loc string
			if err := dec.DecodeElement(&loc, &se); err != nil {
				return pages, sitemaps, err
			}
			loc = strings.TrimSpace(loc)
			if loc == "" {
				continue
			}
			if inIndex {
				sitemaps = append(sitemaps, loc)
			} else {
				pages = append(pages, loc)
			}
		}
	}
	return pages, sitemaps, nil
}
