// Package sla is what a helpdesk calls on every ticket event: it runs the
// clocks of the ticket's service level policy and says, exactly once each,
// when a clock starts, pauses, resumes, warns, breaches its goal or its
// promise, is met or is cancelled. It also reports on many tickets at once:
// compliance per policy, metric and priority over a period, and the service
// credit it earns.
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
//	// On every ticket event:
//	var state sla.State
//	err = json.Unmarshal(stored, &state)       // {} for a new ticket
//	state, transitions, err := sla.Evaluate(set, state, sla.Event{
//		Kind: sla.PublicReply, At: reply.Time, Actor: reply.Author})
//	if err != nil { ... }                      // the stored state is still good
//	stored, err = json.Marshal(state)          // store it with the ticket
//	for _, t := range transitions { notify(t) } // each happens once
//	if next := state.NextDeadline(); !next.IsZero() {
//		scheduleTick(ticketID, next)           // then Evaluate a Tick at it
//	}
//
// # Events
//
// An [Event] is one of created, status changed, public agent reply,
// internal note, customer reply, priority changed, attributes changed, or
// [Tick]: time has passed and nothing else happened. Events come in time
// order; several may share an instant. Status names are the application's,
// mapped to categories (new, open, pending, on_hold, solved, closed) by the
// set's "statuses"; a Created event without a status is new.
//
// The Created event chooses the policy, from its fields and its instant
// (policy.Set.Select), and the ticket keeps that policy and version for
// life: the state records the policy's name and its version's
// effective_from. Later attribute changes do not choose again; they are
// events that custom metrics may name. A ticket that no policy matches has
// no SLA: its events are checked and recorded, and no clock runs.
//
// # Metrics and cycles
//
// Every metric of the policy runs in cycles. A cycle starts when one of
// the metric's start conditions holds and no cycle of it is running, or
// when a solved ticket is reopened and the metric restarts on reopen. It
// counts business time in its target's calendar, is paused while the
// ticket is in a category the metric pauses in, and ends met when a stop
// condition holds or cancelled (no verdict) when a cancel condition holds.
// On one event, a running cycle's stop is tested first, then its cancel,
// then pausing; a new cycle may start on the event that ended the last one
// (periodic_update runs from one public reply to the next). A cycle that
// starts in a paused category starts and pauses at once. A metric that has
// no target at the ticket's priority does not start.
//
// The presets, as package policy defines them:
//
//   - first_response runs from creation to the first public agent reply.
//     On a ticket an agent created (Event.ByAgent), the creation itself
//     never counts as a response, even if it was a public message: the
//     next public reply by an agent meets it, whoever writes it.
//   - next_response runs from the oldest unanswered customer message: a
//     customer reply starts a cycle, later replies do not move it, a
//     public agent reply meets it, an internal note does not. As its
//     conditions say, it also runs when the customer writes again before
//     the first response; that reply then meets both.
//   - periodic_update runs between public agent replies, paused while
//     pending or on hold.
//   - resolution runs from creation until solved, paused while pending
//     (or as the policy says); reopening a solved ticket starts a new cycle.
//     Earlier cycles never change.
//
// Closed is final: when a ticket is closed, every cycle still running that
// no stop or cancel condition ended is cancelled, and any event but a Tick
// is refused with [ErrClosed].
//
// # Goals, promises, warnings and breaches
//
// A target has a goal (the team's aim) and a promise (what the customer is
// promised), both lengths of business time; a target in business days
// becomes business time measured from the cycle's start
// (policy.Duration.Length). A cycle records its priority, calendar, goal
// and promise when it starts and when a priority change applies.
//
// Breach is decided on exact durations: a cycle is breached when it has
// used more than its goal (or promise). At the instant its used time
// equals the goal exactly it is not breached, and a reply at that instant
// meets it in time. The [GoalBreached] transition is stamped with the first
// instant at which the cycle has used more than the goal: one nanosecond
// of business time after the due instant, so 17:00:00.000000001 for a
// 24x7 goal due at 17:00, and the next opening plus a nanosecond for a
// business-hours goal due at the day's close. The same holds for
// [PromiseBreached]. A breach stays reported for the rest of the cycle,
// whatever the priority later becomes.
//
// Warnings fire when a cycle has used a warning's threshold: a fraction of
// the goal ("75%") or the goal minus a lead time ("15m"), both in business
// time. Warnings that would fall at or before the start, or at or after
// the goal, are dropped; warnings that fall on the same instant fire once.
//
// # Priority changes
//
// A priority change picks the new priority's target in the same policy
// version and applies the policy's on_priority_change to every running or
// paused cycle:
//
//   - recompute keeps the cycle and its start and measures it against the
//     new target; a cycle that has already used more than the new goal is
//     breached the moment the change lands, and the breach is stamped with
//     the change's instant (it was not breached a moment before). Warnings
//     the new target has already passed collapse into one, at the change,
//     unless the goal is breached.
//   - restart cancels the cycle and starts a new one at the change, unless
//     the cycle has already breached its goal: a breached clock is
//     reported as breached, not given a fresh start, so it is recomputed
//     instead.
//
// A priority that has no target for a metric cancels its running cycle.
// Metrics not running are untouched; their next cycle uses the new
// priority.
//
// # Transitions
//
// Each [Transition] (started, paused, resumed, warning, goal breached,
// promise breached, met, cancelled) is emitted once in a ticket's life and
// stamped with the instant it happened: a breach that happened at 17:00
// and is reported by a Tick at 18:00 carries 17:00. An event first emits
// what time alone brought about up to its instant (instants at or before
// it), then what the event itself caused. Transitions are sorted by
// instant, then by the metric's position in the policy, then by cycle,
// then by kind. Met says the stop condition held; whether it held in time
// is what the breach transitions and flags say.
//
// [State.NextDeadline] is the next instant at which a transition will
// happen with time alone: a Tick at that instant emits at least one, a
// Tick before it emits none. [State.Status] reports every metric at an
// instant: stage, goal and promise due, business time used and left,
// fraction used, breach flags and cycle; it takes the set, whose calendars
// measure business time. [State.Cycles] lists every cycle.
//
// # Compliance
//
// [Summarize] counts, over [from, to), per policy version, metric and
// priority, the cycles met, breached and cancelled, and those open at the
// end; the share of promises met; the 50th and 90th percentiles of the
// business time used; and the service credit of the policy's tiers. A
// cycle belongs to the period in which it was decided: the instant its
// promise was broken if it was, else the instant it ended.
//
// # Instants
//
// Evaluate records every instant in UTC, without a monotonic clock
// reading, so that neither the state nor the transitions depend on the
// location the caller used or the host's zone; format them in the zone you
// show. Nothing in the package reads the wall clock: every function takes
// the instant it works at.
//
// # Errors
//
// Evaluate and Replay refuse, with an [*EventError] wrapping one of the Err
// variables (test with errors.Is), and return the state they were given
// unchanged:
//
//   - an event of an unknown Kind (the zero Kind included): ErrUnknownKind;
//   - a zero instant: ErrZeroTime; one outside the years 1800 to 2199
//     (calendars know 1900 to 2150): ErrBadTime;
//   - any event but Created on a ticket not created (the zero State):
//     ErrNotCreated; Created on one that is: ErrCreated;
//   - any event but a Tick after the ticket is closed: ErrClosed;
//   - an event earlier than the last one: ErrOutOfOrder;
//   - a status name the set does not map (policy.Set.Category):
//     ErrUnknownStatus; a priority the set does not list: ErrUnknownPriority
//     (a set that lists no priorities, such as a nil set, accepts any);
//   - a state whose policy version, metrics or calendars are missing from
//     the set given: ErrUnknownPolicy.
//
// A nil *policy.Set is a set with no policies: tickets have no SLA. The
// zero State is a ticket not yet created. [State.UnmarshalJSON] is strict:
// unknown fields, malformed values and a state that contradicts itself
// (cycles that disagree with their timers, instants out of order or after
// the last event) are a [*DecodeError], so a state that decodes never makes
// Evaluate panic. No input makes the package panic or loop.
//
// # Concurrency and cost
//
// Evaluate, Replay, Summarize and the State methods are pure functions of
// their arguments and safe for concurrent use: on different states, or on
// the same one, as a State is a value that nothing changes. A policy.Set
// is shared read-only by any number of goroutines. Evaluate never mutates
// the state it is given, and what the state it returns shares with it is
// never written again: the list of cycles that are over, which grows by a
// node per cycle that ends, the arrays of spans of the metrics' clocks,
// which a new span copies, and the metrics the event did not change.
//
// Its cost is a few calendar operations per metric whose clock changes or
// whose deadline passes; the deadlines are kept in the state, so a Tick
// before NextDeadline, or an event no metric reacts to, costs no calendar
// work and, on a state kept in memory, allocates nothing. An event that
// changes a metric copies that metric (with room for what the event adds
// to it: a span, the cycle it ends), not the others nor its history: it
// allocates once per metric it changes, plus once for the transitions it
// returns. On the sample policy of the package's tests (four metrics,
// business hours in New York with US holidays), an event of a 50-event
// ticket costs about 15 one-day calendar Adds on average, with two
// allocations and about 550 bytes (BenchmarkEvaluate).
// A business-day target is measured in business time when its cycle starts
// (or its priority changes), not on later events. Evaluate reads the
// policy once, without allocating, and keeps what it read, read-only, with
// the state it returns (not in its JSON form): the next event of a state
// kept in memory reads nothing from the policy again, while a state just
// decoded reads it once.
package sla
