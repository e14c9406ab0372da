// Package slaclock is the manual of slaclock, an embeddable Go library for
// SLA clocks and business-hours math. It holds no code: the work is done by
// its four packages, and this page says how they fit and what every answer
// means.
//
// Helpdesk and ticketing software must keep promises such as "urgent
// tickets get a first response within 1 hour, 24x7; normal ones within 4
// business hours; resolution within 3 business days", and must know at every
// moment what is due, what is paused, what is about to breach and what
// breached. slaclock answers those questions exactly, in any time zone and
// across daylight-saving changes, as pure functions of the instants the
// application gives it.
//
//   - [github.com/slaclock/slaclock/calendar]: business calendars (weekly
//     hours with breaks, night shifts, holidays, date overrides, an IANA
//     zone) with Add, Between, IsOpen, NextOpen, NextClose, AddDays,
//     Intervals and Union, at a cost that does not grow with the span, and
//     cheap enough to build and hold one per tenant;
//     [github.com/slaclock/slaclock/calendar/ical] reads holidays from the
//     iCalendar files Google Calendar and Outlook export.
//   - [github.com/slaclock/slaclock/clock]: pausable timers whose elapsed
//     time is business time, measured at read time against a calendar.
//   - [github.com/slaclock/slaclock/policy]: what is promised: SLAs, OLAs
//     and supplier contracts, with targets per metric and priority, an
//     internal goal and a customer promise, warnings, versions and service
//     credits, loaded from strict JSON.
//   - [github.com/slaclock/slaclock/sla]: Evaluate, called on every ticket
//     event, returns the ticket's new state and the transitions (warning,
//     breach, met, ...) to act on, each exactly once; View and Timeline
//     show a ticket's SLAs to people; Summarize reports compliance; Repair
//     corrects a ticket after a policy change.
//
// Imports point down that list: sla uses policy and clock, policy uses
// calendar. No package but clock reads the wall clock.
//
// # Quick start
//
//	set, err := policy.Load(document) // calendars and agreements, once
//	if err != nil {
//		log.Fatal(err) // policy: policies[1].targets.resolution.urgent.goal: "4x": bad duration: ...
//	}
//	// On every ticket event, in one transaction with the state stored beside the ticket:
//	state, transitions, err := sla.Evaluate(set, state, sla.Event{
//		ID: requestID, Kind: policy.Created, At: createdAt, Status: "New", Priority: "high",
//		Fields: policy.Fields{Attributes: map[string]string{"plan": "enterprise"}},
//	})
//	if errors.Is(err, sla.ErrDuplicate) {
//		return nil // a retry of an event already stored
//	}
//	for _, t := range transitions {
//		notify(t) // started, warning, goal breached, promise breached, met...
//	}
//	stored, _ := state.MarshalJSON()              // what happened, compact and checked
//	wakeUp := state.NextDeadline(set)             // a whole second; then Evaluate a policy.Tick there
//
// The calendar alone answers the due-date question:
//
//	c, _ := calendar.New(calendar.Spec{Zone: "America/New_York",
//		Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}})
//	due := c.Add(friday1600, 4*time.Hour) // Monday 12:00 EST
//
// # Business time
//
// A calendar is a set of open instants. Opening intervals are half-open,
// [open, close): at 17:00 a 09:00-17:00 desk is closed. A close of 24:00 is
// the next midnight; an interval whose close is earlier than its open runs
// past midnight and belongs to the day it starts on.
//
// Wall-clock times become instants date by date through the calendar's
// zone: a wall time means the earliest instant at which the zone's clock
// shows that time or later on that date. A time that occurs twice means its
// first occurrence; one that is skipped means the instant the clocks jump;
// an interval open just before the clocks go back stays open through the
// repeated hour. So a 24x7 day has 23 or 25 hours, and 09:00-17:00 is 8 real
// hours on every day, also where the change falls on a weekday (Cairo,
// Jerusalem, Tehran) or is 30 minutes (Lord Howe).
//
// Durations are real elapsed time between instants, never wall-clock
// differences. Between(a, b) is the open time in [a, b) and is antisymmetric.
// Add(t, d) is the earliest instant u with Between(t, u) == d, so a deadline
// that uses the last open second of a day is that day's close (17:00), not
// the next morning's opening; Add(t, -d) is the latest such instant before
// t, an opening. Business days (AddDays, and "3bd" in a policy) keep the
// wall-clock time and move it to the n-th following working day, clamped
// into that day's hours.
//
// # Clocks, pauses and cycles
//
// A clock.Timer records the spans of absolute time during which it ran.
// Everything else (elapsed, remaining, due, fraction used) is computed when
// asked, against a calendar, so time spent paused is simply not in a span,
// and a changed target or calendar is recomputed exactly from the same
// history. Stopping and starting again opens a new cycle; earlier cycles
// never change.
//
// In package sla each metric of an agreement runs such cycles: it starts,
// pauses while the ticket is in a category the policy names (pending, on
// hold), is met, breaches its internal goal and then its customer promise
// (each decided on exact durations: at the due instant it is not yet
// breached, a nanosecond of business time later it is), or is cancelled.
// Reopening a solved ticket starts a new cycle of the metrics that
// restart; closed is final. A priority change recomputes the running clock
// from the same start with the new target, reporting at the change what it
// has already passed, or restarts it (the cycle is cancelled with its
// breaches kept, and a new one starts at the change), as the policy says. A
// ticket may have no priority; a metric without a target at its priority
// follows the ticket silently and is measured from its start once a
// priority gives it one. Transitions are stamped with the instant they
// happened, not the instant Evaluate ran, and each is emitted once.
//
// # Agreements
//
// A ticket carries up to one agreement of each kind at once: the
// customer's SLA, the OLA of the team that holds it, a UC with a supplier.
// Within each kind the first agreement of the document whose match holds
// applies, and matching is checked again whenever the ticket's fields
// change: an agreement that stops matching detaches (its running cycles
// are cancelled, what they breached stays reported), one that starts
// matching attaches at that instant, in the version in force then, its
// metrics measured from then or, for a retroactive agreement, since the
// ticket's creation with its pauses. A target's calendar may follow the
// ticket: read in the time zone a ticket field names (the requester's).
// Escalation levels past the goal and the promise fire once each, for
// escalation chains.
//
// # Showing it to people
//
// sla's View says, per agreement and metric, the target as written ("4h",
// "3bd"), a verdict (on track, at risk, goal missed, promise broken,
// paused, met in time or late, cancelled), the due instants in the
// calendar's zone, the business time used and left, and a short line
// ("breaches in 1h 20m", "paused since Tue 14:05 EST"); Timeline gives each
// cycle's spans that counted, were paused or fell outside business hours,
// to draw.
//
// # Storing state, retries and wake-ups
//
// A sla.State is a value the application stores with its ticket, in the
// same transaction as the event that changed it. Its stored form holds what
// happened (instants, spans, what was reported, the IDs of the last events),
// not what can be derived, and carries a format version and a check, so that
// a state edited by hand or damaged is refused rather than taken for
// another. An event may carry an ID: a retry of one of the last 16 events
// applied changes nothing and is reported as sla.ErrDuplicate, so "retry
// until stored" is safe. A Tick carries no news: one earlier than the last
// event, or before any deadline, changes nothing. state.NextDeadline(set) is
// the next wake-up, a whole second, so that it survives being stored at
// seconds or microseconds: one wake-up row per ticket, ticked at the stored
// instant, always makes progress.
//
// # Concurrency
//
// Calendars and policy sets are immutable once built and safe for
// concurrent use by any number of goroutines. sla.Evaluate is a pure
// function: the same set, state and event give the same result on any
// machine, in any time zone, on any goroutine, so an application may
// evaluate tickets on as many workers and machines as it runs. A
// clock.Timer and an sla.State are values: copies are independent, and a
// new span or cycle costs amortised constant time however long the
// history. No package has mutable package-level state that a caller can
// observe.
//
// # Errors
//
// Bad input gets an error that says what and where, and loses nothing: a
// failed call leaves the value it was given unchanged. Every package has one
// error type of the same shape, like time.ParseError: Error{Path, Value,
// Err}, whose message reads "pkg: path: "value": what is wrong" (calendar:
// hours.mon[1]: "25:00": bad interval: hour out of range; sla: event.status:
// "Opne": unknown status: want one of ...), long values shortened; Err wraps
// one of the package's Err variables for errors.Is, and where a value must be
// one of a list, the message lists the valid ones. No input makes the library
// panic or loop; fuzz tests in every package hold it to that.
package slaclock
