package calendar_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

var sentinels = []error{
	calendar.ErrSyntax, calendar.ErrUnknownField, calendar.ErrMissing, calendar.ErrUnknownZone,
	calendar.ErrUnknownHoliday, calendar.ErrBadWeekday, calendar.ErrBadInterval, calendar.ErrBadDate,
	calendar.ErrOverlap, calendar.ErrNoHours, calendar.ErrDuplicate, calendar.ErrTooMany,
}

// watchdog panics when a fuzz input takes far too long, so that a hang is
// reported as a crash with its input instead of stalling the run.
func watchdog(what string) (stop func() bool) {
	return time.AfterFunc(30*time.Second, func() {
		panic("calendar: no answer after 30s for " + what)
	}).Stop
}

// FuzzParse: any input is an error that is a *Error naming one of the
// sentinels, or a calendar that answers and survives a round trip.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}`,
		`{"zone": "America/New_York", "hours": {"mon": ["09:00-12:00", "13:00-17:00"], "tue-fri": ["09:00-17:00"], "sat": ["22:00-06:00"]}, "holidays": ["us"], "dates": {"2026-12-24": ["09:00-13:00"], "2026-12-31": []}}`,
		`{"zone": "Africa/Cairo", "hours": {"sun-thu": ["23:30-01:00", "09:00-17:00"]}, "holidays": ["2026-04-24", "12-25"], "holiday_dates": "actual"}`,
		`{"zone": "Australia/Lord_Howe", "hours": {"fri-mon": ["01:30-03:00:30"]}, "dates": {"2026-04-05": ["00:00-24:00"]}}`,
		`{"zone": "Asia/Tehran", "hours": {"wed": ["22:00-00:00"], "thu": ["00:00-02:00"]}}`,
		`{"zone": "UTC", "hours": {"mon": ["09:00-12:00", "13:00-25:00"]}}`,
		`{"zone": "UTC", "hours": {"mon": ["09:00-12:00", "11:00-13:00"]}}`,
		`{"zone": "UTC", "hours": {"mon": ["22:00-06:00"], "tue": ["05:00-09:00"]}}`,
		`{"zone": "UTC", "hours": {"mon-fri": ["09:00-17:00"], "mon": ["10:00-12:00"]}}`,
		`{"zone": "Local", "hours": {"mon": ["09:00-17:00"]}}`,
		`{"zone": "Mars/Olympus_Mons", "hours": {"mon": ["09:00-17:00"]}}`,
		`{"zone": "UTC", "hours": {}}`,
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "holidays": ["xx"]}`,
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "dates": {"2026-02-30": []}}`,
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "holyday": []}`,
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}} {}`,
		`{"zone": "UTC", "hours": {"mon-sun": ["22:00-06:00"]}, "holidays": ["2026-12-24"], "dates": {"2026-12-25": ["00:00-12:00"]}}`,
		`{"zone": "UTC", "hours": {"mon-sun": ["06:00-18:00"]}, "holidays": ["2026-12-25"], "dates": {"2026-12-24": ["22:00-08:00"]}}`,
		`{"zone": "UTC", "hours": {"sun": ["22:00-06:00"]}, "dates": {"1899-12-31": []}}`,
		`{"zone": "UTC", "hours": {"sun": ["22:00-06:00"]}, "holidays": ["1899-12-31", "12-31", "se"]}`,
		`{"zone": "UTC", "hours": {"mon-sun": ["22:00-06:00"]}, "dates": {"2149-12-31": ["23:00-05:00"], "2150-01-01": ["00:00-24:00"]}}`,
		`{"zone": "America/St_Johns", "hours": {"sun": ["00:00-06:00"], "mon": ["09:00-17:00"]}}`,
		`{"zone": "Pacific/Apia", "hours": {"mon-sun": ["00:00-24:00"]}, "dates": {"2011-12-30": ["09:00-17:00"]}}`,
		`{"zone": "America/New_York", "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["us", "us", "US", "ca", "12-25"]}`,
		`{"zone": "UTC", "hours": {"mon": ["00:00:01-00:00:02", "00:00:03-00:00:04", "00:00:05-00:00:06"]}}`,
		`{"zone": 5}`,
		`{"zone": "UTC",`,
		`[]`,
		`null`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(fmt.Sprintf("Parse(%q)", data))()
		c, err := calendar.Parse(data)
		if err != nil {
			if c != nil {
				t.Errorf("Parse returned a calendar and an error")
			}
			var se *calendar.Error
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T %v is not a *Error", data, err, err)
			}
			if !strings.HasPrefix(err.Error(), "calendar: ") {
				t.Errorf("error %q does not start with the package name", err)
			}
			known := false
			for _, s := range sentinels {
				known = known || errors.Is(err, s)
			}
			if !known {
				t.Errorf("Parse(%q) error %v wraps none of the Err variables", data, err)
			}
			return
		}
		b, err := json.Marshal(c.Spec())
		if err != nil {
			t.Fatalf("json.Marshal(Spec()): %v", err)
		}
		c2, err := calendar.Parse(b)
		if err != nil {
			t.Fatalf("Parse(%q) succeeded, but its Spec %s does not: %v", data, b, err)
		}
		t0 := time.Date(2026, 3, 6, 12, 0, 0, 0, time.UTC)
		t1 := t0.AddDate(0, 1, 0)
		d := c.Between(t0, t1)
		if d2 := c2.Between(t0, t1); d2 != d {
			t.Errorf("after a round trip through %s, Between = %v, want %v", b, d2, d)
		}
		if d < 0 || d > t1.Sub(t0) {
			t.Errorf("Between(%v, %v) = %v, outside [0, %v]", t0, t1, d, t1.Sub(t0))
		}
		if d > 0 {
			if u := c.Add(t0, d); !u.Equal(t1) && c.Between(u, t1) != 0 {
				t.Errorf("Add(t0, Between(t0, t1)) = %v, with open time before t1 = %v", u, t1)
			}
		}
		c.IsOpen(t0)
		c.NextOpen(t0)
		c.NextClose(t0)
		c.AddDays(t0, 3)
		for range c.Intervals(t0, t0.AddDate(0, 0, 7)) {
		}
	})
}

