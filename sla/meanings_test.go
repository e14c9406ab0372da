package sla_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

func withID(ev sla.Event, id string) sla.Event { ev.ID = id; return ev }

func TestRetriedEventsAreDuplicates(t *testing.T) {
	set := loadSet(t)
	base := []sla.Event{
		withID(created(mon("09:00"), "recompute", "normal"), "c"),
		withID(reply(mon("09:10")), "r1"), // starts periodic_update
	}
	tests := []struct {
		name  string
		retry sla.Event
	}{
		{"a public reply sent again after a lost response", withID(reply(mon("09:20")), "r1")},
		{"the same event, at the same instant", withID(reply(mon("09:10")), "r1")},
		{"an earlier event retried late is a duplicate, not out of order", withID(created(mon("09:00"), "recompute", "normal"), "c")},
		{"Created retried on a created ticket", withID(created(mon("09:30"), "recompute", "normal"), "c")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := replay(t, set, base...)
			got, ts, err := sla.Evaluate(set, s, tt.retry)
			if !errors.Is(err, sla.ErrDuplicate) || ts != nil || !got.Equal(s) {
				t.Errorf("retry: %v transitions, error %v; want none, ErrDuplicate and the state unchanged", ts, err)
			}
			var e *sla.Error
			if !errors.As(err, &e) || e.Path != "event.id" || e.Value != tt.retry.ID {
				t.Errorf("error %#v, want an *sla.Error at event.id naming %q", err, tt.retry.ID)
			}
		})
	}
	t.Run("an event without an ID is applied as given", func(t *testing.T) {
		s, _ := replay(t, set, base...)
		_, ts, err := sla.Evaluate(set, s, reply(mon("09:20")))
		if err != nil || len(ts) != 2 {
			t.Errorf("a second reply without ID: %v, %v; want met and started", short(ts), err)
		}
	})
	t.Run("the window: the last 16 IDs are remembered", func(t *testing.T) {
		s, _ := replay(t, set, base...)
		for i := range 16 {
			var err error
			s, _, err = sla.Evaluate(set, s, withID(note(mon("10:00").Add(time.Duration(i)*time.Minute)), "n"+strings.Repeat("x", i)))
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := sla.Evaluate(set, s, withID(note(mon("11:00")), "n")); !errors.Is(err, sla.ErrDuplicate) {
			t.Errorf("the 16th last ID: %v, want ErrDuplicate", err)
		}
		if _, _, err := sla.Evaluate(set, s, withID(reply(mon("11:00")), "r1")); err != nil {
			t.Errorf("the 17th last ID: %v, want it forgotten and the event applied", err)
		}
	})
	t.Run("a Tick's ID is not remembered", func(t *testing.T) {
		s, _ := replay(t, set, base...)
		s, _, err := sla.Evaluate(set, s, withID(tick(mon("12:00")), "t"))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := sla.Evaluate(set, s, withID(note(mon("12:00")), "t")); err != nil {
			t.Errorf("an event with a Tick's ID: %v, want it applied", err)
		}
	})
	t.Run("an ID longer than 128 bytes is refused", func(t *testing.T) {
		s, _ := replay(t, set, base...)
		if _, _, err := sla.Evaluate(set, s, withID(note(mon("12:00")), strings.Repeat("i", 129))); !errors.Is(err, sla.ErrBadID) {
			t.Errorf("129-byte ID: %v, want ErrBadID", err)
		}
	})
	t.Run("Replay skips a repeated event", func(t *testing.T) {
		events := append(append([]sla.Event{}, base...), withID(reply(mon("09:20")), "r1"), reply(mon("09:30")))
		got, gotTs, err := sla.Replay(set, events)
		want, wantTs := replay(t, set, append(append([]sla.Event{}, base...), reply(mon("09:30")))...)
		if err != nil || !got.Equal(want) {
			t.Fatalf("Replay with a repeat: %v; want the state without it", err)
		}
		if diff := cmp.Diff(short(wantTs), short(gotTs)); diff != "" {
			t.Errorf("transitions (-without the repeat +with):\n%s", diff)
		}
	})
}

