package policy_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/policy"
)

// The reads package sla makes on every ticket event allocate a constant
// number of times, however many metrics and conditions the policy has.
func TestReadsAllocate(t *testing.T) {
	for _, n := range []int{0, 1, 60} {
		set, err := policy.Load([]byte(manyMetrics(n)))
		if err != nil {
			t.Fatal(err)
		}
		p := set.Policies()[0]
		tests := []struct {
			name   string
			read   func()
			allocs float64
		}{
			{"Metrics", func() { p.Metrics() }, 3},
			{"Metric", func() { p.Metric("resolution") }, 3},
			{"Target with warnings", func() { p.Target("resolution", "low") }, 1},
			{"Target without warnings", func() { p.Target("first_response", "low") }, 0},
			{"Target that is not set", func() { p.Target("first_response", "urgent") }, 0},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s of %d custom metrics", tt.name, n), func(t *testing.T) {
				if got := testing.AllocsPerRun(20, tt.read); got != tt.allocs {
					t.Errorf("%v allocations, want %v", got, tt.allocs)
				}
			})
		}
	}
}

// What Metrics returns is the policy's metrics, and a copy: changing or
// appending to one list changes neither the set nor the next list.
func TestMetricsAreCopies(t *testing.T) {
	set, err := policy.Load([]byte(manyMetrics(3)))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Policies()[0]
	want := p.Metrics()
	got := p.Metrics()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("two calls of Metrics differ (-want +got):\n%s", diff)
	}
	custom := policy.Metric{
		Name:       "m000",
		Start:      []policy.Condition{{Event: policy.Created}, {Status: policy.CategoryNew}},
		PauseWhile: []policy.Category{policy.CategoryPending, policy.CategoryOnHold},
		Stop:       []policy.Condition{{Event: policy.PublicReply}, {Status: policy.CategorySolved}},
		Cancel:     []policy.Condition{{Status: policy.CategoryClosed}},
	}
	if diff := cmp.Diff(custom, got[4]); diff != "" {
		t.Errorf("the first custom metric (-want +got):\n%s", diff)
	}
	note := policy.Condition{Event: policy.InternalNote}
	for i := range got {
		got[i].Start = append(got[i].Start, note)
		got[i].PauseWhile = append(got[i].PauseWhile, policy.CategorySolved)
		got[i].Stop = append(got[i].Stop, note)
	}
	for i := range got {
		grown := want[i]
		grown.Start = slices.Concat(want[i].Start, []policy.Condition{note})
		grown.PauseWhile = slices.Concat(want[i].PauseWhile, []policy.Category{policy.CategorySolved})
		grown.Stop = slices.Concat(want[i].Stop, []policy.Condition{note})
		if diff := cmp.Diff(grown, got[i]); diff != "" {
			t.Errorf("metric %d after an append to its lists (-want +got):\n%s", i, diff)
		}
		if len(got[i].Cancel) > 0 {
			got[i].Cancel[0] = note
		}
	}
	if diff := cmp.Diff(want, p.Metrics()); diff != "" {
		t.Errorf("changing what Metrics returned changed the set (-want +got):\n%s", diff)
	}
}

func TestStatuses(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"sorted as written", `{"statuses": {"Waiting on vendor": "on_hold", "In progress": "open", "New": "new", "open": "pending"}}`,
			[]string{"In progress", "New", "Waiting on vendor", "open"}},
		{"a document without statuses", `{}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := policy.Load([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, set.Statuses()); diff != "" {
				t.Errorf("Statuses (-want +got):\n%s", diff)
			}
		})
	}
	var none *policy.Set
	if got := none.Statuses(); got != nil {
		t.Errorf("a nil Set's Statuses = %q, want nil", got)
	}
}
