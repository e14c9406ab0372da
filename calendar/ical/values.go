package ical

import "strings"

// stamp is a DATE or DATE-TIME value as written: its date, whether it has a
// time of day, and whether that time is midnight. A time zone (TZID or a
// trailing Z) is never applied: the date is the one the file writes.
type stamp struct {
	d        day
	time     bool
	midnight bool
}

const wantStamp = "want a DATE (20261225) or a DATE-TIME (20261225T000000)"

// parseStamp reads a DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS, with an
// optional Z); vtype, the VALUE parameter, may require one of them.
func parseStamp(v, vtype string) (stamp, error) {
	var s stamp
	switch {
	case vtype != "" && vtype != "DATE" && vtype != "DATE-TIME":
		return s, detail(ErrSyntax, "VALUE="+vtype+"; want VALUE=DATE or VALUE=DATE-TIME")
	case len(v) == 8 && vtype != "DATE-TIME":
	case (len(v) == 15 || len(v) == 16 && v[15] == 'Z') && v[8] == 'T' && vtype != "DATE":
		h, m, sec := digits(v[9:11]), digits(v[11:13]), digits(v[13:15])
		if h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60 {
			return s, detail(ErrSyntax, wantStamp)
		}
		s.time, s.midnight = true, h == 0 && m == 0 && sec == 0
	case vtype == "DATE":
		return s, detail(ErrSyntax, "want a DATE (20261225) for VALUE=DATE")
	case vtype == "DATE-TIME":
		return s, detail(ErrSyntax, "want a DATE-TIME (20261225T000000) for VALUE=DATE-TIME")
	default:
		return s, detail(ErrSyntax, wantStamp)
	}
	y, m, d := digits(v[0:4]), digits(v[4:6]), digits(v[6:8])
	if y < 0 || m < 1 || m > 12 || d < 1 || d > monthLen(y, m) {
		return s, detail(ErrSyntax, wantStamp)
	}
	s.d = dayOf(y, m, d)
	return s, nil
}

// digits reads a string of decimal digits; -1 if it holds anything else.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// parseAllDay reads a value of an all-day event into the date it stands
// for: a DATE is that date, a DATE-TIME at midnight (as Outlook writes
// them) its date. Another time cannot name a whole day.
func parseAllDay(v, vtype string) (day, error) {
	s, err := parseStamp(v, vtype)
	switch {
	case err != nil:
		return 0, err
	case s.time && !s.midnight:
		return 0, detail(ErrUnsupported, "a time other than midnight on an all-day event")
	}
	return s.d, nil
}

// maxDays bounds a DURATION; longer ones end past the range anyway.
const maxDays = 1_000_000

// parseDays reads a DURATION of whole days or weeks (P1D, P2W, P1DT0H). A
// negative duration is an error, and so is one with hours, minutes or
// seconds, which cannot be a number of whole days.
func parseDays(v string) (int, error) {
	bad := detail(ErrSyntax, "want a DURATION such as P1D or P2W")
	s := strings.TrimPrefix(v, "+")
	if strings.HasPrefix(s, "-") {
		return 0, detail(ErrSyntax, "a negative DURATION")
	}
	s, ok := strings.CutPrefix(s, "P")
	date, clock, hasT := strings.Cut(s, "T")
	if !ok || date == "" && !hasT || hasT && clock == "" {
		return 0, bad
	}
	days := 0
	if date != "" {
		n, unit, rest, ok := durationPart(date)
		switch {
		case !ok || rest != "" || unit != 'W' && unit != 'D' || unit == 'W' && hasT:
			return 0, bad
		case unit == 'W':
			days = min(7*n, maxDays)
		default:
			days = n
		}
	}
	timed, units := false, "HMS"
	for clock != "" {
		n, unit, rest, ok := durationPart(clock)
		i := strings.IndexByte(units, unit)
		if !ok || i < 0 {
			return 0, bad
		}
		timed, units, clock = timed || n != 0, units[i+1:], rest
	}
	if timed {
		return 0, detail(ErrUnsupported, "a DURATION with hours, minutes or seconds on an all-day event")
	}
	return days, nil
}

// durationPart reads digits and a unit letter: "12D" is 12, 'D'.
func durationPart(s string) (n int, unit byte, rest string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = min(n*10+int(s[i]-'0'), maxDays)
		i++
	}
	if i == 0 || i == len(s) {
		return 0, 0, "", false
	}
	return n, s[i], s[i+1:], true
}
