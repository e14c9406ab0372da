package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slaclock/slaclock/examples/internal/golden"
)

// The embedded policy is a copy, as go:embed cannot reach outside this
// folder; this test keeps it from drifting from the library's sample.
func TestPolicyIsTheSample(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "..", "policy", "testdata", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(samplePolicy, sample) {
		t.Error("policy.json differs from policy/testdata/sample.json: copy it again (cp policy/testdata/sample.json examples/helpdesk/policy.json)")
	}
}

// runCase runs the program in-process, as main would with args, and returns
// what a shell would show.
func runCase(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	text := fmt.Sprintf("$ helpdesk %s\n%s%s(exit %d)\n", strings.Join(args, " "), out.String(), errb.String(), code)
	if dir != "" {
		text = strings.ReplaceAll(text, dir, "DIR") // temporary paths differ from run to run
	}
	return text, code
}

func TestDay(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"day", nil},
		{"noon", []string{"-at", "2026-03-10T12:00:00-04:00"}},
		{"london", []string{"-zone", "Europe/London", "-at", "2026-03-10T14:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, code := runCase(t, "", tt.args...)
			if code != 0 {
				t.Errorf("exit code %d, want 0:\n%s", code, got)
			}
			golden.Check(t, tt.name, got)
		})
	}
}

func TestOwnFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// S-1, on the Standard plan, has a priority change that restarts its
	// clocks, as that policy says, and is answered late over Thanksgiving.
	// E-1, on the Enterprise plan, becomes urgent long after its new goal:
	// recomputed, it is breached at the change.
	events := write("tickets.jsonl", `{"ticket":"S-1","kind":"created","at":"2026-11-25T15:30:00-05:00","priority":"normal","fields":{"attributes":{"plan":"standard"}},"actor":"pat@example"}

{"ticket":"S-1","kind":"priority_changed","at":"2026-11-25T16:00:00-05:00","priority":"high"}
{"ticket":"E-1","kind":"created","at":"2026-11-27T09:00:00-05:00","priority":"normal","fields":{"attributes":{"plan":"enterprise"}}}
{"ticket":"E-1","kind":"priority_changed","at":"2026-11-27T11:00:00-05:00","priority":"urgent"}
{"ticket":"E-1","kind":"public_reply","at":"2026-11-27T11:05:00-05:00","actor":"ann"}
{"ticket":"S-1","kind":"public_reply","at":"2026-11-30T10:00:00-05:00","actor":"li"}
`)
	got, code := runCase(t, dir, "-events", events, "-at", "2026-12-01T00:00:00-05:00")
	if code != 0 {
		t.Errorf("exit code %d, want 0:\n%s", code, got)
	}
	golden.Check(t, "own-files", got)
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	created := `{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high","fields":{"attributes":{"plan":"enterprise"}}}` + "\n"
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"unknown flag", []string{"-bogus"}, 2},
		{"stray argument", []string{"day.jsonl"}, 1},
		{"no such file", []string{"-events", filepath.Join(dir, "missing.jsonl")}, 1},
		{"empty file", []string{"-events", write("empty.jsonl", "\n")}, 1},
		{"bad line", []string{"-events", write("cut.jsonl", created+`{"ticket":"T-1","kind":"public_reply"`)}, 1},
		{"bad instant", []string{"-events", write("at.jsonl", created+`{"ticket":"T-1","kind":"public_reply","at":"2026-13-01"}`)}, 1},
		{"unknown kind", []string{"-events", write("kind.jsonl", created+`{"ticket":"T-1","kind":"phone_call","at":"2026-03-10T10:00:00-04:00"}`)}, 1},
		{"unknown field", []string{"-events", write("field.jsonl", created+`{"ticket":"T-1","kind":"priority_changed","at":"2026-03-10T10:00:00-04:00","priorty":"low"}`)}, 1},
		{"no ticket", []string{"-events", write("ticket.jsonl", created+`{"kind":"public_reply","at":"2026-03-10T10:00:00-04:00"}`)}, 1},
		{"no instant", []string{"-events", write("noat.jsonl", created+`{"ticket":"T-1","kind":"public_reply"}`)}, 1},
		{"unknown status", []string{"-events", write("status.jsonl", created+`{"ticket":"T-1","kind":"status_changed","at":"2026-03-10T10:00:00-04:00","status":"Opne"}`)}, 1},
		{"unknown priority", []string{"-events", write("priority.jsonl", created+`{"ticket":"T-1","kind":"priority_changed","at":"2026-03-10T10:00:00-04:00","priority":"asap"}`)}, 1},
		{"instant out of range", []string{"-events", write("old.jsonl", `{"ticket":"T-0","kind":"created","at":"1700-03-10T09:00:00Z","priority":"high"}`)}, 1},
		{"out of order", []string{"-events", write("order.jsonl", created+`{"ticket":"T-1","kind":"public_reply","at":"2026-03-10T08:00:00-04:00"}`)}, 1},
		{"reply before creation", []string{"-events", write("first.jsonl", `{"ticket":"T-2","kind":"public_reply","at":"2026-03-10T08:00:00-04:00"}`+"\n"+created)}, 1},
		{"bad policy", []string{"-policy", write("policy.json", `{"priorities": ["low"], "policies": [{"name": "P", "targets": {"resolution": {"low": {"goal": "4x"}}}}]}`)}, 1},
		{"bad -at", []string{"-at", "2026-03-10 12:00"}, 1},
		{"bad -zone", []string{"-zone", "Mars/Olympus"}, 1},
	}
	var all strings.Builder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, code := runCase(t, dir, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d:\n%s", code, tt.code, got)
			}
			fmt.Fprintf(&all, "# %s\n%s\n", tt.name, got)
		})
	}
	golden.Check(t, "errors", all.String())
}
