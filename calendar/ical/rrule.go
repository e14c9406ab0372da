package ical

import (
	"slices"
	"strconv"
	"strings"
)

type freq int

const (
	yearly freq = iota
	monthly
	weekly
	daily
)

var freqNames = [...]string{"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}

var weekdayNames = [7]string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// weekdayNum is an entry of BYDAY: a weekday (0 = Monday) and its ordinal
// (3 in 3MO, -1 in -1MO), 0 for every such weekday.
type weekdayNum struct{ n, wd int }

// rule is an RRULE of an all-day event, with the parts RFC 5545 takes from
// DTSTART filled in. Lists are sorted without duplicates; the masks answer
// "is v listed" for the filters, the lists drive the generation.
type rule struct {
	line     int
	freq     freq
	interval int
	count    int // occurrences, DTSTART the first; 0 for no COUNT
	until    day // the last date it may yield
	wkst     int

	months       []int
	monthdays    []int
	yeardays     []int
	weeknos      []int
	byday        []weekdayNum
	setpos       []int
	perPeriod    int  // steps a period costs besides the dates it looks at
	weekdaysOnly bool // no BY part but BYDAY without ordinals: match needs no date

	monthMask    uint16
	monthdayMask uint64       // bit v+31
	yeardayMask  [12]uint64   // bit v+366
	weeknoMask   [2]uint64    // bit v+53
	everyMask    uint8        // weekdays listed without an ordinal
	nthMask      [7][2]uint64 // per weekday, bit n+53
}

// Bounds on numbers in a rule: beyond them a rule yields what it yields at
// the bound (the range holds fewer than a million days).
const (
	maxInterval = 1_000_000
	maxCount    = 1_000_000_000
)

// rulePart is one NAME=VALUE of a rule, its name upper-cased.
type rulePart struct{ name, value string }

// parseRule reads the value of an RRULE property of an event that starts on
// start. Errors are *Error values without Path.
func parseRule(value string, start day) (*rule, error) {
	r := &rule{interval: 1, until: lastDay + 1}
	seen := map[string]bool{}
	for _, s := range strings.Split(value, ";") {
		if s == "" {
			continue // a trailing ";", seen from Google Calendar
		}
		name, v, ok := strings.Cut(s, "=")
		if !ok || name == "" || v == "" {
			return nil, &Error{Value: s, Err: detail(ErrSyntax, "want NAME=VALUE")}
		}
		p := rulePart{strings.ToUpper(name), v}
		if seen[p.name] {
			return nil, &Error{Value: s, Err: detail(ErrSyntax, p.name+" set twice")}
		}
		seen[p.name] = true
		if err := r.setPart(p); err != nil {
			return nil, &Error{Value: s, Err: err}
		}
	}
	if !seen["FREQ"] {
		return nil, &Error{Value: value, Err: detail(ErrSyntax, "no FREQ")}
	}
	if err := r.check(seen); err != nil {
		return nil, &Error{Value: value, Err: err}
	}
	r.fill(start)
	r.masks()
	r.perPeriod = 1 + len(r.byday) + 3*len(r.weeknos) + len(r.yeardays) + len(r.monthdays)*len(r.monthsOf())
	r.weekdaysOnly = len(r.months)+len(r.monthdays)+len(r.yeardays)+len(r.weeknos) == 0 && r.nthMask == [7][2]uint64{}
	return r, nil
}

// setPart reads one rule part into r.
func (r *rule) setPart(p rulePart) error {
	var err error
	switch p.name {
	case "FREQ":
		r.freq, err = parseFreq(strings.ToUpper(p.value))
	case "INTERVAL":
		r.interval, err = parseCount(p.value, maxInterval)
	case "COUNT":
		r.count, err = parseCount(p.value, maxCount)
	case "UNTIL":
		var s stamp
		s, err = parseStamp(p.value, "")
		r.until = s.d // a time, if any, is ignored: see the package doc
	case "WKST":
		var w weekdayNum
		w, err = parseWeekday(p.value, false)
		r.wkst = w.wd
	case "BYMONTH":
		r.months, err = parseInts(p.value, 1, 12, false)
	case "BYMONTHDAY":
		r.monthdays, err = parseInts(p.value, 1, 31, true)
	case "BYYEARDAY":
		r.yeardays, err = parseInts(p.value, 1, 366, true)
	case "BYWEEKNO":
		r.weeknos, err = parseInts(p.value, 1, 53, true)
	case "BYSETPOS":
		r.setpos, err = parseInts(p.value, 1, 366, true)
	case "BYDAY":
		r.byday, err = parseWeekdays(p.value)
	case "BYHOUR", "BYMINUTE", "BYSECOND":
		err = detail(ErrUnsupported, p.name+" on an all-day event")
	default:
		err = detail(ErrUnsupported, "unknown rule part; want FREQ, UNTIL, COUNT, INTERVAL, "+
			"BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY, BYSETPOS or WKST")
	}
	return err
}

func parseFreq(v string) (freq, error) {
	for i, n := range freqNames {
		if v == n {
			return freq(i), nil
		}
	}
	switch v {
	case "HOURLY", "MINUTELY", "SECONDLY":
		return 0, detail(ErrUnsupported, "on an all-day event; want YEARLY, MONTHLY, WEEKLY or DAILY")
	}
	return 0, detail(ErrSyntax, "want YEARLY, MONTHLY, WEEKLY or DAILY")
}

// check refuses what RFC 5545 forbids: COUNT with UNTIL, and parts that do
// not apply to the frequency.
func (r *rule) check(seen map[string]bool) error {
	f := freqNames[r.freq]
	switch {
	case seen["COUNT"] && seen["UNTIL"]:
		return detail(ErrSyntax, "COUNT and UNTIL both set")
	case len(r.weeknos) > 0 && r.freq != yearly:
		return detail(ErrSyntax, "BYWEEKNO with FREQ="+f+"; it needs FREQ=YEARLY")
	case len(r.yeardays) > 0 && r.freq != yearly:
		return detail(ErrSyntax, "BYYEARDAY with FREQ="+f+"; it needs FREQ=YEARLY")
	case len(r.monthdays) > 0 && r.freq == weekly:
		return detail(ErrSyntax, "BYMONTHDAY with FREQ=WEEKLY")
	case len(r.setpos) > 0 && len(r.months)+len(r.monthdays)+len(r.yeardays)+len(r.weeknos)+len(r.byday) == 0:
		return detail(ErrSyntax, "BYSETPOS without another BY part")
	}
	for _, w := range r.byday {
		if w.n == 0 {
			continue
		}
		if r.freq == weekly || r.freq == daily {
			return detail(ErrSyntax, "a BYDAY ordinal with FREQ="+f+"; ordinals need MONTHLY or YEARLY")
		}
		if len(r.weeknos) > 0 {
			return detail(ErrSyntax, "a BYDAY ordinal with BYWEEKNO")
		}
	}
	return nil
}

// fill takes from DTSTART what the rule leaves open, as RFC 5545 says
// ("FREQ=YEARLY;BYMONTH=1" repeats DTSTART's day of the month in January).
// A YEARLY rule with BYWEEKNO alone repeats DTSTART's weekday in those weeks,
// as libical and CalendarServer read it.
func (r *rule) fill(start day) {
	_, m, d := start.date()
	switch r.freq {
	case yearly:
		if len(r.weeknos)+len(r.yeardays)+len(r.monthdays)+len(r.byday) == 0 {
			r.monthdays = []int{d}
			if len(r.months) == 0 {
				r.months = []int{m}
			}
		}
		if len(r.weeknos) > 0 && len(r.yeardays)+len(r.monthdays)+len(r.byday) == 0 {
			r.byday = []weekdayNum{{0, start.weekday()}}
		}
	case monthly:
		if len(r.monthdays)+len(r.byday) == 0 {
			r.monthdays = []int{d}
		}
	case weekly:
		if len(r.byday) == 0 {
			r.byday = []weekdayNum{{0, start.weekday()}}
		}
	}
}

func (r *rule) masks() {
	for _, m := range r.months {
		r.monthMask |= 1 << m
	}
	for _, v := range r.monthdays {
		r.monthdayMask |= 1 << (v + 31)
	}
	for _, v := range r.yeardays {
		setBit(r.yeardayMask[:], v+366)
	}
	for _, v := range r.weeknos {
		setBit(r.weeknoMask[:], v+53)
	}
	for _, w := range r.byday {
		if w.n == 0 {
			r.everyMask |= 1 << w.wd
		} else {
			setBit(r.nthMask[w.wd][:], w.n+53)
		}
	}
}

func setBit(m []uint64, i int)      { m[i/64] |= 1 << (i % 64) }
func hasBit(m []uint64, i int) bool { return i >= 0 && i < len(m)*64 && m[i/64]&(1<<(i%64)) != 0 }

// parseCount reads a positive number; one above limit reads as limit.
func parseCount(s string, limit int) (int, error) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, detail(ErrSyntax, "want a positive number")
		}
		n = min(n*10+int(c-'0'), limit)
	}
	if n == 0 {
		return 0, detail(ErrSyntax, "want a positive number")
	}
	return n, nil
}

