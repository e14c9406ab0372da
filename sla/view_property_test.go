package sla_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// TestViewAndTimelineOnRandomHistories checks, along random histories
// (eventsFrom, as TestRandomHistories makes them, over the New York
// spring-forward weekend), at the last event and at a later instant:
//
//   - the view's metrics are Status's, figure for figure, with the target
//     as written and a verdict that follows from Status's flags;
//   - its breach instants, verdicts and next breach and warning are what a
//     Tick at that instant reports, and NextDeadline is the earlier of the
//     next two, rounded up to the second;
//   - the timeline's lanes are Cycles's, their segments tile each cycle
//     without gaps or overlaps, counted segments lie in business hours and
//     outside-hours ones out of them, and the counted ones add up to the
//     business time used; the latest lane of a metric is its view.
func TestViewAndTimelineOnRandomHistories(t *testing.T) {
	set := loadSet(t)
	n := 120
	if long() {
		n = 3000
	}
	r := rand.New(rand.NewPCG(13, 1))
	for i := range n {
		data := make([]byte, 3+3*r.IntN(30))
		for k := range data {
			data[k] = byte(r.UintN(256))
			if k >= 3 && k%3 == 0 {
				data[k] &= 0x7f // no retries: they change nothing here
			}
			if k >= 3 && k%3 == 1 && r.IntN(4) > 0 {
				data[k] = byte(r.UintN(40)) // mostly short steps
			}
		}
		checkViewsAlong(t, set, data)
		if t.Failed() {
			t.Fatalf("history %d: %v", i, data)
		}
	}
}

// FuzzView runs the checks of TestViewAndTimelineOnRandomHistories on the
// histories of FuzzEvaluate's bytes.
func FuzzView(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 1, 0, 3, 5, 0, 2, 10, 3, 5, 30, 0, 6, 2, 3, 8, 100, 0})
	f.Add([]byte{1, 3, 1, 5, 2, 0, 6, 20, 1, 8, 200, 0, 3, 1, 0, 2, 5, 5, 2, 5, 6, 8, 140, 0})
	f.Add([]byte{0, 2, 2, 2, 60, 3, 2, 100, 1, 6, 10, 3, 8, 250, 0, 2, 10, 5, 2, 1, 1, 8, 140, 0})
	f.Add([]byte{0, 3, 3, 2, 30, 3, 6, 0, 1, 2, 200, 4, 2, 0, 1, 2, 30, 5, 8, 99, 0})
	set := loadSet(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 300 {
			data = data[:300]
		}
		checkViewsAlong(t, set, data)
	})
}

// checkViewsAlong applies the history of data (eventsFrom) and checks the
// view and the timeline after every third event applied, at it and at an
// instant up to 72 hours later that the history's bytes choose.
func checkViewsAlong(t *testing.T, set *policy.Set, data []byte) {
	t.Helper()
	var s sla.State
	for k, ev := range eventsFrom(data) {
		next, _, err := sla.Evaluate(set, s, ev)
		if err != nil {
			continue
		}
		s = next
		if k%3 != 0 {
			continue
		}
		later := time.Duration(0)
		if len(data) > 0 {
			later = time.Duration(data[(7*k)%len(data)]) * 17 * time.Minute
		}
		for _, at := range []time.Time{s.Last(), s.Last().Add(later)} {
			checkView(t, set, s, at)
			checkTimeline(t, set, s, at)
		}
		if t.Failed() {
			t.Fatalf("event %d", k)
		}
	}
}

