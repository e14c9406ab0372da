package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// Kind says to whom a policy's promises are made. Reports group by it; it
// changes nothing in how clocks run. The zero Kind is SLA.
type Kind uint8

const (
	SLA Kind = iota // a service level agreement with a customer
	OLA             // an operational level agreement between internal teams
	UC              // an underpinning contract with a supplier
)

// String returns "sla", "ola" or "uc".
func (k Kind) String() string {
	switch k {
	case SLA:
		return "sla"
	case OLA:
		return "ola"
	case UC:
		return "uc"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText returns the document form of k ("sla", "ola", "uc").
func (k Kind) MarshalText() ([]byte, error) { return marshalEnum(k, SLA, UC) }

// UnmarshalText reads the document form of a Kind; any other text is an
// error wrapping ErrBadValue that lists the valid ones.
func (k *Kind) UnmarshalText(b []byte) error { return unmarshalEnum(k, SLA, UC, b, ErrBadValue) }

// Category is what a ticket status means to a clock. The application's own
// status names map onto the six categories in the document's "statuses".
// The zero Category is none: the state of a ticket before it exists.
type Category uint8

const (
	CategoryNew     Category = iota + 1 // created, nobody has worked on it
	CategoryOpen                        // being worked on by the service team
	CategoryPending                     // waiting for the customer
	CategoryOnHold                      // waiting for a third party
	CategorySolved                      // solved; the customer may still reopen it
	CategoryClosed                      // final
)

// String returns "new", "open", "pending", "on_hold", "solved", "closed",
// or "none" for the zero Category.
func (c Category) String() string {
	switch c {
	case 0:
		return "none"
	case CategoryNew:
		return "new"
	case CategoryOpen:
		return "open"
	case CategoryPending:
		return "pending"
	case CategoryOnHold:
		return "on_hold"
	case CategorySolved:
		return "solved"
	case CategoryClosed:
		return "closed"
	}
	return fmt.Sprintf("Category(%d)", uint8(c))
}

// MarshalText returns the String form of c.
func (c Category) MarshalText() ([]byte, error) { return marshalEnum(c, 0, CategoryClosed) }

// UnmarshalText reads the String form of a Category, "none" included; any
// other text is an error wrapping ErrUnknownCategory that lists the valid
// ones.
func (c *Category) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, 0, CategoryClosed, b, ErrUnknownCategory)
}

// Reopened reports whether a ticket going from category from to category to
// is reopened: it leaves solved for new, open, pending or on_hold. Metrics
// with RestartOnReopen start a new cycle then. Closed is final: nothing
// leaves it by reopening.
func Reopened(from, to Category) bool {
	return from == CategorySolved && to >= CategoryNew && to <= CategoryOnHold
}

// EventKind is the kind of a ticket event: what package sla is told
// happened, and what a metric's conditions name. Every kind but Tick may be
// named by a condition; Tick says only that time passed, and no condition
// names it. The zero EventKind is not a kind, so that an event whose kind
// was forgotten is never taken for one.
type EventKind uint8

const (
	Created         EventKind = iota + 1 // the ticket was created
	StatusChanged                        // its status changed
	PublicReply                          // an agent replied publicly
	InternalNote                         // an agent wrote an internal note
	CustomerReply                        // the customer wrote
	PriorityChanged                      // its priority changed
	FieldsChanged                        // other fields changed (group, plan, tags)
	Tick                                 // time passed, nothing else
)

