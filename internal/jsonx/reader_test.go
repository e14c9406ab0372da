package jsonx

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestReadValues(t *testing.T) {
	d := func(c rune) json.Delim { return json.Delim(c) }
	n := func(s string) json.Number { return json.Number(s) }
	tests := []struct {
		name string
		in   string
		want []json.Token
	}{
		{"an empty object", `{}`, []json.Token{d('{'), d('}')}},
		{"an empty array", `[]`, []json.Token{d('['), d(']')}},
		{"whitespace of all four kinds", " \t\r\n{ \"a\" : [ 1 , 2 ] }\n", []json.Token{d('{'), "a", d('['), n("1"), n("2"), d(']'), d('}')}},
		{"keys in the order written, repeated keys twice", `{"b":1,"a":2,"b":3}`, []json.Token{d('{'), "b", n("1"), "a", n("2"), "b", n("3"), d('}')}},
		{"every kind of value", `[null,true,false,0,-1,"s",{},[]]`, []json.Token{d('['), nil, true, false, n("0"), n("-1"), "s", d('{'), d('}'), d('['), d(']'), d(']')}},
		{"numbers of every form", `[-0,1.5,1e3,1E+3,-2.25e-2]`, []json.Token{d('['), n("-0"), n("1.5"), n("1e3"), n("1E+3"), n("-2.25e-2"), d(']')}},
		{"the two-character escapes", `"\" \\ \/ \b \f \n \r \t"`, []json.Token{"\" \\ / \b \f \n \r \t"}},
		{"\\u escapes, upper and lower case", `"\u0041\u00e9\u00E9\u20ac\u0000"`, []json.Token{"Aéé€\x00"}},
		{"a surrogate pair", `"\ud83d\ude00"`, []json.Token{"😀"}},
		{"UTF-8 as written", `"é€😀"`, []json.Token{"é€😀"}},
		{"an escaped key", `{"a\nb":1}`, []json.Token{d('{'), "a\nb", n("1"), d('}')}},
		{"a top-level string", `"x"`, []json.Token{"x"}},
		{"a top-level number", ` 42 `, []json.Token{n("42")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader([]byte(tt.in))
			got, err := tokens(r)
			if err == nil {
				err = r.End()
			}
			if err != nil {
				t.Fatalf("tokens(%s): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tokens(%s) (-want +got):\n%s", tt.in, diff)
			}
			if !json.Valid([]byte(tt.in)) {
				t.Errorf("encoding/json refuses %s: this row checks nothing it agrees on", tt.in)
			}
		})
	}
}

// errRow is one input that a reading function must refuse.
type errRow struct {
	name       string
	in         string
	read       func(*Reader) error // nil: tokens, then End
	wantPath   string
	wantValue  string
	wantOffset int
	wantIs     error
	wantMsg    string // e.Error(); not checked when empty
}

func readAll(r *Reader) error {
	if _, err := tokens(r); err != nil {
		return err
	}
	return r.End()
}

func runErrRows(t *testing.T, tests []errRow) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read := tt.read
			if read == nil {
				read = readAll
			}
			r := NewReader([]byte(tt.in))
			err := read(r)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			type parts struct {
				Path, Value, Msg string
				Offset           int
				Is               bool
			}
			want := parts{tt.wantPath, tt.wantValue, tt.wantMsg, tt.wantOffset, true}
			got := parts{e.Path, e.Value, e.Error(), e.Offset, errors.Is(err, tt.wantIs)}
			if tt.wantMsg == "" {
				got.Msg = "" // not checked in this row
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if again := r.End(); again != err {
				t.Errorf("after the error, End() = %v, want the same error", again)
			}
		})
	}
}

