package policy

// Limits of a document. [Load] refuses a document past any of them with an
// [*Error] wrapping ErrLimit at the path of what is too large, so that no
// document makes loading, or package sla's work on every ticket event, cost
// more than its use warrants. Each is far above what a helpdesk writes; a
// document may hold a calendar and a policy per tenant.
const (
	MaxDocumentSize = 64 << 20 // bytes of the document
	MaxDepth        = 32       // levels of lists and objects in one another; the document's own shape has 7
	MaxCalendars    = 100_000  // calendars of a document
	MaxStatuses     = 10_000   // entries of "statuses"
	MaxPriorities   = 1_000    // entries of "priorities"
	MaxPolicies     = 100_000  // entries of "policies", every version counted
	MaxMetrics      = 100      // metrics of a policy, presets that only have targets included
	MaxMatchFields  = 64       // fields of a policy's "match"
	MaxMatchValues  = 100_000  // values of one field of a policy's "match"
	MaxEscalations  = 16       // per target
	MaxWarnings     = 16       // warnings of a target
	MaxCreditTiers  = 100      // credit tiers of a policy
)

// within checks that n is a list or an object, as want says, of at most
// max entries, which the error calls what.
func (n *node) within(path string, want kind, max int, what string) error {
	switch {
	case n.kind != want:
		return wrongType(path, n, want)
	case len(n.vals) > max:
		return errorf(path, "", ErrLimit, "%d %s, at most %d", len(n.vals), what, max)
	}
	return nil
}
