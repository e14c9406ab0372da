package main

import (
	"sync/atomic"

	"github.com/slaclock/slaclock/clock"
)

// timings add up where the service's time goes: in all the store's
// transactions (tx, from BEGIN to COMMIT), and within them in the state's
// codec (UnmarshalJSON and MarshalJSON), in sla.Evaluate, and in working
// out the deadlines to store (NextDeadline and the view's next breach).
// What is left of tx is SQL: the database, its driver and the statements'
// Go side. GET /debug/timings shows them, for the benchmark.
type timings struct {
	tx, codec, evaluate, deadlines atomic.Int64 // nanoseconds
}

// measure starts a stopwatch on the wall clock, whatever clock the service
// runs on; calling what it returns adds the time since to part.
func measure(part *atomic.Int64) func() {
	start := clock.System{}.Now()
	return func() { part.Add(int64(clock.System{}.Now().Sub(start))) }
}

// Timings is the JSON form of the timings, in nanoseconds.
type Timings struct {
	Tx        int64 `json:"tx_ns"`
	Codec     int64 `json:"codec_ns"`
	Evaluate  int64 `json:"evaluate_ns"`
	Deadlines int64 `json:"deadlines_ns"`
}

func (t *timings) read() Timings {
	return Timings{Tx: t.tx.Load(), Codec: t.codec.Load(), Evaluate: t.evaluate.Load(), Deadlines: t.deadlines.Load()}
}
