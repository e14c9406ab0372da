package sla

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/internal/jsonx"
	"github.com/slaclock/slaclock/internal/share"
	"github.com/slaclock/slaclock/policy"
)

// UnmarshalJSON decodes a state in its stored form (see MarshalJSON). It
// validates everything it reads: unknown, repeated
// or missing fields, malformed values, instants out of order or after the
// last event, a cycle whose stage disagrees with its spans, and a check
// that does not match the content are each an [*Error] wrapping
// ErrBadState whose Path names the offending value (a format other than 1
// wraps ErrFormat). So a stored state either decodes to one that behaves
// exactly as the state that was stored, or is refused. On error s is
// unchanged. The JSON null leaves s unchanged, as encoding/json does.
func (s *State) UnmarshalJSON(data []byte) error {
	trimmed := bytes.TrimSpace(data)
	if string(trimmed) == "null" {
		return nil
	}
	d := decoder{r: jsonx.NewReader(trimmed)}
	u, err := d.state()
	if err == nil {
		err = d.r.End()
	}
	if err == nil {
		err = d.verify(&u)
	}
	if err != nil {
		return asError(err)
	}
	*s = u
	return nil
}

// asError turns what the reader reports into the package's error.
func asError(err error) error {
	var je *jsonx.Error
	if errors.As(err, &je) {
		return &Error{Path: je.Path, Value: je.Value, Err: je.Cause(ErrBadState, ErrBadState)}
	}
	return err
}

// decoder reads one stored state.
type decoder struct {
	r            *jsonx.Reader
	check        []byte  // as stored; empty when absent
	cycles       []cycle // scratch for a metric's cycles
	fmt          int64
	lastPriority string
}

// bad returns ErrBadState with what is wrong.
func bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadState, fmt.Sprintf(format, args...))
}

// fields reads an object whose keys must be among known, each at most
// once, calling f for each; it returns which were present.
func (d *decoder) fields(known []string, f func(i int) error) (present uint64, err error) {
	err = d.r.Object(func(key []byte) error {
		for i, k := range known {
			if string(key) != k {
				continue
			}
			if present&(1<<i) != 0 {
				return bad("field repeated")
			}
			present |= 1 << i
			return f(i)
		}
		if &known[0] == &stateFields[0] && present&1 == 0 {
			// A key this format does not have, and no format before it:
			// most likely a state an earlier version wrote.
			return &jsonx.Error{Path: "format", Err: errNoFormat}
		}
		return fmt.Errorf("%w: unknown field: want one of %s", ErrBadState, joinQuoted(known))
	})
	return present, err
}

var errNoFormat = fmt.Errorf("%w: missing: a state stored before format 1 cannot be read; rebuild it with Replay from the ticket's events", ErrFormat)

func joinQuoted(names []string) string {
	var b []byte
	for i, n := range names {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendQuote(b, n)
	}
	return string(b)
}

// require fails at the first of want's fields (bits of known) missing
// from present.
func (d *decoder) require(present, want uint64, known []string) error {
	for i, k := range known {
		if want&(1<<i) != 0 && present&(1<<i) == 0 {
			return d.r.FailField(k, bad("missing"))
		}
	}
	return nil
}

// instant reads an instant in the years Evaluate accepts, in UTC.
func (d *decoder) instant() (time.Time, error) {
	t, err := d.r.Time()
	if err != nil {
		return t, err
	}
	if !recordable(t) {
		return t, d.r.Fail(bad("want an instant in the years 1800 to 2199"))
	}
	return t.UTC(), nil
}

var stateFields = []string{"format", "created", "last", "status", "priority", "by_agent", "fields", "statuses", "ids", "agreements", "check"}

// mask returns the bits of names among known, as fields sets them.
func mask(known []string, names ...string) uint64 {
	var m uint64
	for i, k := range known {
		if slices.Contains(names, k) {
			m |= 1 << i
		}
	}
	return m
}

