package sla_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// exampleDocument is a small policy document: one policy, business hours
// in New York.
const exampleDocument = `{
  "calendars": {"business": {"zone": "America/New_York", "hours": {"mon-fri": ["09:00-17:00"]}}},
  "statuses": {"New": "new", "Open": "open", "Waiting for customer": "pending",
               "Solved": "solved", "Closed": "closed"},
  "priorities": ["normal", "urgent"],
  "policies": [{
    "name": "Support", "calendar": "business",
    "metrics": {"first_response": {}, "resolution": {}},
    "targets": {
      "first_response": {"normal": {"goal": "2h", "promise": "4h", "warn": ["75%"]},
                         "urgent": {"goal": "30m", "promise": "1h"}},
      "resolution": {"normal": {"goal": "1bd", "promise": "2bd"},
                     "urgent": {"goal": "4h", "promise": "8h"}}},
    "credits": [{"below": "95%", "credit": "10%"}]}]}`

func exampleSet() *policy.Set {
	set, err := policy.Load([]byte(exampleDocument))
	if err != nil {
		panic(err)
	}
	return set
}

var newYork = func() *time.Location {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	return ny
}()

// nyTime is an instant in March 2026, New York time.
func nyTime(day, hour, min int) time.Time { return time.Date(2026, 3, day, hour, min, 0, 0, newYork) }

// show formats an instant in New York, with nanoseconds when there are any.
func show(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.In(newYork).Format("Mon Jan 2 15:04:05.999999999")
}

func printTransitions(ts []sla.Transition) {
	for _, t := range ts {
		if t.Metric == "" { // the agreement itself attached or detached
			fmt.Printf("  %-16s %s at %s\n", t.Kind, t.Agreement.Name, show(t.At))
			continue
		}
		fmt.Printf("  %-16s %s #%d at %s\n", t.Kind, t.Metric, t.Cycle, show(t.At))
	}
}

// A ticket opened on Friday afternoon, before a weekend and the
// spring-forward change: business time stops at 17:00 on Friday and goes on
// at 09:00 on Monday.
func ExampleEvaluate() {
	set := exampleSet()
	var state sla.State // a ticket not yet created
	for _, ev := range []sla.Event{
		{Kind: policy.Created, At: nyTime(6, 15, 0), Status: "New", Priority: "normal", Actor: "customer"},
		{Kind: policy.Tick, At: nyTime(9, 9, 30)}, // the wake-up came late: Monday
		{Kind: policy.PublicReply, At: nyTime(9, 9, 45), Actor: "ann"},
	} {
		next, transitions, err := sla.Evaluate(set, state, ev)
		if err != nil {
			fmt.Println(err) // state is still good
			return
		}
		state = next // store it with the ticket
		fmt.Println(ev.Kind)
		printTransitions(transitions)
	}
	// Output:
	// created
	//   attached         Support at Fri Mar 6 15:00:00
	//   started          first_response #1 at Fri Mar 6 15:00:00
	//   started          resolution #1 at Fri Mar 6 15:00:00
	// tick
	//   warning          first_response #1 at Fri Mar 6 16:30:00
	//   goal_breached    first_response #1 at Mon Mar 9 09:00:00.000000001
	// public_reply
	//   met              first_response #1 at Mon Mar 9 09:45:00
}

// Replay gives what Evaluate gives event by event.
func ExampleReplay() {
	set := exampleSet()
	state, transitions, err := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(2, 9, 0), Status: "New", Priority: "urgent"},
		{Kind: policy.PublicReply, At: nyTime(2, 9, 20)},
		{Kind: policy.StatusChanged, At: nyTime(2, 10, 0), Status: "Waiting for customer"},
		{Kind: policy.StatusChanged, At: nyTime(2, 15, 0), Status: "Open"},
		{Kind: policy.StatusChanged, At: nyTime(2, 16, 0), Status: "Solved"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	printTransitions(transitions)
	cycles, err := state.Cycles(set)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cycles {
		fmt.Printf("%s #%d: %s, used %v of %v\n", c.Metric, c.Number, c.Stage, c.Used, c.Goal)
	}
	// Output:
	//   attached         Support at Mon Mar 2 09:00:00
	//   started          first_response #1 at Mon Mar 2 09:00:00
	//   started          resolution #1 at Mon Mar 2 09:00:00
	//   met              first_response #1 at Mon Mar 2 09:20:00
	//   paused           resolution #1 at Mon Mar 2 10:00:00
	//   resumed          resolution #1 at Mon Mar 2 15:00:00
	//   met              resolution #1 at Mon Mar 2 16:00:00
	// first_response #1: met, used 20m0s of 30m0s
	// resolution #1: met, used 2h0m0s of 4h0m0s
}

