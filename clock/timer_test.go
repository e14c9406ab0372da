package clock_test

import (
	"encoding/json"
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/clock"
)

// dueCases are the rows of TestDue.
var dueCases = []struct {
	name    string
	ops     []op
	target  time.Duration
	wantDue time.Time
	wantOK  bool
}{
	{
		name:    "started Monday 09:00, 8h target is due Monday 17:00",
		ops:     []op{start(march(2, 9, 0))},
		target:  8 * time.Hour,
		wantDue: march(2, 17, 0), wantOK: true,
	},
	{
		name:    "paused Monday 10:00-12:00 is due Tuesday 11:00",
		ops:     []op{start(march(2, 9, 0)), pause(march(2, 10, 0)), resume(march(2, 12, 0))},
		target:  8 * time.Hour,
		wantDue: march(3, 11, 0), wantOK: true,
	},
	{
		name:    "paused Monday 16:00 until Tuesday 10:00 is due Tuesday 11:00",
		ops:     []op{start(march(2, 9, 0)), pause(march(2, 16, 0)), resume(march(3, 10, 0))},
		target:  8 * time.Hour,
		wantDue: march(3, 11, 0), wantOK: true,
	},
	{
		name:    "target raised to 10h: started Monday 09:00 is due Tuesday 11:00",
		ops:     []op{start(march(2, 9, 0))},
		target:  10 * time.Hour,
		wantDue: march(3, 11, 0), wantOK: true,
	},
	{
		name:    "target raised to 10h: paused Monday 10:00-12:00 is due Tuesday 13:00",
		ops:     []op{start(march(2, 9, 0)), pause(march(2, 10, 0)), resume(march(2, 12, 0))},
		target:  10 * time.Hour,
		wantDue: march(3, 13, 0), wantOK: true,
	},
	{
		name:    "target raised to 10h: paused Monday 16:00 until Tuesday 10:00 is due Tuesday 13:00",
		ops:     []op{start(march(2, 9, 0)), pause(march(2, 16, 0)), resume(march(3, 10, 0))},
		target:  10 * time.Hour,
		wantDue: march(3, 13, 0), wantOK: true,
	},
	{
		name:    "started Friday 13:00 runs across spring-forward to Monday 13:00 EDT",
		ops:     []op{start(march(6, 13, 0))},
		target:  8 * time.Hour,
		wantDue: march(9, 13, 0), wantOK: true,
	},
	{
		name:    "started on Saturday waits for Monday's opening",
		ops:     []op{start(march(7, 10, 0))},
		target:  8 * time.Hour,
		wantDue: march(9, 17, 0), wantOK: true,
	},
	{
		name:    "resumed after closing counts from the next opening",
		ops:     []op{start(march(2, 9, 0)), pause(march(2, 15, 0)), resume(march(2, 18, 0))},
		target:  8 * time.Hour,
		wantDue: march(3, 11, 0), wantOK: true,
	},
	{
		name:    "paused after crossing: due is the instant it crossed",
		ops:     []op{start(march(2, 9, 0)), pause(march(3, 12, 0))},
		target:  8 * time.Hour,
		wantDue: march(2, 17, 0), wantOK: true,
	},
	{
		name:    "stopped after crossing: due is the instant it crossed",
		ops:     []op{start(march(2, 9, 0)), stop(march(3, 12, 0))},
		target:  8 * time.Hour,
		wantDue: march(2, 17, 0), wantOK: true,
	},
	{
		name:    "crossed in an earlier span while running again: due is that crossing",
		ops:     []op{start(march(2, 9, 0)), pause(march(3, 12, 0)), resume(march(4, 9, 0))},
		target:  8 * time.Hour,
		wantDue: march(2, 17, 0), wantOK: true,
	},
	{
		name:    "paused after closing with exactly the target used: due is the closing instant",
		ops:     []op{start(march(2, 9, 0)), pause(march(2, 20, 0))},
		target:  8 * time.Hour,
		wantDue: march(2, 17, 0), wantOK: true,
	},
	{
		name:   "paused short of target has no due instant",
		ops:    []op{start(march(2, 9, 0)), pause(march(2, 10, 0))},
		target: 8 * time.Hour,
	},
	{
		name:   "stopped short of target has no due instant",
		ops:    []op{start(march(2, 9, 0)), pause(march(2, 10, 0)), stop(march(2, 11, 0))},
		target: 8 * time.Hour,
	},
	{
		name:   "idle timer has no due instant",
		target: 8 * time.Hour,
	},
	{
		name:    "zero target is due at the cycle's start",
		ops:     []op{start(march(2, 9, 0)), pause(march(2, 10, 0)), resume(march(2, 11, 0))},
		target:  0,
		wantDue: march(2, 9, 0), wantOK: true,
	},
	{
		name:    "negative target is due at the cycle's start",
		ops:     []op{start(march(7, 10, 0))},
		target:  -time.Hour,
		wantDue: march(7, 10, 0), wantOK: true,
	},
	{
		name:    "second cycle counts from its own start",
		ops:     []op{start(march(2, 9, 0)), stop(march(2, 16, 0)), start(march(3, 9, 0))},
		target:  8 * time.Hour,
		wantDue: march(3, 17, 0), wantOK: true,
	},
}

