// Command helpdesk runs a day of helpdesk tickets through slaclock and
// prints what a support lead wants to see: a live log of every SLA
// transition as it fires (started, paused, warning, breached, met, ...), in
// time order across tickets, then where every ticket's clocks stand at the
// end of the day and what comes next if nothing is done. What it says of a
// cycle (its verdict, its target as written, "breaches in 1h 20m", "met
// with 15 min to spare") is the SLA view of package sla: State.View for
// the table and the next breaches, State.Timeline for the cycles the log
// talks about.
//
//	go run ./examples/helpdesk
//	go run ./examples/helpdesk -at 2026-03-10T12:00:00-04:00
//	go run ./examples/helpdesk -policy policy.json -events tickets.jsonl -zone Europe/London
//
// Without flags it uses a sample policy document (policy.json: the
// document of policy/testdata/sample.json, with a first-line OLA beside the
// second line's, and the 2026 Enterprise SLA read in the requester's time
// zone when a ticket names one) and a built-in day of tickets (day.jsonl),
// both embedded in the program. The day shows a near miss (T-101: two
// warnings, then a first response just in time), a priority change (T-102,
// from high to urgent: its resolution goal is recomputed and breached), a
// breach of a promise (T-103), a pause while waiting on the customer
// (T-104), a reopen (T-105), a ticket under the customer's SLA and the
// second line's OLA at once (T-106), a ticket an agent opened (T-107), one
// still waiting at the end of the day (T-108), one no agreement covers
// (T-109), one reassigned from the first line to the second line (T-110:
// the first line's OLA detaches, its clocks cancelled, the second line's
// attaches), a customer in Berlin whose SLA counts Berlin's business hours
// (T-111), and one created without a priority that gets one late (T-112:
// measured from its creation, its breach reported at the change).
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
	"maps"
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
		what += fmt.Sprintf(": %s, %s", orNone(ev.Priority), after.Category())
		if len(after.Agreements()) == 0 {
			what += ", no agreement applies: no SLA"
		}
	case policy.FieldsChanged:
		what += ": " + fieldsText(ev.Fields)
	case policy.StatusChanged:
		what += fmt.Sprintf(": %q (%s)", ev.Status, after.Category())
		if policy.Reopened(before.Category(), after.Category()) {
			what += ", reopened"
		}
	case policy.PriorityChanged:
		what += fmt.Sprintf(": %s to %s", orNone(before.Priority()), orNone(after.Priority()))
	}
	l.line(ev.At, id, what)
}

func orNone(priority string) string {
	if priority == "" {
		return "no priority"
	}
	return priority
}

// fieldsText writes a ticket's fields as name=value, sorted.
func fieldsText(f policy.Fields) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(f.Attributes)) {
		parts = append(parts, k+"="+f.Attributes[k])
	}
	return strings.Join(parts, " ")
}

// transitions logs what an event or a tick brought about. Each line ends
// with where its cycle stands right after, as the SLA view says it.
func (l *logger) transitions(id string, transitions []sla.Transition, state sla.State) {
	if len(transitions) == 0 {
		return
	}
	cycles := l.cycles(state)
	for _, tr := range transitions {
		if tr.Kind == sla.Attached || tr.Kind == sla.Detached {
			l.line(tr.At, id, fmt.Sprintf("  %-12s %-16s %-3s %-17s %s", tr.Agreement.Name, "("+tr.Agreement.Kind.String()+")", "",
				tr.Kind, agreementText(tr.Agreement, tr.Kind, l.zone)))
			continue
		}
		cv := cycles[cycleKey{tr.Agreement, tr.Metric, tr.Cycle}]
		what := ""
		switch tr.Kind {
		case sla.Started, sla.Resumed:
			what = l.dues(cv, tr.At)
		case sla.Paused:
			what = fmt.Sprintf("while the ticket is %s", state.Category())
		case sla.Warning:
			what = tr.Warning + " before the goal"
			if strings.HasSuffix(tr.Warning, "%") {
				what = tr.Warning + " of the goal used"
			}
			what = fmt.Sprintf("%s: %s, %s", tr.Priority, what, cv.Line)
		default: // breaches, met, cancelled
			what = fmt.Sprintf("%s: %s", target(cv), cv.Line)
		}
		l.line(tr.At, id, fmt.Sprintf("  %-12s %-16s #%-2d %-17s %s", tr.Agreement.Name, tr.Metric, tr.Cycle, tr.Kind, what))
	}
}

// agreementText says what an agreement attaching or detaching means.
func agreementText(a sla.Agreement, kind sla.TransitionKind, zone *time.Location) string {
	version := "in force from the beginning"
	if !a.Version.IsZero() {
		version = "version of " + a.Version.In(zone).Format("2006-01-02")
	}
	if kind == sla.Detached {
		return "no longer applies: its open clocks are cancelled"
	}
	return "applies from now on, " + version
}

// retargeted logs the new due instants of the cycles that a priority change
// measured against a new target without restarting them.
func (l *logger) retargeted(id string, transitions []sla.Transition, state sla.State) {
	view, err := state.View(l.set, state.Last())
	if err != nil {
		return // the state came from Evaluate with this set: not reached
	}
	for _, cv := range view.Metrics {
		restarted := slices.ContainsFunc(transitions, func(tr sla.Transition) bool {
			return tr.Agreement == cv.Agreement && tr.Metric == cv.Metric && tr.Kind == sla.Started
		})
		if (cv.Stage == sla.StageRunning || cv.Stage == sla.StagePaused) && !restarted {
			l.line(state.Last(), id, fmt.Sprintf("  %-12s %-16s #%-2d %-17s %s", cv.Agreement.Name, cv.Metric, cv.Number, "recomputed", l.dues(cv, state.Last())))
		}
	}
}

