package sla

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// Row is the compliance of one metric of one agreement version at one
// priority over a period; see Summarize.
type Row struct {
	Agreement Agreement
	Metric    string
	Priority  string // empty: none

	// Met, Breached and Cancelled count the cycles decided in the period:
	// Breached those whose promise was broken in it (however they ended:
	// met late, cancelled by a restart or a detach), Met those that met
	// their stop condition in it without breaking the promise, Cancelled
	// those cancelled in it without breaking it. Open counts the cycles
	// started before the period's end and not decided by then.
	Met, Breached, Cancelled, Open int
	// GoalBreached counts how many of the Met and Breached cycles used more
	// than their goal.
	GoalBreached int
	// PercentMet is Met / (Met + Breached), rounded down to a
	// ten-thousandth of a percent; 0 when both are 0.
	PercentMet policy.Percent
	// P50 and P90 are percentiles (nearest rank) of the business time the
	// Met and Breached cycles used: in all, for those that are over; up to
	// the period's end, for those still running.
	P50, P90 time.Duration
	// Credit is the service credit the version's tiers give for Met kept
	// promises out of Met + Breached (policy.Policy.Credit).
	Credit policy.Percent
}

// Summarize reports compliance over the period [from, to), for many
// tickets' states: one Row per agreement version, metric and priority that
// has a cycle to count, sorted by agreement name, version, the metric's
// position in its policy and the priority's in the set.
//
// A cycle belongs to the period in which it was decided: the instant its
// promise was broken, if it was, else the instant it ended. Cycles that
// have no target are not counted. Summarize reads the states as of to: a
// cycle still running then is taken to keep running, so that a promise it
// breaks before to counts as breached even if no Tick reported it; report
// on periods that are over.
//
// The set gives the targets, calendars and credit tiers and the order of
// priorities; an agreement missing from it is an error wrapping
// ErrUnknownPolicy whose Path names the state ("states[7].agreements[0]").
func Summarize(set *policy.Set, states []State, from, to time.Time) ([]Row, error) {
	t := tally{set: set, from: from.Round(0).UTC(), to: to.Round(0).UTC(), index: map[rowKey]int{}, targets: map[targetKey]*policy.Target{}}
	for si := range states {
		s := &states[si]
		for i := range s.agreements {
			p, err := s.policyOf(set, i)
			if err != nil {
				return nil, withPrefix(err, "states["+strconv.Itoa(si)+"]")
			}
			t.agreement(&s.agreements[i], p)
		}
	}
	return t.rows(), nil
}

// withPrefix puts prefix before the path of err, an *Error.
func withPrefix(err error, prefix string) error {
	if e, ok := err.(*Error); ok {
		return &Error{Path: prefix + "." + e.Path, Value: e.Value, Err: e.Err}
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

type rowKey struct {
	name     string
	version  int64
	metric   string
	priority string
}

// tally is a Summarize under way.
type tally struct {
	set      *policy.Set
	from, to time.Time
	index    map[rowKey]int
	accs     []acc
	targets  map[targetKey]*policy.Target // nil: no target
}

type targetKey struct {
	pol              *policy.Policy
	metric, priority string
}

// target returns the target of metric at priority in p, looked up once
// per Summarize.
func (t *tally) target(p *policy.Policy, metric, priority string) *policy.Target {
	k := targetKey{p, metric, priority}
	tg, seen := t.targets[k]
	if !seen {
		if x, ok := p.Target(metric, priority); ok {
			tg = &x
		}
		t.targets[k] = tg
	}
	return tg
}

// acc is a row being counted.
type acc struct {
	row  Row
	pos  int // the metric's position in its policy
	used []time.Duration
	pol  *policy.Policy
}

func (t *tally) agreement(a *agreement, p *policy.Policy) {
	for k := range a.metrics {
		m := &a.metrics[k]
		m.cycles(func(c *cycle) { t.cycle(a, p, k, m.name, c) })
	}
}

// cycle counts one cycle, if the period decides it or it is open at its end.
func (t *tally) cycle(a *agreement, p *policy.Policy, pos int, name string, c *cycle) {
	if !c.start.Before(t.to) || c.silent {
		return
	}
	tg := t.target(p, name, c.priority)
	if tg == nil && c.promiseAt.IsZero() {
		return // no target: nothing promised
	}
	promiseAt := c.promiseAt
	var used, goal time.Duration
	if tg != nil {
		cal := calendarIn(*tg, c.zone)
		end := c.end()
		if c.isOpen() {
			end = t.to
			goal = tg.Goal.Length(cal, c.start)
			if promise := tg.Promise.Length(cal, c.start); promiseAt.IsZero() && promise > 0 {
				if due, ok := c.timer.Due(cal, promise+1); ok && due.Before(t.to) {
					promiseAt = latest(due.UTC(), c.since)
				}
			}
		}
		used = c.timer.Elapsed(cal, end)
	}
	decided := promiseAt
	if decided.IsZero() {
		decided = c.end()
	}
	open := decided.IsZero() || !decided.Before(t.to)
	if !open && decided.Before(t.from) {
		return
	}
	ac := t.acc(a, p, pos, name, c.priority)
	switch {
	case open:
		ac.row.Open++
		return
	case !promiseAt.IsZero():
		ac.row.Breached++
	case c.stage == StageMet:
		ac.row.Met++
	default:
		ac.row.Cancelled++
		return
	}
	if !c.goalAt.IsZero() || c.isOpen() && goal > 0 && used > goal {
		ac.row.GoalBreached++
	}
	ac.used = append(ac.used, used)
}

func (t *tally) acc(a *agreement, p *policy.Policy, pos int, name, priority string) *acc {
	k := rowKey{a.Name, a.Version.UnixNano(), name, priority}
	i, ok := t.index[k]
	if !ok {
		i = len(t.accs)
		t.index[k] = i
		t.accs = append(t.accs, acc{pos: pos, pol: p, row: Row{Agreement: a.Agreement, Metric: name, Priority: priority}})
	}
	return &t.accs[i]
}

// rows returns the rows counted, in order, with their shares, percentiles
// and credits.
func (t *tally) rows() []Row {
	prio := t.set.Priorities()
	rank := func(p string) int {
		if i := slices.Index(prio, p); i >= 0 {
			return i
		}
		return len(prio)
	}
	slices.SortFunc(t.accs, func(a, b acc) int {
		return cmp.Or(strings.Compare(a.row.Agreement.Name, b.row.Agreement.Name), a.row.Agreement.Version.Compare(b.row.Agreement.Version),
			cmp.Compare(a.pos, b.pos), strings.Compare(a.row.Metric, b.row.Metric),
			cmp.Compare(rank(a.row.Priority), rank(b.row.Priority)), strings.Compare(a.row.Priority, b.row.Priority))
	})
	rows := make([]Row, len(t.accs))
	for i := range t.accs {
		a := &t.accs[i]
		r := a.row
		if total := r.Met + r.Breached; total > 0 {
			r.PercentMet = policy.Percent(int64(r.Met) * int64(100*policy.OnePercent) / int64(total))
			r.Credit = a.pol.Credit(r.Met, total)
		}
		if len(a.used) > 0 {
			slices.Sort(a.used)
			r.P50, r.P90 = percentile(a.used, 50), percentile(a.used, 90)
		}
		rows[i] = r
	}
	return rows
}

// percentile returns the nearest-rank p-th percentile of sorted: the
// smallest value at least p% of the values are not above.
func percentile(sorted []time.Duration, p int) time.Duration {
	n := len(sorted)
	k := (p*n + 99) / 100 // ceil(p/100 * n)
	return sorted[max(k, 1)-1]
}
