//go:build race

package main

// raceDetector reports whether the tests run with the race detector, under which the
// ranking test's crawl of the whole collection takes minutes.
const raceDetector = true
