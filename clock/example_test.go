package clock_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/clock"
)

// officeHoursNY returns Monday to Friday, 09:00-17:00 in New York.
func officeHoursNY() *calendar.Calendar {
	cal, err := calendar.New(calendar.Spec{
		Zone:  "America/New_York",
		Hours: map[string][]string{"mon-fri": {"09:00-17:00"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	return cal
}

// at returns a wall time in New York on a day of March 2026 (March 2 is
// a Monday).
func at(day, hour, minute int) time.Time {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		log.Fatal(err)
	}
	return time.Date(2026, time.March, day, hour, minute, 0, 0, ny)
}

const layout = "Mon Jan 2 15:04 MST"

// A ticket arrives on Monday at 09:00 with an 8-hour resolution target in
// business hours. It waits on the customer from 16:00 until Tuesday 10:00.
func Example() {
	cal := officeHoursNY()
	var timer clock.Timer // idle
	if err := timer.Start(at(2, 9, 0)); err != nil {
		log.Fatal(err)
	}
	due, _ := timer.Due(cal, 8*time.Hour)
	fmt.Println("due:", due.Format(layout))

	_ = timer.Pause(at(2, 16, 0))  // waiting on the customer
	_ = timer.Resume(at(3, 10, 0)) // the customer replied
	due, _ = timer.Due(cal, 8*time.Hour)
	fmt.Println("due:", due.Format(layout))

	now := at(3, 10, 30)
	fmt.Println("elapsed:", timer.Elapsed(cal, now))
	fmt.Println("remaining:", timer.Remaining(cal, 8*time.Hour, now))
	fmt.Printf("used: %.1f%%\n", 100*timer.Fraction(cal, 8*time.Hour, now))
	// Output:
	// due: Mon Mar 2 17:00 EST
	// due: Tue Mar 3 11:00 EST
	// elapsed: 7h30m0s
	// remaining: 30m0s
	// used: 93.8%
}

// Any type with Between and Add measures business time. This one is open
// around the clock.
type allHours struct{}

func (allHours) Between(a, b time.Time) time.Duration       { return b.Sub(a) }
func (allHours) Add(t time.Time, d time.Duration) time.Time { return t.Add(d) }

func ExampleCalendar() {
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))
	_ = timer.Resume(at(2, 12, 0))

	// The same history against two calendars.
	var calendars = []struct {
		name string
		cal  clock.Calendar
	}{
		{"24x7", allHours{}},
		{"office hours", officeHoursNY()},
	}
	for _, c := range calendars {
		due, _ := timer.Due(c.cal, 8*time.Hour)
		fmt.Printf("%s: due %s\n", c.name, due.Format(layout))
	}
	// Output:
	// 24x7: due Mon Mar 2 19:00 EST
	// office hours: due Tue Mar 3 11:00 EST
}

func ExampleState() {
	var timer clock.Timer
	fmt.Println(timer.State())
	_ = timer.Start(at(2, 9, 0))
	fmt.Println(timer.State())
	_ = timer.Pause(at(2, 10, 0))
	fmt.Println(timer.State())
	_ = timer.Stop(at(2, 11, 0))
	fmt.Println(timer.State() == clock.Stopped)
	// Output:
	// idle
	// running
	// paused
	// true
}

func ExampleState_String() {
	fmt.Println(clock.Idle.String(), clock.Running, clock.Paused, clock.Stopped)
	// Output: idle running paused stopped
}

func ExampleSpan() {
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))
	_ = timer.Resume(at(2, 12, 0))
	for _, s := range timer.Spans() {
		if s.End.IsZero() {
			fmt.Println(s.Start.Format(layout), "- (open)")
			continue
		}
		fmt.Println(s.Start.Format(layout), "-", s.End.Format(layout))
	}
	// Output:
	// Mon Mar 2 09:00 EST - Mon Mar 2 10:00 EST
	// Mon Mar 2 12:00 EST - (open)
}

// A Timer is a value: keep it with the ticket, copy it freely.
func ExampleTimer() {
	cal := officeHoursNY()
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))

	whatIf := timer // an independent copy
	_ = whatIf.Resume(at(2, 12, 0))
	_ = timer.Resume(at(2, 14, 0))

	for _, t := range []clock.Timer{whatIf, timer} {
		due, _ := t.Due(cal, 8*time.Hour)
		fmt.Println("due:", due.Format(layout))
	}
	// Output:
	// due: Tue Mar 3 11:00 EST
	// due: Tue Mar 3 13:00 EST
}

