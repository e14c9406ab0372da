package policy_test

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/policy"
)

// long reports whether the long runs are asked for (SLACLOCK_LONG=1; CI
// sets it).
func long() bool { return os.Getenv("SLACLOCK_LONG") == "1" }

// Every limit, at the bound and one past it: a document at the bound loads
// (or fails for another reason, where no document can be valid there), and
// one past it is refused with ErrLimit at the path of what is too large.
// Documents of megabytes (calendars, policies, match values, the document
// size: 6 s of the package's 8) are read only with SLACLOCK_LONG=1.
func TestLimits(t *testing.T) {
	tests := []struct {
		name  string
		limit int
		doc   func(n int) string
		bound error  // the error at the bound; nil: the document loads
		want  string // the error one past the bound; N is limit+1, M the limit
	}{
		{"calendars", policy.MaxCalendars, manyCalendars, nil,
			`policy: calendars: over a limit: N calendars, at most M`},
		{"statuses", policy.MaxStatuses, func(n int) string {
			return `{"statuses": {` + joined(n, func(i int) string { return `"s` + strconv.Itoa(i) + `": "open"` }) + `}}`
		}, nil, `policy: statuses: over a limit: N statuses, at most M`},
		{"priorities", policy.MaxPriorities, manyPriorities, nil,
			`policy: priorities: over a limit: N priorities, at most M`},
		{"policies", policy.MaxPolicies, func(n int) string {
			return bigDoc("", "", joined(n, func(i int) string { return `{"name": "P` + strconv.Itoa(i) + `"}` }))
		}, nil, `policy: policies: over a limit: N policies, at most M`},
		{"metrics listed", policy.MaxMetrics, func(n int) string {
			metrics := joined(n, func(i int) string { return fmt.Sprintf(`"m%d": {"start": ["created"], "stop": ["public_reply"]}`, i) })
			targets := joined(n, func(i int) string { return fmt.Sprintf(`"m%d": {"low": {"goal": "1h"}}`, i) })
			return bigDoc("", "", `{"name": "P", "calendar": "business", "metrics": {`+metrics+`}, "targets": {`+targets+`}}`)
		}, nil, `policy: policies[0].metrics: over a limit: N metrics, at most M`},
		{"metrics with presets that only have targets", policy.MaxMetrics, func(n int) string { return manyMetrics(n - 4) }, nil,
			`policy: policies[0].targets.resolution: over a limit: N metrics, at most M`},
		{"match fields", policy.MaxMatchFields, func(n int) string {
			return bigDoc("", "", `{"name": "P", "match": {`+joined(n, func(i int) string { return `"f` + strconv.Itoa(i) + `": ["x"]` })+`}}`)
		}, nil, `policy: policies[0].match: over a limit: N fields, at most M`},
		{"match values", policy.MaxMatchValues, manyMatchValues, nil,
			`policy: policies[0].match.account: over a limit: N values, at most M`},
		{"warnings", policy.MaxWarnings, func(n int) string {
			warn := joined(n, func(i int) string { return `"` + strconv.Itoa(i+1) + `%"` })
			return bigDoc("", "", `{"name": "P", "calendar": "business", "targets": {"resolution": {"low": {"goal": "1h", "warn": [`+warn+`]}}}}`)
		}, nil, `policy: policies[0].targets.resolution.low.warn: over a limit: N warnings, at most M`},
		{"credit tiers", policy.MaxCreditTiers, func(n int) string {
			tiers := joined(n, func(i int) string {
				return fmt.Sprintf(`{"below": "%v", "credit": "%v"}`, 100*policy.OnePercent-policy.Percent(i)*policy.OnePercent/10, policy.Percent(i+1)*policy.OnePercent/10)
			})
			return bigDoc("", "", `{"name": "P", "credits": [`+tiers+`]}`)
		}, nil, `policy: policies[0].credits: over a limit: N credit tiers, at most M`},
		{"document size", policy.MaxDocumentSize, func(n int) string { return "{}" + strings.Repeat(" ", n-2) }, nil,
			`policy: over a limit: a document of N bytes, at most M`},
		// The document's own shape is 7 levels deep; deeper is never
		// valid, so at the bound the error is another one.
		{"nesting", policy.MaxDepth, func(n int) string {
			return `{"policies": [{"name": "P", "match": {"x": ` + strings.Repeat("[", n-4) + strings.Repeat("]", n-4) + `}}]}`
		}, policy.ErrType, `policy: policies[0].match.x` + strings.Repeat("[0]", policy.MaxDepth-4) + `: over a limit: nested more than M levels deep`},
	}
	for _, tt := range tests {
		atBound := []byte(tt.doc(tt.limit))
		if len(atBound) > 1<<20 && (raceEnabled || !long()) {
			continue // megabytes: with SLACLOCK_LONG=1, and never under the race detector (see raceEnabled)
		}
		t.Run(tt.name+" at the bound", func(t *testing.T) {
			_, err := policy.Load(atBound)
			switch {
			case tt.bound == nil && err != nil:
				t.Fatalf("Load: %v; want no error", err)
			case tt.bound != nil && (!errors.Is(err, tt.bound) || errors.Is(err, policy.ErrLimit)):
				t.Fatalf("Load: %v; want an error matching %v and not ErrLimit", err, tt.bound)
			}
		})
		t.Run(tt.name+" one past the bound", func(t *testing.T) {
			_, err := policy.Load([]byte(tt.doc(tt.limit + 1)))
			if !errors.Is(err, policy.ErrLimit) {
				t.Fatalf("Load: %v; want ErrLimit", err)
			}
			want := strings.NewReplacer("N", strconv.Itoa(tt.limit+1), "M", strconv.Itoa(tt.limit)).Replace(tt.want)
			if diff := cmp.Diff(want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}
