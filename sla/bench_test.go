package sla_test

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// benchHistory is a 50-event ticket on the Enterprise policy (four metrics,
// business hours with US holidays, New York): replies, notes, customer
// messages, pauses, priority changes and ticks, then solved.
func benchHistory() []sla.Event {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	at := time.Date(2026, 3, 2, 9, 5, 0, 0, ny)
	events := []sla.Event{{Kind: policy.Created, At: at, Status: "New", Priority: "normal", Fields: fields("enterprise"), Actor: "customer"}}
	pattern := []func(time.Time) sla.Event{
		note,
		func(t time.Time) sla.Event { return status(t, "Open") },
		reply,
		customer,
		tick,
		reply,
		func(t time.Time) sla.Event { return status(t, "Pending") },
		customer,
		func(t time.Time) sla.Event { return status(t, "In progress") },
		func(t time.Time) sla.Event { return priority(t, "high") },
		customer,
		tick,
		reply,
		func(t time.Time) sla.Event { return status(t, "On hold") },
		func(t time.Time) sla.Event { return status(t, "Open") },
		func(t time.Time) sla.Event { return priority(t, "normal") },
	}
	for i := 0; len(events) < 49; i++ {
		at = at.Add(53 * time.Minute)
		events = append(events, pattern[i%len(pattern)](at))
	}
	return append(events, status(at.Add(time.Hour), "Solved"))
}

// benchStates returns the state before each event of benchHistory.
func benchStates(b *testing.B, set *policy.Set, events []sla.Event) []sla.State {
	states := make([]sla.State, len(events))
	var s sla.State
	for i, ev := range events {
		states[i] = s
		var err error
		if s, _, err = sla.Evaluate(set, s, ev); err != nil {
			b.Fatalf("event %d: %v", i, err)
		}
	}
	return states
}

// evaluateInTurn measures Evaluate of each event on the state before it,
// one after another.
func evaluateInTurn(b *testing.B, set *policy.Set, states []sla.State, events []sla.Event) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, _, err := sla.Evaluate(set, states[i], events[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(events) {
			i = 0
		}
	}
}

// BenchmarkCalendarAddOneDay is the unit of cost: one business day (8h)
// added on the calendar the Enterprise policy counts in.
func BenchmarkCalendarAddOneDay(b *testing.B) {
	cal, ok := loadSet(b).Calendar("business-us")
	if !ok {
		b.Fatal("no calendar")
	}
	ny, _ := time.LoadLocation("America/New_York")
	t := time.Date(2026, 3, 3, 10, 0, 0, 0, ny)
	b.ReportAllocs()
	var sink time.Time
	for b.Loop() {
		sink = cal.Add(t, 8*time.Hour)
	}
	if !sink.Equal(time.Date(2026, 3, 4, 10, 0, 0, 0, ny)) {
		b.Fatal(sink)
	}
}

