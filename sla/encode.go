package sla

import (
	"hash/crc32"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/internal/jsonx"
	"github.com/slaclock/slaclock/policy"
)

// The stored form of a State, format 1. It holds what happened, not what
// can be derived from it (deadlines, lengths of business-day targets, the
// business time used): those are worked out again from the policy set.
//
//	{"format": 1,
//	 "created": "2026-03-02T14:00:00Z", "last": "2026-03-02T16:30:00Z",
//	 "status": "open", "priority": "high", "by_agent": true,
//	 "ids": ["evt-17", "evt-18"],
//	 "agreements": [{"name": "Enterprise", "kind": "sla", "version": "2026-01-01T05:00:00Z",
//	   "metrics": [
//	     {"name": "first_response", "cycles": [
//	       {"stage": "met", "priority": "high", "end": "2026-03-02T15:00:00Z",
//	        "spans": ["2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z"]}]},
//	     {"name": "resolution", "cycles": [
//	       {"stage": "paused", "priority": "high", "warned": 1,
//	        "last_warning": "2026-03-02T15:30:00Z",
//	        "spans": ["2026-03-02T14:00:00Z", "2026-03-02T16:00:00Z"]}]}]}],
//	 "check": "5c0f3e2a"}
//
// A cycle's spans are the instants its clock started, paused and resumed,
// each pause closing the span before it: a running cycle has an odd number
// of them, its last span open. Its stage is running, paused, met or
// cancelled; end is the instant a met or cancelled cycle ended; priority
// (left out when none) is whose target it is measured against, since the
// instant that target took effect (left out when it is the start). What it
// reported: silent (true: nothing yet, it has never had a target), warned
// (how many of its target's warning thresholds have passed), last_warning,
// goal_breached and promise_breached (instants). Zero values are left out.
// check is the CRC-32C of the rest of the state's canonical form, so that a
// state edited by hand or damaged is refused rather than taken for another.
const format = 1

// MarshalJSON encodes the state in its stored form (format 1, above); the
// zero State is {"format":1}. UnmarshalJSON reads it back into an equal
// state.
func (s State) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, s.sizeHint())
	b = s.appendBody(b)
	return appendCheck(b), nil
}

// sizeHint returns about how many bytes the stored form of s takes, so
// that encoding allocates once.
func (s *State) sizeHint() int {
	n := 256 + 24*len(s.ids) + 48*s.history.Len()
	for k, v := range s.fields.Attributes {
		n += 8 + 2*(len(k)+len(v))
	}
	for _, t := range s.fields.Tags {
		n += 4 + 2*len(t)
	}
	for i := range s.agreements {
		n += 128
		for k := range s.agreements[i].metrics {
			m := &s.agreements[i].metrics[k]
			n += 64
			m.cycles(func(c *cycle) {
				n += 192
				for range c.timer.AllSpans() {
					n += 48
				}
			})
		}
	}
	return n
}

// appendCheck closes the state written in b with its check.
func appendCheck(b []byte) []byte {
	sum := crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))
	b = append(b, `,"check":"`...)
	b = appendHex32(b, sum)
	return append(b, `"}`...)
}

func appendHex32(b []byte, v uint32) []byte {
	const digits = "0123456789abcdef"
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, digits[v>>uint(shift)&0xf])
	}
	return b
}

// appendBody writes the state without its check and closing brace: what
// the check sums.
func (s *State) appendBody(b []byte) []byte {
	b = append(b, `{"format":`...)
	b = strconv.AppendInt(b, format, 10)
	if s.created.IsZero() {
		return b
	}
	b = appendTimeField(b, "created", s.created)
	b = appendTimeField(b, "last", s.last)
	b = appendStringField(b, "status", s.category.String())
	b = appendStringField(b, "priority", s.priority)
	if s.byAgent {
		b = append(b, `,"by_agent":true`...)
	}
	b = appendFields(b, &s.fields)
	b = append(b, `,"statuses":[`...)
	for i, ch := range s.history.Items() {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = jsonx.AppendTime(b, ch.at)
		b = append(b, ',')
		b = jsonx.AppendString(b, ch.category.String())
		b = append(b, ']')
	}
	b = append(b, ']')
	if len(s.ids) > 0 {
		b = append(b, `,"ids":[`...)
		for i, id := range s.ids {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonx.AppendString(b, id)
		}
		b = append(b, ']')
	}
	if len(s.agreements) > 0 {
		b = append(b, `,"agreements":[`...)
		for i := range s.agreements {
			if i > 0 {
				b = append(b, ',')
			}
			b = s.agreements[i].appendJSON(b, s.created)
		}
		b = append(b, ']')
	}
	return b
}

