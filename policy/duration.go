package policy

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// maxDays bounds a business-day duration: far more than any calendar's
// range of dates.
const maxDays = 1_000_000

// Duration is a target's length: either business time (open time of a
// calendar, "4h", "1h30m") or a number of business days ("3bd"). Its meaning
// depends on the calendar it is counted in; see [Duration.Due]. The zero
// Duration is no time; documents never hold it.
type Duration struct {
	time time.Duration
	days int32
}

// BusinessTime returns a Duration of d business time.
func BusinessTime(d time.Duration) Duration { return Duration{time: d} }

// BusinessDays returns a Duration of n business days.
func BusinessDays(n int) Duration {
	return Duration{days: int32(max(min(n, maxDays), -maxDays))}
}

// IsDays reports whether d is counted in business days.
func (d Duration) IsDays() bool { return d.days != 0 }

// Equal reports whether d and e are the same length in the same unit
// ("8h" is not "1bd"): what == says, written out for go-cmp, which needs a
// method to compare a type with unexported fields.
func (d Duration) Equal(e Duration) bool { return d == e }

// IsZero reports whether d is the zero Duration.
func (d Duration) IsZero() bool { return d == Duration{} }

// Days returns the number of business days of d, or 0 for business time.
func (d Duration) Days() int { return int(d.days) }

// Time returns the business time of d, or 0 for business days.
func (d Duration) Time() time.Duration { return d.time }

// Due returns when d is up for a clock that starts at start and is never
// paused, counted in cal: start plus d business time ([calendar.Calendar.Add]),
// or the same wall-clock time d business days later, clamped into that day's
// hours ([calendar.Calendar.AddDays]). It returns the zero Time when cal has
// no answer.
func (d Duration) Due(cal *calendar.Calendar, start time.Time) time.Time {
	if d.days != 0 {
		return cal.AddDays(start, int(d.days))
	}
	return cal.Add(start, d.time)
}

// Length returns d as business time for a clock that starts at start: d
// itself for business time, and for business days the open time of cal
// from start to d.Due(cal, start). From then on the clock measures it like
// any business time, so pauses push it back. Length returns 0 when cal has
// no answer.
func (d Duration) Length(cal *calendar.Calendar, start time.Time) time.Duration {
	if d.days == 0 {
		return d.time
	}
	due := d.Due(cal, start)
	if due.IsZero() {
		return 0
	}
	return cal.Between(start, due)
}

// String returns the document form of d: "3bd", or business time in hours,
// minutes and seconds ("1h30m", "45s"); "0s" for the zero Duration.
func (d Duration) String() string {
	if d.days != 0 {
		return strconv.Itoa(int(d.days)) + "bd"
	}
	return formatTime(d.time)
}

// MarshalText returns the String form of d.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a Duration as [ParseDuration] does.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// formatTime writes whole hours, minutes and seconds, with a decimal
// fraction of a second when there is one.
func formatTime(t time.Duration) string {
	if t == 0 {
		return "0s"
	}
	var b strings.Builder
	u := uint64(t)
	if t < 0 {
		b.WriteByte('-')
		u = -u
	}
	h, rest := u/uint64(time.Hour), u%uint64(time.Hour)
	m, rest := rest/uint64(time.Minute), rest%uint64(time.Minute)
	s, ns := rest/uint64(time.Second), rest%uint64(time.Second)
	if h > 0 {
		b.WriteString(strconv.FormatUint(h, 10) + "h")
	}
	if m > 0 {
		b.WriteString(strconv.FormatUint(m, 10) + "m")
	}
	if s > 0 || ns > 0 {
		b.WriteString(strconv.FormatUint(s, 10))
		if ns > 0 {
			frac := strconv.FormatUint(ns+uint64(time.Second), 10)[1:]
			b.WriteString("." + strings.TrimRight(frac, "0"))
		}
		b.WriteString("s")
	}
	return b.String()
}

