package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkEndToEnd sends ticket events to the service over HTTP, from one
// client and from 8 at once, each with its own tickets, and reports events per
// second end to end, and per event where the store's transactions spent
// their time: in all (tx-µs/event), in SQL (what the database, its driver
// and the statements take), in the state's codec, in Evaluate, and in the
// deadlines (NextDeadline and the view's next breach, for breach_at).
// With one client the parts add up to the time of a request, less HTTP;
// with 8, each part's time includes the waits of 8 requests sharing the
// machine's two cores (and, on SQLite, its one writer).
//
//	go test -run='^$' -bench=EndToEnd -benchtime=4000x -count=3
func BenchmarkEndToEnd(b *testing.B) {
	for _, clients := range []int{1, benchClients} {
		b.Run(fmt.Sprintf("sqlite/clients=%d", clients), func(b *testing.B) {
			benchmarkEvents(b, filepath.Join(b.TempDir(), "slaclock.db"), clients)
		})
		b.Run(fmt.Sprintf("postgres/clients=%d", clients), func(b *testing.B) {
			benchmarkEvents(b, postgresDSN(b), clients)
		})
	}
}

const (
	benchClients = 8
	benchTickets = 400
)

// The events the benchmark's tickets go through, over and over, five
// minutes apart: a customer writes, an agent answers, asks and waits, the
// customer answers, a note; none closes the ticket.
var benchEvents = []string{
	`{"kind": "customer_reply"}`,
	`{"kind": "public_reply", "actor": "ann"}`,
	`{"kind": "status_changed", "status": "Pending"}`,
	`{"kind": "customer_reply"}`,
	`{"kind": "status_changed", "status": "Open"}`,
	`{"kind": "internal_note", "actor": "li"}`,
	`{"kind": "public_reply", "actor": "ann"}`,
}

func benchmarkEvents(b *testing.B, dsn string, clients int) {
	p := startService(b, "-db", dsn, "-clock", monday.Format(time.RFC3339))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients}}
	for i := range benchTickets {
		body := fmt.Sprintf(`{"ticket": "B-%d", "priority": "%s", "fields": {"attributes": {"plan": "%s", "group": "first-line"}}}`,
			i, []string{"normal", "high", "urgent"}[i%3], []string{"enterprise", "standard"}[i%2])
		if code, _, out, err := post(client, p.url+"/tickets", "", body); err != nil || code != http.StatusCreated {
			b.Fatalf("%d %s %v", code, out, err)
		}
	}
	before := readTimings(b, client, p.url)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := clockStart()
	for c := range clients {
		wg.Go(func() {
			sent := map[int]int{} // events sent per ticket of this client
			for i := next.Add(1) - 1; i < int64(b.N); i = next.Add(1) - 1 {
				ticket := c + clients*(int(i)/clients%(benchTickets/clients))
				k := sent[ticket]
				sent[ticket]++
				at := monday.Add(time.Duration(k+1) * 5 * time.Minute).Format(time.RFC3339)
				var ev map[string]any
				json.Unmarshal([]byte(benchEvents[k%len(benchEvents)]), &ev)
				ev["at"] = at
				code, _, out, err := post(client, fmt.Sprintf("%s/tickets/B-%d/events", p.url, ticket),
					fmt.Sprintf("b%d", i), toJSON(ev))
				if err != nil || code != http.StatusCreated {
					b.Errorf("%d %s %v", code, out, err)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := clockStart().Sub(start)
	b.StopTimer()
	after := readTimings(b, client, p.url)
	perEvent := func(ns int64) float64 { return float64(ns) / 1e3 / float64(b.N) }
	tx, codec := after.Tx-before.Tx, after.Codec-before.Codec
	evaluate, deadlines := after.Evaluate-before.Evaluate, after.Deadlines-before.Deadlines
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	b.ReportMetric(perEvent(tx), "tx-µs/event")
	b.ReportMetric(perEvent(tx-codec-evaluate-deadlines), "sql-µs/event")
	b.ReportMetric(perEvent(codec), "codec-µs/event")
	b.ReportMetric(perEvent(evaluate), "evaluate-µs/event")
	b.ReportMetric(perEvent(deadlines), "deadlines-µs/event")
}

func readTimings(b *testing.B, client *http.Client, url string) Timings {
	resp, err := client.Get(url + "/debug/timings")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var t Timings
	if err := json.NewDecoder(resp.Body).Decode(&t); err != nil {
		b.Fatal(err)
	}
	return t
}
