package clock

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/internal/jsonx"
	"github.com/slaclock/slaclock/internal/share"
)

// The JSON form of a Timer:
//
//	{"state": "running",
//	 "cycles": [{"spans": [{"start": "2026-03-02T09:00:00-05:00", "end": "2026-03-02T10:00:00-05:00"}],
//	             "stop": "2026-03-02T10:00:00-05:00"},
//	            {"spans": [{"start": "2026-03-03T09:00:00-05:00"}]}]}
//
// An idle timer is {"state": "idle"}. The last span of a running timer has
// no end; a stopped cycle has a stop. MarshalJSON writes the fields in
// this order, compact, as encoding/json would write them.

// MarshalJSON encodes the timer's whole history, every instant in RFC 3339
// with its zone offset and nanoseconds, so that UnmarshalJSON gives back
// the same instants with the same offsets.
func (t Timer) MarshalJSON() ([]byte, error) {
	n := 32 + 96*t.spans.Len() + 64*t.past.Len()
	for _, c := range t.past.Items() {
		n += 96 * c.spans.Len()
	}
	b := append(make([]byte, 0, n), `{"state":"`...)
	b = append(b, t.state.String()...)
	if t.state == Idle {
		return append(b, `"}`...), nil
	}
	b = append(b, `","cycles":[`...)
	for _, c := range t.past.Items() {
		b = appendCycle(b, c.spans.Items(), time.Time{}, c.stop)
		b = append(b, ',')
	}
	var open, stop time.Time
	switch t.state {
	case Running:
		open = t.since
	case Stopped:
		stop = t.since
	}
	b = appendCycle(b, t.spans.Items(), open, stop)
	return append(b, "]}"...), nil
}

// appendCycle appends a cycle of closed spans, then a span open since
// open and a stop, each unless zero.
func appendCycle(b []byte, spans []Span, open, stop time.Time) []byte {
	b = append(b, `{"spans":[`...)
	for i, s := range spans {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = jsonx.AppendTime(b, s.Start)
		b = append(b, `,"end":`...)
		b = jsonx.AppendTime(b, s.End)
		b = append(b, '}')
	}
	if !open.IsZero() {
		if len(spans) > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = jsonx.AppendTime(b, open)
		b = append(b, '}')
	}
	b = append(b, ']')
	if !stop.IsZero() {
		b = append(b, `,"stop":`...)
		b = jsonx.AppendTime(b, stop)
	}
	return append(b, '}')
}

// UnmarshalJSON decodes a timer encoded by MarshalJSON. It is strict: a
// field that is unknown, repeated, missing or of the wrong kind, an
// instant that is zero or out of order, and a state that does not match
// the spans are each an *Error naming the value, and on error t is
// unchanged. Field names are matched exactly; fields may come in any
// order. Decoded instants keep their offsets, in a fixed zone (never
// time.Local). The JSON null leaves t unchanged, as encoding/json does for
// other types. The cost is linear in the length of b.
func (t *Timer) UnmarshalJSON(b []byte) error {
	r := jsonx.NewReader(b)
	if r.Null() {
		return decodeError(r.End())
	}
	d := decoder{r: r}
	err := d.timer()
	if err == nil {
		err = r.End()
	}
	if err == nil {
		err = d.checkShape()
	}
	if err == nil {
		err = d.checkOrder()
	}
	if err != nil {
		return decodeError(err)
	}
	*t = d.build()
	return nil
}

// decodeError turns what the reader reports into an *Error; the checks
// after reading make theirs directly.
func decodeError(err error) error {
	var je *jsonx.Error
	if !errors.As(err, &je) {
		return err
	}
	return &Error{Path: je.Path, Value: je.Value, Err: je.Cause(ErrSyntax, ErrSyntax)}
}

// A decoder reads a timer's JSON form in two passes: first what it says,
// checking every value on its own (kind, fields, recordable instants),
// then whether a timer can have that history (checkShape, checkOrder),
// because fields may come in any order and the state may follow the
// cycles it describes.
type decoder struct {
	r         *jsonx.Reader
	state     State
	hasCycles bool
	cycles    []rawCycle
}

