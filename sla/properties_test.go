package sla_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

var (
	fuzzPlans      = []string{"recompute", "restart", "business", "custom", "conditions", "enterprise", "none", "global", "escalating"}
	fuzzGroups     = []string{"", "first-line", "second-line"}
	fuzzZones      = []string{"", "Europe/Paris", "Asia/Tokyo", "America/St_Johns", "Australia/Lord_Howe"}
	fuzzStatuses   = []string{"New", "Open", "In progress", "Pending", "On hold", "Solved", "Closed", "open", "Limbo", ""}
	fuzzPriorities = []string{"low", "normal", "high", "urgent", "", "critical"}
)

// long reports whether the long runs are asked for (SLACLOCK_LONG=1, as CI sets).
func long() bool { return os.Getenv("SLACLOCK_LONG") == "1" }

// eventsFrom turns bytes into a ticket history: a creation, then one event
// per three bytes (kind, minutes since the last one, a status, priority or
// plan). Some events are bad on purpose: unknown kinds and names, instants
// out of order, events after close. Every event has an ID; a kind byte
// with its top bit set repeats the event of an earlier ID instead (a
// retry, as an application sends after a lost response).
func eventsFrom(data []byte) []sla.Event {
	at := ts("2026-03-05T14:00:00Z") // a Thursday; New York springs forward on Sunday the 8th
	pick := func(i int) byte {
		if i < len(data) {
			return data[i]
		}
		return 0
	}
	b0, b1, b2 := pick(0), pick(1), pick(2)
	first := sla.Event{
		ID: "e0", Kind: policy.Created, At: at,
		Status:   []string{"New", "Open", "Pending", ""}[b0%4],
		Priority: fuzzPriorities[int(b1)%5],
		Fields:   fieldsFrom(b2),
		ByAgent:  b0&0x80 != 0, Actor: "someone",
	}
	events := []sla.Event{first}
	for i := 3; i+2 < len(data); i += 3 {
		k, d, p := data[i], data[i+1], data[i+2]
		if k&0x80 != 0 {
			back := 1 + int(p)%20 // sometimes beyond the window of 16
			retry := events[max(len(events)-back, 0)]
			retry.At = latest(retry.At, at) // a late retry, stamped as it was sent or later
			if p&1 == 0 {
				retry.At = events[max(len(events)-back, 0)].At // exactly as first sent
			}
			events = append(events, retry)
			continue
		}
		switch {
		case d == 255:
			at = at.Add(-time.Hour) // out of order
		case d >= 200:
			// the same instant
		case d >= 150:
			at = at.Add(time.Duration(d-149) * time.Nanosecond)
		default:
			at = at.Add(time.Duration(d) * 11 * time.Minute)
		}
		ev := sla.Event{ID: "e" + strconv.Itoa(len(events)), Kind: policy.EventKind(k % 10), At: at} // 0 and 9 are unknown kinds
		switch ev.Kind {
		case policy.StatusChanged:
			ev.Status = fuzzStatuses[int(p)%len(fuzzStatuses)]
		case policy.PriorityChanged:
			ev.Priority = fuzzPriorities[int(p)%len(fuzzPriorities)]
		case policy.FieldsChanged:
			ev.Fields = fieldsFrom(p)
		case policy.Created:
			ev.Priority = "normal"
		}
		events = append(events, ev)
	}
	return events
}

