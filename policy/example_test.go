package policy_test

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

//go:embed testdata/sample.json
var sampleJSON []byte

func newYork() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	return loc
}

// The whole path from a document to a due date: load the set, select the
// policy for a ticket, look up its target and count it in its calendar.
func Example() {
	set, err := policy.Load(sampleJSON)
	if err != nil {
		fmt.Println(err)
		return
	}
	created := time.Date(2026, 3, 2, 16, 0, 0, 0, newYork()) // a Monday
	ticket := policy.Fields{Attributes: map[string]string{"plan": "enterprise"}}
	agreements := set.Select(ticket, created) // at most one SLA, one OLA and one UC
	if len(agreements) == 0 {
		fmt.Println("no SLA")
		return
	}
	p := agreements[0]
	t, _ := p.Target("first_response", "high")
	fmt.Println(p)
	fmt.Println("goal:   ", t.Goal, "in", t.CalendarName, "hours, due", t.Goal.Due(t.Calendar, created).Format(time.RFC1123))
	fmt.Println("promise:", t.Promise, "due", t.Promise.Due(t.Calendar, created).Format(time.RFC1123))
	// Output:
	// Enterprise (sla, from 2026-01-01T00:00:00-05:00)
	// goal:    2h in business hours, due Tue, 03 Mar 2026 10:00:00 EST
	// promise: 4h due Tue, 03 Mar 2026 12:00:00 EST
}

func ExampleLoad() {
	_, err := policy.Load([]byte(`{
		"calendars": {"24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}},
		"priorities": ["normal", "urgent"],
		"policies": [{"name": "Basic", "calendar": "24x7",
		              "targets": {"resolution": {"urgent": {"goal": "4x"}}}}]}`))
	fmt.Println(err)
	fmt.Println(errors.Is(err, policy.ErrUnknownUnit))
	// Output:
	// policy: policies[0].targets.resolution.urgent.goal: "4x": unknown unit
	// true
}

// The errors the package doc shows, as Load writes them.
func ExampleLoad_errors() {
	calendars := `"calendars": {"24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}}`
	priorities := `"priorities": ["low", "normal", "high", "urgent"]`
	for _, doc := range []string{
		`{` + calendars + `, ` + priorities + `, "policies": [{"name": "Basic", "calendar": "24x7", "targets": {"resolution": {"low": {"goal": "4h"}}}},
			{"name": "P", "calendar": "24x7", "targets": {"resolution": {"urgent": {"goal": "4x"}}}}]}`,
		`{"policies": [{"name": "P", "kind": "contract"}]}`,
		`{` + calendars + `, ` + priorities + `, "policies": [{"name": "P", "calendar": "24x7", "targets": {"resolution": {"critical": {"goal": "4h"}}}}]}`,
		`{"statuses": {"Open": "open", "On hold": "hold"}}`,
		`{"priorities": [` + strings.Repeat(`"p", `, policy.MaxPriorities) + `"p"]}`,
		`{"priorities": ["low",]}`,
	} {
		_, err := policy.Load([]byte(doc))
		fmt.Println(err)
	}
	// Output:
	// policy: policies[1].targets.resolution.urgent.goal: "4x": unknown unit
	// policy: policies[0].kind: "contract": bad value: want one of sla, ola, uc
	// policy: policies[0].targets.resolution.critical: unknown priority: want one of low, normal, high, urgent
	// policy: statuses["On hold"]: "hold": unknown status category: want one of new, open, pending, on_hold, solved, closed
	// policy: priorities: over a limit: 1001 priorities, at most 1000
	// policy: priorities[1]: malformed JSON: invalid character ']' looking for the beginning of a value at offset 22
}

func ExampleSet() {
	set, err := policy.Load(sampleJSON)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(set.Priorities())
	fmt.Println(set.Calendars())
	for _, p := range set.Policies() {
		fmt.Println(p)
	}
	// Output:
	// [low normal high urgent]
	// [24x7 business]
	// First line (ola, from 2026-01-01T00:00:00-05:00)
	// Second line (ola, from 2026-01-01T00:00:00-05:00)
	// Enterprise (sla, from 2025-01-01T00:00:00-05:00)
	// Enterprise (sla, from 2026-01-01T00:00:00-05:00)
	// Standard (sla, from 2025-01-01T00:00:00-05:00)
}