func (a *agreement) appendJSON(b []byte, created time.Time) []byte {
	b = append(b, `{"name":`...)
	b = jsonx.AppendString(b, a.Name)
	b = appendStringField(b, "kind", a.Kind.String())
	b = appendTimeField(b, "version", a.Version)
	if !a.attached.Equal(created) {
		b = appendTimeField(b, "attached", a.attached)
	}
	b = appendTimeField(b, "detached", a.detached)
	b = append(b, `,"metrics":[`...)
	for i := range a.metrics {
		if i > 0 {
			b = append(b, ',')
		}
		m := &a.metrics[i]
		b = append(b, `{"name":`...)
		b = jsonx.AppendString(b, m.name)
		if m.closed.Len() > 0 || m.open != nil {
			b = append(b, `,"cycles":[`...)
			first := true
			m.cycles(func(c *cycle) {
				if !first {
					b = append(b, ',')
				}
				first = false
				b = c.appendJSON(b)
			})
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

func (c *cycle) appendJSON(b []byte) []byte {
	b = append(b, `{"stage":`...)
	b = jsonx.AppendString(b, c.stage.String())
	b = appendStringField(b, "priority", c.priority)
	b = appendStringField(b, "zone", c.zone)
	if !c.since.Equal(c.start) {
		b = appendTimeField(b, "since", c.since)
	}
	if !c.isOpen() {
		b = appendTimeField(b, "end", c.end())
	}
	if c.silent {
		b = append(b, `,"silent":true`...)
	}
	if c.warned > 0 {
		b = append(b, `,"warned":`...)
		b = strconv.AppendInt(b, int64(c.warned), 10)
	}
	b = appendTimeField(b, "last_warning", c.lastWarning)
	b = appendTimeField(b, "goal_breached", c.goalAt)
	b = appendTimeField(b, "promise_breached", c.promiseAt)
	if c.escalated != 0 {
		b = append(b, `,"escalated":[`...)
		first := true
		for l := 1; l <= 32; l++ {
			if c.escalated&(1<<(l-1)) != 0 {
				if !first {
					b = append(b, ',')
				}
				first = false
				b = strconv.AppendInt(b, int64(l), 10)
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"spans":[`...)
	first := true
	for sp := range c.timer.AllSpans() {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = jsonx.AppendTime(b, sp.Start.UTC())
		if !sp.End.IsZero() {
			b = append(b, ',')
			b = jsonx.AppendTime(b, sp.End.UTC())
		}
	}
	return append(b, "]}"...)
}

// appendTimeField writes ,"key":"instant", or nothing for the zero Time.
func appendTimeField(b []byte, key string, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return jsonx.AppendTime(b, t.UTC())
}

// appendStringField writes ,"key":"value", or nothing for "".
func appendStringField(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return jsonx.AppendString(b, v)
}

// appendFields writes ,"fields":{...}, attributes sorted by name, or
// nothing for none.
func appendFields(b []byte, f *policy.Fields) []byte {
	if len(f.Attributes) == 0 && len(f.Tags) == 0 {
		return b
	}
	b = append(b, `,"fields":{`...)
	if len(f.Attributes) > 0 {
		b = append(b, `"attributes":{`...)
		for i, k := range slices.Sorted(maps.Keys(f.Attributes)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonx.AppendString(b, k)
			b = append(b, ':')
			b = jsonx.AppendString(b, f.Attributes[k])
		}
		b = append(b, '}')
	}
	if len(f.Tags) > 0 {
		if len(f.Attributes) > 0 {
			b = append(b, ',')
		}
		b = append(b, `"tags":[`...)
		for i, t := range f.Tags {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonx.AppendString(b, t)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}
