package sla_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slaclock/slaclock/sla"
)

// TestConcurrentEvaluate evaluates events on one shared state and one
// shared set from many goroutines (run it with -race) and checks every
// result against the same call made alone. The goroutines report through a
// channel: t.Fatal may only be called from the test's own goroutine.
func TestConcurrentEvaluate(t *testing.T) {
	set := loadSet(t)
	s, _ := replay(t, set, benchHistory()[:12]...)
	at := s.Last().Add(time.Minute)
	events := []sla.Event{
		tick(at), tick(at.Add(48 * time.Hour)), reply(at), customer(at), note(at),
		status(at, "Pending"), status(at, "Solved"), priority(at, "urgent"), priority(at, "low"),
	}
	type result struct {
		state sla.State
		ts    []sla.Transition
	}
	want := make([]result, len(events))
	for i, ev := range events {
		next, ts, err := sla.Evaluate(set, s, ev)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = result{next, ts}
	}
	kept := s
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(events))
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				i := (g + k) % len(events)
				next, ts, err := sla.Evaluate(set, s, events[i])
				if err != nil {
					errs <- err.Error()
					return
				}
				// Go on from the result, as an application would.
				if _, _, err := sla.Evaluate(set, next, reply(at.Add(time.Duration(49+k)*time.Hour))); err != nil {
					errs <- err.Error()
					return
				}
				_ = next.NextDeadline(set)
				if !next.Equal(want[i].state) || !cmp.Equal(ts, want[i].ts) {
					errs <- fmt.Sprintf("event %v gave another result", events[i].Kind)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if !s.Equal(kept) {
		t.Error("the shared state changed")
	}
}
