// Package ical reads holiday calendars kept as iCalendar files (RFC 5545),
// such as a country's public holidays exported from Google Calendar or a
// company's holiday calendar exported from Outlook, into the dates a
// business calendar closes.
//
// # Quick start
//
//	f, err := os.Open("holidays.ics")
//	if err != nil { ... }
//	defer f.Close()
//	dates, err := ical.Holidays(f) // ["2026-12-24", "2026-12-25", ...]
//	if err != nil { ... }          // ical: line 42: RRULE: "BYHOUR=9": not supported: ...
//	spec := calendar.Spec{
//		Zone:     "Europe/Berlin",
//		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
//		Holidays: []string{"de"},
//	}
//	spec.Holidays = append(spec.Holidays, dates...)
//	c, err := calendar.New(spec)
//
// The dates are plain "2006-01-02" strings, the form calendar.Spec.Holidays
// and its JSON take, so they can be stored with the rest of a tenant's
// calendar and the file need not be read again.
//
// # Which events count
//
// Holidays returns every date an all-day event of the file covers, within
// the calendar's range, 1900-01-01 to 2149-12-31 (dates outside it are
// dropped). An event is all-day when its DTSTART is a DATE
// (DTSTART;VALUE=DATE:20261225; eight digits without VALUE=DATE are read as
// a DATE too), or when Outlook marks it X-MICROSOFT-CDO-ALLDAYEVENT:TRUE and
// it starts at midnight (DTSTART;TZID="W. Europe Standard Time":20261225T000000).
// It covers its start date up to its DTEND, which is exclusive (DTSTART
// 20261224, DTEND 20261227: the 24th, 25th and 26th), or its DURATION in
// days or weeks (P3D, P2W), or one day when it has neither; a DTEND on the
// start date and P0D also mean one day. The dates are read as written: a
// TZID or Z on an all-day value is not applied, because a holiday is its
// date wherever the calendar is.
//
// Every all-day event counts, whatever its SUMMARY, CLASS or TRANSP (Google
// marks its holidays TRANSP:TRANSPARENT, free time). Export a calendar that
// holds only the days the desk closes: Google's country calendars may list
// observances and regional holidays, which count like the others.
//
// Not counted: timed events (a DTSTART with a time and no Outlook mark): a
// party from 17:00 does not close the day; events with STATUS:CANCELLED;
// and the contents of other components (VTODO, VJOURNAL, VTIMEZONE,
// VALARM, X- components), which are read only for the file's structure.
//
// # Recurrences
//
// An event's instances start on its DTSTART, on every date its RRULEs yield
// and on its RDATEs, less its EXDATEs; each instance lasts as long as the
// event, and a date two instances share counts once. DTSTART is always the
// first instance and counts towards COUNT, as RFC 5545 says, even where the
// rule would not yield it; an EXDATE may take it out. Rules are expanded up
// to the range's end; a rule without COUNT starts at the range's start,
// while a rule with COUNT is counted from DTSTART, however early.
//
// Supported in RRULE: FREQ=YEARLY, MONTHLY, WEEKLY and DAILY; INTERVAL;
// COUNT; UNTIL, the last date the rule may yield (a DATE-TIME counts as the
// date it writes: UNTIL=20301224T230000Z ends on 2030-12-24, wherever the
// producer was); BYMONTH; BYWEEKNO; BYYEARDAY; BYMONTHDAY; BYDAY with
// ordinals (3MO, -1MO); BYSETPOS; WKST. They combine as RFC 5545 says: each
// period (a year, month, week or day, every INTERVAL-th from DTSTART's)
// holds the dates every BY part selects (a list is a union: BYDAY=MO,1FR is
// every Monday and the first Friday), then BYSETPOS picks among them, then
// UNTIL and COUNT bound the whole. A BYDAY ordinal counts within the month
// for MONTHLY rules and YEARLY rules with BYMONTH, within the year for other
// YEARLY rules; weeks start on WKST (Monday by default), and week 1 is the
// first with four days in the year. Dates that do not exist (30 February,
// the fifth Friday of a short month) are skipped. What a rule leaves open
// comes from DTSTART: a YEARLY rule without a part that picks days repeats
// DTSTART's month and day (FREQ=YEARLY;BYMONTH=1 repeats its day in
// January), a MONTHLY one its day of the month, a WEEKLY one its weekday,
// and a YEARLY rule with BYWEEKNO alone its weekday in those weeks (as
// libical does; python-dateutil takes the whole week).
//
// EXDATE and RDATE take DATE values, or DATE-TIME values at midnight, as
// Outlook writes them; EXDATE applies to the dates instances start on.
// A RECURRENCE-ID override replaces the instance it names in the events
// with its UID: that instance is taken out, and the override counts as an
// event of its own (a cancelled or timed override only takes it out).
//
// Not supported, and an error (ErrUnsupported) naming the line and the
// part: FREQ=HOURLY, MINUTELY, SECONDLY and BYHOUR, BYMINUTE, BYSECOND on
// an all-day event; other rule parts (RSCALE, SKIP); EXRULE; RDATE periods;
// RECURRENCE-ID;RANGE=THISANDFUTURE; an RRULE on an override; a time other
// than midnight in an all-day event's DTSTART (with the Outlook mark),
// DTEND, EXDATE, RDATE or RECURRENCE-ID, and hours in its DURATION: such a
// value cannot name a whole day, and guessing it would be a silent error.
// What RFC 5545 forbids is an error too (ErrSyntax): COUNT with UNTIL, a
// part the frequency does not allow (BYWEEKNO outside YEARLY, BYYEARDAY
// outside YEARLY, BYMONTHDAY in WEEKLY, a BYDAY ordinal in WEEKLY or DAILY
// rules or with BYWEEKNO), BYSETPOS alone, DTEND before DTSTART, DTEND with
// DURATION.
//
// # Limits
//
// A file costs time and memory in proportion to its size, within the
// limits MaxLine, MaxDepth, MaxEvents and MaxSteps; past one of them
// Holidays returns an error wrapping ErrTooLarge. The answer holds at most
// the 91,311 dates of the range. Beyond reading the file, the costliest
// files within the limits take a few tenths of a second of CPU: 62 rules
// that repeat daily over the whole range (MaxSteps), or MaxEvents events
// that each last the whole range.
//
// # Errors
//
// Holidays returns a *Error whose Path names the line, numbered as in the
// file (each physical line counts, folded or not; an error in a folded line
// names its first), and the property when there is one; Value is the value
// or rule part at fault; Err wraps ErrSyntax, ErrUnsupported or ErrTooLarge,
// or is the reader's own error:
//
//	ical: line 12: DTEND: "20261224": malformed: DTEND before DTSTART
//	ical: line 40: RRULE: "FREQ=HOURLY": not supported: on an all-day event; want YEARLY, MONTHLY, WEEKLY or DAILY
//	ical: line 7: VEVENT: malformed: no DTSTART
//
// Content lines may end in CRLF or LF; folded lines are joined; a leading
// byte order mark and empty lines are skipped; names and parameters are
// read in any case; parameter values may be quoted. Properties the package
// does not need are checked for the content-line grammar only.
//
// # Why this package has its own parser
//
// The library keeps its two module requirements. Of the Go modules that
// fit, github.com/arran4/golang-ical v0.3.4 parses but does not expand
// recurrences; its errors count logical lines within a component, or name
// none; it reads DATE values in the host's time zone; and it costs
// quadratic time on long parameter lists (a 64 KB line of parameters takes
// seconds) and on nested components (a 1.4 MB file of BEGIN lines ran out
// of memory). github.com/teambition/rrule-go v1.8.2, a port of
// python-dateutil unchanged since 2023, expands rules but panics on some
// (BYDAY=-6MO within a month, BYEASTER), scans to the year 9999 for a rule
// that yields nothing, reads BYDAY=MO,1FR as their intersection, numbers
// some weeks wrongly at year ends, and cuts the first week of a WEEKLY rule
// at DTSTART for BYSETPOS. The expansion here was checked against rrule-go
// on 32,000 random rules and differs only in those cases, and against the
// RFC's examples, which it follows.
//
// # Concurrency
//
// Holidays keeps no state between calls and may be called from any number
// of goroutines; each call reads its reader to the end or to the first
// error.
package ical