func ExampleState_Status() {
	set := exampleSet()
	state, _, err := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(6, 15, 0), Status: "New", Priority: "normal"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	status, err := state.Status(set, nyTime(9, 10, 0)) // Monday 10:00, no tick since Friday
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range status {
		fmt.Printf("%s #%d %s (%s): used %v, left %v (%.0f%%), goal due %s, promise due %s, breached %v/%v\n",
			m.Metric, m.Cycle, m.Stage, m.Priority, m.Used, m.Left, 100*m.Fraction,
			show(m.GoalDue), show(m.PromiseDue), m.GoalBreached, m.PromiseBreached)
	}
	// Output:
	// first_response #1 running (normal): used 3h0m0s, left -1h0m0s (150%), goal due Fri Mar 6 17:00:00, promise due Mon Mar 9 11:00:00, breached true/false
	// resolution #1 running (normal): used 3h0m0s, left 5h0m0s (38%), goal due Mon Mar 9 15:00:00, promise due Tue Mar 10 15:00:00, breached false/false
}

func ExampleState_NextDeadline() {
	set := exampleSet()
	state, _, _ := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(2, 9, 0), Status: "New", Priority: "normal"},
	})
	for {
		next := state.NextDeadline(set) // a whole second
		if next.IsZero() {
			fmt.Println("nothing more will happen without an event")
			break
		}
		// The application schedules a wake-up at next; here it comes at once.
		var transitions []sla.Transition
		state, transitions, _ = sla.Evaluate(set, state, sla.Event{Kind: policy.Tick, At: next})
		printTransitions(transitions)
	}
	// Output:
	//   warning          first_response #1 at Mon Mar 2 10:30:00
	//   goal_breached    first_response #1 at Mon Mar 2 11:00:00.000000001
	//   promise_breached first_response #1 at Mon Mar 2 13:00:00.000000001
	//   goal_breached    resolution #1 at Tue Mar 3 09:00:00.000000001
	//   promise_breached resolution #1 at Wed Mar 4 09:00:00.000000001
	// nothing more will happen without an event
}

func ExampleSummarize() {
	set := exampleSet()
	var states []sla.State
	// One ticket a day, answered 1h to 5h after it came: a goal of 2h and a
	// promise of 4h, each met when used exactly.
	for day := 2; day <= 6; day++ {
		s, _, _ := sla.Replay(set, []sla.Event{
			{Kind: policy.Created, At: nyTime(day, 9, 0), Status: "New", Priority: "normal"},
			{Kind: policy.PublicReply, At: nyTime(day, 9+day-1, 0)},
			{Kind: policy.StatusChanged, At: nyTime(day, 16, 0), Status: "Solved"},
		})
		states = append(states, s)
	}
	rows, err := sla.Summarize(set, states, nyTime(1, 0, 0), nyTime(8, 0, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Printf("%s %s %s %s: met %d, breached %d (goal %d), %s met, p50 %v, p90 %v, credit %s\n",
			r.Agreement.Name, r.Agreement.Kind, r.Metric, r.Priority, r.Met, r.Breached, r.GoalBreached, r.PercentMet, r.P50, r.P90, r.Credit)
	}
	// Output:
	// Support sla first_response normal: met 4, breached 1 (goal 3), 80% met, p50 3h0m0s, p90 5h0m0s, credit 10%
	// Support sla resolution normal: met 5, breached 0 (goal 0), 100% met, p50 7h0m0s, p90 7h0m0s, credit 0%
}

func ExampleEvent() {
	ev := sla.Event{ID: "evt-1", Kind: policy.Created, At: nyTime(2, 9, 0), Status: "New", Priority: "urgent",
		Fields: policy.Fields{Attributes: map[string]string{"plan": "enterprise"}}, Actor: "ann", ByAgent: true}
	b, _ := json.Marshal(ev)
	fmt.Println(string(b))
	// Output: {"id":"evt-1","kind":"created","at":"2026-03-02T09:00:00-05:00","status":"New","priority":"urgent","fields":{"attributes":{"plan":"enterprise"}},"actor":"ann","by_agent":true}
}

func ExampleTransition() {
	set := exampleSet()
	_, transitions, _ := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(2, 9, 0), Status: "New", Priority: "normal"},
		{Kind: policy.Tick, At: nyTime(2, 10, 30)},
	})
	last := transitions[len(transitions)-1]
	b, _ := json.Marshal(last)
	fmt.Println(last)
	fmt.Println(string(b))
	// Output:
	// 2026-03-02T15:30:00Z Support/first_response#1 warning (75%)
	// {"kind":"warning","agreement":{"name":"Support","kind":"sla"},"metric":"first_response","cycle":1,"at":"2026-03-02T15:30:00Z","priority":"normal","warning":"75%"}
}

