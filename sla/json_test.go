package sla_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// goldenState is the stored form of the state goldenEvents give.
const goldenState = `{"format":1,"created":"2026-03-02T09:00:00Z","last":"2026-03-02T12:00:00Z","status":"open",` +
	`"priority":"normal","fields":{"attributes":{"plan":"restart"}},"statuses":[["2026-03-02T09:00:00Z","open"],` +
	`["2026-03-02T10:00:00Z","pending"],["2026-03-02T11:00:00Z","solved"],["2026-03-02T12:00:00Z","open"]],` +
	`"ids":["c","s1","r","s2","s3"],"agreements":[{"name":"Restart","kind":"sla","metrics":[` +
	`{"name":"first_response","cycles":[{"stage":"met","priority":"normal","end":"2026-03-02T10:30:00Z",` +
	`"spans":["2026-03-02T09:00:00Z","2026-03-02T10:30:00Z"]}]},` +
	`{"name":"resolution","cycles":[{"stage":"met","priority":"normal","end":"2026-03-02T11:00:00Z",` +
	`"spans":["2026-03-02T09:00:00Z","2026-03-02T10:00:00Z"]},` +
	`{"stage":"running","priority":"normal","spans":["2026-03-02T12:00:00Z"]}]}]}],"check":"` + goldenCheck + `"}`

const goldenCheck = "57c4d4c3"

func goldenEvents() []sla.Event {
	return []sla.Event{
		withID(created(mon("09:00"), "restart", "normal"), "c"),
		withID(status(mon("10:00"), "Pending"), "s1"),
		withID(reply(mon("10:30")), "r"),
		withID(status(mon("11:00"), "Solved"), "s2"),
		withID(status(mon("12:00"), "Open"), "s3"),
	}
}

func TestStateJSON(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, goldenEvents()...)
	if got := mustJSON(s); got != goldenState {
		t.Errorf("stored form:\n%s\nwant\n%s", got, goldenState)
	}
	var back sla.State
	if err := json.Unmarshal([]byte(goldenState), &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(s) {
		t.Errorf("decoded state differs from the original")
	}
	// The decoded state goes on exactly as the original.
	for _, ev := range []sla.Event{status(mon("13:00"), "Pending"), tick(mon("23:00")), reply(mon("23:30"))} {
		s1, t1, err1 := sla.Evaluate(set, s, ev)
		s2, t2, err2 := sla.Evaluate(set, back, ev)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(t1, t2); diff != "" {
			t.Errorf("%v: transitions differ (-original +decoded):\n%s", ev.Kind, diff)
		}
		if !s1.Equal(s2) {
			t.Errorf("%v: states differ", ev.Kind)
		}
		s, back = s1, s2
	}
	if got := mustJSON(sla.State{}); got != `{"format":1,"check":"`+mustCheck(`{"format":1`)+`"}` {
		t.Errorf("the zero State encodes as %s", got)
	}
	for _, zero := range []string{`{"format":1}`, mustJSON(sla.State{})} {
		var z sla.State
		if err := json.Unmarshal([]byte(zero), &z); err != nil || !z.Equal(sla.State{}) {
			t.Errorf("%s decodes to %v, %v; want the zero State", zero, z.Created(), err)
		}
	}
}

// mustCheck returns the check of a state whose canonical body is body.
func mustCheck(body string) string {
	var s sla.State
	b, _ := json.Marshal(s)
	if !strings.HasPrefix(string(b), body) {
		panic("unexpected body")
	}
	return strings.TrimSuffix(strings.TrimPrefix(string(b), body+`,"check":"`), `"}`)
}

func TestStateJSONOffsets(t *testing.T) {
	// Instants given in any location are recorded in UTC, so the state does
	// not depend on the caller's zone.
	set := loadSet(t)
	tokyo := time.FixedZone("JST", 9*3600)
	a, ta := replay(t, set, created(mon("09:00"), "recompute", "normal"), reply(mon("10:00")), tick(mon("23:00")))
	b, tb := replay(t, set, created(mon("09:00").In(tokyo), "recompute", "normal"), reply(mon("10:00").In(tokyo)), tick(mon("23:00").In(tokyo)))
	if mustJSON(a) != mustJSON(b) || mustJSON(ta) != mustJSON(tb) {
		t.Errorf("state or transitions depend on the events' location")
	}
}

