package indexer_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/ssgsearch/ssgsearch/indexer"
)

func TestIndexPutGetDelete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	d := &indexer.Document{ID: "d1", Title: "Three pages", Type: indexer.TypeReport, Pages: []indexer.Page{
		{Number: 1, Text: "one"}, {Number: 2, Text: "two"}, {Number: 3, Text: "three"},
	}}
	if n, err := ix.Put(ctx, d); err != nil || n != 1 {
		t.Fatalf("Put = %d, %v", n, err)
	}
	// The same content again is not rewritten.
	if n, err := ix.Put(ctx, d); err != nil || n != 0 {
		t.Fatalf("Put of an unchanged document = %d, %v; want 0 written", n, err)
	}
	got, err := ix.Get("d1")
	if err != nil || got.Title != "Three pages" || got.PageCount != 3 || got.IndexedAt.IsZero() {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	// GetMany: a page's record, an unknown ID and an ID asked twice.
	many, err := ix.GetMany([]string{"d1", indexer.PageID("d1", 2), "unknown", "d1"})
	if err != nil || len(many) != 1 || many["d1"] == nil || many["d1"].Title != "Three pages" {
		t.Fatalf("GetMany = %+v, %v; want d1 alone", many, err)
	}
	// A new version with fewer pages leaves no stale pages behind.
	d.Pages = d.Pages[:1]
	if n, err := ix.Put(ctx, d); err != nil || n != 1 {
		t.Fatalf("Put of a changed document = %d, %v", n, err)
	}
	if n, _ := ix.Bleve().DocCount(); n != 2 {
		t.Errorf("records after shrinking to one page: %d, want 2 (document + page)", n)
	}
	if err := ix.Delete("d1", "unknown"); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Get("d1"); !errors.Is(err, indexer.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if many, err := ix.GetMany([]string{"d1"}); err != nil || len(many) != 0 {
		t.Errorf("GetMany after Delete = %+v, %v; want none", many, err)
	}
	if n, _ := ix.Bleve().DocCount(); n != 0 {
		t.Errorf("records after delete: %d", n)
	}
}

// TestCompact: documents written in many batches, two at a time in Bleve, leave
// many segments, the last still in memory when the writer is closed; Compact leaves
// one segment, on disk (a single forced merge in Bleve merges ten segments at most,
// and none in memory), and everything is still found.
func TestCompact(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	ctx := context.Background()
	const docs = 60
	w := ix.NewWriter()
	for i := range docs {
		d := &indexer.Document{ID: fmt.Sprintf("d%d", i), Title: "Report", Type: indexer.TypeReport,
			Pages: []indexer.Page{{Number: 1, Text: fmt.Sprintf("oversight report number%d", i)}}}
		if _, err := w.Put(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	segments := func() (onDisk, inMemory int) {
		stats := ix.Bleve().StatsMap()
		idx, _ := stats["index"].(map[string]any)
		n, _ := idx["num_root_filesegments"].(uint64)
		m, _ := idx["num_root_memorysegments"].(uint64)
		return int(n), int(m)
	}
	if d, m := segments(); d+m <= 1 {
		t.Fatalf("%d segments on disk and %d in memory before compaction; want several", d, m)
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if d, m := segments(); d != 1 || m != 0 {
		t.Errorf("after compaction: %d segments on disk and %d in memory, want 1 and 0", d, m)
	}
	q := bleve.NewMatchQuery("number7")
	q.SetField(indexer.FieldBody)
	res, err := ix.Bleve().Search(bleve.NewSearchRequest(q))
	if err != nil || res.Total != 1 {
		t.Errorf("after compaction: %v, %v", res, err)
	}
	if n, _ := ix.Count(); n != docs {
		t.Errorf("%d documents after compaction, want %d", n, docs)
	}
	// Reopened, the index is one segment file: those merged away are gone.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = indexer.Open(dir); err != nil {
		t.Fatal(err)
	}
	// A file a search still read when compaction ended is deleted once the
	// index is opened again, by its persister's first round (not at once).
	var zaps []string
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
		if zaps, _ = filepath.Glob(filepath.Join(dir, "store", "*.zap")); len(zaps) == 1 {
			break
		}
	}
	if len(zaps) != 1 {
		t.Errorf("segment files after reopening: %d, want 1", len(zaps))
	}
}

func TestIndexLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// bolt's file lock also refuses a second open from the same process.
	if _, err := indexer.Open(dir); !errors.Is(err, indexer.ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
}

func TestInferType(t *testing.T) {
	for _, tt := range []struct{ declared, title, want string }{
		{"Handbook", "", indexer.TypeHandbook},
		{"", "Police Integrity: A Training Manual", indexer.TypeManual},
		{"", "Аналітична записка про розвідку", indexer.TypePolicyPaper},
		{"Набір інструментів", "", indexer.TypeToolkit},
		{"", "Матеріали конференції", indexer.TypeProceedings},
		{"", "Annual figures", indexer.TypePublication},
	} {
		if got := indexer.InferType(tt.declared, tt.title, indexer.TypePublication); got != tt.want {
			t.Errorf("InferType(%q, %q) = %s, want %s", tt.declared, tt.title, got, tt.want)
		}
	}
}

func TestIndexOfAnotherVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Bleve().SetInternal([]byte("ssgsearch_record_version"), []byte("records-0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := indexer.Open(dir); !errors.Is(err, indexer.ErrOldIndex) {
		t.Fatalf("Open of an old index: %v, want ErrOldIndex", err)
	}
}

// BenchmarkAnalyzePage measures the analysis of one page of text by the text and the
// English and Ukrainian analyzers, as indexing does for every page.
func BenchmarkAnalyzePage(b *testing.B) {
	ix, err := indexer.Open(filepath.Join(b.TempDir(), "index"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	m := ix.Bleve().Mapping()
	page := []byte(strings.Repeat("Parliamentary committees oversee the defence budget and hold hearings on procurement. Парламентський контроль над сектором безпеки. ", 20))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		for _, name := range []string{indexer.AnalyzerText, indexer.AnalyzerEN, indexer.AnalyzerUK} {
			if toks := m.AnalyzerNamed(name).Analyze(page); len(toks) == 0 {
				b.Fatal("no tokens")
			}
		}
	}
}

// TestWriter: documents handed to a Writer in many small Puts, with two batches in
// Bleve at once, are all written when Close returns; a document put again while its
// first version may still be in flight ends as its last version, without stale
// pages; a cancelled Put hands nothing over.
func TestWriter(t *testing.T) {
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	doc := func(id string, pages int, word string) *indexer.Document {
		d := &indexer.Document{ID: id, Title: "Document " + id, Type: indexer.TypeReport, Lang: "en"}
		for n := 1; n <= pages; n++ {
			d.Pages = append(d.Pages, indexer.Page{Number: n, Text: fmt.Sprintf("%s page %d of %s", word, n, id)})
		}
		return d
	}
	w := ix.NewWriter()
	for i := range 60 {
		if _, err := w.Put(ctx, doc(fmt.Sprintf("d%02d", i), 3, "alpha")); err != nil {
			t.Fatal(err)
		}
		if i == 5 {
			// d05 again at once, shorter and with other words: its first version's
			// batch may still be in flight.
			if _, err := w.Put(ctx, doc("d05", 1, "beta")); err != nil {
				t.Fatal(err)
			}
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if n, err := w.Put(cctx, doc("late", 1, "gamma")); !errors.Is(err, context.Canceled) || n != 0 {
		t.Errorf("Put with a cancelled context = %d, %v", n, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Bleve().DocCount(); n != 60+59*3+1 {
		t.Errorf("records: %d, want %d (60 documents, 59 of three pages, d05 of one)", n, 60+59*3+1)
	}
	got, err := ix.Get("d05")
	if err != nil || got.PageCount != 1 {
		t.Errorf("d05: %+v, %v; want its second version, one page", got, err)
	}
	if _, err := ix.Get("late"); !errors.Is(err, indexer.ErrNotFound) {
		t.Errorf("the cancelled Put's document: %v, want ErrNotFound", err)
	}
	q := bleve.NewMatchQuery("alpha")
	q.SetField(indexer.FieldBody)
	if r, err := ix.Bleve().Search(bleve.NewSearchRequest(q)); err != nil || r.Total != 59*3 {
		t.Errorf("pages with alpha: %v, %v; want %d", r.Total, err, 59*3)
	}
}

// TestDocumentIDs: every document's ID once, sorted, without the deleted ones,
// and none of a page.
func TestDocumentIDs(t *testing.T) {
	ix, err := indexer.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	var want, gone []string
	var docs []*indexer.Document
	for i := range 2100 { // more than one release step (releaseEvery)
		id := fmt.Sprintf("d%04d", 2099-i)
		docs = append(docs, &indexer.Document{ID: id, Title: "Report", Type: indexer.TypeReport,
			Pages: []indexer.Page{{Number: 1, Text: "one"}}})
		if i%500 == 0 {
			gone = append(gone, id)
		} else {
			want = append(want, id)
		}
	}
	if _, err := ix.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(gone...); err != nil {
		t.Fatal(err)
	}
	late := &indexer.Document{ID: "a-late", Title: "Late", Type: indexer.TypeReport, Pages: []indexer.Page{{Number: 1, Text: "late"}}}
	if _, err := ix.Put(ctx, late); err != nil {
		t.Fatal(err)
	}
	want = append(want, late.ID)
	slices.Sort(want)
	got, err := ix.DocumentIDs()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("DocumentIDs: %d IDs, first %q; want %d, first %q", len(got), got[:min(3, len(got))], len(want), want[:3])
	}
}