// String returns the text form of k: "created", "status_changed",
// "public_reply", "internal_note", "customer_reply", "priority_changed",
// "fields_changed" or "tick"; EventKind(n) for anything else, the zero
// EventKind included.
func (k EventKind) String() string {
	switch k {
	case Created:
		return "created"
	case StatusChanged:
		return "status_changed"
	case PublicReply:
		return "public_reply"
	case InternalNote:
		return "internal_note"
	case CustomerReply:
		return "customer_reply"
	case PriorityChanged:
		return "priority_changed"
	case FieldsChanged:
		return "fields_changed"
	case Tick:
		return "tick"
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// MarshalText returns the String form of k; the zero EventKind, or any
// other that is not a kind, is an error wrapping ErrBadValue that lists the
// valid ones, as for every enumeration of the package.
func (k EventKind) MarshalText() ([]byte, error) { return marshalEnum(k, Created, Tick) }

// UnmarshalText reads the text form of an EventKind; any other text is an
// error wrapping ErrUnknownEvent that lists the valid ones.
func (k *EventKind) UnmarshalText(b []byte) error {
	return unmarshalEnum(k, Created, Tick, b, ErrUnknownEvent)
}

// PriorityChange is what a change of a ticket's priority does to a metric's
// running cycle. The zero PriorityChange is Recompute.
type PriorityChange uint8

const (
	// Recompute keeps the cycle and its start and measures it against the
	// new priority's target, which may find it breached already.
	Recompute PriorityChange = iota
	// Restart cancels the running cycle and starts a new one at the change.
	Restart
)

// String returns "recompute" or "restart".
func (c PriorityChange) String() string {
	switch c {
	case Recompute:
		return "recompute"
	case Restart:
		return "restart"
	}
	return fmt.Sprintf("PriorityChange(%d)", uint8(c))
}

// MarshalText returns the String form of c.
func (c PriorityChange) MarshalText() ([]byte, error) { return marshalEnum(c, Recompute, Restart) }

// UnmarshalText reads the String form of a PriorityChange; any other text
// is an error wrapping ErrBadValue that lists the valid ones.
func (c *PriorityChange) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, Recompute, Restart, b, ErrBadValue)
}

// Preset is a metric whose conditions are predefined; see [Preset.Defaults].
// The zero Preset is Custom: a metric defined by its own conditions.
type Preset uint8

const (
	Custom         Preset = iota // conditions as written
	FirstResponse                // created until the first public agent reply
	NextResponse                 // oldest unanswered customer message until a public agent reply
	PeriodicUpdate               // between public agent replies while the ticket is worked on
	Resolution                   // created until solved
)

// String returns "custom", "first_response", "next_response",
// "periodic_update" or "resolution".
func (p Preset) String() string {
	switch p {
	case Custom:
		return "custom"
	case FirstResponse:
		return "first_response"
	case NextResponse:
		return "next_response"
	case PeriodicUpdate:
		return "periodic_update"
	case Resolution:
		return "resolution"
	}
	return fmt.Sprintf("Preset(%d)", uint8(p))
}

// MarshalText returns the String form of p.
func (p Preset) MarshalText() ([]byte, error) { return marshalEnum(p, Custom, Resolution) }

// UnmarshalText reads the String form of a Preset, "custom" included; any
// other text is an error wrapping ErrUnknownPreset that lists the valid
// ones.
func (p *Preset) UnmarshalText(b []byte) error {
	return unmarshalEnum(p, Custom, Resolution, b, ErrUnknownPreset)
}

// Defaults returns the metric p stands for, named after it, with its default
// conditions (the zero Metric for Custom):
//
//	first_response   start created; stop public_reply; cancel status:closed
//	next_response    start customer_reply; stop public_reply;
//	                 cancel status:solved, status:closed
//	periodic_update  start public_reply; stop public_reply;
//	                 pause while pending, on_hold; cancel status:solved, status:closed
//	resolution       start created; pause while pending; stop status:solved,
//	                 status:closed; restart on reopen
//
// Only resolution restarts on reopen by default.
func (p Preset) Defaults() Metric {
	m := Metric{Name: p.String(), Preset: p}
	switch p {
	case FirstResponse:
		m.Start = []Condition{{Event: Created}}
		m.Stop = []Condition{{Event: PublicReply}}
		m.Cancel = []Condition{{Status: CategoryClosed}}
	case NextResponse:
		m.Start = []Condition{{Event: CustomerReply}}
		m.Stop = []Condition{{Event: PublicReply}}
		m.Cancel = []Condition{{Status: CategorySolved}, {Status: CategoryClosed}}
	case PeriodicUpdate:
		m.Start = []Condition{{Event: PublicReply}}
		m.PauseWhile = []Category{CategoryPending, CategoryOnHold}
		m.Stop = []Condition{{Event: PublicReply}}
		m.Cancel = []Condition{{Status: CategorySolved}, {Status: CategoryClosed}}
	case Resolution:
		m.Start = []Condition{{Event: Created}}
		m.PauseWhile = []Category{CategoryPending}
		m.Stop = []Condition{{Status: CategorySolved}, {Status: CategoryClosed}}
		m.RestartOnReopen = true
	default:
		return Metric{}
	}
	return m
}

// Condition is one start, stop or cancel condition of a metric: an event
// ("public_reply") or the entry into a status category ("status:solved").
// Exactly one of its fields is set; Load and ParseCondition never set Event
// to Tick.
type Condition struct {
	Event  EventKind // this event happened
	Status Category  // the ticket entered this category
}