// A rawCycle is a cycle as read.
type rawCycle struct {
	spans     share.List[Span] // the spans with an end
	n         int              // how many spans there are, with or without an end
	open      int              // the index of the first span without an end, or -1
	openStart time.Time        // its start
	stop      time.Time        // the zero Time when absent
}

// once reads a field with read, unless the object had the field already;
// seen holds a bit per field read.
func once(seen *uint8, bit uint8, read func() error) error {
	if *seen&bit != 0 {
		return ErrDuplicate
	}
	*seen |= bit
	return read()
}

// timer reads the top-level object.
func (d *decoder) timer() error {
	var seen uint8
	err := d.r.Object(func(key []byte) error {
		switch string(key) {
		case "state":
			return once(&seen, 1, d.readState)
		case "cycles":
			return once(&seen, 2, d.readCycles)
		}
		return ErrUnknownField
	})
	if err == nil && seen&1 == 0 {
		err = d.r.FailField("state", ErrMissing)
	}
	return err
}

func (d *decoder) readState() error {
	b, err := d.r.StringBytes()
	if err != nil {
		return err
	}
	for s := Idle; s <= Stopped; s++ {
		if s.String() == string(b) {
			d.state = s
			return nil
		}
	}
	return &detail{"unknown state: want idle, running, paused or stopped", ErrState}
}

func (d *decoder) readCycles() error {
	d.hasCycles = true
	return d.r.Array(func(i int) error {
		d.cycles = append(d.cycles, rawCycle{open: -1})
		return d.readCycle(&d.cycles[i])
	})
}

func (d *decoder) readCycle(c *rawCycle) error {
	var seen uint8
	err := d.r.Object(func(key []byte) error {
		switch string(key) {
		case "spans":
			return once(&seen, 1, func() error { return d.readSpans(c) })
		case "stop":
			return once(&seen, 2, func() (err error) { c.stop, err = d.instant(); return err })
		}
		return ErrUnknownField
	})
	if err == nil && seen&1 == 0 {
		err = d.r.FailField("spans", ErrMissing)
	}
	return err
}

func (d *decoder) readSpans(c *rawCycle) error {
	err := d.r.Array(func(k int) error { return d.readSpan(c, k) })
	if err == nil && c.n == 0 {
		err = d.r.Fail(&detail{"a cycle has at least one span", ErrState})
	}
	return err
}

func (d *decoder) readSpan(c *rawCycle, k int) error {
	var (
		s    Span
		seen uint8
	)
	err := d.r.Object(func(key []byte) error {
		switch string(key) {
		case "start":
			return once(&seen, 1, func() (err error) { s.Start, err = d.instant(); return err })
		case "end":
			return once(&seen, 2, func() (err error) { s.End, err = d.instant(); return err })
		}
		return ErrUnknownField
	})
	if err == nil && seen&1 == 0 {
		err = d.r.FailField("start", ErrMissing)
	}
	if err != nil {
		return err
	}
	c.n++
	switch {
	case !s.End.IsZero():
		c.spans = c.spans.Append(s)
	case c.open < 0:
		c.open, c.openStart = k, s.Start
	}
	return nil
}

// instant reads an instant that a transition could record.
func (d *decoder) instant() (time.Time, error) {
	at, err := d.r.Time()
	if err == nil && !recordable(at) {
		err = unrecordable(at)
	}
	return at, err
}

