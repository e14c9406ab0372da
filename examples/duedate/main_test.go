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

func TestRun(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "lunch.json")
	if err := os.WriteFile(good, []byte(`{"zone": "Europe/London", "hours": {"mon-fri": ["09:00-12:00", "13:00-17:00"]}, "holidays": ["gb"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"zone": "Europe/London", "hours": {"mon": ["09:00-25:00"]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"four hours after Friday 16:00", []string{"-start", "2026-11-20 16:00", "-add", "4h"}, 0},
		{"the last open second is the close", []string{"-start", "2026-11-23 09:00", "-add", "8h"}, 0},
		{"back two hours", []string{"-start", "2026-11-23 10:00", "-add", "-2h"}, 0},
		{"three business days over Thanksgiving", []string{"-start", "2026-11-25 10:00", "-days", "3"}, 0},
		{"the most business days back answers at once: none", []string{"-start", "2026-11-20 16:00", "-days", "-9223372036854775808"}, 1},
		{"the most business days on answers at once: none", []string{"-start", "2026-11-20 16:00", "-days", "9223372036854775807"}, 1},
		{"business days to the last date of the calendar", []string{"-start", "2149-12-30 10:00", "-days", "1"}, 0},
		{"business time between", []string{"-start", "2026-11-20 16:00", "-until", "2026-11-30 09:00"}, 0},
		{"24x7 across the autumn change", []string{"-calendar", "24x7", "-start", "2026-11-01T00:00:00-04:00", "-add", "25h"}, 0},
		{"lunch break calendar from a file", []string{"-calendar", good, "-start", "2026-03-27 11:30", "-add", "1h"}, 0},
		{"bad calendar file names the field", []string{"-calendar", bad, "-start", "2026-11-20 16:00", "-add", "1h"}, 1},
		{"no start", []string{"-add", "1h"}, 1},
		{"two questions at once", []string{"-start", "2026-11-20 16:00", "-add", "1h", "-days", "2"}, 1},
		{"bad duration", []string{"-start", "2026-11-20 16:00", "-add", "4x"}, 1},
	}
	var all strings.Builder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr: %s", code, tt.code, errb.String())
			}
			// Temporary paths differ from run to run.
			text := strings.ReplaceAll(out.String()+errb.String(), dir, "DIR")
			fmt.Fprintf(&all, "$ duedate %s\n%s(exit %d)\n\n", strings.ReplaceAll(strings.Join(tt.args, " "), dir, "DIR"), text, code)
		})
	}
	golden.Check(t, "run", all.String())
}
