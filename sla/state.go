package sla

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

// State is everything slaclock knows about one ticket: the policy version
// chosen when it was created, its priority and status category, and for
// every metric of that policy its cycles and what they have reported. It
// is a value: Evaluate returns a new State and never changes the one it is
// given. Store it with the ticket in its JSON form (see State.MarshalJSON).
//
// The zero State is a ticket not yet created. A State is safe for
// concurrent reads; the values its methods return are copies. Two states
// with the same JSON form behave the same: compare them that way, not with
// reflect.DeepEqual (in memory, a State also keeps what Evaluate last read
// of its policy and business time it measured, which its JSON form leaves
// out).
type State struct {
	created, last time.Time // UTC; zero until created
	hasPolicy     bool
	policy        string    // the policy's name
	version       time.Time // its version's effective_from; zero: from the beginning
	kind          policy.Kind
	priority      string
	category      policy.Category
	byAgent       bool
	// The metrics, in the policy's order: nm of them, the first
	// maxInline in ms, in the State value itself, so that an event that
	// changes a metric need not copy a slice of them; the others in more.
	// A metric, once in a State, is never changed: an event that changes
	// one copies that metric alone (see run.mut), and the others stay
	// shared with the state it was applied to, so that an event costs a
	// copy of what it changed, not of every metric.
	nm   int
	ms   [maxInline]*metric
	more []*metric
	// closed is every cycle that is over, the last one added first (an
	// event adds them as they end, UnmarshalJSON in the order they
	// started): a list whose nodes are never written once made, so that
	// successor states share it and an event that ends a cycle adds one
	// node. Open cycles live in their metric.
	closed *closedCycle

	// rules is what Evaluate read of the policy for this state; not part
	// of the JSON form, never changed once made, and shared by the states
	// Evaluate derives from this one. See rules.
	rules *rules
}

// metric is the state of one metric of the ticket's policy: its latest
// cycle and the clock that measures it.
//
// The clock is kept here rather than in a clock.Timer, whose spans hold
// time.Time values and whose transitions allocate: an event that changes
// a metric copies it (see run.mut), and a small metric without pointers in
// its spans is cheap to copy and to collect. The JSON form of a State
// writes and reads the clock in clock.Timer's form.
type metric struct {
	name string
	// cyc is its latest cycle, open or over (then also in State.closed);
	// cyc.n is 0 before the first. Its stage says what the clock does:
	// running, paused, or stopped (met or cancelled).
	cyc cycle
	// since is the instant of the clock's last transition: the start of
	// its open span while running, the pause or stop instant otherwise.
	since instant
	// spans are the closed spans of cyc, oldest first. The array is never
	// written once made: states share it, and a new span makes a new one.
	spans []span
	// next is the instant of the next time-driven transition (warning or
	// breach) of the running cycle; zero when none is coming.
	next instant
	// days remembers the business time of business-day targets measured
	// from cyc's start at the priorities cyc had (policy.Duration.Length
	// costs a calendar.AddDays and a Between, and a priority changed back
	// and forth would measure the same ones again); nil before the first
	// priority change of the cycle. Never written once made. Not in the
	// JSON form.
	days *dayLengths
	// closed is the business time in spans, measured in closedCal (nil:
	// not known yet, as in a decoded state), so that reading a clock that
	// has paused and resumed many times costs one calendar operation, not
	// one per span. Not in the JSON form.
	closed    time.Duration
	closedCal *calendar.Calendar
}

// span is an interval [start, end) during which a metric's clock ran.
type span struct{ start, end instant }

// running reports whether m's clock is running.
func (m *metric) running() bool { return m.cyc.stage == StageRunning }

// closedIn returns the business time in cal of the closed spans of m's
// latest cycle: all that ran before the clock's last transition.
func (m *metric) closedIn(cal *calendar.Calendar) time.Duration {
	if m.closedCal != cal {
		m.closed, m.closedCal = spansElapsed(cal, m.spans, 0, endOfTime), cal
	}
	return m.closed
}

// elapsed returns the business time m's latest cycle used before at, an
// instant no earlier than its clock's last transition.
func (m *metric) elapsed(cal *calendar.Calendar, at time.Time) time.Duration {
	since := m.since.Time()
	if at.Before(since) {
		return m.elapsedAt(cal, at)
	}
	d := m.closedIn(cal)
	if m.running() && since.Before(at) {
		d += cal.Between(since, at)
	}
	return d
}

