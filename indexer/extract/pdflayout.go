package extract

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Layout thresholds, in multiples of the font size.
const (
	wordGap     = 0.15  // a gap wider than this between glyphs is a word space
	runBreakGap = 1.0   // a gap wider than this ends a run: cells, columns, tabs
	overlapGap  = -0.35 // a glyph starting this far back over the previous one starts a run: text set over text
	markOverlap = -0.6  // how far back a combining mark may be drawn over its base
	sameLine    = 0.4   // baselines closer than this are one line (superscripts included)
	columnGap   = 1.0   // a clear vertical strip at least this wide separates columns
	proseGap    = 0.8   // or this wide, between columns of running text (LaTeX's default gutter is 1.0 at 10 pt)
	columnWidth = 6.0   // narrower sides of a strip are line numbers or table cells, read by rows
	maxCutDepth = 64    // deeper XY-cut recursion reads the region as one block
)

// run is a stretch of glyphs on one baseline with no wide gap: a word group, a
// table cell, a line of one column.
type run struct {
	text []byte
	// x0, x1 are the run's horizontal extent: of its glyphs with ink once it has
	// one (a line's trailing space reaches into the gutter beside it).
	x0, x1 float64
	inked  bool
	y      float64 // baseline
	size   float64
	last   glyph
}

func (r *run) top() float64    { return r.y + 0.8*r.size }
func (r *run) bottom() float64 { return r.y - 0.2*r.size }

// textLine is a line of a page's text and the size of its largest type.
type textLine struct {
	text string
	size float64
}

// layoutLines turns a page's glyphs into lines of text in reading order: glyphs into
// runs, runs into blocks by recursive XY-cut (columns before rows), blocks into lines.
// Text in another writing direction than most of the page follows as its own blocks.
func layoutLines(glyphs []glyph) []textLine {
	var byDir [8][]glyph
	for _, g := range glyphs {
		byDir[g.dir] = append(byDir[g.dir], g)
	}
	order := []int{0, 1, 2, 3, 4, 5, 6, 7}
	sort.SliceStable(order, func(i, j int) bool { return len(byDir[order[i]]) > len(byDir[order[j]]) })
	var lines []textLine
	for _, d := range order {
		if len(byDir[d]) == 0 {
			continue
		}
		top, body, bottom := edgeBands(withoutLineNumbers(buildRuns(byDir[d])))
		lines = appendBlockLines(lines, top)
		for _, block := range xyCut(body, 0, nil) {
			lines = appendBlockLines(lines, block)
		}
		lines = appendBlockLines(lines, bottom)
	}
	return lines
}

// minLineNumbers is the fewest numbers down a margin that number its lines;
// maxLineNumbers the most short numbers a page may have for them to be looked for.
const (
	minLineNumbers = 5
	maxLineNumbers = 400
)

