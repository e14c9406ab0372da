package sla

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slaclock/slaclock/policy"
)

// Evaluate applies one event to a ticket's state and returns the new state
// and the transitions that happened up to the event's instant: first those
// that time alone brought about since the last event (warnings and
// breaches, stamped with the instants they happened), then those the event
// caused. Transitions are sorted by instant, then by agreement (in the
// order they attached), metric (in its policy's order), cycle, and kind
// (in the order of the TransitionKind constants).
//
// Evaluate is pure: the same set, state and event give the same result on
// any machine, in any time zone, and s is never changed. On error the
// state returned is s and the error is an [*Error] whose Path starts with
// "event"; see the package doc for what is refused. A retry of an event
// already applied (the same ID) returns s, no transitions and an error
// wrapping ErrDuplicate. A Tick earlier than the last event, or before any
// deadline, returns s, no transitions and no error.
func Evaluate(set *policy.Set, s State, ev Event) (State, []Transition, error) {
	r := run{set: set, ev: ev, path: "event", index: -1}
	next, err := r.evaluate(s)
	if err != nil {
		return s, nil, err
	}
	return next, r.appendTransitions(nil), nil
}

// Replay applies a ticket's whole history to the zero State, one event
// after another, as Evaluate does, and returns the final state and every
// transition, in the order Evaluate emitted them. Events whose ID repeats
// an earlier one are skipped as Evaluate's ErrDuplicate says. On error,
// Replay returns the state after the last event it applied, the
// transitions up to it, and an [*Error] whose Path starts with "events[i]",
// i the position of the refused event.
func Replay(set *policy.Set, events []Event) (State, []Transition, error) {
	var s State
	var all []Transition
	var out []emitted // one run's transitions, reused from event to event
	for i, ev := range events {
		r := run{set: set, ev: ev, path: "events", index: i, out: out[:0]}
		next, err := r.evaluate(s)
		switch {
		case isDuplicate(err):
			continue
		case err != nil:
			return s, all, err
		}
		s, all, out = next, r.appendTransitions(all), r.out
	}
	return s, all, nil
}

func isDuplicate(err error) bool {
	e, ok := err.(*Error)
	return ok && e.Err == ErrDuplicate
}

// evaluate applies the run's event to s and returns the new state; the
// transitions are in r.out, unsorted. On error s is unchanged.
func (r *run) evaluate(s State) (State, error) {
	noop, err := r.prepare(&s)
	if err != nil || noop {
		return s, err
	}
	out := s
	if err := r.apply(&out); err != nil {
		return s, err
	}
	return out, nil
}

// run is one application of one event.
type run struct {
	set   *policy.Set
	ev    Event
	path  string    // "event", "events" (with index), "state", or "" (Repair), for errors
	index int       // the event's index in Replay's events, or -1
	at    time.Time // ev.At in UTC, without a monotonic reading

	from, to policy.Category // the status category before and after the event
	priority string          // the priority after the event
	changed  bool            // the event changes the priority
	// all says that every open cycle must be advanced: the state's next
	// deadlines were not worked out with this set.
	all bool
	// steps holds, per agreement of the state after the event, its policy
	// version and the version's metrics (nil for one that stays detached),
	// and what the event does to it.
	steps  []step
	fields policy.Fields // the ticket's fields after the event
	out    []emitted
	owned  bool // apply has copied the state's list of agreements (see own)
}

// step is an agreement's policy version, read once per run, and what the
// event does to it.
type step struct {
	pol *ruled
	act action
}

// ruled is an agreement's policy version and its metrics, read once per run.
type ruled struct {
	pol     *policy.Policy
	metrics []policy.Metric
}

// emitted is a transition and where it comes from, for sorting.
type emitted struct {
	Transition
	agreement, metric int
}

func (r *run) fail(field, value string, err error) error {
	path := r.path
	if r.index >= 0 {
		path += "[" + strconv.Itoa(r.index) + "]"
	}
	switch {
	case field == "":
	case path == "":
		path = field
	default:
		path += "." + field
	}
	return &Error{Path: path, Value: value, Err: err}
}

