package jsonx

import (
	"strconv"
	"time"

	"github.com/slaclock/slaclock/internal/errmsg"
)

// MaxDepth is how deeply arrays and objects may nest in what a Reader
// reads; deeper input is malformed (encoding/json allows 10,000).
const MaxDepth = 64

// A Kind is the kind of a JSON value, as [Reader.Kind] sees it coming.
type Kind uint8

// The kinds of JSON value.
const (
	Invalid Kind = iota // no value starts here: the end of input, or a bad character
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"invalid", "null", "boolean", "number", "string", "array", "object"}

// String returns "null", "boolean", "number", "string", "array", "object"
// or "invalid".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// article returns the kind as a message names it: "a string", "null".
func (k Kind) article() string {
	switch k {
	case Null:
		return "null"
	case Array, Object:
		return "an " + k.String()
	}
	return "a " + k.String()
}

// A Reader reads one JSON value from a []byte, strictly, in one pass.
// Read the value with the method for its kind ([Reader.Object] for an
// object and so on), then call [Reader.End]. The first error stops the
// reader: every later call returns it. A Reader is not safe for
// concurrent use.
type Reader struct {
	data   []byte
	pos    int
	frames []frame // the objects and arrays being read, outermost first
	val    extent  // the last value read; start < 0 when none since the last key or index
	buf    []byte  // StringBytes's decoded escapes
	zones  []fixedZone
	err    *Error
}

// A frame is an object or array being read, and where in it the reader is.
type frame struct {
	array bool
	index int // the element being read; -1 before the first
	key   extent
}

// An extent is a part of the input, data[start:end]; start < 0 for none.
type extent struct{ start, end int }

var none = extent{-1, -1}

// NewReader returns a Reader of data, which it does not copy: data must
// not change while the Reader and what it returned are in use.
func NewReader(data []byte) *Reader {
	return &Reader{data: data, val: none, frames: make([]frame, 0, 8)}
}