// ParseCondition reads the document form of a condition: the name of an
// event kind other than tick ("created", "public_reply", ...) or "status:"
// and a category name ("status:solved"). Errors are [*Error] values
// wrapping ErrUnknownEvent or ErrUnknownCategory, and list the valid names.
func ParseCondition(s string) (Condition, error) {
	if name, ok := strings.CutPrefix(s, "status:"); ok {
		c, ok := parseCategory(name)
		if !ok {
			return Condition{}, errorf("", s, ErrUnknownCategory, "%s", wantOneOf(documentCategories()))
		}
		return Condition{Status: c}, nil
	}
	for e := Created; e < Tick; e++ {
		if e.String() == s {
			return Condition{Event: e}, nil
		}
	}
	want := wantOneOf(enumNames(Created, FieldsChanged)) + ", or status: and a category"
	if s == Tick.String() {
		return Condition{}, errorf("", s, ErrUnknownEvent, "a tick says only that time passed, no condition names it; %s", want)
	}
	return Condition{}, errorf("", s, ErrUnknownEvent, "%s", want)
}

// String returns the document form of c.
func (c Condition) String() string {
	if c.Status != 0 {
		return "status:" + c.Status.String()
	}
	return c.Event.String()
}

// Matches reports whether c holds for an event e that took the ticket from
// category from to category to (from is the zero Category for the event
// that creates the ticket; from == to when the status did not change). An
// event condition holds when e is its event; a status condition holds when
// the ticket enters its category: to is that category and from is not, so
// "status:new" holds at the creation of a ticket created as new.
func (c Condition) Matches(e EventKind, from, to Category) bool {
	if c.Status != 0 {
		return to == c.Status && from != to
	}
	return c.Event != 0 && c.Event == e
}

// Metric is one clock a policy runs: when a cycle starts, pauses, stops
// (met) and is cancelled (no verdict). See the package doc for how a metric
// runs. Values returned by a [Set] are copies: changing them changes nothing
// in the set.
type Metric struct {
	Name   string // the key in the policy's "metrics"
	Preset Preset // Custom, or the preset whose conditions these are

	Start      []Condition // a cycle starts when one holds and none runs
	PauseWhile []Category  // a running cycle counts no time while the ticket is in one of these
	Stop       []Condition // a running cycle is met when one holds
	Cancel     []Condition // a running cycle ends with no verdict when one holds

	// RestartOnReopen starts a new cycle when the ticket is reopened
	// (see [Reopened]) and no cycle runs.
	RestartOnReopen bool
}

// StartsOn reports whether any of m's start conditions holds for e.
func (m Metric) StartsOn(e EventKind, from, to Category) bool { return anyMatch(m.Start, e, from, to) }

// StopsOn reports whether any of m's stop conditions holds for e.
func (m Metric) StopsOn(e EventKind, from, to Category) bool { return anyMatch(m.Stop, e, from, to) }

// CancelsOn reports whether any of m's cancel conditions holds for e.
func (m Metric) CancelsOn(e EventKind, from, to Category) bool {
	return anyMatch(m.Cancel, e, from, to)
}

// PausedIn reports whether m's clock is paused while the ticket is in
// category c.
func (m Metric) PausedIn(c Category) bool { return slices.Contains(m.PauseWhile, c) }

func anyMatch(cs []Condition, e EventKind, from, to Category) bool {
	for _, c := range cs {
		if c.Matches(e, from, to) {
			return true
		}
	}
	return false
}

// copyMetrics returns copies of ms in three allocations: the list, one
// array for all their conditions and one for all their categories.
func copyMetrics(ms []Metric) []Metric {
	conditions, categories := 0, 0
	for _, m := range ms {
		conditions += len(m.Start) + len(m.Stop) + len(m.Cancel)
		categories += len(m.PauseWhile)
	}
	out := make([]Metric, len(ms))
	cs := make([]Condition, 0, conditions)
	cats := make([]Category, 0, categories)
	for i, m := range ms {
		m.Start, cs = carve(cs, m.Start)
		m.Stop, cs = carve(cs, m.Stop)
		m.Cancel, cs = carve(cs, m.Cancel)
		m.PauseWhile, cats = carve(cats, m.PauseWhile)
		out[i] = m
	}
	return out
}

// carve appends src to buf and returns the part appended, clipped so that
// an append to it copies (nil for an empty src, as Load stores it), and
// the extended buf.
func carve[T any](buf, src []T) (part, rest []T) {
	if len(src) == 0 {
		return nil, buf
	}
	n := len(buf)
	buf = append(buf, src...)
	return buf[n:len(buf):len(buf)], buf
}

