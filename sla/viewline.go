package sla

import (
	"strconv"
	"time"
)

// The wording of CycleView.Line; the rules are in State.View's doc.

// line returns the view's line at the instant viewed.
func (r *reading) line() string {
	v := &r.view
	var buf [64]byte // enough for every line
	b := buf[:0]
	switch v.Verdict {
	case VerdictNotMeasured:
		if v.Priority == "" {
			return "not measured: no priority"
		}
		return "not measured: no target at priority " + v.Priority
	case VerdictOnTrack, VerdictAtRisk:
		if r.next.IsZero() {
			return "no deadline"
		}
		b = r.toCome(append(b, "breaches"...), r.next)
	case VerdictPaused:
		return string(r.instant(append(b, "paused since "...), v.PausedSince))
	case VerdictGoalMissed:
		b = r.ago(append(b, "goal missed"...), v.GoalBreached)
		if !r.next.IsZero() {
			b = r.toCome(append(b, ", promise breaks"...), r.next)
		}
		b = r.since(b)
	case VerdictPromiseBroken:
		if r.c.isOpen() || r.cal == nil {
			b = r.since(r.ago(append(b, "promise broken"...), v.PromiseBreached))
			break
		}
		b = append(b, v.Stage.String()...)
		b = append(appendAmount(append(b, ' '), v.Used-r.prom), " over the promise"...)
	case VerdictMetInTime:
		switch spare := v.Left; {
		case r.goal <= 0:
			return "met"
		case spare == 0:
			return "met with no time to spare"
		default:
			b = append(appendAmount(append(b, "met with "...), spare), " to spare"...)
		}
	case VerdictMetLate:
		if r.cal == nil {
			return string(r.ago(append(b, "met late, goal missed"...), v.GoalBreached))
		}
		b = append(appendAmount(append(b, "met "...), v.Used-r.goal), " over the goal"...)
	default:
		return v.Verdict.String() // not started, cancelled
	}
	return string(b)
}

// toCome appends when t, an instant after the one viewed, comes: " in 1h
// 20m", " now" or, 24 hours or more ahead, " Thu 09:15 EDT".
func (r *reading) toCome(b []byte, t time.Time) []byte {
	switch d := wholeSeconds(t, r.at); {
	case d < time.Second:
		return append(b, " now"...)
	case d < 24*time.Hour:
		return appendAmount(append(b, " in "...), d)
	}
	return r.instant(append(b, ' '), t)
}

// ago appends how long before the instant viewed t was: " 25 min ago",
// " just now" or, 24 hours or more before, " Mon 10:00 EST".
func (r *reading) ago(b []byte, t time.Time) []byte {
	switch d := wholeSeconds(r.at, t); {
	case d < time.Second:
		return append(b, " just now"...)
	case d < 24*time.Hour:
		return append(appendAmount(append(b, ' '), d), " ago"...)
	}
	return r.instant(append(b, ' '), t)
}

// wholeSeconds returns t - u, each cut down to its second: a breach
// stamped a nanosecond after 11:00 reads as 11:00, as the instants of a
// line do.
func wholeSeconds(t, u time.Time) time.Duration {
	return t.Truncate(time.Second).Sub(u.Truncate(time.Second))
}

// since appends, while the cycle is paused, when it paused.
func (r *reading) since(b []byte) []byte {
	if r.view.PausedSince.IsZero() {
		return b
	}
	return r.instant(append(b, ", paused since "...), r.view.PausedSince)
}

// instant appends t in the calendar's zone: "Tue 14:05 EST" within six
// days of the instant viewed, else "Mar 20 14:05 EST", with the year when
// it is not the year viewed ("Mar 20 2025 14:05 EST").
func (r *reading) instant(b []byte, t time.Time) []byte {
	t, at := t.In(r.zone), r.at.In(r.zone)
	switch days := civilDays(t) - civilDays(at); {
	case days >= -6 && days <= 6:
		return t.AppendFormat(b, "Mon 15:04 MST")
	case t.Year() == at.Year():
		return t.AppendFormat(b, "Jan 2 15:04 MST")
	}
	return t.AppendFormat(b, "Jan 2 2006 15:04 MST")
}

// civilDays returns the number of t's date on its clock, counted in days.
func civilDays(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// appendAmount appends d > 0, cut down: "1h 20m", "2h", "25 min", "40s",
// "under 1s".
func appendAmount(b []byte, d time.Duration) []byte {
	switch {
	case d < time.Second:
		return append(b, "under 1s"...)
	case d < time.Minute:
		return append(strconv.AppendInt(b, int64(d/time.Second), 10), 's')
	case d < time.Hour:
		return append(strconv.AppendInt(b, int64(d/time.Minute), 10), " min"...)
	}
	b = append(strconv.AppendInt(b, int64(d/time.Hour), 10), 'h')
	if m := d % time.Hour / time.Minute; m > 0 {
		b = append(strconv.AppendInt(append(b, ' '), int64(m), 10), 'm')
	}
	return b
}
