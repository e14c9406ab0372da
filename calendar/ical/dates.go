package ical

import "math/bits"

// day counts days from 1970-01-01 in the proleptic Gregorian calendar, so
// that date arithmetic is integer arithmetic: a day is a date, never 24 hours.
type day int

// The calendar's range (DESIGN.md, calendar, meaning 8): the local dates
// from 1900-01-01 to 2149-12-31. Dates outside it are dropped.
var (
	firstDay = dayOf(1900, 1, 1)
	lastDay  = dayOf(2149, 12, 31)
)

// dayOf returns the day of year y, month m (1-12), day d (1-31); a day past
// the month's end runs into the next month.
func dayOf(y, m, d int) day {
	// Days from civil, shifting the year to start in March so that the
	// leap day is the year's last.
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// date returns the year, month (1-12) and day of the month of d.
func (d day) date() (y, m, dd int) {
	z := int(d) + 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, dd
}

// weekday returns 0 for Monday through 6 for Sunday, as RFC 5545 lists
// them (MO..SU).
func (d day) weekday() int {
	return ((int(d)+3)%7 + 7) % 7
}

// String returns the date as "2006-01-02", the form calendar.Spec takes.
func (d day) String() string {
	var b [10]byte
	d.put(b[:])
	return string(b[:])
}

// put writes the date as "2006-01-02" into b[:10].
func (d day) put(b []byte) {
	y, m, dd := d.date()
	b[0] = byte('0' + y/1000%10)
	b[1] = byte('0' + y/100%10)
	b[2] = byte('0' + y/10%10)
	b[3] = byte('0' + y%10)
	b[4] = '-'
	b[5] = byte('0' + m/10)
	b[6] = byte('0' + m%10)
	b[7] = '-'
	b[8] = byte('0' + dd/10)
	b[9] = byte('0' + dd%10)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func yearLen(y int) int {
	if isLeap(y) {
		return 366
	}
	return 365
}

func monthLen(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// dateSet is a set of the range's dates, one bit per date.
type dateSet struct {
	bits []uint64
}

func newDateSet() *dateSet {
	return &dateSet{bits: make([]uint64, (int(lastDay-firstDay)+1+63)/64)}
}

// add puts the dates of [a, b) into the set, cut to the range, at a cost of
// one step per 64 dates.
func (s *dateSet) add(a, b day) {
	a, b = max(a, firstDay), min(b, lastDay+1)
	if a >= b {
		return
	}
	i, j := int(a-firstDay), int(b-firstDay) // [i, j)
	for i < j {
		w, bit := i/64, i%64
		n := min(64-bit, j-i)
		s.bits[w] |= (^uint64(0) >> (64 - n)) << bit
		i += n
	}
}

// strings returns the set's dates in increasing order. They are slices of
// one string, so that the answer costs two allocations, not one a date.
func (s *dateSet) strings() []string {
	n := 0
	for _, w := range s.bits {
		n += bits.OnesCount64(w)
	}
	buf := make([]byte, 0, 10*n)
	for i, w := range s.bits {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			w &= w - 1
			buf = buf[:len(buf)+10]
			(firstDay + day(i*64+b)).put(buf[len(buf)-10:])
		}
	}
	all := string(buf)
	out := make([]string, n)
	for i := range out {
		out[i] = all[10*i : 10*i+10]
	}
	return out
}
