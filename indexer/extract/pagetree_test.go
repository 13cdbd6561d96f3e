package extract

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
)

// within runs f and fails the test, instead of hanging it, when f has not returned
// after d.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("no answer after %v (a loop in the page tree?)", d)
	}
}

// leaf is a page object under parent, marked with /T (mark) for the test to find.
func leaf(parent int, mark string) string {
	return fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /T (%s) >>", parent, mark)
}

// marks returns the /T mark of each page, "?" for a page without one.
func marks(pages []pdf.Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		if out[i] = p.V.Key("T").Text(); out[i] == "" {
			out[i] = "?"
		}
	}
	return out
}

// readPageTree opens a PDF and walks its page tree, failing the test if the walk
// does not end within a few seconds.
func readPageTree(t *testing.T, b []byte, limit int) (pages []pdf.Page, damaged bool) {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	within(t, 5*time.Second, func() { pages, damaged = documentPages(r, limit) })
	return pages, damaged
}

func TestPageTree(t *testing.T) {
	const catalog = "<< /Type /Catalog /Pages 2 0 R >>"
	cases := []struct {
		name    string
		objs    []string // object i+1; object 1 the catalog, 2 the root /Pages
		want    []string // the pages' marks, in order
		damaged bool
	}{
		{"flat", []string{catalog,
			"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>",
			leaf(2, "p1"), leaf(2, "p2"), leaf(2, "p3"),
		}, []string{"p1", "p2", "p3"}, false},
		{"nested four levels", []string{catalog,
			"<< /Type /Pages /Kids [3 0 R 7 0 R 8 0 R] /Count 6 >>",
			"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 5 0 R] /Count 3 >>",
			leaf(3, "p1"),
			"<< /Type /Pages /Parent 3 0 R /Kids [6 0 R 12 0 R] /Count 2 >>",
			"<< /Type /Pages /Parent 5 0 R /Kids [9 0 R] /Count 1 >>",
			leaf(2, "p4"),
			"<< /Type /Pages /Parent 2 0 R /Kids [10 0 R 11 0 R] /Count 2 >>",
			leaf(6, "p2"), leaf(8, "p5"), leaf(8, "p6"), leaf(5, "p3"),
		}, []string{"p1", "p2", "p3", "p4", "p5", "p6"}, false},
		{"loop of /Pages nodes beside a page (pdf.js Pages-tree-refs)", []string{catalog,
			"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 >>",
			"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 >>",
			"<< /Type /Pages /Parent 3 0 R /Kids [5 0 R] /Count 1 >>",
			"<< /Type /Pages /Parent 4 0 R /Kids [3 0 R] /Count 1 >>",
			leaf(2, "p1"),
		}, []string{"p1"}, true},
		{"root lists itself", []string{catalog,
			"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
			leaf(2, "p1"),
		}, []string{"p1"}, true},
		{"kid two levels down points back at the root", []string{catalog,
			"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 3 >>",
			"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 5 0 R] /Count 2 >>",
			leaf(3, "p1"),
			"<< /Type /Pages /Parent 3 0 R /Kids [2 0 R 7 0 R] /Count 1 >>",
			leaf(2, "p3"), leaf(5, "p2"),
		}, []string{"p1", "p2", "p3"}, true},
		{"a subtree listed twice is read once", []string{catalog,
			"<< /Type /Pages /Kids [3 0 R 5 0 R 3 0 R] /Count 3 >>",
			"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 >>",
			leaf(3, "p1"), leaf(2, "p2"),
		}, []string{"p1", "p2"}, true},
		{"a page listed twice is read twice", []string{catalog,
			"<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>",
			leaf(2, "p1"),
		}, []string{"p1", "p1"}, false},
		{"kids written inline, one of them looping back", []string{catalog,
			"<< /Type /Pages /Kids [<< /Type /Page /T (p1) >> << /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>] /Count 2 >>",
			leaf(2, "p2"),
		}, []string{"p1", "p2"}, true},
		{"no /Type: a /Kids array makes a node, none a page", []string{catalog,
			"<< /Kids [3 0 R 4 0 R] /Count 2 >>",
			"<< /Parent 2 0 R /Kids [5 0 R] /Count 1 >>",
			"<< /Parent 2 0 R /T (p2) >>",
			"<< /Parent 3 0 R /T (p1) >>",
		}, []string{"p1", "p2"}, false},
		{"/Count caps the pages", []string{catalog,
			"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 2 >>",
			leaf(2, "p1"), leaf(2, "p2"), leaf(2, "p3"),
		}, []string{"p1", "p2"}, false},
		{"/Count missing or too large: every page found", []string{catalog,
			"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 9 >>",
			leaf(2, "p1"), "<< /Type /Pages /Parent 2 0 R /Kids [7 0 R] >>", leaf(2, "p3"), leaf(2, "p4"), leaf(4, "p2"),
		}, []string{"p1", "p2", "p3", "p4"}, false},
		{"broken references and non-dictionaries are skipped", []string{catalog,
			"<< /Type /Pages /Kids [3 0 R 99 0 R 7 null 4 0 R] /Count 4 >>",
			leaf(2, "p1"), leaf(2, "p2"),
		}, []string{"p1", "p2"}, true},
		{"/Pages is a page", []string{catalog,
			"<< /Type /Page /MediaBox [0 0 595 842] /T (p1) >>",
		}, []string{"p1"}, false},
		{"no page tree", []string{"<< /Type /Catalog >>"}, []string{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pages, damaged := readPageTree(t, pdftest.Build(c.objs), MaxPDFPages)
			if got := marks(pages); !slices.Equal(got, c.want) {
				t.Errorf("pages %v, want %v", got, c.want)
			}
			if damaged != c.damaged {
				t.Errorf("damaged = %v, want %v", damaged, c.damaged)
			}
		})
	}
}

