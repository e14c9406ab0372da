package clock_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/slaclock/slaclock/clock"
)

// The decoder of the previous release, on encoding/json, kept as a slow
// reference for FuzzUnmarshalJSON: the JSON it accepts, UnmarshalJSON
// must accept, with the same history, and what it refuses UnmarshalJSON
// must refuse. It walks the form in the order the history happened,
// checking as it goes.

// A refTimer is what the reference reads: the timer's state, its last
// instant, and per cycle its spans (an open span has a zero End) and stop.
type refTimer struct {
	State  clock.State
	Since  time.Time
	Cycles [][]clock.Span
	Stops  []time.Time
}

// refOf is what a Timer shows in the same terms.
func refOf(t clock.Timer) refTimer {
	r := refTimer{State: t.State(), Since: t.Since()}
	for _, c := range t.Cycles() {
		r.Cycles = append(r.Cycles, c.Spans())
		var stop time.Time
		if c.State() == clock.Stopped {
			stop = c.Since()
		}
		r.Stops = append(r.Stops, stop)
	}
	return r
}

var errRef = errors.New("refused by the reference")

func referenceDecode(b []byte) (refTimer, error) {
	var raw json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return refTimer{}, err
	}
	if string(raw) == "null" {
		return refTimer{}, nil // leaves the timer as it is
	}
	var d refDecoder
	f, ok := d.object(raw, "state", "cycles")
	if !ok {
		return refTimer{}, errRef
	}
	var u refTimer
	var state string
	rs, ok := f["state"]
	if !ok || string(rs) == "null" || json.Unmarshal(rs, &state) != nil {
		return u, errRef
	}
	i := slices.Index([]string{"idle", "running", "paused", "stopped"}, state)
	if i < 0 {
		return u, errRef
	}
	u.State = clock.State(i)
	var cycles []json.RawMessage
	if rc, ok := f["cycles"]; ok {
		if cycles, ok = d.array(rc); !ok {
			return u, errRef
		}
	}
	if (u.State == clock.Idle) != (len(cycles) == 0) {
		return u, errRef
	}
	for i, rc := range cycles {
		if !d.cycle(&u, rc, i == len(cycles)-1) {
			return u, errRef
		}
	}
	return u, nil
}

type refDecoder struct{ last time.Time }

// cycle reads one cycle into u; current says whether it is the last.
func (d *refDecoder) cycle(u *refTimer, rc json.RawMessage, current bool) bool {
	fc, ok := d.object(rc, "spans", "stop")
	if !ok {
		return false
	}
	rspans, ok := fc["spans"]
	if !ok {
		return false
	}
	items, ok := d.array(rspans)
	if !ok || len(items) == 0 {
		return false
	}
	var spans []clock.Span
	for k, rspan := range items {
		fs, ok := d.object(rspan, "start", "end")
		if !ok {
			return false
		}
		start, ok := d.instant(fs, "start")
		if !ok {
			return false
		}
		if _, ok := fs["end"]; !ok {
			if !current || u.State != clock.Running || k != len(items)-1 {
				return false
			}
			u.Since = start
			spans = append(spans, clock.Span{Start: start})
			continue
		}
		end, ok := d.instant(fs, "end")
		if !ok {
			return false
		}
		spans = append(spans, clock.Span{Start: start, End: end})
	}
	if current && u.State == clock.Running && !spans[len(spans)-1].End.IsZero() {
		return false
	}
	var stop time.Time
	_, hasStop := fc["stop"]
	switch {
	case !current || u.State == clock.Stopped:
		if stop, ok = d.instant(fc, "stop"); !ok {
			return false
		}
		u.Since = stop
	case hasStop:
		return false
	case u.State == clock.Paused:
		u.Since = spans[len(spans)-1].End
	}
	u.Cycles, u.Stops = append(u.Cycles, spans), append(u.Stops, stop)
	return true
}

// object returns the fields of the JSON object raw, in which only the
// given keys may appear, each at most once.
func (d *refDecoder) object(raw json.RawMessage, keys ...string) (map[string]json.RawMessage, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	f := make(map[string]json.RawMessage, len(keys))
	for dec.More() {
		tok, _ := dec.Token()
		k, _ := tok.(string)
		if _, dup := f[k]; dup || !slices.Contains(keys, k) {
			return nil, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		f[k] = v
	}
	return f, true
}

// array returns the elements of the JSON array raw.
func (d *refDecoder) array(raw json.RawMessage) ([]json.RawMessage, bool) {
	var items []json.RawMessage
	if string(raw) == "null" || json.Unmarshal(raw, &items) != nil {
		return nil, false
	}
	return items, true
}

// instant decodes the instant f[key], which must be present, recordable
// and not earlier than the last one decoded.
func (d *refDecoder) instant(f map[string]json.RawMessage, key string) (time.Time, bool) {
	raw, ok := f[key]
	var s string
	if !ok || string(raw) == "null" || json.Unmarshal(raw, &s) != nil {
		return time.Time{}, false
	}
	var at time.Time
	if err := at.UnmarshalText([]byte(s)); err != nil || !recordableRef(at) || at.Before(d.last) {
		return time.Time{}, false
	}
	d.last = at
	return at, true
}

// recordableRef is what a transition accepts: after the zero Time, a year
// up to 9999, an offset of whole minutes under 24 hours.
func recordableRef(at time.Time) bool {
	_, off := at.Zone()
	return at.After(time.Time{}) && at.Year() <= 9999 && off%60 == 0 && off > -24*3600 && off < 24*3600
}
