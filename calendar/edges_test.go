package calendar_test

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/lv"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/us"

	"github.com/slaclock/slaclock/calendar"
)

// The edges of issue 10, one table per kind of bug: each row failed before
// the calendar was rebuilt on shared zone and holiday tables.

// AddDays answers every n at once, the largest too: no working day is
// that far, so the answer is the zero Time.
func TestAddDaysHugeN(t *testing.T) {
	ny := mustNew(t, calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}})
	u := mustUnion(t, ny, mustNew(t, calendar.Spec{Zone: "Europe/London", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}}))
	start := instant(t, "2026-03-02T10:30:00-05:00")
	// Weekdays from the start to the last date of the range, and back to
	// the first, counted one by one.
	toLast, toFirst := 0, 0
	for d := start.AddDate(0, 0, 1); d.Year() < 2150; d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			toLast++
		}
	}
	for d := start.AddDate(0, 0, -1); d.Year() >= 1900; d = d.AddDate(0, 0, -1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			toFirst--
		}
	}
	tests := []struct {
		name string
		c    *calendar.Calendar
		n    int
		want string
	}{
		{"1<<60 working days", ny, 1 << 60, "zero Time"},
		{"1<<61 working days", ny, 1 << 61, "zero Time"},
		{"1<<62 working days", ny, 1 << 62, "zero Time"},
		{"math.MaxInt working days", ny, math.MaxInt, "zero Time"},
		{"-1<<62 working days", ny, -1 << 62, "zero Time"},
		{"math.MinInt working days", ny, math.MinInt, "zero Time"},
		{"a union: math.MinInt working days", u, math.MinInt, "zero Time"},
		{"a union: math.MaxInt working days", u, math.MaxInt, "zero Time"},
		{"a union: 1<<62 working days", u, 1 << 62, "zero Time"},
		{"the last working day of the range: Wednesday 2149-12-31 10:30 EST", ny, toLast, "2149-12-31T10:30:00-05:00"},
		{"one more is past the range", ny, toLast + 1, "zero Time"},
		{"the first working day of the range: Monday 1900-01-01 10:30 EST", ny, toFirst, "1900-01-01T10:30:00-05:00"},
		{"one more back is before the range", ny, toFirst - 1, "zero Time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer watchdog(tt.name)()
			got := rfc3339(tt.c.AddDays(start.In(loadZone(t, "America/New_York")), tt.n))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("AddDays(%s, %d) (-want +got):\n%s", show(start), tt.n, diff)
			}
		})
	}
}

// An open instant belongs to the date whose interval holds it, also where
// the clock went back across midnight and shows the day before.
func TestAddDaysOwnerAcrossMidnight(t *testing.T) {
	nightAndDay := map[string][]string{"sun": {"00:00-06:00"}, "mon": {"09:00-17:00"}}
	tests := []struct {
		name  string
		zone  string
		hours map[string][]string
		t     string
		n     int
		want  string
	}{
		{"St Johns 2006: Saturday 23:15 NST lies in Sunday's 00:00-06:00, so one day on is Monday", "America/St_Johns", nightAndDay,
			"2006-10-29T02:45:00Z", 1, "2006-10-30T09:00:00-03:30"},
		{"St Johns 2006: Saturday 23:15 NST back one day from Sunday is the Monday before", "America/St_Johns", nightAndDay,
			"2006-10-29T02:45:00Z", -1, "2006-10-23T09:00:00-02:30"},
		{"St Johns 1988: the clock goes back two hours, 00:00:59 NDDT to 22:01 NST", "America/St_Johns", nightAndDay,
			"1988-10-30T02:00:00Z", 1, "1988-10-31T09:00:00-03:30"},
		{"Goose Bay 2006: Saturday 23:15 AST lies in Sunday's shift", "America/Goose_Bay", nightAndDay,
			"2006-10-29T03:15:00Z", 1, "2006-10-30T09:00:00-04:00"},
		{"Moncton 1995: Saturday 23:30 AST lies in Sunday's shift", "America/Moncton", nightAndDay,
			"1995-10-29T03:30:00Z", 1, "1995-10-30T09:00:00-04:00"},
		{"Casey 2010: Thursday 23:30 +08 lies in Friday's 00:00-06:00", "Antarctica/Casey",
			map[string][]string{"fri": {"00:00-06:00"}, "mon": {"09:00-17:00"}}, "2010-03-04T15:30:00Z", 1, "2010-03-08T09:00:00+08:00"},
		{"Phoenix 1944: Saturday 23:30 MST lies in Sunday's shift", "America/Phoenix", nightAndDay,
			"1944-10-01T06:30:00Z", 1, "1944-10-02T09:00:00-07:00"},
		{"Phoenix 1944: the working day before Sunday's shift is the Monday before", "America/Phoenix", nightAndDay,
			"1944-10-01T06:30:00Z", -1, "1944-09-25T09:00:00-06:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustNew(t, calendar.Spec{Zone: tt.zone, Hours: tt.hours})
			at := instant(t, tt.t).In(c.Location())
			if !c.IsOpen(at) {
				t.Fatalf("the calendar is closed at %s; the row needs an open instant", show(at))
			}
			if diff := cmp.Diff(tt.want, rfc3339(c.AddDays(at, tt.n))); diff != "" {
				t.Errorf("AddDays(%s, %d) (-want +got):\n%s", show(at), tt.n, diff)
			}
		})
	}
}

