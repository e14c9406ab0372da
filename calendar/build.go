package calendar

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The range of local dates a calendar knows. Outside it a calendar is closed.
const (
	firstYear = 1900
	endYear   = 2150 // exclusive
)

const (
	secNs  = int64(time.Second)
	dayNs  = daySec * secNs
	weekNs = weekSec * secNs
	// mondayShift moves the epoch (a Thursday) so that axis 0 is a Monday.
	mondayShift = 3 * dayNs
)

// New builds a calendar from s. It returns a [*Error] naming the field
// of s that is wrong. The calendar never changes once built.
func New(s Spec) (*Calendar, error) {
	b, err := compile(s)
	if err != nil {
		return nil, err
	}
	return b.build(), nil
}

// Always returns a calendar that is always open, in UTC: 24x7.
func Always() *Calendar {
	c, err := New(Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": {"00:00-24:00"}}})
	if err != nil {
		panic("calendar: 24x7 spec rejected: " + err.Error()) // unreachable
	}
	return c
}

// compiled is a checked Spec, ready to be turned into pieces.
type compiled struct {
	spec    Spec
	loc     *time.Location
	week    [7][]span
	dates   map[civil][]span // overrides
	closed  map[civil]bool   // holidays
	firstD  civil
	endD    civil
	periods []period
}

func compile(s Spec) (*compiled, error) {
	c := &compiled{spec: cloneSpec(s), dates: map[civil][]span{}, closed: map[civil]bool{}}
	switch s.Zone {
	case "":
		return nil, specErr("zone", "", ErrMissing)
	case "Local":
		return nil, specErr("zone", s.Zone, ErrUnknownZone, "Local depends on the host: name the zone")
	}
	loc, err := time.LoadLocation(s.Zone)
	if err != nil {
		return nil, specErr("zone", s.Zone, ErrUnknownZone)
	}
	c.loc = loc

	// Weekly hours, keys in a fixed order so that errors are deterministic.
	keys := sortedKeys(s.Hours)
	setBy := [7]string{}
	for _, k := range keys {
		days, ok := parseWeekdays(k)
		if !ok {
			return nil, specErr("hours", k, ErrBadWeekday, "want mon..sun or a range such as mon-fri")
		}
		spans, err := parseSpans("hours."+k, s.Hours[k])
		if err != nil {
			return nil, err
		}
		for _, d := range days {
			if setBy[d] != "" {
				return nil, specErr("hours."+k, "", ErrDuplicate, weekdayKey(d), " is already set by ", strconv.Quote(setBy[d]))
			}
			setBy[d] = k
			c.week[d] = spans
		}
	}
	total := 0
	for d := range 7 {
		total += len(c.week[d])
		if x, y, bad := overlapsNext(c.week[d], c.week[(d+1)%7]); bad {
			return nil, specErr("hours."+setBy[d], fmtSpan(x), ErrOverlap, "runs into ", weekdayKey((d+1)%7), " ", fmtSpan(y))
		}
	}
	if total == 0 {
		return nil, specErr("hours", "", ErrNoHours, "at least one weekday needs an interval")
	}

	c.firstD = civilOf(firstYear, 1, 1)
	c.endD = civilOf(endYear, 1, 1)

	// Date overrides.
	for _, k := range sortedKeys(s.Dates) {
		d, ok := parseDate(k)
		if !ok {
			return nil, specErr("dates", k, ErrBadDate, "want YYYY-MM-DD")
		}
		spans, err := parseSpans("dates."+k, s.Dates[k])
		if err != nil {
			return nil, err
		}
		c.dates[d] = spans
	}
	for _, k := range sortedKeys(s.Dates) {
		d, _ := parseDate(k)
		if x, y, bad := overlapsNext(c.own(d-1), c.dates[d]); bad {
			return nil, specErr("dates."+k, fmtSpan(y), ErrOverlap, "the day before runs into it until ", fmtSpan(x))
		}
		if x, y, bad := overlapsNext(c.dates[d], c.own(d+1)); bad {
			return nil, specErr("dates."+k, fmtSpan(x), ErrOverlap, "runs into the next day's ", fmtSpan(y))
		}
	}

	// Holidays.
	var actual bool
	switch s.HolidayDates {
	case "", "observed":
	case "actual":
		actual = true
	default:
		return nil, specErr("holiday_dates", s.HolidayDates, ErrSyntax, `want "observed" or "actual"`)
	}
	for i, h := range s.Holidays {
		field := fmt.Sprintf("holidays[%d]", i)
		if d, ok := parseDate(h); ok {
			c.closed[d] = true
			continue
		}
		if m, day, ok := parseMonthDay(h); ok {
			for y := firstYear; y < endYear; y++ {
				if day > daysIn(m, y) {
					continue
				}
				c.closed[civilOf(y, m, day)] = true
			}
			continue
		}
		set, ok := holidaySet(strings.ToLower(h))
		if !ok {
			return nil, specErr(field, h, ErrUnknownHoliday, "see calendar.HolidaySets")
		}
		for _, hol := range set {
			for y := firstYear - 1; y <= endYear; y++ {
				a, o := hol.Calc(y)
				t := o
				if actual {
					t = a
				}
				if t.IsZero() {
					continue
				}
				yy, mm, dd := t.Date()
				c.closed[civilOf(yy, mm, dd)] = true
			}
		}
	}
	c.periods = zonePeriods(loc, c.firstD-3, c.endD+3)
	return c, nil
}

// own returns the intervals that date d owns: its override, nothing on a
// holiday, else its weekday's hours.
func (c *compiled) own(d civil) []span {
	if s, ok := c.dates[d]; ok {
		return s
	}
	if c.closed[d] {
		return nil
	}
	return c.week[d.weekday()]
}

func parseMonthDay(s string) (time.Month, int, bool) {
	t, err := time.Parse("01-02", s)
	if err != nil || len(s) != 5 {
		return 0, 0, false
	}
	return t.Month(), t.Day(), true
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func fmtClock(sec int64) string {
	sec %= daySec * 2
	if sec >= daySec && sec != daySec {
		sec -= daySec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

func fmtSpan(s span) string { return fmtClock(s.open) + "-" + fmtClock(s.close) }

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func cloneSpec(s Spec) Spec {
	out := Spec{Zone: s.Zone, HolidayDates: s.HolidayDates, Holidays: slices.Clone(s.Holidays)}
	clone := func(m map[string][]string) map[string][]string {
		if m == nil {
			return nil
		}
		c := make(map[string][]string, len(m))
		for k, v := range m {
			c[k] = slices.Clone(v)
		}
		return c
	}
	out.Hours = clone(s.Hours)
	out.Dates = clone(s.Dates)
	return out
}

// period is a stretch of instants [start, end) with one UTC offset (ns).
type period struct{ start, end, off int64 }

// zonePeriods lists the zone's offsets between two dates, merging
// neighbours that differ only in name.
func zonePeriods(loc *time.Location, from, to civil) []period {
	const far = math.MaxInt64
	t := time.Unix(int64(from)*daySec-2*daySec, 0).In(loc)
	stop := int64(to)*daySec + 2*daySec
	var ps []period
	for {
		_, off := t.Zone()
		s, e := t.ZoneBounds()
		p := period{start: -far, end: far, off: int64(off) * secNs}
		if !s.IsZero() {
			p.start = s.UnixNano()
		}
		if !e.IsZero() {
			p.end = e.UnixNano()
		}
		if n := len(ps); n > 0 && ps[n-1].off == p.off {
			ps[n-1].end = p.end
		} else {
			if n > 0 {
				p.start = ps[n-1].end
			}
			ps = append(ps, p)
		}
		if e.IsZero() || e.Unix() > stop {
			break
		}
		if !e.After(t) {
			e = stepPast(t)
		}
		t = e
	}
	if len(ps) > 0 {
		ps[0].start = -far
		ps[len(ps)-1].end = far
	}
	return ps
}

// stepPast finds where to go on from t when time's ZoneBounds makes no
// progress (Go 1.26 reports a stale end of zone for about a day after the
// end of a leap year in rule-based years): the next change of offset within
// two days, found by bisection, or two days on.
func stepPast(t time.Time) time.Time {
	_, off := t.Zone()
	prev := t
	for range 8 {
		next := prev.Add(6 * time.Hour)
		if _, o := next.Zone(); o != off {
			lo, hi := prev, next // off at lo, another offset at hi
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if _, o := mid.Zone(); o == off {
					lo = mid
				} else {
					hi = mid
				}
			}
			return hi
		}
		prev = next
	}
	return prev
}

// periodAt returns the index of the period that holds instant t.
func periodAt(ps []period, t int64) int {
	lo, hi := 0, len(ps)-1 // periods cover all instants: the answer is in range
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ps[m].end <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// resolve maps local wall time (ns since the epoch on the wall clock) to the
// earliest instant at which the clock shows that time or later.
func resolve(ps []period, local int64) int64 {
	return resolveNear(ps, periodAt(ps, local-26*3600*secNs), local)
}

// periodNear is periodAt(ps, t), found by walking from period j: cheap
// when j is near the answer.
func periodNear(ps []period, j int, t int64) int {
	for ps[j].end <= t {
		j++
	}
	for j > 0 && ps[j-1].end > t {
		j--
	}
	return j
}

// resolveNear is resolve(ps, local), searching from period j, which should
// be near the one that holds local.
func resolveNear(ps []period, j int, local int64) int64 {
	// The period that holds local-26h (as if UTC) is at or before the answer.
	for j = periodNear(ps, j, local-26*3600*secNs); j < len(ps); j++ {
		p := ps[j]
		if u := max(p.start, local-p.off); u < p.end {
			return u
		}
	}
	return ps[len(ps)-1].end
}

// offsetAt returns the UTC offset in force at instant t (ns).
func offsetAt(ps []period, t int64) int64 { return ps[periodAt(ps, t)].off }

// build turns a compiled spec into pieces.
func (c *compiled) build() *Calendar {
	cal := &Calendar{spec: c.spec, loc: c.loc, periods: c.periods, single: true}
	cal.week = c.week
	cal.firstD, cal.endD = c.firstD, c.endD
	cal.tmpls = []template{weekTemplate(c.week)}

	// Days whose own hours differ from the weekly hours, and DST days: each
	// opens a window of local days [d, d+2) in which intervals are listed.
	var wins []interval // of days: [d0, d1)
	var except []civil
	for d := range c.dates {
		except = append(except, d)
	}
	for d := range c.closed {
		if _, ok := c.dates[d]; !ok {
			except = append(except, d)
		}
	}
	slices.Sort(except)
	for _, d := range except {
		if d < c.firstD || d >= c.endD {
			continue
		}
		if slices.Equal(c.own(d), c.week[d.weekday()]) {
			continue
		}
		cal.days = append(cal.days, exceptDay{day: d, spans: c.own(d)})
		wins = append(wins, interval{int64(max(d, c.firstD)), int64(min(d+2, c.endD))})
	}
	lo := resolve(c.periods, int64(c.firstD)*dayNs)
	hi := resolve(c.periods, int64(c.endD)*dayNs)
	for i := 1; i < len(c.periods); i++ {
		tau := c.periods[i].start
		if tau <= lo || tau >= hi {
			continue
		}
		before := tau - 1 + c.periods[i-1].off
		d := civil(floorDiv(before, dayNs))
		wins = append(wins, interval{int64(max(d, c.firstD)), int64(min(d+2, c.endD))})
	}
	merged := mergeIntervals(wins)

	var pb pieceBuilder
	pb.lo, pb.hi = lo, hi
	cur := lo
	stretch := func(from, to int64) {
		if from < to {
			pb.stretch(from, 0, offsetAt(c.periods, from)+mondayShift)
		}
	}
	for _, w := range merged {
		d0, d1 := civil(w.a), civil(w.b)
		s := resolve(c.periods, int64(d0)*dayNs)
		e := resolve(c.periods, int64(d1)*dayNs)
		stretch(cur, s)
		var ivs []interval
		for d := d0 - 1; d < d1; d++ {
			for _, sp := range c.own(d) {
				a := resolve(c.periods, int64(d)*dayNs+sp.open*secNs)
				b := resolve(c.periods, int64(d)*dayNs+sp.close*secNs)
				a, b = max(a, s), min(b, e)
				if a < b {
					ivs = append(ivs, interval{a, b})
				}
			}
		}
		pb.window(s, ivs)
		cur = e
	}
	stretch(cur, hi)
	pb.finish(cal)
	cal.initDays()
	for k := range cal.pieces {
		p := &cal.pieces[k]
		j := periodAt(c.periods, p.start)
		d := civil(floorDiv(p.start+c.periods[j].off, dayNs))
		p.period, p.except = int32(j), int32(cal.exceptionsBefore(d-1, 0, len(cal.days)))
	}
	return cal
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// weekTemplate lays the weekly hours on an axis of one week from Monday
// 00:00, folding what runs past Sunday midnight onto Monday.
func weekTemplate(week [7][]span) template {
	var ivs []interval
	for d, spans := range week {
		for _, s := range spans {
			a := int64(d)*dayNs + s.open*secNs
			b := int64(d)*dayNs + s.close*secNs
			if b > weekNs {
				ivs = append(ivs, interval{0, b - weekNs})
				b = weekNs
			}
			ivs = append(ivs, interval{a, b})
		}
	}
	return newTemplate(ivs)
}
