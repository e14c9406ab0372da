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
	return c.ownAt(d, c.exceptionsBefore(d, 0, len(c.days)))
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

// unionDay returns the open runs of a union within date d of its zone.
func (c *Calendar) unionDay(d civil, buf []interval) []interval {
	from := resolve(c.periods, int64(d)*dayNs)
	to := resolve(c.periods, int64(d+1)*dayNs)
	c.runs(from, to, func(a, b int64) bool {
		buf = append(buf, interval{a, b})
		return true
	})
	return buf
}

// spanInstants appends the instants of date d's intervals spans, resolving
// wall-clock times from period pi, which should be near them.
func (c *Calendar) spanInstants(d civil, spans []span, pi int, buf []interval) []interval {
	for _, sp := range spans {
		a := resolveNear(c.periods, pi, int64(d)*dayNs+sp.open*secNs)
		b := resolveNear(c.periods, pi, int64(d)*dayNs+sp.close*secNs)
		buf = append(buf, interval{a, b})
	}
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

// unionWorking reports whether a union is open on date d of its zone.
func (c *Calendar) unionWorking(d civil) bool {
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
	if !c.single {
		return c.unionAddDays(t, s, n)
	}
	// The date that owns s (the day before, when s is in its night shift),
	// and the wall-clock offset from that date's midnight.
	p := &c.pieces[k]
	pi := periodNear(c.periods, int(p.period), s)
	local := s + c.periods[pi].off
	d := civil(floorDiv(local, dayNs))
	ex := c.seekDay(int(p.except), d-1)
	var buf [8]interval
	if prev := c.ownAt(d-1, ex); spills(prev) {
		for _, iv := range c.spanInstants(d-1, prev, pi, buf[:0]) {
			if iv.a <= s && s < iv.b {
				d--
				break
			}
		}
	}
	wall := local - int64(d)*dayNs
	var x civil
	var own []span
	if -maxWalk <= n && n <= maxWalk {
		x, own, ok = c.walkDays(d, ex, n)
	} else if x, ok = c.nthWorking(d, n); ok {
		own = c.own(x)
	}
	if !ok {
		return time.Time{}
	}
	ivs := c.spanInstants(x, own, pi, buf[:0])
	return c.at(t, clampInto(resolveNear(c.periods, pi, int64(x)*dayNs+wall), ivs))
}

// unionAddDays is AddDays for a union, from s, the open instant at or after
// t: it steps date by date through the union's zone.
func (c *Calendar) unionAddDays(t time.Time, s int64, n int) time.Time {
	local := s + offsetAt(c.periods, s)
	x := civil(floorDiv(local, dayNs))
	wall := local - int64(x)*dayNs
	step := civil(1)
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		if x += step; x < c.firstD || x >= c.endD {
			return time.Time{}
		}
		if c.unionWorking(x) {
			n--
		}
	}
	var buf [8]interval
	ivs := c.unionDay(x, buf[:0])
	if len(ivs) == 0 {
		return time.Time{}
	}
	return c.at(t, clampInto(resolve(c.periods, int64(x)*dayNs+wall), ivs))
}

// clampInto moves u into the day's intervals ivs (sorted, not empty):
// before the first opening to it, inside a break to the next opening, after
// the last close to it.
func clampInto(u int64, ivs []interval) int64 {
	switch {
	case u < ivs[0].a:
		return ivs[0].a
	case u >= ivs[len(ivs)-1].b:
		return ivs[len(ivs)-1].b
	}
	for _, iv := range ivs {
		if u < iv.a {
			return iv.a
		}
		if u < iv.b {
			break
		}
	}
	return u
}

// nthWorking returns the n-th working day after d (before it for n < 0),
// for a single calendar, by searching the counts of working days.
func (c *Calendar) nthWorking(d civil, n int) (civil, bool) {
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

// walkDays returns the n-th working day after d (before it for n < 0) and
// its intervals, by stepping one date at a time, for a single calendar and
// a small n; ex is the index of an exception day near d.
func (c *Calendar) walkDays(d civil, ex int, n int) (civil, []span, bool) {
	step := civil(1)
	if n < 0 {
		step, n = -1, -n
	}
	x, wd := d, d.weekday()
	var own []span
	for n > 0 {
		if x += step; x < c.firstD || x >= c.endD {
			return 0, nil, false
		}
		wd = (wd + int(step) + 7) % 7
		ex = c.seekDay(ex, x)
		spans := c.week[wd]
		if ex < len(c.days) && c.days[ex].day == x {
			spans = c.days[ex].spans
		}
		if len(spans) > 0 {
			n--
		}
		own = spans
	}
	return x, own, true
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
