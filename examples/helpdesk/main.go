// Command helpdesk runs a day of helpdesk tickets through slaclock and
// prints what a support lead wants to see: a live log of every SLA
// transition as it fires (started, paused, warning, breached, met, ...), in
// time order across tickets, then where every ticket's clocks stand at the
// end of the day.
//
//	go run ./examples/helpdesk
//	go run ./examples/helpdesk -at 2026-03-10T12:00:00-04:00
//	go run ./examples/helpdesk -policy policy.json -events tickets.jsonl -zone Europe/London
//
// Without flags it uses the sample policy document (policy.json, a copy of
// policy/testdata/sample.json) and a built-in day of tickets (day.jsonl),
// both embedded in the program. The day shows a near miss (T-101: two
// warnings, then a first response just in time), a priority change (T-102,
// from high to urgent: its resolution goal is recomputed and breached), a
// breach of a promise (T-103), a pause while waiting on the customer
// (T-104), a reopen (T-105), an OLA ticket for the second-line team
// (T-106), a ticket an agent opened (T-107), one still waiting at the end
// of the day (T-108) and one no policy covers (T-109).
//
// An events file has one JSON object per line: "ticket", the ticket's id,
// and the fields of an sla.Event in its JSON form:
//
//	{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high","fields":{"attributes":{"plan":"enterprise"}}}
//	{"ticket":"T-1","kind":"public_reply","at":"2026-03-10T09:20:00-04:00","actor":"ann"}
//
// examples/internal/ticketlog reads it, for this program and
// examples/compliance, with the policy document and the zone.
//
// The program feeds each ticket's events to sla.Evaluate in time order and,
// between events, a Tick at the ticket's state.NextDeadline(), so that
// warnings and breaches are reported at the instants they happen. -at stops
// the day at an instant (default: the midnight that ends the day of the last
// event) and reports the table as it stands then. Times are shown in -zone.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	_ "time/tzdata" // so that the example runs where the host has no zone files

	"github.com/slaclock/slaclock/examples/internal/ticketlog"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

//go:embed policy.json
var samplePolicy []byte

//go:embed day.jsonl
var sampleDay []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("helpdesk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	policyFile := fs.String("policy", "", "policy document (default: the embedded sample policy)")
	eventsFile := fs.String("events", "", "ticket events, JSON Lines (default: the embedded day of tickets)")
	atFlag := fs.String("at", "", "RFC 3339 instant to stop at and report (default: the end of the day of the last event)")
	zoneFlag := fs.String("zone", "America/New_York", "IANA time zone the times are shown in")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "helpdesk:", err)
		return 1
	}
	if fs.NArg() > 0 {
		return fail(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	zone, err := ticketlog.Zone(*zoneFlag)
	if err != nil {
		return fail(fmt.Errorf("-zone %q: %w", *zoneFlag, err))
	}
	set, err := ticketlog.LoadPolicy(*policyFile, samplePolicy)
	if err != nil {
		return fail(err)
	}
	name, read, err := ticketlog.Load(*eventsFile, "day.jsonl", sampleDay)
	if err != nil {
		return fail(err)
	}
	// Each ticket carries its SLA state through the replay.
	tickets := make([]*ticket, len(read))
	for i, t := range read {
		tickets[i] = &ticket{Ticket: t}
	}
	end := endOfDay(tickets, zone)
	if *atFlag != "" {
		if end, err = time.Parse(time.RFC3339, *atFlag); err != nil {
			return fail(fmt.Errorf("-at %q: want an RFC 3339 instant such as 2026-03-10T17:00:00-04:00", *atFlag))
		}
	}

	var out strings.Builder
	fmt.Fprintf(&out, "Live log, times in %s (\">\": a ticket event; indented: what it did to the SLA clocks)\n\n", zone)
	if err := replay(set, name, tickets, end, &logger{w: &out, set: set, zone: zone}); err != nil {
		return fail(err)
	}
	fmt.Fprintf(&out, "\nTickets at %s\n\n", end.In(zone).Format("Mon 2006-01-02 15:04 MST"))
	if err := report(&out, set, tickets, end, zone); err != nil {
		return fail(err)
	}
	io.WriteString(stdout, out.String())
	return 0
}

// endOfDay returns the midnight, in zone, that ends the day of the last event.
func endOfDay(tickets []*ticket, zone *time.Location) time.Time {
	var last time.Time
	for _, t := range tickets {
		if at := t.Lines[len(t.Lines)-1].At; at.After(last) {
			last = at
		}
	}
	y, m, d := last.In(zone).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, zone)
}