// unchecked returns the stored form s without its check, as a state
// written by hand is.
func unchecked(s string) string {
	i := strings.Index(s, `,"check":`)
	if i < 0 {
		return s
	}
	return s[:i] + "}"
}

func TestStateJSONStrict(t *testing.T) {
	golden := unchecked(goldenState)
	edit := func(old, new string) string {
		if !strings.Contains(golden, old) {
			panic("golden state lacks " + old)
		}
		return strings.Replace(golden, old, new, 1)
	}
	tests := []struct {
		name, doc, path string
		is              error
	}{
		{"not JSON", `{"created":`, "created", sla.ErrBadState},
		{"an empty object: no format", `{}`, "format", sla.ErrFormat},
		{"not an object", `[]`, "", sla.ErrBadState},
		{"no format: stored before format 1", `{"created": "2026-03-02T09:00:00Z"}`, "format", sla.ErrFormat},
		{"a format from the future", `{"format": 2}`, "format", sla.ErrFormat},
		{"a state v0.1.0 wrote", `{"created":"2026-03-02T09:00:00Z","last":"2026-03-02T09:00:00Z","policy":{"name":"Standard"},"metrics":[]}`, "format", sla.ErrFormat},
		{"an unknown field", edit(`"priority":"normal",`, `"priority":"normal","colour":"red",`), "colour", sla.ErrBadState},
		{"a repeated field", edit(`"priority":"normal",`, `"priority":"normal","priority":"high",`), "priority", sla.ErrBadState},
		{"data after the state", golden + ` {}`, "", sla.ErrBadState},
		{"fields but no creation instant", `{"format":1,"last":"2026-03-02T12:00:00Z","status":"open"}`, "created", sla.ErrBadState},
		{"statuses that do not begin at creation", edit(`"statuses":[["2026-03-02T09:00:00Z","open"]`, `"statuses":[["2026-03-02T09:30:00Z","open"]`), "statuses", sla.ErrBadState},
		{"statuses that do not end in the status", edit(`"status":"open"`, `"status":"pending"`), "statuses", sla.ErrBadState},
		{"statuses out of order", edit(`["2026-03-02T10:00:00Z","pending"]`, `["2026-03-02T08:00:00Z","pending"]`), "statuses[1]", sla.ErrBadState},
		{"an agreement attached before creation", edit(`"kind":"sla",`, `"kind":"sla","attached":"2026-03-01T00:00:00Z",`), "agreements[0].attached", sla.ErrBadState},
		{"an agreement detached with a cycle open", edit(`"kind":"sla",`, `"kind":"sla","detached":"2026-03-02T11:30:00Z",`), "agreements[0].metrics[1]", sla.ErrBadState},
		{"escalation levels out of order", edit(`"stage":"running","priority":"normal",`, `"stage":"running","priority":"normal","escalated":[2,1],`), "agreements[0].metrics[1].cycles[1].escalated[1]", sla.ErrBadState},
		{"a malformed instant", edit(`"last":"2026-03-02T12:00:00Z"`, `"last":"noon"`), "last", sla.ErrBadState},
		{"an instant out of range", edit(`"last":"2026-03-02T12:00:00Z"`, `"last":"2300-01-01T00:00:00Z"`), "last", sla.ErrBadState},
		{"last before created", edit(`"last":"2026-03-02T12:00:00Z"`, `"last":"2026-03-01T12:00:00Z"`), "last", sla.ErrBadState},
		{"an unknown status", edit(`"status":"open"`, `"status":"limbo"`), "status", sla.ErrBadState},
		{"an unknown stage", edit(`"stage":"running"`, `"stage":"sleeping"`), "agreements[0].metrics[1].cycles[1].stage", sla.ErrBadState},
		{"a running cycle with its span closed", edit(`"stage":"running","priority":"normal","spans":["2026-03-02T12:00:00Z"]`,
			`"stage":"running","priority":"normal","spans":["2026-03-02T12:00:00Z","2026-03-02T12:00:00Z"]`), "agreements[0].metrics[1].cycles[1].spans", sla.ErrBadState},
		{"a met cycle without end", edit(`"stage":"met","priority":"normal","end":"2026-03-02T10:30:00Z",`, `"stage":"met","priority":"normal",`),
			"agreements[0].metrics[0].cycles[0].end", sla.ErrBadState},
		{"spans out of order", edit(`"spans":["2026-03-02T09:00:00Z","2026-03-02T10:30:00Z"]`, `"spans":["2026-03-02T09:00:00Z","2026-03-02T08:30:00Z"]`),
			"agreements[0].metrics[0].cycles[0].spans[1]", sla.ErrBadState},
		{"an end before the last span", edit(`"end":"2026-03-02T10:30:00Z"`, `"end":"2026-03-02T10:00:00Z"`), "agreements[0].metrics[0].cycles[0].end", sla.ErrBadState},
		{"a cycle after an open one", edit(`"spans":["2026-03-02T12:00:00Z"]}`, `"spans":["2026-03-02T12:00:00Z"]},{"stage":"running","spans":["2026-03-02T12:00:00Z"]}`),
			"agreements[0].metrics[1].cycles[2]", sla.ErrBadState},
		{"an instant after last", edit(`"spans":["2026-03-02T12:00:00Z"]`, `"spans":["2026-03-02T13:00:00Z"]`), "agreements[0].metrics[1].cycles", sla.ErrBadState},
		{"a metric listed twice", edit(`{"name":"resolution"`, `{"name":"first_response"`), "agreements[0].metrics[1].name", sla.ErrBadState},
		{"an unknown kind of agreement", edit(`"kind":"sla"`, `"kind":"xla"`), "agreements[0].kind", sla.ErrBadState},
		{"an ID listed twice", edit(`"ids":["c",`, `"ids":["c","c",`), "ids[1]", sla.ErrBadState},
		{"a silent cycle that reported", edit(`"stage":"running","priority":"normal",`, `"stage":"running","priority":"normal","silent":true,"warned":1,`),
			"agreements[0].metrics[1].cycles[1].silent", sla.ErrBadState},
		{"a check that does not match", goldenState[:len(goldenState)-10] + `00000000"}`, "check", sla.ErrBadState},
		{"a content edit under the check", strings.Replace(goldenState, `"2026-03-02T10:30:00Z","spans"`, `"2026-03-02T10:31:00Z","spans"`, 1), "check", sla.ErrBadState},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := replay(t, loadSet(t), goldenEvents()[:2]...)
			before := s
			err := s.UnmarshalJSON([]byte(tt.doc)) // json.Unmarshal reports malformed JSON itself, as a *json.SyntaxError
			var e *sla.Error
			if !errors.As(err, &e) || !errors.Is(err, tt.is) {
				t.Fatalf("error %v (%T), want an *sla.Error wrapping %v", err, err, tt.is)
			}
			if e.Path != tt.path {
				t.Errorf("error %v: path %q, want %q", err, e.Path, tt.path)
			}
			if !s.Equal(before) {
				t.Errorf("a failed decode changed the state")
			}
		})
	}
}

