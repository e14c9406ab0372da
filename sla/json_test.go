package sla_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// goldenState is the JSON form of the state goldenEvents give.
const goldenState = `{
 "created": "2026-03-02T09:00:00Z", "last": "2026-03-02T12:00:00Z",
 "policy": {"name": "Restart", "kind": "sla"},
 "priority": "normal", "status": "open",
 "metrics": [
  {"name": "first_response",
   "timer": {"state": "stopped", "cycles": [
     {"spans": [{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:30:00Z"}], "stop": "2026-03-02T10:30:00Z"}]}},
  {"name": "resolution",
   "timer": {"state": "running", "cycles": [
     {"spans": [{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z"}], "stop": "2026-03-02T11:00:00Z"},
     {"spans": [{"start": "2026-03-02T12:00:00Z"}]}]},
   "next": "2026-03-02T20:00:00.000000001Z"}],
 "cycles": [
  {"metric": "first_response", "cycle": 1, "stage": "met", "priority": "normal", "calendar": "24x7",
   "goal": "4h0m0s", "promise": "6h0m0s", "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:30:00Z",
   "since": "2026-03-02T09:00:00Z", "used": "1h30m0s"},
  {"metric": "resolution", "cycle": 1, "stage": "met", "priority": "normal", "calendar": "24x7",
   "goal": "8h0m0s", "promise": "24h0m0s", "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T11:00:00Z",
   "since": "2026-03-02T09:00:00Z", "used": "1h0m0s"},
  {"metric": "resolution", "cycle": 2, "stage": "running", "priority": "normal", "calendar": "24x7",
   "goal": "8h0m0s", "promise": "24h0m0s", "start": "2026-03-02T12:00:00Z", "since": "2026-03-02T12:00:00Z"}]}`

func goldenEvents() []sla.Event {
	return []sla.Event{
		created(mon("09:00"), "restart", "normal"),
		status(mon("10:00"), "Pending"),
		reply(mon("10:30")),
		status(mon("11:00"), "Solved"),
		status(mon("12:00"), "Open"),
	}
}

func compact(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestStateJSON(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, goldenEvents()...)
	if got, want := mustJSON(t, s), compact(t, goldenState); got != want {
		t.Errorf("JSON form:\n%s\nwant\n%s", got, want)
	}
	var back sla.State
	if err := json.Unmarshal([]byte(goldenState), &back); err != nil {
		t.Fatal(err)
	}
	if got, want := mustJSON(t, back), compact(t, goldenState); got != want {
		t.Errorf("round trip:\n%s\nwant\n%s", got, want)
	}
	// The decoded state goes on exactly as the original.
	for _, ev := range []sla.Event{status(mon("13:00"), "Pending"), tick(mon("23:00")), reply(mon("23:30"))} {
		s1, t1, err1 := sla.Evaluate(set, s, ev)
		s2, t2, err2 := sla.Evaluate(set, back, ev)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(t1, t2); diff != "" {
			t.Errorf("%v: transitions differ (-original +decoded):\n%s", ev.Kind, diff)
		}
		if mustJSON(t, s1) != mustJSON(t, s2) {
			t.Errorf("%v: states differ", ev.Kind)
		}
		s, back = s1, s2
	}
	if got := mustJSON(t, sla.State{}); got != "{}" {
		t.Errorf("the zero State encodes as %s, want {}", got)
	}
}

func TestStateJSONOffsets(t *testing.T) {
	// Instants given in any location are recorded in UTC, so the state does
	// not depend on the caller's zone.
	set := loadSet(t)
	tokyo := time.FixedZone("JST", 9*3600)
	a, ta := replay(t, set, created(mon("09:00"), "recompute", "normal"), reply(mon("10:00")), tick(mon("23:00")))
	b, tb := replay(t, set, created(mon("09:00").In(tokyo), "recompute", "normal"), reply(mon("10:00").In(tokyo)), tick(mon("23:00").In(tokyo)))
	if mustJSON(t, a) != mustJSON(t, b) || mustJSON(t, ta) != mustJSON(t, tb) {
		t.Errorf("state or transitions depend on the events' location")
	}
}

