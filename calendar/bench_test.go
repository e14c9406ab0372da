package calendar_test

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/us"

	"github.com/slaclock/slaclock/calendar"
)

// Benchmarks of the hot path beside github.com/rickar/cal/v2's
// BusinessCalendar on the same schedule: Mon-Fri 09:00-17:00 in New York
// with US holidays. rickar walks day by day, so its cost grows with the
// span; DESIGN meaning 11 wants slaclock's to stay flat. rickar's holiday
// cache is not safe for concurrent use, so nothing here runs in parallel.

var benchSpans = []struct {
	name  string
	years int
	month int
	days  int
}{
	{"1d", 0, 0, 1},
	{"1mo", 0, 1, 0},
	{"1y", 1, 0, 0},
	{"10y", 10, 0, 0},
}

var (
	sinkTime     time.Time
	sinkDuration time.Duration
	sinkBool     bool
	sinkCal      *calendar.Calendar
)

func benchCalendars(b *testing.B) (*calendar.Calendar, *cal.BusinessCalendar, time.Time) {
	b.Helper()
	c := mustNew(b, calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
	})
	rc := cal.NewBusinessCalendar()
	rc.AddHoliday(us.Holidays...)
	rc.SetWorkHours(9*time.Hour, 17*time.Hour)
	start := time.Date(2026, 3, 2, 10, 30, 0, 0, loadZone(b, "America/New_York")) // a Monday
	return c, rc, start
}

func BenchmarkAdd(b *testing.B) {
	c, rc, start := benchCalendars(b)
	for _, who := range []string{"slaclock", "rickar"} {
		b.Run(who, func(b *testing.B) {
			for _, sp := range benchSpans {
				// The open time of the span, so that both walk as far.
				d := c.Between(start, start.AddDate(sp.years, sp.month, sp.days))
				b.Run(sp.name, func(b *testing.B) {
					b.ReportAllocs()
					if who == "slaclock" {
						for b.Loop() {
							sinkTime = c.Add(start, d)
						}
					} else {
						for b.Loop() {
							sinkTime = rc.AddWorkHours(start, d)
						}
					}
				})
			}
		})
	}
}

func BenchmarkBetween(b *testing.B) {
	c, rc, start := benchCalendars(b)
	for _, who := range []string{"slaclock", "rickar"} {
		b.Run(who, func(b *testing.B) {
			for _, sp := range benchSpans {
				end := start.AddDate(sp.years, sp.month, sp.days)
				b.Run(sp.name, func(b *testing.B) {
					b.ReportAllocs()
					if who == "slaclock" {
						for b.Loop() {
							sinkDuration = c.Between(start, end)
						}
					} else {
						for b.Loop() {
							sinkDuration = rc.WorkHoursInRange(start, end)
						}
					}
				})
			}
		})
	}
}

func BenchmarkIsOpen(b *testing.B) {
	c, _, start := benchCalendars(b)
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = c.IsOpen(start)
	}
}

func BenchmarkNextOpen(b *testing.B) {
	c, _, start := benchCalendars(b)
	friday := start.AddDate(0, 0, 4).Add(7 * time.Hour) // Friday 17:30: the next opening is Monday
	b.ReportAllocs()
	for b.Loop() {
		sinkTime, sinkBool = c.NextOpen(friday)
	}
}

func BenchmarkNextClose(b *testing.B) {
	c, _, start := benchCalendars(b)
	b.ReportAllocs()
	for b.Loop() {
		sinkTime, sinkBool = c.NextClose(start)
	}
}

func BenchmarkAddDays(b *testing.B) {
	c, _, start := benchCalendars(b)
	for _, n := range []struct {
		name string
		n    int
	}{{"5", 5}, {"250", 250}, {"-250", -250}} {
		b.Run(n.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkTime = c.AddDays(start, n.n)
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	for _, bc := range []struct {
		name string
		spec calendar.Spec
	}{
		{"24x7", calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": {"00:00-24:00"}}}},
		{"weekdays_NewYork", calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}}},
		{"weekdays_NewYork_us_holidays", calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c, err := calendar.New(bc.spec)
				if err != nil {
					b.Fatal(err)
				}
				sinkCal = c
			}
		})
	}
}
