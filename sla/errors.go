package sla

import (
	"errors"
	"fmt"

	"github.com/slaclock/slaclock/internal/errmsg"
)

// Errors that the package's functions wrap in an [*Error]; test for them
// with errors.Is. Whatever the error, the state given is returned as it
// was.
var (
	// ErrDuplicate: the event's ID is among those the state has applied
	// (see [Event]): a retry of an event already applied. Nothing changed;
	// treat it as success.
	ErrDuplicate = errors.New("event already applied")
	// ErrOutOfOrder: the event is earlier than the last one applied.
	ErrOutOfOrder = errors.New("event earlier than the last one")
	// ErrNotCreated: an event other than Created on a ticket not created.
	ErrNotCreated = errors.New("ticket not created yet")
	// ErrCreated: Created on a ticket already created.
	ErrCreated = errors.New("ticket already created")
	// ErrClosed: an event other than a Tick on a closed ticket.
	ErrClosed = errors.New("ticket closed")
	// ErrUnknownKind: an event kind that is not one of policy's.
	ErrUnknownKind = errors.New("unknown event kind")
	// ErrBadTime: a zero instant, or one outside the years 1800 to 2199.
	ErrBadTime = errors.New("instant out of range")
	// ErrBadID: an event ID longer than 128 bytes, or not valid UTF-8.
	ErrBadID = errors.New("bad event ID")
	// ErrUnknownStatus: a status the set does not map to a category.
	ErrUnknownStatus = errors.New("unknown status")
	// ErrUnknownPriority: a priority the set does not list.
	ErrUnknownPriority = errors.New("unknown priority")
	// ErrUnknownZone: a time zone that a ticket field names for a calendar
	// to follow, which the IANA database does not know.
	ErrUnknownZone = errors.New("unknown time zone")
	// ErrBadFields: an event's fields past the bounds (256 attributes, 256
	// tags, 1024 bytes a name, value or tag), or a name, value or tag that
	// is not valid UTF-8.
	ErrBadFields = errors.New("bad fields")
	// ErrUnknownPolicy: an agreement version, one of its metrics or a
	// calendar that the state names is missing from the set given.
	ErrUnknownPolicy = errors.New("agreement not in the policy set")
	// ErrBadState: a stored state that cannot be decoded: malformed, edited
	// (its check does not match its content), or describing what no
	// sequence of events could produce.
	ErrBadState = errors.New("bad stored state")
	// ErrBadEvent: JSON that is not an Event.
	ErrBadEvent = errors.New("malformed event")
	// ErrFormat: a stored state written in a format this version does not
	// read.
	ErrFormat = errors.New("unknown state format")
)

// Error is the error of every function of the package, like
// time.ParseError. Path says where the bad value is: "event.status" for
// the event given to Evaluate, "events[3].at" for Replay's fourth,
// "agreements[0].metrics[1].cycles[2].spans[3]" in a stored state,
// "states[7]" for Summarize. Value is the bad value as written (long ones
// shortened in the message), and Err says what is wrong: one of the Err
// variables, or an error wrapping one with more detail.
type Error struct {
	Path  string
	Value string
	Err   error
}

// Error reads "sla: PATH: "VALUE": what is wrong", leaving out an empty
// path or value.
func (e *Error) Error() string { return errmsg.Format("sla", e.Path, e.Value, e.Err) }

// Unwrap returns Err, so that errors.Is and errors.As see through an Error.
func (e *Error) Unwrap() error { return e.Err }

// errWant returns sentinel with the list of valid values: "unknown status:
// want one of New, Open".
func errWant(sentinel error, list string) error {
	return fmt.Errorf("%w: want one of %s", sentinel, list)
}
