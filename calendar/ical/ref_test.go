package ical_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/slaclock/slaclock/calendar/ical"
)

// refRule is a recurrence rule as the reference reads it: plain fields.
type refRule struct {
	freq                                string // YEARLY, MONTHLY, WEEKLY, DAILY
	interval, count                     int
	until                               time.Time // zero: none
	wkst                                time.Weekday
	months, monthdays, yeardays, weekno []int
	byday                               []refDay
	setpos                              []int
}

type refDay struct {
	n  int
	wd time.Weekday
}

var refWeekdays = []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"} // time.Weekday order

func (r refRule) String() string {
	parts := []string{"FREQ=" + r.freq}
	ints := func(name string, vs []int) {
		if len(vs) > 0 {
			s := make([]string, len(vs))
			for i, v := range vs {
				s[i] = strconv.Itoa(v)
			}
			parts = append(parts, name+"="+strings.Join(s, ","))
		}
	}
	if r.interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(r.interval))
	}
	if r.count > 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(r.count))
	}
	if !r.until.IsZero() {
		parts = append(parts, "UNTIL="+r.until.Format("20060102"))
	}
	if r.wkst != time.Monday {
		parts = append(parts, "WKST="+refWeekdays[r.wkst])
	}
	ints("BYMONTH", r.months)
	ints("BYWEEKNO", r.weekno)
	ints("BYYEARDAY", r.yeardays)
	ints("BYMONTHDAY", r.monthdays)
	if len(r.byday) > 0 {
		s := make([]string, len(r.byday))
		for i, d := range r.byday {
			s[i] = refWeekdays[d.wd]
			if d.n != 0 {
				s[i] = strconv.Itoa(d.n) + s[i]
			}
		}
		parts = append(parts, "BYDAY="+strings.Join(s, ","))
	}
	ints("BYSETPOS", r.setpos)
	return strings.Join(parts, ";")
}

