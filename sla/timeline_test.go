package sla_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// seg is a segment in a short form for tables: "counted 10:00-11:00",
// New York wall clock, with the zone and the weekday when the segment
// crosses midnight.
func seg(s sla.Segment) string {
	layout := "15:04"
	if s.Start.Day() != s.End.Day() || s.Start.Location().String() != "America/New_York" {
		layout = "Mon 15:04 MST"
	}
	return fmt.Sprintf("%s %s-%s", s.Kind, s.Start.Format(layout), s.End.Format(layout))
}

func TestTimeline(t *testing.T) {
	set := viewSet(t)
	tests := []struct {
		name   string
		events []sla.Event
		metric string
		number int
		at     string
		want   []string
	}{
		{"an open cycle is drawn up to the instant asked", deskTicket("2026-03-02 10:00", "normal"), "resolution", 1, "2026-03-02 12:30",
			[]string{"counted 10:00-12:30"}},
		{"a pause, and the pause going on", deskTicket("2026-03-02 10:00", "normal", say("2026-03-02 10:30", policy.StatusChanged, "Pending"),
			say("2026-03-02 11:00", policy.StatusChanged, "Open"), say("2026-03-02 11:30", policy.StatusChanged, "Pending")),
			"resolution", 1, "2026-03-02 12:00",
			[]string{"counted 10:00-10:30", "paused 10:30-11:00", "counted 11:00-11:30", "paused 11:30-12:00"}},
		{"paused and resumed at one instant: one counted segment", deskTicket("2026-03-02 10:00", "normal", say("2026-03-02 10:30", policy.StatusChanged, "Pending"),
			say("2026-03-02 10:30", policy.StatusChanged, "Open")), "resolution", 1, "2026-03-02 11:00",
			[]string{"counted 10:00-11:00"}},
		{"a cycle over is drawn to its end", deskTicket("2026-03-02 10:00", "normal", say("2026-03-02 10:20", policy.PublicReply, "")),
			"first_response", 1, "2026-03-05 10:00", []string{"counted 10:00-10:20"}},
		{"a cycle met the instant it started has no segments", deskTicket("2026-03-02 10:00", "normal", say("2026-03-02 10:00", policy.PublicReply, "")),
			"first_response", 1, "2026-03-02 11:00", nil},
		{"nights and the spring-forward weekend outside business hours", deskTicket("2026-03-05 16:00", "high", say("2026-03-09 10:00", policy.StatusChanged, "Pending"),
			say("2026-03-09 16:00", policy.StatusChanged, "Open")), "resolution", 1, "2026-03-10 09:30",
			[]string{"counted 16:00-17:00", "outside_hours Thu 17:00 EST-Fri 09:00 EST", "counted 09:00-17:00",
				"outside_hours Fri 17:00 EST-Mon 09:00 EDT", "counted 09:00-10:00", "paused 10:00-16:00", "counted 16:00-17:00",
				"outside_hours Mon 17:00 EDT-Tue 09:00 EDT", "counted 09:00-09:30"}},
		{"paused through the night: paused, not outside hours", deskTicket("2026-03-02 16:00", "high", say("2026-03-02 16:30", policy.StatusChanged, "Pending"),
			say("2026-03-03 10:00", policy.StatusChanged, "Open")), "resolution", 1, "2026-03-03 10:30",
			[]string{"counted 16:00-16:30", "paused Mon 16:30 EST-Tue 10:00 EST", "counted 10:00-10:30"}},
		{"no target: not measured, in UTC", deskTicket("2026-03-02 10:00", "low", say("2026-03-02 10:30", policy.StatusChanged, "Pending"),
			say("2026-03-02 11:00", policy.StatusChanged, "Open")), "resolution", 1, "2026-03-02 11:30",
			[]string{"not_measured Mon 15:00 UTC-Mon 15:30 UTC", "paused Mon 15:30 UTC-Mon 16:00 UTC", "not_measured Mon 16:00 UTC-Mon 16:30 UTC"}},
		{"a reopened ticket: the second cycle", deskTicket("2026-03-02 10:00", "normal", say("2026-03-02 11:00", policy.StatusChanged, "Solved"),
			say("2026-03-02 12:00", policy.StatusChanged, "Open")), "resolution", 2, "2026-03-02 12:45",
			[]string{"counted 12:00-12:45"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := replay(t, set, tt.events...)
			lanes, err := s.Timeline(set, ny(tt.at))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			found := false
			for _, l := range lanes {
				if l.Cycle.Metric == tt.metric && l.Cycle.Number == tt.number {
					found = true
					for _, sg := range l.Segments {
						got = append(got, seg(sg))
					}
				}
			}
			if !found {
				t.Fatalf("no lane for %s #%d", tt.metric, tt.number)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("segments (-want +got):\n%s", diff)
			}
		})
	}
}

// The marks of a lane are its cycle's due and breach instants, a breach
// that happened since the last event included.
func TestTimelineMarks(t *testing.T) {
	set := viewSet(t)
	s, _ := replay(t, set, deskTicket("2026-03-02 10:00", "normal")...)
	lanes, err := s.Timeline(set, ny("2026-03-02 12:30"))
	if err != nil {
		t.Fatal(err)
	}
	c := lanes[0].Cycle
	wall := func(t time.Time) string { return t.Format("15:04:05.999999999 MST") }
	got := []string{c.Metric, wall(c.GoalDue), wall(c.GoalBreached), wall(c.PromiseDue), wall(c.PromiseBreached), c.Line}
	want := []string{"first_response", "11:00:00 EST", "11:00:00.000000001 EST", "12:00:00 EST", "12:00:00.000000001 EST", "promise broken 30 min ago"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("marks (-want +got):\n%s", diff)
	}
}