// checkView checks the view of s at at against Status and a Tick at at.
func checkView(t *testing.T, set *policy.Set, s sla.State, at time.Time) {
	t.Helper()
	v, err := s.View(set, at)
	if err != nil {
		t.Fatalf("View: %v", err)
	}
	st, err := s.Status(set, at)
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if len(v.Metrics) != len(st) {
		t.Fatalf("View has %d metrics, Status %d", len(v.Metrics), len(st))
	}
	for i, m := range v.Metrics {
		want, got := statusFigures(st[i]), viewFigures(t, set, m)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s/%s: the view differs from Status (-status +view):\n%s", m.Agreement.Name, m.Metric, diff)
		}
		if want := verdictOf(t, set, st[i]); m.Verdict != want {
			t.Fatalf("%s/%s: verdict %s, want %s from %+v", m.Agreement.Name, m.Metric, m.Verdict, want, st[i])
		}
		if m.Line == "" {
			t.Fatalf("%s/%s: no line", m.Agreement.Name, m.Metric)
		}
	}
	if s.Created().IsZero() {
		return
	}
	// A Tick at the instant viewed reports the breaches the view shows,
	// and then nothing changes what the view says.
	ticked, _, err := sla.Evaluate(set, s, tick(v.At))
	if err != nil {
		t.Fatalf("a tick at %v: %v", v.At, err)
	}
	cs := cycles(t, set, ticked)
	for _, m := range v.Metrics {
		for _, c := range cs {
			if c.Agreement == m.Agreement && c.Metric == m.Metric && c.Number == m.Number &&
				(!c.GoalBreached.Equal(m.GoalBreached) || !c.PromiseBreached.Equal(m.PromiseBreached)) {
				t.Fatalf("%s #%d: breaches %v, %v in the view, %v, %v reported by a tick", m.Metric, m.Number,
					m.GoalBreached, m.PromiseBreached, c.GoalBreached, c.PromiseBreached)
			}
		}
	}
	after, err := ticked.View(set, v.At)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v, after); diff != "" {
		t.Fatalf("the view changed with a tick at the instant viewed (-before +after):\n%s", diff)
	}
	checkNext(t, set, ticked, v)
}

// checkNext checks v's next breach and warning against ticked, the state
// after a Tick at v.At.
func checkNext(t *testing.T, set *policy.Set, ticked sla.State, v sla.View) {
	t.Helper()
	first := v.NextBreach
	if first.At.IsZero() || !v.NextWarning.At.IsZero() && v.NextWarning.At.Before(first.At) {
		first = v.NextWarning
	}
	want := time.Time{}
	if !first.At.IsZero() {
		want = first.At.Truncate(time.Second)
		if !want.Equal(first.At) {
			want = want.Add(time.Second)
		}
	}
	got := ticked.NextDeadline(set)
	if !got.IsZero() && (want.IsZero() || got.Before(want)) {
		// Only an escalation level, which the view does not show, may come
		// before the next breach and warning.
		_, ts, err := sla.Evaluate(set, ticked, tick(got))
		if err != nil || len(ts) == 0 || ts[0].Kind != sla.Escalated {
			t.Fatalf("NextDeadline %v before the view's next breach %v and warning %v, and a tick there emits %v, %v",
				got, v.NextBreach.At, v.NextWarning.At, ts, err)
		}
		return
	}
	if !got.Equal(want) {
		t.Fatalf("NextDeadline %v; the view's next breach %v, next warning %v", got, v.NextBreach.At, v.NextWarning.At)
	}
	if want.IsZero() {
		return
	}
	_, ts, err := sla.Evaluate(set, ticked, tick(want))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []sla.Upcoming{v.NextBreach, v.NextWarning} {
		if !u.At.Equal(first.At) {
			continue
		}
		found := false
		for _, x := range ts {
			found = found || x.Kind == u.Kind && x.Agreement == u.Agreement && x.Metric == u.Metric &&
				x.Cycle == u.Cycle && x.At.Equal(u.At) && x.Warning == u.Warning
		}
		if !found {
			t.Fatalf("a tick at %v emitted %v, not the upcoming %+v", want, ts, u)
		}
	}
}

// figures are what Status and the view both report of a metric.
type figures struct {
	Agreement                     sla.Agreement
	Metric                        string
	Cycle                         int
	Stage                         sla.Stage
	Priority, Calendar            string
	Goal, Promise                 time.Duration
	GoalDue, PromiseDue           time.Time
	Used, Left, PromiseLeft       time.Duration
	GoalBreached, PromiseBreached bool
	Start, End                    time.Time
}

