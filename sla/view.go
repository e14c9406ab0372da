package sla

import (
	"strconv"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

// Verdict is how a cycle stands against its target, in the words a
// helpdesk shows on a ticket's SLA badge. The zero Verdict is
// VerdictNotStarted.
//
// The verdicts of a cycle with a target are decided in this order: a
// broken promise first (it stays broken however the cycle ends), then how
// a cycle that is over ended, then the goal, then a pause, then warnings.
type Verdict uint8

// The verdicts.
const (
	VerdictNotStarted    Verdict = iota // the metric has no cycle yet
	VerdictNotMeasured                  // no target at the cycle's priority, and no breach while it had one
	VerdictOnTrack                      // running, short of every warning of its target
	VerdictAtRisk                       // running, at or past a warning threshold, within its goal
	VerdictPaused                       // paused within its goal
	VerdictGoalMissed                   // open, past its goal, within its promise
	VerdictPromiseBroken                // past its promise: open, met or cancelled
	VerdictMetInTime                    // met within its goal
	VerdictMetLate                      // met past its goal, within its promise
	VerdictCancelled                    // cancelled within its promise: no verdict on the goal
)

var verdictNames = [...]struct{ text, code string }{
	VerdictNotStarted:    {"not started", "not_started"},
	VerdictNotMeasured:   {"not measured", "not_measured"},
	VerdictOnTrack:       {"on track", "on_track"},
	VerdictAtRisk:        {"at risk", "at_risk"},
	VerdictPaused:        {"paused", "paused"},
	VerdictGoalMissed:    {"goal missed", "goal_missed"},
	VerdictPromiseBroken: {"promise broken", "promise_broken"},
	VerdictMetInTime:     {"met in time", "met_in_time"},
	VerdictMetLate:       {"met late", "met_late"},
	VerdictCancelled:     {"cancelled", "cancelled"},
}

func (v Verdict) valid() bool { return int(v) < len(verdictNames) }

// String returns the verdict in English, as a person reads it: "not
// started", "not measured", "on track", "at risk", "paused", "goal
// missed", "promise broken", "met in time", "met late" or "cancelled".
func (v Verdict) String() string {
	if v.valid() {
		return verdictNames[v].text
	}
	return "Verdict(" + strconv.Itoa(int(v)) + ")"
}

// MarshalText returns the verdict's code, its String form with
// underscores for spaces ("at_risk"), for JSON; an unknown Verdict is an
// error.
func (v Verdict) MarshalText() ([]byte, error) {
	if !v.valid() {
		return nil, &Error{Path: "verdict", Value: v.String(), Err: ErrBadState}
	}
	return []byte(verdictNames[v].code), nil
}

// UnmarshalText reads a verdict's code, as MarshalText writes it.
func (v *Verdict) UnmarshalText(b []byte) error {
	for x := range verdictNames {
		if verdictNames[x].code == string(b) {
			*v = Verdict(x)
			return nil
		}
	}
	return &Error{Path: "verdict", Value: string(b), Err: errWant(ErrBadState,
		"not_started, not_measured, on_track, at_risk, paused, goal_missed, promise_broken, met_in_time, met_late, cancelled")}
}

// CycleView is one cycle of one metric as a person reads it at an instant:
// its target as the policy writes it, a verdict, its due instants in the
// calendar's zone, the business time it used and has left, and a short
// English line. [State.View] gives one per metric, [State.Timeline] one
// per cycle.
//
// Instants are in the time zone of the cycle's calendar (Zone); in UTC for
// a cycle without a target. Durations are business time, measured in that
// calendar. The figures are those [State.Status] and [State.Cycles]
// report, and a breach shows as soon as it happened, before a Tick reports
// it. (A cycle whose priority lost its target after a breach keeps that
// breach, as Cycles and Status do.)
type CycleView struct {
	Agreement Agreement
	Metric    string
	// Number is the cycle's number, from 1; 0 (and StageIdle,
	// VerdictNotStarted) when the metric has no cycle yet.
	Number  int
	Stage   Stage
	Verdict Verdict
	// Priority is the priority whose target the cycle is measured against
	// (the ticket's, for a metric not started); empty for none.
	Priority string
	// Calendar names the target's calendar and Zone its IANA time zone;
	// Goal and Promise are the target's lengths as the policy writes them
	// ("4h", "3bd": policy.Duration's String). All are zero when the cycle
	// has no target at its priority.
	Calendar, Zone string
	Goal, Promise  policy.Duration
	Start, End     time.Time // End is zero while the cycle is open
	// GoalDue and PromiseDue are when the cycle has used (or, running as
	// it is, will have used) its goal and promise; zero when it is paused
	// or over short of them. It is breached an instant later.
	GoalDue, PromiseDue time.Time
	// GoalBreached and PromiseBreached are the instants the cycle used
	// more than its goal and promise, as the transitions are stamped;
	// zero when it has not by the instant viewed. A cycle without a
	// target keeps those it reported while it had one.
	GoalBreached, PromiseBreached time.Time
	// PausedSince is when the cycle paused, while it is paused.
	PausedSince time.Time
	// Used is the business time used by the instant viewed (by its end,
	// for a cycle that is over); Left is Goal's length minus Used, and
	// PromiseLeft Promise's, negative when overdue. Zero without a target.
	Used, Left, PromiseLeft time.Duration
	// Line says in a few English words where the cycle stands: "breaches
	// in 1h 20m", "paused since Tue 14:05 EST", "promise broken 25 min
	// ago", "met with 15 min to spare". See [State.View] for its rules.
	Line string
}

// Upcoming is a transition that will happen with time alone if no event
// comes first: the next breach or the next warning of a ticket.
type Upcoming struct {
	// At is the instant it will happen, as its Transition will be
	// stamped, in the zone of the cycle's calendar; zero: none is coming.
	At        time.Time
	Kind      TransitionKind // GoalBreached or PromiseBreached; Warning
	Agreement Agreement
	Metric    string
	Cycle     int
	// Warning is the warning as the policy writes it ("75%", "15m"), for
	// warnings.
	Warning string
}

// View is a ticket's SLA at an instant, as a person reads it: every
// metric of every agreement, and what will happen next. Its JSON form is
//
//	{"at": "2026-03-10T16:00:00Z", "metrics": [CycleView...],
//	 "next_breach": Upcoming, "next_warning": Upcoming}
//
// leaving out "next_breach" and "next_warning" when none is coming.
type View struct {
	// At is the instant viewed, in UTC: the one asked about, or the last
	// event's when that is later.
	At time.Time `json:"at"`
	// Metrics holds the latest cycle of every metric of every agreement,
	// agreements in the order they attached and metrics in their policy's
	// order, as State.Status lists them; a metric not started has Number 0.
	Metrics []CycleView `json:"metrics"`
	// NextBreach is the first goal or promise breach to come after At, and
	// NextWarning the first warning; zero when none is coming (every clock
	// is paused, over, or past them). The earlier of the two, rounded up
	// to a whole second, is State.NextDeadline when At is the last event.
	NextBreach  Upcoming `json:"next_breach,omitzero"`
	NextWarning Upcoming `json:"next_warning,omitzero"`
}

// View reports where the ticket's SLA stands at the instant at, for
// people: per metric of each agreement, its latest cycle's verdict,
// target as written, due instants, business time used and left and a
// short line, and the next breach and the next warning to come. Like
// [State.Status], it reads an instant earlier than the last event as the
// last event's, changes nothing, and needs set for the targets and
// calendars (an agreement missing from set is an error wrapping
// ErrUnknownPolicy). It is deterministic: nothing depends on the wall
// clock or the host's zone.
//
// # The line
//
// A line is a few lowercase English words. Durations in it are of two
// kinds, and the words say which:
//
//   - "in 1h 20m", "25 min ago", "since Tue 14:05 EST" are clock time: what
//     a wall clock shows passing between the instant viewed and another,
//     each read to its whole second (a breach stamped a nanosecond after
//     11:00 is "25 min ago" at 11:25).
//   - "left", "to spare", "over the goal", "over the promise" are business
//     time: the target's budget, counted in its calendar.
//
// Durations are cut down to the minute ("1h 20m", "2h", "25 min"), below
// a minute to the second ("40s"); below a second, clock time reads "now"
// or "just now" and business time "under 1s". An instant 24 hours or more
// from the instant viewed is written as the instant, in the calendar's
// zone with its abbreviation (which also tells apart the two 01:30 of a
// fall-back night): "Thu 09:15 EDT" within six days, else "Mar 20 09:15
// EDT", with the year when it is not the year viewed.
//
// The lines, by verdict. The breach to come is the instant the cycle will
// have used more than its goal, or its promise once the goal is missed;
// for a goal due at a day's close, that is the next opening.
//
//	not started     not started
//	not measured    not measured: no target at priority low | not measured: no priority
//	on track        breaches in 1h 20m | breaches Thu 09:15 EDT | breaches now | no deadline
//	at risk         as on track
//	paused          paused since Tue 14:05 EST
//	goal missed     goal missed 25 min ago[, promise breaks in 35 min][, paused since Tue 14:05 EST]
//	promise broken  promise broken 25 min ago[, paused since Tue 14:05 EST]  (open)
//	                met 20 min over the promise | cancelled 20 min over the promise  (over)
//	met in time     met with 15 min to spare | met with no time to spare
//	met late        met 40 min over the goal
//	cancelled       cancelled
//
// A cycle whose priority has no target, but that breached while it had
// one, keeps the verdict of its breach, and its line says when it
// happened: "promise broken 2h ago", "goal missed Mon 11:00 EST", "met
// late, goal missed 3h ago".
func (s State) View(set *policy.Set, at time.Time) (View, error) {
	at = latest(at.Round(0).UTC(), s.last)
	v := View{At: at, Metrics: make([]CycleView, 0, s.metricCount())}
	err := s.eachMetric(set, func(a *agreement, p *policy.Policy, m *metric) {
		c := m.latest()
		if c == nil {
			v.Metrics = append(v.Metrics, CycleView{Agreement: a.Agreement, Metric: m.name, Priority: s.priority,
				Verdict: VerdictNotStarted, Line: "not started"})
			return
		}
		r := read(a.Agreement, p, m.name, c, at)
		v.Metrics = append(v.Metrics, r.view)
		r.upcoming(&v)
	})
	if err != nil {
		return View{}, err
	}
	return v, nil
}

// metricCount returns how many metrics the ticket's agreements have.
func (s *State) metricCount() int {
	n := 0
	for i := range s.agreements {
		n += len(s.agreements[i].metrics)
	}
	return n
}

// reading is one cycle as the view and the timeline read it at an
// instant: its view, and what they need of its target and clock.
type reading struct {
	view CycleView
	c    *cycle
	at   time.Time
	cal  *calendar.Calendar // nil: no target
	goal time.Duration      // lengths in business time from the start
	prom time.Duration
	ths  []threshold
	zone *time.Location
	next time.Time      // the cycle's next breach after at; zero: none
	kind TransitionKind // next's: GoalBreached or PromiseBreached
}

// read reads cycle c of metric name of agreement a, measured in its
// target of p, at the instant at (at or after the state's last event).
func read(a Agreement, p *policy.Policy, name string, c *cycle, at time.Time) reading {
	d, tg, cal := describe(a, p, name, c)
	r := reading{c: c, at: at, cal: cal, zone: time.UTC}
	v := &r.view
	*v = CycleView{Agreement: a, Metric: name, Number: d.Number, Stage: d.Stage, Priority: d.Priority,
		Start: d.Start, End: d.End}
	open := c.isOpen()
	if cal != nil {
		r.goal, r.prom, r.zone = d.Goal, d.Promise, cal.Location()
		v.Calendar, v.Zone, v.Goal, v.Promise = d.Calendar, r.zone.String(), tg.Goal, tg.Promise
		v.GoalDue, v.PromiseDue = d.GoalDue, d.PromiseDue
		v.Used = d.Used
		if open {
			v.Used = c.timer.Elapsed(cal, at)
		}
		v.Left, v.PromiseLeft = r.goal-v.Used, r.prom-v.Used
		if r.goal > 0 && open {
			r.ths = thresholds(&tg, r.goal)
		}
	}
	// Without a target, goal and prom are zero: nothing is measured, and
	// what the cycle breached while it had one stays reported.
	v.GoalBreached = r.breach(c.goalAt, r.goal)
	v.PromiseBreached = r.breach(c.promiseAt, r.prom)
	r.pausedSince()
	v.Verdict = r.verdict()
	r.next, r.kind = r.nextBreach()
	r.localize()
	v.Line = r.line()
	return r
}

// breach returns the instant the cycle used more than length: the one
// reported, or, for an open cycle that has by the instant viewed, the one
// a Tick would report. (One not reported came after the last event, and
// so after the current target applied: a priority change reports at once
// what its new target has passed.)
func (r *reading) breach(reported time.Time, length time.Duration) time.Time {
	c := r.c
	if !reported.IsZero() || !c.isOpen() || length <= 0 || r.view.Used <= length {
		return reported
	}
	return dueOf(c.timer, r.cal, length+1)
}

func (r *reading) pausedSince() {
	if r.c.stage == StagePaused {
		r.view.PausedSince = r.c.timer.Since()
	}
}

func (r *reading) verdict() Verdict {
	v := &r.view
	switch {
	case !v.PromiseBreached.IsZero():
		return VerdictPromiseBroken
	case r.cal == nil && v.GoalBreached.IsZero():
		return VerdictNotMeasured
	case v.Stage == StageMet && !v.GoalBreached.IsZero():
		return VerdictMetLate
	case v.Stage == StageMet:
		return VerdictMetInTime
	case v.Stage == StageCancelled:
		return VerdictCancelled
	case !v.GoalBreached.IsZero():
		return VerdictGoalMissed
	case v.Stage == StagePaused:
		return VerdictPaused
	case len(r.ths) > 0 && v.Used >= r.ths[0].d:
		return VerdictAtRisk
	}
	return VerdictOnTrack
}

// nextBreach returns the instant of the cycle's next breach after the
// instant viewed, as a Tick will stamp it: of its goal, or of its promise
// once the goal is breached, and which; zero when none is coming.
func (r *reading) nextBreach() (time.Time, TransitionKind) {
	v := &r.view
	switch {
	case r.c.stage != StageRunning || r.c.silent:
		return time.Time{}, 0
	case r.goal > 0 && v.GoalBreached.IsZero():
		return r.dueAfter(r.goal + 1), GoalBreached
	case r.prom > 0 && v.PromiseBreached.IsZero():
		return r.dueAfter(r.prom + 1), PromiseBreached
	}
	return time.Time{}, 0
}

// dueAfter returns when the running cycle will have used d, if that is
// after the instant viewed and an instant Evaluate records; else zero.
func (r *reading) dueAfter(d time.Duration) time.Time {
	due, ok := r.c.timer.Due(r.cal, d)
	if !ok || !recordable(due) || !due.After(r.at) {
		return time.Time{}
	}
	return due.UTC()
}

// upcoming offers the cycle's next breach and next warning to v, which
// keeps the earliest of each (the first offered, on a tie).
func (r *reading) upcoming(v *View) {
	mk := func(at time.Time, kind TransitionKind, warning string) Upcoming {
		return Upcoming{At: at.In(r.zone), Kind: kind, Agreement: r.view.Agreement, Metric: r.view.Metric,
			Cycle: r.view.Number, Warning: warning}
	}
	if b := r.next; !b.IsZero() && (v.NextBreach.At.IsZero() || b.Before(v.NextBreach.At)) {
		v.NextBreach = mk(b, r.kind, "")
	}
	if r.c.stage != StageRunning || r.c.silent || !r.view.GoalBreached.IsZero() {
		return
	}
	for _, th := range r.ths {
		w := r.dueAfter(th.d)
		if w.IsZero() {
			continue
		}
		if v.NextWarning.At.IsZero() || w.Before(v.NextWarning.At) {
			v.NextWarning = mk(w, Warning, th.w.String())
		}
		return
	}
}

// localize puts the view's instants in the zone of its calendar.
func (r *reading) localize() {
	v := &r.view
	for _, t := range []*time.Time{&v.Start, &v.End, &v.GoalDue, &v.PromiseDue, &v.GoalBreached, &v.PromiseBreached, &v.PausedSince} {
		if !t.IsZero() {
			*t = t.In(r.zone)
		}
	}
}