func (d *decoder) state() (State, error) {
	var s State
	present, err := d.fields(stateFields, func(i int) error {
		var err error
		switch stateFields[i] {
		case "format":
			if d.fmt, err = d.r.Int(); err == nil && d.fmt != format {
				err = d.r.Fail(fmt.Errorf("%w: want 1", ErrFormat))
			}
		case "created":
			s.created, err = d.instant()
		case "last":
			s.last, err = d.instant()
		case "status":
			err = d.category(&s.category)
		case "priority":
			s.priority, err = d.r.String()
		case "by_agent":
			s.byAgent, err = d.r.Bool()
		case "fields":
			s.fields, err = d.ticketFields()
		case "statuses":
			s.history, err = d.statuses()
		case "ids":
			s.ids, err = d.ids()
		case "agreements":
			s.agreements, err = d.agreements()
		case "check":
			var b []byte
			if b, err = d.r.StringBytes(); err == nil {
				d.check = append(d.check[:0], b...)
			}
		}
		return err
	})
	if err != nil {
		return State{}, err
	}
	if present&1 == 0 {
		return State{}, d.r.FailField("format", errNoFormat)
	}
	if present&^mask(stateFields, "format", "check") == 0 { // the zero State
		return State{}, nil
	}
	return s, d.require(present, mask(stateFields, "created", "last", "status", "statuses"), stateFields)
}

// ticketFields reads the ticket's fields: attributes and tags.
func (d *decoder) ticketFields() (policy.Fields, error) {
	var f policy.Fields
	known := []string{"attributes", "tags"}
	_, err := d.fields(known, func(i int) error {
		if known[i] == "attributes" {
			f.Attributes = map[string]string{}
			return d.r.Object(func(key []byte) error {
				v, err := d.r.String()
				switch {
				case err != nil:
					return err
				case len(f.Attributes) >= maxAttributes || len(key) > maxFieldLength || len(v) > maxFieldLength:
					return d.r.Fail(fmt.Errorf("%w: at most %d attributes of %d bytes", ErrBadState, maxAttributes, maxFieldLength))
				}
				if _, dup := f.Attributes[string(key)]; dup {
					return d.r.Fail(bad("attribute repeated"))
				}
				f.Attributes[string(key)] = v
				return nil
			})
		}
		return d.r.Array(func(int) error {
			t, err := d.r.String()
			if err == nil && (len(f.Tags) >= maxTags || len(t) > maxFieldLength) {
				err = d.r.Fail(fmt.Errorf("%w: at most %d tags of %d bytes", ErrBadState, maxTags, maxFieldLength))
			}
			f.Tags = append(f.Tags, t)
			return err
		})
	})
	return f, err
}

// statuses reads the ticket's status categories: at creation, then each
// change, as [instant, category] pairs.
func (d *decoder) statuses() (share.List[statusChange], error) {
	var hs []statusChange
	err := d.r.Array(func(int) error {
		var ch statusChange
		err := d.r.Array(func(k int) error {
			switch k {
			case 0:
				var err error
				ch.at, err = d.instant()
				return err
			case 1:
				return d.category(&ch.category)
			}
			return bad("want [instant, category]")
		})
		switch {
		case err != nil:
			return err
		case ch.at.IsZero() || ch.category == 0:
			return d.r.Fail(bad("want [instant, category]"))
		case len(hs) > 0 && ch.at.Before(hs[len(hs)-1].at):
			return d.r.Fail(bad("earlier than the change before it"))
		case len(hs) > 0 && ch.category == hs[len(hs)-1].category:
			return d.r.Fail(bad("the same category as the change before it"))
		}
		hs = append(hs, ch)
		return nil
	})
	return share.Of(hs...), err
}

func (d *decoder) category(c *policy.Category) error {
	text, err := d.r.StringBytes()
	if err != nil {
		return err
	}
	if c.UnmarshalText(text) != nil || *c == 0 {
		return d.r.Fail(errWant(ErrBadState, "new, open, pending, on_hold, solved, closed"))
	}
	return nil
}

func (d *decoder) ids() ([]string, error) {
	var ids []string
	err := d.r.Array(func(i int) error {
		if i >= rememberedIDs {
			return bad("more than %d IDs", rememberedIDs)
		}
		id, err := d.r.String()
		switch {
		case err != nil:
			return err
		case id == "" || len(id) > maxIDLength:
			return d.r.Fail(bad("want an ID of 1 to %d bytes", maxIDLength))
		}
		for _, o := range ids {
			if o == id {
				return d.r.Fail(bad("listed twice"))
			}
		}
		ids = append(ids, id)
		return nil
	})
	return ids, err
}