// withoutLineNumbers drops the numbers a transcript, a bill or a book prints in
// a margin beside its lines (every line's or every fifth's): read with the lines,
// they stand between the words of a sentence ("There 3 is no switch"). They are
// numbers of at most three digits (not a table's years) alone at one end of their
// lines of running text (not a table's rows nor a contents' entries), in one
// column, rising down the page by one step, at least minLineNumbers of them.
func withoutLineNumbers(runs []*run) []*run {
	type num struct {
		r *run
		v int
	}
	var nums []num
	for _, r := range runs {
		t := strings.TrimSpace(string(r.text))
		if v, err := strconv.Atoi(t); err == nil && len(t) <= 3 && v >= 0 {
			nums = append(nums, num{r, v})
		}
	}
	// A page of figures is a table, and would make the work below quadratic.
	if len(nums) < minLineNumbers || len(nums) > maxLineNumbers {
		return runs
	}
	// A number of a line of text is at one end of its line; the runs beside the
	// column's numbers are lines of running text (below).
	// The runs by baseline, for each number's line to be found by a search.
	byY := slices.Clone(runs)
	slices.SortFunc(byY, func(a, b *run) int { return cmpFloat(a.y, b.y) })
	maxSize := 0.0
	for _, r := range runs {
		maxSize = math.Max(maxSize, r.size)
	}
	beside := map[*run]*run{} // nil for a number alone on its line (an empty line's)
	nums = slices.DeleteFunc(nums, func(n num) bool {
		from, _ := slices.BinarySearchFunc(byY, n.r.y-sameLine*maxSize, func(a *run, y float64) int { return cmpFloat(a.y, y) })
		to, _ := slices.BinarySearchFunc(byY, n.r.y+sameLine*maxSize, func(a *run, y float64) int { return cmpFloat(a.y, y) })
		b, end := besideOf(n.r, byY[from:min(to+1, len(byY))])
		beside[n.r] = b
		return !end
	})
	drop := map[*run]bool{}
	used := make([]bool, len(nums))
	for i := range nums {
		if used[i] {
			continue
		}
		// The numbers in the column of this one (aligned left or right), top to
		// bottom.
		a := nums[i].r
		var col []num
		for j, n := range nums {
			if b := n.r; !used[j] && (math.Abs(b.x0-a.x0) < a.size || math.Abs(b.x1-a.x1) < a.size) && math.Abs(b.size-a.size) < 0.5 {
				col = append(col, n)
				used[j] = true
			}
		}
		slices.SortFunc(col, func(a, b num) int { return cmpFloat(b.r.y, a.r.y) })
		var lines []*run
		for _, n := range col {
			if b := beside[n.r]; b != nil {
				lines = append(lines, b)
			}
		}
		steady := len(col) >= minLineNumbers && runningText(lines)
		for k := 1; k < len(col) && steady; k++ {
			step := col[1].v - col[0].v
			steady = step > 0 && col[k].v-col[k-1].v == step
		}
		if steady {
			for _, n := range col {
				drop[n.r] = true
			}
		}
	}
	if len(drop) == 0 {
		return runs
	}
	return slices.DeleteFunc(slices.Clone(runs), func(r *run) bool { return drop[r] })
}

// runningText reports whether lines read as running text, not a table's cells or
// a contents' titles, which each begin with a capital: a quarter of them or more
// go on with a lower-case letter, and most are wider than a few words.
func runningText(lines []*run) bool {
	if len(lines) == 0 {
		return false
	}
	lower, wide := 0, 0
	for _, l := range lines {
		if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(string(l.text))); unicode.IsLower(r) {
			lower++
		}
		if l.x1-l.x0 >= 8*l.size {
			wide++
		}
	}
	return lower*4 >= len(lines) && wide*5 >= len(lines)*3
}

// besideOf returns the run nearest r on its line among runs (nil when r is alone
// on it), and whether r is at one end of its line (no other run beyond it on one
// side).
func besideOf(r *run, runs []*run) (*run, bool) {
	var left, right *run // the nearest run on each side
	for _, o := range runs {
		if o == r || math.Abs(o.y-r.y) >= sameLine*math.Max(o.size, r.size) {
			continue
		}
		switch {
		case o.x1 <= r.x0 && (left == nil || o.x1 > left.x1):
			left = o
		case o.x0 >= r.x1 && (right == nil || o.x0 < right.x0):
			right = o
		}
	}
	if left != nil && right != nil {
		return nil, false
	}
	return cmp.Or(left, right), true
}

// Edge bands: at most maxBandLines lines above or below the rest of a page across a
// clear strip at least bandGap font sizes tall, centred on it within bandCentre of
// its width or page numbers.
const (
	maxBandLines = 2
	bandGap      = 1.0
	bandCentre   = 0.1
)

