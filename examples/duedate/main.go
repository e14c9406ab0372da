// Command duedate answers the due-date question with a business calendar:
// when is a duration of business time, or a number of business days, after
// a start; and how much business time lies between two instants.
//
//	go run ./examples/duedate -start "2026-11-20 16:00" -add 4h
//	go run ./examples/duedate -calendar 24x7 -start 2026-11-20T16:00:00Z -add 90m
//	go run ./examples/duedate -start "2026-11-25 10:00" -days 3
//	go run ./examples/duedate -start "2026-11-20 16:00" -until "2026-11-30 09:00"
//	go run ./examples/duedate -calendar mycal.json -start ... -add 1h30m
//
// -calendar is a built-in name (us-9to5, uk-9to5, 24x7) or a JSON file in
// the form calendar.Parse reads. Instants are RFC 3339, or "YYYY-MM-DD
// HH:MM" read in the calendar's zone.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // so that the example runs where the host has no zone files

	"github.com/slaclock/slaclock/calendar"
)

// builtin returns the calendars -calendar knows by name.
func builtin(name string) (calendar.Spec, bool) {
	weekdays := map[string][]string{"mon-fri": {"09:00-17:00"}}
	switch name {
	case "us-9to5":
		return calendar.Spec{Zone: "America/New_York", Hours: weekdays, Holidays: []string{"us"}}, true
	case "uk-9to5":
		return calendar.Spec{Zone: "Europe/London", Hours: weekdays, Holidays: []string{"gb"}}, true
	case "24x7":
		return calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-sun": {"00:00-24:00"}}}, true
	}
	return calendar.Spec{}, false
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("duedate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	calName := fs.String("calendar", "us-9to5", "built-in calendar (us-9to5, uk-9to5, 24x7) or a JSON file")
	startS := fs.String("start", "", "start instant: RFC 3339, or YYYY-MM-DD HH:MM in the calendar's zone (required)")
	add := fs.String("add", "", "business time to add, such as 4h or 1h30m (may be negative)")
	days := fs.Int("days", 0, "business days to add (the same wall time on the n-th working day)")
	untilS := fs.String("until", "", "report the business time between -start and this instant")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "duedate:", err)
		return 1
	}
	cal, err := loadCalendar(*calName)
	if err != nil {
		return fail(err)
	}
	if *startS == "" {
		return fail(errors.New("-start is required"))
	}
	start, err := parseInstant(*startS, cal.Location())
	if err != nil {
		return fail(fmt.Errorf("-start: %w", err))
	}
	set := 0
	for _, s := range []bool{*add != "", *days != 0, *untilS != ""} {
		if s {
			set++
		}
	}
	if set != 1 {
		return fail(errors.New("give exactly one of -add, -days and -until"))
	}
	zone := cal.Location()
	var out strings.Builder
	show := func(label string, t time.Time) {
		fmt.Fprintf(&out, "%-8s %s  (%s)\n", label, t.In(zone).Format("Mon 2006-01-02 15:04:05 MST"), t.UTC().Format(time.RFC3339))
	}
	show("start", start)
	fmt.Fprintf(&out, "%-8s %s, open now: %v\n", "calendar", *calName, cal.IsOpen(start))
	switch {
	case *add != "":
		d, err := time.ParseDuration(*add)
		if err != nil {
			return fail(fmt.Errorf("-add: %w", err))
		}
		due := cal.Add(start, d)
		if due.IsZero() {
			return fail(fmt.Errorf("no instant %s of business time from the start within the calendar's dates", d))
		}
		fmt.Fprintf(&out, "%-8s %s of business time\n", "add", d)
		show("due", due)
	case *days != 0:
		due := cal.AddDays(start, *days)
		if due.IsZero() {
			return fail(fmt.Errorf("no working day %d days from the start within the calendar's dates", *days))
		}
		fmt.Fprintf(&out, "%-8s %d business days\n", "add", *days)
		show("due", due)
	default:
		until, err := parseInstant(*untilS, zone)
		if err != nil {
			return fail(fmt.Errorf("-until: %w", err))
		}
		show("until", until)
		fmt.Fprintf(&out, "%-8s %s of business time\n", "between", cal.Between(start, until))
	}
	io.WriteString(stdout, out.String())
	return 0
}

func loadCalendar(name string) (*calendar.Calendar, error) {
	if spec, ok := builtin(name); ok {
		return calendar.New(spec)
	}
	if !strings.HasSuffix(name, ".json") {
		return nil, fmt.Errorf("-calendar %q: not a built-in (us-9to5, uk-9to5, 24x7) nor a .json file", name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	cal, err := calendar.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return cal, nil
}

// parseInstant reads RFC 3339, or a wall time in loc.
func parseInstant(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: want RFC 3339 or YYYY-MM-DD HH:MM", s)
}
