package calendar

import (
	"testing"
	"time"
)

// The range's constants are the dates they name.
func TestRangeConstants(t *testing.T) {
	tests := []struct {
		name      string
		got, want civil
	}{
		{"firstDay is 1900-01-01", firstDay, civilOf(firstYear, time.January, 1)},
		{"endDay is 2150-01-01", endDay, civilOf(endYear, time.January, 1)},
		{"setFirst is 1899-12-31", setFirst, civilOf(1899, time.December, 31)},
		{"a dateSet ends at endDay", setFirst + setDays, endDay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %d, want %d", tt.got, tt.want)
			}
		})
	}
}
