package ical

import (
	"slices"
	"strconv"
	"strings"
)

// field is a property of a VEVENT, kept until its END.
type field struct {
	line  int
	name  string
	value string
	vtype string
	rng   string
}

func (f *field) path() string { return lineAt(f.line) + ": " + f.name }

func (f *field) err(err error) error { return &Error{Path: f.path(), Value: f.value, Err: err} }

// rawEvent is a VEVENT's properties that decide its dates.
type rawEvent struct {
	begin int
	one   [numKinds]field // by kind, for properties that may occur once; line 0 when absent
	many  [numKinds][]field
}

// get returns the property of a kind that occurs once, nil when absent.
func (ev *rawEvent) get(k propKind) *field {
	if ev.one[k].line == 0 {
		return nil
	}
	return &ev.one[k]
}

// reset empties ev for the VEVENT that begins on line begin, keeping its
// slices' room.
func (ev *rawEvent) reset(begin int) {
	ev.begin = begin
	ev.one = [numKinds]field{}
	for k := range ev.many {
		ev.many[k] = ev.many[k][:0]
	}
}

func (ev *rawEvent) add(pr *prop) error {
	switch pr.kind {
	case propRRule, propRDate, propExDate, propExRule:
		ev.many[pr.kind] = append(ev.many[pr.kind], pr.field())
	case propDTStart, propDTEnd, propDuration, propRecurrenceID, propStatus, propUID, propAllDay:
		f := pr.field()
		if ev.one[pr.kind].line != 0 {
			return f.err(detail(ErrSyntax, f.name+" set twice in the VEVENT of line "+strconv.Itoa(ev.begin)))
		}
		ev.one[pr.kind] = f
	}
	return nil
}

// event is an all-day event to expand: the dates its instances start on
// (start, its rules and RDATEs, less its EXDATEs), each lasting length days.
type event struct {
	uid      string
	override bool // a RECURRENCE-ID override, whose own instance stands
	start    day
	length   int
	rules    []*rule
	rdates   []day
	exdates  []day
}

// endEvent decides, at END:VEVENT, what the event adds: its dates if it is
// an all-day event that is not cancelled, and, if it overrides an instance
// of a recurring event, the removal of that instance.
func (p *parser) endEvent(ev *rawEvent) error {
	start := ev.get(propDTStart)
	if start == nil {
		return &Error{Path: lineAt(ev.begin) + ": VEVENT", Err: detail(ErrSyntax, "no DTSTART")}
	}
	s, err := parseStamp(start.value, start.vtype)
	if err != nil {
		return start.err(err)
	}
	allDay, err := ev.allDay(s)
	if err != nil {
		return err
	}
	e := event{start: s.d}
	if f := ev.get(propUID); f != nil {
		e.uid = f.value
	}
	if err := p.override(ev, &e); err != nil {
		return err
	}
	if f := ev.get(propStatus); !allDay || f != nil && strings.EqualFold(f.value, "CANCELLED") {
		return nil
	}
	if e.length, err = ev.length(s.d); err != nil {
		return err
	}
	if err := ev.recurrence(&e); err != nil {
		return err
	}
	if len(p.events) >= MaxEvents {
		return &Error{Path: lineAt(ev.begin) + ": VEVENT", Err: detail(ErrTooLarge, "more than "+strconv.Itoa(MaxEvents)+" all-day events")}
	}
	p.events = append(p.events, e)
	return nil
}

// allDay reports whether the event lasts whole days: its DTSTART is a DATE,
// or Outlook marks it X-MICROSOFT-CDO-ALLDAYEVENT:TRUE and it starts at
// midnight.
func (ev *rawEvent) allDay(s stamp) (bool, error) {
	flag := false
	if f := ev.get(propAllDay); f != nil {
		switch strings.ToUpper(f.value) {
		case "TRUE":
			flag = true
		case "FALSE":
		default:
			return false, f.err(detail(ErrSyntax, "want TRUE or FALSE"))
		}
	}
	switch {
	case !s.time:
		return true, nil
	case !flag:
		return false, nil
	case !s.midnight:
		f := ev.get(propDTStart)
		return false, f.err(detail(ErrUnsupported, "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE on a start that is not midnight"))
	}
	return true, nil
}

