package sla

import (
	"encoding/json"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// The JSON forms of CycleView and Upcoming; View, Lane and Segment are
// written by their struct tags. Instants are RFC 3339 in the zone they
// are in (the calendar's), durations of business time Go durations
// ("1h20m0s"), targets as the policy writes them ("3bd"), and zero values
// are left out, except the figures of a measured cycle.

type jsonCycleView struct {
	Agreement       *Agreement      `json:"agreement,omitempty"`
	Metric          string          `json:"metric,omitempty"`
	Number          int             `json:"cycle,omitempty"`
	Stage           Stage           `json:"stage"`
	Verdict         Verdict         `json:"verdict"`
	Priority        string          `json:"priority,omitempty"`
	Calendar        string          `json:"calendar,omitempty"`
	Zone            string          `json:"zone,omitempty"`
	Goal            policy.Duration `json:"goal,omitzero"`
	Promise         policy.Duration `json:"promise,omitzero"`
	Start           time.Time       `json:"start,omitzero"`
	End             time.Time       `json:"end,omitzero"`
	GoalDue         time.Time       `json:"goal_due,omitzero"`
	PromiseDue      time.Time       `json:"promise_due,omitzero"`
	GoalBreached    time.Time       `json:"goal_breached_at,omitzero"`
	PromiseBreached time.Time       `json:"promise_breached_at,omitzero"`
	PausedSince     time.Time       `json:"paused_since,omitzero"`
	Used            string          `json:"used,omitempty"`
	Left            string          `json:"left,omitempty"`
	PromiseLeft     string          `json:"promise_left,omitempty"`
	Line            string          `json:"line"`
}

// MarshalJSON encodes v as
//
//	{"agreement": {"name": "Enterprise", "kind": "sla", "version": "2026-01-01T05:00:00Z"},
//	 "metric": "resolution", "cycle": 1, "stage": "running", "verdict": "at_risk",
//	 "priority": "high", "calendar": "business-us", "zone": "America/New_York",
//	 "goal": "1bd", "promise": "2bd", "start": "2026-03-10T09:05:00-04:00",
//	 "goal_due": "2026-03-11T09:05:00-04:00", "promise_due": "2026-03-12T09:05:00-04:00",
//	 "used": "6h30m0s", "left": "1h30m0s", "promise_left": "9h30m0s",
//	 "line": "breaches in 17h 30m"}
//
// with "end", "goal_breached_at", "promise_breached_at" and
// "paused_since" when they are set. "used", "left" and "promise_left" are
// written for every cycle with a target, zero ("0s") or not, and left out
// for one without.
func (v CycleView) MarshalJSON() ([]byte, error) {
	j := jsonCycleView{Agreement: agreementRef(v.Agreement), Metric: v.Metric, Number: v.Number,
		Stage: v.Stage, Verdict: v.Verdict, Priority: v.Priority, Calendar: v.Calendar, Zone: v.Zone,
		Goal: v.Goal, Promise: v.Promise, Start: v.Start, End: v.End, GoalDue: v.GoalDue, PromiseDue: v.PromiseDue,
		GoalBreached: v.GoalBreached, PromiseBreached: v.PromiseBreached, PausedSince: v.PausedSince, Line: v.Line}
	if v.Calendar != "" {
		j.Used, j.Left, j.PromiseLeft = v.Used.String(), v.Left.String(), v.PromiseLeft.String()
	}
	return json.Marshal(j)
}

type jsonUpcoming struct {
	At        time.Time      `json:"at"`
	Kind      TransitionKind `json:"kind"`
	Agreement *Agreement     `json:"agreement,omitempty"`
	Metric    string         `json:"metric"`
	Cycle     int            `json:"cycle"`
	Warning   string         `json:"warning,omitempty"`
}

// MarshalJSON encodes u as
//
//	{"at": "2026-03-10T13:05:00.000000001-04:00", "kind": "goal_breached",
//	 "agreement": {"name": "Enterprise", "kind": "sla"}, "metric": "resolution", "cycle": 1}
//
// with "warning" for warnings, and the zero Upcoming (none coming) as
// null.
func (u Upcoming) MarshalJSON() ([]byte, error) {
	if u.At.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(jsonUpcoming{At: u.At, Kind: u.Kind, Agreement: agreementRef(u.Agreement),
		Metric: u.Metric, Cycle: u.Cycle, Warning: u.Warning})
}