// A ticket is one ticket of the events file and its SLA state after the
// first done of its events.
type ticket struct {
	*ticketlog.Ticket
	done  int
	state sla.State
}

// next returns the instant of the next thing that happens to t: its next
// event, or its next deadline if that comes first. ok is false when
// nothing will.
func (t *ticket) next(set *policy.Set) (at time.Time, ok bool) {
	deadline := t.state.NextDeadline(set)
	if t.done < len(t.Lines) {
		at = t.Lines[t.done].At
		if !deadline.IsZero() && deadline.Before(at) {
			at = deadline
		}
		return at, true
	}
	return deadline, !deadline.IsZero()
}

// replay runs every ticket up to end, always taking the earliest thing
// that happens next in any ticket: its next event, or a Tick at its next
// deadline when that comes first. So the log is in time order across
// tickets, and each warning and breach is logged at its own instant.
func replay(set *policy.Set, file string, tickets []*ticket, end time.Time, log *logger) error {
	for {
		var next *ticket
		var at time.Time
		for _, t := range tickets {
			if when, ok := t.next(set); ok && !when.After(end) && (next == nil || when.Before(at)) {
				next, at = t, when
			}
		}
		if next == nil {
			return nil
		}
		// A tick at the deadline, unless the ticket's next event is then.
		line := ticketlog.Line{Event: sla.Event{Kind: policy.Tick, At: at}}
		if next.done < len(next.Lines) && next.Lines[next.done].At.Equal(at) {
			line = next.Lines[next.done]
			next.done++
		}
		ev := line.Event
		state, transitions, err := sla.Evaluate(set, next.state, ev)
		if err != nil {
			if ev.Kind == policy.Tick {
				return fmt.Errorf("%s: tick at %s: %w", next.ID, at.Format(time.RFC3339Nano), err)
			}
			return ticketlog.LineError(file, line, err)
		}
		if ev.Kind == policy.Tick && len(transitions) == 0 {
			// NextDeadline promises a transition there; without this
			// check a broken promise would loop forever.
			return fmt.Errorf("%s: a tick at its next deadline %s emitted nothing", next.ID, at.Format(time.RFC3339Nano))
		}
		if ev.Kind != policy.Tick {
			log.event(next.ID, ev, next.state, state)
		}
		log.transitions(next.ID, transitions, state)
		if ev.Kind == policy.PriorityChanged {
			log.retargeted(next.ID, transitions, state)
		}
		next.state = state
	}
}

// logger prints the live log.
type logger struct {
	w    io.Writer
	set  *policy.Set
	zone *time.Location
}

func (l *logger) line(at time.Time, id, what string) {
	fmt.Fprintf(l.w, "%s  %-8s  %s\n", at.In(l.zone).Format("Mon Jan _2 15:04:05 MST"), id, strings.TrimRight(what, " "))
}

