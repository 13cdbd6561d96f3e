package search

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

// TestNewestEditionFirst: a publication named by its title ranks its newest
// edition first, though an older one says the title on more pages (the newest
// has a cover page whose title is in an image): with the older edition among the
// best documents, the newest scores what the older does without its superseded
// prior. A query that hardly matches the newest edition leaves the older first,
// and so does a periodical's older issue (a newsletter: a later issue is not the
// answer to an earlier one's content).
func TestNewestEditionFirst(t *testing.T) {
	const title = "Buying for Security: A Handbook on Defence Procurement"
	doc := func(id, title, typ string, year int, texts ...string) *indexer.Document {
		d := &indexer.Document{ID: id, Title: title, Type: typ, Lang: "en", Year: year}
		for i, text := range texts {
			d.Pages = append(d.Pages, indexer.Page{Number: i + 1, Text: text})
		}
		return d
	}
	editions := func(older, newer *indexer.Document) {
		older.Superseded = true
		older.Editions = []indexer.Edition{{ID: newer.ID, URL: "https://example.org/" + newer.ID, Title: newer.Title, Year: newer.Year}}
		newer.Editions = []indexer.Edition{{ID: older.ID, URL: "https://example.org/" + older.ID, Title: older.Title, Year: older.Year}}
	}
	old := doc("ed2019", title, indexer.TypeHandbook, 2019,
		title+". Second edition.",
		"A handbook on defence procurement: buying for security, planned by strategy.",
		"Buying for security means procurement that follows the defence strategy. Offsets in arms deals.")
	current := doc("ed2024", title, indexer.TypeHandbook, 2024, "Published 2024.", // a cover page: the title is in an image
		"The third edition deals with planning alone.")
	editions(old, current)
	const news = "Procurement Watch Newsletter"
	issue1 := doc("news2019", news, "newsletter", 2019, "Offsets in arms deals: what the 2019 tenders showed about defence procurement.")
	issue2 := doc("news2024", news, "newsletter", 2024, "Arms deals at the border: fuel contracts for border guards, tenders and their delays.")
	editions(issue1, issue2)
	other := doc("other", "Fuel Supply for Border Guards", indexer.TypeReport, 2020, "Procurement of fuel for border guards, and security of supply.")
	s := New(indextest.Docs(t, old, current, issue1, issue2, other))
	search := func(q string) ([]string, []Hit) {
		t.Helper()
		res, err := s.Search(context.Background(), Request{Query: q, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.Doc.ID)
		}
		return ids, res.Hits
	}

	ids, hits := search(title)
	if len(ids) < 2 || ids[0] != "ed2024" || ids[1] != "ed2019" {
		t.Fatalf("%q: hits %v, want ed2024, then ed2019", title, ids)
	}
	cur, prev := hits[0].Explain, hits[1].Explain
	if cur == nil || prev == nil || cur.BestPageScore >= prev.BestPageScore {
		t.Fatalf("best pages: ed2024 %+v, ed2019 %+v; want ed2019's better: the floor is what ranks ed2024", cur, prev)
	}
	if got, want := hits[0].Score, hits[1].Score/supersededWeight; math.Abs(got-want) > 1e-9*want {
		t.Errorf("ed2024 scores %g, want ed2019's %g over %g", got, hits[1].Score, supersededWeight)
	}

	// "offsets in arms deals": the older edition's words, and the older issue's.
	ids, _ = search("offsets in arms deals")
	for _, older := range []string{"ed2019", "news2019"} {
		at, newer := slices.Index(ids, older), slices.Index(ids, "news2024")
		if older == "ed2019" {
			newer = slices.Index(ids, "ed2024")
		}
		if at < 0 || newer >= 0 && newer < at {
			t.Errorf("offsets in arms deals: hits %v, want %s above its newer edition", ids, older)
		}
	}
}
