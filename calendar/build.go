package calendar

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// The range of local dates a calendar knows: [firstDay, endDay), 1900-01-01
// to 2149-12-31. Outside it a calendar is closed, but the day before the
// first date has hours of its own, cut at the first date's midnight.
const (
	firstYear = 1900
	endYear   = 2150 // exclusive
	firstDay  = civil(-25567)
	endDay    = civil(65744)
)

// Limits on a Spec, so that no Spec makes a calendar costly: see the
// package doc.
const maxDaySpans = 1440 // intervals in one weekday's or one date's list

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
	c, err := compile(s)
	if err != nil {
		return nil, err
	}
	e, err := c.assemble()
	if err != nil {
		return nil, err
	}
	return &Calendar{spec: cloneSpec(s), loc: c.z.loc, single: true, lo: e.lo, hi: e.hi, eng: e}, nil
}

// Always returns a calendar that is always open, in UTC: 24x7.
func Always() *Calendar {
	c, err := New(Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": {"00:00-24:00"}}})
	if err != nil {
		panic("calendar: 24x7 spec rejected: " + err.Error()) // unreachable
	}
	return c
}

// compiled is a Spec whose values are read and checked one by one; whether
// its intervals overlap is known once it is assembled.
type compiled struct {
	z      *zoneTable
	week   [7][]span
	setBy  [7]string   // the hours key that set each weekday
	dates  []dateSpans // overrides within the dates a calendar knows, sorted
	hol    *dateTable  // the shared dates of the largest holiday set
	closed []civil     // the other dates holidays close, in any order, some twice or in hol too
}

type dateSpans struct {
	day   civil
	spans []span
}

func compile(s Spec) (*compiled, error) {
	c := &compiled{}
	switch s.Zone {
	case "":
		return nil, specErr("zone", "", ErrMissing)
	case "Local":
		return nil, specErr("zone", s.Zone, ErrUnknownZone, "Local depends on the host: name the zone")
	}
	z, ok := zoneNamed(s.Zone)
	if !ok {
		return nil, specErr("zone", s.Zone, ErrUnknownZone)
	}
	c.z = z
	if err := c.compileWeek(s.Hours); err != nil {
		return nil, err
	}
	if err := c.compileDates(s.Dates); err != nil {
		return nil, err
	}
	if err := c.compileHolidays(s.Holidays, s.HolidayDates); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *compiled) compileWeek(hours map[string][]string) error {
	// Keys in a fixed order, so that errors are deterministic.
	total := 0
	for _, k := range sortedKeys(hours) {
		days, ok := parseWeekdays(k)
		if !ok {
			return specErr("hours", k, ErrBadWeekday, "want mon..sun or a range such as mon-fri")
		}
		spans, err := parseSpans("hours."+k, hours[k])
		if err != nil {
			return err
		}
		for _, d := range days {
			if c.setBy[d] != "" {
				return specErr("hours."+k, "", ErrDuplicate, weekdayKey(d), " is already set by ", fmt.Sprintf("%q", c.setBy[d]))
			}
			c.setBy[d] = k
			c.week[d] = spans
			total += len(spans)
		}
	}
	if total == 0 {
		return specErr("hours", "", ErrNoHours, "at least one weekday needs an interval")
	}
	return nil
}

func (c *compiled) compileDates(dates map[string][]string) error {
	for _, k := range sortedKeys(dates) { // date order, for dates that parse
		d, ok := parseDate(k)
		if !ok {
			return specErr("dates", k, ErrBadDate, "want YYYY-MM-DD")
		}
		spans, err := parseSpans("dates."+k, dates[k])
		if err != nil {
			return err
		}
		if setFirst <= d && d < endDay {
			c.dates = append(c.dates, dateSpans{d, spans})
		}
	}
	return nil
}

// compileHolidays reads the holidays: sets, dates and yearly dates, each
// counted once however often it is listed. The largest set is shared; the
// dates of the others join the calendar's own.
func (c *compiled) compileHolidays(list []string, kind string) error {
	var actual bool
	switch kind {
	case "", "observed":
	case "actual":
		actual = true
	default:
		return specErr("holiday_dates", kind, ErrSyntax, `want "observed" or "actual"`)
	}
	var sets []*dateTable
	var seen map[string]bool
	var yearly [13][32]bool
	c.hol = noDates
	for i, h := range list {
		if d, ok := parseDate(h); ok {
			c.closeDay(d)
			continue
		}
		if m, day, ok := parseMonthDay(h); ok {
			yearly[m][day] = true
			continue
		}
		code := strings.ToLower(h)
		if seen[code] {
			continue
		}
		t, ok := holidayTable(code, actual)
		if !ok {
			return specErr(fmt.Sprintf("holidays[%d]", i), h, ErrUnknownHoliday, "see calendar.HolidaySets")
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[code] = true
		sets = append(sets, t)
		if len(t.days) > len(c.hol.days) {
			c.hol = t
		}
	}
	for _, t := range sets {
		if t != c.hol {
			for _, d := range t.days {
				c.closeDay(civil(d))
			}
		}
	}
	for m := range yearly {
		for day := range yearly[m] {
			if !yearly[m][day] {
				continue
			}
			for y := firstYear - 1; y < endYear; y++ {
				if day <= daysIn(time.Month(m), y) {
					c.closeDay(civilOf(y, time.Month(m), day))
				}
			}
		}
	}
	return nil
}

func (c *compiled) closeDay(d civil) {
	if setFirst <= d && d < endDay {
		c.closed = append(c.closed, d)
	}
}

// distinct sorts dates within the dates a calendar knows and drops
// repeats: a few by sorting, many in linear time through a dateSet.
func distinct(ds []civil) []civil {
	if len(ds) <= 4096 {
		slices.Sort(ds)
		return slices.Compact(ds)
	}
	set := newDateSet()
	for _, d := range ds {
		set.add(d)
	}
	out := ds[:0]
	set.each(func(d civil) { out = append(out, d) })
	return out
}

// assemble builds the engine and checks that no intervals overlap.
func (c *compiled) assemble() (*single, error) {
	s := &single{z: c.z, hol: c.hol, lo: c.z.lo, hi: c.z.hi, endKey: int64(endDay) * dayNs}
	var open, work [7]int64
	for d := range 7 {
		s.week[d] = newDayHours(c.week[d])
		open[d] = s.week[d].total()
		if len(c.week[d]) > 0 {
			work[d] = 1
		}
	}
	s.wts = [2]weights{newWeights(open), newWeights(work)}
	s.initHeld()
	// The dates holidays close that the shared table does not hold.
	closed := distinct(c.closed)
	closed = slices.DeleteFunc(closed, func(d civil) bool { return c.hol.has(d, c.hol.index(d)) })
	s.addOwn(closed, c.dates)
	if err := c.checkOverlaps(s); err != nil {
		return nil, err
	}
	s.initPeriods()
	s.workLo = s.sum(kindWork, firstDay, s.hol.index(firstDay), s.ownIndex(firstDay))
	s.workHi = s.sum(kindWork, endDay, s.hol.index(endDay), s.ownIndex(endDay))
	s.chained = true
	for d := range 7 {
		h, n := &s.week[d], &s.week[(d+1)%7]
		s.chained = s.chained && len(h.ivs) == 1 && len(n.ivs) == 1 && h.ivs[0].b == dayNs+n.ivs[0].a
	}
	return s, nil
}

// addOwn lists the calendar's own dates: the dates closed, and the
// overrides (which win on the same date), leaving out those that change
// nothing.
func (s *single) addOwn(closed []civil, dates []dateSpans) {
	var sum int64
	var work int32
	add := func(x civil, h *dayHours) {
		ai := s.hol.index(x)
		base := &s.week[x.weekday()]
		if s.hol.has(x, ai) {
			base = closedDay
		}
		if slices.Equal(h.ivs, base.ivs) {
			return
		}
		o := ownDay{day: int32(x), hol: int32(ai), hours: -1, work: work, sum: sum}
		if len(h.ivs) > 0 {
			o.hours = int32(len(s.hours))
			s.hours = append(s.hours, *h)
		}
		s.own = append(s.own, o)
		sum += h.total() - base.total()
		work += int32(min(len(h.ivs), 1) - min(len(base.ivs), 1))
	}
	for i, j := 0, 0; i < len(closed) || j < len(dates); {
		if j < len(dates) && (i == len(closed) || dates[j].day <= closed[i]) {
			if i < len(closed) && closed[i] == dates[j].day {
				i++
			}
			h := newDayHours(dates[j].spans)
			add(dates[j].day, &h)
			j++
			continue
		}
		add(closed[i], closedDay)
		i++
	}
	s.own = append(s.own, ownDay{day: math.MaxInt32, hol: int32(len(s.hol.days)), hours: -1, work: work, sum: sum})
}

// checkOverlaps reports intervals that run into the next date's, where
// they do once holidays and overrides are applied (DESIGN meaning 9).
func (c *compiled) checkOverlaps(s *single) error {
	for d := range 7 {
		next := (d + 1) % 7
		if x, y, bad := overlaps(&s.week[d], &s.week[next]); bad && s.weekShows(d) {
			return specErr("hours."+c.setBy[d], fmtInterval(x), ErrOverlap, "runs into ", weekdayKey(next), " ", fmtInterval(y))
		}
	}
	known := func(x civil) *dayHours {
		if x < setFirst || x >= endDay {
			return closedDay
		}
		return s.hoursOf(x)
	}
	for _, o := range s.own[:len(s.own)-1] {
		if o.hours < 0 {
			continue
		}
		x, h := civil(o.day), &s.hours[o.hours]
		key := "dates." + dateString(x)
		if a, b, bad := overlaps(known(x-1), h); bad {
			return specErr(key, fmtInterval(b), ErrOverlap, "the day before runs into it until ", fmtInterval(a))
		}
		if a, b, bad := overlaps(h, known(x+1)); bad {
			return specErr(key, fmtInterval(a), ErrOverlap, "runs into the next day's ", fmtInterval(b))
		}
	}
	return nil
}

// weekShows reports whether some date on weekday d and the date after it
// both follow the weekly hours.
func (s *single) weekShows(d int) bool {
	x := setFirst + civil((d-setFirst.weekday()+7)%7)
	for ; x+1 < endDay; x += 7 {
		ai, bi := s.look(x)
		if s.hoursAt(x, ai, bi) != &s.week[d] {
			continue
		}
		ai, bi = s.next(x, ai, bi)
		if s.hoursAt(x+1, ai, bi) == &s.week[(d+1)%7] {
			return true
		}
	}
	return false
}

// overlaps reports whether the interval of a that runs past midnight (only
// the last can) runs into b's first, and returns the two.
func overlaps(a, b *dayHours) (interval, interval, bool) {
	if len(a.ivs) == 0 || len(b.ivs) == 0 {
		return interval{}, interval{}, false
	}
	x, y := a.ivs[len(a.ivs)-1], b.ivs[0]
	return x, y, x.b > dayNs+y.a
}

func parseMonthDay(s string) (time.Month, int, bool) {
	if len(s) != 5 || s[2] != '-' {
		return 0, 0, false
	}
	m, ok1 := digits(s[0:2])
	d, ok2 := digits(s[3:5])
	if !ok1 || !ok2 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), 2000) {
		return 0, 0, false
	}
	return time.Month(m), d, true
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

func fmtInterval(iv interval) string { return fmtClock(iv.a/secNs) + "-" + fmtClock(iv.b/secNs) }

func dateString(d civil) string { return time.Unix(int64(d)*daySec, 0).UTC().Format(time.DateOnly) }

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

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
