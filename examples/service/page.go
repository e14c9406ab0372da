package main

import (
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/slaclock/slaclock/sla"
)

//go:embed page.html
var pageHTML string

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))

// pageSize is how many tickets the page shows at a time.
const pageSize = 50

// The page's data: what the template shows, worked out here so that the
// template only prints.
type pageData struct {
	At                 string
	Tickets            []pageTicket
	Offset, Prev, Next int // Prev, Next: -1 for none
}

type pageTicket struct {
	ID, Priority, Category string
	Problem                string // why the ticket cannot be shown
	Agreements             []string
	Badges                 []badge
	Timeline               timeline
}

// A badge is one metric's verdict and line, as the SLA view says them.
type badge struct {
	Agreement, Metric, Verdict, Code, Line string
}

// page draws the tickets, those that breach first first, with their SLA
// badges and each one's timeline as SVG, all server-side.
func (s *server) page(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.FormValue("offset"))
	offset = max(offset, 0)
	tickets, err := s.store.Page(r.Context(), offset, pageSize+1)
	if err != nil {
		s.fail(w, err)
		return
	}
	at := s.clock.Now()
	data := pageData{At: at.Format("Mon Jan 2 2006 15:04 MST"), Offset: offset, Prev: -1, Next: -1}
	if offset > 0 {
		data.Prev = max(offset-pageSize, 0)
	}
	if len(tickets) > pageSize {
		tickets, data.Next = tickets[:pageSize], offset+pageSize
	}
	for _, t := range tickets {
		pt, err := s.pageTicket(t, at)
		if err != nil {
			s.fail(w, err)
			return
		}
		data.Tickets = append(data.Tickets, pt)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageTemplate.Execute(w, data); err != nil {
		s.log.Printf("page: %v", err)
	}
}

// pageTicket works out what the page shows of a ticket. A ticket whose
// state cannot be read is shown with the problem, and logged.
func (s *server) pageTicket(t Ticket, at time.Time) (pageTicket, error) {
	if t.Err != nil {
		s.log.Printf("page: %v", t.Err)
		return pageTicket{ID: t.ID, Problem: "its stored state cannot be read: see the service's log"}, nil
	}
	view, err := t.State.View(s.store.set, at)
	if err != nil {
		return pageTicket{}, fmt.Errorf("ticket %s: %w", t.ID, err)
	}
	lanes, err := t.State.Timeline(s.store.set, at)
	if err != nil {
		return pageTicket{}, fmt.Errorf("ticket %s: %w", t.ID, err)
	}
	pt := pageTicket{ID: t.ID, Priority: t.State.Priority(), Category: t.State.Category().String(),
		Timeline: draw(lanes, t.State.Created(), view.At)}
	if pt.Priority == "" {
		pt.Priority = "no priority"
	}
	for _, a := range t.State.Agreements() {
		pt.Agreements = append(pt.Agreements, fmt.Sprintf("%s (%s)", a.Name, a.Kind))
	}
	for _, m := range view.Metrics {
		code, _ := m.Verdict.MarshalText()
		pt.Badges = append(pt.Badges, badge{Agreement: m.Agreement.Name, Metric: metricName(m.Metric),
			Verdict: m.Verdict.String(), Code: string(code), Line: m.Line})
	}
	return pt, nil
}

func metricName(m string) string { return strings.ReplaceAll(m, "_", " ") }

// A timeline is an SVG drawing: one lane per cycle, a bar of its segments
// on a time axis from the ticket's creation to the instant viewed, or to
// the next due instant of an open cycle if that comes later, so that the
// next deadline is on it; with marks at the due and breach instants that
// fall on the axis (the badges say the others).
type timeline struct {
	Width, Height, BarX, NowX float64
	Lanes                     []lane
	From, To                  string // the axis's ends, in UTC
}

type lane struct {
	Label, Verdict string
	Y              float64
	Segments       []rect
	Marks          []mark
}

type rect struct {
	X, W  float64
	Class string // segment kind: counted, outside_hours, paused, not_measured
	Title string
}

type mark struct {
	X            float64
	Class, Title string // goal_due, promise_due, goal_breached, promise_breached
}

// The drawing's measures, in SVG units (pixels at 100%).
const (
	labelWidth = 260.0
	barWidth   = 560.0
	laneHeight = 22.0
	axisHeight = 18.0
)

// draw lays the lanes out on one axis.
func draw(lanes []sla.Lane, from, at time.Time) timeline {
	to := axisEnd(lanes, at)
	span := max(to.Sub(from), time.Minute)
	x := func(t time.Time) float64 {
		return labelWidth + barWidth*float64(t.Sub(from))/float64(span)
	}
	tl := timeline{Width: labelWidth + barWidth + 10, BarX: labelWidth, NowX: x(at),
		From: from.UTC().Format("Jan 2 15:04 MST"), To: to.UTC().Format("Jan 2 15:04 MST")}
	for i, l := range lanes {
		c := l.Cycle
		ln := lane{Y: float64(i) * laneHeight, Verdict: c.Verdict.String(),
			Label: fmt.Sprintf("%s · %s #%d", c.Agreement.Name, metricName(c.Metric), c.Number)}
		for _, seg := range l.Segments {
			ln.Segments = append(ln.Segments, rect{X: x(seg.Start), W: max(x(seg.End)-x(seg.Start), 0.5),
				Class: seg.Kind.String(), Title: fmt.Sprintf("%s %s to %s", strings.ReplaceAll(seg.Kind.String(), "_", " "),
					seg.Start.Format("Mon 15:04"), seg.End.Format("Mon 15:04 MST"))})
		}
		ln.Marks = marks(c, from, to, x)
		tl.Lanes = append(tl.Lanes, ln)
	}
	tl.Height = float64(len(lanes))*laneHeight + axisHeight
	return tl
}

// axisEnd is at, or the first due instant of an open cycle after it.
func axisEnd(lanes []sla.Lane, at time.Time) time.Time {
	var next time.Time
	for _, l := range lanes {
		if !l.Cycle.End.IsZero() {
			continue
		}
		for _, due := range []time.Time{l.Cycle.GoalDue, l.Cycle.PromiseDue} {
			if due.After(at) && (next.IsZero() || due.Before(next)) {
				next = due
			}
		}
	}
	if next.IsZero() {
		return at
	}
	return next
}

// marks are a cycle's due and breach instants that fall within [from, to].
func marks(c sla.CycleView, from, to time.Time, x func(time.Time) float64) []mark {
	var ms []mark
	for _, m := range []struct {
		at    time.Time
		class string
	}{
		{c.GoalDue, "goal_due"}, {c.PromiseDue, "promise_due"},
		{c.GoalBreached, "goal_breached"}, {c.PromiseBreached, "promise_breached"},
	} {
		if !m.at.IsZero() && !m.at.Before(from) && !m.at.After(to) {
			ms = append(ms, mark{X: x(m.at), Class: m.class,
				Title: strings.ReplaceAll(m.class, "_", " ") + " " + m.at.Format("Mon Jan 2 15:04 MST")})
		}
	}
	return ms
}
