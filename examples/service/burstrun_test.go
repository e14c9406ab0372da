package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slaclock/slaclock/clock"
)

// clockStart reads the wall clock, to time the burst.
func clockStart() time.Time { return clock.System{}.Now() }

// A fleet is the service processes of a burst, sharing one database, and
// what it takes to reach them across a SIGKILL and a restart.
type fleet struct {
	t       *testing.T
	dsn     string
	deliver string
	client  *http.Client

	mu        sync.Mutex
	procs     []*process
	names     []string      // each process's relay name: a0, b0, then a1 once a0 restarted
	restarts  []int         // how many times each was restarted
	restarted chan struct{} // closed at each restart, then made anew
	now       time.Time     // the clock the processes are set to
}

func newFleet(t *testing.T, dsn, deliver string, n int) *fleet {
	f := &fleet{t: t, dsn: dsn, deliver: deliver, restarted: make(chan struct{}), now: monday,
		procs: make([]*process, n), names: make([]string, n), restarts: make([]int, n),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
	for i := range n {
		f.start(i)
	}
	return f
}

// start starts process i, at the fleet's clock; f.mu is held or not needed.
func (f *fleet) start(i int) {
	f.names[i] = fmt.Sprintf("%c%d", 'a'+i, f.restarts[i])
	f.procs[i] = startService(f.t, "-db", f.dsn, "-clock", f.now.Format(time.RFC3339Nano),
		"-deliver", f.deliver, "-name", f.names[i])
}

// url returns the address of process i (modulo their number) and the
// channel that its next restart closes.
func (f *fleet) url(i int) (string, chan struct{}) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.procs[i%len(f.procs)].url, f.restarted
}

// setClock moves every process's clock to now.
func (f *fleet) setClock(now time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = now
	for _, p := range f.procs {
		code, _, body, err := post(f.client, p.url+"/clock", "", `{"now": "`+now.Format(time.RFC3339Nano)+`"}`)
		if err != nil || code != http.StatusOK {
			return fmt.Errorf("setting the clock: %d %s %v", code, body, err)
		}
	}
	return nil
}

// killAndRestart SIGKILLs process i and starts it again on the same
// database; it returns the name the killed process relayed under.
func (f *fleet) killAndRestart(i int) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	killed := f.names[i]
	f.procs[i].kill()
	f.restarts[i]++
	f.start(i)
	close(f.restarted)
	f.restarted = make(chan struct{})
	return killed
}

func (f *fleet) stopAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.procs {
		p.stop(f.t)
	}
}

// A burst sends the events and keeps what the service answered.
type burst struct {
	t      *testing.T
	ctx    context.Context
	fleet  *fleet
	recv   *receiver
	killAt int64 // the acknowledgement after which a process is killed

	acks, requests atomic.Int64
	killedName     chan string // the killed process's relay name, once it is

	mu    sync.Mutex
	acked map[string][]Result // per ticket, in order
	ticks []Tick              // every tick a worker run reported
}

func newBurst(t *testing.T, dsn string, processes, events int) *burst {
	recv := newReceiver()
	hook := httptest.NewServer(recv)
	t.Cleanup(hook.Close)
	b := &burst{t: t, ctx: testContext(t), recv: recv, killAt: int64(events / 2),
		killedName: make(chan string, 1), acked: map[string][]Result{}}
	b.fleet = newFleet(t, dsn, hook.URL, processes)
	return b
}