func TestStateJSONStrict(t *testing.T) {
	golden := compact(t, goldenState)
	edit := func(old, new string) string {
		if !strings.Contains(golden, old) {
			panic("golden state lacks " + old)
		}
		return strings.Replace(golden, old, new, 1)
	}
	tests := []struct {
		name, doc, path string
	}{
		{"not JSON", `{"created":`, ""},
		{"not an object", `[]`, ""},
		{"an unknown field", edit(`"priority":"normal",`, `"priority":"normal","colour":"red",`), ""},
		{"data after the state", golden + ` {}`, ""},
		{"fields but no creation instant", `{"priority": "high"}`, "created"},
		{"a malformed instant", edit(`"created":"2026-03-02T09:00:00Z"`, `"created":"yesterday"`), "created"},
		{"no last event", edit(`"last":"2026-03-02T12:00:00Z",`, ``), "last"},
		{"last before created", edit(`"last":"2026-03-02T12:00:00Z"`, `"last":"2026-03-02T08:00:00Z"`), "last"},
		{"an unknown status category", edit(`"status":"open"`, `"status":"limbo"`), "status"},
		{"no status category", edit(`"status":"open",`, ``), "status"},
		{"a policy without a name", edit(`"name":"Restart"`, `"name":""`), "policy.name"},
		{"metrics without a policy", edit(`"policy":{"name":"Restart","kind":"sla"},`, ``), "metrics"},
		{"a metric listed twice", edit(`{"name":"resolution"`, `{"name":"first_response"`), "metrics[1].name"},
		{"a metric without a timer", edit(`"timer":{"state":"stopped","cycles":[{"spans":[{"start":"2026-03-02T09:00:00Z","end":"2026-03-02T10:30:00Z"}],"stop":"2026-03-02T10:30:00Z"}]}`, `"timer":null`), "metrics[0].timer"},
		{"a bad timer", edit(`"timer":{"state":"stopped"`, `"timer":{"state":"asleep"`), "metrics[0].timer"},
		{"a cycle of an unknown metric", edit(`{"metric":"first_response","cycle":1`, `{"metric":"triage","cycle":1`), "cycles[0].metric"},
		{"cycles numbered out of order", edit(`"metric":"resolution","cycle":2`, `"metric":"resolution","cycle":3`), "cycles[2].cycle"},
		{"more cycles than the timer has", edit(`"timer":{"state":"running","cycles":[{"spans":[{"start":"2026-03-02T09:00:00Z","end":"2026-03-02T10:00:00Z"}],"stop":"2026-03-02T11:00:00Z"},{"spans":[{"start":"2026-03-02T12:00:00Z"}]}]}`,
			`"timer":{"state":"stopped","cycles":[{"spans":[{"start":"2026-03-02T09:00:00Z","end":"2026-03-02T10:00:00Z"}],"stop":"2026-03-02T11:00:00Z"}]}`), "cycles[2]"},
		{"a stage the timer contradicts", edit(`"cycle":2,"stage":"running"`, `"cycle":2,"stage":"paused"`), "cycles[2].stage"},
		{"an idle cycle", edit(`"cycle":2,"stage":"running"`, `"cycle":2,"stage":"idle"`), "cycles[2].stage"},
		{"an unknown stage", edit(`"cycle":2,"stage":"running"`, `"cycle":2,"stage":"jogging"`), ""},
		{"a start the timer contradicts", edit(`"start":"2026-03-02T12:00:00Z","since"`, `"start":"2026-03-02T11:30:00Z","since"`), "cycles[2].start"},
		{"an end the timer contradicts", edit(`"end":"2026-03-02T11:00:00Z"`, `"end":"2026-03-02T11:01:00Z"`), "cycles[1].end"},
		{"an ended cycle without used time", edit(`,"used":"1h0m0s"`, ``), "cycles[1].used"},
		{"a negative duration", edit(`"goal":"4h0m0s"`, `"goal":"-4h0m0s"`), "cycles[0].goal"},
		{"a malformed duration", edit(`"goal":"4h0m0s"`, `"goal":"4 hours"`), "cycles[0].goal"},
		{"a cycle without a calendar", edit(`"calendar":"24x7","goal":"4h0m0s"`, `"calendar":"","goal":"4h0m0s"`), "cycles[0].calendar"},
		{"a target applying before the cycle started", edit(`"since":"2026-03-02T12:00:00Z"`, `"since":"2026-03-02T11:59:00Z"`), "cycles[2].since"},
		{"a breach after the last event", edit(`"since":"2026-03-02T12:00:00Z"`, `"since":"2026-03-02T12:00:00Z","goal_breached":"2026-03-02T13:00:00Z"`), "cycles[2].goal_breached"},
		{"a negative warning count", edit(`"since":"2026-03-02T12:00:00Z"`, `"since":"2026-03-02T12:00:00Z","warned":-1`), "cycles[2].warned"},
		{"fewer cycles than the timer has", edit(`,{"metric":"resolution","cycle":2,"stage":"running","priority":"normal","calendar":"24x7","goal":"8h0m0s","promise":"24h0m0s","start":"2026-03-02T12:00:00Z","since":"2026-03-02T12:00:00Z"}`, ``), "metrics[1].timer"},
		{"a deadline not after the last event", edit(`"next":"2026-03-02T20:00:00.000000001Z"`, `"next":"2026-03-02T12:00:00Z"`), "metrics[1].next"},
		{"a deadline with no running cycle", edit(`"stop":"2026-03-02T10:30:00Z"}]}}`, `"stop":"2026-03-02T10:30:00Z"}]},"next":"2026-03-03T00:00:00Z"}`), "metrics[0].next"},
		{"a timer instant after the last event", edit(`"last":"2026-03-02T12:00:00Z"`, `"last":"2026-03-02T11:59:00Z"`), "cycles[2].start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sla.State
			want := mustJSON(t, s)
			err := s.UnmarshalJSON([]byte(tt.doc))
			var de *sla.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %v (%T), want a *DecodeError", err, err)
			}
			if de.Path != tt.path {
				t.Errorf("path %q, want %q (%v)", de.Path, tt.path, err)
			}
			if got := mustJSON(t, s); got != want {
				t.Errorf("state changed on error: %s", got)
			}
		})
	}
	t.Run("a timer's error is wrapped", func(t *testing.T) {
		var s sla.State
		err := s.UnmarshalJSON([]byte(strings.Replace(golden, `"end":"2026-03-02T10:30:00Z"}],"stop"`, `"end":"2026-03-02T08:30:00Z"}],"stop"`, 1)))
		if !errors.Is(err, clock.ErrTimeOrder) {
			t.Errorf("error %v, want one wrapping clock.ErrTimeOrder", err)
		}
	})
}

