package calendar_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/lv"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/us"

	"github.com/slaclock/slaclock/calendar"
)

// A second slow reference, for what the minute-by-minute one cannot see:
// spans of years, holiday sets, and the first and last dates. It lists
// every date's intervals from 1899-12-31 to 2149-12-31 as instants, one
// date at a time, through the zone's offsets as the time package shows
// them hour by hour; sums, searches and runs are then plain list work.

// spanZones are zones with many changes of offset, some across midnight,
// some with dates that never happen.
var spanZones = []string{
	"America/New_York", "Europe/London", "Australia/Lord_Howe", "America/St_Johns", "Asia/Tehran",
	"Antarctica/Casey", "America/Phoenix", "Pacific/Apia", "Pacific/Kiritimati", "America/Santiago",
	"America/Havana", "Africa/Cairo", "UTC", "America/Moncton", "America/Goose_Bay", "Asia/Kolkata",
}

// spanSets are holiday sets with their dates as (*cal.Holiday).Calc gives
// them: what a calendar must close.
var spanSets = map[string][]*cal.Holiday{
	"us": us.Holidays, "gb": gb.Holidays, "de-by": de.HolidaysBY, "se": se.Holidays, "lv": lv.Holidays, "au-nsw": au.HolidaysNSW,
}

// spanZone is a zone's offsets: changes[i] is in force from at[i] on.
type spanZone struct {
	loc  *time.Location
	at   []int64 // ns; at[0] is math.MinInt64
	offs []int64 // ns
}

var (
	spanZoneMu sync.Mutex
	spanZoneOf = map[string]*spanZone{}
)

// spanZoneFor steps through the zone an hour at a time and finds each
// change of offset to the second.
func spanZoneFor(tb testing.TB, name string) *spanZone {
	spanZoneMu.Lock()
	defer spanZoneMu.Unlock()
	if z, ok := spanZoneOf[name]; ok {
		return z
	}
	loc := loadZone(tb, name)
	off := func(u int64) int64 { _, o := time.Unix(u, 0).In(loc).Zone(); return int64(o) }
	z := &spanZone{loc: loc}
	from, to := time.Date(1899, 12, 20, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2150, 1, 10, 0, 0, 0, 0, time.UTC).Unix()
	z.at, z.offs = []int64{math.MinInt64}, []int64{off(from) * 1e9}
	const step = 12 * 3600 // no zone changes and changes back within 12 hours
	for u := from; u < to; {
		if off(u+step) == off(u) {
			u += step
			continue
		}
		lo, hi := u, u+step // the offset changes in (lo, hi]
		for hi-lo > 1 {
			if m := lo + (hi-lo)/2; off(m) == off(lo) {
				lo = m
			} else {
				hi = m
			}
		}
		z.at, z.offs = append(z.at, hi*1e9), append(z.offs, off(hi)*1e9)
		u = hi
	}
	spanZoneOf[name] = z
	return z
}

// resolve returns the earliest instant at which the clock shows wall time k
// (ns since 1970-01-01 00:00 on the wall clock) or later: the first period,
// in time order, in which the clock reaches k.
func (z *spanZone) resolve(k int64) int64 {
	i := sort.Search(len(z.at), func(i int) bool { return z.at[i] > k-30*3600*1e9 }) - 1
	for ; ; i++ {
		u := max(z.at[i], k-z.offs[i])
		if i+1 == len(z.at) || u < z.at[i+1] {
			return u
		}
	}
}

// clock returns what the clock shows at instant u.
func (z *spanZone) clock(u int64) int64 {
	i := sort.Search(len(z.at), func(i int) bool { return z.at[i] > u }) - 1
	return u + z.offs[i]
}

// spanSched is a schedule as the reference sees it; spans in minutes from
// a date's midnight (refIv, as the other reference writes them).
type spanSched struct {
	zone     string
	week     [7][]refIv // by time.Weekday
	sets     []string
	actual   bool
	holidays []int64 // civil days
	yearly   []int64 // month*100 + day
	dates    map[int64][]refIv
	closed   map[int64]bool // every date a holiday closes, worked out from the above
}

