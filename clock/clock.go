package clock

import (
	"sync"
	"time"
)

// A Clock tells the present instant. Nothing in package clock calls one:
// every function takes the instant it works at. A Clock is how an
// application finds that instant, and swapping System for a Manual is how
// its tests control it.
type Clock interface {
	Now() time.Time
}

// System is the wall clock. It is the only place in slaclock that reads
// it. The zero System is ready to use and safe for concurrent use.
type System struct{}

// Now returns the present instant in UTC, without a monotonic clock
// reading, so that it does not depend on the host's time zone.
func (System) Now() time.Time { return time.Now().UTC() }

// A Manual is a clock for tests that moves only when told to. It is safe
// for concurrent use; it must not be copied after first use. The zero
// Manual reads the zero Time.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// NewManual returns a manual clock that reads now.
func NewManual(now time.Time) *Manual {
	return &Manual{now: now}
}

// Now returns the instant the clock was last set or advanced to.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Set sets the clock to now, which may be earlier than the present reading.
func (m *Manual) Set(now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = now
}

// Advance moves the clock by d (backwards if d is negative) and returns
// the new reading. It never sleeps.
func (m *Manual) Advance(d time.Duration) time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = m.now.Add(d)
	return m.now
}