// edgeBands sets apart the page number or running line in a page's top or bottom
// margin (see the band constants, and apart), which XY-cut would read at the foot
// or head of the column it happens to lie over: in the middle of the text, between
// the columns of a two-column page. They are read first (top) and last (bottom).
func edgeBands(runs []*run) (top, body, bottom []*run) {
	if len(runs) < 3 {
		return nil, runs, nil
	}

	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b *run) int { return cmpFloat(a.y, b.y) }) // bottom first
	size := medianSize(runs)
	// band returns how many runs from one end of sorted make a band, or 0.
	band := func(fromBottom bool) int {
		at := func(i int) *run {
			if fromBottom {
				return sorted[i]
			}
			return sorted[len(sorted)-1-i]
		}
		best, lines, lineY := 0, 0, math.NaN()
		for i := 0; i < len(sorted)-2; i++ {
			r := at(i)
			if math.IsNaN(lineY) || math.Abs(r.y-lineY) >= sameLine*r.size {
				if lines++; lines > maxBandLines {
					break
				}
				lineY = r.y
			}
			// The band so far is runs 0..i when run i+1 is on another line.
			if next := at(i + 1); math.Abs(next.y-lineY) < sameLine*next.size {
				continue
			}
			in, rest := sorted[:i+1], sorted[i+1:]
			if !fromBottom {
				in, rest = sorted[len(sorted)-1-i:], sorted[:len(sorted)-1-i]
			}
			if apart(in, rest, fromBottom, size) {
				best = i + 1
			}
		}
		return best
	}
	// A band that stops XY-cut reading the rest as columns is read at the head
	// or foot of the page anyway: it stays (set apart, a table's caption would let
	// its rows be read as columns).
	_, _, columns := verticalCut(runs)
	keeps := func(n int, fromBottom bool) bool {
		if n == 0 || columns {
			return n > 0
		}
		rest := sorted[n:]
		if !fromBottom {
			rest = sorted[:len(sorted)-n]
		}
		_, _, cut := verticalCut(rest)
		return !cut
	}
	if nb := band(true); keeps(nb, true) {
		sorted, bottom = sorted[nb:], sorted[:nb]
	}
	if nt := band(false); keeps(nt, false) {
		sorted, top = sorted[:len(sorted)-nt], sorted[len(sorted)-nt:]
	}
	return top, sorted, bottom
}

// apart reports whether the runs in make a band beside the rest (see edgeBands):
// clear of it by bandGap font sizes, and centred on it or page numbers.
func apart(in, rest []*run, below bool, size float64) bool {
	inBottom, inTop := vspan(in)
	restBottom, restTop := vspan(rest)
	gap := inBottom - restTop
	if below {
		gap = restBottom - inTop
	}
	if gap < bandGap*size {
		return false
	}
	numbers := true
	for _, l := range appendBlockLines(nil, in) {
		numbers = numbers && pageNumberLike(l.text)
	}
	if numbers {
		return true
	}
	// Runs far apart on a band's line are columns' lines that end together, not
	// one line in the margin, unless one is a page number ("Annual report 2021
	// … 14").
	if !slices.ContainsFunc(in, func(r *run) bool { return pageNumberLike(string(r.text)) }) {
		byX := slices.Clone(in)
		slices.SortFunc(byX, func(a, b *run) int { return cmpFloat(a.x0, b.x0) })
		for i := 1; i < len(byX); i++ {
			if byX[i].x0-byX[i-1].x1 >= columnGap*size && math.Abs(byX[i].y-byX[i-1].y) < sameLine*size {
				return false
			}
		}
	}
	x0, x1 := extent(in)
	b0, b1 := extent(rest)
	return math.Abs((x0+x1)/2-(b0+b1)/2) <= bandCentre*(b1-b0)
}

// vspan is the vertical span of runs: the lowest bottom and the highest top.
func vspan(runs []*run) (bottom, top float64) {
	bottom, top = math.Inf(1), math.Inf(-1)
	for _, r := range runs {
		bottom, top = math.Min(bottom, r.bottom()), math.Max(top, r.top())
	}
	return bottom, top
}

// extent is the horizontal span of runs.
func extent(runs []*run) (x0, x1 float64) {
	x0, x1 = math.Inf(1), math.Inf(-1)
	for _, r := range runs {
		x0, x1 = math.Min(x0, r.x0), math.Max(x1, r.x1)
	}
	return x0, x1
}

// buildRuns groups glyphs, in the order the content stream shows them, into runs.
func buildRuns(gs []glyph) []*run {
	var runs []*run
	var cur *run
	for _, g := range gs {
		if cur != nil {
			p := cur.last
			size := math.Max(p.size, g.size)
			gap := g.x - p.x1
			sameBase := math.Abs(g.y-p.y) < sameLine*size
			if sameBase && g.text == p.text && math.Abs(g.x-p.x) < 0.1*size {
				continue // the same glyph drawn again (fake bold, shadow)
			}
			r, _ := utf8.DecodeRuneInString(g.text)
			mark := unicode.IsMark(r) // a vowel sign, an accent: never starts a word
			back := overlapGap
			if mark {
				back = markOverlap
			}
			if sameBase && gap > back*size && gap < runBreakGap*size {
				if p.spaced && p.text == " " && !g.spaced && math.Abs(g.x-p.x) < 0.02*size {
					// The next glyph is drawn where the space is: the space took no
					// room, an invisible glyph mapped to a space (Chromium draws a
					// soft hyphen so), not a word break. (OCR layers overlap a
					// space and the next word by more than this.)
					cur.text = cur.text[:len(cur.text)-1]
				}
				if gap > wordGap*size && !p.spaced && !g.spaced && !mark {
					cur.text = append(cur.text, ' ')
				}
				cur.add(g)
				continue
			}
		}
		cur = &run{x0: g.x, x1: g.x1, y: g.y, size: g.size}
		cur.add(g)
		runs = append(runs, cur)
	}
	// Runs that hold only spaces place nothing readable.
	return slices.DeleteFunc(runs, func(r *run) bool { return strings.TrimSpace(string(r.text)) == "" })
}