// elapsedAt returns the business time m's latest cycle used before any
// instant at: what clock.Timer.Elapsed says.
func (m *metric) elapsedAt(cal *calendar.Calendar, at time.Time) time.Duration {
	if !m.started() {
		return 0
	}
	var open instant
	if m.running() {
		open = m.since
	}
	return spansElapsed(cal, m.spans, open, instantOf(at))
}

// due returns the instant at which m's latest cycle has used target > 0
// business time if its clock stays as it is: what clock.Timer.Due says.
// ok is false when the clock stops short of it, or cal has no answer.
func (m *metric) due(cal *calendar.Calendar, target time.Duration) (time.Time, bool) {
	if !m.started() {
		return time.Time{}, false
	}
	if m.closedIn(cal) < target {
		// The closed spans do not hold it: only the open span can.
		if !m.running() {
			return time.Time{}, false
		}
		u := cal.Add(m.since.Time(), target-m.closed)
		return u, !u.IsZero()
	}
	left := target
	for _, sp := range m.spans {
		start := sp.start.Time()
		b := cal.Between(start, sp.end.Time())
		if b >= left {
			u := cal.Add(start, left)
			return u, !u.IsZero()
		}
		left -= b
	}
	return time.Time{}, false // not reached: closedIn(cal) >= target
}

// endOfTime is an instant after every instant a state holds.
const endOfTime = ^instant(0)

// spansElapsed returns the business time in cal of spans, and of the open
// span from open (zero: none), cut off at at.
func spansElapsed(cal *calendar.Calendar, spans []span, open, at instant) time.Duration {
	var d time.Duration
	for _, sp := range spans {
		if sp.start >= at {
			return d
		}
		d += cal.Between(sp.start.Time(), min(sp.end, at).Time())
	}
	if open != 0 && open < at {
		d += cal.Between(open.Time(), at.Time())
	}
	return d
}

// dayLengths is the business time of business-day targets in the
// calendars they were measured in, newest first.
type dayLengths struct {
	n int
	l [4]dayLength
}

// dayLength is the business time of n business days in cal.
type dayLength struct {
	cal *calendar.Calendar
	n   int
	d   time.Duration
}

// add remembers that n business days in cal are d; n == 0 is not a
// business-day target and is left out.
func (ls *dayLengths) add(n int, cal *calendar.Calendar, d time.Duration) {
	if _, ok := ls.find(n, cal); ok || n == 0 {
		return
	}
	copy(ls.l[1:], ls.l[:len(ls.l)-1])
	ls.l[0] = dayLength{cal, n, d}
	ls.n = min(ls.n+1, len(ls.l))
}

// find returns the business time of n business days in cal, if ls knows it.
func (ls *dayLengths) find(n int, cal *calendar.Calendar) (time.Duration, bool) {
	for _, x := range ls.l[:ls.n] {
		if x.n == n && x.cal == cal {
			return x.d, true
		}
	}
	return 0, false
}

// length returns d.Length(cal, start), measuring business days only when
// ls does not know them; measured says it did.
func (ls *dayLengths) length(d policy.Duration, cal *calendar.Calendar, start time.Time) (l time.Duration, measured bool) {
	n := d.Days()
	if n == 0 {
		return d.Time(), false
	}
	if l, ok := ls.find(n, cal); ok {
		return l, false
	}
	l = d.Length(cal, start)
	ls.add(n, cal, l)
	return l, true
}

// lengths returns the goal and promise of tg for m's latest cycle, in
// business time from its start, when its target changes from old (nil:
// none) to tg. When it measures business days, m.days remembers them and
// those of old, which the cycle holds.
func (m *metric) lengths(old, tg *policy.Target) (goal, promise time.Duration) {
	var ls dayLengths
	if m.days != nil {
		ls = *m.days
	}
	if old != nil {
		ls.add(old.Goal.Days(), old.Calendar, m.cyc.goal)
		ls.add(old.Promise.Days(), old.Calendar, m.cyc.promise)
	}
	start := m.cyc.start.Time()
	goal, g := ls.length(tg.Goal, tg.Calendar, start)
	promise, p := ls.length(tg.Promise, tg.Calendar, start)
	if g || p {
		days := new(dayLengths)
		*days = ls
		m.days = days
	}
	return goal, promise
}

