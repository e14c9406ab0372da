package sla

import (
	"slices"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
)

// NextDeadline returns when to wake the ticket up: the first whole second
// at or after the earliest instant at which a transition will happen if no
// event but time passing comes first. A Tick at that instant emits at least
// one transition (stamped with the exact instant it happened, which may be
// up to a second earlier); a Tick at any earlier whole second emits none.
// Being a whole second, it survives storage at seconds (a MySQL DATETIME) or
// microseconds (a PostgreSQL timestamptz) exactly, so that an application
// that ticks at the stored instant always gets a transition or a later
// NextDeadline. Only warnings and breaches happen with time alone.
//
// The zero Time means that no transition is coming (every clock is paused,
// over, or past all its thresholds), and is also the answer when set lacks
// the ticket's agreements, which Evaluate reports as ErrUnknownPolicy. It
// costs nothing on a state Evaluate returned with the same set, and a few
// calendar operations per open cycle on one decoded from JSON.
func (s State) NextDeadline(set *policy.Set) time.Time {
	d, err := s.withDeadlines(set)
	if err != nil {
		return time.Time{}
	}
	return ceilSecond(d.nextDue())
}

// ceilSecond returns the first whole second at or after t.
func ceilSecond(t time.Time) time.Time {
	if u := t.Truncate(time.Second); !u.Equal(t) {
		return u.Add(time.Second)
	}
	return t
}

// withDeadlines returns s with the next deadline of every open cycle worked
// out in set, as Evaluate keeps them.
func (s State) withDeadlines(set *policy.Set) (State, error) {
	if s.derived == set || s.created.IsZero() {
		return s, nil
	}
	r := run{set: set, ev: Event{Kind: policy.Tick, At: s.last}, path: "state", index: -1}
	return r.evaluate(s)
}

// Cycle is one cycle of one metric, as [State.Cycles] reports it. Its JSON
// form writes durations as Go durations ("1h30m0s") and instants in RFC
// 3339, leaving out zero values:
//
//	{"agreement": {"name": "Enterprise", "kind": "sla"}, "metric": "first_response",
//	 "number": 1, "stage": "met", "priority": "high", "calendar": "business",
//	 "goal": "2h0m0s", "promise": "4h0m0s", "start": "2026-03-02T14:00:00Z",
//	 "end": "2026-03-02T15:00:00Z", "goal_due": "2026-03-02T16:00:00Z",
//	 "promise_due": "2026-03-02T18:00:00Z", "used": "1h0m0s"}
type Cycle struct {
	Agreement Agreement
	Metric    string
	Number    int // from 1
	Stage     Stage
	// Priority is the priority whose target the cycle is measured against
	// (empty: none), Calendar that target's calendar, Goal and Promise its
	// lengths in business time from the cycle's start. They are empty when
	// the cycle has no target at its priority, and Goal and Promise zero
	// also when the calendar has no answer (no deadline).
	Priority      string
	Calendar      string
	Goal, Promise time.Duration
	// Zone is the time zone the calendar is read in, from the ticket field
	// the target follows; empty for the calendar's own.
	Zone       string
	Start, End time.Time // End is zero while the cycle is open
	// GoalDue and PromiseDue are the instants at which the cycle has used
	// (or, running as it is, will have used) its goal and its promise;
	// zero when it is paused or over short of them. It is breached an
	// instant later.
	GoalDue, PromiseDue time.Time
	// GoalBreached and PromiseBreached are the instants of those
	// transitions; zero when they have not been reported.
	GoalBreached, PromiseBreached time.Time
	// Used is the business time the cycle used, once it is over; zero
	// while it is open (see State.Status).
	Used time.Duration
}

// Cycles returns every cycle of every metric of every agreement, in the
// order they started (cycles that started at one instant in the order of
// their agreements and metrics). A cycle that is over keeps the target and
// due instants it had. It needs set for the targets and calendars; an
// agreement missing from set is an error wrapping ErrUnknownPolicy.
func (s State) Cycles(set *policy.Set) ([]Cycle, error) {
	var out []Cycle
	err := s.eachMetric(set, func(a *agreement, p *policy.Policy, m *metric) {
		m.cycles(func(c *cycle) {
			d, _, _ := describe(a.Agreement, p, m.name, c)
			out = append(out, d)
		})
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Cycle) int { return a.Start.Compare(b.Start) })
	return out, nil
}

// eachMetric calls fn for every metric of every agreement, in order, with
// the agreement's policy version in set; it stops at an agreement missing
// from set and returns the error.
func (s *State) eachMetric(set *policy.Set, fn func(a *agreement, p *policy.Policy, m *metric)) error {
	for i := range s.agreements {
		a := &s.agreements[i]
		p, err := s.policyOf(set, i)
		if err != nil {
			return err
		}
		for k := range a.metrics {
			fn(a, p, &a.metrics[k])
		}
	}
	return nil
}

// policyOf returns the policy version of agreement i in set.
func (s *State) policyOf(set *policy.Set, i int) (*policy.Policy, error) {
	a := &s.agreements[i]
	if a.read != nil && s.derived == set {
		return a.read.pol, nil
	}
	p, err := readAgreement(set, a, i)
	if err != nil {
		return nil, err
	}
	return p.pol, nil
}

