package crawler

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// maxSitemapURLs bounds the URLs taken from one sitemap file (the protocol's limit).
const maxSitemapURLs = 50000

// isFeed reports whether body looks like a news feed: RSS (0.9x, 1.0 as RDF,
// 2.0) or Atom.
func isFeed(body []byte) bool {
	head := body[:min(len(body), 1024)]
	return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<rdf:RDF")) ||
		bytes.Contains(head, []byte("<feed")) && bytes.Contains(head, []byte("http://www.w3.org/2005/Atom"))
}

// parseFeed returns the addresses a feed's items lead to: an RSS item's <link>
// and its enclosure (a PDF, a podcast), an Atom entry's links (alternate and
// enclosure, not its feed's or its replies'). The channel's own links are not
// an item's.
func parseFeed(body []byte) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = charset.NewReaderLabel
	var out []string
	inItem := 0
	for len(out) < maxSitemapURLs {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if (t.Name.Local == "item" || t.Name.Local == "entry") && inItem > 0 {
				inItem--
			}
		case xml.StartElement:
			switch {
			case t.Name.Local == "item" || t.Name.Local == "entry":
				inItem++
			case inItem == 0:
			case t.Name.Local == "enclosure":
				out = appendAttr(out, t, "url")
			case t.Name.Local == "link" && t.Name.Space == "http://www.w3.org/2005/Atom" || t.Name.Local == "link" && attr(t, "href") != "":
				if rel := attr(t, "rel"); rel == "" || rel == "alternate" || rel == "enclosure" {
					out = appendAttr(out, t, "href")
				}
			case t.Name.Local == "link":
				var link string
				if err := dec.DecodeElement(&link, &t); err != nil {
					return out, err
				}
				if link = strings.TrimSpace(link); link != "" {
					out = append(out, link)
				}
			}
		}
	}
	return out, nil
}

// attr is the value of an element's attribute named name, in any namespace.
func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// appendAttr appends the element's attribute name to out, when it has one.
func appendAttr(out []string, t xml.StartElement, name string) []string {
	if v := attr(t, name); v != "" {
		return append(out, v)
	}
	return out
}

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
	dec.CharsetReader = charset.NewReaderLabel // ISO-8859-1, windows-1251, …
	inIndex := false
	var open []xml.Name // the elements around the current token
	for len(pages)+len(sitemaps) < maxSitemapURLs {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return pages, sitemaps, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			continue
		case xml.StartElement:
			if t.Name.Local == "sitemapindex" {
				inIndex = true
			}
			// Only <url><loc> and <sitemap><loc> name pages and sitemaps; extensions
			// (image:loc, video:content_loc) name files inside their own elements.
			if t.Name.Local != "loc" || len(open) == 0 || !isLocParent(open[len(open)-1], t.Name) {
				open = append(open, t.Name)
				continue
			}
			var loc string
			if err := dec.DecodeElement(&loc, &t); err != nil {
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

// isLocParent reports whether a <loc> element named loc inside parent is a page's
// or a sitemap's address: a child of <url> or <sitemap> in the same namespace.
func isLocParent(parent, loc xml.Name) bool {
	return (parent.Local == "url" || parent.Local == "sitemap") && parent.Space == loc.Space
}
