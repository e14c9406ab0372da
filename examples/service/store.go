package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for database/sql
	_ "modernc.org/sqlite"             // the "sqlite" driver, pure Go

	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// The schema is the README's store-and-schedule recipe, with one column
// more: sla_tickets.breach_at, the ticket's next breach, which GET
// /tickets?breaching_within=2h reads through its index. The same text
// runs on SQLite and PostgreSQL.
const schema = `
CREATE TABLE IF NOT EXISTS sla_tickets (
    id        TEXT PRIMARY KEY,
    state     TEXT,            -- sla.State's stored form, as MarshalJSON wrote it
    seq       BIGINT NOT NULL, -- the number of the ticket's last stored event
    breach_at BIGINT           -- the next goal or promise breach, Unix seconds rounded up; NULL: none
);
CREATE INDEX IF NOT EXISTS sla_tickets_breach ON sla_tickets (breach_at) WHERE breach_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS sla_events (
    ticket_id TEXT   NOT NULL REFERENCES sla_tickets (id),
    seq       BIGINT NOT NULL,
    event_id  TEXT,            -- sla.Event.ID, the request's Idempotency-Key; NULL for none
    event     TEXT   NOT NULL, -- sla.Event's JSON form
    PRIMARY KEY (ticket_id, seq),
    UNIQUE (ticket_id, event_id)
);

CREATE TABLE IF NOT EXISTS sla_outbox (
    ticket_id  TEXT    NOT NULL,
    seq        BIGINT  NOT NULL, -- the event that emitted it
    n          INTEGER NOT NULL, -- its place among that event's transitions
    transition TEXT    NOT NULL, -- sla.Transition's JSON form
    sent       BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (ticket_id, seq, n)
);
CREATE INDEX IF NOT EXISTS sla_outbox_unsent ON sla_outbox (ticket_id, seq, n) WHERE NOT sent;

CREATE TABLE IF NOT EXISTS sla_wakeups (
    ticket_id TEXT   PRIMARY KEY REFERENCES sla_tickets (id),
    due       BIGINT NOT NULL  -- state.NextDeadline(set) in Unix seconds (a whole second)
);
CREATE INDEX IF NOT EXISTS sla_wakeups_due ON sla_wakeups (due);
`

// A Store keeps tickets' SLA state in the tables of the schema, on SQLite
// or PostgreSQL. It is safe for concurrent use.
type Store struct {
	set   *policy.Set
	clock clock.Clock
	// write runs the transactions; read the queries that change nothing.
	// On PostgreSQL they are one pool. SQLite has one writer at a time, so
	// write is a pool of one connection (its transactions BEGIN IMMEDIATE)
	// and read a pool of readers, which WAL mode lets run beside it.
	write, read *sql.DB
	postgres    bool // row locks; SQLite locks the database for each write transaction instead
	spent       *timings
}

