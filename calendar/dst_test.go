package calendar_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The transitions the DST tables rely on, as the zone database has them.
// If this test fails, the host's zone data disagrees with the one the
// tables were worked out against, and the tables need a look, not the code.
func TestZoneTransitions(t *testing.T) {
	tests := []struct {
		name         string
		zone         string
		before       string // an instant shortly before the change
		change       string // the instant of the change, in UTC
		offBefore    string // the offset in force just before it
		offAfter     string // and from it on
		wallBefore   string // the clock just before the change
		wallAtChange string // the clock at the change
	}{
		{"New York spring: Sunday 02:00 EST becomes 03:00 EDT", "America/New_York", "2026-03-08T00:00:00-05:00", "2026-03-08T07:00:00Z", "-05:00", "-04:00", "2026-03-08 01:59:59", "2026-03-08 03:00:00"},
		{"New York autumn: Sunday 02:00 EDT becomes 01:00 EST", "America/New_York", "2026-11-01T00:00:00-04:00", "2026-11-01T06:00:00Z", "-04:00", "-05:00", "2026-11-01 01:59:59", "2026-11-01 01:00:00"},
		{"London spring: Sunday 01:00 GMT becomes 02:00 BST", "Europe/London", "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "Z", "+01:00", "2026-03-29 00:59:59", "2026-03-29 02:00:00"},
		{"London autumn: Sunday 02:00 BST becomes 01:00 GMT", "Europe/London", "2026-10-25T00:00:00+01:00", "2026-10-25T01:00:00Z", "+01:00", "Z", "2026-10-25 01:59:59", "2026-10-25 01:00:00"},
		{"Cairo spring: Friday 00:00 EET becomes 01:00 EEST", "Africa/Cairo", "2026-04-23T12:00:00+02:00", "2026-04-23T22:00:00Z", "+02:00", "+03:00", "2026-04-23 23:59:59", "2026-04-24 01:00:00"},
		{"Cairo autumn: Thursday 24:00 EEST becomes 23:00 EET", "Africa/Cairo", "2026-10-29T12:00:00+03:00", "2026-10-29T21:00:00Z", "+03:00", "+02:00", "2026-10-29 23:59:59", "2026-10-29 23:00:00"},
		{"Jerusalem spring: Friday 02:00 IST becomes 03:00 IDT", "Asia/Jerusalem", "2026-03-26T12:00:00+02:00", "2026-03-27T00:00:00Z", "+02:00", "+03:00", "2026-03-27 01:59:59", "2026-03-27 03:00:00"},
		{"Jerusalem autumn: Sunday 02:00 IDT becomes 01:00 IST", "Asia/Jerusalem", "2026-10-24T12:00:00+03:00", "2026-10-24T23:00:00Z", "+03:00", "+02:00", "2026-10-25 01:59:59", "2026-10-25 01:00:00"},
		{"Tehran spring 2022: Tuesday 00:00 +0330 becomes 01:00 +0430", "Asia/Tehran", "2022-03-21T12:00:00+03:30", "2022-03-21T20:30:00Z", "+03:30", "+04:30", "2022-03-21 23:59:59", "2022-03-22 01:00:00"},
		{"Tehran autumn 2022: Wednesday 24:00 +0430 becomes 23:00 +0330", "Asia/Tehran", "2022-09-21T12:00:00+04:30", "2022-09-21T19:30:00Z", "+04:30", "+03:30", "2022-09-21 23:59:59", "2022-09-21 23:00:00"},
		{"Lord Howe autumn: Sunday 02:00 +11 becomes 01:30 +1030", "Australia/Lord_Howe", "2026-04-04T12:00:00+11:00", "2026-04-04T15:00:00Z", "+11:00", "+10:30", "2026-04-05 01:59:59", "2026-04-05 01:30:00"},
		{"Lord Howe spring: Sunday 02:00 +1030 becomes 02:30 +11", "Australia/Lord_Howe", "2026-10-03T12:00:00+10:30", "2026-10-03T15:30:00Z", "+10:30", "+11:00", "2026-10-04 01:59:59", "2026-10-04 02:30:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := loadZone(t, tt.zone)
			_, end := instant(t, tt.before).In(loc).ZoneBounds()
			got := []string{
				end.UTC().Format(time.RFC3339),
				end.Add(-time.Second).Format("Z07:00"),
				end.Format("Z07:00"),
				end.Add(-time.Second).Format(time.DateTime),
				end.Format(time.DateTime),
			}
			want := []string{tt.change, tt.offBefore, tt.offAfter, tt.wallBefore, tt.wallAtChange}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("zone data for %s (-want +got):\n%s", tt.zone, diff)
			}
		})
	}
}

type dstOp int

const (
	opBetween   dstOp = iota // Between(t, u)
	opAdd                    // Add(t, d)
	opIsOpen                 // IsOpen(t)
	opNextOpen               // NextOpen(t)
	opNextClose              // NextClose(t)
	opAddDays                // AddDays(t, n)
)

// dstRow checks one answer of a calendar open every day with the same
// hours. Instants are written with the offset in force, so that a repeated
// wall time is unambiguous; t is moved into the zone before the call, and
// instants in want are compared as RFC 3339 text, which also checks that
// the answer comes back in the zone of t.
type dstRow struct {
	name  string
	zone  string
	hours []string
	op    dstOp
	t, u  string
	d     time.Duration // opAdd
	n     int           // opAddDays
	want  string        // a duration, an RFC 3339 instant, "open"/"closed", or "none"
}

