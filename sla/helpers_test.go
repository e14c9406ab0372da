package sla_test

import (
	"encoding/json"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

var (
	setOnce sync.Once
	testSet *policy.Set
	setErr  error
)

// loadSet returns the policy set of testdata/policy.json, loaded once.
func loadSet(t testing.TB) *policy.Set {
	t.Helper()
	setOnce.Do(func() {
		data, err := os.ReadFile("testdata/policy.json")
		if err != nil {
			setErr = err
			return
		}
		testSet, setErr = policy.Load(data)
	})
	if setErr != nil {
		t.Fatal(setErr)
	}
	return testSet
}

// ts parses an RFC 3339 instant.
func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// mon is Monday 2 March 2026 at hh:mm UTC, plus extra days.
func mon(hhmm string) time.Time { return ts("2026-03-02T" + hhmm + ":00Z") }

func fields(plan string) policy.Fields {
	return policy.Fields{Attributes: map[string]string{"plan": plan}}
}

func created(at time.Time, plan, priority string) sla.Event {
	return sla.Event{Kind: policy.Created, At: at, Status: "Open", Priority: priority, Fields: fields(plan), Actor: "customer"}
}

func status(at time.Time, name string) sla.Event {
	return sla.Event{Kind: policy.StatusChanged, At: at, Status: name}
}

func reply(at time.Time) sla.Event {
	return sla.Event{Kind: policy.PublicReply, At: at, Actor: "agent"}
}

func note(at time.Time) sla.Event {
	return sla.Event{Kind: policy.InternalNote, At: at, Actor: "agent"}
}

func customer(at time.Time) sla.Event {
	return sla.Event{Kind: policy.CustomerReply, At: at, Actor: "customer"}
}

func tick(at time.Time) sla.Event { return sla.Event{Kind: policy.Tick, At: at} }

func priority(at time.Time, p string) sla.Event {
	return sla.Event{Kind: policy.PriorityChanged, At: at, Priority: p}
}

// replay applies events one by one with Evaluate, failing the test on any
// error, and returns the final state and every transition.
func replay(t testing.TB, set *policy.Set, events ...sla.Event) (sla.State, []sla.Transition) {
	t.Helper()
	var s sla.State
	var all []sla.Transition
	for i, ev := range events {
		next, ts, err := sla.Evaluate(set, s, ev)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		s, all = next, append(all, ts...)
	}
	return s, all
}

// mustJSON returns the JSON form of v; it panics on error, so that it may
// be called from any goroutine (t.Fatal may not).
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// tr is a transition in a short form for tables.
type tr struct {
	Kind   string
	Metric string
	Cycle  int
	At     time.Time
}

func short(ts []sla.Transition) []tr {
	out := make([]tr, len(ts))
	for i, t := range ts {
		out[i] = tr{t.Kind.String(), t.Metric, t.Cycle, t.At}
	}
	return out
}

// cycles returns the cycles of s, failing the test on error.
func cycles(t testing.TB, set *policy.Set, s sla.State) []sla.Cycle {
	t.Helper()
	cs, err := s.Cycles(set)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// only keeps the transitions of one metric.
func only(metric string, ts []sla.Transition) []tr {
	var out []tr
	for _, t := range short(ts) {
		if t.Metric == metric {
			out = append(out, t)
		}
	}
	return out
}

func errorIs(err, target error) bool { return errors.Is(err, target) }

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