func ExampleTimer_Start() {
	var timer clock.Timer
	fmt.Println(timer.Start(at(2, 9, 0)), timer.Cycle())
	fmt.Println(timer.Start(at(2, 10, 0))) // already running
	_ = timer.Stop(at(2, 11, 0))
	fmt.Println(timer.Start(at(3, 9, 0)), timer.Cycle()) // a new cycle
	// Output:
	// <nil> 1
	// clock: start: "2026-03-02T10:00:00-05:00": transition not allowed in this state: running; start needs idle or stopped
	// <nil> 2
}

func ExampleTimer_Pause() {
	cal := officeHoursNY()
	var timer clock.Timer
	fmt.Println(timer.Pause(at(2, 9, 0)))
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))
	// Paused, the timer counts nothing.
	fmt.Println(timer.Elapsed(cal, at(2, 10, 0)), timer.Elapsed(cal, at(6, 17, 0)))
	// Output:
	// clock: pause: "2026-03-02T09:00:00-05:00": transition not allowed in this state: idle; pause needs running
	// 1h0m0s 1h0m0s
}

func ExampleTimer_Resume() {
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))
	fmt.Println(timer.Resume(at(2, 9, 30))) // before the pause
	fmt.Println(timer.Resume(at(2, 12, 0)), timer.State())
	// Output:
	// clock: resume: "2026-03-02T09:30:00-05:00": instant earlier than the last recorded one, 2026-03-02T10:00:00-05:00
	// <nil> running
}

func ExampleTimer_Stop() {
	cal := officeHoursNY()
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Stop(at(2, 11, 0))
	// A stopped timer answers for the cycle it ended.
	fmt.Println(timer.State(), timer.Elapsed(cal, at(9, 9, 0)))
	fmt.Println(timer.Stop(at(2, 12, 0)))
	// Output:
	// stopped 2h0m0s
	// clock: stop: "2026-03-02T12:00:00-05:00": transition not allowed in this state: stopped; stop needs running or paused
}

func ExampleTimer_State() {
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))
	if timer.State() == clock.Paused {
		fmt.Println("paused since", timer.Since().Format(layout))
	}
	// Output: paused since Mon Mar 2 10:00 EST
}

func ExampleTimer_Since() {
	var timer clock.Timer
	fmt.Println(timer.Since().IsZero())
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Stop(at(2, 16, 30))
	fmt.Println(timer.Since().Format(layout))
	// Output:
	// true
	// Mon Mar 2 16:30 EST
}

func ExampleTimer_Cycle() {
	var timer clock.Timer
	fmt.Println(timer.Cycle())
	_ = timer.Start(at(2, 9, 0)) // created
	_ = timer.Stop(at(2, 11, 0)) // solved
	_ = timer.Start(at(4, 9, 0)) // reopened
	fmt.Println(timer.Cycle())
	// Output:
	// 0
	// 2
}

func ExampleTimer_Spans() {
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 16, 0))
	_ = timer.Resume(at(3, 10, 0))
	_ = timer.Stop(at(3, 11, 0))
	for _, s := range timer.Spans() {
		fmt.Println(s.Start.Format(layout), "to", s.End.Format(layout))
	}
	// Output:
	// Mon Mar 2 09:00 EST to Mon Mar 2 16:00 EST
	// Tue Mar 3 10:00 EST to Tue Mar 3 11:00 EST
}

func ExampleTimer_Cycles() {
	cal := officeHoursNY()
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Stop(at(2, 11, 0))
	_ = timer.Start(at(4, 9, 0))
	now := at(4, 12, 0)
	for i, c := range timer.Cycles() {
		fmt.Printf("cycle %d: %s, %v\n", i+1, c.State(), c.Elapsed(cal, now))
	}
	// Output:
	// cycle 1: stopped, 2h0m0s
	// cycle 2: running, 3h0m0s
}

func ExampleTimer_Elapsed() {
	cal := officeHoursNY()
	var timer clock.Timer
	_ = timer.Start(at(6, 16, 0)) // Friday, before clocks spring forward
	for _, now := range []time.Time{at(6, 16, 30), at(7, 12, 0), at(9, 10, 0)} {
		fmt.Println(now.Format(layout), timer.Elapsed(cal, now))
	}
	// Output:
	// Fri Mar 6 16:30 EST 30m0s
	// Sat Mar 7 12:00 EST 1h0m0s
	// Mon Mar 9 10:00 EDT 2h0m0s
}

