package ical_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/calendar/ical"
)

func ExampleHolidays() {
	// A company calendar: a Christmas break (DTEND is exclusive) and a
	// closure on Memorial Day for three years.
	const ics = "BEGIN:VCALENDAR\r\n" +
		"PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n" +
		"VERSION:2.0\r\n" +
		"BEGIN:VEVENT\r\n" +
		"DTSTART;VALUE=DATE:20261224\r\n" +
		"DTEND;VALUE=DATE:20261227\r\n" +
		"SUMMARY:Christmas break\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"DTSTART;VALUE=DATE:20260525\r\n" +
		"RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO;COUNT=3\r\n" +
		"SUMMARY:Memorial Day\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	dates, err := ical.Holidays(strings.NewReader(ics))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dates)

	spec := calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
	}
	spec.Holidays = append(spec.Holidays, dates...)
	c, err := calendar.New(spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	ny, _ := time.LoadLocation("America/New_York")
	next, _ := c.NextOpen(time.Date(2026, 12, 23, 17, 0, 0, 0, ny))
	fmt.Println("open again:", next.Format("Mon 2006-01-02 15:04 MST"))
	// Output:
	// [2026-05-25 2026-12-24 2026-12-25 2026-12-26 2027-05-31 2028-05-29]
	// open again: Mon 2026-12-28 09:00 EST
}

func ExampleHolidays_error() {
	const ics = "BEGIN:VCALENDAR\r\n" +
		"BEGIN:VEVENT\r\n" +
		"DTSTART;VALUE=DATE:20261225\r\n" +
		"RRULE:FREQ=YEARLY;BYHOUR=9\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	_, err := ical.Holidays(strings.NewReader(ics))
	fmt.Println(err)
	fmt.Println(errors.Is(err, ical.ErrUnsupported))
	var e *ical.Error
	if errors.As(err, &e) {
		fmt.Printf("%s | %s\n", e.Path, e.Value)
	}
	// Output:
	// ical: line 4: RRULE: "BYHOUR=9": not supported: BYHOUR on an all-day event
	// true
	// line 4: RRULE | BYHOUR=9
}
