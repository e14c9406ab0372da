package calendar

import (
	"math"
	"sync"
	"time"
)

// A zone's offsets between the calendar's first and last dates do not
// depend on the calendar: they are computed once per zone name and shared
// by every calendar in that zone (see zoneNamed).

// period is a stretch of instants [start, next period's start) with one UTC
// offset. The calendar reads the wall clock through its running maximum
// (wall): an instant belongs to the wall time the clock has reached, so that
// the hour a clock repeats after it goes back is seen as the instant just
// before it went back (DESIGN meaning 2).
type period struct {
	start int64 // the first instant (ns); math.MinInt64 for the first period
	off   int64 // the UTC offset (ns)
	// wmax is the greatest wall time (ns on the wall clock) shown before
	// start; math.MinInt64 for the first period.
	wmax int64
	// flatEnd ends the instants [start, flatEnd) at which the clock shows
	// no more than wmax, after it went back: the calendar sees wmax there.
	flatEnd int64
	// The dates whose intervals may hold the wall times of the period past
	// its flat part, within the calendar's range: [date0, date1].
	date0, date1 int32
}

// zoneTable is what a calendar needs of its zone.
type zoneTable struct {
	loc     *time.Location
	periods []period // covering every instant, in order
	lo, hi  int64    // the instants of 1900-01-01 00:00 and 2150-01-01 00:00 on the wall clock
	// index[(t-lo)>>indexShift] is the period that holds the first instant
	// of that stretch of about 52 days, where periodAt starts looking.
	index []int32
}

const indexShift = 52

// zoneCache holds one *zoneTable per zone name. It only saves work: a table
// is a pure function of the zone's rules, never changes once stored, and
// there is at most one per name time.LoadLocation accepts (the IANA
// database has about 600 names; a table is 20 to 40 KB).
var zoneCache sync.Map

// zoneNamed returns the shared table of the IANA zone name, or false when
// time.LoadLocation does not know it. Loading a zone reads its file, which
// costs more than building a calendar: that is done once per name too.
func zoneNamed(name string) (*zoneTable, bool) {
	if z, ok := zoneCache.Load(name); ok {
		return z.(*zoneTable), true
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, false
	}
	z, _ := zoneCache.LoadOrStore(name, newZoneTable(loc))
	return z.(*zoneTable), true
}

func newZoneTable(loc *time.Location) *zoneTable {
	z := &zoneTable{loc: loc, periods: zonePeriods(loc, firstDay-3, endDay+3)}
	ps := z.periods
	ps[0].wmax, ps[0].flatEnd = math.MinInt64, ps[0].start
	for j := 1; j < len(ps); j++ {
		p := &ps[j]
		p.wmax = max(ps[j-1].wmax, p.start-1+ps[j-1].off)
		p.flatEnd = p.start
		if p.wmax-p.off+1 > p.start {
			p.flatEnd = p.wmax - p.off + 1
		}
		if j+1 < len(ps) {
			p.flatEnd = min(p.flatEnd, ps[j+1].start)
		}
	}
	z.lo = z.resolve(int64(firstDay) * dayNs)
	z.hi = z.resolve(int64(endDay) * dayNs)
	for j := range ps {
		p := &ps[j]
		from, to := max(p.flatEnd, z.lo), z.hi
		if j+1 < len(ps) {
			to = min(to, ps[j+1].start)
		}
		if from <= to { // the period meets the range
			p.date0 = int32(floorDiv(from+p.off, dayNs) - 1)
			p.date1 = int32(floorDiv(to+p.off, dayNs))
		}
	}
	z.index = make([]int32, (z.hi-z.lo)>>indexShift+1)
	for i := range z.index {
		z.index[i] = int32(z.search(z.lo + int64(i)<<indexShift))
	}
	return z
}

// zonePeriods lists the zone's offsets between two dates, merging
// neighbours that differ only in name. The first period starts at
// math.MinInt64.
func zonePeriods(loc *time.Location, from, to civil) []period {
	t := time.Unix(int64(from)*daySec-2*daySec, 0).In(loc)
	stop := int64(to)*daySec + 2*daySec
	var ps []period
	for {
		_, off := t.Zone()
		_, e := t.ZoneBounds()
		// t is where the zone last changed (or the first instant asked
		// about); a change that keeps the offset only renames it.
		if n := len(ps); n == 0 || ps[n-1].off != int64(off)*secNs {
			ps = append(ps, period{start: t.UnixNano(), off: int64(off) * secNs})
		}
		if e.IsZero() || e.Unix() > stop {
			break
		}
		if !e.After(t) {
			e = stepPast(t)
		}
		t = e
	}
	ps[0].start = math.MinInt64
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
func (z *zoneTable) periodAt(t int64) int {
	if t < z.lo || t > z.hi {
		return z.search(t)
	}
	j := int(z.index[(t-z.lo)>>indexShift])
	for j+1 < len(z.periods) && z.periods[j+1].start <= t {
		j++
	}
	return j
}

// search is periodAt by bisection.
func (z *zoneTable) search(t int64) int {
	ps := z.periods
	lo, hi := 0, len(ps)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if ps[m].start <= t {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// wall returns the wall time the calendar sees at instant t, which lies in
// period j: the greatest the clock has shown up to t.
func (z *zoneTable) wall(j int, t int64) int64 {
	return max(t+z.periods[j].off, z.periods[j].wmax)
}

// clock returns what the clock shows at instant t in period j.
func (z *zoneTable) clock(j int, t int64) int64 { return t + z.periods[j].off }

// reaching returns the index of the period in which the wall clock first
// reaches wall time k: the last whose wmax is below k.
func (z *zoneTable) reaching(k int64) int {
	ps := z.periods
	lo, hi := 0, len(ps)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if ps[m].wmax < k {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// resolve maps wall time k to the earliest instant at which the clock shows
// k or later (DESIGN meaning 2).
func (z *zoneTable) resolve(k int64) int64 {
	p := &z.periods[z.reaching(k)]
	return max(p.start, k-p.off)
}

// resolveNear is resolve, searching from period j, which should be near
// the answer.
func (z *zoneTable) resolveNear(j int, k int64) int64 {
	p := &z.periods[z.reachingNear(j, k)]
	return max(p.start, k-p.off)
}

// reachingNear is reaching, searching from period j.
func (z *zoneTable) reachingNear(j int, k int64) int {
	ps := z.periods
	if ps[j].wmax >= k {
		return gallop(0, j, true, func(m int) bool { return ps[m].wmax < k }) - 1
	}
	if j+1 == len(ps) || ps[j+1].wmax >= k {
		return j // most often: the same period
	}
	return gallop(j+2, len(ps), false, func(m int) bool { return ps[m].wmax < k }) - 1
}
