package indexer

import (
	"slices"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// setImprintApart moves the lines of d's pages that only name its publisher (the
// imprint of a cover or a back page: "Gender and Security Network · 2017",
// "© DCAF 2019. All rights reserved.") from the page text to its footer, as running
// footers are. They say who published the document, not what it is about: left in
// the text, a topic query that shares words with a publisher's name ("gender and
// security", "security sector governance") finds that publisher's short cover pages
// first, whatever they are about. The publisher stays a facet and a filter. A
// publisher read from the PDF's own cover is a guess from those lines: they stay
// (a quote of them is found, and a wrong guess — a title set in capitals — takes
// no text away).
func setImprintApart(d *Document) {
	name := vocab.Words(d.Publisher)
	if len(name) == 0 || d.Provenance["publisher"] == extract.FromPDF {
		return
	}
	for i := range d.Pages {
		p := &d.Pages[i]
		if p.Text == "" {
			continue
		}
		lines := strings.Split(p.Text, "\n")
		var kept, set []string
		for _, l := range lines {
			if imprintLine(l, name) {
				set = append(set, l)
			} else {
				kept = append(kept, l)
			}
		}
		if len(set) == 0 || len(kept) == 0 {
			continue // a page that is all imprint keeps its text: it is what the page says
		}
		p.Text = strings.Join(kept, "\n")
		p.Footer = strings.Join(append(nonEmpty(p.Footer), set...), "\n")
		if !slices.Contains(p.Cleanup, extract.CleanImprint) {
			p.Cleanup = append(p.Cleanup, extract.CleanImprint)
		}
	}
}

// imprintLine reports whether line names the publisher (whose words are name) and
// otherwise has only numbers, punctuation and the words of an imprint.
func imprintLine(line string, name []string) bool {
	w := vocab.Words(line)
	if len(w) < len(name) || len(w) > len(name)+8 {
		return false
	}
	at := -1
	for i := 0; i+len(name) <= len(w); i++ {
		if slices.Equal(w[i:i+len(name)], name) {
			at = i
			break
		}
	}
	if at < 0 {
		return false
	}
	for _, x := range append(w[:at:at], w[at+len(name):]...) {
		if !imprintWords[x] && strings.IndexFunc(x, unicode.IsLetter) >= 0 {
			return false
		}
	}
	return true
}

// imprintWords are the words an imprint line may have besides the publisher's name
// and numbers, in English, Ukrainian and Russian.
var imprintWords = map[string]bool{
	"published": true, "publisher": true, "by": true, "the": true, "copyright": true, "c": true,
	"all": true, "rights": true, "reserved": true, "edition": true,
	"видавець": true, "видано": true, "видання": true, "усі": true, "всі": true, "права": true, "захищені": true,
	"издатель": true, "издано": true, "издание": true, "все": true, "защищены": true,
}

// nonEmpty is s as its one element, or nothing when s is empty.
func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
