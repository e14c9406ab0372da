package ical

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
)

// lexer reads content lines (RFC 5545 section 3.1): it joins folded lines
// (a line end followed by a space or tab), takes CRLF or LF line ends, skips
// empty lines and a leading byte order mark, and counts physical lines for
// error messages. It holds one content line, of at most MaxLine bytes.
type lexer struct {
	br  *bufio.Reader
	n   int    // physical lines read
	at  int    // the physical line the current content line starts on
	buf []byte // the current content line, unfolded
}

func newLexer(r io.Reader) *lexer {
	return &lexer{br: bufio.NewReaderSize(r, 16<<10)}
}

func lineAt(n int) string { return "line " + strconv.Itoa(n) }

// next reads the next content line into lx.buf; false at the end of input.
func (lx *lexer) next() (bool, error) {
	for {
		lx.buf = lx.buf[:0]
		lx.at = lx.n + 1
		if ok, err := lx.physical(); !ok || err != nil {
			return false, err
		}
		for {
			c, err := lx.br.Peek(1)
			if err != nil && err != io.EOF {
				return false, &Error{Path: lineAt(lx.n + 1), Err: err}
			}
			if len(c) == 0 || c[0] != ' ' && c[0] != '\t' {
				break
			}
			_, _ = lx.br.Discard(1)
			if _, err := lx.physical(); err != nil {
				return false, err
			}
		}
		if lx.at == 1 {
			lx.buf = bytes.TrimPrefix(lx.buf, []byte("\xef\xbb\xbf"))
		}
		if len(lx.buf) > 0 {
			return true, nil
		}
	}
}

