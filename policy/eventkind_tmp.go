package policy

// Temporary names, until the policy branch's EventKind lands (the lead
// deletes this file at that merge).

type EventKind = Event

const (
	Created         = EventCreated
	StatusChanged   = EventStatusChanged
	PublicReply     = EventPublicReply
	InternalNote    = EventInternalNote
	CustomerReply   = EventCustomerReply
	PriorityChanged = EventPriorityChanged
	FieldsChanged   = EventAttributesChanged
	Tick            = EventAttributesChanged + 1
)
