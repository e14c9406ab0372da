package clock_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/clock"
)

func TestJSONGolden(t *testing.T) {
	timer := build(t,
		start(march(2, 9, 0)), pause(march(2, 10, 0)), stop(march(2, 11, 0)),
		start(march(9, 9, 0).Add(123456789*time.Nanosecond)),
	)
	got, err := json.Marshal(timer)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"state":"running","cycles":[` +
		`{"spans":[{"start":"2026-03-02T09:00:00-05:00","end":"2026-03-02T10:00:00-05:00"}],"stop":"2026-03-02T11:00:00-05:00"},` +
		`{"spans":[{"start":"2026-03-09T09:00:00.123456789-04:00"}]}]}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("json.Marshal (-want +got):\n%s", diff)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	kolkata := mustLoad("Asia/Kolkata")     // +05:30
	kathmandu := mustLoad("Asia/Kathmandu") // +05:45
	lordHowe := mustLoad("Australia/Lord_Howe")
	stJohns := mustLoad("America/St_Johns") // -03:30, -02:30 in summer
	in := func(loc *time.Location, month time.Month, day, hour, minute, nsec int) time.Time {
		return time.Date(2026, month, day, hour, minute, 0, nsec, loc)
	}
	tests := []struct {
		name string
		ops  []op
	}{
		{"idle", nil},
		{"running in New York", []op{start(march(2, 9, 0))}},
		{"paused in Kolkata, +05:30", []op{start(in(kolkata, 3, 2, 9, 0, 0)), pause(in(kolkata, 3, 2, 9, 30, 1))}},
		{"stopped in Kathmandu, +05:45, from paused", []op{start(in(kathmandu, 3, 2, 9, 0, 0)), pause(in(kathmandu, 3, 2, 9, 1, 0)), stop(in(kathmandu, 3, 2, 9, 2, 0))}},
		{"Lord Howe across its half-hour DST change", []op{start(in(lordHowe, 4, 4, 12, 0, 0)), pause(in(lordHowe, 4, 5, 12, 0, 0)), resume(in(lordHowe, 4, 6, 12, 0, 999999999))}},
		{"St John's, -02:30 then -03:30, nanoseconds", []op{start(in(stJohns, 11, 1, 0, 30, 5)), stop(in(stJohns, 11, 1, 3, 30, 7))}},
		{"mixed zones, UTC and three cycles", []op{
			start(in(time.UTC, 1, 5, 9, 0, 0)), stop(in(kolkata, 1, 5, 15, 0, 0)),
			start(march(2, 9, 0)), pause(march(2, 9, 0)), resume(march(2, 9, 0)), stop(march(2, 9, 0)),
			start(in(time.FixedZone("Z+13", 13*3600), 3, 4, 9, 0, 0)), pause(in(stJohns, 3, 4, 9, 0, 0)),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			timer := build(t, tt.ops...)
			b, err := json.Marshal(timer)
			if err != nil {
				t.Fatal(err)
			}
			var got clock.Timer
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", b, err)
			}
			if diff := cmp.Diff(snapshot(t, timer), snapshot(t, got), equalTime); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			again, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(b), string(again)); diff != "" {
				t.Errorf("second encoding (-want +got):\n%s", diff)
			}
			for _, at := range []time.Time{march(2, 9, 30), march(5, 0, 0), march(30, 0, 0)} {
				if w, g := timer.Elapsed(officeHours, at), got.Elapsed(officeHours, at); w != g {
					t.Errorf("Elapsed(%v): decoded %v, want %v", at, g, w)
				}
			}
			wd, wok := timer.Due(officeHours, 3*time.Hour)
			gd, gok := got.Due(officeHours, 3*time.Hour)
			if diff := cmp.Diff(struct {
				Due time.Time
				OK  bool
			}{wd, wok}, struct {
				Due time.Time
				OK  bool
			}{gd, gok}, equalTime); diff != "" {
				t.Errorf("Due after the round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONDecodeIgnoresLocal runs itself in a child process whose local
// zone is New York, where time.Parse would return instants in time.Local.
func TestJSONDecodeIgnoresLocal(t *testing.T) {
	if os.Getenv("CLOCK_TEST_CHILD") != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestJSONDecodeIgnoresLocal$", "-test.v")
		cmd.Env = append(os.Environ(), "CLOCK_TEST_CHILD=1", "TZ=America/New_York")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child process: %v\n%s", err, out)
		}
		return
	}
	const in = `"2026-03-02T09:00:00-05:00"`
	var parsed time.Time
	if err := json.Unmarshal([]byte(in), &parsed); err != nil {
		t.Fatal(err)
	}
	if parsed.Location() != time.Local {
		t.Fatalf("time.Time decodes %s in %v, not time.Local: this test checks nothing", in, parsed.Location())
	}
	var timer clock.Timer
	if err := json.Unmarshal([]byte(`{"state":"running","cycles":[{"spans":[{"start":`+in+`}]}]}`), &timer); err != nil {
		t.Fatal(err)
	}
	if loc := timer.Since().Location(); loc == time.Local {
		t.Errorf("decoded instant is in time.Local")
	}
	if _, off := timer.Since().Zone(); off != -5*3600 || !timer.Since().Equal(parsed) {
		t.Errorf("decoded instant %v, want %v with offset -05:00", timer.Since(), parsed)
	}
}

func TestJSONNullLeavesTimerAsIs(t *testing.T) {
	timer := build(t, start(march(2, 9, 0)))
	want := snapshot(t, timer)
	if err := json.Unmarshal([]byte("null"), &timer); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, snapshot(t, timer), sameTime); diff != "" {
		t.Errorf("null changed the timer (-want +got):\n%s", diff)
	}
}

