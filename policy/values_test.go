package policy_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want policy.Duration
		text string // String of the result
	}{
		{"90m", policy.BusinessTime(90 * time.Minute), "1h30m"},
		{"4h", policy.BusinessTime(4 * time.Hour), "4h"},
		{"1h30m", policy.BusinessTime(90 * time.Minute), "1h30m"},
		{"1.5h", policy.BusinessTime(90 * time.Minute), "1h30m"},
		{"45s", policy.BusinessTime(45 * time.Second), "45s"},
		{"0.5s", policy.BusinessTime(500 * time.Millisecond), "0.5s"},
		{"1h0m1.25s", policy.BusinessTime(time.Hour + 1250*time.Millisecond), "1h1.25s"},
		{"26h", policy.BusinessTime(26 * time.Hour), "26h"},
		{"3bd", policy.BusinessDays(3), "3bd"},
		{"1bd", policy.BusinessDays(1), "1bd"},
		{"010bd", policy.BusinessDays(10), "10bd"},
	}
	for _, tt := range tests {
		got, err := policy.ParseDuration(tt.in)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want || got.String() != tt.text {
			t.Errorf("ParseDuration(%q) = %v; want %v", tt.in, got, tt.text)
		}
		if again, err := policy.ParseDuration(got.String()); err != nil || again != got {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", got.String(), again, err, got)
		}
	}
	bad := []struct {
		in string
		is error
	}{
		{"", policy.ErrBadDuration}, {"h", policy.ErrBadDuration}, {"4x", policy.ErrUnknownUnit},
		{"2d", policy.ErrUnknownUnit}, {"1w", policy.ErrUnknownUnit}, {"100ms", policy.ErrUnknownUnit},
		{"3BD", policy.ErrUnknownUnit}, {"bd", policy.ErrBadDuration}, {"-1h", policy.ErrBadDuration},
		{"+1h", policy.ErrBadDuration}, {"0", policy.ErrBadDuration}, {"0s", policy.ErrBadDuration},
		{"1..5h", policy.ErrBadDuration}, {"1h 30m", policy.ErrUnknownUnit}, {"2.0bd", policy.ErrBadDuration},
		{"-2bd", policy.ErrBadDuration}, {"0bd", policy.ErrBadDuration},
	}
	for _, tt := range bad {
		if d, err := policy.ParseDuration(tt.in); !errors.Is(err, tt.is) {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, d, err, tt.is)
		}
	}
}

func TestDurationDueAndLength(t *testing.T) {
	business, err := calendar.New(calendar.Spec{Zone: "America/New_York",
		Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}})
	if err != nil {
		t.Fatal(err)
	}
	ny := business.Location()
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, ny) }
	tests := []struct {
		name   string
		d      policy.Duration
		cal    *calendar.Calendar
		start  time.Time
		due    time.Time
		length time.Duration
	}{
		{"4h within a day", policy.BusinessTime(4 * time.Hour), business, at(3, 2, 10, 0), at(3, 2, 14, 0), 4 * time.Hour},
		{"4h across the night", policy.BusinessTime(4 * time.Hour), business, at(3, 2, 15, 0), at(3, 3, 11, 0), 4 * time.Hour},
		{"4h over a weekend", policy.BusinessTime(4 * time.Hour), business, at(3, 6, 16, 0), at(3, 9, 12, 0), 4 * time.Hour},
		{"1bd from Friday is Monday", policy.BusinessDays(1), business, at(3, 6, 10, 30), at(3, 9, 10, 30), 8 * time.Hour},
		{"2bd skip Good Friday? no: Memorial Day", policy.BusinessDays(2), business, at(5, 22, 11, 0), at(5, 27, 11, 0), 16 * time.Hour},
		{"1bd from a Saturday starts at Monday's opening", policy.BusinessDays(1), business, at(3, 7, 12, 0), at(3, 10, 9, 0), 8 * time.Hour},
		{"2bd across spring forward keeps the wall clock", policy.BusinessDays(2), business, at(3, 6, 9, 0), at(3, 10, 9, 0), 16 * time.Hour},
		{"24h of a 24x7 calendar across spring forward", policy.BusinessTime(24 * time.Hour), calendar.Always(),
			time.Date(2026, 3, 8, 0, 0, 0, 0, ny), time.Date(2026, 3, 9, 1, 0, 0, 0, ny), 24 * time.Hour},
		{"1bd of a 24x7 calendar on the short day", policy.BusinessDays(1), mustCalendar(t, calendar.Spec{Zone: "America/New_York",
			Hours: map[string][]string{"mon-sun": {"00:00-24:00"}}}), time.Date(2026, 3, 8, 0, 0, 0, 0, ny), time.Date(2026, 3, 9, 0, 0, 0, 0, ny), 23 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Due(tt.cal, tt.start); !got.Equal(tt.due) {
				t.Errorf("%v.Due(%v) = %v; want %v", tt.d, tt.start, got, tt.due)
			}
			if got := tt.d.Length(tt.cal, tt.start); got != tt.length {
				t.Errorf("%v.Length(%v) = %v; want %v", tt.d, tt.start, got, tt.length)
			}
		})
	}
	// Where the calendar has no answer: the zero Time, and no length.
	late := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	if due := policy.BusinessDays(1).Due(business, late); !due.IsZero() {
		t.Errorf("Due past the calendar's dates = %v; want the zero Time", due)
	}
	if n := policy.BusinessDays(1).Length(business, late); n != 0 {
		t.Errorf("Length past the calendar's dates = %v; want 0", n)
	}
}

