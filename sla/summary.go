package sla

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

// Row is the compliance of one metric of one policy version at one
// priority over a period; see Summarize.
type Row struct {
	Policy   string
	Version  time.Time // the version's effective_from; zero: from the beginning
	Kind     policy.Kind
	Metric   string
	Priority string

	// Met, Breached and Cancelled count the cycles decided in the period:
	// Breached those whose promise was broken in it (however they ended),
	// Met those that met their stop condition in it without breaking the
	// promise, Cancelled those cancelled in it without breaking it. Open
	// counts the cycles started before the period's end and not decided
	// by then.
	Met, Breached, Cancelled, Open int
	// GoalBreached counts how many of the Met and Breached cycles used more
	// than their goal.
	GoalBreached int
	// PercentMet is Met / (Met + Breached), rounded down to a
	// ten-thousandth of a percent; 0 when both are 0.
	PercentMet policy.Percent
	// P50 and P90 are percentiles (nearest rank) of the business time the
	// Met and Breached cycles used: in all, for those that are over; up
	// to the period's end, for those still running.
	P50, P90 time.Duration
	// Credit is the service credit the policy version's tiers give for
	// Met kept promises out of Met + Breached (policy.Policy.Credit).
	Credit policy.Percent
}

// Summarize reports compliance over the period [from, to), for many
// tickets' states: one Row per policy version, metric and priority that
// has a cycle to count, sorted by policy name, version, the metric's
// position in the policy and the priority's in the set.
//
// A cycle belongs to the period in which it was decided: the instant its
// promise was broken, if it was, else the instant it ended. Tickets with
// no policy are not reported. Summarize reads the states as of to: a cycle
// still running then is taken to keep running, so that a promise it breaks
// before to counts as breached even if no Tick reported it; report on
// periods that are over.
//
// The set gives the credit tiers, the calendars of running cycles and the
// order of priorities; a policy version or calendar missing from it is an
// error wrapping ErrUnknownPolicy.
func Summarize(set *policy.Set, states []State, from, to time.Time) ([]Row, error) {
	from, to = from.Round(0).UTC(), to.Round(0).UTC()
	fromI, toI := instantOf(clamp(from)), instantOf(clamp(to))
	type key struct {
		policy  string
		version int64
		metric  string
		prio    string
	}
	type acc struct {
		row    Row
		pos    int // the metric's position in its policy
		used   []time.Duration
		policy *policy.Policy
	}
	index := map[key]int{}
	var accs []acc
	cals := map[string]*calendar.Calendar{}
	for si := range states {
		s := &states[si]
		if !s.hasPolicy || s.startedCycles() == 0 {
			continue
		}
		p, ok := set.Policy(s.policy, s.version)
		if !ok || !p.EffectiveFrom().Equal(s.version) {
			return nil, fmt.Errorf("sla: summarize: states[%d]: %w: %s from %s", si, ErrUnknownPolicy, s.policy, versionString(s.version))
		}
		var memos [maxInline]rowMemo // per metric
		// Every cycle, closed then open; the order does not matter, as
		// the rows are sorted at the end and the times used too.
		for c := range s.everyCycle {
			if c.start >= toI {
				continue
			}
			m := s.metric(int(c.metric))
			var cal *calendar.Calendar
			if c.open() {
				if cal = cals[c.calendar]; cal == nil {
					if cal, ok = set.Calendar(c.calendar); !ok {
						return nil, fmt.Errorf("sla: summarize: states[%d]: %w: no calendar %q", si, ErrUnknownPolicy, c.calendar)
					}
					cals[c.calendar] = cal
				}
			}
			promiseAt := c.promiseAt
			if promiseAt.IsZero() && c.open() && c.promise > 0 {
				mc := *m // a copy: reading its clock fills caches, and the state is the caller's
				if due, ok := mc.due(cal, c.promise+1); ok && due.Before(to) {
					promiseAt = max(instantOf(due), c.since)
				}
			}
			decided := promiseAt
			if decided.IsZero() {
				decided = c.end
			}
			open := decided.IsZero() || decided >= toI
			if !open && decided < fromI {
				continue
			}
			// Most cycles of a metric share its priority: look the row up
			// in the map only when it changes.
			var memo *rowMemo
			if int(c.metric) < len(memos) {
				memo = &memos[c.metric]
			}
			ai, ok := 0, false
			if memo != nil && memo.ok && memo.priority == c.priority {
				ai, ok = memo.acc, true
			}
			if !ok {
				k := key{s.policy, s.version.UnixNano(), m.name, c.priority}
				if ai, ok = index[k]; !ok {
					ai = len(accs)
					index[k] = ai
					accs = append(accs, acc{pos: int(c.metric), policy: p, row: Row{
						Policy: s.policy, Version: s.version, Kind: s.kind, Metric: m.name, Priority: c.priority,
					}})
				}
				if memo != nil {
					*memo = rowMemo{priority: c.priority, acc: ai, ok: true}
				}
			}
			a := &accs[ai]
			switch {
			case open:
				a.row.Open++
				continue
			case !promiseAt.IsZero():
				a.row.Breached++
			case c.stage == StageMet:
				a.row.Met++
			default:
				a.row.Cancelled++
				continue
			}
			used := c.used
			if c.open() {
				used = m.elapsedAt(cal, to)
			}
			if !c.goalAt.IsZero() || c.open() && c.goal > 0 && used > c.goal {
				a.row.GoalBreached++
			}
			a.used = append(a.used, used)
		}
	}
	prio := set.Priorities()
	rank := func(p string) int {
		if i := slices.Index(prio, p); i >= 0 {
			return i
		}
		return len(prio)
	}
	slices.SortFunc(accs, func(a, b acc) int {
		return cmp.Or(strings.Compare(a.row.Policy, b.row.Policy), a.row.Version.Compare(b.row.Version),
			cmp.Compare(a.pos, b.pos), strings.Compare(a.row.Metric, b.row.Metric),
			cmp.Compare(rank(a.row.Priority), rank(b.row.Priority)), strings.Compare(a.row.Priority, b.row.Priority))
	})
	rows := make([]Row, len(accs))
	for i := range accs {
		a := &accs[i]
		r := a.row
		if total := r.Met + r.Breached; total > 0 {
			r.PercentMet = policy.Percent(int64(r.Met) * int64(100*policy.OnePercent) / int64(total))
			r.Credit = a.policy.Credit(r.Met, total)
		}
		if len(a.used) > 0 {
			slices.Sort(a.used)
			r.P50, r.P90 = percentile(a.used, 50), percentile(a.used, 90)
		}
		rows[i] = r
	}
	return rows, nil
}

// rowMemo remembers the row of a metric's last cycle.
type rowMemo struct {
	priority string
	acc      int
	ok       bool
}

// percentile returns the nearest-rank p-th percentile of sorted: the
// smallest value at least p% of the values are not above.
func percentile(sorted []time.Duration, p int) time.Duration {
	n := len(sorted)
	k := (p*n + 99) / 100 // ceil(p/100 * n)
	return sorted[max(k, 1)-1]
}

// clamp moves t into the range of instants Evaluate records.
func clamp(t time.Time) time.Time {
	switch {
	case t.Before(minInstant()):
		return minInstant()
	case !t.Before(endInstant()):
		return endInstant().Add(-1)
	}
	return t
}
