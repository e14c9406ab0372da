package sla

import (
	"time"

	"github.com/slaclock/slaclock/policy"
)

// Changes is what a repair changed in a ticket's transitions: those that
// happened under the new policy set but were not emitted (Added), and those
// that were emitted but under the new set never happened (Withdrawn), each
// in the order Replay emits them (Withdrawn in the order given).
type Changes struct {
	Added, Withdrawn []Transition
}

// Repair recomputes a ticket's state after a policy change: it replays the
// ticket's stored events under set, then a Tick at the instant at (now),
// and compares the transitions that gives with those the application
// emitted under the old set, in any order. The application stores the
// state returned in place of the old one and corrects its notifications
// and reports: a breach in Withdrawn, under the new document, never
// happened; one in Added did. A transition that moved (a breach now later)
// is withdrawn at its old instant and added at its new one.
//
// Transitions compare in full: kind, agreement, metric, cycle, instant,
// priority, warning and escalation level. An event the new set refuses (a
// status or priority it no longer knows) is an error, as Replay's, and the
// state returned is Replay's up to it.
func Repair(set *policy.Set, events []Event, emitted []Transition, at time.Time) (State, Changes, error) {
	s, ts, err := Replay(set, events)
	if err != nil {
		return s, Changes{}, err
	}
	if !s.Created().IsZero() {
		r := run{set: set, ev: Event{Kind: policy.Tick, At: at}, path: "", index: -1} // an error names "at"
		next, err := r.evaluate(s)
		if err != nil {
			return s, Changes{}, err
		}
		s, ts = next, r.appendTransitions(ts)
	}
	return s, diff(ts, emitted), nil
}

// diff returns what now has that before lacks, and what before has that
// now lacks, counting repeats.
func diff(now, before []Transition) Changes {
	count := make(map[Transition]int, len(before))
	for _, t := range before {
		count[key(t)]++
	}
	var c Changes
	for _, t := range now {
		if k := key(t); count[k] > 0 {
			count[k]--
		} else {
			c.Added = append(c.Added, t)
		}
	}
	for _, t := range before {
		if k := key(t); count[k] > 0 {
			count[k]--
			c.Withdrawn = append(c.Withdrawn, t)
		}
	}
	return c
}

// key returns t with its instants in UTC, so that transitions compare as
// instants, whatever location they were written in.
func key(t Transition) Transition {
	t.At = t.At.UTC()
	t.Agreement.Version = t.Agreement.Version.UTC()
	return t
}
