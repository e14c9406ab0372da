package policy

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// referenceStart is where goals, promises and lead times of different
// units are measured from when a version has no effective instant: a Monday.
func referenceStart() time.Time { return time.Date(2000, time.January, 3, 0, 0, 0, 0, time.UTC) }

// Load reads a policy document (see the package doc), strictly, and checks
// that everything in it can work. Errors are [*Error] values naming the
// path of the bad value; see "Errors" in the package doc.
func Load(data []byte) (*Set, error) {
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	s := &Set{calendars: map[string]*calendar.Calendar{}, statuses: map[string]Category{}}
	parts := map[string]*node{}
	err = root.fields("", []string{"calendars", "statuses", "priorities", "policies"},
		func(key string, v *node, _ string) error {
			parts[key] = v
			return nil
		})
	if err != nil {
		return nil, err
	}
	if n := parts["calendars"]; n != nil {
		if err := s.loadCalendars(n); err != nil {
			return nil, err
		}
	}
	if n := parts["statuses"]; n != nil {
		if err := s.loadStatuses(n); err != nil {
			return nil, err
		}
	}
	if n := parts["priorities"]; n != nil {
		if err := s.loadPriorities(n); err != nil {
			return nil, err
		}
	}
	if n := parts["policies"]; n != nil {
		err := n.list("policies", func(i int, v *node, p string) error {
			pol, err := s.loadPolicy(v, p)
			if err != nil {
				return err
			}
			pol.index = i
			s.policies = append(s.policies, pol)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if err := s.linkVersions(parts["policies"]); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Set) loadCalendars(n *node) error {
	return n.object("calendars", func(name string, v *node, p string) error {
		if name == "" {
			return errorf(p, "", ErrMissing, "empty calendar name")
		}
		if v.kind != jObject {
			return wrongType(p, v, jObject)
		}
		var b bytes.Buffer
		v.encode(&b)
		spec, err := calendar.ParseSpec(b.Bytes())
		if err != nil {
			return wrapCalendar(p, err)
		}
		c, err := calendar.New(spec)
		if err != nil {
			return wrapCalendar(p, err)
		}
		s.calendars[name] = c
		return nil
	})
}

func (s *Set) loadStatuses(n *node) error {
	return n.object("statuses", func(name string, v *node, p string) error {
		if name == "" {
			return errorf(p, "", ErrMissing, "empty status name")
		}
		text, err := v.text(p)
		if err != nil {
			return err
		}
		c, ok := parseCategory(text)
		if !ok {
			return errorf(p, text, ErrUnknownCategory, "want new, open, pending, on_hold, solved or closed")
		}
		s.statuses[name] = c
		return nil
	})
}

func (s *Set) loadPriorities(n *node) error {
	list, err := n.texts("priorities")
	if err != nil {
		return err
	}
	for i, p := range list {
		if p == "" {
			return errorf(indexPath("priorities", i), "", ErrMissing, "empty priority")
		}
	}
	s.priorities = list
	return nil
}

// policyFields are the keys of a policy, in the order they are checked.
func policyFields() []string {
	return []string{"name", "description", "kind", "effective_from", "match", "calendar",
		"on_priority_change", "metrics", "targets", "credits"}
}

func (s *Set) loadPolicy(n *node, path string) (*Policy, error) {
	parts := map[string]*node{}
	err := n.fields(path, policyFields(), func(key string, v *node, _ string) error {
		parts[key] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	p := &Policy{match: map[string][]string{}, targets: map[string]map[string]Target{}}
	explicit := map[string]bool{} // metrics listed under "metrics"
	var metricOrder []string      // as listed, then as added by targets
	for _, key := range policyFields() {
		v := parts[key]
		if v == nil {
			if key == "name" {
				return nil, errorf(keyPath(path, key), "", ErrMissing, "")
			}
			continue
		}
		at := keyPath(path, key)
		var err error
		switch key {
		case "name":
			p.name, err = v.text(at)
			if err == nil && p.name == "" {
				err = errorf(at, "", ErrMissing, "empty name")
			}
		case "description":
			p.description, err = v.text(at)
		case "kind":
			var text string
			if text, err = v.text(at); err == nil && p.kind.UnmarshalText([]byte(text)) != nil {
				err = errorf(at, text, ErrBadValue, "want sla, ola or uc")
			}
		case "effective_from":
			p.effectiveFrom, err = parseInstant(v, at)
		case "match":
			err = v.object(at, func(field string, v *node, at string) error {
				if field == "" {
					return errorf(at, "", ErrMissing, "empty field name")
				}
				values, err := v.texts(at)
				if err == nil && len(values) == 0 {
					err = errorf(at, "", ErrMissing, "no values: the match could never hold")
				}
				p.match[field] = values
				return err
			})
		case "calendar":
			if p.calendar, err = v.text(at); err == nil {
				if _, ok := s.calendars[p.calendar]; !ok {
					err = errorf(at, p.calendar, ErrUnknownCalendar, "")
				}
			}
		case "on_priority_change":
			var text string
			if text, err = v.text(at); err == nil && p.onChange.UnmarshalText([]byte(text)) != nil {
				err = errorf(at, text, ErrBadValue, "want recompute or restart")
			}
		case "metrics":
			err = v.object(at, func(name string, v *node, at string) error {
				m, err := loadMetric(name, v, at)
				if err != nil {
					return err
				}
				p.metrics = append(p.metrics, m)
				explicit[name] = true
				metricOrder = append(metricOrder, name)
				return nil
			})
		case "targets":
			err = v.object(at, func(metric string, v *node, at string) error {
				if !explicit[metric] {
					preset, ok := presetNamed(metric)
					if !ok {
						return errorf(at, "", ErrUnknownMetric, "not under metrics nor a preset")
					}
					p.metrics = append(p.metrics, preset.Defaults())
					metricOrder = append(metricOrder, metric)
				}
				byPriority := map[string]Target{}
				p.targets[metric] = byPriority
				return v.object(at, func(priority string, v *node, at string) error {
					if !slices.Contains(s.priorities, priority) {
						return errorf(at, "", ErrUnknownPriority, "not under priorities")
					}
					t, err := s.loadTarget(p, v, at)
					byPriority[priority] = t
					return err
				})
			})
		case "credits":
			err = v.list(at, func(i int, v *node, at string) error {
				t, err := loadTier(v, at, p.credits)
				p.credits = append(p.credits, t)
				return err
			})
		}
		if err != nil {
			return nil, err
		}
	}
	for _, name := range metricOrder {
		if len(p.targets[name]) == 0 {
			at := keyPath(keyPath(path, "metrics"), name)
			if !explicit[name] {
				at = keyPath(keyPath(path, "targets"), name)
			}
			return nil, errorf(at, "", ErrNoTarget, "")
		}
	}
	// Presets in Preset order, then custom metrics (Custom-1 wraps to 255).
	slices.SortFunc(p.metrics, func(a, b Metric) int {
		return cmp.Or(cmp.Compare(a.Preset-1, b.Preset-1), strings.Compare(a.Name, b.Name))
	})
	return p, nil
}

func presetNamed(name string) (Preset, bool) {
	var p Preset
	if p.UnmarshalText([]byte(name)) != nil || p == Custom {
		return Custom, false
	}
	return p, true
}

// parseInstant reads an RFC 3339 instant and keeps its offset as a fixed
// zone (UTC for Z), so that nothing depends on the host's local zone.
func parseInstant(v *node, at string) (time.Time, error) {
	text, err := v.text(at)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, text)
	if err != nil {
		return time.Time{}, errorf(at, text, ErrBadTime, "want RFC 3339, like 2026-01-01T00:00:00Z")
	}
	if _, off := t.Zone(); off == 0 {
		return t.UTC(), nil
	}
	_, off := t.Zone()
	return t.In(time.FixedZone("", off)), nil
}

func metricFields() []string {
	return []string{"preset", "start", "pause_while", "stop", "cancel", "restart_on_reopen"}
}

func loadMetric(name string, n *node, path string) (Metric, error) {
	if name == "" {
		return Metric{}, errorf(path, "", ErrMissing, "empty metric name")
	}
	parts := map[string]*node{}
	err := n.fields(path, metricFields(), func(key string, v *node, _ string) error {
		parts[key] = v
		return nil
	})
	if err != nil {
		return Metric{}, err
	}
	preset, _ := presetNamed(name)
	if v := parts["preset"]; v != nil {
		at := keyPath(path, "preset")
		text, err := v.text(at)
		if err != nil {
			return Metric{}, err
		}
		named, ok := presetNamed(text)
		switch {
		case !ok:
			return Metric{}, errorf(at, text, ErrUnknownPreset, "want first_response, next_response, periodic_update or resolution")
		case preset != Custom && named != preset:
			return Metric{}, errorf(at, text, ErrBadValue, "the metric %s is the %s preset", name, preset)
		}
		preset = named
	}
	m := preset.Defaults()
	m.Name, m.Preset = name, preset
	for _, key := range metricFields()[1:] {
		v := parts[key]
		at := keyPath(path, key)
		if v == nil {
			if preset == Custom && (key == "start" || key == "stop") {
				return Metric{}, errorf(at, "", ErrMissing, "a custom metric needs %s conditions", key)
			}
			continue
		}
		var err error
		switch key {
		case "start", "stop":
			if preset != Custom {
				return Metric{}, errorf(at, "", ErrPresetFixed, "use a custom metric for other %s conditions", key)
			}
			var cs []Condition
			if cs, err = conditions(v, at); err == nil && len(cs) == 0 {
				err = errorf(at, "", ErrMissing, "a custom metric needs %s conditions", key)
			}
			if key == "start" {
				m.Start = cs
			} else {
				m.Stop = cs
			}
		case "cancel":
			m.Cancel, err = conditions(v, at)
		case "pause_while":
			m.PauseWhile = nil
			err = v.list(at, func(i int, v *node, at string) error {
				text, err := v.text(at)
				if err != nil {
					return err
				}
				c, ok := parseCategory(text)
				switch {
				case !ok:
					return errorf(at, text, ErrUnknownCategory, "")
				case slices.Contains(m.PauseWhile, c):
					return errorf(at, text, ErrDuplicate, "listed twice")
				}
				m.PauseWhile = append(m.PauseWhile, c)
				return nil
			})
		case "restart_on_reopen":
			m.RestartOnReopen, err = v.boolean(at)
		}
		if err != nil {
			return Metric{}, err
		}
	}
	return m, nil
}

func conditions(n *node, path string) ([]Condition, error) {
	var out []Condition
	err := n.list(path, func(i int, v *node, at string) error {
		text, err := v.text(at)
		if err != nil {
			return err
		}
		c, err := ParseCondition(text)
		if err != nil {
			return withPath(err, at)
		}
		if slices.Contains(out, c) {
			return errorf(at, text, ErrDuplicate, "listed twice")
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// withPath sets the path of an *Error from a Parse function.
func withPath(err error, path string) error {
	var e *Error
	if errors.As(err, &e) {
		return &Error{Path: path, Value: e.Value, Err: e.Err}
	}
	return err
}

func (s *Set) loadTarget(p *Policy, n *node, path string) (Target, error) {
	parts := map[string]*node{}
	err := n.fields(path, []string{"goal", "promise", "calendar", "warn"}, func(key string, v *node, _ string) error {
		parts[key] = v
		return nil
	})
	if err != nil {
		return Target{}, err
	}
	var t Target
	goalText := ""
	for _, key := range []string{"goal", "promise"} {
		v := parts[key]
		if v == nil {
			continue
		}
		at := keyPath(path, key)
		text, err := v.text(at)
		if err != nil {
			return Target{}, err
		}
		d, err := ParseDuration(text)
		if err != nil {
			return Target{}, withPath(err, at)
		}
		if key == "goal" {
			t.Goal, goalText = d, text
		} else {
			t.Promise = d
		}
	}
	switch {
	case t.Goal.IsZero() && t.Promise.IsZero():
		return Target{}, errorf(path, "", ErrMissing, "want a goal or a promise")
	case t.Goal.IsZero():
		t.Goal = t.Promise
	case t.Promise.IsZero():
		t.Promise = t.Goal
	}
	t.CalendarName = p.calendar
	calAt := keyPath(path, "calendar")
	if v := parts["calendar"]; v != nil {
		if t.CalendarName, err = v.text(calAt); err != nil {
			return Target{}, err
		}
		if _, ok := s.calendars[t.CalendarName]; !ok {
			return Target{}, errorf(calAt, t.CalendarName, ErrUnknownCalendar, "")
		}
	}
	if t.CalendarName == "" {
		return Target{}, errorf(calAt, "", ErrMissing, "no calendar here nor in the policy")
	}
	t.Calendar = s.calendars[t.CalendarName]

	ref := p.effectiveFrom
	if ref.IsZero() {
		ref = referenceStart()
	}
	goal, promise, ok := lengths(t.Goal, t.Promise, t.Calendar, ref)
	if ok && goal > promise {
		return Target{}, errorf(keyPath(path, "goal"), goalText, ErrGoalAfterPromise, "the promise is %s", t.Promise)
	}
	if v := parts["warn"]; v != nil {
		at := keyPath(path, "warn")
		seen := map[string]bool{}
		err := v.list(at, func(i int, v *node, at string) error {
			text, err := v.text(at)
			if err != nil {
				return err
			}
			w, err := ParseWarning(text)
			if err != nil {
				return withPath(err, at)
			}
			if seen[w.String()] {
				return errorf(at, text, ErrDuplicate, "listed twice")
			}
			seen[w.String()] = true
			if w.Before != 0 {
				if g := t.Goal.Length(t.Calendar, ref); g != 0 && w.Before >= g {
					return errorf(at, text, ErrBadWarning, "at or before the start of a %s goal", t.Goal)
				}
			}
			t.Warnings = append(t.Warnings, w)
			return nil
		})
		if err != nil {
			return Target{}, err
		}
	}
	return t, nil
}

// lengths returns a and b in comparable numbers: as they are when their
// units agree, else as business time measured in cal from ref. It reports
// false when cal has no answer there.
func lengths(a, b Duration, cal *calendar.Calendar, ref time.Time) (time.Duration, time.Duration, bool) {
	if a.IsDays() == b.IsDays() {
		return time.Duration(a.days) + a.time, time.Duration(b.days) + b.time, true
	}
	la, lb := a.Length(cal, ref), b.Length(cal, ref)
	return la, lb, la != 0 && lb != 0
}

func loadTier(n *node, path string, before []CreditTier) (CreditTier, error) {
	parts := map[string]*node{}
	err := n.fields(path, []string{"below", "credit"}, func(key string, v *node, _ string) error {
		parts[key] = v
		return nil
	})
	if err != nil {
		return CreditTier{}, err
	}
	var t CreditTier
	for _, key := range []string{"below", "credit"} {
		at := keyPath(path, key)
		v := parts[key]
		if v == nil {
			return CreditTier{}, errorf(at, "", ErrMissing, "")
		}
		text, err := v.text(at)
		if err != nil {
			return CreditTier{}, err
		}
		pc, err := ParsePercent(text)
		if err != nil {
			return CreditTier{}, withPath(err, at)
		}
		switch {
		case pc == 0:
			return CreditTier{}, errorf(at, text, ErrBadCredits, "must be above 0%%")
		case pc > 100*OnePercent:
			return CreditTier{}, errorf(at, text, ErrBadCredits, "must be at most 100%%")
		}
		if key == "below" {
			t.Below = pc
		} else {
			t.Credit = pc
		}
		if len(before) == 0 {
			continue
		}
		prev := before[len(before)-1]
		switch {
		case key == "below" && t.Below >= prev.Below:
			return CreditTier{}, errorf(at, text, ErrBadCredits, "not below the previous tier's %s: list tiers from the highest bound down", prev.Below)
		case key == "credit" && t.Credit <= prev.Credit:
			return CreditTier{}, errorf(at, text, ErrBadCredits, "not more than the previous tier's %s: lower compliance earns more", prev.Credit)
		}
	}
	return t, nil
}

// linkVersions checks that no two versions of a policy take effect at the
// same instant and tells each version when the next one takes effect.
func (s *Set) linkVersions(n *node) error {
	for j, b := range s.policies {
		for _, a := range s.policies[:j] {
			if a.name == b.name && a.effectiveFrom.Equal(b.effectiveFrom) {
				at := indexPath("policies", j)
				value := ""
				if !b.effectiveFrom.IsZero() {
					value = n.vals[j].vals[slices.Index(n.vals[j].keys, "effective_from")].str
				}
				return errorf(keyPath(at, "effective_from"), value, ErrOverlap,
					"policies[%d] of the same name takes effect at the same instant", a.index)
			}
			if a.name != b.name {
				continue
			}
			if b.effectiveFrom.After(a.effectiveFrom) && (a.until.IsZero() || b.effectiveFrom.Before(a.until)) {
				a.until = b.effectiveFrom
			}
			if a.effectiveFrom.After(b.effectiveFrom) && (b.until.IsZero() || a.effectiveFrom.Before(b.until)) {
				b.until = a.effectiveFrom
			}
		}
	}
	return nil
}
