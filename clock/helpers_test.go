package clock_test

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"
	_ "time/tzdata" // the tests need named zones on any host

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/clock"
)

// long reports whether the long random runs are wanted (CI sets
// SLACLOCK_LONG=1); a smaller run is always on.
func long() bool { return os.Getenv("SLACLOCK_LONG") == "1" }

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

var newYork = mustLoad("America/New_York")

// march returns a wall time in March 2026 in New York. March 2 is a
// Monday; clocks spring forward on Sunday, March 8.
func march(day, hour, minute int) time.Time {
	return time.Date(2026, time.March, day, hour, minute, 0, 0, newYork)
}

// officeHours is Monday to Friday, 09:00-17:00 in New York, from the
// slow reference calendar of these tests.
var officeHours = weekly{loc: newYork, open: 9, close: 17}

// realOfficeHours is the same calendar from package calendar.
func realOfficeHours(tb testing.TB) *calendar.Calendar {
	tb.Helper()
	c, err := calendar.New(calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}})
	if err != nil {
		tb.Fatalf("calendar.New: %v", err)
	}
	return c
}

// calendars returns both office-hours calendars, by name.
func calendars(tb testing.TB) []struct {
	name string
	cal  clock.Calendar
} {
	return []struct {
		name string
		cal  clock.Calendar
	}{
		{"reference calendar", officeHours},
		{"package calendar", realOfficeHours(tb)},
	}
}

// An op is one transition at one instant.
type op struct {
	kind string // "start", "pause", "resume" or "stop"
	at   time.Time
}

func start(at time.Time) op  { return op{"start", at} }
func pause(at time.Time) op  { return op{"pause", at} }
func resume(at time.Time) op { return op{"resume", at} }
func stop(at time.Time) op   { return op{"stop", at} }

func (o op) String() string { return fmt.Sprintf("%s(%s)", o.kind, o.at.Format(time.RFC3339Nano)) }

func (o op) apply(t *clock.Timer) error {
	switch o.kind {
	case "start":
		return t.Start(o.at)
	case "pause":
		return t.Pause(o.at)
	case "resume":
		return t.Resume(o.at)
	case "stop":
		return t.Stop(o.at)
	}
	panic("unknown op " + o.kind)
}

// build applies ops to a zero Timer and fails the test on any error.
func build(tb testing.TB, ops ...op) clock.Timer {
	tb.Helper()
	var t clock.Timer
	for _, o := range ops {
		if err := o.apply(&t); err != nil {
			tb.Fatalf("%v: %v", o, err)
		}
	}
	return t
}

// A snap is everything a Timer shows through its methods.
type snap struct {
	State  clock.State
	Since  time.Time
	Cycle  int
	Spans  []clock.Span
	Cycles []cycleSnap
	JSON   string
}

type cycleSnap struct {
	State clock.State
	Since time.Time
	Spans []clock.Span
}

func snapshot(tb testing.TB, t clock.Timer) snap {
	tb.Helper()
	b, err := json.Marshal(t)
	if err != nil {
		tb.Fatalf("json.Marshal: %v", err)
	}
	s := snap{State: t.State(), Since: t.Since(), Cycle: t.Cycle(), Spans: t.Spans(), JSON: string(b)}
	for _, c := range t.Cycles() {
		s.Cycles = append(s.Cycles, cycleSnap{c.State(), c.Since(), c.Spans()})
	}
	return s
}

// sameTime compares instants exactly: the same instant, offset, location
// and internal representation.
var sameTime = cmp.Comparer(func(a, b time.Time) bool { return a == b })

// equalTime compares instants as JSON keeps them: the same instant with
// the same offset.
var equalTime = cmp.Comparer(func(a, b time.Time) bool {
	_, ao := a.Zone()
	_, bo := b.Zone()
	return a.Equal(b) && ao == bo
})
