// Package calendar answers business-hours questions exactly, in any IANA
// time zone and across daylight-saving changes: when is 4 business hours
// after Friday 16:00 in New York, how much open time lies between two
// instants, is the desk open now, when does it open and close next.
//
// It is the ground of slaclock (see the manual, package
// github.com/slaclock/slaclock): the clock, policy and sla packages measure
// every SLA in the business time a Calendar defines.
//
// # Quick start
//
//	c, err := calendar.New(calendar.Spec{
//		Zone:     "America/New_York",
//		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
//		Holidays: []string{"us"},
//	})
//	if err != nil { ... }
//	due := c.Add(friday1600, 4*time.Hour)  // Monday 12:00
//	used := c.Between(opened, time.Now())  // business time so far
//
// The same calendar in JSON, for [Parse]:
//
//	{"zone": "America/New_York",
//	 "hours": {"mon": ["09:00-12:00", "13:00-17:00"], "tue-fri": ["09:00-17:00"],
//	           "sat": ["22:00-06:00"]},
//	 "holidays": ["us"],
//	 "dates": {"2026-12-24": ["09:00-13:00"], "2026-12-31": []}}
//
// 24x7 is {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}, or [Always].
//
// # What the answers mean
//
// A calendar is a set of open instants. Intervals are half-open, [open,
// close): a desk that closes at 17:00 is closed at 17:00:00. A close of
// 24:00 is the next midnight, and an interval whose close is earlier than
// its open (a 22:00-06:00 night shift) runs past midnight and belongs to the
// day it starts on: a holiday on Saturday does not cut short Friday's night
// shift. A date under "dates" replaces that date's hours; a holiday closes
// the date's own intervals. Holiday sets are those of
// github.com/rickar/cal/v2 (see [HolidaySets]), on their observed dates
// unless holiday_dates is "actual".
//
// Wall-clock times become instants date by date, through the zone: a wall
// time means the earliest instant at which the zone's clock shows that time
// or later on that date. So a time that occurs twice (autumn) means its
// first occurrence, and a time that does not occur (the spring gap) means
// the instant the clocks jump. An interval that is open just before the
// clocks go back stays open through the repeated hour: in New York on
// 2026-11-01, 01:30-03:00 is 2.5 real hours, 00:00-02:00 is 3, a 24x7 day is
// 25 hours, and 09:00-17:00 is always 8 real hours, also where the change
// falls on a weekday (Cairo, Jerusalem, Tehran) or is 30 minutes (Lord
// Howe).
//
// Durations are real elapsed time between instants, never wall-clock
// differences. [Calendar.Between](a, b) is the open time in [a, b), and
// Between(b, a) == -Between(a, b). [Calendar.Add](t, d) for d > 0 is the
// earliest u >= t with Between(t, u) == d: a deadline that uses the last
// open second of a day is that day's closing instant (17:00), not the next
// morning's opening. Add(t, -d) is the latest u <= t with Between(u, t) ==
// d, an opening rather than a close, so Add(Add(t, d), -d) is t when t is
// open and the next opening after t otherwise. [Calendar.NextOpen],
// [Calendar.NextClose] and [Calendar.Intervals] see open runs, which join
// across midnight and across touching intervals: a 24x7 calendar never
// closes. [Calendar.AddDays] counts business days.
//
// Instants given to a Calendar may be in any location; answers come back
// in the location of the instant given. A calendar knows the local dates
// from 1900-01-01 up to 2150-01-01 and is closed outside them: an Add whose
// answer would lie beyond returns the zero Time, and NextOpen and NextClose
// report false.
//
// # Cost
//
// A calendar is built once into a weekly template with prefix sums and a
// sorted list of windows (holidays, date overrides and daylight-saving
// changes, each listed interval by interval). Add, Between, IsOpen,
// NextOpen and NextClose are binary searches: a ten-year Add costs about
// what a one-day Add does, and none of them allocates. Building a calendar
// with a country's holidays takes a few milliseconds: build calendars once
// and share them.
//
// # Errors
//
// [New] and [Parse] return a [*Error] that names the field, the value
// and what is wrong (calendar: hours.mon[1]: "25:00": hour out of range;
// calendar: zone: "Mars/Base": unknown time zone); errors.Is matches the
// Err variables (ErrBadInterval, ErrUnknownZone, ErrOverlap, ErrNoHours,
// ...). A calendar with no weekly hours, an unknown
// zone or holiday set, overlapping intervals (within a day, or a night shift
// running into the next day's hours) is an error, never a panic. Parse is
// strict: unknown keys and trailing data are errors.
//
// # Concurrency
//
// A Calendar is immutable once built and safe for concurrent use by any
// number of goroutines. The package has no mutable state and never reads
// the wall clock.
package calendar
