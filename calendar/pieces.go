package calendar

import "slices"

// interval is a half-open range [a, b) of nanoseconds on some axis.
type interval struct{ a, b int64 }

// template is one week of opening hours on an axis whose 0 is a Monday
// 00:00, repeated every week: the periodic part of a calendar.
type template struct {
	ivs   []interval // sorted, disjoint, not touching, within [0, weekNs]
	cum   []int64    // cum[i]: open time in the week before ivs[i]; len(ivs)+1 entries
	total int64      // open time per week
	full  bool       // open all week
}

// mergeIntervals sorts ivs and joins those that overlap or touch.
func mergeIntervals(ivs []interval) []interval {
	slices.SortFunc(ivs, func(x, y interval) int {
		switch {
		case x.a < y.a:
			return -1
		case x.a > y.a:
			return 1
		}
		return 0
	})
	out := ivs[:0]
	for _, iv := range ivs {
		if iv.a >= iv.b {
			continue
		}
		if n := len(out); n > 0 && iv.a <= out[n-1].b {
			out[n-1].b = max(out[n-1].b, iv.b)
			continue
		}
		out = append(out, iv)
	}
	return slices.Clip(out)
}

func newTemplate(ivs []interval) template {
	t := template{ivs: mergeIntervals(ivs)}
	t.cum = make([]int64, len(t.ivs)+1)
	for i, iv := range t.ivs {
		t.cum[i+1] = t.cum[i] + iv.b - iv.a
	}
	t.total = t.cum[len(t.ivs)]
	t.full = t.total == weekNs
	return t
}

// split returns the week number and the position within the week of x.
func split(x int64) (q, r int64) {
	q = floorDiv(x, weekNs)
	return q, x - q*weekNs
}

// after returns the index of the first interval that ends after r.
func (t *template) after(r int64) int {
	lo, hi := 0, len(t.ivs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.ivs[m].b <= r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// at returns the open time in [0, x) of the axis (negative for x < 0).
func (t *template) at(x int64) int64 {
	q, r := split(x)
	i := t.after(r)
	v := t.cum[i]
	if i < len(t.ivs) && r > t.ivs[i].a {
		v += r - t.ivs[i].a
	}
	return q*t.total + v
}

func (t *template) contains(x int64) bool {
	_, r := split(x)
	i := t.after(r)
	return i < len(t.ivs) && t.ivs[i].a <= r
}

// earliest returns the least x with at(x) >= y. It needs t.total > 0.
func (t *template) earliest(y int64) int64 {
	q := floorDiv(y-1, t.total) // so that r is in (0, total]
	r := y - q*t.total
	i := t.reach(r, true)
	return q*weekNs + t.ivs[i].a + (r - t.cum[i])
}

// latest returns the greatest x with at(x) <= y. It needs t.total > 0.
func (t *template) latest(y int64) int64 {
	q := floorDiv(y, t.total) // r in [0, total)
	r := y - q*t.total
	i := t.reach(r, false)
	return q*weekNs + t.ivs[i].a + (r - t.cum[i])
}

// reach returns the first interval whose end cumulates to >= r (inclusive)
// or > r (exclusive).
func (t *template) reach(r int64, inclusive bool) int {
	lo, hi := 0, len(t.ivs)-1
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		end := t.cum[m+1]
		if end < r || (!inclusive && end == r) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// nextStart returns the first opening at or after x, which is closed.
func (t *template) nextStart(x int64) int64 {
	q, r := split(x)
	i := t.after(r)
	if i < len(t.ivs) {
		return q*weekNs + t.ivs[i].a
	}
	return (q+1)*weekNs + t.ivs[0].a
}

// runEnd returns the end of the open run that contains x, or false when
// the template is open all week.
func (t *template) runEnd(x int64) (int64, bool) {
	if t.full {
		return 0, false
	}
	q, r := split(x)
	i := t.after(r)
	e := t.ivs[i].b
	if e == weekNs && t.ivs[0].a == 0 {
		e += t.ivs[0].b
	}
	return q*weekNs + e, true
}

// piece is a stretch of instants [start, next piece's start) in which the
// calendar either follows a template at a fixed shift (no exception days,
// one UTC offset) or is a window listed interval by interval.
type piece struct {
	start    int64
	g        int64 // open time from the calendar's first instant to start
	shift    int64 // template axis = instant + shift
	base     int64 // the template's at(start + shift)
	tmpl     int32 // index into tmpls, or -1 for a window
	iv0, iv1 int32 // a window's intervals: ivs[iv0:iv1]
	nextOpen int32 // first piece at or after this one with open time
	nextGap  int32 // first piece at or after this one that is not all open
	// For single calendars, where AddDays starts its searches: the period
	// that holds start, and the first exception day at or after the day
	// before start's date.
	period, except int32
}

type pieceBuilder struct {
	lo, hi int64
	pieces []piece
	ivs    []interval
}

func (pb *pieceBuilder) stretch(start int64, tmpl int32, shift int64) {
	if n := len(pb.pieces); n > 0 {
		if p := pb.pieces[n-1]; p.tmpl == tmpl && p.shift == shift {
			return
		}
	}
	pb.pieces = append(pb.pieces, piece{start: start, tmpl: tmpl, shift: shift})
}

func (pb *pieceBuilder) window(start int64, ivs []interval) {
	n := len(pb.pieces)
	if n == 0 || pb.pieces[n-1].tmpl >= 0 {
		pb.pieces = append(pb.pieces, piece{start: start, tmpl: -1, iv0: int32(len(pb.ivs))})
	}
	pb.ivs = append(pb.ivs, ivs...)
}

// finish merges each window's intervals and fills in the sums.
func (pb *pieceBuilder) finish(c *Calendar) {
	ps := pb.pieces
	var ivs []interval
	for k := range ps {
		if ps[k].tmpl >= 0 {
			continue
		}
		from := int(ps[k].iv0)
		to := len(pb.ivs)
		for j := k + 1; j < len(ps); j++ {
			if ps[j].tmpl < 0 {
				to = int(ps[j].iv0)
				break
			}
		}
		merged := mergeIntervals(slices.Clone(pb.ivs[from:to]))
		ps[k].iv0 = int32(len(ivs))
		ivs = append(ivs, merged...)
		ps[k].iv1 = int32(len(ivs))
	}
	cum := make([]int64, len(ivs)+1)
	for i, iv := range ivs {
		cum[i+1] = cum[i] + iv.b - iv.a
	}
	c.pieces, c.ivs, c.ivcum, c.lo, c.hi = ps, ivs, cum, pb.lo, pb.hi
	g := int64(0)
	open := make([]int64, len(ps))
	for k := range ps {
		p := &ps[k]
		p.g = g
		end := c.pieceEnd(k)
		if p.tmpl >= 0 {
			t := &c.tmpls[p.tmpl]
			p.base = t.at(p.start + p.shift)
			open[k] = t.at(end+p.shift) - p.base
		} else {
			open[k] = cum[p.iv1] - cum[p.iv0]
		}
		g += open[k]
	}
	c.total = g
	nextOpen, nextGap := int32(len(ps)), int32(len(ps))
	for k := len(ps) - 1; k >= 0; k-- {
		if open[k] > 0 {
			nextOpen = int32(k)
		}
		if open[k] != c.pieceEnd(k)-ps[k].start {
			nextGap = int32(k)
		}
		ps[k].nextOpen, ps[k].nextGap = nextOpen, nextGap
	}
}