func mustCalendar(t *testing.T, s calendar.Spec) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDurationAccessors(t *testing.T) {
	d, b := policy.BusinessDays(3), policy.BusinessTime(time.Hour)
	got := []any{d.IsDays(), d.Days(), d.Time(), b.IsDays(), b.Days(), b.Time(), policy.Duration{}.IsZero(), d.IsZero(), policy.Duration{}.String()}
	want := []any{true, 3, time.Duration(0), false, 0, time.Hour, true, false, "0s"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("accessors (-want +got):\n%s", diff)
	}
	var u policy.Duration
	if err := u.UnmarshalText([]byte("2bd")); err != nil || u != policy.BusinessDays(2) {
		t.Errorf("UnmarshalText(2bd) = %v, %v", u, err)
	}
	if err := u.UnmarshalText([]byte("2x")); !errors.Is(err, policy.ErrUnknownUnit) || u != policy.BusinessDays(2) {
		t.Errorf("UnmarshalText(2x) = %v and changed the value to %v", err, u)
	}
	if text, _ := policy.BusinessTime(-90 * time.Minute).MarshalText(); string(text) != "-1h30m" {
		t.Errorf("MarshalText(-90m) = %s", text)
	}
}

func TestPercent(t *testing.T) {
	good := []struct {
		in   string
		want policy.Percent
		text string
	}{
		{"75%", 75 * policy.OnePercent, "75%"},
		{"99.95%", 999_500, "99.95%"},
		{"0.0001%", 1, "0.0001%"},
		{"100%", 100 * policy.OnePercent, "100%"},
		{"150%", 150 * policy.OnePercent, "150%"},
		{"0%", 0, "0%"},
		{"007.50%", 75_000, "7.5%"},
	}
	for _, tt := range good {
		got, err := policy.ParsePercent(tt.in)
		if err != nil || got != tt.want || got.String() != tt.text {
			t.Errorf("ParsePercent(%q) = %v (%d), %v; want %s (%d)", tt.in, got, int64(got), err, tt.text, tt.want)
		}
	}
	for _, in := range []string{"", "%", "75", "75 %", "-5%", "1e2%", ".5%", "5.%", "0.00001%", "1234567890%", "x%"} {
		if p, err := policy.ParsePercent(in); !errors.Is(err, policy.ErrBadPercent) {
			t.Errorf("ParsePercent(%q) = %v, %v; want ErrBadPercent", in, p, err)
		}
	}
	of := []struct {
		p    policy.Percent
		d    time.Duration
		want time.Duration
	}{
		{75 * policy.OnePercent, time.Hour, 45 * time.Minute},
		{policy.OnePercent / 3, time.Hour, 11998800 * time.Microsecond}, // 0.3333% of an hour
		{100 * policy.OnePercent, math.MaxInt64, math.MaxInt64},
		{50 * policy.OnePercent, math.MinInt64, math.MinInt64 / 2},
		{-50 * policy.OnePercent, time.Hour, -30 * time.Minute},
		{1, 3 * time.Nanosecond, 0}, // rounded toward zero
	}
	for _, tt := range of {
		if got := tt.p.Of(tt.d); got != tt.want {
			t.Errorf("%v.Of(%v) = %v; want %v", tt.p, tt.d, got, tt.want)
		}
	}
	if got := policy.Percent(-25 * policy.OnePercent).String(); got != "-25%" {
		t.Errorf("String of -25%% = %s", got)
	}
	var p policy.Percent
	if err := p.UnmarshalText([]byte("12.5%")); err != nil || p != 125_000 {
		t.Errorf("UnmarshalText(12.5%%) = %v, %v", p, err)
	}
	if text, _ := p.MarshalText(); string(text) != "12.5%" {
		t.Errorf("MarshalText = %s", text)
	}
	if err := p.UnmarshalText([]byte("12.5")); err == nil || p != 125_000 {
		t.Errorf("UnmarshalText(12.5) = %v and left %v", err, p)
	}
}