// override reads RECURRENCE-ID: the instance it names is taken out of the
// recurring event with the same UID, whatever the override says itself.
func (p *parser) override(ev *rawEvent, e *event) error {
	f := ev.get(propRecurrenceID)
	if f == nil {
		return nil
	}
	s, err := parseStamp(f.value, f.vtype)
	if err != nil {
		return f.err(err)
	}
	e.override = true
	if e.uid == "" || s.time && !s.midnight {
		return nil // it cannot name an all-day instance
	}
	switch f.rng {
	case "":
	case "THISANDFUTURE":
		return f.err(detail(ErrUnsupported, "RANGE=THISANDFUTURE"))
	default:
		return f.err(detail(ErrSyntax, "RANGE="+f.rng+"; want RANGE=THISANDFUTURE"))
	}
	if p.overrides == nil {
		p.overrides = map[string][]day{}
	}
	p.overrides[e.uid] = append(p.overrides[e.uid], s.d)
	return nil
}

// length returns how many days an event starting on start lasts: to its
// DTEND (exclusive), for its DURATION, or one day; a DTEND on the start
// date or a zero DURATION also means one day.
func (ev *rawEvent) length(start day) (int, error) {
	end, dur := ev.get(propDTEnd), ev.get(propDuration)
	switch {
	case end != nil && dur != nil:
		return 0, dur.err(detail(ErrSyntax, "DTEND and DURATION both set"))
	case end != nil:
		d, err := parseAllDay(end.value, end.vtype)
		if err != nil {
			return 0, end.err(err)
		}
		if d < start {
			return 0, end.err(detail(ErrSyntax, "DTEND before DTSTART"))
		}
		return max(int(d-start), 1), nil
	case dur != nil:
		n, err := parseDays(dur.value)
		if err != nil {
			return 0, dur.err(err)
		}
		return max(n, 1), nil
	}
	return 1, nil
}

// recurrence reads the event's RRULEs, RDATEs and EXDATEs.
func (ev *rawEvent) recurrence(e *event) error {
	if fs := ev.many[propExRule]; len(fs) > 0 {
		return fs[0].err(detail(ErrUnsupported, "EXRULE (RFC 5545 dropped it); use EXDATE"))
	}
	for _, f := range ev.many[propRRule] {
		if e.override {
			return f.err(detail(ErrUnsupported, "an RRULE on a RECURRENCE-ID override"))
		}
		r, err := parseRule(f.value, e.start)
		if err != nil {
			err.(*Error).Path = f.path()
			return err
		}
		r.line = f.line
		e.rules = append(e.rules, r)
	}
	var err error
	if e.rdates, err = dateList(ev.many[propRDate], true); err != nil {
		return err
	}
	e.exdates, err = dateList(ev.many[propExDate], false)
	return err
}

// dateList reads the dates of RDATE or EXDATE properties.
func dateList(fs []field, rdate bool) ([]day, error) {
	var out []day
	for _, f := range fs {
		if rdate && f.vtype == "PERIOD" {
			return nil, f.err(detail(ErrUnsupported, "RDATE;VALUE=PERIOD"))
		}
		for _, v := range strings.Split(f.value, ",") {
			d, err := parseAllDay(v, f.vtype)
			if err != nil {
				return nil, &Error{Path: f.path(), Value: v, Err: err}
			}
			out = append(out, d)
		}
	}
	return out, nil
}

// dates expands the events into the set of dates they cover.
func (p *parser) dates() ([]string, error) {
	for _, ds := range p.overrides {
		slices.Sort(ds)
	}
	set := newDateSet()
	steps := 0
	var starts []day
	for i := range p.events {
		e := &p.events[i]
		starts = append(starts[:0], e.start)
		for _, r := range e.rules {
			ok := r.each(e.start, &steps, func(d day) {
				if d+day(e.length) > firstDay {
					starts = append(starts, d)
				}
			})
			if !ok {
				return nil, &Error{Path: lineAt(r.line) + ": RRULE",
					Err: detail(ErrTooLarge, "the file's rules take more than "+strconv.Itoa(MaxSteps)+" steps to expand")}
			}
		}
		starts = append(starts, e.rdates...)
		slices.Sort(starts)
		starts = slices.Compact(starts)
		slices.Sort(e.exdates)
		var moved []day // instances that overrides replace
		if !e.override {
			moved = p.overrides[e.uid]
		}
		marked := starts[0] // starts are sorted and last alike: mark each date once
		for _, s := range starts {
			if has(e.exdates, s) || has(moved, s) {
				continue
			}
			if a, b := max(s, marked), s+day(e.length); a < b {
				set.add(a, b)
				marked = b
			}
		}
	}
	return set.strings(), nil
}

func has(sorted []day, d day) bool {
	_, found := slices.BinarySearch(sorted, d)
	return found
}