func ExampleSet_Select() {
	set, _ := policy.Load(sampleJSON)
	ny := newYork()
	tickets := []struct {
		fields  policy.Fields
		created time.Time
	}{
		{policy.Fields{Attributes: map[string]string{"plan": "enterprise"}}, time.Date(2025, 6, 2, 9, 0, 0, 0, ny)},
		{policy.Fields{Attributes: map[string]string{"plan": "enterprise"}}, time.Date(2026, 6, 1, 9, 0, 0, 0, ny)},
		{policy.Fields{Attributes: map[string]string{"plan": "enterprise", "group": "second-line"}}, time.Date(2026, 6, 1, 9, 0, 0, 0, ny)},
		{policy.Fields{Attributes: map[string]string{"plan": "free"}}, time.Date(2026, 6, 1, 9, 0, 0, 0, ny)},
	}
	for _, t := range tickets {
		var names []string
		for _, p := range set.Select(t.fields, t.created) {
			names = append(names, p.String())
		}
		if len(names) == 0 {
			names = []string{"no agreement"}
		}
		fmt.Println(strings.Join(names, " + "))
	}
	// Output:
	// Enterprise (sla, from 2025-01-01T00:00:00-05:00)
	// Enterprise (sla, from 2026-01-01T00:00:00-05:00)
	// Enterprise (sla, from 2026-01-01T00:00:00-05:00) + Second line (ola, from 2026-01-01T00:00:00-05:00)
	// no agreement
}

func ExampleSet_Policy() {
	set, _ := policy.Load(sampleJSON)
	// A ticket stored the name of its policy; its creation instant finds
	// the same version again.
	created := time.Date(2025, 11, 20, 14, 0, 0, 0, newYork())
	p, ok := set.Policy("Enterprise", created)
	fmt.Println(p, ok)
	fmt.Println(p.EffectiveUntil())
	// Output:
	// Enterprise (sla, from 2025-01-01T00:00:00-05:00) true
	// 2026-01-01 00:00:00 -0500 -0500
}

func ExampleSet_Category() {
	set, _ := policy.Load(sampleJSON)
	for _, status := range []string{"In progress", "Waiting on vendor", "pending", "Escalated"} {
		c, ok := set.Category(status)
		fmt.Println(status+":", c, ok)
	}
	// Output:
	// In progress: open true
	// Waiting on vendor: on_hold true
	// pending: pending true
	// Escalated: none false
}

func ExampleSet_Statuses() {
	set, _ := policy.Load(sampleJSON)
	status := "Escalated"
	if _, ok := set.Category(status); !ok {
		fmt.Printf("unknown status %q: want one of %s\n", status, strings.Join(set.Statuses(), ", "))
	}
	// Output:
	// unknown status "Escalated": want one of Closed, In progress, New, Open, Pending, Solved, Waiting on vendor
}

func ExampleSet_Calendar() {
	set, _ := policy.Load(sampleJSON)
	business, _ := set.Calendar("business")
	// Friday 2026-07-03 is the observed Independence Day.
	t := time.Date(2026, 7, 3, 10, 0, 0, 0, newYork())
	fmt.Println(business.IsOpen(t))
	next, _ := business.NextOpen(t)
	fmt.Println(next)
	// Output:
	// false
	// 2026-07-06 09:00:00 -0400 EDT
}

