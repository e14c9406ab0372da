package sla_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

const ns = time.Nanosecond

// cycleOf returns the n-th cycle of metric in s.
func cycleOf(t *testing.T, s sla.State, metric string, n int) sla.Cycle {
	t.Helper()
	for _, c := range cycles(t, loadSet(t), s) {
		if c.Metric == metric && c.Number == n {
			return c
		}
	}
	t.Fatalf("no cycle %d of %s", n, metric)
	return sla.Cycle{}
}

func TestFirstResponse(t *testing.T) {
	set := loadSet(t)
	byAgent := created(mon("09:00"), "recompute", "normal")
	byAgent.ByAgent, byAgent.Actor = true, "agent ann"
	tests := []struct {
		name   string
		events []sla.Event
		want   []tr
	}{
		{
			name:   "met by the first public reply",
			events: []sla.Event{created(mon("09:00"), "recompute", "normal"), reply(mon("10:00")), reply(mon("11:00"))},
			want:   []tr{{"started", "first_response", 1, mon("09:00")}, {"met", "first_response", 1, mon("10:00")}},
		},
		{
			name:   "an internal note does not meet it",
			events: []sla.Event{created(mon("09:00"), "recompute", "normal"), note(mon("09:30")), reply(mon("10:00"))},
			want:   []tr{{"started", "first_response", 1, mon("09:00")}, {"met", "first_response", 1, mon("10:00")}},
		},
		{
			name:   "a customer reply does not meet it",
			events: []sla.Event{created(mon("09:00"), "recompute", "normal"), customer(mon("09:30")), reply(mon("10:00"))},
			want:   []tr{{"started", "first_response", 1, mon("09:00")}, {"met", "first_response", 1, mon("10:00")}},
		},
		{
			name:   "an agent-created ticket: the creation does not count, the next public reply meets it",
			events: []sla.Event{byAgent, note(mon("09:10")), reply(mon("09:20"))},
			want:   []tr{{"started", "first_response", 1, mon("09:00")}, {"met", "first_response", 1, mon("09:20")}},
		},
		{
			name:   "closing without a reply cancels it",
			events: []sla.Event{created(mon("09:00"), "recompute", "normal"), status(mon("09:30"), "Closed")},
			want:   []tr{{"started", "first_response", 1, mon("09:00")}, {"cancelled", "first_response", 1, mon("09:30")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := replay(t, set, tt.events...)
			if diff := cmp.Diff(tt.want, only("first_response", got)); diff != "" {
				t.Errorf("first_response transitions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNextResponse(t *testing.T) {
	set := loadSet(t)
	s, got := replay(t, set,
		created(mon("09:00"), "recompute", "normal"),
		reply(mon("09:10")),
		customer(mon("10:00")), // the oldest unanswered message
		customer(mon("10:30")), // does not move it
		note(mon("11:00")),     // does not meet it
		reply(mon("11:30")),    // meets it
		customer(mon("12:00")), // a new cycle
		tick(mon("14:30")),
	)
	want := []tr{
		{"started", "next_response", 1, mon("10:00")},
		{"met", "next_response", 1, mon("11:30")},
		{"started", "next_response", 2, mon("12:00")},
		{"goal_breached", "next_response", 2, mon("14:00").Add(ns)},
	}
	if diff := cmp.Diff(want, only("next_response", got)); diff != "" {
		t.Errorf("next_response transitions (-want +got):\n%s", diff)
	}
	if c := cycleOf(t, s, "next_response", 1); c.Used != 90*time.Minute {
		t.Errorf("cycle 1 used %v, want 1h30m", c.Used)
	}
}

func TestPeriodicUpdate(t *testing.T) {
	set := loadSet(t)
	s, got := replay(t, set,
		created(mon("09:00"), "recompute", "normal"),
		reply(mon("09:10")),             // starts the first cycle
		status(mon("10:00"), "Pending"), // pauses it
		status(mon("12:00"), "On hold"), // still paused
		status(mon("12:30"), "Open"),    // resumes it
		reply(mon("13:00")),             // meets it and starts the next
		status(mon("14:00"), "Solved"),  // cancels the running one
		status(mon("14:30"), "Open"),    // a reopen does not restart it
		reply(mon("15:00")),             // a reply does
	)
	want := []tr{
		{"started", "periodic_update", 1, mon("09:10")},
		{"paused", "periodic_update", 1, mon("10:00")},
		{"resumed", "periodic_update", 1, mon("12:30")},
		{"met", "periodic_update", 1, mon("13:00")},
		{"started", "periodic_update", 2, mon("13:00")},
		{"cancelled", "periodic_update", 2, mon("14:00")},
		{"started", "periodic_update", 3, mon("15:00")},
	}
	if diff := cmp.Diff(want, only("periodic_update", got)); diff != "" {
		t.Errorf("periodic_update transitions (-want +got):\n%s", diff)
	}
	if c := cycleOf(t, s, "periodic_update", 1); c.Used != 80*time.Minute {
		t.Errorf("cycle 1 used %v, want 1h20m (50m before pending, 30m after)", c.Used)
	}
}

func TestResolution(t *testing.T) {
	set := loadSet(t)
	s, got := replay(t, set,
		created(mon("09:00"), "recompute", "normal"),
		status(mon("10:00"), "Pending"),
		status(mon("11:00"), "On hold"),
		status(mon("12:00"), "In progress"),
		status(mon("13:00"), "Solved"),
	)
	want := []tr{
		{"started", "resolution", 1, mon("09:00")},
		{"paused", "resolution", 1, mon("10:00")},
		{"resumed", "resolution", 1, mon("12:00")},
		{"met", "resolution", 1, mon("13:00")},
	}
	if diff := cmp.Diff(want, only("resolution", got)); diff != "" {
		t.Errorf("resolution transitions (-want +got):\n%s", diff)
	}
	if c := cycleOf(t, s, "resolution", 1); c.Used != 2*time.Hour {
		t.Errorf("used %v, want 2h (paused while pending and on hold, as the policy says)", c.Used)
	}
}

func TestReopenStartsNewCycle(t *testing.T) {
	set := loadSet(t)
	solved, _ := replay(t, set,
		created(mon("09:00"), "recompute", "normal"),
		reply(mon("09:30")),
		status(mon("10:00"), "Solved"),
	)
	first := cycleOf(t, solved, "resolution", 1)

	var got []sla.Transition
	s := solved
	for _, ev := range []sla.Event{
		status(mon("11:00"), "Open"),
		status(mon("12:00"), "Pending"),
		status(mon("13:00"), "Solved"),
		status(mon("14:00"), "Pending"), // reopened straight into a paused category
	} {
		var ts []sla.Transition
		var err error
		s, ts, err = sla.Evaluate(set, s, ev)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ts...)
	}
	want := []tr{
		{"started", "resolution", 2, mon("11:00")},
		{"paused", "resolution", 2, mon("12:00")},
		{"met", "resolution", 2, mon("13:00")}, // a stop is tested before pausing: no resume on the way out
		{"started", "resolution", 3, mon("14:00")},
		{"paused", "resolution", 3, mon("14:00")},
	}
	if diff := cmp.Diff(want, short(got)); diff != "" {
		t.Errorf("transitions after the reopen (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(first, cycleOf(t, s, "resolution", 1)); diff != "" {
		t.Errorf("the first cycle changed (-before +after):\n%s", diff)
	}
	if c := cycleOf(t, s, "resolution", 2); c.Used != time.Hour {
		t.Errorf("cycle 2 used %v, want 1h", c.Used)
	}
	if c := cycleOf(t, s, "first_response", 1); c.Stage != sla.StageMet {
		t.Errorf("first_response is %v after the reopen, want met: it does not restart", c.Stage)
	}
}

func TestClosedIsFinal(t *testing.T) {
	set := loadSet(t)
	s, got := replay(t, set,
		created(mon("09:00"), "custom", "normal"),
		status(mon("10:00"), "Pending"),
		status(mon("11:00"), "Closed"),
	)
	// Custom metrics come in the policy's order: by name.
	want := []tr{
		{"attached", "", 0, mon("09:00")},
		{"started", "never_pause", 1, mon("09:00")},
		{"started", "pause_both", 1, mon("09:00")},
		{"started", "pause_pending", 1, mon("09:00")},
		{"paused", "pause_both", 1, mon("10:00")},
		{"paused", "pause_pending", 1, mon("10:00")},
		// Closing cancels every clock no condition ended.
		{"cancelled", "never_pause", 1, mon("11:00")},
		{"cancelled", "pause_both", 1, mon("11:00")},
		{"cancelled", "pause_pending", 1, mon("11:00")},
	}
	if diff := cmp.Diff(want, short(got)); diff != "" {
		t.Errorf("transitions (-want +got):\n%s", diff)
	}
	if !s.NextDeadline(set).IsZero() {
		t.Errorf("NextDeadline = %v after close, want none", s.NextDeadline(set))
	}
	s2, ts, err := sla.Evaluate(set, s, tick(mon("23:00")))
	if err != nil || len(ts) != 0 {
		t.Errorf("a tick after close: %v transitions, error %v; want none, nil", ts, err)
	}
	for _, ev := range []sla.Event{status(mon("23:00"), "Open"), reply(mon("23:00")), priority(mon("23:00"), "high")} {
		if _, _, err := sla.Evaluate(set, s2, ev); !errorIs(err, sla.ErrClosed) {
			t.Errorf("%v after close: error %v, want ErrClosed", ev.Kind, err)
		}
	}
}

// TestCustomMetricPauses: open 2h, pending 3h, open 1h, on hold 2h, open
// 1h, solved, on a 24x7 calendar.
func TestCustomMetricPauses(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set,
		created(mon("00:00"), "custom", "normal"),
		status(mon("02:00"), "Pending"),
		status(mon("05:00"), "Open"),
		status(mon("06:00"), "On hold"),
		status(mon("08:00"), "Open"),
		status(mon("09:00"), "Solved"),
	)
	for _, tt := range []struct {
		name, metric string
		want         time.Duration
	}{
		{"paused while pending or on hold", "pause_both", 4 * time.Hour},
		{"paused only while pending", "pause_pending", 6 * time.Hour},
		{"never paused", "never_pause", 9 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := cycleOf(t, s, tt.metric, 1)
			if c.Stage != sla.StageMet || c.Used != tt.want {
				t.Errorf("%s: %v, used %v; want met, used %v", tt.metric, c.Stage, c.Used, tt.want)
			}
		})
	}
	st, err := s.Status(set, mon("12:00"))
	if err != nil {
		t.Fatal(err)
	}
	var used []time.Duration
	for _, m := range st {
		used = append(used, m.Used)
	}
	// never_pause, pause_both, pause_pending: the policy's order.
	if diff := cmp.Diff([]time.Duration{9 * time.Hour, 4 * time.Hour, 6 * time.Hour}, used); diff != "" {
		t.Errorf("Status used (-want +got):\n%s", diff)
	}
}

func TestGoalPromiseAndWarnings(t *testing.T) {
	set := loadSet(t)
	t.Run("around the clock: warnings at 75% and 30m before the goal, then goal, then promise", func(t *testing.T) {
		_, got := replay(t, set, created(mon("09:00"), "recompute", "normal"), tick(mon("23:00")))
		want := []tr{
			{"warning", "first_response", 1, mon("12:00")},
			{"warning", "first_response", 1, mon("12:30")},
			{"goal_breached", "first_response", 1, mon("13:00").Add(ns)},
			{"promise_breached", "first_response", 1, mon("15:00").Add(ns)},
		}
		var warnings []tr
		for _, x := range only("first_response", got) {
			if x.Kind != "started" {
				warnings = append(warnings, x)
			}
		}
		if diff := cmp.Diff(want, warnings); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("business hours across a weekend and the spring-forward change", func(t *testing.T) {
		ny, _ := time.LoadLocation("America/New_York")
		fri := time.Date(2026, 3, 6, 15, 0, 0, 0, ny) // EST; Monday is EDT
		monday := func(h int) time.Time { return time.Date(2026, 3, 9, h, 0, 0, 0, ny) }
		tuesday := func(h int) time.Time { return time.Date(2026, 3, 10, h, 0, 0, 0, ny) }
		_, got := replay(t, set, created(fri, "business", "normal"), tick(tuesday(23)))
		want := []tr{
			{"attached", "", 0, fri},
			{"started", "first_response", 1, fri},
			{"started", "resolution", 1, fri},
			// first_response: goal 4h, promise 8h, a warning 1h before the goal.
			{"warning", "first_response", 1, monday(10)},
			{"goal_breached", "first_response", 1, monday(11).Add(ns)},
			// resolution: goal 2bd (Tuesday 15:00, 16h), a warning at 50% (8h).
			{"warning", "resolution", 1, monday(15)},
			{"promise_breached", "first_response", 1, monday(15).Add(ns)},
			{"goal_breached", "resolution", 1, tuesday(15).Add(ns)},
		}
		if diff := cmp.Diff(want, short(got)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestBreachBoundary(t *testing.T) {
	set := loadSet(t)
	start := created(mon("09:00"), "restart", "normal") // first_response goal 4h, promise 6h
	tests := []struct {
		name   string
		events []sla.Event
		want   []tr
	}{
		{
			name:   "a reply at the due instant meets the goal: used equals goal, not breached",
			events: []sla.Event{start, reply(mon("13:00"))},
			want:   []tr{{"started", "first_response", 1, mon("09:00")}, {"met", "first_response", 1, mon("13:00")}},
		},
		{
			name:   "a tick at the due instant reports nothing",
			events: []sla.Event{start, tick(mon("13:00"))},
			want:   []tr{{"started", "first_response", 1, mon("09:00")}},
		},
		{
			name:   "one nanosecond later the goal is breached",
			events: []sla.Event{start, tick(mon("13:00").Add(ns))},
			want:   []tr{{"started", "first_response", 1, mon("09:00")}, {"goal_breached", "first_response", 1, mon("13:00").Add(ns)}},
		},
		{
			name:   "a reply one nanosecond late is breached, then met",
			events: []sla.Event{start, reply(mon("13:00").Add(ns))},
			want: []tr{{"started", "first_response", 1, mon("09:00")},
				{"goal_breached", "first_response", 1, mon("13:00").Add(ns)}, {"met", "first_response", 1, mon("13:00").Add(ns)}},
		},
		{
			name:   "a breach at 17:00 reported by a tick at 18:00 is stamped 17:00",
			events: []sla.Event{created(mon("13:00"), "restart", "normal"), tick(mon("18:00"))},
			want:   []tr{{"started", "first_response", 1, mon("13:00")}, {"goal_breached", "first_response", 1, mon("17:00").Add(ns)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := replay(t, set, tt.events...)
			if diff := cmp.Diff(tt.want, only("first_response", got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	t.Run("a business-hours goal due at the close is breached at the next opening plus a nanosecond", func(t *testing.T) {
		ny, _ := time.LoadLocation("America/New_York")
		open := time.Date(2026, 3, 3, 13, 0, 0, 0, ny) // Tuesday; goal 4h due at 17:00
		s, _ := replay(t, set, created(open, "business", "normal"))
		if got, want := s.NextDeadline(set), time.Date(2026, 3, 3, 16, 0, 0, 0, ny); !got.Equal(want) {
			t.Errorf("NextDeadline() = %v, want the warning at %v", got, want)
		}
		s, _ = replay(t, set, created(open, "business", "normal"), tick(time.Date(2026, 3, 3, 16, 30, 0, 0, ny)))
		want := time.Date(2026, 3, 4, 9, 0, 1, 0, ny) // the breach at 09:00:00.000000001, up to a whole second
		if got := s.NextDeadline(set); !got.Equal(want) {
			t.Errorf("NextDeadline = %v, want %v", got, want)
		}
		_, ts, err := sla.Evaluate(set, s, tick(time.Date(2026, 3, 3, 23, 0, 0, 0, ny)))
		if err != nil || len(ts) != 0 {
			t.Errorf("tick at 23:00: %v, %v; want nothing: the goal is used exactly, not exceeded", ts, err)
		}
	})
}

// priorityChanges are the rows of TestPriorityChange.
var priorityChanges = []struct {
	name   string
	events []sla.Event
	metric string
	want   []tr
	next   time.Time
}{
	{
		name:   "recompute: same start, the new target's deadlines",
		events: []sla.Event{created(mon("09:00"), "recompute", "normal"), priority(mon("09:30"), "high")},
		metric: "first_response",
		want:   []tr{{"started", "first_response", 1, mon("09:00")}},
		next:   mon("10:00"), // the 50% warning of a 2h goal from 09:00
	},
	{
		name: "recompute: breached the moment the change lands, stamped at the change",
		events: []sla.Event{created(mon("09:00"), "recompute", "normal"), priority(mon("11:00"), "urgent"),
			tick(mon("23:00"))},
		metric: "first_response",
		want: []tr{{"started", "first_response", 1, mon("09:00")},
			{"goal_breached", "first_response", 1, mon("11:00")},
			{"promise_breached", "first_response", 1, mon("11:00")}},
	},
	{
		name:   "recompute: a passed warning of the new target fires once, at the change",
		events: []sla.Event{created(mon("09:00"), "recompute", "normal"), priority(mon("10:30"), "high")},
		metric: "first_response",
		want:   []tr{{"started", "first_response", 1, mon("09:00")}, {"warning", "first_response", 1, mon("10:30")}},
		next:   mon("11:00").Add(time.Second),
	},
	{
		name: "recompute: a looser target does not undo a breach",
		events: []sla.Event{created(mon("09:00"), "recompute", "urgent"), tick(mon("09:45")),
			priority(mon("10:00"), "low"), reply(mon("10:30"))},
		metric: "first_response",
		want: []tr{{"started", "first_response", 1, mon("09:00")},
			{"warning", "first_response", 1, mon("09:15")},
			{"goal_breached", "first_response", 1, mon("09:30").Add(ns)},
			{"met", "first_response", 1, mon("10:30")}},
	},
	{
		name:   "restart: the cycle is cancelled and a new one starts at the change",
		events: []sla.Event{created(mon("09:00"), "restart", "normal"), priority(mon("10:00"), "urgent")},
		metric: "first_response",
		want: []tr{{"started", "first_response", 1, mon("09:00")},
			{"cancelled", "first_response", 1, mon("10:00")},
			{"started", "first_response", 2, mon("10:00")}},
		next: mon("11:00").Add(time.Second),
	},
	{
		name:   "restart: a clock already breached is cancelled with its breach kept, and a new one starts",
		events: []sla.Event{created(mon("09:00"), "restart", "normal"), priority(mon("14:00"), "urgent")},
		metric: "first_response",
		want: []tr{{"started", "first_response", 1, mon("09:00")},
			{"goal_breached", "first_response", 1, mon("13:00").Add(ns)},
			{"cancelled", "first_response", 1, mon("14:00")},
			{"started", "first_response", 2, mon("14:00")}},
		next: mon("15:00").Add(time.Second),
	},
	{
		name: "recompute to a priority without a target: the cycle goes on without a deadline, and ends as cycles do",
		events: []sla.Event{created(mon("09:00"), "recompute", "normal"), reply(mon("09:10")),
			priority(mon("10:00"), "high"), tick(mon("23:00")), reply(mon("23:30"))},
		metric: "periodic_update",
		want: []tr{{"started", "periodic_update", 1, mon("09:10")},
			{"met", "periodic_update", 1, mon("23:30")}},
	},
	{
		name:   "the same priority again changes nothing",
		events: []sla.Event{created(mon("09:00"), "restart", "normal"), priority(mon("10:00"), "normal")},
		metric: "first_response",
		want:   []tr{{"started", "first_response", 1, mon("09:00")}},
		next:   mon("13:00").Add(time.Second),
	},
}

func TestPriorityChange(t *testing.T) {
	set := loadSet(t)
	for _, tt := range priorityChanges {
		t.Run(tt.name, func(t *testing.T) {
			s, got := replay(t, set, tt.events...)
			if diff := cmp.Diff(tt.want, only(tt.metric, got)); diff != "" {
				t.Errorf("transitions (-want +got):\n%s", diff)
			}
			if !tt.next.IsZero() && !s.NextDeadline(set).Equal(tt.next) {
				t.Errorf("NextDeadline = %v, want %v", s.NextDeadline(set), tt.next)
			}
		})
	}
	t.Run("recompute into another calendar measures the same history in it", func(t *testing.T) {
		ny, _ := time.LoadLocation("America/New_York")
		fri := func(h int) time.Time { return time.Date(2026, 3, 6, h, 0, 0, 0, ny) }
		// normal counts business hours; urgent's 1h goal counts 24x7.
		s, got := replay(t, set, created(fri(15), "business", "normal"), priority(fri(16), "urgent"), tick(fri(17)))
		want := []tr{{"started", "first_response", 1, fri(15)},
			{"goal_breached", "first_response", 1, fri(16).Add(ns)}}
		if diff := cmp.Diff(want, only("first_response", got)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		c := cycleOf(t, s, "first_response", 1)
		if c.Priority != "urgent" || c.Calendar != "24x7" || c.Goal != time.Hour {
			t.Errorf("cycle measured against %s/%s/%v, want urgent/24x7/1h", c.Priority, c.Calendar, c.Goal)
		}
	})
}

func TestTransitionsCarryPriority(t *testing.T) {
	set := loadSet(t)
	_, got := replay(t, set, created(mon("09:00"), "recompute", "normal"), tick(mon("12:00")), priority(mon("12:10"), "urgent"))
	var prios []string
	for _, x := range got {
		if x.Metric == "first_response" {
			prios = append(prios, x.Kind.String()+"/"+x.Priority+"/"+x.Warning)
		}
	}
	want := []string{"started/normal/", "warning/normal/75%", "goal_breached/urgent/", "promise_breached/urgent/"}
	if diff := cmp.Diff(want, prios); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestAgreementChosenAtCreation(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, created(mon("09:00"), "restart", "normal"))
	if diff := cmp.Diff([]sla.Agreement{{Name: "Restart", Kind: policy.SLA}}, s.Agreements()); diff != "" {
		t.Errorf("Agreements (-want +got):\n%s", diff)
	}
	none, got := replay(t, set, created(mon("09:00"), "nothing matches", "normal"), reply(mon("10:00")), tick(mon("23:00")))
	if len(none.Agreements()) != 0 || len(got) != 0 || len(cycles(t, set, none)) != 0 {
		t.Errorf("a ticket no agreement matches: %v, %d transitions, %d cycles; want none", none.Agreements(), len(got), len(cycles(t, set, none)))
	}
}

func TestPolicyVersions(t *testing.T) {
	doc := `{"calendars": {"24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}},
	 "priorities": ["normal"],
	 "policies": [
	  {"name": "P", "effective_from": "2026-01-01T00:00:00Z", "calendar": "24x7",
	   "targets": {"first_response": {"normal": {"goal": "4h"}}}},
	  {"name": "P", "effective_from": "2026-03-02T12:00:00Z", "calendar": "24x7",
	   "targets": {"first_response": {"normal": {"goal": "1h"}}}}]}`
	set, err := policy.Load([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := replay(t, set, sla.Event{Kind: policy.Created, At: mon("11:00"), Priority: "normal"}, tick(mon("13:00")))
	if v := s.Agreements()[0].Version; !v.Equal(ts("2026-01-01T00:00:00Z")) {
		t.Errorf("version %v, want the one in force at creation", v)
	}
	if got, want := s.NextDeadline(set), mon("15:00").Add(time.Second); !got.Equal(want) {
		t.Errorf("NextDeadline = %v, want %v: the ticket keeps the 4h goal of its version", got, want)
	}
	// A set that no longer has that version.
	later, err := policy.Load([]byte(`{"calendars": {"24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}},
	 "priorities": ["normal"],
	 "policies": [{"name": "P", "effective_from": "2026-03-02T12:00:00Z", "calendar": "24x7",
	   "targets": {"first_response": {"normal": {"goal": "1h"}}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	got, ts, err := sla.Evaluate(later, s, tick(mon("14:00")))
	if !errorIs(err, sla.ErrUnknownPolicy) || ts != nil || !got.Equal(s) {
		t.Errorf("Evaluate with the version gone: %v, %v; want ErrUnknownPolicy and the state unchanged", ts, err)
	}
}

func TestStatus(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set,
		created(mon("09:00"), "recompute", "normal"),
		status(mon("10:00"), "Pending"),
		status(mon("11:00"), "Open"),
	)
	got, err := s.Status(set, mon("12:00"))
	if err != nil {
		t.Fatal(err)
	}
	recompute := sla.Agreement{Name: "Recompute", Kind: policy.SLA}
	want := []sla.MetricStatus{
		{
			Agreement: recompute, Metric: "first_response", Cycle: 1, Stage: sla.StageRunning, Priority: "normal", Calendar: "24x7",
			Goal: 4 * time.Hour, Promise: 6 * time.Hour, GoalDue: mon("13:00"), PromiseDue: mon("15:00"),
			Used: 3 * time.Hour, Left: time.Hour, PromiseLeft: 3 * time.Hour, Fraction: 0.75, Start: mon("09:00"),
		},
		{Agreement: recompute, Metric: "next_response", Priority: "normal"},
		{Agreement: recompute, Metric: "periodic_update", Priority: "normal"},
		{
			Agreement: recompute, Metric: "resolution", Cycle: 1, Stage: sla.StageRunning, Priority: "normal", Calendar: "24x7",
			Goal: 8 * time.Hour, Promise: 24 * time.Hour, GoalDue: mon("18:00"), PromiseDue: ts("2026-03-03T10:00:00Z"),
			Used: 2 * time.Hour, Left: 6 * time.Hour, PromiseLeft: 22 * time.Hour, Fraction: 0.25, Start: mon("09:00"),
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Status at 12:00 (-want +got):\n%s", diff)
	}
	// Later, with no tick in between: the breach shows.
	got, _ = s.Status(set, mon("13:00").Add(ns))
	if !got[0].GoalBreached || got[0].PromiseBreached || got[0].Left != -ns {
		t.Errorf("first_response at 13:00:00.000000001: %+v; want goal breached by 1ns", got[0])
	}
	got, _ = s.Status(set, mon("13:00"))
	if got[0].GoalBreached || got[0].Left != 0 || got[0].Fraction != 1 {
		t.Errorf("first_response at 13:00: %+v; want exactly used, not breached", got[0])
	}
	// Earlier than the last event reads as the last event.
	early, _ := s.Status(set, mon("08:00"))
	last, _ := s.Status(set, mon("11:00"))
	if diff := cmp.Diff(last, early); diff != "" {
		t.Errorf("Status before the last event (-at last +earlier):\n%s", diff)
	}
}

func TestTickEmitsWhatPassed(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, created(mon("09:00"), "recompute", "urgent"))
	// urgent first_response: 50% warning at 09:15, goal 09:30, promise 10:00;
	// resolution: goal 11:00, promise 13:00.
	steps := []struct {
		at   time.Time
		want []tr
	}{
		{mon("09:14"), nil},
		{mon("09:31"), []tr{{"warning", "first_response", 1, mon("09:15")}, {"goal_breached", "first_response", 1, mon("09:30").Add(ns)}}},
		{mon("09:31"), nil},
		{mon("12:00"), []tr{{"promise_breached", "first_response", 1, mon("10:00").Add(ns)}, {"goal_breached", "resolution", 1, mon("11:00").Add(ns)}}},
		{mon("23:00"), []tr{{"promise_breached", "resolution", 1, mon("13:00").Add(ns)}}},
		{mon("23:59"), nil},
	}
	for _, st := range steps {
		var got []sla.Transition
		var err error
		s, got, err = sla.Evaluate(set, s, tick(st.at))
		if err != nil {
			t.Fatal(err)
		}
		var g []tr
		if len(got) > 0 {
			g = short(got)
		}
		if diff := cmp.Diff(st.want, g); diff != "" {
			t.Errorf("tick at %v (-want +got):\n%s", st.at, diff)
		}
	}
}

func TestNextDeadline(t *testing.T) {
	set := loadSet(t)
	var s sla.State
	if !s.NextDeadline(set).IsZero() {
		t.Fatal("the zero State has a deadline")
	}
	s, _ = replay(t, set, created(mon("09:00").Add(123456789*ns), "recompute", "normal"))
	seen := 0
	for next := s.NextDeadline(set); !next.IsZero(); next = s.NextDeadline(set) {
		if !next.Equal(next.Truncate(time.Second)) {
			t.Fatalf("NextDeadline %v is not a whole second", next)
		}
		_, before, err := sla.Evaluate(set, s, tick(next.Add(-time.Second)))
		if err != nil || len(before) != 0 {
			t.Fatalf("tick a second before %v: %v, %v; want nothing", next, before, err)
		}
		var at []sla.Transition
		s, at, err = sla.Evaluate(set, s, tick(next))
		if err != nil || len(at) == 0 {
			t.Fatalf("tick at %v: %v, %v; want a transition", next, at, err)
		}
		for _, x := range at {
			if x.At.After(next) || !x.At.After(next.Add(-time.Second)) {
				t.Errorf("tick at NextDeadline %v emitted %v, not within the second before it", next, x)
			}
		}
		seen += len(at)
	}
	// first_response: 2 warnings, goal, promise; resolution: goal, promise.
	if seen != 6 {
		t.Errorf("%d transitions by walking NextDeadline, want 6", seen)
	}
}

func TestCustomConditions(t *testing.T) {
	set := loadSet(t)
	_, got := replay(t, set,
		created(mon("09:00"), "conditions", "normal"),
		sla.Event{Kind: policy.FieldsChanged, At: mon("09:30"), Fields: policy.Fields{Attributes: map[string]string{"plan": "conditions"}, Tags: []string{"triaged"}}},
		priority(mon("10:00"), "high"),
		status(mon("11:00"), "Pending"),
		customer(mon("12:00")),
		note(mon("12:30")),
		status(mon("13:00"), "Solved"),
	)
	want := []tr{
		{"attached", "", 0, mon("09:00")},
		{"started", "triage", 1, mon("09:00")},
		{"met", "triage", 1, mon("09:30")},         // fields changed
		{"started", "escalation", 1, mon("10:00")}, // priority changed, to one with a target
		{"started", "waiting", 1, mon("11:00")},    // entered pending
		{"met", "waiting", 1, mon("12:00")},        // the customer replied
		{"goal_breached", "escalation", 1, mon("12:00").Add(ns)},
		{"met", "escalation", 1, mon("13:00")}, // solved
	}
	if diff := cmp.Diff(want, short(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
