package sla

import (
	"fmt"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// TransitionKind is what happened to a metric's cycle. The zero value is
// not a kind.
type TransitionKind uint8

// The kinds of transitions, in the order transitions of one cycle at one
// instant are listed.
const (
	Attached        TransitionKind = iota + 1 // an agreement began to apply to the ticket (Metric empty, Cycle 0)
	Started                                   // a cycle began to be measured
	Resumed                                   // its clock runs again after a pause
	Warning                                   // it used a warning's share of the goal
	GoalBreached                              // it used more than the goal
	PromiseBreached                           // it used more than the promise
	Escalated                                 // it reached an escalation level past the goal
	Paused                                    // its clock stopped counting for a while
	Met                                       // its stop condition held: the cycle is over
	Cancelled                                 // it ended with no verdict
	Detached                                  // the agreement stopped applying (Metric empty, Cycle 0)
)

// name returns the text form of k; "" for an unknown kind.
func (k TransitionKind) name() string {
	switch k {
	case Attached:
		return "attached"
	case Escalated:
		return "escalated"
	case Detached:
		return "detached"
	case Started:
		return "started"
	case Resumed:
		return "resumed"
	case Warning:
		return "warning"
	case GoalBreached:
		return "goal_breached"
	case PromiseBreached:
		return "promise_breached"
	case Paused:
		return "paused"
	case Met:
		return "met"
	case Cancelled:
		return "cancelled"
	}
	return ""
}

func (k TransitionKind) valid() bool { return k >= Attached && k <= Detached }

// String returns "attached", "started", "resumed", "warning",
// "goal_breached", "promise_breached", "escalated", "paused", "met",
// "cancelled" or "detached".
func (k TransitionKind) String() string {
	if k.valid() {
		return k.name()
	}
	return "TransitionKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText returns the String form of k; an unknown kind is an error.
func (k TransitionKind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, &Error{Path: "kind", Value: k.String(), Err: fmt.Errorf("%w: not a transition kind", ErrBadEvent)}
	}
	return []byte(k.name()), nil
}

// UnmarshalText reads the String form of a TransitionKind.
func (k *TransitionKind) UnmarshalText(b []byte) error {
	for x := Attached; x <= Detached; x++ {
		if x.name() == string(b) {
			*k = x
			return nil
		}
	}
	return &Error{Path: "kind", Value: string(b), Err: fmt.Errorf("%w: want one of attached, started, resumed, warning, goal_breached, promise_breached, escalated, paused, met, cancelled, detached", ErrBadEvent)}
}

// Agreement names one agreement a ticket carries: a version of one policy
// of the set (policy.Set.Policy(Name, Version) finds it).
type Agreement struct {
	Name    string      `json:"name"`
	Kind    policy.Kind `json:"kind"`
	Version time.Time   `json:"version,omitzero"` // the version's effective_from; zero: from the beginning
}

// String returns "Enterprise (sla, from 2026-01-01T05:00:00Z)".
func (a Agreement) String() string {
	s := a.Name + " (" + a.Kind.String()
	if !a.Version.IsZero() {
		s += ", from " + a.Version.UTC().Format(time.RFC3339)
	}
	return s + ")"
}

// Transition is one thing that happened to one cycle of one metric of one
// agreement, at the instant At it happened (which may be earlier than the
// event that reported it). Each is emitted exactly once in a ticket's
// life. Its JSON form is
//
//	{"kind": "goal_breached",
//	 "agreement": {"name": "Enterprise", "kind": "sla", "version": "2026-01-01T05:00:00Z"},
//	 "metric": "first_response", "cycle": 1,
//	 "at": "2026-03-02T14:00:00.000000001Z", "priority": "high"}
//
// with "warning" for warnings.
type Transition struct {
	Kind      TransitionKind `json:"kind"`
	Agreement Agreement      `json:"agreement"`
	Metric    string         `json:"metric"`
	// Cycle numbers the metric's cycles from 1.
	Cycle int `json:"cycle"`
	// At is when it happened, in UTC.
	At time.Time `json:"at"`
	// Priority is the priority whose target the cycle was measured
	// against when it happened; empty for none.
	Priority string `json:"priority,omitempty"`
	// Warning is the warning as the policy writes it ("75%", "15m"), for
	// Warning transitions. When several warnings fall on one instant, one
	// transition is emitted, naming the first in the policy's order.
	Warning string `json:"warning,omitempty"`
	// Level is the escalation level, from 1, and Escalation the level as
	// the policy writes it ("150%", "2h"), for Escalated transitions.
	Level      int    `json:"level,omitempty"`
	Escalation string `json:"escalation,omitempty"`
}

// String returns a one-line description, for logs:
// "2026-03-02T14:00:00.000000001Z Enterprise/first_response#1 goal_breached".
func (t Transition) String() string {
	s := t.At.Format(time.RFC3339Nano) + " " + t.Agreement.Name
	if t.Metric != "" {
		s += "/" + t.Metric + "#" + strconv.Itoa(t.Cycle)
	}
	s += " " + t.Kind.String()
	switch {
	case t.Warning != "":
		s += " (" + t.Warning + ")"
	case t.Level > 0:
		s += " " + strconv.Itoa(t.Level) + " (" + t.Escalation + ")"
	}
	return s
}