func ExampleSet_MarshalJSON() {
	set, _ := policy.Load([]byte(`{
		"calendars": {"24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}},
		"priorities": ["urgent"],
		"policies": [{"name": "Basic", "calendar": "24x7",
		              "targets": {"first_response": {"urgent": {"promise": "90m"}}}}]}`))
	data, _ := set.MarshalJSON()
	fmt.Println(string(data))
	again, err := policy.Load(data)
	fmt.Println(len(again.Policies()), err)
	// Output:
	// {"calendars":{"24x7":{"zone":"UTC","hours":{"mon-sun":["00:00-24:00"]}}},"priorities":["urgent"],"policies":[{"name":"Basic","kind":"sla","calendar":"24x7","on_priority_change":"recompute","metrics":{"first_response":{"pause_while":[],"cancel":["status:closed"],"restart_on_reopen":false}},"targets":{"first_response":{"urgent":{"goal":"1h30m","promise":"1h30m","calendar":"24x7"}}}}]}
	// 1 <nil>
}

func ExamplePolicy() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Second line", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(p.Name(), "-", p.Description())
	fmt.Println(p.Kind(), p.OnPriorityChange(), p.Match())
	fmt.Println(p.Matches(policy.Fields{Attributes: map[string]string{"group": "second-line"}}))
	fmt.Println(p.InForce(time.Date(2025, 12, 31, 12, 0, 0, 0, time.UTC)), p.EffectiveFrom())
	// Output:
	// Second line - What the second-line team owes the first line on escalated tickets.
	// ola recompute map[group:[second-line]]
	// true
	// false 2026-01-01 00:00:00 -0500 -0500
}

func ExamplePolicy_Target() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Enterprise", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	for _, priority := range set.Priorities() {
		t, ok := p.Target("first_response", priority)
		fmt.Println(priority, t.Goal, t.Promise, t.CalendarName, t.Warnings, ok)
	}
	_, ok := p.Target("periodic_update", "low")
	fmt.Println("periodic_update at low:", ok)
	// Output:
	// low 8h 2bd business [] true
	// normal 4h 6h business [75%] true
	// high 2h 4h business [75%] true
	// urgent 30m 1h 24x7 [75% 10m] true
	// periodic_update at low: false
}

func ExamplePolicy_Metrics() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Second line", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	for _, m := range p.Metrics() {
		fmt.Printf("%s (%v): start %v, pause while %v, stop %v, cancel %v, restart on reopen %v\n",
			m.Name, m.Preset, m.Start, m.PauseWhile, m.Stop, m.Cancel, m.RestartOnReopen)
	}
	// Output:
	// resolution (resolution): start [created], pause while [pending on_hold], stop [status:solved status:closed], cancel [], restart on reopen true
	// triage (custom): start [created], pause while [pending], stop [status:open public_reply internal_note], cancel [status:closed], restart on reopen false
}

func ExamplePolicy_Metric() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Enterprise", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	m, ok := p.Metric("next_response")
	fmt.Println(m.Preset, m.Start, m.Stop, ok)
	_, ok = p.Metric("triage")
	fmt.Println(ok)
	// Output:
	// next_response [customer_reply] [public_reply] true
	// false
}

func ExamplePolicy_Credit() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Enterprise", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(p.Credits())
	// Promises kept out of promises made in a month.
	for _, c := range [][2]int{{200, 200}, {198, 200}, {197, 200}, {190, 200}, {189, 200}, {150, 200}} {
		fmt.Printf("%d/%d: %v\n", c[0], c[1], p.Credit(c[0], c[1]))
	}
	// Output:
	// [{99% 5%} {95% 10%} {90% 25%}]
	// 200/200: 0%
	// 198/200: 0%
	// 197/200: 5%
	// 190/200: 5%
	// 189/200: 10%
	// 150/200: 25%
}

func ExampleKind() {
	fmt.Println(policy.SLA, policy.OLA, policy.UC)
	var k policy.Kind
	err := k.UnmarshalText([]byte("ola"))
	fmt.Println(k == policy.OLA, err)
	// Output:
	// sla ola uc
	// true <nil>
}

func ExampleCategory() {
	var names []string
	for c := policy.CategoryNew; c <= policy.CategoryClosed; c++ {
		names = append(names, c.String())
	}
	fmt.Println(strings.Join(names, " "))
	fmt.Println(policy.Category(0))
	// Output:
	// new open pending on_hold solved closed
	// none
}