func TestDue(t *testing.T) {
	for _, c := range calendars(t) {
		for _, tt := range dueCases {
			t.Run(c.name+"/"+tt.name, func(t *testing.T) {
				timer := build(t, tt.ops...)
				due, ok := timer.Due(c.cal, tt.target)
				if diff := cmp.Diff(tt.wantOK, ok); diff != "" {
					t.Errorf("Due ok (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(tt.wantDue, due, equalTime); diff != "" {
					t.Errorf("Due (-want +got):\n%s", diff)
				}
				if ok && tt.target > 0 {
					if got := timer.Elapsed(c.cal, due); got != tt.target {
						t.Errorf("Elapsed(due) = %v, want the target %v", got, tt.target)
					}
					if got := timer.Elapsed(c.cal, due.Add(-time.Nanosecond)); got >= tt.target {
						t.Errorf("Elapsed(due - 1ns) = %v, want less than the target %v", got, tt.target)
					}
				}
			})
		}
	}
}

func TestDueWithoutAnswerFromCalendar(t *testing.T) {
	timer := build(t, start(march(2, 9, 0)))
	due, ok := timer.Due(never{}, time.Hour)
	if ok || !due.IsZero() {
		t.Errorf("Due on a calendar that never opens = %v, %v; want the zero Time, false", due, ok)
	}
}

func TestRaisingTargetMovesDueByTheDifference(t *testing.T) {
	timers := []struct {
		name string
		ops  []op
	}{
		{"running since Monday 09:00", []op{start(march(2, 9, 0))}},
		{"paused Monday 10:00-12:00", []op{start(march(2, 9, 0)), pause(march(2, 10, 0)), resume(march(2, 12, 0))}},
		{"paused Monday 16:00 until Tuesday 10:00", []op{start(march(2, 9, 0)), pause(march(2, 16, 0)), resume(march(3, 10, 0))}},
		{"started Friday before spring-forward", []op{start(march(6, 13, 0))}},
	}
	for _, c := range calendars(t) {
		for _, tt := range timers {
			t.Run(c.name+"/"+tt.name, func(t *testing.T) {
				timer := build(t, tt.ops...)
				due8, ok8 := timer.Due(c.cal, 8*time.Hour)
				due10, ok10 := timer.Due(c.cal, 10*time.Hour)
				if !ok8 || !ok10 {
					t.Fatalf("Due: ok %v, %v; want true, true", ok8, ok10)
				}
				if got := c.cal.Between(due8, due10); got != 2*time.Hour {
					t.Errorf("Between(due for 8h, due for 10h) = %v, want 2h", got)
				}
				if diff := cmp.Diff(c.cal.Add(due8, 2*time.Hour), due10, equalTime); diff != "" {
					t.Errorf("due for 10h (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestElapsedRemainingFraction(t *testing.T) {
	// Paused Monday 10:00-12:00, due Tuesday 11:00 for 8h.
	timer := build(t, start(march(2, 9, 0)), pause(march(2, 10, 0)), resume(march(2, 12, 0)))
	tests := []struct {
		name     string
		at       time.Time
		elapsed  time.Duration
		fraction float64
	}{
		{"before the start, nothing", march(2, 8, 0), 0, 0},
		{"at the start, nothing", march(2, 9, 0), 0, 0},
		{"half an hour in", march(2, 9, 30), 30 * time.Minute, 1.0 / 16},
		{"while paused, the first hour only", march(2, 11, 0), time.Hour, 1.0 / 8},
		{"an hour after resuming", march(2, 13, 0), 2 * time.Hour, 2.0 / 8},
		{"at closing", march(2, 17, 0), 6 * time.Hour, 6.0 / 8},
		{"overnight, no business time passes", march(3, 8, 59), 6 * time.Hour, 6.0 / 8},
		{"at the due instant, all of it", march(3, 11, 0), 8 * time.Hour, 1},
		{"an hour overdue", march(3, 12, 0), 9 * time.Hour, 9.0 / 8},
	}
	for _, c := range calendars(t) {
		for _, tt := range tests {
			t.Run(c.name+"/"+tt.name, func(t *testing.T) {
				if got := timer.Elapsed(c.cal, tt.at); got != tt.elapsed {
					t.Errorf("Elapsed = %v, want %v", got, tt.elapsed)
				}
				if got, want := timer.Remaining(c.cal, 8*time.Hour, tt.at), 8*time.Hour-tt.elapsed; got != want {
					t.Errorf("Remaining = %v, want %v", got, want)
				}
				if got := timer.Fraction(c.cal, 8*time.Hour, tt.at); got != tt.fraction {
					t.Errorf("Fraction = %v, want %v", got, tt.fraction)
				}
			})
		}
	}
}

func TestFractionOfZeroOrNegativeTarget(t *testing.T) {
	running := build(t, start(march(2, 9, 0)))
	tests := []struct {
		name   string
		timer  clock.Timer
		target time.Duration
		at     time.Time
		want   float64
	}{
		{"idle timer, zero target: used up, not over", clock.Timer{}, 0, march(2, 9, 0), 1},
		{"at the start, zero target: used up, not over", running, 0, march(2, 9, 0), 1},
		{"after business time passed, zero target: over without bound", running, 0, march(2, 10, 0), math.Inf(1)},
		{"negative target: over without bound", running, -time.Hour, march(2, 9, 0), math.Inf(1)},
		{"idle timer, positive target: nothing used", clock.Timer{}, time.Hour, march(2, 9, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.timer.Fraction(always{}, tt.target, tt.at); got != tt.want {
				t.Errorf("Fraction = %v, want %v", got, tt.want)
			}
			remaining := tt.timer.Remaining(always{}, tt.target, tt.at)
			if got := tt.timer.Fraction(always{}, tt.target, tt.at); (got >= 1) != (remaining <= 0) {
				t.Errorf("Fraction %v >= 1 disagrees with Remaining %v <= 0", got, remaining)
			}
		})
	}
}

// timerIn returns a timer in the given state, last changed Monday 10:00.
func timerIn(tb testing.TB, s clock.State) clock.Timer {
	switch s {
	case clock.Running:
		return build(tb, start(march(2, 9, 0)), pause(march(2, 9, 30)), resume(march(2, 10, 0)))
	case clock.Paused:
		return build(tb, start(march(2, 9, 0)), pause(march(2, 10, 0)))
	case clock.Stopped:
		return build(tb, start(march(2, 9, 0)), stop(march(2, 10, 0)))
	}
	return clock.Timer{}
}

func TestTransitions(t *testing.T) {
	tests := []struct {
		name    string
		from    clock.State
		op      string
		want    clock.State
		wantErr error
	}{
		{"start an idle timer", clock.Idle, "start", clock.Running, nil},
		{"pause an idle timer", clock.Idle, "pause", clock.Idle, clock.ErrState},
		{"resume an idle timer", clock.Idle, "resume", clock.Idle, clock.ErrState},
		{"stop an idle timer", clock.Idle, "stop", clock.Idle, clock.ErrState},
		{"start a running timer", clock.Running, "start", clock.Running, clock.ErrState},
		{"pause a running timer", clock.Running, "pause", clock.Paused, nil},
		{"resume a running timer", clock.Running, "resume", clock.Running, clock.ErrState},
		{"stop a running timer", clock.Running, "stop", clock.Stopped, nil},
		{"start a paused timer", clock.Paused, "start", clock.Paused, clock.ErrState},
		{"pause a paused timer", clock.Paused, "pause", clock.Paused, clock.ErrState},
		{"resume a paused timer", clock.Paused, "resume", clock.Running, nil},
		{"stop a paused timer", clock.Paused, "stop", clock.Stopped, nil},
		{"start a stopped timer: a new cycle", clock.Stopped, "start", clock.Running, nil},
		{"pause a stopped timer", clock.Stopped, "pause", clock.Stopped, clock.ErrState},
		{"resume a stopped timer", clock.Stopped, "resume", clock.Stopped, clock.ErrState},
		{"stop a stopped timer", clock.Stopped, "stop", clock.Stopped, clock.ErrState},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, at := range []struct {
				name string
				at   time.Time
			}{{"at the last instant", march(2, 10, 0)}, {"later", march(2, 11, 0)}} {
				timer := timerIn(t, tt.from)
				before := snapshot(t, timer)
				err := op{tt.op, at.at}.apply(&timer)
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("%s: error %v, want %v", at.name, err, tt.wantErr)
				}
				if got := timer.State(); got != tt.want {
					t.Errorf("%s: state %v, want %v", at.name, got, tt.want)
				}
				if err != nil {
					if diff := cmp.Diff(before, snapshot(t, timer), sameTime); diff != "" {
						t.Errorf("%s: failed transition changed the timer (-want +got):\n%s", at.name, diff)
					}
				}
			}
		})
	}
}

func TestTransitionErrors(t *testing.T) {
	lmt := time.Date(1800, time.January, 1, 12, 0, 0, 0, newYork) // offset -4:56:02
	late := time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC).In(time.FixedZone("+05", 5*3600))
	tests := []struct {
		name    string
		from    clock.State
		op      op
		want    clock.Error // Err: the sentinel it wraps
		wantMsg string
	}{
		{
			name: "pause an idle timer", from: clock.Idle, op: pause(march(2, 10, 0)),
			want:    clock.Error{Path: "pause", Value: "2026-03-02T10:00:00-05:00", Err: clock.ErrState},
			wantMsg: `clock: pause: "2026-03-02T10:00:00-05:00": transition not allowed in this state: idle; pause needs running`,
		},
		{
			name: "start a paused timer", from: clock.Paused, op: start(march(2, 11, 0)),
			want:    clock.Error{Path: "start", Value: "2026-03-02T11:00:00-05:00", Err: clock.ErrState},
			wantMsg: `clock: start: "2026-03-02T11:00:00-05:00": transition not allowed in this state: paused; start needs idle or stopped`,
		},
		{
			name: "stop a stopped timer", from: clock.Stopped, op: stop(march(2, 11, 0)),
			want:    clock.Error{Path: "stop", Value: "2026-03-02T11:00:00-05:00", Err: clock.ErrState},
			wantMsg: `clock: stop: "2026-03-02T11:00:00-05:00": transition not allowed in this state: stopped; stop needs running or paused`,
		},
		{
			name: "resume a paused timer before it was paused", from: clock.Paused, op: resume(march(2, 9, 30)),
			want:    clock.Error{Path: "resume", Value: "2026-03-02T09:30:00-05:00", Err: clock.ErrTimeOrder},
			wantMsg: `clock: resume: "2026-03-02T09:30:00-05:00": instant earlier than the last recorded one, 2026-03-02T10:00:00-05:00`,
		},
		{
			name: "restart a stopped timer before it stopped", from: clock.Stopped, op: start(march(2, 9, 59)),
			want:    clock.Error{Path: "start", Value: "2026-03-02T09:59:00-05:00", Err: clock.ErrTimeOrder},
			wantMsg: `clock: start: "2026-03-02T09:59:00-05:00": instant earlier than the last recorded one, 2026-03-02T10:00:00-05:00`,
		},
		{
			name: "stop a running timer at the zero Time", from: clock.Running, op: stop(time.Time{}),
			want:    clock.Error{Path: "stop", Value: "0001-01-01T00:00:00Z", Err: clock.ErrInstant},
			wantMsg: `clock: stop: "0001-01-01T00:00:00Z": instant cannot be recorded: zero`,
		},
		{
			name: "start at the zero Time in a zone", from: clock.Idle, op: start(time.Time{}.In(newYork)),
			want:    clock.Error{Path: "start", Value: "0000-12-31T19:03:58-04:56", Err: clock.ErrInstant},
			wantMsg: `clock: start: "0000-12-31T19:03:58-04:56": instant cannot be recorded: zero`,
		},
		{
			name: "start in the year 10000", from: clock.Idle, op: start(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)),
			want:    clock.Error{Path: "start", Value: "10000-01-01T00:00:00Z", Err: clock.ErrInstant},
			wantMsg: `clock: start: "10000-01-01T00:00:00Z": instant cannot be recorded: year after 9999`,
		},
		{
			name: "start in the year 0, before the zero Time", from: clock.Idle, op: start(time.Date(0, 6, 1, 0, 0, 0, 0, time.UTC)),
			want:    clock.Error{Path: "start", Value: "0000-06-01T00:00:00Z", Err: clock.ErrInstant},
			wantMsg: `clock: start: "0000-06-01T00:00:00Z": instant cannot be recorded: before the zero Time`,
		},
		{
			name: "pause in the year 10000 by the local clock only", from: clock.Running, op: pause(late),
			want:    clock.Error{Path: "pause", Value: "10000-01-01T04:00:00+05:00", Err: clock.ErrInstant},
			wantMsg: `clock: pause: "10000-01-01T04:00:00+05:00": instant cannot be recorded: year after 9999`,
		},
		{
			name: "start at an instant whose offset has seconds (New York, 1800)", from: clock.Idle, op: start(lmt),
			want:    clock.Error{Path: "start", Value: "1800-01-01T12:00:00-04:56", Err: clock.ErrInstant},
			wantMsg: `clock: start: "1800-01-01T12:00:00-04:56": instant cannot be recorded: zone offset not whole minutes under 24h`,
		},
		{
			name: "a bad instant is reported before a bad state", from: clock.Paused, op: pause(time.Time{}),
			want:    clock.Error{Path: "pause", Value: "0001-01-01T00:00:00Z", Err: clock.ErrInstant},
			wantMsg: `clock: pause: "0001-01-01T00:00:00Z": instant cannot be recorded: zero`,
		},
		{
			name: "a bad state is reported before a bad order", from: clock.Running, op: resume(march(2, 9, 0)),
			want:    clock.Error{Path: "resume", Value: "2026-03-02T09:00:00-05:00", Err: clock.ErrState},
			wantMsg: `clock: resume: "2026-03-02T09:00:00-05:00": transition not allowed in this state: running; resume needs paused`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			timer := timerIn(t, tt.from)
			before := snapshot(t, timer)
			err := tt.op.apply(&timer)
			var got *clock.Error
			if !errors.As(err, &got) {
				t.Fatalf("error %v (%T), want a *clock.Error", err, err)
			}
			if diff := cmp.Diff([]string{tt.want.Path, tt.want.Value}, []string{got.Path, got.Value}); diff != "" {
				t.Errorf("Path, Value (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.want.Err) {
				t.Errorf("error %v does not wrap %v", err, tt.want.Err)
			}
			if diff := cmp.Diff(tt.wantMsg, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, snapshot(t, timer), sameTime); diff != "" {
				t.Errorf("failed transition changed the timer (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTransitionDropsMonotonicReading(t *testing.T) {
	now := time.Now() // carries a monotonic reading
	var timer clock.Timer
	if err := timer.Start(now); err != nil {
		t.Fatal(err)
	}
	if got, want := timer.Since(), now.Round(0); got != want {
		t.Errorf("Since() = %#v, want %#v without the monotonic reading", got, want)
	}
}

func TestCycles(t *testing.T) {
	timer := build(t,
		start(march(2, 9, 0)), pause(march(2, 10, 0)), stop(march(2, 11, 0)),
		start(march(3, 9, 0)), stop(march(3, 12, 0)),
		start(march(4, 9, 0)),
	)
	first := []clock.Span{{march(2, 9, 0), march(2, 10, 0)}}
	second := []clock.Span{{march(3, 9, 0), march(3, 12, 0)}}
	third := []clock.Span{{Start: march(4, 9, 0)}}

	if got := timer.Cycle(); got != 3 {
		t.Errorf("Cycle() = %d, want 3", got)
	}
	if diff := cmp.Diff(third, timer.Spans(), sameTime); diff != "" {
		t.Errorf("Spans() (-want +got):\n%s", diff)
	}
	want := []cycleSnap{
		{clock.Stopped, march(2, 11, 0), first},
		{clock.Stopped, march(3, 12, 0), second},
		{clock.Running, march(4, 9, 0), third},
	}
	var got []cycleSnap
	for _, c := range timer.Cycles() {
		got = append(got, cycleSnap{c.State(), c.Since(), c.Spans()})
		if c.Cycle() != 1 {
			t.Errorf("a cycle's own Cycle() = %d, want 1", c.Cycle())
		}
	}
	if diff := cmp.Diff(want, got, sameTime); diff != "" {
		t.Errorf("Cycles() (-want +got):\n%s", diff)
	}
	if got := timer.Elapsed(officeHours, march(4, 10, 0)); got != time.Hour {
		t.Errorf("Elapsed refers to the current cycle: got %v, want 1h", got)
	}
	if got := timer.Cycles()[1].Elapsed(officeHours, march(9, 0, 0)); got != 3*time.Hour {
		t.Errorf("second cycle's Elapsed = %v, want 3h", got)
	}

	// Later transitions leave earlier cycles as they were.
	before := timer.Cycles()[:2]
	if err := timer.Stop(march(4, 10, 0)); err != nil {
		t.Fatal(err)
	}
	if err := timer.Start(march(5, 9, 0)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(snapshots(t, before), snapshots(t, timer.Cycles()[:2]), sameTime); diff != "" {
		t.Errorf("earlier cycles changed (-want +got):\n%s", diff)
	}
	if got := timer.Cycle(); got != 4 {
		t.Errorf("Cycle() = %d, want 4", got)
	}
}

func snapshots(tb testing.TB, ts []clock.Timer) []snap {
	var s []snap
	for _, t := range ts {
		s = append(s, snapshot(tb, t))
	}
	return s
}

func TestIdleTimer(t *testing.T) {
	var timer clock.Timer
	want := snap{State: clock.Idle, JSON: `{"state":"idle"}`}
	if diff := cmp.Diff(want, snapshot(t, timer), sameTime); diff != "" {
		t.Errorf("zero Timer (-want +got):\n%s", diff)
	}
	if got := timer.Elapsed(officeHours, march(9, 9, 0)); got != 0 {
		t.Errorf("Elapsed = %v, want 0", got)
	}
	if got := timer.Remaining(officeHours, time.Hour, march(9, 9, 0)); got != time.Hour {
		t.Errorf("Remaining = %v, want the whole target", got)
	}
}

func TestCopiesAreIndependent(t *testing.T) {
	// Copies taken in every state, then each side goes its own way.
	orig := build(t, start(march(2, 9, 0)), pause(march(2, 10, 0)), resume(march(2, 11, 0)))
	copied := orig
	want := snapshot(t, copied)

	for _, o := range []op{pause(march(2, 12, 0)), resume(march(2, 13, 0)), stop(march(2, 14, 0)), start(march(3, 9, 0))} {
		if err := o.apply(&orig); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(want, snapshot(t, copied), sameTime); diff != "" {
		t.Fatalf("the copy changed when the original moved on (-want +got):\n%s", diff)
	}

	// Both sides append to arrays they shared; neither sees the other's.
	origWant := snapshot(t, orig)
	for _, o := range []op{pause(march(2, 15, 0)), resume(march(2, 16, 0)), stop(march(2, 16, 30))} {
		if err := o.apply(&copied); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(origWant, snapshot(t, orig), sameTime); diff != "" {
		t.Errorf("the original changed when the copy moved on (-want +got):\n%s", diff)
	}

	// Copies taken at every length of history, each paused at its own
	// instant: neither sees the other's span, whatever the slices' spare
	// capacity.
	for n := range 9 {
		ops := []op{start(march(2, 9, 0))}
		for i := range n {
			ops = append(ops, pause(march(2, 9, 2*i+1)), resume(march(2, 9, 2*i+2)))
		}
		a := build(t, ops...)
		b := a
		if err := a.Pause(march(2, 12, 0)); err != nil {
			t.Fatal(err)
		}
		wantA := snapshot(t, a)
		if err := b.Pause(march(2, 13, 0)); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantA, snapshot(t, a), sameTime); diff != "" {
			t.Errorf("%d spans: pausing a copy changed the original (-want +got):\n%s", n+1, diff)
		}
	}

	// Slices returned by Spans are the caller's.
	spans := orig.Spans()
	spans[0].Start = march(1, 0, 0)
	if diff := cmp.Diff(origWant, snapshot(t, orig), sameTime); diff != "" {
		t.Errorf("writing to Spans() changed the timer (-want +got):\n%s", diff)
	}
}

func TestStateString(t *testing.T) {
	tests := []struct {
		state clock.State
		want  string
	}{
		{clock.Idle, "idle"},
		{clock.Running, "running"},
		{clock.Paused, "paused"},
		{clock.Stopped, "stopped"},
		{clock.State(9), "State(9)"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.state.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

// history is what a timer shows of its past: its state and the spans of
// every cycle, as Cycles and Spans return them.
func history(t clock.Timer) (clock.State, [][]clock.Span) {
	var cycles [][]clock.Span
	for _, c := range t.Cycles() {
		cycles = append(cycles, c.Spans())
	}
	return t.State(), cycles
}

func TestBranchesAreIndependent(t *testing.T) {
	// A step applies an op to one branch; every branch starts as a copy of
	// the same timer, and after every step each must show exactly what its
	// own model of the ops applied to it says.
	type step struct {
		branch int
		op     op
	}
	base := []op{start(march(2, 9, 0)), pause(march(2, 10, 0)), resume(march(2, 11, 0)), pause(march(2, 12, 0))}
	tests := []struct {
		name  string
		base  []op
		steps []step
	}{
		{"three branches resume at different instants, interleaved", base, []step{
			{0, resume(march(2, 13, 0))}, {1, resume(march(2, 14, 0))}, {2, stop(march(2, 15, 0))},
			{0, pause(march(2, 13, 30))}, {1, pause(march(2, 14, 30))}, {0, resume(march(2, 16, 0))},
			{2, start(march(3, 9, 0))}, {1, stop(march(2, 17, 0))}, {0, pause(march(2, 16, 30))},
		}},
		{"branches of a running timer each close its open span", base[:3], []step{
			{0, pause(march(2, 11, 10))}, {1, pause(march(2, 11, 20))}, {2, stop(march(2, 11, 30))},
			{1, resume(march(2, 12, 0))}, {0, resume(march(2, 12, 0))}, {1, pause(march(2, 12, 5))}, {0, pause(march(2, 12, 10))},
		}},
		{"branches of a timer stopped twice open new cycles", append(base[:4:4], stop(march(2, 13, 0)), start(march(2, 14, 0)), stop(march(2, 15, 0))), []step{
			{0, start(march(3, 9, 0))}, {1, start(march(4, 9, 0))}, {0, stop(march(3, 10, 0))}, {1, stop(march(4, 10, 0))},
			{0, start(march(5, 9, 0))}, {1, start(march(6, 9, 0))}, {2, start(march(7, 9, 0))},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m model
			for _, o := range tt.base {
				m, _ = m.apply(o)
			}
			orig := build(t, tt.base...)
			branches := []clock.Timer{orig, orig, orig, orig} // the last is never changed
			models := []model{m, m, m, m}
			for i, s := range tt.steps {
				if err := s.op.apply(&branches[s.branch]); err != nil {
					t.Fatalf("step %d: %v on branch %d: %v", i, s.op, s.branch, err)
				}
				models[s.branch], _ = models[s.branch].apply(s.op)
				for b := range branches {
					state, cycles := history(branches[b])
					if diff := cmp.Diff(models[b].cycles, cycles, sameTime); diff != "" || state != models[b].state {
						t.Fatalf("after step %d (%v on branch %d), branch %d is %v (want %v) with cycles (-want +got):\n%s",
							i, s.op, s.branch, b, state, models[b].state, diff)
					}
				}
			}
		})
	}
}

func TestTransitionsAllocateAmortisedConstant(t *testing.T) {
	// A transition that appends a span appends it in place when it can: a
	// timer of n spans grows its arrays about log2(n) times, two allocations
	// each, where copying on every append would allocate on every Pause.
	allocs := func(n int) float64 {
		at := march(2, 9, 0)
		return testing.AllocsPerRun(1, func() {
			var timer clock.Timer
			_ = timer.Start(at)
			for i := range n {
				_ = timer.Pause(at.Add(time.Duration(2*i+1) * time.Minute))
				_ = timer.Resume(at.Add(time.Duration(2*i+2) * time.Minute))
			}
		})
	}
	for _, n := range []int{1000, 10000} {
		if got := allocs(n); got > 4*math.Log2(float64(n)) {
			t.Errorf("a timer of %d spans allocated %v times, want at most %.0f", n, got, 4*math.Log2(float64(n)))
		}
	}
}

func TestEqual(t *testing.T) {
	kolkata := mustLoad("Asia/Kolkata")
	ops := []op{start(march(2, 9, 0)), pause(march(2, 10, 0)), stop(march(2, 11, 0)), start(march(3, 9, 0)), pause(march(3, 10, 0))}
	inKolkata := make([]op, len(ops))
	for i, o := range ops {
		inKolkata[i] = op{o.kind, o.at.In(kolkata)}
	}
	a := build(t, ops...)
	tests := []struct {
		name string
		b    clock.Timer
		want bool
	}{
		{"itself", a, true},
		{"the same history built again", build(t, ops...), true},
		{"the same instants in another zone", build(t, inKolkata...), true},
		{"decoded from its JSON form", func() clock.Timer {
			var d clock.Timer
			b, _ := json.Marshal(a)
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			return d
		}(), true},
		{"another state", build(t, append(ops[:5:5], resume(march(3, 10, 0)))...), false},
		{"the same state, a later instant", build(t, append(ops[:4:4], pause(march(3, 10, 1)))...), false},
		{"a span of an earlier cycle differs", build(t, start(march(2, 9, 0)), pause(march(2, 10, 1)), stop(march(2, 11, 0)), start(march(3, 9, 0)), pause(march(3, 10, 0))), false},
		{"a stop differs", build(t, start(march(2, 9, 0)), pause(march(2, 10, 0)), stop(march(2, 11, 1)), start(march(3, 9, 0)), pause(march(3, 10, 0))), false},
		{"one cycle, not two", build(t, start(march(3, 9, 0)), pause(march(3, 10, 0))), false},
		{"the zero Timer", clock.Timer{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Equal(tt.b); got != tt.want {
				t.Errorf("a.Equal(b) = %v, want %v", got, tt.want)
			}
			if got := tt.b.Equal(a); got != tt.want {
				t.Errorf("b.Equal(a) = %v, want %v", got, tt.want)
			}
			// go-cmp calls Equal: without it, cmp.Diff would panic on the
			// unexported fields.
			if diff := cmp.Diff(a, tt.b); (diff == "") != tt.want {
				t.Errorf("cmp.Diff(a, b) = %q, want it empty: %v", diff, tt.want)
			}
		})
	}
}

func TestCopiesOnManyGoroutines(t *testing.T) {
	// Copies of one timer, each moved on by its own goroutine at once:
	// they share memory, so the race detector checks that they may.
	orig := build(t, start(march(2, 9, 0)), pause(march(2, 10, 0)), resume(march(2, 11, 0)), pause(march(2, 12, 0)))
	want := snapshot(t, orig)
	var wg sync.WaitGroup
	for g := range 4 {
		timer := orig
		wg.Go(func() {
			at := march(2, 13, g)
			for i := range 50 {
				_ = timer.Resume(at.Add(time.Duration(2*i) * time.Hour))
				_ = timer.Pause(at.Add(time.Duration(2*i+1) * time.Hour))
			}
			if got := len(timer.Spans()); got != 52 {
				t.Errorf("goroutine %d: %d spans, want 52", g, got)
			}
		})
	}
	wg.Wait()
	if diff := cmp.Diff(want, snapshot(t, orig), sameTime); diff != "" {
		t.Errorf("the original changed (-want +got):\n%s", diff)
	}
}

func TestAllSpansIsSpans(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 2, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		timer clock.Timer
	}{
		{"idle", clock.Timer{}},
		{"running, its last span open", build(t, start(at(1)), pause(at(2)), resume(at(3)))},
		{"paused", build(t, start(at(1)), pause(at(2)))},
		{"stopped in its second cycle", build(t, start(at(1)), stop(at(4)), start(at(5)), pause(at(6)), stop(at(7)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []clock.Span
			for sp := range tt.timer.AllSpans() {
				got = append(got, sp)
			}
			if diff := cmp.Diff(tt.timer.Spans(), got); diff != "" {
				t.Errorf("AllSpans (-Spans +AllSpans):\n%s", diff)
			}
			for range tt.timer.AllSpans() {
				break // stopping early is allowed
			}
		})
	}
}
