package clock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
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
	State  *string     `json:"state"`
	Cycles []jsonCycle `json:"cycles,omitempty"`
}

type jsonCycle struct {
	Spans []jsonSpan `json:"spans"`
	Stop  *time.Time `json:"stop,omitempty"`
}

type jsonSpan struct {
	Start *time.Time `json:"start"`
	End   *time.Time `json:"end,omitempty"`
}

func ptr(t time.Time) *time.Time { return &t }

func jsonSpans(spans []Span) []jsonSpan {
	js := make([]jsonSpan, len(spans))
	for i, s := range spans {
		js[i] = jsonSpan{Start: ptr(s.Start), End: ptr(s.End)}
	}
	return js
}

// MarshalJSON encodes the timer's whole history, every instant in RFC 3339
// with its zone offset and nanoseconds, so that UnmarshalJSON gives back
// the same instants with the same offsets.
func (t Timer) MarshalJSON() ([]byte, error) {
	state := t.state.String()
	jt := jsonTimer{State: &state}
	for _, c := range t.past {
		jt.Cycles = append(jt.Cycles, jsonCycle{Spans: jsonSpans(c.spans), Stop: ptr(c.stop)})
	}
	if t.state != Idle {
		cur := jsonCycle{Spans: jsonSpans(t.spans)}
		switch t.state {
		case Running:
			cur.Spans = append(cur.Spans, jsonSpan{Start: ptr(t.since)})
		case Stopped:
			cur.Stop = ptr(t.since)
		}
		jt.Cycles = append(jt.Cycles, cur)
	}
	return json.Marshal(jt)
}

// UnmarshalJSON decodes a timer encoded by MarshalJSON. It is strict:
// unknown fields, missing or zero instants, instants out of order, and a
// state that does not match the spans are errors (a *DecodeError), and on
// error t is unchanged. Decoded instants keep their offsets, in a fixed
// zone (never time.Local), as time.Parse would give them otherwise. The
// JSON null leaves t unchanged, as encoding/json does for other types.
func (t *Timer) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var jt jsonTimer
	if err := dec.Decode(&jt); err != nil {
		return &DecodeError{Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &DecodeError{Err: errors.New("data after the timer")}
	}
	u, err := decode(jt)
	if err != nil {
		return err
	}
	*t = u
	return nil
}

func decode(jt jsonTimer) (Timer, error) {
	var u Timer
	if jt.State == nil {
		return u, &DecodeError{Path: "state", Err: errors.New("missing")}
	}
	switch *jt.State {
	case "idle":
		u.state = Idle
	case "running":
		u.state = Running
	case "paused":
		u.state = Paused
	case "stopped":
		u.state = Stopped
	default:
		return u, &DecodeError{Path: "state", Err: fmt.Errorf("unknown state %q", *jt.State)}
	}
	if u.state == Idle {
		if len(jt.Cycles) > 0 {
			return u, &DecodeError{Path: "cycles", Err: errors.New("an idle timer has no cycles")}
		}
		return u, nil
	}
	if len(jt.Cycles) == 0 {
		return u, &DecodeError{Path: "cycles", Err: fmt.Errorf("a %s timer has a cycle", u.state)}
	}
	var last time.Time // the latest instant so far
	instant := func(path string, p *time.Time) (time.Time, error) {
		if p == nil {
			return time.Time{}, &DecodeError{Path: path, Err: errors.New("missing")}
		}
		at := fixLocal(*p)
		if !recordable(at) {
			return at, &DecodeError{Path: path, Err: fmt.Errorf("%w: %s", ErrInstant, unrecordable(at))}
		}
		if at.Before(last) {
			return at, &DecodeError{Path: path, Err: fmt.Errorf("%w, %s", ErrTimeOrder, formatInstant(last))}
		}
		last = at
		return at, nil
	}
	for i, jc := range jt.Cycles {
		path := fmt.Sprintf("cycles[%d]", i)
		current := i == len(jt.Cycles)-1
		if len(jc.Spans) == 0 {
			return u, &DecodeError{Path: path + ".spans", Err: errors.New("a cycle has at least one span")}
		}
		spans := make([]Span, 0, len(jc.Spans))
		for k, js := range jc.Spans {
			spath := fmt.Sprintf("%s.spans[%d]", path, k)
			start, err := instant(spath+".start", js.Start)
			if err != nil {
				return u, err
			}
			if js.End == nil {
				if !current || u.state != Running || k != len(jc.Spans)-1 {
					return u, &DecodeError{Path: spath + ".end", Err: errors.New("missing: only the last span of a running timer is open")}
				}
				u.since = start
				continue
			}
			end, err := instant(spath+".end", js.End)
			if err != nil {
				return u, err
			}
			spans = append(spans, Span{start, end})
		}
		if current && u.state == Running && jc.Spans[len(jc.Spans)-1].End != nil {
			return u, &DecodeError{Path: path + ".spans", Err: errors.New("a running timer's last span is open (has no end)")}
		}
		switch {
		case !current || u.state == Stopped:
			stop, err := instant(path+".stop", jc.Stop)
			if err != nil {
				return u, err
			}
			if current {
				u.since = stop
			} else {
				u.past = append(u.past, cycle{spans: spans, stop: stop})
			}
		case jc.Stop != nil:
			return u, &DecodeError{Path: path + ".stop", Err: fmt.Errorf("a %s timer's cycle has no stop", u.state)}
		case u.state == Paused:
			u.since = spans[len(spans)-1].End
		}
		if current {
			u.spans = spans
		}
	}
	return u, nil
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
