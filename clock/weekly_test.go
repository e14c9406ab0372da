package clock_test

import (
	"time"
)

// weekly is a slow, obviously right business calendar for the tests: open
// Monday to Friday from open to close o'clock, wall time in loc, computed
// day by day with time.Date. It implements clock.Calendar for d >= 0 only
// (clock never asks for less) and is independent of package calendar.
type weekly struct {
	loc         *time.Location
	open, close int // hours of the day, 0 <= open < close <= 24
}

// day returns the open interval of the date of t in w.loc, if any.
func (w weekly) day(y int, m time.Month, d int) (from, to time.Time, ok bool) {
	date := time.Date(y, m, d, 12, 0, 0, 0, w.loc)
	if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return time.Time{}, time.Time{}, false
	}
	return time.Date(y, m, d, w.open, 0, 0, 0, w.loc), time.Date(y, m, d, w.close, 0, 0, 0, w.loc), true
}

func (w weekly) Between(a, b time.Time) time.Duration {
	if b.Before(a) {
		return -w.Between(b, a)
	}
	var sum time.Duration
	y, m, d := a.In(w.loc).Date()
	for day := time.Date(y, m, d, 12, 0, 0, 0, w.loc); ; day = day.AddDate(0, 0, 1) {
		from, to, ok := w.day(day.Date())
		if !from.IsZero() && !from.Before(b) {
			return sum
		}
		if !ok {
			if day.After(b) {
				return sum
			}
			continue
		}
		if from.Before(a) {
			from = a
		}
		if to.After(b) {
			to = b
		}
		if from.Before(to) {
			sum += to.Sub(from)
		}
	}
}

func (w weekly) Add(t time.Time, d time.Duration) time.Time {
	if d == 0 {
		return t
	}
	if d < 0 {
		return time.Time{} // not needed by package clock
	}
	y, m, dd := t.In(w.loc).Date()
	for day := time.Date(y, m, dd, 12, 0, 0, 0, w.loc); ; day = day.AddDate(0, 0, 1) {
		from, to, ok := w.day(day.Date())
		if !ok {
			continue
		}
		if from.Before(t) {
			from = t
		}
		if !from.Before(to) {
			continue
		}
		if avail := to.Sub(from); avail < d {
			d -= avail
			continue
		}
		return from.Add(d).In(t.Location())
	}
}

// always is a 24x7 calendar: business time is real time.
type always struct{}

func (always) Between(a, b time.Time) time.Duration       { return b.Sub(a) }
func (always) Add(t time.Time, d time.Duration) time.Time { return t.Add(d) }

// never is a calendar that is never open: Add has no answer.
type never struct{}

func (never) Between(a, b time.Time) time.Duration { return 0 }
func (never) Add(t time.Time, d time.Duration) time.Time {
	if d == 0 {
		return t
	}
	return time.Time{}
}