const (
	t9  = `"2026-03-02T09:00:00-05:00"`
	t10 = `"2026-03-02T10:00:00-05:00"`
	t11 = `"2026-03-02T11:00:00-05:00"`
	t12 = `"2026-03-02T12:00:00-05:00"`
)

// badRow is a row of TestJSONBad.
type badRow struct {
	name      string
	in        string
	wantPath  string
	wantValue string
	wantIs    error
	wantMsg   string // not checked when empty
}

// malformedRows are inputs that are not JSON, or not of the shape of a timer.
var malformedRows = []badRow{
	{name: "not JSON", in: `{`, wantIs: clock.ErrSyntax, wantMsg: "clock: malformed JSON at offset 1: unexpected end of input"},
	{name: "empty", in: ``, wantIs: clock.ErrSyntax, wantMsg: "clock: malformed JSON at offset 0: unexpected end of input"},
	{name: "two values", in: `{"state":"idle"} {"state":"idle"}`, wantValue: `{"state":"idle"}`, wantIs: clock.ErrSyntax,
		wantMsg: `clock: "{\"state\":\"idle\"}": malformed JSON at offset 17: invalid character '{' after the top-level value`},
	{name: "malformed inside a span", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end"}]}]}`,
		wantPath: "cycles[0].spans[0].end", wantValue: "}]}]}", wantIs: clock.ErrSyntax,
		wantMsg: `clock: cycles[0].spans[0].end: "}]}]}": malformed JSON at offset 80: invalid character '}' after an object key`},
	{name: "invalid UTF-8 in a state", in: "{\"state\":\"idle\xff\"}", wantPath: "state", wantValue: "\xff\"}", wantIs: clock.ErrSyntax},
	{name: "an array", in: `[]`, wantValue: "[]", wantIs: clock.ErrSyntax, wantMsg: `clock: "[]": want an object, got an array`},
	{name: "state null", in: `{"state":null}`, wantPath: "state", wantValue: "null", wantIs: clock.ErrSyntax},
	{name: "state a number", in: `{"state":1}`, wantPath: "state", wantValue: "1", wantIs: clock.ErrSyntax,
		wantMsg: `clock: state: "1": want a string, got a number`},
	{name: "cycles not an array", in: `{"state":"idle","cycles":{}}`, wantPath: "cycles", wantValue: "{}", wantIs: clock.ErrSyntax},
	{name: "cycles null", in: `{"state":"idle","cycles":null}`, wantPath: "cycles", wantValue: "null", wantIs: clock.ErrSyntax},
	{name: "cycle with null spans", in: `{"state":"paused","cycles":[{"spans":null}]}`, wantPath: "cycles[0].spans", wantValue: "null", wantIs: clock.ErrSyntax},
	{name: "cycle that is not an object", in: `{"state":"paused","cycles":[1]}`, wantPath: "cycles[0]", wantValue: "1", wantIs: clock.ErrSyntax,
		wantMsg: `clock: cycles[0]: "1": want an object, got a number`},
	{name: "span that is not an object", in: `{"state":"paused","cycles":[{"spans":[[]]}]}`, wantPath: "cycles[0].spans[0]", wantValue: "[]", wantIs: clock.ErrSyntax},
	{name: "instant not RFC 3339", in: `{"state":"running","cycles":[{"spans":[{"start":"2026-03-02 09:00"}]}]}`,
		wantPath: "cycles[0].spans[0].start", wantValue: "2026-03-02 09:00", wantIs: clock.ErrSyntax,
		wantMsg: `clock: cycles[0].spans[0].start: "2026-03-02 09:00": want an RFC 3339 instant: cannot parse " 09:00" as "T"`},
	{name: "instant without an offset", in: `{"state":"running","cycles":[{"spans":[{"start":"2026-03-02T09:00:00"}]}]}`,
		wantPath: "cycles[0].spans[0].start", wantValue: "2026-03-02T09:00:00", wantIs: clock.ErrSyntax},
	{name: "instant a number", in: `{"state":"running","cycles":[{"spans":[{"start":0}]}]}`, wantPath: "cycles[0].spans[0].start", wantValue: "0", wantIs: clock.ErrSyntax},
	{name: "end null", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end":null}]}]}`, wantPath: "cycles[0].spans[0].end", wantValue: "null", wantIs: clock.ErrSyntax},
	{name: "stop a boolean", in: `{"state":"stopped","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}],"stop":true}]}`,
		wantPath: "cycles[0].stop", wantValue: "true", wantIs: clock.ErrSyntax},
}

// fieldRows have a field unknown, repeated or missing.
var fieldRows = []badRow{
	{name: "unknown field", in: `{"state":"idle","cycle":1}`, wantPath: "cycle", wantIs: clock.ErrUnknownField, wantMsg: `clock: cycle: unknown field`},
	{name: "field name in another case", in: `{"State":"idle"}`, wantPath: "State", wantIs: clock.ErrUnknownField},
	{name: "unknown field in a cycle", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}],"note":"x"}]}`,
		wantPath: "cycles[0].note", wantIs: clock.ErrUnknownField},
	{name: "unknown field in a span", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `,"note":"x"}]}]}`,
		wantPath: "cycles[0].spans[0].note", wantIs: clock.ErrUnknownField, wantMsg: `clock: cycles[0].spans[0].note: unknown field`},
	{name: "repeated state", in: `{"state":"idle","state":"running"}`, wantPath: "state", wantIs: clock.ErrDuplicate, wantMsg: `clock: state: repeated field`},
	{name: "repeated cycles", in: `{"state":"idle","cycles":[],"cycles":[]}`, wantPath: "cycles", wantIs: clock.ErrDuplicate},
	{name: "repeated spans", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}],"spans":[]}]}`,
		wantPath: "cycles[0].spans", wantIs: clock.ErrDuplicate},
	{name: "repeated stop", in: `{"state":"stopped","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}],"stop":` + t10 + `,"stop":` + t11 + `}]}`,
		wantPath: "cycles[0].stop", wantIs: clock.ErrDuplicate},
	{name: "repeated start", in: `{"state":"running","cycles":[{"spans":[{"start":` + t9 + `,"start":` + t10 + `}]}]}`,
		wantPath: "cycles[0].spans[0].start", wantIs: clock.ErrDuplicate, wantMsg: `clock: cycles[0].spans[0].start: repeated field`},
	{name: "repeated end", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `,"end":` + t11 + `}]}]}`,
		wantPath: "cycles[0].spans[0].end", wantIs: clock.ErrDuplicate},
	{name: "state missing", in: `{}`, wantPath: "state", wantIs: clock.ErrMissing, wantMsg: "clock: state: missing"},
	{name: "cycle without a spans field", in: `{"state":"paused","cycles":[{}]}`, wantPath: "cycles[0].spans", wantIs: clock.ErrMissing},
	{name: "span without start", in: `{"state":"paused","cycles":[{"spans":[{"end":` + t9 + `}]}]}`, wantPath: "cycles[0].spans[0].start", wantIs: clock.ErrMissing},
}

