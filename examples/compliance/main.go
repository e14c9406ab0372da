// Command compliance reports a month of SLA compliance and the service
// credits it earns, from a file of ticket events, with sla.Summarize: per
// policy, kind, metric and priority, how many promises were met, breached
// or cancelled, how many are still open, the share met, the 50th and 90th
// percentiles of the business time used, and the credit the policy's tiers
// give; then the same over all metrics of each policy, and the promises
// kept per kind of agreement (to customers, between teams, by suppliers).
// A ticket may carry an agreement of each kind at once: the customer's SLA
// and the OLA of the team that holds it count each on its own.
//
//	go run ./examples/compliance
//	go run ./examples/compliance -csv > march.csv
//	go run ./examples/compliance -from 2026-03-09 -to 2026-03-16
//	go run ./examples/compliance -policy policy.json -events tickets.jsonl
//
// Without flags it uses the sample policy document (policy.json, a copy of
// policy/testdata/sample.json) and a month of events (month.jsonl: March
// 2026, written by generateMonth in month_test.go), both embedded in the
// program. The events file is the one examples/helpdesk reads, both with
// examples/internal/ticketlog: one JSON object per line, "ticket" and the
// fields of an sla.Event:
//
//	{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high","fields":{"attributes":{"plan":"enterprise"}}}
//
// Each ticket's events are applied with sla.Evaluate, as sla.Replay does. -from and -to bound
// the period, [from, to), as dates in -zone or RFC 3339 instants; the
// default is the calendar month of the first event. A cycle counts in the
// period in which it was decided: when it broke its promise, if it did, else
// when it ended. The tables show shares as people read them, to a tenth of
// a percent ("77.8%"; see percent); -csv writes the per-metric rows as CSV
// instead, with the exact shares sla.Summarize gives ("77.7777%").
package main

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
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

//go:embed month.jsonl
var sampleMonth []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("compliance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	policyFile := fs.String("policy", "", "policy document (default: the embedded sample policy)")
	eventsFile := fs.String("events", "", "ticket events, JSON Lines (default: the embedded month)")
	fromFlag := fs.String("from", "", "start of the period: a date (2026-03-01) in -zone or an RFC 3339 instant (default: the month of the first event)")
	toFlag := fs.String("to", "", "end of the period, excluded (default: the end of -from's month)")
	zoneFlag := fs.String("zone", "America/New_York", "IANA time zone of dates and of the times shown")
	asCSV := fs.Bool("csv", false, "write the rows as CSV")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "compliance:", err)
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
	name, tickets, err := ticketlog.Load(*eventsFile, "month.jsonl", sampleMonth)
	if err != nil {
		return fail(err)
	}
	from, to, err := period(*fromFlag, *toFlag, tickets, zone)
	if err != nil {
		return fail(err)
	}

	var states []sla.State
	noPolicy := 0
	for _, t := range tickets {
		state, err := replay(set, name, t)
		if err != nil {
			return fail(err)
		}
		if len(state.Agreements()) == 0 {
			noPolicy++
		}
		states = append(states, state)
	}
	rows, err := sla.Summarize(set, states, from, to)
	if err != nil {
		return fail(err)
	}

	var out strings.Builder
	if *asCSV {
		err = writeCSV(&out, rows, zone)
	} else {
		fmt.Fprintf(&out, "SLA compliance from %s to %s (%s)\n", from.In(zone).Format("Mon 2006-01-02 15:04 MST"), to.In(zone).Format("Mon 2006-01-02 15:04 MST"), zone)
		fmt.Fprintf(&out, "%d tickets in %s; %d with no policy, not reported\n\n", len(tickets), name, noPolicy)
		err = writeTables(&out, set, rows, zone)
	}
	if err != nil {
		return fail(err)
	}
	io.WriteString(stdout, out.String())
	return 0
}

