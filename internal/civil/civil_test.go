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