// TestStateJSONMessages pins what the decoder's errors say where the
// path and sentinel alone would not tell a reader what to do.
func TestStateJSONMessages(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"an unknown field lists the valid ones", `{"format":1,"colour":"red"}`,
			`sla: colour: bad stored state: unknown field: want one of "format", "created", "last", "status", "priority", "by_agent", "fields", "statuses", "ids", "agreements", "check"`},
		{"a state before format 1 says how to carry it over", `{"created":"2026-03-02T09:00:00Z","policy":{}}`,
			`sla: format: unknown state format: missing: a state stored before format 1 cannot be read; rebuild it with Replay from the ticket's events`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sla.State
			if err := s.UnmarshalJSON([]byte(tt.doc)); err == nil || err.Error() != tt.want {
				t.Errorf("error %v\nwant  %s", err, tt.want)
			}
		})
	}
}

// TestEditedStatesFailOrBehaveTheSame deletes each key and changes each
// value of stored states from random histories, one edit at a time: every
// edited state either fails to decode with an *sla.Error naming a path, or
// decodes to a state equal to the original that goes on as it does.
func TestEditedStatesFailOrBehaveTheSame(t *testing.T) {
	set := loadSet(t)
	n := 30
	if long() {
		n = 300
	}
	r := rand.New(rand.NewPCG(3, 4))
	edits, kept := 0, 0
	for i := range n {
		data := make([]byte, 3+3*r.IntN(30))
		for k := range data {
			data[k] = byte(r.UintN(256)) & 0x7f
			if k%3 == 1 {
				data[k] = byte(r.UintN(40))
			}
		}
		s, _, _ := sla.Replay(set, eventsFrom(data))
		stored := mustJSON(s)
		for _, edited := range editsOf(t, stored) {
			if edited == "null" {
				continue // null decodes to nothing, leaving the value as it was: encoding/json's convention
			}
			edits++
			var got sla.State
			err := json.Unmarshal([]byte(edited), &got)
			if err != nil {
				var e *sla.Error
				if !errors.As(err, &e) || !errors.Is(err, sla.ErrBadState) && !errors.Is(err, sla.ErrFormat) {
					t.Fatalf("history %d: edit\n%s\nfails with %v (%T), not an *sla.Error wrapping ErrBadState or ErrFormat", i, edited, err, err)
				}
				if e.Path == "" && json.Valid([]byte(edited)) {
					t.Fatalf("history %d: edit\n%s\nfails with %v, which names no path", i, edited, err)
				}
				continue
			}
			kept++
			if !got.Equal(s) {
				t.Fatalf("history %d: edit\n%s\nof\n%s\ndecodes to another state", i, edited, stored)
			}
			checkSameBehaviour(t, set, s, got)
		}
	}
	t.Logf("%d edits of %d states: %d decoded (to the original state), %d refused", edits, n, kept, edits-kept)
}

