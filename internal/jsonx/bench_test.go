package jsonx

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A record is what the benchmarks read and write: what a stored ticket
// holds, instants and short strings.
type record struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	N     int64     `json:"n"`
	Note  string    `json:"note"`
}

func benchRecords(n int) []record {
	ny := time.FixedZone("", -5*3600)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, ny)
	rs := make([]record, n)
	for i := range rs {
		rs[i] = record{Start: at, End: at.Add(90*time.Minute + 1500*time.Millisecond), N: int64(i * 7), Note: "reply #" + strconv.Itoa(i) + ` "sent"`}
		at = at.AddDate(0, 0, 1)
	}
	return rs
}

func appendRecords(b []byte, rs []record) []byte {
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = AppendTime(b, r.Start)
		b = append(b, `,"end":`...)
		b = AppendTime(b, r.End)
		b = append(b, `,"n":`...)
		b = AppendInt(b, r.N)
		b = append(b, `,"note":`...)
		b = AppendString(b, r.Note)
		b = append(b, '}')
	}
	return append(b, ']')
}

func readRecords(data []byte) ([]record, error) {
	r := NewReader(data)
	var rs []record
	err := r.Array(func(int) error {
		var rec record
		err := r.Object(func(key []byte) error {
			var err error
			switch string(key) {
			case "start":
				rec.Start, err = r.Time()
			case "end":
				rec.End, err = r.Time()
			case "n":
				rec.N, err = r.Int()
			case "note":
				rec.Note, err = r.String()
			default:
				return errBad
			}
			return err
		})
		rs = append(rs, rec)
		return err
	})
	if err == nil {
		err = r.End()
	}
	return rs, err
}

// BenchmarkRead reads an array of 1,000 records with the Reader, and with
// encoding/json into an any and into the Go type.
func BenchmarkRead(b *testing.B) {
	data := appendRecords(nil, benchRecords(1000))
	b.Run("jsonx", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := readRecords(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json-any", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json-struct", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var v []record
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jsonx-skip", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if err := NewReader(data).Skip(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json-valid", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if !json.Valid(data) {
				b.Fatal("invalid")
			}
		}
	})
}

// BenchmarkWrite writes the same records with the appenders, and with
// encoding/json from an any and from the Go type.
func BenchmarkWrite(b *testing.B) {
	rs := benchRecords(1000)
	data := appendRecords(nil, rs)
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		b.Fatal(err)
	}
	b.Run("jsonx", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			appendRecords(make([]byte, 0, len(data)), rs)
		}
	})
	b.Run("json-any", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json-struct", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(rs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTime measures what parsing adds to reading the strings that
// hold instants, with the reader's parser (Time) and with time's
// (time.UnmarshalText): an array of 100 of them, in UTC, at a whole-hour
// offset with nanoseconds, and at a half-hour offset.
func BenchmarkTime(b *testing.B) {
	for _, in := range []string{`"2026-03-02T14:00:00Z"`, `"2026-03-02T09:00:00.123456789-05:00"`, `"2026-03-02T09:00:00+05:30"`} {
		data := []byte("[" + strings.Repeat(in+",", 99) + in + "]")
		name := in[len(`"2026-03-02T09:00:00`) : len(in)-1]
		for _, read := range []struct {
			name string
			f    func(*Reader) error
		}{
			{"string", func(r *Reader) error { _, err := r.StringBytes(); return err }},
			{"time", func(r *Reader) error { _, err := r.Time(); return err }},
			{"time.UnmarshalText", func(r *Reader) error {
				b, err := r.StringBytes()
				var t time.Time
				if err == nil {
					err = t.UnmarshalText(b)
				}
				return err
			}},
		} {
			b.Run(read.name+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					r := NewReader(data)
					if err := r.Array(func(int) error { return read.f(r) }); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
