package sla_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

var (
	fuzzPlans      = []string{"recompute", "restart", "business", "custom", "conditions", "enterprise", "none"}
	fuzzStatuses   = []string{"New", "Open", "In progress", "Pending", "On hold", "Solved", "Closed", "open", "Limbo", ""}
	fuzzPriorities = []string{"low", "normal", "high", "urgent", "critical"}
)

// eventsFrom turns bytes into a ticket history: a creation, then one event
// per three bytes (kind, minutes since the last one, a status or priority).
// Some events are bad on purpose: unknown kinds and names, instants out of
// order, events after close.
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
		Kind: sla.Created, At: at,
		Status:   []string{"New", "Open", "Pending", ""}[b0%4],
		Priority: fuzzPriorities[int(b1)%4],
		Fields:   fields(fuzzPlans[int(b2)%len(fuzzPlans)]),
		ByAgent:  b0&0x80 != 0, Actor: "someone",
	}
	events := []sla.Event{first}
	for i := 3; i+2 < len(data); i += 3 {
		k, d, p := data[i], data[i+1], data[i+2]
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
		ev := sla.Event{Kind: sla.Kind(k % 10), At: at} // 0 and 9 are unknown kinds
		switch ev.Kind {
		case sla.StatusChanged:
			ev.Status = fuzzStatuses[int(p)%len(fuzzStatuses)]
		case sla.PriorityChanged:
			ev.Priority = fuzzPriorities[int(p)%len(fuzzPriorities)]
		case sla.AttributesChanged:
			ev.Fields = fields(fuzzPlans[int(p)%len(fuzzPlans)])
		case sla.Created:
			ev.Priority = "normal"
		}
		events = append(events, ev)
	}
	return events
}

type transitionKey struct {
	kind   sla.TransitionKind
	metric string
	cycle  int
	at     time.Time
}

