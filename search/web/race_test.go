//go:build race

package web_test

// raceDetector reports whether the tests run with the race detector, which slows
// searches several times: latency targets are checked without it.
const raceDetector = true