// historyRows describe a history no sequence of transitions could make.
var historyRows = []badRow{
	{name: "unknown state", in: `{"state":"done"}`, wantPath: "state", wantValue: "done", wantIs: clock.ErrState,
		wantMsg: `clock: state: "done": unknown state: want idle, running, paused or stopped`},
	{name: "start is the zero Time", in: `{"state":"running","cycles":[{"spans":[{"start":"0001-01-01T00:00:00Z"}]}]}`,
		wantPath: "cycles[0].spans[0].start", wantValue: "0001-01-01T00:00:00Z", wantIs: clock.ErrInstant,
		wantMsg: `clock: cycles[0].spans[0].start: "0001-01-01T00:00:00Z": instant cannot be recorded: zero`},
	{name: "start in the year 0, before the zero Time", in: `{"state":"running","cycles":[{"spans":[{"start":"0000-06-01T00:00:00Z"}]}]}`,
		wantPath: "cycles[0].spans[0].start", wantValue: "0000-06-01T00:00:00Z", wantIs: clock.ErrInstant,
		wantMsg: `clock: cycles[0].spans[0].start: "0000-06-01T00:00:00Z": instant cannot be recorded: before the zero Time`},
	{name: "idle with a cycle", in: `{"state":"idle","cycles":[{"spans":[{"start":` + t9 + `}]}]}`, wantPath: "cycles", wantIs: clock.ErrState,
		wantMsg: "clock: cycles: an idle timer has no cycles"},
	{name: "running without cycles", in: `{"state":"running"}`, wantPath: "cycles", wantIs: clock.ErrMissing,
		wantMsg: "clock: cycles: missing: a running timer has a cycle"},
	{name: "running with an empty list of cycles", in: `{"state":"running","cycles":[]}`, wantPath: "cycles", wantValue: "[]", wantIs: clock.ErrState,
		wantMsg: `clock: cycles: "[]": a running timer has a cycle`},
	{name: "cycle without spans", in: `{"state":"paused","cycles":[{"spans":[]}]}`, wantPath: "cycles[0].spans", wantValue: "[]", wantIs: clock.ErrState,
		wantMsg: `clock: cycles[0].spans: "[]": a cycle has at least one span`},
	{name: "span ends before it starts", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t10 + `,"end":` + t9 + `}]}]}`,
		wantPath: "cycles[0].spans[0].end", wantValue: "2026-03-02T09:00:00-05:00", wantIs: clock.ErrTimeOrder,
		wantMsg: `clock: cycles[0].spans[0].end: "2026-03-02T09:00:00-05:00": instant earlier than the last recorded one, 2026-03-02T10:00:00-05:00`},
	{name: "span ends before it starts, the end written first", in: `{"state":"paused","cycles":[{"spans":[{"end":` + t9 + `,"start":` + t10 + `}]}]}`,
		wantPath: "cycles[0].spans[0].end", wantValue: "2026-03-02T09:00:00-05:00", wantIs: clock.ErrTimeOrder},
	{name: "spans overlap", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t11 + `},{"start":` + t10 + `,"end":` + t12 + `}]}]}`,
		wantPath: "cycles[0].spans[1].start", wantValue: "2026-03-02T10:00:00-05:00", wantIs: clock.ErrTimeOrder},
	{name: "end earlier than start in another offset, though its wall clock is later", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end":"2026-03-02T14:00:00+01:00"}]}]}`,
		wantPath: "cycles[0].spans[0].end", wantValue: "2026-03-02T14:00:00+01:00", wantIs: clock.ErrTimeOrder},
	{name: "stop before the last span ends", in: `{"state":"stopped","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t11 + `}],"stop":` + t10 + `}]}`,
		wantPath: "cycles[0].stop", wantValue: "2026-03-02T10:00:00-05:00", wantIs: clock.ErrTimeOrder},
	{name: "stop before the last span ends, written before the spans", in: `{"state":"stopped","cycles":[{"stop":` + t10 + `,"spans":[{"start":` + t9 + `,"end":` + t11 + `}]}]}`,
		wantPath: "cycles[0].stop", wantValue: "2026-03-02T10:00:00-05:00", wantIs: clock.ErrTimeOrder},
	{name: "next cycle starts before the previous stop", in: `{"state":"running","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}],"stop":` + t12 + `},{"spans":[{"start":` + t11 + `}]}]}`,
		wantPath: "cycles[1].spans[0].start", wantValue: "2026-03-02T11:00:00-05:00", wantIs: clock.ErrTimeOrder},
	{name: "earlier cycle without stop", in: `{"state":"running","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}]},{"spans":[{"start":` + t11 + `}]}]}`,
		wantPath: "cycles[0].stop", wantIs: clock.ErrMissing, wantMsg: "clock: cycles[0].stop: missing: a cycle before the last has a stop"},
	{name: "earlier cycle with an open span", in: `{"state":"running","cycles":[{"spans":[{"start":` + t9 + `}],"stop":` + t10 + `},{"spans":[{"start":` + t11 + `}]}]}`,
		wantPath: "cycles[0].spans[0].end", wantIs: clock.ErrMissing},
	{name: "running with its last span closed", in: `{"state":"running","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}]}]}`,
		wantPath: "cycles[0].spans", wantIs: clock.ErrState, wantMsg: "clock: cycles[0].spans: the last span of a running timer is open (has no end)"},
	{name: "running with an open span before a closed one", in: `{"state":"running","cycles":[{"spans":[{"start":` + t9 + `},{"start":` + t10 + `,"end":` + t11 + `}]}]}`,
		wantPath: "cycles[0].spans[0].end", wantIs: clock.ErrMissing, wantMsg: "clock: cycles[0].spans[0].end: missing: only the last span of a running timer is open"},
	{name: "running with a stop", in: `{"state":"running","cycles":[{"spans":[{"start":` + t9 + `}],"stop":` + t10 + `}]}`,
		wantPath: "cycles[0].stop", wantValue: "2026-03-02T10:00:00-05:00", wantIs: clock.ErrState},
	{name: "paused with an open span", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `}]}]}`,
		wantPath: "cycles[0].spans[0].end", wantIs: clock.ErrMissing},
	{name: "paused with a stop", in: `{"state":"paused","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}],"stop":` + t11 + `}]}`,
		wantPath: "cycles[0].stop", wantValue: "2026-03-02T11:00:00-05:00", wantIs: clock.ErrState,
		wantMsg: `clock: cycles[0].stop: "2026-03-02T11:00:00-05:00": a paused timer's cycle has no stop`},
	{name: "stopped without a stop", in: `{"state":"stopped","cycles":[{"spans":[{"start":` + t9 + `,"end":` + t10 + `}]}]}`,
		wantPath: "cycles[0].stop", wantIs: clock.ErrMissing, wantMsg: "clock: cycles[0].stop: missing"},
	{name: "stopped with an open span", in: `{"state":"stopped","cycles":[{"spans":[{"start":` + t9 + `}],"stop":` + t10 + `}]}`,
		wantPath: "cycles[0].spans[0].end", wantIs: clock.ErrMissing},
	{name: "the state after the cycles it does not match", in: `{"cycles":[{"spans":[{"start":` + t9 + `}]}],"state":"paused"}`,
		wantPath: "cycles[0].spans[0].end", wantIs: clock.ErrMissing},
}