func ExampleEventKind() {
	var names []string
	for k := policy.Created; k <= policy.Tick; k++ {
		names = append(names, k.String())
	}
	fmt.Println(strings.Join(names, " "))
	var k policy.EventKind
	fmt.Println(k.UnmarshalText([]byte("attributes_changed")))
	_, err := policy.ParseCondition("tick")
	fmt.Println(err)
	// Output:
	// created status_changed public_reply internal_note customer_reply priority_changed fields_changed tick
	// policy: "attributes_changed": unknown event: want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, tick
	// policy: "tick": unknown event: a tick says only that time passed, no condition names it; want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, or status: and a category
}

func ExamplePriorityChange() {
	set, _ := policy.Load(sampleJSON)
	at := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	enterprise, _ := set.Policy("Enterprise", at)
	standard, _ := set.Policy("Standard", at)
	fmt.Println(enterprise.OnPriorityChange(), standard.OnPriorityChange())
	fmt.Println(standard.OnPriorityChange() == policy.Restart)
	// Output:
	// recompute restart
	// true
}

func ExamplePreset() {
	for p := policy.FirstResponse; p <= policy.Resolution; p++ {
		fmt.Println(p)
	}
	fmt.Println(policy.Custom)
	// Output:
	// first_response
	// next_response
	// periodic_update
	// resolution
	// custom
}

func ExamplePreset_Defaults() {
	m := policy.Resolution.Defaults()
	fmt.Println(m.Name, m.Start, m.PauseWhile, m.Stop, m.Cancel, m.RestartOnReopen)
	m = policy.FirstResponse.Defaults()
	fmt.Println(m.Name, m.Start, m.PauseWhile, m.Stop, m.Cancel, m.RestartOnReopen)
	// Output:
	// resolution [created] [pending] [status:solved status:closed] [] true
	// first_response [created] [] [public_reply] [status:closed] false
}

func ExampleCondition() {
	c := policy.Condition{Status: policy.CategorySolved}
	fmt.Println(c)
	fmt.Println(policy.Condition{Event: policy.PublicReply})
	// Output:
	// status:solved
	// public_reply
}

func ExampleCondition_Matches() {
	solved, _ := policy.ParseCondition("status:solved")
	fmt.Println(solved.Matches(policy.StatusChanged, policy.CategoryOpen, policy.CategorySolved))
	fmt.Println(solved.Matches(policy.CustomerReply, policy.CategorySolved, policy.CategorySolved)) // already solved
	reply, _ := policy.ParseCondition("public_reply")
	fmt.Println(reply.Matches(policy.PublicReply, policy.CategoryOpen, policy.CategoryPending))
	// Output:
	// true
	// false
	// true
}

func ExampleParseCondition() {
	for _, s := range []string{"customer_reply", "status:on_hold", "agent_reply", "status:waiting"} {
		c, err := policy.ParseCondition(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%v: event %d, status %v\n", c, c.Event, c.Status)
	}
	// Output:
	// customer_reply: event 5, status none
	// status:on_hold: event 0, status on_hold
	// policy: "agent_reply": unknown event: want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, or status: and a category
	// policy: "status:waiting": unknown status category: want one of new, open, pending, on_hold, solved, closed
}

func ExampleReopened() {
	fmt.Println(policy.Reopened(policy.CategorySolved, policy.CategoryOpen))
	fmt.Println(policy.Reopened(policy.CategorySolved, policy.CategoryClosed))
	fmt.Println(policy.Reopened(policy.CategoryPending, policy.CategoryOpen))
	// Output:
	// true
	// false
	// false
}

func ExampleMetric() {
	// What a custom metric does with a few events.
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Second line", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	triage, _ := p.Metric("triage")
	fmt.Println(triage.StartsOn(policy.Created, 0, policy.CategoryNew))
	fmt.Println(triage.PausedIn(policy.CategoryPending), triage.PausedIn(policy.CategoryOnHold))
	fmt.Println(triage.StopsOn(policy.InternalNote, policy.CategoryNew, policy.CategoryNew))
	fmt.Println(triage.CancelsOn(policy.StatusChanged, policy.CategoryNew, policy.CategoryClosed))
	// Output:
	// true
	// true false
	// true
	// true
}

func ExampleTarget() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Enterprise", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	t, _ := p.Target("resolution", "urgent")
	start := time.Date(2026, 3, 6, 22, 0, 0, 0, newYork()) // a Friday night: 24x7 counts it
	goal := t.Goal.Length(t.Calendar, start)
	fmt.Println("goal", t.Goal, "due", t.Goal.Due(t.Calendar, start).In(newYork()))
	for _, w := range t.Warnings {
		fmt.Println("warn", w, "after", w.Threshold(goal), "of business time")
	}
	// Output:
	// goal 4h due 2026-03-07 02:00:00 -0500 EST
	// warn 75% after 3h0m0s of business time
	// warn 30m after 3h30m0s of business time
}

