package sla_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// attrs returns fields with the attributes kv (name, value, ...).
func attrs(kv ...string) policy.Fields {
	f := policy.Fields{Attributes: map[string]string{}}
	for i := 0; i < len(kv); i += 2 {
		f.Attributes[kv[i]] = kv[i+1]
	}
	return f
}

func createdWith(at time.Time, priority string, f policy.Fields) sla.Event {
	return sla.Event{Kind: policy.Created, At: at, Status: "Open", Priority: priority, Fields: f}
}

func fieldsChanged(at time.Time, f policy.Fields) sla.Event {
	return sla.Event{Kind: policy.FieldsChanged, At: at, Fields: f}
}

// of keeps the transitions of one agreement.
func of(agreement string, ts []sla.Transition) []tr {
	var out []tr
	for _, t := range ts {
		if t.Agreement.Name == agreement {
			out = append(out, tr{t.Kind.String(), t.Metric, t.Cycle, t.At})
		}
	}
	return out
}

func TestAttachAndDetach(t *testing.T) {
	set := loadSet(t)
	plan := "plan"
	tests := []struct {
		name      string
		events    []sla.Event
		agreement string
		want      []tr
	}{
		{
			name: "a field change makes an OLA apply: it attaches, its metrics start as if the ticket were created then",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "recompute")),
				fieldsChanged(mon("10:00"), attrs(plan, "recompute", "group", "first-line"))},
			agreement: "First line",
			want: []tr{{"attached", "", 0, mon("10:00")},
				{"started", "first_response", 1, mon("10:00")}, {"started", "resolution", 1, mon("10:00")}},
		},
		{
			name: "attaching while the ticket is in a paused category starts paused",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "recompute")), status(mon("09:30"), "Pending"),
				fieldsChanged(mon("10:00"), attrs(plan, "recompute", "group", "second-line"))},
			agreement: "Second line",
			want:      []tr{{"attached", "", 0, mon("10:00")}, {"started", "resolution", 1, mon("10:00")}, {"paused", "resolution", 1, mon("10:00")}},
		},
		{
			name: "reassigned from the second line to the first: the second line's OLA detaches, its clock cancelled",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "recompute", "group", "second-line")),
				fieldsChanged(mon("11:00"), attrs(plan, "recompute", "group", "first-line"))},
			agreement: "Second line",
			want: []tr{{"attached", "", 0, mon("09:00")}, {"started", "resolution", 1, mon("09:00")},
				{"cancelled", "resolution", 1, mon("11:00")}, {"detached", "", 0, mon("11:00")}},
		},
		{
			name: "breaches before a detach stay reported; time alone is reported up to the detach",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "recompute", "group", "first-line")),
				fieldsChanged(mon("13:00"), attrs(plan, "recompute"))},
			agreement: "First line",
			want: []tr{{"attached", "", 0, mon("09:00")}, {"started", "first_response", 1, mon("09:00")}, {"started", "resolution", 1, mon("09:00")},
				{"goal_breached", "first_response", 1, mon("11:00").Add(ns)}, {"promise_breached", "first_response", 1, mon("11:00").Add(ns)},
				{"cancelled", "first_response", 1, mon("13:00")}, {"cancelled", "resolution", 1, mon("13:00")}, {"detached", "", 0, mon("13:00")}},
		},
		{
			name: "re-attached: the same agreement again, its cycles numbered on",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "recompute", "group", "first-line")),
				fieldsChanged(mon("10:00"), attrs(plan, "recompute")), fieldsChanged(mon("10:30"), attrs(plan, "recompute", "group", "first-line"))},
			agreement: "First line",
			want: []tr{{"attached", "", 0, mon("09:00")}, {"started", "first_response", 1, mon("09:00")}, {"started", "resolution", 1, mon("09:00")},
				{"cancelled", "first_response", 1, mon("10:00")}, {"cancelled", "resolution", 1, mon("10:00")}, {"detached", "", 0, mon("10:00")},
				{"attached", "", 0, mon("10:30")}, {"started", "first_response", 2, mon("10:30")}, {"started", "resolution", 2, mon("10:30")}},
		},
		{
			name: "detached and re-attached at one instant, by two events: each event reports its own attach or detach",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "recompute", "group", "first-line")),
				fieldsChanged(mon("10:00"), attrs(plan, "recompute")), fieldsChanged(mon("10:00"), attrs(plan, "recompute", "group", "first-line"))},
			agreement: "First line",
			want: []tr{{"attached", "", 0, mon("09:00")}, {"started", "first_response", 1, mon("09:00")}, {"started", "resolution", 1, mon("09:00")},
				{"cancelled", "first_response", 1, mon("10:00")}, {"cancelled", "resolution", 1, mon("10:00")}, {"detached", "", 0, mon("10:00")},
				{"attached", "", 0, mon("10:00")}, {"started", "first_response", 2, mon("10:00")}, {"started", "resolution", 2, mon("10:00")}},
		},
		{
			name: "a plan upgrade: the customer's SLA changes, one detaching and the other attaching at the change",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "restart")),
				fieldsChanged(mon("10:00"), attrs(plan, "recompute"))},
			agreement: "Recompute",
			want:      []tr{{"attached", "", 0, mon("10:00")}, {"started", "first_response", 1, mon("10:00")}, {"started", "resolution", 1, mon("10:00")}},
		},
		{
			name: "a field change that keeps the agreements changes nothing for them",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "recompute", "group", "first-line")),
				fieldsChanged(mon("10:00"), attrs(plan, "recompute", "group", "first-line", "colour", "red"))},
			agreement: "First line",
			want:      []tr{{"attached", "", 0, mon("09:00")}, {"started", "first_response", 1, mon("09:00")}, {"started", "resolution", 1, mon("09:00")}},
		},
		{
			name: "retroactive: a supplier's contract attaching late is measured since the creation, with the ticket's pauses",
			events: []sla.Event{createdWith(mon("09:00"), "normal", attrs(plan, "recompute")),
				status(mon("10:00"), "Pending"), status(mon("11:00"), "Open"),
				fieldsChanged(mon("13:00"), attrs(plan, "recompute", "vendor", "acme")), tick(mon("14:30"))},
			agreement: "Vendor",
			// 3h used by 13:00 of a 4h goal: the 50% warning passed, reported
			// at the attach; the goal breaks at 14:00.
			want: []tr{{"attached", "", 0, mon("13:00")}, {"started", "resolution", 1, mon("13:00")},
				{"warning", "resolution", 1, mon("13:00")}, {"goal_breached", "resolution", 1, mon("14:00").Add(ns)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := replay(t, set, tt.events...)
			if diff := cmp.Diff(tt.want, of(tt.agreement, got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.agreement, diff)
			}
		})
	}
}