// physical appends the next physical line, without its line end, to lx.buf;
// false at the end of input.
func (lx *lexer) physical() (bool, error) {
	start := len(lx.buf)
	for {
		chunk, err := lx.br.ReadSlice('\n')
		lx.buf = append(lx.buf, chunk...)
		if len(lx.buf) > MaxLine+2 {
			return false, &Error{Path: lineAt(lx.at), Err: detail(ErrTooLarge, "a line longer than "+strconv.Itoa(MaxLine)+" bytes")}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(lx.buf) == start {
			return false, nil
		}
		if err != nil && err != io.EOF {
			return false, &Error{Path: lineAt(lx.n + 1), Err: err}
		}
		break
	}
	lx.n++
	lx.buf = bytes.TrimSuffix(lx.buf, []byte("\n"))
	lx.buf = bytes.TrimSuffix(lx.buf, []byte("\r"))
	if len(lx.buf) > MaxLine {
		return false, &Error{Path: lineAt(lx.at), Err: detail(ErrTooLarge, "a line longer than "+strconv.Itoa(MaxLine)+" bytes")}
	}
	return true, nil
}

// propKind names the properties the reader acts on.
type propKind int

const (
	propOther propKind = iota
	propBegin
	propEnd
	propDTStart
	propDTEnd
	propDuration
	propRRule
	propRDate
	propExDate
	propExRule
	propRecurrenceID
	propStatus
	propUID
	propAllDay
	numKinds
)

// kindNames spells the kinds the reader acts on.
var kindNames = [numKinds]string{
	propBegin: "BEGIN", propEnd: "END",
	propDTStart: "DTSTART", propDTEnd: "DTEND", propDuration: "DURATION", propRRule: "RRULE", propRDate: "RDATE",
	propExDate: "EXDATE", propExRule: "EXRULE", propRecurrenceID: "RECURRENCE-ID", propStatus: "STATUS", propUID: "UID",
	propAllDay: "X-MICROSOFT-CDO-ALLDAYEVENT",
}

func kindOf(name []byte) propKind {
	for k := propBegin; k < numKinds; k++ {
		if kindNames[k] == string(name) {
			return k
		}
	}
	return propOther
}

// prop is a content line split into its parts. Name and value point into
// the lexer's buffer and are valid until the next line is read.
type prop struct {
	line  int
	kind  propKind
	name  []byte // upper case
	value []byte
	vtype string // the VALUE parameter, upper case
	rng   string // the RANGE parameter, upper case
}

// path names the property's line in errors: "line 42: DTSTART".
func (p *prop) path() string { return lineAt(p.line) + ": " + string(p.name) }

// field copies a property the reader keeps out of the lexer's buffer.
func (p *prop) field() field {
	return field{line: p.line, name: kindNames[p.kind], value: string(p.value), vtype: p.vtype, rng: p.rng}
}

// parseProp splits a content line, name *(";" param) ":" value, checking the
// grammar of names and parameters (quoted values may hold ";", ":" and ",").
// It upper-cases the name in place.
func parseProp(line []byte, n int) (prop, error) {
	p := prop{line: n}
	i := nameEnd(line, 0)
	if i == 0 {
		return p, &Error{Path: lineAt(n), Value: string(line), Err: detail(ErrSyntax, "want NAME:VALUE")}
	}
	p.name = upper(line[:i])
	p.kind = kindOf(p.name)
	for i < len(line) && line[i] == ';' {
		var err error
		if i, err = p.param(line, i+1); err != nil {
			return p, &Error{Path: p.path(), Value: string(line), Err: err}
		}
	}
	if i >= len(line) || line[i] != ':' {
		return p, &Error{Path: p.path(), Value: string(line), Err: detail(ErrSyntax, "want NAME;PARAM=VALUE:VALUE")}
	}
	p.value = line[i+1:]
	return p, nil
}

// param reads one NAME=VALUE[,VALUE...] from line[i:] and returns where it
// ends. It keeps the VALUE and RANGE parameters.
func (p *prop) param(line []byte, i int) (int, error) {
	j := nameEnd(line, i)
	if j == i || j >= len(line) || line[j] != '=' {
		return 0, detail(ErrSyntax, "a parameter wants NAME=VALUE")
	}
	name := upper(line[i:j])
	var dst *string
	switch string(name) {
	case "VALUE":
		dst = &p.vtype
	case "RANGE":
		dst = &p.rng
	}
	values := 0
	for i = j; i < len(line) && (i == j || line[i] == ','); values++ {
		a, b, end, err := paramValue(line, i+1)
		if err != nil {
			return 0, err
		}
		if dst != nil {
			if values > 0 || *dst != "" {
				return 0, detail(ErrSyntax, string(name)+" wants one value")
			}
			*dst = intern(upper(line[a:b]))
		}
		i = end
	}
	return i, nil
}

// paramValue reads a parameter value at line[i:], a quoted string or text
// without '"', ';', ':', ',' and control characters: it returns the bounds
// of its text and where it ends.
func paramValue(line []byte, i int) (a, b, end int, err error) {
	if i < len(line) && line[i] == '"' {
		for j := i + 1; j < len(line); j++ {
			switch c := line[j]; {
			case c == '"':
				return i + 1, j, j + 1, nil
			case control(c):
				return 0, 0, 0, detail(ErrSyntax, "a control character in a quoted parameter value")
			}
		}
		return 0, 0, 0, detail(ErrSyntax, `a quoted parameter value has no closing '"'`)
	}
	j := i
	for ; j < len(line); j++ {
		c := line[j]
		if c == ';' || c == ':' || c == ',' {
			break
		}
		if c == '"' || control(c) {
			return 0, 0, 0, detail(ErrSyntax, `a parameter value holds '"' or a control character; quote it`)
		}
	}
	return i, j, j, nil
}

// intern returns common parameter values and component names without
// allocating.
func intern(b []byte) string {
	switch string(b) {
	case "DATE":
		return "DATE"
	case "DATE-TIME":
		return "DATE-TIME"
	case "THISANDFUTURE":
		return "THISANDFUTURE"
	case "VCALENDAR":
		return "VCALENDAR"
	case "VEVENT":
		return "VEVENT"
	case "VALARM":
		return "VALARM"
	case "VTIMEZONE":
		return "VTIMEZONE"
	case "STANDARD":
		return "STANDARD"
	case "DAYLIGHT":
		return "DAYLIGHT"
	}
	return string(b)
}

func control(c byte) bool { return c < 0x20 && c != '\t' || c == 0x7f }

// nameEnd returns the end of the name (letters, digits, '-') at line[i:].
func nameEnd(line []byte, i int) int {
	for i < len(line) {
		c := line[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			break
		}
		i++
	}
	return i
}

// upper upper-cases ASCII letters in place.
func upper(b []byte) []byte {
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return b
}