func TestMalformed(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	runErrRows(t, []errRow{
		{name: "empty input", in: ``, wantIs: ErrSyntax,
			wantMsg: "jsonx: malformed JSON at offset 0: unexpected end of input"},
		{name: "an object cut short", in: `{"a":1`, wantOffset: 6, wantPath: "a", wantIs: ErrSyntax,
			wantMsg: "jsonx: a: malformed JSON at offset 6: unexpected end of input"},
		{name: "a string cut short", in: `["ab`, wantPath: "[0]", wantOffset: 4, wantIs: ErrSyntax},
		{name: "a trailing comma in an array", in: `[1,]`, wantPath: "[1]", wantValue: "]", wantOffset: 3, wantIs: ErrSyntax,
			wantMsg: `jsonx: [1]: "]": malformed JSON at offset 3: invalid character ']' looking for the beginning of a value`},
		{name: "a trailing comma in an object", in: `{"a":1,}`, wantPath: "a", wantValue: "}", wantOffset: 7, wantIs: ErrSyntax},
		{name: "a key that is not a string", in: `{a:1}`, wantValue: "a:1}", wantOffset: 1, wantIs: ErrSyntax,
			wantMsg: `jsonx: "a:1}": malformed JSON at offset 1: invalid character 'a' looking for the beginning of an object key`},
		{name: "no colon", in: `{"a" 1}`, wantPath: "a", wantValue: "1}", wantOffset: 5, wantIs: ErrSyntax},
		{name: "no comma", in: `[1 2]`, wantPath: "[0]", wantValue: "2]", wantOffset: 3, wantIs: ErrSyntax,
			wantMsg: `jsonx: [0]: "2]": malformed JSON at offset 3: invalid character '2' after an array element`},
		{name: "data after the value", in: `{} {}`, wantValue: "{}", wantOffset: 3, wantIs: ErrSyntax,
			wantMsg: `jsonx: "{}": malformed JSON at offset 3: invalid character '{' after the top-level value`},
		{name: "a single quote", in: `'a'`, wantValue: "'a'", wantIs: ErrSyntax},
		{name: "a literal misspelt", in: `[nul]`, wantPath: "[0]", wantValue: "]", wantOffset: 4, wantIs: ErrSyntax,
			wantMsg: `jsonx: [0]: "]": malformed JSON at offset 4: invalid character ']' in the literal null`},
		{name: "True in capitals", in: `True`, wantValue: "True", wantIs: ErrSyntax},
		{name: "a leading zero", in: `[01]`, wantPath: "[0]", wantValue: "1]", wantOffset: 2, wantIs: ErrSyntax},
		{name: "a plus sign", in: `+1`, wantValue: "+1", wantIs: ErrSyntax},
		{name: "a fraction without digits", in: `1.`, wantOffset: 2, wantIs: ErrSyntax,
			wantMsg: "jsonx: malformed JSON at offset 2: unexpected end of input"},
		{name: "an exponent without digits", in: `1e+`, wantOffset: 3, wantIs: ErrSyntax},
		{name: "a bad escape", in: `"\x"`, wantValue: `x"`, wantOffset: 2, wantIs: ErrSyntax,
			wantMsg: `jsonx: "x\"": malformed JSON at offset 2: invalid character 'x' in a string escape`},
		{name: "a short \\u escape", in: `"\u12"`, wantValue: `"`, wantOffset: 5, wantIs: ErrSyntax},
		{name: "a newline in a string", in: "\"a\nb\"", wantValue: "\nb\"", wantOffset: 2, wantIs: ErrSyntax,
			wantMsg: `jsonx: "\nb\"": malformed JSON at offset 2: control character '\n' in a string`},
		{name: "invalid UTF-8 in a string", in: "\"a\xffb\"", wantValue: "\xffb\"", wantOffset: 2, wantIs: ErrSyntax,
			wantMsg: `jsonx: "\xffb\"": malformed JSON at offset 2: invalid UTF-8 in a string`},
		{name: "a surrogate encoded in UTF-8", in: "\"\xed\xa0\x80\"", wantValue: "\xed\xa0\x80\"", wantOffset: 1, wantIs: ErrSyntax},
		{name: "a lone high surrogate", in: `"\ud800x"`, wantValue: `\ud800x"`, wantOffset: 1, wantIs: ErrSyntax,
			wantMsg: `jsonx: "\\ud800x\"": malformed JSON at offset 1: lone surrogate \ud800 in a string`},
		{name: "a lone low surrogate", in: `"\udc00"`, wantValue: `\udc00"`, wantOffset: 1, wantIs: ErrSyntax},
		{name: "a high surrogate before another high one", in: `"\ud800\ud800"`, wantValue: `\ud800\ud800"`, wantOffset: 1, wantIs: ErrSyntax},
		{name: "a key with a lone surrogate", in: `{"\udfff":1}`, wantValue: `\udfff":1}`, wantOffset: 2, wantIs: ErrSyntax},
		{name: "nesting one deeper than MaxDepth", in: deep, wantPath: strings.Repeat("[0]", MaxDepth), wantValue: "[" + strings.Repeat("]", 60) + "...",
			wantOffset: MaxDepth, wantIs: ErrSyntax},
		{name: "nesting one deeper than MaxDepth, skipped", in: deep, read: (*Reader).Skip, wantValue: "[" + strings.Repeat("]", 60) + "...",
			wantOffset: MaxDepth, wantIs: ErrSyntax,
			wantMsg: `jsonx: "[` + strings.Repeat("]", 60) + `...": malformed JSON at offset 64: nesting deeper than 64`},
		{name: "malformed inside a value a schema skips", in: `{"a":{"b":[1,}}`, read: (*Reader).Skip, wantValue: "}}", wantOffset: 13, wantIs: ErrSyntax},
		{name: "malformed inside a value of the wrong type", in: `{"a":{"x":1,}}`, wantPath: "a", wantValue: "}}", wantOffset: 12, wantIs: ErrSyntax,
			read: func(r *Reader) error {
				return r.Object(func([]byte) error { return r.Array(func(int) error { return nil }) })
			}},
	})
}

