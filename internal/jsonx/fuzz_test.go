package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/internal/errmsg"
)

// referenceTokens is what encoding/json reads from valid JSON: its tokens
// and how deeply they nest.
func referenceTokens(tb testing.TB, data []byte) (toks []json.Token, depth int) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	level := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return toks, depth
		}
		if err != nil {
			tb.Fatalf("json.Decoder.Token on valid JSON %q: %v", data, err)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			level++
			depth = max(depth, level)
		case json.Delim('}'), json.Delim(']'):
			level--
		}
		toks = append(toks, tok)
	}
}

// hasLoneSurrogate reports whether valid JSON text has a \u escape of a
// surrogate that is not half of a pair, which encoding/json reads as
// U+FFFD and a Reader refuses.
func hasLoneSurrogate(data []byte) bool {
	in := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			in = !in
		case in && c == '\\' && data[i+1] == 'u':
			u, _ := strconv.ParseUint(string(data[i+2:i+6]), 16, 16)
			if utf16.IsSurrogate(rune(u)) {
				if u >= 0xdc00 || i+12 > len(data) || data[i+6] != '\\' || data[i+7] != 'u' {
					return true
				}
				low, err := strconv.ParseUint(string(data[i+8:i+12]), 16, 16)
				if err != nil || low < 0xdc00 || low > 0xdfff {
					return true
				}
				i += 6
			}
			i += 5
		case in && c == '\\':
			i++
		}
	}
	return false
}

// FuzzReader checks the Reader against encoding/json: what json.Valid
// accepts, the Reader reads to the same tokens, unless it is one of the
// three things the Reader refuses on purpose; what json.Valid refuses, the
// Reader refuses; Skip agrees with reading; Int agrees with strconv; no
// input panics, and errors are in range.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		`{"state":"running","cycles":[{"spans":[{"start":"2026-03-02T09:00:00-05:00"}]}]}`,
		`[null,true,false,0,-1.5e3,"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]`,
		`{"a":{"a":{"a":[[[[]]]]}}}`, `"\ud800"`, "\"\xff\"", `[1,]`, `{"a" 1}`, ` 7 `, `{} x`,
		`9223372036854775808`, `-0`, `1.`, "[\"\u2028\"]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(data)
		got, err := tokens(r)
		if err == nil {
			err = r.End()
		}
		checkError(t, data, err)
		sr := NewReader(data)
		skipErr := sr.Skip()
		if skipErr == nil {
			skipErr = sr.End()
		}
		if (err == nil) != (skipErr == nil) {
			t.Fatalf("%q: reading says %v, Skip says %v", data, err, skipErr)
		}
		if !json.Valid(data) {
			if err == nil {
				t.Fatalf("%q: encoding/json refuses it, the Reader reads %v", data, got)
			}
			return
		}
		want, depth := referenceTokens(t, data)
		if err != nil {
			if utf8.Valid(data) && !hasLoneSurrogate(data) && depth <= MaxDepth {
				t.Fatalf("%q: valid JSON refused: %v", data, err)
			}
			return
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q: tokens (-encoding/json +Reader):\n%s", data, diff)
		}
		for _, tok := range got {
			if n, ok := tok.(json.Number); ok {
				checkInt(t, string(n))
			}
		}
	})
}

// checkError checks that an error is an *Error with its parts in range.
func checkError(t *testing.T, data []byte, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %v (%T), want an *Error", data, err, err)
	}
	if e.Offset < 0 || e.Offset > len(data) || len(e.Value) > errmsg.MaxValue {
		t.Fatalf("%q: error %+v out of range", data, e)
	}
	if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrType) {
		t.Fatalf("%q: error %v is neither ErrSyntax nor ErrType", data, err)
	}
}

// checkInt checks Int on a number that encoding/json read as n.
func checkInt(t *testing.T, n string) {
	t.Helper()
	got, err := NewReader([]byte(n)).Int()
	want, werr := strconv.ParseInt(n, 10, 64)
	switch {
	case werr == nil && (err != nil || got != want):
		t.Fatalf("Int(%s) = %d, %v; want %d", n, got, err, want)
	case werr != nil && !errors.Is(err, ErrType):
		t.Fatalf("Int(%s) = %d, %v; want an ErrType (strconv: %v)", n, got, err, werr)
	}
}

