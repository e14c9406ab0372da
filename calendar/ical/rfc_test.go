package ical_test

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// every returns the dates from "YYYYMMDD" to "YYYYMMDD", step days apart.
func every(from, to string, step int) []string {
	a, _ := time.Parse("20060102", from)
	b, _ := time.Parse("20060102", to)
	var out []string
	for d := a; !d.After(b); d = d.AddDate(0, 0, step) {
		out = append(out, d.Format("2006-01-02"))
	}
	return out
}

// TestRFC5545Examples runs the examples of RFC 5545 section 3.8.5.3 that
// apply to all-day events, with DTSTART as a DATE. The RFC's events start
// at 09:00 in New York, so an UNTIL instant becomes the New York date it
// falls on (19971224T000000Z is 1997-12-23 19:00 EST: UNTIL=19971223). For
// rules that go on forever, want is the first dates.
var rfcExamples = []struct {
	name, start, rule string
	more              []string
	want              []string
	forever           bool
}{
	{"daily for 10 occurrences", "19970902", "FREQ=DAILY;COUNT=10", nil,
		every("19970902", "19970911", 1), false},
	{"daily until December 24, 1997", "19970902", "FREQ=DAILY;UNTIL=19971223", nil,
		every("19970902", "19971223", 1), false},
	{"every other day, forever", "19970902", "FREQ=DAILY;INTERVAL=2", nil,
		every("19970902", "19971231", 2), true},
	{"every 10 days, 5 occurrences", "19970902", "FREQ=DAILY;INTERVAL=10;COUNT=5", nil,
		iso("19970902", "19970912", "19970922", "19971002", "19971012"), false},
	{"every day in January, for 3 years (yearly)", "19980101",
		"FREQ=YEARLY;UNTIL=20000131;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", nil,
		slices.Concat(every("19980101", "19980131", 1), every("19990101", "19990131", 1), every("20000101", "20000131", 1)), false},
	{"every day in January, for 3 years (daily)", "19980101", "FREQ=DAILY;UNTIL=20000131;BYMONTH=1", nil,
		slices.Concat(every("19980101", "19980131", 1), every("19990101", "19990131", 1), every("20000101", "20000131", 1)), false},
	{"weekly for 10 occurrences", "19970902", "FREQ=WEEKLY;COUNT=10", nil,
		every("19970902", "19971104", 7), false},
	{"weekly until December 24, 1997", "19970902", "FREQ=WEEKLY;UNTIL=19971223", nil,
		every("19970902", "19971223", 7), false},
	{"every other week, forever", "19970902", "FREQ=WEEKLY;INTERVAL=2;WKST=SU", nil,
		every("19970902", "19980217", 14), true},
	{"weekly on Tuesday and Thursday for five weeks (until)", "19970902", "FREQ=WEEKLY;UNTIL=19971006;WKST=SU;BYDAY=TU,TH", nil,
		iso("19970902", "19970904", "19970909", "19970911", "19970916", "19970918", "19970923", "19970925", "19970930", "19971002"), false},
	{"weekly on Tuesday and Thursday for five weeks (count)", "19970902", "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", nil,
		iso("19970902", "19970904", "19970909", "19970911", "19970916", "19970918", "19970923", "19970925", "19970930", "19971002"), false},
	{"every other week on Monday, Wednesday and Friday until December 24, 1997", "19970901",
		"FREQ=WEEKLY;INTERVAL=2;UNTIL=19971223;WKST=SU;BYDAY=MO,WE,FR", nil,
		iso("19970901", "19970903", "19970905", "19970915", "19970917", "19970919", "19970929", "19971001", "19971003",
			"19971013", "19971015", "19971017", "19971027", "19971029", "19971031", "19971110", "19971112", "19971114",
			"19971124", "19971126", "19971128", "19971208", "19971210", "19971212", "19971222"), false},
	{"every other week on Tuesday and Thursday, for 8 occurrences", "19970902", "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", nil,
		iso("19970902", "19970904", "19970916", "19970918", "19970930", "19971002", "19971014", "19971016"), false},
	{"monthly on the first Friday for 10 occurrences", "19970905", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", nil,
		iso("19970905", "19971003", "19971107", "19971205", "19980102", "19980206", "19980306", "19980403", "19980501", "19980605"), false},
	{"monthly on the first Friday until December 24, 1997", "19970905", "FREQ=MONTHLY;UNTIL=19971223;BYDAY=1FR", nil,
		iso("19970905", "19971003", "19971107", "19971205"), false},
	{"every other month on the first and last Sunday, for 10 occurrences", "19970907", "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", nil,
		iso("19970907", "19970928", "19971102", "19971130", "19980104", "19980125", "19980301", "19980329", "19980503", "19980531"), false},
	{"monthly on the second-to-last Monday for 6 months", "19970922", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", nil,
		iso("19970922", "19971020", "19971117", "19971222", "19980119", "19980216"), false},
	{"monthly on the third-to-the-last day, forever", "19970928", "FREQ=MONTHLY;BYMONTHDAY=-3", nil,
		iso("19970928", "19971029", "19971128", "19971229", "19980129", "19980226"), true},
	{"monthly on the 2nd and 15th for 10 occurrences", "19970902", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", nil,
		iso("19970902", "19970915", "19971002", "19971015", "19971102", "19971115", "19971202", "19971215", "19980102", "19980115"), false},
	{"monthly on the first and last day for 10 occurrences", "19970930", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", nil,
		iso("19970930", "19971001", "19971031", "19971101", "19971130", "19971201", "19971231", "19980101", "19980131", "19980201"), false},
	{"every 18 months on the 10th through 15th for 10 occurrences", "19970910", "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", nil,
		iso("19970910", "19970911", "19970912", "19970913", "19970914", "19970915", "19990310", "19990311", "19990312", "19990313"), false},
	{"every Tuesday, every other month", "19970902", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", nil,
		iso("19970902", "19970909", "19970916", "19970923", "19970930", "19971104", "19971111", "19971118", "19971125",
			"19980106", "19980113", "19980120", "19980127", "19980303", "19980310", "19980317", "19980324", "19980331"), true},
	{"yearly in June and July for 10 occurrences", "19970610", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", nil,
		iso("19970610", "19970710", "19980610", "19980710", "19990610", "19990710", "20000610", "20000710", "20010610", "20010710"), false},
	{"every other year on January, February and March for 10 occurrences", "19970310", "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", nil,
		iso("19970310", "19990110", "19990210", "19990310", "20010110", "20010210", "20010310", "20030110", "20030210", "20030310"), false},
	{"every third year on the 1st, 100th and 200th day for 10 occurrences", "19970101", "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", nil,
		iso("19970101", "19970410", "19970719", "20000101", "20000409", "20000718", "20030101", "20030410", "20030719", "20060101"), false},
	{"every 20th Monday of the year, forever", "19970519", "FREQ=YEARLY;BYDAY=20MO", nil,
		iso("19970519", "19980518", "19990517"), true},
	{"Monday of week number 20, forever", "19970512", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", nil,
		iso("19970512", "19980511", "19990517"), true},
	{"every Thursday in March, forever", "19970313", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", nil,
		iso("19970313", "19970320", "19970327", "19980305", "19980312", "19980319", "19980326", "19990304", "19990311", "19990318", "19990325"), true},
	{"every Thursday, but only during June, July and August, forever", "19970605", "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", nil,
		slices.Concat(every("19970605", "19970828", 7), every("19980604", "19980827", 7), every("19990603", "19990826", 7)), true},
	{"every Friday the 13th, forever", "19970902", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", []string{"EXDATE;VALUE=DATE:19970902"},
		iso("19980213", "19980313", "19981113", "19990813", "20001013"), true},
	{"the first Saturday that follows the first Sunday of the month, forever", "19970913", "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", nil,
		iso("19970913", "19971011", "19971108", "19971213", "19980110", "19980207", "19980307", "19980411", "19980509", "19980613"), true},
	{"every 4 years, the first Tuesday after a Monday in November (U.S. Presidential Election day)", "19961105",
		"FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", nil,
		iso("19961105", "20001107", "20041102"), true},
	{"the third instance into the month of one of Tuesday, Wednesday or Thursday, for the next 3 months", "19970904",
		"FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", nil,
		iso("19970904", "19971007", "19971106"), false},
	{"the second-to-last weekday of the month", "19970929", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", nil,
		iso("19970929", "19971030", "19971127", "19971230", "19980129", "19980226", "19980330"), true},
	{"WKST changes the days: weeks start on Monday", "19970805", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", nil,
		iso("19970805", "19970810", "19970819", "19970824"), false},
	{"WKST changes the days: weeks start on Sunday", "19970805", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", nil,
		iso("19970805", "19970817", "19970819", "19970831"), false},
	{"an invalid date (February 30) is ignored", "20070115", "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", nil,
		iso("20070115", "20070130", "20070215", "20070315", "20070330"), false},
}

