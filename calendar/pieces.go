package calendar

import (
	"slices"
	"sync"
)

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

// endsAfter returns the index of the first of the sorted intervals ivs that
// ends after r, or len(ivs).
func endsAfter(ivs []interval, r int64) int {
	lo, hi := 0, len(ivs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ivs[m].b <= r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// openBefore returns the open time of the sorted intervals ivs before x,
// where cum[i] is that of ivs[:i].
func openBefore(ivs []interval, cum []int64, x int64) int64 {
	i := endsAfter(ivs, x)
	v := cum[i]
	if i < len(ivs) && x > ivs[i].a {
		v += x - ivs[i].a
	}
	return v
}

// at returns the open time in [0, x) of the axis (negative for x < 0).
func (t *template) at(x int64) int64 {
	q, r := split(x)
	return q*t.total + openBefore(t.ivs, t.cum, r)
}

func (t *template) contains(x int64) bool {
	_, r := split(x)
	i := endsAfter(t.ivs, r)
	return i < len(t.ivs) && t.ivs[i].a <= r
}

// earliest returns the least x with at(x) >= y. It needs t.total > 0.
func (t *template) earliest(y int64) int64 {
	q := floorDiv(y-1, t.total) // so that r is in (0, total]
	r := y - q*t.total
	i := reach(t.cum, r, true)
	return q*weekNs + t.ivs[i].a + (r - t.cum[i])
}

// latest returns the greatest x with at(x) <= y. It needs t.total > 0.
func (t *template) latest(y int64) int64 {
	q := floorDiv(y, t.total) // r in [0, total)
	r := y - q*t.total
	i := reach(t.cum, r, false)
	return q*weekNs + t.ivs[i].a + (r - t.cum[i])
}

// reach returns the first interval whose end cumulates to >= r (inclusive)
// or > r (exclusive), where cum[i] is the open time of the intervals before
// the i-th; there must be one.
func reach(cum []int64, r int64, inclusive bool) int {
	lo, hi := 0, len(cum)-2
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		end := cum[m+1]
		if end < r || (!inclusive && end == r) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// runEnd returns the end of the open run that contains x, or false when
// the template is open all week.
func (t *template) runEnd(x int64) (int64, bool) {
	if t.full {
		return 0, false
	}
	q, r := split(x)
	i := endsAfter(t.ivs, r)
	e := t.ivs[i].b
	if e == weekNs && t.ivs[0].a == 0 {
		e += t.ivs[0].b
	}
	return q*weekNs + e, true
}

// piece is a stretch of instants [start, next piece's start) in which a
// union either follows a template at a fixed shift or is a window listed
// interval by interval.
type piece struct {
	start    int64
	g        int64 // open time from the union's first instant to start
	shift    int64 // template axis = instant + shift
	base     int64 // the template's at(start + shift)
	tmpl     int32 // index into tmpls, or -1 for a window
	iv0, iv1 int32 // a window's intervals: ivs[iv0:iv1]
	nextGap  int32 // first piece at or after this one that is not all open
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
func (pb *pieceBuilder) finish(c *pieces) {
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
	nextGap := int32(len(ps))
	for k := len(ps) - 1; k >= 0; k-- {
		if open[k] != c.pieceEnd(k)-ps[k].start {
			nextGap = int32(k)
		}
		ps[k].nextGap = nextGap
	}
}

// pieces is the engine of a union: templates at fixed shifts where every
// member follows its weekly hours, and the members' open runs listed
// elsewhere.
type pieces struct {
	z             *zoneTable // of the first member: AddDays counts its dates
	tmpls         []template
	pieces        []piece
	ivs           []interval // the windows' intervals (instants)
	ivcum         []int64    // ivcum[i]: open time in ivs[:i]
	lo, hi, total int64
	workOnce      sync.Once
	work          workDays // the union's working dates, made when AddDays first needs them
}

func (c *pieces) zone() *zoneTable { return c.z }

func (c *pieces) pieceEnd(k int) int64 {
	if k+1 < len(c.pieces) {
		return c.pieces[k+1].start
	}
	return c.hi
}

// pieceAt returns the piece that holds t, for lo <= t < hi.
func (c *pieces) pieceAt(t int64) int {
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

// winIndex returns the first interval of window p that ends after t.
func (c *pieces) winIndex(p *piece, t int64) int {
	return int(p.iv0) + endsAfter(c.ivs[p.iv0:p.iv1], t)
}

func (c *pieces) g(t int64) int64 {
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
	return p.g + openBefore(c.ivs[p.iv0:p.iv1], c.ivcum[p.iv0:p.iv1+1], t) - c.ivcum[p.iv0]
}

func (c *pieces) gEnd(k int) int64 {
	if k+1 < len(c.pieces) {
		return c.pieces[k+1].g
	}
	return c.total
}

func (c *pieces) add(t, d int64) (int64, bool) {
	g := c.g(t)
	if d > 0 {
		if d > c.total-g {
			return 0, false
		}
		return c.earliest(g + d), true
	}
	if d < -g {
		return 0, false
	}
	return c.latest(g + d), true
}

// earliest returns the first instant at which g reaches v, 0 < v <= total.
func (c *pieces) earliest(v int64) int64 {
	// The first piece whose open time reaches v.
	lo, hi := 0, len(c.pieces)-1
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.gEnd(m) < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	p := &c.pieces[lo]
	y := v - p.g
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

// latest returns the last instant at which g is still v, 0 <= v < total.
func (c *pieces) latest(v int64) int64 {
	// The last piece that starts at or below v.
	k, hi := 0, len(c.pieces)
	for hi-k > 1 {
		m := int(uint(k+hi) >> 1)
		if c.pieces[m].g <= v {
			k = m
		} else {
			hi = m
		}
	}
	p := &c.pieces[k]
	y := v - p.g
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

func (c *pieces) openAt(n int64) bool {
	p := &c.pieces[c.pieceAt(n)]
	if p.tmpl >= 0 {
		return c.tmpls[p.tmpl].contains(n + p.shift)
	}
	i := c.winIndex(p, n)
	return i < int(p.iv1) && c.ivs[i].a <= n
}

func (c *pieces) nextClose(s int64) (int64, bool) {
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

// parts lists the union's pieces, for a union of unions.
func (c *pieces) parts() ([]part, []template) {
	ps := make([]part, len(c.pieces))
	for i, p := range c.pieces {
		ps[i] = part{start: p.start, tmpl: p.tmpl, shift: p.shift}
	}
	return ps, c.tmpls
}