func TestEventJSON(t *testing.T) {
	ev := sla.Event{
		Kind: sla.Created, At: ts("2026-03-02T09:00:00-05:00"), Status: "New", Priority: "high",
		Fields: policy.Fields{Attributes: map[string]string{"plan": "enterprise"}, Tags: []string{"vip"}},
		Actor:  "ann", ByAgent: true,
	}
	const want = `{"kind":"created","at":"2026-03-02T09:00:00-05:00","status":"New","priority":"high","fields":{"attributes":{"plan":"enterprise"},"tags":["vip"]},"actor":"ann","by_agent":true}`
	if got := mustJSON(t, ev); got != want {
		t.Errorf("JSON form:\n%s\nwant\n%s", got, want)
	}
	var back sla.Event
	if err := json.Unmarshal([]byte(want), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ev, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if got := mustJSON(t, tick(mon("10:00"))); got != `{"kind":"tick","at":"2026-03-02T10:00:00Z"}` {
		t.Errorf("a tick encodes as %s", got)
	}
	for _, bad := range []string{`{"kind":"reboot","at":"2026-03-02T10:00:00Z"}`, `{"kind":"tick","when":"now"}`, `{"kind":"tick"} {}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
	if _, err := json.Marshal(sla.Event{}); !errors.Is(err, sla.ErrUnknownKind) {
		t.Errorf("encoding the zero Kind: %v, want ErrUnknownKind", err)
	}
}

func TestKindText(t *testing.T) {
	names := []string{"created", "status_changed", "public_reply", "internal_note", "customer_reply",
		"priority_changed", "attributes_changed", "tick"}
	for i, name := range names {
		k := sla.Kind(i + 1)
		if k.String() != name {
			t.Errorf("Kind(%d).String() = %q, want %q", i+1, k, name)
		}
		var back sla.Kind
		if err := back.UnmarshalText([]byte(name)); err != nil || back != k {
			t.Errorf("UnmarshalText(%q) = %v, %v", name, back, err)
		}
	}
	if sla.Tick != 8 || sla.Kind(0).String() != "Kind(0)" {
		t.Errorf("Tick = %d, Kind(0) = %q", sla.Tick, sla.Kind(0))
	}
	tnames := []string{"started", "resumed", "warning", "goal_breached", "promise_breached", "paused", "met", "cancelled"}
	for i, name := range tnames {
		k := sla.TransitionKind(i + 1)
		b, err := k.MarshalText()
		var back sla.TransitionKind
		if string(b) != name || err != nil || back.UnmarshalText(b) != nil || back != k {
			t.Errorf("TransitionKind %d: %q, %v, back %v", i+1, b, err, back)
		}
	}
	snames := []string{"idle", "running", "paused", "met", "cancelled"}
	for i, name := range snames {
		s := sla.Stage(i)
		b, err := s.MarshalText()
		var back sla.Stage
		if string(b) != name || err != nil || back.UnmarshalText(b) != nil || back != s {
			t.Errorf("Stage %d: %q, %v, back %v", i, b, err, back)
		}
	}
}

func TestTransitionJSON(t *testing.T) {
	tr := sla.Transition{Kind: sla.Warning, Metric: "first_response", Cycle: 1, At: mon("12:00"), Priority: "normal", Warning: "75%"}
	const want = `{"kind":"warning","metric":"first_response","cycle":1,"at":"2026-03-02T12:00:00Z","priority":"normal","warning":"75%"}`
	if got := mustJSON(t, tr); got != want {
		t.Errorf("JSON form:\n%s\nwant\n%s", got, want)
	}
	var back sla.Transition
	if err := json.Unmarshal([]byte(want), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tr, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
