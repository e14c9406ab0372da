package ticketlog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/examples/internal/golden"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

func TestRead(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	created := `{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high"}` + "\n"
	tests := []struct {
		name string
		data string
		want []*Ticket // when err is ""
		err  string    // the start of the error
	}{
		{name: "empty", data: "", want: nil},
		{
			name: "good, sorted by id, blank lines counted",
			data: `{"ticket":"T-2","kind":"created","at":"2026-03-10T08:00:00-04:00","priority":"low","actor":"pat"}` + "\n\n" +
				created + "  \n" +
				`{"ticket":"T-2","kind":"status_changed","at":"2026-03-10T10:00:00-04:00","status":"Solved"}` + "\n" +
				`{"ticket":"T-1","kind":"public_reply","at":"2026-03-10T09:30:00-04:00"}`, // no newline at the end
			want: []*Ticket{
				{ID: "T-1", Lines: []Line{
					{sla.Event{Kind: policy.Created, At: at("2026-03-10T09:00:00-04:00"), Priority: "high"}, 3},
					{sla.Event{Kind: policy.PublicReply, At: at("2026-03-10T09:30:00-04:00")}, 6},
				}},
				{ID: "T-2", Lines: []Line{
					{sla.Event{Kind: policy.Created, At: at("2026-03-10T08:00:00-04:00"), Priority: "low", Actor: "pat"}, 1},
					{sla.Event{Kind: policy.StatusChanged, At: at("2026-03-10T10:00:00-04:00"), Status: "Solved"}, 5},
				}},
			},
		},
		{name: "not JSON", data: created + `{"ticket":"T-1",`, err: "f.jsonl:2: unexpected end of JSON input"},
		{name: "no ticket", data: "\n" + `{"kind":"created","at":"2026-03-10T09:00:00-04:00"}`, err: "f.jsonl:2: ticket: missing"},
		{name: "ticket not a string", data: `{"ticket":7,"kind":"created","at":"2026-03-10T09:00:00-04:00"}`, err: "f.jsonl:1: ticket: 7: want the ticket's id, a string"},
		{name: "empty ticket", data: `{"ticket":"","kind":"created","at":"2026-03-10T09:00:00-04:00"}`, err: `f.jsonl:1: ticket: "": want the ticket's id, a string`},
		{name: "unknown kind", data: `{"ticket":"T-1","kind":"phone_call","at":"2026-03-10T09:00:00-04:00"}`, err: `f.jsonl:1: kind: "phone_call": `},
		{name: "bad instant", data: `{"ticket":"T-1","kind":"created","at":"2026-13-01"}`, err: `f.jsonl:1: at: "2026-13-01": `},
		{name: "unknown field", data: `{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priorty":"low"}`, err: `f.jsonl:1: priorty: "low": `},
		{name: "no kind", data: `{"ticket":"T-1","at":"2026-03-10T09:00:00-04:00"}`, err: "f.jsonl:1: kind: missing"},
		{name: "no instant", data: `{"ticket":"T-1","kind":"created"}`, err: "f.jsonl:1: at: missing"},
		{name: "zero instant", data: `{"ticket":"T-1","kind":"created","at":"0001-01-01T00:00:00Z"}`, err: "f.jsonl:1: at: the zero instant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read("f.jsonl", []byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error %v, want one starting %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tickets (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEvents(t *testing.T) {
	tickets, err := Read("f.jsonl", []byte(`{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high"}

{"ticket":"T-1","kind":"public_reply","at":"2026-03-10T09:30:00-04:00"}
`))
	if err != nil {
		t.Fatal(err)
	}
	got := tickets[0].Events()
	want := []sla.Event{tickets[0].Lines[0].Event, tickets[0].Lines[1].Event}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string { return golden.Write(t, dir, name, text) }
	sample := []byte(`{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high"}`)
	name, tickets, err := Load("", "day.jsonl", sample)
	if err != nil || name != "day.jsonl" || len(tickets) != 1 {
		t.Errorf(`Load("") = %q, %d tickets, %v; want the sample's one ticket`, name, len(tickets), err)
	}
	file := write("two.jsonl", string(sample)+"\n"+`{"ticket":"T-2","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high"}`)
	name, tickets, err = Load(file, "day.jsonl", sample)
	if err != nil || name != file || len(tickets) != 2 {
		t.Errorf("Load(file) = %q, %d tickets, %v; want the file's two tickets", name, len(tickets), err)
	}
	empty := write("empty.jsonl", "\n\n")
	if _, _, err := Load(empty, "day.jsonl", sample); err == nil || err.Error() != empty+": no events" {
		t.Errorf("Load(empty file) error %v, want %q", err, empty+": no events")
	}
	if _, _, err := Load(filepath.Join(dir, "missing.jsonl"), "day.jsonl", sample); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing file) error %v, want one that is os.ErrNotExist", err)
	}
	bad := write("bad.jsonl", string(sample)+"\n{")
	if _, _, err := Load(bad, "day.jsonl", sample); err == nil || !strings.HasPrefix(err.Error(), bad+":2: ") {
		t.Errorf("Load(bad line) error %v, want one starting %q", err, bad+":2: ")
	}
}

func TestLoadPolicy(t *testing.T) {
	sample := filepath.Join("..", "..", "..", "policy", "testdata", "sample.json")
	embedded, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPolicy("", embedded); err != nil {
		t.Errorf(`LoadPolicy("", sample): %v`, err)
	}
	if _, err := LoadPolicy(sample, nil); err != nil {
		t.Errorf("LoadPolicy(sample file): %v", err)
	}
	bad := golden.Write(t, t.TempDir(), "policy.json", `{"policies": 7}`)
	if _, err := LoadPolicy(bad, embedded); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
		t.Errorf("LoadPolicy(bad file) error %v, want one starting with the file's name", err)
	}
}

func TestZone(t *testing.T) {
	if zone, err := Zone("Europe/London"); err != nil || zone.String() != "Europe/London" {
		t.Errorf(`Zone("Europe/London") = %v, %v`, zone, err)
	}
	for _, name := range []string{"Mars/Olympus", "Local"} {
		if _, err := Zone(name); err == nil {
			t.Errorf("Zone(%q): no error", name)
		}
	}
}

func TestLineError(t *testing.T) {
	l := Line{sla.Event{Kind: policy.StatusChanged, At: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC), Status: "Opne"}, 4}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"a field and its value", &sla.Error{Path: "event.status", Value: "Opne", Err: sla.ErrUnknownStatus}, `f.jsonl:4: status: "Opne": ` + sla.ErrUnknownStatus.Error()},
		{"a field without a value", &sla.Error{Path: "event.at", Err: sla.ErrBadTime}, `f.jsonl:4: at: ` + sla.ErrBadTime.Error()},
		{"the event as a whole", &sla.Error{Path: "event", Err: sla.ErrBadEvent}, `f.jsonl:4: ` + sla.ErrBadEvent.Error()},
		{"another error", errors.New("other"), "f.jsonl:4: other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LineError("f.jsonl", l, tt.err).Error(); got != tt.want {
				t.Errorf("LineError(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}
