// Package policy says what is promised to whom: an ordered set of service
// level policies, with their calendars, loaded from one JSON document. It
// answers which policy version applies to a ticket, what each of its
// metrics measures, and what goal and promise a metric has at a priority.
// Package sla runs the clocks; the manual of the whole library is the doc
// of package github.com/slaclock/slaclock (doc.go at the repository root).
//
// # Quick start
//
//	set, err := policy.Load(data) // the document below
//	if err != nil {
//		return err // policy: policies[1].targets.resolution.urgent.goal: "4x": unknown unit
//	}
//	agreements := set.Select(policy.Fields{Attributes: map[string]string{"plan": "enterprise"}}, created)
//	if len(agreements) == 0 {
//		return nil // nothing applies: the ticket has no SLA
//	}
//	p := agreements[0] // at most one of each kind: an SLA, an OLA, a UC
//	t, ok := p.Target("first_response", "urgent")
//	due := t.Promise.Due(t.Calendar, created) // if the clock is never paused
//
// # The document
//
// One JSON object holds everything; every key is optional unless marked
// required:
//
//	{"calendars": {"business": {"zone": "America/New_York",
//	                            "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["us"]},
//	               "24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}},
//	 "statuses": {"New": "new", "In progress": "open", "Waiting on vendor": "on_hold"},
//	 "priorities": ["low", "normal", "high", "urgent"],
//	 "policies": [
//	   {"name": "Enterprise", "kind": "sla", "effective_from": "2026-01-01T00:00:00-05:00",
//	    "match": {"plan": ["enterprise"]},
//	    "calendar": "business",
//	    "on_priority_change": "recompute",
//	    "metrics": {"first_response": {},
//	                "resolution": {"pause_while": ["pending", "on_hold"]},
//	                "triage": {"start": ["created"], "pause_while": ["pending"],
//	                           "stop": ["status:open", "public_reply"], "cancel": ["status:closed"]}},
//	    "targets": {"first_response": {"urgent": {"goal": "30m", "promise": "1h", "calendar": "24x7",
//	                                              "warn": ["75%", "10m"]},
//	                                   "low": {"goal": "8h", "promise": "2bd"}},
//	                "resolution": {"urgent": {"goal": "4h", "promise": "8h", "calendar": "24x7"}},
//	                "triage": {"urgent": {"promise": "15m", "calendar": "24x7"}}},
//	    "credits": [{"below": "99%", "credit": "5%"}, {"below": "95%", "credit": "10%"}]}]}
//
// calendars maps a name to a calendar in the JSON form of package calendar
// ([calendar.Spec]). Targets name them. A document may hold one per tenant;
// calendars written alike are built once and shared.
//
// statuses maps the application's status names to the six categories: new,
// open, pending, on_hold, solved, closed. A name it does not list that is a
// category name itself ("pending") means that category; see [Set.Category]
// and [Set.Statuses].
//
// priorities lists the priority names, lowest first. Targets may use only
// these.
//
// policies is the ordered list of policies. Each entry is one version:
//
//   - name (required): versions of one policy are entries with the same name.
//   - description: for people.
//   - kind: "sla" (default; with a customer), "ola" (between internal
//     teams) or "uc" (with a supplier). Within each kind the first policy
//     in force whose match holds applies ([Set.Select]), so a ticket
//     carries up to one agreement of each kind at once; reports group by
//     kind.
//   - effective_from: an RFC 3339 instant from which this version is in
//     force, until the next version's effective_from. Absent: from the
//     beginning of time. Two versions of one name with the same instant
//     overlap, an error.
//   - match: field name to a list of values. Every field must hold; a field
//     holds when the ticket's value for it is one of the listed values. The
//     field "tags" holds when any of the ticket's tags is listed. Absent or
//     {}: every ticket matches.
//   - calendar: the calendar of targets that name none. A target with no
//     calendar of its own needs it.
//   - zone_field: the ticket field (an attribute) that holds the time
//     zone, an IANA name, to read the calendars of the policy's targets in
//     (the requester's zone): a ticket whose field is empty or absent gets
//     the calendar's own zone. A target's own zone_field wins. See
//     [Target.CalendarIn].
//   - retroactive: true makes an agreement that attaches to a ticket after
//     its creation (its fields changed and it now matches) measure its
//     metrics as if they had run since the ticket's creation, with the
//     ticket's pauses; false (default) measures them from the attach, as
//     if the ticket had been created then in its current status.
//   - on_priority_change: "recompute" (default: a running cycle keeps its
//     start and is measured against the new priority's target) or
//     "restart" (the running cycle is cancelled and a new one starts at the
//     change). Either may find a cycle breached at once.
//   - metrics: metric name to its definition, below. A preset metric that
//     only has targets need not be listed.
//   - targets: metric name to priority name to a target, below. A metric
//     with no target at any priority is an error; a metric with no target
//     at a ticket's priority does not run for that ticket.
//   - credits: service credit tiers, highest bound first, below.
//
// A metric is an object with these keys:
//
//   - preset: first_response, next_response, periodic_update or
//     resolution. A metric named after a preset is that preset; another
//     name with a preset is a second metric of that kind
//     ("first_response_chat": {"preset": "first_response"}). Without a
//     preset the metric is custom.
//   - start, stop, cancel: lists of conditions. A condition is an event
//     ([EventKind]), "created", "status_changed", "public_reply" (a public
//     agent reply), "internal_note", "customer_reply", "priority_changed" or
//     "fields_changed", or the entry into a category, "status:solved". No
//     condition names "tick": time passing starts and stops nothing.
//     A custom metric needs start and stop; a preset's start and stop are
//     fixed, and the preset's default cancel applies unless cancel is given.
//   - pause_while: categories during which the clock does not count.
//     Default: the preset's ([Preset.Defaults]), none for custom metrics.
//   - restart_on_reopen: whether reopening a solved ticket starts a new
//     cycle. Default: the preset's (true for resolution), false for custom
//     metrics.
//
// The presets are:
//
//   - first_response: starts at created, is met by the first public agent
//     reply, is cancelled at closed without one. On a ticket an agent
//     created, the creation is not a reply: the agent's next public reply
//     meets it.
//   - next_response: starts at the oldest unanswered customer message
//     (customer_reply; later ones while it runs do not move it), is met by
//     a public agent reply (an internal note is not one), is cancelled at
//     solved or closed.
//   - periodic_update: runs from one public agent reply to the next, paused
//     while pending or on_hold, cancelled at solved or closed.
//   - resolution: starts at created, pauses while pending, is met at solved
//     (or closed), and a reopen starts a new cycle; closed is final.
//
// A target is an object with these keys:
//
//   - goal, promise: the internal aim and what is promised, as business
//     time ("90m", "4h", "1h30m", "1.5h"; units h, m, s) or business days
//     ("3bd"); see [Duration]. One of them is required; the other defaults
//     to it. The goal may not be later than the promise.
//   - calendar: the calendar both are counted in; default the policy's.
//   - zone_field: as the policy's, for this target.
//   - warn: warnings before the goal, each a fraction of the goal ("75%",
//     above 0% and below 100%) or a lead time before it in business time
//     ("15m", shorter than the goal).
//   - escalate: escalation levels past the goal, for escalation chains,
//     numbered from 1 in the order written: a share of the goal above 100%
//     ("150%", at most 10000%) or a lead time past the promise in business
//     time ("2h"); see [Escalation]. At most 16.
//
// A credit tier is {"below": "95%", "credit": "10%"}: compliance over a
// period strictly below 95% earns a 10% credit. Tiers are listed from the
// highest bound down and each earns more than the one before; see
// [Policy.Credit]. Percentages have up to four decimals and are exact.
//
// # Events
//
// A ticket event is of one of the kinds of [EventKind], whose text forms
// are the names conditions use: created, status_changed, public_reply (a
// public agent reply), internal_note, customer_reply, priority_changed,
// fields_changed (fields other than status and priority: group, plan,
// tags), and tick. A tick says only that time passed: package sla emits the
// transitions whose instants it has reached, and no condition may name it.
//
// # How a metric runs
//
// This is the meaning package sla gives a metric, written here because the
// document defines it. A metric runs in cycles. On each ticket event, with
// the ticket's category before and after it:
//
//  1. If a cycle runs: it is met when a stop condition holds, else
//     cancelled (ends with no verdict) when a cancel condition holds.
//  2. If no cycle runs (also when one has just ended): a new cycle starts
//     when a start condition holds, or when the metric restarts on reopen
//     and the event reopens the ticket ([Reopened]).
//  3. A running cycle counts business time of its target's calendar, except
//     while the ticket's category is one it pauses in.
//
// Conditions hold as [Condition.Matches] says: a status condition holds
// when the ticket enters the category, so "status:new" holds at the
// creation of a ticket created as new. A start condition that holds while
// a cycle runs changes nothing.
//
// # Comparing business days with business time
//
// A business-day duration is "the same wall-clock time n working days
// later" ([calendar.Calendar.AddDays]), so its length in business time
// depends on where it starts. Where Load must compare a goal and a promise
// of different units, or a lead time with a goal in business days, it
// measures both as business time in the target's calendar from the
// version's effective_from (from Monday 2000-01-03 00:00 UTC when it has
// none); see [Duration.Length]. Durations of the same unit compare by
// value.
//
// # Limits
//
// Sizes are bounded, so that no document makes loading, or package sla's
// work on each ticket event, cost more than its use warrants. Load refuses
// a document past a limit with an error wrapping ErrLimit that names what
// is too large and the limit:
//
//	policy: priorities: over a limit: 1001 priorities, at most 1000
//
// The limits are [MaxDocumentSize] (64 MiB), [MaxDepth] (32 levels of
// lists and objects), [MaxCalendars] (100,000), [MaxStatuses] (10,000),
// [MaxPriorities] (1,000), [MaxPolicies] (100,000 entries, versions
// counted), and per policy [MaxMetrics] (100, presets that only have
// targets included), [MaxMatchFields] (64), [MaxMatchValues] (100,000 per
// field) and [MaxCreditTiers] (100), and [MaxWarnings] (16) per target.
// Within them, Load's time and memory grow linearly with the document;
// while it runs, Load holds the document as a tree, and allocates about
// 130 bytes per value in it (130 MB for a million short values).
//
// # Errors
//
// Load is strict: an unknown key, a key given twice, a value of the wrong
// type, data after the document, and every value that cannot work is an
// error. Every error is an [*Error] whose Path names where the bad value
// sits, in the form policies[1].targets.resolution.urgent.goal (keys that
// are not plain words are quoted: statuses["On hold"]), whose Value is the
// value as written, and whose Err wraps one of the Err variables for
// errors.Is. Where a value must be one of a list, the message lists it
// (the first 20 and how many there are, for a long one):
//
//	policy: policies[0].kind: "contract": bad value: want one of sla, ola, uc
//	policy: policies[0].targets.resolution.critical: unknown priority: want one of low, normal, high, urgent
//	policy: statuses["On hold"]: "hold": unknown status category: want one of new, open, pending, on_hold, solved, closed
//
// The document must be JSON text as RFC 8259 defines it, in UTF-8. A
// string with invalid UTF-8 or with a \u escape of a lone surrogate
// ("\ud800" without its pair) is malformed, where encoding/json would
// read U+FFFD in its place; so is a byte order mark. Malformed JSON wraps
// ErrSyntax and names the path of the value being read and the byte
// offset where it goes wrong:
//
//	policy: priorities[1]: malformed JSON: invalid character ']' looking for the beginning of a value at offset 22
//
// A calendar that cannot be built is reported at its place in the document
// with the calendar's own error, which errors.Is and errors.As reach. Load
// reports one error, the first it meets: errors of syntax, keys given twice
// and nesting while it reads the document, then it checks calendars,
// statuses, priorities, then each policy in turn; the entries of a list or
// of a map (calendars, metrics, targets) in the order written.
//
// # Concurrency
//
// A [Set] and its [Policy] values never change after Load and are safe for
// concurrent use by any number of goroutines. The slices, maps and structs
// their methods return are copies, which callers may change; calendars are
// shared and never change. No function reads the wall clock: every
// question takes the instant it is about.
package policy
