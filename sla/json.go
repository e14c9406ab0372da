package sla

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
)

// The JSON form of a State. Instants are RFC 3339 in UTC with nanoseconds,
// durations in time.Duration's form ("1h30m0s").
//
//	{"created": "2026-03-02T14:00:00Z", "last": "2026-03-02T15:00:00Z",
//	 "policy": {"name": "Enterprise", "version": "2026-01-01T05:00:00Z", "kind": "sla"},
//	 "priority": "high", "status": "open",
//	 "metrics": [{"name": "first_response", "timer": {clock.Timer's form},
//	              "next": "2026-03-02T16:00:00Z"}],
//	 "cycles": [{"metric": "first_response", "cycle": 1, "stage": "running",
//	             "priority": "high", "calendar": "business", "goal": "2h0m0s",
//	             "promise": "4h0m0s", "start": "2026-03-02T14:00:00Z",
//	             "since": "2026-03-02T14:00:00Z"}]}
//
// The zero State is {}.
type jsonState struct {
	Created  string       `json:"created,omitempty"`
	Last     string       `json:"last,omitempty"`
	Policy   *jsonPolicy  `json:"policy,omitempty"`
	Priority string       `json:"priority,omitempty"`
	Status   string       `json:"status,omitempty"`
	ByAgent  bool         `json:"by_agent,omitempty"`
	Metrics  []jsonMetric `json:"metrics,omitempty"`
	Cycles   []jsonCycle  `json:"cycles,omitempty"`
}

type jsonPolicy struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Kind    policy.Kind `json:"kind"`
}

type jsonMetric struct {
	Name  string          `json:"name"`
	Timer json.RawMessage `json:"timer"`
	Next  string          `json:"next,omitempty"`
}

