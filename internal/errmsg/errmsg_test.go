package errmsg

import (
	"errors"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	bad := errors.New("bad interval: hour out of range")
	tests := []struct {
		name        string
		path, value string
		err         error
		want        string
	}{
		{"path, value and what", "hours.mon[1]", "25:00", bad, `calendar: hours.mon[1]: "25:00": bad interval: hour out of range`},
		{"no value", "zone", "", errors.New("missing"), `calendar: zone: missing`},
		{"no path", "", "x", errors.New("malformed"), `calendar: "x": malformed`},
		{"the package's own prefix is not repeated", "a", "", errors.New("calendar: missing"), `calendar: a: missing`},
		{"a long value is shortened", "p", strings.Repeat("é", 40), errors.New("bad"), `calendar: p: "` + strings.Repeat("é", 30) + `...": bad`},
		{"quotes are escaped", "p", `a"b`, errors.New("bad"), `calendar: p: "a\"b": bad`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format("calendar", tt.path, tt.value, tt.err); got != tt.want {
				t.Errorf("Format = %s\nwant     %s", got, tt.want)
			}
		})
	}
}

func TestShortenKeepsShortValues(t *testing.T) {
	s := strings.Repeat("a", MaxValue)
	if got := Shorten(s); got != s {
		t.Errorf("Shorten(%d bytes) = %q, want it unchanged", len(s), got)
	}
	if got := Shorten(s + "b"); len(got) != MaxValue || !strings.HasSuffix(got, "...") {
		t.Errorf("Shorten(%d bytes) = %q (%d bytes), want %d bytes ending in ...", len(s)+1, got, len(got), MaxValue)
	}
}
