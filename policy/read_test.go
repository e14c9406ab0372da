package policy_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// TestAllocationFreeReads checks NumMetrics, MetricName, MetricConditions
// and AppendTarget against Metrics and Target, on every policy of the
// sample document, for every event and pair of categories, and that they
// allocate nothing.
func TestAllocationFreeReads(t *testing.T) {
	set, err := policy.Load(sampleJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.Policies() {
		ms := p.Metrics()
		if p.NumMetrics() != len(ms) {
			t.Fatalf("%s: NumMetrics %d, want %d", p, p.NumMetrics(), len(ms))
		}
		for i, m := range ms {
			if got := p.MetricName(i); got != m.Name {
				t.Errorf("%s: MetricName(%d) = %q, want %q", p, i, got, m.Name)
			}
			c := p.MetricConditions(i)
			if c.RestartOnReopen() != m.RestartOnReopen {
				t.Errorf("%s %s: RestartOnReopen %v", p, m.Name, c.RestartOnReopen())
			}
			for e := policy.EventKind(0); e <= policy.Tick; e++ {
				for from := policy.Category(0); from <= policy.CategoryClosed; from++ {
					if c.PausedIn(from) != m.PausedIn(from) {
						t.Errorf("%s %s: PausedIn(%v) = %v", p, m.Name, from, c.PausedIn(from))
					}
					for to := policy.CategoryNew; to <= policy.CategoryClosed; to++ {
						if c.StartsOn(e, from, to) != m.StartsOn(e, from, to) ||
							c.StopsOn(e, from, to) != m.StopsOn(e, from, to) ||
							c.CancelsOn(e, from, to) != m.CancelsOn(e, from, to) {
							t.Errorf("%s %s: conditions differ for %v from %v to %v", p, m.Name, e, from, to)
						}
					}
				}
			}
			for _, prio := range append(set.Priorities(), "none") {
				want, wantOK := p.Target(m.Name, prio)
				buf := make([]policy.Warning, 1, 8)
				rest, got, ok := p.AppendTarget(buf, m.Name, prio)
				same := got.Goal == want.Goal && got.Promise == want.Promise && got.CalendarName == want.CalendarName &&
					got.Calendar == want.Calendar && slices.Equal(got.Warnings, want.Warnings)
				if ok != wantOK || !same {
					t.Errorf("%s %s at %s: AppendTarget %+v %v, want %+v %v", p, m.Name, prio, got, ok, want, wantOK)
				}
				if len(rest) != 1+len(want.Warnings) {
					t.Errorf("%s %s at %s: AppendTarget returned %d warnings, want %d", p, m.Name, prio, len(rest), 1+len(want.Warnings))
				}
			}
		}
		if len(ms) > 0 {
			buf := make([]policy.Warning, 0, 8)
			allocs := testing.AllocsPerRun(100, func() {
				for i := range p.NumMetrics() {
					_ = p.MetricName(i)
					_ = p.MetricConditions(i).StopsOn(policy.PublicReply, policy.CategoryOpen, policy.CategoryOpen)
					_, _, _ = p.AppendTarget(buf[:0], ms[i].Name, "urgent")
				}
			})
			if allocs != 0 {
				t.Errorf("%s: %v allocations, want none", p, allocs)
			}
		}
	}
}

func ExamplePolicy_MetricConditions() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Second line", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	for i := range p.NumMetrics() {
		c := p.MetricConditions(i)
		fmt.Println(p.MetricName(i),
			c.StartsOn(policy.Created, 0, policy.CategoryNew),
			c.StopsOn(policy.InternalNote, policy.CategoryOpen, policy.CategoryOpen),
			c.CancelsOn(policy.StatusChanged, policy.CategoryOpen, policy.CategoryClosed),
			c.PausedIn(policy.CategoryOnHold), c.RestartOnReopen())
	}
	// Output:
	// resolution true false false true true
	// triage true true true false false
}

func ExamplePolicy_AppendTarget() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Enterprise", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	var buf [8]policy.Warning // room for the warnings of every target below
	ws := buf[:0]
	for _, priority := range []string{"normal", "urgent", "none"} {
		var t policy.Target
		var ok bool
		ws, t, ok = p.AppendTarget(ws, "first_response", priority)
		fmt.Println(priority, t.Goal, t.Promise, t.CalendarName, t.Warnings, ok)
	}
	fmt.Println(len(ws), "warnings in buf")
	// Output:
	// normal 4h 6h business [75%] true
	// urgent 30m 1h 24x7 [75% 10m] true
	// none 0s 0s  [] false
	// 3 warnings in buf
}