// Target is what a policy promises for one metric at one priority.
type Target struct {
	// Goal is the internal aim, Promise what the customer (or team, or
	// supplier) is promised; Goal is never later than Promise.
	Goal, Promise Duration

	// CalendarName names the calendar the durations are counted in;
	// Calendar is that calendar.
	CalendarName string
	Calendar     *calendar.Calendar

	// ZoneField names the ticket field that holds the time zone to read
	// Calendar in (the requester's), for tickets where it is set: see
	// [Target.CalendarIn]. Empty: Calendar in its own zone for every ticket.
	ZoneField string

	// Warnings are due before the goal, in the order written.
	Warnings []Warning
	// Escalations are levels past the goal, in the order written: level 1
	// is Escalations[0].
	Escalations []Escalation

	zones *zoneCache // the set's calendars in other zones
}

// Warning says when a warning is due before a goal is breached: at a
// fraction of the goal ("75%") or a lead time before it ("15m"), both in
// business time. Exactly one field is set.
type Warning struct {
	Fraction Percent       // of the goal, above 0% and below 100%
	Before   time.Duration // business time before the goal, positive
}

// ParseWarning reads the document form of a warning: a percentage ("75%")
// or a business-time duration ("15m"). Errors are [*Error] values.
func ParseWarning(s string) (Warning, error) {
	if strings.HasSuffix(s, "%") {
		p, err := ParsePercent(s)
		if err != nil {
			return Warning{}, err
		}
		switch {
		case p == 0:
			return Warning{}, errorf("", s, ErrBadWarning, "at the start")
		case p >= 100*OnePercent:
			return Warning{}, errorf("", s, ErrBadWarning, "at or past the goal")
		}
		return Warning{Fraction: p}, nil
	}
	d, err := ParseDuration(s)
	if err != nil {
		return Warning{}, err
	}
	if d.IsDays() {
		return Warning{}, errorf("", s, ErrBadDuration, "a lead time is business time, not business days")
	}
	return Warning{Before: d.Time()}, nil
}

// String returns the document form of w: "75%" or "15m".
func (w Warning) String() string {
	if w.Before != 0 {
		return BusinessTime(w.Before).String()
	}
	return w.Fraction.String()
}

// Threshold returns the business time used at which w is due, for a goal
// whose length is goal (see [Duration.Length]): the fraction of it, or goal
// minus the lead time.
func (w Warning) Threshold(goal time.Duration) time.Duration {
	if w.Before != 0 {
		return goal - w.Before
	}
	return w.Fraction.Of(goal)
}

// CreditTier is one service credit tier: compliance strictly below Below
// over a period earns Credit. See [Policy.Credit].
type CreditTier struct {
	Below  Percent
	Credit Percent
}

// Fields are what policies match a ticket on.
type Fields struct {
	// Attributes are the ticket's fields by name: "plan": "enterprise",
	// "group": "second-line". A missing name holds no value.
	Attributes map[string]string
	// Tags are the ticket's tags; a match on "tags" looks here.
	Tags []string
}

// marshalEnum returns the String form of v, or an error that lists the
// valid ones when v is not in [lo, hi].
func marshalEnum[T enum](v, lo, hi T) ([]byte, error) {
	if v < lo || v > hi {
		return nil, errorf("", v.String(), ErrBadValue, "%s", wantOneOf(enumNames(lo, hi)))
	}
	return []byte(v.String()), nil
}

type enum interface {
	~uint8
	String() string
}

// unmarshalEnum sets *v to the value in [lo, hi] whose String is b, or
// returns an error wrapping sentinel that lists them.
func unmarshalEnum[T enum](v *T, lo, hi T, b []byte, sentinel error) error {
	s := string(b)
	for x := lo; x <= hi; x++ {
		if x.String() == s {
			*v = x
			return nil
		}
	}
	return errorf("", s, sentinel, "%s", wantOneOf(enumNames(lo, hi)))
}

// enumNames returns the String forms of lo to hi.
func enumNames[T enum](lo, hi T) []string {
	var out []string
	for x := lo; x <= hi; x++ {
		out = append(out, x.String())
	}
	return out
}

// documentCategories returns the names a document gives categories: all
// but none.
func documentCategories() []string { return enumNames(CategoryNew, CategoryClosed) }

func parseCategory(s string) (Category, bool) {
	for c := CategoryNew; c <= CategoryClosed; c++ {
		if c.String() == s {
			return c, true
		}
	}
	return 0, false
}
