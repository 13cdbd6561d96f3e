package indexer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestMatchingDocuments compares MatchingDocuments with Bleve's own facet on the
// document ID, over an index of many segments, after deletes, rewrites and a
// merge into one segment.
func TestMatchingDocuments(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	doc := func(i int, extra string) *Document {
		d := &Document{ID: fmt.Sprintf("d%02d", i), Title: fmt.Sprintf("Document %d", i), Type: TypeReport}
		if i%4 == 0 {
			d.Type = TypeHandbook
		}
		for p := 1; p <= 1+i%5; p++ {
			words := []string{"gamma", extra}
			if i%2 == 0 {
				words = append(words, "alpha")
			}
			if p == 2 && i%3 == 0 {
				words = append(words, "beta")
			}
			d.Pages = append(d.Pages, Page{Number: p, Text: strings.Join(words, " ")})
		}
		return d
	}
	for i := range 30 {
		if _, err := ix.Put(ctx, doc(i, "")); err != nil { // one segment each
			t.Fatal(err)
		}
	}
	body := func(w string) query.Query {
		m := query.NewMatchQuery(w)
		m.SetField(FieldBody)
		return m
	}
	tag := query.NewTermQuery(TypeHandbook)
	tag.SetField(FieldType) // matches document records too: they are not counted
	queries := map[string]query.Query{
		"alpha": body("alpha"), "beta": body("beta"), "gamma": body("gamma"), "delta": body("delta"),
		"nothing": body("nowhere"), "type": tag,
	}
	check := func(stage string) {
		t.Helper()
		for name, q := range queries {
			got, gotPages, err := ix.MatchingDocuments(ctx, q)
			if err != nil {
				t.Fatalf("%s %s: %v", stage, name, err)
			}
			want, wantPages, err := ix.matchingByFacet(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) || gotPages != wantPages {
				t.Errorf("%s %s: %d pages of %v, want %d pages of %v", stage, name, gotPages, got, wantPages, want)
			}
		}
	}
	check("30 segments")
	if got, _, _ := ix.MatchingDocuments(ctx, body("beta")); len(got) != 8 {
		t.Errorf("beta in %d documents, want 8 (every third, with a second page)", len(got))
	}
	// Deletes and rewrites: new segments, records of old ones deleted.
	if err := ix.Delete("d00", "d01", "d02"); err != nil {
		t.Fatal(err)
	}
	for i := 10; i < 20; i++ {
		if _, err := ix.Put(ctx, doc(i, "delta")); err != nil {
			t.Fatal(err)
		}
	}
	check("after deletes and rewrites")
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	check("compacted")
	if n := len(ix.docs.bySeg); n > 2*segmentCount(t, ix) {
		t.Errorf("%d segment tables kept for %d segments", n, segmentCount(t, ix))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := ix.MatchingDocuments(cancelled, body("gamma")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}

func segmentCount(t *testing.T, ix *Index) int {
	t.Helper()
	adv, err := ix.b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return len(r.(interface {
		Segments() []*scorch.SegmentSnapshot
	}).Segments())
}
