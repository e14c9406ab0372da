package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// TestMonth checks that month.jsonl, the month of events the program
// embeds, is what generateMonth writes; go test -update rewrites it (then
// run go test -update once more: the reports embed the month at build time).
func TestMonth(t *testing.T) {
	got := generateMonth(t)
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile("month.jsonl", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, sampleMonth) {
		t.Error("month.jsonl is not what generateMonth writes: run go test -update")
	}
}

// generateMonth writes a month of helpdesk events: March 2026 in New York,
// which has a daylight-saving change on the 8th. Every working day four
// customers open tickets; agents answer them sooner or later, ask some for
// details (pending), escalate some to the second line, raise the priority
// of a few, solve them, and some come back. The export ends with the month,
// so the last tickets are still open.
func generateMonth(t *testing.T) []byte {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	src := rand.NewPCG(2026, 3)
	pick := func(n int) int { return int(src.Uint64() % uint64(n)) }
	// Customers write at any hour; agents work on weekdays from 08:00 to
	// 19:00, except on urgent tickets, and what they would do outside those
	// hours waits for the next morning.
	customer := func(at time.Time, minutes int) time.Time { return at.Add(time.Duration(minutes) * time.Minute) }
	agent := func(at time.Time, minutes int, priority string) time.Time {
		at = at.Add(time.Duration(minutes) * time.Minute).In(ny)
		for priority != "urgent" && (at.Hour() < 8 || at.Hour() >= 19 || at.Weekday() == time.Saturday || at.Weekday() == time.Sunday) {
			y, m, d := at.Date()
			if at.Hour() >= 8 {
				d++
			}
			at = time.Date(y, m, d, 8, pick(60), 0, 0, ny)
		}
		return at
	}

	type line struct {
		ticket string
		event  sla.Event
	}
	var lines []line
	add := func(ticket string, ev sla.Event) { lines = append(lines, line{ticket, ev}) }
	// Picking from these lists with repeats weighs the choices.
	priorities := []string{"low", "normal", "normal", "normal", "high", "high", "urgent", "urgent"}
	plans := []string{"enterprise", "enterprise", "enterprise", "enterprise", "enterprise", "standard", "standard", "standard", "standard", "free"}
	// The longest wait for a reply, and for a solution, in minutes, by priority.
	patience := map[string]int{"low": 900, "normal": 420, "high": 200, "urgent": 75}
	effort := map[string]int{"low": 3000, "normal": 2400, "high": 1500, "urgent": 420}
	agents := []string{"ann", "raj", "li", "sam"}

	n := 1000
	for day := 1; day <= 31; day++ {
		date := time.Date(2026, time.March, day, 0, 0, 0, 0, ny)
		if date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
			continue
		}
		for range 4 {
			n++
			id := fmt.Sprintf("C-%d", n)
			who := agents[pick(len(agents))]
			priority := priorities[pick(len(priorities))]
			plan := plans[pick(len(plans))]
			at := time.Date(2026, time.March, day, 8+pick(10), pick(60), 0, 0, ny)
			add(id, sla.Event{Kind: policy.Created, At: at, Status: "New", Priority: priority,
				Fields: policyFields(plan, ""), Actor: "customer"})

			at = agent(at, 5+pick(patience[priority]), priority)
			add(id, sla.Event{Kind: policy.PublicReply, At: at, Actor: who})
			add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "In progress"})

			if pick(10) == 0 && priority != "urgent" {
				at = agent(at, 10+pick(120), priority)
				priority = map[string]string{"low": "normal", "normal": "high", "high": "urgent"}[priority]
				add(id, sla.Event{Kind: policy.PriorityChanged, At: at, Priority: priority})
			}
			if plan == "enterprise" && pick(6) == 0 {
				esc := id + "-2"
				second := agent(at, 20, priority)
				// An internal ticket for the second-line team: its OLA, not
				// the customer's SLA.
				add(esc, sla.Event{Kind: policy.Created, At: second, Status: "New", Priority: priority,
					Fields: policyFields("", "second-line"), Actor: who})
				second = agent(second, 5+pick(patience[priority]), priority)
				add(esc, sla.Event{Kind: policy.InternalNote, At: second, Actor: "second-line"})
				add(esc, sla.Event{Kind: policy.StatusChanged, At: second, Status: "In progress"})
				if pick(3) == 0 {
					second = agent(second, 30+pick(120), priority)
					add(esc, sla.Event{Kind: policy.StatusChanged, At: second, Status: "Waiting on vendor"})
					second = agent(second, 60+pick(1500), priority)
					add(esc, sla.Event{Kind: policy.StatusChanged, At: second, Status: "In progress"})
				}
				add(esc, sla.Event{Kind: policy.StatusChanged, At: agent(second, 30+pick(effort[priority]), priority), Status: "Solved"})
			}
			if pick(10) < 3 {
				add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "Pending"})
				at = customer(at, 60+pick(1500))
				add(id, sla.Event{Kind: policy.CustomerReply, At: at, Actor: "customer"})
				add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "Open"})
				at = agent(at, 10+pick(patience[priority]), priority)
				add(id, sla.Event{Kind: policy.PublicReply, At: at, Actor: who})
			}
			at = agent(at, 30+pick(effort[priority]), priority)
			add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "Solved"})
			if pick(10) == 0 {
				at = customer(at, 120+pick(2000))
				add(id, sla.Event{Kind: policy.CustomerReply, At: at, Actor: "customer"})
				add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "Open"})
				at = agent(at, 30+pick(300), priority)
				add(id, sla.Event{Kind: policy.PublicReply, At: at, Actor: who})
				add(id, sla.Event{Kind: policy.StatusChanged, At: agent(at, 60+pick(1000), priority), Status: "Solved"})
			}
		}
	}

	// One file in time order, as a helpdesk exports it, up to the month's end.
	slices.SortStableFunc(lines, func(a, b line) int { return a.event.At.Compare(b.event.At) })
	end := time.Date(2026, time.April, 1, 0, 0, 0, 0, ny)
	var out bytes.Buffer
	for _, l := range lines {
		if !l.event.At.Before(end) {
			continue
		}
		ev, err := json.Marshal(l.event)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "{\"ticket\":%q,%s\n", l.ticket, strings.TrimPrefix(string(ev), "{"))
	}
	return out.Bytes()
}

func policyFields(plan, group string) policy.Fields {
	f := policy.Fields{Attributes: map[string]string{}}
	if plan != "" {
		f.Attributes["plan"] = plan
	}
	if group != "" {
		f.Attributes["group"] = group
	}
	return f
}
