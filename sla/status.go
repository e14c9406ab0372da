package sla

import (
	"fmt"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// MetricStatus is where one metric of a ticket stands at an instant: its
// latest cycle, measured in business time.
type MetricStatus struct {
	Metric string
	// Cycle is the number of the latest cycle, from 1; 0 and StageIdle
	// when the metric has not started (the other fields are then zero,
	// but for Priority).
	Cycle int
	Stage Stage
	// Priority is the priority whose target the cycle is measured against
	// (for an idle metric, the ticket's), Calendar that target's calendar,
	// Goal and Promise its lengths in business time.
	Priority      string
	Calendar      string
	Goal, Promise time.Duration
	// GoalDue and PromiseDue are the instants at which the cycle has used
	// its goal and its promise: in the past when it has, in the future
	// when it runs and will if nothing changes. They are zero when the
	// cycle is paused or over short of them: nothing is due then. The
	// cycle is breached once it has used more than the goal, an instant
	// after GoalDue.
	GoalDue, PromiseDue time.Time
	// Used is the business time the cycle has used by the instant asked
	// about (its total, once it is over); Left is Goal minus Used, and
	// PromiseLeft Promise minus Used, negative when overdue. Fraction is
	// Used / Goal (0 when Goal is 0), exact enough to show, not to decide
	// breaches: the flags do that.
	Used, Left, PromiseLeft time.Duration
	Fraction                float64
	// GoalBreached and PromiseBreached say whether the cycle has used
	// more than its goal or promise, by the instant asked about.
	GoalBreached, PromiseBreached bool
	Start, End                    time.Time // End is zero until the cycle is over
}

// Status reports every metric of the ticket's policy at the instant at, in
// the policy's order: stage, target, due instants, business time used and
// left, and breaches. It needs set for the calendars the cycles are
// measured in. An instant earlier than the last event is read as the last
// event's: the state knows nothing about the past but its cycles' spans,
// and the answer must agree with the transitions already emitted.
//
// Status changes nothing and needs no Tick: a breach that happened since
// the last event shows here before a Tick reports it. A ticket with no
// policy has no metrics; a calendar missing from set is an error wrapping
// ErrUnknownPolicy.
func (s State) Status(set *policy.Set, at time.Time) ([]MetricStatus, error) {
	at = at.Round(0).UTC()
	if at.Before(s.last) {
		at = s.last
	}
	out := make([]MetricStatus, s.numMetrics())
	for i := range s.numMetrics() {
		m := *s.metric(i) // a copy: reading its clock fills caches, and s is shared
		ms := MetricStatus{Metric: m.name, Priority: s.priority}
		if !m.started() {
			out[i] = ms
			continue
		}
		c := &m.cyc
		cal, ok := set.Calendar(c.calendar)
		if !ok {
			return nil, fmt.Errorf("sla: status of %s: %w: no calendar %q", m.name, ErrUnknownPolicy, c.calendar)
		}
		ms.Cycle, ms.Stage, ms.Priority, ms.Calendar = int(c.n), c.stage, c.priority, c.calendar
		ms.Goal, ms.Promise, ms.Start, ms.End = c.goal, c.promise, c.start.Time(), c.end.Time()
		if c.open() {
			ms.Used = m.elapsedAt(cal, at)
		} else {
			ms.Used = c.used
		}
		ms.Left, ms.PromiseLeft = c.goal-ms.Used, c.promise-ms.Used
		if c.goal > 0 {
			ms.Fraction = float64(ms.Used) / float64(c.goal)
			if due, ok := m.due(cal, c.goal); ok {
				ms.GoalDue = due.UTC()
			}
		}
		if c.promise > 0 {
			if due, ok := m.due(cal, c.promise); ok {
				ms.PromiseDue = due.UTC()
			}
		}
		ms.GoalBreached = !c.goalAt.IsZero() || c.open() && c.goal > 0 && ms.Used > c.goal
		ms.PromiseBreached = !c.promiseAt.IsZero() || c.open() && c.promise > 0 && ms.Used > c.promise
		out[i] = ms
	}
	return out, nil
}
