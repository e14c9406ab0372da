package policy_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// Documents of a chosen size, for the benchmarks and the limit tests. Each
// has the calendar "business", the priorities low..urgent unless it sets its
// own, and one policy unless it is about policies.

// bigDoc assembles a document from its parts, each "" to leave it out.
func bigDoc(calendars, priorities, policies string) string {
	if calendars == "" {
		calendars = `"business": {"zone": "America/New_York", "hours": {"mon-fri": ["09:00-17:00"]}}`
	}
	if priorities == "" {
		priorities = `"low", "normal", "high", "urgent"`
	}
	if policies == "" {
		policies = `{"name": "P", "calendar": "business", "targets": {"first_response": {"low": {"goal": "1h"}}}}`
	}
	return `{"calendars": {` + calendars + `}, "priorities": [` + priorities + `], "policies": [` + policies + `]}`
}

// joined returns n items, item(i) for i in [0, n), joined by commas.
func joined(n int, item func(i int) string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(item(i))
	}
	return b.String()
}

// manyPriorities is a document with n priorities, the first of them "p0".
func manyPriorities(n int) string {
	return bigDoc("", joined(n, func(i int) string { return `"p` + strconv.Itoa(i) + `"` }),
		`{"name": "P", "calendar": "business", "targets": {"first_response": {"p0": {"goal": "1h"}}}}`)
}

// manyMatchValues is a document whose policy matches n account numbers.
func manyMatchValues(n int) string {
	return bigDoc("", "", `{"name": "P", "calendar": "business", "match": {"account": [`+
		joined(n, func(i int) string { return `"a` + strconv.Itoa(i) + `"` })+
		`]}, "targets": {"first_response": {"low": {"goal": "1h"}}}}`)
}

// manyPolicies is a document with a policy per tenant, n in all, each in
// two versions when versions is set.
func manyPolicies(n int, versions bool) string {
	return bigDoc("", "", joined(n, func(i int) string {
		from := ""
		if versions {
			from = fmt.Sprintf(`, "effective_from": "20%02d-01-01T00:00:00Z"`, 25+i%2)
			i /= 2
		}
		return fmt.Sprintf(`{"name": "Tenant %d"%s, "match": {"tenant": ["t%d"]}, "calendar": "business",
			"targets": {"first_response": {"low": {"goal": "4h"}, "urgent": {"goal": "1h", "warn": ["75%%"]}}}}`, i, from, i)
	}))
}

// calendarZones are the zones manyCalendars cycles through.
var calendarZones = []string{"America/New_York", "Europe/Paris", "Asia/Tokyo", "UTC", "Australia/Sydney"}

// manyCalendars is a document with a calendar per tenant, n in all (the
// first is "business"), without holidays.
func manyCalendars(n int) string { return bigDoc(tenantCalendars(n), "", "") }

// tenantCalendars is the inside of "calendars" for manyCalendars.
func tenantCalendars(n int) string {
	return joined(n, func(i int) string {
		name := "t" + strconv.Itoa(i)
		if i == 0 {
			name = "business"
		}
		return fmt.Sprintf(`%q: {"zone": %q, "hours": {"mon-fri": ["09:00-17:00"]}}`, name, calendarZones[i%len(calendarZones)])
	})
}

// manyMetrics is a document with one policy of the four presets and n
// custom metrics, each with conditions in every list and a target at
// every priority with two warnings.
func manyMetrics(n int) string {
	metrics := joined(n, func(i int) string {
		return fmt.Sprintf(`"m%03d": {"start": ["created", "status:new"], "pause_while": ["pending", "on_hold"],
			"stop": ["public_reply", "status:solved"], "cancel": ["status:closed"]}`, i)
	})
	targets := joined(n, func(i int) string {
		return fmt.Sprintf(`"m%03d": {"low": {"goal": "4h", "warn": ["50%%", "10m"]}, "urgent": {"goal": "1h", "warn": ["50%%", "10m"]}}`, i)
	})
	presets := `"first_response": {"low": {"goal": "1h"}}, "next_response": {"low": {"goal": "1h"}},
		"periodic_update": {"low": {"goal": "1h"}}, "resolution": {"low": {"goal": "1h", "warn": ["50%"]}}`
	if n > 0 {
		presets += ", "
	}
	return bigDoc("", "", `{"name": "P", "calendar": "business", "metrics": {`+metrics+`}, "targets": {`+presets+targets+`}}`)
}