func TestWarning(t *testing.T) {
	tests := []struct {
		in        string
		want      policy.Warning
		threshold time.Duration // for a 2h goal
	}{
		{"75%", policy.Warning{Fraction: 75 * policy.OnePercent}, 90 * time.Minute},
		{"15m", policy.Warning{Before: 15 * time.Minute}, 105 * time.Minute},
		{"99.99%", policy.Warning{Fraction: 999_900}, 7199280 * time.Millisecond},
	}
	for _, tt := range tests {
		w, err := policy.ParseWarning(tt.in)
		if err != nil || w != tt.want || w.String() != tt.in {
			t.Errorf("ParseWarning(%q) = %+v, %v; want %+v", tt.in, w, err, tt.want)
		}
		if got := w.Threshold(2 * time.Hour); got != tt.threshold {
			t.Errorf("%v.Threshold(2h) = %v; want %v", w, got, tt.threshold)
		}
	}
	for in, is := range map[string]error{"100%": policy.ErrBadWarning, "0%": policy.ErrBadWarning, "1bd": policy.ErrBadDuration, "x": policy.ErrBadDuration, "5%%": policy.ErrBadPercent} {
		if w, err := policy.ParseWarning(in); !errors.Is(err, is) {
			t.Errorf("ParseWarning(%q) = %v, %v; want %v", in, w, err, is)
		}
	}
}

func TestConditions(t *testing.T) {
	const none = policy.Category(0)
	tests := []struct {
		name     string
		cond     string
		event    policy.EventKind
		from, to policy.Category
		want     bool
	}{
		{"the named event", "public_reply", policy.PublicReply, policy.CategoryOpen, policy.CategoryOpen, true},
		{"another event", "public_reply", policy.InternalNote, policy.CategoryOpen, policy.CategoryOpen, false},
		{"an event whatever the status did", "customer_reply", policy.CustomerReply, policy.CategorySolved, policy.CategoryOpen, true},
		{"entering the category", "status:solved", policy.StatusChanged, policy.CategoryOpen, policy.CategorySolved, true},
		{"staying in the category is not entering it", "status:open", policy.StatusChanged, policy.CategoryOpen, policy.CategoryOpen, false},
		{"a reply that opens the ticket enters open", "status:open", policy.PublicReply, policy.CategoryNew, policy.CategoryOpen, true},
		{"leaving the category", "status:pending", policy.StatusChanged, policy.CategoryPending, policy.CategoryOpen, false},
		{"creation enters the first category", "status:new", policy.Created, none, policy.CategoryNew, true},
		{"creation as another category", "status:new", policy.Created, none, policy.CategoryOpen, false},
		{"created", "created", policy.Created, none, policy.CategoryNew, true},
		{"the zero event matches no event condition", "created", 0, none, none, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := policy.ParseCondition(tt.cond)
			if err != nil {
				t.Fatal(err)
			}
			if c.String() != tt.cond {
				t.Errorf("ParseCondition(%q).String() = %q", tt.cond, c)
			}
			if got := c.Matches(tt.event, tt.from, tt.to); got != tt.want {
				t.Errorf("%v.Matches(%v, %v, %v) = %v; want %v", c, tt.event, tt.from, tt.to, got, tt.want)
			}
		})
	}
	for in, is := range map[string]error{"reply": policy.ErrUnknownEvent, "": policy.ErrUnknownEvent, "status:": policy.ErrUnknownCategory,
		"status:waiting": policy.ErrUnknownCategory, "status:none": policy.ErrUnknownCategory, "none": policy.ErrUnknownEvent, "Created": policy.ErrUnknownEvent} {
		if c, err := policy.ParseCondition(in); !errors.Is(err, is) {
			t.Errorf("ParseCondition(%q) = %v, %v; want %v", in, c, err, is)
		}
	}
}

func TestReopened(t *testing.T) {
	for from := policy.Category(0); from <= policy.CategoryClosed; from++ {
		for to := policy.Category(0); to <= policy.CategoryClosed; to++ {
			want := from == policy.CategorySolved && (to == policy.CategoryNew || to == policy.CategoryOpen ||
				to == policy.CategoryPending || to == policy.CategoryOnHold)
			if got := policy.Reopened(from, to); got != want {
				t.Errorf("Reopened(%v, %v) = %v; want %v", from, to, got, want)
			}
		}
	}
}

