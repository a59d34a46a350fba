package feed

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestEventJSONLD(t *testing.T) {
	s := testSite(t)
	tests := []struct {
		name string
		slug string
		want map[string]any // field -> value; nil value: absent
	}{
		{"in person with daily hours", "ohio-facilitator-2026-04", map[string]any{
			"@context": "https://schema.org", "@type": "Event",
			"name":                "Connection Facilitator Training, Columbus",
			"startDate":           "2026-04-11T09:00:00-04:00",
			"endDate":             "2026-04-12T17:00:00-04:00",
			"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
			"eventStatus":         "https://schema.org/EventScheduled",
			"url":                 "https://groups.example.org/trainings/ohio-facilitator-2026-04/",
			"location": map[string]any{
				"@type": "Place", "name": "NAMI Ohio Office",
				"address": map[string]any{"@type": "PostalAddress", "streetAddress": "1225 Dublin Rd",
					"addressLocality": "Columbus", "addressRegion": "OH", "postalCode": "43215", "addressCountry": "US"},
				"geo": map[string]any{"@type": "GeoCoordinates", "latitude": 39.97, "longitude": -83.04},
			},
			"organizer": map[string]any{"@type": "Organization", "name": "NAMI Ohio",
				"url": "https://groups.example.org/affiliates/nami-ohio/"},
			"maximumAttendeeCapacity": 16.0,
		}},
		{"online, full, no hours", "conexion-online-2026-05", map[string]any{
			// No daily hours: the days, with no invented hour.
			"startDate":           "2026-05-02",
			"endDate":             "2026-05-03",
			"eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
			"eventStatus":         "https://schema.org/EventScheduled",
			"location": map[string]any{"@type": "VirtualLocation",
				"url": "https://groups.example.org/trainings/conexion-online-2026-05/"},
			"inLanguage":              "es",
			"maximumAttendeeCapacity": nil,
		}},
		{"cancelled", "ohio-cancelled", map[string]any{
			"eventStatus": "https://schema.org/EventCancelled",
			"name":        "Trainer </script><b>Training</b> & more",
			"startDate":   "2026-03-01", "endDate": "2026-03-01",
		}},
		{"postponed, daylight saving time", "ohio-postponed", map[string]any{
			"eventStatus": "https://schema.org/EventPostponed",
			"startDate":   "2026-06-06T18:00:00-04:00",
			"endDate":     "2026-06-06T20:00:00-04:00",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tr = s.Trainings[0]
			for _, x := range s.Trainings {
				if x.Slug == tt.slug {
					tr = x
				}
			}
			if tr.Slug != tt.slug {
				t.Fatalf("no training %q in the test site", tt.slug)
			}
			b, err := EventJSONLD(s, tr)
			if err != nil {
				t.Fatalf("EventJSONLD(%q): %v", tt.slug, err)
			}
			for _, bad := range []string{"<", ">", "&"} {
				if bytes.Contains(b, []byte(bad)) {
					t.Errorf("EventJSONLD(%q) contains %q, unsafe in a script element", tt.slug, bad)
				}
			}
			var got map[string]any
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("EventJSONLD(%q) is not JSON: %v", tt.slug, err)
			}
			for field, want := range tt.want {
				v, present := got[field]
				switch {
				case want == nil && present:
					t.Errorf("EventJSONLD(%q): %s = %v, want absent", tt.slug, field, v)
				case want != nil && !equalJSON(v, want):
					t.Errorf("EventJSONLD(%q): %s = %v, want %v", tt.slug, field, v, want)
				}
			}
			if d, _ := got["description"].(string); strings.TrimSpace(d) == "" {
				t.Errorf("EventJSONLD(%q): description empty", tt.slug)
			}
			again, _ := EventJSONLD(s, tr)
			if !bytes.Equal(b, again) {
				t.Errorf("EventJSONLD(%q) differs between calls", tt.slug)
			}
		})
	}
	if _, err := EventJSONLD(s, nil); err == nil {
		t.Errorf("EventJSONLD(nil) = nil error, want an error")
	}
}
