package sla

import (
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/internal/share"
	"github.com/slaclock/slaclock/policy"
)

// State is everything slaclock knows about one ticket: when it was created,
// its status category and priority, the agreements it carries, and for
// every metric of each agreement its cycles, their clocks and what they
// have reported. It is a value: Evaluate returns a new State and never
// changes the one it is given, and both stay usable.
//
// The zero State is a ticket not yet created. Store a State with its
// ticket in its JSON form (see [State.MarshalJSON]). Compare states with
// [State.Equal] (go-cmp calls it), not ==. A State is safe for concurrent
// use: its methods only read it, and Evaluate on copies of one State from
// several goroutines is safe.
type State struct {
	created, last time.Time // UTC; zero until created
	priority      string    // empty: none
	category      policy.Category
	byAgent       bool
	fields        policy.Fields            // as the last event that carried fields gave them; never written once shared
	history       share.List[statusChange] // the category at creation and at every change since
	agreements    []agreement              // in the order they first attached; never written once shared
	ids           []string                 // IDs of the last events applied, oldest first; never written once shared

	// derived is the set with which Evaluate worked out the cycles' next
	// deadlines (cycle.next); nil when they are not known, as in a state
	// decoded from JSON. Not part of the JSON form, nor of Equal.
	derived *policy.Set
}

// rememberedIDs is how many event IDs a state keeps; maxIDLength bounds
// one.
const (
	rememberedIDs = 16
	maxIDLength   = 128
)

// statusChange is the ticket entering a status category.
type statusChange struct {
	at       time.Time
	category policy.Category
}

// agreement is one agreement the ticket carries or carried, and its metrics
// in the order of its policy version's Metrics.
type agreement struct {
	Agreement
	// attached is when it last attached (the creation, or a fields
	// change), detached when it then detached: zero while it applies.
	attached, detached time.Time
	metrics            []metric // never written once shared
	// read is what Evaluate read of the agreement's policy version in
	// State.derived; nil when not known. Never written once made; not part
	// of the JSON form, nor of Equal.
	read *ruled
}

// metric is one metric of an agreement: the cycles that are over, and the
// open one.
type metric struct {
	name   string
	closed share.List[cycle] // oldest first
	open   *cycle            // nil: no cycle is open; never written once shared
}

// cycle is one cycle of one metric: its clock, the target it is measured
// against, and what it has reported.
type cycle struct {
	n     int // the metric's cycle number, from 1; 0: none
	stage Stage
	timer clock.Timer // this cycle only: its spans
	start time.Time
	// priority is the priority whose target the cycle is measured against
	// (empty: none), since the instant that target took effect: the start,
	// or the priority change that recomputed it.
	priority string
	since    time.Time
	// What the cycle has reported. silent: nothing yet, as it has never
	// had a target (no Started). warned counts the current target's
	// warning thresholds passed, lastWarning is the instant of the last
	// warning emitted, goalAt and promiseAt the instants of the breaches.
	silent                         bool
	warned                         int
	lastWarning, goalAt, promiseAt time.Time
	// escalated has bit l-1 set when escalation level l was reported.
	escalated uint32
	// zone is the time zone its target's calendar is read in, from the
	// ticket field the target names; empty for the calendar's own.
	zone string

	// next is the instant of the cycle's next time-driven transition, and
	// target its target at its priority, as Evaluate worked them out with
	// State.derived; zero and nil when not known. Not part of the JSON
	// form, nor of Equal.
	next   time.Time
	target *measure
}

// measure is what Evaluate read of a cycle's target at its priority: its
// calendar in the cycle's zone, its goal and promise in business time from
// the cycle's start, its warning thresholds and escalation levels; ok is
// false when there is no target. Never written once made.
type measure struct {
	cal           *calendar.Calendar // the target's calendar in the cycle's zone
	goal, promise time.Duration
	ths           []threshold
	escs          []level
	ok            bool
}

func (c *cycle) isOpen() bool { return c.stage == StageRunning || c.stage == StagePaused }

// end returns the instant the cycle ended; zero while it is open.
func (c *cycle) end() time.Time {
	if c.isOpen() {
		return time.Time{}
	}
	return c.timer.Since()
}

// latest returns the metric's latest cycle, open or over; nil before the
// first.
func (m *metric) latest() *cycle {
	if m.open != nil {
		return m.open
	}
	if n := m.closed.Len(); n > 0 {
		c := m.closed.At(n - 1)
		return &c
	}
	return nil
}

// cycles calls f for every cycle of the metric, oldest first.
func (m *metric) cycles(f func(c *cycle)) {
	for _, c := range m.closed.Items() {
		f(&c)
	}
	if m.open != nil {
		f(m.open)
	}
}

// Stage is where a metric's cycle is. The zero Stage is StageIdle.
type Stage uint8

// The stages of a cycle.
const (
	StageIdle      Stage = iota // no cycle yet
	StageRunning                // counting business time
	StagePaused                 // not counting, waiting to resume
	StageMet                    // over: its stop condition held
	StageCancelled              // over with no verdict: a cancel condition, a restart, a detach or the ticket closing
)