func (r *run) add(g glyph) {
	r.text = append(r.text, g.text...)
	r.size = math.Max(r.size, g.size)
	r.last = g
	if g.text == " " || strings.TrimSpace(g.text) == "" {
		return // a space has no ink: where it ends, nothing is written
	}
	if !r.inked {
		r.x0, r.x1, r.inked = g.x, math.Max(g.x1, g.x), true
		return
	}
	r.x0 = math.Min(r.x0, g.x)
	r.x1 = math.Max(r.x1, math.Max(g.x1, g.x))
}

// xyCut splits runs into blocks in reading order: at the widest clear vertical strip
// if there is one (columns, read left to right), else at the widest clear horizontal
// strip (read top to bottom), recursively.
func xyCut(runs []*run, depth int, out [][]*run) [][]*run {
	if len(runs) < 2 || depth >= maxCutDepth {
		return append(out, runs)
	}
	if left, right, ok := verticalCut(runs); ok {
		out = xyCut(left, depth+1, out)
		return xyCut(right, depth+1, out)
	}
	parts := horizontalCuts(runs)
	if len(parts) < 2 {
		return append(out, runs)
	}
	for _, p := range parts {
		out = xyCut(p, depth+1, out)
	}
	return out
}

// medianSize is the median font size of runs.
func medianSize(runs []*run) float64 {
	s := make([]float64, len(runs))
	for i, r := range runs {
		s[i] = r.size
	}
	slices.Sort(s)
	return s[len(s)/2]
}

// verticalCut finds the widest vertical strip that no run crosses, at least
// columnGap font sizes wide (proseGap between columns of running text), with
// text at least columnWidth font sizes wide on either side: columns. Narrower strips separate line numbers or table cells, which
// read better row by row.
func verticalCut(runs []*run) (left, right []*run, ok bool) {
	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b *run) int { return cmpFloat(a.x0, b.x0) })
	size := medianSize(runs)
	start := sorted[0].x0
	end := start
	for _, r := range sorted {
		end = math.Max(end, r.x1)
	}
	best, bestAt := 0.0, -1
	reach := sorted[0].x1
	for i := 1; i < len(sorted); i++ {
		gap := sorted[i].x0 - reach
		if gap >= proseGap*size && gap > best &&
			reach-start >= columnWidth*size && end-sorted[i].x0 >= columnWidth*size &&
			(gap >= columnGap*size || prose(sorted[:i]) && prose(sorted[i:])) {
			best, bestAt = gap, i
		}
		reach = math.Max(reach, sorted[i].x1)
	}
	if bestAt < 0 {
		return nil, nil, false
	}
	return sorted[:bestAt], sorted[bestAt:], true
}

// prose reports whether runs read as a column of running text: most of them
// lines that fill the column's width and hold proseLine characters on average,
// not a table's cells (a narrower gutter separates such columns: proseGap).
func prose(runs []*run) bool {
	x0, x1 := extent(runs)
	full, letters := 0, 0
	for _, r := range runs {
		if r.x1-r.x0 >= proseFill*(x1-x0) {
			full++
		}
		letters += utf8.RuneCount(r.text)
	}
	return 2*full >= len(runs) && letters >= proseLine*len(runs)
}

// A line of running text fills proseFill of its column's width and holds
// proseLine characters on average (a table's cells hold fewer).
const (
	proseFill = 0.6
	proseLine = 30
)

