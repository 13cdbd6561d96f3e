package search

// SetRerankReadAllBelow sets rerankReadAllBelow for a test; call the returned
// function to put it back.
func SetRerankReadAllBelow(n float64) func() {
	old := rerankReadAllBelow
	rerankReadAllBelow = n
	return func() { rerankReadAllBelow = old }
}