// distinctCalendars is a document of n calendars that all differ, so that
// each is built: its cost is mostly the calendar package's.
func distinctCalendars(n int) string {
	return bigDoc(joined(n, func(i int) string {
		name := "t" + strconv.Itoa(i)
		if i == 0 {
			name = "business"
		}
		hours := fmt.Sprintf("%02d:%02d-18:%02d", 6+i%10, i/10%60, i/600%60)
		return fmt.Sprintf(`%q: {"zone": %q, "hours": {"mon-fri": [%q]}}`, name, calendarZones[i%len(calendarZones)], hours)
	}), "", "")
}

func BenchmarkLoad(b *testing.B) {
	type size struct {
		name string
		n    int
		doc  func(n int) string
	}
	var sizes []size
	for _, n := range []int{100, 1_000, 10_000, 100_000} {
		sizes = append(sizes, size{"priorities", n, manyPriorities}, size{"match-values", n, manyMatchValues})
	}
	for _, n := range []int{100, 1_000, 10_000} {
		sizes = append(sizes,
			size{"policies", n, func(n int) string { return manyPolicies(n, false) }},
			size{"versions", n, func(n int) string { return manyPolicies(n, true) }},
			size{"calendars", n, manyCalendars})
	}
	for _, n := range []int{100, 1_000} {
		sizes = append(sizes, size{"distinct-calendars", n, distinctCalendars})
	}
	for _, s := range sizes {
		data := []byte(s.doc(s.n))
		b.Run(s.name+"="+strconv.Itoa(s.n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			var err error
			for b.Loop() {
				_, err = policy.Load(data)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(s.n), "ns/item")
			if err != nil {
				b.Log(err) // a document past a limit is refused; the figure is the refusal's cost
			}
		})
	}
}

// The reads package sla makes on every ticket event, on a policy of the
// four presets and n custom metrics.
func BenchmarkReads(b *testing.B) {
	for _, n := range []int{0, 10, 60} {
		set, err := policy.Load([]byte(manyMetrics(n)))
		if err != nil {
			b.Fatal(err)
		}
		p := set.Policies()[0]
		b.Run("Metrics/custom="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.Metrics()
			}
		})
		b.Run("Target/custom="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.Target("resolution", "low")
			}
		})
	}
}

// Select on the documents of BenchmarkLoad: a policy that matches n
// account numbers, asked for the last of them and for one it does not
// list; and n tenant policies, asked for the last tenant.
func BenchmarkSelect(b *testing.B) {
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	account := func(a string) policy.Fields { return policy.Fields{Attributes: map[string]string{"account": a}} }
	tenant := func(t string) policy.Fields { return policy.Fields{Attributes: map[string]string{"tenant": t}} }
	type run struct {
		name   string
		doc    string
		fields policy.Fields
		want   bool
	}
	var runs []run
	for _, n := range []int{100, 100_000} {
		doc, last := manyMatchValues(n), "a"+strconv.Itoa(n-1)
		runs = append(runs,
			run{"match-values=" + strconv.Itoa(n) + "/listed", doc, account(last), true},
			run{"match-values=" + strconv.Itoa(n) + "/not-listed", doc, account("b0"), false})
	}
	for _, n := range []int{100, 10_000} {
		runs = append(runs, run{"policies=" + strconv.Itoa(n), manyPolicies(n, false), tenant("t" + strconv.Itoa(n-1)), true})
	}
	for _, r := range runs {
		set, err := policy.Load([]byte(r.doc))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			var ok bool
			for b.Loop() {
				ok = len(set.Select(r.fields, at)) > 0
			}
			if ok != r.want {
				b.Fatalf("Select found a policy: %v, want %v", ok, r.want)
			}
		})
	}
}
