package jsonx

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// marshalNoHTML is what encoding/json writes for v without HTML escaping.
func marshalNoHTML(tb testing.TB, v any) string {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		tb.Fatalf("json.Encoder.Encode(%v): %v", v, err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func TestAppendString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", `""`},
		{"plain ASCII", "state", `"state"`},
		{"quote and backslash", `a"b\c`, `"a\"b\\c"`},
		{"the short escapes", "\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"other control characters", "\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f" + `"`},
		{"HTML characters are not escaped", "<a href=\"x\">&</a>", `"<a href=\"x\">&</a>"`},
		{"UTF-8 as it is", "é€😀", `"é€😀"`},
		{"line and paragraph separators", "a\u2028b\u2029c", `"a\u2028b\u2029c"`},
		{"invalid UTF-8, byte by byte", "a\xff\xfeb\xed\xa0\x80", `"a\ufffd\ufffdb\ufffd\ufffd\ufffd"`},
		{"a cut rune at the end", "a\xe2\x82", `"a\ufffd\ufffd"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(AppendString([]byte("x"), tt.in))
			if diff := cmp.Diff("x"+tt.want, got); diff != "" {
				t.Errorf("AppendString (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(marshalNoHTML(t, tt.in), got[1:]); diff != "" {
				t.Errorf("AppendString differs from encoding/json (-json +AppendString):\n%s", diff)
			}
		})
	}
}

func TestAppendTime(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"UTC is Z", time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC), `"2026-03-02T14:00:00Z"`},
		{"a named zone writes its offset", time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("EST", -5*3600)), `"2026-03-02T09:00:00-05:00"`},
		{"nanoseconds without trailing zeros", time.Date(2026, 3, 2, 9, 0, 0, 1500000, time.UTC), `"2026-03-02T09:00:00.0015Z"`},
		{"all nine digits", time.Date(2026, 3, 2, 9, 0, 0, 123456789, time.FixedZone("", 5*3600+45*60)), `"2026-03-02T09:00:00.123456789+05:45"`},
		{"the year 1", time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), `"0001-01-01T00:00:00.000000001Z"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(AppendTime(nil, tt.t))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("AppendTime (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(marshalNoHTML(t, tt.t), got); diff != "" {
				t.Errorf("AppendTime differs from encoding/json (-json +AppendTime):\n%s", diff)
			}
		})
	}
}

func TestAppendIntAndBool(t *testing.T) {
	var b []byte
	for _, n := range []int64{0, -1, 42, 1<<63 - 1, -1 << 63} {
		b = append(AppendInt(b, n), ',')
	}
	b = AppendBool(AppendBool(b, true), false)
	if diff := cmp.Diff("0,-1,42,9223372036854775807,-9223372036854775808,truefalse", string(b)); diff != "" {
		t.Errorf("appended (-want +got):\n%s", diff)
	}
}

func TestAppendersDoNotAllocate(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 123456789, time.FixedZone("", -5*3600))
	b := make([]byte, 0, 256)
	allocs := testing.AllocsPerRun(100, func() {
		b = AppendString(b[:0], "running \"now\"\n")
		b = AppendTime(b, at)
		b = AppendDuration(b, 90*time.Minute+1500*time.Millisecond)
		b = AppendInt(b, -12345)
	})
	if allocs != 0 {
		t.Errorf("%v allocations, want 0", allocs)
	}
}