func statusFigures(m sla.MetricStatus) figures {
	return figures{m.Agreement, m.Metric, m.Cycle, m.Stage, m.Priority, m.Calendar, m.Goal, m.Promise,
		m.GoalDue, m.PromiseDue, m.Used, m.Left, m.PromiseLeft, m.GoalBreached, m.PromiseBreached, m.Start, m.End}
}

// viewFigures returns the figures of v, its target's lengths worked out
// from the target as written, and checks that its instants are in its
// calendar's zone.
func viewFigures(t *testing.T, set *policy.Set, v sla.CycleView) figures {
	t.Helper()
	f := figures{v.Agreement, v.Metric, v.Number, v.Stage, v.Priority, v.Calendar, 0, 0,
		v.GoalDue, v.PromiseDue, v.Used, v.Left, v.PromiseLeft, !v.GoalBreached.IsZero(), !v.PromiseBreached.IsZero(), v.Start, v.End}
	if v.Calendar == "" {
		return f
	}
	cal := calendarIn(t, calendarOf(t, set, v.Calendar), v.Zone) // in the requester's zone, if it follows one
	f.Goal, f.Promise = v.Goal.Length(cal, v.Start), v.Promise.Length(cal, v.Start)
	for _, at := range []time.Time{v.Start, v.End, v.GoalDue, v.PromiseDue, v.GoalBreached, v.PromiseBreached, v.PausedSince} {
		if !at.IsZero() && at.Location().String() != v.Zone {
			t.Fatalf("%s: instant %v not in the calendar's zone %s", v.Metric, at, v.Zone)
		}
	}
	if v.Zone != cal.Location().String() {
		t.Fatalf("%s: zone %s, the calendar's %s", v.Metric, v.Zone, cal.Location())
	}
	return f
}

func calendarOf(t *testing.T, set *policy.Set, name string) *calendar.Calendar {
	t.Helper()
	cal, ok := set.Calendar(name)
	if !ok {
		t.Fatalf("no calendar %s", name)
	}
	return cal
}

