package indexer

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCountWords(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"one", 1},
		{"Parliamentary oversight of the security sector.", 6},
		{"state-owned enterprises", 3},
		{"don't stop", 2},
		{"пам'ять і пам’ять, обʼєкт", 4},
		{"trailing apostrophe' here", 3},
		{"1999–2004: 12 reports", 4},
		{"Служба безпеки України (СБУ)", 4},
		{"e\u0301te\u0301", 1}, // combining marks stay in their word
	} {
		if got := countWords(tt.text); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestPageLengths(t *testing.T) {
	d := &Document{ID: "d", Title: "Border guard reform", Lang: "en", Pages: []Page{
		{Number: 1, Text: "The border guard was reformed."}, // en: 5 words
		{Number: 2, Text: ""},                               // no text: title only
		{Number: 3, Text: "Реформа прикордонної служби", Lang: "uk"}, // uk: 3 words
		{Number: 4, Text: "Texte en français", Lang: "fr"},           // no stemmed field
	}}
	want := Lengths{
		FieldBody:   {3, 11},
		FieldStemEN: {1, 5},
		FieldStemUK: {1, 3},
		FieldTitle:  {4, 12},
	}
	if got := pageLengths(d); !maps.Equal(got, want) {
		t.Errorf("pageLengths = %v, want %v", got, want)
	}
	if got := pageLengths(&Document{ID: "e"}); got != nil {
		t.Errorf("pageLengths of a document without pages or title = %v, want nil", got)
	}
}

// TestLengthsNotFingerprinted: a document's lengths are written with it but do
// not make it change: the same document written again is not rewritten.
func TestLengthsNotFingerprinted(t *testing.T) {
	d := &Document{ID: "d", Title: "T", Lang: "en", Pages: []Page{{Number: 1, Text: "some words"}}}
	a, err := fingerprint(d)
	if err != nil {
		t.Fatal(err)
	}
	d.Lengths = Lengths{FieldBody: {1, 2}}
	if b, err := fingerprint(d); err != nil || b != a {
		t.Errorf("fingerprint with lengths %q, without %q (%v)", b, a, err)
	}
	ix := tempIndex(t)
	ctx := context.Background()
	d.Lengths = nil
	if _, err := ix.Put(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Get("d")
	if err != nil {
		t.Fatal(err)
	}
	if want := (Lengths{FieldBody: {1, 2}, FieldStemEN: {1, 2}, FieldTitle: {1, 1}}); !maps.Equal(got.Lengths, want) {
		t.Errorf("stored lengths %v, want %v", got.Lengths, want)
	}
	if n, err := ix.Put(ctx, &Document{ID: "d", Title: "T", Lang: "en", Pages: []Page{{Number: 1, Text: "some words"}}}); err != nil || n != 0 {
		t.Errorf("the same document again: %d written (%v), want 0", n, err)
	}
}

// avgRE reads the mean length BM25 scored a field with from an explanation.
var avgRE = regexp.MustCompile(`fieldNorm\(field=(\w+)\), b=[0-9.]+, fieldLength=[0-9.]+, avgFieldLength=([0-9.]+)\)`)

// TestFieldLengthsSegments: with field lengths given (WithFieldLengths), the
// same documents score the same whether written as one segment or several,
// through every kind of searcher (terms, phrases, fuzzy words) and in Hits'
// explanations; with Bleve's figure they do not, which is what the lengths are
// for.
func TestFieldLengthsSegments(t *testing.T) {
	ctx := context.Background()
	// Each page has the same forty words and a few of its own: Bleve's figure,
	// distinct terms per record counted in each segment, grows with the
	// segments that repeat them.
	var common []string
	for w := range 40 {
		common = append(common, fmt.Sprintf("common%02d", w))
	}
	docs := func() []*Document {
		var out []*Document
		for i := range 12 {
			d := &Document{ID: fmt.Sprintf("d%02d", i), Title: fmt.Sprintf("Oversight report %d", i), Lang: "en"}
			for p := 1; p <= 3; p++ {
				words := slices.Clone(common)
				for w := range 1 + (i+p)%3 {
					words = append(words, fmt.Sprintf("rare%dx%dx%d", i, p, w))
				}
				if (i+p)%3 == 0 {
					words = append(words, "budget", "hearings", "budget")
				}
				d.Pages = append(d.Pages, Page{Number: p, Text: strings.Join(words, " ")})
			}
			out = append(out, d)
		}
		return out
	}
	one := tempIndex(t) // one segment
	if _, err := one.Put(ctx, docs()...); err != nil {
		t.Fatal(err)
	}
	if err := one.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	many := segmentedIndex(t, docs(), 4) // three segments
	lengths := map[string]float64{FieldBody: 4, FieldTitle: 2, FieldStemEN: 3}
	queries := map[string]Query{
		"term":   Or(Match(FieldBody, "budget", 0), Match(FieldTitle, "oversight", 0), Match(FieldStemEN, "hearing", 0)),
		"phrase": Phrase(FieldBody, "budget hearings"),
		"fuzzy":  Match(FieldBody, "budgat", 1),
	}
	scores := func(ix *Index, ctx context.Context, q Query) map[string][]float64 {
		r, err := ix.RankDocuments(ctx, q, RankOptions{K: 3, To: 100})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]float64{}
		for _, d := range r.Docs {
			out[d.ID] = append([]float64{d.Score}, d.PageScores...)
		}
		return out
	}
	given := WithFieldLengths(ctx, lengths)
	differ := false
	for name, q := range queries {
		a, b := scores(one, given, q), scores(many, given, q)
		if len(a) == 0 {
			t.Fatalf("%s: nothing ranked", name)
		}
		if !maps.EqualFunc(a, b, slices.Equal) {
			t.Errorf("%s with field lengths: one segment %v, many %v", name, a, b)
		}
		differ = differ || !maps.EqualFunc(scores(one, ctx, q), scores(many, ctx, q), slices.Equal)
	}
	if !differ {
		t.Error("with Bleve's figure too, the segments score alike: the test shows nothing")
	}
	// The explanations say the lengths given, for the fields given only.
	hits, err := many.Hits(given, queries["term"], HitRequest{Size: 5, Explain: true})
	if err != nil || len(hits) == 0 {
		t.Fatalf("hits %v, %v", hits, err)
	}
	seen := map[string]string{}
	var walk func(e *Explanation)
	walk = func(e *Explanation) {
		if m := avgRE.FindStringSubmatch(e.Message); m != nil {
			seen[m[1]] = m[2]
		}
		for _, c := range e.Children {
			walk(c)
		}
	}
	for _, h := range hits {
		walk(h.Explanation)
	}
	for field, want := range map[string]string{FieldBody: "4.000000", FieldTitle: "2.000000", FieldStemEN: "3.000000"} {
		if seen[field] != want {
			t.Errorf("explained mean length of %s %q, want %s (all: %v)", field, seen[field], want, seen)
		}
	}
}

// segmentedIndex writes docs into a new index per puts at a time, each put's
// records a segment of its own: Bleve's merges, in memory before a segment is
// written and on disk after, are held off (none is small enough to merge).
func segmentedIndex(t *testing.T, docs []*Document, per int) *Index {
	t.Helper()
	ix, err := openWith(filepath.Join(t.TempDir(), "index"), map[string]any{
		"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	want := 0
	for i := 0; i < len(docs); i += per {
		if _, err := ix.Put(context.Background(), docs[i:min(i+per, len(docs))]...); err != nil {
			t.Fatal(err)
		}
		want++
		// The persister merges the segments it finds in memory together: let it
		// write this one alone.
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
			onDisk, inMemory, err := ix.segmentCounts()
			if err != nil {
				t.Fatal(err)
			}
			if inMemory == 0 && onDisk == want {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("after %d puts: %d segments on disk, %d in memory, want %d on disk", want, onDisk, inMemory, want)
			}
		}
	}
	return ix
}
