package policy_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/policy"
)

func TestSelectSample(t *testing.T) {
	set := loadSample(t)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ny) }
	tests := []struct {
		name   string
		fields policy.Fields
		at     time.Time
		want   string // the policy's String, "" for none
	}{
		{"enterprise ticket in 2026 gets the 2026 version", attrs("plan", "enterprise"), at(2026, 3, 2, 10, 0),
			"Enterprise (sla, from 2026-01-01T00:00:00-05:00)"},
		{"enterprise ticket in 2025 gets the 2025 version", attrs("plan", "enterprise"), at(2025, 6, 2, 10, 0),
			"Enterprise (sla, from 2025-01-01T00:00:00-05:00)"},
		{"the new version is in force from its first instant", attrs("plan", "enterprise"), at(2026, 1, 1, 0, 0),
			"Enterprise (sla, from 2026-01-01T00:00:00-05:00)"},
		{"the old version is in force until the instant before", attrs("plan", "enterprise"), at(2026, 1, 1, 0, 0).Add(-time.Nanosecond),
			"Enterprise (sla, from 2025-01-01T00:00:00-05:00)"},
		{"the same instant in another zone", attrs("plan", "enterprise"), time.Date(2026, 1, 1, 5, 0, 0, 0, time.UTC),
			"Enterprise (sla, from 2026-01-01T00:00:00-05:00)"},
		{"before the first version there is no SLA", attrs("plan", "enterprise"), at(2024, 12, 31, 23, 59), ""},
		{"standard plan", attrs("plan", "standard"), at(2026, 3, 2, 10, 0), "Standard (sla, from 2025-01-01T00:00:00-05:00)"},
		{"one of each kind: the customer's SLA and the team's OLA", attrs("plan", "enterprise", "group", "second-line"), at(2026, 3, 2, 10, 0),
			"Enterprise (sla, from 2026-01-01T00:00:00-05:00) + Second line (ola, from 2026-01-01T00:00:00-05:00)"},
		{"a policy not yet in force does not match", attrs("plan", "enterprise", "group", "second-line"), at(2025, 3, 3, 10, 0),
			"Enterprise (sla, from 2025-01-01T00:00:00-05:00)"},
		{"unknown plan: no SLA", attrs("plan", "free"), at(2026, 3, 2, 10, 0), ""},
		{"no attributes: no SLA", policy.Fields{}, at(2026, 3, 2, 10, 0), ""},
		{"values compare exactly", attrs("plan", "Enterprise"), at(2026, 3, 2, 10, 0), ""},
		{"tags are not attributes", policy.Fields{Tags: []string{"enterprise"}}, at(2026, 3, 2, 10, 0), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := agreementNames(set.Select(tt.fields, tt.at))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Select (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMatches(t *testing.T) {
	set, err := policy.Load([]byte(doc(`
		{"name": "VIP", "match": {"tags": ["vip", "exec"]}},
		{"name": "EU enterprise", "match": {"plan": ["enterprise"], "region": ["eu", "uk"]}},
		{"name": "Tagged gold", "match": {"plan": ["gold"], "tags": ["priority-support"]}},
		{"name": "Everyone else"}`)))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		fields policy.Fields
		want   string
	}{
		{"a listed tag", policy.Fields{Tags: []string{"billing", "exec"}}, "VIP"},
		{"tags before attributes, by order", policy.Fields{Attributes: map[string]string{"plan": "enterprise", "region": "eu"}, Tags: []string{"vip"}}, "VIP"},
		{"every key must hold", policy.Fields{Attributes: map[string]string{"plan": "enterprise", "region": "uk"}}, "EU enterprise"},
		{"one key failing fails the match", policy.Fields{Attributes: map[string]string{"plan": "enterprise", "region": "us"}}, "Everyone else"},
		{"a missing attribute fails its key", policy.Fields{Attributes: map[string]string{"plan": "enterprise"}}, "Everyone else"},
		{"attribute and tag together", policy.Fields{Attributes: map[string]string{"plan": "gold"}, Tags: []string{"priority-support"}}, "Tagged gold"},
		{"attribute without the tag", policy.Fields{Attributes: map[string]string{"plan": "gold"}}, "Everyone else"},
		{"an attribute called tags is not the tags", policy.Fields{Attributes: map[string]string{"tags": "vip"}}, "Everyone else"},
		{"an empty match holds for every ticket", policy.Fields{}, "Everyone else"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := set.Select(tt.fields, at)
			if len(ps) != 1 {
				t.Fatalf("Select found %v; want %s", ps, tt.want)
			}
			if diff := cmp.Diff(tt.want, ps[0].Name()); diff != "" {
				t.Errorf("Select (-want +got):\n%s", diff)
			}
		})
	}
}

// matchesReference is Policy.Matches written plainly from Match: every
// field holds, "tags" when a tag is listed, another field when its
// attribute is.
func matchesReference(match map[string][]string, f policy.Fields) bool {
	for field, values := range match {
		holds := false
		if field == "tags" {
			for _, tag := range f.Tags {
				holds = holds || slices.Contains(values, tag)
			}
		} else if v, ok := f.Attributes[field]; ok {
			holds = slices.Contains(values, v)
		}
		if !holds {
			return false
		}
	}
	return true
}

// Random matches and tickets over a few fields and values: Matches answers
// as the reference does, and Match gives back the values as written.
func TestMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	fields, values := []string{"plan", "region", "tags"}, []string{"a", "b", "c", "d", "e"}
	some := func() []string { // distinct values, in random order
		vs := slices.Clone(values)
		r.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
		return vs[:r.IntN(len(vs))]
	}
	const policies, tickets = 300, 20
	matches := make([]map[string][]string, policies)
	entries := make([]string, policies)
	for i := range matches {
		matches[i] = map[string][]string{}
		for _, f := range fields {
			if vs := some(); len(vs) > 0 && r.IntN(2) == 0 {
				matches[i][f] = vs
			}
		}
		m, err := json.Marshal(matches[i])
		if err != nil {
			t.Fatal(err)
		}
		entries[i] = `{"name": "P` + strconv.Itoa(i) + `", "match": ` + string(m) + `}`
	}
	set, err := policy.Load([]byte(doc(strings.Join(entries, ", "))))
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for i, p := range set.Policies() {
		if diff := cmp.Diff(matches[i], p.Match()); diff != "" {
			t.Fatalf("%s: Match() (-want +got):\n%s", entries[i], diff)
		}
		for range tickets {
			f := policy.Fields{Attributes: map[string]string{}, Tags: some()}
			for _, name := range fields {
				if r.IntN(3) > 0 {
					f.Attributes[name] = values[r.IntN(len(values))]
				}
			}
			want := matchesReference(matches[i], f)
			if got := p.Matches(f); got != want {
				t.Fatalf("%s, fields %+v: Matches = %v, want %v", entries[i], f, got, want)
			}
			if want {
				held++
			}
		}
	}
	if held < policies*tickets/10 || held > policies*tickets*9/10 {
		t.Errorf("the match held in %d of %d cases; the generator should make both answers common", held, policies*tickets)
	}
}