func (s *spanSched) spec() calendar.Spec {
	sp := calendar.Spec{Zone: s.zone, Hours: map[string][]string{}, Dates: map[string][]string{}}
	for d, ivs := range s.week {
		if len(ivs) > 0 {
			sp.Hours[dayKeys[d]] = ivStrings(ivs)
		}
	}
	sp.Holidays = append(sp.Holidays, s.sets...)
	for _, h := range s.holidays {
		sp.Holidays = append(sp.Holidays, civilDate(h).Format(time.DateOnly))
	}
	for _, md := range s.yearly {
		sp.Holidays = append(sp.Holidays, fmt.Sprintf("%02d-%02d", md/100, md%100))
	}
	if s.actual {
		sp.HolidayDates = "actual"
	}
	for d, ivs := range s.dates {
		sp.Dates[civilDate(d).Format(time.DateOnly)] = ivStrings(ivs)
	}
	return sp
}

// intervalsOf is a date's own intervals: its override, none on a holiday,
// else its weekday's; none outside the dates the calendar knows.
func (s *spanSched) intervalsOf(day int64) []refIv {
	if day < refFirst-1 || day >= refEnd {
		return nil
	}
	if ivs, ok := s.dates[day]; ok {
		return ivs
	}
	if s.closed[day] {
		return nil
	}
	return s.week[weekdayOf(day)]
}

// closeDays works out every date the holidays close.
func (s *spanSched) closeDays() {
	s.closed = map[int64]bool{}
	for _, h := range s.holidays {
		s.closed[h] = true
	}
	for y := 1899; y < 2150; y++ {
		for _, md := range s.yearly {
			if d := time.Date(y, time.Month(md/100), int(md%100), 0, 0, 0, 0, time.UTC); d.Day() == int(md%100) {
				s.closed[civilDay(y, d.Month(), d.Day())] = true
			}
		}
	}
	for _, code := range s.sets {
		for _, h := range spanSets[code] {
			for y := 1899; y <= 2150; y++ {
				a, o := h.Calc(y)
				if s.actual {
					o = a
				}
				if !o.IsZero() {
					s.closed[civilDay(o.Year(), o.Month(), o.Day())] = true
				}
			}
		}
	}
}

// valid reports whether New must accept the schedule (DESIGN meaning 9).
func (s *spanSched) valid() bool {
	total := 0
	for d := range 7 {
		total += len(s.week[d])
		if !disjoint(s.week[d]) || spillsInto(s.week[d], s.week[(d+1)%7]) {
			return false
		}
	}
	for day, ivs := range s.dates {
		if !disjoint(ivs) || spillsInto(s.intervalsOf(day-1), s.intervalsOf(day)) || spillsInto(s.intervalsOf(day), s.intervalsOf(day+1)) {
			return false
		}
	}
	return total > 0
}

// genSpanSched draws a schedule: weekly hours from a palette of wall times
// around midnight and the hours clocks change at, holiday sets, dates and
// overrides over the whole range, near its edges and near the zone's
// changes.
func genSpanSched(r *rand.Rand, z *spanZone, zone string) *spanSched {
	s := &spanSched{zone: zone, dates: map[int64][]refIv{}}
	s.week = genSpanWeek(r)
	sets := slices.Sorted(func(yield func(string) bool) {
		for k := range spanSets {
			if !yield(k) {
				return
			}
		}
	})
	for range 1 + r.IntN(2) {
		s.sets = append(s.sets, sets[r.IntN(len(sets))])
	}
	if r.IntN(4) == 0 {
		s.sets = nil
	}
	s.actual = r.IntN(3) == 0
	// Dates: anywhere, at the edges, and at the zone's changes.
	someDay := func() int64 {
		switch r.IntN(4) {
		case 0:
			return refFirst - 1 + r.Int64N(3)
		case 1:
			return refEnd - 3 + r.Int64N(3)
		case 2:
			if len(z.at) > 1 {
				u := z.at[1+r.IntN(len(z.at)-1)]
				return keyDay(z.clock(u)/int64(time.Minute)) - 1 + r.Int64N(3)
			}
		}
		return refFirst - 1 + r.Int64N(refEnd-refFirst+1)
	}
	for range r.IntN(30) {
		s.holidays = append(s.holidays, someDay())
	}
	for range r.IntN(3) {
		s.yearly = append(s.yearly, int64(1+r.IntN(12))*100+int64(1+r.IntN(28)))
	}
	if r.IntN(8) == 0 {
		s.yearly = append(s.yearly, 229, 1231)
	}
	s.closeDays()
	for range r.IntN(40) {
		day := someDay()
		s.dates[day] = genSpanDay(r)
		if r.IntN(3) == 0 { // beside a holiday, valid only because it closes
			s.closed[day-1], s.holidays = true, append(s.holidays, day-1)
			if ivs := s.dates[day]; len(ivs) > 0 {
				ivs[0].open = 0
			}
		}
	}
	for !s.valid() {
		for _, day := range slices.Sorted(func(yield func(int64) bool) {
			for k := range s.dates {
				if !yield(k) {
					return
				}
			}
		}) {
			ivs := s.dates[day]
			if !disjoint(ivs) || spillsInto(s.intervalsOf(day-1), ivs) || spillsInto(ivs, s.intervalsOf(day+1)) {
				delete(s.dates, day)
				break
			}
		}
		if len(s.dates) == 0 && !s.valid() {
			panic("genSpanSched: invalid weekly hours")
		}
	}
	return s
}

