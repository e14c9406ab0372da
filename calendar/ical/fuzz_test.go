package ical_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slaclock/slaclock/calendar/ical"
)

// watchdog panics when an input takes far too long, so that a hang is
// reported as a crash with its input instead of stalling the run.
func watchdog(what string) (stop func() bool) {
	return time.AfterFunc(30*time.Second, func() {
		panic("ical: no answer after 30s for " + what)
	}).Stop
}

// FuzzHolidays: any input is an *Error wrapping one sentinel, or dates in
// increasing order, each a valid date of the range, the same on a second
// read.
func FuzzHolidays(f *testing.F) {
	for _, name := range []string{"testdata/google-de.ics", "testdata/outlook-company.ics"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		vcal(vevent("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227")...),
		vcal(vevent("DTSTART;VALUE=DATE:20260525", "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO;COUNT=3", "EXDATE;VALUE=DATE:20270531")...),
		vcal(vevent("DTSTART;VALUE=DATE:19970902", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2")...),
		vcal(vevent("DTSTART;VALUE=DATE:20130101", "RRULE:FREQ=YEARLY;BYWEEKNO=1,2,-1,-2;WKST=SU;BYDAY=TU,SA;UNTIL=20161231")...),
		vcal(vevent("DTSTART;VALUE=DATE:18970101", "RRULE:FREQ=DAILY;INTERVAL=3;BYMONTHDAY=-1,15;COUNT=40", "DURATION:P2W")...),
		vcal(events(vevent("DTSTART;VALUE=DATE:20260704", "RRULE:FREQ=YEARLY"), vevent("RECURRENCE-ID;VALUE=DATE:20260704", "DTSTART;VALUE=DATE:20260703"))...),
		vcal(vevent(`DTSTART;TZID="W. Europe Standard Time":20261224T000000`, "DURATION:P1D", "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=SU")...),
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DA\r\n TE:2026\r\n\t1225\r\nEND:VEVENT\r\nEND:VCALENDAR",
		"BEGIN:VCALENDAR\nBEGIN:X\nBEGIN:Y\nEND:Y\nEND:X\nEND:VCALENDAR\n",
		vcal(vevent("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY;BYYEARDAY=-366,366;BYSETPOS=1,-1")...),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(string(data))()
		dates, err := ical.Holidays(bytes.NewReader(data))
		if err != nil {
			var e *ical.Error
			if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), "ical: ") {
				t.Fatalf("error %T %q, want an *ical.Error", err, err)
			}
			n := 0
			for _, s := range sentinels {
				if errors.Is(err, s) {
					n++
				}
			}
			if n != 1 || dates != nil {
				t.Fatalf("error %q matches %d sentinels (want 1), dates %v", err, n, dates)
			}
			return
		}
		for i, d := range dates {
			tm, err := time.Parse("2006-01-02", d)
			if err != nil || tm.Year() < 1900 || tm.Year() > 2149 || i > 0 && dates[i-1] >= d {
				t.Fatalf("date %d %q: not a date of the range in increasing order (after %v)", i, d, dates[max(i-1, 0)])
			}
		}
		again, err := ical.Holidays(bytes.NewReader(data))
		if err != nil || !slices.Equal(dates, again) {
			t.Fatalf("a second read gave %d dates, %v; the first %d", len(again), err, len(dates))
		}
	})
}

// FuzzReference: the expansion agrees with the day-by-day reference on the
// random rule a seed draws.
func FuzzReference(f *testing.F) {
	for _, seed := range []uint64{0, 1, 2, 3, 42, 1 << 40} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		if msg := checkReference(rand.New(rand.NewPCG(seed, 2))); msg != "" {
			t.Fatal(msg)
		}
	})
}