func ExampleTimer_Remaining() {
	cal := officeHoursNY()
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	fmt.Println(timer.Remaining(cal, 4*time.Hour, at(2, 12, 0)))
	fmt.Println(timer.Remaining(cal, 4*time.Hour, at(2, 14, 30))) // overdue
	// Output:
	// 1h0m0s
	// -1h30m0s
}

func ExampleTimer_Fraction() {
	cal := officeHoursNY()
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	for _, now := range []time.Time{at(2, 11, 0), at(2, 17, 0), at(3, 11, 0)} {
		fmt.Printf("%s: %.2f\n", now.Format(layout), timer.Fraction(cal, 8*time.Hour, now))
	}
	fmt.Println(timer.Fraction(cal, 0, at(2, 11, 0)))
	// Output:
	// Mon Mar 2 11:00 EST: 0.25
	// Mon Mar 2 17:00 EST: 1.00
	// Tue Mar 3 11:00 EST: 1.25
	// +Inf
}

func ExampleTimer_Due() {
	cal := officeHoursNY()
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))

	// Paused short of the target: no due instant.
	_, ok := timer.Due(cal, 8*time.Hour)
	fmt.Println(ok)

	_ = timer.Resume(at(2, 12, 0))
	for _, target := range []time.Duration{8 * time.Hour, 10 * time.Hour} {
		due, _ := timer.Due(cal, target)
		fmt.Println(target, "due", due.Format(layout))
	}

	// Past the target: the instant it crossed, whatever the state.
	_ = timer.Stop(at(4, 9, 0))
	due, ok := timer.Due(cal, 8*time.Hour)
	fmt.Println(due.Format(layout), ok)
	// Output:
	// false
	// 8h0m0s due Tue Mar 3 11:00 EST
	// 10h0m0s due Tue Mar 3 13:00 EST
	// Tue Mar 3 11:00 EST true
}

func ExampleTimer_Equal() {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		log.Fatal(err)
	}
	var a, b clock.Timer
	_ = a.Start(at(2, 9, 0))
	_ = b.Start(at(2, 9, 0).In(kolkata)) // the same instant, written in Kolkata
	fmt.Println(a.Equal(b), a == b)
	_ = b.Pause(at(2, 10, 0))
	fmt.Println(a.Equal(b))
	// Output:
	// true false
	// false
}

func ExampleTimer_MarshalJSON() {
	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))
	_ = timer.Resume(at(9, 9, 0).Add(1500 * time.Millisecond))
	b, err := json.Marshal(timer)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(b))
	// Output:
	// {"state":"running","cycles":[{"spans":[{"start":"2026-03-02T09:00:00-05:00","end":"2026-03-02T10:00:00-05:00"},{"start":"2026-03-09T09:00:01.5-04:00"}]}]}
}

func ExampleTimer_UnmarshalJSON() {
	var timer clock.Timer
	err := json.Unmarshal([]byte(`{"state":"paused","cycles":[{"spans":[
		{"start":"2026-03-02T09:00:00+05:30","end":"2026-03-02T10:00:00+05:30"}]}]}`), &timer)
	fmt.Println(err, timer.State(), timer.Since())

	err = json.Unmarshal([]byte(`{"state":"stopped","cycles":[{"spans":[
		{"start":"2026-03-02T09:00:00Z","end":"2026-03-02T08:00:00Z"}],"stop":"2026-03-02T10:00:00Z"}]}`), &timer)
	fmt.Println(err)
	fmt.Println(timer.State()) // unchanged
	// Output:
	// <nil> paused 2026-03-02 10:00:00 +0530 +0530
	// clock: cycles[0].spans[0].end: "2026-03-02T08:00:00Z": instant earlier than the last recorded one, 2026-03-02T09:00:00Z
	// paused
}

// A refused transition names the operation and the instant it was given.
func ExampleError() {
	var timer clock.Timer
	err := timer.Resume(at(2, 9, 0))
	var e *clock.Error
	if errors.As(err, &e) {
		fmt.Println(e.Path, e.Value)
	}
	fmt.Println(errors.Is(err, clock.ErrState))
	// Output:
	// resume 2026-03-02T09:00:00-05:00
	// true
}