// parseInts reads a list of numbers from lo to hi (and -hi to -lo if signed),
// sorted, without duplicates.
func parseInts(s string, lo, hi int, signed bool) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, ok := parseSigned(f, hi)
		if !ok || n == 0 || n < -hi || n > hi || n > 0 && n < lo || n < 0 && (!signed || n > -lo) {
			if signed {
				return nil, detail(ErrSyntax, "want numbers from 1 to "+strconv.Itoa(hi)+" or -1 to -"+strconv.Itoa(hi))
			}
			return nil, detail(ErrSyntax, "want numbers from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi))
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// parseSigned reads [+|-]digits; a number past limit reads as limit+1.
func parseSigned(s string, limit int) (int, bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = min(n*10+int(s[i]-'0'), limit+1)
	}
	if neg {
		n = -n
	}
	return n, true
}

func parseWeekdays(s string) ([]weekdayNum, error) {
	var out []weekdayNum
	for _, f := range strings.Split(s, ",") {
		w, err := parseWeekday(f, true)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b weekdayNum) int {
		if a.wd != b.wd {
			return a.wd - b.wd
		}
		return a.n - b.n
	})
	return slices.Compact(out), nil
}

// parseWeekday reads "MO", or with ordinals allowed "3MO", "+3MO", "-1MO".
func parseWeekday(s string, ordinal bool) (weekdayNum, error) {
	want := "want MO, TU, WE, TH, FR, SA or SU"
	if ordinal {
		want = "want MO, TU, WE, TH, FR, SA or SU, after an ordinal from 1 to 53 or -1 to -53 if any"
	}
	if len(s) < 2 {
		return weekdayNum{}, detail(ErrSyntax, want)
	}
	name := strings.ToUpper(s[len(s)-2:])
	wd := slices.Index(weekdayNames[:], name)
	if wd < 0 {
		return weekdayNum{}, detail(ErrSyntax, want)
	}
	n := 0
	if num := s[:len(s)-2]; num != "" {
		var ok bool
		n, ok = parseSigned(num, 53)
		if !ordinal || !ok || n == 0 || n > 53 || n < -53 {
			return weekdayNum{}, detail(ErrSyntax, want)
		}
	}
	return weekdayNum{n, wd}, nil
}
