package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// ticketView is the part of GET /tickets/{id} these tests read.
type ticketView struct {
	Seq        int64
	WakeUp     *time.Time `json:"wake_up"`
	Agreements []struct {
		Agreement struct{ Name string }
	}
	View struct {
		Metrics []struct {
			Agreement struct{ Name string }
			Metric    string
			Verdict   string
			Line      string
		}
	}
}

func (ts *testService) view(path string) ticketView {
	ts.t.Helper()
	code, _, body := ts.do(http.MethodGet, path, "", "")
	if code != http.StatusOK {
		ts.t.Fatalf("GET %s: %d %s", path, code, body)
	}
	var v ticketView
	if err := json.Unmarshal(body, &v); err != nil {
		ts.t.Fatal(err)
	}
	return v
}

// verdicts says each metric's verdict and line, one metric a line.
func (v ticketView) verdicts() string {
	var b strings.Builder
	for _, m := range v.View.Metrics {
		b.WriteString(m.Agreement.Name + " " + m.Metric + ": " + m.Verdict + ", " + m.Line + "\n")
	}
	return b.String()
}

// A ticket under the Enterprise SLA and the first line's OLA, at high
// priority from Monday 09:00 EST: the OLA's first response is due at
// 09:30 (its goal, 30 business minutes) and breached a nanosecond later,
// so the ticket's wake-up is 09:30:01. The worker ticks it there, not
// before, stores the breach and relays every transition once.
func TestWorkerTicksAndRelays(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ts := newTestService(t, dsn)
		ts.mustPost("/tickets", "c1", `{"ticket": "T-1", "priority": "high",
			"fields": {"attributes": {"plan": "enterprise", "group": "first-line"}}}`, http.StatusCreated)
		due := monday.Add(30*time.Minute + time.Second)
		if diff := cmp.Diff(&due, ts.view("/tickets/T-1").WakeUp); diff != "" {
			t.Errorf("wake-up (-want +got):\n%s", diff)
		}
		type run struct {
			Ticks []Tick
			Sent  int
		}
		for _, step := range []struct {
			name string
			at   time.Time
			want run
		}{
			{"a second before the wake-up: nothing to tick, the creation's transitions relayed",
				due.Add(-time.Second), run{Ticks: []Tick{}, Sent: 6}},
			{"at the wake-up: the breach", due, run{Ticks: []Tick{{"T-1", due, 1}}, Sent: 1}},
			{"again: nothing", due, run{Ticks: []Tick{}}},
		} {
			t.Run(step.name, func(t *testing.T) {
				ts.setClock(step.at)
				r := ts.runWorker()
				if diff := cmp.Diff(step.want, run{r.Ticks, r.Sent}); diff != "" {
					t.Errorf("worker run (-want +got):\n%s", diff)
				}
			})
		}
		wantKeys := []string{"T-1/1/0", "T-1/1/1", "T-1/1/2", "T-1/1/3", "T-1/1/4", "T-1/1/5", "T-1/2/0"}
		if diff := cmp.Diff(wantKeys, ts.sent.keys()); diff != "" {
			t.Errorf("deliveries (-want +got):\n%s", diff)
		}
		want := `Enterprise first_response: on_track, breaches in 1h 20m
Enterprise next_response: not_started, not started
Enterprise periodic_update: not_started, not started
Enterprise resolution: on_track, breaches in 23h 20m
First line first_response: goal_missed, goal missed 10 min ago, promise breaks in 20 min
First line resolution: on_track, breaches in 3h 20m
`
		if diff := cmp.Diff(want, ts.view("/tickets/T-1?at=2026-03-02T14:40:00Z").verdicts()); diff != "" {
			t.Errorf("view at 09:40 EST (-want +got):\n%s", diff)
		}
	})
}

// GET /tickets?breaching_within lists tickets by their next breach, not
// their next warning: T-A's first warning comes at 09:20 EST, its breach
// just after 09:30.
func TestBreachingWithin(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ts := newTestService(t, dsn)
		for _, body := range []string{
			// Enterprise urgent: first response due at 09:30 (30m, 24x7), warnings at 09:20 and 09:22:30.
			`{"ticket": "T-A", "priority": "urgent", "fields": {"attributes": {"plan": "enterprise"}}}`,
			// Standard normal: first response due at 17:00 (8 business hours), breached at Tuesday's opening.
			`{"ticket": "T-B", "priority": "normal", "fields": {"attributes": {"plan": "standard"}}}`,
			// Enterprise high: first response due at 11:00 (2h).
			`{"ticket": "T-C", "priority": "high", "fields": {"attributes": {"plan": "enterprise"}}}`,
			// No agreement: nothing to breach.
			`{"ticket": "T-D", "priority": "high"}`,
		} {
			ts.mustPost("/tickets", "", body, http.StatusCreated)
		}
		if got, want := ts.view("/tickets/T-A").WakeUp, monday.Add(20*time.Minute); !got.Equal(want) {
			t.Errorf("T-A wakes up at %v, want %v (its first warning)", got, want)
		}
		for _, c := range []struct {
			name, within string
			want         []string
		}{
			{"none within 30 minutes: T-A breaches a nanosecond later", "30m", []string{}},
			{"T-A within 31 minutes", "31m", []string{"T-A 2026-03-02T14:30:01Z"}},
			{"T-C's a nanosecond past 2h", "2h0m1s",
				[]string{"T-A 2026-03-02T14:30:01Z", "T-C 2026-03-02T16:00:01Z"}},
			{"T-B's at Tuesday's opening, a nanosecond past 24h", "24h0m1s", []string{"T-A 2026-03-02T14:30:01Z", "T-C 2026-03-02T16:00:01Z",
				"T-B 2026-03-03T14:00:01Z"}},
			{"none within nothing", "0s", []string{}},
		} {
			t.Run(c.name, func(t *testing.T) {
				code, _, body := ts.do(http.MethodGet, "/tickets?breaching_within="+c.within, "", "")
				var got struct{ Tickets []Breach }
				if err := json.Unmarshal(body, &got); code != http.StatusOK || err != nil {
					t.Fatalf("%d %s", code, body)
				}
				list := []string{}
				for _, b := range got.Tickets {
					list = append(list, b.Ticket+" "+b.At.Format(time.RFC3339))
				}
				if diff := cmp.Diff(c.want, list); diff != "" {
					t.Errorf("breaching_within=%s (-want +got):\n%s", c.within, diff)
				}
			})
		}
	})
}

