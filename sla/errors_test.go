package sla_test

import (
	"errors"
	"strings"
	"testing"
	"time"

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
		{"a zero instant", set, open, reply(time.Time{}), sla.ErrBadTime},
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
		{"an event before creation", set, open, customer(mon("08:00")), sla.ErrOutOfOrder},
		{"an unknown status at creation", set, zero, sla.Event{Kind: policy.Created, At: mon("09:00"), Status: "Limbo", Priority: "normal"}, sla.ErrUnknownStatus},
		{"an unknown status name", set, open, status(mon("11:00"), "Limbo"), sla.ErrUnknownStatus},
		{"an empty status name on a change", set, open, status(mon("11:00"), ""), sla.ErrUnknownStatus},
		{"an unknown priority at creation", set, zero, created(mon("09:00"), "recompute", "critical"), sla.ErrUnknownPriority},
		{"a change to an unknown priority", set, open, priority(mon("11:00"), "critical"), sla.ErrUnknownPriority},
		{"a state whose policy the set lacks", nil, open, reply(mon("11:00")), sla.ErrUnknownPolicy},
		{"a state whose policy the set lacks, on a tick", nil, open, tick(mon("11:00")), sla.ErrUnknownPolicy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept := tt.state
			got, ts, err := sla.Evaluate(tt.set, tt.state, tt.event)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			var e *sla.Error
			if !errors.As(err, &e) || !strings.HasPrefix(e.Path, "event") && !strings.HasPrefix(e.Path, "agreements") {
				t.Errorf("error %q (%T), want an *sla.Error about the event or the state's agreements", err, err)
			}
			if ts != nil {
				t.Errorf("transitions %v, want none", ts)
			}
			if !got.Equal(kept) || !tt.state.Equal(kept) {
				t.Errorf("a refused event changed the state")
			}
		})
	}
}
