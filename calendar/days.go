package calendar

import "time"

// initDays prepares the counts of working days (single calendars).
func (c *Calendar) initDays() {
	for r := range 7 {
		c.weekWork[r+1] = c.weekWork[r]
		if len(c.week[r]) > 0 {
			c.weekWork[r+1]++
		}
	}
	c.dayDelta = make([]int32, len(c.days)+1)
	for i, d := range c.days {
		delta := int32(0)
		if len(d.spans) > 0 {
			delta++
		}
		if len(c.week[d.day.weekday()]) > 0 {
			delta--
		}
		c.dayDelta[i+1] = c.dayDelta[i] + delta
	}
}

// own returns the intervals date d owns (single calendars).
func (c *Calendar) own(d civil) []span {
	lo, hi := 0, len(c.days)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.days[m].day < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(c.days) && c.days[lo].day == d {
		return c.days[lo].spans
	}
	return c.week[d.weekday()]
}

// worked returns the number of working days before d, from an origin.
func (c *Calendar) worked(d civil) int64 {
	return c.workedIn(d, 0, len(c.days))
}

// workedIn is worked for a d whose count of exception days before it is
// known to lie in [lo, hi]: a narrower search.
func (c *Calendar) workedIn(d civil, lo, hi int) int64 {
	m := int64(d) + 3 // days since Monday 1969-12-29
	q := floorDiv(m, 7)
	r := m - 7*q
	n := q*int64(c.weekWork[7]) + int64(c.weekWork[r])
	return n + int64(c.dayDelta[c.exceptionsBefore(d, lo, hi)])
}

// exceptionsBefore returns the number of exception days before d, knowing
// it lies in [lo, hi].
func (c *Calendar) exceptionsBefore(d civil, lo, hi int) int {
	for lo < hi {
		k := int(uint(lo+hi) >> 1)
		if c.days[k].day < d {
			lo = k + 1
		} else {
			hi = k
		}
	}
	return lo
}

// dayIntervals returns the instants of the intervals date d owns, for a
// single calendar; for a union, the open runs within the date.
func (c *Calendar) dayIntervals(d civil, buf []interval) []interval {
	buf = buf[:0]
	if c.single {
		for _, s := range c.own(d) {
			a := resolve(c.periods, int64(d)*dayNs+s.open*secNs)
			b := resolve(c.periods, int64(d)*dayNs+s.close*secNs)
			buf = append(buf, interval{a, b})
		}
		return buf
	}
	from := resolve(c.periods, int64(d)*dayNs)
	to := resolve(c.periods, int64(d+1)*dayNs)
	c.runs(from, to, func(a, b int64) bool {
		buf = append(buf, interval{a, b})
		return true
	})
	return buf
}

// spills reports whether a day's intervals run past its midnight.
func spills(spans []span) bool {
	for _, s := range spans {
		if s.close > daySec {
			return true
		}
	}
	return false
}

// working reports whether date d is a working day: a date with hours.
func (c *Calendar) working(d civil) bool {
	if c.single {
		return len(c.own(d)) > 0
	}
	from := resolve(c.periods, int64(d)*dayNs)
	to := resolve(c.periods, int64(d+1)*dayNs)
	return c.g(to) > c.g(from)
}

// AddDays returns the same wall-clock time as t on the n-th following
// working day (n > 0) or the n-th preceding one (n < 0), clamped into that
// day's hours: before its first opening it is the first opening, inside a
// break the next opening, after its last close the last close. A t outside
// hours first moves to the next opening (so AddDays(t, 0) is NextOpen(t)).
// A working day is a date with hours of its own; an open instant belongs to
// the date whose interval holds it, so a night shift counts for the day it
// starts on. For a [Union], a working day is a date of the union's zone in
// which it is open. AddDays returns the zero Time when there is no such day
// within the calendar's dates.
func (c *Calendar) AddDays(t time.Time, n int) time.Time {
	if t.Unix() >= c.hi/secNs+1 {
		return time.Time{}
	}
	s, k, ok := c.nextOpenPiece(c.ns(t))
	if !ok {
		return time.Time{}
	}
	if n == 0 {
		return c.at(t, s)
	}
	if c.single && -maxWalk <= n && n <= maxWalk {
		p := &c.pieces[k]
		pi := periodNear(c.periods, int(p.period), s)
		return c.addDaysNear(t, s, pi, int(p.except), n)
	}
	// The date that owns s, and the wall-clock offset from its midnight.
	local := s + offsetAt(c.periods, s)
	d := civil(floorDiv(local, dayNs))
	var buf [8]interval
	if c.single && spills(c.own(d-1)) {
		for _, iv := range c.dayIntervals(d-1, buf[:0]) {
			if iv.a <= s && s < iv.b {
				d--
				break
			}
		}
	}
	wall := local - int64(d)*dayNs
	target, ok := c.nthWorking(d, n)
	if !ok {
		return time.Time{}
	}
	u := resolve(c.periods, int64(target)*dayNs+wall)
	ivs := c.dayIntervals(target, buf[:0])
	if len(ivs) == 0 {
		return time.Time{}
	}
	switch {
	case u < ivs[0].a:
		u = ivs[0].a
	case u >= ivs[len(ivs)-1].b:
		u = ivs[len(ivs)-1].b
	default:
		for _, iv := range ivs {
			if u < iv.a {
				u = iv.a
				break
			}
			if u < iv.b {
				break
			}
		}
	}
	return c.at(t, u)
}

