package calendar_test

import (
	"fmt"
	"runtime"
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
	weekdays := map[string][]string{"mon-fri": {"09:00-17:00"}}
	for _, bc := range []struct {
		name string
		spec calendar.Spec
	}{
		{"24x7", calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": {"00:00-24:00"}}}},
		{"weekdays_NewYork", calendar.Spec{Zone: "America/New_York", Hours: weekdays}},
		{"weekdays_NewYork_us_holidays", calendar.Spec{Zone: "America/New_York", Hours: weekdays, Holidays: []string{"us"}}},
		{"weekdays_London_gb_holidays_dates", calendar.Spec{Zone: "Europe/London", Hours: weekdays, Holidays: []string{"gb", "2026-12-24", "12-31"},
			Dates: map[string][]string{"2026-12-23": {"09:00-13:00"}, "2027-01-02": {"10:00-14:00"}}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkCal = mustNew(b, bc.spec)
			}
		})
	}
}

// BenchmarkNewInZones builds one spec in eight zones in turn, as a calendar
// that follows each ticket's requester is built.
func BenchmarkNewInZones(b *testing.B) {
	zones := []string{"America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata", "Europe/Berlin", "America/Los_Angeles"}
	spec := calendar.Spec{Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us", "2026-12-24"}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		spec.Zone = zones[i%len(zones)]
		sinkCal = mustNew(b, spec)
		i++
	}
}

// tenantSpec is the i-th of many distinct tenants' calendars: its own zone,
// hours, holiday set, holidays and overrides.
func tenantSpec(i int) calendar.Spec {
	zones := []string{"America/New_York", "Europe/London", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney", "America/Chicago", "America/Sao_Paulo", "Asia/Kolkata", "Europe/Paris", "America/Toronto"}
	sets := []string{"us", "gb", "de", "jp", "au-nsw", "us", "br", "nl", "fr", "ca"}
	open, close := 7+i%4, 15+i/4%5
	s := calendar.Spec{
		Zone:     zones[i%len(zones)],
		Hours:    map[string][]string{"mon-fri": {fmt.Sprintf("%02d:%02d-%02d:00", open, i%60, close)}},
		Holidays: []string{sets[i/10%len(sets)]},
		Dates:    map[string][]string{},
	}
	if i%3 == 0 {
		s.Hours["sat"] = []string{"10:00-14:00"}
	}
	for k := range 5 {
		s.Holidays = append(s.Holidays, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*7+k*61)%365).Format(time.DateOnly))
	}
	for k := range 3 {
		s.Dates[time.Date(2026, 12, 20+k, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)] = []string{"10:00-13:00"}
	}
	return s
}

// BenchmarkTenants builds 10,000 distinct calendars and holds them all:
// ns/op is the time to build them, MB the heap they keep.
func BenchmarkTenants(b *testing.B) {
	const n = 10000
	specs := make([]calendar.Spec, n)
	for i := range specs {
		specs[i] = tenantSpec(i)
	}
	for b.Loop() {
		kept := make([]*calendar.Calendar, n)
		before := heapInUse()
		for i, s := range specs {
			kept[i] = mustNew(b, s)
		}
		b.ReportMetric(float64(heapInUse()-before)/(1<<20), "MB")
		b.ReportMetric(float64(heapInUse()-before)/n, "B/calendar")
		runtime.KeepAlive(kept)
	}
}

// BenchmarkKept reports the heap that one calendar with a national holiday
// set keeps, over 500 of them with distinct hours.
func BenchmarkKept(b *testing.B) {
	for b.Loop() {
		b.ReportMetric(float64(bytesKept(b, 500)), "B/calendar")
	}
}

// bytesKept returns the heap a New York calendar with US holidays keeps,
// on average over n with distinct hours, measured after a collection.
func bytesKept(tb testing.TB, n int) uint64 {
	mustNew(tb, calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon": {"09:00-17:00"}}, Holidays: []string{"us"}})
	kept := make([]*calendar.Calendar, n)
	before := heapInUse()
	for i := range kept {
		kept[i] = mustNew(tb, calendar.Spec{Zone: "America/New_York",
			Hours: map[string][]string{"mon-fri": {fmt.Sprintf("09:%02d-17:%02d", i%60, i/60%60)}}, Holidays: []string{"us"}})
	}
	after := heapInUse()
	runtime.KeepAlive(kept)
	return (after - before) / uint64(n)
}

// heapInUse returns the bytes of live heap objects after a collection.
func heapInUse() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
