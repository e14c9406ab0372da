package calendar

import (
	"math"
	"math/bits"
)

// A calendar built from a Spec (a single) answers from three layers, none of
// which grows with its span:
//
//   - its weekly hours, as per-weekday sums: the open time (and the number
//     of working days) of any run of dates is arithmetic over whole weeks;
//   - the dates whose hours differ from the week: a shared table of a
//     holiday set's dates (see dateTable), which costs the calendar
//     nothing, and a sorted list of its own (date overrides and further
//     closed dates), each with the sum of what the ones before it changed;
//   - its zone's offsets (shared, see zoneTable) and, per period of one
//     offset, the calendar's open time up to its start.
//
// Between the layers, all answers are worked out on the wall clock first
// ("keys": ns of wall time since 1970-01-01 00:00), where a date's
// intervals follow each other in date order, and then mapped to instants:
// within one period of the zone, instant = key - offset.

// dayHours is one date's opening intervals, in ns from its midnight on the
// wall clock.
type dayHours struct {
	ivs []interval // sorted, disjoint, not touching; only the last may end past 24:00
	cum []int64    // cum[i]: open time in ivs[:i]
}

// closedDay is the hours of a date that does not open.
var closedDay = &dayHours{cum: []int64{0}}

// newDayHours turns a date's sorted spans into intervals, joining those
// that touch.
func newDayHours(spans []span) dayHours {
	h := dayHours{cum: []int64{0}}
	for _, s := range spans {
		iv := interval{s.open * secNs, s.close * secNs}
		if n := len(h.ivs); n > 0 && h.ivs[n-1].b == iv.a {
			h.ivs[n-1].b = iv.b
			h.cum[n] += iv.b - iv.a
			continue
		}
		h.ivs = append(h.ivs, iv)
		h.cum = append(h.cum, h.cum[len(h.cum)-1]+iv.b-iv.a)
	}
	return h
}

func (h *dayHours) total() int64 { return h.cum[len(h.ivs)] }

// before returns the open time before x (ns from the date's midnight).
func (h *dayHours) before(x int64) int64 {
	if len(h.ivs) == 0 || x <= h.ivs[0].a {
		return 0
	}
	return openBefore(h.ivs, h.cum, x)
}

// holding returns the index of the interval that holds x, or -1.
func (h *dayHours) holding(x int64) int {
	if i := endsAfter(h.ivs, x); i < len(h.ivs) && h.ivs[i].a <= x {
		return i
	}
	return -1
}

// earliest returns the first x at which before(x) reaches y, 0 < y <= total.
func (h *dayHours) earliest(y int64) int64 {
	i := reach(h.cum, y, true)
	return h.ivs[i].a + y - h.cum[i]
}

// latest returns the last x at which before(x) is still y, 0 <= y < total.
func (h *dayHours) latest(y int64) int64 {
	i := reach(h.cum, y, false)
	return h.ivs[i].a + y - h.cum[i]
}

// Kinds of sum over dates: open time, or working days.
const (
	kindOpen = iota
	kindWork
)

// weights gives each weekday a weight (its open time, or 1 for a working
// weekday) and sums them over runs of dates.
type weights struct {
	w   [7]int64 // by weekday, Monday 0
	pre [8]int64 // pre[r]: w[0] + ... + w[r-1]
	inv uint64   // 2^64 / pre[7], rounded down: weeks without a division
}

func newWeights(w [7]int64) weights {
	ws := weights{w: w}
	for r := range 7 {
		ws.pre[r+1] = ws.pre[r] + w[r]
	}
	if ws.pre[7] > 1 {
		ws.inv, _ = bits.Div64(1, 0, uint64(ws.pre[7]))
	}
	return ws
}

// weeks returns floor(v / pre[7]), for a positive weekly weight. A 64-bit
// division would cost more than the rest of an Add: the high half of v
// times the inverse is the quotient or one less.
func (w *weights) weeks(v int64) int64 {
	if v < 0 {
		return -w.weeksOf(-v + w.pre[7] - 1) // floor of a negative quotient
	}
	return w.weeksOf(v)
}

// weeksOf is weeks for v >= 0.
func (w *weights) weeksOf(v int64) int64 {
	week := w.pre[7]
	if week == 1 {
		return v
	}
	q, _ := bits.Mul64(uint64(v), w.inv)
	if (int64(q)+1)*week <= v {
		q++
	}
	return int64(q)
}