// event logs one event of a ticket, given its state before and after.
func (l *logger) event(id string, ev sla.Event, before, after sla.State) {
	what := "> " + ev.Kind.String()
	if ev.Actor != "" {
		what += " by " + ev.Actor
	}
	if ev.ByAgent {
		what += " (agent)"
	}
	switch ev.Kind {
	case policy.Created:
		what += fmt.Sprintf(": %s, %s", ev.Priority, after.Category())
		if as := after.Agreements(); len(as) > 0 {
			what += fmt.Sprintf(", policy %s (%s since %s)", as[0].Name, as[0].Kind, as[0].Version.In(l.zone).Format("2006-01-02"))
		} else {
			what += ", no policy applies: no SLA"
		}
	case policy.StatusChanged:
		what += fmt.Sprintf(": %q (%s)", ev.Status, after.Category())
		if policy.Reopened(before.Category(), after.Category()) {
			what += ", reopened"
		}
	case policy.PriorityChanged:
		what += fmt.Sprintf(": %s to %s", before.Priority(), after.Priority())
	}
	l.line(ev.At, id, what)
}

// transitions logs what an event or a tick brought about, with the goal
// and promise of each cycle as it starts, resumes, warns, breaches or is met.
func (l *logger) transitions(id string, transitions []sla.Transition, state sla.State) {
	for _, tr := range transitions {
		what := ""
		switch tr.Kind {
		case sla.Started, sla.Resumed:
			what = l.dues(l.status(state, tr.Metric), tr.At)
		case sla.Warning:
			what = tr.Priority + ": " + tr.Warning + " before the goal"
			if strings.HasSuffix(tr.Warning, "%") {
				what = tr.Priority + ": " + tr.Warning + " of the goal used"
			}
			// The due instant of the target it warned about: a priority
			// change on the same event may have changed the target since.
			if ms := l.status(state, tr.Metric); ms.Cycle == tr.Cycle && ms.Priority == tr.Priority && !ms.GoalDue.IsZero() {
				what += ", due " + l.when(ms.GoalDue, tr.At)
			}
		case sla.Paused:
			what = fmt.Sprintf("while the ticket is %s", state.Category())
		case sla.GoalBreached, sla.PromiseBreached:
			c := l.cycle(state, tr)
			which, length := "goal", c.Goal
			if tr.Kind == sla.PromiseBreached {
				which, length = "promise", c.Promise
			}
			what = fmt.Sprintf("%s: more than the %s used", tr.Priority, which)
			if c.Priority == tr.Priority { // else a later priority change gave the cycle a new target
				what = fmt.Sprintf("%s: more than the %s of %s used", tr.Priority, which, short(length))
			}
		case sla.Met:
			c := l.cycle(state, tr)
			what = fmt.Sprintf("%s: used %s, goal %s, promise %s: ", c.Priority, short(c.Used), short(c.Goal), short(c.Promise))
			switch {
			case !c.PromiseBreached.IsZero():
				what += "promise broken"
			case !c.GoalBreached.IsZero():
				what += "goal missed, promise kept"
			default:
				what += fmt.Sprintf("in time, %s to spare", short(c.Goal-c.Used))
			}
		}
		l.line(tr.At, id, fmt.Sprintf("  %-16s #%-2d %-17s %s", tr.Metric, tr.Cycle, tr.Kind, what))
	}
}

// retargeted logs the new due instants of the cycles that a priority change
// measured against a new target without restarting them.
func (l *logger) retargeted(id string, transitions []sla.Transition, state sla.State) {
	for _, ms := range l.statuses(state) {
		restarted := slices.ContainsFunc(transitions, func(tr sla.Transition) bool {
			return tr.Metric == ms.Metric && tr.Kind == sla.Started
		})
		if (ms.Stage == sla.StageRunning || ms.Stage == sla.StagePaused) && !restarted {
			l.line(state.Last(), id, fmt.Sprintf("  %-16s #%-2d %-17s %s", ms.Metric, ms.Cycle, "recomputed", l.dues(ms, state.Last())))
		}
	}
}

// statuses returns where every metric of a ticket stands after its last
// event or tick.
func (l *logger) statuses(state sla.State) []sla.MetricStatus {
	// The state came from Evaluate with this set, so its calendars are there.
	statuses, _ := state.Status(l.set, state.Last())
	return statuses
}

func (l *logger) status(state sla.State, metric string) sla.MetricStatus {
	for _, ms := range l.statuses(state) {
		if ms.Metric == metric {
			return ms
		}
	}
	return sla.MetricStatus{}
}