func TestRFC5545Examples(t *testing.T) {
	for _, tt := range rfcExamples {
		t.Run(tt.name, func(t *testing.T) {
			got := rruleDates(t, tt.start, tt.rule, tt.more...)
			if tt.forever && len(got) > len(tt.want) {
				got = got[:len(tt.want)]
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s from %s (-want +got):\n%s", tt.rule, tt.start, diff)
			}
		})
	}
}

// TestRuleEdges pins cases beyond the RFC's examples, several from the
// RRULE tests of libical and CalendarServer, with DTSTART as a DATE.
func TestRuleEdges(t *testing.T) {
	tests := []struct {
		name, start, rule string
		want              []string
	}{
		{"a Friday in March on or after the 26th (BYYEARDAY from the end limits BYDAY)", "20060331",
			"FREQ=YEARLY;UNTIL=20100325;BYDAY=FR;BYYEARDAY=-275,-276,-277,-278,-279,-280,-281",
			iso("20060331", "20070330", "20080328", "20090327")},
		{"a yearly event on February 29 skips the years without one", "20120229", "FREQ=YEARLY;UNTIL=20161231",
			iso("20120229", "20160229")},
		{"monthly on the 31st skips the shorter months", "20070131", "FREQ=MONTHLY;COUNT=7",
			iso("20070131", "20070331", "20070531", "20070731", "20070831", "20071031", "20071231")},
		{"monthly on the -31st is the 1st of the long months", "20150101", "FREQ=MONTHLY;BYMONTHDAY=-31;COUNT=4",
			iso("20150101", "20150301", "20150501", "20150701")},
		{"the 366th day of the year is in leap years only", "20121231", "FREQ=YEARLY;BYYEARDAY=366;COUNT=3",
			iso("20121231", "20161231", "20201231")},
		{"the last Friday in October", "20101029", "FREQ=YEARLY;BYDAY=-1FR;BYMONTH=10;UNTIL=20141231",
			iso("20101029", "20111028", "20121026", "20131025", "20141031")},
		{"BYWEEKNO alone repeats DTSTART's weekday in those weeks", "20130101", "FREQ=YEARLY;BYWEEKNO=1,2;UNTIL=20161231",
			iso("20130101", "20130108", "20131231", "20140107", "20141230", "20150106", "20160105", "20160112")},
		{"the first two and last two ISO weeks on Tuesday", "20130101", "FREQ=YEARLY;BYWEEKNO=1,2,-1,-2;BYDAY=TU;UNTIL=20161231",
			iso("20130101", "20130108", "20131217", "20131224", "20131231", "20140107", "20141216", "20141223", "20141230",
				"20150106", "20151222", "20151229", "20160105", "20160112", "20161220", "20161227")},
		{"the 53rd ISO week on Tuesday and Saturday, after DTSTART", "20130101", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TU,SA;UNTIL=20161231",
			iso("20130101", "20151229", "20160102")},
		{"week 6 on Tuesday with weeks starting on Thursday", "20180213", "FREQ=YEARLY;BYWEEKNO=6;BYDAY=TU;WKST=TH;UNTIL=20210612",
			iso("20180213", "20190212", "20200211", "20210209")},
		{"Monday of week 20 with weeks starting on Friday", "19970512", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;WKST=FR;COUNT=3",
			iso("19970512", "19970519", "19980518")},
		{"every 13 months, in May", "20100212", "FREQ=MONTHLY;INTERVAL=13;BYMONTH=5;COUNT=3",
			iso("20100212", "20130512", "20260512")},
		{"monthly in May and April, listed out of order", "20240401", "FREQ=MONTHLY;BYMONTH=5,4;COUNT=4",
			iso("20240401", "20240501", "20250401", "20250501")},
		{"daily on the 1st and 24th", "20241024", "FREQ=DAILY;BYMONTHDAY=1,24;COUNT=5",
			iso("20241024", "20241101", "20241124", "20241201", "20241224")},
		{"daily on the last two days of the month", "20241030", "FREQ=DAILY;BYMONTHDAY=-1,-2;COUNT=5",
			iso("20241030", "20241031", "20241129", "20241130", "20241230")},
		{"weekly BYSETPOS picks within each week", "20241023", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,3;COUNT=3",
			iso("20241023", "20241028", "20241030")},
		{"BYSETPOS out of order", "20240102", "FREQ=YEARLY;BYYEARDAY=1,2,3,4,5,6,7;BYSETPOS=3,2;COUNT=4",
			iso("20240102", "20240103", "20250102", "20250103")},
		{"BYSETPOS past the period's dates picks nothing there", "20240229", "FREQ=YEARLY;BYMONTH=1,2,3;BYMONTHDAY=29;BYSETPOS=3,2;COUNT=4",
			iso("20240229", "20240329", "20250329", "20260329")},
		{"BYDAY lists are unions: every Monday and the first Friday", "20260105", "FREQ=MONTHLY;BYDAY=MO,1FR;UNTIL=20260206",
			iso("20260105", "20260112", "20260119", "20260126", "20260202", "20260206")},
		{"a yearly BYDAY ordinal without BYMONTH counts in the year", "20260105", "FREQ=YEARLY;BYDAY=1MO,-1FR;COUNT=4",
			iso("20260105", "20261225", "20270104", "20271231")},
		{"a yearly BYMONTHDAY without BYMONTH expands to every month", "20260124", "FREQ=YEARLY;BYMONTHDAY=24;COUNT=3",
			iso("20260124", "20260224", "20260324")},
		{"a MONTHLY ordinal past the month's weeks yields nothing that month", "20260130", "FREQ=MONTHLY;BYDAY=5FR;COUNT=3",
			iso("20260130", "20260529", "20260731")},
		{"a large INTERVAL yields DTSTART alone", "20260101", "FREQ=DAILY;INTERVAL=99999999999999",
			iso("20260101")},
		{"a large COUNT runs to the range's end", "21491229", "FREQ=DAILY;COUNT=99999999999999999999",
			iso("21491229", "21491230", "21491231")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, rruleDates(t, tt.start, tt.rule)); diff != "" {
				t.Errorf("%s from %s (-want +got):\n%s", tt.rule, tt.start, diff)
			}
		})
	}
}
