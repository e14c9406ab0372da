package ical

import (
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestDayArithmetic checks day against the time package, day by day, from
// 1800 to 2200 (every day from year 0 to 9999 with SLACLOCK_LONG=1).
func TestDayArithmetic(t *testing.T) {
	from, to := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC)
	if os.Getenv("SLACLOCK_LONG") == "1" {
		from, to = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	want := day(from.Unix() / 86400)
	for tm := from; !tm.After(to); tm = tm.AddDate(0, 0, 1) {
		d := dayOf(tm.Year(), int(tm.Month()), tm.Day())
		y, m, dd := d.date()
		if d != want || y != tm.Year() || m != int(tm.Month()) || dd != tm.Day() ||
			d.weekday() != (int(tm.Weekday())+6)%7 || monthLen(y, m) != time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			t.Fatalf("%s: day %d (want %d), date %d-%d-%d, weekday %d", tm.Format("2006-01-02"), d, want, y, m, dd, d.weekday())
		}
		if tm.Year() >= 1000 && d.String() != tm.Format("2006-01-02") {
			t.Fatalf("%s: String %s", tm.Format("2006-01-02"), d)
		}
		want++
	}
}

func TestDateSet(t *testing.T) {
	tests := []struct {
		name  string
		spans [][2]day
		want  []string
	}{
		{"empty", nil, []string{}},
		{"a span across a word boundary", [][2]day{{firstDay + 62, firstDay + 66}},
			[]string{"1900-03-04", "1900-03-05", "1900-03-06", "1900-03-07"}},
		{"spans cut at the range's edges", [][2]day{{firstDay - 5, firstDay + 1}, {lastDay, lastDay + 9}},
			[]string{"1900-01-01", "2149-12-31"}},
		{"spans wholly outside", [][2]day{{firstDay - 5, firstDay}, {lastDay + 1, lastDay + 9}, {firstDay + 3, firstDay + 3}}, []string{}},
		{"overlapping spans", [][2]day{{firstDay + 1, firstDay + 3}, {firstDay + 2, firstDay + 4}},
			[]string{"1900-01-02", "1900-01-03", "1900-01-04"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newDateSet()
			for _, sp := range tt.spans {
				s.add(sp[0], sp[1])
			}
			if diff := cmp.Diff(tt.want, s.strings()); diff != "" {
				t.Errorf("strings (-want +got):\n%s", diff)
			}
		})
	}
	s := newDateSet()
	s.add(firstDay-100, lastDay+100)
	if got := s.strings(); len(got) != 91311 || got[0] != "1900-01-01" || got[len(got)-1] != "2149-12-31" {
		t.Errorf("the whole range: %d dates, %s to %s; want 91311, 1900-01-01 to 2149-12-31", len(got), got[0], got[len(got)-1])
	}
}

// TestSteps pins the costs the MaxSteps doc quotes.
func TestSteps(t *testing.T) {
	tests := []struct {
		name, rule string
		start      day
		want       int
	}{
		{"a yearly holiday over the whole range", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", dayOf(1900, 12, 25), 750},
		{"a yearly holiday from 1600: the years before the range are skipped", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", dayOf(1600, 12, 25), 750},
		{"a daily rule over the whole range", "FREQ=DAILY", firstDay, 2 * 91311},
		{"an impossible yearly rule costs its periods", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", dayOf(1900, 1, 1), 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parseRule(tt.rule, tt.start)
			if err != nil {
				t.Fatal(err)
			}
			steps := 0
			if !r.each(tt.start, &steps, func(day) {}) {
				t.Fatal("each stopped")
			}
			if steps != tt.want {
				t.Errorf("steps = %d, want %d", steps, tt.want)
			}
		})
	}
}