// Overlaps are errors only where they happen once holidays and overrides
// are applied (DESIGN meaning 9).
func TestOverlapAfterHolidays(t *testing.T) {
	tests := []struct {
		name     string
		json     string
		from, to string
		want     string // the open time, or the error
	}{
		{"a night shift before a holiday does not run into the next day's override",
			`{"zone":"UTC","hours":{"mon-sun":["22:00-06:00"]},"holidays":["2026-12-24"],"dates":{"2026-12-25":["00:00-12:00"]}}`,
			"2026-12-24T00:00:00Z", "2026-12-26T00:00:00Z", "18h0m0s"},
		{"an override's night shift runs into a holiday, which is closed",
			`{"zone":"UTC","hours":{"mon-sun":["06:00-18:00"]},"holidays":["2026-12-25"],"dates":{"2026-12-24":["22:00-08:00"]}}`,
			"2026-12-24T00:00:00Z", "2026-12-26T00:00:00Z", "10h0m0s"},
		{"an override's night shift runs into a date of a holiday set",
			`{"zone":"America/New_York","hours":{"mon-fri":["06:00-18:00"]},"holidays":["us"],"dates":{"2026-11-25":["20:00-08:00"]}}`,
			"2026-11-25T00:00:00-05:00", "2026-11-27T00:00:00-05:00", "12h0m0s"},
		{"an override that closes the day before lets the next day open at midnight",
			`{"zone":"UTC","hours":{"mon-sun":["22:00-06:00"]},"dates":{"2026-12-24":[],"2026-12-25":["00:00-12:00"]}}`,
			"2026-12-24T00:00:00Z", "2026-12-26T00:00:00Z", "18h0m0s"},
		{"weekly hours that overlap on every Tuesday but holidays are still an error",
			`{"zone":"UTC","hours":{"mon":["22:00-06:00"],"tue":["05:00-09:00"]},"holidays":["2026-03-10"]}`,
			"", "", `calendar: hours.mon: "22:00-06:00": intervals overlap: runs into tue 05:00-09:00`},
		{"a night shift into an override that opens before it ends is still an error",
			`{"zone":"UTC","hours":{"mon":["22:00-06:00"]},"holidays":["2026-03-08"],"dates":{"2026-03-10":["05:00-09:00"]}}`,
			"", "", `calendar: dates.2026-03-10: "05:00-09:00": intervals overlap: the day before runs into it until 22:00-06:00`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := calendar.Parse([]byte(tt.json))
			var got string
			if err != nil {
				got = err.Error()
			} else {
				got = c.Between(instant(t, tt.from), instant(t, tt.to)).String()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.json, diff)
			}
		})
	}
}

