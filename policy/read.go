package policy

// Allocation-free reads, kept while package sla still uses them; they go
// once it reads Metrics and Target, which copy in three allocations and
// one. These return values that hold nothing of the policy's, or fill the
// caller's memory.

// NumMetrics returns the number of the policy's metrics, len(p.Metrics()),
// without copying them.
func (p *Policy) NumMetrics() int { return len(p.metrics) }

// MetricName returns the name of the i-th metric in the order of Metrics,
// p.Metrics()[i].Name, without copying the metrics. It panics if i is out
// of range.
func (p *Policy) MetricName(i int) string { return p.metrics[i].Name }

// MetricConditions returns the conditions of the i-th metric in the order
// of Metrics, in a compact value that answers as that Metric's methods do
// and allocates nothing. It panics if i is out of range.
func (p *Policy) MetricConditions(i int) Conditions { return compile(&p.metrics[i]) }

// AppendTarget is Target for callers that would rather not allocate: it
// appends the target's warnings to dst and returns the extended slice, and
// the target, whose Warnings is the part appended (in dst's array when it
// had room). It reports false, and returns dst, when the policy sets no
// target for the metric at the priority.
func (p *Policy) AppendTarget(dst []Warning, metric, priority string) ([]Warning, Target, bool) {
	t, ok := p.targets[metric][priority]
	if !ok {
		return dst, Target{}, false
	}
	n := len(dst)
	dst = append(dst, t.Warnings...)
	t.Warnings = dst[n:len(dst):len(dst)]
	return dst, t, true
}

// Conditions is when a metric starts, stops, is cancelled and pauses, as
// a value of a few bytes: Policy.MetricConditions compiles a metric's
// condition lists into it. Its methods answer exactly as the Metric's of
// the same name. The zero Conditions never holds and never pauses.
type Conditions struct {
	start, stop, cancel conditionSet
	pause               uint8 // bit c: paused in category c
	restartOnReopen     bool
}

// conditionSet is a list of conditions as bits: events, and categories
// entered.
type conditionSet struct {
	events  uint16 // bit e: the event e
	entered uint8  // bit c: the ticket entered category c
}

func compile(m *Metric) Conditions {
	c := Conditions{
		start: conditionSetOf(m.Start), stop: conditionSetOf(m.Stop), cancel: conditionSetOf(m.Cancel),
		restartOnReopen: m.RestartOnReopen,
	}
	for _, cat := range m.PauseWhile {
		if cat < 8 { // every category; Load accepts no other
			c.pause |= 1 << cat
		}
	}
	return c
}

func conditionSetOf(cs []Condition) conditionSet {
	var s conditionSet
	for _, c := range cs {
		switch {
		case c.Status != 0 && c.Status < 8: // as Matches: a status condition
			s.entered |= 1 << c.Status
		case c.Status == 0 && c.Event != 0 && c.Event < 16:
			s.events |= 1 << c.Event
		}
	}
	return s
}

func (s conditionSet) matches(e EventKind, from, to Category) bool {
	if e < 16 && s.events&(1<<e) != 0 {
		return true
	}
	return from != to && to < 8 && s.entered&(1<<to) != 0
}

// StartsOn reports whether any start condition holds for e, as
// Metric.StartsOn does.
func (c Conditions) StartsOn(e EventKind, from, to Category) bool {
	return c.start.matches(e, from, to)
}

// StopsOn reports whether any stop condition holds for e, as
// Metric.StopsOn does.
func (c Conditions) StopsOn(e EventKind, from, to Category) bool { return c.stop.matches(e, from, to) }

// CancelsOn reports whether any cancel condition holds for e, as
// Metric.CancelsOn does.
func (c Conditions) CancelsOn(e EventKind, from, to Category) bool {
	return c.cancel.matches(e, from, to)
}

// PausedIn reports whether the clock is paused while the ticket is in
// category cat, as Metric.PausedIn does.
func (c Conditions) PausedIn(cat Category) bool { return cat < 8 && c.pause&(1<<cat) != 0 }

// RestartOnReopen reports whether reopening the ticket starts a new cycle
// when none runs, as Metric.RestartOnReopen says.
func (c Conditions) RestartOnReopen() bool { return c.restartOnReopen }
