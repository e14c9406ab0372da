package policy

import (
	"strings"
	"time"
)

// Escalation is one level of escalation after a breach, for escalation
// chains: at a share of the goal above 100% ("150%": the cycle has used
// half as much again as its goal) or a lead time past the promise ("2h":
// two hours of business time after the promise was due). Exactly one field
// is set. Levels are numbered from 1 in the order a target writes them.
type Escalation struct {
	Of    Percent       // of the goal, above 100%
	After time.Duration // business time past the promise, positive
}

// ParseEscalation reads the document form of an escalation: a percentage
// above 100% ("150%") or a business-time duration ("2h"). Errors are
// [*Error] values.
func ParseEscalation(s string) (Escalation, error) {
	if strings.HasSuffix(s, "%") {
		p, err := ParsePercent(s)
		if err != nil {
			return Escalation{}, err
		}
		if p <= 100*OnePercent {
			return Escalation{}, errorf("", s, ErrBadEscalation, "a share of the goal above 100%%, or a lead time past the promise")
		}
		return Escalation{Of: p}, nil
	}
	d, err := ParseDuration(s)
	if err != nil {
		return Escalation{}, err
	}
	if d.IsDays() {
		return Escalation{}, errorf("", s, ErrBadDuration, "a lead time past the promise is business time, not business days")
	}
	return Escalation{After: d.Time()}, nil
}

// String returns the document form of e: "150%" or "2h".
func (e Escalation) String() string {
	if e.After != 0 {
		return BusinessTime(e.After).String()
	}
	return e.Of.String()
}

// Threshold returns the business time used at which e is reached, for a
// goal and a promise of those lengths in business time: the share of the
// goal, or the promise plus the lead time.
func (e Escalation) Threshold(goal, promise time.Duration) time.Duration {
	if e.After != 0 {
		return promise + e.After
	}
	return e.Of.Of(goal)
}
