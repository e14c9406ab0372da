package ical_test

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/calendar/ical"
)

var sentinels = []error{ical.ErrSyntax, ical.ErrUnsupported, ical.ErrTooLarge}

const date = "DTSTART;VALUE=DATE:20261225"

// rule returns a file of one event on date with the RRULE r, on line 7.
func rule(r string) string { return vcal(vevent(date, "RRULE:"+r)...) }

// errorCases: vcal's content starts on line 4 and vevent's on line 6
// (after BEGIN:VCALENDAR, VERSION, PRODID, BEGIN:VEVENT, UID).
var errorCases = []struct {
	name string
	ics  string
	kind error
	msg  string
}{
	// The file's structure.
	{"an empty file", "", ical.ErrSyntax, `ical: malformed: no BEGIN:VCALENDAR`},
	{"a file that is not iCalendar", "<html>\r\n", ical.ErrSyntax, `ical: line 1: "<html>": malformed: want NAME:VALUE`},
	{"a property before BEGIN:VCALENDAR", "VERSION:2.0\r\n" + vcal(), ical.ErrSyntax,
		`ical: line 1: VERSION: malformed: outside BEGIN:VCALENDAR and END:VCALENDAR`},
	{"another component first", "BEGIN:VEVENT\r\nEND:VEVENT\r\n", ical.ErrSyntax, `ical: line 1: BEGIN: "VEVENT": malformed: want BEGIN:VCALENDAR first`},
	{"no END:VCALENDAR", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ical.ErrSyntax, `ical: line 1: BEGIN: "VCALENDAR": malformed: no END:VCALENDAR`},
	{"no END:VEVENT", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + date + "\r\nEND:VCALENDAR\r\n", ical.ErrSyntax,
		`ical: line 4: END: "VCALENDAR": malformed: BEGIN:VEVENT on line 2 is still open`},
	{"END without BEGIN", vcal() + "END:VEVENT\r\n", ical.ErrSyntax, `ical: line 5: END: "VEVENT": malformed: no BEGIN:VEVENT before it`},
	{"a VCALENDAR inside a VCALENDAR", vcal("BEGIN:VCALENDAR", "END:VCALENDAR"), ical.ErrSyntax,
		`ical: line 4: BEGIN: "VCALENDAR": malformed: a VCALENDAR inside VCALENDAR`},
	{"a component without a name", vcal("BEGIN:", "END:"), ical.ErrSyntax, `ical: line 4: BEGIN: malformed: want a component name such as VEVENT`},
	{"a line without a colon", vcal(vevent(date, "SUMMARY")...), ical.ErrSyntax, `ical: line 7: SUMMARY: "SUMMARY": malformed: want NAME;PARAM=VALUE:VALUE`},
	{"a parameter without a value", vcal(vevent("DTSTART;VALUE:20261225")...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "DTSTART;VALUE:20261225": malformed: a parameter wants NAME=VALUE`},
	{"a quoted parameter value not closed", vcal(vevent(`DTSTART;X-A="a:20261225`)...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "DTSTART;X-A=\"a:20261225": malformed: a quoted parameter value has no closing '"'`},
	{"a quote inside a parameter value", vcal(vevent(`DTSTART;X-A=a"b":20261225`)...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "DTSTART;X-A=a\"b\":20261225": malformed: a parameter value holds '"' or a control character; quote it`},
	{"VALUE twice", vcal(vevent("DTSTART;VALUE=DATE;VALUE=DATE:20261225")...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "DTSTART;VALUE=DATE;VALUE=DATE:20261225": malformed: VALUE wants one value`},
	{"a line number counts folded lines", vcal("X-NOTE:a", " b", " c", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:2026122", "END:VEVENT"), ical.ErrSyntax,
		`ical: line 8: DTSTART: "2026122": malformed: want a DATE (20261225) for VALUE=DATE`},
	{"an error in a folded line names its first line", vcal("BEGIN:VEVENT", "DTSTART;VALUE=DATE:", " 2026", " 1232", "END:VEVENT"), ical.ErrSyntax,
		`ical: line 5: DTSTART: "20261232": malformed: want a DATE (20261225) or a DATE-TIME (20261225T000000)`},

	// An event's dates.
	{"no DTSTART", vcal(vevent("SUMMARY:Christmas")...), ical.ErrSyntax, `ical: line 4: VEVENT: malformed: no DTSTART`},
	{"DTSTART twice", vcal(vevent(date, date)...), ical.ErrSyntax,
		`ical: line 7: DTSTART: "20261225": malformed: DTSTART set twice in the VEVENT of line 4`},
	{"February 30", vcal(vevent("DTSTART;VALUE=DATE:20260230")...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "20260230": malformed: want a DATE (20261225) or a DATE-TIME (20261225T000000)`},
	{"a time for VALUE=DATE", vcal(vevent("DTSTART;VALUE=DATE:20261225T000000")...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "20261225T000000": malformed: want a DATE (20261225) for VALUE=DATE`},
	{"a date for VALUE=DATE-TIME", vcal(vevent("DTSTART;VALUE=DATE-TIME:20261225")...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "20261225": malformed: want a DATE-TIME (20261225T000000) for VALUE=DATE-TIME`},
	{"25 o'clock", vcal(vevent("DTSTART:20261225T250000")...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "20261225T250000": malformed: want a DATE (20261225) or a DATE-TIME (20261225T000000)`},
	{"VALUE=PERIOD on DTSTART", vcal(vevent("DTSTART;VALUE=PERIOD:20261225/P1D")...), ical.ErrSyntax,
		`ical: line 6: DTSTART: "20261225/P1D": malformed: VALUE=PERIOD; want VALUE=DATE or VALUE=DATE-TIME`},
	{"DTEND before DTSTART", vcal(vevent(date, "DTEND;VALUE=DATE:20261224")...), ical.ErrSyntax,
		`ical: line 7: DTEND: "20261224": malformed: DTEND before DTSTART`},
	{"DTEND and DURATION", vcal(vevent(date, "DTEND;VALUE=DATE:20261226", "DURATION:P1D")...), ical.ErrSyntax,
		`ical: line 8: DURATION: "P1D": malformed: DTEND and DURATION both set`},
	{"DTEND at a time on an all-day event", vcal(vevent(date, "DTEND:20261225T120000")...), ical.ErrUnsupported,
		`ical: line 7: DTEND: "20261225T120000": not supported: a time other than midnight on an all-day event`},
	{"a DURATION of hours on an all-day event", vcal(vevent(date, "DURATION:PT12H")...), ical.ErrUnsupported,
		`ical: line 7: DURATION: "PT12H": not supported: a DURATION with hours, minutes or seconds on an all-day event`},
	{"a negative DURATION", vcal(vevent(date, "DURATION:-P1D")...), ical.ErrSyntax, `ical: line 7: DURATION: "-P1D": malformed: a negative DURATION`},
	{"a DURATION that is none", vcal(vevent(date, "DURATION:P1W2D")...), ical.ErrSyntax,
		`ical: line 7: DURATION: "P1W2D": malformed: want a DURATION such as P1D or P2W`},
	{"Outlook's all-day mark at 09:00", vcal(vevent("DTSTART:20261225T090000", "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE")...), ical.ErrUnsupported,
		`ical: line 6: DTSTART: "20261225T090000": not supported: X-MICROSOFT-CDO-ALLDAYEVENT:TRUE on a start that is not midnight`},
	{"Outlook's all-day mark neither TRUE nor FALSE", vcal(vevent(date, "X-MICROSOFT-CDO-ALLDAYEVENT:YES")...), ical.ErrSyntax,
		`ical: line 7: X-MICROSOFT-CDO-ALLDAYEVENT: "YES": malformed: want TRUE or FALSE`},
	{"EXDATE at 09:00 on an all-day event", vcal(vevent(date, "RRULE:FREQ=YEARLY", "EXDATE:20271225,20281225T090000")...), ical.ErrUnsupported,
		`ical: line 8: EXDATE: "20281225T090000": not supported: a time other than midnight on an all-day event`},
	{"EXDATE that is no date", vcal(vevent(date, "RRULE:FREQ=YEARLY", "EXDATE;VALUE=DATE:2027-12-25")...), ical.ErrSyntax,
		`ical: line 8: EXDATE: "2027-12-25": malformed: want a DATE (20261225) for VALUE=DATE`},
	{"an RDATE period", vcal(vevent(date, "RDATE;VALUE=PERIOD:20271225T000000Z/P1D")...), ical.ErrUnsupported,
		`ical: line 7: RDATE: "20271225T000000Z/P1D": not supported: RDATE;VALUE=PERIOD`},
	{"EXRULE", vcal(vevent(date, "EXRULE:FREQ=YEARLY;COUNT=2")...), ical.ErrUnsupported,
		`ical: line 7: EXRULE: "FREQ=YEARLY;COUNT=2": not supported: EXRULE (RFC 5545 dropped it); use EXDATE`},
	{"RANGE=THISANDFUTURE", vcal(vevent("RECURRENCE-ID;RANGE=THISANDFUTURE;VALUE=DATE:20271225", date)...), ical.ErrUnsupported,
		`ical: line 6: RECURRENCE-ID: "20271225": not supported: RANGE=THISANDFUTURE`},
	{"another RANGE", vcal(vevent("RECURRENCE-ID;RANGE=THISANDPRIOR;VALUE=DATE:20271225", date)...), ical.ErrSyntax,
		`ical: line 6: RECURRENCE-ID: "20271225": malformed: RANGE=THISANDPRIOR; want RANGE=THISANDFUTURE`},
	{"an RRULE on an override", vcal(vevent("RECURRENCE-ID;VALUE=DATE:20271225", date, "RRULE:FREQ=YEARLY")...), ical.ErrUnsupported,
		`ical: line 8: RRULE: "FREQ=YEARLY": not supported: an RRULE on a RECURRENCE-ID override`},

	// Rules: the value is the rule part at fault.
	{"no FREQ", rule("COUNT=2"), ical.ErrSyntax, `ical: line 7: RRULE: "COUNT=2": malformed: no FREQ`},
	{"an unknown FREQ", rule("FREQ=FORTNIGHTLY"), ical.ErrSyntax,
		`ical: line 7: RRULE: "FREQ=FORTNIGHTLY": malformed: want YEARLY, MONTHLY, WEEKLY or DAILY`},
	{"an hourly rule on an all-day event", rule("FREQ=HOURLY;INTERVAL=3"), ical.ErrUnsupported,
		`ical: line 7: RRULE: "FREQ=HOURLY": not supported: on an all-day event; want YEARLY, MONTHLY, WEEKLY or DAILY`},
	{"BYHOUR on an all-day event", rule("FREQ=DAILY;BYHOUR=9"), ical.ErrUnsupported,
		`ical: line 7: RRULE: "BYHOUR=9": not supported: BYHOUR on an all-day event`},
	{"an unknown rule part", rule("FREQ=YEARLY;RSCALE=HEBREW"), ical.ErrUnsupported,
		`ical: line 7: RRULE: "RSCALE=HEBREW": not supported: unknown rule part; want FREQ, UNTIL, COUNT, INTERVAL, BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY, BYSETPOS or WKST`},
	{"a part without =", rule("FREQ=YEARLY;BYMONTH"), ical.ErrSyntax, `ical: line 7: RRULE: "BYMONTH": malformed: want NAME=VALUE`},
	{"a part twice", rule("FREQ=YEARLY;FREQ=MONTHLY"), ical.ErrSyntax, `ical: line 7: RRULE: "FREQ=MONTHLY": malformed: FREQ set twice`},
	{"COUNT and UNTIL", rule("FREQ=YEARLY;COUNT=2;UNTIL=20301231"), ical.ErrSyntax,
		`ical: line 7: RRULE: "FREQ=YEARLY;COUNT=2;UNTIL=20301231": malformed: COUNT and UNTIL both set`},
	{"COUNT=0", rule("FREQ=YEARLY;COUNT=0"), ical.ErrSyntax, `ical: line 7: RRULE: "COUNT=0": malformed: want a positive number`},
	{"INTERVAL=-1", rule("FREQ=YEARLY;INTERVAL=-1"), ical.ErrSyntax, `ical: line 7: RRULE: "INTERVAL=-1": malformed: want a positive number`},
	{"UNTIL that is no date", rule("FREQ=YEARLY;UNTIL=2030"), ical.ErrSyntax,
		`ical: line 7: RRULE: "UNTIL=2030": malformed: want a DATE (20261225) or a DATE-TIME (20261225T000000)`},
	{"month 13", rule("FREQ=YEARLY;BYMONTH=13"), ical.ErrSyntax, `ical: line 7: RRULE: "BYMONTH=13": malformed: want numbers from 1 to 12`},
	{"day of the month 0", rule("FREQ=MONTHLY;BYMONTHDAY=1,0"), ical.ErrSyntax,
		`ical: line 7: RRULE: "BYMONTHDAY=1,0": malformed: want numbers from 1 to 31 or -1 to -31`},
	{"day of the year 367", rule("FREQ=YEARLY;BYYEARDAY=367"), ical.ErrSyntax,
		`ical: line 7: RRULE: "BYYEARDAY=367": malformed: want numbers from 1 to 366 or -1 to -366`},
	{"week 54", rule("FREQ=YEARLY;BYWEEKNO=-54"), ical.ErrSyntax,
		`ical: line 7: RRULE: "BYWEEKNO=-54": malformed: want numbers from 1 to 53 or -1 to -53`},
	{"an unknown weekday", rule("FREQ=WEEKLY;BYDAY=MO,XX"), ical.ErrSyntax,
		`ical: line 7: RRULE: "BYDAY=MO,XX": malformed: want MO, TU, WE, TH, FR, SA or SU, after an ordinal from 1 to 53 or -1 to -53 if any`},
	{"the 54th Monday", rule("FREQ=YEARLY;BYDAY=54MO"), ical.ErrSyntax,
		`ical: line 7: RRULE: "BYDAY=54MO": malformed: want MO, TU, WE, TH, FR, SA or SU, after an ordinal from 1 to 53 or -1 to -53 if any`},
	{"an ordinal on WKST", rule("FREQ=WEEKLY;WKST=1SU"), ical.ErrSyntax,
		`ical: line 7: RRULE: "WKST=1SU": malformed: want MO, TU, WE, TH, FR, SA or SU`},
	{"a BYDAY ordinal in a weekly rule", rule("FREQ=WEEKLY;BYDAY=1MO"), ical.ErrSyntax,
		`ical: line 7: RRULE: "FREQ=WEEKLY;BYDAY=1MO": malformed: a BYDAY ordinal with FREQ=WEEKLY; ordinals need MONTHLY or YEARLY`},
	{"a BYDAY ordinal with BYWEEKNO", rule("FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO"), ical.ErrSyntax,
		`ical: line 7: RRULE: "FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO": malformed: a BYDAY ordinal with BYWEEKNO`},
	{"BYWEEKNO in a monthly rule", rule("FREQ=MONTHLY;BYWEEKNO=20"), ical.ErrSyntax,
		`ical: line 7: RRULE: "FREQ=MONTHLY;BYWEEKNO=20": malformed: BYWEEKNO with FREQ=MONTHLY; it needs FREQ=YEARLY`},
	{"BYYEARDAY in a daily rule", rule("FREQ=DAILY;BYYEARDAY=1"), ical.ErrSyntax,
		`ical: line 7: RRULE: "FREQ=DAILY;BYYEARDAY=1": malformed: BYYEARDAY with FREQ=DAILY; it needs FREQ=YEARLY`},
	{"BYMONTHDAY in a weekly rule", rule("FREQ=WEEKLY;BYMONTHDAY=1"), ical.ErrSyntax,
		`ical: line 7: RRULE: "FREQ=WEEKLY;BYMONTHDAY=1": malformed: BYMONTHDAY with FREQ=WEEKLY`},
	{"BYSETPOS alone", rule("FREQ=MONTHLY;BYSETPOS=1"), ical.ErrSyntax,
		`ical: line 7: RRULE: "FREQ=MONTHLY;BYSETPOS=1": malformed: BYSETPOS without another BY part`},
}

func TestErrors(t *testing.T) {
	for _, tt := range errorCases {
		t.Run(tt.name, func(t *testing.T) {
			dates, err := ical.Holidays(strings.NewReader(tt.ics))
			if err == nil {
				t.Fatalf("Holidays = %v, want an error", dates)
			}
			var e *ical.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v, want an *ical.Error", err, err)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.kind)
			}
			for _, s := range sentinels {
				if s != tt.kind && errors.Is(err, s) {
					t.Errorf("errors.Is(%v, %v) = true, want only %v", err, s, tt.kind)
				}
			}
			if diff := cmp.Diff(tt.msg, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			if dates != nil {
				t.Errorf("dates = %v with an error, want nil", dates)
			}
		})
	}
}

func TestReaderErrors(t *testing.T) {
	r := iotest.TimeoutReader(iotest.OneByteReader(strings.NewReader(vcal(vevent("DTSTART;VALUE=DATE:20261225")...))))
	_, err := ical.Holidays(r)
	var e *ical.Error
	if !errors.As(err, &e) || !errors.Is(err, iotest.ErrTimeout) {
		t.Fatalf("Holidays = %v, want an *ical.Error wrapping iotest.ErrTimeout", err)
	}
	if diff := cmp.Diff(`ical: line 1: timeout`, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}
