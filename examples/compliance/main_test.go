package main

import (
	"path/filepath"
	"testing"

	"github.com/slaclock/slaclock/examples/internal/golden"
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
