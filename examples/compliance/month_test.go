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
	g := &month{ny: ny, src: rand.NewPCG(2026, 3)}
	n := 1000
	for day := 1; day <= 31; day++ {
		date := time.Date(2026, time.March, day, 0, 0, 0, 0, ny)
		if date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
			continue
		}
		for range 4 {
			n++
			g.ticket(fmt.Sprintf("C-%d", n), day)
		}
	}

	// One file in time order, as a helpdesk exports it, up to the month's end.
	slices.SortStableFunc(g.lines, func(a, b line) int { return a.event.At.Compare(b.event.At) })
	end := time.Date(2026, time.April, 1, 0, 0, 0, 0, ny)
	var out bytes.Buffer
	for _, l := range g.lines {
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

// month is a month of tickets being made up.
type month struct {
	ny    *time.Location
	src   *rand.PCG
	lines []line
}

type line struct {
	ticket string
	event  sla.Event
}

// Picking from these lists with repeats weighs the choices.
var (
	monthPriorities = []string{"low", "normal", "normal", "normal", "high", "high", "urgent", "urgent"}
	monthPlans      = []string{"enterprise", "enterprise", "enterprise", "enterprise", "enterprise", "standard", "standard", "standard", "standard", "free"}
	// The longest wait for a reply, and for a solution, in minutes, by priority.
	patience   = map[string]int{"low": 900, "normal": 420, "high": 200, "urgent": 75}
	effort     = map[string]int{"low": 3000, "normal": 2400, "high": 1500, "urgent": 420}
	agentsPool = []string{"ann", "raj", "li", "sam"}
)

func (g *month) pick(n int) int { return int(g.src.Uint64() % uint64(n)) }

func (g *month) add(ticket string, ev sla.Event) { g.lines = append(g.lines, line{ticket, ev}) }

// customer returns when a customer writes, minutes after at: at any hour.
func (g *month) customer(at time.Time, minutes int) time.Time {
	return at.Add(time.Duration(minutes) * time.Minute)
}

// agent returns when an agent acts, minutes after at: agents work on
// weekdays from 08:00 to 19:00, except on urgent tickets, and what they
// would do outside those hours waits for the next morning.
func (g *month) agent(at time.Time, minutes int, priority string) time.Time {
	at = at.Add(time.Duration(minutes) * time.Minute).In(g.ny)
	for priority != "urgent" && (at.Hour() < 8 || at.Hour() >= 19 || at.Weekday() == time.Saturday || at.Weekday() == time.Sunday) {
		y, m, d := at.Date()
		if at.Hour() >= 8 {
			d++
		}
		at = time.Date(y, m, d, 8, g.pick(60), 0, 0, g.ny)
	}
	return at
}

// ticket makes up the life of ticket id, opened on day.
func (g *month) ticket(id string, day int) {
	who := agentsPool[g.pick(len(agentsPool))]
	priority := monthPriorities[g.pick(len(monthPriorities))]
	plan := monthPlans[g.pick(len(monthPlans))]
	at := time.Date(2026, time.March, day, 8+g.pick(10), g.pick(60), 0, 0, g.ny)
	g.add(id, sla.Event{Kind: policy.Created, At: at, Status: "New", Priority: priority,
		Fields: policyFields(plan, ""), Actor: "customer"})

	at = g.agent(at, 5+g.pick(patience[priority]), priority)
	g.add(id, sla.Event{Kind: policy.PublicReply, At: at, Actor: who})
	g.add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "In progress"})

	if g.pick(10) == 0 && priority != "urgent" {
		at = g.agent(at, 10+g.pick(120), priority)
		priority = map[string]string{"low": "normal", "normal": "high", "high": "urgent"}[priority]
		g.add(id, sla.Event{Kind: policy.PriorityChanged, At: at, Priority: priority})
	}
	if plan == "enterprise" && g.pick(6) == 0 {
		g.escalate(id+"-2", who, at, priority)
	}
	if g.pick(10) < 3 {
		g.add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "Pending"})
		at = g.customer(at, 60+g.pick(1500))
		g.add(id, sla.Event{Kind: policy.CustomerReply, At: at, Actor: "customer"})
		g.add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "Open"})
		at = g.agent(at, 10+g.pick(patience[priority]), priority)
		g.add(id, sla.Event{Kind: policy.PublicReply, At: at, Actor: who})
	}
	at = g.agent(at, 30+g.pick(effort[priority]), priority)
	g.add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "Solved"})
	if g.pick(10) == 0 {
		at = g.customer(at, 120+g.pick(2000))
		g.add(id, sla.Event{Kind: policy.CustomerReply, At: at, Actor: "customer"})
		g.add(id, sla.Event{Kind: policy.StatusChanged, At: at, Status: "Open"})
		at = g.agent(at, 30+g.pick(300), priority)
		g.add(id, sla.Event{Kind: policy.PublicReply, At: at, Actor: who})
		g.add(id, sla.Event{Kind: policy.StatusChanged, At: g.agent(at, 60+g.pick(1000), priority), Status: "Solved"})
	}
}

// escalate makes up esc, an internal ticket for the second-line team that
// who opens after at: under its OLA, not the customer's SLA.
func (g *month) escalate(esc, who string, at time.Time, priority string) {
	second := g.agent(at, 20, priority)
	g.add(esc, sla.Event{Kind: policy.Created, At: second, Status: "New", Priority: priority,
		Fields: policyFields("", "second-line"), Actor: who})
	second = g.agent(second, 5+g.pick(patience[priority]), priority)
	g.add(esc, sla.Event{Kind: policy.InternalNote, At: second, Actor: "second-line"})
	g.add(esc, sla.Event{Kind: policy.StatusChanged, At: second, Status: "In progress"})
	if g.pick(3) == 0 {
		second = g.agent(second, 30+g.pick(120), priority)
		g.add(esc, sla.Event{Kind: policy.StatusChanged, At: second, Status: "Waiting on vendor"})
		second = g.agent(second, 60+g.pick(1500), priority)
		g.add(esc, sla.Event{Kind: policy.StatusChanged, At: second, Status: "In progress"})
	}
	g.add(esc, sla.Event{Kind: policy.StatusChanged, At: g.agent(second, 30+g.pick(effort[priority]), priority), Status: "Solved"})
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