// BenchmarkEvaluate measures one Evaluate: averaged over the 50 events of
// benchHistory, and for a few events on their own.
func BenchmarkEvaluate(b *testing.B) {
	set := loadSet(b)
	events := benchHistory()
	states := benchStates(b, set, events)
	b.Run("history", func(b *testing.B) { evaluateInTurn(b, set, states, events) })
	// The same, on states just decoded from their stored form, as an
	// application that stores each state between events has them:
	// Evaluate then works out their deadlines again.
	decoded := make([]sla.State, len(states))
	for i := range states {
		data, err := states[i].MarshalJSON()
		if err != nil {
			b.Fatal(err)
		}
		if err := decoded[i].UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("history-decoded", func(b *testing.B) { evaluateInTurn(b, set, decoded, events) })
	// Four metrics running: first_response, next_response, resolution,
	// and the customer's message waits.
	busy, _ := replay(b, set, events[0], events[1], events[2], customer(events[2].At.Add(time.Minute)))
	single := []struct {
		name string
		ev   sla.Event
	}{
		{"tick-nothing-due", tick(busy.Last().Add(time.Minute))},
		{"tick-warning-due", tick(busy.NextDeadline(set))},
		{"public-reply", reply(busy.Last().Add(time.Minute))},
		{"status-pending", status(busy.Last().Add(time.Minute), "Pending")},
		{"priority-urgent", priority(busy.Last().Add(time.Minute), "urgent")},
		{"internal-note", note(busy.Last().Add(time.Minute))},
	}
	for _, tt := range single {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := sla.Evaluate(set, busy, tt.ev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvaluateParallel applies the 50-event ticket one Evaluate at a
// time on every core (run it with -cpu=1,2,...; all share one policy set),
// in two settings:
//
//   - one-ticket: each goroutine carries its own ticket's state from event
//     to event, and nothing else is in memory. The live heap is tiny, so
//     the garbage collector starts a cycle every few thousand events, and
//     its cycles, not Evaluate, set the pace on several cores.
//   - tickets=20000: what a helpdesk server holds: the states of 20,000
//     tickets, at every point of their histories, each goroutine serving
//     its share of them in turn, one event each, and storing the new
//     state in place of the old.
func BenchmarkEvaluateParallel(b *testing.B) {
	set := loadSet(b)
	events := benchHistory()
	b.Run("one-ticket", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			var s sla.State
			i := 0
			for pb.Next() {
				next, _, err := sla.Evaluate(set, s, events[i])
				if err != nil {
					b.Error(err)
					return
				}
				s = next
				if i++; i == len(events) {
					i, s = 0, sla.State{} // the next ticket
				}
			}
		})
	})
	b.Run("tickets=20000", func(b *testing.B) {
		const tickets = 20_000
		// Ticket k is at event k%50 of its history.
		states := make([]sla.State, tickets)
		pos := make([]int, tickets)
		var s sla.State
		for k := range tickets {
			if pos[k] = k % len(events); pos[k] == 0 {
				s = sla.State{}
			}
			states[k] = s
			var err error
			if s, _, err = sla.Evaluate(set, s, events[pos[k]]); err != nil {
				b.Fatal(err)
			}
		}
		// RunParallel starts GOMAXPROCS goroutines: goroutine g serves
		// tickets g, g+procs, g+2*procs...
		procs := runtime.GOMAXPROCS(0)
		var ids atomic.Int64
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			k := int(ids.Add(1)-1) % procs
			first := k
			for pb.Next() {
				next, _, err := sla.Evaluate(set, states[k], events[pos[k]])
				if err != nil {
					b.Error(err)
					return
				}
				states[k] = next
				if pos[k]++; pos[k] == len(events) {
					pos[k], states[k] = 0, sla.State{} // the next ticket
				}
				if k += procs; k >= tickets {
					k = first
				}
			}
		})
	})
}

// BenchmarkReplay50 replays the 50-event ticket with four metrics.
func BenchmarkReplay50(b *testing.B) {
	set := loadSet(b)
	events := benchHistory()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := sla.Replay(set, events); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummarize100k summarizes 100,000 ticket states (1,000 different
// histories, each 100 times) over a month.
func BenchmarkSummarize100k(b *testing.B) {
	set := loadSet(b)
	base := benchHistory()
	distinct := make([]sla.State, 1000)
	for i := range distinct {
		// Cut the history at different lengths and shift it in time, so
		// the states differ in what is open, met and breached.
		n := 5 + i%45
		shift := time.Duration(i%20) * 24 * time.Hour
		events := make([]sla.Event, n)
		for k := range events {
			events[k] = base[k]
			events[k].At = events[k].At.Add(shift)
		}
		s, _, err := sla.Replay(set, events)
		if err != nil {
			b.Fatal(err)
		}
		distinct[i] = s
	}
	states := make([]sla.State, 100_000)
	for i := range states {
		states[i] = distinct[i%len(distinct)]
	}
	from, to := ts("2026-03-01T05:00:00Z"), ts("2026-04-01T04:00:00Z")
	b.ReportAllocs()
	for b.Loop() {
		rows, err := sla.Summarize(set, states, from, to)
		if err != nil || len(rows) == 0 {
			b.Fatal(rows, err)
		}
	}
}

// BenchmarkEvaluateAgreements is BenchmarkEvaluate/history on the same
// 50-event ticket carrying one agreement (the Enterprise SLA) and three (the
// SLA, the second line's OLA and a supplier's UC).
func BenchmarkEvaluateAgreements(b *testing.B) {
	set := loadSet(b)
	for _, tt := range []struct {
		name   string
		fields policy.Fields
	}{
		{"one", fields("enterprise")},
		{"three", policy.Fields{Attributes: map[string]string{"plan": "enterprise", "group": "second-line", "vendor": "acme"}}},
	} {
		events := benchHistory()
		events[0].Fields = tt.fields
		states := benchStates(b, set, events)
		s, _, err := sla.Evaluate(set, states[len(states)-1], events[len(events)-1])
		if err != nil {
			b.Fatal(err)
		}
		if want := map[string]int{"one": 1, "three": 3}[tt.name]; len(s.Agreements()) != want {
			b.Fatalf("%d agreements, want %d", len(s.Agreements()), want)
		}
		b.Run(tt.name, func(b *testing.B) { evaluateInTurn(b, set, states, events) })
	}
}
