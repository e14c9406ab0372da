package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/clock"
	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// monday is when the tests' clocks start: Monday 2 March 2026, 09:00 in
// New York, the sample policy's business calendar opening.
var monday = time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)

// eachBackend runs f on a new SQLite database and on a new PostgreSQL one.
func eachBackend(t *testing.T, f func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { f(t, filepath.Join(t.TempDir(), "slaclock.db")) })
	t.Run("postgres", func(t *testing.T) { f(t, postgresDSN(t)) })
}

// A testService is the service's handler in the test's process, on a
// manual clock, relaying to a recorder.
type testService struct {
	t      testing.TB
	url    string
	srv    *server
	client *http.Client
	sent   *recorder
	logged *syncBuffer
}

func newTestService(t testing.TB, dsn string) *testService {
	set, err := policy.Load(samplePolicy)
	if err != nil {
		t.Fatal(err)
	}
	manual := clock.NewManual(monday)
	store, err := Open(context.Background(), dsn, set, manual)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testService{t: t, sent: new(recorder), logged: new(syncBuffer)}
	logger := log.New(ts.logged, "", 0)
	ts.srv = &server{store: store, clock: manual, manual: manual, log: logger,
		worker: &worker{store: store, send: ts.sent.send, log: logger}}
	hs := httptest.NewServer(ts.srv.handler())
	ts.url, ts.client = hs.URL, hs.Client()
	t.Cleanup(func() {
		hs.Close()
		store.Close()
	})
	return ts
}

// do sends a request and returns the status, the Idempotent-Replayed
// header and the body.
func (ts *testService) do(method, path, key, body string) (int, bool, []byte) {
	ts.t.Helper()
	if method == http.MethodPost {
		code, replayed, b, err := post(ts.client, ts.url+path, key, body)
		if err != nil {
			ts.t.Fatal(err)
		}
		return code, replayed, b
	}
	resp, err := ts.client.Get(ts.url + path)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, false, b
}

// mustPost sends a request that must succeed with want.
func (ts *testService) mustPost(path, key, body string, want int) []byte {
	ts.t.Helper()
	code, _, b := ts.do(http.MethodPost, path, key, body)
	if code != want {
		ts.t.Fatalf("POST %s %s: %d %s, want %d", path, body, code, b, want)
	}
	return b
}

func (ts *testService) setClock(at time.Time) {
	ts.t.Helper()
	ts.mustPost("/clock", "", fmt.Sprintf(`{"now": %q}`, at.Format(time.RFC3339Nano)), http.StatusOK)
}

func (ts *testService) runWorker() runResult {
	ts.t.Helper()
	var r runResult
	if err := json.Unmarshal(ts.mustPost("/worker/run", "", "", http.StatusOK), &r); err != nil {
		ts.t.Fatal(err)
	}
	return r
}

// A recorder is a Sender that keeps what it was sent; it refuses the
// batches while refuse is set.
type recorder struct {
	mu         sync.Mutex
	deliveries []Delivery
	refuse     bool
}

func (r *recorder) send(ctx context.Context, batch []Delivery) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.refuse {
		return fmt.Errorf("503 Service Unavailable")
	}
	r.deliveries = append(r.deliveries, batch...)
	return nil
}

func (r *recorder) setRefuse(refuse bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refuse = refuse
}

func (r *recorder) keys() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var keys []string
	for _, d := range r.deliveries {
		keys = append(keys, fmt.Sprintf("%s/%d/%d", d.Ticket, d.Seq, d.N))
	}
	return keys
}

// summary says in one line what a request got: the status and, for a
// stored event, its number and transitions, or the error.
func summary(code int, replayed bool, body []byte) string {
	if code != http.StatusCreated {
		var e struct{ Error string }
		if json.Unmarshal(body, &e) != nil || e.Error == "" {
			return fmt.Sprintf("%d %s", code, body)
		}
		return fmt.Sprintf("%d %s", code, e.Error)
	}
	var r struct {
		Seq         int64
		Transitions []sla.Transition
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return fmt.Sprintf("%d %s: %v", code, body, err)
	}
	var ts []string
	for _, t := range r.Transitions {
		if t.Metric == "" {
			ts = append(ts, fmt.Sprintf("%s %s", t.Agreement.Name, t.Kind))
		} else {
			ts = append(ts, fmt.Sprintf("%s/%s#%d %s", t.Agreement.Name, t.Metric, t.Cycle, t.Kind))
		}
	}
	s := fmt.Sprintf("%d #%d: %s", code, r.Seq, strings.Join(ts, ", "))
	if replayed {
		s += " (replayed)"
	}
	return s
}

