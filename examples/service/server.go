package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// A server answers the HTTP API and the page for people.
type server struct {
	store  *Store
	clock  clock.Clock
	manual *clock.Manual // the clock, when it is manual; nil on the system clock
	worker *worker
	log    *log.Logger
}

// handler routes the requests. POST /clock and POST /worker/run are there
// only on a manual clock, for tests: the system clock's worker runs by
// itself.
func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /tickets", s.createTicket)
	mux.HandleFunc("POST /tickets/{id}/events", s.addEvent)
	mux.HandleFunc("GET /tickets/{id}", s.ticket)
	mux.HandleFunc("GET /tickets", s.breaching)
	mux.HandleFunc("GET /{$}", s.page)
	mux.HandleFunc("GET /debug/timings", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.store.spent.read())
	})
	if s.manual != nil {
		mux.HandleFunc("POST /clock", s.setClock)
		mux.HandleFunc("POST /worker/run", s.runWorker)
	}
	return mux
}

// errBadRequest is a request the API cannot read.
var errBadRequest = errors.New("bad request")

// maxBody bounds a request's body; an event is well under it.
const maxBody = 1 << 20

// createTicket stores a Created event. Its body is the event's JSON form
// with "ticket", the ticket's id, and no "kind" (or "kind": "created").
func (s *server) createTicket(w http.ResponseWriter, r *http.Request) {
	var fields map[string]json.RawMessage
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err == nil {
		err = json.Unmarshal(body, &fields)
	}
	if err != nil {
		s.fail(w, fmt.Errorf("%w: %v", errBadRequest, err))
		return
	}
	var ticket string
	if err := json.Unmarshal(fields["ticket"], &ticket); err != nil {
		s.fail(w, fmt.Errorf("%w: ticket: want the ticket's id, a string", errBadRequest))
		return
	}
	delete(fields, "ticket")
	if k, ok := fields["kind"]; ok && string(k) != `"created"` {
		s.fail(w, fmt.Errorf(`%w: kind: %s: POST /tickets creates a ticket: leave out "kind"`, errBadRequest, k))
		return
	}
	fields["kind"] = json.RawMessage(`"created"`)
	event, _ := json.Marshal(fields)
	s.apply(w, r, ticket, event, true)
}

// addEvent stores any other event but a Tick (the worker's).
func (s *server) addEvent(w http.ResponseWriter, r *http.Request) {
	event, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		s.fail(w, fmt.Errorf("%w: %v", errBadRequest, err))
		return
	}
	s.apply(w, r, r.PathValue("id"), event, false)
}

// apply decodes the event, takes its ID from the Idempotency-Key header
// and stores it. A retry answers as the first request did.
func (s *server) apply(w http.ResponseWriter, r *http.Request, ticket string, event []byte, create bool) {
	var ev sla.Event
	if err := ev.UnmarshalJSON(event); err != nil {
		s.fail(w, err)
		return
	}
	switch {
	case ev.ID != "":
		s.fail(w, fmt.Errorf(`%w: id: the event's ID is the Idempotency-Key header`, errBadRequest))
		return
	case ev.Kind == policy.Tick:
		s.fail(w, fmt.Errorf(`%w: kind: "tick": ticks are the worker's`, errBadRequest))
		return
	case ev.Kind == policy.Created && !create:
		s.fail(w, fmt.Errorf(`%w: kind: "created": create a ticket with POST /tickets`, errBadRequest))
		return
	}
	ev.ID = r.Header.Get("Idempotency-Key")
	if !validKey(ev.ID) {
		s.fail(w, fmt.Errorf("%w: Idempotency-Key: want 1 to 128 printable ASCII characters", errBadRequest))
		return
	}
	result, err := s.store.Apply(r.Context(), ticket, ev, create)
	if err != nil {
		s.fail(w, err)
		return
	}
	if result.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	writeJSON(w, http.StatusCreated, result)
}

