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
		t.Error("policy.json differs from policy/testdata/sample.json: copy it again (cp policy/testdata/sample.json examples/compliance/policy.json)")
	}
}

// runCase runs the program in-process, as main would with args, and
// returns what a shell would show.
func runCase(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	text := fmt.Sprintf("$ compliance %s\n%s%s(exit %d)\n", strings.Join(args, " "), out.String(), errb.String(), code)
	if dir != "" {
		text = strings.ReplaceAll(text, dir, "DIR") // temporary paths differ from run to run
	}
	return text, code
}

func TestReports(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"month", nil},
		{"month-csv", []string{"-csv"}},
		{"week", []string{"-from", "2026-03-09", "-to", "2026-03-16"}},
		{"utc", []string{"-zone", "UTC", "-from", "2026-03-01T00:00:00Z", "-to", "2026-03-08T00:00:00-05:00"}},
		{"february", []string{"-from", "2026-02-01"}},
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
		{"unknown flag", []string{"-month", "3"}, 2},
		{"stray argument", []string{"month.jsonl"}, 1},
		{"no such file", []string{"-events", filepath.Join(dir, "missing.jsonl")}, 1},
		{"bad line", []string{"-events", write("cut.jsonl", created+`{"ticket":"T-1","kind":"public_reply"`)}, 1},
		{"bad instant", []string{"-events", write("at.jsonl", created+`{"ticket":"T-1","kind":"public_reply","at":"2026-13-01"}`)}, 1},
		{"unknown kind", []string{"-events", write("kind.jsonl", created+`{"ticket":"T-1","kind":"solved","at":"2026-03-10T10:00:00-04:00"}`)}, 1},
		{"unknown field", []string{"-events", write("field.jsonl", created+`{"ticket":"T-1","kind":"status_changed","at":"2026-03-10T10:00:00-04:00","state":"Solved"}`)}, 1},
		{"no ticket", []string{"-events", write("ticket.jsonl", created+`{"ticket":7,"kind":"public_reply","at":"2026-03-10T10:00:00-04:00"}`)}, 1},
		{"second creation", []string{"-events", write("twice.jsonl", created+created)}, 1},
		{"unknown status", []string{"-events", write("status.jsonl", created+"\n\n"+`{"ticket":"T-1","kind":"status_changed","at":"2026-03-10T10:00:00-04:00","status":"Done"}`)}, 1},
		{"out of order", []string{"-events", write("order.jsonl", created+`{"ticket":"T-1","kind":"public_reply","at":"2026-03-10T08:00:00-04:00"}`)}, 1},
		{"bad policy", []string{"-policy", write("policy.json", `{"policies": [{"name": "P", "credits": [{"below": "95%", "credit": "5"}]}]}`)}, 1},
		{"bad -from", []string{"-from", "March"}, 1},
		{"empty period", []string{"-from", "2026-03-16", "-to", "2026-03-09"}, 1},
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
