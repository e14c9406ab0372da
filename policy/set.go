package policy

import (
	"maps"
	"slices"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// Set is a loaded policy document: calendars, status categories, priorities
// and an ordered list of policies. Build one with [Load]. A Set never
// changes once loaded and is safe for concurrent use by any number of
// goroutines; the values its methods return are copies or are themselves
// immutable. A nil *Set holds no policies.
type Set struct {
	zones      *zoneCache // calendars in the zones tickets name, built when first asked
	calendars  map[string]*calendar.Calendar
	statuses   map[string]Category // as written in the document
	priorities []string
	policies   []*Policy // document order
}

// Policy is one version of one policy of a [Set]: what is promised to the
// tickets it matches, from its effective date until the next version's. A
// Policy never changes and is safe for concurrent use.
type Policy struct {
	name          string
	description   string
	kind          Kind
	effectiveFrom time.Time    // zero: from the beginning
	until         time.Time    // the next version's effectiveFrom; zero: none
	match         []fieldMatch // by field name
	calendar      string       // default calendar of targets, as written
	onChange      PriorityChange
	metrics       []Metric                     // presets in Preset order, then custom by name
	targets       map[string]map[string]Target // metric, priority
	credits       []CreditTier
	retroactive   bool   // a late attach measures from the ticket's creation
	zoneField     string // default ZoneField of targets
	index         int    // position in the document
}

// Calendar returns the calendar the document names name.
func (s *Set) Calendar(name string) (*calendar.Calendar, bool) {
	if s == nil {
		return nil, false
	}
	c, ok := s.calendars[name]
	return c, ok
}

// Calendars returns the names of the document's calendars, sorted.
func (s *Set) Calendars() []string {
	if s == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(s.calendars))
}

// Category returns the category of the application's status name: the one
// "statuses" maps it to, or, for a name "statuses" does not list, the
// category of that name itself ("pending" is pending). It reports false for
// any other name.
func (s *Set) Category(status string) (Category, bool) {
	if s != nil {
		if c, ok := s.statuses[status]; ok {
			return c, true
		}
	}
	return parseCategory(status)
}

// Statuses returns the application's status names that the document's
// "statuses" maps to categories, as the document writes them, sorted; nil
// for a nil Set or a document without statuses. [Set.Category] also takes
// the six category names, which this list does not repeat.
func (s *Set) Statuses() []string {
	if s == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(s.statuses))
}

// Priorities returns the document's priorities, lowest first.
func (s *Set) Priorities() []string {
	if s == nil {
		return nil
	}
	return slices.Clone(s.priorities)
}

// Policies returns every version of every policy in document order.
func (s *Set) Policies() []*Policy {
	if s == nil {
		return nil
	}
	return slices.Clone(s.policies)
}