func TestJSONBad(t *testing.T) {
	for _, group := range []struct {
		name string
		rows []badRow
	}{{"malformed", malformedRows}, {"fields", fieldRows}, {"history", historyRows}} {
		for _, tt := range group.rows {
			t.Run(group.name+"/"+tt.name, func(t *testing.T) {
				timer := build(t, start(march(1, 9, 0)), pause(march(1, 10, 0)))
				want := snapshot(t, timer)
				err := timer.UnmarshalJSON([]byte(tt.in))
				if json.Valid([]byte(tt.in)) {
					if jerr := json.Unmarshal([]byte(tt.in), &timer); jerr == nil || jerr.Error() != err.Error() {
						t.Errorf("json.Unmarshal error %v, want %v as from UnmarshalJSON", jerr, err)
					}
				}
				var de *clock.Error
				if !errors.As(err, &de) {
					t.Fatalf("error %v (%T), want a *clock.Error", err, err)
				}
				if diff := cmp.Diff([]string{tt.wantPath, tt.wantValue}, []string{de.Path, de.Value}); diff != "" {
					t.Errorf("Path, Value (-want +got):\n%s", diff)
				}
				if !errors.Is(err, tt.wantIs) {
					t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
				}
				if tt.wantMsg != "" {
					if diff := cmp.Diff(tt.wantMsg, err.Error()); diff != "" {
						t.Errorf("message (-want +got):\n%s", diff)
					}
				}
				if diff := cmp.Diff(want, snapshot(t, timer), sameTime); diff != "" {
					t.Errorf("failed decoding changed the timer (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestJSONFieldsInAnyOrder(t *testing.T) {
	// The same stopped timer of two cycles, with every object's fields in
	// the order written by MarshalJSON and reversed, and with whitespace.
	want := build(t, start(march(2, 9, 0)), pause(march(2, 10, 0)), stop(march(2, 11, 0)), start(march(3, 9, 0)), stop(march(3, 12, 0)))
	ins := []string{
		`{"state":"stopped","cycles":[{"spans":[{"start":"2026-03-02T09:00:00-05:00","end":"2026-03-02T10:00:00-05:00"}],"stop":"2026-03-02T11:00:00-05:00"},{"spans":[{"start":"2026-03-03T09:00:00-05:00","end":"2026-03-03T12:00:00-05:00"}],"stop":"2026-03-03T12:00:00-05:00"}]}`,
		`{"cycles":[{"stop":"2026-03-02T11:00:00-05:00","spans":[{"end":"2026-03-02T10:00:00-05:00","start":"2026-03-02T09:00:00-05:00"}]},{"stop":"2026-03-03T12:00:00-05:00","spans":[{"end":"2026-03-03T12:00:00-05:00","start":"2026-03-03T09:00:00-05:00"}]}],"state":"stopped"}`,
		"{ \"state\" : \"stopped\" ,\n \"cycles\" : [ { \"spans\" : [ { \"start\" : \"2026-03-02T09:00:00-05:00\" , \"end\" : \"2026-03-02T10:00:00-05:00\" } ] , \"stop\" : \"2026-03-02T11:00:00-05:00\" } ,\n\t{ \"spans\" : [ { \"start\" : \"2026-03-03T09:00:00-05:00\" , \"end\" : \"2026-03-03T12:00:00-05:00\" } ] , \"stop\" : \"2026-03-03T12:00:00-05:00\" } ] }\n",
	}
	for i, in := range ins {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			var got clock.Timer
			if err := json.Unmarshal([]byte(in), &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(snapshot(t, want), snapshot(t, got), equalTime); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJSONOrderIsByInstantNotWallClock(t *testing.T) {
	// 10:00 in Paris is 04:00 in New York, before 09:00 there.
	in := `{"state":"paused","cycles":[{"spans":[{"start":"2026-03-02T10:00:00+01:00","end":"2026-03-02T09:00:00-05:00"}]}]}`
	var timer clock.Timer
	if err := json.Unmarshal([]byte(in), &timer); err != nil {
		t.Fatal(err)
	}
	if got := timer.Elapsed(always{}, march(3, 0, 0)); got != 5*time.Hour {
		t.Errorf("Elapsed = %v, want 5h", got)
	}
}

func TestJSONTrailingData(t *testing.T) {
	var timer clock.Timer
	err := timer.UnmarshalJSON([]byte(`{"state":"idle"} {"state":"idle"}`))
	var de *clock.Error
	if !errors.As(err, &de) {
		t.Fatalf("error %v, want a *clock.Error", err)
	}
}

func TestJSONInsideAStruct(t *testing.T) {
	type ticket struct {
		ID    int          `json:"id"`
		Timer clock.Timer  `json:"timer"`
		Other *clock.Timer `json:"other,omitempty"`
	}
	in := ticket{ID: 7, Timer: build(t, start(march(2, 9, 0)), pause(march(2, 10, 0)))}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out ticket
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(snapshot(t, in.Timer), snapshot(t, out.Timer), equalTime); diff != "" {
		t.Errorf("timer in a struct (-want +got):\n%s", diff)
	}
	if out.Other != nil {
		t.Errorf("Other = %v, want nil", out.Other)
	}
}