// horizontalCuts splits runs at the clear horizontal strips that are nearly as tall
// as the tallest one: a heading's space above a body is cut alone, evenly spaced
// lines all at once.
func horizontalCuts(runs []*run) [][]*run {
	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b *run) int { return cmpFloat(b.top(), a.top()) })
	type cut struct {
		at  int
		gap float64
	}
	var cuts []cut
	floor := sorted[0].bottom()
	best := 0.0
	for i := 1; i < len(sorted); i++ {
		if gap := floor - sorted[i].top(); gap > 0 {
			cuts = append(cuts, cut{i, gap})
			best = math.Max(best, gap)
		}
		floor = math.Min(floor, sorted[i].bottom())
	}
	if len(cuts) == 0 {
		return nil
	}
	var parts [][]*run
	from := 0
	for _, c := range cuts {
		if c.gap >= 0.9*best {
			parts = append(parts, sorted[from:c.at])
			from = c.at
		}
	}
	return append(parts, sorted[from:])
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// appendBlockLines appends the lines of one block: runs clustered by baseline, top
// to bottom, each line's runs left to right.
func appendBlockLines(lines []textLine, block []*run) []textLine {
	sorted := slices.Clone(block)
	slices.SortFunc(sorted, func(a, b *run) int {
		if c := cmpFloat(b.y, a.y); c != 0 {
			return c
		}
		return cmpFloat(a.x0, b.x0)
	})
	var line []*run
	flush := func() {
		if len(line) == 0 {
			return
		}
		slices.SortFunc(line, func(a, b *run) int { return cmpFloat(a.x0, b.x0) })
		var b strings.Builder
		var prev *run
		size := 0.0
		for _, r := range line {
			size = math.Max(size, r.size)
			t := string(r.text)
			if prev != nil {
				gap := r.x0 - prev.x1
				size := math.Max(r.size, prev.size)
				if (gap > wordGap*size || gap < overlapGap*size) && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(t, " ") {
					b.WriteByte(' ')
				}
			}
			b.WriteString(t)
			prev = r
		}
		lines = append(lines, textLine{b.String(), size})
		line = line[:0]
	}
	var lineY, lineSize float64
	for _, r := range sorted {
		if len(line) > 0 && math.Abs(r.y-lineY) < sameLine*math.Max(lineSize, r.size) {
			line = append(line, r)
			lineSize = math.Max(lineSize, r.size)
			continue
		}
		flush()
		line = append(line, r)
		lineY, lineSize = r.y, r.size
	}
	flush()
	return lines
}

// displayRatio is how much larger than a page's text its largest type must be to
// be display type (a cover's title); displayClass how near the largest a line's
// type must be to be of it.
const (
	displayRatio = 1.3
	displayClass = 0.9
)

// displayLines returns the lines of a page set in its largest type, in reading
// order, when that type is display type: at least displayRatio times the size
// most of the page's letters are set in or, when those are in its largest type
// and others in smaller (a cover's title with most of its letters), the size
// most of the document's are (text, in points; 0 for none). Nil for a page set
// in one size.
func displayLines(lines []textLine, text float64) []string {
	bySize := map[float64]int{}
	countSizes(bySize, lines)
	largest := 0.0
	for _, l := range lines {
		largest = math.Max(largest, l.size)
	}
	body := mostLetters(bySize)
	smaller := slices.ContainsFunc(lines, func(l textLine) bool { return l.size < displayClass*largest })
	if text > 0 && text < body && body >= displayClass*largest && smaller {
		body = text // the page's largest type has most of its letters, the rest smaller: a cover's title
	}
	if body <= 0 || largest < displayRatio*body {
		return nil
	}
	var out []string
	for _, l := range lines {
		if l.size >= displayClass*largest {
			out = append(out, l.text)
		}
	}
	return out
}

// countSizes adds lines' letters to bySize, by their type's size to half a
// point (a scaled matrix sets 10 pt as 9.9999).
func countSizes(bySize map[float64]int, lines []textLine) {
	for _, l := range lines {
		bySize[math.Round(2*l.size)/2] += utf8.RuneCountInString(l.text)
	}
}

// mostLetters is the size most letters of bySize are set in (the smaller of
// two as many); 0 for none.
func mostLetters(bySize map[float64]int) float64 {
	body, most := 0.0, -1
	for size, n := range bySize {
		if n > most || n == most && size < body {
			body, most = size, n
		}
	}
	return body
}
