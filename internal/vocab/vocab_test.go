package vocab

import (
	"testing"
	"time"
)

func TestStates(t *testing.T) {
	states := States()
	if len(states) != 56 {
		t.Errorf("%d states, want 50, DC and 5 territories", len(states))
	}
	for i, s := range states {
		if i > 0 && states[i-1].Code >= s.Code {
			t.Errorf("states not sorted by code at %s", s.Code)
		}
		if _, err := time.LoadLocation(s.Zone); err != nil {
			t.Errorf("%s: zone %q: %v", s.Code, s.Zone, err)
		}
	}
	if s, ok := StateOf("nm"); !ok || s.Code != "NM" || s.Slug() != "nm" {
		t.Errorf("StateOf(nm) = %v, %v", s, ok)
	}
	if _, ok := StateOf("XX"); ok {
		t.Errorf("StateOf(XX) found a state")
	}
}

func TestDays(t *testing.T) {
	for i, d := range Days() {
		wd, ok := Weekday(d)
		if !ok || DayOf(wd) != d || int(wd) != (i+1)%7 {
			t.Errorf("Weekday(%q) = %v, %v", d, wd, ok)
		}
	}
	if _, ok := Weekday("Tuesday"); ok {
		t.Errorf("Weekday accepted a capitalised day")
	}
}

func TestTimeOfDay(t *testing.T) {
	for _, tt := range []struct {
		h, m int
		want string
	}{{0, 0, "morning"}, {11, 59, "morning"}, {12, 0, "afternoon"}, {17, 0, "afternoon"}, {17, 1, "evening"}, {23, 59, "evening"}} {
		if got := TimeOfDay(tt.h, tt.m); got != tt.want {
			t.Errorf("TimeOfDay(%d, %d) = %q, want %q", tt.h, tt.m, got, tt.want)
		}
	}
}
