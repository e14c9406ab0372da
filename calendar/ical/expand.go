package ical

import "slices"

// each calls emit, in increasing order, for every date after start that the
// rule yields: the dates of each period (a year, month, week or day, every
// INTERVAL-th from start's) that all BY parts select, then BYSETPOS, up to
// UNTIL, COUNT (start counts as the first occurrence) and the range's last
// date. A rule without COUNT skips the periods before the range. Each period
// and each date it looks at costs a step of *steps; past MaxSteps each stops
// and reports false.
func (r *rule) each(start day, steps *int, emit func(day)) bool {
	n := 1 // start is the first occurrence
	if r.count > 0 && n >= r.count {
		return true
	}
	limit := min(r.until, lastDay)
	y0, m0, _ := start.date()
	var buf, picked []day
	for q := r.firstPeriod(start); ; q += r.interval {
		a, b := r.period(start, y0, m0, q)
		if a > limit {
			return true
		}
		var looked int
		buf, looked = r.candidates(a, b, buf[:0])
		*steps += looked
		if *steps > MaxSteps {
			return false
		}
		days := buf
		if len(r.setpos) > 0 {
			picked = r.pick(buf, picked[:0])
			days = picked
		}
		for _, d := range days {
			if d <= start {
				continue
			}
			if d > limit {
				return true
			}
			emit(d)
			n++
			if r.count > 0 && n >= r.count {
				return true
			}
		}
	}
}

// firstPeriod returns the index of the first period to expand: 0, start's
// own, or for a rule without COUNT the first one due that reaches the range.
func (r *rule) firstPeriod(start day) int {
	if r.count > 0 {
		return 0
	}
	y, m, _ := start.date()
	var need int // periods from start's to the first that reaches firstDay
	switch r.freq {
	case yearly:
		need = 1900 - y
	case monthly:
		need = 1900*12 - (y*12 + m - 1)
	case weekly:
		w := r.weekStart(start)
		need = (int(firstDay-6-w) + 6) / 7 // rounded up; negative when start is late enough
	case daily:
		need = int(firstDay - start)
	}
	if need <= 0 {
		return 0
	}
	return (need + r.interval - 1) / r.interval * r.interval
}

func (r *rule) weekStart(d day) day {
	return d - day((d.weekday()-r.wkst+7)%7)
}

// period returns the first and last date of the q-th period from start's,
// which lies in year y0, month m0.
func (r *rule) period(start day, y0, m0, q int) (day, day) {
	switch r.freq {
	case yearly:
		return dayOf(y0+q, 1, 1), dayOf(y0+q+1, 1, 1) - 1
	case monthly:
		i := y0*12 + m0 - 1 + q
		y, m := i/12, i%12+1
		a := dayOf(y, m, 1)
		return a, a + day(monthLen(y, m)) - 1
	case weekly:
		a := r.weekStart(start) + day(7*q)
		return a, a + 6
	}
	return start + day(q), start + day(q)
}

// candidates appends to buf, sorted without duplicates, the dates of the
// period [a, b] that the rule selects, and says how many steps that took: the
// dates it looked at and the rule's cost per period. It generates dates from
// the cheapest part listed and filters them with all.
func (r *rule) candidates(a, b day, buf []day) ([]day, int) {
	gen := buf
	var y, m int
	switch r.freq {
	case daily:
		gen = append(gen, a)
	case weekly:
		gen = r.weekdaysIn(a, b, gen)
	default:
		y, m, _ = a.date()
	}
	switch {
	case r.freq == daily || r.freq == weekly:
	case r.freq == monthly && r.monthMask != 0 && r.monthMask&(1<<m) == 0:
		// a month BYMONTH leaves out
	case r.freq == monthly && len(r.monthdays) > 0:
		gen = monthdaysIn(y, m, r.monthdays, gen)
	case r.freq == monthly:
		gen = r.weekdaysIn(a, b, gen)
	case len(r.yeardays) > 0:
		for _, v := range r.yeardays {
			if v < 0 {
				v += yearLen(y) + 1
			}
			if v >= 1 && v <= yearLen(y) {
				gen = append(gen, a+day(v-1))
			}
		}
	case len(r.weeknos) > 0:
		gen = r.weeksIn(y, gen)
	case len(r.monthdays) > 0:
		for _, mo := range r.monthsOf() {
			gen = monthdaysIn(y, mo, r.monthdays, gen)
		}
	case len(r.months) > 0:
		for _, mo := range r.months {
			first := dayOf(y, mo, 1)
			gen = r.weekdaysIn(first, first+day(monthLen(y, mo))-1, gen)
		}
	default:
		gen = r.weekdaysIn(a, b, gen)
	}
	looked := r.perPeriod + len(gen)
	out := gen[:0]
	for _, d := range gen {
		if r.match(d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), looked
}

var allMonths = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}

func (r *rule) monthsOf() []int {
	if len(r.months) > 0 {
		return r.months
	}
	return allMonths
}

