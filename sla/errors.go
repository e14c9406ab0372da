package sla

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Errors that Evaluate and Replay wrap in an *EventError; test for them
// with errors.Is. Whatever the error, the state given is returned as it
// was.
var (
	ErrUnknownKind     = errors.New("unknown event kind")
	ErrZeroTime        = errors.New("zero instant")
	ErrBadTime         = errors.New("instant out of range (years 1800 to 2199)")
	ErrNotCreated      = errors.New("ticket not created yet")
	ErrCreated         = errors.New("ticket already created")
	ErrClosed          = errors.New("ticket closed")
	ErrOutOfOrder      = errors.New("event earlier than the last one")
	ErrUnknownStatus   = errors.New("unknown status")
	ErrUnknownPriority = errors.New("unknown priority")
	// ErrUnknownPolicy: the policy version, one of its metrics or a
	// calendar the state was built with is missing from the set given.
	ErrUnknownPolicy = errors.New("policy version not in the set")
	// ErrCorrupt: the state contradicts itself. States that UnmarshalJSON
	// accepted and Evaluate returned never are.
	ErrCorrupt = errors.New("inconsistent state")
)

// EventError is the error Evaluate and Replay return for an event they
// refuse. The state is unchanged.
type EventError struct {
	// Index is the event's position in Replay's list; -1 from Evaluate.
	Index int
	Kind  Kind
	At    time.Time
	// Err is one of the Err variables, or wraps one with more detail.
	Err error
}

// Error reads "sla: event 3 (public_reply at 2026-03-02T09:00:00Z): event
// earlier than the last one (2026-03-02T10:00:00Z)".
func (e *EventError) Error() string {
	var b strings.Builder
	b.WriteString("sla: event ")
	if e.Index >= 0 {
		b.WriteString(strconv.Itoa(e.Index))
		b.WriteString(" ")
	}
	b.WriteString("(")
	b.WriteString(e.Kind.String())
	b.WriteString(" at ")
	if e.At.IsZero() {
		b.WriteString("the zero Time")
	} else {
		b.WriteString(e.At.Format(time.RFC3339Nano))
	}
	b.WriteString("): ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns e.Err.
func (e *EventError) Unwrap() error { return e.Err }

// DecodeError reports JSON that is not a valid State: malformed, or
// describing a state no sequence of events could produce.
type DecodeError struct {
	Path string // the offending value, such as "metrics[1].cycles[0].end"; empty for the whole
	Err  error  // what is wrong
}

// Error reads "sla: state: PATH: what is wrong".
func (e *DecodeError) Error() string {
	if e.Path == "" {
		return "sla: state: " + e.Err.Error()
	}
	return "sla: state: " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns e.Err.
func (e *DecodeError) Unwrap() error { return e.Err }