func TestDepthLimitAllowsMaxDepth(t *testing.T) {
	in := strings.Repeat(`{"a":`, MaxDepth-1) + "[]" + strings.Repeat("}", MaxDepth-1)
	for _, read := range []struct {
		name string
		f    func(*Reader) error
	}{{"read", readAll}, {"skipped", (*Reader).Skip}} {
		t.Run(read.name, func(t *testing.T) {
			if err := read.f(NewReader([]byte(in))); err != nil {
				t.Errorf("%d levels: %v", MaxDepth, err)
			}
		})
	}
}

func TestWrongType(t *testing.T) {
	runErrRows(t, []errRow{
		{name: "a number for a string", in: `{"a":[{"b":12}]}`, read: stringLeaves, wantPath: "a[0].b", wantValue: "12", wantOffset: 11, wantIs: ErrType,
			wantMsg: `jsonx: a[0].b: "12": want a string, got a number`},
		{name: "null for a string", in: `{"a":null}`, read: stringLeaves, wantPath: "a", wantValue: "null", wantOffset: 5, wantIs: ErrType,
			wantMsg: `jsonx: a: "null": want a string, got null`},
		{name: "an object for an array", in: `{"a":{"x":1}}`, wantPath: "a", wantValue: `{"x":1}`, wantOffset: 5, wantIs: ErrType,
			read: func(r *Reader) error {
				return r.Object(func([]byte) error { return r.Array(func(int) error { return nil }) })
			},
			wantMsg: `jsonx: a: "{\"x\":1}": want an array, got an object`},
		{name: "a string for an object, shown decoded", in: `["a\"b"]`, wantPath: "[0]", wantValue: `a"b`, wantOffset: 1, wantIs: ErrType,
			read: func(r *Reader) error {
				return r.Array(func(int) error { return r.Object(func([]byte) error { return nil }) })
			},
			wantMsg: `jsonx: [0]: "a\"b": want an object, got a string`},
		{name: "a long value is shortened", in: `[` + strings.Repeat("1", 100) + `]`, read: stringLeaves, wantPath: "[0]",
			wantValue: strings.Repeat("1", 61) + "...", wantOffset: 1, wantIs: ErrType},
		{name: "a boolean for an integer", in: `true`, read: func(r *Reader) error { _, err := r.Int(); return err },
			wantValue: "true", wantIs: ErrType, wantMsg: `jsonx: "true": want an integer, got a boolean`},
		{name: "a string for a boolean", in: `"true"`, read: func(r *Reader) error { _, err := r.Bool(); return err },
			wantValue: "true", wantIs: ErrType, wantMsg: `jsonx: "true": want a boolean, got a string`},
		{name: "a string for an instant that is not one", in: `{"at":"2026-03-02 09:00"}`, wantPath: "at", wantValue: "2026-03-02 09:00", wantOffset: 6, wantIs: ErrType,
			read: func(r *Reader) error {
				return r.Object(func([]byte) error { _, err := r.Time(); return err })
			},
			wantMsg: `jsonx: at: "2026-03-02 09:00": want an RFC 3339 instant: cannot parse " 09:00" as "T"`},
		{name: "an instant with a month out of range", in: `"2026-13-02T09:00:00Z"`, read: func(r *Reader) error { _, err := r.Time(); return err },
			wantValue: "2026-13-02T09:00:00Z", wantIs: ErrType, wantMsg: `jsonx: "2026-13-02T09:00:00Z": want an RFC 3339 instant: month out of range`},
		{name: "a duration that is not one", in: `"5 minutes"`, read: func(r *Reader) error { _, err := r.Duration(); return err },
			wantValue: "5 minutes", wantIs: ErrType, wantMsg: `jsonx: "5 minutes": want a duration such as "1h30m"`},
	})
}