// monthdaysIn appends the dates of month m of year y that BYMONTHDAY values
// vs name (-1 is the last day); values past the month's end name nothing.
func monthdaysIn(y, m int, vs []int, buf []day) []day {
	n := monthLen(y, m)
	first := dayOf(y, m, 1)
	for _, v := range vs {
		if v < 0 {
			v += n + 1
		}
		if v >= 1 && v <= n {
			buf = append(buf, first+day(v-1))
		}
	}
	return buf
}

// weekdaysIn appends the dates in [a, b] that BYDAY names: every such
// weekday, or the n-th one counted from a (from b when n < 0).
func (r *rule) weekdaysIn(a, b day, buf []day) []day {
	for _, w := range r.byday {
		first := a + day((w.wd-a.weekday()+7)%7)
		switch {
		case w.n == 0:
			for d := first; d <= b; d += 7 {
				buf = append(buf, d)
			}
		case w.n > 0:
			if d := first + day(7*(w.n-1)); d <= b {
				buf = append(buf, d)
			}
		default:
			last := b - day((b.weekday()-w.wd+7)%7)
			if d := last + day(7*(w.n+1)); d >= a {
				buf = append(buf, d)
			}
		}
	}
	return buf
}

// weeksIn appends the dates of year y in the weeks BYWEEKNO names, looking at
// the week-years y-1, y and y+1, whose weeks reach into y.
func (r *rule) weeksIn(y int, buf []day) []day {
	a, b := dayOf(y, 1, 1), dayOf(y+1, 1, 1)-1
	for wy := y - 1; wy <= y+1; wy++ {
		w1, nw := r.week1(wy), r.weeksOf(wy)
		for _, n := range r.weeknos {
			if n < 0 {
				n += nw + 1
			}
			if n < 1 || n > nw {
				continue
			}
			s := w1 + day(7*(n-1))
			for d := max(s, a); d <= min(s+6, b); d++ {
				buf = append(buf, d)
			}
		}
	}
	return buf
}

// week1 returns the first day of week 1 of year y: the first week, starting
// on WKST, with at least four days in y.
func (r *rule) week1(y int) day {
	jan1 := dayOf(y, 1, 1)
	off := (jan1.weekday() - r.wkst + 7) % 7
	s := jan1 - day(off)
	if off > 3 {
		s += 7
	}
	return s
}

func (r *rule) weeksOf(y int) int { return int(r.week1(y+1)-r.week1(y)) / 7 }

// weekNumber returns the week number of d and the number of weeks in its
// week-year, under WKST.
func (r *rule) weekNumber(d day) (int, int) {
	y, _, _ := d.date()
	s := r.week1(y)
	if d < s {
		y--
		s = r.week1(y)
	} else if next := r.week1(y + 1); d >= next {
		y++
		s = next
	}
	return int(d-s)/7 + 1, r.weeksOf(y)
}

// match reports whether every BY part but BYSETPOS selects d. A BYDAY
// ordinal counts within the month for MONTHLY rules and YEARLY rules with
// BYMONTH, else within the year.
func (r *rule) match(d day) bool {
	if r.weekdaysOnly {
		return len(r.byday) == 0 || r.everyMask&(1<<d.weekday()) != 0
	}
	y, m, md := d.date()
	if r.monthMask != 0 && r.monthMask&(1<<m) == 0 {
		return false
	}
	if r.monthdayMask != 0 {
		n := monthLen(y, m)
		if r.monthdayMask&(1<<(md+31)) == 0 && r.monthdayMask&(1<<(md-n-1+31)) == 0 {
			return false
		}
	}
	if len(r.yeardays) > 0 {
		yd, n := int(d-dayOf(y, 1, 1))+1, yearLen(y)
		if !hasBit(r.yeardayMask[:], yd+366) && !hasBit(r.yeardayMask[:], yd-n-1+366) {
			return false
		}
	}
	if len(r.weeknos) > 0 {
		wn, nw := r.weekNumber(d)
		if !hasBit(r.weeknoMask[:], wn+53) && !hasBit(r.weeknoMask[:], wn-nw-1+53) {
			return false
		}
	}
	if len(r.byday) == 0 {
		return true
	}
	wd := d.weekday()
	if r.everyMask&(1<<wd) != 0 {
		return true
	}
	a, b := dayOf(y, 1, 1), dayOf(y+1, 1, 1)-1
	if r.freq == monthly || r.freq == yearly && len(r.months) > 0 {
		a = dayOf(y, m, 1)
		b = a + day(monthLen(y, m)) - 1
	}
	k, kk := int(d-a)/7+1, -(int(b-d)/7 + 1)
	return hasBit(r.nthMask[wd][:], k+53) || hasBit(r.nthMask[wd][:], kk+53)
}

// pick applies BYSETPOS to a period's sorted dates.
func (r *rule) pick(days, buf []day) []day {
	for _, p := range r.setpos {
		i := p - 1
		if p < 0 {
			i = len(days) + p
		}
		if i >= 0 && i < len(days) {
			buf = append(buf, days[i])
		}
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}
