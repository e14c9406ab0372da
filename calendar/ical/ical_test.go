package ical_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/slaclock/slaclock/calendar/ical"
)

var eventCases = []struct {
	name string
	ics  string
	want []string
}{
	{"a DATE start without DTEND is one day",
		vcal(vevent("DTSTART;VALUE=DATE:20261225")...), []string{"2026-12-25"}},
	{"DTEND is exclusive",
		vcal(vevent("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227")...),
		[]string{"2026-12-24", "2026-12-25", "2026-12-26"}},
	{"DTEND on the start date is one day",
		vcal(vevent("DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261225")...), []string{"2026-12-25"}},
	{"a multi-day event across a year end",
		vcal(vevent("DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270102")...), []string{"2026-12-31", "2027-01-01"}},
	{"DURATION in days",
		vcal(vevent("DTSTART;VALUE=DATE:20260228", "DURATION:P2D")...), []string{"2026-02-28", "2026-03-01"}},
	{"DURATION in weeks",
		vcal(vevent("DTSTART;VALUE=DATE:20260803", "DURATION:P1W")...),
		[]string{"2026-08-03", "2026-08-04", "2026-08-05", "2026-08-06", "2026-08-07", "2026-08-08", "2026-08-09"}},
	{"DURATION with zero hours is whole days",
		vcal(vevent("DTSTART;VALUE=DATE:20261225", "DURATION:+P1DT0H0M0S")...), []string{"2026-12-25"}},
	{"DURATION P0D is one day",
		vcal(vevent("DTSTART;VALUE=DATE:20261225", "DURATION:P0D")...), []string{"2026-12-25"}},
	{"an eight-digit start without VALUE=DATE is a date",
		vcal(vevent("DTSTART:20261225")...), []string{"2026-12-25"}},
	{"a TZID on a DATE does not move it",
		vcal(vevent("DTSTART;TZID=Pacific/Kiritimati;VALUE=DATE:20261225")...), []string{"2026-12-25"}},
	{"Outlook's all-day mark with midnight in a TZID",
		vcal(vevent(`DTSTART;TZID="W. Europe Standard Time":20261224T000000`,
			`DTEND;TZID="W. Europe Standard Time":20261226T000000`, "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE")...),
		[]string{"2026-12-24", "2026-12-25"}},
	{"Outlook's mark at UTC midnight takes the date as written",
		vcal(vevent("DTSTART:20261225T000000Z", "DTEND:20261226T000000Z", "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE")...),
		[]string{"2026-12-25"}},
	{"Outlook's mark in lower case, with a DATE end",
		vcal(vevent("DTSTART:20261225T000000", "DTEND;VALUE=DATE:20261226", "x-microsoft-cdo-alldayevent:true")...),
		[]string{"2026-12-25"}},
	{"Outlook's mark FALSE on a DATE start is still all day",
		vcal(vevent("DTSTART;VALUE=DATE:20261225", "X-MICROSOFT-CDO-ALLDAYEVENT:FALSE")...), []string{"2026-12-25"}},
	{"a timed event is not a holiday",
		vcal(vevent("DTSTART;TZID=America/New_York:20261218T170000", "DTEND;TZID=America/New_York:20261218T210000")...), nil},
	{"a timed event at midnight without Outlook's mark is not a holiday",
		vcal(vevent("DTSTART:20261225T000000Z", "DTEND:20261226T000000Z")...), nil},
	{"a timed event's rule is not read",
		vcal(vevent("DTSTART:20261218T170000", "RRULE:FREQ=HOURLY;BYHOUR=9")...), nil},
	{"a cancelled event is not a holiday",
		vcal(vevent("DTSTART;VALUE=DATE:20260915", "STATUS:CANCELLED")...), nil},
	{"STATUS in any case",
		vcal(vevent("DTSTART;VALUE=DATE:20260915", "STATUS:Cancelled")...), nil},
	{"tentative and confirmed events count",
		vcal(events(vevent("DTSTART;VALUE=DATE:20260915", "STATUS:TENTATIVE"), vevent("DTSTART;VALUE=DATE:20260916", "STATUS:CONFIRMED"))...),
		[]string{"2026-09-15", "2026-09-16"}},
	{"transparent and private events count (Google marks holidays transparent)",
		vcal(events(vevent("DTSTART;VALUE=DATE:20261225", "TRANSP:TRANSPARENT"), vevent("DTSTART;VALUE=DATE:20261226", "CLASS:PRIVATE", "TRANSP:OPAQUE"))...),
		[]string{"2026-12-25", "2026-12-26"}},
	{"VTODO, VJOURNAL and X- components are not events",
		vcal("BEGIN:VTODO", "DTSTART;VALUE=DATE:20261201", "END:VTODO", "BEGIN:VJOURNAL", "DTSTART;VALUE=DATE:20261202", "END:VJOURNAL",
			"BEGIN:X-HOLIDAY", "DTSTART;VALUE=DATE:20261203", "END:X-HOLIDAY"), nil},
	{"a VALARM inside an event is not read",
		vcal(vevent("DTSTART;VALUE=DATE:20261225", "BEGIN:VALARM", "TRIGGER;VALUE=DATE-TIME:20261201T090000Z", "DTSTART;VALUE=DATE:20261201", "ACTION:DISPLAY", "END:VALARM")...),
		[]string{"2026-12-25"}},
	{"a VTIMEZONE's rules are not read",
		vcal("BEGIN:VTIMEZONE", "TZID:Eastern Standard Time", "BEGIN:STANDARD", "DTSTART:16011104T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
			"TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD", "END:VTIMEZONE"), nil},
	{"no events: no dates",
		vcal(), nil},
	{"two VCALENDARs in one file",
		vcal(vevent("DTSTART;VALUE=DATE:20261225")...) + vcal(vevent("DTSTART;VALUE=DATE:20260101")...),
		[]string{"2026-01-01", "2026-12-25"}},
	{"overlapping events give each date once",
		vcal(events(vevent("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227"), vevent("DTSTART;VALUE=DATE:20261225"))...),
		[]string{"2026-12-24", "2026-12-25", "2026-12-26"}},
	{"dates before 1900 and after 2149 are dropped",
		vcal(events(vevent("DTSTART;VALUE=DATE:18991230", "DTEND;VALUE=DATE:19000102"), vevent("DTSTART;VALUE=DATE:21491231", "DURATION:P3D"))...),
		[]string{"1900-01-01", "2149-12-31"}},
	{"an event of a million days is cut to the range",
		vcal(vevent("DTSTART;VALUE=DATE:21491230", "DURATION:P99999999999999999999D")...), []string{"2149-12-30", "2149-12-31"}},
}

