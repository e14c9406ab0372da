package sla_test

import (
	"testing"
	"time"

	"github.com/slaclock/slaclock/sla"
)

// viewStates returns the 50-event ticket of benchHistory at its end
// (solved: every cycle over) and in its middle (after 30 events: cycles
// open, some paused), each as Evaluate returned it and as decoded from
// its stored form.
func viewStates(b *testing.B) map[string]sla.State {
	set := loadSet(b)
	events := benchHistory()
	end, _, err := sla.Replay(set, events)
	if err != nil {
		b.Fatal(err)
	}
	mid, _, err := sla.Replay(set, events[:30])
	if err != nil {
		b.Fatal(err)
	}
	out := map[string]sla.State{"end": end, "middle": mid}
	for name, s := range map[string]sla.State{"end-decoded": end, "middle-decoded": mid} {
		data, err := s.MarshalJSON()
		if err != nil {
			b.Fatal(err)
		}
		var d sla.State
		if err := d.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
		out[name] = d
	}
	return out
}

// BenchmarkView views the 50-event ticket (four metrics) an hour after its
// last event.
func BenchmarkView(b *testing.B) {
	set := loadSet(b)
	states := viewStates(b)
	for _, name := range []string{"end", "end-decoded", "middle", "middle-decoded"} {
		s := states[name]
		at := s.Last().Add(time.Hour)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.View(set, at); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTimeline draws every cycle of the 50-event ticket an hour after
// its last event.
func BenchmarkTimeline(b *testing.B) {
	set := loadSet(b)
	states := viewStates(b)
	for _, name := range []string{"end", "end-decoded", "middle", "middle-decoded"} {
		s := states[name]
		at := s.Last().Add(time.Hour)
		lanes, err := s.Timeline(set, at)
		if err != nil {
			b.Fatal(err)
		}
		segments := 0
		for _, l := range lanes {
			segments += len(l.Segments)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Timeline(set, at); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(lanes)), "lanes/op")
			b.ReportMetric(float64(segments), "segments/op")
		})
	}
}

// BenchmarkViewBaselines measures what View and Timeline build on, on the
// same states: Status (View's figures) and Cycles (Timeline's lanes).
func BenchmarkViewBaselines(b *testing.B) {
	set := loadSet(b)
	states := viewStates(b)
	for _, name := range []string{"end", "middle"} {
		s := states[name]
		at := s.Last().Add(time.Hour)
		b.Run("status-"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Status(set, at); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("cycles-"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Cycles(set); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
