package calendar

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// TestUnionAgainstMembers checks a union minute by minute against its
// members: open exactly when one of them is, and its business time the
// count of such minutes.
func TestUnionAgainstMembers(t *testing.T) {
	specs := []Spec{
		{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-12:00", "13:00-17:00"}}, Holidays: []string{"2026-03-09"}},
		{Zone: "Europe/London", Hours: map[string][]string{"mon-fri": {"08:00-16:00"}, "sat": {"22:00-02:00"}}},
		{Zone: "Australia/Lord_Howe", Hours: map[string][]string{"mon-sun": {"01:30-03:00", "09:00-17:00"}}, Dates: map[string][]string{"2026-04-05": {"00:00-24:00"}}},
		{Zone: "Asia/Jerusalem", Hours: map[string][]string{"sun-thu": {"08:30-17:30"}}},
	}
	cals := make([]*Calendar, len(specs))
	for i, s := range specs {
		c, err := New(s)
		if err != nil {
			t.Fatal(err)
		}
		cals[i] = c
	}
	r := rand.New(rand.NewPCG(7, 11))
	// Around New York's spring change and London's, Lord Howe's autumn one.
	starts := []time.Time{
		time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 3, 27, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC),
	}
	for trial := range 12 {
		members := []*Calendar{}
		for _, c := range cals {
			if r.IntN(2) == 0 {
				members = append(members, c)
			}
		}
		if len(members) == 0 {
			members = append(members, cals[trial%len(cals)])
		}
		u, err := Union(members...)
		if err != nil {
			t.Fatal(err)
		}
		from := starts[trial%len(starts)]
		const minutes = 4 * 24 * 60
		var open time.Duration
		for m := range minutes {
			at := from.Add(time.Duration(m) * time.Minute)
			want := false
			for _, c := range members {
				want = want || c.IsOpen(at)
			}
			if got := u.IsOpen(at); got != want {
				t.Fatalf("trial %d: union of %d: IsOpen(%s) = %v, want %v", trial, len(members), at.Format(time.RFC3339), got, want)
			}
			if want {
				open += time.Minute
			}
			if m%97 == 0 {
				if got := u.Between(from, at.Add(time.Minute)); got != open {
					t.Fatalf("trial %d: Between(%s, %s) = %v, want %v", trial, from.Format(time.RFC3339), at.Add(time.Minute).Format(time.RFC3339), got, open)
				}
			}
		}
		if open > 0 {
			d := time.Duration(r.Int64N(int64(open/time.Minute))+1) * time.Minute
			due := u.Add(from, d)
			if got := u.Between(from, due); got != d {
				t.Errorf("trial %d: Between(from, Add(from, %v)) = %v", trial, d, got)
			}
			if due.Add(-time.Minute).Before(from) || u.Between(from, due.Add(-time.Minute)) == d {
				t.Errorf("trial %d: Add(from, %v) = %s is not the earliest", trial, d, due)
			}
		}
	}
}

func TestUnionErrors(t *testing.T) {
	if _, err := Union(); err == nil {
		t.Error("Union() = nil error, want one")
	}
	if _, err := Union(Always(), nil); err == nil || fmt.Sprint(err) != `calendar: union[1]: missing: nil calendar` {
		t.Errorf("Union(c, nil) error = %v", err)
	}
	c := Always()
	if u, err := Union(c); err != nil || u != c {
		t.Errorf("Union(c) = %v, %v; want c itself", u, err)
	}
}

// A union of calendars in one zone is the calendar of their hours: every
// answer agrees with the single calendar's, AddDays's too where no night
// shift makes a union open on a date with no hours of its own.
func TestUnionAsSingle(t *testing.T) {
	zone := "America/New_York"
	whole, err := New(Spec{Zone: zone, Hours: map[string][]string{"mon-fri": {"09:00-12:00", "13:00-17:00"}, "sat": {"18:00-22:00"}},
		Holidays: []string{"2026-03-10"}, Dates: map[string][]string{"2026-03-12": {"10:00-11:00"}}})
	if err != nil {
		t.Fatal(err)
	}
	var parts []*Calendar
	for _, s := range []Spec{
		{Zone: zone, Hours: map[string][]string{"mon-wed": {"09:00-12:00"}, "thu-fri": {"09:00-12:00"}}, Holidays: []string{"2026-03-10"}, Dates: map[string][]string{"2026-03-12": {}}},
		{Zone: zone, Hours: map[string][]string{"mon-fri": {"13:00-17:00"}, "sat": {"18:00-22:00"}}, Holidays: []string{"2026-03-10"}, Dates: map[string][]string{"2026-03-12": {"10:00-11:00"}}},
	} {
		c, err := New(s)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, c)
	}
	u, err := Union(parts...)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 5))
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for range 2000 {
		at := base.Add(time.Duration(r.Int64N(int64(40 * 24 * time.Hour))))
		n := r.IntN(41) - 20
		if got, want := u.AddDays(at, n), whole.AddDays(at, n); !got.Equal(want) {
			t.Fatalf("AddDays(%s, %d): union %s, single %s", at.Format(time.RFC3339), n, got.Format(time.RFC3339), want.Format(time.RFC3339))
		}
		d := time.Duration(r.Int64N(int64(100 * time.Hour)))
		if got, want := u.Add(at, d), whole.Add(at, d); !got.Equal(want) {
			t.Fatalf("Add(%s, %v): union %s, single %s", at.Format(time.RFC3339), d, got.Format(time.RFC3339), want.Format(time.RFC3339))
		}
		if got, want := u.Between(base, at), whole.Between(base, at); got != want {
			t.Fatalf("Between(%s, %s): union %v, single %v", base.Format(time.RFC3339), at.Format(time.RFC3339), got, want)
		}
	}
}

// A union of unions is the union of all their members.
func TestUnionOfUnions(t *testing.T) {
	var cals []*Calendar
	for _, s := range []Spec{
		{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}},
		{Zone: "Europe/London", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}, "sat": {"22:00-02:00"}}, Holidays: []string{"gb"}},
		{Zone: "Asia/Tokyo", Hours: map[string][]string{"mon-fri": {"09:00-18:00"}}, Dates: map[string][]string{"2026-03-20": {}}},
	} {
		c, err := New(s)
		if err != nil {
			t.Fatal(err)
		}
		cals = append(cals, c)
	}
	mustUnion := func(cs ...*Calendar) *Calendar {
		u, err := Union(cs...)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	all := mustUnion(cals...)
	nested := mustUnion(mustUnion(cals[0], cals[1]), cals[2])
	r := rand.New(rand.NewPCG(17, 19))
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for range 2000 {
		a := base.Add(time.Duration(r.Int64N(int64(60 * 24 * time.Hour))))
		b := a.Add(time.Duration(r.Int64N(int64(400 * 24 * time.Hour))))
		if got, want := nested.Between(a, b), all.Between(a, b); got != want {
			t.Fatalf("Between(%s, %s): nested %v, flat %v", a.Format(time.RFC3339), b.Format(time.RFC3339), got, want)
		}
		if got, want := nested.IsOpen(a), all.IsOpen(a); got != want {
			t.Fatalf("IsOpen(%s): nested %v, flat %v", a.Format(time.RFC3339), got, want)
		}
		d := time.Duration(r.Int64N(int64(2000 * time.Hour)))
		if got, want := nested.Add(a, d), all.Add(a, d); !got.Equal(want) {
			t.Fatalf("Add(%s, %v): nested %s, flat %s", a.Format(time.RFC3339), d, got.Format(time.RFC3339), want.Format(time.RFC3339))
		}
	}
}