func TestWhichEventsCount(t *testing.T) {
	for _, tt := range eventCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ical.Holidays(strings.NewReader(tt.ics))
			if err != nil {
				t.Fatalf("Holidays: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Holidays (-want +got):\n%s", diff)
			}
		})
	}
}

// yearly is a recurring event of three instances, and override an event
// with its UID.
var yearly = []string{"BEGIN:VEVENT", "UID:holiday-7", "DTSTART;VALUE=DATE:20260704", "RRULE:FREQ=YEARLY;COUNT=3", "END:VEVENT"}

func override(lines ...string) []string {
	return append(append([]string{"BEGIN:VEVENT", "UID:holiday-7"}, lines...), "END:VEVENT")
}

var recurrenceCases = []struct {
	name string
	ics  string
	want []string
}{
	{"a yearly rule with COUNT",
		vcal(yearly...), []string{"2026-07-04", "2027-07-04", "2028-07-04"}},
	{"EXDATE takes an instance out",
		vcal(vevent("DTSTART;VALUE=DATE:20260704", "RRULE:FREQ=YEARLY;COUNT=3", "EXDATE;VALUE=DATE:20270704")...),
		[]string{"2026-07-04", "2028-07-04"}},
	{"EXDATE may take out DTSTART",
		vcal(vevent("DTSTART;VALUE=DATE:20260704", "RRULE:FREQ=YEARLY;COUNT=3", "EXDATE;VALUE=DATE:20260704")...),
		[]string{"2027-07-04", "2028-07-04"}},
	{"EXDATE lists and repeats",
		vcal(vevent("DTSTART;VALUE=DATE:20260704", "RRULE:FREQ=YEARLY;COUNT=4", "EXDATE;VALUE=DATE:20260704,20280704", "EXDATE:20290704")...),
		[]string{"2027-07-04"}},
	{"EXDATE at midnight in a TZID, as Outlook writes it",
		vcal(vevent("DTSTART;VALUE=DATE:20260704", "RRULE:FREQ=YEARLY;COUNT=3", `EXDATE;TZID="Eastern Standard Time":20270704T000000`)...),
		[]string{"2026-07-04", "2028-07-04"}},
	{"EXDATE of a date the rule does not yield changes nothing",
		vcal(vevent("DTSTART;VALUE=DATE:20260704", "RRULE:FREQ=YEARLY;COUNT=2", "EXDATE;VALUE=DATE:20270705")...),
		[]string{"2026-07-04", "2027-07-04"}},
	{"a multi-day event's EXDATE takes out the whole instance",
		vcal(vevent("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261226", "RRULE:FREQ=YEARLY;COUNT=2", "EXDATE;VALUE=DATE:20271224")...),
		[]string{"2026-12-24", "2026-12-25"}},
	{"RDATE adds dates, once each",
		vcal(vevent("DTSTART;VALUE=DATE:20260704", "RRULE:FREQ=YEARLY;COUNT=2", "RDATE;VALUE=DATE:20270704,20261111", "RDATE:20301111")...),
		[]string{"2026-07-04", "2026-11-11", "2027-07-04", "2030-11-11"}},
	{"EXDATE wins over RDATE",
		vcal(vevent("DTSTART;VALUE=DATE:20260704", "RDATE;VALUE=DATE:20261111", "EXDATE;VALUE=DATE:20261111")...),
		[]string{"2026-07-04"}},
	{"RDATE instances last as long as the event",
		vcal(vevent("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261226", "RDATE;VALUE=DATE:20270101")...),
		[]string{"2026-12-24", "2026-12-25", "2027-01-01", "2027-01-02"}},
	{"two RRULEs are a union",
		vcal(vevent("DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=YEARLY;COUNT=2", "RRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4;COUNT=2")...),
		[]string{"2026-01-01", "2026-07-04", "2027-01-01"}},
	{"an override moves an instance",
		vcal(events(yearly, override("RECURRENCE-ID;VALUE=DATE:20260704", "DTSTART;VALUE=DATE:20260703"))...),
		[]string{"2026-07-03", "2027-07-04", "2028-07-04"}},
	{"an override may come before its event",
		vcal(events(override("RECURRENCE-ID;VALUE=DATE:20270704", "DTSTART;VALUE=DATE:20270705"), yearly)...),
		[]string{"2026-07-04", "2027-07-05", "2028-07-04"}},
	{"an override may last longer",
		vcal(events(yearly, override("RECURRENCE-ID;VALUE=DATE:20270704", "DTSTART;VALUE=DATE:20270704", "DTEND;VALUE=DATE:20270706"))...),
		[]string{"2026-07-04", "2027-07-04", "2027-07-05", "2028-07-04"}},
	{"a cancelled override takes its instance out",
		vcal(events(yearly, override("RECURRENCE-ID;VALUE=DATE:20270704", "DTSTART;VALUE=DATE:20270704", "STATUS:CANCELLED"))...),
		[]string{"2026-07-04", "2028-07-04"}},
	{"an override that became a timed event takes its instance out",
		vcal(events(yearly, override("RECURRENCE-ID;VALUE=DATE:20270704", "DTSTART:20270704T090000", "DTEND:20270704T120000"))...),
		[]string{"2026-07-04", "2028-07-04"}},
	{"an override naming its instance at midnight, as Outlook does",
		vcal(events(yearly, override(`RECURRENCE-ID;TZID="Eastern Standard Time":20270704T000000`, "DTSTART;VALUE=DATE:20270705"))...),
		[]string{"2026-07-04", "2027-07-05", "2028-07-04"}},
	{"an override of another UID leaves the instance",
		vcal(events(yearly, []string{"BEGIN:VEVENT", "UID:other", "RECURRENCE-ID;VALUE=DATE:20270704", "DTSTART;VALUE=DATE:20270705", "END:VEVENT"})...),
		[]string{"2026-07-04", "2027-07-04", "2027-07-05", "2028-07-04"}},
	{"an override without its event stands alone",
		vcal(override("RECURRENCE-ID;VALUE=DATE:20270704", "DTSTART;VALUE=DATE:20270705")...),
		[]string{"2027-07-05"}},
	{"an override of an instance the rule does not yield changes nothing else",
		vcal(events(yearly, override("RECURRENCE-ID;VALUE=DATE:20270705", "DTSTART;VALUE=DATE:20270706"))...),
		[]string{"2026-07-04", "2027-07-04", "2027-07-06", "2028-07-04"}},
	{"a timed override of a timed event changes nothing",
		vcal(events(yearly, override("RECURRENCE-ID:20270704T090000", "DTSTART:20270704T100000"))...),
		[]string{"2026-07-04", "2027-07-04", "2028-07-04"}},
	{"DTSTART counts as the first occurrence even when the rule would not yield it",
		vcal(vevent("DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25;COUNT=2")...),
		[]string{"2026-01-01", "2026-12-25"}},
	{"UNTIL as a DATE is the last date",
		vcal(vevent("DTSTART;VALUE=DATE:20260525", "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO;UNTIL=20280529")...),
		[]string{"2026-05-25", "2027-05-31", "2028-05-29"}},
	{"UNTIL as a DATE-TIME counts on the date it writes",
		vcal(vevent("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY;UNTIL=20281224T230000Z")...),
		[]string{"2026-12-25", "2027-12-25"}},
	{"UNTIL before DTSTART leaves DTSTART",
		vcal(vevent("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY;UNTIL=20201225")...),
		[]string{"2026-12-25"}},
	{"a yearly rule from 1899 starts in the range",
		vcal(vevent("DTSTART;VALUE=DATE:18991225", "RRULE:FREQ=YEARLY;UNTIL=19011231")...),
		[]string{"1900-12-25", "1901-12-25"}},
	{"COUNT counts the occurrences before the range",
		vcal(vevent("DTSTART;VALUE=DATE:18970101", "RRULE:FREQ=YEARLY;COUNT=5")...),
		[]string{"1900-01-01", "1901-01-01"}},
	{"a rule runs to the range's last date",
		vcal(vevent("DTSTART;VALUE=DATE:21471231", "RRULE:FREQ=YEARLY")...),
		[]string{"2147-12-31", "2148-12-31", "2149-12-31"}},
	{"a trailing semicolon, as Google writes some rules",
		vcal(vevent("DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=YEARLY;COUNT=2;")...),
		[]string{"2026-01-01", "2027-01-01"}},
	{"rule part names and values in any case",
		vcal(vevent("DTSTART;VALUE=DATE:20261126", "RRULE:freq=yearly;bymonth=11;byday=4th;count=2")...),
		[]string{"2026-11-26", "2027-11-25"}},
}