// ParseDuration reads a positive duration as a document writes it: business
// days as a whole number and "bd" ("3bd"), or business time as one or more
// numbers with units h, m or s ("90m", "4h", "1h30m", "1.5h"). Other units
// ("4x", and "d": a day is not 24 hours) are ErrUnknownUnit. Errors are
// [*Error] values.
func ParseDuration(s string) (Duration, error) {
	if n, ok := strings.CutSuffix(s, "bd"); ok && n != "" && isDigits(n) {
		v, err := strconv.Atoi(n)
		switch {
		case err != nil || v > maxDays:
			return Duration{}, errorf("", s, ErrBadDuration, "too many business days")
		case v == 0:
			return Duration{}, errorf("", s, ErrBadDuration, "must be positive")
		}
		return Duration{days: int32(v)}, nil
	}
	if s == "" {
		return Duration{}, errorf("", s, ErrBadDuration, "empty")
	}
	// Check the shape and the units; time.ParseDuration does the arithmetic.
	for rest := s; rest != ""; {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 {
			return Duration{}, errorf("", s, ErrBadDuration, "want a number and a unit")
		}
		j := i
		for j < len(rest) && !(rest[j] >= '0' && rest[j] <= '9' || rest[j] == '.') {
			j++
		}
		switch unit := rest[i:j]; unit {
		case "h", "m", "s":
		case "":
			return Duration{}, errorf("", s, ErrBadDuration, "missing unit")
		case "bd":
			return Duration{}, errorf("", s, ErrBadDuration, "business days are a whole number alone")
		default:
			return Duration{}, errorf("", s, ErrUnknownUnit, "")
		}
		rest = rest[j:]
	}
	t, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return Duration{}, errorf("", s, ErrBadDuration, "out of range or malformed")
	case t <= 0:
		return Duration{}, errorf("", s, ErrBadDuration, "must be positive")
	}
	return Duration{time: t}, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Percent is a percentage, exact to a ten-thousandth of a percent, so that
// boundaries like 95% and 99.95% compare exactly: 75*OnePercent is 75%.
type Percent int64

// OnePercent is 1%.
const OnePercent Percent = 10_000

// ParsePercent reads a percentage with up to four decimals ("75%",
// "99.95%", "0.5%"). What range is sensible depends on the use: a warning
// lies below 100%, a credit tier's bounds from above 0% to 100%. Errors are
// [*Error] values.
func ParsePercent(s string) (Percent, error) {
	num, ok := strings.CutSuffix(s, "%")
	whole, frac, dot := strings.Cut(num, ".")
	if !ok || !isDigits(whole) || (dot && !isDigits(frac)) {
		return 0, errorf("", s, ErrBadPercent, "want a number and %%, like 75%% or 99.95%%")
	}
	if len(frac) > 4 {
		return 0, errorf("", s, ErrBadPercent, "more than four decimals")
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 9 {
		return 0, errorf("", s, ErrBadPercent, "too large")
	}
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "0000")[:4], 10, 64)
	return Percent(w)*OnePercent + Percent(f), nil
}

// String returns p as a document writes it: "75%", "99.95%".
func (p Percent) String() string {
	u := uint64(p)
	sign := ""
	if p < 0 {
		sign, u = "-", -u
	}
	s := sign + strconv.FormatUint(u/uint64(OnePercent), 10)
	if f := u % uint64(OnePercent); f != 0 {
		s += "." + strings.TrimRight(strconv.FormatUint(f+uint64(OnePercent), 10)[1:], "0")
	}
	return s + "%"
}

// MarshalText returns the String form of p.
func (p Percent) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads a Percent as [ParsePercent] does.
func (p *Percent) UnmarshalText(b []byte) error {
	v, err := ParsePercent(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Of returns p of d, rounded toward zero to the nanosecond, without
// overflow for p up to 100%.
func (p Percent) Of(d time.Duration) time.Duration {
	neg := (d < 0) != (p < 0)
	ud, up := absU(int64(d)), absU(int64(p))
	hi, lo := bits.Mul64(ud, up)
	if hi >= uint64(100*OnePercent) {
		if neg {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	q, _ := bits.Div64(hi, lo, uint64(100*OnePercent))
	if q > math.MaxInt64 {
		q = math.MaxInt64
	}
	if neg {
		return -time.Duration(q)
	}
	return time.Duration(q)
}

func absU(v int64) uint64 {
	if v < 0 {
		return -uint64(v)
	}
	return uint64(v)
}
