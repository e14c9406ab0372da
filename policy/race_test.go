//go:build race

package policy_test

// raceEnabled leaves out tests of documents of megabytes under the race
// detector, which makes reading them ten times slower and has nothing to
// find in code that runs on one goroutine.
const raceEnabled = true