type cycleKey struct {
	agreement sla.Agreement
	metric    string
	number    int
}

// cycles returns how every cycle of a ticket stands after its last event
// or tick, as its timeline reads them.
func (l *logger) cycles(state sla.State) map[cycleKey]sla.CycleView {
	lanes, _ := state.Timeline(l.set, state.Last()) // the state came from Evaluate with this set
	out := make(map[cycleKey]sla.CycleView, len(lanes))
	for _, lane := range lanes {
		c := lane.Cycle
		out[cycleKey{c.Agreement, c.Metric, c.Number}] = c
	}
	return out
}

// dues says a cycle's target and when its goal and promise are due.
func (l *logger) dues(cv sla.CycleView, now time.Time) string {
	in := "" // the hours of the requester's zone, for a calendar that follows it
	if cal, ok := l.set.Calendar(cv.Calendar); ok && cal.Location().String() != cv.Zone {
		in = ", in " + cv.Zone + " hours"
	}
	if cv.Calendar == "" {
		return orNone(cv.Priority) + ": no target, not measured"
	}
	if cv.Stage == sla.StagePaused {
		return fmt.Sprintf("%s: goal %s, promise %s; paused, nothing is due", cv.Priority, cv.Goal, cv.Promise)
	}
	return fmt.Sprintf("%s: goal %s due %s, promise %s due %s%s", cv.Priority,
		cv.Goal, l.when(cv.GoalDue, now), cv.Promise, l.when(cv.PromiseDue, now), in)
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

// target says a cycle's priority and target as the policy writes them.
func target(cv sla.CycleView) string {
	if cv.Calendar == "" {
		return orNone(cv.Priority) + ", no target"
	}
	return fmt.Sprintf("%s, goal %s, promise %s", cv.Priority, cv.Goal, cv.Promise)
}

// report prints a table of every metric of every ticket at the instant at,
// as the SLA view shows them, then each ticket's next breach and warning.
func report(w io.Writer, set *policy.Set, tickets []*ticket, at time.Time, zone *time.Location) error {
	if !slices.ContainsFunc(tickets, func(t *ticket) bool { return !t.state.Created().IsZero() }) {
		_, err := fmt.Fprintln(w, "No ticket had been created by then.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TICKET\tPOLICY\tMETRIC\tCYCLE\tVERDICT\tTARGET\tGOAL DUE\tPROMISE DUE\tUSED\tLEFT\tSAYS")
	var next []string
	for _, t := range tickets {
		if t.state.Created().IsZero() {
			continue // not created by then
		}
		if len(t.state.Agreements()) == 0 {
			fmt.Fprintf(tw, "%s\t(none)\t-\t\t\t\t\t\t\t\tno policy applies: no SLA\n", t.ID)
			continue
		}
		view, err := t.state.View(set, at)
		if err != nil {
			return fmt.Errorf("%s: %w", t.ID, err)
		}
		for _, cv := range view.Metrics {
			if cv.Verdict == sla.VerdictNotStarted {
				continue // nothing to report
			}
			fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
				t.ID, cv.Agreement.Name, cv.Agreement.Kind, cv.Metric, cv.Number, cv.Verdict, target(cv),
				due(cv.GoalDue, zone), due(cv.PromiseDue, zone), measured(cv, cv.Used), left(cv), cv.Line)
		}
		if b, wn := view.NextBreach, view.NextWarning; !b.At.IsZero() || !wn.At.IsZero() {
			next = append(next, fmt.Sprintf("%s\t%s\t%s\n", t.ID, upcoming(b, zone), upcoming(wn, zone)))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(next) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nWhat comes next if nothing is done\n\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TICKET\tNEXT BREACH\tNEXT WARNING")
	for _, line := range next {
		io.WriteString(tw, line)
	}
	return tw.Flush()
}

// upcoming says what will happen, to which metric, and when.
func upcoming(u sla.Upcoming, zone *time.Location) string {
	if u.At.IsZero() {
		return "-"
	}
	what := map[sla.TransitionKind]string{sla.GoalBreached: "goal", sla.PromiseBreached: "promise", sla.Warning: u.Warning}[u.Kind]
	return fmt.Sprintf("%s/%s %s, %s", u.Agreement.Name, u.Metric, what, due(u.At, zone))
}

func due(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(zone).Format("Mon Jan 2 15:04 MST")
}

// measured formats business time as 1h30m, 45m or 2h; "-" for a cycle
// that measures nothing.
func measured(cv sla.CycleView, d time.Duration) string {
	if cv.Calendar == "" {
		return "-"
	}
	s := d.Round(time.Second).String() // 1h30m0s, 2h0m0s, 45s
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// left is the business time left to the goal; "-" for a cycle cancelled,
// for which it no longer matters.
func left(cv sla.CycleView) string {
	if cv.Stage == sla.StageCancelled {
		return "-"
	}
	return measured(cv, cv.Left)
}
