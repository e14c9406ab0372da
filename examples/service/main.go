// Command service is slaclock inside a helpdesk service: an HTTP JSON API
// that stores each ticket event, the ticket's SLA state, the transitions it
// emits and the ticket's wake-up in one database transaction; a worker
// that ticks the wake-ups when they come due; an outbox that each
// transition leaves once; and a page for people with every ticket's SLA
// badges and timeline. It runs on an embedded SQLite database by default,
// and on PostgreSQL to scale out over several processes.
//
//	cd examples/service && go run .
//	go run . -addr 127.0.0.1:8080 -db slaclock.db -policy policy.json
//	go run . -db 'postgres://user@localhost/helpdesk' -deliver http://127.0.0.1:9000/sla
//
// The API, all JSON:
//
//	POST /tickets                  {"ticket": "T-1", "priority": "high", "fields": {"attributes": {"plan": "enterprise"}}}
//	POST /tickets/{id}/events      {"kind": "public_reply", "actor": "ann"}
//	GET  /tickets/{id}             the SLA view now (?at= another instant), with the agreements
//	GET  /tickets?breaching_within=2h   the tickets whose next breach falls within 2h
//	GET  /                         the page: the tickets, their badges and timelines
//
// An event's body is sla.Event's JSON form ("kind", "at", "status",
// "priority", "fields", "actor", "by_agent"). Without "at" it happens now,
// by the service's clock. The Idempotency-Key header becomes the event's
// ID: a retry with the same key changes nothing and answers as the first
// request did (201, the same body, and Idempotent-Replayed: true); the same
// key with another event is refused (422).
//
// The worker ticks each due wake-up at its stored instant and then relays
// the outbox: to -deliver, a webhook that gets {"deliveries": [...]}
// batches, each transition with its key (ticket, seq, n), or, without one,
// to stdout as lines. A transition is marked sent once delivered; a
// process that dies between the two sends it again with the same key, for
// the receiver to drop.
//
// -clock system (the default) reads the wall clock and runs the worker
// every -poll. -clock with an RFC 3339 instant starts a manual clock there,
// for tests: it moves only by POST /clock {"now": "..."}, and the worker
// runs only by POST /worker/run, which answers the ticks it ran.
//
// When it is ready, the service prints "listening on http://ADDRESS" on
// stdout. See README.md beside this file for the schema, the transactions
// and what the tests check.
package main

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
	_ "time/tzdata" // so that the policy's zones load where the host has no zone files

	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
)

//go:embed policy.json
var samplePolicy []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command line's.
type options struct {
	addr, db, policy, clock, deliver, name string
	poll                                   time.Duration
}

func parse(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("service", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0: any free port)")
	fs.StringVar(&o.db, "db", "slaclock.db", "the database: an SQLite file, or a postgres:// URL")
	fs.StringVar(&o.policy, "policy", "", "policy document (default: the embedded sample policy)")
	fs.StringVar(&o.clock, "clock", "system", "system, or an RFC 3339 instant: a manual clock for tests, moved by POST /clock")
	fs.StringVar(&o.deliver, "deliver", "", "webhook URL the outbox is relayed to (default: print transitions on stdout)")
	fs.StringVar(&o.name, "name", fmt.Sprintf("pid-%d", os.Getpid()), "this process's name, in the Slaclock-Relay header")
	fs.DurationVar(&o.poll, "poll", time.Second, "how often the worker looks for due wake-ups, on the system clock")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		err := fmt.Errorf("unexpected arguments: %q", fs.Args())
		fmt.Fprintln(stderr, err)
		return o, err
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parse(args, stderr)
	if err != nil {
		return 2 // parse said why
	}
	logger := log.New(stderr, "service: ", 0)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, o, stdout, logger); err != nil {
		logger.Print(err)
		return 1
	}
	return 0
}

// serve runs the service until ctx ends.
func serve(ctx context.Context, o options, stdout io.Writer, logger *log.Logger) error {
	set, err := loadPolicy(o.policy)
	if err != nil {
		return err
	}
	srv := &server{log: logger}
	if o.clock == "system" {
		srv.clock = clock.System{}
	} else {
		start, err := time.Parse(time.RFC3339Nano, o.clock)
		if err != nil {
			return fmt.Errorf("-clock: want system or an RFC 3339 instant: %v", err)
		}
		srv.manual = clock.NewManual(start.UTC())
		srv.clock = srv.manual
	}
	if srv.store, err = Open(ctx, o.db, set, srv.clock); err != nil {
		return err
	}
	defer srv.store.Close()
	send := Printer(stdout)
	if o.deliver != "" {
		send = Webhook(&http.Client{Timeout: 10 * time.Second}, o.deliver, o.name)
	}
	srv.worker = &worker{store: srv.store, send: send, log: logger}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.handler(), ReadHeaderTimeout: 10 * time.Second}
	// On return: stop the worker, wait for it, then close the store.
	ctx, cancel := context.WithCancel(ctx)
	var background sync.WaitGroup
	if srv.manual == nil { // a manual clock's worker runs by POST /worker/run
		background.Go(func() { srv.worker.loop(ctx, srv.clock, o.poll) })
	}
	defer background.Wait()
	defer cancel()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		hs.Shutdown(shutdown)
	}()
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	if err := hs.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

func loadPolicy(file string) (*policy.Set, error) {
	doc := samplePolicy
	if file != "" {
		var err error
		if doc, err = os.ReadFile(file); err != nil {
			return nil, err
		}
	}
	set, err := policy.Load(doc)
	if err != nil && file != "" {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return set, err
}
