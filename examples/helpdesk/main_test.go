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

func TestDay(t *testing.T) {
	helpdesk := golden.Program{Name: "helpdesk", Run: run}
	helpdesk.CheckEach(t, "", []golden.Case{
		{Name: "day"},
		{Name: "noon", Args: []string{"-at", "2026-03-10T12:00:00-04:00"}},
		{Name: "london", Args: []string{"-zone", "Europe/London", "-at", "2026-03-10T14:00:00Z"}},
	})
}

func TestOwnFiles(t *testing.T) {
	helpdesk := golden.Program{Name: "helpdesk", Run: run}
	dir := t.TempDir()
	// S-1, on the Standard plan, has a priority change that restarts its
	// clocks, as that policy says, and is answered late over Thanksgiving.
	// E-1, on the Enterprise plan, becomes urgent long after its new goal:
	// recomputed, it is breached at the change.
	events := golden.Write(t, dir, "tickets.jsonl", `{"ticket":"S-1","kind":"created","at":"2026-11-25T15:30:00-05:00","priority":"normal","fields":{"attributes":{"plan":"standard"}},"actor":"pat@example"}

{"ticket":"S-1","kind":"priority_changed","at":"2026-11-25T16:00:00-05:00","priority":"high"}
{"ticket":"E-1","kind":"created","at":"2026-11-27T09:00:00-05:00","priority":"normal","fields":{"attributes":{"plan":"enterprise"}}}
{"ticket":"E-1","kind":"priority_changed","at":"2026-11-27T11:00:00-05:00","priority":"urgent"}
{"ticket":"E-1","kind":"public_reply","at":"2026-11-27T11:05:00-05:00","actor":"ann"}
{"ticket":"S-1","kind":"public_reply","at":"2026-11-30T10:00:00-05:00","actor":"li"}
`)
	helpdesk.CheckEach(t, dir, []golden.Case{
		{Name: "own-files", Args: []string{"-events", events, "-at", "2026-12-01T00:00:00-05:00"}},
	})
}

func TestErrors(t *testing.T) {
	helpdesk := golden.Program{Name: "helpdesk", Run: run}
	dir := t.TempDir()
	write := func(name, text string) string { return golden.Write(t, dir, name, text) }
	created := `{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high","fields":{"attributes":{"plan":"enterprise"}}}` + "\n"
	helpdesk.CheckAll(t, "errors", dir, []golden.Case{
		{Name: "unknown flag", Args: []string{"-bogus"}, Code: 2},
		{Name: "stray argument", Args: []string{"day.jsonl"}, Code: 1},
		{Name: "no such file", Args: []string{"-events", filepath.Join(dir, "missing.jsonl")}, Code: 1},
		{Name: "empty file", Args: []string{"-events", write("empty.jsonl", "\n")}, Code: 1},
		{Name: "bad line", Args: []string{"-events", write("cut.jsonl", created+`{"ticket":"T-1","kind":"public_reply"`)}, Code: 1},
		{Name: "bad instant", Args: []string{"-events", write("at.jsonl", created+`{"ticket":"T-1","kind":"public_reply","at":"2026-13-01"}`)}, Code: 1},
		{Name: "unknown kind", Args: []string{"-events", write("kind.jsonl", created+`{"ticket":"T-1","kind":"phone_call","at":"2026-03-10T10:00:00-04:00"}`)}, Code: 1},
		{Name: "unknown field", Args: []string{"-events", write("field.jsonl", created+`{"ticket":"T-1","kind":"priority_changed","at":"2026-03-10T10:00:00-04:00","priorty":"low"}`)}, Code: 1},
		{Name: "no ticket", Args: []string{"-events", write("ticket.jsonl", created+`{"kind":"public_reply","at":"2026-03-10T10:00:00-04:00"}`)}, Code: 1},
		{Name: "no instant", Args: []string{"-events", write("noat.jsonl", created+`{"ticket":"T-1","kind":"public_reply"}`)}, Code: 1},
		{Name: "unknown status", Args: []string{"-events", write("status.jsonl", created+`{"ticket":"T-1","kind":"status_changed","at":"2026-03-10T10:00:00-04:00","status":"Opne"}`)}, Code: 1},
		{Name: "unknown priority", Args: []string{"-events", write("priority.jsonl", created+`{"ticket":"T-1","kind":"priority_changed","at":"2026-03-10T10:00:00-04:00","priority":"asap"}`)}, Code: 1},
		{Name: "instant out of range", Args: []string{"-events", write("old.jsonl", `{"ticket":"T-0","kind":"created","at":"1700-03-10T09:00:00Z","priority":"high"}`)}, Code: 1},
		{Name: "out of order", Args: []string{"-events", write("order.jsonl", created+`{"ticket":"T-1","kind":"public_reply","at":"2026-03-10T08:00:00-04:00"}`)}, Code: 1},
		{Name: "reply before creation", Args: []string{"-events", write("first.jsonl", `{"ticket":"T-2","kind":"public_reply","at":"2026-03-10T08:00:00-04:00"}`+"\n"+created)}, Code: 1},
		{Name: "bad policy", Args: []string{"-policy", write("policy.json", `{"priorities": ["low"], "policies": [{"name": "P", "targets": {"resolution": {"low": {"goal": "4x"}}}}]}`)}, Code: 1},
		{Name: "bad -at", Args: []string{"-at", "2026-03-10 12:00"}, Code: 1},
		{Name: "bad -zone", Args: []string{"-zone", "Mars/Olympus"}, Code: 1},
	})
}
