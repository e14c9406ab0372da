package sla

import (
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/slaclock/slaclock/policy"
)

// rules is what Evaluate needs to read from a policy version for a ticket
// at one priority: the metrics with their conditions, and each metric's
// target at that priority. Evaluate reads them once, through the
// allocation-free reads of package policy, into one allocation, and hands
// the result on with the state it returns; the next Evaluate of that state
// in memory finds it there and reads nothing from the policy again. A
// rules value never changes once made, but for its family, which is set
// once, atomically; it is shared by every state derived from the one that
// made it; that is safe for concurrent use. It is not part of a state's JSON form: a decoded state reads the
// policy again on its first event.
type rules struct {
	set        *policy.Set    // the set it was read from
	pol        *policy.Policy // the policy version
	priorities []string       // set.Priorities(), once an event needed them; nil before
	defs       []metricDef
	priority   string
	targets    []target // per metric, at priority

	// family holds the rules read from the same reading of the policy at
	// other priorities; nil until one was needed.
	family atomic.Pointer[ruleFamily]

	// Room for targets and their warnings (see newRules).
	targetRoom []target
	warnRoom   []policy.Warning
}

// rules4 and rules8 are rules with room for the metrics of a policy of up
// to four and eight metrics, so that reading one is one allocation of
// about the size it needs.
type rules4 struct {
	rules
	defArr    [4]metricDef
	targetArr [4]target
	warnArr   [8]policy.Warning
}

type rules8 struct {
	rules
	defArr    [8]metricDef
	targetArr [8]target
	warnArr   [16]policy.Warning
}

// newRules returns empty rules for a policy of n metrics, with room for
// them; defs, when the caller has them, are shared.
func newRules(n int, defs []metricDef) *rules {
	var rl *rules
	var defRoom []metricDef
	switch {
	case n <= 4:
		b := new(rules4)
		rl, defRoom, b.targetRoom, b.warnRoom = &b.rules, b.defArr[:0], b.targetArr[:0], b.warnArr[:0]
	case n <= 8:
		b := new(rules8)
		rl, defRoom, b.targetRoom, b.warnRoom = &b.rules, b.defArr[:0], b.targetArr[:0], b.warnArr[:0]
	default:
		rl = new(rules)
		if defs == nil {
			defRoom = make([]metricDef, 0, n)
		}
		rl.targetRoom = make([]target, 0, n)
	}
	rl.defs = defs
	if defs == nil {
		rl.defs = defRoom
	}
	return rl
}

// metricDef is a metric of the policy: its name and conditions.
type metricDef struct {
	name string
	policy.Conditions
}

// readRules reads p's metrics and their targets at priority; priorities
// is set.Priorities() if the caller has it.
func readRules(set *policy.Set, p *policy.Policy, priority string, priorities []string) *rules {
	n := p.NumMetrics()
	rl := newRules(n, nil)
	rl.set, rl.pol, rl.priorities = set, p, priorities
	for i := range n {
		rl.defs = append(rl.defs, metricDef{p.MetricName(i), p.MetricConditions(i)})
	}
	rl.readTargets(priority)
	return rl
}

// ruleFamily is the rules read from one reading of a policy version, at
// each priority met so far, shared by all of them: the states of a ticket
// whose priority changes back and forth read each priority's targets
// once. The list is never written once stored; it grows by copying.
type ruleFamily struct{ list atomic.Pointer[[]*rules] }

// maxFamily bounds a family: a set without priorities accepts any.
const maxFamily = 16

// at returns rules for another priority, sharing rl's metrics;
// priorities is set.Priorities() if the caller has it.
func (rl *rules) at(priority string, priorities []string) *rules {
	f := rl.family.Load()
	if f == nil {
		f = new(ruleFamily)
		f.list.Store(&[]*rules{rl})
		if !rl.family.CompareAndSwap(nil, f) {
			f = rl.family.Load()
		}
	}
	for {
		old := f.list.Load()
		for _, x := range *old {
			if x.priority == priority {
				return x
			}
		}
		n := newRules(len(rl.defs), rl.defs)
		n.set, n.pol, n.priorities = rl.set, rl.pol, rl.priorities
		if n.priorities == nil {
			n.priorities = priorities
		}
		n.readTargets(priority)
		if len(*old) >= maxFamily {
			return n
		}
		n.family.Store(f)
		list := append(slices.Clip(*old), n)
		if f.list.CompareAndSwap(old, &list) {
			return n
		}
	}
}

func (rl *rules) readTargets(priority string) {
	rl.priority = priority
	rl.targets = rl.targetRoom[:0]
	warnings := rl.warnRoom[:0]
	for i := range rl.defs {
		t := target{priority: priority, loaded: true}
		warnings, t.t, t.ok = rl.pol.AppendTarget(warnings, rl.defs[i].name, priority)
		rl.targets = append(rl.targets, t)
	}
}

// fits checks that the policy's metrics are the ones the state has.
func (rl *rules) fits(s *State) error {
	if len(rl.defs) != s.numMetrics() {
		return fmt.Errorf("%w: %s has %d metrics, the state %d", ErrUnknownPolicy, s.policy, len(rl.defs), s.numMetrics())
	}
	for i := range rl.defs {
		if rl.defs[i].name != s.metric(i).name {
			return fmt.Errorf("%w: %s has no metric %q here", ErrUnknownPolicy, s.policy, s.metric(i).name)
		}
	}
	return nil
}