// calendarIn returns cal built again in zone, or cal itself in its own.
func calendarIn(t *testing.T, cal *calendar.Calendar, zone string) *calendar.Calendar {
	t.Helper()
	if zone == cal.Location().String() {
		return cal
	}
	spec := cal.Spec()
	spec.Zone = zone
	c, err := calendar.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// verdictOf is the verdict that Status's figures call for, worked out
// again here from the policy's warnings.
func verdictOf(t *testing.T, set *policy.Set, m sla.MetricStatus) sla.Verdict {
	switch {
	case m.Cycle == 0:
		return sla.VerdictNotStarted
	case m.PromiseBreached:
		return sla.VerdictPromiseBroken
	case m.Calendar == "" && !m.GoalBreached:
		return sla.VerdictNotMeasured
	case m.Stage == sla.StageMet && m.GoalBreached:
		return sla.VerdictMetLate
	case m.Stage == sla.StageMet:
		return sla.VerdictMetInTime
	case m.Stage == sla.StageCancelled:
		return sla.VerdictCancelled
	case m.GoalBreached:
		return sla.VerdictGoalMissed
	case m.Stage == sla.StagePaused:
		return sla.VerdictPaused
	}
	p, ok := set.Policy(m.Agreement.Name, m.Agreement.Version)
	if !ok {
		t.Fatalf("no policy %v", m.Agreement)
	}
	tg, _ := p.Target(m.Metric, m.Priority)
	for _, w := range tg.Warnings {
		if d := w.Threshold(m.Goal); d > 0 && d < m.Goal && m.Used >= d {
			return sla.VerdictAtRisk
		}
	}
	return sla.VerdictOnTrack
}

// checkTimeline checks the lanes of s at at against Cycles and the view.
func checkTimeline(t *testing.T, set *policy.Set, s sla.State, at time.Time) {
	t.Helper()
	lanes, err := s.Timeline(set, at)
	if err != nil {
		t.Fatalf("Timeline: %v", err)
	}
	cs := cycles(t, set, s)
	if len(lanes) != len(cs) {
		t.Fatalf("%d lanes, %d cycles", len(lanes), len(cs))
	}
	v, _ := s.View(set, at)
	for i, l := range lanes {
		c, lc := cs[i], l.Cycle
		if lc.Agreement != c.Agreement || lc.Metric != c.Metric || lc.Number != c.Number || lc.Stage != c.Stage ||
			!lc.Start.Equal(c.Start) || !lc.End.Equal(c.End) || !lc.GoalDue.Equal(c.GoalDue) || !lc.PromiseDue.Equal(c.PromiseDue) ||
			!c.GoalBreached.IsZero() && !c.GoalBreached.Equal(lc.GoalBreached) ||
			!c.PromiseBreached.IsZero() && !c.PromiseBreached.Equal(lc.PromiseBreached) ||
			!c.End.IsZero() && lc.Used != c.Used {
			t.Fatalf("lane %d is not cycle %d:\n%+v\n%+v", i, i, lc, c)
		}
		end := c.End
		if end.IsZero() {
			end = v.At
		}
		checkSegments(t, set, l, c.Start, end)
		for _, m := range v.Metrics {
			if m.Agreement == lc.Agreement && m.Metric == lc.Metric && m.Number == lc.Number {
				if diff := cmp.Diff(m, lc); diff != "" {
					t.Fatalf("lane %d differs from the view of its metric (-view +lane):\n%s", i, diff)
				}
			}
		}
	}
}

// checkSegments checks that the segments of l tile [start, end) and add
// up to the business time it used.
func checkSegments(t *testing.T, set *policy.Set, l sla.Lane, start, end time.Time) {
	t.Helper()
	var cal *calendar.Calendar
	if l.Cycle.Calendar != "" {
		cal = calendarIn(t, calendarOf(t, set, l.Cycle.Calendar), l.Cycle.Zone)
	}
	prev, counted := start, time.Duration(0)
	for k, sg := range l.Segments {
		switch {
		case !sg.Start.Equal(prev) || !sg.End.After(sg.Start):
			t.Fatalf("%s #%d: segment %d [%v, %v) after %v: a gap, an overlap or empty", l.Cycle.Metric, l.Cycle.Number, k, sg.Start, sg.End, prev)
		case k > 0 && l.Segments[k-1].Kind == sg.Kind:
			t.Fatalf("%s #%d: segments %d and %d both %s", l.Cycle.Metric, l.Cycle.Number, k-1, k, sg.Kind)
		case (cal == nil) != (sg.Kind == sla.SegmentNotMeasured) && sg.Kind != sla.SegmentPaused:
			t.Fatalf("%s #%d: segment %d is %s, calendar %q", l.Cycle.Metric, l.Cycle.Number, k, sg.Kind, l.Cycle.Calendar)
		case sg.Kind == sla.SegmentCounted && cal.Between(sg.Start, sg.End) != sg.End.Sub(sg.Start):
			t.Fatalf("%s #%d: counted segment %d [%v, %v) is not all open", l.Cycle.Metric, l.Cycle.Number, k, sg.Start, sg.End)
		case sg.Kind == sla.SegmentOutsideHours && cal.Between(sg.Start, sg.End) != 0:
			t.Fatalf("%s #%d: outside-hours segment %d [%v, %v) is open", l.Cycle.Metric, l.Cycle.Number, k, sg.Start, sg.End)
		}
		if sg.Kind == sla.SegmentCounted {
			counted += sg.End.Sub(sg.Start)
		}
		prev = sg.End
	}
	if len(l.Segments) > 0 && !prev.Equal(end) || len(l.Segments) == 0 && end.After(start) {
		t.Fatalf("%s #%d: segments end at %v, the cycle at %v", l.Cycle.Metric, l.Cycle.Number, prev, end)
	}
	if counted != l.Cycle.Used {
		t.Fatalf("%s #%d: counted segments add up to %v, used %v", l.Cycle.Metric, l.Cycle.Number, counted, l.Cycle.Used)
	}
}