// editsOf returns stored with one key deleted, or one value changed, in
// every way editOne knows, each a document of its own.
func editsOf(t *testing.T, stored string) []string {
	var out []string
	var walk func(path []any)
	var root any
	if err := json.Unmarshal([]byte(stored), &root); err != nil {
		t.Fatal(err)
	}
	emit := func() { out = append(out, mustJSON(root)) }
	walk = func(path []any) {
		v := get(root, path)
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				val := x[k]
				delete(x, k)
				emit()
				x[k] = val
				walk(append(slices.Clone(path), k))
			}
		case []any:
			for i := range x {
				walk(append(slices.Clone(path), i))
			}
		}
		for _, other := range changes(v) {
			set(&root, path, other)
			emit()
			set(&root, path, v)
		}
	}
	walk(nil)
	return out
}

// changes returns other values for v: of another type, and of the same.
func changes(v any) []any {
	out := []any{nil}
	switch x := v.(type) {
	case string:
		out = append(out, "", x+"x", 7.0)
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			out = append(out, t.Add(time.Second).Format(time.RFC3339Nano), t.Add(-time.Hour).Format(time.RFC3339Nano),
				t.In(time.FixedZone("", 3600)).Format(time.RFC3339Nano)) // the same instant, written another way
		}
		for _, other := range []string{"running", "paused", "met", "cancelled", "open", "pending", "solved", "sla", "ola", "urgent", "low"} {
			if other != x {
				out = append(out, other)
			}
		}
	case float64:
		out = append(out, x+1, x-1, 0.0, "1")
	case bool:
		out = append(out, !x)
	case []any:
		out = append(out, []any{})
		if len(x) > 0 {
			out = append(out, x[1:], append(slices.Clone(x), x[len(x)-1]))
		}
	case map[string]any:
		out = append(out, map[string]any{})
	}
	return out
}