type jsonCycle struct {
	Metric          string `json:"metric"`
	Cycle           int    `json:"cycle"`
	Stage           Stage  `json:"stage"`
	Priority        string `json:"priority"`
	Calendar        string `json:"calendar"`
	Goal            string `json:"goal"`
	Promise         string `json:"promise"`
	Start           string `json:"start"`
	End             string `json:"end,omitempty"`
	Since           string `json:"since"`
	Warned          int    `json:"warned,omitempty"`
	LastWarning     string `json:"last_warning,omitempty"`
	GoalBreached    string `json:"goal_breached,omitempty"`
	PromiseBreached string `json:"promise_breached,omitempty"`
	Used            string `json:"used,omitempty"`
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func formatDuration(d time.Duration) string { return d.String() }

// MarshalJSON encodes the state in the form UnmarshalJSON reads back
// into an equal state, byte for byte.
func (s State) MarshalJSON() ([]byte, error) {
	if s.created.IsZero() {
		return []byte("{}"), nil
	}
	js := jsonState{
		Created: formatTime(s.created), Last: formatTime(s.last),
		Priority: s.priority, ByAgent: s.byAgent,
	}
	cat, err := s.category.MarshalText()
	if err != nil {
		return nil, err
	}
	js.Status = string(cat)
	if s.hasPolicy {
		js.Policy = &jsonPolicy{Name: s.policy, Version: formatTime(s.version), Kind: s.kind}
	}
	for i := range s.numMetrics() {
		m := s.metric(i)
		t, err := s.timer(i)
		if err != nil {
			return nil, err
		}
		tb, err := t.MarshalJSON()
		if err != nil {
			return nil, err
		}
		js.Metrics = append(js.Metrics, jsonMetric{Name: m.name, Timer: tb, Next: formatTime(m.next.Time())})
	}
	cycles := s.cycles()
	for i := range cycles {
		c := &cycles[i]
		jc := jsonCycle{
			Metric: s.metric(int(c.metric)).name, Cycle: int(c.n), Stage: c.stage,
			Priority: c.priority, Calendar: c.calendar,
			Goal: formatDuration(c.goal), Promise: formatDuration(c.promise),
			Start: formatTime(c.start.Time()), End: formatTime(c.end.Time()), Since: formatTime(c.since.Time()),
			Warned: int(c.warned), LastWarning: formatTime(c.lastWarning.Time()),
			GoalBreached: formatTime(c.goalAt.Time()), PromiseBreached: formatTime(c.promiseAt.Time()),
		}
		if !c.open() {
			jc.Used = formatDuration(c.used)
		}
		js.Cycles = append(js.Cycles, jc)
	}
	return json.Marshal(js)
}

// UnmarshalJSON decodes a state encoded by MarshalJSON. It is strict:
// unknown fields, trailing data, malformed instants or durations, and a
// state that no sequence of events could produce (cycles that do not match
// their metric's timer, instants out of order or after the last event) are
// errors, a *DecodeError naming the offending value, and on error s is
// unchanged. So a state that decodes is one Evaluate can work on. The JSON
// null leaves s unchanged, as encoding/json does for other types.
func (s *State) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var js jsonState
	if err := dec.Decode(&js); err != nil {
		return &DecodeError{Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &DecodeError{Err: errors.New("data after the state")}
	}
	u, err := decodeState(&js)
	if err != nil {
		return err
	}
	*s = u
	return nil
}

type decoder struct{ err error }

func (d *decoder) fail(path string, format string, args ...any) {
	if d.err == nil {
		d.err = &DecodeError{Path: path, Err: fmt.Errorf(format, args...)}
	}
}

// instant parses an optional instant; required ones must not be empty.
func (d *decoder) instant(path, text string, required bool) time.Time {
	if text == "" {
		if required {
			d.fail(path, "missing")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		d.fail(path, "%q: want an RFC 3339 instant", text)
		return time.Time{}
	}
	t = t.UTC()
	if !recordable(t) {
		d.fail(path, "%q: %w", text, ErrBadTime)
		return time.Time{}
	}
	return t
}

// maxDuration bounds the durations a state holds: far above any target,
// and far from overflowing when added to.
const maxDuration = 100_000 * time.Hour

func (d *decoder) duration(path, text string) time.Duration {
	v, err := time.ParseDuration(text)
	if err != nil || v < 0 || v > maxDuration {
		d.fail(path, "%q: want a duration from zero to 100000h, like \"1h30m0s\"", text)
		return 0
	}
	return v
}

// within checks that t lies in [lo, hi].
func (d *decoder) within(path string, t, lo, hi time.Time) {
	if t.Before(lo) || t.After(hi) {
		d.fail(path, "%s outside [%s, %s]", formatTime(t), formatTime(lo), formatTime(hi))
	}
}

func decodeState(js *jsonState) (State, error) {
	var d decoder
	var s State
	s.created = d.instant("created", js.Created, false)
	if s.created.IsZero() {
		if d.err == nil && (js.Last != "" || js.Policy != nil || js.Priority != "" || js.Status != "" ||
			js.ByAgent || len(js.Metrics) > 0 || len(js.Cycles) > 0) {
			d.fail("created", "missing, but the state is not empty")
		}
		return State{}, d.err
	}
	s.last = d.instant("last", js.Last, true)
	if d.err == nil && s.last.Before(s.created) {
		d.fail("last", "earlier than created")
	}
	s.priority, s.byAgent = js.Priority, js.ByAgent
	if err := s.category.UnmarshalText([]byte(js.Status)); err != nil || s.category == 0 {
		d.fail("status", "%q: want new, open, pending, on_hold, solved or closed", js.Status)
	}
	if js.Policy != nil {
		if js.Policy.Name == "" {
			d.fail("policy.name", "missing")
		}
		s.hasPolicy, s.policy, s.kind = true, js.Policy.Name, js.Policy.Kind
		s.version = d.instant("policy.version", js.Policy.Version, false)
	} else if len(js.Metrics) > 0 || len(js.Cycles) > 0 {
		d.fail("metrics", "a ticket without a policy has no metrics")
	}
	if d.err != nil {
		return State{}, d.err
	}

	// Metrics and their timers.
	s.newMetrics(len(js.Metrics))
	var timer clock.Timer
	timerCycles := make([][]clock.Timer, len(js.Metrics))
	for i, jm := range js.Metrics {
		path := fmt.Sprintf("metrics[%d]", i)
		if jm.Name == "" {
			d.fail(path+".name", "missing")
		}
		for k := range i {
			if s.metric(k).name == jm.Name {
				d.fail(path+".name", "%q listed twice", jm.Name)
			}
		}
		m := s.metric(i)
		m.name = jm.Name
		if len(jm.Timer) == 0 || string(jm.Timer) == "null" {
			d.fail(path+".timer", "missing")
		} else if err := timer.UnmarshalJSON(jm.Timer); err != nil {
			d.fail(path+".timer", "%w", err)
		}
		m.next = instantOf(d.instant(path+".next", jm.Next, false))
		if d.err != nil {
			return State{}, d.err
		}
		timerCycles[i] = timer.Cycles()
	}

	// Cycles, checked against the timers.
	seen := make([]int, s.numMetrics()) // cycles of each metric so far
	for k, jc := range js.Cycles {
		path := fmt.Sprintf("cycles[%d]", k)
		i := -1
		for j := range s.numMetrics() {
			if s.metric(j).name == jc.Metric {
				i = j
			}
		}
		if i < 0 {
			d.fail(path+".metric", "%q is not under metrics", jc.Metric)
			return State{}, d.err
		}
		seen[i]++
		if jc.Cycle != seen[i] {
			d.fail(path+".cycle", "%d: want %d, the next cycle of %s", jc.Cycle, seen[i], jc.Metric)
			return State{}, d.err
		}
		if seen[i] > len(timerCycles[i]) {
			d.fail(path, "the timer of %s has %d cycles", jc.Metric, len(timerCycles[i]))
			return State{}, d.err
		}
		t := timerCycles[i][seen[i]-1]
		start := d.instant(path+".start", jc.Start, true)
		end := d.instant(path+".end", jc.End, false)
		since := d.instant(path+".since", jc.Since, true)
		extra := []struct {
			name string
			t    time.Time
		}{
			{"last_warning", d.instant(path+".last_warning", jc.LastWarning, false)},
			{"goal_breached", d.instant(path+".goal_breached", jc.GoalBreached, false)},
			{"promise_breached", d.instant(path+".promise_breached", jc.PromiseBreached, false)},
		}
		c := cycle{
			metric: int32(i), n: int32(jc.Cycle), seq: int32(k), stage: jc.Stage, priority: jc.Priority, calendar: jc.Calendar,
			goal: d.duration(path+".goal", jc.Goal), promise: d.duration(path+".promise", jc.Promise),
			start: instantOf(start), end: instantOf(end), since: instantOf(since),
			lastWarning: instantOf(extra[0].t), goalAt: instantOf(extra[1].t), promiseAt: instantOf(extra[2].t),
		}
		if d.err != nil {
			return State{}, d.err
		}
		if jc.Calendar == "" {
			d.fail(path+".calendar", "missing")
		}
		if jc.Warned < 0 || jc.Warned > math.MaxUint16 {
			d.fail(path+".warned", "%d: out of range", jc.Warned)
		}
		c.warned = uint16(jc.Warned)
		last := seen[i] == len(timerCycles[i])
		spans := t.Spans()
		if !spans[0].Start.Equal(start) {
			d.fail(path+".start", "%s, but the timer's cycle starts at %s", jc.Start, formatTime(spans[0].Start))
		}
		switch c.stage {
		case StageRunning, StagePaused:
			want := clock.Running
			if c.stage == StagePaused {
				want = clock.Paused
			}
			switch {
			case !last:
				d.fail(path+".stage", "%s, but a later cycle of %s exists", c.stage, jc.Metric)
			case t.State() != want:
				d.fail(path+".stage", "%s, but the timer is %s", c.stage, t.State())
			case jc.End != "" || jc.Used != "":
				d.fail(path+".end", "a %s cycle has no end nor used time", c.stage)
			}
		case StageMet, StageCancelled:
			switch {
			case t.State() != clock.Stopped:
				d.fail(path+".stage", "%s, but the timer is %s", c.stage, t.State())
			case end.IsZero() || !end.Equal(t.Since()):
				d.fail(path+".end", "%q, but the timer's cycle stopped at %s", jc.End, formatTime(t.Since()))
			case jc.Used == "":
				d.fail(path+".used", "missing")
			}
			c.used = d.duration(path+".used", jc.Used)
		default:
			d.fail(path+".stage", "%s: a cycle is running, paused, met or cancelled", c.stage)
		}
		hi := s.last
		if !end.IsZero() {
			hi = end
		}
		d.within(path+".start", start, s.created, s.last)
		d.within(path+".since", since, start, hi)
		for _, x := range extra {
			if !x.t.IsZero() {
				d.within(path+"."+x.name, x.t, start, hi)
			}
		}
		if d.err != nil {
			return State{}, d.err
		}
		m := s.metric(i)
		m.cyc, m.since, m.spans = c, instantOf(t.Since().UTC()), nil
		for _, sp := range spans {
			if !sp.End.IsZero() { // not the open span of a running timer
				m.spans = append(m.spans, span{instantOf(sp.Start.UTC()), instantOf(sp.End.UTC())})
			}
		}
		if !c.open() {
			s.appendClosed(m, new(closedCycle))
		}
	}
	for i := range s.numMetrics() {
		m := s.metric(i)
		path := fmt.Sprintf("metrics[%d]", i)
		if seen[i] != len(timerCycles[i]) {
			d.fail(path+".timer", "%d cycles, but cycles lists %d of %s", len(timerCycles[i]), seen[i], m.name)
			break
		}
		if n := len(timerCycles[i]); n > 0 {
			t := timerCycles[i][n-1]
			if t.Since().After(s.last) {
				d.fail(path+".timer", "an instant after last")
				break
			}
		}
		if !m.next.IsZero() {
			switch {
			case m.cyc.stage != StageRunning:
				d.fail(path+".next", "a deadline, but no cycle of %s is running", m.name)
			case m.next <= instantOf(s.last):
				d.fail(path+".next", "not after last")
			}
		}
	}
	if d.err != nil {
		return State{}, d.err
	}
	return s, nil
}

// timer returns the clock of metric i in clock.Timer's form: the spans of
// every cycle, replayed as the transitions that made them.
func (s *State) timer(i int) (clock.Timer, error) {
	var t clock.Timer
	m := s.metric(i)
	var past []*closedCycle
	for c := s.closed; c != nil; c = c.prev {
		if int(c.metric) == i {
			past = append(past, c)
		}
	}
	slices.SortFunc(past, func(a, b *closedCycle) int { return cmp.Compare(a.n, b.n) })
	var errs []error
	replay := func(spans []span) {
		for k, sp := range spans {
			if k == 0 {
				errs = append(errs, t.Start(sp.start.Time()))
			} else {
				errs = append(errs, t.Resume(sp.start.Time()))
			}
			errs = append(errs, t.Pause(sp.end.Time()))
		}
	}
	for _, c := range past {
		if len(c.spans) == 0 {
			return t, fmt.Errorf("sla: cycle %d of %s has no spans", c.n, m.name)
		}
		replay(c.spans)
		errs = append(errs, t.Stop(c.end.Time()))
	}
	if m.cyc.open() {
		replay(m.spans)
		switch {
		case m.running() && len(m.spans) == 0:
			errs = append(errs, t.Start(m.since.Time()))
		case m.running():
			errs = append(errs, t.Resume(m.since.Time()))
		}
	}
	return t, errors.Join(errs...)
}
