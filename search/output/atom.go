package output

import (
	"encoding/xml"
	"io"
	"time"

	"github.com/ssgsearch/ssgsearch/search/saved"
)

// atom* are the Atom 1.0 (RFC 4287) elements the feed uses.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Summary atomContent `xml:"summary"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// WriteAtom writes f as an Atom 1.0 feed (RFC 4287).
func WriteAtom(w io.Writer, f *saved.Feed) error {
	out := atomFeed{ID: f.ID, Title: f.Title, Updated: f.Updated.Format(time.RFC3339), Author: atomPerson{Name: "ssgsearch"}}
	if f.Self != "" {
		out.Link = []atomLink{{Href: f.Self, Rel: "self"}}
	}
	for _, e := range f.Entries {
		out.Entries = append(out.Entries, atomEntry{ID: e.ID, Title: e.Title, Updated: e.Updated.Format(time.RFC3339),
			Link: []atomLink{{Href: e.Link, Rel: "alternate"}}, Summary: atomContent{Type: "html", Text: e.Summary}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return enc.Close()
}
