package policy

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// policyFields are the keys of a policy, in the order they are loaded.
func policyFields() []string {
	return []string{"name", "description", "kind", "effective_from", "match", "calendar", "zone_field",
		"on_priority_change", "retroactive", "metrics", "targets", "credits"}
}

// policyLoad is one policy being loaded, with what its parts need.
type policyLoad struct {
	set        *Set
	priorities map[string]bool // the set's priorities
	p          *Policy
	listed     map[string]bool // the metrics under "metrics"
}

func (s *Set) loadPolicy(n *node, path string, priorities map[string]bool) (*Policy, error) {
	parts, err := n.parts(path, policyFields())
	if err != nil {
		return nil, err
	}
	if parts["name"] == nil {
		return nil, errorf(keyPath(path, "name"), "", ErrMissing, "")
	}
	l := policyLoad{set: s, priorities: priorities, listed: map[string]bool{},
		p: &Policy{targets: map[string]map[string]Target{}}}
	for _, key := range policyFields() {
		if v := parts[key]; v != nil {
			if err := l.field(key, v, keyPath(path, key)); err != nil {
				return nil, err
			}
		}
	}
	if err := l.checkTargets(path); err != nil {
		return nil, err
	}
	// Presets in Preset order, then custom metrics (Custom-1 wraps to 255).
	slices.SortFunc(l.p.metrics, func(a, b Metric) int {
		return cmp.Or(cmp.Compare(a.Preset-1, b.Preset-1), strings.Compare(a.Name, b.Name))
	})
	return l.p, nil
}

// field loads the policy's key from v, which sits at at.
func (l *policyLoad) field(key string, v *node, at string) error {
	p := l.p
	var err error
	switch key {
	case "name":
		if p.name, err = v.text(at); err == nil && p.name == "" {
			err = errorf(at, "", ErrMissing, "empty name")
		}
	case "description":
		p.description, err = v.text(at)
	case "kind":
		err = v.enum(at, &p.kind)
	case "effective_from":
		p.effectiveFrom, err = parseInstant(v, at)
	case "match":
		err = l.match(v, at)
	case "calendar":
		p.calendar, err = l.set.calendarName(v, at)
	case "zone_field":
		p.zoneField, err = zoneField(v, at)
	case "on_priority_change":
		err = v.enum(at, &p.onChange)
	case "retroactive":
		p.retroactive, err = v.boolean(at)
	case "metrics":
		err = l.metrics(v, at)
	case "targets":
		err = l.targets(v, at)
	case "credits":
		err = l.credits(v, at)
	}
	return err
}

func (l *policyLoad) match(v *node, at string) error {
	if err := v.within(at, jObject, MaxMatchFields, "fields"); err != nil {
		return err
	}
	err := v.object(at, func(field string, v *node, at string) error {
		if field == "" {
			return errorf(at, "", ErrMissing, "empty field name")
		}
		values, set, err := v.texts(at, MaxMatchValues, "values")
		if err == nil && len(values) == 0 {
			err = errorf(at, "", ErrMissing, "no values: the match could never hold")
		}
		l.p.match = append(l.p.match, fieldMatch{field: field, values: values, set: set})
		return err
	})
	slices.SortFunc(l.p.match, func(a, b fieldMatch) int { return strings.Compare(a.field, b.field) })
	return err
}

func (l *policyLoad) metrics(v *node, at string) error {
	if err := v.within(at, jObject, MaxMetrics, "metrics"); err != nil {
		return err
	}
	return v.object(at, func(name string, v *node, at string) error {
		m, err := loadMetric(name, v, at)
		if err != nil {
			return err
		}
		l.p.metrics = append(l.p.metrics, m)
		l.listed[name] = true
		return nil
	})
}