// Expected values are worked out by hand from DESIGN meaning 2: wall time W
// on date D is the earliest instant at which the clock shows (D, W) or
// later; an interval [a, b) is the instants [resolve(a), resolve(b)).
// The transitions are those pinned by TestZoneTransitions.
var dstRows = []dstRow{
	// America/New_York, spring: Sunday 2026-03-08, 02:00 EST (07:00Z) jumps to 03:00 EDT.
	// The date runs from 00:00 EST (05:00Z) to 00:00 EDT Monday (04:00Z): 23 h.
	{name: "New York spring: 24x7 Sunday is 23 real hours", zone: "America/New_York", hours: h24, op: opBetween, t: "2026-03-08T00:00:00-05:00", u: "2026-03-09T00:00:00-04:00", want: "23h0m0s"},
	{name: "New York spring: 09:00-17:00 EDT is 8 real hours", zone: "America/New_York", hours: h9to17, op: opBetween, t: "2026-03-08T00:00:00-05:00", u: "2026-03-09T00:00:00-04:00", want: "8h0m0s"},
	{name: "New York spring: 00:00-17:00 is 16 real hours, 02:00-03:00 never shows", zone: "America/New_York", hours: h0to17, op: opBetween, t: "2026-03-08T00:00:00-05:00", u: "2026-03-09T00:00:00-04:00", want: "16h0m0s"},
	{name: "New York spring: 01:30-03:00 is 30 real minutes, 03:00 EDT follows 01:59 EST", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opBetween, t: "2026-03-08T00:00:00-05:00", u: "2026-03-09T00:00:00-04:00", want: "30m0s"},
	{name: "New York spring: 02:30-04:00 opens at the jump (02:30 is skipped), 1 real hour", zone: "America/New_York", hours: []string{"02:30-04:00"}, op: opBetween, t: "2026-03-08T00:00:00-05:00", u: "2026-03-09T00:00:00-04:00", want: "1h0m0s"},
	{name: "New York spring: 24x7, 24 hours after Sunday 00:00 EST is Monday 01:00 EDT", zone: "America/New_York", hours: h24, op: opAdd, t: "2026-03-08T00:00:00-05:00", d: 24 * time.Hour, want: "2026-03-09T01:00:00-04:00"},
	{name: "New York spring: 09:00-17:00, 2 hours after Saturday 16:00 EST is Sunday 10:00 EDT", zone: "America/New_York", hours: h9to17, op: opAdd, t: "2026-03-07T16:00:00-05:00", d: 2 * time.Hour, want: "2026-03-08T10:00:00-04:00"},
	{name: "New York spring: 00:00-17:00, 3 hours after midnight is 04:00 EDT", zone: "America/New_York", hours: h0to17, op: opAdd, t: "2026-03-08T00:00:00-05:00", d: 3 * time.Hour, want: "2026-03-08T04:00:00-04:00"},
	{name: "New York spring: 01:30-03:00, 30 minutes use the whole day, deadline is the close 03:00 EDT", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opAdd, t: "2026-03-08T01:30:00-05:00", d: 30 * time.Minute, want: "2026-03-08T03:00:00-04:00"},
	{name: "New York spring: 01:30-03:00, 31 minutes spill into Monday 01:31 EDT", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opAdd, t: "2026-03-08T01:30:00-05:00", d: 31 * time.Minute, want: "2026-03-09T01:31:00-04:00"},
	{name: "New York spring: 01:30-03:00 is open at 01:59:59 EST", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-03-08T01:59:59-05:00", want: "open"},
	{name: "New York spring: 01:30-03:00 is closed at the jump, 03:00 EDT", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-03-08T03:00:00-04:00", want: "closed"},
	{name: "New York spring: 01:30-03:00 is closed at 01:29:59 EST", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-03-08T01:29:59-05:00", want: "closed"},
	{name: "New York spring: 00:00-17:00 is open at the jump", zone: "America/New_York", hours: h0to17, op: opIsOpen, t: "2026-03-08T03:00:00-04:00", want: "open"},
	{name: "New York spring: 01:30-03:00 closes at 03:00 EDT", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opNextClose, t: "2026-03-08T01:45:00-05:00", want: "2026-03-08T03:00:00-04:00"},
	{name: "New York spring: 02:30-04:00 next opens at the jump, 03:00 EDT", zone: "America/New_York", hours: []string{"02:30-04:00"}, op: opNextOpen, t: "2026-03-08T01:00:00-05:00", want: "2026-03-08T03:00:00-04:00"},
	{name: "New York spring: 02:30-04:00 next closes at 04:00 EDT", zone: "America/New_York", hours: []string{"02:30-04:00"}, op: opNextClose, t: "2026-03-08T01:00:00-05:00", want: "2026-03-08T04:00:00-04:00"},
	{name: "New York spring: 09:00-17:00 next opens Sunday 09:00 EDT", zone: "America/New_York", hours: h9to17, op: opNextOpen, t: "2026-03-08T01:00:00-05:00", want: "2026-03-08T09:00:00-04:00"},
	{name: "New York spring: 24x7 never closes", zone: "America/New_York", hours: h24, op: opNextClose, t: "2026-03-08T01:00:00-05:00", want: "none"},
	{name: "New York spring: 24x7 is open now", zone: "America/New_York", hours: h24, op: opNextOpen, t: "2026-03-08T01:59:59-05:00", want: "2026-03-08T01:59:59-05:00"},
	{name: "New York spring: 24x7, next day at the same wall time is 23 hours later", zone: "America/New_York", hours: h24, op: opAddDays, t: "2026-03-07T12:00:00-05:00", n: 1, want: "2026-03-08T12:00:00-04:00"},
	{name: "New York spring: 09:00-17:00, Saturday 10:00 EST plus one day is Sunday 10:00 EDT", zone: "America/New_York", hours: h9to17, op: opAddDays, t: "2026-03-07T10:00:00-05:00", n: 1, want: "2026-03-08T10:00:00-04:00"},
	{name: "New York spring: 02:30-04:00, Saturday 02:45 plus one day is skipped and resolves to the jump", zone: "America/New_York", hours: []string{"02:30-04:00"}, op: opAddDays, t: "2026-03-07T02:45:00-05:00", n: 1, want: "2026-03-08T03:00:00-04:00"},

	// America/New_York, autumn: Sunday 2026-11-01, 02:00 EDT (06:00Z) falls back to 01:00 EST.
	// The date runs from 00:00 EDT (04:00Z) to 00:00 EST Monday (05:00Z): 25 h.
	{name: "New York autumn: 24x7 Sunday is 25 real hours", zone: "America/New_York", hours: h24, op: opBetween, t: "2026-11-01T00:00:00-04:00", u: "2026-11-02T00:00:00-05:00", want: "25h0m0s"},
	{name: "New York autumn: 09:00-17:00 EST is 8 real hours", zone: "America/New_York", hours: h9to17, op: opBetween, t: "2026-11-01T00:00:00-04:00", u: "2026-11-02T00:00:00-05:00", want: "8h0m0s"},
	{name: "New York autumn: 00:00-17:00 is 18 real hours, 01:00-02:00 shows twice", zone: "America/New_York", hours: h0to17, op: opBetween, t: "2026-11-01T00:00:00-04:00", u: "2026-11-02T00:00:00-05:00", want: "18h0m0s"},
	{name: "New York autumn: 01:30-03:00 runs 01:30 EDT to 03:00 EST, covering the repeat: 2.5 real hours", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opBetween, t: "2026-11-01T00:00:00-04:00", u: "2026-11-02T00:00:00-05:00", want: "2h30m0s"},
	{name: "New York autumn: 00:00-02:00 is 3 real hours, the clock first shows 02:00 at 02:00 EST", zone: "America/New_York", hours: []string{"00:00-02:00"}, op: opBetween, t: "2026-11-01T00:00:00-04:00", u: "2026-11-02T00:00:00-05:00", want: "3h0m0s"},
	{name: "New York autumn: 01:00-01:30 is its first occurrence only, 30 real minutes", zone: "America/New_York", hours: []string{"01:00-01:30"}, op: opBetween, t: "2026-11-01T00:00:00-04:00", u: "2026-11-02T00:00:00-05:00", want: "30m0s"},
	{name: "New York autumn: 24x7, 24 hours after Sunday 00:00 EDT is Sunday 23:00 EST", zone: "America/New_York", hours: h24, op: opAdd, t: "2026-11-01T00:00:00-04:00", d: 24 * time.Hour, want: "2026-11-01T23:00:00-05:00"},
	{name: "New York autumn: 09:00-17:00, 2 hours after Saturday 16:00 EDT is Sunday 10:00 EST", zone: "America/New_York", hours: h9to17, op: opAdd, t: "2026-10-31T16:00:00-04:00", d: 2 * time.Hour, want: "2026-11-01T10:00:00-05:00"},
	{name: "New York autumn: 00:00-17:00, 3 hours after midnight is 02:00 EST", zone: "America/New_York", hours: h0to17, op: opAdd, t: "2026-11-01T00:00:00-04:00", d: 3 * time.Hour, want: "2026-11-01T02:00:00-05:00"},
	{name: "New York autumn: 01:30-03:00, 150 minutes from 01:30 EDT end at the close 03:00 EST", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opAdd, t: "2026-11-01T01:30:00-04:00", d: 150 * time.Minute, want: "2026-11-01T03:00:00-05:00"},
	{name: "New York autumn: 01:30-03:00, 151 minutes from 01:30 EDT end Monday 01:31 EST", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opAdd, t: "2026-11-01T01:30:00-04:00", d: 151 * time.Minute, want: "2026-11-02T01:31:00-05:00"},
	{name: "New York autumn: 01:30-03:00, 150 minutes back from 03:00 EST is 01:30 EDT", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opAdd, t: "2026-11-01T03:00:00-05:00", d: -150 * time.Minute, want: "2026-11-01T01:30:00-04:00"},
	{name: "New York autumn: 01:30-03:00 is open at 01:15 EST, the repeat, after the first 01:30", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-11-01T01:15:00-05:00", want: "open"},
	{name: "New York autumn: 01:30-03:00 is closed at 01:15 EDT, the first pass", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-11-01T01:15:00-04:00", want: "closed"},
	{name: "New York autumn: 01:00-01:30 is open at 01:15 EDT", zone: "America/New_York", hours: []string{"01:00-01:30"}, op: opIsOpen, t: "2026-11-01T01:15:00-04:00", want: "open"},
	{name: "New York autumn: 01:00-01:30 is closed at 01:15 EST, the repeat", zone: "America/New_York", hours: []string{"01:00-01:30"}, op: opIsOpen, t: "2026-11-01T01:15:00-05:00", want: "closed"},
	{name: "New York autumn: 01:00-01:30 after the repeat next opens Monday 01:00 EST", zone: "America/New_York", hours: []string{"01:00-01:30"}, op: opNextOpen, t: "2026-11-01T01:10:00-05:00", want: "2026-11-02T01:00:00-05:00"},
	{name: "New York autumn: 01:30-03:00 next opens at 01:30 EDT", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opNextOpen, t: "2026-11-01T01:00:00-04:00", want: "2026-11-01T01:30:00-04:00"},
	{name: "New York autumn: 01:30-03:00 closes at 03:00 EST", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opNextClose, t: "2026-11-01T01:45:00-04:00", want: "2026-11-01T03:00:00-05:00"},
	{name: "New York autumn: 00:00-02:00 during the repeat closes at 02:00 EST", zone: "America/New_York", hours: []string{"00:00-02:00"}, op: opNextClose, t: "2026-11-01T01:30:00-05:00", want: "2026-11-01T02:00:00-05:00"},
	{name: "New York autumn: 24x7, next day at the same wall time is 25 hours later", zone: "America/New_York", hours: h24, op: opAddDays, t: "2026-10-31T12:00:00-04:00", n: 1, want: "2026-11-01T12:00:00-05:00"},
	{name: "New York autumn: 01:30-03:00, Sunday 01:15 EST (Sunday's shift) plus one day clamps to Monday's opening", zone: "America/New_York", hours: []string{"01:30-03:00"}, op: opAddDays, t: "2026-11-01T01:15:00-05:00", n: 1, want: "2026-11-02T01:30:00-05:00"},
	{name: "New York autumn: 09:00-17:00, Monday 10:00 EST minus one day is Sunday 10:00 EST", zone: "America/New_York", hours: h9to17, op: opAddDays, t: "2026-11-02T10:00:00-05:00", n: -1, want: "2026-11-01T10:00:00-05:00"},

	// Europe/London, spring: Sunday 2026-03-29, 01:00 GMT (01:00Z) jumps to 02:00 BST.
	{name: "London spring: 24x7 Sunday is 23 real hours", zone: "Europe/London", hours: h24, op: opBetween, t: "2026-03-29T00:00:00Z", u: "2026-03-30T00:00:00+01:00", want: "23h0m0s"},
	{name: "London spring: 09:00-17:00 BST is 8 real hours", zone: "Europe/London", hours: h9to17, op: opBetween, t: "2026-03-29T00:00:00Z", u: "2026-03-30T00:00:00+01:00", want: "8h0m0s"},
	{name: "London spring: 00:00-17:00 is 16 real hours", zone: "Europe/London", hours: h0to17, op: opBetween, t: "2026-03-29T00:00:00Z", u: "2026-03-30T00:00:00+01:00", want: "16h0m0s"},
	{name: "London spring: 00:30-02:00 is 30 real minutes, 02:00 BST follows 00:59 GMT", zone: "Europe/London", hours: []string{"00:30-02:00"}, op: opBetween, t: "2026-03-29T00:00:00Z", u: "2026-03-30T00:00:00+01:00", want: "30m0s"},
	{name: "London spring: 01:30-03:00 opens at the jump (01:30 is skipped), 1 real hour", zone: "Europe/London", hours: []string{"01:30-03:00"}, op: opBetween, t: "2026-03-29T00:00:00Z", u: "2026-03-30T00:00:00+01:00", want: "1h0m0s"},
	{name: "London spring: 24x7, 24 hours after Saturday 12:00 GMT is Sunday 13:00 BST", zone: "Europe/London", hours: h24, op: opAdd, t: "2026-03-28T12:00:00Z", d: 24 * time.Hour, want: "2026-03-29T13:00:00+01:00"},
	{name: "London spring: 09:00-17:00, 2 hours after Saturday 16:00 GMT is Sunday 10:00 BST", zone: "Europe/London", hours: h9to17, op: opAdd, t: "2026-03-28T16:00:00Z", d: 2 * time.Hour, want: "2026-03-29T10:00:00+01:00"},
	{name: "London spring: 00:00-17:00, 2 hours after midnight is 03:00 BST", zone: "Europe/London", hours: h0to17, op: opAdd, t: "2026-03-29T00:00:00Z", d: 2 * time.Hour, want: "2026-03-29T03:00:00+01:00"},
	{name: "London spring: 00:30-02:00 is open at 00:59:59 GMT", zone: "Europe/London", hours: []string{"00:30-02:00"}, op: opIsOpen, t: "2026-03-29T00:59:59Z", want: "open"},
	{name: "London spring: 00:30-02:00 is closed at the jump, 02:00 BST", zone: "Europe/London", hours: []string{"00:30-02:00"}, op: opIsOpen, t: "2026-03-29T02:00:00+01:00", want: "closed"},
	{name: "London spring: 00:30-02:00 closes at the jump, 02:00 BST", zone: "Europe/London", hours: []string{"00:30-02:00"}, op: opNextClose, t: "2026-03-29T00:45:00Z", want: "2026-03-29T02:00:00+01:00"},
	{name: "London spring: 01:30-03:00 next opens at the jump, 02:00 BST", zone: "Europe/London", hours: []string{"01:30-03:00"}, op: opNextOpen, t: "2026-03-29T00:45:00Z", want: "2026-03-29T02:00:00+01:00"},
	{name: "London spring: 01:30-03:00 next closes at 03:00 BST", zone: "Europe/London", hours: []string{"01:30-03:00"}, op: opNextClose, t: "2026-03-29T00:45:00Z", want: "2026-03-29T03:00:00+01:00"},

	// Europe/London, autumn: Sunday 2026-10-25, 02:00 BST (01:00Z) falls back to 01:00 GMT.
	{name: "London autumn: 24x7 Sunday is 25 real hours", zone: "Europe/London", hours: h24, op: opBetween, t: "2026-10-25T00:00:00+01:00", u: "2026-10-26T00:00:00Z", want: "25h0m0s"},
	{name: "London autumn: 09:00-17:00 GMT is 8 real hours", zone: "Europe/London", hours: h9to17, op: opBetween, t: "2026-10-25T00:00:00+01:00", u: "2026-10-26T00:00:00Z", want: "8h0m0s"},
	{name: "London autumn: 00:00-17:00 is 18 real hours", zone: "Europe/London", hours: h0to17, op: opBetween, t: "2026-10-25T00:00:00+01:00", u: "2026-10-26T00:00:00Z", want: "18h0m0s"},
	{name: "London autumn: 01:30-03:00 runs 01:30 BST to 03:00 GMT, 2.5 real hours", zone: "Europe/London", hours: []string{"01:30-03:00"}, op: opBetween, t: "2026-10-25T00:00:00+01:00", u: "2026-10-26T00:00:00Z", want: "2h30m0s"},
	{name: "London autumn: 00:30-02:00 runs 00:30 BST to 02:00 GMT, 2.5 real hours", zone: "Europe/London", hours: []string{"00:30-02:00"}, op: opBetween, t: "2026-10-25T00:00:00+01:00", u: "2026-10-26T00:00:00Z", want: "2h30m0s"},
	{name: "London autumn: 24x7, 24 hours after Saturday 12:00 BST is Sunday 11:00 GMT", zone: "Europe/London", hours: h24, op: opAdd, t: "2026-10-24T12:00:00+01:00", d: 24 * time.Hour, want: "2026-10-25T11:00:00Z"},
	{name: "London autumn: 09:00-17:00, 2 hours after Saturday 16:00 BST is Sunday 10:00 GMT", zone: "Europe/London", hours: h9to17, op: opAdd, t: "2026-10-24T16:00:00+01:00", d: 2 * time.Hour, want: "2026-10-25T10:00:00Z"},
	{name: "London autumn: 00:00-17:00, 3 hours after midnight is 02:00 GMT", zone: "Europe/London", hours: h0to17, op: opAdd, t: "2026-10-25T00:00:00+01:00", d: 3 * time.Hour, want: "2026-10-25T02:00:00Z"},
	{name: "London autumn: 01:30-03:00, 150 minutes from 01:30 BST end at the close 03:00 GMT", zone: "Europe/London", hours: []string{"01:30-03:00"}, op: opAdd, t: "2026-10-25T01:30:00+01:00", d: 150 * time.Minute, want: "2026-10-25T03:00:00Z"},
	{name: "London autumn: 01:30-03:00 is open at 01:10 GMT, the repeat", zone: "Europe/London", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-10-25T01:10:00Z", want: "open"},
	{name: "London autumn: 01:30-03:00 is closed at 01:29 BST", zone: "Europe/London", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-10-25T01:29:00+01:00", want: "closed"},
	{name: "London autumn: 01:30-03:00 closes at 03:00 GMT", zone: "Europe/London", hours: []string{"01:30-03:00"}, op: opNextClose, t: "2026-10-25T01:45:00+01:00", want: "2026-10-25T03:00:00Z"},

	// Africa/Cairo, spring: Friday 2026-04-24, 00:00 EET (Thursday 22:00Z) jumps to 01:00 EEST.
	// Friday's midnight never shows: the date starts at 01:00 EEST and ends at Saturday 00:00 EEST (Friday 21:00Z): 23 h.
	{name: "Cairo spring: 24x7 Friday is 23 real hours", zone: "Africa/Cairo", hours: h24, op: opBetween, t: "2026-04-24T01:00:00+03:00", u: "2026-04-25T00:00:00+03:00", want: "23h0m0s"},
	{name: "Cairo spring: 09:00-17:00 EEST on Friday is 8 real hours", zone: "Africa/Cairo", hours: h9to17, op: opBetween, t: "2026-04-24T01:00:00+03:00", u: "2026-04-25T00:00:00+03:00", want: "8h0m0s"},
	{name: "Cairo spring: 00:00-17:00 on Friday opens at 01:00 EEST, 16 real hours", zone: "Africa/Cairo", hours: h0to17, op: opBetween, t: "2026-04-24T01:00:00+03:00", u: "2026-04-25T00:00:00+03:00", want: "16h0m0s"},
	{name: "Cairo spring: Thursday's 23:30-01:00 night shift is 30 real minutes, 01:00 EEST follows 23:59 EET", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opBetween, t: "2026-04-23T20:00:00+02:00", u: "2026-04-24T05:00:00+03:00", want: "30m0s"},
	{name: "Cairo spring: 00:00-01:00 does not happen on Friday", zone: "Africa/Cairo", hours: []string{"00:00-01:00"}, op: opBetween, t: "2026-04-23T12:00:00+02:00", u: "2026-04-24T12:00:00+03:00", want: "0s"},
	{name: "Cairo spring: 00:00-01:00 after Thursday's next opens Saturday 00:00 EEST", zone: "Africa/Cairo", hours: []string{"00:00-01:00"}, op: opNextOpen, t: "2026-04-23T23:30:00+02:00", want: "2026-04-25T00:00:00+03:00"},
	{name: "Cairo spring: 24x7, 24 hours after Thursday 12:00 EET is Friday 13:00 EEST", zone: "Africa/Cairo", hours: h24, op: opAdd, t: "2026-04-23T12:00:00+02:00", d: 24 * time.Hour, want: "2026-04-24T13:00:00+03:00"},
	{name: "Cairo spring: 09:00-17:00, 2 hours after Thursday 16:00 EET is Friday 10:00 EEST", zone: "Africa/Cairo", hours: h9to17, op: opAdd, t: "2026-04-23T16:00:00+02:00", d: 2 * time.Hour, want: "2026-04-24T10:00:00+03:00"},
	{name: "Cairo spring: 00:00-17:00, 1 hour after Thursday 22:00 EET is Friday 02:00 EEST", zone: "Africa/Cairo", hours: h0to17, op: opAdd, t: "2026-04-23T22:00:00+02:00", d: time.Hour, want: "2026-04-24T02:00:00+03:00"},
	{name: "Cairo spring: 23:30-01:00, 31 minutes from Thursday 23:30 end Friday 23:31 EEST", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opAdd, t: "2026-04-23T23:30:00+02:00", d: 31 * time.Minute, want: "2026-04-24T23:31:00+03:00"},
	{name: "Cairo spring: 23:30-01:00 is open at Thursday 23:59 EET", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opIsOpen, t: "2026-04-23T23:59:00+02:00", want: "open"},
	{name: "Cairo spring: 23:30-01:00 is closed at the jump, Friday 01:00 EEST", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opIsOpen, t: "2026-04-24T01:00:00+03:00", want: "closed"},
	{name: "Cairo spring: Thursday's 23:30-01:00 closes at the jump, Friday 01:00 EEST", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opNextClose, t: "2026-04-23T23:45:00+02:00", want: "2026-04-24T01:00:00+03:00"},
	{name: "Cairo spring: 23:30-01:00 next opens Friday 23:30 EEST", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opNextOpen, t: "2026-04-24T01:00:00+03:00", want: "2026-04-24T23:30:00+03:00"},

	// Africa/Cairo, autumn: Thursday 2026-10-29, 24:00 EEST (21:00Z) falls back to 23:00 EET the same date.
	// The date runs from 00:00 EEST (Wednesday 21:00Z) to Friday 00:00 EET (22:00Z): 25 h.
	{name: "Cairo autumn: 24x7 Thursday is 25 real hours", zone: "Africa/Cairo", hours: h24, op: opBetween, t: "2026-10-29T00:00:00+03:00", u: "2026-10-30T00:00:00+02:00", want: "25h0m0s"},
	{name: "Cairo autumn: 09:00-17:00 EEST on Thursday is 8 real hours", zone: "Africa/Cairo", hours: h9to17, op: opBetween, t: "2026-10-29T00:00:00+03:00", u: "2026-10-30T00:00:00+02:00", want: "8h0m0s"},
	{name: "Cairo autumn: 00:00-17:00 is 17 real hours, the repeat comes after the close", zone: "Africa/Cairo", hours: h0to17, op: opBetween, t: "2026-10-29T00:00:00+03:00", u: "2026-10-30T00:00:00+02:00", want: "17h0m0s"},
	{name: "Cairo autumn: Thursday's 23:30-01:00 runs 23:30 EEST to 01:00 EET, 2.5 real hours", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opBetween, t: "2026-10-29T12:00:00+03:00", u: "2026-10-30T12:00:00+02:00", want: "2h30m0s"},
	{name: "Cairo autumn: 23:00-24:00 on Thursday is 2 real hours", zone: "Africa/Cairo", hours: []string{"23:00-24:00"}, op: opBetween, t: "2026-10-29T12:00:00+03:00", u: "2026-10-30T12:00:00+02:00", want: "2h0m0s"},
	{name: "Cairo autumn: 24x7, 24 hours after Thursday 12:00 EEST is Friday 11:00 EET", zone: "Africa/Cairo", hours: h24, op: opAdd, t: "2026-10-29T12:00:00+03:00", d: 24 * time.Hour, want: "2026-10-30T11:00:00+02:00"},
	{name: "Cairo autumn: 09:00-17:00, 2 hours after Thursday 16:00 EEST is Friday 10:00 EET", zone: "Africa/Cairo", hours: h9to17, op: opAdd, t: "2026-10-29T16:00:00+03:00", d: 2 * time.Hour, want: "2026-10-30T10:00:00+02:00"},
	{name: "Cairo autumn: 23:30-01:00, 150 minutes from Thursday 23:30 EEST end at the close, Friday 01:00 EET", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opAdd, t: "2026-10-29T23:30:00+03:00", d: 150 * time.Minute, want: "2026-10-30T01:00:00+02:00"},
	{name: "Cairo autumn: 23:30-01:00 is open at 23:15 EET, the repeat", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opIsOpen, t: "2026-10-29T23:15:00+02:00", want: "open"},
	{name: "Cairo autumn: 23:30-01:00 is closed at 23:15 EEST, the first pass", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opIsOpen, t: "2026-10-29T23:15:00+03:00", want: "closed"},
	{name: "Cairo autumn: Thursday's 23:30-01:00 closes Friday 01:00 EET", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opNextClose, t: "2026-10-29T23:45:00+03:00", want: "2026-10-30T01:00:00+02:00"},
	{name: "Cairo autumn: 23:30-01:00, Friday 00:30 EET belongs to Thursday's shift; a day later is Saturday 00:30 in Friday's", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opAddDays, t: "2026-10-30T00:30:00+02:00", n: 1, want: "2026-10-31T00:30:00+02:00"},
	{name: "Cairo autumn: 23:30-01:00, Friday 00:30 EET a day earlier is Thursday 00:30 EEST in Wednesday's shift", zone: "Africa/Cairo", hours: []string{"23:30-01:00"}, op: opAddDays, t: "2026-10-30T00:30:00+02:00", n: -1, want: "2026-10-29T00:30:00+03:00"},
	{name: "Cairo autumn: 23:00-24:00 is open at 23:59 EET, the repeat", zone: "Africa/Cairo", hours: []string{"23:00-24:00"}, op: opIsOpen, t: "2026-10-29T23:59:00+02:00", want: "open"},
	{name: "Cairo autumn: 23:00-24:00 closes at Friday 00:00 EET", zone: "Africa/Cairo", hours: []string{"23:00-24:00"}, op: opNextClose, t: "2026-10-29T23:30:00+03:00", want: "2026-10-30T00:00:00+02:00"},

	// Asia/Jerusalem, spring: Friday 2026-03-27, 02:00 IST (00:00Z) jumps to 03:00 IDT.
	{name: "Jerusalem spring: 24x7 Friday is 23 real hours", zone: "Asia/Jerusalem", hours: h24, op: opBetween, t: "2026-03-27T00:00:00+02:00", u: "2026-03-28T00:00:00+03:00", want: "23h0m0s"},
	{name: "Jerusalem spring: 09:00-17:00 IDT on Friday is 8 real hours", zone: "Asia/Jerusalem", hours: h9to17, op: opBetween, t: "2026-03-27T00:00:00+02:00", u: "2026-03-28T00:00:00+03:00", want: "8h0m0s"},
	{name: "Jerusalem spring: 00:00-17:00 is 16 real hours", zone: "Asia/Jerusalem", hours: h0to17, op: opBetween, t: "2026-03-27T00:00:00+02:00", u: "2026-03-28T00:00:00+03:00", want: "16h0m0s"},
	{name: "Jerusalem spring: 01:30-03:00 is 30 real minutes", zone: "Asia/Jerusalem", hours: []string{"01:30-03:00"}, op: opBetween, t: "2026-03-27T00:00:00+02:00", u: "2026-03-28T00:00:00+03:00", want: "30m0s"},
	{name: "Jerusalem spring: 24x7, 24 hours after Thursday 12:00 IST is Friday 13:00 IDT", zone: "Asia/Jerusalem", hours: h24, op: opAdd, t: "2026-03-26T12:00:00+02:00", d: 24 * time.Hour, want: "2026-03-27T13:00:00+03:00"},
	{name: "Jerusalem spring: 09:00-17:00, 2 hours after Thursday 16:00 IST is Friday 10:00 IDT", zone: "Asia/Jerusalem", hours: h9to17, op: opAdd, t: "2026-03-26T16:00:00+02:00", d: 2 * time.Hour, want: "2026-03-27T10:00:00+03:00"},
	{name: "Jerusalem spring: 00:00-17:00, 3 hours after midnight is 04:00 IDT", zone: "Asia/Jerusalem", hours: h0to17, op: opAdd, t: "2026-03-27T00:00:00+02:00", d: 3 * time.Hour, want: "2026-03-27T04:00:00+03:00"},
	{name: "Jerusalem spring: 01:30-03:00 is open at 01:59 IST", zone: "Asia/Jerusalem", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-03-27T01:59:00+02:00", want: "open"},
	{name: "Jerusalem spring: 01:30-03:00 is closed at the jump, 03:00 IDT", zone: "Asia/Jerusalem", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-03-27T03:00:00+03:00", want: "closed"},
	{name: "Jerusalem spring: 01:30-03:00 closes at the jump, 03:00 IDT", zone: "Asia/Jerusalem", hours: []string{"01:30-03:00"}, op: opNextClose, t: "2026-03-27T01:45:00+02:00", want: "2026-03-27T03:00:00+03:00"},

	// Asia/Jerusalem, autumn: Sunday 2026-10-25, 02:00 IDT (Saturday 23:00Z) falls back to 01:00 IST.
	{name: "Jerusalem autumn: 24x7 Sunday is 25 real hours", zone: "Asia/Jerusalem", hours: h24, op: opBetween, t: "2026-10-25T00:00:00+03:00", u: "2026-10-26T00:00:00+02:00", want: "25h0m0s"},
	{name: "Jerusalem autumn: 09:00-17:00 IST on Sunday is 8 real hours", zone: "Asia/Jerusalem", hours: h9to17, op: opBetween, t: "2026-10-25T00:00:00+03:00", u: "2026-10-26T00:00:00+02:00", want: "8h0m0s"},
	{name: "Jerusalem autumn: 00:00-17:00 is 18 real hours", zone: "Asia/Jerusalem", hours: h0to17, op: opBetween, t: "2026-10-25T00:00:00+03:00", u: "2026-10-26T00:00:00+02:00", want: "18h0m0s"},
	{name: "Jerusalem autumn: 01:30-03:00 is 2.5 real hours", zone: "Asia/Jerusalem", hours: []string{"01:30-03:00"}, op: opBetween, t: "2026-10-25T00:00:00+03:00", u: "2026-10-26T00:00:00+02:00", want: "2h30m0s"},
	{name: "Jerusalem autumn: 24x7, 24 hours after Saturday 12:00 IDT is Sunday 11:00 IST", zone: "Asia/Jerusalem", hours: h24, op: opAdd, t: "2026-10-24T12:00:00+03:00", d: 24 * time.Hour, want: "2026-10-25T11:00:00+02:00"},
	{name: "Jerusalem autumn: 09:00-17:00, 2 hours after Saturday 16:00 IDT is Sunday 10:00 IST", zone: "Asia/Jerusalem", hours: h9to17, op: opAdd, t: "2026-10-24T16:00:00+03:00", d: 2 * time.Hour, want: "2026-10-25T10:00:00+02:00"},
	{name: "Jerusalem autumn: 00:00-17:00, 3 hours after midnight is 02:00 IST", zone: "Asia/Jerusalem", hours: h0to17, op: opAdd, t: "2026-10-25T00:00:00+03:00", d: 3 * time.Hour, want: "2026-10-25T02:00:00+02:00"},
	{name: "Jerusalem autumn: 01:30-03:00 is open at 01:10 IST, the repeat", zone: "Asia/Jerusalem", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-10-25T01:10:00+02:00", want: "open"},
	{name: "Jerusalem autumn: 01:30-03:00 closes at 03:00 IST", zone: "Asia/Jerusalem", hours: []string{"01:30-03:00"}, op: opNextClose, t: "2026-10-25T01:45:00+03:00", want: "2026-10-25T03:00:00+02:00"},

	// Asia/Tehran, spring 2022: Tuesday 2022-03-22, 00:00 +0330 (Monday 20:30Z) jumps to 01:00 +0430.
	{name: "Tehran spring: 24x7 Tuesday is 23 real hours, starting at 01:00 +0430", zone: "Asia/Tehran", hours: h24, op: opBetween, t: "2022-03-22T01:00:00+04:30", u: "2022-03-23T00:00:00+04:30", want: "23h0m0s"},
	{name: "Tehran spring: 09:00-17:00 +0430 on Tuesday is 8 real hours", zone: "Asia/Tehran", hours: h9to17, op: opBetween, t: "2022-03-22T01:00:00+04:30", u: "2022-03-23T00:00:00+04:30", want: "8h0m0s"},
	{name: "Tehran spring: 00:00-17:00 on Tuesday opens at 01:00 +0430, 16 real hours", zone: "Asia/Tehran", hours: h0to17, op: opBetween, t: "2022-03-22T01:00:00+04:30", u: "2022-03-23T00:00:00+04:30", want: "16h0m0s"},
	{name: "Tehran spring: Monday's 23:30-01:00 night shift is 30 real minutes", zone: "Asia/Tehran", hours: []string{"23:30-01:00"}, op: opBetween, t: "2022-03-21T20:00:00+03:30", u: "2022-03-22T05:00:00+04:30", want: "30m0s"},
	{name: "Tehran spring: 24x7, 24 hours after Monday 12:00 +0330 is Tuesday 13:00 +0430", zone: "Asia/Tehran", hours: h24, op: opAdd, t: "2022-03-21T12:00:00+03:30", d: 24 * time.Hour, want: "2022-03-22T13:00:00+04:30"},
	{name: "Tehran spring: 09:00-17:00, 2 hours after Monday 16:00 +0330 is Tuesday 10:00 +0430", zone: "Asia/Tehran", hours: h9to17, op: opAdd, t: "2022-03-21T16:00:00+03:30", d: 2 * time.Hour, want: "2022-03-22T10:00:00+04:30"},
	{name: "Tehran spring: 00:00-17:00, 1 hour after Monday 20:00 is Tuesday 02:00 +0430", zone: "Asia/Tehran", hours: h0to17, op: opAdd, t: "2022-03-21T20:00:00+03:30", d: time.Hour, want: "2022-03-22T02:00:00+04:30"},
	{name: "Tehran spring: 23:30-01:00 is open at Monday 23:59 +0330", zone: "Asia/Tehran", hours: []string{"23:30-01:00"}, op: opIsOpen, t: "2022-03-21T23:59:00+03:30", want: "open"},
	{name: "Tehran spring: 23:30-01:00 is closed at the jump, 01:00 +0430", zone: "Asia/Tehran", hours: []string{"23:30-01:00"}, op: opIsOpen, t: "2022-03-22T01:00:00+04:30", want: "closed"},
	{name: "Tehran spring: Monday's 23:30-01:00 closes at the jump, Tuesday 01:00 +0430", zone: "Asia/Tehran", hours: []string{"23:30-01:00"}, op: opNextClose, t: "2022-03-21T23:45:00+03:30", want: "2022-03-22T01:00:00+04:30"},

	// Asia/Tehran, autumn 2022: Wednesday 2022-09-21, 24:00 +0430 (19:30Z) falls back to 23:00 +0330 the same date.
	{name: "Tehran autumn: 24x7 Wednesday is 25 real hours", zone: "Asia/Tehran", hours: h24, op: opBetween, t: "2022-09-21T00:00:00+04:30", u: "2022-09-22T00:00:00+03:30", want: "25h0m0s"},
	{name: "Tehran autumn: 09:00-17:00 +0430 on Wednesday is 8 real hours", zone: "Asia/Tehran", hours: h9to17, op: opBetween, t: "2022-09-21T00:00:00+04:30", u: "2022-09-22T00:00:00+03:30", want: "8h0m0s"},
	{name: "Tehran autumn: 00:00-17:00 is 17 real hours, the repeat comes after the close", zone: "Asia/Tehran", hours: h0to17, op: opBetween, t: "2022-09-21T00:00:00+04:30", u: "2022-09-22T00:00:00+03:30", want: "17h0m0s"},
	{name: "Tehran autumn: Wednesday's 23:30-01:00 is 2.5 real hours", zone: "Asia/Tehran", hours: []string{"23:30-01:00"}, op: opBetween, t: "2022-09-21T12:00:00+04:30", u: "2022-09-22T12:00:00+03:30", want: "2h30m0s"},
	{name: "Tehran autumn: 24x7, 24 hours after Wednesday 12:00 +0430 is Thursday 11:00 +0330", zone: "Asia/Tehran", hours: h24, op: opAdd, t: "2022-09-21T12:00:00+04:30", d: 24 * time.Hour, want: "2022-09-22T11:00:00+03:30"},
	{name: "Tehran autumn: 09:00-17:00, 2 hours after Wednesday 16:00 +0430 is Thursday 10:00 +0330", zone: "Asia/Tehran", hours: h9to17, op: opAdd, t: "2022-09-21T16:00:00+04:30", d: 2 * time.Hour, want: "2022-09-22T10:00:00+03:30"},
	{name: "Tehran autumn: 23:30-01:00, 150 minutes from 23:30 +0430 end at the close, 01:00 +0330", zone: "Asia/Tehran", hours: []string{"23:30-01:00"}, op: opAdd, t: "2022-09-21T23:30:00+04:30", d: 150 * time.Minute, want: "2022-09-22T01:00:00+03:30"},
	{name: "Tehran autumn: 23:30-01:00 is open at 23:15 +0330, the repeat", zone: "Asia/Tehran", hours: []string{"23:30-01:00"}, op: opIsOpen, t: "2022-09-21T23:15:00+03:30", want: "open"},
	{name: "Tehran autumn: Wednesday's 23:30-01:00 closes Thursday 01:00 +0330", zone: "Asia/Tehran", hours: []string{"23:30-01:00"}, op: opNextClose, t: "2022-09-21T23:45:00+04:30", want: "2022-09-22T01:00:00+03:30"},
	{name: "Tehran 2023: no more DST, 24x7 March 22 is 24 real hours", zone: "Asia/Tehran", hours: h24, op: opBetween, t: "2023-03-22T00:00:00+03:30", u: "2023-03-23T00:00:00+03:30", want: "24h0m0s"},

	// Australia/Lord_Howe, autumn: Sunday 2026-04-05, 02:00 +11 (Saturday 15:00Z) falls back 30 minutes to 01:30 +1030.
	// The date runs from 00:00 +11 (Saturday 13:00Z) to Monday 00:00 +1030 (Sunday 13:30Z): 24.5 h.
	{name: "Lord Howe autumn: 24x7 Sunday is 24.5 real hours", zone: "Australia/Lord_Howe", hours: h24, op: opBetween, t: "2026-04-05T00:00:00+11:00", u: "2026-04-06T00:00:00+10:30", want: "24h30m0s"},
	{name: "Lord Howe autumn: 09:00-17:00 +1030 is 8 real hours", zone: "Australia/Lord_Howe", hours: h9to17, op: opBetween, t: "2026-04-05T00:00:00+11:00", u: "2026-04-06T00:00:00+10:30", want: "8h0m0s"},
	{name: "Lord Howe autumn: 00:00-17:00 is 17.5 real hours", zone: "Australia/Lord_Howe", hours: h0to17, op: opBetween, t: "2026-04-05T00:00:00+11:00", u: "2026-04-06T00:00:00+10:30", want: "17h30m0s"},
	{name: "Lord Howe autumn: 01:30-03:00 covers the repeated half hour, 2 real hours", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opBetween, t: "2026-04-05T00:00:00+11:00", u: "2026-04-06T00:00:00+10:30", want: "2h0m0s"},
	{name: "Lord Howe autumn: 24x7, 24 hours after Saturday 12:00 +11 is Sunday 11:30 +1030", zone: "Australia/Lord_Howe", hours: h24, op: opAdd, t: "2026-04-04T12:00:00+11:00", d: 24 * time.Hour, want: "2026-04-05T11:30:00+10:30"},
	{name: "Lord Howe autumn: 09:00-17:00, 2 hours after Saturday 16:00 +11 is Sunday 10:00 +1030", zone: "Australia/Lord_Howe", hours: h9to17, op: opAdd, t: "2026-04-04T16:00:00+11:00", d: 2 * time.Hour, want: "2026-04-05T10:00:00+10:30"},
	{name: "Lord Howe autumn: 00:00-17:00, 3 hours after midnight is 02:30 +1030", zone: "Australia/Lord_Howe", hours: h0to17, op: opAdd, t: "2026-04-05T00:00:00+11:00", d: 3 * time.Hour, want: "2026-04-05T02:30:00+10:30"},
	{name: "Lord Howe autumn: 01:30-03:00, 2 hours from 01:30 +11 end at the close 03:00 +1030", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opAdd, t: "2026-04-05T01:30:00+11:00", d: 2 * time.Hour, want: "2026-04-05T03:00:00+10:30"},
	{name: "Lord Howe autumn: 01:30-03:00 is open at 01:45 +1030, the repeat", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-04-05T01:45:00+10:30", want: "open"},
	{name: "Lord Howe autumn: 01:30-03:00 closes at 03:00 +1030", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opNextClose, t: "2026-04-05T01:45:00+11:00", want: "2026-04-05T03:00:00+10:30"},

	// Australia/Lord_Howe, spring: Sunday 2026-10-04, 02:00 +1030 (Saturday 15:30Z) jumps 30 minutes to 02:30 +11.
	// The date runs from 00:00 +1030 (Saturday 13:30Z) to Monday 00:00 +11 (Sunday 13:00Z): 23.5 h.
	{name: "Lord Howe spring: 24x7 Sunday is 23.5 real hours", zone: "Australia/Lord_Howe", hours: h24, op: opBetween, t: "2026-10-04T00:00:00+10:30", u: "2026-10-05T00:00:00+11:00", want: "23h30m0s"},
	{name: "Lord Howe spring: 09:00-17:00 +11 is 8 real hours", zone: "Australia/Lord_Howe", hours: h9to17, op: opBetween, t: "2026-10-04T00:00:00+10:30", u: "2026-10-05T00:00:00+11:00", want: "8h0m0s"},
	{name: "Lord Howe spring: 00:00-17:00 is 16.5 real hours", zone: "Australia/Lord_Howe", hours: h0to17, op: opBetween, t: "2026-10-04T00:00:00+10:30", u: "2026-10-05T00:00:00+11:00", want: "16h30m0s"},
	{name: "Lord Howe spring: 01:30-03:00 loses the skipped half hour, 1 real hour", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opBetween, t: "2026-10-04T00:00:00+10:30", u: "2026-10-05T00:00:00+11:00", want: "1h0m0s"},
	{name: "Lord Howe spring: 02:00-02:30 never happens", zone: "Australia/Lord_Howe", hours: []string{"02:00-02:30"}, op: opBetween, t: "2026-10-04T00:00:00+10:30", u: "2026-10-05T00:00:00+11:00", want: "0s"},
	{name: "Lord Howe spring: 02:00-02:30 next opens Monday 02:00 +11", zone: "Australia/Lord_Howe", hours: []string{"02:00-02:30"}, op: opNextOpen, t: "2026-10-04T01:00:00+10:30", want: "2026-10-05T02:00:00+11:00"},
	{name: "Lord Howe spring: 24x7, 24 hours after Saturday 12:00 +1030 is Sunday 12:30 +11", zone: "Australia/Lord_Howe", hours: h24, op: opAdd, t: "2026-10-03T12:00:00+10:30", d: 24 * time.Hour, want: "2026-10-04T12:30:00+11:00"},
	{name: "Lord Howe spring: 09:00-17:00, 2 hours after Saturday 16:00 +1030 is Sunday 10:00 +11", zone: "Australia/Lord_Howe", hours: h9to17, op: opAdd, t: "2026-10-03T16:00:00+10:30", d: 2 * time.Hour, want: "2026-10-04T10:00:00+11:00"},
	{name: "Lord Howe spring: 00:00-17:00, 3 hours after midnight is 03:30 +11", zone: "Australia/Lord_Howe", hours: h0to17, op: opAdd, t: "2026-10-04T00:00:00+10:30", d: 3 * time.Hour, want: "2026-10-04T03:30:00+11:00"},
	{name: "Lord Howe spring: 01:30-03:00, 1 hour from 01:30 +1030 ends at the close 03:00 +11", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opAdd, t: "2026-10-04T01:30:00+10:30", d: time.Hour, want: "2026-10-04T03:00:00+11:00"},
	{name: "Lord Howe spring: 01:30-03:00 is open at 01:59 +1030", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-10-04T01:59:00+10:30", want: "open"},
	{name: "Lord Howe spring: 01:30-03:00 is open at the jump, 02:30 +11", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opIsOpen, t: "2026-10-04T02:30:00+11:00", want: "open"},
	{name: "Lord Howe spring: 01:30-03:00 closes at 03:00 +11", zone: "Australia/Lord_Howe", hours: []string{"01:30-03:00"}, op: opNextClose, t: "2026-10-04T01:45:00+10:30", want: "2026-10-04T03:00:00+11:00"},
}

var (
	h24    = []string{"00:00-24:00"}
	h9to17 = []string{"09:00-17:00"}
	h0to17 = []string{"00:00-17:00"}
)

func TestDST(t *testing.T) {
	for _, tt := range dstRows {
		t.Run(tt.name, func(t *testing.T) {
			loc := loadZone(t, tt.zone)
			c := mustNew(t, everyDay(tt.zone, tt.hours...))
			at := instant(t, tt.t).In(loc)
			var got string
			switch tt.op {
			case opBetween:
				u := instant(t, tt.u).In(loc)
				d := c.Between(at, u)
				got = d.String()
				if back := c.Between(u, at); back != -d {
					t.Errorf("Between(u, t) = %v, want %v", back, -d)
				}
			case opAdd:
				got = rfc3339(c.Add(at, tt.d))
			case opIsOpen:
				got = "closed"
				if c.IsOpen(at) {
					got = "open"
				}
			case opNextOpen:
				got = rfc3339ok(c.NextOpen(at))
			case opNextClose:
				got = rfc3339ok(c.NextClose(at))
			case opAddDays:
				got = rfc3339(c.AddDays(at, tt.n))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("hours %q, t = %s (-want +got):\n%s", tt.hours, show(at), diff)
			}
		})
	}
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return "zero Time"
	}
	return t.Format(time.RFC3339Nano)
}

func rfc3339ok(t time.Time, ok bool) string {
	if !ok {
		return "none"
	}
	return rfc3339(t)
}