func ExampleTransitionKind() {
	for k := sla.Attached; k <= sla.Detached; k++ {
		fmt.Print(k, " ")
	}
	fmt.Println()
	// Output: attached started resumed warning goal_breached promise_breached escalated paused met cancelled detached
}

func ExampleState_Cycles() {
	set := exampleSet()
	state, _, _ := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(2, 9, 0), Status: "New", Priority: "normal"},
		{Kind: policy.StatusChanged, At: nyTime(2, 11, 0), Status: "Solved"},
		{Kind: policy.StatusChanged, At: nyTime(2, 13, 0), Status: "Open"}, // reopened
		{Kind: policy.PriorityChanged, At: nyTime(2, 14, 0), Priority: "urgent"},
	})
	cycles, err := state.Cycles(set)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cycles {
		fmt.Printf("%s #%d %s, %s: goal %v, promise %v, from %s to %s, used %v\n",
			c.Metric, c.Number, c.Stage, c.Priority, c.Goal, c.Promise, show(c.Start), show(c.End), c.Used)
	}
	// Output:
	// first_response #1 running, urgent: goal 30m0s, promise 1h0m0s, from Mon Mar 2 09:00:00 to none, used 0s
	// resolution #1 met, normal: goal 8h0m0s, promise 16h0m0s, from Mon Mar 2 09:00:00 to Mon Mar 2 11:00:00, used 2h0m0s
	// resolution #2 running, urgent: goal 4h0m0s, promise 8h0m0s, from Mon Mar 2 13:00:00 to none, used 0s
}

func ExampleState_MarshalJSON() {
	set := exampleSet()
	state, _, _ := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(2, 9, 0), Status: "New", Priority: "urgent"},
		{Kind: policy.PublicReply, At: nyTime(2, 9, 20)},
	})
	stored, _ := json.Marshal(state)

	var loaded sla.State
	if err := json.Unmarshal(stored, &loaded); err != nil {
		fmt.Println(err)
		return
	}
	again, _ := json.Marshal(loaded)
	fmt.Println(string(again) == string(stored), show(loaded.NextDeadline(set)))
	// Output: true Mon Mar 2 13:00:01
}

func ExampleError() {
	set := exampleSet()
	state, _, _ := sla.Replay(set, []sla.Event{{Kind: policy.Created, At: nyTime(2, 9, 0), Priority: "normal"}})
	_, _, err := sla.Evaluate(set, state, sla.Event{Kind: policy.PublicReply, At: nyTime(2, 8, 0)})
	fmt.Println(err)
	fmt.Println(errors.Is(err, sla.ErrOutOfOrder))
	// Output:
	// sla: event.at: "2026-03-02T13:00:00Z": event earlier than the last one (2026-03-02T14:00:00Z)
	// true
}