const enterpriseHigh = `{"ticket": "T-1", "priority": "high", "fields": {"attributes": {"plan": "enterprise"}}, "actor": "pat"}`

func TestAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ts := newTestService(t, dsn)
		var first []byte
		for _, step := range []struct {
			name, method, path, key, body string
			want                          string
		}{
			{"a ticket is created", "POST", "/tickets", "c1", enterpriseHigh,
				"201 #1: Enterprise attached, Enterprise/first_response#1 started, Enterprise/resolution#1 started"},
			{"a retry answers as the first time did", "POST", "/tickets", "c1", enterpriseHigh,
				"201 #1: Enterprise attached, Enterprise/first_response#1 started, Enterprise/resolution#1 started (replayed)"},
			{"the same key for another event is refused", "POST", "/tickets", "c1",
				`{"ticket": "T-1", "priority": "low"}`, "422 idempotency key already used for another event"},
			{"creating a ticket again is a conflict", "POST", "/tickets", "c2", enterpriseHigh,
				"409 sla: event.kind: \"created\": ticket already created"},
			{"an event on a ticket never created", "POST", "/tickets/T-2/events", "", `{"kind": "public_reply"}`,
				"404 no such ticket"},
			{"a ticket id that cannot go into a URL", "POST", "/tickets", "", `{"ticket": "T 1"}`,
				"400 " + ErrBadTicket.Error()},
			{"a ticket id that is not a string", "POST", "/tickets", "", `{"ticket": 1}`,
				"400 bad request: ticket: want the ticket's id, a string"},
			{"a create with another kind", "POST", "/tickets", "", `{"ticket": "T-3", "kind": "public_reply"}`,
				`400 bad request: kind: "public_reply": POST /tickets creates a ticket: leave out "kind"`},
			{"ticks are the worker's", "POST", "/tickets/T-1/events", "", `{"kind": "tick"}`,
				`400 bad request: kind: "tick": ticks are the worker's`},
			{"a create on the events of a ticket", "POST", "/tickets/T-1/events", "", `{"kind": "created"}`,
				`400 bad request: kind: "created": create a ticket with POST /tickets`},
			{"a key that is not printable ASCII", "POST", "/tickets/T-1/events", "cl\xc3\xa9", `{"kind": "public_reply"}`,
				"400 bad request: Idempotency-Key: want 1 to 128 printable ASCII characters"},
			{"an ID in the body", "POST", "/tickets/T-1/events", "", `{"id": "x", "kind": "public_reply"}`,
				"400 bad request: id: the event's ID is the Idempotency-Key header"},
			{"an unknown field", "POST", "/tickets/T-1/events", "", `{"kind": "public_reply", "author": "ann"}`,
				`400 sla: malformed event: json: unknown field "author"`},
			{"an unknown status", "POST", "/tickets/T-1/events", "", `{"kind": "status_changed", "status": "Opne"}`,
				`400 sla: event.status: "Opne": unknown status: want one of Closed, In progress, New, Open, Pending, ` +
					`Solved, Waiting on vendor, new, open, pending, on_hold, solved, closed`},
			{"an agent's reply meets the first response", "POST", "/tickets/T-1/events", "e1",
				`{"kind": "public_reply", "actor": "ann"}`,
				"201 #2: Enterprise/first_response#1 met, Enterprise/periodic_update#1 started"},
			{"an event earlier than the last", "POST", "/tickets/T-1/events", "e2",
				`{"kind": "internal_note", "at": "2026-03-02T13:00:00Z"}`,
				`409 sla: event.at: "2026-03-02T13:00:00Z": event earlier than the last one (2026-03-02T14:00:00Z)`},
			{"an unknown ticket's view", "GET", "/tickets/T-2", "", "", "404 no such ticket"},
			{"a window that is not a duration", "GET", "/tickets?breaching_within=soon", "", "",
				"400 bad request: breaching_within: want a duration such as 2h or 30m"},
			{"a clock without an instant", "POST", "/clock", "", `{}`,
				`400 bad request: want {"now": an RFC 3339 instant}`},
		} {
			t.Run(step.name, func(t *testing.T) {
				code, replayed, body := ts.do(step.method, step.path, step.key, step.body)
				if diff := cmp.Diff(step.want, summary(code, replayed, body)); diff != "" {
					t.Errorf("%s %s (-want +got):\n%s", step.method, step.path, diff)
				}
				if step.key == "c1" && code == http.StatusCreated {
					if first == nil {
						first = body
					} else if diff := cmp.Diff(string(first), string(body)); diff != "" {
						t.Errorf("the retry's body differs from the first (-want +got):\n%s", diff)
					}
				}
			})
		}
	})
}