// nthWorking returns the n-th working day after d (before it for n < 0).
func (c *Calendar) nthWorking(d civil, n int) (civil, bool) {
	if !c.single {
		step := civil(1)
		if n < 0 {
			step, n = -1, -n
		}
		for n > 0 {
			d += step
			if d < c.firstD || d >= c.endD {
				return 0, false
			}
			if c.working(d) {
				n--
			}
		}
		return d, true
	}
	// The working day with exactly want working days before it: the least
	// day x with worked(x+1) > want. Gallop from d to bracket it, so that
	// the search costs the log of the distance, not of the calendar's span.
	var lo, hi civil
	var want int64
	if n > 0 {
		want = c.worked(d+1) + int64(n) - 1
		lo, hi = d+1, d+1
		for step := civil(8 * n); ; step *= 2 {
			if hi = min(hi+step, c.endD); hi == c.endD || c.worked(hi) > want {
				break
			}
		}
	} else {
		want = c.worked(d) + int64(n)
		lo, hi = d, d
		for step := civil(-8 * n); ; step *= 2 {
			if lo = max(lo-step, c.firstD); lo == c.firstD || c.worked(lo) <= want {
				break
			}
		}
	}
	if want < c.worked(lo) || c.worked(hi) <= want {
		return 0, false
	}
	// Only the exception days within the bracket matter from here on.
	ilo := c.exceptionsBefore(lo, 0, len(c.days))
	ihi := c.exceptionsBefore(hi+1, ilo, len(c.days))
	for lo < hi {
		m := lo + (hi-lo)/2
		if c.workedIn(m+1, ilo, ihi) <= want {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, true
}

// maxWalk is the most working days AddDays counts one date at a time (for a
// single calendar) rather than by searching the counts of working days.
const maxWalk = 32

// addDaysNear is AddDays for a single calendar and a small n, with the same
// answers: it walks the dates from that of s, keeping its place among the
// exception days (starting from k, an index near it), and resolves
// wall-clock times from the period pi that holds s.
func (c *Calendar) addDaysNear(t time.Time, s int64, pi int, k int, n int) time.Time {
	// The date that owns s, and the wall-clock offset from its midnight.
	local := s + c.periods[pi].off
	d := civil(floorDiv(local, dayNs))
	k = c.seekDay(k, d-1) // the first exception day at or after d-1
	if prev := c.ownAt(d-1, k); spills(prev) {
		for _, sp := range prev {
			a := resolveNear(c.periods, pi, int64(d-1)*dayNs+sp.open*secNs)
			b := resolveNear(c.periods, pi, int64(d-1)*dayNs+sp.close*secNs)
			if a <= s && s < b {
				d--
				break
			}
		}
	}
	wall := local - int64(d)*dayNs
	x, wd := d, d.weekday()
	for n > 0 {
		if x++; x >= c.endD {
			return time.Time{}
		}
		if wd++; wd == 7 {
			wd = 0
		}
		for k < len(c.days) && c.days[k].day < x {
			k++
		}
		if k < len(c.days) && c.days[k].day == x {
			if len(c.days[k].spans) > 0 {
				n--
			}
		} else if len(c.week[wd]) > 0 {
			n--
		}
	}
	for n < 0 {
		if x--; x < c.firstD {
			return time.Time{}
		}
		if wd--; wd < 0 {
			wd = 6
		}
		k = c.seekDay(k, x)
		if len(c.ownAt(x, k)) > 0 {
			n++
		}
	}
	spans := c.ownAt(x, c.seekDay(k, x))
	if len(spans) == 0 {
		return time.Time{}
	}
	base := int64(x) * dayNs
	u := resolveNear(c.periods, pi, base+wall)
	first := resolveNear(c.periods, pi, base+spans[0].open*secNs)
	last := resolveNear(c.periods, pi, base+spans[len(spans)-1].close*secNs)
	switch {
	case u < first:
		u = first
	case u >= last:
		u = last
	default:
		for _, sp := range spans {
			a := resolveNear(c.periods, pi, base+sp.open*secNs)
			if u < a {
				u = a
				break
			}
			if u < resolveNear(c.periods, pi, base+sp.close*secNs) {
				break
			}
		}
	}
	return c.at(t, u)
}

// seekDay returns the index of the first exception day at or after x,
// given k, that of the first at or after some other date.
func (c *Calendar) seekDay(k int, x civil) int {
	for k < len(c.days) && c.days[k].day < x {
		k++
	}
	for k > 0 && c.days[k-1].day >= x {
		k--
	}
	return k
}

// ownAt is own(x) for k, the index of the first exception day at or after x.
func (c *Calendar) ownAt(x civil, k int) []span {
	if k < len(c.days) && c.days[k].day == x {
		return c.days[k].spans
	}
	return c.week[x.weekday()]
}
