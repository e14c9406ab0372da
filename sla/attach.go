package sla

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/slaclock/slaclock/policy"
)

// action is what an event does to one agreement of the state.
type action uint8

const (
	idle   action = iota // detached before the event: nothing
	keep                 // it applies and goes on applying: the event runs its metrics
	detach               // it stops applying: its open cycles are cancelled
	attach               // it starts applying: its metrics start
)

// Bounds on what an event's fields may hold, so that a state stays small.
const (
	maxAttributes  = 256
	maxTags        = 256
	maxFieldLength = 1024
)

// readAgreements finds what the event does to every agreement: for the
// agreements the state carries, their policy versions; for an event that
// carries fields (Created, FieldsChanged), which agreements the fields
// choose now, within each kind, and so which attach and which detach.
func (r *run) readAgreements(s *State) error {
	r.fields = s.fields
	carries := r.ev.Kind == policy.Created || r.ev.Kind == policy.FieldsChanged
	if carries {
		if err := r.checkFields(); err != nil {
			return err
		}
		r.fields = policy.Fields{Attributes: maps.Clone(r.ev.Fields.Attributes), Tags: slices.Clone(r.ev.Fields.Tags)}
	}
	for i := range s.agreements {
		a := &s.agreements[i]
		if !a.detached.IsZero() {
			r.steps = append(r.steps, step{nil, idle})
			continue
		}
		p := a.read
		if p == nil || r.all {
			var err error
			if p, err = readAgreement(r.set, a, i); err != nil {
				return err
			}
		}
		r.steps = append(r.steps, step{p, keep})
	}
	if err := r.checkCycleZones(s); err != nil {
		return err
	}
	if !carries {
		return nil
	}
	if err := r.match(s); err != nil {
		return err
	}
	return r.checkZones()
}

// checkCycleZones checks, on a state whose deadlines were not worked out
// with this set (one just decoded), that the zone every open cycle follows
// is one the IANA database knows.
func (r *run) checkCycleZones(s *State) error {
	if !r.all {
		return nil
	}
	for i := range s.agreements {
		for k, m := range s.agreements[i].metrics {
			if m.open == nil || m.open.zone == "" {
				continue
			}
			if _, err := r.set.Location(m.open.zone); err != nil {
				path := "agreements[" + strconv.Itoa(i) + "].metrics[" + strconv.Itoa(k) + "].cycles[" + strconv.Itoa(m.open.n-1) + "].zone"
				return &Error{Path: path, Value: m.open.zone, Err: fmt.Errorf("%w: %w", ErrBadState, ErrUnknownZone)}
			}
		}
	}
	return nil
}

// match chooses the agreements the ticket's fields select at the event's
// instant, one per kind, and marks which the state keeps, which detach and
// which attach (new, or one the ticket carried before, in the same version).
func (r *run) match(s *State) error {
	chosen := r.set.Select(r.fields, r.at)
	for i, st := range r.steps {
		if st.act != keep {
			continue
		}
		a := &s.agreements[i]
		if !slices.ContainsFunc(chosen, func(p *policy.Policy) bool { return p.Kind() == a.Kind && p.Name() == a.Name }) {
			r.steps[i].act = detach
		}
	}
	for _, p := range chosen {
		if r.keeps(s, p) {
			continue
		}
		if err := r.attachPolicy(s, p); err != nil {
			return err
		}
	}
	return nil
}

// keeps reports whether the state keeps an agreement called as p.
func (r *run) keeps(s *State, p *policy.Policy) bool {
	for i, st := range r.steps {
		if st.act == keep && i < len(s.agreements) && s.agreements[i].Name == p.Name() && s.agreements[i].Kind == p.Kind() {
			return true
		}
	}
	return false
}

// attachPolicy marks p to attach: again, when the ticket carried that
// version before; else as a new agreement at the end of the list.
func (r *run) attachPolicy(s *State, p *policy.Policy) error {
	for j := range s.agreements {
		a := &s.agreements[j]
		if r.steps[j].act == idle && a.Name == p.Name() && a.Kind == p.Kind() && a.Version.Equal(p.EffectiveFrom()) {
			read, err := readAgreement(r.set, a, j)
			if err != nil {
				return err
			}
			r.steps[j] = step{read, attach}
			return nil
		}
	}
	r.steps = append(r.steps, step{&ruled{p, p.Metrics()}, attach})
	return nil
}

// checkFields checks the event's fields against the bounds.
func (r *run) checkFields() error {
	f := &r.ev.Fields
	if len(f.Attributes) > maxAttributes {
		return r.fail("fields.attributes", "", fmt.Errorf("%w: %d attributes, at most %d", ErrBadFields, len(f.Attributes), maxAttributes))
	}
	if len(f.Tags) > maxTags {
		return r.fail("fields.tags", "", fmt.Errorf("%w: %d tags, at most %d", ErrBadFields, len(f.Tags), maxTags))
	}
	for k, v := range f.Attributes {
		if err := checkText(k); err != nil {
			return r.fail("fields.attributes", k, fmt.Errorf("%w: a name %w", ErrBadFields, err))
		}
		if err := checkText(v); err != nil {
			return r.fail("fields.attributes."+k, v, fmt.Errorf("%w: a value %w", ErrBadFields, err))
		}
	}
	for i, t := range f.Tags {
		if err := checkText(t); err != nil {
			return r.fail("fields.tags["+strconv.Itoa(i)+"]", t, fmt.Errorf("%w: a tag %w", ErrBadFields, err))
		}
	}
	return nil
}

