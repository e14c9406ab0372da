package ical

import (
	"errors"
	"io"

	"github.com/slaclock/slaclock/internal/errmsg"
)

// Limits on what one file may make Holidays do; past them it returns an
// error wrapping ErrTooLarge. Within them, time and memory grow linearly
// with the file's size, and the answer holds at most the 91,311 dates of
// the calendar's range.
const (
	// MaxLine is the longest content line, unfolded, in bytes.
	MaxLine = 1 << 20

	// MaxDepth is how deeply components may nest (VCALENDAR, VEVENT,
	// VALARM is 3).
	MaxDepth = 16

	// MaxEvents is the most all-day events (RECURRENCE-ID overrides
	// included) a file may hold. Timed and cancelled events are not
	// counted.
	MaxEvents = 100_000

	// MaxSteps bounds the work of expanding a file's recurrence rules: each
	// period a rule passes through (a year for FREQ=YEARLY, a day for
	// DAILY) costs a step, and so does each date it looks at in it. A
	// yearly holiday over the whole range takes 750 steps, a daily rule
	// about 180,000.
	MaxSteps = 10_000_000
)

// Errors that Holidays wraps in an *Error; test for them with errors.Is.
var (
	// ErrSyntax: the file breaks RFC 5545 (a bad content line, an END
	// without its BEGIN, a date that is no date, COUNT with UNTIL).
	ErrSyntax = errors.New("malformed")

	// ErrUnsupported: valid iCalendar that this package does not read
	// into dates (an hourly rule on an all-day event, RANGE=THISANDFUTURE,
	// EXRULE, RDATE periods, a time other than midnight on an all-day
	// value).
	ErrUnsupported = errors.New("not supported")

	// ErrTooLarge: the file exceeds one of the limits above.
	ErrTooLarge = errors.New("too large")
)

// Error is the error Holidays returns for a file it cannot read, like
// time.ParseError. Path names the line, as numbered in the file (folded
// lines count each), and the property when there is one ("line 42: RRULE");
// Value is the value or rule part at fault ("BYHOUR=9"); Err says what is
// wrong and wraps one of the Err variables, or is the reader's own error.
type Error struct {
	Path  string
	Value string
	Err   error
}

// Error reads "ical: PATH: "VALUE": what is wrong", leaving out an empty
// path or value and shortening a long value.
func (e *Error) Error() string { return errmsg.Format("ical", e.Path, e.Value, e.Err) }

// Unwrap returns Err, so that errors.Is and errors.As see through an Error.
func (e *Error) Unwrap() error { return e.Err }

// detailError says precisely what is wrong; errors.Is sees its kind.
type detailError struct {
	kind error
	msg  string
}

func (e *detailError) Error() string { return e.kind.Error() + ": " + e.msg }
func (e *detailError) Unwrap() error { return e.kind }

func detail(kind error, msg string) error { return &detailError{kind, msg} }

// Holidays reads an iCalendar file (RFC 5545), such as a holiday calendar
// exported from Google Calendar or Outlook, and returns the dates its
// all-day events cover, within the calendar's range (1900-01-01 to
// 2149-12-31), as "2006-01-02" strings in increasing order without
// duplicates, ready to append to calendar.Spec.Holidays:
//
//	dates, err := ical.Holidays(f)
//	if err != nil { ... }
//	spec.Holidays = append(spec.Holidays, dates...)
//
// A file without all-day events gives no dates and no error. A file it
// cannot read gives a *Error naming the line. See the package doc for what
// counts as an all-day event and how recurrences expand.
func Holidays(r io.Reader) ([]string, error) {
	var p parser
	if err := p.read(r); err != nil {
		return nil, err
	}
	return p.dates()
}