// The due-soon query reads the index on breach_at, on both databases.
func TestBreachingUsesTheIndex(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ts := newTestService(t, dsn)
		store := ts.srv.store
		tx, err := store.write.Begin()
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		explain := `EXPLAIN QUERY PLAN `
		if store.postgres {
			explain = `EXPLAIN `
			// On a table this small PostgreSQL would rather scan it: ask
			// whether it can use the index at all.
			if _, err := tx.Exec(`SET LOCAL enable_seqscan = off`); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := tx.Query(explain+breachingQuery, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var plan strings.Builder
		for rows.Next() {
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(any)
			}
			if err := rows.Scan(vals...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				plan.WriteString(toString(*v.(*any)) + " ")
			}
			plan.WriteString("\n")
		}
		if !strings.Contains(plan.String(), "sla_tickets_breach") {
			t.Errorf("the plan does not use sla_tickets_breach:\n%s", plan.String())
		}
	})
}

func toString(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// A ticket whose stored state was damaged is named by the worker and its
// wake-up put off by RetryRefused; the others are ticked.
func TestDamagedStateIsLeft(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ts := newTestService(t, dsn)
		for _, id := range []string{"T-1", "T-2"} {
			ts.mustPost("/tickets", "", `{"ticket": "`+id+`", "priority": "urgent",
				"fields": {"attributes": {"plan": "enterprise"}}}`, http.StatusCreated)
		}
		if _, err := ts.srv.store.write.Exec(`UPDATE sla_tickets SET state = replace(state, '"urgent"', '"low"')
			WHERE id = 'T-1'`); err != nil {
			t.Fatal(err)
		}
		ts.setClock(monday.Add(time.Hour - time.Second))
		r := ts.runWorker()
		// T-2's warnings at 09:20 and 09:22:30, its first response's goal
		// breached at 09:30; its promise breaks at 10:00, after the clock.
		want := []Tick{{"T-2", monday.Add(20 * time.Minute), 1}, {"T-2", monday.Add(22*time.Minute + 30*time.Second), 1},
			{"T-2", monday.Add(30*time.Minute + time.Second), 1}}
		if diff := cmp.Diff(want, r.Ticks); diff != "" {
			t.Errorf("ticks (-want +got):\n%s", diff)
		}
		if !strings.Contains(ts.logged.String(), "worker: ticket T-1: sla: ") {
			t.Errorf("the worker did not name T-1:\n%s", ts.logged)
		}
		var due int64
		if err := ts.srv.store.read.QueryRow(`SELECT due FROM sla_wakeups WHERE ticket_id = 'T-1'`).Scan(&due); err != nil ||
			due != monday.Add(time.Hour-time.Second+RetryRefused).Unix() {
			t.Errorf("T-1's wake-up: %v, %v; want it put off to %v", time.Unix(due, 0).UTC(), err, monday.Add(time.Hour-time.Second+RetryRefused))
		}
		code, _, body := ts.do(http.MethodGet, "/tickets/T-1", "", "")
		if diff := cmp.Diff(`500 internal error`, summary(code, false, body)); diff != "" {
			t.Errorf("GET /tickets/T-1 (-want +got):\n%s", diff)
		}
		code, _, body = ts.do(http.MethodGet, "/", "", "")
		for _, want := range []string{`<h2>T-1</h2>`, `This ticket cannot be shown`, `<h2>T-2<span class="meta">urgent`} {
			if code != http.StatusOK || !strings.Contains(string(body), want) {
				t.Errorf("GET /: %d, and the page does not say %q:\n%s", code, want, body)
			}
		}
	})
}

// A delivery the receiver refuses stays in the outbox and goes with the
// next run, once.
func TestRefusedDeliveryIsSentAgain(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ts := newTestService(t, dsn)
		ts.mustPost("/tickets", "", enterpriseHigh, http.StatusCreated)
		ts.sent.setRefuse(true)
		if r := ts.runWorker(); r.Sent != 0 || r.DeliveryError == "" {
			t.Errorf("refused: sent %d, delivery error %q; want 0 and an error", r.Sent, r.DeliveryError)
		}
		ts.sent.setRefuse(false)
		if r := ts.runWorker(); r.Sent != 3 || r.DeliveryError != "" {
			t.Errorf("accepted: sent %d, delivery error %q; want 3 and none", r.Sent, r.DeliveryError)
		}
		if diff := cmp.Diff([]string{"T-1/1/0", "T-1/1/1", "T-1/1/2"}, ts.sent.keys()); diff != "" {
			t.Errorf("deliveries (-want +got):\n%s", diff)
		}
	})
}