func ExampleWarning() {
	w := policy.Warning{Fraction: 80 * policy.OnePercent}
	fmt.Println(w, w.Threshold(5*time.Hour))
	w = policy.Warning{Before: 20 * time.Minute}
	fmt.Println(w, w.Threshold(5*time.Hour))
	// Output:
	// 80% 4h0m0s
	// 20m 4h40m0s
}

func ExampleParseWarning() {
	for _, s := range []string{"75%", "1h15m", "100%", "1bd"} {
		w, err := policy.ParseWarning(s)
		fmt.Println(w.Fraction, w.Before, err)
	}
	// Output:
	// 75% 0s <nil>
	// 0% 1h15m0s <nil>
	// 0% 0s policy: "100%": warning outside the goal: at or past the goal
	// 0% 0s policy: "1bd": bad duration: a lead time is business time, not business days
}

func ExampleWarning_Threshold() {
	// A goal in business days has a length in business time once its start
	// is known; warnings are measured against that length.
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Enterprise", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	t, _ := p.Target("resolution", "high") // goal 1bd, warn 75%
	start := time.Date(2026, 3, 3, 13, 0, 0, 0, newYork())
	goal := t.Goal.Length(t.Calendar, start)
	fmt.Println(goal, t.Warnings[0].Threshold(goal))
	// Output:
	// 8h0m0s 6h0m0s
}

func ExampleCreditTier() {
	set, _ := policy.Load(sampleJSON)
	p, _ := set.Policy("Enterprise", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	for _, t := range p.Credits() {
		fmt.Printf("below %v: %v credit\n", t.Below, t.Credit)
	}
	// Output:
	// below 98%: 5% credit
	// below 90%: 10% credit
}

func ExampleFields() {
	set, _ := policy.Load([]byte(`{"policies": [
		{"name": "VIP", "match": {"tags": ["vip"]}},
		{"name": "EU enterprise", "match": {"plan": ["enterprise"], "region": ["eu", "uk"]}}]}`))
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for _, f := range []policy.Fields{
		{Attributes: map[string]string{"plan": "enterprise", "region": "uk"}},
		{Attributes: map[string]string{"plan": "enterprise", "region": "us"}, Tags: []string{"billing", "vip"}},
		{Attributes: map[string]string{"plan": "enterprise"}},
	} {
		if ps := set.Select(f, at); len(ps) > 0 {
			fmt.Println(ps[0].Name())
		} else {
			fmt.Println("no SLA")
		}
	}
	// Output:
	// EU enterprise
	// VIP
	// no SLA
}

func ExampleDuration() {
	for _, s := range []string{"90m", "1h30m", "1.5h", "3bd"} {
		d, _ := policy.ParseDuration(s)
		fmt.Println(s, "->", d, d.IsDays(), d.Days(), d.Time())
	}
	// Output:
	// 90m -> 1h30m false 0 1h30m0s
	// 1h30m -> 1h30m false 0 1h30m0s
	// 1.5h -> 1h30m false 0 1h30m0s
	// 3bd -> 3bd true 3 0s
}

func ExampleParseDuration() {
	for _, s := range []string{"4h", "2bd", "4x", "1d", "0m"} {
		d, err := policy.ParseDuration(s)
		fmt.Println(d, err)
	}
	// Output:
	// 4h <nil>
	// 2bd <nil>
	// 0s policy: "4x": unknown unit
	// 0s policy: "1d": unknown unit
	// 0s policy: "0m": bad duration: must be positive
}

func ExampleBusinessTime() {
	d := policy.BusinessTime(150 * time.Minute)
	fmt.Println(d, d.Time())
	// Output:
	// 2h30m 2h30m0s
}

func ExampleBusinessDays() {
	d := policy.BusinessDays(2)
	fmt.Println(d, d.Days())
	// Output:
	// 2bd 2
}

func ExampleDuration_Due() {
	business, _ := calendar.New(calendar.Spec{Zone: "America/New_York",
		Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}})
	start := time.Date(2026, 5, 22, 15, 30, 0, 0, newYork()) // the Friday before Memorial Day
	fmt.Println(policy.BusinessTime(4*time.Hour).Due(business, start))
	fmt.Println(policy.BusinessDays(2).Due(business, start))
	// Output:
	// 2026-05-26 11:30:00 -0400 EDT
	// 2026-05-27 15:30:00 -0400 EDT
}

