package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/policy"
	"github.com/slaclock/slaclock/sla"
)

// The morning the page shows, at 10:30 in New York: T-1, urgent, has had
// no answer and broke its promise; T-2 was answered in time, under the
// SLA and the first line's OLA; T-3 waited on the customer for half an
// hour (its resolution paused); no agreement covers T-4.
var morning = []struct{ ticket, body string }{
	{"T-1", `{"ticket": "T-1", "at": "2026-03-02T14:00:00Z", "priority": "urgent", "fields": {"attributes": {"plan": "enterprise"}}}`},
	{"T-2", `{"ticket": "T-2", "at": "2026-03-02T14:00:00Z", "priority": "high", "fields": {"attributes": {"plan": "enterprise", "group": "first-line"}}}`},
	{"T-3", `{"ticket": "T-3", "at": "2026-03-02T14:00:00Z", "priority": "normal", "fields": {"attributes": {"plan": "standard"}}}`},
	{"T-4", `{"ticket": "T-4", "at": "2026-03-02T14:00:00Z", "priority": "high"}`},
	{"T-2", `{"kind": "public_reply", "at": "2026-03-02T14:20:00Z", "actor": "ann"}`},
	{"T-3", `{"kind": "status_changed", "status": "Pending", "at": "2026-03-02T14:30:00Z"}`},
	{"T-3", `{"kind": "customer_reply", "at": "2026-03-02T15:00:00Z"}`},
	{"T-3", `{"kind": "status_changed", "status": "Open", "at": "2026-03-02T15:00:00Z"}`},
}

var morningEnd = time.Date(2026, 3, 2, 15, 30, 0, 0, time.UTC)

// shownTicket is what the page shows of a ticket, as the browser reads
// it: its heading, each badge's text and colour, each lane's label and
// its segments' kinds, rendered widths and colours.
type shownTicket struct {
	ID     string
	Badges []string
	Lanes  []shownLane
}

type shownLane struct {
	Label    string
	Segments []string // kind
}

type rendered struct {
	Tickets []shownTicket
	// Colours: the background of each verdict's badge and the fill of
	// each kind of segment shown, as the browser computed them.
	BadgeColours   map[string]string
	SegmentColours map[string]string
	Widths         []float64 // of every segment drawn
	Text           string    // the page's visible text
	Scripts        int
}

// The page opened in headless Chromium shows, for every ticket, the
// badges and the timeline that sla.View and sla.Timeline give for the
// ticket's events, with the colours of their kinds, and runs no script.
func TestPageInChromium(t *testing.T) {
	chromium := findChromium(t)
	p := startService(t, "-db", filepath.Join(t.TempDir(), "slaclock.db"), "-clock", monday.Format(time.RFC3339))
	client := &http.Client{}
	for _, ev := range morning {
		path := "/tickets/" + ev.ticket + "/events"
		if strings.Contains(ev.body, `"ticket"`) {
			path = "/tickets"
		}
		if code, _, body, err := post(client, p.url+path, "", ev.body); err != nil || code != http.StatusCreated {
			t.Fatalf("POST %s %s: %d %s %v", path, ev.body, code, body, err)
		}
	}
	for _, path := range []string{"/clock", "/worker/run"} {
		body := `{"now": "` + morningEnd.Format(time.RFC3339) + `"}`
		if code, _, b, err := post(client, p.url+path, "", body); err != nil || code != http.StatusOK {
			t.Fatalf("POST %s: %d %s %v", path, code, b, err)
		}
	}
	got := render(t, chromium, p.url+"/")
	if diff := cmp.Diff(expectedMorning(t), got.Tickets); diff != "" {
		t.Errorf("the page shows (-want +got):\n%s", diff)
	}
	checkLooks(t, got)
}

// expectedMorning is what the library says of the morning's tickets at its
// end, in the order the page lists them: those that breach first first.
func expectedMorning(t *testing.T) []shownTicket {
	set, err := policy.Load(samplePolicy)
	if err != nil {
		t.Fatal(err)
	}
	events := map[string][]sla.Event{}
	for _, ev := range morning {
		var fields map[string]json.RawMessage
		json.Unmarshal([]byte(ev.body), &fields)
		if _, ok := fields["ticket"]; ok {
			delete(fields, "ticket")
			fields["kind"] = json.RawMessage(`"created"`)
		}
		var e sla.Event
		if err := e.UnmarshalJSON([]byte(toJSON(fields))); err != nil {
			t.Fatal(err)
		}
		events[ev.ticket] = append(events[ev.ticket], e)
	}
	var want []shownTicket
	for _, id := range []string{"T-1", "T-2", "T-3", "T-4"} { // breaches at 18:00:01, 18:00:01, 22:00:01, none
		state, _, err := sla.Replay(set, events[id])
		if err != nil {
			t.Fatal(err)
		}
		view, _ := state.View(set, morningEnd)
		lanes, _ := state.Timeline(set, morningEnd)
		shown := shownTicket{ID: id, Badges: []string{}, Lanes: []shownLane{}}
		for _, m := range view.Metrics {
			shown.Badges = append(shown.Badges, fmt.Sprintf("%s %s: %s, %s", m.Agreement.Name,
				strings.ReplaceAll(m.Metric, "_", " "), m.Verdict, m.Line))
		}
		for _, l := range lanes {
			lane := shownLane{Label: fmt.Sprintf("%s · %s #%d", l.Cycle.Agreement.Name,
				strings.ReplaceAll(l.Cycle.Metric, "_", " "), l.Cycle.Number)}
			for _, s := range l.Segments {
				lane.Segments = append(lane.Segments, s.Kind.String())
			}
			shown.Lanes = append(shown.Lanes, lane)
		}
		want = append(want, shown)
	}
	return want
}

