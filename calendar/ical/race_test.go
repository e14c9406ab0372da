//go:build race

package ical_test

// raceEnabled scales the random tests down under the race detector, which
// makes them about ten times slower.
const raceEnabled = true