func (l *policyLoad) targets(v *node, at string) error {
	return v.object(at, func(metric string, v *node, at string) error {
		if err := l.addPreset(metric, at); err != nil {
			return err
		}
		byPriority := map[string]Target{}
		l.p.targets[metric] = byPriority
		return v.object(at, func(priority string, v *node, at string) error {
			if !l.priorities[priority] {
				return errorf(at, "", ErrUnknownPriority, "%s", wantOneOf(l.set.priorities))
			}
			t, err := l.target(v, at)
			byPriority[priority] = t
			return err
		})
	})
}

// addPreset adds the preset metric that targets names, at at, when
// "metrics" does not list it.
func (l *policyLoad) addPreset(metric, at string) error {
	if l.listed[metric] {
		return nil
	}
	preset, ok := presetNamed(metric)
	if !ok {
		return errorf(at, "", ErrUnknownMetric, "%s", wantOneOf(l.metricNames()))
	}
	if len(l.p.metrics) >= MaxMetrics {
		return errorf(at, "", ErrLimit, "%d metrics, at most %d", len(l.p.metrics)+1, MaxMetrics)
	}
	l.p.metrics = append(l.p.metrics, preset.Defaults())
	return nil
}

// metricNames returns the names targets may use: the metrics listed, in
// document order, then the presets not listed.
func (l *policyLoad) metricNames() []string {
	var names []string
	for _, m := range l.p.metrics {
		if l.listed[m.Name] {
			names = append(names, m.Name)
		}
	}
	for p := FirstResponse; p <= Resolution; p++ {
		if !l.listed[p.String()] {
			names = append(names, p.String())
		}
	}
	return names
}

// checkTargets checks that every metric has a target, in the order the
// metrics were listed, then added by targets.
func (l *policyLoad) checkTargets(path string) error {
	for _, m := range l.p.metrics {
		if len(l.p.targets[m.Name]) > 0 {
			continue
		}
		at := keyPath(keyPath(path, "targets"), m.Name)
		if l.listed[m.Name] {
			at = keyPath(keyPath(path, "metrics"), m.Name)
		}
		return errorf(at, "", ErrNoTarget, "")
	}
	return nil
}

func (l *policyLoad) credits(v *node, at string) error {
	if err := v.within(at, jArray, MaxCreditTiers, "credit tiers"); err != nil {
		return err
	}
	return v.list(at, func(i int, v *node, at string) error {
		t, err := loadTier(v, at, l.p.credits)
		l.p.credits = append(l.p.credits, t)
		return err
	})
}

// A target.

func (l *policyLoad) target(n *node, path string) (Target, error) {
	parts, err := n.parts(path, []string{"goal", "promise", "calendar", "zone_field", "warn", "escalate"})
	if err != nil {
		return Target{}, err
	}
	t, goalText, err := durations(parts, path)
	if err != nil {
		return Target{}, err
	}
	if t.CalendarName, err = l.targetCalendar(parts["calendar"], path); err != nil {
		return Target{}, err
	}
	t.Calendar, t.zones, t.ZoneField = l.set.calendars[t.CalendarName], l.set.zones, l.p.zoneField
	if v := parts["zone_field"]; v != nil {
		if t.ZoneField, err = zoneField(v, keyPath(path, "zone_field")); err != nil {
			return Target{}, err
		}
	}
	ref := l.p.effectiveFrom
	if ref.IsZero() {
		ref = referenceStart()
	}
	if goal, promise, ok := lengths(t.Goal, t.Promise, t.Calendar, ref); ok && goal > promise {
		return Target{}, errorf(keyPath(path, "goal"), goalText, ErrGoalAfterPromise, "the promise is %s", t.Promise)
	}
	if v := parts["warn"]; v != nil {
		if t.Warnings, err = warnings(v, keyPath(path, "warn"), t.Goal.Length(t.Calendar, ref), t.Goal); err != nil {
			return Target{}, err
		}
	}
	if v := parts["escalate"]; v != nil {
		if t.Escalations, err = escalations(v, keyPath(path, "escalate")); err != nil {
			return Target{}, err
		}
	}
	return t, nil
}

