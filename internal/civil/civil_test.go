package civil

import (
	"fmt"
	"testing"
	"time"
)

// TestString: dates and clocks are written as fmt writes "%04d-%02d-%02d" and "%02d:%02d",
// within the usual ranges and beyond them.
func TestString(t *testing.T) {
	for _, y := range []int{-1, 0, 7, 99, 2026, 9999, 10000} {
		for _, m := range []time.Month{-1, 0, 1, 9, 10, 12, 100} {
			for _, d := range []int{-5, 0, 1, 9, 10, 31, 99, 100} {
				date := Date{Year: y, Month: m, Day: d}
				if got, want := date.String(), fmt.Sprintf("%04d-%02d-%02d", y, m, d); got != want {
					t.Errorf("Date%v.String() = %q, want %q", []int{y, int(m), d}, got, want)
				}
			}
		}
	}
	for _, h := range []int{-1, 0, 5, 23, 99, 100} {
		for _, m := range []int{-1, 0, 7, 59, 100} {
			if got, want := (Clock{Hour: h, Minute: m}).String(), fmt.Sprintf("%02d:%02d", h, m); got != want {
				t.Errorf("Clock{%d, %d}.String() = %q, want %q", h, m, got, want)
			}
		}
	}
}

// TestAtSkippedTime: a clock time the day skips is read with the offset before the skip, as
// RFC 5545 reads it; every other time is itself, in the hour the clocks fall back too (the
// first of the two).
func TestAtSkippedTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	spring := Date{2027, time.March, 14}
	fall := Date{2027, time.November, 7}
	tests := []struct {
		d    Date
		c    Clock
		want string
	}{
		{spring, Clock{2, 30}, "2027-03-14 03:30 EDT"},
		{spring, Clock{2, 0}, "2027-03-14 03:00 EDT"},
		{spring, Clock{1, 30}, "2027-03-14 01:30 EST"},
		{spring, Clock{3, 0}, "2027-03-14 03:00 EDT"},
		{fall, Clock{1, 30}, "2027-11-07 01:30 EDT"},
		{fall, Clock{18, 30}, "2027-11-07 18:30 EST"},
	}
	for _, tt := range tests {
		if got := tt.d.At(tt.c, ny).Format("2006-01-02 15:04 MST"); got != tt.want {
			t.Errorf("%s.At(%02d:%02d) = %s, want %s", tt.d, tt.c.Hour, tt.c.Minute, got, tt.want)
		}
	}
}
