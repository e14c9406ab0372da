package sla_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// TestZoneFollowingAgainstDirectCalendars checks, on random tickets created
// around daylight-saving changes in zones that change their clocks (some
// across midnight), that a cycle measured in the requester's zone answers
// as the same calendar built directly in that zone: its due instants and
// the business time it used.
func TestZoneFollowingAgainstDirectCalendars(t *testing.T) {
	set := loadSet(t)
	zones := []string{"Europe/London", "America/St_Johns", "Australia/Lord_Howe", "Asia/Tehran", "America/Havana", "Pacific/Auckland", "America/Santiago"}
	direct := map[string]*calendar.Calendar{}
	for _, z := range zones {
		c, err := calendar.New(calendar.Spec{Zone: z, Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}})
		if err != nil {
			t.Fatal(err)
		}
		direct[z] = c
	}
	n := 200
	if long() {
		n = 4000
	}
	r := rand.New(rand.NewPCG(7, 11))
	for i := range n {
		zone := zones[r.IntN(len(zones))]
		loc, _ := time.LoadLocation(zone)
		// Around a change of offset in 2026 or 2027: find one by walking.
		start := time.Date(2026+r.IntN(2), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, loc)
		_, off := start.Zone()
		for k := 0; k < 400; k++ {
			next := start.Add(24 * time.Hour)
			if _, o := next.Zone(); o != off {
				break
			}
			start = next
		}
		created := start.Add(time.Duration(r.Int64N(int64(72*time.Hour))) - 36*time.Hour).Truncate(time.Minute)
		s, _ := replay(t, set, createdWith(created, "normal", attrs("plan", "global", "requester_tz", zone)))
		at := created.Add(time.Duration(r.Int64N(int64(96 * time.Hour))))
		st, err := s.Status(set, at)
		if err != nil {
			t.Fatal(err)
		}
		cal := direct[zone]
		for _, m := range st {
			goal := map[string]time.Duration{"first_response": 4 * time.Hour}[m.Metric]
			if goal == 0 {
				continue
			}
			wantDue := cal.Add(created, goal).UTC()
			wantUsed := cal.Between(created, at)
			if !m.GoalDue.Equal(wantDue) || m.Used != wantUsed || m.Zone != zone {
				t.Fatalf("ticket %d in %s created %v: %s due %v, used %v at %v; the calendar built in %s says %v, %v",
					i, zone, created, m.Metric, m.GoalDue, m.Used, at, zone, wantDue, wantUsed)
			}
		}
	}
}
