package clock_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/clock"
)

type fuzzOp struct {
	kind    string
	zone    *time.Location
	zero    bool
	minutes int
}

// decodeOps turns fuzz bytes into at most 24 ops, three bytes each. The
// first byte picks the op (low two bits), the zone (next two) and, when
// its high four bits are all set, the zero Time; the other two are a
// signed number of minutes, within three days, from the timer's last
// instant (or from Monday, March 2, for an idle timer), so instants may
// go backwards.
func decodeOps(data []byte) []fuzzOp {
	kinds := []string{"start", "pause", "resume", "stop"}
	var ops []fuzzOp
	for ; len(data) >= 3 && len(ops) < 24; data = data[3:] {
		ops = append(ops, fuzzOp{
			kind:    kinds[data[0]&3],
			zone:    zones[data[0]>>2&3],
			zero:    data[0]>>4 == 15,
			minutes: int(int16(uint16(data[1])<<8|uint16(data[2]))) % (3 * 24 * 60),
		})
	}
	return ops
}

func FuzzTimer(f *testing.F) {
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{0, 0, 60, 1, 0, 60, 2, 0, 120, 3, 1, 0})                  // start, pause, resume, stop
	f.Add([]byte{0, 0, 0, 1, 0xff, 0xff, 0xf1, 0, 1, 3, 0, 1, 0, 0x10, 0}) // earlier, zero, new cycle
	f.Add([]byte{4, 0, 30, 9, 2, 0, 14, 0, 5, 7, 0, 0, 12, 5, 0, 1, 0x27, 0x10})
	f.Fuzz(func(t *testing.T, data []byte) {
		var timer clock.Timer
		var instants []time.Time
		for _, o := range decodeOps(data) {
			base := timer.Since()
			if base.IsZero() {
				base = march(2, 0, 0)
			}
			at := base.Add(time.Duration(o.minutes) * time.Minute).In(o.zone)
			if o.zero {
				at = time.Time{}
			}
			before := snapshot(t, timer)
			if err := (op{o.kind, at}).apply(&timer); err != nil {
				if diff := cmp.Diff(before, snapshot(t, timer), sameTime); diff != "" {
					t.Fatalf("%s(%v): failed op %v changed the timer (-want +got):\n%s", o.kind, at, err, diff)
				}
				continue
			}
			instants = append(instants, at)
		}

		b, err := json.Marshal(timer)
		if err != nil {
			t.Fatalf("json.Marshal: %v", err)
		}
		var back clock.Timer
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(snapshot(t, timer), snapshot(t, back), equalTime); diff != "" {
			t.Fatalf("JSON round trip (-want +got):\n%s", diff)
		}

		ats := []time.Time{{}, march(2, 0, 0)}
		for _, at := range instants {
			ats = append(ats, at.Add(-time.Nanosecond), at, at.Add(time.Minute), at.Add(5*time.Hour))
		}
		slices.SortFunc(ats, time.Time.Compare)
		for _, cal := range []clock.Calendar{officeHours, always{}} {
			var prev time.Duration
			for _, at := range ats {
				e := timer.Elapsed(cal, at)
				if e < prev {
					t.Fatalf("Elapsed(%T, %v) = %v, less than %v just before", cal, at, e, prev)
				}
				prev = e
			}
			if due, ok := timer.Due(cal, 2*time.Hour); ok && timer.Elapsed(cal, due) != 2*time.Hour {
				t.Fatalf("Elapsed(%T, Due = %v) = %v, want 2h", cal, due, timer.Elapsed(cal, due))
			}
		}
	})
}

// FuzzUnmarshalJSON checks that no input makes decoding panic; that it
// accepts what the previous release's decoder (referenceDecode) accepts,
// with the same history, and refuses the rest with an *Error that wraps a
// sentinel, changing nothing; and that whatever decodes encodes to text
// that decodes to an equal timer and encodes to the same text again.
func FuzzUnmarshalJSON(f *testing.F) {
	f.Add([]byte(`{"state":"idle"}`))
	f.Add([]byte(`{"state":"running","cycles":[{"spans":[{"start":"2026-03-02T09:00:00-05:00","end":"2026-03-02T10:00:00-05:00"}],"stop":"2026-03-02T11:00:00-05:00"},{"spans":[{"start":"2026-03-09T09:00:00.123456789+05:45"}]}]}`))
	f.Add([]byte(`{"state":"paused","cycles":[{"spans":[{"start":"2026-03-02T09:00:00Z","end":"2026-03-02T09:00:00Z"}]}]}`))
	f.Add([]byte(`{"state":"stopped","cycles":[{"spans":[{"start":"2026-03-02T09:00:00+01:00","end":"2026-03-02T10:00:00+01:00"}],"stop":"2026-03-03T10:00:00-10:00"}]}`))
	f.Add([]byte(`{"cycles":[{"stop":"2026-03-02T11:00:00Z","spans":[{"end":"2026-03-02T10:00:00Z","start":"2026-03-02T09:00:00Z"}]}],"state":"stopped"}`))
	f.Add([]byte(`{"state":"idle","cycles":[]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		timer := build(t, start(march(2, 9, 0)), pause(march(2, 10, 0)))
		before := snapshot(t, timer)
		err := timer.UnmarshalJSON(data)
		ref, refErr := referenceDecode(data)
		if (err == nil) != (refErr == nil) {
			t.Fatalf("%q: UnmarshalJSON says %v, the reference %v", data, err, refErr)
		}
		if err != nil {
			checkDecodeError(t, data, err)
			if diff := cmp.Diff(before, snapshot(t, timer), sameTime); diff != "" {
				t.Fatalf("failed decoding changed the timer (-want +got):\n%s", diff)
			}
			return
		}
		if string(bytes.TrimSpace(data)) == "null" {
			return
		}
		if diff := cmp.Diff(ref, refOf(timer), equalTime); diff != "" {
			t.Fatalf("%q: decoded history (-reference +UnmarshalJSON):\n%s", data, diff)
		}
		b, err := json.Marshal(timer)
		if err != nil {
			t.Fatalf("json.Marshal of a decoded timer: %v", err)
		}
		var back clock.Timer
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", b, err)
		}
		again, _ := json.Marshal(back)
		if !back.Equal(timer) || string(again) != string(b) {
			t.Fatalf("round trip of %s: %s, Equal %v", b, again, back.Equal(timer))
		}
		if diff := cmp.Diff(snapshot(t, timer), snapshot(t, back), equalTime); diff != "" {
			t.Fatalf("JSON round trip (-want +got):\n%s", diff)
		}
		// A decoded timer takes transitions like any other.
		at := timer.Since().Add(time.Hour)
		for _, o := range []op{pause(at), resume(at), stop(at), start(at)} {
			_ = o.apply(&timer)
		}
	})
}

// checkDecodeError checks that a decoding error is an *Error that wraps
// one of the package's sentinels.
func checkDecodeError(t *testing.T, data []byte, err error) {
	t.Helper()
	var e *clock.Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %v (%T), want a *clock.Error", data, err, err)
	}
	for _, s := range []error{clock.ErrSyntax, clock.ErrMissing, clock.ErrUnknownField, clock.ErrDuplicate, clock.ErrState, clock.ErrTimeOrder, clock.ErrInstant} {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("%q: error %v wraps none of the sentinels", data, err)
}
