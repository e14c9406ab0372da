package sla_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// TestRepair replays tickets under a document whose first_response goal
// changed and compares with what was emitted under the old one.
func TestRepair(t *testing.T) {
	old := loadSet(t)
	var doc map[string]any
	data := mustRead(t, "testdata/policy.json")
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	// Recompute's normal first_response: 4h/6h with warnings 75% and 30m,
	// loosened to 8h/10h without warnings.
	for _, p := range doc["policies"].([]any) {
		p := p.(map[string]any)
		if p["name"] == "Recompute" {
			p["targets"].(map[string]any)["first_response"].(map[string]any)["normal"] = map[string]any{"goal": "8h", "promise": "10h"}
		}
	}
	newDoc, _ := json.Marshal(doc)
	loosened, err := policy.Load(newDoc)
	if err != nil {
		t.Fatal(err)
	}
	events := []sla.Event{created(mon("09:00"), "recompute", "normal"), note(mon("12:00")), reply(mon("14:00"))}
	_, emitted, err := sla.Replay(old, events)
	if err != nil {
		t.Fatal(err)
	}
	repaired, got, err := sla.Repair(loosened, events, emitted, mon("18:00"))
	if err != nil {
		t.Fatal(err)
	}
	// Under 4h/6h the reply at 14:00 came after two warnings and the goal's
	// breach at 13:00; under 8h/10h it is in time.
	want := []tr{
		{"warning", "first_response", 1, mon("12:00")},
		{"warning", "first_response", 1, mon("12:30")},
		{"goal_breached", "first_response", 1, mon("13:00").Add(ns)},
	}
	if diff := cmp.Diff(want, only("first_response", got.Withdrawn)); diff != "" {
		t.Errorf("withdrawn (-want +got):\n%s", diff)
	}
	if len(only("first_response", got.Added)) != 0 {
		t.Errorf("added %v, want nothing for first_response", got.Added)
	}
	// The state is the one Replay gives under the new set, ticked.
	want2, _ := replay(t, loosened, append(events, tick(mon("18:00")))...)
	if !repaired.Equal(want2) {
		t.Error("the repaired state is not the replay under the new set")
	}
	t.Run("tightened: a breach that was not emitted is added", func(t *testing.T) {
		_, emitted, _ := sla.Replay(loosened, events)
		_, got, err := sla.Repair(old, events, emitted, mon("18:00"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, only("first_response", got.Added)); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
	})
	t.Run("the same document: nothing changes", func(t *testing.T) {
		_, emitted, _ := sla.Replay(old, append(events, tick(mon("18:00"))))
		_, got, err := sla.Repair(old, events, emitted, mon("18:00"))
		if err != nil || len(got.Added) != 0 || len(got.Withdrawn) != 0 {
			t.Errorf("Repair with the same set: %+v, %v; want no change", got, err)
		}
	})
	t.Run("an instant out of range is an error at the path at", func(t *testing.T) {
		for _, at := range []time.Time{{}, time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)} {
			_, _, err := sla.Repair(old, events, nil, at)
			var e *sla.Error
			if !errors.As(err, &e) || e.Path != "at" || !errors.Is(err, sla.ErrBadTime) {
				t.Errorf("Repair at %v: %v; want ErrBadTime at path at", at, err)
			}
		}
	})
	t.Run("transitions written in another location compare as instants", func(t *testing.T) {
		_, emitted, _ := sla.Replay(old, append(events, tick(mon("18:00"))))
		tokyo := time.FixedZone("JST", 9*3600)
		for i := range emitted {
			emitted[i].At = emitted[i].At.In(tokyo)
		}
		_, got, _ := sla.Repair(old, events, emitted, mon("18:00"))
		if len(got.Added) != 0 || len(got.Withdrawn) != 0 {
			t.Errorf("Repair: %+v; want no change", got)
		}
	})
}