func TestInt(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantMsg string
	}{
		{in: `0`, want: 0},
		{in: `-0`, want: 0},
		{in: `42`, want: 42},
		{in: `-17`, want: -17},
		{in: `9223372036854775807`, want: 1<<63 - 1},
		{in: `-9223372036854775808`, want: -1 << 63},
		{in: `9223372036854775808`, wantMsg: `jsonx: "9223372036854775808": integer out of range: want -2^63 to 2^63-1`},
		{in: `-9223372036854775809`, wantMsg: `jsonx: "-9223372036854775809": integer out of range: want -2^63 to 2^63-1`},
		{in: `99999999999999999999999`, wantMsg: `jsonx: "99999999999999999999999": integer out of range: want -2^63 to 2^63-1`},
		{in: `1.0`, wantMsg: `jsonx: "1.0": want an integer, got a number with a fraction or an exponent`},
		{in: `1e3`, wantMsg: `jsonx: "1e3": want an integer, got a number with a fraction or an exponent`},
		{in: `-`, wantMsg: `jsonx: malformed JSON at offset 1: unexpected end of input`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NewReader([]byte(tt.in)).Int()
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			if diff := cmp.Diff(struct {
				N   int64
				Msg string
			}{tt.want, tt.wantMsg}, struct {
				N   int64
				Msg string
			}{got, msg}); diff != "" {
				t.Errorf("Int() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTime(t *testing.T) {
	kolkata := time.FixedZone("", 5*3600+30*60)
	tests := []struct {
		name string
		in   string
		want time.Time
		off  int
		same bool // AppendTime writes the text back
	}{
		{"UTC", `"2026-03-02T14:00:00Z"`, time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC), 0, true},
		{"an offset", `"2026-03-02T09:00:00-05:00"`, time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC), -5 * 3600, true},
		{"a half-hour offset and nanoseconds", `"2026-03-02T09:00:00.123456789+05:30"`, time.Date(2026, 3, 2, 9, 0, 0, 123456789, kolkata), 5*3600 + 30*60, true},
		{"a fraction of one digit", `"2026-03-02T09:00:00.5-03:30"`, time.Date(2026, 3, 2, 12, 30, 0, 5e8, time.UTC), -(3*3600 + 30*60), true},
		{"the 29th of February of a leap year", `"2024-02-29T00:00:00Z"`, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), 0, true},
		{"the year 0", `"0000-01-01T00:00:00Z"`, time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), 0, true},
		{"an offset of zero written out is UTC", `"2026-03-02T14:00:00+00:00"`, time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC), 0, false},
		{"trailing zeros in the fraction", `"2026-03-02T14:00:00.100Z"`, time.Date(2026, 3, 2, 14, 0, 0, 1e8, time.UTC), 0, false},
		{"escapes in the string, read by time's parser", `"2026-03-02T14:00:00\u005a"`, time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC), 0, false},
		{"a comma before the fraction, read by time's parser", `"2026-03-02T14:00:00,5Z"`, time.Date(2026, 3, 2, 14, 0, 0, 5e8, time.UTC), 0, false},
		{"ten digits of fraction, read by time's parser", `"2026-03-02T14:00:00.1234567891Z"`, time.Date(2026, 3, 2, 14, 0, 0, 123456789, time.UTC), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewReader([]byte(tt.in)).Time()
			if err != nil {
				t.Fatal(err)
			}
			if _, off := got.Zone(); !got.Equal(tt.want) || off != tt.off || got.Location() == time.Local {
				t.Errorf("Time() = %v, want %v at offset %d, not in time.Local", got, tt.want, tt.off)
			}
			if again := string(AppendTime(nil, got)); tt.same && again != tt.in {
				t.Errorf("AppendTime(Time()) = %s, want the text read, %s", again, tt.in)
			}
		})
	}
}

