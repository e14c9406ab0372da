package calendar

import (
	"math/bits"
	"sync"
)

// A holiday set's dates do not depend on the calendar: they are computed
// once per set and kind of date (observed or actual) and shared by every
// calendar that lists the set (see holidayTable).

// dateTable is a sorted list of dates with, for each position, how many of
// the dates before it fall on each weekday: a calendar that closes these
// dates finds the open time it loses before any date from its own hours per
// weekday, without a table of its own.
type dateTable struct {
	days []int32    // sorted, distinct, within the dates a calendar knows
	cnt  [][7]int32 // cnt[i][w]: how many of days[:i] fall on weekday w (Monday 0)
	// first[(x-setFirst)>>5]: the position of the first date at or after
	// the first of that run of 32 dates.
	first []int32
}

// noDates is the empty table, for calendars without a holiday set.
var noDates = dateSet{}.table()

// index returns the position of the first date at or after x.
func (t *dateTable) index(x civil) int {
	switch {
	case x < setFirst:
		return 0
	case x >= setFirst+setDays:
		return len(t.days)
	}
	i := int(t.first[(x-setFirst)>>5])
	for i < len(t.days) && civil(t.days[i]) < x {
		i++
	}
	return i
}

// has reports whether date x is in the table, i is t.index(x).
func (t *dateTable) has(x civil, i int) bool {
	return i < len(t.days) && civil(t.days[i]) == x
}

// holidayCache holds one *dateTable per holiday set and kind of date. It
// only saves work: a table never changes once stored, and there are at most
// two per set of HolidaySets().
var holidayCache sync.Map

// holidayTable returns the shared table of the dates the holiday set code
// (lower case) closes, on their actual or observed dates, and whether the
// set exists.
func holidayTable(code string, actual bool) (*dateTable, bool) {
	key := code + "/observed"
	if actual {
		key = code + "/actual"
	}
	if t, ok := holidayCache.Load(key); ok {
		return t.(*dateTable), true
	}
	set, ok := holidaySet(code)
	if !ok {
		return nil, false
	}
	ds := newDateSet()
	for _, hol := range set {
		for y := firstYear - 1; y <= endYear; y++ {
			a, o := hol.Calc(y)
			t := o
			if actual {
				t = a
			}
			if !t.IsZero() {
				yy, mm, dd := t.Date()
				ds.add(civilOf(yy, mm, dd))
			}
		}
	}
	t, _ := holidayCache.LoadOrStore(key, ds.table())
	return t.(*dateTable), true
}

// dateSet is a set of the dates a calendar knows, one bit each: building
// one from any number of dates, duplicates and all, costs linear time.
type dateSet struct{ w []uint64 }

// The dates a dateSet holds: [setFirst, setFirst + setDays).
const (
	setFirst = civil(-25568) // 1899-12-31, the day before the first date
	setDays  = 91312         // up to 2149-12-31
)

func newDateSet() dateSet { return dateSet{w: make([]uint64, (setDays+63)/64)} }

func (s dateSet) add(d civil) {
	if i := d - setFirst; 0 <= i && i < setDays {
		s.w[i/64] |= 1 << (i % 64)
	}
}

// each calls f with the dates of the set in order.
func (s dateSet) each(f func(civil)) {
	for i, w := range s.w {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			w &= w - 1
			f(setFirst + civil(i*64+b))
		}
	}
}

// table lists the set's dates with their counts by weekday.
func (s dateSet) table() *dateTable {
	t := &dateTable{cnt: make([][7]int32, 1), first: make([]int32, (setDays+31)/32)}
	var c [7]int32
	s.each(func(d civil) {
		t.days = append(t.days, int32(d))
		c[d.weekday()]++
		t.cnt = append(t.cnt, c)
	})
	for i, k := 0, 0; i < len(t.first); i++ {
		for k < len(t.days) && civil(t.days[k]) < setFirst+civil(32*i) {
			k++
		}
		t.first[i] = int32(k)
	}
	return t
}
