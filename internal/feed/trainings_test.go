package feed

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"sitegen/internal/sitetest"
)

func TestTrainingsJSON(t *testing.T) {
	s := testSite(t)
	b, err := TrainingsJSON(s)
	if err != nil {
		t.Fatalf("TrainingsJSON: %v", err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("TrainingsJSON output is not a JSON array: %v", err)
	}
	var order []string
	bySlug := make(map[string]map[string]any)
	for _, e := range got {
		slug := e["slug"].(string)
		order = append(order, slug)
		bySlug[slug] = e
	}
	wantOrder := []string{"oh-trainer-2026-03", "ny-cancelled-2026-11", "oh-facilitator-2026-12", "nm-correctional-2027-02",
		"az-champions-2027-02", "ny-conexion-2027-03", "ny-facilitator-2027-04", "co-conexion-online-2027-05", "ny-postponed-2027-06"}
	if !equalJSON(order, wantOrder) {
		t.Errorf("TrainingsJSON order = %v, want %v", order, wantOrder)
	}
	tests := []struct {
		name string
		slug string
		want map[string]any // nil value: absent
	}{
		{"past", "oh-trainer-2026-03", map[string]any{"upcoming": false, "start": "2026-03-01", "daily": nil, "location": nil}},
		{"ends on the build date", "ny-cancelled-2026-11", map[string]any{"upcoming": true, "status": "cancelled", "setting": "correctional"}},
		{"in person with everything", "ny-facilitator-2027-04", map[string]any{
			"title": "Connection Facilitator Training, Albany", "kind": "facilitator", "program": "connection",
			"language": "en", "start": "2027-04-10", "end": "2027-04-11", "timezone": "America/New_York",
			"attendance": "in-person", "status": "open", "seats": 16.0, "upcoming": true,
			"host": map[string]any{"slug": "nami-new-york-state", "name": "NAMI New York State",
				"url": "https://example.org/connection/affiliates/nami-new-york-state/"},
			"daily": map[string]any{"start": "09:00", "end": "17:00"},
			"location": map[string]any{"name": "NAMI New York State Office", "street": "99 Pine St", "city": "Albany",
				"state": "NY", "postal_code": "12207", "latitude": 42.65, "longitude": -73.75},
			"application": map[string]any{"deadline": "2027-03-20", "url": "https://naminys.example.org/apply",
				"contact": "train@naminys.example.org", "screening": true},
			"url": "https://example.org/connection/trainings/ny-facilitator-2027-04/",
		}},
		{"online without hours", "co-conexion-online-2027-05", map[string]any{
			"language": "es", "program": "conexion", "timezone": "America/Denver", "location": nil,
			"daily": nil, "seats": nil, "application": nil, "status": "full",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := bySlug[tt.slug]
			if !ok {
				t.Fatalf("TrainingsJSON has no %q", tt.slug)
			}
			for field, want := range tt.want {
				v, present := e[field]
				switch {
				case want == nil && present:
					t.Errorf("training %q: %s = %v, want absent", tt.slug, field, v)
				case want != nil && !equalJSON(v, want):
					t.Errorf("training %q: %s = %v, want %v", tt.slug, field, v, want)
				}
			}
		})
	}
	again, err := TrainingsJSON(s)
	if err != nil || !bytes.Equal(b, again) {
		t.Errorf("TrainingsJSON differs between calls (err %v)", err)
	}
	if bytes.Contains(b, []byte("</script>")) {
		t.Errorf("TrainingsJSON contains an unescaped </script>")
	}
}

// TestTrainingFactsZone checks the daily hours of a training in words, as feed summaries and
// JSON-LD descriptions give them: with the zone of its days, as its page names it, or the
// zone's name across the year when its days straddle a change of offset.
func TestTrainingFactsZone(t *testing.T) {
	s := testSite(t)
	tests := []struct {
		name, slug, want string
	}{
		{"summer days", "ny-facilitator-2027-04", "2027-04-10 to 2027-04-11, 09:00–17:00 EDT."},
		{"winter days", "oh-facilitator-2026-12", "2026-12-04 to 2026-12-06, 09:00–16:30 EST."},
		{"across the change to daylight time", "ny-conexion-2027-03", "2027-03-13 to 2027-03-15, 09:00–16:00 Eastern Time."},
		{"no daily hours", "co-conexion-online-2027-05", "2027-05-01 to 2027-05-02."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := sitetest.Training(t, s, tt.slug)
			facts := trainingFacts(s, tr)
			if !slices.Contains(facts, tt.want) {
				t.Errorf("trainingFacts(%s) = %q, want a line %q", tr.Slug, facts, tt.want)
			}
		})
	}
}