func TestPresetMetrics(t *testing.T) {
	// Each row is one event on a ticket and what each preset does with it.
	type verdict struct{ start, stop, cancel bool }
	tests := []struct {
		name     string
		event    policy.EventKind
		from, to policy.Category
		want     map[policy.Preset]verdict
	}{
		{"ticket created as new", policy.Created, 0, policy.CategoryNew, map[policy.Preset]verdict{
			policy.FirstResponse: {start: true}, policy.Resolution: {start: true}}},
		{"public agent reply", policy.PublicReply, policy.CategoryOpen, policy.CategoryOpen, map[policy.Preset]verdict{
			policy.FirstResponse: {stop: true}, policy.NextResponse: {stop: true}, policy.PeriodicUpdate: {start: true, stop: true}}},
		{"internal note", policy.InternalNote, policy.CategoryOpen, policy.CategoryOpen, map[policy.Preset]verdict{}},
		{"customer reply", policy.CustomerReply, policy.CategoryPending, policy.CategoryOpen, map[policy.Preset]verdict{
			policy.NextResponse: {start: true}}},
		{"solved", policy.StatusChanged, policy.CategoryOpen, policy.CategorySolved, map[policy.Preset]verdict{
			policy.NextResponse: {cancel: true}, policy.PeriodicUpdate: {cancel: true}, policy.Resolution: {stop: true}}},
		{"closed", policy.StatusChanged, policy.CategorySolved, policy.CategoryClosed, map[policy.Preset]verdict{
			policy.FirstResponse: {cancel: true}, policy.NextResponse: {cancel: true}, policy.PeriodicUpdate: {cancel: true}, policy.Resolution: {stop: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for p := policy.FirstResponse; p <= policy.Resolution; p++ {
				m := p.Defaults()
				got := verdict{m.StartsOn(tt.event, tt.from, tt.to), m.StopsOn(tt.event, tt.from, tt.to), m.CancelsOn(tt.event, tt.from, tt.to)}
				if got != tt.want[p] {
					t.Errorf("%v: start, stop, cancel = %+v; want %+v", p, got, tt.want[p])
				}
			}
		})
	}
	paused := map[policy.Preset][]policy.Category{
		policy.PeriodicUpdate: {policy.CategoryPending, policy.CategoryOnHold},
		policy.Resolution:     {policy.CategoryPending},
	}
	for p := policy.FirstResponse; p <= policy.Resolution; p++ {
		m := p.Defaults()
		var got []policy.Category
		for c := policy.CategoryNew; c <= policy.CategoryClosed; c++ {
			if m.PausedIn(c) {
				got = append(got, c)
			}
		}
		if diff := cmp.Diff(paused[p], got); diff != "" {
			t.Errorf("%v pauses in (-want +got):\n%s", p, diff)
		}
		if m.RestartOnReopen != (p == policy.Resolution) || m.Name != p.String() || m.Preset != p {
			t.Errorf("%v.Defaults() = %+v", p, m)
		}
	}
	if diff := cmp.Diff(policy.Metric{}, policy.Custom.Defaults()); diff != "" {
		t.Errorf("Custom.Defaults() (-want +got):\n%s", diff)
	}
}

// Every named value of every enumeration survives MarshalText and
// UnmarshalText, and invalid ones are refused.
func TestEnumText(t *testing.T) {
	type textual interface {
		MarshalText() ([]byte, error)
		String() string
	}
	var got, want []string
	check := func(v textual, back func([]byte) (string, error)) {
		text, err := v.MarshalText()
		if err != nil {
			got = append(got, "marshal "+v.String()+": "+err.Error())
			return
		}
		s, err := back(text)
		if err != nil {
			s = err.Error()
		}
		want, got = append(want, v.String()), append(got, s)
	}
	for k := policy.SLA; k <= policy.UC; k++ {
		check(k, func(b []byte) (string, error) { var x policy.Kind; err := x.UnmarshalText(b); return x.String(), err })
	}
	for c := policy.Category(0); c <= policy.CategoryClosed; c++ {
		check(c, func(b []byte) (string, error) {
			var x policy.Category
			err := x.UnmarshalText(b)
			return x.String(), err
		})
	}
	for e := policy.Created; e <= policy.Tick; e++ {
		check(e, func(b []byte) (string, error) {
			var x policy.EventKind
			err := x.UnmarshalText(b)
			return x.String(), err
		})
	}
	for c := policy.Recompute; c <= policy.Restart; c++ {
		check(c, func(b []byte) (string, error) {
			var x policy.PriorityChange
			err := x.UnmarshalText(b)
			return x.String(), err
		})
	}
	for p := policy.Custom; p <= policy.Resolution; p++ {
		check(p, func(b []byte) (string, error) { var x policy.Preset; err := x.UnmarshalText(b); return x.String(), err })
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("text round trip (-want +got):\n%s", diff)
	}
	wantNames := []string{"sla", "ola", "uc", "none", "new", "open", "pending", "on_hold", "solved", "closed",
		"created", "status_changed", "public_reply", "internal_note", "customer_reply", "priority_changed", "fields_changed", "tick",
		"recompute", "restart", "custom", "first_response", "next_response", "periodic_update", "resolution"}
	if diff := cmp.Diff(wantNames, want); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}

	invalid := []textual{policy.Kind(3), policy.Category(7), policy.EventKind(0), policy.EventKind(9), policy.PriorityChange(2), policy.Preset(5)}
	var names []string
	for _, v := range invalid {
		if _, err := v.MarshalText(); !errors.Is(err, policy.ErrBadValue) {
			t.Errorf("%v.MarshalText() = %v; want ErrBadValue", v, err)
		}
		names = append(names, v.String())
	}
	if diff := cmp.Diff([]string{"Kind(3)", "Category(7)", "EventKind(0)", "EventKind(9)", "PriorityChange(2)", "Preset(5)"}, names); diff != "" {
		t.Errorf("String of invalid values (-want +got):\n%s", diff)
	}
	k := policy.OLA
	if err := k.UnmarshalText([]byte("SLA")); !errors.Is(err, policy.ErrBadValue) || k != policy.OLA {
		t.Errorf("UnmarshalText(SLA) = %v and left %v", err, k)
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  *policy.Error
		want string
	}{
		{&policy.Error{Path: "a.b", Value: "v", Err: policy.ErrMissing}, `policy: a.b: "v": missing`},
		{&policy.Error{Path: "a.b", Err: policy.ErrMissing}, `policy: a.b: missing`},
		{&policy.Error{Value: "v", Err: policy.ErrMissing}, `policy: "v": missing`},
		{&policy.Error{Value: "a\"b"}, `policy: "a\"b"`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q; want %q", got, tt.want)
		}
	}
}

