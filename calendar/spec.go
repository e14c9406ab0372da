package calendar

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slaclock/slaclock/internal/errmsg"
)

// Spec is the Go value of a calendar's JSON form; encoding/json fills it and
// [New] builds the calendar from it. The zero Spec is not a valid calendar:
// Zone and Hours are required.
//
//	{"zone": "America/New_York",
//	 "hours": {"mon": ["09:00-12:00", "13:00-17:00"], "tue-fri": ["09:00-17:00"]},
//	 "holidays": ["us", "2026-12-26"],
//	 "dates": {"2026-12-24": ["09:00-13:00"], "2026-12-31": []}}
type Spec struct {
	// Zone is an IANA time zone name such as "America/New_York" or "UTC".
	// Required; "Local" is refused, so that no answer depends on the host.
	Zone string `json:"zone"`

	// Hours maps weekdays to their opening intervals. A key is a weekday
	// (mon, tue, wed, thu, fri, sat, sun) or a range of them ("mon-fri",
	// "fri-mon" wraps). An interval is "HH:MM-HH:MM" (seconds allowed:
	// "HH:MM:SS"); a close of 24:00 is the next midnight, and a close
	// earlier than the open runs past midnight into the next day. A weekday
	// with no key is closed. At least one interval is required, and at
	// most 1,440 a weekday.
	Hours map[string][]string `json:"hours"`

	// Holidays closes whole days. Each entry is a holiday set code of
	// github.com/rickar/cal/v2 (see [HolidaySets]: "us", "gb", "de-by",
	// "au-nsw", ...; any case), a date "2026-12-26" (once), or a month and
	// day "12-26" (every year). An entry listed twice counts once; dates
	// outside the calendar's range are ignored.
	Holidays []string `json:"holidays,omitempty"`

	// HolidayDates is "observed" (the default when empty: a holiday that
	// falls on a weekend is kept on the weekday the set observes it on) or
	// "actual" (the holiday's own date).
	HolidayDates string `json:"holiday_dates,omitempty"`

	// Dates replaces the hours of single dates ("2026-12-24"): a half day,
	// an extra opening on a weekend, or a closure ([]). A date listed here
	// ignores Holidays. At most 1,440 intervals a date.
	Dates map[string][]string `json:"dates,omitempty"`
}

// Errors that [New] and [Parse] wrap in a [*Error]; test for them with
// errors.Is.
var (
	ErrSyntax         = errors.New("malformed")
	ErrUnknownField   = errors.New("unknown field")
	ErrMissing        = errors.New("missing")
	ErrUnknownZone    = errors.New("unknown time zone")
	ErrUnknownHoliday = errors.New("unknown holiday set")
	ErrBadWeekday     = errors.New("unknown weekday")
	ErrBadInterval    = errors.New("bad interval")
	ErrBadDate        = errors.New("bad date")
	ErrOverlap        = errors.New("intervals overlap")
	ErrNoHours        = errors.New("no weekly hours")
	ErrDuplicate      = errors.New("set twice")
	ErrTooMany        = errors.New("too many")
)

// Error is the error [New] and [Parse] return for a calendar that cannot be
// built, like time.ParseError. Path is where the bad value sits in the JSON
// form ("hours.mon[1]"; empty for the calendar as a whole), Value the value
// as written, and Err says what is wrong with it (one of the Err variables,
// or a more specific error wrapping one).
type Error struct {
	Path  string
	Value string
	Err   error
}

// Error reads "calendar: PATH: "VALUE": what is wrong", leaving out an empty
// path or value and shortening a long value.
func (e *Error) Error() string { return errmsg.Format("calendar", e.Path, e.Value, e.Err) }

// Unwrap returns Err, so that errors.Is and errors.As see through an Error.
func (e *Error) Unwrap() error { return e.Err }

func specErr(field, value string, err error, detail ...any) *Error {
	if len(detail) > 0 {
		err = fmt.Errorf("%w: %s", err, fmt.Sprint(detail...))
	}
	return &Error{Path: field, Value: value, Err: err}
}

// detailError says precisely what is wrong with a value, in place of its
// kind ("hour out of range" rather than "bad interval"); errors.Is sees the
// kind.
type detailError struct {
	msg  string
	kind error
}

func (e *detailError) Error() string { return e.msg }
func (e *detailError) Unwrap() error { return e.kind }

// Parse builds a calendar from its JSON form. Decoding is strict: an unknown
// key, a value of the wrong type or trailing data is an error that names the
// field. Errors are [*Error] values.
func Parse(data []byte) (*Calendar, error) {
	s, err := ParseSpec(data)
	if err != nil {
		return nil, err
	}
	return New(s)
}

// ParseSpec decodes the JSON form of a calendar strictly, without building
// it; [New] checks the values.
func ParseSpec(data []byte) (Spec, error) {
	var s Spec
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Spec{}, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Spec{}, specErr("", "", ErrSyntax, "data after the calendar object")
	}
	return s, nil
}

// jsonError turns an encoding/json error into a *Error naming the field.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return specErr(te.Field, te.Value, ErrSyntax, "want ", te.Type.String())
	case errors.As(err, &se):
		return specErr("", "", ErrSyntax, se.Error(), " at offset ", se.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return specErr(name, "", ErrUnknownField)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return specErr("", "", ErrSyntax, "unexpected end of input")
	}
	return specErr("", "", ErrSyntax, err.Error())
}

