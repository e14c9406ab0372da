package sla_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

func TestSummarize(t *testing.T) {
	set := loadSet(t)
	sun := func(hhmm string) time.Time { return ts("2026-03-01T" + hhmm + ":00Z") }
	tue := func(hhmm string) time.Time { return ts("2026-03-03T" + hhmm + ":00Z") }
	tickets := [][]sla.Event{
		// 1: first response in time; periodic update then runs past its promise.
		{created(mon("09:00"), "recompute", "normal"), reply(mon("10:00"))},
		// 2: first response after the promise (15:00).
		{created(mon("09:00"), "recompute", "normal"), reply(mon("16:00"))},
		// 3: first response after the goal (13:00), within the promise.
		{created(mon("09:00"), "recompute", "normal"), reply(mon("14:00"))},
		// 4: closed at once: first response cancelled, resolution met.
		{created(mon("09:00"), "recompute", "normal"), status(mon("09:30"), "Closed")},
		// 5: answered after the period.
		{created(mon("20:00"), "recompute", "normal"), reply(tue("01:00"))},
		// 6: never answered, never ticked: its promise broke at 15:00 all the same.
		{created(mon("09:00"), "recompute", "normal")},
		// 7: answered before the period; its resolution promise breaks in it.
		{created(sun("10:00"), "recompute", "normal"), reply(sun("11:00"))},
		// 8: urgent.
		{created(mon("09:00"), "recompute", "urgent"), reply(mon("09:20"))},
		// 9: another policy, without credit tiers.
		{created(mon("09:00"), "restart", "normal"), reply(mon("10:00"))},
		// 10: no agreement.
		{created(mon("09:00"), "none", "normal"), reply(mon("10:00"))},
	}
	var states []sla.State
	for _, events := range tickets {
		s, _ := replay(t, set, events...)
		states = append(states, s)
	}
	got, err := sla.Summarize(set, states, mon("00:00"), tue("00:00"))
	if err != nil {
		t.Fatal(err)
	}
	pct := func(p int64) policy.Percent { return policy.Percent(p) * policy.OnePercent }
	h := time.Hour
	row := func(name, metric, prio string) sla.Row {
		return sla.Row{Agreement: sla.Agreement{Name: name, Kind: policy.SLA}, Metric: metric, Priority: prio}
	}
	want := []sla.Row{
		// Met 1 (1h) and 3 (5h); breached 2 (7h) and 6 (15h by the period's end);
		// cancelled 4; open 5; 7 decided before the period.
		withCounts(row("Recompute", "first_response", "normal"), 2, 2, 1, 1, 3, pct(50), 5*h, 15*h, pct(10)),
		withCounts(row("Recompute", "first_response", "urgent"), 1, 0, 0, 0, 0, pct(100), 20*time.Minute, 20*time.Minute, 0),
		// Started by the replies of 1 (breached at 18:00, 14h by the end),
		// 3 (22:00, 10h) and 2 (due after the period: open).
		withCounts(row("Recompute", "periodic_update", "normal"), 0, 2, 0, 1, 2, 0, 10*h, 14*h, pct(10)),
		withCounts(row("Recompute", "periodic_update", "urgent"), 0, 1, 0, 0, 1, 0, 14*h+40*time.Minute, 14*h+40*time.Minute, pct(10)),
		// Met 4 (30m, closed); breached 7 (Monday 10:00, 38h); open 1, 2, 3, 5, 6.
		withCounts(row("Recompute", "resolution", "normal"), 1, 1, 0, 5, 1, pct(50), 30*time.Minute, 38*h, pct(10)),
		withCounts(row("Recompute", "resolution", "urgent"), 0, 1, 0, 0, 1, 0, 15*h, 15*h, pct(10)),
		withCounts(row("Restart", "first_response", "normal"), 1, 0, 0, 0, 0, pct(100), h, h, 0),
		withCounts(row("Restart", "resolution", "normal"), 0, 0, 0, 1, 0, 0, 0, 0, 0),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize (-want +got):\n%s", diff)
	}
}

func withCounts(r sla.Row, met, breached, cancelled, open, goal int, pct policy.Percent, p50, p90 time.Duration, credit policy.Percent) sla.Row {
	r.Met, r.Breached, r.Cancelled, r.Open, r.GoalBreached = met, breached, cancelled, open, goal
	r.PercentMet, r.P50, r.P90, r.Credit = pct, p50, p90, credit
	return r
}

func TestSummarizePeriodBounds(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, created(mon("09:00"), "restart", "normal"), reply(mon("10:00")))
	tests := []struct {
		name     string
		from, to time.Time
		met      int
		open     int
	}{
		{"decided at the period's start: in it", mon("10:00"), mon("11:00"), 1, 0},
		{"decided at the period's end: not yet, open", mon("09:00"), mon("10:00"), 0, 1},
		{"decided before the period: not counted", mon("10:00").Add(ns), mon("11:00"), 0, 0},
		{"started after the period: not counted", mon("08:00"), mon("09:00"), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := sla.Summarize(set, []sla.State{s}, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			met, open := 0, 0
			for _, r := range rows {
				if r.Metric == "first_response" {
					met, open = r.Met, r.Open
				}
			}
			if met != tt.met || open != tt.open {
				t.Errorf("met %d, open %d; want %d, %d", met, open, tt.met, tt.open)
			}
		})
	}
}