// The day before the first date (1899-12-31) has its override, holidays
// and holiday sets like any other date: its night shift into 1900-01-01
// follows them, cut at the first date's midnight. The same at the end.
func TestRangeEdges(t *testing.T) {
	sunNight := map[string][]string{"sun": {"22:00-06:00"}}
	every := map[string][]string{"mon-sun": {"22:00-06:00"}}
	tests := []struct {
		name string
		spec calendar.Spec
		ask  func(c *calendar.Calendar) string
		want string
	}{
		{"no exception: Sunday 1899-12-31's night shift is open at 1900-01-01 03:00",
			calendar.Spec{Zone: "UTC", Hours: sunNight},
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "1900-01-01T03:00:00Z"))) }, "open"},
		{"an override closes 1899-12-31 and its night shift",
			calendar.Spec{Zone: "UTC", Hours: sunNight, Dates: map[string][]string{"1899-12-31": {}}},
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "1900-01-01T03:00:00Z"))) }, "closed"},
		{"an override moves 1899-12-31's shift: 20:00-02:00 is open until 02:00",
			calendar.Spec{Zone: "UTC", Hours: sunNight, Dates: map[string][]string{"1899-12-31": {"20:00-02:00"}}},
			func(c *calendar.Calendar) string {
				return c.Between(instant(t, "1899-12-31T00:00:00Z"), instant(t, "1900-01-02T00:00:00Z")).String()
			}, "2h0m0s"},
		{"a custom holiday closes 1899-12-31",
			calendar.Spec{Zone: "UTC", Hours: sunNight, Holidays: []string{"1899-12-31"}},
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "1900-01-01T03:00:00Z"))) }, "closed"},
		{"a yearly holiday closes 1899-12-31",
			calendar.Spec{Zone: "UTC", Hours: sunNight, Holidays: []string{"12-31"}},
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "1900-01-01T03:00:00Z"))) }, "closed"},
		{"the Swedish set closes New Year's Eve 1899-12-31",
			calendar.Spec{Zone: "UTC", Hours: sunNight, Holidays: []string{"se"}},
			func(c *calendar.Calendar) string { return openString(c.IsOpen(instant(t, "1900-01-01T03:00:00Z"))) }, "closed"},
		{"NextOpen before the range is the first date's midnight, in 1899-12-31's shift",
			calendar.Spec{Zone: "UTC", Hours: sunNight},
			func(c *calendar.Calendar) string { return rfc3339ok(c.NextOpen(instant(t, "1899-12-30T00:00:00Z"))) }, "1900-01-01T00:00:00Z"},
		{"AddDays back from 1899-12-31's shift is before the range",
			calendar.Spec{Zone: "UTC", Hours: every},
			func(c *calendar.Calendar) string { return rfc3339(c.AddDays(instant(t, "1900-01-01T03:00:00Z"), -1)) }, "zero Time"},
		{"AddDays on from 1899-12-31's shift is 1900-01-01's",
			calendar.Spec{Zone: "UTC", Hours: every},
			func(c *calendar.Calendar) string { return rfc3339(c.AddDays(instant(t, "1900-01-01T03:00:00Z"), 1)) }, "1900-01-02T03:00:00Z"},
		{"AddDays to 2149-12-31's shift, cut at the end of the range: its close",
			calendar.Spec{Zone: "UTC", Hours: every},
			func(c *calendar.Calendar) string { return rfc3339(c.AddDays(instant(t, "2149-12-30T02:00:00Z"), 2)) }, "2150-01-01T00:00:00Z"},
		{"AddDays to 2149-12-31's shift at 23:00 is 23:00",
			calendar.Spec{Zone: "UTC", Hours: every},
			func(c *calendar.Calendar) string { return rfc3339(c.AddDays(instant(t, "2149-12-29T23:00:00Z"), 2)) }, "2149-12-31T23:00:00Z"},
		{"AddDays past 2149-12-31 is the zero Time",
			calendar.Spec{Zone: "UTC", Hours: every},
			func(c *calendar.Calendar) string { return rfc3339(c.AddDays(instant(t, "2149-12-30T02:00:00Z"), 3)) }, "zero Time"},
		{"2149-12-31's shift is cut at 2150-01-01 00:00 in Between",
			calendar.Spec{Zone: "UTC", Hours: every},
			func(c *calendar.Calendar) string {
				return c.Between(instant(t, "2149-12-31T00:00:00Z"), instant(t, "2150-01-02T00:00:00Z")).String()
			}, "8h0m0s"},
		{"the Latvian set closes New Year's Eve 2149-12-31",
			calendar.Spec{Zone: "Europe/Riga", Hours: map[string][]string{"mon-sun": {"09:00-17:00"}}, Holidays: []string{"lv"}},
			func(c *calendar.Calendar) string {
				return c.Between(instant(t, "2149-12-31T00:00:00+02:00"), instant(t, "2150-01-01T00:00:00+02:00")).String()
			}, "0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustNew(t, tt.spec)
			if diff := cmp.Diff(tt.want, tt.ask(c)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// Specs that would cost much: duplicates are merged, and the intervals of
// a day are bounded.
func TestHostileSpecs(t *testing.T) {
	many := func(n int, s string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = s
		}
		return out
	}
	seconds := make([]string, 0, 43200)
	for s := 0; s < 86400; s += 2 {
		seconds = append(seconds, fmt.Sprintf("%02d:%02d:%02d-%s", s/3600, s/60%60, s%60, clockAt(s+1)))
	}
	minutes := make([]string, 0, 1440)
	for m := 0; m < 1440; m++ {
		minutes = append(minutes, fmt.Sprintf("%02d:%02d:00-%02d:%02d:30", m/60, m%60, m/60, m%60))
	}
	week := map[string][]string{"mon-fri": {"09:00-17:00"}}
	one := mustNew(t, calendar.Spec{Zone: "America/New_York", Hours: week, Holidays: []string{"us"}})
	tests := []struct {
		name string
		spec calendar.Spec
		want string // "like one" when it must answer as one, else the error
	}{
		{`"us" 10,000 times is "us" once`, calendar.Spec{Zone: "America/New_York", Hours: week, Holidays: many(10000, "us")}, "like one"},
		{`"US" and "us" are the same set`, calendar.Spec{Zone: "America/New_York", Hours: week, Holidays: []string{"US", "us", "Us"}}, "like one"},
		{"a date 10,000 times beside us", calendar.Spec{Zone: "America/New_York", Hours: week, Holidays: append(many(10000, "2026-11-26"), "us")}, "like one"},
		{"1,440 intervals a day are allowed", calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": minutes}}, ""},
		{"43,200 intervals a day are too many", calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": seconds}},
			"calendar: hours.mon-sun: too many: 43200 intervals, at most 1440 a day"},
		{"1,441 intervals on a date are too many", calendar.Spec{Zone: "UTC", Hours: week, Dates: map[string][]string{"2026-03-10": append(minutes, "23:59:30-23:59:40")}},
			"calendar: dates.2026-03-10: too many: 1441 intervals, at most 1440 a day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer watchdog(tt.name)()
			c, err := calendar.New(tt.spec)
			switch {
			case tt.want == "like one":
				if err != nil {
					t.Fatal(err)
				}
				from, to := instant(t, "2026-01-01T00:00:00Z"), instant(t, "2027-01-01T00:00:00Z")
				if got, want := c.Between(from, to), one.Between(from, to); got != want {
					t.Errorf("Between over 2026 = %v, with us once %v", got, want)
				}
			case tt.want == "":
				if err != nil {
					t.Fatal(err)
				}
			default:
				if err == nil {
					t.Fatalf("New succeeded, want %q", tt.want)
				}
				if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				if !errors.Is(err, calendar.ErrTooMany) {
					t.Errorf("errors.Is(%v, ErrTooMany) = false", err)
				}
			}
		})
	}
}

// A holiday set listed 10,000 times costs what it does once: the same
// allocations, and no more bytes than the copy of the list the calendar
// keeps for Spec.
func TestDuplicateHolidaysCostNothing(t *testing.T) {
	week := map[string][]string{"mon-fri": {"09:00-17:00"}}
	cost := func(holidays []string) (allocs, bytes uint64) {
		spec := calendar.Spec{Zone: "America/New_York", Hours: week, Holidays: holidays}
		mustNew(t, spec) // the shared tables exist from here on
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		mustNew(t, spec)
		runtime.ReadMemStats(&m1)
		return m1.Mallocs - m0.Mallocs, m1.TotalAlloc - m0.TotalAlloc
	}
	many := make([]string, 10000)
	for i := range many {
		many[i] = "us"
	}
	a1, b1 := cost([]string{"us"})
	a2, b2 := cost(many)
	list := uint64(len(many))*uint64(unsafe.Sizeof("")) + 8192 // and a page of rounding
	if a2 > a1 || b2 > b1+list {
		t.Errorf(`New with "us" 10,000 times: %d allocations and %d bytes; once: %d and %d (and the list's copy is %d bytes)`, a2, b2, a1, b1, list)
	}
}

func clockAt(s int) string {
	if s >= 86400 {
		return "24:00"
	}
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// A calendar takes any number of distinct custom dates: 100,000 dates in
// Holidays (250 years of yearly dates, as an iCalendar file gives them) and
// 10,000 dates in Dates.
func TestManyDates(t *testing.T) {
	var holidays []string
	for y := 1750; len(holidays) < 100000; y++ { // 1750 to 2023: some lie outside the range
		for d := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == y && len(holidays) < 100000; d = d.AddDate(0, 0, 1) {
			if d.Day()%3 == 0 {
				holidays = append(holidays, d.Format(time.DateOnly))
			}
		}
	}
	dates := map[string][]string{}
	for d := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC); len(dates) < 10000; d = d.AddDate(0, 0, 1) {
		dates[d.Format(time.DateOnly)] = []string{"10:00-12:00"}
	}
	c := mustNew(t, calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": {"09:00-17:00"}}, Holidays: holidays, Dates: dates})
	tests := []struct {
		name     string
		from, to string
		want     time.Duration
	}{
		{"January 2020: the 3rd, 6th, ..., 30th are closed", "2020-01-01T00:00:00Z", "2020-02-01T00:00:00Z", (31 - 10) * 8 * time.Hour},
		{"the year 2100 is all overrides of two hours", "2100-01-01T00:00:00Z", "2101-01-01T00:00:00Z", 365 * 2 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Between(instant(t, tt.from), instant(t, tt.to)); got != tt.want {
				t.Errorf("Between(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
	if !strings.HasPrefix(c.String(), "calendar(") {
		t.Errorf("String() = %q", c.String())
	}
}

// Holiday sets close their dates on every weekday: over ten years of a
// calendar open every day, each date a set closes (as Calc gives it)
// costs its eight hours.
func TestHolidaySetsEveryWeekday(t *testing.T) {
	sets := map[string][]*cal.Holiday{"us": us.Holidays, "se": se.Holidays, "lv": lv.Holidays, "de-by": de.HolidaysBY, "gb": gb.Holidays}
	from, to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, code := range slices.Sorted(maps.Keys(sets)) {
		for _, actual := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s actual=%v", code, actual), func(t *testing.T) {
				closed := map[string]bool{}
				for y := 2019; y <= 2030; y++ {
					for _, h := range sets[code] {
						a, o := h.Calc(y)
						if actual {
							o = a
						}
						if !o.IsZero() && !o.Before(from) && o.Before(to) {
							closed[o.Format(time.DateOnly)] = true
						}
					}
				}
				s := calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": {"09:00-17:00"}}, Holidays: []string{code}}
				if actual {
					s.HolidayDates = "actual"
				}
				days := int(to.Sub(from).Hours() / 24)
				want := time.Duration(days-len(closed)) * 8 * time.Hour
				if got := mustNew(t, s).Between(from, to); got != want {
					t.Errorf("Between 2020 to 2030 = %v, want %v (%d days, %d closed)", got, want, days, len(closed))
				}
			})
		}
	}
}

// A calendar with a national holiday set keeps at most 32 KB: the set's
// dates and the zone's offsets are shared.
func TestBytesKept(t *testing.T) {
	if got := bytesKept(t, 200); got > 32<<10 {
		t.Errorf("a New York calendar with US holidays keeps %d bytes, want at most 32 KB", got)
	}
}