// genSpanDay draws a date's intervals from a palette of wall times around
// midnight and the hours clocks change at.
func genSpanDay(r *rand.Rand) []refIv {
	palette := []int{0, 30, 60, 90, 120, 150, 180, 360, 540, 720, 1020, 1320, 1380, 1410, 1440}
	var ivs []refIv
	for at := 0; len(ivs) < 3 && at < dayMin; {
		open := max(at, palette[r.IntN(len(palette)-1)])
		if open >= dayMin || r.IntN(3) == 0 {
			break
		}
		close := min(open+30+r.IntN(dayMin-open+360), open+dayMin-1)
		if close > dayMin && (r.IntN(2) == 0 || open == 0) {
			close = dayMin
		}
		ivs = append(ivs, refIv{open: open, close: close})
		at = close + 1
	}
	return ivs
}

// genSpanWeek draws weekly hours whose night shifts end before the next
// day's first opening.
func genSpanWeek(r *rand.Rand) [7][]refIv {
	var week [7][]refIv
	for d := range 7 {
		if r.IntN(5) > 0 {
			week[d] = genSpanDay(r)
		}
	}
	for d := range 7 {
		if n := len(week[d]); n > 0 {
			if next := week[(d+1)%7]; len(next) > 0 && week[d][n-1].close > dayMin+next[0].open {
				week[d][n-1].close = dayMin + next[0].open
			}
		}
	}
	if len(week[1])+len(week[3])+len(week[5]) == 0 {
		week[1] = []refIv{{open: 540, close: 1020}}
	}
	return week
}

// spanIv is one date's interval as instants, cut at the calendar's edges.
type spanIv struct {
	a, b int64
	day  int64
}

// spanRef is the reference's calendar: all intervals in order, with their
// running open time.
type spanRef struct {
	z      *spanZone
	s      *spanSched
	lo, hi int64
	ivs    []spanIv
	cum    []int64 // cum[i]: open time in ivs[:i]
	work   []int64 // the working dates, in order
}

func newSpanRef(z *spanZone, s *spanSched) *spanRef {
	ref := &spanRef{z: z, s: s, lo: z.resolve(refFirst * 86400e9), hi: z.resolve(refEnd * 86400e9)}
	for day := refFirst - 1; day < refEnd; day++ {
		ivs := s.intervalsOf(day)
		if len(ivs) > 0 && day >= refFirst {
			ref.work = append(ref.work, day)
		}
		for _, iv := range ivs {
			a := z.resolve(day*86400e9 + int64(iv.open)*60e9)
			b := z.resolve(day*86400e9 + int64(iv.close)*60e9)
			a, b = min(max(a, ref.lo), ref.hi), min(max(b, ref.lo), ref.hi)
			ref.ivs = append(ref.ivs, spanIv{a, b, day})
		}
	}
	ref.cum = make([]int64, len(ref.ivs)+1)
	for i, iv := range ref.ivs {
		ref.cum[i+1] = ref.cum[i] + iv.b - iv.a
	}
	return ref
}

