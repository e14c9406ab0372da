package clock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

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
// no end; a stopped cycle has a stop.
type jsonTimer struct {
	State  string      `json:"state"`
	Cycles []jsonCycle `json:"cycles,omitempty"`
}

type jsonCycle struct {
	Spans []jsonSpan `json:"spans"`
	Stop  time.Time  `json:"stop,omitzero"`
}

// A recorded instant is never zero, so omitzero leaves out only what is
// absent: the end of an open span, the stop of a cycle that goes on.
type jsonSpan struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
}

func jsonSpans(spans []Span) []jsonSpan {
	js := make([]jsonSpan, len(spans), len(spans)+1)
	for i, s := range spans {
		js[i] = jsonSpan(s)
	}
	return js
}

// MarshalJSON encodes the timer's whole history, every instant in RFC 3339
// with its zone offset and nanoseconds, so that UnmarshalJSON gives back
// the same instants with the same offsets.
func (t Timer) MarshalJSON() ([]byte, error) {
	jt := jsonTimer{State: t.state.String()}
	for _, c := range t.past.Items() {
		jt.Cycles = append(jt.Cycles, jsonCycle{Spans: jsonSpans(c.spans.Items()), Stop: c.stop})
	}
	if t.state != Idle {
		cur := jsonCycle{Spans: jsonSpans(t.spans.Items())}
		switch t.state {
		case Running:
			cur.Spans = append(cur.Spans, jsonSpan{Start: t.since})
		case Stopped:
			cur.Stop = t.since
		}
		jt.Cycles = append(jt.Cycles, cur)
	}
	return json.Marshal(jt)
}

// UnmarshalJSON decodes a timer encoded by MarshalJSON. It is strict: a
// field that is unknown, repeated, missing or of the wrong kind, an
// instant that is zero or out of order, and a state that does not match
// the spans are each an error (an *Error naming the value), and on
// error t is unchanged. Field names are matched exactly. Decoded instants
// keep their offsets, in a fixed zone (never time.Local). The JSON null
// leaves t unchanged, as encoding/json does for other types.
func (t *Timer) UnmarshalJSON(b []byte) error {
	var raw json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return &Error{Err: &detail{err.Error(), ErrSyntax}}
	}
	if isNull(raw) {
		return nil
	}
	u, err := decode(raw)
	if err != nil {
		return err
	}
	*t = u
	return nil
}

func isNull(raw json.RawMessage) bool { return string(raw) == "null" }

// decoder walks a JSON timer, keeping the latest instant seen.
type decoder struct {
	last time.Time
}

func decode(raw json.RawMessage) (Timer, error) {
	var (
		u Timer
		d decoder
	)
	f, err := d.object(raw, "", "state", "cycles")
	if err != nil {
		return u, err
	}
	rs, ok := f["state"]
	if !ok {
		return u, &Error{Path: "state", Err: ErrMissing}
	}
	var state string
	if isNull(rs) || json.Unmarshal(rs, &state) != nil {
		return u, &Error{Path: "state", Err: &detail{"not a string", ErrSyntax}}
	}
	switch state {
	case "idle":
		u.state = Idle
	case "running":
		u.state = Running
	case "paused":
		u.state = Paused
	case "stopped":
		u.state = Stopped
	default:
		return u, &Error{Path: "state", Value: state, Err: &detail{"unknown state: want idle, running, paused or stopped", ErrState}}
	}
	var cycles []json.RawMessage
	if rc, ok := f["cycles"]; ok {
		if cycles, err = d.array(rc, "cycles"); err != nil {
			return u, err
		}
	}
	if u.state == Idle {
		if len(cycles) > 0 {
			return u, &Error{Path: "cycles", Err: &detail{"an idle timer has no cycles", ErrState}}
		}
		return u, nil
	}
	if len(cycles) == 0 {
		return u, &Error{Path: "cycles", Err: &detail{"a " + u.state.String() + " timer has a cycle", ErrState}}
	}
	for i, rc := range cycles {
		path := fmt.Sprintf("cycles[%d]", i)
		current := i == len(cycles)-1
		fc, err := d.object(rc, path, "spans", "stop")
		if err != nil {
			return u, err
		}
		rspans, ok := fc["spans"]
		if !ok {
			return u, &Error{Path: path + ".spans", Err: ErrMissing}
		}
		items, err := d.array(rspans, path+".spans")
		if err != nil {
			return u, err
		}
		if len(items) == 0 {
			return u, &Error{Path: path + ".spans", Err: &detail{"a cycle has at least one span", ErrState}}
		}
		spans := make([]Span, 0, len(items))
		for k, rspan := range items {
			spath := fmt.Sprintf("%s.spans[%d]", path, k)
			fs, err := d.object(rspan, spath, "start", "end")
			if err != nil {
				return u, err
			}
			start, err := d.instant(fs, spath, "start")
			if err != nil {
				return u, err
			}
			if _, ok := fs["end"]; !ok {
				if !current || u.state != Running || k != len(items)-1 {
					return u, &Error{Path: spath + ".end", Err: &detail{"missing: only the last span of a running timer is open", ErrMissing}}
				}
				u.since = start
				continue
			}
			end, err := d.instant(fs, spath, "end")
			if err != nil {
				return u, err
			}
			spans = append(spans, Span{start, end})
		}
		if current && u.state == Running && len(spans) == len(items) {
			return u, &Error{Path: path + ".spans", Err: &detail{"the last span of a running timer is open (has no end)", ErrState}}
		}
		_, hasStop := fc["stop"]
		switch {
		case !current || u.state == Stopped:
			stop, err := d.instant(fc, path, "stop")
			if err != nil {
				return u, err
			}
			if current {
				u.since = stop
			} else {
				u.past = u.past.Append(cycle{spans: share.Of(spans...), stop: stop})
			}
		case hasStop:
			return u, &Error{Path: path + ".stop", Err: &detail{"a " + u.state.String() + " timer's cycle has no stop", ErrState}}
		case u.state == Paused:
			u.since = spans[len(spans)-1].End
		}
		if current {
			u.spans = share.Of(spans...)
		}
	}
	return u, nil
}

