package policy

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/slaclock/slaclock/calendar"
)

// setOptions compare two sets in full: every unexported field, and
// calendars by the Spec they were built from.
var setOptions = cmp.Options{
	cmp.AllowUnexported(Set{}, Policy{}, fieldMatch{}, Duration{}, Target{}),
	cmp.Comparer(func(a, b *zoneCache) bool { return (a == nil) == (b == nil) }), // what it has built depends on who asked
	cmp.Comparer(func(a, b *calendar.Calendar) bool {
		if a == nil || b == nil {
			return a == b
		}
		return cmp.Equal(a.Spec(), b.Spec(), cmpopts.EquateEmpty())
	}),
}

// roundTrip marshals set, loads the result and returns it.
func roundTrip(t testing.TB, set *Set) *Set {
	t.Helper()
	data, err := set.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	again, err := Load(data)
	if err != nil {
		t.Fatalf("Load(MarshalJSON()): %v\n%s", err, data)
	}
	return again
}

func TestRoundTrip(t *testing.T) {
	sample, err := os.ReadFile("testdata/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{
		"sample": string(sample),
		"empty":  `{}`,
		"undated version with defaults": `{"calendars": {"c": {"zone": "Europe/Paris", "hours": {"mon": ["09:00-12:00", "13:00-17:00"], "sat": ["22:00-06:00"]}, "dates": {"2026-12-24": ["09:00-13:00"], "2026-12-31": []}}},
			"priorities": ["p1"],
			"policies": [{"name": "A", "targets": {"resolution": {"p1": {"goal": "90m", "promise": "1.5h", "calendar": "c", "warn": ["66.6667%", "1m30s"]}}}}]}`,
		"every field": `{"calendars": {"c": {"zone": "Asia/Kolkata", "hours": {"mon-sun": ["00:00-24:00"]}}},
			"statuses": {"Open": "open", "Hold": "on_hold", "open": "pending"},
			"priorities": ["p1", "p2"],
			"policies": [
				{"name": "A", "description": "d", "kind": "uc", "effective_from": "2026-03-01T10:30:00.5+05:30", "match": {"tags": ["x", "y"], "plan": ["z"]},
				 "calendar": "c", "zone_field": "tz", "on_priority_change": "restart", "retroactive": true,
				 "metrics": {"first_response": {"pause_while": [], "cancel": []}, "fr2": {"preset": "first_response"},
				             "custom": {"start": ["status:new", "customer_reply"], "pause_while": ["on_hold", "pending"], "stop": ["status:solved"], "cancel": ["priority_changed"], "restart_on_reopen": true}},
				 "targets": {"first_response": {"p1": {"goal": "1h"}}, "fr2": {"p2": {"promise": "0.5s"}}, "custom": {"p1": {"goal": "1bd", "promise": "2bd", "zone_field": "requester_tz", "warn": ["5m"], "escalate": ["150%", "2h", "300%"]}},
				             "periodic_update": {"p2": {"goal": "8h", "promise": "3bd"}}},
				 "credits": [{"below": "99.95%", "credit": "0.01%"}, {"below": "50%", "credit": "100%"}]},
				{"name": "A", "effective_from": "2027-03-01T00:00:00Z"}]}`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			set, err := Load([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(set, roundTrip(t, set), setOptions); diff != "" {
				t.Errorf("Load(MarshalJSON()) (-want +got):\n%s", diff)
			}
		})
	}
}

// The comparison itself must see a difference in any part of a set.
func TestRoundTripComparisonSeesDifferences(t *testing.T) {
	base := `{"calendars": {"c": {"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}}}, "priorities": ["p"],
		"policies": [{"name": "A", "calendar": "c", "targets": {"resolution": {"p": {"goal": "1h", "warn": ["50%"]}}}}]}`
	changes := []struct{ from, to string }{
		{`"09:00-17:00"`, `"09:00-16:00"`},
		{`"1h"`, `"61m"`},
		{`"50%"`, `"51%"`},
		{`"name": "A"`, `"name": "A", "kind": "ola"`},
		{`"name": "A"`, `"name": "A", "metrics": {"resolution": {"restart_on_reopen": false}}`},
	}
	a, err := Load([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		b, err := Load([]byte(strings.Replace(base, c.from, c.to, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if cmp.Equal(a, b, setOptions) {
			t.Errorf("sets differing by %s -> %s compare equal", c.from, c.to)
		}
	}
}

func FuzzLoad(f *testing.F) {
	sample, err := os.ReadFile("testdata/sample.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"policies": []}`, `{"priorities": ["a", "b"]}`,
		`{"statuses": {"x": "open"}}`,
		`{"calendars": {"c": {"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}}}, "priorities": ["p"], "policies": [{"name": "A", "calendar": "c", "targets": {"resolution": {"p": {"goal": "1h", "promise": "1bd", "warn": ["50%", "5m"]}}}, "credits": [{"below": "95%", "credit": "5%"}]}]}`,
		`{"calendars": {"c": {"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}}}, "priorities": ["p"], "policies": [{"name": "A", "calendar": "c", "metrics": {"m": {"start": ["created"], "stop": ["status:open"], "cancel": ["public_reply"]}}, "targets": {"m": {"p": {"goal": "2bd", "promise": "3bd"}}}}]}`,
		`{"policies": [{"name": "A", "effective_from": "2026-01-01T00:00:00Z"}, {"name": "A"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Load(data)
		if err != nil {
			var pe *Error
			if set != nil || !errors.As(err, &pe) {
				t.Fatalf("Load = %v, %v; want nil and a *Error", set, err)
			}
			return
		}
		if diff := cmp.Diff(set, roundTrip(t, set), setOptions); diff != "" {
			t.Errorf("Load(MarshalJSON()) (-want +got):\n%s", diff)
		}
	})
}
