//go:build !race

package ical_test

const raceEnabled = false
