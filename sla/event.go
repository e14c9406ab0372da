package sla

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// Kind is the kind of a ticket event. The zero Kind is not a kind:
// Evaluate refuses it with ErrUnknownKind, so that an Event whose Kind was
// forgotten is never taken for a Tick.
type Kind uint8

// The kinds of ticket events. All but Tick are the events policy
// conditions name (policy.Event); Tick says only that time has passed.
const (
	Created           Kind = iota + 1 // the ticket was created
	StatusChanged                     // its status changed
	PublicReply                       // an agent replied publicly
	InternalNote                      // an agent wrote an internal note
	CustomerReply                     // the customer wrote
	PriorityChanged                   // its priority changed
	AttributesChanged                 // other fields changed (group, plan, tags)
	Tick                              // time passed, nothing else
)

// name returns the text form of k; "" for an unknown Kind.
func (k Kind) name() string {
	switch k {
	case Created:
		return "created"
	case StatusChanged:
		return "status_changed"
	case PublicReply:
		return "public_reply"
	case InternalNote:
		return "internal_note"
	case CustomerReply:
		return "customer_reply"
	case PriorityChanged:
		return "priority_changed"
	case AttributesChanged:
		return "attributes_changed"
	case Tick:
		return "tick"
	}
	return ""
}

// String returns the text form of k: "created", "status_changed",
// "public_reply", "internal_note", "customer_reply", "priority_changed",
// "attributes_changed" or "tick"; Kind(n) for anything else.
func (k Kind) String() string {
	if k.valid() {
		return k.name()
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

func (k Kind) valid() bool { return k >= Created && k <= Tick }

// event returns the policy event k stands for; the zero Event for Tick.
func (k Kind) event() policy.EventKind {
	if k == Tick {
		return 0
	}
	return policy.EventKind(k)
}

// MarshalText returns the String form of k; an unknown Kind is an error.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, fmt.Errorf("sla: cannot encode %s: %w", k, ErrUnknownKind)
	}
	return []byte(k.name()), nil
}

// UnmarshalText reads the String form of a Kind.
func (k *Kind) UnmarshalText(b []byte) error {
	for x := Created; x <= Tick; x++ {
		if x.name() == string(b) {
			*k = x
			return nil
		}
	}
	return fmt.Errorf("sla: %q: %w", b, ErrUnknownKind)
}

// Event is one thing that happened to a ticket, at the instant At. Which
// fields matter depends on Kind; the others are ignored.
type Event struct {
	Kind Kind
	// At is the instant the event happened. Events of a ticket come in
	// time order; several may share an instant.
	At time.Time
	// Status is the application's status name, mapped to a category
	// through the set's "statuses" (policy.Set.Category): for Created
	// (empty means new) and StatusChanged.
	Status string
	// Priority is the ticket's priority, one of the set's priorities: for
	// Created and PriorityChanged.
	Priority string
	// Fields are what policies match on: for Created, which selects the
	// policy. AttributesChanged carries the new fields for the
	// application's record; the policy chosen at creation is kept.
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
	Kind     Kind        `json:"kind"`
	At       time.Time   `json:"at"`
	Status   string      `json:"status,omitempty"`
	Priority string      `json:"priority,omitempty"`
	Fields   *jsonFields `json:"fields,omitempty"`
	Actor    string      `json:"actor,omitempty"`
	ByAgent  bool        `json:"by_agent,omitempty"`
}

type jsonFields struct {
	Attributes map[string]string `json:"attributes,omitempty"`
	Tags       []string          `json:"tags,omitempty"`
}

// MarshalJSON encodes e as
//
//	{"kind": "created", "at": "2026-03-02T09:00:00-05:00", "status": "New",
//	 "priority": "high", "fields": {"attributes": {"plan": "enterprise"}, "tags": ["vip"]},
//	 "actor": "ann", "by_agent": true}
//
// leaving out empty fields.
func (e Event) MarshalJSON() ([]byte, error) {
	je := jsonEvent{Kind: e.Kind, At: e.At, Status: e.Status, Priority: e.Priority, Actor: e.Actor, ByAgent: e.ByAgent}
	if len(e.Fields.Attributes) > 0 || len(e.Fields.Tags) > 0 {
		je.Fields = &jsonFields{Attributes: e.Fields.Attributes, Tags: e.Fields.Tags}
	}
	return json.Marshal(je)
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly: unknown
// fields are errors. On error e is unchanged.
func (e *Event) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var je jsonEvent
	if err := dec.Decode(&je); err != nil {
		return fmt.Errorf("sla: event: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("sla: event: data after the event")
	}
	ev := Event{Kind: je.Kind, At: je.At, Status: je.Status, Priority: je.Priority, Actor: je.Actor, ByAgent: je.ByAgent}
	if je.Fields != nil {
		ev.Fields = policy.Fields{Attributes: je.Fields.Attributes, Tags: je.Fields.Tags}
	}
	*e = ev
	return nil
}
