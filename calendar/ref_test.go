package calendar_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slaclock/slaclock/calendar"
)

// A slow, obviously right reference for the calendar, minute by minute, and
// a comparison of the fast code with it on random schedules around the DST
// changes of six zones.
//
// The reference decides every whole minute of an eight-day window on its
// own. All wall times in the random schedules are whole minutes and every
// offset and transition of these zones is too, so the open set is a union
// of whole minutes ("cells") and the open time between any two instants is
// the sum of their overlaps with the open cells.

var (
	refSeed  = flag.Uint64("refseed", 20260308, "seed of the random cases of TestReference and TestUnionReference")
	refCases = flag.Int("refcases", 0, "number of random cases of TestReference (0: 2000, 100000 with SLACLOCK_LONG=1, fewer with -short or -race)")
)

const (
	minute   = int64(time.Minute)
	dayMin   = 24 * 60        // minutes in a day of wall clock
	eraDays  = 16             // days of instants the reference knows around a change
	eraCells = eraDays * 1440 // minutes in them
	winFrom  = 4 * dayMin     // the cells the reference decides: [winFrom, winTo)
	winTo    = 12 * dayMin
)

// refEra is a DST change the random cases are centred on; the instants are
// those TestZoneTransitions pins.
type refEra struct {
	name   string
	zone   string
	change string
}

var refEras = []refEra{
	{"New York spring", "America/New_York", "2026-03-08T07:00:00Z"},
	{"New York autumn", "America/New_York", "2026-11-01T06:00:00Z"},
	{"London spring", "Europe/London", "2026-03-29T01:00:00Z"},
	{"London autumn", "Europe/London", "2026-10-25T01:00:00Z"},
	{"Cairo spring", "Africa/Cairo", "2026-04-23T22:00:00Z"},
	{"Cairo autumn", "Africa/Cairo", "2026-10-29T21:00:00Z"},
	{"Jerusalem spring", "Asia/Jerusalem", "2026-03-27T00:00:00Z"},
	{"Jerusalem autumn", "Asia/Jerusalem", "2026-10-24T23:00:00Z"},
	{"Tehran spring", "Asia/Tehran", "2022-03-21T20:30:00Z"},
	{"Tehran autumn", "Asia/Tehran", "2022-09-21T19:30:00Z"},
	{"Lord Howe autumn", "Australia/Lord_Howe", "2026-04-04T15:00:00Z"},
	{"Lord Howe spring", "Australia/Lord_Howe", "2026-10-03T15:30:00Z"},
	// Clocks that go back across midnight: the clock shows the day before
	// while the next date's intervals run.
	{"St Johns autumn 2006: 00:00:59 NDT back to 23:01 NST", "America/St_Johns", "2006-10-29T02:31:00Z"},
	{"St Johns autumn 1988: 00:00:59 NDDT back two hours to 22:01 NST", "America/St_Johns", "1988-10-30T01:31:00Z"},
	{"Goose Bay autumn 2006: 00:00:59 ADT back to 23:01 AST", "America/Goose_Bay", "2006-10-29T03:01:00Z"},
	{"Moncton autumn 1995: 00:00:59 ADT back to 23:01 AST", "America/Moncton", "1995-10-29T03:01:00Z"},
	{"Casey 2010: 01:59:59 +11 back to 23:00 +08 the day before", "Antarctica/Casey", "2010-03-04T15:00:00Z"},
	{"Phoenix 1944: 00:00:59 MWT back to 23:01 MST", "America/Phoenix", "1944-10-01T06:01:00Z"},
	// Changes at midnight, and dates that never happen.
	{"Havana autumn: 01:00 CDT back to 00:00 CST", "America/Havana", "2026-11-01T05:00:00Z"},
	{"Santiago autumn: 24:00 back to 23:00", "America/Santiago", "2026-04-05T03:00:00Z"},
	{"Apia 2011: 2011-12-30 never happens", "Pacific/Apia", "2011-12-30T10:00:00Z"},
	{"Kiritimati 1994: 1994-12-31 never happens", "Pacific/Kiritimati", "1994-12-31T10:00:00Z"},
	// The first and last dates the calendar knows.
	{"UTC: the first date, 1900-01-01", "UTC", "1900-01-01T00:00:00Z"},
	{"New York: the first date, 1900-01-01", "America/New_York", "1900-01-01T05:00:00Z"},
	{"New York: after the last date, 2150-01-01", "America/New_York", "2150-01-01T05:00:00Z"},
	{"Lord Howe: after the last date, in summer time", "Australia/Lord_Howe", "2149-12-31T13:00:00Z"},
}

// The dates a calendar knows, as civil day numbers: [refFirst, refEnd).
var (
	refFirst = civilDay(1900, 1, 1)
	refEnd   = civilDay(2150, 1, 1)
)

// zoneClock is what a zone's clock shows at each whole minute of eraDays
// days centred on an instant: keys[i] is the wall clock at start + i
// minutes, as civil day number * 1440 + minute of the day, so that
// comparing keys compares (date, time) lexicographically.
type zoneClock struct {
	zone  string
	loc   *time.Location
	start int64   // ns since the epoch of cell 0
	keys  []int64 // keys[i]: the clock at cell i
	pmax  []int64 // pmax[i]: max(keys[:i+1])
	// changeWall is the minute of the day the clock shows just before the
	// centre (rounded up), where the random schedules put many of their
	// wall times.
	changeWall int
}

var (
	clockMu sync.Mutex
	clocks  = map[string]*zoneClock{}
)

// wholeMinutes reports whether the zone's offsets are whole minutes in the
// era around center, as the reference needs.
func wholeMinutes(tb testing.TB, zone string, center time.Time) bool {
	loc := loadZone(tb, zone)
	for t := center.Add(-eraDays / 2 * 24 * time.Hour); t.Before(center.Add(eraDays / 2 * 24 * time.Hour)); t = t.Add(time.Hour) {
		if _, off := t.In(loc).Zone(); off%60 != 0 {
			return false
		}
	}
	return true
}

// clockFor returns the zone's clock around center, computed once.
func clockFor(tb testing.TB, zone string, center time.Time) *zoneClock {
	tb.Helper()
	clockMu.Lock()
	defer clockMu.Unlock()
	key := zone + "@" + center.UTC().Format(time.RFC3339)
	if z, ok := clocks[key]; ok {
		return z
	}
	loc := loadZone(tb, zone)
	z := &zoneClock{zone: zone, loc: loc, start: center.UnixNano() - eraDays/2*24*int64(time.Hour)}
	z.keys = make([]int64, eraCells)
	z.pmax = make([]int64, eraCells)
	for i := range eraCells {
		lt := time.Unix(0, z.start+int64(i)*minute).In(loc)
		if lt.Second() != 0 {
			tb.Fatalf("%s: the clock at %v is not on a whole minute; the reference needs whole-minute offsets", zone, lt)
		}
		y, m, d := lt.Date()
		z.keys[i] = civilDay(y, m, d)*dayMin + int64(lt.Hour()*60+lt.Minute())
		z.pmax[i] = z.keys[i]
		if i > 0 {
			z.pmax[i] = max(z.pmax[i-1], z.keys[i])
		}
	}
	before := center.Add(-time.Nanosecond).In(loc)
	z.changeWall = before.Hour()*60 + before.Minute() + 1
	clocks[key] = z
	return z
}

