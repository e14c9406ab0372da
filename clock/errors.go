package clock

import (
	"errors"
	"fmt"
	"time"

	"github.com/slaclock/slaclock/internal/errmsg"
)

// Errors that an [*Error] wraps; test for them with errors.Is. A refused
// transition wraps one of the first three; decoding a timer from JSON
// wraps any of them.
var (
	// ErrState: the transition makes no sense in the timer's state, such
	// as pausing an idle timer or resuming a running one; in JSON, an
	// unknown state, or one that the cycles and spans do not match.
	ErrState = errors.New("clock: transition not allowed in this state")
	// ErrTimeOrder: the instant is earlier than the timer's last one.
	ErrTimeOrder = errors.New("clock: instant earlier than the last recorded one")
	// ErrInstant: the instant cannot be recorded: it is the zero Time or
	// earlier, or RFC 3339 cannot carry it exactly (a year after 9999, or
	// a zone offset that is not a whole number of minutes under 24 hours).
	ErrInstant = errors.New("clock: instant cannot be recorded")
	// ErrSyntax: the JSON is malformed, or a value in it is of the wrong
	// kind (a number for an instant, an array for a cycle).
	ErrSyntax = errors.New("clock: malformed JSON")
	// ErrMissing: a field that the JSON form of the timer needs is absent.
	ErrMissing = errors.New("clock: missing")
	// ErrUnknownField: a field that the JSON form does not have.
	ErrUnknownField = errors.New("clock: unknown field")
	// ErrDuplicate: a field that appears twice in one object.
	ErrDuplicate = errors.New("clock: repeated field")
)

// An Error is the error of a refused transition or of JSON that is not a
// timer's, like time.ParseError. The timer is unchanged.
//
// For a transition, Path is the operation ("start", "pause", "resume" or
// "stop"), Value the instant it was given in RFC 3339, and Err wraps
// ErrState, ErrTimeOrder or ErrInstant with what the timer holds (its
// state and the states the operation needs; its last instant).
//
// For decoding, Path is where the offending value sits in the JSON form
// ("cycles[0].spans[1].end"; empty for the whole), Value the offending
// text (a string's contents, other JSON as written; shortened), and Err
// wraps one of the Err variables.
type Error struct {
	Path  string
	Value string
	Err   error
}

// Error reads "clock: PATH: "VALUE": what is wrong", leaving out an empty
// path or value and shortening a long value.
func (e *Error) Error() string { return errmsg.Format("clock", e.Path, e.Value, e.Err) }

// Unwrap returns Err, so that errors.Is and errors.As see through an Error.
func (e *Error) Unwrap() error { return e.Err }

// A detail says precisely what is wrong, in place of its sentinel's text
// ("a paused timer's cycle has no stop" rather than "transition not
// allowed in this state"); errors.Is sees the sentinel.
type detail struct {
	msg string
	err error
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.err }

// unrecordable wraps ErrInstant with why recordable(t) is false.
func unrecordable(t time.Time) error {
	why := "zone offset not whole minutes under 24h"
	switch {
	case t.IsZero():
		why = "zero"
	case t.Before(time.Time{}):
		why = "before the zero Time"
	case t.Year() > 9999:
		why = "year after 9999"
	}
	return fmt.Errorf("%w: %s", ErrInstant, why)
}
