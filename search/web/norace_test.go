//go:build !race

package web_test

// raceDetector reports whether the tests run with the race detector (see race_test.go).
const raceDetector = false
