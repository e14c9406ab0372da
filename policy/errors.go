package policy

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/internal/errmsg"
)

// Errors that [Load] and the Parse functions wrap in an [*Error]; test for
// them with errors.Is. A calendar that cannot be built is reported with the
// calendar package's own error (errors.Is(err, calendar.ErrBadInterval),
// errors.As(err, new(*calendar.Error))) and also matches ErrCalendar.
var (
	ErrSyntax           = errors.New("malformed JSON")
	ErrType             = errors.New("wrong type")
	ErrUnknownField     = errors.New("unknown field")
	ErrDuplicate        = errors.New("duplicate")
	ErrMissing          = errors.New("missing")
	ErrBadValue         = errors.New("bad value")
	ErrBadTime          = errors.New("bad time")
	ErrBadDuration      = errors.New("bad duration")
	ErrUnknownUnit      = errors.New("unknown unit")
	ErrBadPercent       = errors.New("bad percentage")
	ErrCalendar         = errors.New("bad calendar")
	ErrUnknownCalendar  = errors.New("unknown calendar")
	ErrUnknownCategory  = errors.New("unknown status category")
	ErrUnknownPriority  = errors.New("unknown priority")
	ErrUnknownMetric    = errors.New("unknown metric")
	ErrUnknownPreset    = errors.New("unknown metric preset")
	ErrUnknownEvent     = errors.New("unknown event")
	ErrPresetFixed      = errors.New("fixed by the preset")
	ErrNoTarget         = errors.New("metric has no target")
	ErrGoalAfterPromise = errors.New("goal later than promise")
	ErrBadWarning       = errors.New("warning outside the goal")
	ErrBadEscalation    = errors.New("escalation out of range")
	ErrUnknownZone      = errors.New("unknown time zone")
	ErrOverlap          = errors.New("versions overlap")
	ErrBadCredits       = errors.New("bad credit tiers")
	ErrLimit            = errors.New("over a limit") // see MaxDocumentSize and the other limits
)

// Error is the error [Load] and the Parse functions return for a document or
// value that cannot be used, like time.ParseError. Path is where the bad
// value sits in the document ("policies[1].targets.resolution.urgent.goal";
// empty for the document as a whole or a value parsed on its own), Value is
// the value as written when it is a string, and Err says what is wrong: one
// of the Err variables, or an error wrapping one with more detail.
type Error struct {
	Path  string
	Value string
	Err   error
}

// Error reads "policy: PATH: "VALUE": what is wrong", leaving out an empty
// path or value and shortening a long value.
func (e *Error) Error() string { return errmsg.Format("policy", e.Path, e.Value, e.Err) }

// Unwrap returns Err, so that errors.Is and errors.As see through an Error.
func (e *Error) Unwrap() error { return e.Err }

// errorf returns an *Error whose Err wraps sentinel with a detail message.
func errorf(path, value string, sentinel error, format string, args ...any) *Error {
	if format == "" {
		return &Error{Path: path, Value: value, Err: sentinel}
	}
	return &Error{Path: path, Value: value, Err: fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))}
}

// maxListed is how many valid values an error message lists; a longer list
// is cut and says how many there are in all.
const maxListed = 20

// wantOneOf returns "want one of a, b, c" for an error message whose value
// must be one of names.
func wantOneOf(names []string) string {
	switch {
	case len(names) == 0:
		return "the document lists none"
	case len(names) > maxListed:
		return "want one of " + strings.Join(names[:maxListed], ", ") + ", ... (" + strconv.Itoa(len(names)) + " in all)"
	}
	return "want one of " + strings.Join(names, ", ")
}

// calendarError carries a calendar's own error: its message is the
// calendar's detail (the path is already in the enclosing *Error), and it
// unwraps to both ErrCalendar and the *calendar.Error.
type calendarError struct{ spec *calendar.Error }

func (e calendarError) Error() string   { return e.spec.Err.Error() }
func (e calendarError) Unwrap() []error { return []error{ErrCalendar, e.spec} }

// wrapCalendar reports a calendar error at the path where the calendar sits.
func wrapCalendar(at string, err error) error {
	var se *calendar.Error
	if !errors.As(err, &se) {
		return errorf(at, "", ErrCalendar, "%v", err)
	}
	path := at
	switch {
	case se.Path == "":
	case strings.HasPrefix(se.Path, "["):
		path += se.Path
	default:
		path += "." + se.Path
	}
	return &Error{Path: path, Value: se.Value, Err: calendarError{se}}
}
