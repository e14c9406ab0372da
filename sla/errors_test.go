package sla_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

func TestBadInput(t *testing.T) {
	set := loadSet(t)
	open, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"), reply(mon("10:00")))
	closed, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"), status(mon("10:00"), "Closed"))
	var zero sla.State
	tests := []struct {
		name  string
		set   *policy.Set
		state sla.State
		event sla.Event
		want  error
	}{
		{"the zero kind", set, open, sla.Event{At: mon("11:00")}, sla.ErrUnknownKind},
		{"a kind out of range", set, open, sla.Event{Kind: 99, At: mon("11:00")}, sla.ErrUnknownKind},
		{"a zero instant", set, open, reply(time.Time{}), sla.ErrZeroTime},
		{"an instant after year 9999", set, open, reply(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)), sla.ErrBadTime},
		{"an instant before year 1", set, zero, created(time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC), "recompute", "normal"), sla.ErrBadTime},
		{"an instant before 1800", set, zero, created(time.Date(1799, 12, 31, 23, 0, 0, 0, time.UTC), "recompute", "normal"), sla.ErrBadTime},
		{"an instant in 2200", set, open, tick(time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)), sla.ErrBadTime},
		{"a reply before the ticket is created", set, zero, reply(mon("09:00")), sla.ErrNotCreated},
		{"a tick before the ticket is created", set, zero, tick(mon("09:00")), sla.ErrNotCreated},
		{"created twice", set, open, created(mon("11:00"), "recompute", "normal"), sla.ErrCreated},
		{"a reply after close", set, closed, reply(mon("11:00")), sla.ErrClosed},
		{"reopening after close", set, closed, status(mon("11:00"), "Open"), sla.ErrClosed},
		{"a priority change after close", set, closed, priority(mon("11:00"), "high"), sla.ErrClosed},
		{"an event earlier than the last one", set, open, note(mon("09:59")), sla.ErrOutOfOrder},
		{"a tick earlier than the last event", set, open, tick(mon("09:59")), sla.ErrOutOfOrder},
		{"an event before creation", set, open, customer(mon("08:00")), sla.ErrOutOfOrder},
		{"an unknown status at creation", set, zero, sla.Event{Kind: sla.Created, At: mon("09:00"), Status: "Limbo", Priority: "normal"}, sla.ErrUnknownStatus},
		{"an unknown status name", set, open, status(mon("11:00"), "Limbo"), sla.ErrUnknownStatus},
		{"an empty status name on a change", set, open, status(mon("11:00"), ""), sla.ErrUnknownStatus},
		{"an unknown priority at creation", set, zero, created(mon("09:00"), "recompute", "critical"), sla.ErrUnknownPriority},
		{"no priority at creation", set, zero, created(mon("09:00"), "recompute", ""), sla.ErrUnknownPriority},
		{"a change to an unknown priority", set, open, priority(mon("11:00"), "critical"), sla.ErrUnknownPriority},
		{"a state whose policy the set lacks", nil, open, reply(mon("11:00")), sla.ErrUnknownPolicy},
		{"a state whose policy the set lacks, on a tick", nil, open, tick(mon("11:00")), sla.ErrUnknownPolicy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := mustJSON(t, tt.state)
			got, ts, err := sla.Evaluate(tt.set, tt.state, tt.event)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			var ee *sla.EventError
			if !errors.As(err, &ee) || ee.Index != -1 || ee.Kind != tt.event.Kind || !strings.HasPrefix(err.Error(), "sla: event (") {
				t.Errorf("error %q (%T), want an *EventError for this event", err, err)
			}
			if ts != nil {
				t.Errorf("transitions %v, want none", ts)
			}
			if after := mustJSON(t, got); after != before {
				t.Errorf("state returned changed:\n%s\nwant\n%s", after, before)
			}
			if after := mustJSON(t, tt.state); after != before {
				t.Errorf("state given changed")
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, created(mon("10:00"), "recompute", "normal"))
	tests := []struct {
		name string
		ev   sla.Event
		want string
	}{
		{"out of order names the last instant", reply(mon("09:00")),
			"sla: event (public_reply at 2026-03-02T09:00:00Z): event earlier than the last one (2026-03-02T10:00:00Z)"},
		{"an unknown status names it", status(mon("11:00"), "Limbo"),
			`sla: event (status_changed at 2026-03-02T11:00:00Z): unknown status "Limbo"`},
		{"a zero instant", reply(time.Time{}), "sla: event (public_reply at the zero Time): zero instant"},
		{"an unknown kind", sla.Event{Kind: 42, At: mon("11:00")}, "sla: event (Kind(42) at 2026-03-02T11:00:00Z): unknown event kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := sla.Evaluate(set, s, tt.ev)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
	_, _, err := sla.Replay(set, []sla.Event{created(mon("10:00"), "recompute", "normal"), reply(mon("09:00"))})
	if want := "sla: event 1 (public_reply at 2026-03-02T09:00:00Z): event earlier than the last one (2026-03-02T10:00:00Z)"; err == nil || err.Error() != want {
		t.Errorf("Replay error %q, want %q", err, want)
	}
}

// TestNoPanic pins what odd but possible inputs do.
func TestNoPanic(t *testing.T) {
	set := loadSet(t)
	t.Run("a nil set has no policies: tickets have no SLA, and any priority goes", func(t *testing.T) {
		s, ts := replay(t, nil, sla.Event{Kind: sla.Created, At: mon("09:00"), Priority: "whatever"},
			status(mon("10:00"), "pending"), reply(mon("11:00")), tick(mon("12:00")))
		if _, _, ok := s.Policy(); ok || len(ts) != 0 || s.Category() != policy.CategoryPending {
			t.Errorf("policy %v, transitions %v, category %v; want none, none, pending", ok, ts, s.Category())
		}
		if _, _, err := sla.Evaluate(nil, s, status(mon("13:00"), "Limbo")); !errors.Is(err, sla.ErrUnknownStatus) {
			t.Errorf("an unknown status with a nil set: %v, want ErrUnknownStatus", err)
		}
	})
	t.Run("a status the set does not list but that names a category is that category", func(t *testing.T) {
		s, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"), status(mon("10:00"), "on_hold"))
		if s.Category() != policy.CategoryOnHold {
			t.Errorf("category %v, want on_hold", s.Category())
		}
	})
	t.Run("created without a status is new", func(t *testing.T) {
		s, _ := replay(t, set, sla.Event{Kind: sla.Created, At: mon("09:00"), Priority: "normal", Fields: fields("recompute")})
		if s.Category() != policy.CategoryNew {
			t.Errorf("category %v, want new", s.Category())
		}
	})
	t.Run("a state decoded from null or {} is the zero State", func(t *testing.T) {
		for _, doc := range []string{"null", "{}", " {} "} {
			var s sla.State
			if err := s.UnmarshalJSON([]byte(doc)); err != nil {
				t.Fatalf("%s: %v", doc, err)
			}
			if _, _, err := sla.Evaluate(set, s, reply(mon("09:00"))); !errors.Is(err, sla.ErrNotCreated) {
				t.Errorf("%s: a reply: %v, want ErrNotCreated", doc, err)
			}
			if _, _, err := sla.Evaluate(nil, s, sla.Event{Kind: sla.Created, At: mon("09:00"), Status: "open"}); err != nil {
				t.Errorf("%s: created with a nil set: %v", doc, err)
			}
		}
	})
	t.Run("the zero State answers its methods", func(t *testing.T) {
		var s sla.State
		st, err := s.Status(nil, mon("09:00"))
		if err != nil || len(st) != 0 || len(s.Cycles()) != 0 || !s.NextDeadline().IsZero() {
			t.Errorf("Status %v, %v; Cycles %v; NextDeadline %v", st, err, s.Cycles(), s.NextDeadline())
		}
		rows, err := sla.Summarize(nil, []sla.State{s}, mon("00:00"), mon("23:00"))
		if err != nil || len(rows) != 0 {
			t.Errorf("Summarize: %v, %v", rows, err)
		}
	})
	t.Run("Status and Summarize with a set lacking the calendar are errors", func(t *testing.T) {
		s, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"))
		if _, err := s.Status(nil, mon("10:00")); !errors.Is(err, sla.ErrUnknownPolicy) {
			t.Errorf("Status: %v, want ErrUnknownPolicy", err)
		}
		if _, err := sla.Summarize(nil, []sla.State{s}, mon("00:00"), mon("23:00")); !errors.Is(err, sla.ErrUnknownPolicy) {
			t.Errorf("Summarize: %v, want ErrUnknownPolicy", err)
		}
	})
}

// TestStateNeverMutated evaluates two different events on one state and
// checks that neither the state given nor the other branch changes.
func TestStateNeverMutated(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set,
		created(mon("09:00"), "recompute", "normal"),
		reply(mon("09:30")),
		customer(mon("10:00")),
		status(mon("10:30"), "Pending"),
	)
	before := mustJSON(t, s)
	beforeCycles := s.Cycles()
	a, _, err := sla.Evaluate(set, s, status(mon("11:00"), "Open"))
	if err != nil {
		t.Fatal(err)
	}
	aJSON := mustJSON(t, a)
	b, _, err := sla.Evaluate(set, s, status(mon("11:00"), "Solved"))
	if err != nil {
		t.Fatal(err)
	}
	bJSON := mustJSON(t, b)
	// Keep going on both branches.
	for _, ev := range []sla.Event{reply(mon("12:00")), priority(mon("13:00"), "urgent"), tick(mon("23:00"))} {
		if a, _, err = sla.Evaluate(set, a, ev); err != nil {
			t.Fatal(err)
		}
	}
	if b, _, err = sla.Evaluate(set, b, status(mon("12:00"), "Open")); err != nil {
		t.Fatal(err)
	}
	_ = b
	if got := mustJSON(t, s); got != before {
		t.Errorf("the state given changed:\n%s\nwant\n%s", got, before)
	}
	if diff := cmp.Diff(beforeCycles, s.Cycles()); diff != "" {
		t.Errorf("the state given's cycles changed (-before +after):\n%s", diff)
	}
	a2, _, _ := sla.Evaluate(set, s, status(mon("11:00"), "Open"))
	b2, _, _ := sla.Evaluate(set, s, status(mon("11:00"), "Solved"))
	if mustJSON(t, a2) != aJSON || mustJSON(t, b2) != bJSON {
		t.Errorf("evaluating the same event on the same state again gave another result")
	}
}

// TestBranchesDoNotShareChanges applies different events to one state
// whose clocks have paused many times, and goes on from each: what one
// branch adds to a clock must not show in another, nor in the state they
// came from, however the branches are interleaved.
func TestBranchesDoNotShareChanges(t *testing.T) {
	set := loadSet(t)
	events := []sla.Event{created(mon("09:00"), "recompute", "normal")}
	for h := 9; h < 15; h++ {
		at := mon(fmt.Sprintf("%02d:10", h))
		events = append(events, status(at, "Pending"), status(at.Add(20*time.Minute), "Open"))
	}
	base, _ := replay(t, set, events...)
	before := mustJSON(t, base)
	at := base.Last().Add(time.Minute)
	alts := [][]sla.Event{
		{status(at, "Pending"), status(at.Add(time.Minute), "Open"), status(at.Add(2*time.Minute), "Pending")},
		{status(at, "Solved")},
		{status(at, "On hold"), status(at.Add(3*time.Minute), "Open"), status(at.Add(4*time.Minute), "Solved")},
		{reply(at), status(at.Add(time.Minute), "Pending")},
	}
	// Apply the branches' events in turns, one event of each at a time.
	states := make([]sla.State, len(alts))
	for i := range states {
		states[i] = base
	}
	for step := range 3 {
		for i, alt := range alts {
			if step < len(alt) {
				next, _, err := sla.Evaluate(set, states[i], alt[step])
				if err != nil {
					t.Fatalf("branch %d, event %d: %v", i, step, err)
				}
				states[i] = next
			}
		}
	}
	if got := mustJSON(t, base); got != before {
		t.Errorf("the state the branches came from changed:\n%s\nwant\n%s", got, before)
	}
	for i, alt := range alts {
		want, _ := replay(t, set, append(slices.Clip(events), alt...)...)
		if got := mustJSON(t, states[i]); got != mustJSON(t, want) {
			t.Errorf("branch %d:\n%s\nwant, replayed alone:\n%s", i, got, mustJSON(t, want))
		}
	}
}
