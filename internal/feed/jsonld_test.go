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
		{"in person with daily hours", "ny-facilitator-2027-04", map[string]any{
			"@context": "https://schema.org", "@type": "Event",
			"name":                "Connection Facilitator Training, Albany",
			"startDate":           "2027-04-10T09:00:00-04:00",
			"endDate":             "2027-04-11T17:00:00-04:00",
			"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
			"eventStatus":         "https://schema.org/EventScheduled",
			"url":                 "https://example.org/connection/trainings/ny-facilitator-2027-04/",
			"location": map[string]any{
				"@type": "Place", "name": "NAMI New York State Office",
				"address": map[string]any{"@type": "PostalAddress", "streetAddress": "99 Pine St",
					"addressLocality": "Albany", "addressRegion": "NY", "postalCode": "12207", "addressCountry": "US"},
				"geo": map[string]any{"@type": "GeoCoordinates", "latitude": 42.65, "longitude": -73.75},
			},
			"organizer": map[string]any{"@type": "Organization", "name": "NAMI New York State",
				"url": "https://example.org/connection/affiliates/nami-new-york-state/"},
			"maximumAttendeeCapacity": 16.0,
		}},
		{"standard time", "oh-facilitator-2026-12", map[string]any{
			"startDate": "2026-12-04T09:00:00-05:00",
			"endDate":   "2026-12-06T16:30:00-05:00",
		}},
		{"online, full, no hours", "co-conexion-online-2027-05", map[string]any{
			// No daily hours: the days, with no invented hour.
			"startDate":           "2027-05-01",
			"endDate":             "2027-05-02",
			"eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
			"eventStatus":         "https://schema.org/EventScheduled",
			"location": map[string]any{"@type": "VirtualLocation",
				"url": "https://example.org/connection/trainings/co-conexion-online-2027-05/"},
			"inLanguage":              "es",
			"maximumAttendeeCapacity": nil,
		}},
		{"cancelled", "ny-cancelled-2026-11", map[string]any{
			"eventStatus": "https://schema.org/EventCancelled",
			"name":        "Trainer </script><b>Training</b> & more",
			"startDate":   "2026-11-20", "endDate": "2026-11-20",
		}},
		{"postponed, daylight saving time", "ny-postponed-2027-06", map[string]any{
			"eventStatus": "https://schema.org/EventPostponed",
			"startDate":   "2027-06-05T18:00:00-04:00",
			"endDate":     "2027-06-05T20:00:00-04:00",
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
