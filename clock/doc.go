// Package clock keeps SLA timers: how long a ticket's clock has run, in
// business time, while it was not paused, and when it will be (or was)
// due. A [Timer] records the spans of absolute time during which it ran;
// every answer is computed when asked, against a [Calendar] that measures
// business time, so pause time, a changed target or a changed calendar
// need no extra code and give exact answers from the same history.
//
// This page is the reference for package clock. The manual for slaclock
// as a whole, and how clock fits with calendar, policy and sla, is
// package github.com/slaclock/slaclock.
//
// # Quick start
//
//	cal, _ := calendar.New(calendar.Spec{Zone: "America/New_York",
//		Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}})
//	var timer clock.Timer                   // idle
//	err := timer.Start(monday0900)          // ticket created
//	err = timer.Pause(monday1600)           // waiting on the customer
//	err = timer.Resume(tuesday1000)         // the customer replied
//	due, ok := timer.Due(cal, 8*time.Hour)  // Tuesday 11:00, true
//	used := timer.Elapsed(cal, now)         // business time so far
//	left := timer.Remaining(cal, 8*time.Hour, now)
//	b, err := json.Marshal(timer)           // store it with the ticket
//
// # Timers, states and cycles
//
// A Timer is idle, running, paused or stopped ([State]). Start, Pause,
// Resume and Stop take the instant of the transition:
//
//	idle    --Start-->  running   (cycle 1)
//	running --Pause-->  paused    (closes the open span)
//	paused  --Resume--> running   (opens a new span)
//	running --Stop-->   stopped   (closes the open span)
//	paused  --Stop-->   stopped
//	stopped --Start-->  running   (a new cycle)
//
// Every other transition is an error. So is an instant earlier than the
// timer's last one ([Timer.Since]); the same instant is allowed, and a
// span may be empty. Instants are absolute: a zone or offset says how an
// instant is written, not when it is, so a span may start in New York and
// end in Kolkata. A transition keeps the instant's location and drops its
// monotonic clock reading (see time.Time), so a timer holds only what its
// JSON form holds.
//
// Stop ends a cycle; a later Start opens the next one (a reopened ticket).
// [Timer.Elapsed], [Timer.Remaining], [Timer.Fraction], [Timer.Due] and
// [Timer.Spans] refer to the current cycle, the one opened last, and a
// stopped timer keeps answering for the cycle it ended. Earlier cycles
// never change; [Timer.Cycles] returns each cycle as a timer of its own,
// and [Timer.Cycle] counts them (0 while idle). [Timer.Equal] tells
// whether two timers hold the same history, as time.Time.Equal does for
// instants (go-cmp calls it); == compares memory, not histories.
//
// # What the answers mean
//
// Every read takes the calendar to measure with, and those that depend on
// the present take the instant at which to evaluate them. Nothing reads
// the wall clock.
//
//   - Elapsed(cal, at): the business time the current cycle ran before at,
//     the sum of cal.Between over its spans, each cut off at at; a running
//     timer's open span counts up to at. It is 0 before the cycle began and
//     never decreases as at increases. Asked about an instant in the past,
//     it answers as of then.
//   - Remaining(cal, target, at): target - Elapsed(cal, at). Negative once
//     the timer has run longer than target: -30m means thirty business
//     minutes overdue.
//   - Fraction(cal, target, at): Elapsed / target as a float64, for
//     warnings and progress bars: 0.75 is three quarters used, 1 is due,
//     above 1 is overdue. For target <= 0 it is 1 while nothing has elapsed
//     at a zero target, +Inf otherwise. Decide breaches on durations
//     (Remaining, Due), never on a rounded fraction.
//   - Due(cal, target): the earliest instant at which Elapsed reaches
//     target if the timer stays as it is. When the spans already hold
//     target, that is the instant it crossed, in whatever state; a target
//     of zero or less is due at the cycle's start. Otherwise a running
//     timer is due at cal.Add(start of its open span, target minus the
//     time in its closed spans), and a paused, stopped or idle one has no
//     due instant (ok is false), nor has any timer whose calendar has no
//     answer. Due does not depend on the present: compare it with now to
//     tell whether the timer is overdue.
//
// The calendar decides what a business hour is, across daylight-saving
// changes and holidays; package clock never does wall-clock arithmetic. A
// 24x7 calendar gives real elapsed time. With a calendar that keeps
// [Calendar]'s promise, Elapsed(cal, due) == target for target > 0.
//
// # JSON
//
// A Timer encodes its whole history: state, and every cycle's spans and
// stop instant, each instant in RFC 3339 with nanoseconds and its offset:
//
//	{"state":"paused","cycles":[{"spans":[{"start":"2026-03-02T09:00:00-05:00","end":"2026-03-02T10:00:00-05:00"}]}]}
//
// Decoding gives back the same instants with the same offsets (in a fixed
// zone; the zone's name is not kept, and time.Local is never used), so a
// round trip is exact and re-encodes to the same text. Decoding is strict:
// anything no sequence of transitions could produce is an [*Error] whose
// Path names the offending value, and leaves the timer unchanged. The
// zero Timer is idle and encodes as {"state":"idle"}. Encoding and
// decoding cost time linear in the length of the history, less than
// encoding/json takes for the same text.
//
// # Errors
//
// Every error is an [*Error] {Path, Value, Err}, like time.ParseError,
// whose message reads "clock: path: "value": what is wrong" (a long value
// shortened); Err wraps one of the Err variables, for errors.Is.
//
// A refused transition names the operation and the instant it was given,
// and wraps [ErrState] (with the timer's state and the states the
// operation needs), [ErrTimeOrder] (with the timer's last instant) or
// [ErrInstant]; the timer is exactly as it was:
//
//	clock: pause: "2026-03-02T10:00:00-05:00": transition not allowed in this state: idle; pause needs running
//	clock: resume: "2026-03-02T09:30:00-05:00": instant earlier than the last recorded one, 2026-03-02T10:00:00-05:00
//
// Decoding names the offending value by its path in the JSON form and
// wraps [ErrSyntax] (malformed JSON, a value of the wrong kind),
// [ErrMissing], [ErrUnknownField], [ErrDuplicate] (a repeated field), or
// ErrState, ErrTimeOrder and ErrInstant where the history it describes
// cannot be; the timer is unchanged:
//
//	clock: cycles[0].stop: missing
//	clock: state: "finished": unknown state: want idle, running, paused or stopped
//	clock: cycles[0].spans[0].end: "2026-03-02T08:00:00Z": instant earlier than the last recorded one, 2026-03-02T09:00:00Z
//	clock: cycles[0].spans[0].start: "1": want a string, got a number
//
// Passing a nil Calendar is a programmer error and panics.
//
// # Concurrency
//
// A Timer is a value, like time.Time: it is not safe for concurrent
// mutation, but any number of goroutines may read one that nobody
// mutates, and copies are independent: a transition on a copy never
// changes the original or any other copy, though they share memory, and
// goroutines may move copies of one timer on at the same time. Each
// transition costs amortised O(1) time, however long the history.
// [Manual] is safe for concurrent use; [System] has no state.
//
// # Clocks
//
// An application needs the present instant to pass to Start or Elapsed.
// [Clock] is where it gets it: [System] reads the wall clock (this is the
// only code in slaclock that does), and [Manual] is a clock for tests that
// moves only when set or advanced. Nothing in this package sleeps or
// starts goroutines.
package clock
