package sitetest

import "testing"

func TestFixtureBuilds(t *testing.T) {
	s := Build(t, Fixture(t), Date(t, "2026-11-20"))
	if len(s.Groups) != 5 || len(s.Trainings) != 3 || len(s.Guides) != 3 || len(s.Languages) != 2 {
		t.Errorf("fixture: %d groups, %d trainings, %d guides, languages %v", len(s.Groups), len(s.Trainings), len(s.Guides), s.Languages)
	}
	s2 := Build(t, Sample(t), Date(t, "2026-12-01"))
	if len(s2.Groups) < 20 {
		t.Errorf("sample: %d groups", len(s2.Groups))
	}
}