// fieldsFrom turns a byte into a ticket's fields: a plan, a group, a
// vendor and a requester's zone, so that the agreements of every kind
// attach and detach as the fields change.
func fieldsFrom(p byte) policy.Fields {
	f := fields(fuzzPlans[int(p)%len(fuzzPlans)])
	if g := fuzzGroups[int(p)/9%len(fuzzGroups)]; g != "" {
		f.Attributes["group"] = g
	}
	if p&0x40 != 0 {
		f.Attributes["vendor"] = "acme"
	}
	if z := fuzzZones[int(p)/3%len(fuzzZones)]; z != "" {
		f.Attributes["requester_tz"] = z
	}
	return f
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

type transitionKey struct {
	kind      sla.TransitionKind
	agreement string
	metric    string
	cycle     int
	level     int
	at        time.Time
}

// history is a history being checked event by event.
type history struct {
	t        *testing.T
	set      *policy.Set
	s        sla.State
	accepted []sla.Event
	all      []sla.Transition
	seen     map[transitionKey]bool // every transition
	attached map[string]bool        // agreements attached now
	once     map[transitionKey]bool // started, breaches, met, cancelled: once per cycle
	applied  []string               // IDs of the events applied, in order (Ticks excepted)
	branches []branch
}

type branch struct{ made, kept sla.State }

// checkHistory applies events one by one and checks, after each: a refused
// event leaves the state as it was, and a retry of one of the last 16
// events applied is refused as a duplicate; transitions are sorted, lie
// between the last event and this one, and none repeats; NextDeadline is a
// whole second after the last event, a tick a second before it emits
// nothing, a tick at it emits what is due within the second before it,
// and ticks at it stored at seconds or microseconds always make progress;
// other events applied to the same state leave it as it was and are not
// changed by what follows. At the end, Replay of all the events gives the
// same state and transitions.
func checkHistory(t *testing.T, set *policy.Set, events []sla.Event) {
	t.Helper()
	h := &history{t: t, set: set, seen: map[transitionKey]bool{}, once: map[transitionKey]bool{}, attached: map[string]bool{}}
	for i, ev := range events {
		h.event(i, ev)
		if t.Failed() {
			return
		}
	}
	for _, b := range h.branches {
		if !b.made.Equal(b.kept) {
			t.Fatalf("a branch changed after it was made")
		}
	}
	rs, rts, err := sla.Replay(set, events)
	if err != nil && !errors.Is(err, sla.ErrOutOfOrder) && !errors.Is(err, sla.ErrClosed) &&
		!errors.Is(err, sla.ErrUnknownKind) && !errors.Is(err, sla.ErrUnknownStatus) &&
		!errors.Is(err, sla.ErrUnknownPriority) && !errors.Is(err, sla.ErrCreated) {
		t.Fatalf("Replay: %v", err)
	}
	if err != nil {
		rs, rts, err = sla.Replay(set, h.accepted)
		if err != nil {
			t.Fatalf("Replay of the accepted events: %v", err)
		}
	}
	if !rs.Equal(h.s) {
		t.Fatalf("Replay's state differs from the one built event by event")
	}
	if diff := cmp.Diff(h.all, rts); diff != "" {
		t.Fatalf("Replay transitions (-one by one +replay):\n%s", diff)
	}
	if _, err := h.s.Status(set, h.s.Last().Add(time.Hour)); err != nil {
		t.Fatalf("Status: %v", err)
	}
}

func (h *history) event(i int, ev sla.Event) {
	t, s := h.t, h.s
	next, ts, err := sla.Evaluate(h.set, s, ev)
	if !next.Equal(s) && err != nil {
		t.Fatalf("event %d (%v) refused (%v) but the state changed", i, ev.Kind, err)
	}
	if ev.Kind != policy.Tick && ev.ID != "" && h.recent(ev.ID) && !errors.Is(err, sla.ErrDuplicate) {
		t.Fatalf("event %d repeats %s, one of the last 16 applied, and got %v, want ErrDuplicate", i, ev.ID, err)
	}
	if err != nil {
		if ts != nil {
			t.Fatalf("event %d refused (%v) with transitions", i, err)
		}
		return
	}
	h.transitions(i, ev, s, ts)
	if ev.Kind != policy.Tick {
		h.applied = append(h.applied, ev.ID)
	}
	h.accepted = append(h.accepted, ev)
	h.all = append(h.all, ts...)
	h.deadline(i, next)
	h.branch(next)
	h.s = next
}

// recent reports whether id is among the last 16 IDs applied.
func (h *history) recent(id string) bool {
	for k := len(h.applied) - 1; k >= 0 && k >= len(h.applied)-16; k-- {
		if h.applied[k] == id {
			return true
		}
	}
	return false
}

func (h *history) transitions(i int, ev sla.Event, before sla.State, ts []sla.Transition) {
	t := h.t
	evAt := ev.At.UTC()
	for k, x := range ts {
		if k > 0 && ts[k-1].At.After(x.At) {
			t.Fatalf("event %d: transitions out of order: %v", i, ts)
		}
		if x.At.After(evAt) || x.At.Before(before.Last()) {
			t.Fatalf("event %d at %v, last %v: transition %v outside", i, evAt, before.Last(), x)
		}
		key := transitionKey{x.Kind, x.Agreement.String(), x.Metric, x.Cycle, x.Level, x.At}
		if h.seen[key] && x.Kind != sla.Attached && x.Kind != sla.Detached {
			t.Fatalf("event %d: transition %v emitted twice", i, x)
		}
		h.seen[key] = true
		switch x.Kind {
		case sla.Attached, sla.Detached:
			// An agreement attaches and detaches in turns, attached first
			// (several times at one instant when events at that instant
			// change the fields back and forth).
			name := x.Agreement.String()
			if (x.Kind == sla.Attached) == h.attached[name] {
				t.Fatalf("event %d: %v, but the agreement was %v already", i, x, x.Kind)
			}
			h.attached[name] = x.Kind == sla.Attached
		case sla.Warning, sla.Paused, sla.Resumed:
		default:
			key.at = time.Time{}
			if h.once[key] {
				t.Fatalf("event %d: %v twice in one cycle", i, x)
			}
			h.once[key] = true
		}
	}
}

// deadline checks NextDeadline of s, and that ticks at it, stored as a
// database would, make progress.
func (h *history) deadline(i int, s sla.State) {
	t := h.t
	d := s.NextDeadline(h.set)
	if d.IsZero() {
		return
	}
	if !d.Equal(d.Truncate(time.Second)) || !d.After(s.Last()) {
		t.Fatalf("event %d: NextDeadline %v is not a whole second after the last event %v", i, d, s.Last())
	}
	if !d.Add(-time.Second).Before(s.Last()) {
		_, early, err := sla.Evaluate(h.set, s, tick(d.Add(-time.Second)))
		if err != nil || len(early) != 0 {
			t.Fatalf("event %d: a tick a second before NextDeadline %v: %v, %v", i, d, early, err)
		}
	}
	after, due, err := sla.Evaluate(h.set, s, tick(d))
	if err != nil || len(due) == 0 {
		t.Fatalf("event %d: a tick at NextDeadline %v: %v, %v", i, d, due, err)
	}
	for _, x := range due {
		if x.At.After(d) || !x.At.After(d.Add(-time.Second)) {
			t.Fatalf("event %d: a tick at NextDeadline %v emitted %v, not within the second before it", i, d, x)
		}
	}
	// Stored at seconds (truncated or rounded) or at microseconds, the
	// deadline is the same instant, so the tick above is the one the
	// application sends; walk a few more wake-ups the same way.
	for _, stored := range []time.Time{d.Truncate(time.Second), d.Round(time.Second), d.Truncate(time.Microsecond)} {
		if !stored.Equal(d) {
			t.Fatalf("event %d: NextDeadline %v stored is %v", i, d, stored)
		}
	}
	for range 3 {
		next := after.NextDeadline(h.set)
		if next.IsZero() {
			break
		}
		if !next.After(d) {
			t.Fatalf("event %d: after a tick at %v, NextDeadline %v: no progress", i, d, next)
		}
		var ts []sla.Transition
		after, ts, err = sla.Evaluate(h.set, after, tick(next.Truncate(time.Microsecond)))
		if err != nil || len(ts) == 0 {
			t.Fatalf("event %d: a tick at the stored deadline %v: %v, %v", i, next, ts, err)
		}
		d = next
	}
}

// branch applies other events to s, each followed by a second one: branches
// that share with the main line what they did not change. None may change
// s, nor be changed by what the main line does next (checked at the end).
func (h *history) branch(s sla.State) {
	kept := s
	at := s.Last().Add(time.Minute)
	for k, alt := range []sla.Event{status(at, "Pending"), status(at, "Solved"), reply(at), customer(at)} {
		b1, _, err := sla.Evaluate(h.set, s, alt)
		if err != nil {
			continue
		}
		then := []sla.Event{status(at.Add(time.Hour), "Open"), reply(at.Add(time.Hour))}[k%2]
		if b2, _, err := sla.Evaluate(h.set, b1, then); err == nil {
			b1 = b2
		}
		h.branches = append(h.branches, branch{b1, b1})
	}
	if !kept.Equal(s) {
		h.t.Fatalf("branches changed the state they started from")
	}
}

func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{0, 1, 0, 3, 5, 0, 2, 10, 3, 5, 30, 0, 6, 2, 3, 8, 100, 0})
	f.Add([]byte{1, 3, 1, 5, 2, 0, 6, 20, 1, 8, 200, 0, 3, 1, 0, 2, 5, 5, 2, 5, 6, 8, 140, 0})
	f.Add([]byte{0, 2, 2, 2, 60, 3, 2, 100, 1, 6, 10, 3, 8, 250, 0, 2, 10, 5, 2, 1, 1, 8, 140, 0})
	f.Add([]byte{0, 1, 3, 2, 30, 3, 2, 60, 1, 2, 10, 4, 2, 60, 1, 2, 30, 5, 8, 99, 0})
	f.Add([]byte{0x80, 0, 0, 4, 5, 0, 3, 5, 0, 5, 5, 0, 3, 5, 0, 2, 255, 0, 7, 5, 1, 9, 5, 0})
	f.Add([]byte{0, 0, 1, 8, 150, 0, 8, 151, 0, 6, 0, 3, 6, 0, 0, 3, 1, 0})
	f.Add([]byte{0, 4, 0, 3, 5, 0, 6, 20, 1, 0x83, 0, 2, 3, 5, 0, 0x81, 0, 1, 5, 10, 0})
	set := loadSet(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 600 {
			data = data[:600]
		}
		checkHistory(t, set, eventsFrom(data))
	})
}

// TestRandomHistories runs the checks of FuzzEvaluate on random histories,
// from fixed seeds: a few hundred always, many more when SLACLOCK_LONG is
// set.
func TestRandomHistories(t *testing.T) {
	set := loadSet(t)
	n := 300
	if long() {
		n = 5000
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		data := make([]byte, 3+3*r.IntN(40))
		for k := range data {
			data[k] = byte(r.UintN(256))
			if k >= 3 && k%3 == 0 && r.IntN(8) > 0 {
				data[k] &= 0x7f // mostly new events, some retries
			}
			if k >= 3 && k%3 == 1 && r.IntN(4) > 0 {
				data[k] = byte(r.UintN(40)) // mostly short steps
			}
		}
		checkHistory(t, set, eventsFrom(data))
		if t.Failed() {
			t.Fatalf("history %d: %v", i, data)
		}
	}
}