// round sends one round's events, each ticket's in order, on 8 clients at
// once, while each process runs its worker once.
func (b *burst) round(now time.Time, events []burstEvent) error {
	if err := b.fleet.setClock(now); err != nil {
		return err
	}
	var byTicket [][]burstEvent
	index := map[string]int{}
	for _, ev := range events {
		i, ok := index[ev.ticket]
		if !ok {
			i = len(byTicket)
			index[ev.ticket] = i
			byTicket = append(byTicket, nil)
		}
		byTicket[i] = append(byTicket[i], ev)
	}
	work := make(chan int)
	errs := make(chan error, 8+len(b.fleet.procs))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range work {
				for _, ev := range byTicket[i] {
					if err := b.send(ev, i); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	for i := range b.fleet.procs {
		wg.Go(func() { b.runWorker(i) })
	}
	for i := range byTicket {
		work <- i
	}
	close(work)
	wg.Wait()
	close(errs)
	return errors.Join(collect(errs)...)
}

func collect(errs chan error) []error {
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return all
}

// send sends one event until a process answers it (the next one, when
// the process it went to died under it), and sends it once more if the
// burst says so: that answer must be the first one again.
func (b *burst) send(ev burstEvent, client int) error {
	first, err := b.deliver(ev, client)
	if err != nil {
		return err
	}
	b.mu.Lock()
	b.acked[ev.ticket] = append(b.acked[ev.ticket], first)
	b.mu.Unlock()
	if b.acks.Add(1) == b.killAt {
		go func() { b.killedName <- b.fleet.killAndRestart(0) }()
	}
	if !ev.retry {
		return nil
	}
	again, err := b.deliver(ev, client+1)
	if err != nil {
		return err
	}
	if !again.Replayed || string(toJSON(again)) != string(toJSON(first)) {
		return fmt.Errorf("%s %s: the retry answered %s, the first request %s", ev.path(), ev.key,
			toJSON(again), toJSON(first))
	}
	return nil
}

// deliver sends ev to process i, and on a connection error to the next
// one; with one process, it waits for its restart.
func (b *burst) deliver(ev burstEvent, i int) (Result, error) {
	for attempt := range 10 {
		url, restarted := b.fleet.url(i + attempt)
		b.requests.Add(1)
		code, replayed, body, err := post(b.fleet.client, url+ev.path(), ev.key, ev.body)
		if err != nil {
			if len(b.fleet.procs) == 1 {
				select {
				case <-restarted:
				case <-b.ctx.Done():
					return Result{}, fmt.Errorf("%s %s: %v, and no restart came", ev.path(), ev.key, err)
				}
			}
			continue
		}
		var r Result
		if code != http.StatusCreated || json.Unmarshal(body, &r) != nil {
			return Result{}, fmt.Errorf("%s %s %s: %d %s", ev.path(), ev.key, ev.body, code, body)
		}
		r.Replayed = replayed
		return r, nil
	}
	return Result{}, fmt.Errorf("%s %s: no process answered", ev.path(), ev.key)
}

// runWorker runs process i's worker once and keeps the ticks it reports;
// a process that dies meanwhile reports none.
func (b *burst) runWorker(i int) {
	url, _ := b.fleet.url(i)
	code, _, body, err := post(b.fleet.client, url+"/worker/run", "", "")
	if err != nil {
		return
	}
	var r runResult
	if code != http.StatusOK || json.Unmarshal(body, &r) != nil {
		b.t.Errorf("worker run: %d %s", code, body)
		return
	}
	b.mu.Lock()
	b.ticks = append(b.ticks, r.Ticks...)
	b.mu.Unlock()
}

// drain moves the clocks to end and runs the first process's worker until
// nothing is due and the outbox is empty.
func (b *burst) drain(end time.Time) {
	if err := b.fleet.setClock(end); err != nil {
		b.t.Fatal(err)
	}
	for range 1000 {
		url, _ := b.fleet.url(0)
		code, _, body, err := post(b.fleet.client, url+"/worker/run", "", "")
		var r runResult
		if err != nil || code != http.StatusOK || json.Unmarshal(body, &r) != nil {
			b.t.Fatalf("worker run: %d %s %v", code, body, err)
		}
		b.ticks = append(b.ticks, r.Ticks...)
		if len(r.Ticks) == 0 && r.Sent == 0 && r.DeliveryError == "" {
			return
		}
	}
	b.t.Fatal("the worker never ran out of work")
}

// A receiver is the webhook the relays deliver to. It refuses every
// seventh request (503), so that refused batches are sent again, and
// keeps every delivery it accepted, by key.
type receiver struct {
	mu       sync.Mutex
	requests int
	got      map[string][]delivered // by key: ticket/seq/n
	last     map[string][]string    // by relay: the keys of its last accepted request
}

type delivered struct {
	relay      string
	transition string
}

func newReceiver() *receiver {
	return &receiver{got: map[string][]delivered{}, last: map[string][]string{}}
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct{ Deliveries []Delivery }
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.requests++
	if rc.requests%7 == 0 {
		http.Error(w, "try again later", http.StatusServiceUnavailable)
		return
	}
	relay := r.Header.Get("Slaclock-Relay")
	rc.last[relay] = nil
	for _, d := range body.Deliveries {
		key := fmt.Sprintf("%s/%d/%d", d.Ticket, d.Seq, d.N)
		rc.got[key] = append(rc.got[key], delivered{relay, string(d.Transition)})
		rc.last[relay] = append(rc.last[relay], key)
	}
}
