package ical_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/slaclock/slaclock/calendar/ical"
)

// manyEvents returns a VCALENDAR of n events, in years from 1900 on,
// starting as start says ("DTSTART;VALUE=DATE:%04d0101").
func manyEvents(n int, start string, lines ...string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for i := range n {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\n"+start+"\r\n", 1900+i%250)
		for _, l := range lines {
			b.WriteString(l + "\r\n")
		}
		b.WriteString("END:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

func nested(depth int) string {
	return "BEGIN:VCALENDAR\r\n" + strings.Repeat("BEGIN:X-A\r\n", depth-1) + strings.Repeat("END:X-A\r\n", depth-1) + "END:VCALENDAR\r\n"
}

func TestLimits(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat("x", ical.MaxLine-len("DESCRIPTION:"))
	folded := "DESCRIPTION:" + strings.Repeat("xxx\r\n ", ical.MaxLine/3)
	const date = "DTSTART;VALUE=DATE:%04d0101"
	daily := func(n int) string { return manyEvents(n, date, "RRULE:FREQ=DAILY") }
	tests := []struct {
		name string
		ics  string
		msg  string // "" when within the limits
	}{
		{"a line of MaxLine bytes", vcal(vevent("DTSTART;VALUE=DATE:20261225", long)...), ""},
		{"a line of MaxLine+1 bytes", vcal(vevent("DTSTART;VALUE=DATE:20261225", long+"x")...),
			"ical: line 7: too large: a line longer than 1048576 bytes"},
		{"a folded line longer than MaxLine", vcal(vevent("DTSTART;VALUE=DATE:20261225", folded)...),
			"ical: line 7: too large: a line longer than 1048576 bytes"},
		{"a file without line ends", strings.Repeat("x", 3*ical.MaxLine), "ical: line 1: too large: a line longer than 1048576 bytes"},
		{"components nested MaxDepth deep", nested(ical.MaxDepth), ""},
		{"components nested deeper", nested(ical.MaxDepth + 1),
			`ical: line 17: BEGIN: "X-A": too large: components nested more than 16 deep`},
		{"MaxEvents all-day events", manyEvents(ical.MaxEvents, date), ""},
		{"more all-day events", manyEvents(ical.MaxEvents+1, date),
			"ical: line 300002: VEVENT: too large: more than 100000 all-day events"},
		{"timed events do not count", manyEvents(ical.MaxEvents+1, "DTSTART:%04d0101T090000"), ""},
		// Event i starts on 1 January of 1900+i, its RRULE on line 4+4i; a
		// daily rule costs 2 steps a day to 2149-12-31: the first 62 take
		// 9,940,000 steps, the 63rd passes 10,000,000.
		{"62 daily rules", daily(62), ""},
		{"63 daily rules", daily(63),
			"ical: line 252: RRULE: too large: the file's rules take more than 10000000 steps to expand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ical.Holidays(strings.NewReader(tt.ics))
			switch {
			case tt.msg == "" && err != nil:
				t.Fatalf("Holidays: %v", err)
			case tt.msg == "":
			case err == nil:
				t.Fatalf("Holidays = nil error, want %s", tt.msg)
			case !errors.Is(err, ical.ErrTooLarge) || err.Error() != tt.msg:
				t.Errorf("Holidays error = %v, want %s (ErrTooLarge)", err, tt.msg)
			}
		})
	}
}