// ws skips whitespace.
func (r *Reader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// next returns the byte at the reader's position, 0 at the end of input.
func (r *Reader) next() byte {
	if r.pos < len(r.data) {
		return r.data[r.pos]
	}
	return 0
}

// Kind returns the kind of the value that comes next, without reading it;
// Invalid at the end of input or after an error.
func (r *Reader) Kind() Kind {
	if r.err != nil {
		return Invalid
	}
	r.ws()
	switch c := r.next(); {
	case c == '{':
		return Object
	case c == '[':
		return Array
	case c == '"':
		return String
	case c == 't' || c == 'f':
		return Bool
	case c == 'n':
		return Null
	case c == '-' || '0' <= c && c <= '9':
		return Number
	}
	return Invalid
}

// Object reads an object, calling f with each key in turn, in the order
// written; repeated keys are passed again (reject them in f). f reads the
// key's value with one of the reader's methods; a value f leaves unread is
// skipped. key is the input itself when it has no escapes (a new slice
// otherwise): compare it (switch string(key) allocates nothing), do not
// write to it. An error f returns stops the reading: an *Error as it is,
// any other error wrapped in an *Error at the key's path and the value f
// read last, as [Reader.Fail] does.
func (r *Reader) Object(f func(key []byte) error) error {
	if r.err != nil {
		return r.err
	}
	r.ws()
	if r.next() != '{' {
		return r.typeErr("an object")
	}
	start := r.pos
	if err := r.push(false); err != nil {
		return err
	}
	r.pos++
	r.ws()
	if r.next() == '}' {
		r.pos++
	} else if err := r.members(f); err != nil {
		return err
	}
	r.frames = r.frames[:len(r.frames)-1]
	r.val = extent{start, r.pos}
	return nil
}

// members reads an object's members, from its first key to its '}'.
func (r *Reader) members(f func(key []byte) error) error {
	n := len(r.frames) - 1
	for {
		if r.next() != '"' {
			return r.unexpected(r.pos, "looking for the beginning of an object key")
		}
		start := r.pos
		escaped, err := r.scanString()
		if err != nil {
			return err
		}
		r.frames[n].key = extent{start + 1, r.pos - 1}
		key := r.data[start+1 : r.pos-1 : r.pos-1]
		if escaped {
			key = unescape(nil, key)
		}
		r.ws()
		if r.next() != ':' {
			return r.unexpected(r.pos, "after an object key")
		}
		r.pos++
		if err := r.member(func() error { return f(key) }); err != nil {
			return err
		}
		switch r.next() {
		case ',':
			r.pos++
			r.ws()
		case '}':
			r.pos++
			return nil
		default:
			return r.unexpected(r.pos, "after an object key:value pair")
		}
	}
}

// member has f read the value that comes next, skips it if f did not, and
// moves past the whitespace after it.
func (r *Reader) member(f func() error) error {
	r.ws()
	r.val = none
	at := r.pos
	if err := f(); err != nil || r.err != nil {
		if r.err != nil {
			return r.err
		}
		return r.Fail(err)
	}
	if r.pos == at {
		if err := r.Skip(); err != nil {
			return err
		}
	}
	r.ws()
	return nil
}

// Array reads an array, calling f with the index of each element in turn.
// f reads the element with one of the reader's methods, as for
// [Reader.Object]; an error it returns stops the reading the same way.
func (r *Reader) Array(f func(i int) error) error {
	if r.err != nil {
		return r.err
	}
	r.ws()
	if r.next() != '[' {
		return r.typeErr("an array")
	}
	start := r.pos
	if err := r.push(true); err != nil {
		return err
	}
	r.pos++
	r.ws()
	if r.next() == ']' {
		r.pos++
	} else if err := r.elements(f); err != nil {
		return err
	}
	r.frames = r.frames[:len(r.frames)-1]
	r.val = extent{start, r.pos}
	return nil
}

// elements reads an array's elements, from the first to its ']'.
func (r *Reader) elements(f func(i int) error) error {
	n := len(r.frames) - 1
	for i := 0; ; i++ {
		r.frames[n].index = i
		if err := r.member(func() error { return f(i) }); err != nil {
			return err
		}
		switch r.next() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return nil
		default:
			return r.unexpected(r.pos, "after an array element")
		}
	}
}

// push enters an object or an array.
func (r *Reader) push(array bool) error {
	if len(r.frames) >= MaxDepth {
		return r.malformed(r.pos, "nesting deeper than "+strconv.Itoa(MaxDepth))
	}
	r.frames = append(r.frames, frame{array: array, index: -1, key: none})
	return nil
}

// StringBytes reads a string and returns its contents, escapes decoded, in
// memory that the reader owns: the input itself when the string has no
// escapes, a buffer that the next StringBytes reuses otherwise. Do not
// write to it.
func (r *Reader) StringBytes() ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	r.ws()
	if r.next() != '"' {
		return nil, r.typeErr("a string")
	}
	start := r.pos
	escaped, err := r.scanString()
	if err != nil {
		return nil, err
	}
	r.val = extent{start, r.pos}
	raw := r.data[start+1 : r.pos-1 : r.pos-1]
	if !escaped {
		return raw, nil
	}
	r.buf = unescape(r.buf[:0], raw)
	return r.buf, nil
}