func TestTicksCarryNoNews(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"), reply(mon("10:00")))
	tests := []struct {
		name string
		at   time.Time
	}{
		{"a wake-up that lands after a newer event", mon("09:30")},
		{"a tick at the instant of the last event", mon("10:00")},
		{"a tick before any deadline", mon("11:00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ts, err := sla.Evaluate(set, s, tick(tt.at))
			if err != nil || ts != nil || !got.Equal(s) || !got.Last().Equal(s.Last()) {
				t.Errorf("tick at %v: %v, %v, last %v; want the same state, nothing, no error", tt.at, ts, err, got.Last())
			}
		})
	}
	t.Run("a tick that emits moves Last to its last transition, not to the tick", func(t *testing.T) {
		got, ts, err := sla.Evaluate(set, s, tick(mon("23:00")))
		if err != nil || len(ts) == 0 {
			t.Fatalf("tick at 23:00: %v, %v", ts, err)
		}
		if want := ts[len(ts)-1].At; !got.Last().Equal(want) {
			t.Errorf("Last = %v, want %v", got.Last(), want)
		}
		// An event between that transition and the tick is in order.
		if _, _, err := sla.Evaluate(set, got, note(ts[len(ts)-1].At.Add(time.Minute))); err != nil {
			t.Errorf("an event after the last transition: %v", err)
		}
	})
	t.Run("events earlier than the last event are refused", func(t *testing.T) {
		_, _, err := sla.Evaluate(set, s, note(mon("09:59")))
		if !errors.Is(err, sla.ErrOutOfOrder) {
			t.Errorf("note at 09:59: %v, want ErrOutOfOrder", err)
		}
	})
}

func TestNoPriority(t *testing.T) {
	set := loadSet(t)
	noPriority := created(mon("09:00"), "recompute", "")
	t.Run("a ticket created with no priority measures nothing and sends nothing", func(t *testing.T) {
		s, got := replay(t, set, noPriority, status(mon("10:00"), "Pending"), status(mon("11:00"), "Open"), tick(mon("23:00")))
		if diff := cmp.Diff([]tr{{"attached", "", 0, mon("09:00")}}, short(got)); diff != "" || !s.NextDeadline(set).IsZero() {
			t.Errorf("transitions %v, NextDeadline %v; want none", short(got), s.NextDeadline(set))
		}
		st, err := s.Status(set, mon("12:00"))
		if err != nil {
			t.Fatal(err)
		}
		if st[0].Stage != sla.StageRunning || st[0].Calendar != "" || st[0].Used != 0 {
			t.Errorf("first_response status %+v; want running, with no target, nothing measured", st[0])
		}
	})
	t.Run("a later priority measures the cycle from its start, with its pauses, and reports what it passed at the change", func(t *testing.T) {
		// Recompute's normal first_response: goal 4h, promise 6h, warnings at
		// 75% (3h) and 30m before the goal (3h30m), 24x7. Paused 10:00-11:00
		// on pending? first_response does not pause: 5h used by 14:00.
		_, got := replay(t, set, noPriority, status(mon("10:00"), "Pending"), status(mon("11:00"), "Open"),
			priority(mon("14:00"), "normal"), tick(mon("16:00")))
		want := []tr{
			{"started", "first_response", 1, mon("14:00")},
			{"goal_breached", "first_response", 1, mon("14:00")},
			{"promise_breached", "first_response", 1, mon("15:00").Add(ns)},
		}
		if diff := cmp.Diff(want, only("first_response", got)); diff != "" {
			t.Errorf("first_response (-want +got):\n%s", diff)
		}
		// resolution pauses while pending: 4h used by 14:00 of an 8h goal.
		wantRes := []tr{{"started", "resolution", 1, mon("14:00")}}
		if diff := cmp.Diff(wantRes, only("resolution", got)); diff != "" {
			t.Errorf("resolution (-want +got):\n%s", diff)
		}
	})
	t.Run("a silent cycle that is paused when it gets a target is reported started and paused", func(t *testing.T) {
		_, got := replay(t, set, noPriority, status(mon("10:00"), "Pending"), priority(mon("12:00"), "normal"))
		want := []tr{{"started", "resolution", 1, mon("12:00")}, {"paused", "resolution", 1, mon("12:00")}}
		if diff := cmp.Diff(want, only("resolution", got)); diff != "" {
			t.Errorf("resolution (-want +got):\n%s", diff)
		}
	})
	t.Run("a silent cycle gets a target and is recomputed even where a priority change restarts", func(t *testing.T) {
		_, got := replay(t, set, created(mon("09:00"), "restart", ""), priority(mon("10:00"), "urgent"), tick(mon("23:00")))
		want := []tr{
			{"started", "first_response", 1, mon("10:00")},
			{"goal_breached", "first_response", 1, mon("10:00").Add(ns)},
			{"promise_breached", "first_response", 1, mon("11:00").Add(ns)},
		}
		if diff := cmp.Diff(want, only("first_response", got)); diff != "" {
			t.Errorf("first_response (-want +got):\n%s", diff)
		}
	})
	t.Run("a priority can be removed", func(t *testing.T) {
		s, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"), priority(mon("10:00"), ""))
		if s.Priority() != "" || !s.NextDeadline(set).IsZero() {
			t.Errorf("priority %q, NextDeadline %v; want none and none", s.Priority(), s.NextDeadline(set))
		}
	})
}

