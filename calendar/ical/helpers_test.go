package ical_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/slaclock/slaclock/calendar/ical"
)

// vcal wraps lines in a VCALENDAR with CRLF line ends, as exporters write.
func vcal(lines ...string) string {
	all := append([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//slaclock//test//EN"}, lines...)
	all = append(all, "END:VCALENDAR")
	return strings.Join(all, "\r\n") + "\r\n"
}

// vevent wraps lines in a VEVENT.
func vevent(lines ...string) []string {
	return append(append([]string{"BEGIN:VEVENT", "UID:test-1"}, lines...), "END:VEVENT")
}

// events joins VEVENTs for vcal.
func events(evs ...[]string) []string { return slices.Concat(evs...) }

// rruleDates returns the dates of one all-day event starting on start
// (YYYYMMDD) with the given RRULE and further lines.
func rruleDates(t *testing.T, start, rule string, more ...string) []string {
	t.Helper()
	lines := append([]string{"DTSTART;VALUE=DATE:" + start, "RRULE:" + rule}, more...)
	got, err := ical.Holidays(strings.NewReader(vcal(vevent(lines...)...)))
	if err != nil {
		t.Fatalf("Holidays: %v", err)
	}
	return got
}

// iso turns "19970902" dates into "1997-09-02".
func iso(compact ...string) []string {
	out := make([]string, len(compact))
	for i, c := range compact {
		out[i] = c[0:4] + "-" + c[4:6] + "-" + c[6:8]
	}
	return out
}
