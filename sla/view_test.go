package sla_test

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// viewDocument is the policy of the view's tables: around the clock in
// New York at normal priority, business hours in New York at high, no
// target at low.
const viewDocument = `{
  "calendars": {
    "ny-24x7": {"zone": "America/New_York", "hours": {"mon-sun": ["00:00-24:00"]}},
    "ny-hours": {"zone": "America/New_York", "hours": {"mon-fri": ["09:00-17:00"]}}
  },
  "statuses": {"New": "new", "Open": "open", "Pending": "pending", "Solved": "solved", "Closed": "closed"},
  "priorities": ["low", "normal", "high"],
  "policies": [{
    "name": "Desk", "calendar": "ny-24x7",
    "metrics": {"first_response": {}, "next_response": {}, "resolution": {"pause_while": ["pending"]}},
    "targets": {
      "first_response": {"normal": {"goal": "1h", "promise": "2h", "warn": ["75%"]},
                         "high": {"goal": "30m", "promise": "1h", "calendar": "ny-hours"}},
      "next_response": {"normal": {"goal": "1h"}},
      "resolution": {"normal": {"goal": "4h", "promise": "8h"},
                     "high": {"goal": "1bd", "promise": "3bd", "calendar": "ny-hours"}}}}]}`

func viewSet(t testing.TB) *policy.Set {
	t.Helper()
	set, err := policy.Load([]byte(viewDocument))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// ny is an instant in New York: "2026-03-02 10:00" (or with seconds and
// nanoseconds, "2026-03-02 11:00:00.000000001"), the first when the clock
// shows it twice; or an RFC 3339 instant.
func ny(s string) time.Time {
	if strings.Contains(s, "T") {
		return ts(s)
	}
	layout := "2006-01-02 15:04"
	if len(s) > len(layout) {
		layout = "2006-01-02 15:04:05.999999999"
	}
	t, err := time.ParseInLocation(layout, s, newYork)
	if err != nil {
		panic(err)
	}
	return t
}

// deskTicket returns a ticket created at the instant created with priority
// p, then the events.
func deskTicket(created string, p string, events ...sla.Event) []sla.Event {
	return append([]sla.Event{{Kind: policy.Created, At: ny(created), Status: "Open", Priority: p}}, events...)
}

func say(at string, kind policy.EventKind, statusName string) sla.Event {
	return sla.Event{Kind: kind, At: ny(at), Status: statusName}
}

// metricView returns the view of one metric of s at the instant at.
func metricView(t *testing.T, set *policy.Set, s sla.State, metric string, at time.Time) sla.CycleView {
	t.Helper()
	v, err := s.View(set, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range v.Metrics {
		if m.Metric == metric {
			return m
		}
	}
	t.Fatalf("no metric %s in the view", metric)
	return sla.CycleView{}
}

// A ticket created Monday 2 March 2026 at 10:00 New York time (EST) at
// normal priority: first response due 11:00 (warning at 10:45), promised by
// 12:00; resolution due 14:00, promised by 18:00.
func TestViewVerdictsAndLines(t *testing.T) {
	set := viewSet(t)
	const mon = "2026-03-02 10:00"
	type want struct {
		Verdict string
		Line    string
	}
	tests := []struct {
		name   string
		events []sla.Event
		metric string
		at     string
		want   want
	}{
		{"not started: no customer message yet", deskTicket(mon, "normal"), "next_response", "2026-03-02 10:30",
			want{"not started", "not started"}},
		{"on track, whole hours", deskTicket(mon, "normal"), "resolution", "2026-03-02 10:00",
			want{"on track", "breaches in 4h"}},
		{"on track, hours and minutes", deskTicket(mon, "normal"), "resolution", "2026-03-02 12:40",
			want{"on track", "breaches in 1h 20m"}},
		{"on track a second before the warning", deskTicket(mon, "normal"), "first_response", "2026-03-02 10:44:59",
			want{"on track", "breaches in 15 min"}},
		{"at risk once the warning fired", deskTicket(mon, "normal"), "first_response", "2026-03-02 10:45",
			want{"at risk", "breaches in 15 min"}},
		{"at risk with seconds left", deskTicket(mon, "normal"), "first_response", "2026-03-02 10:59:20",
			want{"at risk", "breaches in 40s"}},
		{"exactly due: not breached yet", deskTicket(mon, "normal"), "first_response", "2026-03-02 11:00",
			want{"at risk", "breaches now"}},
		{"a nanosecond after due: goal missed", deskTicket(mon, "normal"), "first_response", "2026-03-02 11:00:00.000000001",
			want{"goal missed", "goal missed just now, promise breaks in 1h"}},
		{"goal missed 25 min ago", deskTicket(mon, "normal"), "first_response", "2026-03-02 11:25",
			want{"goal missed", "goal missed 25 min ago, promise breaks in 35 min"}},
		{"promise broken 25 min ago", deskTicket(mon, "normal"), "first_response", "2026-03-02 12:25",
			want{"promise broken", "promise broken 25 min ago"}},
		{"promise broken a day ago: the instant", deskTicket(mon, "normal"), "first_response", "2026-03-03 12:00",
			want{"promise broken", "promise broken Mon 12:00 EST"}},
		{"paused since", deskTicket(mon, "normal", say("2026-03-02 11:00", policy.StatusChanged, "Pending")),
			"resolution", "2026-03-02 13:00", want{"paused", "paused since Mon 11:00 EST"}},
		{"paused more than six days ago: the date", deskTicket(mon, "normal", say("2026-03-02 11:00", policy.StatusChanged, "Pending")),
			"resolution", "2026-03-12 13:00", want{"paused", "paused since Mar 2 11:00 EST"}},
		{"paused in another year: the year", deskTicket(mon, "normal", say("2026-03-02 11:00", policy.StatusChanged, "Pending")),
			"resolution", "2027-01-05 13:00", want{"paused", "paused since Mar 2 2026 11:00 EST"}},
		{"paused after missing the goal", deskTicket(mon, "normal", say("2026-03-02 15:00", policy.StatusChanged, "Pending")),
			"resolution", "2026-03-02 16:00", want{"goal missed", "goal missed 2h ago, paused since Mon 15:00 EST"}},
		{"paused after breaking the promise", deskTicket(mon, "normal", say("2026-03-02 19:00", policy.StatusChanged, "Pending")),
			"resolution", "2026-03-02 19:30", want{"promise broken", "promise broken 1h 30m ago, paused since Mon 19:00 EST"}},
		{"met with 15 min to spare", deskTicket(mon, "normal", say("2026-03-02 10:45", policy.PublicReply, "")),
			"first_response", "2026-03-02 16:00", want{"met in time", "met with 15 min to spare"}},
		{"met exactly when due", deskTicket(mon, "normal", say("2026-03-02 11:00", policy.PublicReply, "")),
			"first_response", "2026-03-02 16:00", want{"met in time", "met with no time to spare"}},
		{"met a nanosecond late", deskTicket(mon, "normal", say("2026-03-02 11:00:00.000000001", policy.PublicReply, "")),
			"first_response", "2026-03-02 16:00", want{"met late", "met under 1s over the goal"}},
		{"met 40s late", deskTicket(mon, "normal", say("2026-03-02 11:00:40", policy.PublicReply, "")),
			"first_response", "2026-03-02 16:00", want{"met late", "met 40s over the goal"}},
		{"met 40 min late", deskTicket(mon, "normal", say("2026-03-02 11:40", policy.PublicReply, "")),
			"first_response", "2026-03-02 16:00", want{"met late", "met 40 min over the goal"}},
		{"met after the promise", deskTicket(mon, "normal", say("2026-03-02 12:20", policy.PublicReply, "")),
			"first_response", "2026-03-02 16:00", want{"promise broken", "met 20 min over the promise"}},
		{"cancelled", deskTicket(mon, "normal", say("2026-03-02 10:30", policy.StatusChanged, "Closed")),
			"first_response", "2026-03-02 16:00", want{"cancelled", "cancelled"}},
		{"cancelled after the goal: no verdict", deskTicket(mon, "normal", say("2026-03-02 11:30", policy.StatusChanged, "Closed")),
			"first_response", "2026-03-02 16:00", want{"cancelled", "cancelled"}},
		{"cancelled after the promise", deskTicket(mon, "normal", say("2026-03-02 12:30", policy.StatusChanged, "Closed")),
			"first_response", "2026-03-02 16:00", want{"promise broken", "cancelled 30 min over the promise"}},
		{"not measured: no target at the priority", deskTicket(mon, "low"), "first_response", "2026-03-02 16:00",
			want{"not measured", "not measured: no target at priority low"}},
		{"not measured: no priority", deskTicket(mon, ""), "first_response", "2026-03-02 16:00",
			want{"not measured", "not measured: no priority"}},
		{"no target since a breach: the breach stays", deskTicket(mon, "normal", sla.Event{Kind: policy.PriorityChanged, At: ny("2026-03-02 11:40"), Priority: "low"}),
			"first_response", "2026-03-02 12:00", want{"goal missed", "goal missed 1h ago"}},
		{"no target since a breach, then met", deskTicket(mon, "normal", sla.Event{Kind: policy.PriorityChanged, At: ny("2026-03-02 11:40"), Priority: "low"},
			say("2026-03-02 12:10", policy.PublicReply, "")), "first_response", "2026-03-02 12:10", want{"met late", "met late, goal missed 1h 10m ago"}},
		{"no target since the promise broke: no calendar, so in UTC", deskTicket(mon, "normal", sla.Event{Kind: policy.PriorityChanged, At: ny("2026-03-02 12:40"), Priority: "low"}),
			"first_response", "2026-03-04 12:00", want{"promise broken", "promise broken Mon 17:00 UTC"}},
		{"a goal due at the close breaches at the next opening", deskTicket("2026-03-02 16:30", "high"),
			"first_response", "2026-03-02 16:40", want{"on track", "breaches in 16h 20m"}},
		{"a breach a day or more ahead: the instant, after the DST change", deskTicket("2026-03-06 16:00", "high"),
			"resolution", "2026-03-06 16:00", want{"on track", "breaches Mon 16:00 EDT"}},
		{"no deadline past the calendar's last date", deskTicket("2149-12-31 16:30", "high"),
			"first_response", "2149-12-31 16:40", want{"on track", "no deadline"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := replay(t, set, tt.events...)
			v := metricView(t, set, s, tt.metric, ny(tt.at))
			if diff := cmp.Diff(tt.want, want{v.Verdict.String(), v.Line}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// Boundaries of the figures: zero left exactly when due, and clock time
// against business time on the nights New York changes its clocks.
func TestViewFigures(t *testing.T) {
	set := viewSet(t)
	type figures struct {
		Line                 string
		Used, Left           time.Duration
		GoalDue, GoalBreach  string // New York wall clock with the zone
		PausedSince, Breaked string
	}
	wall := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("Mon 15:04:05.999999999 MST")
	}
	tests := []struct {
		name   string
		events []sla.Event
		metric string
		at     string
		want   figures
	}{
		{"zero left exactly when due", deskTicket("2026-03-02 10:00", "normal"), "first_response", "2026-03-02 11:00",
			figures{Line: "breaches now", Used: time.Hour, GoalDue: "Mon 11:00:00 EST"}},
		{"a nanosecond over: breached at due plus a nanosecond", deskTicket("2026-03-02 10:00", "normal"), "first_response", "2026-03-02 11:00:00.000000001",
			figures{Line: "goal missed just now, promise breaks in 1h", Used: time.Hour + 1, Left: -1,
				GoalDue: "Mon 11:00:00 EST", GoalBreach: "Mon 11:00:00.000000001 EST"}},
		{"spring forward: an hour of business time is an hour of clock time", deskTicket("2026-03-08 01:30", "normal"), "first_response", "2026-03-08 01:30",
			figures{Line: "breaches in 1h", Left: time.Hour, GoalDue: "Sun 03:30:00 EDT"}},
		{"spring forward: a minute after the goal", deskTicket("2026-03-08 01:30", "normal"), "first_response", "2026-03-08 03:31",
			figures{Line: "goal missed 1 min ago, promise breaks in 59 min", Used: 61 * time.Minute, Left: -time.Minute,
				GoalDue: "Sun 03:30:00 EDT", GoalBreach: "Sun 03:30:00.000000001 EDT"}},
		{"fall back: due at 01:30 EST, 40 min after 01:50 EDT", deskTicket("2026-11-01 01:30", "normal"), "first_response", "2026-11-01 01:50",
			figures{Line: "breaches in 40 min", Used: 20 * time.Minute, Left: 40 * time.Minute, GoalDue: "Sun 01:30:00 EST"}},
		{"fall back: the zone tells the two 01:45 apart", deskTicket("2026-11-01 01:30", "normal", say("2026-11-01 01:45", policy.StatusChanged, "Pending")),
			"resolution", "2026-11-01T01:15:00-05:00", figures{Line: "paused since Sun 01:45 EDT", Used: 15 * time.Minute, Left: 3*time.Hour + 45*time.Minute,
				PausedSince: "Sun 01:45:00 EDT"}},
		{"business hours over the spring-forward weekend: business time left, clock time to the breach", deskTicket("2026-03-06 16:00", "high"), "resolution", "2026-03-09 15:30",
			figures{Line: "breaches in 30 min", Used: 7*time.Hour + 30*time.Minute, Left: 30 * time.Minute, GoalDue: "Mon 16:00:00 EDT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := replay(t, set, tt.events...)
			v := metricView(t, set, s, tt.metric, ny(tt.at))
			got := figures{Line: v.Line, Used: v.Used, Left: v.Left, GoalDue: wall(v.GoalDue), GoalBreach: wall(v.GoalBreached),
				PausedSince: wall(v.PausedSince)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// The next breach is told apart from the next warning, across metrics and
// agreements, and both are what a Tick will stamp.
func TestViewNextBreachAndWarning(t *testing.T) {
	set := viewSet(t)
	type next struct {
		Kind, Metric, At, Warning string
	}
	show := func(u sla.Upcoming) next {
		if u.At.IsZero() {
			return next{}
		}
		return next{u.Kind.String(), u.Metric, u.At.Format("Mon 15:04:05.999999999 MST"), u.Warning}
	}
	tests := []struct {
		name                string
		events              []sla.Event
		at                  string
		breach, nextWarning next
	}{
		{"a fresh ticket: the first response's warning, then its goal", deskTicket("2026-03-02 10:00", "normal"), "2026-03-02 10:00",
			next{"goal_breached", "first_response", "Mon 11:00:00.000000001 EST", ""}, next{"warning", "first_response", "Mon 10:45:00 EST", "75%"}},
		{"past the warning: no warning is coming", deskTicket("2026-03-02 10:00", "normal"), "2026-03-02 10:50",
			next{"goal_breached", "first_response", "Mon 11:00:00.000000001 EST", ""}, next{}},
		{"goal missed: the promise is next", deskTicket("2026-03-02 10:00", "normal"), "2026-03-02 11:30",
			next{"promise_breached", "first_response", "Mon 12:00:00.000000001 EST", ""}, next{}},
		{"first response met: resolution's goal", deskTicket("2026-03-02 10:00", "normal", say("2026-03-02 10:20", policy.PublicReply, "")), "2026-03-02 10:20",
			next{"goal_breached", "resolution", "Mon 14:00:00.000000001 EST", ""}, next{}},
		{"everything paused or over: nothing is coming", deskTicket("2026-03-02 10:00", "normal", say("2026-03-02 10:20", policy.PublicReply, ""),
			say("2026-03-02 10:30", policy.StatusChanged, "Pending")), "2026-03-02 11:00", next{}, next{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := replay(t, set, tt.events...)
			v, err := s.View(set, ny(tt.at))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]next{tt.breach, tt.nextWarning}, []next{show(v.NextBreach), show(v.NextWarning)}); diff != "" {
				t.Errorf("next breach, next warning (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVerdictText(t *testing.T) {
	var texts, codes []string
	for v := sla.VerdictNotStarted; v <= sla.VerdictCancelled; v++ {
		b, err := v.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back sla.Verdict
		if err := back.UnmarshalText(b); err != nil || back != v {
			t.Errorf("%s: UnmarshalText(%s) = %v, %v", v, b, back, err)
		}
		texts, codes = append(texts, v.String()), append(codes, string(b))
	}
	want := []string{"not started", "not measured", "on track", "at risk", "paused", "goal missed", "promise broken", "met in time", "met late", "cancelled"}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
	for i := range want {
		want[i] = strings.ReplaceAll(want[i], " ", "_")
	}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("MarshalText (-want +got):\n%s", diff)
	}
	bad := sla.VerdictCancelled + 1
	if _, err := bad.MarshalText(); !errors.Is(err, sla.ErrBadState) || bad.String() != "Verdict(10)" {
		t.Errorf("an unknown verdict: %v, %s", err, bad)
	}
	var v sla.Verdict
	err := v.UnmarshalText([]byte("on track"))
	if got := err.Error(); !errors.Is(err, sla.ErrBadState) || !strings.Contains(got, "on_track, at_risk") {
		t.Errorf("UnmarshalText of a String form: %v", got)
	}
	for k := sla.SegmentCounted; k <= sla.SegmentNotMeasured+1; k++ {
		if _, err := k.MarshalText(); (err == nil) != (k <= sla.SegmentNotMeasured) {
			t.Errorf("SegmentKind %s: MarshalText error %v", k, err)
		}
	}
}

func TestViewOfNoTicketAndUnknownPolicy(t *testing.T) {
	set := viewSet(t)
	v, err := sla.State{}.View(set, ny("2026-03-02 10:00"))
	if err != nil || len(v.Metrics) != 0 || !v.NextBreach.At.IsZero() {
		t.Errorf("the view of a ticket not created: %+v, %v", v, err)
	}
	if got := mustJSON(v); got != `{"at":"2026-03-02T15:00:00Z","metrics":[]}` {
		t.Errorf("its JSON form: %s", got)
	}
	s, _ := replay(t, set, deskTicket("2026-03-02 10:00", "normal")...)
	other := loadSet(t)
	if _, err := s.View(other, ny("2026-03-02 10:00")); !errors.Is(err, sla.ErrUnknownPolicy) {
		t.Errorf("View with a set that lacks the agreement: %v", err)
	}
	if _, err := s.Timeline(other, ny("2026-03-02 10:00")); !errors.Is(err, sla.ErrUnknownPolicy) {
		t.Errorf("Timeline with a set that lacks the agreement: %v", err)
	}
}

var updateViews = flag.Bool("update-views", false, "rewrite testdata/view.golden")

// The JSON forms of views and timelines, on two tickets: one around the
// clock, its first response met late, its resolution paused while pending
// and resumed, a next response waiting on the agent; one in business
// hours over the spring-forward weekend, its promise broken, paused at the
// instant viewed, with no customer message yet.
func TestViewJSONGolden(t *testing.T) {
	set := viewSet(t)
	type ticket struct {
		View     sla.View   `json:"view"`
		Timeline []sla.Lane `json:"timeline"`
	}
	var tickets []ticket
	for _, tk := range []struct {
		events []sla.Event
		at     string
	}{
		{deskTicket("2026-03-02 10:00", "normal",
			say("2026-03-02 11:20", policy.PublicReply, ""),
			say("2026-03-02 11:30", policy.StatusChanged, "Pending"),
			say("2026-03-02 13:00", policy.CustomerReply, ""),
			say("2026-03-02 13:00", policy.StatusChanged, "Open")), "2026-03-02 13:45"},
		{deskTicket("2026-03-06 16:00", "high",
			say("2026-03-09 09:30", policy.PublicReply, ""),
			say("2026-03-09 10:00", policy.StatusChanged, "Pending")), "2026-03-09 11:00"},
	} {
		s, _ := replay(t, set, tk.events...)
		v, err := s.View(set, ny(tk.at))
		if err != nil {
			t.Fatal(err)
		}
		lanes, err := s.Timeline(set, ny(tk.at))
		if err != nil {
			t.Fatal(err)
		}
		tickets = append(tickets, ticket{v, lanes})
	}
	got, err := json.MarshalIndent(tickets, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "view.golden")
	if *updateViews {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run TestViewJSONGolden -update-views writes it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
