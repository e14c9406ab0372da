package main

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/examples/internal/golden"
	"github.com/slaclock/slaclock/policy"
)

// The embedded policy is a copy, as go:embed cannot reach outside this
// folder; this test keeps it from drifting from the library's sample.
func TestPolicyIsTheSample(t *testing.T) {
	golden.CheckCopy(t, samplePolicy, "policy.json", "policy/testdata/sample.json")
}

func TestReports(t *testing.T) {
	compliance := golden.Program{Name: "compliance", Run: run}
	compliance.CheckEach(t, "", []golden.Case{
		{Name: "month"},
		{Name: "month-csv", Args: []string{"-csv"}},
		{Name: "week", Args: []string{"-from", "2026-03-09", "-to", "2026-03-16"}},
		{Name: "utc", Args: []string{"-zone", "UTC", "-from", "2026-03-01T00:00:00Z", "-to", "2026-03-08T00:00:00-05:00"}},
		{Name: "february", Args: []string{"-from", "2026-02-01"}},
	})
}

func TestErrors(t *testing.T) {
	compliance := golden.Program{Name: "compliance", Run: run}
	dir := t.TempDir()
	write := func(name, text string) string { return golden.Write(t, dir, name, text) }
	created := `{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high","fields":{"attributes":{"plan":"enterprise"}}}` + "\n"
	compliance.CheckAll(t, "errors", dir, []golden.Case{
		{Name: "unknown flag", Args: []string{"-month", "3"}, Code: 2},
		{Name: "stray argument", Args: []string{"month.jsonl"}, Code: 1},
		{Name: "no such file", Args: []string{"-events", filepath.Join(dir, "missing.jsonl")}, Code: 1},
		{Name: "bad line", Args: []string{"-events", write("cut.jsonl", created+`{"ticket":"T-1","kind":"public_reply"`)}, Code: 1},
		{Name: "bad instant", Args: []string{"-events", write("at.jsonl", created+`{"ticket":"T-1","kind":"public_reply","at":"2026-13-01"}`)}, Code: 1},
		{Name: "unknown kind", Args: []string{"-events", write("kind.jsonl", created+`{"ticket":"T-1","kind":"solved","at":"2026-03-10T10:00:00-04:00"}`)}, Code: 1},
		{Name: "unknown field", Args: []string{"-events", write("field.jsonl", created+`{"ticket":"T-1","kind":"status_changed","at":"2026-03-10T10:00:00-04:00","state":"Solved"}`)}, Code: 1},
		{Name: "no ticket", Args: []string{"-events", write("ticket.jsonl", created+`{"ticket":7,"kind":"public_reply","at":"2026-03-10T10:00:00-04:00"}`)}, Code: 1},
		{Name: "second creation", Args: []string{"-events", write("twice.jsonl", created+created)}, Code: 1},
		{Name: "unknown status", Args: []string{"-events", write("status.jsonl", created+"\n\n"+`{"ticket":"T-1","kind":"status_changed","at":"2026-03-10T10:00:00-04:00","status":"Done"}`)}, Code: 1},
		{Name: "out of order", Args: []string{"-events", write("order.jsonl", created+`{"ticket":"T-1","kind":"public_reply","at":"2026-03-10T08:00:00-04:00"}`)}, Code: 1},
		{Name: "bad policy", Args: []string{"-policy", write("policy.json", `{"policies": [{"name": "P", "credits": [{"below": "95%", "credit": "5"}]}]}`)}, Code: 1},
		{Name: "bad -from", Args: []string{"-from", "March"}, Code: 1},
		{Name: "empty period", Args: []string{"-from", "2026-03-16", "-to", "2026-03-09"}, Code: 1},
	})
}

func TestPercent(t *testing.T) {
	tests := []struct {
		name, exact, want string
	}{
		{"a repeating share to a tenth", "77.7777%", "77.8%"},
		{"rounded down to a tenth", "36.3636%", "36.4%"},
		{"two thirds", "66.6666%", "66.7%"},
		{"a whole percent without .0", "80%", "80%"},
		{"all promises met", "100%", "100%"},
		{"none met", "0%", "0%"},
		{"half up", "89.55%", "89.6%"},
		{"just under half", "89.5499%", "89.5%"},
		{"rounded down onto a whole percent", "95.04%", "95%"},
		{"not lifted onto a credit tier's bound", "94.96%", "94.96%"},
		{"not lifted onto 100%", "99.9999%", "99.99%"},
		{"a tier bound with two decimals stays", "99.95%", "99.95%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := policy.ParsePercent(tt.exact)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, percent(p)); diff != "" {
				t.Errorf("percent(%s) (-want +got):\n%s", tt.exact, diff)
			}
		})
	}
}