func (d *decoder) agreements() ([]agreement, error) {
	var as []agreement
	err := d.r.Array(func(int) error {
		a, err := d.agreement()
		as = append(as, a)
		return err
	})
	return as, err
}

var agreementFields = []string{"name", "kind", "version", "attached", "detached", "metrics"}

func (d *decoder) agreement() (agreement, error) {
	var a agreement
	present, err := d.fields(agreementFields, func(i int) error {
		var err error
		switch agreementFields[i] {
		case "name":
			if a.Name, err = d.r.String(); err == nil && a.Name == "" {
				err = d.r.Fail(bad("empty"))
			}
		case "kind":
			var text []byte
			if text, err = d.r.StringBytes(); err == nil && a.Kind.UnmarshalText(text) != nil {
				err = d.r.Fail(errWant(ErrBadState, "sla, ola, uc"))
			}
		case "version":
			a.Version, err = d.instant()
		case "attached":
			a.attached, err = d.instant()
		case "detached":
			a.detached, err = d.instant()
		case "metrics":
			a.metrics, err = d.metrics()
		}
		return err
	})
	if err == nil {
		err = d.require(present, mask(agreementFields, "name", "kind", "metrics"), agreementFields)
	}
	return a, err
}

func (d *decoder) metrics() ([]metric, error) {
	var ms []metric
	names := map[string]bool{}
	err := d.r.Array(func(int) error {
		m, err := d.metric()
		if err == nil && names[m.name] {
			err = d.r.FailField("name", bad("%q listed twice", m.name))
		}
		names[m.name] = true
		ms = append(ms, m)
		return err
	})
	return ms, err
}

var metricFields = []string{"name", "cycles"}

func (d *decoder) metric() (metric, error) {
	var m metric
	present, err := d.fields(metricFields, func(i int) error {
		if metricFields[i] == "name" {
			var err error
			if m.name, err = d.r.String(); err == nil && m.name == "" {
				err = d.r.Fail(bad("empty"))
			}
			return err
		}
		closed := d.cycles[:0]
		err := d.r.Array(func(k int) error {
			if m.open != nil {
				return bad("a cycle after an open one")
			}
			c, err := d.cycle(k + 1)
			if err != nil {
				return err
			}
			if c.isOpen() {
				m.open = &c
			} else {
				closed = append(closed, c)
			}
			return nil
		})
		m.closed, d.cycles = share.Of(closed...), closed
		return err
	})
	if err == nil {
		err = d.require(present, 1, metricFields)
	}
	return m, err
}

var cycleFields = []string{"stage", "priority", "zone", "since", "end", "silent", "warned", "last_warning", "goal_breached", "promise_breached", "escalated", "spans"}

// cycle reads cycle number n of a metric.
func (d *decoder) cycle(n int) (cycle, error) {
	c := cycle{n: n}
	var end time.Time
	var spans int // instants read into c.timer
	present, err := d.fields(cycleFields, func(i int) error {
		var err error
		switch cycleFields[i] {
		case "stage":
			err = d.stage(&c.stage)
		case "priority":
			c.priority, err = d.priority()
		case "zone":
			if c.zone, err = d.r.String(); err == nil && (c.zone == "" || len(c.zone) > 64) {
				err = d.r.Fail(bad("want an IANA time zone"))
			}
		case "escalated":
			c.escalated, err = d.escalated()
		case "since":
			c.since, err = d.instant()
		case "end":
			end, err = d.instant()
		case "silent":
			c.silent, err = d.r.Bool()
		case "warned":
			var v int64
			if v, err = d.r.Int(); err == nil && (v < 1 || v > maxWarned) {
				err = d.r.Fail(bad("want 1 to %d", maxWarned))
			}
			c.warned = int(v)
		case "last_warning":
			c.lastWarning, err = d.instant()
		case "goal_breached":
			c.goalAt, err = d.instant()
		case "promise_breached":
			c.promiseAt, err = d.instant()
		case "spans":
			spans, err = d.spans(&c)
		}
		return err
	})
	if err == nil {
		err = d.require(present, mask(cycleFields, "stage", "spans"), cycleFields)
	}
	if err == nil {
		err = d.build(&c, spans, end, present&mask(cycleFields, "end") != 0)
	}
	return c, err
}