// Select returns the agreements that apply to a ticket with fields f at
// the instant at: within each kind (SLA, OLA, UC), walking the policies in
// document order, the first whose version is in force at at and whose
// match holds for f. They come in the order of the kinds, at most one of
// each; none when nothing applies. Its cost grows with the policies it
// walks and the fields of their matches, not with the number of values a
// match lists.
func (s *Set) Select(f Fields, at time.Time) []*Policy {
	if s == nil {
		return nil
	}
	var found [UC + 1]*Policy
	for _, p := range s.policies {
		if found[p.kind] == nil && p.InForce(at) && p.Matches(f) {
			found[p.kind] = p
		}
	}
	var out []*Policy
	for _, p := range found {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// Policy returns the version of the policy called name that is in force at
// the instant at, whether or not it matches any ticket: the way back from a
// stored policy name and ticket creation instant to the Policy.
func (s *Set) Policy(name string, at time.Time) (*Policy, bool) {
	if s == nil {
		return nil, false
	}
	for _, p := range s.policies {
		if p.name == name && p.InForce(at) {
			return p, true
		}
	}
	return nil, false
}

// Name returns the policy's name, which all its versions share.
func (p *Policy) Name() string { return p.name }

// Description returns the policy's description, for people.
func (p *Policy) Description() string { return p.description }

// Kind returns the policy's kind.
func (p *Policy) Kind() Kind { return p.kind }

// EffectiveFrom returns the instant this version takes effect; the zero
// Time when it is in force from the beginning.
func (p *Policy) EffectiveFrom() time.Time { return p.effectiveFrom }

// EffectiveUntil returns the instant the next version of the policy takes
// effect, or the zero Time when there is none.
func (p *Policy) EffectiveUntil() time.Time { return p.until }

// InForce reports whether this version is the one in force at t: t is at or
// after its effective instant and before the next version's.
func (p *Policy) InForce(t time.Time) bool {
	if !p.effectiveFrom.IsZero() && t.Before(p.effectiveFrom) {
		return false
	}
	return p.until.IsZero() || t.Before(p.until)
}

// A fieldMatch is one field of a policy's match: its values as written,
// and as a set, so that a ticket's value costs one lookup however many
// values are listed.
type fieldMatch struct {
	field  string
	values []string
	set    map[string]bool
}

// Match returns the policy's match conditions: field name to the values
// that satisfy it, in the order written. An empty match holds for every
// ticket.
func (p *Policy) Match() map[string][]string {
	m := make(map[string][]string, len(p.match))
	for _, fm := range p.match {
		m[fm.field] = slices.Clone(fm.values)
	}
	return m
}

// Matches reports whether the policy's match holds for f: every key holds;
// the key "tags" holds when any of f.Tags is listed, any other key when
// f.Attributes has a value for it that is listed. Values compare exactly.
// Its cost grows with the number of fields of the match and of f.Tags,
// not with the number of values listed.
func (p *Policy) Matches(f Fields) bool {
	for _, fm := range p.match {
		if !fm.holds(f) {
			return false
		}
	}
	return true
}

func (fm *fieldMatch) holds(f Fields) bool {
	if fm.field != "tags" {
		v, ok := f.Attributes[fm.field]
		return ok && fm.set[v]
	}
	for _, t := range f.Tags {
		if fm.set[t] {
			return true
		}
	}
	return false
}

// Retroactive reports whether an agreement that attaches to a ticket after
// its creation measures its metrics as if they had run since the ticket's
// creation, with the ticket's pauses ("retroactive": true), rather than
// from the attach.
func (p *Policy) Retroactive() bool { return p.retroactive }

// ZoneFields returns the ticket fields whose time zones the policy's
// targets read their calendars in (see [Target.ZoneField]), sorted; none
// for a policy whose calendars keep their own zones.
func (p *Policy) ZoneFields() []string {
	var out []string
	for _, byPriority := range p.targets {
		for _, t := range byPriority {
			if t.ZoneField != "" && !slices.Contains(out, t.ZoneField) {
				out = append(out, t.ZoneField)
			}
		}
	}
	slices.Sort(out)
	return out
}

// OnPriorityChange returns what a priority change does to running cycles.
func (p *Policy) OnPriorityChange() PriorityChange { return p.onChange }

// Metrics returns copies of the policy's metrics: presets first, in the
// order of the Preset constants, then custom metrics by name. It allocates
// three times however many metrics and conditions there are (the list, and
// one array each for all their conditions and all their categories), so
// that a caller may read them on every ticket event; each list is clipped,
// so that appending to one copies it rather than writing into the next.
func (p *Policy) Metrics() []Metric { return copyMetrics(p.metrics) }

// Metric returns a copy of the policy's metric called name.
func (p *Policy) Metric(name string) (Metric, bool) {
	for i, m := range p.metrics {
		if m.Name == name {
			return copyMetrics(p.metrics[i : i+1])[0], true
		}
	}
	return Metric{}, false
}

// Target returns the target of a metric at a priority. It reports false
// when the policy sets none: that metric does not run for tickets of that
// priority. It allocates twice at most, for copies of the warnings and
// the escalations.
func (p *Policy) Target(metric, priority string) (Target, bool) {
	t, ok := p.targets[metric][priority]
	t.Warnings = slices.Clone(t.Warnings)
	t.Escalations = slices.Clone(t.Escalations)
	return t, ok
}

// Credits returns the policy's service credit tiers, highest compliance
// bound first.
func (p *Policy) Credits() []CreditTier { return slices.Clone(p.credits) }

// Credit returns the service credit earned over a period in which met of
// total promises were kept: the credit of the last tier whose bound the
// compliance met/total is strictly below, so exactly 95% is not below 95%.
// The comparison is exact. With no promises (total <= 0) nothing is earned;
// met is clamped into [0, total].
func (p *Policy) Credit(met, total int) Percent {
	if total <= 0 {
		return 0
	}
	met = max(0, min(met, total))
	var credit Percent
	for _, t := range p.credits {
		// met/total < Below/100%  <=>  met*100% < Below*total
		if lessProduct(uint64(met), uint64(100*OnePercent), uint64(t.Below), uint64(total)) {
			credit = t.Credit
		}
	}
	return credit
}

// String returns the policy's name, kind and effective instant, for logs.
func (p *Policy) String() string {
	s := p.name + " (" + p.kind.String()
	if !p.effectiveFrom.IsZero() {
		s += ", from " + p.effectiveFrom.Format(time.RFC3339)
	}
	return s + ")"
}