// checkLooks checks what the eye sees: a broken promise in red, a badge on
// track in green, a pause in amber, every segment wide enough to see, the
// ticket no agreement covers said so.
func checkLooks(t *testing.T, got rendered) {
	for verdict, colour := range map[string]string{
		"promise_broken": "rgb(251, 217, 217)", "on_track": "rgb(227, 244, 227)", "met_in_time": "rgb(227, 244, 227)",
		"not_started": "rgb(242, 242, 242)",
	} {
		if got.BadgeColours[verdict] != colour {
			t.Errorf("a %s badge is %q, want %s", verdict, got.BadgeColours[verdict], colour)
		}
	}
	for kind, colour := range map[string]string{"counted": "rgb(47, 126, 216)", "paused": "rgb(240, 173, 78)"} {
		if got.SegmentColours[kind] != colour {
			t.Errorf("a %s segment is %q, want %s", kind, got.SegmentColours[kind], colour)
		}
	}
	for i, w := range got.Widths {
		if w < 0.5 {
			t.Errorf("segment %d is drawn %.2f pixels wide", i, w)
		}
	}
	for _, text := range []string{"Tickets and their SLAs", "At Mon Mar 2 2026 15:30 UTC",
		"No agreement covers this ticket: no clock runs."} {
		if !strings.Contains(got.Text, text) {
			t.Errorf("the page does not say %q:\n%s", text, got.Text)
		}
	}
	if got.Scripts != 0 {
		t.Errorf("the page has %d scripts, want none", got.Scripts)
	}
}

// readPage is the script the test runs in the page to read what it shows.
const readPage = `(() => {
	const tickets = [...document.querySelectorAll('article')].map(a => ({
		ID: a.querySelector('h2').firstChild.textContent,
		Badges: [...a.querySelectorAll('.badge')].map(b => b.innerText),
		Lanes: [...a.querySelectorAll('g.lane')].map(g => ({
			Label: g.querySelector('text').textContent,
			Segments: [...g.querySelectorAll('rect')].map(r => r.getAttribute('class')),
		})),
	}));
	const badgeColours = {}, segmentColours = {};
	for (const b of document.querySelectorAll('article .badge'))
		badgeColours[b.className.replace('badge verdict-', '')] = getComputedStyle(b).backgroundColor;
	for (const r of document.querySelectorAll('g.lane rect'))
		segmentColours[r.getAttribute('class')] = getComputedStyle(r).fill;
	const widths = [...document.querySelectorAll('g.lane rect')].map(r => r.getBoundingClientRect().width);
	return {Tickets: tickets, BadgeColours: badgeColours, SegmentColours: segmentColours, Widths: widths,
		Text: document.body.innerText, Scripts: document.scripts.length};
})()`

// render opens url in headless Chromium and reads the page; with
// SLACLOCK_SCREENSHOT set, it saves a screenshot there.
func render(t *testing.T, chromium, url string) rendered {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1000, 1000))
	ctx, cancel := chromedp.NewExecAllocator(testContext(t), opts...)
	defer cancel()
	ctx, cancel = chromedp.NewContext(ctx)
	defer cancel()
	// The first call starts the browser, and must not have a timeout of its own.
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("article"))); err != nil {
		t.Fatalf("chromium at %s: %v", url, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[rendered](readPage))
	if err != nil {
		t.Fatalf("reading the page: %v", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if file := os.Getenv("SLACLOCK_SCREENSHOT"); file != "" {
		if err := os.WriteFile(file, shot, 0o644); err != nil {
			t.Error(err)
		}
	}
	return got
}

// findChromium finds Debian's chromium, or fails saying how to install it.
func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			if out, err := exec.Command(path, "--version").Output(); err == nil {
				t.Logf("%s", strings.TrimSpace(string(out)))
				return path
			}
		}
	}
	t.Fatal("the browser test needs Chromium: install Debian's with apt-get install chromium " +
		"(examples/service/ci.sh does)")
	return ""
}
