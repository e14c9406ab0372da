package ical_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/calendar/ical"
)

func readFile(t testing.TB, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dates, err := ical.Holidays(f)
	if err != nil {
		t.Fatalf("Holidays(%s): %v", name, err)
	}
	return dates
}

// openAt reports whether c is open at 10:00 on date ("2006-01-02") in loc.
func openAt(t *testing.T, c *calendar.Calendar, loc *time.Location, date string) bool {
	t.Helper()
	d, err := time.ParseInLocation("2006-01-02 15:04", date+" 10:00", loc)
	if err != nil {
		t.Fatal(err)
	}
	return c.IsOpen(d)
}

// TestGoogleExport reads testdata/google-de.ics, Germany's public holidays
// for 2021-2030 as Google Calendar exports them (one event per holiday and
// year, TRANSP:TRANSPARENT, folded descriptions with escaped commas), and
// checks them against github.com/rickar/cal/v2/de.
func TestGoogleExport(t *testing.T) {
	dates := readFile(t, "testdata/google-de.ics")
	var want []string
	for y := 2021; y <= 2030; y++ {
		for _, h := range []*cal.Holiday{de.Neujahr, de.HeiligeDreiKoenige, de.Frauentag, de.Karfreitag, de.Ostermontag,
			de.TagderArbeit, de.ChristiHimmelfahrt, de.Pfingstmontag, de.Fronleichnam, de.MariaHimmelfahrt, de.Weltkindertag,
			de.DeutschenEinheit, de.Reformationstag, de.Allerheiligen, de.BussUndBettag, de.Weihnachtstag, de.ZweiterWeihnachtsfeiertag} {
			if _, d := h.Calc(y); !d.IsZero() {
				want = append(want, d.Format("2006-01-02"))
			}
		}
	}
	slices.Sort(want)
	if diff := cmp.Diff(slices.Compact(want), dates); diff != "" {
		t.Errorf("dates (-rickar/cal/v2/de +Holidays):\n%s", diff)
	}

	berlin, _ := time.LoadLocation("Europe/Berlin")
	c, err := calendar.New(calendar.Spec{Zone: "Europe/Berlin", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: dates})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, date string
		open       bool
	}{
		{"Good Friday 2026", "2026-04-03", false},
		{"Easter Monday 2026", "2026-04-06", false},
		{"the Tuesday after Easter", "2026-04-07", true},
		{"Ascension Day 2026", "2026-05-14", false},
		{"Whit Monday 2026", "2026-05-25", false},
		{"Corpus Christi, a regional holiday, counts like every event", "2026-06-04", false},
		{"Christmas Eve is not a public holiday", "2026-12-24", true},
		{"Christmas Day 2026", "2026-12-25", false},
		{"Boxing Day 2030", "2030-12-26", false},
		{"New Year's Day 2031 is past the export", "2031-01-01", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := openAt(t, c, berlin, tt.date); got != tt.open {
				t.Errorf("IsOpen(%s 10:00) = %v, want %v", tt.date, got, tt.open)
			}
		})
	}
}

// TestOutlookExport reads testdata/outlook-company.ics, a company holiday
// calendar as Outlook exports it: yearly RRULEs from 2026 on, a VTIMEZONE,
// an EXDATE, two RECURRENCE-ID overrides that move Independence Day off a
// weekend, a two-day event written as midnight to midnight in a TZID with
// X-MICROSOFT-CDO-ALLDAYEVENT, a cancelled event, a timed party and a
// VALARM.
func TestOutlookExport(t *testing.T) {
	dates := readFile(t, "testdata/outlook-company.ics")
	year := func(y string) []string {
		var out []string
		for _, d := range dates {
			if strings.HasPrefix(d, y) {
				out = append(out, d)
			}
		}
		return out
	}
	for _, tt := range []struct {
		name, year string
		want       []string
	}{
		{"2026: July 4 is a Saturday, observed on Friday; Founders' Day is cancelled; the party is timed", "2026",
			[]string{"2026-01-01", "2026-05-25", "2026-07-03", "2026-08-14", "2026-09-07", "2026-11-26", "2026-11-27", "2026-12-24", "2026-12-25"}},
		{"2027: July 4 is a Sunday, observed on Monday", "2027",
			[]string{"2027-01-01", "2027-05-31", "2027-07-05", "2027-08-13", "2027-09-06", "2027-11-25", "2027-11-26", "2027-12-24", "2027-12-25"}},
		{"2028: Christmas is taken out of the rule and planned on its own", "2028",
			[]string{"2028-01-01", "2028-05-29", "2028-07-04", "2028-08-11", "2028-09-04", "2028-11-23", "2028-11-24", "2028-12-25", "2028-12-26"}},
		{"2029: Summer Friday is excluded", "2029",
			[]string{"2029-01-01", "2029-05-28", "2029-07-04", "2029-09-03", "2029-11-22", "2029-11-23", "2029-12-24", "2029-12-25"}},
		{"2031: Summer Friday's COUNT is used up", "2031",
			[]string{"2031-01-01", "2031-05-26", "2031-07-04", "2031-09-01", "2031-11-27", "2031-11-28", "2031-12-24", "2031-12-25"}},
		{"2149: the rules run to the end of the range", "2149",
			[]string{"2149-01-01", "2149-05-26", "2149-07-04", "2149-09-01", "2149-11-27", "2149-11-28", "2149-12-24", "2149-12-25"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, year(tt.year)); diff != "" {
				t.Errorf("dates (-want +got):\n%s", diff)
			}
		})
	}

	ny, _ := time.LoadLocation("America/New_York")
	c, err := calendar.New(calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: dates})
	if err != nil {
		t.Fatal(err)
	}
	if openAt(t, c, ny, "2026-07-03") || openAt(t, c, ny, "2026-11-27") || !openAt(t, c, ny, "2026-09-15") || !openAt(t, c, ny, "2026-12-18") {
		t.Errorf("open on 2026-07-03 %v, 2026-11-27 %v, 2026-09-15 %v, 2026-12-18 %v; want false, false, true, true",
			openAt(t, c, ny, "2026-07-03"), openAt(t, c, ny, "2026-11-27"), openAt(t, c, ny, "2026-09-15"), openAt(t, c, ny, "2026-12-18"))
	}
	next, _ := c.NextOpen(time.Date(2026, 12, 24, 10, 0, 0, 0, ny))
	if want := time.Date(2026, 12, 28, 9, 0, 0, 0, ny); !next.Equal(want) {
		t.Errorf("NextOpen(Christmas Eve 2026 10:00) = %v, want %v", next, want)
	}
}
