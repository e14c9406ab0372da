package clock_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/slaclock/slaclock/clock"
)

// benchTimer returns a running timer with n spans over n business days,
// its instants in New York.
func benchTimer(b *testing.B, n int) clock.Timer { return benchTimerIn(b, n, newYork) }

// benchTimerIn returns the same timer with its instants in loc.
func benchTimerIn(b *testing.B, n int, loc *time.Location) clock.Timer {
	var ops []op
	day := march(2, 9, 0).In(loc)
	ops = append(ops, start(day))
	for range n - 1 {
		ops = append(ops, pause(day.Add(2*time.Hour)), resume(day.AddDate(0, 0, 1)))
		day = day.AddDate(0, 0, 1)
	}
	return build(b, ops...)
}

func BenchmarkElapsed(b *testing.B) {
	cal := realOfficeHours(b)
	for _, n := range []int{1, 20} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			timer := benchTimer(b, n)
			at := march(31, 12, 0)
			b.ReportAllocs()
			for b.Loop() {
				timer.Elapsed(cal, at)
			}
		})
	}
}

func BenchmarkDue(b *testing.B) {
	cal := realOfficeHours(b)
	for _, n := range []int{1, 20} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			timer := benchTimer(b, n)
			target := time.Duration(2*n+8) * time.Hour
			b.ReportAllocs()
			for b.Loop() {
				timer.Due(cal, target)
			}
		})
	}
}

var jsonSizes = []int{10, 100, 1000, 10000}

// BenchmarkTransitions builds a timer of n spans, one Pause and one
// Resume per span: the cost per transition should not grow with n.
func BenchmarkTransitions(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			at := march(2, 9, 0)
			b.ReportAllocs()
			for b.Loop() {
				var t clock.Timer
				_ = t.Start(at)
				for i := range n - 1 {
					_ = t.Pause(at.Add(time.Duration(2*i+1) * time.Minute))
					_ = t.Resume(at.Add(time.Duration(2*i+2) * time.Minute))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(2*n-1), "ns/transition")
		})
	}
}

// BenchmarkJSON encodes and decodes a running timer of n spans, and
// encoding/json the same bytes as an any, in the same run: the ratios
// are what counts.
func BenchmarkJSON(b *testing.B) {
	for _, n := range jsonSizes {
		timer := benchTimer(b, n)
		data, err := timer.MarshalJSON()
		if err != nil {
			b.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("spans=%d/MarshalJSON", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := timer.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("spans=%d/json.Marshal-any", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := json.Marshal(v); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("spans=%d/UnmarshalJSON", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var t clock.Timer
				if err := t.UnmarshalJSON(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("spans=%d/json.Unmarshal-any", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var v any
				if err := json.Unmarshal(data, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkJSONRatio runs MarshalJSON and json.Marshal of the any, then
// UnmarshalJSON and json.Unmarshal into an any, of the same bytes, in
// turn within every iteration, and reports the ratios of their summed
// times: a load that comes and goes on the machine hits both alike.
func BenchmarkJSONRatio(b *testing.B) {
	type size struct {
		n   int
		loc *time.Location
	}
	var sizes []size
	for _, n := range jsonSizes {
		sizes = append(sizes, size{n, newYork})
	}
	// An offset of whole hours parses without allocating; Kolkata's
	// +05:30 costs time's parser a new time.Location per instant.
	sizes = append(sizes, size{1000, mustLoad("Asia/Kolkata")})
	for _, sz := range sizes {
		b.Run(fmt.Sprintf("spans=%d/%s", sz.n, sz.loc), func(b *testing.B) {
			timer := benchTimerIn(b, sz.n, sz.loc)
			data, _ := timer.MarshalJSON()
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
			var enc, jsonEnc, dec, jsonDec time.Duration
			for b.Loop() {
				t0 := time.Now()
				_, _ = timer.MarshalJSON()
				t1 := time.Now()
				_, _ = json.Marshal(v)
				t2 := time.Now()
				var t clock.Timer
				if err := t.UnmarshalJSON(data); err != nil {
					b.Fatal(err)
				}
				t3 := time.Now()
				var w any
				_ = json.Unmarshal(data, &w)
				t4 := time.Now()
				enc, jsonEnc, dec, jsonDec = enc+t1.Sub(t0), jsonEnc+t2.Sub(t1), dec+t3.Sub(t2), jsonDec+t4.Sub(t3)
			}
			b.ReportMetric(float64(enc)/float64(jsonEnc), "marshal/json")
			b.ReportMetric(float64(dec)/float64(jsonDec), "unmarshal/json")
			b.ReportMetric(float64(enc.Nanoseconds())/float64(b.N), "marshal-ns")
			b.ReportMetric(float64(dec.Nanoseconds())/float64(b.N), "unmarshal-ns")
		})
	}
}