// Errors of MarshalText and UnmarshalText list the valid names.
func TestEnumTextErrors(t *testing.T) {
	marshal := func(v interface{ MarshalText() ([]byte, error) }) error { _, err := v.MarshalText(); return err }
	tests := []struct {
		name string
		err  error
		want string
		is   error
	}{
		{"the zero event kind", marshal(policy.EventKind(0)),
			`policy: "EventKind(0)": bad value: want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, tick`, policy.ErrBadValue},
		{"an event kind past tick", marshal(policy.EventKind(9)),
			`policy: "EventKind(9)": bad value: want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, tick`, policy.ErrBadValue},
		{"an event kind's old name", new(policy.EventKind).UnmarshalText([]byte("attributes_changed")),
			`policy: "attributes_changed": unknown event: want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, tick`, policy.ErrUnknownEvent},
		{"an event kind for none", new(policy.EventKind).UnmarshalText([]byte("none")),
			`policy: "none": unknown event: want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, tick`, policy.ErrUnknownEvent},
		{"a kind", new(policy.Kind).UnmarshalText([]byte("SLA")), `policy: "SLA": bad value: want one of sla, ola, uc`, policy.ErrBadValue},
		{"a kind past uc", marshal(policy.Kind(3)), `policy: "Kind(3)": bad value: want one of sla, ola, uc`, policy.ErrBadValue},
		{"a category", new(policy.Category).UnmarshalText([]byte("hold")),
			`policy: "hold": unknown status category: want one of none, new, open, pending, on_hold, solved, closed`, policy.ErrUnknownCategory},
		{"a priority change", new(policy.PriorityChange).UnmarshalText([]byte("reset")), `policy: "reset": bad value: want one of recompute, restart`, policy.ErrBadValue},
		{"a preset", new(policy.Preset).UnmarshalText([]byte("triage")),
			`policy: "triage": unknown metric preset: want one of custom, first_response, next_response, periodic_update, resolution`, policy.ErrUnknownPreset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatalf("no error; want %s", tt.want)
			}
			if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if !errors.Is(tt.err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", tt.err, tt.is)
			}
		})
	}
}