// checkShape checks that the state matches the cycles: how many there
// are, which have a stop, and which span is open.
func (d *decoder) checkShape() error {
	n := len(d.cycles)
	switch {
	case d.state == Idle && n > 0:
		return &Error{Path: "cycles", Err: &detail{"an idle timer has no cycles", ErrState}}
	case d.state == Idle:
		return nil
	case !d.hasCycles:
		return &Error{Path: "cycles", Err: &detail{"missing: a " + d.state.String() + " timer has a cycle", ErrMissing}}
	case n == 0:
		return &Error{Path: "cycles", Value: "[]", Err: &detail{"a " + d.state.String() + " timer has a cycle", ErrState}}
	}
	for i := range d.cycles {
		if err := d.checkCycle(i); err != nil {
			return err
		}
	}
	return nil
}

// checkCycle checks cycle i against the state: every cycle but the last
// has a stop, and so has the last when the timer is stopped; only the
// last span of a running timer's last cycle is open, and it is.
func (d *decoder) checkCycle(i int) error {
	c := &d.cycles[i]
	last := i == len(d.cycles)-1
	running := last && d.state == Running
	over := !last || d.state == Stopped
	path := cyclePath(i)
	switch {
	case c.open >= 0 && !(running && c.open == c.n-1):
		return &Error{Path: spanPath(i, c.open, "end"),
			Err: &detail{"missing: only the last span of a running timer is open", ErrMissing}}
	case running && c.open < 0:
		return &Error{Path: path + ".spans", Err: &detail{"the last span of a running timer is open (has no end)", ErrState}}
	case over && c.stop.IsZero() && !last:
		return &Error{Path: path + ".stop", Err: &detail{"missing: a cycle before the last has a stop", ErrMissing}}
	case over && c.stop.IsZero():
		return &Error{Path: path + ".stop", Err: ErrMissing}
	case !over && !c.stop.IsZero():
		return &Error{Path: path + ".stop", Value: c.stop.Format(time.RFC3339Nano),
			Err: &detail{"a " + d.state.String() + " timer's cycle has no stop", ErrState}}
	}
	return nil
}

// checkOrder checks that the instants never go back, in the order the
// history happened: each span's start and end, a cycle's stop, the next
// cycle's first start. checkShape has passed, so an open span is the last.
func (d *decoder) checkOrder() error {
	var last time.Time
	for i := range d.cycles {
		c := &d.cycles[i]
		for k, s := range c.spans.Items() {
			if s.Start.Before(last) {
				return orderError(spanPath(i, k, "start"), s.Start, last)
			}
			if s.End.Before(s.Start) {
				return orderError(spanPath(i, k, "end"), s.End, s.Start)
			}
			last = s.End
		}
		if c.open >= 0 {
			if c.openStart.Before(last) {
				return orderError(spanPath(i, c.open, "start"), c.openStart, last)
			}
			last = c.openStart
		}
		if !c.stop.IsZero() {
			if c.stop.Before(last) {
				return orderError(cyclePath(i)+".stop", c.stop, last)
			}
			last = c.stop
		}
	}
	return nil
}

// cyclePath is the path of cycle i; spanPath of field key of its span k.
func cyclePath(i int) string { return "cycles[" + strconv.Itoa(i) + "]" }

func spanPath(i, k int, key string) string {
	return cyclePath(i) + ".spans[" + strconv.Itoa(k) + "]." + key
}

// orderError says that at, at path, is earlier than the last instant
// recorded.
func orderError(path string, at, last time.Time) error {
	return &Error{Path: path, Value: at.Format(time.RFC3339Nano),
		Err: fmt.Errorf("%w, %s", ErrTimeOrder, last.Format(time.RFC3339Nano))}
}

// build returns the timer that the checked cycles describe.
func (d *decoder) build() Timer {
	t := Timer{state: d.state}
	if d.state == Idle {
		return t
	}
	n := len(d.cycles)
	for _, c := range d.cycles[:n-1] {
		t.past = t.past.Append(cycle{spans: c.spans, stop: c.stop})
	}
	cur := &d.cycles[n-1]
	t.spans = cur.spans
	switch d.state {
	case Running:
		t.since = cur.openStart
	case Paused:
		t.since = cur.spans.At(cur.spans.Len() - 1).End
	case Stopped:
		t.since = cur.stop
	}
	return t
}