func TestRecurrenceSets(t *testing.T) {
	for _, tt := range recurrenceCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ical.Holidays(strings.NewReader(tt.ics))
			if err != nil {
				t.Fatalf("Holidays: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Holidays (-want +got):\n%s", diff)
			}
		})
	}
}

func TestContentLines(t *testing.T) {
	christmas := []string{"2026-12-25"}
	tests := []struct {
		name string
		ics  string
	}{
		{"folded lines are joined, at any byte",
			"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DA\r\n TE:2026\r\n\t1225\r\nSUMMARY:Weihnachten \xc3\r\n \xa4\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"},
		{"LF line ends",
			"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:\n 20261225\nEND:VEVENT\nEND:VCALENDAR\n"},
		{"no line end at the end of the file",
			"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\nEND:VCALENDAR"},
		{"a byte order mark and blank lines",
			"\xef\xbb\xbfBEGIN:VCALENDAR\r\n\r\nBEGIN:VEVENT\r\n\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n\r\n"},
		{"names, parameters and component names in any case",
			"begin:vcalendar\r\nBegin:VEvent\r\ndtstart;value=date:20261225\r\nend:vevent\r\nEND:VCALENDAR\r\n"},
		{"quoted parameter values may hold ; : and ,",
			vcal(vevent(`DTSTART;X-NOTE="a;b:c,d";VALUE=DATE;X-LIST=a,"b:c",d:20261225`)...)},
		{"values may hold : and ;",
			vcal(vevent("DTSTART;VALUE=DATE:20261225", `DESCRIPTION:Closed: all day; see https://example.com/a?b=c\, d`)...)},
		{"unknown properties and X- properties are read and left",
			vcal(vevent("DTSTART;VALUE=DATE:20261225", "X-GOOGLE-CONFERENCE:https://meet.example", "IANA-TOKEN;X-P=1:x", "GEO:37.386013;-122.082932")...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ical.Holidays(strings.NewReader(tt.ics))
			if err != nil {
				t.Fatalf("Holidays: %v", err)
			}
			if diff := cmp.Diff(christmas, got); diff != "" {
				t.Errorf("Holidays (-want +got):\n%s", diff)
			}
		})
	}
}