func ExampleDuration_Length() {
	business, _ := calendar.New(calendar.Spec{Zone: "America/New_York",
		Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}})
	// Two business days are 16 business hours from a working afternoon ...
	fmt.Println(policy.BusinessDays(2).Length(business, time.Date(2026, 5, 20, 15, 30, 0, 0, newYork())))
	// ... and from a Saturday, counted from Monday's opening.
	fmt.Println(policy.BusinessDays(2).Length(business, time.Date(2026, 5, 16, 12, 0, 0, 0, newYork())))
	fmt.Println(policy.BusinessTime(90*time.Minute).Length(business, time.Time{}))
	// Output:
	// 16h0m0s
	// 16h0m0s
	// 1h30m0s
}

func ExamplePercent() {
	p := 99*policy.OnePercent + 95*policy.OnePercent/100
	fmt.Println(p, int64(p))
	// Output:
	// 99.95% 999500
}

func ExampleParsePercent() {
	for _, s := range []string{"95%", "99.95%", "95", "0.00001%"} {
		p, err := policy.ParsePercent(s)
		fmt.Println(p, err)
	}
	// Output:
	// 95% <nil>
	// 99.95% <nil>
	// 0% policy: "95": bad percentage: want a number and %, like 75% or 99.95%
	// 0% policy: "0.00001%": bad percentage: more than four decimals
}

func ExamplePercent_Of() {
	fmt.Println((75 * policy.OnePercent).Of(2 * time.Hour))
	fmt.Println((policy.OnePercent / 2).Of(time.Hour))
	// Output:
	// 1h30m0s
	// 18s
}

func ExampleError() {
	_, err := policy.Load([]byte(`{"calendars": {"24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}},
		"priorities": ["high"],
		"policies": [{"name": "P", "calendar": "24x7", "targets": {"resolution": {"high": {"goal": "6h", "promise": "4h"}}}}]}`))
	var pe *policy.Error
	if errors.As(err, &pe) {
		fmt.Println(pe.Path)
		fmt.Println(pe.Value)
		fmt.Println(errors.Is(err, policy.ErrGoalAfterPromise))
	}
	_, err = policy.Load([]byte(`{"calendars": {"business": {"zone": "UTC", "hours": {"mon": ["09:00-12:00", "25:00-26:00"]}}}}`))
	if errors.As(err, &pe) {
		fmt.Println(pe.Path, errors.Is(err, calendar.ErrBadInterval))
	}
	// Output:
	// policies[0].targets.resolution.high.goal
	// 6h
	// true
	// calendars.business.hours.mon[1] true
}