// checkHistory applies events one by one and checks, after each: a
// refused event leaves the state as it was; transitions are sorted, lie
// between the last event and this one, and none repeats; the state's JSON
// round-trips exactly and the decoded state goes on as the original;
// NextDeadline is after the event, a tick just before it emits nothing and
// a tick at it emits what is due then; other events applied to the same
// state leave it as it was and are not changed by what follows. At the
// end, Replay of the accepted events gives the same state and transitions.
func checkHistory(t *testing.T, set *policy.Set, events []sla.Event) {
	t.Helper()
	var s sla.State
	var accepted []sla.Event
	var all []sla.Transition
	seen := map[transitionKey]bool{}
	once := map[transitionKey]bool{} // started, breaches, met, cancelled: once per cycle
	type branch struct {
		state sla.State
		json  string
	}
	var branches []branch
	for i, ev := range events {
		before := mustJSON(t, s)
		next, ts, err := sla.Evaluate(set, s, ev)
		if err != nil {
			if got := mustJSON(t, next); got != before || ts != nil {
				t.Fatalf("event %d (%v) refused (%v) but the state changed or transitions came", i, ev.Kind, err)
			}
			continue
		}
		if mustJSON(t, s) != before {
			t.Fatalf("event %d: the state given changed", i)
		}
		evAt := ev.At.UTC()
		for k, x := range ts {
			if k > 0 && ts[k-1].At.After(x.At) {
				t.Fatalf("event %d: transitions out of order: %v", i, ts)
			}
			if x.At.After(evAt) || x.At.Before(s.Last()) {
				t.Fatalf("event %d at %v, last %v: transition %v outside", i, evAt, s.Last(), x)
			}
			key := transitionKey{x.Kind, x.Metric, x.Cycle, x.At}
			if seen[key] {
				t.Fatalf("event %d: transition %v emitted twice", i, x)
			}
			seen[key] = true
			if x.Kind != sla.Warning && x.Kind != sla.Paused && x.Kind != sla.Resumed {
				key.at = time.Time{}
				if once[key] {
					t.Fatalf("event %d: %v twice in one cycle", i, x)
				}
				once[key] = true
			}
		}
		accepted = append(accepted, ev)
		all = append(all, ts...)

		// JSON round trip, and the decoded state goes on the same way.
		b := mustJSON(t, next)
		var back sla.State
		if err := json.Unmarshal([]byte(b), &back); err != nil {
			t.Fatalf("event %d: decoding the state: %v\n%s", i, err, b)
		}
		if got := mustJSON(t, back); got != b {
			t.Fatalf("event %d: round trip:\n%s\nwant\n%s", i, got, b)
		}

		// Status measures each clock as the clock.Timer of its JSON form
		// does.
		checkStatusAgainstTimers(t, set, next, b, next.Last())
		checkStatusAgainstTimers(t, set, next, b, next.Last().Add(90*time.Minute))

		// NextDeadline, on the decoded state and on the one in memory,
		// which shares what the event did not change with earlier states:
		// both branches give the same, and leave the state as it was.
		if d := next.NextDeadline(); !d.IsZero() {
			if !d.After(next.Last()) {
				t.Fatalf("event %d: NextDeadline %v not after the last event %v", i, d, next.Last())
			}
			var results []string
			for _, from := range []sla.State{back, next} {
				afterEarly, early, err := sla.Evaluate(set, from, tick(d.Add(-time.Nanosecond)))
				if err != nil || len(early) != 0 {
					t.Fatalf("event %d: a tick 1ns before NextDeadline %v: %v, %v", i, d, early, err)
				}
				afterDue, due, err := sla.Evaluate(set, from, tick(d))
				if err != nil || len(due) == 0 {
					t.Fatalf("event %d: a tick at NextDeadline %v: %v, %v", i, d, due, err)
				}
				for _, x := range due {
					if !x.At.Equal(d) {
						t.Fatalf("event %d: a tick at NextDeadline %v emitted %v", i, d, x)
					}
				}
				results = append(results, mustJSON(t, afterEarly)+mustJSON(t, afterDue)+mustJSON(t, due))
			}
			if results[0] != results[1] {
				t.Fatalf("event %d: ticks on the decoded state and on the state in memory differ:\n%s\n%s", i, results[0], results[1])
			}
			if mustJSON(t, next) != b {
				t.Fatalf("event %d: ticks on the state changed it", i)
			}
		}
		// Other events on the same state, each followed by a second one:
		// branches that share with the main line what they did not change.
		// None may change the main line, nor be changed by it; checked at
		// the end.
		at := next.Last().Add(time.Minute)
		for k, alt := range []sla.Event{status(at, "Pending"), status(at, "Solved"), reply(at), customer(at)} {
			b1, _, err := sla.Evaluate(set, next, alt)
			if err != nil {
				continue
			}
			then := []sla.Event{status(at.Add(time.Hour), "Open"), reply(at.Add(time.Hour))}[k%2]
			if b2, _, err := sla.Evaluate(set, b1, then); err == nil {
				b1 = b2
			}
			branches = append(branches, branch{b1, mustJSON(t, b1)})
		}
		s = next
		if i%2 == 1 {
			s = back // go on from the decoded state every other time
		}
	}
	for _, b := range branches {
		if got := mustJSON(t, b.state); got != b.json {
			t.Fatalf("a branch changed after it was made:\n%s\nwant\n%s", got, b.json)
		}
	}
	rs, rts, err := sla.Replay(set, accepted)
	if err != nil {
		t.Fatalf("Replay: %v", err)
	}
	if got, want := mustJSON(t, rs), mustJSON(t, s); got != want {
		t.Fatalf("Replay state:\n%s\nwant\n%s", got, want)
	}
	if diff := cmp.Diff(all, rts); diff != "" {
		t.Fatalf("Replay transitions (-one by one +replay):\n%s", diff)
	}
	if _, err := s.Status(set, s.Last().Add(time.Hour)); err != nil {
		t.Fatalf("Status: %v", err)
	}
}

func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{0, 1, 0, 3, 5, 0, 2, 10, 3, 5, 30, 0, 6, 2, 3, 8, 100, 0})
	f.Add([]byte{1, 3, 1, 5, 2, 0, 6, 20, 1, 8, 200, 0, 3, 1, 0, 2, 5, 5, 2, 5, 6, 8, 140, 0})
	f.Add([]byte{0, 2, 2, 2, 60, 3, 2, 100, 1, 6, 10, 3, 8, 250, 0, 2, 10, 5, 2, 1, 1, 8, 140, 0})
	f.Add([]byte{0, 1, 3, 2, 30, 3, 2, 60, 1, 2, 10, 4, 2, 60, 1, 2, 30, 5, 8, 99, 0})
	f.Add([]byte{0x80, 0, 0, 4, 5, 0, 3, 5, 0, 5, 5, 0, 3, 5, 0, 2, 255, 0, 7, 5, 1, 9, 5, 0})
	f.Add([]byte{0, 0, 1, 8, 150, 0, 8, 151, 0, 6, 0, 3, 6, 0, 0, 3, 1, 0})
	set := loadSet(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 600 {
			data = data[:600]
		}
		checkHistory(t, set, eventsFrom(data))
	})
}

