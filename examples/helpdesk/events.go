package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/slaclock/slaclock/sla"
)

// A ticket is one ticket's events, in the order of the file, and its SLA
// state after the first done of them.
type ticket struct {
	id     string
	events []lineEvent
	done   int
	state  sla.State
}

// lineEvent is an event and the line of the file it came from.
type lineEvent struct {
	sla.Event
	line int
}

// next returns the instant of the next thing that happens to t: its next
// event, or its next deadline if that comes first. ok is false when
// nothing will.
func (t *ticket) next() (at time.Time, ok bool) {
	deadline := t.state.NextDeadline()
	if t.done < len(t.events) {
		at = t.events[t.done].At
		if !deadline.IsZero() && deadline.Before(at) {
			at = deadline
		}
		return at, true
	}
	return deadline, !deadline.IsZero()
}

// readEvents reads a JSON Lines file of ticket events: on each line an
// object with "ticket" and the fields of an sla.Event. It returns the
// tickets sorted by id. Blank lines are skipped.
func readEvents(file string, data []byte) ([]*ticket, error) {
	var tickets []*ticket
	byID := make(map[string]*ticket)
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
			t = &ticket{id: id}
			byID[id] = t
			tickets = append(tickets, t)
		}
		t.events = append(t.events, lineEvent{ev, n})
	}
	slices.SortFunc(tickets, func(a, b *ticket) int { return strings.Compare(a.id, b.id) })
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
