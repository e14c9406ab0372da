package calendar

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
)

// Union returns a calendar that is open whenever any of cals is open:
// follow-the-sun coverage by teams in several zones. It is a calendar like
// any other; its zone, which [Calendar.AddDays] counts dates in, is the
// first calendar's. Union of one calendar is that calendar.
func Union(cals ...*Calendar) (*Calendar, error) {
	if len(cals) == 0 {
		return nil, specErr("union", "", ErrMissing, "no calendars")
	}
	for i, c := range cals {
		if c == nil {
			return nil, specErr(fmt.Sprintf("union[%d]", i), "", ErrMissing, "nil calendar")
		}
	}
	if len(cals) == 1 {
		return cals[0], nil
	}
	first := cals[0]
	lo, hi := first.lo, first.hi
	parts := make([][]part, len(cals))
	tmpls := make([][]template, len(cals))
	for m, c := range cals {
		lo, hi = max(lo, c.lo), min(hi, c.hi)
		parts[m], tmpls[m] = c.eng.parts()
	}
	bounds := []int64{lo}
	for _, ps := range parts {
		for _, p := range ps {
			if lo < p.start && p.start < hi {
				bounds = append(bounds, p.start)
			}
		}
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)

	u := &pieces{z: first.eng.zone()}
	pb := pieceBuilder{lo: lo, hi: hi}
	tmplIndex := map[string]int32{}
	at := make([]int, len(cals))
	var key []byte
	for bi, x := range bounds {
		y := hi
		if bi+1 < len(bounds) {
			y = bounds[bi+1]
		}
		allStretch := true
		key = key[:0]
		for m, ps := range parts {
			for at[m]+1 < len(ps) && ps[at[m]+1].start <= x {
				at[m]++
			}
			p := ps[at[m]]
			if p.tmpl < 0 {
				allStretch = false
			}
			key = binary.AppendVarint(key, int64(p.tmpl))
			key = binary.AppendVarint(key, floorMod(p.shift-mondayShift, weekNs))
		}
		if !allStretch {
			var ivs []interval
			for _, c := range cals {
				eachRun(c.eng, x, y, func(a, b int64) bool {
					ivs = append(ivs, interval{a, b})
					return true
				})
			}
			pb.window(x, ivs)
			continue
		}
		k, ok := tmplIndex[string(key)]
		if !ok {
			k = int32(len(u.tmpls))
			u.tmpls = append(u.tmpls, unionTemplate(parts, tmpls, at))
			tmplIndex[string(key)] = k
		}
		pb.stretch(x, k, mondayShift)
	}
	pb.finish(u)
	return &Calendar{loc: first.loc, lo: u.lo, hi: u.hi, eng: u}, nil
}

// unionTemplate joins the members' templates at their current parts,
// shifted onto one axis.
func unionTemplate(parts [][]part, tmpls [][]template, at []int) template {
	var ivs []interval
	for m, ps := range parts {
		p := ps[at[m]]
		delta := floorMod(p.shift-mondayShift, weekNs)
		for _, iv := range tmpls[m][p.tmpl].ivs {
			a, b := iv.a-delta, iv.b-delta
			if a < 0 {
				a, b = a+weekNs, b+weekNs
			}
			ivs = appendFolded(ivs, a, b)
		}
	}
	return newTemplate(ivs)
}

// part is a stretch of a calendar from start to the next part's start: it
// follows template tmpl with the axis at instant + shift, or it is a window
// (tmpl -1), where a union lists the calendar's open runs.
type part struct {
	start int64
	tmpl  int32
	shift int64
}

// parts lists a single calendar as Union sees it: a window of two local
// days at each date whose hours differ from the week's and at each change
// of offset, the weekly template elsewhere.
func (s *single) parts() ([]part, []template) {
	var wins []interval // of dates [d0, d1)
	add := func(d civil) {
		wins = append(wins, interval{int64(max(d, firstDay)), int64(min(d+2, endDay))})
	}
	for _, o := range s.own[:len(s.own)-1] {
		add(civil(o.day))
	}
	for _, d := range s.hol.days {
		if len(s.week[civil(d).weekday()].ivs) > 0 {
			add(civil(d))
		}
	}
	ps := s.z.periods
	for j := s.j0 + 1; j < s.j0+len(s.per); j++ {
		add(civil(floorDiv(ps[j].start-1+ps[j-1].off, dayNs)))
	}
	var out []part
	cur := s.lo
	stretch := func(to int64) {
		if cur < to {
			out = append(out, part{start: cur, tmpl: 0, shift: ps[s.z.periodAt(cur)].off + mondayShift})
		}
	}
	for _, w := range mergeIntervals(wins) {
		a, b := s.z.resolve(w.a*dayNs), s.z.resolve(w.b*dayNs)
		if a >= b {
			continue
		}
		stretch(a)
		out = append(out, part{start: a, tmpl: -1})
		cur = b
	}
	stretch(s.hi)
	if len(out) == 0 || out[0].start > s.lo {
		out = slices.Insert(out, 0, part{start: s.lo, tmpl: -1})
	}
	return out, []template{weekTemplate(&s.week)}
}

