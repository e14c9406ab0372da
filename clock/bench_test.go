package clock_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/slaclock/slaclock/clock"
)

// benchTimer returns a running timer with n spans over n business days.
func benchTimer(b *testing.B, n int) clock.Timer {
	var ops []op
	day := march(2, 9, 0)
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
