// Package ticketlog reads what the example programs helpdesk and compliance
// both read: a JSON Lines file of ticket events, a policy document, and the
// zone they show times in.
//
// An events file has one JSON object per line: "ticket", the ticket's id,
// and the fields of an sla.Event in its JSON form. Blank lines are skipped.
//
//	{"ticket":"T-1","kind":"created","at":"2026-03-10T09:00:00-04:00","priority":"high","fields":{"attributes":{"plan":"enterprise"}}}
//	{"ticket":"T-1","kind":"public_reply","at":"2026-03-10T09:20:00-04:00","actor":"ann"}
//
// Errors name the file, the line and the field they are about:
//
//	day.jsonl:2: at: "2026-13-01": sla: event: parsing time "2026-13-01": month out of range
package ticketlog

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// A Ticket is one ticket's events, in the order of the file.
type Ticket struct {
	ID    string
	Lines []Line
}

// A Line is an event and the number of the line of the file it came from,
// counted from 1.
type Line struct {
	sla.Event
	N int
}

// Events returns the ticket's events, in the order of the file.
func (t *Ticket) Events() []sla.Event {
	events := make([]sla.Event, len(t.Lines))
	for i, l := range t.Lines {
		events[i] = l.Event
	}
	return events
}

// Load reads the events file, or the embedded events when file is "". It
// returns the name the events go by in messages: file, or sample for the
// embedded ones. A file without any event is an error.
func Load(file, sample string, embedded []byte) (name string, tickets []*Ticket, err error) {
	name, data := sample, embedded
	if file != "" {
		name = file
		if data, err = os.ReadFile(name); err != nil {
			return name, nil, err
		}
	}
	if tickets, err = Read(name, data); err != nil {
		return name, nil, err
	}
	if len(tickets) == 0 {
		return name, nil, fmt.Errorf("%s: no events", name)
	}
	return name, tickets, nil
}

// Read reads the events of data, the content of file, and returns the
// tickets sorted by id.
func Read(file string, data []byte) ([]*Ticket, error) {
	var tickets []*Ticket
	byID := make(map[string]*Ticket)
	n := 0
	for text := range strings.Lines(string(data)) {
		n++
		if strings.TrimSpace(text) == "" {
			continue
		}
		id, ev, err := parseLine([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n, err)
		}
		t := byID[id]
		if t == nil {
			t = &Ticket{ID: id}
			byID[id] = t
			tickets = append(tickets, t)
		}
		t.Lines = append(t.Lines, Line{ev, n})
	}
	slices.SortFunc(tickets, func(a, b *Ticket) int { return strings.Compare(a.ID, b.ID) })
	return tickets, nil
}

// parseLine decodes one line. The event is decoded by sla.Event itself,
// first field by field so that an error names the field it is about.
func parseLine(line []byte) (string, sla.Event, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return "", sla.Event{}, err
	}
	var id string
	if fields["ticket"] == nil {
		return "", sla.Event{}, errors.New("ticket: missing")
	}
	if err := json.Unmarshal(fields["ticket"], &id); err != nil || id == "" {
		return "", sla.Event{}, fmt.Errorf("ticket: %s: want the ticket's id, a string", fields["ticket"])
	}
	delete(fields, "ticket")
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		one, _ := json.Marshal(map[string]json.RawMessage{key: fields[key]})
		if err := json.Unmarshal(one, new(sla.Event)); err != nil {
			return "", sla.Event{}, fmt.Errorf("%s: %s: %w", key, fields[key], err)
		}
	}
	for _, key := range []string{"kind", "at"} {
		if fields[key] == nil {
			return "", sla.Event{}, fmt.Errorf("%s: missing", key)
		}
	}
	all, _ := json.Marshal(fields)
	var ev sla.Event
	if err := json.Unmarshal(all, &ev); err != nil {
		return "", sla.Event{}, err
	}
	if ev.At.IsZero() {
		return "", sla.Event{}, errors.New("at: the zero instant")
	}
	return id, ev, nil
}

// LineError says which line of file holds the event that sla refused with
// err, and which field of it: file:line: field: "value": what is wrong.
func LineError(file string, l Line, err error) error {
	var e *sla.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("%s:%d: %w", file, l.N, err)
	}
	// The line says which event it was; keep only the field and what is
	// wrong with it.
	field := strings.TrimPrefix(strings.TrimPrefix(e.Path, "event"), ".")
	switch {
	case field == "":
		return fmt.Errorf("%s:%d: %w", file, l.N, e.Err)
	case e.Value == "":
		return fmt.Errorf("%s:%d: %s: %w", file, l.N, field, e.Err)
	}
	return fmt.Errorf("%s:%d: %s: %q: %w", file, l.N, field, e.Value, e.Err)
}

// LoadPolicy reads the policy document file, or the embedded one when file
// is "".
func LoadPolicy(file string, embedded []byte) (*policy.Set, error) {
	if file == "" {
		return policy.Load(embedded)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	set, err := policy.Load(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return set, nil
}

// Zone returns the IANA time zone called name. It refuses "Local", the
// zone of the host, which differs from one machine to the next.
func Zone(name string) (*time.Location, error) {
	zone, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, errors.New("not an IANA time zone")
	}
	return zone, nil
}