// priority reads a priority, sharing the string of the cycle read before
// when it is the same, as most are.
func (d *decoder) priority() (string, error) {
	b, err := d.r.StringBytes()
	if err != nil {
		return "", err
	}
	if string(b) != d.lastPriority {
		d.lastPriority = string(b)
	}
	return d.lastPriority, nil
}

// escalated reads the escalation levels a cycle reported, increasing.
func (d *decoder) escalated() (uint32, error) {
	var levels uint32
	last := int64(0)
	err := d.r.Array(func(int) error {
		l, err := d.r.Int()
		switch {
		case err != nil:
			return err
		case l <= last || l > policy.MaxEscalations:
			return d.r.Fail(bad("want increasing levels from 1 to %d", policy.MaxEscalations))
		}
		levels |= 1 << (l - 1)
		last = l
		return nil
	})
	if err == nil && levels == 0 {
		err = d.r.Fail(bad("an empty list: leave it out"))
	}
	return levels, err
}

// maxWarned bounds a cycle's count of warnings passed: far above the
// warnings a target may have.
const maxWarned = 1000

func (d *decoder) stage(st *Stage) error {
	text, err := d.r.StringBytes()
	if err != nil {
		return err
	}
	if st.UnmarshalText(text) != nil || *st == StageIdle {
		return d.r.Fail(errWant(ErrBadState, "running, paused, met, cancelled"))
	}
	return nil
}

// spans reads a cycle's instants into its clock: started at the first,
// paused and resumed at those that follow. It returns how many it read.
func (d *decoder) spans(c *cycle) (int, error) {
	n := 0
	err := d.r.Array(func(i int) error {
		t, err := d.instant()
		switch {
		case err != nil:
			return err
		case i == 0:
			c.start, err = t, c.timer.Start(t)
		case i%2 == 1:
			err = c.timer.Pause(t)
		default:
			err = c.timer.Resume(t)
		}
		if err != nil {
			return d.r.Fail(bad("earlier than the instant before it"))
		}
		n++
		return nil
	})
	if err == nil && n == 0 {
		err = d.r.Fail(bad("a cycle has at least its start"))
	}
	return n, err
}

// build checks that the cycle agrees with its clock and stops the clock of
// a cycle that is over. Errors are at the cycle's path.
func (d *decoder) build(c *cycle, spans int, end time.Time, hasEnd bool) error {
	odd := spans%2 == 1
	switch {
	case c.stage == StageRunning && !odd:
		return d.r.FailField("spans", bad("a running cycle has an odd number of instants: its last span is open"))
	case c.stage != StageRunning && odd:
		return d.r.FailField("spans", bad("a %s cycle has an even number of instants: every span is closed", c.stage))
	case c.isOpen() && hasEnd:
		return d.r.FailField("end", bad("a %s cycle has no end", c.stage))
	case !c.isOpen() && !hasEnd:
		return d.r.FailField("end", bad("missing: a %s cycle has an end", c.stage))
	}
	if !c.isOpen() && c.timer.Stop(end) != nil {
		return d.r.FailField("end", bad("earlier than the last span"))
	}
	if c.since.IsZero() {
		c.since = c.start
	}
	hi := c.end()
	for _, x := range []struct {
		name string
		t    time.Time
	}{{"since", c.since}, {"last_warning", c.lastWarning}, {"goal_breached", c.goalAt}, {"promise_breached", c.promiseAt}} {
		if !x.t.IsZero() && (x.t.Before(c.start) || !hi.IsZero() && x.t.After(hi)) {
			return d.r.FailField(x.name, bad("outside the cycle"))
		}
	}
	if c.silent && (c.warned > 0 || !c.lastWarning.IsZero() || !c.goalAt.IsZero() || !c.promiseAt.IsZero() || c.escalated != 0) {
		return d.r.FailField("silent", bad("a silent cycle has reported nothing"))
	}
	return nil
}

