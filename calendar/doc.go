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
// closes.
//
// [Calendar.AddDays](t, n) keeps the wall-clock time of t on the n-th
// working day after (or before) it, clamped into that day's hours; a
// working day is a date with intervals of its own, and an open instant
// belongs to the date whose interval holds it, also where the clock went
// back across midnight and shows the day before (St. John's until 2011).
//
// Instants given to a Calendar may be in any location; answers come back
// in the location of the instant given.
//
// # Range
//
// A calendar knows the local dates 1900-01-01 to 2149-12-31 and is closed
// outside them. The day before the first date (1899-12-31) has its hours,
// holidays and override like any other date, so its night shift is open
// from 1900-01-01 00:00; the last date's night shift is cut at 2150-01-01
// 00:00. An Add or AddDays whose answer would lie outside is the zero
// Time, and NextOpen reports false; a run that lasts to the end of the
// range has no close, and NextClose reports false, as for a 24x7
// calendar.
//
// # Limits
//
// A weekday's or a date's list holds at most 1,440 intervals (one a
// minute; more is an [ErrTooMany] error). Nothing else is limited, and no
// Spec costs more than linear time and memory in its size: a holiday set
// listed many times counts once, as does a date; any number of distinct
// dates can be given (100,000 in Holidays, as 250 years of a yearly
// holiday exported from a calendar program, build in about 15 ms), and
// dates outside the range are ignored.
//
// # Cost
//
// What does not depend on the calendar is computed once per process and
// shared: a zone's changes of offset from 1899 to 2150 (per zone name) and
// a holiday set's dates (per set and kind of date), with counts by weekday.
// A calendar keeps its weekly hours, its own dates (overrides, and dates
// closed beyond the largest holiday set it lists, each with a running sum
// of what it changes), its open time at the start of each period of one
// offset, and the open time its holiday set's dates take (4 bytes a date):
// about 20 KB for New York with US holidays, 2 KB for UTC. Building one
// takes about 0.1 ms, in any zone; each further holiday set or yearly
// date adds its dates to the calendar's own.
//
// Between, IsOpen, Add, NextOpen and AddDays cost a few searches among
// those lists, never a walk over dates: a ten-year Add costs about what a
// one-day one does, and none of them allocates. NextClose walks only
// along overrides that join one run to the next. A [Union] is built from
// its members' runs around their exceptions and costs more to build
// (milliseconds); its AddDays counts its working dates once, when first
// asked.
//
// # Errors
//
// [New] and [Parse] return a [*Error] that names the field, the value
// and what is wrong (calendar: hours.mon[1]: "25:00": hour out of range;
// calendar: zone: "Mars/Base": unknown time zone); errors.Is matches the
// Err variables (ErrBadInterval, ErrUnknownZone, ErrOverlap, ErrNoHours,
// ErrTooMany, ...). A calendar with no weekly hours, an unknown zone or
// holiday set, or intervals that overlap is an error, never a panic.
// Overlap is judged on the calendar as it will be: intervals of one list
// must not overlap, and a night shift must not run into the next date's
// hours where both dates keep them, so a night shift before a holiday, or
// an override opening at midnight after one, is fine. Parse is strict:
// unknown keys and trailing data are errors.
//
// # Concurrency
//
// A Calendar is immutable once built and safe for concurrent use by any
// number of goroutines. The package never reads the wall clock, and its
// only state is the caches of zones and holiday sets above: safe for
// concurrent use, filled once per zone name and per set (at most one
// entry per name the zone database knows, and two per holiday set), and
// never changed; no caller can observe them.
package calendar
