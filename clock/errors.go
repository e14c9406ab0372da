package clock

import (
	"errors"
	"strings"
	"time"
)

// Errors that transitions wrap in a *TransitionError. Test for them with
// errors.Is. Decoding a timer from JSON wraps the latter two where an
// instant is the problem.
var (
	// ErrState: the transition makes no sense in the timer's state, such
	// as pausing an idle timer or resuming a running one.
	ErrState = errors.New("clock: transition not allowed in this state")
	// ErrTimeOrder: the instant is earlier than the timer's last one.
	ErrTimeOrder = errors.New("clock: instant earlier than the last recorded one")
	// ErrInstant: the instant cannot be recorded: it is the zero Time or
	// earlier, or RFC 3339 cannot carry it exactly (a year after 9999, or
	// a zone offset that is not a whole number of minutes under 24 hours).
	ErrInstant = errors.New("clock: instant cannot be recorded")
)

// A TransitionError reports a transition that was refused; the timer is
// unchanged.
type TransitionError struct {
	Op    string    // "start", "pause", "resume" or "stop"
	State State     // the state the timer was in
	At    time.Time // the instant given to the transition
	Since time.Time // the timer's last recorded instant (see Timer.Since)
	Err   error     // ErrState, ErrTimeOrder or ErrInstant
}

// Error says which transition, from which state, at which instant, and why.
func (e *TransitionError) Error() string {
	var b strings.Builder
	b.WriteString("clock: ")
	b.WriteString(e.Op)
	b.WriteString(" ")
	b.WriteString(e.State.String())
	b.WriteString(" timer at ")
	b.WriteString(formatInstant(e.At))
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "clock: "))
	switch e.Err {
	case ErrTimeOrder:
		b.WriteString(", ")
		b.WriteString(formatInstant(e.Since))
	case ErrInstant:
		b.WriteString(": ")
		b.WriteString(unrecordable(e.At))
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *TransitionError) Unwrap() error { return e.Err }

func formatInstant(t time.Time) string {
	if t.IsZero() {
		return "the zero Time"
	}
	return t.Format(time.RFC3339Nano)
}

// unrecordable says why recordable(t) is false.
func unrecordable(t time.Time) string {
	switch {
	case t.IsZero():
		return "zero"
	case t.Before(time.Time{}):
		return "before the zero Time"
	case t.Year() > 9999:
		return "year after 9999"
	}
	return "zone offset not whole minutes under 24h"
}

// A DecodeError reports JSON that is not a valid timer: malformed, or
// describing a history no sequence of transitions could produce.
type DecodeError struct {
	Path string // the offending value, such as "cycles[0].spans[1].end"; empty for the whole
	Err  error  // what is wrong
}

// Error names the offending value and what is wrong with it.
func (e *DecodeError) Error() string {
	if e.Path == "" {
		return "clock: decoding timer: " + strings.TrimPrefix(e.Err.Error(), "clock: ")
	}
	return "clock: decoding timer: " + e.Path + ": " + strings.TrimPrefix(e.Err.Error(), "clock: ")
}

// Unwrap returns e.Err.
func (e *DecodeError) Unwrap() error { return e.Err }
