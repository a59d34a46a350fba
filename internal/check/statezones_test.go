package check

import (
	"testing"

	"sitegen/internal/civil"
	"sitegen/internal/vocab"
)

// Every state and territory an affiliate may name has zones, each a real zone of the
// database the build embeds, so that no warning can suggest a name check would refuse.
func TestZonesOfEveryState(t *testing.T) {
	c := &checker{opts: Options{Now: civil.Date{Year: 2026, Month: 12, Day: 4}}}
	for _, code := range vocab.StateCodes() {
		zones := zonesOfState(code)
		if len(zones) == 0 {
			t.Errorf("%s has no zones", code)
		}
		for _, z := range zones {
			if c.loadZone(z) == nil {
				t.Errorf("%s: %q is not a zone of the embedded database", code, z)
			}
		}
	}
}

func TestClockGap(t *testing.T) {
	c := &checker{opts: Options{Now: civil.Date{Year: 2026, Month: 12, Day: 4}}}
	for _, tc := range []struct {
		zone, state string
		fits        bool
		off         string
	}{
		{"America/Los_Angeles", "OR", true, ""},
		{"US/Pacific", "OR", true, ""},    // another name of the same zone
		{"America/Boise", "OR", true, ""}, // Malheur County
		{"America/New_York", "OR", false, "3 hours"},
		{"America/Chicago", "OR", false, "2 hours"},
		{"America/Denver", "AZ", true, ""}, // the Navajo Nation
		{"America/New_York", "AZ", false, "2 to 3 hours"},
		{"America/Denver", "UT", true, ""},
		{"America/Phoenix", "UT", false, "1 hour for part of the year"},
		{"America/Indiana/Indianapolis", "IN", true, ""},
		{"America/Fort_Wayne", "IN", true, ""}, // an old name of Indianapolis's
		{"America/New_York", "IN", true, ""},   // rules that agree with Indianapolis's since 2007
		{"Asia/Kolkata", "OH", false, "9.5 to 10.5 hours"},
		{"America/New_York", "HI", false, "5 to 6 hours"},
	} {
		g, ok := c.gap(tc.zone, tc.state)
		if !ok {
			t.Errorf("%s in %s: not compared", tc.zone, tc.state)
			continue
		}
		if g.fits != tc.fits || (!g.fits && g.off() != tc.off) {
			t.Errorf("%s in %s: fits %v, off %q; want %v, %q", tc.zone, tc.state, g.fits, g.off(), tc.fits, tc.off)
		}
	}
	for _, tc := range []struct{ zone, state string }{{"Mars/Olympus", "OR"}, {"America/New_York", "XX"}} {
		if _, ok := c.gap(tc.zone, tc.state); ok {
			t.Errorf("%s in %s: compared, though one is unknown", tc.zone, tc.state)
		}
	}
}
