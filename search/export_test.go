package search

// SetParts makes every search split its work that may be split (highlighting,
// feedback) into parts parts, in an index of any size, until restore is called.
func SetParts(parts int) (restore func()) {
	f, docs := idleParts, highlightMinDocs
	idleParts = func(n, _ int) int { return max(1, min(parts, n)) }
	highlightMinDocs = 0
	return func() { idleParts, highlightMinDocs = f, docs }
}