func TestVersions(t *testing.T) {
	// Versions listed out of date order, one undated, with a different
	// policy in between: each is in force until the next one by date.
	set, err := policy.Load([]byte(doc(`
		{"name": "Gold", "effective_from": "2027-01-01T00:00:00Z", "description": "2027", "match": {"plan": ["gold"]}},
		{"name": "Gold", "description": "original", "match": {"plan": ["gold"]}},
		{"name": "Silver", "effective_from": "2026-06-01T00:00:00Z", "match": {"plan": ["gold", "silver"]}},
		{"name": "Gold", "effective_from": "2026-01-01T00:00:00+01:00", "description": "2026", "match": {"plan": ["gold"], "region": ["eu"]}}`)))
	if err != nil {
		t.Fatal(err)
	}
	gold := policy.Fields{Attributes: map[string]string{"plan": "gold"}}
	goldEU := policy.Fields{Attributes: map[string]string{"plan": "gold", "region": "eu"}}
	tests := []struct {
		name   string
		fields policy.Fields
		at     time.Time
		want   string // "name/description", "" for none
	}{
		{"the undated version is in force from the beginning", gold, time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), "Gold/original"},
		{"until the next version by date", goldEU, time.Date(2025, 12, 31, 22, 59, 59, 0, time.UTC), "Gold/original"},
		{"the 2026 version from its instant", goldEU, time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), "Gold/2026"},
		{"a version's own match decides", gold, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), ""},
		{"a later entry matches when the earlier one's version does not", gold, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), "Silver/"},
		{"the version listed first comes first once in force", gold, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), "Gold/2027"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if ps := set.Select(tt.fields, tt.at); len(ps) > 0 {
				got = ps[0].Name() + "/" + ps[0].Description()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Select (-want +got):\n%s", diff)
			}
		})
	}

	// Policy finds a version by name whether or not it matches.
	byName := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), "original until 2025-12-31T23:00:00Z"},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "2026 until 2027-01-01T00:00:00Z"},
		{time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), "2027 until 0001-01-01T00:00:00Z"},
	}
	for _, tt := range byName {
		p, ok := set.Policy("Gold", tt.at)
		if !ok {
			t.Fatalf("Policy(Gold, %v) found none", tt.at)
		}
		got := p.Description() + " until " + p.EffectiveUntil().UTC().Format(time.RFC3339)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Policy(Gold, %v) (-want +got):\n%s", tt.at, diff)
		}
	}
	if p, ok := set.Policy("Silver", time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)); ok {
		t.Errorf("Policy(Silver) before its first version = %v", p)
	}
	if p, ok := set.Policy("Bronze", time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC)); ok {
		t.Errorf("Policy(Bronze) = %v; there is no such policy", p)
	}
}