func TestAttachments(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, createdWith(mon("09:00"), "normal", attrs("plan", "recompute", "group", "second-line")),
		fieldsChanged(mon("10:00"), attrs("plan", "recompute", "group", "first-line")),
		fieldsChanged(mon("11:00"), attrs("plan", "recompute", "group", "second-line")))
	recompute := sla.Agreement{Name: "Recompute", Kind: policy.SLA}
	second := sla.Agreement{Name: "Second line", Kind: policy.OLA}
	first := sla.Agreement{Name: "First line", Kind: policy.OLA}
	want := []sla.Attachment{
		{Agreement: recompute, Attached: mon("09:00")},
		{Agreement: second, Attached: mon("11:00")},
		{Agreement: first, Attached: mon("10:00"), Detached: mon("11:00")},
	}
	if diff := cmp.Diff(want, s.Attachments()); diff != "" {
		t.Errorf("Attachments (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]sla.Agreement{recompute, second}, s.Agreements()); diff != "" {
		t.Errorf("Agreements (-want +got):\n%s", diff)
	}
	// The second line's first cycle was cancelled by the detach; the
	// re-attach started a second.
	if c := cycleOfAgreement(t, s, "Second line", "resolution", 2); c.Stage != sla.StageRunning || !c.Start.Equal(mon("11:00")) {
		t.Errorf("Second line resolution #2: %v from %v, want running from 11:00", c.Stage, c.Start)
	}
}

func cycleOfAgreement(t *testing.T, s sla.State, agreement, metric string, n int) sla.Cycle {
	t.Helper()
	for _, c := range cycles(t, loadSet(t), s) {
		if c.Agreement.Name == agreement && c.Metric == metric && c.Number == n {
			return c
		}
	}
	t.Fatalf("no cycle %d of %s/%s", n, agreement, metric)
	return sla.Cycle{}
}

