package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// What the tables hold, read back by the test once the processes stopped.
type stored struct {
	tickets map[string]storedTicket
	events  map[string][]storedEvent // by ticket, by seq
	outbox  map[string][]outboxRow   // by ticket, by seq and n
	wakeUps map[string]int64
}

type storedTicket struct {
	seq    int64
	state  []byte
	breach sql.NullInt64
}

type storedEvent struct {
	seq   int64
	event []byte
}

type outboxRow struct {
	seq        int64
	n          int
	transition string
	sent       bool
}

func readStore(t *testing.T, dsn string) (*policy.Set, stored) {
	set, err := policy.Load(samplePolicy)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), dsn, set, clock.NewManual(monday))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db := stored{tickets: map[string]storedTicket{}, events: map[string][]storedEvent{},
		outbox: map[string][]outboxRow{}, wakeUps: map[string]int64{}}
	scan(t, s.read, `SELECT id, seq, state, breach_at FROM sla_tickets`, func(rows *sql.Rows) error {
		var id string
		var tk storedTicket
		err := rows.Scan(&id, &tk.seq, &tk.state, &tk.breach)
		db.tickets[id] = tk
		return err
	})
	scan(t, s.read, `SELECT ticket_id, seq, event FROM sla_events ORDER BY ticket_id, seq`, func(rows *sql.Rows) error {
		var id string
		var ev storedEvent
		err := rows.Scan(&id, &ev.seq, &ev.event)
		db.events[id] = append(db.events[id], ev)
		return err
	})
	scan(t, s.read, `SELECT ticket_id, seq, n, transition, sent FROM sla_outbox ORDER BY ticket_id, seq, n`,
		func(rows *sql.Rows) error {
			var id string
			var o outboxRow
			err := rows.Scan(&id, &o.seq, &o.n, &o.transition, &o.sent)
			db.outbox[id] = append(db.outbox[id], o)
			return err
		})
	scan(t, s.read, `SELECT ticket_id, due FROM sla_wakeups`, func(rows *sql.Rows) error {
		var id string
		var due int64
		err := rows.Scan(&id, &due)
		db.wakeUps[id] = due
		return err
	})
	return set, db
}

