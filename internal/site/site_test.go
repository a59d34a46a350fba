package site

import (
	"testing"
	"time"
)

func TestListState(t *testing.T) {
	oh := &Affiliate{State: "OH"}
	tests := []struct {
		name string
		g    *Group
		want string
	}{
		{"meets in its affiliate's state", &Group{Affiliate: oh, Place: &Place{State: "OH"}}, "oh"},
		{"meets across the state line", &Group{Affiliate: oh, Place: &Place{State: "PA"}}, "pa"},
		{"online", &Group{Affiliate: oh, Online: &Online{}}, "oh"},
	}
	for _, tt := range tests {
		if got := tt.g.ListState(); got != tt.want {
			t.Errorf("%s: ListState() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestZonesLoadsEachZoneOnce(t *testing.T) {
	z := zones{}
	ny := z.get("America/New_York", time.UTC)
	if ny.String() != "America/New_York" {
		t.Fatalf("got %v", ny)
	}
	// time.LoadLocation makes a new Location on every call: the same one back means it was
	// not loaded again.
	if again := z.get("America/New_York", time.UTC); again != ny {
		t.Error("America/New_York was loaded twice")
	}
	if got := z.get("", ny); got != ny {
		t.Errorf("no name: got %v, want the fallback", got)
	}
	if got := z.get("Nowhere/Atlantis", ny); got != ny {
		t.Errorf("unknown zone: got %v, want the fallback", got)
	}
	if len(z) != 1 {
		t.Errorf("%d zones held, want 1", len(z))
	}
}
