package policy

import (
	"fmt"
	"sync"
	"time"

	"github.com/slaclock/slaclock/calendar"
)

// zoneCache builds a set's calendars in the zones tickets name, each
// (calendar, zone) once, for all goroutines: a Set's one mutable part, which
// only saves work (what it returns never depends on who asked first).
type zoneCache struct {
	mu    sync.Mutex
	built map[zoneKey]*zoneEntry // zone "" for the location alone
}

type zoneKey struct{ calendar, zone string }

// zoneEntry is one (calendar, zone): built once, by whoever asks first.
type zoneEntry struct {
	once sync.Once
	cal  *calendar.Calendar
	loc  *time.Location
	err  error
}

// in returns cal, called name, read in zone.
func (z *zoneCache) in(name string, cal *calendar.Calendar, zone string) (*calendar.Calendar, error) {
	e := z.entry(zoneKey{name, zone})
	e.once.Do(func() {
		spec := cal.Spec()
		spec.Zone = zone
		e.cal, e.err = calendar.New(spec)
		if e.err != nil {
			e.err = &Error{Value: zone, Err: fmt.Errorf("%w: calendar %s in %s: %v", ErrUnknownZone, name, zone, e.err)}
		}
	})
	return e.cal, e.err
}

// CalendarIn returns the target's calendar read in the IANA time zone
// called zone: its weekly hours, holidays and date overrides in that zone's
// wall clock. An empty zone, or the calendar's own, is Calendar itself. The
// set builds each (calendar, zone) once and shares it with every caller,
// safely for concurrent use. A zone the IANA database does not know, or
// "Local", is an *Error wrapping ErrUnknownZone.
func (t Target) CalendarIn(zone string) (*calendar.Calendar, error) {
	if zone == "" || t.Calendar == nil || zone == t.Calendar.Location().String() {
		return t.Calendar, nil
	}
	if t.zones == nil {
		return nil, &Error{Value: zone, Err: fmt.Errorf("%w: a target not read from a set", ErrUnknownZone)}
	}
	return t.zones.in(t.CalendarName, t.Calendar, zone)
}

// Location returns the IANA time zone called zone, as the set's calendars
// read it: an unknown name, "Local" or "" is an *Error wrapping
// ErrUnknownZone. Each name is loaded once per set, safely for concurrent
// use, so that checking the zone a ticket names costs a map lookup.
func (s *Set) Location(zone string) (*time.Location, error) {
	if s == nil || s.zones == nil {
		return nil, &Error{Value: zone, Err: fmt.Errorf("%w: no set", ErrUnknownZone)}
	}
	return s.zones.location(zone)
}

func (z *zoneCache) location(zone string) (*time.Location, error) {
	e := z.entry(zoneKey{"", zone})
	e.once.Do(func() {
		if zone != "" && zone != "Local" {
			if e.loc, e.err = time.LoadLocation(zone); e.err == nil {
				return
			}
		}
		e.err = &Error{Value: zone, Err: fmt.Errorf("%w: want an IANA time zone such as Europe/Paris", ErrUnknownZone)}
	})
	return e.loc, e.err
}

// entry returns the entry of k, made empty when first asked.
func (z *zoneCache) entry(k zoneKey) *zoneEntry {
	z.mu.Lock()
	defer z.mu.Unlock()
	e := z.built[k]
	if e == nil {
		e = new(zoneEntry)
		z.built[k] = e
	}
	return e
}