func scan(t *testing.T, db *sql.DB, query string, row func(*sql.Rows) error) {
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// checkBurst checks what the burst left in the database, ticket by
// ticket, and what the receiver got.
func checkBurst(t *testing.T, dsn string, b *burst, end time.Time) {
	set, db := readStore(t, dsn)
	if len(db.tickets) != len(b.acked) {
		t.Errorf("%d tickets stored, %d created", len(db.tickets), len(b.acked))
	}
	failures := 0
	for id := range b.acked {
		if err := checkTicket(set, db, id, b.acked[id], end); err != nil {
			t.Errorf("ticket %s: %v", id, err)
			if failures++; failures == 10 {
				t.Fatal("and more")
			}
		}
	}
	checkTicks(t, db, b.ticks)
	checkDeliveries(t, db, b.recv, <-b.killedName)
}

// checkTicket checks one ticket: its events are those acknowledged, in
// order, with the worker's ticks between them; Replay of them gives the
// stored state and exactly the outbox's transitions; its wake-up is its
// NextDeadline and its breach_at its view's next breach. And, whatever
// the worker's rounds were, the outbox holds what the acknowledged events
// alone, with a Tick at the end, emit.
func checkTicket(set *policy.Set, db stored, id string, acked []Result, end time.Time) error {
	events, err := checkEvents(db.events[id], acked)
	if err != nil {
		return err
	}
	state, transitions, err := sla.Replay(set, events)
	if err != nil {
		return fmt.Errorf("replay: %v", err)
	}
	var storedState sla.State
	if err := storedState.UnmarshalJSON(db.tickets[id].state); err != nil {
		return err
	}
	if !state.Equal(storedState) {
		return fmt.Errorf("the stored state is not Replay's")
	}
	var replayed, outbox []string
	for _, tr := range transitions {
		replayed = append(replayed, toJSON(tr))
	}
	for _, o := range db.outbox[id] {
		if !o.sent {
			return fmt.Errorf("transition %d/%d not sent", o.seq, o.n)
		}
		outbox = append(outbox, o.transition)
	}
	if diff := cmp.Diff(replayed, outbox); diff != "" {
		return fmt.Errorf("outbox differs from Replay (-replay +outbox):\n%s", diff)
	}
	if err := checkDeadlines(set, db, id, state, end); err != nil {
		return err
	}
	return checkWithoutTicks(set, acked, end, outbox)
}

// checkEvents checks that the stored events are the acknowledged ones,
// in order, with the worker's ticks, whole seconds, between them, and
// returns them decoded.
func checkEvents(rows []storedEvent, acked []Result) ([]sla.Event, error) {
	var events []sla.Event
	next := 0
	for i, row := range rows {
		if row.seq != int64(i+1) {
			return nil, fmt.Errorf("event %d stored as number %d", i+1, row.seq)
		}
		var ev sla.Event
		if err := ev.UnmarshalJSON(row.event); err != nil {
			return nil, err
		}
		events = append(events, ev)
		if ev.Kind == policy.Tick {
			if !ev.At.Equal(ev.At.Truncate(time.Second)) {
				return nil, fmt.Errorf("event %d: a tick at %v, not a whole second", row.seq, ev.At)
			}
			continue
		}
		if next == len(acked) || acked[next].Seq != row.seq || string(acked[next].Event) != string(row.event) {
			return nil, fmt.Errorf("event %d: %s was not acknowledged there", row.seq, row.event)
		}
		next++
	}
	if next != len(acked) {
		return nil, fmt.Errorf("%d events acknowledged, %d stored: %s is missing", len(acked), next, acked[next].Event)
	}
	return events, nil
}

func checkDeadlines(set *policy.Set, db stored, id string, state sla.State, end time.Time) error {
	due, ok := db.wakeUps[id]
	next := state.NextDeadline(set)
	switch {
	case ok != !next.IsZero() || ok && due != next.Unix():
		return fmt.Errorf("wake-up %d (stored: %v), NextDeadline %v", due, ok, next)
	case ok && due <= end.Unix():
		return fmt.Errorf("wake-up %v due by the end, %v, and not ticked", time.Unix(due, 0).UTC(), end)
	}
	view, err := state.View(set, state.Last())
	if err != nil {
		return err
	}
	var want sql.NullInt64
	if !view.NextBreach.At.IsZero() {
		want = sql.NullInt64{Int64: ceilSecond(view.NextBreach.At).Unix(), Valid: true}
	}
	if got := db.tickets[id].breach; got != want {
		return fmt.Errorf("breach_at %v, the view's next breach %v", got, want)
	}
	return nil
}

// checkWithoutTicks checks that the acknowledged events alone, and a Tick
// at the end, emit the outbox's transitions: the worker's ticks, whenever
// they ran, moved no transition and lost none. Only the order in which
// they were emitted may differ.
func checkWithoutTicks(set *policy.Set, acked []Result, end time.Time, outbox []string) error {
	var events []sla.Event
	for _, r := range acked {
		var ev sla.Event
		if err := ev.UnmarshalJSON(r.Event); err != nil {
			return err
		}
		events = append(events, ev)
	}
	events = append(events, sla.Event{Kind: policy.Tick, At: end})
	_, transitions, err := sla.Replay(set, events)
	if err != nil {
		return err
	}
	var want []string
	for _, tr := range transitions {
		want = append(want, toJSON(tr))
	}
	slices.Sort(want)
	got := slices.Sorted(slices.Values(outbox))
	if diff := cmp.Diff(want, got); diff != "" {
		return fmt.Errorf("the acknowledged events alone emit other transitions (-alone +outbox):\n%s", diff)
	}
	return nil
}

// checkTicks checks that no wake-up was ticked twice (on PostgreSQL, that
// each was claimed by one process), and that each tick that emitted is
// stored.
func checkTicks(t *testing.T, db stored, ticks []Tick) {
	seen := map[string]bool{}
	for _, tk := range ticks {
		key := tk.Ticket + " " + tk.Due.Format(time.RFC3339)
		if seen[key] {
			t.Errorf("wake-up %s ticked twice", key)
		}
		seen[key] = true
	}
	storedTicks := map[string]bool{}
	for id, events := range db.events {
		for _, e := range events {
			if strings.Contains(string(e.event), `"kind":"tick"`) {
				var ev sla.Event
				ev.UnmarshalJSON(e.event)
				storedTicks[id+" "+ev.At.UTC().Format(time.RFC3339)] = true
			}
		}
	}
	for _, tk := range ticks {
		if key := tk.Ticket + " " + tk.Due.Format(time.RFC3339); tk.Emitted > 0 && !storedTicks[key] {
			t.Errorf("tick %s emitted %d transitions and is not stored", key, tk.Emitted)
		}
	}
	t.Logf("%d wake-ups ticked and reported, %d ticks stored", len(ticks), len(storedTicks))
}

// checkDeliveries checks that the receiver got every transition of the
// outbox, as stored, and nothing else; and got it once, but for those the
// killed process had sent in its last request and not yet marked sent.
func checkDeliveries(t *testing.T, db stored, recv *receiver, killed string) {
	keys := map[string]string{}
	for id, rows := range db.outbox {
		for _, o := range rows {
			keys[fmt.Sprintf("%s/%d/%d", id, o.seq, o.n)] = o.transition
		}
	}
	inFlight := map[string]bool{}
	for _, k := range recv.last[killed] {
		inFlight[k] = true
	}
	twice := 0
	for key, got := range recv.got {
		want, ok := keys[key]
		switch {
		case !ok:
			t.Errorf("delivered %s, which is not in the outbox", key)
		case len(got) > 2 || len(got) == 2 && (!inFlight[key] || got[0].relay != killed):
			t.Errorf("delivered %s %d times: %v", key, len(got), got)
		}
		for _, d := range got {
			if d.transition != want {
				t.Errorf("delivered %s as %s, stored as %s", key, d.transition, want)
			}
		}
		if len(got) == 2 {
			twice++
		}
	}
	for key := range keys {
		if recv.got[key] == nil {
			t.Errorf("%s never delivered", key)
		}
	}
	t.Logf("%d transitions delivered, %d of them twice (sent by %s as it was killed); %d requests to the webhook",
		len(keys), twice, killed, recv.requests)
}
