package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ssgsearch/ssgsearch/crawler"
	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// collection generates a part of the evaluation collection (every third work, and
// the works they refer to), or skips when the fonts its PDFs embed are missing.
func collection(t *testing.T) *evalgen.Collection {
	t.Helper()
	if _, err := os.Stat(filepath.Join(evalgen.DefaultFonts, "DejaVuSerif.ttf")); err != nil {
		if os.Getenv("SSGSEARCH_REQUIRE_FONTS") != "" {
			t.Fatalf("fonts-dejavu-core is required: %v", err)
		}
		t.Skip("fonts-dejavu-core not installed")
	}
	c, err := evalgen.LoadContent(os.DirFS("../../data/evalgen/content"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	col, err := evalgen.Generate(c, evalgen.Options{Works: func(string) bool { n++; return n%3 == 0 }})
	if err != nil {
		t.Fatal(err)
	}
	return col
}

// TestCollectionMetadata crawls part of the evaluation collection, every site shape,
// over loopback and builds its index as ssgsearch does (the extraction in this
// process), and requires every metadata field to be right for 97 % of the
// publication documents of each site, and one document per publication page.
func TestCollectionMetadata(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a generated collection")
	}
	col := collection(t)
	srv, err := col.Serve(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	var docs []*indexer.Document
	groups := map[string][]string{}
	for _, s := range col.Truth.Sites {
		for _, seed := range s.Seeds {
			groups[s.Group] = append(groups[s.Group], srv.Base[s.Name]+seed)
		}
	}
	for group, seeds := range groups {
		dir := t.TempDir()
		store, err := corpus.Open(filepath.Join(dir, "corpus"))
		if err != nil {
			t.Fatal(err)
		}
		state, err := crawler.OpenState(filepath.Join(dir, "state.db"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := crawler.Crawl(ctx, crawler.Config{Store: store, State: state, Rate: -1, Workers: 4, MaxPages: 100000}, seeds); err != nil {
			t.Fatalf("crawl %s: %v", group, err)
		}
		state.Close()
		ix, err := indexer.Open(filepath.Join(dir, "index"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := indexer.BuildAll(ctx, store, ix, indexer.Options{}); err != nil {
			t.Fatal(err)
		}
		ds, err := allDocuments(ix)
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ds...)
	}
	sc := scoreMetadata(col.Truth, docs, srv)
	for _, s := range col.Truth.Sites {
		for _, f := range fields {
			tl := sc.by["site "+s.Name][f]
			if tl == nil || tl.total == 0 {
				t.Errorf("site %s: no documents scored", s.Name)
				break
			}
			if acc := float64(tl.right) / float64(tl.total); acc < 0.97 {
				t.Errorf("site %s (%s): %s right for %d of %d documents", s.Name, s.Shape, f, tl.right, tl.total)
			}
		}
	}
	if len(sc.extra) > 0 || len(sc.missingPages) > 0 {
		t.Errorf("documents that are no publication or page of the collection: %v; pages not indexed: %v", sc.extra, sc.missingPages)
	}
	if t.Failed() {
		for _, m := range sc.mismatches {
			t.Logf("%s %s: got %q, want %q", m.field, m.key, m.got, m.want)
		}
	}
}

// TestCollectionListings: on every site shape, each page that lists items is
// recognised as a listing and no publication, event, explainer or about page is.
func TestCollectionListings(t *testing.T) {
	col := collection(t)
	want := map[string]bool{}
	for _, k := range col.Truth.Listings {
		want[evalgen.NormalKey(k)] = true
	}
	notListing := map[string]bool{}
	for _, d := range col.Truth.Docs {
		notListing[evalgen.NormalKey(d.Key)] = true
	}
	for _, p := range col.Truth.Pages {
		notListing[evalgen.NormalKey(p.Key)] = true
	}
	checked := map[string]int{}
	for _, site := range col.Sites {
		for _, f := range site.Files() {
			key := evalgen.NormalKey(site.Name + f.Path)
			if !want[key] && !notListing[key] {
				continue
			}
			res, err := extract.HTML(bytes.NewReader(f.Served("127.0.0.1:1")), f.ContentType, "http://127.0.0.1:1"+f.Path)
			if err != nil {
				t.Fatal(err)
			}
			if res.Meta.Listing != want[key] {
				t.Errorf("%s: listing %v, want %v", key, res.Meta.Listing, want[key])
			}
			checked[site.Shape]++
		}
	}
	if len(checked) < 4 {
		t.Errorf("pages checked by shape: %v", checked)
	}
}