func TestTimeMakesOneZonePerOffset(t *testing.T) {
	in := []byte(`["2026-03-02T09:00:00+05:30","2026-03-02T10:00:00+05:30","2026-03-02T09:00:00+05:45"]`)
	r := NewReader(in)
	var zones []*time.Location
	err := r.Array(func(int) error {
		at, err := r.Time()
		zones = append(zones, at.Location())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if zones[0] != zones[1] || zones[0] == zones[2] {
		t.Errorf("locations %p %p %p: want the first two the same, the third another", zones[0], zones[1], zones[2])
	}
}

func TestDuration(t *testing.T) {
	for _, d := range []time.Duration{0, time.Nanosecond, 1500 * time.Microsecond, 90 * time.Minute, -36 * time.Hour, 1<<63 - 1, -1 << 63} {
		t.Run(d.String(), func(t *testing.T) {
			b := AppendDuration(nil, d)
			if want := `"` + d.String() + `"`; string(b) != want {
				t.Errorf("AppendDuration = %s, want %s", b, want)
			}
			got, err := NewReader(b).Duration()
			if err != nil || got != d {
				t.Errorf("Duration() of %s = %v, %v; want %v", b, got, err, d)
			}
		})
	}
}

func TestCallerErrors(t *testing.T) {
	runErrRows(t, []errRow{
		{name: "returned after reading a value: its path and text", in: `{"a":[1,{"b":"x\ty"}]}`, wantPath: "a[1].b", wantValue: "x\ty", wantOffset: 13, wantIs: errBad,
			read: func(r *Reader) error {
				return r.Object(func([]byte) error {
					return r.Array(func(i int) error {
						if i == 0 {
							return r.Skip()
						}
						return r.Object(func([]byte) error {
							_, err := r.String()
							if err != nil {
								return err
							}
							return errBad
						})
					})
				})
			},
			wantMsg: `jsonx: a[1].b: "x\ty": bad value`},
		{name: "returned before reading: the key's path, no value", in: `{"a":{"note":[1,2]}}`, wantPath: "a.note", wantOffset: 13, wantIs: errBad,
			read: func(r *Reader) error {
				return r.Object(func([]byte) error {
					return r.Object(func([]byte) error { return errBad })
				})
			},
			wantMsg: `jsonx: a.note: bad value`},
		{name: "Fail after an array: its path and text", in: `{"cycles":[]}`, wantPath: "cycles", wantValue: "[]", wantOffset: 10, wantIs: errBad,
			read: func(r *Reader) error {
				return r.Object(func([]byte) error {
					if err := r.Array(func(int) error { return nil }); err != nil {
						return err
					}
					return r.Fail(errBad)
				})
			}},
		{name: "FailField after an object: the missing key's path", in: `[{},{"x":1}]`, wantPath: "[1].start", wantOffset: 11, wantIs: errBad,
			read: func(r *Reader) error {
				return r.Array(func(i int) error {
					if err := r.Object(func([]byte) error { return nil }); err != nil || i == 0 {
						return err
					}
					return r.FailField("start", errBad)
				})
			},
			wantMsg: `jsonx: [1].start: bad value`},
		{name: "FailField at the top level", in: `{}`, wantPath: "state", wantOffset: 2, wantIs: errBad,
			read: func(r *Reader) error {
				if err := r.Object(func([]byte) error { return nil }); err != nil {
					return err
				}
				return r.FailField("state", errBad)
			}},
		{name: "an escaped key in the path", in: `{"a.\u0062":[true]}`, wantPath: "a.b[0]", wantValue: "true", wantOffset: 13, wantIs: errBad,
			read: func(r *Reader) error {
				return r.Object(func([]byte) error {
					return r.Array(func(int) error {
						if _, err := r.Bool(); err != nil {
							return err
						}
						return errBad
					})
				})
			}},
		{name: "an *Error of the caller's making is kept as it is", in: `[1,2]`, wantPath: "elsewhere", wantValue: "v", wantOffset: 7, wantIs: errBad,
			read: func(r *Reader) error {
				return r.Array(func(int) error { return &Error{Path: "elsewhere", Value: "v", Offset: 7, Err: errBad} })
			},
			wantMsg: `jsonx: elsewhere: "v": bad value`},
		{name: "the reader's error wins over the one returned after it", in: `[1]`, wantPath: "[0]", wantValue: "1", wantOffset: 1, wantIs: ErrType,
			read: func(r *Reader) error {
				return r.Array(func(int) error {
					_, _ = r.String()
					return errBad
				})
			}},
		{name: "an error swallowed by the callback still stops the reader", in: `[1,2]`, wantPath: "[0]", wantValue: "1", wantOffset: 1, wantIs: ErrType,
			read: func(r *Reader) error {
				return r.Array(func(int) error {
					_, _ = r.String()
					return nil
				})
			}},
	})
}

func TestUnreadValuesAreSkipped(t *testing.T) {
	r := NewReader([]byte(`{"skip":{"a":[1,{"b":null}]},"keep":"x","also":[true]}`))
	var got []string
	err := r.Object(func(key []byte) error {
		if string(key) != "keep" {
			return nil
		}
		s, err := r.String()
		got = append(got, s)
		return err
	})
	if err == nil {
		err = r.End()
	}
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"x"}, got); diff != "" {
		t.Errorf("values read (-want +got):\n%s", diff)
	}
}