func TestFinishedCyclesKeepTheirTarget(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set,
		created(mon("09:00"), "recompute", "normal"),
		reply(mon("10:00")),              // first_response met after 1h of a 4h goal
		priority(mon("11:00"), "urgent"), // later: the ticket's priority changes
	)
	got := cycleOf(t, s, "first_response", 1)
	want := sla.Cycle{
		Agreement: sla.Agreement{Name: "Recompute", Kind: policy.SLA}, Metric: "first_response", Number: 1,
		Stage: sla.StageMet, Priority: "normal", Calendar: "24x7", Goal: 4 * time.Hour, Promise: 6 * time.Hour,
		Start: mon("09:00"), End: mon("10:00"), GoalDue: mon("13:00"), PromiseDue: mon("15:00").Add(0), Used: time.Hour,
	}
	want.GoalDue, want.PromiseDue = time.Time{}, time.Time{} // it stopped short of them: nothing was due
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the met cycle (-want +got):\n%s", diff)
	}
	// A cycle that ran past its goal keeps the due instant it crossed.
	s, _ = replay(t, set, created(mon("09:00"), "recompute", "normal"), reply(mon("14:00")), priority(mon("15:00"), "low"))
	c := cycleOf(t, s, "first_response", 1)
	if !c.GoalDue.Equal(mon("13:00")) || c.Priority != "normal" || !c.GoalBreached.Equal(mon("13:00").Add(ns)) {
		t.Errorf("late cycle: due %v, priority %s, breached %v; want 13:00, normal, 13:00:00.000000001", c.GoalDue, c.Priority, c.GoalBreached)
	}
}

func TestRefusedEventsSayWhatAndWhere(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"))
	tests := []struct {
		name string
		ev   sla.Event
		is   error
		want string
	}{
		{"an unknown status lists the valid ones", status(mon("10:00"), "Nope"), sla.ErrUnknownStatus,
			`sla: event.status: "Nope": unknown status: want one of `},
		{"an unknown priority lists the valid ones", priority(mon("10:00"), "p9"), sla.ErrUnknownPriority,
			`sla: event.priority: "p9": unknown priority: want one of low, normal, high, urgent, or none (empty)`},
		{"the zero kind", sla.Event{At: mon("10:00")}, sla.ErrUnknownKind,
			`sla: event.kind: "EventKind(0)": unknown event kind: want one of created, status_changed`},
		{"the zero instant", sla.Event{Kind: policy.InternalNote}, sla.ErrBadTime,
			`sla: event.at: instant out of range: want an instant in the years 1800 to 2199`},
		{"out of order", note(mon("08:00")), sla.ErrOutOfOrder,
			`sla: event.at: "2026-03-02T08:00:00Z": event earlier than the last one (2026-03-02T09:00:00Z)`},
		{"created twice", created(mon("10:00"), "recompute", "normal"), sla.ErrCreated, `sla: event.kind: "created": ticket already created`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ts, err := sla.Evaluate(set, s, tt.ev)
			if !errors.Is(err, tt.is) || ts != nil || !got.Equal(s) {
				t.Fatalf("error %v, want %v and the state unchanged", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error reads\n%s\nwant it to start\n%s", err, tt.want)
			}
		})
	}
	t.Run("Replay names the event's position", func(t *testing.T) {
		_, _, err := sla.Replay(set, []sla.Event{created(mon("09:00"), "recompute", "normal"), note(mon("10:00")), status(mon("11:00"), "Nope")})
		var e *sla.Error
		if !errors.As(err, &e) || e.Path != "events[2].status" {
			t.Errorf("Replay error %v, want one at events[2].status", err)
		}
	})
}

func TestBreachesStayReportedWithoutATarget(t *testing.T) {
	set := loadSet(t)
	// Recompute's periodic_update: 4h/8h at normal, no target at high. From
	// 09:10 its goal breaks at 13:10 and its promise at 17:10; then the
	// priority moves to high, where it has no target.
	s, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"), reply(mon("09:10")),
		tick(mon("18:00")), priority(mon("18:30"), "high"))
	st, err := s.Status(set, mon("19:00"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range st {
		if m.Metric == "periodic_update" && (!m.GoalBreached || !m.PromiseBreached || m.Calendar != "") {
			t.Errorf("periodic_update without a target after its breaches: %+v; want both breaches still reported", m)
		}
	}
}