// validKey reports whether an Idempotency-Key (empty: none) can be an
// event's ID: printable ASCII, as HTTP's structured strings are, and short
// enough for sla. (sla takes other bytes too, but a state that remembers
// an ID that is not UTF-8 does not decode again.)
func validKey(key string) bool {
	if len(key) > 128 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x20 || key[i] > 0x7e {
			return false
		}
	}
	return true
}

// ticketJSON is what GET /tickets/{id} answers.
type ticketJSON struct {
	Ticket     string           `json:"ticket"`
	Seq        int64            `json:"seq"`
	Created    time.Time        `json:"created"`
	Last       time.Time        `json:"last"`
	Category   policy.Category  `json:"category"`
	Priority   string           `json:"priority,omitempty"`
	Agreements []attachmentJSON `json:"agreements"`
	View       sla.View         `json:"view"`
	WakeUp     *time.Time       `json:"wake_up,omitempty"`
}

type attachmentJSON struct {
	Agreement sla.Agreement `json:"agreement"`
	Attached  time.Time     `json:"attached"`
	Detached  time.Time     `json:"detached,omitzero"`
}

// ticket answers the ticket's SLA view now, or at ?at=, with the
// agreements it carries and carried and its wake-up.
func (s *server) ticket(w http.ResponseWriter, r *http.Request) {
	at := s.clock.Now()
	if v := r.FormValue("at"); v != "" {
		var err error
		if at, err = time.Parse(time.RFC3339Nano, v); err != nil {
			s.fail(w, fmt.Errorf("%w: at: %v", errBadRequest, err))
			return
		}
	}
	t, err := s.store.Ticket(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, err)
		return
	}
	view, err := t.State.View(s.store.set, at)
	if err != nil {
		s.fail(w, err)
		return
	}
	out := ticketJSON{Ticket: t.ID, Seq: t.Seq, Created: t.State.Created(), Last: t.State.Last(),
		Category: t.State.Category(), Priority: t.State.Priority(), View: view,
		Agreements: []attachmentJSON{}}
	for _, a := range t.State.Attachments() {
		out.Agreements = append(out.Agreements, attachmentJSON{a.Agreement, a.Attached, a.Detached})
	}
	if !t.WakeUp.IsZero() {
		out.WakeUp = &t.WakeUp
	}
	writeJSON(w, http.StatusOK, out)
}

// breaching answers GET /tickets?breaching_within=2h: the tickets whose
// next breach (goal or promise, not a warning) falls by now plus that
// long, the earliest first, from the index on breach_at. A breach that is
// due but not yet ticked is listed too: it is breaching.
func (s *server) breaching(w http.ResponseWriter, r *http.Request) {
	within, err := time.ParseDuration(r.FormValue("breaching_within"))
	if err != nil || within < 0 {
		s.fail(w, fmt.Errorf("%w: breaching_within: want a duration such as 2h or 30m", errBadRequest))
		return
	}
	limit := 100
	if v := r.FormValue("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 1000 {
			s.fail(w, fmt.Errorf("%w: limit: want 1 to 1000", errBadRequest))
			return
		}
	}
	now := s.clock.Now()
	list, err := s.store.Breaching(r.Context(), now.Add(within), limit)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"at": now, "breaching_within": within.String(), "tickets": list})
}

