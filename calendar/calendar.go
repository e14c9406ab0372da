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
	spec    Spec
	loc     *time.Location
	periods []period // the zone's offsets, for wall-clock resolution
	single  bool     // built from a Spec (not a union)

	// Hours for business days (single calendars).
	week     [7][]span
	days     []exceptDay // sorted dates whose own hours differ from week
	dayDelta []int32     // dayDelta[i]: working-day change of days[:i]
	weekWork [8]int32    // weekWork[r]: working weekdays among the first r
	firstD   civil
	endD     civil

	// The open set, as pieces.
	tmpls  []template
	pieces []piece
	ivs    []interval // the windows' intervals (instants)
	ivcum  []int64    // ivcum[i]: open time in ivs[:i]
	lo, hi int64      // the instants of firstD and endD 00:00
	total  int64      // open time in [lo, hi)
}

type exceptDay struct {
	day   civil
	spans []span
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

func (c *Calendar) pieceEnd(k int) int64 {
	if k+1 < len(c.pieces) {
		return c.pieces[k+1].start
	}
	return c.hi
}

// pieceAt returns the piece that holds t, for lo <= t < hi.
func (c *Calendar) pieceAt(t int64) int {
	lo, hi := 0, len(c.pieces)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if c.pieces[m].start <= t {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
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

// winIndex returns the first interval of window p that ends after t.
func (c *Calendar) winIndex(p *piece, t int64) int {
	lo, hi := int(p.iv0), int(p.iv1)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.ivs[m].b <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// g returns the open time in [lo, t).
func (c *Calendar) g(t int64) int64 {
	if t <= c.lo {
		return 0
	}
	if t >= c.hi {
		return c.total
	}
	p := &c.pieces[c.pieceAt(t)]
	if p.tmpl >= 0 {
		return p.g + c.tmpls[p.tmpl].at(t+p.shift) - p.base
	}
	i := c.winIndex(p, t)
	v := p.g + c.ivcum[i] - c.ivcum[p.iv0]
	if i < int(p.iv1) && t > c.ivs[i].a {
		v += t - c.ivs[i].a
	}
	return v
}

// Between returns the open time in [a, b): real elapsed time during which
// the calendar is open. Between(b, a) is -Between(a, b).
func (c *Calendar) Between(a, b time.Time) time.Duration {
	return time.Duration(c.g(c.ns(b)) - c.g(c.ns(a)))
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
	g := c.g(c.ns(t))
	if d > 0 {
		if int64(d) > c.total-g {
			return time.Time{}
		}
		target := g + int64(d)
		// The first piece whose open time reaches target.
		lo, hi := 0, len(c.pieces)-1
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if c.gEnd(m) < target {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return c.at(t, c.earliest(lo, target))
	}
	if int64(d) < -g {
		return time.Time{}
	}
	target := g + int64(d)
	// The last piece that starts at or below target.
	lo, hi := 0, len(c.pieces)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if c.pieces[m].g <= target {
			lo = m
		} else {
			hi = m
		}
	}
	return c.at(t, c.latest(lo, target))
}

func (c *Calendar) at(t time.Time, u int64) time.Time {
	return time.Unix(0, u).In(t.Location())
}

func (c *Calendar) gEnd(k int) int64 {
	if k+1 < len(c.pieces) {
		return c.pieces[k+1].g
	}
	return c.total
}

// earliest returns the first instant of piece k at which g reaches target.
func (c *Calendar) earliest(k int, target int64) int64 {
	p := &c.pieces[k]
	y := target - p.g
	if p.tmpl >= 0 {
		return c.tmpls[p.tmpl].earliest(y+p.base) - p.shift
	}
	base := c.ivcum[p.iv0]
	i := int(p.iv0)
	for j := int(p.iv1) - 1; i < j; {
		m := int(uint(i+j) >> 1)
		if c.ivcum[m+1]-base < y {
			i = m + 1
		} else {
			j = m
		}
	}
	return c.ivs[i].a + (y - (c.ivcum[i] - base))
}

// latest returns the last instant of piece k at which g is still target.
func (c *Calendar) latest(k int, target int64) int64 {
	p := &c.pieces[k]
	y := target - p.g
	if p.tmpl >= 0 {
		return c.tmpls[p.tmpl].latest(y+p.base) - p.shift
	}
	base := c.ivcum[p.iv0]
	i, j := int(p.iv0), int(p.iv1)
	for i < j {
		m := int(uint(i+j) >> 1)
		if c.ivcum[m+1]-base <= y {
			i = m + 1
		} else {
			j = m
		}
	}
	if i == int(p.iv1) {
		return c.pieceEnd(k)
	}
	return c.ivs[i].a + (y - (c.ivcum[i] - base))
}

// IsOpen reports whether the calendar is open at t. Intervals are
// half-open: open at their opening instant, closed at their closing one.
func (c *Calendar) IsOpen(t time.Time) bool {
	n, ok := c.inRange(t)
	return ok && c.openAt(n)
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

func (c *Calendar) openAt(n int64) bool {
	p := &c.pieces[c.pieceAt(n)]
	if p.tmpl >= 0 {
		return c.tmpls[p.tmpl].contains(n + p.shift)
	}
	i := c.winIndex(p, n)
	return i < int(p.iv1) && c.ivs[i].a <= n
}

// NextOpen returns t itself when the calendar is open at t, else the next
// instant at which it opens. It reports false when the calendar does not
// open again within its dates.
func (c *Calendar) NextOpen(t time.Time) (time.Time, bool) {
	if t.Unix() >= c.hi/secNs+1 {
		return time.Time{}, false
	}
	if n, ok := c.inRange(t); ok && c.openAt(n) {
		return t, true
	}
	u, ok := c.nextOpen(c.ns(t))
	if !ok {
		return time.Time{}, false
	}
	return c.at(t, u), true
}

func (c *Calendar) nextOpen(n int64) (int64, bool) {
	u, _, ok := c.nextOpenPiece(n)
	return u, ok
}

// nextOpenPiece is nextOpen, and also returns the piece that holds the
// instant it returns.
func (c *Calendar) nextOpenPiece(n int64) (int64, int, bool) {
	if n >= c.hi {
		return 0, 0, false
	}
	k := c.pieceAt(n)
	for {
		p := &c.pieces[k]
		end := c.pieceEnd(k)
		if p.tmpl >= 0 {
			t := &c.tmpls[p.tmpl]
			if t.total > 0 {
				x := n + p.shift
				if t.contains(x) {
					return n, k, true
				}
				if u := t.nextStart(x) - p.shift; u < end {
					return u, k, true
				}
			}
		} else if i := c.winIndex(p, n); i < int(p.iv1) {
			return max(n, c.ivs[i].a), k, true
		}
		if k+1 >= len(c.pieces) {
			return 0, 0, false
		}
		k = int(c.pieces[k+1].nextOpen)
		if k >= len(c.pieces) {
			return 0, 0, false
		}
		n = c.pieces[k].start
	}
}

// NextClose returns the end of the open run that contains t, or of the next
// one when the calendar is closed at t: the first closed instant after it.
// Runs join across midnight and across touching intervals, so a 24x7
// calendar never closes and NextClose reports false, as it does when the
// run lasts beyond the calendar's dates.
func (c *Calendar) NextClose(t time.Time) (time.Time, bool) {
	if t.Unix() >= c.hi/secNs+1 {
		return time.Time{}, false
	}
	u, ok := c.nextClose(c.ns(t))
	if !ok {
		return time.Time{}, false
	}
	return c.at(t, u), true
}

func (c *Calendar) nextClose(n int64) (int64, bool) {
	s, ok := c.nextOpen(n)
	if !ok {
		return 0, false
	}
	k := c.pieceAt(s)
	for {
		p := &c.pieces[k]
		end := c.pieceEnd(k)
		if p.tmpl >= 0 {
			if e, finite := c.tmpls[p.tmpl].runEnd(s + p.shift); finite && e-p.shift < end {
				return e - p.shift, true
			}
		} else if i := c.winIndex(p, s); i < int(p.iv1) && c.ivs[i].b < end {
			return c.ivs[i].b, true
		}
		// The run lasts to the end of the piece; it goes on while the
		// pieces after it are open at their start.
		k++
		if k >= len(c.pieces) {
			return 0, false
		}
		if !c.openAt(c.pieces[k].start) {
			return c.pieces[k].start, true
		}
		k = int(c.pieces[k].nextGap)
		if k >= len(c.pieces) {
			return 0, false
		}
		s = c.pieces[k].start
		if !c.openAt(s) {
			return s, true
		}
	}
}

// Intervals returns the open runs that meet [from, to), clipped to it, in
// time order: each pair is an opening and the following close. Runs join
// across midnight and across touching intervals.
func (c *Calendar) Intervals(from, to time.Time) iter.Seq2[time.Time, time.Time] {
	return func(yield func(time.Time, time.Time) bool) {
		c.runs(c.ns(from), c.ns(to), func(a, b int64) bool {
			return yield(c.at(from, a), c.at(from, b))
		})
	}
}

// runs calls yield with the open runs that meet [from, to), clipped to it,
// until it returns false.
func (c *Calendar) runs(from, to int64, yield func(a, b int64) bool) {
	for n := from; n < to; {
		s, ok := c.nextOpen(n)
		if !ok || s >= to {
			return
		}
		e, ok := c.nextClose(s)
		if !ok || e > to {
			e = to
		}
		if !yield(s, e) {
			return
		}
		n = e
	}
}
