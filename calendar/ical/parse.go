package ical

import (
	"io"
	"strconv"
)

// parser reads a file's components and keeps what its all-day events say;
// dates expands them once the whole file is read, because a RECURRENCE-ID
// override may come before or after the event it changes.
type parser struct {
	stack     []frame   // the components open, outermost first
	ev        *rawEvent // the VEVENT being read, if directly in a VCALENDAR
	raw       rawEvent  // what ev points to
	calendars int       // VCALENDARs read to their END
	events    []event
	overrides map[string][]day // UID to the instances its overrides replace
}

type frame struct {
	name string
	line int
}

func (p *parser) read(r io.Reader) error {
	lx := newLexer(r)
	for {
		ok, err := lx.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		pr, err := parseProp(lx.buf, lx.at)
		if err != nil {
			return err
		}
		if err := p.property(&pr); err != nil {
			return err
		}
	}
	if n := len(p.stack); n > 0 {
		f := p.stack[n-1]
		return &Error{Path: lineAt(f.line) + ": BEGIN", Value: f.name, Err: detail(ErrSyntax, "no END:"+f.name)}
	}
	if p.calendars == 0 {
		return &Error{Err: detail(ErrSyntax, "no BEGIN:VCALENDAR")}
	}
	return nil
}

func (p *parser) property(pr *prop) error {
	switch {
	case pr.kind == propBegin:
		return p.begin(pr)
	case pr.kind == propEnd:
		return p.end(pr)
	case len(p.stack) == 0:
		return &Error{Path: pr.path(), Err: detail(ErrSyntax, "outside BEGIN:VCALENDAR and END:VCALENDAR")}
	case p.ev != nil && len(p.stack) == 2:
		return p.ev.add(pr)
	}
	return nil
}

// componentName reads the value of BEGIN or END: a name of letters, digits
// and '-', upper-cased.
func componentName(pr *prop) (string, error) {
	if len(pr.value) == 0 || nameEnd(pr.value, 0) != len(pr.value) {
		return "", &Error{Path: pr.path(), Value: string(pr.value), Err: detail(ErrSyntax, "want a component name such as VEVENT")}
	}
	return intern(upper(pr.value)), nil
}

func (p *parser) begin(pr *prop) error {
	name, err := componentName(pr)
	switch {
	case err != nil:
		return err
	case len(p.stack) == 0 && name != "VCALENDAR":
		return &Error{Path: pr.path(), Value: name, Err: detail(ErrSyntax, "want BEGIN:VCALENDAR first")}
	case len(p.stack) > 0 && name == "VCALENDAR":
		return &Error{Path: pr.path(), Value: name, Err: detail(ErrSyntax, "a VCALENDAR inside "+p.stack[len(p.stack)-1].name)}
	case len(p.stack) >= MaxDepth:
		return &Error{Path: pr.path(), Value: name, Err: detail(ErrTooLarge, "components nested more than "+strconv.Itoa(MaxDepth)+" deep")}
	}
	p.stack = append(p.stack, frame{name, pr.line})
	if name == "VEVENT" && len(p.stack) == 2 {
		p.raw.reset(pr.line)
		p.ev = &p.raw
	}
	return nil
}

func (p *parser) end(pr *prop) error {
	name, err := componentName(pr)
	if err != nil {
		return err
	}
	n := len(p.stack)
	if n == 0 {
		return &Error{Path: pr.path(), Value: name, Err: detail(ErrSyntax, "no BEGIN:"+name+" before it")}
	}
	if top := p.stack[n-1]; top.name != name {
		return &Error{Path: pr.path(), Value: name, Err: detail(ErrSyntax, "BEGIN:"+top.name+" on line "+strconv.Itoa(top.line)+" is still open")}
	}
	p.stack = p.stack[:n-1]
	switch {
	case name == "VCALENDAR":
		p.calendars++
	case name == "VEVENT" && p.ev != nil && n == 2:
		ev := p.ev
		p.ev = nil
		return p.endEvent(ev)
	}
	return nil
}
