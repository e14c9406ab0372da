package sla

import (
	"cmp"
	"fmt"
	"strconv"
	"time"
)

// TransitionKind is what happened to a metric's cycle. The zero value is
// not a kind.
type TransitionKind uint8

// The kinds of transitions, in the order transitions of one cycle at one
// instant are listed.
const (
	Started         TransitionKind = iota + 1 // a cycle began
	Resumed                                   // its clock runs again after a pause
	Warning                                   // it used a warning's share of the goal
	GoalBreached                              // it used more than the goal
	PromiseBreached                           // it used more than the promise
	Paused                                    // its clock stopped counting for a while
	Met                                       // its stop condition held: the cycle is over
	Cancelled                                 // it ended with no verdict
)

// name returns the text form of k; "" for an unknown kind.
func (k TransitionKind) name() string {
	switch k {
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

func (k TransitionKind) valid() bool { return k >= Started && k <= Cancelled }

// String returns "started", "resumed", "warning", "goal_breached",
// "promise_breached", "paused", "met" or "cancelled".
func (k TransitionKind) String() string {
	if k.valid() {
		return k.name()
	}
	return "TransitionKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText returns the String form of k; an unknown kind is an error.
func (k TransitionKind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, fmt.Errorf("sla: cannot encode %s", k)
	}
	return []byte(k.name()), nil
}

// UnmarshalText reads the String form of a TransitionKind.
func (k *TransitionKind) UnmarshalText(b []byte) error {
	for x := Started; x <= Cancelled; x++ {
		if x.name() == string(b) {
			*k = x
			return nil
		}
	}
	return fmt.Errorf("sla: %q: unknown transition kind", b)
}

// Transition is one thing that happened to one cycle of one metric, at the
// instant At it happened (which may be earlier than the event that
// reported it). Each is emitted exactly once in a ticket's life. Its JSON
// form is
//
//	{"kind": "goal_breached", "metric": "first_response", "cycle": 1,
//	 "at": "2026-03-02T14:00:00.000000001Z", "priority": "high"}
//
// with "warning" for warnings.
type Transition struct {
	Kind   TransitionKind `json:"kind"`
	Metric string         `json:"metric"`
	// Cycle numbers the metric's cycles from 1.
	Cycle int `json:"cycle"`
	// At is when it happened, in UTC.
	At time.Time `json:"at"`
	// Priority is the priority whose target the cycle was measured
	// against when it happened.
	Priority string `json:"priority"`
	// Warning is the warning as the policy writes it ("75%", "15m"), for
	// Warning transitions. When several warnings fall on one instant, one
	// transition is emitted, naming the first in the policy's order.
	Warning string `json:"warning,omitempty"`
}

// String returns a one-line description, for logs.
func (t Transition) String() string {
	s := t.At.Format(time.RFC3339Nano) + " " + t.Metric + "#" + strconv.Itoa(t.Cycle) + " " + t.Kind.String()
	if t.Warning != "" {
		s += " (" + t.Warning + ")"
	}
	return s
}

// compareTransitions orders transitions by instant, then by the metric's
// position in the policy (pos), then by cycle, then by kind.
func compareTransitions(a, b Transition, pos func(string) int) int {
	if c := a.At.Compare(b.At); c != 0 {
		return c
	}
	if a.Metric != b.Metric {
		return cmp.Compare(pos(a.Metric), pos(b.Metric))
	}
	return cmp.Or(cmp.Compare(a.Cycle, b.Cycle), cmp.Compare(a.Kind, b.Kind))
}