// checkText says what is wrong with a name, value or tag of the fields:
// too long, or not UTF-8, which the stored form could not carry.
func checkText(s string) error {
	if len(s) > maxFieldLength {
		return fmt.Errorf("of %d bytes, at most %d", len(s), maxFieldLength)
	}
	if !utf8.ValidString(s) {
		return errors.New("not valid UTF-8")
	}
	return nil
}

// checkZones checks that every zone the fields name for an agreement that
// applies after the event is one the IANA database knows.
func (r *run) checkZones() error {
	for _, st := range r.steps {
		p := st.pol
		if p == nil || st.act == detach {
			continue
		}
		for _, field := range p.pol.ZoneFields() {
			zone := r.fields.Attributes[field]
			if zone == "" {
				continue
			}
			if _, err := r.set.Location(zone); err != nil {
				return r.fail("fields.attributes."+field, zone, fmt.Errorf("%w: want an IANA time zone such as Europe/Paris, or empty for the calendar's own", ErrUnknownZone))
			}
		}
	}
	return nil
}

// eachMetric does act to every metric of agreement i of s, on copies of
// the metric and of its open cycle, and stores those it changed: the lists
// of agreements and metrics that s shares with the state given are copied
// when a metric changes, not before, as most events change few.
func (r *run) eachMetric(s *State, i int, act action) error {
	var ms []metric // nil until a metric changes
	for k := range s.agreements[i].metrics {
		m := s.agreements[i].metrics[k]
		var c cycle
		if m.open != nil {
			c = *m.open
		}
		w := where{r: r, s: s, i: i, k: k, m: &m, c: &c}
		var err error
		switch act {
		case keep:
			err = w.apply()
		case detach:
			err = w.detach()
		case attach:
			err = w.attach()
		}
		if err != nil {
			return err
		}
		if !w.dirty {
			continue
		}
		m.open = nil
		if c.n > 0 {
			m.open = new(cycle)
			*m.open = c
		}
		if ms == nil {
			ms = slices.Clone(s.agreements[i].metrics)
		}
		ms[k] = m
	}
	if ms != nil || s.agreements[i].read != r.steps[i].pol {
		r.own(s)
		if ms != nil {
			s.agreements[i].metrics = ms
		}
		s.agreements[i].read = r.steps[i].pol
	}
	return nil
}

// own makes the list of agreements of s the run's own, once.
func (r *run) own(s *State) {
	if !r.owned {
		s.agreements, r.owned = slices.Clone(s.agreements), true
	}
}

// attachAgreement attaches agreement i: its metrics start as if the ticket
// had been created at the event in its current status or, for a
// retroactive agreement attaching after the creation, as if they had run
// since the creation with the ticket's pauses.
func (r *run) attachAgreement(s *State, i int) error {
	r.own(s)
	a := &s.agreements[i]
	a.attached, a.detached = r.at, time.Time{}
	r.emitAgreement(s, i, Attached)
	return r.eachMetric(s, i, attach)
}

// attach starts the metric of an agreement that attaches, if it starts on
// creation.
func (w *where) attach() error {
	r := w.r
	def := &r.steps[w.i].pol.metrics[w.k]
	if w.c.n > 0 {
		return w.corrupt(fmt.Errorf("a cycle still open in an agreement that had detached"))
	}
	retro := r.ev.Kind != policy.Created && w.pol().Retroactive()
	switch {
	case retro && def.StartsOn(policy.Created, 0, w.s.history.At(0).category):
		return w.startRetroactive(def)
	case !retro && def.StartsOn(policy.Created, 0, r.to):
		return w.start(def)
	}
	return nil
}

// detachAgreement detaches agreement i: what time alone brought about up to
// the event is reported, then its open cycles are cancelled.
func (r *run) detachAgreement(s *State, i int) error {
	if err := r.eachMetric(s, i, detach); err != nil {
		return err
	}
	r.own(s)
	s.agreements[i].detached = r.at
	r.emitAgreement(s, i, Detached)
	return nil
}

// detach reports what time alone brought about up to the event for the
// metric of an agreement that detaches, then cancels its open cycle.
func (w *where) detach() error {
	if w.c.n == 0 {
		return nil
	}
	w.advance()
	return w.end(StageCancelled)
}

// emitAgreement emits a transition of agreement i itself.
func (r *run) emitAgreement(s *State, i int, kind TransitionKind) {
	metric := -1 // attached comes before the agreement's metrics
	if kind == Detached {
		metric = len(s.agreements[i].metrics) // after them
	}
	r.emit(emitted{Transition: Transition{Kind: kind, Agreement: s.agreements[i].Agreement, At: r.at}, agreement: i, metric: metric})
}