// refDates is the reference expansion: it walks every date from the start
// of DTSTART's period to the end of the period that holds the last date, one
// at a time, asks of each whether the rule selects it, and groups the dates
// into periods by their own year, month, week or day count. DTSTART is the
// first occurrence; COUNT counts it; UNTIL and the range cut what BYSETPOS
// picked.
func refDates(start time.Time, r refRule) []string {
	r = refFill(start, r)
	last := time.Date(2149, 12, 31, 0, 0, 0, 0, time.UTC)
	if !r.until.IsZero() && r.until.Before(last) {
		last = r.until
	}
	var d, scanEnd time.Time
	switch r.freq {
	case "YEARLY":
		d = time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		scanEnd = time.Date(last.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	case "MONTHLY":
		d = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
		scanEnd = time.Date(last.Year(), last.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	case "WEEKLY":
		d = refWeekStart(start, r.wkst)
		scanEnd = refWeekStart(last, r.wkst).AddDate(0, 0, 6)
	default:
		d, scanEnd = start, last
	}
	out := []time.Time{start}
	key := func(t time.Time) int {
		switch r.freq {
		case "YEARLY":
			return t.Year() - start.Year()
		case "MONTHLY":
			return (t.Year()-start.Year())*12 + int(t.Month()-start.Month())
		case "WEEKLY":
			return refDays(refWeekStart(start, r.wkst), t) / 7
		}
		return refDays(start, t)
	}
	var period []time.Time
	flush := func() bool { // false when COUNT is reached
		if len(r.setpos) > 0 {
			var picked []time.Time
			for _, p := range r.setpos {
				i := p - 1
				if p < 0 {
					i = len(period) + p
				}
				if i >= 0 && i < len(period) && !slices.Contains(picked, period[i]) {
					picked = append(picked, period[i])
				}
			}
			slices.SortFunc(picked, func(a, b time.Time) int { return a.Compare(b) })
			period = picked
		}
		for _, t := range period {
			if t.After(start) && !t.After(last) {
				if r.count > 0 && len(out) == r.count {
					return false
				}
				out = append(out, t)
			}
		}
		period = period[:0]
		return true
	}
	cur := key(d)
	for ; !d.After(scanEnd); d = d.AddDate(0, 0, 1) {
		if k := key(d); k != cur {
			if !flush() {
				break
			}
			cur = k
		}
		if cur%r.interval == 0 && refSelects(d, r) {
			period = append(period, d)
		}
	}
	if d.After(scanEnd) {
		flush()
	}
	s := make([]string, len(out))
	for i, t := range out {
		s[i] = t.Format("2006-01-02")
	}
	return s
}

// refFill takes from DTSTART what the rule leaves open (see the package doc).
func refFill(start time.Time, r refRule) refRule {
	day := []refDay{{0, start.Weekday()}}
	switch r.freq {
	case "YEARLY":
		if len(r.weekno)+len(r.yeardays)+len(r.monthdays)+len(r.byday) == 0 {
			r.monthdays = []int{start.Day()}
			if len(r.months) == 0 {
				r.months = []int{int(start.Month())}
			}
		}
		if len(r.weekno) > 0 && len(r.yeardays)+len(r.monthdays)+len(r.byday) == 0 {
			r.byday = day
		}
	case "MONTHLY":
		if len(r.monthdays)+len(r.byday) == 0 {
			r.monthdays = []int{start.Day()}
		}
	case "WEEKLY":
		if len(r.byday) == 0 {
			r.byday = day
		}
	}
	return r
}

func refDays(a, b time.Time) int { return int(b.Sub(a).Hours()+12) / 24 }

func refWeekStart(t time.Time, wkst time.Weekday) time.Time {
	for t.Weekday() != wkst {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// refSelects asks every BY part of d, plainly: a BYDAY ordinal is found by
// counting the same weekdays in the month or year, a week number by
// finding the week that holds 4 January.
func refSelects(d time.Time, r refRule) bool {
	y, m := d.Year(), d.Month()
	mlen := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	ylen := time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC).YearDay()
	either := func(vs []int, v, n int) bool { return slices.Contains(vs, v) || slices.Contains(vs, v-n-1) }
	if len(r.months) > 0 && !slices.Contains(r.months, int(m)) ||
		len(r.monthdays) > 0 && !either(r.monthdays, d.Day(), mlen) ||
		len(r.yeardays) > 0 && !either(r.yeardays, d.YearDay(), ylen) {
		return false
	}
	if len(r.weekno) > 0 {
		wn, nw := refWeek(d, r.wkst)
		if !either(r.weekno, wn, nw) {
			return false
		}
	}
	if len(r.byday) == 0 {
		return true
	}
	first, end := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
	if r.freq == "MONTHLY" || r.freq == "YEARLY" && len(r.months) > 0 {
		first, end = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)
	}
	for _, b := range r.byday {
		if b.wd != d.Weekday() {
			continue
		}
		if b.n == 0 {
			return true
		}
		before, after := 0, 0 // same weekdays in the scope before and after d
		for t := d.AddDate(0, 0, -7); !t.Before(first); t = t.AddDate(0, 0, -7) {
			before++
		}
		for t := d.AddDate(0, 0, 7); t.Before(end); t = t.AddDate(0, 0, 7) {
			after++
		}
		if b.n == before+1 || b.n == -(after+1) {
			return true
		}
	}
	return false
}

// refWeek returns d's week number and the weeks in its week-year: week 1 is
// the week (from wkst) that holds 4 January.
func refWeek(d time.Time, wkst time.Weekday) (int, int) {
	week1 := func(y int) time.Time { return refWeekStart(time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC), wkst) }
	y := d.Year() + 1
	for week1(y).After(d) {
		y--
	}
	return refDays(week1(y), d)/7 + 1, refDays(week1(y), week1(y+1)) / 7
}

func randomRefRule(rnd *rand.Rand) refRule {
	r := refRule{freq: []string{"YEARLY", "YEARLY", "MONTHLY", "WEEKLY", "DAILY"}[rnd.IntN(5)], interval: 1, wkst: time.Monday}
	some := func(n, lo, hi int, signed bool) []int {
		var vs []int
		for range 1 + rnd.IntN(n) {
			v := lo + rnd.IntN(hi-lo+1)
			if signed && rnd.IntN(3) == 0 {
				v = -v
			}
			vs = append(vs, v)
		}
		return vs
	}
	if rnd.IntN(3) == 0 {
		r.interval = 1 + rnd.IntN(4)
	}
	switch rnd.IntN(3) {
	case 0:
		r.count = 1 + rnd.IntN(30)
	case 1:
		r.until = time.Date(2000+rnd.IntN(150), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(28), 0, 0, 0, 0, time.UTC)
	}
	if rnd.IntN(4) == 0 {
		r.wkst = time.Weekday(rnd.IntN(7))
	}
	if rnd.IntN(2) == 0 {
		r.months = some(3, 1, 12, false)
	}
	if r.freq == "YEARLY" && rnd.IntN(5) == 0 {
		r.weekno = some(3, 1, 53, true)
	}
	if r.freq == "YEARLY" && rnd.IntN(6) == 0 {
		r.yeardays = some(3, 1, 366, true)
	}
	if r.freq != "WEEKLY" && rnd.IntN(3) == 0 {
		r.monthdays = some(3, 1, 31, true)
	}
	if rnd.IntN(2) == 0 {
		ordinals := (r.freq == "YEARLY" || r.freq == "MONTHLY") && len(r.weekno) == 0
		for range 1 + rnd.IntN(3) {
			b := refDay{0, time.Weekday(rnd.IntN(7))}
			if ordinals && rnd.IntN(2) == 0 {
				b.n = 1 + rnd.IntN([]int{5, 53}[rnd.IntN(2)])
				if rnd.IntN(2) == 0 {
					b.n = -b.n
				}
			}
			r.byday = append(r.byday, b)
		}
	}
	if len(r.months)+len(r.weekno)+len(r.yeardays)+len(r.monthdays)+len(r.byday) > 0 && rnd.IntN(4) == 0 {
		r.setpos = some(2, 1, 6, true)
	}
	return r
}

func refRuns() int {
	switch {
	case os.Getenv("SLACLOCK_LONG") == "1":
		return 3000
	case raceEnabled:
		return 20
	}
	return 100
}

// TestReference compares the expansion with refDates on random rules,
// starting between 2000 and 2149. SLACLOCK_LONG=1 runs 3,000 of them, 100 run by default.
func TestReference(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("SLACLOCK_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	rnd := rand.New(rand.NewPCG(seed, 1))
	for i := range refRuns() {
		if msg := checkReference(rnd); msg != "" {
			t.Fatalf("SLACLOCK_SEED=%d, rule %d: %s", seed, i, msg)
		}
	}
}

// checkReference expands a random rule from a random start, both drawn
// from rnd, and returns how Holidays differs from refDates on it, or "".
func checkReference(rnd *rand.Rand) string {
	r := randomRefRule(rnd)
	start := time.Date(2000+rnd.IntN(150), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(28), 0, 0, 0, 0, time.UTC)
	ics := vcal(vevent("DTSTART;VALUE=DATE:"+start.Format("20060102"), "RRULE:"+r.String())...)
	got, err := ical.Holidays(strings.NewReader(ics))
	if err != nil {
		return fmt.Sprintf("%s from %s: %v", r, start.Format("2006-01-02"), err)
	}
	if diff := cmp.Diff(refDates(start, r), got, cmpopts.EquateEmpty()); diff != "" {
		return fmt.Sprintf("%s from %s (-reference +Holidays):\n%s", r, start.Format("2006-01-02 Mon"), diff)
	}
	return ""
}

func TestReferenceSelf(t *testing.T) {
	// The reference itself on cases whose answers are known.
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	r := refRule{freq: "MONTHLY", interval: 1, wkst: time.Monday, count: 4, byday: []refDay{{0, time.Monday}, {1, time.Friday}}}
	want := []string{"2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"}
	if diff := cmp.Diff(want, refDates(start, r)); diff != "" {
		t.Errorf("refDates (-want +got):\n%s", diff)
	}
	if wn, nw := refWeek(time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC), time.Monday); wn != 53 || nw != 53 {
		t.Errorf("refWeek(2027-01-03) = %d of %d, want 53 of 53 (ISO)", wn, nw)
	}
	if got := fmt.Sprint(r); got != "FREQ=MONTHLY;COUNT=4;BYDAY=MO,1FR" {
		t.Errorf("refRule.String() = %s", got)
	}
}