// upTo returns the weight of the dates before x, from Monday 1969-12-29.
func (w *weights) upTo(x civil) int64 {
	q := floorDiv(int64(x)+3, 7)
	return q*w.pre[7] + w.pre[int64(x)+3-7*q]
}

// lastBelow returns the greatest x with upTo(x) < v. It needs a positive
// weekly weight.
func (w *weights) lastBelow(v int64) civil {
	q := w.weeks(v - 1) // so that r is in (0, week]
	r := v - q*w.pre[7]
	// The last weekday d with pre[d] < r (pre[0] = 0 is), by bisection.
	d := 0
	if w.pre[4] < r {
		d = 4
	}
	if w.pre[d+2] < r {
		d += 2
	}
	if d < 6 && w.pre[d+1] < r {
		d++
	}
	return civil(7*q + int64(d) - 3)
}

// dot returns the weight of dates counted by weekday in c.
func (w *weights) dot(c *[7]int32) int64 {
	return w.w[0]*int64(c[0]) + w.w[1]*int64(c[1]) + w.w[2]*int64(c[2]) + w.w[3]*int64(c[3]) +
		w.w[4]*int64(c[4]) + w.w[5]*int64(c[5]) + w.w[6]*int64(c[6])
}

// ownDay is a date of the calendar's own list: a date override, or a date
// a holiday closes that the shared table does not hold.
type ownDay struct {
	day   int32
	hol   int32 // hol.index(day): the shared dates before it
	hours int32 // index into single.hours, or -1 when closed
	work  int32 // working days the own dates before it add (or remove)
	sum   int64 // open time the own dates before it add (or remove)
}

// perPeriod is what a calendar knows of one period of its zone: g, its open
// time from the calendar's first instant to the period's start, and c, such
// that past the period's flat part the open time up to t is f(t + off) + c.
type perPeriod struct{ g, c int64 }

// single is the engine of a calendar built from a Spec.
type single struct {
	z     *zoneTable
	week  [7]dayHours
	wts   [2]weights // by kind
	hol   *dateTable // shared: dates a holiday set closes
	held  []int32    // held[i]: the open time (s) that hol.days[:i] take, or nil
	own   []ownDay   // sorted, then a sentinel past every date
	hours []dayHours // of own dates
	j0    int        // the period of lo
	per   []perPeriod
	// lo, hi: the first instant and the end of the calendar; total: the
	// open time between; endKey: the wall time of hi.
	lo, hi, total, endKey int64
	workLo, workHi        int64 // working days before the first date, before the end
	chained               bool  // the weekly hours are one endless run (24x7)
}