// fuzzZones and the instants the fuzzed ones are drawn around.
var fuzzZones = []struct {
	zone string
	base time.Time
}{
	{"America/New_York", time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)},
	{"Europe/London", time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)},
	{"Africa/Cairo", time.Date(2026, 4, 23, 22, 0, 0, 0, time.UTC)},
	{"Asia/Jerusalem", time.Date(2026, 3, 27, 0, 0, 0, 0, time.UTC)},
	{"Asia/Tehran", time.Date(2022, 9, 21, 19, 30, 0, 0, time.UTC)},
	{"Australia/Lord_Howe", time.Date(2026, 4, 4, 15, 0, 0, 0, time.UTC)},
	{"UTC", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
	{"America/St_Johns", time.Date(2006, 10, 29, 2, 31, 0, 0, time.UTC)}, // back from 00:00:59 to 23:01 the day before
	{"Antarctica/Casey", time.Date(2010, 3, 4, 15, 0, 0, 0, time.UTC)},   // back from 01:59:59 to 23:00 the day before
	{"America/Phoenix", time.Date(1944, 10, 1, 6, 1, 0, 0, time.UTC)},    // back from 00:00:59 to 23:01 the day before
	{"Pacific/Apia", time.Date(2011, 12, 30, 10, 0, 0, 0, time.UTC)},     // 2011-12-30 never happens
	{"UTC", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)},                 // the first date
	{"America/New_York", time.Date(2150, 1, 1, 5, 0, 0, 0, time.UTC)},    // the end of the last date
}

