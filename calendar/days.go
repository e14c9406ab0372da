package calendar

import "time"

// AddDays returns the same wall-clock time as t on the n-th following
// working day (n > 0) or the n-th preceding one (n < 0), clamped into that
// day's hours: before its first opening it is the first opening, inside a
// break the next opening, after its last close the last close. A t outside
// hours first moves to the next opening (so AddDays(t, 0) is NextOpen(t)).
// A working day is a date with intervals of its own; an open instant
// belongs to the date whose interval holds it, so a night shift counts for
// the day it starts on, also where the clock, gone back across midnight,
// shows the day before. For a [Union], a working day is a date of the
// union's zone in which it is open. AddDays returns the zero Time when
// there is no such day within the calendar's dates. Its cost does not grow
// with n.
func (c *Calendar) AddDays(t time.Time, n int) time.Time {
	var u int64
	var ok bool
	if n == 0 {
		u, ok = c.eng.nextOpen(c.ns(t))
	} else {
		u, ok = c.eng.addDays(c.ns(t), n)
	}
	if !ok {
		return time.Time{}
	}
	return c.at(t, u)
}

func (s *single) addDays(t int64, n int) (int64, bool) {
	// The open instant at or after t, and the date whose interval holds it.
	j := s.z.periodAt(t)
	x, open, ai, bi := s.owner(s.z.wall(j, t))
	if !open || t >= s.hi {
		var ok bool
		if t, ok = s.nextOpen(t); !ok {
			return 0, false
		}
		j = s.z.periodAt(t)
		x, _, ai, bi = s.owner(s.z.wall(j, t))
	}
	wall := s.z.clock(j, t) - int64(x)*dayNs // what the clock shows, from x's midnight
	before := s.sum(kindWork, x, ai, bi)     // x is the next working day after these
	if n > 0 && int64(n) > s.workHi-1-before || n < 0 && int64(n) < s.workLo-before {
		return 0, false
	}
	// The working day with before+n working days before it.
	var y civil
	var h *dayHours
	if n > 0 {
		y, _, h = s.lastDay(kindWork, before+int64(n)+1, x, endDay-1, false)
	} else {
		y, _, h = s.lastDay(kindWork, before+int64(n)+1, firstDay, x-1, true)
	}
	// y's intervals as instants, cut at the end of the calendar's dates.
	var buf [8]interval
	ivs := buf[:0]
	base := int64(y) * dayNs
	for _, iv := range h.ivs {
		ivs = append(ivs, interval{s.z.resolveNear(j, base+iv.a), min(s.z.resolveNear(j, base+iv.b), s.hi)})
		j = s.z.reachingNear(j, base+iv.b)
	}
	return clampInto(s.z.resolveNear(j, base+wall), ivs), true
}

// clampInto moves u into the day's intervals ivs (sorted, not empty):
// before the first opening to it, inside a break to the next opening, after
// the last close to it.
func clampInto(u int64, ivs []interval) int64 {
	for _, iv := range ivs {
		if u < iv.a {
			return iv.a
		}
		if u < iv.b {
			return u
		}
	}
	return ivs[len(ivs)-1].b
}