// FuzzAppendString checks AppendString against encoding/json, and that
// the Reader reads back what encoding/json reads.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c\n\x00\x1f<>&", "é€😀\u2028\u2029", "\xff\xed\xa0\x80a\xe2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := AppendString(nil, s)
		if want := marshalNoHTML(t, s); string(got) != want {
			t.Fatalf("AppendString(%q) = %s, encoding/json writes %s", s, got, want)
		}
		var want string
		if err := json.Unmarshal(got, &want); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", got, err)
		}
		back, err := NewReader(got).String()
		if err != nil || back != want {
			t.Fatalf("String() of %s = %q, %v; encoding/json reads %q", got, back, err, want)
		}
	})
}

// FuzzAppendTime checks AppendTime against encoding/json, and that Time
// reads it back to the same instant and offset.
func FuzzAppendTime(f *testing.F) {
	f.Add(int64(1772460000), int64(0), int16(-300))
	f.Add(int64(1772460000), int64(123456789), int16(330))
	f.Add(int64(-62135596800), int64(1), int16(0))
	f.Fuzz(func(t *testing.T, sec, nsec int64, minutes int16) {
		off := int(minutes) % (24 * 60) * 60
		at := time.Unix(sec, nsec%1e9).In(time.FixedZone("", off))
		if y := at.Year(); y < 0 || y > 9999 {
			return // encoding/json refuses these years
		}
		got := AppendTime(nil, at)
		if want := marshalNoHTML(t, at); string(got) != want {
			t.Fatalf("AppendTime(%v) = %s, encoding/json writes %s", at, got, want)
		}
		back, err := NewReader(got).Time()
		if _, boff := back.Zone(); err != nil || !back.Equal(at) || boff != off {
			t.Fatalf("Time() of %s = %v, %v; want %v", got, back, err, at)
		}
	})
}

// FuzzAppendDuration checks AppendDuration against Duration.String and
// that Duration reads it back.
func FuzzAppendDuration(f *testing.F) {
	f.Add(int64(0))
	f.Add(int64(5400e9))
	f.Add(int64(-1 << 63))
	f.Fuzz(func(t *testing.T, n int64) {
		d := time.Duration(n)
		got := AppendDuration(nil, d)
		if want := strconv.Quote(d.String()); string(got) != want {
			t.Fatalf("AppendDuration(%d) = %s, want %s", n, got, want)
		}
		back, err := NewReader(got).Duration()
		if err != nil || back != d {
			t.Fatalf("Duration() of %s = %v, %v; want %v", got, back, err, d)
		}
	})
}

// FuzzParseInstant checks the reader's own parser of instants against
// time's: what it parses, time.Time.UnmarshalText parses to the same
// instant at the same offset, and what AppendTime writes it parses itself
// (but for offsets of 24 hours and more, which time's parser accepts).
func FuzzParseInstant(f *testing.F) {
	for _, s := range []string{"2026-03-02T09:00:00Z", "2026-03-02T09:00:00.123456789+05:30", "2024-02-29T23:59:59.5-03:30",
		"2026-02-29T00:00:00Z", "2026-03-02T24:00:00Z", "2026-03-02T09:00:00+24:00", "2026-03-02T09:00:00.Z", "0000-01-01T00:00:00-00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := NewReader(nil).parseInstant([]byte(s))
		var want time.Time
		err := want.UnmarshalText([]byte(s))
		want = fixLocal(want)
		_, goff := got.Zone()
		_, woff := want.Zone()
		switch {
		case ok && (err != nil || !got.Equal(want) || goff != woff):
			t.Fatalf("parseInstant(%q) = %v; time's parser: %v, %v", s, got, want, err)
		case ok && string(AppendTime(nil, got)) != string(AppendTime(nil, want)):
			t.Fatalf("parseInstant(%q) = %v writes differently from %v", s, got, want)
		case !ok && err == nil && string(AppendTime(nil, want)) == strconv.Quote(s) && woff > -24*3600 && woff < 24*3600:
			t.Fatalf("parseInstant(%q) refuses what AppendTime writes", s)
		}
	})
}