// TestRandomHistories runs the checks of FuzzEvaluate on many random
// histories, from fixed seeds.
func TestRandomHistories(t *testing.T) {
	set := loadSet(t)
	n := 1500
	if testing.Short() {
		n = 150
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		data := make([]byte, 3+3*r.IntN(40))
		for k := range data {
			data[k] = byte(r.UintN(256))
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

func TestReplayEqualsEvaluate(t *testing.T) {
	set := loadSet(t)
	events := []sla.Event{
		created(mon("09:00"), "recompute", "normal"),
		customer(mon("09:05")),
		reply(mon("09:30")),
		customer(mon("10:00")),
		status(mon("10:10"), "Pending"),
		customer(mon("11:00")),
		status(mon("11:00"), "Open"),
		priority(mon("12:00"), "urgent"),
		tick(mon("14:00")),
		reply(mon("15:00")),
		status(mon("16:00"), "Solved"),
		status(mon("17:00"), "Open"),
		status(mon("18:00"), "Closed"),
		tick(mon("23:00")),
	}
	want, wantTs := replay(t, set, events...)
	got, gotTs, err := sla.Replay(set, events)
	if err != nil {
		t.Fatal(err)
	}
	if mustJSON(t, got) != mustJSON(t, want) {
		t.Errorf("Replay state:\n%s\nwant\n%s", mustJSON(t, got), mustJSON(t, want))
	}
	if diff := cmp.Diff(wantTs, gotTs); diff != "" {
		t.Errorf("Replay transitions (-Evaluate +Replay):\n%s", diff)
	}

	// A refused event: the state after the last good one, and its index.
	bad := append(append([]sla.Event{}, events[:5]...), reply(mon("08:00")))
	part, partTs, err := sla.Replay(set, bad)
	var ee *sla.EventError
	if !errorAs(err, &ee) || ee.Index != 5 || !errorIs(err, sla.ErrOutOfOrder) {
		t.Fatalf("Replay of a bad history: %v", err)
	}
	wantPart, wantPartTs := replay(t, set, events[:5]...)
	if mustJSON(t, part) != mustJSON(t, wantPart) {
		t.Errorf("Replay's state on error is not the state after the last good event")
	}
	if diff := cmp.Diff(wantPartTs, partTs); diff != "" {
		t.Errorf("Replay's transitions on error (-want +got):\n%s", diff)
	}
}

// FuzzStateJSON decodes arbitrary bytes as a State: whatever decodes must
// encode back to the same bytes and take any event without panicking.
func FuzzStateJSON(f *testing.F) {
	set := loadSet(f)
	f.Add([]byte(goldenState))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	for _, events := range [][]sla.Event{
		goldenEvents(),
		benchHistory()[:20],
		{created(mon("09:00"), "recompute", "urgent"), reply(mon("09:10")), priority(mon("09:20"), "normal"), tick(mon("12:00"))},
		{created(mon("09:00"), "custom", "normal"), status(mon("10:00"), "On hold"), status(mon("11:00"), "Closed")},
	} {
		s, _, err := sla.Replay(set, events)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := json.Marshal(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sla.State
		if err := s.UnmarshalJSON(data); err != nil {
			return
		}
		b := mustJSON(t, s)
		var back sla.State
		if err := back.UnmarshalJSON([]byte(b)); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if got := mustJSON(t, back); got != b {
			t.Fatalf("round trip:\n%s\nwant\n%s", got, b)
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
			if _, _, err := sla.Evaluate(set, s, ev); err == nil {
				_, _ = s.Status(set, at)
			}
		}
		_, _ = sla.Summarize(set, []sla.State{s}, s.Created(), at)
	})
}

// checkStatusAgainstTimers checks that s.Status at at reports, for each
// metric, the business time used and the instants due that the
// clock.Timer written in s's JSON form b gives.
func checkStatusAgainstTimers(t *testing.T, set *policy.Set, s sla.State, b string, at time.Time) {
	t.Helper()
	var form struct {
		Metrics []struct {
			Timer clock.Timer `json:"timer"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal([]byte(b), &form); err != nil {
		t.Fatalf("reading the timers of %s: %v", b, err)
	}
	st, err := s.Status(set, at)
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	for i, ms := range st {
		if ms.Stage == sla.StageIdle {
			continue
		}
		timer := form.Metrics[i].Timer
		cal, ok := set.Calendar(ms.Calendar)
		if !ok {
			t.Fatalf("no calendar %q", ms.Calendar)
		}
		if open := ms.Stage == sla.StageRunning || ms.Stage == sla.StagePaused; open {
			if want := timer.Elapsed(cal, at); ms.Used != want {
				t.Fatalf("%s at %v: Used %v, the timer's Elapsed %v", ms.Metric, at, ms.Used, want)
			}
		}
		for _, x := range []struct {
			name   string
			target time.Duration
			got    time.Time
		}{{"GoalDue", ms.Goal, ms.GoalDue}, {"PromiseDue", ms.Promise, ms.PromiseDue}} {
			if x.target <= 0 {
				continue
			}
			want, ok := timer.Due(cal, x.target)
			if !ok {
				want = time.Time{}
			}
			if !x.got.Equal(want) {
				t.Fatalf("%s: %s %v, the timer's Due %v (%v)", ms.Metric, x.name, x.got, want, ok)
			}
		}
	}
}
