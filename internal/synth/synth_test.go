package synth

import (
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/civil"
)

// TestSiteChecks proves the generated data is valid, so benchmarks measure real work.
func TestSiteChecks(t *testing.T) {
	fsys := Site(Options{Groups: 600, Seed: 1})
	s, diags := build.Check(fsys, build.Options{Now: civil.Date{Year: 2026, Month: 11, Day: 23}})
	for _, d := range diags {
		t.Errorf("%s", d)
	}
	if s == nil {
		t.Fatal("no site built")
	}
	if len(s.Groups) < 500 || len(s.Groups) >= 600 {
		t.Errorf("published %d groups of 600, want most but not all (some are private or ended)", len(s.Groups))
	}
}