// TestPageTreeBounds: trees that no identity check can shorten (deep chains, a node
// listing itself many times, more pages than asked for) end after resolving a few
// tree entries each (not a timed check: a slow machine must not fail it).
func TestPageTreeBounds(t *testing.T) {
	// chain is a PDF whose page sits below depth nested /Pages nodes.
	chain := func(depth int) []byte {
		objs := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
		for i := range depth {
			objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", i+3))
		}
		return pdftest.Build(append(objs, leaf(depth+1, "p1")))
	}
	self := "<< /Type /Pages /Kids [" + strings.Repeat("2 0 R ", 50000) + "3 0 R] /Count 1 >>"
	many := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	kids := make([]string, 20)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", i+3)
		many = append(many, leaf(2, fmt.Sprint("p", i+1)))
	}
	many[1] = "<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] >>"
	cases := []struct {
		name     string
		pdf      []byte
		limit    int
		want     int
		damaged  bool
		maxNodes int // tree entries resolved at most
	}{
		{"deep but within the bound", chain(maxPageTreeDepth), MaxPDFPages, 1, false, maxPageTreeDepth + 1},
		{"deeper than the bound", chain(maxPageTreeDepth + 5), MaxPDFPages, 0, true, maxPageTreeDepth + 1},
		{"a node listing itself 50000 times", pdftest.Build([]string{"<< /Type /Catalog /Pages 2 0 R >>", self, leaf(2, "p1")}), MaxPDFPages, 1, true, 2},
		{"limit", pdftest.Build(many), 7, 7, false, 7},
		{"no limit reached", pdftest.Build(many), MaxPDFPages, 20, false, 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := pdf.NewReader(bytes.NewReader(c.pdf), int64(len(c.pdf)))
			if err != nil {
				t.Fatal(err)
			}
			var tree *pageTree
			within(t, 5*time.Second, func() { tree = walkPageTree(r, c.limit) })
			if len(tree.pages) != c.want || tree.damaged != c.damaged {
				t.Errorf("%d pages, damaged %v; want %d, %v", len(tree.pages), tree.damaged, c.want, c.damaged)
			}
			if tree.nodes > c.maxNodes {
				t.Errorf("%d tree entries resolved, want at most %d", tree.nodes, c.maxNodes)
			}
		})
	}
}

func TestKidRefs(t *testing.T) {
	b := pdftest.Build([]string{
		"<< /Type /Catalog /A [3 0 R 12 5 R] /B [3 0 R 4] /C [] /D [1.0 0 /R] /E [3 0 R << /K 4 0 R >>] >>",
	})
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	cat := r.Trailer().Key("Root")
	if got, want := kidRefs(cat.Key("A")), []objRef{{3, 0}, {12, 5}}; !slices.Equal(got, want) {
		t.Errorf("A: %v, want %v", got, want)
	}
	for _, k := range []string{"B", "C", "D", "E", "Missing"} {
		if got := kidRefs(cat.Key(k)); got != nil {
			t.Errorf("%s: %v, want nil (not all plain references)", k, got)
		}
	}
}

// TestPDFCyclicPageTree: PDF returns the readable pages of a file whose page tree
// loops, instead of never returning.
func TestPDFCyclicPageTree(t *testing.T) {
	var res *Result
	var err error
	within(t, 5*time.Second, func() { res, err = PDF(pdftest.PagesLoop("Testcase: Pages loop")) })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || res.Meta.PageCount != 1 || !strings.Contains(res.Pages[0].Text, "Testcase: Pages loop") {
		t.Errorf("pages %+v, want one page with the text", res.Pages)
	}
	within(t, 5*time.Second, func() { res, err = PDF(pdftest.Cyclic()) })
	if err != nil || len(res.Pages) != 1 {
		t.Errorf("root listing itself: %v, %v; want one (empty) page", res, err)
	}
}

// TestPDFRealCyclicPageTree reads the shared corpus's cyclic page tree (pdf.js's
// Pages-tree-refs.pdf) when the corpus is present, and compares it with poppler's
// text of its first page.
func TestPDFRealCyclicPageTree(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "realpdf")
	b, err := os.ReadFile(filepath.Join(dir, "pdfs", "pdfjs__Pages-tree-refs.pdf"))
	if err != nil {
		t.Skip("shared realpdf corpus not present")
	}
	want, err := os.ReadFile(filepath.Join(dir, "ref", "pdfjs__Pages-tree-refs", "1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var res *Result
	within(t, 5*time.Second, func() { res, err = PDF(b) })
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string {
		return strings.Join(strings.Fields(strings.NewReplacer("’", "'").Replace(s)), " ")
	}
	if len(res.Pages) != 1 {
		t.Fatalf("%d pages, want the one reachable page", len(res.Pages))
	}
	if got := res.Pages[0].Text; norm(got) != norm(string(want)) {
		t.Errorf("page 1: %q, want poppler's %q", got, want)
	}
}
