package jsonx

import "time"

// parseInstant parses an instant in the form AppendTime writes,
// "2006-01-02T15:04:05.999999999Z07:00", with a fraction of one to nine
// digits or none, "Z" or an offset; ok is false for anything else, which
// time's parser then reads. It gives what time.Time.UnmarshalText gives
// for the same text (FuzzParseInstant checks it), without the new
// time.Location that time's parser makes for every offset that is not a
// whole number of hours: the reader makes one per offset and keeps it.
func (r *Reader) parseInstant(b []byte) (t time.Time, ok bool) {
	if len(b) < len("2006-01-02T15:04:05Z") || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	year, month, day := num(b[0:4]), num(b[5:7]), num(b[8:10])
	hour, minute, sec := num(b[11:13]), num(b[14:16]), num(b[17:19])
	if year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	rest, nsec := b[19:], 0
	if len(rest) > 1 && rest[0] == '.' {
		n := 1
		for ; n < len(rest) && n <= 10 && '0' <= rest[n] && rest[n] <= '9'; n++ {
			nsec = nsec*10 + int(rest[n]-'0')
		}
		if n == 1 || n > 10 {
			return time.Time{}, false
		}
		for k := n; k <= 9; k++ {
			nsec *= 10
		}
		rest = rest[n:]
	}
	t = time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	switch {
	case len(rest) == 1 && rest[0] == 'Z':
		return t, true
	case len(rest) != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':':
		return time.Time{}, false
	}
	oh, om := num(rest[1:3]), num(rest[4:6])
	if oh < 0 || oh > 23 || om < 0 || om > 59 {
		return time.Time{}, false
	}
	off := oh*3600 + om*60
	if rest[0] == '-' {
		off = -off
	}
	if off == 0 {
		return t, true // in UTC, as fixLocal puts it
	}
	return t.Add(-time.Duration(off) * time.Second).In(r.zone(off)), true
}

// num returns the decimal number that b spells, or -1.
func num(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// daysIn returns the number of days in a month of a year.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// zone returns an unnamed fixed zone at offset off seconds east of UTC, as
// time's parser does, made once per reader and offset.
func (r *Reader) zone(off int) *time.Location {
	if off%3600 == 0 {
		return time.FixedZone("", off) // time keeps one of each already
	}
	for _, z := range r.zones {
		if z.off == off {
			return z.loc
		}
	}
	loc := time.FixedZone("", off)
	r.zones = append(r.zones, fixedZone{off, loc})
	return loc
}

type fixedZone struct {
	off int
	loc *time.Location
}
