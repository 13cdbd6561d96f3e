package indexer

import "time"

// Releasing and SetReleaseInterval open releasing and releaseInterval to the
// external tests.
func (ix *Index) Releasing() (stop func() error) { return ix.releasing() }

func SetReleaseInterval(d time.Duration) (restore func()) {
	was := releaseInterval
	releaseInterval = d
	return func() { releaseInterval = was }
}
