package feed

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"sitegen/internal/civil"
	"sitegen/internal/site"
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
	wantOrder := []string{"ohio-past-2025", "ohio-cancelled", "ohio-facilitator-2026-04", "conexion-online-2026-05", "ohio-postponed"}
	if !equalJSON(order, wantOrder) {
		t.Errorf("TrainingsJSON order = %v, want %v", order, wantOrder)
	}
	tests := []struct {
		name string
		slug string
		want map[string]any // nil value: absent
	}{
		{"past", "ohio-past-2025", map[string]any{"upcoming": false, "start": "2025-10-04", "daily": nil, "location": nil}},
		{"ends on the build date", "ohio-cancelled", map[string]any{"upcoming": true, "status": "cancelled", "setting": "correctional"}},
		{"in person with everything", "ohio-facilitator-2026-04", map[string]any{
			"title": "Connection Facilitator Training, Columbus", "kind": "facilitator", "program": "connection",
			"language": "en", "start": "2026-04-11", "end": "2026-04-12", "timezone": "America/New_York",
			"attendance": "in-person", "status": "open", "seats": 16.0, "upcoming": true,
			"host":  map[string]any{"slug": "nami-ohio", "name": "NAMI Ohio", "url": "https://groups.example.org/affiliates/nami-ohio/"},
			"daily": map[string]any{"start": "09:00", "end": "17:00"},
			"location": map[string]any{"name": "NAMI Ohio Office", "street": "1225 Dublin Rd", "city": "Columbus",
				"state": "OH", "postal_code": "43215", "latitude": 39.97, "longitude": -83.04},
			"application": map[string]any{"deadline": "2026-03-20", "url": "https://namiohio.org/apply",
				"contact": "train@namiohio.org", "screening": true},
			"url": "https://groups.example.org/trainings/ohio-facilitator-2026-04/",
		}},
		{"online without hours", "conexion-online-2026-05", map[string]any{
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
	byslug := map[string]*site.Training{}
	for _, tr := range s.Trainings {
		byslug[tr.Slug] = tr
	}
	straddle := *byslug["ohio-facilitator-2026-04"]
	straddle.Start, straddle.End = civil.Date{Year: 2026, Month: 3, Day: 7}, civil.Date{Year: 2026, Month: 3, Day: 9}
	tests := []struct {
		name string
		tr   *site.Training
		want string
	}{
		{"summer days", byslug["ohio-facilitator-2026-04"], "2026-04-11 to 2026-04-12, 09:00–17:00 EDT."},
		{"across the change to daylight time", &straddle, "2026-03-07 to 2026-03-09, 09:00–17:00 Eastern Time."},
		{"no daily hours", byslug["conexion-online-2026-05"], "2026-05-02 to 2026-05-03."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := trainingFacts(s, tt.tr)
			if !slices.Contains(facts, tt.want) {
				t.Errorf("trainingFacts(%s) = %q, want a line %q", tt.tr.Slug, facts, tt.want)
			}
		})
	}
}
