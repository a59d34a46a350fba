package build

import (
	"testing"
	"time"

	"sitegen/internal/site"
)

// TestTrainingDates checks where a training's dates come from: the site's history when it has
// them; the file's modification time for a change not committed (keeping the first date) or a
// file outside the history; nothing in a file system without modification times.
func TestTrainingDates(t *testing.T) {
	fsys := sampleSite(t)
	mod := time.Date(2026, 10, 1, 8, 0, 0, 500, time.FixedZone("", -4*3600))
	fsys["data/trainings/oh-trainer-2027-03.yaml"].ModTime = mod
	fsys["data/trainings/nm-facilitator-2027-02.yaml"].ModTime = mod
	fsys["data/trainings/az-facilitator-2026-09.yaml"].ModTime = mod
	first := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	last := time.Date(2026, 9, 15, 14, 45, 0, 0, time.UTC)
	known := map[string]site.FileDates{
		"data/trainings/oh-facilitator-2026-10.yaml": {Created: first, Changed: last},
		"data/trainings/oh-trainer-2027-03.yaml":     {Created: first}, // changed since
		"data/trainings/az-facilitator-2026-09.yaml": {Created: first, Changed: last},
	}
	_, s, diags := Load(fsys, Options{Now: now, FileDates: known}, nil)
	if s == nil {
		t.Fatalf("Load: %v", diags)
	}
	modUTC := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	want := map[string][2]time.Time{
		"oh-facilitator-2026-10":            {first, last},
		"oh-trainer-2027-03":                {first, modUTC},
		"nm-facilitator-2027-02":            {modUTC, modUTC},
		"az-facilitator-2026-09":            {first, last}, // the history wins over the file's date
		"nm-conexion-facilitadores-2027-04": {},            // no date anywhere
	}
	for _, tr := range s.Trainings {
		w, ok := want[tr.Slug]
		if !ok {
			continue
		}
		if !tr.Published.Equal(w[0]) || !tr.Updated.Equal(w[1]) {
			t.Errorf("%s: published, updated = %v, %v; want %v, %v", tr.Slug, tr.Published, tr.Updated, w[0], w[1])
		}
		delete(want, tr.Slug)
	}
	if len(want) > 0 {
		t.Errorf("trainings not in the sample site: %v", want)
	}
}