// Open opens the database that dsn names, a postgres:// URL or the path
// of an SQLite file (created if missing), and creates the tables.
func Open(ctx context.Context, dsn string, set *policy.Set, clk clock.Clock) (*Store, error) {
	s := &Store{set: set, clock: clk, spent: new(timings)}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s.postgres = true
		if s.write, err = sql.Open("pgx", dsn); err != nil {
			return nil, err
		}
		s.write.SetMaxOpenConns(16)
		s.read = s.write
	} else {
		// busy_timeout: wait for another process's write instead of failing
		// with SQLITE_BUSY; synchronous FULL: an acknowledged event survives
		// a power cut too.
		params := "_busy_timeout=10000&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1"
		if s.write, err = sql.Open("sqlite", "file:"+dsn+"?"+params+"&_txlock=immediate"); err != nil {
			return nil, err
		}
		s.write.SetMaxOpenConns(1)
		if s.read, err = sql.Open("sqlite", "file:"+dsn+"?"+params+"&_query_only=1"); err != nil {
			return nil, err
		}
		s.read.SetMaxOpenConns(4)
	}
	if err := s.createTables(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// createTables runs the schema. On PostgreSQL an advisory lock keeps two
// processes that start at once from creating the same table together.
func (s *Store) createTables(ctx context.Context) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7262)`); err != nil {
			return err
		}
	}
	for stmt := range strings.SplitSeq(schema, ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("creating the tables: %w", err)
		}
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Errors of the store that are not the library's.
var (
	ErrNoTicket  = errors.New("no such ticket")
	ErrKeyReused = errors.New("idempotency key already used for another event")
	ErrBadTicket = errors.New("bad ticket id: want 1 to 128 letters, digits, '.', '_', '~' or '-'")
	errNotDue    = errors.New("wake-up not due")
)

// A Result is what one request stored: the event's place in the ticket's
// history, the event as stored and the transitions it emitted, in their
// JSON forms. A retry of the request gets the same Result, read back from
// the tables, with Replayed set.
type Result struct {
	Ticket      string            `json:"ticket"`
	Seq         int64             `json:"seq"`
	Event       json.RawMessage   `json:"event"`
	Transitions []json.RawMessage `json:"transitions"`
	Replayed    bool              `json:"-"`
}

// Apply stores one ticket event: the event, the new state, its transitions
// into the outbox and the ticket's wake-up, in one transaction. create says
// that the event creates the ticket. An event without an instant happens
// now, by the store's clock (or at the ticket's last instant, if another
// process's clock has gone past it). An event whose ID is stored already is
// a retry: it changes nothing and gets the Result the first one got.
func (s *Store) Apply(ctx context.Context, ticket string, ev sla.Event, create bool) (Result, error) {
	if !validTicket(ticket) {
		return Result{}, ErrBadTicket
	}
	done := measure(&s.spent.tx)
	defer done()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return Result{}, err
	}
	defer tx.Rollback()
	if create {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sla_tickets (id, seq) VALUES ($1, 0)
			ON CONFLICT (id) DO NOTHING`, ticket); err != nil {
			return Result{}, err
		}
	}
	state, seq, err := s.load(ctx, tx, ticket)
	if err != nil {
		return Result{}, err
	}
	if ev.ID != "" {
		if r, found, err := s.retry(ctx, tx, ticket, ev); found || err != nil {
			return r, err
		}
	}
	if ev.At.IsZero() {
		ev.At = latest(s.clock.Now(), state.Last())
	}
	next, transitions, err := s.evaluate(state, ev)
	if err != nil {
		return Result{}, err // refused: nothing is stored
	}
	r, err := s.save(ctx, tx, ticket, seq+1, ev, next, transitions)
	if err != nil {
		return Result{}, err
	}
	return r, tx.Commit()
}

// retry looks for the event stored under ev.ID. If there is one, it
// returns the Result its request got, or ErrKeyReused when ev is not the
// same event.
func (s *Store) retry(ctx context.Context, tx *sql.Tx, ticket string, ev sla.Event) (Result, bool, error) {
	r := Result{Ticket: ticket, Replayed: true}
	var stored []byte
	err := tx.QueryRowContext(ctx, `SELECT seq, event FROM sla_events WHERE ticket_id = $1 AND event_id = $2`,
		ticket, ev.ID).Scan(&r.Seq, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return Result{}, false, nil
	}
	if err != nil {
		return Result{}, true, err
	}
	if !sameEvent(stored, ev) {
		return Result{}, true, ErrKeyReused
	}
	r.Event = stored
	rows, err := tx.QueryContext(ctx, `SELECT transition FROM sla_outbox WHERE ticket_id = $1 AND seq = $2
		ORDER BY n`, ticket, r.Seq)
	if err != nil {
		return Result{}, true, err
	}
	defer rows.Close()
	r.Transitions = []json.RawMessage{}
	for rows.Next() {
		var t []byte
		if err := rows.Scan(&t); err != nil {
			return Result{}, true, err
		}
		r.Transitions = append(r.Transitions, t)
	}
	return r, true, rows.Err()
}

