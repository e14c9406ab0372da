package main

import (
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slaclock/slaclock/sla"
)

// Whatever a client sends, the service answers with a status that says
// whose fault it is, never 500, and what it stores reads back as an event.
func FuzzRequest(f *testing.F) {
	for _, seed := range []struct {
		create    bool
		key, body string
	}{
		{true, "c1", enterpriseHigh},
		{true, "", `{"ticket": "T-2", "priority": "urgent", "at": "2026-03-02T14:00:00Z"}`},
		{false, "e1", `{"kind": "public_reply", "actor": "ann"}`},
		{false, "", `{"kind": "status_changed", "status": "Pending", "at": "2026-03-02T15:00:00Z"}`},
		{false, "", `{"kind": "fields_changed", "fields": {"attributes": {"plan": "standard", "requester_tz": "Europe/Berlin"}}}`},
		{false, "", `{"kind": "priority_changed", "priority": ""}`},
		{true, "", `{"ticket": "T-3", "fields": {"attributes": {"requester_tz": "Mars/Olympus"}}}`},
		{false, "x", `{"kind": "tick"}`},
		{false, "", `[1, 2]`},
	} {
		f.Add(seed.create, seed.key, seed.body)
	}
	ts := newTestService(f, filepath.Join(f.TempDir(), "slaclock.db"))
	ts.mustPost("/tickets", "", enterpriseHigh, http.StatusCreated)
	f.Fuzz(func(t *testing.T, create bool, key, body string) {
		if strings.ContainsFunc(key, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
			return // no HTTP client sends control characters in a header
		}
		path := "/tickets/T-1/events"
		if create {
			path = "/tickets"
		}
		code, _, _, err := post(ts.client, ts.url+path, key, body)
		if err != nil {
			t.Fatal(err)
		}
		ok := []int{http.StatusCreated, http.StatusBadRequest, http.StatusNotFound, http.StatusConflict,
			http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity}
		if !slices.Contains(ok, code) {
			t.Fatalf("POST %s %q %s: %d", path, key, body, code)
		}
	})
	f.Cleanup(func() {
		rows, err := ts.srv.store.read.Query(`SELECT event FROM sla_events`)
		if err != nil {
			f.Error(err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var b []byte
			var ev sla.Event
			if err := rows.Scan(&b); err != nil || ev.UnmarshalJSON(b) != nil {
				f.Errorf("stored event %s does not read back", b)
			}
		}
	})
}