// prepare checks the event against s and the set and reads what apply
// needs, so that apply cannot fail on anything the caller gave. noop says
// that the event changes nothing: a stale Tick, or one before any deadline.
func (r *run) prepare(s *State) (noop bool, err error) {
	if err := r.checkEvent(s); err != nil {
		return false, err
	}
	created := !s.created.IsZero()
	switch {
	case !created && r.ev.Kind != policy.Created:
		return false, r.fail("kind", r.ev.Kind.String(), ErrNotCreated)
	case created && r.ev.Kind == policy.Created:
		return false, r.fail("kind", r.ev.Kind.String(), ErrCreated)
	case r.ev.Kind == policy.Tick && r.at.Before(s.last):
		return true, nil
	case s.category == policy.CategoryClosed && r.ev.Kind != policy.Tick:
		return false, r.fail("kind", r.ev.Kind.String(), ErrClosed)
	case r.at.Before(s.last):
		return false, r.fail("at", formatTime(r.at), fmt.Errorf("%w (%s)", ErrOutOfOrder, formatTime(s.last)))
	}
	if err := r.readStatus(s); err != nil {
		return false, err
	}
	r.all = s.derived != r.set
	if r.ev.Kind == policy.Tick && !r.all && !s.dueBy(r.at) {
		return true, nil
	}
	return false, r.readAgreements(s)
}

// checkEvent checks what the event says on its own, and whether the state
// has applied it already.
func (r *run) checkEvent(s *State) error {
	ev := &r.ev
	switch {
	case !validKind(ev.Kind):
		return r.fail("kind", ev.Kind.String(), errWant(ErrUnknownKind, kindList()))
	case !recordable(ev.At):
		return r.fail("at", formatTime(ev.At), fmt.Errorf("%w: want an instant in the years 1800 to 2199", ErrBadTime))
	case len(ev.ID) > maxIDLength:
		return r.fail("id", ev.ID, fmt.Errorf("%w: %d bytes, at most %d", ErrBadID, len(ev.ID), maxIDLength))
	case !utf8.ValidString(ev.ID):
		return r.fail("id", ev.ID, fmt.Errorf("%w: not valid UTF-8", ErrBadID))
	case ev.ID != "" && ev.Kind != policy.Tick && slices.Contains(s.ids, ev.ID):
		return r.fail("id", ev.ID, ErrDuplicate)
	}
	r.at = ev.At.Round(0).UTC()
	return nil
}

// readStatus works out the category and priority after the event.
func (r *run) readStatus(s *State) error {
	ev := &r.ev
	r.from, r.to, r.priority = s.category, s.category, s.priority
	if ev.Kind == policy.Created {
		r.from, r.to = 0, policy.CategoryNew
	}
	if ev.Kind == policy.StatusChanged || ev.Kind == policy.Created && ev.Status != "" {
		c, ok := r.set.Category(ev.Status)
		if !ok {
			return r.fail("status", ev.Status, errWant(ErrUnknownStatus, statusList(r.set)))
		}
		r.to = c
	}
	if ev.Kind == policy.Created || ev.Kind == policy.PriorityChanged {
		ps := r.set.Priorities()
		if ev.Priority != "" && len(ps) > 0 && !slices.Contains(ps, ev.Priority) {
			return r.fail("priority", ev.Priority, errWant(ErrUnknownPriority, strings.Join(ps, ", ")+", or none (empty)"))
		}
		r.priority = ev.Priority
		r.changed = ev.Kind == policy.PriorityChanged && ev.Priority != s.priority
	}
	return nil
}

// readAgreement finds agreement a, the state's i-th, in set, and checks
// that its metrics are the state's.
func readAgreement(set *policy.Set, a *agreement, i int) (*ruled, error) {
	path := func() string { return "agreements[" + strconv.Itoa(i) + "]" }
	p, ok := set.Policy(a.Name, a.Version)
	if !ok || !p.EffectiveFrom().Equal(a.Version) || p.Kind() != a.Kind {
		return nil, &Error{Path: path(), Value: a.Agreement.String(), Err: ErrUnknownPolicy}
	}
	ms := p.Metrics()
	if len(ms) != len(a.metrics) {
		return nil, &Error{Path: path() + ".metrics", Value: a.Agreement.String(),
			Err: fmt.Errorf("%w: the version has %d metrics, the state %d", ErrUnknownPolicy, len(ms), len(a.metrics))}
	}
	for k := range ms {
		if ms[k].Name != a.metrics[k].name {
			return nil, &Error{Path: path() + ".metrics[" + strconv.Itoa(k) + "]", Value: a.metrics[k].name,
				Err: fmt.Errorf("%w: the version's metric here is %s", ErrUnknownPolicy, ms[k].Name)}
		}
	}
	return &ruled{p, ms}, nil
}

