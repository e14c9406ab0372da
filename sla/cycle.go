package sla

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

// apply applies the event to the metric: first what time alone brought
// about up to the event's instant, then the end, pause or resumption of its
// open cycle, the new target of a priority change, and the start of a new
// cycle. dirty says whether it changed the metric.
func (w *where) apply() error {
	r, c := w.r, w.c
	if r.all {
		c.target = nil // read from another set, or not at all
	}
	if c.n > 0 && (r.all || !c.next.IsZero() && !c.next.After(r.at)) {
		w.advance()
	}
	if r.ev.Kind == policy.Tick {
		return nil
	}
	def := &r.steps[w.i].pol.metrics[w.k]
	e := r.ev.Kind
	if c.n > 0 {
		var err error
		switch {
		case def.StopsOn(e, r.from, r.to):
			err = w.end(StageMet)
		case def.CancelsOn(e, r.from, r.to) || r.to == policy.CategoryClosed:
			err = w.end(StageCancelled)
		case r.changed:
			err = w.retarget(def)
		case r.from != r.to:
			switch paused := def.PausedIn(r.to); {
			case paused && c.stage == StageRunning:
				err = w.pause()
			case !paused && c.stage == StagePaused:
				err = w.resume()
			}
		}
		if err != nil {
			return err
		}
	}
	if c.n > 0 || r.to == policy.CategoryClosed {
		return nil
	}
	if def.StartsOn(e, r.from, r.to) || def.RestartOnReopen && policy.Reopened(r.from, r.to) {
		return w.start(def)
	}
	return nil
}

// where is one metric of one agreement during a run.
type where struct {
	r     *run
	s     *State
	i, k  int     // agreement, metric
	m     *metric // a copy, which the run stores when dirty
	c     *cycle  // a copy of its open cycle (n == 0: none), likewise
	dirty bool
}

func (w *where) pol() *policy.Policy { return w.r.steps[w.i].pol.pol }

// target returns the open cycle's target at its priority, read from the
// policy once per target and kept with the cycle.
func (w *where) target() *measure {
	c := w.c
	if c.target == nil {
		tg, ok := w.pol().Target(w.m.name, c.priority)
		c.target = measureOf(tg, ok, c.start, c.zone)
		w.dirty = true
	}
	return c.target
}

// setTarget makes the cycle measured against the target of the ticket's
// priority from now on, in the zone the ticket's fields name for it.
func (w *where) setTarget() {
	w.dirty = true
	c := w.c
	c.priority, c.since, c.next, c.zone = w.r.priority, w.r.at, time.Time{}, ""
	tg, ok := w.pol().Target(w.m.name, c.priority)
	if ok && tg.ZoneField != "" {
		c.zone = w.r.fields.Attributes[tg.ZoneField]
	}
	c.target = measureOf(tg, ok, c.start, c.zone)
}

// measureOf returns target tg (ok false: none) for a cycle that started at
// start and follows zone.
func measureOf(tg policy.Target, ok bool, start time.Time, zone string) *measure {
	if !ok {
		return &measure{}
	}
	m := &measure{cal: calendarIn(tg, zone), ok: true}
	m.goal, m.promise = tg.Goal.Length(m.cal, start), tg.Promise.Length(m.cal, start)
	if m.goal > 0 {
		m.ths = thresholds(&tg, m.goal)
		m.escs = escalations(&tg, m.goal, m.promise)
	}
	return m
}

// calendarIn returns tg's calendar in zone. Evaluate checks every zone a
// ticket names at the event that names it, and every zone an open cycle
// of a decoded state holds (checkCycleZones), so that in Evaluate it
// cannot fail; where it does (Status or View of a decoded state whose
// zone was forged along with its check), the calendar's own zone answers.
func calendarIn(tg policy.Target, zone string) *calendar.Calendar {
	cal, err := tg.CalendarIn(zone)
	if err != nil {
		return tg.Calendar
	}
	return cal
}

// corrupt reports a state that no history could have made: a clock that
// refuses a transition the event needs.
func (w *where) corrupt(err error) error {
	path := "agreements[" + strconv.Itoa(w.i) + "].metrics[" + strconv.Itoa(w.k) + "].cycles[" + strconv.Itoa(w.c.n-1) + "]"
	return &Error{Path: path, Value: w.m.name, Err: bad("%v", err)}
}

