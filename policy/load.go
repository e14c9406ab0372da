package policy

import (
	"bytes"
	"encoding"
	"errors"
	"slices"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// Load reads a policy document (see the package doc), strictly, and checks
// that everything in it can work. Errors are [*Error] values naming the
// path of the bad value; see "Errors" in the package doc. Its cost grows
// linearly with the document, within the limits of [MaxDocumentSize] and
// the others.
func Load(data []byte) (*Set, error) {
	if len(data) > MaxDocumentSize {
		return nil, errorf("", "", ErrLimit, "a document of %d bytes, at most %d", len(data), MaxDocumentSize)
	}
	root, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	parts, err := root.parts("", []string{"calendars", "statuses", "priorities", "policies"})
	if err != nil {
		return nil, err
	}
	s := &Set{calendars: map[string]*calendar.Calendar{}, statuses: map[string]Category{},
		zones: &zoneCache{built: map[zoneKey]*zoneEntry{}}}
	if err := s.loadCalendars(parts["calendars"]); err != nil {
		return nil, err
	}
	if err := s.loadStatuses(parts["statuses"]); err != nil {
		return nil, err
	}
	if err := s.loadPriorities(parts["priorities"]); err != nil {
		return nil, err
	}
	if err := s.loadPolicies(parts["policies"]); err != nil {
		return nil, err
	}
	return s, nil
}

// The set's own lists. Each load function does nothing for an absent key
// (a nil node).

func (s *Set) loadCalendars(n *node) error {
	if n == nil {
		return nil
	}
	if err := n.within("calendars", jObject, MaxCalendars, "calendars"); err != nil {
		return err
	}
	built := map[string]*calendar.Calendar{}
	return n.object("calendars", func(name string, v *node, p string) error {
		if name == "" {
			return errorf(p, "", ErrMissing, "empty calendar name")
		}
		if v.kind != jObject {
			return wrongType(p, v, jObject)
		}
		c, err := buildCalendar(v, p, built)
		if err != nil {
			return err
		}
		s.calendars[name] = c
		return nil
	})
}

// buildCalendar returns the calendar v writes: the one built before from
// the same JSON, or a new one. A document with a calendar per tenant
// repeats a few calendars many times, and each costs time and memory to
// build; a calendar never changes, so names may share one.
func buildCalendar(v *node, path string, built map[string]*calendar.Calendar) (*calendar.Calendar, error) {
	var b bytes.Buffer
	v.encode(&b)
	if c, ok := built[string(b.Bytes())]; ok {
		return c, nil
	}
	spec, err := calendar.ParseSpec(b.Bytes())
	if err != nil {
		return nil, wrapCalendar(path, err)
	}
	c, err := calendar.New(spec)
	if err != nil {
		return nil, wrapCalendar(path, err)
	}
	built[b.String()] = c
	return c, nil
}

func (s *Set) loadStatuses(n *node) error {
	if n == nil {
		return nil
	}
	if err := n.within("statuses", jObject, MaxStatuses, "statuses"); err != nil {
		return err
	}
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
			return errorf(p, text, ErrUnknownCategory, "%s", wantOneOf(documentCategories()))
		}
		s.statuses[name] = c
		return nil
	})
}

func (s *Set) loadPriorities(n *node) error {
	if n == nil {
		return nil
	}
	list, _, err := n.texts("priorities", MaxPriorities, "priorities")
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

func (s *Set) loadPolicies(n *node) error {
	if n == nil {
		return nil
	}
	if err := n.within("policies", jArray, MaxPolicies, "policies"); err != nil {
		return err
	}
	priorities := make(map[string]bool, len(s.priorities))
	for _, p := range s.priorities {
		priorities[p] = true
	}
	err := n.list("policies", func(i int, v *node, path string) error {
		p, err := s.loadPolicy(v, path, priorities)
		if err != nil {
			return err
		}
		p.index = i
		s.policies = append(s.policies, p)
		return nil
	})
	if err != nil {
		return err
	}
	return s.linkVersions(n)
}

// linkVersions checks that no two versions of a policy take effect at the
// same instant and tells each version when the next one takes effect.
func (s *Set) linkVersions(n *node) error {
	type version struct {
		name string
		sec  int64
		nsec int
	}
	first := make(map[version]int, len(s.policies)) // the first policy of each version
	byName := map[string][]*Policy{}
	for j, p := range s.policies {
		v := version{p.name, p.effectiveFrom.Unix(), p.effectiveFrom.Nanosecond()}
		if i, ok := first[v]; ok {
			value := ""
			if !p.effectiveFrom.IsZero() {
				value = n.vals[j].vals[slices.Index(n.vals[j].keys, "effective_from")].str
			}
			return errorf(keyPath(indexPath("policies", j), "effective_from"), value, ErrOverlap,
				"policies[%d] of the same name takes effect at the same instant", i)
		}
		first[v] = j
		byName[p.name] = append(byName[p.name], p)
	}
	for _, versions := range byName {
		slices.SortFunc(versions, func(a, b *Policy) int { return a.effectiveFrom.Compare(b.effectiveFrom) })
		for i := 1; i < len(versions); i++ {
			versions[i-1].until = versions[i].effectiveFrom
		}
	}
	return nil
}

// Values that several parts of the document write alike.

// referenceStart is where goals, promises and lead times of different
// units are measured from when a version has no effective instant: a Monday.
func referenceStart() time.Time { return time.Date(2000, time.January, 3, 0, 0, 0, 0, time.UTC) }

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
	_, off := t.Zone()
	if off == 0 {
		return t.UTC(), nil
	}
	return t.In(time.FixedZone("", off)), nil
}

// calendarName reads the name of one of the set's calendars.
func (s *Set) calendarName(v *node, at string) (string, error) {
	name, err := v.text(at)
	if err != nil {
		return "", err
	}
	if _, ok := s.calendars[name]; !ok {
		return "", errorf(at, name, ErrUnknownCalendar, "%s", wantOneOf(s.Calendars()))
	}
	return name, nil
}

// enum reads a string into u with its UnmarshalText, whose error lists
// the valid values.
func (n *node) enum(path string, u encoding.TextUnmarshaler) error {
	text, err := n.text(path)
	if err != nil {
		return err
	}
	return withPath(u.UnmarshalText([]byte(text)), path)
}

// withPath sets the path of an *Error from a Parse function.
func withPath(err error, path string) error {
	var e *Error
	if errors.As(err, &e) {
		return &Error{Path: path, Value: e.Value, Err: e.Err}
	}
	return err
}
