package sla

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// Event is one thing that happened to a ticket, at the instant At. Which
// fields matter depends on Kind; the others are ignored.
type Event struct {
	// ID identifies the event, for safe retries: a state remembers the IDs
	// of the last 16 events it applied (Ticks excepted), and an event whose
	// ID is among them changes nothing and is refused with ErrDuplicate.
	// Empty: no ID, the event is applied as given. At most 128 bytes.
	ID string
	// Kind is one of policy's event kinds: policy.Created,
	// policy.StatusChanged, policy.PublicReply, policy.InternalNote,
	// policy.CustomerReply, policy.PriorityChanged, policy.FieldsChanged,
	// or policy.Tick (time passed, nothing else happened).
	Kind policy.EventKind
	// At is the instant the event happened. Events of a ticket come in
	// time order; several may share an instant.
	At time.Time
	// Status is the application's status name, mapped to a category
	// through the set's "statuses" (policy.Set.Category): for Created
	// (empty means new) and StatusChanged.
	Status string
	// Priority is the ticket's priority, one of the set's priorities or
	// empty for none: for Created and PriorityChanged.
	Priority string
	// Fields are the ticket's fields after the event, complete (a field not
	// there is not set), for Created and FieldsChanged: agreements match
	// on them, and a target's calendar may follow the time zone one names.
	Fields policy.Fields
	// Actor says who wrote: for replies and notes, and for Created. No
	// clock depends on it; it is kept so that a stored history says who.
	Actor string
	// ByAgent is set on Created when an agent opened the ticket (on a
	// customer's behalf). The creation never counts as a first response,
	// whoever made it; see the package doc.
	ByAgent bool
}

// The JSON form of an Event.
type jsonEvent struct {
	ID       string           `json:"id,omitempty"`
	Kind     policy.EventKind `json:"kind"`
	At       time.Time        `json:"at"`
	Status   string           `json:"status,omitempty"`
	Priority string           `json:"priority,omitempty"`
	Fields   *jsonFields      `json:"fields,omitempty"`
	Actor    string           `json:"actor,omitempty"`
	ByAgent  bool             `json:"by_agent,omitempty"`
}

type jsonFields struct {
	Attributes map[string]string `json:"attributes,omitempty"`
	Tags       []string          `json:"tags,omitempty"`
}

// MarshalJSON encodes e as
//
//	{"id": "evt-1", "kind": "created", "at": "2026-03-02T09:00:00-05:00",
//	 "status": "New", "priority": "high",
//	 "fields": {"attributes": {"plan": "enterprise"}, "tags": ["vip"]},
//	 "actor": "ann", "by_agent": true}
//
// leaving out empty fields.
func (e Event) MarshalJSON() ([]byte, error) {
	je := jsonEvent{ID: e.ID, Kind: e.Kind, At: e.At, Status: e.Status, Priority: e.Priority, Actor: e.Actor, ByAgent: e.ByAgent}
	if len(e.Fields.Attributes) > 0 || len(e.Fields.Tags) > 0 {
		je.Fields = &jsonFields{Attributes: e.Fields.Attributes, Tags: e.Fields.Tags}
	}
	return json.Marshal(je)
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly: unknown
// fields and data after the event are errors, an [*Error] wrapping
// ErrBadEvent. On error e is unchanged.
func (e *Event) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var je jsonEvent
	if err := dec.Decode(&je); err != nil {
		return &Error{Err: fmt.Errorf("%w: %v", ErrBadEvent, err)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Error{Err: fmt.Errorf("%w: data after the event", ErrBadEvent)}
	}
	ev := Event{ID: je.ID, Kind: je.Kind, At: je.At, Status: je.Status, Priority: je.Priority, Actor: je.Actor, ByAgent: je.ByAgent}
	if je.Fields != nil {
		ev.Fields = policy.Fields{Attributes: je.Fields.Attributes, Tags: je.Fields.Tags}
	}
	*e = ev
	return nil
}
