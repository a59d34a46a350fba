package feed

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"sitegen/internal/site"
)

type ldEvent struct {
	Context             string          `json:"@context"`
	Type                string          `json:"@type"`
	Name                string          `json:"name"`
	StartDate           string          `json:"startDate"`
	EndDate             string          `json:"endDate"`
	EventAttendanceMode string          `json:"eventAttendanceMode"`
	EventStatus         string          `json:"eventStatus"`
	Location            any             `json:"location"`
	Organizer           *ldOrganization `json:"organizer,omitempty"`
	URL                 string          `json:"url"`
	Description         string          `json:"description"`
	InLanguage          string          `json:"inLanguage,omitempty"`
	Capacity            int             `json:"maximumAttendeeCapacity,omitempty"`
}

type ldOrganization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type ldPlace struct {
	Type    string           `json:"@type"`
	Name    string           `json:"name,omitempty"`
	Address *ldAddress       `json:"address,omitempty"`
	Geo     *ldGeoCoordinate `json:"geo,omitempty"`
}

type ldAddress struct {
	Type            string `json:"@type"`
	StreetAddress   string `json:"streetAddress,omitempty"`
	AddressLocality string `json:"addressLocality,omitempty"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	PostalCode      string `json:"postalCode,omitempty"`
	AddressCountry  string `json:"addressCountry"`
}

type ldGeoCoordinate struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type ldVirtualLocation struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

// EventJSONLD returns the schema.org Event of training t as JSON-LD, for the
// <script type="application/ld+json"> data block of its page.
//
// With daily hours, startDate and endDate are date-times with the UTC offset of the
// training's zone on those days ("2026-03-14T09:00:00-04:00"): the start of the first day and
// the end of the last. Without them, they are dates ("2026-03-14"), as schema.org allows:
// the training's days, with no invented hour. A full training is still EventScheduled. An
// online training's location is a VirtualLocation whose url is the training page, which says
// how to apply. The output escapes <, > and & in strings (\u003c …), so it cannot end the
// script element it is embedded in.
func EventJSONLD(s *site.Site, t *site.Training) ([]byte, error) {
	if t == nil {
		return nil, fmt.Errorf("event json-ld: no training")
	}
	loc := zoneOf(s, t.Location)
	ev := ldEvent{
		Context:     "https://schema.org",
		Type:        "Event",
		Name:        t.Title,
		URL:         trainingURL(s, t),
		Description: strings.Join(trainingFacts(s, t), " "),
		InLanguage:  t.Language,
		Capacity:    t.Seats,
	}
	if d := t.Daily; d != nil {
		ev.StartDate = t.Start.At(d.Start, loc).Format(time.RFC3339)
		ev.EndDate = t.End.At(d.End, loc).Format(time.RFC3339)
	} else {
		ev.StartDate = t.Start.String()
		ev.EndDate = t.End.String()
	}
	switch t.Status {
	case "cancelled":
		ev.EventStatus = "https://schema.org/EventCancelled"
	case "postponed":
		ev.EventStatus = "https://schema.org/EventPostponed"
	default:
		ev.EventStatus = "https://schema.org/EventScheduled"
	}
	if p := t.Place; p != nil && t.Attendance != "online" {
		ev.EventAttendanceMode = "https://schema.org/OfflineEventAttendanceMode"
		pl := &ldPlace{
			Type: "Place",
			Name: p.Name,
			Address: &ldAddress{
				Type:            "PostalAddress",
				StreetAddress:   p.Street,
				AddressLocality: p.City,
				AddressRegion:   p.State,
				PostalCode:      p.PostalCode,
				AddressCountry:  "US",
			},
		}
		if p.HasCoords {
			pl.Geo = &ldGeoCoordinate{Type: "GeoCoordinates", Latitude: p.Lat, Longitude: p.Lon}
		}
		ev.Location = pl
	} else {
		ev.EventAttendanceMode = "https://schema.org/OnlineEventAttendanceMode"
		ev.Location = &ldVirtualLocation{Type: "VirtualLocation", URL: trainingURL(s, t)}
	}
	if h := t.Host; h != nil {
		ev.Organizer = &ldOrganization{Type: "Organization", Name: h.Name, URL: affiliateURL(s, h)}
	}
	// json.Marshal (not an Encoder with SetEscapeHTML(false)) keeps <, > and & escaped.
	return json.MarshalIndent(ev, "", "  ")
}