// resolve returns the cell of the earliest instant at which the clock
// shows key k or later (DESIGN meaning 2): the first cell whose key, or
// any earlier cell's, reaches k.
func (z *zoneClock) resolve(k int64) int {
	i := sort.Search(len(z.pmax), func(i int) bool { return z.pmax[i] >= k })
	if i == 0 || i == len(z.pmax) {
		panic(fmt.Sprintf("reference: %s wall time %s lies outside the %d days known", z.zone, keyString(k), eraDays))
	}
	return i
}

// cellOf is resolve for any key: before the era it is -1, after it the
// number of cells.
func (z *zoneClock) cellOf(k int64) int {
	switch {
	case k <= z.keys[0]:
		return -1
	case k > z.pmax[len(z.pmax)-1]:
		return len(z.pmax)
	}
	return z.resolve(k)
}

// resolveLinear is resolve without the running maximum, for checking it.
func (z *zoneClock) resolveLinear(k int64) int {
	for i, key := range z.keys {
		if key >= k {
			return i
		}
	}
	return len(z.keys)
}

func civilDay(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func civilDate(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }

// keyDay returns the civil day of clock key k (keys before 1970 are
// negative).
func keyDay(k int64) int64 {
	d := k / dayMin
	if k%dayMin < 0 {
		d--
	}
	return d
}

func keyString(k int64) string {
	m := k - keyDay(k)*dayMin
	return fmt.Sprintf("%s %02d:%02d", civilDate(keyDay(k)).Format(time.DateOnly), m/60, m%60)
}

// refIv is an interval of a date in minutes from its midnight: [open,
// close), close up to open+1440 for one that runs past midnight.
type refIv struct {
	open, close int
	zero        bool // write a close at midnight as "00:00", not "24:00"
}

func (iv refIv) String() string {
	c := iv.close
	switch {
	case c == dayMin && !iv.zero:
		return hm(iv.open) + "-24:00"
	case c >= dayMin:
		c -= dayMin
	}
	return hm(iv.open) + "-" + hm(c)
}

func hm(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// refSched is a schedule as the reference sees it; spec writes it as a
// calendar.Spec.
type refSched struct {
	zone     string
	week     [7][]refIv // by time.Weekday
	holidays []int64    // civil days closed once ("2026-03-10")
	yearly   []int64    // civil days whose month and day close every year ("03-10")
	dates    map[int64][]refIv
	style    int // how hours are written: 0 a key per day, 1 ranges, 2 a key per day and [] for closed days
}

func (s *refSched) clone() *refSched {
	c := *s
	for d := range s.week {
		c.week[d] = slices.Clone(s.week[d])
	}
	c.holidays = slices.Clone(s.holidays)
	c.yearly = slices.Clone(s.yearly)
	c.dates = map[int64][]refIv{}
	for k, v := range s.dates {
		c.dates[k] = append([]refIv{}, v...)
	}
	return &c
}

func weekdayOf(day int64) time.Weekday { return civilDate(day).Weekday() }

func (s *refSched) isHoliday(day int64) bool {
	if slices.Contains(s.holidays, day) {
		return true
	}
	_, m, d := civilDate(day).Date()
	for _, y := range s.yearly {
		if _, ym, yd := civilDate(y).Date(); ym == m && yd == d {
			return true
		}
	}
	return false
}

// intervalsOf is a date's own intervals: its override, none on a holiday,
// else its weekday's. Before the day before the first date and from the
// end on there are none.
func (s *refSched) intervalsOf(day int64) []refIv {
	if day < refFirst-1 || day >= refEnd {
		return nil
	}
	if ivs, ok := s.dates[day]; ok {
		return ivs
	}
	if s.isHoliday(day) {
		return nil
	}
	return s.week[weekdayOf(day)]
}

var dayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func ivStrings(ivs []refIv) []string {
	out := []string{}
	for _, iv := range ivs {
		out = append(out, iv.String())
	}
	return out
}

func (s *refSched) spec() calendar.Spec {
	sp := calendar.Spec{Zone: s.zone, Hours: map[string][]string{}}
	switch s.style {
	case 1:
		// Runs of days with the same hours become ranges, in week order
		// from Monday and wrapping past Sunday ("fri-mon").
		w := func(md int) time.Weekday { return time.Weekday((md%7 + 1) % 7) } // Monday-based to Weekday
		same := func(a, b int) bool {
			return slices.Equal(ivStrings(s.week[w(a)]), ivStrings(s.week[w(b)]))
		}
		first := -1
		for md := range 7 {
			if !same(md, md+6) {
				first = md
				break
			}
		}
		if first < 0 { // every day alike
			if len(s.week[time.Monday]) > 0 {
				sp.Hours["mon-sun"] = ivStrings(s.week[time.Monday])
			}
			break
		}
		for j := 0; j < 7; {
			k := j + 1
			for k < 7 && same(first+k, first+j) {
				k++
			}
			if ivs := s.week[w(first+j)]; len(ivs) > 0 {
				key := dayKeys[w(first+j)]
				if k-j > 1 {
					key += "-" + dayKeys[w(first+k-1)]
				}
				sp.Hours[key] = ivStrings(ivs)
			}
			j = k
		}
	default:
		for d, ivs := range s.week {
			if len(ivs) > 0 || s.style == 2 {
				sp.Hours[dayKeys[d]] = ivStrings(ivs)
			}
		}
	}
	for _, h := range s.holidays {
		sp.Holidays = append(sp.Holidays, civilDate(h).Format(time.DateOnly))
	}
	for _, h := range s.yearly {
		sp.Holidays = append(sp.Holidays, civilDate(h).Format("01-02"))
	}
	if len(s.dates) > 0 {
		sp.Dates = map[string][]string{}
		for d, ivs := range s.dates {
			sp.Dates[civilDate(d).Format(time.DateOnly)] = ivStrings(ivs)
		}
	}
	return sp
}

func (s *refSched) json() string {
	b, err := json.Marshal(s.spec())
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// valid reports whether the schedule is one New must accept: some weekly
// hours, no overlaps within a day, and no interval running past midnight
// into the next date's intervals once holidays and overrides are applied
// (DESIGN meaning 9). The weekly hours alone must not, since most weeks
// have no exception.
func (s *refSched) valid() bool {
	total := 0
	for _, ivs := range s.week {
		total += len(ivs)
		if !disjoint(ivs) {
			return false
		}
	}
	if total == 0 {
		return false
	}
	for d := range 7 {
		if spillsInto(s.week[d], s.week[(d+1)%7]) {
			return false
		}
	}
	for day := range s.dates {
		if !s.validAround(day) {
			return false
		}
	}
	return true
}

// validAround reports whether the override of day is valid: disjoint, and
// not overlapping its neighbours as they are.
func (s *refSched) validAround(day int64) bool {
	ivs := s.intervalsOf(day)
	return disjoint(s.dates[day]) && !spillsInto(s.intervalsOf(day-1), ivs) && !spillsInto(ivs, s.intervalsOf(day+1))
}

func disjoint(ivs []refIv) bool {
	for i, a := range ivs {
		if a.close <= a.open || a.close > a.open+dayMin || a.close == a.open+dayMin && a.open > 0 {
			return false // empty, or longer than a day: cannot be written
		}
		for _, b := range ivs[i+1:] {
			if a.open < b.close && b.open < a.close {
				return false
			}
		}
	}
	return true
}

func spillsInto(day, next []refIv) bool {
	for _, a := range day {
		for _, b := range next {
			if b.open+dayMin < a.close {
				return true
			}
		}
	}
	return false
}

// genSched makes a random valid schedule in z's zone with exceptions near
// the centre of z.
func genSched(r *rand.Rand, z *zoneClock) *refSched {
	s := &refSched{zone: z.zone, dates: map[int64][]refIv{}, style: r.IntN(3)}
	baseDay := keyDay(z.keys[eraCells/2])
	pick := func() int {
		switch r.IntN(3) {
		case 0: // near the change
			return min(max(z.changeWall+30*(r.IntN(7)-3), 0), dayMin)
		case 1:
			return 30 * r.IntN(49)
		}
		return r.IntN(dayMin + 1)
	}
	genDay := func(n int) []refIv {
		if r.IntN(20) == 0 {
			return []refIv{{open: 0, close: dayMin}}
		}
		var pts []int
		for tries := 0; len(pts) < 2*n && tries < 50; tries++ {
			if p := pick(); !slices.Contains(pts, p) {
				pts = append(pts, p)
			}
		}
		if len(pts)%2 == 1 {
			pts = pts[:len(pts)-1]
		}
		slices.Sort(pts)
		var ivs []refIv
		for i := 0; i+1 < len(pts); i += 2 {
			iv := refIv{open: pts[i], close: pts[i+1]}
			if n := len(ivs); n > 0 && r.IntN(8) == 0 {
				iv.open = ivs[n-1].close // touching the one before
			}
			ivs = append(ivs, iv)
		}
		if n := len(ivs); n > 0 && r.IntN(3) == 0 {
			// The last runs past midnight, or to 24:00.
			last := &ivs[n-1]
			if last.open < dayMin {
				last.close = last.open + 1 + r.IntN(dayMin-1)
				if r.IntN(3) == 0 {
					last.close = dayMin + r.IntN(max(last.open, 1))
				}
			}
		}
		for i := range ivs {
			if ivs[i].close == dayMin && ivs[i].open > 0 {
				ivs[i].zero = r.IntN(2) == 0
			}
		}
		return ivs
	}
	for d := range 7 {
		if r.IntN(4) > 0 {
			s.week[d] = genDay(1 + r.IntN(3))
		}
	}
	if r.IntN(2) == 0 { // the same hours on a range of days
		ivs := genDay(1 + r.IntN(3))
		from, n := r.IntN(7), 2+r.IntN(6)
		for k := range n {
			s.week[(from+k)%7] = slices.Clone(ivs)
		}
	}
	s.trimNightShifts()
	total := 0
	for _, ivs := range s.week {
		total += len(ivs)
	}
	if total == 0 {
		s.week[r.IntN(7)] = []refIv{{open: 9 * 60, close: 17 * 60}}
	}
	for range r.IntN(3) {
		s.holidays = append(s.holidays, baseDay-4+r.Int64N(9))
	}
	if r.IntN(10) == 0 {
		s.yearly = append(s.yearly, baseDay-4+r.Int64N(9))
	}
	for range r.IntN(4) {
		day := baseDay - 4 + r.Int64N(9)
		if r.IntN(3) == 0 {
			s.dates[day] = []refIv{}
		} else {
			s.dates[day] = genDay(1 + r.IntN(2))
		}
	}
	if r.IntN(3) == 0 {
		s.besideHoliday(r, baseDay-3+r.Int64N(7), genDay(1+r.IntN(2)))
	}
	s.dropInvalid()
	return s
}

// trimNightShifts ends each night shift no later than the next day's first
// opening.
func (s *refSched) trimNightShifts() {
	for d := range 7 {
		next := s.week[(d+1)%7]
		for i := range s.week[d] {
			iv := &s.week[d][i]
			for _, b := range next {
				if b.open+dayMin < iv.close {
					iv.close = b.open + dayMin
					iv.zero = false
				}
			}
		}
	}
}

// besideHoliday closes day and puts overrides beside it that are valid
// only because it does: one opening at midnight after it (after), and
// sometimes one whose night shift runs into it.
func (s *refSched) besideHoliday(r *rand.Rand, day int64, after []refIv) {
	s.holidays = append(s.holidays, day)
	if len(after) > 0 {
		after[0].open, after[0].zero = 0, false
	}
	s.dates[day+1] = after
	if r.IntN(2) == 0 {
		open := 18*60 + 30*r.IntN(10)
		s.dates[day-1] = []refIv{{open: open, close: dayMin + 60 + 30*r.IntN(12)}}
	}
}

// dropInvalid drops overrides that run into their neighbours, until none
// does.
func (s *refSched) dropInvalid() {
	for !s.valid() {
		dropped := false
		for _, day := range slices.Sorted(maps.Keys(s.dates)) {
			if !s.validAround(day) {
				delete(s.dates, day)
				dropped = true
				break
			}
		}
		if !dropped {
			panic("genSched: invalid weekly hours " + s.json())
		}
	}
}

// refCase is the reference's answer for one schedule: which cells of the
// window [winFrom, winTo) are open, and for each open one the date that
// owns it.
type refCase struct {
	z     *zoneClock
	s     *refSched
	open  []bool  // open[i-winFrom]
	owner []int64 // owner[i-winFrom]: the date whose interval holds cell i
	day0  int64   // the first date in res
	res   [][][2]int
	// The cells of the calendar's first instant and end (where the era
	// holds them; else far out): outside them it is closed.
	loCell, hiCell int
}

func newRefCase(z *zoneClock, s *refSched) *refCase {
	rc := &refCase{z: z, s: s}
	first := keyDay(z.keys[winFrom]) - 2
	last := keyDay(z.keys[winTo-1]) + 1
	rc.day0 = first
	for day := first; day <= last; day++ {
		var ivs [][2]int
		for _, iv := range s.intervalsOf(day) {
			a := z.resolve(day*dayMin + int64(iv.open))
			b := z.resolve(day*dayMin + int64(iv.close))
			ivs = append(ivs, [2]int{a, b})
		}
		rc.res = append(rc.res, ivs)
	}
	rc.loCell, rc.hiCell = z.cellOf(refFirst*dayMin), z.cellOf(refEnd*dayMin)
	rc.open = make([]bool, winTo-winFrom)
	rc.owner = make([]int64, winTo-winFrom)
	for i := max(winFrom, rc.loCell); i < min(winTo, rc.hiCell); i++ {
		// An interval that holds this minute belongs to its local date,
		// the day before (a night shift), or (around a change) one more
		// on either side.
		d := keyDay(z.keys[i])
		for day := d - 2; day <= d+1; day++ {
			for _, iv := range rc.res[day-rc.day0] {
				if iv[0] <= i && i < iv[1] {
					rc.open[i-winFrom] = true
					rc.owner[i-winFrom] = day
				}
			}
		}
	}
	return rc
}

func (rc *refCase) lo() int64 { return winFrom * minute }
func (rc *refCase) hi() int64 { return winTo * minute }

func (rc *refCase) openCell(c int64) bool {
	if c < winFrom || c >= winTo {
		panic(fmt.Sprintf("reference: cell %d outside the window", c))
	}
	return rc.open[c-winFrom]
}

// Instants in the reference are ns from z.start.
func (rc *refCase) at(x int64, loc *time.Location) time.Time {
	return time.Unix(0, rc.z.start+x).In(loc)
}

func (rc *refCase) show(x int64) string { return show(rc.at(x, rc.z.loc)) }

func (rc *refCase) isOpen(x int64) bool { return rc.openCell(x / minute) }

// between is the open time in [a, b), minute by minute.
func (rc *refCase) between(a, b int64) int64 {
	if a > b {
		return -rc.between(b, a)
	}
	var sum int64
	for c := a / minute; c*minute < b; c++ {
		if rc.openCell(c) {
			sum += min(b, (c+1)*minute) - max(a, c*minute)
		}
	}
	return sum
}

// add is the earliest u >= t with between(t, u) == d, for d > 0; false when
// the window ends first.
func (rc *refCase) add(t, d int64) (int64, bool) {
	for x := t; x < rc.hi(); {
		c := x / minute
		end := (c + 1) * minute
		if rc.openCell(c) {
			if d <= end-x {
				return x + d, true
			}
			d -= end - x
		}
		x = end
	}
	return 0, false
}

// sub is the latest u <= t with between(u, t) == d, for d > 0.
func (rc *refCase) sub(t, d int64) (int64, bool) {
	for x := t; x > rc.lo(); {
		c := (x - 1) / minute
		start := c * minute
		if rc.openCell(c) {
			if d <= x-start {
				return x - d, true
			}
			d -= x - start
		}
		x = start
	}
	return 0, false
}

// prevClose is the earliest u <= t with between(u, t) == 0: t when open
// time ends at t, else the last close before it.
func (rc *refCase) prevClose(t int64) (int64, bool) {
	for x := t; x > rc.lo(); {
		c := (x - 1) / minute
		if rc.openCell(c) {
			return x, true
		}
		x = c * minute
	}
	return 0, false
}

func (rc *refCase) nextOpen(t int64) (int64, bool) {
	if rc.isOpen(t) {
		return t, true
	}
	for c := t/minute + 1; c < winTo; c++ {
		if rc.openCell(c) {
			return c * minute, true
		}
	}
	return 0, false
}

func (rc *refCase) nextClose(t int64) (int64, bool) {
	s, ok := rc.nextOpen(t)
	if !ok {
		return 0, false
	}
	// A run that reaches the calendar's end lasts beyond what it knows:
	// no close.
	for c := s / minute; c < min(winTo, int64(rc.hiCell)); c++ {
		if !rc.openCell(c) {
			return c * minute, true
		}
	}
	return 0, false
}

// intervals is the open runs in [from, to), merged, clipped.
func (rc *refCase) intervals(from, to int64) [][2]int64 {
	var runs [][2]int64
	for c := from / minute; c*minute < to; c++ {
		if !rc.openCell(c) {
			continue
		}
		a, b := max(from, c*minute), min(to, (c+1)*minute)
		if n := len(runs); n > 0 && runs[n-1][1] == a {
			runs[n-1][1] = b
		} else {
			runs = append(runs, [2]int64{a, b})
		}
	}
	return runs
}

// What the reference knows of an AddDays.
type refKind int

const (
	refAt      refKind = iota // the answer is an instant
	refNone                   // the calendar has no such working day: the zero Time
	refUnknown                // the answer lies beyond what the reference knows
)

// addDays follows DESIGN meaning 7 literally.
func (rc *refCase) addDays(t int64, n int) (int64, refKind) {
	s, ok := rc.nextOpen(t)
	if !ok {
		return 0, refUnknown
	}
	if n == 0 {
		return s, refAt
	}
	c := s / minute
	owner := rc.owner[c-winFrom]
	frac := s - c*minute
	wall := rc.z.keys[c] - owner*dayMin // minutes from the owner's midnight on its clock
	day, step, k := owner, int64(1), n
	if n < 0 {
		step, k = -1, -n
	}
	for k > 0 {
		day += step
		if day < refFirst || day >= refEnd {
			return 0, refNone // working days lie within the calendar's dates
		}
		if day < rc.day0 || day >= rc.day0+int64(len(rc.res)) {
			return 0, refUnknown
		}
		if len(rc.s.intervalsOf(day)) > 0 {
			k--
		}
	}
	key := day*dayMin + wall
	i := rc.z.cellOf(key)
	if i < 0 || i >= len(rc.z.keys) {
		return 0, refUnknown
	}
	u := int64(i) * minute
	if rc.z.keys[i] == key {
		u += frac // the clock shows the same seconds too
	}
	// The day's intervals, cut at the calendar's first instant and end.
	var ivs [][2]int64
	for _, iv := range rc.res[day-rc.day0] {
		a, b := max(iv[0], rc.loCell), min(iv[1], rc.hiCell)
		ivs = append(ivs, [2]int64{int64(a) * minute, int64(max(a, b)) * minute})
	}
	switch {
	case u < ivs[0][0]:
		u = ivs[0][0]
	case u >= ivs[len(ivs)-1][1]:
		u = ivs[len(ivs)-1][1]
	default:
		for _, iv := range ivs {
			if u < iv[0] { // in a break
				u = iv[0]
				break
			}
			if u < iv[1] {
				break
			}
		}
	}
	if u < rc.lo() || u >= rc.hi() {
		return 0, refUnknown
	}
	return u, refAt
}

// refCheck compares one answer of the fast code with the reference; run
// returns "" when they agree, else what differs.
type refCheck struct {
	name string
	run  func(rc *refCase, c *calendar.Calendar) string
}

func runCheck(ck refCheck, rc *refCase, c *calendar.Calendar) (msg string) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprintf("panic: %v", p)
		}
	}()
	return ck.run(rc, c)
}

