package sla

import (
	"fmt"
	"slices"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

// Evaluate applies one event to a ticket's state and returns the new state
// and the transitions that happened up to the event's instant: first those
// that time alone brought about since the last event (warnings and
// breaches, stamped with the instants they happened), then those the event
// caused. Transitions are sorted by instant, then by the metric's position
// in the policy, then by cycle, then by kind (in the order of the
// TransitionKind constants).
//
// Evaluate is pure: the same set, state and event give the same result on
// any machine, in any time zone, and s is never changed, even on success.
// On error the state returned is s and the error is an *EventError; see
// the package doc for what is refused.
func Evaluate(set *policy.Set, s State, ev Event) (State, []Transition, error) {
	var r run
	if err := r.prepare(set, &s, ev, -1); err != nil {
		return s, nil, err
	}
	r.buffered = true // see run.buf
	out := s          // its metrics are copied when the event changes one: see run.mut
	if err := r.apply(&out); err != nil {
		return s, nil, err
	}
	switch {
	case !r.buffered:
		return out, r.out, nil
	case r.nbuf == 0:
		return out, nil, nil
	}
	return out, slices.Clone(r.buf[:r.nbuf]), nil
}

// Replay applies a ticket's whole history to the zero State, one event
// after another, and returns the final state and every transition, in the
// order Evaluate emitted them. The result is the one Evaluate gives applied
// event by event. On error, Replay returns the state after the last event
// it accepted, the transitions up to it, and an *EventError whose Index is
// the position of the refused event.
func Replay(set *policy.Set, events []Event) (State, []Transition, error) {
	var s State
	var all []Transition
	for i, ev := range events {
		var r run
		if err := r.prepare(set, &s, ev, i); err != nil {
			return s, all, err
		}
		// The state is ours alone, so it is changed in place. Arrays
		// shared with the caller: none; the first event builds them.
		r.out = all
		r.ownMore, r.ownAll = true, true
		if err := r.apply(&s); err != nil {
			// Never for a state Replay built; start again the slow way
			// so that the state returned is the one before the event.
			return replayEach(set, events[:i], err)
		}
		all = r.out
	}
	return s, all, nil
}

func replayEach(set *policy.Set, events []Event, cause error) (State, []Transition, error) {
	var s State
	var all []Transition
	for _, ev := range events {
		next, ts, err := Evaluate(set, s, ev)
		if err != nil {
			break
		}
		s, all = next, append(all, ts...)
	}
	return s, all, cause
}

// maxInline is how many metrics a run keeps in arrays on its stack.
const maxInline = 8

// run is one application of one event.
type run struct {
	set   *policy.Set
	pol   *policy.Policy // nil: the ticket has no SLA
	ev    Event
	at    time.Time // ev.At in UTC, without a monotonic reading
	now   instant   // at
	index int       // for errors

	from, to policy.Category // the status category before and after the event
	priority string          // the priority after the event

	defs  []metricDef // the policy's metrics, for events that test conditions
	rules *rules      // what was read of the policy, at the priority after the event
	old   *rules      // the state's, at the priority before it

	// Per metric: the calendar of its open cycle (in an array, so that a
	// run stays on the stack; more for policies with many metrics), and
	// its target at a priority once looked up, which is seldom needed
	// (see run.target): made when first needed.
	cals     [maxInline]*calendar.Calendar
	moreCals []*calendar.Calendar
	tgts     []target
	nMetrics int
	warnings []policy.Warning // of the targets in tgts

	outFrom int // where this event's transitions begin in out
	out     []Transition
	// buffered says that the transitions are in buf[:nbuf], not in out:
	// Evaluate's run keeps up to len(buf) of them in the run itself and
	// returns them in a slice of their own size.
	buffered bool
	nbuf     int
	buf      [4]Transition

	// ownMore says that the state's slice of the metrics past maxInline
	// is the run's own; ownAll that every metric is, so that they may be
	// changed in place; owned, bit i, that metric i is.
	ownMore, ownAll bool
	owned           uint64
	// boxes holds, per metric the run copied, the box the copy is in.
	boxes [maxInline]*metricBox
}

// mut returns metric i of s for changing it. The first change of a metric
// in a run copies that metric, which s shares with the state Evaluate was
// given until then: an event that changes no metric (a note, a tick
// before any deadline) copies nothing, and one that changes one metric
// copies only it. A pointer to a metric taken before a call to mut may
// point to the old one: take it after.
//
// The copy comes in a box with room for what the event may add to the
// metric: a span, and, when ending says that the event ends its cycle,
// the node of that cycle in State.closed. So an event allocates once per
// metric it changes, whatever it does to it. A box holds nothing but its
// metric and what the event added to it, so that a later state that
// shares a span or a cycle that is over keeps no more alive than that.
func (r *run) mut(s *State, i int, ending bool) *metric {
	if r.ownAll {
		return s.metric(i)
	}
	if s.numMetrics() > maxInline {
		return r.mutMany(s, i)
	}
	if r.owned&(1<<i) != 0 {
		return s.metric(i)
	}
	var b *metricBox
	if ending {
		e := new(endingBox)
		e.node, b = &e.room, &e.metricBox
	} else {
		b = new(metricBox)
	}
	b.m = *s.metric(i)
	s.setMetric(i, &b.m)
	r.owned |= 1 << i
	r.boxes[i] = b
	return &b.m
}

// mutMany is mut for a state with more metrics than a run keeps boxes for.
func (r *run) mutMany(s *State, i int) *metric {
	if !r.ownMore {
		r.ownMore = true
		s.more = slices.Clone(s.more)
	}
	if s.numMetrics() > 64 {
		// More metrics than bits in owned: copy them all, once.
		ms := make([]metric, s.numMetrics())
		for k := range ms {
			ms[k] = *s.metric(k)
			s.setMetric(k, &ms[k])
		}
		r.ownAll = true
		return s.metric(i)
	}
	if r.owned&(1<<i) == 0 {
		m := new(metric)
		*m = *s.metric(i)
		s.setMetric(i, m)
		r.owned |= 1 << i
	}
	return s.metric(i)
}

// metricBox is a metric copied by a run, with room for spans: see mut.
type metricBox struct {
	m        metric
	spans    [2]span
	spansSet bool         // the spans are used: they belong to the metric's spans
	node     *closedCycle // room for a cycle that ends, in an endingBox; nil otherwise
}

// endingBox is a metricBox with room for the node of a cycle that ends.
type endingBox struct {
	metricBox
	room closedCycle
}

// appendSpan adds sp to metric i's spans, in its box when there is room:
// the arrays of spans are shared by states and never written once made.
func (r *run) appendSpan(i int, m *metric, sp span) {
	n := len(m.spans)
	if i < maxInline {
		if b := r.boxes[i]; b != nil && !b.spansSet && n < len(b.spans) {
			copy(b.spans[:], m.spans)
			b.spans[n] = sp
			b.spansSet = true
			m.spans = b.spans[: n+1 : n+1]
			return
		}
	}
	m.spans = append(m.spans[:n:n], sp)
}

// node returns a node for the cycle metric i ends, from its box if there
// is room.
func (r *run) node(i int) *closedCycle {
	if i < maxInline {
		if b := r.boxes[i]; b != nil && b.node != nil {
			n := b.node
			b.node = nil
			return n
		}
	}
	return new(closedCycle)
}

func (r *run) cal(i int) **calendar.Calendar {
	if i < maxInline {
		return &r.cals[i]
	}
	return &r.moreCals[i-maxInline]
}

func (r *run) tgt(i int) *target {
	if r.tgts == nil {
		r.tgts = make([]target, r.nMetrics)
	}
	return &r.tgts[i]
}

// target is a metric's target at one priority, looked up at most once per
// run.
type target struct {
	priority string
	loaded   bool
	ok       bool
	t        policy.Target
}

func (r *run) fail(err error) error {
	return &EventError{Index: r.index, Kind: r.ev.Kind, At: r.ev.At, Err: err}
}

// prepare checks ev against s and the set and looks up everything apply
// needs, so that apply cannot fail on anything the caller gave.
func (r *run) prepare(set *policy.Set, s *State, ev Event, index int) error {
	r.set, r.ev, r.index = set, ev, index
	switch {
	case !ev.Kind.valid():
		return r.fail(ErrUnknownKind)
	case ev.At.IsZero():
		return r.fail(ErrZeroTime)
	}
	r.at = ev.At.Round(0).UTC()
	if !recordable(r.at) {
		return r.fail(ErrBadTime)
	}
	r.now = instantOf(r.at)
	created := !s.created.IsZero()
	switch {
	case !created && ev.Kind != Created:
		return r.fail(ErrNotCreated)
	case created && ev.Kind == Created:
		return r.fail(ErrCreated)
	case s.category == policy.CategoryClosed && ev.Kind != Tick:
		return r.fail(ErrClosed)
	case r.at.Before(s.last):
		return r.fail(fmt.Errorf("%w (%s)", ErrOutOfOrder, s.last.In(ev.At.Location()).Format(time.RFC3339Nano)))
	}
	r.from, r.to, r.priority = s.category, s.category, s.priority
	switch ev.Kind {
	case Created:
		r.from, r.to = 0, policy.CategoryNew
		fallthrough
	case StatusChanged:
		if ev.Kind == StatusChanged || ev.Status != "" {
			c, ok := set.Category(ev.Status)
			if !ok {
				return r.fail(fmt.Errorf("%w %q", ErrUnknownStatus, ev.Status))
			}
			r.to = c
		}
	}
	switch {
	case ev.Kind == Created:
		r.pol, _ = set.Select(ev.Fields, r.at)
	case s.hasPolicy && s.rules != nil && s.rules.set == set:
		// Read from set for this state's policy version, which never
		// changes: the version set.Policy would find.
		r.pol = s.rules.pol
	case s.hasPolicy:
		p, ok := set.Policy(s.policy, s.version)
		if !ok || !p.EffectiveFrom().Equal(s.version) {
			return r.fail(fmt.Errorf("%w: %s from %s", ErrUnknownPolicy, s.policy, versionString(s.version)))
		}
		r.pol = p
	}
	if s.rules != nil && s.rules.pol == r.pol && s.rules.set == set {
		r.old = s.rules
	}
	var ps []string // set.Priorities(), read only for events that name a priority
	if ev.Kind == Created || ev.Kind == PriorityChanged {
		if r.old != nil && r.old.priorities != nil {
			ps = r.old.priorities
		} else {
			ps = set.Priorities()
		}
		if len(ps) > 0 && !slices.Contains(ps, ev.Priority) {
			return r.fail(fmt.Errorf("%w %q", ErrUnknownPriority, ev.Priority))
		}
		r.priority = ev.Priority
	}
	if r.pol == nil {
		return nil
	}
	switch {
	case r.old != nil && r.old.priority == r.priority:
		r.rules = r.old
	case r.old != nil:
		r.rules = r.old.at(r.priority, ps)
	case ev.Kind != Tick:
		r.rules = readRules(set, r.pol, r.priority, ps)
		if ev.Kind != Created {
			if err := r.rules.fits(s); err != nil {
				return r.fail(err)
			}
		}
	}
	if r.rules != nil {
		r.defs = r.rules.defs
	}
	n := s.numMetrics()
	if ev.Kind == Created {
		n = len(r.defs)
	}
	r.nMetrics = n
	if n > maxInline {
		r.moreCals = make([]*calendar.Calendar, n-maxInline)
	}
	for i := range s.numMetrics() {
		m := s.metric(i)
		if !m.cyc.open() {
			continue
		}
		name := m.cyc.calendar
		if rl := r.old; rl != nil && rl.priority == m.cyc.priority && rl.targets[i].ok && rl.targets[i].t.CalendarName == name {
			*r.cal(i) = rl.targets[i].t.Calendar // what set.Calendar(name) gives, without the map
			continue
		}
		cal, ok := set.Calendar(name)
		if !ok {
			return r.fail(fmt.Errorf("%w: no calendar %q", ErrUnknownPolicy, name))
		}
		*r.cal(i) = cal
	}
	return nil
}

func versionString(v time.Time) string {
	if v.IsZero() {
		return "the beginning"
	}
	return v.Format(time.RFC3339)
}

// apply changes s (which it owns) by the prepared event.
func (r *run) apply(s *State) error {
	r.outFrom = len(r.out)
	s.rules = r.rules
	if r.ev.Kind == Created {
		s.created, s.byAgent = r.at, r.ev.ByAgent
		if r.pol != nil {
			s.hasPolicy, s.policy, s.version, s.kind = true, r.pol.Name(), r.pol.EffectiveFrom().UTC(), r.pol.Kind()
			s.newMetrics(len(r.defs))
			r.ownMore, r.ownAll = true, true
			for i := range r.defs {
				s.metric(i).name = r.defs[i].name
			}
		}
	}
	s.last = r.at

	// What time alone brought about, up to the event's instant.
	for i := range s.numMetrics() {
		if n := s.metric(i).next; n != 0 && n <= r.now {
			if err := r.advance(s, i); err != nil {
				return err
			}
		}
	}

	changed := r.priority != s.priority
	s.priority, s.category = r.priority, r.to
	if r.ev.Kind != Tick {
		for i := range r.defs {
			if err := r.metric(s, i, changed); err != nil {
				return err
			}
		}
	}
	r.sort(s)
	return nil
}

// metric applies the event to metric i: the end, pause or resumption of
// its open cycle, the new target of a priority change, and the start of a
// new cycle.
func (r *run) metric(s *State, i int, priorityChanged bool) error {
	def := &r.defs[i]
	m := s.metric(i)
	e := r.ev.Kind.event()
	if m.cyc.open() {
		var err error
		switch {
		case def.StopsOn(e, r.from, r.to):
			err = r.end(s, i, StageMet)
		case def.CancelsOn(e, r.from, r.to) || r.to == policy.CategoryClosed:
			err = r.end(s, i, StageCancelled)
		case priorityChanged:
			err = r.retarget(s, i)
		case r.from != r.to:
			c := &m.cyc
			switch pause := def.PausedIn(r.to); {
			case pause && c.stage == StageRunning:
				err = r.pause(s, i)
			case !pause && c.stage == StagePaused:
				err = r.resume(s, i)
			}
		}
		if err != nil {
			return err
		}
		m = s.metric(i) // the copy, if the event changed the metric
	}
	if m.cyc.open() || r.to == policy.CategoryClosed {
		return nil
	}
	if def.StartsOn(e, r.from, r.to) || def.RestartOnReopen() && policy.Reopened(r.from, r.to) {
		return r.start(s, i)
	}
	return nil
}

// retarget measures metric i's open cycle against the target of the new
// priority, as the policy says: recompute keeps the cycle and its start;
// restart cancels it and starts a new one, unless the cycle has already
// breached its goal, which a restart does not wipe out: then it is
// recomputed. A priority without a target for the metric cancels it.
func (r *run) retarget(s *State, i int) error {
	tg, ok := r.target(s, i, s.priority)
	if !ok {
		return r.end(s, i, StageCancelled)
	}
	if r.pol.OnPriorityChange() == policy.Restart && s.metric(i).cyc.goalAt.IsZero() {
		if err := r.end(s, i, StageCancelled); err != nil {
			return err
		}
		return r.start(s, i)
	}
	m := r.mut(s, i, false)
	c := &m.cyc
	cal := tg.Calendar
	old, _ := r.target(s, i, c.priority)
	c.goal, c.promise = m.lengths(old, tg)
	c.priority, c.calendar = s.priority, tg.CalendarName
	c.since = r.now
	*r.cal(i) = cal
	// Warnings the new target has already passed collapse into one, now;
	// none when the goal is breached, which says more.
	var buf [maxInline]threshold
	ths := thresholds(buf[:0], tg, c.goal)
	used := m.elapsed(cal, r.at)
	passed := 0
	for passed < len(ths) && ths[passed].d <= used {
		passed++
	}
	switch {
	case !c.goalAt.IsZero() || used > c.goal:
		c.warned = uint16(len(ths))
	default:
		c.warned = uint16(max(passed-1, 0))
	}
	return r.advance(s, i)
}

func (r *run) start(s *State, i int) error {
	tg, ok := r.target(s, i, s.priority)
	if !ok {
		return nil // no target at this priority: the metric does not run
	}
	m := r.mut(s, i, false)
	if m.cyc.open() || r.now < m.since {
		return r.corrupt(fmt.Errorf("%s: a %s clock cannot start", m.name, m.cyc.stage))
	}
	cal := tg.Calendar
	m.since, m.spans, m.days = r.now, nil, nil
	m.closed, m.closedCal = 0, cal // no closed span yet
	m.cyc = cycle{
		metric: int32(i), n: m.cyc.n + 1, seq: s.startedCycles(), stage: StageRunning,
		priority: s.priority, calendar: tg.CalendarName,
		goal: tg.Goal.Length(cal, r.at), promise: tg.Promise.Length(cal, r.at),
		start: r.now, since: r.now,
	}
	*r.cal(i) = cal
	r.emit(s, i, Started, r.at, "")
	if r.defs[i].PausedIn(r.to) {
		return r.pause(s, i)
	}
	return r.advance(s, i)
}

func (r *run) pause(s *State, i int) error {
	m := r.mut(s, i, false)
	if err := r.check(m, StageRunning); err != nil {
		return err
	}
	from := m.since
	r.appendSpan(i, m, span{from, r.now})
	m.since = r.now
	if cal := *r.cal(i); m.closedCal == cal && cal != nil {
		m.closed += cal.Between(from.Time(), r.at) // the span it closed
	}
	m.cyc.stage = StagePaused
	m.next = 0
	r.emit(s, i, Paused, r.at, "")
	return nil
}

func (r *run) resume(s *State, i int) error {
	m := r.mut(s, i, false)
	if err := r.check(m, StagePaused); err != nil {
		return err
	}
	m.since = r.now
	m.cyc.stage = StageRunning
	r.emit(s, i, Resumed, r.at, "")
	return r.advance(s, i)
}

func (r *run) end(s *State, i int, stage Stage) error {
	m := r.mut(s, i, true)
	if err := r.check(m, m.cyc.stage); err != nil {
		return err
	}
	used := m.elapsed(*r.cal(i), r.at) // before the clock stops, while m.closed holds
	if m.running() {
		r.appendSpan(i, m, span{m.since, r.now})
	}
	m.since, m.closedCal = r.now, nil // m.closed no longer holds
	c := &m.cyc
	c.stage, c.end, c.used = stage, r.now, used
	s.appendClosed(m, r.node(i))
	m.next = 0
	kind := Met
	if stage == StageCancelled {
		kind = Cancelled
	}
	r.emit(s, i, kind, r.at, "")
	return nil
}

// advance emits the warnings and breaches of metric i's open cycle that
// happened by the event's instant, and sets the instant of the next one.
func (r *run) advance(s *State, i int) error {
	m := r.mut(s, i, false)
	m.next = 0
	c := &m.cyc
	if !c.open() {
		return nil
	}
	cal := *r.cal(i)
	if cal == nil {
		return r.corrupt(fmt.Errorf("no calendar for %s", m.name))
	}
	var buf [maxInline]threshold
	var ths []threshold
	if c.goalAt.IsZero() && c.goal > 0 {
		if tg, ok := r.target(s, i, c.priority); ok {
			ths = thresholds(buf[:0], tg, c.goal)
		}
	}
	for {
		var kind TransitionKind
		var d time.Duration
		var w policy.Warning
		switch {
		case c.goalAt.IsZero() && c.goal > 0 && int(c.warned) < len(ths):
			kind, d, w = Warning, ths[c.warned].d, ths[c.warned].w
		case c.goalAt.IsZero() && c.goal > 0:
			kind, d = GoalBreached, c.goal+1
		case c.promiseAt.IsZero() && c.promise > 0:
			kind, d = PromiseBreached, c.promise+1
		default:
			return nil
		}
		t, ok := m.due(cal, d)
		if !ok || !recordable(t) {
			return nil // paused short of it, or beyond the calendar's dates
		}
		due := max(instantOf(t), c.since) // crossed before the current target applied: now
		if due > r.now {
			m.next = due
			return nil
		}
		switch kind {
		case Warning:
			c.warned++
			if due == c.lastWarning {
				continue // one warning per instant
			}
			c.lastWarning = due
		case GoalBreached:
			c.goalAt = due
		case PromiseBreached:
			c.promiseAt = due
		}
		label := ""
		if kind == Warning {
			label = w.String()
		}
		r.emit(s, i, kind, due.Time(), label)
	}
}

// threshold is a warning's business time used, and the warning.
type threshold struct {
	d time.Duration
	w policy.Warning
}

// thresholds appends to buf the warnings of tg for a goal of goal business
// time, in increasing order; a warning that falls at or before the start,
// or at or after the goal, is left out.
func thresholds(buf []threshold, tg *policy.Target, goal time.Duration) []threshold {
	for _, w := range tg.Warnings {
		d := w.Threshold(goal)
		if d <= 0 || d >= goal {
			continue
		}
		k := len(buf)
		buf = append(buf, threshold{d, w})
		for k > 0 && buf[k-1].d > d { // stable: equal thresholds keep the policy's order
			buf[k-1], buf[k] = buf[k], buf[k-1]
			k--
		}
	}
	return buf
}

// target returns metric i's target at priority p, looked up once per run,
// not to be changed; nil and false when there is none.
func (r *run) target(s *State, i int, p string) (*policy.Target, bool) {
	var t *target
	switch {
	case r.rules != nil && r.rules.priority == p:
		t = &r.rules.targets[i]
	case r.old != nil && r.old.priority == p:
		t = &r.old.targets[i]
	default:
		t = r.tgt(i)
		if !t.loaded || t.priority != p {
			r.warnings, t.t, t.ok = r.pol.AppendTarget(r.warnings, s.metric(i).name, p)
			t.priority, t.loaded = p, true
		}
	}
	if !t.ok {
		return nil, false
	}
	return &t.t, true
}

// check reports a state that Evaluate cannot have made: metric m's clock
// not in the stage the event needs (an open cycle for want Running and
// Paused, besides), or transitions later than the event.
func (r *run) check(m *metric, want Stage) error {
	if m.cyc.stage != want || !m.cyc.open() || r.now < m.since {
		return r.corrupt(fmt.Errorf("%s: a %s clock cannot change at %s", m.name, m.cyc.stage, r.at.Format(time.RFC3339Nano)))
	}
	return nil
}

func (r *run) corrupt(err error) error { return r.fail(fmt.Errorf("%w: %v", ErrCorrupt, err)) }

func (r *run) emit(s *State, i int, kind TransitionKind, at time.Time, warning string) {
	c := &s.metric(i).cyc
	t := Transition{Kind: kind, Metric: s.metric(i).name, Cycle: int(c.n), At: at, Priority: c.priority, Warning: warning}
	if r.buffered {
		if r.nbuf < len(r.buf) {
			r.buf[r.nbuf] = t
			r.nbuf++
			return
		}
		r.out = append(make([]Transition, 0, 2*len(r.buf)), r.buf[:]...)
		r.buffered, r.outFrom = false, 0
	}
	if r.out == nil {
		r.out = make([]Transition, 0, 4) // most events cause one to three
	}
	r.out = append(r.out, t)
}

// sort puts this event's transitions in order (insertion sort: they are
// few, and mostly in order already).
func (r *run) sort(s *State) {
	ts := r.out[r.outFrom:]
	if r.buffered {
		ts = r.buf[:r.nbuf]
	}
	pos := func(name string) int {
		for i := range s.numMetrics() {
			if s.metric(i).name == name {
				return i
			}
		}
		return -1
	}
	for k := 1; k < len(ts); k++ {
		for j := k; j > 0 && compareTransitions(ts[j-1], ts[j], pos) > 0; j-- {
			ts[j-1], ts[j] = ts[j], ts[j-1]
		}
	}
}
