package sla_test

import (
	"encoding/json"
	"fmt"

	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// A ticket's SLA badge and sidebar on Monday morning: the ticket came on
// Friday afternoon and no one has answered. The goal of the first response
// was due at Friday's close, so it was missed at Monday's opening; the
// resolution is a business day from Friday 15:00.
func ExampleState_View() {
	set := exampleSet()
	state, _, err := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(6, 15, 0), Status: "New", Priority: "normal"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	view, err := state.View(set, nyTime(9, 9, 25)) // no Tick needed
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range view.Metrics {
		fmt.Printf("%s (goal %s, promise %s): %s, %s\n", m.Metric, m.Goal, m.Promise, m.Verdict, m.Line)
		fmt.Printf("  used %v, left %v, goal due %s\n", m.Used, m.Left, m.GoalDue.Format("Mon 15:04 MST"))
	}
	b := view.NextBreach
	fmt.Printf("next breach: %s %s at %s\n", b.Metric, b.Kind, b.At.Format("Mon 15:04:05.999999999 MST"))
	// Output:
	// first_response (goal 2h, promise 4h): goal missed, goal missed 25 min ago, promise breaks in 1h 35m
	//   used 2h25m0s, left -25m0s, goal due Fri 17:00 EST
	// resolution (goal 1bd, promise 2bd): on track, breaches in 5h 35m
	//   used 2h25m0s, left 5h35m0s, goal due Mon 15:00 EDT
	// next breach: first_response promise_breached at Mon 11:00:00.000000001 EDT
}

// A ticket's cycles, drawn: business time counted on Friday afternoon and
// Monday morning, the weekend outside business hours, the resolution paused
// while the ticket waited for the customer (the first response does not
// pause), and the marks of the goal.
func ExampleState_Timeline() {
	set := exampleSet()
	state, _, err := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(6, 15, 0), Status: "New", Priority: "normal"},
		{Kind: policy.StatusChanged, At: nyTime(9, 10, 0), Status: "Waiting for customer"},
		{Kind: policy.StatusChanged, At: nyTime(9, 10, 30), Status: "Open"},
		{Kind: policy.PublicReply, At: nyTime(9, 10, 45)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	lanes, err := state.Timeline(set, nyTime(9, 12, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lanes {
		c := l.Cycle
		fmt.Printf("%s #%d: %s (%s)\n", c.Metric, c.Number, c.Verdict, c.Line)
		for _, s := range l.Segments {
			fmt.Printf("  %-13s %s to %s\n", s.Kind, s.Start.Format("Mon 15:04 MST"), s.End.Format("Mon 15:04 MST"))
		}
		fmt.Printf("  goal due %s", c.GoalDue.Format("Mon 15:04 MST"))
		if !c.GoalBreached.IsZero() {
			fmt.Printf(", breached %s", c.GoalBreached.Format("Mon 15:04:05.999999999 MST"))
		}
		fmt.Println()
	}
	// Output:
	// first_response #1: met late (met 1h 45m over the goal)
	//   counted       Fri 15:00 EST to Fri 17:00 EST
	//   outside_hours Fri 17:00 EST to Mon 09:00 EDT
	//   counted       Mon 09:00 EDT to Mon 10:45 EDT
	//   goal due Fri 17:00 EST, breached Mon 09:00:00.000000001 EDT
	// resolution #1: on track (breaches in 3h 30m)
	//   counted       Fri 15:00 EST to Fri 17:00 EST
	//   outside_hours Fri 17:00 EST to Mon 09:00 EDT
	//   counted       Mon 09:00 EDT to Mon 10:00 EDT
	//   paused        Mon 10:00 EDT to Mon 10:30 EDT
	//   counted       Mon 10:30 EDT to Mon 12:00 EDT
	//   goal due Mon 15:30 EDT
}

// A view's JSON form, for a UI in another language.
func ExampleView_json() {
	set := exampleSet()
	state, _, _ := sla.Replay(set, []sla.Event{
		{Kind: policy.Created, At: nyTime(2, 9, 0), Status: "New", Priority: "normal"},
		{Kind: policy.StatusChanged, At: nyTime(2, 9, 30), Status: "Waiting for customer"},
	})
	view, _ := state.View(set, nyTime(2, 10, 0))
	b, _ := json.MarshalIndent(view, "", "  ")
	fmt.Println(string(b))
	// Output:
	// {
	//   "at": "2026-03-02T15:00:00Z",
	//   "metrics": [
	//     {
	//       "agreement": {
	//         "name": "Support",
	//         "kind": "sla"
	//       },
	//       "metric": "first_response",
	//       "cycle": 1,
	//       "stage": "running",
	//       "verdict": "on_track",
	//       "priority": "normal",
	//       "calendar": "business",
	//       "zone": "America/New_York",
	//       "goal": "2h",
	//       "promise": "4h",
	//       "start": "2026-03-02T09:00:00-05:00",
	//       "goal_due": "2026-03-02T11:00:00-05:00",
	//       "promise_due": "2026-03-02T13:00:00-05:00",
	//       "used": "1h0m0s",
	//       "left": "1h0m0s",
	//       "promise_left": "3h0m0s",
	//       "line": "breaches in 1h"
	//     },
	//     {
	//       "agreement": {
	//         "name": "Support",
	//         "kind": "sla"
	//       },
	//       "metric": "resolution",
	//       "cycle": 1,
	//       "stage": "paused",
	//       "verdict": "paused",
	//       "priority": "normal",
	//       "calendar": "business",
	//       "zone": "America/New_York",
	//       "goal": "1bd",
	//       "promise": "2bd",
	//       "start": "2026-03-02T09:00:00-05:00",
	//       "paused_since": "2026-03-02T09:30:00-05:00",
	//       "used": "30m0s",
	//       "left": "7h30m0s",
	//       "promise_left": "15h30m0s",
	//       "line": "paused since Mon 09:30 EST"
	//     }
	//   ],
	//   "next_breach": {
	//     "at": "2026-03-02T11:00:00.000000001-05:00",
	//     "kind": "goal_breached",
	//     "agreement": {
	//       "name": "Support",
	//       "kind": "sla"
	//     },
	//     "metric": "first_response",
	//     "cycle": 1
	//   },
	//   "next_warning": {
	//     "at": "2026-03-02T10:30:00-05:00",
	//     "kind": "warning",
	//     "agreement": {
	//       "name": "Support",
	//       "kind": "sla"
	//     },
	//     "metric": "first_response",
	//     "cycle": 1,
	//     "warning": "75%"
	//   }
	// }
}

func ExampleVerdict() {
	for v := sla.VerdictNotStarted; v <= sla.VerdictCancelled; v++ {
		code, _ := v.MarshalText()
		fmt.Printf("%s (%s)\n", v, code)
	}
	// Output:
	// not started (not_started)
	// not measured (not_measured)
	// on track (on_track)
	// at risk (at_risk)
	// paused (paused)
	// goal missed (goal_missed)
	// promise broken (promise_broken)
	// met in time (met_in_time)
	// met late (met_late)
	// cancelled (cancelled)
}
