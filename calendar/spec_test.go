package calendar_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/calendar"
)

// Every way a spec can be wrong: the exact message (calendar: field:
// "value": kind: detail), the sentinel errors.Is finds, and a *Error.
// specErrors are the rows of TestErrors.
var specErrors = []struct {
	name string
	json string
	want string
	is   error
}{
	{"an hour past 24 names the bad part of the interval",
		`{"zone": "UTC", "hours": {"mon": ["09:00-12:00", "13:00-25:00"]}}`,
		`calendar: hours.mon[1]: "25:00": hour out of range`, calendar.ErrBadInterval},
	{"an opening at 24:00",
		`{"zone": "UTC", "hours": {"tue": ["24:00-02:00"]}}`,
		`calendar: hours.tue[0]: "24:00": hour out of range`, calendar.ErrBadInterval},
	{"24:30 is no close",
		`{"zone": "UTC", "hours": {"tue": ["22:00-24:30"]}}`,
		`calendar: hours.tue[0]: "24:30": hour out of range`, calendar.ErrBadInterval},
	{"minute 60",
		`{"zone": "UTC", "hours": {"wed": ["09:60-17:00"]}}`,
		`calendar: hours.wed[0]: "09:60": minute out of range`, calendar.ErrBadInterval},
	{"second 60",
		`{"zone": "UTC", "hours": {"wed": ["09:00:60-17:00"]}}`,
		`calendar: hours.wed[0]: "09:00:60": second out of range`, calendar.ErrBadInterval},
	{"a single digit hour",
		`{"zone": "UTC", "hours": {"thu": ["9-17"]}}`,
		`calendar: hours.thu[0]: "9": want HH:MM`, calendar.ErrBadInterval},
	{"no dash",
		`{"zone": "UTC", "hours": {"thu": ["09:00"]}}`,
		`calendar: hours.thu[0]: "09:00": want HH:MM-HH:MM`, calendar.ErrBadInterval},
	{"an empty interval",
		`{"zone": "UTC", "hours": {"fri": ["09:00-09:00"]}}`,
		`calendar: hours.fri[0]: "09:00-09:00": empty interval`, calendar.ErrBadInterval},
	{"a bad interval in a date override",
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "dates": {"2026-12-24": ["09:00-1300"]}}`,
		`calendar: dates.2026-12-24[0]: "1300": want HH:MM`, calendar.ErrBadInterval},
	{"an unknown zone",
		`{"zone": "Mars/Olympus_Mons", "hours": {"mon": ["09:00-17:00"]}}`,
		`calendar: zone: "Mars/Olympus_Mons": unknown time zone`, calendar.ErrUnknownZone},
	{"the host's Local zone is refused",
		`{"zone": "Local", "hours": {"mon": ["09:00-17:00"]}}`,
		`calendar: zone: "Local": unknown time zone: Local depends on the host: name the zone`, calendar.ErrUnknownZone},
	{"a missing zone",
		`{"hours": {"mon": ["09:00-17:00"]}}`,
		`calendar: zone: missing`, calendar.ErrMissing},
	{"an unknown holiday set",
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "holidays": ["us", "xx"]}`,
		`calendar: holidays[1]: "xx": unknown holiday set: see calendar.HolidaySets`, calendar.ErrUnknownHoliday},
	{"an impossible holiday date is no set either",
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "holidays": ["2026-02-30"]}`,
		`calendar: holidays[0]: "2026-02-30": unknown holiday set: see calendar.HolidaySets`, calendar.ErrUnknownHoliday},
	{"holiday_dates other than observed or actual",
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "holidays": ["us"], "holiday_dates": "sometimes"}`,
		`calendar: holiday_dates: "sometimes": malformed: want "observed" or "actual"`, calendar.ErrSyntax},
	{"intervals of one day overlap",
		`{"zone": "UTC", "hours": {"mon": ["09:00-12:00", "11:00-13:00"]}}`,
		`calendar: hours.mon[1]: "11:00-13:00": intervals overlap: with "09:00-12:00"`, calendar.ErrOverlap},
	{"a night shift overlaps the next day's hours",
		`{"zone": "UTC", "hours": {"mon": ["22:00-06:00"], "tue": ["05:00-09:00"]}}`,
		`calendar: hours.mon: "22:00-06:00": intervals overlap: runs into tue 05:00-09:00`, calendar.ErrOverlap},
	{"a Sunday night shift overlaps Monday",
		`{"zone": "UTC", "hours": {"sun": ["23:00-01:00"], "mon-fri": ["00:30-17:00"]}}`,
		`calendar: hours.sun: "23:00-01:00": intervals overlap: runs into mon 00:30-17:00`, calendar.ErrOverlap},
	{"the day before runs into a date override",
		`{"zone": "UTC", "hours": {"mon": ["22:00-06:00"]}, "dates": {"2026-03-10": ["05:00-09:00"]}}`,
		`calendar: dates.2026-03-10: "05:00-09:00": intervals overlap: the day before runs into it until 22:00-06:00`, calendar.ErrOverlap},
	{"a date override runs into the next day",
		`{"zone": "UTC", "hours": {"tue": ["05:00-09:00"]}, "dates": {"2026-03-09": ["22:00-06:00"]}}`,
		`calendar: dates.2026-03-09: "22:00-06:00": intervals overlap: runs into the next day's 05:00-09:00`, calendar.ErrOverlap},
	{"no weekly hours at all",
		`{"zone": "UTC", "hours": {}}`,
		`calendar: hours: no weekly hours: at least one weekday needs an interval`, calendar.ErrNoHours},
	{"only empty weekly hours",
		`{"zone": "UTC", "hours": {"mon-sun": []}, "dates": {"2026-03-10": ["09:00-17:00"]}}`,
		`calendar: hours: no weekly hours: at least one weekday needs an interval`, calendar.ErrNoHours},
	{"no hours key",
		`{"zone": "UTC"}`,
		`calendar: hours: no weekly hours: at least one weekday needs an interval`, calendar.ErrNoHours},
	{"a weekday set twice, by mon-fri and by mon",
		`{"zone": "UTC", "hours": {"mon-fri": ["09:00-17:00"], "mon": ["10:00-12:00"]}}`,
		`calendar: hours.mon-fri: set twice: mon is already set by "mon"`, calendar.ErrDuplicate},
	{"overlapping weekday ranges",
		`{"zone": "UTC", "hours": {"mon-wed": ["09:00-17:00"], "wed-fri": ["10:00-12:00"]}}`,
		`calendar: hours.wed-fri: set twice: wed is already set by "mon-wed"`, calendar.ErrDuplicate},
	{"an unknown weekday",
		`{"zone": "UTC", "hours": {"monday": ["09:00-17:00"]}}`,
		`calendar: hours: "monday": unknown weekday: want mon..sun or a range such as mon-fri`, calendar.ErrBadWeekday},
	{"an unknown weekday in a range",
		`{"zone": "UTC", "hours": {"mon-xyz": ["09:00-17:00"]}}`,
		`calendar: hours: "mon-xyz": unknown weekday: want mon..sun or a range such as mon-fri`, calendar.ErrBadWeekday},
	{"a date key that is no date",
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "dates": {"2026-02-30": []}}`,
		`calendar: dates: "2026-02-30": bad date: want YYYY-MM-DD`, calendar.ErrBadDate},
	{"a date key in another format",
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "dates": {"12/24/2026": []}}`,
		`calendar: dates: "12/24/2026": bad date: want YYYY-MM-DD`, calendar.ErrBadDate},
	{"an unknown field",
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "holyday": ["us"]}`,
		`calendar: holyday: unknown field`, calendar.ErrUnknownField},
	{"trailing data",
		`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}} {}`,
		`calendar: malformed: data after the calendar object`, calendar.ErrSyntax},
	{"a value of the wrong type",
		`{"zone": 5, "hours": {"mon": ["09:00-17:00"]}}`,
		`calendar: zone: "number": malformed: want string`, calendar.ErrSyntax},
	{"truncated JSON",
		`{"zone": "UTC",`,
		`calendar: malformed: unexpected end of input`, calendar.ErrSyntax},
	{"empty input",
		``,
		`calendar: malformed: unexpected end of input`, calendar.ErrSyntax},
	{"not JSON",
		`zone: UTC`,
		`calendar: malformed: invalid character 'z' looking for beginning of value at offset 1`, calendar.ErrSyntax},
}

func TestErrors(t *testing.T) {
	for _, tt := range specErrors {
		t.Run(tt.name, func(t *testing.T) {
			c, err := calendar.Parse([]byte(tt.json))
			if err == nil {
				t.Fatalf("Parse(%s) = %v, want error %q", tt.json, c, tt.want)
			}
			if c != nil {
				t.Errorf("Parse returned a calendar beside the error")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("Parse(%s) error (-want +got):\n%s", tt.json, diff)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			var se *calendar.Error
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *Error", err)
			}
			// New gives the same error for a spec that decodes.
			s, perr := calendar.ParseSpec([]byte(tt.json))
			if perr != nil {
				return
			}
			_, nerr := calendar.New(s)
			if nerr == nil || nerr.Error() != err.Error() {
				t.Errorf("New(ParseSpec(json)) error = %v, want the same as Parse's", nerr)
			}
		})
	}
}

func TestErrorFields(t *testing.T) {
	_, err := calendar.New(calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon": {"09:00-12:00", "13:00-25:00"}}})
	var se *calendar.Error
	if !errors.As(err, &se) {
		t.Fatalf("New: %v, want a *Error", err)
	}
	got := struct{ Path, Value string }{se.Path, se.Value}
	want := struct{ Path, Value string }{"hours.mon[1]", "25:00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Error fields (-want +got):\n%s", diff)
	}
	if !errors.Is(se.Err, calendar.ErrBadInterval) {
		t.Errorf("Error.Err = %v, want it to wrap ErrBadInterval", se.Err)
	}
	if errors.Is(err, calendar.ErrOverlap) {
		t.Errorf("errors.Is(%v, ErrOverlap) = true, want false", err)
	}
}

// A failed New leaves the Spec it was given as it was, and a built
// calendar keeps no reference to it.
func TestNewKeepsNoReference(t *testing.T) {
	s := calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
		Dates:    map[string][]string{"2026-12-24": {"09:00-13:00"}},
	}
	c := mustNew(t, s)
	mon := instant(t, "2026-03-09T10:00:00-04:00")
	s.Hours["mon-fri"][0] = "12:00-13:00"
	s.Dates["2026-12-24"] = nil
	s.Holidays[0] = "gb"
	if !c.IsOpen(mon) {
		t.Errorf("changing the Spec after New changed the calendar")
	}
	got := c.Spec()
	want := calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
		Dates:    map[string][]string{"2026-12-24": {"09:00-13:00"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Spec() (-want +got):\n%s", diff)
	}
	got.Hours["mon-fri"][0] = "12:00-13:00"
	if diff := cmp.Diff(want, c.Spec()); diff != "" {
		t.Errorf("changing what Spec() returned changed the calendar (-want +got):\n%s", diff)
	}

	bad := calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon": {"09:00-12:00", "11:00-13:00"}}, Holidays: []string{"us"}}
	before := calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon": {"09:00-12:00", "11:00-13:00"}}, Holidays: []string{"us"}}
	if _, err := calendar.New(bad); err == nil {
		t.Fatalf("New(%+v) succeeded, want an overlap error", bad)
	}
	if diff := cmp.Diff(before, bad); diff != "" {
		t.Errorf("a failed New changed its argument (-want +got):\n%s", diff)
	}
}

func TestParseSpecFields(t *testing.T) {
	got, err := calendar.ParseSpec([]byte(`{"zone": "America/New_York",
		"hours": {"mon": ["09:00-12:00", "13:00-17:00"], "tue-fri": ["09:00-17:00"], "sat": ["22:00-06:00"]},
		"holidays": ["us", "2026-12-26", "12-31"],
		"holiday_dates": "actual",
		"dates": {"2026-12-24": ["09:00-13:00"], "2026-12-31": []}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := calendar.Spec{
		Zone:         "America/New_York",
		Hours:        map[string][]string{"mon": {"09:00-12:00", "13:00-17:00"}, "tue-fri": {"09:00-17:00"}, "sat": {"22:00-06:00"}},
		Holidays:     []string{"us", "2026-12-26", "12-31"},
		HolidayDates: "actual",
		Dates:        map[string][]string{"2026-12-24": {"09:00-13:00"}, "2026-12-31": {}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseSpec (-want +got):\n%s", diff)
	}
	// The Spec survives a JSON round trip, and the calendar built from
	// the round trip answers the same.
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	again, err := calendar.ParseSpec(b)
	if err != nil {
		t.Fatalf("ParseSpec(%s): %v", b, err)
	}
	if diff := cmp.Diff(want, again); diff != "" {
		t.Errorf("round trip through %s (-want +got):\n%s", b, diff)
	}
}

// Valid specs, each with an answer worked out by hand.
func TestSpecValid(t *testing.T) {
	tests := []struct {
		name     string
		json     string
		from, to string
		want     time.Duration
	}{
		{"24x7 UTC: a week is 168 hours",
			`{"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}`,
			"2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", 168 * time.Hour},
		{"24x7 in New York across the spring change: 167 hours",
			`{"zone": "America/New_York", "hours": {"mon-sun": ["00:00-24:00"]}}`,
			"2026-03-02T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 167 * time.Hour},
		{"a Saturday night shift 22:00-06:00 is 8 hours of the weekend",
			`{"zone": "UTC", "hours": {"sat": ["22:00-06:00"]}}`,
			"2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z", 8 * time.Hour},
		{"a night shift closing at 00:00 is the same as 24:00",
			`{"zone": "UTC", "hours": {"sat": ["22:00-00:00"]}}`,
			"2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z", 2 * time.Hour},
		{"fri-mon wraps past Sunday: Friday to Monday, 4 days of 8 hours",
			`{"zone": "UTC", "hours": {"fri-mon": ["09:00-17:00"]}}`,
			"2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", 32 * time.Hour},
		{"sat-sun and mon-fri together make the whole week",
			`{"zone": "UTC", "hours": {"sat-sun": ["10:00-14:00"], "mon-fri": ["09:00-17:00"]}}`,
			"2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z", 48 * time.Hour},
		{"seconds: 09:00:30-17:00:15 is 7h59m45s",
			`{"zone": "UTC", "hours": {"mon": ["09:00:30-17:00:15"]}}`,
			"2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z", 7*time.Hour + 59*time.Minute + 45*time.Second},
		{"a break: 09:00-12:00 and 13:00-17:00 is 7 hours",
			`{"zone": "UTC", "hours": {"mon": ["13:00-17:00", "09:00-12:00"]}}`,
			"2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z", 7 * time.Hour},
		{"an empty weekday list is a closed day",
			`{"zone": "UTC", "hours": {"mon": ["09:00-17:00"], "tue": []}}`,
			"2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z", 8 * time.Hour},
		{"a date override: a half day on Christmas Eve",
			`{"zone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}, "dates": {"2026-12-24": ["09:00-13:00"]}}`,
			"2026-12-24T00:00:00Z", "2026-12-25T00:00:00Z", 4 * time.Hour},
		{"a date override: an extra opening on a Sunday",
			`{"zone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}, "dates": {"2026-03-08": ["10:00-12:00"]}}`,
			"2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z", 2 * time.Hour},
		{"a date override: [] closes the date",
			`{"zone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}, "dates": {"2026-12-31": []}}`,
			"2026-12-28T00:00:00Z", "2027-01-02T00:00:00Z", 32 * time.Hour},
		{"a date override wins over a holiday on the same date",
			`{"zone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["2026-12-24"], "dates": {"2026-12-24": ["09:00-13:00"]}}`,
			"2026-12-24T00:00:00Z", "2026-12-25T00:00:00Z", 4 * time.Hour},
		{"a holiday does not cut short the night shift of the day before",
			`{"zone": "UTC", "hours": {"fri-sat": ["22:00-06:00"]}, "holidays": ["2026-03-07"]}`,
			"2026-03-06T00:00:00Z", "2026-03-09T00:00:00Z", 8 * time.Hour},
		{"a holiday closes its own night shift, also the part after midnight",
			`{"zone": "UTC", "hours": {"fri": ["22:00-06:00"]}, "holidays": ["2026-03-06"]}`,
			"2026-03-06T00:00:00Z", "2026-03-09T00:00:00Z", 0},
		{"a yearly holiday 12-25 closes Christmas in 2026 and 2027",
			`{"zone": "UTC", "hours": {"mon-sun": ["09:00-17:00"]}, "holidays": ["12-25"]}`,
			"2026-12-25T00:00:00Z", "2027-12-26T00:00:00Z", (366 - 2) * 8 * time.Hour},
		{"a yearly 02-29 closes only leap days",
			`{"zone": "UTC", "hours": {"mon-sun": ["09:00-17:00"]}, "holidays": ["02-29"]}`,
			"2027-02-28T00:00:00Z", "2028-03-01T00:00:00Z", (367 - 1) * 8 * time.Hour},
		{"us observed: Independence Day on Saturday 2026-07-04 closes Friday, Saturday stays open",
			`{"zone": "America/New_York", "hours": {"mon-sat": ["09:00-17:00"]}, "holidays": ["us"]}`,
			"2026-07-03T00:00:00-04:00", "2026-07-05T00:00:00-04:00", 8 * time.Hour},
		{"us actual: Independence Day closes Saturday 2026-07-04, Friday stays open",
			`{"zone": "America/New_York", "hours": {"mon-sat": ["09:00-17:00"]}, "holidays": ["us"], "holiday_dates": "actual"}`,
			"2026-07-03T00:00:00-04:00", "2026-07-05T00:00:00-04:00", 8 * time.Hour},
		{"de-by: Corpus Christi 2026-06-04 is closed in Bavaria",
			`{"zone": "Europe/Berlin", "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["de-by"]}`,
			"2026-06-04T00:00:00+02:00", "2026-06-05T00:00:00+02:00", 0},
		{"au-nsw: Boxing Day on Saturday 2026-12-26 closes Monday 12-28",
			`{"zone": "Australia/Sydney", "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["au-nsw"]}`,
			"2026-12-28T00:00:00+11:00", "2026-12-29T00:00:00+11:00", 0},
		{"holiday_dates observed is the default",
			`{"zone": "America/New_York", "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["us"], "holiday_dates": "observed"}`,
			"2026-07-03T00:00:00-04:00", "2026-07-04T00:00:00-04:00", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := calendar.Parse([]byte(tt.json))
			if err != nil {
				t.Fatalf("Parse(%s): %v", tt.json, err)
			}
			if got := c.Between(instant(t, tt.from), instant(t, tt.to)); got != tt.want {
				t.Errorf("Between(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestSecondsInWallTimes(t *testing.T) {
	c := mustNew(t, calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon": {"09:00:30-17:00:15"}}})
	tests := []struct {
		name string
		t    string
		want bool
	}{
		{"closed a second before the opening", "2026-03-09T09:00:29Z", false},
		{"open at the opening second", "2026-03-09T09:00:30Z", true},
		{"open in the last second", "2026-03-09T17:00:14.999999999Z", true},
		{"closed at the closing second", "2026-03-09T17:00:15Z", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.IsOpen(instant(t, tt.t)); got != tt.want {
				t.Errorf("IsOpen(%s) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
	if u, ok := c.NextClose(instant(t, "2026-03-09T10:00:00Z")); !ok || !u.Equal(instant(t, "2026-03-09T17:00:15Z")) {
		t.Errorf("NextClose = %s, %v, want 2026-03-09T17:00:15Z", show(u), ok)
	}
}

// Runs join across touching intervals, midnight and 24:00.
func TestRunsMerge(t *testing.T) {
	tests := []struct {
		name  string
		hours map[string][]string
		t     string
		want  string // NextClose, "none" for never
	}{
		{"touching intervals are one run", map[string][]string{"mon": {"09:00-12:00", "12:00-17:00"}}, "2026-03-09T10:00:00Z", "2026-03-09T17:00:00Z"},
		{"24:00 and the next day's 00:00 are one run", map[string][]string{"mon": {"18:00-24:00"}, "tue": {"00:00-02:00"}}, "2026-03-09T19:00:00Z", "2026-03-10T02:00:00Z"},
		{"a night shift ending at the next day's opening is one run", map[string][]string{"mon": {"22:00-06:00"}, "tue": {"06:00-09:00"}}, "2026-03-09T23:00:00Z", "2026-03-10T09:00:00Z"},
		{"a closed instant waits for the next run and reports its end", map[string][]string{"mon": {"09:00-12:00", "13:00-17:00"}}, "2026-03-09T12:30:00Z", "2026-03-09T17:00:00Z"},
		{"24x7 never closes", map[string][]string{"mon-sun": {"00:00-24:00"}}, "2026-03-09T12:30:00Z", "none"},
		{"day and night shifts back to back never close", map[string][]string{"mon-sun": {"18:00-06:00", "06:00-18:00"}}, "2026-03-09T12:30:00Z", "none"},
		{"two halves of every day never close", map[string][]string{"mon-sun": {"00:00-12:00", "12:00-24:00"}}, "2026-03-09T12:30:00Z", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustNew(t, calendar.Spec{Zone: "UTC", Hours: tt.hours})
			if diff := cmp.Diff(tt.want, rfc3339ok(c.NextClose(instant(t, tt.t)))); diff != "" {
				t.Errorf("NextClose (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHolidaySets(t *testing.T) {
	sets := calendar.HolidaySets()
	if !slices.IsSorted(sets) {
		t.Errorf("HolidaySets() is not sorted: %q", sets)
	}
	if len(slices.Compact(slices.Clone(sets))) != len(sets) {
		t.Errorf("HolidaySets() has duplicates: %q", sets)
	}
	for _, want := range []string{"us", "gb", "de", "de-by", "au-nsw", "ecb"} {
		if !slices.Contains(sets, want) {
			t.Errorf("HolidaySets() lacks %q", want)
		}
	}
	for _, code := range sets {
		for _, dates := range []string{"observed", "actual"} {
			if _, err := calendar.New(calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{code}, HolidayDates: dates}); err != nil {
				t.Errorf("holiday set %q (%s): %v", code, dates, err)
			}
		}
	}
}

func TestAlways(t *testing.T) {
	c := calendar.Always()
	if got := c.Location().String(); got != "UTC" {
		t.Errorf("Always().Location() = %q, want UTC", got)
	}
	ny := loadZone(t, "America/New_York")
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, ny)
	if got := c.Between(day, day.AddDate(0, 0, 1)); got != 25*time.Hour {
		t.Errorf("Always, the New York date 2026-11-01 = %v, want 25h", got)
	}
	if _, ok := c.NextClose(day); ok {
		t.Errorf("Always().NextClose reports a close")
	}
	if u := c.Add(day, 1000*time.Hour); !u.Equal(day.Add(1000 * time.Hour)) {
		t.Errorf("Always().Add(t, 1000h) = %s, want %s", show(u), show(day.Add(1000*time.Hour)))
	}
}

// AddDays keeps the wall clock and clamps it into the target day's hours.
func TestAddDaysClamp(t *testing.T) {
	c := mustNew(t, calendar.Spec{
		Zone: "UTC",
		Hours: map[string][]string{
			"mon": {"09:00-12:00", "13:00-17:00"},
			"tue": {"10:00-11:00", "14:00-15:00"},
			"fri": {"09:00-17:00"},
		},
		Holidays: []string{"2026-03-16"}, // a Monday
	})
	tests := []struct {
		name string
		t    string
		n    int
		want string
	}{
		{"in a break: a closed start first moves to Monday 13:00, Tuesday 13:00 is in a break, so 14:00", "2026-03-09T12:30:00Z", 1, "2026-03-10T14:00:00Z"},
		{"after the last close: Tuesday 16:30 is clamped to 15:00", "2026-03-09T16:30:00Z", 1, "2026-03-10T15:00:00Z"},
		{"before the first opening: Tuesday 09:30 is clamped to 10:00", "2026-03-09T09:30:00Z", 1, "2026-03-10T10:00:00Z"},
		{"inside hours: Tuesday 10:30 back one day is Monday 10:30", "2026-03-10T10:30:00Z", -1, "2026-03-09T10:30:00Z"},
		{"Wednesday and Thursday have no hours: Tuesday 10:30 plus one day is Friday 10:30", "2026-03-10T10:30:00Z", 1, "2026-03-13T10:30:00Z"},
		{"a holiday is no working day: Friday plus one day skips Monday the 16th", "2026-03-13T10:30:00Z", 1, "2026-03-17T10:30:00Z"},
		{"zero days is NextOpen", "2026-03-11T10:30:00Z", 0, "2026-03-13T09:00:00Z"},
		{"a closed start moves to Friday 09:00 first; minus one day is Tuesday 09:00, clamped to 10:00", "2026-03-11T10:30:00Z", -1, "2026-03-10T10:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, rfc3339(c.AddDays(instant(t, tt.t), tt.n))); diff != "" {
				t.Errorf("AddDays(%s, %d) (-want +got):\n%s", tt.t, tt.n, diff)
			}
		})
	}
}
