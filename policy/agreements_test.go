package policy_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

func TestSelectOnePerKind(t *testing.T) {
	set, err := policy.Load([]byte(doc(`
		{"name": "Team B", "kind": "ola", "match": {"group": ["b"]}, "calendar": "24x7", "targets": {"resolution": {"normal": {"goal": "4h"}}}},
		{"name": "Enterprise", "match": {"plan": ["enterprise"]}, "calendar": "24x7", "targets": {"resolution": {"normal": {"goal": "8h"}}}},
		{"name": "Any team", "kind": "ola", "calendar": "24x7", "targets": {"resolution": {"normal": {"goal": "6h"}}}},
		{"name": "Vendor", "kind": "uc", "match": {"vendor": ["acme"]}, "calendar": "24x7", "targets": {"resolution": {"normal": {"goal": "2bd"}}}},
		{"name": "Standard", "calendar": "24x7", "targets": {"resolution": {"normal": {"goal": "16h"}}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		fields policy.Fields
		want   string
	}{
		{"an SLA and an OLA, in the order of the kinds", attrs("plan", "enterprise", "group", "b"),
			"Enterprise (sla) + Team B (ola)"},
		{"within a kind the first match in the document wins", attrs("plan", "enterprise"), "Enterprise (sla) + Any team (ola)"},
		{"one of each kind", attrs("plan", "free", "group", "b", "vendor", "acme"), "Standard (sla) + Team B (ola) + Vendor (uc)"},
		{"the fallback of each kind", policy.Fields{}, "Standard (sla) + Any team (ola)"},
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, agreementNames(set.Select(tt.fields, at))); diff != "" {
				t.Errorf("Select (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAgreementOptions(t *testing.T) {
	set, err := policy.Load([]byte(doc(`
		{"name": "Follow", "calendar": "business", "zone_field": "requester_tz", "retroactive": true,
		 "targets": {"first_response": {"normal": {"goal": "4h", "escalate": ["150%", "2h", "300%"]},
		                                 "high": {"goal": "2h", "zone_field": "site_tz"},
		                                 "low": {"goal": "1bd", "calendar": "24x7"}}}},
		{"name": "Plain", "calendar": "24x7", "targets": {"resolution": {"normal": {"goal": "4h"}}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	follow, plain := set.Policies()[0], set.Policies()[1]
	if !follow.Retroactive() || plain.Retroactive() {
		t.Errorf("Retroactive: %v, %v; want true, false", follow.Retroactive(), plain.Retroactive())
	}
	tests := []struct {
		name        string
		p           *policy.Policy
		metric      string
		priority    string
		zoneField   string
		escalations []string
	}{
		{"a target takes the policy's zone field", follow, "first_response", "normal", "requester_tz", []string{"150%", "2h", "300%"}},
		{"a target's own zone field wins", follow, "first_response", "high", "site_tz", nil},
		{"the policy's zone field for a target in another calendar", follow, "first_response", "low", "requester_tz", nil},
		{"no zone field", plain, "resolution", "normal", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg, ok := tt.p.Target(tt.metric, tt.priority)
			if !ok {
				t.Fatal("no target")
			}
			var esc []string
			for _, e := range tg.Escalations {
				esc = append(esc, e.String())
			}
			got := struct {
				Zone        string
				Escalations []string
			}{tg.ZoneField, esc}
			want := struct {
				Zone        string
				Escalations []string
			}{tt.zoneField, tt.escalations}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("target (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEscalations(t *testing.T) {
	tests := []struct {
		text      string
		goal      time.Duration
		promise   time.Duration
		threshold time.Duration
	}{
		{"150%", 4 * time.Hour, 6 * time.Hour, 6 * time.Hour},
		{"200.5%", 2 * time.Hour, 3 * time.Hour, 4*time.Hour + 36*time.Second},
		{"2h", 4 * time.Hour, 6 * time.Hour, 8 * time.Hour},
		{"30m", 4 * time.Hour, 4 * time.Hour, 4*time.Hour + 30*time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			e, err := policy.ParseEscalation(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Threshold(tt.goal, tt.promise); got != tt.threshold || e.String() != tt.text {
				t.Errorf("%s: threshold %v (%s), want %v", tt.text, got, e, tt.threshold)
			}
		})
	}
}

func TestCalendarIn(t *testing.T) {
	set, err := policy.Load([]byte(doc(`{"name": "Follow", "calendar": "business", "zone_field": "tz",
		"targets": {"first_response": {"normal": {"goal": "4h"}}, "resolution": {"normal": {"goal": "1bd"}}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Policies()[0]
	fr, _ := p.Target("first_response", "normal")
	res, _ := p.Target("resolution", "normal")
	own, err := fr.CalendarIn("")
	if err != nil || own != fr.Calendar {
		t.Errorf(`CalendarIn("") = %p, %v; want the calendar itself`, own, err)
	}
	if same, _ := fr.CalendarIn("America/New_York"); same != fr.Calendar {
		t.Error("CalendarIn of the calendar's own zone is another calendar")
	}
	paris, err := fr.CalendarIn("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := res.CalendarIn("Europe/Paris"); again != paris {
		t.Error("the same calendar in the same zone was built twice")
	}
	// The same weekly hours, holidays and overrides, read in Paris.
	want, err := calendar.New(calendar.Spec{Zone: "Europe/Paris", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}})
	if err != nil {
		t.Fatal(err)
	}
	for h := range 48 {
		at := time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC).Add(time.Duration(h) * time.Hour)
		if paris.IsOpen(at) != want.IsOpen(at) {
			t.Errorf("at %v: open %v, the calendar built in Paris says %v", at, paris.IsOpen(at), want.IsOpen(at))
		}
	}
	for _, zone := range []string{"Mars/Olympus", "Local", "../../etc/passwd"} {
		_, err := fr.CalendarIn(zone)
		var e *policy.Error
		if !errors.Is(err, policy.ErrUnknownZone) || !errors.As(err, &e) || e.Value != zone {
			t.Errorf("CalendarIn(%q): %v; want ErrUnknownZone naming it", zone, err)
		}
	}
}

// TestCalendarInConcurrent asks for the same zones from many goroutines
// (run it with -race): each (calendar, zone) is built once and every
// caller gets that one.
func TestCalendarInConcurrent(t *testing.T) {
	set, err := policy.Load([]byte(doc(`{"name": "Follow", "calendar": "business", "zone_field": "tz",
		"targets": {"first_response": {"normal": {"goal": "4h"}}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	tg, _ := set.Policies()[0].Target("first_response", "normal")
	zones := []string{"Europe/Paris", "Asia/Tokyo", "Australia/Lord_Howe", "America/St_Johns"}
	got := make([][]*calendar.Calendar, 8)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, z := range zones {
				c, err := tg.CalendarIn(z)
				if err != nil {
					return // the check below sees the nil
				}
				got[g] = append(got[g], c)
			}
		}()
	}
	wg.Wait()
	for g := range got {
		if len(got[g]) != len(zones) {
			t.Fatalf("goroutine %d got %d calendars, want %d", g, len(got[g]), len(zones))
		}
		for i := range zones {
			if got[g][i] != got[0][i] {
				t.Errorf("goroutine %d got another %s calendar", g, zones[i])
			}
		}
	}
}

func TestLocationAndZoneFields(t *testing.T) {
	set, err := policy.Load([]byte(doc(`{"name": "Follow", "calendar": "business", "zone_field": "tz",
		"targets": {"first_response": {"normal": {"goal": "4h"}, "high": {"goal": "2h", "zone_field": "site_tz"}}}},
		{"name": "Plain", "kind": "ola", "calendar": "24x7", "targets": {"resolution": {"normal": {"goal": "4h"}}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"site_tz", "tz"}, set.Policies()[0].ZoneFields()); diff != "" {
		t.Errorf("ZoneFields (-want +got):\n%s", diff)
	}
	if got := set.Policies()[1].ZoneFields(); got != nil {
		t.Errorf("ZoneFields of a policy in its own zones: %v", got)
	}
	loc, err := set.Location("Asia/Kolkata")
	if err != nil || loc.String() != "Asia/Kolkata" {
		t.Errorf("Location: %v, %v", loc, err)
	}
	for _, zone := range []string{"", "Local", "Mars/Olympus"} {
		if _, err := set.Location(zone); !errors.Is(err, policy.ErrUnknownZone) {
			t.Errorf("Location(%q): %v, want ErrUnknownZone", zone, err)
		}
	}
}

// TestCalendarInBuildsOncePerZone: a set used with 20 zones by many tickets
// builds 20 calendars, not one per ticket.
func TestCalendarInBuildsOncePerZone(t *testing.T) {
	set, err := policy.Load([]byte(doc(`{"name": "Follow", "calendar": "business", "zone_field": "tz",
		"targets": {"first_response": {"normal": {"goal": "4h"}}, "resolution": {"normal": {"goal": "1bd"}}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Policies()[0]
	zones := []string{"Europe/Paris", "Europe/London", "Europe/Berlin", "Asia/Tokyo", "Asia/Kolkata", "Asia/Tehran",
		"Australia/Sydney", "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham", "America/St_Johns",
		"America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "America/Santiago",
		"Africa/Cairo", "Africa/Casablanca", "Asia/Jerusalem", "America/Havana"}
	built := map[*calendar.Calendar]bool{}
	for ticket := range 500 {
		for _, metric := range []string{"first_response", "resolution"} {
			tg, _ := p.Target(metric, "normal")
			c, err := tg.CalendarIn(zones[ticket%len(zones)])
			if err != nil {
				t.Fatal(err)
			}
			built[c] = true
		}
	}
	if len(built) != len(zones) {
		t.Errorf("1000 lookups in %d zones gave %d calendars, want %d", len(zones), len(built), len(zones))
	}
}