func (w *where) emit(t Transition) {
	c := w.c
	if c.silent {
		return
	}
	t.Agreement, t.Metric, t.Cycle, t.Priority = w.s.agreements[w.i].Agreement, w.m.name, c.n, c.priority
	w.r.emit(emitted{Transition: t, agreement: w.i, metric: w.k})
}

// newCycle makes the metric's next cycle, started at at, the open one.
func (w *where) newCycle(at time.Time) error {
	w.dirty = true
	*w.c = cycle{n: w.m.closed.Len() + 1, stage: StageRunning, start: at}
	if err := w.c.timer.Start(at); err != nil {
		return w.corrupt(err)
	}
	w.setTarget()
	return nil
}

func (w *where) start(def *policy.Metric) error {
	r := w.r
	if err := w.newCycle(r.at); err != nil {
		return err
	}
	w.c.silent = !w.target().ok // no target at this priority: it follows the ticket, silently
	w.emit(Transition{Kind: Started, At: r.at})
	if def.PausedIn(r.to) {
		return w.pause()
	}
	w.advance()
	return nil
}

// startRetroactive starts a cycle at the ticket's creation, paused and
// resumed as the ticket's statuses were since, and measures it from the
// event on, as a priority change recomputes a cycle.
func (w *where) startRetroactive(def *policy.Metric) error {
	if err := w.newCycle(w.s.created); err != nil {
		return err
	}
	c := w.c
	for _, ch := range w.s.history.Items() {
		var err error
		switch paused := def.PausedIn(ch.category); {
		case paused && c.stage == StageRunning:
			err, c.stage = c.timer.Pause(ch.at), StagePaused
		case !paused && c.stage == StagePaused:
			err, c.stage = c.timer.Resume(ch.at), StageRunning
		}
		if err != nil {
			return w.corrupt(err)
		}
	}
	c.silent = true
	w.announce()
	return nil
}

func (w *where) pause() error {
	w.dirty = true
	c := w.c
	if err := c.timer.Pause(w.r.at); err != nil {
		return w.corrupt(err)
	}
	c.stage, c.next = StagePaused, time.Time{}
	w.emit(Transition{Kind: Paused, At: w.r.at})
	return nil
}

func (w *where) resume() error {
	w.dirty = true
	c := w.c
	if err := c.timer.Resume(w.r.at); err != nil {
		return w.corrupt(err)
	}
	c.stage = StageRunning
	w.emit(Transition{Kind: Resumed, At: w.r.at})
	w.advance()
	return nil
}

// end ends the open cycle, met or cancelled, and files it with the cycles
// that are over.
func (w *where) end(stage Stage) error {
	w.dirty = true
	c := w.c
	if err := c.timer.Stop(w.r.at); err != nil {
		return w.corrupt(err)
	}
	c.stage, c.next = stage, time.Time{}
	kind := Met
	if stage == StageCancelled {
		kind = Cancelled
	}
	w.emit(Transition{Kind: kind, At: w.r.at})
	w.m.closed = w.m.closed.Append(*c)
	*c = cycle{}
	return nil
}

// retarget measures the open cycle against the target of the new
// priority, as the policy says. Restart cancels it, whatever it breached,
// and starts a new one at the change. Recompute keeps the cycle and its
// start and measures it, with its pauses, against the new target: what it
// has already passed is reported at the change. A cycle that has never had
// a target is recomputed under either rule, and reported started.
func (w *where) retarget(def *policy.Metric) error {
	w.dirty = true
	if w.pol().OnPriorityChange() == policy.Restart && !w.c.silent {
		if err := w.end(StageCancelled); err != nil {
			return err
		}
		return w.start(def)
	}
	w.setTarget()
	w.announce()
	return nil
}

// announce measures the open cycle against the target it was just given,
// from its start with its pauses: a cycle reported for the first time is
// reported started (and paused, if it is) now, the warnings its target has
// already passed collapse into one, now, and what else it passed is
// reported now too.
func (w *where) announce() {
	w.dirty = true
	c := w.c
	t := w.target()
	if !t.ok {
		return // no target at this priority: no deadline
	}
	if c.silent {
		// Its first target: from now on it is reported, started (and
		// paused) at the change, which is when it began to be measured;
		// its Start stays the instant it began to follow the ticket.
		c.silent = false
		w.emit(Transition{Kind: Started, At: w.r.at})
		if c.stage == StagePaused {
			w.emit(Transition{Kind: Paused, At: w.r.at})
		}
	}
	used := c.timer.Elapsed(t.cal, w.r.at)
	passed := 0
	for passed < len(t.ths) && t.ths[passed].d <= used {
		passed++
	}
	if !c.goalAt.IsZero() || t.goal > 0 && used > t.goal {
		c.warned = len(t.ths) // the breach says more
	} else {
		c.warned = max(passed-1, 0)
	}
	w.advance()
}