var fuzzClock = []string{"00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "06:00",
	"09:00", "12:00", "13:00", "17:00", "22:00", "23:00", "23:30", "24:00"}

// bits hands out the bits of two words, round and round.
type bits struct {
	w [2]uint64
	n uint
}

func (b *bits) take(k uint) int {
	v := 0
	for range k {
		v = v<<1 | int(b.w[b.n/64%2]>>(b.n%64)&1)
		b.n++
	}
	return v
}

// fuzzSpec builds a schedule from fuzzed bits: up to three intervals a day
// from a palette of wall times around the DST changes, and a few
// exceptions around the date of base, some valid only because a holiday
// closes the date beside them. It may be invalid: then New must say so.
func fuzzSpec(zone string, base time.Time, week, extra uint64, flags uint8) calendar.Spec {
	b := &bits{w: [2]uint64{week, extra}}
	s := calendar.Spec{Zone: zone, Hours: map[string][]string{}}
	for _, day := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		// Sorted distinct wall times, paired into intervals with breaks;
		// the last may run past midnight.
		var pts []int
		for range 2 * b.take(2) {
			if p := b.take(4); !slices.Contains(pts, p) {
				pts = append(pts, p)
			}
		}
		slices.Sort(pts)
		var ivs []string
		for i := 0; i+1 < len(pts); i += 2 {
			open, close := pts[i], pts[i+1]
			if i+3 >= len(pts) && b.take(1) == 1 && open > 0 {
				close = b.take(4) % open // a night shift
			}
			ivs = append(ivs, fuzzClock[open]+"-"+fuzzClock[close])
		}
		if len(ivs) > 0 {
			s.Hours[day] = ivs
		}
	}
	day := func(n int) string { return base.In(loadZoneOrUTC(zone)).AddDate(0, 0, n).Format(time.DateOnly) }
	dates := func() map[string][]string {
		if s.Dates == nil {
			s.Dates = map[string][]string{}
		}
		return s.Dates
	}
	if flags&1 != 0 {
		s.Holidays = append(s.Holidays, day(1), day(-3)[5:])
	}
	if flags&2 != 0 {
		dates()[day(2)] = []string{}
		dates()[day(-1)] = []string{"01:30-03:00"}
	}
	if flags&4 != 0 {
		dates()[day(0)] = []string{"10:00-14:00", "22:00-02:00"}
	}
	if flags&8 != 0 {
		s.Holidays = append(s.Holidays, "us")
		if flags&16 != 0 {
			s.HolidayDates = "actual"
		}
	}
	if flags&128 != 0 { // a holiday between an override's night shift and one from midnight
		s.Holidays = append(s.Holidays, day(-2))
		dates()[day(-3)] = []string{"20:00-04:00"}
		dates()[day(-1)] = []string{"00:00-09:00"}
	}
	return s
}

func loadZoneOrUTC(name string) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.UTC
}

// wrap maps v into [-span, span), keeping small values as they are.
func wrap(v, span int64) int64 {
	m := (v%(2*span) + span) % (2 * span)
	if m < 0 {
		m += 2 * span
	}
	return m - span
}