// setClock sets the manual clock: {"now": "2026-03-02T09:00:00Z"}.
func (s *server) setClock(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Now time.Time `json:"now"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&body); err != nil || body.Now.IsZero() {
		s.fail(w, fmt.Errorf(`%w: want {"now": an RFC 3339 instant}`, errBadRequest))
		return
	}
	s.manual.Set(body.Now.UTC())
	writeJSON(w, http.StatusOK, map[string]time.Time{"now": s.manual.Now()})
}

// runWorker runs the worker once at the clock's instant, until nothing is
// due and the outbox is empty, and answers the ticks it ran.
func (s *server) runWorker(w http.ResponseWriter, r *http.Request) {
	result, err := s.worker.run(r.Context(), s.clock.Now())
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, result)
}

// fail answers err with its status and {"error": message}. What is not the
// client's fault is logged, and answered without its details.
func (s *server) fail(w http.ResponseWriter, err error) {
	code := statusOf(err)
	msg := err.Error()
	if code == http.StatusInternalServerError {
		s.log.Printf("internal error: %v", err)
		msg = "internal error"
	}
	writeJSON(w, code, map[string]string{"error": msg})
}

// statusOf maps an error to an HTTP status: 400 for what the request got
// wrong, 404 for an unknown ticket, 409 for an event the ticket refuses as
// it is now (created again, closed, earlier than its last event), 422 for
// an idempotency key used for another event, 500 for the rest.
func statusOf(err error) int {
	isAny := func(targets ...error) bool {
		for _, t := range targets {
			if errors.Is(err, t) {
				return true
			}
		}
		return false
	}
	var maxBytes *http.MaxBytesError
	switch {
	case errors.Is(err, ErrNoTicket):
		return http.StatusNotFound
	case errors.Is(err, ErrKeyReused):
		return http.StatusUnprocessableEntity
	case errors.As(err, &maxBytes):
		return http.StatusRequestEntityTooLarge
	case isAny(sla.ErrCreated, sla.ErrClosed, sla.ErrOutOfOrder, sla.ErrNotCreated, sla.ErrDuplicate):
		return http.StatusConflict
	case isAny(errBadRequest, ErrBadTicket, sla.ErrBadEvent, sla.ErrUnknownKind, sla.ErrBadTime, sla.ErrBadID,
		sla.ErrUnknownStatus, sla.ErrUnknownPriority, sla.ErrUnknownZone, sla.ErrBadFields):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code, b = http.StatusInternalServerError, []byte(`{"error":"internal error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

// A worker ticks due wake-ups and relays the outbox.
type worker struct {
	store *Store
	send  Sender
	log   *log.Logger
}

// batch is how many wake-ups a worker claims, and how many transitions
// the relay sends, at a time.
const batch = 100

// run ticks every wake-up due by now and relays every transition not yet
// sent. Refused tickets are logged and left; a failed delivery is logged
// and ends the relay until the next run; other errors stop it.
func (w *worker) run(ctx context.Context, now time.Time) (runResult, error) {
	r := runResult{Ticks: []Tick{}}
	for {
		ticks, err := w.store.Wake(ctx, now, batch)
		r.Ticks = append(r.Ticks, ticks...)
		if errors.As(err, new(*sla.Error)) { // tickets it could not tick: the others went on
			w.log.Printf("worker: %v", err)
			err = nil
		}
		if err != nil {
			return r, err
		}
		if !emitted(ticks) { // nothing left, or no progress: the rest waits for the next run
			break
		}
	}
	for {
		n, err := w.store.Relay(ctx, w.send, batch)
		r.Sent += n
		if errors.Is(err, errDelivery) {
			w.log.Printf("relay: %v", err)
			r.DeliveryError = err.Error()
			return r, nil
		}
		if err != nil || n == 0 {
			return r, err
		}
	}
}

func emitted(ticks []Tick) bool {
	for _, t := range ticks {
		if t.Emitted > 0 {
			return true
		}
	}
	return false
}

// runResult is what POST /worker/run answers.
type runResult struct {
	Ticks         []Tick `json:"ticks"`
	Sent          int    `json:"sent"`
	DeliveryError string `json:"delivery_error,omitempty"`
}

// loop runs the worker every interval by the system clock, until ctx ends.
func (w *worker) loop(ctx context.Context, clk clock.Clock, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := w.run(ctx, clk.Now()); err != nil && ctx.Err() == nil {
				w.log.Printf("worker: %v", err)
			}
		}
	}
}
