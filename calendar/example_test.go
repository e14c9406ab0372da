package calendar_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

const day = "Mon 2006-01-02 15:04 MST"

func ExampleNew() {
	c, err := calendar.New(calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ny, _ := time.LoadLocation("America/New_York")
	fmt.Println(c.Location())
	fmt.Println("Thursday 2026-07-02 10:00:", c.IsOpen(time.Date(2026, 7, 2, 10, 0, 0, 0, ny)))
	// Independence Day falls on Saturday 2026-07-04 and is observed on Friday.
	fmt.Println("Friday 2026-07-03 10:00:", c.IsOpen(time.Date(2026, 7, 3, 10, 0, 0, 0, ny)))
	// Output:
	// America/New_York
	// Thursday 2026-07-02 10:00: true
	// Friday 2026-07-03 10:00: false
}

func ExampleParse() {
	c, err := calendar.Parse([]byte(`{"zone": "America/New_York",
		"hours": {"mon": ["09:00-12:00", "13:00-17:00"], "tue-fri": ["09:00-17:00"],
		          "sat": ["22:00-06:00"]},
		"holidays": ["us"],
		"dates": {"2026-12-24": ["09:00-13:00"], "2026-12-31": []}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	ny, _ := time.LoadLocation("America/New_York")
	// Christmas week: Monday 7h, Tuesday and Wednesday 8h, Christmas Eve
	// 4h, Christmas Day closed, the Saturday night shift 8h.
	fmt.Println(c.Between(time.Date(2026, 12, 21, 0, 0, 0, 0, ny), time.Date(2026, 12, 28, 0, 0, 0, 0, ny)))
	next, _ := c.NextOpen(time.Date(2026, 12, 25, 10, 0, 0, 0, ny))
	fmt.Println(next.Format(day))
	// New Year's Eve is closed by "dates", New Year's Day by "us".
	next, _ = c.NextOpen(time.Date(2026, 12, 31, 10, 0, 0, 0, ny))
	fmt.Println(next.Format(day))
	// Output:
	// 35h0m0s
	// Sat 2026-12-26 22:00 EST
	// Sat 2027-01-02 22:00 EST
}

func ExampleParseSpec() {
	s, err := calendar.ParseSpec([]byte(`{"zone": "Europe/London", "hours": {"mon-fri": ["09:00-17:30"]}, "holidays": ["gb"]}`))
	fmt.Println(s.Zone, s.Hours["mon-fri"], s.Holidays, err)
	_, err = calendar.ParseSpec([]byte(`{"zone": "Europe/London", "hour": {}}`))
	fmt.Println(err)
	// Output:
	// Europe/London [09:00-17:30] [gb] <nil>
	// calendar: hour: unknown field
}

func ExampleSpec() {
	c, err := calendar.New(calendar.Spec{
		Zone:         "Europe/Berlin",
		Hours:        map[string][]string{"mon-fri": {"08:00-12:00", "13:00-16:30"}},
		Holidays:     []string{"de-by", "12-24"}, // Bavaria, and Christmas Eve every year
		HolidayDates: "observed",
		Dates:        map[string][]string{"2026-12-31": {"08:00-12:00"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	week := func(y int, m time.Month, d int) time.Duration {
		from := time.Date(y, m, d, 0, 0, 0, 0, berlin)
		return c.Between(from, from.AddDate(0, 0, 7))
	}
	// Three days of 7.5h; Christmas Eve and Christmas Day closed.
	fmt.Println(week(2026, 12, 21))
	// Three days of 7.5h, a half day on New Year's Eve, New Year's Day closed.
	fmt.Println(week(2026, 12, 28))
	// Output:
	// 22h30m0s
	// 26h30m0s
}

func ExampleCalendar() {
	c, _ := calendar.New(calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
	})
	ny, _ := time.LoadLocation("America/New_York")
	opened := time.Date(2026, 3, 6, 15, 0, 0, 0, ny) // a Friday
	due := c.Add(opened, 8*time.Hour)
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, ny) // Monday, after the clocks went forward
	used := c.Between(opened, now)
	fmt.Println("due", due.Format(day))
	fmt.Printf("used %v, left %v\n", used, c.Between(now, due))
	// Output:
	// due Mon 2026-03-09 15:00 EDT
	// used 3h0m0s, left 5h0m0s
}

func ExampleCalendar_Add() {
	c, _ := calendar.New(calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
	})
	ny, _ := time.LoadLocation("America/New_York")
	friday := time.Date(2026, 3, 6, 16, 0, 0, 0, ny)
	// 4 business hours after Friday 16:00: one on Friday, three on Monday,
	// across the weekend the clocks go forward.
	fmt.Println(c.Add(friday, 4*time.Hour).Format(day))
	// A deadline that uses the last open second is the closing instant.
	fmt.Println(c.Add(time.Date(2026, 3, 6, 13, 0, 0, 0, ny), 4*time.Hour).Format(day))
	// Backwards: 2 business hours before Monday 10:00.
	fmt.Println(c.Add(time.Date(2026, 3, 9, 10, 0, 0, 0, ny), -2*time.Hour).Format(day))
	// Output:
	// Mon 2026-03-09 12:00 EDT
	// Fri 2026-03-06 17:00 EST
	// Fri 2026-03-06 16:00 EST
}

func ExampleCalendar_Between() {
	c, _ := calendar.New(calendar.Spec{Zone: "Europe/London", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}})
	london, _ := time.LoadLocation("Europe/London")
	fri := time.Date(2026, 3, 27, 12, 0, 0, 0, london)
	mon := time.Date(2026, 3, 30, 12, 0, 0, 0, london)
	fmt.Println(c.Between(fri, mon))
	fmt.Println(c.Between(mon, fri))
	// 24x7 on the Sunday the clocks go forward.
	all, _ := calendar.New(calendar.Spec{Zone: "Europe/London", Hours: map[string][]string{"mon-sun": {"00:00-24:00"}}})
	sunday := time.Date(2026, 3, 29, 0, 0, 0, 0, london)
	fmt.Println(all.Between(sunday, sunday.AddDate(0, 0, 1)))
	// Output:
	// 8h0m0s
	// -8h0m0s
	// 23h0m0s
}

func ExampleCalendar_IsOpen() {
	c, _ := calendar.New(calendar.Spec{Zone: "Europe/Berlin", Hours: map[string][]string{"sat": {"22:00-06:00"}}})
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, t := range []time.Time{
		time.Date(2026, 6, 6, 21, 59, 0, 0, berlin),
		time.Date(2026, 6, 7, 3, 0, 0, 0, berlin),
		time.Date(2026, 6, 7, 6, 0, 0, 0, berlin), // intervals are half-open
	} {
		fmt.Println(t.Format("Mon 15:04"), c.IsOpen(t))
	}
	// Output:
	// Sat 21:59 false
	// Sun 03:00 true
	// Sun 06:00 false
}

func ExampleCalendar_NextOpen() {
	c, _ := calendar.New(calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
	})
	ny, _ := time.LoadLocation("America/New_York")
	next, ok := c.NextOpen(time.Date(2026, 7, 3, 10, 0, 0, 0, ny)) // the observed holiday
	fmt.Println(next.Format(day), ok)
	next, ok = c.NextOpen(time.Date(2026, 7, 2, 10, 0, 0, 0, ny)) // open: itself
	fmt.Println(next.Format(day), ok)
	// Output:
	// Mon 2026-07-06 09:00 EDT true
	// Thu 2026-07-02 10:00 EDT true
}

func ExampleCalendar_NextClose() {
	c, _ := calendar.New(calendar.Spec{Zone: "Asia/Tokyo", Hours: map[string][]string{"mon-fri": {"09:00-12:00", "12:00-18:00"}}})
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	// Touching intervals are one run.
	end, ok := c.NextClose(time.Date(2026, 6, 1, 10, 0, 0, 0, tokyo))
	fmt.Println(end.Format(day), ok)
	// 24x7 never closes.
	_, ok = calendar.Always().NextClose(time.Date(2026, 6, 1, 10, 0, 0, 0, tokyo))
	fmt.Println(ok)
	// Output:
	// Mon 2026-06-01 18:00 JST true
	// false
}

func ExampleCalendar_AddDays() {
	c, _ := calendar.New(calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-17:00"}},
		Holidays: []string{"us"},
		Dates:    map[string][]string{"2026-12-24": {"09:00-13:00"}},
	})
	ny, _ := time.LoadLocation("America/New_York")
	// Two business days after Thursday 15:30: Friday is the observed
	// Independence Day, so Monday and Tuesday.
	fmt.Println(c.AddDays(time.Date(2026, 7, 2, 15, 30, 0, 0, ny), 2).Format(day))
	// A start before hours moves to the opening first.
	fmt.Println(c.AddDays(time.Date(2026, 3, 6, 8, 0, 0, 0, ny), 1).Format(day))
	// Backwards over the holiday.
	fmt.Println(c.AddDays(time.Date(2026, 7, 7, 15, 30, 0, 0, ny), -2).Format(day))
	// Christmas Eve closes at 13:00: the day after Wednesday 15:00 is clamped.
	fmt.Println(c.AddDays(time.Date(2026, 12, 23, 15, 0, 0, 0, ny), 1).Format(day))
	// Output:
	// Tue 2026-07-07 15:30 EDT
	// Mon 2026-03-09 09:00 EDT
	// Thu 2026-07-02 15:30 EDT
	// Thu 2026-12-24 13:00 EST
}

func ExampleCalendar_Intervals() {
	c, _ := calendar.New(calendar.Spec{Zone: "Europe/Paris", Hours: map[string][]string{
		"mon": {"09:00-12:00", "13:00-17:00"},
		"tue": {"22:00-06:00"},
	}})
	paris, _ := time.LoadLocation("Europe/Paris")
	from := time.Date(2026, 6, 1, 0, 0, 0, 0, paris)
	to := time.Date(2026, 6, 3, 3, 0, 0, 0, paris)
	for open, close := range c.Intervals(from, to) {
		fmt.Println(open.Format(day), "to", close.Format(day))
	}
	// Output:
	// Mon 2026-06-01 09:00 CEST to Mon 2026-06-01 12:00 CEST
	// Mon 2026-06-01 13:00 CEST to Mon 2026-06-01 17:00 CEST
	// Tue 2026-06-02 22:00 CEST to Wed 2026-06-03 03:00 CEST
}

func ExampleCalendar_Location() {
	c, _ := calendar.New(calendar.Spec{Zone: "Asia/Kolkata", Hours: map[string][]string{"mon-fri": {"09:30-18:00"}}})
	fmt.Println(c.Location())
	// Answers come back in the location of the instant given.
	t := time.Date(2026, 6, 1, 4, 0, 0, 0, time.UTC) // Monday 09:30 in Kolkata
	fmt.Println(c.Add(t, time.Hour).Format(day))
	// Output:
	// Asia/Kolkata
	// Mon 2026-06-01 05:00 UTC
}

func ExampleCalendar_Spec() {
	c, _ := calendar.Parse([]byte(`{"zone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["us"]}`))
	s := c.Spec()
	fmt.Println(s.Zone, s.Hours, s.Holidays)
	// Output:
	// UTC map[mon-fri:[09:00-17:00]] [us]
}

func ExampleCalendar_MarshalJSON() {
	c, _ := calendar.Parse([]byte(`{"zone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["us"]}`))
	b, err := json.Marshal(c)
	fmt.Println(string(b), err)
	// Output:
	// {"zone":"UTC","hours":{"mon-fri":["09:00-17:00"]},"holidays":["us"]} <nil>
}

func ExampleUnion() {
	london, _ := calendar.New(calendar.Spec{Zone: "Europe/London", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}})
	newYork, _ := calendar.New(calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}})
	desk, err := calendar.Union(london, newYork)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(desk.Location())
	lon, _ := time.LoadLocation("Europe/London")
	monday := time.Date(2026, 6, 1, 0, 0, 0, 0, lon)
	// London opens at 08:00 UTC, New York closes at 21:00 UTC.
	fmt.Println(desk.Between(monday, monday.AddDate(0, 0, 1)))
	end, _ := desk.NextClose(monday.Add(10 * time.Hour))
	fmt.Println(end.Format(day))
	// Output:
	// Europe/London
	// 13h0m0s
	// Mon 2026-06-01 22:00 BST
}

func ExampleAlways() {
	c := calendar.Always()
	fmt.Println(c.Location())
	ny, _ := time.LoadLocation("America/New_York")
	fallBack := time.Date(2026, 11, 1, 0, 0, 0, 0, ny)
	fmt.Println(c.Between(fallBack, fallBack.AddDate(0, 0, 1)))
	// Output:
	// UTC
	// 25h0m0s
}

func ExampleHolidaySets() {
	sets := calendar.HolidaySets()
	fmt.Println(sets[:4])
	fmt.Println(slices.Contains(sets, "us"), slices.Contains(sets, "de-by"), slices.Contains(sets, "au-nsw"))
	// Output:
	// [ar at au-act au-nsw]
	// true true true
}

func ExampleError() {
	_, err := calendar.Parse([]byte(`{"zone": "Mars/Olympus_Mons", "hours": {"mon-fri": ["09:00-17:00"]}}`))
	var se *calendar.Error
	if errors.As(err, &se) {
		fmt.Printf("field %s, value %q\n", se.Path, se.Value)
	}
	fmt.Println(errors.Is(err, calendar.ErrUnknownZone))
	fmt.Println(err)

	_, err = calendar.New(calendar.Spec{Zone: "UTC", Hours: map[string][]string{"mon": {"09:00-12:00", "13:00-25:00"}}})
	if errors.As(err, &se) {
		fmt.Printf("field %s, value %q\n", se.Path, se.Value)
	}
	fmt.Println(errors.Is(err, calendar.ErrBadInterval))
	fmt.Println(err)
	// Output:
	// field zone, value "Mars/Olympus_Mons"
	// true
	// calendar: zone: "Mars/Olympus_Mons": unknown time zone
	// field hours.mon[1], value "25:00"
	// true
	// calendar: hours.mon[1]: "25:00": hour out of range
}

// A calendar prints as its zone, for logs.
func ExampleCalendar_String() {
	c, err := calendar.New(calendar.Spec{Zone: "Europe/London", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}})
	if err != nil {
		panic(err)
	}
	u, err := calendar.Union(c, calendar.Always())
	if err != nil {
		panic(err)
	}
	fmt.Println(c)
	fmt.Println(u)
	// Output:
	// calendar(Europe/London)
	// calendar(union)
}
