package ical_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/slaclock/slaclock/calendar/ical"
)

// yearlyFile is a company calendar of US holidays as yearly rules from
// 1900, with no end: 250 years of each.
func yearlyFile() string {
	rules := []struct{ start, end, rule string }{
		{"19000101", "19000102", "FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=1"},
		{"19000115", "19000116", "FREQ=YEARLY;BYDAY=3MO;BYMONTH=1"},
		{"19000219", "19000220", "FREQ=YEARLY;BYDAY=3MO;BYMONTH=2"},
		{"19000528", "19000529", "FREQ=YEARLY;BYDAY=-1MO;BYMONTH=5"},
		{"19000619", "19000620", "FREQ=YEARLY;BYMONTHDAY=19;BYMONTH=6"},
		{"19000704", "19000705", "FREQ=YEARLY;BYMONTHDAY=4;BYMONTH=7"},
		{"19000903", "19000904", "FREQ=YEARLY;BYDAY=1MO;BYMONTH=9"},
		{"19001008", "19001009", "FREQ=YEARLY;BYDAY=2MO;BYMONTH=10"},
		{"19001111", "19001112", "FREQ=YEARLY;BYMONTHDAY=11;BYMONTH=11"},
		{"19001122", "19001124", "FREQ=YEARLY;BYDAY=4TH;BYMONTH=11"},
		{"19001224", "19001227", "FREQ=YEARLY;BYMONTHDAY=24;BYMONTH=12"},
		{"19001231", "19010101", "FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=12"},
	}
	var events []string
	for i, r := range rules {
		events = append(events, vevent(fmt.Sprintf("X-INDEX:%d", i), "DTSTART;VALUE=DATE:"+r.start,
			"DTEND;VALUE=DATE:"+r.end, "RRULE:"+r.rule, "SUMMARY:Holiday", "TRANSP:TRANSPARENT")...)
	}
	return vcal(events...)
}

func BenchmarkHolidays(b *testing.B) {
	google, err := os.ReadFile("testdata/google-de.ics")
	if err != nil {
		b.Fatal(err)
	}
	outlook, err := os.ReadFile("testdata/outlook-company.ics")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"google-10y", google},
		{"outlook-124y", outlook},
		{"yearly-rules-250y", []byte(yearlyFile())},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				if _, err := ical.Holidays(bytes.NewReader(bc.data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHostile measures files built to be expensive at two sizes; the
// cost per byte (MB/s) should stay put as the size grows fourfold.
func BenchmarkHostile(b *testing.B) {
	const date = "DTSTART;VALUE=DATE:%04d0101"
	shapes := []struct {
		name string
		make func(n int) string
	}{
		{"parameters-on-one-line", func(n int) string {
			return vcal(vevent("DTSTART" + strings.Repeat(`;X-P="a;b:c",d`, n) + ";VALUE=DATE:20261225")...)
		}},
		{"exdates", func(n int) string {
			return vcal(vevent("DTSTART;VALUE=DATE:19000101", "RRULE:FREQ=DAILY", "EXDATE;VALUE=DATE:"+strings.TrimSuffix(strings.Repeat("19000102,", n), ","))...)
		}},
		{"impossible-rules", func(n int) string { return manyEvents(n, date, "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,31") }},
		{"long-events", func(n int) string { return manyEvents(n, date, "DURATION:P100000D") }},
		{"overrides-of-one-uid", func(n int) string {
			var evs []string
			for i := range n / 2 {
				evs = append(evs, "BEGIN:VEVENT", "UID:x", fmt.Sprintf("DTSTART;VALUE=DATE:%04d0101", 1900+i%250), "RRULE:FREQ=YEARLY;COUNT=3", "END:VEVENT",
					"BEGIN:VEVENT", "UID:x", fmt.Sprintf("RECURRENCE-ID;VALUE=DATE:%04d0101", 1901+i%250), "DTSTART;VALUE=DATE:20261225", "END:VEVENT")
			}
			return vcal(evs...)
		}},
		{"folded-lines", func(n int) string {
			return vcal(vevent("DTSTART;VALUE=DATE:20261225", "X-A:"+strings.Repeat("x\r\n ", n))...)
		}},
	}
	for _, s := range shapes {
		for _, n := range []int{2000, 8000} {
			data := []byte(s.make(n))
			b.Run(fmt.Sprintf("%s/%d", s.name, n), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, err := ical.Holidays(bytes.NewReader(data)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkWorstCase is the costliest file within the limits that is small:
// 62 daily rules over the whole range, 9.9 million of the MaxSteps.
func BenchmarkWorstCase(b *testing.B) {
	data := []byte(manyEvents(62, "DTSTART;VALUE=DATE:%04d0101", "RRULE:FREQ=DAILY"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ical.Holidays(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
