package calendar

import (
	"encoding/json"
	"iter"
	"time"
)

// Calendar is a business calendar: when service is open, in one time zone.
// Build one with [New], [Parse], [Always] or [Union]. A Calendar never
// changes once built and is safe for concurrent use by any number of
// goroutines. Its methods take the instant they work at and return instants
// in the location of that argument. A Calendar knows the local dates from
// 1900-01-01 up to but not including 2150-01-01; outside them it is closed.
type Calendar struct {
	spec   Spec
	loc    *time.Location
	single bool // built from a Spec (not a union)
	// lo and hi are the first instant and the end of the calendar's dates.
	lo, hi int64
	eng    engine
}

// engine answers for a calendar, in ns since the epoch, for instants in
// [lo, hi]: a single calendar's (single) or a union's (pieces).
type engine interface {
	g(t int64) int64 // the open time in [lo, t)
	// add returns Add(t, d) for d != 0, or false when it lies past the
	// calendar's dates.
	add(t, d int64) (int64, bool)
	openAt(t int64) bool            // whether open at t, lo <= t < hi
	nextOpen(t int64) (int64, bool) // the first open instant at or after t
	// nextClose returns the end of the open run that holds t (open), or
	// false when it lasts to hi.
	nextClose(t int64) (int64, bool)
	// addDays returns AddDays(t, n) for n != 0.
	addDays(t int64, n int) (int64, bool)
	zone() *zoneTable
	// parts lists the calendar as Union builds on it: stretches that follow
	// a weekly template at a fixed shift, and windows between them.
	parts() ([]part, []template)
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Spec returns the Spec the calendar was built from (a copy). A calendar
// made by [Union] returns the zero Spec.
func (c *Calendar) Spec() Spec { return cloneSpec(c.spec) }

// MarshalJSON encodes the calendar's Spec. A union has no JSON form and is
// an error.
func (c *Calendar) MarshalJSON() ([]byte, error) {
	if !c.single {
		return nil, &Error{Err: ErrSyntax, Value: "union", Path: ""}
	}
	return json.Marshal(c.spec)
}

// String returns "calendar(ZONE)", or "calendar(union)" for a [Union], for logs.
func (c *Calendar) String() string {
	if c.single {
		return "calendar(" + c.spec.Zone + ")"
	}
	return "calendar(union)"
}

// ns returns t as nanoseconds clamped to [lo, hi].
func (c *Calendar) ns(t time.Time) int64 {
	s := t.Unix()
	if s <= c.lo/secNs-1 {
		return c.lo
	}
	if s >= c.hi/secNs+1 {
		return c.hi
	}
	return min(max(t.UnixNano(), c.lo), c.hi)
}

// Between returns the open time in [a, b): real elapsed time during which
// the calendar is open. Between(b, a) is -Between(a, b).
func (c *Calendar) Between(a, b time.Time) time.Duration {
	return time.Duration(c.eng.g(c.ns(b)) - c.eng.g(c.ns(a)))
}

// Add returns the instant d of open time after t: for d > 0 the earliest u
// >= t with Between(t, u) == d, so a deadline that uses the last open second
// of a day is that day's closing instant. Add(t, 0) is t. For d < 0 it is
// the latest u <= t with Between(u, t) == -d, an opening instant rather
// than the previous close. When no such instant exists within the
// calendar's dates, Add returns the zero Time.
func (c *Calendar) Add(t time.Time, d time.Duration) time.Time {
	if d == 0 {
		return t
	}
	u, ok := c.eng.add(c.ns(t), int64(d))
	if !ok {
		return time.Time{}
	}
	return c.at(t, u)
}

func (c *Calendar) at(t time.Time, u int64) time.Time {
	return time.Unix(0, u).In(t.Location())
}

// IsOpen reports whether the calendar is open at t. Intervals are
// half-open: open at their opening instant, closed at their closing one.
func (c *Calendar) IsOpen(t time.Time) bool {
	n, ok := c.inRange(t)
	return ok && c.eng.openAt(n)
}

// inRange returns t in nanoseconds and whether lo <= t < hi.
func (c *Calendar) inRange(t time.Time) (int64, bool) {
	s := t.Unix()
	if s < c.lo/secNs-1 || s > c.hi/secNs+1 {
		return 0, false
	}
	n := t.UnixNano()
	return n, c.lo <= n && n < c.hi
}

// NextOpen returns t itself when the calendar is open at t, else the next
// instant at which it opens. It reports false when the calendar does not
// open again within its dates.
func (c *Calendar) NextOpen(t time.Time) (time.Time, bool) {
	if n, ok := c.inRange(t); ok && c.eng.openAt(n) {
		return t, true
	}
	u, ok := c.eng.nextOpen(c.ns(t))
	if !ok {
		return time.Time{}, false
	}
	return c.at(t, u), true
}

// NextClose returns the end of the open run that contains t, or of the next
// one when the calendar is closed at t: the first closed instant after it.
// Runs join across midnight and across touching intervals, so a 24x7
// calendar never closes and NextClose reports false, as it does when the
// run lasts beyond the calendar's dates.
func (c *Calendar) NextClose(t time.Time) (time.Time, bool) {
	s, ok := c.eng.nextOpen(c.ns(t))
	if !ok {
		return time.Time{}, false
	}
	u, ok := c.eng.nextClose(s)
	if !ok {
		return time.Time{}, false
	}
	return c.at(t, u), true
}

// Intervals returns the open runs that meet [from, to), clipped to it, in
// time order: each pair is an opening and the following close. Runs join
// across midnight and across touching intervals.
func (c *Calendar) Intervals(from, to time.Time) iter.Seq2[time.Time, time.Time] {
	return func(yield func(time.Time, time.Time) bool) {
		eachRun(c.eng, c.ns(from), c.ns(to), func(a, b int64) bool {
			return yield(c.at(from, a), c.at(from, b))
		})
	}
}

// eachRun calls yield with the open runs of e that meet [from, to),
// clipped to it, until it returns false.
func eachRun(e engine, from, to int64, yield func(a, b int64) bool) {
	s, ok := e.nextOpen(from)
	for ok && s < to {
		end, closes := e.nextClose(s)
		if !closes || end > to {
			end = to
		}
		if !yield(s, end) || end >= to {
			return
		}
		s, ok = e.nextOpen(end)
	}
}

// gallop returns the first m in [lo, hi) at which ok(m) is false, where
// ok holds up to some point and not after. It gallops from lo (or from hi,
// when fromHi), so that it costs the log of the distance to the answer.
func gallop(lo, hi int, fromHi bool, ok func(int) bool) int {
	for step := 1; lo < hi; step *= 2 {
		if fromHi {
			m := max(lo, hi-step)
			if ok(m) {
				lo = m + 1
				break
			}
			hi = m
		} else {
			m := min(hi, lo+step) - 1
			if !ok(m) {
				hi = m
				break
			}
			lo = m + 1
		}
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ok(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
