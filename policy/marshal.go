package policy

import (
	"encoding/json"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// The document's shape for encoding. Loading reads the same shape through
// the tree in tree.go, which keeps key order and paths for errors.
type (
	documentJSON struct {
		Calendars  map[string]calendar.Spec `json:"calendars,omitempty"`
		Statuses   map[string]string        `json:"statuses,omitempty"`
		Priorities []string                 `json:"priorities,omitempty"`
		Policies   []policyJSON             `json:"policies"`
	}
	policyJSON struct {
		Name             string                           `json:"name"`
		Description      string                           `json:"description,omitempty"`
		Kind             string                           `json:"kind"`
		EffectiveFrom    string                           `json:"effective_from,omitempty"`
		Match            map[string][]string              `json:"match,omitempty"`
		Calendar         string                           `json:"calendar,omitempty"`
		ZoneField        string                           `json:"zone_field,omitempty"`
		OnPriorityChange string                           `json:"on_priority_change"`
		Retroactive      bool                             `json:"retroactive,omitempty"`
		Metrics          map[string]metricJSON            `json:"metrics,omitempty"`
		Targets          map[string]map[string]targetJSON `json:"targets,omitempty"`
		Credits          []tierJSON                       `json:"credits,omitempty"`
	}
	metricJSON struct {
		Preset          string   `json:"preset,omitempty"`
		Start           []string `json:"start,omitempty"`
		PauseWhile      []string `json:"pause_while"`
		Stop            []string `json:"stop,omitempty"`
		Cancel          []string `json:"cancel"`
		RestartOnReopen bool     `json:"restart_on_reopen"`
	}
	targetJSON struct {
		Goal      string   `json:"goal"`
		Promise   string   `json:"promise"`
		Calendar  string   `json:"calendar"`
		ZoneField string   `json:"zone_field,omitempty"`
		Warn      []string `json:"warn,omitempty"`
		Escalate  []string `json:"escalate,omitempty"`
	}
	tierJSON struct {
		Below  string `json:"below"`
		Credit string `json:"credit"`
	}
)

// MarshalJSON encodes the set as a policy document that [Load] reads back
// into an equal set. Defaults are written out: every metric's conditions,
// every target's goal, promise and calendar.
func (s *Set) MarshalJSON() ([]byte, error) {
	doc := documentJSON{Policies: []policyJSON{}}
	if s == nil {
		return json.Marshal(doc)
	}
	if len(s.calendars) > 0 {
		doc.Calendars = make(map[string]calendar.Spec, len(s.calendars))
		for name, c := range s.calendars {
			doc.Calendars[name] = c.Spec()
		}
	}
	if len(s.statuses) > 0 {
		doc.Statuses = make(map[string]string, len(s.statuses))
		for name, c := range s.statuses {
			doc.Statuses[name] = c.String()
		}
	}
	doc.Priorities = s.priorities
	for _, p := range s.policies {
		doc.Policies = append(doc.Policies, p.document())
	}
	return json.Marshal(doc)
}

func (p *Policy) document() policyJSON {
	out := policyJSON{
		Name:             p.name,
		Description:      p.description,
		Kind:             p.kind.String(),
		Calendar:         p.calendar,
		ZoneField:        p.zoneField,
		OnPriorityChange: p.onChange.String(),
		Retroactive:      p.retroactive,
	}
	if !p.effectiveFrom.IsZero() {
		out.EffectiveFrom = p.effectiveFrom.Format(time.RFC3339Nano)
	}
	if len(p.match) > 0 {
		out.Match = p.Match()
	}
	if len(p.metrics) > 0 {
		out.Metrics = make(map[string]metricJSON, len(p.metrics))
		for _, m := range p.metrics {
			mj := metricJSON{
				PauseWhile:      texts(m.PauseWhile),
				Cancel:          texts(m.Cancel),
				RestartOnReopen: m.RestartOnReopen,
			}
			if m.Preset == Custom {
				mj.Start, mj.Stop = texts(m.Start), texts(m.Stop)
			} else if m.Name != m.Preset.String() {
				mj.Preset = m.Preset.String()
			}
			out.Metrics[m.Name] = mj
		}
	}
	if len(p.targets) > 0 {
		out.Targets = make(map[string]map[string]targetJSON, len(p.targets))
		for metric, byPriority := range p.targets {
			tj := make(map[string]targetJSON, len(byPriority))
			for priority, t := range byPriority {
				tj[priority] = targetJSON{
					Goal:      t.Goal.String(),
					Promise:   t.Promise.String(),
					Calendar:  t.CalendarName,
					ZoneField: t.ZoneField,
					Warn:      texts(t.Warnings),
					Escalate:  texts(t.Escalations),
				}
			}
			out.Targets[metric] = tj
		}
	}
	for _, t := range p.credits {
		out.Credits = append(out.Credits, tierJSON{Below: t.Below.String(), Credit: t.Credit.String()})
	}
	return out
}

// texts returns the String forms of vs, never nil, so that an empty list is
// written as [] rather than left to a default.
func texts[T interface{ String() string }](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}