// advance emits the warnings, breaches and escalations of the open cycle
// that happened by the event's instant, in the order they happened, and
// sets the instant of the next one.
func (w *where) advance() {
	w.dirty = true
	c := w.c
	c.next = time.Time{}
	if c.silent || !c.isOpen() {
		return
	}
	t := w.target()
	if !t.ok {
		return
	}
	for {
		p, ok := w.pending(t)
		if !ok {
			return
		}
		due, ok := c.timer.Due(t.cal, p.d)
		if !ok || !recordable(due) {
			return // paused short of it, or beyond the calendar's dates
		}
		due = latest(due.UTC(), c.since) // crossed before the current target applied: at the change
		if due.After(w.r.at) {
			c.next = due
			return
		}
		if w.report(p, due) {
			w.emit(Transition{Kind: p.kind, At: due, Warning: p.warning, Level: p.level, Escalation: p.escalation})
		}
	}
}

// next is what a cycle will report next with time alone: its kind, the
// business time used at which it happens, and what it names.
type next struct {
	kind       TransitionKind
	d          time.Duration
	warning    string
	level      int
	escalation string
}

// pending returns the open cycle's next time-driven transition: of the
// next warning, the goal's breach, the promise's and the next escalation
// level, the one reached first (warnings before the breach at a tie).
func (w *where) pending(t *measure) (next, bool) {
	c := w.c
	var best next
	found := false
	consider := func(n next) {
		if !found || n.d < best.d {
			best, found = n, true
		}
	}
	if c.goalAt.IsZero() && t.goal > 0 {
		if c.warned < len(t.ths) {
			consider(next{kind: Warning, d: t.ths[c.warned].d, warning: t.ths[c.warned].w.String()})
		}
		consider(next{kind: GoalBreached, d: t.goal + 1})
	}
	if c.promiseAt.IsZero() && t.promise > 0 {
		consider(next{kind: PromiseBreached, d: t.promise + 1})
	}
	for _, e := range t.escs {
		if c.escalated&(1<<(e.level-1)) == 0 {
			consider(next{kind: Escalated, d: e.d, level: e.level, escalation: e.e.String()})
			break // the first not reported: they are in increasing order
		}
	}
	return best, found
}

// report records that the cycle reported p at due, and says whether it is
// to be emitted: warnings that fall on one instant are emitted once.
func (w *where) report(p next, due time.Time) bool {
	c := w.c
	switch p.kind {
	case Warning:
		c.warned++
		if due.Equal(c.lastWarning) {
			return false
		}
		c.lastWarning = due
	case GoalBreached:
		c.goalAt = due
	case PromiseBreached:
		c.promiseAt = due
	case Escalated:
		c.escalated |= 1 << (p.level - 1)
	}
	return true
}

// threshold is a warning's business time used, and the warning.
type threshold struct {
	d time.Duration
	w policy.Warning
}

// thresholds returns the warnings of tg for a goal of goal business time,
// in increasing order (equal ones in the policy's order); a warning that
// falls at or before the start, or at or after the goal, is left out.
func thresholds(tg *policy.Target, goal time.Duration) []threshold {
	var out []threshold
	for _, w := range tg.Warnings {
		if d := w.Threshold(goal); d > 0 && d < goal {
			out = append(out, threshold{d, w})
		}
	}
	slices.SortStableFunc(out, func(a, b threshold) int { return cmp.Compare(a.d, b.d) })
	return out
}

// level is an escalation level: the business time used at which it is
// reached, never before the goal's breach, and its number.
type level struct {
	d     time.Duration
	level int
	e     policy.Escalation
}

// escalations returns the escalation levels of tg for a goal and a promise
// of those lengths, in increasing order of the business time used at which
// they are reached (levels reached together in the policy's order).
func escalations(tg *policy.Target, goal, promise time.Duration) []level {
	var out []level
	for i, e := range tg.Escalations {
		if e.After != 0 && promise == 0 {
			continue // past a promise whose calendar has no answer: never
		}
		out = append(out, level{max(e.Threshold(goal, promise), goal+1), i + 1, e})
	}
	slices.SortStableFunc(out, func(a, b level) int { return cmp.Compare(a.d, b.d) })
	return out
}