func TestVersionInForceAtAttach(t *testing.T) {
	set, err := policy.Load([]byte(`{"calendars": {"24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}},
	 "statuses": {"Open": "open"}, "priorities": ["normal"],
	 "policies": [
	  {"name": "Customer", "calendar": "24x7", "targets": {"first_response": {"normal": {"goal": "8h"}}}},
	  {"name": "Team", "kind": "ola", "match": {"group": ["t"]}, "calendar": "24x7",
	   "targets": {"resolution": {"normal": {"goal": "4h"}}}},
	  {"name": "Team", "kind": "ola", "match": {"group": ["t"]}, "calendar": "24x7", "effective_from": "2026-03-02T12:00:00Z",
	   "targets": {"resolution": {"normal": {"goal": "1h"}}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := replay(t, set, createdWith(mon("09:00"), "normal", policy.Fields{}), fieldsChanged(mon("13:00"), attrs("group", "t")))
	want := []sla.Agreement{{Name: "Customer", Kind: policy.SLA}, {Name: "Team", Kind: policy.OLA, Version: ts("2026-03-02T12:00:00Z")}}
	if diff := cmp.Diff(want, s.Agreements()); diff != "" {
		t.Errorf("Agreements (-want +got):\n%s", diff)
	}
	if got, want := s.NextDeadline(set), mon("14:00").Add(time.Second); !got.Equal(want) {
		t.Errorf("NextDeadline = %v, want %v: the 1h goal of the version in force at the attach", got, want)
	}
}

func TestEscalationLevels(t *testing.T) {
	set := loadSet(t)
	esc := func(level int, at time.Time) tr { return tr{"escalated", "first_response", 1, at} }
	tests := []struct {
		name   string
		events []sla.Event
		want   []tr
		levels []int
	}{
		{
			// goal 2h, promise 3h; levels: 150% of the goal (3h used), 30m
			// past the promise (3h30m), 250% (5h).
			name:   "levels past the goal and the promise, each once, in the order they are reached",
			events: []sla.Event{created(mon("09:00"), "escalating", "normal"), tick(mon("15:00")), tick(mon("16:00"))},
			want: []tr{{"started", "first_response", 1, mon("09:00")}, {"goal_breached", "first_response", 1, mon("11:00").Add(ns)},
				esc(1, mon("12:00")), {"promise_breached", "first_response", 1, mon("12:00").Add(ns)}, esc(2, mon("12:30")), esc(3, mon("14:00"))},
			levels: []int{1, 2, 3},
		},
		{
			// urgent: goal 30m, promise 1h; levels at 45m, 1h30m, 1h15m.
			name:   "levels a priority change has already passed are reported at the change, once",
			events: []sla.Event{created(mon("09:00"), "escalating", "normal"), priority(mon("10:00"), "urgent"), tick(mon("11:00"))},
			want: []tr{{"started", "first_response", 1, mon("09:00")}, {"goal_breached", "first_response", 1, mon("10:00")},
				esc(1, mon("10:00")), {"promise_breached", "first_response", 1, mon("10:00").Add(ns)},
				esc(3, mon("10:15")), esc(2, mon("10:30"))},
			levels: []int{1, 3, 2},
		},
		{
			name:   "a reply before a level stops the chain",
			events: []sla.Event{created(mon("09:00"), "escalating", "normal"), reply(mon("12:10")), tick(mon("16:00"))},
			want: []tr{{"started", "first_response", 1, mon("09:00")}, {"goal_breached", "first_response", 1, mon("11:00").Add(ns)},
				esc(1, mon("12:00")), {"promise_breached", "first_response", 1, mon("12:00").Add(ns)}, {"met", "first_response", 1, mon("12:10")}},
			levels: []int{1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := replay(t, set, tt.events...)
			if diff := cmp.Diff(tt.want, only("first_response", got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			var levels []int
			for _, x := range got {
				if x.Kind == sla.Escalated {
					levels = append(levels, x.Level)
					if want := []string{"150%", "30m", "250%"}[x.Level-1]; x.Escalation != want {
						t.Errorf("level %d names %q, want %q", x.Level, x.Escalation, want)
					}
				}
			}
			if diff := cmp.Diff(tt.levels, levels); diff != "" {
				t.Errorf("levels (-want +got):\n%s", diff)
			}
		})
	}
}

func TestZoneFollowingCalendars(t *testing.T) {
	set := loadSet(t)
	// Monday 2026-03-02 00:00 UTC: 09:00 in Tokyo, Sunday 19:00 in New York.
	start := mon("00:00")
	tests := []struct {
		name    string
		zone    string
		goalDue time.Time
	}{
		{"the requester's zone: business hours in Tokyo", "Asia/Tokyo", ts("2026-03-02T04:00:00Z")},
		{"an empty field: the calendar's own zone", "", ts("2026-03-02T18:00:00Z")},
		{"the calendar's own zone named", "America/New_York", ts("2026-03-02T18:00:00Z")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := replay(t, set, createdWith(start, "normal", attrs("plan", "global", "requester_tz", tt.zone)))
			st, err := s.Status(set, start)
			if err != nil {
				t.Fatal(err)
			}
			if !st[0].GoalDue.Equal(tt.goalDue) || st[0].Zone != tt.zone {
				t.Errorf("first_response due %v in zone %q, want %v in %q", st[0].GoalDue, st[0].Zone, tt.goalDue, tt.zone)
			}
		})
	}
	t.Run("a zone the IANA database does not know is refused at the event, naming the field and the value", func(t *testing.T) {
		_, _, err := sla.Evaluate(set, sla.State{}, createdWith(start, "normal", attrs("plan", "global", "requester_tz", "Mars/Olympus")))
		var e *sla.Error
		if !errors.Is(err, sla.ErrUnknownZone) || !errors.As(err, &e) || e.Path != "event.fields.attributes.requester_tz" || e.Value != "Mars/Olympus" {
			t.Errorf("error %v, want ErrUnknownZone at event.fields.attributes.requester_tz naming Mars/Olympus", err)
		}
		s, _ := replay(t, set, createdWith(start, "normal", attrs("plan", "global")))
		got, ts, err := sla.Evaluate(set, s, fieldsChanged(mon("01:00"), attrs("plan", "global", "requester_tz", "Local")))
		if !errors.Is(err, sla.ErrUnknownZone) || ts != nil || !got.Equal(s) {
			t.Errorf("a change to Local: %v; want ErrUnknownZone and the state unchanged", err)
		}
	})
	t.Run("a zone no agreement follows is not looked at", func(t *testing.T) {
		if _, _, err := sla.Evaluate(set, sla.State{}, createdWith(start, "normal", attrs("plan", "recompute", "requester_tz", "Mars/Olympus"))); err != nil {
			t.Errorf("error %v, want none", err)
		}
	})
	t.Run("a cycle keeps the zone it started in; a new cycle reads the field again", func(t *testing.T) {
		s, _ := replay(t, set, createdWith(start, "normal", attrs("plan", "global", "requester_tz", "Asia/Tokyo")),
			fieldsChanged(mon("01:00"), attrs("plan", "global", "requester_tz", "Europe/Paris")),
			status(mon("02:00"), "Solved"), status(mon("03:00"), "Open"))
		res1 := cycleOfAgreement(t, s, "Global", "resolution", 1)
		res2 := cycleOfAgreement(t, s, "Global", "resolution", 2)
		if res1.Zone != "Asia/Tokyo" || res2.Zone != "Europe/Paris" {
			t.Errorf("resolution cycles in %q and %q, want Asia/Tokyo and Europe/Paris", res1.Zone, res2.Zone)
		}
	})
}

// TestEventBounds pins what Evaluate refuses in an event's ID and fields:
// more than the bounds, or text the stored form could not carry (it is
// JSON, UTF-8), each with the path to it and the state unchanged; and
// that what lies exactly at the bounds is taken and survives the stored
// form.
func TestEventBounds(t *testing.T) {
	set := loadSet(t)
	base, _ := replay(t, set, created(mon("09:00"), "enterprise", "normal"))
	many := func(n int) policy.Fields {
		f := attrs("plan", "enterprise")
		for i := len(f.Attributes); i < n; i++ {
			f.Attributes["a"+strconv.Itoa(i)] = "v"
		}
		return f
	}
	tags := func(tags ...string) policy.Fields {
		f := attrs("plan", "enterprise")
		f.Tags = tags
		return f
	}
	long := strings.Repeat("x", 1024)
	tests := []struct {
		name string
		ev   sla.Event
		path string
		is   error // nil: taken
	}{
		{"an ID of 128 bytes", withID(note(mon("10:00")), strings.Repeat("i", 128)), "", nil},
		{"an ID of 129 bytes", withID(note(mon("10:00")), strings.Repeat("i", 129)), "event.id", sla.ErrBadID},
		{"an ID that is not UTF-8", withID(note(mon("10:00")), "key-\xff"), "event.id", sla.ErrBadID},
		{"256 attributes", fieldsChanged(mon("10:00"), many(256)), "", nil},
		{"257 attributes", fieldsChanged(mon("10:00"), many(257)), "event.fields.attributes", sla.ErrBadFields},
		{"256 tags", fieldsChanged(mon("10:00"), tags(strings.Split(strings.Repeat("t,", 255)+"t", ",")...)), "", nil},
		{"257 tags", fieldsChanged(mon("10:00"), tags(strings.Split(strings.Repeat("t,", 256)+"t", ",")...)), "event.fields.tags", sla.ErrBadFields},
		{"names, values and tags of 1024 bytes", fieldsChanged(mon("10:00"), func() policy.Fields {
			f := tags(long)
			f.Attributes[long] = long
			return f
		}()), "", nil},
		{"a name of 1025 bytes", fieldsChanged(mon("10:00"), attrs("plan", "enterprise", long+"x", "v")), "event.fields.attributes", sla.ErrBadFields},
		{"a value of 1025 bytes", fieldsChanged(mon("10:00"), attrs("plan", "enterprise", "note", long+"x")), "event.fields.attributes.note", sla.ErrBadFields},
		{"a tag of 1025 bytes", fieldsChanged(mon("10:00"), tags("vip", long+"x")), "event.fields.tags[1]", sla.ErrBadFields},
		{"a name that is not UTF-8", fieldsChanged(mon("10:00"), attrs("plan", "enterprise", "n\xc3", "v")), "event.fields.attributes", sla.ErrBadFields},
		{"a value that is not UTF-8", fieldsChanged(mon("10:00"), attrs("plan", "enterprise", "site", "K\xf6ln")), "event.fields.attributes.site", sla.ErrBadFields},
		{"a tag that is not UTF-8", fieldsChanged(mon("10:00"), tags("\xed\xa0\x80")), "event.fields.tags[0]", sla.ErrBadFields},
		{"fields on Created too", createdWith(mon("09:00"), "normal", attrs("plan", "\xff")), "event.fields.attributes.plan", sla.ErrBadFields},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base
			if tt.ev.Kind == policy.Created {
				s = sla.State{}
			}
			before := s
			got, _, err := sla.Evaluate(set, s, tt.ev)
			if tt.is == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				var back sla.State
				if err := back.UnmarshalJSON([]byte(mustJSON(got))); err != nil || !back.Equal(got) {
					t.Fatalf("the stored form does not give the state back: %v", err)
				}
				return
			}
			var e *sla.Error
			if !errors.As(err, &e) || !errors.Is(err, tt.is) || e.Path != tt.path {
				t.Fatalf("error %v, want an *sla.Error at %s wrapping %v", err, tt.path, tt.is)
			}
			if !s.Equal(before) {
				t.Errorf("a refused event changed the state")
			}
		})
	}
}

// FuzzEventText gives Evaluate any text as an event's ID, an attribute's
// name and value and a tag: it takes the event, and its state's stored
// form gives that state back, or it refuses it with an *sla.Error and the
// state unchanged.
func FuzzEventText(f *testing.F) {
	f.Add("r-1", "site", "Köln", "vip")
	f.Add("key-\xff", "plan", "enterprise", "")
	f.Add("", "n\xc3", "v", "\xed\xa0\x80")
	f.Add("\u2028", "\x00", "\"\\", "\U0010ffff")
	set := loadSet(f)
	base, _ := replay(f, set, created(mon("09:00"), "enterprise", "normal"))
	f.Fuzz(func(t *testing.T, id, name, value, tag string) {
		f := attrs("plan", "enterprise", name, value)
		f.Tags = []string{tag}
		for _, ev := range []sla.Event{withID(note(mon("10:00")), id), withID(fieldsChanged(mon("10:00"), f), id)} {
			got, _, err := sla.Evaluate(set, base, ev)
			if err != nil {
				if !errors.As(err, new(*sla.Error)) {
					t.Fatalf("error %v (%T), want an *sla.Error", err, err)
				}
				continue
			}
			var back sla.State
			if err := back.UnmarshalJSON([]byte(mustJSON(got))); err != nil || !back.Equal(got) {
				t.Fatalf("%v: the stored form does not give the state back: %v", ev, err)
			}
		}
	})
}