// String reads a string and returns its contents, escapes decoded.
func (r *Reader) String() (string, error) {
	b, err := r.StringBytes()
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Int reads an integer: a JSON number without a fraction or an exponent
// ("1.0" and "1e3" are refused), from -2^63 to 2^63-1.
func (r *Reader) Int() (int64, error) {
	if r.err != nil {
		return 0, r.err
	}
	r.ws()
	if c := r.next(); c != '-' && (c < '0' || c > '9') {
		return 0, r.typeErr("an integer")
	}
	start := r.pos
	integer, err := r.scanNumber()
	if err != nil {
		return 0, err
	}
	r.val = extent{start, r.pos}
	if !integer {
		return 0, r.wrongType("want an integer, got a number with a fraction or an exponent")
	}
	n, ok := parseInt(r.data[start:r.pos])
	if !ok {
		return 0, r.wrongType("integer out of range: want -2^63 to 2^63-1")
	}
	return n, nil
}

// parseInt parses a JSON integer, reporting false when it does not fit in
// an int64.
func parseInt(b []byte) (int64, bool) {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	limit := uint64(1<<63 - 1)
	if neg {
		limit++
	}
	var u uint64
	for _, c := range b {
		d := uint64(c - '0')
		if u > (limit-d)/10 {
			return 0, false
		}
		u = u*10 + d
	}
	if neg {
		return int64(-u), true
	}
	return int64(u), true
}

// Bool reads true or false.
func (r *Reader) Bool() (bool, error) {
	if r.err != nil {
		return false, r.err
	}
	r.ws()
	var want bool
	switch r.next() {
	case 't':
		want = true
	case 'f':
	default:
		return false, r.typeErr("a boolean")
	}
	start := r.pos
	if err := r.skipValue(len(r.frames)); err != nil {
		return false, err
	}
	r.val = extent{start, r.pos}
	return want, nil
}

// Null reads null if it comes next, reporting whether it did; otherwise it
// reads nothing.
func (r *Reader) Null() bool {
	if r.err != nil {
		return false
	}
	r.ws()
	if r.pos+4 > len(r.data) || string(r.data[r.pos:r.pos+4]) != "null" {
		return false
	}
	r.val = extent{r.pos, r.pos + 4}
	r.pos += 4
	return true
}

// Time reads an RFC 3339 instant, such as "2026-03-02T09:00:00.5-05:00",
// as time.Time.UnmarshalText parses it, in UTC or in a fixed zone with the
// offset written (never time.Local, so the answer does not depend on the
// host). A round trip through [AppendTime] keeps the instant and the
// offset, and the text when AppendTime wrote it.
func (r *Reader) Time() (time.Time, error) {
	b, err := r.StringBytes()
	if err != nil {
		return time.Time{}, err
	}
	if t, ok := r.parseInstant(b); ok {
		return t, nil
	}
	var t time.Time
	if err := t.UnmarshalText(b); err != nil {
		return time.Time{}, r.wrongType("want an RFC 3339 instant" + parseDetail(err))
	}
	return fixLocal(t), nil
}

// parseDetail returns what time's parser says is wrong, after ": ".
func parseDetail(err error) string {
	pe, ok := err.(*time.ParseError)
	switch {
	case !ok:
		return ""
	case pe.Message != "":
		return ":" + pe.Message[len(":"):] // pe.Message starts with ": "
	}
	return ": cannot parse " + strconv.Quote(pe.ValueElem) + " as " + strconv.Quote(pe.LayoutElem)
}

// fixLocal moves a parsed instant out of time.Local, which time's parser
// uses when the offset matches the host's zone, into UTC or a fixed zone
// with the same offset.
func fixLocal(t time.Time) time.Time {
	if t.Location() != time.Local {
		return t
	}
	_, off := t.Zone()
	if off == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", off))
}

// Duration reads a Go duration string, such as "1h30m", as
// time.ParseDuration parses it.
func (r *Reader) Duration() (time.Duration, error) {
	b, err := r.StringBytes()
	if err != nil {
		return 0, err
	}
	d, err := time.ParseDuration(string(b))
	if err != nil {
		return 0, r.wrongType(`want a duration such as "1h30m"`)
	}
	return d, nil
}

// Skip reads the next value, whatever it is, checking that it is well
// formed.
func (r *Reader) Skip() error {
	_, err := r.Raw()
	return err
}

// Raw reads the next value, whatever it is, checking that it is well
// formed, and returns its JSON text as written, in the input itself.
func (r *Reader) Raw() ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	r.ws()
	start := r.pos
	if err := r.skipValue(len(r.frames)); err != nil {
		return nil, err
	}
	r.val = extent{start, r.pos}
	return r.data[start:r.pos:r.pos], nil
}

// End checks that only whitespace is left after the value read.
func (r *Reader) End() error {
	if r.err != nil {
		return r.err
	}
	r.ws()
	if r.pos < len(r.data) {
		return r.unexpected(r.pos, "after the top-level value")
	}
	return nil
}

