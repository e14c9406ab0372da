package clock_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/clock"
)

// model is the tests' own account of what a timer should hold.
type model struct {
	state  clock.State
	since  time.Time
	cycles [][]clock.Span // the last span of a running timer is open
}

// apply returns the model after o, and whether o is allowed.
func (m model) apply(o op) (model, bool) {
	if o.at.IsZero() || o.at.Before(m.since) {
		return m, false
	}
	cur := func() []clock.Span { return m.cycles[len(m.cycles)-1] }
	setCur := func(s []clock.Span) {
		cs := append([][]clock.Span(nil), m.cycles...)
		cs[len(cs)-1] = s
		m.cycles = cs
	}
	closeOpen := func() {
		s := append([]clock.Span(nil), cur()...)
		s[len(s)-1].End = o.at
		setCur(s)
	}
	switch {
	case o.kind == "start" && (m.state == clock.Idle || m.state == clock.Stopped):
		m.cycles = append(append([][]clock.Span(nil), m.cycles...), []clock.Span{{Start: o.at}})
		m.state = clock.Running
	case o.kind == "pause" && m.state == clock.Running:
		closeOpen()
		m.state = clock.Paused
	case o.kind == "resume" && m.state == clock.Paused:
		setCur(append(append([]clock.Span(nil), cur()...), clock.Span{Start: o.at}))
		m.state = clock.Running
	case o.kind == "stop" && m.state == clock.Running:
		closeOpen()
		m.state = clock.Stopped
	case o.kind == "stop" && m.state == clock.Paused:
		m.state = clock.Stopped
	default:
		return m, false
	}
	m.since = o.at
	return m, true
}

// elapsed is the sum of Between over the current cycle's spans, each cut
// off at at, an open span running up to at.
func (m model) elapsed(cal clock.Calendar, at time.Time) time.Duration {
	if len(m.cycles) == 0 {
		return 0
	}
	var sum time.Duration
	for _, s := range m.cycles[len(m.cycles)-1] {
		end := s.End
		if end.IsZero() || end.After(at) {
			end = at
		}
		if s.Start.Before(end) {
			sum += cal.Between(s.Start, end)
		}
	}
	return sum
}

var zones = []*time.Location{newYork, time.UTC, mustLoad("Asia/Kolkata"), mustLoad("Australia/Lord_Howe")}

// randomOp returns an op at an instant near last: mostly later, sometimes
// earlier, now and then the zero Time.
func randomOp(r *rand.Rand, last time.Time) op {
	kinds := []string{"start", "pause", "resume", "stop"}
	var at time.Time
	if r.IntN(50) > 0 {
		minutes := r.IntN(3*24*60) - 60
		if r.IntN(4) == 0 {
			minutes = r.IntN(120) - 10
		}
		at = last.Add(time.Duration(minutes) * time.Minute).In(zones[r.IntN(len(zones))])
	}
	return op{kinds[r.IntN(len(kinds))], at}
}

func TestRandomHistories(t *testing.T) {
	r := rand.New(rand.NewPCG(20260302, 1))
	targets := []time.Duration{0, time.Minute, time.Hour, 8 * time.Hour, 30 * time.Hour}
	cases := 300
	if long() {
		cases = 3000
	}
	outcomes := map[string]int{}
	for c := range cases {
		var (
			timer clock.Timer
			m     model
			ops   []op
		)
		last := march(1, 0, 0).Add(time.Duration(r.IntN(60*24*14)) * time.Minute)
		for range 1 + r.IntN(25) {
			o := randomOp(r, last)
			ops = append(ops, o)
			before := snapshot(t, timer)
			copied := timer
			err := o.apply(&timer)
			next, allowed := m.apply(o)
			if allowed != (err == nil) {
				t.Fatalf("case %d, %v: error %v, but the model says allowed=%v", c, ops, err, allowed)
			}
			outcomes[outcome(err)]++
			if err != nil {
				if diff := cmp.Diff(before, snapshot(t, timer), sameTime); diff != "" {
					t.Fatalf("case %d, %v: failed op changed the timer (-want +got):\n%s", c, ops, diff)
				}
				continue
			}
			if diff := cmp.Diff(before, snapshot(t, copied), sameTime); diff != "" {
				t.Fatalf("case %d, %v: a copy taken before the op changed (-want +got):\n%s", c, ops, diff)
			}
			// The copy goes its own way; the timer must not notice.
			after := snapshot(t, timer)
			_ = randomOp(r, last).apply(&copied)
			if diff := cmp.Diff(after, snapshot(t, timer), sameTime); diff != "" {
				t.Fatalf("case %d, %v: an op on an earlier copy changed the timer (-want +got):\n%s", c, ops, diff)
			}
			m, last = next, o.at
			outcomes[o.kind+" from "+before.State.String()]++
			checkAgainstModel(t, timer, m, targets, func() string { return formatOps(c, ops) })
		}
	}
	t.Logf("outcomes: %v", outcomes)
	// The generator must reach every transition and every error.
	for _, k := range []string{
		"start from idle", "start from stopped", "pause from running", "resume from paused",
		"stop from running", "stop from paused", "state", "time order", "instant",
	} {
		if outcomes[k] < cases/20 {
			t.Errorf("only %d of %q in %d cases: %v", outcomes[k], k, cases, outcomes)
		}
	}
}

func outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, clock.ErrState):
		return "state"
	case errors.Is(err, clock.ErrTimeOrder):
		return "time order"
	case errors.Is(err, clock.ErrInstant):
		return "instant"
	}
	return "other"
}

func formatOps(c int, ops []op) string {
	b, _ := json.Marshal(struct {
		Case int
		Ops  []string
	}{c, func() []string {
		var s []string
		for _, o := range ops {
			s = append(s, o.String())
		}
		return s
	}()})
	return string(b)
}

func checkAgainstModel(t *testing.T, timer clock.Timer, m model, targets []time.Duration, where func() string) {
	t.Helper()
	if got, want := timer.State(), m.state; got != want {
		t.Fatalf("%s: State() = %v, want %v", where(), got, want)
	}
	var wantSpans []clock.Span
	if len(m.cycles) > 0 {
		wantSpans = m.cycles[len(m.cycles)-1]
	}
	if diff := cmp.Diff(wantSpans, timer.Spans(), sameTime); diff != "" {
		t.Fatalf("%s: Spans() (-want +got):\n%s", where(), diff)
	}
	if got, want := timer.Cycle(), len(m.cycles); got != want {
		t.Fatalf("%s: Cycle() = %d, want %d", where(), got, want)
	}
	for i, c := range timer.Cycles() {
		if diff := cmp.Diff(m.cycles[i], c.Spans(), sameTime); diff != "" {
			t.Fatalf("%s: Cycles()[%d].Spans() (-want +got):\n%s", where(), i, diff)
		}
	}
	far := m.since.Add(30 * 24 * time.Hour)
	ats := []time.Time{m.since, m.since.Add(time.Minute), far}
	for _, s := range wantSpans {
		ats = append(ats, s.Start, s.Start.Add(time.Minute), s.End)
	}
	for _, cal := range []clock.Calendar{officeHours, always{}} {
		for _, at := range ats {
			if got, want := timer.Elapsed(cal, at), m.elapsed(cal, at); got != want {
				t.Fatalf("%s: Elapsed(%T, %v) = %v, want the sum of Between over the spans, %v", where(), cal, at, got, want)
			}
		}
		for _, target := range targets {
			due, ok := timer.Due(cal, target)
			total := m.elapsed(cal, far)
			switch {
			case !ok && timer.State() == clock.Running:
				t.Fatalf("%s: Due(%T, %v) has no answer for a running timer", where(), cal, target)
			case !ok && timer.State() != clock.Idle && total >= target:
				t.Fatalf("%s: Due(%T, %v) has no answer though %v elapsed", where(), cal, target, total)
			case ok && target > 0:
				if got := timer.Elapsed(cal, due); got != target {
					t.Fatalf("%s: Elapsed(Due(%T, %v) = %v) = %v", where(), cal, target, due, got)
				}
				if got := timer.Elapsed(cal, due.Add(-time.Nanosecond)); got >= target {
					t.Fatalf("%s: Elapsed just before Due(%T, %v) = %v is %v already", where(), cal, target, due, got)
				}
			case ok && !due.Equal(wantSpans[0].Start):
				t.Fatalf("%s: Due(%T, %v) = %v, want the cycle's start %v", where(), cal, target, due, wantSpans[0].Start)
			}
			for _, at := range ats {
				rem := timer.Remaining(cal, target, at)
				if rem != target-timer.Elapsed(cal, at) {
					t.Fatalf("%s: Remaining is not target - Elapsed", where())
				}
				if f := timer.Fraction(cal, target, at); (f >= 1) != (rem <= 0) {
					t.Fatalf("%s: Fraction(%v, %v) = %v but Remaining = %v", where(), target, at, f, rem)
				}
			}
		}
	}
	b, err := json.Marshal(timer)
	if err != nil {
		t.Fatalf("%s: json.Marshal: %v", where(), err)
	}
	var back clock.Timer
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s: json.Unmarshal(%s): %v", where(), b, err)
	}
	if diff := cmp.Diff(snapshot(t, timer), snapshot(t, back), equalTime); diff != "" {
		t.Fatalf("%s: JSON round trip (-want +got):\n%s", where(), diff)
	}
}
