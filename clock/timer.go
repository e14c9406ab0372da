package clock

import (
	"fmt"
	"iter"
	"math"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/internal/share"
)

// A Calendar measures business time. *calendar.Calendar from
// github.com/slaclock/slaclock/calendar is one; any type with these two
// methods will do (a 24x7 calendar returns b.Sub(a) and t.Add(d)).
type Calendar interface {
	// Between returns the business time in [a, b).
	Between(a, b time.Time) time.Duration
	// Add returns, for d > 0, the earliest u >= t with Between(t, u) == d,
	// and t for d == 0. It returns the zero Time when there is no such u.
	Add(t time.Time, d time.Duration) time.Time
}

// A State is what a Timer is doing. The zero State is Idle.
type State uint8

// The states of a Timer.
const (
	Idle    State = iota // never started
	Running              // started or resumed, counting
	Paused               // paused, not counting, may resume
	Stopped              // stopped, the cycle is over; Start begins a new one
)

// String returns "idle", "running", "paused" or "stopped".
func (s State) String() string {
	switch s {
	case Idle:
		return "idle"
	case Running:
		return "running"
	case Paused:
		return "paused"
	case Stopped:
		return "stopped"
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// A Span is an interval [Start, End) during which a Timer ran. End is the
// zero Time while the span is open, that is while the timer is running.
type Span struct {
	Start, End time.Time
}

// A Timer measures the business time that passes while it runs. It is a
// value: the spans during which it ran, as absolute instants, and its
// state. Start, Pause, Resume and Stop record transitions at the instants
// they are given; Elapsed, Remaining, Due and Fraction measure the spans
// against a Calendar at read time.
//
// A Timer lives in cycles. The first Start opens cycle 1; Stop ends the
// cycle; Start after Stop opens the next one. Elapsed, Remaining, Due,
// Fraction and Spans refer to the current cycle, the one opened last;
// earlier cycles never change and are available from Cycles.
//
// The zero Timer is idle and ready to use. A Timer is not safe for
// concurrent mutation, but copies are independent: a transition on one
// copy never changes another.
type Timer struct {
	state State
	// since is the instant of the last transition: the start of the open
	// span when running, the pause or stop instant otherwise. Zero when idle.
	since time.Time
	// spans are the closed spans of the current cycle, oldest first.
	spans share.List[Span]
	// past are the completed cycles, oldest first. Copies of a Timer share
	// both lists, and a List appends without changing any other copy.
	past share.List[cycle]
}

type cycle struct {
	spans share.List[Span] // closed, oldest first, at least one
	stop  time.Time
}

// Start starts the timer at the instant at: an idle timer begins cycle 1,
// a stopped timer begins a new cycle. Starting a running or paused timer
// is an error. Like every transition, Start returns an *Error and
// changes nothing when it fails, as it does for an instant earlier
// than Since or one that cannot be recorded (see ErrInstant).
func (t *Timer) Start(at time.Time) error {
	at, err := t.check("start", at, t.state == Idle || t.state == Stopped, "idle or stopped")
	if err != nil {
		return err
	}
	if t.state == Stopped {
		t.past = t.past.Append(cycle{spans: t.spans, stop: t.since})
		t.spans = share.List[Span]{}
	}
	t.state, t.since = Running, at
	return nil
}

// Pause pauses a running timer at the instant at, closing its open span.
// Pausing a timer that is not running is an error.
func (t *Timer) Pause(at time.Time) error {
	at, err := t.check("pause", at, t.state == Running, "running")
	if err != nil {
		return err
	}
	t.spans = t.spans.Append(Span{t.since, at})
	t.state, t.since = Paused, at
	return nil
}

// Resume resumes a paused timer at the instant at, opening a new span.
// Resuming a timer that is not paused is an error.
func (t *Timer) Resume(at time.Time) error {
	at, err := t.check("resume", at, t.state == Paused, "paused")
	if err != nil {
		return err
	}
	t.state, t.since = Running, at
	return nil
}

// Stop stops a running or paused timer at the instant at, ending the
// current cycle. A stopped timer keeps answering for that cycle until
// the next Start. Stopping an idle or stopped timer is an error.
func (t *Timer) Stop(at time.Time) error {
	at, err := t.check("stop", at, t.state == Running || t.state == Paused, "running or paused")
	if err != nil {
		return err
	}
	if t.state == Running {
		t.spans = t.spans.Append(Span{t.since, at})
	}
	t.state, t.since = Stopped, at
	return nil
}

// check validates a transition before anything changes and returns at
// without its monotonic clock reading; allowed says whether op may start
// from t's state, and needs which states it may start from.
func (t *Timer) check(op string, at time.Time, allowed bool, needs string) (time.Time, error) {
	var err error
	switch {
	case !recordable(at):
		err = unrecordable(at)
	case !allowed:
		err = fmt.Errorf("%w: %s; %s needs %s", ErrState, t.state, op, needs)
	case at.Before(t.since):
		return at, orderError(op, at, t.since)
	default:
		return at.Round(0), nil
	}
	return at, &Error{Path: op, Value: at.Format(time.RFC3339Nano), Err: err}
}

// recordable reports whether at can be recorded and carried exactly by
// JSON (RFC 3339): after the zero Time, a year up to 9999, and a zone
// offset of whole minutes under 24 hours.
func recordable(at time.Time) bool {
	if !at.After(time.Time{}) || at.Year() > 9999 {
		return false
	}
	_, off := at.Zone()
	return off%60 == 0 && off > -24*3600 && off < 24*3600
}

// State returns what the timer is doing.
func (t Timer) State() State { return t.state }

// Since returns the instant of the timer's last transition: the start of
// its open span while running, the instant it was paused or stopped
// otherwise, and the zero Time while idle. A transition at an earlier
// instant is an error.
func (t Timer) Since() time.Time { return t.since }

// Cycle returns the number of the current cycle: 0 for an idle timer, 1
// after the first Start, one more after each Start that follows a Stop.
func (t Timer) Cycle() int {
	if t.state == Idle {
		return 0
	}
	return t.past.Len() + 1
}

// Spans returns the spans of the current cycle, oldest first, in a new
// slice. While the timer runs, the last span is open (its End is zero).
// An idle timer has none.
func (t Timer) Spans() []Span {
	if t.state == Idle {
		return nil
	}
	closed := t.spans.Items()
	n := len(closed)
	if t.state == Running {
		n++
	}
	s := make([]Span, len(closed), n)
	copy(s, closed)
	if t.state == Running {
		s = append(s, Span{Start: t.since})
	}
	return s
}

// AllSpans returns an iterator over the spans of the current cycle, oldest
// first, as Spans returns them, without copying them: for reading a long
// history (to encode it, to draw it) without allocating.
func (t Timer) AllSpans() iter.Seq[Span] {
	return func(yield func(Span) bool) {
		if t.state == Idle {
			return
		}
		for _, sp := range t.spans.Items() {
			if !yield(sp) {
				return
			}
		}
		if t.state == Running {
			yield(Span{Start: t.since})
		}
	}
}

// Cycles returns every cycle, oldest first, each as a timer of its own:
// len(t.Cycles()) == t.Cycle(). All but the last are stopped; the last is
// the current cycle, in t's state. Each answers Elapsed, Due and the rest
// as t did while that cycle was current.
func (t Timer) Cycles() []Timer {
	if t.state == Idle {
		return nil
	}
	cs := make([]Timer, 0, t.past.Len()+1)
	for _, c := range t.past.Items() {
		cs = append(cs, Timer{state: Stopped, since: c.stop, spans: c.spans})
	}
	return append(cs, Timer{state: t.state, since: t.since, spans: t.spans})
}

// Elapsed returns the business time, measured by cal, during which the
// current cycle ran before the instant at: the sum of cal.Between over its
// spans, each cut off at at, an open span running up to at. It is zero
// for an idle timer and for an instant before the cycle began, and it
// never decreases as at increases.
func (t Timer) Elapsed(cal Calendar, at time.Time) time.Duration {
	var d time.Duration
	for _, s := range t.spans.Items() {
		if !s.Start.Before(at) {
			return d
		}
		end := s.End
		if at.Before(end) {
			end = at
		}
		d += cal.Between(s.Start, end)
	}
	if t.state == Running && t.since.Before(at) {
		d += cal.Between(t.since, at)
	}
	return d
}

// Remaining returns target minus Elapsed(cal, at): the business time left
// before the current cycle reaches target. It is negative once the timer
// has run longer than target (overdue by that much), and target itself
// for an idle timer.
func (t Timer) Remaining(cal Calendar, target time.Duration, at time.Time) time.Duration {
	return target - t.Elapsed(cal, at)
}

// Fraction returns the share of target used at the instant at,
// Elapsed(cal, at) / target: 0 at the start, 1 when due, above 1 when
// overdue. A target of zero or less has no share to divide: Fraction
// returns 1 for a zero target while nothing has elapsed, and +Inf
// otherwise, so that Fraction >= 1 when Remaining <= 0. Decide breaches
// with Remaining or Due, which are exact: a float64 rounds durations
// above about 104 days (2^53 ns).
func (t Timer) Fraction(cal Calendar, target time.Duration, at time.Time) float64 {
	e := t.Elapsed(cal, at)
	switch {
	case target > 0:
		return float64(e) / float64(target)
	case target == 0 && e == 0:
		return 1
	}
	return math.Inf(1)
}

// Due returns the instant at which the current cycle's elapsed time
// reaches target if the timer stays as it is: the earliest instant u,
// not before the cycle's start, with Elapsed(cal, u) >= target.
//
//   - When the spans already hold target, Due is the instant the timer
//     crossed it, in any state: for the span in which it crossed,
//     cal.Add(span start, target - elapsed in earlier spans). A target of
//     zero or less is due at the cycle's start.
//   - Otherwise a running timer is due at cal.Add(start of the open span,
//     target - elapsed in the closed spans).
//   - Otherwise there is no due instant and ok is false: the timer is idle,
//     paused or stopped short of target, or cal has no answer (its Add
//     returned the zero Time).
//
// Due does not depend on the present instant: compare it with one to tell
// whether the timer is overdue. With a calendar that keeps its promise,
// Elapsed(cal, due) == target for target > 0.
func (t Timer) Due(cal Calendar, target time.Duration) (due time.Time, ok bool) {
	if t.state == Idle {
		return time.Time{}, false
	}
	spans := t.spans.Items()
	if target <= 0 {
		if len(spans) > 0 {
			return spans[0].Start, true
		}
		return t.since, true // running, in its first span
	}
	left := target
	for _, s := range spans {
		b := cal.Between(s.Start, s.End)
		if b >= left {
			return nonZero(cal.Add(s.Start, left))
		}
		left -= b
	}
	if t.state == Running {
		return nonZero(cal.Add(t.since, left))
	}
	return time.Time{}, false
}

func nonZero(u time.Time) (time.Time, bool) { return u, !u.IsZero() }

// Equal reports whether t and u hold the same history: the same state,
// and the same instants (compared with time.Time.Equal) in the same spans
// and cycles. Two timers can be equal though their instants are in
// different locations: a timer started at 09:00 -05:00 and one started at
// 14:00 UTC are Equal. Do not compare Timers with ==, which compares the
// memory they share, not what they hold; go-cmp calls Equal.
func (t Timer) Equal(u Timer) bool {
	if t.state != u.state || !t.since.Equal(u.since) || t.past.Len() != u.past.Len() ||
		!equalSpans(t.spans.Items(), u.spans.Items()) {
		return false
	}
	up := u.past.Items()
	for i, c := range t.past.Items() {
		if !c.stop.Equal(up[i].stop) || !equalSpans(c.spans.Items(), up[i].spans.Items()) {
			return false
		}
	}
	return true
}

func equalSpans(a, b []Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Start.Equal(b[i].Start) || !a[i].End.Equal(b[i].End) {
			return false
		}
	}
	return true
}
