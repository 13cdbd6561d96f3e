package extract

import (
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// maxLabelNodes bounds the walk of a page-label number tree (a damaged file may loop).
const maxLabelNodes = 10000

// labelRange is one entry of /PageLabels: from page index start (0-based) on, pages
// are numbered in style from first, after prefix.
type labelRange struct {
	start  int
	style  string // D, R, r, A, a or "" (prefix only)
	prefix string
	first  int
}

// pageLabels returns the printed label of each of n pages from the catalog's
// /PageLabels number tree ("iv", "37", "A-2"), or nil when the file has none.
func pageLabels(root pdf.Value, n int) []string {
	tree := root.Key("PageLabels")
	if tree.IsNull() {
		return nil
	}
	var ranges []labelRange
	visited := 0
	var walk func(node pdf.Value)
	walk = func(node pdf.Value) {
		visited++
		if visited > maxLabelNodes {
			return
		}
		nums := node.Key("Nums")
		for i := 0; i+1 < nums.Len(); i += 2 {
			d := nums.Index(i + 1)
			r := labelRange{start: int(nums.Index(i).Int64()), style: d.Key("S").Name(), prefix: d.Key("P").Text(), first: 1}
			if st := d.Key("St"); !st.IsNull() && st.Int64() > 0 {
				r.first = int(st.Int64())
			}
			ranges = append(ranges, r)
		}
		kids := node.Key("Kids")
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i))
		}
	}
	walk(tree)
	if len(ranges) == 0 {
		return nil
	}
	labels := make([]string, n)
	for i := range labels {
		var cur *labelRange
		for k := range ranges {
			if ranges[k].start <= i && (cur == nil || ranges[k].start >= cur.start) {
				cur = &ranges[k]
			}
		}
		if cur == nil {
			labels[i] = strconv.Itoa(i + 1)
			continue
		}
		labels[i] = cur.prefix + formatLabel(cur.style, cur.first+i-cur.start)
	}
	return labels
}

// formatLabel writes page number n in a /PageLabels numbering style.
func formatLabel(style string, n int) string {
	switch style {
	case "D":
		return strconv.Itoa(n)
	case "R":
		return strings.ToUpper(roman(n))
	case "r":
		return roman(n)
	case "A":
		return strings.ToUpper(letters(n))
	case "a":
		return letters(n)
	}
	return ""
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// letters numbers as a, b, …, z, aa, bb, … (the PDF specification's style).
func letters(n int) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
}
