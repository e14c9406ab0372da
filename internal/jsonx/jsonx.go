// Package jsonx reads and writes JSON for slaclock's hand-written codecs
// (clock.Timer, sla.State) in one pass over a []byte, without reflection,
// maps or fmt.
//
// A [Reader] is strict: it accepts RFC 8259 JSON text and refuses the rest,
// and it is stricter than encoding/json in three ways: invalid UTF-8 in a
// string, a \u escape of a lone surrogate (encoding/json puts U+FFFD in
// their place) and nesting deeper than [MaxDepth] are errors. It reads
// objects and arrays by calling back per key and per index, strings,
// integers that fit in an int64 (no floats: a number with a fraction or an
// exponent is valid JSON that [Reader.Skip] accepts and [Reader.Int]
// refuses), booleans, null, RFC 3339 instants and Go durations. No input
// makes it panic, recurse deeper than MaxDepth or cost more than linear
// time in the input's length.
//
// The appenders ([AppendString], [AppendInt], [AppendTime],
// [AppendDuration], [AppendBool]) write what encoding/json writes for the
// same Go value, except that AppendString does not escape <, > and &
// (json.Marshal does, for HTML; json.Marshal also applies that escaping to
// whatever a MarshalJSON method returns, so a value marshalled through it
// reads the same either way).
//
// # Errors
//
// Every error the reader returns is an [*Error]: the path of the value
// ("cycles[0].spans[1].end", built only when an error is made), the
// offending text (shortened) and what is wrong. Its Err is the reader's own
// [ErrSyntax] (malformed JSON, with the byte offset) or [ErrType] (a
// well-formed value of the wrong kind, with what was wanted), or the error
// a caller returned from a callback or gave to [Reader.Fail]. A package
// turns it into its own error type with [Error.Cause], which swaps the
// reader's sentinels for the package's:
//
//	var je *jsonx.Error
//	if errors.As(err, &je) {
//		return &Error{Path: je.Path, Value: je.Value, Err: je.Cause(ErrSyntax, ErrSyntax)}
//	}
package jsonx

import (
	"errors"

	"github.com/slaclock/slaclock/internal/errmsg"
)

// The reader's own kinds of error; [Error.Cause] replaces them with a
// package's.
var (
	// ErrSyntax: the input is not JSON text: a bad character, an early
	// end, invalid UTF-8 or a lone surrogate in a string, data after the
	// value, nesting deeper than MaxDepth.
	ErrSyntax = errors.New("jsonx: malformed JSON")
	// ErrType: a well-formed value that is not what the caller asked for:
	// another kind, a number that is not an int64, a string that is not
	// an instant or a duration.
	ErrType = errors.New("jsonx: wrong type")
)

// An Error is what a Reader reports, in the shape of slaclock's errors.
type Error struct {
	// Path is where the offending value sits, such as
	// "cycles[0].spans[1].end"; empty for the top-level value.
	Path string
	// Value is the offending text, shortened to errmsg.MaxValue bytes: a
	// string's contents (escapes decoded), another value's JSON text, or
	// for malformed JSON the input from where it goes wrong. It is empty
	// when there is nothing to show (the input ended, a key is missing).
	Value string
	// Offset is the byte offset in the input where Value starts, or where
	// the reader was.
	Offset int
	// Err says what is wrong: ErrSyntax or ErrType with a detail, or the
	// caller's own error.
	Err error
}

// Error reads "jsonx: path: "value": what"; a package shows its own
// prefix through its own error type.
func (e *Error) Error() string { return errmsg.Format("jsonx", e.Path, e.Value, e.Err) }

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// Cause returns what is wrong for a package's own error type: for an error
// the reader found itself, an error with the same text that wraps syntax
// (malformed JSON) or typ (a wrong type) in place of ErrSyntax or ErrType;
// otherwise e.Err, the caller's own error, as it is.
func (e *Error) Cause(syntax, typ error) error {
	if d, ok := e.Err.(*detail); ok {
		switch d.kind {
		case ErrSyntax:
			return &detail{kind: syntax, msg: d.msg}
		case ErrType:
			return &detail{kind: typ, msg: d.msg}
		}
	}
	return e.Err
}

// A detail is the reader's own error: its text says precisely what is
// wrong, and it unwraps to its kind.
type detail struct {
	kind error
	msg  string
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.kind }