// ownIndex returns the position of the first own date at or after x.
func (s *single) ownIndex(x civil) int {
	lo, hi := 0, len(s.own)-1 // the sentinel is past every date
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if civil(s.own[m].day) < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// look returns the positions of the first shared and the first own date at
// or after x.
func (s *single) look(x civil) (ai, bi int) { return s.hol.index(x), s.ownIndex(x) }

// next moves positions ai, bi of date x on to date x+1.
func (s *single) next(x civil, ai, bi int) (int, int) {
	if s.hol.has(x, ai) {
		ai++
	}
	if civil(s.own[bi].day) == x {
		bi++
	}
	return ai, bi
}

// hoursAt returns date x's intervals, given its positions ai, bi.
func (s *single) hoursAt(x civil, ai, bi int) *dayHours {
	return s.hoursWd(x, x.weekday(), ai, bi)
}

// hoursWd is hoursAt for x on weekday wd.
func (s *single) hoursWd(x civil, wd int, ai, bi int) *dayHours {
	if o := &s.own[bi]; civil(o.day) == x {
		if o.hours < 0 {
			return closedDay
		}
		return &s.hours[o.hours]
	}
	if s.hol.has(x, ai) {
		return closedDay
	}
	return &s.week[wd]
}

// hoursOf returns date x's intervals.
func (s *single) hoursOf(x civil) *dayHours {
	ai, bi := s.look(x)
	return s.hoursAt(x, ai, bi)
}

// ownSum returns the sum of kind k that own dates before position bi add.
func (s *single) ownSum(k int, bi int) int64 {
	if k == kindWork {
		return int64(s.own[bi].work)
	}
	return s.own[bi].sum
}

// sum returns the sum of kind k over the dates before x, given its
// positions ai, bi.
func (s *single) sum(k int, x civil, ai, bi int) int64 {
	w := &s.wts[k]
	return w.upTo(x) - s.holSum(k, ai) + s.ownSum(k, bi)
}

// f returns the open time on the wall clock before key k, from an origin.
// A date's intervals all start after those of the day before end, so
// that is the open time of the dates before the day before k's date, and
// what of those two dates lies before k.
func (s *single) f(k int64) int64 {
	d := civil(floorDiv(k, dayNs)) - 1
	ai, bi := s.look(d)
	w := &s.wts[kindOpen]
	q := floorDiv(int64(d)+3, 7) // weeks since Monday 1969-12-29
	wd := int(int64(d) + 3 - 7*q)
	v := q*w.pre[7] + w.pre[wd] - s.holSum(kindOpen, ai) + s.own[bi].sum
	x := k - int64(d)*dayNs
	v += s.hoursWd(d, wd, ai, bi).before(x)
	ai, bi = s.next(d, ai, bi)
	if wd++; wd == 7 {
		wd = 0
	}
	return v + s.hoursWd(d+1, wd, ai, bi).before(x-dayNs)
}

// owner returns the date whose interval holds key k (the day before k's
// date, in a night shift), whether there is one, and the positions of the
// first shared and own dates at or after it.
func (s *single) owner(k int64) (x civil, open bool, ai, bi int) {
	d := civil(floorDiv(k, dayNs))
	ai, bi = s.look(d - 1)
	if s.hoursAt(d-1, ai, bi).holding(k-int64(d-1)*dayNs) >= 0 {
		return d - 1, true, ai, bi
	}
	ai, bi = s.next(d-1, ai, bi)
	return d, s.hoursAt(d, ai, bi).holding(k-int64(d)*dayNs) >= 0, ai, bi
}

func (s *single) openKey(k int64) bool {
	_, ok, _, _ := s.owner(k)
	return ok
}

// gIn returns the open time in [lo, t) for t in the closure of the i-th
// period from j0.
func (s *single) gIn(i int, t int64) int64 {
	p, c := &s.z.periods[s.j0+i], &s.per[i]
	if i > 0 && t < p.flatEnd {
		// After the clock went back: the calendar sees p.wmax.
		if s.openKey(p.wmax) {
			return c.g + t - p.start
		}
		return c.g
	}
	return s.f(t+p.off) + c.c
}

// initPeriods works out per and total.
func (s *single) initPeriods() {
	ps := s.z.periods
	s.j0 = s.z.periodAt(s.lo)
	s.per = make([]perPeriod, s.z.periodAt(s.hi-1)-s.j0+1)
	s.per[0] = perPeriod{g: 0, c: -s.f(s.lo + ps[s.j0].off)}
	for i := 1; i < len(s.per); i++ {
		p, prev := &ps[s.j0+i], &ps[s.j0+i-1]
		g := s.gIn(i-1, p.start)
		g1 := g
		if p.flatEnd > p.start && s.openKey(p.wmax) {
			g1 += p.flatEnd - p.start
		}
		k := p.flatEnd + p.off
		if k == p.start+prev.off && p.start >= prev.flatEnd {
			// After the clock goes back, the wall time resumes where it
			// was: gIn has just worked out f there.
			s.per[i] = perPeriod{g: g, c: g1 - (g - s.per[i-1].c)}
			continue
		}
		s.per[i] = perPeriod{g: g, c: g1 - s.f(k)}
	}
	s.total = s.gIn(len(s.per)-1, s.hi)
}

func (s *single) g(t int64) int64 {
	if t >= s.hi {
		return s.total
	}
	if t <= s.lo {
		return 0
	}
	return s.gIn(s.period(t), t)
}

func (s *single) openAt(t int64) bool {
	return s.openKey(s.z.wall(s.z.periodAt(t), t))
}

// days returns the dates whose intervals may hold the keys of the i-th
// period from j0, past its flat part.
func (s *single) days(i int) (civil, civil) {
	p := &s.z.periods[s.j0+i]
	return civil(p.date0), civil(p.date1)
}

// period returns the position in per of the period that holds t, lo <= t
// <= hi.
func (s *single) period(t int64) int {
	return min(s.z.periodAt(t)-s.j0, len(s.per)-1)
}

func (s *single) add(t, d int64) (int64, bool) {
	i := s.period(t)
	g := s.gIn(i, t)
	if d > 0 {
		if d > s.total-g {
			return 0, false
		}
		return s.earliest(g+d, i, t), true
	}
	if d < -g {
		return 0, false
	}
	return s.latest(g+d, i, t, false), true
}

func (s *single) nextOpen(t int64) (int64, bool) {
	if t >= s.hi {
		return 0, false
	}
	if s.openAt(t) {
		return t, true
	}
	i := s.period(t)
	g := s.gIn(i, t)
	if g >= s.total {
		return 0, false
	}
	return s.latest(g, i, t, true), true
}

// earliest returns the first instant at which g reaches v, g(t) < v <=
// total, t in the i0-th period.
func (s *single) earliest(v int64, i0 int, t int64) int64 {
	// The period before the first that starts with v or more: past the
	// next, looked for from where the open time grows to v at its average
	// pace, which is close.
	i := i0
	if n := len(s.per); i+1 < n && s.per[i+1].g < v {
		g0 := s.per[i+1].g
		j := i + 1 + int(float64(v-g0)/float64(s.total-g0+1)*float64(n-i-1))
		if j = min(j, n-1); s.per[j].g < v {
			i = s.firstAbove(j+1, n, v-1, false) - 1
		} else {
			i = s.firstAbove(i0+1, j, v-1, true) - 1
		}
	}
	p, c := &s.z.periods[s.j0+i], &s.per[i]
	if i > 0 && v-c.g <= p.flatEnd-p.start && s.openKey(p.wmax) {
		return p.start + v - c.g
	}
	from, to := s.days(i)
	if i == i0 && t >= p.flatEnd {
		from = max(from, civil(floorDiv(t+p.off, dayNs))-1)
	}
	x, sum, h := s.lastDay(kindOpen, v-c.c, from, to, false)
	return int64(x)*dayNs + h.earliest(v-c.c-sum) - p.off
}

// latest returns the last instant at which g is still v, 0 <= v < total,
// which lies after t (forward) or before it; t is in the i0-th period.
func (s *single) latest(v int64, i0 int, t int64, forward bool) int64 {
	// The last period that starts with v or less.
	i := s.firstAbove(i0+1, len(s.per), v, false) - 1
	if !forward {
		i = s.firstAbove(0, i0+1, v, true) - 1
	}
	p, c := &s.z.periods[s.j0+i], &s.per[i]
	if i > 0 && v-c.g < p.flatEnd-p.start && s.openKey(p.wmax) {
		return p.start + v - c.g
	}
	from, to := s.days(i)
	if i == i0 && t >= p.flatEnd {
		if d := civil(floorDiv(t+p.off, dayNs)); forward {
			from = max(from, d-1)
		} else {
			to = min(to, d+1)
		}
	}
	x, sum, h := s.lastDay(kindOpen, v-c.c+1, from, to, !forward)
	return int64(x)*dayNs + h.latest(v-c.c-sum) - p.off
}

// firstAbove returns the first m in [lo, hi) whose period starts with more
// than v of open time; it gallops from lo, or from hi when fromHi. It is
// gallop written out: every Add that ends in another period searches
// here, and the call of a closure per step costs a ten-year Add 15%.
func (s *single) firstAbove(lo, hi int, v int64, fromHi bool) int {
	per := s.per
	for step := 1; lo < hi; step *= 2 {
		if fromHi {
			m := max(lo, hi-step)
			if per[m].g <= v {
				lo = m + 1
				break
			}
			hi = m
		} else {
			m := min(hi, lo+step) - 1
			if per[m].g > v {
				hi = m
				break
			}
			lo = m + 1
		}
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if per[m].g <= v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// lastDay returns the greatest date x in [lo, hi] whose sum of kind k over
// the dates before it is below v, that sum, and x's hours; lo must be such
// a date. It narrows [lo, hi] layer by layer: the own dates, then the
// shared ones, then whole weeks; its searches start from lo, or from hi
// when fromHi.
func (s *single) lastDay(k int, v int64, lo, hi civil, fromHi bool) (civil, int64, *dayHours) {
	w := &s.wts[k]
	// The own dates in (lo, hi] that are below come first.
	b := 0
	if len(s.own) > 1 {
		b = s.ownIndex(lo + 1)
	}
	if b1 := s.ownIndex(hi + 1); b < b1 {
		b = gallop(b, b1, fromHi, func(m int) bool { return s.ownDaySum(k, m) < v })
		if b > 0 && civil(s.own[b-1].day) > lo {
			lo = civil(s.own[b-1].day)
		}
	}
	hi = min(hi, civil(s.own[b].day)-1)
	own := s.ownSum(k, b) // what the own dates up to lo add
	// The same among the shared dates in (lo, hi]. Forward, guess first:
	// the answer if no shared date followed lo, which no shared date can
	// make earlier. When none lies between lo and the guess, that is the
	// answer; else those between come before the answer, and the next
	// guess starts after them. A few guesses end most searches.
	days := s.hol.days
	a := s.hol.index(lo + 1)
	for try := 0; try < 4 && !fromHi; try++ {
		held := s.holSum(k, a) - own
		x := min(w.lastBelow(v+held), hi)
		if a == len(days) || civil(days[a]) > x {
			if x > lo {
				return x, w.upTo(x) - held, &s.week[x.weekday()]
			}
			break
		}
		a = s.hol.index(x + 1)
		lo = civil(days[a-1])
	}
	if a1 := s.hol.index(hi + 1); a < a1 {
		a = gallop(a, a1, fromHi, func(m int) bool { return w.upTo(civil(days[m]))-s.holSum(k, m)+own < v })
		if a > 0 && civil(days[a-1]) > lo {
			lo = civil(days[a-1])
		}
	}
	if a < len(days) {
		hi = min(hi, civil(days[a])-1)
	}
	// In (lo, hi] the dates follow the week.
	held := s.holSum(k, a) - own
	if x := min(w.lastBelow(v+held), hi); x > lo {
		return x, w.upTo(x) - held, &s.week[x.weekday()]
	}
	ai, bi := s.look(lo)
	return lo, s.sum(k, lo, ai, bi), s.hoursAt(lo, ai, bi)
}

// ownDaySum is the sum of kind k over the dates before the m-th own date.
func (s *single) ownDaySum(k, m int) int64 {
	o := &s.own[m]
	return s.sum(k, civil(o.day), int(o.hol), m)
}

// holSum returns the sum of kind k that the shared dates before the i-th
// take away: for open time, looked up in held, which the calendar sums
// once; else from the counts by weekday.
func (s *single) holSum(k, i int) int64 {
	if k == kindOpen && s.held != nil {
		return int64(s.held[i]) * secNs
	}
	return s.wts[k].dot(&s.hol.cnt[i])
}

// initHeld sums the open time the shared dates take, in seconds; it leaves
// held nil when that would not fit (no holiday set comes near).
func (s *single) initHeld() {
	held := make([]int32, len(s.hol.cnt))
	for i := range s.hol.cnt {
		v := s.wts[kindOpen].dot(&s.hol.cnt[i]) / secNs
		if v > math.MaxInt32 {
			return
		}
		held[i] = int32(v)
	}
	s.held = held
}

func (s *single) zone() *zoneTable { return s.z }

// nextClose returns the end of the open run that holds t: the end of its
// run on the wall clock, or later when the clock jumps over the closed time
// after it.
func (s *single) nextClose(t int64) (int64, bool) {
	j := s.z.periodAt(t)
	for {
		e, ok := s.runEnd(s.z.wall(j, t))
		if !ok {
			return 0, false
		}
		j = s.z.reachingNear(j, e)
		p := &s.z.periods[j]
		u := max(p.start, e-p.off)
		switch {
		case u >= s.hi:
			return 0, false
		case u == e-p.off || !s.openAt(u):
			return u, true // the clock shows e at u, which is closed
		}
		t = u // the clock jumps past e into open time: the run goes on
	}
}

// runEnd returns the first closed wall time after open key k, or false
// when the run lasts past the calendar's dates.
func (s *single) runEnd(k int64) (int64, bool) {
	x, _, ai, bi := s.owner(k)
	h := s.hoursAt(x, ai, bi)
	i := h.holding(k - int64(x)*dayNs)
	for {
		e := int64(x)*dayNs + h.ivs[i].b
		if e >= s.endKey {
			return 0, false
		}
		if i < len(h.ivs)-1 {
			return e, true
		}
		ai, bi = s.next(x, ai, bi)
		if s.chained && h == &s.week[x.weekday()] {
			// Every date from x on to the next with hours of its own
			// runs into the next: go on from the day before it.
			to := min(civil(s.own[bi].day), endDay)
			if ai < len(s.hol.days) {
				to = min(to, civil(s.hol.days[ai]))
			}
			if to-1 > x {
				x = to - 1
				ai, bi = s.look(x)
				h, i = s.hoursAt(x, ai, bi), 0
				continue
			}
		}
		x++
		h, i = s.hoursAt(x, ai, bi), 0
		if len(h.ivs) == 0 || int64(x)*dayNs+h.ivs[0].a != e {
			return e, true
		}
	}
}