// sameEvent reports whether ev is the event stored: the same in every field,
// the instant too unless ev leaves it to the store.
func sameEvent(stored []byte, ev sla.Event) bool {
	var first sla.Event
	if first.UnmarshalJSON(stored) != nil {
		return false
	}
	if ev.At.IsZero() {
		ev.At = first.At
	}
	again, err := ev.MarshalJSON()
	return err == nil && string(again) == string(stored)
}

// Tick is one wake-up a worker ran: the ticket, ticked at the instant its
// wake-up row held, and how many transitions that emitted.
type Tick struct {
	Ticket  string    `json:"ticket"`
	Due     time.Time `json:"due"`
	Emitted int       `json:"emitted"`
}

// Wake ticks the tickets whose wake-up is due by now, up to limit of them,
// each at its stored instant, in one transaction, and returns the ticks it
// ran. On PostgreSQL any number of workers in any number of processes share
// the table: each due ticket is claimed by one of them (FOR UPDATE SKIP
// LOCKED), and a ticket an event is being stored for is left to the next
// round. A ticket it cannot tick (a damaged state, an agreement gone from
// the set) is named in the error and its wake-up put off by RetryRefused,
// so that however many there are, the others go on; once it is fixed, its
// tick reports what came due meanwhile, stamped when it happened.
func (s *Store) Wake(ctx context.Context, now time.Time, limit int) ([]Tick, error) {
	done := measure(&s.spent.tx)
	defer done()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ids, err := s.claim(ctx, tx, now, limit)
	if err != nil {
		return nil, err
	}
	var ticks []Tick
	var refused []error
	for _, id := range ids {
		tick, err := s.wakeOne(ctx, tx, id, now)
		switch {
		case errors.Is(err, errNotDue):
			continue // another worker ticked it, or an event moved its wake-up, since the claim
		case errors.As(err, new(*sla.Error)):
			refused = append(refused, fmt.Errorf("ticket %s: %w", id, err))
			if _, err := tx.ExecContext(ctx, `UPDATE sla_wakeups SET due = $1 WHERE ticket_id = $2`,
				now.Add(RetryRefused).Unix(), id); err != nil {
				return nil, err
			}
			continue
		case err != nil:
			return nil, err
		}
		ticks = append(ticks, tick)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return ticks, errors.Join(refused...)
}

// RetryRefused is how long Wake puts off the wake-up of a ticket it cannot
// tick before it tries again.
const RetryRefused = time.Hour

// claim returns the tickets whose wake-up is due by now, the earliest
// first, and locks them on PostgreSQL, skipping those another transaction
// holds.
func (s *Store) claim(ctx context.Context, tx *sql.Tx, now time.Time, limit int) ([]string, error) {
	query := `SELECT t.id FROM sla_wakeups w JOIN sla_tickets t ON t.id = w.ticket_id
		WHERE w.due <= $1 ORDER BY w.due, t.id LIMIT $2`
	if s.postgres {
		query += ` FOR UPDATE OF t SKIP LOCKED`
	}
	rows, err := tx.QueryContext(ctx, query, now.Unix(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// wakeOne ticks one claimed ticket at its wake-up. The wake-up is read
// again once the ticket is locked: the claim may have seen it before
// another worker or an event moved it (on PostgreSQL the claim's lock
// rechecks the ticket's row, not the wake-up's). A tick that emits is
// stored as an event, so that Replay of the events gives the state; one
// that emits nothing (the ticket changed since) only moves the wake-up.
func (s *Store) wakeOne(ctx context.Context, tx *sql.Tx, ticket string, now time.Time) (Tick, error) {
	state, seq, err := s.load(ctx, tx, ticket)
	if err != nil {
		return Tick{}, err
	}
	var due int64
	err = tx.QueryRowContext(ctx, `SELECT due FROM sla_wakeups WHERE ticket_id = $1`, ticket).Scan(&due)
	if errors.Is(err, sql.ErrNoRows) || err == nil && due > now.Unix() {
		return Tick{}, errNotDue
	}
	if err != nil {
		return Tick{}, err
	}
	tick := sla.Event{Kind: policy.Tick, At: time.Unix(due, 0).UTC()}
	next, transitions, err := s.evaluate(state, tick)
	if err != nil {
		return Tick{}, err
	}
	if len(transitions) == 0 {
		err = s.wakeUp(ctx, tx, ticket, next)
	} else {
		_, err = s.save(ctx, tx, ticket, seq+1, tick, next, transitions)
	}
	return Tick{Ticket: ticket, Due: tick.At, Emitted: len(transitions)}, err
}

// load reads and locks the ticket's row (on SQLite the transaction holds
// the database already) and decodes its state: the zero State for a ticket
// created in this transaction.
func (s *Store) load(ctx context.Context, tx *sql.Tx, ticket string) (sla.State, int64, error) {
	query := `SELECT state, seq FROM sla_tickets WHERE id = $1`
	if s.postgres {
		query += ` FOR UPDATE`
	}
	var stored []byte
	var seq int64
	var state sla.State
	err := tx.QueryRowContext(ctx, query, ticket).Scan(&stored, &seq)
	if errors.Is(err, sql.ErrNoRows) {
		return state, 0, ErrNoTicket
	}
	if err != nil || stored == nil {
		return state, seq, err
	}
	done := measure(&s.spent.codec)
	err = state.UnmarshalJSON(stored)
	done()
	return state, seq, err
}

// evaluate is sla.Evaluate, timed.
func (s *Store) evaluate(state sla.State, ev sla.Event) (sla.State, []sla.Transition, error) {
	done := measure(&s.spent.evaluate)
	defer done()
	return sla.Evaluate(s.set, state, ev)
}

// save stores the event as the ticket's seq-th, its new state and next
// breach, the transitions into the outbox and the wake-up, and returns
// what the request gets back.
func (s *Store) save(ctx context.Context, tx *sql.Tx, ticket string, seq int64,
	ev sla.Event, state sla.State, transitions []sla.Transition) (Result, error) {
	r := Result{Ticket: ticket, Seq: seq, Transitions: make([]json.RawMessage, len(transitions))}
	var err error
	if r.Event, err = ev.MarshalJSON(); err != nil {
		return r, err
	}
	var id any // NULL: no idempotency key
	if ev.ID != "" {
		id = ev.ID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sla_events (ticket_id, seq, event_id, event)
		VALUES ($1, $2, $3, $4)`, ticket, seq, id, string(r.Event)); err != nil {
		return r, err
	}
	done := measure(&s.spent.codec)
	stored, err := state.MarshalJSON()
	done()
	if err != nil {
		return r, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sla_tickets SET state = $1, seq = $2, breach_at = $3 WHERE id = $4`,
		string(stored), seq, s.nextBreach(state), ticket); err != nil {
		return r, err
	}
	for n, t := range transitions {
		if r.Transitions[n], err = json.Marshal(t); err != nil {
			return r, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sla_outbox (ticket_id, seq, n, transition)
			VALUES ($1, $2, $3, $4)`, ticket, seq, n, string(r.Transitions[n])); err != nil {
			return r, err
		}
	}
	return r, s.wakeUp(ctx, tx, ticket, state)
}

// wakeUp stores the ticket's wake-up: state.NextDeadline, a whole second,
// or no row when nothing will happen with time alone.
func (s *Store) wakeUp(ctx context.Context, tx *sql.Tx, ticket string, state sla.State) error {
	done := measure(&s.spent.deadlines)
	due := state.NextDeadline(s.set)
	done()
	if due.IsZero() {
		_, err := tx.ExecContext(ctx, `DELETE FROM sla_wakeups WHERE ticket_id = $1`, ticket)
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO sla_wakeups (ticket_id, due) VALUES ($1, $2)
		ON CONFLICT (ticket_id) DO UPDATE SET due = excluded.due`, ticket, due.Unix())
	return err
}

// nextBreach is the ticket's next goal or promise breach (not its next
// warning) as breach_at stores it: Unix seconds, rounded up to the whole
// second at or after the breach; nil (NULL) when none is coming.
func (s *Store) nextBreach(state sla.State) any {
	done := measure(&s.spent.deadlines)
	defer done()
	view, err := state.View(s.set, state.Last())
	if err != nil || view.NextBreach.At.IsZero() {
		return nil
	}
	return ceilSecond(view.NextBreach.At).Unix()
}

// ceilSecond rounds t up to a whole second.
func ceilSecond(t time.Time) time.Time {
	if u := t.Truncate(time.Second); !u.Equal(t) {
		return u.Add(time.Second)
	}
	return t
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// validTicket reports whether id can name a ticket: it goes into URLs as
// it is.
func validTicket(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, c := range id {
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("._~-", c)
		if !ok {
			return false
		}
	}
	return true
}

// A Ticket is a ticket as stored: its state, the number of its last
// event, and its wake-up (zero: none). Err says why its stored state
// could not be decoded (damaged, or naming an agreement the set lacks).
type Ticket struct {
	ID     string
	Seq    int64
	State  sla.State
	WakeUp time.Time
	Err    error
}

// Ticket reads one ticket, outside any write transaction.
func (s *Store) Ticket(ctx context.Context, id string) (Ticket, error) {
	tickets, err := s.tickets(ctx, `WHERE t.id = $1`, id)
	if err == nil && len(tickets) == 0 {
		err = ErrNoTicket
	}
	if err != nil {
		return Ticket{}, err
	}
	return tickets[0], tickets[0].Err
}

// Page reads up to limit tickets from offset on, those whose next breach
// comes first first, then those with none, by id.
func (s *Store) Page(ctx context.Context, offset, limit int) ([]Ticket, error) {
	return s.tickets(ctx, `ORDER BY t.breach_at IS NULL, t.breach_at, t.id LIMIT $1 OFFSET $2`, limit, offset)
}

// tickets reads the tickets that the query's tail selects, and decodes
// their states; one that does not decode has Err set.
func (s *Store) tickets(ctx context.Context, tail string, args ...any) ([]Ticket, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT t.id, t.seq, t.state, w.due FROM sla_tickets t
		LEFT JOIN sla_wakeups w ON w.ticket_id = t.id `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tickets []Ticket
	for rows.Next() {
		var t Ticket
		var stored []byte
		var due sql.NullInt64
		if err := rows.Scan(&t.ID, &t.Seq, &stored, &due); err != nil {
			return nil, err
		}
		if err := t.State.UnmarshalJSON(stored); err != nil {
			t.Err = fmt.Errorf("ticket %s: %w", t.ID, err)
		}
		if due.Valid {
			t.WakeUp = time.Unix(due.Int64, 0).UTC()
		}
		tickets = append(tickets, t)
	}
	return tickets, rows.Err()
}

// A Breach is a ticket's next breach, as GET /tickets?breaching_within
// lists it.
type Breach struct {
	Ticket string    `json:"ticket"`
	At     time.Time `json:"breach_at"` // a whole second: the breach's instant rounded up
}

// Breaching lists the tickets whose next breach falls by until (to the
// second), the earliest first, up to limit of them, from the index on
// sla_tickets.breach_at.
func (s *Store) Breaching(ctx context.Context, until time.Time, limit int) ([]Breach, error) {
	rows, err := s.read.QueryContext(ctx, breachingQuery, ceilSecond(until).Unix(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Breach{}
	for rows.Next() {
		var b Breach
		var at int64
		if err := rows.Scan(&b.Ticket, &at); err != nil {
			return nil, err
		}
		b.At = time.Unix(at, 0).UTC()
		list = append(list, b)
	}
	return list, rows.Err()
}

const breachingQuery = `SELECT id, breach_at FROM sla_tickets
	WHERE breach_at IS NOT NULL AND breach_at <= $1 ORDER BY breach_at, id LIMIT $2`