func TestSummarizeCreditTiers(t *testing.T) {
	set := loadSet(t)
	// 19 of 20 first responses in time: 95%, not below 95%, so the 99% tier's 5%.
	var states []sla.State
	for i := range 20 {
		at := mon("09:00").Add(time.Duration(i) * time.Minute)
		answer := at.Add(time.Hour)
		if i == 0 {
			answer = at.Add(7 * time.Hour) // after the 6h promise
		}
		s, _ := replay(t, set, created(at, "recompute", "normal"), reply(answer))
		states = append(states, s)
	}
	rows, err := sla.Summarize(set, states, mon("00:00"), ts("2026-03-03T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	if r.Metric != "first_response" || r.Met != 19 || r.Breached != 1 || r.PercentMet != 95*policy.OnePercent || r.Credit != 5*policy.OnePercent {
		t.Errorf("row %+v; want 19 met, 1 breached, 95%%, credit 5%%", r)
	}
}

// TestSummarizeCutsRunningClocksAtTheEnd checks that a cycle still running
// after the period, whose promise broke in it, reports the business time
// it used up to the period's end, cutting a span that runs past it, as
// its clock.Timer would.
func TestSummarizeCutsRunningClocksAtTheEnd(t *testing.T) {
	set := loadSet(t)
	// Enterprise, urgent: resolution 4h / 8h in 24x7, paused while pending.
	s, _ := replay(t, set,
		created(mon("09:00"), "enterprise", "urgent"),
		status(mon("13:00"), "Pending"), // ran 4h
		status(mon("14:00"), "Open"),
		status(mon("19:00"), "Pending"), // ran 5h more: the promise broke at 18:00
		status(mon("20:00"), "Open"),
	)
	rows, err := sla.Summarize(set, []sla.State{s}, mon("00:00"), mon("18:30"))
	if err != nil {
		t.Fatal(err)
	}
	var got *sla.Row
	for i := range rows {
		if rows[i].Metric == "resolution" {
			got = &rows[i]
		}
	}
	if got == nil {
		t.Fatalf("no resolution row in %v", rows)
	}
	// 09:00-13:00 and 14:00-18:30 of the span 14:00-19:00.
	if got.Breached != 1 || got.P50 != 8*time.Hour+30*time.Minute || got.P90 != got.P50 {
		t.Errorf("resolution: breached %d, p50 %v, p90 %v; want 1, 8h30m0s, 8h30m0s", got.Breached, got.P50, got.P90)
	}
}

// TestSummarizeRestartKeepsBreaches checks that a cycle a priority change
// restarts after its promise broke counts as breached, in its priority,
// and the new cycle on its own.
func TestSummarizeRestartKeepsBreaches(t *testing.T) {
	set := loadSet(t)
	// Restart, normal: first_response goal 4h, promise 6h; at 16:00 the
	// promise (15:00) has broken; urgent restarts it (goal 1h, promise 2h).
	s, _ := replay(t, set, created(mon("09:00"), "restart", "normal"), priority(mon("16:00"), "urgent"), reply(mon("16:30")))
	rows, err := sla.Summarize(set, []sla.State{s}, mon("00:00"), mon("23:00"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]int{}
	for _, r := range rows {
		if r.Metric == "first_response" {
			got[r.Priority] = [2]int{r.Met, r.Breached}
		}
	}
	want := map[string][2]int{"normal": {0, 1}, "urgent": {1, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("first_response met and breached by priority (-want +got):\n%s", diff)
	}
}

func TestSummarizeUnknownAgreement(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, created(mon("09:00"), "restart", "normal"))
	other, err := policy.Load([]byte(`{"policies": []}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = sla.Summarize(other, []sla.State{{}, s}, mon("00:00"), mon("23:00"))
	var e *sla.Error
	if !errors.As(err, &e) || !errors.Is(err, sla.ErrUnknownPolicy) || e.Path != "states[1].agreements[0]" {
		t.Errorf("Summarize with the agreement gone: %v; want ErrUnknownPolicy at states[1].agreements[0]", err)
	}
}

// TestSummarizeCountsDetachedAgreements checks that what an agreement's
// cycles breached before it detached is counted, in its agreement.
func TestSummarizeCountsDetachedAgreements(t *testing.T) {
	set := loadSet(t)
	// First line's first_response: goal and promise 2h, broken at 11:00;
	// the ticket leaves the first line at 13:00.
	s, _ := replay(t, set,
		createdWith(mon("09:00"), "normal", attrs("plan", "recompute", "group", "first-line")),
		fieldsChanged(mon("13:00"), attrs("plan", "recompute", "group", "second-line")))
	rows, err := sla.Summarize(set, []sla.State{s}, mon("00:00"), mon("23:00"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][4]int{}
	for _, r := range rows {
		if r.Agreement.Kind == policy.OLA {
			got[r.Agreement.Name+"/"+r.Metric] = [4]int{r.Met, r.Breached, r.Cancelled, r.Open}
		}
	}
	want := map[string][4]int{
		"First line/first_response": {0, 1, 0, 0}, // broken before the detach
		"First line/resolution":     {0, 0, 1, 0}, // cancelled by it, in time
		"Second line/resolution":    {0, 0, 0, 1}, // attached then, still open
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("OLA rows: met, breached, cancelled, open (-want +got):\n%s", diff)
	}
}
