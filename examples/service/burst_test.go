package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The burst: tickets and their events, generated from a seed, sent to the
// service in rounds of simulated time. Each round sets the service's clock
// to the round's instant, sends the round's events (each ticket's in its
// order, several tickets at once; every event at the clock's instant, as
// the service stamps it) while the worker runs, and waits for them all.
// Some events are sent twice on purpose; all are sent again, with the same
// Idempotency-Key, when the process they went to died under them.

// burstSize is the burst's size: the with SLACLOCK_LONG=1, a twentieth
// of it otherwise.
func burstSize() (tickets, events, rounds int) {
	if os.Getenv("SLACLOCK_LONG") == "1" {
		return 2000, 20000, 240
	}
	return 100, 1000, 60
}

// roundLength is the simulated time between rounds: 240 rounds are 80
// hours, Monday morning to Thursday, nights and all.
const roundLength = 20 * time.Minute

// A burstEvent is one request of the burst.
type burstEvent struct {
	ticket, key string
	create      bool
	body        string
	retry       bool // sent a second time once acknowledged
}

func (ev burstEvent) path() string {
	if ev.create {
		return "/tickets"
	}
	return "/tickets/" + ev.ticket + "/events"
}

// generate makes the burst: for each round, the events sent in it.
func generate(seed uint64, tickets, events, rounds int) [][]burstEvent {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	counts := make([]int, tickets) // events per ticket, creation included
	for i := range counts {
		counts[i] = events / tickets
	}
	for range tickets { // move events between tickets, keeping the total and two a ticket
		a, b := r.IntN(tickets), r.IntN(tickets)
		if counts[a] > 2 {
			counts[a]--
			counts[b]++
		}
	}
	out := make([][]burstEvent, rounds)
	for i, n := range counts {
		sim := newTicketSim(r, fmt.Sprintf("T-%05d", i))
		created := r.IntN(rounds * 6 / 10)
		at := []int{created}
		for range n - 1 {
			at = append(at, created+r.IntN(rounds-created))
		}
		slices.Sort(at)
		for k, round := range at {
			ev := burstEvent{ticket: sim.id, key: fmt.Sprintf("%s-%d", sim.id, k), create: k == 0,
				retry: r.IntN(20) == 0}
			if k == 0 {
				ev.body = sim.create()
			} else {
				ev.body = sim.next(k == n-1)
			}
			out[round] = append(out[round], ev)
		}
	}
	return out
}

// A ticketSim makes up one ticket's events, valid ones: nothing after it
// is closed, complete fields on every field change.
type ticketSim struct {
	r      *rand.Rand
	id     string
	fields map[string]string
}

func newTicketSim(r *rand.Rand, id string) *ticketSim {
	s := &ticketSim{r: r, id: id, fields: map[string]string{}}
	s.fields["plan"] = pick(r, "enterprise", "enterprise", "standard", "standard", "")
	s.fields["group"] = pick(r, "first-line", "first-line", "second-line", "")
	s.fields["requester_tz"] = pick(r, "", "", "", "", "", "Europe/Berlin", "Asia/Tokyo")
	return s
}

func pick(r *rand.Rand, choices ...string) string { return choices[r.IntN(len(choices))] }

func (s *ticketSim) attributes() map[string]string {
	a := map[string]string{}
	for k, v := range s.fields {
		if v != "" {
			a[k] = v
		}
	}
	return a
}

func (s *ticketSim) create() string {
	return toJSON(map[string]any{"ticket": s.id, "priority": pick(s.r, "low", "normal", "normal", "high", "urgent", ""),
		"fields": map[string]any{"attributes": s.attributes()}, "actor": "customer", "by_agent": s.r.IntN(10) == 0})
}

// next makes the ticket's next event; last says it is its last, which may
// close it.
func (s *ticketSim) next(last bool) string {
	if last && s.r.IntN(3) == 0 {
		return `{"kind": "status_changed", "status": "Closed"}`
	}
	switch n := s.r.IntN(100); {
	case n < 20:
		return `{"kind": "customer_reply", "actor": "customer"}`
	case n < 45:
		return `{"kind": "public_reply", "actor": "` + pick(s.r, "ann", "li", "sam") + `"}`
	case n < 55:
		return `{"kind": "internal_note", "actor": "li"}`
	case n < 80:
		status := pick(s.r, "Open", "In progress", "Pending", "Waiting on vendor", "Solved")
		return `{"kind": "status_changed", "status": "` + status + `"}`
	case n < 90:
		return `{"kind": "priority_changed", "priority": "` + pick(s.r, "low", "normal", "high", "urgent", "") + `"}`
	}
	s.fields["group"] = pick(s.r, "first-line", "second-line", "")
	if s.r.IntN(4) == 0 {
		s.fields["plan"] = pick(s.r, "enterprise", "standard", "")
	}
	return toJSON(map[string]any{"kind": "fields_changed", "fields": map[string]any{"attributes": s.attributes()}})
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// The burst on SQLite, the default: one process, SIGKILLed half-way
// through and started again on the same file.
func TestBurstSQLite(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "slaclock.db")
	runBurst(t, dsn, 1)
}

// The burst on PostgreSQL: two processes share the database, the events
// go to either, both run the worker every round; one is SIGKILLed
// half-way through and started again, and its requests go to the other
// meanwhile.
func TestBurstPostgres(t *testing.T) {
	runBurst(t, postgresDSN(t), 2)
}

func runBurst(t *testing.T, dsn string, processes int) {
	tickets, events, rounds := burstSize()
	plan := generate(12, tickets, events, rounds)
	b := newBurst(t, dsn, processes, events)
	start := clockStart()
	for r, round := range plan {
		if err := b.round(monday.Add(time.Duration(r)*roundLength), round); err != nil {
			t.Fatalf("round %d: %v", r, err)
		}
	}
	elapsed := clockStart().Sub(start)
	t.Logf("%d events (%d with their retries) in %v: %.0f events/s end to end, %d wake-ups ticked, with %d process(es), one SIGKILLed",
		events, b.requests.Load(), elapsed.Round(time.Millisecond), float64(events)/elapsed.Seconds(),
		len(b.ticks), processes)
	if b.acks.Load() != int64(events) {
		t.Fatalf("%d events acknowledged, want %d", b.acks.Load(), events)
	}
	end := monday.Add(time.Duration(rounds)*roundLength + 48*time.Hour)
	b.drain(end)
	b.fleet.stopAll()
	checkBurst(t, dsn, b, end)
}
