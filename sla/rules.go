package sla

import (
	"fmt"

	"github.com/slaclock/slaclock/policy"
)

// rules is what Evaluate needs to read from a policy version for a ticket
// at one priority: the metrics with their conditions, and each metric's
// target at that priority. The accessors of package policy return copies
// (policy.Policy.Metrics copies every condition list on every call), so
// Evaluate reads them once and hands the result on with the state it
// returns; the next Evaluate of that state in memory finds it there and
// reads nothing from the policy again. A rules value never changes once
// made and is shared, read-only, by every state derived from the one that
// made it; that is safe for concurrent use. It is not part of a state's
// JSON form: a decoded state reads the policy again on its first event.
type rules struct {
	set        *policy.Set    // the set it was read from
	pol        *policy.Policy // the policy version
	priorities []string       // set.Priorities()
	defs       []policy.Metric
	priority   string
	targets    []target // per metric, at priority
}

func readRules(set *policy.Set, p *policy.Policy, priority string) *rules {
	rl := &rules{set: set, pol: p, priorities: set.Priorities(), defs: p.Metrics()}
	return rl.at(priority)
}

// at returns rules for another priority, sharing rl's metrics.
func (rl *rules) at(priority string) *rules {
	n := &rules{set: rl.set, pol: rl.pol, priorities: rl.priorities, defs: rl.defs, priority: priority}
	n.targets = make([]target, len(rl.defs))
	for i := range rl.defs {
		t := &n.targets[i]
		t.t, t.ok = rl.pol.Target(rl.defs[i].Name, priority)
		t.priority, t.loaded = priority, true
	}
	return n
}

// fits checks that the policy's metrics are the ones the state has.
func (rl *rules) fits(s *State) error {
	if len(rl.defs) != len(s.metrics) {
		return fmt.Errorf("%w: %s has %d metrics, the state %d", ErrUnknownPolicy, s.policy, len(rl.defs), len(s.metrics))
	}
	for i := range rl.defs {
		if rl.defs[i].Name != s.metrics[i].name {
			return fmt.Errorf("%w: %s has no metric %q here", ErrUnknownPolicy, s.policy, s.metrics[i].name)
		}
	}
	return nil
}