// FuzzInvariants checks what must hold on any calendar for any instants:
// Between(t, Add(t, d)) == d, antisymmetry, additivity, the runs NextOpen
// and NextClose report, and that nothing panics or hangs.
func FuzzInvariants(f *testing.F) {
	f.Add(uint8(0), uint64(0x0123456789abcdef), uint64(0xfedcba9876543210), int64(0), int64(time.Hour), int64(-time.Hour), uint8(0))
	f.Add(uint8(1), uint64(0xffffffffffffffff), uint64(0), int64(3*time.Hour), int64(40*time.Hour), int64(24*time.Hour), uint8(3))
	f.Add(uint8(2), uint64(0x5555555555555555), uint64(0xaaaaaaaaaaaaaaaa), int64(-5*time.Hour), int64(-90*time.Minute), int64(time.Minute), uint8(7))
	f.Add(uint8(3), uint64(0x8421842184218421), uint64(0x1248124812481248), int64(12345678901234), int64(10*365*24*time.Hour), int64(-12345678901234), uint8(15))
	f.Add(uint8(4), uint64(0x00ff00ff00ff00ff), uint64(0x0f0f0f0f0f0f0f0f), int64(time.Hour+1), int64(time.Hour+7), int64(-1), uint8(31))
	f.Add(uint8(5), uint64(0xdeadbeefdeadbeef), uint64(0xcafebabecafebabe), int64(30*time.Minute), int64(-10*365*24*time.Hour), int64(2*time.Hour), uint8(2))
	f.Add(uint8(6), uint64(0x7777777777777777), uint64(0x3333333333333333), int64(0), int64(time.Nanosecond), int64(0), uint8(0))
	f.Add(uint8(7), uint64(0x00000000000000f3), uint64(0x0000000000000011), int64(-30*time.Minute), int64(time.Hour), int64(1<<60), uint8(0x81))
	f.Add(uint8(8), uint64(0x0123456789abcdef), uint64(0x1111111111111111), int64(20*time.Minute), int64(-6*time.Hour), int64(-1<<62), uint8(0x86))
	f.Add(uint8(9), uint64(0xf0f0f0f0f0f0f0f0), uint64(0x0f0f0f0f0f0f0f0f), int64(time.Hour), int64(48*time.Hour), int64(math.MinInt64), uint8(0x8f))
	f.Add(uint8(10), uint64(0xffffffffffffffff), uint64(0xffffffffffffffff), int64(-time.Hour), int64(72*time.Hour), int64(math.MaxInt64), uint8(0x82))
	f.Add(uint8(11), uint64(0x8888888888888888), uint64(0x4444444444444444), int64(-2*time.Hour), int64(-48*time.Hour), int64(-5), uint8(0x84))
	f.Add(uint8(12), uint64(0x5a5a5a5a5a5a5a5a), uint64(0xa5a5a5a5a5a5a5a5), int64(-3*time.Hour), int64(96*time.Hour), int64(400), uint8(0x80))
	f.Fuzz(func(t *testing.T, zi uint8, week, extra uint64, tOff, dRaw, uOff int64, flags uint8) {
		z := fuzzZones[int(zi)%len(fuzzZones)]
		s := fuzzSpec(z.zone, z.base, week, extra, flags)
		defer watchdog(fmt.Sprintf("%+v", s))()
		c, err := calendar.New(s)
		if err != nil {
			var se *calendar.Error
			if !errors.As(err, &se) {
				t.Fatalf("New(%+v) error %T is not a *Error", s, err)
			}
			return
		}
		const year = int64(366 * 24 * time.Hour)
		at := z.base.Add(time.Duration(wrap(tOff, year)))
		if flags&32 != 0 {
			at = at.In(c.Location())
		}
		u := z.base.Add(time.Duration(wrap(uOff, year)))
		d := time.Duration(wrap(dRaw, 10*year))
		if flags&64 != 0 { // whole minutes, as users write them
			d = d.Truncate(time.Minute)
		}
		fail := func(format string, args ...any) {
			t.Helper()
			b, _ := json.Marshal(s)
			t.Fatalf("spec %s, t = %s, d = %v, u = %s: %s", b, show(at), d, show(u), fmt.Sprintf(format, args...))
		}

		if got := c.Add(at, 0); !got.Equal(at) {
			fail("Add(t, 0) = %s, want t", show(got))
		}
		a := c.Add(at, d)
		if !a.IsZero() {
			if b := c.Between(at, a); b != d {
				fail("Add(t, d) = %s, but Between(t, Add(t, d)) = %v", show(a), b)
			}
			if d > 0 && a.Before(at) || d < 0 && a.After(at) {
				fail("Add(t, d) = %s lies on the wrong side of t", show(a))
			}
			if d > 0 {
				next, ok := c.NextOpen(at)
				if back := c.Add(a, -d); !ok || !back.Equal(next) {
					fail("Add(Add(t, d), -d) = %s, want NextOpen(t) = %s (%v)", show(back), show(next), ok)
				}
			}
		}
		btu, but := c.Between(at, u), c.Between(u, at)
		if btu != -but {
			fail("Between(t, u) = %v, Between(u, t) = %v", btu, but)
		}
		if span := u.Sub(at); btu < 0 && span > 0 || btu > 0 && span < 0 || btu.Abs() > span.Abs() {
			fail("Between(t, u) = %v for u - t = %v", btu, span)
		}
		m := at.Add(u.Sub(at) / 2)
		if parts := c.Between(at, m) + c.Between(m, u); parts != btu {
			fail("Between(t, u) = %v, but split at %s the parts add up to %v", btu, show(m), parts)
		}
		checkRuns(c, at, []int{int(int8(flags)), int(uOff), int(dRaw)}, fail)
	})
}