// verify checks what only the whole state shows: instants within its life,
// and the check.
func (d *decoder) verify(s *State) error {
	if s.created.IsZero() {
		return nil
	}
	if s.last.Before(s.created) {
		return &Error{Path: "last", Value: formatTime(s.last), Err: bad("earlier than created")}
	}
	if err := s.verifyHistory(); err != nil {
		return err
	}
	kinds := map[policy.Kind]bool{}
	versions := map[string]bool{}
	for i := range s.agreements {
		a := &s.agreements[i]
		if err := s.verifyAgreement(i, kinds, versions); err != nil {
			return err
		}
		for k := range a.metrics {
			if err := a.metrics[k].within(s.created, s.last); err != nil {
				return &Error{Path: "agreements[" + strconv.Itoa(i) + "].metrics[" + strconv.Itoa(k) + "].cycles", Err: err}
			}
		}
	}
	if len(d.check) == 0 {
		return nil // a state written by hand, read as any other
	}
	body := s.appendBody(make([]byte, 0, s.sizeHint()))
	var want [8]byte
	appendHex32(want[:0], crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)))
	if string(d.check) != string(want[:]) {
		return &Error{Path: "check", Value: string(d.check), Err: bad("does not match the content: the state was edited or damaged")}
	}
	return nil
}

// within checks that the metric's cycles lie within [created, last] and
// follow one another.
func (m *metric) within(created, last time.Time) error {
	prev := created
	var err error
	m.cycles(func(c *cycle) {
		switch {
		case err != nil:
		case c.start.Before(prev):
			err = bad("cycle %d starts before the cycle before it ended, or before the ticket was created", c.n)
		case c.timer.Since().After(last) || c.since.After(last) || c.lastWarning.After(last) ||
			c.goalAt.After(last) || c.promiseAt.After(last):
			err = bad("cycle %d has an instant after last", c.n)
		}
		prev = c.end()
	})
	return err
}

// verifyHistory checks that the ticket's statuses begin at its creation,
// end in its status, and lie within its life.
func (s *State) verifyHistory() error {
	hs := s.history.Items()
	switch {
	case len(hs) == 0 || !hs[0].at.Equal(s.created):
		return &Error{Path: "statuses", Err: bad("the first is the category at creation, at created")}
	case hs[len(hs)-1].category != s.category:
		return &Error{Path: "statuses", Err: bad("the last is %s, but the status is %s", hs[len(hs)-1].category, s.category)}
	case hs[len(hs)-1].at.After(s.last):
		return &Error{Path: "statuses", Err: bad("a change after last")}
	}
	return nil
}

// verifyAgreement checks agreement i: attached within the ticket's life,
// detached after it attached and with no cycle open, the only one of its
// kind that applies, and carried once in its version.
func (s *State) verifyAgreement(i int, kinds map[policy.Kind]bool, versions map[string]bool) error {
	a := &s.agreements[i]
	path := "agreements[" + strconv.Itoa(i) + "]"
	if a.attached.IsZero() {
		a.attached = s.created
	}
	key := a.Name + "\x00" + a.Version.String()
	switch {
	case a.attached.Before(s.created) || a.attached.After(s.last):
		return &Error{Path: path + ".attached", Value: formatTime(a.attached), Err: bad("outside the ticket's life")}
	case !a.detached.IsZero() && (a.detached.Before(a.attached) || a.detached.After(s.last)):
		return &Error{Path: path + ".detached", Value: formatTime(a.detached), Err: bad("before it attached, or after last")}
	case versions[key]:
		return &Error{Path: path, Value: a.Agreement.String(), Err: bad("carried twice")}
	case a.detached.IsZero() && kinds[a.Kind]:
		return &Error{Path: path, Value: a.Agreement.String(), Err: bad("a second %s that applies", a.Kind)}
	}
	versions[key] = true
	if !a.detached.IsZero() {
		for k := range a.metrics {
			if a.metrics[k].open != nil {
				return &Error{Path: path + ".metrics[" + strconv.Itoa(k) + "]", Err: bad("a cycle open in a detached agreement")}
			}
		}
		return nil
	}
	kinds[a.Kind] = true
	return nil
}
