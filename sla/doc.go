// Package sla is what a helpdesk calls on every ticket event: it runs the
// clocks of the agreements a ticket carries and says, exactly once each,
// when a clock starts, pauses, resumes, warns, breaches its goal or its
// promise, is met or is cancelled. It also reports on many tickets at once:
// compliance per agreement, metric and priority over a period, and the
// service credit it earns.
//
//	state, transitions, err := sla.Evaluate(set, state, event)
//
// This page is the reference for package sla. The manual for slaclock as a
// whole, and how sla builds on packages calendar, clock and policy, is
// package github.com/slaclock/slaclock (doc.go at the repository root).
//
// # Quick start
//
//	set, err := policy.Load(document)          // once, shared by every ticket
//
//	// On every ticket event, in one database transaction:
//	var state sla.State
//	err = state.UnmarshalJSON(stored)          // the zero State for a new ticket
//	state, transitions, err := sla.Evaluate(set, state, sla.Event{
//		ID: requestID, Kind: policy.PublicReply, At: reply.Time, Actor: reply.Author})
//	switch {
//	case errors.Is(err, sla.ErrDuplicate):     // a retry of an event already stored: done
//	case err != nil:                           // refused; the stored state is still good
//	}
//	stored, err = state.MarshalJSON()          // store it with the ticket
//	for _, t := range transitions { notify(t) } // each happens once
//	wakeUp := state.NextDeadline(set)          // a whole second; zero: none
//	// store wakeUp; when it comes, Evaluate a policy.Tick at it.
//
// # Events
//
// An [Event] is one of policy's event kinds: created, status changed,
// public agent reply, internal note, customer reply, priority changed,
// fields changed, or a Tick: time has passed and nothing else happened.
// Events come in time order; several may share an instant. Status names are
// the application's, mapped to categories (new, open, pending, on_hold,
// solved, closed) by the set's "statuses"; a Created event without a
// status is new. A ticket may have no priority (an empty Priority), at
// creation or later.
//
// An event may carry an ID. A state remembers the IDs of the last 16
// events it applied (Ticks excepted), so that a retry of one of them (the
// same ID: a request sent again after a lost response) changes nothing,
// emits nothing and is refused with [ErrDuplicate], which the application
// treats as success. An event without an ID is applied as given.
//
// A Tick carries no news. One earlier than the last event, or one before
// any deadline, returns the state as it was, no transitions and no error,
// so a wake-up that lands after a newer event is harmless. A Tick that
// emits moves [State.Last] to the instant of the last transition it
// emitted, not to its own: an event stamped between the two is still in
// order.
//
// # Agreements
//
// A ticket carries up to one agreement of each kind at once: the
// customer's SLA, the OLA of the team that holds it, a UC with a supplier
// (policy.Set.Select: within each kind, the first in the document in force
// whose match holds). They are chosen at creation and again on every event
// that carries fields (Created, FieldsChanged, whose Fields are the
// ticket's fields after the change, complete). An agreement that no longer
// matches detaches: what time alone brought about up to the event is
// reported, its open cycles are cancelled, and what they reported stays
// reported (and counted by Summarize). One that starts matching attaches at
// that instant, in the version in force then: its metrics start as if the
// ticket had been created then, in its current status; or, for an agreement
// that is "retroactive", as if they had run since the ticket's creation,
// paused as the ticket's statuses were since (the state keeps them; other
// events before the attach are not replayed), what they have already passed
// reported at the attach, as a priority change recomputes a cycle. An
// agreement that still matches keeps its version, whatever versions took
// effect since. A re-attached agreement (the same version) goes on with its
// cycles' numbers. [Attached] and [Detached] transitions (Metric empty,
// Cycle 0) say when; [State.Agreements] lists those that apply now,
// [State.Attachments] every one the ticket has carried. A ticket that no
// agreement matches has none: its events are checked and recorded, and no
// clock runs.
//
// A target's calendar may follow the ticket (policy's zone_field): its
// weekly hours, holidays and date overrides are read in the IANA time zone
// that a ticket field names (the requester's), or in the calendar's own
// zone when the field is empty or absent. A cycle reads the field when it
// starts and when a priority change measures it again, and keeps that zone
// (Cycle.Zone). A zone the IANA database does not know is refused at the
// event that carries it, with ErrUnknownZone naming the field and the
// value. Each (calendar, zone) is built once per policy set.
//
// # Metrics and cycles
//
// Every metric of an agreement runs in cycles. A cycle starts when one of
// the metric's start conditions holds and no cycle of it is running, or
// when a solved ticket is reopened and the metric restarts on reopen. It
// counts business time in its target's calendar, is paused while the
// ticket is in a category the metric pauses in, and ends met when a stop
// condition holds or cancelled (no verdict) when a cancel condition holds.
// On one event, a running cycle's stop is tested first, then its cancel,
// then pausing; a new cycle may start on the event that ended the last one
// (periodic_update runs from one public reply to the next). A cycle that
// starts in a paused category starts and pauses at once. Each cycle has
// its own clock (a clock.Timer), which measures it.
//
// The presets, as package policy defines them:
//
//   - first_response runs from creation to the first public agent reply.
//     On a ticket an agent created (Event.ByAgent), the creation itself
//     never counts as a response: the next public reply by an agent meets
//     it, whoever writes it.
//   - next_response runs from the oldest unanswered customer message: a
//     customer reply starts a cycle, later replies do not move it, a public
//     agent reply meets it, an internal note does not.
//   - periodic_update runs between public agent replies, paused while
//     pending or on hold.
//   - resolution runs from creation until solved, paused while pending (or
//     as the policy says); reopening a solved ticket starts a new cycle.
//     Earlier cycles never change, and a finished cycle keeps the target
//     and due instants it had.
//
// Closed is final: when a ticket is closed, every cycle still open that no
// stop or cancel condition ended is cancelled, and any event but a Tick is
// refused with [ErrClosed].
//
// # Goals, promises, warnings and breaches
//
// A target has a goal (the team's aim) and a promise (what the customer is
// promised), both lengths of business time; a target in business days
// becomes business time measured from the cycle's start
// (policy.Duration.Length).
//
// Breach is decided on exact durations: a cycle is breached when it has
// used more than its goal (or promise). At the instant its used time equals
// the goal exactly it is not breached, and a reply at that instant meets it
// in time. The [GoalBreached] transition is stamped with the first instant
// at which the cycle has used more than the goal: one nanosecond of
// business time after the due instant, so 17:00:00.000000001 for a 24x7
// goal due at 17:00, and the next opening plus a nanosecond for a
// business-hours goal due at the day's close. The same holds for
// [PromiseBreached]. A breach stays reported for the rest of the cycle,
// whatever the priority later becomes.
//
// Warnings fire when a cycle has used a warning's threshold: a fraction of
// the goal ("75%") or the goal minus a lead time ("15m"), both in business
// time. Warnings that would fall at or before the start, or at or after the
// goal, are dropped; warnings that fall on the same instant fire once.
//
// Escalation levels (policy's escalate, for escalation chains) fire, once
// each, when a cycle has used a share of its goal above 100% ("150%") or
// its promise plus a lead time ("2h"), never before the goal's breach: an
// [Escalated] transition with its Level (from 1, in the order the target
// writes them) and the level as written. A priority change that measures a
// cycle again reports the levels it has already passed at the change, and
// never one twice.
//
// # Priority changes, and metrics without a target
//
// A priority change picks the new priority's target in the same agreement
// version and applies the policy's on_priority_change to every open cycle:
//
//   - recompute keeps the cycle and its start and measures it, with its
//     pauses, against the new target; what it has already passed is
//     reported at the change: a cycle that has used more than the new goal
//     is breached the moment the change lands, stamped with the change's
//     instant, and warnings the new target has already passed collapse
//     into one, at the change, unless the goal is breached.
//   - restart cancels the cycle, whatever it had breached (its breaches
//     stay reported, and count in Summarize), and starts a new one at the
//     change.
//
// A metric with no target at the ticket's priority (or with no priority)
// measures nothing and sends nothing, but its cycle still follows the
// ticket: it starts, pauses, resumes and ends silently. When a priority
// change gives it a target, it is measured from its start with its pauses
// (as recompute does, under either rule), reported started (and paused, if
// it is) at the change, and what it has already passed is reported at the
// change. A cycle that had a target and loses it to a priority change goes
// on without a deadline, and still reports its pauses and its end.
//
// # Transitions and deadlines
//
// Each [Transition] is emitted once in a ticket's life, stamped with the
// instant it happened and naming its agreement: a breach that happened at
// 17:00 and is reported by a Tick at 18:00 carries 17:00. An event first
// emits what time alone brought about up to its instant, then what the
// event itself caused. Transitions are sorted by instant, then by
// agreement (in the order they first attached; an agreement's Attached
// before its metrics' transitions, its Detached after), metric (in its
// policy's order), cycle and kind. Met says the
// stop condition held; whether it held in time is what the breach
// transitions say.
//
// [State.NextDeadline] is when to wake the ticket up: the first whole
// second at or after the next instant at which a transition will happen
// with time alone. A Tick at it emits at least one transition (stamped with
// its exact instant, up to a second earlier), a Tick at any earlier whole
// second emits none, and, being a whole second, it survives storage at
// seconds or microseconds exactly, so an application that ticks at the
// stored instant always gets a transition or a later deadline.
// [State.Status] reports every metric at an instant; [State.Cycles] lists
// every cycle. Both take the set, whose targets and calendars measure the
// cycles.
//
// # Showing it to people
//
// [State.View] says where a ticket's SLA stands at an instant, as a
// helpdesk shows it: for every metric of every agreement, its latest
// cycle's [Verdict] (on track, at risk, paused, goal missed, promise
// broken, met in time, met late, cancelled, not measured), the target as
// the policy writes it ("4h", "3bd"), its due and breach instants in the
// calendar's zone, the business time used and left, and a short English
// line ("breaches in 1h 20m", "paused since Tue 14:05 EST"); and, apart,
// the next breach and the next warning to come. [State.Timeline] draws
// every cycle as a [Lane]: the segments of its life during which its clock
// counted business time, ran outside business hours or was paused, with
// its due and breach instants as marks. Both have JSON forms, read the
// state as Status does, and take the instant they show.
//
// # The stored form
//
// [State.MarshalJSON] writes what happened, in a compact JSON form with a
// format version: instants, status, priority, the remembered event IDs, and
// the ticket's fields and the history of its status categories, the
// agreements it carries and carried with when they attached and detached,
// and per cycle its stage, the instants its clock started, paused and
// resumed, the priority it is measured against, the zone it follows and
// what it has reported. Nothing
// that can be derived is stored (deadlines, lengths of business-day
// targets, business time used): they are worked out again from the set.
// A CRC-32C "check" of the content closes it. [State.UnmarshalJSON]
// validates everything it reads, so that a stored state either decodes to
// one that behaves exactly as the one stored, or is refused with an error
// naming the path of the bad value; a state whose check does not match
// (edited by hand, damaged) is refused, and one without a check is read
// and validated like any other. Decoding and encoding cost less than
// encoding/json does on the same bytes, and grow linearly with the history.
//
// # Repair
//
// After a policy change, [Repair] replays a ticket's stored events under the
// new set and compares the transitions with those the application emitted:
// the breaches that, under the new document, never happened are withdrawn,
// those that did are added, so that notifications and reports can be
// corrected.
//
// # Compliance
//
// [Summarize] counts, over [from, to), per agreement version (so per kind),
// metric and priority, the cycles met, breached and cancelled, and those open at the
// end; the share of promises met; the 50th and 90th percentiles of the
// business time used; and the service credit of the agreement's tiers. A
// cycle belongs to the period in which it was decided: the instant its
// promise was broken if it was, else the instant it ended.
//
// # Instants
//
// Evaluate records every instant in UTC, without a monotonic clock
// reading, so that neither the state nor the transitions depend on the
// location the caller used or the host's zone; format them in the zone you
// show. Evaluate accepts instants in the years 1800 to 2199. Nothing in the
// package reads the wall clock: every function takes the instant it works
// at.
//
// # Errors
//
// Every error is an [*Error]: Path names the bad value ("event.status",
// "events[3].at", "agreements[0].metrics[1].cycles[2].end", "states[7]"),
// Value is the value as written, and Err wraps one of the Err variables for
// errors.Is. Where a value must be one of a list (statuses, priorities,
// event kinds), the message lists them. Evaluate and Replay refuse with:
//
//   - ErrDuplicate: a retry of an event already applied;
//   - ErrUnknownKind, ErrBadTime (a zero instant or one outside the years
//     1800 to 2199), ErrBadID (longer than 128 bytes, or not UTF-8);
//   - ErrNotCreated (an event before Created), ErrCreated (Created again),
//     ErrClosed (any event but a Tick after close), ErrOutOfOrder (an event
//     earlier than the last one);
//   - ErrUnknownStatus, ErrUnknownPriority: names the set does not know;
//   - ErrUnknownZone: a zone a ticket field names for a calendar to follow;
//   - ErrBadFields: fields past the bounds (256 attributes, 256 tags, 1024
//     bytes a name, value or tag), or text in them that is not UTF-8;
//   - ErrUnknownPolicy: an agreement version or metric the state names is
//     missing from the set given;
//
// and return the state they were given unchanged. UnmarshalJSON refuses
// with ErrBadState or ErrFormat. No input makes the package panic or loop.
//
// # Concurrency and cost
//
// Evaluate, Replay, Summarize and the State methods are pure functions of
// their arguments and safe for concurrent use: a State is a value that
// nothing changes, and Evaluate on copies of one State from many goroutines
// is safe. A policy.Set is shared read-only by any number of goroutines.
// What a state shares with the one it came from is never written again; a
// new span or cycle is appended at amortised constant cost, and no event
// copies the ticket's history. An event costs a few calendar operations per
// metric whose clock it changes or whose deadline has passed; a Tick
// before any deadline, on a state Evaluate returned, costs nothing.
// Evaluate keeps in memory, with the state it returns, the deadlines it
// worked out (not in the stored form, nor in Equal), so the next event on
// that state need not work them out again.
package sla
