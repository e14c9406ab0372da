package sla

import (
	"encoding/json"
	"fmt"
	"time"
)

// The JSON forms of Cycle and MetricStatus: durations as Go durations
// ("1h30m0s"), instants in RFC 3339 in UTC, zero values left out.

type jsonCycle struct {
	Agreement       *Agreement `json:"agreement,omitempty"`
	Metric          string     `json:"metric,omitempty"`
	Number          int        `json:"number,omitempty"`
	Stage           Stage      `json:"stage"`
	Priority        string     `json:"priority,omitempty"`
	Calendar        string     `json:"calendar,omitempty"`
	Zone            string     `json:"zone,omitempty"`
	Goal            string     `json:"goal,omitempty"`
	Promise         string     `json:"promise,omitempty"`
	Start           string     `json:"start,omitempty"`
	End             string     `json:"end,omitempty"`
	GoalDue         string     `json:"goal_due,omitempty"`
	PromiseDue      string     `json:"promise_due,omitempty"`
	GoalBreachedAt  string     `json:"goal_breached_at,omitempty"`
	PromiseBreachAt string     `json:"promise_breached_at,omitempty"`
	Used            string     `json:"used,omitempty"`
	Left            string     `json:"left,omitempty"`
	PromiseLeft     string     `json:"promise_left,omitempty"`
	Fraction        float64    `json:"fraction,omitempty"`
	GoalBreached    bool       `json:"goal_breached,omitempty"`
	PromiseBreached bool       `json:"promise_breached,omitempty"`
}

func durationText(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

func agreementRef(a Agreement) *Agreement {
	if a == (Agreement{}) {
		return nil
	}
	a.Version = a.Version.UTC()
	return &a
}

// MarshalJSON encodes c as
//
//	{"agreement": {"name": "Enterprise", "kind": "sla"}, "metric": "first_response",
//	 "number": 1, "stage": "met", "priority": "high", "calendar": "business",
//	 "goal": "2h0m0s", "promise": "4h0m0s", "start": "2026-03-02T14:00:00Z",
//	 "end": "2026-03-02T15:00:00Z", "used": "1h0m0s"}
//
// with "zone" (after "calendar"), "goal_due", "promise_due",
// "goal_breached_at" and "promise_breached_at" when they are set.
func (c Cycle) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonCycle{
		Agreement: agreementRef(c.Agreement), Metric: c.Metric, Number: c.Number, Stage: c.Stage,
		Priority: c.Priority, Calendar: c.Calendar, Zone: c.Zone, Goal: durationText(c.Goal), Promise: durationText(c.Promise),
		Start: formatTime(c.Start), End: formatTime(c.End), GoalDue: formatTime(c.GoalDue), PromiseDue: formatTime(c.PromiseDue),
		GoalBreachedAt: formatTime(c.GoalBreached), PromiseBreachAt: formatTime(c.PromiseBreached), Used: durationText(c.Used),
	})
}

// UnmarshalJSON decodes the form MarshalJSON writes.
func (c *Cycle) UnmarshalJSON(b []byte) error {
	var j jsonCycle
	if err := json.Unmarshal(b, &j); err != nil {
		return &Error{Path: "cycle", Err: fmt.Errorf("%w: %v", ErrBadState, err)}
	}
	var p parser
	out := Cycle{Metric: j.Metric, Number: j.Number, Stage: j.Stage, Priority: j.Priority, Calendar: j.Calendar, Zone: j.Zone,
		Goal: p.duration("goal", j.Goal), Promise: p.duration("promise", j.Promise),
		Start: p.instant("start", j.Start), End: p.instant("end", j.End),
		GoalDue: p.instant("goal_due", j.GoalDue), PromiseDue: p.instant("promise_due", j.PromiseDue),
		GoalBreached: p.instant("goal_breached_at", j.GoalBreachedAt), PromiseBreached: p.instant("promise_breached_at", j.PromiseBreachAt),
		Used: p.duration("used", j.Used)}
	if j.Agreement != nil {
		out.Agreement = *j.Agreement
	}
	if p.err != nil {
		return p.err
	}
	*c = out
	return nil
}

// MarshalJSON encodes m as a Cycle is encoded, with "used", "left",
// "promise_left", "fraction", "goal_breached" and "promise_breached" (true
// or left out):
//
//	{"agreement": {"name": "Enterprise", "kind": "sla"}, "metric": "first_response",
//	 "number": 1, "stage": "running", "priority": "high", "calendar": "business",
//	 "goal": "2h0m0s", "promise": "4h0m0s", "start": "2026-03-02T14:00:00Z",
//	 "goal_due": "2026-03-02T16:00:00Z", "promise_due": "2026-03-02T18:00:00Z",
//	 "used": "1h30m0s", "left": "30m0s", "promise_left": "2h30m0s", "fraction": 0.75}
func (m MetricStatus) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonCycle{
		Agreement: agreementRef(m.Agreement), Metric: m.Metric, Number: m.Cycle, Stage: m.Stage,
		Priority: m.Priority, Calendar: m.Calendar, Zone: m.Zone, Goal: durationText(m.Goal), Promise: durationText(m.Promise),
		Start: formatTime(m.Start), End: formatTime(m.End), GoalDue: formatTime(m.GoalDue), PromiseDue: formatTime(m.PromiseDue),
		Used: durationText(m.Used), Left: durationText(m.Left), PromiseLeft: durationText(m.PromiseLeft),
		Fraction: m.Fraction, GoalBreached: m.GoalBreached, PromiseBreached: m.PromiseBreached,
	})
}

// UnmarshalJSON decodes the form MarshalJSON writes.
func (m *MetricStatus) UnmarshalJSON(b []byte) error {
	var j jsonCycle
	if err := json.Unmarshal(b, &j); err != nil {
		return &Error{Path: "status", Err: fmt.Errorf("%w: %v", ErrBadState, err)}
	}
	var p parser
	out := MetricStatus{Metric: j.Metric, Cycle: j.Number, Stage: j.Stage, Priority: j.Priority, Calendar: j.Calendar, Zone: j.Zone,
		Goal: p.duration("goal", j.Goal), Promise: p.duration("promise", j.Promise),
		Start: p.instant("start", j.Start), End: p.instant("end", j.End),
		GoalDue: p.instant("goal_due", j.GoalDue), PromiseDue: p.instant("promise_due", j.PromiseDue),
		Used: p.duration("used", j.Used), Left: p.duration("left", j.Left), PromiseLeft: p.duration("promise_left", j.PromiseLeft),
		Fraction: j.Fraction, GoalBreached: j.GoalBreached, PromiseBreached: j.PromiseBreached}
	if j.Agreement != nil {
		out.Agreement = *j.Agreement
	}
	if p.err != nil {
		return p.err
	}
	*m = out
	return nil
}

// parser reads the text forms of the views, keeping the first error.
type parser struct{ err error }

func (p *parser) duration(path, s string) time.Duration {
	if s == "" {
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil && p.err == nil {
		p.err = &Error{Path: path, Value: s, Err: fmt.Errorf("%w: want a duration such as \"1h30m0s\"", ErrBadState)}
	}
	return d
}

func (p *parser) instant(path, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil && p.err == nil {
		p.err = &Error{Path: path, Value: s, Err: fmt.Errorf("%w: want an RFC 3339 instant", ErrBadState)}
	}
	return t.UTC()
}
