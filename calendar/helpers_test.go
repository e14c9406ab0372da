package calendar_test

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below even on hosts without zoneinfo

	"github.com/slaclock/slaclock/calendar"
)

// loadZone loads an IANA zone or stops the test.
func loadZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

// mustNew builds a calendar or stops the test.
func mustNew(tb testing.TB, s calendar.Spec) *calendar.Calendar {
	tb.Helper()
	c, err := calendar.New(s)
	if err != nil {
		tb.Fatalf("New(%+v): %v", s, err)
	}
	return c
}

// everyDay is a spec open on all seven days with the same intervals.
func everyDay(zone string, intervals ...string) calendar.Spec {
	return calendar.Spec{Zone: zone, Hours: map[string][]string{"mon-sun": intervals}}
}

// instant parses an RFC 3339 instant ("2026-11-01T01:30:00-04:00"); the
// offset makes it unambiguous even where the wall time repeats or is skipped.
func instant(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		tb.Fatalf("bad instant %q: %v", s, err)
	}
	return t
}

// show formats an instant with its offset and zone abbreviation, or "none".
func show(t time.Time) string {
	if t.IsZero() {
		return "zero Time"
	}
	return t.Format("2006-01-02T15:04:05.999999999Z07:00 MST")
}