// cycle is one cycle of one metric: what it was measured against and what
// it has reported.
//
// It is kept small and free of time.Time values, since an event copies
// each metric it changes, latest cycle included.
type cycle struct {
	metric int32 // position in State.metrics
	n      int32 // the metric's cycle number, from 1; 0: none
	seq    int32 // its position among the ticket's cycles in the order they started
	stage  Stage
	warned uint16 // how many of the target's warning thresholds have passed

	priority string // whose target applies
	calendar string // the target's calendar, by name
	// goal and promise are the target's lengths in business time (a
	// business-day target measured from start, see policy.Duration.Length);
	// zero when the calendar had no answer: no deadline.
	goal, promise time.Duration
	used          time.Duration // business time used, once ended

	start, end  instant // end is zero while the cycle runs or is paused
	since       instant // when the current target took effect: start, or a priority change
	lastWarning instant // the instant of the last warning emitted
	goalAt      instant // when the goal was breached; zero if not
	promiseAt   instant // when the promise was breached; zero if not
}

// instant is an instant in UTC, in a form that holds no pointer: the
// nanoseconds since the Unix epoch with the sign bit flipped, so that
// instants compare as unsigned integers and the zero instant, which
// stands for none, lies before any instant Evaluate accepts.
type instant uint64

func instantOf(t time.Time) instant {
	if t.IsZero() {
		return 0
	}
	return instant(uint64(t.UnixNano()) ^ 1<<63)
}

// Time returns the instant as a time.Time in UTC; the zero Time for none.
func (i instant) Time() time.Time {
	if i == 0 {
		return time.Time{}
	}
	return time.Unix(0, int64(uint64(i)^1<<63)).UTC()
}

func (i instant) IsZero() bool { return i == 0 }

// The instants Evaluate accepts: years 1800 to 2199, well inside what
// UnixNano holds and around the dates calendars know (1900 to 2150). In
// seconds since the Unix epoch: 1800-01-01 and 2200-01-01, UTC.
const (
	minUnix = -5364662400
	endUnix = 7258118400
)

// minInstant returns the first instant Evaluate accepts.
func minInstant() time.Time { return time.Unix(minUnix, 0).UTC() }

// endInstant returns the first instant after those Evaluate accepts.
func endInstant() time.Time { return time.Unix(endUnix, 0).UTC() }

func recordable(t time.Time) bool { u := t.Unix(); return u >= minUnix && u < endUnix }

func (c *cycle) open() bool { return c.stage == StageRunning || c.stage == StagePaused }

// started reports whether the metric has had a cycle.
func (m *metric) started() bool { return m.cyc.n > 0 }