// name returns the text form of s; "" for an unknown Stage.
func (s Stage) name() string {
	switch s {
	case StageIdle:
		return "idle"
	case StageRunning:
		return "running"
	case StagePaused:
		return "paused"
	case StageMet:
		return "met"
	case StageCancelled:
		return "cancelled"
	}
	return ""
}

// String returns "idle", "running", "paused", "met" or "cancelled".
func (s Stage) String() string {
	if n := s.name(); n != "" {
		return n
	}
	return "Stage(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText returns the String form of s; an unknown Stage is an error.
func (s Stage) MarshalText() ([]byte, error) {
	if s.name() == "" {
		return nil, &Error{Path: "stage", Value: s.String(), Err: ErrBadState}
	}
	return []byte(s.name()), nil
}

// UnmarshalText reads the String form of a Stage.
func (s *Stage) UnmarshalText(b []byte) error {
	for x := StageIdle; x <= StageCancelled; x++ {
		if x.name() == string(b) {
			*s = x
			return nil
		}
	}
	return &Error{Path: "stage", Value: string(b), Err: errWant(ErrBadState, "idle, running, paused, met, cancelled")}
}

// Created returns the instant the ticket was created, in UTC; the zero
// Time before.
func (s State) Created() time.Time { return s.created }

// Last returns the instant of the last event Evaluate applied, in UTC (a
// Tick counts as applied at the instant of the last transition it
// emitted). An event earlier than it is refused; a Tick earlier than it
// changes nothing.
func (s State) Last() time.Time { return s.last }

// Priority returns the ticket's priority; empty for none.
func (s State) Priority() string { return s.priority }

// Category returns the category of the ticket's status; the zero Category
// before it is created.
func (s State) Category() policy.Category { return s.category }

// Agreements returns the agreements the ticket carries now, in the order
// they first attached: at most one of each kind.
func (s State) Agreements() []Agreement {
	var out []Agreement
	for i := range s.agreements {
		if s.agreements[i].detached.IsZero() {
			out = append(out, s.agreements[i].Agreement)
		}
	}
	return out
}

// Attachment is an agreement a ticket carries or carried: when it last
// attached, and when it then detached (zero while it applies).
type Attachment struct {
	Agreement          Agreement
	Attached, Detached time.Time
}

// Attachments returns every agreement the ticket has carried, in the order
// they first attached, with when they attached and detached. An agreement
// that detaches keeps its cycles, and what they reported stays reported.
func (s State) Attachments() []Attachment {
	out := make([]Attachment, len(s.agreements))
	for i, a := range s.agreements {
		out[i] = Attachment{a.Agreement, a.attached, a.detached}
	}
	return out
}

// Fields returns the ticket's fields, as the last event that carried them
// (Created, FieldsChanged) gave them. The maps and slices are copies.
func (s State) Fields() policy.Fields {
	return policy.Fields{Attributes: maps.Clone(s.fields.Attributes), Tags: slices.Clone(s.fields.Tags)}
}

// Equal reports whether s and u hold the same ticket: the same instants,
// status, priority, agreements, cycles with the same spans and the same
// transitions reported, and the same event IDs remembered. Two equal
// states behave the same and have the same JSON form. Use it, not ==,
// which compares memory; go-cmp calls it.
func (s State) Equal(u State) bool {
	if !s.created.Equal(u.created) || !s.last.Equal(u.last) || s.priority != u.priority ||
		s.category != u.category || s.byAgent != u.byAgent || !slices.Equal(s.ids, u.ids) ||
		!fieldsEqual(s.fields, u.fields) || len(s.agreements) != len(u.agreements) ||
		!slices.EqualFunc(s.history.Items(), u.history.Items(), func(a, b statusChange) bool { return a.at.Equal(b.at) && a.category == b.category }) {
		return false
	}
	for i := range s.agreements {
		if !s.agreements[i].equal(&u.agreements[i]) {
			return false
		}
	}
	return true
}

func (a *agreement) equal(b *agreement) bool {
	if a.Name != b.Name || a.Kind != b.Kind || !a.Version.Equal(b.Version) || len(a.metrics) != len(b.metrics) ||
		!a.attached.Equal(b.attached) || !a.detached.Equal(b.detached) {
		return false
	}
	for i := range a.metrics {
		m, n := &a.metrics[i], &b.metrics[i]
		if m.name != n.name || m.closed.Len() != n.closed.Len() || (m.open == nil) != (n.open == nil) ||
			m.open != nil && !m.open.equal(n.open) {
			return false
		}
		for k, c := range m.closed.Items() {
			if d := n.closed.At(k); !c.equal(&d) {
				return false
			}
		}
	}
	return true
}

func (c *cycle) equal(d *cycle) bool {
	return c.n == d.n && c.stage == d.stage && c.timer.Equal(d.timer) && c.start.Equal(d.start) &&
		c.priority == d.priority && c.since.Equal(d.since) && c.silent == d.silent && c.warned == d.warned &&
		c.lastWarning.Equal(d.lastWarning) && c.goalAt.Equal(d.goalAt) && c.promiseAt.Equal(d.promiseAt) &&
		c.escalated == d.escalated && c.zone == d.zone
}

func fieldsEqual(a, b policy.Fields) bool {
	return maps.Equal(a.Attributes, b.Attributes) && slices.Equal(a.Tags, b.Tags)
}