// weekTemplate lays the weekly hours on an axis of one week from Monday
// 00:00, folding what runs past Sunday midnight onto Monday.
func weekTemplate(week *[7]dayHours) template {
	var ivs []interval
	for d := range week {
		for _, iv := range week[d].ivs {
			ivs = appendFolded(ivs, int64(d)*dayNs+iv.a, int64(d)*dayNs+iv.b)
		}
	}
	return newTemplate(ivs)
}

// appendFolded appends [a, b) of a one-week axis, 0 <= a < week, to ivs,
// folding what runs past the week's end onto its start.
func appendFolded(ivs []interval, a, b int64) []interval {
	if b > weekNs {
		ivs = append(ivs, interval{0, b - weekNs})
		b = weekNs
	}
	return append(ivs, interval{a, b})
}

// workDays is the set of a union's working dates, one bit each from
// firstDay, with counts, so that AddDays finds the n-th in constant time.
type workDays struct {
	w     []uint64
	rank  []int32 // rank[i]: working dates in w[:i]
	count int64
}

// initWork finds the union's working dates: those of its zone in which it
// is open.
func (c *pieces) initWork() {
	n := int(endDay - firstDay)
	w := workDays{w: make([]uint64, (n+63)/64)}
	from := max(c.z.resolve(int64(firstDay)*dayNs), c.lo)
	g := c.g(from)
	for i := range n {
		to := min(max(c.z.resolve(int64(firstDay+civil(i+1))*dayNs), c.lo), c.hi)
		if g2 := c.g(to); g2 > g {
			w.w[i/64] |= 1 << (i % 64)
			g = g2
		}
	}
	w.rank = make([]int32, len(w.w)+1)
	for i, x := range w.w {
		w.rank[i+1] = w.rank[i] + int32(bits.OnesCount64(x))
	}
	w.count = int64(w.rank[len(w.w)])
	c.work = w
}

// before returns the number of working dates before x, firstDay <= x < endDay.
func (w *workDays) before(x civil) int64 {
	i := int(x - firstDay)
	return int64(w.rank[i/64]) + int64(bits.OnesCount64(w.w[i/64]&(1<<(i%64)-1)))
}

// nth returns the working date with k working dates before it, 0 <= k < count.
func (w *workDays) nth(k int64) civil {
	lo, hi := 0, len(w.w)-1 // the last word whose rank is at most k
	for lo < hi {
		m := int(uint(lo+hi+1) >> 1)
		if int64(w.rank[m]) <= k {
			lo = m
		} else {
			hi = m - 1
		}
	}
	x := w.w[lo]
	for range k - int64(w.rank[lo]) {
		x &= x - 1
	}
	return firstDay + civil(lo*64+bits.TrailingZeros64(x))
}

// addDays is AddDays for a union: a working day is a date of its zone in
// which it is open; an instant belongs to the date whose midnights hold it.
func (c *pieces) addDays(t int64, n int) (int64, bool) {
	at, ok := c.nextOpen(t)
	if !ok {
		return 0, false
	}
	c.workOnce.Do(c.initWork)
	j := c.z.periodAt(at)
	x := civil(floorDiv(c.z.wall(j, at), dayNs))
	wall := c.z.clock(j, at) - int64(x)*dayNs
	before := c.work.before(x)
	if n > 0 && int64(n) > c.work.count-1-before || n < 0 && int64(n) < -before {
		return 0, false
	}
	y := c.work.nth(before + int64(n))
	from := max(c.z.resolve(int64(y)*dayNs), c.lo)
	to := min(c.z.resolve(int64(y+1)*dayNs), c.hi)
	var buf [8]interval
	ivs := buf[:0]
	eachRun(c, from, to, func(a, b int64) bool {
		ivs = append(ivs, interval{a, b})
		return true
	})
	return clampInto(c.z.resolve(int64(y)*dayNs+wall), ivs), true
}

func (c *pieces) nextOpen(n int64) (int64, bool) {
	if n >= c.hi {
		return 0, false
	}
	if c.openAt(n) {
		return n, true
	}
	g := c.g(n)
	if g >= c.total {
		return 0, false
	}
	return c.latest(g), true
}
