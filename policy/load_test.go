package policy_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/calendar"
	"github.com/slaclock/slaclock/policy"
)

func loadSample(t testing.TB) *policy.Set {
	t.Helper()
	data, err := os.ReadFile("testdata/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	set, err := policy.Load(data)
	if err != nil {
		t.Fatalf("Load(sample.json): %v", err)
	}
	return set
}

// doc wraps policies (the inside of the "policies" list) in a document with
// two calendars, four priorities and a status map.
func doc(policies string) string {
	return `{"calendars": {"business": {"zone": "America/New_York", "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": ["us"]},
	                       "24x7": {"zone": "UTC", "hours": {"mon-sun": ["00:00-24:00"]}}},
	         "statuses": {"Open": "open", "Waiting": "pending"},
	         "priorities": ["low", "normal", "high", "urgent"],
	         "policies": [` + policies + `]}`
}

// attrs returns the fields of a ticket with the attributes kv (key, value,
// key, value...).
func attrs(kv ...string) policy.Fields {
	f := policy.Fields{Attributes: map[string]string{}}
	for i := 0; i < len(kv); i += 2 {
		f.Attributes[kv[i]] = kv[i+1]
	}
	return f
}

// ok is a valid policy to put before a bad one, so that paths say [1].
const ok = `{"name": "Basic", "calendar": "business", "targets": {"first_response": {"low": {"promise": "1bd"}}}}`

// pol is a policy whose targets are tgt.
func pol(tgt string) string {
	return `{"name": "P", "calendar": "business", "targets": ` + tgt + `}`
}

// loadErrors are the rows of TestLoadErrors.
var loadErrors = []struct {
	name string
	doc  string
	want string // the exact error
	is   error  // a sentinel it must match
}{
	// Durations.
	{"unknown unit", doc(ok + `,` + pol(`{"resolution": {"urgent": {"goal": "4x", "promise": "8h"}}}`)),
		`policy: policies[1].targets.resolution.urgent.goal: "4x": unknown unit`, policy.ErrUnknownUnit},
	{"a day is not 24 hours", doc(pol(`{"resolution": {"urgent": {"promise": "1d"}}}`)),
		`policy: policies[0].targets.resolution.urgent.promise: "1d": unknown unit`, policy.ErrUnknownUnit},
	{"empty duration", doc(pol(`{"resolution": {"urgent": {"goal": ""}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: bad duration: empty`, policy.ErrBadDuration},
	{"number without unit", doc(pol(`{"resolution": {"urgent": {"goal": "1h30"}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: "1h30": bad duration: missing unit`, policy.ErrBadDuration},
	{"negative duration", doc(pol(`{"resolution": {"urgent": {"goal": "-5m"}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: "-5m": bad duration: want a number and a unit`, policy.ErrBadDuration},
	{"zero duration", doc(pol(`{"resolution": {"urgent": {"goal": "0m"}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: "0m": bad duration: must be positive`, policy.ErrBadDuration},
	{"zero business days", doc(pol(`{"resolution": {"urgent": {"goal": "0bd"}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: "0bd": bad duration: must be positive`, policy.ErrBadDuration},
	{"fraction of a business day", doc(pol(`{"resolution": {"urgent": {"goal": "1.5bd"}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: "1.5bd": bad duration: business days are a whole number alone`, policy.ErrBadDuration},
	{"days mixed with hours", doc(pol(`{"resolution": {"urgent": {"goal": "1bd4h"}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: "1bd4h": bad duration: business days are a whole number alone`, policy.ErrBadDuration},
	{"duration overflows", doc(pol(`{"resolution": {"urgent": {"goal": "99999999999h"}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: "99999999999h": bad duration: out of range or malformed`, policy.ErrBadDuration},
	{"too many business days", doc(pol(`{"resolution": {"urgent": {"goal": "1000001bd"}}}`)),
		`policy: policies[0].targets.resolution.urgent.goal: "1000001bd": bad duration: too many business days`, policy.ErrBadDuration},

	// Targets.
	{"no goal nor promise", doc(pol(`{"resolution": {"urgent": {"calendar": "24x7"}}}`)),
		`policy: policies[0].targets.resolution.urgent: missing: want a goal or a promise`, policy.ErrMissing},
	{"unknown target calendar", doc(pol(`{"resolution": {"urgent": {"goal": "1h", "calendar": "weekend"}}}`)),
		`policy: policies[0].targets.resolution.urgent.calendar: "weekend": unknown calendar: want one of 24x7, business`, policy.ErrUnknownCalendar},
	{"unknown policy calendar", doc(`{"name": "P", "calendar": "busines", "targets": {"resolution": {"urgent": {"goal": "1h"}}}}`),
		`policy: policies[0].calendar: "busines": unknown calendar: want one of 24x7, business`, policy.ErrUnknownCalendar},
	{"no calendar anywhere", doc(`{"name": "P", "targets": {"resolution": {"urgent": {"goal": "1h"}}}}`),
		`policy: policies[0].targets.resolution.urgent.calendar: missing: no calendar here nor in the policy`, policy.ErrMissing},
	{"goal later than promise", doc(pol(`{"resolution": {"high": {"goal": "6h", "promise": "4h"}}}`)),
		`policy: policies[0].targets.resolution.high.goal: "6h": goal later than promise: the promise is 4h`, policy.ErrGoalAfterPromise},
	{"goal in days later than promise in days", doc(pol(`{"resolution": {"low": {"goal": "3bd", "promise": "2bd"}}}`)),
		`policy: policies[0].targets.resolution.low.goal: "3bd": goal later than promise: the promise is 2bd`, policy.ErrGoalAfterPromise},
	{"goal in days later than promise in hours", doc(pol(`{"resolution": {"low": {"goal": "2bd", "promise": "12h"}}}`)),
		`policy: policies[0].targets.resolution.low.goal: "2bd": goal later than promise: the promise is 12h`, policy.ErrGoalAfterPromise},
	{"goal in hours later than promise in days", doc(pol(`{"resolution": {"low": {"goal": "9h", "promise": "1bd"}}}`)),
		`policy: policies[0].targets.resolution.low.goal: "9h": goal later than promise: the promise is 1bd`, policy.ErrGoalAfterPromise},
	{"unknown priority", doc(pol(`{"resolution": {"critical": {"goal": "1h"}}}`)),
		`policy: policies[0].targets.resolution.critical: unknown priority: want one of low, normal, high, urgent`, policy.ErrUnknownPriority},
	{"unknown metric", doc(pol(`{"resolve": {"low": {"goal": "1h"}}}`)),
		`policy: policies[0].targets.resolve: unknown metric: want one of first_response, next_response, periodic_update, resolution`, policy.ErrUnknownMetric},
	{"unknown metric beside listed ones", doc(`{"name": "P", "calendar": "business",
		"metrics": {"triage": {"start": ["created"], "stop": ["public_reply"]}, "resolution": {}}, "targets": {"triage": {"low": {"goal": "1h"}}, "resolve": {}}}`),
		`policy: policies[0].targets.resolve: unknown metric: want one of triage, resolution, first_response, next_response, periodic_update`, policy.ErrUnknownMetric},
	{"a priority in a document without priorities", `{"calendars": {"c": {"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}}},
		"policies": [{"name": "P", "calendar": "c", "targets": {"resolution": {"low": {"goal": "1h"}}}}]}`,
		`policy: policies[0].targets.resolution.low: unknown priority: the document lists none`, policy.ErrUnknownPriority},
	{"a calendar in a document without calendars", `{"policies": [{"name": "P", "calendar": "business"}]}`,
		`policy: policies[0].calendar: "business": unknown calendar: the document lists none`, policy.ErrUnknownCalendar},
	{"unknown calendar among many", bigDoc(tenantCalendars(30), "", `{"name": "P", "calendar": "weekend"}`),
		`policy: policies[0].calendar: "weekend": unknown calendar: want one of business, t1, t10, t11, t12, t13, t14, t15, t16, t17, t18, t19, t2, t20, t21, t22, t23, t24, t25, t26, ... (30 in all)`,
		policy.ErrUnknownCalendar},
	{"target not an object", doc(pol(`{"resolution": {"low": "1h"}}`)),
		`policy: policies[0].targets.resolution.low: wrong type: want an object, got a string`, policy.ErrType},

	// Warnings.
	{"warning at the goal", doc(pol(`{"resolution": {"low": {"goal": "1h", "warn": ["100%"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[0]: "100%": warning outside the goal: at or past the goal`, policy.ErrBadWarning},
	{"warning past the goal", doc(pol(`{"resolution": {"low": {"goal": "1h", "warn": ["50%", "120%"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[1]: "120%": warning outside the goal: at or past the goal`, policy.ErrBadWarning},
	{"warning at the start", doc(pol(`{"resolution": {"low": {"goal": "1h", "warn": ["0%"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[0]: "0%": warning outside the goal: at the start`, policy.ErrBadWarning},
	{"lead time as long as the goal", doc(pol(`{"resolution": {"low": {"goal": "30m", "warn": ["30m"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[0]: "30m": warning outside the goal: at or before the start of a 30m goal`, policy.ErrBadWarning},
	{"lead time longer than a goal in days", doc(pol(`{"resolution": {"low": {"goal": "1bd", "warn": ["9h"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[0]: "9h": warning outside the goal: at or before the start of a 1bd goal`, policy.ErrBadWarning},
	{"lead time in business days", doc(pol(`{"resolution": {"low": {"goal": "3bd", "warn": ["1bd"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[0]: "1bd": bad duration: a lead time is business time, not business days`, policy.ErrBadDuration},
	{"warning without percent sign or unit", doc(pol(`{"resolution": {"low": {"goal": "1h", "warn": ["75"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[0]: "75": bad duration: missing unit`, policy.ErrBadDuration},
	{"malformed percentage", doc(pol(`{"resolution": {"low": {"goal": "1h", "warn": ["7.5.1%"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[0]: "7.5.1%": bad percentage: want a number and %, like 75% or 99.95%`, policy.ErrBadPercent},
	{"warning given twice", doc(pol(`{"resolution": {"low": {"goal": "2h", "warn": ["1h", "60m"]}}}`)),
		`policy: policies[0].targets.resolution.low.warn[1]: "60m": duplicate: listed twice`, policy.ErrDuplicate},

	// Metrics.
	{"custom metric without target", doc(`{"name": "P", "calendar": "business",
		"metrics": {"triage": {"start": ["created"], "stop": ["public_reply"]}}}`),
		`policy: policies[0].metrics.triage: metric has no target`, policy.ErrNoTarget},
	{"preset metric without target", doc(`{"name": "P", "calendar": "business", "metrics": {"resolution": {}},
		"targets": {"first_response": {"low": {"goal": "1h"}}}}`),
		`policy: policies[0].metrics.resolution: metric has no target`, policy.ErrNoTarget},
	{"empty targets of a preset", doc(pol(`{"first_response": {}}`)),
		`policy: policies[0].targets.first_response: metric has no target`, policy.ErrNoTarget},
	{"unknown preset", doc(`{"name": "P", "calendar": "business", "metrics": {"chat": {"preset": "first_reply"}}}`),
		`policy: policies[0].metrics.chat.preset: "first_reply": unknown metric preset: want one of first_response, next_response, periodic_update, resolution`, policy.ErrUnknownPreset},
	{"preset name given another preset", doc(`{"name": "P", "calendar": "business", "metrics": {"first_response": {"preset": "resolution"}}}`),
		`policy: policies[0].metrics.first_response.preset: "resolution": bad value: the metric first_response is the first_response preset`, policy.ErrBadValue},
	{"start of a preset", doc(`{"name": "P", "calendar": "business", "metrics": {"first_response": {"start": ["customer_reply"]}}}`),
		`policy: policies[0].metrics.first_response.start: fixed by the preset: use a custom metric for other start conditions`, policy.ErrPresetFixed},
	{"stop of a preset", doc(`{"name": "P", "calendar": "business", "metrics": {"chat": {"preset": "next_response", "stop": ["internal_note"]}}}`),
		`policy: policies[0].metrics.chat.stop: fixed by the preset: use a custom metric for other stop conditions`, policy.ErrPresetFixed},
	{"custom metric without start", doc(`{"name": "P", "calendar": "business", "metrics": {"triage": {"stop": ["public_reply"]}}}`),
		`policy: policies[0].metrics.triage.start: missing: a custom metric needs start conditions`, policy.ErrMissing},
	{"custom metric with empty stop", doc(`{"name": "P", "calendar": "business", "metrics": {"triage": {"start": ["created"], "stop": []}}}`),
		`policy: policies[0].metrics.triage.stop: missing: a custom metric needs stop conditions`, policy.ErrMissing},
	{"unknown event", doc(`{"name": "P", "calendar": "business", "metrics": {"triage": {"start": ["created"], "stop": ["agent_reply"]}}}`),
		`policy: policies[0].metrics.triage.stop[0]: "agent_reply": unknown event: want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, or status: and a category`, policy.ErrUnknownEvent},
	{"the old name of fields_changed", doc(`{"name": "P", "calendar": "business", "metrics": {"triage": {"start": ["created"], "stop": ["attributes_changed"]}}}`),
		`policy: policies[0].metrics.triage.stop[0]: "attributes_changed": unknown event: want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, or status: and a category`, policy.ErrUnknownEvent},
	{"a tick starts nothing", doc(`{"name": "P", "calendar": "business", "metrics": {"triage": {"start": ["tick"], "stop": ["public_reply"]}}}`),
		`policy: policies[0].metrics.triage.start[0]: "tick": unknown event: a tick says only that time passed, no condition names it; want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, or status: and a category`, policy.ErrUnknownEvent},
	{"a tick stops nothing", doc(`{"name": "P", "calendar": "business", "metrics": {"triage": {"start": ["created"], "stop": ["public_reply", "tick"]}}}`),
		`policy: policies[0].metrics.triage.stop[1]: "tick": unknown event: a tick says only that time passed, no condition names it; want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, or status: and a category`, policy.ErrUnknownEvent},
	{"a tick cancels nothing", doc(`{"name": "P", "calendar": "business", "metrics": {"resolution": {"cancel": ["tick"]}}}`),
		`policy: policies[0].metrics.resolution.cancel[0]: "tick": unknown event: a tick says only that time passed, no condition names it; want one of created, status_changed, public_reply, internal_note, customer_reply, priority_changed, fields_changed, or status: and a category`, policy.ErrUnknownEvent},
	{"unknown category in a condition", doc(`{"name": "P", "calendar": "business", "metrics": {"triage": {"start": ["created"], "stop": ["status:waiting"]}}}`),
		`policy: policies[0].metrics.triage.stop[0]: "status:waiting": unknown status category: want one of new, open, pending, on_hold, solved, closed`, policy.ErrUnknownCategory},
	{"unknown category to pause in", doc(`{"name": "P", "calendar": "business", "metrics": {"resolution": {"pause_while": ["pending", "hold"]}}}`),
		`policy: policies[0].metrics.resolution.pause_while[1]: "hold": unknown status category: want one of new, open, pending, on_hold, solved, closed`, policy.ErrUnknownCategory},
	{"category to pause in twice", doc(`{"name": "P", "calendar": "business", "metrics": {"resolution": {"pause_while": ["pending", "pending"]}}}`),
		`policy: policies[0].metrics.resolution.pause_while[1]: "pending": duplicate: listed twice`, policy.ErrDuplicate},
	{"condition twice", doc(`{"name": "P", "calendar": "business", "metrics": {"resolution": {"cancel": ["status:closed", "status:closed"]}}}`),
		`policy: policies[0].metrics.resolution.cancel[1]: "status:closed": duplicate: listed twice`, policy.ErrDuplicate},
	{"empty metric name", doc(`{"name": "P", "calendar": "business", "metrics": {"": {}}}`),
		`policy: policies[0].metrics[""]: missing: empty metric name`, policy.ErrMissing},

	// Escalations, zone fields, retroactive.
	{"escalation a share not past the goal", doc(ok + ", " + pol(`{"resolution": {"normal": {"goal": "4h", "escalate": ["100%"]}}}`)),
		`policy: policies[1].targets.resolution.normal.escalate[0]: "100%": escalation out of range: a share of the goal above 100%, or a lead time past the promise`, policy.ErrBadEscalation},
	{"escalation in business days past the promise", doc(ok + ", " + pol(`{"resolution": {"normal": {"goal": "4h", "escalate": ["1bd"]}}}`)),
		`policy: policies[1].targets.resolution.normal.escalate[0]: "1bd": bad duration: a lead time past the promise is business time, not business days`, policy.ErrBadDuration},
	{"escalation listed twice", doc(ok + ", " + pol(`{"resolution": {"normal": {"goal": "4h", "escalate": ["2h", "2h"]}}}`)),
		`policy: policies[1].targets.resolution.normal.escalate[1]: "2h": duplicate: listed twice`, policy.ErrDuplicate},
	{"escalation too far past the goal", doc(ok + ", " + pol(`{"resolution": {"normal": {"goal": "4h", "escalate": ["10001%"]}}}`)),
		`policy: policies[1].targets.resolution.normal.escalate[0]: "10001%": escalation out of range: at most 10000% of the goal`, policy.ErrBadEscalation},
	{"an empty zone field", doc(ok + ", " + pol(`{"resolution": {"normal": {"goal": "4h", "zone_field": ""}}}`)),
		`policy: policies[1].targets.resolution.normal.zone_field: missing: empty field name`, policy.ErrMissing},
	{"retroactive a string", doc(ok + `, {"name": "R", "retroactive": "yes", "calendar": "24x7", "targets": {"resolution": {"normal": {"goal": "4h"}}}}`),
		`policy: policies[1].retroactive: wrong type: want a boolean, got a string`, policy.ErrType},

	// Policies.
	{"no name", doc(`{"kind": "sla"}`), `policy: policies[0].name: missing`, policy.ErrMissing},
	{"empty name", doc(`{"name": ""}`), `policy: policies[0].name: missing: empty name`, policy.ErrMissing},
	{"unknown kind", doc(`{"name": "P", "kind": "contract"}`),
		`policy: policies[0].kind: "contract": bad value: want one of sla, ola, uc`, policy.ErrBadValue},
	{"unknown priority change", doc(`{"name": "P", "on_priority_change": "reset"}`),
		`policy: policies[0].on_priority_change: "reset": bad value: want one of recompute, restart`, policy.ErrBadValue},
	{"effective date without time", doc(`{"name": "P", "effective_from": "2026-01-01"}`),
		`policy: policies[0].effective_from: "2026-01-01": bad time: want RFC 3339, like 2026-01-01T00:00:00Z`, policy.ErrBadTime},
	{"match with no values", doc(`{"name": "P", "match": {"plan": []}}`),
		`policy: policies[0].match.plan: missing: no values: the match could never hold`, policy.ErrMissing},
	{"match value twice", doc(`{"name": "P", "match": {"plan": ["gold", "gold"]}}`),
		`policy: policies[0].match.plan[1]: "gold": duplicate: listed twice`, policy.ErrDuplicate},
	{"match on an empty field name", doc(`{"name": "P", "match": {"": ["x"]}}`),
		`policy: policies[0].match[""]: missing: empty field name`, policy.ErrMissing},
	{"versions at the same instant", doc(ok + `,` + ok + `,` + strings.Replace(ok, `"Basic"`, `"Basic", "effective_from": "2026-01-01T00:00:00Z"`, 1) + `,` +
		strings.Replace(ok, `"Basic"`, `"Basic", "effective_from": "2025-12-31T19:00:00-05:00"`, 1)),
		`policy: policies[1].effective_from: versions overlap: policies[0] of the same name takes effect at the same instant`, policy.ErrOverlap},
	{"dated versions at the same instant", doc(strings.Replace(ok, `"Basic"`, `"Basic", "effective_from": "2026-01-01T00:00:00Z"`, 1) + `,` +
		strings.Replace(ok, `"Basic"`, `"Basic", "effective_from": "2025-12-31T19:00:00-05:00"`, 1)),
		`policy: policies[1].effective_from: "2025-12-31T19:00:00-05:00": versions overlap: policies[0] of the same name takes effect at the same instant`, policy.ErrOverlap},

	// Credits.
	{"credit tier without credit", doc(`{"name": "P", "credits": [{"below": "95%"}]}`),
		`policy: policies[0].credits[0].credit: missing`, policy.ErrMissing},
	{"credit bound of zero", doc(`{"name": "P", "credits": [{"below": "0%", "credit": "5%"}]}`),
		`policy: policies[0].credits[0].below: "0%": bad credit tiers: must be above 0%`, policy.ErrBadCredits},
	{"credit over 100%", doc(`{"name": "P", "credits": [{"below": "95%", "credit": "150%"}]}`),
		`policy: policies[0].credits[0].credit: "150%": bad credit tiers: must be at most 100%`, policy.ErrBadCredits},
	{"credit bounds rising", doc(`{"name": "P", "credits": [{"below": "95%", "credit": "5%"}, {"below": "99%", "credit": "10%"}]}`),
		`policy: policies[0].credits[1].below: "99%": bad credit tiers: not below the previous tier's 95%: list tiers from the highest bound down`, policy.ErrBadCredits},
	{"credits falling", doc(`{"name": "P", "credits": [{"below": "99%", "credit": "10%"}, {"below": "95%", "credit": "5%"}]}`),
		`policy: policies[0].credits[1].credit: "5%": bad credit tiers: not more than the previous tier's 10%: lower compliance earns more`, policy.ErrBadCredits},
	{"credit without percent sign", doc(`{"name": "P", "credits": [{"below": "95", "credit": "5%"}]}`),
		`policy: policies[0].credits[0].below: "95": bad percentage: want a number and %, like 75% or 99.95%`, policy.ErrBadPercent},

	// The set's own lists.
	{"unknown status category", `{"statuses": {"Open": "open", "On hold": "hold"}}`,
		`policy: statuses["On hold"]: "hold": unknown status category: want one of new, open, pending, on_hold, solved, closed`, policy.ErrUnknownCategory},
	{"empty status name", `{"statuses": {"": "open"}}`, `policy: statuses[""]: missing: empty status name`, policy.ErrMissing},
	{"priority twice", `{"priorities": ["low", "high", "low"]}`, `policy: priorities[2]: "low": duplicate: listed twice`, policy.ErrDuplicate},
	{"empty priority", `{"priorities": ["low", ""]}`, `policy: priorities[1]: missing: empty priority`, policy.ErrMissing},
	{"empty calendar name", `{"calendars": {"": {"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}}}}`,
		`policy: calendars[""]: missing: empty calendar name`, policy.ErrMissing},
	{"calendar not an object", `{"calendars": {"business": "9-5"}}`,
		`policy: calendars.business: wrong type: want an object, got a string`, policy.ErrType},

	// Duplicate keys, at any depth.
	{"calendar twice", `{"calendars": {"a": {"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}}, "a": {"zone": "UTC", "hours": {"tue": ["09:00-17:00"]}}}}`,
		`policy: calendars.a: duplicate: key set twice`, policy.ErrDuplicate},
	{"status twice", `{"statuses": {"Open": "open", "Open": "pending"}}`, `policy: statuses.Open: duplicate: key set twice`, policy.ErrDuplicate},
	{"target key twice", doc(pol(`{"resolution": {"low": {"goal": "1h", "goal": "2h"}}}`)),
		`policy: policies[0].targets.resolution.low.goal: duplicate: key set twice`, policy.ErrDuplicate},
	{"hours key twice in a calendar", `{"calendars": {"a": {"zone": "UTC", "hours": {"mon": ["09:00-17:00"], "mon": []}}}}`,
		`policy: calendars.a.hours.mon: duplicate: key set twice`, policy.ErrDuplicate},

	// Strict decoding.
	{"unknown top-level field", `{"policy": []}`, `policy: policy: unknown field`, policy.ErrUnknownField},
	{"unknown field deep in a target", doc(pol(`{"resolution": {"low": {"goal": "1h", "goals": "2h"}}}`)),
		`policy: policies[0].targets.resolution.low.goals: unknown field`, policy.ErrUnknownField},
	{"unknown field in a metric", doc(`{"name": "P", "metrics": {"resolution": {"pause": ["pending"]}}}`),
		`policy: policies[0].metrics.resolution.pause: unknown field`, policy.ErrUnknownField},
	{"unknown field in a credit tier", doc(`{"name": "P", "credits": [{"below": "95%", "credit": "5%", "period": "month"}]}`),
		`policy: policies[0].credits[0].period: unknown field`, policy.ErrUnknownField},
	{"unknown field in a policy", doc(`{"name": "P", "targetz": {}}`), `policy: policies[0].targetz: unknown field`, policy.ErrUnknownField},
	{"trailing object", `{} {}`, `policy: malformed JSON: invalid character '{' after the top-level value at offset 3`, policy.ErrSyntax},
	{"trailing garbage", `{"priorities": ["low"]} x`, `policy: malformed JSON: invalid character 'x' after the top-level value at offset 24`, policy.ErrSyntax},
	{"trailing bracket", `{}]`, `policy: malformed JSON: invalid character ']' after the top-level value at offset 2`, policy.ErrSyntax},
	{"empty input", ``, `policy: malformed JSON: unexpected end of input at offset 0`, policy.ErrSyntax},
	{"truncated", `{"priorities": ["low"`, `policy: priorities: malformed JSON: unexpected end of input at offset 21`, policy.ErrSyntax},
	{"bad syntax", `{"priorities": ["low",]}`, `policy: priorities[1]: malformed JSON: invalid character ']' looking for the beginning of a value at offset 22`, policy.ErrSyntax},
	{"document is a list", `[]`, `policy: wrong type: want an object, got a list`, policy.ErrType},
	{"document is null", `null`, `policy: wrong type: want an object, got null`, policy.ErrType},
	{"priorities not a list", `{"priorities": "low"}`, `policy: priorities: wrong type: want a list, got a string`, policy.ErrType},
	{"policies an object", `{"policies": {}}`, `policy: policies: wrong type: want a list, got an object`, policy.ErrType},
	{"name a number", doc(`{"name": 5}`), `policy: policies[0].name: wrong type: want a string, got a number`, policy.ErrType},
	{"null for a string", doc(`{"name": "P", "description": null}`), `policy: policies[0].description: wrong type: want a string, got null`, policy.ErrType},
	{"flag a string", doc(`{"name": "P", "metrics": {"resolution": {"restart_on_reopen": "yes"}}}`),
		`policy: policies[0].metrics.resolution.restart_on_reopen: wrong type: want a boolean, got a string`, policy.ErrType},
	{"warnings a string", doc(pol(`{"resolution": {"low": {"goal": "1h", "warn": "75%"}}}`)),
		`policy: policies[0].targets.resolution.low.warn: wrong type: want a list, got a string`, policy.ErrType},
	{"nested too deep", `{"policies": [{"match": {"x": [` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `]}}]}`,
		`policy: policies[0].match.x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: over a limit: nested more than 32 levels deep`, policy.ErrLimit},
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range loadErrors {
		t.Run(tt.name, func(t *testing.T) {
			set, err := policy.Load([]byte(tt.doc))
			if err == nil {
				t.Fatalf("Load succeeded with %d policies; want error %s", len(set.Policies()), tt.want)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			var pe *policy.Error
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *policy.Error", err)
			}
		})
	}
}

// Calendar errors are the calendar package's, at the calendar's place in
// the document; the paths are checked exactly, the calendar's own wording
// is its package's business.
func TestLoadCalendarErrors(t *testing.T) {
	tests := []struct {
		name      string
		calendars string
		path      string
		value     string
		is        error
	}{
		{"hour out of range", `{"business": {"zone": "UTC", "hours": {"mon": ["09:00-12:00", "25:00-26:00"]}}}`,
			"calendars.business.hours.mon[1]", "25:00", calendar.ErrBadInterval},
		{"unknown zone", `{"24x7": {"zone": "Mars/Olympus", "hours": {"mon-sun": ["00:00-24:00"]}}}`,
			"calendars.24x7.zone", "Mars/Olympus", calendar.ErrUnknownZone},
		{"unknown field in a calendar", `{"business": {"zone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "tz": "UTC"}}`,
			"calendars.business.tz", "", calendar.ErrUnknownField},
		{"no hours", `{"business": {"zone": "UTC", "hours": {}}}`,
			"calendars.business.hours", "", calendar.ErrNoHours},
		{"hours of the wrong type", `{"business": {"zone": "UTC", "hours": {"mon": "09:00-17:00"}}}`,
			"calendars.business.hours", "string", calendar.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policy.Load([]byte(`{"calendars": ` + tt.calendars + `}`))
			var pe *policy.Error
			if !errors.As(err, &pe) {
				t.Fatalf("Load: %v; want a *policy.Error", err)
			}
			if diff := cmp.Diff(tt.path+" "+tt.value, pe.Path+" "+pe.Value); diff != "" {
				t.Errorf("path and value (-want +got):\n%s", diff)
			}
			var se *calendar.Error
			if !errors.Is(err, tt.is) || !errors.Is(err, policy.ErrCalendar) || !errors.As(err, &se) {
				t.Errorf("%v: want errors.Is %v and policy.ErrCalendar, errors.As *calendar.Error", err, tt.is)
			}
			if want := "policy: " + tt.path + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
			if strings.Contains(err.Error(), "calendar: ") {
				t.Errorf("error %q repeats the calendar package's prefix", err)
			}
		})
	}
}

func TestLoadDefaults(t *testing.T) {
	set, err := policy.Load([]byte(doc(`{"name": "P", "calendar": "business",
		"targets": {"first_response": {"urgent": {"promise": "1h", "calendar": "24x7"}, "low": {"goal": "8h"}}}}`)))
	if err != nil {
		t.Fatal(err)
	}
	p := set.Policies()[0]
	if p.Kind() != policy.SLA || p.OnPriorityChange() != policy.Recompute || !p.EffectiveFrom().IsZero() {
		t.Errorf("kind %v, on_priority_change %v, effective_from %v; want sla, recompute, zero", p.Kind(), p.OnPriorityChange(), p.EffectiveFrom())
	}
	if diff := cmp.Diff([]policy.Metric{policy.FirstResponse.Defaults()}, p.Metrics()); diff != "" {
		t.Errorf("metrics (-want +got):\n%s", diff)
	}
	urgent, _ := p.Target("first_response", "urgent")
	low, _ := p.Target("first_response", "low")
	got := []string{urgent.Goal.String(), urgent.Promise.String(), urgent.CalendarName, low.Goal.String(), low.Promise.String(), low.CalendarName}
	want := []string{"1h", "1h", "24x7", "8h", "8h", "business"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("goal, promise, calendar of urgent and low (-want +got):\n%s", diff)
	}
	if c, _ := set.Calendar("24x7"); urgent.Calendar != c {
		t.Errorf("urgent target's calendar is not the set's 24x7")
	}
	if _, ok := p.Target("first_response", "high"); ok {
		t.Errorf("Target(first_response, high) found a target the document does not set")
	}
	if _, ok := p.Target("resolution", "low"); ok {
		t.Errorf("Target(resolution, low) found a target for a metric the policy does not have")
	}
}

func TestLoadEmptyDocument(t *testing.T) {
	set, err := policy.Load([]byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if ps := set.Select(policy.Fields{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); len(ps) > 0 {
		t.Errorf("an empty set selected %v", ps)
	}
}

// Calendars written alike are built once: their names share a calendar.
func TestCalendarsWrittenAlikeAreShared(t *testing.T) {
	set, err := policy.Load([]byte(`{"calendars": {
		"acme":    {"zone": "Europe/Paris", "hours": {"mon-fri": ["09:00-17:00"]}},
		"globex":  {"zone": "Europe/Paris", "hours": {"mon-fri": ["09:00-17:00"]}},
		"initech": {"zone": "Europe/Paris", "hours": {"mon-fri": ["09:00-18:00"]}},
		"umbrella": {"hours": {"mon-fri": ["09:00-17:00"]}, "zone": "Europe/Paris"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"the same text", "acme", "globex", true},
		{"other hours", "acme", "initech", false},
		{"the same calendar in another key order is built again", "acme", "umbrella", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := set.Calendar(tt.a)
			b, _ := set.Calendar(tt.b)
			if got := a == b; got != tt.same {
				t.Errorf("%s and %s share a calendar: %v, want %v", tt.a, tt.b, got, tt.same)
			}
		})
	}
}
