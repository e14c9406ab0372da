package calendar_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/calendar"
)

// A calendar knows the local dates 1900-01-01 to 2149-12-31 and is closed
// outside them: Add past them is the zero Time, NextOpen reports none.
// 2116-02-20T23:53:38Z is 1<<62 ns after 1970, a point where int64
// nanosecond arithmetic likes to give out; the range runs well past it.
// rangeCase is a row of TestRange: what got says of c, at the edges of
// the range of dates.
type rangeCase struct {
	name string
	c    *calendar.Calendar
	got  func(c *calendar.Calendar) string
	want string
}

// rangeCases returns the rows of TestRange.
func rangeCases(t *testing.T) []rangeCase {
	weekdays := mustNew(t, calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}})
	yearly := mustNew(t, calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon": {"13:00-17:00"}}, Holidays: []string{"01-01"}})
	always := calendar.Always()
	return []rangeCase{
		{"open on Monday 2116-02-24, after 1<<62 ns", weekdays,
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "2116-02-24T10:00:00Z"))) }, "open"},
		{"open on Wednesday 2149-12-31, the last date", weekdays,
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "2149-12-31T10:00:00Z"))) }, "open"},
		{"closed on Thursday 2150-01-01, past the range", weekdays,
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "2150-01-01T10:00:00Z"))) }, "closed"},
		{"closed on Friday 1899-12-29, before the range", weekdays,
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "1899-12-29T10:00:00Z"))) }, "closed"},
		{"a week of 2116 around 1<<62 ns has five days of 8 hours", weekdays,
			func(c *calendar.Calendar) string {
				return c.Between(instant(t, "2116-02-17T00:00:00Z"), instant(t, "2116-02-24T00:00:00Z")).String()
			}, "40h0m0s"},
		{"the last week counts Monday to Wednesday only", weekdays,
			func(c *calendar.Calendar) string {
				return c.Between(instant(t, "2149-12-29T00:00:00Z"), instant(t, "2150-01-05T00:00:00Z")).String()
			}, "24h0m0s"},
		{"NextOpen on Friday 2116-02-21 00:00 is 09:00", weekdays,
			func(c *calendar.Calendar) string { return rfc3339ok(c.NextOpen(instant(t, "2116-02-21T00:00:00Z"))) }, "2116-02-21T09:00:00Z"},
		{"NextClose in 2120 is that day's 17:00", weekdays,
			func(c *calendar.Calendar) string { return rfc3339ok(c.NextClose(instant(t, "2120-01-08T10:00:00Z"))) }, "2120-01-08T17:00:00Z"},
		{"NextOpen after the last close: none", weekdays,
			func(c *calendar.Calendar) string { return rfc3339ok(c.NextOpen(instant(t, "2149-12-31T18:00:00Z"))) }, "none"},
		{"NextOpen before the range is its first opening, Monday 1900-01-01 09:00", weekdays,
			func(c *calendar.Calendar) string { return rfc3339ok(c.NextOpen(instant(t, "1899-12-29T10:00:00Z"))) }, "1900-01-01T09:00:00Z"},
		{"Add up to the last close", weekdays,
			func(c *calendar.Calendar) string {
				return rfc3339(c.Add(instant(t, "2149-12-31T16:00:00Z"), time.Hour))
			}, "2149-12-31T17:00:00Z"},
		{"Add past the last close is the zero Time", weekdays,
			func(c *calendar.Calendar) string {
				return rfc3339(c.Add(instant(t, "2149-12-31T16:00:00Z"), 2*time.Hour))
			}, "zero Time"},
		{"Add back to the first opening", weekdays,
			func(c *calendar.Calendar) string {
				return rfc3339(c.Add(instant(t, "1900-01-01T10:00:00Z"), -time.Hour))
			}, "1900-01-01T09:00:00Z"},
		{"Add back past the first opening is the zero Time", weekdays,
			func(c *calendar.Calendar) string {
				return rfc3339(c.Add(instant(t, "1900-01-01T10:00:00Z"), -2*time.Hour))
			}, "zero Time"},
		{"ten years of Add in the 2110s", weekdays,
			func(c *calendar.Calendar) string {
				// 2110-01-06 is a Monday; 2120-01-06 a Saturday. Ten years
				// of open time from 2110-01-06 00:00 end at the last close
				// before 2120-01-06, Friday 2120-01-05 17:00.
				from, to := instant(t, "2110-01-06T00:00:00Z"), instant(t, "2120-01-06T00:00:00Z")
				return rfc3339(c.Add(from, c.Between(from, to)))
			}, "2120-01-05T17:00:00Z"},
		{"New York, Mondays 13:00-17:00 and a yearly holiday: a week of 2116 is 4 hours", yearly,
			func(c *calendar.Calendar) string {
				return c.Between(instant(t, "2116-02-17T00:00:00-05:00"), instant(t, "2116-02-24T00:00:00-05:00")).String()
			}, "4h0m0s"},
		{"New York, Mondays 13:00-17:00 and a yearly holiday: 8 hours from Monday 2116-02-17 end the next Monday 17:00", yearly,
			func(c *calendar.Calendar) string {
				return rfc3339(c.Add(instant(t, "2116-02-17T00:00:00-05:00"), 8*time.Hour))
			}, "2116-02-24T17:00:00-05:00"},
		{"New York, Mondays 13:00-17:00 and a yearly holiday: open on Monday 2149-12-29", yearly,
			func(c *calendar.Calendar) string {
				return openString(c.IsOpen(instant(t, "2149-12-29T14:00:00-05:00")))
			}, "open"},
		{"the zero Time lies before the range: NextOpen is the first opening", weekdays,
			func(c *calendar.Calendar) string { return rfc3339ok(c.NextOpen(time.Time{})) }, "1900-01-01T09:00:00Z"},
		{"an hour after the zero Time is 10:00 on the first date", weekdays,
			func(c *calendar.Calendar) string { return rfc3339(c.Add(time.Time{}, time.Hour)) }, "1900-01-01T10:00:00Z"},
		{"an hour before the year 9999 is an hour before the last close", weekdays,
			func(c *calendar.Calendar) string {
				return rfc3339(c.Add(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), -time.Hour))
			}, "2149-12-31T16:00:00Z"},
		{"New York 2100: the spring day of 24x7 is 23 hours, by the zone's rule", nil,
			func(*calendar.Calendar) string {
				ny := loadZone(t, "America/New_York")
				c := mustNew(t, everyDay("America/New_York", "00:00-24:00"))
				_, change := time.Date(2100, 1, 1, 0, 0, 0, 0, ny).ZoneBounds()
				y, m, d := change.Date()
				from := time.Date(y, m, d, 0, 0, 0, 0, ny)
				return c.Between(from, from.AddDate(0, 0, 1)).String()
			}, "23h0m0s"},
		{"24x7 from 1900 to 2150 is all of it", always,
			func(c *calendar.Calendar) string {
				return c.Between(instant(t, "1890-01-01T00:00:00Z"), instant(t, "2160-01-01T00:00:00Z")).String()
			}, (time.Date(2150, 1, 1, 0, 0, 0, 0, time.UTC).Sub(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC))).String()},
		{"24x7: 48 hours from 1899-12-31 start at the range", always,
			func(c *calendar.Calendar) string {
				return rfc3339(c.Add(instant(t, "1899-12-31T00:00:00Z"), 48*time.Hour))
			}, "1900-01-03T00:00:00Z"},
		{"24x7: 25 hours from 2149-12-31 run past the range", always,
			func(c *calendar.Calendar) string {
				return rfc3339(c.Add(instant(t, "2149-12-31T00:00:00Z"), 25*time.Hour))
			}, "zero Time"},
	}
}

func TestRange(t *testing.T) {
	for _, tt := range rangeCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got(tt.c)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func openString(open bool) string {
	if open {
		return "open"
	}
	return "closed"
}