// g is the open time in [lo, t).
func (ref *spanRef) g(t int64) int64 {
	i := sort.Search(len(ref.ivs), func(i int) bool { return ref.ivs[i].b > t })
	v := ref.cum[i]
	if i < len(ref.ivs) && t > ref.ivs[i].a {
		v += t - ref.ivs[i].a
	}
	return v
}

// add is Add in ns: the earliest u with g(u) = g(t) + d (d > 0), the
// latest with g(u) = g(t) + d (d < 0); false past the range.
func (ref *spanRef) add(t, d int64) (int64, bool) {
	v := ref.g(max(min(t, ref.hi), ref.lo)) + d
	if v < 0 || v > ref.cum[len(ref.ivs)] {
		return 0, false
	}
	if d > 0 { // the first interval whose end reaches v
		i := sort.Search(len(ref.ivs), func(i int) bool { return ref.cum[i+1] >= v })
		return ref.ivs[i].a + v - ref.cum[i], true
	}
	i := sort.Search(len(ref.ivs), func(i int) bool { return ref.cum[i+1] > v })
	return ref.ivs[i].a + v - ref.cum[i], true
}

func (ref *spanRef) openAt(t int64) bool {
	i := sort.Search(len(ref.ivs), func(i int) bool { return ref.ivs[i].b > t })
	return i < len(ref.ivs) && ref.ivs[i].a <= t
}

// nextOpen is the first open instant at or after t.
func (ref *spanRef) nextOpen(t int64) (int64, bool) {
	t = max(t, ref.lo)
	i := sort.Search(len(ref.ivs), func(i int) bool { return ref.ivs[i].b > t })
	for i < len(ref.ivs) && ref.ivs[i].a == ref.ivs[i].b {
		i++ // never open
	}
	if i == len(ref.ivs) || t >= ref.hi {
		return 0, false
	}
	return max(t, ref.ivs[i].a), true
}

// nextClose is the end of the run that holds or follows t; false when it
// reaches the end of the range.
func (ref *spanRef) nextClose(t int64) (int64, bool) {
	s, ok := ref.nextOpen(t)
	if !ok {
		return 0, false
	}
	i := sort.Search(len(ref.ivs), func(i int) bool { return ref.ivs[i].b > s })
	end := ref.ivs[i].b
	for i++; i < len(ref.ivs) && ref.ivs[i].a <= end; i++ {
		end = max(end, ref.ivs[i].b)
	}
	if end >= ref.hi {
		return 0, false
	}
	return end, true
}

// addDays follows DESIGN meaning 7 literally.
func (ref *spanRef) addDays(t int64, n int) (int64, bool) {
	s, ok := ref.nextOpen(t)
	if !ok {
		return 0, false
	}
	if n == 0 {
		return s, true
	}
	i := sort.Search(len(ref.ivs), func(i int) bool { return ref.ivs[i].b > s })
	owner := ref.ivs[i].day
	wall := ref.z.clock(s) - owner*86400e9
	k := sort.Search(len(ref.work), func(i int) bool { return ref.work[i] >= owner }) // owner's place
	if n > 0 && owner < refFirst {
		k-- // the day before the first date works, before ref.work[0]
	}
	if int64(n) > int64(len(ref.work)-1-k) || int64(n) < int64(-k) {
		return 0, false
	}
	day := ref.work[k+n]
	u := ref.z.resolve(day*86400e9 + wall)
	var ivs []spanIv
	for _, iv := range ref.ivs[sort.Search(len(ref.ivs), func(i int) bool { return ref.ivs[i].day >= day }):] {
		if iv.day != day {
			break
		}
		ivs = append(ivs, iv)
	}
	for _, iv := range ivs {
		if u < iv.a {
			return iv.a, true
		}
		if u < iv.b {
			return u, true
		}
	}
	return ivs[len(ivs)-1].b, true
}

func spanCount() (schedules, queries int) {
	switch {
	case os.Getenv("SLACLOCK_LONG") == "1":
		return 200, 3000
	case raceEnabled:
		return 3, 200
	}
	return 10, 300
}

