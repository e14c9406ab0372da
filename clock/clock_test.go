package clock_test

import (
	"sync"
	"testing"
	"time"

	"github.com/slaclock/slaclock/clock"
)

var (
	_ clock.Clock    = clock.System{}
	_ clock.Clock    = (*clock.Manual)(nil)
	_ clock.Calendar = officeHours
)

func TestManual(t *testing.T) {
	c := clock.NewManual(march(7, 12, 0))
	tests := []struct {
		name string
		move func() time.Time
		want time.Time
	}{
		{"reads what it was made with", c.Now, march(7, 12, 0)},
		{"advances in real time across spring-forward", func() time.Time { return c.Advance(24 * time.Hour) }, march(8, 13, 0)},
		{"Now agrees with Advance", c.Now, march(8, 13, 0)},
		{"goes back when told to", func() time.Time { return c.Advance(-24 * time.Hour) }, march(7, 12, 0)},
		{"is set to any instant", func() time.Time { c.Set(march(2, 9, 0)); return c.Now() }, march(2, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.move(); !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestManualConcurrentUse(t *testing.T) {
	c := clock.NewManual(march(2, 9, 0))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				c.Advance(time.Second)
				_ = c.Now()
			}
		})
	}
	wg.Wait()
	if got, want := c.Now(), march(2, 9, 0).Add(8000*time.Second); !got.Equal(want) {
		t.Errorf("after 8000 one-second advances: %v, want %v", got, want)
	}
}

func TestSystem(t *testing.T) {
	before := time.Now()
	got := clock.System{}.Now()
	after := time.Now()
	if got.Location() != time.UTC {
		t.Errorf("System.Now() in %v, want UTC", got.Location())
	}
	if got != got.Round(0) {
		t.Errorf("System.Now() carries a monotonic clock reading")
	}
	// Wall clock readings; allow for a clock step between the calls.
	if got.Before(before.Add(-time.Second)) || got.After(after.Add(time.Second)) {
		t.Errorf("System.Now() = %v, not between %v and %v", got, before, after)
	}
}