// cycles returns every cycle of every metric, in the order they started,
// in a new slice.
func (s *State) cycles() []cycle {
	out := make([]cycle, 0, s.startedCycles())
	for c := range s.everyCycle {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b cycle) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// startedCycles returns how many cycles the ticket has had: the number the next
// one gets in the order they started.
func (s *State) startedCycles() int32 {
	n := int32(s.numClosed())
	for i := range s.numMetrics() {
		if s.metric(i).cyc.open() {
			n++
		}
	}
	return n
}

// Stage is where a metric's cycle is. The zero Stage is StageIdle.
type Stage uint8

// The stages of a cycle.
const (
	StageIdle      Stage = iota // no cycle yet
	StageRunning                // counting business time
	StagePaused                 // not counting, waiting to resume
	StageMet                    // over: its stop condition held
	StageCancelled              // over with no verdict: a cancel condition, a restart or the ticket closing
)

// lastStage is the last of the stages.
const lastStage = StageCancelled

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
	if s <= lastStage {
		return s.name()
	}
	return "Stage(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText returns the String form of s.
func (s Stage) MarshalText() ([]byte, error) {
	if s > lastStage {
		return nil, &DecodeError{Err: errString("unknown stage " + s.String())}
	}
	return []byte(s.name()), nil
}

// UnmarshalText reads the String form of a Stage.
func (s *Stage) UnmarshalText(b []byte) error {
	for x := StageIdle; x <= lastStage; x++ {
		if x.name() == string(b) {
			*s = x
			return nil
		}
	}
	return errString("unknown stage " + strconv.Quote(string(b)))
}

type errString string

func (e errString) Error() string { return string(e) }

// Created returns the instant the ticket was created, in UTC; the zero
// Time before.
func (s State) Created() time.Time { return s.created }

// Last returns the instant of the last event Evaluate accepted, in UTC.
// An event earlier than it is refused.
func (s State) Last() time.Time { return s.last }

// Policy returns the name of the policy chosen when the ticket was created
// and the effective_from instant of its version (the zero Time for a
// version in force from the beginning). ok is false when no policy
// matched: the ticket has no SLA.
func (s State) Policy() (name string, version time.Time, ok bool) {
	return s.policy, s.version, s.hasPolicy
}

// Kind returns the kind of the ticket's policy.
func (s State) Kind() policy.Kind { return s.kind }

// Priority returns the ticket's priority.
func (s State) Priority() string { return s.priority }

// Category returns the category of the ticket's status; the zero Category
// before it is created.
func (s State) Category() policy.Category { return s.category }

// NextDeadline returns the earliest instant at which a transition will
// happen if no event but time passing comes first: a Tick at that instant
// emits at least one transition, and a Tick at any earlier instant emits
// none. Schedule one wake-up per ticket there. The zero Time means that no
// transition is coming (every clock is paused, over, or met all its
// thresholds). Only warnings and breaches happen with time alone; the
// other transitions wait for events.
func (s State) NextDeadline() time.Time {
	var next instant
	for i := range s.numMetrics() {
		n := s.metric(i).next
		if n != 0 && (next == 0 || n < next) {
			next = n
		}
	}
	return next.Time()
}

// Cycle is one cycle of one metric as State.Cycles reports it.
type Cycle struct {
	Metric string
	Cycle  int // from 1
	Stage  Stage
	// Priority is the priority whose target the cycle is measured against,
	// Calendar that target's calendar, Goal and Promise its lengths in
	// business time (zero: the calendar had no answer, no deadline).
	Priority      string
	Calendar      string
	Goal, Promise time.Duration
	Start, End    time.Time // End is zero until the cycle is over
	// GoalBreached and PromiseBreached are the instants of those
	// transitions; zero when they have not happened.
	GoalBreached, PromiseBreached time.Time
	// Used is the business time the cycle used, once it is over; zero
	// before (see State.Status for a running cycle).
	Used time.Duration
}

// Cycles returns every cycle of every metric, in the order they started.
// Cycles that are over never change.
func (s State) Cycles() []Cycle {
	cs := s.cycles()
	out := make([]Cycle, len(cs))
	for i := range cs {
		out[i] = s.cycleView(&cs[i])
	}
	return out
}

func (s State) cycleView(c *cycle) Cycle {
	return Cycle{
		Metric: s.metric(int(c.metric)).name, Cycle: int(c.n), Stage: c.stage,
		Priority: c.priority, Calendar: c.calendar, Goal: c.goal, Promise: c.promise,
		Start: c.start.Time(), End: c.end.Time(), GoalBreached: c.goalAt.Time(), PromiseBreached: c.promiseAt.Time(),
		Used: c.used,
	}
}

// closedCycle is a cycle that is over, with the spans during which its
// clock ran, in the list State.closed. It is never written once made.
type closedCycle struct {
	cycle
	spans []span
	prev  *closedCycle
	count int // cycles in the list from this one on
}

// numClosed returns how many cycles are over.
func (s *State) numClosed() int {
	if s.closed == nil {
		return 0
	}
	return s.closed.count
}

// appendClosed adds m's latest cycle, which is over, to the cycles that
// are over, in node, which it fills.
func (s *State) appendClosed(m *metric, node *closedCycle) {
	*node = closedCycle{cycle: m.cyc, spans: m.spans, prev: s.closed, count: s.numClosed() + 1}
	s.closed = node
}

// everyCycle yields every cycle of every metric: those that are over
// first, in no particular order otherwise. The cycles are not to be
// changed.
func (s *State) everyCycle(yield func(*cycle) bool) {
	for c := s.closed; c != nil; c = c.prev {
		if !yield(&c.cycle) {
			return
		}
	}
	for i := range s.numMetrics() {
		if m := s.metric(i); m.cyc.open() && !yield(&m.cyc) {
			return
		}
	}
}

// newMetrics gives s n new zero metrics, in one array.
func (s *State) newMetrics(n int) {
	ms := make([]metric, n)
	s.nm, s.ms, s.more = n, [maxInline]*metric{}, nil
	if n > maxInline {
		s.more = make([]*metric, n-maxInline)
	}
	for i := range ms {
		s.setMetric(i, &ms[i])
	}
}

// numMetrics returns the number of metrics of s.
func (s *State) numMetrics() int { return s.nm }

// metric returns metric i of s.
func (s *State) metric(i int) *metric {
	if i < maxInline {
		return s.ms[i]
	}
	return s.more[i-maxInline]
}

// setMetric makes m metric i of s.
func (s *State) setMetric(i int, m *metric) {
	if i < maxInline {
		s.ms[i] = m
	} else {
		s.more[i-maxInline] = m
	}
}