// object returns the fields of the JSON object raw, in which only the
// given keys may appear, each at most once.
func (d *decoder) object(raw json.RawMessage, path string, keys ...string) (map[string]json.RawMessage, error) {
	notObject := &Error{Path: path, Err: &detail{"not a JSON object", ErrSyntax}}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, notObject
	}
	f := make(map[string]json.RawMessage, len(keys))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, notObject // unreachable: raw is valid JSON
		}
		k, _ := tok.(string)
		kpath := k
		if path != "" {
			kpath = path + "." + k
		}
		if !slices.Contains(keys, k) {
			return nil, &Error{Path: kpath, Err: ErrUnknownField}
		}
		if _, dup := f[k]; dup {
			return nil, &Error{Path: kpath, Err: ErrDuplicate}
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, notObject // unreachable: raw is valid JSON
		}
		f[k] = v
	}
	return f, nil
}

// array returns the elements of the JSON array raw.
func (d *decoder) array(raw json.RawMessage, path string) ([]json.RawMessage, error) {
	var items []json.RawMessage
	if isNull(raw) || json.Unmarshal(raw, &items) != nil {
		return nil, &Error{Path: path, Err: &detail{"not a JSON array", ErrSyntax}}
	}
	return items, nil
}

// instant decodes the instant f[key], which must be present, recordable
// and not earlier than the last one decoded.
func (d *decoder) instant(f map[string]json.RawMessage, path, key string) (time.Time, error) {
	path += "." + key
	raw, ok := f[key]
	if !ok {
		return time.Time{}, &Error{Path: path, Err: ErrMissing}
	}
	var s string
	if isNull(raw) || json.Unmarshal(raw, &s) != nil {
		return time.Time{}, &Error{Path: path, Err: &detail{"not a string", ErrSyntax}}
	}
	var at time.Time
	if err := at.UnmarshalText([]byte(s)); err != nil {
		return time.Time{}, &Error{Path: path, Err: &detail{"not an RFC 3339 instant: " + err.Error(), ErrSyntax}}
	}
	at = fixLocal(at)
	if !recordable(at) {
		return at, &Error{Path: path, Err: fmt.Errorf("%w: %s", ErrInstant, unrecordable(at))}
	}
	if at.Before(d.last) {
		return at, &Error{Path: path, Err: fmt.Errorf("%w, %s", ErrTimeOrder, d.last.Format(time.RFC3339Nano))}
	}
	d.last = at
	return at, nil
}

// fixLocal moves a parsed instant out of time.Local, which time.Parse
// uses when the offset matches the host's zone, into a fixed zone with
// the same offset, so decoding does not depend on the host.
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