func TestCause(t *testing.T) {
	errMine := errors.New("mine: malformed")
	errMineType := errors.New("mine: wrong type")
	tests := []struct {
		name    string
		in      string
		read    func(*Reader) error
		wantIs  error
		wantMsg string
	}{
		{"malformed JSON wraps the package's syntax error", `[`, readAll, errMine, "malformed JSON at offset 1: unexpected end of input"},
		{"a wrong type wraps the package's type error", `[1]`, stringLeaves, errMineType, "want a string, got a number"},
		{"the caller's own error is kept", `[1]`, func(r *Reader) error {
			return r.Array(func(int) error { return errBad })
		}, errBad, "bad value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e *Error
			if !errors.As(tt.read(NewReader([]byte(tt.in))), &e) {
				t.Fatal("no *Error")
			}
			got := e.Cause(errMine, errMineType)
			if !errors.Is(got, tt.wantIs) || errors.Is(got, ErrSyntax) || errors.Is(got, ErrType) {
				t.Errorf("Cause() = %v: want it to wrap %v and not the reader's own", got, tt.wantIs)
			}
			if diff := cmp.Diff(tt.wantMsg, got.Error()); diff != "" {
				t.Errorf("Cause().Error() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKindAndNull(t *testing.T) {
	tests := []struct {
		in       string
		want     Kind
		wantNull bool
	}{
		{` {`, Object, false}, {`[`, Array, false}, {`"`, String, false}, {`-`, Number, false}, {`7`, Number, false},
		{`t`, Bool, false}, {`f`, Bool, false}, {`null`, Null, true}, {`nul`, Null, false}, {``, Invalid, false}, {`x`, Invalid, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			r := NewReader([]byte(tt.in))
			if got := r.Kind(); got != tt.want {
				t.Errorf("Kind() = %v, want %v", got, tt.want)
			}
			if got := r.Null(); got != tt.wantNull {
				t.Errorf("Null() = %v, want %v", got, tt.wantNull)
			}
		})
	}
}

func TestKeysAndStringsAllocateOnlyForEscapes(t *testing.T) {
	in := []byte(`{"state":"paused","cycles":[{"spans":[{"start":"2026-03-02T09:00:00Z"}]}]}`)
	allocs := testing.AllocsPerRun(100, func() {
		r := NewReader(in)
		_ = r.Object(func(key []byte) error {
			switch string(key) {
			case "state":
				_, err := r.StringBytes()
				return err
			case "cycles":
				return r.Array(func(int) error {
					return r.Object(func([]byte) error {
						return r.Array(func(int) error {
							return r.Object(func([]byte) error { _, err := r.Time(); return err })
						})
					})
				})
			}
			return errBad
		})
	})
	if allocs > 2 { // the reader and its frames
		t.Errorf("%v allocations per read, want at most 2", allocs)
	}
}