// Path returns the path of the value being read: keys joined by dots,
// indexes in brackets ("agreements[0].metrics[1].cycles[2].spans[3]");
// inside a callback, the path of its key or index; between values, the
// path of the object or array that holds them; empty at the top level.
// Keys are written as they are, dots and brackets included.
func (r *Reader) Path() string {
	var b []byte
	for _, f := range r.frames {
		switch {
		case f.array && f.index >= 0:
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(f.index), 10)
			b = append(b, ']')
		case !f.array && f.key.start >= 0:
			if len(b) > 0 {
				b = append(b, '.')
			}
			b = unescape(b, r.data[f.key.start:f.key.end])
		}
	}
	return string(b)
}

// Fail stops the reader with err, in an *Error at the path of the value
// read last (see [Reader.Path]) with that value's text; a callback may
// return err itself to the same effect. An *Error that err is already
// (one with a path of the caller's making) stops the reader as it is.
// After an earlier error, Fail returns that one.
func (r *Reader) Fail(err error) error {
	if r.err != nil {
		return r.err
	}
	if e, ok := err.(*Error); ok {
		r.err = e
		return e
	}
	e := &Error{Path: r.Path(), Offset: r.pos, Err: err}
	if r.val.start >= 0 {
		e.Value, e.Offset = r.text(r.val), r.val.start
	}
	r.err = e
	return e
}

// FailField stops the reader with err, in an *Error at the path of field
// key of the object read last, with no value: for a key that is missing.
// After an earlier error, FailField returns that one.
func (r *Reader) FailField(key string, err error) error {
	if r.err != nil {
		return r.err
	}
	path := r.Path()
	if path != "" {
		path += "."
	}
	r.err = &Error{Path: path + key, Offset: r.pos, Err: err}
	return r.err
}

// wrongType stops the reader with an ErrType at the value read last.
func (r *Reader) wrongType(msg string) error {
	return r.Fail(&detail{kind: ErrType, msg: msg})
}

// typeErr reports the value that comes next as not what was wanted,
// unless it is malformed.
func (r *Reader) typeErr(want string) error {
	k := r.Kind()
	if k == Invalid {
		return r.unexpected(r.pos, "looking for the beginning of a value")
	}
	if err := r.Skip(); err != nil {
		return err
	}
	return r.wrongType("want " + want + ", got " + k.article())
}

// unexpected reports malformed JSON at offset at, where the input ended or
// has a character that cannot be there.
func (r *Reader) unexpected(at int, where string) error {
	if at >= len(r.data) {
		return r.malformed(at, "unexpected end of input")
	}
	return r.malformed(at, "invalid character "+quoteByte(r.data[at])+" "+where)
}

// malformed stops the reader with an ErrSyntax at offset at.
func (r *Reader) malformed(at int, msg string) error {
	if r.err != nil {
		return r.err
	}
	end := min(len(r.data), at+errmsg.MaxValue+1)
	r.err = &Error{
		Path:   r.Path(),
		Value:  errmsg.Shorten(string(r.data[min(at, end):end])),
		Offset: at,
		Err:    &detail{kind: ErrSyntax, msg: "malformed JSON at offset " + strconv.Itoa(at) + ": " + msg},
	}
	return r.err
}

// text returns the text of a value read, for an error: a string's
// contents, any other value as written, shortened.
func (r *Reader) text(v extent) string {
	if r.data[v.start] == '"' {
		return errmsg.Shorten(string(unescape(nil, r.data[v.start+1:v.end-1])))
	}
	return errmsg.Shorten(string(r.data[v.start:min(v.end, v.start+errmsg.MaxValue+1)]))
}

// quoteByte writes a byte for a message: 'x', or its code.
func quoteByte(c byte) string {
	if c < 0x80 {
		return strconv.QuoteRuneToASCII(rune(c))
	}
	return "byte 0x" + strconv.FormatUint(uint64(c), 16)
}