// sameInstant says what is wrong with got, an answer that should be the
// reference instant want (ns from z.start) in location loc.
func sameInstant(rc *refCase, got time.Time, want int64, loc *time.Location) string {
	w := rc.at(want, loc)
	if !got.Equal(w) {
		return fmt.Sprintf("(-want +got):\n%s", cmp.Diff(show(w), show(got)))
	}
	if got.Location().String() != loc.String() {
		return fmt.Sprintf("answer in location %q, want %q (the location of the argument)", got.Location(), loc)
	}
	return ""
}

// refGen draws the queries of one case.
type refGen struct {
	r    *rand.Rand
	rc   *refCase
	locs []*time.Location
}

// instant is a random instant within three days of the change, often close
// to it, sometimes off the whole minute.
func (g *refGen) instant() int64 {
	mid := int64(eraCells / 2)
	var c int64
	switch g.r.IntN(3) {
	case 0:
		c = mid - 180 + g.r.Int64N(360)
	case 1:
		c = mid - dayMin + g.r.Int64N(2*dayMin)
	default:
		c = mid - 3*dayMin + g.r.Int64N(6*dayMin)
	}
	x := c * minute
	if g.r.IntN(5) == 0 {
		x += g.r.Int64N(minute)
	}
	return x
}

// duration is a random duration of open time, at most avail when avail is
// positive: mostly whole minutes, sometimes with seconds and nanoseconds.
func (g *refGen) duration(avail int64) int64 {
	var d int64
	switch g.r.IntN(3) {
	case 0:
		d = (1 + g.r.Int64N(120)) * minute
	case 1:
		d = (1 + g.r.Int64N(24*60)) * minute
	default:
		d = (1 + g.r.Int64N(3*24*60)) * minute
	}
	if avail >= minute && d > avail {
		d = (1 + g.r.Int64N(avail/minute)) * minute
	}
	if g.r.IntN(10) == 0 {
		d += g.r.Int64N(minute)
		if avail > 0 && d > avail {
			d = 1 + g.r.Int64N(avail)
		}
	}
	return d
}

