package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// The PDF library opens only files that start with "%PDF-1.0" to "%PDF-1.7" and a
// line end, and end in a cross-reference table it can read. Readers in the wild are
// more forgiving, and so are publishers' files: these repairs make a copy that the
// library accepts. Nothing is changed in a file that opens as it is.

// headerWindow is how far into a file the "%PDF-" marker is looked for, as readers do.
const headerWindow = 1024

// fixHeader returns data starting at its "%PDF-" marker (junk before it dropped: byte
// offsets in such files count from the marker), with a header the library accepts
// ("%PDF-2.0", a trailing space). ok is false when data needs no fix or has no
// marker in its first kilobyte.
func fixHeader(data []byte) (fixed []byte, ok bool) {
	at := bytes.Index(data[:min(len(data), headerWindow)], []byte("%PDF-"))
	if at < 0 || len(data) < at+9 {
		return nil, false
	}
	h := data[at : at+9]
	good := at == 0 && bytes.HasPrefix(h, []byte("%PDF-1.")) && h[7] >= '0' && h[7] <= '7' && (h[8] == '\n' || h[8] == '\r')
	if good {
		return nil, false
	}
	fixed = append([]byte(nil), data[at:]...)
	copy(fixed, "%PDF-1.7\n")
	return fixed, true
}

var (
	objHeader  = regexp.MustCompile(`(?m)(?:^|[\r\n])[ \t]*(\d{1,7})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj\b`)
	trailerRe  = regexp.MustCompile(`trailer[\s]*<<`)
	refRe      = regexp.MustCompile(`/(Root|Info|Encrypt)\s+(\d+)\s+(\d+)\s+R`)
	idRe       = regexp.MustCompile(`/ID\s*\[[^\]]*\]`)
	catalogRe  = regexp.MustCompile(`/Type\s*/Catalog\b`)
	maxRepairs = 1 << 20 // objects indexed by a rebuilt cross-reference table
)

// rebuildXref returns data with a new cross-reference table and trailer appended,
// made by scanning the file for "N G obj" headers: for files whose table is missing,
// damaged or points to the wrong places, and for truncated downloads. The catalog is
// the one the last trailer names, else the last object of /Type /Catalog. Objects
// stored in object streams are not found this way. ok is false when no catalog is
// found.
func rebuildXref(data []byte) (fixed []byte, ok bool) {
	type entry struct {
		off int
		gen int
	}
	offsets := map[int]entry{}
	maxID := 0
	catalog := -1
	locs := objHeader.FindAllSubmatchIndex(data, maxRepairs)
	for i, m := range locs {
		id, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		start := m[2]
		offsets[id] = entry{start, gen} // a later definition replaces an earlier one
		maxID = max(maxID, id)
		end := len(data)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if catalogRe.Match(data[m[1]:min(end, m[1]+4096)]) {
			catalog = id
		}
	}
	refs := map[string]string{}
	var id []byte
	if t := trailerRe.FindAllIndex(data, -1); len(t) > 0 {
		tail := data[t[len(t)-1][0]:]
		tail = tail[:min(len(tail), 4096)]
		for _, m := range refRe.FindAllSubmatch(tail, -1) {
			refs[string(m[1])] = string(m[2]) + " " + string(m[3]) + " R"
		}
		id = idRe.Find(tail)
	}
	if _, ok := refs["Root"]; !ok {
		if catalog < 0 {
			return nil, false
		}
		refs["Root"] = fmt.Sprintf("%d %d R", catalog, offsets[catalog].gen)
	}
	var b bytes.Buffer
	b.Grow(len(data) + 20*(maxID+1) + 200)
	b.Write(data)
	b.WriteString("\n")
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxID+1)
	for i := 1; i <= maxID; i++ {
		if e, ok := offsets[i]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", e.off, e.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d", maxID+1)
	for _, k := range []string{"Root", "Info", "Encrypt"} {
		if r, ok := refs[k]; ok {
			fmt.Fprintf(&b, " /%s %s", k, r)
		}
	}
	if id != nil {
		b.WriteByte(' ')
		b.Write(id)
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", start)
	return b.Bytes(), true
}

// pageObjectRE finds page objects ("/Type /Page", not "/Pages"), and pageCountRE the
// page counts of page tree nodes.
var (
	pageObjectRE = regexp.MustCompile(`/Type\s*/Page[^s]`)
	pageCountRE  = regexp.MustCompile(`/Count\s+(\d{1,7})\b`)
)

// DeclaredPages estimates a PDF's page count from its bytes, without parsing it: the
// larger of the page objects in plain sight and the largest page tree count. It is 0
// when both are hidden in compressed object streams. It sizes time budgets; it is no
// page count to show.
func DeclaredPages(data []byte) int {
	n := len(pageObjectRE.FindAllIndex(data, MaxPDFPages+1))
	for _, m := range pageCountRE.FindAllSubmatch(data, -1) {
		if c, err := strconv.Atoi(string(m[1])); err == nil && c > n {
			n = c
		}
	}
	return min(n, MaxPDFPages)
}