// period reads -from and -to. The default is the month, in zone, of the
// first event; -to defaults to the end of -from's month.
func period(fromS, toS string, tickets []*ticketlog.Ticket, zone *time.Location) (from, to time.Time, err error) {
	if fromS == "" {
		first := tickets[0].Lines[0].At
		for _, t := range tickets {
			if t.Lines[0].At.Before(first) {
				first = t.Lines[0].At
			}
		}
		y, m, _ := first.In(zone).Date()
		from = time.Date(y, m, 1, 0, 0, 0, 0, zone)
	} else if from, err = parseInstant(fromS, zone); err != nil {
		return from, to, fmt.Errorf("-from: %w", err)
	}
	if toS == "" {
		y, m, _ := from.In(zone).Date()
		to = time.Date(y, m+1, 1, 0, 0, 0, 0, zone)
	} else if to, err = parseInstant(toS, zone); err != nil {
		return from, to, fmt.Errorf("-to: %w", err)
	}
	if !from.Before(to) {
		return from, to, fmt.Errorf("-from %s is not before -to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	return from, to, nil
}

// parseInstant reads an RFC 3339 instant, or a date meaning its midnight in zone.
func parseInstant(s string, zone *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, zone); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q: want a date (2026-03-01) or an RFC 3339 instant", s)
}

// writeTables prints one row per policy version, metric and priority, then
// one per policy version over all its metrics.
func writeTables(w io.Writer, set *policy.Set, rows []sla.Row, zone *time.Location) error {
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "No SLA cycle was decided in the period or open at its end.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "POLICY\tVERSION\tKIND\tMETRIC\tPRIORITY\tMET\tBREACHED\tGOAL MISSED\tCANCELLED\tOPEN\tMET %\tP50 USED\tP90 USED\tCREDIT")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n",
			r.Agreement.Name, version(r.Agreement.Version, zone), r.Agreement.Kind, r.Metric, r.Priority,
			r.Met, r.Breached, r.GoalBreached, r.Cancelled, r.Open,
			percentMet(r, percent), short(r.P50, r.Met+r.Breached), short(r.P90, r.Met+r.Breached), credit(r.Credit))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// The same tiers applied to all the promises of each policy version.
	fmt.Fprintf(w, "\nService credits over all metrics\n\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "POLICY\tVERSION\tKIND\tMET\tOF\tMET %\tCREDIT\tTIERS")
	for i := 0; i < len(rows); {
		r, met, total := rows[i], 0, 0
		for ; i < len(rows) && rows[i].Agreement.Name == r.Agreement.Name && rows[i].Agreement.Version.Equal(r.Agreement.Version); i++ {
			met += rows[i].Met
			total += rows[i].Met + rows[i].Breached
		}
		p, ok := set.Policy(r.Agreement.Name, r.Agreement.Version)
		if !ok {
			return fmt.Errorf("policy %s of %s: %w", r.Agreement.Name, r.Agreement.Version, sla.ErrUnknownPolicy)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", r.Agreement.Name, version(r.Agreement.Version, zone), r.Agreement.Kind,
			met, total, share(met, total), credit(p.Credit(met, total)), tiers(p.Credits()))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return writeKinds(w, rows)
}

// writeKinds writes the promises kept per kind of agreement: to customers
// (SLA), between teams (OLA), by suppliers (UC).
func writeKinds(w io.Writer, rows []sla.Row) error {
	fmt.Fprintf(w, "\nPromises kept per kind of agreement\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tAGREEMENTS\tMET\tOF\tMET %\tGOAL MISSED")
	for k := policy.SLA; k <= policy.UC; k++ {
		var names []string
		met, total, missed := 0, 0, 0
		for _, r := range rows {
			if r.Agreement.Kind != k {
				continue
			}
			if !slices.Contains(names, r.Agreement.Name) {
				names = append(names, r.Agreement.Name)
			}
			met, total, missed = met+r.Met, total+r.Met+r.Breached, missed+r.GoalBreached
		}
		if len(names) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%d\n", k, strings.Join(names, ", "), met, total, share(met, total), missed)
	}
	return tw.Flush()
}

// share is met of total as percent shows it; "-" when total is 0.
func share(met, total int) string {
	if total == 0 {
		return "-"
	}
	return percent(policy.Percent(int64(met) * 100 * int64(policy.OnePercent) / int64(total)))
}

// writeCSV writes the rows as CSV, one per policy version, metric and
// priority; durations are written as Go durations (1h30m) of business time.
func writeCSV(w io.Writer, rows []sla.Row, zone *time.Location) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"policy", "version", "kind", "metric", "priority", "met", "breached", "goal_missed", "cancelled", "open", "percent_met", "p50_used", "p90_used", "credit"})
	for _, r := range rows {
		cw.Write([]string{r.Agreement.Name, version(r.Agreement.Version, zone), r.Agreement.Kind.String(), r.Metric, r.Priority,
			strconv.Itoa(r.Met), strconv.Itoa(r.Breached), strconv.Itoa(r.GoalBreached), strconv.Itoa(r.Cancelled), strconv.Itoa(r.Open),
			blank(percentMet(r, policy.Percent.String)), blank(short(r.P50, r.Met+r.Breached)), blank(short(r.P90, r.Met+r.Breached)), r.Credit.String()})
	}
	cw.Flush()
	return cw.Error()
}

// blank leaves a CSV cell empty where the table shows "-".
func blank(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func version(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return "always"
	}
	return t.In(zone).Format("2006-01-02")
}

// percentMet is the share of promises met, shown by show; "-" when no
// promise was decided in the period.
func percentMet(r sla.Row, show func(policy.Percent) string) string {
	if r.Met+r.Breached == 0 {
		return "-"
	}
	return show(r.PercentMet)
}

// percent shows a share as people read it: to a tenth of a percent, half
// up, a whole one without ".0" ("77.8%", "80%", "100%"). A share that
// rounding would lift onto a whole percent it is below (94.96% to 95%,
// 99.96% to 100%) is cut at two decimals instead ("94.96%", "99.96%"), so
// that a whole percent shown is never more than the share: credit tiers
// read "below 95%", and 100% means every promise was met.
func percent(p policy.Percent) string {
	const tenth, hundredth = policy.OnePercent / 10, policy.OnePercent / 100
	r := (p + tenth/2) / tenth * tenth
	if r%policy.OnePercent == 0 && r > p {
		r = p / hundredth * hundredth
	}
	return r.String()
}

func credit(p policy.Percent) string {
	if p == 0 {
		return "-"
	}
	return p.String()
}

func tiers(ts []policy.CreditTier) string {
	var s []string
	for _, t := range ts {
		s = append(s, fmt.Sprintf("<%s: %s", t.Below, t.Credit))
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// short formats business time as 1h30m, 45m or 2h; "-" when there are no
// cycles to measure.
func short(d time.Duration, cycles int) string {
	if cycles == 0 {
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

// replay applies a ticket's events one by one with sla.Evaluate, as
// sla.Replay does, so that an event refused is reported with its line. A
// retried event (an ID seen already) is skipped, as Replay skips it.
func replay(set *policy.Set, file string, t *ticketlog.Ticket) (sla.State, error) {
	var state sla.State
	for _, l := range t.Lines {
		next, _, err := sla.Evaluate(set, state, l.Event)
		switch {
		case errors.Is(err, sla.ErrDuplicate):
			continue
		case err != nil:
			return state, ticketlog.LineError(file, l, err)
		}
		state = next
	}
	return state, nil
}