// span is one opening interval of a day, in seconds of wall-clock time from
// that day's midnight: [open, close), close up to 48h for intervals that run
// past midnight.
type span struct{ open, close int64 }

const (
	daySec  = 86400
	weekSec = 7 * daySec
)

// weekdayKeys holds the weekday keys, three letters each, from Monday.
const weekdayKeys = "montuewedthufrisatsun"

func weekdayKey(d int) string { return weekdayKeys[3*d : 3*d+3] }

func weekdayIndex(s string) (int, bool) {
	for d := range 7 {
		if weekdayKey(d) == s {
			return d, true
		}
	}
	return -1, false
}

// parseWeekdays reads "mon", "mon-fri" or "fri-mon" into Monday-based indexes.
func parseWeekdays(key string) ([]int, bool) {
	first, last, isRange := strings.Cut(key, "-")
	a, ok := weekdayIndex(first)
	if !ok {
		return nil, false
	}
	if !isRange {
		return []int{a}, true
	}
	b, ok := weekdayIndex(last)
	if !ok {
		return nil, false
	}
	var days []int
	for d := a; ; d = (d + 1) % 7 {
		days = append(days, d)
		if d == b {
			return days, true
		}
	}
}

// parseClock reads "HH:MM" or "HH:MM:SS" into seconds; 24:00 is allowed only
// when allow24 is set.
func parseClock(s string, allow24 bool) (int64, string) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, "want HH:MM"
	}
	var v [3]int64
	for i, p := range parts {
		if len(p) != 2 || p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' {
			return 0, "want HH:MM"
		}
		v[i] = int64(p[0]-'0')*10 + int64(p[1]-'0')
	}
	switch {
	case v[0] > 24 || (v[0] == 24 && (!allow24 || v[1] != 0 || v[2] != 0)):
		return 0, "hour out of range"
	case v[1] > 59:
		return 0, "minute out of range"
	case v[2] > 59:
		return 0, "second out of range"
	}
	return v[0]*3600 + v[1]*60 + v[2], ""
}

// parseInterval reads "09:00-17:00" into a span. On error it returns the
// part that is wrong and what is wrong with it.
func parseInterval(s string) (span, string, string) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return span{}, s, "want HH:MM-HH:MM"
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	open, msg := parseClock(a, false)
	if msg != "" {
		return span{}, a, msg
	}
	close, msg := parseClock(b, true)
	if msg != "" {
		return span{}, b, msg
	}
	switch {
	case close == open:
		return span{}, s, "empty interval"
	case close < open:
		close += daySec // runs past midnight
	}
	return span{open, close}, "", ""
}

// parseSpans reads a day's list of intervals, sorted; overlaps are errors.
func parseSpans(field string, list []string) ([]span, error) {
	if len(list) > maxDaySpans {
		return nil, specErr(field, "", ErrTooMany, fmt.Sprintf("%d intervals, at most %d a day", len(list), maxDaySpans))
	}
	spans := make([]span, 0, len(list))
	for i, s := range list {
		sp, bad, msg := parseInterval(s)
		if msg != "" {
			if _, overlap := sortSpans(spans); overlap {
				return nil, overlapError(field, list, spans)
			}
			return nil, &Error{Path: fmt.Sprintf("%s[%d]", field, i), Value: bad, Err: &detailError{msg: msg, kind: ErrBadInterval}}
		}
		spans = append(spans, sp)
	}
	sorted, overlap := sortSpans(spans)
	if overlap {
		return nil, overlapError(field, list, spans)
	}
	return sorted, nil
}

// sortSpans returns spans sorted, and whether two of them overlap.
func sortSpans(spans []span) ([]span, bool) {
	sorted := slices.SortedFunc(slices.Values(spans), func(a, b span) int { return cmp.Compare(a.open, b.open) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].open < sorted[i-1].close {
			return sorted, true
		}
	}
	return sorted, false
}

// overlapError names the first interval of the list that overlaps one
// before it, and that one, as parsing the list in order finds them.
func overlapError(field string, list []string, spans []span) error {
	for i, sp := range spans {
		for j, o := range spans[:i] {
			if sp.open < o.close && o.open < sp.close {
				return specErr(fmt.Sprintf("%s[%d]", field, i), list[i], ErrOverlap, "with ", strconv.Quote(list[j]))
			}
		}
	}
	return nil // unreachable: the caller saw an overlap
}

// civil is a date as days since 1970-01-01 (a Thursday).
type civil int64

func civilOf(y int, m time.Month, d int) civil {
	return civil(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / daySec)
}

// weekday returns 0 for Monday through 6 for Sunday.
func (d civil) weekday() int {
	return int(((int64(d)+3)%7 + 7) % 7)
}

// parseDate reads "YYYY-MM-DD".
func parseDate(s string) (civil, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return 0, false
	}
	return civilOf(y, time.Month(m), d), true
}

// digits reads a run of decimal digits.
func digits(s string) (int, bool) {
	v := 0
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}