// dues says a cycle's target and when its goal and promise are due.
func (l *logger) dues(ms sla.MetricStatus, now time.Time) string {
	if ms.Stage == sla.StagePaused {
		return fmt.Sprintf("%s: goal %s, promise %s; paused, nothing is due", ms.Priority, short(ms.Goal), short(ms.Promise))
	}
	return fmt.Sprintf("%s: goal %s due %s, promise %s due %s", ms.Priority,
		short(ms.Goal), l.when(ms.GoalDue, now), short(ms.Promise), l.when(ms.PromiseDue, now))
}

// when formats t in the log's zone, with the date when it is not now's.
func (l *logger) when(t, now time.Time) string {
	if t.IsZero() {
		return "-"
	}
	t, now = t.In(l.zone), now.In(l.zone)
	if t.Year() == now.Year() && t.YearDay() == now.YearDay() {
		return t.Format("15:04 MST")
	}
	return t.Format("Mon Jan _2 15:04 MST")
}

// cycle returns the cycle a transition is about.
func (l *logger) cycle(state sla.State, tr sla.Transition) sla.Cycle {
	cycles, _ := state.Cycles(l.set) // the state came from Evaluate with this set
	for _, c := range cycles {
		if c.Agreement == tr.Agreement && c.Metric == tr.Metric && c.Number == tr.Cycle {
			return c
		}
	}
	return sla.Cycle{}
}

// report prints a table of every metric of every ticket at the instant at.
func report(w io.Writer, set *policy.Set, tickets []*ticket, at time.Time, zone *time.Location) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TICKET\tPOLICY\tPRIORITY\tMETRIC\tCYCLE\tSTAGE\tGOAL DUE\tPROMISE DUE\tUSED\tTO GOAL\tNOTE")
	if !slices.ContainsFunc(tickets, func(t *ticket) bool { return !t.state.Created().IsZero() }) {
		_, err := fmt.Fprintln(w, "No ticket had been created by then.")
		return err
	}
	for _, t := range tickets {
		if t.state.Created().IsZero() {
			continue // not created by then
		}
		as := t.state.Agreements()
		if len(as) == 0 {
			fmt.Fprintf(tw, "%s\t(none)\t%s\t-\t\t\t\t\t\t\tno policy applies: no SLA\n", t.ID, t.state.Priority())
			continue
		}
		statuses, err := t.state.Status(set, at)
		if err != nil {
			return fmt.Errorf("%s: %w", t.ID, err)
		}
		for _, ms := range statuses {
			if ms.Stage == sla.StageIdle {
				continue // never started: nothing to report
			}
			left := short(ms.Left)
			if ms.Stage == sla.StageCancelled {
				left = "-"
			}
			fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n",
				t.ID, ms.Agreement.Name, ms.Agreement.Kind, ms.Priority, ms.Metric, ms.Cycle, ms.Stage,
				due(ms.GoalDue, zone), due(ms.PromiseDue, zone), short(ms.Used), left, note(ms))
		}
	}
	return tw.Flush()
}

// note says how a metric stands against its goal and promise.
func note(ms sla.MetricStatus) string {
	switch {
	case ms.Calendar == "":
		return "no target at this priority: not measured"
	case ms.PromiseBreached:
		return "PROMISE BROKEN"
	case ms.GoalBreached && ms.Stage == sla.StageMet:
		return "goal missed, promise kept"
	case ms.GoalBreached:
		return "goal missed"
	case ms.Stage == sla.StageMet:
		return "in time"
	case ms.Stage == sla.StageCancelled:
		return "no verdict"
	}
	return fmt.Sprintf("%d%% of goal used", int(ms.Fraction*100))
}

func due(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(zone).Format("Mon Jan 2 15:04 MST")
}

// short formats business time as 1h30m, 45m or 2h.
func short(d time.Duration) string {
	s := d.Round(time.Second).String() // 1h30m0s, 2h0m0s, 45s
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