func (g *refGen) loc() *time.Location { return g.locs[g.r.IntN(len(g.locs))] }

// checks draws the queries for one case.
func (g *refGen) checks(withDays bool) []refCheck {
	cks := g.openChecks()
	cks = append(cks, g.addChecks()...)
	cks = append(cks, g.runChecks()...)
	if withDays {
		cks = append(cks, g.dayChecks()...)
	}
	return cks
}

// openChecks draws IsOpen and Between queries.
func (g *refGen) openChecks() []refCheck {
	var cks []refCheck
	for range 12 {
		x, loc := g.instant(), g.loc()
		cks = append(cks, refCheck{"IsOpen", func(rc *refCase, c *calendar.Calendar) string {
			got, want := c.IsOpen(rc.at(x, loc)), rc.isOpen(x)
			if got != want {
				return fmt.Sprintf("IsOpen(%s) = %v, want %v", show(rc.at(x, loc)), got, want)
			}
			return ""
		}})
	}
	for range 4 {
		a, b, loc := g.instant(), g.instant(), g.loc()
		cks = append(cks, refCheck{"Between", func(rc *refCase, c *calendar.Calendar) string {
			A, B := rc.at(a, loc), rc.at(b, loc)
			want := time.Duration(rc.between(a, b))
			got, back := c.Between(A, B), c.Between(B, A)
			if got != want || back != -want {
				return fmt.Sprintf("a = %s, b = %s: Between(a, b) = %v, Between(b, a) = %v, want %v and %v",
					show(A), show(B), got, back, want, -want)
			}
			return ""
		}})
	}
	for range 2 {
		a, b, x := g.instant(), g.instant(), g.instant()
		cks = append(cks, refCheck{"Between additive", func(rc *refCase, c *calendar.Calendar) string {
			A, B, X := rc.at(a, rc.z.loc), rc.at(b, rc.z.loc), rc.at(x, rc.z.loc)
			whole, parts := c.Between(A, B), c.Between(A, X)+c.Between(X, B)
			if whole != parts {
				return fmt.Sprintf("a = %s, b = %s, split at %s: Between(a, b) = %v, the parts add up to %v",
					show(A), show(B), show(X), whole, parts)
			}
			return ""
		}})
	}
	return cks
}