// zoneField reads the name of a ticket field that holds a time zone.
func zoneField(v *node, at string) (string, error) {
	name, err := v.text(at)
	if err == nil && name == "" {
		err = errorf(at, "", ErrMissing, "empty field name")
	}
	return name, err
}

// escalations reads a target's escalation levels, in the order written.
func escalations(v *node, at string) ([]Escalation, error) {
	if err := v.within(at, jArray, MaxEscalations, "escalations"); err != nil {
		return nil, err
	}
	return distinct(v, at, func(text, at string) (Escalation, error) {
		e, err := ParseEscalation(text)
		switch {
		case err != nil:
			return e, withPath(err, at)
		case e.Of > 10_000*OnePercent:
			return e, errorf(at, text, ErrBadEscalation, "at most 10000%% of the goal")
		}
		return e, nil
	})
}

// durations reads a target's goal and promise, each defaulting to the
// other, and returns the goal as written.
func durations(parts map[string]*node, path string) (t Target, goalText string, err error) {
	for _, key := range []string{"goal", "promise"} {
		v := parts[key]
		if v == nil {
			continue
		}
		at := keyPath(path, key)
		text, err := v.text(at)
		if err != nil {
			return Target{}, "", err
		}
		d, err := ParseDuration(text)
		if err != nil {
			return Target{}, "", withPath(err, at)
		}
		if key == "goal" {
			t.Goal, goalText = d, text
		} else {
			t.Promise = d
		}
	}
	switch {
	case t.Goal.IsZero() && t.Promise.IsZero():
		return Target{}, "", errorf(path, "", ErrMissing, "want a goal or a promise")
	case t.Goal.IsZero():
		t.Goal = t.Promise
	case t.Promise.IsZero():
		t.Promise = t.Goal
	}
	return t, goalText, nil
}

// targetCalendar reads the name of a target's calendar from v, the
// policy's when v is nil.
func (l *policyLoad) targetCalendar(v *node, path string) (string, error) {
	at := keyPath(path, "calendar")
	name := l.p.calendar
	if v != nil {
		var err error
		if name, err = l.set.calendarName(v, at); err != nil {
			return "", err
		}
	}
	if name == "" {
		return "", errorf(at, "", ErrMissing, "no calendar here nor in the policy")
	}
	return name, nil
}

