package extract

import (
	"crypto/sha256"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Bounds on the page-tree walk. Real trees are a few levels deep (a balanced tree of
// MaxPDFPages pages with ten kids a node has four), so these are only reached by
// damaged or hostile files.
const (
	// maxPageTreeDepth bounds the nesting of /Pages nodes below the root.
	maxPageTreeDepth = 256
	// maxPageTreeNodes bounds how many tree entries are resolved in all.
	maxPageTreeNodes = 1 << 17
)

// objRef is an indirect object's number and generation.
type objRef struct {
	id  uint32
	gen uint16
}

// pageTree is the state of one walk of a document's page tree.
type pageTree struct {
	limit   int
	pages   []pdf.Page
	refs    map[objRef]bool   // the references of the /Pages nodes entered
	bodies  map[[32]byte]bool // the SHA-256 of each entered node's own text
	nodes   int               // tree entries resolved so far
	damaged bool              // a cycle, a repeated subtree or a bound was met
}

// documentPages returns the document's pages in order, found by walking the page
// tree from the catalog's /Pages with a visited set and a depth bound, instead of the
// library's Reader.NumPage/Reader.Page, which trust /Count and never return on a
// cyclic tree. At most limit pages are returned, and no more than the root's /Count
// when that is positive (as poppler does; when /Count is missing or absurd, every
// page found is returned). damaged reports a cycle, a /Pages node reached twice, a
// tree too deep or too large, or a kid that could not be read: what is returned is
// the pages reachable without entering any /Pages node a second time.
//
// Node identity: the library does not expose an object's reference (pdf.Value keeps
// it in an unexported field, and re-parses the object on each access, so no two
// Values share memory either). It is recovered without reflection from the parent's
// /Kids array: Value.String prints an array shallowly, an indirect element as
// "12 0 R", so when the array's text is exactly Len() such triples the i-th one is
// the reference of Index(i). A /Pages node is entered only if neither its reference
// nor the SHA-256 of its own text (Value.String of the node: shallow, since its kids
// print as references; the same bytes each time the object is re-read) has been
// seen. The reference check comes first and is O(1), so a node listing itself
// thousands of times costs no re-reading; the text hash identifies what the
// reference cannot: the root (reached from the catalog, not from a /Kids array),
// kids written directly into the array, and /Kids arrays in any other form. Two
// distinct /Pages nodes with identical text would list the same kids under the same
// parent; the second is skipped as a repeat. Leaf pages are not deduplicated (a page
// listed twice is read twice, as Reader.Page does): they have no kids, so they cannot
// close a cycle, and limit bounds them. maxPageTreeDepth and maxPageTreeNodes bound
// the walk whatever the identity check misses.
func documentPages(r *pdf.Reader, limit int) (pages []pdf.Page, damaged bool) {
	t := walkPageTree(r, limit)
	return t.pages, t.damaged
}

// walkPageTree is documentPages' walk, with what it counted on the way.
func walkPageTree(r *pdf.Reader, limit int) *pageTree {
	root := r.Trailer().Key("Root").Key("Pages")
	if c := root.Key("Count").Float64(); c >= 1 && c < float64(limit) {
		limit = int(c)
	}
	t := &pageTree{limit: limit, refs: map[objRef]bool{}, bodies: map[[32]byte]bool{}}
	switch {
	case isPagesNode(root):
		t.bodies[sha256.Sum256([]byte(root.String()))] = true
		t.walk(root, 0)
	case root.Kind() == pdf.Dict && limit > 0: // /Pages pointing straight at a page
		t.pages = append(t.pages, pdf.Page{V: root})
	}
	return t
}

// isPagesNode reports whether v is an inner node of the page tree: /Type /Pages, or
// no /Type /Page and a /Kids array (poppler's rule; other dictionaries are pages).
func isPagesNode(v pdf.Value) bool {
	switch v.Key("Type").Name() {
	case "Pages":
		return true
	case "Page":
		return false
	}
	return v.Key("Kids").Kind() == pdf.Array
}

// walk appends the pages below node, a /Pages node already marked as entered, at
// the given depth.
func (t *pageTree) walk(node pdf.Value, depth int) {
	kids := node.Key("Kids")
	refs := kidRefs(kids)
	for i := 0; i < kids.Len(); i++ {
		if len(t.pages) >= t.limit {
			return
		}
		if refs != nil && t.refs[refs[i]] {
			t.damaged = true // a cycle, or a subtree listed twice
			continue
		}
		if t.nodes >= maxPageTreeNodes {
			t.damaged = true
			return
		}
		t.nodes++
		kid, ok := resolveKid(kids, i)
		switch {
		case !ok || kid.Kind() != pdf.Dict:
			t.damaged = true // a broken reference or not a dictionary
		case !isPagesNode(kid):
			t.pages = append(t.pages, pdf.Page{V: kid})
		default:
			if refs != nil {
				t.refs[refs[i]] = true
			}
			body := sha256.Sum256([]byte(kid.String()))
			if t.bodies[body] || depth >= maxPageTreeDepth {
				t.damaged = true
				continue
			}
			t.bodies[body] = true
			t.walk(kid, depth+1)
		}
	}
}

// resolveKid returns the i-th entry of a /Kids array, or false when the library
// panics reading it (a reference to a damaged object).
func resolveKid(kids pdf.Value, i int) (v pdf.Value, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = pdf.Value{}, false
		}
	}()
	return kids.Index(i), true
}

// kidRefs returns the reference of every entry of a /Kids array, read from the
// array's text ("[3 0 R 4 0 R]"), or nil when any entry is not a plain reference.
func kidRefs(kids pdf.Value) []objRef {
	n := kids.Len()
	if n == 0 {
		return nil
	}
	s := kids.String()
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil
	}
	f := strings.Fields(s[1 : len(s)-1])
	if len(f) != 3*n {
		return nil
	}
	refs := make([]objRef, n)
	for i := range refs {
		id, err1 := strconv.ParseUint(f[3*i], 10, 32)
		gen, err2 := strconv.ParseUint(f[3*i+1], 10, 16)
		if err1 != nil || err2 != nil || f[3*i+2] != "R" {
			return nil
		}
		refs[i] = objRef{uint32(id), uint16(gen)}
	}
	return refs
}
