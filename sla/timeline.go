package sla

import (
	"slices"
	"strconv"
	"time"

	"github.com/slaclock/slaclock/policy"
)

// SegmentKind is what a cycle's clock was doing during a [Segment]. The
// zero value is not a kind.
type SegmentKind uint8

// The kinds of segments.
const (
	SegmentCounted      SegmentKind = iota + 1 // running, the calendar open: business time counted
	SegmentOutsideHours                        // running, the calendar closed: nothing counted
	SegmentPaused                              // paused: nothing counted
	SegmentNotMeasured                         // running without a target, so without a calendar: nothing measured
)

var segmentNames = [...]string{SegmentCounted: "counted", SegmentOutsideHours: "outside_hours",
	SegmentPaused: "paused", SegmentNotMeasured: "not_measured"}

func (k SegmentKind) valid() bool { return k >= SegmentCounted && k <= SegmentNotMeasured }

// String returns "counted", "outside_hours", "paused" or "not_measured".
func (k SegmentKind) String() string {
	if k.valid() {
		return segmentNames[k]
	}
	return "SegmentKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText returns the String form of k; an unknown kind is an error.
func (k SegmentKind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, &Error{Path: "segment", Value: k.String(), Err: ErrBadState}
	}
	return []byte(segmentNames[k]), nil
}

// Segment is a stretch [Start, End) of a cycle's life during which its
// clock did one thing, with instants in the zone of the cycle's calendar
// (UTC without a target). Its JSON form is
//
//	{"kind": "counted", "start": "2026-03-10T09:05:00-04:00", "end": "2026-03-10T17:00:00-04:00"}
type Segment struct {
	Kind  SegmentKind `json:"kind"`
	Start time.Time   `json:"start"`
	End   time.Time   `json:"end"`
}

// Lane is one cycle's life, to draw as a bar on a time axis: the cycle as
// [State.View] reads it (its verdict, line, due and breach instants are
// the marks to draw) and the segments that tile it. Its JSON form is
// {"cycle": CycleView, "segments": [Segment...]}.
type Lane struct {
	Cycle CycleView `json:"cycle"`
	// Segments tile the cycle from its start to its end, or, for a cycle
	// still open, to the instant asked about: in time order, each
	// non-empty, each starting where the one before ended, no two in a
	// row of one kind. The Counted ones add up to Cycle.Used. A cycle
	// that ended the instant it started has none.
	Segments []Segment `json:"segments"`
}

// Timeline returns the life of every cycle of the ticket at the instant
// at, one Lane per cycle, in the order State.Cycles lists them: when its
// clock counted business time, when it ran outside business hours, and
// when it was paused. It reads an instant earlier than the last event as
// the last event's, as State.Status does, and draws open cycles up to it.
// Segments are measured in the calendar of the cycle's target at its
// priority, the one its business time is counted in; a cycle without a
// target has no calendar, and its running segments are SegmentNotMeasured.
// It needs set for the targets and calendars; an agreement missing from
// set is an error wrapping ErrUnknownPolicy.
//
// Its cost is linear in the cycles' spans and in the calendar's open
// intervals that fall within them: a cycle that ran for a month in
// business hours has about forty segments, each found once. All lanes
// share one slice of segments, which grows by doubling, so allocations
// come a few per cycle (its line, its target read from the policy), not
// per segment. On a 50-event ticket with 17 cycles it costs about twice
// what Cycles does.
func (s State) Timeline(set *policy.Set, at time.Time) ([]Lane, error) {
	at = latest(at.Round(0).UTC(), s.last)
	n := 0
	for i := range s.agreements {
		for k := range s.agreements[i].metrics {
			m := &s.agreements[i].metrics[k]
			n += m.closed.Len()
			if m.open != nil {
				n++
			}
		}
	}
	lanes := make([]Lane, 0, n)
	bounds := make([]int, 0, n+1)
	var b segmenter
	err := s.eachMetric(set, func(a *agreement, p *policy.Policy, m *metric) {
		m.cycles(func(c *cycle) {
			r := read(a.Agreement, p, m.name, c, at)
			bounds = append(bounds, len(b.segs))
			b.cycle(&r)
			lanes = append(lanes, Lane{Cycle: r.view})
		})
	})
	if err != nil {
		return nil, err
	}
	bounds = append(bounds, len(b.segs))
	for i := range lanes {
		lanes[i].Segments = b.segs[bounds[i]:bounds[i+1]:bounds[i+1]]
	}
	// In the order Cycles lists them.
	slices.SortStableFunc(lanes, func(x, y Lane) int { return x.Cycle.Start.Compare(y.Cycle.Start) })
	return lanes, nil
}

// segmenter gathers the segments of all the lanes of a timeline.
type segmenter struct {
	segs []Segment
	lo   int // where the current lane's segments begin
	r    *reading
}

// cycle appends the segments of the cycle r reads.
func (b *segmenter) cycle(r *reading) {
	b.lo, b.r = len(b.segs), r
	c := r.c
	end := c.end()
	if end.IsZero() {
		end = r.at
	}
	prev := c.start
	for sp := range c.timer.AllSpans() {
		b.add(SegmentPaused, prev, sp.Start)
		e := sp.End
		if e.IsZero() || e.After(end) {
			e = end
		}
		b.running(sp.Start, e)
		prev = latest(prev, e)
	}
	b.add(SegmentPaused, prev, end)
}

// running appends [from, to), during which the clock ran: counted while
// the calendar was open, outside hours while it was closed.
func (b *segmenter) running(from, to time.Time) {
	cal := b.r.cal
	if cal == nil {
		b.add(SegmentNotMeasured, from, to)
		return
	}
	prev := from
	for open, close := range cal.Intervals(from, to) {
		b.add(SegmentOutsideHours, prev, open)
		b.add(SegmentCounted, open, close)
		prev = close
	}
	b.add(SegmentOutsideHours, prev, to)
}

// add appends [from, to) of kind, if it is not empty, joined to the
// lane's last segment when that is of the same kind.
func (b *segmenter) add(kind SegmentKind, from, to time.Time) {
	if !to.After(from) {
		return
	}
	if n := len(b.segs); n > b.lo && b.segs[n-1].Kind == kind {
		b.segs[n-1].End = to.In(b.r.zone)
		return
	}
	b.segs = append(b.segs, Segment{Kind: kind, Start: from.In(b.r.zone), End: to.In(b.r.zone)})
}