// describe reports cycle c of metric name of agreement a, measured in its
// target of p, and returns that target and its calendar in the cycle's
// zone (nil: no target).
func describe(a Agreement, p *policy.Policy, name string, c *cycle) (Cycle, policy.Target, *calendar.Calendar) {
	out := Cycle{Agreement: a, Metric: name, Number: c.n, Stage: c.stage, Priority: c.priority,
		Start: c.start, End: c.end(), GoalBreached: c.goalAt, PromiseBreached: c.promiseAt}
	tg, ok := p.Target(name, c.priority)
	if !ok {
		return out, tg, nil
	}
	cal := calendarIn(tg, c.zone)
	out.Calendar, out.Zone = tg.CalendarName, c.zone
	out.Goal, out.Promise = tg.Goal.Length(cal, c.start), tg.Promise.Length(cal, c.start)
	out.GoalDue, out.PromiseDue = dueOf(c.timer, cal, out.Goal), dueOf(c.timer, cal, out.Promise)
	if !c.isOpen() {
		out.Used = c.timer.Elapsed(cal, out.End)
	}
	return out, tg, cal
}

// dueOf returns when t has used target > 0 business time in cal; zero
// when it does not, or target is zero.
func dueOf(t clock.Timer, cal *calendar.Calendar, target time.Duration) time.Time {
	if target <= 0 {
		return time.Time{}
	}
	due, ok := t.Due(cal, target)
	if !ok {
		return time.Time{}
	}
	return due.UTC()
}

// MetricStatus is where one metric of one agreement of a ticket stands at
// an instant: its latest cycle, measured in business time. Its JSON form is
// that of a Cycle with "used", "left", "promise_left", "fraction",
// "goal_breached" and "promise_breached" (true or left out).
type MetricStatus struct {
	Agreement Agreement
	Metric    string
	// Cycle is the number of the latest cycle, from 1; 0 and StageIdle
	// when the metric has not started (the other fields are then zero, but
	// for Priority, the ticket's).
	Cycle int
	Stage Stage
	// Priority, Calendar, Goal, Promise, GoalDue and PromiseDue are the
	// cycle's, as Cycle reports them.
	Priority            string
	Calendar            string
	Zone                string
	Goal, Promise       time.Duration
	GoalDue, PromiseDue time.Time
	// Used is the business time the cycle has used by the instant asked
	// about (its total, once it is over); Left is Goal minus Used, and
	// PromiseLeft Promise minus Used, negative when overdue. Fraction is
	// Used / Goal (0 when Goal is 0), exact enough to show, not to decide
	// breaches: the flags do that.
	Used, Left, PromiseLeft time.Duration
	Fraction                float64
	// GoalBreached and PromiseBreached say whether the cycle has used more
	// than its goal or promise by the instant asked about.
	GoalBreached, PromiseBreached bool
	Start, End                    time.Time // End is zero while the cycle is open
}

// Status reports every metric of every agreement of the ticket at the
// instant at, agreements in the order they attached and metrics in their
// policy's order. An instant earlier than the last event is read as the
// last event's: the state knows nothing about the past but its cycles'
// spans, and the answer must agree with the transitions already emitted.
//
// Status changes nothing and needs no Tick: a breach that happened since
// the last event shows here before a Tick reports it. It needs set for the
// targets and calendars; an agreement missing from set is an error
// wrapping ErrUnknownPolicy.
func (s State) Status(set *policy.Set, at time.Time) ([]MetricStatus, error) {
	at = latest(at.Round(0).UTC(), s.last)
	var out []MetricStatus
	err := s.eachMetric(set, func(a *agreement, p *policy.Policy, m *metric) {
		out = append(out, s.metricStatus(a.Agreement, p, m, at))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *State) metricStatus(a Agreement, p *policy.Policy, m *metric, at time.Time) MetricStatus {
	ms := MetricStatus{Agreement: a, Metric: m.name, Priority: s.priority}
	c := m.latest()
	if c == nil {
		return ms
	}
	d, _, cal := describe(a, p, m.name, c)
	ms.Cycle, ms.Stage, ms.Priority, ms.Calendar, ms.Zone = d.Number, d.Stage, d.Priority, d.Calendar, d.Zone
	ms.Goal, ms.Promise, ms.GoalDue, ms.PromiseDue, ms.Start, ms.End = d.Goal, d.Promise, d.GoalDue, d.PromiseDue, d.Start, d.End
	ms.GoalBreached, ms.PromiseBreached = !c.goalAt.IsZero(), !c.promiseAt.IsZero() // reported: they stay so
	if d.Calendar == "" {
		return ms // no target now: nothing measured
	}
	ms.Used = d.Used
	if c.isOpen() {
		ms.Used = c.timer.Elapsed(cal, at)
	}
	ms.Left, ms.PromiseLeft = ms.Goal-ms.Used, ms.Promise-ms.Used
	if ms.Goal > 0 {
		ms.Fraction = float64(ms.Used) / float64(ms.Goal)
	}
	ms.GoalBreached = ms.GoalBreached || c.isOpen() && ms.Goal > 0 && ms.Used > ms.Goal
	ms.PromiseBreached = ms.PromiseBreached || c.isOpen() && ms.Promise > 0 && ms.Used > ms.Promise
	return ms
}
