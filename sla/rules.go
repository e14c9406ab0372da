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

	// Room for defs, targets and their warnings, so that rules for a
	// policy of up to maxInline metrics are one allocation.
	defsBuf    [maxInline]metricDef
	targetsBuf [maxInline]target
	warnBuf    [2 * maxInline]policy.Warning
}

// metricDef is a metric of the policy: its name and conditions.
type metricDef struct {
	name string
	policy.Conditions
}

// readRules reads p's metrics and their targets at priority; priorities
// is set.Priorities() if the caller has it.
func readRules(set *policy.Set, p *policy.Policy, priority string, priorities []string) *rules {
	rl := &rules{set: set, pol: p, priorities: priorities}
	n := p.NumMetrics()
	rl.defs = rl.defsBuf[:0]
	if n > maxInline {
		rl.defs = make([]metricDef, 0, n)
	}
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
		n := &rules{set: rl.set, pol: rl.pol, priorities: rl.priorities, defs: rl.defs}
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
	rl.targets = rl.targetsBuf[:0]
	if len(rl.defs) > maxInline {
		rl.targets = make([]target, 0, len(rl.defs))
	}
	warnings := rl.warnBuf[:0]
	for i := range rl.defs {
		t := target{priority: priority, loaded: true}
		warnings, t.t, t.ok = rl.pol.AppendTarget(warnings, rl.defs[i].name, priority)
		rl.targets = append(rl.targets, t)
	}
}

// fits checks that the policy's metrics are the ones the state has.
func (rl *rules) fits(s *State) error {
	if len(rl.defs) != len(s.metrics) {
		return fmt.Errorf("%w: %s has %d metrics, the state %d", ErrUnknownPolicy, s.policy, len(rl.defs), len(s.metrics))
	}
	for i := range rl.defs {
		if rl.defs[i].name != s.metrics[i].name {
			return fmt.Errorf("%w: %s has no metric %q here", ErrUnknownPolicy, s.policy, s.metrics[i].name)
		}
	}
	return nil
}