// checkRuns checks what must hold of the runs around t: NextOpen, NextClose
// and Intervals agree with IsOpen and Between, and AddDays is ordered in n.
func checkRuns(c *calendar.Calendar, at time.Time, days []int, fail func(format string, args ...any)) {
	open := c.IsOpen(at)
	next, ok := c.NextOpen(at)
	if open && (!ok || !next.Equal(at)) {
		fail("open at t, but NextOpen(t) = %s, %v", show(next), ok)
	}
	if ok {
		if !open && !next.After(at) {
			fail("closed at t, but NextOpen(t) = %s", show(next))
		}
		if !c.IsOpen(next) {
			fail("NextOpen(t) = %s is closed", show(next))
		}
		if c.Between(at, next) != 0 {
			fail("open time between t and NextOpen(t) = %s", show(next))
		}
		if got := c.AddDays(at, 0); !got.Equal(next) {
			fail("AddDays(t, 0) = %s, want NextOpen(t) = %s", show(got), show(next))
		}
	}
	end, eok := c.NextClose(at)
	if eok {
		if !ok || !end.After(next) {
			fail("NextClose(t) = %s, NextOpen(t) = %s, %v", show(end), show(next), ok)
		}
		if c.IsOpen(end) {
			fail("NextClose(t) = %s is open", show(end))
		}
		if b := c.Between(next, end); b != end.Sub(next) {
			fail("the run %s to %s is open for %v only", show(next), show(end), b)
		}
	}
	// AddDays for small and for any n: later working days give later
	// answers, after t going forward and before it going back.
	for _, n := range days {
		got := c.AddDays(at, n)
		switch {
		case got.IsZero() || n == 0:
		case n > 0 && !got.After(at):
			fail("AddDays(t, %d) = %s is not after t", n, show(got))
		case n < 0 && ok && !got.Before(next):
			fail("AddDays(t, %d) = %s is not before NextOpen(t) = %s", n, show(got), show(next))
		}
		if n == math.MaxInt || got.IsZero() {
			continue
		}
		if after := c.AddDays(at, n+1); !after.IsZero() && after.Before(got) {
			fail("AddDays(t, %d) = %s comes before AddDays(t, %d) = %s", n+1, show(after), n, show(got))
		}
	}
	var sum time.Duration
	var prev time.Time
	n := 0
	week7 := at.Add(7 * 24 * time.Hour)
	for a, b := range c.Intervals(at, week7) {
		n++
		if !b.After(a) || a.Before(at) || b.After(week7) || !prev.IsZero() && !a.After(prev) {
			fail("Intervals gave %s to %s after a run ending %s", show(a), show(b), show(prev))
		}
		sum += b.Sub(a)
		prev = b
		if n > 200 {
			fail("Intervals gave over 200 runs in a week")
		}
	}
	if w := c.Between(at, week7); sum != w {
		fail("Intervals over a week add up to %v, Between says %v", sum, w)
	}
}
