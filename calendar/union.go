package calendar

import (
	"fmt"
	"slices"
	"strings"
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
	u := &Calendar{loc: first.loc, periods: first.periods, firstD: first.firstD, endD: first.endD}
	lo, hi := first.lo, first.hi
	for _, c := range cals[1:] {
		lo, hi = max(lo, c.lo), min(hi, c.hi)
	}
	bounds := []int64{lo}
	for _, c := range cals {
		for _, p := range c.pieces {
			if lo < p.start && p.start < hi {
				bounds = append(bounds, p.start)
			}
		}
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)

	pb := pieceBuilder{lo: lo, hi: hi}
	tmplIndex := map[string]int32{}
	at := make([]int, len(cals))
	var key strings.Builder
	for bi, x := range bounds {
		y := hi
		if bi+1 < len(bounds) {
			y = bounds[bi+1]
		}
		allStretch := true
		key.Reset()
		for m, c := range cals {
			for at[m]+1 < len(c.pieces) && c.pieces[at[m]+1].start <= x {
				at[m]++
			}
			p := c.pieces[at[m]]
			if p.tmpl < 0 {
				allStretch = false
			}
			fmt.Fprintf(&key, "%d:%d:%d;", m, p.tmpl, floorMod(p.shift-mondayShift, weekNs))
		}
		if !allStretch {
			var ivs []interval
			for _, c := range cals {
				c.runs(x, y, func(a, b int64) bool {
					ivs = append(ivs, interval{a, b})
					return true
				})
			}
			pb.window(x, ivs)
			continue
		}
		k, ok := tmplIndex[key.String()]
		if !ok {
			var ivs []interval
			for m, c := range cals {
				p := c.pieces[at[m]]
				delta := floorMod(p.shift-mondayShift, weekNs)
				for _, iv := range c.tmpls[p.tmpl].ivs {
					a, b := iv.a-delta, iv.b-delta
					if a < 0 {
						a, b = a+weekNs, b+weekNs
					}
					if b > weekNs {
						ivs = append(ivs, interval{0, b - weekNs})
						b = weekNs
					}
					ivs = append(ivs, interval{a, b})
				}
			}
			k = int32(len(u.tmpls))
			u.tmpls = append(u.tmpls, newTemplate(ivs))
			tmplIndex[key.String()] = k
		}
		pb.stretch(x, k, mondayShift)
	}
	pb.finish(u)
	return u, nil
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
