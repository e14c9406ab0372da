package sla_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/slaclock/slaclock/policy"
)

// manyMetricsSet returns a set whose one policy, which every ticket
// matches, has n custom metrics: more than a run keeps in arrays, so that
// the paths for large policies are checked too.
func manyMetricsSet(t *testing.T, n int) *policy.Set {
	t.Helper()
	kinds := []string{
		`{"start": ["created"], "stop": ["status:solved"], "pause_while": ["pending", "on_hold"], "restart_on_reopen": true}`,
		`{"start": ["customer_reply"], "stop": ["public_reply"], "cancel": ["status:closed"]}`,
		`{"start": ["created", "public_reply"], "stop": ["public_reply"], "pause_while": ["pending"]}`,
		`{"start": ["status:open"], "stop": ["status:pending", "status:solved"]}`,
		`{"start": ["created"], "stop": ["priority_changed"], "pause_while": ["on_hold"]}`,
	}
	targets := []string{
		`{"low": {"goal": "1bd", "promise": "2bd"}, "normal": {"goal": "4h", "promise": "6h", "warn": ["75%", "30m"]}, "high": {"goal": "2h", "promise": "3h"}, "urgent": {"goal": "30m", "promise": "1h", "calendar": "24x7", "warn": ["50%"]}}`,
		`{"normal": {"goal": "2bd", "promise": "3bd"}, "urgent": {"goal": "1h", "promise": "2h", "calendar": "24x7"}}`,
	}
	var metrics, targetsOf []string
	for i := range n {
		metrics = append(metrics, fmt.Sprintf(`"m%d": %s`, i, kinds[i%len(kinds)]))
		targetsOf = append(targetsOf, fmt.Sprintf(`"m%d": %s`, i, targets[i%len(targets)]))
	}
	doc := `{
	"calendars": {"24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}},
	              "business": {"zone": "America/New_York", "hours": {"mon-fri": ["09:00-12:00", "13:00-17:00"]}, "holidays": ["us"]}},
	"statuses": {"New": "new", "Open": "open", "In progress": "open", "Pending": "pending", "On hold": "on_hold", "Solved": "solved", "Closed": "closed"},
	"priorities": ["low", "normal", "high", "urgent"],
	"policies": [{"name": "Many", "kind": "sla", "calendar": "business", "on_priority_change": "restart",
	              "metrics": {` + strings.Join(metrics, ", ") + `},
	              "targets": {` + strings.Join(targetsOf, ", ") + `}}]}`
	set, err := policy.Load([]byte(doc))
	if err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	return set
}

// TestManyMetrics runs the checks of FuzzEvaluate on random histories of
// tickets whose policy has more metrics than a run keeps in arrays (8),
// and more than the bits of its mask of copied metrics (64).
func TestManyMetrics(t *testing.T) {
	for _, tt := range []struct{ metrics, histories int }{{9, 60}, {70, 12}} {
		t.Run(fmt.Sprint(tt.metrics), func(t *testing.T) {
			set := manyMetricsSet(t, tt.metrics)
			r := rand.New(rand.NewPCG(uint64(tt.metrics), 3))
			for i := range tt.histories {
				data := make([]byte, 3+3*r.IntN(30))
				for k := range data {
					data[k] = byte(r.UintN(256))
					if k >= 3 && k%3 == 1 && r.IntN(4) > 0 {
						data[k] = byte(r.UintN(40))
					}
				}
				checkHistory(t, set, eventsFrom(data))
				if t.Failed() {
					t.Fatalf("history %d: %v", i, data)
				}
			}
		})
	}
}
