package sitetest

import (
	"slices"
	"testing"
)

func TestFixtureBuilds(t *testing.T) {
	s := Build(t, Fixture(t), Date(t, "2026-11-20"))
	if len(s.Groups) != 16 || len(s.Trainings) != 9 || len(s.Guides) != 3 || len(s.Languages) != 2 {
		t.Errorf("fixture: %d groups, %d trainings, %d guides, languages %v", len(s.Groups), len(s.Trainings), len(s.Guides), s.Languages)
	}
	var states []string
	for _, g := range s.Groups {
		if !slices.Contains(states, g.ListState()) {
			states = append(states, g.ListState())
		}
	}
	slices.Sort(states)
	if want := []string{"az", "co", "nm", "ny", "oh", "pr"}; !slices.Equal(states, want) {
		t.Errorf("fixture: groups in %v, want %v", states, want)
	}
	s2 := Build(t, Sample(t), Date(t, "2026-12-01"))
	if len(s2.Groups) < 20 {
		t.Errorf("sample: %d groups", len(s2.Groups))
	}
}