// addChecks draws Add queries, forward and back.
func (g *refGen) addChecks() []refCheck {
	var cks []refCheck
	for range 4 {
		x, loc := g.instant(), g.loc()
		d := g.duration(g.rc.between(x, g.rc.hi()))
		cks = append(cks, refCheck{"Add forward", func(rc *refCase, c *calendar.Calendar) string {
			T := rc.at(x, loc)
			got := c.Add(T, time.Duration(d))
			head := fmt.Sprintf("t = %s, d = %v: Add(t, d)", show(T), time.Duration(d))
			u, ok := rc.add(x, d)
			if !ok {
				if !got.IsZero() && got.Before(rc.at(rc.hi(), loc)) {
					return fmt.Sprintf("%s = %s, want an instant at or after %s (the window's open time is less than d)", head, show(got), rc.show(rc.hi()))
				}
				return ""
			}
			if m := sameInstant(rc, got, u, loc); m != "" {
				return head + " " + m
			}
			if b := c.Between(T, got); b != time.Duration(d) {
				return fmt.Sprintf("%s = %s, but Between(t, Add(t, d)) = %v", head, show(got), b)
			}
			back := c.Add(got, -time.Duration(d))
			want, _ := rc.nextOpen(x)
			if m := sameInstant(rc, back, want, loc); m != "" {
				return fmt.Sprintf("%s = %s; Add(Add(t, d), -d) should be NextOpen(t) %s", head, show(got), m)
			}
			return ""
		}})
	}
	for range 4 {
		x, loc := g.instant(), g.loc()
		d := g.duration(g.rc.between(g.rc.lo(), x))
		cks = append(cks, refCheck{"Add backward", func(rc *refCase, c *calendar.Calendar) string {
			T := rc.at(x, loc)
			got := c.Add(T, -time.Duration(d))
			head := fmt.Sprintf("t = %s, d = %v: Add(t, -d)", show(T), time.Duration(d))
			u, ok := rc.sub(x, d)
			if !ok {
				if !got.IsZero() && !got.Before(rc.at(rc.lo(), loc)) {
					return fmt.Sprintf("%s = %s, want an instant before %s (the window's open time is less than d)", head, show(got), rc.show(rc.lo()))
				}
				return ""
			}
			if m := sameInstant(rc, got, u, loc); m != "" {
				return head + " " + m
			}
			if b := c.Between(got, T); b != time.Duration(d) {
				return fmt.Sprintf("%s = %s, but Between(Add(t, -d), t) = %v", head, show(got), b)
			}
			fwd := c.Add(got, time.Duration(d))
			want, _ := rc.prevClose(x)
			if m := sameInstant(rc, fwd, want, loc); m != "" {
				return fmt.Sprintf("%s = %s; Add(Add(t, -d), d) should be the end of the open time up to t %s", head, show(got), m)
			}
			if z := c.Add(T, 0); !z.Equal(T) {
				return fmt.Sprintf("Add(t, 0) = %s, want t = %s", show(z), show(T))
			}
			return ""
		}})
	}
	return cks
}

