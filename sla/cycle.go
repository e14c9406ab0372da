package sla

import (
	"cmp"
	"slices"
	"strconv"
	"time"

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
	def := &r.pols[w.i].metrics[w.k]
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

func (w *where) pol() *policy.Policy { return w.r.pols[w.i].pol }

// target returns the open cycle's target at its priority, read from the
// policy once per target and kept with the cycle.
func (w *where) target() *measure {
	c := w.c
	if c.target == nil {
		c.target = measureOf(w.pol(), w.m.name, c.priority, c.start)
		w.dirty = true
	}
	return c.target
}

// measureOf reads the target of metric name at priority p of pol, for a
// cycle that started at start.
func measureOf(pol *policy.Policy, name, p string, start time.Time) *measure {
	tg, ok := pol.Target(name, p)
	if !ok {
		return &measure{}
	}
	m := &measure{tg: tg, ok: true,
		goal: tg.Goal.Length(tg.Calendar, start), promise: tg.Promise.Length(tg.Calendar, start)}
	if m.goal > 0 {
		m.ths = thresholds(&tg, m.goal)
	}
	return m
}

// corrupt reports a state that no history could have made: a clock that
// refuses a transition the event needs.
func (w *where) corrupt(err error) error {
	path := "agreements[" + strconv.Itoa(w.i) + "].metrics[" + strconv.Itoa(w.k) + "].cycles[" + strconv.Itoa(w.c.n-1) + "]"
	return &Error{Path: path, Value: w.m.name, Err: wrapBad(err)}
}

func (w *where) emit(kind TransitionKind, at time.Time, warning string) {
	c := w.c
	if c.silent {
		return
	}
	if w.r.out == nil {
		w.r.out = make([]emitted, 0, 4) // most events emit up to four
	}
	w.r.out = append(w.r.out, emitted{
		Transition: Transition{Kind: kind, Agreement: w.s.agreements[w.i].Agreement, Metric: w.m.name,
			Cycle: c.n, At: at, Priority: c.priority, Warning: warning},
		agreement: w.i, metric: w.k,
	})
}

func (w *where) start(def *policy.Metric) error {
	w.dirty = true
	r := w.r
	c := cycle{n: w.m.closed.Len() + 1, stage: StageRunning, start: r.at, priority: r.priority, since: r.at}
	if err := c.timer.Start(r.at); err != nil {
		return w.corrupt(err)
	}
	*w.c = c
	w.c.silent = !w.target().ok // no target at this priority: it follows the ticket, silently
	w.emit(Started, r.at, "")
	if def.PausedIn(r.to) {
		return w.pause()
	}
	w.advance()
	return nil
}

func (w *where) pause() error {
	w.dirty = true
	c := w.c
	if err := c.timer.Pause(w.r.at); err != nil {
		return w.corrupt(err)
	}
	c.stage, c.next = StagePaused, time.Time{}
	w.emit(Paused, w.r.at, "")
	return nil
}

func (w *where) resume() error {
	w.dirty = true
	c := w.c
	if err := c.timer.Resume(w.r.at); err != nil {
		return w.corrupt(err)
	}
	c.stage = StageRunning
	w.emit(Resumed, w.r.at, "")
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
	w.emit(kind, w.r.at, "")
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
	c := w.c
	if w.pol().OnPriorityChange() == policy.Restart && !c.silent {
		if err := w.end(StageCancelled); err != nil {
			return err
		}
		return w.start(def)
	}
	c.priority, c.since, c.next, c.target = w.r.priority, w.r.at, time.Time{}, nil
	t := w.target()
	if !t.ok {
		return nil // no target at the new priority: no deadline
	}
	if c.silent {
		// Its first target: the cycle is reported from now on, started (and
		// paused, if it is) at the change, which is when it began to be
		// measured; its Start stays the instant it began to follow the
		// ticket, from which it is measured.
		c.silent = false
		w.emit(Started, w.r.at, "")
		if c.stage == StagePaused {
			w.emit(Paused, w.r.at, "")
		}
	}
	// Warnings the new target has already passed collapse into one, at the
	// change; none when the goal is breached, which says more.
	used := c.timer.Elapsed(t.tg.Calendar, w.r.at)
	passed := 0
	for passed < len(t.ths) && t.ths[passed].d <= used {
		passed++
	}
	if !c.goalAt.IsZero() || t.goal > 0 && used > t.goal {
		c.warned = len(t.ths)
	} else {
		c.warned = max(passed-1, 0)
	}
	w.advance()
	return nil
}

// advance emits the warnings and breaches of the open cycle that happened
// by the event's instant, and sets the instant of the next one.
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
	goal, promise, ths := t.goal, t.promise, t.ths
	if !c.goalAt.IsZero() {
		ths = nil
	}
	for {
		var kind TransitionKind
		var d time.Duration
		var warning policy.Warning
		switch {
		case c.goalAt.IsZero() && goal > 0 && c.warned < len(ths):
			kind, d, warning = Warning, ths[c.warned].d, ths[c.warned].w
		case c.goalAt.IsZero() && goal > 0:
			kind, d = GoalBreached, goal+1
		case c.promiseAt.IsZero() && promise > 0:
			kind, d = PromiseBreached, promise+1
		default:
			return
		}
		due, ok := c.timer.Due(t.tg.Calendar, d)
		if !ok || !recordable(due) {
			return // paused short of it, or beyond the calendar's dates
		}
		due = latest(due.UTC(), c.since) // crossed before the current target applied: at the change
		if due.After(w.r.at) {
			c.next = due
			return
		}
		label := ""
		switch kind {
		case Warning:
			c.warned++
			if due.Equal(c.lastWarning) {
				continue // one warning per instant
			}
			c.lastWarning, label = due, warning.String()
		case GoalBreached:
			c.goalAt = due
		case PromiseBreached:
			c.promiseAt = due
		}
		w.emit(kind, due, label)
	}
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
