package search

import (
	"context"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
)

// TestNewestEditionFirst: a publication named by its title ranks its newest
// edition first, though an older one says the title on more pages (the newest
// has a cover page whose title is in an image): with the older edition among the
// best documents, the newest scores at least what the older does without its
// superseded prior.
func TestNewestEditionFirst(t *testing.T) {
	const title = "Buying for Security: A Handbook on Defence Procurement"
	doc := func(id string, year int, superseded bool, texts ...string) *indexer.Document {
		d := &indexer.Document{ID: id, Title: title, Type: indexer.TypeReport, Lang: "en", Year: year, Superseded: superseded}
		for i, text := range texts {
			d.Pages = append(d.Pages, indexer.Page{Number: i + 1, Text: text})
		}
		return d
	}
	old := doc("ed2019", 2019, true,
		title+". Second edition.",
		"A handbook on defence procurement: buying for security, planned by strategy.",
		"Buying for security means procurement that follows the defence strategy.")
	old.Editions = []indexer.Edition{{ID: "ed2024", URL: "https://example.org/ed2024", Title: title, Year: 2024}}
	current := doc("ed2024", 2024, false, "Published 2024.") // a cover page: the title is in the image
	current.Editions = []indexer.Edition{{ID: "ed2019", URL: "https://example.org/ed2019", Title: title, Year: 2019}}
	other := doc("other", 2020, false, "Procurement of fuel for border guards, and security of supply.")
	other.Title = "Fuel Supply for Border Guards"
	s := New(indextest.Docs(t, old, current, other))
	res, err := s.Search(context.Background(), Request{Query: "buying for security handbook on defence procurement", Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.Doc.ID)
	}
	if len(ids) != 3 || ids[0] != "ed2024" || ids[1] != "ed2019" || ids[2] != "other" {
		t.Fatalf("hits %v, want ed2024, ed2019, other", ids)
	}
	e := res.Hits[1].Explain
	if e == nil || e.BestPageScore <= 0 {
		t.Fatalf("ed2019 explained as %+v", e)
	}
	// ed2019 has the better evidence: the newest edition ranks first by its floor.
	if cur := res.Hits[0].Explain; cur == nil || cur.BestPageScore >= e.BestPageScore {
		t.Errorf("ed2024's best page %+v, want less than ed2019's %g: the floor is not what ranks it", cur, e.BestPageScore)
	}
	if got, want := res.Hits[0].Score, res.Hits[1].Score/supersededWeight; got < want*(1-1e-9) {
		t.Errorf("ed2024 scores %g, want at least ed2019's %g over %g", got, res.Hits[1].Score, supersededWeight)
	}
}