// runChecks draws NextOpen, NextClose and Intervals queries.
func (g *refGen) runChecks() []refCheck {
	var cks []refCheck
	for range 4 {
		x, loc := g.instant(), g.loc()
		cks = append(cks, refCheck{"NextOpen", func(rc *refCase, c *calendar.Calendar) string {
			T := rc.at(x, loc)
			got, gok := c.NextOpen(T)
			u, ok := rc.nextOpen(x)
			head := fmt.Sprintf("NextOpen(%s)", show(T))
			switch {
			case !ok && gok && got.Before(rc.at(rc.hi(), loc)):
				return fmt.Sprintf("%s = %s, want none before %s", head, show(got), rc.show(rc.hi()))
			case ok && !gok:
				return fmt.Sprintf("%s reports none, want %s", head, rc.show(u))
			case ok:
				if m := sameInstant(rc, got, u, loc); m != "" {
					return head + " " + m
				}
			}
			return ""
		}})
		y, loc2 := g.instant(), g.loc()
		cks = append(cks, refCheck{"NextClose", func(rc *refCase, c *calendar.Calendar) string {
			T := rc.at(y, loc2)
			got, gok := c.NextClose(T)
			u, ok := rc.nextClose(y)
			head := fmt.Sprintf("NextClose(%s)", show(T))
			switch {
			case !ok && gok && got.Before(rc.at(rc.hi(), loc2)):
				return fmt.Sprintf("%s = %s, want none before %s", head, show(got), rc.show(rc.hi()))
			case ok && !gok:
				return fmt.Sprintf("%s reports none, want %s", head, rc.show(u))
			case ok:
				if m := sameInstant(rc, got, u, loc2); m != "" {
					return head + " " + m
				}
			}
			return ""
		}})
	}
	{
		a, b := g.instant(), g.instant()
		if a > b {
			a, b = b, a
		}
		loc := g.loc()
		cks = append(cks, refCheck{"Intervals", func(rc *refCase, c *calendar.Calendar) string {
			A, B := rc.at(a, loc), rc.at(b, loc)
			var want, got []string
			for _, run := range rc.intervals(a, b) {
				want = append(want, show(rc.at(run[0], loc))+" to "+show(rc.at(run[1], loc)))
			}
			for s, e := range c.Intervals(A, B) {
				got = append(got, show(s)+" to "+show(e))
				if s.Location().String() != loc.String() || e.Location().String() != loc.String() {
					return fmt.Sprintf("Intervals(%s, %s) answers in %q, want %q", show(A), show(B), s.Location(), loc)
				}
				if len(got) > 10000 {
					break
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				return fmt.Sprintf("Intervals(%s, %s) (-want +got):\n%s", show(A), show(B), diff)
			}
			return ""
		}})
	}
	return cks
}

// dayChecks draws AddDays queries.
func (g *refGen) dayChecks() []refCheck {
	var cks []refCheck
	for range 3 {
		x, n, loc := g.instant(), g.r.IntN(7)-3, g.loc()
		cks = append(cks, refCheck{"AddDays", func(rc *refCase, c *calendar.Calendar) string {
			u, kind := rc.addDays(x, n)
			T := rc.at(x, loc)
			got := c.AddDays(T, n)
			switch kind {
			case refUnknown:
				return ""
			case refNone:
				if !got.IsZero() {
					return fmt.Sprintf("AddDays(%s, %d) = %s, want the zero Time (no such working day)", show(T), n, show(got))
				}
				return ""
			}
			if m := sameInstant(rc, got, u, loc); m != "" {
				return fmt.Sprintf("AddDays(%s, %d) %s", show(T), n, m)
			}
			return ""
		}})
	}
	return cks
}

// simpler lists schedules one step simpler than s, for shrinking.
func (s *refSched) simpler() []*refSched {
	var out []*refSched
	for _, day := range slices.Sorted(maps.Keys(s.dates)) {
		t := s.clone()
		delete(t.dates, day)
		out = append(out, t)
	}
	for i := range s.holidays {
		t := s.clone()
		t.holidays = slices.Delete(t.holidays, i, i+1)
		out = append(out, t)
	}
	for i := range s.yearly {
		t := s.clone()
		t.yearly = slices.Delete(t.yearly, i, i+1)
		out = append(out, t)
	}
	for d := range s.week {
		if len(s.week[d]) > 0 {
			t := s.clone()
			t.week[d] = nil
			out = append(out, t)
		}
		if len(s.week[d]) > 1 {
			for i := range s.week[d] {
				t := s.clone()
				t.week[d] = slices.Delete(t.week[d], i, i+1)
				out = append(out, t)
			}
		}
	}
	for _, day := range slices.Sorted(maps.Keys(s.dates)) {
		for i := range s.dates[day] {
			t := s.clone()
			t.dates[day] = slices.Delete(t.dates[day], i, i+1)
			out = append(out, t)
		}
	}
	if s.style != 0 {
		t := s.clone()
		t.style = 0
		out = append(out, t)
	}
	return out
}

// shrink simplifies s while the check still fails.
func shrink(z *zoneClock, s *refSched, ck refCheck, msg string) (*refSched, string) {
	for range 300 {
		better := false
		for _, t := range s.simpler() {
			if !t.valid() {
				continue
			}
			c, err := calendar.New(t.spec())
			if err != nil {
				continue
			}
			if m := runCheck(ck, newRefCase(z, t), c); m != "" {
				s, msg, better = t, m, true
				break
			}
		}
		if !better {
			break
		}
	}
	return s, msg
}

// refCaseCount is the number of random schedules TestReference draws
// (TestUnionReference draws a fortieth as many unions): a few seconds'
// worth by default, many more with SLACLOCK_LONG=1 (CI sets it).
func refCaseCount() int {
	switch {
	case *refCases > 0:
		return *refCases
	case os.Getenv("SLACLOCK_LONG") == "1":
		return 100000
	case raceEnabled:
		return 300
	case testing.Short():
		return 500
	}
	return 2000
}

// TestReference compares the fast code with the minute-by-minute reference
// on random schedules near the DST changes of refEras. A failure prints the
// seed, the schedule shrunk to what still fails, and the instants.
func TestReference(t *testing.T) {
	seed := *refSeed
	n := refCaseCount()
	r := rand.New(rand.NewPCG(seed, seed^0x5ca1ab1e))
	var zones []*zoneClock
	for _, e := range refEras {
		zones = append(zones, clockFor(t, e.zone, instant(t, e.change)))
	}
	began := time.Now()
	checks, failed, reported := 0, 0, 0
	failedBy := map[string]int{}
	for i := range n {
		ei := r.IntN(len(refEras))
		z := zones[ei]
		s := genSched(r, z)
		if !s.valid() {
			t.Fatalf("seed %d case %d: the generator made an invalid schedule %s", seed, i, s.json())
		}
		c, err := calendar.New(s.spec())
		if err != nil {
			failed++
			failedBy["New"]++
			if reported < 12 {
				reported++
				t.Errorf("seed %d case %d (%s): New(%s): %v", seed, i, refEras[ei].name, s.json(), err)
			}
			continue
		}
		rc := newRefCase(z, s)
		g := &refGen{r: r, rc: rc, locs: []*time.Location{z.loc, time.UTC, time.FixedZone("UTC-0700", -7*3600)}}
		for _, ck := range g.checks(true) {
			checks++
			msg := runCheck(ck, rc, c)
			if msg == "" {
				continue
			}
			failed++
			failedBy[ck.name]++
			if reported < 12 {
				reported++
				small, smsg := shrink(z, s, ck, msg)
				t.Errorf("seed %d case %d (%s), %s disagrees with the reference:\n  spec: %s\n  %s\n  (before shrinking: %s\n  %s)",
					seed, i, refEras[ei].name, ck.name, small.json(), smsg, s.json(), msg)
			}
		}
	}
	if failed > 0 {
		t.Errorf("seed %d: %d of %d checks on %d schedules disagree with the reference: %v", seed, failed, checks, n, failedBy)
	}
	t.Logf("seed %d: %d random schedules, %d checks, %v", seed, n, checks, time.Since(began).Round(time.Millisecond))
}

// unionZones are the zones TestUnionReference joins to an era's.
var unionZones = []string{"America/New_York", "Europe/London", "Africa/Cairo", "Asia/Jerusalem", "Asia/Tehran", "Australia/Lord_Howe", "America/St_Johns"}

// TestUnionReference compares a union of random calendars in different
// zones with the reference: open when any member is.
func TestUnionReference(t *testing.T) {
	seed := *refSeed
	n := max(refCaseCount()/40, 5)
	r := rand.New(rand.NewPCG(seed, seed^0x0417))
	failed, reported, checks := 0, 0, 0
	for i := range n {
		e := refEras[r.IntN(len(refEras))]
		center := instant(t, e.change)
		zoneNames := []string{e.zone}
		for _, o := range unionZones {
			if !slices.Contains(zoneNames, o) && r.IntN(3) == 0 && wholeMinutes(t, o, center) {
				zoneNames = append(zoneNames, o)
			}
		}
		if len(zoneNames) == 1 {
			zoneNames = append(zoneNames, "Australia/Lord_Howe")
			if e.zone == "Australia/Lord_Howe" {
				zoneNames[1] = "America/New_York"
			}
		}
		var members []*calendar.Calendar
		var specs []string
		var cases []*refCase
		for _, zn := range zoneNames {
			z := clockFor(t, zn, center)
			s := genSched(r, z)
			c, err := calendar.New(s.spec())
			if err != nil {
				t.Fatalf("seed %d union case %d: New(%s): %v", seed, i, s.json(), err)
			}
			members = append(members, c)
			specs = append(specs, s.json())
			cases = append(cases, newRefCase(z, s))
		}
		u, err := calendar.Union(members...)
		if err != nil {
			t.Fatalf("seed %d union case %d: Union: %v", seed, i, err)
		}
		if got := u.Location().String(); got != e.zone {
			t.Errorf("Union location = %q, want the first member's %q", got, e.zone)
		}
		// The union's reference: the first member's, open where any is.
		rc := *cases[0]
		rc.open = slices.Clone(rc.open)
		for _, m := range cases[1:] {
			rc.loCell, rc.hiCell = max(rc.loCell, m.loCell), min(rc.hiCell, m.hiCell)
			for k := range rc.open {
				rc.open[k] = rc.open[k] || m.open[k]
			}
		}
		// A union knows the instants all its members know.
		for k := range rc.open {
			if c := winFrom + k; c < rc.loCell || c >= rc.hiCell {
				rc.open[k] = false
			}
		}
		g := &refGen{r: r, rc: &rc, locs: []*time.Location{rc.z.loc, time.UTC}}
		for _, ck := range g.checks(false) {
			checks++
			if msg := runCheck(ck, &rc, u); msg != "" {
				failed++
				if reported < 8 {
					reported++
					t.Errorf("seed %d union case %d (%s), %s disagrees with the reference:\n  members: %s\n  %s",
						seed, i, e.name, ck.name, strings.Join(specs, "\n           "), msg)
				}
			}
		}
	}
	if failed > 0 {
		t.Errorf("seed %d: %d of %d union checks disagree with the reference", seed, failed, checks)
	}
}

// The reference itself, against values worked out by hand and against a
// plain scan.
func TestReferenceByHand(t *testing.T) {
	hours := func(zone string, ivs ...refIv) *refSched {
		s := &refSched{zone: zone, dates: map[int64][]refIv{}}
		for d := range s.week {
			s.week[d] = ivs
		}
		return s
	}
	tests := []struct {
		name   string
		change string
		s      *refSched
		from   string
		to     string
		want   time.Duration
	}{
		{"New York autumn: 01:30-03:00 is 2.5 real hours", "2026-11-01T06:00:00Z", hours("America/New_York", refIv{open: 90, close: 180}),
			"2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 150 * time.Minute},
		{"New York autumn: 00:00-02:00 is 3 real hours", "2026-11-01T06:00:00Z", hours("America/New_York", refIv{open: 0, close: 120}),
			"2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 3 * time.Hour},
		{"New York spring: 24x7 Sunday is 23 hours", "2026-03-08T07:00:00Z", hours("America/New_York", refIv{open: 0, close: dayMin}),
			"2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 23 * time.Hour},
		{"Cairo spring: a Thursday night shift 23:30-01:00 is 30 minutes", "2026-04-23T22:00:00Z", hours("Africa/Cairo", refIv{open: 23*60 + 30, close: dayMin + 60}),
			"2026-04-23T20:00:00+02:00", "2026-04-24T05:00:00+03:00", 30 * time.Minute},
		{"Lord Howe autumn: 24x7 Sunday is 24.5 hours", "2026-04-04T15:00:00Z", hours("Australia/Lord_Howe", refIv{open: 0, close: dayMin}),
			"2026-04-05T00:00:00+11:00", "2026-04-06T00:00:00+10:30", 24*time.Hour + 30*time.Minute},
		{"Tehran autumn: 00:00-17:00 is 17 hours", "2022-09-21T19:30:00Z", hours("Asia/Tehran", refIv{open: 0, close: 17 * 60}),
			"2022-09-21T00:00:00+04:30", "2022-09-22T00:00:00+03:30", 17 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := clockFor(t, tt.s.zone, instant(t, tt.change))
			rc := newRefCase(z, tt.s)
			a := instant(t, tt.from).UnixNano() - z.start
			b := instant(t, tt.to).UnixNano() - z.start
			if got := time.Duration(rc.between(a, b)); got != tt.want {
				t.Errorf("reference between = %v, want %v", got, tt.want)
			}
		})
	}
	for _, e := range refEras {
		z := clockFor(t, e.zone, instant(t, e.change))
		for k := z.keys[winFrom]; k < z.keys[winTo]; k += 7 {
			if got, want := z.resolve(k), z.resolveLinear(k); got != want {
				t.Fatalf("%s: resolve(%s) = cell %d, a plain scan finds %d", e.name, keyString(k), got, want)
			}
		}
	}
}

// Country holiday sets on their dates, worked out by hand from
// (*cal.Holiday).Calc of github.com/rickar/cal/v2 v2.1.13.
func TestCountryHolidays(t *testing.T) {
	tests := []struct {
		name     string
		zone     string
		holidays []string
		actual   bool
		from, to string
		want     time.Duration
	}{
		{"us: Thanksgiving Thursday 2026-11-26 is closed", "America/New_York", []string{"us"}, false,
			"2026-11-23T00:00:00-05:00", "2026-11-30T00:00:00-05:00", 32 * time.Hour},
		{"us observed: Independence Day on Saturday 2026-07-04 closes Friday 07-03", "America/New_York", []string{"us"}, false,
			"2026-06-29T00:00:00-04:00", "2026-07-06T00:00:00-04:00", 32 * time.Hour},
		{"us actual: Independence Day on Saturday 2026-07-04 leaves Friday open", "America/New_York", []string{"us"}, true,
			"2026-06-29T00:00:00-04:00", "2026-07-06T00:00:00-04:00", 40 * time.Hour},
		{"us observed: New Year 2022 (a Saturday) closes Friday 2021-12-31", "America/New_York", []string{"us"}, false,
			"2021-12-27T00:00:00-05:00", "2022-01-03T00:00:00-05:00", 32 * time.Hour},
		{"gb observed: Christmas Friday, Boxing Day moved to Monday 12-28, New Year Friday", "Europe/London", []string{"gb"}, false,
			"2026-12-21T00:00:00Z", "2027-01-04T00:00:00Z", 56 * time.Hour},
		{"gb actual: Boxing Day on Saturday 2026-12-26 leaves Monday 12-28 open", "Europe/London", []string{"gb"}, true,
			"2026-12-21T00:00:00Z", "2027-01-04T00:00:00Z", 64 * time.Hour},
		{"de-by: Corpus Christi Thursday 2026-06-04 is a Bavarian holiday", "Europe/Berlin", []string{"de-by"}, false,
			"2026-06-01T00:00:00+02:00", "2026-06-08T00:00:00+02:00", 32 * time.Hour},
		{"de: Corpus Christi is not a national holiday", "Europe/Berlin", []string{"de"}, false,
			"2026-06-01T00:00:00+02:00", "2026-06-08T00:00:00+02:00", 40 * time.Hour},
		{"au-nsw: Good Friday 2026-04-03 and Easter Monday 04-06 are closed", "Australia/Sydney", []string{"au-nsw"}, false,
			"2026-03-30T00:00:00+11:00", "2026-04-13T00:00:00+10:00", 64 * time.Hour},
		{"au-nsw: Australia Day Monday 2026-01-26 is closed", "Australia/Sydney", []string{"au-nsw"}, false,
			"2026-01-26T00:00:00+11:00", "2026-02-02T00:00:00+11:00", 32 * time.Hour},
		{"us plus a custom date 2026-11-27: the whole Thanksgiving weekend", "America/New_York", []string{"us", "2026-11-27"}, false,
			"2026-11-23T00:00:00-05:00", "2026-11-30T00:00:00-05:00", 24 * time.Hour},
		{"yearly custom date 12-24 closes Thursday 2026-12-24 and Christmas Friday by us", "America/New_York", []string{"12-24", "us"}, false,
			"2026-12-21T00:00:00-05:00", "2026-12-28T00:00:00-05:00", 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := calendar.Spec{Zone: tt.zone, Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: tt.holidays}
			if tt.actual {
				s.HolidayDates = "actual"
			}
			c := mustNew(t, s)
			if got := c.Between(instant(t, tt.from), instant(t, tt.to)); got != tt.want {
				t.Errorf("Between(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// Long spans against a plain count of working days: Mon-Fri 09:00-17:00 in
// New York is 8 real hours on every working day, whatever the DST, so the
// open time of a span is 8h times the weekdays in it that are not US
// holidays (observed dates from rickar/cal's Calc, listed by hand here).
func TestLongSpans(t *testing.T) {
	c := mustNew(t, calendar.Spec{Zone: "America/New_York", Hours: map[string][]string{"mon-fri": {"09:00-17:00"}}, Holidays: []string{"us"}})
	ny := loadZone(t, "America/New_York")
	holidays := usObserved(t)
	working := func(d time.Time) bool {
		wd := d.Weekday()
		return wd != time.Saturday && wd != time.Sunday && !holidays[d.Format(time.DateOnly)]
	}
	tests := []struct{ from, to time.Time }{
		{time.Date(2026, 3, 2, 0, 0, 0, 0, ny), time.Date(2026, 3, 3, 0, 0, 0, 0, ny)},
		{time.Date(2026, 3, 2, 0, 0, 0, 0, ny), time.Date(2026, 4, 2, 0, 0, 0, 0, ny)},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, ny), time.Date(2027, 1, 1, 0, 0, 0, 0, ny)},
		{time.Date(2020, 1, 1, 0, 0, 0, 0, ny), time.Date(2030, 1, 1, 0, 0, 0, 0, ny)},
		{time.Date(2021, 12, 31, 0, 0, 0, 0, ny), time.Date(2033, 7, 5, 0, 0, 0, 0, ny)},
	}
	for _, tt := range tests {
		days := 0
		for d := tt.from; d.Before(tt.to); d = d.AddDate(0, 0, 1) {
			if working(d) {
				days++
			}
		}
		want := time.Duration(days) * 8 * time.Hour
		if got := c.Between(tt.from, tt.to); got != want {
			t.Errorf("Between(%s, %s) = %v, want %v (%d working days)", show(tt.from), show(tt.to), got, want, days)
		}
		// The same open time forward from the start ends at 17:00 of the
		// last working day before the end.
		last := tt.to.AddDate(0, 0, -1)
		for !working(last) {
			last = last.AddDate(0, 0, -1)
		}
		wantEnd := time.Date(last.Year(), last.Month(), last.Day(), 17, 0, 0, 0, ny)
		if got := c.Add(tt.from, want); !got.Equal(wantEnd) {
			t.Errorf("Add(%s, %v) = %s, want %s", show(tt.from), want, show(got), show(wantEnd))
		}
	}
	// AddDays over hundreds of working days, counted the same way.
	start := time.Date(2026, 7, 2, 15, 30, 0, 0, ny)
	for _, n := range []int{1, 5, 20, 250, 2500, -1, -20, -250, -2500} {
		d, step, k := start, 1, n
		if n < 0 {
			step, k = -1, -n
		}
		for k > 0 {
			d = d.AddDate(0, 0, step)
			if working(d) {
				k--
			}
		}
		want := time.Date(d.Year(), d.Month(), d.Day(), 15, 30, 0, 0, ny)
		if got := c.AddDays(start, n); !got.Equal(want) {
			t.Errorf("AddDays(%s, %d) = %s, want %s", show(start), n, show(got), show(want))
		}
	}
}

// usObserved lists the observed dates of the US holidays 2010-2040, as
// (*cal.Holiday).Calc gives them, written out by hand.
func usObserved(tb testing.TB) map[string]bool {
	tb.Helper()
	m := map[string]bool{}
	for y := 2010; y <= 2040; y++ {
		at := func(mo time.Month, d int) time.Time { return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC) }
		nth := func(mo time.Month, wd time.Weekday, n int) time.Time { // n-th weekday of the month; n < 0 from the end
			if n > 0 {
				d := at(mo, 1)
				for d.Weekday() != wd {
					d = d.AddDate(0, 0, 1)
				}
				return d.AddDate(0, 0, 7*(n-1))
			}
			d := at(mo+1, 1).AddDate(0, 0, -1)
			for d.Weekday() != wd {
				d = d.AddDate(0, 0, -1)
			}
			return d
		}
		observed := func(d time.Time) time.Time { // Saturday to Friday, Sunday to Monday
			switch d.Weekday() {
			case time.Saturday:
				return d.AddDate(0, 0, -1)
			case time.Sunday:
				return d.AddDate(0, 0, 1)
			}
			return d
		}
		for _, d := range []time.Time{
			observed(at(time.January, 1)),        // New Year's Day
			nth(time.January, time.Monday, 3),    // Martin Luther King Jr. Day
			nth(time.February, time.Monday, 3),   // Presidents' Day
			nth(time.May, time.Monday, -1),       // Memorial Day
			observed(at(time.July, 4)),           // Independence Day
			nth(time.September, time.Monday, 1),  // Labor Day
			nth(time.October, time.Monday, 2),    // Columbus Day
			observed(at(time.November, 11)),      // Veterans Day
			nth(time.November, time.Thursday, 4), // Thanksgiving
			observed(at(time.December, 25)),      // Christmas
		} {
			m[d.Format(time.DateOnly)] = true
		}
		if y >= 2021 {
			m[observed(at(time.June, 19)).Format(time.DateOnly)] = true // Juneteenth, from 2021
		}
	}
	return m
}

// A calendar is safe for concurrent use: goroutines asking at once get the
// answers one asking alone gets (run with -race to see data races).
func TestConcurrentUse(t *testing.T) {
	c := mustNew(t, calendar.Spec{
		Zone:     "America/New_York",
		Hours:    map[string][]string{"mon-fri": {"09:00-12:00", "13:00-17:00"}, "sat": {"22:00-06:00"}},
		Holidays: []string{"us"},
		Dates:    map[string][]string{"2026-12-24": {"09:00-13:00"}},
	})
	u := mustUnion(t, c, calendar.Always())
	base := instant(t, "2026-03-06T16:00:00-05:00")
	type answer struct {
		add, next, close, days time.Time
		between                time.Duration
		open                   bool
	}
	ask := func(cal *calendar.Calendar, i int) answer {
		at := base.Add(time.Duration(i) * 97 * time.Minute)
		n, _ := cal.NextOpen(at)
		e, _ := cal.NextClose(at)
		return answer{cal.Add(at, time.Duration(i)*time.Hour), n, e, cal.AddDays(at, i%7), cal.Between(base, at), cal.IsOpen(at)}
	}
	const n = 200
	var want [2][n]answer
	for i := range n {
		want[0][i], want[1][i] = ask(c, i), ask(u, i)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*n)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				k := (i + g*31) % n
				for j, cal := range []*calendar.Calendar{c, u} {
					if got := ask(cal, k); got != want[j][k] {
						errs <- fmt.Sprintf("goroutine %d, question %d: %+v, alone %+v", g, k, got, want[j][k])
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func mustUnion(tb testing.TB, cals ...*calendar.Calendar) *calendar.Calendar {
	tb.Helper()
	u, err := calendar.Union(cals...)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}