// Decoding names the offending value by its path in the JSON form.
func ExampleError_decoding() {
	var timer clock.Timer
	err := json.Unmarshal([]byte(`{"state":"stopped","cycles":[{"spans":[
		{"start":"2026-03-02T09:00:00-05:00","end":"2026-03-02T10:00:00-05:00"}]}]}`), &timer)
	var e *clock.Error
	if errors.As(err, &e) {
		fmt.Println(e.Path, errors.Is(err, clock.ErrMissing))
	}
	// Output: cycles[0].stop true
}

func ExampleError_Error() {
	var timer clock.Timer
	fmt.Println(timer.Start(time.Time{}))
	fmt.Println(json.Unmarshal([]byte(`{"state":"finished"}`), &timer))
	fmt.Println(json.Unmarshal([]byte(`{"state":"idle","cycle":[]}`), &timer))
	fmt.Println(json.Unmarshal([]byte(`{"state":"running","cycles":[{"spans":[{"start":1}]}]}`), &timer))
	// Output:
	// clock: start: "0001-01-01T00:00:00Z": instant cannot be recorded: zero
	// clock: state: "finished": unknown state: want idle, running, paused or stopped
	// clock: cycle: unknown field
	// clock: cycles[0].spans[0].start: "1": want a string, got a number
}

func ExampleError_Unwrap() {
	var timer clock.Timer
	_ = timer.Start(at(2, 10, 0))
	err := timer.Pause(at(2, 9, 0))
	fmt.Println(errors.Is(err, clock.ErrTimeOrder))
	err = json.Unmarshal([]byte(`{"state":"running","cycles":[{"spans":[{"start":"0001-01-01T00:00:00Z"}]}]}`), &timer)
	fmt.Println(errors.Is(err, clock.ErrInstant))
	// Output:
	// true
	// true
}

// An application reads its clock once and passes the instant down.
func ExampleClock() {
	onCustomerReply := func(c clock.Clock, timer *clock.Timer) error {
		return timer.Resume(c.Now())
	}

	var timer clock.Timer
	_ = timer.Start(at(2, 9, 0))
	_ = timer.Pause(at(2, 10, 0))
	c := clock.NewManual(at(2, 13, 0)) // clock.System{} in production
	fmt.Println(onCustomerReply(c, &timer), timer.Since().Format(layout))
	// Output: <nil> Mon Mar 2 13:00 EST
}

func ExampleSystem() {
	// An application reads the wall clock through System; its tests put a
	// *Manual in the same place.
	for _, c := range []clock.Clock{clock.System{}, clock.NewManual(at(2, 9, 0))} {
		fmt.Printf("%T reads UTC: %v\n", c, c.Now().Location() == time.UTC)
	}
	// Output:
	// clock.System reads UTC: true
	// *clock.Manual reads UTC: false
}

func ExampleSystem_Now() {
	now := clock.System{}.Now()
	fmt.Println(now.Location())
	// Output: UTC
}

// A test drives time by hand; nothing sleeps.
func ExampleManual() {
	cal := officeHoursNY()
	c := clock.NewManual(at(2, 9, 0))
	var timer clock.Timer
	_ = timer.Start(c.Now())
	c.Advance(90 * time.Minute)
	fmt.Println(timer.Elapsed(cal, c.Now()))
	// Output: 1h30m0s
}

func ExampleNewManual() {
	c := clock.NewManual(at(2, 9, 0))
	fmt.Println(c.Now().Format(layout))
	// Output: Mon Mar 2 09:00 EST
}

func ExampleManual_Now() {
	var c clock.Manual // the zero Manual reads the zero Time
	fmt.Println(c.Now().IsZero())
	// Output: true
}

func ExampleManual_Set() {
	c := clock.NewManual(at(2, 9, 0))
	c.Set(at(9, 9, 0))
	fmt.Println(c.Now().Format(layout))
	// Output: Mon Mar 9 09:00 EDT
}

func ExampleManual_Advance() {
	c := clock.NewManual(at(7, 12, 0))
	fmt.Println(c.Advance(48 * time.Hour).Format(layout)) // real hours: 49 on the wall clock
	// Output: Mon Mar 9 13:00 EDT
}