func get(v any, path []any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

func set(root *any, path []any, val any) {
	if len(path) == 0 {
		*root = val
		return
	}
	parent := get(*root, path[:len(path)-1])
	switch k := path[len(path)-1].(type) {
	case string:
		parent.(map[string]any)[k] = val
	case int:
		parent.([]any)[k] = val
	}
}

// checkSameBehaviour applies the same events to a and b and fails unless
// they give the same transitions and states.
func checkSameBehaviour(t *testing.T, set *policy.Set, a, b sla.State) {
	t.Helper()
	at := a.Last().Add(time.Minute)
	if a.Last().IsZero() {
		at = mon("09:00")
	}
	for _, ev := range []sla.Event{tick(at.Add(100 * time.Hour)), reply(at), status(at, "Pending"), created(at, "recompute", "normal")} {
		sa, ta, ea := sla.Evaluate(set, a, ev)
		sb, tb, eb := sla.Evaluate(set, b, ev)
		if (ea == nil) != (eb == nil) || !sa.Equal(sb) || !cmp.Equal(ta, tb) {
			t.Fatalf("%v: the decoded state behaves otherwise: %v / %v", ev.Kind, ea, eb)
		}
	}
	if !a.NextDeadline(set).Equal(b.NextDeadline(set)) {
		t.Fatalf("NextDeadline differs")
	}
}

// FuzzStateJSON decodes arbitrary bytes as a State: whatever decodes must
// encode back to an equal state and take any event without panicking. The
// seeds are stored states, with and without their check, so that the
// fuzzer reaches the validation behind the check.
func FuzzStateJSON(f *testing.F) {
	set := loadSet(f)
	f.Add([]byte(goldenState))
	f.Add([]byte(unchecked(goldenState)))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	for _, events := range [][]sla.Event{
		goldenEvents(),
		benchHistory()[:20],
		{created(mon("09:00"), "recompute", "urgent"), reply(mon("09:10")), priority(mon("09:20"), "normal"), tick(mon("12:00"))},
		{created(mon("09:00"), "custom", "normal"), status(mon("10:00"), "On hold"), status(mon("11:00"), "Closed")},
		{created(mon("09:00"), "recompute", ""), status(mon("10:00"), "Pending"), priority(mon("11:00"), "low")},
	} {
		s, _, err := sla.Replay(set, events)
		if err != nil {
			f.Fatal(err)
		}
		b := mustJSON(s)
		f.Add([]byte(b))
		f.Add([]byte(unchecked(b)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sla.State
		if err := s.UnmarshalJSON(data); err != nil {
			var e *sla.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T, not an *sla.Error", err, err)
			}
			return
		}
		b := mustJSON(s)
		var back sla.State
		if err := back.UnmarshalJSON([]byte(b)); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if !back.Equal(s) || mustJSON(back) != b {
			t.Fatalf("round trip of %s differs", b)
		}
		at := s.Last().Add(time.Hour)
		if s.Last().IsZero() {
			at = mon("09:00")
		}
		for _, ev := range []sla.Event{
			tick(at), reply(at), customer(at), note(at), status(at, "Pending"), status(at, "Open"),
			status(at, "Solved"), status(at, "Closed"), priority(at, "urgent"), priority(at, "low"),
			created(at, "recompute", "normal"), tick(at.Add(1000 * time.Hour)),
		} {
			if next, _, err := sla.Evaluate(set, s, ev); err == nil {
				_, _ = next.Status(set, at)
				_ = next.NextDeadline(set)
			}
		}
		_, _ = s.Cycles(set)
		_, _ = sla.Summarize(set, []sla.State{s}, s.Created(), at)
	})
}

// longHistory is a ticket of n events on the Enterprise policy: benchHistory's
// pattern of replies, notes, pauses, priority changes and ticks, repeated.
func longHistory(n int) []sla.Event {
	base := benchHistory()
	pattern := base[1 : len(base)-1]
	events := []sla.Event{base[0]}
	at := base[0].At
	for i := 0; len(events) < n; i++ {
		ev := pattern[i%len(pattern)]
		at = at.Add(53 * time.Minute)
		ev.At, ev.ID = at, fmt.Sprintf("evt-%d", len(events))
		events = append(events, ev)
	}
	return events
}

// BenchmarkStateJSON measures the stored form's codec on tickets of 10 to
// 10,000 events, beside encoding/json on the same bytes in the same run:
// decode is State.UnmarshalJSON, json-any json.Unmarshal of the same bytes
// into an any; encode is State.MarshalJSON, json-any-encode json.Marshal of
// that any.
func BenchmarkStateJSON(b *testing.B) {
	set := loadSet(b)
	for _, n := range []int{10, 50, 100, 1000, 10000} {
		s, _, err := sla.Replay(set, longHistory(n))
		if err != nil {
			b.Fatal(err)
		}
		data, _ := json.Marshal(s)
		var tree any
		if err := json.Unmarshal(data, &tree); err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("events=%d", n)
		b.Run(name+"/decode", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var u sla.State
				if err := u.UnmarshalJSON(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/json-any-decode", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var v any
				if err := json.Unmarshal(data, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/encode", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := s.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/json-any-encode", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := json.Marshal(tree); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStoreCycle is what a helpdesk does on every ticket event: decode
// the stored state, Evaluate the event, encode the new state. It runs the
// last event of tickets of 10 to 10,000 events, from their stored states.
func BenchmarkStoreCycle(b *testing.B) {
	set := loadSet(b)
	for _, n := range []int{10, 100, 1000, 10000} {
		events := longHistory(n + 1)
		s, _, err := sla.Replay(set, events[:n])
		if err != nil {
			b.Fatal(err)
		}
		stored, _ := json.Marshal(s)
		ev := events[n]
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var u sla.State
				if err := u.UnmarshalJSON(stored); err != nil {
					b.Fatal(err)
				}
				next, _, err := sla.Evaluate(set, u, ev)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := next.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
				_ = next.NextDeadline(set)
			}
		})
	}
}

func TestCycleAndStatusJSON(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, created(mon("09:00"), "recompute", "normal"), reply(mon("14:00")))
	cs := cycles(t, set, s)
	b, err := json.Marshal(cs[0])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"agreement":{"name":"Recompute","kind":"sla"},"metric":"first_response","number":1,"stage":"met",` +
		`"priority":"normal","calendar":"24x7","goal":"4h0m0s","promise":"6h0m0s","start":"2026-03-02T09:00:00Z",` +
		`"end":"2026-03-02T14:00:00Z","goal_due":"2026-03-02T13:00:00Z","goal_breached_at":"2026-03-02T13:00:00.000000001Z","used":"5h0m0s"}`
	if string(b) != want {
		t.Errorf("Cycle JSON:\n%s\nwant\n%s", b, want)
	}
	var back []sla.Cycle
	if err := json.Unmarshal([]byte(mustJSON(cs)), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cs, back); diff != "" {
		t.Errorf("Cycles round trip (-want +got):\n%s", diff)
	}
	st, err := s.Status(set, mon("15:00"))
	if err != nil {
		t.Fatal(err)
	}
	var stBack []sla.MetricStatus
	if err := json.Unmarshal([]byte(mustJSON(st)), &stBack); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st, stBack); diff != "" {
		t.Errorf("Status round trip (-want +got):\n%s", diff)
	}
	if got := mustJSON(sla.MetricStatus{Metric: "first_response", Priority: "normal"}); got != `{"metric":"first_response","stage":"idle","priority":"normal"}` {
		t.Errorf("an idle metric's status: %s", got)
	}
	zoned := sla.Cycle{Metric: "first_response", Number: 1, Stage: sla.StageRunning, Calendar: "business", Zone: "Europe/Paris"}
	if got, want := mustJSON(zoned), `{"metric":"first_response","number":1,"stage":"running","calendar":"business","zone":"Europe/Paris"}`; got != want {
		t.Errorf("a cycle in the ticket's zone:\n%s\nwant\n%s", got, want)
	}
	var zonedBack sla.Cycle
	if err := json.Unmarshal([]byte(mustJSON(zoned)), &zonedBack); err != nil || zonedBack != zoned {
		t.Errorf("a cycle in the ticket's zone round trip: %+v, %v; want %+v", zonedBack, err, zoned)
	}
	zonedStatus := sla.MetricStatus{Metric: "first_response", Cycle: 1, Stage: sla.StageRunning, Calendar: "business", Zone: "Europe/Paris"}
	var zonedStatusBack sla.MetricStatus
	if err := json.Unmarshal([]byte(mustJSON(zonedStatus)), &zonedStatusBack); err != nil || zonedStatusBack != zonedStatus {
		t.Errorf("a status in the ticket's zone round trip: %+v, %v; want %+v", zonedStatusBack, err, zonedStatus)
	}
}
