package feed

import (
	"slices"
	"strings"

	"sitegen/internal/civil"
	"sitegen/internal/schedule"
	"sitegen/internal/site"
)

// trainingJSON is one entry of /api/trainings.json.
type trainingJSON struct {
	Slug        string           `json:"slug"`
	Title       string           `json:"title"`
	Kind        string           `json:"kind"`
	Program     string           `json:"program"`
	Language    string           `json:"language"`
	Host        *hostJSON        `json:"host,omitempty"`
	Start       string           `json:"start"`
	End         string           `json:"end"`
	Daily       *dailyJSON       `json:"daily,omitempty"`
	Timezone    string           `json:"timezone"`
	Attendance  string           `json:"attendance"`
	Location    *placeJSON       `json:"location,omitempty"`
	Status      string           `json:"status"`
	Setting     string           `json:"setting"`
	Seats       int              `json:"seats,omitempty"`
	Application *applicationJSON `json:"application,omitempty"`
	URL         string           `json:"url"`
	Upcoming    bool             `json:"upcoming"`
}

type hostJSON struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type dailyJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type placeJSON struct {
	Name       string   `json:"name,omitempty"`
	Street     string   `json:"street,omitempty"`
	City       string   `json:"city,omitempty"`
	State      string   `json:"state,omitempty"`
	PostalCode string   `json:"postal_code,omitempty"`
	Latitude   *float64 `json:"latitude,omitempty"`
	Longitude  *float64 `json:"longitude,omitempty"`
	Accessible *bool    `json:"accessible,omitempty"`
}

type applicationJSON struct {
	Deadline  string `json:"deadline,omitempty"`
	URL       string `json:"url,omitempty"`
	Contact   string `json:"contact,omitempty"`
	Screening bool   `json:"screening"`
}

// TrainingsJSON returns /api/trainings.json: every published training of s, upcoming and past,
// as a JSON array sorted by start date, then title, then slug, each with "upcoming" telling
// whether it has not yet ended on s.Now. Dates are YYYY-MM-DD and times HH:MM in the
// training's own time zone, named by "timezone".
func TrainingsJSON(s *site.Site) ([]byte, error) {
	out := []trainingJSON{}
	for _, t := range sortedTrainings(s.Trainings) {
		j := trainingJSON{
			Slug:       t.Slug,
			Title:      t.Title,
			Kind:       t.Kind,
			Program:    t.Program,
			Language:   t.Language,
			Start:      t.Start.String(),
			End:        t.End.String(),
			Timezone:   zoneOf(s, t.Location).String(),
			Attendance: t.Attendance,
			Status:     t.Status,
			Setting:    t.Setting,
			Seats:      t.Seats,
			URL:        trainingURL(s, t),
			Upcoming:   t.Upcoming(s.Now),
		}
		if h := t.Host; h != nil {
			j.Host = &hostJSON{Slug: h.Slug, Name: h.Name, URL: affiliateURL(s, h)}
		}
		if d := t.Daily; d != nil {
			j.Daily = &dailyJSON{Start: d.Start.String(), End: d.End.String()}
		}
		if p := t.Place; p != nil {
			pj := &placeJSON{Name: p.Name, Street: p.Street, City: p.City, State: p.State,
				PostalCode: p.PostalCode, Accessible: p.Accessible}
			if p.HasCoords {
				lat, lon := p.Lat, p.Lon
				pj.Latitude, pj.Longitude = &lat, &lon
			}
			j.Location = pj
		}
		if a := t.Application; a != nil {
			j.Application = &applicationJSON{Deadline: dateOrEmpty(a.Deadline), URL: a.URL,
				Contact: a.Contact, Screening: a.Screening}
		}
		out = append(out, j)
	}
	return marshalJSON(out)
}

// sortedTrainings returns a copy of ts sorted by start date, then title, then slug.
func sortedTrainings(ts []*site.Training) []*site.Training {
	ts = slices.Clone(ts)
	slices.SortStableFunc(ts, func(a, b *site.Training) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return ts
}

// dateOrEmpty returns d as YYYY-MM-DD, or "" for the zero Date.
func dateOrEmpty(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// trainingFacts returns the plain-text facts of t for a feed summary or a description, one a
// line: what it is, when, where, who hosts it, its status and how to apply.
func trainingFacts(s *site.Site, t *site.Training) []string {
	es := isSpanish(s.Language)
	loc := zoneOf(s, t.Location)
	var facts []string

	what := kindLabel(t.Kind, es)
	if p := programLabel(t.Program); p != "" {
		what += ", " + p
	}
	facts = append(facts, what+".")

	when := t.Start.String()
	if t.End != t.Start {
		when += pick(es, " to ", " al ") + t.End.String()
	}
	if d := t.Daily; d != nil {
		// The zone as the pages name it: that of the training's days, or its name across the
		// year when it changes between them.
		when += ", " + d.Start.String() + "–" + d.End.String() + " " +
			schedule.ZoneBetween(loc, s.Language, t.Start.At(d.Start, loc), t.End.At(d.Start, loc))
	}
	facts = append(facts, when+".")

	if t.Attendance == "online" || t.Place == nil {
		facts = append(facts, pick(es, "Online.", "En línea."))
	} else {
		facts = append(facts, pick(es, "In person: ", "Presencial: ")+placeLine(t.Place)+".")
	}
	if t.Host != nil {
		facts = append(facts, pick(es, "Hosted by ", "Organiza: ")+t.Host.Name+".")
	}
	if st := statusLabel(t.Status, es); st != "" {
		facts = append(facts, st+".")
	}
	if a := t.Application; a != nil && t.Status == "open" && !a.Deadline.IsZero() {
		facts = append(facts, pick(es, "Apply by ", "Inscríbase antes del ")+a.Deadline.String()+".")
	}
	return facts
}

// placeLine returns p's name and address on one line.
func placeLine(p *site.Place) string {
	var parts []string
	for _, v := range []string{p.Name, fullAddress(p)} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}

// kindLabel names a training kind.
func kindLabel(kind string, es bool) string {
	switch kind {
	case "facilitator":
		return pick(es, "Facilitator training", "Capacitación de facilitadores")
	case "trainer":
		return pick(es, "Trainer training", "Capacitación de capacitadores")
	case "champion-orientation":
		return pick(es, "Champion orientation", "Orientación para Champions")
	}
	return pick(es, "Training", "Capacitación")
}

// programLabel names a program.
func programLabel(program string) string {
	switch program {
	case "connection":
		return "NAMI Connection"
	case "conexion":
		return "NAMI Conexión"
	}
	return ""
}

// statusLabel names a training status.
func statusLabel(status string, es bool) string {
	switch status {
	case "open":
		return pick(es, "Open for applications", "Inscripciones abiertas")
	case "full":
		return pick(es, "Full", "Cupo lleno")
	case "cancelled":
		return pick(es, "Cancelled", "Cancelada")
	case "postponed":
		return pick(es, "Postponed", "Aplazada")
	}
	return ""
}
