package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFlags(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
		want string // what it says on stderr
	}{
		{"an unknown flag", []string{"-port", "80"}, 2, "flag provided but not defined: -port"},
		{"an argument", []string{"serve"}, 2, `unexpected arguments: ["serve"]`},
		{"a clock that is neither", []string{"-clock", "yesterday"}, 1,
			`service: -clock: want system or an RFC 3339 instant: parsing time "yesterday"`},
		{"a policy file that is not there", []string{"-policy", "nowhere.json"}, 1,
			"service: open nowhere.json: no such file or directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(c.args, &stdout, &stderr)
			if code != c.code || !strings.Contains(stderr.String(), c.want) {
				t.Errorf("run %q: exit %d, said:\n%s\nwant exit %d and %q", c.args, code, stderr.String(), c.code, c.want)
			}
		})
	}
}

// On the system clock the worker runs by itself, every -poll: an urgent
// ticket created a day ago (its events carry their instants) is ticked
// and its breaches delivered without anyone asking; the test waits for
// the webhook to get them, not for time to pass. The manual clock's
// endpoints are not there.
func TestSystemClock(t *testing.T) {
	got := make(chan string, 100)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Deliveries []Delivery }
		json.NewDecoder(r.Body).Decode(&body)
		for _, d := range body.Deliveries {
			got <- string(d.Transition)
		}
	}))
	defer hook.Close()
	p := startService(t, "-db", filepath.Join(t.TempDir(), "slaclock.db"), "-poll", "10ms", "-deliver", hook.URL)
	client := &http.Client{}
	yesterday := clockStart().Add(-24 * time.Hour).Truncate(time.Second).Format(time.RFC3339)
	code, _, body, err := post(client, p.url+"/tickets", "", `{"ticket": "T-1", "priority": "urgent", "at": "`+
		yesterday+`", "fields": {"attributes": {"plan": "enterprise"}}}`)
	if err != nil || code != http.StatusCreated {
		t.Fatalf("POST /tickets: %d %s %v", code, body, err)
	}
	ctx := testContext(t)
	var kinds []string
	for len(kinds) < 2 {
		var tr struct{ Kind, Metric string }
		select {
		case d := <-got:
			json.Unmarshal([]byte(d), &tr)
		case <-ctx.Done():
			t.Fatalf("no breach delivered; got %v", kinds)
		}
		if tr.Metric == "first_response" && strings.HasSuffix(tr.Kind, "_breached") {
			kinds = append(kinds, tr.Kind)
		}
	}
	if diff := cmp.Diff([]string{"goal_breached", "promise_breached"}, kinds); diff != "" {
		t.Errorf("first response (-want +got):\n%s", diff)
	}
	for _, path := range []string{"/clock", "/worker/run"} {
		if code, _, body, _ := post(client, p.url+path, "", `{}`); code != http.StatusNotFound {
			t.Errorf("POST %s on the system clock: %d %s, want 404", path, code, body)
		}
	}
	p.stop(t)
}