// dueBy reports whether a cycle of s has a time-driven transition at or
// before t, by the deadlines Evaluate worked out (s.derived set).
func (s *State) dueBy(t time.Time) bool {
	next := s.nextDue()
	return !next.IsZero() && !next.After(t)
}

// nextDue returns the earliest of the open cycles' next time-driven
// transitions, as Evaluate worked them out; zero for none.
func (s *State) nextDue() time.Time {
	var next time.Time
	for i := range s.agreements {
		for k := range s.agreements[i].metrics {
			if c := s.agreements[i].metrics[k].open; c != nil && !c.next.IsZero() && (next.IsZero() || c.next.Before(next)) {
				next = c.next
			}
		}
	}
	return next
}

// apply changes s, a copy of the state given that shares its slices, by
// the prepared event.
func (r *run) apply(s *State) error {
	if r.ev.Kind == policy.Created {
		s.created, s.byAgent = r.at, r.ev.ByAgent
	}
	if r.ev.Kind != policy.Tick {
		s.last = r.at
		if r.ev.ID != "" {
			s.ids = rememberID(s.ids, r.ev.ID)
		}
	}
	if r.from != r.to {
		s.history = s.history.Append(statusChange{r.at, r.to})
	}
	s.fields, s.priority, s.category = r.fields, r.priority, r.to
	for i, st := range r.steps {
		if i == len(s.agreements) {
			r.own(s)
			s.agreements = append(s.agreements, newAgreement(st.pol))
		}
		var err error
		switch st.act {
		case keep:
			err = r.eachMetric(s, i, keep)
		case detach:
			err = r.detachAgreement(s, i)
		case attach:
			err = r.attachAgreement(s, i)
		}
		if err != nil {
			return err
		}
	}
	s.derived = r.set
	if r.ev.Kind == policy.Tick {
		for _, t := range r.out {
			s.last = latest(s.last, t.At)
		}
	}
	return nil
}

func newAgreement(p *ruled) agreement {
	a := agreement{Agreement: Agreement{Name: p.pol.Name(), Kind: p.pol.Kind(), Version: p.pol.EffectiveFrom().UTC()}}
	a.metrics = make([]metric, len(p.metrics))
	for i := range p.metrics {
		a.metrics[i].name = p.metrics[i].Name
	}
	return a
}

// rememberID returns ids with id added, the oldest dropped past
// rememberedIDs, in a new slice.
func rememberID(ids []string, id string) []string {
	if len(ids) >= rememberedIDs {
		ids = ids[len(ids)-rememberedIDs+1:]
	}
	out := make([]string, len(ids), len(ids)+1)
	copy(out, ids)
	return append(out, id)
}

// emit adds a transition to what the run emits.
func (r *run) emit(e emitted) {
	if r.out == nil {
		r.out = make([]emitted, 0, 4) // most events emit up to four
	}
	r.out = append(r.out, e)
}

// appendTransitions appends what the run emitted to dst, in order.
func (r *run) appendTransitions(dst []Transition) []Transition {
	if len(r.out) == 0 {
		return dst
	}
	slices.SortStableFunc(r.out, func(a, b emitted) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.agreement, b.agreement), cmp.Compare(a.metric, b.metric),
			cmp.Compare(a.Cycle, b.Cycle), cmp.Compare(a.Kind, b.Kind))
	})
	dst = slices.Grow(dst, len(r.out))
	for i := range r.out {
		dst = append(dst, r.out[i].Transition)
	}
	return dst
}

// validKind reports whether k is one of policy's event kinds.
func validKind(k policy.EventKind) bool { return k >= policy.Created && k <= policy.Tick }

func kindList() string {
	var names []string
	for k := policy.Created; k <= policy.Tick; k++ {
		names = append(names, k.String())
	}
	return strings.Join(names, ", ")
}

// statusList lists the status names set knows, then the category names.
func statusList(set *policy.Set) string {
	names := set.Statuses()
	for c := policy.CategoryNew; c <= policy.CategoryClosed; c++ {
		if !slices.Contains(names, c.String()) {
			names = append(names, c.String())
		}
	}
	return strings.Join(names, ", ")
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// The instants Evaluate accepts: years 1800 to 2199, well inside what
// UnixNano holds and around the dates calendars know (1900 to 2149).
const (
	minUnix = -5364662400 // 1800-01-01T00:00:00Z
	endUnix = 7258118400  // 2200-01-01T00:00:00Z
)

func recordable(t time.Time) bool { u := t.Unix(); return u >= minUnix && u < endUnix }

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