// TestWholeRange compares calendars with the whole-range reference on
// random schedules and random instants, durations and day counts that span
// decades.
func TestWholeRange(t *testing.T) {
	seed := *refSeed
	r := rand.New(rand.NewPCG(seed, seed^0x7a11))
	nSched, nQueries := spanCount()
	failed := 0
	for i := range nSched {
		zone := spanZones[(int(seed)+i)%len(spanZones)]
		z := spanZoneFor(t, zone)
		s := genSpanSched(r, z, zone)
		c, err := calendar.New(s.spec())
		if err != nil {
			t.Fatalf("seed %d schedule %d: New: %v", seed, i, err)
		}
		ref := newSpanRef(z, s)
		for q := range nQueries {
			if msg := spanCheck(r, ref, c, q); msg != "" {
				failed++
				if failed <= 10 {
					t.Errorf("seed %d schedule %d in %s, query %d: %s", seed, i, zone, q, msg)
				}
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d queries disagree with the reference", failed)
	}
}

// spanCheck draws one query and compares the answers.
func spanCheck(r *rand.Rand, ref *spanRef, c *calendar.Calendar, q int) string {
	loc := ref.z.loc
	at := func(u int64) time.Time { return time.Unix(0, u).In(loc) }
	instant := func() int64 {
		switch r.IntN(3) {
		case 0: // near an edge
			if r.IntN(2) == 0 {
				return ref.lo - 3*86400e9 + r.Int64N(6*86400e9)
			}
			return ref.hi - 3*86400e9 + r.Int64N(6*86400e9)
		case 1: // near a change of offset
			if len(ref.z.at) > 1 {
				return ref.z.at[1+r.IntN(len(ref.z.at)-1)] - 86400e9 + r.Int64N(2*86400e9)
			}
		}
		return ref.lo - 86400e9 + r.Int64N(ref.hi-ref.lo+2*86400e9)
	}
	t0, t1 := instant(), instant()
	T0 := at(t0)
	same := func(got time.Time, want int64, ok bool) string {
		switch {
		case !ok && !got.IsZero():
			return fmt.Sprintf("got %s, want the zero Time", show(got))
		case ok && !got.Equal(at(want)):
			return cmp.Diff(show(at(want)), show(got))
		}
		return ""
	}
	switch q % 6 {
	case 0:
		want := ref.g(min(max(t1, ref.lo), ref.hi)) - ref.g(min(max(t0, ref.lo), ref.hi))
		if got := c.Between(T0, at(t1)); int64(got) != want {
			return fmt.Sprintf("Between(%s, %s) = %v, want %v", show(T0), show(at(t1)), got, time.Duration(want))
		}
	case 1, 2:
		d := 1 + r.Int64N([]int64{3600e9, 30 * 86400e9, 20 * 365 * 86400e9}[r.IntN(3)])
		if q%6 == 2 {
			d = -d
		}
		u, ok := ref.add(t0, d)
		if m := same(c.Add(T0, time.Duration(d)), u, ok); m != "" {
			return fmt.Sprintf("Add(%s, %v): %s", show(T0), time.Duration(d), m)
		}
	case 3:
		if got, want := c.IsOpen(T0), ref.openAt(t0) && t0 >= ref.lo && t0 < ref.hi; got != want {
			return fmt.Sprintf("IsOpen(%s) = %v, want %v", show(T0), got, want)
		}
		u, ok := ref.nextOpen(t0)
		got, gok := c.NextOpen(T0)
		if gok != ok || ok && !got.Equal(at(u)) {
			return fmt.Sprintf("NextOpen(%s) = %s, %v, want %s, %v", show(T0), show(got), gok, show(at(u)), ok)
		}
	case 4:
		u, ok := ref.nextClose(t0)
		got, gok := c.NextClose(T0)
		if gok != ok || ok && !got.Equal(at(u)) {
			return fmt.Sprintf("NextClose(%s) = %s, %v, want %s, %v", show(T0), show(got), gok, show(at(u)), ok)
		}
	default:
		n := []int{r.IntN(11) - 5, r.IntN(601) - 300, r.IntN(200001) - 100000, math.MinInt, math.MaxInt}[r.IntN(5)]
		u, ok := ref.addDays(t0, n)
		if m := same(c.AddDays(T0, n), u, ok); m != "" {
			return fmt.Sprintf("AddDays(%s, %d): %s", show(T0), n, m)
		}
	}
	return ""
}
