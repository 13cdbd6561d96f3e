package search_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
)

// announceIndex is a report linked by a news item that presents it (short, its
// title in the headline: scoring more than the report; it also links three
// publications a sidebar links from every page), by a section's page that links
// it and three other publications, and by nothing else.
func announceIndex(t *testing.T) *indexer.Index {
	t.Helper()
	const site = "https://ngo.example.org/"
	page := func(id, typ string, refs []string, texts ...string) *indexer.Document {
		d := &indexer.Document{ID: id, Title: id, Type: typ, Lang: "en", Year: 2024, URL: site + id}
		for i, text := range texts {
			d.Pages = append(d.Pages, indexer.Page{Number: i + 1, Text: text})
		}
		for _, r := range refs {
			d.Referrers = append(d.Referrers, site+r)
		}
		return d
	}
	filler := strings.Repeat("The authors thank the partners who reviewed the drafts and the ministries that answered. ", 3)
	report := page("report", indexer.TypeReport, []string{"news/launch", "section"},
		strings.Repeat("Whistleblower protection in the security sector: retaliation against servicemen who report abuse, and the protection a whistleblower is owed. ", 3)+filler,
		strings.Repeat("Reporting channels, anonymity and the courts: whistleblower protection in practice. ", 3)+filler,
		"Recommendations for the ministry of defence. "+filler)
	report.Title = "Protecting whistleblowers in the security sector"
	launch := page("news/launch", indexer.TypePage, nil,
		"We presented our report on whistleblower protection in the security sector at a press conference in Kyiv on 5 March: whistleblower protection for servicemen.")
	launch.Title = "We presented our report on whistleblower protection"
	section := page("section", indexer.TypePage, nil,
		strings.Repeat("Whistleblower protection, security sector integrity and anti-corruption: our publications. ", 3))
	section.Title = "Integrity and whistleblower protection"
	// A report that a Ukrainian news item hands out, whose English translation
	// links nothing.
	ombuds := page("ombuds", indexer.TypeReport, []string{"uk/news/skarhy"},
		strings.Repeat("Complaints to the military ombudsman: how servicemen complain, and how the ombudsman answers complaints. ", 3)+filler,
		"Recommendations on complaints. "+filler)
	skarhy := page("uk/news/skarhy", indexer.TypePage, nil, "Представили звіт про скарги військовослужбовців до омбудсмана.")
	skarhy.Lang = "uk"
	complaints := page("news/complaints", indexer.TypePage, nil, "We presented our report on complaints to the military ombudsman at a round table in Lviv. "+
		"Representatives of the ministry, the general staff and civil society discussed how servicemen file complaints and what the ombudsman's office does with them. "+filler)
	skarhy.Translations = []indexer.Translation{{Lang: "en", URL: complaints.URL, ID: complaints.ID}}
	complaints.Translations = []indexer.Translation{{Lang: "uk", URL: skarhy.URL, ID: skarhy.ID}}
	docs := []*indexer.Document{report, launch, section, ombuds, skarhy, complaints}
	for _, id := range []string{"budget", "procurement", "police"} {
		docs = append(docs, page(id, indexer.TypeReport, []string{"section"}, "A study of "+id+" in Ukraine. "+filler))
	}
	// Three more, which a sidebar's "Recent posts" links from every page, the
	// news item's too: it still links one publication of its own.
	everywhere := []string{"news/launch"}
	for i := range 9 {
		everywhere = append(everywhere, fmt.Sprintf("page%d", i))
	}
	for _, id := range []string{"veterans", "cyber", "demining"} {
		docs = append(docs, page(id, indexer.TypeReport, everywhere, "A study of "+id+" in Ukraine. "+filler))
	}
	return indextest.Docs(t, docs...)
}

// TestAnnouncementsBelow: a news item presenting a publication ranks just below
// it, scoring as it though it scored more, when the publication scores enough of
// it, and so does its translation; a page linking several publications is no
// announcement; a search for what the announcement alone tells keeps it first.
func TestAnnouncementsBelow(t *testing.T) {
	s := search.New(announceIndex(t))
	ctx := context.Background()
	for _, tc := range []struct {
		query string
		want  []string // the first results, in order
		// news is the news item, and announces the document it was placed below.
		news, announces string
	}{
		{"whistleblower protection", []string{"section", "report", "news/launch"}, "news/launch", "report"},
		{"whistleblower protection servicemen", []string{"report", "news/launch", "section"}, "news/launch", "report"},
		{"press conference kyiv whistleblower", []string{"news/launch"}, "news/launch", ""},
		// The news item scores five times the report, which still is the source.
		{"presented our report whistleblower protection security sector", []string{"section", "report", "news/launch"}, "news/launch", "report"},
		{"ombudsman complaints", []string{"ombuds", "news/complaints"}, "news/complaints", "ombuds"},
	} {
		for _, size := range []int{10, 1} { // the whole ranking, then one result a page
			var got []string
			var announces string
			scores := map[string]float64{}
			for p := 1; p <= 3; p++ {
				r, err := s.Search(ctx, search.Request{Query: tc.query, Explain: true, Page: p, Size: size})
				if err != nil {
					t.Fatalf("%q: %v", tc.query, err)
				}
				for _, h := range r.Hits {
					got = append(got, h.Doc.ID)
					scores[h.Doc.ID] = h.Score
					if h.Doc.ID == tc.news {
						announces = h.Explain.Announces
					}
				}
			}
			if len(got) < len(tc.want) || strings.Join(got[:len(tc.want)], " ") != strings.Join(tc.want, " ") {
				t.Errorf("%q, %d a page: got %v, want first %v", tc.query, size, got, tc.want)
			}
			if announces != tc.announces {
				t.Errorf("%q, %d a page: the news item announces %q, want %q", tc.query, size, announces, tc.announces)
			}
			if announces != "" && scores[tc.news] != scores[announces] {
				t.Errorf("%q, %d a page: the news item scores %v, what it announces %v", tc.query, size, scores[tc.news], scores[announces])
			}
		}
	}
}