func TestCategory(t *testing.T) {
	set := loadSample(t)
	tests := []struct {
		status string
		want   policy.Category
		ok     bool
	}{
		{"New", policy.CategoryNew, true},
		{"In progress", policy.CategoryOpen, true},
		{"Waiting on vendor", policy.CategoryOnHold, true},
		{"pending", policy.CategoryPending, true}, // a category name stands for itself
		{"Pending", policy.CategoryPending, true},
		{"on_hold", policy.CategoryOnHold, true},
		{"Escalated", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		c, ok := set.Category(tt.status)
		if c != tt.want || ok != tt.ok {
			t.Errorf("Category(%q) = %v, %v; want %v, %v", tt.status, c, ok, tt.want, tt.ok)
		}
	}
	// The map may give a category name another meaning.
	set, err := policy.Load([]byte(`{"statuses": {"open": "new"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := set.Category("open"); c != policy.CategoryNew {
		t.Errorf(`Category("open") = %v; want new, as the document maps it`, c)
	}
}

func TestSetAccessors(t *testing.T) {
	set := loadSample(t)
	if diff := cmp.Diff([]string{"low", "normal", "high", "urgent"}, set.Priorities()); diff != "" {
		t.Errorf("Priorities (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"24x7", "business"}, set.Calendars()); diff != "" {
		t.Errorf("Calendars (-want +got):\n%s", diff)
	}
	if c, ok := set.Calendar("business"); !ok || c.Location().String() != "America/New_York" {
		t.Errorf("Calendar(business) = %v, %v", c, ok)
	}
	if _, ok := set.Calendar("weekend"); ok {
		t.Errorf("Calendar(weekend) found one")
	}
	var names []string
	for _, p := range set.Policies() {
		names = append(names, p.Name()+"/"+p.Kind().String())
	}
	if diff := cmp.Diff([]string{"First line/ola", "Second line/ola", "Enterprise/sla", "Enterprise/sla", "Standard/sla"}, names); diff != "" {
		t.Errorf("Policies (-want +got):\n%s", diff)
	}

	// Returned values are copies.
	set.Priorities()[0] = "changed"
	p := set.Policies()[2]
	p.Match()["plan"][0] = "changed"
	p.Metrics()[0].Start[0] = policy.Condition{Event: policy.InternalNote}
	tg, _ := p.Target("first_response", "urgent")
	tg.Warnings[0] = policy.Warning{Fraction: 1}
	p.Credits()[0] = policy.CreditTier{}
	if set.Priorities()[0] != "low" || p.Match()["plan"][0] != "enterprise" ||
		p.Metrics()[0].Start[0].Event != policy.Created || p.Credits()[0].Credit != 5*policy.OnePercent {
		t.Errorf("changing a returned value changed the set")
	}
	if tg, _ := p.Target("first_response", "urgent"); tg.Warnings[0].Fraction != 75*policy.OnePercent {
		t.Errorf("changing a returned target changed the set")
	}

	var none *policy.Set
	if ps := none.Select(policy.Fields{}, time.Time{}); ps != nil || none.Priorities() != nil || none.Policies() != nil {
		t.Errorf("a nil set is not empty")
	}
}

func TestPolicyMetrics(t *testing.T) {
	set := loadSample(t)
	p, _ := set.Policy("Second line", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	resolution := policy.Resolution.Defaults()
	resolution.PauseWhile = []policy.Category{policy.CategoryPending, policy.CategoryOnHold}
	want := []policy.Metric{
		resolution,
		{
			Name:       "triage",
			Start:      []policy.Condition{{Event: policy.Created}},
			PauseWhile: []policy.Category{policy.CategoryPending},
			Stop:       []policy.Condition{{Status: policy.CategoryOpen}, {Event: policy.PublicReply}, {Event: policy.InternalNote}},
			Cancel:     []policy.Condition{{Status: policy.CategoryClosed}},
		},
	}
	if diff := cmp.Diff(want, p.Metrics()); diff != "" {
		t.Errorf("Metrics (-want +got):\n%s", diff)
	}
	if m, ok := p.Metric("triage"); !ok || m.Name != "triage" {
		t.Errorf("Metric(triage) = %v, %v", m, ok)
	}
	if _, ok := p.Metric("first_response"); ok {
		t.Errorf("Metric(first_response) found one the policy does not have")
	}

	// A second metric of a preset's kind, under another name.
	set, err := policy.Load([]byte(doc(`{"name": "P", "calendar": "business",
		"metrics": {"chat_first_response": {"preset": "first_response", "cancel": [], "pause_while": ["on_hold"]}, "first_response": {"restart_on_reopen": true}},
		"targets": {"chat_first_response": {"urgent": {"goal": "5m"}}, "first_response": {"urgent": {"goal": "1h"}}, "next_response": {"low": {"goal": "1bd"}}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	chat := policy.FirstResponse.Defaults()
	chat.Name, chat.Cancel, chat.PauseWhile = "chat_first_response", nil, []policy.Category{policy.CategoryOnHold}
	first := policy.FirstResponse.Defaults()
	first.RestartOnReopen = true
	want = []policy.Metric{chat, first, policy.NextResponse.Defaults()}
	if diff := cmp.Diff(want, set.Policies()[0].Metrics()); diff != "" {
		t.Errorf("Metrics (-want +got):\n%s", diff)
	}
}

func TestCredit(t *testing.T) {
	set := loadSample(t)
	p, _ := set.Policy("Enterprise", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)) // <99%: 5%, <95%: 10%, <90%: 25%
	tests := []struct {
		name       string
		met, total int
		want       policy.Percent
	}{
		{"all kept", 100, 100, 0},
		{"exactly 99% is not below 99%", 99, 100, 0},
		{"just below 99%", 98_999, 100_000, 5 * policy.OnePercent},
		{"exactly 95% is not below 95%", 19, 20, 5 * policy.OnePercent},
		{"95% as a fraction that floats would round", 950_000_000_000, 1_000_000_000_000, 5 * policy.OnePercent},
		{"just below 95%", 949_999_999_999, 1_000_000_000_000, 10 * policy.OnePercent},
		{"exactly 90% earns the 95% tier", 9, 10, 10 * policy.OnePercent},
		{"a third", 1, 3, 25 * policy.OnePercent},
		{"none kept", 0, 7, 25 * policy.OnePercent},
		{"no promises earn nothing", 0, 0, 0},
		{"met above total is clamped", 12, 10, 0},
		{"negative met is clamped", -1, 10, 25 * policy.OnePercent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.Credit(tt.met, tt.total); got != tt.want {
				t.Errorf("Credit(%d, %d) = %v; want %v", tt.met, tt.total, got, tt.want)
			}
		})
	}
	standard, _ := set.Policy("Standard", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	if got := standard.Credit(0, 10); got != 0 {
		t.Errorf("a policy without tiers gave credit %v", got)
	}
}

// A Set is used by many goroutines at once; run with -race.
func TestConcurrentUse(t *testing.T) {
	set := loadSample(t)
	created := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	want, _ := set.MarshalJSON()
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() {
			var got string
			for j := 0; j < 50; j++ {
				ps := set.Select(policy.Fields{Attributes: map[string]string{"plan": "enterprise"}}, created)
				if len(ps) == 0 {
					got = "no policy"
					break
				}
				p := ps[0]
				tg, _ := p.Target("resolution", "high")
				tg.Goal.Due(tg.Calendar, created)
				p.Metrics()
				set.Category("Pending")
				data, _ := set.MarshalJSON()
				got = string(data)
			}
			done <- got
		}()
	}
	for i := 0; i < 8; i++ {
		if diff := cmp.Diff(string(want), <-done); diff != "" {
			t.Errorf("MarshalJSON while in concurrent use (-want +got):\n%s", diff)
		}
	}
}

// agreementNames joins the Strings of ps with " + "; "" for none.
func agreementNames(ps []*policy.Policy) string {
	var names []string
	for _, p := range ps {
		names = append(names, p.String())
	}
	return strings.Join(names, " + ")
}