// warnings reads a target's warnings, before a goal whose length is
// length (0 when its calendar has no answer).
func warnings(v *node, at string, length time.Duration, goal Duration) ([]Warning, error) {
	if err := v.within(at, jArray, MaxWarnings, "warnings"); err != nil {
		return nil, err
	}
	return distinct(v, at, func(text, at string) (Warning, error) {
		w, err := ParseWarning(text)
		switch {
		case err != nil:
			return w, withPath(err, at)
		case w.Before != 0 && length != 0 && w.Before >= length:
			return w, errorf(at, text, ErrBadWarning, "at or before the start of a %s goal", goal)
		}
		return w, nil
	})
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

// A metric.

func metricFields() []string {
	return []string{"preset", "start", "pause_while", "stop", "cancel", "restart_on_reopen"}
}

func loadMetric(name string, n *node, path string) (Metric, error) {
	if name == "" {
		return Metric{}, errorf(path, "", ErrMissing, "empty metric name")
	}
	parts, err := n.parts(path, metricFields())
	if err != nil {
		return Metric{}, err
	}
	preset, err := metricPreset(name, parts["preset"], keyPath(path, "preset"))
	if err != nil {
		return Metric{}, err
	}
	m := preset.Defaults()
	m.Name, m.Preset = name, preset
	for _, key := range metricFields()[1:] {
		if err := m.load(key, parts[key], keyPath(path, key)); err != nil {
			return Metric{}, err
		}
	}
	return m, nil
}

// metricPreset returns the preset of the metric called name, whose
// "preset" is v (nil when absent).
func metricPreset(name string, v *node, at string) (Preset, error) {
	preset, _ := presetNamed(name)
	if v == nil {
		return preset, nil
	}
	text, err := v.text(at)
	if err != nil {
		return Custom, err
	}
	named, ok := presetNamed(text)
	switch {
	case !ok:
		return Custom, errorf(at, text, ErrUnknownPreset, "%s", wantOneOf(enumNames(FirstResponse, Resolution)))
	case preset != Custom && named != preset:
		return Custom, errorf(at, text, ErrBadValue, "the metric %s is the %s preset", name, preset)
	}
	return named, nil
}

func presetNamed(name string) (Preset, bool) {
	var p Preset
	if p.UnmarshalText([]byte(name)) != nil || p == Custom {
		return Custom, false
	}
	return p, true
}

// load sets the metric's key from v, which sits at at (nil when absent).
func (m *Metric) load(key string, v *node, at string) error {
	if v == nil {
		if m.Preset == Custom && (key == "start" || key == "stop") {
			return errorf(at, "", ErrMissing, "a custom metric needs %s conditions", key)
		}
		return nil
	}
	var err error
	switch key {
	case "start", "stop":
		if m.Preset != Custom {
			return errorf(at, "", ErrPresetFixed, "use a custom metric for other %s conditions", key)
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
		m.PauseWhile, err = categories(v, at)
	case "restart_on_reopen":
		m.RestartOnReopen, err = v.boolean(at)
	}
	return err
}

// conditions reads a list of distinct conditions; there are 13, so the
// search for a duplicate is short.
func conditions(n *node, path string) ([]Condition, error) {
	return distinct(n, path, func(text, at string) (Condition, error) {
		c, err := ParseCondition(text)
		return c, withPath(err, at)
	})
}

// categories reads a list of distinct categories (of six).
func categories(n *node, path string) ([]Category, error) {
	return distinct(n, path, func(text, at string) (Category, error) {
		c, ok := parseCategory(text)
		if !ok {
			return c, errorf(at, text, ErrUnknownCategory, "%s", wantOneOf(documentCategories()))
		}
		return c, nil
	})
}

// distinct reads a list of strings, each into a value by parse (given the
// text and its path), refusing a value listed twice. The lists are short,
// so the search for a duplicate is too.
func distinct[T comparable](n *node, path string, parse func(text, at string) (T, error)) ([]T, error) {
	var out []T
	err := n.list(path, func(i int, v *node, at string) error {
		text, err := v.text(at)
		if err != nil {
			return err
		}
		x, err := parse(text, at)
		switch {
		case err != nil:
			return err
		case slices.Contains(out, x):
			return errorf(at, text, ErrDuplicate, "listed twice")
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

// A credit tier.

func loadTier(n *node, path string, before []CreditTier) (CreditTier, error) {
	parts, err := n.parts(path, []string{"below", "credit"})
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
		if key == "below" {
			t.Below = pc
		} else {
			t.Credit = pc
		}
		if err := checkTier(key, pc, before, at, text); err != nil {
			return CreditTier{}, err
		}
	}
	return t, nil
}

// checkTier checks the bound or credit (key) pc of a tier after the tiers
// before.
func checkTier(key string, pc Percent, before []CreditTier, at, text string) error {
	switch {
	case pc == 0:
		return errorf(at, text, ErrBadCredits, "must be above 0%%")
	case pc > 100*OnePercent:
		return errorf(at, text, ErrBadCredits, "must be at most 100%%")
	case len(before) == 0:
		return nil
	}
	prev := before[len(before)-1]
	switch {
	case key == "below" && pc >= prev.Below:
		return errorf(at, text, ErrBadCredits, "not below the previous tier's %s: list tiers from the highest bound down", prev.Below)
	case key == "credit" && pc <= prev.Credit:
		return errorf(at, text, ErrBadCredits, "not more than the previous tier's %s: lower compliance earns more", prev.Credit)
	}
	return nil
}
